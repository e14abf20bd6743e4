// Package app holds Hearth's use cases: one function for each thing a user can
// do. Each authorises the actor with access.Authorize, reads a child's record
// with the decision's permit, validates with the domain packages, writes
// through the store in one transaction (several writes in one Store.Atomic)
// and records reads and writes of a person's record in the access log. The
// web pages and the JSON API both call these functions, so they share every
// rule and every error.
package app

import (
	"context"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/sso"
	"hearth/internal/store"
)

// App is the application: the store plus the clock.
type App struct {
	Store store.Store
	Log   *slog.Logger
	// Clock is where every "now" and "today" comes from, through Now and
	// Today; tests replace it with a stopped clock.
	Clock func() time.Time
	// IdleTimeout ends a browser session after this long without a request.
	IdleTimeout time.Duration
	// SessionLifetime ends a browser session this long after sign-in, however busy.
	SessionLifetime time.Duration
	// PerformanceStampEvery is how often, at most, the performance
	// framework asks the store whether anything was written since it read
	// the children (the stamp reads an index of every journey record, tens
	// of milliseconds at a city's scale). A write made through this
	// process is seen at once; one made by another process sharing the
	// database within this time. 0 asks on every request.
	PerformanceStampEvery time.Duration
	// Searches limits how often each user may search the register (searches
	// and the duplicate check when adding a person), keyed by user id: see
	// allowSearch. New sets it; nil sets no limit, for a tool that searches
	// as a machine (the benchmark).
	Searches *access.Limiter
	// Outside bounds how many people outside their relationships each user
	// may be listed a day, keyed by user id: see drawOutside. New sets it;
	// nil sets no limit.
	Outside *access.Limiter
	// BreakGlass lets practitioners, team managers and MASH open a record
	// they have no relationship to, after giving a reason (see
	// OpenWithReason). On by default; the council may switch it off
	// (hearth serve --break-glass=false, or HEARTH_BREAK_GLASS=off).
	BreakGlass bool
	// Timescales are the journey's clocks while the council has set none of
	// its own (New sets journey.Defaults; a test may set others). Once an
	// administrator sets the council's timescales (SetTimescales), the rules
	// run to those, read from the store through a cache (see timescales in
	// settings.go): never read this field for a rule, ask a.timescales.
	Timescales journey.Timescales

	// Addresses limits failed sign-ins from each remote address, whatever
	// the name (see SignIn). New sets it; nil sets no limit.
	Addresses *access.Limiter
	// CME limits the public form for referring a child missing education
	// (cme.go). New sets it; a nil limiter sets no limit.
	CME CMELimits
	// Shared says that other Hearth processes share this app's database:
	// the throttles above are then counted in the store, and the teams,
	// services and settings kept in memory are checked for changes every
	// second (shared.go). hearth serve turns it on for PostgreSQL.
	Shared bool

	// SSO signs staff in through the council's identity provider (sso.go);
	// nil when the council has not set it up.
	SSO *sso.Client
	// LocalPasswords lets users sign in with a Hearth password (on unless
	// the council turns it off once single sign-on works); PasswordKeeper
	// is the one administrator who keeps theirs when it is off, to sign in
	// while the provider is down ("" for none).
	LocalPasswords bool
	PasswordKeeper string

	teams    teamCache
	settings timescalesCache
	hub      namedTeamCache // the briefing hub's team (briefing.go)
	cme      cmeState       // the CME team and the public form's key (cme.go)
	shared   sharedState
	perf     perfCache // the children the indicators read (indicators.go)
	// trends holds a place for each trend being computed: a trend of ten
	// years of one service's figures is seconds of CPU, so no more run at
	// once than there are processors, and the rest wait their turn.
	trends chan struct{}
	// writes counts the writes this process has made (loggedWrite.done),
	// so that a cache checked less often than each request still sees
	// them at once.
	writes   atomic.Uint64
	journeys journeyCache // the longest journeys read lately (journeycache.go)
	lists    listCache    // work lists read since the last write (worklistcache.go)
	// signIns slows repeated sign-in attempts by name; deviceKey signs the
	// cookie that lets a browser that has signed in before be counted apart
	// from an attacker trying the same name (see auth.go).
	signIns   *access.NameThrottle
	deviceKey []byte // read from the store at first use (deviceKeyOf)
	deviceMu  sync.Mutex
}

// New returns an App with the council's defaults: the system clock,
// sessions that end after 30 idle minutes or 12 hours, and breaking the glass
// allowed.
func New(st store.Store, log *slog.Logger) *App {
	return &App{
		Store:           st,
		Log:             log,
		Clock:           time.Now,
		IdleTimeout:     30 * time.Minute,
		SessionLifetime: 12 * time.Hour,
		Searches:        access.NewLimiter(1/SearchEvery.Seconds(), SearchBurst),
		Outside:         newOutsideLimiter(),
		BreakGlass:      true,
		LocalPasswords:  true,
		Timescales:      journey.Defaults(),
		Addresses:       access.NewLimiter(1/AddressEvery.Seconds(), AddressBurst),
		CME:             newCMELimits(),
		signIns:         access.NewNameThrottle(),
		trends:          make(chan struct{}, runtime.GOMAXPROCS(0)),

		PerformanceStampEvery: time.Second,
	}
}

// Now is the time now in the council's zone (civil.London). Every rule asks
// it, so that "today" is the council's day whatever zone the server runs in:
// at 00:30 in summer time it is already tomorrow. Store it with .UTC().
func (a *App) Now() time.Time { return a.Clock().In(civil.London) }

// Today is today's date in the council's zone.
func (a *App) Today() civil.Date { return civil.Of(a.Now()) }

// Actor is who is asking and from where: the signed-in principal, the remote
// address and the route, for the access log.
type Actor struct {
	Principal access.Principal
	Remote    string
	Route     string
}

// UserID is the actor's user id.
func (ac Actor) UserID() access.UserID { return ac.Principal.User.ID }

// require checks a role permission that does not depend on a record. A
// refusal is written to the access log, as a refusal of a record is: a
// partner trying the search, a practitioner opening the access log.
//
// For an action on a record it checks the role only (may this user change
// records at all?); the record's own check follows in the use case.
func (a *App) require(ctx context.Context, ac Actor, act access.Action) error {
	return a.requireAbout(ctx, ac, act, store.AccessEntry{})
}

// requireAbout is require for an action the request names a record for:
// the refusal's line names the record too (e, with its person, kind or
// record id set), so that the log says what was tried. The answer is the
// same whatever the record, decided before it is looked at.
func (a *App) requireAbout(ctx context.Context, ac Actor, act access.Action, e store.AccessEntry) error {
	if access.Can(ac.Principal, act) {
		return nil
	}
	reason := access.ReasonNotPermitted
	if ac.Principal.User.Disabled {
		reason = access.ReasonDisabled
	}
	e.Action, e.Reason = store.LogDenied, string(act)+": "+reason
	if err := a.logAccess(ctx, ac, e); err != nil {
		return err
	}
	return errs.E(errs.Forbidden, "You do not have permission to do this")
}

// Require is require for a page that shows a form (or refuses to) before
// any use case runs: the refusal is logged as the use case's would be.
func (a *App) Require(ctx context.Context, ac Actor, act access.Action) error {
	return a.require(ctx, ac, act)
}

// Principal builds the principal for a user: the user and their team's service.
func (a *App) Principal(ctx context.Context, u access.User) (access.Principal, error) {
	p := access.Principal{User: u, BreakGlass: a.BreakGlass}
	if u.TeamID == 0 {
		return p, nil
	}
	var err error
	p.ServiceID, err = a.serviceOf(ctx, u.TeamID)
	return p, err
}

// logAccess writes one line of the access log. A failure to log a read is a
// failure of the read: an unlogged read of a child's record must not happen.
func (a *App) logAccess(ctx context.Context, ac Actor, e store.AccessEntry) error {
	if err := a.Store.LogAccess(ctx, a.stamp(ac, e)); err != nil {
		return errs.Wrap(err, "could not write the access log")
	}
	return nil
}

// stamp fills in a line's time and who asked, from where.
func (a *App) stamp(ac Actor, e store.AccessEntry) store.AccessEntry {
	e.At = a.Now().UTC()
	e.UserID = ac.UserID()
	e.Username = ac.Principal.User.Username
	e.Remote = ac.Remote
	e.Route = ac.Route
	return e
}

// onPerson is a line about a person's own record.
func onPerson(id people.ID, act store.AccessAction, reason string) store.AccessEntry {
	return store.AccessEntry{PersonID: id, Kind: store.KindPerson, RecordID: int64(id), Action: act, Reason: reason}
}

// loggedWrite is the access-log line of a write under way.
//
// A write and its line must not part: a crash must not leave a change that
// the log does not show. The line is written first, as pending; the write's
// Change names it (change), so that the store records in the write's own
// transaction that it committed; then the line is settled (done or failed).
// If the process stops between the write and the settling, the store
// settles the line when it next opens, from what the write's transaction
// recorded. On SQLite the log is a file of its own, which no commit shares
// with the records; this order keeps them together on both databases.
//
// A use case of several writes (a unit of work) passes the same change to
// each and settles once, after the unit commits.
type loggedWrite struct {
	a    *App
	line int64
	also []int64 // further lines of the same write, about other records (alsoOn)
}

// beginWrite writes the line of a write about to be made. A write whose
// line cannot be written is not made.
func (a *App) beginWrite(ctx context.Context, ac Actor, e store.AccessEntry) (loggedWrite, error) {
	id, err := a.Store.LogPending(ctx, a.stamp(ac, e))
	if err != nil {
		return loggedWrite{}, errs.Wrap(err, "could not write the access log")
	}
	return loggedWrite{a: a, line: id}, nil
}

// alsoOn writes a further pending line of the same write, about another
// record it touches (a relationship is in both people's records, so it is
// logged on both). It is marked and settled with the first. If it cannot be
// written, the write is not made and the first line is settled as failed.
func (w *loggedWrite) alsoOn(ctx context.Context, ac Actor, e store.AccessEntry) error {
	id, err := w.a.Store.LogPending(ctx, w.a.stamp(ac, e))
	if err != nil {
		return w.failed(ctx, errs.Wrap(err, "could not write the access log"))
	}
	w.also = append(w.also, id)
	return nil
}

// change is c, naming the write's lines.
func (w loggedWrite) change(c store.Change) store.Change {
	c.LogLine = w.line
	c.AlsoLogLines = w.also
	return c
}

// done settles the line once the write has committed, with the ids of the
// person and record it wrote (0 keeps the line's own). It does not fail the
// use case: the change is saved, and telling the user otherwise would have
// them make it twice. A line it cannot settle stays pending until the store
// next opens, which settles it from the write's transaction.
func (w loggedWrite) done(ctx context.Context, person people.ID, record int64) {
	w.a.writes.Add(1)
	w.settle(ctx, store.Settlement{Line: w.line, State: store.LineDone, PersonID: person, RecordID: record})
}

// failed settles the line of a write that did not commit, and returns the
// write's error.
func (w loggedWrite) failed(ctx context.Context, err error) error {
	w.settle(ctx, store.Settlement{Line: w.line, State: store.LineFailed})
	return err
}

func (w loggedWrite) settle(ctx context.Context, s store.Settlement) {
	lines := append([]int64{w.line}, w.also...)
	// Settled even if the request has gone: the write's outcome is known.
	ctx = context.WithoutCancel(ctx)
	_ = eachAtOnce(len(lines), func(i int) error {
		s := s
		s.Line = lines[i]
		if i > 0 {
			s.PersonID = 0 // a further line keeps the person it names
		}
		if err := w.a.Store.SettleAccess(ctx, s); err != nil {
			w.a.Log.Error("could not settle an access-log line; it stays pending until the store next opens",
				"line", s.Line, "state", string(s.State), "err", err)
		}
		return nil
	})
}

// logConcurrency is how many lines of one use case are handed to the
// access log at once: the log's writer takes them in batches, where one at
// a time would cost a commit each.
const logConcurrency = 64

// eachAtOnce runs f for 0..n-1, logConcurrency at a time, and returns the
// first error.
func eachAtOnce(n int, f func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		slots = make(chan struct{}, logConcurrency)
	)
	for i := range n {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := f(i); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return first
}

// logEach writes many lines of one use case (see logConcurrency).
func (a *App) logEach(ctx context.Context, ac Actor, es []store.AccessEntry) error {
	return eachAtOnce(len(es), func(i int) error { return a.logAccess(ctx, ac, es[i]) })
}

// alsoOnEach is alsoOn for many records at once (see logConcurrency).
func (w *loggedWrite) alsoOnEach(ctx context.Context, ac Actor, es []store.AccessEntry) error {
	ids := make([]int64, len(es))
	err := eachAtOnce(len(es), func(i int) error {
		id, err := w.a.Store.LogPending(ctx, w.a.stamp(ac, es[i]))
		ids[i] = id
		return err
	})
	for _, id := range ids {
		if id != 0 {
			w.also = append(w.also, id)
		}
	}
	if err != nil {
		return w.failed(ctx, errs.Wrap(err, "could not write the access log"))
	}
	return nil
}
