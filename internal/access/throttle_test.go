package access

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLimiterBurstRefuseRecover(t *testing.T) {
	l := NewLimiter(1, 3) // one a second, bursts of three
	t0 := time.Date(2024, 6, 15, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if !l.Allow("192.0.2.1", t0) {
			t.Fatalf("request %d of burst refused", i+1)
		}
	}
	if l.Allow("192.0.2.1", t0) {
		t.Fatal("fourth request in the same instant allowed")
	}
	if !l.Allow("192.0.2.2", t0) {
		t.Fatal("another key refused")
	}
	if l.Allow("192.0.2.1", t0.Add(500*time.Millisecond)) {
		t.Fatal("allowed after half a token")
	}
	if !l.Allow("192.0.2.1", t0.Add(time.Second)) {
		t.Fatal("refused after one token refilled")
	}
	if l.Allow("192.0.2.1", t0.Add(time.Second)) {
		t.Fatal("allowed twice on one token")
	}
	// After a long pause the bucket is full again, but no fuller than burst.
	later := t0.Add(time.Hour)
	for i := range 3 {
		if !l.Allow("192.0.2.1", later) {
			t.Fatalf("after a pause, request %d refused", i+1)
		}
	}
	if l.Allow("192.0.2.1", later) {
		t.Fatal("bucket grew beyond burst")
	}
	// A clock that steps back does not add tokens.
	if l.Allow("192.0.2.1", later.Add(-time.Minute)) {
		t.Fatal("allowed when the clock stepped back")
	}
}

func TestLimiterPrunesFullBuckets(t *testing.T) {
	l := NewLimiter(10, 5) // full again 0.5s after emptying
	t0 := time.Date(2024, 6, 15, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		l.Allow(fmt.Sprintf("10.0.%d.%d", i/256, i%256), t0)
	}
	if l.Len() != 1000 {
		t.Fatalf("remembered %d keys", l.Len())
	}
	l.Allow("10.9.9.9", t0.Add(time.Second))
	if l.Len() != 1 {
		t.Errorf("after a sweep, remembered %d keys, want 1", l.Len())
	}
}

func TestLimiterCap(t *testing.T) {
	l := NewLimiter(0.001, 1) // buckets take 1000s to refill, so sweeps drop nothing
	l.maxKeys = 100
	t0 := time.Date(2024, 6, 15, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		if !l.Allow(fmt.Sprint("key", i), t0.Add(time.Duration(i)*time.Millisecond)) {
			t.Fatalf("new key %d refused", i)
		}
		if l.Len() > 100 {
			t.Fatalf("remembered %d keys, cap is 100", l.Len())
		}
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l := NewLimiter(1, 50)
	t0 := time.Date(2024, 6, 15, 9, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if l.Allow("shared", t0) {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if allowed != 50 {
		t.Errorf("allowed %d of 160 concurrent requests, want 50", allowed)
	}
}

func TestNewLimiterRejectsNonsense(t *testing.T) {
	for _, c := range []struct {
		rate  float64
		burst int
	}{{0, 1}, {-1, 1}, {math.NaN(), 1}, {math.Inf(1), 1}, {1, 0}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "NewLimiter") {
					t.Errorf("NewLimiter(%v, %d) did not panic", c.rate, c.burst)
				}
			}()
			NewLimiter(c.rate, c.burst)
		}()
	}
}
