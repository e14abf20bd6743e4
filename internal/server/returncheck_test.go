package server

import (
	"fmt"
	"strings"

	"hearth/internal/access"
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
