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
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The register of foster households through the pages and the API: the
// route table's helpers, and the tests of what the table does not show.

var (
	carersReaders  = []access.Role{access.Practitioner, access.TeamManager}
	carersManagers = []access.Role{access.TeamManager}
	// placementCounters see the counts of foster placements: aggregate
	// figures for managing the service (docs/SECURITY.md).
	placementCounters = []access.Role{access.TeamManager, access.Analyst}
)

// household adds a household to the register, straight to the store.
func (e *env) household(name string) care.Household {
	e.t.Helper()
	h, err := e.st.CreateHousehold(context.Background(), care.Household{Name: name, Type: "mainstream", Approved: civil.MustNew(2019, time.March, 4), Places: 2, Postcode: "WV1 1RG"},
		store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return h
}

func householdPath(id care.HouseholdID) string { return "/carers/" + strconv.FormatInt(int64(id), 10) }

func apiHouseholdPath(id care.HouseholdID) string {
	return "/api/v1/households/" + strconv.FormatInt(int64(id), 10)
}

// householdForm is the form of a household from version v (0: a new one).
func householdForm(name string, v int) url.Values {
	f := url.Values{"name": {name}, "type": {"mainstream"}, "places": {"2"}, "postcode": {"WV2 4AA"}, "reason": {"approved at panel"},
		"approved-day": {"4"}, "approved-month": {"3"}, "approved-year": {"2019"}}
	if v > 0 {
		f.Set("version", strconv.Itoa(v))
	}
	return f
}

// householdNamed checks that the household has the name now.
func (e *env) householdNamed(id care.HouseholdID, name string) error {
	h, err := e.st.Household(context.Background(), id)
	if err != nil {
		return err
	}
	if h.Name != name {
		return fmt.Errorf("household %d is named %q, want %q", id, h.Name, name)
	}
	return nil
}

// householdIn is the household whose id ends the path (or the location).
func householdIn(path string) care.HouseholdID {
	parts := strings.Split(strings.TrimSuffix(path, "/edit"), "/")
	n, _ := strconv.ParseInt(parts[len(parts)-1], 10, 64)
	return care.HouseholdID(n)
}

// carersRoutes are the route table's rows for the register.
var carersRoutes = map[string]routeRule{
	"GET /carers": {allowed: carersReaders, req: func(e *env, _ access.Role) call {
		e.household("Okafor " + serial())
		return call{path: "/carers?status=active"}
	}, check: contains("Okafor")},
	"GET /carers/placements": {allowed: placementCounters, check: contains("All foster placements")},
	"GET /carers/new":        {allowed: carersManagers, check: contains(`name="places"`)},
	"POST /carers/new": {allowed: carersManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{form: householdForm("Added "+serial(), 0)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.householdNamed(householdIn(res.location), c.form.Get("name"))
	}},
	"GET /carers/{id}": {allowed: carersReaders, req: func(e *env, _ access.Role) call {
		return call{path: householdPath(e.household("Okafor " + serial()).ID)}
	}, check: contains("History of the household")},
	"GET /carers/{id}/edit": {allowed: carersManagers, req: func(e *env, _ access.Role) call {
		return call{path: householdPath(e.household("Okafor "+serial()).ID) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /carers/{id}/edit": {allowed: carersManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: householdPath(e.household("Okafor "+serial()).ID) + "/edit", form: householdForm("Renamed "+serial(), 1)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.householdNamed(householdIn(c.path), c.form.Get("name"))
	}},

	"GET /api/v1/households": {allowed: carersReaders, req: func(e *env, _ access.Role) call {
		e.household("Okafor " + serial())
		return call{path: "/api/v1/households?type=mainstream"}
	}, check: contains(`"households":[{"id":`)},
	"POST /api/v1/households": {allowed: carersManagers, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		return call{body: jsonOf(map[string]any{"household": map[string]any{"name": "Posted " + serial(), "type": "agency", "agency": "Fostering Partners",
			"approved": "2021-05-06", "places": 1}, "reason": "approved by the agency"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var got struct{ Household care.Household }
		if err := json.Unmarshal([]byte(res.body), &got); err != nil || got.Household.ID == 0 {
			return fmt.Errorf("no household in %.200s", res.body)
		}
		return e.householdNamed(got.Household.ID, got.Household.Name)
	}},
	"GET /api/v1/households/placements": {allowed: placementCounters, check: contains(`"placements":{"in_house":`)},
	"GET /api/v1/households/{id}": {allowed: carersReaders, req: func(e *env, _ access.Role) call {
		return call{path: apiHouseholdPath(e.household("Okafor " + serial()).ID)}
	}, check: contains(`"children":[]`)},
	"PUT /api/v1/households/{id}": {allowed: carersManagers, req: func(e *env, _ access.Role) call {
		h := e.household("Okafor " + serial())
		return call{path: apiHouseholdPath(h.ID), body: jsonOf(map[string]any{"household": map[string]any{"version": 1, "name": "Renamed " + serial(), "type": "mainstream",
			"approved": "2019-03-04", "deregistered": "2025-01-31", "places": 2}, "reason": "retired"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Household struct{ Name string } }
		_ = json.Unmarshal([]byte(c.body), &sent)
		if err := e.householdNamed(householdIn(c.path), sent.Household.Name); err != nil {
			return err
		}
		h, err := e.st.Household(context.Background(), householdIn(c.path))
		if err != nil || h.Deregistered != civil.MustNew(2025, time.January, 31) || h.Postcode != "" {
			return fmt.Errorf("after the change: %+v %v", h, err)
		}
		return nil
	}},
	"GET /api/v1/households/{id}/history": {allowed: carersReaders, req: func(e *env, _ access.Role) call {
		return call{path: apiHouseholdPath(e.household("Okafor "+serial()).ID) + "/history"}
	}, check: contains(`"versions":[{"version":1`)},
}

// placeWith records an open episode of care placing the child with the
// household, straight to the store. No team holds it, so it gives no
// involvement: the fixture's own say who may read each child.
func (e *env) placeWith(id people.ID, h care.HouseholdID) {
	e.t.Helper()
	_, err := e.st.CreateJourneyRecord(context.Background(), journey.Record{PersonID: id, Kind: journey.KindCareEpisode, Start: civil.MustNew(2024, time.February, 2),
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR1", Household: h, ReasonNew: "S"}}, store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
}

// TestHouseholdPageShowsOnlyChildrenTheReaderMaySee: the team's child is
// listed, by page and API; the restricted child and the stranger living in
// the same household leave no trace, not even a count.
func TestHouseholdPageShowsOnlyChildrenTheReaderMaySee(t *testing.T) {
	e := newEnv(t)
	h := e.household("Okafor")
	for _, id := range []people.ID{e.child, e.restricted, e.stranger} {
		e.placeWith(id, h.ID)
	}
	child, restricted, stranger := e.person(e.child), e.person(e.restricted), e.person(e.stranger)
	for _, role := range carersReaders {
		page := e.browser().signIn(role).get(householdPath(h.ID))
		if page.status != http.StatusOK || !strings.Contains(page.body, child.FamilyName+", "+child.GivenName) {
			t.Fatalf("%s: status %d, the team's child not listed: %.300s", role, page.status, page.body)
		}
		api := e.api(role, "GET", apiHouseholdPath(h.ID), "")
		var got struct {
			Children []struct {
				PersonID people.ID `json:"person_id"`
			}
		}
		if err := json.Unmarshal([]byte(api.body), &got); err != nil || len(got.Children) != 1 || got.Children[0].PersonID != e.child {
			t.Fatalf("%s: the API lists %+v (%v): %.300s", role, got.Children, err, api.body)
		}
		for _, p := range []people.Person{restricted, stranger} {
			id := strconv.FormatInt(int64(p.ID), 10)
			if strings.Contains(page.body, `href="/people/`+id+`"`) || strings.Contains(page.body, p.GivenName) ||
				strings.Contains(api.body, `"person_id":`+id+`,`) || strings.Contains(api.body, p.GivenName) {
				t.Errorf("%s: a child they may not see shows", role)
			}
		}
		for _, hint := range []string{"3 children", "2 children", "other children", "you cannot see", "not shown"} {
			if strings.Contains(page.body, hint) || strings.Contains(api.body, hint) {
				t.Errorf("%s: the page hints at children not shown (%q)", role, hint)
			}
		}
	}
}

// TestHouseholdFormErrorsAndConflict: bad boxes are shown in the GOV.UK
// error summary and nothing is saved; a change from a stale version gets
// the conflict page (409), keeping what was typed.
func TestHouseholdFormErrorsAndConflict(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.TeamManager)
	f := householdForm("", 0)
	f.Set("places", "two")
	f.Set("approved-month", "13")
	f.Set("postcode", "nowhere")
	res := b.post("/carers/new", f)
	wantSummary(t, "a bad household", res, "name", "Enter the household&#39;s name")
	for _, want := range []string{`href="#approved-day"`, `href="#places"`, `href="#postcode"`, "Places must be a whole number", `value="two"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if all, _ := e.st.Households(context.Background(), store.HouseholdQuery{}); len(all) != 0 {
		t.Fatalf("a refused household was saved: %+v", all)
	}

	h := e.household("Okafor")
	if res := b.post(householdPath(h.ID)+"/edit", householdForm("First change", 1)); res.status != http.StatusSeeOther {
		t.Fatalf("first change: status %d: %.300s", res.status, res.body)
	}
	res = b.post(householdPath(h.ID)+"/edit", householdForm("My change", 1))
	if res.status != http.StatusConflict {
		t.Fatalf("stale change: status %d, want 409: %.300s", res.status, res.body)
	}
	for _, want := range []string{"Someone else saved a change to this household", `value="My change"`, "First change", `name="version" value="2"`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	if err := e.householdNamed(h.ID, "First change"); err != nil {
		t.Error(err)
	}
	// Deregistering is a change; the register's filter then finds it among
	// those who have left.
	f = householdForm("First change", 2)
	f.Set("deregistered-day", "31")
	f.Set("deregistered-month", "1")
	f.Set("deregistered-year", "2025")
	f.Set("reason", "retired")
	if res := b.post(householdPath(h.ID)+"/edit", f); res.status != http.StatusSeeOther {
		t.Fatalf("deregistering: status %d: %.300s", res.status, res.body)
	}
	if page := b.get("/carers?status=ended"); !strings.Contains(page.body, "First change") || !strings.Contains(page.body, "31 January 2025") {
		t.Errorf("the deregistered household is not listed as ended")
	}
	if page := b.get("/carers?status=sometimes"); page.status != http.StatusUnprocessableEntity || !strings.Contains(page.body, `href="#status"`) {
		t.Errorf("a bad filter: status %d", page.status)
	}
}

// TestHouseholdAPIErrors: the API names each bad field and writes nothing;
// a stale version is 409; an unknown field is a bad request.
func TestHouseholdAPIErrors(t *testing.T) {
	e := newEnv(t)
	res := e.api(access.TeamManager, "POST", "/api/v1/households", `{"household":{"name":"","type":"castle","approved":"2019-03-04","places":0,"postcode":"x"},"reason":""}`)
	for _, f := range []string{"name", "type", "places", "postcode", "reason"} {
		wantFieldError(t, "a bad household", res, f)
	}
	if all, _ := e.st.Households(context.Background(), store.HouseholdQuery{}); len(all) != 0 {
		t.Fatalf("a refused household was saved: %+v", all)
	}
	res = e.api(access.TeamManager, "POST", "/api/v1/households", `{"household":{"name":"Okafor","type":"mainstream","approved":"2019-02-30","places":2},"reason":"x"}`)
	wantFieldError(t, "a date that is not real", res, "approved")
	res = e.api(access.TeamManager, "POST", "/api/v1/households", `{"household":{"id":7,"name":"Okafor"},"reason":"x"}`)
	if res.status != http.StatusBadRequest || !strings.Contains(res.body, `"field":"id"`) {
		t.Errorf("a body naming the id: status %d: %.300s", res.status, res.body)
	}
	h := e.household("Okafor")
	change := func(v int) response {
		return e.api(access.TeamManager, "PUT", apiHouseholdPath(h.ID), jsonOf(map[string]any{"household": map[string]any{"version": v, "name": "Okafor", "type": "mainstream", "approved": "2019-03-04", "places": 3}, "reason": "a third place"}))
	}
	if res := change(1); res.status != http.StatusOK {
		t.Fatalf("change: status %d: %.300s", res.status, res.body)
	}
	if res := change(1); res.status != http.StatusConflict {
		t.Errorf("stale change: status %d: %.300s", res.status, res.body)
	}
	if res := e.api(access.TeamManager, "GET", apiHouseholdPath(h.ID+50), ""); res.status != http.StatusNotFound {
		t.Errorf("no such household: status %d", res.status)
	}
}
