package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
)

// wildcard matches a path pattern's {name} or {name...} segment.
var wildcard = regexp.MustCompile(`\{[^}]+\}`)

// FuzzRequests sends arbitrary requests to every route, as every role and
// signed out, through the whole handler: path segments, query strings, JSON
// bodies and forms chosen by the fuzzer. Whatever arrives, the answer must
// not be a server error (5xx): bad input is the caller's fault and must be
// told so, never crash or leak an internal error. Run briefly with the other
// tests (its seeds); run for longer by hand:
//
//	go test -run '^$' -fuzz FuzzRequests -fuzztime 5m ./internal/server
func FuzzRequests(f *testing.F) {
	e := newEnv(f)
	routes := e.h.Routes
	roles := append([]access.Role{""}, access.Roles...)
	// A signed-in page session (cookie and CSRF token) for every role.
	type session struct {
		cookies []*http.Cookie
		csrf    string
	}
	sessions := map[access.Role]session{}
	base, _ := url.Parse(e.srv.URL)
	for _, role := range access.Roles {
		b := e.browser().signIn(role)
		sessions[role] = session{cookies: b.c.Jar.Cookies(base), csrf: b.csrf}
	}
	ids := []string{
		strconv.FormatInt(int64(e.child), 10), strconv.FormatInt(int64(e.restricted), 10),
		strconv.FormatInt(int64(e.stranger), 10), strconv.FormatInt(int64(e.users[access.Practitioner].ID), 10),
		"0", "-1", "99999999999999999999", "1e3",
	}

	for i := range routes {
		f.Add(uint16(i), uint8(2), uint8(0), "", "", []byte(`{}`))
		f.Add(uint16(i), uint8(3), uint8(8), "as_of=2024-01-01T00:00:00Z&page=2", "x", []byte(`{"version":1,"person_id":"1"}`))
		f.Add(uint16(i), uint8(4), uint8(1), "page=-1&q=%00", "%2e%2e", []byte("given_name=<script>&date_of_birth-day=31&date_of_birth-month=2"))
	}
	f.Add(uint16(0), uint8(0), uint8(9), "as_of=not-a-time", "\xff", []byte(`[`))

	f.Fuzz(func(t *testing.T, routeIndex uint16, roleIndex, idIndex uint8, query, segment string, body []byte) {
		rt := routes[int(routeIndex)%len(routes)]
		role := roles[int(roleIndex)%len(roles)]
		// Each wildcard is a known id or the fuzzer's own segment.
		n := int(idIndex)
		path := wildcard.ReplaceAllStringFunc(rt.Pattern, func(string) string {
			n++
			if k := n % (len(ids) + 1); k < len(ids) {
				return ids[k]
			}
			return url.PathEscape(segment)
		})
		target := path
		if query != "" {
			target += "?" + query
		}
		req, err := http.NewRequest(rt.Method, "http://hearth.test"+target, strings.NewReader(string(body)))
		if err != nil {
			t.Skip() // not a request a client could send
		}
		isAPI := strings.HasPrefix(rt.Pattern, "/api/")
		switch {
		case isAPI:
			req.Header.Set("Content-Type", "application/json")
			if role != "" {
				req.Header.Set("Authorization", "Bearer "+e.tokens[role])
			}
		case role != "":
			s := sessions[role]
			for _, c := range s.cookies {
				req.AddCookie(c)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if rt.Method == http.MethodPost && len(body) > 0 && body[0]%2 == 0 {
				// Half the forms carry the session's token, so that the
				// handlers behind the CSRF check are reached too.
				req.Body = http.NoBody
				form, _ := url.ParseQuery(string(body))
				form.Set("csrf_token", s.csrf)
				req, _ = http.NewRequest(rt.Method, "http://hearth.test"+target, strings.NewReader(form.Encode()))
				for _, c := range s.cookies {
					req.AddCookie(c)
				}
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
		}
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s as %q: status %d: %.300s", rt.Method, target, role, rec.Code, rec.Body.String())
		}
	})
}
