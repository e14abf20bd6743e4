package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/journey"
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
		"DELETE FROM involvements",
		"DELETE FROM journey_records",
		"DELETE FROM settings",
		"DELETE FROM access_log",
		"UPDATE access_log SET action = 'nothing'",
	} {
		if _, err := w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
	h, err := db.PersonHistory(ctx, sys(p.ID))
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
	if err := db.LogAccess(ctx, store.AccessEntry{PersonID: p.ID, Action: "read", Reason: "before the backup"}); err != nil {
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
	got, err := copyDB.Person(ctx, sys(p.ID), time.Time{})
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
	// The access log came with it, from its own file.
	lines, err := copyDB.AccessLog(ctx, store.AccessQuery{PersonID: p.ID})
	if err != nil || len(lines) != 1 || lines[0].Reason != "before the backup" {
		t.Fatalf("access log in the backup: %v, %+v", err, lines)
	}
	if _, err := os.Stat(sqlstore.AuditPath(path)); err != nil {
		t.Errorf("no access log file beside the backup: %v", err)
	}
}

// TestSQLiteAccessLogMoves opens a store made when the access log was a
// table of the main file: its lines move to the log's own file, once each,
// even if an earlier start moved some of them and stopped.
func TestSQLiteAccessLogMoves(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read", Reason: "moved already"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Put back the table as the first migration made it, holding the line
	// already moved (id 1) and two more.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE access_log (id INTEGER PRIMARY KEY, at DATETIME NOT NULL, user_id INTEGER, username TEXT NOT NULL DEFAULT '',
			person_id INTEGER, action TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', remote TEXT NOT NULL DEFAULT '', route TEXT NOT NULL DEFAULT '')`,
		`INSERT INTO access_log (id, at, action, reason) VALUES (1, '2026-01-05 10:00:00', 'read', 'moved already'),
			(2, '2026-01-05 10:01:00', 'read', 'second'), (3, '2026-01-05 10:02:00', 'update', 'third')`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err = sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lines, err := db.AccessLog(ctx, store.AccessQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, l := range lines {
		reasons = append(reasons, l.Reason)
	}
	slices.Sort(reasons)
	if want := []string{"moved already", "second", "third"}; !slices.Equal(reasons, want) {
		t.Errorf("after the move the log holds %q, want %q", reasons, want)
	}
	w, _ := db.Pools()
	var n int
	if err := w.QueryRowContext(ctx, "SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'access_log'").Scan(&n); err != nil || n != 0 {
		t.Errorf("the main file still has an access_log table (%d, %v)", n, err)
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

// TestSQLiteOtherPaths runs the suite again with searches answered in the
// ways that large registers need, every import loaded as a bulk load, and a
// return's journey records read a child at a time.
func TestSQLiteOtherPaths(t *testing.T) {
	// The default tuning merges keys for nearly every one-word search; these
	// take the other ways: from the keys read and sorted, or in name order.
	for _, tu := range []struct{ driverLimit, mergeKeys int }{{0, 0}, {1, 0}, {1, 2}} {
		t.Run(fmt.Sprintf("driverLimit=%d,mergeKeys=%d", tu.driverLimit, tu.mergeKeys), func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) store.Store {
				db, _ := openSQLite(t)
				db.SetTuning(tu.driverLimit, tu.mergeKeys, 1)
				db.SetReturnChunk(1)
				return db
			})
		})
	}
}

func TestSQLiteFilesArePrivate(t *testing.T) {
	ctx := context.Background()
	db, path := openSQLite(t)
	if _, err := db.CreatePerson(ctx, people.Person{GivenName: "Private"}, store.Change{}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", backup} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s has permissions %v; want none for group or others", filepath.Base(p), perm)
		}
	}
}

func summaryIDs(ss []store.PersonSummary) []people.ID {
	var out []people.ID
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

// TestSQLiteMissingAccessLogRefused: a store whose access log file has gone
// (the records restored without it) does not start a new, empty log.
func TestSQLiteMissingAccessLogRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(sqlstore.AuditPath(path) + suffix)
	}
	if db, err := sqlstore.Open(ctx, path); err == nil {
		db.Close()
		t.Fatal("a store without its access log opened")
	} else if !strings.Contains(err.Error(), "access log") {
		t.Errorf("error %q does not name the access log", err)
	}
}
