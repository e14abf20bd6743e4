package calendar

import (
	"time"

	"hearth/internal/civil"
)

// Dates are counted here as day numbers (days since 1970-01-01 in the
// proleptic Gregorian calendar) so that counting working days over a span is
// arithmetic, not a walk through time.Date for every day.

// serial returns the day number of d.
func serial(d civil.Date) int {
	y, m := d.Year, int(d.Month)
	if m <= 2 { // count from 1 March, so the leap day ends the counted year
		y--
		m += 12
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // year of the 400-year cycle, 0..399
	doy := (153*(m-3)+2)/5 + d.Day - 1     // day of the year from 1 March, 0..365
	doe := yoe*365 + yoe/4 - yoe/100 + doy // day of the cycle, 0..146096
	return era*146097 + doe - 719468       // 719468 days from 0000-03-01 to 1970-01-01
}

// fromSerial is the inverse of serial.
func fromSerial(z int) civil.Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	y := yoe + era*400
	if m > 12 {
		m -= 12
		y++
	}
	return civil.Date{Year: y, Month: time.Month(m), Day: day}
}

// weekdayOf returns the day of the week of day number z (1970-01-01 was a Thursday).
func weekdayOf(z int) time.Weekday { return time.Weekday(floorMod(z+4, 7)) }

// mondayOrigin is the day number of Monday 5 January 1970, the origin of the
// weekday count below.
const mondayOrigin = 4

// weekdaysTo returns the number of weekdays (Monday to Friday) from
// mondayOrigin up to and including z, negative before it; the difference of
// two values is the number of weekdays between them.
func weekdaysTo(z int) int {
	off := z - mondayOrigin
	w, r := floorDiv(off, 7), floorMod(off, 7)
	return 5*w + min(r+1, 5)
}

// nthWeekday is the inverse of weekdaysTo: the day number of the weekday z
// with weekdaysTo(z) == t.
func nthWeekday(t int) int {
	return mondayOrigin + 7*floorDiv(t-1, 5) + floorMod(t-1, 5)
}

func isWeekend(z int) bool {
	wd := weekdayOf(z)
	return wd == time.Saturday || wd == time.Sunday
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - b*floorDiv(a, b) }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysInMonth(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
