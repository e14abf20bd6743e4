package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// errSignIn is the one answer to any failed sign-in, so that an attacker cannot
// tell an unknown username from a wrong password or a disabled account.
var errSignIn = &errs.Error{
	Code:    errs.Unauthenticated,
	Message: "Enter a correct username and password",
	Fields:  []errs.Field{{Field: "username", Message: "Enter a correct username and password"}},
}

// dummyHash is verified against when the username is unknown, so that a sign-in
// for an unknown user does the same work, and takes as long, as one for a known user.
// It is made at the first sign-in, not when the program starts: hashing costs
// about 20 MB and a tenth of a second of CPU, which every command (hearth
// validate above all) would otherwise pay before doing anything.
var dummyHash = sync.OnceValue(func() string {
	h, _ := access.HashPassword("not a real password, only for timing")
	return h
})

// NewSession is a signed-in browser session as handed to the web layer: the
// secret goes in the cookie; the store holds only its hash. Device is the
// value of the cookie that marks the browser as one this user has signed in
// from (see SignIn), new at each sign-in.
type NewSession struct {
	Secret string
	CSRF   string
	Device string
	User   access.User
}

// Failed sign-ins from one address, whatever the name: AddressBurst at
// once, then one every AddressEvery. Generous, since behind the council's
// proxy everyone shares one address; and only failures count, and a browser
// that has signed in as the name before is not counted at all, so an
// attacker at that address cannot keep its users out.
const (
	AddressBurst = 60
	AddressEvery = time.Second
)

// SignIn checks a username and password and starts a session. device is the
// browser's device cookie, or "".
//
// Every name is throttled alike, whether an account has it or not, and every
// failure gives the same answer after the same work, so that sign-in does not
// reveal which names exist. Attempts are slowed by name (access.NameThrottle:
// five free, then a wait that doubles from a second up to a minute and is
// forgotten after a quiet quarter of an hour), never locked, so an attacker
// cannot keep the owner out. And a browser that has signed in as the name
// before carries a device cookie that gives it a count of its own: an
// attacker trying the name elsewhere does not slow its owner at their usual
// computer. Each browser's cookie is its own (a random id signed with the
// name, new at each sign-in), so a copied cookie has a count of its own too.
//
// Each remote address is limited as well (Addresses), counting only
// failures: a wrong password, an unknown name or a disabled account. A
// sign-in from a browser with the name's device cookie skips that limit, so
// that an attacker behind the same proxy as everyone else cannot shut out
// the people who use Hearth every day.
func (a *App) SignIn(ctx context.Context, username, password, remote, device string) (NewSession, error) {
	var fields errs.Fields
	name := access.NormaliseUsername(username)
	switch {
	case name == "":
		fields.Add("username", "Enter your username")
	case utf8.RuneCountInString(name) > access.MaxUsernameLength:
		// No account has such a name: refuse it before any lookup or hash.
		fields.Add("username", "Username must be %d characters or fewer", access.MaxUsernameLength)
	}
	if password == "" {
		fields.Add("password", "Enter your password")
	}
	if err := fields.Err(); err != nil {
		return NewSession{}, err
	}
	if !a.passwordAllowed(name) {
		return NewSession{}, errPasswordsOff
	}
	now := a.Now().UTC()
	// A browser's own cookie is its own count: the whole value is the key,
	// so that a copy's failures slow that copy and not the browser it was
	// taken from, which signs in as before (and gets a new value).
	key := "name:" + name
	knownDevice, err := a.knownDevice(ctx, device, name)
	if err != nil {
		return NewSession{}, err
	}
	if knownDevice {
		key = "device:" + device
	}
	if !knownDevice && a.Addresses != nil {
		// Take a place first and give it back unless the attempt fails, so
		// that a burst sent at one instant cannot all pass before any is
		// counted.
		wait, err := a.take(ctx, a.Addresses, "address", remote, now)
		if err != nil {
			return NewSession{}, err
		}
		if wait > 0 {
			return NewSession{}, tooManySignIns("Too many failed sign-ins from this network.", wait)
		}
		ns, err := a.signIn(ctx, name, password, remote, key, now)
		if err != errSignIn {
			if rerr := a.refund(ctx, a.Addresses, "address", remote); rerr != nil && err == nil {
				return NewSession{}, rerr
			}
		}
		return ns, err
	}
	return a.signIn(ctx, name, password, remote, key, now)
}

// tooManySignIns is the refusal of an attempt that came too soon, saying how
// long to wait, in whole seconds rounded up.
func tooManySignIns(what string, wait time.Duration) error {
	msg := what + " Wait a second and try again"
	if secs := int((wait + time.Second - 1) / time.Second); secs > 1 {
		msg = fmt.Sprintf("%s Wait %d seconds and try again", what, secs)
	}
	return &errs.Error{Code: errs.TooMany, Message: msg, Fields: []errs.Field{{Field: "username", Message: msg}}}
}

// signIn is SignIn once the name is valid and the address may try: the
// name's throttle (key), the password and the session.
func (a *App) signIn(ctx context.Context, name, password, remote, key string, now time.Time) (NewSession, error) {
	wait, err := a.attemptSignIn(ctx, key, now)
	if err != nil {
		return NewSession{}, err
	}
	if wait > 0 {
		return NewSession{}, tooManySignIns("Too many sign-in attempts for this username.", wait)
	}

	hash, known := dummyHash(), false
	u, err := a.Store.UserByUsername(ctx, name)
	switch {
	case errs.Is(err, errs.NotFound):
	case err != nil:
		return NewSession{}, err
	default:
		cred, err := a.Store.Credentials(ctx, u.ID)
		if err != nil {
			return NewSession{}, err
		}
		// An account made through single sign-on has no password: check
		// the dummy hash, so that it takes as long as any other refusal.
		if cred.PasswordHash != "" {
			hash, known = cred.PasswordHash, true
		}
	}
	ok, rehash, err := access.VerifyPassword(hash, password)
	if err != nil || !ok || !known || u.Disabled {
		return NewSession{}, errSignIn
	}
	if !a.LocalPasswords && !slices.Contains(u.Roles, access.Admin) {
		// The kept account must be an administrator's: a password that
		// still works is a way round the provider, for them alone. The
		// name's count is not forgotten for it.
		return NewSession{}, errPasswordsOff
	}
	if err := a.signedIn(ctx, key); err != nil {
		return NewSession{}, err
	}
	if rehash {
		if h, err := access.HashPassword(password); err == nil {
			_ = a.Store.SetPassword(ctx, u.ID, h) // the old hash still works; try again next time
		}
	}
	device, err := a.newDeviceToken(ctx, name)
	if err != nil {
		return NewSession{}, errs.Wrap(err, "could not make a session")
	}
	ns, err := a.startSession(ctx, u, remote, store.SignInPassword)
	if err != nil {
		return NewSession{}, err
	}
	if err := a.logSignIn(ctx, u, remote, "POST /sign-in", store.SignInPassword, ns.Secret); err != nil {
		return NewSession{}, err
	}
	ns.Device = device
	return ns, nil
}

// newDeviceKey makes the key that signs device cookies: 32 random bytes.
func newDeviceKey() ([]byte, error) {
	k := make([]byte, 32)
	_, err := rand.Read(k)
	return k, err
}

// deviceKeyName is the device cookie key's name in the store.
const deviceKeyName = "sign-in device cookie"

// deviceKeyOf returns the key that signs device cookies, kept in the store
// (Store.SharedSecret) so that every process sharing the database, and this
// one after a restart, knows the cookies the others made: a browser that
// has signed in before is counted apart from an attacker on any server.
// It is read once and then kept.
func (a *App) deviceKeyOf(ctx context.Context) ([]byte, error) {
	a.deviceMu.Lock()
	defer a.deviceMu.Unlock()
	if a.deviceKey != nil {
		return a.deviceKey, nil
	}
	k, err := a.Store.SharedSecret(ctx, deviceKeyName, newDeviceKey)
	if err != nil {
		return nil, err
	}
	a.deviceKey = k
	return k, nil
}

// deviceIDLen is the length of a device cookie's id: 16 random bytes in
// unpadded base64url.
const deviceIDLen = 22

// newDeviceToken makes a device cookie for name, for one browser: a random
// id and a MAC over the name and that id, "id.mac". Each successful sign-in
// gets a fresh one, so that no two browsers share a value: a copied cookie
// is one browser's and no other's, and its failures (counted by the whole
// value, see SignIn) slow only the copy.
func (a *App) newDeviceToken(ctx context.Context, name string) (string, error) {
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return "", err
	}
	key, err := a.deviceKeyOf(ctx)
	if err != nil {
		return "", err
	}
	s := base64.RawURLEncoding.EncodeToString(id)
	return s + "." + deviceMAC(key, name, s), nil
}

// deviceMAC signs a device id for a name, so that only this server can make
// a cookie, a cookie is good for one name only, and it says nothing a reader
// could use.
func deviceMAC(key []byte, name, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("hearth sign-in device\x00" + name + "\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// knownDevice reports whether device is a device cookie this server made
// for name. A made-up value, or another name's, counts as no cookie.
func (a *App) knownDevice(ctx context.Context, device, name string) (bool, error) {
	id, mac, ok := strings.Cut(device, ".")
	if !ok || len(id) != deviceIDLen {
		return false, nil
	}
	key, err := a.deviceKeyOf(ctx)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(mac), []byte(deviceMAC(key, name, id))), nil
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
var errBadToken = errs.E(errs.Unauthenticated, "The API token is missing, revoked, expired or not valid")

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
	now := a.Now().UTC()
	if t.Revoked || t.Expired(now) {
		return access.Principal{}, errBadToken
	}
	u, err := a.Store.User(ctx, t.UserID)
	if err != nil {
		return access.Principal{}, err
	}
	if u.Disabled {
		return access.Principal{}, errBadToken
	}
	if now.Sub(t.LastUsed) > time.Minute {
		if err := a.Store.TouchToken(ctx, t.ID, now); err != nil {
			return access.Principal{}, err
		}
	}
	return a.Principal(ctx, u)
}

const tokenPrefix = "hearth_"

// CreateToken makes a personal API token for a user that does not expire,
// as the command line does (no signed-in user asks), and returns its
// secret, which is shown once and never stored.
func (a *App) CreateToken(ctx context.Context, user access.UserID, name string) (string, store.Token, error) {
	return a.createToken(ctx, Actor{}, user, name, civil.Date{}, "from the command line")
}

// maxTokenLife is how far ahead a token's expiry may be set.
const maxTokenLife = 1 // year

// CreateTokenExpiring makes a personal API token for the actor that works
// until the end of the day expires (in the council's zone), or for ever if
// expires is zero, and returns its secret, which is shown once and never
// stored.
func (a *App) CreateTokenExpiring(ctx context.Context, ac Actor, name string, expires civil.Date) (string, store.Token, error) {
	if err := a.require(ctx, ac, access.ReadOwn); err != nil {
		return "", store.Token{}, err
	}
	return a.createToken(ctx, ac, ac.UserID(), name, expires, "")
}

// createToken makes a token for user, asked by ac, logged before it is made
// (how describes who asked, when it is not the token's owner).
func (a *App) createToken(ctx context.Context, ac Actor, user access.UserID, name string, expires civil.Date, how string) (string, store.Token, error) {
	name = strings.TrimSpace(name)
	var fields errs.Fields
	if name == "" {
		fields.Add("name", "Enter a name for the token, such as the script that will use it")
	} else if len(name) > 100 {
		fields.Add("name", "Token name must be 100 characters or fewer")
	}
	validExpiry(expires, a.Today(), &fields)
	if err := fields.Err(); err != nil {
		return "", store.Token{}, err
	}
	secret, err := access.NewSecret(tokenPrefix)
	if err != nil {
		return "", store.Token{}, errs.Wrap(err, "could not make a token")
	}
	t := store.Token{UserID: user, Name: name, Hash: access.HashSecret(secret), CreatedAt: a.Now().UTC()}
	what := "created an API token"
	if !expires.IsZero() {
		t.ExpiresAt = a.endOfDay(expires)
		what += " working until the end of " + expires.String()
	}
	if how != "" {
		what += " " + how
	}
	// The line is about the account the token opens; its note is the name
	// the user gave the token.
	w, err := a.beginWrite(ctx, ac, adminLine(store.LogTokenCreate, 0, user, what, name))
	if err != nil {
		return "", store.Token{}, err
	}
	t, err = a.Store.CreateToken(ctx, t, w.change(store.Change{By: ac.UserID(), At: t.CreatedAt}))
	if err != nil {
		return "", store.Token{}, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return secret, t, nil
}

// validExpiry checks a token's last day: none, or from today to a year ahead.
func validExpiry(expires, today civil.Date, fields *errs.Fields) {
	switch {
	case expires.IsZero():
	case expires.Before(today):
		fields.Add("expires_on", "The expiry date must be today or in the future")
	case expires.After(civil.Of(time.Date(today.Year+maxTokenLife, today.Month, today.Day, 12, 0, 0, 0, time.UTC))):
		fields.Add("expires_on", "The expiry date must be no more than a year from today")
	}
}

// endOfDay is the moment a day ends in the council's zone: midnight at the
// start of the next day, in UTC.
func (a *App) endOfDay(d civil.Date) time.Time {
	return civil.StartOfLondon(d.AddDays(1)).UTC()
}

// LastDay is the last day a token that stops at expiresAt works, in the
// council's zone, for showing; zero for a token that never expires.
func (a *App) LastDay(expiresAt time.Time) civil.Date {
	if expiresAt.IsZero() {
		return civil.Date{}
	}
	return civil.OfLondon(expiresAt.Add(-time.Nanosecond))
}

// CreateTokenFor is the CLI's use case: a token for a named user, with an
// optional last day.
func (a *App) CreateTokenFor(ctx context.Context, username, name string, expires civil.Date) (string, error) {
	u, err := a.Store.UserByUsername(ctx, access.NormaliseUsername(username))
	if err != nil {
		return "", err
	}
	secret, _, err := a.createToken(ctx, Actor{}, u.ID, name, expires, "from the command line")
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
	return a.revokeToken(ctx, ac, ac.UserID(), id, "revoked their own token "+strconv.FormatInt(id, 10))
}
