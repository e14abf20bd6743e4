package app_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// BenchmarkFramework opens the performance framework at 31 March 2023 over
// Demo City at scale 1 in SQLite, as the analyst: the store's one read of
// every child's journey, and every indicator at the date and a year before.
// The target is about a second (docs/PERFORMANCE.md).
func BenchmarkFramework(b *testing.B) {
	if testing.Short() {
		b.Skip("loads Demo City")
	}
	ctx := context.Background()
	// HEARTH_BENCH_DB names a database file that keeps Demo City between
	// runs (loading it takes most of a minute).
	path := filepath.Join(b.TempDir(), "hearth.db")
	if p := os.Getenv("HEARTH_BENCH_DB"); p != "" {
		path = p
	}
	db, err := sqlstore.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	a := app.New(db, quietLog)
	day := civil.MustNew(2023, 3, 31)
	a.Clock = func() time.Time { return time.Date(2023, time.April, 3, 9, 0, 0, 0, time.UTC) }
	start := time.Now()
	if n, _ := db.CountPeople(ctx); n > 0 {
	} else if _, err := demo.Load(ctx, db, demo.Generate(1, 1, day), access.HashPassword, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.Logf("Demo City loaded in %s", time.Since(start).Round(time.Millisecond))
	u, err := db.UserByUsername(ctx, "demo.analyst")
	if err != nil {
		b.Fatal(err)
	}
	p, err := a.Principal(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	ac := app.Actor{Principal: p, Remote: "127.0.0.1", Route: "bench"}
	cur, err := a.PerformanceData(ctx, ac)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.ImportPerformanceData(ctx, ac, app.PerformanceImport{What: app.ImportPopulation, Name: "population.csv",
		File: strings.NewReader("year,children\n2022,62500\n2023,63051\n"), Version: cur.Version, Reason: "bench"}); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if _, err := db.PerformanceStamp(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("stamp read in %s", time.Since(t0).Round(time.Millisecond))
	// The first framework reads every child's journey; the rest, with
	// nothing written between, take them from the app's cache.
	t0 = time.Now()
	if _, err := a.Framework(ctx, ac, app.FrameworkQuery{At: day}); err != nil {
		b.Fatal(err)
	}
	b.Logf("first framework (reading the children) in %s", time.Since(t0).Round(time.Millisecond))
	open := func(b *testing.B) {
		f, err := a.Framework(ctx, ac, app.FrameworkQuery{At: day})
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Sections) != len(indicators.Sections) {
			b.Fatal("sections missing")
		}
	}
	b.Run("unchanged", func(b *testing.B) {
		for b.Loop() {
			open(b)
		}
	})
	// A note written on a child before each page: the page reads that
	// child again, and prepares every child again.
	b.Run("after a write", func(b *testing.B) {
		kids, err := db.PerformanceMarks(ctx, access.SystemBulk("bench"))
		if err != nil {
			b.Fatal(err)
		}
		var child people.ID
		for id := range kids {
			child = id
			break
		}
		for b.Loop() {
			b.StopTimer()
			if _, err := db.CreateJourneyRecord(ctx, journey.Record{PersonID: child, Kind: journey.KindNote, Start: day,
				Note: &journey.Note{Text: "bench"}}, store.Change{Reason: "bench"}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			open(b)
		}
	})
}
