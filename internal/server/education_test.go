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
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The education half of a child's record through the pages and the API:
// the route table's rows, and what the table does not show.

var (
	// eduReaders read a child's education: education officers its records,
	// social care its summary.
	eduReaders = []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Education}
	eduWriters = []access.Role{access.Education}
)

// educationPupil is a child the test team keeps an EHC plan for (so an
// education officer in the team reads them, and social care in the team
// their summary), made once per env.
func (e *env) educationPupil() people.ID {
	e.t.Helper()
	if e.pupil != 0 {
		return e.pupil
	}
	ctx := context.Background()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	p, err := e.st.CreatePerson(ctx, people.Person{GivenName: "Pip", FamilyName: "Pupil", DateOfBirth: civil.MustNew(2014, time.March, 3), Sex: "1"}, c)
	if err != nil {
		e.t.Fatal(err)
	}
	plan := education.Normalise(education.Record{PersonID: p.ID, Kind: education.KindEHCPlan, TeamID: e.team.ID,
		EHCPlan: &education.EHCPlan{Issued: civil.MustNew(2023, time.March, 6), Needs: []education.Need{{Type: "SLCN", Rank: 1}}, SettingURN: "103234"}})
	if _, err := e.st.CreateEducationRecord(ctx, plan, c); err != nil {
		e.t.Fatal(err)
	}
	e.pupil = p.ID
	return p.ID
}

// newRequest records an EHC needs assessment request for the pupil,
// straight to the store.
func (e *env) newRequest() education.Record {
	e.t.Helper()
	r := education.Normalise(education.Record{PersonID: e.educationPupil(), Kind: education.KindEHCRequest, TeamID: e.team.ID,
		EHCRequest: &education.EHCRequest{Received: civil.MustNew(2025, time.September, 8)}})
	r, err := e.st.CreateEducationRecord(context.Background(), r, store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) educationRecord(pid people.ID, id education.ID) (education.Record, error) {
	rs, err := e.st.EducationRecords(context.Background(), sysPermit(pid), time.Time{})
	if err != nil {
		return education.Record{}, err
	}
	for _, r := range rs {
		if r.ID == id {
			return r, nil
		}
	}
	return education.Record{}, fmt.Errorf("no education record %d", id)
}

func pupilPath(e *env) string { return "/people/" + str(e.educationPupil()) + "/education" }

func eduRecordPath(r education.Record) string {
	return "/people/" + str(r.PersonID) + "/education/" + strconv.FormatInt(int64(r.ID), 10)
}

// requestForm is the request's form moved to its decision to assess.
func requestForm(v int) url.Values {
	return url.Values{"kind": {"ehc_request"}, "version": {strconv.Itoa(v)}, "reason": {"decided to assess"},
		"ehc_request.received-day": {"8"}, "ehc_request.received-month": {"9"}, "ehc_request.received-year": {"2025"},
		"ehc_request.request_outcome":     {"Y"},
		"ehc_request.request_decided-day": {"10"}, "ehc_request.request_decided-month": {"10"}, "ehc_request.request_decided-year": {"2025"}}
}

// educationRoutes are the route table's rows for education.
var educationRoutes = map[string]routeRule{
	"GET /people/{id}/education": {allowed: eduReaders, req: func(e *env, _ access.Role) call { return call{path: pupilPath(e)} },
		check: func(e *env, _ *browser, role access.Role, _ call, res response) error {
			// Social care sees the summary, never the records.
			full := strings.Contains(res.body, "Records</h2>")
			if !strings.Contains(res.body, "EHC plan") || full != (role == access.Education) {
				return fmt.Errorf("summary or records wrong for %s (records shown: %v): %.300s", role, full, res.body)
			}
			return nil
		}},
	"GET /people/{id}/education/new": {allowed: eduWriters, req: func(e *env, _ access.Role) call {
		return call{path: pupilPath(e) + "/new?kind=ehc_request"}
	}, check: contains(`name="ehc_request.received-day"`)},
	"POST /people/{id}/education/new": {allowed: eduWriters, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: pupilPath(e) + "/new", form: url.Values{"kind": {"ehc_request"},
			"ehc_request.received-day": {"2"}, "ehc_request.received-month": {"2"}, "ehc_request.received-year": {"2026"}}}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		if !strings.HasPrefix(res.location, pupilPath(e)+"/") {
			return fmt.Errorf("went to %q", res.location)
		}
		return nil
	}},
	"GET /people/{id}/education/{rid}": {allowed: eduWriters, req: func(e *env, _ access.Role) call {
		return call{path: eduRecordPath(e.newRequest())}
	}, check: contains("Time limits")},
	"GET /people/{id}/education/{rid}/edit": {allowed: eduWriters, req: func(e *env, _ access.Role) call {
		return call{path: eduRecordPath(e.newRequest()) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /people/{id}/education/{rid}/edit": {allowed: eduWriters, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: eduRecordPath(e.newRequest()) + "/edit", form: requestForm(1)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		parts := strings.Split(c.path, "/")
		id, _ := strconv.ParseInt(parts[4], 10, 64)
		r, err := e.educationRecord(e.educationPupil(), education.ID(id))
		if err != nil {
			return err
		}
		if r.Version != 2 || r.EHCRequest.RequestOutcome != "Y" {
			return fmt.Errorf("the request is %+v", r)
		}
		return nil
	}},

	"GET /api/v1/people/{id}/education": {allowed: eduReaders, req: func(e *env, _ access.Role) call {
		return call{path: "/api/v1" + pupilPath(e)}
	}, check: func(e *env, _ *browser, role access.Role, _ call, res response) error {
		if !strings.Contains(res.body, `"sen":"ehc_plan"`) || strings.Contains(res.body, `"records"`) != (role == access.Education) {
			return fmt.Errorf("%s: %.300s", role, res.body)
		}
		return nil
	}},
	"POST /api/v1/people/{id}/education": {allowed: eduWriters, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		return call{path: "/api/v1" + pupilPath(e), body: `{"kind":"roll","start":"2022-09-05","roll":{"school":"103234"}}`}
	}, check: contains(`"kind":"roll"`)},
	"GET /api/v1/people/{id}/education/{rid}": {allowed: eduWriters, req: func(e *env, _ access.Role) call {
		return call{path: "/api/v1" + eduRecordPath(e.newRequest())}
	}, check: contains(`"clocks":[{`)},
	"GET /admin/term-dates": {allowed: admins, check: contains(`name="terms"`)},
	"POST /admin/term-dates": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{form: url.Values{"version": {strconv.Itoa(e.termDatesVersion())}, "reason": {"published " + serial()},
			"terms": {"3 9 2026 to 18 12 2026\n4 1 2027 to 26 3 2027"}, "closures": {"26 10 2026 to 30 10 2026"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		return e.termDatesChangedFor(c.form.Get("reason"), 2, 5)
	}},
	"GET /api/v1/settings/term-dates": {allowed: settingsReaders, check: contains(`"by_rule":`)},
	"PUT /api/v1/settings/term-dates": {allowed: admins, req: func(e *env, _ access.Role) call {
		return call{body: jsonOf(map[string]any{"version": e.termDatesVersion(), "reason": "published " + serial(),
			"calendar": education.SchoolCalendar{Terms: []education.Term{{Start: civil.MustNew(2026, time.September, 3), End: civil.MustNew(2026, time.December, 18)}}}})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		var sent struct{ Reason string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.termDatesChangedFor(sent.Reason, 1, 0)
	}},
	"PUT /api/v1/people/{id}/education/{rid}": {allowed: eduWriters, req: func(e *env, _ access.Role) call {
		r := e.newRequest()
		r.EHCRequest.RequestOutcome, r.EHCRequest.RequestDecided = "N", civil.MustNew(2025, time.October, 10)
		return call{path: "/api/v1" + eduRecordPath(r), body: jsonOf(map[string]any{"record": r, "reason": "decided not to assess"})}
	}, check: contains(`"end":"2025-10-10"`)},
}

func (e *env) termDatesVersion() int {
	e.t.Helper()
	_, v, err := e.st.SchoolCalendar(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// termDatesChangedFor checks the term dates' last change was for the
// reason, with the number of terms and closures.
func (e *env) termDatesChangedFor(reason string, terms, closures int) error {
	h, err := e.st.SchoolCalendarHistory(context.Background())
	if err != nil {
		return err
	}
	if len(h) == 0 || h[len(h)-1].Reason != reason {
		return fmt.Errorf("the last change is not %q: %d versions", reason, len(h))
	}
	if c := h[len(h)-1].Record; len(c.Terms) != terms || len(c.Closures) != closures {
		return fmt.Errorf("saved %d terms and %d closures, want %d and %d", len(c.Terms), len(c.Closures), terms, closures)
	}
	return nil
}

// TestEducationOfficerSeesNoJourney: an education officer who reads a
// child for their education is refused the child's journey on the pages
// and the API, and the child's page shows no link to it.
func TestEducationOfficerSeesNoJourney(t *testing.T) {
	e := newEnv(t)
	pupil := e.educationPupil()
	b := e.browser().signIn(access.Education)
	page := b.get("/people/" + str(pupil))
	if page.status != http.StatusOK || strings.Contains(page.body, "/journey") || !strings.Contains(page.body, "Education records") {
		t.Fatalf("the child's page: %d %.500s", page.status, page.body)
	}
	for _, path := range []string{"/people/" + str(pupil) + "/journey"} {
		if got := b.get(path); got.status != http.StatusForbidden {
			t.Errorf("%s: %d", path, got.status)
		}
	}
	if got := e.api(access.Education, "GET", "/api/v1/people/"+str(pupil)+"/journey", ""); got.status != http.StatusForbidden {
		t.Errorf("API journey: %d", got.status)
	}
	// A practitioner sees the summary on the child's page, not the records.
	page = e.browser().signIn(access.Practitioner).get("/people/" + str(pupil))
	if !strings.Contains(page.body, "Education summary") || strings.Contains(page.body, "Education records") {
		t.Errorf("practitioner's page: %.300s", page.body)
	}
}

// TestEducationFormErrors: a form with bad dates and codes comes back with
// an error summary naming each field, and nothing is saved.
func TestEducationFormErrors(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Education)
	before, _ := e.st.EducationRecords(context.Background(), sysPermit(e.educationPupil()), time.Time{})
	res := b.post(pupilPath(e)+"/new", url.Values{"kind": {"exclusion"}, "exclusion.school": {"12"}, "exclusion.category": {"SUSP"},
		"exclusion.start-day": {"31"}, "exclusion.start-month": {"2"}, "exclusion.start-year": {"2025"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.status)
	}
	for _, want := range []string{`href="#exclusion.school"`, `href="#exclusion.start-day"`, `href="#exclusion.reasons.0"`, "govuk-error-summary"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the error summary lacks %s: %s", want, errorSummary(res.body))
		}
	}
	after, _ := e.st.EducationRecords(context.Background(), sysPermit(e.educationPupil()), time.Time{})
	if len(after) != len(before) {
		t.Errorf("saved: %d records, had %d", len(after), len(before))
	}
	// The API answers the same rule with the field named.
	got := e.api(access.Education, "POST", "/api/v1"+pupilPath(e), `{"kind":"ehc_plan","ehc_plan":{"issued":"2025-01-06","needs":[]}}`)
	if got.status != http.StatusUnprocessableEntity || !strings.Contains(got.body, `"field":"ehc_plan.needs"`) {
		t.Errorf("API: %d %s", got.status, got.body)
	}
}
