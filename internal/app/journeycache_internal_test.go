package app

import (
	"testing"

	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestJourneyCacheKeepsTheLongestRecentlyUsed: only journeys of
// journeyCacheMin records or more are kept, under their mark; a full cache
// makes way for the journey used longest ago.
func TestJourneyCacheKeepsTheLongestRecentlyUsed(t *testing.T) {
	var c journeyCache
	long := make([]journey.Record, journeyCacheMin)
	mark := store.JourneyMark{Records: journeyCacheMin, Versions: journeyCacheMin}

	c.put(1, store.JourneyMark{Records: journeyCacheMin - 1}, long[1:])
	if _, ok := c.get(1, store.JourneyMark{Records: journeyCacheMin - 1}); ok {
		t.Error("a journey one record short of the least was kept")
	}
	c.put(1, mark, long)
	if got, ok := c.get(1, mark); !ok || len(got) != journeyCacheMin {
		t.Errorf("a long journey: %d records, %v", len(got), ok)
	}
	if _, ok := c.get(1, store.JourneyMark{Records: journeyCacheMin, Versions: journeyCacheMin + 1}); ok {
		t.Error("a journey was given under another mark")
	}

	// Fill the cache; journey 1 was used last before 2, so 2 goes first.
	for id := people.ID(2); id <= journeyCacheSize; id++ {
		c.put(id, mark, long)
	}
	c.get(1, mark)
	c.put(journeyCacheSize+1, mark, long)
	if len(c.kept) != journeyCacheSize {
		t.Errorf("%d journeys kept, want %d", len(c.kept), journeyCacheSize)
	}
	for id, want := range map[people.ID]bool{1: true, 2: false, 3: true, journeyCacheSize + 1: true} {
		if _, ok := c.get(id, mark); ok != want {
			t.Errorf("journey %d kept %v, want %v", id, ok, want)
		}
	}
}
