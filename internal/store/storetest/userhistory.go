package storetest

import (
	"fmt"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// Users' history and tokens' expiry (accounts and access).

func testUserHistory(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	t1 := at(2024, time.October, 1, 9, 0, 0, 1)
	u, err := s.CreateUser(ctx, access.User{Username: "dan.history", DisplayName: "Dan History", Roles: []access.Role{access.Practitioner}},
		"hash", store.Change{By: admin.ID, At: t1, Reason: "Joined the team"})
	ok(t, err)
	equal(t, "new user's version", u.Version, 1)
	h, err := s.UserHistory(ctx, u.ID)
	ok(t, err)
	equal(t, "versions after create", len(h), 1)
	equal(t, "version", h[0].Version, 1)
	sameTime(t, "recorded at", h[0].RecordedAt, t1)
	equal(t, "by", h[0].By, admin.ID)
	equal(t, "by name", h[0].ByName, "Ada Admin")
	equal(t, "reason", h[0].Reason, "Joined the team")
	equal(t, "first version", h[0].Record, u)

	t2 := t1.Add(time.Hour)
	changed := u
	changed.Roles = []access.Role{access.Practitioner, access.Admin}
	changed.Disabled = true
	changed.CreatedAt = time.Time{} // when the account was made is the store's to keep
	got, err := s.UpdateUser(ctx, changed, store.Change{By: admin.ID, At: t2, Reason: "Covering for the manager"})
	ok(t, err)
	equal(t, "version after update", got.Version, 2)
	sameTime(t, "created at kept", got.CreatedAt, u.CreatedAt)
	h, err = s.UserHistory(ctx, u.ID)
	ok(t, err)
	equal(t, "versions after update", len(h), 2)
	equal(t, "second version", h[1].Version, 2)
	sameTime(t, "second recorded at", h[1].RecordedAt, t2)
	equal(t, "second record", h[1].Record, got)
	equal(t, "first version kept", h[0].Record.Roles, []access.Role{access.Practitioner})
	read, err := s.User(ctx, u.ID)
	ok(t, err)
	equal(t, "user as read", read, got)

	// A change made from version 1, now stale, is refused: the second of two
	// administrators who opened the account at once does not overwrite the
	// first.
	stale := u
	stale.DisplayName = "Dan Overwritten"
	_, err = s.UpdateUser(ctx, stale, store.Change{By: admin.ID, Reason: "from an old page"})
	wantCode(t, err, errs.Conflict)

	// A change that fails writes no version and changes nothing.
	clash := got
	clash.Username = admin.Username
	_, err = s.UpdateUser(ctx, clash, store.Change{By: admin.ID, Reason: "clash"})
	wantField(t, wantCode(t, err, errs.Conflict), "username")
	noTeam := got
	noTeam.TeamID = 1 << 40
	_, err = s.UpdateUser(ctx, noTeam, store.Change{By: admin.ID, Reason: "no such team"})
	wantField(t, wantCode(t, err, errs.Invalid), "team_id")
	ghost := got
	ghost.DisplayName = "Changed by nobody"
	_, err = s.UpdateUser(ctx, ghost, store.Change{By: admin.ID + 1000, Reason: "no such author"})
	if err == nil {
		t.Fatal("a change by a user who does not exist was saved")
	}
	h, err = s.UserHistory(ctx, u.ID)
	ok(t, err)
	equal(t, "versions after failed changes", len(h), 2)
	read, err = s.User(ctx, u.ID)
	ok(t, err)
	equal(t, "user after failed changes", read, got)

	// A user who does not exist has no history, and no version is written
	// for a change to them.
	_, err = s.UpdateUser(ctx, access.User{ID: u.ID + 1000, Version: 1, Username: "ghost"}, store.Change{By: admin.ID})
	wantCode(t, err, errs.NotFound)
	h, err = s.UserHistory(ctx, u.ID+1000)
	ok(t, err)
	equal(t, "history of no one", len(h), 0)
}

// testUserConcurrentUpdates: several administrators save a change to one
// account, each from version 1, at once. One wins; the others are refused.
func testUserConcurrentUpdates(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	u := mustUser(t, s, "Eli Edited")
	raceUpdates(t, 6, func(i int) error {
		v := u
		v.DisplayName = fmt.Sprintf("Editor %d", i)
		_, err := s.UpdateUser(ctx, v, store.Change{By: admin.ID, Reason: v.DisplayName})
		return err
	})
	h, err := s.UserHistory(ctx, u.ID)
	ok(t, err)
	equal(t, "versions", len(h), 2)
	got, err := s.User(ctx, u.ID)
	ok(t, err)
	equal(t, "the winner's name", got.DisplayName, h[1].Record.DisplayName)
	equal(t, "current version", got.Version, 2)
}

func testTokenExpiry(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ivy Expiry")
	expires := at(2025, time.March, 1, 0, 0, 0, 0)
	tok, err := s.CreateToken(ctx, store.Token{UserID: u.ID, Name: "monthly", Hash: "sha256:e1", ExpiresAt: expires}, store.Change{})
	ok(t, err)
	forever, err := s.CreateToken(ctx, store.Token{UserID: u.ID, Name: "forever", Hash: "sha256:e2"}, store.Change{})
	ok(t, err)
	got, err := s.TokenByHash(ctx, "sha256:e1")
	ok(t, err)
	sameTime(t, "expires at", got.ExpiresAt, expires)
	equal(t, "token read back", got, tok)
	got, err = s.TokenByHash(ctx, "sha256:e2")
	ok(t, err)
	equal(t, "no expiry", got.ExpiresAt.IsZero(), true)
	equal(t, "token without expiry read back", got, forever)
	list, err := s.Tokens(ctx, u.ID)
	ok(t, err)
	sameTime(t, "expiry in the list", list[0].ExpiresAt, expires)
	equal(t, "expired the moment before", tok.Expired(expires.Add(-time.Microsecond)), false)
	equal(t, "expired at the moment", tok.Expired(expires), true)
	equal(t, "never expires", forever.Expired(expires.AddDate(100, 0, 0)), false)
}
