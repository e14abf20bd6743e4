package api

import "testing"

// TestIndicatorsThroughTheAPI: the framework at a date, and one indicator
// with a page of its children, for those who may open the lists; the figure
// alone for a programme manager; nobody else.
func TestIndicatorsThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	e.at(2)
	for _, name := range []string{"Ann", "Ben", "Cas"} {
		var created personResponse
		e.send("POST", "/api/v1/people", "worker", j(map[string]any{
			"person": map[string]any{"given_name": name, "family_name": "Help", "date_of_birth": "2014-03-01", "sex": "2"},
			"reason": "early help",
		}), 201, &created)
		e.record("/api/v1/people/"+itoa(created.Person.ID)+"/journey", "worker", map[string]any{
			"kind": "early_help", "start": "2025-01-06", "team_id": e.teamA, "early_help": map[string]any{},
		})
	}
	e.run(t, []scenario{
		{name: "the framework", method: "GET", path: "/api/v1/indicators?at=2025-03-31", token: "analyst", wantStatus: 200,
			wantBody: []string{`"at":"2025-03-31"`, `"id":"eh_open"`, `"id":"caseload_average"`, `"source":"DfE: CIN census referrals"`}},
		{name: "a date that is not one", method: "GET", path: "/api/v1/indicators?at=31/03/2025", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"at"`}},
		{name: "one indicator, a page of one", method: "GET", path: "/api/v1/indicators/eh_open?at=2025-03-31&per_page=1&page=2", token: "analyst", wantStatus: 200,
			wantBody: []string{`"value":3`, `"numerator":3`, `"denominator":0`, `"source":"local"`, `"list":{"name":"numerator","page":2,"per_page":1,"pages":3,"total":3,"entries":[{"person_id":`, `"reason":"early help open"`}},
		{name: "the figure alone for a programme manager", method: "GET", path: "/api/v1/indicators/eh_open?at=2025-03-31", token: "progman", wantStatus: 200,
			wantBody: []string{`"value":3`}, notBody: []string{`"list"`, "Help"}},
		{name: "a service's framework", method: "GET", path: "/api/v1/indicators?at=2025-03-31&service=" + itoa(int64(e.svc)), token: "analyst", wantStatus: 200,
			wantBody: []string{`"service_id":`, `"not_by_team":true`}},
		{name: "no such worker", method: "GET", path: "/api/v1/indicators?worker=99999", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"worker"`}},
		{name: "a worker's id that is not one", method: "GET", path: "/api/v1/indicators/eh_open?worker=jo", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"worker"`}},
		{name: "two scopes", method: "GET", path: "/api/v1/indicators?team=1&worker=1", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"team"`}},
		{name: "no such indicator", method: "GET", path: "/api/v1/indicators/nope", token: "analyst", wantStatus: 404},
		{name: "not a practitioner", method: "GET", path: "/api/v1/indicators/eh_open", token: "worker", wantStatus: 403},
		{name: "not an auditor", method: "GET", path: "/api/v1/indicators", token: "auditor", wantStatus: 403},
	})
}
