package calendar

import (
	"slices"
	"time"

	"hearth/internal/civil"
)

// AddWorkingDays returns the date n working days after d, d itself not
// counted: the nth working day after d. A referral received on Friday
// 22 December 2023 plus one working day is Wednesday 27 December (Christmas
// Day and Boxing Day between). The definition does not depend on whether d is
// itself a working day: plus one from a Saturday is the following Monday, if
// that is not a bank holiday.
//
// With n = 0 it returns d if d is a working day and otherwise the next
// working day: "on day 0" of a timescale is the day it starts, moved to a
// day the office is open. With n < 0 it returns the |n|th working day before
// d, d itself not counted.
//
// For n >= 0, WorkingDaysBetween(d, AddWorkingDays(d, n)) == n whenever d is a
// working day; for n < 0, WorkingDaysBetween(AddWorkingDays(d, n), d) == -n
// whenever d is a working day. The zero Date ("no date") gives the zero Date.
func AddWorkingDays(d civil.Date, n int) civil.Date {
	if d.IsZero() {
		return d
	}
	z := serial(d)
	switch {
	case n == 0:
		if IsWorkingDay(d) {
			return d
		}
		return fromSerial(forward(z, 1))
	case n > 0:
		return fromSerial(forward(z, n))
	default:
		return fromSerial(backward(z, -n))
	}
}

// forward returns the day number of the nth (n > 0) working day after z.
// It steps over n weekdays by arithmetic, then over as many more as there were
// bank holidays on weekdays in the span just crossed, until a step crosses
// none: a few steps even for a span of years.
func forward(z, n int) int {
	end := nthWeekday(weekdaysTo(z) + n)
	for h := holidaysIn(z, end); h > 0; {
		next := nthWeekday(weekdaysTo(end) + h)
		h = holidaysIn(end, next)
		end = next
	}
	return end
}

// backward returns the day number of the nth (n > 0) working day before z.
func backward(z, n int) int {
	// weekdaysTo(z-1) counts the weekdays before z; the nth before z is the
	// weekday whose count is n-1 fewer.
	start := nthWeekday(weekdaysTo(z-1) - n + 1)
	for h := holidaysIn(start-1, z-1); h > 0; {
		prev := nthWeekday(weekdaysTo(start-1) - h + 1)
		h = holidaysIn(prev-1, start-1)
		start = prev
	}
	return start
}

// WorkingDaysBetween returns the number of working days after from, up to and
// including to: the working days a timescale that started on from has used
// by the end of to. It is 0 when to is on or before from. From a Friday to the
// next Monday is 1 (if the Monday is not a bank holiday).
//
// It is the inverse of AddWorkingDays: for a working day d and n >= 0,
// WorkingDaysBetween(d, AddWorkingDays(d, n)) == n. The count is arithmetic
// over whole weeks less the bank holidays in the span, so a span of centuries
// costs as little as a span of weeks. A zero Date gives 0.
func WorkingDaysBetween(from, to civil.Date) int {
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return 0
	}
	a, b := serial(from), serial(to)
	return weekdaysTo(b) - weekdaysTo(a) - holidaysIn(a, b)
}

// holidaysIn returns the number of bank holidays falling on a weekday with a
// day number after lo, up to and including hi.
func holidaysIn(lo, hi int) int {
	if hi <= lo {
		return 0
	}
	first, last := fromSerial(lo+1).Year, fromSerial(hi).Year
	n := 0
	for y := first; y <= last; y++ {
		days := yearOf(y).weekday
		if y > first && y < last {
			n += len(days)
			continue
		}
		i, _ := slices.BinarySearch(days, lo+1)
		j, _ := slices.BinarySearch(days, hi+1)
		n += j - i
	}
	return n
}

// AddMonths returns the date n calendar months after d (before, when n < 0),
// on the same day of the month or, when that month is shorter, on its last
// day: 31 January plus one month is 28 February (29th in a leap year), and
// 29 February 2024 plus twelve months is 28 February 2025. This is how "within
// 3 months" and "every 6 months" are read. The zero Date gives the zero Date.
//
// Each call counts from d, so a series of reviews is AddMonths(start, 6*k),
// not six months added again to an already clamped date (31 August + 6
// months is 28 February, and 28 February + 6 months is 28 August, not 31).
func AddMonths(d civil.Date, n int) civil.Date {
	if d.IsZero() {
		return d
	}
	months := d.Year*12 + int(d.Month) - 1 + n
	y, m := floorDiv(months, 12), time.Month(floorMod(months, 12)+1)
	return civil.Date{Year: y, Month: m, Day: min(d.Day, daysInMonth(y, m))}
}
