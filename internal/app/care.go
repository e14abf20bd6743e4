package app

import (
	"cmp"
	"context"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// PlacementMove is a child in care's move from their placement to the next
// on Date. In the SSDA903 return a move is two facts on one day: the
// current episode of care ends (reason ceased X1) and the next starts
// (reason for the new episode P, T, B or U); recording them as one action
// keeps the child's care history without a gap or an overlap between them.
type PlacementMove struct {
	// Episode and Version are the current episode of care as the user saw
	// it: if it has changed or ended since, the move is refused as a
	// conflict rather than made from what the user did not see.
	Episode journey.ID `json:"episode"`
	Version int        `json:"version"`
	Date    civil.Date `json:"date"`
	// The new placement: its type, provider, address and foster household.
	Placement string           `json:"placement"`          // care.PlacementTypes
	Provider  string           `json:"provider,omitempty"` // care.Providers
	Postcode  string           `json:"postcode,omitempty"`
	URN       string           `json:"urn,omitempty"`
	Household care.HouseholdID `json:"household,omitzero"`
	// SameCarers says the child moves with their carers (903 reasons T
	// and U) rather than to new ones (P and B).
	SameCarers bool   `json:"same_carers"`
	Reason     string `json:"reason"` // care.PlaceChangeReasons
	// LegalStatus is the child's new legal status when it changes with the
	// move; empty when it does not.
	LegalStatus string `json:"legal_status,omitempty"`
}

// reasonNew is the 903 reason the move's new episode starts for.
func (m PlacementMove) reasonNew() string {
	switch {
	case m.LegalStatus != "" && m.SameCarers:
		return "U"
	case m.LegalStatus != "":
		return "B"
	case m.SameCarers:
		return "T"
	}
	return "P"
}

// MovePlacement moves child on from their current placement to the next,
// in one unit of work: a new version of the current episode of care ending
// on the move's date with reason ceased X1, and the next episode starting
// that day in the new placement, with the same legal status (or the new
// one), category of need and permanence goal, held by the same team and
// worker. Both are judged against the child's journey as the journey's
// other records are, and both versions carry the reason for the move. A
// refusal names the move's own fields (PlacementMove's JSON names) and
// writes nothing. It returns the ended episode and the new one.
func (a *App) MovePlacement(ctx context.Context, ac Actor, on people.ID, m PlacementMove) (journey.Record, journey.Record, error) {
	// A move says where the child now lives: only those who may know it
	// record one (see GivesCare). The role is asked first, so that the
	// answer to anyone else is the same for every child, whether it
	// exists, is in care, or may be opened by them; the line names the
	// child asked about.
	if err := a.requireAbout(ctx, ac, access.ReadPlacementAddress, store.AccessEntry{PersonID: on}); err != nil {
		return journey.Record{}, journey.Record{}, err
	}
	t, err := a.openJourney(ctx, ac, on, false)
	if err != nil {
		return journey.Record{}, journey.Record{}, err
	}
	ended, next, err := a.movePlacement(ctx, ac, t, on, m)
	return seenBy(ac.Principal, ended), seenBy(ac.Principal, next), err
}

// movePlacement is MovePlacement once the child and the user's role have
// been checked.
func (a *App) movePlacement(ctx context.Context, ac Actor, t journeyToChange, on people.ID, m PlacementMove) (journey.Record, journey.Record, error) {
	cur, ok := journey.CurrentEpisode(t.journey.Records)
	if !ok {
		var f errs.Fields
		f.Add("episode", "The child has no open episode of care to move from: record an episode of care instead")
		return journey.Record{}, journey.Record{}, f.Err()
	}
	switch {
	case m.Episode == 0:
		var f errs.Fields
		f.Add("episode", "Enter the current episode of care the child moves from")
		return cur, journey.Record{}, f.Err()
	case m.Episode != cur.ID || m.Version >= 1 && m.Version != cur.Version:
		// Checked again by the write, which refuses a version saved over
		// since it was read; here so that nothing else is judged first.
		return cur, journey.Record{}, errs.E(errs.Conflict, "The child's current episode of care has changed since the move was started")
	}
	m.Placement, m.Provider, m.Reason, m.LegalStatus = strings.TrimSpace(m.Placement), strings.TrimSpace(m.Provider), strings.TrimSpace(m.Reason), strings.TrimSpace(m.LegalStatus)
	m.Postcode, m.URN = strings.TrimSpace(m.Postcode), strings.TrimSpace(m.URN)
	f := checkMove(m, cur, a.Today())
	if m.SameCarers && m.Household == 0 {
		// Moving with the same carers (903 reasons T and U): they are the
		// same household, whatever the new address.
		m.Household = cur.CareEpisode.Household
	}

	if err := a.checkHousehold(ctx, &f, "household", journey.Record{}, journey.Record{Start: m.Date, CareEpisode: &care.Episode{Household: m.Household}}); err != nil {
		return cur, journey.Record{}, err
	}
	ended := cur
	e := *cur.CareEpisode
	e.ReasonCeased = "X1"
	ended.CareEpisode, ended.End, ended.Version = &e, m.Date, m.Version
	next := journey.Record{Kind: journey.KindCareEpisode, PersonID: on, Episode: cur.Episode, Start: m.Date,
		TeamID: cmp.Or(cur.TeamID, ac.Principal.User.TeamID), WorkerID: cur.WorkerID,
		CareEpisode: &care.Episode{LegalStatus: cmp.Or(m.LegalStatus, e.LegalStatus), Need: e.Need, Placement: m.Placement,
			Provider: m.Provider, Postcode: m.Postcode, URN: m.URN, Household: m.Household, ReasonNew: m.reasonNew(),
			ReasonPlaceChange: m.Reason, Permanence: e.Permanence}}
	if len(f) == 0 {
		// The rules of episodes are the journey's, judged on the two
		// records; their fields are said of the move.
		judged, err := moveErrors(a.judge(t.journey, &ended))
		if err != nil {
			return ended, next, err
		}
		after := t.journey
		after.Records = replaced(t.journey.Records, ended)
		more, err := moveErrors(a.judge(after, &next))
		if err != nil {
			return ended, next, err
		}
		for _, jf := range append(judged, more...) {
			if !f.Has(jf.Field) {
				f = append(f, jf)
			}
		}
	}
	if err := f.Err(); err != nil {
		return ended, next, err
	}
	note := "placement move: ends episode of care " + strconv.FormatInt(int64(cur.ID), 10)
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, Action: store.LogCreate, Reason: t.d.Reason, Note: note})
	if err != nil {
		return ended, next, err
	}
	ch := w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: "Move of placement: " + care.PlaceChangeReasons.Label(m.Reason)})
	err = a.Store.Atomic(ctx, func(tx store.Tx) error {
		var err error
		if ended, err = tx.UpdateJourneyRecord(ctx, ended, ch); err != nil {
			return err
		}
		next, err = tx.CreateJourneyRecord(ctx, next, ch)
		return err
	})
	if err != nil {
		return ended, next, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(next.ID))
	return ended, next, nil
}

// checkMove checks what the move says of itself, before it is judged as
// the two episodes: a date by today, a placement, a provider and a reason from their
// lists, and a legal status that is a change.
func checkMove(m PlacementMove, cur journey.Record, today civil.Date) errs.Fields {
	var f errs.Fields
	switch {
	case m.Date.IsZero():
		f.Add("date", "Enter the date of the move")
	case !m.Date.Valid():
		f.Add("date", "The date of the move must be a real date")
	case m.Date.After(today):
		f.Add("date", "The date of the move must be today or in the past")
	case m.Date.Before(cur.Start):
		f.Add("date", "The move must be on or after the day the current episode of care started (%s)", cur.Start.Format())
	}
	if !care.PlacementTypes.Has(m.Placement) {
		f.Add("placement", "Choose the new placement type from the list")
	}
	if m.Provider != "" && !care.Providers.Has(m.Provider) {
		f.Add("provider", "Choose the placement provider from the list")
	}
	if !care.PlaceChangeReasons.Has(m.Reason) {
		f.Add("reason", "Choose the reason for the move from the list")
	}
	switch {
	case m.LegalStatus == "":
	case !care.LegalStatuses.Has(m.LegalStatus):
		f.Add("legal_status", "Choose the new legal status from the list")
	case m.LegalStatus == cur.CareEpisode.LegalStatus:
		f.Add("legal_status", "The legal status is already %s: choose the new one, or say it does not change", lowerFirst(care.LegalStatuses.Label(m.LegalStatus)))
	}
	if m.Household < 0 {
		f.Add("household", "Enter the foster household's number from the register")
	}
	if m.Version < 1 {
		f.Add("version", "Enter the version of the current episode of care you are moving from")
	}
	return f
}

// moveErrors names the journey's refusal of one of the two episodes by the
// move's fields: the episodes' dates are the move's date, and each field of
// the new placement is the move's. An error that is not a refusal is
// returned as it is.
func moveErrors(err error) (errs.Fields, error) {
	e := errs.As(err)
	switch {
	case err == nil:
		return nil, nil
	case e == nil || e.Code != errs.Invalid:
		return nil, err
	case len(e.Fields) == 0:
		return errs.Fields{{Field: "date", Message: e.Message}}, nil
	}
	out := make(errs.Fields, 0, len(e.Fields))
	for _, f := range e.Fields {
		switch f.Field {
		case "care_episode.placement", "care_episode.provider", "care_episode.postcode", "care_episode.urn", "care_episode.household", "care_episode.legal_status":
			f.Field = strings.TrimPrefix(f.Field, "care_episode.")
		case "care_episode.reason_place_change":
			f.Field = "reason"
		case "care_episode.reason_new":
			f.Field = "same_carers"
		default:
			f.Field = "date"
		}
		out = append(out, f)
	}
	return out, nil
}

// lowerFirst is s with its first letter in lower case, for the middle of a
// sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// checkHousehold checks the foster household an episode of care names, if
// it names a new one: it must be on the register, approved by the day the
// episode starts and not deregistered before it.
func (a *App) checkHousehold(ctx context.Context, f *errs.Fields, field string, cur, r journey.Record) error {
	if r.CareEpisode == nil || r.CareEpisode.Household <= 0 || cur.CareEpisode != nil && cur.CareEpisode.Household == r.CareEpisode.Household {
		return nil
	}
	h, err := a.Store.Household(ctx, r.CareEpisode.Household)
	switch {
	case errs.Is(err, errs.NotFound):
		f.Add(field, "Enter the number of a foster household on the register")
	case err != nil:
		return err
	case !r.Start.IsZero() && h.Approved.After(r.Start):
		f.Add(field, "The household was approved on %s, after the placement began", h.Approved.Format())
	case !r.Start.IsZero() && !h.Deregistered.IsZero() && h.Deregistered.Before(r.Start):
		f.Add(field, "The household left the register on %s, before the placement began", h.Deregistered.Format())
	}
	return nil
}
