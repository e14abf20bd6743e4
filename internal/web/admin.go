package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// adminModule is the running of the service: users, teams and services,
// grants and restrictions, for administrators, and the access log, for
// auditors. Its templates are in templates/admin/.
func (s *Server) adminModule() module {
	return module{
		name: "admin",
		routes: []route{
			signedInRoute("GET", "/admin/users", "admin", s.users),
			signedInRoute("GET", "/admin/users/new", "admin", s.newUser),
			signedInRoute("POST", "/admin/users/new", "admin", s.newUserPost),
			signedInRoute("GET", "/admin/users/{id}", "admin", s.editUser),
			signedInRoute("POST", "/admin/users/{id}", "admin", s.editUserPost),
			signedInRoute("POST", "/admin/users/{id}/tokens/{tid}/revoke", "admin", s.revokeUserToken),
			signedInRoute("GET", "/admin/teams", "admin", show(s, "teams", s.teamsPage)),
			signedInRoute("POST", "/admin/teams", "admin", s.createTeam),
			signedInRoute("POST", "/admin/services", "admin", s.createService),
			signedInRoute("GET", "/admin/grants/new", "admin", show(s, "grant-form", s.grantPage)),
			signedInRoute("POST", "/admin/grants/new", "admin", s.newGrantPost),
			signedInRoute("GET", "/admin/restrictions/new", "admin", show(s, "restriction-form", s.restrictionPage)),
			signedInRoute("POST", "/admin/restrictions/new", "admin", s.newRestrictionPost),
			signedInRoute("GET", "/admin/timescales", "admin", s.timescales),
			signedInRoute("POST", "/admin/timescales", "admin", s.timescalesPost),
			signedInRoute("GET", "/audit", "audit", s.accessLog),
			signedInRoute("GET", "/audit/break-glass", "audit", s.breakGlass),
		},
		nav: []navLink{
			{key: "admin", label: "Users and teams", href: "/admin/users", action: access.ManageUsers},
			{key: "audit", label: "Access log", href: "/audit", action: access.ReadAccessLog},
		},
		funcs: template.FuncMap{
			"role": access.RoleLabel, "kind": s.kindLabel, "action": actionLabel,
			"glassLines": breakGlassLines,
		},
		dateFields: []string{"until"},
		kinds:      map[store.Kind]string{store.KindUser: "User account", store.KindToken: "API token", store.KindSetting: "Council setting"},
	}
}

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
	names
	F           *form
	Editing     bool
	Self        bool // the administrator is looking at their own account
	UserID      access.UserID
	Username    string
	DisplayName string
	Roles       []access.Role
	TeamID      access.TeamID
	Disabled    bool
	SSOSubject  string // the council account it is linked to, shown, never edited
	Reason      string
	// Version is the version of the account the change starts from. When
	// a save is refused because someone else saved first (Conflict), the
	// form keeps what was typed, Current is the account as it now stands,
	// and Version is its version, so that saving again is done having seen
	// it.
	Version  int
	Conflict bool
	Current  access.User
	Teams    []access.Team
	AllRoles []access.Role
	Tokens   []tokenRow
	History  []userVersion // newest first
}

// userVersion is one version of a user's account on their page, with what
// it changed from the version before.
type userVersion struct {
	store.Version[access.User]
	Changes []app.UserChange
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

// RoleList is a version's roles in words.
func (p userFormPage) RoleList(rs []access.Role) string { return access.RoleLabels(rs) }

func (s *Server) userForm(r *request, title string) (*userFormPage, error) {
	if err := s.require(r, access.ManageUsers, "You do not have permission to manage users"); err != nil {
		return nil, err
	}
	n, ts, _, err := s.names(r)
	p := &userFormPage{Page: r.page, names: n, Teams: ts, AllRoles: access.Roles}
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
	p.Reason = f.Get("reason")
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
		Username: p.Username, DisplayName: p.DisplayName, Password: r.PostForm.Get("password"), Roles: p.Roles, TeamID: p.TeamID, Reason: p.Reason,
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

// editUserPage is a user's page: the form for changing them, filled in with
// the user as they are. Their API tokens and the history of their account
// (withTokensAndHistory) are read only when the page is drawn.
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
	p.Editing, p.UserID, p.Username, p.DisplayName, p.Roles, p.TeamID, p.Disabled = true, u.ID, u.Username, u.DisplayName, u.Roles, u.TeamID, u.Disabled
	p.SSOSubject = u.SSOSubject
	p.Version = u.Version
	p.Self = u.ID == r.actor.UserID()
	return p, u, nil
}

// withTokensAndHistory adds the user's API tokens and account history to
// their page, newest change first.
func (s *Server) withTokensAndHistory(p *userFormPage, r *request) error {
	ts, err := s.app.UserTokens(r.Context(), r.actor, p.UserID)
	if err != nil {
		return err
	}
	p.Tokens = s.tokenRows(ts)
	vs, err := s.app.UserHistory(r.Context(), r.actor, p.UserID)
	if err != nil {
		return err
	}
	for i, v := range vs {
		uv := userVersion{Version: v}
		if i > 0 {
			uv.Changes = app.UserChanges(vs[i-1].Record, v.Record, p.TeamName)
		}
		p.History = append(p.History, uv)
	}
	slices.Reverse(p.History)
	return nil
}

func (s *Server) editUser(w http.ResponseWriter, r *request) error {
	p, _, err := s.editUserPage(r)
	if err != nil {
		return err
	}
	if err := s.withTokensAndHistory(p, r); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "user-form", p)
}

// editUserPost saves a change to a user from the version the form was
// opened at. If someone else has saved a change since, nothing is saved:
// the page says so, keeps what was typed and shows the account as it now
// stands, and saving again is done over that version.
func (s *Server) editUserPost(w http.ResponseWriter, r *request) error {
	p, cur, err := s.editUserPage(r)
	if err != nil {
		return err
	}
	readUserForm(p, r)
	v, err := postedVersion(r, 1, "the account", "Open the user's page and start again")
	if err != nil {
		return err
	}
	p.Version = v
	u := cur
	u.Version, u.DisplayName, u.Roles, u.TeamID, u.Disabled = v, p.DisplayName, p.Roles, p.TeamID, p.Disabled
	_, err = s.app.UpdateUser(r.Context(), r.actor, u, p.Reason)
	switch {
	case staleVersion(err):
		p.Conflict, p.Current, p.Version = true, cur, cur.Version
		p.Title = "Someone else has changed this account"
		if err := s.withTokensAndHistory(p, r); err != nil {
			return err
		}
		return s.render(w, http.StatusConflict, "user-form", p)
	case err != nil:
		if !p.F.take(err) {
			return err
		}
		if err := s.withTokensAndHistory(p, r); err != nil {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "user-form", p)
	}
	http.Redirect(w, r.Request, "/admin/users", http.StatusSeeOther)
	return nil
}

// revokeUserToken ends one of a user's API tokens from their page.
func (s *Server) revokeUserToken(w http.ResponseWriter, r *request) error {
	id, err := userID(r)
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil || tid <= 0 {
		return errs.E(errs.NotFound, "No such token")
	}
	if err := s.app.RevokeUserToken(r.Context(), r.actor, id, tid); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/users/"+strconv.FormatInt(int64(id), 10), http.StatusSeeOther)
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
	// Nobody opens a record to themselves, so the list leaves the
	// administrator out (the use case refuses it anyway).
	us = slices.DeleteFunc(us, func(u access.User) bool { return u.ID == r.actor.UserID() })
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
	g := access.Grant{PersonID: people.ID(pid), UserID: access.UserID(uid), Reason: p.Reason, Until: civil.StartOfLondon(until)}
	if err := s.app.AddGrant(r.Context(), r.actor, g); err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "grant-form", p)
	}
	http.Redirect(w, r.Request, "/admin/users", http.StatusSeeOther)
	return nil
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
		Kinds: s.kindOptions(), Actions: actionOptions, From: dateValue(q, "from"), To: dateValue(q, "to")}
	p.Title = "Access log"
	p.F = newForm(&p.Page)
	aq := store.AccessQuery{Kind: store.Kind(p.Kind), Action: store.AccessAction(p.Action)}
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
		aq.Since = civil.StartOfLondon(from)
	}
	if !to.IsZero() {
		aq.Until = civil.StartOfLondon(to.AddDays(1))
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
	if err := s.require(r, access.RestrictPerson, "You do not have permission to restrict records"); err != nil {
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
