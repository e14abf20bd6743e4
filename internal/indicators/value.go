package indicators

import (
	"math"
	"strconv"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Entry is one line of an indicator's numerator or denominator: a child
// (and the record that put them there), or for the workforce a position or
// a leaver. Start and End are the dates that decided it (a referral and the
// visit that saw the child; an assessment's start and authorisation), and
// Reason says in a few words why it is on the list.
type Entry struct {
	PersonID people.ID  `json:"person_id,omitzero"`
	RecordID journey.ID `json:"record_id,omitzero"`
	Name     string     `json:"name,omitempty"` // a position or leaver, for the workforce
	Start    civil.Date `json:"start,omitzero"`
	End      civil.Date `json:"end,omitzero"`
	Reason   string     `json:"reason"`
	// Amount is what the entry adds to an average (days, a score) or a
	// weighted measure (FTE); zero for an entry that is simply counted.
	Amount float64 `json:"amount,omitzero"`
}

// Group is a part of a figure the framework asks to see apart (foster
// placements by type; care leavers aged 17 to 18 and 19 to 21), with its
// own lists and value made the same way.
type Group struct {
	Name        string   `json:"name"`
	Value       *float64 `json:"value"`
	Numerator   []Entry  `json:"numerator"`
	Denominator []Entry  `json:"denominator,omitempty"`
}

// Result is an indicator computed at a date.
type Result struct {
	ID          string     `json:"id"`
	At          civil.Date `json:"at"`
	From        civil.Date `json:"from"`  // the first day of the period read; At is the last
	Value       *float64   `json:"value"` // nil when there is nothing to divide by
	Numerator   []Entry    `json:"numerator"`
	Denominator []Entry    `json:"denominator,omitempty"`
	// Base is what a rate divides by: the population aged 0 to 17.
	Base   int     `json:"base,omitzero"`
	Groups []Group `json:"groups,omitempty"`
	// NoValue says why Value is nil, in words for the page; "" when it is
	// not.
	NoValue string `json:"no_value,omitempty"`
}

// Window is the first and last day (both included) of the period p ending
// on at. A month is from the day after the same day a month before (a whole
// calendar month when at is its last day); a year from the day after the
// same day a year before (1 April to 31 March at 31 March).
func Window(p Period, at civil.Date, adoptionYears int) (from, to civil.Date) {
	switch p {
	case PeriodMonth:
		return monthBefore(at, 1), at
	case Period12Months, PeriodYear:
		return monthBefore(at, 12), at
	case PeriodThreeYears:
		if adoptionYears < 1 {
			adoptionYears = 3
		}
		return monthBefore(at, 12*adoptionYears), at
	}
	return at, at
}

// monthBefore is the first day of the n months that end on at. At the end
// of a month it is the first day of a month; otherwise the day after the
// same day n months before.
func monthBefore(at civil.Date, n int) civil.Date {
	if next := at.AddDays(1); next.Day == 1 {
		return calendar.AddMonths(next, -n)
	}
	return calendar.AddMonths(at, -n).AddDays(1)
}

// valueOf makes the value of def from its lists' tallies (the
// denominator's with any entries counted and not written, calc.ones): the
// only place a figure is made, so a figure and its lists agree. nil when
// the denominator (the list, the population, the FTE) is empty or zero.
func valueOf(def Definition, num, den tally, base int) *float64 {
	var v float64
	switch def.Unit {
	case UnitCount:
		v = float64(num.n)
	case UnitPercent:
		n, d := float64(num.n), float64(den.n)
		if def.Weighted {
			n, d = num.sum, den.sum
		}
		if d == 0 {
			return nil
		}
		v = 100 * n / d
	case UnitRate:
		if base == 0 {
			return nil
		}
		v = 10000 * float64(num.n) / float64(base)
	case UnitDays, UnitScore:
		if num.n == 0 {
			return nil
		}
		v = num.sum / float64(num.n)
	case UnitRatio:
		if den.sum == 0 {
			return nil
		}
		v = float64(num.n) / den.sum
	}
	v = roundFor(def.Unit, v)
	return &v
}

// noValue says why def has no value: a rate with no population entered
// for the date's year or one before it; a workforce figure with no
// establishment counted by the date, or none of its posts holding cases;
// an average with nothing to average; a proportion or ratio with nothing
// to divide by. A figure of 0 is a value: it is never the reason.
func noValue(def Definition, at civil.Date, base int, w Workforce) string {
	switch {
	case def.Unit == UnitRate && base == 0:
		return "No population of children aged 0 to 17 has been entered for " + strconv.Itoa(at.Year) + " or a year before it"
	case def.Section == SectionWorkforce && len(w.Positions) == 0:
		return "No establishment has been entered for this date or before it"
	case def.Unit == UnitRatio:
		return "No post of the establishment counted by this date holds cases"
	case def.Unit == UnitDays || def.Unit == UnitScore:
		return "No " + def.Counts + " in the period to average"
	}
	return "Nothing to divide by: no " + def.Counts + " in the period"
}

// roundFor rounds as the framework says: days whole, counts as they are,
// everything else to one decimal.
func roundFor(u Unit, v float64) float64 {
	switch u {
	case UnitDays, UnitCount:
		return math.Round(v)
	}
	// Adding a hair before rounding keeps a value such as 12.85, held in
	// binary as 12.8499..., rounding up as it does on paper.
	return math.Round(v*10+1e-9) / 10
}

// count writes n things: "1 day", "2 days".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
