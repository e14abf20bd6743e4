package indicators

import (
	"fmt"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// Assessment, child in need and child protection. The DfE's timescales are
// fixed here, not the council's (see the package doc).
const (
	dfeAssessmentWorkingDays = 45
	dfeICPCWorkingDays       = 15
	dfeFirstReviewMonths     = 3
	dfeReviewMonths          = 6
	dfeLongPlanMonths        = 24
)

// childrenOpen lists each child with a record of kind kd open on the date
// that has none of the facts leave, once.
func childrenOpen(c *calc, kd kindIx, reason string, leave recFacts) (num []Entry) {
	num = c.list()
	at := keyOf(c.at)
	c.eachWith(kd, func(k *pchild) {
		for i, d := range k.daysOf(kd) {
			if d.openOn(at) && d.facts&leave == 0 {
				num = append(num, k.entryAt(kd, i, reason))
				return
			}
		}
	})
	return num
}

// inAssessment: started by the date and not authorised by it (an
// assessment authorised on the date is done).
func inAssessment(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	at := keyOf(c.at)
	c.eachWith(ixAssessment, func(k *pchild) {
		for i, d := range k.daysOf(ixAssessment) {
			if d.start <= at && (d.end == 0 || d.end > at) {
				num = append(num, k.entryAt(ixAssessment, i, "assessment started, not authorised"))
				return
			}
		}
	})
	return num, nil, nil
}

func assessment45wd(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachEnded(ixAssessment, func(kid, r int32) {
		e := c.recEntry(kid, r, "")
		wd := calendar.WorkingDaysBetween(e.Start, e.End)
		e.Reason = c.say(func() string { return "authorised after " + count(wd, "working day") })
		den = append(den, e)
		if wd <= dfeAssessmentWorkingDays {
			num = append(num, e)
		}
	})
	return num, den, nil
}

func cinRate(c *calc) (num, den []Entry, _ []Group) {
	return childrenOpen(c, ixReferral, "child in need episode open", factNFA), nil, nil
}

func cinPlans(c *calc) (num, den []Entry, _ []Group) {
	return childrenOpen(c, ixCINPlan, "child in need plan open", 0), nil, nil
}

// cinVisitsInTime: seen within CINVisitDays days before the date, or the
// plan younger than that.
func cinVisitsInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	days := c.set.CINVisitDays
	c.eachWith(ixCINPlan, func(k *pchild) {
		p, ok := k.openOn(ixCINPlan, c.at)
		if !ok {
			return
		}
		last := k.lastSeen(c.at)
		e := k.entry(p, "")
		e.End = last
		switch {
		case !last.IsZero() && c.at.DaysSince(last) <= days:
			e.Reason = c.say(func() string { return "seen " + count(c.at.DaysSince(last), "day") + " before" })
			num = append(num, e)
		case c.at.DaysSince(p.Start) < days:
			e.Reason = "plan started less than the interval ago"
			num = append(num, e)
		case last.IsZero():
			e.Reason = "not seen"
		default:
			e.Reason = c.say(func() string { return "last seen " + count(c.at.DaysSince(last), "day") + " before" })
		}
		den = append(den, e)
	})
	return num, den, nil
}

func s4712m(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachStarted(ixS47, func(kid, r int32) {
		num = append(num, c.recEntry(kid, r, "enquiry started"))
	})
	return num, nil, nil
}

// s47ToICPC: a conference follows the enquiry, or the enquiry's outcome was
// to hold one (it may not be held yet).
func s47ToICPC(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachStarted(ixS47, func(kid, ri int32) {
		r := c.p.recs[ri]
		e := c.recEntry(kid, ri, "enquiry, no conference")
		led := r.S47 != nil && r.S47.Outcome == "icpc"
		for _, conf := range c.p.kids[kid].of(ixICPC) {
			if conf.Follows == r.ID {
				led = true
			}
		}
		if led {
			e.Reason = "enquiry led to a conference"
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}

// icpc15wd: the clock starts at the strategy discussion the enquiry came
// from, or the enquiry's start when none is recorded. A conference with no
// enquiry recorded (a transfer in, or one recorded alone) cannot be timed
// and is left out.
func icpc15wd(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachStarted(ixICPC, func(kid, ri int32) {
		r, k := c.p.recs[ri], &c.p.kids[kid]
		if r.ICPC != nil && r.ICPC.TransferIn {
			return
		}
		s, ok := k.find(ixS47, r.Follows)
		if !ok {
			return
		}
		clock := s.Start
		if sd, ok := k.find(ixStrategy, s.Follows); ok {
			clock = sd.Start
		}
		wd := calendar.WorkingDaysBetween(clock, r.Start)
		e := k.entry(r, c.say(func() string { return "held " + count(wd, "working day") + " after the strategy discussion" }))
		e.Start, e.End = clock, r.Start
		den = append(den, e)
		if wd <= dfeICPCWorkingDays {
			num = append(num, e)
		}
	})
	return num, den, nil
}

func cpRate(c *calc) (num, den []Entry, _ []Group) {
	return childrenOpen(c, ixCPPlan, "child protection plan open", 0), nil, nil
}

// cpPlansStarted calls fn for each child protection plan started in the
// period, with the child's plans started before it (oldest first).
func cpPlansStarted(c *calc, fn func(k *pchild, r *journey.Record, before []*journey.Record)) {
	c.eachWith(ixCPPlan, func(k *pchild) {
		plans := k.of(ixCPPlan)
		for i, r := range plans {
			if c.within(r.Start) {
				j := i
				for j > 0 && !plans[j-1].Start.Before(r.Start) {
					j--
				}
				fn(k, r, plans[:j])
			}
		}
	})
}

// cpRepeat2y: the previous plan (the latest to start before this one)
// ended on or after the day RepeatCPMonths before this one started.
func cpRepeat2y(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	cpPlansStarted(c, func(k *pchild, r *journey.Record, before []*journey.Record) {
		e := k.entry(r, "plan started, no plan ended in the 2 years before")
		if n := len(before); n > 0 {
			prev := before[n-1]
			since := calendar.AddMonths(r.Start, -c.set.RepeatCPMonths)
			if !prev.End.IsZero() && !prev.End.Before(since) && !prev.End.After(r.Start) {
				e.Reason = c.say(func() string { return "previous plan ended " + prev.End.String() })
				num = append(num, e)
			}
		}
		den = append(den, e)
	})
	return num, den, nil
}

func cpRepeatEver(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	cpPlansStarted(c, func(k *pchild, r *journey.Record, before []*journey.Record) {
		e := k.entry(r, "first plan")
		if n := len(before); n > 0 {
			e.Reason = c.say(func() string { return fmt.Sprintf("plan %d: first started %s", n+1, before[0].Start) })
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}

func cp2yPlus(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachEnded(ixCPPlan, func(kid, r int32) {
		e := c.recEntry(kid, r, "")
		e.Reason = c.say(func() string { return "lasted " + count(e.End.DaysSince(e.Start), "day") })
		den = append(den, e)
		if !e.End.Before(calendar.AddMonths(e.Start, dfeLongPlanMonths)) {
			num = append(num, e)
		}
	})
	return num, den, nil
}

// cpReviewsInTime walks the plan's reviews from its start: each must be
// held by its due day (3 months from the start, then 6 from the last), and
// the next must not be overdue at the date. A review belongs to the plan
// it follows, or, when it names none, to the plan open on its day.
func cpReviewsInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachWith(ixCPPlan, func(k *pchild) {
		p, ok := k.openOn(ixCPPlan, c.at)
		if !ok || p.Start.After(calendar.AddMonths(c.at, -dfeFirstReviewMonths)) {
			return
		}
		due := calendar.AddMonths(p.Start, dfeFirstReviewMonths)
		var late civil.Date
		n := 0
		for _, rv := range k.of(ixCPReview) {
			if rv.Start.After(c.at) {
				break
			}
			if ours := rv.Follows == p.ID || (rv.Follows == 0 && p.OpenOn(rv.Start)); !ours {
				continue
			}
			n++
			if rv.Start.After(due) && late.IsZero() {
				late = rv.Start
			}
			due = calendar.AddMonths(rv.Start, dfeReviewMonths)
		}
		e := k.entry(p, c.say(func() string { return count(n, "review") + ", all on time" }))
		switch {
		case !late.IsZero():
			e.Reason = c.say(func() string { return "review held late on " + late.String() })
		case due.Before(c.at):
			e.Reason = c.say(func() string { return "review overdue since " + due.AddDays(1).String() })
		default:
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}

// cpVisitsInTime: seen within CPVisitWorkingDays working days before the
// date (bank holidays are not working days), or the plan younger than that.
func cpVisitsInTime(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	wdays := c.set.CPVisitWorkingDays
	c.eachWith(ixCPPlan, func(k *pchild) {
		p, ok := k.openOn(ixCPPlan, c.at)
		if !ok {
			return
		}
		last := k.lastSeen(c.at)
		e := k.entry(p, "")
		e.End = last
		switch wd := calendar.WorkingDaysBetween(last, c.at); {
		case !last.IsZero() && wd <= wdays:
			e.Reason = c.say(func() string { return "seen " + count(wd, "working day") + " before" })
			num = append(num, e)
		case calendar.WorkingDaysBetween(p.Start, c.at) < wdays:
			e.Reason = "plan started less than the interval ago"
			num = append(num, e)
		case last.IsZero():
			e.Reason = "not seen"
		default:
			e.Reason = c.say(func() string { return "last seen " + count(wd, "working day") + " before" })
		}
		den = append(den, e)
	})
	return num, den, nil
}
