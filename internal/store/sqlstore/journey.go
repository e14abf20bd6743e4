package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The child's journey (store.Journey).
//
// A journey record is a versioned record (versioned.go) whose current row is
// in journey_records. A record that gives a team or worker an involvement
// (journey.Involvement) writes that involvement in its own transaction, as
// a versioned record of its own that names it (involvements.record_id), and
// every later version of the record that moves its team, worker or dates
// writes a new version of the involvement. Access therefore follows the
// journey, and the two cannot part.

// journeyDecoder reads journey records' bodies (see storedjson.go).
var journeyDecoder = newStoredDecoder[journey.Record]()

// journeyKind is the journey record to the versioning mechanism.
var journeyKind = newKind(&recordKind[journey.Record]{
	kind:      store.KindJourney,
	noun:      "journey record",
	table:     "journey_records",
	refers:    "a person, journey record, team or worker",
	key:       func(r journey.Record) (int64, int) { return int64(r.ID), r.Version },
	setKey:    func(r *journey.Record, id int64, v int) { r.ID, r.Version = journey.ID(id), v },
	insert:    insertJourney,
	replace:   replaceJourney,
	person:    func(r journey.Record) people.ID { return r.PersonID },
	unmarshal: journeyDecoder.decode,
})

var journeyCols = []string{"id", "version", "person_id", "kind", "episode_id", "follows_id", "start_date", "end_date",
	"team_id", "worker_id", "recorded_at", "recorded_by", "reason", "body"}

// journeyRow is a record's current row in journeyCols order. recorded_at is
// the record's RecordedAt, which is its first version's moment; body is the
// record as its version holds it.
func journeyRow(r journey.Record, c store.Change) ([]any, error) {
	body, err := encodeBody(r)
	if err != nil {
		return nil, err
	}
	return []any{int64(r.ID), r.Version, int64(r.PersonID), string(r.Kind), nullID(r.Episode), nullID(r.Follows), r.Start, r.End,
		nullID(r.TeamID), nullID(r.WorkerID), r.RecordedAt, nullID(c.By), c.Reason, body}, nil
}

// insertJourney writes a new record's current row, once its person is
// known to exist and the records it names to be the same child's.
func insertJourney(ctx context.Context, t *txn, r journey.Record, c store.Change) error {
	if err := personExists(ctx, t, r.PersonID); err != nil {
		return err
	}
	if err := checkLinks(ctx, t, r); err != nil {
		return err
	}
	row, err := journeyRow(r, c)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, "INSERT INTO journey_records ("+joinCols(journeyCols)+")"+t.db.d.overriding+" VALUES ("+placeholders(1, len(journeyCols))+")", row...)
	return err
}

// fixedJourney is the rule a change of a record's person or kind breaks.
const fixedJourney = "The child and kind of a journey record cannot be changed; record a new one"

// replaceJourney rewrites a record's current row. Its person and kind
// cannot change (a record made for the wrong child is another child's
// record, and a contact never becomes a referral: the referral is a record
// of its own). recorded_at, recorded_by and reason stay the first
// version's.
func replaceJourney(ctx context.Context, t *txn, r journey.Record, c store.Change) error {
	// The fixed columns and the links are checked before the row is
	// written, so that the error names the field at fault rather than
	// the foreign key a link to no record breaks.
	var (
		person people.ID
		kind   string
		f      errs.Fields
	)
	if err := t.tx.QueryRowContext(ctx, "SELECT person_id, kind FROM journey_records WHERE id = $1", int64(r.ID)).Scan(&person, &kind); err != nil {
		return err
	}
	if person != r.PersonID {
		f.Add("person_id", "%s", fixedJourney)
	} else if kind != string(r.Kind) {
		f.Add("kind", "%s", fixedJourney)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := checkLinks(ctx, t, r); err != nil {
		return err
	}
	body, err := encodeBody(r)
	if err != nil {
		return err
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE journey_records SET version = $2, episode_id = $3, follows_id = $4, start_date = $5, end_date = $6,
		team_id = $7, worker_id = $8, body = $11 WHERE id = $1 AND person_id = $9 AND kind = $10`,
		int64(r.ID), r.Version, nullID(r.Episode), nullID(r.Follows), r.Start, r.End, nullID(r.TeamID), nullID(r.WorkerID),
		int64(r.PersonID), string(r.Kind), body)
	return fixedKeys(res, err, "kind", fixedJourney)
}

// checkLinks refuses a record whose episode or the record it follows is not
// a record of the same child. Whether it is the right kind of record is
// the journey's rule (journey.Check), not the database's.
func checkLinks(ctx context.Context, t *txn, r journey.Record) error {
	var f errs.Fields
	for _, l := range links(r) {
		if l.id == r.ID {
			f.Add(l.field, "A record cannot belong to or follow itself")
			continue
		}
		var person people.ID
		err := t.tx.QueryRowContext(ctx, "SELECT person_id FROM journey_records WHERE id = $1", int64(l.id)).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) || err == nil && person != r.PersonID {
			f.Add(l.field, "Choose a record of this child's journey")
			continue
		}
		if err != nil {
			return err
		}
	}
	return f.Err()
}

// link is a record's reference to another record, and the field it is in.
type link struct {
	field string
	id    journey.ID
}

// links returns the references r makes (Episode, Follows), those not zero.
func links(r journey.Record) []link {
	var out []link
	if r.Episode != 0 {
		out = append(out, link{"episode", r.Episode})
	}
	if r.Follows != 0 {
		out = append(out, link{"follows", r.Follows})
	}
	return out
}

// withoutLine is c for a write that is part of another's: the involvement a
// record gives. The record's own version marks the change's access-log
// lines (markWritten), with the record's id, which is what the line is
// about; the involvement's version must not mark them again.
func withoutLine(c store.Change) store.Change {
	c.LogLine, c.AlsoLogLines = 0, nil
	return c
}

// keepInvolvement writes, after r's version, the involvement r gives (see
// journey.Involvement): a new one when there is none yet, a new version
// when r has moved its team, worker or dates. A record that gives none
// (its team taken away) leaves an involvement it gave as it stands: the
// team did work with the child over that time.
func (t *txn) keepInvolvement(ctx context.Context, r journey.Record, c store.Change, isNew bool) error {
	var episode journey.Record
	if r.Episode != 0 {
		ep, found, err := readIn(ctx, t, journeyKind, int64(r.Episode))
		if err != nil {
			return err
		}
		if found {
			episode = ep
		}
	}
	inv, gives := journey.Involvement(r, episode)
	if !gives {
		return nil
	}
	c = withoutLine(c)
	var (
		cur   store.Involvement
		found bool
	)
	if !isNew {
		var id int64
		err := t.tx.QueryRowContext(ctx, "SELECT id FROM involvements WHERE record_id = $1", int64(r.ID)).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("store: reading the involvement of journey record %d: %w", r.ID, err)
		default:
			if cur, found, err = readIn(ctx, t, involvementKind, id); err != nil {
				return err
			}
		}
	}
	switch {
	case !found:
		_, err := create(ctx, t, involvementKind, store.Involvement{Involvement: inv, Record: r.ID}, c)
		return err
	case cur.Kind != inv.Kind:
		// An allocation moved between an early help episode and a
		// referral: the involvement's kind cannot change under it.
		var f errs.Fields
		f.Add("episode", "An allocation cannot move between early help and a referral; end it and record a new one")
		return f.Err()
	case cur.TeamID == inv.TeamID && cur.WorkerID == inv.WorkerID && cur.StartDate == inv.StartDate && cur.EndDate == inv.EndDate:
		return nil
	}
	cur.TeamID, cur.WorkerID, cur.StartDate, cur.EndDate = inv.TeamID, inv.WorkerID, inv.StartDate, inv.EndDate
	_, err := update(ctx, t, involvementKind, cur, c)
	return err
}

// CreateJourneyRecord writes a new journey record as version 1, recorded
// at the change's moment, and the involvement it gives.
func (t *txn) CreateJourneyRecord(ctx context.Context, r journey.Record, c store.Change) (journey.Record, error) {
	c.At = stamp(c.At)
	r.RecordedAt = c.At
	r, err := create(ctx, t, journeyKind, r, c)
	if err != nil {
		return journey.Record{}, err
	}
	if err := t.keepInvolvement(ctx, r, c, true); err != nil {
		return journey.Record{}, err
	}
	if err := t.refreshWork(ctx, r.PersonID, c.At); err != nil {
		return journey.Record{}, err
	}
	return r, nil
}

// UpdateJourneyRecord writes version r.Version+1 if r.Version is still the
// latest, and keeps the involvement it gives in step. RecordedAt stays the
// first version's, whatever r says.
func (t *txn) UpdateJourneyRecord(ctx context.Context, r journey.Record, c store.Change) (journey.Record, error) {
	var first time.Time
	err := t.tx.QueryRowContext(ctx, "SELECT recorded_at FROM journey_records WHERE id = $1", int64(r.ID)).Scan(timeScan{&first})
	if errors.Is(err, sql.ErrNoRows) {
		return journey.Record{}, notFound("journey record", r.ID)
	}
	if err != nil {
		return journey.Record{}, fmt.Errorf("store: reading journey record %d: %w", r.ID, err)
	}
	r.RecordedAt = first
	r, err = update(ctx, t, journeyKind, r, c)
	if err != nil {
		return journey.Record{}, err
	}
	if err := t.keepInvolvement(ctx, r, c, false); err != nil {
		return journey.Record{}, err
	}
	if err := t.refreshWork(ctx, r.PersonID, c.At); err != nil {
		return journey.Record{}, err
	}
	return r, nil
}

// CreateJourneyRecord writes a new journey record as version 1.
func (db *DB) CreateJourneyRecord(ctx context.Context, r journey.Record, c store.Change) (journey.Record, error) {
	return inTx(ctx, db, func(t *txn) (journey.Record, error) { return t.CreateJourneyRecord(ctx, r, c) })
}

// UpdateJourneyRecord writes version r.Version+1 if r.Version is still the
// latest.
func (db *DB) UpdateJourneyRecord(ctx context.Context, r journey.Record, c store.Change) (journey.Record, error) {
	return inTx(ctx, db, func(t *txn) (journey.Record, error) { return t.UpdateJourneyRecord(ctx, r, c) })
}

// byStart orders records as a child's journey lists them: by start, then
// by id (the order they were made in).
func byStart(a, b journey.Record) int {
	return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
}

// qJourney reads person $1's records as they stand, from their current rows.
var qJourney = `SELECT id, version, body FROM journey_records WHERE person_id = $1`

// qJourneyAsOf reads the versions of person $3's records current at $2. A
// record's person never changes, so its current row says whose it was.
var qJourneyAsOf = asOfQuery("SELECT id FROM journey_records WHERE person_id = $3")

// JourneyRecords returns the permit's child's records as they stand, or as
// they stood at asOf, by start then id.
func (db *DB) JourneyRecords(ctx context.Context, pm access.Permit, asOf time.Time) ([]journey.Record, error) {
	id, err := permitted(pm, "journey records")
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if asOf.IsZero() {
		rows, err = db.read(ctx, qJourney, id)
	} else {
		rows, err = db.read(ctx, qJourneyAsOf, string(store.KindJourney), asOfParam(asOf), id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading journey records of %d: %w", id, err)
	}
	out, err := decodeRows(journeyKind, rows)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []journey.Record{}
	}
	slices.SortFunc(out, byStart)
	return out, nil
}

// qJourneyMark counts a child's records and sums their versions from
// journey_records_person_version alone (0017), never reading a body.
const qJourneyMark = `SELECT COUNT(*), COALESCE(SUM(version), 0) FROM journey_records WHERE person_id = $1`

// JourneyMark reads the mark of the permit's child's records.
func (db *DB) JourneyMark(ctx context.Context, pm access.Permit) (store.JourneyMark, error) {
	id, err := permitted(pm, "journey mark")
	if err != nil {
		return store.JourneyMark{}, err
	}
	var m store.JourneyMark
	if err := db.readRow(ctx, qJourneyMark, id).Scan(&m.Records, &m.Versions); err != nil {
		return store.JourneyMark{}, fmt.Errorf("store: reading the journey mark of %d: %w", id, err)
	}
	return m, nil
}

// qJourneyHistory lists the versions of record $2 if it is person $3's.
var qJourneyHistory = historyQuery("SELECT id FROM journey_records WHERE id = $2 AND person_id = $3")

// JourneyHistory returns every version of one of the permit's child's
// records, oldest first.
func (db *DB) JourneyHistory(ctx context.Context, pm access.Permit, id journey.ID) ([]store.Version[journey.Record], error) {
	pid, err := permitted(pm, "journey history")
	if err != nil {
		return nil, err
	}
	out, err := history(ctx, db, journeyKind, qJourneyHistory, int64(id), pid)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("journey record", id)
	}
	return out, nil
}

// WorkList returns the children of a work list, each with their summary
// and what Authorize needs. A record is open on a day if it has no end or
// ends that day or later; the day is now's in London.
func (db *DB) WorkList(ctx context.Context, q store.WorkQuery, now time.Time) ([]store.WorkChild, error) {
	n := 0
	for _, set := range []bool{q.Worker != 0, q.Team != 0, q.Contacts} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("store: a work list is a worker's, a team's or the front door's, not %d of them", n)
	}
	today := civil.OfLondon(now)
	var (
		sel  string
		args []any
	)
	const open = " AND (end_date IS NULL OR end_date >= $3)"
	switch {
	case q.Worker != 0:
		sel = "SELECT person_id FROM journey_records WHERE worker_id = $1 AND kind = $2" + open
		args = []any{int64(q.Worker), string(journey.KindAllocation), today}
	case q.Team != 0:
		sel = "SELECT person_id FROM journey_records WHERE team_id = $1 AND kind IN ($2, $4, $5, $6)" + open
		args = []any{int64(q.Team), string(journey.KindAllocation), today,
			string(journey.KindContact), string(journey.KindEarlyHelp), string(journey.KindReferral)}
	default:
		// An undecided contact is open whatever the day: a contact is
		// decided by setting its end.
		sel = "SELECT person_id FROM journey_records WHERE kind = $1 AND end_date IS NULL"
		args = []any{string(journey.KindContact)}
	}
	kids, err := db.readSubjects(ctx, sel, args, q.Reader, q.ReaderTeam)
	if err != nil {
		return nil, fmt.Errorf("store: reading a work list: %w", err)
	}
	if kids == nil {
		kids = []store.WorkChild{}
	}
	return kids, nil
}

// ImportJourneys writes many new records, each as version 1, and the
// involvements they give, in one transaction: all of them, or (on any
// error) none. The records carry provisional ids (1 to len(rs)) and refer
// to each other by them.
//
// Rows go in so that every record comes after the records it names (its
// episode and the record it follows), which keeps the foreign keys true
// after each statement on either database; the real ids are given in that
// order too, so a record's id is always greater than those it names. A
// record that names itself, or records that name each other in a circle,
// have no such order and are refused.
func (db *DB) ImportJourneys(ctx context.Context, rs []journey.Record, c store.Change) ([]journey.Record, error) {
	order, err := importOrder(rs)
	if err != nil {
		return nil, err
	}
	c.At = stamp(c.At)
	var out []journey.Record
	var invs int
	err = db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		var err error
		out, invs, err = db.importJourneysTx(ctx, tx, cp, rs, order, c)
		return err
	})
	if err != nil {
		return nil, journeyKind.writeErr(err)
	}
	// As after ImportInvolvements: the planner must learn what the import
	// added, or it misjudges the kinds of record_versions.
	if len(rs)+invs >= analyseAfter {
		db.analyse(ctx, "record_versions", "journey_records", "involvements", "work_children", "work_items")
	}
	return out, nil
}

// importJourneysTx writes ImportJourneys' rows in tx, in order (importOrder),
// and returns the records with their real ids and how many involvements
// they gave.
func (db *DB) importJourneysTx(ctx context.Context, tx *sql.Tx, cp *copier, rs []journey.Record, order []int, c store.Change) ([]journey.Record, int, error) {
	out := make([]journey.Record, len(rs))
	before, err := db.beforeImport(ctx, tx, rs)
	if err != nil {
		return nil, 0, err
	}
	ids, err := db.nextIDs(ctx, tx, "journey_records", len(rs))
	if err != nil {
		return nil, 0, err
	}
	// After beforeImport, which reads journey_records by child through
	// an index this may drop.
	rebuild, err := db.deferIndexes(ctx, tx, len(rs), "journey_records", journeyBulkTables)
	if err != nil {
		return nil, 0, err
	}
	// real[p] is the real id of the record with provisional id p, and
	// at[p] its index in rs.
	real := make([]journey.ID, len(rs)+1)
	at := make([]int, len(rs)+1)
	for n, i := range order {
		real[rs[i].ID], at[rs[i].ID] = journey.ID(ids[n]), i
	}
	for i, r := range rs {
		r.ID, r.Version, r.RecordedAt = real[r.ID], 1, c.At
		r.Episode, r.Follows = real[r.Episode], real[r.Follows] // real[0] is 0: none
		out[i] = r
	}
	var derived []store.Involvement
	for _, i := range order {
		r := out[i]
		var episode journey.Record
		if rs[i].Episode != 0 {
			episode = out[at[rs[i].Episode]]
		}
		if inv, ok := journey.Involvement(r, episode); ok {
			derived = append(derived, store.Involvement{Version: 1, Involvement: inv, Record: r.ID})
		}
	}
	invIDs, err := db.nextIDs(ctx, tx, "involvements", len(derived))
	if err != nil {
		return nil, 0, err
	}
	for i := range derived {
		derived[i].ID = store.InvolvementID(invIDs[i])
	}

	rows := newInserter(db.d, tx, cp, "journey_records", journeyCols, true)
	defer rows.close()
	// bodies[n] is the body of the record order[n], which its version
	// holds too.
	bodies := make([]string, 0, len(order))
	for _, i := range order {
		row, err := journeyRow(out[i], c)
		if err != nil {
			return nil, 0, err
		}
		bodies = append(bodies, row[len(row)-1].(string))
		if err := rows.add(ctx, row...); err != nil {
			return nil, 0, err
		}
	}
	if err := rows.flush(ctx); err != nil {
		return nil, 0, err
	}
	invRows := newInserter(db.d, tx, cp, "involvements", involvementCols, true)
	defer invRows.close()
	for _, inv := range derived {
		if err := invRows.add(ctx, involvementRow(inv, c)...); err != nil {
			return nil, 0, err
		}
	}
	if err := invRows.flush(ctx); err != nil {
		return nil, 0, err
	}
	versions := newInserter(db.d, tx, cp, "record_versions", versionCols, false)
	defer versions.close()
	for n, i := range order {
		if err := holdBody(ctx, versions, journeyKind.kind, int64(out[i].ID), 1, c, bodies[n]); err != nil {
			return nil, 0, err
		}
	}
	for _, inv := range derived {
		if err := holdVersion(ctx, versions, involvementKind, inv, c); err != nil {
			return nil, 0, err
		}
	}
	if err := versions.flush(ctx); err != nil {
		return nil, 0, err
	}
	if err := rebuild(); err != nil {
		return nil, 0, err
	}
	return out, len(derived), db.writeImportedWork(ctx, tx, cp, out, before, civil.OfLondon(c.At))
}

// importOrder checks the provisional ids of an import and the references
// between its records, and returns the records' indexes in an order in
// which each comes after those it names.
func importOrder(rs []journey.Record) ([]int, error) {
	n := len(rs)
	var f errs.Fields
	// at[p] is 1 + the index of the record with provisional id p.
	at := make([]int, n+1)
	for i, r := range rs {
		if r.ID < 1 || int(r.ID) > n || at[r.ID] != 0 {
			f.Add(fmt.Sprintf("records[%d].id", i), "Record %d: give each record its own provisional id, from 1 to %d", i+1, n)
			continue
		}
		at[r.ID] = i + 1
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	// needs[i] counts the records i names that are not yet in the order;
	// named[j] lists the records that name j.
	needs := make([]int, n)
	named := make([][]int, n)
	for i, r := range rs {
		for _, l := range links(r) {
			field := fmt.Sprintf("records[%d].%s", i, l.field)
			if l.id < 1 || int(l.id) > n {
				f.Add(field, "Record %d names record %d, which is not in the import", i+1, l.id)
				continue
			}
			j := at[l.id] - 1
			if rs[j].PersonID != r.PersonID {
				f.Add(field, "Record %d names record %d, which is another child's", i+1, l.id)
				continue
			}
			needs[i]++
			named[j] = append(named[j], i)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	order := make([]int, 0, n)
	for i := range rs {
		if needs[i] == 0 {
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, i := range named[order[k]] {
			if needs[i]--; needs[i] == 0 {
				order = append(order, i)
			}
		}
	}
	if len(order) < n {
		// Name the first reference that stays unresolved: it leads into
		// the circle.
		for i, r := range rs {
			for _, l := range links(r) {
				if needs[i] > 0 && needs[at[l.id]-1] > 0 {
					f.Add(fmt.Sprintf("records[%d].%s", i, l.field), "Record %d and the records it names refer to each other in a circle", i+1)
					return nil, f.Err()
				}
			}
		}
	}
	return order, nil
}
