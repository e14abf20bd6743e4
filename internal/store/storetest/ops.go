package storetest

// Operations: ping, backup, and what several processes share.

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
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

// testThrottlesAreShared: steps on one key from many goroutines at once
// (as from many processes) each see the state the one before left, so a
// count taken by all of them is exact; a nil state forgets the key.
func testThrottlesAreShared(t *testing.T, s store.Store) {
	ctx := t.Context()
	key := "test:" + t.Name()
	count := func(state []byte) ([]byte, error) {
		n := 0
		if state != nil {
			var err error
			if n, err = strconv.Atoi(string(state)); err != nil {
				return nil, err
			}
		}
		return []byte(strconv.Itoa(n + 1)), nil
	}
	const steps = 24
	var wg sync.WaitGroup
	errc := make(chan error, steps)
	for range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- s.StepThrottle(ctx, key, time.Now(), count)
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		ok(t, err)
	}
	var seen []byte
	ok(t, s.StepThrottle(ctx, key, time.Now(), func(state []byte) ([]byte, error) { seen = state; return nil, nil }))
	equal(t, "count after concurrent steps", string(seen), strconv.Itoa(steps))
	ok(t, s.StepThrottle(ctx, key, time.Now(), func(state []byte) ([]byte, error) { seen = state; return state, nil }))
	if seen != nil {
		t.Errorf("a forgotten key still has state %q", seen)
	}
	// A step's error writes nothing.
	boom := errs.E(errs.Internal, "boom")
	if err := s.StepThrottle(ctx, key, time.Now(), func([]byte) ([]byte, error) { return []byte("9"), boom }); !errors.Is(err, boom) {
		t.Errorf("the step's error: %v", err)
	}
	ok(t, s.StepThrottle(ctx, key, time.Now(), func(state []byte) ([]byte, error) { seen = state; return nil, nil }))
	if seen != nil {
		t.Errorf("a failed step kept %q", seen)
	}
}

// testCacheStamp: the stamp changes when a team is added, and not
// otherwise.
func testCacheStamp(t *testing.T, s store.Store) {
	ctx := t.Context()
	before, err := s.CacheStamp(ctx)
	ok(t, err)
	again, err := s.CacheStamp(ctx)
	ok(t, err)
	equal(t, "stamp read twice", again, before)
	_, err = s.CreateService(ctx, access.Service{Name: "Stamped Service"})
	ok(t, err)
	after, err := s.CacheStamp(ctx)
	ok(t, err)
	if after == before {
		t.Errorf("the stamp %q did not change when a team was added", after)
	}
}

// testSharedSecret: a key is made once, whoever asks first, and read back
// the same by everyone after.
func testSharedSecret(t *testing.T, s store.Store) {
	ctx := t.Context()
	name := "test key " + t.Name()
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := s.SharedSecret(ctx, name, func() ([]byte, error) { return []byte{byte(i), 1, 2, 3}, nil })
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	for i := range keys {
		if string(keys[i]) != string(keys[0]) || len(keys[i]) != 4 {
			t.Fatalf("keys differ: %v", keys)
		}
	}
	again, err := s.SharedSecret(ctx, name, func() ([]byte, error) { return []byte("another"), nil })
	ok(t, err)
	equal(t, "the key read again", string(again), string(keys[0]))
}
