package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/store"
)

// Hole 7: an administrator could grant themselves a restricted record and
// give themselves any role, unlogged; users kept no history; nobody could
// revoke another user's token; tokens never expired.

func userPath(id access.UserID) string { return "/admin/users/" + strconv.FormatInt(int64(id), 10) }

func apiUserPath(id access.UserID) string { return "/api/v1/users/" + strconv.FormatInt(int64(id), 10) }

// wantSummary fails unless a page is a 422 whose GOV.UK error summary links
// the field's input with the message.
func wantSummary(t *testing.T, what string, res response, anchor, message string) {
	t.Helper()
	if res.status != http.StatusUnprocessableEntity {
		t.Errorf("%s: status %d, want 422: %.300s", what, res.status, res.body)
		return
	}
	if !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, `href="#`+anchor+`"`) {
		t.Errorf("%s: no error summary linking #%s", what, anchor)
	}
	if !strings.Contains(res.body, message) {
		t.Errorf("%s: the page does not say %q", what, message)
	}
}

// wantFieldError fails unless an API answer is a 422 naming the field.
func wantFieldError(t *testing.T, what string, res response, field string) {
	t.Helper()
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"`+field+`"`) {
		t.Errorf("%s: status %d, want 422 naming %s: %.300s", what, res.status, field, res.body)
	}
}

// accessLines returns the access log's lines with an action.
func (e *env) accessLines(action store.AccessAction) []store.AccessEntry {
	e.t.Helper()
	es, err := e.st.AccessLog(context.Background(), store.AccessQuery{Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.AccessEntry
	for _, x := range es {
		if x.Action == action {
			out = append(out, x)
		}
	}
	return out
}

func TestNobodyGrantsARecordToThemselves(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin := e.users[access.Admin]
	b := e.browser().signIn(access.Admin)
	until := time.Now().AddDate(0, 0, 30)
	form := url.Values{
		"person_id": {strconv.FormatInt(int64(e.restricted), 10)}, "user_id": {strconv.FormatInt(int64(admin.ID), 10)},
		"reason": {"I want to see it"}, "until-day": {strconv.Itoa(until.Day())}, "until-month": {strconv.Itoa(int(until.Month()))}, "until-year": {strconv.Itoa(until.Year())},
	}
	wantSummary(t, "grant to oneself (page)", b.post("/admin/grants/new", form), "user_id", "You cannot open a record to yourself")
	body := fmt.Sprintf(`{"person_id":%d,"user_id":%d,"reason":"I want to see it","until":%q}`, e.restricted, admin.ID, until.UTC().Format(time.RFC3339))
	wantFieldError(t, "grant to oneself (API)", e.api(access.Admin, "POST", "/api/v1/grants", body), "user_id")

	// Nothing was granted: the record is still hidden from the administrator.
	subj, err := e.st.Subject(ctx, e.restricted, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(subj.Grants) != 0 {
		t.Fatalf("a refused grant was saved: %+v", subj.Grants)
	}
	if res := b.get(idPath(e.restricted)); res.status != http.StatusNotFound {
		t.Errorf("the administrator opens the record after refused grants: status %d", res.status)
	}
	if n := len(e.accessLines("denied")); n < 2 {
		t.Errorf("%d refusals logged, want the page's and the API's", n)
	}

	// The same grant to someone else is allowed, and logged as a grant.
	form.Set("user_id", strconv.FormatInt(int64(e.users[access.Practitioner].ID), 10))
	if res := b.post("/admin/grants/new", form); res.status != http.StatusSeeOther {
		t.Fatalf("grant to another user: status %d: %.300s", res.status, res.body)
	}
	lines := e.accessLines("grant.create")
	if len(lines) != 1 || lines[0].PersonID != e.restricted || lines[0].UserID != admin.ID || lines[0].Note != "I want to see it" {
		t.Errorf("grant log lines %+v, want one for the record with its reason", lines)
	}
}

func TestNobodyChangesTheirOwnRolesTeamOrAccount(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin := e.users[access.Admin]
	other, err := e.st.CreateTeam(ctx, access.Team{Name: "Elsewhere", ServiceID: e.team.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	b := e.browser().signIn(access.Admin)
	self := func(roles []string, team access.TeamID, disabled bool) url.Values {
		v := url.Values{"version": {e.versionOf(admin.ID)}, "display_name": {admin.DisplayName}, "roles": roles, "team_id": {strconv.FormatInt(int64(team), 10)}, "reason": {"Because I can"}}
		if disabled {
			v.Set("disabled", "yes")
		}
		return v
	}
	wantSummary(t, "own roles (page)", b.post(userPath(admin.ID), self([]string{"admin", "programme_manager"}, e.team.ID, false)), "roles", "You cannot change your own roles")
	wantSummary(t, "own last admin role (page)", b.post(userPath(admin.ID), self([]string{"auditor"}, e.team.ID, false)), "roles", "You cannot change your own roles")
	wantSummary(t, "own team (page)", b.post(userPath(admin.ID), self([]string{"admin"}, other.ID, false)), "team_id", "You cannot move yourself")
	wantSummary(t, "own account (page)", b.post(userPath(admin.ID), self([]string{"admin"}, e.team.ID, true)), "disabled", "You cannot disable your own account")

	put := func(body string) response { return e.api(access.Admin, "PUT", apiUserPath(admin.ID), body) }
	wantFieldError(t, "own roles (API)", put(`{"version":1,"display_name":"Test Administrator","roles":["admin","auditor"],"team_id":`+strconv.FormatInt(int64(e.team.ID), 10)+`,"reason":"x"}`), "roles")
	wantFieldError(t, "own team (API)", put(`{"version":1,"display_name":"Test Administrator","roles":["admin"],"team_id":`+strconv.FormatInt(int64(other.ID), 10)+`,"reason":"x"}`), "team_id")
	wantFieldError(t, "own account (API)", put(`{"version":1,"display_name":"Test Administrator","roles":["admin"],"team_id":`+strconv.FormatInt(int64(e.team.ID), 10)+`,"disabled":true,"reason":"x"}`), "disabled")

	got, err := e.st.User(ctx, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Roles) != 1 || got.Roles[0] != access.Admin || got.TeamID != e.team.ID || got.Disabled {
		t.Fatalf("refused changes changed the account: %+v", got)
	}
	if n := len(e.accessLines("denied")); n < 7 {
		t.Errorf("%d refusals logged, want each of the 7", n)
	}

	// One's own name may change; another administrator may change one's roles.
	if res := b.post(userPath(admin.ID), url.Values{"version": {e.versionOf(admin.ID)}, "display_name": {"Ada Admin"}, "roles": {"admin"}, "team_id": {strconv.FormatInt(int64(e.team.ID), 10)}, "reason": {"Name corrected"}}); res.status != http.StatusSeeOther {
		t.Errorf("own name: status %d: %.300s", res.status, res.body)
	}
	_, err = e.app.CreateUser(ctx, app.Actor{}, app.NewUser{Username: "second.admin", DisplayName: "Second Admin", Password: testPassword, Roles: []access.Role{access.Admin}}, true)
	if err != nil {
		t.Fatal(err)
	}
	b2 := e.browser()
	if res := b2.post("/sign-in", url.Values{"username": {"second.admin"}, "password": {testPassword}}); res.status != http.StatusSeeOther {
		t.Fatalf("second admin signs in: %d", res.status)
	}
	b2.csrf = csrfRE.FindStringSubmatch(b2.get("/").body)[1]
	if res := b2.post(userPath(admin.ID), url.Values{"version": {e.versionOf(admin.ID)}, "display_name": {"Ada Admin"}, "roles": {"admin", "programme_manager"}, "team_id": {strconv.FormatInt(int64(e.team.ID), 10)}, "reason": {"Runs the programme this quarter"}}); res.status != http.StatusSeeOther {
		t.Errorf("another administrator changes the roles: status %d: %.300s", res.status, res.body)
	}
	got, _ = e.st.User(ctx, admin.ID)
	if len(got.Roles) != 2 {
		t.Errorf("roles after another administrator's change: %v", got.Roles)
	}
}

// userHistory is the API's answer to GET /api/v1/users/{id}/history.
type userHistory struct {
	Versions []struct {
		Version int           `json:"version"`
		By      access.UserID `json:"by"`
		ByName  string        `json:"by_name"`
		Reason  string        `json:"reason"`
		User    access.User   `json:"user"`
	} `json:"versions"`
}

func TestUserChangesAreVersionedAndLogged(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin, worker := e.users[access.Admin], e.users[access.Practitioner]
	b := e.browser().signIn(access.Admin)
	team := strconv.FormatInt(int64(e.team.ID), 10)

	// A change needs a reason, and without one changes nothing.
	res := b.post(userPath(worker.ID), url.Values{"version": {"1"}, "display_name": {worker.DisplayName}, "roles": {"practitioner", "team_manager"}, "team_id": {team}})
	wantSummary(t, "no reason (page)", res, "reason", "Enter the reason")
	wantFieldError(t, "no reason (API)", e.api(access.Admin, "PUT", apiUserPath(worker.ID), `{"version":1,"display_name":"W","roles":["practitioner"]}`), "reason")
	if got, _ := e.st.User(ctx, worker.ID); len(got.Roles) != 1 || got.DisplayName != worker.DisplayName {
		t.Fatalf("a change without a reason was saved: %+v", got)
	}

	res = b.post(userPath(worker.ID), url.Values{"version": {"1"}, "display_name": {worker.DisplayName}, "roles": {"practitioner", "team_manager"}, "team_id": {team}, "reason": {"Acting team manager while Sam is away"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("change roles: status %d: %.300s", res.status, res.body)
	}
	res = e.api(access.Admin, "PUT", apiUserPath(worker.ID), `{"version":2,"display_name":"Tess Worker","roles":["practitioner","team_manager"],"team_id":`+team+`,"reason":"Name changed on marriage"}`)
	if res.status != http.StatusOK {
		t.Fatalf("change name: status %d: %.300s", res.status, res.body)
	}

	res = e.api(access.Admin, "GET", apiUserPath(worker.ID)+"/history", "")
	if res.status != http.StatusOK {
		t.Fatalf("history: status %d: %.300s", res.status, res.body)
	}
	var h userHistory
	if err := json.Unmarshal([]byte(res.body), &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 3 {
		t.Fatalf("%d versions, want created, roles changed, name changed: %s", len(h.Versions), res.body)
	}
	v := h.Versions[1]
	if v.Version != 2 || v.By != admin.ID || v.ByName != admin.DisplayName || v.Reason != "Acting team manager while Sam is away" || len(v.User.Roles) != 2 {
		t.Errorf("version 2: %+v", v)
	}
	if h.Versions[0].Reason == "" || len(h.Versions[0].User.Roles) != 1 {
		t.Errorf("version 1 does not keep the account as made: %+v", h.Versions[0])
	}
	if h.Versions[2].User.DisplayName != "Tess Worker" {
		t.Errorf("version 3: %+v", h.Versions[2])
	}
	if res := e.api(access.Practitioner, "GET", apiUserPath(worker.ID)+"/history", ""); res.status != http.StatusForbidden {
		t.Errorf("a practitioner reads their history through the admin API: status %d", res.status)
	}

	// The administrator's page of the user shows what changed, by whom and why.
	page := b.get(userPath(worker.ID))
	for _, want := range []string{"History of the account", "Acting team manager while Sam is away", "Name changed on marriage", "Practitioner, Team manager", admin.DisplayName} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the user's page does not show %q", want)
		}
	}

	// Each change is a line in the access log, the role change as such.
	if lines := e.accessLines("user.roles"); len(lines) != 1 || lines[0].UserID != admin.ID || !strings.Contains(lines[0].Note, "Acting team manager") {
		t.Errorf("user.roles lines: %+v", lines)
	}
	if lines := e.accessLines("user.update"); len(lines) != 1 || !strings.Contains(lines[0].Reason, "Tess Worker") {
		t.Errorf("user.update lines: %+v", lines)
	}

	// Adding a user asks for a reason too, and is logged.
	form := url.Values{"username": {"new.starter"}, "display_name": {"New Starter"}, "password": {testPassword}, "roles": {"practitioner"}, "team_id": {team}}
	wantSummary(t, "add without a reason", b.post("/admin/users/new", form), "reason", "Enter the reason")
	form.Set("reason", "Joined Safeguarding 1")
	if res := b.post("/admin/users/new", form); res.status != http.StatusSeeOther {
		t.Fatalf("add a user: status %d: %.300s", res.status, res.body)
	}
	if lines := e.accessLines("user.create"); len(lines) == 0 || !strings.Contains(lines[len(lines)-1].Reason, "new.starter") && !strings.Contains(lines[0].Reason, "new.starter") {
		t.Errorf("user.create lines: %+v", lines)
	}
}

func TestAdministratorRevokesAnotherUsersToken(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	worker := e.users[access.Practitioner]
	if res := e.api(access.Practitioner, "GET", "/api/v1/me", ""); res.status != http.StatusOK {
		t.Fatalf("the worker's token: status %d", res.status)
	}
	ts, err := e.st.Tokens(ctx, worker.ID)
	if err != nil || len(ts) != 1 {
		t.Fatalf("tokens %v, %v", ts, err)
	}
	tid := strconv.FormatInt(ts[0].ID, 10)

	b := e.browser().signIn(access.Admin)
	page := b.get(userPath(worker.ID))
	action := userPath(worker.ID) + "/tokens/" + tid + "/revoke"
	if !strings.Contains(page.body, `action="`+action+`"`) {
		t.Fatalf("the user's page has no revoke button for their token")
	}
	// Only an administrator may.
	if res := e.api(access.Analyst, "DELETE", apiUserPath(worker.ID)+"/tokens/"+tid, ""); res.status != http.StatusForbidden {
		t.Errorf("an analyst revokes a token: status %d", res.status)
	}
	if res := e.browser().signIn(access.TeamManager).post(action, nil); res.status != http.StatusForbidden {
		t.Errorf("a manager revokes a token: status %d", res.status)
	}
	// A token is revoked only as the user's it is.
	if res := e.api(access.Admin, "DELETE", apiUserPath(e.users[access.Analyst].ID)+"/tokens/"+tid, ""); res.status != http.StatusNotFound {
		t.Errorf("revoke under the wrong user: status %d, want 404", res.status)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1/me", ""); res.status != http.StatusOK {
		t.Fatalf("the token stopped working before it was revoked: %d", res.status)
	}

	if res := b.post(action, nil); res.status != http.StatusSeeOther || res.location != userPath(worker.ID) {
		t.Fatalf("revoke: status %d to %q", res.status, res.location)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1/me", ""); res.status != http.StatusUnauthorized {
		t.Errorf("the revoked token: status %d, want 401", res.status)
	}
	if !strings.Contains(b.get(userPath(worker.ID)).body, "Revoked") {
		t.Error("the user's page does not show the token as revoked")
	}

	// The API does the same, and lists the user's tokens.
	_, tok, err := e.app.CreateToken(ctx, worker.ID, "second")
	if err != nil {
		t.Fatal(err)
	}
	res := e.api(access.Admin, "GET", apiUserPath(worker.ID)+"/tokens", "")
	if res.status != http.StatusOK || !strings.Contains(res.body, `"name":"second"`) || strings.Contains(res.body, "hash") {
		t.Fatalf("list: status %d: %.300s", res.status, res.body)
	}
	if res := e.api(access.Admin, "DELETE", apiUserPath(worker.ID)+"/tokens/"+strconv.FormatInt(tok.ID, 10), ""); res.status != http.StatusNoContent {
		t.Fatalf("revoke through the API: status %d: %.300s", res.status, res.body)
	}
	if got, _ := e.st.Tokens(ctx, worker.ID); !got[1].Revoked {
		t.Error("the API's revoke did not revoke")
	}
	// Each revoke is logged before it is made; the one under the wrong
	// user is not saved, and its line says so.
	lines := e.accessLines("token.revoke")
	if len(lines) != 3 || lines[0].UserID != e.users[access.Admin].ID || (lines[0].Kind != store.KindUser || lines[0].RecordID != int64(worker.ID)) ||
		lines[0].State != store.LineDone || lines[1].State != store.LineDone || lines[2].State != store.LineFailed {
		t.Errorf("token.revoke lines: %+v", lines)
	}
}

func TestTokensExpire(t *testing.T) {
	e := newEnv(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone database")
	}
	now := time.Date(2026, time.June, 10, 9, 0, 0, 0, london)
	e.app.Clock = func() time.Time { return now }

	// Bad expiry dates are refused, naming the field.
	for _, d := range []string{"2026-06-09", "2027-06-11"} {
		wantFieldError(t, "expires "+d, e.api(access.Practitioner, "POST", "/api/v1/me/tokens", `{"name":"x","expires_on":"`+d+`"}`), "expires_on")
	}
	wantFieldError(t, "not a date", e.api(access.Practitioner, "POST", "/api/v1/me/tokens", `{"name":"x","expires_on":"2026-02-30"}`), "expires_on")

	res := e.api(access.Practitioner, "POST", "/api/v1/me/tokens", `{"name":"one day","expires_on":"2026-06-12"}`)
	if res.status != http.StatusCreated {
		t.Fatalf("create: status %d: %.300s", res.status, res.body)
	}
	var made struct {
		Token struct {
			ExpiresAt time.Time `json:"expires_at"`
		} `json:"token"`
		Secret string `json:"secret"`
	}
	if err := json.Unmarshal([]byte(res.body), &made); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, time.June, 13, 0, 0, 0, 0, london); !made.Token.ExpiresAt.Equal(want) {
		t.Errorf("expires at %s, want %s (the end of the day in London)", made.Token.ExpiresAt, want)
	}
	use := func() int {
		req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+made.Secret)
		return (&browser{e: e, c: http.DefaultClient}).do(req).status
	}
	now = time.Date(2026, time.June, 12, 23, 59, 0, 0, london)
	if s := use(); s != http.StatusOK {
		t.Errorf("on its last day: status %d", s)
	}
	now = time.Date(2026, time.June, 13, 0, 0, 0, 0, london)
	if s := use(); s != http.StatusUnauthorized {
		t.Errorf("after its last day: status %d, want 401", s)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1/me/tokens", ""); !strings.Contains(res.body, `"expired":true`) {
		t.Errorf("the list does not show the token as expired: %.300s", res.body)
	}
	if page := e.browser().signIn(access.Practitioner).get("/account"); !strings.Contains(page.body, "Expired") || !strings.Contains(page.body, "End of 12 June 2026") {
		t.Error("the account page does not show the expired token as expired")
	}

	// The account page takes an expiry and shows it.
	now = time.Date(2026, time.June, 10, 9, 0, 0, 0, london)
	b := e.browser().signIn(access.Practitioner)
	bad := url.Values{"name": {"script"}, "expires_on-day": {"11"}, "expires_on-month": {"6"}, "expires_on-year": {"2027"}}
	wantSummary(t, "a year and more (page)", b.post("/account/tokens", bad), "expires_on-day", "no more than a year")
	good := url.Values{"name": {"script"}, "expires_on-day": {"30"}, "expires_on-month": {"6"}, "expires_on-year": {"2026"}}
	res = b.post("/account/tokens", good)
	if res.status != http.StatusOK || !strings.Contains(res.body, "End of 30 June 2026") {
		t.Errorf("create on the page: status %d, expiry not shown: %.300s", res.status, res.body)
	}
}
