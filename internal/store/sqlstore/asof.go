package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

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

// asOfQuery returns the query of the versions current at $2 of the records
// of kind $1, either of every record (all) or of those whose ids are in the
// JSON array $3.
//
// CROSS JOIN fixes SQLite's join order: the chosen versions first, then
// each one's row by its primary key. Left to itself, on a table it has no
// statistics for, SQLite read every version of the kind and looked each up
// among the chosen ones. PostgreSQL plans a CROSS JOIN as any other join.
func (db *DB) asOfQuery(all bool) string {
	filter := ""
	if !all {
		filter = " AND x.record_id IN (" + db.d.idsFromJSON("$3") + ")"
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
func (db *DB) PeopleAsOf(ctx context.Context, ids []people.ID, recordedAt time.Time) (map[people.ID]people.Person, error) {
	return recordsAsOf(ctx, db, kindPerson, ids, recordedAt, asOfChunk, decodePerson)
}

// RelationshipsAsOf returns the relationships with ids (every relationship
// when ids is empty) as they were recorded at recordedAt (the latest
// versions when it is zero). See store.AsOfReader.
func (db *DB) RelationshipsAsOf(ctx context.Context, ids []people.RelationshipID, recordedAt time.Time) (map[people.RelationshipID]people.Relationship, error) {
	return recordsAsOf(ctx, db, kindRelationship, ids, recordedAt, asOfChunk, decodeRelationship)
}

// recordsAsOf reads records of one kind as recorded at a moment: the
// generic form of PeopleAsOf, for any kind whose versions are in
// record_versions and a decoder of its bodies. ids are read chunk to a
// query.
func recordsAsOf[ID ~int64, T any](ctx context.Context, db *DB, kind string, ids []ID, recordedAt time.Time, chunk int,
	decode func(body []byte, id int64, version int) (T, error)) (map[ID]T, error) {
	at := endOfTime
	if !recordedAt.IsZero() {
		at = asOfParam(recordedAt)
	}
	out := make(map[ID]T, len(ids))
	read := func(query string, args ...any) error {
		rows, err := db.read(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("store: reading %ss as of %s: %w", kind, at.Format(time.RFC3339), err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id   int64
				v    int
				body []byte
			)
			if err := rows.Scan(&id, &v, &body); err != nil {
				return fmt.Errorf("store: reading %ss as of %s: %w", kind, at.Format(time.RFC3339), err)
			}
			r, err := decode(body, id, v)
			if err != nil {
				return err
			}
			out[ID(id)] = r
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: reading %ss as of %s: %w", kind, at.Format(time.RFC3339), err)
		}
		return nil
	}
	if len(ids) == 0 {
		if err := read(db.asOfQuery(true), kind, at); err != nil {
			return nil, err
		}
		return out, nil
	}
	q := db.asOfQuery(false)
	for start := 0; start < len(ids); start += chunk {
		if err := read(q, kind, at, idArray(ids[start:min(start+chunk, len(ids))])); err != nil {
			return nil, err
		}
	}
	return out, nil
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
