package app

import (
	"cmp"
	"context"
	"slices"

	"hearth/internal/access"
)

// caseHolders are the roles whose users may hold a child's case: a child is
// allocated to one of them.
var caseHolders = []access.Role{access.Practitioner, access.TeamManager, access.MASH}

// holdsCases reports whether u may be allocated a child: an active user
// with a role that holds cases.
func holdsCases(u access.User) bool { return !u.Disabled && mayHoldCases(u) }

// mayHoldCases reports whether u has a role that holds cases, active or
// not: a worker who has left still has the figures of their time.
func mayHoldCases(u access.User) bool {
	return slices.ContainsFunc(u.Roles, func(r access.Role) bool { return slices.Contains(caseHolders, r) })
}

// Workers lists the active users of a team who may be allocated a child, by
// name, for a manager choosing whom to allocate to (Allocate checks the
// choice again).
func (a *App) Workers(ctx context.Context, ac Actor, team access.TeamID) ([]access.User, error) {
	if err := a.require(ctx, ac, access.AllocateWork); err != nil {
		return nil, err
	}
	return a.teamWorkers(ctx, team)
}

// PerformanceWorkers lists a team's workers, as Workers does, for a reader
// of the performance framework choosing a worker's figures.
func (a *App) PerformanceWorkers(ctx context.Context, ac Actor, team access.TeamID) ([]access.User, error) {
	if err := a.require(ctx, ac, access.ReadPerformance); err != nil {
		return nil, err
	}
	return a.teamWorkers(ctx, team)
}

// teamWorkers is the active users of a team who may hold a case, by name.
func (a *App) teamWorkers(ctx context.Context, team access.TeamID) ([]access.User, error) {
	us, err := a.Store.Users(ctx)
	if err != nil {
		return nil, err
	}
	var out []access.User
	for _, u := range us {
		if u.TeamID == team && holdsCases(u) {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(x, y access.User) int {
		return cmp.Or(cmp.Compare(x.DisplayName, y.DisplayName), cmp.Compare(x.ID, y.ID))
	})
	return out, nil
}
