package demo

import (
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// conferencesOnWorkingDays moves every initial child protection conference
// the journeys put on a Saturday or Sunday to the next working day: a
// council does not hold one at the weekend (the CIN census's rule 8875).
// The journeys place a conference late (after its 15 working days) by
// calendar days, which can fall at a weekend.
//
// It runs once the whole city is made, and draws nothing: moving the
// conference while the journeys were drawn would move the plan that starts
// at it, and with it the stocks that steer every later draw, the days
// children's cases closed (from which some come into care) and so the rest
// of the city. A late conference moved later is still late, so the share
// held in time is unchanged.
//
// With the conference go what the journeys dated from it: the child
// protection plan it made (which starts at it), a child in need plan begun
// on the weekend instead, and the referral's closure if that was at the
// weekend, with the involvement the referral gives. A conference is left
// where it is if moving it would put it after today, or past anything else
// of the child's that follows it (another record of the referral begun at
// the weekend, or the child's next episode): TestConferencesOnWorkingDays
// finds none left in the city of seed 1.
func conferencesOnWorkingDays(c *City) {
	rs := c.Journeys
	rec := func(id journey.ID) *journey.Record { return &rs[id-1].Record }
	weekend := func(d civil.Date) bool { w := d.Weekday(); return w == time.Saturday || w == time.Sunday }
	var moving []int
	persons := map[people.ID][]int{}
	for i := range rs {
		if r := &rs[i].Record; r.Kind == journey.KindICPC && weekend(r.Start) {
			moving = append(moving, i)
			persons[r.PersonID] = nil
		}
	}
	if len(moving) == 0 {
		return
	}
	for i := range rs {
		if p := rs[i].Record.PersonID; hasKey(persons, p) {
			persons[p] = append(persons[p], i)
		}
	}
	moved := map[journey.ID]bool{}
	for _, i := range moving {
		icpc := &rs[i].Record
		old, to := icpc.Start, icpc.Start.AddDays(1)
		for !calendar.IsWorkingDay(to) {
			to = to.AddDays(1)
		}
		within := func(d civil.Date) bool { return !d.Before(old) && d.Before(to) }
		ref := rec(icpc.Episode)
		var move []*journey.Record // records whose Start moves with the conference
		closes := ref.End != (civil.Date{}) && within(ref.End)
		ok := !to.After(c.Today)
		for _, k := range persons[icpc.PersonID] {
			r := &rs[k].Record
			if !ok {
				break
			}
			switch {
			case r == icpc || r == ref:
			case r.Episode != icpc.Episode:
				// The child's other work: the referral may close later
				// only if none of it begins by the new day.
				if closes && r.Start.After(old) && !r.Start.After(to) {
					ok = false
				}
			case r.Kind == journey.KindCPPlan && r.Follows == icpc.ID,
				r.Kind == journey.KindCINPlan && within(r.Start):
				move = append(move, r)
				ok = r.End.IsZero() || r.End.After(to)
			case r.Kind == journey.KindStrategy, r.Kind == journey.KindS47, r.Kind == journey.KindAssessment, r.Kind == journey.KindAllocation:
				// Before the conference, or (an allocation) the worker's
				// time on the case, which a weekend does not disturb.
			case within(r.Start):
				ok = false
			}
		}
		if !ok {
			continue
		}
		icpc.Start = to
		for _, r := range move {
			r.Start = to
			moved[r.ID] = true
		}
		if closes {
			ref.End = to
			moved[ref.ID] = true
		}
	}
	// The involvements the moved records give (a referral's child in need
	// involvement) keep their records' span.
	for i := range c.Involvements {
		inv := &c.Involvements[i]
		if inv.Journey != 0 && moved[journey.ID(inv.Journey)] {
			r := rec(journey.ID(inv.Journey))
			inv.StartDate, inv.EndDate = r.Start, r.End
		}
	}
}

func hasKey[K comparable, V any](m map[K]V, k K) bool { _, ok := m[k]; return ok }
