package indicators

import (
	"fmt"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// Children in care and missing children.

// claCount: looked after on the date, short breaks aside. cla_rate divides
// the same list by the population.
func claCount(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachInCare(func(k *pchild) {
		if i, p, ok := k.lookedAfter(c.at); ok {
			e := k.episodeEntry(i, c.say(func() string {
				ep := k.episode(i).CareEpisode
				return "looked after, " + ep.LegalStatus + " in " + ep.Placement
			}))
			e.Start, e.End = p.Start, civil.Date{}
			num = append(num, e)
		}
	})
	return num, nil, nil
}

// periodRecord is the episode that starts period p.
func (k *pchild) periodRecord(p care.Period) *journey.Record {
	for _, r := range k.of(ixCareEpisode) {
		if r.Start == p.Start {
			return r
		}
	}
	return nil
}

// claStarts: each child once, at the first period of care (not of short
// breaks alone) that started in the year.
func claStarts(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachInCare(func(k *pchild) {
		for _, p := range k.periods() {
			if !p.ShortBreaks && c.within(p.Start) {
				e := k.entry(k.periodRecord(p), "started to be looked after")
				e.End = p.End
				num = append(num, e)
				return
			}
		}
	})
	return num, nil, nil
}

// ceasedAdoption: each child once, by the last period of care that ended in
// the year, and the reason its last episode ended with.
func ceasedAdoption(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachInCare(func(k *pchild) {
		var last care.Period
		for _, p := range k.periods() {
			if !p.ShortBreaks && c.within(p.End) {
				last = p
			}
		}
		if last.End.IsZero() {
			return
		}
		var ended *journey.Record
		for _, r := range k.of(ixCareEpisode) {
			if r.End == last.End && care.EndsPeriod(r.CareEpisode.ReasonCeased) {
				ended = r
			}
		}
		reason := ""
		if ended != nil && ended.CareEpisode != nil {
			reason = ended.CareEpisode.ReasonCeased
		}
		e := k.entry(ended, c.say(func() string { return "ceased: " + reason }))
		e.Start, e.End = last.Start, last.End
		den = append(den, e)
		if reason == "E11" || reason == "E12" {
			num = append(num, e)
		}
	})
	return num, den, nil
}

// placementsIn counts the child's placements in the days from..to: a
// temporary placement (T0 to T4) is not one, and neither is the return
// from it to the placement the child left for it.
func (k *pchild) placementsIn(from, to civil.Date) int {
	n := 0
	var before journey.Placement // the last placement that was not temporary
	for i, pl := range k.placed() {
		if care.Temporary(pl.Type) {
			continue
		}
		back := i > 0 && care.Temporary(k.placed()[i-1].Type) && samePlace(before, pl)
		before = pl
		if back || pl.Start.After(to) || (!pl.End.IsZero() && !pl.End.After(from)) {
			continue
		}
		n++
	}
	return n
}

func samePlace(a, b journey.Placement) bool {
	return a.Type == b.Type && a.Provider == b.Provider && a.Household == b.Household &&
		a.Postcode == b.Postcode && a.URN == b.URN
}

// stStability: 100 less the percentage with three or more placements, made
// as the share with fewer than three so the list is of the stable.
func stStability(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachInCare(func(k *pchild) {
		i, p, ok := k.lookedAfter(c.at)
		if !ok {
			return
		}
		n := k.placementsIn(c.from, c.to)
		e := k.episodeEntry(i, c.say(func() string { return count(n, "placement") + " in the year" }))
		e.Start, e.End = p.Start, civil.Date{}
		den = append(den, e)
		if n < 3 {
			num = append(num, e)
		}
	})
	return num, den, nil
}

// placedForAdoption reports whether a placement type is a placement for
// adoption (A3 to A6).
func placedForAdoption(t string) bool { return t == "A3" || t == "A4" || t == "A5" || t == "A6" }

// ltStability: under 16 on the date, looked after for 2.5 years (30 months)
// in the period open on it; in the current placement 2 years, or placed for
// adoption and that placement and the one before it in the period together
// 2 years.
func ltStability(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	twoHalf, two := calendar.AddMonths(c.at, -30), calendar.AddMonths(c.at, -24)
	c.eachInCare(func(k *pchild) {
		dob := k.born()
		if dob.IsZero() || dob.AgeOn(c.at) >= 16 {
			return
		}
		ep, p, ok := k.lookedAfter(c.at)
		if !ok || p.Start.After(twoHalf) {
			return
		}
		pl, i, ok := k.placementOn(c.at)
		if !ok {
			return
		}
		e := k.episodeEntry(ep, c.say(func() string { return "in this placement since " + pl.Start.String() }))
		e.Start, e.End = p.Start, pl.Start
		switch {
		case !pl.Start.After(two):
			num = append(num, e)
		case placedForAdoption(pl.Type) && i > 0 && k.placed()[i-1].End == pl.Start &&
			!p.Start.After(k.placed()[i-1].Start) && !k.placed()[i-1].Start.After(two):
			e.Reason = c.say(func() string {
				return "placed for adoption; with the placement before, since " + k.placed()[i-1].Start.String()
			})
			e.End = k.placed()[i-1].Start
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}

// claVisitsInTime: the next visit (journey.Timescales.CareVisitDue, with the
// council's intervals) is due on or after the date.
func claVisitsInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	t := journey.Timescales{PlacementVisitDays: c.set.PlacementVisitDays, CareVisitDays: c.set.CareVisitDays,
		StableVisitDays: c.set.StableVisitDays}
	c.eachInCare(func(k *pchild) {
		i, _, ok := k.lookedAfter(c.at)
		if !ok {
			return
		}
		pl, _, _ := k.placementOn(c.at)
		last := k.lastSeen(c.at)
		due := t.CareVisitDue(pl.Start, last, k.episode(i).CareEpisode.LongTermStable)
		e := k.episodeEntry(i, "")
		e.Start, e.End = last, due
		if due.Before(c.at) {
			e.Reason = c.say(func() string { return "visit overdue since " + due.AddDays(1).String() })
		} else {
			e.Reason = c.say(func() string { return "next visit due " + due.String() })
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}

// claReviewsInTime walks each period of care's reviews with the statutory
// clock (journey.Timescales.CareReviewDue): every review due in the 12
// months is a line, held in time or not; one due in them and not held is a
// line once its due day has passed while the child was still in care.
func claReviewsInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	t := journey.Defaults()
	var held []civil.Date // each period's reviews so far, its room used again
	c.eachInCare(func(k *pchild) {
		reviews := k.daysOf(ixCareReview)
		for _, p := range k.periods() {
			if p.ShortBreaks || p.Start.After(c.at) || (!p.End.IsZero() && p.End.Before(c.from)) {
				continue
			}
			held = held[:0]
			for i, rd := range reviews {
				rv := rd.start.date()
				if rv.After(c.at) || !p.In(rv) {
					continue
				}
				due := t.CareReviewDue(p.Start, held)
				if c.within(due) {
					e := k.entryAt(ixCareReview, i, "")
					e.End = due
					if rv.After(due) {
						e.Reason = c.say(func() string { return "held late: due " + due.String() })
					} else {
						e.Reason = c.say(func() string { return "held by " + due.String() })
						num = append(num, e)
					}
					den = append(den, e)
				}
				held = append(held, rv)
			}
			due := t.CareReviewDue(p.Start, held)
			if c.within(due) && due.Before(c.at) && p.In(due) {
				ep, _, _ := k.careOn(due)
				e := k.episodeEntry(ep, c.say(func() string { return "not held: due " + due.String() }))
				e.Start, e.End = due, civil.Date{}
				den = append(den, e)
			}
		}
	})
	return num, den, nil
}

// oc2Cohort calls fn for each child looked after on the date (short breaks
// aside) continuously for at least 12 months: the OC2 cohort.
func oc2Cohort(c *calc, fn func(k *pchild, ep int, p care.Period)) {
	since := calendar.AddMonths(c.at, -12)
	c.eachInCare(func(k *pchild) {
		if ep, p, ok := k.lookedAfter(c.at); ok && !p.Start.After(since) {
			fn(k, ep, p)
		}
	})
}

// healthInTime: the latest health assessment in the period of care is up to
// date: its next (6 months on for a child under 5 at it, 12 from 5; a child
// whose birth date is unknown is taken as under 5) is not due before the
// date.
func healthInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	t := journey.Defaults()
	oc2Cohort(c, func(k *pchild, ep int, p care.Period) {
		h, ok := k.latest(ixHealthAssessment, p.Start, c.at, 0)
		if !ok {
			den = append(den, k.episodeEntry(ep, "no health assessment"))
			return
		}
		e := k.entryAt(ixHealthAssessment, h, "")
		dob := k.born()
		due := t.HealthReviewDue(e.Start, dob.IsZero() || dob.AgeOn(e.Start) < 5)
		e.Reason = c.say(func() string { return "next due " + due.String() })
		e.End = due
		den = append(den, e)
		if !due.Before(c.at) {
			num = append(num, e)
		}
	})
	return num, den, nil
}

func dentalInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	since := calendar.AddMonths(c.at, -12)
	oc2Cohort(c, func(k *pchild, ep int, p care.Period) {
		d, ok := k.latest(ixDentalCheck, civil.Date{}, c.at, 0)
		if !ok {
			den = append(den, k.episodeEntry(ep, "no dental check"))
			return
		}
		e := k.entryAt(ixDentalCheck, d, "dental check")
		den = append(den, e)
		if !e.Start.Before(since) {
			num = append(num, e)
		}
	})
	return num, den, nil
}

// sdqAverage: the cohort aged 5 to 16 on the date is the denominator (so
// those without a score show); the numerator holds each one's latest score
// in the year to the date, as its Amount.
func sdqAverage(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	from := monthBefore(c.at, 12)
	oc2Cohort(c, func(k *pchild, ep int, p care.Period) {
		dob := k.born()
		if dob.IsZero() || dob.AgeOn(c.at) < 5 || dob.AgeOn(c.at) > 16 {
			return
		}
		s, ok := k.latest(ixSDQ, from, c.at, factScore)
		if !ok {
			den = append(den, k.episodeEntry(ep, "no score in the year"))
			return
		}
		score := *k.of(ixSDQ)[s].SDQ.Score
		e := k.entryAt(ixSDQ, s, c.say(func() string { return fmt.Sprintf("score %d", score) }))
		e.Amount = float64(score)
		den, num = append(den, e), append(num, e)
	})
	return num, den, nil
}

// The groups of foster_placements, as care.CountFoster counts them: by
// provider, the council's own carers (PR1), agencies (PR4, PR5) and any
// other, which together are every child in foster care; and, across them,
// those placed with family and friends (U1 to U3).
var fosterGroups = []string{"In-house", "Agency", "Other providers", "Family and friends"}

func fosterPlacements(c *calc) (num, den []Entry, groups []Group) {
	num = c.list()
	groups = make([]Group, len(fosterGroups))
	for i, g := range fosterGroups {
		groups[i].Name = g
	}
	c.eachInCare(func(k *pchild) {
		i, _, ok := k.lookedAfter(c.at)
		if !ok {
			return
		}
		ep := k.episode(i)
		if !care.FosterPlacement(ep.CareEpisode.Placement) {
			return
		}
		g := 2
		switch ep.CareEpisode.Provider {
		case "PR1":
			g = 0
		case "PR4", "PR5":
			g = 1
		}
		e := k.entry(ep, c.say(func() string {
			return "foster care (" + ep.CareEpisode.Placement + ", " + ep.CareEpisode.Provider + ")"
		}))
		num = append(num, e)
		if !c.lists {
			return // a figure has no groups
		}
		groups[g].Numerator = append(groups[g].Numerator, e)
		if care.FamilyAndFriends(ep.CareEpisode.Placement) {
			groups[3].Numerator = append(groups[3].Numerator, e)
		}
	})
	return num, nil, groups
}

func missingMonth(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachStarted(ixMissing, func(kid, r int32) {
		what := "missing"
		if m := c.p.recs[r].Missing; m != nil && m.Away {
			what = "away"
		}
		num = append(num, c.recEntry(kid, r, what))
	})
	return num, nil, nil
}

// rhi72h: the interview is a day, the return a moment: in time when held by
// the day (in London) on which the hours after the return run out. A return
// with no moment recorded counts from the end of its day.
func rhi72h(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	hours := time.Duration(c.set.ReturnInterviewHours) * time.Hour
	c.eachEnded(ixMissing, func(kid, ri int32) {
		r := c.p.recs[ri]
		if r.Missing == nil {
			return
		}
		var by civil.Date
		if m := r.Missing; !m.ReturnedAt.IsZero() {
			by = civil.OfLondon(m.ReturnedAt.Add(hours))
		} else {
			by = r.End.AddDays(int(hours / (24 * time.Hour)))
		}
		e := c.recEntry(kid, ri, "")
		e.Start, e.End = r.End, r.Missing.InterviewDate
		switch iv := r.Missing.InterviewDate; {
		case iv.IsZero():
			e.Reason = "no return interview"
		case iv.After(by):
			e.Reason = c.say(func() string { return "interview late: due by " + by.String() })
		default:
			e.Reason = c.say(func() string { return "interview by " + by.String() })
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}
