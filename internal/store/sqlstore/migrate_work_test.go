package sqlstore_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// TestMigrateWorkSQLite and TestMigrateWorkPostgres: migration 0011 fills
// the derived work of the journeys already in the store, in its own
// transaction, as the journey's rules make it.
func TestMigrateWorkSQLite(t *testing.T) {
	testMigrateWork(t, "sqlite", filepath.Join(t.TempDir(), "hearth.db"), "DATETIME")
}

func TestMigrateWorkPostgres(t *testing.T) {
	testMigrateWork(t, "postgres", newSchema(t), "TIMESTAMPTZ")
}

func testMigrateWork(t *testing.T, dialect, dsn, timestamp string) {
	ctx := context.Background()
	db, exec := migratedBefore(t, dialect, dsn, timestamp, 11)
	defer db.Close()
	recorded := time.Date(2024, time.March, 1, 9, 30, 0, 0, time.UTC)
	exec("INSERT INTO services (name) VALUES ('Social Care')")
	exec("INSERT INTO teams (name, service_id) VALUES ('Assessment', 1)")
	exec(`INSERT INTO people (version, given_name, family_name, given_key, family_key, restricted, postcode, updated_at, date_of_birth)
		VALUES (1, 'Ada', 'Before', 'ada', 'before', $1, '', $2, '2015-04-04')`, false, recorded)
	exec(`INSERT INTO people (version, given_name, family_name, given_key, family_key, restricted, postcode, updated_at)
		VALUES (1, 'Bo', 'Unknown', 'bo', 'unknown', $1, '', $2)`, false, recorded)
	ref := journey.Record{ID: 1, Version: 1, PersonID: 1, Kind: journey.KindReferral, Start: civil.MustNew(2024, time.February, 1), TeamID: 1,
		Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}
	meeting := journey.Record{ID: 2, Version: 1, PersonID: 1, Kind: journey.KindFamilyMeeting, Start: civil.MustNew(2024, time.February, 5), TeamID: 1,
		FamilyMeeting: &journey.FamilyMeeting{Held: civil.MustNew(2024, time.February, 20)}}
	for _, r := range []journey.Record{ref, meeting} {
		body, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		exec(`INSERT INTO journey_records (id, version, person_id, kind, start_date, team_id, recorded_at, body)`+overriding(dialect)+`
			VALUES ($1, 1, 1, $2, $3, 1, $4, $5)`, int64(r.ID), string(r.Kind), r.Start, recorded, string(body))
	}

	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) == 0 || applied[0] != 11 {
		t.Fatalf("Migrate applied %v, want 0011 first", applied)
	}
	got, err := db.ChildrenWork(ctx, []access.Permit{sys(1), sys(2)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got[2]; ok || len(got) != 1 {
		t.Fatalf("work of %d children, want only the one with a journey: %+v", len(got), got)
	}
	w := got[people.ID(1)]
	due := journey.DueWork(journey.Journey{Person: people.Person{ID: 1, DateOfBirth: civil.MustNew(2015, time.April, 4)}, Records: []journey.Record{ref, meeting}}, journey.Defaults())
	if w.Status != "assessment" || len(w.Due) != 1 || len(due) != 1 || w.Due[0] != due[0] {
		t.Errorf("migrated work %+v, want status assessment and due work %+v", w, due)
	}
	if len(w.Meetings) != 1 || w.Meetings[0].Record != 2 || w.Meetings[0].Held != meeting.FamilyMeeting.Held {
		t.Errorf("migrated meetings %+v", w.Meetings)
	}
}

// overriding is what PostgreSQL needs to take an id given to an identity
// column.
func overriding(dialect string) string {
	if dialect == "postgres" {
		return " OVERRIDING SYSTEM VALUE"
	}
	return ""
}
