package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// TestAccountWritesAreLoggedBeforeTheyAreMade: every write of accounts and
// access (a user's creation and change, a grant, an opening by breaking the
// glass, a token's creation and revocation) writes its access-log line
// before the write, and settles it after: done, with the record it wrote,
// when the write commits; failed, never done, when it does not. No line is
// left pending.
func TestAccountWritesAreLoggedBeforeTheyAreMade(t *testing.T) {
	w := newWorld(t)
	admin, worker := w.actor(access.Admin), w.actor(access.Practitioner)
	lines := func(action store.AccessAction) []store.AccessEntry {
		t.Helper()
		es, err := w.st.AccessLog(w.ctx, store.AccessQuery{Action: action, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	// latest checks the newest line of an action: its state, kind and record.
	latest := func(what string, action store.AccessAction, state store.LineState, kind store.Kind, record int64) {
		t.Helper()
		ls := lines(action)
		if len(ls) == 0 {
			t.Fatalf("%s: no %s line", what, action)
		}
		l := ls[0]
		if l.State != state || l.Kind != kind || l.RecordID != record {
			t.Errorf("%s: line is %s, %s %d; want %s, %s %d", what, l.State, l.Kind, l.RecordID, state, kind, record)
		}
	}

	// A user made: the line gains the new account's id.
	nu := app.NewUser{Username: "new.joiner", DisplayName: "New Joiner", Password: "granite kettle wanders north 7391", Roles: []access.Role{access.Analyst}, Reason: "Joined"}
	u, err := w.app.CreateUser(w.ctx, admin, nu, false)
	if err != nil {
		t.Fatal(err)
	}
	latest("user made", store.LogUserCreate, store.LineDone, store.KindUser, int64(u.ID))
	// The same username again: refused by the store, after its line.
	_, err = w.app.CreateUser(w.ctx, admin, nu, false)
	if e := errs.As(err); e == nil || e.Code != errs.Conflict || !errs.Fields(e.Fields).Has("username") {
		t.Fatalf("a username taken: %v", err)
	}
	latest("username taken", store.LogUserCreate, store.LineFailed, store.KindUser, 0)

	// A user changed, then changed again from the version already changed.
	first := u
	u.Roles = []access.Role{access.Analyst, access.Auditor}
	if u, err = w.app.UpdateUser(w.ctx, admin, u, "Audits this quarter"); err != nil || u.Version != 2 {
		t.Fatalf("a change: version %d, %v", u.Version, err)
	}
	latest("roles changed", store.LogUserRoles, store.LineDone, store.KindUser, int64(u.ID))
	first.DisplayName, first.Roles = "From an old page", u.Roles
	if _, err := w.app.UpdateUser(w.ctx, admin, first, "Name corrected"); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("a change from a stale version: %v, want a conflict", err)
	}
	latest("stale change", store.LogUserUpdate, store.LineFailed, store.KindUser, int64(u.ID))
	if got, _ := w.st.User(w.ctx, u.ID); got.DisplayName != "New Joiner" || got.Version != 2 {
		t.Errorf("the stale change was saved: %+v", got)
	}
	// Without a version, a change is refused before anything is logged.
	before := len(lines(store.LogUserUpdate))
	first.Version = 0
	if _, err := w.app.UpdateUser(w.ctx, admin, first, "No version"); errs.As(err) == nil || !errs.Fields(errs.As(err).Fields).Has("version") {
		t.Fatalf("a change without a version: %v", err)
	}
	if after := len(lines(store.LogUserUpdate)); after != before {
		t.Errorf("a change refused as invalid wrote %d lines", after-before)
	}

	// A grant, and an opening by breaking the glass.
	restricted := w.person("Rae", "Restricted", true)
	g := access.Grant{PersonID: restricted, UserID: w.users[access.Practitioner].ID, Reason: "Court report", Until: w.app.Now().Add(30 * 24 * time.Hour)}
	if err := w.app.AddGrant(w.ctx, admin, g); err != nil {
		t.Fatal(err)
	}
	latest("grant", store.LogGrant, store.LineDone, store.KindPerson, int64(restricted))
	stranger := w.person("Sam", "Stranger", false)
	if _, err := w.app.OpenWithReason(w.ctx, worker, stranger, "Arrived at the front desk"); err != nil {
		t.Fatal(err)
	}
	latest("break the glass", store.LogBreakGlass, store.LineDone, store.KindPerson, int64(stranger))

	// Tokens: made and revoked by their owner; one for nobody, and a revoke
	// of a token that is not the user's, fail after their lines.
	me := int64(worker.UserID())
	_, tok, err := w.app.CreateTokenExpiring(w.ctx, worker, "laptop", w.app.Today())
	if err != nil {
		t.Fatal(err)
	}
	latest("token made", store.LogTokenCreate, store.LineDone, store.KindUser, me)
	if l := lines(store.LogTokenCreate)[0]; l.Note != "laptop" || l.UserID != worker.UserID() {
		t.Errorf("token line: %+v", l)
	}
	if _, _, err := w.app.CreateToken(w.ctx, u.ID+1000, "nobody's"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("a token for no one: %v", err)
	}
	latest("token for no one", store.LogTokenCreate, store.LineFailed, store.KindUser, int64(u.ID)+1000)
	if err := w.app.RevokeToken(w.ctx, worker, tok.ID); err != nil {
		t.Fatal(err)
	}
	latest("token revoked", store.LogTokenRevoke, store.LineDone, store.KindUser, me)
	if err := w.app.RevokeUserToken(w.ctx, admin, u.ID, tok.ID); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("revoking another user's token under this one: %v", err)
	}
	latest("token revoked under the wrong user", store.LogTokenRevoke, store.LineFailed, store.KindUser, int64(u.ID))

	all, err := w.st.AccessLog(w.ctx, store.AccessQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if l.State == store.LinePending {
			t.Errorf("a line left pending: %+v", l)
		}
	}
}
