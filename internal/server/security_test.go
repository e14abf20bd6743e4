package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/people"
	"hearth/internal/store"
)

func idPath(id people.ID) string { return "/people/" + strconv.FormatInt(int64(id), 10) }

func TestFormPostWithoutCSRFTokenFails(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Admin)
	for _, token := range []string{"", "wrong"} {
		res := b.post("/admin/services", url.Values{"csrf_token": {token}, "service_name": {"Sneaky"}})
		if res.status != http.StatusForbidden {
			t.Errorf("token %q: status %d, want 403", token, res.status)
		}
	}
	_, services, err := e.app.Teams(context.Background(), app.Actor{Principal: access.Principal{User: e.users[access.Admin]}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range services {
		if s.Name == "Sneaky" {
			t.Fatal("a post without the CSRF token changed the store")
		}
	}
	// With the token the same post works, so the refusal above was the token's.
	if res := b.post("/admin/services", url.Values{"service_name": {"Honest"}}); res.status != http.StatusSeeOther {
		t.Fatalf("with the token: status %d", res.status)
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Admin)
	form := url.Values{"csrf_token": {b.csrf}, "service_name": {"Cross"}}
	req, _ := http.NewRequest("POST", e.srv.URL+"/admin/services", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := b.do(req); res.status != http.StatusForbidden {
		t.Fatalf("cross-site post: status %d, want 403", res.status)
	}
}

func TestScriptInANameIsEscaped(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	evil := `<script>alert("x")</script>`
	p, err := e.st.Person(ctx, sysPermit(e.child), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	p.GivenName = evil
	if _, err := e.st.UpdatePerson(ctx, p, store.Change{By: e.users[access.Admin].ID, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	b := e.browser().signIn(access.Practitioner)
	for _, path := range []string{idPath(e.child), idPath(e.child) + "/history", "/search?name=khan"} {
		res := b.get(path)
		if res.status != http.StatusOK {
			t.Fatalf("%s: status %d", path, res.status)
		}
		if strings.Contains(res.body, evil) {
			t.Errorf("%s shows the script unescaped", path)
		}
		if !strings.Contains(res.body, "&lt;script&gt;") {
			t.Errorf("%s does not show the escaped name", path)
		}
	}
}

// TestRestrictedRecordIsInvisibleWithoutAGrant checks search, pages and API
// for a restricted record, before and after a grant.
func TestRestrictedRecordIsInvisibleWithoutAGrant(t *testing.T) {
	e := newEnv(t)
	e.app.BreakGlass = false // as a council that has switched it off; breakglass_test.go has it on
	ctx := context.Background()
	for _, role := range []access.Role{access.Practitioner, access.Admin, access.Analyst} {
		b := e.browser().signIn(role)
		if res := b.get(idPath(e.restricted)); res.status != http.StatusNotFound {
			t.Errorf("%s: page status %d, want 404", role, res.status)
		}
		if res := b.get("/search?name=secret"); strings.Contains(res.body, "Secret") {
			t.Errorf("%s: search shows the restricted record", role)
		}
		if res := b.get("/search?name=secret"); strings.Contains(res.body, "other matching") {
			t.Errorf("%s: search hints that a restricted record exists", role)
		}
		if res := e.api(role, "GET", "/api/v1/people/"+strconv.FormatInt(int64(e.restricted), 10), ""); res.status != http.StatusNotFound {
			t.Errorf("%s: API status %d, want 404", role, res.status)
		}
		if res := e.api(role, "GET", "/api/v1/people?name=secret", ""); strings.Contains(res.body, "Secret") {
			t.Errorf("%s: API search shows the restricted record", role)
		}
	}
	admin := app.Actor{Principal: access.Principal{User: e.users[access.Admin]}}
	g := access.Grant{PersonID: e.restricted, UserID: e.users[access.Practitioner].ID, Reason: "allocated adoption work", Until: time.Now().Add(time.Hour)}
	if err := e.app.AddGrant(ctx, admin, g); err != nil {
		t.Fatal(err)
	}
	b := e.browser().signIn(access.Practitioner)
	if res := b.get(idPath(e.restricted)); res.status != http.StatusOK || !strings.Contains(res.body, "Secret") {
		t.Errorf("with a grant: page status %d", res.status)
	}
	if res := b.get("/search?name=secret"); !strings.Contains(res.body, "Secret") {
		t.Error("with a grant: search does not show the record")
	}
	// The grant is to the practitioner alone.
	if res := e.browser().signIn(access.Admin).get(idPath(e.restricted)); res.status != http.StatusNotFound {
		t.Errorf("admin after a grant to someone else: status %d, want 404", res.status)
	}
}

func TestEveryReadIsInTheAccessLog(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := e.browser().signIn(access.Practitioner)
	b.get(idPath(e.child))
	b.get(idPath(e.child) + "/history")
	e.api(access.Analyst, "GET", "/api/v1/people/"+strconv.FormatInt(int64(e.child), 10), "")
	b.get(idPath(e.stranger)) // refused: logged as denied
	entries, err := e.st.AccessLog(ctx, store.AccessQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		user   access.Role
		person people.ID
		action string
	}{
		{access.Practitioner, e.child, "read"},
		{access.Practitioner, e.child, "history"},
		{access.Analyst, e.child, "read"},
		{access.Practitioner, e.stranger, "denied"},
	}
	for _, w := range want {
		found := false
		for _, en := range entries {
			if en.UserID == e.users[w.user].ID && en.PersonID == w.person && string(en.Action) == w.action {
				found = true
				if en.Remote == "" || en.Route == "" || en.At.IsZero() {
					t.Errorf("entry %+v lacks where, route or when", en)
				}
			}
		}
		if !found {
			t.Errorf("no %s entry for %s on person %d", w.action, w.user, w.person)
		}
	}
	// The auditor sees them on the access log page.
	res := e.browser().signIn(access.Auditor).get("/audit?person_id=" + strconv.FormatInt(int64(e.child), 10))
	if res.status != http.StatusOK || !strings.Contains(res.body, "test.analyst") {
		t.Errorf("access log page: status %d, lacks the analyst's read", res.status)
	}
}

func TestSignInIsThrottled(t *testing.T) {
	e := newEnv(t)
	pinClock(e) // the wait after the fifth failure must not pass while the test runs
	b := e.browser()
	for i := 0; i < 5; i++ {
		res := b.post("/sign-in", url.Values{"username": {"test.practitioner"}, "password": {"wrong password!"}})
		if res.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d", i, res.status)
		}
	}
	// The name is now slowed: even the right password must wait a moment.
	res := b.post("/sign-in", url.Values{"username": {"test.practitioner"}, "password": {testPassword}})
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("after 5 failures: status %d, want 429", res.status)
	}
}

func TestSessionCookieIsHardened(t *testing.T) {
	e := newEnv(t)
	res := e.browser().post("/sign-in", url.Values{"username": {"test.practitioner"}, "password": {testPassword}})
	c := res.header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(c, want) {
			t.Errorf("session cookie %q lacks %s", c, want)
		}
	}
	if strings.Contains(c, "Secure") {
		t.Error("cookie marked Secure over plain HTTP: the browser would drop it")
	}
	req, _ := http.NewRequest("POST", e.srv.URL+"/sign-in", strings.NewReader(url.Values{"username": {"test.practitioner"}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	if c := e.browser().do(req).header.Get("Set-Cookie"); !strings.Contains(c, "Secure") {
		t.Errorf("behind TLS the cookie %q is not Secure", c)
	}
}

func TestIdleSessionEnds(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	now := time.Now()
	e.app.Clock = func() time.Time { return now.Add(31 * time.Minute) }
	res := b.get("/")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/sign-in") {
		t.Fatalf("after 31 idle minutes: status %d to %q, want a redirect to sign in", res.status, res.location)
	}
}

func TestSignInRedirectStaysOnSite(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"//evil.example/x", "https://evil.example", "/\\evil.example"} {
		res := e.browser().post("/sign-in", url.Values{"username": {"test.practitioner"}, "password": {testPassword}, "next": {next}})
		if res.location != "/" {
			t.Errorf("next=%q redirected to %q", next, res.location)
		}
	}
}

func TestOnlyAnAdministratorRestrictsARecord(t *testing.T) {
	e := newEnv(t)
	e.app.BreakGlass = false // as a council that has switched it off; breakglass_test.go has it on
	form := func() url.Values {
		return url.Values{"person_id": {strconv.FormatInt(int64(e.child), 10)}, "restricted": {"yes"}, "reason": {"placed for adoption"}}
	}
	if res := e.browser().signIn(access.Practitioner).post("/admin/restrictions/new", form()); res.status != http.StatusForbidden {
		t.Fatalf("practitioner: status %d, want 403", res.status)
	}
	res := e.browser().signIn(access.Admin).post("/admin/restrictions/new", form())
	if res.status != http.StatusOK || !strings.Contains(res.body, "is restricted") {
		t.Fatalf("admin: status %d", res.status)
	}
	// The practitioner who worked with the child no longer sees the record.
	if res := e.browser().signIn(access.Practitioner).get(idPath(e.child)); res.status != http.StatusNotFound {
		t.Errorf("after restriction the practitioner gets %d, want 404", res.status)
	}
	p, err := e.st.PersonHistory(context.Background(), sysPermit(e.child))
	if err != nil || len(p) != 2 || p[1].Reason != "placed for adoption" || !p[1].Record.Restricted {
		t.Errorf("the restriction is not a new version with its reason: %v %+v", err, p)
	}
}
