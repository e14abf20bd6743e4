package web

import (
	"html/template"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
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
				fSelect: f.text != nil, fText: f.text != nil, fTextarea: f.text != nil, fEpisode: f.id != nil, fFollows: f.id != nil, fNumber: f.num != nil}
			n := 0
			for _, v := range []bool{f.date != nil, f.moment != nil, f.flag != nil, f.list != nil, f.text != nil, f.id != nil, f.num != nil} {
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
	for _, want := range sampleRecords() {
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
			if m := want.Missing; m != nil {
				if !got.Missing.StartedAt.Equal(m.StartedAt) || !got.Missing.ReturnedAt.Equal(m.ReturnedAt) {
					t.Fatalf("missing from %v to %v, want %v to %v", got.Missing.StartedAt, got.Missing.ReturnedAt, m.StartedAt, m.ReturnedAt)
				}
				got.Missing.StartedAt, got.Missing.ReturnedAt = m.StartedAt, m.ReturnedAt
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// sampleRecords are a record of every kind with every field its form has
// set (and, for the kinds where it matters, one with a field left empty).
func sampleRecords() []journey.Record {
	d := func(day int) civil.Date { return civil.MustNew(2026, time.March, day) }
	received := time.Date(2026, time.March, 29, 1, 30, 0, 0, civil.London) // the night the clocks go forward
	zero := 0
	return []journey.Record{
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
		{Kind: journey.KindCareEpisode, Start: d(2), End: d(20), CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR1",
			Postcode: "WV1 1AA", URN: "SC123456", Household: 42, ReasonNew: "P", ReasonCeased: "X1", ReasonPlaceChange: "CARPL", Permanence: "long_term_fostering", LongTermStable: true}},
		{Kind: journey.KindCareReview, Start: d(3), CareReview: &care.Review{Participation: "PN1"}},
		{Kind: journey.KindHealthAssessment, Start: d(3), HealthAssessment: &care.HealthAssessment{Initial: true}},
		{Kind: journey.KindDentalCheck, Start: d(3), DentalCheck: &care.DentalCheck{}},
		{Kind: journey.KindImmunisations, Start: d(3), Immunisations: &care.Immunisations{UpToDate: true}},
		{Kind: journey.KindSDQ, Start: d(3), SDQ: &care.SDQ{Score: &zero}}, // a score of 0 is a score, not none
		{Kind: journey.KindSDQ, Start: d(3), SDQ: &care.SDQ{Reason: "SDQ2"}},
		{Kind: journey.KindPEP, Start: d(3), PEP: &care.PEP{}},
		{Kind: journey.KindUASC, Start: d(3), End: d(28), UASC: &care.UASC{}},
		{Kind: journey.KindAdoption, Start: d(1), End: d(30), Adoption: &care.Adoption{PlacementOrder: d(5), Matched: d(10), Placed: d(12), Order: d(30),
			FosterCarers: true, Adopters: 2, AdoptersSex: "MF", AdoptersStatus: "L11", ReasonCeased: "RD4"}},
		{Kind: journey.KindSGO, Start: d(3), SGO: &care.SGO{FormerFosterCarers: true, RelativeOrFriend: true}},
		{Kind: journey.KindLeavingCare, Start: d(3), End: d(4), LeavingCare: &care.LeavingCare{Adviser: "Jo Patel"}},
		{Kind: journey.KindPathwayPlan, Start: d(3), PathwayPlan: &care.PathwayPlan{WithYoungPerson: true}},
		{Kind: journey.KindLeaverContact, Start: d(3), LeaverContact: &care.LeaverContact{InTouch: "YES", Activity: "F2", Accommodation: "Z1", StayingPut: true}},
		{Kind: journey.KindMissing, Start: civil.OfLondon(received), End: d(30), Missing: &care.Missing{Away: true, StartedAt: received, ReturnedAt: time.Date(2026, time.March, 30, 23, 5, 0, 0, civil.London),
			ReportedToPolice: true, InterviewOffered: true, InterviewAccepted: true, InterviewDate: d(31)}},
		{Kind: journey.KindMissing, Start: d(3), Missing: &care.Missing{StartedAt: time.Date(2026, time.March, 3, 16, 0, 0, 0, civil.London)}}, // not yet back
		{Kind: journey.KindScreening, Start: d(3), Screening: &care.Screening{Sexual: "low", Criminal: "high", CountyLines: "medium", Trafficking: "none", Summary: "Seen with older youths"}},
		{Kind: journey.KindMACE, Start: d(3), MACE: &care.MACE{Summary: "Disruption plan agreed"}},
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
		{"a score that is not a number", journey.KindSDQ, map[string]string{"sdq.score": "twelve"}, "sdq.score"},
		{"a household that is not a number", journey.KindCareEpisode, map[string]string{"care_episode.household": "12a"}, "care_episode.household"},
		{"a missing episode without a time", journey.KindMissing, map[string]string{"missing.started_at-day": "3", "missing.started_at-month": "2", "missing.started_at-year": "2026"}, "missing.started_at"},
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

// TestEveryKindsFormRenders: the form of every kind the journey records
// draws each of its inputs, with an error shown at its input, and the
// check page and the record's page show a row for each field.
func TestEveryKindsFormRenders(t *testing.T) {
	s := newTestServer(t)
	person := people.Person{ID: 5, GivenName: "Amira", FamilyName: "Khan"}
	for _, rec := range sampleRecords() {
		if !slices.Contains(recordable(), rec.Kind) {
			continue
		}
		t.Run(string(rec.Kind), func(t *testing.T) {
			fs := journeyFields[rec.Kind]
			p := &journeyFormView{Person: person, Kind: rec.Kind, KindLabel: lowerFirst(journey.Kinds.Label(string(rec.Kind))), Values: valuesOf(rec), Action: "/x"}
			p.Errors = errs.Fields{{Field: fs[0].name, Message: "Planted error"}}
			w := httptest.NewRecorder()
			if err := s.render(w, 200, "journey-form", p.withFields(nil, 0)); err != nil {
				t.Fatal(err)
			}
			body := w.Body.String()
			for _, f := range fs {
				name := f.name
				if f.typ == fDate || f.typ == fMoment {
					name += "-day"
				}
				if !strings.Contains(body, `name="`+name+`"`) {
					t.Errorf("the form has no input %s", name)
				}
			}
			if !strings.Contains(body, `href="#`+anchor(journeyDateFields, fs[0].name)+`"`) || strings.Count(body, "Planted error") < 2 {
				t.Errorf("the error on %s is not in the summary and at its input", fs[0].name)
			}
			p.Errors, p.Rows = nil, journeyRows(rec, nil)
			if len(p.Rows) != len(fs) {
				t.Errorf("%d rows for %d fields", len(p.Rows), len(fs))
			}
			w = httptest.NewRecorder()
			if err := s.render(w, 200, "journey-check", p); err != nil {
				t.Fatal(err)
			}
			for _, r := range p.Rows {
				if !strings.Contains(w.Body.String(), template.HTMLEscapeString(r.Key)) {
					t.Errorf("the check page has no row %q", r.Key)
				}
			}
			rp := journeyRecordView{JourneyRecordPage: app.JourneyRecordPage{Person: person, Record: rec}, Rows: p.Rows}
			if err := s.render(httptest.NewRecorder(), 200, "journey-record", rp); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestMissingEpisodeDates: a missing episode's dates are the days it began
// and ended, and the app's errors about them are shown at the times typed.
func TestMissingEpisodeDates(t *testing.T) {
	v := url.Values{"missing.started_at-day": {"28"}, "missing.started_at-month": {"3"}, "missing.started_at-year": {"2026"}, "missing.started_at-time": {"23:30"},
		"missing.returned_at-day": {"29"}, "missing.returned_at-month": {"3"}, "missing.returned_at-year": {"2026"}, "missing.returned_at-time": {"02:10"}}
	got, bad := recordOf(journey.Record{Kind: journey.KindMissing}, v)
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	if got.Start != civil.MustNew(2026, time.March, 28) || got.End != civil.MustNew(2026, time.March, 29) {
		t.Errorf("start %v, end %v", got.Start, got.End)
	}
	// Not back yet: a change that clears the return clears the end.
	v.Del("missing.returned_at-day")
	v.Del("missing.returned_at-month")
	v.Del("missing.returned_at-year")
	v.Del("missing.returned_at-time")
	if got, _ = recordOf(got, v); !got.End.IsZero() || !got.Missing.ReturnedAt.IsZero() {
		t.Errorf("still ends %v at %v", got.End, got.Missing.ReturnedAt)
	}
	var refused errs.Fields
	refused.Add("start", "a")
	refused.Add("end", "b")
	if f := formErrors(journey.KindMissing, nil, refused.Err()); len(f) != 2 || f[0].Field != "missing.started_at" || f[1].Field != "missing.returned_at" {
		t.Errorf("errors %v", f)
	}
}

func TestArticle(t *testing.T) {
	for label, want := range map[string]string{"Visit": "a visit", "Episode of care": "an episode of care", "Immunisations": "immunisations",
		"Strengths and difficulties questionnaire": "a strengths and difficulties questionnaire"} {
		if got := article(label); got != want {
			t.Errorf("%s: %q, want %q", label, got, want)
		}
	}
}
