package app_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/store/sqlstore"
)

// BenchmarkReturns makes each of Demo City's returns in SQLite as the
// command line does: the CIN census and the SSDA903 of 2022-23 (Year 2023)
// and Ofsted's Annex A of the 12 months to 31 March 2023, each the store's
// read of the children its spans place as recorded now, the return built
// and written, and the access log's line. The target is under 2 s each at
// Demo City's scale and under 20 s at scale 10 (docs/PERFORMANCE.md).
// HEARTH_BENCH_DB names a database file holding Demo City (at any scale)
// between runs; without it, Demo City is loaded at scale 1 first.
func BenchmarkReturns(b *testing.B) {
	if testing.Short() {
		b.Skip("loads Demo City")
	}
	ctx := context.Background()
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
	if n, _ := db.CountPeople(ctx); n == 0 {
		if _, err := demo.Load(ctx, db, demo.Generate(1, 1, civil.MustNew(2023, 4, 3)), access.HashPassword, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []app.ReturnRequest{{Kind: "cin", Year: "2023"}, {Kind: "ssda903", Year: "2023"}, {Kind: "annexa", To: "2023-03-31", Months: "12"}} {
		b.Run(q.Kind, func(b *testing.B) {
			var r app.Return
			for b.Loop() {
				if r, err = a.SystemReturn(ctx, access.SystemBulk("bench"), "bench", q); err != nil {
					b.Fatal(err)
				}
			}
			size := 0
			for _, f := range r.Files {
				size += len(f.Body)
			}
			b.ReportMetric(float64(r.Children), "children")
			b.ReportMetric(float64(size)/1e6, "MB")
			b.Logf("%d children, %d bytes, as recorded at %s", r.Children, size, r.RecordedAt.Format(time.RFC3339))
		})
	}
}
