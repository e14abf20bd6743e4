package indicators

import (
	"fmt"
)

// The workforce: entries are positions and leavers, weighted by FTE.

func position(p Position, fte float64, what string) Entry {
	return Entry{Name: p.Name, Amount: fte, Reason: fmt.Sprintf("%.2f FTE %s", fte, what)}
}

// The establishment is the council's, not a child's: a measure adds its
// posts and leavers once (calc.city).

func vacancyRate(c *calc) (num, den []Entry, _ []Group) {
	if !c.city() {
		return nil, nil, nil
	}
	for _, p := range c.p.in.Workforce.Positions {
		den = append(den, position(p, p.Budgeted, "budgeted"))
		if p.Vacant > 0 {
			num = append(num, position(p, p.Vacant, "vacant"))
		}
	}
	return num, den, nil
}

func agencyRate(c *calc) (num, den []Entry, _ []Group) {
	if !c.city() {
		return nil, nil, nil
	}
	for _, p := range c.p.in.Workforce.Positions {
		if p.Permanent+p.Agency > 0 {
			den = append(den, position(p, p.Permanent+p.Agency, "permanent and agency"))
		}
		if p.Agency > 0 {
			num = append(num, position(p, p.Agency, "agency"))
		}
	}
	return num, den, nil
}

// turnoverRate: the leavers in the 12 months over the establishment's
// permanent FTE.
func turnoverRate(c *calc) (num, den []Entry, _ []Group) {
	if !c.city() {
		return nil, nil, nil
	}
	for _, l := range c.p.in.Workforce.Leavers {
		if c.within(l.Left) {
			num = append(num, Entry{Name: l.Position + " " + l.Ref, Start: l.Left, Amount: l.FTE,
				Reason: fmt.Sprintf("left %s, %.2f FTE", l.Left, l.FTE)})
		}
	}
	for _, p := range c.p.in.Workforce.Positions {
		if p.Permanent > 0 {
			den = append(den, position(p, p.Permanent, "permanent"))
		}
	}
	return num, den, nil
}

// caseloadAverage: the children allocated to a worker on the date, each
// once, per FTE of the case-holding posts.
func caseloadAverage(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachWith(ixAllocation, func(k *pchild) {
		at := keyOf(c.at)
		for i, d := range k.daysOf(ixAllocation) {
			if d.openOn(at) && d.has(factWorker) {
				num = append(num, k.entryAt(ixAllocation, i, "allocated"))
				return
			}
		}
	})
	for _, p := range c.p.in.Workforce.Positions {
		if !c.city() {
			break
		}
		if p.CaseHolding && p.Permanent+p.Agency > 0 {
			den = append(den, position(p, p.Permanent+p.Agency, "case-holding"))
		}
	}
	return num, den, nil
}
