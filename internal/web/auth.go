package web

import (
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/httpx"
	"hearth/internal/store"
)

// coreModule is what every user has: the assets, signing in and out, the
// home page and one's own account and API tokens. Its templates are those in
// templates/ itself, beside the layout.
func (s *Server) coreModule() module {
	static, _ := fs.Sub(staticFS, "static")
	return module{
		routes: []route{
			publicRoute("GET", "/static/", http.StripPrefix("/static/", staticHandler(static))),
			publicRoute("GET", "/sign-in", s.public(s.signInPage)),
			publicRoute("POST", "/sign-in", s.public(s.signIn)),
			signedInRoute("POST", "/sign-out", "", s.signOut),
			signedInRoute("GET", "/{$}", "home", s.home),
			signedInRoute("GET", "/account", "account", s.account),
			signedInRoute("POST", "/account/tokens", "account", s.createToken),
			signedInRoute("POST", "/account/tokens/{id}/revoke", "account", s.revokeToken),
		},
		dateFields: []string{"expires_on"},
	}
}

type signInPage struct {
	Page
	F        *form
	Username string
	Next     string
	// SSO offers the council's sign-in; PasswordsOff says only the kept
	// administrator may use the form.
	SSO          bool
	PasswordsOff bool
}

// safeNext keeps a post-sign-in redirect on this site: a path, never a URL
// to somewhere else. Browsers are more lenient than Go's parser: they drop
// tabs and newlines anywhere in a URL and read a backslash as a slash, so a
// slash, a tab and "/evil.example" (next=/%09/evil.example) or a slash, a
// backslash and "evil.example" both become "//evil.example", another site.
// So the value must parse as a bare path (no scheme, no host), hold no
// control character or backslash, before or after percent-decoding, and its
// path must begin with exactly one slash even after percent-decoding
// ("/%2F/evil.example"). Anything else goes to the home page.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.ContainsFunc(next, unsafeInURL) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") ||
		strings.ContainsFunc(u.Path, unsafeInURL) {
		return "/"
	}
	return next
}

// unsafeInURL reports the characters a browser strips from a URL or reads as
// something else.
func unsafeInURL(r rune) bool { return r == '\\' || unicode.IsControl(r) }

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) error {
	p := signInPage{Page: Page{Title: "Sign in"}, Next: safeNext(r.URL.Query().Get("next")), SSO: s.app.SSO != nil, PasswordsOff: !s.app.LocalPasswords}
	p.F = newForm(&p.Page)
	return s.render(w, http.StatusOK, "sign-in", p)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p := signInPage{Page: Page{Title: "Sign in"}, Username: r.PostForm.Get("username"), Next: safeNext(r.PostForm.Get("next")), SSO: s.app.SSO != nil, PasswordsOff: !s.app.LocalPasswords}
	p.F = newForm(&p.Page)
	remote := httpx.RemoteAddr(r)
	var device string
	if c, err := r.Cookie(DeviceCookie); err == nil {
		device = c.Value
	}
	ns, err := s.app.SignIn(r.Context(), p.Username, r.PostForm.Get("password"), remote, device)
	if err != nil {
		e := errs.As(err)
		switch {
		case e == nil || e.Code == errs.Internal:
			return err
		case len(e.Fields) > 0:
			p.Errors = e.Fields
		default:
			p.Errors = []errs.Field{{Field: "username", Message: e.Message}}
		}
		return s.render(w, httpx.Status(e.Code), "sign-in", p)
	}
	setSessionCookie(w, r, ns.Secret)
	setDeviceCookie(w, r, ns.Device)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
	return nil
}

// DeviceCookie marks a browser that has signed in before, so that its
// sign-ins are counted apart from other attempts on the same username (see
// app.SignIn). It is sent only to the sign-in form and outlives sign-out, as
// it says only that this browser once signed in.
const DeviceCookie = "hearth_device"

// deviceCookieAge is how long a browser is remembered after its last sign-in.
const deviceCookieAge = 90 * 24 * time.Hour

func setDeviceCookie(w http.ResponseWriter, r *http.Request, value string) {
	http.SetCookie(w, &http.Cookie{
		Name: DeviceCookie, Value: value, Path: "/sign-in", MaxAge: int(deviceCookieAge / time.Second),
		HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteStrictMode,
	})
}

func (s *Server) signOut(w http.ResponseWriter, r *request) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.app.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	clearCookie(w, r.Request)
	// A session begun at the council's provider ends there too, when the
	// provider offers it: otherwise the next "sign in with your council
	// account" would pass straight through.
	if r.session.Method == store.SignInSSO && s.app.SSO != nil {
		if end := s.app.SSO.EndSessionURL(r.Context()); end != "" {
			http.Redirect(w, r.Request, end, http.StatusSeeOther)
			return nil
		}
	}
	http.Redirect(w, r.Request, "/sign-in", http.StatusSeeOther)
	return nil
}

type homePage struct {
	Page
	CanSearch bool
	CanCreate bool
	Roles     []string
}

func (s *Server) home(w http.ResponseWriter, r *request) error {
	p := homePage{Page: r.page, CanSearch: access.Can(r.actor.Principal, access.SearchPeople), CanCreate: access.Can(r.actor.Principal, access.CreatePerson)}
	p.Title = "Home"
	for _, role := range r.actor.Principal.User.Roles {
		p.Roles = append(p.Roles, access.RoleLabel(role))
	}
	return s.render(w, http.StatusOK, "home", p)
}

type accountPage struct {
	Page
	F       *form
	Tokens  []tokenRow
	Secret  string // a token just made, shown once
	Name    string
	Expires DateValue
	Roles   []string
}

// tokenRow is an API token as a table shows it.
type tokenRow struct {
	store.Token
	LastDay civil.Date // the last day it works; zero if it never expires
	Expired bool
}

func (s *Server) tokenRows(ts []store.Token) []tokenRow {
	now := s.app.Now()
	out := make([]tokenRow, len(ts))
	for i, t := range ts {
		out[i] = tokenRow{Token: t, LastDay: s.app.LastDay(t.ExpiresAt), Expired: t.Expired(now)}
	}
	return out
}

// ExpiryInput is the token form's optional expiry date.
func (p *accountPage) ExpiryInput() dateInput {
	in := p.F.DateIn("expires_on", "Expiry date (optional)", p.Expires)
	in.Hint = "The token stops working at the end of this day, at most a year from today. Leave it empty for a token that works until revoked. For example, 31 3 2027"
	return in
}

func (s *Server) accountPage(r *request) (*accountPage, error) {
	p := &accountPage{Page: r.page}
	p.Title = "Your account"
	p.F = newForm(&p.Page)
	for _, role := range r.actor.Principal.User.Roles {
		p.Roles = append(p.Roles, access.RoleLabel(role))
	}
	ts, err := s.app.Tokens(r.Context(), r.actor)
	p.Tokens = s.tokenRows(ts)
	return p, err
}

func (s *Server) account(w http.ResponseWriter, r *request) error {
	p, err := s.accountPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "account", p)
}

func (s *Server) createToken(w http.ResponseWriter, r *request) error {
	name, expires := r.PostForm.Get("name"), dateValue(r.PostForm, "expires_on")
	var bad errs.Fields
	last := expires.parse("expires_on", "The expiry date", &bad)
	var (
		secret string
		err    error = bad.Err()
	)
	if err == nil {
		secret, _, err = s.app.CreateTokenExpiring(r.Context(), r.actor, name, last)
	}
	p, lerr := s.accountPage(r)
	if lerr != nil {
		return lerr
	}
	if err != nil {
		if !p.F.take(err) {
			return err
		}
		p.Name, p.Expires = name, expires
		return s.render(w, http.StatusUnprocessableEntity, "account", p)
	}
	p.Secret = secret
	p.Flash = "API token created. Copy it now: it will not be shown again"
	return s.render(w, http.StatusOK, "account", p)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "No such token")
	}
	if err := s.app.RevokeToken(r.Context(), r.actor, id); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/account", http.StatusSeeOther)
	return nil
}
