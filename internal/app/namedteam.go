package app

import (
	"context"
	"strconv"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// A named team is a setting that names the team doing one of the
// council's duties: the missing and exploitation hub (the briefing), the
// children missing education officers (the CME queue), the Virtual School
// (told of exclusions). Each is one versioned setting an administrator
// changes with a reason; the first two are asked on every page (the
// navigation shows their links), so they are kept in memory.

// namedTeam says where one such setting is kept.
type namedTeam struct {
	what    string          // as the access log names it: "briefing hub"
	cache   *namedTeamCache // nil: read from the store each time
	read    func(context.Context) (access.TeamID, int, error)
	history func(context.Context) ([]store.Version[access.TeamID], error)
	set     func(context.Context, access.TeamID, int, store.Change) (int, error)
}

func (a *App) hubSetting() namedTeam {
	return namedTeam{"briefing hub", &a.hub, a.Store.HubTeam, a.Store.HubTeamHistory, a.Store.SetHubTeam}
}

func (a *App) cmeSetting() namedTeam {
	return namedTeam{"CME team", &a.cme.team, a.Store.CMETeam, a.Store.CMETeamHistory, a.Store.SetCMETeam}
}

func (a *App) virtualSchoolSetting() namedTeam {
	return namedTeam{"Virtual School", nil, a.Store.VirtualSchoolTeam, a.Store.VirtualSchoolTeamHistory, a.Store.SetVirtualSchoolTeam}
}

// teamFresh is how long a named team, as read from the store, is used
// before being read again. A change made through this process is seen at
// once (setNamedTeam drops it), one made by another within a second
// (noticeChanges).
const teamFresh = time.Minute

// namedTeamCache keeps a named team as last read.
type namedTeamCache struct {
	mu   sync.Mutex
	team access.TeamID
	read time.Time // zero: not read, or dropped
	gen  int       // counts drops, so that a read begun before one is not kept
}

// forget drops the cached team.
func (c *namedTeamCache) forget() {
	c.mu.Lock()
	c.read = time.Time{}
	c.gen++
	c.mu.Unlock()
}

// namedTeamNow returns the team the setting names (0: none), from the
// cache when it is fresh.
func (a *App) namedTeamNow(ctx context.Context, n namedTeam) (access.TeamID, error) {
	if n.cache == nil {
		t, _, err := n.read(ctx)
		return t, err
	}
	if err := a.noticeChanges(ctx); err != nil {
		return 0, err
	}
	c := n.cache
	now := a.Now()
	c.mu.Lock()
	if !c.read.IsZero() && now.Sub(c.read) < teamFresh && !now.Before(c.read) {
		t := c.team
		c.mu.Unlock()
		return t, nil
	}
	gen := c.gen
	c.mu.Unlock()
	t, _, err := n.read(ctx)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.team, c.read = t, now
	}
	c.mu.Unlock()
	return t, nil
}

// NamedTeamPage is the administrator's page naming a team: the team named
// (0: none), the setting's version, the teams to choose from and every
// change.
type NamedTeamPage struct {
	Team    access.TeamID
	Version int
	Teams   []access.Team
	History []store.Version[access.TeamID]
}

// namedTeamPage reads the setting for the administrator's page, from the
// store rather than the cache, so that a change starts from the latest
// version. Administrators only (access.ManageSettings).
func (a *App) namedTeamPage(ctx context.Context, ac Actor, n namedTeam) (NamedTeamPage, error) {
	if err := a.require(ctx, ac, access.ManageSettings); err != nil {
		return NamedTeamPage{}, err
	}
	var out NamedTeamPage
	var err error
	if out.Team, out.Version, err = n.read(ctx); err != nil {
		return NamedTeamPage{}, err
	}
	if out.Teams, _, err = a.teamsAndServices(ctx, true); err != nil {
		return NamedTeamPage{}, err
	}
	if out.History, err = n.history(ctx); err != nil {
		return NamedTeamPage{}, err
	}
	return out, nil
}

// setNamedTeam names the team, as a new version of the setting with the
// reason; version is the one the administrator started from (0 if none was
// named), and a change since is errs.Conflict. The team must exist.
// Administrators only (access.ManageSettings).
func (a *App) setNamedTeam(ctx context.Context, ac Actor, n namedTeam, team access.TeamID, version int, reason string) error {
	if err := a.require(ctx, ac, access.ManageSettings); err != nil {
		return err
	}
	var f errs.Fields
	if svc, err := a.serviceOf(ctx, team); err != nil {
		return err
	} else if team <= 0 || svc == 0 {
		f.Add("team_id", "Choose a team from the list")
	}
	reason, rerr := validReason(reason)
	if e := errs.As(rerr); e != nil {
		f = append(f, e.Fields...)
	}
	if version < 0 {
		f.Add("version", "Enter the version of the setting you are changing")
	}
	if err := f.Err(); err != nil {
		return err
	}
	e := store.AccessEntry{Kind: store.KindSetting, Action: store.LogUpdate, Reason: n.what + ": team " + strconv.FormatInt(int64(team), 10), Note: reason}
	w, err := a.beginWrite(ctx, ac, e)
	if err != nil {
		return err
	}
	if _, err := n.set(ctx, team, version, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason})); err != nil {
		return w.failed(ctx, err)
	}
	if n.cache != nil {
		n.cache.forget()
	}
	w.done(ctx, 0, 0)
	return nil
}

// HubSetting reads the briefing hub's setting for the administrator's page.
func (a *App) HubSetting(ctx context.Context, ac Actor) (NamedTeamPage, error) {
	return a.namedTeamPage(ctx, ac, a.hubSetting())
}

// SetHubTeam names the team of the missing and exploitation hub.
func (a *App) SetHubTeam(ctx context.Context, ac Actor, team access.TeamID, version int, reason string) error {
	return a.setNamedTeam(ctx, ac, a.hubSetting(), team, version, reason)
}

// CMETeamSetting reads the CME team's setting for the administrator's page.
func (a *App) CMETeamSetting(ctx context.Context, ac Actor) (NamedTeamPage, error) {
	return a.namedTeamPage(ctx, ac, a.cmeSetting())
}

// SetCMETeam names the CME team.
func (a *App) SetCMETeam(ctx context.Context, ac Actor, team access.TeamID, version int, reason string) error {
	return a.setNamedTeam(ctx, ac, a.cmeSetting(), team, version, reason)
}

// VirtualSchoolSetting reads the Virtual School's setting for the
// administrator's page.
func (a *App) VirtualSchoolSetting(ctx context.Context, ac Actor) (NamedTeamPage, error) {
	return a.namedTeamPage(ctx, ac, a.virtualSchoolSetting())
}

// SetVirtualSchool names the Virtual School's team.
func (a *App) SetVirtualSchool(ctx context.Context, ac Actor, team access.TeamID, version int, reason string) error {
	return a.setNamedTeam(ctx, ac, a.virtualSchoolSetting(), team, version, reason)
}
