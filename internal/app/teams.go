package app

import (
	"context"
	"slices"
	"sync"
	"time"

	"hearth/internal/access"
)

// teamsFresh is how long the lists of teams and services are kept before
// being read again.
const teamsFresh = time.Minute

// teamCache keeps the teams and services, which every signed-in request needs
// (a user's team gives their service, and the service is part of what they
// may see) and which change only when an administrator adds one. A team or
// service, once made, is never changed or removed, so what the cache holds is
// right; what it lacks may have been added since by another Hearth process
// sharing the database. So a team that is not found is looked for again in
// the store at once, and the lists are read again after teamsFresh.
type teamCache struct {
	mu       sync.Mutex
	teams    []access.Team
	services []access.Service
	read     time.Time // zero: not read, or dropped
	gen      int       // counts drops, so that a read begun before one is not kept
}

// teamsAndServices returns every team and service, from the cache when it is
// fresh. reread forces a read from the store. The store is read without the
// lock held, so that requests do not queue behind one read when the lists
// fall due; several may read at once, which is harmless.
func (a *App) teamsAndServices(ctx context.Context, reread bool) ([]access.Team, []access.Service, error) {
	if err := a.noticeChanges(ctx); err != nil {
		return nil, nil, err
	}
	c := &a.teams
	now := a.Now()
	c.mu.Lock()
	if !reread && !c.read.IsZero() && now.Sub(c.read) < teamsFresh && !now.Before(c.read) {
		ts, ss := slices.Clone(c.teams), slices.Clone(c.services)
		c.mu.Unlock()
		return ts, ss, nil
	}
	gen := c.gen
	c.mu.Unlock()
	ts, err := a.Store.Teams(ctx)
	if err != nil {
		return nil, nil, err
	}
	ss, err := a.Store.Services(ctx)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.teams, c.services, c.read = ts, ss, now
	}
	c.mu.Unlock()
	return slices.Clone(ts), slices.Clone(ss), nil
}

// forgetTeams drops the cache after this process adds a team or service, so
// that the next page shows it.
func (a *App) forgetTeams() {
	a.teams.mu.Lock()
	a.teams.read = time.Time{}
	a.teams.gen++
	a.teams.mu.Unlock()
}

// serviceOf returns the service of a team, reading the store again if the
// team is not in the cache.
func (a *App) serviceOf(ctx context.Context, team access.TeamID) (access.ServiceID, error) {
	for _, reread := range []bool{false, true} {
		ts, _, err := a.teamsAndServices(ctx, reread)
		if err != nil {
			return 0, err
		}
		for _, t := range ts {
			if t.ID == team {
				return t.ServiceID, nil
			}
		}
	}
	return 0, nil
}
