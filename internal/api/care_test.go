package api

import (
	"testing"

	"hearth/internal/access"
)

// TestCareThroughTheAPI records an episode of care and a missing episode
// through the API, then reads them as a practitioner, who sees where the
// child is placed, and as a MASH worker, whose responses (the record, its
// history, the journey and its chronology) lack the postcode and URN; a
// change the MASH worker sends keeps them.
func TestCareThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	e.addUser("mash", e.teamA, access.MASH)
	e.at(2)
	var created personResponse
	e.send("POST", "/api/v1/people", "worker", j(map[string]any{
		"person": map[string]any{"given_name": "Rio", "family_name": "Ashby", "date_of_birth": "2011-02-14", "sex": "1"},
		"reason": "placed in an emergency",
	}), 201, &created)
	jpath := "/api/v1/people/" + itoa(created.Person.ID) + "/journey"

	episode := e.record(jpath, "worker", map[string]any{
		"kind": "care_episode", "start": "2025-06-02", "team_id": e.teamA,
		"care_episode": map[string]any{"legal_status": "V2", "need": "N1", "placement": "U6", "provider": "PR1",
			"postcode": "WV10 6QQ", "urn": "SC112233", "reason_new": "S"},
	})
	if episode.CareEpisode == nil || episode.CareEpisode.Postcode != "WV10 6QQ" {
		t.Fatalf("the episode as written for its practitioner: %+v", episode.CareEpisode)
	}
	missing := e.record(jpath, "worker", map[string]any{
		"kind": "missing", "start": "2025-06-02", "team_id": e.teamA,
		"missing": map[string]any{"started_at": "2025-06-02T07:00:00Z", "reported_to_police": true},
	})
	rpath := jpath + "/" + itoa(episode.ID)
	hidden := []string{"WV10 6QQ", "SC112233", `"postcode"`, `"urn"`}
	e.run(t, []scenario{
		{name: "the practitioner sees the address", method: "GET", path: rpath, token: "worker", wantStatus: 200, wantBody: []string{`"postcode":"WV10 6QQ"`, `"urn":"SC112233"`}},
		{name: "MASH reads the episode without it", method: "GET", path: rpath, token: "mash", wantStatus: 200, wantBody: []string{`"legal_status":"V2"`}, notBody: hidden},
		{name: "MASH reads the journey without it", method: "GET", path: jpath, token: "mash", wantStatus: 200, wantBody: []string{`"placement":"U6"`, `"reported_to_police":true`, `"id":` + itoa(missing.ID)}, notBody: hidden},
		{name: "the analyst reads it without it", method: "GET", path: rpath, token: "analyst", wantStatus: 200, notBody: hidden},
		{name: "MASH may not change an episode of care", method: "PUT", path: rpath, token: "mash", body: j(map[string]any{
			"record": map[string]any{"kind": "care_episode", "version": 1, "start": "2025-06-02", "team_id": e.teamA,
				"care_episode": map[string]any{"legal_status": "V2", "need": "N1", "placement": "U6", "provider": "PR1", "reason_new": "S", "permanence": "return_home"}},
			"reason": "the plan agreed with the family",
		}), wantStatus: 403, notBody: hidden},
		{name: "the practitioner still sees it, unchanged", method: "GET", path: rpath, token: "worker", wantStatus: 200, wantBody: []string{`"version":1`, `"postcode":"WV10 6QQ"`}},
	})
}
