package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"hearth/internal/access"
)

// TestAGrantCannotBeBackdated: a grant wholly in 1900 was accepted, and a
// grant that starts in the past makes earlier reads of the record look
// covered by it. A grant's start may be no earlier than now (a minute's
// grace for clocks), and its end after its start, each refusal naming its
// field and saving nothing.
func TestAGrantCannotBeBackdated(t *testing.T) {
	e := newEnv(t)
	worker := e.users[access.Practitioner].ID
	now := time.Now().UTC()
	grant := func(from, until time.Time) response {
		body := fmt.Sprintf(`{"person_id":%d,"user_id":%d,"reason":"adoption support","until":%q`, e.restricted, worker, until.Format(time.RFC3339))
		if !from.IsZero() {
			body += fmt.Sprintf(`,"from":%q`, from.Format(time.RFC3339))
		}
		return e.api(access.Admin, "POST", "/api/v1/grants", body+"}")
	}
	wantFieldError(t, "a grant wholly in 1900", grant(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1900, 2, 1, 0, 0, 0, 0, time.UTC)), "from")
	wantFieldError(t, "a grant from yesterday", grant(now.AddDate(0, 0, -1), now.AddDate(0, 0, 7)), "from")
	wantFieldError(t, "a grant from an hour ago", grant(now.Add(-time.Hour), now.AddDate(0, 0, 7)), "from")
	wantFieldError(t, "a grant that ends before it starts", grant(now.AddDate(0, 0, 7), now.AddDate(0, 0, 6)), "until")
	subj, err := e.st.Subject(context.Background(), e.restricted, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(subj.Grants) != 0 {
		t.Fatalf("a refused grant was saved: %+v", subj.Grants)
	}
	if n := len(e.accessLines("grant.create")); n != 0 {
		t.Errorf("%d grant lines for refused grants", n)
	}
	// From now (given, or left out) and from next week are fine.
	for what, from := range map[string]time.Time{"from now": now, "no from": {}, "from next week": now.AddDate(0, 0, 7)} {
		if res := grant(from, now.AddDate(0, 0, 30)); res.status != http.StatusCreated {
			t.Errorf("%s: status %d: %.300s", what, res.status, res.body)
		}
	}
}
