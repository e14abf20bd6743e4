package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// TestProgrammeRefusesDeletes: on both databases, none of the programme's
// current rows (Supporting Families' claims among them) can be deleted, whatever the code that tries.
func TestProgrammeRefusesDeletes(t *testing.T) {
	lite, _ := openSQLite(t)
	for name, db := range map[string]*sqlstore.DB{"sqlite": lite, "postgres": openPostgres(t)} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			c := store.Change{Reason: "kept"}
			p, err := db.CreateProgramme(ctx, programme.Programme{Name: "Kept"}, c)
			ok(t, err)
			_, err = db.CreateProgrammeOutcome(ctx, programme.Outcome{Programme: p.ID, Number: 1, Title: "Kept"}, c)
			ok(t, err)
			pr, err := db.CreateProject(ctx, programme.Project{Programme: p.ID, Name: "Kept", Gateway: programme.Options}, c)
			ok(t, err)
			_, err = db.CreateProjectReport(ctx, programme.Report{Project: pr.ID, Month: programme.Month{Year: 2021, Month: 3}}, c)
			ok(t, err)
			_, err = db.CreateRegisterEntry(ctx, programme.Entry{Programme: p.ID, Project: pr.ID, Type: programme.RiskEntry, Status: programme.EntryOpen}, c)
			ok(t, err)
			child, err := db.CreatePerson(ctx, people.Person{GivenName: "Kept", FamilyName: "Family"}, c)
			ok(t, err)
			_, err = db.CreateClaim(ctx, programme.Claim{Person: child.ID, Family: "SF-1", Status: programme.ClaimDraft}, c)
			ok(t, err)
			w, _ := db.Pools()
			for _, q := range []string{
				"DELETE FROM family_claims",
				"DELETE FROM register_entries",
				"DELETE FROM project_reports",
				"DELETE FROM projects",
				"DELETE FROM programme_outcomes",
				"DELETE FROM programmes",
			} {
				if _, err := w.ExecContext(ctx, q); err == nil {
					t.Errorf("%s was allowed", q)
				}
			}
			r, err := db.ProgrammeRecords(ctx, p.ID, time.Time{})
			ok(t, err)
			if len(r.Outcomes) != 1 || len(r.Projects) != 1 || len(r.Reports) != 1 || len(r.Entries) != 1 {
				t.Errorf("after refused deletes: %+v", r)
			}
		})
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
