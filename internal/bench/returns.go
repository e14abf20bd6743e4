package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
)

// returnRuns is how many times each return is made: the first reads from
// a cold cache, the others show the spread.
const returnRuns = 3

// runReturns measures every statutory return of the registry as the
// command line makes it (app.SystemReturn): a year's return of 2022-23,
// or a window's of the 12 months to 31 March 2023, as recorded now. Each
// run gives its wall and CPU time and the machine's load average, which on
// a shared machine moves the wall time more than anything else. The target
// is under 2 s at Demo City's scale and 20 s at scale 10.
func runReturns(ctx context.Context, a *app.App, cfg Config, out io.Writer) error {
	if !cfg.runs("returns") {
		return nil
	}
	for _, k := range app.ReturnKinds() {
		q := app.ReturnRequest{Kind: k.Name, Year: "2023"}
		if k.Window {
			q = app.ReturnRequest{Kind: k.Name, To: perfAt.String(), Months: "12"}
		}
		for range returnRuns {
			t0, cpu0 := time.Now(), cpuTime()
			r, err := a.SystemReturn(ctx, access.SystemBulk("bench"), "bench", q)
			if err != nil {
				return err
			}
			wall, cpu := time.Since(t0), cpuTime()-cpu0
			size := 0
			for _, f := range r.Files {
				size += len(f.Body)
			}
			fmt.Fprintf(out, "Return %s %s (%d children, %d files, %.1f MB): %s (CPU %s, load average %s)\n",
				k.Name, r.Period(), r.Children, len(r.Files), float64(size)/1e6, ms(wall), ms(cpu), loadAverage())
		}
	}
	return nil
}

// loadAverage is the machine's load average over the last minute, or "?"
// where the system does not say.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}
