package server

import (
	"bytes"
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
	"hearth/internal/app"
	"hearth/internal/store"
)

// exporters make statutory returns (access.ExportReturns).
var exporters = []access.Role{access.Analyst, access.Admin}

// laNumberSet sets the council's LA number if it is not set, and returns
// the details' version.
func (e *env) laNumberSet() int {
	e.t.Helper()
	c, v, err := e.st.CouncilDetails(context.Background(), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	if c.LANumber != "" {
		return v
	}
	v, err = e.st.SetCouncilDetails(context.Background(), store.Council{LANumber: "999"}, v, store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// councilChangedFor checks that the council's details were last changed for
// the reason.
func (e *env) councilChangedFor(reason string) error {
	h, err := e.st.CouncilDetailsHistory(context.Background())
	if err != nil {
		return err
	}
	if len(h) == 0 || h[len(h)-1].Reason != reason {
		return fmt.Errorf("the council's details were not last changed for %q (%d versions)", reason, len(h))
	}
	return nil
}

// isCensus checks that a response is the CIN census of 2023, sent as a
// file to keep.
func isCensus(_ *env, _ *browser, _ access.Role, _ call, res response) error {
	if !strings.Contains(res.body, "<Collection>CIN</Collection>") || !strings.Contains(res.body, "<Year>2023</Year>") {
		return fmt.Errorf("not the census of 2023: %.300s", res.body)
	}
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename="cin-census-2023.xml"` {
		return fmt.Errorf("Content-Disposition %q", cd)
	}
	if res.header.Get("Hearth-As-Recorded-At") == "" || res.header.Get("Cache-Control") != "no-store" {
		return fmt.Errorf("headers %v", res.header)
	}
	return nil
}

// returnsRoutes are the route table's rows for the statutory returns.
var returnsRoutes = map[string]routeRule{
	"GET /returns": {allowed: exporters, check: contains("Children in need census")},
	"POST /returns": {allowed: exporters, req: func(e *env, _ access.Role) call {
		e.laNumberSet()
		return call{form: url.Values{"kind": {"cin"}, "year": {"2023"}}}
	}, check: isCensus},
	"GET /api/v1/returns/{kind}": {allowed: exporters, req: func(e *env, _ access.Role) call {
		e.laNumberSet()
		return call{path: "/api/v1/returns/cin?year=2023"}
	}, check: isCensus},
	"GET /api/v1/settings/council": {allowed: settingsReaders, check: contains(`"la_number":`)},
	"PUT /api/v1/settings/council": {allowed: admins, req: func(e *env, _ access.Role) call {
		v := e.laNumberSet()
		return call{body: jsonOf(map[string]any{"la_number": "336", "version": v, "reason": "checked " + serial()})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		var sent struct{ Reason string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.councilChangedFor(sent.Reason)
	}},
	"GET /admin/council": {allowed: admins, check: contains(`name="la_number"`)},
	"POST /admin/council": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		v := e.laNumberSet()
		return call{form: url.Values{"la_number": {"336"}, "version": {strconv.Itoa(v)}, "reason": {"checked " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		return e.councilChangedFor(c.form.Get("reason"))
	}},
}

// TestReturnsPageErrors: the page refuses a bad year and an impossible day
// with an error summary linking to each, and makes nothing; the API names
// the query's fields in its JSON.
func TestReturnsPageErrors(t *testing.T) {
	e := newEnv(t)
	e.laNumberSet()
	b := e.browser().signIn(access.Analyst)
	res := b.post("/returns", url.Values{"kind": {"cin"}, "year": {"1999"}, "as_recorded_on-day": {"31"}, "as_recorded_on-month": {"2"}, "as_recorded_on-year": {"2023"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %.300s", res.status, res.body)
	}
	sum := errorSummary(res.body)
	for _, want := range []string{`href="#year"`, `href="#as_recorded_on-day"`, "The date the records are read as recorded on must be a real date"} {
		if !strings.Contains(sum, want) {
			t.Errorf("no %s in the summary: %s", want, sum)
		}
	}
	if strings.Contains(res.body, "<Collection>") {
		t.Error("a return was sent with the errors")
	}

	res = e.api(access.Analyst, "GET", "/api/v1/returns/cin?year=twenty&as_recorded_on=2023-13-01", "")
	var body struct {
		Error struct {
			Code   string
			Fields []struct{ Field string }
		}
	}
	if err := json.Unmarshal([]byte(res.body), &body); err != nil || res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	if f := body.Error.Fields; len(f) != 2 || f[0].Field != "year" || f[1].Field != "as_recorded_on" {
		t.Errorf("fields %+v in %s", f, res.body)
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{Action: store.LogExport, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 0 {
		t.Errorf("refused requests logged exports: %+v", lines)
	}
}

// TestReturnsSameBytes: the page, the API and the use case make the same
// file for the same moment, whenever they are asked, and each is logged.
func TestReturnsSameBytes(t *testing.T) {
	e := newEnv(t)
	e.laNumberSet()
	b := e.browser().signIn(access.Admin)
	page := b.post("/returns", url.Values{"kind": {"cin"}, "year": {"2023"}})
	if page.status != http.StatusOK {
		t.Fatalf("status %d", page.status)
	}
	at := page.header.Get("Hearth-As-Recorded-At")
	api := e.api(access.Analyst, "GET", "/api/v1/returns/cin?year=2023&as_recorded_on="+url.QueryEscape(at), "")
	if api.status != http.StatusOK || !bytes.Equal([]byte(api.body), []byte(page.body)) {
		t.Errorf("the API at %s (status %d) differs from the page:\n%s\n---\n%s", at, api.status, api.body, page.body)
	}
	if api.header.Get("Hearth-As-Recorded-At") != at {
		t.Errorf("the API read at %s, the page at %s", api.header.Get("Hearth-As-Recorded-At"), at)
	}
	r, err := e.app.SystemReturn(context.Background(), access.SystemBulk("test"), "test", app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: at})
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Files[0].Body) != page.body {
		t.Error("the use case differs from the page")
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{Action: store.LogExport, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 {
		t.Errorf("%d export lines, want 3", len(lines))
	}
}
