package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// names maps team and service ids to names for tables.
type names struct {
	teams    map[access.TeamID]string
	services map[access.ServiceID]string
}

// TeamName is a team's name, or "None".
func (n names) TeamName(id access.TeamID) string {
	if s, ok := n.teams[id]; ok {
		return s
	}
	return "None"
}

// ServiceName is a service's name.
func (n names) ServiceName(id access.ServiceID) string { return n.services[id] }

func (s *Server) names(r *request) (names, []access.Team, []access.Service, error) {
	ts, ss, err := s.app.Teams(r.Context(), r.actor)
	n := names{teams: map[access.TeamID]string{}, services: map[access.ServiceID]string{}}
	for _, t := range ts {
		n.teams[t.ID] = t.Name
	}
	for _, sv := range ss {
		n.services[sv.ID] = sv.Name
	}
	return n, ts, ss, err
}

type usersPage struct {
	Page
	names
	Users []access.User
}

func (s *Server) users(w http.ResponseWriter, r *request) error {
	us, err := s.app.Users(r.Context(), r.actor)
	if err != nil {
		return err
	}
	n, _, _, err := s.names(r)
	if err != nil {
		return err
	}
	p := usersPage{Page: r.page, names: n, Users: us}
	p.Title = "Users"
	return s.render(w, http.StatusOK, "users", p)
}

type userFormPage struct {
	Page
	F           *form
	Editing     bool
	Username    string
	DisplayName string
	Roles       []access.Role
	TeamID      access.TeamID
	Disabled    bool
	Teams       []access.Team
	AllRoles    []access.Role
}

// HasRole reports whether the form has the role ticked.
func (p userFormPage) HasRole(r access.Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

func (s *Server) userForm(r *request, title string) (*userFormPage, error) {
	if err := s.require(r, access.ManageUsers, "You do not have permission to manage users"); err != nil {
		return nil, err
	}
	_, ts, _, err := s.names(r)
	p := &userFormPage{Page: r.page, Teams: ts, AllRoles: access.Roles}
	p.Title = title
	p.F = newForm(&p.Page)
	return p, err
}

func readUserForm(p *userFormPage, r *request) {
	f := r.PostForm
	p.DisplayName = f.Get("display_name")
	p.Roles = nil
	for _, v := range f["roles"] {
		p.Roles = append(p.Roles, access.Role(v))
	}
	t, _ := strconv.ParseInt(f.Get("team_id"), 10, 64)
	p.TeamID = access.TeamID(t)
	p.Disabled = f.Get("disabled") == "yes"
}

func (s *Server) newUser(w http.ResponseWriter, r *request) error {
	p, err := s.userForm(r, "Add a user")
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "user-form", p)
}

func (s *Server) newUserPost(w http.ResponseWriter, r *request) error {
	p, err := s.userForm(r, "Add a user")
	if err != nil {
		return err
	}
	readUserForm(p, r)
	p.Username = r.PostForm.Get("username")
	_, err = s.app.CreateUser(r.Context(), r.actor, app.NewUser{
		Username: p.Username, DisplayName: p.DisplayName, Password: r.PostForm.Get("password"), Roles: p.Roles, TeamID: p.TeamID,
	}, false)
	if err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "user-form", p)
	}
	http.Redirect(w, r.Request, "/admin/users", http.StatusSeeOther)
	return nil
}

func userID(r *request) (access.UserID, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "No such user")
	}
	return access.UserID(id), nil
}

// editUserPage is the form for changing a user, filled in with the user as
// they are.
func (s *Server) editUserPage(r *request) (*userFormPage, access.User, error) {
	id, err := userID(r)
	if err != nil {
		return nil, access.User{}, err
	}
	p, err := s.userForm(r, "Change a user")
	if err != nil {
		return nil, access.User{}, err
	}
	u, err := s.app.User(r.Context(), r.actor, id)
	if err != nil {
		return nil, access.User{}, err
	}
	p.Editing, p.Username, p.DisplayName, p.Roles, p.TeamID, p.Disabled = true, u.Username, u.DisplayName, u.Roles, u.TeamID, u.Disabled
	return p, u, nil
}

func (s *Server) editUser(w http.ResponseWriter, r *request) error {
	p, _, err := s.editUserPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "user-form", p)
}

func (s *Server) editUserPost(w http.ResponseWriter, r *request) error {
	p, u, err := s.editUserPage(r)
	if err != nil {
		return err
	}
	readUserForm(p, r)
	u.DisplayName, u.Roles, u.TeamID, u.Disabled = p.DisplayName, p.Roles, p.TeamID, p.Disabled
	if _, err := s.app.UpdateUser(r.Context(), r.actor, u); err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "user-form", p)
	}
	http.Redirect(w, r.Request, "/admin/users", http.StatusSeeOther)
	return nil
}

type teamsPage struct {
	Page
	names
	F                               *form
	Teams                           []access.Team
	Services                        []access.Service
	TeamNameValue, ServiceNameValue string
}

func (s *Server) teamsPage(r *request) (*teamsPage, error) {
	if err := s.require(r, access.ManageUsers, "You do not have permission to manage teams"); err != nil {
		return nil, err
	}
	n, ts, ss, err := s.names(r)
	p := &teamsPage{Page: r.page, names: n, Teams: ts, Services: ss}
	p.Title = "Teams and services"
	p.F = newForm(&p.Page)
	return p, err
}

func (s *Server) createTeam(w http.ResponseWriter, r *request) error {
	p, err := s.teamsPage(r)
	if err != nil {
		return err
	}
	p.TeamNameValue = r.PostForm.Get("name")
	sid, _ := strconv.ParseInt(r.PostForm.Get("service_id"), 10, 64)
	if _, err := s.app.CreateTeam(r.Context(), r.actor, p.TeamNameValue, access.ServiceID(sid)); err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "teams", p)
	}
	http.Redirect(w, r.Request, "/admin/teams", http.StatusSeeOther)
	return nil
}

func (s *Server) createService(w http.ResponseWriter, r *request) error {
	p, err := s.teamsPage(r)
	if err != nil {
		return err
	}
	p.ServiceNameValue = r.PostForm.Get("service_name")
	if _, err := s.app.CreateService(r.Context(), r.actor, p.ServiceNameValue); err != nil {
		if e := errs.As(err); e != nil && e.Code == errs.Invalid {
			for i := range e.Fields {
				e.Fields[i].Field = "service_name"
			}
		}
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "teams", p)
	}
	http.Redirect(w, r.Request, "/admin/teams", http.StatusSeeOther)
	return nil
}

type grantPage struct {
	Page
	F                        *form
	Users                    []access.User
	PersonID, UserID, Reason string
	Until                    DateValue
}

func (s *Server) grantPage(r *request) (*grantPage, error) {
	us, err := s.app.Users(r.Context(), r.actor)
	p := &grantPage{Page: r.page, Users: us}
	p.Title = "Open a restricted record"
	p.F = newForm(&p.Page)
	return p, err
}

func (s *Server) newGrantPost(w http.ResponseWriter, r *request) error {
	p, err := s.grantPage(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	p.PersonID, p.UserID, p.Reason, p.Until = strings.TrimSpace(f.Get("person_id")), f.Get("user_id"), f.Get("reason"), dateValue(f, "until")
	var bad errs.Fields
	pid, perr := strconv.ParseInt(p.PersonID, 10, 64)
	if perr != nil || pid <= 0 {
		bad.Add("person_id", "Enter a record id, a number like 1234")
	}
	uid, _ := strconv.ParseInt(p.UserID, 10, 64)
	until := p.Until.parse("until", "The end date", &bad)
	if until.IsZero() && !bad.Has("until") {
		bad.Add("until", "Enter the date the grant ends")
	}
	if len(bad) > 0 {
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "grant-form", p)
	}
	g := access.Grant{PersonID: people.ID(pid), UserID: access.UserID(uid), Reason: p.Reason, Until: startOfDay(until)}
	if err := s.app.AddGrant(r.Context(), r.actor, g); err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "grant-form", p)
	}
	http.Redirect(w, r.Request, "/admin/users", http.StatusSeeOther)
	return nil
}

// startOfDay is midnight at the start of a day in the council's zone.
func startOfDay(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, london)
}

type auditPage struct {
	Page
	F                *form
	PersonID, UserID string
	Kind, Action     string
	Kinds, Actions   []option
	From, To         DateValue // the days to show, both included
	Entries          []store.AccessEntry
}

func (s *Server) accessLog(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	p := &auditPage{Page: r.page, PersonID: q.Get("person_id"), UserID: q.Get("user_id"), Kind: q.Get("kind"), Action: q.Get("action"),
		Kinds: kindOptions, Actions: actionOptions, From: dateValue(q, "from"), To: dateValue(q, "to")}
	p.Title = "Access log"
	p.F = newForm(&p.Page)
	aq := store.AccessQuery{Kind: store.RecordKind(p.Kind), Action: store.AccessAction(p.Action)}
	var bad errs.Fields
	if p.PersonID != "" {
		id, err := strconv.ParseInt(p.PersonID, 10, 64)
		if err != nil || id <= 0 {
			bad.Add("person_id", "Record id must be a number, like 1234")
		}
		aq.PersonID = people.ID(id)
	}
	if p.UserID != "" {
		id, err := strconv.ParseInt(p.UserID, 10, 64)
		if err != nil || id <= 0 {
			bad.Add("user_id", "User id must be a number, like 12")
		}
		aq.UserID = access.UserID(id)
	}
	// Days are the council's days: from the first midnight in London to the
	// midnight after the last.
	from, to := p.From.parse("from", "From", &bad), p.To.parse("to", "To", &bad)
	if !from.IsZero() {
		aq.Since = startOfDay(from)
	}
	if !to.IsZero() {
		aq.Until = startOfDay(to.AddDays(1))
		if !from.IsZero() && to.Before(from) {
			bad.Add("to", "To must be the same as or after From")
		}
	}
	if len(bad) > 0 {
		// A user who may not read the log learns nothing from the filter's
		// errors; the refusal is logged.
		if err := s.require(r, access.ReadAccessLog, "You do not have permission to read the access log"); err != nil {
			return err
		}
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "audit", p)
	}
	es, err := s.app.AccessLog(r.Context(), r.actor, aq)
	if p.F.take(err) {
		return s.render(w, http.StatusUnprocessableEntity, "audit", p)
	}
	if err != nil {
		return err
	}
	p.Entries = es
	return s.render(w, http.StatusOK, "audit", p)
}

type restrictionPage struct {
	Page
	F                *form
	PersonID, Reason string
	Lift             bool
}

func (s *Server) restrictionPage(r *request) (*restrictionPage, error) {
	if err := s.require(r, access.ManageGrants, "You do not have permission to restrict records"); err != nil {
		return nil, err
	}
	p := &restrictionPage{Page: r.page}
	p.Title = "Restrict a record"
	p.F = newForm(&p.Page)
	return p, nil
}

func (s *Server) newRestrictionPost(w http.ResponseWriter, r *request) error {
	p, err := s.restrictionPage(r)
	if err != nil {
		return err
	}
	p.PersonID, p.Reason, p.Lift = strings.TrimSpace(r.PostForm.Get("person_id")), r.PostForm.Get("reason"), r.PostForm.Get("restricted") == "no"
	id, perr := strconv.ParseInt(p.PersonID, 10, 64)
	if perr != nil || id <= 0 {
		p.Errors = []errs.Field{{Field: "person_id", Message: "Enter a record id, a number like 1234"}}
		return s.render(w, http.StatusUnprocessableEntity, "restriction-form", p)
	}
	if err := s.app.SetRestricted(r.Context(), r.actor, people.ID(id), !p.Lift, p.Reason); err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "restriction-form", p)
	}
	p.Flash = "Saved"
	if p.Lift {
		p.Flash = "The restriction on record " + p.PersonID + " has been lifted"
	} else {
		p.Flash = "Record " + p.PersonID + " is restricted"
	}
	p.PersonID, p.Reason = "", ""
	return s.render(w, http.StatusOK, "restriction-form", p)
}
