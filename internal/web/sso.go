package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/httpx"
	"hearth/internal/sso"
)

// ssoModule is signing in through the council's identity provider, and the
// administrator's read-only page of how it is set up. Its templates are in
// templates/sso/.
func (s *Server) ssoModule() module {
	return module{
		name: "sso",
		routes: []route{
			publicRoute("GET", "/sign-in/sso", s.public(s.ssoBegin)),
			publicRoute("GET", sso.CallbackPath, s.public(s.ssoCallback)),
			signedInRoute("GET", "/admin/sso", "admin", s.ssoSettings),
		},
	}
}

// errNoSSO answers the single sign-on routes of a Hearth that has none.
var errNoSSO = errs.E(errs.NotFound, "Single sign-on is not set up")

// ssoBegin sends the browser to the provider, with the flow's sealed
// cookie set for the callback.
func (s *Server) ssoBegin(w http.ResponseWriter, r *http.Request) error {
	if s.app.SSO == nil {
		return errNoSSO
	}
	authURL, cookie, err := s.app.SSO.Begin(r.Context(), safeNext(r.URL.Query().Get("next")), s.app.Now())
	if err != nil {
		return s.ssoRefused(w, r, err)
	}
	http.SetCookie(w, &http.Cookie{
		Name: sso.FlowCookie, Value: cookie, Path: "/sign-in/sso", MaxAge: int(sso.FlowLifetime.Seconds()),
		// Lax: the provider's redirect back is a top-level GET from another
		// site, which must carry it.
		HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, authURL, http.StatusSeeOther)
	return nil
}

// ssoCallback finishes a sign-in the provider sends back. The flow cookie
// is cleared whatever happens: each flow is tried once.
func (s *Server) ssoCallback(w http.ResponseWriter, r *http.Request) error {
	if s.app.SSO == nil {
		return errNoSSO
	}
	http.SetCookie(w, &http.Cookie{Name: sso.FlowCookie, Value: "", Path: "/sign-in/sso", MaxAge: -1, HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode})
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		// The provider refused or the person cancelled: its code is logged
		// (cut short), never echoed.
		s.log.WarnContext(r.Context(), "single sign-on refused by the provider", "error", e[:min(len(e), 64)])
		return s.ssoRefused(w, r, sso.ErrProvider)
	}
	var cookie string
	if c, err := r.Cookie(sso.FlowCookie); err == nil {
		cookie = c.Value
	}
	id, next, err := s.app.SSO.Finish(r.Context(), cookie, q.Get("state"), q.Get("code"), s.app.Now())
	if err != nil {
		return s.ssoRefused(w, r, err)
	}
	ns, err := s.app.SignInSSO(r.Context(), id, httpx.RemoteAddr(r))
	if err != nil {
		return s.ssoRefused(w, r, err)
	}
	setSessionCookie(w, r, ns.Secret)
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
	return nil
}

type ssoRefusedPage struct {
	Page
	Heading, Message string
	ID               string
}

// ssoRefused draws the page of a sign-in through the provider that did not
// complete. What went wrong with a token or the provider is logged with the
// request id and never shown: the page says what the person can do.
func (s *Server) ssoRefused(w http.ResponseWriter, r *http.Request, err error) error {
	p := ssoRefusedPage{Page: Page{Title: "You could not be signed in"}, Heading: "You could not be signed in", ID: httpx.RequestID(r.Context())}
	status := http.StatusForbidden
	switch e := errs.As(err); {
	case errors.Is(err, sso.ErrFlow):
		status = http.StatusBadRequest
		p.Message = "The sign-in was not started in this browser, took longer than 10 minutes, or was already used. Start again."
	case errors.Is(err, sso.ErrToken):
		status = http.StatusUnauthorized
		p.Message = "The council's sign-in service sent something Hearth could not trust. Start again; if it happens again, tell the service desk the reference below."
	case errors.Is(err, sso.ErrProvider):
		status = http.StatusBadGateway
		p.Message = "The council's sign-in service could not be reached or did not sign you in. Try again in a few minutes."
	case e != nil && e.Code != errs.Internal:
		status = httpx.Status(e.Code)
		p.Message = e.Message
	default:
		return err
	}
	s.log.WarnContext(r.Context(), "single sign-on did not complete", "status", status, "err", err.Error())
	return s.render(w, status, "sso-refused", p)
}

type ssoSettingsPage struct {
	Page
	S          app.SSOSettings
	GroupRoles []string // "group: roles", sorted
	GroupTeams []string
}

// ssoSettings is the administrator's read-only page of single sign-on's
// configuration, which is set by flags or the environment.
func (s *Server) ssoSettings(w http.ResponseWriter, r *request) error {
	st, err := s.app.SSOSettings(r.Context(), r.actor)
	if err != nil {
		return err
	}
	p := ssoSettingsPage{Page: r.page, S: st}
	p.Title = "Single sign-on"
	for g, roles := range st.Config.GroupRoles {
		p.GroupRoles = append(p.GroupRoles, g+": "+access.RoleLabels(roles))
	}
	for g, t := range st.Config.GroupTeams {
		p.GroupTeams = append(p.GroupTeams, g+": team "+strconv.FormatInt(int64(t), 10))
	}
	slices.Sort(p.GroupRoles)
	slices.Sort(p.GroupTeams)
	return s.render(w, http.StatusOK, "sso-settings", p)
}

// Domains lists the council's email domains for the page.
func (p ssoSettingsPage) Domains() string { return strings.Join(p.S.Config.EmailDomains, ", ") }
