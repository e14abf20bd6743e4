package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/web"
)

// SoakConfig says how long and how hard to soak.
type SoakConfig struct {
	Seed     int64
	Scale    int           // Demo City's scale, if the store is empty
	Users    int           // concurrent signed-in users
	Duration time.Duration // how long the load runs
	Think    time.Duration // each user's pause between requests (give or take half)
	Every    time.Duration // how often a line of the report is written (a minute)
}

// Interval is what one stretch of a soak measured.
type Interval struct {
	Requests, Failed int
	P50, P99         time.Duration
	RSS              int64 // the process's resident memory at the end of the stretch, bytes
	Heap             uint64
	Files            int // open file descriptors
	Goroutines       int
}

// SoakReport is every interval, in order.
type SoakReport struct{ Intervals []Interval }

// Failed is the number of requests that failed in the whole soak.
func (r SoakReport) Failed() int {
	n := 0
	for _, iv := range r.Intervals {
		n += iv.Failed
	}
	return n
}

// Soak loads Demo City into st if it is empty, serves it over HTTP on the
// loopback address, and sends Users signed-in users at it for Duration:
// each opens children's pages (seven in ten requests), searches by name (two
// in ten) and opens the home page, pausing Think between requests. Every
// interval it writes a line: requests, failures, p50 and p99, and this
// process's resident memory, heap, open files and goroutines (the server
// and its clients share the process, so the figures bound the server's).
// The last lines compare the last interval with the first.
func Soak(ctx context.Context, st store.Store, cfg SoakConfig, out io.Writer) (SoakReport, error) {
	if cfg.Every <= 0 {
		cfg.Every = time.Minute
	}
	a, n, base, stop, err := serveCity(ctx, st, cfg.Seed, cfg.Scale, out)
	if err != nil {
		return SoakReport{}, err
	}
	defer stop()
	secrets, err := sessions(ctx, a, "demo.analyst", cfg.Users)
	if err != nil {
		return SoakReport{}, err
	}
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 11))
	ids, terms, err := soakTargets(ctx, st, rng, n)
	if err != nil {
		return SoakReport{}, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Users}, Timeout: 30 * time.Second}

	// Each request's time goes into the current interval's list.
	var mu sync.Mutex
	var lat []time.Duration
	var failed int
	end := time.Now().Add(cfg.Duration)
	var wg sync.WaitGroup
	for w := range cfg.Users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 13))
			for time.Now().Before(end) && ctx.Err() == nil {
				if cfg.Think > 0 {
					time.Sleep(cfg.Think/2 + time.Duration(r.Int64N(int64(cfg.Think))))
				}
				var path string
				switch k := r.IntN(10); {
				case k < 7:
					path = "/people/" + strconv.FormatInt(int64(ids[r.IntN(len(ids))]), 10)
				case k < 9:
					path = "/search?name=" + strings.ReplaceAll(terms[r.IntN(len(terms))], " ", "+")
				default:
					path = "/"
				}
				req, _ := http.NewRequest("GET", base+path, nil)
				req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: secrets[w]})
				t0 := time.Now()
				res, err := client.Do(req)
				ok := err == nil && res.StatusCode == http.StatusOK
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if !ok {
					failed++
				}
				mu.Unlock()
			}
		}()
	}

	var rep SoakReport
	fmt.Fprintf(out, "Soak: %d users, %s between requests, for %s\n", cfg.Users, cfg.Think, cfg.Duration)
	fmt.Fprintln(out, "interval  requests  failed  p50 ms  p99 ms  RSS MiB  heap MiB  files  goroutines")
	tick := time.NewTicker(cfg.Every)
	defer tick.Stop()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	began := time.Now()
	for finished := false; !finished; {
		select {
		case <-tick.C:
		case <-done:
			finished = true
		case <-ctx.Done():
			return rep, ctx.Err()
		}
		mu.Lock()
		got, bad := lat, failed
		lat, failed = nil, 0
		mu.Unlock()
		stretch := time.Since(began)
		began = time.Now()
		if len(got) == 0 || finished && stretch < cfg.Every/2 && len(rep.Intervals) > 0 {
			// The last few requests, in a stretch too short to compare
			// with the others: their failures still count.
			if bad > 0 && len(rep.Intervals) > 0 {
				rep.Intervals[len(rep.Intervals)-1].Failed += bad
			}
			continue
		}
		iv := measure(got, bad)
		rep.Intervals = append(rep.Intervals, iv)
		fmt.Fprintf(out, "%8d  %8d  %6d  %6.1f  %6.1f  %7.1f  %8.1f  %5d  %10d\n", len(rep.Intervals), iv.Requests, iv.Failed,
			float64(iv.P50.Microseconds())/1000, float64(iv.P99.Microseconds())/1000, float64(iv.RSS)/(1<<20), float64(iv.Heap)/(1<<20), iv.Files, iv.Goroutines)
	}
	if k := len(rep.Intervals); k > 0 {
		first, last := rep.Intervals[0], rep.Intervals[k-1]
		fmt.Fprintf(out, "Failed requests: %d. p99 first %s, last %s. RSS first %.1f MiB, last %.1f MiB. Open files first %d, last %d.\n",
			rep.Failed(), ms(first.P99), ms(last.P99), float64(first.RSS)/(1<<20), float64(last.RSS)/(1<<20), first.Files, last.Files)
	}
	return rep, nil
}

// measure makes an interval of the requests' times and the process's state now.
func measure(lat []time.Duration, failed int) Interval {
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return Interval{Requests: len(lat), Failed: failed, P50: q(0.5), P99: q(0.99), RSS: rss(), Heap: m.HeapInuse, Files: openFiles(), Goroutines: runtime.NumGoroutine()}
}

// rss is the process's resident set size, from /proc (0 where there is none).
func rss() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// openFiles counts the process's open file descriptors (0 where /proc is not).
func openFiles() int {
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return 0
	}
	return len(es)
}

// soakTargets picks the children the users open (unrestricted, so that the
// analyst may) and the names they search for.
func soakTargets(ctx context.Context, st store.Store, rng *rand.Rand, n int) ([]people.ID, []string, error) {
	var ids []people.ID
	for len(ids) < 2000 {
		id := people.ID(1 + rng.IntN(n))
		s, err := st.Subject(ctx, id, time.Now())
		if err != nil {
			return nil, nil, err
		}
		if !s.Restricted {
			ids = append(ids, id)
		}
	}
	terms, err := searchTerms(ctx, st, rng, n, 500)
	return ids, terms, err
}
