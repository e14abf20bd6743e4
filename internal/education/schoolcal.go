package education

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
)

// Term is one school term, first and last day inclusive. A half-term break
// is two terms, or a run of Closures.
type Term struct {
	Start civil.Date `json:"start"`
	End   civil.Date `json:"end"`
}

// SchoolCalendar is the council's term dates: a school day is a weekday
// inside a term that is neither a bank holiday nor a closure (a training
// day the whole area shares). A school's own training days differ; the
// statutory clocks the council watches use the council's calendar.
type SchoolCalendar struct {
	Terms    []Term       `json:"terms"`
	Closures []civil.Date `json:"closures,omitempty"`
}

// ErrOutsideCalendar is returned when a clock would need school days that
// the calendar's terms do not reach: the council has not entered them yet,
// and a guessed date would be worse than none.
var ErrOutsideCalendar = errors.New("the school calendar has no terms entered for these dates")

// IsSchoolDay reports whether d is a school day.
func (c SchoolCalendar) IsSchoolDay(d civil.Date) bool {
	return calendar.IsWorkingDay(d) && c.inTerm(d) && !slices.Contains(c.Closures, d)
}

func (c SchoolCalendar) inTerm(d civil.Date) bool {
	for _, t := range c.Terms {
		if !d.Before(t.Start) && !d.After(t.End) {
			return true
		}
	}
	return false
}

// last is the calendar's last term day, the furthest any clock can run.
func (c SchoolCalendar) last() civil.Date {
	var end civil.Date
	for _, t := range c.Terms {
		if t.End.After(end) {
			end = t.End
		}
	}
	return end
}

// AddSchoolDays returns the n-th school day after d (n >= 1): "within 15
// school days of being notified" ends on AddSchoolDays(notified, 15). The
// day of the event itself is never counted, school day or not.
func (c SchoolCalendar) AddSchoolDays(d civil.Date, n int) (civil.Date, error) {
	end := c.last()
	for n > 0 {
		d = d.AddDays(1)
		if d.After(end) {
			return civil.Date{}, ErrOutsideCalendar
		}
		if c.IsSchoolDay(d) {
			n--
		}
	}
	return d, nil
}

// NthSchoolDay returns the n-th school day counting from d itself when d is
// a school day (the first day of a suspension is its day 1): the day "from
// the sixth school day" of an exclusion starting on d is NthSchoolDay(d, 6).
func (c SchoolCalendar) NthSchoolDay(d civil.Date, n int) (civil.Date, error) {
	if c.IsSchoolDay(d) {
		if n == 1 {
			return d, nil
		}
		return c.AddSchoolDays(d, n-1)
	}
	return c.AddSchoolDays(d, n)
}

// SchoolDaysBetween counts the school days after from up to and including
// to (zero when to is not after from).
func (c SchoolCalendar) SchoolDaysBetween(from, to civil.Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if c.IsSchoolDay(d) {
			n++
		}
	}
	return n
}

// Validate checks the calendar's terms, as entered: each has a first and a
// last day on or after it, no two overlap, and each closure is in a term.
func (c SchoolCalendar) Validate() errs.Fields {
	var bad errs.Fields
	order := make([]int, len(c.Terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return c.Terms[a].Start.Compare(c.Terms[b].Start) })
	for k, i := range order {
		t := c.Terms[i]
		switch {
		case t.Start.IsZero():
			bad.Add(fmt.Sprintf("terms[%d].start", i), "Enter the first day of the term")
		case t.End.IsZero() || t.End.Before(t.Start):
			bad.Add(fmt.Sprintf("terms[%d].end", i), "Enter the last day of the term, on or after its first day")
		case k > 0 && !t.Start.After(c.Terms[order[k-1]].End):
			bad.Add(fmt.Sprintf("terms[%d].start", i), "A term cannot start before the term before it has ended")
		}
	}
	for i, d := range c.Closures {
		if _, ok := c.TermOf(d); !ok || d.IsZero() {
			bad.Add(fmt.Sprintf("closures[%d]", i), "A closure is a day in one of the terms (a half-term break or a training day the whole area shares)")
		}
	}
	return bad
}

// TermOf returns the term d falls in, if any.
func (c SchoolCalendar) TermOf(d civil.Date) (Term, bool) {
	for _, t := range c.Terms {
		if !d.Before(t.Start) && !d.After(t.End) {
			return t, true
		}
	}
	return Term{}, false
}

// RuleCalendar is the calendar a council that has entered no term dates
// works by: for each school year from (named by its first calendar year,
// 2025 for 2025/26) to, inclusive, three terms with a week's half-term
// break in each as closures, placed by the rules most English councils'
// published dates follow:
//
//   - autumn: from 3 September (the Monday after, when that is a weekend)
//     to the last Friday on or before 21 December, with the week from the
//     last Monday of October off;
//   - spring: from the first Monday on or after 2 January to the Friday
//     before Holy Week (nine days before Easter Sunday), with the week of
//     the third Monday of February off;
//   - summer: from the Monday after Easter week (eight days after Easter
//     Sunday) to 22 July (the Friday before, when that is a weekend), with
//     the week of the spring bank holiday off.
//
// It is a rule, not a council's decision: a clock counted on it may be a
// day or so out where the council's dates differ, which is why a council
// enters its own (the term dates setting).
func RuleCalendar(from, to int) SchoolCalendar {
	var c SchoolCalendar
	week := func(monday civil.Date) {
		for i := range 5 {
			c.Closures = append(c.Closures, monday.AddDays(i))
		}
	}
	for y := from; y <= to; y++ {
		autumn := Term{Start: weekdayOnOrAfter(civil.Date{Year: y, Month: 9, Day: 3}), End: onOrBefore(civil.Date{Year: y, Month: 12, Day: 21}, time.Friday)}
		week(onOrBefore(civil.Date{Year: y, Month: 10, Day: 31}, time.Monday))
		easter := goodFriday(y + 1).AddDays(2)
		spring := Term{Start: onOrAfter(civil.Date{Year: y + 1, Month: 1, Day: 2}, time.Monday), End: easter.AddDays(-9)}
		week(onOrAfter(civil.Date{Year: y + 1, Month: 2, Day: 15}, time.Monday))
		summer := Term{Start: easter.AddDays(8), End: weekdayOnOrBefore(civil.Date{Year: y + 1, Month: 7, Day: 22})}
		sbh := springBankHoliday(y + 1)
		week(sbh.AddDays(1 - int(sbh.Weekday())))
		c.Terms = append(c.Terms, autumn, spring, summer)
	}
	return c
}

// CalendarFor is the calendar a clock starting on d counts on: the
// council's when it has entered one (set), otherwise RuleCalendar for the
// school year of d and the one after it, which is as far as any
// exclusion's clock runs.
func CalendarFor(set SchoolCalendar, d civil.Date) SchoolCalendar {
	if len(set.Terms) > 0 {
		return set
	}
	return RuleCalendar(SchoolYear(d), SchoolYear(d)+1)
}

func onOrAfter(d civil.Date, w time.Weekday) civil.Date {
	return d.AddDays((int(w) - int(d.Weekday()) + 7) % 7)
}

func onOrBefore(d civil.Date, w time.Weekday) civil.Date {
	return d.AddDays(-((int(d.Weekday()) - int(w) + 7) % 7))
}

// weekdayOnOrAfter is d, or the Monday after when d is a weekend day.
func weekdayOnOrAfter(d civil.Date) civil.Date {
	if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		return onOrAfter(d, time.Monday)
	}
	return d
}

// weekdayOnOrBefore is d, or the Friday before when d is a weekend day.
func weekdayOnOrBefore(d civil.Date) civil.Date {
	if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		return onOrBefore(d, time.Friday)
	}
	return d
}

// goodFriday is year y's Good Friday: its bank holiday on a Friday in March
// or April.
func goodFriday(y int) civil.Date {
	for _, h := range calendar.Holidays(y) {
		if (h.Date.Month == time.March || h.Date.Month == time.April) && h.Date.Weekday() == time.Friday {
			return h.Date
		}
	}
	panic(fmt.Sprintf("education: no Good Friday in %d", y))
}

// springBankHoliday is year y's spring bank holiday, from the published
// list where it moved (to 2 June in 2022, for the Platinum Jubilee): the
// bank holiday from 25 May to 4 June.
func springBankHoliday(y int) civil.Date {
	for _, h := range calendar.Holidays(y) {
		if !h.Date.Before(civil.Date{Year: y, Month: 5, Day: 25}) && !h.Date.After(civil.Date{Year: y, Month: 6, Day: 4}) {
			return h.Date
		}
	}
	panic(fmt.Sprintf("education: no spring bank holiday in %d", y))
}
