package education

import (
	"errors"
	"testing"

	"hearth/internal/civil"
)

func TestValidateExclusion(t *testing.T) {
	ok := Exclusion{Category: Suspension, Start: d(2023, 10, 2), Sessions: 4, Reasons: []string{"PA", "DB"}, NotifiedOn: d(2023, 10, 2)}
	if bad := ValidateExclusion(ok); bad != nil {
		t.Fatalf("a valid suspension: %v", bad)
	}
	tests := []struct {
		name   string
		change func(*Exclusion)
		field  string
	}{
		{"unknown category", func(e *Exclusion) { e.Category = "FIXD" }, "category"},
		{"no start", func(e *Exclusion) { e.Start = civil.Date{} }, "start"},
		{"suspension without sessions", func(e *Exclusion) { e.Sessions = 0 }, "sessions"},
		{"permanent with sessions", func(e *Exclusion) { e.Category = Permanent }, "sessions"},
		{"lunchtime of two sessions", func(e *Exclusion) { e.Category = Lunchtime; e.Sessions = 2 }, "sessions"},
		{"no reason", func(e *Exclusion) { e.Reasons = nil }, "reasons"},
		{"four reasons", func(e *Exclusion) { e.Reasons = []string{"PA", "PP", "VA", "VP"} }, "reasons"},
		{"unknown reason", func(e *Exclusion) { e.Reasons = []string{"XX"} }, "reasons[0]"},
		{"a reason twice", func(e *Exclusion) { e.Reasons = []string{"PA", "PA"} }, "reasons[1]"},
		{"other after 2020", func(e *Exclusion) { e.Reasons = []string{"OT"} }, "reasons[0]"},
		{"notified days before", func(e *Exclusion) { e.NotifiedOn = d(2023, 9, 28) }, "notified_on"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := ok
			e.Reasons = append([]string(nil), ok.Reasons...)
			tc.change(&e)
			if bad := ValidateExclusion(e); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
	old := Exclusion{Category: Suspension, Start: d(2019, 11, 4), Sessions: 2, Reasons: []string{"OT"}}
	if bad := ValidateExclusion(old); bad != nil {
		t.Errorf("other before 2020/21 is a census reason: %v", bad)
	}
	dayBefore := ok
	dayBefore.NotifiedOn = d(2023, 10, 1)
	if bad := ValidateExclusion(dayBefore); bad != nil {
		t.Errorf("told the day before: %v", bad)
	}
}

func susp(start civil.Date, days int) Exclusion {
	return Exclusion{Category: Suspension, Start: start, Sessions: 2 * days, Reasons: []string{"DB"}, NotifiedOn: start}
}

func TestBoard(t *testing.T) {
	perm := Exclusion{Category: Permanent, Start: d(2023, 10, 16), Reasons: []string{"OW"}, NotifiedOn: d(2023, 10, 16)}
	exam := susp(d(2023, 10, 16), 1)
	exam.MissedExam = true
	fifteen := susp(d(2023, 10, 16), 15)
	tests := []struct {
		name string
		e    Exclusion
		term []Exclusion
		duty BoardDuty
		due  civil.Date
	}{
		{"permanent: within 15 school days, over half term and a closure", perm, []Exclusion{perm}, MustMeet, d(2023, 11, 14)},
		{"3 days: representations only", susp(d(2023, 10, 16), 3), []Exclusion{susp(d(2023, 10, 16), 3)}, RepresentationsOnly, civil.Date{}},
		{"exactly 5 days: representations only", susp(d(2023, 10, 16), 5), []Exclusion{susp(d(2023, 10, 16), 5)}, RepresentationsOnly, civil.Date{}},
		{"5 and a half days: on request within 50 school days", fifteenOr(11), []Exclusion{fifteenOr(11)}, OnRequest, d(2024, 1, 15)},
		{"exactly 15 days: on request", fifteen, []Exclusion{fifteen}, OnRequest, d(2024, 1, 15)},
		{"16 days in the term across two suspensions", susp(d(2023, 10, 16), 6), []Exclusion{susp(d(2023, 9, 11), 10), susp(d(2023, 10, 16), 6)}, MustMeet, d(2023, 11, 14)},
		{"a missed exam", exam, []Exclusion{exam}, MustMeet, d(2023, 11, 14)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			duty, due, err := Board(tc.e, tc.term, demoYear)
			if err != nil || duty != tc.duty || due != tc.due {
				t.Errorf("got %v %s %v; want %v %s", duty, due, err, tc.duty, tc.due)
			}
		})
	}
}

// fifteenOr is a suspension from 16 October 2023 of the given sessions.
func fifteenOr(sessions int) Exclusion {
	e := susp(d(2023, 10, 16), 0)
	e.Sessions = sessions
	return e
}

func TestSixthDay(t *testing.T) {
	perm := Exclusion{Category: Permanent, Start: d(2023, 10, 18), Reasons: []string{"OW"}}
	tests := []struct {
		name    string
		e       Exclusion
		due     bool
		council bool
		day     civil.Date
	}{
		{"permanent: the council, across half term", perm, true, true, d(2023, 11, 1)},
		{"6-day suspension: the school", susp(d(2023, 9, 4), 6), true, false, d(2023, 9, 11)},
		{"5-day suspension: no duty", susp(d(2023, 9, 4), 5), false, false, civil.Date{}},
		{"lunchtime: no duty", Exclusion{Category: Lunchtime, Start: d(2023, 9, 4), Sessions: 1}, false, false, civil.Date{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			day, council, due, err := SixthDay(tc.e, demoYear)
			if err != nil || due != tc.due || council != tc.council || day != tc.day {
				t.Errorf("got %s council=%v due=%v %v; want %s council=%v due=%v", day, council, due, err, tc.day, tc.council, tc.due)
			}
		})
	}
}

func TestCheckSuspensionTotal(t *testing.T) {
	year := []Exclusion{susp(d(2023, 9, 11), 20), susp(d(2024, 1, 8), 24)} // 44 days
	if bad := CheckSuspensionTotal(susp(d(2024, 3, 4), 1), year); bad != nil {
		t.Errorf("45 days in all is the limit, allowed: %v", bad)
	}
	half := susp(d(2024, 3, 4), 1)
	half.Sessions = 3
	if bad := CheckSuspensionTotal(half, year); !bad.Has("sessions") {
		t.Error("45 and a half days was accepted")
	}
	perm := Exclusion{Category: Permanent, Start: d(2024, 3, 4), Reasons: []string{"PA"}}
	if bad := CheckSuspensionTotal(perm, year); bad != nil {
		t.Errorf("a permanent exclusion is not counted: %v", bad)
	}
}

func TestReviewDates(t *testing.T) {
	apply, hear, err := ReviewDates(d(2024, 5, 1), d(2024, 5, 20), demoYear)
	if err != nil {
		t.Fatal(err)
	}
	// 15 school days from 1 May 2024: 2, 3, 7 (6 May is a bank holiday) ... 23 May.
	if want := d(2024, 5, 23); apply != want {
		t.Errorf("apply by %s, want %s", apply, want)
	}
	// 15 school days from 20 May: 21-24 May (4), half term, 3-14 June (14), 17 June.
	if want := d(2024, 6, 17); hear != want {
		t.Errorf("hear by %s, want %s", hear, want)
	}
}

func TestSchoolYear(t *testing.T) {
	for _, tc := range []struct {
		d    civil.Date
		want int
	}{{d(2023, 9, 1), 2023}, {d(2023, 8, 31), 2022}, {d(2024, 2, 29), 2023}} {
		if got := SchoolYear(tc.d); got != tc.want {
			t.Errorf("SchoolYear(%s) = %d, want %d", tc.d, got, tc.want)
		}
	}
}

// TestReviewDatesTable counts the independent review's two windows of 15
// school days (the suspensions and permanent exclusions guidance, 2023 and
// 2024: the parents' application from the day the board's decision was
// given in writing, the panel's meeting from the application) on the
// 2023/24 calendar: over holidays, a training day, a bank holiday in term
// and 29 February.
func TestReviewDatesTable(t *testing.T) {
	tests := []struct {
		name    string
		from    civil.Date
		want    civil.Date
		outside bool
	}{
		{"mid-term, over the May Day bank holiday", d(2024, 5, 1), d(2024, 5, 23), false},
		{"over the Christmas holidays", d(2023, 12, 15), d(2024, 1, 18), false},
		{"from a Saturday in the February half term", d(2024, 2, 10), d(2024, 3, 8), false},
		{"from 29 February", d(2024, 2, 29), d(2024, 3, 21), false},
		{"over Easter", d(2024, 3, 20), d(2024, 4, 25), false},
		{"over the autumn half term and the training day", d(2023, 10, 16), d(2023, 11, 14), false},
		{"past the last term entered", d(2024, 7, 10), civil.Date{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The same count runs both windows.
			applyBy, _, err := ReviewDates(tc.from, civil.Date{}, demoYear)
			_, hearBy, err2 := ReviewDates(civil.Date{}, tc.from, demoYear)
			if tc.outside {
				if !errors.Is(err, ErrOutsideCalendar) || !errors.Is(err2, ErrOutsideCalendar) {
					t.Errorf("got %v, %v; want ErrOutsideCalendar", err, err2)
				}
				return
			}
			if err != nil || err2 != nil || applyBy != tc.want || hearBy != tc.want {
				t.Errorf("apply by %s, hear by %s (%v, %v); want %s", applyBy, hearBy, err, err2, tc.want)
			}
		})
	}
}

func TestExclusionDeadlinesReviewAndRequest(t *testing.T) {
	perm := Exclusion{Category: Permanent, Start: d(2024, 4, 15), Reasons: []string{"PA"}, NotifiedOn: d(2024, 4, 15),
		BoardMet: d(2024, 4, 30), DecisionNotified: d(2024, 5, 1)}
	asked := fifteenOr(11)
	asked.RepresentationsMade = d(2023, 10, 20)
	tests := []struct {
		name string
		e    Exclusion
		want []Deadline
	}{
		{"permanent, decision sent: the parents' window", perm, []Deadline{
			{Rule: "GB", Due: d(2024, 5, 7), Met: d(2024, 4, 30)},
			{Rule: "D6", Due: d(2024, 4, 22)},
			{Rule: "IRA", Due: d(2024, 5, 23), Parents: true},
		}},
		{"permanent, applied: the panel's clock", func() Exclusion { e := perm; e.ReviewApplied = d(2024, 5, 20); return e }(), []Deadline{
			{Rule: "GB", Due: d(2024, 5, 7), Met: d(2024, 4, 30)},
			{Rule: "D6", Due: d(2024, 4, 22)},
			{Rule: "IRA", Due: d(2024, 5, 23), Met: d(2024, 5, 20), Parents: true},
			{Rule: "IRP", Due: d(2024, 6, 17)},
		}},
		{"5 and a half days, the parents did not ask: no meeting", fifteenOr(11), nil},
		{"5 and a half days, the parents asked: 50 school days from the notice", asked, []Deadline{{Rule: "GB", Due: d(2024, 1, 15)}}},
		{"3 days, the parents asked: representations only, no meeting", func() Exclusion {
			e := susp(d(2023, 10, 16), 3)
			e.RepresentationsMade = d(2023, 10, 17)
			return e
		}(), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ExclusionDeadlines(tc.e, nil, demoYear)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Rule != w.Rule || g.Due != w.Due || g.Met != w.Met || g.Parents != w.Parents {
					t.Errorf("clock %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestParentsWindowIsNoBreach(t *testing.T) {
	window := Deadline{Rule: "IRA", Due: d(2024, 5, 23), Parents: true}
	if window.Late(d(2024, 6, 3)) {
		t.Error("the parents' window passing without an application was counted late")
	}
	window.Met = d(2024, 5, 24)
	if !window.Late(d(2024, 6, 3)) {
		t.Error("an application out of time was not shown as late")
	}
}

func TestValidateReview(t *testing.T) {
	perm := Exclusion{Category: Permanent, Start: d(2024, 4, 15), Reasons: []string{"PA"}, NotifiedOn: d(2024, 4, 15),
		BoardMet: d(2024, 4, 30), DecisionNotified: d(2024, 5, 1), ReviewApplied: d(2024, 5, 20), ReviewHeld: d(2024, 6, 10)}
	if bad := ValidateExclusion(perm); bad != nil {
		t.Fatalf("a reviewed permanent exclusion: %v", bad)
	}
	tests := []struct {
		name   string
		change func(*Exclusion)
		field  string
	}{
		{"a suspension reviewed", func(e *Exclusion) { e.Category, e.Sessions = Suspension, 4 }, "decision_notified"},
		{"applied with no decision", func(e *Exclusion) { e.DecisionNotified = civil.Date{} }, "decision_notified"},
		{"decision before the board met", func(e *Exclusion) { e.DecisionNotified = d(2024, 4, 29) }, "decision_notified"},
		{"applied before the decision", func(e *Exclusion) { e.ReviewApplied = d(2024, 4, 30) }, "review_applied"},
		{"held with no application", func(e *Exclusion) { e.ReviewApplied = civil.Date{} }, "review_held"},
		{"held before the application", func(e *Exclusion) { e.ReviewHeld = d(2024, 5, 17) }, "review_held"},
		{"representations before the exclusion", func(e *Exclusion) { e.RepresentationsMade = d(2024, 4, 1) }, "representations_made"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := perm
			tc.change(&e)
			if bad := ValidateExclusion(e); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
}
