package storetest

import (
	"sync"
	"testing"
	"time"

	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// The council's settings (settings.go): its timescales.

// testTimescales: timescales never set read as none (version 0); each change
// names the version it started from, is a new version with who, when and
// why, and one from a stale version is refused and writes nothing.
func testTimescales(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")

	got, v, err := s.Timescales(ctx)
	ok(t, err)
	equal(t, "timescales never set", got, journey.Timescales{})
	equal(t, "version never set", v, 0)
	h, err := s.TimescalesHistory(ctx)
	ok(t, err)
	equal(t, "history never set", len(h), 0)

	// A first setting must start from version 0: one that names a version
	// that does not exist was made from a page that saw something else.
	first := journey.Defaults()
	first.ContactDecisionHours = 12
	_, err = s.SetTimescales(ctx, first, 1, store.Change{By: admin.ID, Reason: "from nowhere"})
	wantCode(t, err, errs.Conflict)

	t1 := at(2025, time.March, 3, 9, 30, 0, 250)
	v, err = s.SetTimescales(ctx, first, 0, store.Change{By: admin.ID, At: t1, Reason: "Front door decides within 12 hours"})
	ok(t, err)
	equal(t, "first version", v, 1)
	got, v, err = s.Timescales(ctx)
	ok(t, err)
	equal(t, "timescales as set", got, first)
	equal(t, "version as set", v, 1)

	// Setting again from version 0 (a second administrator's first
	// setting) is stale now.
	_, err = s.SetTimescales(ctx, journey.Defaults(), 0, store.Change{By: admin.ID, Reason: "late"})
	wantCode(t, err, errs.Conflict)

	second := first
	second.CINVisitDays = 14
	second.ReviewMonths = 5
	t2 := t1.Add(time.Hour)
	v, err = s.SetTimescales(ctx, second, 1, store.Change{By: admin.ID, At: t2, Reason: "Children in need seen fortnightly"})
	ok(t, err)
	equal(t, "second version", v, 2)

	stale := second
	stale.CINVisitDays = 91
	_, err = s.SetTimescales(ctx, stale, 1, store.Change{By: admin.ID, Reason: "from an old page"})
	wantCode(t, err, errs.Conflict)
	got, v, err = s.Timescales(ctx)
	ok(t, err)
	equal(t, "timescales after a stale change", got, second)
	equal(t, "version after a stale change", v, 2)

	h, err = s.TimescalesHistory(ctx)
	ok(t, err)
	equal(t, "versions", len(h), 2)
	equal(t, "first version number", h[0].Version, 1)
	equal(t, "first version's timescales", h[0].Record, first)
	sameTime(t, "first recorded at", h[0].RecordedAt, t1)
	equal(t, "first by", h[0].By, admin.ID)
	equal(t, "first by name", h[0].ByName, "Ada Admin")
	equal(t, "first reason", h[0].Reason, "Front door decides within 12 hours")
	equal(t, "second version's timescales", h[1].Record, second)
	sameTime(t, "second recorded at", h[1].RecordedAt, t2)
	equal(t, "second reason", h[1].Reason, "Children in need seen fortnightly")
}

// testTimescalesConcurrentChanges: of several changes made at once from one
// version, exactly one is written; the others are refused as stale. Run
// both for the first setting (no row yet: the name's uniqueness decides)
// and for a later one (the row's lock decides).
func testTimescalesConcurrentChanges(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	for _, from := range []int{0, 1} {
		const n = 6
		var (
			wg        sync.WaitGroup
			mu        sync.Mutex
			won, lost int
			other     []error
		)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ts := journey.Defaults()
				ts.CPVisitWorkingDays = 1 + i
				_, err := s.SetTimescales(ctx, ts, from, store.Change{By: admin.ID, Reason: "at once"})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					won++
				case errs.Is(err, errs.Conflict):
					lost++
				default:
					other = append(other, err)
				}
			}()
		}
		wg.Wait()
		if won != 1 || lost != n-1 || len(other) > 0 {
			t.Fatalf("from version %d: %d written, %d refused as stale, other errors %v; want 1 and %d", from, won, lost, other, n-1)
		}
		_, v, err := s.Timescales(ctx)
		ok(t, err)
		equal(t, "version after changes at once", v, from+1)
	}
}

// testTimescalesMarkTheirLine: a change of the timescales records its
// pending access-log line in its own transaction, as a record's write
// does; a stale one records nothing.
func testTimescalesMarkTheirLine(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	pending := func() int64 {
		t.Helper()
		id, err := s.LogPending(ctx, store.AccessEntry{UserID: admin.ID, Username: admin.Username, Kind: store.KindSetting, Action: store.LogUpdate})
		ok(t, err)
		return id
	}
	staleLine := pending()
	_, err := s.SetTimescales(ctx, journey.Defaults(), 3, store.Change{By: admin.ID, Reason: "stale", LogLine: staleLine})
	wantCode(t, err, errs.Conflict)
	n, err := s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled after a stale change", n, 0)
	ok(t, s.SettleAccess(ctx, store.Settlement{Line: staleLine, State: store.LineFailed}))

	_, err = s.SetTimescales(ctx, journey.Defaults(), 0, store.Change{By: admin.ID, Reason: "set", LogLine: pending()})
	ok(t, err)
	n, err = s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled after a change", n, 1)
}
