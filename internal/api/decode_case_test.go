package api

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/errs"
)

// TestDecodeMatchesFieldNamesExactly checks that a key naming a field in other
// letter cases, or a key given twice, is refused with the field named, where
// encoding/json alone would accept it ({"Restricted": true} would set
// restricted).
func TestDecodeMatchesFieldNamesExactly(t *testing.T) {
	for _, tc := range []struct {
		name, body, wantField string
	}{
		{"record key", `{"Person":{"given_name":"Ava"}}`, "Person"},
		{"field in a record", `{"person":{"given_name":"Ava","Restricted":true}}`, "Restricted"},
		{"all capitals", `{"person":{"GIVEN_NAME":"Ava"}}`, "GIVEN_NAME"},
		{"inside a list", `{"person":{"addresses":[{"line1":"1 Queen Square","Postcode":"WV1 1RG"}]}}`, "addresses.0.Postcode"},
		{"inside an object", `{"person":{"identifiers":{"NHS_Number":"9434765919"}}}`, "identifiers.NHS_Number"},
		{"top level", `{"person":{},"Reason":"x"}`, "Reason"},
		{"Kelvin sign for k", "{\"person\":{\"\u212Anown_as\":\"x\"}}", ""},
		{"a field twice", `{"person":{"restricted":false,"restricted":true}}`, "restricted"},
		{"a record twice", `{"person":{},"person":{"given_name":"Ava"}}`, "person"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var req personRequest
			err := decodeBytes([]byte(tc.body), &req)
			e := errs.As(err)
			if e == nil || e.Code != errs.BadRequest {
				t.Fatalf("decode %s: %v (%+v), want bad_request", tc.body, err, req)
			}
			if tc.wantField == "" {
				return
			}
			if len(e.Fields) != 1 || e.Fields[0].Field != tc.wantField {
				t.Errorf("decode %s: fields %+v, want one naming %s", tc.body, e.Fields, tc.wantField)
			}
		})
	}

	// Exact names, including in a map's keys, which are data, still decode.
	var req personRequest
	body := `{"person":{"given_name":"Ava","restricted":false,"identifiers":{"nhs_number":"9434765919"}},"reason":"x"}`
	if err := decodeBytes([]byte(body), &req); err != nil || req.Person.GivenName != "Ava" || req.Reason != "x" {
		t.Errorf("exact names: %v, %+v", err, req)
	}
}

// TestRestrictedInOtherCaseIsRefusedByTheAPI sends the body the attack used
// through the API and checks the answer names the field and nothing is made.
func TestRestrictedInOtherCaseIsRefusedByTheAPI(t *testing.T) {
	e := newEnv(t)
	body := `{"person":{"given_name":"Nell","family_name":"Ashdown","date_of_birth":"2017-06-09","Restricted":true},"reason":"x"}`
	status, _, got := e.do("POST", "/api/v1/people", "worker", "application/json", body)
	if status != http.StatusBadRequest || !strings.Contains(got, `"field":"Restricted"`) || !strings.Contains(got, "restricted") {
		t.Errorf("POST with Restricted: status %d %s, want 400 naming the field", status, got)
	}
	status, _, got = e.do("GET", "/api/v1/people?name=Ashdown", "worker", "", "")
	if status != http.StatusOK || strings.Contains(got, "Nell") {
		t.Errorf("after the refused POST, search: status %d %s; want no Nell", status, got)
	}
}
