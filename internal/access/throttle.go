package access

import (
	"math"
	"sync"
	"time"
)

// Sign-in lockout rules. After FailuresBeforeLock consecutive failed sign-ins
// an account is locked for FirstLock; each further failure doubles the lock,
// up to MaxLock. A successful sign-in resets the count (the store does that).
const (
	FailuresBeforeLock = 5
	FirstLock          = time.Minute
	MaxLock            = time.Hour
)

// AfterFailure returns the new count of consecutive failures and, once the
// count reaches FailuresBeforeLock, the time until which the account is
// locked (the zero time while it is not locked). failedBefore is the count
// stored before this failure; a negative count is treated as zero.
func AfterFailure(failedBefore int, now time.Time) (failed int, lockedUntil time.Time) {
	switch {
	case failedBefore < 0:
		failed = 1
	case failedBefore == math.MaxInt:
		failed = failedBefore
	default:
		failed = failedBefore + 1
	}
	if failed < FailuresBeforeLock {
		return failed, time.Time{}
	}
	return failed, now.Add(lockFor(failed))
}

// lockFor is the length of the lock after the given number of failures (at
// least FailuresBeforeLock).
func lockFor(failed int) time.Duration {
	d := FirstLock
	for i := FailuresBeforeLock; i < failed; i++ {
		d *= 2
		if d >= MaxLock {
			return MaxLock
		}
	}
	return d
}

// Locked reports whether an account locked until lockedUntil is still locked
// at now. The zero time never locks.
func Locked(lockedUntil, now time.Time) bool {
	return now.Before(lockedUntil)
}

// defaultLimiterKeys bounds the number of keys a Limiter remembers.
const defaultLimiterKeys = 1 << 16

// Limiter is an in-memory rate limiter with one token bucket per key (for
// example a remote address), for the web layer to slow down sign-in attempts
// and other costly requests before they reach the store. Each bucket holds up
// to burst tokens and refills at rate tokens a second; a request takes one.
//
// Memory stays bounded: a bucket that has refilled to full is the same as no
// bucket, so such buckets are dropped on a periodic sweep, and if the table
// still reaches its cap an arbitrary bucket is dropped to make room. (Dropping
// one only ever gives a key a fresh allowance; refusing new keys instead would
// let a flood of addresses lock everyone else out.)
//
// A Limiter is safe for use by many goroutines. It knows nothing of clocks:
// callers pass now, which keeps it easy to test.
type Limiter struct {
	mu        sync.Mutex
	rate      float64       // tokens a second
	burst     float64       // bucket size
	refill    time.Duration // time for an empty bucket to become full
	maxKeys   int
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time // when tokens was last brought up to date
}

// NewLimiter returns a Limiter allowing rate requests a second per key on
// average, with bursts of up to burst. It panics if rate is not a positive,
// finite number or burst is less than one, as those are programming errors.
func NewLimiter(rate float64, burst int) *Limiter {
	if !(rate > 0) || math.IsInf(rate, 0) || burst < 1 {
		panic("access: NewLimiter needs a positive rate and a burst of at least 1")
	}
	refill := time.Duration(float64(burst) / rate * float64(time.Second))
	if refill <= 0 {
		refill = time.Nanosecond
	}
	return &Limiter{
		rate:    rate,
		burst:   float64(burst),
		refill:  refill,
		maxKeys: defaultLimiterKeys,
		buckets: make(map[string]*bucket),
	}
}

// Allow reports whether a request for key at now is within the limit, and if
// so counts it.
func (l *Limiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()

	if now.Sub(l.lastSweep) >= l.refill || now.Before(l.lastSweep) {
		l.sweep(now)
	}

	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.sweep(now)
			for k := range l.buckets {
				if len(l.buckets) < l.maxKeys {
					break
				}
				delete(l.buckets, k)
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}

	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = math.Min(l.burst, b.tokens+elapsed.Seconds()*l.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep drops every bucket that would be full by now.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
	l.lastSweep = now
}

// Len returns the number of keys the Limiter currently remembers.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
