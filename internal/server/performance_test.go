package server

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"hearth/internal/access"
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
