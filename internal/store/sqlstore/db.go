// Package sqlstore implements store.Store over database/sql, once, for both
// SQLite (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx
// through its database/sql driver). The queries are written in the SQL both
// accept ($1 parameters, RETURNING, multi-row VALUES, correlated EXISTS); a
// small dialect value holds the few fragments that differ, and the schema
// is two folders of migrations with the same numbers.
//
// SQLite has one write connection, used for every write, whose transactions
// begin IMMEDIATE so that one that reads and then writes cannot deadlock or
// fail half way; reads use a separate pool of query-only connections, which
// WAL lets run alongside the writer. The access log, written on every read,
// is kept in a file of its own on SQLite (auditlog.go) and committed in
// groups (accesslog.go). PostgreSQL has one
// pool, and version checks lock the row they check (SELECT ... FOR UPDATE).
//
// Records are versioned in record_versions by one mechanism for every kind
// (versioned.go); people, relationships and involvements hold the current
// version's number and the columns searches and joins need. Nothing in this
// package deletes a person, a relationship, an involvement, a version or a
// line of the access log, and triggers refuse it.
//
// The SQL of each module of store.Store is in files of its own: people
// (people.go, search.go, relationships.go, family.go), access facts
// (involvements.go, access.go), accounts (users.go), audit (accesslog.go,
// auditlog.go).
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"hearth/internal/errs"
	"hearth/internal/store"
)

// DB is a store.Store over SQLite or PostgreSQL.
type DB struct {
	d    dialect
	w    *sql.DB       // every write, and every write transaction
	r    *sql.DB       // reads; the same pool as w on PostgreSQL
	rs   *stmtCache    // prepared statements on r (see stmts.go)
	path string        // the SQLite file; "" on PostgreSQL
	log  *accessLogger // writes the access log by group commit; nil on PostgreSQL
	// bulk, on a copy of the store made for a read of much of it at once
	// (bulkRead), is the connection its reads go to.
	bulk *sql.Conn
	// bulkSecond is a token, one for the whole store, that a bulk read
	// holds while it reads on a second connection of the read pool as well
	// (see bulkRead).
	bulkSecond chan struct{}

	// Tuning, which tests lower to reach every path with little data.
	driverLimit   int // see SearchPeople
	mergeKeys     int // see SearchPeople
	bulkThreshold int // see deferIndexes
	returnChunk   int // see returnJourney
}

var _ store.Store = (*DB)(nil)

// dialect holds what differs between the two databases: every difference
// is decided here, as a field, and the code elsewhere reads the field rather
// than asking which database it is.
type dialect struct {
	name string // "sqlite" or "postgres": the folder of its migrations
	// forUpdate follows a SELECT that reads a row a transaction is about to
	// change. SQLite needs none: its write transactions are serialised.
	forUpdate string
	// forShare follows a SELECT of a row that must not change until the
	// transaction ends, though others may read it (the timescales that
	// derived work is computed by: work.go).
	forShare string
	// overriding goes between an INSERT's column list and VALUES when the
	// statement supplies ids itself (PostgreSQL's identity columns refuse
	// them otherwise).
	overriding string
	// timestamp is the column type of a moment, for the bootstrap table.
	timestamp string
	// positional is true when bulk statements use anonymous ? parameters.
	// SQLite looks a numbered parameter's name up in a list, once per
	// parameter, so binding a statement of thousands of $N parameters takes
	// time that grows with the square of their number; ? costs nothing.
	positional bool
	// jsonIDs is a subquery that yields the ids in the JSON array parameter
	// %s, one row each (see idsFromJSON).
	jsonIDs string
	// jsonTexts is jsonIDs for an array of strings (textsFromJSON).
	jsonTexts string
	// pullUpFence ends a subquery that the planner must run for each outer
	// row instead of turning it into a join; indexHider follows a column so
	// that no index serves it. PostgreSQL needs both in searches (search.go);
	// SQLite neither.
	pullUpFence, indexHider string
	// migrationLock is the statement that keeps two servers from migrating
	// at once, given its key; SQLite's IMMEDIATE transaction already does.
	migrationLock string
	// sequences: new ids are drawn from the identity column's sequence
	// (PostgreSQL) rather than taken after the largest (SQLite, whose one
	// writer holds the database's lock).
	sequences bool
	// copyBulk: a bulk load sends its rows with COPY (see writeBulk).
	copyBulk bool
	// deferIndexes: a bulk load into an empty store drops the secondary
	// indexes and builds them again at the end (see deferIndexes).
	deferIndexes bool
	// file: the store is files of this process's own (the records and the
	// access log beside them), which hearth backup copies.
	file bool
	// analyse refreshes the planner's statistics after a large import; each
	// statement is run in turn, with %s the tables just filled.
	analyse []string
	// bulkMap and bulkUnmap are run on a reading connection before and
	// after a read of much of the store at once (a return's: bulkRead).
	bulkMap, bulkUnmap string
}

var (
	sqliteDialect = dialect{
		name: "sqlite", timestamp: "DATETIME", positional: true,
		jsonIDs:      "SELECT value FROM json_each(%s)",
		jsonTexts:    "SELECT value FROM json_each(%s)",
		deferIndexes: true, file: true,
		// SQLite samples at most a thousand rows of each index, as
		// PostgreSQL samples too.
		analyse: []string{"PRAGMA analysis_limit = 1000", "ANALYZE"},
		// A return reads pages from all over the file, far more than a
		// reader's cache holds, each by a system call into a copy of its
		// own; mapped, they are read where the kernel holds them (up to
		// SQLite's ceiling of 2 GB of the file; past it, read as before).
		// Only for that read: see the readers' settings below for why not
		// always.
		bulkMap: "PRAGMA mmap_size = 4294967296", bulkUnmap: "PRAGMA mmap_size = 0",
	}
	pgDialect = dialect{
		name: "postgres", forUpdate: " FOR UPDATE", forShare: " FOR SHARE", overriding: " OVERRIDING SYSTEM VALUE", timestamp: "TIMESTAMPTZ",
		jsonIDs:     "SELECT jsonb_array_elements_text(%s::jsonb)::bigint",
		jsonTexts:   "SELECT jsonb_array_elements_text(%s::jsonb)",
		pullUpFence: " OFFSET 0", indexHider: " || ''",
		migrationLock: "SELECT pg_advisory_xact_lock($1)",
		sequences:     true, copyBulk: true,
		// Vacuumed as well, to mark the pages just filled all-visible,
		// without which its index-only scans (which every search uses)
		// must visit each row anyway until autovacuum comes.
		analyse: []string{"VACUUM (ANALYZE) %s"},
	}
)

// The SQLite connection settings. Every connection enforces foreign keys,
// waits up to five seconds for a lock rather than failing at once, and writes
// times in a form it can read back (with DATETIME columns). The writer also
// sets WAL (persistent in the file), FULL synchronous so that a committed
// transaction survives a power cut, and IMMEDIATE transactions; readers are
// query-only.
//
// The readers' page cache is kept at 16 MB, and the file is not memory-mapped
// (mmap_size). In WAL mode a connection that starts a read after another has
// committed to the same file throws its whole page cache away (and unmaps the
// file if it is mapped). Every read of a child writes an access-log line, so
// the log has a file of its own (auditlog.go): commits to it leave the
// records' caches alone, and they now last until a record changes. When the
// log shared the file, a reader's cache lived for tens of milliseconds and
// neither a bigger cache nor a map helped (measured with `hearth bench`, 50
// users, no pause: 16 MB 790-932 pages/s, 32 MB 761-917/s, 2 MB 837-926/s,
// mmap_size 256 MB 625-823/s); with it apart, search p99 at scale 1 fell from
// 28 to 7-9 ms. temp_store=memory is kept for the sorts and DISTINCTs of
// searches, which would otherwise spill to files.
const (
	sqliteCommon = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_time_format=sqlite&_pragma=temp_store(memory)"
	sqliteWriter = sqliteCommon + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=cache_size(-65536)&_txlock=immediate"
	sqliteReader = sqliteCommon + "&_pragma=cache_size(-16384)&_pragma=query_only(1)"

	sqliteReaders = 4
	pgMaxConns    = 16
)

// IsPostgres reports whether a DSN names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the store named by dsn and brings its schema up to date. A dsn
// starting postgres:// or postgresql:// is a PostgreSQL connection string;
// anything else is the path of a SQLite file, created (with its directory)
// if it does not exist.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// The lines of writes that committed just before a process stopped.
	if _, err := db.SettlePending(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect opens the store named by dsn as Open does, but leaves its schema
// as it is, for a caller (hearth migrate) that runs Migrate itself to report
// what it applied. The store must be migrated before it is used.
func Connect(ctx context.Context, dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: no database: give a SQLite file path or a postgres:// URL")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: the SQLite path %q may not contain ? or #", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: creating the database directory: %w", err)
	}
	// The files hold children's records: they are readable by their owner
	// only. SQLite gives their -wal and -shm files the same permissions.
	audit := AuditPath(path)
	for _, file := range []string{path, audit} {
		if f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
			f.Close()
		} else if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("store: creating %s: %w", file, err)
		}
	}
	w := sql.OpenDB(newAuditConnector(path+"?"+sqliteWriter, audit, auditWriterSetup...))
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// The writer connects first, so that the file exists and is in WAL mode
	// before any reader opens it.
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		w.Close()
		return nil, fmt.Errorf("store: %s is in journal mode %q, not WAL", path, mode)
	}
	r := sql.OpenDB(newAuditConnector(path+"?"+sqliteReader, audit, auditReaderSetup...))
	r.SetMaxOpenConns(sqliteReaders)
	r.SetMaxIdleConns(sqliteReaders)
	r.SetConnMaxLifetime(0)
	r.SetConnMaxIdleTime(0)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	db := newDB(sqliteDialect, w, r, path)
	db.log = newAccessLogger(db)
	return db, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: opening PostgreSQL: %w", err)
	}
	p.SetMaxOpenConns(pgMaxConns)
	p.SetMaxIdleConns(pgMaxConns)
	p.SetConnMaxIdleTime(5 * time.Minute)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("store: connecting to PostgreSQL: %w", err)
	}
	return newDB(pgDialect, p, p, ""), nil
}

// idsFromJSON is a subquery that yields the ids in a JSON array parameter,
// one row each: a list of any length in one parameter, so that the query's
// text (and its prepared statement) is the same whatever the length.
func (d dialect) idsFromJSON(param string) string {
	return fmt.Sprintf(d.jsonIDs, param)
}

// textsFromJSON is idsFromJSON for a JSON array of strings.
func (d dialect) textsFromJSON(param string) string {
	return fmt.Sprintf(d.jsonTexts, param)
}

func newDB(d dialect, w, r *sql.DB, path string) *DB {
	return &DB{d: d, w: w, r: r, rs: newStmtCache(r), path: path, bulkSecond: make(chan struct{}, 1), driverLimit: defaultDriverLimit, mergeKeys: defaultMergeKeys, bulkThreshold: defaultBulkThreshold, returnChunk: defaultReturnChunk}
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.r.PingContext(ctx); err != nil {
		return errs.Wrap(err, "The database is not answering")
	}
	if db.w != db.r {
		if err := db.w.PingContext(ctx); err != nil {
			return errs.Wrap(err, "The database is not answering")
		}
	}
	return nil
}

// Close writes the access log lines still queued, then closes the prepared
// statements and the connection pools. LogAccess fails once Close has begun.
func (db *DB) Close() error {
	if db.log != nil {
		db.log.close()
	}
	db.rs.close()
	err := db.r.Close()
	if db.w != db.r {
		if werr := db.w.Close(); err == nil {
			err = werr
		}
	}
	return err
}

// Backup writes a consistent copy of a SQLite store to path, and of its
// access log to AuditPath(path), with VACUUM INTO, which runs in a read
// transaction and so does not stop writers. The log is copied just after the
// records, so it may hold a few lines more than the records' moment. Then it
// checks the copy (Inspect) and writes its manifest to ManifestPath(path),
// for a restore to prove itself against. It refuses to overwrite an
// existing file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if !db.d.file {
		return errs.E(errs.Invalid, "A PostgreSQL store is backed up with pg_dump (or the database's own backups), not with hearth backup")
	}
	if path == "" {
		return errs.E(errs.Invalid, "Give the path of the backup file")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	// Claim the names (and owner-only permissions) first: VACUUM INTO
	// writes into an empty file, and never over one that exists. The backup
	// is two files, as the store is: path and its access log beside it.
	files := []string{path, AuditPath(path)}
	for i, file := range files {
		f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			for _, claimed := range files[:i] {
				os.Remove(claimed)
			}
			if errors.Is(err, os.ErrExist) {
				return errs.E(errs.Conflict, "A file already exists at %s; choose a new name", file)
			}
			return fmt.Errorf("store: backup: %w", err)
		}
		f.Close()
	}
	if err := db.vacuumInto(ctx, path); err != nil {
		for _, file := range files {
			os.Remove(file)
		}
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	// The manifest is read off the copy itself, so it says what the backup
	// holds, which a restore proves again.
	m, err := Inspect(ctx, path)
	if err == nil {
		err = writeManifest(path, m)
	}
	if err != nil {
		for _, file := range append(files, ManifestPath(path)) {
			os.Remove(file)
		}
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}

func (db *DB) vacuumInto(ctx context.Context, path string) error {
	// The readers are query-only, which VACUUM INTO is not, and the writer
	// must stay free; the copy gets a connection of its own.
	c := sql.OpenDB(newAuditConnector(db.path+"?"+sqliteCommon, AuditPath(db.path)))
	defer c.Close()
	conn, err := c.Conn(ctx) // the two copies on one connection, one after the other
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM main INTO $1", path); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "VACUUM audit INTO $1", AuditPath(path))
	return err
}

// write runs fn in one write transaction and commits it if fn returns nil.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: beginning a transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: committing: %w", err)
	}
	return nil
}

// nextIDs reserves n new ids for table (the current table of a versioned
// record), inside a write transaction, for rows that must know their id
// before they are written (a version's JSON holds it). SQLite's writer holds the database's
// write lock, and rows are never deleted, so the ids after the largest are
// free; PostgreSQL draws them from the identity column's sequence.
func (db *DB) nextIDs(ctx context.Context, tx *sql.Tx, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if !db.d.sequences {
		var max int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&max); err != nil {
			return nil, fmt.Errorf("store: reserving ids: %w", err)
		}
		for i := range n {
			ids = append(ids, max+1+int64(i))
		}
		return ids, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2::int)", table, n)
	if err != nil {
		return nil, fmt.Errorf("store: reserving ids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: reserving ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reserving ids: %w", err)
	}
	if len(ids) != n {
		return nil, fmt.Errorf("store: reserving ids: got %d of %d", len(ids), n)
	}
	return ids, nil
}

// isUnique reports whether err is a unique constraint violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return false
}

// isForeignKey reports whether err is a foreign key violation.
func isForeignKey(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	return false
}

// stamp returns the moment a change is recorded at: t, or now if t is zero,
// in UTC and to the microsecond (PostgreSQL's precision), so that what is
// stored is what is returned on either database.
func stamp(t time.Time) time.Time {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

// moment returns t as stored (UTC, to the microsecond), or nil for the zero
// time, which is stored as NULL.
func moment(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// nullID stores an id of 0 ("none") as NULL.
func nullID[T ~int64](id T) any {
	if id == 0 {
		return nil
	}
	return int64(id)
}

// timeScan reads a moment, NULL as the zero time, always in UTC.
type timeScan struct{ t *time.Time }

func (s timeScan) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.t = time.Time{}
		return nil
	case time.Time:
		*s.t = v.UTC()
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	}
	return fmt.Errorf("store: cannot read a time from %T", src)
}

// timeLayouts are the forms a moment may come back in as text: SQLite's, as
// written with _time_format=sqlite, and RFC 3339.
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999",
}

func (s timeScan) parse(v string) error {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, v); err == nil {
			*s.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("store: cannot read a time from %q", v)
}

// idScan reads a nullable id, NULL as 0.
type idScan[T ~int64] struct{ id *T }

func (s idScan[T]) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.id = T(n.Int64)
	return nil
}

// placeholders returns "$from, $from+1, ..." for n parameters.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}

// notFound is the error for a record that does not exist.
func notFound(what string, id any) error {
	return errs.E(errs.NotFound, "There is no %s with id %v", what, id)
}
