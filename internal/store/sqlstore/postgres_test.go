package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"hearth/internal/access"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
	"hearth/internal/store/storetest"
)

// The PostgreSQL tests use HEARTH_TEST_POSTGRES (or a local default); each
// store gets a schema of its own, dropped at the end, so that test runs in
// parallel packages do not meet. Without a server they skip, unless CI is
// set, when they fail.

func TestPostgres(t *testing.T) {
	postgresAdmin(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		return openPostgres(t)
	})
}

func TestPostgresMigrateTwice(t *testing.T) {
	ctx := context.Background()
	dsn := newSchema(t)
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Fatalf("a second Migrate applied %v", applied)
	}
	again, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestPostgresRefusesDeletes(t *testing.T) {
	ctx := context.Background()
	db := openPostgres(t)
	p, err := db.CreatePerson(ctx, people.Person{GivenName: "Kept", FamilyName: "Forever"}, store.Change{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: p.ID, Kind: access.KindContact}}, store.Change{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateJourneyRecord(ctx, journey.Record{PersonID: p.ID, Kind: journey.KindNote, Note: &journey.Note{Title: "Kept"}}, store.Change{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetTimescales(ctx, journey.Defaults(), 0, store.Change{}); err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read"}); err != nil {
		t.Fatal(err)
	}
	w, _ := db.Pools()
	for _, q := range []string{
		"DELETE FROM people",
		"DELETE FROM record_versions",
		"UPDATE record_versions SET reason = 'rewritten'",
		"TRUNCATE people CASCADE",
		"DELETE FROM involvements",
		"DELETE FROM journey_records",
		"DELETE FROM settings",
		"TRUNCATE settings",
		"TRUNCATE involvements",
		"DELETE FROM access_log",
	} {
		if _, err := w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
	n, err := db.CountPeople(ctx)
	if err != nil || n != 1 {
		t.Fatalf("people after refused deletes: %d, %v", n, err)
	}
}

// TestPostgresOtherPaths runs the suite again with searches answered in the
// ways that large registers need, and a return's journey records read a
// child at a time.
func TestPostgresOtherPaths(t *testing.T) {
	postgresAdmin(t)
	// The default tuning merges keys for nearly every one-word search; these
	// take the other ways: from the keys read and sorted, or in name order.
	for _, tu := range []struct{ driverLimit, mergeKeys int }{{0, 0}, {1, 0}, {1, 2}} {
		t.Run(fmt.Sprintf("driverLimit=%d,mergeKeys=%d", tu.driverLimit, tu.mergeKeys), func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) store.Store {
				db := openPostgres(t)
				db.SetTuning(tu.driverLimit, tu.mergeKeys, 1)
				db.SetReturnChunk(1)
				return db
			})
		})
	}
}
