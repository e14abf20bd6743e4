package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The response bodies, named after their OpenAPI schemas.
type (
	userResponse struct {
		User access.User `json:"user"`
	}
	userList struct {
		Users []access.User `json:"users"`
	}
	teamList struct {
		Teams    []access.Team    `json:"teams"`
		Services []access.Service `json:"services"`
	}
	teamResponse struct {
		Team access.Team `json:"team"`
	}
	serviceResponse struct {
		Service access.Service `json:"service"`
	}
	grantResponse struct {
		Grant access.Grant `json:"grant"`
	}
	accessLogResponse struct {
		Entries []accessEntry `json:"entries"`
	}
	tokenList struct {
		Tokens []token `json:"tokens"`
	}
	newTokenResponse struct {
		Token  token  `json:"token"`
		Secret string `json:"secret"`
	}
)

// The request bodies not defined next to their handlers.
type (
	newTeam struct {
		Name      string           `json:"name"`
		ServiceID access.ServiceID `json:"service_id"`
	}
	newService struct {
		Name string `json:"name"`
	}
	newToken struct {
		Name      string     `json:"name"`
		ExpiresOn civil.Date `json:"expires_on,omitzero"`
	}
	// userHistory is every version of a user's account, oldest first.
	userHistory struct {
		Versions []userVersion `json:"versions"`
	}
	userVersion struct {
		saved
		User access.User `json:"user"`
	}
)

// newUserRequest is the body that adds a user.
type newUserRequest struct {
	Username    string        `json:"username"`
	DisplayName string        `json:"display_name"`
	Password    string        `json:"password"`
	Roles       []access.Role `json:"roles"`
	TeamID      access.TeamID `json:"team_id"`
	Reason      string        `json:"reason"`
}

// userUpdate is the body that changes a user. The username and creation time
// never change, so they are not part of it. Version is the version of the
// account the change starts from (409 if someone has saved since).
type userUpdate struct {
	ID          access.UserID `json:"id"`
	Version     int           `json:"version"`
	DisplayName string        `json:"display_name"`
	Roles       []access.Role `json:"roles"`
	TeamID      access.TeamID `json:"team_id"`
	Disabled    bool          `json:"disabled"`
	Reason      string        `json:"reason"`
}

// adminRoutes are the running of the service: users, teams and services,
// grants and restrictions, and the access log.
func (x *API) adminRoutes() []route {
	return []route{
		{http.MethodGet, "/users", x.users},
		{http.MethodPost, "/users", x.createUser},
		{http.MethodGet, "/users/{id}", x.user},
		{http.MethodPut, "/users/{id}", x.updateUser},
		{http.MethodGet, "/users/{id}/history", x.userHistoryOf},
		{http.MethodGet, "/users/{id}/tokens", x.userTokens},
		{http.MethodDelete, "/users/{id}/tokens/{tid}", x.revokeUserToken},
		{http.MethodGet, "/teams", x.teams},
		{http.MethodPost, "/teams", x.createTeam},
		{http.MethodPost, "/services", x.createService},
		{http.MethodPost, "/grants", x.addGrant},
		{http.MethodPut, "/people/{id}/restriction", x.setRestriction},
		{http.MethodGet, "/settings/timescales", x.timescales},
		{http.MethodPut, "/settings/timescales", x.setTimescales},
		{http.MethodGet, "/access-log", x.accessLog},
		{http.MethodGet, "/access-log/break-glass", x.breakGlass},
	}
}

// accountRoutes are the caller's own account and API tokens.
func (x *API) accountRoutes() []route {
	return []route{
		{http.MethodGet, "/me", x.me},
		{http.MethodGet, "/me/tokens", x.tokens},
		{http.MethodPost, "/me/tokens", x.createToken},
		{http.MethodDelete, "/me/tokens/{id}", x.revokeToken},
	}
}

// normaliseRoles writes each role code the way access knows it (lower case,
// trimmed), so that "Admin" means admin rather than being stored as a role
// that allows nothing. Codes that are not roles are left for the use case to
// refuse.
func normaliseRoles(rs []access.Role) []access.Role {
	out := make([]access.Role, len(rs))
	for i, r := range rs {
		if p, err := access.ParseRole(string(r)); err == nil {
			r = p
		}
		out[i] = r
	}
	return out
}

// users: GET /api/v1/users.
func (x *API) users(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	us, err := x.app.Users(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, userList{Users: append(make([]access.User, 0, len(us)), us...)})
	return nil
}

// createUser: POST /api/v1/users.
func (x *API) createUser(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req newUserRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	u, err := x.app.CreateUser(r.Context(), ac, app.NewUser{
		Username: req.Username, DisplayName: req.DisplayName, Password: req.Password,
		Roles: normaliseRoles(req.Roles), TeamID: req.TeamID, Reason: req.Reason,
	}, false)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/users/"+strconv.FormatInt(int64(u.ID), 10))
	x.writeJSON(w, r, http.StatusCreated, userResponse{User: u})
	return nil
}

// user: GET /api/v1/users/{id}.
func (x *API) user(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := x.app.User(r.Context(), ac, access.UserID(id))
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, userResponse{User: u})
	return nil
}

// updateUser: PUT /api/v1/users/{id}.
func (x *API) updateUser(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req userUpdate
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if req.ID != 0 && req.ID != access.UserID(id) {
		var fields errs.Fields
		fields.Add("id", "The id in the body must match the id in the path, or be left out")
		return fields.Err()
	}
	u, err := x.app.UpdateUser(r.Context(), ac, access.User{
		ID: access.UserID(id), Version: req.Version, DisplayName: req.DisplayName, Roles: normaliseRoles(req.Roles),
		TeamID: req.TeamID, Disabled: req.Disabled,
	}, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, userResponse{User: u})
	return nil
}

// userHistoryOf: GET /api/v1/users/{id}/history. Administrators only.
func (x *API) userHistoryOf(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	vs, err := x.app.UserHistory(r.Context(), ac, access.UserID(id))
	if err != nil {
		return err
	}
	out := userHistory{Versions: make([]userVersion, 0, len(vs))}
	for _, v := range vs {
		out.Versions = append(out.Versions, userVersion{saved: savedOf(v), User: v.Record})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// userTokens: GET /api/v1/users/{id}/tokens. Administrators only.
func (x *API) userTokens(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ts, err := x.app.UserTokens(r.Context(), ac, access.UserID(id))
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, x.tokenList(ts))
	return nil
}

// revokeUserToken: DELETE /api/v1/users/{id}/tokens/{tid}. Administrators
// only; a token that is not that user's is not found.
func (x *API) revokeUserToken(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	tid, err := pathInt(r, "tid")
	if err != nil {
		return err
	}
	if err := x.app.RevokeUserToken(r.Context(), ac, access.UserID(id), tid); err != nil {
		return err
	}
	noContent(w)
	return nil
}

// teams: GET /api/v1/teams, with the services they belong to.
func (x *API) teams(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	ts, ss, err := x.app.Teams(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, teamList{
		Teams:    append(make([]access.Team, 0, len(ts)), ts...),
		Services: append(make([]access.Service, 0, len(ss)), ss...),
	})
	return nil
}

// createTeam: POST /api/v1/teams.
func (x *API) createTeam(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req newTeam
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	t, err := x.app.CreateTeam(r.Context(), ac, req.Name, req.ServiceID)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, teamResponse{Team: t})
	return nil
}

// createService: POST /api/v1/services.
func (x *API) createService(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req newService
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	s, err := x.app.CreateService(r.Context(), ac, req.Name)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, serviceResponse{Service: s})
	return nil
}

// grantRequest is the body that opens a restricted record to a user.
type grantRequest struct {
	PersonID people.ID     `json:"person_id"`
	UserID   access.UserID `json:"user_id"`
	Reason   string        `json:"reason"`
	From     time.Time     `json:"from"` // zero: now
	Until    time.Time     `json:"until"`
}

// addGrant: POST /api/v1/grants. The response is the grant as recorded.
func (x *API) addGrant(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req grantRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	g := access.Grant{
		PersonID: req.PersonID, UserID: req.UserID, Reason: strings.TrimSpace(req.Reason),
		GrantedBy: ac.UserID(), From: req.From.UTC(), Until: req.Until.UTC(),
	}
	if req.From.IsZero() {
		// Fix the start here rather than in the use case, so that the
		// response can say when the grant began.
		g.From = x.app.Now().UTC()
	}
	if err := x.app.AddGrant(r.Context(), ac, g); err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, grantResponse{Grant: g})
	return nil
}

// accessLog: GET /api/v1/access-log?person_id=&user_id=&kind=&record_id=&action=&since=&until=&limit=
func (x *API) accessLog(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	qs := r.URL.Query()
	var fields errs.Fields
	q := store.AccessQuery{
		PersonID: people.ID(queryID(qs.Get("person_id"), "person_id", &fields)),
		UserID:   access.UserID(queryID(qs.Get("user_id"), "user_id", &fields)),
		Kind:     store.Kind(qs.Get("kind")),
		RecordID: queryID(qs.Get("record_id"), "record_id", &fields),
		Action:   store.AccessAction(qs.Get("action")),
		Since:    parseTime(qs.Get("since"), "since", &fields),
		Until:    parseTime(qs.Get("until"), "until", &fields),
		Limit:    queryInt(qs.Get("limit"), "limit", &fields),
	}
	if err := fields.Err(); err != nil {
		return err
	}
	es, err := x.app.AccessLog(r.Context(), ac, q)
	if err != nil {
		return err
	}
	out := accessLogResponse{Entries: make([]accessEntry, 0, len(es))}
	for _, e := range es {
		out.Entries = append(out.Entries, accessEntryOf(e))
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// me: GET /api/v1/me, the user the token belongs to.
func (x *API) me(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	u, err := x.app.User(r.Context(), ac, ac.UserID())
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, userResponse{User: u})
	return nil
}

// token is a personal API token as its owner sees it: never its secret or
// the secret's hash.
type token struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	LastUsed  time.Time `json:"last_used,omitzero"`
	Revoked   bool      `json:"revoked"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	Expired   bool      `json:"expired"`
}

func (x *API) tokenOf(t store.Token) token {
	return token{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsed: t.LastUsed, Revoked: t.Revoked,
		ExpiresAt: t.ExpiresAt, Expired: t.Expired(x.app.Now())}
}

func (x *API) tokenList(ts []store.Token) tokenList {
	out := tokenList{Tokens: make([]token, 0, len(ts))}
	for _, t := range ts {
		out.Tokens = append(out.Tokens, x.tokenOf(t))
	}
	return out
}

// tokens: GET /api/v1/me/tokens.
func (x *API) tokens(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	ts, err := x.app.Tokens(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, x.tokenList(ts))
	return nil
}

// createToken: POST /api/v1/me/tokens. The secret is in this response and
// nowhere else, ever.
func (x *API) createToken(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req newToken
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	secret, t, err := x.app.CreateTokenExpiring(r.Context(), ac, req.Name, req.ExpiresOn)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, newTokenResponse{Token: x.tokenOf(t), Secret: secret})
	return nil
}

// revokeToken: DELETE /api/v1/me/tokens/{id}. Only the caller's own tokens
// can be revoked; another user's token id is not found.
func (x *API) revokeToken(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := x.app.RevokeToken(r.Context(), ac, id); err != nil {
		return err
	}
	noContent(w)
	return nil
}

// restrictionRequest restricts a record or lifts its restriction.
type restrictionRequest struct {
	Restricted bool   `json:"restricted"`
	Reason     string `json:"reason"`
}

// setRestriction: PUT /api/v1/people/{id}/restriction. Administrators only;
// the change is a new version of the record with the reason.
func (x *API) setRestriction(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req restrictionRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.SetRestricted(r.Context(), ac, people.ID(id), req.Restricted, req.Reason); err != nil {
		return err
	}
	noContent(w)
	return nil
}

// timescalesResponse is the council's timescales: those in force, their
// version (0 while the council has set none and the defaults apply), the
// defaults of statute and guidance, and every change, oldest first.
type timescalesResponse struct {
	Timescales journey.Timescales  `json:"timescales"`
	Version    int                 `json:"version"`
	Defaults   journey.Timescales  `json:"defaults"`
	History    []timescalesVersion `json:"history"`
}

type timescalesVersion struct {
	saved
	Timescales journey.Timescales `json:"timescales"`
}

// timescalesUpdate is the body that changes the timescales. Version is the
// version the change starts from (0 if the council has set none; 409 if
// someone has saved since).
type timescalesUpdate struct {
	Timescales journey.Timescales `json:"timescales"`
	Version    int                `json:"version"`
	Reason     string             `json:"reason"`
}

// timescales: GET /api/v1/settings/timescales.
func (x *API) timescales(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	tp, err := x.app.CouncilTimescales(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, timescalesOf(tp))
	return nil
}

func timescalesOf(tp app.TimescalesPage) timescalesResponse {
	out := timescalesResponse{Timescales: tp.Current, Version: tp.Version, Defaults: tp.Defaults, History: make([]timescalesVersion, 0, len(tp.History))}
	for _, v := range tp.History {
		out.History = append(out.History, timescalesVersion{saved: savedOf(v), Timescales: v.Record})
	}
	return out
}

// setTimescales: PUT /api/v1/settings/timescales. Administrators only. It
// answers with the timescales as they then stand.
func (x *API) setTimescales(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req timescalesUpdate
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.SetTimescales(r.Context(), ac, req.Timescales, req.Version, req.Reason); err != nil {
		return inTimescales(err)
	}
	tp, err := x.app.CouncilTimescales(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, timescalesOf(tp))
	return nil
}

// inTimescales names the timescales' fields by their path in the body
// (timescales.review_months), as the request nests them.
func inTimescales(err error) error { return nestFields(err, "timescales.", "reason", "version") }
