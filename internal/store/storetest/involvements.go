package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// testInvolvements: an involvement is a versioned record. It is created as
// version 1, ended by an update that sets its end date, refused when stale
// (and then nothing is written), keeps its person and kind, and has a
// history; its kind is checked on every write.
func testInvolvements(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Assessment"})
	ok(t, err)
	u := mustUser(t, s, "Ivy Worker")
	c := store.Change{By: u.ID, Reason: "referral accepted"}
	p := mustCreate(t, s, child("Ola", "Involved", day(2017, 3, 3)), c)

	inv := mustInvolve(t, s, access.Involvement{PersonID: p.ID, Kind: access.KindChildInNeed, TeamID: team.ID, WorkerID: u.ID, StartDate: day(2024, 1, 8)}, c)
	if inv.ID <= 0 || inv.Version != 1 {
		t.Fatalf("created involvement has id %d version %d, want a new id and version 1", inv.ID, inv.Version)
	}
	got, err := s.Involvements(ctx, sys(p.ID))
	ok(t, err)
	equal(t, "involvements", got, []store.Involvement{inv})

	// Ended by an update.
	ended := inv
	ended.EndDate = day(2024, 6, 30)
	ended, err = s.UpdateInvolvement(ctx, ended, store.Change{By: u.ID, Reason: "case closed"})
	ok(t, err)
	equal(t, "version after ending", ended.Version, 2)
	got, err = s.Involvements(ctx, sys(p.ID))
	ok(t, err)
	equal(t, "ended involvement", got, []store.Involvement{ended})
	subj, err := s.Subject(ctx, p.ID, at(2024, time.July, 1, 12, 0, 0, 0))
	ok(t, err)
	equal(t, "subject sees the end date", subj.Involvements[0].EndDate, ended.EndDate)

	// A stale version is refused and writes nothing.
	stale := inv
	stale.WorkerID = 0
	_, err = s.UpdateInvolvement(ctx, stale, c)
	wantCode(t, err, errs.Conflict)
	got, err = s.Involvements(ctx, sys(p.ID))
	ok(t, err)
	equal(t, "after a stale update", got, []store.Involvement{ended})

	// The kind is checked on write, and cannot be changed.
	bad := ended
	bad.Kind = "sideways"
	_, err = s.UpdateInvolvement(ctx, bad, c)
	wantField(t, wantCode(t, err, errs.Invalid), "kind")
	other := ended
	other.Kind = access.KindEarlyHelp
	_, err = s.UpdateInvolvement(ctx, other, c)
	wantField(t, wantCode(t, err, errs.Invalid), "kind")
	_, err = s.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: p.ID, Kind: "", TeamID: team.ID}}, c)
	wantField(t, wantCode(t, err, errs.Invalid), "kind")
	err = s.ImportInvolvements(ctx, []access.Involvement{{PersonID: p.ID, Kind: access.KindContact}, {PersonID: p.ID, Kind: "nonsense"}}, c)
	wantField(t, wantCode(t, err, errs.Invalid), "involvements[1].kind")
	_, err = s.UpdateInvolvement(ctx, store.Involvement{ID: ended.ID + 1000, Version: 1, Involvement: ended.Involvement}, c)
	wantCode(t, err, errs.NotFound)

	// History: both versions, with who and why.
	h, err := s.InvolvementHistory(ctx, sys(p.ID))
	ok(t, err)
	if len(h) != 2 {
		t.Fatalf("history has %d versions, want 2", len(h))
	}
	equal(t, "first version", h[0].Record, inv)
	equal(t, "second version", h[1].Record, ended)
	equal(t, "reason", h[1].Reason, "case closed")
	equal(t, "by", h[1].By, u.ID)
	equal(t, "by name", h[1].ByName, "Ivy Worker")

	// Imported involvements are versioned too.
	q := mustCreate(t, s, child("Pip", "Imported", day(2019, 9, 9)), c)
	ok(t, s.ImportInvolvements(ctx, []access.Involvement{
		{PersonID: q.ID, Kind: access.KindEarlyHelp, TeamID: team.ID, StartDate: day(2022, 2, 2)},
		{PersonID: q.ID, Kind: access.KindContact, TeamID: team.ID, StartDate: day(2021, 1, 1), EndDate: day(2021, 1, 5)},
	}, c))
	imported, err := s.Involvements(ctx, sys(q.ID))
	ok(t, err)
	if len(imported) != 2 || imported[0].Kind != access.KindContact || imported[0].Version != 1 || imported[1].Version != 1 {
		t.Fatalf("imported involvements, oldest first: %+v", imported)
	}
	h, err = s.InvolvementHistory(ctx, sys(q.ID))
	ok(t, err)
	equal(t, "imported history", len(h), 2)
	closed := imported[0]
	closed.EndDate = day(2021, 2, 1)
	closed, err = s.UpdateInvolvement(ctx, closed, c)
	ok(t, err)
	equal(t, "imported, then changed", closed.Version, 2)

	none, err := s.Involvements(ctx, sys(q.ID+1000))
	ok(t, err)
	equal(t, "no involvements", len(none), 0)
}

// testReadsNeedAPermit: every read of a child's record refuses the zero
// Permit, as an internal error that says a read was attempted without an
// access decision.
func testReadsNeedAPermit(t *testing.T, s store.Store) {
	ctx := t.Context()
	p := mustCreate(t, s, child("Nia", "Guarded", day(2016, 6, 6)), store.Change{Reason: "test"})
	var none access.Permit
	reads := map[string]func() error{
		"Person":               func() error { _, err := s.Person(ctx, none, time.Time{}); return err },
		"Person as of":         func() error { _, err := s.Person(ctx, none, time.Now()); return err },
		"PersonHistory":        func() error { _, err := s.PersonHistory(ctx, none); return err },
		"Relationships":        func() error { _, err := s.Relationships(ctx, none, time.Time{}); return err },
		"RelationshipHistory":  func() error { _, err := s.RelationshipHistory(ctx, none); return err },
		"Involvements":         func() error { _, err := s.Involvements(ctx, none); return err },
		"InvolvementHistory":   func() error { _, err := s.InvolvementHistory(ctx, none); return err },
		"JourneyRecords":       func() error { _, err := s.JourneyRecords(ctx, none, time.Time{}); return err },
		"JourneyRecords as of": func() error { _, err := s.JourneyRecords(ctx, none, time.Now()); return err },
		"ChildrenWork":         func() error { _, err := s.ChildrenWork(ctx, []access.Permit{none}); return err },
		"JourneyHistory":       func() error { _, err := s.JourneyHistory(ctx, none, 1); return err },
		"JourneyMark":          func() error { _, err := s.JourneyMark(ctx, none); return err },
	}
	for name, read := range reads {
		e := wantCode(t, read(), errs.Internal)
		if e != nil && e.Message != "A record was read without an access decision" {
			t.Errorf("%s: message %q", name, e.Message)
		}
	}
	// The same reads with a permit succeed.
	_, err := s.Person(ctx, sys(p.ID), time.Time{})
	ok(t, err)
}
