package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// NewUser is what an administrator enters to add a user.
type NewUser struct {
	Username    string
	DisplayName string
	Password    string
	Roles       []access.Role
	TeamID      access.TeamID
}

// validUser checks the parts of a user that both adding and changing share.
func (a *App) validUser(ctx context.Context, displayName string, roles []access.Role, team access.TeamID, fields *errs.Fields) error {
	if strings.TrimSpace(displayName) == "" {
		fields.Add("display_name", "Enter the person's name")
	} else if len(displayName) > 100 {
		fields.Add("display_name", "Name must be 100 characters or fewer")
	}
	if len(roles) == 0 {
		fields.Add("roles", "Select at least one role")
	}
	for i, r := range roles {
		parsed, err := access.ParseRole(string(r))
		if err != nil {
			fields.Add("roles", "Select roles from the list")
			break
		}
		roles[i] = parsed // stored as the role's own spelling, never as typed
	}
	if team == 0 {
		return nil
	}
	teams, err := a.Store.Teams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if t.ID == team {
			return nil
		}
	}
	fields.Add("team_id", "Select a team from the list")
	return nil
}

// CreateUser adds a user account. Only administrators may, except from the
// command line (system is true), which is how the first administrator is made.
func (a *App) CreateUser(ctx context.Context, ac Actor, nu NewUser, system bool) (access.User, error) {
	if !system {
		if err := a.require(ctx, ac, access.ManageUsers); err != nil {
			return access.User{}, err
		}
	}
	nu.Username = access.NormaliseUsername(nu.Username)
	nu.DisplayName = strings.TrimSpace(nu.DisplayName)
	var fields errs.Fields
	if err := access.ValidateUsername(nu.Username); err != nil {
		fields = append(fields, errs.As(err).Fields...)
	}
	if err := access.ValidatePassword(nu.Password); err != nil {
		fields = append(fields, errs.As(err).Fields...)
	}
	if err := a.validUser(ctx, nu.DisplayName, nu.Roles, nu.TeamID, &fields); err != nil {
		return access.User{}, err
	}
	if err := fields.Err(); err != nil {
		return access.User{}, err
	}
	hash, err := access.HashPassword(nu.Password)
	if err != nil {
		return access.User{}, errs.Wrap(err, "could not hash the password")
	}
	u := access.User{Username: nu.Username, DisplayName: nu.DisplayName, Roles: nu.Roles, TeamID: nu.TeamID, CreatedAt: a.Now().UTC()}
	u, err = a.Store.CreateUser(ctx, u, hash)
	if errs.Is(err, errs.Conflict) {
		return u, &errs.Error{Code: errs.Conflict, Message: "There is a problem with what was entered", Fields: []errs.Field{{Field: "username", Message: "That username is already taken"}}}
	}
	return u, err
}

// UpdateUser changes a user's name, roles, team or whether they may sign in.
func (a *App) UpdateUser(ctx context.Context, ac Actor, u access.User) (access.User, error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return u, err
	}
	old, err := a.Store.User(ctx, u.ID)
	if err != nil {
		return u, err
	}
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	var fields errs.Fields
	if err := a.validUser(ctx, u.DisplayName, u.Roles, u.TeamID, &fields); err != nil {
		return u, err
	}
	if u.ID == ac.UserID() && u.Disabled {
		fields.Add("disabled", "You cannot disable your own account")
	}
	if err := fields.Err(); err != nil {
		return u, err
	}
	u.Username, u.CreatedAt = old.Username, old.CreatedAt
	return a.Store.UpdateUser(ctx, u)
}

// Users lists every user account.
func (a *App) Users(ctx context.Context, ac Actor) ([]access.User, error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return nil, err
	}
	return a.Store.Users(ctx)
}

// User returns one user account.
func (a *App) User(ctx context.Context, ac Actor, id access.UserID) (access.User, error) {
	if id != ac.UserID() {
		if err := a.require(ctx, ac, access.ManageUsers); err != nil {
			return access.User{}, err
		}
	}
	return a.Store.User(ctx, id)
}

// Teams lists teams and services. Any signed-in user may see them.
func (a *App) Teams(ctx context.Context, ac Actor) ([]access.Team, []access.Service, error) {
	if err := a.require(ctx, ac, access.ReadOwn); err != nil {
		return nil, nil, err
	}
	return a.teamsAndServices(ctx, false)
}

func validName(field, what, name string) error {
	var fields errs.Fields
	switch {
	case name == "":
		fields.Add(field, "Enter a name for the %s", what)
	case len(name) > 100:
		fields.Add(field, "%s name must be 100 characters or fewer", strings.ToUpper(what[:1])+what[1:])
	}
	return fields.Err()
}

// CreateService adds a service.
func (a *App) CreateService(ctx context.Context, ac Actor, name string) (access.Service, error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return access.Service{}, err
	}
	name = strings.TrimSpace(name)
	if err := validName("name", "service", name); err != nil {
		return access.Service{}, err
	}
	defer a.forgetTeams()
	return a.Store.CreateService(ctx, access.Service{Name: name})
}

// CreateTeam adds a team to a service.
func (a *App) CreateTeam(ctx context.Context, ac Actor, name string, service access.ServiceID) (access.Team, error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return access.Team{}, err
	}
	name = strings.TrimSpace(name)
	var fields errs.Fields
	if err := validName("name", "team", name); err != nil {
		fields = append(fields, errs.As(err).Fields...)
	}
	_, services, err := a.teamsAndServices(ctx, true)
	if err != nil {
		return access.Team{}, err
	}
	known := false
	for _, s := range services {
		known = known || s.ID == service
	}
	if !known {
		fields.Add("service_id", "Select a service from the list")
	}
	if err := fields.Err(); err != nil {
		return access.Team{}, err
	}
	defer a.forgetTeams()
	return a.Store.CreateTeam(ctx, access.Team{Name: name, ServiceID: service})
}

// AddGrant opens a restricted record to a named user for a reason and period.
func (a *App) AddGrant(ctx context.Context, ac Actor, g access.Grant) error {
	if err := a.require(ctx, ac, access.ManageGrants); err != nil {
		return err
	}
	var fields errs.Fields
	g.Reason = strings.TrimSpace(g.Reason)
	if g.Reason == "" {
		fields.Add("reason", "Enter the reason for the grant")
	}
	if _, err := a.Store.User(ctx, g.UserID); err != nil {
		fields.Add("user_id", "Select a user")
	}
	if _, err := a.Store.Subject(ctx, g.PersonID, a.Now()); err != nil {
		fields.Add("person_id", "Enter the id of a person")
	}
	now := a.Now().UTC()
	if g.From.IsZero() {
		g.From = now
	}
	if !g.Until.After(g.From) {
		fields.Add("until", "The grant must end after it starts")
	}
	if g.Until.Sub(g.From) > 366*24*time.Hour {
		fields.Add("until", "A grant can last a year at most")
	}
	if err := fields.Err(); err != nil {
		return err
	}
	g.GrantedBy = ac.UserID()
	if err := a.Store.AddGrant(ctx, g); err != nil {
		return err
	}
	e := onPerson(g.PersonID, store.LogGrant, access.ReasonRole)
	e.Note = "to user " + strconv.FormatInt(int64(g.UserID), 10) + " until " + g.Until.UTC().Format(time.RFC3339) + ": " + g.Reason
	return a.logAccess(ctx, ac, e)
}

// AccessLog lists who viewed or changed which record. Only auditors may.
func (a *App) AccessLog(ctx context.Context, ac Actor, q store.AccessQuery) ([]store.AccessEntry, error) {
	if err := a.require(ctx, ac, access.ReadAccessLog); err != nil {
		return nil, err
	}
	if err := checkAccessQuery(q); err != nil {
		return nil, err
	}
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 200
	}
	return a.Store.AccessLog(ctx, q)
}
