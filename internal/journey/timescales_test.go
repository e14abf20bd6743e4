package journey

import (
	"testing"
	"time"

	"hearth/internal/civil"
)

func TestDefaults(t *testing.T) {
	want := Timescales{
		AssessmentWorkingDays: 45, ICPCWorkingDays: 15, FirstReviewMonths: 3, ReviewMonths: 6,
		ContactDecisionHours: 24, CPVisitWorkingDays: 10, CINVisitDays: 28,
		CareFirstReviewWorkingDays: 20, CareSecondReviewMonths: 3, CareReviewMonths: 6, PlacementVisitDays: 7,
		HealthAssessmentWorkingDays: 20, HealthReviewUnder5Months: 6, HealthReviewMonths: 12, DentalCheckMonths: 12,
		SDQMonths: 12, PEPWorkingDays: 20, ReturnInterviewHours: 72, PathwayReviewMonths: 6,
		CareVisitDays: 42, StableVisitDays: 84, PEPReviewMonths: 4,
	}
	if got := Defaults(); got != want {
		t.Errorf("Defaults() = %+v, want %+v", got, want)
	}
	if err := Defaults().Validate(); err != nil {
		t.Errorf("Defaults are not valid: %v", err)
	}
}

func TestTimescalesValidate(t *testing.T) {
	tests := []struct {
		name string
		fn   func(*Timescales)
		want []fault
	}{
		{"assessment shorter", func(t *Timescales) { t.AssessmentWorkingDays = 40 }, nil},
		{"assessment of 1 day", func(t *Timescales) { t.AssessmentWorkingDays = 1 }, nil},
		{"assessment longer", func(t *Timescales) { t.AssessmentWorkingDays = 46 },
			[]fault{{"assessment_working_days", "within 45 working days of the referral: it can be shorter but not longer"}}},
		{"assessment of none", func(t *Timescales) { t.AssessmentWorkingDays = 0 },
			[]fault{{"assessment_working_days", "or less than 1"}}},
		{"icpc shorter", func(t *Timescales) { t.ICPCWorkingDays = 10 }, nil},
		{"icpc longer", func(t *Timescales) { t.ICPCWorkingDays = 16 },
			[]fault{{"icpc_working_days", "within 15 working days of the strategy discussion"}}},
		{"first review longer", func(t *Timescales) { t.FirstReviewMonths = 4 },
			[]fault{{"first_review_months", "within 3 months of the initial conference"}}},
		{"first review negative", func(t *Timescales) { t.FirstReviewMonths = -1 },
			[]fault{{"first_review_months", "within 3 months"}}},
		{"reviews closer", func(t *Timescales) { t.ReviewMonths = 3 }, nil},
		{"reviews further apart", func(t *Timescales) { t.ReviewMonths = 7 },
			[]fault{{"review_months", "at most 6 months apart"}}},
		{"contact decision in 1 hour", func(t *Timescales) { t.ContactDecisionHours = 1 }, nil},
		{"contact decision in 72 hours", func(t *Timescales) { t.ContactDecisionHours = 72 }, nil},
		{"contact decision in 73 hours", func(t *Timescales) { t.ContactDecisionHours = 73 },
			[]fault{{"contact_decision_hours", "within 1 to 72 hours"}}},
		{"contact decision in no time", func(t *Timescales) { t.ContactDecisionHours = 0 },
			[]fault{{"contact_decision_hours", "within 1 to 72 hours"}}},
		{"cp visits every 30 working days", func(t *Timescales) { t.CPVisitWorkingDays = 30 }, nil},
		{"cp visits every 31 working days", func(t *Timescales) { t.CPVisitWorkingDays = 31 },
			[]fault{{"cp_visit_working_days", "every 1 to 30 working days"}}},
		{"cin visits every 91 days", func(t *Timescales) { t.CINVisitDays = 91 }, nil},
		{"cin visits every 92 days", func(t *Timescales) { t.CINVisitDays = 92 },
			[]fault{{"cin_visit_days", "every 1 to 91 days"}}},
		{"cin visits every 0 days", func(t *Timescales) { t.CINVisitDays = 0 },
			[]fault{{"cin_visit_days", "every 1 to 91 days"}}},
		{"all zero", func(t *Timescales) { *t = Timescales{} }, []fault{
			{"assessment_working_days", ""}, {"icpc_working_days", ""}, {"first_review_months", ""}, {"review_months", ""},
			{"contact_decision_hours", ""}, {"cp_visit_working_days", ""}, {"cin_visit_days", ""},
			{"care_first_review_working_days", ""}, {"care_second_review_months", ""}, {"care_review_months", ""},
			{"placement_visit_days", ""}, {"health_assessment_working_days", ""}, {"health_review_under5_months", ""},
			{"health_review_months", ""}, {"dental_check_months", ""}, {"sdq_months", ""}, {"pep_working_days", ""},
			{"return_interview_hours", ""}, {"pathway_review_months", ""},
			{"care_visit_days", ""}, {"stable_visit_days", ""}, {"pep_review_months", ""},
		}},
		// Children in care.
		{"care reviews closer", func(t *Timescales) { t.CareReviewMonths = 5 }, nil},
		{"first care review later", func(t *Timescales) { t.CareFirstReviewWorkingDays = 21 },
			[]fault{{"care_first_review_working_days", "within 20 working days of coming into care"}}},
		{"second care review later", func(t *Timescales) { t.CareSecondReviewMonths = 4 },
			[]fault{{"care_second_review_months", "within 3 months of the first"}}},
		{"placement visit after 8 days", func(t *Timescales) { t.PlacementVisitDays = 8 },
			[]fault{{"placement_visit_days", "within a week"}}},
		{"return interview in 96 hours", func(t *Timescales) { t.ReturnInterviewHours = 96 },
			[]fault{{"return_interview_hours", "within 72 hours"}}},
		{"return interview in 48 hours", func(t *Timescales) { t.ReturnInterviewHours = 48 }, nil},
		{"health reviews under 5 every 7 months", func(t *Timescales) { t.HealthReviewUnder5Months = 7 },
			[]fault{{"health_review_under5_months", "every 6 months"}}},
		{"care visits every 6 weeks", func(t *Timescales) { t.CareVisitDays = 42 }, nil},
		{"care visits every 43 days", func(t *Timescales) { t.CareVisitDays = 43 },
			[]fault{{"care_visit_days", "every 1 to 42 days"}}},
		{"stable visits every 3 months", func(t *Timescales) { t.StableVisitDays = 91 }, nil},
		{"stable visits every 92 days", func(t *Timescales) { t.StableVisitDays = 92 },
			[]fault{{"stable_visit_days", "every 1 to 91 days"}}},
		{"PEP reviews every 7 months", func(t *Timescales) { t.PEPReviewMonths = 7 },
			[]fault{{"pep_review_months", "every 1 to 6 months"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFaults(t, with(Defaults(), tt.fn).Validate(), tt.want...)
		})
	}
}

// The expected dates below are counted by hand from the published England
// and Wales bank holidays, the first day after the start being day 1.
func TestAssessmentDue(t *testing.T) {
	ts := Defaults()
	tests := []struct {
		name     string
		referral string
		days     int
		want     string
	}{
		// Fri 1 Dec 2023: 15 working days to Fri 22 Dec; Christmas Day and
		// Boxing Day (Mon 25, Tue 26) skipped, 27-29 Dec make 18; New
		// Year's Day (Mon 1 Jan) skipped, 2 Jan-2 Feb make 42; Mon 5, Tue 6
		// and Wed 7 Feb make 45.
		{"across Christmas and New Year", "2023-12-01", 45, "2024-02-07"},
		// A Saturday referral counts from the same place as the Friday.
		{"from a Saturday", "2023-12-02", 45, "2024-02-07"},
		// Thu 28 Mar 2024: Good Friday (29 Mar) and Easter Monday (1 Apr)
		// skipped, 2 Apr-3 May make 24; early May bank holiday (6 May)
		// skipped, 7-24 May make 38; spring bank holiday (27 May) skipped,
		// 28-31 May make 42; 3, 4, 5 Jun make 45.
		{"across Easter and the May bank holidays", "2024-03-28", 45, "2024-06-05"},
		// Mon 8 Jan 2024, no holidays until Easter: 45 weekdays, 29 Feb
		// among them, end on Mon 11 Mar.
		{"across a leap day", "2024-01-08", 45, "2024-03-11"},
		{"the same span in a common year", "2023-01-09", 45, "2023-03-13"},
		// Christmas Day 2022 was a Sunday: Boxing Day on Mon 26 Dec and the
		// substitute Christmas holiday on Tue 27 Dec.
		{"substitute Christmas holiday", "2022-12-23", 1, "2022-12-28"},
		// The coronation bank holiday, Mon 8 May 2023, a one-off.
		{"one-off bank holiday", "2023-05-05", 1, "2023-05-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts.AssessmentWorkingDays = tt.days
			if got := ts.AssessmentDue(day(tt.referral)); got != day(tt.want) {
				t.Errorf("AssessmentDue(%s) with %d days = %s, want %s", tt.referral, tt.days, got, tt.want)
			}
		})
	}
	if got := Defaults().AssessmentDue(civil.Date{}); !got.IsZero() {
		t.Errorf("no referral date gives %s, want no date", got)
	}
}

func TestICPCDue(t *testing.T) {
	ts := Defaults()
	tests := []struct{ strategy, want string }{
		// Mon 18 Dec 2023: 19-22 Dec (4), 27-29 Dec (7), 2-5 Jan (11),
		// 8-11 Jan (15).
		{"2023-12-18", "2024-01-11"},
		// Wed 20 Mar 2024: 21-28 Mar (6), Good Friday and Easter Monday
		// skipped, 2-5 Apr (10), 8-12 Apr (15).
		{"2024-03-20", "2024-04-12"},
		// Mon 3 Jun 2024, no holidays: three weeks on, Mon 24 Jun.
		{"2024-06-03", "2024-06-24"},
	}
	for _, tt := range tests {
		if got := ts.ICPCDue(day(tt.strategy)); got != day(tt.want) {
			t.Errorf("ICPCDue(%s) = %s, want %s", tt.strategy, got, tt.want)
		}
	}
}

func TestReviewDue(t *testing.T) {
	short := with(Defaults(), func(t *Timescales) { t.FirstReviewMonths, t.ReviewMonths = 2, 4 })
	tests := []struct {
		name                  string
		ts                    Timescales
		planStart, lastReview string
		want                  string
	}{
		{"first, 30 Nov to a leap February", Defaults(), "2023-11-30", "", "2024-02-29"},
		{"first, 30 Nov to a common February", Defaults(), "2022-11-30", "", "2023-02-28"},
		{"first, 31 Mar to 30 Jun", Defaults(), "2024-03-31", "", "2024-06-30"},
		{"first, over a year end", Defaults(), "2024-11-15", "", "2025-02-15"},
		{"later, 31 Aug to a leap February", Defaults(), "2023-05-31", "2023-08-31", "2024-02-29"},
		{"later, 31 Aug to a common February", Defaults(), "2024-05-31", "2024-08-31", "2025-02-28"},
		{"later, from a leap day", Defaults(), "2023-11-29", "2024-02-29", "2024-08-29"},
		{"later counts from the last review, not the plan", Defaults(), "2020-01-01", "2024-03-10", "2024-09-10"},
		{"a council's shorter first review", short, "2023-11-30", "", "2024-01-30"},
		{"a council's shorter later reviews", short, "2023-05-31", "2023-10-31", "2024-02-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ts.ReviewDue(day(tt.planStart), day(tt.lastReview)); got != day(tt.want) {
				t.Errorf("ReviewDue(%s, %s) = %s, want %s", tt.planStart, tt.lastReview, got, tt.want)
			}
		})
	}
}

func TestVisitDue(t *testing.T) {
	ts := Defaults()
	cp := []struct{ last, want string }{
		// Fri 22 Dec 2023: 27-29 Dec (3), 2-5 Jan (7), 8-10 Jan (10).
		{"2023-12-22", "2024-01-10"},
		// Mon 4 Mar 2024: two weeks on.
		{"2024-03-04", "2024-03-18"},
		// Fri 29 Mar 2024, Good Friday itself: Easter Monday skipped, 2-5
		// Apr (4), 8-12 Apr (9), 15 Apr (10).
		{"2024-03-29", "2024-04-15"},
	}
	for _, tt := range cp {
		if got := ts.CPVisitDue(day(tt.last)); got != day(tt.want) {
			t.Errorf("CPVisitDue(%s) = %s, want %s", tt.last, got, tt.want)
		}
	}
	// Child in need visits count calendar days: bank holidays and weekends
	// are days like any other.
	cin := []struct{ last, want string }{
		{"2024-02-01", "2024-02-29"},
		{"2023-02-01", "2023-03-01"},
		{"2023-12-20", "2024-01-17"},
	}
	for _, tt := range cin {
		if got := ts.CINVisitDue(day(tt.last)); got != day(tt.want) {
			t.Errorf("CINVisitDue(%s) = %s, want %s", tt.last, got, tt.want)
		}
	}
}

func TestInTime(t *testing.T) {
	ts := Defaults()
	tests := []struct {
		name     string
		fn       func(civil.Date, civil.Date) bool
		from, on string
		want     bool
	}{
		{"assessment the day of referral", ts.AssessmentInTime, "2023-12-01", "2023-12-01", true},
		{"assessment on the last day", ts.AssessmentInTime, "2023-12-01", "2024-02-07", true},
		{"assessment the day after", ts.AssessmentInTime, "2023-12-01", "2024-02-08", false},
		{"icpc on the last day", ts.ICPCInTime, "2023-12-18", "2024-01-11", true},
		{"icpc the day after", ts.ICPCInTime, "2023-12-18", "2024-01-12", false},
	}
	for _, tt := range tests {
		if got := tt.fn(day(tt.from), day(tt.on)); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestContactDecisionDue(t *testing.T) {
	// The front door's clock counts hours as they pass, so across a change
	// of the clocks the wall-clock time moves by one.
	tests := []struct {
		name           string
		received, want time.Time
	}{
		// 00:30 GMT on Sunday 30 Mar 2025; the clocks go forward at 01:00,
		// so 24 hours later it is 01:30 BST on Monday 31 Mar.
		{"clocks forward", london(2025, time.March, 30, 0, 30), london(2025, time.March, 31, 1, 30)},
		// 00:30 BST on Sunday 26 Oct 2025; the clocks go back at 02:00, so
		// 24 hours later it is 23:30 GMT the same day.
		{"clocks back", london(2025, time.October, 26, 0, 30), london(2025, time.October, 26, 23, 30)},
		{"an ordinary day", london(2025, time.June, 2, 9, 15), london(2025, time.June, 3, 9, 15)},
	}
	for _, tt := range tests {
		got := Defaults().ContactDecisionDue(tt.received)
		if !got.Equal(tt.want) {
			t.Errorf("%s: due %s, want %s", tt.name, got.In(civil.London), tt.want)
		}
	}
	if got := with(Defaults(), func(t *Timescales) { t.ContactDecisionHours = 72 }).ContactDecisionDue(london(2025, time.March, 30, 0, 30)); !got.Equal(london(2025, time.April, 2, 1, 30)) {
		t.Errorf("72 hours: due %s", got.In(civil.London))
	}
}
