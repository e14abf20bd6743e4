package indicators

import (
	"fmt"
	"sync"
	"testing"

	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/people"
)

// demoDay is the day of the seed's published figures, which Demo City is
// tuned to.
var demoDay = civil.MustNew(2023, 3, 31)

// demoCity is Demo City at scale 1 on 31 March 2023 as the indicators'
// input: each child's journey records, with the seed's population and
// establishment.
var demoCity = sync.OnceValue(func() Input {
	c := demo.Generate(1, 1, demoDay)
	byPerson := map[people.ID]int{}
	var in Input
	for _, j := range c.Journeys {
		r := j.Record
		i, ok := byPerson[r.PersonID]
		if !ok {
			i = len(in.Children)
			byPerson[r.PersonID] = i
			// The city's records name a person by their index.
			in.Children = append(in.Children, Child{ID: r.PersonID + 1, DateOfBirth: c.People[r.PersonID].DateOfBirth})
		}
		r.PersonID++
		in.Children[i].Records = append(in.Children[i].Records, r)
	}
	in.Population = []PopulationYear{{Year: 2023, Children: demo.ChildrenAtScale1}}
	in.Workforce = Workforce{Positions: seedEstablishment(), Leavers: seedLeavers()}
	return in
})

// TestDemoCity holds the framework on Demo City to the seed's published
// figures the city is tuned to (shared/domain/reference-figures.csv), each
// within a band: the city is simulated, not copied, so it comes near them,
// and an indicator that read its records wrongly would be far off.
func TestDemoCity(t *testing.T) {
	if testing.Short() {
		t.Skip("generates Demo City")
	}
	in := demoCity()
	results := ComputeAll(in, demoDay)
	got := map[string]*float64{}
	for _, r := range results {
		got[r.ID] = r.Value
		def, _ := Lookup(r.ID)
		checkAgrees(t, def, r)
		t.Logf("%-26s %8s  (%d / %d)", r.ID, show(r.Value), len(r.Numerator), len(r.Denominator))
	}
	bands := []struct {
		id        string
		published float64
		lo, hi    float64
	}{
		{"cla_count", 501, 450, 550},
		{"cp_rate", 230.0 * 10000 / 63051, 30, 43},
		{"cin_plans", 718, 640, 800},
		{"eh_open", 1380, 1240, 1520},
		{"in_assessment", 163, 120, 210},
		{"s47_12m", 883, 790, 980},
		{"referral_rate", 657.9, 590, 725},
		{"rereferral_12m", 23.1, 18, 28},
		{"s47_to_icpc", 27, 20, 34},
		{"cla_rate", 79.5, 72, 87},
		{"foster_placements", 378, 340, 420},
		{"adoption_orders", 25, 18, 32},
		{"a1", 509, 450, 570},
		{"vacancy_rate", 20.4, 20.4, 20.4},
	}
	for _, b := range bands {
		v := got[b.id]
		if v == nil || *v < b.lo || *v > b.hi {
			t.Errorf("%s = %s, want near the published %s (%g to %g)", b.id, show(v), fmt.Sprintf("%.1f", b.published), b.lo, b.hi)
		}
	}
}

// BenchmarkDemoCity is the whole framework at one date on Demo City at
// scale 1: the page's target is about a second.
func BenchmarkDemoCity(b *testing.B) {
	in := demoCity()
	records := 0
	for _, c := range in.Children {
		records += len(c.Records)
	}
	cpu := cpuTime()
	for b.Loop() {
		ComputeAll(in, demoDay)
	}
	b.ReportMetric(float64(len(in.Children)), "children")
	b.ReportMetric(float64(records), "records")
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}
