package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
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
}

// TestCrashSQLite: writers create and change records through the API while
// the server is killed with SIGKILL at a random moment, again and again,
// restarting on the same files each time. Afterwards every write a client
// saw acknowledged is there with what it wrote, no record is half-written
// (its history has exactly as many versions as its version number), the
// access log has a settled line for each acknowledged write, and SQLite's
// integrity check passes on both files.
func TestCrashSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills servers")
	}
	writers := crashSetting("HEARTH_CRASH_WRITERS", 200)
	kills := crashSetting("HEARTH_CRASH_KILLS", 3)
	db := newStore(t)
	mustHearth(t, "", "migrate", "--db", db)
	mustHearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", "sam.writer", "--role", "practitioner", "--name", "Sam Writer")
	token := strings.TrimSpace(mustHearth(t, "", "token", "create", "--db", db, "--username", "sam.writer"))

	var mu sync.Mutex
	var acks []ack
	var tried int
	for round := range kills {
		cmd, base := startHearth(t, db)
		lb := &balancer{bases: []string{base}, down: []bool{false}, c: &http.Client{Timeout: 10 * time.Second}}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine *ack // the writer's person, once created
				for n := 0; ctx.Err() == nil; n++ {
					name := fmt.Sprintf("R%dW%dN%d", round, w, n)
					mu.Lock()
					tried++
					mu.Unlock()
					if mine == nil {
						body := `{"person":{"given_name":"` + name + `","family_name":"Crash","date_of_birth":"2016-02-03","sex":"2"},"reason":"crash test"}`
						res, data, err := lb.to(0, "POST", "/api/v1/people", token, body)
						if err != nil || res.StatusCode != http.StatusCreated {
							continue
						}
						var got struct{ Person people.Person }
						if json.Unmarshal([]byte(data), &got) != nil {
							t.Errorf("an acknowledged create with no person: %.200s", data)
							return
						}
						mine = &ack{id: got.Person.ID, version: got.Person.Version, name: name}
						mu.Lock()
						acks = append(acks, *mine)
						mu.Unlock()
						continue
					}
					// Change the writer's person from the version it last saw.
					p := map[string]any{"id": mine.id, "version": mine.version, "given_name": name, "family_name": "Crash", "date_of_birth": "2016-02-03", "sex": "2"}
					b, _ := json.Marshal(map[string]any{"person": p, "reason": "crash test"})
					res, data, err := lb.to(0, "PUT", fmt.Sprintf("/api/v1/people/%d", mine.id), token, string(b))
					if err != nil || res.StatusCode != http.StatusOK {
						// Unknown (the server died) or refused: start
						// again with a new person, since what the old one
						// holds now is not known.
						mine = nil
						continue
					}
					var got struct{ Person people.Person }
					if json.Unmarshal([]byte(data), &got) != nil || got.Person.Version != mine.version+1 {
						t.Errorf("an acknowledged change: %.200s", data)
						return
					}
					mine = &ack{id: mine.id, version: got.Person.Version, name: name, update: true}
					mu.Lock()
					acks = append(acks, *mine)
					mu.Unlock()
				}
			}()
		}
		time.Sleep(time.Duration(500+rand.IntN(1500)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		cancel()
		wg.Wait()
	}
	t.Logf("%d writers, %d kills: %d writes tried, %d acknowledged", writers, kills, tried, len(acks))
	if len(acks) == 0 {
		t.Fatal("no write was acknowledged")
	}

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

	st := openStore(t, db) // opening settles the lines of writes that committed
	ctx := t.Context()
	now := time.Now()
	latest := map[people.ID]int{}
	for _, a := range acks {
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
	// Nothing half-written: every person's current version has its history.
	for id := range latest {
		p, err := st.Person(ctx, access.System(id, access.ReadPerson, "crash test"), now)
		if err != nil {
			t.Fatal(err)
		}
		h, err := st.PersonHistory(ctx, access.System(id, access.ReadPerson, "crash test"))
		if err != nil || len(h) != p.Version {
			t.Errorf("person %d is at version %d with %d versions in its history (%v)", id, p.Version, len(h), err)
		}
	}
}
