package server

import (
	"context"
	"fmt"

	"hearth/internal/access"
	"hearth/internal/app"
)

// hubRoles are the roles that open the daily briefing, in the hub's team.
var hubRoles = []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Partner}

// hubIsTheTeam names the test team as the briefing's hub, through the app
// (so that its cache of the setting is dropped), unless it is already; it
// returns the team and the setting's version.
func (e *env) hubIsTheTeam() (access.TeamID, int) {
	e.t.Helper()
	ctx := context.Background()
	team, v, err := e.st.HubTeam(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if team == e.team.ID {
		return team, v
	}
	p, err := e.app.Principal(ctx, e.users[access.Admin])
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.app.SetHubTeam(ctx, app.Actor{Principal: p}, e.team.ID, v, "the test team is the hub"); err != nil {
		e.t.Fatal(err)
	}
	return e.team.ID, v + 1
}

// hubChangedFor checks that the latest change of the hub setting was made
// for reason.
func (e *env) hubChangedFor(reason string) error {
	h, err := e.st.HubTeamHistory(context.Background())
	if err != nil {
		return err
	}
	if len(h) == 0 || h[len(h)-1].Reason != reason {
		return fmt.Errorf("the hub setting's last change is not %q: %+v", reason, h)
	}
	return nil
}
