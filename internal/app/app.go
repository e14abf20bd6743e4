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
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Loc is the council's time zone, for "today".
	Loc *time.Location
	// IdleTimeout ends a browser session after this long without a request.
	IdleTimeout time.Duration
	// SessionLifetime ends a browser session this long after sign-in, however busy.
	SessionLifetime time.Duration

	teams teamCache
}

// New returns an App with the council's defaults: Europe/London, sessions that
// end after 30 idle minutes or 12 hours.
func New(st store.Store, log *slog.Logger) *App {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		loc = time.UTC // no zone database on the machine; dates near midnight may be a day out
	}
	return &App{
		Store:           st,
		Log:             log,
		Now:             time.Now,
		Loc:             loc,
		IdleTimeout:     30 * time.Minute,
		SessionLifetime: 12 * time.Hour,
	}
}

// Today is today's date in the council's zone.
func (a *App) Today() civil.Date { return civil.Of(a.Now().In(a.Loc)) }

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
	p := access.Principal{User: u}
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
