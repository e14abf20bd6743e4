package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/store"
)

// The city's register of foster households.
//
// The seed has 378 children in foster care on 31 March 2023, 78 of them
// with family and friends, and 89 more placed in-house than with agencies:
// about 234 with the council's own carers (78 with family and friends and
// 156 with mainstream carers) and 144 with agencies. The register has room
// for them with some to spare, as a council's has: mainstream carers are
// approved for about 1.9 children and look after about 1.4; agency
// households likewise; a family and friends household is approved for the
// child or children it takes, about 1.2. Behind the households on the
// register are those that left it in the last ten years.
//
// Households are drawn from a generator of their own, so that adding them
// changed nothing else the city holds. Load writes them first among the
// records of care, into an empty register, so that the store gives them the
// ids 1 to len(City.Households) in order: a household's id is its index in
// City.Households plus one, which is what HouseholdIDs returns and what an
// episode of care names.

// householdsAtScale1 are the households on the register on the day the city
// is generated, and those that left it before, at scale 1.
var householdsAtScale1 = []struct {
	typ           string
	active, ended int
	places        []int // drawn from, one each
}{
	{"mainstream", 112, 30, []int{1, 2, 2, 2, 2, 3, 3}},
	{"family_friends", 66, 24, []int{1, 1, 1, 1, 2, 2}},
	{"agency", 103, 18, []int{1, 2, 2, 2, 2, 3, 3}},
}

// agencies are the independent fostering agencies the council places with.
// Their names are invented.
var agencies = []string{"Heartlands Family Fostering", "Brightway Foster Care", "Oakfield Family Placements", "Canalside Fostering", "Midland Hearth Fostering"}

// agencyDistricts are postcode districts near the city, where agency
// households outside it live.
var agencyDistricts = []string{"WS1", "WS10", "DY1", "DY3", "B69", "ST19", "TF11"}

// Households generates the city's register: for each type, those on the
// register on today and those deregistered before it, approved between one
// and fifteen years before today. It is deterministic in seed, scale and
// today.
func Households(seed int64, scale int, today civil.Date) []care.Household {
	if scale < 1 {
		scale = 1
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x686f757365686f6c)) // "household"
	var out []care.Household
	for _, t := range householdsAtScale1 {
		for i := range (t.active + t.ended) * scale {
			ended := i >= t.active*scale
			h := care.Household{Name: householdName(r, t.typ), Type: t.typ, Places: t.places[r.IntN(len(t.places))]}
			h.Approved = today.AddDays(-365 - r.IntN(14*365))
			if ended {
				// Left the register at least six months after approval
				// and at least a day before today.
				span := today.DaysSince(h.Approved) - 183
				h.Deregistered = h.Approved.AddDays(182 + r.IntN(span))
			}
			district := wards[r.IntN(len(wards))].districts[0]
			if t.typ == "agency" {
				h.Agency = agencies[r.IntN(len(agencies))]
				if r.IntN(3) == 0 {
					district = agencyDistricts[r.IntN(len(agencyDistricts))]
				}
			}
			h.Postcode = fmt.Sprintf("%s %d%c%c", district, r.IntN(10),
				inwardLetters[r.IntN(len(inwardLetters))], inwardLetters[r.IntN(len(inwardLetters))])
			out = append(out, h)
		}
	}
	return out
}

// householdName names a household as the service knows its carers: a
// couple, or one carer, by their family name.
func householdName(r *rand.Rand, typ string) string {
	o := pickOrigin(r)
	family := o.family[r.IntN(len(o.family))]
	other := o.family[r.IntN(len(o.family))]
	switch n := r.IntN(20); {
	case typ == "family_friends" && n < 5:
		return "Mrs " + family + " (grandmother)"
	case typ == "family_friends" && n < 8:
		return "Ms " + family + " (aunt)"
	case n < 11:
		return "Mr and Mrs " + family
	case n < 13:
		return "Mr and Ms " + family
	case n < 14:
		return "Ms " + family + " and Ms " + other
	case n < 15:
		return "Mr " + family + " and Mr " + other
	case n < 18:
		return "Ms " + family
	}
	return "Mr " + family
}

// pickOrigin draws a background by its share of the city's households.
func pickOrigin(r *rand.Rand) *origin {
	total := 0.0
	for i := range origins {
		total += origins[i].weight
	}
	x := r.Float64() * total
	for i := range origins {
		if x -= origins[i].weight; x < 0 {
			return &origins[i]
		}
	}
	return &origins[len(origins)-1]
}

// HouseholdIDs returns the ids of the city's households of a type (one of
// care.HouseholdTypes) on the register on the day on, in order: the ids
// Load gives them, for an episode of care to name.
func (c *City) HouseholdIDs(typ string, on civil.Date) []care.HouseholdID {
	var out []care.HouseholdID
	for i, h := range c.Households {
		if h.Type == typ && !h.Approved.After(on) && !h.Ended(on) {
			out = append(out, care.HouseholdID(i+1))
		}
	}
	return out
}

// loadHouseholds writes the city's households into the empty register, in
// one unit of work, and checks that each has the id HouseholdIDs promised.
func loadHouseholds(ctx context.Context, st store.Store, city *City, change store.Change) error {
	n, err := st.Households(ctx, store.HouseholdQuery{})
	if err != nil {
		return fmt.Errorf("demo: reading the register of households: %w", err)
	}
	if len(n) > 0 {
		return fmt.Errorf("demo: the register already holds %d households", len(n))
	}
	change.At = time.Now().UTC()
	return st.Atomic(ctx, func(tx store.Tx) error {
		for i, h := range city.Households {
			got, err := tx.CreateHousehold(ctx, h, change)
			if err != nil {
				return fmt.Errorf("demo: adding household %d: %w", i+1, err)
			}
			if got.ID != care.HouseholdID(i+1) {
				return fmt.Errorf("demo: household %d was given id %d", i+1, got.ID)
			}
		}
		return nil
	})
}
