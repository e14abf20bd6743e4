package demo

import (
	"math"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Journey is one of Demo City's journey records. Like an Involvement it
// holds no ids of the store: the record's PersonID, TeamID and WorkerID (and
// a contact's DecidedBy) are indexes into the city's People, Teams and
// Workers, WorkerID and DecidedBy -1 for none. Its ID is its index in
// City.Journeys plus one, and its Episode and Follows name other journeys by
// that provisional id, which is how the store's import takes them.
type Journey struct {
	Record journey.Record
}

// The flows of the front door and of social work, at scale 1, tuned so that
// the stocks they build up (children on plans, in assessment, in early help)
// are the seed's at 31 March 2023 and stay so: the generation runs at a
// steady state for the eight years of history and two more before them.
const (
	burnInYears = 2 // simulated before the history starts, so that it starts full

	contactReferral  = 0.80 // contacts decided as a referral
	contactEarlyHelp = 0.11 // as early help; the rest advice or no further action
	contactAdvice    = 0.05

	directReferralsDay = 0.62 // children a day referred with no contact (transfers in)
	directEarlyHelpDay = 2.95 // children a day starting early help from a school or health visitor
	reReferral         = 0.33 // a closed episode's family back at the front door within the year

	referralNFA    = 0.09  // referrals closed with no further action at referral
	assessmentLate = 0.02  // assessments authorised after their 45 working days
	strategyShare  = 0.265 // assessed referrals with a strategy discussion
	strategyS47    = 0.88  // strategy discussions deciding on a Section 47 enquiry
	s47ICPC        = 0.28  // enquiries leading to an initial conference
	icpcPlan       = 0.9   // conferences making a plan
	cinAfterAsmt   = 0.28  // assessed referrals (no enquiry) going on to a child in need plan
	rc9AfterAsmt   = 0.3   // of the rest, closed with a step down to early help
	cpStepDown     = 0.55  // CP plans ending with a step down to a CIN plan
	ehAlongside    = 0.4   // CIN plans with early help alongside
	familyMeeting  = 0.12  // CIN and CP episodes with a family network meeting offered
	ehStepUp       = 0.05  // early help episodes closing with a step up to social care

	// Every visit to every child on a plan would be about 125,000 records
	// at scale 1 over eight years, more than half as many again as all the
	// other journey records, and would make the city that much slower to
	// generate, hold and load for little use; so the city keeps those a
	// page or a due list reads: the last visitMonths of plans open today, and every visit of
	// a sample of the other plans, so that a closed case's chronology looks
	// like a real one.
	visitMonths     = 3
	visitSampleRate = 0.08
)

// jgen is the state of the journey generation.
type jgen struct {
	g     *gen
	cs    *caseState
	ts    journey.Timescales
	first civil.Date // the history's first day
	busy  []civil.Date
	again map[civil.Date][]int // families due back at the front door on a day
	slots []slot
	far   civil.Date // a date after every generated one

	// The stocks of children on plans, in early help and in assessment,
	// day by day, which steer how long new work lasts (see steer).
	start  civil.Date
	day    int // the simulation's day, from start
	stocks [4]stock
	// The last year's Section 47 decisions, oldest first, with the counts
	// of families in it and of those that went to a conference.
	s47s         []s47Decision
	s47n, s47ToC int
}

// s47Decision is one family's enquiry: the day it started and whether it
// led to a conference.
type s47Decision struct {
	day  int
	icpc bool
}

// The stocks steer follows.
const (
	stockCP = iota
	stockCIN
	stockEH
	stockAssessment // open referrals without an open plan
)

// targetInAssessment is the seed's count of children in assessment on 31
// March 2023.
const targetInAssessment = 163

// stock counts the children open to one kind of work: diff holds the
// changes by day from the simulation's start, cur the count on the day the
// simulation has reached.
type stock struct {
	diff   []int
	cur    int
	target float64
}

// slot is one worker's piece of work with a family: a contact, an early help
// episode or an allocation. Its records are named to the worker chosen for
// it once the workforce is made.
type slot struct {
	kind string // involvement kind, for the allocation rate
	team int
	kids []int
	open bool  // open on Today
	recs []int // indexes into City.Journeys
}

// buildJourneys simulates the front door and social work, family by family,
// for the history and the burn-in before it, keeping the records of every
// episode open on or after the history's first day.
func (g *gen) buildJourneys(cs *caseState) {
	j := &jgen{
		g: g, cs: cs, ts: journey.Defaults(),
		first: yearsBefore(g.today, historyYears),
		busy:  make([]civil.Date, len(g.households)),
		again: make(map[civil.Date][]int),
		far:   g.today.AddDays(100 * 365),
	}
	s := float64(g.scale)
	// About 29,000 records a year at scale 1: growing the slice as they come
	// copied it some twenty times, a third of the generation's time.
	g.city.Journeys = make([]Journey, 0, 30000*(historyYears+1)*g.scale)
	// Contacts are drawn a family at a time, so a day's last overshoots its
	// count by about half a family: 0.953 is measured to take that back.
	perDay := 0.953 * float64(targetContactsMonth*12) / 365.25 * s
	start := yearsBefore(j.first, burnInYears)
	j.start = start
	days := g.today.DaysSince(start) + 2
	for i, target := range [4]int{targetChildProtection, targetChildInNeed, targetEarlyHelp, targetInAssessment} {
		j.stocks[i] = stock{diff: make([]int, days), target: float64(target) * s}
	}
	for d := start; !d.After(g.today); d = d.AddDays(1) {
		j.day = d.DaysSince(start)
		for i := range j.stocks {
			j.stocks[i].cur += j.stocks[i].diff[j.day]
		}
		season := monthFactor[d.Month-time.January]
		n := g.poisson(perDay * season * weekdayFactor[d.Weekday()])
		for n > 0 {
			hi := -1
			if due := j.again[d]; len(due) > 0 {
				hi, j.again[d] = due[0], due[1:]
				if !j.free(hi, d) {
					hi = -1
				}
			}
			if hi < 0 {
				hi = j.pickFamily(d)
			}
			if hi < 0 {
				break
			}
			n -= max(j.contact(hi, d), 1)
		}
		if left := j.again[d]; len(left) > 0 {
			next := d.AddDays(1)
			j.again[next] = append(j.again[next], left...)
		}
		delete(j.again, d)
		for range g.poisson(directReferralsDay * s * season) {
			if hi := j.pickFamily(d); hi >= 0 {
				src := "5C"
				if g.chance(0.4) {
					src = "6"
				}
				j.run(hi, func() civil.Date { return j.referralWith(hi, d, nil, src, 0, nil) })
			}
		}
		for range g.poisson(directEarlyHelpDay * s * season / 2.2) {
			if hi := j.pickFamily(d); hi >= 0 {
				j.run(hi, func() civil.Date { return j.earlyHelpWith(hi, d, nil, 0, nil) })
			}
		}
	}
	j.finish()
}

// run generates one family's episode and drops it if it all ended before
// the history starts (it belongs to the burn-in only).
func (j *jgen) run(hi int, f func() civil.Date) {
	n, ns := len(j.g.city.Journeys), len(j.slots)
	last := f()
	if !last.IsZero() && last.Before(j.first) {
		j.g.city.Journeys = j.g.city.Journeys[:n]
		j.slots = j.slots[:ns]
	}
	j.settle(hi, last)
}

// free reports whether a family can come to the front door on d: not kept
// out of caseloads, not open to other work, and with a child.
func (j *jgen) free(hi int, d civil.Date) bool {
	return !j.cs.taken[hi] && !j.g.households[hi].excluded && !j.busy[hi].After(d) && len(j.kidsOn(hi, d, d)) > 0
}

// pickFamily draws a family in need that is free on d, or -1.
func (j *jgen) pickFamily(d civil.Date) int {
	order := j.cs.order
	for range 30 {
		hi := order[int(float64(len(order))*math.Pow(j.g.r.Float64(), 1.6))]
		if j.free(hi, d) {
			return hi
		}
	}
	return -1
}

// kidsOn lists a family's children (grown-up ones too: they were children
// once) who are born by from and still under 18 on until (or today, if
// until is later).
func (j *jgen) kidsOn(hi int, from, until civil.Date) []int {
	h := &j.g.households[hi]
	until = minDate(until, j.g.today)
	var out []int
	for _, list := range [][]int{h.grown, h.children} {
		for _, k := range list {
			dob := j.g.people(k).DateOfBirth
			if !dob.IsZero() && !dob.After(from) && birthday(dob, 18).After(until) {
				out = append(out, k)
			}
		}
	}
	return out
}

// add appends a record for child k, unless it starts after today; one that
// ends after today is open on it, without what its end would record. sl is
// the worker's slot the record is part of (which gives its team), or -1 for
// a record that names its own team and no worker. It returns the record's
// provisional id, or 0 when it was not added.
func (j *jgen) add(r journey.Record, k, sl int) journey.ID {
	today := j.g.today
	if r.Start.After(today) {
		return 0
	}
	if r.End.After(today) {
		r.End = civil.Date{}
		switch {
		case r.Contact != nil:
			r.Contact.Decision, r.Contact.DecidedAt = "", time.Time{}
		case r.EarlyHelp != nil:
			r.EarlyHelp.Closure = ""
		case r.Referral != nil:
			r.Referral.ClosureReason = ""
		case r.Assessment != nil:
			r.Assessment.Factors = nil
		case r.S47 != nil:
			r.S47.Outcome = ""
		}
	}
	if r.EarlyHelp != nil && r.EarlyHelp.AssessmentDate.After(today) {
		r.EarlyHelp.AssessmentDate = civil.Date{}
	}
	if r.FamilyMeeting != nil && r.FamilyMeeting.Held.After(today) {
		r.FamilyMeeting.Held, r.FamilyMeeting.Outcome = civil.Date{}, ""
	}
	if r.Contact != nil {
		r.Contact.DecidedBy = -1
	}
	c := j.g.city
	r.ID = journey.ID(len(c.Journeys) + 1)
	r.PersonID = people.ID(k)
	r.WorkerID = -1
	if sl >= 0 {
		s := &j.slots[sl]
		s.recs = append(s.recs, len(c.Journeys))
		r.TeamID = access.TeamID(s.team)
		switch r.Kind {
		case journey.KindAllocation, journey.KindEarlyHelp, journey.KindContact:
			if r.End.IsZero() {
				s.open = true
			}
		}
	}
	c.Journeys = append(c.Journeys, Journey{Record: r})
	j.g.known[k] = true
	switch r.Kind {
	case journey.KindCPPlan:
		j.count(stockCP, r, 1)
		j.count(stockAssessment, r, -1)
	case journey.KindCINPlan:
		j.count(stockCIN, r, 1)
		j.count(stockAssessment, r, -1)
	case journey.KindEarlyHelp:
		j.count(stockEH, r, 1)
	case journey.KindReferral:
		j.count(stockAssessment, r, 1)
	}
	return r.ID
}

// count adds a record to a stock (by is 1) or takes it out (-1) from its
// start to its end. A child's plans do not overlap, and each is within a
// referral, so referrals less plans are the children in assessment.
func (j *jgen) count(i int, r journey.Record, by int) {
	st := &j.stocks[i]
	change := func(d civil.Date, by int) {
		if n := d.DaysSince(j.start); n > j.day {
			st.diff[n] += by
		} else {
			st.cur += by // the simulation has passed the day
		}
	}
	change(r.Start, by)
	if !r.End.IsZero() {
		change(r.End, -by)
	}
}

// steer says how much longer (above 1) or shorter than usual new work of a
// stock should last: the square of how far the stock is below or above its
// target, within a half and two. A flow of families of two or three
// children makes the stocks wander; steering holds them near the seed's
// figures on every day, not only on average. Children in assessment, whose
// work lasts days rather than months, are steered harder (the cube, within
// a third and three): with the square they still wandered by a fifth.
func (j *jgen) steer(i int) float64 {
	st := j.stocks[i]
	f := st.target / float64(max(st.cur, 1))
	if i == stockAssessment {
		return min(max(f*f*f, 0.33), 3)
	}
	return min(max(f*f, 0.5), 2)
}

// conferenceChance is the chance that an enquiry leads to a conference:
// the usual share, nudged by the CP plans' stock (cp, from steer) and pulled
// towards s47ICPC over the last year. Enquiries come a family at a time, so
// without the pull a year's share wanders by a quarter either way.
func (j *jgen) conferenceChance(cp float64) float64 {
	p := s47ICPC * min(max(cp, 0.85), 1.15)
	if j.s47n > 20 {
		p += s47ICPC - float64(j.s47ToC)/float64(j.s47n)
	}
	return min(max(p, 0.1), 0.45)
}

// toConference records a family's enquiry started on d and whether it led
// to a conference, and returns that.
func (j *jgen) toConference(d civil.Date, icpc bool) bool {
	day := d.DaysSince(j.start)
	j.s47s = append(j.s47s, s47Decision{day, icpc})
	j.s47n++
	if icpc {
		j.s47ToC++
	}
	for len(j.s47s) > 0 && j.s47s[0].day <= day-365 {
		j.s47n--
		if j.s47s[0].icpc {
			j.s47ToC--
		}
		j.s47s = j.s47s[1:]
	}
	return icpc
}

// stretch scales a number of days by steer.
func (j *jgen) stretch(i, days int) int { return int(math.Round(float64(days) * j.steer(i))) }

// newSlot starts a worker's piece of work for the children.
func (j *jgen) newSlot(kind string, team int, kids []int) int {
	j.slots = append(j.slots, slot{kind: kind, team: team, kids: kids})
	return len(j.slots) - 1
}

// receivedAt draws the moment a contact came in on d: mostly office hours,
// some in the evening (the emergency duty team's).
func (j *jgen) receivedAt(d civil.Date) time.Time {
	g := j.g
	h := g.between(8, 17)
	if g.chance(0.08) {
		h = g.between(18, 23)
	}
	return time.Date(d.Year, d.Month, d.Day, h, g.r.IntN(60), 0, 0, civil.London).UTC()
}

// decisionDelay draws how long the front door took to decide: mostly within
// the 24 hours it aims at.
func (j *jgen) decisionDelay() time.Duration {
	g := j.g
	var minutes int
	switch g.pickIndex([]float64{0.55, 0.27, 0.12, 0.045, 0.015}) {
	case 0:
		minutes = g.between(20, 8*60)
	case 1:
		minutes = g.between(8*60, 24*60-1)
	case 2:
		minutes = g.between(24*60, 48*60)
	case 3:
		minutes = g.between(48*60, 5*24*60)
	default:
		minutes = g.between(5*24*60, 14*24*60)
	}
	return time.Duration(minutes) * time.Minute
}

var contactSources = ws("6:30 2A:17 3A:4 3B:4 3C:2 3D:2 3E:3 3F:1 1A:8 1B:3 1C:1 1D:1 4:3 5A:4 5B:3 5D:2 7:3 8:4 9:3 10:1")

// contact brings a family to the front door on d and follows the decision.
// It returns how many children the contact was about.
func (j *jgen) contact(hi int, d civil.Date) int {
	g := j.g
	kids := j.kidsOn(hi, d, d)
	if len(kids) == 0 {
		return 0
	}
	received := j.receivedAt(d)
	decidedAt := received.Add(j.decisionDelay())
	decided := civil.OfLondon(decidedAt)
	source := g.pickW(contactSources)
	decision := "nfa"
	switch r := g.r.Float64(); {
	case r < contactReferral:
		decision = "referral"
	case r < contactReferral+contactEarlyHelp:
		decision = "early_help"
	case r < contactReferral+contactEarlyHelp+contactAdvice:
		decision = "advice"
	}
	j.run(hi, func() civil.Date {
		sl := j.newSlot(KindContact, j.g.teams.mash, kids)
		ids := map[int]journey.ID{}
		emit := func() {
			for _, k := range kids {
				ids[k] = j.add(journey.Record{
					Kind: journey.KindContact, Start: civil.OfLondon(received), End: decided,
					Contact: &journey.Contact{ReceivedAt: received, Source: source, Decision: decision, DecidedAt: decidedAt},
				}, k, sl)
			}
		}
		switch decision {
		case "referral":
			return j.referralWith(hi, decided, ids, source, 0, emit)
		case "early_help":
			return j.earlyHelpWith(hi, decided.AddDays(g.between(0, 10)), ids, 0, emit)
		}
		emit()
		if decided.After(g.today) {
			return civil.Date{}
		}
		return decided
	})
	return len(kids)
}

// span is a period of a timeline.
type span struct{ start, end civil.Date }

// allocSpan is one allocation of a family's referral.
type allocSpan struct {
	span
	team   int
	reason string
	slot   int
}

// refTimeline is a family's referral, drawn once for all its children.
type refTimeline struct {
	start, end   civil.Date
	team         int // the assessment team the referral came to
	need         string
	nfa          bool
	closure      string
	assess       span
	factors      int // how many factors; 0 with "no factors"
	strategy     civil.Date
	s47          bool
	s47End       civil.Date
	s47Outcome   string
	icpc         civil.Date
	icpcPlan     bool
	cp           span
	cpCat        string
	reviews      []civil.Date
	cin          span
	allocs       []allocSpan
	eh           span // early help alongside the CIN plan
	meeting      span // offered, held
	meetOutcome  string
	stepDownEH   bool
	sampleVisits bool
}

var (
	primaryNeeds = ws("N1:55 N2:5 N3:3 N4:12 N5:12 N6:5 N7:1 N8:3 N9:3 N0:1")
	abuseCats    = ws("NEG:50 EMO:35 PHY:8 SAB:5 MUL:2")
	factorCodes  = ws("3B:20 4B:15 16A:10 2B:8 1B:6 17A:8 14A:3 15A:3 4A:5 10A:2 11A:2 24A:2 18C:3 19C:2 5A:2 6B:2 20:4 3A:3 13A:1")
	otherClosure = ws("RC7:88 RC5:8 RC3:2 RC4:1 RC6:1")
	ehClosures   = ws("sustained_progress:58 declined:10 no_engagement:12 moved_away:5 other:10")
	meetOutcomes = ws("plan_agreed:65 no_plan:12 declined:15 not_held:8")
	familyProbs  = []string{"education", "early_years", "health", "substance_use", "relationships", "abuse_exploitation", "crime", "domestic_abuse", "housing", "finance"}
)

// band draws a whole number from weighted bands of {weight, low, high}.
func (g *gen) band(bands [][3]float64) int {
	w := make([]float64, len(bands))
	for i, b := range bands {
		w[i] = b[0]
	}
	b := bands[g.pickIndex(w)]
	return g.between(int(b[1]), int(b[2]))
}

// timeline draws a referral's course from d.
func (j *jgen) timeline(d civil.Date, kids []int) refTimeline {
	g := j.g
	team := g.teams.assessment[g.r.IntN(len(g.teams.assessment))]
	t := refTimeline{start: d, team: team, need: g.pickW(primaryNeeds), sampleVisits: g.chance(visitSampleRate)}
	if g.chance(referralNFA) {
		t.nfa = true
		t.end = d.AddDays(g.between(0, 2))
		t.closure = "RC7"
		return t
	}
	t.assess.start = d.AddDays(g.pickIndex([]float64{0.6, 0.3, 0.1}))
	// Most assessments are authorised well within the 45 working days, a
	// few after them.
	due := j.ts.AssessmentDue(d)
	wd := g.band([][3]float64{{0.6, 1, 5}, {0.28, 6, 12}, {0.09, 13, 25}, {0.03, 26, 45}})
	t.assess.end = minDate(calendar.AddWorkingDays(t.assess.start, max(j.stretch(stockAssessment, wd), 1)), due)
	if g.chance(assessmentLate) {
		t.assess.end = due.AddDays(g.between(1, 25))
	}
	after := t.assess.end // when the episode's next stage can start
	planTeam := g.teams.safeguarding[g.r.IntN(len(g.teams.safeguarding))]
	for _, k := range kids {
		if len(g.people(k).Disabilities) > 0 && g.chance(0.6) {
			planTeam = g.teams.disabled
			break
		}
	}

	cinProb := cinAfterAsmt
	if g.chance(strategyShare) {
		t.strategy = d.AddDays(g.band([][3]float64{{0.5, 0, 0}, {0.3, 1, 2}, {0.2, 3, 10}}))
		t.strategy = maxDate(t.strategy, d)
		t.assess.end = maxDate(t.assess.end, t.strategy)
		after = maxDate(after, t.strategy)
		if g.chance(strategyS47) {
			t.s47 = true
			cp := math.Sqrt(j.steer(stockCP)) // the stock's shortfall, within 0.7 and 1.4
			if j.toConference(d, g.chance(j.conferenceChance(cp))) {
				t.s47Outcome = "icpc"
				due := j.ts.ICPCDue(t.strategy)
				if g.chance(0.87) {
					t.icpc = calendar.AddWorkingDays(t.strategy, g.between(8, 15))
				} else {
					t.icpc = due.AddDays(g.between(1, 15))
				}
				t.s47End = minDate(calendar.AddWorkingDays(t.strategy, g.between(3, 12)), t.icpc)
				t.icpcPlan = g.chance(min(icpcPlan*cp, 0.97))
				cinProb = 0.8
				after = maxDate(after, t.icpc)
			} else {
				t.s47End = t.strategy.AddDays(g.between(3, 15))
				t.s47Outcome = "nfa"
				cinProb = 0
				if g.chance(0.5) {
					t.s47Outcome = "cin"
					cinProb = 0.7
				}
				after = maxDate(after, t.s47End)
			}
			t.assess.end = maxDate(t.assess.end, t.s47End)
		}
	}
	alloc := allocSpan{span: span{start: d.AddDays(g.between(0, 1))}, team: team}
	if alloc.start.After(t.assess.start) {
		alloc.start = d
	}

	switch {
	case t.icpcPlan:
		t.cp.start = t.icpc
		t.cpCat = g.pickW(abuseCats)
		n := 1 + g.pickIndex([]float64{0.15, 0.35, 0.3, 0.12, 0.05, 0.03})
		switch f := j.steer(stockCP); {
		case f < 1 && n > 1 && g.chance(1-f):
			n--
		case f > 1 && g.chance(f-1):
			n++
		}
		last := civil.Date{}
		for range n {
			due := j.ts.ReviewDue(t.cp.start, last)
			r := due.AddDays(-g.between(0, 14))
			if g.chance(0.07) {
				r = due.AddDays(g.between(1, 21))
			}
			if !last.IsZero() && !r.After(last) {
				r = last.AddDays(1)
			}
			t.reviews = append(t.reviews, r)
			last = r
		}
		t.cp.end = last
		if g.chance(0.04) { // moved away or into care between reviews
			t.cp.end = t.cp.start.AddDays(g.between(20, max(21, last.DaysSince(t.cp.start))))
			for len(t.reviews) > 0 && t.reviews[len(t.reviews)-1].After(t.cp.end) {
				t.reviews = t.reviews[:len(t.reviews)-1]
			}
		}
		alloc.end = t.cp.start
		t.allocs = append(t.allocs, alloc)
		t.allocs = append(t.allocs, allocSpan{span: span{start: t.cp.start}, team: planTeam, reason: "Transferred to the safeguarding team"})
		t.end = maxDate(t.cp.end, t.assess.end)
		if g.chance(cpStepDown) {
			t.cin.start = t.cp.end
			t.cin.end = t.cin.start.AddDays(j.stretch(stockCIN, g.band([][3]float64{{0.4, 60, 150}, {0.45, 151, 270}, {0.15, 271, 450}})))
			t.end = maxDate(t.cin.end, t.assess.end)
		} else {
			t.end = t.end.AddDays(g.between(0, 14))
		}
		t.closure = g.pickW(otherClosure)
	case g.chance(cinProb * min(max(math.Sqrt(j.steer(stockCIN)), 0.8), 1.2)):
		t.cin.start = after.AddDays(g.between(0, 1))
		t.cin.end = t.cin.start.AddDays(j.stretch(stockCIN, g.band([][3]float64{{0.25, 45, 120}, {0.35, 121, 240}, {0.25, 241, 400}, {0.15, 401, 700}})))
		alloc.end = t.cin.start
		t.allocs = append(t.allocs, alloc)
		t.allocs = append(t.allocs, allocSpan{span: span{start: t.cin.start}, team: planTeam, reason: "Transferred for the child in need plan"})
		t.end = t.cin.end.AddDays(g.between(0, 10))
		t.closure = g.pickW(otherClosure)
	default:
		t.end = after
		switch {
		case t.s47:
			t.closure = g.pickW(otherClosure) // RC8 and RC9 do not follow an enquiry
		case g.chance(rc9AfterAsmt):
			t.closure, t.stepDownEH = "RC9", true
		case g.chance(0.93):
			t.closure = "RC8"
		default:
			t.closure = g.pickW(otherClosure)
		}
		alloc.end = t.end
		t.allocs = append(t.allocs, alloc)
	}
	if t.closure == "RC8" || t.closure == "RC9" {
		if g.chance(0.45) {
			t.factors = 0
		} else {
			t.factors = 1 + g.r.IntN(2)
		}
	} else {
		t.factors = 1 + g.r.IntN(4)
	}

	// A long allocation sees a change of worker.
	last := &t.allocs[len(t.allocs)-1]
	last.end = t.end
	if d := last.end.DaysSince(last.start); d > 240 && g.chance(0.5) {
		mid := last.start.AddDays(g.between(90, d-60))
		next := allocSpan{span: span{start: mid, end: last.end}, team: last.team, reason: g.pick([]string{"Worker left the team", "Caseload balancing", "Worker on long-term leave"})}
		last.end = mid
		t.allocs = append(t.allocs, next)
	}
	for i := range t.allocs {
		t.allocs[i].slot = j.newSlot(KindChildInNeed, t.allocs[i].team, kids)
	}

	if !t.cin.start.IsZero() && g.chance(ehAlongside) {
		t.eh.start = t.cin.start.AddDays(g.between(0, 30))
		t.eh.end = minDate(t.eh.start.AddDays(g.between(60, 300)), t.cin.end)
		if !t.eh.end.After(t.eh.start) {
			t.eh = span{}
		}
	}
	if (!t.cin.start.IsZero() || !t.cp.start.IsZero()) && g.chance(familyMeeting) {
		st := t.cin.start
		if !t.cp.start.IsZero() {
			st = t.cp.start
		}
		t.meeting.start = st.AddDays(g.between(3, 30))
		t.meetOutcome = g.pickW(meetOutcomes)
		if t.meetOutcome == "plan_agreed" || t.meetOutcome == "no_plan" {
			t.meeting.end = t.meeting.start.AddDays(g.between(14, 45))
		}
		if t.meeting.start.After(t.end) || t.meeting.end.After(t.end) {
			t.meeting = span{}
		}
	}
	return t
}

// referralWith opens a referral for a family on d, each child's following
// the record in follows (a contact or an early help episode), first calling
// emit (when not nil) to write the contacts, and returns the day the
// episode's last record ended, zero if it is open today.
func (j *jgen) referralWith(hi int, d civil.Date, follows map[int]journey.ID, source string, depth int, emit func()) civil.Date {
	g := j.g
	t := j.timeline(d, j.kidsOn(hi, d, d))
	kids := j.kidsOn(hi, d, t.end)
	if emit != nil {
		emit()
	}
	if len(kids) == 0 {
		return d
	}
	for _, a := range t.allocs {
		j.slots[a.slot].kids = kids
	}
	refTeam := t.team
	refIDs := map[int]journey.ID{}
	for _, k := range kids {
		refIDs[k] = j.emitReferral(t, k, follows[k], source, refTeam)
	}
	if !t.eh.start.IsZero() {
		j.emitEarlyHelp(hi, kids, t.eh, nil, "sustained_progress")
	}
	end := t.end
	if end.After(g.today) {
		return civil.Date{}
	}
	if t.stepDownEH && depth < 3 {
		end = later(end, j.earlyHelpWith(hi, t.end.AddDays(g.between(0, 10)), refIDs, depth+1, nil))
	}
	return end
}

// settle marks the family busy until end (for ever if open today), asks the
// front door to see some families again within the year.
func (j *jgen) settle(hi int, end civil.Date) {
	g := j.g
	if end.IsZero() || end.After(g.today) {
		j.busy[hi] = j.far
		return
	}
	j.busy[hi] = end.AddDays(1)
	if g.chance(reReferral) {
		back := end.AddDays(g.between(14, 330))
		j.again[back] = append(j.again[back], hi)
	}
}

// later is the later of two ends, where zero (open today) is the latest.
func later(a, b civil.Date) civil.Date {
	if a.IsZero() || b.IsZero() {
		return civil.Date{}
	}
	return maxDate(a, b)
}

// emitReferral writes one child's referral and the work within it, and
// returns the referral's id.
func (j *jgen) emitReferral(t refTimeline, k int, follows journey.ID, source string, team int) journey.ID {
	g := j.g
	slotOn := func(d civil.Date) int { // the allocation of the day
		sl := t.allocs[0].slot
		for _, a := range t.allocs {
			if !a.start.After(d) {
				sl = a.slot
			}
		}
		return sl
	}
	ref := j.add(journey.Record{
		Kind: journey.KindReferral, Follows: follows, Start: t.start, End: t.end, TeamID: access.TeamID(team),
		Referral: &journey.Referral{Source: source, PrimaryNeed: t.need, NFA: t.nfa, ClosureReason: t.closure},
	}, k, -1)
	if ref == 0 || t.nfa {
		return ref
	}
	for _, a := range t.allocs {
		j.add(journey.Record{Kind: journey.KindAllocation, Episode: ref, Start: a.start, End: a.end,
			Allocation: &journey.Allocation{Reason: a.reason}}, k, a.slot)
	}
	j.add(journey.Record{Kind: journey.KindAssessment, Episode: ref, Start: t.assess.start, End: t.assess.end,
		Assessment: &journey.Assessment{Factors: j.factors(t.factors), ChildSeen: g.chance(0.97)}}, k, slotOn(t.assess.start))
	if !t.strategy.IsZero() {
		outcome := "no_s47"
		if t.s47 {
			outcome = "s47"
		}
		sid := j.add(journey.Record{Kind: journey.KindStrategy, Episode: ref, Start: t.strategy,
			Strategy: &journey.Strategy{Outcome: outcome}}, k, slotOn(t.strategy))
		var s47 journey.ID
		if t.s47 && sid != 0 {
			s47 = j.add(journey.Record{Kind: journey.KindS47, Episode: ref, Follows: sid, Start: t.strategy, End: t.s47End,
				S47: &journey.S47{Outcome: t.s47Outcome}}, k, slotOn(t.strategy))
		}
		var icpc journey.ID
		if s47 != 0 && t.s47Outcome == "icpc" {
			icpc = j.add(journey.Record{Kind: journey.KindICPC, Episode: ref, Follows: s47, Start: t.icpc,
				ICPC: &journey.ICPC{Plan: t.icpcPlan}}, k, slotOn(t.icpc))
		}
		if icpc != 0 && t.icpcPlan {
			latest := t.cpCat
			if g.chance(0.1) {
				latest = g.pickW(abuseCats)
			}
			cp := j.add(journey.Record{Kind: journey.KindCPPlan, Episode: ref, Follows: icpc, Start: t.cp.start, End: t.cp.end,
				Plan: &journey.Plan{InitialCategory: t.cpCat, LatestCategory: latest}}, k, slotOn(t.cp.start))
			if cp != 0 {
				for i, r := range t.reviews {
					cont := i < len(t.reviews)-1 || r.Before(t.cp.end)
					j.add(journey.Record{Kind: journey.KindCPReview, Episode: ref, Follows: cp, Start: r,
						Review: &journey.Review{Continue: cont}}, k, slotOn(r))
				}
				j.visits(t, ref, cp, k, t.cp, true, slotOn)
			}
		}
	}
	if !t.cin.start.IsZero() {
		cin := j.add(journey.Record{Kind: journey.KindCINPlan, Episode: ref, Start: t.cin.start, End: t.cin.end,
			Plan: &journey.Plan{}}, k, slotOn(t.cin.start))
		if cin != 0 {
			j.visits(t, ref, cin, k, t.cin, false, slotOn)
		}
	}
	if !t.meeting.start.IsZero() {
		j.add(journey.Record{Kind: journey.KindFamilyMeeting, Episode: ref, Start: t.meeting.start,
			FamilyMeeting: &journey.FamilyMeeting{Held: t.meeting.end, Outcome: t.meetOutcome}}, k, slotOn(t.meeting.start))
	}
	return ref
}

// factors draws n factors identified at assessment, or "no factors" for 0.
func (j *jgen) factors(n int) []string {
	if n == 0 {
		return []string{journey.AssessmentFactorNone}
	}
	var out []string
	seen := map[string]bool{}
	for range n {
		f := j.g.pickW(factorCodes)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// visits writes the visits to child k on a plan: a child protection plan's
// every 10 working days or so, a child in need plan's every four weeks or
// so, some late. Only the visits the city keeps are written (see
// visitMonths).
func (j *jgen) visits(t refTimeline, ref, plan journey.ID, k int, sp span, cp bool, slotOn func(civil.Date) int) {
	g := j.g
	today := g.today
	end := sp.end
	open := end.IsZero() || end.After(today)
	if open {
		end = today
	}
	if !open && !t.sampleVisits {
		return
	}
	from := calendar.AddMonths(today, -visitMonths)
	alone := g.people(k).DateOfBirth.AgeOn(sp.start) >= 4
	d := sp.start
	for {
		if cp {
			wd := j.ts.CPVisitWorkingDays - g.between(0, 4)
			if g.chance(0.15) {
				wd += g.between(1, 8)
			}
			d = calendar.AddWorkingDays(d, wd)
		} else {
			days := j.ts.CINVisitDays - g.between(0, 10)
			if g.chance(0.15) {
				days += g.between(1, 14)
			}
			d = d.AddDays(days)
		}
		if d.After(end) {
			return
		}
		if !t.sampleVisits && d.Before(from) {
			continue
		}
		v := &journey.Visit{Seen: g.chance(0.94)}
		v.SeenAlone = v.Seen && alone && g.chance(0.7)
		v.BedroomSeen = v.Seen && g.chance(0.3)
		j.add(journey.Record{Kind: journey.KindVisit, Episode: ref, Follows: plan, Start: d, Visit: v}, k, slotOn(d))
	}
}

// earlyHelpWith opens early help for a family on d, first calling emit
// (when not nil) to write the contacts it follows, and returns the day its
// last record ended, zero if open today.
func (j *jgen) earlyHelpWith(hi int, d civil.Date, follows map[int]journey.ID, depth int, emit func()) civil.Date {
	g := j.g
	sp := span{start: d, end: d.AddDays(max(j.stretch(stockEH, g.band([][3]float64{{0.3, 40, 120}, {0.4, 121, 240}, {0.25, 241, 400}, {0.05, 401, 600}})), 21))}
	closure := g.pickW(ehClosures)
	stepUp := g.chance(ehStepUp) && depth < 3
	if stepUp {
		closure = "step_up"
	}
	kids := j.kidsOn(hi, d, sp.end)
	if emit != nil {
		emit()
	}
	if len(kids) == 0 {
		return d
	}
	ids := j.emitEarlyHelp(hi, kids, sp, follows, closure)
	if stepUp && !sp.end.After(g.today) {
		return j.referralWith(hi, sp.end, ids, "5D", depth+1, nil)
	}
	if sp.end.After(g.today) {
		return civil.Date{}
	}
	return sp.end
}

// emitEarlyHelp writes the children's early help episodes over sp, each
// following the record in follows, and returns their ids.
func (j *jgen) emitEarlyHelp(hi int, kids []int, sp span, follows map[int]journey.ID, closure string) map[int]journey.ID {
	g := j.g
	area := g.wards[g.households[hi].ward].area
	team := g.teams.earlyHelp[area]
	sl := j.newSlot(KindEarlyHelp, team, kids)
	assessed := minDate(sp.start.AddDays(g.between(7, 40)), sp.end)
	var problems []string
	for range 1 + g.r.IntN(3) {
		p := g.pick(familyProbs)
		if !slices.Contains(problems, p) {
			problems = append(problems, p)
		}
	}
	lead := g.pick([]string{"Family support worker", "School family liaison officer", "Health visitor", "Youth worker"})
	ids := map[int]journey.ID{}
	for _, k := range kids {
		ids[k] = j.add(journey.Record{Kind: journey.KindEarlyHelp, Follows: follows[k], Start: sp.start, End: sp.end,
			EarlyHelp: &journey.EarlyHelp{AssessmentDate: assessed, LeadPractitioner: lead, FamilyHub: areaNames[area] + " Family Hub",
				Problems: problems, Closure: closure}}, k, sl)
	}
	return ids
}

// journeyAllocation is the share of work open today that names a worker,
// by kind: some contacts in the front door's queue have been picked up, most
// early help has a lead practitioner, and an allocation always names one.
var journeyAllocation = map[string]float64{KindContact: 0.4, KindEarlyHelp: 0.92, KindChildInNeed: 1}

// finish hands the work open today to the workforce's allocation (as
// groups) and marks open families as taken.
func (j *jgen) finish() {
	g := j.g
	for i := range j.slots {
		s := &j.slots[i]
		if !s.open || len(s.recs) == 0 {
			continue
		}
		kids := s.kids
		gr := group{kind: s.kind, team: s.team, children: kids, allocate: g.chance(journeyAllocation[s.kind]), slot: i + 1}
		j.cs.groups = append(j.cs.groups, gr)
	}
	for hi, b := range j.busy {
		if b == j.far {
			j.cs.taken[hi] = true
		}
	}
	g.slots = j.slots
}

// setWorker names worker w (an index, -1 for none) on the records of a slot.
func (g *gen) setWorker(sl, w int) {
	for _, i := range g.slots[sl].recs {
		r := &g.city.Journeys[i].Record
		r.WorkerID = access.UserID(w)
		if r.Contact != nil && r.Contact.Decision != "" {
			r.Contact.DecidedBy = access.UserID(w)
		}
	}
}

// assignJourneyWorkers names a worker of the team on closed work (open work
// was allocated with the caseloads), and derives the contact, early help and
// child in need involvements from the journeys.
func (g *gen) assignJourneyWorkers() {
	for i, s := range g.slots {
		if s.open || len(s.recs) == 0 {
			continue
		}
		ws := g.teamWorkers[s.team]
		w := ws[g.r.IntN(len(ws))]
		if s.kind == KindEarlyHelp && !g.chance(0.93) {
			w = -1
		}
		g.setWorker(i, w)
	}
	c := g.city
	c.Involvements = slices.Grow(c.Involvements, len(c.Journeys)*2/3)
	for _, jr := range c.Journeys {
		r := idForm(jr.Record)
		var ep journey.Record
		if r.Episode != 0 {
			ep = c.Journeys[r.Episode-1].Record
		}
		inv, ok := journey.Involvement(r, ep)
		if !ok {
			continue
		}
		c.Involvements = append(c.Involvements, Involvement{
			Person: int(jr.Record.PersonID), Kind: inv.Kind, Team: int(jr.Record.TeamID), Worker: int(jr.Record.WorkerID),
			StartDate: inv.StartDate, EndDate: inv.EndDate, Journey: int(r.ID),
		})
	}
}

// idForm turns a city's record, which holds indexes, into one holding ids
// (each index plus one; no worker is zero), as journey's rules and the
// store expect.
func idForm(r journey.Record) journey.Record {
	r.PersonID++
	r.TeamID++
	r.WorkerID++
	if r.Contact != nil {
		c := *r.Contact
		c.DecidedBy++
		r.Contact = &c
	}
	return r
}
