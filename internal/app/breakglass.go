package app

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Breaking the glass: opening, with a reason, a record the user has no
// relationship to. The rule is access's (breakglass.go); this records it.

// errReasonRequired answers a read refused to a user who may break the
// glass, for every record alike: one that exists, one that is restricted,
// one that does not exist. Only giving a reason tells them apart, and that
// is logged.
var errReasonRequired = errs.E(errs.ReasonRequired, "You have no relationship to this record. To open it, give your reason: it is recorded in the access log")

// Opening is what giving a reason to open a record did.
type Opening struct {
	PersonID people.ID
	// Reason is why the record is open: access.ReasonBreakGlass, or the
	// relationship that opened it already (then nothing was recorded).
	Reason string
	// Until is when an opening by breaking the glass ends: midnight in
	// London. Zero when a relationship opened the record.
	Until time.Time
}

// OpenWithReason opens a record the actor has no relationship to, for
// reading, until the end of the day, recording the reason they typed. A
// record they may already open is left as it is. A restricted record, or
// one that does not exist, is not found, the same as a read refused to
// anyone else.
func (a *App) OpenWithReason(ctx context.Context, ac Actor, id people.ID, reason string) (Opening, error) {
	now := a.Now()
	if !access.Can(ac.Principal, access.BreakGlass) {
		d := access.Authorize(ac.Principal, access.BreakGlass, &access.Subject{PersonID: id}, now)
		if err := a.logBreakGlass(ctx, ac, id, d, ""); err != nil {
			return Opening{}, err
		}
		return Opening{}, errs.E(errs.Forbidden, "You cannot open records you have no relationship to")
	}
	typed, err := breakGlassReason(reason)
	if err != nil {
		return Opening{}, err
	}
	subj, err := a.Store.Subject(ctx, id, now)
	if errs.Is(err, errs.NotFound) {
		return Opening{}, a.breakGlassRefused(ctx, ac, id, access.Authorize(ac.Principal, access.BreakGlass, nil, now), typed)
	}
	if err != nil {
		return Opening{}, err
	}
	d, err := a.decide(ctx, ac, access.ReadPerson, &subj, now)
	if err != nil {
		return Opening{}, err
	}
	if d.Allowed && d.Reason != access.ReasonBreakGlass {
		return Opening{PersonID: id, Reason: d.Reason}, nil
	}
	bg := access.Authorize(ac.Principal, access.BreakGlass, &subj, now)
	if !bg.Allowed {
		return Opening{}, a.breakGlassRefused(ctx, ac, id, bg, typed)
	}
	// The log line first: an opening must never exist without it.
	w, err := a.beginWrite(ctx, ac, breakGlassLine(id, bg, typed))
	if err != nil {
		return Opening{}, err
	}
	g := access.Opening(id, ac.UserID(), typed, now.UTC())
	if err := a.Store.AddGrant(ctx, g, w.change(store.Change{By: ac.UserID(), At: now.UTC(), Reason: typed})); err != nil {
		return Opening{}, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return Opening{PersonID: id, Reason: access.ReasonBreakGlass, Until: g.Until}, nil
}

// breakGlassRefused logs a refused opening and answers "not found".
func (a *App) breakGlassRefused(ctx context.Context, ac Actor, id people.ID, d access.Decision, typed string) error {
	if err := a.logBreakGlass(ctx, ac, id, d, typed); err != nil {
		return err
	}
	return errNoPerson
}

// logBreakGlass writes the access log's line for a refused attempt to break
// the glass (see breakGlassLine).
func (a *App) logBreakGlass(ctx context.Context, ac Actor, id people.ID, d access.Decision, typed string) error {
	return a.logAccess(ctx, ac, breakGlassLine(id, d, typed))
}

// breakGlassLine is the access log's line for an attempt to break the glass:
// action break_glass when allowed (written before the opening, as pending),
// denied when not, with the reason the user typed as the line's note. It is
// the one place these lines are made.
func breakGlassLine(id people.ID, d access.Decision, typed string) store.AccessEntry {
	e := onPerson(id, store.LogBreakGlass, d.Reason)
	if !d.Allowed {
		e.Action, e.Reason = store.LogDenied, string(access.BreakGlass)+": "+d.Reason
	}
	e.Note = typed
	return e
}

// breakGlassReason checks the reason given for opening a record.
func breakGlassReason(reason string) (string, error) {
	return checkReason(reason, "Enter why you need to open this record")
}
