package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/demo"
	"hearth/internal/errs"
	"hearth/internal/store/sqlstore"

	_ "modernc.org/sqlite" // the "sqlite" driver, for checking backups directly
)

// The tests call run as main does, each against SQLite files of its own.

const joPassword = "correct horse battery staple"

// lockedBuffer collects output that a goroutine (serve, its request logs)
// writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// hearth runs one command to the end and returns what it printed.
func hearth(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(t.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// mustHearth runs one command and fails the test if it returns an error.
func mustHearth(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, errOut, err := hearth(t, stdin, args...)
	if err != nil {
		t.Fatalf("hearth %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), message(err), out, errOut)
	}
	return out
}

// newStore returns the path of a SQLite store that does not exist yet, in a
// directory that does not exist yet either.
func newStore(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "data", "hearth.db")
}

// openStore opens a store the commands wrote, for checking what is in it.
func openStore(t *testing.T, dsn string) *sqlstore.DB {
	t.Helper()
	st, err := sqlstore.Open(t.Context(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// addJo adds the administrator that several tests need.
func addJo(t *testing.T, db string) {
	t.Helper()
	mustHearth(t, joPassword+"\n", "user", "add", "--db", db, "--username", "jo.bloggs", "--role", "admin", "--name", "Jo Bloggs")
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{nil, {}, {"help"}, {"-h"}, {"--help"}} {
		t.Run(strings.Join(append([]string{"hearth"}, args...), " "), func(t *testing.T) {
			out, errOut, err := hearth(t, "", args...)
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			if out != usage {
				t.Errorf("stdout = %q, want the usage", out)
			}
			if errOut != "" {
				t.Errorf("stderr = %q, want nothing", errOut)
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string // in the error
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"frobnicate", "--db", "x.db"}, `unknown command "frobnicate --db"`},
		{[]string{"user"}, `unknown command "user"`},
		{[]string{"user", "delete", "--username", "jo"}, `unknown command "user delete"`},
		{[]string{"token"}, `unknown command "token"`},
		{[]string{"token", "revoke"}, `unknown command "token revoke"`},
		{[]string{"Serve"}, `unknown command "Serve"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, err := hearth(t, "", tt.args...)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			if errOut != usage {
				t.Errorf("stderr = %q, want the usage", errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"migrate", "--db", db, "--verbose"}, "flag provided but not defined"},
		{"demo scale too small", []string{"demo", "--db", db, "--scale", "0"}, "--scale must be from 1 to 100"},
		{"demo scale too large", []string{"demo", "--db", db, "--scale", "101"}, "--scale must be from 1 to 100"},
		{"bench users", []string{"bench", "--db", db, "--users", "0"}, "must be at least 1"},
		{"sqlite path with a query", []string{"migrate", "--db", db + "?mode=ro"}, "may not contain ? or #"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := hearth(t, "", tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	// None of these got as far as making the store.
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stat %s: %v; want no store made by commands with bad flags", db, err)
	}
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	all, err := sqlstore.Migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("there are no SQLite migrations")
	}
	applied := regexp.MustCompile(`^store (.+) is up to date \((\d+) migrations applied now\)\n$`)
	for i, want := range []int{len(all), 0, 0} {
		out := mustHearth(t, "", "migrate", "--db", db)
		m := applied.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("migrate %d printed %q", i+1, out)
		}
		if m[1] != db {
			t.Errorf("migrate %d named the store %q, want %q", i+1, m[1], db)
		}
		if n, _ := strconv.Atoi(m[2]); n != want {
			t.Errorf("migrate %d applied %d migrations, want %d", i+1, n, want)
		}
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatalf("migrate made no store: %v", err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("store permissions = %o, want 600", perm)
	}
}

func TestMigrateHonoursHEARTH_DB(t *testing.T) {
	db := newStore(t)
	t.Setenv("HEARTH_DB", db)
	out := mustHearth(t, "", "migrate")
	if !strings.Contains(out, db) {
		t.Errorf("migrate printed %q, want it to name %s", out, db)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("migrate with HEARTH_DB made no store: %v", err)
	}
}

func TestUserAdd(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	st := openStore(t, db)

	t.Run("created", func(t *testing.T) {
		tests := []struct {
			name      string
			stdin     string
			args      []string
			username  string
			display   string
			roles     []access.Role
			password  string
			wantPrint string
		}{
			{
				name:     "admin",
				stdin:    joPassword + "\n",
				args:     []string{"--username", "jo.bloggs", "--role", "admin", "--name", "Jo Bloggs"},
				username: "jo.bloggs", display: "Jo Bloggs", roles: []access.Role{access.Admin},
				password: joPassword, wantPrint: "Added user jo.bloggs (id ",
			},
			{
				// The username is folded to lower case and the roles are read
				// whatever their case; the name defaults to the username as
				// typed (trimmed); a Windows line end is not part of the
				// password.
				name:     "normalised",
				stdin:    "another long password\r\n",
				args:     []string{"--username", "  Sam.Smith ", "--role", "Practitioner", "--role", " team_manager "},
				username: "sam.smith", display: "Sam.Smith", roles: []access.Role{access.Practitioner, access.TeamManager},
				password: "another long password", wantPrint: "Added user sam.smith (id ",
			},
			{
				name:     "no newline",
				stdin:    "a password with no newline",
				args:     []string{"--username", "ali_auditor-2", "--role", "auditor", "--name", "  Ali Auditor  "},
				username: "ali_auditor-2", display: "Ali Auditor", roles: []access.Role{access.Auditor},
				password: "a password with no newline", wantPrint: "Added user ali_auditor-2 (id ",
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out := mustHearth(t, tt.stdin, append([]string{"user", "add", "--db", db}, tt.args...)...)
				if !strings.HasPrefix(out, tt.wantPrint) {
					t.Errorf("printed %q, want it to start %q", out, tt.wantPrint)
				}
				u, err := st.UserByUsername(t.Context(), tt.username)
				if err != nil {
					t.Fatalf("UserByUsername(%q): %v", tt.username, err)
				}
				if u.DisplayName != tt.display {
					t.Errorf("display name = %q, want %q", u.DisplayName, tt.display)
				}
				if !equalRoles(u.Roles, tt.roles) {
					t.Errorf("roles = %v, want %v", u.Roles, tt.roles)
				}
				if u.Disabled {
					t.Error("the new user is disabled")
				}
				cred, err := st.Credentials(t.Context(), u.ID)
				if err != nil {
					t.Fatalf("Credentials: %v", err)
				}
				if cred.PasswordHash == "" || strings.Contains(cred.PasswordHash, tt.password) {
					t.Fatalf("password hash %q is empty or holds the password", cred.PasswordHash)
				}
				ok, _, err := access.VerifyPassword(cred.PasswordHash, tt.password)
				if err != nil || !ok {
					t.Errorf("VerifyPassword(the password) = %v, %v; want true, nil", ok, err)
				}
				ok, _, err = access.VerifyPassword(cred.PasswordHash, tt.password+"x")
				if err != nil || ok {
					t.Errorf("VerifyPassword(another password) = %v, %v; want false, nil", ok, err)
				}
			})
		}
	})

	t.Run("refused", func(t *testing.T) {
		tests := []struct {
			name   string
			stdin  string
			args   []string
			code   errs.Code
			fields []string // every field the error names, in order
		}{
			{"short password", "short\n", []string{"--username", "kim.short", "--role", "admin"}, errs.Invalid, []string{"password"}},
			{"empty password", "", []string{"--username", "kim.empty", "--role", "admin"}, errs.Invalid, []string{"password"}},
			{"spaces for a password", strings.Repeat(" ", 20) + "\n", []string{"--username", "kim.spaces", "--role", "admin"}, errs.Invalid, []string{"password"}},
			{"bad username", joPassword + "\n", []string{"--username", "Kim Bloggs!", "--role", "admin"}, errs.Invalid, []string{"username"}},
			{"short username", joPassword + "\n", []string{"--username", "jo", "--role", "admin"}, errs.Invalid, []string{"username"}},
			{"no username", joPassword + "\n", []string{"--role", "admin"}, errs.Invalid, []string{"username", "display_name"}},
			{"no username but a name", joPassword + "\n", []string{"--role", "admin", "--name", "Kim"}, errs.Invalid, []string{"username"}},
			{"unknown role", joPassword + "\n", []string{"--username", "kim.role", "--role", "wizard"}, errs.Invalid, []string{"roles"}},
			{"no role", joPassword + "\n", []string{"--username", "kim.norole"}, errs.Invalid, []string{"roles"}},
			{"no team", joPassword + "\n", []string{"--username", "kim.team", "--role", "admin", "--team", "99"}, errs.Invalid, []string{"team_id"}},
			{"everything wrong", "short\n", []string{"--username", "x", "--role", "admin", "--team", "99"}, errs.Invalid, []string{"username", "password", "team_id"}},
			{"taken username", "yet another password\n", []string{"--username", "jo.bloggs", "--role", "practitioner"}, errs.Conflict, []string{"username"}},
			{"taken username in capitals", "yet another password\n", []string{"--username", "JO.BLOGGS", "--role", "practitioner"}, errs.Conflict, []string{"username"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, _, err := hearth(t, tt.stdin, append([]string{"user", "add", "--db", db}, tt.args...)...)
				if err == nil {
					t.Fatalf("err = nil, want a %s error on %v; printed %q", tt.code, tt.fields, out)
				}
				if out != "" {
					t.Errorf("printed %q on failure", out)
				}
				e := errs.As(err)
				if e == nil {
					t.Fatalf("err = %v, want an *errs.Error", err)
				}
				if e.Code != tt.code {
					t.Errorf("code = %s, want %s", e.Code, tt.code)
				}
				var got []string
				for _, f := range e.Fields {
					got = append(got, f.Field)
				}
				if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
					t.Errorf("fields = %v, want %v", got, tt.fields)
				}
				// What main prints: the summary, then each field and its
				// message on a line of its own.
				msg := message(err)
				lines := strings.Split(msg, "\n")
				if lines[0] != e.Message || len(lines) != 1+len(tt.fields) {
					t.Fatalf("message(err) = %q, want %q then one line per field", msg, e.Message)
				}
				for i, f := range e.Fields {
					if want := "  " + f.Field + ": " + f.Message; lines[i+1] != want {
						t.Errorf("message line %d = %q, want %q", i+1, lines[i+1], want)
					}
				}
			})
		}
		// No refused user was written; jo.bloggs kept the first password.
		users, err := st.Users(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(users) != 3 {
			var names []string
			for _, u := range users {
				names = append(names, u.Username)
			}
			t.Errorf("users = %v, want only the three added", names)
		}
	})
}

func equalRoles(a, b []access.Role) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"plain", errors.New("open store x: boom"), "open store x: boom"},
		{"no fields", errs.E(errs.Conflict, "A file already exists at x"), "conflict: A file already exists at x"},
		{
			"fields", &errs.Error{Code: errs.Invalid, Message: "There is a problem", Fields: []errs.Field{{Field: "username", Message: "Too short"}, {Field: "password", Message: "Too short too"}}},
			"There is a problem\n  username: Too short\n  password: Too short too",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := message(tt.err); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenCreate(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	addJo(t, db)
	st := openStore(t, db)
	a := app.New(st, slog.New(slog.DiscardHandler))

	seen := map[string]bool{}
	for _, username := range []string{"jo.bloggs", "JO.Bloggs", " jo.bloggs "} {
		t.Run(username, func(t *testing.T) {
			out := mustHearth(t, "", "token", "create", "--db", db, "--username", username, "--name", "test")
			if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 {
				t.Errorf("printed %q, want the token alone on one line", out)
			}
			secret := strings.TrimSpace(out)
			if !strings.HasPrefix(secret, "hearth_") {
				t.Fatalf("token %q does not start hearth_", secret)
			}
			if seen[secret] {
				t.Errorf("token %q was printed before", secret)
			}
			seen[secret] = true
			p, err := a.TokenPrincipal(t.Context(), secret)
			if err != nil {
				t.Fatalf("TokenPrincipal: %v", err)
			}
			if p.User.Username != "jo.bloggs" {
				t.Errorf("the token is %s's, want jo.bloggs's", p.User.Username)
			}
		})
	}
	for _, username := range []string{"nobody", ""} {
		t.Run("unknown "+strconv.Quote(username), func(t *testing.T) {
			out, _, err := hearth(t, "", "token", "create", "--db", db, "--username", username)
			if err == nil {
				t.Fatalf("err = nil, printed %q; want an error", out)
			}
			if errs.CodeOf(err) != errs.NotFound {
				t.Errorf("err = %v, want not found", err)
			}
			if out != "" {
				t.Errorf("printed %q on failure", out)
			}
		})
	}
	// A made-up token is refused.
	if _, err := a.TokenPrincipal(t.Context(), "hearth_notarealtoken"); err == nil {
		t.Error("TokenPrincipal accepted a made-up token")
	}
}

func TestBackup(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	addJo(t, db)
	to := filepath.Join(t.TempDir(), "backups", "nightly", "hearth-backup.db")

	out := mustHearth(t, "", "backup", "--db", db, "--to", to)
	log := sqlstore.AuditPath(to)
	if want := "Backed up to " + to + ", with the access log in " + log + " and the manifest in " + sqlstore.ManifestPath(to) + "\n"; out != want {
		t.Errorf("printed %q, want %q", out, want)
	}
	for _, file := range []string{to, log} {
		fi, err := os.Stat(file)
		if err != nil {
			t.Fatalf("no backup file: %v", err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: permissions = %o, want 600", file, perm)
		}
	}

	// The file is a sound SQLite database in its own right...
	raw, err := sql.Open("sqlite", to)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRowContext(t.Context(), "PRAGMA integrity_check").Scan(&check); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	raw.Close()
	if check != "ok" {
		t.Errorf("integrity_check = %q, want ok", check)
	}
	// ...and a Hearth store that holds the user.
	b := openStore(t, to)
	u, err := b.UserByUsername(t.Context(), "jo.bloggs")
	if err != nil {
		t.Fatalf("the backup lacks jo.bloggs: %v", err)
	}
	if u.DisplayName != "Jo Bloggs" {
		t.Errorf("display name in the backup = %q", u.DisplayName)
	}
	b.Close()

	t.Run("refuses an existing file", func(t *testing.T) {
		before, err := os.ReadFile(to)
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := hearth(t, "", "backup", "--db", db, "--to", to)
		if err == nil {
			t.Fatalf("a second backup to %s succeeded: %q", to, out)
		}
		if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("err = %v, want a conflict saying the file already exists", err)
		}
		after, err := os.ReadFile(to)
		if err != nil {
			t.Fatalf("the refused backup removed the first: %v", err)
		}
		if !bytes.Equal(before, after) {
			t.Error("the refused backup changed the first")
		}
	})

	t.Run("postgres", func(t *testing.T) {
		dsn := postgresSchema(t)
		to := filepath.Join(t.TempDir(), "pg.db")
		out, _, err := hearth(t, "", "backup", "--db", dsn, "--to", to)
		if err == nil {
			t.Fatalf("backup of a PostgreSQL store succeeded: %q", out)
		}
		if !strings.Contains(err.Error(), "pg_dump") {
			t.Errorf("err = %v, want it to point to pg_dump", err)
		}
		if _, err := os.Stat(to); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stat %s: %v; want no file", to, err)
		}
	})
}

// testPostgres is the server the PostgreSQL cases use, if it is reachable.
func testPostgres() string {
	if dsn := os.Getenv("HEARTH_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// postgresSchema returns a DSN for a schema of the test's own on the test
// server (dropped when the test ends). With no server it skips the test, or
// in CI (where there must be one) fails it.
func postgresSchema(t *testing.T) string {
	t.Helper()
	admin, err := sql.Open("pgx", testPostgres())
	if err != nil {
		t.Fatalf("PostgreSQL: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatalf("PostgreSQL is not reachable at %s, and CI is set: %v", redact(testPostgres()), err)
		}
		t.Skipf("PostgreSQL is not reachable at %s (%v); set HEARTH_TEST_POSTGRES to run this", redact(testPostgres()), err)
	}
	schema := "hearth_cmd_test_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(testPostgres())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestPasswordNotInErrors(t *testing.T) {
	t.Parallel()
	// Nothing listens on port 1, so every command fails to connect.
	const secret = "s3cret-Pa55"
	dsns := map[string]string{
		"in the user information": "postgres://hearth:" + secret + "@127.0.0.1:1/hearth?sslmode=disable&connect_timeout=2",
		"as a parameter":          "postgres://127.0.0.1:1/hearth?user=hearth&password=" + secret + "&sslmode=disable&connect_timeout=2",
	}
	for where, dsn := range dsns {
		for _, args := range [][]string{
			{"migrate"},
			{"user", "add", "--username", "jo.bloggs", "--role", "admin"},
			{"token", "create", "--username", "jo.bloggs"},
			{"backup", "--to", filepath.Join(t.TempDir(), "b.db")},
			{"serve", "--addr", "127.0.0.1:0"},
		} {
			t.Run(where+"/"+strings.Join(args, " "), func(t *testing.T) {
				out, errOut, err := hearth(t, joPassword+"\n", append(args, "--db", dsn)...)
				if err == nil {
					t.Fatalf("err = nil connecting to port 1; printed %q", out)
				}
				for what, s := range map[string]string{"error": message(err), "stdout": out, "stderr": errOut} {
					if strings.Contains(s, secret) {
						t.Errorf("the %s shows the database password: %q", what, s)
					}
				}
			})
		}
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"postgres://hearth:s3cret@db.example:5432/hearth?sslmode=require", "postgres://hearth:****@db.example:5432/hearth?sslmode=require"},
		{"postgresql://hearth:s3cret@localhost/hearth", "postgresql://hearth:****@localhost/hearth"},
		{"postgres://hearth:@localhost/hearth", "postgres://hearth:****@localhost/hearth"},
		{"postgres://hearth@localhost/hearth", "postgres://hearth@localhost/hearth"},
		{"postgres://localhost/hearth", "postgres://localhost/hearth"},
		{"postgres://postgres@127.0.0.1:5432/test?sslmode=disable", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"},
		// A password may also be a query parameter.
		{"postgres://db.example/hearth?user=hearth&password=s3cret&sslmode=require", "postgres://db.example/hearth?user=hearth&password=****&sslmode=require"},
		{"postgres://hearth:s3cret@db.example/hearth?sslpassword=k3y", "postgres://hearth:****@db.example/hearth?sslpassword=****"},
		{"postgres://db.example/hearth?pass%77ord=s3cret", "postgres://db.example/hearth?pass%77ord=****"},
		{"postgres://db.example/hearth?password_hint=none", "postgres://db.example/hearth?password_hint=none"},
		// An @ after the host is not the end of the user information.
		{"postgres://db.example:5432/hearth?application_name=x@y", "postgres://db.example:5432/hearth?application_name=x@y"},
		{"hearth-data/hearth.db", "hearth-data/hearth.db"},
		{"/srv/hearth:old/me@home.db", "/srv/hearth:old/me@home.db"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := redact(tt.in); got != tt.want {
				t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// serving is one `hearth serve` running in a goroutine.
type serving struct {
	base           string
	stdout, stderr *lockedBuffer
	cancel         context.CancelFunc
	done           chan error
	stopped        bool
}

// freeAddr finds a port nothing is listening on. Another process could take
// it before serve does, but on a test machine that is rare.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startServe runs `hearth serve --db db --addr (a free port)` plus args.
func startServe(t *testing.T, db string, args ...string) *serving {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{base: "http://" + addr, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	all := append([]string{"serve", "--db", db, "--addr", addr}, args...)
	go func() { s.done <- run(ctx, all, strings.NewReader(""), s.stdout, s.stderr) }()
	t.Cleanup(func() {
		if !s.stopped {
			cancel()
			select {
			case <-s.done:
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop")
			}
		}
	})
	return s
}

// waitReady polls /healthz and /readyz until both answer 200.
func (s *serving) waitReady(t *testing.T, within time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(within)
	for _, path := range []string{"/healthz", "/readyz"} {
		for {
			resp, err := client.Get(s.base + path)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
				err = errors.New(resp.Status)
			}
			select {
			case err := <-s.done:
				s.stopped = true
				t.Fatalf("serve returned before it was ready: %v\nstdout:\n%s\nstderr:\n%s", err, s.stdout, s.stderr)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("GET %s: not 200 within %s (last: %v)\nstdout:\n%s", path, within, err, s.stdout)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// stop cancels serve's context, as SIGTERM does, and checks that it shut down
// cleanly.
func (s *serving) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.stopped = true
		if err != nil {
			t.Fatalf("serve returned %v after its context ended, want nil", err)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("serve did not return within 25s of its context ending")
	}
	if out := s.stdout.String(); !strings.HasSuffix(out, "Hearth has stopped.\n") {
		t.Errorf("serve printed %q, want it to end %q", out, "Hearth has stopped.")
	}
}

func TestServeStopsGracefully(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	s := startServe(t, db)
	s.waitReady(t, 5*time.Second)
	want := "Hearth is serving on " + s.base + " (store: " + db + "). Stop it with Ctrl+C.\n"
	if out := s.stdout.String(); !strings.HasPrefix(out, want) {
		t.Errorf("serve printed %q, want it to start %q", out, want)
	}

	// A request that is being handled when the signal comes is still
	// answered. The handler is made to wait for the request's body; the
	// "100 Continue" the server sends when the handler first reads the body
	// shows that it is running.
	addr := strings.TrimPrefix(s.base, "http://")
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	form := "username=nobody&password=not-a-password"
	if _, err := io.WriteString(conn, "POST /sign-in HTTP/1.1\r\nHost: hearth.test\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\n"+
		"Content-Length: "+strconv.Itoa(len(form))+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusContinue {
		t.Fatalf("want 100 Continue, got %v, %v", resp, err)
	}
	s.cancel()

	// The server stops taking connections...
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("serve still takes new connections 5s after its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// ...but waits for the request it is handling.
	select {
	case err := <-s.done:
		s.stopped = true
		t.Fatalf("serve returned (%v) with a request in flight", err)
	case <-time.After(50 * time.Millisecond):
	}
	if _, err := io.WriteString(conn, form); err != nil {
		t.Fatal(err)
	}
	resp, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusSeeOther || !strings.Contains(string(body), "Sign in") {
		t.Errorf("the request in flight got %s, want the sign-in page refusing the password", resp.Status)
	}
	t.Logf("the request in flight got %s", resp.Status)

	s.stop(t)
	if resp, err := (&http.Client{Timeout: time.Second}).Get(s.base + "/healthz"); err == nil {
		resp.Body.Close()
		t.Error("serve still answers after it stopped")
	}
	// The store it served can be opened again.
	openStore(t, db)
}

func TestServePostgresHidesPassword(t *testing.T) {
	t.Parallel()
	// The test server does not check passwords; this one is only to be hidden.
	dsn := postgresSchema(t) + "&password=s3cret-Pa55"
	s := startServe(t, dsn)
	s.waitReady(t, 10*time.Second)
	s.stop(t)
	out := s.stdout.String()
	if strings.Contains(out, "s3cret-Pa55") || strings.Contains(s.stderr.String(), "s3cret-Pa55") {
		t.Errorf("serve printed the database password:\n%s", out)
	}
	if !strings.Contains(out, "password=****") {
		t.Errorf("serve printed %q, want the store named with password=****", out)
	}
}

func TestServeAddressInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, _, err = hearth(t, "", "serve", "--db", newStore(t), "--addr", ln.Addr().String())
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("err = %v, want address already in use", err)
	}
}

// TestServeDemo loads Demo City once (the slow part: some 140,000 people)
// and checks everything that needs it against that one store.
func TestServeDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Demo City, which takes several seconds")
	}
	t.Parallel()
	db := newStore(t)
	start := time.Now()
	s := startServe(t, db, "--demo")
	// About 10s; far longer is allowed because a -race build takes some 4
	// minutes, and go test's default limit is 10.
	s.waitReady(t, 8*time.Minute)
	t.Logf("serve --demo loaded Demo City and was ready in %s", time.Since(start).Round(time.Millisecond))

	out := s.stdout.String()
	if !strings.Contains(out, "Demo City loaded: ") || !strings.Contains(out, "Loaded Demo City: ") {
		t.Errorf("serve --demo did not report loading Demo City:\n%s", out)
	}
	if want := `has the published password "` + demo.DemoPassword + `"`; !strings.Contains(out, want) {
		t.Errorf("serve --demo did not print the password line %q:\n%s", want, out)
	}
	if !regexp.MustCompile(`(?m)^Username +Role +Team +Password$`).MatchString(out) {
		t.Errorf("serve --demo printed no account table heading:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^demo\.practitioner +.+ +` + regexp.QuoteMeta(demo.DemoPassword) + `$`).MatchString(out) {
		t.Errorf("the account table has no row for demo.practitioner:\n%s", out)
	}
	if i, j := strings.Index(out, "Loaded Demo City"), strings.Index(out, "Hearth is serving on "); i < 0 || j < i {
		t.Errorf("serve should load Demo City before it serves:\n%s", out)
	}

	client := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	signIn := func(password string) *http.Response {
		t.Helper()
		resp, err := client.PostForm(s.base+"/sign-in", url.Values{"username": {"demo.practitioner"}, "password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	sessionCookie := func(resp *http.Response) *http.Cookie {
		for _, c := range resp.Cookies() {
			if c.Name == "hearth_session" && c.Value != "" {
				return c
			}
		}
		return nil
	}

	t.Run("sign in", func(t *testing.T) {
		bad := signIn("not-the-password")
		if bad.StatusCode == http.StatusSeeOther || sessionCookie(bad) != nil {
			t.Errorf("a wrong password got %s and cookie %v", bad.Status, sessionCookie(bad))
		}
		resp := signIn(demo.DemoPassword)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST /sign-in: %s, want 303 See Other", resp.Status)
		}
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("sign-in redirects to %q, want /", loc)
		}
		c := sessionCookie(resp)
		if c == nil {
			t.Fatalf("sign-in set no session cookie: %v", resp.Header["Set-Cookie"])
		}
		if !c.HttpOnly {
			t.Error("the session cookie is not HttpOnly")
		}
		req, err := http.NewRequestWithContext(t.Context(), "GET", s.base+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.AddCookie(c)
		home, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, home.Body)
		home.Body.Close()
		if home.StatusCode != http.StatusOK {
			t.Errorf("GET / signed in: %s, want 200", home.Status)
		}
	})
	s.stop(t)

	t.Run("second serve --demo does not reload", func(t *testing.T) {
		start := time.Now()
		s := startServe(t, db, "--demo")
		s.waitReady(t, 10*time.Second)
		out := s.stdout.String()
		m := regexp.MustCompile(`^Demo City is already loaded \((\d+) people\)\. Sign in with a demo account, such as demo\.practitioner, password ` + regexp.QuoteMeta(demo.DemoPassword) + `\n`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("second serve --demo printed:\n%s", out)
		} else if n, _ := strconv.Atoi(m[1]); n < 100000 {
			t.Errorf("Demo City has %d people, want over 100,000", n)
		}
		if strings.Contains(out, "Loaded Demo City") {
			t.Errorf("second serve --demo loaded Demo City again:\n%s", out)
		}
		s.stop(t)
		t.Logf("second serve --demo took %s", time.Since(start).Round(time.Millisecond))
	})

	t.Run("demo refuses a store that is not empty", func(t *testing.T) {
		st := openStore(t, db)
		before, err := st.CountPeople(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := hearth(t, "", "demo", "--db", db)
		if err == nil {
			t.Fatalf("demo loaded into a store that holds Demo City:\n%s", out)
		}
		if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "only into an empty store") {
			t.Errorf("err = %v, want a conflict saying the store is not empty", err)
		}
		after, err := st.CountPeople(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Errorf("people: %d before the refused demo, %d after", before, after)
		}
	})
}

func TestRestore(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	addJo(t, db)
	backup := filepath.Join(t.TempDir(), "hearth-backup.db")
	mustHearth(t, "", "backup", "--db", db, "--to", backup)

	to := filepath.Join(t.TempDir(), "restored", "hearth.db")
	out := mustHearth(t, "", "restore", "--from", backup, "--db", to)
	if !strings.HasPrefix(out, "Restored "+backup+" to "+to) || !strings.Contains(out, "both files pass the integrity check") {
		t.Errorf("printed %q", out)
	}
	r := openStore(t, to)
	if _, err := r.UserByUsername(t.Context(), "jo.bloggs"); err != nil {
		t.Errorf("the restored store lacks jo.bloggs: %v", err)
	}
	r.Close()

	if _, _, err := hearth(t, "", "restore", "--from", backup, "--db", to); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("restoring over a store: %v, want a conflict", err)
	}
	if _, _, err := hearth(t, "", "restore", "--from", backup, "--db", "postgres://localhost/x"); err == nil || !strings.Contains(err.Error(), "pg_restore") {
		t.Errorf("restoring into PostgreSQL: %v, want it to point to pg_restore", err)
	}
}
