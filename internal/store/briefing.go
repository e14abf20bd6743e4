package store

import (
	"context"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// Briefing keeps what the daily briefing of the Partnership Missing and
// Exploitation Hub needs: which team is the hub (a setting, versioned like
// the timescales) and the records of every young person missing or at
// risk, read at once.
type Briefing interface {
	// HubTeam returns the team named as the hub and the setting's version,
	// or 0 and version 0 if none has been named.
	HubTeam(ctx context.Context) (access.TeamID, int, error)
	// SetHubTeam names the hub as version version+1 if version is still the
	// latest (0: never named), and returns the new version; otherwise
	// errs.Conflict, and nothing is written. The use case checks the team.
	SetHubTeam(ctx context.Context, team access.TeamID, version int, c Change) (int, error)
	// HubTeamHistory returns every version of the setting, oldest first.
	HubTeamHistory(ctx context.Context) ([]Version[access.TeamID], error)
	// BriefingChildren returns the children the briefing may list, each
	// with the records it is made from: those with a missing episode still
	// open (no end), an exploitation screening on or after screenedSince
	// that found a medium or high risk (it may return a few more), or a
	// MACE meeting on or after maceSince; with each, those records (every
	// open missing episode, every screening and meeting since those days)
	// and their allocation and episode of care open on today. Which of them
	// are at risk is the caller's rule (a screening counts only if it is the
	// child's latest). Restricted children are included, marked; the caller
	// decides. In no set order. It refuses a permit that is not for
	// access.ReadBriefing.
	BriefingChildren(ctx context.Context, bp access.BulkPermit, q BriefingQuery) ([]BriefingChild, error)
}

// BriefingQuery is the days a briefing looks back to.
type BriefingQuery struct {
	Today         civil.Date
	ScreenedSince civil.Date
	MACESince     civil.Date
}

// BriefingChild is one child of the briefing and the records it is made from.
type BriefingChild struct {
	Person  PersonSummary
	Records []journey.Record
}
