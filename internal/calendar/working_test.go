package calendar

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"hearth/internal/civil"
)

// The day numbers must agree with the calendar of package time on every day,
// the first and last a civil.Date can hold included.
func TestSerial(t *testing.T) {
	check := func(d civil.Date) {
		t.Helper()
		z := serial(d)
		if back := fromSerial(z); back != d {
			t.Fatalf("fromSerial(serial(%s)) = %s", d, back)
		}
		if wd := weekdayOf(z); wd != d.Weekday() {
			t.Fatalf("%s: weekday %s, want %s", d, wd, d.Weekday())
		}
		if next := d.AddDays(1); serial(next) != z+1 {
			t.Fatalf("%s: serial %d, next day %s %d", d, z, next, serial(next))
		}
	}
	if z := serial(date("1970-01-01")); z != 0 {
		t.Errorf("serial(1970-01-01) = %d, want 0", z)
	}
	for d := date("1899-12-01"); d.Before(date("2201-02-01")); d = d.AddDays(1) {
		check(d)
	}
	for d := date("0001-01-01"); d.Before(date("0005-01-01")); d = d.AddDays(1) {
		check(d)
	}
	for d := date("9995-01-01"); d.Before(date("9999-12-31")); d = d.AddDays(1) {
		check(d)
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		date string
		want bool
	}{
		{"2023-12-22", true},  // Friday
		{"2023-12-23", false}, // Saturday
		{"2023-12-24", false}, // Sunday
		{"2023-12-25", false}, // Christmas Day
		{"2023-12-26", false}, // Boxing Day
		{"2023-12-27", true},
		{"2027-12-25", false}, // Saturday, its substitute on the 27th
		{"2027-12-27", false},
		{"2027-12-29", true},
		{"2024-02-29", true}, // leap day, a Thursday
		{"2022-09-19", false},
		{"2020-05-04", true},  // the Early May Monday moved away that year
		{"2035-03-23", false}, // Good Friday, computed
		{"2035-03-27", true},
		{"2200-12-25", false},
		{"1900-01-01", false},
		{"1900-01-02", true},
	}
	for _, tt := range tests {
		if got := IsWorkingDay(date(tt.date)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
	if IsWorkingDay(civil.Date{}) {
		t.Error("the zero date is a working day")
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"referral before Christmas", "2023-12-22", 1, "2023-12-27"},
		{"two days over Christmas", "2023-12-22", 2, "2023-12-28"},
		{"over Christmas and New Year", "2023-12-22", 5, "2024-01-03"},
		{"substitute days", "2027-12-24", 1, "2027-12-29"},
		{"computed substitute days", "2032-12-24", 1, "2032-12-29"},
		{"assessment, 45 working days", "2024-01-02", 45, "2024-03-05"},
		{"over Easter", "2024-03-25", 10, "2024-04-10"},
		{"into the leap day", "2024-02-28", 1, "2024-02-29"},
		{"over the leap day", "2024-02-28", 2, "2024-03-01"},
		{"Friday to Monday", "2024-06-07", 1, "2024-06-10"},
		{"from a Saturday", "2024-06-08", 1, "2024-06-10"},
		{"from a bank holiday", "2024-05-27", 1, "2024-05-28"},
		{"one-off days, 2022", "2022-06-01", 1, "2022-06-06"},
		{"to the end of the year", "2024-01-02", 253, "2024-12-31"},
		{"over a year", "2024-01-02", 254, "2025-01-02"},
		{"n = 0 on a working day", "2024-06-07", 0, "2024-06-07"},
		{"n = 0 on a Saturday", "2024-06-08", 0, "2024-06-10"},
		{"n = 0 on Good Friday", "2024-03-29", 0, "2024-04-02"},
		{"n = 0 on Christmas Day 2027", "2027-12-25", 0, "2027-12-29"},
		{"back one from after Christmas", "2023-12-27", -1, "2023-12-22"},
		{"back over New Year", "2024-01-02", -1, "2023-12-29"},
		{"back from a Sunday", "2024-06-09", -1, "2024-06-07"},
		{"back from a Monday", "2024-06-10", -1, "2024-06-07"},
		{"back over Easter", "2024-04-10", -10, "2024-03-25"},
		{"back 45", "2024-03-05", -45, "2024-01-02"},
		{"back from the leap day", "2024-03-01", -2, "2024-02-28"},
		{"1900", "1900-12-24", 1, "1900-12-27"},
		{"2200", "2200-04-03", 1, "2200-04-08"}, // Good Friday the 4th, Easter Monday the 7th
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddWorkingDays(date(tt.from), tt.n); got != date(tt.want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s (%s), want %s", tt.from, tt.n, got, got.Weekday(), tt.want)
			}
		})
	}
	if got := AddWorkingDays(civil.Date{}, 5); !got.IsZero() {
		t.Errorf("no date plus 5 working days = %s, want no date", got)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"same day", "2024-06-07", "2024-06-07", 0},
		{"to before from", "2024-06-10", "2024-06-07", 0},
		{"Friday to Monday", "2024-06-07", "2024-06-10", 1},
		{"Friday to Sunday", "2024-06-07", "2024-06-09", 0},
		{"Saturday to Sunday", "2024-06-08", "2024-06-09", 0},
		{"Saturday to Monday", "2024-06-08", "2024-06-10", 1},
		{"over Christmas, to Boxing Day", "2023-12-22", "2023-12-26", 0},
		{"over Christmas", "2023-12-22", "2023-12-27", 1},
		{"over Christmas and New Year", "2023-12-22", "2024-01-02", 4},
		{"from a bank holiday", "2023-12-25", "2023-12-27", 1},
		{"over Easter", "2024-03-25", "2024-04-10", 10},
		{"over the leap day", "2024-02-28", "2024-03-01", 2},
		{"2022, jubilee and funeral", "2022-01-01", "2022-12-31", 250},
		{"2024", "2023-12-31", "2024-12-31", 254},
		{"2028, computed", "2027-12-31", "2028-12-31", 252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WorkingDaysBetween(date(tt.from), date(tt.to)); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
	if got := WorkingDaysBetween(civil.Date{}, date("2024-01-01")); got != 0 {
		t.Errorf("from no date: %d, want 0", got)
	}
}

// Both counts against a walk day by day through the calendar, from every day
// of 2014-2030 (the published years, and computed ones either side) and from
// days at random in 1900-2200.
func TestAgainstDayByDayWalk(t *testing.T) {
	starts := []civil.Date{}
	for d := date("2014-11-01"); d.Before(date("2031-01-01")); d = d.AddDays(1) {
		starts = append(starts, d)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	base := date("1900-01-01")
	for range 3000 {
		starts = append(starts, base.AddDays(rng.IntN(300*365)))
	}
	maxN := 70
	if testing.Short() {
		maxN = 50
	}
	for _, d := range starts {
		// Forward: walk to each of the next maxN working days.
		day, count := d, 0
		if got := AddWorkingDays(d, 0); got != firstWorkingOnOrAfter(d) {
			t.Fatalf("AddWorkingDays(%s, 0) = %s", d, got)
		}
		for count < maxN {
			day = day.AddDays(1)
			if WorkingDaysBetween(d, day) != count+walkWorkingDay(day) {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", d, day, WorkingDaysBetween(d, day), count+walkWorkingDay(day))
			}
			if walkWorkingDay(day) == 0 {
				continue
			}
			count++
			if got := AddWorkingDays(d, count); got != day {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", d, count, got, day)
			}
		}
		// Backward.
		day, count = d, 0
		for count < maxN {
			day = day.AddDays(-1)
			if walkWorkingDay(day) == 0 {
				continue
			}
			count++
			if got := AddWorkingDays(d, -count); got != day {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", d, -count, got, day)
			}
		}
	}
}

// walkWorkingDay is 1 for a working day, judged by package time's weekday and
// the holiday list, not by the day numbers the package counts with.
func walkWorkingDay(d civil.Date) int {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return 0
	}
	if _, ok := IsBankHoliday(d); ok {
		return 0
	}
	return 1
}

func firstWorkingOnOrAfter(d civil.Date) civil.Date {
	for walkWorkingDay(d) == 0 {
		d = d.AddDays(1)
	}
	return d
}

// WorkingDaysBetween undoes AddWorkingDays from every working day of
// 2015-2040, for spans of up to about a year, and over centuries.
func TestAddThenCountRoundTrip(t *testing.T) {
	ns := []int{0, 1, 2, 5, 10, 15, 20, 45, 65, 130, 260}
	for d := date("2015-01-01"); d.Before(date("2041-01-01")); d = d.AddDays(1) {
		if !IsWorkingDay(d) {
			continue
		}
		for _, n := range ns {
			if got := WorkingDaysBetween(d, AddWorkingDays(d, n)); got != n {
				t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d", d, d, n, AddWorkingDays(d, n), got)
			}
			if got := WorkingDaysBetween(AddWorkingDays(d, -n), d); got != n {
				t.Fatalf("WorkingDaysBetween(AddWorkingDays(%s, %d) = %s, %s) = %d", d, -n, AddWorkingDays(d, -n), d, got)
			}
		}
	}
	from := date("1900-01-02")
	for _, to := range []string{"1999-12-31", "2100-06-30", "2200-12-31"} {
		n := WorkingDaysBetween(from, date(to))
		walked := 0
		for d := from.AddDays(1); !d.After(date(to)); d = d.AddDays(1) {
			walked += walkWorkingDay(d)
		}
		if n != walked {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, walked %d", from, to, n, walked)
		}
		if got := AddWorkingDays(from, n); got != firstWorkingOnOrBefore(date(to)) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", from, n, got, firstWorkingOnOrBefore(date(to)))
		}
		if got := AddWorkingDays(firstWorkingOnOrBefore(date(to)), -n); got != from {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", to, -n, got, from)
		}
	}
}

func firstWorkingOnOrBefore(d civil.Date) civil.Date {
	for walkWorkingDay(d) == 0 {
		d = d.AddDays(-1)
	}
	return d
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-15", 3, "2024-04-15"},
		{"2024-01-31", 1, "2024-02-29"}, // leap year
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2024-08-31", 6, "2025-02-28"},
		{"2024-03-31", 1, "2024-04-30"},
		{"2024-11-30", 3, "2025-02-28"},
		{"2024-12-15", 1, "2025-01-15"},
		{"2024-06-30", 0, "2024-06-30"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2025-01-31", -13, "2023-12-31"},
		{"2024-05-31", -3, "2024-02-29"},
		{"1900-01-31", 1, "1900-02-28"}, // 1900 is not a leap year
		{"2000-01-31", 1, "2000-02-29"}, // 2000 is
	}
	for _, tt := range tests {
		if got := AddMonths(date(tt.from), tt.n); got != date(tt.want) {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if got := AddMonths(civil.Date{}, 3); !got.IsZero() {
		t.Errorf("no date plus 3 months = %s, want no date", got)
	}
}

var sinkInt int
var sinkDate civil.Date

func BenchmarkWorkingDaysBetween(b *testing.B) {
	for _, bm := range []struct{ name, from, to string }{
		{"45 days", "2024-01-02", "2024-03-05"},
		{"a year", "2023-12-22", "2024-12-23"},
		{"300 years", "1900-01-01", "2200-12-31"},
	} {
		from, to := date(bm.from), date(bm.to)
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				sinkInt = WorkingDaysBetween(from, to)
			}
		})
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	d := date("2023-12-22")
	for _, n := range []int{1, 15, 45, 260, -45} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				sinkDate = AddWorkingDays(d, n)
			}
		})
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	d := date("2024-05-27")
	for b.Loop() {
		if IsWorkingDay(d) {
			sinkInt++
		}
	}
}
