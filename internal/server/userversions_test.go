package server

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/store"
)

// Users are versioned records: a change names the version it started from,
// and one made from a version someone else has changed since is refused,
// on the page and in the API, so that two administrators changing one
// account cannot both win.

// versionOf is a user's current version, as a form sends it.
func (e *env) versionOf(id access.UserID) string {
	e.t.Helper()
	u, err := e.st.User(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return strconv.Itoa(u.Version)
}

var versionRE = regexp.MustCompile(`name="version" value="(\d+)"`)

// formVersion is the version a user's page put in its form.
func formVersion(t *testing.T, page response) string {
	t.Helper()
	m := versionRE.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("the user's page has no version in its form (status %d)", page.status)
	}
	return m[1]
}

// secondAdmin adds another administrator and signs a browser in as them.
func (e *env) secondAdmin() *browser {
	e.t.Helper()
	if _, err := e.app.CreateUser(context.Background(), app.Actor{}, app.NewUser{Username: "second.admin", DisplayName: "Second Admin", Password: testPassword, Roles: []access.Role{access.Admin}}, true); err != nil {
		e.t.Fatal(err)
	}
	b := e.browser()
	if res := b.post("/sign-in", url.Values{"username": {"second.admin"}, "password": {testPassword}}); res.status != http.StatusSeeOther {
		e.t.Fatalf("second admin signs in: %d", res.status)
	}
	b.csrf = csrfRE.FindStringSubmatch(b.get("/").body)[1]
	return b
}

func TestUserPageRefusesAStaleChange(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	worker := e.users[access.Practitioner]
	team := strconv.FormatInt(int64(worker.TeamID), 10)
	first, second := e.browser().signIn(access.Admin), e.secondAdmin()

	// Both open the worker's page at version 1.
	v1, v2 := formVersion(t, first.get(userPath(worker.ID))), formVersion(t, second.get(userPath(worker.ID)))
	if v1 != "1" || v2 != "1" {
		t.Fatalf("the pages carry versions %s and %s, want 1", v1, v2)
	}
	res := first.post(userPath(worker.ID), url.Values{"version": {v1}, "display_name": {"Tess Worker"}, "roles": {"practitioner"}, "team_id": {team}, "reason": {"Name changed on marriage"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("the first change: status %d: %.300s", res.status, res.body)
	}

	// The second saves from version 1: refused, what they typed kept, the
	// account as it now stands shown, and nothing saved.
	typed := url.Values{"version": {v2}, "display_name": {worker.DisplayName}, "roles": {"practitioner", "team_manager"}, "team_id": {team}, "reason": {"Acting team manager"}}
	res = second.post(userPath(worker.ID), typed)
	if res.status != http.StatusConflict {
		t.Fatalf("a change from a stale version: status %d, want 409: %.300s", res.status, res.body)
	}
	body := html.UnescapeString(res.body)
	for _, want := range []string{"Your change has not been saved", "Tess Worker", `value="Acting team manager"`, `value="team_manager" checked`} {
		if !strings.Contains(body, want) {
			t.Errorf("the conflict page does not show %q", want)
		}
	}
	if got := formVersion(t, res); got != "2" {
		t.Errorf("the conflict page's form is at version %s, want 2 (the version now current)", got)
	}
	u, err := e.st.User(ctx, worker.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u.Version != 2 || u.DisplayName != "Tess Worker" || len(u.Roles) != 1 {
		t.Fatalf("the stale change was saved: %+v", u)
	}

	// Having seen the account as it stands, they save again.
	typed.Set("version", formVersion(t, res))
	typed.Set("display_name", "Tess Worker")
	if res := second.post(userPath(worker.ID), typed); res.status != http.StatusSeeOther {
		t.Fatalf("saving again over the current version: status %d: %.300s", res.status, res.body)
	}
	if u, _ := e.st.User(ctx, worker.ID); u.Version != 3 || len(u.Roles) != 2 {
		t.Errorf("after saving again: %+v", u)
	}

	// A form without its version is a bad request, and changes nothing.
	typed.Del("version")
	typed.Set("display_name", "No Version")
	if res := second.post(userPath(worker.ID), typed); res.status != http.StatusBadRequest {
		t.Errorf("a form without its version: status %d, want 400", res.status)
	}

	// The refused change's line is failed, never done; the others are done.
	var states []store.LineState
	for _, l := range e.accessLines(store.LogUserRoles) {
		states = append(states, l.State)
	}
	if len(states) != 2 || states[0] != store.LineDone || states[1] != store.LineFailed {
		t.Errorf("user.roles lines, newest first: %v, want done then failed", states)
	}
}

func TestUserAPIRefusesAStaleChange(t *testing.T) {
	e := newEnv(t)
	worker := e.users[access.Practitioner]
	body := func(version int, name string) string {
		return `{"version":` + strconv.Itoa(version) + `,"display_name":"` + name + `","roles":["practitioner"],"team_id":` +
			strconv.FormatInt(int64(worker.TeamID), 10) + `,"reason":"Name corrected"}`
	}
	res := e.api(access.Admin, "GET", apiUserPath(worker.ID), "")
	if res.status != http.StatusOK || !strings.Contains(res.body, `"version":1`) {
		t.Fatalf("the user as read: status %d: %s", res.status, res.body)
	}
	res = e.api(access.Admin, "PUT", apiUserPath(worker.ID), body(1, "Tess Worker"))
	if res.status != http.StatusOK || !strings.Contains(res.body, `"version":2`) {
		t.Fatalf("a change from the current version: status %d: %s", res.status, res.body)
	}
	res = e.api(access.Admin, "PUT", apiUserPath(worker.ID), body(1, "From an old read"))
	if res.status != http.StatusConflict || !strings.Contains(res.body, `"code":"conflict"`) {
		t.Fatalf("a change from a stale version: status %d, want 409: %s", res.status, res.body)
	}
	wantFieldError(t, "a change without a version", e.api(access.Admin, "PUT", apiUserPath(worker.ID),
		`{"display_name":"No Version","roles":["practitioner"],"reason":"x"}`), "version")
	if u, _ := e.st.User(context.Background(), worker.ID); u.Version != 2 || u.DisplayName != "Tess Worker" {
		t.Errorf("refused changes were saved: %+v", u)
	}
	var states []store.LineState
	for _, l := range e.accessLines(store.LogUserUpdate) {
		states = append(states, l.State)
	}
	if len(states) != 2 || states[0] != store.LineFailed || states[1] != store.LineDone {
		t.Errorf("user.update lines, newest first: %v, want failed then done", states)
	}
}
