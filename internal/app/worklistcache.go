package app

import (
	"context"
	"maps"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// A team's page read its 458 children's access facts and derived work
// afresh on every request: two thirds of its CPU (PERFORMANCE.md, "Work
// lists kept until something is written"). listCache keeps what a list
// read from the store (the children with their Subjects, the whole
// Subjects read for those the partial ones did not decide, and the derived
// work of those allowed) under the work lists' stamp
// (store.WorkListStamp), which every write to what they read steps in its
// own transaction. A request reads the stamp first, so what it is handed
// is never older than the stamp it matched.
//
// What is kept is facts, never decisions: every request decides each child
// again with access.Authorize, at its own moment and for its own principal
// (a grant that has ended by the clock, with nothing written, ends the
// child's place on the list at once), logs the list as before, and uses
// the kept work only of the children it allowed. A child allowed now whose
// work was not kept (refused when the list was read) has it read now,
// with this request's permit.

// listCacheSize is how many lists are kept: every manager's team page and
// practitioner's list of a busy hour; the one used longest ago makes way.
const listCacheSize = 128

// listKey names a kept list: the query (whose reader decides what its
// Subjects hold) and the day in London that chose its children.
type listKey struct {
	q   store.WorkQuery
	day civil.Date
}

type listCache struct {
	mu    sync.Mutex
	stamp string // the stamp of every list kept
	tick  uint64
	kept  map[listKey]*keptList
}

// keptList is a list as read under stamp. It is never changed once kept:
// requests share it.
type keptList struct {
	kids []store.WorkChild
	// whole are the whole Subjects read of children whose partial Subject
	// did not decide them (store.PartialSuffices).
	whole map[people.ID]access.Subject
	// work is the derived work read of each child allowed when it was
	// read; found is false for a child the store holds none for.
	work map[people.ID]keptWork
	used uint64
}

type keptWork struct {
	work  store.ChildWork
	found bool
}

// get returns the list kept under key at stamp. A stamp other than the
// one the lists were kept under drops them all: something was written.
func (c *listCache) get(key listKey, stamp string) (*keptList, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if stamp != c.stamp {
		c.stamp, c.kept = stamp, nil
		return nil, false
	}
	l, ok := c.kept[key]
	if !ok {
		return nil, false
	}
	c.tick++
	l.used = c.tick
	return l, true
}

// put keeps l under key, if stamp is still the one the cache holds (a
// list read under an older stamp is not kept).
func (c *listCache) put(key listKey, stamp string, l *keptList) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if stamp != c.stamp {
		return
	}
	if c.kept == nil {
		c.kept = map[listKey]*keptList{}
	}
	if _, ok := c.kept[key]; !ok && len(c.kept) >= listCacheSize {
		var oldest listKey
		var least uint64
		for k, kl := range c.kept {
			if least == 0 || kl.used < least {
				oldest, least = k, kl.used
			}
		}
		delete(c.kept, oldest)
	}
	c.tick++
	l.used = c.tick
	c.kept[key] = l
}

// listFacts returns a work list's children, each one's decision for p at
// now (as authorizeList decides it), and the derived work of those
// allowed, from the cache when nothing has been written since it was
// read.
func (a *App) listFacts(ctx context.Context, p access.Principal, q store.WorkQuery, now time.Time) ([]store.WorkChild, []access.Decision, map[people.ID]keptWork, error) {
	// The stamp before the list: what is read after it is at least as new.
	stamp, err := a.Store.WorkListStamp(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	key := listKey{q: q, day: civil.OfLondon(now)}
	l, hit := a.lists.get(key, stamp)
	if !hit {
		kids, err := a.Store.WorkList(ctx, q, now)
		if err != nil {
			return nil, nil, nil, err
		}
		l = &keptList{kids: kids, whole: map[people.ID]access.Subject{}, work: map[people.ID]keptWork{}}
	}
	changed := !hit
	decisions, whole, err := a.authorizeList(ctx, p, l.kids, l.whole, now)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(whole) > 0 {
		if hit { // shared: a copy takes the new ones
			l = &keptList{kids: l.kids, whole: maps.Clone(l.whole), work: l.work}
		}
		maps.Copy(l.whole, whole)
		changed = true
	}
	var missing []access.Permit
	for i, k := range l.kids {
		if _, ok := l.work[k.Person.ID]; decisions[i].Allowed && !ok {
			missing = append(missing, decisions[i].Permit)
		}
	}
	if len(missing) > 0 {
		read, err := a.Store.ChildrenWork(ctx, missing)
		if err != nil {
			return nil, nil, nil, err
		}
		if hit && !changed {
			l = &keptList{kids: l.kids, whole: l.whole, work: maps.Clone(l.work)}
		} else if hit {
			l.work = maps.Clone(l.work)
		}
		for _, pm := range missing {
			id := pm.Person()
			w, ok := read[id]
			l.work[id] = keptWork{work: w, found: ok}
		}
		changed = true
	}
	if changed {
		a.lists.put(key, stamp, l)
	}
	return l.kids, decisions, l.work, nil
}
