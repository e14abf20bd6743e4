package server

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/sso"
	"hearth/internal/sso/ssotest"
	"hearth/internal/store"
)

// syncBuffer is a log both the app and the handler write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// ssoEnv is a Hearth with single sign-on through a real OpenID provider
// (ssotest: zitadel's provider library) on the loopback address, and a log
// the test reads.
type ssoEnv struct {
	*env
	op    *ssotest.Provider
	log   *syncBuffer
	pages []string // every body Hearth sent, to look for the secret in
}

func newSSOEnv(t *testing.T) *ssoEnv {
	e := newEnv(t)
	buf := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e.app.Log = log
	h, err := New(e.app, log)
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	s := &ssoEnv{env: e, log: buf}
	s.op = ssotest.Start(t, e.srv.URL+sso.CallbackPath)
	s.configure(func(*sso.Config) {})
	return s
}

// configure sets Hearth's single sign-on to match by subject, then applies change.
func (s *ssoEnv) configure(change func(*sso.Config)) {
	s.t.Helper()
	cfg := sso.Config{
		Issuer: s.op.Issuer, ClientID: s.op.ClientID, ClientSecret: s.op.ClientSecret, SecretSource: "the environment (HEARTH_SSO_CLIENT_SECRET)",
		RedirectURL: s.srv.URL + sso.CallbackPath, PostLogoutURL: s.srv.URL + "/sign-in",
		Match: sso.BySubject, EmailClaim: "email", EmailDomains: []string{"council.example"}, GroupsClaim: "groups",
	}
	change(&cfg)
	c, err := sso.New(cfg, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	s.app.SSO = c
}

// get fetches an absolute URL in the browser, keeping the body.
func (s *ssoEnv) get(b *browser, u string) response {
	s.t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	res := b.do(req)
	s.pages = append(s.pages, res.body)
	return res
}

// toCallback starts a sign-in in b and follows the provider's redirects
// until the browser is sent back to Hearth's callback, whose URL it returns
// (not yet visited), with the flow cookie Hearth set.
func (s *ssoEnv) toCallback(b *browser, next string) (string, *http.Cookie) {
	s.t.Helper()
	start := s.get(b, s.srv.URL+"/sign-in/sso?next="+url.QueryEscape(next))
	if start.status != http.StatusSeeOther || !strings.HasPrefix(start.location, s.op.Issuer+"/authorize?") {
		s.t.Fatalf("start: status %d to %q: %s", start.status, start.location, start.body)
	}
	var flow *http.Cookie
	for _, c := range (&http.Response{Header: start.header}).Cookies() {
		if c.Name == sso.FlowCookie {
			flow = c
		}
	}
	if flow == nil || !flow.HttpOnly || flow.Path != "/sign-in/sso" {
		s.t.Fatalf("flow cookie %+v, want an HttpOnly cookie for /sign-in/sso", flow)
	}
	for _, want := range []string{"code_challenge=", "code_challenge_method=S256", "nonce=", "state=", "scope=openid"} {
		if !strings.Contains(start.location, want) {
			s.t.Fatalf("the request to the provider lacks %s: %s", want, start.location)
		}
	}
	loc := start.location
	for range 5 {
		if strings.HasPrefix(loc, s.srv.URL+sso.CallbackPath) {
			return loc, flow
		}
		res := s.get(b, loc)
		if res.status != http.StatusFound && res.status != http.StatusSeeOther {
			s.t.Fatalf("provider at %s: status %d: %s", loc, res.status, res.body)
		}
		loc = res.location
	}
	s.t.Fatalf("the provider never sent the browser back (last %s)", loc)
	return "", nil
}

// signIn goes through the whole flow and returns Hearth's answer at the callback.
func (s *ssoEnv) signIn(b *browser, next string) response {
	s.t.Helper()
	cb, _ := s.toCallback(b, next)
	return s.get(b, cb)
}

// signedIn reports whether b has a Hearth session, by asking for the home page.
func (s *ssoEnv) signedIn(b *browser) bool {
	s.t.Helper()
	return s.get(b, s.srv.URL+"/").status == http.StatusOK
}

func (s *ssoEnv) lines(user access.UserID, act store.AccessAction) []store.AccessEntry {
	s.t.Helper()
	ls, err := s.st.AccessLog(context.Background(), store.AccessQuery{UserID: user, Action: act})
	if err != nil {
		s.t.Fatal(err)
	}
	return ls
}

func (s *ssoEnv) setSubject(role access.Role, sub string) access.User {
	s.t.Helper()
	u, err := s.st.User(context.Background(), s.users[role].ID)
	if err != nil {
		s.t.Fatal(err)
	}
	u.SSOSubject = sso.Subject(s.op.Issuer, sub)
	u, err = s.st.UpdateUser(context.Background(), u, store.Change{Reason: "test"})
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

func TestSingleSignOn(t *testing.T) {
	s := newSSOEnv(t)
	prac := s.setSubject(access.Practitioner, "sub-practitioner")

	t.Run("success by subject, and the sign-in is logged with its method", func(t *testing.T) {
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner", Email: "someone.else@council.example", Name: "P"})
		b := s.browser()
		res := s.signIn(b, "/account")
		cookies := strings.Join(res.header.Values("Set-Cookie"), "\n")
		if res.status != http.StatusSeeOther || res.location != "/account" || !strings.Contains(cookies, "hearth_session=") {
			t.Fatalf("callback: status %d to %q: %s", res.status, res.location, res.body)
		}
		if !strings.Contains(cookies, sso.FlowCookie+"=;") {
			t.Errorf("the flow cookie was not cleared: %q", cookies)
		}
		if home := s.get(b, s.srv.URL+"/"); home.status != http.StatusOK || !strings.Contains(home.body, prac.DisplayName) {
			t.Fatalf("home after sign-in: %d", home.status)
		}
		ls := s.lines(prac.ID, store.LogSignIn)
		if len(ls) != 1 || ls[0].Reason != store.SignInSSO || ls[0].RecordID != int64(prac.ID) || ls[0].Route != app.SSOCallbackRoute {
			t.Fatalf("sign-in lines %+v, want one with method sso", ls)
		}
		// A password sign-in is logged with its method too.
		s.browser().signIn(access.Analyst)
		if ls := s.lines(s.users[access.Analyst].ID, store.LogSignIn); len(ls) != 1 || ls[0].Reason != store.SignInPassword {
			t.Fatalf("password sign-in lines %+v", ls)
		}
	})

	t.Run("sign-out ends the session here and at the provider", func(t *testing.T) {
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner"})
		b := s.browser()
		s.signIn(b, "/")
		home := s.get(b, s.srv.URL+"/")
		b.csrf = csrfRE.FindStringSubmatch(home.body)[1]
		// Browsers hold the sign-out form's redirect to the page's
		// form-action, so the provider must be in it.
		if csp := home.header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+s.op.Issuer+";") {
			t.Fatalf("the policy does not let the sign-out reach the provider: %s", csp)
		}
		res := b.post("/sign-out", nil)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, s.op.Issuer+"/end_session?") ||
			!strings.Contains(res.location, "client_id="+s.op.ClientID) || !strings.Contains(res.location, "post_logout_redirect_uri=") {
			t.Fatalf("sign-out: %d to %q, want the provider's end_session", res.status, res.location)
		}
		if s.signedIn(b) {
			t.Fatal("still signed in to Hearth after signing out")
		}
		// A password session still ends at Hearth's own sign-in page.
		pw := s.browser().signIn(access.Analyst)
		if res := pw.post("/sign-out", nil); res.location != "/sign-in" {
			t.Fatalf("password sign-out went to %q", res.location)
		}
	})

	t.Run("unknown user refused with a page and a log line", func(t *testing.T) {
		s.op.SignInAs(ssotest.User{Subject: "sub-stranger", Email: "stranger@council.example"})
		b := s.browser()
		res := s.signIn(b, "/")
		if res.status != http.StatusForbidden || !strings.Contains(res.body, "not set up in Hearth") {
			t.Fatalf("unknown user: %d: %s", res.status, res.body)
		}
		if s.signedIn(b) {
			t.Fatal("an unknown user was signed in")
		}
		if !strings.Contains(s.log.String(), `"msg":"single sign-on refused"`) || !strings.Contains(s.log.String(), "sub-stranger") {
			t.Errorf("no log line for the refusal: %s", s.log.String())
		}
		var found bool
		for _, l := range s.lines(0, store.LogDenied) {
			found = found || (l.Reason == "sign_in: unknown to Hearth (sso)" && strings.HasSuffix(l.Note, "#sub-stranger"))
		}
		if !found {
			t.Error("no denied line in the access log for the unknown user")
		}
	})

	t.Run("a disabled account is refused", func(t *testing.T) {
		u := s.setSubject(access.Auditor, "sub-auditor")
		u.Disabled = true
		if _, err := s.st.UpdateUser(context.Background(), u, store.Change{Reason: "left"}); err != nil {
			t.Fatal(err)
		}
		s.op.SignInAs(ssotest.User{Subject: "sub-auditor"})
		b := s.browser()
		if res := s.signIn(b, "/"); res.status != http.StatusForbidden || !strings.Contains(res.body, "disabled") || s.signedIn(b) {
			t.Fatalf("disabled: %d: %s", res.status, res.body)
		}
		if ls := s.lines(0, store.LogDenied); len(ls) == 0 || ls[0].RecordID != int64(u.ID) { // newest first
			t.Fatalf("no denied line on the account: %+v", ls)
		}
	})

	t.Run("the provider refusing or the person cancelling", func(t *testing.T) {
		b := s.browser()
		cb, _ := s.toCallback(b, "/")
		u, _ := url.Parse(cb)
		q := url.Values{"error": {"access_denied"}, "error_description": {"<script>alert(1)</script>"}, "state": {u.Query().Get("state")}}
		res := s.get(b, s.srv.URL+sso.CallbackPath+"?"+q.Encode())
		if res.status != http.StatusBadGateway || strings.Contains(res.body, "<script>alert") || s.signedIn(b) {
			t.Fatalf("provider error: %d: %s", res.status, res.body)
		}
	})

	t.Run("success by email, only in the council's domains", func(t *testing.T) {
		s.configure(func(c *sso.Config) { c.Match = sso.ByEmail })
		defer s.configure(func(*sso.Config) {})
		s.op.SignInAs(ssotest.User{Subject: "sub-analyst", Email: "Test.Analyst@Council.Example"})
		b := s.browser()
		if res := s.signIn(b, "/"); res.status != http.StatusSeeOther || !s.signedIn(b) {
			t.Fatalf("by email: %d: %s", res.status, res.body)
		}
		// The first sign-in by address records the subject; another subject
		// with the same address (an address passed to someone new) is refused.
		if u, _ := s.st.User(context.Background(), s.users[access.Analyst].ID); u.SSOSubject != sso.Subject(s.op.Issuer, "sub-analyst") {
			t.Fatalf("subject after the first sign-in by address: %q", u.SSOSubject)
		}
		admin := s.browser().signIn(access.Admin)
		if page := admin.get("/admin/users/" + strconv.FormatInt(int64(s.users[access.Analyst].ID), 10)); !strings.Contains(page.body, "#sub-analyst") || !strings.Contains(page.body, "Council account") {
			t.Errorf("the user's page does not show the council account and its history: %.500s", page.body)
		}
		s.op.SignInAs(ssotest.User{Subject: "sub-impostor", Email: "test.analyst@council.example"})
		if res := s.signIn(s.browser(), "/"); res.status != http.StatusForbidden {
			t.Fatalf("another subject with the same address: %d", res.status)
		}
		// The same name at another domain is a guest, not the council's user.
		s.op.SignInAs(ssotest.User{Subject: "sub-guest", Email: "test.analyst@elsewhere.example"})
		g := s.browser()
		if res := s.signIn(g, "/"); res.status != http.StatusForbidden || s.signedIn(g) {
			t.Fatalf("guest at another domain: %d: %s", res.status, res.body)
		}
	})

	t.Run("a user Hearth does not know is made with no role when the council says so", func(t *testing.T) {
		s.configure(func(c *sso.Config) { c.CreateUsers = true })
		defer s.configure(func(*sso.Config) {})
		s.op.SignInAs(ssotest.User{Subject: "sub-newcomer", Email: "new.comer@council.example", Name: "New Comer"})
		b := s.browser()
		if res := s.signIn(b, "/"); res.status != http.StatusSeeOther || !s.signedIn(b) {
			t.Fatalf("auto-create: %d: %s", res.status, res.body)
		}
		u, err := s.st.UserByUsername(context.Background(), "new.comer")
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Roles) != 0 || u.DisplayName != "New Comer" || u.SSOSubject != sso.Subject(s.op.Issuer, "sub-newcomer") {
			t.Fatalf("made %+v, want no role and the subject", u)
		}
		// No role: the home page opens, nothing else does.
		if res := s.get(b, s.srv.URL+"/search"); res.status != http.StatusForbidden {
			t.Errorf("a user with no role searched: %d", res.status)
		}
		// The second sign-in finds them by subject and makes no one else.
		s.signIn(s.browser(), "/")
		if us, _ := s.st.Users(context.Background()); len(us) != len(access.Roles)+1 {
			t.Fatalf("%d users after a second sign-in, want %d", len(us), len(access.Roles)+1)
		}
		// A guest whose address is outside the council's domains is not made.
		s.op.SignInAs(ssotest.User{Subject: "sub-guest2", Email: "guest@elsewhere.example", Name: "Guest"})
		if res := s.signIn(s.browser(), "/"); res.status != http.StatusForbidden {
			t.Fatalf("a guest with create-users on: %d", res.status)
		}
		// A name that is not one line of printable text is not taken.
		s.op.SignInAs(ssotest.User{Subject: "sub-odd", Email: "odd.name@council.example", Name: "Odd\u202eeman"})
		s.signIn(s.browser(), "/")
		if odd, err := s.st.UserByUsername(context.Background(), "odd.name"); err != nil || odd.DisplayName != "odd.name" {
			t.Fatalf("made %+v, %v; want the username as the name", odd, err)
		}
		// A password sign-in as them fails like any wrong password.
		res := s.browser().post("/sign-in", url.Values{"username": {"new.comer"}, "password": {"anything at all here"}})
		if res.status != http.StatusUnauthorized {
			t.Fatalf("password sign-in as a single sign-on user: %d", res.status)
		}
	})

	t.Run("groups give roles and team", func(t *testing.T) {
		s.configure(func(c *sso.Config) {
			c.GroupRoles = map[string][]access.Role{"g-mash": {access.MASH}, "g-analysts": {access.Analyst}}
			c.GroupTeams = map[string]access.TeamID{"g-mash": s.team.ID}
		})
		defer s.configure(func(*sso.Config) {})
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner", Groups: []string{"g-analysts", "g-mash", "g-other"}})
		if res := s.signIn(s.browser(), "/"); res.status != http.StatusSeeOther {
			t.Fatalf("groups: %d: %s", res.status, res.body)
		}
		u, _ := s.st.User(context.Background(), prac.ID)
		if !slices.Equal(u.Roles, []access.Role{access.MASH, access.Analyst}) || u.TeamID != s.team.ID {
			t.Fatalf("roles %v team %d after groups", u.Roles, u.TeamID)
		}
		if ls := s.lines(0, store.LogUserRoles); len(ls) == 0 || !strings.Contains(ls[0].Note, "groups") {
			t.Fatalf("the change of roles was not logged: %+v", ls)
		}
		// Groups that may not be held together are refused, not applied.
		s.configure(func(c *sso.Config) {
			c.GroupRoles = map[string][]access.Role{"g-admins": {access.Admin}, "g-analysts": {access.Analyst}}
		})
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner", Groups: []string{"g-admins", "g-analysts"}})
		if res := s.signIn(s.browser(), "/"); res.status != http.StatusForbidden {
			t.Fatalf("admin and analyst from groups: %d", res.status)
		}
		u.Roles, u.TeamID = []access.Role{access.Practitioner}, s.team.ID
		if _, err := s.st.UpdateUser(context.Background(), u, store.Change{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
	})

	// Every bad case: no session, a page that says to start again, no
	// details shown.
	bad := []struct {
		name      string
		misbehave func()
		status    int
		exchanged bool // the provider gave a token (refused by Hearth's checks)
		logSays   string
	}{
		{"wrong audience", s.op.WrongAudience, http.StatusUnauthorized, true, "audience"},
		{"expired ID token", func() { s.op.Lifetime(-2 * time.Minute) }, http.StatusUnauthorized, true, "expired"},
		{"wrong nonce", s.op.WrongNonce, http.StatusUnauthorized, true, "nonce"},
		{"tampered signature", s.op.TamperSignature, http.StatusUnauthorized, true, "signature"},
		{"missing PKCE verifier", s.op.StripVerifier, http.StatusBadGateway, false, "code exchange"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			defer s.op.Behave()
			s.op.SignInAs(ssotest.User{Subject: "sub-practitioner"})
			c.misbehave()
			before, logged := s.op.Exchanges(), len(s.log.String())
			b := s.browser()
			res := s.signIn(b, "/")
			if res.status != c.status || !strings.Contains(res.body, "could not be signed in") {
				t.Fatalf("status %d, want %d: %s", res.status, c.status, res.body)
			}
			if got := s.op.Exchanges() > before; got != c.exchanged {
				t.Errorf("provider gave a token: %t, want %t", got, c.exchanged)
			}
			if s.signedIn(b) {
				t.Fatal("signed in")
			}
			if !strings.Contains(s.log.String()[logged:], c.logSays) {
				t.Errorf("the log does not say %q", c.logSays)
			}
		})
	}

	t.Run("state mismatch", func(t *testing.T) {
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner"})
		b := s.browser()
		cb, _ := s.toCallback(b, "/")
		u, _ := url.Parse(cb)
		q := u.Query()
		q.Set("state", "forged-"+q.Get("state"))
		u.RawQuery = q.Encode()
		if res := s.get(b, u.String()); res.status != http.StatusBadRequest || s.signedIn(b) {
			t.Fatalf("forged state: %d", res.status)
		}
		// A callback opened in another browser has no flow there at all.
		other := s.browser()
		cb, _ = s.toCallback(s.browser(), "/")
		if res := s.get(other, cb); res.status != http.StatusBadRequest || s.signedIn(other) {
			t.Fatalf("callback in another browser: %d", res.status)
		}
	})

	t.Run("replayed code", func(t *testing.T) {
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner"})
		b := s.browser()
		cb, flow := s.toCallback(b, "/")
		if res := s.get(b, cb); res.status != http.StatusSeeOther {
			t.Fatalf("first use: %d", res.status)
		}
		// The same browser again: its flow is spent.
		if res := s.get(b, cb); res.status != http.StatusBadRequest {
			t.Fatalf("second use in the same browser: %d", res.status)
		}
		// An attacker holding a copy of the flow cookie and the callback:
		// Hearth tries the code, and the provider refuses a code already used.
		before := s.op.Exchanges()
		thief := s.browser()
		u, _ := url.Parse(s.srv.URL + "/sign-in/sso")
		thief.c.Jar.SetCookies(u, []*http.Cookie{{Name: flow.Name, Value: flow.Value, Path: flow.Path}})
		if res := s.get(thief, cb); res.status != http.StatusBadGateway || s.signedIn(thief) {
			t.Fatalf("replayed code: %d", res.status)
		}
		if s.op.Exchanges() != before {
			t.Fatal("the provider exchanged a code twice")
		}
	})

	t.Run("passwords off for everyone but the kept administrator", func(t *testing.T) {
		s.app.LocalPasswords, s.app.PasswordKeeper = false, "test.admin"
		defer func() { s.app.LocalPasswords, s.app.PasswordKeeper = true, "" }()
		page := s.get(s.browser(), s.srv.URL+"/sign-in")
		if !strings.Contains(page.body, "Hearth passwords are turned off") || !strings.Contains(page.body, `href="/sign-in/sso"`) {
			t.Fatalf("sign-in page does not say passwords are off: %s", page.body)
		}
		for _, name := range []string{"test.practitioner", "nobody.known"} {
			res := s.browser().post("/sign-in", url.Values{"username": {name}, "password": {testPassword}})
			if res.status != http.StatusForbidden || !strings.Contains(res.body, "Sign in with your council account") {
				t.Fatalf("%s with a password: %d: %s", name, res.status, res.body)
			}
		}
		if res := s.browser().post("/sign-in", url.Values{"username": {"test.admin"}, "password": {testPassword}}); res.status != http.StatusSeeOther {
			t.Fatalf("the kept administrator: %d: %s", res.status, res.body)
		}
		// A kept name that is not an administrator's gets no way round.
		s.app.PasswordKeeper = "test.practitioner"
		if res := s.browser().post("/sign-in", url.Values{"username": {"test.practitioner"}, "password": {testPassword}}); res.status != http.StatusForbidden {
			t.Fatalf("a kept non-administrator: %d", res.status)
		}
		// Single sign-on still works.
		s.op.SignInAs(ssotest.User{Subject: "sub-practitioner"})
		if res := s.signIn(s.browser(), "/"); res.status != http.StatusSeeOther {
			t.Fatalf("single sign-on with passwords off: %d", res.status)
		}
	})

	t.Run("the administrator's page shows the settings, never the secret", func(t *testing.T) {
		a := s.browser().signIn(access.Admin)
		res := a.get("/admin/sso")
		s.pages = append(s.pages, res.body)
		for _, want := range []string{s.op.Issuer, s.op.ClientID, "HEARTH_SSO_CLIENT_SECRET", "never shown", sso.CallbackPath} {
			if res.status != http.StatusOK || !strings.Contains(res.body, want) {
				t.Fatalf("admin page %d lacks %q", res.status, want)
			}
		}
		if r := s.browser().signIn(access.Practitioner).get("/admin/sso"); r.status != http.StatusForbidden {
			t.Fatalf("a practitioner opened the settings: %d", r.status)
		}
	})

	t.Run("the secret is in no log line and no page", func(t *testing.T) {
		if strings.Contains(s.log.String(), s.op.ClientSecret) {
			t.Fatal("the client secret is in the log")
		}
		for _, p := range s.pages {
			if strings.Contains(p, s.op.ClientSecret) {
				t.Fatal("the client secret is on a page")
			}
		}
		if !strings.Contains(s.log.String(), "single sign-on did not complete") {
			t.Fatal("the log holds none of the failures (so the check above proves nothing)")
		}
	})
}
