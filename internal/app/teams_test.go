package app_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/store"
)

// countingStore counts reads of the team list.
type countingStore struct {
	store.Store
	teamReads int
}

func (c *countingStore) Teams(ctx context.Context) ([]access.Team, error) {
	c.teamReads++
	return c.Store.Teams(ctx)
}

func TestTeamsAreReadOnceAndKeptFresh(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	st := &countingStore{Store: db}
	a := app.New(st, quietLog)
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	a.Clock = func() time.Time { return now }

	svc, err := db.CreateService(ctx, access.Service{Name: "Early Help"})
	if err != nil {
		t.Fatal(err)
	}
	team, err := db.CreateTeam(ctx, access.Team{Name: "Early Help East", ServiceID: svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	user := access.User{ID: 1, Username: "worker", TeamID: team.ID}
	for range 3 {
		p, err := a.Principal(ctx, user)
		if err != nil || p.ServiceID != svc.ID {
			t.Fatalf("principal: %+v %v, want service %d", p, err, svc.ID)
		}
	}
	if st.teamReads != 1 {
		t.Errorf("three principals read the teams %d times, want once", st.teamReads)
	}

	// A team added by another process sharing the database is found at once
	// when a user of it signs in.
	other, err := db.CreateTeam(ctx, access.Team{Name: "Early Help West", ServiceID: svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := a.Principal(ctx, access.User{ID: 2, TeamID: other.ID}); err != nil || p.ServiceID != svc.ID {
		t.Errorf("principal in a team added elsewhere: %+v %v", p, err)
	}

	// A team added here is listed at once; one added elsewhere within
	// teamsFresh.
	admin := app.Actor{Principal: access.Principal{User: access.User{ID: 3, Roles: []access.Role{access.Admin}}}}
	if _, err := a.CreateTeam(ctx, admin, "Early Help North", svc.ID); err != nil {
		t.Fatal(err)
	}
	names := func() map[string]bool {
		ts, _, err := a.Teams(ctx, admin)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, t := range ts {
			m[t.Name] = true
		}
		return m
	}
	if n := names(); !n["Early Help North"] {
		t.Errorf("after adding North here: %v, want it listed", n)
	}
	if _, err := db.CreateTeam(ctx, access.Team{Name: "Early Help South", ServiceID: svc.ID}); err != nil {
		t.Fatal(err)
	}
	if n := names(); n["Early Help South"] {
		t.Errorf("just after South was added elsewhere: %v, want it not yet listed", n)
	}
	now = now.Add(2 * time.Minute)
	if n := names(); !n["Early Help South"] {
		t.Errorf("two minutes later: %v, want South too", n)
	}
}
