package access

import (
	"crypto/sha256"
	"math"
	"sync"
	"time"
)

// Sign-in throttling by name. A name (known to Hearth or not: both are
// treated the same, so that the answer cannot tell them apart) may be tried
// FreeSignInAttempts times freely. After that each further attempt must wait
// after the one before it: FirstSignInDelay, doubling with each attempt, but
// never more than MaxSignInDelay. A name nobody has tried for
// ForgetSignInAfter starts afresh, and a successful sign-in forgets it at
// once. Nothing ever locks an account: however long an attacker keeps trying,
// the owner waits at most MaxSignInDelay after the last attempt, and the
// sign-in code gives a browser that has signed in before a count of its own.
const (
	FreeSignInAttempts = 5
	FirstSignInDelay   = time.Second
	MaxSignInDelay     = time.Minute
	ForgetSignInAfter  = 15 * time.Minute
)

// NameThrottle counts sign-in attempts by name. An attempt is counted when
// it is let through, before the password is checked, and forgotten only on
// success: that way many attempts sent at the same instant cannot all slip
// through while the first is still being checked. Attempts refused for being
// too soon change nothing, so they cannot lengthen the wait.
//
// Memory stays bounded: names are kept by a hash of fixed size, names not
// tried for ForgetSignInAfter are dropped when the table is full, and if it
// is still full an arbitrary name is dropped (which only gives that name a
// fresh allowance). A NameThrottle is safe for use by many goroutines; callers
// pass the time, which keeps it easy to test.
type NameThrottle struct {
	mu      sync.Mutex
	names   map[[sha256.Size]byte]*SignInCount
	maxKeys int
}

// NewNameThrottle returns an empty NameThrottle.
func NewNameThrottle() *NameThrottle {
	return &NameThrottle{names: make(map[[sha256.Size]byte]*SignInCount), maxKeys: defaultLimiterKeys}
}

// Attempt asks to check a password for name at now. If the attempt may go
// ahead it is counted and Attempt returns zero; otherwise it returns how long
// to wait, and counts nothing.
func (t *NameThrottle) Attempt(name string, now time.Time) time.Duration {
	k := sha256.Sum256([]byte(name))
	t.mu.Lock()
	defer t.mu.Unlock()
	a, ok := t.names[k]
	if !ok {
		if len(t.names) >= t.maxKeys {
			t.makeRoom(now)
		}
		a = &SignInCount{}
		t.names[k] = a
	}
	wait, next := a.Attempt(now)
	*a = next
	return wait
}

// SignInCount is one name's sign-in attempts, as NameThrottle keeps them in
// memory and the store keeps them for several Hearth processes to share.
type SignInCount struct {
	N    int       `json:"n"`    // attempts let through since the name was last forgotten
	Last time.Time `json:"last"` // when the last of them was let through
}

// Attempt is the rule of sign-in throttling as a pure step: whether an
// attempt at now may go ahead (zero) or how long it must wait, and the
// count after it. A refused attempt leaves the count as it was.
func (c SignInCount) Attempt(now time.Time) (time.Duration, SignInCount) {
	if now.Sub(c.Last) >= ForgetSignInAfter {
		c.N = 0
	}
	if wait := c.Last.Add(signInDelay(c.N)).Sub(now); c.N >= FreeSignInAttempts && wait > 0 {
		return wait, c
	}
	if c.N < math.MaxInt {
		c.N++
	}
	c.Last = now
	return 0, c
}

// Succeeded forgets name's attempts: its owner has signed in.
func (t *NameThrottle) Succeeded(name string) {
	k := sha256.Sum256([]byte(name))
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.names, k)
}

// Len returns the number of names the NameThrottle currently remembers.
func (t *NameThrottle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.names)
}

// makeRoom drops the names not tried for ForgetSignInAfter and, if the table
// is still full, arbitrary ones.
func (t *NameThrottle) makeRoom(now time.Time) {
	for k, a := range t.names {
		if now.Sub(a.Last) >= ForgetSignInAfter {
			delete(t.names, k)
		}
	}
	for k := range t.names {
		if len(t.names) < t.maxKeys {
			break
		}
		delete(t.names, k)
	}
}

// signInDelay is the wait after the last attempt once n attempts have been
// let through (n at least FreeSignInAttempts).
func signInDelay(n int) time.Duration {
	d := FirstSignInDelay
	for i := FreeSignInAttempts; i < n; i++ {
		d *= 2
		if d >= MaxSignInDelay {
			return MaxSignInDelay
		}
	}
	return d
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
	buckets   map[string]*Bucket
	lastSweep time.Time
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
		buckets: make(map[string]*Bucket),
	}
}

// Allow reports whether a request for key at now is within the limit, and if
// so counts it.
func (l *Limiter) Allow(key string, now time.Time) bool { return l.Take(key, now) == 0 }

// Take is Allow that says how long to wait: zero if the request for key at
// now is within the limit (and then it is counted), otherwise how long until
// one would be, counting nothing.
func (l *Limiter) Take(key string, now time.Time) time.Duration {
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
		b = &Bucket{Tokens: l.burst, Last: now}
		l.buckets[key] = b
	}
	wait, next := b.Take(l.rate, l.burst, now)
	*b = next
	return wait
}

// Bucket is one key's token bucket, as Limiter keeps it in memory and the
// store keeps it for several Hearth processes to share.
type Bucket struct {
	Tokens float64   `json:"tokens"`
	Last   time.Time `json:"last"` // when Tokens was last brought up to date
}

// FullBucket is a new key's bucket: full.
func FullBucket(burst int, now time.Time) Bucket { return Bucket{Tokens: float64(burst), Last: now} }

// Take is the token bucket as a pure step: whether a request at now is
// within the limit (zero, and a token is taken) or how long until one would
// be, and the bucket after it. rate is tokens a second, burst the size.
func (b Bucket) Take(rate, burst float64, now time.Time) (time.Duration, Bucket) {
	if elapsed := now.Sub(b.Last); elapsed > 0 {
		b.Tokens = math.Min(burst, b.Tokens+elapsed.Seconds()*rate)
		b.Last = now
	}
	if b.Tokens < 1 {
		wait := time.Duration((1 - b.Tokens) / rate * float64(time.Second))
		return max(wait, time.Nanosecond), b
	}
	b.Tokens--
	return 0, b
}

// Refund gives a token back, never filling the bucket past burst.
func (b Bucket) Refund(burst float64) Bucket {
	b.Tokens = math.Min(burst, b.Tokens+1)
	return b
}

// Refund gives back a request Take counted for key, for a caller that counts
// only some outcomes (sign-in counts failures): taking first and refunding
// after means that a burst sent at one instant cannot all pass before any is
// counted. A bucket is never filled past its size.
func (l *Limiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.buckets[key]; ok {
		*b = b.Refund(l.burst)
	}
}

// sweep drops every bucket that would be full by now.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.Tokens+now.Sub(b.Last).Seconds()*l.rate >= l.burst {
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

// Shape is the limiter's rate (tokens a second) and burst, for a count of
// the same allowance kept elsewhere (the store, when several processes
// share it).
func (l *Limiter) Shape() (rate, burst float64) { return l.rate, l.burst }
