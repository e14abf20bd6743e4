package education

import (
	"errors"
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
}

func timeMonth(m int) time.Month { return time.Month(m) }
