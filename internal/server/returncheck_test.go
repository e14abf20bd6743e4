package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/store"
)

// containsAll checks that a response holds every one of the strings.
func containsAll(want ...string) func(*env, *browser, access.Role, call, response) error {
	return func(_ *env, _ *browser, _ access.Role, _ call, res response) error {
		for _, s := range want {
			if !strings.Contains(res.body, s) {
				return fmt.Errorf("the response lacks %q: %.300s", s, res.body)
			}
		}
		return nil
	}
}

// returnCheckRoutes are the route table's rows for checking a return.
var returnCheckRoutes = map[string]routeRule{
	"GET /returns/check": {allowed: exporters, req: func(e *env, _ access.Role) call {
		e.laNumberSet()
		return call{path: "/returns/check?kind=cin&year=2023"}
	}, check: containsAll("Check of the Children in need census 2023", `id="errors"`)},
	"GET /api/v1/returns/{kind}/check": {allowed: exporters, req: func(e *env, _ access.Role) call {
		e.laNumberSet()
		return call{path: "/api/v1/returns/cin/check?year=2023"}
	}, check: containsAll(`"kind":"cin"`, `"year":2023`, `"findings":[`)},
}

// TestReturnCheckPageErrors: the check page refuses a return it cannot
// check, a bad year and an impossible day with an error summary linking to
// each, and checks nothing: no bulk read is logged.
func TestReturnCheckPageErrors(t *testing.T) {
	e := newEnv(t)
	e.laNumberSet()
	b := e.browser().signIn(access.Analyst)
	res := b.get("/returns/check?kind=annexb&year=1999&as_recorded_on-day=31&as_recorded_on-month=2&as_recorded_on-year=2023")
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %.300s", res.status, res.body)
	}
	sum := errorSummary(res.body)
	for _, want := range []string{`href="#kind"`, `href="#year"`, `href="#as_recorded_on-day"`} {
		if !strings.Contains(sum, want) {
			t.Errorf("no %s in the summary: %s", want, sum)
		}
	}
	if strings.Contains(res.body, `id="findings"`) {
		t.Error("findings were shown with the errors")
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{Action: store.LogBulkRead, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 0 {
		t.Errorf("refused checks logged reads: %+v", lines)
	}
}
