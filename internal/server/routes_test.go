package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
)

// Who may use each route. The table is written out by hand from the design
// (not derived from access.Authorize) so that a change to the rules that is
// not also a change here fails this test. Every route the server has must be
// in it.
var (
	everyone = access.Roles
	readers  = []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Analyst, access.Admin}
	writers  = []access.Role{access.Practitioner, access.TeamManager, access.MASH}
	admins   = []access.Role{access.Admin}
	auditors = []access.Role{access.Auditor}
)

type routeRule struct {
	allowed []access.Role
	public  bool   // open to all, signed in or not
	body    string // JSON body for API writes
}

var routeRules = map[string]routeRule{
	"GET /static/":                                {public: true},
	"GET /sign-in":                                {public: true},
	"POST /sign-in":                               {public: true},
	"GET /healthz":                                {public: true},
	"GET /readyz":                                 {public: true},
	"GET /metrics":                                {public: true},
	"GET /api/openapi.json":                       {public: true},
	"POST /sign-out":                              {allowed: everyone},
	"GET /{$}":                                    {allowed: everyone},
	"GET /search":                                 {allowed: readers},
	"GET /people/new":                             {allowed: writers},
	"POST /people/new":                            {allowed: writers},
	"GET /people/{id}":                            {allowed: readers},
	"GET /people/{id}/history":                    {allowed: readers},
	"GET /people/{id}/edit":                       {allowed: writers},
	"POST /people/{id}/edit":                      {allowed: writers},
	"GET /people/{id}/relationships/new":          {allowed: writers},
	"POST /people/{id}/relationships/new":         {allowed: writers},
	"GET /people/{id}/relationships/{rid}/edit":   {allowed: writers},
	"POST /people/{id}/relationships/{rid}/edit":  {allowed: writers},
	"GET /account":                                {allowed: everyone},
	"POST /account/tokens":                        {allowed: everyone},
	"POST /account/tokens/{id}/revoke":            {allowed: everyone},
	"GET /admin/users":                            {allowed: admins},
	"GET /admin/users/new":                        {allowed: admins},
	"POST /admin/users/new":                       {allowed: admins},
	"GET /admin/users/{id}":                       {allowed: admins},
	"POST /admin/users/{id}":                      {allowed: admins},
	"GET /admin/teams":                            {allowed: admins},
	"POST /admin/teams":                           {allowed: admins},
	"POST /admin/services":                        {allowed: admins},
	"GET /admin/grants/new":                       {allowed: admins},
	"POST /admin/grants/new":                      {allowed: admins},
	"GET /admin/restrictions/new":                 {allowed: admins},
	"POST /admin/restrictions/new":                {allowed: admins},
	"GET /audit":                                  {allowed: auditors},
	"GET /audit/break-glass":                      {allowed: auditors},
	"GET /api/v1/people":                          {allowed: readers},
	"POST /api/v1/people/check":                   {allowed: writers, body: `{"person":{"family_name":"Test"}}`},
	"POST /api/v1/people":                         {allowed: writers, body: `{"person":{"family_name":""},"reason":"x"}`},
	"GET /api/v1/people/{id}":                     {allowed: readers},
	"PUT /api/v1/people/{id}":                     {allowed: writers, body: `{"person":{"family_name":"","version":1},"reason":"x"}`},
	"GET /api/v1/people/{id}/history":             {allowed: readers},
	"GET /api/v1/people/{id}/relationships":       {allowed: readers},
	"POST /api/v1/people/{id}/relationships":      {allowed: writers, body: `{"relationship":{"type":"","to":0},"reason":""}`},
	"PUT /api/v1/people/{id}/relationships/{rid}": {allowed: writers, body: `{"relationship":{"type":"","version":1},"reason":""}`},
	"GET /api/v1/users":                           {allowed: admins},
	"POST /api/v1/users":                          {allowed: admins, body: `{"username":""}`},
	"GET /api/v1/users/{id}":                      {allowed: admins},
	"PUT /api/v1/users/{id}":                      {allowed: admins, body: `{"display_name":""}`},
	"GET /api/v1/teams":                           {allowed: everyone},
	"POST /api/v1/teams":                          {allowed: admins, body: `{"name":""}`},
	"POST /api/v1/services":                       {allowed: admins, body: `{"name":""}`},
	"GET /api/v1/access-log":                      {allowed: auditors},
	"GET /api/v1/access-log/break-glass":          {allowed: auditors},
	"POST /api/v1/grants":                         {allowed: admins, body: `{"reason":""}`},
	"PUT /api/v1/people/{id}/restriction":         {allowed: admins, body: `{"restricted":false,"reason":""}`},
	"GET /api/v1/me":                              {allowed: everyone},
	"GET /api/v1/me/tokens":                       {allowed: everyone},
	"POST /api/v1/me/tokens":                      {allowed: everyone, body: `{"name":""}`},
	"DELETE /api/v1/me/tokens/{id}":               {allowed: everyone},
}

// concrete fills a route pattern's wildcards for a request by this role.
func (e *env) concrete(pattern string, role access.Role) string {
	path := strings.TrimSuffix(pattern, "{$}")
	if strings.HasPrefix(path, "/static/") {
		return "/static/app.css"
	}
	id := strconv.FormatInt(int64(e.child), 10)
	switch {
	case strings.Contains(path, "/users/{id}"):
		// Someone else's account: one's own is readable by anyone through /me.
		other := access.Admin
		if role == access.Admin {
			other = access.Practitioner
		}
		id = strconv.FormatInt(int64(e.users[other].ID), 10)
	case strings.Contains(path, "/tokens/{id}"):
		// A token of the role's own, made for this request.
		_, tok, err := e.app.CreateToken(context.Background(), e.users[role].ID, "to revoke")
		if err != nil {
			e.t.Fatal(err)
		}
		id = strconv.FormatInt(tok.ID, 10)
	}
	path = strings.ReplaceAll(path, "{rid}", strconv.FormatInt(int64(e.rel), 10))
	return strings.ReplaceAll(path, "{id}", id)
}

func contains(rs []access.Role, r access.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// TestEveryRouteForEveryRole walks every route as each role and signed out,
// and checks it is allowed or refused as the table says.
func TestEveryRouteForEveryRole(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for _, rt := range e.h.Routes {
		key := rt.Method + " " + rt.Pattern
		seen[key] = true
		rule, ok := routeRules[key]
		if !ok {
			t.Errorf("route %s is not in the authorisation table: add it with the roles that may use it", key)
			continue
		}
		if rule.public != rt.Public {
			t.Errorf("route %s: public is %v, table says %v", key, rt.Public, rule.public)
		}
	}
	for key := range routeRules {
		if !seen[key] {
			t.Errorf("the authorisation table names %s, which the server does not have", key)
		}
	}
	browsers := map[access.Role]*browser{}
	for _, role := range access.Roles {
		browsers[role] = e.browser().signIn(role)
	}
	for _, rt := range e.h.Routes {
		key := rt.Method + " " + rt.Pattern
		rule := routeRules[key]
		api := strings.HasPrefix(rt.Pattern, "/api/v1/")
		t.Run(key+"/signed out", func(t *testing.T) {
			res := e.send(nil, "", rt.Method, e.concrete(rt.Pattern, access.Admin), rule.body, api)
			switch {
			case rule.public:
				if res.status == http.StatusUnauthorized || strings.HasPrefix(res.location, "/sign-in") && rt.Pattern != "/sign-in" {
					t.Errorf("public route refused when signed out: %d %s", res.status, res.location)
				}
			case api && res.status != http.StatusUnauthorized:
				t.Errorf("API without a token: status %d, want 401", res.status)
			case !api && (res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/sign-in")):
				t.Errorf("page when signed out: status %d to %q, want 303 to /sign-in", res.status, res.location)
			}
		})
		if rule.public {
			continue
		}
		for _, role := range access.Roles {
			t.Run(key+"/"+string(role), func(t *testing.T) {
				res := e.send(browsers[role], role, rt.Method, e.concrete(rt.Pattern, role), rule.body, api)
				refused := res.status == http.StatusForbidden || res.status == http.StatusNotFound ||
					res.status == http.StatusUnauthorized || strings.HasPrefix(res.location, "/sign-in")
				if rt.Pattern == "/sign-out" { // success is a redirect to the sign-in page
					refused = res.status != http.StatusSeeOther
				}
				if want := contains(rule.allowed, role); want == refused {
					t.Errorf("allowed=%v, got status %d (location %q): %.300s", want, res.status, res.location, res.body)
				}
				if res.status >= 500 {
					t.Errorf("server error %d: %.300s", res.status, res.body)
				}
			})
		}
	}
}

// send makes a request as a browser (pages) or with a token (API).
func (e *env) send(b *browser, role access.Role, method, path, body string, api bool) response {
	if api || strings.HasPrefix(path, "/api/") {
		return e.api(role, method, path, body)
	}
	switch {
	case b == nil:
		b = e.browser()
	case path == "/sign-out":
		b = e.browser().signIn(role) // signing out must not end the shared session
	}
	if method == "POST" {
		return b.post(path, url.Values{})
	}
	return b.get(path)
}
