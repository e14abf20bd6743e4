package education

import (
	"testing"

	"hearth/internal/civil"
)

func TestValidateRequest(t *testing.T) {
	full := EHCRequest{
		Received: d(2023, 1, 9), RequestOutcome: "Y", RequestDecided: d(2023, 2, 13),
		AssessmentOutcome: "Y", AssessmentDecided: d(2023, 4, 3), DraftIssued: d(2023, 4, 17), FinalIssued: d(2023, 5, 22),
	}
	if bad := ValidateRequest(full); bad != nil {
		t.Fatalf("a whole request: %v", bad)
	}
	tests := []struct {
		name   string
		change func(*EHCRequest)
		field  string
	}{
		{"no received date", func(r *EHCRequest) { r.Received = civil.Date{} }, "received"},
		{"unknown outcome", func(r *EHCRequest) { r.RequestOutcome = "H" }, "request_outcome"},
		{"outcome without its date", func(r *EHCRequest) { r.RequestDecided = civil.Date{} }, "request_decided"},
		{"assessed after a refusal", func(r *EHCRequest) { r.RequestOutcome = "N" }, "assessment_outcome"},
		{"a plan after deciding not to issue one", func(r *EHCRequest) { r.AssessmentOutcome = "N" }, "final_issued"},
		{"decided before received", func(r *EHCRequest) { r.RequestDecided = d(2023, 1, 2) }, "request_decided"},
		{"final before draft", func(r *EHCRequest) { r.FinalIssued = d(2023, 4, 10) }, "final_issued"},
		{"final within the 15 days for comments", func(r *EHCRequest) { r.FinalIssued = d(2023, 5, 1) }, "final_issued"},
		{"unknown exception", func(r *EHCRequest) { r.Exceptions = []string{"E"} }, "exceptions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := full
			tc.change(&r)
			if bad := ValidateRequest(r); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
	onTheFifteenth := full
	onTheFifteenth.FinalIssued = d(2023, 5, 2) // draft 17 April: 15 days counting that day end on 1 May
	if bad := ValidateRequest(onTheFifteenth); bad != nil {
		t.Errorf("final the day after the comment period: %v", bad)
	}
}

func TestRequestDeadlines(t *testing.T) {
	received := d(2023, 1, 9)
	tests := []struct {
		name string
		r    EHCRequest
		want []Deadline
	}{
		{"awaiting the decision", EHCRequest{Received: received},
			[]Deadline{{Rule: "R1", Due: d(2023, 2, 20)}}},
		{"refused", EHCRequest{Received: received, RequestOutcome: "N", RequestDecided: d(2023, 2, 20)},
			[]Deadline{{Rule: "R1", Due: d(2023, 2, 20), Met: d(2023, 2, 20)}}},
		{"assessing", EHCRequest{Received: received, RequestOutcome: "Y", RequestDecided: d(2023, 2, 1)},
			[]Deadline{{Rule: "R1", Due: d(2023, 2, 20), Met: d(2023, 2, 1)}, {Rule: "R6", Due: d(2023, 5, 29)}}},
		{"no plan", EHCRequest{Received: received, RequestOutcome: "Y", RequestDecided: d(2023, 2, 1), AssessmentOutcome: "N", AssessmentDecided: d(2023, 5, 2)},
			[]Deadline{{Rule: "R1", Due: d(2023, 2, 20), Met: d(2023, 2, 1)}, {Rule: "R3", Due: d(2023, 5, 1), Met: d(2023, 5, 2)}}},
		{"an exception", EHCRequest{Received: received, Exceptions: []string{"C"}},
			[]Deadline{{Rule: "R1", Due: d(2023, 2, 20), Excepted: true}}},
		{"across 29 February", EHCRequest{Received: d(2024, 1, 25)},
			[]Deadline{{Rule: "R1", Due: d(2024, 3, 7)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := RequestDeadlines(tc.r)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Rule != w.Rule || g.Due != w.Due || g.Met != w.Met || g.Excepted != w.Excepted {
					t.Errorf("[%d] got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestDeadlineLate(t *testing.T) {
	due := d(2023, 5, 29)
	tests := []struct {
		d     Deadline
		today civil.Date
		late  bool
	}{
		{Deadline{Due: due}, due, false},                                // due today is not late
		{Deadline{Due: due}, due.AddDays(1), true},                      // open the day after
		{Deadline{Due: due, Met: due}, due.AddDays(9), false},           // met on the day
		{Deadline{Due: due, Met: due.AddDays(1)}, due.AddDays(9), true}, // met a day late
		{Deadline{Due: due, Excepted: true}, due.AddDays(30), false},    // an exception applied
	}
	for _, tc := range tests {
		if got := tc.d.Late(tc.today); got != tc.late {
			t.Errorf("%+v on %s: late %v, want %v", tc.d, tc.today, got, tc.late)
		}
	}
}

func TestWithin20Weeks(t *testing.T) {
	r := EHCRequest{Received: d(2023, 1, 9), FinalIssued: d(2023, 5, 29)}
	if within, _ := Within20Weeks(r); !within {
		t.Error("issued on the last day is within 20 weeks")
	}
	r.FinalIssued = d(2023, 5, 30)
	if within, _ := Within20Weeks(r); within {
		t.Error("a day late counted as within")
	}
	r.Exceptions = []string{"A"}
	if _, excepted := Within20Weeks(r); !excepted {
		t.Error("the exception was not reported")
	}
	if within, _ := Within20Weeks(EHCRequest{Received: d(2023, 1, 9)}); within {
		t.Error("no plan yet counted as within")
	}
}

func TestReviewDue(t *testing.T) {
	born := d(2019, 6, 15)
	tests := []struct {
		name                string
		issued, last, birth civil.Date
		rule                string
		due                 civil.Date
	}{
		{"first review, 12 months from issue", d(2023, 3, 31), civil.Date{}, d(2010, 1, 1), "R9", d(2024, 3, 31)},
		{"then 12 months from the last review", d(2023, 3, 31), d(2024, 2, 29), d(2010, 1, 1), "R9", d(2025, 2, 28)},
		{"under 5: six months", d(2023, 3, 31), civil.Date{}, born, "R10", d(2023, 9, 30)},
		{"5 on the day counted from: annual", d(2024, 6, 15), civil.Date{}, born, "R9", d(2025, 6, 15)},
		{"the day before the fifth birthday: six months", d(2024, 6, 14), civil.Date{}, born, "R10", d(2024, 12, 14)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ReviewDue(tc.issued, tc.last, tc.birth)
			if got.Rule != tc.rule || got.Due != tc.due {
				t.Errorf("got %s %s, want %s %s", got.Rule, got.Due, tc.rule, tc.due)
			}
		})
	}
}

func TestOtherSENDClocks(t *testing.T) {
	if got := ReviewDecisionDue(d(2023, 12, 20)).Due; got != d(2024, 1, 17) {
		t.Errorf("review decision due %s, want 17 January 2024", got)
	}
	if got := AmendmentDue(d(2024, 1, 4)).Due; got != d(2024, 2, 29) {
		t.Errorf("amendment due %s, want 29 February 2024", got)
	}
	school, ok := PhaseTransferDue(TransferSchool, d(2024, 9, 4))
	if !ok || school.Due != d(2024, 2, 15) {
		t.Errorf("school phase transfer due %s, want 15 February 2024", school.Due)
	}
	post16, ok := PhaseTransferDue(TransferPost16, d(2024, 9, 4))
	if !ok || post16.Due != d(2024, 3, 31) {
		t.Errorf("post-16 transfer due %s, want 31 March 2024", post16.Due)
	}
	if _, ok := PhaseTransferDue("college", d(2024, 9, 4)); ok {
		t.Error("an unknown transfer had a deadline")
	}
}
