package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Children in care are journey records too: each period of care is a run
// of episodes of care (legal status and placement), with the reviews,
// health and dental checks, personal education plans, questionnaires and
// visits it calls for, missing episodes, exploitation screenings, the plan
// for adoption of a child adopted, and for a young person who left care at
// 18 the leaving care service's records. The children in care today and
// the care leavers are the ones the caseloads made (cases.go, leavers.go);
// the periods of care that ended before today are simulated day by day, like
// the front door's, so that on every day of the history about as many
// children are in care, and as many unaccompanied, as the seed says for 31
// March 2023. Each period is written whole if any of it is in the history.
// The care records name the child's worker in a children in care team (or,
// for the leaving care service, a personal adviser of the leaving care
// team); as elsewhere in the city, the looked after involvement is made
// directly, beside them.
const (
	adoptionsYear     = 25    // adoption orders a year (the seed's 2022-23)
	missingMonth      = 82    // missing episodes a month
	targetUASCLeavers = 28    // care leavers of 18 to 21 who came as unaccompanied children
	unsettled         = 0.065 // a child of 6's chance of an unsettled spell in a period of care; more for the older
	familyFriends     = 0.206 // foster placements with family or friends (78 of 378)
	socialCareFirst   = 0.6   // children coming into care from a plan that just closed, when there is one
)

// carePeriod is one child's period of care.
type carePeriod struct {
	child        int
	start, end   civil.Date // end zero while open today
	ceased       string     // care.ReasonsCeased, with end
	team, worker int        // worker -1 for none
	uasc         bool
	adoption     *adoptionPlan
	agedOut      bool       // left care at 18: the leaving care service follows
	since        civil.Date // for a child in care today: when they came to live where they live
	current      string     // today's placement type, for a child in care today
	postcode     string     // today's placement's postcode
	need         string     // the category of need, journey.PrimaryNeeds
}

// adoptionPlan is an adopted child's milestones.
type adoptionPlan struct {
	decision, placementOrder, matched, placed, order civil.Date
	fosterCarers                                     bool
}

// careGen is the state of the care generation.
type careGen struct {
	g       *gen
	first   civil.Date // the history's first day
	start   civil.Date // the simulation's first day (before the history)
	periods []*carePeriod
	all     level // children in care, by day
	uasc    level // unaccompanied children in care, by day
	// Care leavers of 18 to 21 who came as unaccompanied children, and the
	// others, by day.
	leavers, uascLeavers level
	// Children fostered, and of them by family or friends, by day.
	fostered, kin []int
	cands         []int // children free to have been in care, by date of birth
	urns          []string
	missers       []misser
	cases         []closedCase         // children whose social care closed, by the day
	taken         map[int]bool         // children of cases already in care
	shares        map[int]leaverShares // by financial year, twice: under 19 and over
	leaver        map[int]Involvement  // care leavers' involvements, by person
}

// buildCare writes the children in care's journey records, after the
// caseloads and the workforce are made.
func (g *gen) buildCare() {
	c := &careGen{g: g, first: yearsBefore(g.today, historyYears), leaver: map[int]Involvement{}, taken: map[int]bool{}, shares: map[int]leaverShares{}}
	c.start = yearsBefore(c.first, burnInYears)
	days := g.today.DaysSince(c.start) + 1
	c.all = level{n: make([]int, days), target: targetLookedAfter * g.scale}
	c.uasc = level{n: make([]int, days), target: targetUASC * g.scale}
	c.fostered, c.kin = make([]int, days), make([]int, days)
	c.leavers = level{n: make([]int, days), target: (targetCareLeavers - targetUASCLeavers) * g.scale}
	c.uascLeavers = level{n: make([]int, days), target: targetUASCLeavers * g.scale}
	for range g.homes {
		c.urns = append(c.urns, fmt.Sprintf("SC%06d", g.between(100000, 999999)))
	}
	// About 75,000 care records at scale 1, beyond what the journeys made
	// room for: growing the slice once saves copying it as they come.
	g.city.Journeys = slices.Grow(g.city.Journeys, 80000*g.scale)
	from := len(g.city.Journeys)
	c.fromCaseloads()
	c.candidates()
	c.closedCases()
	c.adoptions()
	c.simulate()
	for _, p := range c.periods {
		c.emit(p)
	}
	c.missingEpisodes()
	c.deriveInvolvements(from)
}

// deriveInvolvements gives the care records from index from the
// involvements they give their team and worker (journey.Involvement), as
// the front door's records do (assignJourneyWorkers), in place of the
// looked after and care leaver involvements the caseloads made directly
// for the same people. Where journey gives care records none, those made
// directly stand.
func (c *careGen) deriveInvolvements(from int) {
	cc := c.g.city
	var derived []Involvement
	covered := map[string]map[int]bool{}
	for _, jr := range cc.Journeys[from:] {
		r := idForm(jr.Record)
		var ep journey.Record
		if r.Episode != 0 {
			ep = idForm(cc.Journeys[r.Episode-1].Record)
		}
		inv, ok := journey.Involvement(r, ep)
		if !ok {
			continue
		}
		k := int(jr.Record.PersonID)
		derived = append(derived, Involvement{Person: k, Kind: inv.Kind, Team: int(jr.Record.TeamID), Worker: int(jr.Record.WorkerID),
			StartDate: inv.StartDate, EndDate: inv.EndDate, Journey: int(r.ID)})
		if covered[inv.Kind] == nil {
			covered[inv.Kind] = map[int]bool{}
		}
		covered[inv.Kind][k] = true
	}
	if len(derived) == 0 {
		return
	}
	kept := cc.Involvements[:0]
	for _, inv := range cc.Involvements {
		if inv.Journey == 0 && covered[inv.Kind][inv.Person] {
			continue
		}
		kept = append(kept, inv)
	}
	cc.Involvements = append(kept, derived...)
}

// track records a period and counts it in the levels.
func (c *careGen) track(p *carePeriod) {
	c.periods = append(c.periods, p)
	c.all.add(c.day(p.start), c.day(p.end))
	if p.uasc {
		c.uasc.add(c.day(p.start), c.day(p.end))
	}
}

// fromCaseloads takes the periods of care the caseloads made: those open
// today, and the care leavers' closed ones.
func (c *careGen) fromCaseloads() {
	g := c.g
	foster := map[int]people.Relationship{}
	for _, r := range g.city.Relationships {
		if r.Type == "foster_carer" {
			foster[int(r.To)] = r
		}
	}
	homes := map[string]bool{}
	for _, h := range g.homes {
		homes[h.addr.Postcode] = true
	}
	for _, inv := range g.city.Involvements {
		if inv.Kind == KindCareLeaver {
			c.leaver[inv.Person] = inv
		}
	}
	for i := range g.city.Involvements {
		inv := &g.city.Involvements[i]
		if inv.Kind != KindLookedAfter {
			continue
		}
		k := inv.Person
		p := g.people(k)
		hh := &g.households[g.hhOf[k]]
		cp := &carePeriod{child: k, start: inv.StartDate, end: inv.EndDate, team: inv.Team, worker: inv.Worker, need: g.pickW(careNeeds)}
		if cp.worker < 0 {
			cp.worker = c.teamWorker(cp.team)
		}
		if inv.EndDate.IsZero() {
			cp.uasc = hh.kind == hhSingle && len(hh.children) == 1
			// Where they live: the placement away from home that place
			// remembered or, placed at home (P1), their own address.
			addr, away := g.placedAway[k]
			if !away && len(p.Addresses) > 0 {
				addr = p.Addresses[len(p.Addresses)-1]
			}
			cp.since, cp.postcode = maxDate(addr.StartDate, cp.start), addr.Postcode
			age := p.DateOfBirth.AgeOn(g.today)
			switch r, ok := foster[k]; {
			case ok && r.Note == "Family and friends foster carer":
				cp.current = pickCode(g, "U1:45 U3:55")
			case ok:
				cp.current = pickCode(g, "U4:40 U6:60")
			case away && homes[addr.Postcode] && age >= 16:
				cp.current = pickCode(g, "K3:70 K2:30")
			case away && homes[addr.Postcode]:
				cp.current = pickCode(g, "K2:90 S1:5 K1:5")
			default:
				cp.current = "P1"
			}
		} else {
			// A care leaver made with the caseloads: an unaccompanied child
			// came in at 15 or older from one of the countries such
			// children come from, and speaks their own language.
			cp.agedOut = true
			cp.ceased = pickCode(g, "E5:45 E6:10 E17:25 E8:5 E13:15")
			if _, ok := c.leaver[k]; ok && p.FirstLanguage != "ENG" && p.DateOfBirth.AgeOn(cp.start) >= 15 && slices.ContainsFunc(uascOrigins, func(w weighted) bool { return w.code == hh.origin.key }) {
				cp.uasc = true
			} else {
				c.shorten(inv, cp)
			}
		}
		if cp.uasc {
			cp.need = "N8"
		}
		c.track(cp)
	}
}

// shorten redraws how long a care leaver made with the caseloads was in
// care before 18, from the caseloads' even spread over one to twelve years
// to a spread where most came in as teenagers: otherwise the care leavers
// alone would be most of the children in care three years before.
func (c *careGen) shorten(inv *Involvement, cp *carePeriod) {
	g := c.g
	p := g.people(inv.Person)
	old := inv.StartDate
	start := maxDate(inv.EndDate.AddDays(-g.band([][3]float64{{0.35, 91, 730}, {0.35, 731, 1825}, {0.3, 1826, 4380}})), p.DateOfBirth.AddDays(g.between(0, 30)))
	// The placement's address starts with the care; one they left early
	// (to stay put with foster carers) says they were in care by then.
	for _, a := range p.Addresses {
		if a.StartDate == old && !a.EndDate.IsZero() {
			start = minDate(start, a.EndDate)
		}
	}
	inv.StartDate, cp.start = start, start
	for i := range p.Addresses {
		if a := &p.Addresses[i]; a.StartDate == old {
			a.StartDate = start
		}
	}
}

// candidates lists, by date of birth, the children (now perhaps grown up)
// who may have been in care before: of families the service has not
// otherwise known, foster homes and staff's families excepted.
func (c *careGen) candidates() {
	g := c.g
	for hi := range g.households {
		h := &g.households[hi]
		if h.excluded || h.kind == hhSingle {
			continue
		}
		for _, list := range [][]int{h.grown, h.children} {
			for _, k := range list {
				if !g.known[k] && !g.people(k).DateOfBirth.IsZero() {
					c.cands = append(c.cands, k)
				}
			}
		}
	}
	slices.SortFunc(c.cands, func(a, b int) int {
		return cmp.Or(g.people(a).DateOfBirth.Compare(g.people(b).DateOfBirth), cmp.Compare(a, b))
	})
}

// pickChild takes a candidate born from lo to hi, a week or more before
// until and still under 18 on it (and in a two-parent family, if
// adoptive), or returns -1.
func (c *careGen) pickChild(lo, hi, until civil.Date, adoptive bool) int {
	g := c.g
	hi = minDate(hi, until.AddDays(-7))
	lo = maxDate(lo, yearsBefore(until, 18).AddDays(1))
	from, _ := slices.BinarySearchFunc(c.cands, lo, func(k int, d civil.Date) int { return g.people(k).DateOfBirth.Compare(d) })
	to, _ := slices.BinarySearchFunc(c.cands, hi.AddDays(1), func(k int, d civil.Date) int { return g.people(k).DateOfBirth.Compare(d) })
	if to <= from {
		return -1
	}
	for range 25 {
		k := c.cands[from+g.r.IntN(to-from)]
		if g.known[k] || (adoptive && g.households[g.hhOf[k]].kind != hhTwoParent) {
			continue
		}
		g.known[k] = true
		return k
	}
	return -1
}

// closedCase is a child whose social care ended, on closed, with a child
// in need or child protection plan, and nothing since.
type closedCase struct {
	child  int
	closed civil.Date
}

// closedCases lists, by the day they closed, the children whose work with
// social care (with a plan) is all over: some of them came into care when
// it closed.
func (c *careGen) closedCases() {
	g := c.g
	type seen struct {
		last       civil.Date
		open, plan bool
	}
	by := map[int]*seen{}
	var order []int
	for _, j := range g.city.Journeys {
		r := j.Record
		k := int(r.PersonID)
		s := by[k]
		if s == nil {
			s = &seen{}
			by[k] = s
			order = append(order, k)
		}
		if r.End.IsZero() && slices.Contains(journey.SpanningKinds, r.Kind) {
			s.open = true
		}
		s.last = maxDate(s.last, maxDate(r.Start, r.End))
		if r.Kind == journey.KindCINPlan || r.Kind == journey.KindCPPlan {
			s.plan = true
		}
	}
	for _, k := range order {
		if s := by[k]; s.plan && !s.open && !g.people(k).DateOfBirth.IsZero() {
			c.cases = append(c.cases, closedCase{k, s.last})
		}
	}
	slices.SortFunc(c.cases, func(a, b closedCase) int { return cmp.Or(a.closed.Compare(b.closed), cmp.Compare(a.child, b.child)) })
}

// fromSocialCare takes a child whose social care closed in the month
// before d, if they are under 18 until end, or returns -1.
func (c *careGen) fromSocialCare(d, end civil.Date) int {
	g := c.g
	from, _ := slices.BinarySearchFunc(c.cases, d.AddDays(-30), func(x closedCase, d civil.Date) int { return x.closed.Compare(d) })
	to, _ := slices.BinarySearchFunc(c.cases, d.AddDays(1), func(x closedCase, d civil.Date) int { return x.closed.Compare(d) })
	if to <= from {
		return -1
	}
	for range 5 {
		x := c.cases[from+g.r.IntN(to-from)]
		dob := g.people(x.child).DateOfBirth
		if c.taken[x.child] || !dob.Before(d) || !birthday(dob, 18).After(end) {
			continue
		}
		c.taken[x.child] = true
		return x.child
	}
	return -1
}

// teamWorker draws a worker of a team, or -1 if it has none.
func (c *careGen) teamWorker(team int) int {
	ws := c.g.teamWorkers[team]
	if len(ws) == 0 {
		return -1
	}
	return ws[c.g.r.IntN(len(ws))]
}

// closed starts the record of a period of care that ended before today.
func (c *careGen) closed(k int, start, end civil.Date, ceased string) *carePeriod {
	g := c.g
	team := g.teams.inCare[g.r.IntN(len(g.teams.inCare))]
	cp := &carePeriod{child: k, start: start, end: end, ceased: ceased, team: team, worker: c.teamWorker(team), need: g.pickW(careNeeds)}
	if k >= 0 && end.After(c.first) {
		c.involve(cp)
	}
	return cp
}

// involve gives a closed period of care its team's involvement, with the
// worker who had the child.
func (c *careGen) involve(p *carePeriod) {
	i := c.g.addInvolvement(p.child, KindLookedAfter, p.team, p.start, p.end)
	c.g.city.Involvements[i].Worker = p.worker
}

// adoptions makes each year's adopted children: a young child of a
// two-parent family, in care from before the decision that they should be
// adopted until the adoption order, whose parents became their adoptive
// parents on it.
func (c *careGen) adoptions() {
	g := c.g
	parentOf := map[int][]int{} // a child's relationships with their parents
	for i, r := range g.city.Relationships {
		if r.Type == "parent" {
			parentOf[int(r.To)] = append(parentOf[int(r.To)], i)
		}
	}
	for y := c.start.Year; y <= g.today.Year; y++ {
		fy := civil.MustNew(y, time.April, 1)
		for n, tries := 0, 0; n < adoptionsYear*g.scale && tries < 10*adoptionsYear*g.scale; tries++ {
			order := fy.AddDays(g.r.IntN(365))
			if !order.Before(g.today) || !order.After(c.start.AddDays(900)) {
				continue
			}
			a := &adoptionPlan{order: order, fosterCarers: g.chance(0.15)}
			a.placed = order.AddDays(-g.between(70, 260))
			a.matched = a.placed.AddDays(-g.between(7, 45))
			a.placementOrder = a.matched.AddDays(-g.between(90, 280))
			a.decision = a.placementOrder.AddDays(-g.between(30, 150))
			start := a.decision.AddDays(-g.between(60, 400))
			k := c.pickChild(start.AddDays(-3*365), start, order, true)
			if k < 0 {
				continue
			}
			n++
			start = maxDate(start, g.people(k).DateOfBirth)
			cp := c.closed(k, start, order, pickCode(g, "E11:70 E12:30"))
			cp.adoption = a
			c.track(cp)
			for _, i := range parentOf[k] {
				r := &g.city.Relationships[i]
				r.Type, r.StartDate, r.Note = "adoptive_parent", order, "Adoption order"
			}
		}
	}
}

// careNeeds are the categories of need of children in care.
var careNeeds = ws("N1:63 N2:3 N3:3 N4:8 N5:12 N6:2 N7:1 N8:8")

// level counts the children in care on each day from the simulation's
// start to today.
type level struct {
	n      []int
	target int
}

// add counts one more child from day from to the day before to.
func (l *level) add(from, to int) {
	for i := from; i < to; i++ {
		l.n[i]++
	}
}

// room returns the first day from from, before to, on which one more child
// would take the level over its target, or to if there is none.
func (l *level) room(from, to int) int {
	for i := from; i < to; i++ {
		if l.n[i] >= l.target {
			return i
		}
	}
	return to
}

// steer is how many times the usual number of children should come into
// care on day i: the cube of how far the level is below its target.
func (l *level) steer(i int) float64 {
	f := float64(l.target) / float64(max(l.n[i], 1))
	return min(max(f*f*f, 0.02), 4)
}

// day is a date's index in the levels, within them.
func (c *careGen) day(d civil.Date) int {
	if d.IsZero() {
		return len(c.all.n)
	}
	return min(max(d.DaysSince(c.start), 0), len(c.all.n))
}

// simulate brings children into care day by day, before today, for
// periods that end before today. The periods already known (the children
// in care today, the care leavers, the adopted) are counted first, and a
// new period ends early rather than take the children in care, or the
// unaccompanied ones, over the seed's number on any day: so the levels
// stay at the seed's on every day of the history, not only on average.
func (c *careGen) simulate() {
	g := c.g
	s := float64(g.scale)
	for d := c.start; d.Before(g.today); d = d.AddDays(1) {
		i := c.day(d)
		for range g.poisson(0.08 * s * c.uasc.steer(i)) {
			dob := d.AddDays(-(15*365 + 30 + g.r.IntN(2*365+300)))
			end := birthday(dob, 18)
			ceased := pickCode(g, "E5:50 E6:15 E8:10 E13:25")
			if g.chance(0.05) {
				end, ceased = d.AddDays(g.between(10, 200)), "E15"
			}
			if !end.Before(g.today) {
				continue
			}
			if c.uasc.room(i, c.day(end)) < c.day(end) {
				continue // no room for them all the way to 18
			}
			// An age assessment finding them 18 or over gives their date of
			// birth (18 that day); one who moved on before 18 must be 18 by
			// today, as the children of the city are counted without them.
			if ceased == "E15" {
				dob = yearsBefore(end, 18)
			} else if birthday(dob, 18).After(g.today) {
				continue
			}
			cp := c.closed(-1, d, end, ceased)
			cp.uasc, cp.agedOut, cp.need = true, ceased != "E15" && end == birthday(dob, 18), "N8"
			if end.After(c.first) {
				cp.child = c.newYoungPerson(dob, true, d, end)
				c.involve(cp)
			}
			c.track(cp)
		}
		for range g.poisson(0.9 * s * c.all.steer(i)) {
			age := g.pickIndex(careEntryAges)
			dob := d.AddDays(-(age*365 + g.r.IntN(365)))
			end := d.AddDays(g.band([][3]float64{{0.25, 7, 120}, {0.25, 121, 365}, {0.25, 366, 900}, {0.25, 901, 2400}}))
			ceased := pickCode(g, "E4A:45 E4B:5 E45:6 E46:3 E47:8 E48:2 E41:8 E13:5 E3:5 E8:8 E9:2 E14:3")
			eighteen := birthday(dob, 18)
			aged := !end.Before(eighteen)
			if aged {
				end, ceased = eighteen, pickCode(g, "E5:45 E6:10 E17:25 E8:5 E13:15")
			}
			if !end.Before(g.today) {
				continue
			}
			if e := c.all.room(i, c.day(end)); e < c.day(end) {
				if e-i < 7 {
					continue
				}
				end = d.AddDays(e - i)
				if aged {
					aged, ceased = false, pickCode(g, "E4A:60 E13:15 E8:25")
				}
			}
			cp := c.closed(-1, d, end, ceased)
			cp.agedOut = aged
			if end.After(c.first) {
				if aged {
					cp.child = c.newYoungPerson(dob, false, d, end)
				} else if cp.child = c.fromSocialCare(d, end); cp.child < 0 || !g.chance(socialCareFirst) {
					if cp.child >= 0 {
						c.taken[cp.child] = false
					}
					if cp.child = c.pickChild(dob.AddDays(-200), dob.AddDays(200), end, false); cp.child < 0 {
						continue
					}
				}
				cp.start = maxDate(cp.start, g.people(cp.child).DateOfBirth)
				c.involve(cp)
			}
			c.track(cp)
		}
	}
}

// careEntryAges weights the age at which children come into care, 0 to 17.
var careEntryAges = []float64{18, 4, 3, 3, 3, 3, 3, 3, 3.5, 3.5, 5, 5.5, 6, 7, 8, 8, 6, 4}

// newYoungPerson makes a young person, now grown up, who was in care from
// start to end: a flat of their own since they left, their placement's
// address before it.
func (g *careGen) newYoungPerson(dob civil.Date, uasc bool, start, end civil.Date) int {
	gn := g.g
	var o *origin
	eth := ""
	if uasc {
		o = gn.origins[gn.pickW(uascOrigins)]
		eth = o.ethnicity
	} else {
		var mx *mix
		if o, mx = gn.pickBackground(); mx != nil {
			o, eth = gn.origins[mx.a], mx.ethnicity
		} else {
			eth = o.ethnicity
		}
	}
	female := gn.chance(0.45)
	if uasc {
		female = gn.chance(0.1)
	}
	lang := gn.pickW(o.adultLang)
	if !uasc && lang != "ENG" && gn.chance(o.childEnglish+0.3) {
		lang = "ENG"
	}
	var used []string
	p := people.Person{
		GivenName:     gn.givenName(o, female, true, &used),
		FamilyName:    gn.childsName(o, gn.pick(o.family), female, false),
		DateOfBirth:   dob,
		Sex:           sexOf(female),
		Ethnicity:     eth,
		FirstLanguage: lang,
		Religion:      gn.pickW(o.religion),
	}
	w := gn.pickWard(eth != "WBRI")
	placed := gn.newAddress(gn.r.IntN(len(gn.wards)), start)
	placed.EndDate = end
	flat := gn.newAddress(w, end)
	hi := len(gn.households)
	gn.households = append(gn.households, household{kind: hhSingle, origin: o, ward: w, excluded: true})
	k := gn.addPerson(p, hi, []people.Address{placed, flat})
	gn.households[hi].adults = []int{k}
	gn.known[k] = true
	return k
}

// pickCode picks from weighted codes written as "code:weight ...".
func pickCode(g *gen, list string) string {
	w, ok := codeLists.Load(list)
	if !ok {
		w, _ = codeLists.LoadOrStore(list, ws(list))
	}
	return g.pickW(w.([]weighted))
}

// codeLists holds the lists pickCode has parsed, by their text: parsing
// each time would cost more than the drawing. Cities may be made at once.
var codeLists sync.Map

// careEpisode is one episode of care before it is written.
type careEpisode struct {
	start, end  civil.Date
	legal       string
	placement   string
	provider    string
	postcode    string
	urn         string
	reasonNew   string
	placeReason string
	longTerm    bool
}

// placementOf draws a placement type for a child of age.
func placementOf(g *gen, age int) string {
	var list string
	switch {
	case age < 10:
		list = "U6:49 U4:16 U3:15 U1:7 P1:5 K2:2 Z1:2 R3:1"
	case age < 16:
		list = "U6:43 U4:18 U3:9 U1:4 K2:15 S1:3 P1:4 K1:1 Z1:2"
	default:
		list = "U6:30 U4:15 U3:5 U1:3 K2:14 H5:28 P2:3 P1:2"
	}
	return pickCode(g, list)
}

// fosterAs turns a foster placement into the same kind (long term or
// not) with family or friends (kin) or with other carers.
func fosterAs(place string, kin bool) string {
	switch {
	case kin && place == "U4":
		return "U1"
	case kin && place == "U6":
		return "U3"
	case kin && place == "U5":
		return "U2"
	case !kin && place == "U1":
		return "U4"
	case !kin && place == "U3":
		return "U6"
	case !kin && place == "U2":
		return "U5"
	}
	return place
}

// providerOf draws who provides a placement of a type.
func providerOf(g *gen, place string) string {
	switch place {
	case "U1", "U2", "U3":
		return "PR1"
	case "U4", "U5", "U6":
		return pickCode(g, "PR1:60 PR4:35 PR5:5")
	case "K2", "R1":
		return pickCode(g, "PR1:30 PR4:65 PR5:5")
	case "K1":
		return pickCode(g, "PR1:40 PR2:60")
	case "H5", "P2", "Z1":
		return pickCode(g, "PR4:70 PR5:30")
	case "S1":
		return "PR5"
	case "P1":
		return "PR0"
	case "A3", "A4", "A5", "A6":
		return pickCode(g, "PR1:70 PR5:30")
	}
	return "PR3"
}

// samePlacement reports whether two episodes are in the same placement:
// its type, provider, postcode and Ofsted number.
func samePlacement(a, b careEpisode) bool {
	return a.placement == b.placement && a.provider == b.provider && a.postcode == b.postcode && a.urn == b.urn
}

// homeTypes are the placements in a home Ofsted registers.
var homeTypes = map[string]bool{"K1": true, "K2": true, "K3": true, "H5": true, "S1": true, "R1": true}

// codeOn is the placement type the 903 used on d for a placement drawn as
// place: supported accommodation is H5 (with P2 for independent living
// before 28 October 2023) until 2024-25 brought K3; Z1 went in 2025-26.
func codeOn(place string, d civil.Date) string {
	k3From := civil.MustNew(2024, time.April, 1)
	switch {
	case (place == "H5" || place == "P2") && !d.Before(k3From):
		return "K3"
	case place == "K3" && d.Before(k3From):
		return "H5"
	case place == "P2" && care.PlacementYearRule("P2", d, civil.Date{}) != "":
		return "H5"
	case place == "Z1" && !care.PlacementIn("Z1", care.YearOf(d)):
		return "K2"
	}
	return place
}

// lastYearOf is the last day of the last collection year in which a
// withdrawn placement type was used (an episode in it ends by then), or
// the zero Date for one still in use.
func lastYearOf(place string) civil.Date {
	for y := care.Year(2025); y <= 2030; y++ {
		if care.PlacementTypes.Has(place) && !care.PlacementIn(place, y) && care.PlacementIn(place, y-1) {
			return (y - 1).End()
		}
	}
	return civil.Date{}
}

// urnOf is the Ofsted URN an episode records: a registered home's own, or
// for a placement whose provider Ofsted registers (a fostering or adoption
// service, a school) the provider's; none where the return asks for none
// (903 rules 218, 222 and 230).
func (c *careGen) urnOf(e careEpisode) string {
	end := e.end
	if end.After(c.g.today) {
		end = civil.Date{} // still open (add)
	}
	if care.URNRule(e.placement, e.urn, e.start, end) == "" {
		return e.urn
	}
	if e.urn != "" {
		return ""
	}
	return "SC9" + map[string]string{"PR0": "00000", "PR1": "00001", "PR2": "00002", "PR3": "00003", "PR4": "00004", "PR5": "00005"}[e.provider]
}

// placeAt fills a placement's address: a children's home's postcode and
// Ofsted number, a family home's postcode, or another of the city's.
func (c *careGen) placeAt(e *careEpisode, k int) {
	g := c.g
	switch {
	case homeTypes[e.placement]:
		i := g.r.IntN(len(g.homes))
		e.postcode, e.urn = g.homes[i].addr.Postcode, c.urns[i]
	case e.placement == "P1" || e.placement[0] == 'A': // at home, or with the adopters
		if as := g.people(k).Addresses; len(as) > 0 {
			e.postcode = as[len(as)-1].Postcode
		}
	}
	if e.postcode == "" {
		sts := g.streets[g.r.IntN(len(g.streets))]
		st := sts[g.r.IntN(len(sts))]
		e.postcode = st.postcodes[g.r.IntN(len(st.postcodes))]
	}
}

// episodes draws a period's episodes of care: its placements (a move every
// year or two, every few months for an unsettled child), and its legal
// status (an interim order made full, or accommodation by agreement).
func (c *careGen) episodes(p *carePeriod) []careEpisode {
	g := c.g
	dob := g.people(p.child).DateOfBirth
	horizon := p.end
	if horizon.IsZero() {
		horizon = g.today
	}
	ageAt := func(d civil.Date) int { return dob.AgeOn(d) }

	// The placements' starts.
	type stay struct {
		start civil.Date
		place string
		same  bool // same carers as the last
		here  bool // where a child in care today lives
	}
	var stays []stay
	// An unsettled spell of half a year to a year and a half, moving every
	// month or few, for some children of 8 and over: the older, the more
	// likely. For a child in care today it is as often still going on.
	var spell0, spell1 civil.Date
	if g.chance(unsettled * float64(min(max(ageAt(p.start)-5, 0), 11))) {
		n, total := g.between(240, 720), horizon.DaysSince(p.start)
		off := g.r.IntN(max(total-n, 0) + 1)
		if p.current != "" && g.chance(0.5) {
			off = max(total-n, 0)
		}
		spell0, spell1 = p.start.AddDays(off), p.start.AddDays(off+n)
	}
	unstable := p.current != "" && !spell1.Before(horizon)
	next := func(d civil.Date) int {
		if !d.Before(spell0) && d.Before(spell1) {
			return g.between(35, 125)
		}
		n := g.band([][3]float64{{0.3, 120, 400}, {0.4, 401, 1100}, {0.3, 1101, 3000}})
		if d.Before(spell0) && d.AddDays(n).After(spell0) {
			n = spell0.DaysSince(d) // the spell starts with a move
		}
		return n
	}
	lastStart := horizon
	if p.adoption != nil {
		lastStart = p.adoption.placed
	} else if p.current != "" && !unstable {
		lastStart = p.since
	}
	for d := p.start; d.Before(lastStart) || d == p.start; d = d.AddDays(next(d)) {
		stays = append(stays, stay{start: d, place: placementOf(g, ageAt(d))})
	}
	if p.current != "" && !unstable && p.since.After(p.start) {
		stays = append(stays, stay{start: p.since, place: p.current, here: true})
	} else if p.current != "" {
		stays[len(stays)-1].place, stays[len(stays)-1].here = p.current, true
	}
	if p.adoption != nil {
		for i := range stays {
			stays[i].place = pickCode(g, "U6:70 U4:10 U3:20")
		}
		pl := "A6"
		if p.adoption.fosterCarers {
			pl = "A5"
		}
		stays = append(stays, stay{start: p.adoption.placed, place: pl, same: pl == "A5"})
	} else if p.uasc && p.current == "" {
		for i := range stays {
			if ageAt(stays[i].start) >= 16 {
				stays[i].place = pickCode(g, "H5:70 U6:20 K2:10")
			}
		}
	}
	// Foster carers who are family or friends, or not: drawn to hold
	// their share of the children fostered on the day the placement
	// starts, which by chance alone wanders by a sixth either way.
	for i := range stays {
		if stays[i].here || stays[i].place[0] != 'U' {
			continue
		}
		day := min(c.day(stays[i].start), len(c.fostered)-1)
		want := familyFriends * float64(c.fostered[day])
		q := min(max(familyFriends+(want-float64(c.kin[day]))/max(want, 1), 0.02), 0.9)
		stays[i].place = fosterAs(stays[i].place, g.chance(q))
	}
	// A settled foster placement becomes long-term: a new episode, the
	// same carers.
	for i := 0; i < len(stays); i++ {
		st := stays[i]
		if st.place != "U6" && st.place != "U3" {
			continue
		}
		to := horizon
		if i+1 < len(stays) {
			to = stays[i+1].start
		}
		if to.DaysSince(st.start) > 500 && g.chance(0.5) && p.adoption == nil {
			lt := "U4"
			if st.place == "U3" {
				lt = "U1"
			}
			stays = slices.Insert(stays, i+1, stay{start: st.start.AddDays(g.between(300, to.DaysSince(st.start)-100)), place: lt, same: true})
			i++
		}
	}

	// Each placement in the codes of its years and fit for the child's
	// age (903 rules 146, 217t and 370 to 374): a placement that runs
	// into a year that withdrew its code becomes the one that replaced it
	// on 31 March, a new episode with the same carers.
	for i := 0; i < len(stays); i++ {
		st := &stays[i]
		st.place = codeOn(st.place, st.start)
		if care.PlacementAgeRule(dob, st.start, st.place) != "" {
			st.place = "K2"
		}
		to := horizon
		if i+1 < len(stays) {
			to = stays[i+1].start
		}
		if last := lastYearOf(st.place); !last.IsZero() && st.start.Before(last) && to.After(last) {
			stays = slices.Insert(stays, i+1, stay{start: last, place: codeOn(st.place, last.AddDays(1)), same: true, here: st.here})
		}
	}

	// The legal statuses' starts.
	type status struct {
		start civil.Date
		code  string
	}
	var legal []status
	switch {
	case p.adoption != nil:
		legal = []status{{p.start, "C1"}, {p.start.AddDays(g.between(40, max(41, p.adoption.placementOrder.DaysSince(p.start)-10))), "C2"}, {p.adoption.placementOrder, "E1"}}
		if !legal[1].start.Before(legal[2].start) {
			legal = []status{legal[0], legal[2]}
		}
	case p.uasc:
		legal = []status{{p.start, "V2"}}
	default:
		first := pickCode(g, "C1:50 V2:38 L2:5 L1:4 J1:3")
		if first == "J1" && ageAt(p.start) < 10 {
			first = "V2" // no child under 10 is remanded (rule 358)
		}
		legal = []status{{p.start, first}}
		switch first {
		case "L1":
			// Police protection lasts at most 72 hours (rule 361).
			legal = append(legal, status{p.start.AddDays(g.between(1, 3)), "C1"})
			first = "C1"
		case "L2":
			legal = append(legal, status{p.start.AddDays(g.between(1, 8)), "C1"})
			first = "C1"
		}
		if first == "C1" {
			legal = append(legal, status{legal[len(legal)-1].start.AddDays(g.between(120, 330)), "C2"})
		}
	}

	// Merge them into episodes.
	var out []careEpisode
	si, li := 0, 0
	d := p.start
	for {
		e := careEpisode{start: d, legal: legal[li].code, placement: stays[si].place}
		if len(out) == 0 {
			e.reasonNew = "S"
		} else {
			prev := out[len(out)-1]
			placeChanged := stays[si].start == d
			legalChanged := legal[li].start == d && legal[li].code != prev.legal
			switch {
			case placeChanged && legalChanged && stays[si].same:
				e.reasonNew = "U"
			case placeChanged && legalChanged:
				e.reasonNew = "B"
			case placeChanged && stays[si].same:
				e.reasonNew = "T"
			case placeChanged:
				e.reasonNew = "P"
			default:
				e.reasonNew = "L"
			}
			if placeChanged {
				e.placeReason = pickCode(g, "CARPL:45 CREQB:12 CREQO:10 CHILD:8 LAREQ:5 STAND:3 ALLEG:2 CLOSE:3 APPRR:1 OTHER:11")
				if ageAt(d) < 8 { // too young for their behaviour or wishes to end it
					e.placeReason = pickCode(g, "CARPL:60 CREQO:15 LAREQ:7 STAND:3 ALLEG:2 CLOSE:4 APPRR:1 OTHER:8")
				}
				if stays[si].same {
					e.placeReason = "PLACE"
				}
			}
			if placeChanged && stays[si].same {
				e.provider, e.postcode, e.urn = prev.provider, prev.postcode, prev.urn
			} else if !placeChanged {
				e.provider, e.postcode, e.urn = prev.provider, prev.postcode, prev.urn
			}
		}
		if e.provider == "" {
			e.provider = providerOf(g, e.placement)
			c.placeAt(&e, p.child)
			if stays[si].here && p.postcode != "" {
				e.postcode, e.urn = p.postcode, ""
				if i := slices.IndexFunc(g.homes, func(h place) bool { return h.addr.Postcode == p.postcode }); i >= 0 && homeTypes[e.placement] {
					e.urn = c.urns[i]
				}
			}
		}
		// A move is to somewhere else: another home, provider or type (a
		// drawn home or provider may be the last one again).
		if n := len(out); n > 0 && e.reasonNew != "L" && !stays[si].same {
			for try := 0; samePlacement(out[n-1], e); try++ {
				if try == 8 {
					e.placement = pickCode(g, "U6:60 U4:25 K2:15")
					if e.placement == out[n-1].placement {
						e.placement = "U3"
					}
				}
				e.provider = providerOf(g, e.placement)
				if !stays[si].here || try >= 8 {
					e.postcode, e.urn = "", ""
					c.placeAt(&e, p.child)
				}
			}
		}
		e.longTerm = (e.placement == "U1" || e.placement == "U4") && g.chance(0.7)
		// The next change: of placement or of legal status.
		nd := horizon
		if si+1 < len(stays) && stays[si+1].start.Before(nd) {
			nd = stays[si+1].start
		}
		if li+1 < len(legal) && legal[li+1].start.Before(nd) {
			nd = legal[li+1].start
		}
		if !nd.Before(horizon) {
			e.end = p.end
			out = append(out, e)
			return out
		}
		e.end = nd
		out = append(out, e)
		d = nd
		for si+1 < len(stays) && !stays[si+1].start.After(d) {
			si++
		}
		for li+1 < len(legal) && !legal[li+1].start.After(d) {
			li++
		}
	}
}

// add appends a record for child k, unless it starts after today; a span
// that ends after today is open.
func (c *careGen) add(r journey.Record, k, team, worker int) {
	today := c.g.today
	if r.Start.After(today) {
		return
	}
	if r.End.After(today) {
		r.End = civil.Date{}
		if r.CareEpisode != nil {
			r.CareEpisode.ReasonCeased = ""
		}
	}
	cc := c.g.city
	r.ID = journey.ID(len(cc.Journeys) + 1)
	r.PersonID = people.ID(k)
	r.TeamID = access.TeamID(team)
	r.WorkerID = access.UserID(worker)
	cc.Journeys = append(cc.Journeys, Journey{Record: r})
}

// emit writes a period's records.
func (c *careGen) emit(p *carePeriod) {
	g := c.g
	if p.child < 0 || (!p.end.IsZero() && p.end.Before(c.first)) {
		return
	}
	k, team, w := p.child, p.team, p.worker
	dob := g.people(k).DateOfBirth
	horizon := p.end
	if horizon.IsZero() {
		horizon = g.today
	}
	eps := c.episodes(p)
	for _, e := range eps {
		if e.placement[0] == 'U' {
			from, to := c.day(e.start), c.day(e.end)
			kin := e.placement <= "U3"
			for i := from; i < to; i++ {
				c.fostered[i]++
				if kin {
					c.kin[i]++
				}
			}
		}
	}
	permanence := ""
	switch {
	case p.adoption != nil:
		permanence = "adoption"
	case p.uasc || p.agedOut:
		permanence = "independence"
	case p.ceased == "E4A" || p.ceased == "E4B":
		permanence = "return_home"
	case p.ceased >= "E41" && p.ceased <= "E48":
		permanence = "sgo"
	default:
		permanence = pickCode(g, "long_term_fostering:55 return_home:15 residential:10 sgo:10 adoption:3 other:7")
	}
	// The plan for adoption is written between the episodes, as it was
	// made: after those that brought the child into care by the decision,
	// before the placement order and the placement that follow it (903
	// rules 551 and 554).
	var plan *journey.Record
	if a := p.adoption; a != nil {
		ad := &care.Adoption{PlacementOrder: a.placementOrder, Matched: a.matched, Placed: a.placed, Order: a.order, FosterCarers: a.fosterCarers,
			Adopters: 1 + g.pickIndex([]float64{0.12, 0.88})}
		if ad.Adopters == 1 {
			ad.AdoptersSex, ad.AdoptersStatus = pickCode(g, "F1:85 M1:15"), "L0"
		} else {
			ad.AdoptersSex, ad.AdoptersStatus = pickCode(g, "MF:82 FF:9 MM:9"), pickCode(g, "L11:75 L2:25")
			if ad.AdoptersSex != "MF" && g.chance(0.5) {
				ad.AdoptersStatus = "L12" // a civil partnership
			}
		}
		plan = &journey.Record{Kind: journey.KindAdoption, Start: a.decision, End: a.order, Adoption: ad}
	}
	writePlan := func() {
		if plan != nil {
			c.add(*plan, k, team, w)
			plan = nil
		}
	}
	urns := make([]string, len(eps))
	for i, e := range eps {
		urns[i] = c.urnOf(e)
	}
	// A change of legal status alone keeps the placement, URN and all:
	// where the years' rules would have it recorded in one and not the
	// other (H5 before and after 28 October 2023), it has none (XXXXXXX).
	for changed := true; changed; {
		changed = false
		for i := 1; i < len(eps); i++ {
			if eps[i].reasonNew == "L" && urns[i] != urns[i-1] {
				urns[i], urns[i-1], changed = care.URNNone, care.URNNone, true
			}
		}
	}
	for i, e := range eps {
		if plan != nil && e.start.After(plan.Start) {
			writePlan()
		}
		rc := "X1"
		if i == len(eps)-1 {
			rc = p.ceased
		}
		c.add(journey.Record{Kind: journey.KindCareEpisode, Start: e.start, End: e.end, CareEpisode: &care.Episode{
			LegalStatus: e.legal, Need: p.need, Placement: e.placement, Provider: e.provider, Postcode: e.postcode, URN: urns[i],
			ReasonNew: e.reasonNew, ReasonCeased: rc, ReasonPlaceChange: e.placeReason, Permanence: permanence, LongTermStable: e.longTerm,
		}}, k, team, w)
	}
	writePlan()
	if p.uasc {
		end := p.end
		if end.IsZero() {
			end = birthday(dob, 18)
		}
		c.add(journey.Record{Kind: journey.KindUASC, Start: p.start, End: end, UASC: &care.UASC{}}, k, team, w)
	}
	if p.ceased >= "E45" && p.ceased <= "E48" {
		c.add(journey.Record{Kind: journey.KindSGO, Start: p.end, SGO: &care.SGO{
			FormerFosterCarers: p.ceased == "E45" || p.ceased == "E46", RelativeOrFriend: p.ceased == "E45" || p.ceased == "E47"}}, k, team, w)
	}

	// Reviews: within 20 working days, three months later, then every six
	// months; most on time.
	due := calendar.AddWorkingDays(p.start, 20)
	for n := 0; due.Before(horizon); n++ {
		d := due.AddDays(-g.between(0, 12))
		if g.chance(0.08) {
			d = due.AddDays(g.between(1, 30))
		}
		d = maxDate(d, p.start)
		if !d.Before(horizon) {
			break
		}
		part := "PN0"
		if dob.AgeOn(d) >= 4 {
			part = pickCode(g, "PN1:55 PN2:5 PN3:10 PN4:4 PN5:6 PN6:14 PN7:6")
		}
		c.add(journey.Record{Kind: journey.KindCareReview, Start: d, CareReview: &care.Review{Participation: part}}, k, team, w)
		if n == 0 {
			due = calendar.AddMonths(d, 3)
		} else {
			due = calendar.AddMonths(d, 6)
		}
	}
	// Health: the initial assessment within 20 working days, then every
	// six months under five and every year after, with the immunisations
	// checked; a dental check every year, and a questionnaire each year
	// from 4 to 16.
	due = calendar.AddWorkingDays(p.start, 20)
	for initial := true; due.Before(horizon); initial = false {
		d := due.AddDays(-g.between(0, 20))
		if g.chance(0.1) {
			d = due.AddDays(g.between(1, 40))
		}
		d = maxDate(d, p.start)
		if !d.Before(horizon) {
			break
		}
		c.add(journey.Record{Kind: journey.KindHealthAssessment, Start: d, HealthAssessment: &care.HealthAssessment{Initial: initial}}, k, team, w)
		c.add(journey.Record{Kind: journey.KindImmunisations, Start: d, Immunisations: &care.Immunisations{UpToDate: g.chance(0.88)}}, k, team, w)
		if dob.AgeOn(d) < 5 {
			due = calendar.AddMonths(d, 6)
		} else {
			due = calendar.AddMonths(d, 12)
		}
	}
	for d := p.start.AddDays(g.between(30, 150)); d.Before(horizon); d = d.AddDays(g.between(300, 400)) {
		if dob.AgeOn(d) >= 1 && g.chance(0.92) {
			c.add(journey.Record{Kind: journey.KindDentalCheck, Start: d, DentalCheck: &care.DentalCheck{}}, k, team, w)
		}
	}
	for d := p.start.AddDays(g.between(60, 300)); d.Before(horizon); d = d.AddDays(g.between(330, 390)) {
		age := dob.AgeOn(d)
		switch {
		case age < 4 || age > 17:
		case age > 16 || g.chance(0.12):
			reason := "SDQ1"
			if age <= 16 {
				reason = pickCode(g, "SDQ2:15 SDQ3:25 SDQ4:30 SDQ5:30")
			}
			c.add(journey.Record{Kind: journey.KindSDQ, Start: d, SDQ: &care.SDQ{Reason: reason}}, k, team, w)
		default:
			score := min(max(int(math.Round(g.r.NormFloat64()*6.5+13.7)), 0), 40)
			c.add(journey.Record{Kind: journey.KindSDQ, Start: d, SDQ: &care.SDQ{Score: &score}}, k, team, w)
		}
	}
	// Personal education plans: within 20 school days, then each term.
	for d := p.start.AddDays(g.between(10, 28)); d.Before(horizon); d = d.AddDays(g.between(100, 135)) {
		if age := dob.AgeOn(d); age >= 3 && age < 18 {
			c.add(journey.Record{Kind: journey.KindPEP, Start: d, PEP: &care.PEP{}}, k, team, w)
		}
	}
	// Visits: every six weeks (every twelve in a long-term placement);
	// only the last visitMonths of them are kept, as for plans.
	if p.end.IsZero() {
		from := calendar.AddMonths(g.today, -visitMonths)
		gap := 42
		if last := eps[len(eps)-1]; last.longTerm {
			gap = 84
		}
		for d := maxDate(p.start, from.AddDays(-gap)).AddDays(g.between(3, gap)); !d.After(g.today); d = d.AddDays(g.between(gap*2/3, gap)) {
			if d.Before(from) {
				continue
			}
			v := &journey.Visit{Seen: g.chance(0.96)}
			v.SeenAlone = v.Seen && dob.AgeOn(d) >= 4 && g.chance(0.75)
			v.BedroomSeen = v.Seen && g.chance(0.4)
			c.add(journey.Record{Kind: journey.KindVisit, Start: d, Visit: v}, k, team, w)
		}
	}
	c.missing(p, dob, horizon)
	c.screenings(p, dob, horizon)
	c.leavingCare(p, dob)
}

// misser is a child in care who goes missing at times over a span, some
// more often than others.
type misser struct {
	p        *carePeriod
	from, to civil.Date
	weight   float64
}

// missing notes whether a child of 11 or over in care goes missing during
// the period (missingEpisodes draws the episodes).
func (c *careGen) missing(p *carePeriod, dob, horizon civil.Date) {
	g := c.g
	from := maxDate(p.start, birthday(dob, 11))
	if from.Before(horizon) && g.chance(0.3) {
		c.missers = append(c.missers, misser{p: p, from: from, to: horizon, weight: -math.Log(1 - g.r.Float64())})
	}
}

// missingEpisodes draws missingMonth episodes a month, each for one of the
// children who go missing then (by their weight), with the return and the
// interview offered after it. Drawing them month by month, not child by
// child, keeps each year's count near the seed's: a few children go
// missing very often, and would make it wander.
func (c *careGen) missingEpisodes() {
	g := c.g
	now := g.now()
	back := map[int]time.Time{} // each child's last return
	for m := civil.MustNew(c.first.Year, c.first.Month, 1); !m.After(g.today); m = calendar.AddMonths(m, 1) {
		end := calendar.AddMonths(m, 1)
		var on []misser
		var w []float64
		for _, ms := range c.missers {
			if ms.from.Before(end) && ms.to.After(m) {
				on = append(on, ms)
				w = append(w, ms.weight)
			}
		}
		if len(on) == 0 {
			continue
		}
		for range g.poisson(missingMonth * float64(g.scale)) {
			// A child already missing then gives way to another.
			var ms misser
			var started time.Time
			for range 8 {
				ms = on[g.pickIndex(w)]
				lo, hi := maxDate(m, ms.from), minDate(end, ms.to)
				if !lo.Before(hi) {
					continue
				}
				day := lo.AddDays(g.r.IntN(hi.DaysSince(lo)))
				h := g.pickIndex([]float64{2, 2, 3, 4, 5, 5, 4, 2})*3 + g.r.IntN(3)
				if t := time.Date(day.Year, day.Month, day.Day, h, g.r.IntN(60), 0, 0, civil.London); t.After(back[ms.p.child]) {
					started = t
					break
				}
			}
			if started.IsZero() || started.After(now) {
				continue
			}
			returned := started.Add(time.Duration(g.band([][3]float64{{0.45, 2, 12}, {0.35, 13, 36}, {0.15, 37, 96}, {0.05, 97, 300}})) * time.Hour)
			if end := ms.p.end; !end.IsZero() && civil.OfLondon(returned).After(end) {
				// Back by the day care ended: a child still missing then
				// would end care with E8 (903 rules 577 and 580).
				returned = civil.StartOfLondon(end).Add(9 * time.Hour)
			}
			back[ms.p.child] = returned
			mi := &care.Missing{Away: g.chance(0.15), StartedAt: started.UTC(), ReportedToPolice: g.chance(0.9)}
			r := journey.Record{Kind: journey.KindMissing, Start: civil.OfLondon(started), Missing: mi}
			if returned.Before(now) {
				mi.ReturnedAt = returned.UTC()
				r.End = civil.OfLondon(returned)
				mi.InterviewOffered = g.chance(0.95)
				if mi.InterviewOffered && g.chance(0.7) {
					mi.InterviewAccepted = true
					d := r.End.AddDays(g.band([][3]float64{{0.85, 0, 3}, {0.15, 4, 10}}))
					if !d.After(g.today) {
						mi.InterviewDate = d
					}
				}
			}
			c.add(r, ms.p.child, ms.p.team, ms.p.worker)
		}
	}
}

// now is the end of today, the latest moment a record can hold.
func (g *gen) now() time.Time {
	d := g.today.AddDays(1)
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, civil.London)
}

// screenings writes exploitation screenings for children of 10 and over:
// on coming into care or turning 10, then every year; a risk found that
// is medium or high brings a multi-agency meeting.
func (c *careGen) screenings(p *carePeriod, dob, horizon civil.Date) {
	g := c.g
	from := maxDate(p.start, birthday(dob, 10)).AddDays(g.between(5, 40))
	risky := g.chance(0.2)
	level := func() string {
		if risky {
			return pickCode(g, "none:30 low:30 medium:25 high:15")
		}
		return pickCode(g, "none:85 low:13 medium:2")
	}
	for d := from; d.Before(horizon); d = d.AddDays(g.between(300, 400)) {
		s := &care.Screening{Sexual: level(), Criminal: level(), CountyLines: level(), Trafficking: pickCode(g, "none:95 low:5")}
		c.add(journey.Record{Kind: journey.KindScreening, Start: d, Screening: s}, p.child, p.team, p.worker)
		worst := max(riskRank(s.Sexual), riskRank(s.Criminal), riskRank(s.CountyLines))
		if m := d.AddDays(g.between(7, 28)); worst >= 2 && m.Before(horizon) {
			c.add(journey.Record{Kind: journey.KindMACE, Start: m, MACE: &care.MACE{Summary: g.pick(maceSummaries)}}, p.child, p.team, p.worker)
		}
	}
}

func riskRank(level string) int {
	return slices.IndexFunc(care.RiskLevels, func(c people.Code) bool { return c.Code == level })
}

var maceSummaries = []string{
	"Disruption plan agreed with the police; the carers to report any missing episode at once.",
	"Referral to the specialist exploitation worker; the school to share attendance weekly.",
	"Safety plan reviewed with the young person; their phone contacts shared with the police.",
	"National Referral Mechanism referral to be made; review at the next meeting.",
}

// leavingCare writes a young person's pathway plans, every six months or
// so from when they are eligible (16, and 13 weeks in care since 14), and
// for one who left care at 18 the leaving care service's record from then
// until they are 22, with their personal adviser, and a contact around each
// birthday.
func (c *careGen) leavingCare(p *carePeriod, dob civil.Date) {
	g := c.g
	inCare := p.end
	if inCare.IsZero() {
		inCare = g.today.AddDays(1)
	}
	d := maxDate(birthday(dob, 16), p.start.AddDays(91)).AddDays(g.between(7, 60))
	for ; d.Before(inCare); d = d.AddDays(g.between(150, 183)) {
		c.add(journey.Record{Kind: journey.KindPathwayPlan, Start: d, PathwayPlan: &care.PathwayPlan{WithYoungPerson: g.chance(0.9)}}, p.child, p.team, p.worker)
	}
	if !p.agedOut {
		return
	}
	start, end := p.end, birthday(dob, 22) // aged 18 to 21, as the seed counts them
	team, w := g.teams.leavingCare, -1
	inv, open := c.leaver[p.child] // a care leaver today, with their adviser
	if open {
		w = inv.Worker
	} else {
		w = c.teamWorker(team)
	}
	// No more care leavers than the seed's on any day, counting first
	// those the caseloads made, and apart those who came as unaccompanied
	// children, whom the seed counts too: others move on (or away)
	// before 22, after two months of the service at least.
	lv := &c.leavers
	if p.uasc {
		lv = &c.uascLeavers
	}
	from, to := c.day(start), c.day(end)
	if e := lv.room(min(from+61, to), to); e < to && !open { // two months at least
		end = maxDate(c.start.AddDays(e), start.AddDays(1))
		to = c.day(end)
	}
	lv.add(from, to)
	adviser := ""
	if w >= 0 {
		adviser = g.city.Workers[w].DisplayName
	}
	c.add(journey.Record{Kind: journey.KindLeavingCare, Start: start, End: end, LeavingCare: &care.LeavingCare{Adviser: adviser}}, p.child, team, w)
	horizon := minDate(end, g.today.AddDays(1))
	for d = maxDate(d, start.AddDays(g.between(7, 60))); d.Before(horizon); d = d.AddDays(g.between(150, 183)) {
		c.add(journey.Record{Kind: journey.KindPathwayPlan, Start: d, PathwayPlan: &care.PathwayPlan{WithYoungPerson: g.chance(0.9)}}, p.child, team, w)
	}
	for age := 18; age <= 21; age++ {
		d := birthday(dob, age).AddDays(g.between(-30, 30))
		if d.Before(start) || !d.Before(horizon) {
			continue
		}
		lc := &care.LeaverContact{InTouch: pickCode(g, "YES:93 NO:3 REFU:2 NREQ:2")}
		if lc.InTouch == "YES" {
			// Balanced by financial year, the figures' year, and apart
			// for those of 19 and over, whom the figures count.
			fy := d.Year * 2
			if d.Month < time.April {
				fy -= 2
			}
			if dob.AgeOn(d) >= 19 {
				fy++
			}
			sh := c.shares[fy]
			eet, suitable := sh.eet.draw(g, 0.6), sh.suitable.draw(g, 0.93)
			c.shares[fy] = sh
			if eet {
				lc.Activity = pickCode(g, "F1:8 P1:2 F2:30 P2:8 F4:8 P4:2 F5:30 P5:12")
			} else {
				lc.Activity = pickCode(g, "G4:25 G5:60 G6:15")
			}
			kind := pickCode(g, "U:40 D:15 E:8 Z:12 B:10 K:5 T:4 C:2 Y:4")
			if suitable {
				lc.Accommodation = kind + "1"
			} else {
				lc.Accommodation = kind + "2"
			}
			lc.StayingPut = kind == "Z" && age < 21
		} else {
			lc.Activity, lc.Accommodation = "0", "0" // not known
		}
		c.add(journey.Record{Kind: journey.KindLeaverContact, Start: d, LeaverContact: lc}, p.child, team, w)
	}
}

// leaverShares are a year's care leavers in touch so far, and how many of
// them are in education, employment or training and in suitable
// accommodation.
type leaverShares struct{ eet, suitable share }

// share is a count of yes among n, drawn to hold a share.
type share struct{ yes, n int }

// draw draws yes or no, pulled towards the share p so far: a year's care
// leavers are a hundred or two, too few for their shares to come near the
// seed's by chance alone.
func (s *share) draw(g *gen, p float64) bool {
	q := min(max(p+0.5*(p*float64(s.n)-float64(s.yes)), 0), 1)
	s.n++
	if g.chance(q) {
		s.yes++
		return true
	}
	return false
}

// CareFigures are a city's figures for children in care and care leavers
// on a date, measured as the seed measures them.
type CareFigures struct {
	On             civil.Date
	InCare         int     // children with an episode of care open
	PerTenThousand float64 // of them, per 10,000 children (ChildrenAtScale1 at each scale)
	Foster         int     // in foster placements (U1 to U6)
	FamilyFriends  int     // of them, with family or friends (U1 to U3)
	UASC           int     // in care with an open UASC record
	UASCLeavers    int     // care leavers of 18 to 21 with an open leaving care record, once UASC
	MissingMonth   float64 // missing episodes a month, over the 12 months to On
	Interviews72h  float64 // % of those ended that had a return interview offered within 72 hours
	Adoptions      int     // adoption orders in the 12 months to On
	LeaversEET     float64 // % of contacts with care leavers of 19 to 21 in touch, in the 12 months to On, in education, employment or training
	LeaversSuited  float64 // % of those in suitable accommodation
	Moves3         float64 // % of children in care with 3 or more moves in the 12 months to On
	ReviewsLate    float64 // % of reviews in the 12 months more than 6 months after the last
}

// CareFigures measures the city's children in care on a date.
func (c *City) CareFigures(on civil.Date) CareFigures {
	f := CareFigures{On: on}
	from := yearsBefore(on, 1)
	in12 := func(d civil.Date) bool { return d.After(from) && !d.After(on) }
	open := func(r journey.Record) bool { return !r.Start.After(on) && (r.End.IsZero() || r.End.After(on)) }
	byPerson := map[people.ID][]journey.Record{}
	for _, j := range c.Journeys {
		switch j.Record.Kind {
		case journey.KindCareEpisode, journey.KindUASC, journey.KindLeavingCare, journey.KindCareReview:
			byPerson[j.Record.PersonID] = append(byPerson[j.Record.PersonID], j.Record)
		}
	}
	missing, ended, in72, eetOf, eet, suited, reviews, late := 0, 0, 0, 0, 0, 0, 0, 0
	for _, j := range c.Journeys {
		r := j.Record
		switch r.Kind {
		case journey.KindMissing:
			if in12(r.Start) {
				missing++
				if !r.End.IsZero() {
					ended++
					m := r.Missing
					if m.InterviewOffered && !m.InterviewDate.IsZero() && !m.InterviewDate.After(r.End.AddDays(3)) || m.InterviewOffered && m.InterviewDate.IsZero() {
						in72++
					}
				}
			}
		case journey.KindAdoption:
			if o := r.Adoption.Order; !o.IsZero() && in12(o) {
				f.Adoptions++
			}
		case journey.KindLeaverContact:
			age := c.People[r.PersonID].DateOfBirth.AgeOn(r.Start)
			if in12(r.Start) && age >= 19 && age <= 21 && r.LeaverContact.InTouch == "YES" {
				eetOf++
				if a := r.LeaverContact.Activity; a != "" && (a[0] == 'F' || a[0] == 'P') {
					eet++
				}
				if a := r.LeaverContact.Accommodation; len(a) == 2 && a[1] == '1' {
					suited++
				}
			}
		}
	}
	moved := 0
	for pid, rs := range byPerson {
		var inCare, uasc, leaving, wasUASC bool
		var last civil.Date
		var place string
		slices.SortFunc(rs, func(a, b journey.Record) int { return a.Start.Compare(b.Start) })
		for _, r := range rs {
			switch r.Kind {
			case journey.KindCareEpisode:
				if open(r) {
					inCare, place = true, r.CareEpisode.Placement
				}
			case journey.KindUASC:
				wasUASC = wasUASC || !r.Start.After(on)
				uasc = uasc || open(r)
			case journey.KindLeavingCare:
				leaving = leaving || open(r)
			case journey.KindCareReview:
				if in12(r.Start) && !last.IsZero() {
					reviews++
					if r.Start.After(calendar.AddMonths(last, 6)) {
						late++
					}
				}
				last = r.Start
			}
		}
		if inCare {
			f.InCare++
			if place[0] == 'U' {
				f.Foster++
				if place <= "U3" {
					f.FamilyFriends++
				}
			}
			if uasc {
				f.UASC++
			}
			if journey.MovesIn12Months(rs, on) >= 3 {
				moved++
			}
		}
		if age := c.People[pid].DateOfBirth.AgeOn(on); leaving && wasUASC && !inCare && age >= 18 && age <= 21 {
			f.UASCLeavers++
		}
	}
	pct := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return 100 * float64(n) / float64(of)
	}
	f.PerTenThousand = 10000 * float64(f.InCare) / float64(ChildrenAtScale1*max(c.Scale, 1))
	f.MissingMonth = float64(missing) / 12
	f.Interviews72h = pct(in72, ended)
	f.LeaversEET = pct(eet, eetOf)
	f.LeaversSuited = pct(suited, eetOf)
	f.Moves3 = pct(moved, f.InCare)
	f.ReviewsLate = pct(late, reviews)
	return f
}

// String prints the figures on one line.
func (f CareFigures) String() string {
	return fmt.Sprintf("on %s: in care %d (%.1f per 10,000), foster %d (family and friends %d), UASC %d, UASC care leavers %d; "+
		"missing %.1f a month (interview offered in 72h %.0f%%); adoption orders %d; care leavers EET %.1f%%, suitably housed %.1f%%; "+
		"3+ moves %.1f%%; reviews late %.1f%%",
		f.On, f.InCare, f.PerTenThousand, f.Foster, f.FamilyFriends, f.UASC, f.UASCLeavers, f.MissingMonth, f.Interviews72h,
		f.Adoptions, f.LeaversEET, f.LeaversSuited, f.Moves3, f.ReviewsLate)
}
