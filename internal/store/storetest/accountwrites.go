package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// testAccountWritesMarkTheirLines: the writes of accounts and access (a
// user's creation and change, a grant, an opening by breaking the glass, a
// token's creation and revocation) each record their pending access-log
// line in their own transaction, as a record's write does
// (testAccessLogPendingWrites). A write that fails records nothing, so its
// line is never settled as done from the records; one that commits is.
func testAccountWritesMarkTheirLines(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	p := mustCreate(t, s, child("Gil", "Granted", day(2016, 4, 5)), store.Change{By: admin.ID})
	pending := func(e store.AccessEntry) int64 {
		t.Helper()
		e.UserID, e.Username = admin.ID, admin.Username
		id, err := s.LogPending(ctx, e)
		ok(t, err)
		return id
	}
	change := func(line int64) store.Change { return store.Change{By: admin.ID, Reason: "test", LogLine: line} }

	// Writes that fail. Each leaves its line pending whatever SettlePending
	// finds, until its writer settles it as failed.
	var failed []int64
	fail := func(what string, e store.AccessEntry, write func(c store.Change) error, code errs.Code) {
		t.Helper()
		line := pending(e)
		if err := write(change(line)); errs.CodeOf(err) != code {
			t.Fatalf("%s: got %v, want %s", what, err, code)
		}
		failed = append(failed, line)
	}
	fail("a username taken", store.AccessEntry{Kind: store.KindUser, Action: store.LogUserCreate}, func(c store.Change) error {
		_, err := s.CreateUser(ctx, access.User{Username: admin.Username, DisplayName: "Clash"}, "x", c)
		return err
	}, errs.Conflict)
	u, err := s.CreateUser(ctx, access.User{Username: "lined.up", DisplayName: "Lined Up", Roles: []access.Role{access.Analyst}}, "x", store.Change{By: admin.ID})
	ok(t, err)
	fail("a stale change of a user", store.AccessEntry{Kind: store.KindUser, RecordID: int64(u.ID), Action: store.LogUserUpdate}, func(c store.Change) error {
		stale := u
		stale.Version = 0
		_, err := s.UpdateUser(ctx, stale, c)
		return err
	}, errs.Conflict)
	fail("a grant to no one", store.AccessEntry{PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogGrant}, func(c store.Change) error {
		return s.AddGrant(ctx, access.Grant{PersonID: p.ID, UserID: u.ID + 1000, Reason: "no one", GrantedBy: admin.ID, Until: time.Now().Add(time.Hour)}, c)
	}, errs.Invalid)
	fail("a token for no one", store.AccessEntry{Kind: store.KindUser, RecordID: int64(u.ID) + 1000, Action: store.LogTokenCreate}, func(c store.Change) error {
		_, err := s.CreateToken(ctx, store.Token{UserID: u.ID + 1000, Name: "nobody's", Hash: "sha256:lines-none"}, c)
		return err
	}, errs.NotFound)
	fail("revoking a token that is not the user's", store.AccessEntry{Kind: store.KindUser, RecordID: int64(u.ID), Action: store.LogTokenRevoke}, func(c store.Change) error {
		return s.RevokeToken(ctx, u.ID, 1<<40, c)
	}, errs.NotFound)
	n, err := s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled after failed writes", n, 0)
	for _, line := range failed {
		ok(t, s.SettleAccess(ctx, store.Settlement{Line: line, State: store.LineFailed}))
	}

	// Writes that commit, whose writer stops before settling them: each is
	// settled from the records, with the person and record it wrote.
	created := pending(store.AccessEntry{Kind: store.KindUser, Action: store.LogUserCreate})
	v, err := s.CreateUser(ctx, access.User{Username: "new.joiner", DisplayName: "New Joiner", Roles: []access.Role{access.Practitioner}}, "x", change(created))
	ok(t, err)
	changed := pending(store.AccessEntry{Kind: store.KindUser, RecordID: int64(u.ID), Action: store.LogUserRoles})
	u.Roles = []access.Role{access.Auditor}
	_, err = s.UpdateUser(ctx, u, change(changed))
	ok(t, err)
	granted := pending(store.AccessEntry{PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogGrant})
	ok(t, s.AddGrant(ctx, access.Grant{PersonID: p.ID, UserID: u.ID, Reason: "court report", GrantedBy: admin.ID, Until: time.Now().Add(time.Hour)}, change(granted)))
	opened := pending(store.AccessEntry{PersonID: p.ID, Kind: store.KindPerson, RecordID: int64(p.ID), Action: store.LogBreakGlass})
	ok(t, s.AddGrant(ctx, access.Opening(p.ID, admin.ID, "arrived at the front desk", time.Now()), change(opened)))
	made := pending(store.AccessEntry{Kind: store.KindUser, RecordID: int64(v.ID), Action: store.LogTokenCreate})
	tok, err := s.CreateToken(ctx, store.Token{UserID: v.ID, Name: "laptop", Hash: "sha256:lines-laptop"}, change(made))
	ok(t, err)
	revoked := pending(store.AccessEntry{Kind: store.KindUser, RecordID: int64(v.ID), Action: store.LogTokenRevoke})
	ok(t, s.RevokeToken(ctx, v.ID, tok.ID, change(revoked)))
	n, err = s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled from the records", n, 6)

	es, err := s.AccessLog(ctx, store.AccessQuery{UserID: admin.ID, Limit: store.MaxAccessLimit})
	ok(t, err)
	lines := map[int64]store.AccessEntry{}
	for _, e := range es {
		lines[e.ID] = e
	}
	for _, line := range failed {
		equal(t, "a failed write's line", lines[line].State, store.LineFailed)
	}
	type settled struct {
		State  store.LineState
		Kind   store.Kind
		Record int64
	}
	for what, want := range map[int64]settled{
		created: {store.LineDone, store.KindUser, int64(v.ID)}, // the new account's id, unknown until written
		changed: {store.LineDone, store.KindUser, int64(u.ID)},
		granted: {store.LineDone, store.KindPerson, int64(p.ID)},
		opened:  {store.LineDone, store.KindPerson, int64(p.ID)},
		made:    {store.LineDone, store.KindUser, int64(v.ID)},
		revoked: {store.LineDone, store.KindUser, int64(v.ID)},
	} {
		l := lines[what]
		equal(t, string(l.Action)+" line", settled{l.State, l.Kind, l.RecordID}, want)
	}
}
