package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/journey"
)

// timescalesForm is the administrator's form with every timescale at its
// default, from version v.
func timescalesForm(v int, reason string) url.Values {
	f := url.Values{"version": {strconv.Itoa(v)}, "reason": {reason}}
	for _, field := range app.TimescaleFields {
		f.Set(field.Name, strconv.Itoa(field.Get(journey.Defaults())))
	}
	return f
}

// TestTimescalesFormErrors: a box that is not a number, and one beyond
// what the law allows, are each shown beside their box and in the summary,
// with what was typed kept; nothing is saved.
func TestTimescalesFormErrors(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Admin)
	_, v := e.timescales()
	f := timescalesForm(v, "")
	f.Set("contact_decision_hours", "twelve")
	f.Set("review_months", "7")
	res := b.post("/admin/timescales", f)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422: %.300s", res.status, res.body)
	}
	for _, want := range []string{
		`href="#review_months"`, `href="#contact_decision_hours"`, `href="#reason"`,
		"Decision on a contact at the front door must be a whole number of hours",
		"Later review conferences are at most 6 months apart",
		`id="contact_decision_hours" name="contact_decision_hours" type="text" inputmode="numeric" spellcheck="false" value="twelve"`,
		`id="review_months" name="review_months" type="text" inputmode="numeric" spellcheck="false" value="7"`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The summary follows the order of the boxes: review months first.
	if strings.Index(res.body, `href="#review_months"`) > strings.Index(res.body, `href="#contact_decision_hours"`) {
		t.Errorf("the error summary is not in the order of the boxes")
	}
	if _, after := e.timescales(); after != v {
		t.Errorf("the refused change was saved: version %d, was %d", after, v)
	}
}

// TestTimescalesFormConflict: a change saved from a version someone else has
// changed since is refused with 409, shows the timescales as they now stand
// and keeps what was typed, to save again over them.
func TestTimescalesFormConflict(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Admin)
	_, v := e.timescales()
	first := timescalesForm(v, "first change")
	first.Set("cin_visit_days", "21")
	if res := b.post("/admin/timescales", first); res.status != http.StatusSeeOther {
		t.Fatalf("first change: status %d: %.300s", res.status, res.body)
	}
	mine := timescalesForm(v, "my change")
	mine.Set("cp_visit_working_days", "5")
	res := b.post("/admin/timescales", mine)
	if res.status != http.StatusConflict {
		t.Fatalf("stale change: status %d, want 409: %.300s", res.status, res.body)
	}
	for _, want := range []string{
		"Someone else saved a change to the timescales",
		`value="5"`, // what was typed, kept
		"21 days",   // the timescales as they stand
		`name="version" value="` + strconv.Itoa(v+1) + `"`,
		"my change",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	mine.Set("version", strconv.Itoa(v+1))
	if res := b.post("/admin/timescales", mine); res.status != http.StatusSeeOther {
		t.Fatalf("saving again: status %d: %.300s", res.status, res.body)
	}
	if ts, after := e.timescales(); after != v+2 || ts.CPVisitWorkingDays != 5 || ts.CINVisitDays != 28 {
		t.Errorf("after saving again: %+v at version %d", ts, after)
	}
	page := b.get("/admin/timescales")
	for _, want := range []string{"History of the timescales", "my change", "first change", "At most 45 working days, as the law sets it"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestTimescalesAPIErrorsNameTheBodyPath: the API names a refused
// timescale by its path in the body, and a stale version is 409.
func TestTimescalesAPIErrorsNameTheBodyPath(t *testing.T) {
	e := newEnv(t)
	_, v := e.timescales()
	ts := journey.Defaults()
	ts.ICPCWorkingDays = 20
	res := e.api(access.Admin, "PUT", "/api/v1/settings/timescales", jsonOf(map[string]any{"timescales": ts, "version": v, "reason": "longer"}))
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"timescales.icpc_working_days"`) {
		t.Errorf("too long: status %d: %.300s", res.status, res.body)
	}
	res = e.api(access.Admin, "PUT", "/api/v1/settings/timescales", jsonOf(map[string]any{"timescales": journey.Defaults(), "version": v + 5, "reason": "stale"}))
	if res.status != http.StatusConflict {
		t.Errorf("stale: status %d: %.300s", res.status, res.body)
	}
}
