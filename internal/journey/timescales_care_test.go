package journey

import (
	"testing"
	"time"

	"hearth/internal/civil"
)

// As in TestAssessmentDue, the dates are counted by hand from the England
// and Wales bank holidays, the first working day after the start being 1.
func TestCareReviewDue(t *testing.T) {
	ts := Defaults()
	tests := []struct {
		name  string
		start string
		held  []string
		want  string
	}{
		// Fri 1 Dec 2023: 4-22 Dec are 15, Christmas and Boxing Day skipped,
		// 27-29 Dec make 18, New Year's Day skipped, 2 and 3 Jan make 20.
		{"first, across Christmas", "2023-12-01", nil, "2024-01-03"},
		// Thu 28 Mar 2024: Good Friday and Easter Monday skipped, 2 Apr to
		// 26 Apr make 19, Mon 29 Apr makes 20.
		{"first, across Easter", "2024-03-28", nil, "2024-04-29"},
		{"second, 3 months after the first", "2023-12-01", []string{"2024-01-03"}, "2024-04-03"},
		// 30 November plus 3 months is the last day of February.
		{"second, into a leap February", "2023-11-01", []string{"2023-11-30"}, "2024-02-29"},
		{"second, into a common February", "2022-11-01", []string{"2022-11-30"}, "2023-02-28"},
		{"third, 6 months after the second", "2023-01-02", []string{"2023-01-30", "2023-08-31"}, "2024-02-29"},
		{"later, from the last", "2022-01-04", []string{"2022-01-31", "2022-04-29", "2022-10-28", "2023-04-20"}, "2023-10-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var held []civil.Date
			for _, h := range tt.held {
				held = append(held, day(h))
			}
			if got := ts.CareReviewDue(day(tt.start), held); got != day(tt.want) {
				t.Errorf("CareReviewDue(%s, %v) = %s, want %s", tt.start, tt.held, got, tt.want)
			}
		})
	}
}

func TestCareVisitDue(t *testing.T) {
	ts := Defaults()
	tests := []struct {
		name         string
		placed, seen string
		stable       bool
		want         string
	}{
		{"not yet seen in the placement", "2024-02-26", "", false, "2024-03-04"},
		{"seen before the move only", "2024-02-26", "2024-02-20", false, "2024-03-04"},
		{"seen the day of the move", "2024-02-26", "2024-02-26", false, "2024-04-08"},
		{"every 6 weeks, across 29 February", "2024-01-02", "2024-02-28", false, "2024-04-10"},
		{"every 6 weeks in a stable placement's first year", "2024-01-02", "2024-02-28", true, "2024-04-10"},
		{"every 6 weeks on the eve of its first anniversary", "2024-01-02", "2025-01-01", true, "2025-02-12"},
		{"every 12 weeks after it, long-term and stable", "2024-01-02", "2025-01-02", true, "2025-03-27"},
		{"a first visit is within a week even when stable", "2024-01-02", "", true, "2024-01-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ts.CareVisitDue(day(tt.placed), day(tt.seen), tt.stable); got != day(tt.want) {
				t.Errorf("CareVisitDue(%s, %s, %v) = %s, want %s", tt.placed, tt.seen, tt.stable, got, tt.want)
			}
		})
	}
	ts.CareVisitDays, ts.StableVisitDays = 28, 56
	if got := ts.CareVisitDue(day("2024-01-02"), day("2024-02-28"), false); got != day("2024-03-27") {
		t.Errorf("a council's 4 weeks: %s", got)
	}
}

func TestCareChecksDue(t *testing.T) {
	ts := Defaults()
	tests := []struct {
		name string
		got  civil.Date
		want string
	}{
		{"initial health assessment, across Christmas", ts.InitialHealthDue(day("2023-12-01")), "2024-01-03"},
		{"health review under 5, into a leap February", ts.HealthReviewDue(day("2023-08-31"), true), "2024-02-29"},
		{"health review from 5", ts.HealthReviewDue(day("2023-08-31"), false), "2024-08-31"},
		{"dental check from a leap day", ts.DentalCheckDue(day("2024-02-29")), "2025-02-28"},
		{"SDQ", ts.SDQDue(day("2023-03-01")), "2024-03-01"},
		{"first PEP, across Easter", ts.PEPDue(day("2024-03-28")), "2024-04-29"},
		{"PEP review a term later", ts.PEPReviewDue(day("2023-10-31")), "2024-02-29"},
		{"pathway plan review", ts.PathwayReviewDue(day("2023-08-31")), "2024-02-29"},
	}
	for _, tt := range tests {
		if tt.got != day(tt.want) {
			t.Errorf("%s: %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestReturnInterviewDue(t *testing.T) {
	ts := Defaults()
	// 72 hours are 72 hours on the clock's side of the change to summer
	// time (01:00 on Sun 31 Mar 2024): 09:00 on the 30th is 10:00 on 2 Apr.
	got := ts.ReturnInterviewDue(london(2024, time.March, 30, 9, 0))
	if want := london(2024, time.April, 2, 10, 0); !got.Equal(want) {
		t.Errorf("ReturnInterviewDue = %v, want %v", got, want)
	}
}

func TestComplete(t *testing.T) {
	// Timescales saved before the care ones existed have them as zero.
	old := Timescales{AssessmentWorkingDays: 40, ICPCWorkingDays: 15, FirstReviewMonths: 3, ReviewMonths: 6,
		ContactDecisionHours: 12, CPVisitWorkingDays: 10, CINVisitDays: 21}
	got := old.Complete()
	want := Defaults()
	want.AssessmentWorkingDays, want.ContactDecisionHours, want.CINVisitDays = 40, 12, 21
	if got != want {
		t.Errorf("Complete() = %+v, want %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("completed timescales are not valid: %v", err)
	}
}
