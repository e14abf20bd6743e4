package care

import (
	"testing"

	"hearth/internal/civil"
)

func day(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func period(start, end string) Period { return Period{Start: day(start), End: day(end)} }

func TestLeaverStatus(t *testing.T) {
	// Born 10 March 2008: 14 on 10 March 2022, 16 on 10 March 2024, 18 on
	// 10 March 2026, 21 on 10 March 2029, 25 on 10 March 2033.
	const born = "2008-03-10"
	shortBreaks := period("2022-03-10", "")
	shortBreaks.ShortBreaks = true
	tests := []struct {
		name    string
		born    string
		periods []Period
		on      string
		want    string
	}{
		{"never looked after", born, nil, "2024-06-01", ""},
		{"no date of birth", "", []Period{period("2020-01-01", "")}, "2024-06-01", ""},
		{"in care since 14, the day before 16", born, []Period{period("2022-03-10", "")}, "2024-03-09", ""},
		{"in care since 14, on the 16th birthday", born, []Period{period("2022-03-10", "")}, "2024-03-10", Eligible},
		{"in care since 14, the day before 18", born, []Period{period("2022-03-10", "")}, "2026-03-09", Eligible},
		{"in care since 14, on the 18th birthday", born, []Period{period("2022-03-10", "")}, "2026-03-10", FormerRelevant},
		// 1 January to 1 April 2024 is 91 days (2024 is a leap year), the
		// last of them 31 March: exactly 13 weeks, past the 16th birthday.
		{"exactly 13 weeks, then left", born, []Period{period("2024-01-01", "2024-04-01")}, "2024-05-01", Relevant},
		{"a day short of 13 weeks, then left", born, []Period{period("2024-01-01", "2024-03-31")}, "2024-05-01", Qualifying},
		{"open: the 91st day", born, []Period{period("2024-01-01", "")}, "2024-03-31", Eligible},
		{"open: the 90th day", born, []Period{period("2024-01-01", "")}, "2024-03-30", ""},
		// Left care on the 16th birthday: the last day looked after was the
		// day before, at 15, so the time did not end after 16.
		{"left on the 16th birthday", born, []Period{period("2023-12-01", "2024-03-10")}, "2024-04-01", ""},
		{"left the day after the 16th birthday", born, []Period{period("2023-12-01", "2024-03-11")}, "2024-04-01", Relevant},
		// Days before the 14th birthday are not counted: 9 March to 7 June
		// 2022 is 90 days, 89 of them from the birthday; with one day at 16
		// that is 90 in all.
		{"the day before the 14th birthday does not count", born,
			[]Period{period("2022-03-09", "2022-06-07"), period("2024-03-10", "2024-03-11")}, "2024-04-01", Qualifying},
		{"periods adding up to 13 weeks from the 14th birthday", born,
			[]Period{period("2022-03-10", "2022-06-08"), period("2024-03-10", "2024-03-11")}, "2024-04-01", Relevant},
		{"short breaks only", born, []Period{shortBreaks}, "2024-06-01", ""},
		{"former relevant, the day before 25", born, []Period{period("2022-03-10", "2026-03-10")}, "2033-03-09", FormerRelevant},
		{"former relevant, on the 25th birthday", born, []Period{period("2022-03-10", "2026-03-10")}, "2033-03-10", ""},
		{"qualifying at 20", born, []Period{period("2024-03-10", "2024-04-01")}, "2029-03-09", Qualifying},
		{"qualifying ends at 21", born, []Period{period("2024-03-10", "2024-04-01")}, "2029-03-10", ""},
		{"before birth", born, []Period{period("2022-03-10", "")}, "2000-01-01", ""},
		// Born 29 February 2004: 14 on 1 March 2018, 16 on 29 February
		// 2020, 18 on 1 March 2022.
		{"29 February: 17 on 28 February", "2004-02-29", []Period{period("2019-06-01", "")}, "2022-02-28", Eligible},
		{"29 February: 18 on 1 March", "2004-02-29", []Period{period("2019-06-01", "")}, "2022-03-01", FormerRelevant},
		{"29 February: counted from 1 March at 14", "2004-02-29",
			[]Period{period("2018-02-28", "2018-05-29"), period("2020-02-29", "2020-03-01")}, "2020-04-01", Qualifying},
		{"29 February: 16 on 29 February in a leap year", "2004-02-29",
			[]Period{period("2019-12-01", "2020-03-01")}, "2020-04-01", Relevant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LeaverStatus(day(tt.born), tt.periods, day(tt.on)); got != tt.want {
				t.Errorf("LeaverStatus(%s, %v, %s) = %q, want %q", tt.born, tt.periods, tt.on, got, tt.want)
			}
		})
	}
}

func TestBirthday(t *testing.T) {
	tests := []struct {
		born string
		n    int
		want string
	}{
		{"2008-03-10", 16, "2024-03-10"},
		{"2004-02-29", 16, "2020-02-29"},
		{"2004-02-29", 18, "2022-03-01"},
		{"2004-02-29", 14, "2018-03-01"},
	}
	for _, tt := range tests {
		if got := Birthday(day(tt.born), tt.n); got != day(tt.want) {
			t.Errorf("Birthday(%s, %d) = %s, want %s", tt.born, tt.n, got, tt.want)
		}
	}
}

// TestEligibleFrom: the first day a young person is eligible, 13 weeks in
// care since 14 and in care at 16 or 17; the 16th birthday itself for one
// in care long enough by then.
func TestEligibleFrom(t *testing.T) {
	const born = "2008-03-10" // 14 on 10 March 2022, 16 on 10 March 2024, 18 on 10 March 2026
	shortBreaks := period("2022-03-10", "")
	shortBreaks.ShortBreaks = true
	tests := []struct {
		name    string
		periods []Period
		want    string
	}{
		{"in care since 14: the 16th birthday", []Period{period("2022-03-10", "")}, "2024-03-10"},
		{"in care from the 16th birthday: the 91st day", []Period{period("2024-03-10", "")}, "2024-06-08"},
		{"13 weeks at 14, back in care at 17", []Period{period("2022-03-10", "2022-06-09"), period("2025-01-01", "")}, "2025-01-01"},
		{"13 weeks at 14, never in care at 16", []Period{period("2022-03-10", "2022-06-09")}, ""},
		{"left the day before 16", []Period{period("2022-03-10", "2024-03-10")}, ""},
		{"left the day after 16", []Period{period("2022-03-10", "2024-03-11")}, "2024-03-10"},
		{"in care from 17 years and 10 months: 18 comes first", []Period{period("2026-01-10", "")}, ""},
		{"short breaks only", []Period{shortBreaks}, ""},
		{"never in care", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := EligibleFrom(day(born), tt.periods)
			if ok != (tt.want != "") || (ok && got != day(tt.want)) {
				t.Errorf("EligibleFrom = %v %v, want %q", got, ok, tt.want)
			}
			// Agrees with LeaverStatus: eligible that day, not the day before.
			if ok {
				if s := LeaverStatus(day(born), tt.periods, got); s != Eligible {
					t.Errorf("LeaverStatus on %s = %q, want eligible", got, s)
				}
				if s := LeaverStatus(day(born), tt.periods, got.AddDays(-1)); s == Eligible {
					t.Errorf("LeaverStatus the day before %s = %q, want not yet eligible", got, s)
				}
			}
		})
	}
}
