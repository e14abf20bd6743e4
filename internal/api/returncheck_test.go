package api

import (
	"reflect"
	"testing"
)

func init() {
	schemaTypes["ReturnCheck"] = reflect.TypeFor[returnCheckResponse]()
	schemaTypes["ReturnFinding"] = reflect.TypeFor[returnFinding]()
	writtenOnly = append(writtenOnly, "ReturnCheck", "ReturnFinding")
}

// TestCheckReturnThroughTheAPI: analysts and administrators check a return
// once the LA number is set, as JSON; nobody else does; a bad year or a
// return that cannot be checked names its field.
func TestCheckReturnThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	e.run(t, []scenario{
		{name: "no LA number yet: conflict", method: "GET", path: "/api/v1/returns/cin/check?year=2025", token: "analyst", wantStatus: 409, wantBody: []string{"LA number"}},
		{name: "the administrator sets it", method: "PUT", path: "/api/v1/settings/council", token: "admin", body: j(map[string]any{"la_number": "336", "version": 0, "reason": "the DfE's number"}), wantStatus: 200},
		{name: "an analyst checks the census", method: "GET", path: "/api/v1/returns/cin/check?year=2025", token: "analyst", wantStatus: 200,
			wantBody: []string{`"kind":"cin"`, `"year":2025`, `"findings":[`, `"children_affected":`}},
		{name: "an administrator checks the 903", method: "GET", path: "/api/v1/returns/ssda903/check?year=2025", token: "admin", wantStatus: 200,
			wantBody: []string{`"kind":"ssda903"`}},
		{name: "not a practitioner", method: "GET", path: "/api/v1/returns/cin/check?year=2025", token: "worker", wantStatus: 403, notBody: []string{`"findings"`}},
		{name: "not an auditor", method: "GET", path: "/api/v1/returns/cin/check?year=2025", token: "auditor", wantStatus: 403},
		{name: "a year not begun", method: "GET", path: "/api/v1/returns/cin/check?year=2999", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"year"`}},
		{name: "a return Hearth does not check", method: "GET", path: "/api/v1/returns/annexb/check?year=2025", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"kind"`}},
	})
}
