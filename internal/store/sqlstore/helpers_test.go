package sqlstore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/store/sqlstore"
)

// sys is the permit these tests read a record with: no user asks.
func sys(id people.ID) access.Permit {
	return access.System(id, access.ReadPerson, "a store test")
}

// defaultPostgres is the database the PostgreSQL tests use when
// HEARTH_TEST_POSTGRES is not set.
const defaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

func postgresDSN() string {
	if dsn := os.Getenv("HEARTH_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	return defaultPostgres
}

// inCI reports whether the tests run in continuous integration, where a
// missing PostgreSQL is a failure rather than a reason to skip.
func inCI() bool {
	v := os.Getenv("CI")
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	return err != nil || b
}

// redact hides a password in a DSN for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

var admin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// postgresAdmin returns a connection to the test database, or skips (fails
// in CI) when there is none.
func postgresAdmin(tb testing.TB) *sql.DB {
	tb.Helper()
	admin.once.Do(func() {
		db, err := sql.Open("pgx", postgresDSN())
		if err != nil {
			admin.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			admin.err = err
			return
		}
		admin.db = db
	})
	if admin.err != nil {
		if inCI() {
			tb.Fatalf("PostgreSQL at %s is not reachable, and CI is set: %v", redact(postgresDSN()), admin.err)
		}
		tb.Skipf("PostgreSQL was not reachable at %s (%v); set HEARTH_TEST_POSTGRES to run the PostgreSQL tests", redact(postgresDSN()), admin.err)
	}
	return admin.db
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// withSearchPath returns dsn with its search_path set to schema.
func withSearchPath(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// newSchema creates a schema of its own for one test (dropped when the test
// ends) and returns a DSN that uses it.
func newSchema(tb testing.TB) string {
	tb.Helper()
	db := postgresAdmin(tb)
	schema := "hearth_test_" + randomSuffix()
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("creating schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("dropping schema %s: %v", schema, err)
		}
	})
	return withSearchPath(postgresDSN(), schema)
}

// openPostgres opens a store in a new schema.
func openPostgres(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.Open(context.Background(), newSchema(tb))
	if err != nil {
		tb.Fatalf("opening PostgreSQL store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// openSQLite opens a store in a new file.
func openSQLite(tb testing.TB) (*sqlstore.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "data", "hearth.db")
	db, err := sqlstore.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("opening SQLite store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, path
}

// bulk is the permit a store test's bulk read is made with: no user asks.
var bulk = access.SystemBulk("a store test")

// migratedBefore connects to an empty store and applies the migrations
// numbered below version, as an older release would have left it, for a
// test of the migration that follows; exec runs SQL on it or fails the test.
func migratedBefore(t *testing.T, dialect, dsn, timestamp string, version int) (*sqlstore.DB, func(q string, args ...any)) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := db.Pools()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := w.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	ms, err := sqlstore.Migrations(dialect)
	if err != nil {
		t.Fatal(err)
	}
	exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at " + timestamp + " NOT NULL)")
	for _, m := range ms {
		if m.Version >= version {
			break
		}
		exec(m.SQL)
		exec("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", m.Version, time.Now().UTC())
	}
	return db, exec
}
