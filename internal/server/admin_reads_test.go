package server

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/people"
)

func apiPersonPath(id people.ID) string { return "/api/v1/people/" + strconv.FormatInt(int64(id), 10) }

// TestAnAdministratorCannotReadARecordByLiftingItsRestriction is the attack
// found on the running server: an administrator, refused a restricted
// record, lifted its restriction and read it, since administrators read
// every unrestricted record. Administrators now read no child's record at
// all: lifting a restriction widens nobody's access but that of those whose
// work already opens the record.
func TestAnAdministratorCannotReadARecordByLiftingItsRestriction(t *testing.T) {
	e := newEnv(t)
	path := apiPersonPath(e.restricted)
	if res := e.api(access.Admin, "GET", path, ""); res.status != http.StatusNotFound {
		t.Fatalf("restricted: status %d, want 404", res.status)
	}
	if res := e.api(access.Admin, "PUT", path+"/restriction", `{"restricted":false,"reason":"checking"}`); res.status != http.StatusNoContent {
		t.Fatalf("lift the restriction: status %d: %.300s", res.status, res.body)
	}
	b := e.browser().signIn(access.Admin)
	for _, p := range []string{path, path + "/history", path + "/relationships", path + "/involvements"} {
		if res := e.api(access.Admin, "GET", p, ""); res.status != http.StatusNotFound || strings.Contains(res.body, "Secret") {
			t.Errorf("API %s after lifting: status %d, want 404: %.200s", p, res.status, res.body)
		}
	}
	for _, p := range []string{idPath(e.restricted), idPath(e.restricted) + "/history"} {
		if res := b.get(p); res.status != http.StatusNotFound || strings.Contains(res.body, "Secret") {
			t.Errorf("page %s after lifting: status %d, want 404", p, res.status)
		}
	}
	if res := e.api(access.Admin, "GET", "/api/v1/people?name=secret", ""); res.status != http.StatusForbidden || strings.Contains(res.body, "Secret") {
		t.Errorf("API search: status %d, want 403", res.status)
	}
	if res := b.get("/search?name=secret"); res.status != http.StatusForbidden || strings.Contains(res.body, "Secret") {
		t.Errorf("page search: status %d, want 403", res.status)
	}
	// Nor any other record, restricted or not.
	if res := e.api(access.Admin, "GET", apiPersonPath(e.child), ""); res.status != http.StatusNotFound {
		t.Errorf("unrestricted record: status %d, want 404", res.status)
	}
	// The practitioner whose team works with the child now sees it, as the
	// lifting meant; and the administrator restricts it again, by id alone.
	if res := e.api(access.Practitioner, "GET", path, ""); res.status != http.StatusOK {
		t.Errorf("practitioner after lifting: status %d, want 200", res.status)
	}
	if res := e.api(access.Admin, "PUT", path+"/restriction", `{"restricted":true,"reason":"checked"}`); res.status != http.StatusNoContent {
		t.Fatalf("restrict again: status %d", res.status)
	}
	if res := e.api(access.Practitioner, "GET", path, ""); res.status == http.StatusOK || strings.Contains(res.body, "Secret") {
		t.Errorf("practitioner after restricting again: status %d, want refused", res.status)
	}
}

// TestAdminPagesNameRecordsByIdOnly: restricting, lifting and granting say
// which record by its id and never show the person's name, and the forms say
// that the id comes from whoever asks.
func TestAdminPagesNameRecordsByIdOnly(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Admin)
	id := strconv.FormatInt(int64(e.restricted), 10)
	for _, p := range []string{"/admin/restrictions/new", "/admin/grants/new"} {
		if res := b.get(p); res.status != http.StatusOK || !strings.Contains(res.body, "The person asking for this gives you the record id") {
			t.Errorf("%s: status %d, or no hint that the requester gives the id", p, res.status)
		}
	}
	for _, restricted := range []string{"no", "yes"} {
		res := b.post("/admin/restrictions/new", url.Values{"person_id": {id}, "restricted": {restricted}, "reason": {"court order"}})
		if res.status != http.StatusOK || !strings.Contains(res.body, "Record "+id) && !strings.Contains(res.body, "record "+id) {
			t.Errorf("restricted=%s: status %d, or the page does not name record %s", restricted, res.status, id)
		}
		if strings.Contains(res.body, "Ruby") || strings.Contains(res.body, "Secret") {
			t.Errorf("restricted=%s: the page shows the person's name", restricted)
		}
	}
}

// TestAdministratorsAreNeverAlsoReaders: no account is made or changed to
// hold the administrator role with a role that reads children's records, on
// the pages or through the API; administrator with auditor is allowed.
func TestAdministratorsAreNeverAlsoReaders(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := e.browser().signIn(access.Admin)
	team := strconv.FormatInt(int64(e.team.ID), 10)
	form := func(username string, roles ...string) url.Values {
		return url.Values{"username": {username}, "display_name": {"New Person"}, "password": {testPassword},
			"roles": roles, "team_id": {team}, "reason": {"Joined the council"}}
	}
	for _, reader := range []string{"practitioner", "team_manager", "mash", "analyst"} {
		wantSummary(t, "admin and "+reader+" (page)", b.post("/admin/users/new", form("new."+reader, "admin", reader)), "roles", "An administrator cannot also be")
		wantFieldError(t, "admin and "+reader+" (API)", e.api(access.Admin, "POST", "/api/v1/users",
			`{"username":"api.`+reader+`","display_name":"New Person","password":"`+testPassword+`","roles":["`+reader+`","admin"],"team_id":`+team+`,"reason":"Joined"}`), "roles")
	}
	us, err := e.st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(us); n != len(access.Roles) {
		t.Fatalf("%d users, want %d: a refused account was made", n, len(access.Roles))
	}
	if res := b.post("/admin/users/new", form("new.admin", "admin", "auditor")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "cannot also be Auditor") {
		t.Errorf("admin and auditor: status %d, want refused: %.300s", res.status, res.body)
	}
	if res := b.post("/admin/users/new", form("new.admin", "admin", "programme_manager")); res.status != http.StatusSeeOther {
		t.Errorf("admin and programme manager: status %d: %.300s", res.status, res.body)
	}

	// Changing an account: a practitioner made administrator too.
	worker := e.users[access.Practitioner]
	res := b.post(userPath(worker.ID), url.Values{"version": {e.versionOf(worker.ID)}, "display_name": {worker.DisplayName}, "roles": {"practitioner", "admin"}, "team_id": {team}, "reason": {"Promoted"}})
	wantSummary(t, "practitioner made admin (page)", res, "roles", "An administrator cannot also be Practitioner")
	wantFieldError(t, "practitioner made admin (API)", e.api(access.Admin, "PUT", apiUserPath(worker.ID),
		`{"version":`+e.versionOf(worker.ID)+`,"display_name":"W","roles":["admin","practitioner"],"team_id":`+team+`,"reason":"Promoted"}`), "roles")
	if got, _ := e.st.User(ctx, worker.ID); !slices.Equal(got.Roles, []access.Role{access.Practitioner}) {
		t.Errorf("the refused change was saved: roles %v", got.Roles)
	}
}
