package storetest

// The accounts module: users, teams, services, credentials, sessions, tokens.

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

func testUsersTeamsServices(t *testing.T, s store.Store) {
	ctx := t.Context()
	csc, err := s.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	ok(t, err)
	eh, err := s.CreateService(ctx, access.Service{Name: "Early Help"})
	ok(t, err)
	if csc.ID == 0 || eh.ID == csc.ID {
		t.Fatalf("services got ids %d and %d", csc.ID, eh.ID)
	}
	_, err = s.CreateService(ctx, access.Service{Name: "Early Help"})
	wantCode(t, err, errs.Conflict)
	services, err := s.Services(ctx)
	ok(t, err)
	equal(t, "services", services, []access.Service{csc, eh})

	mash, err := s.CreateTeam(ctx, access.Team{Name: "MASH", ServiceID: csc.ID})
	ok(t, err)
	ehTeam, err := s.CreateTeam(ctx, access.Team{Name: "Early Help East", ServiceID: eh.ID})
	ok(t, err)
	_, err = s.CreateTeam(ctx, access.Team{Name: "MASH", ServiceID: csc.ID})
	wantCode(t, err, errs.Conflict)
	_, err = s.CreateTeam(ctx, access.Team{Name: "Nowhere", ServiceID: eh.ID + 1000})
	wantCode(t, err, errs.Invalid)
	teams, err := s.Teams(ctx)
	ok(t, err)
	equal(t, "teams", teams, []access.Team{ehTeam, mash})

	created := at(2024, time.September, 2, 8, 15, 0, 250)
	alice, err := s.CreateUser(ctx, access.User{
		Username: "Alice.Smith", DisplayName: "Alice Smith", TeamID: mash.ID, CreatedAt: created,
		Roles: []access.Role{access.TeamManager, access.MASH, access.Practitioner},
	}, "argon2id$alice", store.Change{})
	ok(t, err)
	if alice.ID == 0 || alice.Version != 1 {
		t.Fatalf("new user has id %d, version %d", alice.ID, alice.Version)
	}
	equal(t, "stored username", alice.Username, "alice.smith")
	sameTime(t, "created at", alice.CreatedAt, created)

	_, err = s.CreateUser(ctx, access.User{Username: "ALICE.SMITH", DisplayName: "Another Alice"}, "x", store.Change{})
	wantField(t, wantCode(t, err, errs.Conflict), "username")

	byName, err := s.UserByUsername(ctx, "Alice.SMITH")
	ok(t, err)
	equal(t, "user by username", byName, alice)
	byID, err := s.User(ctx, alice.ID)
	ok(t, err)
	equal(t, "user by id", byID, alice)

	bob, err := s.CreateUser(ctx, access.User{Username: "bob", DisplayName: "Bob Brown", Roles: []access.Role{access.Analyst}}, "x", store.Change{})
	ok(t, err)
	equal(t, "user without a team", bob.TeamID, access.TeamID(0))
	if bob.CreatedAt.IsZero() {
		t.Error("CreateUser did not stamp CreatedAt")
	}

	alice.DisplayName = "Alice Jones"
	alice.Roles = []access.Role{access.Admin, access.Auditor}
	alice.TeamID = ehTeam.ID
	alice.Disabled = true
	updated, err := s.UpdateUser(ctx, alice, store.Change{})
	ok(t, err)
	equal(t, "updated user's version", updated.Version, 2)
	alice.Version = 2
	equal(t, "updated user", updated, alice)
	byID, err = s.User(ctx, alice.ID)
	ok(t, err)
	equal(t, "updated user read back", byID, alice)

	clash := bob
	clash.Username = "Alice.Smith"
	_, err = s.UpdateUser(ctx, clash, store.Change{})
	wantField(t, wantCode(t, err, errs.Conflict), "username")

	noRoles := bob
	noRoles.Roles = nil
	_, err = s.UpdateUser(ctx, noRoles, store.Change{})
	ok(t, err)
	byID, err = s.User(ctx, bob.ID)
	ok(t, err)
	equal(t, "roles removed", len(byID.Roles), 0)

	users, err := s.Users(ctx)
	ok(t, err)
	equal(t, "usernames", []string{users[0].Username, users[1].Username}, []string{"alice.smith", "bob"})
	equal(t, "roles in Users", users[0].Roles, alice.Roles)

	// Names of the users asked for, as they stand now; an id that is no
	// user and one asked twice change nothing.
	names, err := s.UserNames(ctx, []access.UserID{bob.ID, alice.ID, bob.ID + 1000, bob.ID})
	ok(t, err)
	equal(t, "user names", names, map[access.UserID]string{alice.ID: "Alice Jones", bob.ID: "Bob Brown"})
	names, err = s.UserNames(ctx, nil)
	ok(t, err)
	equal(t, "no user names", len(names), 0)

	_, err = s.User(ctx, bob.ID+1000)
	wantCode(t, err, errs.NotFound)
	_, err = s.UserByUsername(ctx, "nobody")
	wantCode(t, err, errs.NotFound)
	_, err = s.UpdateUser(ctx, access.User{ID: bob.ID + 1000, Username: "ghost"}, store.Change{})
	wantCode(t, err, errs.NotFound)
}

func testCredentials(t *testing.T, s store.Store) {
	ctx := t.Context()
	u, err := s.CreateUser(ctx, access.User{Username: "carol", DisplayName: "Carol"}, "hash-1", store.Change{})
	ok(t, err)
	c, err := s.Credentials(ctx, u.ID)
	ok(t, err)
	equal(t, "new credentials", c, store.Credentials{UserID: u.ID, PasswordHash: "hash-1"})

	ok(t, s.SetPassword(ctx, u.ID, "hash-2"))
	c, err = s.Credentials(ctx, u.ID)
	ok(t, err)
	equal(t, "after a new password", c, store.Credentials{UserID: u.ID, PasswordHash: "hash-2"})

	_, err = s.Credentials(ctx, u.ID+1000)
	wantCode(t, err, errs.NotFound)
	wantCode(t, s.SetPassword(ctx, u.ID+1000, "x"), errs.NotFound)
}

func testSessions(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Dee Session")
	created := at(2024, time.March, 3, 10, 0, 0, 1)
	in := store.Session{TokenHash: "sha256:abc", UserID: u.ID, CSRF: "csrf-token", CreatedAt: created, LastSeen: created, Remote: "192.0.2.10"}
	ok(t, s.CreateSession(ctx, in))
	got, err := s.Session(ctx, "sha256:abc")
	ok(t, err)
	sameTime(t, "created", got.CreatedAt, created)
	sameTime(t, "last seen", got.LastSeen, created)
	got.CreatedAt, got.LastSeen = in.CreatedAt, in.LastSeen
	want := in
	want.Method = store.SignInPassword // a session that does not say began with a password
	equal(t, "session", got, want)

	viaSSO := store.Session{TokenHash: "sha256:sso", UserID: u.ID, CSRF: "csrf-2", CreatedAt: created, Method: store.SignInSSO}
	ok(t, s.CreateSession(ctx, viaSSO))
	got, err = s.Session(ctx, "sha256:sso")
	ok(t, err)
	if got.Method != store.SignInSSO {
		t.Errorf("session begun through single sign-on reads back as %q", got.Method)
	}

	wantCode(t, s.CreateSession(ctx, in), errs.Conflict)

	later := created.Add(90 * time.Minute)
	ok(t, s.TouchSession(ctx, "sha256:abc", later))
	got, err = s.Session(ctx, "sha256:abc")
	ok(t, err)
	sameTime(t, "last seen after touch", got.LastSeen, later)
	sameTime(t, "created after touch", got.CreatedAt, created)

	ok(t, s.DeleteSession(ctx, "sha256:abc"))
	_, err = s.Session(ctx, "sha256:abc")
	wantCode(t, err, errs.NotFound)
	ok(t, s.DeleteSession(ctx, "sha256:abc")) // signing out twice is harmless
	wantCode(t, s.TouchSession(ctx, "sha256:abc", later), errs.NotFound)
}

func testTokens(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Eve Token")
	other := mustUser(t, s, "Fay Other")
	created := at(2024, time.April, 4, 9, 0, 0, 999999)
	tok, err := s.CreateToken(ctx, store.Token{UserID: u.ID, Name: "laptop", Hash: "sha256:t1", CreatedAt: created}, store.Change{})
	ok(t, err)
	if tok.ID == 0 {
		t.Fatal("token has no id")
	}
	_, err = s.CreateToken(ctx, store.Token{UserID: other.ID, Name: "copy", Hash: "sha256:t1"}, store.Change{})
	wantCode(t, err, errs.Conflict)
	tok2, err := s.CreateToken(ctx, store.Token{UserID: u.ID, Name: "script", Hash: "sha256:t2"}, store.Change{})
	ok(t, err)

	got, err := s.TokenByHash(ctx, "sha256:t1")
	ok(t, err)
	sameTime(t, "token created", got.CreatedAt, created)
	equal(t, "token", got, tok)

	used := created.Add(time.Hour)
	ok(t, s.TouchToken(ctx, tok.ID, used))
	got, err = s.TokenByHash(ctx, "sha256:t1")
	ok(t, err)
	sameTime(t, "last used", got.LastUsed, used)

	list, err := s.Tokens(ctx, u.ID)
	ok(t, err)
	equal(t, "tokens", []int64{list[0].ID, list[1].ID}, []int64{tok.ID, tok2.ID})
	list, err = s.Tokens(ctx, other.ID)
	ok(t, err)
	equal(t, "another user's tokens", len(list), 0)

	wantCode(t, s.RevokeToken(ctx, other.ID, tok.ID, store.Change{}), errs.NotFound)
	ok(t, s.RevokeToken(ctx, u.ID, tok.ID, store.Change{}))
	got, err = s.TokenByHash(ctx, "sha256:t1")
	ok(t, err)
	equal(t, "revoked", got.Revoked, true)
	got, err = s.TokenByHash(ctx, "sha256:t2")
	ok(t, err)
	equal(t, "not revoked", got.Revoked, false)

	_, err = s.TokenByHash(ctx, "sha256:none")
	wantCode(t, err, errs.NotFound)
	wantCode(t, s.TouchToken(ctx, tok2.ID+1000, used), errs.NotFound)
}

// testSSOSubject: a user's single sign-on subject is stored, found, kept in
// the account's versions, unique, and may be cleared.
func testSSOSubject(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Gil Subject")
	_, err := s.UserBySSOSubject(ctx, "https://login.example/t#abc")
	wantCode(t, err, errs.NotFound)
	_, err = s.UserBySSOSubject(ctx, "")
	wantCode(t, err, errs.NotFound)

	u.SSOSubject = "https://login.example/t#abc"
	u, err = s.UpdateUser(ctx, u, store.Change{Reason: "linked"})
	ok(t, err)
	got, err := s.UserBySSOSubject(ctx, "https://login.example/t#abc")
	ok(t, err)
	if got.ID != u.ID || got.SSOSubject != u.SSOSubject {
		t.Fatalf("found %+v, want user %d with the subject", got, u.ID)
	}
	hist, err := s.UserHistory(ctx, u.ID)
	ok(t, err)
	if last := hist[len(hist)-1]; last.Record.SSOSubject != u.SSOSubject {
		t.Errorf("the account's version holds subject %q", last.Record.SSOSubject)
	}

	// No two users share a subject; many may have none.
	other := mustUser(t, s, "Hal Other")
	mustUser(t, s, "Ida Third")
	other.SSOSubject = u.SSOSubject
	_, err = s.UpdateUser(ctx, other, store.Change{Reason: "clash"})
	wantCode(t, err, errs.Conflict)
	_, err = s.CreateUser(ctx, access.User{Username: "jo.sso", DisplayName: "Jo", Roles: []access.Role{}, SSOSubject: u.SSOSubject}, "", store.Change{})
	wantCode(t, err, errs.Conflict)

	u.SSOSubject = ""
	_, err = s.UpdateUser(ctx, u, store.Change{Reason: "unlinked"})
	ok(t, err)
	_, err = s.UserBySSOSubject(ctx, "https://login.example/t#abc")
	wantCode(t, err, errs.NotFound)
}
