package education

import (
	"errors"
	"fmt"
	"slices"

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
// last day on or after it, and no two overlap.
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
	return bad
}
