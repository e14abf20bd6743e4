package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Versioned records, written once for every kind.
//
// Every version of a record, the current one included, is a row of
// record_versions holding the record as JSON, with who wrote it, when and
// why. Each kind also has a current table (people, relationships,
// involvements) with one row per record: its id, its current version and the
// columns that searches and joins need. The mechanism here reserves ids,
// checks versions, writes the version rows, reads a record as it stands or as
// it stood, and lists histories; a kind's own code (its recordKind) writes
// only its current table and what derives from it.

// recordKind describes one kind of versioned record to the mechanism. T is
// the record type, which carries its own id and version.
type recordKind[T any] struct {
	kind  store.Kind
	noun  string // as errors name it: "person"
	table string // the current table; its id column is reserved from, its version column checked
	// refers names, for a foreign-key violation, what the record refers to.
	refers string

	key    func(T) (id int64, version int)
	setKey func(r *T, id int64, version int)
	// unmarshal, if not nil, reads a version's body in place of
	// json.Unmarshal; it must give what json.Unmarshal gives. Bulk reads
	// decode a body per record, and a kind's own decoder is several times
	// faster than reflection.
	unmarshal func([]byte) (T, error)
	// insert writes the current rows of a new record (version 1).
	insert func(ctx context.Context, t *txn, r T, c store.Change) error
	// replace rewrites the current rows for r, whose Version is the new one.
	replace func(ctx context.Context, t *txn, r T, c store.Change) error
	// unique, if not nil, explains a unique violation in the kind's terms.
	unique func(error) error
	// person, if not nil, is the person a record is about, for the access
	// log's line of the write (see markWritten).
	person func(T) people.ID

	// The queries, built once so that their prepared statements are kept:
	// qCurrent takes (kind, id), qAsOf (kind, id, at), qLock (id).
	qCurrent, qAsOf, qLock string
}

// newKind fills in k's queries.
func newKind[T any](k *recordKind[T]) *recordKind[T] {
	k.qCurrent = "SELECT c.version, v.body FROM " + k.table + " c JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version WHERE c.id = $2"
	k.qAsOf = "SELECT version, body FROM record_versions WHERE kind = $1 AND record_id = $2 AND recorded_at <= $3 ORDER BY version DESC LIMIT 1"
	k.qLock = "SELECT version FROM " + k.table + " WHERE id = $1"
	return k
}

// historyQuery lists the versions of the records whose ids the subquery
// sel yields (it may use $2 and later), oldest first within each record.
func historyQuery(sel string) string {
	return `SELECT v.record_id, v.version, v.recorded_at, v.recorded_by, COALESCE(u.display_name, ''), v.reason, v.body
		FROM record_versions v LEFT JOIN users u ON u.id = v.recorded_by
		WHERE v.kind = $1 AND v.record_id IN (` + sel + `) ORDER BY v.record_id, v.version`
}

// asOfQuery reads, for the records whose ids sel yields (from $3 on), the
// version current at $2.
func asOfQuery(sel string) string {
	return `SELECT v.record_id, v.version, v.body FROM record_versions v
		WHERE v.kind = $1 AND v.record_id IN (` + sel + `)
		  AND v.version = (SELECT MAX(w.version) FROM record_versions w
		                   WHERE w.kind = $1 AND w.record_id = v.record_id AND w.recorded_at <= $2)`
}

var versionCols = []string{"kind", "record_id", "version", "recorded_at", "recorded_by", "reason", "body"}

// txn is one write transaction: a unit of work's store.Tx.
type txn struct {
	db *DB
	tx *sql.Tx
}

var _ store.Tx = (*txn)(nil)

// Atomic runs fn in one write transaction, committed only if fn returns nil.
func (db *DB) Atomic(ctx context.Context, fn func(store.Tx) error) error {
	return db.write(ctx, func(tx *sql.Tx) error { return fn(&txn{db: db, tx: tx}) })
}

// inTx runs one write of a record kind as a transaction of its own.
func inTx[T any](ctx context.Context, db *DB, fn func(t *txn) (T, error)) (T, error) {
	var out T
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = fn(&txn{db: db, tx: tx})
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// encodeBody is a record as record_versions.body holds it.
func encodeBody(r any) (string, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("store: encoding a record: %w", err)
	}
	return string(b), nil
}

// decode reads a version's body back into a record with its id and version.
func decode[T any](k *recordKind[T], body []byte, id int64, version int) (T, error) {
	var r T
	var err error
	if k.unmarshal != nil {
		r, err = k.unmarshal(body)
	} else {
		err = json.Unmarshal(body, &r)
	}
	if err != nil {
		return r, fmt.Errorf("store: decoding %s %d version %d: %w", k.noun, id, version, err)
	}
	k.setKey(&r, id, version)
	return r, nil
}

// create writes r as version 1 of a new record, with a new id.
func create[T any](ctx context.Context, t *txn, k *recordKind[T], r T, c store.Change) (T, error) {
	var zero T
	c.At = stamp(c.At)
	ids, err := t.db.nextIDs(ctx, t.tx, k.table, 1)
	if err != nil {
		return zero, err
	}
	k.setKey(&r, ids[0], 1)
	if err := k.insert(ctx, t, r, c); err != nil {
		return zero, k.writeErr(err)
	}
	if err := addVersion(ctx, t, k, r, c); err != nil {
		return zero, err
	}
	return r, nil
}

// update writes version N+1 of r if N, r's version, is still the latest;
// otherwise it refuses with errs.Conflict and writes nothing.
func update[T any](ctx context.Context, t *txn, k *recordKind[T], r T, c store.Change) (T, error) {
	var zero T
	id, v := k.key(r)
	if id <= 0 {
		return zero, notFound(k.noun, id)
	}
	c.At = stamp(c.At)
	var cur int
	err := t.tx.QueryRowContext(ctx, k.qLock+t.db.d.forUpdate, id).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return zero, notFound(k.noun, id)
	}
	if err != nil {
		return zero, fmt.Errorf("store: reading %s %d: %w", k.noun, id, err)
	}
	if cur != v {
		return zero, errStale()
	}
	k.setKey(&r, id, cur+1)
	if err := k.replace(ctx, t, r, c); err != nil {
		return zero, k.writeErr(err)
	}
	if err := addVersion(ctx, t, k, r, c); err != nil {
		return zero, err
	}
	return r, nil
}

// addVersion writes r's version row.
func addVersion[T any](ctx context.Context, t *txn, k *recordKind[T], r T, c store.Change) error {
	body, err := encodeBody(r)
	if err != nil {
		return err
	}
	id, v := k.key(r)
	var person people.ID
	if k.person != nil {
		person = k.person(r)
	}
	if err := insertVersion(ctx, t.tx, k.kind, id, v, c, body, person); err != nil {
		return fmt.Errorf("store: writing version %d of %s %d: %w", v, k.noun, id, err)
	}
	return nil
}

// holdVersion holds r's version row in a bulk import's inserter: addVersion
// for many records at once, where the rows go out in batches (COPY on
// PostgreSQL) and no access-log line is marked.
func holdVersion[T any](ctx context.Context, ins *inserter, k *recordKind[T], r T, c store.Change) error {
	body, err := encodeBody(r)
	if err != nil {
		return err
	}
	id, v := k.key(r)
	return holdBody(ctx, ins, k.kind, id, v, c, body)
}

// holdBody is holdVersion for a record whose body is already encoded (for
// its current row): encoding it again would cost an import a second JSON
// encoding of every record.
func holdBody(ctx context.Context, ins *inserter, kind store.Kind, id int64, v int, c store.Change, body string) error {
	return ins.add(ctx, string(kind), id, v, c.At, nullID(c.By), c.Reason, body)
}

// insertVersion writes one row of record_versions and, in the same
// transaction, marks the access-log line of the change as written (so that a
// crash between the write and the line's settling cannot part them).
func insertVersion(ctx context.Context, tx *sql.Tx, kind store.Kind, id int64, v int, c store.Change, body string, person people.ID) error {
	if _, err := tx.ExecContext(ctx, insertVersionSQL, string(kind), id, v, c.At, nullID(c.By), c.Reason, body); err != nil {
		return err
	}
	return markWritten(ctx, tx, c, person, id)
}

var insertVersionSQL = "INSERT INTO record_versions (" + joinCols(versionCols) + ") VALUES (" + placeholders(1, len(versionCols)) + ")"

// writeErr turns a constraint violation into an error a user can act on.
func (k *recordKind[T]) writeErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errs.As(err) != nil:
		return err
	case isUnique(err) && k.unique != nil:
		return k.unique(err)
	case isForeignKey(err):
		return &errs.Error{Code: errs.Invalid, Message: "The change names " + k.refers + " that does not exist", Err: err}
	}
	return fmt.Errorf("store: writing %s: %w", k.noun, err)
}

// fixedKeys checks the result of a replace hook's UPDATE, which matches its
// row by the columns that never change (a relationship's two people, an
// involvement's person and kind) as well as its id: no row updated means the
// change tried to alter one of them, refused as invalid on field.
func fixedKeys(res sql.Result, err error, field, msg string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		var f errs.Fields
		f.Add(field, "%s", msg)
		return f.Err()
	}
	return nil
}

// errStale is the error for an update made to a version that is no longer
// the latest.
func errStale() error {
	return errs.E(errs.Conflict, "This record was changed by someone else since you opened it")
}

// asOfParam is an as-of moment as compared with stored ones. Stored moments
// are whole microseconds, so truncating asOf changes no answer.
func asOfParam(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// read returns record id as it stands, or the version current at asOf if it
// is not zero.
func read[T any](ctx context.Context, db *DB, k *recordKind[T], id int64, asOf time.Time) (T, error) {
	var (
		zero T
		row  *sql.Row
	)
	if asOf.IsZero() {
		row = db.readRow(ctx, k.qCurrent, string(k.kind), id)
	} else {
		row = db.readRow(ctx, k.qAsOf, string(k.kind), id, asOfParam(asOf))
	}
	var (
		v    int
		body []byte
	)
	if err := row.Scan(&v, &body); errors.Is(err, sql.ErrNoRows) {
		if asOf.IsZero() {
			return zero, notFound(k.noun, id)
		}
		return zero, errs.E(errs.NotFound, "There was no %s with id %d at %s", k.noun, id, asOf.UTC().Format(time.RFC3339))
	} else if err != nil {
		return zero, fmt.Errorf("store: reading %s %d: %w", k.noun, id, err)
	}
	return decode(k, body, id, v)
}

// readIn returns record id as it stands inside the write transaction t, so
// that it sees what t has written (a read through the store's readers sees
// only what is committed); found is false if there is no such record.
func readIn[T any](ctx context.Context, t *txn, k *recordKind[T], id int64) (r T, found bool, err error) {
	var (
		v    int
		body []byte
	)
	err = t.tx.QueryRowContext(ctx, k.qCurrent, string(k.kind), id).Scan(&v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("store: reading %s %d: %w", k.noun, id, err)
	}
	r, err = decode(k, body, id, v)
	return r, err == nil, err
}

// history returns the versions query (a historyQuery) lists, with args after
// the kind, each record's oldest first.
func history[T any](ctx context.Context, db *DB, k *recordKind[T], query string, args ...any) ([]store.Version[T], error) {
	rows, err := db.read(ctx, query, append([]any{string(k.kind)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: reading history of %s: %w", k.noun, err)
	}
	defer rows.Close()
	out := []store.Version[T]{}
	for rows.Next() {
		var (
			v    store.Version[T]
			id   int64
			body []byte
		)
		if err := rows.Scan(&id, &v.Version, timeScan{&v.RecordedAt}, idScan[access.UserID]{&v.By}, &v.ByName, &v.Reason, &body); err != nil {
			return nil, fmt.Errorf("store: reading history of %s: %w", k.noun, err)
		}
		if v.Record, err = decode(k, body, id, v.Version); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading history of %s: %w", k.noun, err)
	}
	return out, nil
}

// byRecorded orders the versions of several records by when they were
// recorded, keeping each record's versions in order.
func byRecorded[T any](vs []store.Version[T]) {
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].RecordedAt.Before(vs[j].RecordedAt) })
}

// decodeRows reads rows of (record_id, version, body) into records.
func decodeRows[T any](k *recordKind[T], rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var (
			id   int64
			v    int
			body []byte
		)
		if err := rows.Scan(&id, &v, &body); err != nil {
			return nil, fmt.Errorf("store: reading %s: %w", k.noun, err)
		}
		r, err := decode(k, body, id, v)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading %s: %w", k.noun, err)
	}
	return out, nil
}

// permitted returns the person a permit opens, or an internal error when it
// opens none: a read of a child's record without a decision is a fault in
// the code that asked, never something a user did.
func permitted(p access.Permit, what string) (int64, error) {
	if !p.Valid() {
		return 0, errs.Wrap(fmt.Errorf("store: %s read without a permit", what), "A record was read without an access decision")
	}
	return int64(p.Person()), nil
}
