package web

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
)

// TestJourneyFieldsAreWhole: every kind has a form, and each field has the
// one accessor its type reads, so that no field is drawn and then lost.
func TestJourneyFieldsAreWhole(t *testing.T) {
	for _, k := range journey.Kinds {
		fs, ok := journeyFields[journey.Kind(k.Code)]
		if !ok {
			t.Errorf("kind %s has no fields", k.Code)
		}
		seen := map[string]bool{}
		for _, f := range fs {
			if seen[f.name] {
				t.Errorf("%s: field %s twice", k.Code, f.name)
			}
			seen[f.name] = true
			set := map[fieldType]bool{fDate: f.date != nil, fMoment: f.moment != nil, fYesNo: f.flag != nil, fChecks: f.list != nil,
				fSelect: f.text != nil, fText: f.text != nil, fTextarea: f.text != nil, fEpisode: f.id != nil, fFollows: f.id != nil}
			n := 0
			for _, v := range []bool{f.date != nil, f.moment != nil, f.flag != nil, f.list != nil, f.text != nil, f.id != nil} {
				if v {
					n++
				}
			}
			if !set[f.typ] || n != 1 {
				t.Errorf("%s: field %s has the wrong accessors for its type", k.Code, f.name)
			}
			if (f.typ == fSelect || f.typ == fChecks) && len(f.codes) == 0 {
				t.Errorf("%s: field %s offers no codes", k.Code, f.name)
			}
		}
	}
	if slices.Contains(recordable(), journey.KindAllocation) {
		t.Error("an allocation is recorded on its own page, not the journey's form")
	}
}

// TestJourneyFormRoundTrip: a record drawn into its form and read back is
// the same record, for every kind, with every field the form has set.
func TestJourneyFormRoundTrip(t *testing.T) {
	d := func(day int) civil.Date { return civil.MustNew(2026, time.March, day) }
	received := time.Date(2026, time.March, 29, 1, 30, 0, 0, civil.London) // the night the clocks go forward
	records := []journey.Record{
		{Kind: journey.KindContact, Start: civil.OfLondon(received), Contact: &journey.Contact{ReceivedAt: received, Source: "6", Summary: "Police <call>"}},
		{Kind: journey.KindEarlyHelp, Follows: 3, Start: d(2), End: d(20), EarlyHelp: &journey.EarlyHelp{AssessmentDate: d(5), LeadPractitioner: "Sam, school", FamilyHub: "North", Problems: []string{"education", "housing"}, Closure: "sustained_progress"}},
		{Kind: journey.KindReferral, Follows: 1, Start: d(2), End: d(30), Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N1", NFA: true, ClosureReason: "RC8"}},
		{Kind: journey.KindAssessment, Episode: 4, Start: d(3), End: d(9), Assessment: &journey.Assessment{Factors: []string{"1A", "21"}, ChildSeen: true}},
		{Kind: journey.KindStrategy, Episode: 4, Start: d(3), Strategy: &journey.Strategy{Outcome: "s47"}},
		{Kind: journey.KindS47, Episode: 4, Follows: 5, Start: d(3), End: d(8), S47: &journey.S47{Outcome: "icpc"}},
		{Kind: journey.KindICPC, Episode: 4, Follows: 6, Start: d(10), ICPC: &journey.ICPC{Plan: true, TransferIn: true}},
		{Kind: journey.KindCINPlan, Episode: 4, Start: d(10), End: d(11), Plan: &journey.Plan{}},
		{Kind: journey.KindCPPlan, Episode: 4, Follows: 7, Start: d(10), End: d(31), Plan: &journey.Plan{InitialCategory: "NEG", LatestCategory: "EMO"}},
		{Kind: journey.KindCPReview, Episode: 4, Follows: 9, Start: d(12), Review: &journey.Review{Continue: true}},
		{Kind: journey.KindVisit, Episode: 4, Follows: 9, Start: d(12), Visit: &journey.Visit{Seen: true, SeenAlone: true, BedroomSeen: true}},
		{Kind: journey.KindNote, Episode: 4, Start: d(12), Note: &journey.Note{Title: "Call", Text: "Rang\nmother"}},
		{Kind: journey.KindAllocation, Start: d(1), End: d(2), Allocation: &journey.Allocation{Reason: "Leave"}},
		{Kind: journey.KindFamilyMeeting, Episode: 4, Start: d(1), FamilyMeeting: &journey.FamilyMeeting{Held: d(9), Outcome: "plan_agreed"}},
	}
	for _, want := range records {
		t.Run(string(want.Kind), func(t *testing.T) {
			want.Version = 3
			got, bad := recordOf(journey.Record{Kind: want.Kind}, valuesOf(want))
			if len(bad) > 0 {
				t.Fatalf("errors %v", bad)
			}
			if want.Contact != nil && !got.Contact.ReceivedAt.Equal(want.Contact.ReceivedAt) {
				t.Fatalf("received at %v, want %v", got.Contact.ReceivedAt, want.Contact.ReceivedAt)
			} else if want.Contact != nil {
				got.Contact.ReceivedAt = want.Contact.ReceivedAt
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestRecordOfKeepsWhatTheFormLacks: a change starts from the record as it
// stands, so what its form does not show (a contact's decision, the team)
// stays, and the record it started from is not written into.
func TestRecordOfKeepsWhatTheFormLacks(t *testing.T) {
	at := time.Date(2026, time.May, 4, 9, 0, 0, 0, civil.London)
	cur := journey.Record{ID: 7, Kind: journey.KindContact, TeamID: 3, Start: civil.OfLondon(at), End: civil.OfLondon(at),
		Contact: &journey.Contact{ReceivedAt: at, Source: "6", Decision: "advice", DecidedAt: at.Add(time.Hour)}}
	v := valuesOf(cur)
	v.Set("contact.source", "2A")
	got, bad := recordOf(cur, v)
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	if got.Contact.Source != "2A" || got.Contact.Decision != "advice" || got.TeamID != 3 || got.End != cur.End || got.ID != 7 {
		t.Errorf("got %+v %+v", got, *got.Contact)
	}
	if cur.Contact.Source != "6" {
		t.Error("reading the form changed the record it started from")
	}
}

func TestRecordOfRefusesWhatCannotBeKept(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kind  journey.Kind
		vals  map[string]string
		field string
	}{
		{"a day that is not one", journey.KindNote, map[string]string{"start-day": "30", "start-month": "2", "start-year": "2026"}, "start"},
		{"a date without a year", journey.KindNote, map[string]string{"start-day": "3", "start-month": "2"}, "start"},
		{"a contact without a time", journey.KindContact, map[string]string{"contact.received_at-day": "3", "contact.received_at-month": "2", "contact.received_at-year": "2026"}, "contact.received_at"},
		{"a time past midnight", journey.KindContact, map[string]string{"contact.received_at-day": "3", "contact.received_at-month": "2", "contact.received_at-year": "2026", "contact.received_at-time": "24:00"}, "contact.received_at"},
		{"an episode that is not an id", journey.KindNote, map[string]string{"episode": "x"}, "episode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := map[string][]string{"kind": {string(tc.kind)}}
			for k, x := range tc.vals {
				v[k] = []string{x}
			}
			_, bad := recordOf(journey.Record{Kind: tc.kind}, v)
			if len(bad) != 1 || bad[0].Field != tc.field {
				t.Errorf("errors %v, want one on %s", bad, tc.field)
			}
		})
	}
}

func TestFormErrorsNameTheInputs(t *testing.T) {
	var app errs.Fields
	app.Add("assessment.factors[0]", "a")
	app.Add("assessment.factors[2]", "b")
	app.Add("start", "c")
	got := formErrors(journey.KindAssessment, nil, app.Err())
	if len(got) != 2 || got[0].Field != "assessment.factors" || got[0].Message != "a" || got[1].Field != "start" {
		t.Errorf("assessment: %v", got)
	}
	var own errs.Fields
	own.Add("contact.received_at", "typed")
	var c errs.Fields
	c.Add("start", "The date of the contact is the day it was received")
	c.Add("contact.source", "Choose")
	got = formErrors(journey.KindContact, own, c.Err())
	if len(got) != 2 || got[0].Message != "typed" || got[1].Field != "contact.source" {
		t.Errorf("contact: %v", got)
	}
}

func TestTimeLeft(t *testing.T) {
	now := time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		due  time.Duration
		want string
	}{
		{0, "0 minutes"},
		{time.Minute, "1 minute"},
		{59*time.Minute + 29*time.Second, "59 minutes"},
		{59*time.Minute + 30*time.Second, "1 hour"},
		{time.Hour + time.Minute, "1 hour 1 minute"},
		{23*time.Hour + 59*time.Minute, "23 hours 59 minutes"},
		{-6 * time.Hour, "6 hours"},
		{-30 * time.Hour, "30 hours"},
	} {
		if got := timeLeft(now.Add(tc.due), now); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.due, got, tc.want)
		}
	}
}
