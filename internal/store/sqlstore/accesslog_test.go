package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// The SQLite access log is written by group commit (accesslog.go). These
// tests hold the one write connection in a transaction of their own to make
// lines queue up behind a commit, so that what is in each batch is known.

// holdWriter begins a write transaction on the store's one write connection,
// so that the access logger waits for it.
func holdWriter(t *testing.T, db *sqlstore.DB) *sql.Tx {
	t.Helper()
	w, _ := db.Pools()
	tx, err := w.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	return tx
}

// waitFor polls cond until it holds, failing the test after ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// loggerWaiting waits until the access logger has taken a batch and is
// waiting for the write connection that holdWriter holds.
func loggerWaiting(t *testing.T, db *sqlstore.DB, waits int64) {
	t.Helper()
	w, _ := db.Pools()
	waitFor(t, "the access logger waits for the writer", func() bool { return w.Stats().WaitCount >= waits })
}

// logLines logs one line with each reason, each from a goroutine of its own,
// and returns each call's error by reason once all have returned. A call
// gives up after ten seconds, so that a line never answered fails the test
// rather than hanging it.
func logLines(ctx context.Context, db *sqlstore.DB, reasons []string) func() map[string]error {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		got = map[string]error{}
	)
	for _, r := range reasons {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			err := db.LogAccess(ctx, store.AccessEntry{UserID: 1, Username: "tester", PersonID: 7, Action: "read", Reason: r})
			mu.Lock()
			got[r] = err
			mu.Unlock()
		})
	}
	return func() map[string]error {
		wg.Wait()
		return got
	}
}

// loggedReasons counts the access log's lines by reason.
func loggedReasons(t *testing.T, pool *sql.DB) map[string]int {
	t.Helper()
	rows, err := pool.QueryContext(context.Background(), "SELECT reason, COUNT(*) FROM access_log GROUP BY reason")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var (
			r string
			n int
		)
		if err := rows.Scan(&r, &n); err != nil {
			t.Fatal(err)
		}
		out[r] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func reasons(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%d", prefix, i)
	}
	return out
}

// TestSQLiteAccessLogConcurrent logs from many goroutines at once: every
// call succeeds and every line is in the log exactly once.
func TestSQLiteAccessLogConcurrent(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	const workers, each = 50, 40
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				err := db.LogAccess(ctx, store.AccessEntry{UserID: 1, Username: "tester", PersonID: 7, Action: "read",
					Reason: fmt.Sprintf("w%d-%d", w, i)})
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d calls failed; the first: %v", len(errs), errs[0])
	}
	got := loggedReasons(t, db.SQL())
	if len(got) != workers*each {
		t.Errorf("the log has %d distinct lines, want %d", len(got), workers*each)
	}
	for w := range workers {
		for i := range each {
			if r := fmt.Sprintf("w%d-%d", w, i); got[r] != 1 {
				t.Errorf("line %s is in the log %d times", r, got[r])
			}
		}
	}
	t.Logf("%d lines in %d transactions", workers*each, db.AccessLogTransactions())
}

// TestSQLiteAccessLogGroups checks that lines queued while a commit is under
// way are written together, in one transaction.
func TestSQLiteAccessLogGroups(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	hold := holdWriter(t, db)
	first := logLines(ctx, db, []string{"first"})
	loggerWaiting(t, db, 1)
	rest := logLines(ctx, db, reasons("rest", 40))
	waitFor(t, "40 lines are queued", func() bool { return db.AccessLogQueued() == 40 })
	if err := hold.Rollback(); err != nil {
		t.Fatal(err)
	}
	for r, err := range first() {
		if err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	for r, err := range rest() {
		if err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	if n := db.AccessLogTransactions(); n != 2 {
		t.Errorf("41 lines took %d transactions, want 2 (the first line, then the 40 queued behind it)", n)
	}
	if got := loggedReasons(t, db.SQL()); len(got) != 41 {
		t.Errorf("the log has %d distinct lines, want 41", len(got))
	}
}

// TestSQLiteAccessLogBadLine puts a line the database refuses in a batch of
// good ones: its caller gets an error, the others nil, and only the good
// lines are written.
func TestSQLiteAccessLogBadLine(t *testing.T) {
	ctx := context.Background()
	db, _ := openSQLite(t)
	w, _ := db.Pools()
	// The access log has no constraint a line can break, so the test adds
	// one: a trigger that refuses one reason.
	if _, err := w.ExecContext(ctx, `CREATE TRIGGER audit.refuse_line BEFORE INSERT ON access_log
		WHEN NEW.reason = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	hold := holdWriter(t, db)
	first := logLines(ctx, db, []string{"first"})
	loggerWaiting(t, db, 1)
	batch := append(reasons("good", 20), "refused")
	done := logLines(ctx, db, batch)
	waitFor(t, "21 lines are queued", func() bool { return db.AccessLogQueued() == len(batch) })
	if err := hold.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := first()["first"]; err != nil {
		t.Fatal(err)
	}
	for r, err := range done() {
		switch {
		case r == "refused" && err == nil:
			t.Error("the refused line was reported written")
		case r != "refused" && err != nil:
			t.Errorf("%s failed with the refused line: %v", r, err)
		}
	}
	got := loggedReasons(t, db.SQL())
	if got["refused"] != 0 {
		t.Error("the refused line is in the log")
	}
	for _, r := range append(reasons("good", 20), "first") {
		if got[r] != 1 {
			t.Errorf("line %s is in the log %d times", r, got[r])
		}
	}
	// A refused line alone is an error too.
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read", Reason: "refused"}); err == nil {
		t.Error("a refused line on its own was reported written")
	}
}

// TestSQLiteAccessLogCancelled checks that a caller whose context ends stops
// waiting, and that its line, once queued, is still written; and that a
// context that has already ended queues nothing.
func TestSQLiteAccessLogCancelled(t *testing.T) {
	db, _ := openSQLite(t)
	hold := holdWriter(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := db.LogAccess(ctx, store.AccessEntry{Action: "read", Reason: "gave up"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a caller whose deadline passed got %v", err)
	}
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read", Reason: "too late"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a caller whose deadline had passed got %v", err)
	}
	if err := hold.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := db.LogAccess(context.Background(), store.AccessEntry{Action: "read", Reason: "after"}); err != nil {
		t.Fatal(err)
	}
	got := loggedReasons(t, db.SQL())
	if got["gave up"] != 1 || got["after"] != 1 || got["too late"] != 0 {
		t.Errorf("lines in the log: %v; want one each of \"gave up\" and \"after\"", got)
	}
}

// TestSQLiteAccessLogClose checks that Close writes every line queued before
// it, and that LogAccess fails once Close has begun.
func TestSQLiteAccessLogClose(t *testing.T) {
	ctx := context.Background()
	db, path := openSQLite(t)
	hold := holdWriter(t, db)
	first := logLines(ctx, db, []string{"first"})
	loggerWaiting(t, db, 1)
	queued := logLines(ctx, db, reasons("queued", 30))
	waitFor(t, "30 lines are queued", func() bool { return db.AccessLogQueued() == 30 })
	closed := make(chan error, 1)
	go func() { closed <- db.Close() }()
	waitFor(t, "the logger is closed", db.AccessLogClosed)
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read", Reason: "after close"}); err == nil {
		t.Error("LogAccess succeeded after Close")
	}
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) with lines still queued", err)
	case <-time.After(20 * time.Millisecond):
	}
	if err := hold.Rollback(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	for r, err := range first() {
		if err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	for r, err := range queued() {
		if err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	if err := db.LogAccess(ctx, store.AccessEntry{Action: "read", Reason: "after close"}); err == nil {
		t.Error("LogAccess succeeded on a closed store")
	}

	again, err := sqlstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	got := loggedReasons(t, again.SQL())
	if len(got) != 31 || got["first"] != 1 || got["after close"] != 0 {
		t.Errorf("after Close the log has %d distinct lines (%v), want 31", len(got), got)
	}
	for _, r := range reasons("queued", 30) {
		if got[r] != 1 {
			t.Errorf("line %s is in the log %d times", r, got[r])
		}
	}
}

// BenchmarkSQLiteLogAccess logs from many goroutines at once, as a busy
// server does; ns/op is the time per line, shared among the waiters.
func BenchmarkSQLiteLogAccess(b *testing.B) {
	ctx := context.Background()
	db, _ := openSQLite(b)
	b.SetParallelism(25)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := db.LogAccess(ctx, store.AccessEntry{UserID: 1, Username: "tester", PersonID: 7, Action: "read"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/float64(db.AccessLogTransactions()), "lines/commit")
}
