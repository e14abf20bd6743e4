package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// The notes an exclusion writes (migration 0025) are what was known when
// they were written: both databases refuse to change or delete one.

func TestSQLiteExclusionFlagsNeverChanged(t *testing.T) {
	db, _ := openSQLite(t)
	flagsNeverChanged(t, db)
}

func TestPostgresExclusionFlagsNeverChanged(t *testing.T) {
	postgresAdmin(t)
	flagsNeverChanged(t, openPostgres(t))
}

func flagsNeverChanged(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	c := store.Change{Reason: "test"}
	p, err := db.CreatePerson(ctx, people.Person{GivenName: "Kept", FamilyName: "Noted"}, c)
	if err != nil {
		t.Fatal(err)
	}
	team, err := db.CreateTeam(ctx, access.Team{Name: "Virtual School"})
	if err != nil {
		t.Fatal(err)
	}
	start := civil.MustNew(2026, time.June, 12)
	err = db.Atomic(ctx, func(tx store.Tx) error {
		r, err := tx.CreateEducationRecord(ctx, education.Normalise(education.Record{PersonID: p.ID, Kind: education.KindExclusion,
			Exclusion: &education.SchoolExclusion{School: "103234", Exclusion: education.Exclusion{Category: education.Permanent, Start: start, Reasons: []string{"PA"}}}}), c)
		if err != nil {
			return err
		}
		return tx.CreateExclusionFlags(ctx, []store.ExclusionFlag{{PersonID: p.ID, Record: r.ID, TeamID: team.ID, Category: education.Permanent, Start: start}}, c)
	})
	if err != nil {
		t.Fatal(err)
	}
	w, _ := db.Pools()
	for _, q := range []string{"DELETE FROM exclusion_flags", "UPDATE exclusion_flags SET category = 'SUSP'"} {
		if _, err := w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
	var cat string
	if err := w.QueryRowContext(ctx, "SELECT category FROM exclusion_flags").Scan(&cat); err != nil || cat != education.Permanent {
		t.Errorf("the note after the refused writes: %q, %v", cat, err)
	}
}
