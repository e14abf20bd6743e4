package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// twoProcesses is the world's app and a second app on the same store, as
// two Hearth processes behind one load balancer, both Shared, on one clock.
func twoProcesses(t *testing.T) (*world, *app.App) {
	w := newWorld(t)
	other := app.New(w.st, quietLog)
	other.Clock = w.app.Clock
	w.app.Shared, other.Shared = true, true
	return w, other
}

// TestSharedSignInThrottle: failed sign-ins for a name are counted once
// across both processes, so sending them round-robin gains nothing; the
// owner's success on one forgets them for both.
func TestSharedSignInThrottle(t *testing.T) {
	w, other := twoProcesses(t)
	const pw = "granite kettle wanders north 7391"
	if _, err := w.app.CreateUser(w.ctx, app.Actor{}, app.NewUser{Username: "shared.user", DisplayName: "Shared User", Password: pw, Roles: []access.Role{access.Practitioner}, TeamID: w.team.ID}, true); err != nil {
		t.Fatal(err)
	}
	w.app.Addresses, other.Addresses = nil, nil // the name's count alone
	procs := []*app.App{w.app, other}
	for i := range access.FreeSignInAttempts {
		if _, err := procs[i%2].SignIn(w.ctx, "shared.user", "wrong", "10.0.0.1", ""); errs.CodeOf(err) == errs.TooMany {
			t.Fatalf("attempt %d was throttled", i+1)
		}
	}
	// The next, on either process, waits.
	for _, p := range procs {
		if _, err := p.SignIn(w.ctx, "shared.user", pw, "10.0.0.1", ""); errs.CodeOf(err) != errs.TooMany {
			t.Fatalf("after %d failures the next attempt was not throttled: %v", access.FreeSignInAttempts, err)
		}
	}
	w.setClock(time.Date(2026, time.June, 15, 9, 0, 2, 0, time.UTC))
	other.Clock = w.app.Clock
	if _, err := other.SignIn(w.ctx, "shared.user", pw, "10.0.0.1", ""); err != nil {
		t.Fatalf("the owner after the wait: %v", err)
	}
	if _, err := w.app.SignIn(w.ctx, "shared.user", "wrong", "10.0.0.1", ""); errs.CodeOf(err) == errs.TooMany {
		t.Error("a success on one process did not forget the count on the other")
	}
}

// TestSharedSearchAllowance: the search allowance is one allowance across
// both processes.
func TestSharedSearchAllowance(t *testing.T) {
	w, other := twoProcesses(t)
	ac := w.actor(access.Practitioner)
	q := store.PersonQuery{Name: "nobody"}
	procs := []*app.App{w.app, other}
	for i := range app.SearchBurst {
		if _, err := procs[i%2].SearchPeople(w.ctx, ac, q); err != nil {
			t.Fatalf("search %d: %v", i+1, err)
		}
	}
	for _, p := range procs {
		if _, err := p.SearchPeople(w.ctx, ac, q); errs.CodeOf(err) != errs.TooMany {
			t.Errorf("search %d across two processes was allowed: %v", app.SearchBurst+1, err)
		}
	}
}

// TestSharedTeamsSeenWithinASecond: a team added through one process is
// listed by the other at its first request a second later, though the
// other's cache of teams is fresh for a minute.
func TestSharedTeamsSeenWithinASecond(t *testing.T) {
	w, other := twoProcesses(t)
	admin := w.actor(access.Admin)
	before, _, err := other.Teams(w.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := w.app.CreateService(w.ctx, admin, "Early Help")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.CreateTeam(w.ctx, admin, "Family Hub North", svc.ID); err != nil {
		t.Fatal(err)
	}
	w.setClock(time.Date(2026, time.June, 15, 9, 0, 1, 0, time.UTC))
	other.Clock = w.app.Clock
	after, _, err := other.Teams(w.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Errorf("the other process lists %d teams, want %d", len(after), len(before)+1)
	}
}

// TestSharedDeviceCookie: a browser that signed in through one process is
// known to the other (the cookie's key is kept in the store), so an attack
// on the name through both does not keep its owner out on either.
func TestSharedDeviceCookie(t *testing.T) {
	w, other := twoProcesses(t)
	const pw = "granite kettle wanders north 7391"
	if _, err := w.app.CreateUser(w.ctx, app.Actor{}, app.NewUser{Username: "owner.user", DisplayName: "Owner User", Password: pw, Roles: []access.Role{access.Practitioner}, TeamID: w.team.ID}, true); err != nil {
		t.Fatal(err)
	}
	ns, err := w.app.SignIn(w.ctx, "owner.user", pw, "10.0.0.1", "")
	if err != nil || ns.Device == "" {
		t.Fatalf("sign in: %v, device %q", err, ns.Device)
	}
	w.app.Addresses, other.Addresses = nil, nil
	for i := range access.FreeSignInAttempts + 2 {
		[]*app.App{w.app, other}[i%2].SignIn(w.ctx, "owner.user", "wrong", "10.0.0.9", "")
	}
	if _, err := other.SignIn(w.ctx, "owner.user", pw, "10.0.0.1", ns.Device); err != nil {
		t.Errorf("the owner's browser, known to the first process, on the second: %v", err)
	}
	restarted := app.New(w.st, quietLog) // a new process on the same store
	restarted.Clock, restarted.Shared = w.app.Clock, true
	if _, err := restarted.SignIn(w.ctx, "owner.user", pw, "10.0.0.1", ns.Device); err != nil {
		t.Errorf("the owner's browser after a restart: %v", err)
	}
}
