package storetest

// The audit module: the access log.

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"hearth/internal/store"
)

func testAccessLog(t *testing.T, s store.Store) {
	ctx := t.Context()
	u1 := mustUser(t, s, "Gus Reader")
	u2 := mustUser(t, s, "Hal Reader")
	p1 := mustCreate(t, s, child("Pat", "One", day(2012, 1, 1)), store.Change{By: u1.ID})
	p2 := mustCreate(t, s, child("Pip", "Two", day(2012, 1, 1)), store.Change{By: u1.ID})
	t0 := at(2024, time.May, 5, 8, 0, 0, 123)
	entries := []store.AccessEntry{
		{At: t0, UserID: u1.ID, Username: u1.Username, PersonID: p1.ID, Action: "read", Reason: "allocated worker", Remote: "192.0.2.1", Route: "/people/1"},
		{At: t0.Add(time.Minute), UserID: u2.ID, Username: u2.Username, PersonID: p2.ID, Action: "denied", Reason: "person.read: restricted", Remote: "192.0.2.2", Route: "/people/2"},
		{At: t0.Add(2 * time.Minute), UserID: u1.ID, Username: u1.Username, Action: "search", Reason: "role", Remote: "192.0.2.1", Route: "/people"},
		{At: t0.Add(3 * time.Minute), Username: "unknown", PersonID: p2.ID + 1000, Action: "denied", Reason: "no record", Route: "/people/999"},
	}
	for _, e := range entries {
		ok(t, s.LogAccess(ctx, e))
	}
	all, err := s.AccessLog(ctx, store.AccessQuery{})
	ok(t, err)
	if len(all) != len(entries) {
		t.Fatalf("access log has %d lines, want %d", len(all), len(entries))
	}
	for i, got := range all {
		want := entries[len(entries)-1-i] // newest first
		if got.ID == 0 {
			t.Errorf("line %d has no id", i)
		}
		sameTime(t, "at", got.At, want.At)
		want.ID, want.At, want.State = got.ID, got.At, store.LineDone
		equal(t, fmt.Sprintf("line %d", i), got, want)
	}

	action := func(es []store.AccessEntry) []string {
		out := []string{}
		for _, e := range es {
			out = append(out, string(e.Action)+" "+e.Route)
		}
		return out
	}
	cases := []struct {
		name string
		q    store.AccessQuery
		want []string
	}{
		{"by person", store.AccessQuery{PersonID: p1.ID}, []string{"read /people/1"}},
		{"by user", store.AccessQuery{UserID: u1.ID}, []string{"search /people", "read /people/1"}},
		{"since (inclusive)", store.AccessQuery{Since: t0.Add(2 * time.Minute)}, []string{"denied /people/999", "search /people"}},
		{"until (exclusive)", store.AccessQuery{Until: t0.Add(time.Minute)}, []string{"read /people/1"}},
		{"between", store.AccessQuery{Since: t0.Add(30 * time.Second), Until: t0.Add(150 * time.Second)}, []string{"search /people", "denied /people/2"}},
		{"user and person", store.AccessQuery{UserID: u2.ID, PersonID: p2.ID}, []string{"denied /people/2"}},
		{"limit", store.AccessQuery{Limit: 2}, []string{"denied /people/999", "search /people"}},
		{"nothing", store.AccessQuery{PersonID: p2.ID + 2000}, []string{}},
	}
	for _, c := range cases {
		got, err := s.AccessLog(ctx, c.q)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(action(got), c.want) {
			t.Errorf("%s: got %v, want %v", c.name, action(got), c.want)
		}
	}

	// A line with no time is stamped now.
	before := time.Now().Add(-time.Second)
	ok(t, s.LogAccess(ctx, store.AccessEntry{UserID: u2.ID, Username: u2.Username, Action: "history", PersonID: p1.ID}))
	got, err := s.AccessLog(ctx, store.AccessQuery{PersonID: p1.ID, Limit: 1})
	ok(t, err)
	if got[0].At.Before(before) || got[0].At.After(time.Now().Add(time.Second)) {
		t.Errorf("stamped access log time %s is not now", got[0].At)
	}
}
