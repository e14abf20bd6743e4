package store

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// KindHousehold is a foster household on the council's register
// (care.Household): a record of its own, apart from any child.
const KindHousehold Kind = "household"

// HouseholdQuery filters the register. Empty fields are ignored.
type HouseholdQuery struct {
	Type string // one of care.HouseholdTypes
	// Ended, when not nil, keeps the households that had left the register
	// by On (true) or those still on it (false), as care.Household.Ended
	// judges.
	Ended *bool
	On    civil.Date
}

// PlacedChild is a child living with a foster household: their summary,
// what Authorize needs to decide whether the reader may see them, and the
// open episode of care that names the household.
type PlacedChild struct {
	Person  PersonSummary
	Subject access.Subject
	Episode journey.Record
}

// Carers is the register of foster households. Each household is a
// versioned record; deregistering one is a change that sets Deregistered,
// and nothing is deleted.
type Carers interface {
	// CreateHousehold fills in ID and Version (1); UpdateHousehold writes
	// version h.Version+1 only if h.Version is still the latest, otherwise
	// errs.Conflict. Neither validates: care.Household.Validate does.
	CreateHousehold(ctx context.Context, h care.Household, c Change) (care.Household, error)
	UpdateHousehold(ctx context.Context, h care.Household, c Change) (care.Household, error)
	// Household returns a household as it stands; errs.NotFound if there is
	// none with the id. HouseholdHistory returns every version of it, oldest
	// first (errs.NotFound if there is none).
	Household(ctx context.Context, id care.HouseholdID) (care.Household, error)
	HouseholdHistory(ctx context.Context, id care.HouseholdID) ([]Version[care.Household], error)
	// Households returns the households q keeps, by name then id.
	Households(ctx context.Context, q HouseholdQuery) ([]care.Household, error)
	// HouseholdChildren returns the children whose episode of care open on
	// the day now falls on in London (started on or before it, and not
	// ended before it) names the household, each with what Authorize needs,
	// by family name, given name and id. The caller authorises each before
	// showing them: the store does not filter.
	HouseholdChildren(ctx context.Context, id care.HouseholdID, now time.Time) ([]PlacedChild, error)
	// FosterCounts counts the children whose episode of care open on the
	// day now falls on in London is a foster placement, by who provides it
	// (care.CountFoster). It returns totals that name no child, so it takes
	// no permit; the use case decides who may see them.
	FosterCounts(ctx context.Context, now time.Time) (care.FosterCounts, error)
}
