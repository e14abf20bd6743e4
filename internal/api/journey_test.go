package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// send makes a request that must succeed with want and returns its body
// decoded into out (when not nil).
func (e *env) send(method, path, token, body string, want int, out any) {
	e.t.Helper()
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	status, _, got := e.do(method, path, token, ct, body)
	if status != want {
		e.t.Fatalf("%s %s: status %d, want %d: %s", method, path, status, want, trim(got))
	}
	if out != nil {
		if err := json.Unmarshal([]byte(got), out); err != nil {
			e.t.Fatalf("%s %s: %v in %s", method, path, err, trim(got))
		}
	}
}

// record adds a record to the child's journey through the API and returns
// it as written.
func (e *env) record(path, token string, r map[string]any) journey.Record {
	e.t.Helper()
	var got journeyRecordResponse
	e.send("POST", path, token, j(r), 201, &got)
	if got.Record.ID == 0 || got.Record.Version != 1 {
		e.t.Fatalf("POST %s: record %+v, want an id at version 1", path, got.Record)
	}
	return got.Record
}

// at sets the clock to 10:00 in London on a day of June 2025.
func (e *env) at(day int) {
	e.clock.Set(time.Date(2025, time.June, day, 9, 0, 0, 0, time.UTC))
}

// TestJourneyThroughTheAPI follows a child from the front door to a child
// protection plan, then breaks each of the journey's rules once through the
// API and checks that every refusal names its field and writes nothing.
func TestJourneyThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	e.addUser("manager", e.teamA, access.TeamManager)
	e.addUser("mash", e.teamA, access.MASH)
	worker := e.users["worker"]

	// The child, added by the worker, whose team then has an open contact.
	var created personResponse
	e.send("POST", "/api/v1/people", "worker", j(map[string]any{
		"person": map[string]any{"given_name": "Maisie", "family_name": "Thorne", "date_of_birth": "2016-05-04", "sex": "2"},
		"reason": "call from school",
	}), 201, &created)
	child := created.Person.ID
	sister := e.createPerson(start, people.Person{GivenName: "Ivy", FamilyName: "Thorne", DateOfBirth: date("2018-01-09")})
	base := "/api/v1/people/" + itoa(child)
	jpath := base + "/journey"

	// 2 June: a contact at the front door, decided as a referral.
	e.at(2)
	status, header, body := e.do("POST", jpath, "worker", "application/json", j(map[string]any{
		"kind": "contact", "start": "2025-06-02",
		"contact": map[string]any{"received_at": "2025-06-02T08:30:00Z", "source": "2A", "summary": "Bruising seen at school"},
	}))
	if status != 201 {
		t.Fatalf("record a contact: status %d: %s", status, trim(body))
	}
	var added journeyRecordResponse
	if err := json.Unmarshal([]byte(body), &added); err != nil {
		t.Fatal(err)
	}
	contact := added.Record
	if want := jpath + "/" + itoa(contact.ID); header.Get("Location") != want {
		t.Errorf("Location %q, want %q", header.Get("Location"), want)
	}
	if contact.TeamID != e.teamA || contact.PersonID != child || contact.RecordedAt.IsZero() {
		t.Errorf("contact %+v: want the worker's team, the child and the moment recorded", contact)
	}
	e.run(t, []scenario{
		{name: "the front door's queue shows the contact", method: "GET", path: "/api/v1/front-door/contacts", token: "mash", wantStatus: 200, wantBody: []string{`"given_name":"Maisie"`, `"what":"Decide on the contact"`, `"record_id":` + itoa(contact.ID)}},
		{name: "only the front door has the queue", method: "GET", path: "/api/v1/front-door/contacts", token: "worker", wantStatus: 403},
		{name: "a decision names the version read", method: "POST", path: jpath + "/" + itoa(contact.ID) + "/decision", token: "mash", body: `{"decision":"referral","primary_need":"N1","team_id":` + itoa(e.teamA) + `}`, wantStatus: 422, wantBody: []string{`"field":"version"`}},
		{name: "a referral needs a team", method: "POST", path: jpath + "/" + itoa(contact.ID) + "/decision", token: "mash", body: `{"version":1,"decision":"referral","primary_need":"N1"}`, wantStatus: 422, wantBody: []string{`"field":"team_id"`}},
		{name: "a decision from the list", method: "POST", path: jpath + "/" + itoa(contact.ID) + "/decision", token: "mash", body: `{"version":1,"decision":"maybe"}`, wantStatus: 422, wantBody: []string{`"field":"decision"`}},
	})
	var decided decisionResult
	e.send("POST", jpath+"/"+itoa(contact.ID)+"/decision", "mash", j(map[string]any{
		"version": 1, "decision": "referral", "primary_need": "N1", "team_id": e.teamA,
	}), 200, &decided)
	if decided.Episode == nil || decided.Episode.Kind != journey.KindReferral || decided.Episode.Follows != contact.ID {
		t.Fatalf("decision opened %+v, want a referral following the contact", decided.Episode)
	}
	if c := decided.Contact; c.Version != 2 || c.End.String() != "2025-06-02" || c.Contact.Decision != "referral" || c.Contact.DecidedBy != e.users["mash"].ID {
		t.Errorf("decided contact %+v %+v", c, c.Contact)
	}
	referral := decided.Episode
	ep := referral.ID
	assessment := e.record(jpath, "worker", map[string]any{"kind": "assessment", "episode": ep, "start": "2025-06-02", "assessment": map[string]any{}})

	// 3 June: a strategy discussion decides on a Section 47 enquiry, which
	// is completed on 19 June with a conference.
	e.at(3)
	strategy := e.record(jpath, "worker", map[string]any{"kind": "strategy_discussion", "episode": ep, "start": "2025-06-03", "strategy_discussion": map[string]any{"outcome": "s47"}})
	s47 := e.record(jpath, "worker", map[string]any{"kind": "s47", "episode": ep, "follows": strategy.ID, "start": "2025-06-03", "s47": map[string]any{}})
	e.at(19)
	completed := s47
	completed.End = date("2025-06-19")
	completed.S47 = &journey.S47{Outcome: "icpc"}
	var changed journeyRecordResponse
	e.send("PUT", jpath+"/"+itoa(s47.ID), "worker", j(map[string]any{"record": completed, "reason": "enquiry completed"}), 200, &changed)
	if changed.Record.Version != 2 || changed.Record.S47.Outcome != "icpc" {
		t.Fatalf("completed enquiry %+v", changed.Record)
	}

	// 20 June: the conference makes a plan; 25 June: a visit.
	e.at(20)
	icpc := e.record(jpath, "worker", map[string]any{"kind": "icpc", "episode": ep, "follows": s47.ID, "start": "2025-06-20", "icpc": map[string]any{"plan": true}})
	plan := e.record(jpath, "worker", map[string]any{"kind": "cp_plan", "episode": ep, "follows": icpc.ID, "start": "2025-06-20", "plan": map[string]any{"initial_category": "PHY"}})
	e.at(25)
	e.record(jpath, "worker", map[string]any{"kind": "visit", "episode": ep, "follows": plan.ID, "start": "2025-06-25", "visit": map[string]any{"seen": true, "seen_alone": true}})

	e.run(t, []scenario{
		{name: "the journey", method: "GET", path: jpath, token: "worker", wantStatus: 200, wantBody: []string{
			`"status":"cp"`, `"kind":"cp_plan"`, `"what":"Hold the review conference"`, `"what":"Visit the child (child protection)"`,
			`"what":"Authorise the assessment"`, `"matrix":[{"team_id":` + itoa(e.teamA), `"what":"Contact received"`,
		}},
		{name: "a record and its history", method: "GET", path: jpath + "/" + itoa(s47.ID), token: "worker", wantStatus: 200, wantBody: []string{
			`"history":[{"version":1`, `"reason":"enquiry completed"`, `"outcome":"icpc"`, `"by_name":"Test worker"`,
		}},
		{name: "an analyst reads the journey", method: "GET", path: jpath, token: "analyst", wantStatus: 200},
		{name: "but may not add to it", method: "POST", path: jpath, token: "analyst", body: j(map[string]any{"kind": "note", "start": "2025-06-25", "note": map[string]any{"title": "t", "text": "x"}}), wantStatus: 403},
		{name: "a worker not involved cannot read it", method: "GET", path: jpath, token: "stranger", wantStatus: 404, notBody: []string{"Maisie", "cp_plan"}},
		{name: "nor one of its records", method: "GET", path: jpath + "/" + itoa(s47.ID), token: "stranger", wantStatus: 404},
		{name: "a record through another child is not found", method: "GET", path: "/api/v1/people/" + itoa(sister.ID) + "/journey/" + itoa(s47.ID), token: "worker", wantStatus: 404},
		{name: "a record id that is not a number", method: "GET", path: jpath + "/first", token: "worker", wantStatus: 404},
		{name: "no such record", method: "GET", path: jpath + "/999999", token: "worker", wantStatus: 404},
		{name: "a stale change", method: "PUT", path: jpath + "/" + itoa(s47.ID), token: "worker", body: j(map[string]any{"record": s47, "reason": "again"}), wantStatus: 409, wantBody: []string{`"code":"conflict"`}},
		{name: "only a manager allocates", method: "POST", path: base + "/allocation", token: "worker", body: j(map[string]any{"team_id": e.teamA, "worker_id": worker.ID, "start": "2025-06-25", "episode": ep, "reason": "allocated"}), wantStatus: 403},
		{name: "allocate", method: "POST", path: base + "/allocation", token: "manager", body: j(map[string]any{"team_id": e.teamA, "worker_id": worker.ID, "start": "2025-06-25", "episode": ep, "reason": "allocated"}), wantStatus: 201, wantBody: []string{`"kind":"allocation"`, `"worker_id":` + itoa(worker.ID)}, wantHeader: map[string]string{"Location": jpath + "/"}},
		{name: "the worker's list", method: "GET", path: "/api/v1/work", token: "worker", wantStatus: 200, wantBody: []string{`"given_name":"Maisie"`, `"status":"cp"`, `"worker_name":"Test worker"`, `"team_name":"Assessment Team 1"`}, notBody: []string{`"meetings"`}},
		{name: "the team's list", method: "GET", path: "/api/v1/teams/" + itoa(e.teamA) + "/work", token: "manager", wantStatus: 200, wantBody: []string{`"given_name":"Maisie"`, `"meetings":{"offered":0,"held":0,"median_days":-1}`}},
		{name: "another team's list is not found", method: "GET", path: "/api/v1/teams/" + itoa(e.teamA+999) + "/work", token: "manager", wantStatus: 404},
		{name: "a team id that is not a number", method: "GET", path: "/api/v1/teams/a/work", token: "manager", wantStatus: 404},
	})

	status, _, before := e.do("GET", jpath, "worker", "", "")
	if status != 200 {
		t.Fatalf("the journey before the refusals: status %d", status)
	}
	note := func(start string) map[string]any {
		return map[string]any{"kind": "note", "start": start, "note": map[string]any{"title": "Call", "text": "Mother rang"}}
	}
	planRecord := func(follows journey.ID, start string) map[string]any {
		return map[string]any{"kind": "cp_plan", "episode": ep, "follows": follows, "start": start, "plan": map[string]any{"initial_category": "NEG"}}
	}
	refusals := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		field  string
		says   string // part of the field's message
	}{
		// The body.
		{"unknown field", "POST", jpath, map[string]any{"kind": "note", "start": "2025-06-25", "colour": "red"}, 400, "colour", ""},
		{"a field in the wrong case", "POST", jpath, map[string]any{"Kind": "note"}, 400, "Kind", ""},
		{"an id for a new record", "POST", jpath, map[string]any{"id": 7, "kind": "note", "start": "2025-06-25", "note": map[string]any{"title": "t", "text": "x"}}, 400, "id", ""},
		{"a date that is not real", "POST", jpath, note("2025-02-30"), 422, "start", "real date"},
		// The record on its own.
		{"an unknown kind", "POST", jpath, map[string]any{"kind": "fostering", "start": "2025-06-25"}, 422, "kind", "kind of record"},
		{"an unknown code", "POST", jpath, map[string]any{"kind": "contact", "start": "2025-06-25", "contact": map[string]any{"received_at": "2025-06-25T08:00:00Z", "source": "ZZ"}}, 422, "contact.source", "from the list"},
		{"details of another kind", "POST", jpath, map[string]any{"kind": "note", "start": "2025-06-25", "note": map[string]any{"title": "t", "text": "x"}, "visit": map[string]any{"seen": true}}, 422, "note", "only those"},
		{"an end before the start", "POST", jpath, map[string]any{"kind": "assessment", "episode": ep, "start": "2025-06-20", "end": "2025-06-10", "assessment": map[string]any{}}, 422, "end", "on or after"},
		{"seen alone but not seen", "POST", jpath, map[string]any{"kind": "visit", "episode": ep, "follows": plan.ID, "start": "2025-06-25", "visit": map[string]any{"seen": false, "seen_alone": true}}, 422, "visit.seen_alone", "also be seen"},
		{"a contact received on another day", "POST", jpath, map[string]any{"kind": "contact", "start": "2025-06-24", "contact": map[string]any{"received_at": "2025-06-25T08:00:00Z", "source": "2A"}}, 422, "start", "day it was received"},
		// Time and the child's life.
		{"a record in the future", "POST", jpath, note("2025-06-26"), 422, "start", "today or in the past"},
		{"a record before birth", "POST", jpath, note("2016-05-03"), 422, "start", "before the child was born"},
		// Episodes.
		{"an assessment without an episode", "POST", jpath, map[string]any{"kind": "assessment", "start": "2025-06-25", "assessment": map[string]any{}}, 422, "episode", "belongs to a referral"},
		{"a contact within an episode", "POST", jpath, map[string]any{"kind": "contact", "episode": ep, "start": "2025-06-25", "contact": map[string]any{"received_at": "2025-06-25T08:00:00Z", "source": "2A"}}, 422, "episode", "episode of its own"},
		{"an episode that is not one", "POST", jpath, map[string]any{"kind": "assessment", "episode": assessment.ID, "start": "2025-06-25", "assessment": map[string]any{}}, 422, "episode", "referral or early help episode"},
		{"work before its referral", "POST", jpath, map[string]any{"kind": "strategy_discussion", "episode": ep, "start": "2025-06-01", "strategy_discussion": map[string]any{"outcome": "no_s47"}}, 422, "start", "before the referral"},
		// What a record follows.
		{"a conference that follows nothing", "POST", jpath, map[string]any{"kind": "icpc", "episode": ep, "start": "2025-06-25", "icpc": map[string]any{"plan": true}}, 422, "follows", "follows a Section 47 enquiry"},
		{"an enquiry that follows an assessment", "POST", jpath, map[string]any{"kind": "s47", "episode": ep, "follows": assessment.ID, "start": "2025-06-25", "s47": map[string]any{}}, 422, "follows", "strategy discussion"},
		{"a note that follows a record", "POST", jpath, map[string]any{"kind": "note", "follows": plan.ID, "start": "2025-06-25", "note": map[string]any{"title": "t", "text": "x"}}, 422, "follows", "does not follow"},
		{"a plan not on its conference's day", "POST", jpath, planRecord(icpc.ID, "2025-06-21"), 422, "start", "on the day of the conference"},
		// Overlaps.
		{"overlapping plans", "POST", jpath, planRecord(icpc.ID, "2025-06-20"), 422, "start", "cannot overlap"},
		{"a second open referral", "POST", jpath, map[string]any{"kind": "referral", "start": "2025-06-25", "referral": map[string]any{"source": "6", "primary_need": "N1"}}, 422, "start", "one open referral at a time"},
		// Closing an episode with work open.
		{"closing a referral with a plan open", "PUT", jpath + "/" + itoa(ep), map[string]any{"record": withEnd(*referral, "2025-06-25", "RC7"), "reason": "closed"}, 422, "end", "still open"},
		// Changes.
		{"a change of kind", "PUT", jpath + "/" + itoa(assessment.ID), map[string]any{"record": map[string]any{"version": 1, "kind": "note", "start": "2025-06-02", "note": map[string]any{"title": "t", "text": "x"}}, "reason": "x"}, 422, "kind", "cannot be changed"},
		{"a change without a reason", "PUT", jpath + "/" + itoa(assessment.ID), map[string]any{"record": assessment}, 422, "reason", ""},
		{"a change naming another child", "PUT", jpath + "/" + itoa(assessment.ID), map[string]any{"record": withPerson(assessment, child+1), "reason": "x"}, 422, "person_id", "match"},
		{"a change naming another record", "PUT", jpath + "/" + itoa(assessment.ID), map[string]any{"record": map[string]any{"id": plan.ID, "version": 1}, "reason": "x"}, 422, "id", "match"},
		// Decisions and allocations.
		{"a contact decided twice", "POST", jpath + "/" + itoa(contact.ID) + "/decision", map[string]any{"version": 2, "decision": "nfa"}, 422, "decision", "was decided"},
		{"a worker from another team", "POST", base + "/allocation", map[string]any{"team_id": e.teamA, "worker_id": e.users["stranger"].ID, "start": "2025-06-25", "reason": "x"}, 422, "worker_id", "worker in the team"},
		{"an allocation without a reason", "POST", base + "/allocation", map[string]any{"team_id": e.teamA, "worker_id": worker.ID, "start": "2025-06-25"}, 422, "reason", ""},
	}
	for _, tc := range refusals {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			token := "worker"
			switch {
			case strings.HasSuffix(tc.path, "/allocation"):
				token = "manager"
			case strings.HasSuffix(tc.path, "/decision"):
				token = "mash"
			}
			status, _, body := e.do(tc.method, tc.path, token, "application/json", j(tc.body))
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, trim(body))
			}
			var got errorResponse
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			for _, f := range got.Error.Fields {
				if f.Field == tc.field && strings.Contains(f.Message, tc.says) {
					return
				}
			}
			t.Errorf("no field %s saying %q in %+v", tc.field, tc.says, got.Error.Fields)
		})
	}
	if _, _, after := e.do("GET", jpath, "worker", "", ""); after != before {
		t.Errorf("the refusals changed the journey:\nbefore %s\nafter  %s", trim(before), trim(after))
	}
}

// withEnd is a record closed on end with a reason for closure.
func withEnd(r journey.Record, end, reason string) journey.Record {
	r.End = date(end)
	ref := *r.Referral
	ref.ClosureReason = reason
	r.Referral = &ref
	return r
}

func withPerson(r journey.Record, p people.ID) journey.Record {
	r.PersonID = p
	return r
}
