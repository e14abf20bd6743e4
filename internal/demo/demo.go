// Package demo builds Demo City: a synthetic local authority whose children,
// families, teams, workers and caseloads look like the ones the seed
// documents describe (63,051 children; about 387 contacts a month; about 501
// children in care, 230 on child protection plans, 718 on child in need plans
// and 1,380 in early help), so that every page, list and indicator has
// realistic data the first time Hearth runs.
//
// The front door, early help and social work are eight years of children's
// journeys (City.Journeys, journey records): contacts and their decisions;
// early help episodes; referrals, each with its assessment, allocations to
// workers, strategy discussions, Section 47 enquiries, initial conferences,
// child protection plans and their reviews, child in need plans, visits,
// family network meetings and its closure. They are simulated family by
// family at a steady state (journeys.go), with the flows tuned so that the
// city's figures on 31 March 2023 and on the day it is generated are the
// seed's: referrals, re-referrals, children in assessment, on plans and in
// early help, Section 47 enquiries and conferences (City.JourneyFigures).
// The contact, early help and child in need involvements are the ones those
// records give (journey.Involvement); children in care, care leavers and
// education are involvements made directly. Children in care and care
// leavers have journey records too (care.go): their episodes of care, reviews,
// health, education plans, missing episodes, adoptions and leaving care,
// held to the seed's figures on 31 March 2023 (City.CareFigures).
//
// Every person in it is invented. Names come from lists of common given and
// family names; NHS numbers come from the range the NHS keeps for testing
// (they start 999), so that none can belong to a real patient.
//
// Generate is pure and deterministic: the same seed, scale and date give the
// same city, value for value. Load writes a city into an empty store.
package demo

import (
	"hearth/internal/education"
	"math"
	"math/rand/v2"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/programme"
)

// DemoPassword is the password of every demo account. It is published in the
// documentation and printed by Load, so a store holding Demo City must never
// hold real records.
const DemoPassword = "demo-password-2026"

// ChildrenAtScale1 is the number of children under 18 Demo City has at scale
// 1: the seed's 2023 population of children.
const ChildrenAtScale1 = 63051

// Open caseloads at scale 1 on the day the city is generated, from the seed's
// figures at 31 March 2023.
const (
	targetLookedAfter     = 501  // children in care
	targetUASC            = 33   // of them, unaccompanied asylum-seeking children
	targetChildProtection = 230  // children on a child protection plan
	targetChildInNeed     = 718  // children on a child in need plan
	targetEarlyHelp       = 1380 // children supported by early help
	targetEarlyHelpDual   = 180  // of them, also open to statutory social work
	targetCareLeavers     = 290  // care leavers aged 18 to 21 with an open involvement
	targetContactsMonth   = 387  // contacts a month at the front door
	targetHomeEducated    = 529  // children registered as electively home educated
	caseloadPerWorker     = 17.5 // children allocated to one practitioner
	historyYears          = 8    // years of contacts and closed work behind today
)

// Involvement kinds, as access names them.
const (
	KindContact         = access.KindContact
	KindEarlyHelp       = access.KindEarlyHelp
	KindChildInNeed     = access.KindChildInNeed
	KindChildProtection = access.KindChildProtection
	KindLookedAfter     = access.KindLookedAfter
	KindCareLeaver      = access.KindCareLeaver
	KindEducation       = access.KindEducation
)

// City is a generated Demo City. Its records hold no ids: Team.Service,
// Worker.Team, the From and To of each relationship, and the Person, Team and
// Worker of each involvement are indexes into the city's own slices, which
// Load maps to the ids the store gives.
type City struct {
	Seed  int64
	Scale int
	Today civil.Date

	Services      []access.Service      // names only
	Teams         []Team                // each in one of Services
	Workers       []Worker              // practitioners, managers and the demo accounts
	People        []people.Person       // IDs zero
	Relationships []people.Relationship // From and To index People
	Involvements  []Involvement
	Journeys      []Journey          // the journey records, in the order they were made
	Households    []care.Household   // the register of foster households; IDs zero (see HouseholdIDs)
	Programme     programme.Records  `json:",omitzero"` // the transformation programme (see Programme)
	Schools       []education.School // the register of schools
	Education     []Education        // the education records (buildEducation)
	Attendance    []PupilTerm        // every pupil's terms (buildSchooling), by year, pupil and term
}

// Team is a team of the city, in the service with index Service.
type Team struct {
	Name    string
	Service int
	// Hub marks the Partnership Missing and Exploitation Hub: Load names
	// it as the team whose members open the daily briefing.
	Hub bool
	// CME and VirtualSchool mark the children missing education officers
	// and the Virtual School: Load names them as the council's.
	CME, VirtualSchool bool
}

// Worker is a user of the city: a practitioner or manager in a team, or one
// of the demo accounts (one a role) that Load prints.
type Worker struct {
	Username    string
	DisplayName string
	Roles       []access.Role
	Team        int  // index into Teams, -1 for none
	Demo        bool // one of the published demo accounts
}

// Involvement is a team's work with a person over a period. Person, Team and
// Worker index the city's slices; Worker is -1 when no worker is allocated.
// EndDate is zero while the involvement is open.
type Involvement struct {
	Person    int
	Kind      string
	Team      int
	Worker    int
	StartDate civil.Date
	EndDate   civil.Date
	// Journey is the provisional id of the journey record the involvement
	// comes from (see journey.Involvement), 0 for one made directly.
	Journey int `json:",omitempty"`
}

// Open reports whether the involvement is open on d.
func (inv Involvement) Open(d civil.Date) bool {
	return !inv.StartDate.After(d) && (inv.EndDate.IsZero() || !inv.EndDate.Before(d))
}

// Generate builds Demo City for a seed, at a scale (1 gives the seed's own
// numbers; N multiplies the population, caseloads and workforce by N), with
// today as the date the caseloads are open on. A scale below 1 is taken as 1
// and a zero date as 31 March 2023, the date of the seed's figures.
func Generate(seed int64, scale int, today civil.Date) *City {
	if scale < 1 {
		scale = 1
	}
	if today.IsZero() {
		today = civil.MustNew(2023, time.March, 31)
	}
	g := newGen(seed, scale, today)
	g.buildServices()
	g.buildPlaces()
	g.buildPopulation()
	g.buildCaseloads()
	g.buildCare()
	g.buildIdentifiers()
	g.buildEducation()
	// Last, as it draws nothing and nothing above reads what it moves.
	conferencesOnWorkingDays(g.city)
	g.city.Households = Households(seed, scale, today)
	g.city.Programme = Programme(today)
	return g.city
}

// gen holds the state of one generation.
type gen struct {
	r     *rand.Rand
	city  *City
	scale int
	today civil.Date

	origins           map[string]*origin // by key; looked up, never ranged over
	backgroundWeights []float64          // origins then mixes
	wardWeights       [2][]float64       // for White British, then for minority ethnic households
	wards             []ward
	streets           [][]street // by ward
	homes             []place    // children's homes and supported lodgings
	postUsed          map[string]bool

	households []household
	// Per person: their household, and whether they are known to the
	// service (have an involvement, and so an LA child id).
	hhOf  []int
	known []bool

	teams       teamIndex
	teamWorkers [][]int // by team: its practitioners, by index into Workers
	slots       []slot  // the journeys' pieces of work, for naming workers
	// Children in care today placed away from home, by person: the
	// placement's address, from the day they came to live there. It goes
	// on their episodes of care, never on their person record (place).
	placedAway map[int]people.Address
}

func newGen(seed int64, scale int, today civil.Date) *gen {
	s := uint64(seed)
	g := &gen{
		r:        rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)),
		city:     &City{Seed: seed, Scale: scale, Today: today},
		scale:    scale,
		today:    today,
		origins:  make(map[string]*origin, len(origins)),
		postUsed: make(map[string]bool),
	}
	for i := range origins {
		g.origins[origins[i].key] = &origins[i]
		g.backgroundWeights = append(g.backgroundWeights, origins[i].weight)
	}
	for _, m := range mixes {
		g.backgroundWeights = append(g.backgroundWeights, m.weight)
	}
	for _, w := range wards {
		g.wardWeights[0] = append(g.wardWeights[0], w.children*(2.3-w.diversity))
		g.wardWeights[1] = append(g.wardWeights[1], w.children*w.diversity)
	}
	return g
}

// chance reports true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a whole number from lo to hi inclusive.
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// pickW picks a code by weight.
func (g *gen) pickW(list []weighted) string {
	total := 0.0
	for _, x := range list {
		total += x.w
	}
	v := g.r.Float64() * total
	for _, x := range list {
		if v < x.w {
			return x.code
		}
		v -= x.w
	}
	return list[len(list)-1].code
}

// pickIndex picks an index by weight.
func (g *gen) pickIndex(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	v := g.r.Float64() * total
	for i, x := range w {
		if v < x {
			return i
		}
		v -= x
	}
	return len(w) - 1
}

// poisson draws from a Poisson distribution with mean lambda (small lambdas;
// larger ones are split into parts).
func (g *gen) poisson(lambda float64) int {
	n := 0
	for lambda > 30 {
		n += g.poisson(30)
		lambda -= 30
	}
	l := math.Exp(-lambda)
	k, p := 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return n + k
		}
		k++
	}
}

// daysAgo returns the date n days before today.
func (g *gen) daysAgo(n int) civil.Date { return g.today.AddDays(-n) }

// yearsBefore returns d moved back by whole years (29 February becomes 28).
func yearsBefore(d civil.Date, years int) civil.Date {
	y := civil.Date{Year: d.Year - years, Month: d.Month, Day: d.Day}
	if !y.Valid() {
		y.Day = 28
	}
	return y
}

// birthday returns the date a person born on dob turns age.
func birthday(dob civil.Date, age int) civil.Date {
	d := civil.Date{Year: dob.Year + age, Month: dob.Month, Day: dob.Day}
	if !d.Valid() {
		d = civil.Date{Year: d.Year, Month: time.March, Day: 1}
	}
	return d
}

func maxDate(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
}

func minDate(a, b civil.Date) civil.Date {
	if a.Before(b) {
		return a
	}
	return b
}
