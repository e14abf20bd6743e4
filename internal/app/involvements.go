package app

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// ErrNoInvolvement answers for an involvement that is not on the record it
// was asked for through: the same answer whether it exists elsewhere or not.
var ErrNoInvolvement = errs.E(errs.NotFound, "There is no involvement with this id on this record")

// EndInvolvement ends one of a person's involvements on a date, as a new
// version with a reason: a team's work with a child ends, and the record it
// opened to them closes the day after (see access.Involvement.OpenOn). It
// needs the right to change the person's record. version is the version the
// user started from; a change made from an older one is refused with
// errs.Conflict. The end date is today or earlier, and not before the start.
//
// An involvement that has ended may only have its end moved earlier (a
// correction), never later: a later end would reopen the record to the
// team, and for a contact to every MASH worker, long after their work
// ended. Opening it again is a new involvement, not an edit of an old one.
func (a *App) EndInvolvement(ctx context.Context, ac Actor, on people.ID, id store.InvolvementID, version int, end civil.Date, reason string) (store.Involvement, error) {
	reason, rerr := validReason(reason)
	d, inv, err := a.involvementOn(ctx, ac, on, id)
	if err != nil {
		return store.Involvement{}, err
	}
	var fields errs.Fields
	switch {
	case inv.Record != 0:
		// Ended here, it would part from the record that gives it, whose
		// next change would set its dates back.
		fields.Add("end_date", "This involvement follows a record of the child's journey: end it by closing that record")
	case end.IsZero():
		fields.Add("end_date", "Enter the date the involvement ended")
	case a.Today().Before(end):
		fields.Add("end_date", "End date must be today or in the past")
	case !inv.StartDate.IsZero() && end.Before(inv.StartDate):
		fields.Add("end_date", "End date must be on or after the start date, %s", inv.StartDate.Format())
	// Judged against the version the user started from only: from a stale
	// one the store refuses the change as such (409), and the user sees the
	// involvement as it now stands before saving again.
	case version == inv.Version && !inv.EndDate.IsZero() && inv.EndDate.Before(end):
		fields.Add("end_date", "This involvement ended on %s: an end date can only be moved earlier", inv.EndDate.Format())
	}
	if version < 1 {
		fields.Add("version", "Enter the version of the involvement you are ending")
	}
	if e := errs.As(rerr); e != nil {
		fields = append(fields, e.Fields...)
	}
	if err := fields.Err(); err != nil {
		return store.Involvement{}, err
	}
	note := endNote(inv.EndDate, end)
	inv.Version, inv.EndDate = version, end
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindInvolvement, RecordID: int64(inv.ID), Action: store.LogUpdate, Reason: d.Reason, Note: note})
	if err != nil {
		return store.Involvement{}, err
	}
	inv, err = a.Store.UpdateInvolvement(ctx, inv, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return store.Involvement{}, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(inv.ID))
	return inv, nil
}

// endNote is the access-log note of an end: the date it was given, and for
// one already ended the date it had, so that an auditor sees what moved.
func endNote(was, end civil.Date) string {
	switch {
	case was.IsZero():
		return "ended " + end.String()
	case was == end:
		return "end kept at " + end.String()
	}
	return "end moved from " + was.String() + " to " + end.String()
}

// noInvolvement logs the refusal of an involvement id that is not on the
// record of person on, as any refusal on a record is, and returns
// ErrNoInvolvement. An id that cannot name an involvement (0 or less) is
// answered without a line, like a malformed id in a path.
func (a *App) noInvolvement(ctx context.Context, ac Actor, act access.Action, on people.ID, id store.InvolvementID) error {
	if id <= 0 {
		return ErrNoInvolvement
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindInvolvement, RecordID: int64(id), Action: store.LogDenied, Reason: string(act) + ": " + reasonNotOnRecord}); err != nil {
		return err
	}
	return ErrNoInvolvement
}

// reasonNotOnRecord is the reason of a refusal of a record id that is not
// on the person's record it was asked for through.
const reasonNotOnRecord = "not on this record"

// Involvements returns a person's involvements as they stand, with the id
// and version each is changed by. It is a read of the person's record,
// authorised and logged as one, as a read of their involvements.
func (a *App) Involvements(ctx context.Context, ac Actor, id people.ID) ([]store.Involvement, error) {
	d, err := a.authorizePerson(ctx, ac, access.ReadPerson, id)
	if err != nil {
		return nil, err
	}
	invs, err := a.Store.Involvements(ctx, d.Permit)
	if err != nil {
		return nil, err
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: id, Kind: store.KindInvolvement, Action: store.LogRead, Reason: d.Reason}); err != nil {
		return nil, err
	}
	return involvementsSeenBy(ac.Principal, invs), nil
}

// InvolvementHistory returns every version of one of a person's
// involvements, oldest first, with who wrote each, when and why. An id that
// is not one of the person's involvements is ErrNoInvolvement, logged as a
// refusal. It is logged as a read of the involvement's history.
func (a *App) InvolvementHistory(ctx context.Context, ac Actor, on people.ID, id store.InvolvementID) ([]store.Version[store.Involvement], error) {
	d, err := a.authorizePerson(ctx, ac, access.ReadPerson, on)
	if err != nil {
		return nil, err
	}
	all, err := a.Store.InvolvementHistory(ctx, d.Permit)
	if err != nil {
		return nil, err
	}
	var h []store.Version[store.Involvement]
	for _, v := range all {
		if v.Record.ID == id && (v.Record.Kind == access.KindEducation || access.Can(ac.Principal, access.ReadJourney)) {
			h = append(h, v)
		}
	}
	if len(h) == 0 {
		return nil, a.noInvolvement(ctx, ac, access.ReadPerson, on, id)
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindInvolvement, RecordID: int64(id), Action: store.LogHistory, Reason: d.Reason}); err != nil {
		return nil, err
	}
	return h, nil
}

// InvolvementToEnd is what a user about to end an involvement is shown: whose
// record it is on, the involvement as it stands, and its allocated worker.
type InvolvementToEnd struct {
	Person      people.Person
	Involvement store.Involvement
	Worker      string // the allocated worker's name; "" when there is none
}

// InvolvementToEndOn reads one of a person's involvements for a user who may
// change the record (the page that ends it). Like EndInvolvement, it is
// refused to anyone else, and an id that is not one of the person's
// involvements is ErrNoInvolvement, logged as a refusal. It shows the
// record, so it is logged as a read of the involvement.
func (a *App) InvolvementToEndOn(ctx context.Context, ac Actor, on people.ID, id store.InvolvementID) (InvolvementToEnd, error) {
	d, inv, err := a.involvementOn(ctx, ac, on, id)
	if err != nil {
		return InvolvementToEnd{}, err
	}
	out := InvolvementToEnd{Involvement: inv}
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return InvolvementToEnd{}, err
	}
	if w := out.Involvement.WorkerID; w != 0 {
		u, err := a.Store.User(ctx, w)
		switch {
		case err == nil:
			out.Worker = u.DisplayName
		case !errs.Is(err, errs.NotFound):
			return InvolvementToEnd{}, err
		}
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindInvolvement, RecordID: int64(id), Action: store.LogRead, Reason: d.Reason}); err != nil {
		return InvolvementToEnd{}, err
	}
	return out, nil
}

// involvementOn decides a change to person on's record and returns the
// decision and the involvement with id as it stands, if it is one of theirs;
// an id that is not is ErrNoInvolvement, logged as a refusal.
func (a *App) involvementOn(ctx context.Context, ac Actor, on people.ID, id store.InvolvementID) (access.Decision, store.Involvement, error) {
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return d, store.Involvement{}, err
	}
	invs, err := a.Store.Involvements(ctx, d.Permit)
	if err != nil {
		return d, store.Involvement{}, err
	}
	for _, inv := range invs {
		if inv.ID == id {
			return d, inv, nil
		}
	}
	return d, store.Involvement{}, a.noInvolvement(ctx, ac, access.UpdatePerson, on, id)
}
