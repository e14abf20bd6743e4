package app

import (
	"context"
	"slices"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// A child known for years has thousands of journey records, and decoding
// them all was two thirds of the journey page's CPU (PERFORMANCE.md, the
// chronology). journeyCache keeps the decoded records of the longest
// journeys read lately with their mark (store.JourneyMark, read from an
// index without the bodies); a request whose mark matches takes them from
// here. The records are kept under the mark of the very records read (their
// count and the sum of their versions), so what is handed out is never
// older than the mark it was matched with.
// Records are kept before seenBy, which copies what it hides, and each
// caller gets its own slice.

// journeyCacheMin is the fewest records a journey must have to be kept:
// a short journey decodes in less time than the cache would save.
const journeyCacheMin = 200

// journeyCacheSize is how many journeys are kept; the one used longest
// ago makes way for a new one.
const journeyCacheSize = 64

type journeyCache struct {
	mu   sync.Mutex
	tick uint64
	kept map[people.ID]*keptJourney
}

type keptJourney struct {
	mark    store.JourneyMark
	records []journey.Record
	used    uint64
}

// get returns the records kept for id under mark, in a new slice.
func (c *journeyCache) get(id people.ID, mark store.JourneyMark) ([]journey.Record, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.kept[id]
	if !ok || k.mark != mark {
		return nil, false
	}
	c.tick++
	k.used = c.tick
	return slices.Clone(k.records), true
}

// has reports whether records are kept for id.
func (c *journeyCache) has(id people.ID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.kept[id]
	return ok
}

// put keeps records for id under mark if the journey is long enough.
func (c *journeyCache) put(id people.ID, mark store.JourneyMark, records []journey.Record) {
	if len(records) < journeyCacheMin {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kept == nil {
		c.kept = map[people.ID]*keptJourney{}
	}
	if _, ok := c.kept[id]; !ok && len(c.kept) >= journeyCacheSize {
		var oldest people.ID
		var least uint64
		for pid, k := range c.kept {
			if least == 0 || k.used < least {
				oldest, least = pid, k.used
			}
		}
		delete(c.kept, oldest)
	}
	c.tick++
	c.kept[id] = &keptJourney{mark: mark, records: slices.Clone(records), used: c.tick}
}

// currentJourney reads the permit's child's records as they stand, from
// the cache when their mark has not changed. Only a journey the cache holds
// has its mark read first; any other is read whole, and kept (if long)
// under the mark of the records read, which is exactly what they hold.
func (a *App) currentJourney(ctx context.Context, pm access.Permit, id people.ID) ([]journey.Record, error) {
	if a.journeys.has(id) {
		mark, err := a.Store.JourneyMark(ctx, pm)
		if err != nil {
			return nil, err
		}
		if rs, ok := a.journeys.get(id, mark); ok {
			return rs, nil
		}
	}
	rs, err := a.Store.JourneyRecords(ctx, pm, time.Time{})
	if err != nil {
		return nil, err
	}
	a.journeys.put(id, markOf(rs), rs)
	return rs, nil
}

// markOf is the mark of a child's records as read: their count and the
// sum of their versions, as store.JourneyMark counts them.
func markOf(rs []journey.Record) store.JourneyMark {
	m := store.JourneyMark{Records: len(rs)}
	for _, r := range rs {
		m.Versions += int64(r.Version)
	}
	return m
}
