package app

import (
	"context"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// The register of foster households. A household is nobody's record: its
// register is open to the roles that place children (access.ReadCarers) and
// kept by team managers (access.ManageCarers). Its postcode is where
// children in care live, so it is shown and taken only with
// access.ReadPlacementAddress. The children living with a household are
// children's records: each is authorised and logged as any read of a child
// is, and one the reader may not see leaves no trace on the page.

// HouseholdFilter filters the register. Status is "" (every household),
// "active" (on the register today) or "ended" (deregistered by today).
type HouseholdFilter struct {
	Type   string
	Status string
}

// Statuses of a household on the register, as the filter names them.
const (
	HouseholdActive = "active"
	HouseholdEnded  = "ended"
)

// RegisterPage is the register as one reader sees it: the households the
// filter keeps (without their postcodes unless ShowPostcode), and, for the
// roles that see the council's figures, the count of children in foster
// placements today by who provides them (nil for everyone else).
type RegisterPage struct {
	Households   []care.Household
	ShowPostcode bool
	Placements   *care.FosterCounts
}

// HouseholdPage is one household as a reader sees it: the household
// (without its postcode unless ShowPostcode) and the children living with
// it today whom the reader may see.
type HouseholdPage struct {
	Household    care.Household
	ShowPostcode bool
	Children     []PlacedChild
}

// PlacedChild is a child living with a household, as its page shows them:
// who, and since when in what placement. Nothing else of the child's record
// is shown here.
type PlacedChild struct {
	Person    store.PersonSummary
	Since     civil.Date
	Placement string // care.PlacementTypes
	Episode   journey.ID
}

// mayCountPlacements reports whether the principal sees the council's count
// of foster placements by provider: figures for managing the service, not
// about any child, for team managers (who commission placements) and
// analysts (who report them). See docs/SECURITY.md.
func mayCountPlacements(p access.Principal) bool {
	return access.Can(p, access.ManageCarers) || access.Can(p, access.ReadInBulk)
}

// householdSeenBy is the household as a reader may see it: its postcode
// only with access.ReadPlacementAddress (see redact.go).
func householdSeenBy(p access.Principal, h care.Household) care.Household {
	if !seesPlacement(p) {
		h.Postcode = ""
	}
	return h
}

// Households lists the register for the filter (access.ReadCarers). A
// filter that names no type or status Hearth knows is refused, naming the
// field.
func (a *App) Households(ctx context.Context, ac Actor, f HouseholdFilter) (RegisterPage, error) {
	if err := a.require(ctx, ac, access.ReadCarers); err != nil {
		return RegisterPage{}, err
	}
	var fields errs.Fields
	if f.Type != "" && !care.HouseholdTypes.Has(f.Type) {
		fields.Add("type", "Select a type of household from the list")
	}
	q := store.HouseholdQuery{Type: f.Type, On: a.Today()}
	switch f.Status {
	case "":
	case HouseholdActive, HouseholdEnded:
		ended := f.Status == HouseholdEnded
		q.Ended = &ended
	default:
		fields.Add("status", "Select whether the household is on the register or has left it")
	}
	if err := fields.Err(); err != nil {
		return RegisterPage{}, err
	}
	hs, err := a.Store.Households(ctx, q)
	if err != nil {
		return RegisterPage{}, err
	}
	out := RegisterPage{Households: hs, ShowPostcode: seesPlacement(ac.Principal)}
	for i, h := range hs {
		hs[i] = householdSeenBy(ac.Principal, h)
	}
	if mayCountPlacements(ac.Principal) {
		c, err := a.countPlacements(ctx, ac)
		if err != nil {
			return RegisterPage{}, err
		}
		out.Placements = &c
	}
	return out, nil
}

// PlacementCounts counts the children in foster placements today by who
// provides them (team managers and analysts: mayCountPlacements).
func (a *App) PlacementCounts(ctx context.Context, ac Actor) (care.FosterCounts, error) {
	if !mayCountPlacements(ac.Principal) {
		return care.FosterCounts{}, a.require(ctx, ac, access.ReadInBulk)
	}
	return a.countPlacements(ctx, ac)
}

// countPlacements counts the foster placements. The store gives totals that
// name no child; each count is still logged as a bulk read with the number
// of children counted, so that the auditor sees who looked at the figures.
func (a *App) countPlacements(ctx context.Context, ac Actor) (care.FosterCounts, error) {
	c, err := a.Store.FosterCounts(ctx, a.Now())
	if err != nil {
		return care.FosterCounts{}, err
	}
	e := store.AccessEntry{Kind: store.KindJourney, Action: store.LogBulkRead, Reason: access.ReasonRole, Note: "foster placements by provider", Children: c.Total()}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return care.FosterCounts{}, err
	}
	return c, nil
}

// Household reads one household and the children living with it today
// (access.ReadCarers). Each child is authorised (access.ReadPerson, the
// family rule included) and each one shown is logged as a read of their
// episode of care; a child the reader may not see is left out, and nothing
// on the page, not even a count, tells that there was one.
func (a *App) Household(ctx context.Context, ac Actor, id care.HouseholdID) (HouseholdPage, error) {
	if err := a.require(ctx, ac, access.ReadCarers); err != nil {
		return HouseholdPage{}, err
	}
	h, err := a.Store.Household(ctx, id)
	if err != nil {
		return HouseholdPage{}, err
	}
	now := a.Now()
	kids, err := a.Store.HouseholdChildren(ctx, id, now)
	if err != nil {
		return HouseholdPage{}, err
	}
	out := HouseholdPage{Household: householdSeenBy(ac.Principal, h), ShowPostcode: seesPlacement(ac.Principal), Children: []PlacedChild{}}
	note := "living with foster household " + strconv.FormatInt(int64(id), 10)
	for _, k := range kids {
		subj := k.Subject
		d, err := a.decide(ctx, ac, access.ReadPerson, &subj, now)
		if err != nil {
			return HouseholdPage{}, err
		}
		if !d.Allowed {
			continue
		}
		e := store.AccessEntry{PersonID: k.Person.ID, Kind: store.KindJourney, RecordID: int64(k.Episode.ID), Action: store.LogRead, Reason: d.Reason, Note: note}
		if err := a.logAccess(ctx, ac, e); err != nil {
			return HouseholdPage{}, err
		}
		p := k.Person
		p.Postcode = "" // the child's own address is not this page's to show
		out.Children = append(out.Children, PlacedChild{Person: p, Since: k.Episode.Start, Placement: k.Episode.CareEpisode.Placement, Episode: k.Episode.ID})
	}
	return out, nil
}

// HouseholdHistory returns every version of a household, oldest first, each
// as the reader may see it (access.ReadCarers).
func (a *App) HouseholdHistory(ctx context.Context, ac Actor, id care.HouseholdID) ([]store.Version[care.Household], error) {
	if err := a.require(ctx, ac, access.ReadCarers); err != nil {
		return nil, err
	}
	vs, err := a.Store.HouseholdHistory(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := range vs {
		vs[i].Record = householdSeenBy(ac.Principal, vs[i].Record)
	}
	return vs, nil
}

// checkHousehold normalises and validates a household to be written, with
// the reason for the change. A reader who may not see postcodes may not
// give one.
func checkHousehold(p access.Principal, h *care.Household, reason string) (string, error) {
	h.Normalise()
	var fields errs.Fields
	if h.Postcode != "" && !seesPlacement(p) {
		fields.Add("postcode", "Leave the postcode blank: you do not have permission to record where children in care live")
		h.Postcode = ""
	}
	if err := h.Validate(); err != nil {
		e := errs.As(err)
		if e == nil {
			return reason, err
		}
		fields = append(fields, e.Fields...)
	}
	reason, rerr := validReason(reason)
	if rerr != nil {
		fields = append(fields, errs.As(rerr).Fields...)
	}
	return reason, fields.Err()
}

// CheckHousehold judges a household and the reason for its change as
// AddHousehold and ChangeHousehold would, and writes nothing: for a form
// some of whose boxes could not be read, so that every error shows at once.
func (a *App) CheckHousehold(ctx context.Context, ac Actor, h care.Household, reason string) error {
	if err := a.require(ctx, ac, access.ManageCarers); err != nil {
		return err
	}
	_, err := checkHousehold(ac.Principal, &h, reason)
	return err
}

// AddHousehold adds a household to the register (access.ManageCarers),
// with the reason. Bad input is refused, naming each field, and nothing is
// written.
func (a *App) AddHousehold(ctx context.Context, ac Actor, h care.Household, reason string) (care.Household, error) {
	if err := a.require(ctx, ac, access.ManageCarers); err != nil {
		return care.Household{}, err
	}
	h.ID, h.Version = 0, 0
	reason, err := checkHousehold(ac.Principal, &h, reason)
	if err != nil {
		return care.Household{}, err
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: store.KindHousehold, Action: store.LogCreate, Reason: access.ReasonRole, Note: reason})
	if err != nil {
		return care.Household{}, err
	}
	saved, err := a.Store.CreateHousehold(ctx, h, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return care.Household{}, w.failed(ctx, err)
	}
	w.done(ctx, 0, int64(saved.ID))
	return householdSeenBy(ac.Principal, saved), nil
}

// ChangeHousehold writes a new version of a household (access.ManageCarers)
// from the version h names, with the reason; deregistering it is a change
// that sets Deregistered. If someone else has saved a change since, it is
// refused with errs.Conflict and nothing is written. A reader who may not
// see the postcode keeps the one it has.
func (a *App) ChangeHousehold(ctx context.Context, ac Actor, h care.Household, reason string) (care.Household, error) {
	if err := a.require(ctx, ac, access.ManageCarers); err != nil {
		return care.Household{}, err
	}
	cur, err := a.Store.Household(ctx, h.ID)
	if err != nil {
		return care.Household{}, err
	}
	reason, err = checkHousehold(ac.Principal, &h, reason)
	if err != nil {
		return care.Household{}, err
	}
	if !seesPlacement(ac.Principal) {
		h.Postcode = cur.Postcode
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: store.KindHousehold, RecordID: int64(h.ID), Action: store.LogUpdate, Reason: access.ReasonRole, Note: reason})
	if err != nil {
		return care.Household{}, err
	}
	saved, err := a.Store.UpdateHousehold(ctx, h, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return care.Household{}, w.failed(ctx, err)
	}
	w.done(ctx, 0, int64(saved.ID))
	return householdSeenBy(ac.Principal, saved), nil
}
