package sqlstore

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Reading many records as they were recorded at a past moment.
//
// Each version is a row of record_versions, so a record as recorded at T is
// its row with the greatest version among those with recorded_at <= T. One
// query finds those versions for many records at once and reads their
// bodies; Go decodes them. The index record_versions_as_of (migration 0007)
// holds (kind, record_id, version, recorded_at), so the choosing reads the
// index alone, and only the chosen versions' rows are read from the table.
// The measurements that chose this over a second, typed copy of each
// version are in docs/DATA-MODEL.md.

var _ store.AsOfReader = (*DB)(nil)

// asOfChunk is how many ids one query of a bulk as-of read names. The ids
// go in one JSON parameter, so the query's text is the same whatever their
// number; chunks keep each query's result (and the memory the driver holds
// for it) bounded.
const asOfChunk = 10000

// endOfTime stands for "the latest version" when no moment is given: every
// stored moment is before it.
var endOfTime = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// bulkAsOfQuery returns the query of the versions current at $2 of the records
// of kind $1, either of every record (all) or of those whose ids are in the
// JSON array $3.
//
// CROSS JOIN fixes SQLite's join order: the chosen versions first, then
// each one's row by its primary key. Left to itself, on a table it has no
// statistics for, SQLite read every version of the kind and looked each up
// among the chosen ones. PostgreSQL plans a CROSS JOIN as any other join.
func (db *DB) bulkAsOfQuery(all bool) string {
	if all {
		return bulkAsOfWhere("")
	}
	return bulkAsOfWhere("x.record_id IN (" + db.d.idsFromJSON("$3") + ")")
}

// bulkAsOfWhere is bulkAsOfQuery choosing the records by a condition on
// x.record_id (and parameters from $3), or every record when it is "".
func bulkAsOfWhere(cond string) string {
	filter := ""
	if cond != "" {
		filter = " AND " + cond
	}
	return `SELECT v.record_id, v.version, v.body
		FROM (SELECT x.record_id, MAX(x.version) AS version FROM record_versions x
		      WHERE x.kind = $1 AND x.recorded_at <= $2` + filter + `
		      GROUP BY x.record_id) w
		CROSS JOIN record_versions v
		WHERE v.kind = $1 AND v.record_id = w.record_id AND v.version = w.version`
}

// PeopleAsOf returns the people with ids (every person when ids is empty)
// as they were recorded at recordedAt (the latest versions when it is
// zero). People who did not exist yet are left out. See store.AsOfReader.
func (db *DB) PeopleAsOf(ctx context.Context, bp access.BulkPermit, ids []people.ID, recordedAt time.Time) (map[people.ID]people.Person, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	return recordsAsOf(ctx, db, personKind, ids, recordedAt, asOfChunk)
}

// RelationshipsAsOf returns the relationships with ids (every relationship
// when ids is empty) as they were recorded at recordedAt (the latest
// versions when it is zero). See store.AsOfReader.
func (db *DB) RelationshipsAsOf(ctx context.Context, bp access.BulkPermit, ids []people.RelationshipID, recordedAt time.Time) (map[people.RelationshipID]people.Relationship, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	return recordsAsOf(ctx, db, relationshipKind, ids, recordedAt, asOfChunk)
}

// bulkPermitted refuses a bulk read made without a decision, as permitted
// does a read of one record.
func bulkPermitted(bp access.BulkPermit) error {
	if !bp.Valid() {
		return errs.Wrap(fmt.Errorf("store: bulk read without a permit"), "Records were read without an access decision")
	}
	return nil
}

// recordsAsOf reads records of one kind as recorded at a moment: the
// generic form of PeopleAsOf, for any kind of the versioning mechanism
// (versioned.go). ids are read chunk to a query.
func recordsAsOf[ID ~int64, T any](ctx context.Context, db *DB, k *recordKind[T], ids []ID, recordedAt time.Time, chunk int) (map[ID]T, error) {
	kind := string(k.kind)
	return readAsOf[ID](ctx, db, k, recordedAt, len(ids), func(read asOfRead, at time.Time) error {
		if len(ids) == 0 {
			return read(db.bulkAsOfQuery(true), kind, at)
		}
		q := db.bulkAsOfQuery(false)
		for start := 0; start < len(ids); start += chunk {
			if err := read(q, kind, at, idArray(ids[start:min(start+chunk, len(ids))])); err != nil {
				return err
			}
		}
		return nil
	})
}

// asOfRead runs one query of bulkAsOfWhere's shape and decodes its rows.
type asOfRead func(query string, args ...any) error

// readAsOf is the mechanism of the bulk as-of reads: queries runs the
// queries (of bulkAsOfWhere's shape, whose $1 is the kind and $2 the
// moment, given as at) through read, and the versions they return are
// decoded as they stream. size is a guess of how many there will be.
func readAsOf[ID ~int64, T any](ctx context.Context, db *DB, k *recordKind[T], recordedAt time.Time, size int, queries func(read asOfRead, at time.Time) error) (map[ID]T, error) {
	kind := string(k.kind)
	decode := func(body []byte, id int64, version int) (T, error) { return decode(k, body, id, version) }
	at := endOfTime
	if !recordedAt.IsZero() {
		at = asOfParam(recordedAt)
	}
	d := newDecoders[ID](size, decode)
	read := func(query string, args ...any) error {
		rows, err := db.read(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("store: reading %ss as of %s: %w", kind, at.Format(time.RFC3339), err)
		}
		defer rows.Close()
		for rows.Next() {
			var r rawVersion
			if err := rows.Scan(&r.id, &r.version, &r.body); err != nil {
				return fmt.Errorf("store: reading %ss as of %s: %w", kind, at.Format(time.RFC3339), err)
			}
			if !d.add(r) {
				return d.wait() // a body could not be decoded
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: reading %ss as of %s: %w", kind, at.Format(time.RFC3339), err)
		}
		return nil
	}
	err := queries(read, at)
	if derr := d.wait(); err == nil {
		err = derr
	}
	if err != nil {
		return nil, err
	}
	return d.out, nil
}

// rawVersion is one version as read, not yet decoded.
type rawVersion struct {
	id      int64
	version int
	body    []byte
}

// decodeBatch is how many versions go to a decoder at a time: enough that
// handing them over costs little beside decoding them.
const decodeBatch = 256

// decoders decode versions on as many goroutines as Go may run at once,
// while the rows that follow are still being read: decoding JSON costs more
// than reading it (see docs/DATA-MODEL.md).
type decoders[ID ~int64, T any] struct {
	decode  func(body []byte, id int64, version int) (T, error)
	batches chan []rawVersion
	batch   []rawVersion
	wg      sync.WaitGroup
	failed  atomic.Bool
	done    bool

	mu  sync.Mutex
	out map[ID]T
	err error
}

func newDecoders[ID ~int64, T any](size int, decode func([]byte, int64, int) (T, error)) *decoders[ID, T] {
	d := &decoders[ID, T]{decode: decode, batches: make(chan []rawVersion, 4), out: make(map[ID]T, size)}
	for range runtime.GOMAXPROCS(0) {
		d.wg.Add(1)
		go d.work()
	}
	return d
}

func (d *decoders[ID, T]) work() {
	defer d.wg.Done()
	type decoded struct {
		id ID
		r  T
	}
	var got []decoded
	for b := range d.batches {
		if d.failed.Load() {
			continue // drain
		}
		got = got[:0]
		for _, v := range b {
			r, err := d.decode(v.body, v.id, v.version)
			if err != nil {
				d.mu.Lock()
				if d.err == nil {
					d.err = err
				}
				d.mu.Unlock()
				d.failed.Store(true)
				break
			}
			got = append(got, decoded{ID(v.id), r})
		}
		d.mu.Lock()
		for _, g := range got {
			d.out[g.id] = g.r
		}
		d.mu.Unlock()
	}
}

// add holds a version for decoding; false if decoding has failed already.
func (d *decoders[ID, T]) add(r rawVersion) bool {
	d.batch = append(d.batch, r)
	if len(d.batch) == decodeBatch {
		d.batches <- d.batch
		d.batch = make([]rawVersion, 0, decodeBatch)
	}
	return !d.failed.Load()
}

// wait decodes what is left, waits for the decoders to finish, and returns
// the first error of decoding. It may be called more than once.
func (d *decoders[ID, T]) wait() error {
	if !d.done {
		d.done = true
		if len(d.batch) > 0 {
			d.batches <- d.batch
		}
		close(d.batches)
		d.wg.Wait()
	}
	return d.err
}

// idArray returns ids as a JSON array, the parameter of idsFromJSON.
func idArray[ID ~int64](ids []ID) string {
	b := make([]byte, 0, 2+len(ids)*8)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(id), 10)
	}
	return string(append(b, ']'))
}
