package api

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// TestNewJourneyRecordMirrorsRecord holds the body that adds a record to
// journey.Record: the same JSON fields but those the service gives, each
// carried into the record.
func TestNewJourneyRecordMirrorsRecord(t *testing.T) {
	all, _ := jsonFields(reflect.TypeFor[journey.Record]())
	var want []string
	for _, f := range all {
		if !slices.Contains([]string{"id", "version", "person_id", "recorded_at"}, f) {
			want = append(want, f)
		}
	}
	got, _ := jsonFields(reflect.TypeFor[newJourneyRecord]())
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("newJourneyRecord's fields (-journey.Record's but id, version, person_id, recorded_at +newJourneyRecord):\n%s", diff)
	}

	// Every field set, every detail given, so a field record() drops shows.
	full := journey.Record{
		Kind: journey.KindNote, Episode: 3, Follows: 4, Start: civil.MustNew(2025, time.May, 1), End: civil.MustNew(2025, time.May, 2),
		TeamID: 5, WorkerID: 6,
		Contact:       &journey.Contact{Source: "2A", Summary: "s"},
		EarlyHelp:     &journey.EarlyHelp{FamilyHub: "hub"},
		Referral:      &journey.Referral{Source: "6", PrimaryNeed: "N1"},
		Assessment:    &journey.Assessment{ChildSeen: true},
		Strategy:      &journey.Strategy{Outcome: "s47"},
		S47:           &journey.S47{Outcome: "icpc"},
		ICPC:          &journey.ICPC{Plan: true},
		Plan:          &journey.Plan{InitialCategory: "NEG"},
		Review:        &journey.Review{Continue: true},
		Visit:         &journey.Visit{Seen: true},
		Note:          &journey.Note{Title: "t", Text: "x"},
		Allocation:    &journey.Allocation{Reason: "r"},
		FamilyMeeting: &journey.FamilyMeeting{Outcome: "declined"},

		CareEpisode:      &care.Episode{LegalStatus: "C2", Placement: "U4", Postcode: "WV1 1AA", URN: "SC123456"},
		CareReview:       &care.Review{Participation: "PN1"},
		HealthAssessment: &care.HealthAssessment{Initial: true},
		DentalCheck:      &care.DentalCheck{},
		Immunisations:    &care.Immunisations{UpToDate: true},
		SDQ:              &care.SDQ{Reason: "SDQ1"},
		PEP:              &care.PEP{},
		UASC:             &care.UASC{},
		Adoption:         &care.Adoption{Adopters: 2},
		SGO:              &care.SGO{RelativeOrFriend: true},
		LeavingCare:      &care.LeavingCare{Adviser: "a"},
		PathwayPlan:      &care.PathwayPlan{WithYoungPerson: true},
		LeaverContact:    &care.LeaverContact{InTouch: "YES"},
		Missing:          &care.Missing{ReportedToPolice: true},
		Screening:        &care.Screening{Sexual: "high"},
		MACE:             &care.MACE{Summary: "m"},
	}
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	var req newJourneyRecord
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(full, req.record()); diff != "" {
		t.Errorf("record() (-sent +kept):\n%s", diff)
	}
}

// TestNewJourneyRecordRefusesWhatTheServiceGives checks that a body naming
// an id, a version, a child or a recording moment is refused, naming it.
func TestNewJourneyRecordRefusesWhatTheServiceGives(t *testing.T) {
	for _, field := range []string{"id", "version", "person_id", "recorded_at"} {
		body := `{"kind":"note","start":"2025-05-01","note":{"title":"t","text":"x"},"` + field + `":1}`
		var req newJourneyRecord
		err := decodeBytes([]byte(body), &req)
		e := errs.As(err)
		if e == nil || e.Code != errs.BadRequest || len(e.Fields) != 1 || e.Fields[0].Field != field {
			t.Errorf("%s: %v, want a bad request naming %s", field, err, field)
		}
	}
}

// TestOpenAPIJourneyEnums holds the document's journey code lists to the
// Go ones.
func TestOpenAPIJourneyEnums(t *testing.T) {
	doc := loadOpenAPI(t)
	s := doc.Components.Schemas
	codes := func(l people.CodeList) []string {
		out := make([]string, 0, len(l))
		for _, c := range l {
			out = append(out, c.Code)
		}
		return out
	}
	kinds := codes(journey.Kinds)
	for _, tc := range []struct {
		where string
		got   *schema
		want  []string
	}{
		{"JourneyRecord.kind", prop(s, "JourneyRecord", "kind"), kinds},
		{"NewJourneyRecord.kind", prop(s, "NewJourneyRecord", "kind"), kinds},
		// A work list's items are the journey's, and an education
		// officer's SEND deadlines (app.EducationDue).
		{"DueItem.kind", prop(s, "DueItem", "kind"), append(slices.Clone(kinds), string(education.KindEHCRequest), string(education.KindEHCPlan))},
		{"ChronologyEvent.kind", prop(s, "ChronologyEvent", "kind"), kinds},
		{"Period.kinds", items(prop(s, "Period", "kinds")), kinds},
		{"JourneyPage.status", prop(s, "JourneyPage", "status"), codes(journey.Statuses)},
		{"WorkChild.status", prop(s, "WorkChild", "status"), append(codes(journey.Statuses), "education")},
		{"JourneyContact.source", prop(s, "JourneyContact", "source"), codes(journey.ReferralSources)},
		{"JourneyContact.decision", prop(s, "JourneyContact", "decision"), codes(journey.ContactDecisions)},
		{"JourneyEarlyHelp.problems", items(prop(s, "JourneyEarlyHelp", "problems")), codes(journey.FamilyProblems)},
		{"JourneyEarlyHelp.closure", prop(s, "JourneyEarlyHelp", "closure"), codes(journey.EarlyHelpClosures)},
		{"JourneyReferral.source", prop(s, "JourneyReferral", "source"), codes(journey.ReferralSources)},
		{"JourneyReferral.primary_need", prop(s, "JourneyReferral", "primary_need"), codes(journey.PrimaryNeeds)},
		{"JourneyReferral.closure_reason", prop(s, "JourneyReferral", "closure_reason"), codes(journey.ClosureReasons)},
		{"JourneyAssessment.factors", items(prop(s, "JourneyAssessment", "factors")), codes(journey.AssessmentFactors)},
		{"JourneyStrategy.outcome", prop(s, "JourneyStrategy", "outcome"), codes(journey.StrategyOutcomes)},
		{"JourneyS47.outcome", prop(s, "JourneyS47", "outcome"), codes(journey.S47Outcomes)},
		{"JourneyPlan.initial_category", prop(s, "JourneyPlan", "initial_category"), codes(journey.AbuseCategories)},
		{"JourneyPlan.latest_category", prop(s, "JourneyPlan", "latest_category"), codes(journey.AbuseCategories)},
		{"JourneyFamilyMeeting.outcome", prop(s, "JourneyFamilyMeeting", "outcome"), codes(journey.FamilyMeetingOutcomes)},
		{"ContactDecision.decision", prop(s, "ContactDecision", "decision"), codes(journey.ContactDecisions)},
		{"ContactDecision.primary_need", prop(s, "ContactDecision", "primary_need"), codes(journey.PrimaryNeeds)},
	} {
		if tc.got == nil {
			t.Errorf("%s: not in the document", tc.where)
			continue
		}
		if diff := cmp.Diff(tc.want, tc.got.Enum); diff != "" {
			t.Errorf("%s enum (-Go +document):\n%s", tc.where, diff)
		}
	}
}

// prop is a property of a schema of the document, or nil.
func prop(s map[string]schema, name, property string) *schema {
	p, ok := s[name].Properties[property]
	if !ok {
		return nil
	}
	return &p
}

// items is the schema of a list's items, or nil.
func items(p *schema) *schema {
	if p == nil {
		return nil
	}
	return p.Items
}
