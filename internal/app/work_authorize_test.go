package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestWorkListAuthorisationAgrees: a work list authorises its children
// from the involvements of the reader and their team alone where that
// decides, and from the whole Subject otherwise; for every reader, every
// list and every child on it, the decision (allowed or not, its reason and
// its permit) is access.Authorize's on the child's whole Subject. The
// children cover each rule: allocation, team, service, another service,
// restricted with and without a grant, the glass broken on an ordinary and
// on a restricted record, an allocation ended, an open contact.
func TestWorkListAuthorisationAgrees(t *testing.T) {
	w := newWorld(t)
	ctx, st := w.ctx, w.st
	now := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)
	w.setClock(now)
	c := store.Change{By: w.admin.ID, Reason: "test"}
	teamA := w.team
	teamB, err := st.CreateTeam(ctx, access.Team{Name: "Safeguarding 2", ServiceID: teamA.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	svc2, err := st.CreateService(ctx, access.Service{Name: "Early Help"})
	if err != nil {
		t.Fatal(err)
	}
	teamC, err := st.CreateTeam(ctx, access.Team{Name: "Early Help 1", ServiceID: svc2.ID})
	if err != nil {
		t.Fatal(err)
	}
	user := func(name string, role access.Role, team access.TeamID) access.User {
		u, err := st.CreateUser(ctx, access.User{Username: name, DisplayName: name, Roles: []access.Role{role}, TeamID: team}, "x", c)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	pA, mA := w.users[access.Practitioner], w.users[access.TeamManager]
	pB, mB := user("p.b", access.Practitioner, teamB.ID), user("m.b", access.TeamManager, teamB.ID)
	pC, mC := user("p.c", access.Practitioner, teamC.ID), user("m.c", access.TeamManager, teamC.ID)

	start, yesterday := civil.MustNew(2026, time.January, 5), civil.MustNew(2026, time.June, 14)
	alloc := func(team access.TeamID, worker access.UserID) journey.Record {
		return journey.Record{Kind: journey.KindAllocation, Start: start, TeamID: team, WorkerID: worker, Allocation: &journey.Allocation{}}
	}
	referral := journey.Record{Kind: journey.KindReferral, Start: start, TeamID: teamA.ID, Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}
	contact := journey.Record{Kind: journey.KindContact, Start: yesterday, TeamID: teamA.ID,
		Contact: &journey.Contact{ReceivedAt: civil.StartOfLondon(yesterday).Add(9 * time.Hour).UTC(), Source: "1A", Summary: "school worried"}}
	endedA := alloc(teamA.ID, pA.ID)
	endedA.End = yesterday
	grant := func(to access.UserID) func(people.ID) access.Grant {
		return func(p people.ID) access.Grant {
			return access.Grant{PersonID: p, UserID: to, Reason: "court work", GrantedBy: w.admin.ID, From: now.Add(-time.Hour), Until: now.Add(24 * time.Hour)}
		}
	}
	opened := func(by access.UserID) func(people.ID) access.Grant {
		return func(p people.ID) access.Grant { return access.Opening(p, by, "urgent call", now.Add(-time.Hour)) }
	}
	children := []struct {
		name       string
		restricted bool
		records    []journey.Record
		grants     []func(people.ID) access.Grant
	}{
		{"allocated in A", false, []journey.Record{alloc(teamA.ID, pA.ID)}, nil},
		{"referred to A", false, []journey.Record{referral}, nil},
		{"open contact in A", false, []journey.Record{contact}, nil},
		{"allocated in B", false, []journey.Record{alloc(teamB.ID, pB.ID)}, nil},
		{"allocated in C", false, []journey.Record{alloc(teamC.ID, pC.ID)}, nil},
		{"ended in A, allocated in B", false, []journey.Record{endedA, alloc(teamB.ID, pB.ID)}, nil},
		{"restricted in A", true, []journey.Record{alloc(teamA.ID, pA.ID)}, nil},
		{"restricted in A, granted to A's manager", true, []journey.Record{alloc(teamA.ID, pA.ID)}, []func(people.ID) access.Grant{grant(mA.ID)}},
		{"restricted in A, glass broken by A's manager", true, []journey.Record{alloc(teamA.ID, pA.ID)}, []func(people.ID) access.Grant{opened(mA.ID)}},
		{"in C, glass broken by B's manager", false, []journey.Record{alloc(teamC.ID, pC.ID)}, []func(people.ID) access.Grant{opened(mB.ID)}},
		{"in A, granted to C's worker", false, []journey.Record{alloc(teamA.ID, pA.ID)}, []func(people.ID) access.Grant{grant(pC.ID)}},
	}
	for _, ch := range children {
		id := w.person(ch.name, "Listed", ch.restricted)
		for _, r := range ch.records {
			r.PersonID = id
			if _, err := st.CreateJourneyRecord(ctx, r, c); err != nil {
				t.Fatalf("%s: %v", ch.name, err)
			}
		}
		for _, g := range ch.grants {
			if err := st.AddGrant(ctx, g(id), c); err != nil {
				t.Fatalf("%s: %v", ch.name, err)
			}
		}
	}

	readers := []access.User{pA, mA, pB, mB, pC, mC, w.users[access.MASH], w.users[access.Analyst], w.users[access.ProgrammeManager], w.admin}
	var fast, whole int
	for _, u := range readers {
		p, err := w.app.Principal(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		queries := []store.WorkQuery{{Worker: u.ID}, {Worker: pA.ID}, {Team: teamA.ID}, {Team: teamB.ID}, {Team: teamC.ID}}
		for _, q := range queries {
			q.Reader, q.ReaderTeam = u.ID, u.TeamID
			kids, err := st.WorkList(ctx, q, now)
			if err != nil {
				t.Fatal(err)
			}
			got, err := app.AuthorizeList(w.app, ctx, p, kids, now)
			if err != nil {
				t.Fatal(err)
			}
			ids := make([]people.ID, len(kids))
			for i, k := range kids {
				ids[i] = k.Person.ID
			}
			subjects, err := st.Subjects(ctx, ids, now)
			if err != nil {
				t.Fatal(err)
			}
			for i, k := range kids {
				if !k.Partial {
					t.Errorf("%s, list %+v: %s's Subject is not marked partial", u.Username, q, k.Person.GivenName)
				}
				s := subjects[k.Person.ID]
				want := access.Authorize(p, access.ReadPerson, &s, now)
				if got[i] != want {
					t.Errorf("%s, list %+v, %s: got %+v, want %+v", u.Username, q, k.Person.GivenName, got[i], want)
				}
				partial := k.Subject
				if store.PartialSuffices(access.Authorize(p, access.ReadPerson, &partial, now)) {
					fast++
				} else {
					whole++
				}
			}
		}
	}
	// Both ways of deciding were taken.
	if fast == 0 || whole == 0 {
		t.Errorf("decided %d children from the partial Subject and %d from the whole: want some of each", fast, whole)
	}
}
