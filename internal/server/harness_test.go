package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

const testPassword = "correct horse battery staple"

// env is a whole Hearth started for a test: a SQLite store in a temporary
// folder, the app, the HTTP handler on a test server, one user per role and a
// few people.
type env struct {
	t      testing.TB
	st     store.Store
	app    *app.App
	h      *Handler
	srv    *httptest.Server
	users  map[access.Role]access.User
	tokens map[access.Role]string
	// child is open to the practitioner's team (an open contact, so MASH
	// sees it too); restricted is a restricted record in the same team;
	// stranger is a child no team works with.
	child, restricted, stranger people.ID
	team                        access.Team
	// rel is a relationship on the child's record, to a parent.
	rel people.RelationshipID
	// pupil is a child whose EHC plan the team keeps (education_test.go),
	// made the first time it is asked for.
	pupil people.ID
	// registered says the children of the education registers are made
	// (eduregisters_test.go).
	registered bool
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(st, log)
	e := &env{t: t, st: st, app: a, users: map[access.Role]access.User{}, tokens: map[access.Role]string{}}
	svc, err := st.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	if err != nil {
		t.Fatal(err)
	}
	e.team, err = st.CreateTeam(ctx, access.Team{Name: "Safeguarding 1", ServiceID: svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range access.Roles {
		u, err := a.CreateUser(ctx, app.Actor{}, app.NewUser{
			Username: "test." + string(role), DisplayName: "Test " + access.RoleLabel(role),
			Password: testPassword, Roles: []access.Role{role}, TeamID: e.team.ID,
		}, true)
		if err != nil {
			t.Fatalf("create %s: %v", role, err)
		}
		e.users[role] = u
		tok, _, err := a.CreateToken(ctx, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[role] = tok
	}
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	mk := func(given, family string, restricted bool) people.ID {
		p, err := st.CreatePerson(ctx, people.Person{
			GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2015, time.May, 4),
			Sex: "1", Restricted: restricted,
			Addresses: []people.Address{{Line1: "1 High Street", Town: "Wolverhampton", Postcode: "WV1 1AA", StartDate: civil.MustNew(2015, time.May, 4)}},
		}, c)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	e.child = mk("Amira", "Khan", false)
	e.restricted = mk("Ruby", "Secret", true)
	e.stranger = mk("Sam", "Elsewhere", false)
	for _, id := range []people.ID{e.child, e.restricted} {
		inv := access.Involvement{PersonID: id, Kind: "contact", TeamID: e.team.ID, WorkerID: e.users[access.Practitioner].ID, StartDate: civil.MustNew(2024, time.January, 2)}
		if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
			t.Fatal(err)
		}
	}
	parent := mk("Lena", "Okafor", false)
	r, err := st.CreateRelationship(ctx, people.Relationship{From: parent, To: e.child, Type: "parent"}, c)
	if err != nil {
		t.Fatal(err)
	}
	e.rel = r.ID
	e.h, err = New(a, log)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(e.h)
	t.Cleanup(e.srv.Close)
	return e
}

// browser is a signed-in (or not) user with cookies, who does not follow
// redirects so that tests can see them.
type browser struct {
	e    *env
	c    *http.Client
	csrf string
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signIn signs the browser in as the user of a role and picks up the CSRF
// token from the home page.
func (b *browser) signIn(role access.Role) *browser {
	b.e.t.Helper()
	res := b.post("/sign-in", url.Values{"username": {"test." + string(role)}, "password": {testPassword}})
	if res.status != http.StatusSeeOther {
		b.e.t.Fatalf("sign in as %s: status %d: %s", role, res.status, res.body)
	}
	home := b.get("/")
	m := csrfRE.FindStringSubmatch(home.body)
	if m == nil {
		b.e.t.Fatalf("no CSRF token on the home page for %s", role)
	}
	b.csrf = m[1]
	return b
}

type response struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (b *browser) do(req *http.Request) response {
	b.e.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(body), location: res.Header.Get("Location"), header: res.Header}
}

func (b *browser) get(path string) response {
	req, _ := http.NewRequest("GET", b.e.srv.URL+path, nil)
	return b.do(req)
}

// post sends a form with the browser's CSRF token unless the form has its own.
func (b *browser) post(path string, form url.Values) response {
	if form == nil {
		form = url.Values{}
	}
	if b.csrf != "" && !form.Has("csrf_token") {
		form.Set("csrf_token", b.csrf)
	}
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// api sends an API request with the role's token ("" for none).
func (e *env) api(role access.Role, method, path, body string) response {
	e.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	}
	return (&browser{e: e, c: http.DefaultClient}).do(req)
}
