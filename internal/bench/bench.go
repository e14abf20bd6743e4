// Package bench measures Hearth as its users meet it: the whole server over
// real HTTP on the loopback address, signed-in sessions, Demo City in the
// store. `hearth bench` runs it; docs/PERFORMANCE.md records what it printed.
// Targets are reported against, never asserted in tests.
package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/people"
	"hearth/internal/server"
	"hearth/internal/store"
	"hearth/internal/web"
)

// Config says what to measure.
type Config struct {
	Seed        int64
	Scale       int
	Users       int           // concurrent signed-in users opening children's pages
	PageReads   int           // child's page requests in all
	Think       time.Duration // each user's pause between pages; 0 is a closed-loop stress test
	Searches    int           // name searches, one at a time
	SearchUsers int           // concurrent searchers (1: latency alone)
	// Only names the measures to take (Measures); empty, every one. Work
	// on one page need not wait for all the others.
	Only []string
}

// Measures are the names of what the benchmark measures, in its order.
var Measures = []string{"page", "education", "search", "due", "my-work", "team", "front-door", "chronology", "care-due", "briefing", "care-journey", "framework", "indicator-list", "returns"}

// runs says whether the measure named is to be taken.
func (c Config) runs(name string) bool { return len(c.Only) == 0 || slices.Contains(c.Only, name) }

// Run loads Demo City into st if it is empty, then measures. It writes a
// report to out.
func Run(ctx context.Context, st store.Store, cfg Config, out io.Writer) error {
	a, n, base, stop, err := serveCity(ctx, st, cfg.Seed, cfg.Scale, out)
	if err != nil {
		return err
	}
	defer stop()

	// Sessions: the analyst reads any unrestricted record, so every request
	// takes the whole path: session, subject, authorise, read, access log.
	secrets := make([]string, cfg.Users)
	for i := range secrets {
		ns, err := a.SignIn(ctx, "demo.analyst", demo.DemoPassword, "127.0.0.1", "")
		if err != nil {
			return fmt.Errorf("bench: sign in: %w", err)
		}
		secrets[i] = ns.Secret
	}
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 7))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Users + cfg.SearchUsers}}

	// Children's pages, 50 users at once.
	if cfg.runs("page") {
		if err := childPages(ctx, st, client, base, secrets, rng, n, cfg, out); err != nil {
			return err
		}
	}
	if cfg.runs("education") {
		if err := educationPages(ctx, a, st, client, base, rng, n, cfg, out); err != nil {
			return err
		}
		if err := educationWork(ctx, a, st, client, base, secrets, cfg, out); err != nil {
			return err
		}
	}
	if cfg.runs("search") {
		// Name searches: family names and given-name prefixes of real records.
		terms, err := searchTerms(ctx, st, rng, n, cfg.Searches)
		if err != nil {
			return err
		}
		res := load(client, cfg.SearchUsers, secrets, len(terms), 0, func(i, _ int) string {
			return base + "/search?name=" + strings.ReplaceAll(terms[i], " ", "+")
		})
		report(out, fmt.Sprintf("Search by name, %d at a time", cfg.SearchUsers), res)
	}
	if err := runJourney(ctx, a, st, client, base, cfg, out); err != nil {
		return err
	}
	if err := runPerformance(ctx, a, client, base, cfg, out); err != nil {
		return err
	}
	return runReturns(ctx, a, cfg, out)
}

// childPages measures the child's page: random records, leaving out
// restricted ones (the analyst may not open them).
func childPages(ctx context.Context, st store.Store, client *http.Client, base string, secrets []string, rng *rand.Rand, n int, cfg Config, out io.Writer) error {
	ids := make([]int, 0, cfg.PageReads)
	for len(ids) < cfg.PageReads {
		id := 1 + rng.IntN(n)
		s, err := st.Subject(ctx, people.ID(id), time.Now())
		if err != nil {
			return err
		}
		if !s.Restricted {
			ids = append(ids, id)
		}
	}
	res := load(client, cfg.Users, secrets, len(ids), cfg.Think, func(i, _ int) string { return base + "/people/" + strconv.Itoa(ids[i]) })
	report(out, fmt.Sprintf("Child's page, %d signed-in users, %s between pages", cfg.Users, cfg.Think), res)
	return nil
}

// educationPages measures the child's page with its education part, as the
// demo education officer opens the children of their team's education
// involvements (the records, and the schools they name, read besides the
// person): random children with an open education involvement.
func educationPages(ctx context.Context, a *app.App, st store.Store, client *http.Client, base string, rng *rand.Rand, n int, cfg Config, out io.Writer) error {
	secrets := make([]string, cfg.Users)
	for i := range secrets {
		ns, err := a.SignIn(ctx, demo.DemoUsername(access.Education), demo.DemoPassword, "127.0.0.1", "")
		if err != nil {
			return fmt.Errorf("bench: sign in: %w", err)
		}
		secrets[i] = ns.Secret
	}
	want := min(cfg.PageReads, 2000)
	today := civil.OfLondon(time.Now())
	var ids []int
	for tries := 0; len(ids) < want && tries < 200*want; tries++ {
		id := 1 + rng.IntN(n)
		s, err := st.Subject(ctx, people.ID(id), time.Now())
		if err != nil {
			return err
		}
		if s.Restricted {
			continue
		}
		for _, inv := range s.Involvements {
			if inv.Kind == access.KindEducation && inv.OpenOn(today) {
				ids = append(ids, id)
				break
			}
		}
	}
	if len(ids) == 0 {
		fmt.Fprintln(out, "Child's page with education: no child with an open education involvement found")
		return nil
	}
	res := load(client, cfg.Users, secrets, len(ids), cfg.Think, func(i, _ int) string { return base + "/people/" + strconv.Itoa(ids[i]) })
	report(out, fmt.Sprintf("Child's page with its education records, the education officer, %d signed-in users, %s between pages", cfg.Users, cfg.Think), res)
	return nil
}

// serveCity is what every measure starts from: an app on st (with no
// search limit: the benchmark searches as fast as it can as one user, and
// a person could not), Demo City loaded into st if it is empty, and the
// whole server listening on the loopback address. It reports the machine
// and the load to out, and returns the app, the number of people, the
// server's address and how to stop it.
func serveCity(ctx context.Context, st store.Store, seed int64, scale int, out io.Writer) (*app.App, int, string, func(), error) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(st, log)
	a.Searches = nil
	n, err := st.CountPeople(ctx)
	if err != nil {
		return nil, 0, "", nil, err
	}
	fmt.Fprintf(out, "Machine: %s, %d cores, %s %s/%s\n", cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if n == 0 {
		start := time.Now()
		city := demo.Generate(seed, scale, a.Today())
		gen := time.Since(start)
		if _, err := demo.Load(ctx, st, city, access.HashPassword, io.Discard); err != nil {
			return nil, 0, "", nil, err
		}
		n, _ = st.CountPeople(ctx)
		fmt.Fprintf(out, "Demo City load (scale %d): %d people in %s (generate %s, store %s)\n",
			scale, n, time.Since(start).Round(10*time.Millisecond), gen.Round(10*time.Millisecond), (time.Since(start) - gen).Round(10*time.Millisecond))
	} else {
		fmt.Fprintf(out, "Store already holds %d people; not reloaded\n", n)
	}
	h, err := server.New(a, log)
	if err != nil {
		return nil, 0, "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, 0, "", nil, err
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(ln) }()
	return a, n, "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// result is what a load measured: each request's time, how many failed,
// the time it took in all, and the CPU time of this process over it (the
// server's, the client's and, on SQLite, the database's): on a machine
// shared with other work, CPU time per request is steadier than the times.
type result struct {
	lat    []time.Duration
	failed int
	wall   time.Duration
	cpu    time.Duration
}

// load sends count GET requests from workers goroutines, each with its own
// session (worker w has secrets[w % len(secrets)]) and pausing think (give
// or take half) after each, and returns each request's time. url gives the
// address of request i, sent by worker w.
func load(client *http.Client, workers int, secrets []string, count int, think time.Duration, url func(i, w int) string) result {
	lat := make([]time.Duration, count)
	var failed int
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	start, cpu0 := time.Now(), cpuTime()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int, secret string, rng *rand.Rand) {
			defer wg.Done()
			for i := range next {
				if think > 0 {
					time.Sleep(think/2 + time.Duration(rng.Int64N(int64(think))))
				}
				req, _ := http.NewRequest("GET", url(i, w), nil)
				req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: secret})
				t0 := time.Now()
				res, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				lat[i] = time.Since(t0)
				if err != nil || res.StatusCode != http.StatusOK {
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		}(w, secrets[w%len(secrets)], rand.New(rand.NewPCG(uint64(w), 1)))
	}
	for i := 0; i < count; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return result{lat, failed, time.Since(start), cpuTime() - cpu0}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func searchTerms(ctx context.Context, st store.Store, rng *rand.Rand, n, count int) ([]string, error) {
	var terms []string
	for len(terms) < count {
		p, err := st.Person(ctx, access.System(people.ID(1+rng.IntN(n)), access.ReadPerson, "the benchmark picks names to search for"), time.Time{})
		if err != nil {
			return nil, err
		}
		switch {
		case len(terms)%3 == 2 && len(p.GivenName) >= 3:
			terms = append(terms, p.GivenName[:3]+" "+p.FamilyName) // "moh khan"
		case p.FamilyName != "":
			terms = append(terms, p.FamilyName)
		}
	}
	return terms, nil
}

func report(out io.Writer, what string, r result) {
	s := slices.Clone(r.lat)
	slices.Sort(s)
	q := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	fmt.Fprintf(out, "%s: %d requests, %d failed, %.0f/s; p50 %s, p95 %s, p99 %s, max %s; CPU %s a request\n",
		what, len(s), r.failed, float64(len(s))/r.wall.Seconds(),
		ms(q(0.50)), ms(q(0.95)), ms(q(0.99)), ms(s[len(s)-1]), ms(r.cpu/time.Duration(len(s))))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "model name") {
			if _, v, ok := strings.Cut(line, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}
