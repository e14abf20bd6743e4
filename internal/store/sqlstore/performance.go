package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The performance framework's reads: the council's data, a setting like the
// timescales (settings.go), and every child's journey at once.
//
// The council's data is one setting rather than tables of its own: it is a
// few hundred numbers, always read whole (every figure of the framework
// needs its target, the rates the population, the workforce the count of
// the day) and replaced whole by an import, which must be all or nothing;
// and who changed a target or a threshold, when and why, is what the
// versioned settings keep without another mechanism.

const performanceName = "performance"

var performanceKind = settingKind[json.RawMessage]()

// PerformanceData returns the council's data and its version (0: none).
func (db *DB) PerformanceData(ctx context.Context) (json.RawMessage, int, error) {
	return readSetting(ctx, db, performanceKind, performanceName)
}

// SetPerformanceData writes the council's data as the version after version.
func (db *DB) SetPerformanceData(ctx context.Context, d json.RawMessage, version int, c store.Change) (int, error) {
	c.At = stamp(c.At)
	return writeSetting(ctx, db, performanceKind, performanceName, d, version, c, nil)
}

// PerformanceDataHistory returns every version of the council's data.
func (db *DB) PerformanceDataHistory(ctx context.Context) ([]store.Version[json.RawMessage], error) {
	return settingHistory(ctx, db, performanceKind, performanceName)
}

// qPerformanceChildren reads every current journey record: one statement
// for the whole city, read as it streams. It is not ordered: ordering by
// the child made the database walk the index and look up each row (about
// a tenth of the read at Demo City's scale), where the records' order on
// disk, mostly a child's together, lets a map gather them. The children's
// names, dates of birth and restrictions are read after, by id in order
// (qPerformancePeople): joined here, each record looked its person up in
// the people table in the records' order, a page from anywhere in it,
// and at ten times the city few of those pages were still in the cache,
// so that the lookups cost more than ten times as much.
const qPerformanceChildren = `SELECT j.person_id, j.id, j.version, j.body FROM journey_records j`

// qPerformancePeople reads the children's own facts, by id.
const qPerformancePeople = `SELECT id, given_name, family_name, date_of_birth, restricted FROM people`

// PerformanceStamp reads the count of transactions that wrote a journey
// record, a person, an education record or an attendance import, stepped
// by the writes themselves (migrations 0029 and 0030):
// one row, whatever the size of the city, and any process's write changes
// it when that write is seen.
func (db *DB) PerformanceStamp(ctx context.Context) (string, error) {
	var n int64
	if err := db.readRow(ctx, "SELECT writes FROM performance_stamp WHERE id = 1").Scan(&n); err != nil {
		return "", fmt.Errorf("store: reading the journey's stamp: %w", err)
	}
	return strconv.FormatInt(n, 10), nil
}

// qPerformanceMarks counts each child's records and sums their versions
// from journey_records_person_version alone (0017), with their person's
// version.
const qPerformanceMarks = `SELECT j.person_id, COUNT(*), SUM(j.version), p.version
	FROM journey_records j JOIN people p ON p.id = j.person_id GROUP BY j.person_id, p.version`

// PerformanceMarks returns each child's mark.
func (db *DB) PerformanceMarks(ctx context.Context, bp access.BulkPermit) (map[people.ID]store.PerformanceMark, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	rows, err := db.read(ctx, qPerformanceMarks)
	if err != nil {
		return nil, fmt.Errorf("store: reading the children's marks: %w", err)
	}
	out := map[people.ID]store.PerformanceMark{}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var (
			id people.ID
			m  store.PerformanceMark
		)
		if err := rows.Scan(&id, &m.Records, &m.Versions, &m.Person); err != nil {
			return err
		}
		out[id] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: reading the children's marks: %w", err)
	}
	if err := db.educationMarks(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// performanceChunk is how many children's records one statement reads
// when some are asked for by id.
const performanceChunk = 500

// PerformanceChildren returns every child with a journey record, an
// education record or attendance (ids nil), or those of ids, with their
// records as they stand.
func (db *DB) PerformanceChildren(ctx context.Context, bp access.BulkPermit, ids []people.ID) (store.PerformanceChildren, error) {
	out := store.PerformanceChildren{Children: []store.PerformanceChild{}, Restricted: map[people.ID]bool{}}
	if err := bulkPermitted(bp); err != nil {
		return out, err
	}
	at := map[people.ID]int{}
	if ids == nil {
		if err := db.performanceRows(ctx, &out, at, qPerformanceChildren); err != nil {
			return out, err
		}
	}
	for from := 0; from < len(ids); from += performanceChunk {
		part := ids[from:min(from+performanceChunk, len(ids))]
		q := qPerformanceChildren + " WHERE j.person_id IN (" + placeholders(1, len(part)) + ")"
		if err := db.performanceRows(ctx, &out, at, q, anySlice(part)...); err != nil {
			return out, err
		}
	}
	if err := db.performanceEducation(ctx, &out, at, ids); err != nil {
		return out, err
	}
	slices.SortFunc(out.Children, func(a, b store.PerformanceChild) int { return cmp.Compare(a.ID, b.ID) })
	if err := db.performancePeople(ctx, &out); err != nil {
		return out, err
	}
	return out, nil
}

// performancePeople fills in each child's name, date of birth and
// restriction, the children in order of id: a chunk of ids at a time, so
// that each statement reads its part of the people table in order.
func (db *DB) performancePeople(ctx context.Context, out *store.PerformanceChildren) error {
	kids := out.Children
	for from := 0; from < len(kids); from += performanceChunk {
		part := kids[from:min(from+performanceChunk, len(kids))]
		ids := make([]any, len(part))
		for i := range part {
			ids[i] = part[i].ID
		}
		rows, err := db.read(ctx, qPerformancePeople+" WHERE id IN ("+placeholders(1, len(ids))+") ORDER BY id", ids...)
		if err != nil {
			return fmt.Errorf("store: reading the children's names: %w", err)
		}
		i := 0
		err = scanAll(rows, func(rows *sql.Rows) error {
			var (
				id         people.ID
				restricted bool
				k          store.PerformanceChild
			)
			if err := rows.Scan(&id, &k.GivenName, &k.FamilyName, &k.DateOfBirth, &restricted); err != nil {
				return err
			}
			for i < len(part) && part[i].ID < id {
				i++
			}
			if i == len(part) || part[i].ID != id {
				return fmt.Errorf("person %d was not asked for", id)
			}
			part[i].GivenName, part[i].FamilyName, part[i].DateOfBirth = k.GivenName, k.FamilyName, k.DateOfBirth
			if restricted {
				out.Restricted[id] = true
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: reading the children's names: %w", err)
		}
	}
	return nil
}

// performanceRows adds the rows of a read of qPerformanceChildren to out,
// gathering each child's records (at: each child's place in out).
func (db *DB) performanceRows(ctx context.Context, out *store.PerformanceChildren, at map[people.ID]int, query string, args ...any) error {
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: reading the children's journeys: %w", err)
	}
	defer rows.Close()
	// The body is read in place (sql.RawBytes: the driver's own bytes,
	// good until the next row) and decoded into a record that copies what
	// it keeps: at ten times the city, a copy of each body was gigabytes
	// of garbage for the collector to chase while the read was under way.
	var body sql.RawBytes
	for rows.Next() {
		var (
			pid people.ID
			id  int64
			v   int
		)
		if err := rows.Scan(&pid, &id, &v, &body); err != nil {
			return fmt.Errorf("store: reading the children's journeys: %w", err)
		}
		r, err := decode(journeyKind, body, id, v)
		if err != nil {
			return err
		}
		i, ok := at[pid]
		if !ok {
			i = len(out.Children)
			at[pid] = i
			out.Children = append(out.Children, store.PerformanceChild{ID: pid, Records: make([]journey.Record, 0, 8)})
		}
		out.Children[i].Records = append(out.Children[i].Records, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reading the children's journeys: %w", err)
	}
	return nil
}
