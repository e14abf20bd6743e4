package app_test

import (
	"reflect"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestWorkListKeptUntilWritten: a team's list is read from the store once
// and kept while nothing is written, but every request decides each child
// again at its own moment: a grant that starts and ends by the clock alone
// brings a restricted child onto the list and takes them off it without a
// read of the list, and the child's work is read when they are first
// allowed. A write (a child restricted) reads the list again. At every step
// the page is the one an app with nothing kept gives, for the team's
// manager and for a manager of another team of the service, whose list is
// kept apart.
func TestWorkListKeptUntilWritten(t *testing.T) {
	w := newWorld(t)
	c := store.Change{By: w.admin.ID, Reason: "test"}
	referred := func(id people.ID) {
		t.Helper()
		r := journey.Record{PersonID: id, Kind: journey.KindReferral, Start: civil.MustNew(2026, time.June, 1), TeamID: w.team.ID,
			Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}
		if _, err := w.st.CreateJourneyRecord(w.ctx, r, c); err != nil {
			t.Fatal(err)
		}
	}
	a, b, r := w.person("Ann", "Able", false), w.person("Ben", "Baker", false), w.person("Rae", "Rest", true)
	for _, id := range []people.ID{a, b, r} {
		referred(id)
	}
	mgr := w.actor(access.TeamManager)
	other, err := w.st.CreateTeam(w.ctx, access.Team{Name: "Safeguarding 2", ServiceID: w.team.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	u, err := w.st.CreateUser(w.ctx, access.User{Username: "other.manager", DisplayName: "Other Manager", Roles: []access.Role{access.TeamManager}, TeamID: other.ID}, "x", c)
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.app.Principal(w.ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	peer := app.Actor{Principal: p, Remote: "192.0.2.2", Route: "test"}
	opens := time.Date(2026, time.June, 15, 10, 0, 0, 0, time.UTC)
	if err := w.st.AddGrant(w.ctx, access.Grant{PersonID: r, UserID: mgr.UserID(), Reason: "court work", GrantedBy: w.admin.ID, From: opens, Until: opens.Add(time.Hour)}, c); err != nil {
		t.Fatal(err)
	}

	// step reads the team's page as ac at the moment given, and holds it
	// to a fresh app's page, which has nothing kept.
	step := func(when string, clock time.Time, ac app.Actor, want ...people.ID) {
		t.Helper()
		w.setClock(clock)
		got, err := w.app.TeamWork(w.ctx, ac, w.team.ID)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		fresh := app.New(w.st, quietLog)
		fresh.Clock = w.app.Clock
		wantPage, err := fresh.TeamWork(w.ctx, ac, w.team.ID)
		if err != nil {
			t.Fatalf("%s, fresh: %v", when, err)
		}
		if !reflect.DeepEqual(got, wantPage) {
			t.Errorf("%s: the kept list's page\n%+v\nis not the fresh one's\n%+v", when, got, wantPage)
		}
		var ids []people.ID
		for _, ch := range got.Children {
			ids = append(ids, ch.Person.ID)
		}
		if !sameIDs(ids, want) {
			t.Errorf("%s: children %v, want %v", when, ids, want)
		}
	}
	reads := func(when string, lists, works int) {
		t.Helper()
		if w.st.lists != lists || w.st.works != works {
			t.Errorf("%s: the store read %d lists and the work of %d, want %d and %d", when, w.st.lists, w.st.works, lists, works)
		}
	}
	// Each step reads once more through the fresh app: one list and one
	// reading of work each.
	step("before the grant", opens.Add(-time.Hour), mgr, a, b)
	reads("before the grant", 2, 2)
	step("again", opens.Add(-time.Hour), mgr, a, b)
	reads("again, kept", 3, 3)
	step("the grant open", opens.Add(30*time.Minute), mgr, a, b, r)
	reads("the grant open, kept, with the newly allowed child's work", 4, 5)
	step("the grant ended", opens.Add(90*time.Minute), mgr, a, b)
	reads("the grant ended, kept", 5, 6)
	step("another manager of the service", opens.Add(90*time.Minute), peer, a, b)
	reads("another manager, read for them", 7, 8)

	bp, err := w.st.Person(w.ctx, access.System(b, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	bp.Restricted = true
	if _, err := w.st.UpdatePerson(w.ctx, bp, c); err != nil {
		t.Fatal(err)
	}
	step("a child restricted", opens.Add(90*time.Minute), mgr, a)
	reads("a child restricted, read again", 9, 10)
	step("a child restricted, another manager", opens.Add(90*time.Minute), peer, a)
}

// sameIDs reports whether got and want hold the same ids, in any order.
func sameIDs(got, want []people.ID) bool {
	if len(got) != len(want) {
		return false
	}
	seen := map[people.ID]int{}
	for _, id := range got {
		seen[id]++
	}
	for _, id := range want {
		if seen[id] == 0 {
			return false
		}
		seen[id]--
	}
	return true
}

// TestWorkListKeptConcurrently: managers read a team's page at once while
// children are referred to the team; every page read after the last write
// is the one an app with nothing kept gives. Run with -race, it also holds
// the kept lists to being shared without being changed.
func TestWorkListKeptConcurrently(t *testing.T) {
	w := newWorld(t)
	c := store.Change{By: w.admin.ID, Reason: "test"}
	mgr := w.actor(access.TeamManager)
	refer := func(id people.ID) error {
		r := journey.Record{PersonID: id, Kind: journey.KindReferral, Start: civil.MustNew(2026, time.June, 1), TeamID: w.team.ID,
			Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}
		_, err := w.st.Store.CreateJourneyRecord(w.ctx, r, c)
		return err
	}
	var kids []people.ID
	for _, name := range []string{"Ann", "Ben", "Cal", "Dee", "Eve", "Fay"} {
		kids = append(kids, w.person(name, "Many", false))
	}
	if err := refer(kids[0]); err != nil {
		t.Fatal(err)
	}
	// An app of its own on the store itself: the world's counts its reads
	// in fields that are not for sharing.
	shared := app.New(w.st.Store, quietLog)
	shared.Clock = w.app.Clock
	errc := make(chan error, 5)
	for range 4 {
		go func() {
			for range 15 {
				if _, err := shared.TeamWork(w.ctx, mgr, w.team.ID); err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	go func() {
		for _, id := range kids[1:] {
			if err := refer(id); err != nil {
				errc <- err
				return
			}
		}
		errc <- nil
	}()
	for range 5 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	got, err := shared.TeamWork(w.ctx, mgr, w.team.ID)
	if err != nil {
		t.Fatal(err)
	}
	fresh := app.New(w.st.Store, quietLog)
	fresh.Clock = w.app.Clock
	want, err := fresh.TeamWork(w.ctx, mgr, w.team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Children) != len(kids) || !reflect.DeepEqual(got, want) {
		t.Errorf("after the writes: %d children, want %d; kept page\n%+v\nfresh\n%+v", len(got.Children), len(kids), got, want)
	}
}
