package care

import (
	"slices"
	"time"

	"hearth/internal/civil"
)

// The statuses of a care leaver (Children Act 1989 as the Children
// (Leaving Care) Act 2000 amended it, and the Care Leavers (England)
// Regulations 2010), as LeaverStatus gives them.
const (
	// Eligible: 16 or 17 and looked after, having been looked after for 13
	// weeks in all since their 14th birthday.
	Eligible = "eligible"
	// Relevant: 16 or 17, no longer looked after, and eligible when they
	// last stopped being looked after.
	Relevant = "relevant"
	// FormerRelevant: 18 to 24, and eligible or relevant before 18. The
	// council's duties (a personal adviser, the pathway plan) last until
	// their 25th birthday.
	FormerRelevant = "former_relevant"
	// Qualifying: 16 to 20, looked after at some time since their 16th
	// birthday but not for long enough to be eligible.
	Qualifying = "qualifying"
)

// thirteenWeeks is the time looked after since 14 that makes a child
// eligible, in days.
const thirteenWeeks = 13 * 7

// LeaverStatus is the care leaver status of a young person born on born,
// with these periods of care, on the day on: "" (none), Eligible, Relevant,
// FormerRelevant or Qualifying.
//
// Time looked after is counted in days: each day from a period's start up
// to the day before its end (the day they stopped is not one looked after),
// from the 14th birthday on. Periods of short breaks alone (V3, V4) are not
// counted, as the regulations leave out a series of short breaks. The 13
// weeks must "end after they reached 16": they are looked after on or after
// their 16th birthday. A birthday on 29 February falls on 1 March in other
// years (civil.Date.AgeOn).
//
// Qualifying is what the care history shows: a young person also qualifies
// after a special guardianship order, private fostering or some other
// accommodation after 16, and to 25 while in education, which the periods
// of care do not hold; those are not found here.
func LeaverStatus(born civil.Date, periods []Period, on civil.Date) string {
	if born.IsZero() || on.Before(born) {
		return ""
	}
	age := born.AgeOn(on)
	if age < 16 || age >= 25 {
		return ""
	}
	b14, b16, b18 := Birthday(born, 14), Birthday(born, 16), Birthday(born, 18)
	// The last day looked after before 18 (and by on): eligibility only
	// grows while the child is looked after under 18, so whether they were
	// ever eligible is whether they were on that day.
	last := lastDayInCare(periods, earlier(on, b18.AddDays(-1)))
	if last.IsZero() || last.Before(b16) {
		return ""
	}
	eligible := daysInCare(periods, b14, last) >= thirteenWeeks
	switch {
	case age < 18 && last == on:
		if eligible {
			return Eligible
		}
		return ""
	case age < 18 && eligible:
		return Relevant
	case eligible:
		return FormerRelevant
	case age < 21:
		return Qualifying
	}
	return ""
}

// Birthday is the day a person born on born turns n: 1 March for one born
// on 29 February when the year is not a leap year.
func Birthday(born civil.Date, n int) civil.Date {
	d := civil.Date{Year: born.Year + n, Month: born.Month, Day: born.Day}
	if !d.Valid() {
		return civil.Date{Year: d.Year, Month: time.March, Day: 1}
	}
	return d
}

// lastDayInCare is the last day on or before by on which the child was
// looked after (short breaks aside), or the zero Date.
func lastDayInCare(periods []Period, by civil.Date) civil.Date {
	var last civil.Date
	for _, p := range periods {
		if p.ShortBreaks || p.Start.After(by) {
			continue
		}
		d := by
		if !p.End.IsZero() && p.End.Before(by.AddDays(1)) {
			d = p.End.AddDays(-1)
		}
		if !d.Before(p.Start) && d.After(last) {
			last = d
		}
	}
	return last
}

// daysInCare counts the days from from to through (both included) on which
// the child was looked after, short breaks aside.
func daysInCare(periods []Period, from, through civil.Date) int {
	n := 0
	for _, p := range periods {
		if p.ShortBreaks {
			continue
		}
		lo := p.Start
		if from.After(lo) {
			lo = from
		}
		hi := through.AddDays(1) // the day after the last one counted
		if !p.End.IsZero() && p.End.Before(hi) {
			hi = p.End
		}
		if hi.After(lo) {
			n += hi.DaysSince(lo)
		}
	}
	return n
}

func earlier(a, b civil.Date) civil.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// EligibleFrom is the first day a young person born on born, with these
// periods of care, is eligible: looked after at 16 or 17 on a day by which
// they have been looked after for 13 weeks since their 14th birthday
// (short breaks aside). It is their 16th birthday for a child in care since
// before 16 for long enough, which is when their pathway plan falls due.
func EligibleFrom(born civil.Date, periods []Period) (civil.Date, bool) {
	if born.IsZero() {
		return civil.Date{}, false
	}
	b14, b16, b18 := Birthday(born, 14), Birthday(born, 16), Birthday(born, 18)
	sorted := slices.Clone(periods)
	slices.SortFunc(sorted, func(a, b Period) int { return a.Start.Compare(b.Start) })
	// The day the 13 weeks were complete: the 91st day looked after from
	// the 14th birthday.
	var done civil.Date
	n := 0
	for _, p := range sorted {
		if p.ShortBreaks {
			continue
		}
		lo := p.Start
		if b14.After(lo) {
			lo = b14
		}
		if p.End.IsZero() {
			done = lo.AddDays(thirteenWeeks - n - 1)
			break
		}
		if !p.End.After(lo) {
			continue
		}
		if days := p.End.DaysSince(lo); n+days >= thirteenWeeks {
			done = lo.AddDays(thirteenWeeks - n - 1)
			break
		}
		n += p.End.DaysSince(lo)
	}
	if done.IsZero() {
		return civil.Date{}, false
	}
	from := done
	if b16.After(from) {
		from = b16
	}
	// The first day from then on which they are looked after, under 18.
	for _, p := range sorted {
		if p.ShortBreaks {
			continue
		}
		d := p.Start
		if from.After(d) {
			d = from
		}
		if p.In(d) && d.Before(b18) {
			return d, true
		}
	}
	return civil.Date{}, false
}
