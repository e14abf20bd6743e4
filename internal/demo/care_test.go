package demo

import (
	"math"
	"slices"
	"strings"
	"testing"

	"hearth/internal/care"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// TestCareFigures compares the city's children in care and care leavers on
// 31 March 2023 with the seed's (reference-figures.csv), each within 15%,
// and the number in care on the day it was made.
func TestCareFigures(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		city func() *City
	}{{"seed 1", city1}, {"seed 2", city2}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			city := c.city()
			f := city.CareFigures(seedDate)
			t.Log(f)
			t.Log(city.CareFigures(city.Today))
			for _, x := range []struct {
				what      string
				got, want float64
			}{
				{"children in care", float64(f.InCare), targetLookedAfter},
				{"children in care per 10,000", f.PerTenThousand, 79.5},
				{"in foster placements", float64(f.Foster), 378},
				{"fostered by family or friends", float64(f.FamilyFriends), 78},
				{"UASC in care", float64(f.UASC), targetUASC},
				{"UASC care leavers", float64(f.UASCLeavers), targetUASCLeavers},
				{"missing episodes a month", f.MissingMonth, missingMonth},
				{"adoption orders in the year", float64(f.Adoptions), adoptionsYear},
				{"care leavers in education, employment or training (%)", f.LeaversEET, 59.6},
				{"care leavers in suitable accommodation (%)", f.LeaversSuited, 93},
			} {
				if math.Abs(x.got-x.want) > 0.15*x.want {
					t.Errorf("%s: %s %.1f, want %.1f within 15%%", f.On, x.what, x.got, x.want)
				}
			}
			if today := city.CareFigures(city.Today); !within(today.InCare, targetLookedAfter, 0.15) {
				t.Errorf("%s: %d children in care, want %d within 15%%", today.On, today.InCare, targetLookedAfter)
			}
			// About one child in ten moves three times or more in a year
			// (not a figure of the seed's, so looser).
			if f.Moves3 < 5 || f.Moves3 > 15 {
				t.Errorf("children in care with 3 or more moves in the year: %.1f%%, want about 10%%", f.Moves3)
			}
			// Mostly in time, not always.
			if f.Interviews72h < 70 || f.Interviews72h >= 100 {
				t.Errorf("return interviews offered within 72 hours: %.1f%%, want from 70%% to under 100%%", f.Interviews72h)
			}
			if f.ReviewsLate <= 0 || f.ReviewsLate > 15 {
				t.Errorf("reviews late: %.1f%%, want a few", f.ReviewsLate)
			}
		})
	}
}

// TestCareRecords checks every care record on its own (Validate) and
// against the whole of the child's journey (Check), as the store would
// judge it; that each adoption order ends a period of care with an
// adoption; and that placements' postcodes are Demo City's.
func TestCareRecords(t *testing.T) {
	t.Parallel()
	c := city1()
	byPerson := map[people.ID][]journey.Record{}
	for _, j := range c.Journeys {
		rec := idForm(j.Record)
		byPerson[rec.PersonID] = append(byPerson[rec.PersonID], rec)
	}
	districts := map[string]bool{} // postcodes' outward codes
	for _, p := range c.People {
		for _, a := range p.Addresses {
			districts[strings.Fields(a.Postcode)[0]] = true
		}
	}
	kinds := map[journey.Kind]int{}
	for pid, rs := range byPerson {
		if !slices.ContainsFunc(rs, func(r journey.Record) bool { return isCare(r.Kind) }) {
			continue
		}
		p := c.People[pid-1]
		p.ID = pid
		j := journey.Journey{Person: p, Records: rs}
		for _, r := range rs {
			if !isCare(r.Kind) {
				continue
			}
			kinds[r.Kind]++
			if err := r.Validate(); err != nil {
				t.Fatalf("%s %d is not valid: %v\n%+v", r.Kind, r.ID, err, r)
			}
			if err := journey.Check(j, r); err != nil {
				t.Fatalf("%s %d does not fit the child's journey: %v\n%s", r.Kind, r.ID, err, describe(rs, r))
			}
			if r.Start.After(c.Today) || r.End.After(c.Today) {
				t.Fatalf("%s %d is after today: %v to %v", r.Kind, r.ID, r.Start, r.End)
			}
			switch r.Kind {
			case journey.KindCareEpisode:
				e := r.CareEpisode
				if !care.LegalStatuses.Has(e.LegalStatus) || !care.PlacementTypes.Has(e.Placement) || !care.ReasonsNew.Has(e.ReasonNew) ||
					e.Provider != "" && !care.Providers.Has(e.Provider) || e.ReasonCeased != "" && !care.ReasonsCeased.Has(e.ReasonCeased) {
					t.Fatalf("episode %d has a code not in the lists: %+v", r.ID, e)
				}
				if f := strings.Fields(e.Postcode); len(f) != 2 || !districts[f[0]] {
					t.Fatalf("episode %d is placed at %q, not a Demo City postcode", r.ID, e.Postcode)
				}
				if r.WorkerID != 0 && c.Workers[r.WorkerID-1].Team != int(r.TeamID-1) {
					t.Fatalf("episode %d names a worker of another team", r.ID)
				}
			case journey.KindAdoption:
				ended := slices.ContainsFunc(rs, func(o journey.Record) bool {
					return o.Kind == journey.KindCareEpisode && o.End == r.Adoption.Order &&
						(o.CareEpisode.ReasonCeased == "E11" || o.CareEpisode.ReasonCeased == "E12")
				})
				if !ended {
					t.Fatalf("adoption %d: no period of care ends with the order on %s", r.ID, r.Adoption.Order)
				}
			}
		}
		// A period of care is a run of episodes, each from the day the
		// last ended; a period's first begins with S.
		eps := careEpisodesOf(rs)
		for i, e := range eps {
			first := i == 0 || eps[i-1].CareEpisode.ReasonCeased != "X1"
			if first != (e.CareEpisode.ReasonNew == "S") {
				t.Fatalf("episode %d starts with %s:\n%s", e.ID, e.CareEpisode.ReasonNew, describe(rs, e))
			}
			if !first && eps[i-1].End != e.Start {
				t.Fatalf("episode %d does not start the day the last ended:\n%s", e.ID, describe(rs, e))
			}
			if i > 0 && (eps[i-1].End.IsZero() || eps[i-1].End.After(e.Start)) {
				t.Fatalf("episode %d overlaps the last:\n%s", e.ID, describe(rs, e))
			}
		}
	}
	for _, k := range journey.Kinds {
		if isCare(journey.Kind(k.Code)) && kinds[journey.Kind(k.Code)] == 0 {
			t.Errorf("no %s records", k.Code)
		}
	}
	t.Logf("care records: %v", kinds)
}

// isCare reports whether a kind is one of package care's: those from
// episodes of care on in journey.Kinds.
func isCare(k journey.Kind) bool {
	at := func(k journey.Kind) int {
		return slices.IndexFunc(journey.Kinds, func(c people.Code) bool { return c.Code == string(k) })
	}
	return at(k) >= at(journey.KindCareEpisode)
}

// careEpisodesOf lists a child's episodes of care, oldest first.
func careEpisodesOf(rs []journey.Record) []journey.Record {
	var out []journey.Record
	for _, r := range rs {
		if r.Kind == journey.KindCareEpisode {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b journey.Record) int { return a.Start.Compare(b.Start) })
	return out
}

// TestPlacementAddressesStayOnEpisodes checks that a child in care today
// does not have their placement's postcode as a current address on their
// person record, which everyone who may read the child sees: where a child
// in care lives is on their episodes of care, for those allowed to see it.
// A child placed at home (P1) lives at their own address.
func TestPlacementAddressesStayOnEpisodes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		city func() *City
	}{{"seed 1", city1}, {"seed 2", city2}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			city := c.city()
			placed := map[people.ID]care.Episode{} // children in care today: their current episode
			for _, j := range city.Journeys {
				if r := j.Record; r.Kind == journey.KindCareEpisode && !r.Start.After(city.Today) && (r.End.IsZero() || r.End.After(city.Today)) {
					placed[r.PersonID] = *r.CareEpisode
				}
			}
			if len(placed) == 0 {
				t.Fatal("no children in care today")
			}
			for pid, e := range placed {
				if e.Placement == "P1" {
					continue
				}
				for _, a := range city.People[pid].Addresses {
					if a.Postcode == e.Postcode && !a.StartDate.After(city.Today) && (a.EndDate.IsZero() || a.EndDate.After(city.Today)) {
						t.Errorf("person %d, placed %s at %s, has that postcode as a current address", pid, e.Placement, e.Postcode)
					}
				}
			}
		})
	}
}
