package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
)

// pinClock stops the app's clock at a moment the test then moves by hand.
func pinClock(e *env) *time.Time {
	now := time.Now()
	e.app.Clock = func() time.Time { return now }
	return &now
}

// signInAs posts the sign-in form from b.
func (b *browser) signInAs(username, password string) response {
	b.e.t.Helper()
	return b.post("/sign-in", url.Values{"username": {username}, "password": {password}})
}

// TestSignInAnswersAlikeForEveryName tries a known name, an unknown one and a
// disabled account, from fresh browsers, and checks that every attempt gets
// the same status and page: a known name used to be locked after five
// failures while an unknown one never was, which told an attacker which
// names exist.
func TestSignInAnswersAlikeForEveryName(t *testing.T) {
	e := newEnv(t)
	now := pinClock(e)
	ctx := context.Background()
	off := e.users[access.Auditor]
	off.Disabled = true
	if _, err := e.app.UpdateUser(ctx, app.Actor{Principal: access.Principal{User: e.users[access.Admin]}}, off, "left the council"); err != nil {
		t.Fatal(err)
	}

	type answer struct {
		status int
		body   string
	}
	attempts := func(name, password string) []answer {
		var out []answer
		for range access.FreeSignInAttempts + 3 {
			res := e.browser().signInAs(name, password)
			out = append(out, answer{res.status, strings.ReplaceAll(res.body, name, "NAME")})
		}
		return out
	}
	known := attempts("test.practitioner", "wrong password!")
	for i, a := range known {
		want := http.StatusUnauthorized
		if i >= access.FreeSignInAttempts {
			want = http.StatusTooManyRequests
		}
		if a.status != want {
			t.Fatalf("known name, attempt %d: status %d, want %d", i+1, a.status, want)
		}
	}
	for _, other := range []struct{ what, name, password string }{
		{"unknown name", "no.such.person", "wrong password!"},
		{"disabled account, wrong password", "test.auditor", "wrong password!"},
		{"disabled account, right password", "test.auditor", testPassword},
	} {
		*now = now.Add(access.ForgetSignInAfter) // every name starts afresh
		got := attempts(other.name, other.password)
		for i := range known {
			if got[i] != known[i] {
				t.Errorf("%s, attempt %d: status %d, want %d like a known name; page differs: %v",
					other.what, i+1, got[i].status, known[i].status, got[i].body != known[i].body)
			}
		}
	}
}

// TestSignInNeverLocksTheOwnerOut replays the attack that kept an
// administrator out (one wrong password an hour: the lock doubled and never
// reset) and a constant one, and checks the owner still gets in: at once
// after an hourly attempt, and within a bounded wait while someone keeps
// trying as fast as they are let.
func TestSignInNeverLocksTheOwnerOut(t *testing.T) {
	e := newEnv(t)
	now := pinClock(e)
	attacker := e.browser()
	for range access.FreeSignInAttempts {
		attacker.signInAs("test.admin", "wrong password!")
	}
	for h := range 30 {
		*now = now.Add(time.Hour)
		attacker.signInAs("test.admin", "wrong password!")
		*now = now.Add(time.Minute)
		if res := e.browser().signInAs("test.admin", testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("hour %d: the owner's sign-in answered %d, want 303", h+1, res.status)
		}
	}

	// Someone tries as fast as they are let for a while: 20 attempts.
	tried := 0
	for tried < 20 {
		res := attacker.signInAs("test.admin", "wrong password!")
		switch res.status {
		case http.StatusUnauthorized:
			tried++
		case http.StatusTooManyRequests:
			*now = now.Add(time.Second)
		default:
			t.Fatalf("attacker: status %d", res.status)
		}
	}
	// The owner, at a new computer, waits at most the longest delay.
	*now = now.Add(access.MaxSignInDelay)
	if res := e.browser().signInAs("test.admin", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("owner after the longest wait: status %d, want 303", res.status)
	}
}

// TestSignInFromAKnownBrowserIsNotSlowed checks that a browser that has
// signed in before is counted apart: an attacker slowing a name elsewhere
// does not keep its owner out at their usual computer, but a made-up device
// cookie earns nothing.
func TestSignInFromAKnownBrowserIsNotSlowed(t *testing.T) {
	e := newEnv(t)
	pinClock(e)
	owner := e.browser()
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("first sign-in: status %d", res.status)
	}
	var device string
	for _, c := range owner.c.Jar.Cookies(mustURL(t, e.srv.URL+"/sign-in")) {
		if c.Name == "hearth_device" {
			device = c.Value
		}
	}
	if device == "" {
		t.Fatal("no device cookie after signing in")
	}

	attacker := e.browser()
	for i := range access.FreeSignInAttempts + 2 {
		res := attacker.signInAs("test.practitioner", "wrong password!")
		if i >= access.FreeSignInAttempts && res.status != http.StatusTooManyRequests {
			t.Fatalf("attacker's attempt %d: status %d, want 429", i+1, res.status)
		}
	}
	forger := e.browser()
	forger.c.Jar.SetCookies(mustURL(t, e.srv.URL+"/sign-in"), []*http.Cookie{{Name: "hearth_device", Value: strings.Repeat("A", len(device)), Path: "/sign-in"}})
	if res := forger.signInAs("test.practitioner", testPassword); res.status != http.StatusTooManyRequests {
		t.Errorf("a made-up device cookie: status %d, want 429", res.status)
	}
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Errorf("the owner's own browser: status %d, want 303", res.status)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
