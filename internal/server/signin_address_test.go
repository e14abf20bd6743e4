package server

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
)

// deviceOf returns a browser's device cookie, after it has signed in.
func deviceOf(t *testing.T, b *browser) string {
	t.Helper()
	for _, c := range b.c.Jar.Cookies(mustURL(t, b.e.srv.URL+"/sign-in")) {
		if c.Name == "hearth_device" {
			return c.Value
		}
	}
	t.Fatal("no device cookie after signing in")
	return ""
}

// TestFailedSignInsFromOneAddressDoNotShutOutItsUsers replays the attack:
// behind the proxy the operations guide asks for, every user shares one
// address, and 66 failed sign-ins with made-up names from it answered 429 to
// everyone, a user with the right password at their usual browser included,
// telling them to wait a minute when the wait was a second. Now the address
// counts only failures, a browser with the name's device cookie is not
// counted at all, and the refusal says how long to wait.
func TestFailedSignInsFromOneAddressDoNotShutOutItsUsers(t *testing.T) {
	e := newEnv(t)
	now := pinClock(e)
	owner := e.browser()
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("the owner's first sign-in: status %d", res.status)
	}
	deviceOf(t, owner)

	// A morning's sign-ins at the office: successes cost the address nothing.
	users := []string{"test.analyst", "test.auditor", "test.team_manager", "test.mash", "test.partner"}
	for i := range app.AddressBurst + 5 {
		if res := e.browser().signInAs(users[i%len(users)], testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("sign-in %d from the office: status %d, want 303", i+1, res.status)
		}
	}

	// Someone at the same address tries made-up names.
	attacker := e.browser()
	var last response
	for i := range app.AddressBurst + 6 {
		last = attacker.signInAs("made.up."+strconv.Itoa(i), "wrong password!")
		want := http.StatusUnauthorized
		if i >= app.AddressBurst {
			want = http.StatusTooManyRequests
		}
		if last.status != want {
			t.Fatalf("made-up name %d: status %d, want %d", i+1, last.status, want)
		}
	}
	if !strings.Contains(last.body, "Wait a second") || strings.Contains(last.body, "minute") {
		t.Errorf("the refusal does not state the real wait (a second): %s", errorText(last.body))
	}

	// The owner, at their usual browser, is not counted with the address.
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Errorf("the owner's own browser: status %d, want 303", res.status)
	}
	// Nor is a made-up or another name's device cookie.
	forger := e.browser()
	forger.c.Jar.SetCookies(mustURL(t, e.srv.URL+"/sign-in"), []*http.Cookie{{Name: "hearth_device", Value: deviceOf(t, owner), Path: "/sign-in"}})
	if res := forger.signInAs("test.analyst", testPassword); res.status != http.StatusTooManyRequests {
		t.Errorf("another name's device cookie: status %d, want 429", res.status)
	}
	// A new browser waits the second it was told, and no longer.
	if res := e.browser().signInAs("test.analyst", testPassword); res.status != http.StatusTooManyRequests {
		t.Errorf("a new browser at once: status %d, want 429", res.status)
	}
	*now = now.Add(time.Second)
	if res := e.browser().signInAs("test.analyst", testPassword); res.status != http.StatusSeeOther {
		t.Errorf("a new browser a second later: status %d, want 303", res.status)
	}
	// The owner's failures at their own browser are the name's business,
	// not the address's: still counted by name.
	for i := range access.FreeSignInAttempts {
		if res := owner.signInAs("test.practitioner", "wrong password!"); res.status != http.StatusUnauthorized {
			t.Fatalf("the owner's mistake %d: status %d, want 401", i+1, res.status)
		}
	}
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusTooManyRequests {
		t.Errorf("the owner after five mistakes: status %d, want 429 (slowed by name)", res.status)
	}
}

// errorText is the error summary of a page, for a failure's message.
func errorText(body string) string {
	i := strings.Index(body, "govuk-error-summary__list")
	if i < 0 {
		return "(no error summary)"
	}
	return body[i:min(len(body), i+300)]
}
