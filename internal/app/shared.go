package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"hearth/internal/access"
)

// Several Hearth processes may serve one council from one PostgreSQL
// database, behind a load balancer that sends each request to any of them.
// What must be the same for all of them lives in the database: sessions
// (always), the sign-in and search throttles (when Shared is on: each count
// is a step on a row of the store, StepThrottle, taken under a row lock), and
// the news that a team, a service or a setting has changed (CacheStamp,
// asked at most once a second, so that what one process adds the others
// show within a second). With Shared off (one process: SQLite) the
// throttles count in memory and no write is spent on them.

// stampEvery is how often a process asks whether the teams, services or
// settings it keeps in memory have changed.
const stampEvery = time.Second

// sharedState is the last cache stamp seen, and when it was asked.
type sharedState struct {
	mu    sync.Mutex
	stamp string
	asked time.Time
}

// noticeChanges drops the caches of teams, services, timescales and the
// briefing hub when another process has changed any of them: at most one
// small query a second, and none when the app is not Shared.
func (a *App) noticeChanges(ctx context.Context) error {
	if !a.Shared {
		return nil
	}
	now := a.Now()
	s := &a.shared
	s.mu.Lock()
	if !s.asked.IsZero() && now.Sub(s.asked) < stampEvery && !now.Before(s.asked) {
		s.mu.Unlock()
		return nil
	}
	s.asked = now // others wait for this ask rather than all asking at once
	s.mu.Unlock()
	stamp, err := a.Store.CacheStamp(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	changed := s.stamp != "" && s.stamp != stamp
	s.stamp = stamp
	s.mu.Unlock()
	if changed {
		a.forgetTeams()
		a.forgetTimescales()
		a.hub.forget()
		a.cme.team.forget()
	}
	return nil
}

// throttleKey names a count in the store: what is counted (search,
// sign-in...) and a hash of whose count it is, so that no name, address or
// user id is written there.
func throttleKey(what, key string) string {
	h := sha256.Sum256([]byte(key))
	return what + ":" + hex.EncodeToString(h[:16])
}

// take takes one from l's allowance for key at now: zero, or how long to
// wait. Shared, it is counted in the store, with l's rate and burst; a nil
// l sets no limit.
func (a *App) take(ctx context.Context, l *access.Limiter, what, key string, now time.Time) (time.Duration, error) {
	if l == nil {
		return 0, nil
	}
	if !a.Shared {
		return l.Take(key, now), nil
	}
	rate, burst := l.Shape()
	var wait time.Duration
	err := a.Store.StepThrottle(ctx, throttleKey(what, key), now, func(state []byte) ([]byte, error) {
		b := access.FullBucket(int(burst), now)
		if state != nil {
			if err := json.Unmarshal(state, &b); err != nil {
				return nil, err
			}
		}
		wait, b = b.Take(rate, burst, now)
		return json.Marshal(b)
	})
	return wait, err
}

// refund gives back what take took for key.
func (a *App) refund(ctx context.Context, l *access.Limiter, what, key string) error {
	if l == nil {
		return nil
	}
	if !a.Shared {
		l.Refund(key)
		return nil
	}
	_, burst := l.Shape()
	return a.Store.StepThrottle(ctx, throttleKey(what, key), a.Now(), func(state []byte) ([]byte, error) {
		if state == nil {
			return nil, nil
		}
		var b access.Bucket
		if err := json.Unmarshal(state, &b); err != nil {
			return nil, err
		}
		return json.Marshal(b.Refund(burst))
	})
}

// attemptSignIn counts a sign-in attempt for key (a name, or a known
// browser): zero, or how long to wait.
func (a *App) attemptSignIn(ctx context.Context, key string, now time.Time) (time.Duration, error) {
	if !a.Shared {
		return a.signIns.Attempt(key, now), nil
	}
	var wait time.Duration
	err := a.Store.StepThrottle(ctx, throttleKey("sign-in", key), now, func(state []byte) ([]byte, error) {
		var c access.SignInCount
		if state != nil {
			if err := json.Unmarshal(state, &c); err != nil {
				return nil, err
			}
		}
		wait, c = c.Attempt(now)
		return json.Marshal(c)
	})
	return wait, err
}

// signedIn forgets key's attempts: its owner has signed in.
func (a *App) signedIn(ctx context.Context, key string) error {
	if !a.Shared {
		a.signIns.Succeeded(key)
		return nil
	}
	return a.Store.StepThrottle(ctx, throttleKey("sign-in", key), a.Now(), func([]byte) ([]byte, error) { return nil, nil })
}
