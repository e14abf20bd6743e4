package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// linesBy returns the access-log lines a role's user wrote with an action,
// newest first.
func (e *env) linesBy(role access.Role, action store.AccessAction) []store.AccessEntry {
	e.t.Helper()
	es, err := e.st.AccessLog(context.Background(), store.AccessQuery{UserID: e.users[role].ID, Action: action, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	return es
}

// TestRoleRefusalsAreLogged: a refusal of an action the user's role does not
// allow at all, on a page or through the API, writes a "denied" line naming
// the action, as a refusal to open a record does (hole 6).
func TestRoleRefusalsAreLogged(t *testing.T) {
	e := newEnv(t)
	partner, practitioner := e.browser().signIn(access.Partner), e.browser().signIn(access.Practitioner)
	cases := []struct {
		name   string
		role   access.Role
		do     func() response
		action access.Action
		route  string
	}{
		{"a partner searching", access.Partner, func() response { return partner.get("/search?name=Amira") }, access.SearchPeople, "GET /search"},
		{"a partner searching through the API", access.Partner, func() response { return e.api(access.Partner, "GET", "/api/v1/people?name=Amira", "") }, access.SearchPeople, "GET /api/v1/people"},
		{"a partner adding a person", access.Partner, func() response { return partner.get("/people/new") }, access.CreatePerson, "GET /people/new"},
		{"a practitioner opening the access log", access.Practitioner, func() response { return practitioner.get("/audit") }, access.ReadAccessLog, "GET /audit"},
		{"a practitioner filtering the access log badly", access.Practitioner, func() response { return practitioner.get("/audit?person_id=x") }, access.ReadAccessLog, "GET /audit"},
		{"a practitioner opening the access log through the API", access.Practitioner, func() response { return e.api(access.Practitioner, "GET", "/api/v1/access-log", "") }, access.ReadAccessLog, "GET /api/v1/access-log"},
		{"a practitioner opening the break-the-glass report", access.Practitioner, func() response { return practitioner.get("/audit/break-glass") }, access.ReadAccessLog, "GET /audit/break-glass"},
		{"a practitioner opening the users page", access.Practitioner, func() response { return practitioner.get("/admin/users/new") }, access.ManageUsers, "GET /admin/users/new"},
		{"a partner checking for duplicates", access.Partner, func() response {
			return e.api(access.Partner, "POST", "/api/v1/people/check", `{"person":{"given_name":"Amira","family_name":"Khan"}}`)
		}, access.CreatePerson, "POST /api/v1/people/check"},
	}
	for _, c := range cases {
		before := len(e.linesBy(c.role, store.LogDenied))
		if res := c.do(); res.status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", c.name, res.status)
			continue
		}
		lines := e.linesBy(c.role, store.LogDenied)
		if len(lines) != before+1 {
			t.Errorf("%s: %d new denied lines, want 1", c.name, len(lines)-before)
			continue
		}
		l := lines[0]
		if want := string(c.action) + ": " + access.ReasonNotPermitted; l.Reason != want || l.Route != c.route || l.PersonID != 0 || l.Kind != "" {
			t.Errorf("%s: line %+v, want reason %q and route %q, about no record", c.name, l, want, c.route)
		}
	}
}

// actorOf is the app's actor for a role's user.
func (e *env) actorOf(role access.Role) app.Actor {
	e.t.Helper()
	p, err := e.app.Principal(context.Background(), e.users[role])
	if err != nil {
		e.t.Fatal(err)
	}
	return app.Actor{Principal: p, Remote: "192.0.2.7", Route: "test"}
}

// TestWritesAndTheirLines: each write is logged before it is made and its
// line settled after: done, with the record's id, when it saved; failed
// when it did not (hole 8, the log's half).
func TestWritesAndTheirLines(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ac := e.actorOf(access.Practitioner)
	state := func(what string, l store.AccessEntry, kind store.Kind, person people.ID, record int64, st store.LineState) {
		t.Helper()
		if l.Kind != kind || l.PersonID != person || l.RecordID != record || l.State != st {
			t.Errorf("%s: line is %s %d, person %d, %s; want %s %d, person %d, %s", what, l.Kind, l.RecordID, l.PersonID, l.State, kind, record, person, st)
		}
	}

	p, err := e.app.CreatePerson(ctx, ac, people.Person{GivenName: "Nia", FamilyName: "Brook", DateOfBirth: civil.MustNew(2019, time.March, 2), Sex: "2"}, "Referred by school")
	if err != nil {
		t.Fatal(err)
	}
	state("create", e.linesBy(access.Practitioner, store.LogCreate)[0], store.KindPerson, p.ID, int64(p.ID), store.LineDone)

	// The check before a change asks the role, then the record.
	if _, _, _, err := e.app.CheckPerson(ctx, ac, p); err != nil {
		t.Fatalf("checking a change to a record the practitioner made: %v", err)
	}
	stale := p
	p.GivenName = "Niamh"
	if p, err = e.app.UpdatePerson(ctx, ac, p, "Name corrected"); err != nil {
		t.Fatal(err)
	}
	state("update", e.linesBy(access.Practitioner, store.LogUpdate)[0], store.KindPerson, p.ID, int64(p.ID), store.LineDone)

	stale.GivenName = "Stale"
	if _, err := e.app.UpdatePerson(ctx, ac, stale, "From an old page"); err == nil {
		t.Fatal("a stale update saved")
	}
	updates := e.linesBy(access.Practitioner, store.LogUpdate)
	if len(updates) != 2 {
		t.Fatalf("%d update lines, want 2 (one saved, one not)", len(updates))
	}
	state("stale update", updates[0], store.KindPerson, p.ID, int64(p.ID), store.LineFailed)

	r, err := e.app.AddRelationshipFor(ctx, ac, e.child, people.Relationship{From: p.ID, To: e.child, Type: "sibling"}, "Half-sister")
	if err != nil {
		t.Fatal(err)
	}
	// Logged on both people's records.
	creates := e.linesBy(access.Practitioner, store.LogCreate)
	state("relationship", creates[1], store.KindRelationship, e.child, int64(r.ID), store.LineDone)
	state("relationship, other side", creates[0], store.KindRelationship, p.ID, int64(r.ID), store.LineDone)

	// The access log page marks the failed write.
	res := e.browser().signIn(access.Auditor).get("/audit?action=update&user_id=" + strconv.FormatInt(int64(ac.UserID()), 10))
	if res.status != http.StatusOK || strings.Count(res.body, "Not saved") != 1 {
		t.Errorf("access log page: status %d, or the failed update is not marked once", res.status)
	}
}

// tableBody is the part of a page after its first table's body starts: the
// rows, without the filter's drop-downs.
func tableBody(page string) string {
	_, rows, _ := strings.Cut(page, "<tbody")
	return rows
}

// TestAccessLogFilters filters the access log by kind of record and action,
// on the page and through the API, and refuses a kind or action that is not
// in the lists.
func TestAccessLogFilters(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	b.get(idPath(e.child))
	b.get(idPath(e.child) + "/history")
	b.get("/audit") // refused
	auditor := e.browser().signIn(access.Auditor)

	res := auditor.get("/audit?action=history")
	if rows := tableBody(res.body); res.status != http.StatusOK || !strings.Contains(rows, "Read a record&#39;s history") || strings.Contains(rows, "Opened a record") || strings.Contains(rows, "Refused") {
		t.Errorf("by action: status %d, or other actions shown: %s", res.status, rows)
	}
	res = auditor.get("/audit?kind=person&user_id=" + strconv.FormatInt(int64(e.users[access.Practitioner].ID), 10))
	if rows := tableBody(res.body); res.status != http.StatusOK || !strings.Contains(rows, "Opened a record") || strings.Contains(rows, "Refused") {
		t.Errorf("by kind: status %d, or the refusal about no record is shown: %s", res.status, rows)
	}
	res = auditor.get("/audit?action=peek&kind=diary")
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Select an action from the list") || !strings.Contains(res.body, "Select a kind of record from the list") {
		t.Errorf("unknown action and kind: status %d", res.status)
	}

	res = e.api(access.Auditor, "GET", "/api/v1/access-log?kind=person&action=read&record_id="+strconv.FormatInt(int64(e.child), 10), "")
	var got struct {
		Entries []struct {
			Kind     string `json:"kind"`
			RecordID int64  `json:"record_id"`
			Action   string `json:"action"`
			State    string `json:"state"`
		} `json:"entries"`
	}
	if err := json.Unmarshal([]byte(res.body), &got); err != nil || res.status != http.StatusOK || len(got.Entries) == 0 {
		t.Fatalf("API by kind, record and action: status %d, %v: %s", res.status, err, res.body)
	}
	for _, en := range got.Entries {
		if en.Kind != "person" || en.RecordID != int64(e.child) || en.Action != "read" || en.State != "done" {
			t.Errorf("API by kind, record and action: entry %+v", en)
		}
	}
	res = e.api(access.Auditor, "GET", "/api/v1/access-log?action=peek", "")
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"action"`) {
		t.Errorf("API with an unknown action: status %d: %s", res.status, res.body)
	}
}

// TestBreakGlassByWeek: the auditor's report counts break-the-glass lines by
// user and ISO week, and links each count to its lines.
func TestBreakGlassByWeek(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	glass := func(role access.Role, at time.Time) {
		u := e.users[role]
		err := e.st.LogAccess(ctx, store.AccessEntry{At: at, UserID: u.ID, Username: u.Username, PersonID: e.stranger,
			Kind: store.KindPerson, RecordID: int64(e.stranger), Action: store.LogBreakGlass, Reason: access.ReasonNoRelationship, Note: "Out-of-hours visit"})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Week 2 of 2026 runs from Monday 5 to Sunday 11 January.
	glass(access.Practitioner, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))
	glass(access.Practitioner, time.Date(2026, 1, 11, 22, 0, 0, 0, time.UTC))
	glass(access.Practitioner, time.Date(2026, 1, 12, 9, 0, 0, 0, time.UTC))
	glass(access.MASH, time.Date(2026, 1, 7, 3, 0, 0, 0, time.UTC))
	glass(access.MASH, time.Date(2026, 2, 7, 3, 0, 0, 0, time.UTC)) // after the report's days

	res := e.api(access.Auditor, "GET", "/api/v1/access-log/break-glass?from=2026-01-01&to=2026-01-31", "")
	var rep struct {
		Weeks []struct {
			Username string `json:"username"`
			Week     string `json:"week"`
			Monday   string `json:"monday"`
			Count    int    `json:"count"`
		} `json:"weeks"`
	}
	if err := json.Unmarshal([]byte(res.body), &rep); err != nil || res.status != http.StatusOK {
		t.Fatalf("API: status %d, %v: %s", res.status, err, res.body)
	}
	var rows []string
	for _, w := range rep.Weeks {
		rows = append(rows, w.Username+" "+w.Week+" "+w.Monday+" "+strconv.Itoa(w.Count))
	}
	want := []string{"test.practitioner 2026-W03 2026-01-12 1", "test.mash 2026-W02 2026-01-05 1", "test.practitioner 2026-W02 2026-01-05 2"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("API weeks:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}

	auditor := e.browser().signIn(access.Auditor)
	page := auditor.get("/audit/break-glass?from-day=1&from-month=1&from-year=2026&to-day=31&to-month=1&to-year=2026")
	if page.status != http.StatusOK || !strings.Contains(page.body, "2026-W02") || !strings.Contains(page.body, "test.mash") {
		t.Fatalf("page: status %d, or a week is missing", page.status)
	}
	// The practitioner's count for week 2 links to its two lines.
	link := "/audit?" + strings.Join([]string{"action=break_glass", "from-day=5", "from-month=1", "from-year=2026", "to-day=11", "to-month=1", "to-year=2026",
		"user_id=" + strconv.FormatInt(int64(e.users[access.Practitioner].ID), 10)}, "&amp;")
	if !strings.Contains(page.body, `href="`+link+`"`) {
		t.Fatalf("page has no link %s", link)
	}
	lines := tableBody(auditor.get(strings.ReplaceAll(link, "&amp;", "&")).body)
	if n := strings.Count(lines, "Out-of-hours visit"); n != 2 {
		t.Errorf("the linked lines show %d reasons, want 2", n)
	}
	if res := auditor.get("/audit/break-glass?from-day=31&from-month=1&from-year=2026&to-day=1&to-month=1&to-year=2026"); res.status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.body, "To must be the same as or after From") {
		t.Errorf("a range that ends before it starts: status %d", res.status)
	}
}
