package calendar

import (
	"time"

	"hearth/internal/civil"
)

// Names as GOV.UK publishes them, so a computed year reads like a published one.
const (
	nameNewYear      = "New Year's Day"
	nameGoodFriday   = "Good Friday"
	nameEasterMonday = "Easter Monday"
	nameEarlyMay     = "Early May bank holiday"
	nameSpring       = "Spring bank holiday"
	nameSummer       = "Summer bank holiday"
	nameChristmas    = "Christmas Day"
	nameBoxingDay    = "Boxing Day"
	substituteSuffix = " (substitute day)"
)

// easter returns Easter Sunday of year y in the Gregorian calendar: the first
// Sunday after the ecclesiastical full moon on or after 21 March. The moon's
// place comes from the 19-year Metonic cycle, corrected for the century years
// the Gregorian calendar does not leap and for the drift of the lunar tables
// against the real moon; the Sunday comes from the weekday of 21 March. It is
// meant for years 1583 onwards; earlier years give the rule projected backwards.
func easter(y int) civil.Date {
	cycle := y % 19 // the year's place in the Metonic cycle
	century, yearInCentury := y/100, y%100
	skippedLeaps := century / 4                     // with century%4, the century years left out as leap years
	moonDrift := (century - (century+8)/25 + 1) / 3 // the lunar correction: 8 days in 2500 years
	// Days from 21 March to the paschal full moon, 0..29.
	fullMoon := (19*cycle + century - skippedLeaps - moonDrift + 15) % 30
	// Days from the full moon to the next Sunday, less one, 0..6: how the
	// weekday of 21 March moves with the century and the leap years in it.
	toSunday := (32 + 2*(century%4) + 2*(yearInCentury/4) - fullMoon - yearInCentury%4) % 7
	// A full moon on the 29th day, or on the 28th late in the cycle, is taken a
	// week earlier so that Easter never falls after 25 April.
	late := (cycle + 11*fullMoon + 22*toSunday) / 451
	fromMarch22 := fullMoon + toSunday - 7*late // days after 22 March
	month := (fromMarch22 + 114) / 31
	day := (fromMarch22+114)%31 + 1
	return civil.Date{Year: y, Month: time.Month(month), Day: day}
}

// ruleHolidays returns the bank holidays of year y by the standing rules
// (the Banking and Financial Dealings Act 1971 for Easter Monday, the Spring
// and Summer days and the Christmas substitutes; the yearly royal proclamation
// for New Year's Day and Early May; custom for Good Friday and Christmas Day),
// sorted. A holiday on a Saturday or a
// Sunday moves to the next weekday that is not already a holiday.
func ruleHolidays(y int) []Holiday {
	var hs []Holiday
	add := func(d civil.Date, name string) { hs = append(hs, Holiday{Date: d, Name: name}) }

	newYear := civil.Date{Year: y, Month: time.January, Day: 1}
	switch weekdayOf(serial(newYear)) {
	case time.Saturday:
		add(newYear.AddDays(2), nameNewYear+substituteSuffix)
	case time.Sunday:
		add(newYear.AddDays(1), nameNewYear+substituteSuffix)
	default:
		add(newYear, nameNewYear)
	}

	e := easter(y)
	add(e.AddDays(-2), nameGoodFriday)
	add(e.AddDays(1), nameEasterMonday)

	add(firstMonday(y, time.May), nameEarlyMay)
	add(lastMonday(y, time.May), nameSpring)
	add(lastMonday(y, time.August), nameSummer)

	christmas := civil.Date{Year: y, Month: time.December, Day: 25}
	boxing := christmas.AddDays(1)
	switch weekdayOf(serial(christmas)) {
	case time.Friday: // Boxing Day on Saturday moves to Monday 28th
		add(christmas, nameChristmas)
		add(boxing.AddDays(2), nameBoxingDay+substituteSuffix)
	case time.Saturday: // both move: Monday 27th and Tuesday 28th
		add(christmas.AddDays(2), nameChristmas+substituteSuffix)
		add(boxing.AddDays(2), nameBoxingDay+substituteSuffix)
	case time.Sunday: // Boxing Day keeps Monday 26th; Christmas takes Tuesday 27th
		add(boxing, nameBoxingDay)
		add(christmas.AddDays(2), nameChristmas+substituteSuffix)
	default:
		add(christmas, nameChristmas)
		add(boxing, nameBoxingDay)
	}
	return hs
}

// firstMonday returns the first Monday of month m in year y.
func firstMonday(y int, m time.Month) civil.Date {
	first := civil.Date{Year: y, Month: m, Day: 1}
	ahead := floorMod(int(time.Monday)-int(weekdayOf(serial(first))), 7)
	return first.AddDays(ahead)
}

// lastMonday returns the last Monday of month m in year y.
func lastMonday(y int, m time.Month) civil.Date {
	last := civil.Date{Year: y, Month: m, Day: daysInMonth(y, m)}
	back := floorMod(int(weekdayOf(serial(last)))-int(time.Monday), 7)
	return last.AddDays(-back)
}
