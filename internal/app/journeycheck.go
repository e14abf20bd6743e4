package app

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"

	"hearth/internal/journey"
	"hearth/internal/people"
)

// CheckJourney judges a new record (r.ID zero) or a change to one of child
// on's journey records as RecordJourney or ChangeJourney would, and writes
// nothing: the check page of a form shows only what would be saved. It
// returns the record as it would be kept (normalised, with the user's team
// where it has none). The save judges it again, against the journey as it
// stands then.
func (a *App) CheckJourney(ctx context.Context, ac Actor, on people.ID, r journey.Record) (journey.Record, error) {
	t, err := a.openJourney(ctx, ac, on, r.Kind == journey.KindAllocation)
	if err != nil {
		return r, err
	}
	r.PersonID = on
	if r.ID == 0 {
		r.Version, r.RecordedAt = 0, time.Time{}
		if r.TeamID == 0 && r.Kind != journey.KindNote && r.Kind != journey.KindVisit {
			r.TeamID = ac.Principal.User.TeamID
		}
	} else {
		cur, ok := find(t.journey.Records, r.ID)
		if !ok {
			return r, a.noJourneyRecord(ctx, ac, access.UpdatePerson, on, r.ID)
		}
		if cur.Kind == journey.KindAllocation {
			if err := a.require(ctx, ac, access.AllocateWork); err != nil {
				return r, err
			}
		}
		if r.Kind != cur.Kind {
			var f errs.Fields
			f.Add("kind", "A record's kind cannot be changed: record a new one instead")
			return r, f.Err()
		}
		r.RecordedAt = cur.RecordedAt
	}
	return r, a.judge(t.journey, &r)
}
