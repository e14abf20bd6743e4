package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
)

// Demo City's schooling in the seed's two school years, 2021-22 and
// 2022-23: every pupil's attendance each term, the suspensions schools
// report, referrals to the inclusion panel (ISAPP) and the permanent
// exclusions that followed pre-exclusion meetings, enquiries about children
// missing education, and the register of home education. The 2022-23
// figures are the seed's: 109 ISAPP referrals from September 2022 to April
// 2023 with 55 pre-exclusion meetings, 6 of which led to permanent
// exclusion; 499 CME enquiries from schools and 499 from others from
// September 2022 to March 2023, with the whereabouts of 226 children found;
// 529 children home educated (on 31 March 2023). 2021-22 is made the same
// way, so that a year compares with the one before.

// The seed's 2022-23 figures (scale 1).
const (
	targetISAPP        = 109 // referrals, September to April
	targetPreExclusion = 55  // of them, pre-exclusion meetings
	targetISAPPPerm    = 6   // of those, permanent exclusions
	targetCMEEach      = 499 // enquiries from schools, and from others, September to March
	targetCMEFound     = 226 // of them, whereabouts identified
	targetEHEMarch2023 = 529 // children on the register of home education on 31 March 2023
	suspensionsPer100  = 7.0 // suspensions a year per 100 pupils (England 2022-23: 9.3)
)

// SchoolTerm is a term of Demo City's schools, with the sessions (half
// days) every pupil could attend in it.
type SchoolTerm struct {
	Name     string
	From, To civil.Date
	Sessions int
}

// SchoolTerms are the six terms of the city's attendance, oldest first.
var SchoolTerms = []SchoolTerm{
	{"Autumn 2021", civil.MustNew(2021, time.September, 1), civil.MustNew(2021, time.December, 17), 142},
	{"Spring 2022", civil.MustNew(2022, time.January, 4), civil.MustNew(2022, time.April, 8), 118},
	{"Summer 2022", civil.MustNew(2022, time.April, 25), civil.MustNew(2022, time.July, 22), 120},
	{"Autumn 2022", civil.MustNew(2022, time.September, 5), civil.MustNew(2022, time.December, 16), 142},
	{"Spring 2023", civil.MustNew(2023, time.January, 3), civil.MustNew(2023, time.March, 31), 118},
	{"Summer 2023", civil.MustNew(2023, time.April, 17), civil.MustNew(2023, time.July, 21), 124},
}

// attendanceCodes are the register codes a pupil's term is counted in
// (PupilTerm.Sessions), all in use before August 2024: present, late,
// illness, medical appointment, excluded, unauthorised holiday, other
// unauthorised, no reason yet.
var attendanceCodes = [...]string{"/", "L", "I", "M", "E", "G", "O", "N"}

const (
	codePresent = iota
	codeLate
	codeIllness
	codeMedical
	codeExcluded
	codeHoliday
	codeUnauthorised
	codeNoReason
)

// PupilTerm is one pupil's sessions at one school in one term: Person
// indexes People, Term SchoolTerms, and Sessions holds the count of each of
// attendanceCodes.
type PupilTerm struct {
	Person   int
	Term     int
	URN      string
	Sessions [len(attendanceCodes)]uint16
}

// ByCode is the term's sessions as an attendance import gives them.
func (p PupilTerm) ByCode() map[string]int {
	m := make(map[string]int, len(attendanceCodes))
	for i, n := range p.Sessions {
		if n > 0 {
			m[attendanceCodes[i]] = int(n)
		}
	}
	return m
}

// TermRows is a term's attendance as an import of it: a row for every
// pupil of the term, with their UPN. Load writes each term so.
func (c *City) TermRows(term int) []education.PupilSessions {
	var out []education.PupilSessions
	t := SchoolTerms[term]
	for _, p := range c.Attendance {
		if p.Term != term {
			continue
		}
		s := education.Sessions{From: t.From, To: t.To, ByCode: p.ByCode()}
		sum, err := education.Summarise(s)
		if err != nil {
			panic(fmt.Sprintf("demo: pupil %d in %s: %v", p.Person, t.Name, err)) // the generator's codes are all valid
		}
		out = append(out, education.PupilSessions{Row: len(out) + 2, UPN: c.People[p.Person].Identifiers.UPN, URN: p.URN, Sessions: s, Summary: sum})
	}
	return out
}

// schooling holds what the year's pieces share.
type schooling struct {
	g                      *gen
	r                      *rand.Rand
	primaries, secondaries []string
	cmeTeam                int
	// Per person: how often they miss school (a share of sessions), and
	// whether a social worker was involved with them in the two years.
	absence []float64
	social  []bool
	roll    map[int]education.Record // the child's roll record, where buildEducation made one
	upnNext map[[2]int]int           // by (school code, year): the next serial
}

// buildSchooling makes the two years' schooling, and names the CME team
// and the Virtual School, with a few officers of their own.
func (g *gen) buildSchooling(r *rand.Rand, primaries, secondaries []string) {
	c := g.city
	if len(c.People) == 0 {
		return // a register of schools alone (as a test of URNs makes)
	}
	s := &schooling{g: g, r: r, primaries: primaries, secondaries: secondaries,
		absence: make([]float64, len(c.People)), social: make([]bool, len(c.People)),
		roll: map[int]education.Record{}, upnNext: map[[2]int]int{}}
	s.namedTeams()
	yearsFrom, yearsTo := SchoolTerms[0].From, SchoolTerms[len(SchoolTerms)-1].To
	for _, inv := range c.Involvements {
		switch inv.Kind {
		case KindChildInNeed, KindChildProtection, KindLookedAfter:
			if !inv.StartDate.After(yearsTo) && (inv.EndDate.IsZero() || !inv.EndDate.Before(yearsFrom)) {
				s.social[inv.Person] = true
			}
		}
	}
	for _, e := range c.Education {
		if e.Kind == education.KindRoll {
			s.roll[int(e.PersonID)] = e.Record
		}
	}
	for i := range c.People {
		// Most pupils miss a few sessions in a hundred; a long tail miss
		// many. Children with a social worker miss about twice as many.
		a := 0.022 + r.ExpFloat64()*0.048
		if s.social[i] {
			a *= 1.9
		}
		s.absence[i] = min(a, 0.7)
	}
	for y, year := range []int{2021, 2022} {
		if SchoolTerms[3*y].From.After(g.today) {
			break
		}
		ehe := s.homeEducation(year)
		s.missingEducation(year)
		pupils := s.attendance(year, ehe)
		s.inclusion(year, pupils)
	}
}

// namedTeams adds the CME officers' team and the Virtual School, each with
// a manager and two officers, from the education stream so that the rest
// of the city is as it was.
func (s *schooling) namedTeams() {
	g, c := s.g, s.g.city
	edu := slices.IndexFunc(c.Services, func(v access.Service) bool { return v.Name == "Education Inclusion" })
	cic := slices.IndexFunc(c.Services, func(v access.Service) bool { return v.Name == "Children in Care and Care Leavers" })
	c.Teams = append(c.Teams, Team{Name: "Children Missing Education", Service: edu, CME: true},
		Team{Name: "Virtual School", Service: cic, VirtualSchool: true})
	s.cmeTeam = len(c.Teams) - 2
	taken := map[string]bool{}
	for _, w := range c.Workers {
		taken[w.Username] = true
	}
	main := g.r
	g.r = s.r
	for _, t := range []int{s.cmeTeam, s.cmeTeam + 1} {
		g.addWorker(t, []access.Role{access.TeamManager}, taken)
		for range 2 * g.scale {
			g.addWorker(t, []access.Role{access.Education}, taken)
		}
	}
	g.r = main
}

// yearGroup is the pupil's year group in the school year starting in
// September of year: 0 for reception, 11 for year 11.
func yearGroup(dob civil.Date, year int) int {
	entry := dob.Year + 4
	if dob.Month >= time.September {
		entry++
	}
	return year - entry
}

// schoolOf is the pupil's school in the year: their roll's school once
// they joined it, otherwise a primary or secondary of their household (so
// brothers and sisters share one).
func (s *schooling) schoolOf(i, year, yg int) string {
	if r, ok := s.roll[i]; ok && r.Start.Year <= year {
		return r.Roll.School
	}
	h := i
	if i < len(s.g.hhOf) && s.g.hhOf[i] >= 0 {
		h = s.g.hhOf[i]
	}
	if yg < 7 {
		return s.primaries[(h*7919)%len(s.primaries)]
	}
	return s.secondaries[(h*104729)%len(s.secondaries)]
}

// upnOf gives a pupil of the two years who has no UPN (a young adult now)
// the one they had at school: the council's code, a school code of 6000
// and over (none of buildIdentifiers'), their year of entry and a serial.
func (s *schooling) upnOf(i int, dob civil.Date) {
	p := &s.g.city.People[i]
	if p.Identifiers.UPN != "" {
		return
	}
	entry := -yearGroup(dob, 0) // the year they entered reception
	for school := 6000 + i%500; ; school += 500 {
		key := [2]int{school, entry}
		n := s.upnNext[key]
		if n >= 1000 {
			continue
		}
		s.upnNext[key] = n + 1
		rest := fmt.Sprintf("%s%04d%02d%03d", laCode, school, entry%100, n)
		letter, _ := people.UPNCheckLetter(rest)
		p.Identifiers.UPN = string(letter) + rest
		return
	}
}

// schoolDay is a weekday that is not a bank holiday, from lo to hi, at
// random (lo when there is none).
func (s *schooling) schoolDay(lo, hi civil.Date) civil.Date {
	span := hi.DaysSince(lo)
	for range 20 {
		d := lo.AddDays(s.r.IntN(span + 1))
		if calendar.IsWorkingDay(d) {
			return d
		}
	}
	return lo
}

// childAged picks a child of the city who is in year groups lo to hi in
// the school year, alive and with a known birth date, and not in want.
func (s *schooling) childAged(year, lo, hi int, want func(int) bool) int {
	c := s.g.city
	for {
		i := s.r.IntN(len(c.People))
		p := c.People[i]
		if p.DateOfBirth.IsZero() || !p.DateOfDeath.IsZero() || p.Restricted {
			continue
		}
		if yg := yearGroup(p.DateOfBirth, year); yg >= lo && yg <= hi && (want == nil || want(i)) {
			return i
		}
	}
}

// add appends an education record, its person an index of People.
func (s *schooling) add(i int, team int, r education.Record) {
	r.PersonID, r.TeamID = people.ID(i), access.TeamID(team)
	s.g.city.Education = append(s.g.city.Education, Education{education.Normalise(r)})
}

// homeEducation makes the year's register of home education: enough
// records open on 31 March to reach the seed's 529 (with the children
// already home educated today counted), and returns who was home educated
// at some time in the year.
func (s *schooling) homeEducation(year int) map[int]bool {
	g, c := s.g, s.g.city
	census := civil.MustNew(year+1, time.March, 31)
	yearFrom, yearTo := civil.MustNew(year, time.September, 1), civil.MustNew(year+1, time.August, 31)
	if year == 2021 {
		// Today's register (the involvements the cases made) is on the
		// register of home education too: its records carry no team,
		// since the involvement is already made.
		for _, inv := range c.Involvements {
			if inv.Kind == KindEducation && inv.Journey == 0 && inv.Team == g.teams.education && inv.EndDate.IsZero() {
				s.add(inv.Person, -1, education.Record{Kind: education.KindEHE, EHE: s.eheDetail(inv.StartDate, civil.Date{})})
			}
		}
	}
	in := map[int]bool{}
	open := 0
	for _, e := range c.Education {
		if e.Kind != education.KindEHE {
			continue
		}
		if !e.Start.After(yearTo) && (e.End.IsZero() || !e.End.Before(yearFrom)) {
			in[int(e.PersonID)] = true
		}
		if e.OpenOn(census) {
			open++
		}
	}
	if census.After(g.today) {
		return in
	}
	for n := targetEHEMarch2023*g.scale - open; n > 0; n-- {
		i := s.childAged(year, 1, 10, func(i int) bool { return !in[i] })
		from := s.schoolDay(census.AddDays(-3*365), census.AddDays(-7))
		ended := s.schoolDay(census.AddDays(30), census.AddDays(600))
		if ended.After(g.today) {
			ended = g.today.AddDays(-1)
		}
		in[i] = true
		s.add(i, g.teams.education, education.Record{Kind: education.KindEHE, EHE: s.eheDetail(from, ended)})
	}
	return in
}

// eheDetail is a home education from a day (to a day, or open): the
// meeting offered, and a contact a year, which reaches over nine in ten
// families.
func (s *schooling) eheDetail(from, ended civil.Date) *education.EHE {
	e := &education.EHE{From: from, MeetingOffered: from}
	if s.r.Float64() < 0.6 {
		e.School = s.secondaries[s.r.IntN(len(s.secondaries))]
	}
	last := ended
	if last.IsZero() {
		last = s.g.today
	}
	for d := from.AddDays(20 + s.r.IntN(60)); !d.After(last); d = calendar.AddMonths(d, 11).AddDays(s.r.IntN(20)) {
		out := "suitable"
		switch x := s.r.Float64(); {
		case x < 0.04:
			out = "concerns"
		case x < 0.07:
			out = "declined"
		}
		e.Contacts = append(e.Contacts, education.EHEContact{On: d, Outcome: out})
	}
	if !ended.IsZero() {
		e.Ended = ended
		e.EndReason = []string{"school", "school", "school", "moved", "other"}[s.r.IntN(5)]
	}
	return e
}

// missingEducation makes the year's enquiries about children missing
// education: the seed's 499 from schools and 499 from others from
// September to March, and the rest of the year at the same pace.
func (s *schooling) missingEducation(year int) {
	g := s.g
	start := civil.MustNew(year, time.September, 1)
	spans := []struct {
		from, to civil.Date
		each     int
	}{
		{start, civil.MustNew(year+1, time.March, 31), targetCMEEach},
		{civil.MustNew(year+1, time.April, 1), civil.MustNew(year+1, time.July, 31), targetCMEEach * 4 / 7},
	}
	for k, sp := range spans {
		if sp.to.After(g.today) {
			continue
		}
		n := sp.each * g.scale
		found := 0
		if k == 0 {
			found = targetCMEFound * g.scale
		} else {
			found = targetCMEFound * g.scale * 4 / 7
		}
		// Which enquiries found the child: found of the 2n, in a random
		// order.
		outcomes := make([]string, 2*n)
		for j := range outcomes {
			switch {
			case j < found:
				outcomes[j] = []string{"on_roll", "on_roll", "other_la", "abroad"}[s.r.IntN(4)]
			case j < found+2*n/25:
				outcomes[j] = "lost"
			case j < found+2*n/25+2*n/20:
				outcomes[j] = "ehe"
			default:
				outcomes[j] = "not_cme"
			}
		}
		s.r.Shuffle(len(outcomes), func(a, b int) { outcomes[a], outcomes[b] = outcomes[b], outcomes[a] })
		for j, out := range outcomes {
			src := education.CMEFromSchool
			if j%2 == 1 {
				src = education.CMEFromElsewhere
			}
			s.cme(year, sp.from, sp.to, src, out)
		}
	}
}

// cme makes one enquiry received from lo to hi, with its outcome.
func (s *schooling) cme(year int, lo, hi civil.Date, source, outcome string) {
	i := s.childAged(year, 1, 11, nil)
	got := s.schoolDay(lo, hi)
	e := &education.CMEEnquiry{Received: got, Source: source, Outcome: outcome}
	if source == education.CMEFromSchool {
		e.Referrer = "Attendance officer, " + s.schoolOf(i, year, yearGroup(s.g.city.People[i].DateOfBirth, year))
	} else {
		e.Referrer = []string{"Health visitor", "School nurse", "Housing officer", "Neighbour", "Police", "Another local authority"}[s.r.IntN(6)]
	}
	d := got
	for _, step := range []string{"family", "schools", "home_visit", "agencies", "s2s"} {
		d = d.AddDays(1 + s.r.IntN(6))
		e.Steps = append(e.Steps, education.CMEStep{On: d, Step: step})
		if outcome != "lost" && s.r.Float64() < 0.4 {
			break
		}
	}
	closed := d.AddDays(1 + s.r.IntN(14))
	if outcome == "lost" {
		closed = education.TrackedUntil(*e).AddDays(s.r.IntN(20))
	}
	if closed.After(s.g.today) {
		e.Outcome = ""
	} else {
		e.Closed = closed
		e.RiskAssessment = "No immediate risk known; the officer's checks are recorded in the steps."
		if outcome == "lost" {
			e.RiskAssessment = "Whereabouts unknown after 3 months of enquiries; added to the lost pupils database and shared with the police and social care."
		}
	}
	s.add(i, s.cmeTeam, education.Record{Kind: education.KindCME, CME: e})
}

// attendance makes every pupil's three terms of the year: each child of
// the city in reception to year 11 who was not home educated, at their
// school. It returns the year's pupils.
func (s *schooling) attendance(year int, ehe map[int]bool) []int {
	c := s.g.city
	var pupils []int
	for i, p := range c.People {
		if p.DateOfBirth.IsZero() || ehe[i] {
			continue
		}
		yg := yearGroup(p.DateOfBirth, year)
		if yg < 0 || yg > 11 || !p.DateOfDeath.IsZero() && p.DateOfDeath.Before(civil.MustNew(year+1, time.August, 1)) {
			continue
		}
		s.upnOf(i, p.DateOfBirth)
		pupils = append(pupils, i)
		urn := s.schoolOf(i, year, yg)
		for t := 3 * (year - 2021); t < 3*(year-2021)+3; t++ {
			term := SchoolTerms[t]
			if term.To.After(s.g.today) {
				continue
			}
			rate := s.absence[i] * (0.55 + 0.9*s.r.Float64())
			if t%3 == 0 && year == 2021 {
				rate *= 1.1 // the winter of 2021: illness
			}
			absent := min(int(rate*float64(term.Sessions)+s.r.Float64()), term.Sessions)
			var pt PupilTerm
			pt.Person, pt.Term, pt.URN = i, t, urn
			// Absence by reason: illness most, unauthorised more for those
			// who miss most.
			unauth := 0.15 + min(rate, 0.5)
			for range absent {
				x := s.r.Float64()
				switch {
				case x < unauth*0.6:
					pt.Sessions[codeUnauthorised]++
				case x < unauth*0.8:
					pt.Sessions[codeNoReason]++
				case x < unauth:
					pt.Sessions[codeHoliday]++
				case x < unauth+0.1:
					pt.Sessions[codeMedical]++
				default:
					pt.Sessions[codeIllness]++
				}
			}
			present := term.Sessions - absent
			late := min(present, s.r.IntN(4))
			pt.Sessions[codePresent] = uint16(present - late)
			pt.Sessions[codeLate] = uint16(late)
			c.Attendance = append(c.Attendance, pt)
		}
	}
	return pupils
}

// inclusion makes the year's suspensions (more in secondary schools, and
// for pupils who miss most), counted in their term's attendance as
// excluded sessions, and its referrals to the inclusion panel, whose
// pre-exclusion meetings end in the seed's few permanent exclusions.
func (s *schooling) inclusion(year int, pupils []int) {
	g, c := s.g, s.g.city
	first := 3 * (year - 2021)
	// Where each pupil's terms are in Attendance, to count exclusions in.
	at := map[[2]int]int{}
	for k := len(c.Attendance) - 1; k >= 0 && c.Attendance[k].Term >= first; k-- {
		at[[2]int{c.Attendance[k].Person, c.Attendance[k].Term}] = k
	}
	weight := func(i int) float64 {
		w := 0.3
		if yearGroup(c.People[i].DateOfBirth, year) >= 7 {
			w = 3
		}
		if s.social[i] {
			w *= 3
		}
		return w * s.absence[i] / 0.07
	}
	var total float64
	for _, i := range pupils {
		total += weight(i)
	}
	want := suspensionsPer100 * float64(len(pupils)) / 100
	for _, i := range pupils {
		for t := first; t < first+3; t++ {
			k, ok := at[[2]int{i, t}]
			if !ok || s.r.Float64() >= want*weight(i)/total/3 {
				continue
			}
			pt := &c.Attendance[k]
			term := SchoolTerms[t]
			n := 1 + s.r.IntN(3)
			if s.r.Float64() < 0.2 {
				n = 4 + s.r.IntN(7)
			}
			sessions := min(2*n, int(pt.Sessions[codePresent]))
			if sessions < 2 {
				continue
			}
			day := s.schoolDay(term.From, term.To)
			pt.Sessions[codePresent] -= uint16(sessions)
			pt.Sessions[codeExcluded] += uint16(sessions)
			s.add(i, -1, education.Record{Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: pt.URN,
				Exclusion: education.Exclusion{Category: education.Suspension, Start: day, Sessions: sessions, NotifiedOn: day,
					Reasons: []string{s.suspensionReason()}}}})
		}
	}

	// The inclusion panel: referrals from September to April at the
	// seed's number, and May to July at the same pace.
	secondary := make([]int, 0, len(pupils))
	for _, i := range pupils {
		if yg := yearGroup(c.People[i].DateOfBirth, year); yg >= 5 {
			secondary = append(secondary, i)
		}
	}
	referred := map[int]bool{}
	spans := []struct {
		from, to       civil.Date
		n, meet, perms int
	}{
		{civil.MustNew(year, time.September, 5), civil.MustNew(year+1, time.April, 30), targetISAPP, targetPreExclusion, targetISAPPPerm},
		{civil.MustNew(year+1, time.May, 2), civil.MustNew(year+1, time.July, 14), targetISAPP * 3 / 8, targetPreExclusion * 3 / 8, 1},
	}
	for _, sp := range spans {
		if sp.to.AddDays(60).After(g.today) {
			continue
		}
		for j := range sp.n * g.scale {
			var i int
			for {
				i = secondary[s.r.IntN(len(secondary))]
				if !referred[i] && s.r.Float64() < weight(i)/12 {
					break
				}
			}
			referred[i] = true
			yg := yearGroup(c.People[i].DateOfBirth, year)
			q := &education.ISAPPReferral{Received: s.schoolDay(sp.from, sp.to), School: s.schoolOf(i, year, yg),
				Reason: []string{"Persistent disruptive behaviour", "Low attendance and disengagement", "Risk of exclusion after an assault", "Emotional wellbeing and anxiety"}[s.r.IntN(4)]}
			q.Panel = s.schoolDay(q.Received.AddDays(5), q.Received.AddDays(20))
			switch {
			case j < sp.meet*g.scale:
				q.Decision = "pre_exclusion"
				q.PreExclusion = s.schoolDay(q.Panel.AddDays(2), q.Panel.AddDays(12))
				q.Result = []string{"stayed", "stayed", "managed_move", "alternative_provision"}[s.r.IntN(4)]
				if j < sp.perms*g.scale {
					q.Result = "permanent_exclusion"
				}
			default:
				q.Decision = []string{"in_school", "outreach", "preventative", "managed_move", "not_accepted"}[s.r.IntN(5)]
			}
			s.add(i, g.teams.education, education.Record{Kind: education.KindISAPP, ISAPP: q})
			if q.Result == "permanent_exclusion" {
				day := s.schoolDay(q.PreExclusion.AddDays(1), q.PreExclusion.AddDays(15))
				s.add(i, -1, education.Record{Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: q.School,
					Exclusion: education.Exclusion{Category: education.Permanent, Start: day, NotifiedOn: day, Reasons: []string{s.suspensionReason()}}}})
			}
		}
	}
}

// suspensionReason picks a reason, persistent disruption the most common
// as in England's figures.
func (s *schooling) suspensionReason() string {
	return s.g.pickWith(s.r, []weighted{{"DB", 48}, {"VA", 14}, {"PP", 12}, {"PA", 6}, {"VP", 7}, {"DA", 3}, {"DM", 3}, {"OW", 2}, {"BU", 2}, {"RA", 1}, {"SM", 1}, {"TH", 1}})
}

// pickWith picks a code by weight from r.
func (g *gen) pickWith(r *rand.Rand, list []weighted) string {
	total := 0.0
	for _, x := range list {
		total += x.w
	}
	v := r.Float64() * total
	for _, x := range list {
		if v < x.w {
			return x.code
		}
		v -= x.w
	}
	return list[len(list)-1].code
}
