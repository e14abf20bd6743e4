package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
)

// TestOversizedFormsAreRefused: an unauthenticated sign-in with a 9 MB
// username was read, answered 401 and echoed in a 9 MB page, and signed-in
// forms echoed a 5 MB reason. Every form's body is now limited to 64 KiB
// and refused, before it is read further, with a 413 page that echoes
// nothing.
func TestOversizedFormsAreRefused(t *testing.T) {
	e := newEnv(t)
	huge := strings.Repeat("a", 9<<20)
	res := e.browser().signInAs(huge, "wrong password!")
	if res.status != http.StatusRequestEntityTooLarge || len(res.body) > 64<<10 || !strings.Contains(res.body, "too large") {
		t.Errorf("a 9 MB username: status %d, %d bytes, want a short 413 page", res.status, len(res.body))
	}

	b := e.browser().signIn(access.Admin)
	id := strconv.FormatInt(int64(e.child), 10)
	res = b.post("/admin/restrictions/new", url.Values{"person_id": {id}, "restricted": {"yes"}, "reason": {strings.Repeat("r", 5<<20)}})
	if res.status != http.StatusRequestEntityTooLarge || len(res.body) > 64<<10 || !strings.Contains(res.body, "too large") {
		t.Errorf("a 5 MB reason: status %d, %d bytes, want a short 413 page", res.status, len(res.body))
	}
	if s, err := e.st.Subject(context.Background(), e.child, time.Now()); err != nil || s.Restricted {
		t.Errorf("the refused form changed the record: %+v, %v", s, err)
	}
	// A form of ordinary size still works, and a long reason is refused by
	// its own rule.
	res = b.post("/admin/restrictions/new", url.Values{"person_id": {id}, "restricted": {"yes"}, "reason": {strings.Repeat("r", 501)}})
	wantSummary(t, "a 501-character reason", res, "reason", "500 characters or fewer")
}

// TestALongUsernameIsRefusedBeforeAnyWork: no account has a username over
// 64 characters, so sign-in refuses one at once, naming the field, before
// looking the name up, hashing or counting it: however often it is sent, it
// is never slowed as a real attempt would be.
func TestALongUsernameIsRefusedBeforeAnyWork(t *testing.T) {
	e := newEnv(t)
	pinClock(e)
	long := strings.Repeat("a", access.MaxUsernameLength+1)
	b := e.browser()
	for i := range access.FreeSignInAttempts + 3 {
		res := b.signInAs(long, "wrong password!")
		wantSummary(t, "a 65-character username, attempt "+strconv.Itoa(i+1), res, "username", "Username must be 64 characters or fewer")
	}
	// A name of 64 characters is an ordinary failure.
	if res := b.signInAs(strings.Repeat("a", access.MaxUsernameLength), "wrong password!"); res.status != http.StatusUnauthorized {
		t.Errorf("a 64-character username: status %d, want 401", res.status)
	}
}
