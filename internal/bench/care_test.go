package bench

import (
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store/sqlstore"
)

// TestLongCare: the benchmark's child has careEpisodes episodes of care, the
// last one open, so that they are in care today and have care work due.
func TestLongCare(t *testing.T) {
	ctx := t.Context()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	today := civil.MustNew(2026, time.June, 15)
	id, n, err := longCare(ctx, db, today)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := db.JourneyRecords(ctx, access.System(id, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	episodes, open := 0, 0
	for _, r := range rs {
		if r.Kind == journey.KindCareEpisode {
			episodes++
			if r.End.IsZero() {
				open++
			}
		}
	}
	if len(rs) != n || episodes != careEpisodes || open != 1 {
		t.Fatalf("%d records (said %d), %d episodes of care, %d open; want %d episodes, one open", len(rs), n, episodes, open, careEpisodes)
	}
	if !journey.InCare(rs, today) {
		t.Error("not in care today")
	}
	p, err := db.Person(ctx, access.System(id, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if due := journey.DueWork(journey.Journey{Person: people.Person{ID: id, DateOfBirth: p.DateOfBirth}, Records: rs}, journey.Defaults()); len(due) == 0 {
		t.Error("no work due")
	}
}
