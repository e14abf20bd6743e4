package app

import (
	"context"

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
