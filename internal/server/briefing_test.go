package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/store"
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

// TestBriefingPage: the navigation offers the daily briefing to the hub's
// members whose roles allow it, and to nobody while no hub is named; the
// page lists a young person reported missing, and each opening is one line
// of the access log with the number listed.
func TestBriefingPage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	_, err := e.st.CreateJourneyRecord(ctx, journey.Record{PersonID: e.child, Kind: journey.KindMissing, Start: civil.OfLondon(time.Now()), TeamID: e.team.ID,
		Missing: &care.Missing{StartedAt: time.Now().Add(-3 * time.Hour), ReportedToPolice: true}}, store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	link := `href="/briefing"`
	practitioner := e.browser().signIn(access.Practitioner)
	if home := practitioner.get("/"); strings.Contains(home.body, link) {
		t.Errorf("the briefing is offered before a hub is named")
	}
	if res := practitioner.get("/briefing"); res.status != http.StatusForbidden {
		t.Errorf("the briefing before a hub is named: status %d", res.status)
	}
	e.hubIsTheTeam()
	for _, role := range access.Roles {
		b := practitioner
		if role != access.Practitioner {
			b = e.browser().signIn(role)
		}
		offered := strings.Contains(b.get("/").body, link)
		if want := slices.Contains(hubRoles, role); offered != want {
			t.Errorf("%s: briefing offered %v, want %v", role, offered, want)
		}
	}
	before, err := e.st.AccessLog(ctx, store.AccessQuery{UserID: e.users[access.Practitioner].ID, Action: store.LogBulkRead, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	res := practitioner.get("/briefing")
	if res.status != http.StatusOK || !strings.Contains(res.body, "Amira Khan") || !strings.Contains(res.body, "3 hours") {
		t.Fatalf("the briefing: status %d: %.500s", res.status, res.body)
	}
	after, err := e.st.AccessLog(ctx, store.AccessQuery{UserID: e.users[access.Practitioner].ID, Action: store.LogBulkRead, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 || after[0].Children != 1 || after[0].Route != "GET /briefing" {
		t.Errorf("the opening's lines: %+v", after)
	}
}
