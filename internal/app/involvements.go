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
func (a *App) EndInvolvement(ctx context.Context, ac Actor, on people.ID, id store.InvolvementID, version int, end civil.Date, reason string) (store.Involvement, error) {
	reason, rerr := validReason(reason)
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return store.Involvement{}, err
	}
	invs, err := a.Store.Involvements(ctx, d.Permit)
	if err != nil {
		return store.Involvement{}, err
	}
	var inv store.Involvement
	for _, i := range invs {
		if i.ID == id {
			inv = i
		}
	}
	if inv.ID == 0 {
		return store.Involvement{}, ErrNoInvolvement
	}
	var fields errs.Fields
	switch {
	case end.IsZero():
		fields.Add("end_date", "Enter the date the involvement ended")
	case a.Today().Before(end):
		fields.Add("end_date", "End date must be today or in the past")
	case !inv.StartDate.IsZero() && end.Before(inv.StartDate):
		fields.Add("end_date", "End date must be on or after the start date, %s", inv.StartDate.Format())
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
	inv.Version, inv.EndDate = version, end
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindInvolvement, RecordID: int64(inv.ID), Action: store.LogUpdate, Reason: d.Reason, Note: "involvement ended"})
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
	return invs, nil
}

// InvolvementHistory returns every version of one of a person's
// involvements, oldest first, with who wrote each, when and why. An id that
// is not one of the person's involvements is ErrNoInvolvement. It is logged
// as a read of the involvement's history.
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
		if v.Record.ID == id {
			h = append(h, v)
		}
	}
	if len(h) == 0 {
		return nil, ErrNoInvolvement
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
// involvements is ErrNoInvolvement. It shows the record, so it is logged as
// a read of the involvement.
func (a *App) InvolvementToEndOn(ctx context.Context, ac Actor, on people.ID, id store.InvolvementID) (InvolvementToEnd, error) {
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return InvolvementToEnd{}, err
	}
	invs, err := a.Store.Involvements(ctx, d.Permit)
	if err != nil {
		return InvolvementToEnd{}, err
	}
	var out InvolvementToEnd
	for _, i := range invs {
		if i.ID == id {
			out.Involvement = i
		}
	}
	if out.Involvement.ID == 0 {
		return InvolvementToEnd{}, ErrNoInvolvement
	}
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
