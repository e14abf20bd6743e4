package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/httpx"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// clock is a settable clock for the app, so that versions are written at
// known moments and "as of" reads can be tested.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// syncBuffer is a buffer the server's goroutines can log to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is a fully started Hearth: a SQLite store in a temporary directory, the
// app, and the API's routes on a test server.
type env struct {
	t      *testing.T
	st     *sqlstore.DB
	app    *app.App
	clock  *clock
	logs   *syncBuffer
	srv    *httptest.Server
	users  map[string]access.User // by username
	tokens map[string]string      // secret by name: a username, or "revoked"
	svc    access.ServiceID
	teamA  access.TeamID
	teamB  access.TeamID
}

// start is the moment the test world begins: a Monday in June.
var start = time.Date(2025, time.June, 2, 9, 0, 0, 0, time.UTC)

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	a := app.New(st, log)
	c := &clock{t: start}
	a.Clock = c.Now
	// These scenarios are of a council that has switched breaking the glass
	// off; breakglass_test.go has it on.
	a.BreakGlass = false

	e := &env{t: t, st: st, app: a, clock: c, logs: logs, users: map[string]access.User{}, tokens: map[string]string{}}

	admin := e.addUser("admin", 0, access.Admin)
	adminActor := e.actor(admin)
	svc, err := a.CreateService(ctx, adminActor, "Children's Social Care")
	if err != nil {
		t.Fatalf("create service: %v", err)
	}
	ta, err := a.CreateTeam(ctx, adminActor, "Assessment Team 1", svc.ID)
	if err != nil {
		t.Fatalf("create team: %v", err)
	}
	tb, err := a.CreateTeam(ctx, adminActor, "Assessment Team 2", svc.ID)
	if err != nil {
		t.Fatalf("create team: %v", err)
	}
	e.svc, e.teamA, e.teamB = svc.ID, ta.ID, tb.ID

	e.addUser("worker", ta.ID, access.Practitioner)
	e.addUser("stranger", tb.ID, access.Practitioner)
	e.addUser("analyst", 0, access.Analyst)
	e.addUser("auditor", 0, access.Auditor)
	e.addUser("progman", 0, access.ProgrammeManager)

	secret, _, err := a.CreateToken(ctx, e.users["worker"].ID, "to be revoked")
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	e.tokens["revoked"] = secret

	mux := http.NewServeMux()
	for _, rt := range New(a, log).Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, rt.Handler)
	}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, httpx.WithRequestID(r))
	}))
	t.Cleanup(e.srv.Close)
	return e
}

// addUser makes a user with a token whose secret is filed under the username.
func (e *env) addUser(username string, team access.TeamID, roles ...access.Role) access.User {
	e.t.Helper()
	ctx := context.Background()
	u, err := e.app.CreateUser(ctx, app.Actor{}, app.NewUser{
		Username: username, DisplayName: "Test " + username, Password: "a long enough password",
		Roles: roles, TeamID: team,
	}, true)
	if err != nil {
		e.t.Fatalf("create user %s: %v", username, err)
	}
	secret, _, err := e.app.CreateToken(ctx, u.ID, "tests")
	if err != nil {
		e.t.Fatalf("create token for %s: %v", username, err)
	}
	e.users[username], e.tokens[username] = u, secret
	return u
}

func (e *env) actor(u access.User) app.Actor {
	e.t.Helper()
	p, err := e.app.Principal(context.Background(), u)
	if err != nil {
		e.t.Fatalf("principal: %v", err)
	}
	return app.Actor{Principal: p, Remote: "test", Route: "test"}
}

// do sends one request. token is a key of e.tokens, "" for none, or a raw
// header value when it starts with "raw:".
func (e *env) do(method, path, token, contentType, body string) (int, http.Header, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatalf("new request: %v", err)
	}
	switch {
	case strings.HasPrefix(token, "raw:"):
		req.Header.Set("Authorization", strings.TrimPrefix(token, "raw:"))
	case token != "":
		secret, ok := e.tokens[token]
		if !ok {
			e.t.Fatalf("no token %q", token)
		}
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("read body: %v", err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// createPerson adds a person through the app, as the worker, at the given
// moment.
func (e *env) createPerson(at time.Time, p people.Person) people.Person {
	e.t.Helper()
	return e.createPersonAs("worker", at, p)
}

// createPersonAs adds a person through the app as the named user, whose team
// then has an open contact with them.
func (e *env) createPersonAs(username string, at time.Time, p people.Person) people.Person {
	e.t.Helper()
	e.clock.Set(at)
	p, err := e.app.CreatePerson(context.Background(), e.actor(e.users[username]), p, "referral from school")
	if err != nil {
		e.t.Fatalf("create person: %v", err)
	}
	return p
}

func date(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// scenario is one request and what must come back. The scenarios of a table
// run in order, and later ones may depend on what earlier ones did.
type scenario struct {
	name        string
	method      string
	path        string
	token       string
	contentType string // application/json when there is a body and this is empty
	body        string
	wantStatus  int
	wantBody    []string // each must appear in the body
	notBody     []string // none may appear
	wantHeader  map[string]string
}

func (e *env) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		ok := t.Run(sc.name, func(t *testing.T) {
			ct := sc.contentType
			if ct == "" && sc.body != "" {
				ct = "application/json"
			}
			status, header, body := e.do(sc.method, sc.path, sc.token, ct, sc.body)
			if status != sc.wantStatus {
				t.Errorf("%s %s: status %d, want %d; body %s", sc.method, sc.path, status, sc.wantStatus, trim(body))
			}
			for _, want := range sc.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("%s %s: body does not contain %s: %s", sc.method, sc.path, want, trim(body))
				}
			}
			for _, not := range sc.notBody {
				if strings.Contains(body, not) {
					t.Errorf("%s %s: body contains %s: %s", sc.method, sc.path, not, trim(body))
				}
			}
			for k, v := range sc.wantHeader {
				if got := header.Get(k); !strings.Contains(got, v) {
					t.Errorf("%s %s: header %s = %q, want it to contain %q", sc.method, sc.path, k, got, v)
				}
			}
			// Every answer is JSON but a file (a statutory return), whose
			// scenario names its type.
			if _, file := sc.wantHeader["Content-Type"]; !file && status != http.StatusNoContent && header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("%s %s: Content-Type %q", sc.method, sc.path, header.Get("Content-Type"))
			}
			if cc := header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("%s %s: Cache-Control %q", sc.method, sc.path, cc)
			}
			if status >= 400 && !strings.Contains(body, `"error":{"code":`) {
				t.Errorf("%s %s: error body not in the API's form: %s", sc.method, sc.path, trim(body))
			}
		})
		if !ok && sc.wantStatus < 300 {
			// A later scenario may depend on this one; stop rather than
			// report a cascade.
			t.FailNow()
		}
	}
}

func trim(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}

func j(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func itoa[T ~int64](id T) string { return strconv.FormatInt(int64(id), 10) }

// validNHS is an NHS number with a correct check digit.
const validNHS = "9434765919"

func TestScenarios(t *testing.T) {
	e := newEnv(t)
	amelia := e.createPerson(start, people.Person{
		GivenName: "Amelia", FamilyName: "Brook", DateOfBirth: date("2015-03-27"), Sex: "2", Ethnicity: "WBRI",
		Identifiers: people.Identifiers{NHSNumber: validNHS},
	})
	// A second version, an hour later.
	e.clock.Set(start.Add(time.Hour))
	changed := amelia
	changed.FamilyName = "Brook-Hale"
	changed, err := e.app.UpdatePerson(context.Background(), e.actor(e.users["worker"]), changed, "name changed by deed poll")
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	rosa := e.createPerson(start.Add(2*time.Hour), people.Person{
		GivenName: "Rosa", FamilyName: "Quillfeather", DateOfBirth: date("2019-08-01"),
	})
	// Only an administrator restricts a record, and not by an ordinary edit.
	ctx := context.Background()
	rosa.Restricted = true
	if _, err := e.app.UpdatePerson(ctx, e.actor(e.users["worker"]), rosa, "adoption"); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("a worker restricting by an edit: %v, want forbidden", err)
	}
	if err := e.app.SetRestricted(ctx, e.actor(e.users["worker"]), rosa.ID, true, "adoption"); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("a worker restricting: %v, want forbidden", err)
	}
	if err := e.app.SetRestricted(ctx, e.actor(e.users["admin"]), rosa.ID, true, "placed for adoption"); err != nil {
		t.Fatalf("restrict: %v", err)
	}
	// A child known to another team: the stranger's team is involved, the
	// worker's is not.
	other := e.createPersonAs("stranger", start.Add(2*time.Hour), people.Person{GivenName: "Tobias", FamilyName: "Quillfeather", DateOfBirth: date("2012-11-30")})
	if _, err := e.st.CreateInvolvement(context.Background(), store.Involvement{Involvement: access.Involvement{
		PersonID: other.ID, Kind: access.KindChildInNeed, TeamID: e.teamB, StartDate: date("2025-01-06"),
	}}, store.Change{By: e.users["admin"].ID, At: start, Reason: "child in need plan"}); err != nil {
		t.Fatalf("add involvement: %v", err)
	}
	parent := e.createPerson(start.Add(2*time.Hour), people.Person{GivenName: "Daniel", FamilyName: "Brook", DateOfBirth: date("1988-10-12")})
	e.clock.Set(start.Add(3 * time.Hour))

	ameliaPath := "/api/v1/people/" + itoa(amelia.ID)
	newPerson := func(p map[string]any) string {
		base := map[string]any{"given_name": "Noah", "family_name": "Ashdown", "date_of_birth": "2016-05-04"}
		for k, v := range p {
			if v == nil {
				delete(base, k)
			} else {
				base[k] = v
			}
		}
		return j(map[string]any{"person": base, "reason": "contact from health visitor"})
	}
	update := func(version int, family string) string {
		p := changed
		p.Version, p.FamilyName = version, family
		return j(map[string]any{"person": p, "reason": "correcting the record"})
	}

	e.run(t, []scenario{
		// Authentication.
		{name: "openapi is public", method: "GET", path: "/api/openapi.json", wantStatus: 200, wantBody: []string{`"openapi": "3.1.0"`}},
		{name: "no token", method: "GET", path: "/api/v1/me", wantStatus: 401, wantBody: []string{`"unauthenticated"`}, wantHeader: map[string]string{"WWW-Authenticate": "Bearer"}},
		{name: "not a bearer token", method: "GET", path: "/api/v1/me", token: "raw:Basic d29ya2VyOnB3", wantStatus: 401, wantHeader: map[string]string{"WWW-Authenticate": "Bearer"}},
		{name: "unknown token", method: "GET", path: "/api/v1/me", token: "raw:Bearer hearth_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", wantStatus: 401, wantHeader: map[string]string{"WWW-Authenticate": `error="invalid_token"`}},
		{name: "me", method: "GET", path: "/api/v1/me", token: "worker", wantStatus: 200, wantBody: []string{`"username":"worker"`, `"roles":["practitioner"]`}},
		{name: "token works before revoking", method: "GET", path: "/api/v1/me", token: "revoked", wantStatus: 200},
		{name: "list own tokens", method: "GET", path: "/api/v1/me/tokens", token: "worker", wantStatus: 200, wantBody: []string{`"name":"to be revoked"`}, notBody: []string{`hearth_`, `"hash"`}},
		{name: "revoke a token", method: "DELETE", path: "/api/v1/me/tokens/" + e.tokenID("worker", "to be revoked"), token: "worker", wantStatus: 204},
		{name: "revoked token", method: "GET", path: "/api/v1/me", token: "revoked", wantStatus: 401, wantHeader: map[string]string{"WWW-Authenticate": "Bearer"}},
		{name: "cannot revoke another user's token", method: "DELETE", path: "/api/v1/me/tokens/" + e.tokenID("analyst", "tests"), token: "worker", wantStatus: 404},
		{name: "make a token", method: "POST", path: "/api/v1/me/tokens", token: "worker", body: `{"name":"nightly export"}`, wantStatus: 201, wantBody: []string{`"secret":"hearth_`, `"name":"nightly export"`}},

		// Search.
		{name: "search by name", method: "GET", path: "/api/v1/people?name=amelia", token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Amelia"`, `"family_name":"Brook-Hale"`, `"hidden":0`}},
		{name: "search by date of birth", method: "GET", path: "/api/v1/people?date_of_birth=2015-03-27", token: "worker", wantStatus: 200, wantBody: []string{`"id":` + itoa(amelia.ID)}},
		{name: "search by NHS number", method: "GET", path: "/api/v1/people?identifier=" + validNHS, token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Amelia"`}},
		{name: "search with nothing to search for", method: "GET", path: "/api/v1/people", token: "worker", wantStatus: 422, wantBody: []string{`"field":"name"`}},
		{name: "search with a bad date", method: "GET", path: "/api/v1/people?date_of_birth=27/03/2015", token: "worker", wantStatus: 422, wantBody: []string{`"field":"date_of_birth"`}},
		{name: "search with a bad limit", method: "GET", path: "/api/v1/people?name=amelia&limit=lots", token: "worker", wantStatus: 422, wantBody: []string{`"field":"limit"`}},
		{name: "search counts people the user may not open", method: "GET", path: "/api/v1/people?name=tobias", token: "worker", wantStatus: 200, wantBody: []string{`"people":[]`, `"hidden":1`}},
		{name: "programme manager may not search", method: "GET", path: "/api/v1/people?name=amelia", token: "progman", wantStatus: 403, wantBody: []string{`"forbidden"`}},

		// Read.
		{name: "read", method: "GET", path: ameliaPath, token: "worker", wantStatus: 200, wantBody: []string{`"family_name":"Brook-Hale"`, `"version":2`, `"involvements":[{`, `"kind":"contact"`, `"relationships":[]`}},
		{name: "read as of before the change", method: "GET", path: ameliaPath + "?as_of=" + start.Add(30*time.Minute).Format(time.RFC3339), token: "worker", wantStatus: 200, wantBody: []string{`"family_name":"Brook"`, `"version":1`}},
		{name: "read as of with an offset", method: "GET", path: ameliaPath + "?as_of=2025-06-02T10:30:00%2B01:00", token: "worker", wantStatus: 200, wantBody: []string{`"family_name":"Brook"`}},
		{name: "read as of, not RFC 3339", method: "GET", path: ameliaPath + "?as_of=2025-06-02", token: "worker", wantStatus: 422, wantBody: []string{`"field":"as_of"`}},
		{name: "read as of before the record existed", method: "GET", path: ameliaPath + "?as_of=2020-01-01T00:00:00Z", token: "worker", wantStatus: 404},
		{name: "history", method: "GET", path: ameliaPath + "/history", token: "worker", wantStatus: 200, wantBody: []string{`"versions":[{"version":1`, `"reason":"name changed by deed poll"`, `"by_name":"Test worker"`}},
		{name: "a worker not involved cannot read", method: "GET", path: ameliaPath, token: "stranger", wantStatus: 404, notBody: []string{"Amelia"}},
		{name: "nor read the history", method: "GET", path: ameliaPath + "/history", token: "stranger", wantStatus: 404},
		{name: "an analyst reads any unrestricted record", method: "GET", path: ameliaPath, token: "analyst", wantStatus: 200, wantBody: []string{`"given_name":"Amelia"`}},
		{name: "unknown id", method: "GET", path: "/api/v1/people/999999", token: "worker", wantStatus: 404, wantBody: []string{`"not_found"`}},
		{name: "id not a number", method: "GET", path: "/api/v1/people/amelia", token: "worker", wantStatus: 404},
		{name: "id zero", method: "GET", path: "/api/v1/people/0", token: "worker", wantStatus: 404},
		{name: "id negative", method: "GET", path: "/api/v1/people/-1", token: "worker", wantStatus: 404},
		{name: "id with a sign", method: "GET", path: "/api/v1/people/+1", token: "worker", wantStatus: 404},
		{name: "id too large", method: "GET", path: "/api/v1/people/99999999999999999999", token: "worker", wantStatus: 404},

		// Restricted records.
		{name: "restricted: not readable without a grant", method: "GET", path: "/api/v1/people/" + itoa(rosa.ID), token: "worker", wantStatus: 404, notBody: []string{"Rosa"}},
		{name: "restricted: not readable by an analyst", method: "GET", path: "/api/v1/people/" + itoa(rosa.ID), token: "analyst", wantStatus: 404},
		{name: "restricted: absent from search and not counted", method: "GET", path: "/api/v1/people?name=quillfeather", token: "worker", wantStatus: 200, wantBody: []string{`"hidden":1`}, notBody: []string{"Rosa"}},
		{name: "restricted: only an admin may grant", method: "POST", path: "/api/v1/grants", token: "worker", body: j(map[string]any{"person_id": rosa.ID, "user_id": e.users["worker"].ID, "reason": "allocated", "until": start.Add(30 * 24 * time.Hour)}), wantStatus: 403},
		{name: "restricted: a grant needs a reason and an end", method: "POST", path: "/api/v1/grants", token: "admin", body: j(map[string]any{"person_id": rosa.ID, "user_id": e.users["worker"].ID}), wantStatus: 422, wantBody: []string{`"field":"reason"`, `"field":"until"`}},
		{name: "restricted: a grant's end must be a time", method: "POST", path: "/api/v1/grants", token: "admin", body: j(map[string]any{"person_id": rosa.ID, "user_id": e.users["worker"].ID, "reason": "x", "until": "next week"}), wantStatus: 422, wantBody: []string{`"field":"until"`, "RFC 3339"}},
		{name: "restricted: grant", method: "POST", path: "/api/v1/grants", token: "admin", body: j(map[string]any{"person_id": rosa.ID, "user_id": e.users["worker"].ID, "reason": "allocated worker for adoption support", "until": start.Add(30 * 24 * time.Hour)}), wantStatus: 201, wantBody: []string{`"granted_by":` + itoa(e.users["admin"].ID)}},
		{name: "restricted: readable with a grant", method: "GET", path: "/api/v1/people/" + itoa(rosa.ID), token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Rosa"`, `"restricted":true`}},
		{name: "restricted: in search with a grant", method: "GET", path: "/api/v1/people?name=quillfeather", token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Rosa"`}},
		{name: "restricted: still closed to others", method: "GET", path: "/api/v1/people/" + itoa(rosa.ID), token: "stranger", wantStatus: 404},

		// Check and create.
		{name: "check finds a duplicate", method: "POST", path: "/api/v1/people/check", token: "worker", body: j(map[string]any{"person": map[string]any{"given_name": "amelia", "family_name": "brook-hale", "date_of_birth": "2015-03-27"}}), wantStatus: 200, wantBody: []string{`"duplicates":[{"person":{"id":` + itoa(amelia.ID), `"hidden_duplicates":0`, `"reason":"same date of birth and a similar name"`}},
		{name: "check normalises", method: "POST", path: "/api/v1/people/check", token: "worker", body: j(map[string]any{"person": map[string]any{"given_name": "  Isla   Mae ", "family_name": "Fenwick", "date_of_birth": "2018-01-09", "ethnicity": "wbri", "identifiers": map[string]any{"nhs_number": "943 476 5919"}}}), wantStatus: 200, wantBody: []string{`"given_name":"Isla Mae"`, `"ethnicity":"WBRI"`, `"nhs_number":"9434765919"`, `"duplicates":[{`, `"reason":"same NHS number"`}},
		{name: "check refuses what create would", method: "POST", path: "/api/v1/people/check", token: "worker", body: newPerson(map[string]any{"family_name": nil}), wantStatus: 422, wantBody: []string{`"field":"family_name"`}},
		{name: "create", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"addresses": []map[string]any{{"line1": "1 Queen Square", "town": "Wolverhampton", "postcode": "wv1 1rg", "start_date": "2020-01-01", "end_date": nil}}}), wantStatus: 201, wantBody: []string{`"given_name":"Noah"`, `"version":1`, `"postcode":"WV1 1RG"`}, wantHeader: map[string]string{"Location": "/api/v1/people/"}},
		{name: "read what was created", method: "GET", path: "/api/v1/people?name=ashdown", token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Noah"`, `"postcode":"WV1 1RG"`}},
		{name: "create needs a reason", method: "POST", path: "/api/v1/people", token: "worker", body: j(map[string]any{"person": map[string]any{"given_name": "Ava", "family_name": "Stone"}}), wantStatus: 422, wantBody: []string{`"field":"reason"`}},
		{name: "bad NHS number", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"identifiers": map[string]any{"nhs_number": "9434765918"}}), wantStatus: 422, wantBody: []string{`"code":"invalid"`, `"field":"identifiers.nhs_number"`}},
		{name: "31 February", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"date_of_birth": "2016-02-31"}), wantStatus: 422, wantBody: []string{`"field":"date_of_birth"`}},
		{name: "date in another form", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"date_of_birth": "04/05/2016"}), wantStatus: 422, wantBody: []string{`"field":"date_of_birth"`}},
		{name: "bad date in an address", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"addresses": []map[string]any{{"line1": "1 Queen Square", "town": "Wolverhampton", "start_date": "2020-13-01"}}}), wantStatus: 422, wantBody: []string{`"field":"addresses.0.start_date"`}},
		{name: "future birth date", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"date_of_birth": "2030-01-01"}), wantStatus: 422, wantBody: []string{`"field":"date_of_birth"`}},
		{name: "death before birth", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"date_of_death": "2016-05-03"}), wantStatus: 422, wantBody: []string{`"field":"date_of_death"`}},
		{name: "unknown ethnicity code", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"ethnicity": "XXXX"}), wantStatus: 422, wantBody: []string{`"field":"ethnicity"`}},
		{name: "missing family name", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"family_name": nil}), wantStatus: 422, wantBody: []string{`"field":"family_name"`}},
		{name: "every problem at once", method: "POST", path: "/api/v1/people", token: "worker", body: j(map[string]any{"person": map[string]any{"given_name": "Ava", "ethnicity": "XXXX"}}), wantStatus: 422, wantBody: []string{`"field":"family_name"`, `"field":"ethnicity"`, `"field":"reason"`}},
		{name: "analyst may not create", method: "POST", path: "/api/v1/people", token: "analyst", body: newPerson(nil), wantStatus: 403},

		// Bodies.
		{name: "unknown field", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"favourite_colour": "blue"}), wantStatus: 400, wantBody: []string{`"code":"bad_request"`, `"field":"favourite_colour"`, `person.favourite_colour`}},
		{name: "unknown field at the top", method: "POST", path: "/api/v1/people", token: "worker", body: `{"person":{},"reason":"x","urgent":true}`, wantStatus: 400, wantBody: []string{`"field":"urgent"`}},
		{name: "wrong JSON type", method: "POST", path: "/api/v1/people", token: "worker", body: `{"person":{"given_name":7},"reason":"x"}`, wantStatus: 400, wantBody: []string{`"field":"given_name"`}},
		{name: "malformed JSON", method: "POST", path: "/api/v1/people", token: "worker", body: `{"person":{"given_name":"Ava",}}`, wantStatus: 400, wantBody: []string{`"code":"bad_request"`, "not valid JSON"}},
		{name: "truncated JSON", method: "POST", path: "/api/v1/people", token: "worker", body: `{"person":{"given_name":"Ava"`, wantStatus: 400},
		{name: "trailing data", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(nil) + `{"person":{}}`, wantStatus: 400, wantBody: []string{"nothing after it"}},
		{name: "not an object", method: "POST", path: "/api/v1/people", token: "worker", body: `[1,2,3]`, wantStatus: 400},
		{name: "empty body", method: "POST", path: "/api/v1/people", token: "worker", contentType: "application/json", wantStatus: 400},
		{name: "body over 1 MiB", method: "POST", path: "/api/v1/people", token: "worker", body: newPerson(map[string]any{"gender": strings.Repeat("a", 1<<20)}), wantStatus: 413, wantBody: []string{`"code":"too_large"`}},
		{name: "wrong content type", method: "POST", path: "/api/v1/people", token: "worker", contentType: "text/plain", body: newPerson(nil), wantStatus: 415, wantBody: []string{`"code":"bad_request"`}},
		{name: "form content type", method: "POST", path: "/api/v1/people", token: "worker", contentType: "application/x-www-form-urlencoded", body: "person=x", wantStatus: 415},
		{name: "JSON with a charset", method: "POST", path: "/api/v1/people/check", token: "worker", contentType: "application/json; charset=utf-8", body: newPerson(nil), wantStatus: 200},
		{name: "JSON in another charset", method: "POST", path: "/api/v1/people/check", token: "worker", contentType: "application/json; charset=latin1", body: newPerson(nil), wantStatus: 415},

		// Update.
		{name: "stale version", method: "PUT", path: ameliaPath, token: "worker", body: update(1, "Overwritten"), wantStatus: 409, wantBody: []string{`"code":"conflict"`}},
		{name: "stale version changed nothing", method: "GET", path: ameliaPath, token: "worker", wantStatus: 200, wantBody: []string{`"family_name":"Brook-Hale"`, `"version":2`}, notBody: []string{"Overwritten"}},
		{name: "id in the body must match the path", method: "PUT", path: "/api/v1/people/" + itoa(other.ID), token: "worker", body: update(2, "Elsewhere"), wantStatus: 422, wantBody: []string{`"field":"id"`}},
		{name: "update needs a version", method: "PUT", path: ameliaPath, token: "worker", body: update(0, "Brook"), wantStatus: 422, wantBody: []string{`"field":"version"`}},
		{name: "update checks the record", method: "PUT", path: ameliaPath, token: "worker", body: update(2, ""), wantStatus: 422, wantBody: []string{`"field":"family_name"`}},
		{name: "update", method: "PUT", path: ameliaPath, token: "worker", body: update(2, "Brook"), wantStatus: 200, wantBody: []string{`"family_name":"Brook"`, `"version":3`}},
		{name: "update without an id in the body", method: "PUT", path: ameliaPath, token: "worker", body: j(map[string]any{"person": map[string]any{"version": 3, "given_name": "Amelia", "family_name": "Brook", "date_of_birth": "2015-03-27", "identifiers": map[string]any{"nhs_number": validNHS}}, "reason": "tidying"}), wantStatus: 200, wantBody: []string{`"version":4`, `"id":` + itoa(amelia.ID)}},
		{name: "a worker not involved cannot update", method: "PUT", path: ameliaPath, token: "stranger", body: update(4, "Stranger"), wantStatus: 404},
		{name: "update of an unknown id", method: "PUT", path: "/api/v1/people/999999", token: "worker", body: j(map[string]any{"person": map[string]any{"version": 1, "given_name": "A", "family_name": "B"}, "reason": "x"}), wantStatus: 404},

		// Relationships.
		{name: "add a parent", method: "POST", path: "/api/v1/people/" + itoa(parent.ID) + "/relationships", token: "worker", body: j(map[string]any{"relationship": map[string]any{"to": amelia.ID, "type": "parent", "start_date": "2015-03-27"}, "reason": "mother's partner"}), wantStatus: 201, wantBody: []string{`"type":"parent"`, `"from":` + itoa(parent.ID)}},
		{name: "relationships from the child's side", method: "GET", path: ameliaPath + "/relationships", token: "worker", wantStatus: 200, wantBody: []string{`"label":"Parent"`, `"given_name":"Daniel"`, `"forward":false`}},
		{name: "relationships in the read", method: "GET", path: ameliaPath, token: "worker", wantStatus: 200, wantBody: []string{`"label":"Parent"`}},
		{name: "relationship to someone the user cannot see", method: "POST", path: ameliaPath + "/relationships", token: "worker", body: j(map[string]any{"relationship": map[string]any{"to": other.ID, "type": "sibling"}, "reason": "half-brother"}), wantStatus: 422, wantBody: []string{`"field":"to"`}},
		{name: "relationship with a bad type", method: "POST", path: ameliaPath + "/relationships", token: "worker", body: j(map[string]any{"relationship": map[string]any{"to": rosa.ID, "type": "cousin"}, "reason": "x"}), wantStatus: 422, wantBody: []string{`"field":"type"`}},
		{name: "add a relationship from the other side", method: "POST", path: ameliaPath + "/relationships", token: "worker", body: j(map[string]any{"relationship": map[string]any{"from": rosa.ID, "to": amelia.ID, "type": "half_sibling"}, "reason": "same mother"}), wantStatus: 201, wantBody: []string{`"from":` + itoa(rosa.ID), `"to":` + itoa(amelia.ID)}},
		{name: "relationship from someone else", method: "POST", path: ameliaPath + "/relationships", token: "worker", body: j(map[string]any{"relationship": map[string]any{"from": other.ID, "to": rosa.ID, "type": "sibling"}, "reason": "x"}), wantStatus: 422, wantBody: []string{`"field":"from"`}},

		// Users, teams and services.
		{name: "programme manager may not list users", method: "GET", path: "/api/v1/users", token: "progman", wantStatus: 403, wantBody: []string{`"forbidden"`}},
		{name: "practitioner may not list users", method: "GET", path: "/api/v1/users", token: "worker", wantStatus: 403},
		{name: "admin lists users", method: "GET", path: "/api/v1/users", token: "admin", wantStatus: 200, wantBody: []string{`"username":"progman"`}, notBody: []string{"password", "hash"}},
		{name: "add a user", method: "POST", path: "/api/v1/users", token: "admin", body: j(map[string]any{"username": "New.Worker", "display_name": "New Worker", "password": "correct horse battery staple", "roles": []string{"Practitioner"}, "team_id": e.teamA, "reason": "Joined the team"}), wantStatus: 201, wantBody: []string{`"username":"new.worker"`, `"roles":["practitioner"]`}, notBody: []string{"correct horse"}, wantHeader: map[string]string{"Location": "/api/v1/users/"}},
		{name: "username taken", method: "POST", path: "/api/v1/users", token: "admin", body: j(map[string]any{"username": "worker", "display_name": "Another", "password": "correct horse battery staple", "roles": []string{"practitioner"}, "reason": "x"}), wantStatus: 409, wantBody: []string{`"field":"username"`}},
		{name: "bad user", method: "POST", path: "/api/v1/users", token: "admin", body: j(map[string]any{"username": "x", "display_name": "", "password": "short", "roles": []string{"wizard"}}), wantStatus: 422, wantBody: []string{`"field":"username"`, `"field":"password"`, `"field":"display_name"`, `"field":"roles"`}},
		{name: "a user reads their own account", method: "GET", path: "/api/v1/users/" + itoa(e.users["worker"].ID), token: "worker", wantStatus: 200, wantBody: []string{`"username":"worker"`}},
		{name: "but not another's", method: "GET", path: "/api/v1/users/" + itoa(e.users["admin"].ID), token: "worker", wantStatus: 403},
		{name: "change a user", method: "PUT", path: "/api/v1/users/" + itoa(e.users["progman"].ID), token: "admin", body: j(map[string]any{"version": 1, "display_name": "Programme Lead", "roles": []string{"programme_manager", "analyst"}, "reason": "Leads the programme"}), wantStatus: 200, wantBody: []string{`"display_name":"Programme Lead"`, `"roles":["programme_manager","analyst"]`, `"username":"progman"`}},
		{name: "a user's username cannot be changed", method: "PUT", path: "/api/v1/users/" + itoa(e.users["progman"].ID), token: "admin", body: j(map[string]any{"username": "boss", "display_name": "Programme Lead", "roles": []string{"analyst"}}), wantStatus: 400, wantBody: []string{`"field":"username"`}},
		{name: "admin cannot disable themselves", method: "PUT", path: "/api/v1/users/" + itoa(e.users["admin"].ID), token: "admin", body: j(map[string]any{"display_name": "Admin", "roles": []string{"admin"}, "disabled": true}), wantStatus: 422, wantBody: []string{`"field":"disabled"`}},
		{name: "list teams", method: "GET", path: "/api/v1/teams", token: "worker", wantStatus: 200, wantBody: []string{`"name":"Assessment Team 1"`, `"services":[{`, `"name":"Children's Social Care"`}},
		{name: "add a service", method: "POST", path: "/api/v1/services", token: "admin", body: `{"name":"Early Help"}`, wantStatus: 201, wantBody: []string{`"service":{"id":`, `"name":"Early Help"`}},
		{name: "add a team to an unknown service", method: "POST", path: "/api/v1/teams", token: "admin", body: `{"name":"Family Hub North","service_id":999}`, wantStatus: 422, wantBody: []string{`"field":"service_id"`}},
		{name: "add a team", method: "POST", path: "/api/v1/teams", token: "admin", body: j(map[string]any{"name": "Family Hub North", "service_id": e.svc}), wantStatus: 201, wantBody: []string{`"team":{"id":`, `"service_id":` + itoa(e.svc)}},
		{name: "practitioner may not add a team", method: "POST", path: "/api/v1/teams", token: "worker", body: `{"name":"Rogue","service_id":1}`, wantStatus: 403},

		// The access log.
		{name: "only an auditor reads the access log", method: "GET", path: "/api/v1/access-log", token: "admin", wantStatus: 403},
		{name: "access log", method: "GET", path: "/api/v1/access-log?person_id=" + itoa(amelia.ID), token: "auditor", wantStatus: 200, wantBody: []string{`"action":"read"`, `"action":"history"`, `"action":"denied"`, `"username":"stranger"`, `"route":"GET /api/v1/people/{id}"`, `"remote":"127.0.0.1"`}},
		{name: "access log by user", method: "GET", path: "/api/v1/access-log?user_id=" + itoa(e.users["worker"].ID) + "&limit=500", token: "auditor", wantStatus: 200, wantBody: []string{`"action":"search"`, `"route":"GET /api/v1/people"`}},
		{name: "access log with a bad filter", method: "GET", path: "/api/v1/access-log?since=yesterday&person_id=x", token: "auditor", wantStatus: 422, wantBody: []string{`"field":"since"`, `"field":"person_id"`}},
	})
}

// tokenID returns the id of one of a user's tokens, by name.
func (e *env) tokenID(username, name string) string {
	e.t.Helper()
	ts, err := e.st.Tokens(context.Background(), e.users[username].ID)
	if err != nil {
		e.t.Fatalf("tokens: %v", err)
	}
	for _, tk := range ts {
		if tk.Name == name {
			return strconv.FormatInt(tk.ID, 10)
		}
	}
	e.t.Fatalf("%s has no token %q", username, name)
	return ""
}

// accessCount counts the access-log lines, through the auditor's API, that a
// user wrote with an action, about a person (0: any).
func (e *env) accessCount(user access.UserID, person people.ID, action string) int {
	e.t.Helper()
	path := "/api/v1/access-log?limit=1000&user_id=" + itoa(user)
	if person != 0 {
		path += "&person_id=" + itoa(person)
	}
	status, _, body := e.do("GET", path, "auditor", "", "")
	if status != http.StatusOK {
		e.t.Fatalf("access log: status %d: %s", status, trim(body))
	}
	var got accessLogResponse
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		e.t.Fatalf("access log: %v", err)
	}
	n := 0
	for _, en := range got.Entries {
		if string(en.Action) == action {
			n++
		}
	}
	return n
}

// TestEveryReadIsLogged checks that each way of reading a person's record, and
// each search, writes exactly one line to the access log, and that a refused
// read writes a "denied" line.
func TestEveryReadIsLogged(t *testing.T) {
	e := newEnv(t)
	p := e.createPerson(start, people.Person{GivenName: "Mia", FamilyName: "Ellery", DateOfBirth: date("2014-07-19")})
	worker, stranger := e.users["worker"].ID, e.users["stranger"].ID
	id := itoa(p.ID)
	for _, tc := range []struct {
		name   string
		user   access.UserID
		token  string
		path   string
		person people.ID
		action string
	}{
		{"read", worker, "worker", "/api/v1/people/" + id, p.ID, "read"},
		{"read as of", worker, "worker", "/api/v1/people/" + id + "?as_of=" + start.Add(time.Minute).Format(time.RFC3339), p.ID, "read"},
		{"history", worker, "worker", "/api/v1/people/" + id + "/history", p.ID, "history"},
		{"relationships", worker, "worker", "/api/v1/people/" + id + "/relationships", p.ID, "read"},
		{"search", worker, "worker", "/api/v1/people?name=ellery", 0, "search"},
		{"refused read", stranger, "stranger", "/api/v1/people/" + id, p.ID, "denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.accessCount(tc.user, tc.person, tc.action)
			status, _, body := e.do("GET", tc.path, tc.token, "", "")
			if status >= 500 {
				t.Fatalf("status %d: %s", status, trim(body))
			}
			if after := e.accessCount(tc.user, tc.person, tc.action); after != before+1 {
				t.Errorf("access log lines with action %q: %d before, %d after; want one more", tc.action, before, after)
			}
		})
	}
}

// TestInternalError checks that a fault of ours reaches the caller as a
// generic message with a reference, and the log with the details and the
// same reference, but without the personal data in the request.
func TestInternalError(t *testing.T) {
	e := newEnv(t)
	e.st.Close() // every store call now fails
	status, _, body := e.do("GET", "/api/v1/people?name=Zebedee+Marchbanks&date_of_birth=2016-01-02", "worker", "", "")
	if status != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500: %s", status, body)
	}
	var got errorResponse
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("body: %v", err)
	}
	if got.Error.Code != errs.Internal || got.Error.RequestID == "" || !strings.Contains(got.Error.Message, got.Error.RequestID) {
		t.Errorf("error %+v: want code internal and a message quoting the request id", got.Error)
	}
	for _, leak := range []string{"sql", "closed", "store"} {
		if strings.Contains(strings.ToLower(got.Error.Message), leak) {
			t.Errorf("message %q shows internal detail %q", got.Error.Message, leak)
		}
	}
	logs := e.logs.String()
	if !strings.Contains(logs, `"request_id":"`+got.Error.RequestID+`"`) {
		t.Errorf("no log line with the request id %s:\n%s", got.Error.RequestID, logs)
	}
	for _, personal := range []string{"Zebedee", "Marchbanks", "2016-01-02"} {
		if strings.Contains(logs, personal) {
			t.Errorf("the log holds personal data %q:\n%s", personal, logs)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name      string
		body      string
		wantCode  errs.Code // "" for success
		wantField string
	}{
		{"valid", `{"person":{"given_name":"Ava","family_name":"Stone","date_of_birth":"2016-05-04"},"reason":"x"}`, "", ""},
		{"names differ only in case", `{"Person":{"Given_Name":"Ava"}}`, errs.BadRequest, "Person"},
		{"null date", `{"person":{"date_of_birth":null}}`, "", ""},
		{"empty date", `{"person":{"date_of_birth":""}}`, "", ""},
		{"whitespace around", " \n{\"person\":{}}\n\t ", "", ""},
		{"31 February", `{"person":{"date_of_birth":"2016-02-31"}}`, errs.Invalid, "date_of_birth"},
		{"date as a number", `{"person":{"date_of_death":20160204}}`, errs.Invalid, "date_of_death"},
		{"date in an address", `{"person":{"addresses":[{},{"end_date":"2020-1-1"}]}}`, errs.Invalid, "addresses.1.end_date"},
		{"unknown field", `{"person":{"nickname":"Avi"}}`, errs.BadRequest, "nickname"},
		{"unknown nested field", `{"person":{"identifiers":{"passport":"1"}}}`, errs.BadRequest, "identifiers.passport"},
		{"unknown field at the top", `{"person":{},"urgent":true}`, errs.BadRequest, "urgent"},
		{"text for a number", `{"person":{"version":"2"}}`, errs.BadRequest, "version"},
		{"fraction for a whole number", `{"person":{"id":1.5}}`, errs.BadRequest, "id"},
		{"number too large", `{"person":{"version":99999999999999999999}}`, errs.BadRequest, "version"},
		{"number for text", `{"reason":12}`, errs.BadRequest, "reason"},
		{"object for a list", `{"person":{"addresses":{}}}`, errs.BadRequest, "addresses"},
		{"list for an object", `{"person":[]}`, errs.BadRequest, "person"},
		{"text in a list of text", `{"person":{"disabilities":["AUT",3]}}`, errs.BadRequest, "disabilities.1"},
		{"text for a bool", `{"person":{"restricted":"yes"}}`, errs.BadRequest, "restricted"},
		{"malformed", `{"person":}`, errs.BadRequest, ""},
		{"truncated", `{"person":{`, errs.BadRequest, ""},
		{"trailing object", `{"person":{}} {}`, errs.BadRequest, ""},
		{"trailing garbage", `{"person":{}} x`, errs.BadRequest, ""},
		{"empty", ``, errs.BadRequest, ""},
		{"null", `null`, errs.BadRequest, ""},
		{"array", `[]`, errs.BadRequest, ""},
		{"string", `"person"`, errs.BadRequest, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var req personRequest
			err := decodeBytes([]byte(tc.body), &req)
			if tc.wantCode == "" {
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				return
			}
			e := errs.As(err)
			if e == nil || e.Code != tc.wantCode {
				t.Fatalf("decode: %v, want code %s", err, tc.wantCode)
			}
			if tc.wantField == "" {
				return
			}
			if len(e.Fields) != 1 || e.Fields[0].Field != tc.wantField {
				t.Errorf("fields %+v, want one naming %s", e.Fields, tc.wantField)
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	body := `{"reason":"` + strings.Repeat("a", maxBody) + `"}`
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	var req personRequest
	if err := decodeBody(rec, r, &req); !errs.Is(err, errs.TooLarge) {
		t.Errorf("decode of %d bytes: %v, want too_large", len(body), err)
	}
}

// FuzzDecode feeds arbitrary bytes to the body decoder for each kind of
// request body. It must not panic; it must either succeed, on one JSON
// object, or fail with a bad_request or invalid error; and whenever the
// decoder refuses well-formed JSON, locate must find the field that is wrong.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"person":{"given_name":"Ava","family_name":"Stone","date_of_birth":"2016-05-04","identifiers":{"nhs_number":"9434765919"},"addresses":[{"line1":"1 Queen Square","town":"Wolverhampton","postcode":"WV1 1RG","start_date":"2020-01-01","end_date":null}],"other_names":[{"type":"alias","given_name":"Avi"}],"disabilities":["NONE"],"version":3,"restricted":false},"reason":"x"}`,
		`{"relationship":{"from":1,"to":2,"type":"parent","start_date":"2015-03-27"},"reason":"x"}`,
		`{"username":"ava","display_name":"Ava","password":"a long password","roles":["admin"],"team_id":3}`,
		`{"person_id":1,"user_id":2,"reason":"x","from":"2025-06-02T09:00:00Z","until":"2025-07-02T09:00:00+01:00"}`,
		`{"person":{"date_of_birth":"2016-02-31"}}`,
		`{"kind":"contact","start":"2025-06-02","contact":{"received_at":"2025-06-02T08:30:00Z","source":"2A"},"team_id":3}`,
		`{"record":{"id":4,"version":1,"kind":"s47","episode":2,"follows":3,"start":"2025-06-03","end":"2025-06-19","s47":{"outcome":"icpc"}},"reason":"x"}`,
		`{"version":1,"decision":"referral","primary_need":"N1","team_id":2}`,
		`{"person":{"version":1e400}}`,
		`{"person":{"id":-0}}`,
		`{"person":{"addresses":[[]]}}`,
		`{"person":{"identifiers":null}} `,
		`{"a":1}{"b":2}`,
		`[`, `{`, `}`, `"`, `nul`, "\xff", `{"person":{"given_name":"\ud800"}}`,
	} {
		f.Add([]byte(seed))
	}
	targets := []func() any{
		func() any { return new(personRequest) },
		func() any { return new(relationshipRequest) },
		func() any { return new(newUserRequest) },
		func() any { return new(userUpdate) },
		func() any { return new(grantRequest) },
		func() any { return new(newTeam) },
		func() any { return new(newJourneyRecord) },
		func() any { return new(journeyChange) },
		func() any { return new(app.ContactDecision) },
		func() any { return new(app.Allocation) },
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, target := range targets {
			v := target()
			err := decodeBytes(data, v)
			if err == nil {
				if !json.Valid(data) {
					t.Fatalf("%T: accepted invalid JSON %q", v, data)
				}
				if _, err := json.Marshal(v); err != nil {
					t.Fatalf("%T: decoded value does not encode: %v", v, err)
				}
				continue
			}
			e := errs.As(err)
			if e == nil || (e.Code != errs.BadRequest && e.Code != errs.Invalid) {
				t.Fatalf("%T: error %v, want bad_request or invalid", v, err)
			}
			if e.Message == "The request body does not match what this request expects" {
				t.Fatalf("%T: the decoder refused %q but locate found no field", v, data)
			}
		}
	})
}

func TestRestrictionThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	p := e.createPerson(start, people.Person{GivenName: "Nell", FamilyName: "Ashdown", DateOfBirth: date("2017-06-09")})
	path := "/api/v1/people/" + itoa(p.ID)
	if status, _, _ := e.do("GET", path, "worker", "", ""); status != 200 {
		t.Fatalf("before: worker reads with status %d", status)
	}
	body := j(map[string]any{"restricted": true, "reason": "placed for adoption"})
	if status, _, _ := e.do("PUT", path+"/restriction", "worker", "application/json", body); status != 403 {
		t.Errorf("a worker restricting: status %d, want 403", status)
	}
	if status, _, got := e.do("PUT", path+"/restriction", "admin", "application/json", j(map[string]any{"restricted": true})); status != 422 || !strings.Contains(got, `"field":"reason"`) {
		t.Errorf("no reason: status %d %s, want 422 naming reason", status, got)
	}
	if status, _, got := e.do("PUT", path+"/restriction", "admin", "application/json", body); status != 204 {
		t.Fatalf("admin restricting: status %d %s", status, got)
	}
	if status, _, _ := e.do("GET", path, "worker", "", ""); status != 404 {
		t.Errorf("after: worker reads with status %d, want 404", status)
	}
}

func TestChangeRelationshipThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	child := e.createPerson(start, people.Person{GivenName: "Ivy", FamilyName: "Marsh", DateOfBirth: date("2016-02-29")})
	mother := e.createPerson(start, people.Person{GivenName: "Jess", FamilyName: "Marsh", DateOfBirth: date("1990-07-14")})
	unseen := e.createPersonAs("stranger", start, people.Person{GivenName: "Otto", FamilyName: "Vane", DateOfBirth: date("2011-01-05")})
	rel, err := e.app.AddRelationshipFor(ctx, e.actor(e.users["worker"]), child.ID, people.Relationship{
		From: mother.ID, To: child.ID, Type: "parent", StartDate: date("2016-02-29"),
	}, "mother")
	if err != nil {
		t.Fatalf("add relationship: %v", err)
	}
	// A sister whose record is then restricted: the relationship to her is
	// hidden from anyone who may not open her record.
	sister := e.createPerson(start, people.Person{GivenName: "Faye", FamilyName: "Marsh", DateOfBirth: date("2019-09-09")})
	hiddenRel, err := e.app.AddRelationshipFor(ctx, e.actor(e.users["worker"]), child.ID, people.Relationship{
		From: child.ID, To: sister.ID, Type: "sibling",
	}, "sister")
	if err != nil {
		t.Fatalf("add relationship: %v", err)
	}
	if err := e.app.SetRestricted(ctx, e.actor(e.users["admin"]), sister.ID, true, "placed for adoption"); err != nil {
		t.Fatalf("restrict: %v", err)
	}
	e.clock.Set(start.Add(time.Hour)) // today is 2 June 2025
	path := "/api/v1/people/" + itoa(child.ID) + "/relationships/" + itoa(rel.ID)
	change := func(r map[string]any, reason string) string {
		base := map[string]any{"version": 1, "type": "parent", "start_date": "2016-02-29"}
		for k, v := range r {
			base[k] = v
		}
		return j(map[string]any{"relationship": base, "reason": reason})
	}
	e.run(t, []scenario{
		{name: "a worker not involved cannot change it", method: "PUT", path: path, token: "stranger", body: change(map[string]any{"end_date": "2025-05-01"}, "moved out"), wantStatus: 404},
		{name: "an analyst cannot change it", method: "PUT", path: path, token: "analyst", body: change(map[string]any{"end_date": "2025-05-01"}, "moved out"), wantStatus: 403},
		{name: "needs a reason", method: "PUT", path: path, token: "worker", body: change(map[string]any{"end_date": "2025-05-01"}, ""), wantStatus: 422, wantBody: []string{`"field":"reason"`}},
		{name: "end before start", method: "PUT", path: path, token: "worker", body: change(map[string]any{"end_date": "2015-01-01"}, "x"), wantStatus: 422, wantBody: []string{`"field":"end_date"`, "same as or after the start date"}},
		{name: "end in the future", method: "PUT", path: path, token: "worker", body: change(map[string]any{"end_date": "2025-06-03"}, "x"), wantStatus: 422, wantBody: []string{`"field":"end_date"`, "today or in the past"}},
		{name: "end on 31 February", method: "PUT", path: path, token: "worker", body: change(map[string]any{"end_date": "2025-02-31"}, "x"), wantStatus: 422, wantBody: []string{`"field":"end_date"`}},
		{name: "unknown type", method: "PUT", path: path, token: "worker", body: change(map[string]any{"type": "cousin"}, "x"), wantStatus: 422, wantBody: []string{`"field":"type"`}},
		{name: "turned round", method: "PUT", path: path, token: "worker", body: change(map[string]any{"from": child.ID, "to": mother.ID}, "x"), wantStatus: 422, wantBody: []string{`"field":"from"`, "cannot be turned round"}},
		{name: "only one of the people", method: "PUT", path: path, token: "worker", body: change(map[string]any{"from": mother.ID}, "x"), wantStatus: 422, wantBody: []string{`"field":"from"`, "both from and to"}},
		{name: "other people", method: "PUT", path: path, token: "worker", body: change(map[string]any{"from": unseen.ID, "to": child.ID}, "x"), wantStatus: 422, wantBody: []string{`"field":"from"`}},
		{name: "no version", method: "PUT", path: path, token: "worker", body: change(map[string]any{"version": 0}, "x"), wantStatus: 422, wantBody: []string{`"field":"version"`}},
		{name: "id in the body must match", method: "PUT", path: path, token: "worker", body: change(map[string]any{"id": rel.ID + 1}, "x"), wantStatus: 422, wantBody: []string{`"field":"id"`}},
		{name: "not this person's relationship", method: "PUT", path: "/api/v1/people/" + itoa(unseen.ID) + "/relationships/" + itoa(rel.ID), token: "stranger", body: change(nil, "x"), wantStatus: 404},
		{name: "no such relationship", method: "PUT", path: "/api/v1/people/" + itoa(child.ID) + "/relationships/999999", token: "worker", body: change(nil, "x"), wantStatus: 404},
		{name: "not a number", method: "PUT", path: "/api/v1/people/" + itoa(child.ID) + "/relationships/first", token: "worker", body: change(nil, "x"), wantStatus: 404},
		{name: "nothing written by the refusals", method: "GET", path: "/api/v1/people/" + itoa(child.ID) + "/relationships", token: "worker", wantStatus: 200, wantBody: []string{`"version":1`, `"end_date":null`}},
		{name: "end it, from the mother's record", method: "PUT", path: "/api/v1/people/" + itoa(mother.ID) + "/relationships/" + itoa(rel.ID), token: "worker", body: change(map[string]any{"end_date": "2025-06-02", "note": "moved abroad"}, "mother moved abroad"), wantStatus: 200, wantBody: []string{`"version":2`, `"end_date":"2025-06-02"`, `"from":` + itoa(mother.ID), `"to":` + itoa(child.ID)}},
		{name: "a stale change is refused", method: "PUT", path: path, token: "worker", body: change(map[string]any{"type": "carer"}, "x"), wantStatus: 409, wantBody: []string{`"code":"conflict"`}},
		{name: "seen ended from the child's side", method: "GET", path: "/api/v1/people/" + itoa(child.ID) + "/relationships", token: "worker", wantStatus: 200, wantBody: []string{`"version":2`, `"end_date":"2025-06-02"`, `"note":"moved abroad"`, `"label":"Parent"`}},
		{name: "history shows each version with its reason", method: "GET", path: "/api/v1/people/" + itoa(child.ID) + "/history", token: "worker", wantStatus: 200, wantBody: []string{`"relationship_versions":[{"version":1`, `"reason":"mother"`, `"reason":"mother moved abroad"`, `"end_date":"2025-06-02"`, `"label":"Parent"`, `"by_name":"Test worker"`}, notBody: []string{"Faye", `"reason":"sister"`}},
		{name: "a relationship to a restricted record is hidden", method: "GET", path: "/api/v1/people/" + itoa(child.ID), token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Jess"`}, notBody: []string{"Faye", itoa(hiddenRel.ID) + `,"version"`}},
		{name: "and cannot be changed", method: "PUT", path: "/api/v1/people/" + itoa(child.ID) + "/relationships/" + itoa(hiddenRel.ID), token: "worker", body: j(map[string]any{"relationship": map[string]any{"version": 1, "type": "sibling", "end_date": "2025-06-01"}, "reason": "x"}), wantStatus: 404},
		{name: "as it stood before", method: "GET", path: "/api/v1/people/" + itoa(child.ID) + "/relationships?as_of=" + start.Add(30*time.Minute).Format(time.RFC3339), token: "worker", wantStatus: 200, wantBody: []string{`"version":1`}, notBody: []string{"moved abroad"}},
	})
	if n := e.accessCount(e.users["worker"].ID, mother.ID, "update"); n < 1 {
		t.Errorf("the change is not in the access log")
	}
}
