package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// crashSetting reads a number from the environment, for a longer run by
// hand: HEARTH_CRASH_WRITERS=400 HEARTH_CRASH_KILLS=20 go test -run TestCrash ./cmd/hearth
func crashSetting(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// ack is a write the client saw acknowledged: the person, the version the
// answer gave, and the given name that version holds.
type ack struct {
	id      people.ID
	version int
	name    string
	update  bool
	at      time.Time // when the answer came
}

// crashRun is the writes of a crash test: how many were tried, and those a
// client saw acknowledged.
type crashRun struct {
	mu    sync.Mutex
	acks  []ack
	tried int
}

// load starts writers against the server at base until ctx ends; wait
// waits for them. Each writer creates a person through the API, then
// changes it again and again from the version it last saw; after a write
// whose outcome it did not see, it starts again with a new person.
func (c *crashRun) load(ctx context.Context, t *testing.T, base, token string, round, writers int) (wait func()) {
	lb := &balancer{bases: []string{base}, down: []bool{false}, c: &http.Client{Timeout: 10 * time.Second}}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine *ack // the writer's person, once created
			for n := 0; ctx.Err() == nil; n++ {
				name := fmt.Sprintf("R%dW%dN%d", round, w, n)
				c.mu.Lock()
				c.tried++
				c.mu.Unlock()
				if mine == nil {
					body := `{"person":{"given_name":"` + name + `","family_name":"Crash","date_of_birth":"2016-02-03","sex":"2"},"reason":"crash test"}`
					res, data, err := lb.to(0, "POST", "/api/v1/people", token, body)
					if err != nil || res.StatusCode != http.StatusCreated {
						pause(ctx, err, res)
						continue
					}
					var got struct{ Person people.Person }
					if json.Unmarshal([]byte(data), &got) != nil {
						t.Errorf("an acknowledged create with no person: %.200s", data)
						return
					}
					mine = &ack{id: got.Person.ID, version: got.Person.Version, name: name}
					c.add(*mine)
					continue
				}
				p := map[string]any{"id": mine.id, "version": mine.version, "given_name": name, "family_name": "Crash", "date_of_birth": "2016-02-03", "sex": "2"}
				b, _ := json.Marshal(map[string]any{"person": p, "reason": "crash test"})
				res, data, err := lb.to(0, "PUT", fmt.Sprintf("/api/v1/people/%d", mine.id), token, string(b))
				if err != nil || res.StatusCode != http.StatusOK {
					mine = nil
					pause(ctx, err, res)
					continue
				}
				var got struct{ Person people.Person }
				if json.Unmarshal([]byte(data), &got) != nil || got.Person.Version != mine.version+1 {
					t.Errorf("an acknowledged change: %.200s", data)
					return
				}
				mine = &ack{id: mine.id, version: got.Person.Version, name: name, update: true}
				c.add(*mine)
			}
		}()
	}
	return wg.Wait
}

// pause slows a writer whose request failed outright (the server or its
// database is down), so that the writers do not spin while it is away.
func pause(ctx context.Context, err error, res *http.Response) {
	if err != nil || res.StatusCode >= 500 {
		select {
		case <-ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (c *crashRun) add(a ack) {
	a.at = time.Now()
	c.mu.Lock()
	c.acks = append(c.acks, a)
	c.mu.Unlock()
}

// verify opens the store (which settles the access-log lines of writes
// that committed) and checks that every acknowledged write is there with
// what it wrote and its settled line in the access log, and that no
// record is half-written: each person's history has exactly as many
// versions as its version number.
func (c *crashRun) verify(t *testing.T, dsn string) {
	t.Helper()
	c.verifyUntil(t, dsn, time.Time{})
}

// verifyUntil is verify for the writes acknowledged before until (all of
// them when until is zero): a backup begun at until holds those.
func (c *crashRun) verifyUntil(t *testing.T, dsn string, until time.Time) {
	t.Helper()
	if len(c.acks) == 0 {
		t.Fatal("no write was acknowledged")
	}
	st := openStore(t, dsn)
	ctx := t.Context()
	latest := map[people.ID]int{}
	for _, a := range c.acks {
		if !until.IsZero() && !a.at.Before(until) {
			continue
		}
		pm := access.System(a.id, access.ReadPerson, "crash test")
		h, err := st.PersonHistory(ctx, pm)
		if err != nil {
			t.Fatalf("person %d, acknowledged: %v", a.id, err)
		}
		if len(h) < a.version || h[a.version-1].Record.GivenName != a.name {
			t.Errorf("person %d: the acknowledged version %d (%s) is not there: %d versions", a.id, a.version, a.name, len(h))
		}
		latest[a.id] = max(latest[a.id], a.version)
		action := store.LogCreate
		if a.update {
			action = store.LogUpdate
		}
		lines, err := st.AccessLog(ctx, store.AccessQuery{PersonID: a.id, Action: action})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, l := range lines {
			if l.State == store.LineDone || l.State == "" {
				found = true
			}
		}
		if !found {
			t.Errorf("person %d: no settled %s line for an acknowledged write", a.id, action)
		}
	}
	for id := range latest {
		pm := access.System(id, access.ReadPerson, "crash test")
		p, err := st.Person(ctx, pm, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		h, err := st.PersonHistory(ctx, pm)
		if err != nil || len(h) != p.Version {
			t.Errorf("person %d is at version %d with %d versions in its history (%v)", id, p.Version, len(h), err)
		}
	}
}

// crashUser adds the writers' account to the store and returns its token.
func crashUser(t *testing.T, dsn string) string {
	mustHearth(t, "", "migrate", "--db", dsn)
	mustHearth(t, joPassword+"\n", "user", "add", "--db", dsn, "--username", "sam.writer", "--role", "practitioner", "--name", "Sam Writer")
	return strings.TrimSpace(mustHearth(t, "", "token", "create", "--db", dsn, "--username", "sam.writer"))
}

// TestCrashSQLite: writers create and change records through the API while
// the server is killed with SIGKILL at a random moment, three times,
// restarting on the same files each time. Afterwards SQLite's integrity
// check passes on both files and the run verifies (crashRun.verify).
func TestCrashSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills servers")
	}
	writers := crashSetting("HEARTH_CRASH_WRITERS", 200)
	kills := crashSetting("HEARTH_CRASH_KILLS", 3)
	db := newStore(t)
	token := crashUser(t, db)
	var run crashRun
	for round := range kills {
		cmd, base := startHearth(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		wait := run.load(ctx, t, base, token, round, writers)
		time.Sleep(time.Duration(500+rand.IntN(1500)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		cancel()
		wait()
	}
	t.Logf("%d writers, %d kills: %d writes tried, %d acknowledged", writers, kills, run.tried, len(run.acks))
	// SQLite's own check of both files, before anything opens them.
	for _, f := range []string{db, sqlstore.AuditPath(db)} {
		raw, err := sql.Open("sqlite", f)
		if err != nil {
			t.Fatal(err)
		}
		var check string
		if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Errorf("integrity_check of %s: %q, %v", f, check, err)
		}
		raw.Close()
	}
	run.verify(t, db)
}

// TestBackupUnderLoad: hearth backup while 200 writers are at work, then
// hearth restore into an empty place: the restored store passes its checks
// (the restore's own) and holds every write acknowledged before the backup
// began, each with its access-log line.
func TestBackupUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a server")
	}
	db := newStore(t)
	token := crashUser(t, db)
	_, base := startHearth(t, db)
	var run crashRun
	ctx, cancel := context.WithCancel(context.Background())
	wait := run.load(ctx, t, base, token, 0, crashSetting("HEARTH_CRASH_WRITERS", 200))
	time.Sleep(time.Second)
	began := time.Now()
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustHearth(t, "", "backup", "--db", db, "--to", backup)
	took := time.Since(began)
	time.Sleep(500 * time.Millisecond)
	cancel()
	wait()
	restored := filepath.Join(t.TempDir(), "restored", "hearth.db")
	out := mustHearth(t, "", "restore", "--from", backup, "--db", restored)
	t.Logf("backup under load took %s; %s", took.Round(time.Millisecond), strings.TrimSpace(out))
	run.verifyUntil(t, restored, began)
}
