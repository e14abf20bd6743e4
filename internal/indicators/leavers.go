package indicators

import (
	"strings"

	"hearth/internal/calendar"
	"hearth/internal/care"
)

// Care leavers (the SSDA903's OC3): each young person whose 17th to 21st
// birthday fell in the year to the date, who was then a relevant or former
// relevant care leaver (so not looked after on the birthday), is in the
// cohort once, by that birthday (the latest, should a birthday on 29
// February bring two into one year). What counts is the latest contact
// recorded from 3 months before the birthday to 1 month after it.

// leaverGroups are the groups of the care leaver indicators: the headline
// is the second.
var leaverGroups = []struct {
	name     string
	from, to int
}{{"Aged 17 to 18", 17, 18}, {"Aged 19 to 21", 19, 21}}

func leavers(c *calc, good func(*care.LeaverContact) bool, what string) (num, den []Entry, groups []Group) {
	groups = make([]Group, len(leaverGroups))
	for i, g := range leaverGroups {
		groups[i].Name = g.name
	}
	groups[1].Denominator, groups[1].Numerator = c.list(), c.list()
	c.eachLeaver(func(k *pchild) {
		dob := k.born()
		if dob.IsZero() || len(k.periods()) == 0 {
			return
		}
		for n := 21; n >= 17; n-- {
			b := care.Birthday(dob, n)
			if !c.within(b) {
				continue
			}
			if s := care.LeaverStatus(dob, k.periods(), b); s != care.Relevant && s != care.FormerRelevant {
				return
			}
			e := Entry{PersonID: k.id, Start: b, Reason: "no contact around the birthday"}
			i, ok := k.latest(ixLeaverContact, calendar.AddMonths(b, -3), calendar.AddMonths(b, 1), factLeaverContact)
			if ok {
				e = k.entryAt(ixLeaverContact, i, "")
				e.Start, e.End = b, e.Start
				e.Reason = c.say(func() string { return "not " + what })
			}
			g := &groups[0]
			if n >= leaverGroups[1].from {
				g = &groups[1]
			}
			if ok && good(k.of(ixLeaverContact)[i].LeaverContact) {
				e.Reason = what
				g.Numerator = append(g.Numerator, e)
			}
			g.Denominator = append(g.Denominator, e)
			return
		}
	})
	return groups[1].Numerator, groups[1].Denominator, groups
}

func clEET(c *calc) (num, den []Entry, groups []Group) {
	return leavers(c, func(l *care.LeaverContact) bool {
		return strings.HasPrefix(l.Activity, "F") || strings.HasPrefix(l.Activity, "P")
	}, "in education, employment or training")
}

func clSuitable(c *calc) (num, den []Entry, groups []Group) {
	return leavers(c, func(l *care.LeaverContact) bool {
		return len(l.Accommodation) == 2 && l.Accommodation[1] == '1'
	}, "in suitable accommodation")
}

func clInTouch(c *calc) (num, den []Entry, groups []Group) {
	return leavers(c, func(l *care.LeaverContact) bool { return l.InTouch == "YES" }, "in touch")
}
