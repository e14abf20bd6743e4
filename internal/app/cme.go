package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Referrals of children missing education through the council's public
// form, and the CME officers' queue.
//
// Anyone may send the form, with no account: its defences are a signed
// token in the form (which says when the form was served, and that it was
// this service that served it), a honeypot field, a time-to-fill check and
// two rate limits, one per remote address (an IPv6 address by its /64:
// CMEAddressKey) and one over all addresses (see SubmitCMEReferral). What a
// referrer sees after sending it is the same whatever they typed: a reference that is random, never a sign of
// whether the child is known.
//
// Only members of the team the administrator names as the CME team (any
// role) see the referrals; anyone else is answered "not found" for the
// queue and for every referral alike, whether or not there are any.

// The form's rate limits. One address may send a few referrals in a short
// time (a school office sending several children's, a person correcting
// errors) and then one every ten minutes; all addresses together, a
// council's busiest day several times over, and then one a minute. Every
// post counts, valid or not, so that a flood of nonsense is slowed too.
const (
	CMEAddressBurst = 10
	CMEAddressEvery = 10 * time.Minute
	CMEOverallBurst = 200
	CMEOverallEvery = time.Minute
)

// CMEFormLife is how long a served form may be sent: long enough for a
// person to stop and find the details, short enough that a harvested token
// soon expires.
const CMEFormLife = 6 * time.Hour

// CMELimits are the form's rate limits; New sets them, and a nil limiter
// sets no limit.
type CMELimits struct {
	PerAddress *access.Limiter // keyed by remote address
	Overall    *access.Limiter // one key for every address
}

// newCMELimits is the form's limits as the constants set them.
func newCMELimits() CMELimits {
	return CMELimits{
		PerAddress: access.NewLimiter(1/CMEAddressEvery.Seconds(), CMEAddressBurst),
		Overall:    access.NewLimiter(1/CMEOverallEvery.Seconds(), CMEOverallBurst),
	}
}

// cmeState is what the CME use cases keep in memory: the CME team as last
// read (as the hub's is kept) and the key that signs the form's tokens.
type cmeState struct {
	team namedTeamCache
	mu   sync.Mutex // for key
	key  []byte
}

// cmeKeyName is the name of the key that signs the form's tokens in the
// store's shared secrets, so that every process sharing the database
// accepts the tokens the others served.
const cmeKeyName = "cme_form"

func (a *App) cmeKey(ctx context.Context) ([]byte, error) {
	a.cme.mu.Lock()
	defer a.cme.mu.Unlock()
	if a.cme.key != nil {
		return a.cme.key, nil
	}
	k, err := a.Store.SharedSecret(ctx, cmeKeyName, newDeviceKey)
	if err != nil {
		return nil, err
	}
	a.cme.key = k
	return k, nil
}

// cmeTokenMAC signs the moment a form was served and its nonce.
func cmeTokenMAC(key []byte, served, nonce string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("hearth cme form\x00" + served + "\x00" + nonce))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CMEFormToken is the token the public form carries: when it was served
// (Unix seconds), a random nonce and a MAC over both. It stands in for the
// session's CSRF token, which a visitor with no account does not have: a
// post without a token this service signed is refused, and the moment it
// carries is what the time-to-fill check measures from.
func (a *App) CMEFormToken(ctx context.Context) (string, error) {
	key, err := a.cmeKey(ctx)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, 12)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	served := strconv.FormatInt(a.Now().Unix(), 10)
	n := base64.RawURLEncoding.EncodeToString(nonce)
	return served + "." + n + "." + cmeTokenMAC(key, served, n), nil
}

// errCMEToken refuses a post whose token this service did not sign, or
// which has expired: the visitor reloads the form.
var errCMEToken = errs.E(errs.Forbidden, "This form has expired or did not come from this service. Go back, reload the page and send the form again: what you typed has not been sent")

// cmeServedAt checks a token and returns when its form was served.
func (a *App) cmeServedAt(ctx context.Context, token string, now time.Time) (time.Time, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return time.Time{}, errCMEToken
	}
	key, err := a.cmeKey(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if !hmac.Equal([]byte(parts[2]), []byte(cmeTokenMAC(key, parts[0], parts[1]))) {
		return time.Time{}, errCMEToken
	}
	secs, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return time.Time{}, errCMEToken
	}
	served := time.Unix(secs, 0)
	// A form from the future is one the clock cannot explain; one older
	// than its life has expired.
	if served.After(now.Add(time.Minute)) || now.Sub(served) > CMEFormLife {
		return time.Time{}, errCMEToken
	}
	return served, nil
}

// errCMETooMany is the answer to a post over either rate limit. It says
// nothing about the child or the referral.
var errCMETooMany = errs.E(errs.TooMany, "Too many forms have been sent in a short time. Wait a few minutes, then send the form again")

// newCMEReference is a random reference for a referrer: "CME-" and eight
// characters of an alphabet with no letters that look like digits. It is
// not the record's id, so it tells nobody how many referrals there are.
func newCMEReference() (string, error) {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "CME-" + string(b), nil
}

// CMESubmission is a post of the public form: what was typed, the form's
// token, and the honeypot field, which people never see and so never fill.
type CMESubmission struct {
	Referral education.CMEReferral
	Token    string
	Honeypot string
	// Unread are the errors of fields the page could not read into
	// Referral (a date of birth that is not a date): reported with the
	// use case's own, and the referral is not kept.
	Unread errs.Fields
}

// SubmitCMEReferral receives a post of the public form from remote (the
// route is for the access log) and returns the reference to show. In
// order:
//
//   - the post is counted against the address's and the overall rate
//     limits, and refused with errs.TooMany over either;
//   - its token must be one this service signed, no older than
//     CMEFormLife (errs.Forbidden otherwise: reload the form);
//   - a post with the honeypot filled is a script's: it is answered with a
//     reference like any other but nothing is kept;
//   - what was typed is tidied and checked (errs.Invalid naming each
//     field);
//   - a form sent sooner than education.MinFillTime after it was served is
//     kept, flagged as hurried (a script that waits for the form's token is
//     still slowed by the rate limits; a person who pasted everything in
//     is not lost).
//
// The answer is the same whatever the child's details: nothing is looked
// up on the register here.
func (a *App) SubmitCMEReferral(ctx context.Context, remote, route string, s CMESubmission) (string, error) {
	now := a.Now()
	// Every post counts against its address. The rest is checked before
	// the overall allowance is spent, so that posts with no token or a
	// forged one, or with bad fields, cannot use it up for genuine
	// referrers (an insider's run shut the form this way); a filled
	// honeypot is answered as a good post is, after the same checks, so
	// that it cannot be told from one.
	wait, err := a.take(ctx, a.CME.PerAddress, "cme-address", CMEAddressKey(remote), now)
	if err != nil {
		return "", err
	}
	if wait > 0 {
		return "", errCMETooMany
	}
	served, err := a.cmeServedAt(ctx, s.Token, now)
	if err != nil {
		return "", err
	}
	r := s.Referral
	r.Normalise()
	f := append(slices.Clone(s.Unread), education.ValidateReferral(r, a.Today())...)
	if len(f) > 0 {
		return "", f.Err()
	}
	ref, err := newCMEReference()
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s.Honeypot) != "" {
		a.Log.Info("cme form: a post with the honeypot filled was answered and not kept", "remote", remote)
		return ref, nil
	}
	if wait, err = a.take(ctx, a.CME.Overall, "cme-all", "all", now); err != nil {
		return "", err
	}
	if wait > 0 {
		return "", errCMETooMany
	}
	r.ID, r.Version, r.PersonID, r.Added, r.CloseReason = 0, 0, 0, false, ""
	r.Status = education.ReferralNew
	r.Received = now.UTC().Truncate(time.Microsecond)
	r.FilledIn = now.Sub(served).Truncate(time.Second)
	r.Reference = ref
	ac := Actor{Remote: remote, Route: route}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: store.KindCMEReferral, Action: store.LogCreate, Reason: "public form", Note: "CME referral received through the online form"})
	if err != nil {
		return "", err
	}
	got, err := a.Store.CreateCMEReferral(ctx, r, w.change(store.Change{At: r.Received, Reason: "Sent through the online form"}))
	if err != nil {
		return "", w.failed(ctx, err)
	}
	w.done(ctx, 0, int64(got.ID))
	return ref, nil
}

// CMEAddressKey is what the per-address limit counts a post against: an
// IPv4 address as it is, an IPv6 address by its /64. A home or a host is
// routinely given a whole /64 (RFC 6177) and may send from any of its 2^64
// addresses, so counting each on its own would set no limit at all. An
// IPv4 address written in IPv6 form is the IPv4 address; a remote that is
// not an address (a unix socket) is its own key.
func CMEAddressKey(remote string) string {
	addr, err := netip.ParseAddr(remote)
	if err != nil {
		return remote
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is4() {
		return addr.String()
	}
	p, err := addr.Prefix(64)
	if err != nil {
		return remote
	}
	return p.String()
}

// The refusal of the CME officers' pages to anyone outside the CME team:
// "not found", the same for the queue and every referral, whether or not
// any exists.
var errNoReferral = errs.E(errs.NotFound, "There is nothing here that you can see")

// ReasonCMETeam is the access log's reason for a read by the CME team.
const ReasonCMETeam = "CME team"

// inCMETeam reports whether p is a member of the CME team: not disabled,
// of a team, and that team the one named (none named: nobody is).
func (a *App) inCMETeam(ctx context.Context, p access.Principal) (bool, error) {
	if p.User.Disabled || p.User.TeamID == 0 {
		return false, nil
	}
	team, err := a.cmeTeam(ctx)
	if err != nil {
		return false, err
	}
	return team != 0 && p.User.TeamID == team, nil
}

// InCMETeam reports whether the user may open the CME queue: the service
// navigation shows its link only to them. An error reading the setting
// hides the link; the page itself still decides.
func (a *App) InCMETeam(ctx context.Context, p access.Principal) bool {
	in, err := a.inCMETeam(ctx, p)
	return err == nil && in
}

// requireCMETeam refuses anyone outside the CME team, logging the refusal
// (with the referral's id when one was asked for) and answering "not
// found".
func (a *App) requireCMETeam(ctx context.Context, ac Actor, id education.CMEReferralID) error {
	in, err := a.inCMETeam(ctx, ac.Principal)
	if err != nil {
		return err
	}
	if in {
		return nil
	}
	e := store.AccessEntry{Action: store.LogDenied, Reason: "cme.read: not a member of the CME team"}
	if id != 0 {
		e.Kind, e.RecordID, e.Note = store.KindCMEReferral, int64(id), cmeNote(id)
	}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return err
	}
	return errNoReferral
}

// cmeNote names a referral in an access-log line, which has no person to
// name until the referral is matched.
func cmeNote(id education.CMEReferralID) string {
	return "CME referral " + strconv.FormatInt(int64(id), 10)
}

// CMEQueue is the referrals not yet closed, oldest first, as of At.
type CMEQueue struct {
	At        time.Time
	Referrals []education.CMEReferral
}

// CMEReferrals lists the open referrals for a member of the CME team. The
// list shows what referrers typed about children, so each opening is a
// line of the access log (a bulk read with how many were listed).
func (a *App) CMEReferrals(ctx context.Context, ac Actor) (CMEQueue, error) {
	if err := a.requireCMETeam(ctx, ac, 0); err != nil {
		return CMEQueue{}, err
	}
	rs, err := a.Store.OpenCMEReferrals(ctx)
	if err != nil {
		return CMEQueue{}, err
	}
	e := store.AccessEntry{Kind: store.KindCMEReferral, Action: store.LogBulkRead, Reason: ReasonCMETeam, Note: "CME referrals: the queue", Children: len(rs)}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return CMEQueue{}, err
	}
	return CMEQueue{At: a.Now(), Referrals: rs}, nil
}

// CMEReferralPage is one referral with every version of it.
type CMEReferralPage struct {
	Referral education.CMEReferral
	History  []store.Version[education.CMEReferral]
	At       time.Time
}

// CMEReferral reads one referral and its history for a member of the CME
// team, logged as a read of the referral (and of the child, once matched).
// A referral that does not exist is "not found", as for anyone outside
// the team.
func (a *App) CMEReferral(ctx context.Context, ac Actor, id education.CMEReferralID) (CMEReferralPage, error) {
	if err := a.requireCMETeam(ctx, ac, id); err != nil {
		return CMEReferralPage{}, err
	}
	r, err := a.Store.CMEReferral(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return CMEReferralPage{}, errNoReferral
	}
	if err != nil {
		return CMEReferralPage{}, err
	}
	h, err := a.Store.CMEReferralHistory(ctx, id)
	if err != nil {
		return CMEReferralPage{}, err
	}
	e := store.AccessEntry{PersonID: r.PersonID, Kind: store.KindCMEReferral, RecordID: int64(id), Action: store.LogRead, Reason: ReasonCMETeam, Note: cmeNote(id)}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return CMEReferralPage{}, err
	}
	return CMEReferralPage{Referral: r, History: h, At: a.Now()}, nil
}

// MatchCMEReferral matches a referral to a child on the register, as a new
// version with the reason; added records that the officer added the child
// from this referral. version is the one the officer started from. The
// officer's role must read children's records (errs.Forbidden otherwise)
// and they must be able to open this child's (the refusal is logged and
// answered the same whether or not the person exists); a closed referral
// is not matched again.
func (a *App) MatchCMEReferral(ctx context.Context, ac Actor, id education.CMEReferralID, version int, person people.ID, added bool, reason string) error {
	if err := a.requireCMETeam(ctx, ac, id); err != nil {
		return err
	}
	// A member whose role reads no child's record matches none: refused
	// for every referral and person alike, as any change the role does not
	// allow.
	if err := a.requireAbout(ctx, ac, access.ReadPerson, store.AccessEntry{Kind: store.KindCMEReferral, RecordID: int64(id), Note: cmeNote(id)}); err != nil {
		return err
	}
	var f errs.Fields
	reason, rerr := validReason(reason)
	if e := errs.As(rerr); e != nil {
		f = append(f, e.Fields...)
	}
	if person <= 0 {
		f.Add("person_id", "Enter the id of the child on the register")
	}
	if err := f.Err(); err != nil {
		return err
	}
	r, err := a.cmeReferralAt(ctx, id, version)
	if err != nil {
		return err
	}
	if !r.CanMatch() {
		return errs.Fields{{Field: "person_id", Message: "This referral is closed: it cannot be matched"}}.Err()
	}
	if _, err := a.authorizePerson(ctx, ac, access.ReadPerson, person); err != nil {
		if c := errs.CodeOf(err); c == errs.NotFound || c == errs.ReasonRequired || c == errs.Forbidden {
			return errs.Fields{{Field: "person_id", Message: "Enter the id of a child whose record you can open"}}.Err()
		}
		return err
	}
	r.Status, r.PersonID, r.Added = education.ReferralMatched, person, added
	return a.writeCMEReferral(ctx, ac, r, "matched", reason)
}

// CloseCMEReferral closes a referral with one of
// education.ReferralCloseReasons and the reason typed, as a new version.
// A referral closes once.
func (a *App) CloseCMEReferral(ctx context.Context, ac Actor, id education.CMEReferralID, version int, code, reason string) error {
	if err := a.requireCMETeam(ctx, ac, id); err != nil {
		return err
	}
	var f errs.Fields
	if !education.ReferralCloseReasons.Has(code) {
		f.Add("close_reason", "Select why the referral is being closed")
	}
	reason, rerr := validReason(reason)
	if e := errs.As(rerr); e != nil {
		f = append(f, e.Fields...)
	}
	if err := f.Err(); err != nil {
		return err
	}
	r, err := a.cmeReferralAt(ctx, id, version)
	if err != nil {
		return err
	}
	if !r.CanClose() {
		return errs.Fields{{Field: "close_reason", Message: "This referral is already closed"}}.Err()
	}
	r.Status, r.CloseReason = education.ReferralClosed, code
	return a.writeCMEReferral(ctx, ac, r, "closed: "+code, reason)
}

// cmeReferralAt reads a referral for a change from version: "not found" if
// there is none, errs.Conflict if it has changed since.
func (a *App) cmeReferralAt(ctx context.Context, id education.CMEReferralID, version int) (education.CMEReferral, error) {
	r, err := a.Store.CMEReferral(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return r, errNoReferral
	}
	if err != nil {
		return r, err
	}
	if version != r.Version {
		return r, errs.E(errs.Conflict, "This referral was changed by someone else since you opened it. Go back, reload it and try again")
	}
	return r, nil
}

// writeCMEReferral writes a change to a referral with its access-log line.
func (a *App) writeCMEReferral(ctx context.Context, ac Actor, r education.CMEReferral, what, reason string) error {
	e := store.AccessEntry{PersonID: r.PersonID, Kind: store.KindCMEReferral, RecordID: int64(r.ID), Action: store.LogUpdate, Reason: ReasonCMETeam, Note: cmeNote(r.ID) + " " + what + ": " + reason}
	w, err := a.beginWrite(ctx, ac, e)
	if err != nil {
		return err
	}
	if _, err := a.Store.UpdateCMEReferral(ctx, r, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason})); err != nil {
		return w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return nil
}

// cmeTeam returns the team named as the CME team (0: none), from the
// cache when it is fresh.
func (a *App) cmeTeam(ctx context.Context) (access.TeamID, error) {
	return a.namedTeamNow(ctx, a.cmeSetting())
}
