package server

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/access"
)

// withDevice is a fresh browser holding value as its device cookie.
func (e *env) withDevice(t *testing.T, value string) *browser {
	t.Helper()
	b := e.browser()
	b.c.Jar.SetCookies(mustURL(t, e.srv.URL+"/sign-in"), []*http.Cookie{{Name: "hearth_device", Value: value, Path: "/sign-in"}})
	return b
}

// slowName makes sign-ins as name from new browsers wait, as an attacker
// trying passwords elsewhere would.
func (e *env) slowName(t *testing.T, name string) {
	t.Helper()
	attacker := e.browser()
	for i := range access.FreeSignInAttempts + 1 {
		res := attacker.signInAs(name, "wrong password!")
		if i >= access.FreeSignInAttempts && res.status != http.StatusTooManyRequests {
			t.Fatalf("attempt %d on %s: status %d, want 429", i+1, name, res.status)
		}
	}
}

// TestEachBrowserHasItsOwnDeviceCookie: the device cookie was a MAC of the
// name alone, the same in every browser that ever signed in as it, and for
// ever. Each sign-in now gets a value of its own, each good for the name.
func TestEachBrowserHasItsOwnDeviceCookie(t *testing.T) {
	e := newEnv(t)
	pinClock(e)
	office, home := e.browser(), e.browser()
	for _, b := range []*browser{office, home} {
		if res := b.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("sign-in: status %d", res.status)
		}
	}
	first := deviceOf(t, office)
	if other := deviceOf(t, home); other == first {
		t.Fatalf("two browsers got the same device cookie %q", first)
	}
	// Signing in again gives the browser a new value.
	if res := office.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("second sign-in: status %d", res.status)
	}
	if again := deviceOf(t, office); again == first {
		t.Errorf("a second sign-in kept the device cookie %q", again)
	}
	// Each is good for the name: neither waits while the name is slowed.
	e.slowName(t, "test.practitioner")
	for name, b := range map[string]*browser{"office": office, "home": home} {
		if res := b.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
			t.Errorf("%s browser while the name is slowed: status %d, want 303", name, res.status)
		}
	}
}

// TestACopiedDeviceCookieSlowsOnlyTheCopy replays the attack: seven wrong
// passwords from a copy of a browser's device cookie (the throttle's key was
// "device:"+name) made the owner wait at their own browser. Now the key is
// the cookie's own value: failures with the copy slow the copy and the
// browser it was taken from, and no other.
func TestACopiedDeviceCookieSlowsOnlyTheCopy(t *testing.T) {
	e := newEnv(t)
	pinClock(e)
	owner, shared := e.browser(), e.browser()
	for _, b := range []*browser{owner, shared} {
		if res := b.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("sign-in: status %d", res.status)
		}
	}
	copied := e.withDevice(t, deviceOf(t, shared))
	for i := range access.FreeSignInAttempts + 2 {
		want := http.StatusUnauthorized
		if i >= access.FreeSignInAttempts {
			want = http.StatusTooManyRequests
		}
		if res := copied.signInAs("test.practitioner", "wrong password!"); res.status != want {
			t.Fatalf("the copy's attempt %d: status %d, want %d", i+1, res.status, want)
		}
	}
	if res := copied.signInAs("test.practitioner", testPassword); res.status != http.StatusTooManyRequests {
		t.Errorf("the copy with the right password: status %d, want 429", res.status)
	}
	if res := shared.signInAs("test.practitioner", testPassword); res.status != http.StatusTooManyRequests {
		t.Errorf("the browser the copy was taken from: status %d, want 429", res.status)
	}
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Errorf("the owner's own browser: status %d, want 303", res.status)
	}
	// The copy's failures are not the name's either: a new browser is not slowed.
	if res := e.browser().signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Errorf("a new browser: status %d, want 303", res.status)
	}
}

// TestAForgedOrOtherNamesDeviceCookieCountsAsNone: only a value this server
// made for the name gives a browser a count of its own.
func TestAForgedOrOtherNamesDeviceCookieCountsAsNone(t *testing.T) {
	e := newEnv(t)
	pinClock(e)
	owner, analyst := e.browser(), e.browser()
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("sign-in: status %d", res.status)
	}
	if res := analyst.signInAs("test.analyst", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("sign-in: status %d", res.status)
	}
	mine, theirs := deviceOf(t, owner), deviceOf(t, analyst)
	id, mac, ok := strings.Cut(mine, ".")
	otherID, otherMAC, ok2 := strings.Cut(theirs, ".")
	if !ok || !ok2 {
		t.Fatalf("device cookies %q, %q are not id.mac", mine, theirs)
	}
	flip := func(s string) string {
		if s[0] == 'A' {
			return "B" + s[1:]
		}
		return "A" + s[1:]
	}
	e.slowName(t, "test.practitioner")
	forged := map[string]string{
		"another name's cookie":        theirs,
		"a changed id":                 flip(id) + "." + mac,
		"a changed MAC":                id + "." + flip(mac),
		"another cookie's id":          otherID + "." + mac,
		"another cookie's MAC":         id + "." + otherMAC,
		"the MAC alone":                mac,
		"a longer id":                  id + "A." + mac,
		"no id":                        "." + mac,
		"the value of the old cookies": strings.Repeat("A", 43),
	}
	for what, value := range forged {
		if res := e.withDevice(t, value).signInAs("test.practitioner", testPassword); res.status != http.StatusTooManyRequests {
			t.Errorf("%s: status %d, want 429", what, res.status)
		}
	}
	if res := owner.signInAs("test.practitioner", testPassword); res.status != http.StatusSeeOther {
		t.Errorf("the owner's own browser: status %d, want 303", res.status)
	}
}
