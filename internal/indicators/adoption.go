package indicators

import (
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// Adoption: the children adopted in the period are those whose adoption
// order is dated in it.

// adopted calls fn for each adoption order in the period, with the start
// of the period of care in which it was decided that the child should be
// placed for adoption (the day they entered care, for the scorecard).
func adopted(c *calc, fn func(k *pchild, r *journey.Record, entered civil.Date)) {
	c.eachAdopted(func(k *pchild) {
		for _, r := range k.of(ixAdoption) {
			if r.Adoption == nil || !c.within(r.Adoption.Order) {
				continue
			}
			var entered civil.Date
			if p, ok := care.PeriodOn(k.periods(), r.Start); ok {
				entered = p.Start
			}
			fn(k, r, entered)
		}
	})
}

// movedIn is the day the child moved in with their adopters: the adoption
// record's Placed, else the start of the first placement for adoption (A3
// to A6) on or after the decision.
func (k *pchild) movedIn(r *journey.Record) civil.Date {
	if !r.Adoption.Placed.IsZero() {
		return r.Adoption.Placed
	}
	for _, ep := range k.of(ixCareEpisode) {
		if !ep.Start.Before(r.Start) && placedForAdoption(ep.CareEpisode.Placement) {
			return ep.Start
		}
	}
	return civil.Date{}
}

// withCarers is the day a child adopted by their foster carers moved in
// with those carers: from the episode in which they were placed for
// adoption, back through the episodes that kept the same carers (a change
// of placement with the same carers, T or U, or of legal status alone, L)
// to the one that brought them there.
func (k *pchild) withCarers(placed civil.Date) civil.Date {
	eps := k.of(ixCareEpisode)
	i := -1
	for j, ep := range eps {
		if !ep.Start.After(placed) {
			i = j
		}
	}
	if i < 0 {
		return placed
	}
	for i > 0 && eps[i-1].End == eps[i].Start {
		switch eps[i].CareEpisode.ReasonNew {
		case "T", "U", "L":
			i--
			continue
		}
		break
	}
	return eps[i].Start
}

// days makes an adoption entry whose Amount is the days from start to end,
// or reports false when either date is missing (the child cannot be timed).
func (k *pchild) days(r *journey.Record, start, end civil.Date, what string) (Entry, bool) {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return Entry{}, false
	}
	e := k.entry(r, what+": "+count(end.DaysSince(start), "day"))
	e.Start, e.End, e.Amount = start, end, float64(end.DaysSince(start))
	return e, true
}

func a1(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	adopted(c, func(k *pchild, r *journey.Record, entered civil.Date) {
		if e, ok := k.days(r, entered, k.movedIn(r), "entered care to moving in with adopters"); ok {
			num = append(num, e)
		}
	})
	return num, nil, nil
}

func a10(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	adopted(c, func(k *pchild, r *journey.Record, entered civil.Date) {
		moved, what := k.movedIn(r), "entered care to moving in with adopters"
		if r.Adoption.FosterCarers && !moved.IsZero() {
			moved, what = k.withCarers(moved), "entered care to moving in with the foster carers who adopted"
		}
		if e, ok := k.days(r, entered, moved, what); ok {
			num = append(num, e)
		}
	})
	return num, nil, nil
}

func a2(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	adopted(c, func(k *pchild, r *journey.Record, _ civil.Date) {
		if e, ok := k.days(r, r.Adoption.PlacementOrder, r.Adoption.Matched, "placement order to match"); ok {
			num = append(num, e)
		}
	})
	return num, nil, nil
}

func adoptionOrders(c *calc) (num, den []Entry, _ []Group) {
	num = c.list()
	adopted(c, func(k *pchild, r *journey.Record, _ civil.Date) {
		e := k.entry(r, "adoption order")
		e.End = r.Adoption.Order
		num = append(num, e)
	})
	return num, nil, nil
}
