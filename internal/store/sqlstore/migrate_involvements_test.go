package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestMigrateInvolvementsSQLite and TestMigrateInvolvementsPostgres: the
// involvements recorded before 0004 become version 1 of versioned records,
// each with its version row, and can then be changed as any other.
func TestMigrateInvolvementsSQLite(t *testing.T) {
	testMigrateInvolvements(t, "sqlite", filepath.Join(t.TempDir(), "hearth.db"), "DATETIME")
}

func TestMigrateInvolvementsPostgres(t *testing.T) {
	testMigrateInvolvements(t, "postgres", newSchema(t), "TIMESTAMPTZ")
}

func testMigrateInvolvements(t *testing.T, dialect, dsn, timestamp string) {
	ctx := context.Background()
	// The schema as it stood before 0004.
	db, exec := migratedBefore(t, dialect, dsn, timestamp, 4)
	defer db.Close()
	recorded := time.Date(2024, time.March, 1, 9, 30, 0, 0, time.UTC)
	exec("INSERT INTO services (name) VALUES ('Social Care')")
	exec("INSERT INTO teams (name, service_id) VALUES ('Assessment', 1)")
	exec("INSERT INTO users (username, display_name, team_id, created_at) VALUES ('ivy', 'Ivy Worker', 1, $1)", recorded)
	exec(`INSERT INTO people (version, given_name, family_name, given_key, family_key, restricted, postcode, updated_at)
		VALUES (1, 'Ada', 'Before', 'ada', 'before', $1, '', $2)`, false, recorded)
	exec(`INSERT INTO involvements (person_id, kind, team_id, worker_id, start_date, end_date, recorded_at, recorded_by, reason)
		VALUES (1, 'child_in_need', 1, 1, '2024-01-08', NULL, $1, 1, 'plan agreed')`, recorded)
	exec(`INSERT INTO involvements (person_id, kind, team_id, worker_id, start_date, end_date, recorded_at, recorded_by, reason)
		VALUES (1, 'contact', NULL, NULL, '2023-05-01', '2023-05-02', $1, NULL, '')`, recorded)

	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) == 0 || applied[0] != 4 {
		t.Fatalf("Migrate applied %v, want 0004 first", applied)
	}

	pm := sys(people.ID(1))
	got, err := db.Involvements(ctx, pm)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Involvement{
		{ID: 2, Version: 1, Involvement: access.Involvement{PersonID: 1, Kind: access.KindContact, StartDate: civil.MustNew(2023, time.May, 1), EndDate: civil.MustNew(2023, time.May, 2)}},
		{ID: 1, Version: 1, Involvement: access.Involvement{PersonID: 1, Kind: access.KindChildInNeed, TeamID: 1, WorkerID: 1, StartDate: civil.MustNew(2024, time.January, 8)}},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("migrated involvements\ngot  %+v\nwant %+v", got, want)
	}
	h, err := db.InvolvementHistory(ctx, pm)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 {
		t.Fatalf("history has %d versions, want 2", len(h))
	}
	for _, v := range h {
		if v.Version != 1 || !v.RecordedAt.Equal(recorded) {
			t.Errorf("version row %+v: want version 1 recorded at %s", v, recorded)
		}
		if v.Record.ID == 1 && (v.By != 1 || v.Reason != "plan agreed" || v.ByName != "Ivy Worker") {
			t.Errorf("version row of involvement 1: by %d %q, reason %q", v.By, v.ByName, v.Reason)
		}
	}
	ended := got[1]
	ended.EndDate = civil.MustNew(2024, time.June, 30)
	if ended, err = db.UpdateInvolvement(ctx, ended, store.Change{By: 1, Reason: "plan ended"}); err != nil || ended.Version != 2 {
		t.Fatalf("ending a migrated involvement: version %d, %v", ended.Version, err)
	}
	added, err := db.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: 1, Kind: access.KindEarlyHelp, TeamID: 1}}, store.Change{Reason: "new"})
	if err != nil || added.ID != 3 {
		t.Fatalf("a new involvement after the migration: id %d, %v", added.ID, err)
	}
}
