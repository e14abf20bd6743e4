package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/indicators"
)

// The performance framework's routes: who may read the figures, who may
// open the lists (the page shows them; the API returns them), and who
// enters the council's data.
var (
	perfReaders  = []access.Role{access.TeamManager, access.Analyst, access.ProgrammeManager, access.Admin}
	perfManagers = []access.Role{access.Analyst, access.Admin}
)

// perfVersion is the version of the council's performance data.
func (e *env) perfVersion() string {
	e.t.Helper()
	_, v, err := e.st.PerformanceData(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return strconv.Itoa(v)
}

// perfForm is a valid form for a change of the council's data, from the
// version that stands.
func (e *env) perfForm(reasonField string, kv ...string) call {
	f := url.Values{"version": {e.perfVersion()}, reasonField: {"entered " + serial()}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return call{form: f}
}

// perfChangedFor checks that the latest change of the council's data was
// made for the form's reason.
func perfChangedFor(reasonField string) func(*env, *browser, access.Role, call, response) error {
	return func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		h, err := e.st.PerformanceDataHistory(context.Background())
		if err != nil {
			return err
		}
		if want := c.form.Get(reasonField); len(h) == 0 || h[len(h)-1].Reason != want {
			return fmt.Errorf("the performance data's last change is not the one made for %q (%d versions)", want, len(h))
		}
		return nil
	}
}

// perfPositionSaved checks the change's reason and that the count of 31
// March 2023 holds the position as the form gave it.
func perfPositionSaved(e *env, b *browser, role access.Role, c call, res response) error {
	if err := perfChangedFor("position_reason")(e, b, role, c, res); err != nil {
		return err
	}
	raw, _, err := e.st.PerformanceData(context.Background())
	if err != nil {
		return err
	}
	var d indicators.CouncilData
	if err := json.Unmarshal(raw, &d); err != nil {
		return err
	}
	for _, p := range d.WorkforceOn(civil.MustNew(2023, 3, 31)).Positions {
		if p.Name == "Social Worker" && p.Budgeted == 148.87 && p.Agency == 19 && p.CaseHolding {
			return nil
		}
	}
	return fmt.Errorf("the count of 31 March 2023 does not hold the position: %+v", d.Establishments)
}
