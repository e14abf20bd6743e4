package storetest

import (
	"errors"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// testAtomic: the writes of a unit of work commit together or not at all.
// A person and their first involvement are written together; when the
// second write fails (an involvement of an unknown kind), or the unit's own
// code fails after both, no person is left.
func testAtomic(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Front Door"})
	ok(t, err)
	c := store.Change{Reason: "contact"}
	before, err := s.CountPeople(ctx)
	ok(t, err)

	var created people.Person
	err = s.Atomic(ctx, func(tx store.Tx) error {
		p, err := tx.CreatePerson(ctx, child("Una", "Unwritten", day(2019, 4, 4)), c)
		if err != nil {
			return err
		}
		created = p
		_, err = tx.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: p.ID, Kind: "no such kind", TeamID: team.ID}}, c)
		return err
	})
	wantField(t, wantCode(t, err, errs.Invalid), "kind")
	if created.ID == 0 {
		t.Fatal("the first write of the unit did not run")
	}
	after, err := s.CountPeople(ctx)
	ok(t, err)
	equal(t, "people after a failed unit", after, before)
	_, err = s.Person(ctx, sys(created.ID), time.Time{})
	wantCode(t, err, errs.NotFound)
	found, err := s.SearchPeople(ctx, store.PersonQuery{Name: "Unwritten"})
	ok(t, err)
	equal(t, "search after a failed unit", len(found), 0)

	// A failure of the unit's own code after both writes also undoes them.
	oops := errors.New("oops")
	err = s.Atomic(ctx, func(tx store.Tx) error {
		p, err := tx.CreatePerson(ctx, child("Vic", "Undone", day(2019, 4, 4)), c)
		if err != nil {
			return err
		}
		if _, err := tx.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: p.ID, Kind: access.KindContact, TeamID: team.ID}}, c); err != nil {
			return err
		}
		return oops
	})
	if !errors.Is(err, oops) {
		t.Fatalf("Atomic returned %v, want the unit's own error", err)
	}
	after, err = s.CountPeople(ctx)
	ok(t, err)
	equal(t, "people after an undone unit", after, before)

	// Both written when both succeed.
	var p people.Person
	var inv store.Involvement
	ok(t, s.Atomic(ctx, func(tx store.Tx) error {
		var err error
		if p, err = tx.CreatePerson(ctx, child("Wyn", "Written", day(2019, 4, 4)), c); err != nil {
			return err
		}
		inv, err = tx.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: p.ID, Kind: access.KindContact, TeamID: team.ID}}, c)
		return err
	}))
	got, err := s.Person(ctx, sys(p.ID), time.Time{})
	ok(t, err)
	equal(t, "person written", got.FamilyName, "Written")
	invs, err := s.Involvements(ctx, sys(p.ID))
	ok(t, err)
	equal(t, "involvement written", invs, []store.Involvement{inv})
}
