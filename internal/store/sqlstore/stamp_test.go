package sqlstore_test

import (
	"context"
	"testing"

	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// TestPerformanceStampAcrossProcesses: two stores open on one database, as
// two servers are. A write through one changes the other's stamp, and not
// before it commits: a reader that took the new stamp with the old records
// would keep them.
func TestPerformanceStampAcrossProcesses(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			var dsn string
			if backend == "sqlite" {
				_, dsn = openSQLite(t)
			} else {
				postgresAdmin(t)
				dsn = newSchema(t)
			}
			one, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer one.Close()
			other, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			stamp := func() string {
				t.Helper()
				s, err := other.PerformanceStamp(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			before := stamp()
			p, err := one.CreatePerson(ctx, people.Person{GivenName: "Ada", FamilyName: "Stone"}, store.Change{Reason: "new"})
			if err != nil {
				t.Fatal(err)
			}
			created := stamp()
			if created == before {
				t.Fatalf("the stamp %s did not change with a person written by another store", before)
			}
			w, _ := one.Pools()
			tx, err := w.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			for range 3 {
				if _, err := tx.ExecContext(ctx, "UPDATE people SET given_name = 'Adah' WHERE id = $1", p.ID); err != nil {
					t.Fatal(err)
				}
			}
			if got := stamp(); got != created {
				t.Errorf("the stamp %s changed to %s before the write committed", created, got)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if stamp() == created {
				t.Errorf("the stamp %s did not change when the write committed", created)
			}
		})
	}
}
