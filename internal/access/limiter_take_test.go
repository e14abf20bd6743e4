package access

import (
	"testing"
	"time"
)

func TestLimiterTakeSaysHowLongToWait(t *testing.T) {
	l := NewLimiter(0.5, 2) // one every two seconds, bursts of two
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range 2 {
		if w := l.Take("a", t0); w != 0 {
			t.Fatalf("request %d of the burst: wait %v", i+1, w)
		}
	}
	if w := l.Take("a", t0); w != 2*time.Second {
		t.Errorf("past the burst: wait %v, want 2s", w)
	}
	if w := l.Take("a", t0.Add(1500*time.Millisecond)); w != 500*time.Millisecond {
		t.Errorf("1.5s later: wait %v, want 0.5s (a refused request counts nothing)", w)
	}
	if w := l.Take("a", t0.Add(2*time.Second)); w != 0 {
		t.Errorf("2s later: wait %v, want none", w)
	}
	if w := l.Take("b", t0); w != 0 {
		t.Errorf("another key: wait %v", w)
	}
}

func TestLimiterRefund(t *testing.T) {
	l := NewLimiter(1, 3)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	// Requests refunded as they go never run the bucket dry.
	for i := range 10 {
		if w := l.Take("a", t0); w != 0 {
			t.Fatalf("refunded request %d: wait %v", i+1, w)
		}
		l.Refund("a")
	}
	// A refund never fills a bucket past its size.
	l.Refund("a")
	l.Refund("unknown")
	for i := range 3 {
		if w := l.Take("a", t0); w != 0 {
			t.Fatalf("request %d of the burst: wait %v", i+1, w)
		}
	}
	if w := l.Take("a", t0); w == 0 {
		t.Error("a fourth request in a burst of three was let through")
	}
	if l.Len() != 1 {
		t.Errorf("%d keys remembered, want 1", l.Len())
	}
}
