// Command hearth runs Hearth: the web pages and API (serve), the store's
// migrations (migrate), Demo City (demo), accounts and tokens (user, token),
// backups (backup) and statutory returns (export).
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/bench"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/errs"
	"hearth/internal/server"
	"hearth/internal/store/sqlstore"
)

const usage = `Usage: hearth <command> [flags]

Commands:
  serve     serve the pages and API (--demo loads Demo City into an empty store first)
  migrate   bring the store's schema up to date
  demo      load Demo City into an empty store and print the demo accounts
  user add  add a user: hearth user add --username U --role R (password on standard input)
  token create  print a new personal API token: hearth token create --username U
            [--expires YYYY-MM-DD, the last day it works, at most a year ahead]
  schools import  import the register of schools from Get Information about
            Schools' establishment CSV: hearth schools import --file FILE
            (again, with a newer file, to keep it current)
  attendance import  import pupils' attendance (one row per pupil, school and
            period; docs/DATA-MODEL.md): hearth attendance import --file FILE
            [--reason "autumn term 2025"]; a period imported again replaces it
  export cin  write the CIN census of a collection year: hearth export cin --year 2023
            --out FILE [--as-recorded-on 2023-05-15, the records as they stood at
            the end of that day, or an RFC 3339 moment; default now]
  export ssda903  write the SSDA903 of a collection year, a CSV file per table,
            into a folder: hearth export ssda903 --year 2023 --out FOLDER
            [--as-recorded-on as for cin]
  export sen2  write the SEN2 return of EHC plans of a year (its census in
            January): hearth export sen2 --year 2024 --out FILE [--as-recorded-on
            as for cin]
  export annexa  write Ofsted's Annex A for the months to a day as a workbook:
            hearth export annexa --to 2023-03-31 --months 12 --out FILE.xlsx
            [--as-recorded-on as for cin]
  validate  check a CIN census XML file, or the CSV files of an SSDA903 (a
            folder or the files), against the DfE's rules; no database:
            hearth validate FILE... [--year 2023, for a 903]; exits 1 if any
            file cannot be read or a rule (not a query) is broken
  import    load past returns as records, all or nothing: hearth import FILE...
            (CIN census XML files; SSDA903 folders, each named for its year,
            ssda903-2023, or one year's CSV files with --year 2023); prints
            every problem with its file, place and field and exits 1, writing
            nothing, if there is any
  backup    copy the SQLite store to a file: hearth backup --to FILE
            (with its access log and a manifest of what it holds, beside it)
  restore   restore a backup into a new place: hearth restore --from FILE --db NEW
            (checks both files, that they belong together, and the manifest)
  bench     load Demo City into an empty store and measure pages and search over HTTP
  soak      load Demo City into an empty store and keep users at it: hearth soak
            [--scale 10 --users 200 --duration 5m], a line a minute of latency,
            memory and open files

Every command takes --db (or HEARTH_DB): a SQLite file path (default
./hearth-data/hearth.db) or a postgres:// URL. serve takes --addr (or
HEARTH_ADDR, default 127.0.0.1:8080) and --break-glass on|off (or
HEARTH_BREAK_GLASS, default on: practitioners, team managers and MASH may
open a record they have no relationship to after giving a reason).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hearth:", message(err))
		os.Exit(1)
	}
}

// message is an error as a person at a terminal should read it: the fields of
// a validation error, one to a line.
func message(err error) string {
	e := errs.As(err)
	if e == nil || len(e.Fields) == 0 {
		return err.Error()
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
	}
	return b.String()
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// onOff reads a switch given as a flag or in the environment: on or off
// (or true or false, yes or no, 1 or 0), in any case.
func onOff(name, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "true", "yes", "1":
		return true, nil
	case "off", "false", "no", "0":
		return false, nil
	}
	return false, fmt.Errorf("--%s must be on or off, not %q", name, v)
}

// common are the flags every command takes.
type common struct {
	db string
}

func newFlags(name string, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&c.db, "db", env("HEARTH_DB", "hearth-data/hearth.db"), "SQLite file path or postgres:// URL")
	return fs
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	cmd, rest := args[0], args[1:]
	if (cmd == "user" || cmd == "token" || cmd == "schools" || cmd == "attendance" || cmd == "export") && len(rest) > 0 {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	// Every return app makes is a command of its own: export cin, and
	// the next one added to app's list with no change here.
	if kind, ok := strings.CutPrefix(cmd, "export "); ok {
		if _, known := app.ReturnKindNamed(kind); known {
			return exportReturn(ctx, kind, rest, stdout, log)
		}
	}
	switch cmd {
	case "serve":
		return serve(ctx, rest, stdout, log)
	case "migrate":
		return migrate(ctx, rest, stdout)
	case "demo":
		return loadDemo(ctx, rest, stdout, log)
	case "user add":
		return userAdd(ctx, rest, stdin, stdout, log)
	case "token create":
		return tokenCreate(ctx, rest, stdout, log)
	case "schools import":
		return schoolsImport(ctx, rest, stdout, log)
	case "attendance import":
		return attendanceImport(ctx, rest, stdout, log)
	case "validate":
		return validateCommand(ctx, rest, stdout)
	case "import":
		return importCommand(ctx, rest, stdout, log)
	case "backup":
		return backup(ctx, rest, stdout)
	case "restore":
		return restore(ctx, rest, stdout)
	case "bench":
		return runBench(ctx, rest, stdout)
	case "soak":
		return runSoak(ctx, rest, stdout)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", strings.Join(args[:min(2, len(args))], " "))
}

func open(ctx context.Context, c common) (*sqlstore.DB, error) {
	st, err := sqlstore.Open(ctx, c.db)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redact(c.db), err)
	}
	return st, nil
}

// redact hides a password in a database URL before it is printed: the one in
// the user information, and any password given as a query parameter (which
// the PostgreSQL driver accepts too).
func redact(dsn string) string {
	i := strings.Index(dsn, "://")
	if i < 0 {
		return dsn
	}
	auth := dsn[i+3:]
	if end := strings.IndexAny(auth, "/?#"); end >= 0 {
		auth = auth[:end]
	}
	if j := strings.Index(auth, "@"); j >= 0 {
		if k := strings.Index(auth[:j], ":"); k >= 0 {
			dsn = dsn[:i+3+k+1] + "****" + dsn[i+3+j:]
		}
	}
	q := strings.Index(dsn, "?")
	if q < 0 {
		return dsn
	}
	params := strings.Split(dsn[q+1:], "&")
	for n, p := range params {
		raw, _, ok := strings.Cut(p, "=")
		key := raw
		if k, err := url.QueryUnescape(raw); err == nil {
			key = k
		}
		if ok && (key == "password" || key == "sslpassword") {
			params[n] = raw + "=****"
		}
	}
	return dsn[:q+1] + strings.Join(params, "&")
}

func migrate(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := newFlags("migrate", &c)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := sqlstore.Connect(ctx, c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "store %s is up to date (%d migrations applied now)\n", redact(c.db), len(applied))
	return nil
}

func serve(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("serve", &c)
	addr := fs.String("addr", env("HEARTH_ADDR", "127.0.0.1:8080"), "address to listen on")
	withDemo := fs.Bool("demo", false, "load Demo City first if the store is empty")
	breakGlass := fs.String("break-glass", env("HEARTH_BREAK_GLASS", "on"), "on or off: may practitioners, team managers and MASH open a record they have no relationship to, after giving a reason")
	ssoOpts := addSSOFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	allowBreakGlass, err := onOff("break-glass", *breakGlass)
	if err != nil {
		return err
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, log)
	a.BreakGlass = allowBreakGlass
	// A PostgreSQL database may be shared by several Hearth processes
	// behind a load balancer: their throttles and caches agree through it.
	a.Shared = sqlstore.IsPostgres(c.db)
	if err := ssoOpts.apply(ctx, a, st); err != nil {
		return err
	}
	if *withDemo {
		n, err := st.CountPeople(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			if err := demoInto(ctx, st, 1, 1, stdout); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(stdout, "Demo City is already loaded (%d people). Sign in with a demo account, such as demo.practitioner, password %s\n", n, demo.DemoPassword)
		}
	}
	h, err := server.New(a, log)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Hearth is serving on http://%s (store: %s). Stop it with Ctrl+C.\n", ln.Addr(), redact(c.db))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	go func() {
		start := time.Now()
		if err := a.WarmPerformance(ctx, access.SystemBulk("the performance framework's cache, filled at start")); err != nil {
			log.Warn("filling the performance framework's cache", "err", err)
			return
		}
		log.Info("performance framework's cache filled", "took", time.Since(start).Round(time.Millisecond))
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// Graceful shutdown: stop taking requests and let those in flight finish.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "Hearth has stopped.")
	return nil
}

func loadDemo(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("demo", &c)
	seed := fs.Int64("seed", 1, "seed for the generator: the same seed makes the same city")
	scale := fs.Int("scale", 1, "multiply the population by this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *scale < 1 || *scale > 100 {
		return fmt.Errorf("--scale must be from 1 to 100")
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	return demoInto(ctx, st, *seed, *scale, stdout)
}

func demoInto(ctx context.Context, st *sqlstore.DB, seed int64, scale int, stdout io.Writer) error {
	start := time.Now()
	a := app.New(st, nil)
	city := demo.Generate(seed, scale, a.Today())
	sum, err := demo.Load(ctx, st, city, access.HashPassword, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Loaded Demo City: %d people in %s.\n", sum.People, time.Since(start).Round(100*time.Millisecond))
	return nil
}

func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("user add", &c)
	username := fs.String("username", "", "the new user's username")
	name := fs.String("name", "", "the user's full name (default: the username)")
	var roles multi
	fs.Var(&roles, "role", "a role (repeat for more): "+roleList())
	team := fs.Int64("team", 0, "team id (optional)")
	reason := fs.String("reason", "", "why the account is made, kept in its history (default: \"Added from the command line\")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	pw, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read the password from standard input: %w", err)
	}
	pw = strings.TrimRight(pw, "\r\n")
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	if *name == "" {
		*name = *username
	}
	var rs []access.Role
	for _, r := range roles {
		role, err := access.ParseRole(r)
		if err != nil {
			return err
		}
		rs = append(rs, role)
	}
	u, err := app.New(st, log).CreateUser(ctx, app.Actor{}, app.NewUser{Username: *username, DisplayName: *name, Password: pw, Roles: rs, TeamID: access.TeamID(*team), Reason: *reason}, true)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Added user %s (id %d).\n", u.Username, u.ID)
	return nil
}

func roleList() string {
	var s []string
	for _, r := range access.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func tokenCreate(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("token create", &c)
	username := fs.String("username", "", "whose token")
	name := fs.String("name", "command line", "what the token is for")
	expires := fs.String("expires", "", "the last day the token works, YYYY-MM-DD, at most a year ahead (default: until revoked)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var last civil.Date
	if *expires != "" {
		d, err := civil.Parse(*expires)
		if err != nil {
			return &errs.Error{Code: errs.Invalid, Message: "--expires must be a date, YYYY-MM-DD",
				Fields: []errs.Field{{Field: "expires_on", Message: "--expires must be a real date, written YYYY-MM-DD"}}}
		}
		last = d
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	secret, err := app.New(st, log).CreateTokenFor(ctx, *username, *name, last)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, secret)
	return nil
}

// schoolsImport reads the register of schools from GIAS's establishment
// CSV into the store: every bad row is reported and nothing written unless
// all are good; a school already held is replaced by the file's row.
func schoolsImport(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("schools import", &c)
	file := fs.String("file", "", "the establishment CSV (edubasealldata), as GIAS publishes it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errs.E(errs.Invalid, "Give the establishment CSV with --file")
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	got, err := app.New(st, log).ImportSchools(ctx, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Read %d schools: %d added, %d updated.\n", got.Read, got.Added, got.Updated)
	return nil
}

// attendanceImport reads an attendance import into the store: every bad
// row and field is reported, each pupil is found by UPN, and nothing is
// written unless all is well.
func attendanceImport(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	var c common
	fs := newFlags("attendance import", &c)
	file := fs.String("file", "", "the attendance CSV: UPN,URN,From,To and a column per national attendance code")
	reason := fs.String("reason", "", "which return it is, kept with the import")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errs.E(errs.Invalid, "Give the attendance CSV with --file")
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	got, err := app.New(st, log).ImportAttendance(ctx, f, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Imported %d rows of attendance (%d replacing rows of an earlier import).\n", got.Rows, got.Replaced)
	return nil
}

func backup(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := newFlags("backup", &c)
	to := fs.String("to", "", "the backup file to write (must not exist); the access log goes beside it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		*to = "hearth-backup-" + time.Now().UTC().Format("20060102T150405Z") + ".db"
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up to %s, with the access log in %s and the manifest in %s\n", *to, sqlstore.AuditPath(*to), sqlstore.ManifestPath(*to))
	return nil
}

func restore(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := newFlags("restore", &c)
	from := fs.String("from", "", "the backup file (its access log and manifest beside it)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if sqlstore.IsPostgres(c.db) {
		return errs.E(errs.Invalid, "A PostgreSQL store is restored with pg_restore (or the database's own tooling), not with hearth restore; see docs/OPERATIONS.md")
	}
	start := time.Now()
	m, err := sqlstore.Restore(ctx, *from, c.db)
	if err != nil {
		return err
	}
	// Opening brings an older backup's schema up to date, and checks once
	// more that the log is the store's.
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	st.Close()
	fmt.Fprintf(stdout, "Restored %s to %s in %s: store %s, %d people, %d record versions, %d access log lines; both files pass the integrity check\n",
		*from, c.db, time.Since(start).Round(time.Millisecond), m.StoreID, m.Rows["people"], m.Rows["record_versions"], m.Rows["audit.access_log"])
	return nil
}

func runSoak(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := newFlags("soak", &c)
	var cfg bench.SoakConfig
	fs.Int64Var(&cfg.Seed, "seed", 1, "Demo City seed")
	fs.IntVar(&cfg.Scale, "scale", 10, "Demo City scale, if the store is empty")
	fs.IntVar(&cfg.Users, "users", 200, "concurrent signed-in users")
	fs.DurationVar(&cfg.Duration, "duration", 5*time.Minute, "how long the load runs")
	fs.DurationVar(&cfg.Think, "think", time.Second, "each user's pause between requests (give or take half)")
	fs.DurationVar(&cfg.Every, "every", time.Minute, "how often a line of the report is written")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := bench.Soak(ctx, st, cfg, stdout)
	if err != nil {
		return err
	}
	if n := rep.Failed(); n > 0 {
		return fmt.Errorf("%d requests failed", n)
	}
	return nil
}

func runBench(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := newFlags("bench", &c)
	var cfg bench.Config
	fs.Int64Var(&cfg.Seed, "seed", 1, "Demo City seed")
	fs.IntVar(&cfg.Scale, "scale", 1, "Demo City scale, if the store is empty")
	fs.IntVar(&cfg.Users, "users", 50, "concurrent signed-in users opening children's pages")
	fs.IntVar(&cfg.PageReads, "pages", 5000, "children's pages to open in all")
	fs.DurationVar(&cfg.Think, "think", 0, "each user's pause between pages (0: every user asks again at once)")
	fs.IntVar(&cfg.Searches, "searches", 2000, "name searches")
	fs.IntVar(&cfg.SearchUsers, "searchers", 1, "concurrent searchers")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the measurements to this file")
	only := fs.String("only", "", "comma-separated measures to take, of "+strings.Join(bench.Measures, ", ")+" (default every one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *only != "" {
		for m := range strings.SplitSeq(*only, ",") {
			if !slices.Contains(bench.Measures, m) {
				return fmt.Errorf("--only: there is no measure %q (%s)", m, strings.Join(bench.Measures, ", "))
			}
			cfg.Only = append(cfg.Only, m)
		}
	}
	if cfg.Users < 1 || cfg.PageReads < 1 || cfg.Searches < 1 || cfg.SearchUsers < 1 || cfg.Scale < 1 {
		return fmt.Errorf("--users, --pages, --searches, --searchers and --scale must be at least 1")
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return bench.Run(ctx, st, cfg, stdout)
}

// exportReturn writes a statutory return of a collection year, as the
// records stood at a moment, as the system: the operator running the command
// holds the database's own credentials, so no user's role is asked, and the
// access log's line names the command. A return of one file is written to
// --out; one of several files (a folder of CSV files) into the folder --out.
// Each file is written beside its place and renamed into it, so a failed
// export leaves no half-written return.
func exportReturn(ctx context.Context, kind string, args []string, stdout io.Writer, log *slog.Logger) error {
	k, _ := app.ReturnKindNamed(kind)
	var c common
	fs := newFlags("export "+kind, &c)
	q := app.ReturnRequest{Kind: kind}
	// A return of a collection year takes --year; one of the months to a
	// day (Annex A) takes --to and --months.
	if k.Window {
		fs.StringVar(&q.To, "to", "", "the last day of the window (YYYY-MM-DD)")
		fs.StringVar(&q.Months, "months", "", "the number of months the window covers: 6 or 12")
	} else {
		fs.StringVar(&q.Year, "year", "", "the collection year, named by the year it ends in: 2023 is April 2022 to March 2023")
	}
	out := fs.String("out", "", "where to write the return: a file, or a folder for a return of several files (default: the return's own name, here)")
	fs.StringVar(&q.AsRecordedOn, "as-recorded-on", "", "read the records as they stood at the end of this day (YYYY-MM-DD), or at this RFC 3339 moment (default: now)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := open(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	r, err := app.New(st, log).SystemReturn(ctx, access.SystemBulk("hearth export "+kind), "hearth export "+kind, q)
	if err != nil {
		return err
	}
	took := time.Since(start)
	where, err := writeReturn(r, *out)
	if err != nil {
		return err
	}
	children := fmt.Sprintf("%d children", r.Children)
	if r.Children == 1 {
		children = "1 child"
	}
	fmt.Fprintf(stdout, "Wrote the %s %s (%s), as recorded at %s, to %s in %s.\n",
		r.Kind.Title, r.Period(), children, r.RecordedAt.In(civil.London).Format(time.RFC3339Nano), where, took.Round(time.Millisecond))
	return nil
}

// writeReturn writes a return's one file to out, or its files into the
// folder out, and says where; an empty out is the return's own name here.
func writeReturn(r app.Return, out string) (string, error) {
	if len(r.Files) == 1 {
		if out == "" {
			out = r.Files[0].Name
		}
		return out, writeFile(out, r.Files[0].Body)
	}
	if out == "" {
		out = r.BaseName()
	}
	if err := os.MkdirAll(out, 0o750); err != nil {
		return out, err
	}
	for _, f := range r.Files {
		if err := writeFile(filepath.Join(out, f.Name), f.Body); err != nil {
			return out, err
		}
	}
	return out, nil
}

// writeFile writes b to a new file beside path and renames it into place.
func writeFile(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o640)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
