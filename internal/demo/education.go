package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Demo City's education: a register of schools of a city's size, and the
// children with an EHC plan (the seed: about 2,778), each with their school
// roll, the request for an EHC needs assessment that led to the plan, and
// the plan with its annual reviews.

// targetEHCPlans is the number of children with an EHC plan maintained by
// the council (scale 1).
const targetEHCPlans = 2778

// Education is one education record of the city; its PersonID indexes
// People, TeamID Teams (-1 for none), and WorkerID is 0 (none).
type Education struct {
	education.Record
}

// senNeeds are the primary needs of plans, with their weights, in the
// rough shares of England's plans (SEN2): autism and speech, language and
// communication the largest.
var senNeeds = []struct {
	code   string
	weight float64
}{
	{"ASD", 30}, {"SLCN", 21}, {"SEMH", 14}, {"MLD", 9}, {"SLD", 8}, {"SPLD", 4},
	{"PD", 4}, {"PMLD", 2}, {"HI", 2}, {"VI", 1}, {"MSI", 0.5}, {"OTH", 4.5},
}

// buildEducation makes the register and the plans. It draws from a random
// stream of its own, so that the rest of the city is what it was before
// education was added.
func (g *gen) buildEducation() {
	s := uint64(g.city.Seed)
	r := rand.New(rand.NewPCG(s^0x5eed_ed0c, s+0x2778))
	c := g.city
	type kind struct {
		phase, typ, suffix string
		n                  int
		lo, hi             int // ages taught
	}
	kinds := []kind{
		{"Primary", "Community school", "Primary School", 50 * g.scale, 4, 11},
		{"Primary", "Academy converter", "Primary Academy", 25 * g.scale, 4, 11},
		{"Secondary", "Academy converter", "Academy", 14 * g.scale, 11, 18},
		{"Secondary", "Community school", "High School", 6 * g.scale, 11, 18},
		{"Not applicable", "Community special school", "Special School", 6 * g.scale, 3, 19},
		{"Not applicable", "Pupil referral unit", "Pupil Referral Unit", 2 * g.scale, 5, 16},
	}
	var primaries, secondaries, specials []string
	urn := 103000
	for ki, k := range kinds {
		for i := range k.n {
			w := wards[(i+ki*7)%len(wards)]
			name := w.name
			if w.locality != "" && i%2 == 1 {
				name = w.locality
			}
			if i >= len(wards) {
				name = fmt.Sprintf("%s %s", name, []string{"St Mary's", "Oak", "Holy Trinity", "Meadow", "Brook", "Castle"}[(i/len(wards))%6])
			}
			if k.typ == "Academy converter" {
				urn = 136000 + len(c.Schools)
			} else {
				urn = 103000 + len(c.Schools)
				if urn >= 103990 {
					urn += 2 // past the two closed schools' URNs, which a larger city reaches
				}
			}
			sc := education.School{
				URN: fmt.Sprint(urn), Name: name + " " + k.suffix, LACode: laCode, LAName: "Demo City",
				EstablishmentNumber: fmt.Sprintf("%d", 2000+len(c.Schools)), Type: k.typ, Status: "Open", Phase: k.phase,
				Opened: civil.MustNew(1970+r.IntN(40), time.September, 1), LowAge: k.lo, HighAge: k.hi,
				Postcode: w.districts[0] + " " + fmt.Sprintf("%d%c%c", 1+r.IntN(9), 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26))),
			}
			c.Schools = append(c.Schools, sc)
			switch {
			case k.typ == "Community special school":
				specials = append(specials, sc.URN)
			case k.phase == "Primary":
				primaries = append(primaries, sc.URN)
			case k.phase == "Secondary":
				secondaries = append(secondaries, sc.URN)
			}
		}
	}
	// Two schools that closed, so that the register has its history.
	c.Schools = append(c.Schools,
		education.School{URN: "103990", Name: "Old Mill Primary School", LACode: laCode, LAName: "Demo City", Type: "Community school", Status: "Closed",
			Phase: "Primary", Opened: civil.MustNew(1968, time.September, 1), Closed: civil.MustNew(2014, time.August, 31)},
		education.School{URN: "103991", Name: "Canal Side High School", LACode: laCode, LAName: "Demo City", Type: "Community school", Status: "Closed",
			Phase: "Secondary", Opened: civil.MustNew(1972, time.September, 1), Closed: civil.MustNew(2016, time.August, 31)})

	// The children with a plan: of an age for one, chosen at random.
	var eligible []int
	for i, p := range c.People {
		if age := p.DateOfBirth.AgeOn(g.today); !p.DateOfBirth.IsZero() && age >= 3 && age <= 17 && p.DateOfDeath.IsZero() {
			eligible = append(eligible, i)
		}
	}
	r.Shuffle(len(eligible), func(a, b int) { eligible[a], eligible[b] = eligible[b], eligible[a] })
	n := min(targetEHCPlans*g.scale, len(eligible))
	var total float64
	for _, pn := range senNeeds {
		total += pn.weight
	}
	need := func() string {
		x := r.Float64() * total
		for _, pn := range senNeeds {
			if x < pn.weight {
				return pn.code
			}
			x -= pn.weight
		}
		return "OTH"
	}
	for _, i := range eligible[:n] {
		dob := c.People[i].DateOfBirth
		age := dob.AgeOn(g.today)
		// The school: a special school for about a quarter, otherwise the
		// child's phase.
		var school string
		var joined civil.Date
		entry := dob.Year + 4
		if dob.Month >= time.September {
			entry++
		}
		switch {
		case age < 4:
		case r.Float64() < 0.27:
			school, joined = specials[r.IntN(len(specials))], civil.MustNew(entry+r.IntN(max(1, age-3)), time.September, 4)
		case age < 11:
			school, joined = primaries[r.IntN(len(primaries))], civil.MustNew(entry, time.September, 4)
		default:
			school, joined = secondaries[r.IntN(len(secondaries))], civil.MustNew(entry+7, time.September, 4)
		}
		if joined.After(g.today) {
			joined = civil.MustNew(g.today.Year-1, time.September, 4)
		}
		if school != "" {
			c.Education = append(c.Education, Education{education.Record{PersonID: people.ID(i), Kind: education.KindRoll,
				Start: joined, TeamID: -1, Roll: &education.Roll{School: school}}})
		}
		// The plan was issued some time after the child turned 2, and at
		// least a month before today.
		earliest := dob.AddDays(2 * 365)
		span := g.today.AddDays(-30).DaysSince(earliest)
		if span < 1 {
			span = 1
		}
		issued := earliest.AddDays(r.IntN(span))
		// The request: 20 weeks before the plan for about half, longer for
		// the rest, as councils' timeliness goes; the steps in order.
		weeks := 14 + r.IntN(7)
		if r.Float64() < 0.45 {
			weeks = 21 + r.IntN(14)
		}
		received := issued.AddDays(-7 * weeks)
		req := education.EHCRequest{
			Received: received, RequestOutcome: "Y", RequestDecided: received.AddDays(7 * (4 + r.IntN(3))),
			AssessmentOutcome: "Y", AssessmentDecided: issued.AddDays(-7 * (4 + r.IntN(2))),
			DraftIssued: issued.AddDays(-7 * (3 + r.IntN(1))), FinalIssued: issued,
		}
		if !req.AssessmentDecided.After(req.RequestDecided) {
			req.AssessmentDecided = req.RequestDecided.AddDays(1)
		}
		if !req.DraftIssued.After(req.AssessmentDecided) {
			req.DraftIssued = req.AssessmentDecided.AddDays(1)
		}
		if issued.DaysSince(req.DraftIssued) < 15 {
			req.DraftIssued = issued.AddDays(-15)
			if !req.DraftIssued.After(req.AssessmentDecided) {
				req.AssessmentDecided = req.DraftIssued.AddDays(-1)
			}
		}
		c.Education = append(c.Education, Education{education.Normalise(education.Record{PersonID: people.ID(i), Kind: education.KindEHCRequest,
			TeamID: access.TeamID(g.teams.education), EHCRequest: &req})})
		plan := education.EHCPlan{Issued: issued, Needs: []education.Need{{Type: need(), Rank: 1}}, SettingURN: school}
		if school == "" {
			plan.SettingType = "EYP"
		}
		if r.Float64() < 0.4 {
			if second := need(); second != plan.Needs[0].Type {
				plan.Needs = append(plan.Needs, education.Need{Type: second, Rank: 2})
			}
		}
		for m := issued.AddDays(365 - r.IntN(30)); m.Before(g.today.AddDays(-28)); m = m.AddDays(365 - r.IntN(20)) {
			plan.Reviews = append(plan.Reviews, education.PlanReview{Meeting: m, Decided: m.AddDays(7 + r.IntN(21)), Decision: "maintain"})
		}
		c.Education = append(c.Education, Education{education.Normalise(education.Record{PersonID: people.ID(i), Kind: education.KindEHCPlan,
			TeamID: access.TeamID(g.teams.education), EHCPlan: &plan})})
	}
	g.buildSchooling(r, primaries, secondaries)
}

// loadEducation writes the register of schools and the city's education
// records, their indexes turned into the ids the store gave.
func loadEducation(ctx context.Context, st store.Store, city *City, ids []people.ID, teamIDs []access.TeamID, change store.Change) (int, error) {
	if len(city.Schools) > 0 {
		if _, err := st.ImportSchools(ctx, city.Schools, change.At); err != nil {
			return 0, fmt.Errorf("demo: importing schools: %w", err)
		}
	}
	rs := make([]education.Record, len(city.Education))
	for i, e := range city.Education {
		r := e.Record
		r.PersonID = ids[r.PersonID]
		if r.TeamID >= 0 {
			r.TeamID = teamIDs[r.TeamID]
		} else {
			r.TeamID = 0
		}
		rs[i] = r
	}
	if err := st.ImportEducation(ctx, rs, change); err != nil {
		return 0, fmt.Errorf("demo: importing education records: %w", err)
	}
	return len(rs), nil
}
