package server

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
)

// TestAsOfMustBeAPlausibleMoment checks that the zero time, which Hearth
// reads as "now", and other moments no record can have are refused by name,
// on the API and on the person's page, instead of showing today's record.
func TestAsOfMustBeAPlausibleMoment(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Practitioner)
	id := strconv.FormatInt(int64(e.child), 10)
	future := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	for _, asOf := range []string{"0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z", future, "9999-12-31T23:59:59Z"} {
		for _, path := range []string{"/api/v1/people/" + id, "/api/v1/people/" + id + "/relationships"} {
			res := e.api(access.Practitioner, "GET", path+"?as_of="+asOf, "")
			if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"as_of"`) {
				t.Errorf("GET %s?as_of=%s: status %d, body %s; want 422 naming as_of", path, asOf, res.status, res.body)
			}
		}
		res := b.get("/people/" + id + "?as_of=" + asOf)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "as_of") || strings.Contains(res.body, "Amira") {
			t.Errorf("page as_of=%s: status %d, want 422 naming as_of and showing no record", asOf, res.status)
		}
	}
	// A moment in the record's life still works, as does one a little ahead
	// (a client's clock running fast).
	recent := time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	if res := e.api(access.Practitioner, "GET", "/api/v1/people/"+id+"?as_of="+recent, ""); res.status != http.StatusOK {
		t.Errorf("as_of a minute ahead: status %d: %s", res.status, res.body)
	}
	if res := b.get("/people/" + id + "?as_of=" + recent); res.status != http.StatusOK {
		t.Errorf("page as_of a minute ahead: status %d", res.status)
	}
}
