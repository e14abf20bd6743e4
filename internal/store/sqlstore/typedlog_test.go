package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// oldLines are access-log lines as they were written before lines were
// typed (migration 0005), and what each becomes.
var oldLines = []struct {
	id                       int64
	person                   any // NULL or an id
	action, reason           string
	kind                     store.Kind
	record                   int64
	newAction, newReason, nt string
}{
	{1, 7, "read", "allocated worker", store.KindPerson, 7, "read", "allocated worker", ""},
	{2, 7, "update", "relationship added", store.KindRelationship, 0, "create", "relationship added", ""},
	{3, 7, "update", "relationship changed", store.KindRelationship, 0, "update", "relationship changed", ""},
	{4, 8, "update", "team", store.KindPerson, 8, "update", "team", ""},
	{5, nil, "search", "role", "", 0, "search", "role", ""},
	{6, 9, "restrict", "Adoption order made", store.KindPerson, 9, "restrict", "role", "Adoption order made"},
	{7, 9, "denied", "person.read: restricted", store.KindPerson, 9, "denied", "person.read: restricted", ""},
	{8, 9, "grant", "granted to user 3", store.KindPerson, 9, "grant.create", "granted to user 3", ""},
	{9, nil, "search", "role; name: amira; date of birth: 2015-05-04; shown 1, hidden count 0", "", 0, "search", "role", "name: amira; date of birth: 2015-05-04; shown 1, hidden count 0"},
	{10, nil, "check", "role; name: amira khan; shown 0, hidden count 0", "", 0, "check", "role", "name: amira khan; shown 0, hidden count 0"},
	{11, nil, "denied", "search: too many searches; name: a; postcode: WV1", "", 0, "denied", "search: too many searches", "name: a; postcode: WV1"},
	{12, nil, "user.roles", "user 12: roles practitioner -> team_manager; reason: promoted", store.KindUser, 12, "user.roles", "user 12: roles practitioner -> team_manager; reason: promoted", ""},
	{13, 9, "denied", "user 4: refused a grant to themselves: separation of duties", store.KindUser, 4, "denied", "user 4: refused a grant to themselves: separation of duties", ""},
	{14, nil, "search", "role", "", 0, "search", "role", ""},
}

const oldLogTable = `CREATE TABLE %saccess_log (id INTEGER PRIMARY KEY, at DATETIME NOT NULL, user_id INTEGER, username TEXT NOT NULL DEFAULT '',
	person_id INTEGER, action TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', remote TEXT NOT NULL DEFAULT '', route TEXT NOT NULL DEFAULT '')`

func execAll(t *testing.T, db *sql.DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func insertOldLines(t *testing.T, db *sql.DB, from, to int) {
	t.Helper()
	for _, l := range oldLines[from:to] {
		if _, err := db.ExecContext(context.Background(), "INSERT INTO access_log (id, at, person_id, action, reason) VALUES ($1, '2026-01-05 10:00:00', $2, $3, $4)",
			l.id, l.person, l.action, l.reason); err != nil {
			t.Fatal(err)
		}
	}
}

// checkTyped checks that the store's log holds oldLines, typed.
func checkTyped(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	got, err := db.AccessLog(context.Background(), store.AccessQuery{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]store.AccessEntry{}
	for _, e := range got {
		byID[e.ID] = e
	}
	if len(byID) != len(oldLines) {
		t.Fatalf("%d lines after the upgrade, want %d", len(byID), len(oldLines))
	}
	for _, l := range oldLines {
		e := byID[l.id]
		var person people.ID
		if l.person != nil {
			person = people.ID(l.person.(int))
		}
		gotLine := []any{e.PersonID, e.Kind, e.RecordID, e.Action, e.Reason, e.Note, e.State}
		want := []any{person, l.kind, l.record, store.AccessAction(l.newAction), l.newReason, l.nt, store.LineDone}
		if !reflect.DeepEqual(gotLine, want) {
			t.Errorf("line %d (%s, %q):\n got %v\nwant %v", l.id, l.action, l.reason, gotLine, want)
		}
	}
}

// TestSQLiteAccessLogTypedUpgrade opens a store whose log's file was
// written before lines were typed, and which still has some lines in its
// main file (a move that stopped half way): every line ends up once in the
// log's file, typed, and the log still refuses to be changed.
func TestSQLiteAccessLogTypedUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	audit, err := sql.Open("sqlite", sqlstore.AuditPath(path))
	if err != nil {
		t.Fatal(err)
	}
	execAll(t, audit, "DROP TABLE access_log", fmt.Sprintf(oldLogTable, ""),
		`CREATE TRIGGER access_log_never_changed BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is never changed'); END`)
	insertOldLines(t, audit, 0, 8)
	audit.Close()
	main, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	execAll(t, main, fmt.Sprintf(oldLogTable, ""))
	insertOldLines(t, main, 7, len(oldLines)) // line 8 is in both, as after a move that stopped
	main.Close()

	db, err = sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkTyped(t, db)
	w, _ := db.Pools()
	for _, q := range []string{
		"UPDATE access_log SET reason = 'changed' WHERE id = 1",
		"UPDATE access_log SET state = 'failed' WHERE id = 1",
		"DELETE FROM access_log WHERE id = 1",
	} {
		if _, err := w.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the log allowed it", q)
		}
	}
	// Opening it again changes nothing.
	db.Close()
	db, err = sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	checkTyped(t, db)
}

// TestPostgresAccessLogTyped0005 runs migration 0005 over lines written
// before it.
func TestPostgresAccessLogTyped0005(t *testing.T) {
	ctx := context.Background()
	dsn := newSchema(t)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ms, err := sqlstore.Migrations("postgres")
	if err != nil {
		t.Fatal(err)
	}
	execAll(t, raw, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")
	for _, m := range ms {
		if m.Version >= 5 {
			break
		}
		execAll(t, raw, m.SQL)
		if _, err := raw.ExecContext(ctx, "INSERT INTO schema_migrations VALUES ($1, now())", m.Version); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range oldLines {
		if _, err := raw.ExecContext(ctx, "INSERT INTO access_log (at, person_id, action, reason) VALUES ('2026-01-05 10:00:00+00', $1, $2, $3)",
			l.person, l.action, l.reason); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkTyped(t, db)
	for _, q := range []string{
		"UPDATE access_log SET reason = 'changed' WHERE id = 1",
		"UPDATE access_log SET state = 'failed' WHERE id = 1",
		"DELETE FROM access_log WHERE id = 1",
	} {
		if _, err := raw.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: the log allowed it", q)
		}
	}
}

// TestSQLiteReopenSettles: a process that wrote a record and stopped before
// settling its line leaves the line pending; opening the store settles it
// from the records, with the new record's id. A line whose write never
// committed stays pending.
func TestSQLiteReopenSettles(t *testing.T) {
	ctx := context.Background()
	db, path := openSQLite(t)
	created, err := db.LogPending(ctx, store.AccessEntry{Kind: store.KindPerson, Action: store.LogCreate, Reason: "created"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePerson(ctx, people.Person{GivenName: "Ada", FamilyName: "Stone"}, store.Change{Reason: "new", LogLine: created})
	if err != nil {
		t.Fatal(err)
	}
	lost, err := db.LogPending(ctx, store.AccessEntry{Kind: store.KindPerson, Action: store.LogCreate, Reason: "created"})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lines, err := db.AccessLog(ctx, store.AccessQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]store.AccessEntry{}
	for _, l := range lines {
		got[l.ID] = l
	}
	if l := got[created]; l.State != store.LineDone || l.PersonID != p.ID || l.RecordID != int64(p.ID) {
		t.Errorf("the committed write's line is %s, person %d, record %d; want done, %d, %d", l.State, l.PersonID, l.RecordID, p.ID, p.ID)
	}
	if l := got[lost]; l.State != store.LinePending {
		t.Errorf("the line of a write that never happened is %s, want pending", l.State)
	}
}

// TestSQLiteKilledBetweenWriteAndSettle runs a process that logs a write as
// pending, makes the write, and is killed before it can settle the line or
// close the store; opening the store again settles the line from the write.
func TestSQLiteKilledBetweenWriteAndSettle(t *testing.T) {
	if path := os.Getenv("HEARTH_TEST_KILLED_STORE"); path != "" {
		killedWriter(path)
		return
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSQLiteKilledBetweenWriteAndSettle$")
	cmd.Env = append(os.Environ(), "HEARTH_TEST_KILLED_STORE="+path)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the writer was not killed: %v\n%s", err, out)
	}
	var line int64
	if _, err := fmt.Sscanf(string(out), "line %d", &line); err != nil {
		t.Fatalf("the writer said %q: %v", out, err)
	}

	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lines, err := db.AccessLog(context.Background(), store.AccessQuery{Action: store.LogCreate})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].ID != line || lines[0].State != store.LineDone || lines[0].PersonID == 0 || lines[0].RecordID != int64(lines[0].PersonID) {
		t.Fatalf("after the kill the log holds %+v, want line %d done with the new person", lines, line)
	}
}

// killedWriter is the killed process: it writes, then kills itself before
// settling its line.
func killedWriter(path string) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	line, err := db.LogPending(ctx, store.AccessEntry{Kind: store.KindPerson, Action: store.LogCreate, Reason: "role"})
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	if _, err := db.CreatePerson(ctx, people.Person{GivenName: "Kit", FamilyName: "Lost"}, store.Change{Reason: "new", LogLine: line}); err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	fmt.Printf("line %d\n", line)
	os.Stdout.Sync()
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // the signal ends the process
}
