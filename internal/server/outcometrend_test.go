package server

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/programme"
)

// TestOutcomeShowsItsIndicatorsTrend: a key measure that names an indicator
// of the performance framework shows its trend on the outcome's page to a
// reader of the framework, and to anyone else says where it is; a measure
// naming no indicator says so.
func TestOutcomeShowsItsIndicatorsTrend(t *testing.T) {
	e := newEnv(t)
	o := e.programmeOutcome()
	o.Measures = []programme.Measure{{Name: "Children in need", Indicator: "cin_rate"}, {Name: "Made up", Indicator: "no_such_thing"}}
	if _, err := e.st.UpdateProgrammeOutcome(context.Background(), o, e.adminChange()); err != nil {
		t.Fatal(err)
	}
	page := programmePath("outcomes", int64(o.ID))
	res := e.browser().signIn(access.ProgrammeManager).get(page)
	if res.status != 200 || !strings.Contains(res.body, "Children in need at each quarter's end") || !strings.Contains(res.body, "<svg") ||
		!strings.Contains(res.body, `href="/performance/cin_rate/trend"`) {
		t.Errorf("the programme manager's outcome page: status %d: %s", res.status, res.body[strings.Index(res.body, "Key measures"):])
	}
	if !strings.Contains(res.body, "has no indicator <code>no_such_thing</code>") {
		t.Errorf("a measure naming no indicator is not pointed out")
	}
	res = e.browser().signIn(access.Practitioner).get(page)
	if res.status != 200 || strings.Contains(res.body, "<svg") || !strings.Contains(res.body, "Its trend is shown to those who read the performance framework") {
		t.Errorf("the practitioner's outcome page: status %d", res.status)
	}
}
