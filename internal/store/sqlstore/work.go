package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Each child's work (migration 0011): their status, open allocation and
// due work, derived in Go by the journey's rules from their whole journey,
// their date of birth and the council's timescales, and rewritten in the
// transaction of every write that changes any of those. Work lists read
// these rows instead of the records: a team's page of 376 children decoded
// 4,200 records and ran the rules over them on every request (about 100 ms
// of CPU); it now reads about 400 small rows.
//
// The rules are the journey package's alone: the store says nothing of
// which kinds of record make work, so a new kind of record with due work
// (a review of a child in care, a health assessment) needs no change here.

// childWork is one child's derived rows, before they are written.
type childWork struct {
	person people.ID
	work   store.ChildWork
}

var (
	workChildCols   = []string{"person_id", "status", "status_from", "status_until", "team_id", "worker_id"}
	workItemCols    = []string{"person_id", "record_id", "kind", "what", "due", "due_at", "team_id", "worker_id"}
	workMeetingCols = []string{"person_id", "record_id", "offered", "held"}
)

// workWriter writes children's derived rows, through inserters (so in bulk
// in an import).
type workWriter struct {
	children, items, meetings *inserter
}

func newWorkWriter(d dialect, tx *sql.Tx, cp *copier) *workWriter {
	return &workWriter{
		children: newInserter(d, tx, cp, "work_children", workChildCols, false),
		items:    newInserter(d, tx, cp, "work_items", workItemCols, false),
		meetings: newInserter(d, tx, cp, "work_meetings", workMeetingCols, false),
	}
}

func (w *workWriter) add(ctx context.Context, c childWork) error {
	// A zero StatusUntil is stored as NULL (civil.Date.Value): for ever.
	if err := w.children.add(ctx, int64(c.person), c.work.Status, c.work.StatusFrom, c.work.StatusUntil, nullID(c.work.TeamID), nullID(c.work.WorkerID)); err != nil {
		return err
	}
	for _, it := range c.work.Due {
		if err := w.items.add(ctx, int64(c.person), int64(it.Record), string(it.Kind), it.What, it.Due, moment(it.DueAt),
			nullID(it.TeamID), nullID(it.WorkerID)); err != nil {
			return err
		}
	}
	for _, m := range c.work.Meetings {
		if err := w.meetings.add(ctx, int64(c.person), int64(m.Record), m.Offered, m.Held); err != nil {
			return err
		}
	}
	return nil
}

func (w *workWriter) flush(ctx context.Context) error {
	for _, in := range []*inserter{w.children, w.items, w.meetings} {
		if err := in.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (w *workWriter) close() {
	w.children.close()
	w.items.close()
	w.meetings.close()
}

// workTables are the tables of derived work, each with a person_id.
var workTables = []string{"work_items", "work_meetings", "work_children"}

// workTimescales returns, inside tx, the timescales derived work is
// computed by: the council's, or journey.Defaults() while it has set none
// (as app.New's App.Timescales). On PostgreSQL the setting's row is held
// shared until tx ends, so that a change of the timescales, which takes it
// exclusively and then recomputes every child, waits for this write to
// commit and sees its records (or this write waits for it, and reads the
// new timescales).
func workTimescales(ctx context.Context, tx *sql.Tx, d dialect) (journey.Timescales, error) {
	var id int64
	err := tx.QueryRowContext(ctx, qSettingID+d.forShare, timescalesName).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return journey.Defaults(), nil
	}
	if err != nil {
		return journey.Timescales{}, fmt.Errorf("store: reading the timescales: %w", err)
	}
	var (
		v    int
		body []byte
	)
	if err := tx.QueryRowContext(ctx, qSettingCurrent, string(store.KindSetting), timescalesName).Scan(&id, &v, &body); err != nil {
		return journey.Timescales{}, fmt.Errorf("store: reading the timescales: %w", err)
	}
	s, err := decode(timescalesKind, body, id, v)
	if err != nil {
		return journey.Timescales{}, err
	}
	return s.value, nil
}

// refreshWork rewrites one child's derived rows from their records as they
// stand in t, on the day of the moment at. A child with no journey record
// has none.
func (t *txn) refreshWork(ctx context.Context, person people.ID, at time.Time) error {
	rows, err := t.tx.QueryContext(ctx, qJourney, int64(person))
	if err != nil {
		return fmt.Errorf("store: reading journey records of %d: %w", person, err)
	}
	rs, err := decodeRows(journeyKind, rows)
	if err != nil || len(rs) == 0 {
		// Records are never deleted: a child with none now never had rows.
		return err
	}
	ts, err := workTimescales(ctx, t.tx, t.db.d)
	if err != nil {
		return err
	}
	p := people.Person{ID: person}
	if err := t.tx.QueryRowContext(ctx, "SELECT date_of_birth FROM people WHERE id = $1", int64(person)).Scan(&p.DateOfBirth); err != nil {
		return fmt.Errorf("store: reading person %d: %w", person, err)
	}
	if err := t.dropWork(ctx, person); err != nil {
		return err
	}
	w := newWorkWriter(t.db.d, t.tx, nil)
	defer w.close()
	if err := w.add(ctx, childWork{person, store.DeriveWork(p, rs, ts, civil.OfLondon(stamp(at)))}); err != nil {
		return err
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("store: writing the work of %d: %w", person, err)
	}
	return nil
}

func (t *txn) dropWork(ctx context.Context, person people.ID) error {
	for _, table := range workTables {
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE person_id = $1", int64(person)); err != nil {
			return fmt.Errorf("store: clearing the work of %d: %w", person, err)
		}
	}
	return nil
}

// importedWork is what an import needs to write its children's derived
// rows: the records they had before it, and their dates of birth. It is
// read before the import's rows go in, so that it does not read back (and
// decode) the records the import holds already; for the new children of
// Demo City it is empty, and reading the 224,000 records just written cost
// a fifth of the load.
type importedWork struct {
	had  map[people.ID][]journey.Record
	born map[people.ID]civil.Date
}

// beforeImport reads, in tx, the records and dates of birth of the children
// of rs.
func (db *DB) beforeImport(ctx context.Context, tx *sql.Tx, rs []journey.Record) (importedWork, error) {
	out := importedWork{had: map[people.ID][]journey.Record{}, born: map[people.ID]civil.Date{}}
	var ids []people.ID
	for _, r := range rs {
		ids = append(ids, r.PersonID)
	}
	ids = uniqueIDs(ids)
	in := db.d.idsFromJSON("$1")
	for start := 0; start < len(ids); start += maxPerStmt {
		list := idArray(ids[start:min(start+maxPerStmt, len(ids))])
		rows, err := tx.QueryContext(ctx, "SELECT id, version, body FROM journey_records WHERE person_id IN ("+in+")", list)
		if err != nil {
			return out, fmt.Errorf("store: reading journey records: %w", err)
		}
		had, err := decodeRows(journeyKind, rows)
		if err != nil {
			return out, err
		}
		for _, r := range had {
			out.had[r.PersonID] = append(out.had[r.PersonID], r)
		}
		if err := readBorn(ctx, tx, "SELECT id, date_of_birth FROM people WHERE id IN ("+in+")", out.born, list); err != nil {
			return out, err
		}
	}
	return out, nil
}

// writeImportedWork rewrites, in tx, the derived rows of the children of an
// import, whose new records are rs (with their real ids), from those and
// the records they had before (iw). day is the import's.
func (db *DB) writeImportedWork(ctx context.Context, tx *sql.Tx, cp *copier, rs []journey.Record, iw importedWork, day civil.Date) error {
	byChild := iw.had
	for _, r := range rs {
		byChild[r.PersonID] = append(byChild[r.PersonID], r)
	}
	ids := make([]people.ID, 0, len(byChild))
	for id := range byChild {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ts, err := workTimescales(ctx, tx, db.d)
	if err != nil {
		return err
	}
	in := db.d.idsFromJSON("$1")
	for start := 0; start < len(ids); start += maxPerStmt {
		list := idArray(ids[start:min(start+maxPerStmt, len(ids))])
		for _, table := range workTables {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE person_id IN ("+in+")", list); err != nil {
				return fmt.Errorf("store: clearing work: %w", err)
			}
		}
	}
	w := newWorkWriter(db.d, tx, cp)
	defer w.close()
	for _, id := range ids {
		p := people.Person{ID: id, DateOfBirth: iw.born[id]}
		if err := w.add(ctx, childWork{id, store.DeriveWork(p, byChild[id], ts, day)}); err != nil {
			return fmt.Errorf("store: writing work: %w", err)
		}
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("store: writing work: %w", err)
	}
	return nil
}

// readBorn reads (id, date_of_birth) rows into born.
func readBorn(ctx context.Context, tx *sql.Tx, query string, born map[people.ID]civil.Date, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: reading dates of birth: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id people.ID
			d  civil.Date
		)
		if err := rows.Scan(&id, &d); err != nil {
			return fmt.Errorf("store: reading dates of birth: %w", err)
		}
		born[id] = d
	}
	return rows.Err()
}

// refreshAllWork rewrites every child's derived rows, in tx, on day: after
// the timescales change, and once when migration 0011 makes the tables. The
// children go five hundred at a time, their records read whole before
// their rows are written (a PostgreSQL connection runs one statement at a
// time, so rows cannot be written while others are still being read), so
// that memory holds a few thousand records, not the store's.
func (db *DB) refreshAllWork(ctx context.Context, tx *sql.Tx, day civil.Date) error {
	ts, err := workTimescales(ctx, tx, db.d)
	if err != nil {
		return err
	}
	for _, table := range workTables {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("store: clearing work: %w", err)
		}
	}
	var ids []people.ID
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT person_id FROM journey_records ORDER BY person_id")
	if err != nil {
		return fmt.Errorf("store: reading the children with journeys: %w", err)
	}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var id people.ID
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: reading the children with journeys: %w", err)
	}
	in := db.d.idsFromJSON("$1")
	w := newWorkWriter(db.d, tx, nil)
	defer w.close()
	for start := 0; start < len(ids); start += maxPerStmt {
		chunk := ids[start:min(start+maxPerStmt, len(ids))]
		list := idArray(chunk)
		born := map[people.ID]civil.Date{}
		if err := readBorn(ctx, tx, "SELECT id, date_of_birth FROM people WHERE id IN ("+in+")", born, list); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, version, body FROM journey_records WHERE person_id IN ("+in+")", list)
		if err != nil {
			return fmt.Errorf("store: reading journey records: %w", err)
		}
		rs, err := decodeRows(journeyKind, rows)
		if err != nil {
			return err
		}
		byChild := map[people.ID][]journey.Record{}
		for _, r := range rs {
			byChild[r.PersonID] = append(byChild[r.PersonID], r)
		}
		for _, id := range chunk {
			if err := w.add(ctx, childWork{id, store.DeriveWork(people.Person{ID: id, DateOfBirth: born[id]}, byChild[id], ts, day)}); err != nil {
				return fmt.Errorf("store: writing work: %w", err)
			}
		}
	}
	if err := w.flush(ctx); err != nil {
		return fmt.Errorf("store: writing work: %w", err)
	}
	return nil
}

// workRowsQuery reads a list's three kinds of derived row in one statement
// (part 0 a child, 1 an item, 2 a family meeting), in columns shared by
// type, where three statements cost three round trips: for "my work"'s
// handful of children on PostgreSQL the trips were most of its time.
func workRowsQuery(in string) string {
	return "SELECT 0, person_id, NULL, status, NULL, status_from, status_until, NULL, team_id, worker_id FROM work_children WHERE person_id IN (" + in + ")" +
		" UNION ALL SELECT 1, person_id, record_id, kind, what, due, NULL, due_at, team_id, worker_id FROM work_items WHERE person_id IN (" + in + ")" +
		" UNION ALL SELECT 2, person_id, record_id, NULL, NULL, offered, held, NULL, NULL, NULL FROM work_meetings WHERE person_id IN (" + in + ")"
}

// ChildrenWork returns the derived work of the permits' children, in one
// statement for each five hundred children.
func (db *DB) ChildrenWork(ctx context.Context, ps []access.Permit) (map[people.ID]store.ChildWork, error) {
	ids := make([]people.ID, 0, len(ps))
	for _, pm := range ps {
		id, err := permitted(pm, "work")
		if err != nil {
			return nil, err
		}
		ids = append(ids, people.ID(id))
	}
	ids = uniqueIDs(ids)
	q := workRowsQuery(db.d.idsFromJSON("$1"))
	out := make(map[people.ID]store.ChildWork, len(ids))
	// The rows come in any order: items and meetings are kept apart until
	// every child's row is read.
	var (
		items    []journey.Item
		meetings = map[people.ID][]store.Meeting{}
	)
	var (
		part        int
		id          people.ID
		record      journey.ID
		text1, what sql.NullString
		day1, day2  civil.Date
		at          time.Time
		team        access.TeamID
		worker      access.UserID
	)
	// One set of destinations for every row (see readSubjects).
	dest := []any{&part, &id, idScan[journey.ID]{&record}, &text1, &what, &day1, &day2, timeScan{&at},
		idScan[access.TeamID]{&team}, idScan[access.UserID]{&worker}}
	for start := 0; start < len(ids); start += maxPerStmt {
		rows, err := db.read(ctx, q, idArray(ids[start:min(start+maxPerStmt, len(ids))]))
		if err != nil {
			return nil, fmt.Errorf("store: reading work: %w", err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			switch part {
			case 0:
				out[id] = store.ChildWork{Status: text1.String, StatusFrom: day1, StatusUntil: day2, TeamID: team, WorkerID: worker, Due: []journey.Item{}}
			case 1:
				items = append(items, journey.Item{PersonID: id, Record: record, Kind: journey.Kind(text1.String), What: what.String, Due: day1, DueAt: at, TeamID: team, WorkerID: worker})
			default:
				meetings[id] = append(meetings[id], store.Meeting{Record: record, Offered: day1, Held: day2})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store: reading work: %w", err)
		}
	}
	for _, it := range items {
		w := out[it.PersonID]
		w.Due = append(w.Due, it)
		out[it.PersonID] = w
	}
	for id, ms := range meetings {
		w := out[id]
		w.Meetings = ms
		out[id] = w
	}
	for _, w := range out {
		journey.SortByUrgency(w.Due)
		slices.SortFunc(w.Meetings, func(a, b store.Meeting) int {
			return cmp.Or(a.Offered.Compare(b.Offered), cmp.Compare(a.Record, b.Record))
		})
	}
	return out, nil
}

// WorkListStamp reads the count of writes to the tables the work lists
// read, stepped by the writes themselves (migration 0031): one row.
func (db *DB) WorkListStamp(ctx context.Context) (string, error) {
	var n int64
	if err := db.readRow(ctx, "SELECT writes FROM work_list_stamp WHERE id = 1").Scan(&n); err != nil {
		return "", fmt.Errorf("store: reading the work lists' stamp: %w", err)
	}
	return strconv.FormatInt(n, 10), nil
}

// AllDueWork returns every child's due work, most urgent first.
func (db *DB) AllDueWork(ctx context.Context, bp access.BulkPermit) ([]journey.Item, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	out, err := db.readItems(ctx, "SELECT "+joinCols(workItemCols)+" FROM work_items")
	if err != nil {
		return nil, err
	}
	journey.SortByUrgency(out)
	return out, nil
}

// readItems reads work_items rows (workItemCols) as items.
func (db *DB) readItems(ctx context.Context, query string, args ...any) ([]journey.Item, error) {
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading due work: %w", err)
	}
	out := []journey.Item{}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var (
			it   journey.Item
			kind string
		)
		if err := rows.Scan(&it.PersonID, &it.Record, &kind, &it.What, &it.Due, timeScan{&it.DueAt},
			idScan[access.TeamID]{&it.TeamID}, idScan[access.UserID]{&it.WorkerID}); err != nil {
			return err
		}
		it.Kind = journey.Kind(kind)
		out = append(out, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: reading due work: %w", err)
	}
	return out, nil
}

// scanAll calls scan for each row, and closes the rows.
func scanAll(rows *sql.Rows, scan func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// workMigration makes the derived work's tables; Migrate fills them from
// the journeys already in the store when it applies it.
const workMigration = 11
