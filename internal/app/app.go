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
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
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
	// Searches limits how often each user may search the register (searches
	// and the duplicate check when adding a person), keyed by user id: see
	// allowSearch. New sets it; nil sets no limit, for a tool that searches
	// as a machine (the benchmark).
	Searches *access.Limiter
	// BreakGlass lets practitioners, team managers and MASH open a record
	// they have no relationship to, after giving a reason (see
	// OpenWithReason). On by default; the council may switch it off
	// (hearth serve --break-glass=false, or HEARTH_BREAK_GLASS=off).
	BreakGlass bool

	teams teamCache
	// signIns slows repeated sign-in attempts by name; deviceKey signs the
	// cookie that lets a browser that has signed in before be counted apart
	// from an attacker trying the same name (see auth.go).
	signIns   *access.NameThrottle
	deviceKey []byte
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
		BreakGlass:      true,
		signIns:         access.NewNameThrottle(),
		deviceKey:       newDeviceKey(),
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

// require checks a role permission that does not depend on a record.
func (a *App) require(ac Actor, act access.Action) error {
	d := access.Authorize(ac.Principal, act, nil, a.Now())
	if !d.Allowed {
		return errs.E(errs.Forbidden, "You do not have permission to do this")
	}
	return nil
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
	e.At = a.Now().UTC()
	e.UserID = ac.UserID()
	e.Username = ac.Principal.User.Username
	e.Remote = ac.Remote
	e.Route = ac.Route
	if err := a.Store.LogAccess(ctx, e); err != nil {
		return errs.Wrap(err, "could not write the access log")
	}
	return nil
}
