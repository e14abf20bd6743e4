package access

import (
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestNameThrottleSlowsWithABoundedDelay(t *testing.T) {
	th := NewNameThrottle()
	t0 := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	for i := range FreeSignInAttempts {
		if w := th.Attempt("jo", t0); w != 0 {
			t.Fatalf("free attempt %d: wait %v", i+1, w)
		}
	}
	// Now each attempt waits after the one before: 1s, 2s, 4s ... 60s at most.
	now := t0
	for i, want := range []time.Duration{1, 2, 4, 8, 16, 32, 60, 60, 60} {
		want *= time.Second
		if w := th.Attempt("jo", now); w != want {
			t.Fatalf("attempt %d at once: wait %v, want %v", FreeSignInAttempts+i+1, w, want)
		}
		// Refused attempts change nothing: asking again does not lengthen the wait.
		if w := th.Attempt("jo", now.Add(want/2)); w != want-want/2 {
			t.Fatalf("asked again halfway: wait %v, want %v", w, want-want/2)
		}
		now = now.Add(want)
		if w := th.Attempt("jo", now); w != 0 {
			t.Fatalf("after waiting %v: wait %v", want, w)
		}
	}
	// Other names are untouched.
	if w := th.Attempt("sam", now); w != 0 {
		t.Errorf("another name waits %v", w)
	}
	// However long the attacker kept going, a quiet spell starts afresh.
	now = now.Add(ForgetSignInAfter)
	for i := range FreeSignInAttempts {
		if w := th.Attempt("jo", now); w != 0 {
			t.Fatalf("after a quiet spell, attempt %d: wait %v", i+1, w)
		}
	}
	// A successful sign-in forgets the name at once.
	if w := th.Attempt("jo", now); w == 0 {
		t.Fatal("sixth attempt at once not slowed")
	}
	th.Succeeded("jo")
	if w := th.Attempt("jo", now); w != 0 {
		t.Errorf("after success: wait %v", w)
	}
}

// TestNameThrottleOneAttemptAnHour is the attack that kept an administrator
// out: a failure an hour, for days. It must never make the owner wait.
func TestNameThrottleOneAttemptAnHour(t *testing.T) {
	th := NewNameThrottle()
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	for range 5 {
		th.Attempt("admin", now)
	}
	for h := range 72 {
		now = now.Add(time.Hour)
		if w := th.Attempt("admin", now); w != 0 {
			t.Fatalf("hour %d: the attacker's attempt waits %v", h, w)
		}
		if w := th.Attempt("admin", now.Add(time.Minute)); w != 0 {
			t.Fatalf("hour %d: the owner waits %v", h, w)
		}
		th.Succeeded("admin")
	}
}

// TestNameThrottleLetsOneThroughAtATime sends many attempts at the same
// instant once a name is slowed: only one may be checked.
func TestNameThrottleLetsOneThroughAtATime(t *testing.T) {
	th := NewNameThrottle()
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	var mu sync.Mutex
	through := 0
	for range 100 {
		wg.Go(func() {
			if th.Attempt("jo", now) == 0 {
				mu.Lock()
				through++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if through != FreeSignInAttempts {
		t.Errorf("%d of 100 simultaneous attempts let through, want %d", through, FreeSignInAttempts)
	}
}

func TestNameThrottleStaysBounded(t *testing.T) {
	th := NewNameThrottle()
	th.maxKeys = 10
	now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		th.Attempt("name"+strconv.Itoa(i), now)
	}
	if n := th.Len(); n > 10 {
		t.Errorf("remembers %d names, want at most 10", n)
	}
}
