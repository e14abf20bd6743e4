package app

import (
	"context"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// errSignIn is the one answer to any failed sign-in, so that an attacker cannot
// tell an unknown username from a wrong password.
var errSignIn = &errs.Error{
	Code:    errs.Unauthenticated,
	Message: "Enter a correct username and password",
	Fields:  []errs.Field{{Field: "username", Message: "Enter a correct username and password"}},
}

// dummyHash is verified against when the username is unknown, so that a sign-in
// for an unknown user takes as long as one for a known user.
var dummyHash, _ = access.HashPassword("not a real password, only for timing")

// NewSession is a signed-in browser session as handed to the web layer: the
// secret goes in the cookie; the store holds only its hash.
type NewSession struct {
	Secret string
	CSRF   string
	User   access.User
}

// SignIn checks a username and password, applies the account's throttle and
// starts a session.
func (a *App) SignIn(ctx context.Context, username, password, remote string) (NewSession, error) {
	var fields errs.Fields
	if strings.TrimSpace(username) == "" {
		fields.Add("username", "Enter your username")
	}
	if password == "" {
		fields.Add("password", "Enter your password")
	}
	if err := fields.Err(); err != nil {
		return NewSession{}, err
	}
	now := a.Now().UTC()
	u, err := a.Store.UserByUsername(ctx, access.NormaliseUsername(username))
	if errs.Is(err, errs.NotFound) {
		_, _, _ = access.VerifyPassword(dummyHash, password)
		return NewSession{}, errSignIn
	}
	if err != nil {
		return NewSession{}, err
	}
	cred, err := a.Store.Credentials(ctx, u.ID)
	if err != nil {
		return NewSession{}, err
	}
	if access.Locked(cred.LockedUntil, now) {
		return NewSession{}, errs.E(errs.TooMany, "Too many failed sign-in attempts. Try again after %s", cred.LockedUntil.In(a.Loc).Format("15:04"))
	}
	ok, rehash, err := access.VerifyPassword(cred.PasswordHash, password)
	if err != nil || !ok || u.Disabled {
		failed, until := access.AfterFailure(cred.FailedCount, now)
		if err := a.Store.RecordLogin(ctx, u.ID, failed, until); err != nil {
			return NewSession{}, err
		}
		return NewSession{}, errSignIn
	}
	if err := a.Store.RecordLogin(ctx, u.ID, 0, time.Time{}); err != nil {
		return NewSession{}, err
	}
	if rehash {
		if h, err := access.HashPassword(password); err == nil {
			_ = a.Store.SetPassword(ctx, u.ID, h) // the old hash still works; try again next time
		}
	}
	secret, err := access.NewSecret("")
	if err != nil {
		return NewSession{}, errs.Wrap(err, "could not make a session")
	}
	csrf, err := access.NewSecret("")
	if err != nil {
		return NewSession{}, errs.Wrap(err, "could not make a session")
	}
	s := store.Session{TokenHash: access.HashSecret(secret), UserID: u.ID, CSRF: csrf, CreatedAt: now, LastSeen: now, Remote: remote}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return NewSession{}, err
	}
	return NewSession{Secret: secret, CSRF: csrf, User: u}, nil
}

// errSessionEnded is returned for a missing, expired or idle session.
var errSessionEnded = errs.E(errs.Unauthenticated, "Your session has ended. Sign in again")

// Session returns the principal of a browser session and its CSRF token, and
// marks the session as used. Idle and expired sessions are ended.
func (a *App) Session(ctx context.Context, secret string) (access.Principal, store.Session, error) {
	if secret == "" {
		return access.Principal{}, store.Session{}, errSessionEnded
	}
	h := access.HashSecret(secret)
	s, err := a.Store.Session(ctx, h)
	if errs.Is(err, errs.NotFound) {
		return access.Principal{}, store.Session{}, errSessionEnded
	}
	if err != nil {
		return access.Principal{}, store.Session{}, err
	}
	now := a.Now().UTC()
	if now.Sub(s.LastSeen) > a.IdleTimeout || now.Sub(s.CreatedAt) > a.SessionLifetime {
		_ = a.Store.DeleteSession(ctx, h)
		return access.Principal{}, store.Session{}, errSessionEnded
	}
	u, err := a.Store.User(ctx, s.UserID)
	if err != nil {
		return access.Principal{}, store.Session{}, err
	}
	if u.Disabled {
		_ = a.Store.DeleteSession(ctx, h)
		return access.Principal{}, store.Session{}, errSessionEnded
	}
	// Touch at most once a minute: a write per request would make every page a
	// write transaction.
	if now.Sub(s.LastSeen) > time.Minute {
		if err := a.Store.TouchSession(ctx, h, now); err != nil {
			return access.Principal{}, store.Session{}, err
		}
	}
	p, err := a.Principal(ctx, u)
	return p, s, err
}

// SignOut ends a browser session.
func (a *App) SignOut(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	return a.Store.DeleteSession(ctx, access.HashSecret(secret))
}

// errBadToken is returned for any token that does not open the API.
var errBadToken = errs.E(errs.Unauthenticated, "The API token is missing, revoked or not valid")

// TokenPrincipal returns the principal of a personal API token.
func (a *App) TokenPrincipal(ctx context.Context, secret string) (access.Principal, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return access.Principal{}, errBadToken
	}
	t, err := a.Store.TokenByHash(ctx, access.HashSecret(secret))
	if errs.Is(err, errs.NotFound) {
		return access.Principal{}, errBadToken
	}
	if err != nil {
		return access.Principal{}, err
	}
	if t.Revoked {
		return access.Principal{}, errBadToken
	}
	u, err := a.Store.User(ctx, t.UserID)
	if err != nil {
		return access.Principal{}, err
	}
	if u.Disabled {
		return access.Principal{}, errBadToken
	}
	now := a.Now().UTC()
	if now.Sub(t.LastUsed) > time.Minute {
		if err := a.Store.TouchToken(ctx, t.ID, now); err != nil {
			return access.Principal{}, err
		}
	}
	return a.Principal(ctx, u)
}

const tokenPrefix = "hearth_"

// CreateToken makes a personal API token for a user and returns its secret,
// which is shown once and never stored.
func (a *App) CreateToken(ctx context.Context, user access.UserID, name string) (string, store.Token, error) {
	name = strings.TrimSpace(name)
	var fields errs.Fields
	if name == "" {
		fields.Add("name", "Enter a name for the token, such as the script that will use it")
	} else if len(name) > 100 {
		fields.Add("name", "Token name must be 100 characters or fewer")
	}
	if err := fields.Err(); err != nil {
		return "", store.Token{}, err
	}
	secret, err := access.NewSecret(tokenPrefix)
	if err != nil {
		return "", store.Token{}, errs.Wrap(err, "could not make a token")
	}
	t, err := a.Store.CreateToken(ctx, store.Token{UserID: user, Name: name, Hash: access.HashSecret(secret), CreatedAt: a.Now().UTC()})
	return secret, t, err
}

// CreateTokenFor is the CLI's use case: a token for a named user.
func (a *App) CreateTokenFor(ctx context.Context, username, name string) (string, error) {
	u, err := a.Store.UserByUsername(ctx, access.NormaliseUsername(username))
	if err != nil {
		return "", err
	}
	secret, _, err := a.CreateToken(ctx, u.ID, name)
	return secret, err
}

// Tokens lists a user's own API tokens (never their secrets).
func (a *App) Tokens(ctx context.Context, ac Actor) ([]store.Token, error) {
	if err := a.require(ctx, ac, access.ReadOwn); err != nil {
		return nil, err
	}
	return a.Store.Tokens(ctx, ac.UserID())
}

// RevokeToken ends one of the actor's own API tokens.
func (a *App) RevokeToken(ctx context.Context, ac Actor, id int64) error {
	if err := a.require(ctx, ac, access.ReadOwn); err != nil {
		return err
	}
	return a.Store.RevokeToken(ctx, ac.UserID(), id)
}
