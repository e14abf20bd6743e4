package education

import (
	"slices"
	"testing"

	"hearth/internal/civil"
)

func TestValidateCME(t *testing.T) {
	found := CMEEnquiry{
		Received: d(2023, 1, 10), Source: CMEFromSchool,
		Steps:   []CMEStep{{On: d(2023, 1, 11), Step: "family"}, {On: d(2023, 1, 12), Step: "schools", Outcome: "on roll at a school in Leeds"}},
		Outcome: "on_roll", RiskAssessment: "Low: attending", Closed: d(2023, 1, 13),
	}
	if bad := ValidateCME(found); bad != nil {
		t.Fatalf("a found child: %v", bad)
	}
	lost := CMEEnquiry{
		Received: d(2023, 11, 30), Source: CMEFromElsewhere,
		Steps:   []CMEStep{{On: d(2023, 12, 1), Step: "home_visit"}, {On: d(2024, 1, 5), Step: "s2s"}},
		Outcome: "lost", RiskAssessment: "Medium", Closed: d(2024, 2, 29),
	}
	if bad := ValidateCME(lost); bad != nil {
		t.Fatalf("lost after 3 months (30 November to 29 February, a leap year): %v", bad)
	}
	tests := []struct {
		name   string
		base   CMEEnquiry
		change func(*CMEEnquiry)
		field  string
	}{
		{"no source", found, func(e *CMEEnquiry) { e.Source = "" }, "source"},
		{"unknown step", found, func(e *CMEEnquiry) { e.Steps[0].Step = "guess" }, "steps[0].step"},
		{"step before receipt", found, func(e *CMEEnquiry) { e.Steps[0].On = d(2023, 1, 9) }, "steps[0].on"},
		{"step after closure", found, func(e *CMEEnquiry) { e.Steps[1].On = d(2023, 1, 14) }, "steps[1].on"},
		{"closed without a risk assessment", found, func(e *CMEEnquiry) { e.RiskAssessment = "" }, "risk_assessment"},
		{"closed without an outcome", found, func(e *CMEEnquiry) { e.Outcome = "" }, "outcome"},
		{"an outcome without closing", found, func(e *CMEEnquiry) { e.Closed = civil.Date{} }, "closed"},
		{"lost a day early", lost, func(e *CMEEnquiry) { e.Closed = d(2024, 2, 28) }, "closed"},
		{"lost without searching", lost, func(e *CMEEnquiry) { e.Steps = e.Steps[:1] }, "outcome"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.base
			e.Steps = append([]CMEStep(nil), tc.base.Steps...)
			tc.change(&e)
			if bad := ValidateCME(e); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
}

func TestValidateEHE(t *testing.T) {
	ok := EHE{From: d(2022, 9, 5), School: "103234", MeetingOffered: d(2022, 9, 1),
		Contacts:     []EHEContact{{On: d(2022, 11, 1), Outcome: "concerns"}},
		NoticeServed: d(2023, 1, 9), OrderMade: d(2023, 1, 24)}
	if bad := ValidateEHE(ok); bad != nil {
		t.Fatalf("valid: %v", bad)
	}
	tests := []struct {
		name   string
		change func(*EHE)
		field  string
	}{
		{"no start", func(e *EHE) { e.From = civil.Date{} }, "from"},
		{"unknown contact outcome", func(e *EHE) { e.Contacts[0].Outcome = "fine" }, "contacts[0].outcome"},
		{"contact before home education", func(e *EHE) { e.Contacts[0].On = d(2022, 9, 4) }, "contacts[0].on"},
		{"order without notice", func(e *EHE) { e.NoticeServed = civil.Date{} }, "order_made"},
		{"order within the notice's 15 days", func(e *EHE) { e.OrderMade = d(2023, 1, 23) }, "order_made"},
		{"ended without reason", func(e *EHE) { e.Ended = d(2023, 6, 1) }, "end_reason"},
		{"unknown reason", func(e *EHE) { e.Ended = d(2023, 6, 1); e.EndReason = "bored" }, "end_reason"},
		{"ended before it started", func(e *EHE) { e.Ended = d(2022, 9, 1); e.EndReason = "school" }, "ended"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := ok
			e.Contacts = append([]EHEContact(nil), ok.Contacts...)
			tc.change(&e)
			if bad := ValidateEHE(e); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
}

func TestEHEContact(t *testing.T) {
	e := EHE{From: d(2023, 2, 28), Contacts: []EHEContact{
		{On: d(2023, 3, 15), Outcome: "no_response"},
		{On: d(2023, 4, 20), Outcome: "suitable"},
		{On: d(2024, 6, 1), Outcome: "declined"},
	}}
	if got := ContactDue(e); got != d(2024, 4, 20) {
		t.Errorf("contact due %s, want a year after the last contact that reached the family", got)
	}
	if got := ContactDue(EHE{From: d(2024, 2, 29)}); got != d(2025, 2, 28) {
		t.Errorf("no contact yet: due %s, want 28 February 2025", got)
	}
	tests := []struct {
		at   civil.Date
		want bool
	}{
		{d(2023, 4, 19), false}, // before the contact
		{d(2023, 4, 20), true},  // on the day
		{d(2024, 4, 19), true},  // within 12 months
		{d(2024, 4, 20), false}, // 12 months on: outside
	}
	for _, tc := range tests {
		if got := InContact(e, tc.at); got != tc.want {
			t.Errorf("InContact at %s = %v, want %v", tc.at, got, tc.want)
		}
	}
	later := e
	later.Contacts = append(later.Contacts, EHEContact{On: d(2024, 9, 1), Outcome: "suitable"})
	if !InContact(later, d(2024, 4, 19)) {
		t.Error("a later contact hid the one within the 12 months")
	}
}

func TestCMEAndEHEDeadlines(t *testing.T) {
	tests := []struct {
		name string
		got  []Deadline
		want []Deadline
	}{
		{"no date received: no clock", CMEDeadlines(CMEEnquiry{}), nil},
		{"open enquiry: tracked 3 months", CMEDeadlines(CMEEnquiry{Received: d(2023, 11, 30)}),
			[]Deadline{{Rule: "CME", What: "Find the child missing education, or add them to the lost pupils database", Due: d(2024, 2, 29)}}},
		{"31 May: tracked to the end of August", CMEDeadlines(CMEEnquiry{Received: d(2025, 5, 31), Closed: d(2025, 6, 2)}),
			[]Deadline{{Rule: "CME", What: "Find the child missing education, or add them to the lost pupils database", Due: d(2025, 8, 31), Met: d(2025, 6, 2)}}},
		{"home education ended: nothing runs", EHEDeadlines(EHE{From: d(2024, 1, 1), Ended: d(2024, 6, 1)}), nil},
		{"no contact yet: a year from the start", EHEDeadlines(EHE{From: d(2024, 2, 29)}),
			[]Deadline{{Rule: "EHE", What: "Contact the home-educating family (at least yearly)", Due: d(2025, 2, 28)}}},
		{"a year from the last contact that reached the family", EHEDeadlines(EHE{From: d(2023, 9, 1), Contacts: []EHEContact{
			{On: d(2023, 10, 2), Outcome: "suitable"}, {On: d(2024, 10, 1), Outcome: "no_response"}}}),
			[]Deadline{{Rule: "EHE", What: "Contact the home-educating family (at least yearly)", Due: d(2024, 10, 2)}}},
		{"a notice served: the order's decision after its 15 days", EHEDeadlines(EHE{From: d(2024, 1, 8), NoticeServed: d(2024, 3, 1)}),
			[]Deadline{{Rule: "EHE", What: "Contact the home-educating family (at least yearly)", Due: d(2025, 1, 8)},
				{Rule: "SAO", What: "Decide whether to make a school attendance order", Due: d(2024, 3, 17)}}},
		{"the order made: met", EHEDeadlines(EHE{From: d(2024, 1, 8), NoticeServed: d(2024, 3, 1), OrderMade: d(2024, 3, 20)})[1:],
			[]Deadline{{Rule: "SAO", What: "Decide whether to make a school attendance order", Due: d(2024, 3, 17), Met: d(2024, 3, 20)}}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
}

func TestLatestContact(t *testing.T) {
	e := EHE{From: d(2024, 9, 2), Contacts: []EHEContact{
		{On: d(2025, 3, 3), Outcome: "suitable"}, {On: d(2025, 10, 6), Outcome: "no_response"}, {On: d(2026, 2, 2), Outcome: "declined"},
	}}
	tests := []struct {
		by   civil.Date
		want EHEContact
		ok   bool
	}{
		{d(2026, 5, 1), EHEContact{On: d(2026, 2, 2), Outcome: "declined"}, true},
		{d(2025, 10, 6), EHEContact{On: d(2025, 10, 6), Outcome: "no_response"}, true},
		{d(2025, 3, 2), EHEContact{}, false},
	}
	for _, tc := range tests {
		got, ok := LatestContact(e, tc.by)
		if got != tc.want || ok != tc.ok {
			t.Errorf("by %s: got %+v %v, want %+v %v", tc.by, got, ok, tc.want, tc.ok)
		}
	}
	// A declined and an unanswered contact do not put the family in contact.
	if InContact(e, d(2026, 5, 1)) {
		t.Error("in contact on a refusal and no answer")
	}
	if !InContact(e, d(2026, 3, 2)) || InContact(e, d(2026, 3, 3)) {
		t.Error("the 12 months after the last contact that reached the family are wrong at their edge")
	}
}

func TestLostPupilFound(t *testing.T) {
	lost := CMEEnquiry{Received: d(2025, 2, 3), Source: CMEFromSchool, Steps: []CMEStep{{On: d(2025, 2, 4), Step: "s2s"}},
		Outcome: "lost", RiskAssessment: "Medium", Closed: d(2025, 5, 6)}
	r := Normalise(Record{PersonID: 1, Kind: KindCME, CME: &lost})
	if !r.End.IsZero() {
		t.Errorf("a lost pupil's enquiry ends on %s, want open until found", r.End)
	}
	found := lost
	found.Found = d(2025, 9, 3)
	if bad := ValidateCME(found); bad != nil {
		t.Fatal(bad)
	}
	if r := Normalise(Record{PersonID: 1, Kind: KindCME, CME: &found}); r.End != found.Found {
		t.Errorf("a lost pupil found ends on %s, want %s", r.End, found.Found)
	}
	onRoll := found
	onRoll.Outcome = "on_roll"
	early := found
	early.Found = d(2025, 5, 5)
	running := CMEEnquiry{Received: d(2025, 2, 3), Source: CMEFromSchool, Found: d(2025, 3, 1)}
	for name, e := range map[string]CMEEnquiry{"found, not lost": onRoll, "found before closing": early, "found while running": running} {
		if bad := ValidateCME(e); !bad.Has("found") {
			t.Errorf("%s: %v, want an error on found", name, bad)
		}
	}
}
