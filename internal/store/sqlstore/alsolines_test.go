package sqlstore_test

import (
	"context"
	"testing"

	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// TestAWritesFurtherLinesAreSettledWithIt: a relationship is logged on both
// people's records, as two pending lines of one write; the write's
// transaction marks both, so that a store reopened after a stop between the
// write and the settling settles both, each keeping its own person.
func TestAWritesFurtherLinesAreSettledWithIt(t *testing.T) {
	ctx := context.Background()
	db, path := openSQLite(t)
	from, err := db.CreatePerson(ctx, people.Person{GivenName: "Ada", FamilyName: "Stone"}, store.Change{Reason: "new"})
	if err != nil {
		t.Fatal(err)
	}
	to, err := db.CreatePerson(ctx, people.Person{GivenName: "Bo", FamilyName: "Stone"}, store.Change{Reason: "new"})
	if err != nil {
		t.Fatal(err)
	}
	line := func(id people.ID) int64 {
		l, err := db.LogPending(ctx, store.AccessEntry{PersonID: id, Kind: store.KindRelationship, Action: store.LogCreate, Reason: "team"})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	first, second := line(from.ID), line(to.ID)
	r, err := db.CreateRelationship(ctx, people.Relationship{From: from.ID, To: to.ID, Type: "sibling"},
		store.Change{Reason: "same household", LogLine: first, AlsoLogLines: []int64{second}})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lines, err := db.AccessLog(ctx, store.AccessQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]store.AccessEntry{}
	for _, l := range lines {
		got[l.ID] = l
	}
	for id, person := range map[int64]people.ID{first: from.ID, second: to.ID} {
		if l := got[id]; l.State != store.LineDone || l.PersonID != person || l.RecordID != int64(r.ID) {
			t.Errorf("line %d is %s, person %d, record %d; want done, %d, %d", id, l.State, l.PersonID, l.RecordID, person, r.ID)
		}
	}
}
