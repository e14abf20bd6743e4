package sqlstore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
	"hearth/internal/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, _ := openSQLite(t)
		return db
	})
}

func TestSQLiteMigrateTwice(t *testing.T) {
	ctx := context.Background()
	db, path := openSQLite(t)
	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Fatalf("a second Migrate applied %v", applied)
	}
	db.Close()

	// A fresh file gets every migration; opening it again gets none.
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	all, err := sqlstore.Migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	db2, err := sqlstore.Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	var n int
	if err := db2.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(all) {
		t.Fatalf("schema_migrations has %d rows, want %d", n, len(all))
	}
	again, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestSQLiteSettings(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	w, r := db.Pools()
	pragma := func(pool *sql.DB, name string) string {
		t.Helper()
		var v string
		if err := pool.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
			t.Fatalf("PRAGMA %s: %v", name, err)
		}
		return v
	}
	for _, c := range []struct {
		pool       *sql.DB
		name, want string
	}{
		{w, "journal_mode", "wal"},
		{w, "foreign_keys", "1"},
		{w, "synchronous", "2"}, // FULL
		{w, "busy_timeout", "5000"},
		{w, "query_only", "0"},
		{r, "journal_mode", "wal"},
		{r, "foreign_keys", "1"},
		{r, "busy_timeout", "5000"},
		{r, "query_only", "1"},
	} {
		if got := pragma(c.pool, c.name); got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.name, got, c.want)
		}
	}
	if w.Stats().MaxOpenConnections != 1 {
		t.Errorf("the writer allows %d connections, want 1", w.Stats().MaxOpenConnections)
	}
	if _, err := r.ExecContext(ctx, "CREATE TABLE nope (x INTEGER)"); err == nil {
		t.Error("a reader connection could write")
	}
}

func TestSQLiteRefusesDeletes(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	p, err := db.CreatePerson(ctx, people.Person{GivenName: "Kept", FamilyName: "Forever"}, store.Change{})
	if err != nil {
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
		"DELETE FROM access_log",
		"UPDATE access_log SET action = 'nothing'",
	} {
		if _, err := w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
	h, err := db.PersonHistory(ctx, p.ID)
	if err != nil || len(h) != 1 || h[0].Reason != "" {
		t.Fatalf("history after refused deletes: %v, %v", h, err)
	}
}

func TestSQLiteBackupReopens(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	p, err := db.CreatePerson(ctx, people.Person{GivenName: "Backed", FamilyName: "Up"}, store.Change{Reason: "before the backup"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	// The backup is a store in its own right.
	copyDB, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	got, err := copyDB.Person(ctx, p.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got.FullName() != "Backed Up" {
		t.Fatalf("person in the backup: %+v", got)
	}
	found, err := copyDB.SearchPeople(ctx, store.PersonQuery{Name: "backed"})
	if err != nil || len(found) != 1 {
		t.Fatalf("search in the backup: %v, %v", found, err)
	}
}

func TestSQLiteNotPostgres(t *testing.T) {
	for _, dsn := range []string{"postgres://x", "postgresql://x"} {
		if !sqlstore.IsPostgres(dsn) {
			t.Errorf("%s is not taken for PostgreSQL", dsn)
		}
	}
	for _, dsn := range []string{"hearth.db", "/var/lib/hearth/hearth.db", "./postgres.db"} {
		if sqlstore.IsPostgres(dsn) {
			t.Errorf("%s is taken for PostgreSQL", dsn)
		}
	}
	if _, err := sqlstore.Open(context.Background(), ""); err == nil {
		t.Error("an empty DSN opened")
	}
}
