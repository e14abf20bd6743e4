package app

import (
	"context"
	"slices"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/indicators"
)

// Scope is whose children a figure counts: the council's (the zero Scope),
// or those allocated on the date to one team, to any team of one service,
// or to one worker. At most one is set. A figure that the area's
// population or the council's establishment makes (a rate, the workforce)
// has no value for a part of the council (indicators.Definition.ByTeam).
type Scope struct {
	Team    access.TeamID
	Service access.ServiceID
	Worker  access.UserID
	// within narrows a worker's children to those allocated to them in
	// this team: a team manager's list of a worker of their team, who may
	// hold cases of another team (a worker who moved keeps them). Only
	// listsAllowed sets it.
	within access.TeamID
}

// IsZero reports whether the scope is the whole council.
func (s Scope) IsZero() bool { return s == Scope{} }

// note is the scope as the access log's note names it ("" for the council).
func (s Scope) note() string {
	switch {
	case s.Team != 0:
		return " team " + strconv.FormatInt(int64(s.Team), 10)
	case s.Service != 0:
		return " service " + strconv.FormatInt(int64(s.Service), 10)
	case s.Worker != 0 && s.within != 0:
		return " worker " + strconv.FormatInt(int64(s.Worker), 10) + " in team " + strconv.FormatInt(int64(s.within), 10)
	case s.Worker != 0:
		return " worker " + strconv.FormatInt(int64(s.Worker), 10)
	}
	return ""
}

// scopeFilter is a scope checked against the teams, services and users
// that exist: its name, and which allocations put a child in it.
type scopeFilter struct {
	Scope
	// Name completes "the children allocated to ...": a team's name,
	// "the teams of" a service, a worker's name; "" for the council.
	Name  string
	teams map[access.TeamID]bool // a service's teams
}

// resolveScope checks that at most one part is asked, that it exists, and
// that a worker's figures are asked by someone who may see the children
// behind them: one worker's figures are few children, and a role that sees
// figures alone (a programme manager) could learn of one child from them.
func (a *App) resolveScope(ctx context.Context, ac Actor, s Scope) (scopeFilter, error) {
	f := scopeFilter{Scope: s}
	set := 0
	for _, on := range []bool{s.Team != 0, s.Service != 0, s.Worker != 0} {
		if on {
			set++
		}
	}
	invalid := func(field, msg string) error {
		return &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered",
			Fields: []errs.Field{{Field: field, Message: msg}}}
	}
	switch {
	case set > 1:
		return f, invalid("team", "Choose a team, a service or a worker, not more than one")
	case s.Team != 0:
		name, err := a.checkTeam(ctx, s.Team)
		f.Name = name
		return f, err
	case s.Service != 0:
		teams, services, err := a.teamsAndServices(ctx, false)
		if err != nil {
			return f, err
		}
		for _, sv := range services {
			if sv.ID == s.Service {
				f.Name = "the teams of " + sv.Name
			}
		}
		if f.Name == "" {
			return f, invalid("service", "There is no such service")
		}
		f.teams = map[access.TeamID]bool{}
		for _, t := range teams {
			if t.ServiceID == s.Service {
				f.teams[t.ID] = true
			}
		}
	case s.Worker != 0 && !access.Can(ac.Principal, access.ReadPerformanceChildren):
		return f, invalid("worker", "Figures for one worker are shown only to those who may see the children behind them")
	case s.Worker != 0:
		u, err := a.Store.User(ctx, s.Worker)
		if errs.Is(err, errs.NotFound) || err == nil && !mayHoldCases(u) {
			// Only those who hold cases are workers here: any other id is
			// answered alike, so the framework lists nobody's name.
			return f, invalid("worker", "There is no such worker")
		}
		if err != nil {
			return f, err
		}
		f.Name = u.DisplayName
	}
	return f, nil
}

// keep is the filter of the children in the scope on the date (nil for the
// council: every child).
func (f scopeFilter) keep(at civil.Date) func(indicators.Child) bool {
	switch {
	case f.Team != 0:
		return indicators.AllocatedWhere(at, func(t access.TeamID, _ access.UserID) bool { return t == f.Team })
	case f.Service != 0:
		return indicators.AllocatedWhere(at, func(t access.TeamID, _ access.UserID) bool { return f.teams[t] })
	case f.Worker != 0 && f.within != 0:
		return indicators.AllocatedWhere(at, func(t access.TeamID, w access.UserID) bool { return w == f.Worker && t == f.within })
	case f.Worker != 0:
		return indicators.AllocatedWhere(at, func(_ access.TeamID, w access.UserID) bool { return w == f.Worker })
	}
	return nil
}

// listsAllowed reports whether the actor may list the children of the
// scope: an analyst any; a team manager those of their own team (the
// zero scope is taken to mean it), of their own service, or of a worker of
// their team, narrowed to the worker's allocations in the team (a worker
// who joined from another team may still hold its cases). It returns the
// scope to list.
func (a *App) listsAllowed(ctx context.Context, ac Actor, s Scope) (Scope, bool, error) {
	p := ac.Principal
	if slices.Contains(p.User.Roles, access.Analyst) {
		return s, true, nil
	}
	switch {
	case s.IsZero():
		if p.User.TeamID == 0 {
			return s, false, nil // the council's figure, without a list
		}
		return Scope{Team: p.User.TeamID}, true, nil
	case s.Team != 0:
		return s, s.Team == p.User.TeamID, nil
	case s.Service != 0:
		return s, p.ServiceID != 0 && s.Service == p.ServiceID, nil
	}
	u, err := a.Store.User(ctx, s.Worker)
	if errs.Is(err, errs.NotFound) {
		return s, false, nil // resolveScope names the field
	}
	if err != nil || p.User.TeamID == 0 || u.TeamID != p.User.TeamID {
		return s, false, err
	}
	s.within = p.User.TeamID
	return s, true, nil
}
