package storetest

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// testAccessLogTyped writes lines of each shape (a read of a person, a
// break of the glass with its note, a search with its terms, an export with
// its count, a change to a user) and filters them by kind, record and
// action; a line with an action or kind not in the lists is refused.
func testAccessLogTyped(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ivy Auditor")
	p := mustCreate(t, s, child("Pat", "One", day(2012, 1, 1)), store.Change{By: u.ID})
	t0 := at(2024, time.June, 3, 9, 0, 0, 0)
	lines := []store.AccessEntry{
		{At: t0, UserID: u.ID, PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogRead, Reason: "team"},
		{At: t0.Add(time.Minute), UserID: u.ID, PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogBreakGlass,
			Reason: "no relationship to this record", Note: "Child arrived at the front desk out of hours"},
		{At: t0.Add(2 * time.Minute), UserID: u.ID, Action: store.LogSearch, Reason: "role", Note: "name: pat; postcode: WV1"},
		{At: t0.Add(3 * time.Minute), UserID: u.ID, Action: store.LogExport, Reason: "role", Children: 10000},
		{At: t0.Add(4 * time.Minute), UserID: u.ID, Kind: store.KindUser, RecordID: int64(u.ID), Action: store.LogUserRoles, Reason: "role",
			Note: "practitioner -> practitioner, team_manager"},
	}
	for _, e := range lines {
		ok(t, s.LogAccess(ctx, e))
	}
	all, err := s.AccessLog(ctx, store.AccessQuery{UserID: u.ID})
	ok(t, err)
	if len(all) != len(lines) {
		t.Fatalf("%d lines, want %d", len(all), len(lines))
	}
	for i, got := range all {
		want := lines[len(lines)-1-i]
		sameTime(t, "at", got.At, want.At)
		want.ID, want.At, want.State = got.ID, got.At, store.LineDone
		equal(t, "line", got, want)
	}

	find := func(q store.AccessQuery) []store.AccessAction {
		t.Helper()
		q.UserID = u.ID
		es, err := s.AccessLog(ctx, q)
		ok(t, err)
		out := []store.AccessAction{}
		for _, e := range es {
			out = append(out, e.Action)
		}
		return out
	}
	equal(t, "by kind", find(store.AccessQuery{Kind: store.KindPerson}), []store.AccessAction{store.LogBreakGlass, store.LogRead})
	equal(t, "by record", find(store.AccessQuery{Kind: store.KindUser, RecordID: int64(u.ID)}), []store.AccessAction{store.LogUserRoles})
	equal(t, "by action", find(store.AccessQuery{Action: store.LogBreakGlass}), []store.AccessAction{store.LogBreakGlass})
	equal(t, "by kind and action", find(store.AccessQuery{Kind: store.KindPerson, Action: store.LogSearch}), []store.AccessAction{})

	before, err := s.AccessLog(ctx, store.AccessQuery{})
	ok(t, err)
	for _, bad := range []struct {
		field string
		e     store.AccessEntry
	}{
		{"action", store.AccessEntry{Action: "peek"}},
		{"action", store.AccessEntry{}},
		{"kind", store.AccessEntry{Action: store.LogRead, Kind: "diary"}},
		{"kind", store.AccessEntry{Action: store.LogRead, RecordID: 5}},
		{"children", store.AccessEntry{Action: store.LogExport, Children: -1}},
		{"note", store.AccessEntry{Action: store.LogSearch, Note: strings.Repeat("x", store.MaxNote+1)}},
	} {
		wantField(t, wantCode(t, s.LogAccess(ctx, bad.e), errs.Invalid), bad.field)
		_, err := s.LogPending(ctx, bad.e)
		wantField(t, wantCode(t, err, errs.Invalid), bad.field)
	}
	after, err := s.AccessLog(ctx, store.AccessQuery{})
	ok(t, err)
	equal(t, "lines after refusals", len(after), len(before))
}

// testAccessLogPendingWrites follows the write of a record through its
// line: pending before the write, settled after it, and settled from the
// records (SettlePending) when the process stopped between the two. A
// write that fails leaves its line pending until it is settled as failed,
// and a settled line cannot be settled again another way.
func testAccessLogPendingWrites(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Jo Writer")
	line := func(id int64) store.AccessEntry {
		t.Helper()
		es, err := s.AccessLog(ctx, store.AccessQuery{UserID: u.ID, Limit: store.MaxAccessLimit})
		ok(t, err)
		for _, e := range es {
			if e.ID == id {
				return e
			}
		}
		t.Fatalf("no access-log line %d", id)
		return store.AccessEntry{}
	}
	pending := func(e store.AccessEntry) int64 {
		t.Helper()
		e.UserID, e.Username = u.ID, u.Username
		id, err := s.LogPending(ctx, e)
		ok(t, err)
		if id <= 0 {
			t.Fatalf("LogPending gave id %d", id)
		}
		equal(t, "new line's state", line(id).State, store.LinePending)
		return id
	}

	// A create, settled by its writer: the line gains the new record's id.
	created := pending(store.AccessEntry{Kind: store.KindPerson, Action: store.LogCreate, Reason: "created"})
	p := mustCreate(t, s, child("Kit", "New", day(2015, 2, 3)), store.Change{By: u.ID, LogLine: created})
	ok(t, s.SettleAccess(ctx, store.Settlement{Line: created, State: store.LineDone, PersonID: p.ID, RecordID: int64(p.ID)}))
	got := line(created)
	equal(t, "settled create", []any{got.State, got.PersonID, got.RecordID}, []any{store.LineDone, p.ID, int64(p.ID)})
	// Settling it again the same way changes nothing; another way is refused.
	ok(t, s.SettleAccess(ctx, store.Settlement{Line: created, State: store.LineDone}))
	wantCode(t, s.SettleAccess(ctx, store.Settlement{Line: created, State: store.LineFailed}), errs.Conflict)
	wantCode(t, s.SettleAccess(ctx, store.Settlement{Line: created, State: store.LinePending}), errs.Invalid)
	wantCode(t, s.SettleAccess(ctx, store.Settlement{Line: created + 100000, State: store.LineDone}), errs.NotFound)

	// A stale update fails: nothing marks its line written, so it stays
	// pending whatever SettlePending finds, until its writer settles it.
	stale := pending(store.AccessEntry{PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogUpdate, Reason: "allocated worker"})
	old := p
	old.Version = 0
	_, err := s.UpdatePerson(ctx, old, store.Change{By: u.ID, LogLine: stale})
	wantCode(t, err, errs.Conflict)
	n, err := s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled after a failed write", n, 0)
	equal(t, "failed write's line", line(stale).State, store.LinePending)
	ok(t, s.SettleAccess(ctx, store.Settlement{Line: stale, State: store.LineFailed}))
	equal(t, "failed write's line, settled", line(stale).State, store.LineFailed)

	// Writes that committed, whose writer stopped before settling them: a
	// person's update, a new relationship (its id unknown until written).
	updated := pending(store.AccessEntry{PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogUpdate})
	p.GivenName = "Kat"
	p, err = s.UpdatePerson(ctx, p, store.Change{By: u.ID, LogLine: updated})
	ok(t, err)
	other := mustCreate(t, s, child("Lou", "New", day(1990, 1, 1)), store.Change{By: u.ID})
	related := pending(store.AccessEntry{PersonID: p.ID, Kind: store.KindRelationship, Action: store.LogCreate})
	r, err := s.CreateRelationship(ctx, people.Relationship{From: other.ID, To: p.ID, Type: "parent"}, store.Change{By: u.ID, LogLine: related})
	ok(t, err)
	n, err = s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled from the records", n, 2)
	got = line(updated)
	equal(t, "update's line", []any{got.State, got.PersonID, got.RecordID}, []any{store.LineDone, p.ID, int64(p.ID)})
	got = line(related)
	equal(t, "relationship's line", []any{got.State, got.PersonID, got.Kind, got.RecordID}, []any{store.LineDone, p.ID, store.KindRelationship, int64(r.ID)})
	n, err = s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled a second time", n, 0)
}
