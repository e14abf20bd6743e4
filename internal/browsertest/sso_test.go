package browsertest

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/sso"
	"hearth/internal/sso/ssotest"
	"hearth/internal/store"
)

// TestBrowserSingleSignOn signs in through a real OpenID provider on the
// loopback address (zitadel's provider library, internal/sso/ssotest) in
// Chromium, checks the pages single sign-on adds with axe, and signs out of
// Hearth and the provider.
func TestBrowserSingleSignOn(t *testing.T) {
	chromium := chromiumPath(t)
	axeJS := axeSource(t)
	s := startHearth(t)
	browser := startChromium(t, chromium)
	report := &a11yReport{}
	tb := newTab(t, browser, s.url, axeJS, screenshotDir(t), report, true)

	op := ssotest.Start(t, s.url+sso.CallbackPath)
	c, err := sso.New(sso.Config{
		Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret,
		RedirectURL: s.url + sso.CallbackPath, PostLogoutURL: s.url + "/sign-in", Match: sso.BySubject,
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.app.SSO = c
	ctx := context.Background()
	admin, err := s.app.Store.UserByUsername(ctx, "test.admin")
	if err != nil {
		t.Fatal(err)
	}
	admin.SSOSubject = sso.Subject(op.Issuer, "sub-admin")
	if _, err := s.app.Store.UpdateUser(ctx, admin, store.Change{Reason: "linked for the test"}); err != nil {
		t.Fatal(err)
	}

	op.SignInAs(ssotest.User{Subject: "sub-admin"})
	wantStatus(t, tb, "the sign-in page", tb.open("/"), 200)
	tb.checkA11y("sign-in page with single sign-on")
	wantStatus(t, tb, "signing in at the provider", tb.follow(`main a[href^="/sign-in/sso"]`), 200)
	if ps := tb.state(); ps.Path != "/" || !strings.HasPrefix(ps.H1, "Hello, ") {
		t.Fatalf("after the provider: at %s (%q): %.300s", ps.Path, ps.H1, ps.Main)
	}
	wantStatus(t, tb, "users", tb.open("/admin/users"), 200)
	wantStatus(t, tb, "single sign-on settings", tb.follow(`main a[href="/admin/sso"]`), 200)
	if ps := tb.state(); ps.H1 != "Single sign-on" || !strings.Contains(ps.Main, op.Issuer) || strings.Contains(ps.Main, op.ClientSecret) {
		t.Fatalf("settings page: %q: %.500s", ps.H1, ps.Main)
	}
	tb.checkA11y("single sign-on settings")

	// Signing out goes through the provider's sign-out and back to Hearth's
	// sign-in page.
	wantStatus(t, tb, "sign out", tb.follow(`header form[action="/sign-out"] button`), 200)
	if ps := tb.state(); ps.Path != "/sign-in" {
		t.Fatalf("after signing out: at %s: %.300s", ps.Path, ps.Main)
	}

	op.SignInAs(ssotest.User{Subject: "sub-nobody"})
	wantStatus(t, tb, "refused", tb.follow(`main a[href^="/sign-in/sso"]`), 403)
	if ps := tb.state(); ps.H1 != "You could not be signed in" {
		t.Fatalf("unknown user: %q: %.300s", ps.H1, ps.Main)
	}
	tb.checkA11y("single sign-on refused")
	if len(report.findings) > 0 {
		t.Errorf("axe violations:\n  %s", strings.Join(report.findings, "\n  "))
	}
}
