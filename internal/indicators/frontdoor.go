package indicators

import (
	"math"

	"hearth/internal/calendar"
	"hearth/internal/journey"
)

// The front door and early help.

func contactsMonth(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachStarted(ixContact, func(kid, r int32) {
		num = append(num, c.recEntry(kid, r, "contact received"))
	})
	return num, nil, nil
}

// contactDecision24h: a contact is decided on its End day. Its hours run
// from ReceivedAt to DecidedAt; one decided with no time recorded cannot
// be shown to be in time, so it is counted late. Both are facts of its
// days (factsOf): a month's contacts are the most records a month end
// reads, and only a kept list's reasons read the contacts themselves.
func contactDecision24h(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachEnded(ixContact, func(kid, r int32) {
		d := c.p.days[r]
		if !d.has(factDecisionTimed) {
			den = append(den, c.recEntry(kid, r, "decided, no decision time recorded"))
			return
		}
		e := c.recEntry(kid, r, c.say(func() string {
			ct := c.p.recs[r].Contact
			return "decided in " + count(int(math.Ceil(ct.DecidedAt.Sub(ct.ReceivedAt).Hours())), "hour")
		}))
		den = append(den, e)
		if d.has(factDecidedInTime) {
			num = append(num, e)
		}
	})
	return num, den, nil
}

func referralRate(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachStarted(ixReferral, func(kid, r int32) { num = append(num, c.recEntry(kid, r, "referral")) })
	return num, nil, nil
}

// rereferral12m: an earlier referral of the child dated on or after the day
// 12 months before this one, and before this one's day.
func rereferral12m(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachStarted(ixReferral, func(kid, r int32) {
		e := c.recEntry(kid, r, "referral")
		den = append(den, e)
		rStart := e.Start
		start, since := keyOf(rStart), keyOf(calendar.AddMonths(rStart, -12))
		for _, od := range c.p.kids[kid].daysOf(ixReferral) {
			if od.start < start && od.start >= since {
				oStart := od.start.date()
				e.Reason = c.say(func() string { return "re-referral: previous referral " + oStart.String() })
				e.Start, e.End = oStart, rStart
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
	c.eachStarted(ixReferral, func(kid, r int32) {
		if c.p.days[r].has(factNFA) {
			e := c.recEntry(kid, r, "no further action")
			den, num = append(den, e), append(num, e)
			return
		}
		den = append(den, c.recEntry(kid, r, "referral"))
	})
	return num, den, nil
}

// seen5wd: a referral that went on is judged once it has been seen or its
// working days have run out (the day after the last one); a referral still
// within its days and not yet seen is not yet either.
func seen5wd(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachStarted(ixReferral, func(kid, r int32) {
		if c.p.days[r].has(factNFA) {
			return
		}
		e := c.recEntry(kid, r, "")
		due := calendar.AddWorkingDays(e.Start, c.set.SeenWorkingDays)
		start, last := keyOf(e.Start), min(keyOf(due), keyOf(c.at))
		for _, vd := range c.p.kids[kid].daysOf(ixVisit) {
			if vd.start > last {
				break
			}
			if vd.start >= start && vd.has(factSeen) {
				seen := vd.start.date()
				e.Reason = c.say(func() string {
					return "seen after " + count(calendar.WorkingDaysBetween(e.Start, seen), "working day")
				})
				e.End = seen
				den, num = append(den, e), append(num, e)
				return
			}
		}
		if due.Before(c.at) {
			e.Reason = c.say(func() string { return "not seen by " + due.String() })
			e.End = due
			den = append(den, e)
		}
	})
	return num, den, nil
}

func ehOpen(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachWith(ixEarlyHelp, func(k *pchild) {
		if i, ok := k.openAt(ixEarlyHelp, c.at); ok {
			num = append(num, k.entryAt(ixEarlyHelp, i, "early help open"))
		}
	})
	return num, nil, nil
}

func ehReferralsMonth(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachStarted(ixEarlyHelp, func(kid, r int32) {
		num = append(num, c.recEntry(kid, r, "early help opened"))
	})
	return num, nil, nil
}

func ehStepUp(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachEnded(ixEarlyHelp, func(kid, r int32) {
		d := c.p.days[r]
		e := c.recEntry(kid, r, c.say(func() string {
			closure := ""
			if eh := c.p.recs[r].EarlyHelp; eh != nil {
				closure = eh.Closure
			}
			return "closed: " + closureLabel(closure)
		}))
		den = append(den, e)
		if d.has(factStepUp) {
			num = append(num, e)
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
