package demo

import (
	"fmt"

	"hearth/internal/access"
)

// Early help works in four areas of the city; each ward is in one.
const (
	areaNorth = iota
	areaSouth
	areaEast
	areaWest
	areaCount
)

var areaNames = [areaCount]string{"North", "South", "East", "West"}

// teamIndex says which team does which work.
type teamIndex struct {
	mash         int
	earlyHelp    [areaCount]int
	assessment   []int
	safeguarding []int
	disabled     int
	inCare       []int
	leavingCare  int
	education    int
	hub          int
}

// buildServices makes the services and teams. The numbered teams grow with
// the scale, so that a team stays the size of a real one.
func (g *gen) buildServices() {
	c := g.city
	service := func(name string) int {
		c.Services = append(c.Services, access.Service{Name: name})
		return len(c.Services) - 1
	}
	team := func(name string, svc int) int {
		c.Teams = append(c.Teams, Team{Name: name, Service: svc})
		return len(c.Teams) - 1
	}
	numbered := func(prefix string, n, svc int) []int {
		var out []int
		for i := 1; i <= n; i++ {
			out = append(out, team(fmt.Sprintf("%s %d", prefix, i), svc))
		}
		return out
	}

	front := service("Front Door (MASH)")
	eh := service("Early Help")
	csc := service("Children's Social Care")
	cic := service("Children in Care and Care Leavers")
	edu := service("Education Inclusion")

	t := &g.teams
	t.mash = team("MASH", front)
	for a := range areaCount {
		t.earlyHelp[a] = team("Early Help "+areaNames[a], eh)
	}
	t.assessment = numbered("Assessment", 3*g.scale, csc)
	t.safeguarding = numbered("Safeguarding", 4*g.scale, csc)
	t.disabled = team("Disabled Children and Young People", csc)
	t.inCare = numbered("Children in Care", 3*g.scale, cic)
	t.leavingCare = team("Leaving Care", cic)
	t.education = team("Education Inclusion", edu)
	// The seed's Partnership Missing and Exploitation Hub: police, health
	// and the council's workers together, so the demo partner sits in it.
	t.hub = team("Missing and Exploitation Hub", cic)
	c.Teams[t.hub].Hub = true
}
