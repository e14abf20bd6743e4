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
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// newInvolvement records an early-help involvement of the test team with a
// person, begun on 6 January 2025, for a test to end.
func (e *env) newInvolvement(pid people.ID) store.Involvement {
	e.t.Helper()
	inv := access.Involvement{PersonID: pid, Kind: access.KindEarlyHelp, TeamID: e.team.ID, WorkerID: e.users[access.Practitioner].ID, StartDate: civil.MustNew(2025, time.January, 6)}
	got, err := e.st.CreateInvolvement(context.Background(), store.Involvement{Involvement: inv}, store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// involvement is one of a person's involvements as it stands.
func (e *env) involvement(pid people.ID, id store.InvolvementID) store.Involvement {
	e.t.Helper()
	invs, err := e.st.Involvements(context.Background(), sysPermit(pid))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, inv := range invs {
		if inv.ID == id {
			return inv
		}
	}
	e.t.Fatalf("person %d has no involvement %d", pid, id)
	return store.Involvement{}
}

// endPath is the page that ends an involvement of the child's.
func endPath(pid people.ID, id store.InvolvementID) string {
	return idPath(pid) + "/involvements/" + str(id) + "/end"
}

// endedOn checks that the involvement named in the path (page or API) now
// ends on the date given.
func endedOn(e *env, path string, want string) error {
	parts := strings.Split(strings.TrimPrefix(path, "/api/v1"), "/") // "", people, id, involvements, iid[, end]
	pid, _ := strconv.ParseInt(parts[2], 10, 64)
	iid, _ := strconv.ParseInt(parts[4], 10, 64)
	inv := e.involvement(people.ID(pid), store.InvolvementID(iid))
	if got := inv.EndDate.String(); got != want || inv.Version != 2 {
		return fmt.Errorf("involvement %d ends on %q at version %d, want %s at version 2", iid, got, inv.Version, want)
	}
	return nil
}

func endForm(version, day, month, year, reason string) url.Values {
	return url.Values{"version": {version}, "end_date-day": {day}, "end_date-month": {month}, "end_date-year": {year}, "reason": {reason}}
}

// TestEndAnInvolvementOnThePage ends an involvement through its page: the
// child's page links to it, mistakes are shown in the error summary and
// change nothing, a good end is a new version and logged, a save from a
// stale version gets the conflict page, and a role that may not change the
// record is refused.
func TestEndAnInvolvementOnThePage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	inv := e.newInvolvement(e.child)
	path := endPath(e.child, inv.ID)
	b := e.browser().signIn(access.Practitioner)

	res := b.get(idPath(e.child))
	if res.status != http.StatusOK || !strings.Contains(res.body, `href="`+path+`"`) || !strings.Contains(res.body, `id="involvement-`+str(inv.ID)+`" data-version="1"`) {
		t.Fatalf("the child's page: status %d, or no link to end the involvement, or no id and version", res.status)
	}
	if res := e.browser().signIn(access.Analyst).get(idPath(e.child)); res.status != http.StatusOK || strings.Contains(res.body, "/end\"") {
		t.Errorf("an analyst's view of the child: status %d, or it offers to end an involvement", res.status)
	}

	today := civil.Of(time.Now().In(civil.London))
	res = b.get(path)
	for _, want := range []string{
		"End an involvement", "Early help", "Safeguarding 1", "Test Practitioner", "6 January 2025", "Not ended",
		`name="version" value="1"`, `name="csrf_token"`,
		`name="end_date-day" type="text" inputmode="numeric" value="` + strconv.Itoa(today.Day) + `"`,
		`name="end_date-year" type="text" inputmode="numeric" value="` + strconv.Itoa(today.Year) + `"`,
	} {
		if res.status != http.StatusOK || !strings.Contains(res.body, want) {
			t.Fatalf("end page: status %d, body lacks %q", res.status, want)
		}
	}

	tomorrow := today.AddDays(1)
	for _, c := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"no date", endForm("1", "", "", "", "case closed"), []string{`href="#end_date-day"`, "Enter the date the involvement ended"}},
		{"in the future", endForm("1", strconv.Itoa(tomorrow.Day), strconv.Itoa(int(tomorrow.Month)), strconv.Itoa(tomorrow.Year), "case closed"), []string{"End date must be today or in the past"}},
		{"before the start", endForm("1", "5", "1", "2025", "case closed"), []string{"End date must be on or after the start date, 6 January 2025"}},
		{"no reason", endForm("1", "1", "9", "2025", " "), []string{`href="#reason"`, "Enter the reason for this change"}},
		{"31 February and no reason", endForm("1", "31", "2", "2025", ""), []string{"End date must be a real date", "Enter the reason for this change"}},
	} {
		res := b.post(path, c.form)
		if res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422: %.1000s", c.name, res.status, res.body)
		}
		for _, w := range append(c.want, "govuk-error-summary", "<title>Error: ") {
			if !strings.Contains(res.body, w) {
				t.Errorf("%s: body lacks %q", c.name, w)
			}
		}
		if strings.Contains(res.body, "Enter the date the involvement ended") && c.name == "31 February and no reason" {
			t.Errorf("%s: the date is said to be missing as well as not real", c.name)
		}
	}
	if got := e.involvement(e.child, inv.ID); got.Version != 1 || !got.EndDate.IsZero() {
		t.Fatalf("refused ends wrote something: %+v", got)
	}

	res = b.post(path, endForm("1", "1", "9", "2025", "Family no longer needs early help"))
	if res.status != http.StatusSeeOther || res.location != idPath(e.child)+"?saved=1" {
		t.Fatalf("end: status %d to %q: %.500s", res.status, res.location, res.body)
	}
	if err := endedOn(e, path, "2025-09-01"); err != nil {
		t.Fatal(err)
	}
	res = b.get(res.location)
	if !strings.Contains(res.body, "Record saved") || !strings.Contains(res.body, "1 September 2025") || strings.Contains(res.body, `href="`+path+`"`) {
		t.Errorf("the child's page after ending: no banner, or no end date, or still a link to end it")
	}
	lines, err := e.st.AccessLog(ctx, store.AccessQuery{PersonID: e.child, Kind: store.KindInvolvement, RecordID: int64(inv.ID), Action: store.LogUpdate})
	if err != nil || len(lines) != 1 || lines[0].State != store.LineDone || lines[0].Username != "test.practitioner" || lines[0].Note != "ended 2025-09-01" {
		t.Errorf("the access log's lines of the end: %v %+v", err, lines)
	}
	if lines, _ := e.st.AccessLog(ctx, store.AccessQuery{PersonID: e.child, Kind: store.KindInvolvement, RecordID: int64(inv.ID), Action: store.LogRead}); len(lines) == 0 {
		t.Errorf("opening the end page wrote no read line")
	}

	// Someone else ended it first: the user's change is not saved, the
	// page shows it as it now stands and keeps what they typed.
	res = b.post(path, endForm("1", "2", "9", "2025", "late"))
	for _, want := range []string{"has not been ended", `name="version" value="2"`, "1 September 2025", `value="late"`} {
		if res.status != http.StatusConflict || !strings.Contains(res.body, want) {
			t.Errorf("stale end: status %d, body lacks %q", res.status, want)
		}
	}
	if err := endedOn(e, path, "2025-09-01"); err != nil {
		t.Errorf("the stale end was written: %v", err)
	}
	// The end can be corrected to an earlier day, not a later one (see
	// involvement_revive_test.go).
	if res := b.post(path, endForm("2", "31", "8", "2025", "corrected the date")); res.status != http.StatusSeeOther {
		t.Errorf("save after the conflict: status %d", res.status)
	}
	if got := e.involvement(e.child, inv.ID); got.Version != 3 || got.EndDate.String() != "2025-08-31" {
		t.Errorf("after the correction: %+v", got)
	}

	// Roles that may not change the record, and an involvement asked for
	// through another person's record.
	for _, role := range []access.Role{access.Analyst, access.Admin, access.Partner, access.Auditor} {
		rb := e.browser().signIn(role)
		if res := rb.get(path); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
			t.Errorf("%s opens the end page: status %d", role, res.status)
		}
		if res := rb.post(path, endForm("3", "3", "9", "2025", "x")); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
			t.Errorf("%s ends it: status %d", role, res.status)
		}
	}
	other := e.teamPerson("Other " + serial())
	if res := b.get(endPath(other, inv.ID)); res.status != http.StatusNotFound {
		t.Errorf("the involvement through another person's record: status %d, want 404", res.status)
	}
	if res := b.post(endPath(e.stranger, inv.ID), endForm("3", "3", "9", "2025", "x")); res.status != http.StatusNotFound {
		t.Errorf("through a record the user may not change: status %d, want 404", res.status)
	}
	if got := e.involvement(e.child, inv.ID); got.Version != 3 {
		t.Errorf("a refused end was written: %+v", got)
	}
}

// TestEndAnInvolvementThroughTheAPI lists the child's involvements, ends one
// with mistakes first, then correctly, is refused a stale version, and reads
// the involvement's history.
func TestEndAnInvolvementThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	inv := e.newInvolvement(e.child)
	base := "/api/v1" + idPath(e.child) + "/involvements"
	path := base + "/" + str(inv.ID)

	res := e.api(access.Practitioner, "GET", base, "")
	var list struct{ Involvements []store.Involvement }
	if err := json.Unmarshal([]byte(res.body), &list); res.status != http.StatusOK || err != nil || len(list.Involvements) != 2 {
		t.Fatalf("list: status %d, %v: %.300s", res.status, err, res.body)
	}
	if got := list.Involvements[1]; got.ID != inv.ID || got.Version != 1 || got.Kind != access.KindEarlyHelp {
		t.Errorf("list: the new involvement is %+v", got)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.child), ""); !strings.Contains(res.body, `"involvements":[{"id":`) {
		t.Errorf("the person's record does not give its involvements' ids: %.300s", res.body)
	}

	future := civil.Of(time.Now().In(civil.London)).AddDays(1).String()
	res = e.api(access.Practitioner, "PUT", path, `{"end_date":"`+future+`","version":1,"reason":""}`)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"end_date"`) || !strings.Contains(res.body, `"field":"reason"`) {
		t.Errorf("a future date and no reason: status %d: %.400s", res.status, res.body)
	}
	for _, body := range []string{`{"End_date":"2025-09-01","version":1,"reason":"x"}`, `{"end_date":"2025-02-31","version":1,"reason":"x"}`} {
		if res := e.api(access.Practitioner, "PUT", path, body); res.status != http.StatusBadRequest && res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d", body, res.status)
		}
	}
	if got := e.involvement(e.child, inv.ID); got.Version != 1 {
		t.Fatalf("refused ends wrote something: %+v", got)
	}

	res = e.api(access.TeamManager, "PUT", path, `{"end_date":"2025-09-01","version":1,"reason":"Stepped down to universal services"}`)
	var ended struct{ Involvement store.Involvement }
	if err := json.Unmarshal([]byte(res.body), &ended); res.status != http.StatusOK || err != nil || ended.Involvement.Version != 2 || ended.Involvement.EndDate.String() != "2025-09-01" {
		t.Fatalf("end: status %d, %v: %.300s", res.status, err, res.body)
	}
	if res := e.api(access.MASH, "PUT", path, `{"end_date":"2025-09-03","version":1,"reason":"late"}`); res.status != http.StatusConflict {
		t.Errorf("stale version: status %d, want 409", res.status)
	}
	if err := endedOn(e, path, "2025-09-01"); err != nil {
		t.Errorf("the stale end was written: %v", err)
	}

	res = e.api(access.Analyst, "GET", path+"/history", "")
	var h struct {
		Versions []struct {
			Version     int
			Reason      string
			ByName      string `json:"by_name"`
			Involvement store.Involvement
		}
	}
	if err := json.Unmarshal([]byte(res.body), &h); res.status != http.StatusOK || err != nil || len(h.Versions) != 2 {
		t.Fatalf("history: status %d, %v: %.300s", res.status, err, res.body)
	}
	if v := h.Versions[1]; v.Version != 2 || v.Reason != "Stepped down to universal services" || v.ByName != "Test Team manager" || v.Involvement.EndDate.String() != "2025-09-01" {
		t.Errorf("history: version 2 is %+v", v)
	}
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.stranger)+"/involvements/"+str(inv.ID)+"/history", ""); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
		t.Errorf("history through a record the user may not open: status %d", res.status)
	}
	if res := e.api(access.Practitioner, "GET", base+"/999999/history", ""); res.status != http.StatusNotFound {
		t.Errorf("history of an involvement the person does not have: status %d", res.status)
	}

	for _, role := range []access.Role{access.Analyst, access.Admin, access.Partner} {
		if res := e.api(role, "PUT", path, `{"end_date":"2025-09-02","version":2,"reason":"x"}`); res.status != http.StatusForbidden && res.status != http.StatusNotFound {
			t.Errorf("%s ends it: status %d", role, res.status)
		}
	}
	if res := e.api(access.Partner, "GET", base, ""); res.status != http.StatusNotFound && res.status != http.StatusForbidden {
		t.Errorf("a partner lists the involvements: status %d", res.status)
	}
	if got := e.involvement(e.child, inv.ID); got.Version != 2 {
		t.Errorf("a refused end was written: %+v", got)
	}

	for _, c := range []struct {
		action store.AccessAction
		record int64
		user   string
	}{
		{store.LogRead, 0, "test.practitioner"},
		{store.LogUpdate, int64(inv.ID), "test.team_manager"},
		{store.LogHistory, int64(inv.ID), "test.analyst"},
	} {
		lines, err := e.st.AccessLog(ctx, store.AccessQuery{PersonID: e.child, Kind: store.KindInvolvement, Action: c.action})
		found := false
		for _, l := range lines {
			found = found || (l.RecordID == c.record && l.Username == c.user && l.State == store.LineDone)
		}
		if err != nil || !found {
			t.Errorf("no %s line of kind involvement, record %d, by %s: %v %+v", c.action, c.record, c.user, err, lines)
		}
	}
}
