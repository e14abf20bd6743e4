package education

import (
	"errors"
	"slices"
	"testing"
	"time"

	"hearth/internal/civil"
)

func d(y, m, day int) civil.Date { return civil.MustNew(y, timeMonth(m), day) }

// demoYear is a school year's terms, 2023/24, with a whole-area training day
// on Friday 3 November 2023. The May Day bank holiday (6 May 2024) falls in
// term; the spring bank holiday (27 May) in half term.
var demoYear = SchoolCalendar{
	Terms: []Term{
		{d(2023, 9, 4), d(2023, 10, 20)}, {d(2023, 10, 30), d(2023, 12, 20)},
		{d(2024, 1, 3), d(2024, 2, 9)}, {d(2024, 2, 19), d(2024, 3, 28)},
		{d(2024, 4, 15), d(2024, 5, 24)}, {d(2024, 6, 3), d(2024, 7, 19)},
	},
	Closures: []civil.Date{d(2023, 11, 3)},
}

func TestAddSchoolDays(t *testing.T) {
	tests := []struct {
		name string
		from civil.Date
		n    int
		want civil.Date
	}{
		{"next day", d(2023, 9, 4), 1, d(2023, 9, 5)},
		{"over a weekend", d(2023, 9, 8), 1, d(2023, 9, 11)},
		{"over half term", d(2023, 10, 20), 1, d(2023, 10, 30)},
		{"over a training day", d(2023, 11, 2), 1, d(2023, 11, 6)},
		{"over a bank holiday in term", d(2024, 5, 3), 1, d(2024, 5, 7)},
		{"onto 29 February", d(2024, 2, 28), 1, d(2024, 2, 29)},
		{"from a Saturday", d(2023, 9, 9), 1, d(2023, 9, 11)},
		{"from the holidays", d(2023, 12, 25), 1, d(2024, 1, 3)},
		{"15 school days across half term and a closure", d(2023, 10, 16), 15, d(2023, 11, 14)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := demoYear.AddSchoolDays(tc.from, tc.n)
			if err != nil || got != tc.want {
				t.Errorf("AddSchoolDays(%s, %d) = %s, %v; want %s", tc.from, tc.n, got, err, tc.want)
			}
		})
	}
	if _, err := demoYear.AddSchoolDays(d(2024, 7, 15), 10); !errors.Is(err, ErrOutsideCalendar) {
		t.Errorf("past the last term: got %v, want ErrOutsideCalendar", err)
	}
}

func TestNthSchoolDay(t *testing.T) {
	tests := []struct {
		from civil.Date
		n    int
		want civil.Date
	}{
		{d(2023, 9, 4), 1, d(2023, 9, 4)},    // a school day is its own first
		{d(2023, 9, 4), 6, d(2023, 9, 11)},   // the sixth day is the next Monday
		{d(2023, 9, 9), 1, d(2023, 9, 11)},   // a Saturday is not counted
		{d(2023, 10, 18), 6, d(2023, 11, 1)}, // across half term
	}
	for _, tc := range tests {
		if got, err := demoYear.NthSchoolDay(tc.from, tc.n); err != nil || got != tc.want {
			t.Errorf("NthSchoolDay(%s, %d) = %s, %v; want %s", tc.from, tc.n, got, err, tc.want)
		}
	}
}

func TestSchoolDaysBetween(t *testing.T) {
	if got := demoYear.SchoolDaysBetween(d(2023, 10, 20), d(2023, 10, 30)); got != 1 {
		t.Errorf("across half term: %d, want 1", got)
	}
	if got := demoYear.SchoolDaysBetween(d(2023, 10, 30), d(2023, 10, 30)); got != 0 {
		t.Errorf("same day: %d, want 0", got)
	}
	if got := demoYear.SchoolDaysBetween(d(2023, 11, 1), d(2023, 11, 8)); got != 4 {
		t.Errorf("over a closure and a weekend: %d, want 4", got)
	}
}

func TestCalendarValidate(t *testing.T) {
	if bad := demoYear.Validate(); bad != nil {
		t.Fatal(bad)
	}
	overlapping := SchoolCalendar{Terms: []Term{{d(2023, 9, 4), d(2023, 10, 20)}, {d(2023, 10, 20), d(2023, 12, 20)}}}
	if bad := overlapping.Validate(); !bad.Has("terms[1].start") {
		t.Error("overlapping terms were accepted")
	}
	backwards := SchoolCalendar{Terms: []Term{{d(2023, 10, 20), d(2023, 9, 4)}}}
	if bad := backwards.Validate(); !bad.Has("terms[0].end") {
		t.Error("a term ending before it starts was accepted")
	}
	outside := SchoolCalendar{Terms: demoYear.Terms, Closures: []civil.Date{d(2023, 11, 3), d(2023, 12, 27)}}
	if bad := outside.Validate(); !bad.Has("closures[1]") || bad.Has("closures[0]") {
		t.Errorf("a closure in the Christmas holidays: %v", bad)
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }

// TestRuleCalendar: the rule's terms and half-term weeks for school years
// with the awkward cases: a 3 September or 22 July at a weekend, Easter
// early and late, and 2022's spring bank holiday moved to a Thursday.
func TestRuleCalendar(t *testing.T) {
	tests := []struct {
		year                   int
		autumn, spring, summer Term
		halfTerms              [3]civil.Date // each break's Monday
	}{
		{2024, Term{d(2024, 9, 3), d(2024, 12, 20)}, Term{d(2025, 1, 6), d(2025, 4, 11)}, Term{d(2025, 4, 28), d(2025, 7, 22)},
			[3]civil.Date{d(2024, 10, 28), d(2025, 2, 17), d(2025, 5, 26)}},
		{2025, Term{d(2025, 9, 3), d(2025, 12, 19)}, Term{d(2026, 1, 5), d(2026, 3, 27)}, Term{d(2026, 4, 13), d(2026, 7, 22)},
			[3]civil.Date{d(2025, 10, 27), d(2026, 2, 16), d(2026, 5, 25)}},
		// 3 September 2022 a Saturday; 22 July 2023 a Saturday.
		{2022, Term{d(2022, 9, 5), d(2022, 12, 16)}, Term{d(2023, 1, 2), d(2023, 3, 31)}, Term{d(2023, 4, 17), d(2023, 7, 21)},
			[3]civil.Date{d(2022, 10, 31), d(2023, 2, 20), d(2023, 5, 29)}},
		// The spring bank holiday of 2022 was Thursday 2 June.
		{2021, Term{d(2021, 9, 3), d(2021, 12, 17)}, Term{d(2022, 1, 3), d(2022, 4, 8)}, Term{d(2022, 4, 25), d(2022, 7, 22)},
			[3]civil.Date{d(2021, 10, 25), d(2022, 2, 21), d(2022, 5, 30)}},
	}
	for _, tt := range tests {
		c := RuleCalendar(tt.year, tt.year)
		if bad := c.Validate(); bad != nil {
			t.Errorf("%d: %v", tt.year, bad)
		}
		want := []Term{tt.autumn, tt.spring, tt.summer}
		if len(c.Terms) != 3 || c.Terms[0] != want[0] || c.Terms[1] != want[1] || c.Terms[2] != want[2] {
			t.Errorf("%d: terms %v, want %v", tt.year, c.Terms, want)
		}
		for i, monday := range tt.halfTerms {
			got := c.Closures[i*5 : i*5+5]
			if got[0] != monday || got[4] != monday.AddDays(4) {
				t.Errorf("%d: half term %d is %v to %v, want the week of %v", tt.year, i+1, got[0], got[4], monday)
			}
		}
	}
}

// TestSchoolDaysOnTheRule: the exclusion clocks counted on the rule's
// calendar over half terms, holidays and bank holidays in term.
func TestSchoolDaysOnTheRule(t *testing.T) {
	c := RuleCalendar(2025, 2026)
	tests := []struct {
		name string
		from civil.Date
		n    int
		want civil.Date
	}{
		{"15 school days over October half term", d(2025, 10, 17), 15, d(2025, 11, 14)},
		{"15 over Christmas and New Year's Day", d(2025, 12, 12), 15, d(2026, 1, 16)},
		{"15 over Easter, its bank holidays in the break", d(2026, 3, 20), 15, d(2026, 4, 24)},
		{"5 over the May Day bank holiday in term", d(2026, 5, 1), 5, d(2026, 5, 11)},
		{"15 over the summer holidays into the next year", d(2026, 7, 13), 15, d(2026, 9, 14)},
		{"from a Sunday in the holidays", d(2025, 12, 28), 1, d(2026, 1, 5)},
	}
	for _, tt := range tests {
		got, err := c.AddSchoolDays(tt.from, tt.n)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v %v, want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := c.AddSchoolDays(d(2027, 7, 1), 30); !errors.Is(err, ErrOutsideCalendar) {
		t.Errorf("past the calendar's last term: %v", err)
	}
	if got := CalendarFor(SchoolCalendar{}, d(2026, 7, 13)); len(got.Terms) != 6 || got.Terms[0].Start != d(2025, 9, 3) {
		t.Errorf("CalendarFor with none entered: %v", got.Terms)
	}
	if got := CalendarFor(demoYear, d(2026, 7, 13)); len(got.Terms) != len(demoYear.Terms) {
		t.Errorf("CalendarFor ignores the council's terms")
	}
}

// TestExclusionDeadlines: the board's 15 school days and the sixth day,
// counted on the rule's calendar; a suspension brought over 15 days in a
// term by the term's others; a clock past the calendar left out.
func TestExclusionDeadlines(t *testing.T) {
	c := RuleCalendar(2025, 2025)
	board := func(due, met civil.Date) Deadline {
		return Deadline{Rule: "GB", What: "Governing board meets to consider reinstatement (15 school days)", Due: due, Met: met}
	}
	sixth := func(due, met civil.Date) Deadline {
		return Deadline{Rule: "D6", What: "Full-time education arranged from the sixth school day", Due: due, Met: met}
	}
	perm := Exclusion{Category: Permanent, Start: d(2026, 3, 2), NotifiedOn: d(2026, 3, 2), Reasons: []string{"PA"}}
	susp := func(start civil.Date, sessions int) Exclusion {
		return Exclusion{Category: Suspension, Start: start, NotifiedOn: start, Sessions: sessions, Reasons: []string{"DB"}}
	}
	over := perm
	over.Start, over.NotifiedOn = d(2026, 3, 25), d(2026, 3, 25)
	met := perm
	met.BoardMet, met.ProvisionFrom = d(2026, 3, 20), d(2026, 3, 9)
	tests := []struct {
		name   string
		e      Exclusion
		others []Exclusion
		want   []Deadline
	}{
		{"permanent: both clocks", perm, nil, []Deadline{board(d(2026, 3, 23), civil.Date{}), sixth(d(2026, 3, 9), civil.Date{})}},
		{"met", met, nil, []Deadline{board(d(2026, 3, 23), d(2026, 3, 20)), sixth(d(2026, 3, 9), d(2026, 3, 9))}},
		{"the sixth day over the Easter holidays", over, nil, []Deadline{board(d(2026, 4, 29), civil.Date{}), sixth(d(2026, 4, 15), civil.Date{})}},
		{"a short suspension: nothing", susp(d(2026, 1, 12), 4), nil, nil},
		{"brought past 15 days by the term's others", susp(d(2026, 3, 2), 12), []Exclusion{susp(d(2026, 1, 12), 20), susp(d(2025, 11, 3), 20)},
			[]Deadline{board(d(2026, 3, 23), civil.Date{})}},
		{"another term's suspensions do not count", susp(d(2026, 3, 2), 12), []Exclusion{susp(d(2025, 11, 3), 20)}, nil},
	}
	for _, tt := range tests {
		got, err := ExclusionDeadlines(tt.e, tt.others, c)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %+v %v, want %+v", tt.name, got, err, tt.want)
		}
	}
	late := perm
	late.Start, late.NotifiedOn = d(2026, 7, 20), d(2026, 7, 20)
	if got, err := ExclusionDeadlines(late, nil, c); !errors.Is(err, ErrOutsideCalendar) || len(got) != 0 {
		t.Errorf("past the calendar: %+v %v", got, err)
	}
}
