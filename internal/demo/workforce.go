package demo

import (
	"fmt"
	"math"

	"hearth/internal/access"
	"hearth/internal/civil"
)

// The demo accounts, one a role, with the team each sits in: the
// practitioner, team manager and MASH accounts sit in teams with allocated
// work, so that the demo shows caseloads.
var demoAccounts = []struct {
	role access.Role
	name string
}{
	{access.Practitioner, "Demo Practitioner"},
	{access.TeamManager, "Demo Team Manager"},
	{access.MASH, "Demo MASH Worker"},
	{access.Analyst, "Demo Analyst"},
	{access.ProgrammeManager, "Demo Programme Manager"},
	{access.Auditor, "Demo Auditor"},
	{access.Admin, "Demo Administrator"},
	{access.Partner, "Demo Partner"},
	{access.Education, "Demo Education Officer"},
}

// DemoUsername is the username of the demo account for a role.
func DemoUsername(r access.Role) string { return "demo." + string(r) }

// buildWorkforce makes each team's manager and enough practitioners for
// caseloads of about caseloadPerWorker children, makes the demo accounts,
// and allocates open work to practitioners, a family to one worker.
func (g *gen) buildWorkforce(cs *caseState) {
	c := g.city
	allocated := make([]int, len(c.Teams))
	for _, gr := range cs.groups {
		if gr.allocate {
			allocated[gr.team] += len(gr.children)
		}
	}
	taken := make(map[string]bool)
	for _, a := range demoAccounts {
		taken[DemoUsername(a.role)] = true
	}
	g.teamWorkers = make([][]int, len(c.Teams))
	managers := make([]int, len(c.Teams))
	for t := range c.Teams {
		n := int(math.Round(float64(allocated[t]) / caseloadPerWorker))
		role := access.Practitioner
		switch t {
		case g.teams.mash:
			n = 12 * g.scale
			role = access.MASH
		case g.teams.education:
			n = max(n, 4*g.scale)
			// The education team's caseworkers read children for their
			// education, never their journey.
			role = access.Education
		}
		n = max(n, 2)
		managerRoles := []access.Role{access.TeamManager}
		if role == access.MASH {
			managerRoles = append(managerRoles, access.MASH)
		}
		managers[t] = g.addWorker(t, managerRoles, taken)
		for range n {
			g.teamWorkers[t] = append(g.teamWorkers[t], g.addWorker(t, []access.Role{role}, taken))
		}
	}

	// The demo accounts: three take the place of workers in busy teams.
	sg := g.teams.safeguarding[0]
	for _, a := range demoAccounts {
		idx := -1
		switch a.role {
		case access.Practitioner:
			idx = g.teamWorkers[sg][0]
		case access.TeamManager:
			idx = managers[sg]
		case access.MASH:
			idx = g.teamWorkers[g.teams.mash][0]
		case access.Education:
			idx = g.teamWorkers[g.teams.education][0]
		}
		w := Worker{Username: DemoUsername(a.role), DisplayName: a.name, Roles: []access.Role{a.role}, Team: -1, Demo: true}
		if a.role == access.Partner {
			w.Team = g.teams.hub // a police officer in the hub
		}
		if idx >= 0 {
			w.Team = c.Workers[idx].Team
			c.Workers[idx] = w
		} else {
			c.Workers = append(c.Workers, w)
		}
	}

	// Allocate each family's open work to the less loaded of two workers of
	// the team, so that caseloads even out as real ones roughly do.
	load := make([]int, len(c.Workers))
	for _, gr := range cs.groups {
		if !gr.allocate {
			continue
		}
		ws := g.teamWorkers[gr.team]
		a, b := ws[g.r.IntN(len(ws))], ws[g.r.IntN(len(ws))]
		w := a
		if load[b] < load[a] {
			w = b
		}
		load[w] += len(gr.children)
		for _, inv := range gr.invs {
			c.Involvements[inv].Worker = w
		}
		if gr.slot > 0 {
			g.setWorker(gr.slot-1, w)
		}
	}
}

// addWorker makes a worker of the team with an invented name and a unique
// username, and returns its index.
func (g *gen) addWorker(team int, roles []access.Role, taken map[string]bool) int {
	o, mx := g.pickBackground()
	if mx != nil {
		o = g.origins[mx.a]
		if g.chance(0.5) {
			o = g.origins[g.pick(mx.b)]
		}
	}
	female := g.chance(0.82)
	var used []string
	given := g.givenName(o, female, false, &used)
	family := g.pick(o.family)
	singhKaur := g.chance(o.singhKaur)
	if female {
		family = g.womansName(o, family, singhKaur, true)
	} else {
		family = g.mansName(family, singhKaur)
	}
	base := usernameOf(given, family)
	username := base
	for i := 2; taken[username]; i++ {
		username = fmt.Sprintf("%s%d", base, i)
	}
	taken[username] = true
	g.city.Workers = append(g.city.Workers, Worker{
		Username: username, DisplayName: given + " " + family, Roles: roles, Team: team,
	})
	return len(g.city.Workers) - 1
}

// assignClosedWorkers names the worker on most closed work and on some open
// contacts (the rest of the contact queue waits to be picked up).
func (g *gen) assignClosedWorkers() {
	for i := range g.city.Involvements {
		inv := &g.city.Involvements[i]
		if inv.Worker >= 0 {
			continue
		}
		ws := g.teamWorkers[inv.Team]
		switch {
		case inv.EndDate.IsZero() && inv.Kind == KindContact:
			if g.chance(allocationRate[KindContact]) {
				inv.Worker = ws[g.r.IntN(len(ws))]
			}
		case !inv.EndDate.IsZero():
			if g.chance(0.93) {
				inv.Worker = ws[g.r.IntN(len(ws))]
			}
		}
	}
}

// Contacts at the front door vary by month (fewer in August and December,
// more in June and March) and by weekday; the multipliers average 1.
var (
	monthFactor   = [12]float64{1.00, 0.98, 1.10, 0.90, 1.05, 1.15, 1.08, 0.80, 1.00, 1.05, 1.05, 0.84}
	weekdayFactor = [7]float64{0.45, 1.25, 1.25, 1.2, 1.2, 1.15, 0.5} // Sunday first
)

// childOn reports whether the person was a child, already born, on date.
func (g *gen) childOn(i int, date civil.Date) bool {
	dob := g.people(i).DateOfBirth
	return !dob.IsZero() && !dob.After(date) && dob.AgeOn(date) < 18
}
