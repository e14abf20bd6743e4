package sqlstore_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// copyFile copies a closed store's file for a test.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func newClosedStore(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "hearth.db")
	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccess(context.Background(), store.AccessEntry{Action: "read", Reason: dir}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// TestSQLiteLogFromAnotherStoreRefused: a store's access log put back beside
// another store's records is refused at opening, not appended to.
func TestSQLiteLogFromAnotherStoreRefused(t *testing.T) {
	a := newClosedStore(t, t.TempDir())
	b := newClosedStore(t, t.TempDir())
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(sqlstore.AuditPath(a) + suffix)
	}
	copyFile(t, sqlstore.AuditPath(b), sqlstore.AuditPath(a))
	db, err := sqlstore.Open(context.Background(), a)
	if err == nil {
		db.Close()
		t.Fatal("a store opened with another store's access log")
	}
	if !strings.Contains(err.Error(), "belongs to another store") {
		t.Errorf("error %q does not say the log is another store's", err)
	}
}

// TestSQLiteIdentityOfAnOlderStore: a store made before stores had ids gets
// one in both files; one whose opening stopped between the two files takes
// the log's; records with an id beside a log without one are refused.
func TestSQLiteIdentityOfAnOlderStore(t *testing.T) {
	ctx := context.Background()
	path := newClosedStore(t, t.TempDir())
	exec := func(q string) {
		t.Helper()
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.ExecContext(ctx, "ATTACH DATABASE $1 AS audit", sqlstore.AuditPath(path)); err != nil {
			t.Fatal(err)
		}
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	idOf := func() string {
		t.Helper()
		db, err := sqlstore.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		id, err := db.StoreID(ctx)
		if err != nil || len(id) != 32 {
			t.Fatalf("store id %q, %v", id, err)
		}
		return id
	}
	first := idOf()

	exec("DELETE FROM main.store_identity; DELETE FROM audit.log_identity")
	second := idOf()
	if second == first {
		t.Error("an older store was given the same id again")
	}

	exec("DELETE FROM main.store_identity")
	if got := idOf(); got != second {
		t.Errorf("records without an id beside a log with one: id %s, want the log's %s", got, second)
	}

	exec("DELETE FROM audit.log_identity")
	if db, err := sqlstore.Open(ctx, path); err == nil {
		db.Close()
		t.Fatal("records with an id opened beside a log without one")
	} else if !strings.Contains(err.Error(), "has no store id") {
		t.Errorf("error %q", err)
	}
}

func TestSQLiteRestore(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	p, err := db.CreatePerson(ctx, people.Person{GivenName: "Kept", FamilyName: "Safe"}, store.Change{Reason: "before the backup"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccess(ctx, store.AccessEntry{PersonID: p.ID, Action: "read"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	want, err := sqlstore.ReadManifest(backup)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := db.StoreID(ctx)
	if want.StoreID != id || want.Rows["people"] != 1 || want.Rows["audit.access_log"] < 1 || want.LastChange == "" {
		t.Fatalf("manifest %+v (store %s)", want, id)
	}

	// A restore stopped part way earlier left its folder of work beside
	// the place: it is cleared, and the copy is made again.
	to := filepath.Join(t.TempDir(), "restored", "hearth.db")
	stage := filepath.Join(filepath.Dir(to), ".hearth.db.restoring")
	if err := os.MkdirAll(stage, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stage, "hearth.db"), []byte("half a copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := sqlstore.Restore(ctx, backup, to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stage); !os.IsNotExist(err) {
		t.Errorf("the folder the copy was made in is still there (%v)", err)
	}
	if diff := want.Differences(got); len(diff) > 0 {
		t.Errorf("restored copy differs: %v", diff)
	}
	restored, err := sqlstore.Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	if person, err := restored.Person(ctx, sys(p.ID), time.Time{}); err != nil || person.FullName() != "Kept Safe" {
		t.Errorf("the restored person: %+v, %v", person, err)
	}
	restored.Close()

	// Never over a store.
	if _, err := sqlstore.Restore(ctx, backup, to); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("restoring over a store: %v, want a conflict", err)
	}
	// Nor where a store's journal was left behind (it would be replayed
	// into the copy), for either file; the stray file is left alone.
	for _, stray := range []string{"hearth.db-wal", "hearth.access-log.db-shm", "hearth.db-journal"} {
		place := filepath.Join(t.TempDir(), "hearth.db")
		if err := os.WriteFile(filepath.Join(filepath.Dir(place), stray), []byte("left behind"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := sqlstore.Restore(ctx, backup, place); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("restoring beside a stray %s: %v, want a conflict", stray, err)
		}
		if _, err := os.Stat(place); !os.IsNotExist(err) {
			t.Errorf("the refused restore beside %s left a copy (%v)", stray, err)
		}
		if data, _ := os.ReadFile(filepath.Join(filepath.Dir(place), stray)); string(data) != "left behind" {
			t.Errorf("the stray %s was changed", stray)
		}
	}

	// A backup whose log is another store's is refused, and leaves nothing.
	other := newClosedStore(t, t.TempDir())
	copyFile(t, sqlstore.AuditPath(other), sqlstore.AuditPath(backup))
	elsewhere := filepath.Join(t.TempDir(), "hearth.db")
	if _, err := sqlstore.Restore(ctx, backup, elsewhere); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Errorf("restoring a mismatched pair: %v", err)
	}
	for _, f := range []string{elsewhere, sqlstore.AuditPath(elsewhere), filepath.Join(filepath.Dir(elsewhere), ".hearth.db.restoring")} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s was left behind (%v)", f, err)
		}
	}
}

// TestSQLiteRestoreChecksTheManifest: a copy that does not hold what the
// backup held (here, a manifest from another moment) is refused.
func TestSQLiteRestoreChecksTheManifest(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	if err := db.Backup(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreatePerson(ctx, people.Person{GivenName: "Later", FamilyName: "Person"}, store.Change{Reason: "after"}); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.db")
	if err := db.Backup(ctx, second); err != nil {
		t.Fatal(err)
	}
	// The second backup's files with the first's manifest.
	os.Remove(sqlstore.ManifestPath(second))
	copyFile(t, sqlstore.ManifestPath(first), sqlstore.ManifestPath(second))
	to := filepath.Join(t.TempDir(), "hearth.db")
	_, err := sqlstore.Restore(ctx, second, to)
	if err == nil || !strings.Contains(err.Error(), "people has 1 rows, not 0") {
		t.Errorf("a copy unlike its manifest: %v", err)
	}
	if _, err := os.Stat(to); !os.IsNotExist(err) {
		t.Errorf("the refused copy was left behind (%v)", err)
	}
}

// TestPostgresServersStartingAtOnceShareOneID: several servers opening a
// new PostgreSQL store at the same moment end with one store id, and every
// later opening works.
func TestPostgresServersStartingAtOnceShareOneID(t *testing.T) {
	dsn := newSchema(t)
	ids := make([]string, 4)
	errc := make(chan error, len(ids))
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlstore.Open(context.Background(), dsn)
			if err != nil {
				errc <- err
				return
			}
			defer db.Close()
			ids[i], err = db.StoreID(context.Background())
			errc <- err
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range ids {
		if id == "" || id != ids[0] {
			t.Fatalf("servers starting at once have ids %q", ids)
		}
	}
}
