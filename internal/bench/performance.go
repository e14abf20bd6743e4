package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"syscall"
	"time"

	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/indicators"
)

// perfAt is the date the performance measures are taken at: the seed's
// year end, which Demo City's figures are made to match.
var perfAt = civil.MustNew(2023, 3, 31)

// runPerformance measures the performance framework: the first framework
// after a start (every child read, decoded and prepared), the framework
// again, every indicator at 24 month ends, and the children behind the
// figures (a page of each indicator's list) with analysts asking at once.
// It reports the process's peak memory after them.
func runPerformance(ctx context.Context, a *app.App, client *http.Client, base string, cfg Config, out io.Writer) error {
	if !cfg.runs("framework") && !cfg.runs("indicator-list") {
		return nil
	}
	u, err := a.Store.UserByUsername(ctx, "demo.analyst")
	if err != nil {
		return err
	}
	p, err := a.Principal(ctx, u)
	if err != nil {
		return err
	}
	ac := app.Actor{Principal: p, Remote: "127.0.0.1", Route: "bench"}
	if cfg.runs("framework") {
		for _, what := range []string{"The first framework (every child read and prepared)", "The framework again"} {
			t0, cpu0 := time.Now(), cpuTime()
			if _, err := a.Framework(ctx, ac, app.FrameworkQuery{At: perfAt}); err != nil {
				return err
			}
			fmt.Fprintf(out, "%s at %s: %s (CPU %s)\n", what, perfAt, ms(time.Since(t0)), ms(cpuTime()-cpu0))
		}
		// The first framework's garbage (every child's records read and
		// decoded: gigabytes at ten times the city) is collected before
		// the month ends are timed, as a Go benchmark collects before it
		// starts. Left to itself, that collection, marking the whole
		// heap, runs into the month ends on the other core and takes the
		// processor's cache from them, by as much as when it began
		// decides. Its own time is reported.
		t0, cpu0 := time.Now(), cpuTime()
		runtime.GC()
		fmt.Fprintf(out, "Collecting the first framework's garbage: %s (CPU %s)\n", ms(time.Since(t0)), ms(cpuTime()-cpu0))
		t0, cpu0 = time.Now(), cpuTime()
		at := perfAt
		for range 24 {
			if _, err := a.Framework(ctx, ac, app.FrameworkQuery{At: at}); err != nil {
				return err
			}
			at = civil.Date{Year: at.Year, Month: at.Month, Day: 1}.AddDays(-1) // the month end before
		}
		fmt.Fprintf(out, "Every indicator at 24 month ends (each with the year before, for the direction of travel): %s (CPU %s)\n",
			ms(time.Since(t0)), ms(cpuTime()-cpu0))
	}
	if cfg.runs("indicator-list") {
		secrets := make([]string, cfg.Users)
		for i := range secrets {
			ns, err := a.SignIn(ctx, "demo.analyst", demo.DemoPassword, "127.0.0.1", "")
			if err != nil {
				return fmt.Errorf("bench: sign in: %w", err)
			}
			secrets[i] = ns.Secret
		}
		url := func(i, _ int) string {
			d := indicators.Definitions[i%len(indicators.Definitions)]
			return fmt.Sprintf("%s/performance/%s?at=%s", base, d.ID, perfAt)
		}
		count := max(cfg.PageReads/5, 100)
		load(client, len(secrets), secrets, len(secrets), 0, url) // one untimed round, as the lists are measured
		res := load(client, len(secrets), secrets, count, cfg.Think, url)
		report(out, fmt.Sprintf("The children behind a figure (a page of each indicator's list in turn), %d analysts, %s between pages", len(secrets), cfg.Think), res)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		fmt.Fprintf(out, "Peak memory of the process (max RSS): %d MB\n", ru.Maxrss/1024)
	}
	return nil
}
