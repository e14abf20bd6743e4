package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// NewUser is what an administrator enters to add a user.
type NewUser struct {
	Username    string
	DisplayName string
	Password    string
	Roles       []access.Role
	TeamID      access.TeamID
	Reason      string // why the account is made, kept in its history
}

// systemReason is the reason recorded for an account made from the command
// line when none is given.
const systemReason = "Added from the command line"

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
	if !fields.Has("roles") {
		// Administrators do not read children's records: see access.CheckRoles.
		if err := access.CheckRoles(roles); err != nil {
			*fields = append(*fields, errs.As(err).Fields...)
		}
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
// The account's first version records who made it and why.
func (a *App) CreateUser(ctx context.Context, ac Actor, nu NewUser, system bool) (access.User, error) {
	if !system {
		if err := a.require(ctx, ac, access.ManageUsers); err != nil {
			return access.User{}, err
		}
	}
	nu.Username = access.NormaliseUsername(nu.Username)
	nu.DisplayName = strings.TrimSpace(nu.DisplayName)
	if system && strings.TrimSpace(nu.Reason) == "" {
		nu.Reason = systemReason
	}
	var fields errs.Fields
	if err := access.ValidateUsername(nu.Username); err != nil {
		fields = append(fields, errs.As(err).Fields...)
	}
	if err := access.ValidatePassword(nu.Password, nu.Username); err != nil {
		fields = append(fields, errs.As(err).Fields...)
	}
	if err := a.validUser(ctx, nu.DisplayName, nu.Roles, nu.TeamID, &fields); err != nil {
		return access.User{}, err
	}
	reason, rerr := validReason(nu.Reason)
	if rerr != nil {
		fields = append(fields, errs.As(rerr).Fields...)
	}
	if err := fields.Err(); err != nil {
		return access.User{}, err
	}
	hash, err := access.HashPassword(nu.Password)
	if err != nil {
		return access.User{}, errs.Wrap(err, "could not hash the password")
	}
	now := a.Now().UTC()
	u := access.User{Username: nu.Username, DisplayName: nu.DisplayName, Roles: nu.Roles, TeamID: nu.TeamID, CreatedAt: now}
	// The account's id is not known until it is written: the line gains it
	// when it is settled.
	w, err := a.beginWrite(ctx, ac, adminLine(store.LogUserCreate, 0, 0, "made "+describeUser(u, teamID), reason))
	if err != nil {
		return u, err
	}
	u, err = a.Store.CreateUser(ctx, u, hash, w.change(store.Change{By: ac.UserID(), At: now, Reason: reason}))
	if err != nil {
		err = w.failed(ctx, err)
		if errs.Is(err, errs.Conflict) {
			return u, &errs.Error{Code: errs.Conflict, Message: "There is a problem with what was entered", Fields: []errs.Field{{Field: "username", Message: "That username is already taken"}}}
		}
		return u, err
	}
	w.done(ctx, 0, int64(u.ID))
	return u, nil
}

// UpdateUser changes a user's name, roles, team or whether they may sign in,
// as a new version of the account with the reason. u.Version must be the
// version the administrator started from; if someone else has saved a change
// since, the change is refused with errs.Conflict and nothing is written.
// Nobody changes their own roles, team or whether their own account is
// active (see selfChange).
func (a *App) UpdateUser(ctx context.Context, ac Actor, u access.User, reason string) (access.User, error) {
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
	if u.ID == ac.UserID() {
		self := selfChange(old, u)
		if len(self) > 0 {
			if err := a.logAdmin(ctx, ac, store.LogDenied, 0, u.ID, "refused a change to their own account ("+fieldNames(self)+"): separation of duties", loggableReason(reason)); err != nil {
				return u, err
			}
		}
		for _, f := range self {
			if !fields.Has(f.Field) { // one error a field: a bad role is reported as such
				fields = append(fields, f)
			}
		}
	}
	reason, rerr := validReason(reason)
	if rerr != nil {
		fields = append(fields, errs.As(rerr).Fields...)
	}
	if u.Version < 1 {
		fields.Add("version", "Enter the version of the account you are changing")
	}
	if err := fields.Err(); err != nil {
		return u, err
	}
	// The subject is the provider's to give (see SignInSSO), never the form's.
	u.Username, u.CreatedAt, u.SSOSubject = old.Username, old.CreatedAt, old.SSOSubject
	act := store.LogUserUpdate
	if !sameRoles(old.Roles, u.Roles) {
		act = store.LogUserRoles
	}
	w, err := a.beginWrite(ctx, ac, adminLine(act, 0, u.ID, describeChanges(UserChanges(old, u, teamID)), reason))
	if err != nil {
		return u, err
	}
	updated, err := a.Store.UpdateUser(ctx, u, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return u, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return updated, nil
}

// selfChange returns, for a user changing their own account, the fields
// they may not change: their roles, their team, and whether the account is
// active. Separation of duties: another administrator must make these
// changes, so that no one gives themselves more power unseen, and since the
// actor stays an active administrator, there is always one left.
func selfChange(before, after access.User) errs.Fields {
	var fields errs.Fields
	if !sameRoles(before.Roles, after.Roles) {
		fields.Add("roles", "You cannot change your own roles: ask another administrator")
	}
	if before.TeamID != after.TeamID {
		fields.Add("team_id", "You cannot move yourself to another team: ask another administrator")
	}
	if before.Disabled != after.Disabled {
		if after.Disabled {
			fields.Add("disabled", "You cannot disable your own account: ask another administrator")
		} else {
			fields.Add("disabled", "You cannot enable your own account: ask another administrator")
		}
	}
	return fields
}

func fieldNames(fs errs.Fields) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Field
	}
	return strings.Join(names, ", ")
}

// sameRoles reports whether two lists hold the same roles, in any order.
func sameRoles(a, b []access.Role) bool {
	set := func(rs []access.Role) map[access.Role]bool {
		m := map[access.Role]bool{}
		for _, r := range rs {
			m[r] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for r := range sa {
		if !sb[r] {
			return false
		}
	}
	return true
}

// UserChange is one part of a user's account that a change altered, in
// words for people.
type UserChange struct{ Field, Before, After string }

// UserChanges lists what changed between two versions of a user's account:
// name, roles, team (named by teamName) and whether it is active.
func UserChanges(before, after access.User, teamName func(access.TeamID) string) []UserChange {
	var out []UserChange
	add := func(field, b, a string) {
		if b != a {
			out = append(out, UserChange{field, b, a})
		}
	}
	add("Name", before.DisplayName, after.DisplayName)
	if !sameRoles(before.Roles, after.Roles) {
		add("Roles", access.RoleLabels(before.Roles), access.RoleLabels(after.Roles))
	}
	add("Team", teamName(before.TeamID), teamName(after.TeamID))
	add("Account", accountState(before), accountState(after))
	add("Council account", orNone(before.SSOSubject), orNone(after.SSOSubject))
	return out
}

// orNone shows an empty value as "none".
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func accountState(u access.User) string {
	if u.Disabled {
		return "Disabled"
	}
	return "Active"
}

// teamID names a team by its id in the access log.
func teamID(id access.TeamID) string {
	if id == 0 {
		return "none"
	}
	return strconv.FormatInt(int64(id), 10)
}

// describeUser is a user's account in one line, for the access log.
func describeUser(u access.User, teamName func(access.TeamID) string) string {
	return u.Username + " (" + u.DisplayName + "), roles " + access.RoleLabels(u.Roles) + ", team " + teamName(u.TeamID) + ", " + strings.ToLower(accountState(u))
}

// describeChanges is a list of changes in one line, for the access log.
func describeChanges(cs []UserChange) string {
	if len(cs) == 0 {
		return "no change"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Field + ": " + c.Before + " -> " + c.After
	}
	return strings.Join(parts, "; ")
}

// UserHistory returns every version of a user's account, oldest first.
// Administrators only.
func (a *App) UserHistory(ctx context.Context, ac Actor, id access.UserID) ([]store.Version[access.User], error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return nil, err
	}
	if _, err := a.Store.User(ctx, id); err != nil {
		return nil, err
	}
	return a.Store.UserHistory(ctx, id)
}

// UserTokens lists another user's API tokens (never their secrets), so that
// an administrator can revoke them. Administrators only.
func (a *App) UserTokens(ctx context.Context, ac Actor, id access.UserID) ([]store.Token, error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return nil, err
	}
	if _, err := a.Store.User(ctx, id); err != nil {
		return nil, err
	}
	return a.Store.Tokens(ctx, id)
}

// RevokeUserToken ends one of a user's API tokens: an administrator's answer
// to a lost laptop or a leaked script. A token that is not that user's is not
// found.
func (a *App) RevokeUserToken(ctx context.Context, ac Actor, user access.UserID, id int64) error {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return err
	}
	return a.revokeToken(ctx, ac, user, id, "revoked token "+strconv.FormatInt(id, 10))
}

// revokeToken revokes one of user's tokens, logged before it is made.
func (a *App) revokeToken(ctx context.Context, ac Actor, user access.UserID, id int64, what string) error {
	w, err := a.beginWrite(ctx, ac, adminLine(store.LogTokenRevoke, 0, user, what, ""))
	if err != nil {
		return err
	}
	if err := a.Store.RevokeToken(ctx, user, id, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC()})); err != nil {
		return w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return nil
}

// loggableReason is a reason typed with a refused change, as its log line
// may hold it: the reason if it would be accepted, otherwise nothing, so that
// a refusal cannot put control characters or a long text in the log.
func loggableReason(reason string) string {
	clean, err := validReason(reason)
	if err != nil {
		return ""
	}
	return clean
}

// logAdmin writes the access-log line of an administrative act that
// changes nothing (a refusal): see adminLine.
func (a *App) logAdmin(ctx context.Context, ac Actor, action store.AccessAction, person people.ID, user access.UserID, what, note string) error {
	return a.logAccess(ctx, ac, adminLine(action, person, user, what, note))
}

// adminLine is the access-log line of an administrative act: the action,
// the person it concerns (0 for none), the user account it concerns (0 for
// none), what was done and the reason the actor typed (the line's note). A
// line about a person is of kind person; otherwise of kind user.
func adminLine(action store.AccessAction, person people.ID, user access.UserID, what, note string) store.AccessEntry {
	e := store.AccessEntry{PersonID: person, Action: action, Reason: what, Note: note}
	switch {
	case person != 0:
		e.Kind, e.RecordID = store.KindPerson, int64(person)
		if user != 0 {
			e.Reason = "to user " + strconv.FormatInt(int64(user), 10) + ": " + what
		}
	default:
		// A user account, whose id is 0 until a new one is written (the line
		// gains it when it is settled).
		e.Kind, e.RecordID = store.KindUser, int64(user)
	}
	return e
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
	var rerr error
	g.Reason, rerr = checkReason(g.Reason, "Enter the reason for the grant")
	if e := errs.As(rerr); e != nil {
		fields = append(fields, e.Fields...)
	}
	if _, err := a.Store.User(ctx, g.UserID); err != nil {
		fields.Add("user_id", "Select a user")
	} else if g.UserID == ac.UserID() {
		// Separation of duties: a grant is one person's decision to let
		// another see a restricted record, never a way to open it oneself.
		fields.Add("user_id", "You cannot open a record to yourself: ask another administrator")
	}
	if _, err := a.Store.Subject(ctx, g.PersonID, a.Now()); err != nil {
		fields.Add("person_id", "Enter the id of a person")
	}
	now := a.Now().UTC()
	if g.From.IsZero() {
		g.From = now
	}
	validGrantPeriod(g.From, g.Until, now, &fields)
	if err := fields.Err(); err != nil {
		if g.UserID == ac.UserID() && fields.Has("user_id") {
			if lerr := a.logAdmin(ctx, ac, store.LogDenied, g.PersonID, g.UserID, "refused a grant to themselves: separation of duties", g.Reason); lerr != nil {
				return lerr
			}
		}
		return err
	}
	g.GrantedBy = ac.UserID()
	w, err := a.beginWrite(ctx, ac, adminLine(store.LogGrant, g.PersonID, g.UserID, "granted until "+g.Until.UTC().Format(time.RFC3339), g.Reason))
	if err != nil {
		return err
	}
	if err := a.Store.AddGrant(ctx, g, w.change(store.Change{By: ac.UserID(), At: now, Reason: g.Reason})); err != nil {
		return w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return nil
}

// grantSkew is how far before now a grant's start may be, for the clocks of
// the client and the server, which never quite agree.
const grantSkew = time.Minute

// maxGrant is the longest a grant may last.
const maxGrant = 366 * 24 * time.Hour

// validGrantPeriod checks when a grant starts and ends, at now. A grant opens
// a record from now on: one that started in the past would make earlier
// reads of the record look covered by it, so from may not be before now
// (less grantSkew). It must end after it starts, and within maxGrant.
func validGrantPeriod(from, until, now time.Time, fields *errs.Fields) {
	if from.Before(now.Add(-grantSkew)) {
		fields.Add("from", "The grant cannot start in the past")
	}
	switch {
	case !until.After(from):
		fields.Add("until", "The grant must end after it starts")
	case until.Sub(from) > maxGrant:
		fields.Add("until", "A grant can last a year at most")
	}
}

// AccessLog lists who viewed or changed which record. Only auditors may.
func (a *App) AccessLog(ctx context.Context, ac Actor, q store.AccessQuery) ([]store.AccessEntry, error) {
	if err := a.require(ctx, ac, access.ReadAccessLog); err != nil {
		return nil, err
	}
	if err := checkAccessQuery(q); err != nil {
		return nil, err
	}
	if q.Limit == 0 {
		q.Limit = 200
	}
	lines, err := a.Store.AccessLog(ctx, q)
	if err != nil {
		return nil, err
	}
	// The log's lines name children and hold what others typed (search
	// terms, reasons for opening a record), so reading them is itself
	// logged: one line, with the filter and how many children the lines
	// named.
	return lines, a.logAuditRead(ctx, ac, describeAccessQuery(q), lines)
}

// logAuditRead writes the line of an auditor's read of the access log.
func (a *App) logAuditRead(ctx context.Context, ac Actor, filter string, lines []store.AccessEntry) error {
	children := map[people.ID]bool{}
	for _, l := range lines {
		if l.PersonID != 0 {
			children[l.PersonID] = true
		}
	}
	e := store.AccessEntry{
		Action: store.LogBulkRead, Reason: access.ReasonRole, Children: len(children),
		Note: "access log: " + filter,
	}
	// A read of one child's lines is on that child's record too, so that
	// "who has seen anything about this child" finds it.
	if len(children) == 1 {
		for id := range children {
			e.PersonID = id
		}
	}
	return a.logAccess(ctx, ac, e)
}

// describeAccessQuery writes an access-log filter as the note of the line
// that records its use.
func describeAccessQuery(q store.AccessQuery) string {
	var parts []string
	add := func(name string, v any, set bool) {
		if set {
			parts = append(parts, fmt.Sprintf("%s=%v", name, v))
		}
	}
	add("person_id", q.PersonID, q.PersonID != 0)
	add("user_id", q.UserID, q.UserID != 0)
	add("kind", q.Kind, q.Kind != "")
	add("record_id", q.RecordID, q.RecordID != 0)
	add("action", q.Action, q.Action != "")
	add("since", q.Since.UTC().Format(time.RFC3339), !q.Since.IsZero())
	add("until", q.Until.UTC().Format(time.RFC3339), !q.Until.IsZero())
	add("limit", q.Limit, true)
	return strings.Join(parts, " ")
}
