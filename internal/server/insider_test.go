package server

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestBreakingTheGlassThenRelatingIsRefused: over the API, a practitioner
// breaks the glass on a stranger and then adds a relationship from a child
// their team works with to the stranger. It is refused exactly as one to a
// record that does not exist, nothing is saved, and a colleague still cannot
// read the stranger.
func TestBreakingTheGlassThenRelatingIsRefused(t *testing.T) {
	e := newEnv(t)
	if res := e.api(access.Practitioner, "POST", "/api/v1"+idPathOf(e.stranger)+"/access", `{"reason":"front door"}`); res.status != http.StatusOK {
		t.Fatalf("breaking the glass: %d %s", res.status, res.body)
	}
	relate := func(other people.ID) response {
		body := fmt.Sprintf(`{"relationship":{"from":%d,"to":%d,"type":"parent"},"reason":"met at a visit"}`, other, e.child)
		return e.api(access.Practitioner, "POST", "/api/v1"+idPathOf(e.child)+"/relationships", body)
	}
	glass, none := relate(e.stranger), relate(missing)
	if glass.status != http.StatusUnprocessableEntity || !strings.Contains(glass.body, `"from"`) {
		t.Fatalf("a relationship to a record opened by breaking the glass: %d %s", glass.status, glass.body)
	}
	if glass.status != none.status || withoutRequestID(glass.body) != withoutRequestID(none.body) {
		t.Errorf("answered unlike a record that does not exist:\n%s\n%s", glass.body, none.body)
	}
	if got := e.lastLog(e.stranger); got.Action != store.LogDenied || got.Reason != "person.update: "+access.ReasonNoRelationship {
		t.Errorf("the refusal is logged on the stranger as %+v", got)
	}
	if res := e.api(access.TeamManager, "GET", "/api/v1"+idPathOf(e.stranger), ""); res.status != http.StatusForbidden {
		t.Errorf("a colleague reads the stranger: %d", res.status)
	}
}

var requestIDRE = regexp.MustCompile(`"request_id":"[^"]*"`)

// withoutRequestID is an API answer without its request id, which differs
// for every request.
func withoutRequestID(body string) string { return requestIDRE.ReplaceAllString(body, "") }

// TestSearchRefusesTermsOutOfRange: over the API and the page, a limit over
// 100 and a date of birth no one could have are refused, naming the field;
// a bare letter lists nobody outside the user's relationships.
func TestSearchRefusesTermsOutOfRange(t *testing.T) {
	e := newEnv(t)
	for q, field := range map[string]string{
		"name=khan&limit=101":                "limit",
		"date_of_birth=0001-01-01":           "date_of_birth",
		"date_of_birth=9999-12-31":           "date_of_birth",
		"name=khan&date_of_birth=1899-12-31": "date_of_birth",
	} {
		res := e.api(access.Practitioner, "GET", "/api/v1/people?"+q, "")
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"`+field+`"`) {
			t.Errorf("%s: %d %s", q, res.status, res.body)
		}
	}
	b := e.browser().signIn(access.Practitioner)
	res := b.get("/search?name=khan&date_of_birth-day=31&date_of_birth-month=12&date_of_birth-year=9999")
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#date_of_birth`) {
		t.Errorf("page: %d", res.status)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1/people?name=a&limit=100", ""); res.status != http.StatusOK || !strings.Contains(res.body, `"need_reason":[]`) {
		t.Errorf("a bare letter: %d %s", res.status, res.body)
	}
}

// TestCheckAndReasonInputRefused: over the API, a duplicate check with
// thousands of other names, and a reason with a control character or a
// bidirectional override, are refused naming the field.
func TestCheckAndReasonInputRefused(t *testing.T) {
	e := newEnv(t)
	names := make([]string, 3000)
	for i := range names {
		names[i] = fmt.Sprintf(`{"type":"alias","given_name":"Made%d","family_name":"Up"}`, i)
	}
	body := `{"person":{"given_name":"Sam","family_name":"Khan","date_of_birth":"2015-05-04","sex":"1","other_names":[` + strings.Join(names, ",") + `]}}`
	if res := e.api(access.Practitioner, "POST", "/api/v1/people/check", body); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"other_names"`) {
		t.Errorf("3000 other names: %d %.300s", res.status, res.body)
	}
	for _, reason := range []string{`front door\u0000`, `front door\u001b[2J`, `\u202efront door`} {
		res := e.api(access.Practitioner, "POST", "/api/v1"+idPathOf(e.stranger)+"/access", `{"reason":"`+reason+`"}`)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"reason"`) {
			t.Errorf("reason %s: %d %s", reason, res.status, res.body)
		}
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPathOf(e.stranger), ""); res.status != http.StatusForbidden {
		t.Errorf("a bad reason opened the record: %d", res.status)
	}
}

// TestSearchPageSaysWhenOthersAreNotListed: a search too broad to list
// people outside the user's relationships says how to search to see them.
func TestSearchPageSaysWhenOthersAreNotListed(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	const hint = "People you have no relationship to are listed only"
	if res := b.get("/search?name=elsewhere"); res.status != http.StatusOK || !strings.Contains(res.body, hint) || strings.Contains(res.body, "Reason needed") {
		t.Errorf("one word: %d, or no hint, or a listing", res.status)
	}
	if res := b.get("/search?name=sam+elsewhere"); res.status != http.StatusOK || strings.Contains(res.body, hint) || !strings.Contains(res.body, "Reason needed") {
		t.Errorf("a full name: %d", res.status)
	}
}
