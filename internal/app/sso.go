package app

import (
	"context"
	"slices"
	"strings"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/sso"
	"hearth/internal/store"
)

// errPasswordsOff refuses a password sign-in when the council has turned
// local passwords off. It is the same for every name but the one kept, known
// or not, and comes before any lookup, so it tells nothing about accounts.
var errPasswordsOff = &errs.Error{
	Code:    errs.Forbidden,
	Message: "Sign in with your council account: Hearth passwords are turned off",
	Fields:  []errs.Field{{Field: "username", Message: "Sign in with your council account: Hearth passwords are turned off"}},
}

// ErrSSOUnknown refuses someone the provider knows and Hearth does not.
var ErrSSOUnknown = errs.E(errs.Forbidden, "Your council account is not set up in Hearth. Ask a Hearth administrator to add you, and tell them the time you tried")

// errSSODisabled refuses a provider's user whose Hearth account is disabled.
var errSSODisabled = errs.E(errs.Forbidden, "Your Hearth account is disabled. Ask a Hearth administrator if you should still have access")

// errSSOGroups refuses a user whose groups name more than one team, or
// roles that may not be held together.
var errSSOGroups = errs.E(errs.Forbidden, "Your council groups give you a mix of teams or roles Hearth cannot use. Ask a Hearth administrator to check your groups")

// passwordAllowed reports whether a name may sign in with a password: any
// while local passwords are on; once they are off, only the one account the
// council keeps for when the provider is down (PasswordKeeper).
func (a *App) passwordAllowed(name string) bool {
	return a.LocalPasswords || (a.PasswordKeeper != "" && name == a.PasswordKeeper)
}

// logSignIn writes the line of a sign-in that began a session. If it cannot
// be written, the session is ended and the sign-in fails: every session has
// its line.
func (a *App) logSignIn(ctx context.Context, u access.User, remote, route, method, secret string) error {
	ac := Actor{Principal: access.Principal{User: u}, Remote: remote, Route: route}
	err := a.logAccess(ctx, ac, store.AccessEntry{Kind: store.KindUser, RecordID: int64(u.ID), Action: store.LogSignIn, Reason: method})
	if err != nil {
		_ = a.Store.DeleteSession(context.WithoutCancel(ctx), access.HashSecret(secret))
	}
	return err
}

// startSession stores a new session for u and returns its secrets.
func (a *App) startSession(ctx context.Context, u access.User, remote, method string) (NewSession, error) {
	secret, err := access.NewSecret("")
	if err != nil {
		return NewSession{}, errs.Wrap(err, "could not make a session")
	}
	csrf, err := access.NewSecret("")
	if err != nil {
		return NewSession{}, errs.Wrap(err, "could not make a session")
	}
	now := a.Now().UTC()
	s := store.Session{TokenHash: access.HashSecret(secret), UserID: u.ID, CSRF: csrf, CreatedAt: now, LastSeen: now, Remote: remote, Method: method}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return NewSession{}, err
	}
	return NewSession{Secret: secret, CSRF: csrf, User: u}, nil
}

// SSOCallbackRoute is the route sign-ins through the provider are logged under.
const SSOCallbackRoute = "GET " + sso.CallbackPath

// SignInSSO starts a session for the person a verified ID token names
// (sso.Client.Finish has checked the token). The Hearth user is found by the
// council's choice of claim (sso.KeyFor). Someone Hearth does not know is
// refused, with a denied line in the access log and a line in the server's
// log, unless the council has turned on making them, with no role. When the
// council maps groups, the user's roles and team follow their groups at each
// sign-in, written as a change to the account by the system.
func (a *App) SignInSSO(ctx context.Context, id sso.Identity, remote string) (NewSession, error) {
	if a.SSO == nil {
		return NewSession{}, errs.E(errs.NotFound, "Single sign-on is not set up")
	}
	cfg := a.SSO.Config()
	system := Actor{Remote: remote, Route: SSOCallbackRoute}
	refuse := func(err error, why string, user access.UserID) error {
		a.Log.WarnContext(ctx, "single sign-on refused", "why", why, "issuer", id.Issuer, "subject", id.Subject, "user", int64(user))
		line := store.AccessEntry{Action: store.LogDenied, Reason: "sign_in: " + why + " (sso)", Note: sso.Subject(id.Issuer, id.Subject)}
		if user != 0 {
			line.Kind, line.RecordID = store.KindUser, int64(user)
		}
		if lerr := a.logAccess(ctx, system, line); lerr != nil {
			return lerr
		}
		return err
	}
	var (
		u   access.User
		err error
	)
	key, ok := sso.KeyFor(cfg, id)
	switch {
	case !ok:
		err = errs.E(errs.NotFound, "no matching claim")
	case key.Subject != "":
		u, err = a.Store.UserBySSOSubject(ctx, key.Subject)
	default:
		u, err = a.Store.UserByUsername(ctx, key.Username)
	}
	switch {
	case errs.Is(err, errs.NotFound) && cfg.CreateUsers && len(cfg.EmailDomains) > 0 && !inDomains(cfg, id):
		// A guest of the council's tenant, whose address is elsewhere, is
		// not made a user.
		return NewSession{}, refuse(ErrSSOUnknown, "unknown to Hearth, address outside the council's domains", 0)
	case errs.Is(err, errs.NotFound) && cfg.CreateUsers:
		if u, err = a.createSSOUser(ctx, system, cfg, id); err != nil {
			return NewSession{}, err
		}
	case errs.Is(err, errs.NotFound):
		return NewSession{}, refuse(ErrSSOUnknown, "unknown to Hearth", 0)
	case err != nil:
		return NewSession{}, err
	}
	if u.Disabled {
		return NewSession{}, refuse(errSSODisabled, access.ReasonDisabled, u.ID)
	}
	if key.Username != "" {
		// Matched by address: the first sign-in records the subject, so
		// that the council may later match by subject; an account that
		// already has another subject is someone else's, whose address
		// has passed to a new person.
		switch subject := sso.Subject(id.Issuer, id.Subject); u.SSOSubject {
		case subject:
		case "":
			if u, err = a.linkSubject(ctx, system, u, subject); err != nil {
				return NewSession{}, err
			}
		default:
			return NewSession{}, refuse(ErrSSOUnknown, "address matches a user linked to another subject", u.ID)
		}
	}
	if cfg.MapsGroups() {
		m := sso.MapGroups(cfg, id.Groups)
		if m.Conflict || access.CheckRoles(m.Roles) != nil {
			return NewSession{}, refuse(errSSOGroups, "groups give more than one team or roles that may not be held together", u.ID)
		}
		if u, err = a.followGroups(ctx, system, u, m); err != nil {
			return NewSession{}, err
		}
	}
	ns, err := a.startSession(ctx, u, remote, store.SignInSSO)
	if err != nil {
		return NewSession{}, err
	}
	if err := a.logSignIn(ctx, u, remote, SSOCallbackRoute, store.SignInSSO, ns.Secret); err != nil {
		return NewSession{}, err
	}
	return ns, nil
}

// createSSOUser makes the account of someone the provider knows, with no
// role and no password, holding their subject, logged as made by the
// system. If the name their address gives is taken, they get one made from
// their subject instead.
func (a *App) createSSOUser(ctx context.Context, ac Actor, cfg sso.Config, id sso.Identity) (access.User, error) {
	u := access.User{Username: sso.NewUsername(cfg, id), Roles: []access.Role{}, SSOSubject: sso.Subject(id.Issuer, id.Subject), CreatedAt: a.Now().UTC()}
	// The provider's name for them, if it is one Hearth would take from a
	// form (one line of printable text, at most 100 characters); else their
	// username, which the administrator may correct.
	u.DisplayName = strings.TrimSpace(id.Name)
	if u.DisplayName == "" || len(u.DisplayName) > 100 || !people.PrintableLines(u.DisplayName) || strings.ContainsAny(u.DisplayName, "\r\n\t") {
		u.DisplayName = u.Username
	}
	reason := "Made at their first sign-in through the council's identity provider, with no role"
	for _, username := range []string{u.Username, sso.SubjectUsername(id)} {
		u.Username = username
		w, err := a.beginWrite(ctx, ac, adminLine(store.LogUserCreate, 0, 0, "made "+describeUser(u, teamID), reason))
		if err != nil {
			return u, err
		}
		// No password hash: a password sign-in as this user always fails.
		made, err := a.Store.CreateUser(ctx, u, "", w.change(store.Change{At: u.CreatedAt, Reason: reason}))
		if err != nil {
			err = w.failed(ctx, err)
			if errs.Is(err, errs.Conflict) && !onField(err, "sso_subject") {
				continue // the name is taken: try the subject's
			}
			return u, err
		}
		w.done(ctx, 0, int64(made.ID))
		return made, nil
	}
	return u, errs.E(errs.Conflict, "Both usernames for the new user are taken")
}

// linkSubject records on a user the subject they first signed in with, as
// a change to the account by the system.
func (a *App) linkSubject(ctx context.Context, ac Actor, u access.User, subject string) (access.User, error) {
	reason := "Signed in through the council's identity provider for the first time"
	after := u
	after.SSOSubject = subject
	w, err := a.beginWrite(ctx, ac, adminLine(store.LogUserUpdate, 0, u.ID, describeChanges(UserChanges(u, after, teamID)), reason))
	if err != nil {
		return u, err
	}
	updated, err := a.Store.UpdateUser(ctx, after, w.change(store.Change{At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return u, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return updated, nil
}

// followGroups sets a user's roles and team to those their groups give, as
// a change to the account by the system when they differ.
func (a *App) followGroups(ctx context.Context, ac Actor, u access.User, m sso.Mapped) (access.User, error) {
	roles := m.Roles
	if roles == nil {
		roles = []access.Role{}
	}
	if slices.Equal(u.Roles, roles) && u.TeamID == m.Team {
		return u, nil
	}
	after := u
	after.Roles, after.TeamID = roles, m.Team
	act := store.LogUserUpdate
	if !sameRoles(u.Roles, after.Roles) {
		act = store.LogUserRoles
	}
	reason := "Roles and team from the user's groups at the council's identity provider"
	w, err := a.beginWrite(ctx, ac, adminLine(act, 0, u.ID, describeChanges(UserChanges(u, after, teamID)), reason))
	if err != nil {
		return u, err
	}
	updated, err := a.Store.UpdateUser(ctx, after, w.change(store.Change{At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return u, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return updated, nil
}

// inDomains reports whether the identity's address is in one of the
// council's domains.
func inDomains(cfg sso.Config, id sso.Identity) bool {
	_, ok := sso.LocalName(cfg, id.Email)
	return ok
}

// onField reports whether err names field.
func onField(err error, field string) bool {
	e := errs.As(err)
	return e != nil && slices.ContainsFunc(e.Fields, func(f errs.Field) bool { return f.Field == field })
}

// SSOSettings is the configuration of single sign-on as the administrator's
// page shows it: never the client secret, only where it was read from.
type SSOSettings struct {
	On             bool
	Config         sso.Config // ClientSecret is always empty here
	EndSession     bool       // the provider's sign-out is known
	LocalPasswords bool
	PasswordKeeper string
}

// SSOSettings shows an administrator how single sign-on is set up.
func (a *App) SSOSettings(ctx context.Context, ac Actor) (SSOSettings, error) {
	if err := a.require(ctx, ac, access.ManageUsers); err != nil {
		return SSOSettings{}, err
	}
	s := SSOSettings{LocalPasswords: a.LocalPasswords, PasswordKeeper: a.PasswordKeeper}
	if a.SSO != nil {
		s.On, s.Config, s.EndSession = true, a.SSO.Config(), a.SSO.EndSessionURL(ctx) != ""
		s.Config.ClientSecret = ""
	}
	return s, nil
}
