package demo

import (
	"cmp"
	"math"
	"slices"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// group is a piece of open work: the children of one family (or one young
// person) worked with by one team, and later one worker.
type group struct {
	kind     string
	team     int
	children []int
	invs     []int // the group's involvements, by index
	allocate bool
	slot     int // the journeys' slot plus one, 0 for none
}

// caseState is the generator's working state for caseloads.
type caseState struct {
	order   []int  // households, neediest first (drawn at random by need)
	next    int    // the next household in order not yet taken
	taken   []bool // by household: has open work
	groups  []group
	fosters []int // fostering households
	capOf   []int // by household: how many children it can foster
}

// Allocation rates: the share of open work with a named worker.
var allocationRate = map[string]float64{
	KindContact:         0.4,
	KindEarlyHelp:       0.92,
	KindChildInNeed:     0.95,
	KindChildProtection: 1,
	KindLookedAfter:     1,
	KindCareLeaver:      0.96,
	KindEducation:       0.2,
}

// buildCaseloads makes the city's involvements, foster homes, care leavers
// and workforce.
func (g *gen) buildCaseloads() {
	s := g.scale
	cs := &caseState{taken: make([]bool, len(g.households)), capOf: make([]int, len(g.households))}
	g.placedAway = map[int]people.Address{}

	g.restrictSome(cs)
	g.chooseFosterHomes(cs)
	g.orderByNeed(cs)

	// Children in care, then the journeys of the front door, early help and
	// social work for the other families, which give the contact, early
	// help and child in need involvements (buildJourneys).
	g.openLookedAfter(cs, (targetLookedAfter-targetUASC)*s)
	g.openUnaccompanied(cs)
	g.buildJourneys(cs)
	g.openHomeEducation(cs, targetHomeEducated*s)
	g.makeCareLeavers(cs, targetCareLeavers*s)

	g.buildWorkforce(cs)
	g.assignClosedWorkers()
	g.assignJourneyWorkers()
}

// restrictSome makes a handful of records restricted: a few adopted children
// (whose parents are adoptive parents) and a few families of the council's
// own staff.
func (g *gen) restrictSome(cs *caseState) {
	adopted, staff := 0, 0
	orders := make(map[int]civil.Date) // adopted child: date of the adoption order
	for tries := 0; (adopted < 8*g.scale || staff < 4*g.scale) && tries < 100000; tries++ {
		hi := g.r.IntN(len(g.households))
		h := &g.households[hi]
		if h.excluded || h.kind != hhTwoParent {
			continue
		}
		if staff < 4*g.scale {
			staff++
			h.excluded = true
			for _, p := range g.householdMembers(hi) {
				g.people(p).Restricted = true
			}
			continue
		}
		k := h.children[len(h.children)-1]
		p := g.people(k)
		if p.DateOfBirth.IsZero() || p.DateOfBirth.AgeOn(g.today) < 2 || p.DateOfBirth.AgeOn(g.today) > 14 {
			continue
		}
		adopted++
		h.excluded = true
		p.Restricted = true
		orders[k] = minDate(p.DateOfBirth.AddDays(g.between(400, 4*365)), g.daysAgo(60))
	}
	for i := range g.city.Relationships {
		r := &g.city.Relationships[i]
		if order, ok := orders[int(r.To)]; ok && r.Type == "parent" {
			r.Type = "adoptive_parent"
			r.StartDate = order
			r.Note = "Adoption order"
		}
	}
}

// householdMembers lists everyone in a household.
func (g *gen) householdMembers(hi int) []int {
	h := &g.households[hi]
	out := append(append(append([]int{}, h.adults...), h.grown...), h.children...)
	return out
}

// chooseFosterHomes picks the households that foster: settled families with
// a carer of 35 to 60 and room for one to three children.
func (g *gen) chooseFosterHomes(cs *caseState) {
	want := int(math.Ceil(float64(targetLookedAfter*g.scale) * 0.78 / 1.75))
	for tries := 0; len(cs.fosters) < want && tries < 200000; tries++ {
		hi := g.r.IntN(len(g.households))
		h := &g.households[hi]
		if h.excluded || (h.kind != hhTwoParent && h.kind != hhLoneMother) || len(h.children) > 2 {
			continue
		}
		age := g.people(h.adults[0]).DateOfBirth.AgeOn(g.today)
		if age < 35 || age > 60 {
			continue
		}
		h.excluded = true
		cs.fosters = append(cs.fosters, hi)
		cs.capOf[hi] = 1 + g.pickIndex([]float64{0.45, 0.35, 0.2})
	}
}

// orderByNeed draws the order in which families come to need help: at random,
// weighted by the ward's deprivation and the family's circumstances.
func (g *gen) orderByNeed(cs *caseState) {
	type keyed struct {
		key float64
		hh  int
	}
	var ks []keyed
	for hi := range g.households {
		h := &g.households[hi]
		if h.excluded || h.kind == hhSingle || len(h.children) == 0 {
			continue
		}
		w := h.need
		switch h.kind {
		case hhLoneMother, hhLoneFather:
			w *= 1.7
		case hhStep:
			w *= 1.5
		case hhKinship:
			w *= 1.6
		}
		if len(h.children) >= 3 {
			w *= 1.4
		}
		if g.people(h.adults[0]).DateOfBirth.AgeOn(g.today) < 23 {
			w *= 1.5
		}
		if h.origin.key == "roma" || h.origin.key == "traveller" {
			w *= 1.4
		}
		ks = append(ks, keyed{-math.Log(1-g.r.Float64()) / w, hi})
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.hh, b.hh)
	})
	for _, k := range ks {
		cs.order = append(cs.order, k.hh)
	}
}

// nextFamily returns the next family in need order not yet taken, or -1.
func (cs *caseState) nextFamily() int {
	for cs.next < len(cs.order) {
		hi := cs.order[cs.next]
		cs.next++
		if !cs.taken[hi] {
			return hi
		}
	}
	return -1
}

// openDuration draws how long open work of a kind has been open, in days.
func (g *gen) openDuration(kind string) int {
	type band struct {
		w      float64
		lo, hi int
	}
	var bands []band
	switch kind {
	case KindLookedAfter:
		bands = []band{{0.15, 1, 182}, {0.12, 183, 365}, {0.18, 366, 730}, {0.25, 731, 1460}, {0.25, 1461, 3650}, {0.05, 3651, 6200}}
	default:
		bands = []band{{1, 1, 1800}}
	}
	w := make([]float64, len(bands))
	for i, b := range bands {
		w[i] = b.w
	}
	b := bands[g.pickIndex(w)]
	return g.between(b.lo, b.hi)
}

// addInvolvement appends an involvement and marks the person known.
func (g *gen) addInvolvement(person int, kind string, team int, start, end civil.Date) int {
	g.city.Involvements = append(g.city.Involvements, Involvement{
		Person: person, Kind: kind, Team: team, Worker: -1, StartDate: start, EndDate: end,
	})
	g.known[person] = true
	return len(g.city.Involvements) - 1
}

// startFor returns the start of a piece of work for one child: the family's
// start, but not before the child was born. An unborn child's work started
// some weeks ago.
func (g *gen) startFor(child int, start civil.Date) civil.Date {
	p := g.people(child)
	if p.DateOfBirth.IsZero() {
		return maxDate(start, g.daysAgo(g.between(10, 120)))
	}
	return maxDate(start, p.DateOfBirth)
}

// teamFor picks the team for a family's work of a kind that started on start.
func (g *gen) teamFor(kind string, hi int, start civil.Date, children []int) int {
	t := &g.teams
	switch kind {
	case KindContact:
		return t.mash
	case KindEarlyHelp:
		if hi >= 0 {
			return t.earlyHelp[g.wards[g.households[hi].ward].area]
		}
		return t.earlyHelp[g.r.IntN(areaCount)]
	case KindChildInNeed:
		if g.today.DaysSince(start) <= 45 {
			return t.assessment[g.r.IntN(len(t.assessment))]
		}
		for _, c := range children {
			if len(g.people(c).Disabilities) > 0 && g.chance(0.6) {
				return t.disabled
			}
		}
		return t.safeguarding[g.r.IntN(len(t.safeguarding))]
	case KindChildProtection:
		return t.safeguarding[g.r.IntN(len(t.safeguarding))]
	case KindLookedAfter:
		return t.inCare[g.r.IntN(len(t.inCare))]
	case KindCareLeaver:
		return t.leavingCare
	case KindEducation:
		return t.education
	}
	return t.mash
}

// openLookedAfter brings children into care: one to three children of a
// family, older children and babies more often.
func (g *gen) openLookedAfter(cs *caseState, target int) {
	open := 0
	for open < target {
		hi := cs.nextFamily()
		if hi < 0 {
			return
		}
		h := &g.households[hi]
		var born []int
		for _, k := range h.children {
			if !g.people(k).DateOfBirth.IsZero() {
				born = append(born, k)
			}
		}
		if len(born) == 0 {
			continue
		}
		cs.taken[hi] = true
		n := 1 + g.pickIndex([]float64{0.55, 0.3, 0.15})
		n = min(n, len(born), target-open)
		// Siblings come into care together: take n children next in age,
		// starting from one drawn by age.
		w := make([]float64, len(born))
		for i, k := range born {
			w[i] = lacAgeWeight(g.people(k).DateOfBirth.AgeOn(g.today))
		}
		first := min(g.pickIndex(w), len(born)-n)
		kids := born[first : first+n]
		start := g.daysAgo(g.openDuration(KindLookedAfter))
		team := g.teamFor(KindLookedAfter, hi, start, kids)
		gr := group{kind: KindLookedAfter, team: team, children: kids, allocate: true}
		for _, k := range kids {
			st := g.startFor(k, start)
			if st == g.people(k).DateOfBirth {
				st = minDate(st.AddDays(g.between(0, 10)), g.today)
			}
			gr.invs = append(gr.invs, g.addInvolvement(k, KindLookedAfter, team, st, civil.Date{}))
			g.place(cs, k, st)
		}
		cs.groups = append(cs.groups, gr)
		open += n
	}
}

// lacAgeWeight weights a child's chance of coming into care by age: most
// children in care are teenagers, and many came in as babies.
func lacAgeWeight(age int) float64 {
	switch {
	case age < 1:
		return 1.0
	case age < 5:
		return 0.8
	case age < 10:
		return 0.9
	case age < 16:
		return 1.5
	}
	return 1.7
}

// place finds a child in care somewhere to live from the day they came into
// care (or a later move): mostly with foster carers, some in children's
// homes, a few at home with their parents. A child placed away from home
// keeps their home address on their person record, which everyone who may
// read the child sees (and a search by postcode finds): where they live
// now is the placement's, which only those allowed to see a placement's
// address see, on their episodes of care (placeAway).
func (g *gen) place(cs *caseState, child int, start civil.Date) {
	p := g.people(child)
	age := p.DateOfBirth.AgeOn(g.today)
	since := start
	if g.today.DaysSince(start) > 730 && g.chance(0.5) {
		since = start.AddDays(g.r.IntN(g.today.DaysSince(start)))
	}
	switch r := g.r.Float64(); {
	case r < 0.05 && g.hhOf[child] >= 0 && g.households[g.hhOf[child]].kind != hhSingle:
		return // placed with parents: stays at home
	case r < 0.8 || age < 10:
		if hi := g.fosterHomeFor(cs, child); hi >= 0 {
			h := &g.households[hi]
			note := ""
			if g.chance(0.2) {
				note = "Family and friends foster carer"
			}
			for _, c := range h.adults {
				g.relate(c, child, "foster_carer", since, note)
			}
			h.fosters++
			g.placeAway(child, h.addrs[len(h.addrs)-1], since)
			return
		}
	}
	home := g.homes[g.r.IntN(len(g.homes))]
	g.placeAway(child, home.addr, since)
}

// placeAway remembers where a child in care lives from a date, away from
// home, for their episodes of care (fromCaseloads).
func (g *gen) placeAway(child int, a people.Address, since civil.Date) {
	a.StartDate, a.EndDate = since, civil.Date{}
	g.placedAway[child] = a
}

// fosterHomeFor picks a foster home with a free place, or -1.
func (g *gen) fosterHomeFor(cs *caseState, child int) int {
	for range 20 {
		hi := cs.fosters[g.r.IntN(len(cs.fosters))]
		if g.households[hi].fosters < cs.capOf[hi] && hi != g.hhOf[child] {
			return hi
		}
	}
	return -1
}

// moveTo ends a person's addresses on a date and gives them a new one from
// it.
func (g *gen) moveTo(person int, a people.Address, on civil.Date) {
	p := g.people(person)
	var kept []people.Address
	for _, old := range p.Addresses {
		if !old.StartDate.Before(on) {
			continue
		}
		if old.EndDate.IsZero() || old.EndDate.After(on) {
			old.EndDate = on
		}
		kept = append(kept, old)
	}
	a.StartDate = on
	a.EndDate = civil.Date{}
	p.Addresses = append(kept, a)
}

// openUnaccompanied opens care for the unaccompanied children made with the
// population: each came into care on arrival.
func (g *gen) openUnaccompanied(cs *caseState) {
	for hi := range g.households {
		h := &g.households[hi]
		if h.kind != hhSingle || len(h.children) != 1 {
			continue
		}
		k := h.children[0]
		dob := g.people(k).DateOfBirth
		start := maxDate(g.daysAgo(g.between(20, 900)), birthday(dob, 14))
		team := g.teamFor(KindLookedAfter, hi, start, nil)
		gr := group{kind: KindLookedAfter, team: team, children: []int{k}, allocate: true}
		gr.invs = append(gr.invs, g.addInvolvement(k, KindLookedAfter, team, start, civil.Date{}))
		if dob.AgeOn(g.today) < 16 || g.chance(0.4) {
			g.place(cs, k, start)
		} else {
			g.placeAway(k, g.homes[g.r.IntN(len(g.homes))].addr, start)
		}
		cs.groups = append(cs.groups, gr)
	}
}

// openHomeEducation registers children educated at home: school-age
// children of families not otherwise open.
func (g *gen) openHomeEducation(cs *caseState, target int) {
	open := 0
	for tries := 0; open < target && tries < 100000; tries++ {
		hi := g.r.IntN(len(g.households))
		h := &g.households[hi]
		if cs.taken[hi] || h.excluded || h.kind == hhSingle {
			continue
		}
		var kids []int
		for _, k := range h.children {
			if age := g.people(k).DateOfBirth.AgeOn(g.today); !g.people(k).DateOfBirth.IsZero() && age >= 5 && age <= 15 {
				kids = append(kids, k)
			}
		}
		if len(kids) == 0 {
			continue
		}
		kids = kids[:min(len(kids), target-open)]
		cs.taken[hi] = true
		start := g.daysAgo(g.between(10, 5*365))
		gr := group{kind: KindEducation, team: g.teams.education, children: kids, allocate: g.chance(allocationRate[KindEducation])}
		for _, k := range kids {
			st := maxDate(start, birthday(g.people(k).DateOfBirth, 5))
			gr.invs = append(gr.invs, g.addInvolvement(k, KindEducation, g.teams.education, st, civil.Date{}))
		}
		cs.groups = append(cs.groups, gr)
		open += len(kids)
	}
}
