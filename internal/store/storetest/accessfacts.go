package storetest

// The access facts module: involvements, grants and subjects.

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

func testSubject(t *testing.T, s store.Store) {
	ctx := t.Context()
	csc, err := s.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	ok(t, err)
	eh, err := s.CreateService(ctx, access.Service{Name: "Early Help"})
	ok(t, err)
	teamA, err := s.CreateTeam(ctx, access.Team{Name: "Assessment", ServiceID: csc.ID})
	ok(t, err)
	teamB, err := s.CreateTeam(ctx, access.Team{Name: "Early Help West", ServiceID: eh.ID})
	ok(t, err)
	worker := mustUser(t, s, "Ivy Worker")
	grantee := mustUser(t, s, "Jan Grantee")
	admin := mustUser(t, s, "Kit Admin")
	c := store.Change{By: admin.ID, Reason: "test"}

	restricted := child("Rae", "Restricted", day(2018, 8, 8))
	restricted.Restricted = true
	p := mustCreate(t, s, restricted, c)
	q := mustCreate(t, s, child("Quin", "Plain", day(2018, 8, 8)), c)

	now := at(2024, time.June, 15, 12, 0, 0, 0)
	inv1 := access.Involvement{PersonID: p.ID, Kind: access.KindContact, TeamID: teamA.ID, WorkerID: worker.ID, StartDate: day(2024, 6, 1)}
	inv2 := access.Involvement{PersonID: p.ID, Kind: access.KindEarlyHelp, TeamID: teamB.ID, StartDate: day(2023, 1, 1), EndDate: day(2023, 12, 31)}
	mustInvolve(t, s, inv1, c)
	mustInvolve(t, s, inv2, c)
	g := access.Grant{PersonID: p.ID, UserID: grantee.ID, Reason: "adoption support", GrantedBy: admin.ID, From: now.Add(-time.Hour), Until: now.Add(30 * 24 * time.Hour)}
	ok(t, s.AddGrant(ctx, g, c))

	subj, err := s.Subject(ctx, p.ID, now)
	ok(t, err)
	equal(t, "subject person", subj.PersonID, p.ID)
	equal(t, "restricted", subj.Restricted, true)
	equal(t, "involvements, earliest first", subj.Involvements, []access.Involvement{inv2, inv1})
	if len(subj.Grants) != 1 {
		t.Fatalf("got %d grants, want 1", len(subj.Grants))
	}
	sameTime(t, "grant from", subj.Grants[0].From, g.From)
	sameTime(t, "grant until", subj.Grants[0].Until, g.Until)
	subj.Grants[0].From, subj.Grants[0].Until = g.From, g.Until
	equal(t, "grant", subj.Grants[0], g)
	equal(t, "team services", subj.TeamServices, map[access.TeamID]access.ServiceID{teamA.ID: csc.ID, teamB.ID: eh.ID})

	// What the store returns is what Authorize needs.
	if d := access.Authorize(access.Principal{User: grantee}, access.ReadPerson, &subj, now); !d.Allowed {
		t.Errorf("grantee refused: %s", d.Reason)
	}
	if d := access.Authorize(access.Principal{User: worker}, access.ReadPerson, &subj, now); d.Allowed {
		t.Errorf("allocated worker allowed a restricted record: %s", d.Reason)
	}

	_, err = s.Subject(ctx, q.ID+1000, now)
	wantCode(t, err, errs.NotFound)
	wantCode(t, involve(s, access.Involvement{PersonID: q.ID + 1000, Kind: access.KindContact, TeamID: teamA.ID}, c), errs.NotFound)

	// Many at once.
	var invs []access.Involvement
	for i := range 5 {
		invs = append(invs, access.Involvement{PersonID: q.ID, Kind: access.KindChildInNeed, TeamID: teamA.ID, WorkerID: worker.ID, StartDate: day(2020+i, 1, 1)})
	}
	ok(t, s.ImportInvolvements(ctx, invs, c))
	wantCode(t, s.ImportInvolvements(ctx, []access.Involvement{{PersonID: q.ID, Kind: access.KindContact, TeamID: teamA.ID + 1000}}, c), errs.Invalid)

	many, err := s.Subjects(ctx, []people.ID{q.ID, p.ID, q.ID + 1000, q.ID}, now)
	ok(t, err)
	if len(many) != 2 {
		t.Fatalf("Subjects returned %d people, want 2", len(many))
	}
	equal(t, "subjects: restricted", many[p.ID].Restricted, true)
	equal(t, "subjects: involvements", len(many[p.ID].Involvements), 2)
	equal(t, "subjects: grants", len(many[p.ID].Grants), 1)
	equal(t, "subjects: plain", many[q.ID].Restricted, false)
	equal(t, "subjects: imported involvements", many[q.ID].Involvements, invs)
	equal(t, "subjects: no grants", len(many[q.ID].Grants), 0)
	equal(t, "subjects: team services", many[q.ID].TeamServices, map[access.TeamID]access.ServiceID{teamA.ID: csc.ID})

	empty, err := s.Subjects(ctx, nil, now)
	ok(t, err)
	equal(t, "subjects of nobody", len(empty), 0)
}
