package server

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// Supporting Families' claims through the pages and the API: the year's
// page is everyone's (it lists only the children each may read), the
// export is the analyst's, and a family's claims follow its main child's
// record: read by those who may read the child (readers), made, changed and
// moved by those who may change it (writers).

// claimYear is the financial year of the claims the tests make: this one,
// so that a move's date (today) falls in its window.
func claimYear() programme.Year { return programme.YearOf(civil.OfLondon(time.Now())) }

// familyClaim adds a draft claim with evidence for the test child, made by
// the administrator (so that any writer may check it), with a window that
// runs through the whole of this financial year.
func (e *env) familyClaim() programme.Claim {
	e.t.Helper()
	y := claimYear()
	c, err := e.st.CreateClaim(context.Background(), programme.Claim{Person: e.child, Family: "SF-" + serial(), Problems: []string{"education"},
		Evidence: "Attendance above 90% for three terms", Status: programme.ClaimDraft,
		Window: programme.Window{Opens: y.First(), Closes: y.Last()}}, e.adminChange())
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// claimNow reads a claim of the test child as it stands.
func (e *env) claimNow(id programme.ClaimID) (programme.Claim, error) {
	cs, err := e.st.Claims(context.Background(), sysPermit(e.child))
	if err != nil {
		return programme.Claim{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return programme.Claim{}, fmt.Errorf("no claim %d", id)
}

func claimPath(pid people.ID, id programme.ClaimID) string {
	return "/people/" + str(pid) + "/claims/" + str(id)
}

// claimForm is the claim form filled in for this year's window.
func claimForm(family string) url.Values {
	y := claimYear()
	return url.Values{"family": {family}, "problems": {"education", "health"}, "evidence": {"School and GP letters"},
		"opens-day": {"1"}, "opens-month": {"4"}, "opens-year": {strconv.Itoa(int(y))},
		"closes-day": {"31"}, "closes-month": {"3"}, "closes-year": {strconv.Itoa(int(y) + 1)}}
}

// claimNamed checks the claim the path or location names has the family
// reference sent.
func claimNamed(e *env, family string, id programme.ClaimID) error {
	c, err := e.claimNow(id)
	if err != nil {
		return err
	}
	if c.Family != family {
		return fmt.Errorf("the claim's family is %q, want %q", c.Family, family)
	}
	return nil
}

var claimRoutes = map[string]routeRule{
	"GET /programme/families": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.familyClaim()
		return call{path: "/programme/families?year=" + claimYear().String()}
	}, check: func(e *env, _ *browser, role access.Role, _ call, res response) error {
		// Only a reader of the child sees the child listed.
		if listed := strings.Contains(res.body, "Amira Khan"); listed != slices.Contains(readers, role) {
			return fmt.Errorf("%s: the child listed %v", role, listed)
		}
		return contains("Progress against the target")(e, nil, role, call{}, res)
	}},
	"GET /programme/families/export": {allowed: []access.Role{access.Analyst}, req: func(e *env, _ access.Role) call {
		c := e.familyClaim()
		return call{path: "/programme/families/export?format=csv&year=" + claimYear().String() + "&claim=" + str(c.ID)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		u, _ := url.Parse(c.path)
		recs, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
		if err != nil || len(recs) < 2 || recs[0][0] != "claim" {
			return fmt.Errorf("not the claims' CSV: %v %.200s", err, res.body)
		}
		for _, r := range recs[1:] {
			if r[0] == u.Query().Get("claim") && r[3] == "Amira" {
				return nil
			}
		}
		return fmt.Errorf("claim %s is not in the export", u.Query().Get("claim"))
	}},
	"GET /people/{id}/claims/new": {allowed: writers, check: contains(`name="problems"`)},
	"POST /people/{id}/claims/new": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{form: claimForm("SF-" + serial())}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return claimNamed(e, c.form.Get("family"), programme.ClaimID(lastID(strings.TrimSuffix(res.location, "?saved=1"))))
	}},
	"GET /people/{id}/claims/{claim}": {allowed: readers, req: func(e *env, _ access.Role) call {
		return call{path: claimPath(e.child, e.familyClaim().ID)}
	}, check: contains("History")},
	"GET /people/{id}/claims/{claim}/edit": {allowed: writers, req: func(e *env, _ access.Role) call {
		return call{path: claimPath(e.child, e.familyClaim().ID) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /people/{id}/claims/{claim}/edit": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		f := claimForm("SF-renamed-" + serial())
		f.Set("version", "1")
		f.Set("reason", "reference corrected")
		return call{path: claimPath(e.child, e.familyClaim().ID) + "/edit", form: f}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		return claimNamed(e, c.form.Get("family"), programme.ClaimID(lastID(strings.TrimSuffix(c.path, "/edit"))))
	}},
	"POST /people/{id}/claims/{claim}/status": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: claimPath(e.child, e.familyClaim().ID) + "/status", form: url.Values{"version": {"1"}, "to": {"checked"}, "reason": {"evidence seen"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		cl, err := e.claimNow(programme.ClaimID(lastID(strings.TrimSuffix(c.path, "/status"))))
		if err != nil || cl.Status != programme.ClaimChecked || cl.Version != 2 {
			return fmt.Errorf("the claim: %+v %v", cl, err)
		}
		return nil
	}},

	"GET /api/v1/programme/families": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.familyClaim()
		return call{path: "/api/v1/programme/families?year=" + claimYear().String()}
	}, check: contains(`"progress":`)},
	"GET /api/v1/programme/families/export": {allowed: []access.Role{access.Analyst}, req: func(e *env, _ access.Role) call {
		e.familyClaim()
		return call{path: "/api/v1/programme/families/export?year=" + claimYear().String()}
	}, check: contains(`"given_name":"Amira"`)},
	"GET /api/v1/people/{id}/claims": {allowed: readers, req: func(e *env, _ access.Role) call {
		e.familyClaim()
		return call{path: "/api/v1/people/" + str(e.child) + "/claims"}
	}, check: contains(`"family":"SF-`)},
	"POST /api/v1/people/{id}/claims": {allowed: writers, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		y := claimYear()
		return call{body: jsonOf(map[string]any{"claim": programme.Claim{Family: "SF-api-" + serial(), Problems: []string{"crime"},
			Window: programme.Window{Opens: y.First(), Closes: y.Last()}}})}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		id, err := apiRecord(res.body, "claim")
		if err != nil {
			return err
		}
		c, err := e.claimNow(programme.ClaimID(id))
		if err != nil || c.Status != programme.ClaimDraft {
			return fmt.Errorf("the claim: %+v %v", c, err)
		}
		return nil
	}},
	"GET /api/v1/people/{id}/claims/{claim}": {allowed: readers, req: func(e *env, _ access.Role) call {
		return call{path: "/api/v1" + claimPath(e.child, e.familyClaim().ID)}
	}, check: contains(`"history":`)},
	"PUT /api/v1/people/{id}/claims/{claim}": {allowed: writers, req: func(e *env, _ access.Role) call {
		c := e.familyClaim()
		c.Family = "SF-put-" + serial()
		return call{path: "/api/v1" + claimPath(e.child, c.ID), body: jsonOf(map[string]any{"claim": c, "reason": "reference corrected"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		var family string
		if i := strings.Index(c.body, `"family":"`); i >= 0 {
			family, _, _ = strings.Cut(c.body[i+len(`"family":"`):], `"`)
		}
		return claimNamed(e, family, programme.ClaimID(lastID(c.path)))
	}},
	"POST /api/v1/people/{id}/claims/{claim}/status": {allowed: writers, req: func(e *env, _ access.Role) call {
		c := e.familyClaim()
		return call{path: "/api/v1" + claimPath(e.child, c.ID) + "/status", body: `{"version":1,"to":"checked","reason":"evidence seen"}`}
	}, check: contains(`"status":"checked"`)},
}

// TestClaimErrorsNameTheFieldAndWriteNothing: a bad claim and a bad move
// are refused on the page with a GOV.UK error summary linking to each
// field, and in the API with a structured error naming it; nothing is
// written.
func TestClaimErrorsNameTheFieldAndWriteNothing(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	f := claimForm("")
	f.Del("problems")
	f.Set("closes-year", "2001")
	res := b.post("/people/"+str(e.child)+"/claims/new", f)
	for _, want := range []string{`href="#family"`, `href="#problems"`, `href="#closes-day"`, "There is a problem"} {
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, want) {
			t.Fatalf("a bad claim: status %d lacks %s: %s", res.status, want, errorSummary(res.body))
		}
	}
	if cs, _ := e.st.Claims(context.Background(), sysPermit(e.child)); len(cs) != 0 {
		t.Fatalf("a refused claim was written: %+v", cs)
	}
	c := e.familyClaim()
	res = b.post(claimPath(e.child, c.ID)+"/status", url.Values{"version": {"1"}, "to": {"paid"}, "on-day": {"1"}, "on-month": {"1"}, "on-year": {"2020"}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#to"`) || !strings.Contains(res.body, "cannot become Paid") {
		t.Fatalf("a draft paid: status %d: %s", res.status, errorSummary(res.body))
	}
	res = e.api(access.Practitioner, "POST", "/api/v1"+claimPath(e.child, c.ID)+"/status", `{"version":1,"to":"submitted"}`)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"to"`) {
		t.Fatalf("a draft submitted in the API: status %d: %s", res.status, res.body)
	}
	res = e.api(access.Practitioner, "POST", "/api/v1/people/"+str(e.child)+"/claims", `{"claim":{"family":"SF-1","problems":["weather"],"window":{"opens":"2024-01-01","closes":"2024-03-31"}}}`)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"problems[0]"`) {
		t.Fatalf("an unknown problem in the API: status %d: %s", res.status, res.body)
	}
	if now, err := e.claimNow(c.ID); err != nil || now.Version != 1 {
		t.Fatalf("a refused move was written: %+v %v", now, err)
	}
	// The child's page shows the family's claims.
	if res = b.get("/people/" + str(e.child)); !strings.Contains(res.body, "Supporting Families claims") || !strings.Contains(res.body, c.Family) {
		t.Errorf("the child's page lacks the claim %s", c.Family)
	}
	// The export is logged with the number of children in it.
	if res = e.browser().signIn(access.Analyst).get("/programme/families/export?format=xlsx&year=" + claimYear().String()); res.status != http.StatusOK || !strings.HasPrefix(res.body, "PK") {
		t.Fatalf("the workbook: status %d", res.status)
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{UserID: e.users[access.Analyst].ID, Limit: 5})
	if err != nil || len(lines) == 0 || lines[0].Action != store.LogExport || lines[0].Children != 1 {
		t.Errorf("the export's line: %+v %v", lines, err)
	}
}
