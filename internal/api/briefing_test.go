package api

import (
	"context"
	"testing"

	"hearth/internal/access"
)

// TestBriefingThroughTheAPI: an administrator names the hub; its members
// read the briefing, with a young person reported missing through the API;
// nobody else does, and only administrators name the hub.
func TestBriefingThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	hub, err := e.app.CreateTeam(context.Background(), e.actor(e.users["admin"]), "Missing and Exploitation Hub", e.svc)
	if err != nil {
		t.Fatal(err)
	}
	e.addUser("hub", hub.ID, access.Practitioner)
	e.addUser("police", hub.ID, access.Partner)
	e.addUser("police.elsewhere", e.teamB, access.Partner)
	e.at(2)
	var created personResponse
	e.send("POST", "/api/v1/people", "worker", j(map[string]any{
		"person": map[string]any{"given_name": "Kai", "family_name": "Lowe", "date_of_birth": "2010-09-01", "sex": "1"},
		"reason": "missing from home",
	}), 201, &created)
	e.record("/api/v1/people/"+itoa(created.Person.ID)+"/journey", "worker", map[string]any{
		"kind": "missing", "start": "2025-06-01", "team_id": e.teamA,
		"missing": map[string]any{"started_at": "2025-06-01T21:00:00Z", "reported_to_police": true},
	})
	e.run(t, []scenario{
		{name: "no hub yet: refused", method: "GET", path: "/api/v1/briefing", token: "hub", wantStatus: 403},
		{name: "only administrators name the hub", method: "PUT", path: "/api/v1/settings/hub", token: "worker", body: j(map[string]any{"team_id": hub.ID, "version": 0, "reason": "r"}), wantStatus: 403},
		{name: "the team must exist", method: "PUT", path: "/api/v1/settings/hub", token: "admin", body: `{"team_id":9999,"version":0,"reason":"the hub opens"}`, wantStatus: 422, wantBody: []string{`"field":"team_id"`}},
		{name: "the administrator names the hub", method: "PUT", path: "/api/v1/settings/hub", token: "admin", body: j(map[string]any{"team_id": hub.ID, "version": 0, "reason": "the hub opens"}), wantStatus: 200, wantBody: []string{`"team_id":` + itoa(hub.ID), `"version":1`, `"reason":"the hub opens"`}},
		{name: "from a stale version: conflict", method: "PUT", path: "/api/v1/settings/hub", token: "admin", body: j(map[string]any{"team_id": e.teamA, "version": 0, "reason": "late"}), wantStatus: 409},
		{name: "the setting", method: "GET", path: "/api/v1/settings/hub", token: "admin", wantStatus: 200, wantBody: []string{`"team_id":` + itoa(hub.ID)}},
		{name: "a hub member reads the briefing", method: "GET", path: "/api/v1/briefing", token: "hub", wantStatus: 200, wantBody: []string{`"name":"Kai Lowe"`, `"missing":true`, `"missing_hours":12`, `"reported_to_police":true`, `"age":14`}},
		{name: "so does the hub's police officer", method: "GET", path: "/api/v1/briefing", token: "police", wantStatus: 200, wantBody: []string{`"name":"Kai Lowe"`}},
		{name: "not the child's own worker", method: "GET", path: "/api/v1/briefing", token: "worker", wantStatus: 403, notBody: []string{"Kai"}},
		{name: "not a partner elsewhere", method: "GET", path: "/api/v1/briefing", token: "police.elsewhere", wantStatus: 403, notBody: []string{"Kai"}},
		{name: "not an analyst", method: "GET", path: "/api/v1/briefing", token: "analyst", wantStatus: 403},
	})
}
