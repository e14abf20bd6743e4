package indicators

import (
	"math"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/journey"
)

// The front door and early help.

func contactsMonth(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachWith(ixContact, func(k *pchild) {
		for _, r := range k.of(ixContact) {
			if c.within(r.Start) {
				num = append(num, k.entry(r, "contact received"))
			}
		}
	})
	return num, nil, nil
}

// contactDecision24h: a contact is decided on its End day. Its hours run
// from ReceivedAt to DecidedAt; one decided with no time recorded cannot
// be shown to be in time, so it is counted late.
func contactDecision24h(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	limit := time.Duration(c.set.ContactDecisionHours) * time.Hour
	c.eachWith(ixContact, func(k *pchild) {
		for _, r := range k.of(ixContact) {
			if !c.within(r.End) {
				continue
			}
			ct := r.Contact
			if ct == nil || ct.DecidedAt.IsZero() || ct.ReceivedAt.IsZero() {
				den = append(den, k.entry(r, "decided, no decision time recorded"))
				continue
			}
			took := ct.DecidedAt.Sub(ct.ReceivedAt)
			e := k.entry(r, c.say(func() string { return "decided in " + count(int(math.Ceil(took.Hours())), "hour") }))
			den = append(den, e)
			if took <= limit {
				num = append(num, e)
			}
		}
	})
	return num, den, nil
}

// referralsIn calls fn for each referral dated in the period.
// It reads each referral's start from the child's days, and the referral
// only when it is in the period.
func referralsIn(c *calc, fn func(k *pchild, r *journey.Record)) {
	c.eachWith(ixReferral, func(k *pchild) {
		for i, d := range k.daysOf(ixReferral) {
			if c.withinKey(d.start) {
				fn(k, k.of(ixReferral)[i])
			}
		}
	})
}

func referralRate(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	referralsIn(c, func(k *pchild, r *journey.Record) { num = append(num, k.entry(r, "referral")) })
	return num, nil, nil
}

// rereferral12m: an earlier referral of the child dated on or after the day
// 12 months before this one, and before this one's day.
func rereferral12m(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	referralsIn(c, func(k *pchild, r *journey.Record) {
		e := k.entry(r, "referral")
		den = append(den, e)
		start, since := keyOf(r.Start), keyOf(calendar.AddMonths(r.Start, -12))
		for i, od := range k.daysOf(ixReferral) {
			if od.start < start && od.start >= since {
				o := k.of(ixReferral)[i]
				e.Reason = c.say(func() string { return "re-referral: previous referral " + o.Start.String() })
				e.Start, e.End = o.Start, r.Start
				num = append(num, e)
				den[len(den)-1] = e
				break
			}
		}
	})
	return num, den, nil
}

func referralNFA(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	referralsIn(c, func(k *pchild, r *journey.Record) {
		if r.Referral != nil && r.Referral.NFA {
			e := k.entry(r, "no further action")
			den, num = append(den, e), append(num, e)
			return
		}
		den = append(den, k.entry(r, "referral"))
	})
	return num, den, nil
}

// seen5wd: a referral that went on is judged once it has been seen or its
// working days have run out (the day after the last one); a referral still
// within its days and not yet seen is not yet either.
func seen5wd(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	referralsIn(c, func(k *pchild, r *journey.Record) {
		if r.Referral != nil && r.Referral.NFA {
			return
		}
		due := calendar.AddWorkingDays(r.Start, c.set.SeenWorkingDays)
		start, last := keyOf(r.Start), min(keyOf(due), keyOf(c.at))
		for i, vd := range k.daysOf(ixVisit) {
			if vd.start > last {
				break
			}
			if vd.start < start {
				continue // before the referral: its record is not read
			}
			if v := k.of(ixVisit)[i]; v.Visit != nil && v.Visit.Seen {
				e := k.entry(r, c.say(func() string {
					return "seen after " + count(calendar.WorkingDaysBetween(r.Start, v.Start), "working day")
				}))
				e.End = v.Start
				den, num = append(den, e), append(num, e)
				return
			}
		}
		if due.Before(c.at) {
			e := k.entry(r, c.say(func() string { return "not seen by " + due.String() }))
			e.End = due
			den = append(den, e)
		}
	})
	return num, den, nil
}

func ehOpen(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachWith(ixEarlyHelp, func(k *pchild) {
		if r, ok := k.openOn(ixEarlyHelp, c.at); ok {
			num = append(num, k.entry(r, "early help open"))
		}
	})
	return num, nil, nil
}

func ehReferralsMonth(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachWith(ixEarlyHelp, func(k *pchild) {
		for _, r := range k.of(ixEarlyHelp) {
			if c.within(r.Start) {
				num = append(num, k.entry(r, "early help opened"))
			}
		}
	})
	return num, nil, nil
}

func ehStepUp(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachWith(ixEarlyHelp, func(k *pchild) {
		for _, r := range k.of(ixEarlyHelp) {
			if !c.within(r.End) {
				continue
			}
			closure := ""
			if r.EarlyHelp != nil {
				closure = r.EarlyHelp.Closure
			}
			e := k.entry(r, c.say(func() string { return "closed: " + closureLabel(closure) }))
			den = append(den, e)
			if closure == "step_up" {
				num = append(num, e)
			}
		}
	})
	return num, den, nil
}

func closureLabel(code string) string {
	if l := journey.EarlyHelpClosures.Label(code); l != "" {
		return l
	}
	return "no reason recorded"
}
