package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The tests in this file are attacks on a running server by a signed-in
// practitioner looking for what they may not see: the duplicate check, the
// edit form's check step and the search's count of hidden matches.

// NHS numbers with correct check digits.
const (
	adoptedNHS = "4857773457"
	farNHS     = "7000000015"
	changedNHS = "7000000023"
)

// holders adds two children the practitioner may not open, each holding an
// NHS number: Rosa, restricted (adopted, say), and Tom, whom no team works
// with.
func holders(t *testing.T, e *env) (rosa, tom people.Person) {
	t.Helper()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	mk := func(given, family string, dob civil.Date, nhs string, restricted bool) people.Person {
		p, err := e.st.CreatePerson(context.Background(), people.Person{GivenName: given, FamilyName: family, DateOfBirth: dob, Sex: "2",
			Restricted: restricted, Identifiers: people.Identifiers{NHSNumber: nhs}}, c)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	return mk("Rosa", "Quillfeather", civil.MustNew(2019, time.August, 1), adoptedNHS, true),
		mk("Tom", "Faraway", civil.MustNew(2018, time.June, 9), farNHS, false)
}

// apiError is the API's error body without its request id, which differs
// from one request to the next.
func apiError(t *testing.T, res response) string {
	t.Helper()
	var body struct {
		Error map[string]any `json:"error"`
	}
	if err := json.Unmarshal([]byte(res.body), &body); err != nil || body.Error == nil {
		t.Fatalf("status %d, body %s: not an error", res.status, res.body)
	}
	delete(body.Error, "request_id")
	b, _ := json.Marshal(body.Error)
	return strconv.Itoa(res.status) + " " + string(b)
}

func checkBody(given, family, dob, nhs string) string {
	p := map[string]any{"given_name": given, "family_name": family, "date_of_birth": dob, "sex": "2"}
	if nhs != "" {
		p["identifiers"] = map[string]any{"nhs_number": nhs}
	}
	b, _ := json.Marshal(map[string]any{"person": p, "reason": "new contact"})
	return string(b)
}

// logged returns the access-log lines of one user with one action.
func (e *env) logged(role access.Role, action store.AccessAction) []store.AccessEntry {
	e.t.Helper()
	all, err := e.st.AccessLog(context.Background(), store.AccessQuery{UserID: e.users[role].ID, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.AccessEntry
	for _, l := range all {
		if l.Action == action {
			out = append(out, l)
		}
	}
	return out
}

// TestDuplicateCheckNeverRevealsARestrictedRecord is hole 1: POST
// /api/v1/people/check and the check step of adding a person counted a
// restricted record among the matches the user could not open, so a name and
// date of birth, or an NHS number alone, confirmed that an adopted child
// existed, and no log line was written.
func TestDuplicateCheckNeverRevealsARestrictedRecord(t *testing.T) {
	e := newEnv(t)
	rosa, tom := holders(t, e)
	api := func(body string) response {
		t.Helper()
		res := e.api(access.Practitioner, "POST", "/api/v1/people/check", body)
		if res.status != http.StatusOK {
			t.Fatalf("check: status %d: %s", res.status, res.body)
		}
		return res
	}

	// Her name and date of birth: nothing counted, nothing named.
	for _, who := range []people.Person{rosa, {GivenName: "Ruby", FamilyName: "Secret", DateOfBirth: civil.MustNew(2015, time.May, 4)}} {
		res := api(checkBody(who.GivenName, who.FamilyName, who.DateOfBirth.String(), ""))
		if !strings.Contains(res.body, `"duplicates":[]`) || !strings.Contains(res.body, `"hidden_duplicates":0`) {
			t.Errorf("check of %s %s, restricted: %s, want no duplicates and none counted", who.GivenName, who.FamilyName, res.body)
		}
	}
	// Tom, unrestricted, is still counted by his name and date of birth.
	if res := api(checkBody("Tom", "Faraway", "2018-06-09", "")); !strings.Contains(res.body, `"duplicates":[]`) || !strings.Contains(res.body, `"hidden_duplicates":1`) {
		t.Errorf("check of an unrestricted child held elsewhere: %s, want one counted", res.body)
	}

	// Her NHS number alone answers exactly as another child's does, and as
	// a number nobody holds.
	byNumber := func(nhs string) string {
		body := api(checkBody("Zara", "Unrelated", "2020-01-01", nhs)).body
		return strings.ReplaceAll(body, nhs, "NUMBER")
	}
	adopted, far, free := byNumber(adoptedNHS), byNumber(farNHS), byNumber(changedNHS)
	if adopted != far || adopted != free {
		t.Errorf("the check tells NHS numbers apart:\nrestricted holder: %s\nother holder:      %s\nnobody:            %s", adopted, far, free)
	}

	// Saving the number is refused, in words that never say whose, the same
	// for a restricted holder as for any other: on create and on update.
	create := func(nhs string) string {
		return apiError(t, e.api(access.Practitioner, "POST", "/api/v1/people", checkBody("Zara", "Unrelated", "2020-01-01", nhs)))
	}
	update := func(nhs string) string {
		pp, err := e.app.Person(context.Background(), app.Actor{Principal: access.Principal{User: e.users[access.Practitioner]}}, e.child, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		p := pp.Person
		p.Identifiers.NHSNumber = nhs
		b, _ := json.Marshal(map[string]any{"person": p, "reason": "from the GP"})
		return apiError(t, e.api(access.Practitioner, "PUT", "/api/v1"+idPath(e.child), string(b)))
	}
	for name, refuse := range map[string]func(string) string{"create": create, "update": update} {
		restricted, other := refuse(adoptedNHS), refuse(farNHS)
		if restricted != other {
			t.Errorf("%s: a restricted holder is refused with %s, another with %s", name, restricted, other)
		}
		if !strings.HasPrefix(restricted, "409 ") || !strings.Contains(restricted, `"identifiers.nhs_number"`) || strings.Contains(restricted, "Quillfeather") {
			t.Errorf("%s: refusal %s, want a 409 naming the field and not the holder", name, restricted)
		}
	}

	// The page's check step: nothing counted for her, and her number reads
	// as any other.
	b := e.browser().signIn(access.Practitioner)
	page := func(given, family string, dob civil.Date, nhs string) string {
		t.Helper()
		form := url.Values{"action": {"check"}, "given_name": {given}, "family_name": {family}, "sex": {"2"},
			"date_of_birth-day": {strconv.Itoa(dob.Day)}, "date_of_birth-month": {strconv.Itoa(int(dob.Month))}, "date_of_birth-year": {strconv.Itoa(dob.Year)},
			"identifiers.nhs_number": {nhs}}
		res := b.post("/people/new", form)
		if res.status != http.StatusOK {
			t.Fatalf("check step: status %d", res.status)
		}
		if nhs == "" {
			return res.body
		}
		return strings.ReplaceAll(res.body, nhs, "NUMBER")
	}
	if p := page("Rosa", "Quillfeather", rosa.DateOfBirth, ""); strings.Contains(p, "cannot open") || strings.Contains(p, "may already have a record") {
		t.Error("the check page hints at the restricted record")
	}
	if p := page("Tom", "Faraway", tom.DateOfBirth, ""); !strings.Contains(p, "1 possible match is a record you cannot open") {
		t.Error("the check page does not count an unrestricted record held elsewhere")
	}
	zara := civil.MustNew(2020, time.January, 1)
	if page("Zara", "Unrelated", zara, adoptedNHS) != page("Zara", "Unrelated", zara, farNHS) {
		t.Error("the check page tells a restricted holder of an NHS number from another")
	}

	// Every check is logged: the API's six and the page's four.
	if n := len(e.logged(access.Practitioner, "check")); n != 10 {
		t.Errorf("%d check lines in the access log, want 10", n)
	}
}

// TestEditCheckStepIsLogged is hole 2: the check step of changing a record
// showed the whole record as it stood (dates of birth, identifiers,
// addresses) and wrote nothing to the access log.
func TestEditCheckStepIsLogged(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	before := len(e.logged(access.Practitioner, "read"))
	form := url.Values{"action": {"check"}, "version": {"1"}, "given_name": {"Amira"}, "family_name": {"Khan-Ali"}, "sex": {"1"},
		"date_of_birth-day": {"4"}, "date_of_birth-month": {"5"}, "date_of_birth-year": {"2015"},
		"addresses.0.line1": {"1 High Street"}, "addresses.0.town": {"Wolverhampton"}, "addresses.0.postcode": {"WV1 1AA"},
		"addresses.0.start_date-day": {"4"}, "addresses.0.start_date-month": {"5"}, "addresses.0.start_date-year": {"2015"}}
	res := b.post(idPath(e.child)+"/edit", form)
	if res.status != http.StatusOK || !strings.Contains(res.body, "Khan-Ali") {
		t.Fatalf("check step: status %d", res.status)
	}
	reads := e.logged(access.Practitioner, "read")
	if len(reads) != before+1 {
		t.Fatalf("%d read lines after the check step, want %d", len(reads), before+1)
	}
	if l := reads[0]; l.PersonID != e.child || l.Route != "POST /people/{id}/edit" || l.Reason == "" {
		t.Errorf("the check step's line: %+v, want a read of the child through the edit route with its reason", l)
	}
}

// TestHiddenCountIsNotAnOracle is hole 3: with a date of birth or a postcode
// in the search, the count of matches the user could not open told a right
// guess from a wrong one, so a year of dates found a hidden child's birthday
// in seconds.
func TestHiddenCountIsNotAnOracle(t *testing.T) {
	e := newEnv(t)
	e.app.BreakGlass = false // on, the matches are listed, needing a reason, not counted
	// Sam Elsewhere, born 4 May 2015 at WV1 1AA, is held by no team.
	api := func(query string) string {
		t.Helper()
		res := e.api(access.Practitioner, "GET", "/api/v1/people?"+query, "")
		if res.status != http.StatusOK {
			t.Fatalf("search %s: status %d", query, res.status)
		}
		return res.body
	}
	if body := api("name=elsewhere"); !strings.Contains(body, `"hidden":1`) {
		t.Errorf("a search by name alone: %s, want the other team's record counted", body)
	}
	for _, pair := range [][2]string{
		{"name=elsewhere&date_of_birth=2015-05-04", "name=elsewhere&date_of_birth=2015-05-05"},
		{"name=elsewhere&postcode=WV1", "name=elsewhere&postcode=WV2"},
		{"name=elsewhere&postcode=WV1+1AA", "name=elsewhere&postcode=WV1+1AB"},
	} {
		right, wrong := api(pair[0]), api(pair[1])
		if right != wrong || !strings.Contains(right, `"hidden":0`) {
			t.Errorf("%s answers %s; %s answers %s: want the same, with nothing counted", pair[0], right, pair[1], wrong)
		}
	}
	b := e.browser().signIn(access.Practitioner)
	if res := b.get("/search?name=elsewhere"); !strings.Contains(res.body, "1 other matching record is held by teams you do not work with") {
		t.Error("the page's search by name alone does not count the other team's record")
	}
	right := b.get("/search?name=elsewhere&date_of_birth-day=4&date_of_birth-month=5&date_of_birth-year=2015").body
	wrong := b.get("/search?name=elsewhere&date_of_birth-day=5&date_of_birth-month=5&date_of_birth-year=2015").body
	if strings.Contains(right, "other matching") || strings.ReplaceAll(right, `value="4"`, `value="5"`) != wrong {
		t.Error("the page tells a right date of birth from a wrong one")
	}
	if !strings.Contains(right, "search by name only") {
		t.Error("the page does not say why nothing is counted")
	}

	// Each search is logged with its terms and what it showed.
	var terms []string
	for _, l := range e.logged(access.Practitioner, "search") {
		terms = append(terms, l.Note)
	}
	all := strings.Join(terms, "\n")
	for _, want := range []string{`name="elsewhere" date_of_birth="2015-05-05"`, `name="elsewhere" postcode="WV1 1AB"`, "shown 0, hidden count 1"} {
		if !strings.Contains(all, want) {
			t.Errorf("the access log lacks %s:\n%s", want, all)
		}
	}
}

// TestSearchesAreRateLimited: a burst of searches, then one every few
// seconds, per user, through the API and the pages alike; the refusal is a
// 429 with the API's error body, or a page saying what happened that keeps
// what was typed.
func TestSearchesAreRateLimited(t *testing.T) {
	e := newEnv(t)
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	e.app.Clock = func() time.Time { return time.Unix(0, clock.Load()) }
	b := e.browser().signIn(access.Practitioner)

	for i := range app.SearchBurst {
		if res := e.api(access.Practitioner, "GET", "/api/v1/people?name=khan", ""); res.status != http.StatusOK {
			t.Fatalf("search %d of the burst: status %d", i+1, res.status)
		}
	}
	res := e.api(access.Practitioner, "GET", "/api/v1/people?name=khan", "")
	if got := apiError(t, res); !strings.HasPrefix(got, "429 ") || !strings.Contains(got, `"code":"too_many_requests"`) || !strings.Contains(got, "Wait a moment") {
		t.Errorf("a search past the burst: %s, want 429 with the error body", got)
	}
	if res.header.Get("Retry-After") == "" {
		t.Error("the 429 does not say when to try again")
	}
	if res := e.api(access.Practitioner, "POST", "/api/v1/people/check", checkBody("Zara", "Unrelated", "2020-01-01", "")); res.status != http.StatusTooManyRequests {
		t.Errorf("a duplicate check past the burst: status %d, want 429", res.status)
	}
	// The pages share the user's allowance.
	page := b.get("/search?name=khan")
	if page.status != http.StatusTooManyRequests || !strings.Contains(page.body, "Wait a moment") || !strings.Contains(page.body, `value="khan"`) {
		t.Errorf("the search page past the burst: status %d, want 429 saying why, with the search kept", page.status)
	}
	form := url.Values{"action": {"check"}, "given_name": {"Zara"}, "family_name": {"Unrelated"}, "sex": {"2"},
		"date_of_birth-day": {"1"}, "date_of_birth-month": {"1"}, "date_of_birth-year": {"2020"}}
	page = b.post("/people/new", form)
	if page.status != http.StatusTooManyRequests || !strings.Contains(page.body, "Wait a moment") || !strings.Contains(page.body, `value="Unrelated"`) {
		t.Errorf("adding a person past the burst: status %d, want 429 saying why, with the form kept", page.status)
	}
	if n := len(e.logged(access.Practitioner, "denied")); n != 4 {
		t.Errorf("%d refusals in the access log, want 4", n)
	}
	// Other users are not held up; this one may search again in a moment.
	if res := e.api(access.TeamManager, "GET", "/api/v1/people?name=khan", ""); res.status != http.StatusOK {
		t.Errorf("another user's search: status %d", res.status)
	}
	clock.Add(int64(app.SearchEvery))
	if res := e.api(access.Practitioner, "GET", "/api/v1/people?name=khan", ""); res.status != http.StatusOK {
		t.Errorf("a search %s later: status %d", app.SearchEvery, res.status)
	}
}
