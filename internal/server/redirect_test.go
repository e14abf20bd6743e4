package server

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// TestSignInRedirectIsAPathOnThisSite sends values of next that a browser
// would read as another site, or as script, and checks that sign-in sends
// them home instead; paths on this site are kept as they are.
func TestSignInRedirectIsAPathOnThisSite(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ next, want string }{
		{"/", "/"},
		{"/people/12", "/people/12"},
		{"/search?q=O%27Brien&dob=2015-05-04", "/search?q=O%27Brien&dob=2015-05-04"},
		{"/people/12?as_of=2025-03-31T17:00:00Z#history", "/people/12?as_of=2025-03-31T17:00:00Z#history"},
		{"/people/12/history?name=Zo%C3%AB", "/people/12/history?name=Zo%C3%AB"},
		{"", "/"},
		{"people/12", "/"},
		{"//evil.example", "/"},
		{"//evil.example/x", "/"},
		{"///evil.example", "/"},
		{"/\\evil.example", "/"},
		{"\\/evil.example", "/"},
		{"/\t/evil.example", "/"},  // next=/%09/evil.example
		{"/%09/evil.example", "/"}, // the same, encoded twice
		{"/\n/evil.example", "/"},
		{"/\r/evil.example", "/"},
		{"/\x00/evil.example", "/"},
		{"/\x7f/evil.example", "/"},
		{"/\u0085/evil.example", "/"},
		{"/%2F/evil.example", "/"},
		{"/%2f/evil.example", "/"},
		{"/%5C/evil.example", "/"},
		{"https://evil.example", "/"},
		{"http:/evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"JavaScript:alert(1)", "/"},
		{" javascript:alert(1)", "/"},
		{"data:text/html,<script>alert(1)</script>", "/"},
		{"/people/%zz", "/"},
	}
	for _, c := range cases {
		res := e.browser().post("/sign-in", url.Values{"username": {"test.practitioner"}, "password": {testPassword}, "next": {c.next}})
		if res.status != http.StatusSeeOther || res.location != c.want {
			t.Errorf("sign in with next=%q: status %d to %q, want 303 to %q", c.next, res.status, res.location, c.want)
		}
	}
}

var nextFieldRE = regexp.MustCompile(`name="next" value="([^"]*)"`)

// TestSignInPageKeepsOnlyASafeNext checks the sign-in page itself, which puts
// next from its query string into the form: the raw query
// next=/%09/evil.example arrives as a slash, a tab and "/evil.example".
func TestSignInPageKeepsOnlyASafeNext(t *testing.T) {
	e := newEnv(t)
	for rawQuery, want := range map[string]string{
		"next=/%09/evil.example":   "/",
		"next=/%0A/evil.example":   "/",
		"next=%2F%2Fevil.example":  "/",
		"next=/%252F/evil.example": "/",
		"next=/%5Cevil.example":    "/",
		"next=javascript:alert(1)": "/",
		"next=%2Fpeople%2F12":      "/people/12",
		"next=/search%3Fq%3DKhan":  "/search?q=Khan",
	} {
		res := e.browser().get("/sign-in?" + rawQuery)
		m := nextFieldRE.FindStringSubmatch(res.body)
		if res.status != http.StatusOK || m == nil {
			t.Fatalf("GET /sign-in?%s: status %d, no next field", rawQuery, res.status)
		}
		if got := html.UnescapeString(m[1]); got != want {
			t.Errorf("GET /sign-in?%s: next field %q, want %q", rawQuery, got, want)
		}
	}
}
