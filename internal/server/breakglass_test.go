package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/store"
)

func idPathOf(id people.ID) string { return "/people/" + strconv.FormatInt(int64(id), 10) }

// lastLog is the newest line of the access log about a person.
func (e *env) lastLog(id people.ID) store.AccessEntry {
	e.t.Helper()
	es, err := e.st.AccessLog(context.Background(), store.AccessQuery{PersonID: id, Limit: 1})
	if err != nil || len(es) == 0 {
		e.t.Fatalf("access log of %d: %v", id, err)
	}
	return es[0]
}

// missing is a record id that does not exist.
const missing people.ID = 999999

func TestBreakTheGlassPages(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)

	// Search lists the stranger, with a postcode district only, to be
	// opened with a reason.
	res := b.get("/search?name=sam+elsewhere")
	if res.status != http.StatusOK || !strings.Contains(res.body, "Reason needed") || !strings.Contains(res.body, idPathOf(e.stranger)+"/access") {
		t.Fatalf("search: %d %s", res.status, res.body)
	}
	if strings.Contains(res.body, "WV1 1AA") || !strings.Contains(res.body, "WV1") {
		t.Error("search shows more of the postcode than its district")
	}
	if res := b.get("/search?name=ruby+secret"); strings.Contains(res.body, "Secret") {
		t.Error("search lists a restricted record as needing a reason")
	}

	// A record with no relationship, a restricted one and one that does not
	// exist all send the practitioner to give a reason.
	for _, id := range []people.ID{e.stranger, e.restricted, missing} {
		if res := b.get(idPathOf(id)); res.status != http.StatusSeeOther || res.location != idPathOf(id)+"/access" {
			t.Errorf("%d: %d to %q, want 303 to the reason page", id, res.status, res.location)
		}
	}

	// The reason page: a form with a textarea and the CSRF token, nothing
	// of the record.
	res = b.get(idPathOf(e.stranger) + "/access")
	if res.status != http.StatusOK || !strings.Contains(res.body, `<textarea`) || !strings.Contains(res.body, `name="reason"`) ||
		!strings.Contains(res.body, `name="csrf_token"`) || strings.Contains(res.body, "Elsewhere") {
		t.Fatalf("reason page: %d %s", res.status, res.body)
	}
	// Without a reason: the error summary, and nothing opened.
	res = b.post(idPathOf(e.stranger)+"/access", url.Values{"reason": {" "}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, "Enter why you need to open this record") {
		t.Errorf("no reason: %d %s", res.status, res.body)
	}
	// Without the CSRF token: refused, nothing opened.
	if res := b.post(idPathOf(e.stranger)+"/access", url.Values{"reason": {"front door"}, "csrf_token": {"forged"}}); res.status != http.StatusForbidden {
		t.Errorf("no CSRF token: %d", res.status)
	}
	if res := b.get(idPathOf(e.stranger)); res.status != http.StatusSeeOther {
		t.Fatalf("opened without a reason: %d", res.status)
	}

	res = b.post(idPathOf(e.stranger)+"/access", url.Values{"reason": {"Brought to reception by a neighbour"}})
	if res.status != http.StatusSeeOther || res.location != idPathOf(e.stranger) {
		t.Fatalf("with a reason: %d to %q: %s", res.status, res.location, res.body)
	}
	if got := e.lastLog(e.stranger); got.Action != "break_glass" || got.Note != "Brought to reception by a neighbour" || got.UserID != e.users[access.Practitioner].ID {
		t.Errorf("logged %+v", got)
	}
	if res := b.get(idPathOf(e.stranger)); res.status != http.StatusOK || !strings.Contains(res.body, "Elsewhere") {
		t.Errorf("after the reason: %d", res.status)
	}
	if got := e.lastLog(e.stranger); got.Action != "read" || got.Reason != access.ReasonBreakGlass {
		t.Errorf("read logged as %+v", got)
	}
	// Reading only.
	if res := b.get(idPathOf(e.stranger) + "/edit"); res.status != http.StatusForbidden {
		t.Errorf("edit page after breaking the glass: %d", res.status)
	}

	// A restricted record, and one that does not exist, answer alike even
	// with a reason.
	restricted := b.post(idPathOf(e.restricted)+"/access", url.Values{"reason": {"front door"}})
	absent := b.post(idPathOf(missing)+"/access", url.Values{"reason": {"front door"}})
	if restricted.status != http.StatusNotFound || absent.status != http.StatusNotFound || heading(restricted.body) != heading(absent.body) {
		t.Errorf("restricted %d %q; missing %d %q", restricted.status, heading(restricted.body), absent.status, heading(absent.body))
	}
	if got := e.lastLog(e.restricted); got.Action != "denied" || got.Note != "front door" {
		t.Errorf("refused opening logged as %+v", got)
	}

	// Other roles may not break the glass.
	for _, role := range []access.Role{access.Analyst, access.Admin, access.Auditor, access.Partner} {
		if res := e.browser().signIn(role).get(idPathOf(e.stranger) + "/access"); res.status != http.StatusForbidden {
			t.Errorf("%s: reason page %d", role, res.status)
		}
	}
}

var headingRE = regexp.MustCompile(`<h1[^>]*>([^<]*)</h1>`)

func heading(body string) string {
	if m := headingRE.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

// errorCode is an API error's code and message, without the request id.
func errorCode(t *testing.T, body string) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not an error body: %s", body)
	}
	return e.Error.Code + ": " + e.Error.Message
}

func TestBreakTheGlassAPI(t *testing.T) {
	e := newEnv(t)
	const role = access.MASH
	api := func(method string, id people.ID, suffix, body string) response {
		return e.api(role, method, "/api/v1"+idPathOf(id)+suffix, body)
	}

	// Every refused read answers alike: give a reason.
	want := ""
	for _, id := range []people.ID{e.stranger, e.restricted, missing} {
		res := api("GET", id, "", "")
		got := errorCode(t, res.body)
		if res.status != http.StatusForbidden || !strings.HasPrefix(got, "reason_required: ") || want != "" && got != want {
			t.Errorf("%d: %d %s", id, res.status, got)
		}
		want = got
	}

	res := e.api(role, "GET", "/api/v1/people?name=sam+elsewhere", "")
	var found struct {
		People     []map[string]any `json:"people"`
		NeedReason []map[string]any `json:"need_reason"`
	}
	if err := json.Unmarshal([]byte(res.body), &found); err != nil || len(found.People) != 0 || len(found.NeedReason) != 1 ||
		found.NeedReason[0]["postcode_district"] != "WV1" || found.NeedReason[0]["id"] != float64(e.stranger) {
		t.Errorf("search: %s", res.body)
	}

	if res := api("POST", e.stranger, "/access", `{"reason":""}`); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"reason"`) {
		t.Errorf("no reason: %d %s", res.status, res.body)
	}
	res = api("POST", e.stranger, "/access", `{"reason":"out of hours call from police"}`)
	var opened struct {
		PersonID people.ID `json:"person_id"`
		Reason   string    `json:"reason"`
		Until    string    `json:"until"`
	}
	if err := json.Unmarshal([]byte(res.body), &opened); err != nil || res.status != http.StatusOK || opened.PersonID != e.stranger || opened.Reason != access.ReasonBreakGlass || opened.Until == "" {
		t.Fatalf("open: %d %s", res.status, res.body)
	}
	if got := e.lastLog(e.stranger); got.Action != "break_glass" || got.Note != "out of hours call from police" || got.Route != "POST /api/v1/people/{id}/access" {
		t.Errorf("logged %+v", got)
	}
	if res := api("GET", e.stranger, "", ""); res.status != http.StatusOK {
		t.Errorf("read after the reason: %d", res.status)
	}
	// Reading only: a change answers as for any record the user may not change.
	if res := api("PUT", e.stranger, "", `{"person":{"family_name":"X","version":1},"reason":"x"}`); res.status != http.StatusNotFound {
		t.Errorf("change after the reason: %d", res.status)
	}

	// The child already open: the relationship that opens it, nothing stored.
	res = api("POST", e.child, "/access", `{"reason":"checking"}`)
	if res.status != http.StatusOK || !strings.Contains(res.body, `"reason":"team"`) || strings.Contains(res.body, "until") {
		t.Errorf("already open: %d %s", res.status, res.body)
	}

	restricted := api("POST", e.restricted, "/access", `{"reason":"front door"}`)
	absent := api("POST", missing, "/access", `{"reason":"front door"}`)
	if restricted.status != http.StatusNotFound || absent.status != http.StatusNotFound || errorCode(t, restricted.body) != errorCode(t, absent.body) {
		t.Errorf("restricted %d %s; missing %d %s", restricted.status, restricted.body, absent.status, absent.body)
	}
	if res := e.api(access.Analyst, "POST", "/api/v1"+idPathOf(e.stranger)+"/access", `{"reason":"curious"}`); res.status != http.StatusForbidden {
		t.Errorf("analyst: %d", res.status)
	}
}

func TestBreakTheGlassSwitchedOff(t *testing.T) {
	e := newEnv(t)
	e.app.BreakGlass = false
	b := e.browser().signIn(access.Practitioner)
	for _, id := range []people.ID{e.stranger, e.restricted, missing} {
		if res := b.get(idPathOf(id)); res.status != http.StatusNotFound {
			t.Errorf("page %d: %d, want 404", id, res.status)
		}
		if res := e.api(access.Practitioner, "GET", "/api/v1"+idPathOf(id), ""); res.status != http.StatusNotFound {
			t.Errorf("API %d: %d, want 404", id, res.status)
		}
	}
	if res := b.get(idPathOf(e.stranger) + "/access"); res.status != http.StatusForbidden {
		t.Errorf("reason page: %d", res.status)
	}
	if res := b.post(idPathOf(e.stranger)+"/access", url.Values{"reason": {"front door"}}); res.status != http.StatusForbidden {
		t.Errorf("reason posted: %d", res.status)
	}
	if res := e.api(access.Practitioner, "POST", "/api/v1"+idPathOf(e.stranger)+"/access", `{"reason":"front door"}`); res.status != http.StatusForbidden {
		t.Errorf("API: %d", res.status)
	}
	if res := b.get("/search?name=sam+elsewhere"); strings.Contains(res.body, "Reason needed") || strings.Contains(res.body, "Elsewhere") {
		t.Error("search lists people outside the user's relationships")
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1/people?name=sam+elsewhere", ""); !strings.Contains(res.body, `"need_reason":[]`) {
		t.Errorf("API search: %s", res.body)
	}
}
