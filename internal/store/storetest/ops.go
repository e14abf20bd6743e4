package storetest

// Operations: ping and backup.

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hearth/internal/errs"
	"hearth/internal/store"
)

func testPing(t *testing.T, s store.Store) {
	ok(t, s.Ping(t.Context()))
}

func testBackup(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Max Backup")
	p := mustCreate(t, s, samplePerson(), store.Change{By: u.ID})
	path := filepath.Join(t.TempDir(), "copies", "hearth-backup.db")
	err := s.Backup(ctx, path)
	if err != nil && strings.Contains(err.Error(), "pg_dump") {
		wantCode(t, err, errs.Invalid)
		t.Skip("this store is backed up with pg_dump")
	}
	ok(t, err)
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("backup file: %v", err)
	}
	// A second backup never overwrites the first.
	wantCode(t, s.Backup(ctx, path), errs.Conflict)

	if !slices.Contains(sql.Drivers(), "sqlite") {
		t.Skip("no sqlite driver to check the backup with")
	}
	db, err := sql.Open("sqlite", path)
	ok(t, err)
	defer db.Close()
	var check string
	ok(t, db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check))
	equal(t, "integrity_check", check, "ok")
	var n int
	ok(t, db.QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE id = $1", int64(p.ID)).Scan(&n))
	equal(t, "person in the backup", n, 1)
}
