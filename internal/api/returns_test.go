package api

import (
	"reflect"
	"testing"
)

// The schemas of the council's details (returns.go); a return itself is
// its file, not JSON.
func init() {
	for name, typ := range map[string]reflect.Type{
		"CouncilResponse": reflect.TypeFor[councilResponse](),
		"CouncilVersion":  reflect.TypeFor[councilVersion](),
		"CouncilUpdate":   reflect.TypeFor[councilUpdate](),
	} {
		schemaTypes[name] = typ
	}
	writtenOnly = append(writtenOnly, "CouncilResponse", "CouncilVersion")
}

// TestReturnsThroughTheAPI: no census until the council's LA number is set;
// only administrators set it, three digits from the version they saw; then
// an analyst gets the census as XML, with the moment read in a header, and
// nobody else does; a bad year or an unknown return names its field.
func TestReturnsThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	e.run(t, []scenario{
		{name: "no LA number yet: conflict", method: "GET", path: "/api/v1/returns/cin?year=2025", token: "analyst", wantStatus: 409, wantBody: []string{"LA number"}},
		{name: "only administrators set the LA number", method: "PUT", path: "/api/v1/settings/council", token: "worker", body: j(map[string]any{"la_number": "336", "version": 0, "reason": "r"}), wantStatus: 403},
		{name: "three digits", method: "PUT", path: "/api/v1/settings/council", token: "admin", body: j(map[string]any{"la_number": "33", "version": 0, "reason": "the DfE's number"}), wantStatus: 422, wantBody: []string{`"field":"la_number"`}},
		{name: "the administrator sets it", method: "PUT", path: "/api/v1/settings/council", token: "admin", body: j(map[string]any{"la_number": "336", "version": 0, "reason": "the DfE's number"}), wantStatus: 200, wantBody: []string{`"la_number":"336"`, `"version":1`, `"reason":"the DfE's number"`}},
		{name: "from a stale version: conflict", method: "PUT", path: "/api/v1/settings/council", token: "admin", body: j(map[string]any{"la_number": "999", "version": 0, "reason": "late"}), wantStatus: 409},
		{name: "those who read the settings read it", method: "GET", path: "/api/v1/settings/council", token: "worker", wantStatus: 200, wantBody: []string{`"la_number":"336"`}},
		{name: "an analyst gets the census", method: "GET", path: "/api/v1/returns/cin?year=2025", token: "analyst", wantStatus: 200,
			wantBody:   []string{"<Collection>CIN</Collection>", "<Year>2025</Year>", "<LEA>336</LEA>", "<DateTime>2025-06-02T10:00:00</DateTime>"},
			wantHeader: map[string]string{"Content-Type": "application/xml; charset=utf-8", "Hearth-As-Recorded-At": "2025-06-02T09:00:00Z", "Content-Disposition": `attachment; filename="cin-census-2025.xml"`}},
		{name: "as recorded before the number was set: conflict", method: "GET", path: "/api/v1/returns/cin?year=2025&as_recorded_on=2025-06-01", token: "admin", wantStatus: 409, wantBody: []string{"LA number"}},
		{name: "not a practitioner", method: "GET", path: "/api/v1/returns/cin?year=2025", token: "worker", wantStatus: 403, notBody: []string{"<Collection>"}},
		{name: "not an auditor", method: "GET", path: "/api/v1/returns/cin?year=2025", token: "auditor", wantStatus: 403},
		{name: "a year not begun", method: "GET", path: "/api/v1/returns/cin?year=2027", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"year"`}},
		{name: "a return Hearth does not make", method: "GET", path: "/api/v1/returns/annexb?year=2025", token: "analyst", wantStatus: 422, wantBody: []string{`"field":"kind"`}},
	})
}
