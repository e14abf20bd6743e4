package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The education half of a child's record (store.Education).
//
// An education record is a versioned record (versioned.go) whose current row
// is in education_records. A record that gives its team an education
// involvement (education.Involvement) writes that involvement in its own
// transaction, as a versioned record of its own entered with no journey
// record, and names it in involvement_id; every later version of the record
// that moves its team, worker or dates writes a new version of it. So an
// education officer's access follows the education records, as a
// practitioner's follows the journey.

// educationKind is the education record to the versioning mechanism.
var educationKind = newKind(&recordKind[education.Record]{
	kind:    store.KindEducation,
	noun:    "education record",
	table:   "education_records",
	refers:  "a person, team or worker",
	key:     func(r education.Record) (int64, int) { return int64(r.ID), r.Version },
	setKey:  func(r *education.Record, id int64, v int) { r.ID, r.Version = education.ID(id), v },
	insert:  insertEducation,
	replace: replaceEducation,
	person:  func(r education.Record) people.ID { return r.PersonID },
})

var educationCols = []string{"id", "version", "person_id", "kind", "start_date", "end_date", "team_id", "worker_id", "involvement_id",
	"recorded_at", "recorded_by", "reason", "body"}

// educationRow is a record's current row in educationCols order, with no
// involvement yet (keepEducationInvolvement names it).
func educationRow(r education.Record, c store.Change) ([]any, error) {
	body, err := encodeBody(r)
	if err != nil {
		return nil, err
	}
	return []any{int64(r.ID), r.Version, int64(r.PersonID), string(r.Kind), r.Start, r.End,
		nullID(r.TeamID), nullID(r.WorkerID), nil, r.RecordedAt, nullID(c.By), c.Reason, body}, nil
}

// insertEducation writes a new record's current row, once its person is
// known to exist.
func insertEducation(ctx context.Context, t *txn, r education.Record, c store.Change) error {
	if err := personExists(ctx, t, r.PersonID); err != nil {
		return err
	}
	row, err := educationRow(r, c)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, "INSERT INTO education_records ("+joinCols(educationCols)+")"+t.db.d.overriding+" VALUES ("+placeholders(1, len(educationCols))+")", row...)
	return err
}

// fixedEducation is the rule a change of a record's person or kind breaks.
const fixedEducation = "The child and kind of an education record cannot be changed; record a new one"

// replaceEducation rewrites a record's current row; its person and kind
// cannot change.
func replaceEducation(ctx context.Context, t *txn, r education.Record, c store.Change) error {
	var (
		person people.ID
		kind   string
		f      errs.Fields
	)
	if err := t.tx.QueryRowContext(ctx, "SELECT person_id, kind FROM education_records WHERE id = $1", int64(r.ID)).Scan(&person, &kind); err != nil {
		return err
	}
	if person != r.PersonID {
		f.Add("person_id", "%s", fixedEducation)
	} else if kind != string(r.Kind) {
		f.Add("kind", "%s", fixedEducation)
	}
	if err := f.Err(); err != nil {
		return err
	}
	body, err := encodeBody(r)
	if err != nil {
		return err
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE education_records SET version = $2, start_date = $3, end_date = $4, team_id = $5, worker_id = $6, body = $7
		WHERE id = $1 AND person_id = $8 AND kind = $9`,
		int64(r.ID), r.Version, r.Start, r.End, nullID(r.TeamID), nullID(r.WorkerID), body, int64(r.PersonID), string(r.Kind))
	return fixedKeys(res, err, "kind", fixedEducation)
}

// keepEducationInvolvement writes, after r's version, the involvement r
// gives: a new one when it has none yet, a new version when r has moved
// its team, worker or dates. A record that no longer gives one (its team
// taken away) leaves the involvement as it stands: the team did work with
// the child over that time.
func (t *txn) keepEducationInvolvement(ctx context.Context, r education.Record, c store.Change) error {
	inv, gives := education.Involvement(r)
	if !gives {
		return nil
	}
	c = withoutLine(c)
	var invID sql.NullInt64
	if err := t.tx.QueryRowContext(ctx, "SELECT involvement_id FROM education_records WHERE id = $1", int64(r.ID)).Scan(&invID); err != nil {
		return fmt.Errorf("store: reading the involvement of education record %d: %w", r.ID, err)
	}
	if !invID.Valid {
		made, err := create(ctx, t, involvementKind, store.Involvement{Involvement: inv}, c)
		if err != nil {
			return err
		}
		_, err = t.tx.ExecContext(ctx, "UPDATE education_records SET involvement_id = $2 WHERE id = $1", int64(r.ID), int64(made.ID))
		return err
	}
	cur, found, err := readIn(ctx, t, involvementKind, invID.Int64)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("store: education record %d names involvement %d, which is not there", r.ID, invID.Int64)
	}
	if cur.TeamID == inv.TeamID && cur.WorkerID == inv.WorkerID && cur.StartDate == inv.StartDate && cur.EndDate == inv.EndDate {
		return nil
	}
	cur.TeamID, cur.WorkerID, cur.StartDate, cur.EndDate = inv.TeamID, inv.WorkerID, inv.StartDate, inv.EndDate
	_, err = update(ctx, t, involvementKind, cur, c)
	return err
}

// CreateEducationRecord writes a new education record as version 1,
// recorded at the change's moment, and the involvement it gives.
func (t *txn) CreateEducationRecord(ctx context.Context, r education.Record, c store.Change) (education.Record, error) {
	c.At = stamp(c.At)
	r.RecordedAt = c.At
	r, err := create(ctx, t, educationKind, r, c)
	if err != nil {
		return education.Record{}, err
	}
	if err := t.keepEducationInvolvement(ctx, r, c); err != nil {
		return education.Record{}, err
	}
	return r, nil
}

// UpdateEducationRecord writes version r.Version+1 if r.Version is still
// the latest, and keeps the involvement it gives in step. RecordedAt stays
// the first version's, whatever r says.
func (t *txn) UpdateEducationRecord(ctx context.Context, r education.Record, c store.Change) (education.Record, error) {
	var first time.Time
	err := t.tx.QueryRowContext(ctx, "SELECT recorded_at FROM education_records WHERE id = $1", int64(r.ID)).Scan(timeScan{&first})
	if errors.Is(err, sql.ErrNoRows) {
		return education.Record{}, notFound("education record", r.ID)
	}
	if err != nil {
		return education.Record{}, fmt.Errorf("store: reading education record %d: %w", r.ID, err)
	}
	r.RecordedAt = first
	r, err = update(ctx, t, educationKind, r, c)
	if err != nil {
		return education.Record{}, err
	}
	if err := t.keepEducationInvolvement(ctx, r, c); err != nil {
		return education.Record{}, err
	}
	return r, nil
}

// CreateEducationRecord writes a new education record as version 1.
func (db *DB) CreateEducationRecord(ctx context.Context, r education.Record, c store.Change) (education.Record, error) {
	return inTx(ctx, db, func(t *txn) (education.Record, error) { return t.CreateEducationRecord(ctx, r, c) })
}

// UpdateEducationRecord writes version r.Version+1 if r.Version is still
// the latest.
func (db *DB) UpdateEducationRecord(ctx context.Context, r education.Record, c store.Change) (education.Record, error) {
	return inTx(ctx, db, func(t *txn) (education.Record, error) { return t.UpdateEducationRecord(ctx, r, c) })
}

// qEducation reads person $1's records as they stand, from their current
// rows; qEducationAsOf the versions of person $3's records current at $2.
var (
	qEducation     = `SELECT id, version, body FROM education_records WHERE person_id = $1`
	qEducationAsOf = asOfQuery("SELECT id FROM education_records WHERE person_id = $3")
)

// EducationRecords returns the permit's child's education records as they
// stand, or as they stood at asOf, newest start first.
func (db *DB) EducationRecords(ctx context.Context, pm access.Permit, asOf time.Time) ([]education.Record, error) {
	id, err := permitted(pm, "education records")
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if asOf.IsZero() {
		rows, err = db.read(ctx, qEducation, id)
	} else {
		rows, err = db.read(ctx, qEducationAsOf, string(store.KindEducation), asOfParam(asOf), id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading education records of %d: %w", id, err)
	}
	out, err := decodeRows(educationKind, rows)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []education.Record{}
	}
	education.SortRecords(out)
	return out, nil
}

// qEducationHistory lists the versions of record $2 if it is person $3's.
var qEducationHistory = historyQuery("SELECT id FROM education_records WHERE id = $2 AND person_id = $3")

// EducationHistory returns every version of one of the permit's child's
// education records, oldest first.
func (db *DB) EducationHistory(ctx context.Context, pm access.Permit, id education.ID) ([]store.Version[education.Record], error) {
	pid, err := permitted(pm, "education history")
	if err != nil {
		return nil, err
	}
	out, err := history(ctx, db, educationKind, qEducationHistory, int64(id), pid)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("education record", id)
	}
	return out, nil
}

// ImportEducation writes many new records, each as version 1, with the
// involvements they give, in one transaction: all of them or none.
func (db *DB) ImportEducation(ctx context.Context, rs []education.Record, c store.Change) error {
	c.At = stamp(c.At)
	err := db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		ids, err := db.nextIDs(ctx, tx, "education_records", len(rs))
		if err != nil {
			return err
		}
		out := make([]education.Record, len(rs))
		var invs []store.Involvement
		gives := make([]int, len(rs)) // 1 + the index in invs of the record's involvement
		for i, r := range rs {
			r.ID, r.Version, r.RecordedAt = education.ID(ids[i]), 1, c.At
			out[i] = r
			if inv, ok := education.Involvement(r); ok {
				invs = append(invs, store.Involvement{Version: 1, Involvement: inv})
				gives[i] = len(invs)
			}
		}
		invIDs, err := db.nextIDs(ctx, tx, "involvements", len(invs))
		if err != nil {
			return err
		}
		for i := range invs {
			invs[i].ID = store.InvolvementID(invIDs[i])
		}
		// The involvements go in first: the records name them.
		invRows := newInserter(db.d, tx, cp, "involvements", involvementCols, true)
		defer invRows.close()
		for _, inv := range invs {
			if err := invRows.add(ctx, involvementRow(inv, c)...); err != nil {
				return err
			}
		}
		if err := invRows.flush(ctx); err != nil {
			return err
		}
		rows := newInserter(db.d, tx, cp, "education_records", educationCols, true)
		defer rows.close()
		for i, r := range out {
			row, err := educationRow(r, c)
			if err != nil {
				return err
			}
			if gives[i] != 0 {
				row[8] = int64(invs[gives[i]-1].ID)
			}
			if err := rows.add(ctx, row...); err != nil {
				return err
			}
		}
		if err := rows.flush(ctx); err != nil {
			return err
		}
		versions := newInserter(db.d, tx, cp, "record_versions", versionCols, false)
		defer versions.close()
		for _, r := range out {
			if err := holdVersion(ctx, versions, educationKind, r, c); err != nil {
				return err
			}
		}
		for _, inv := range invs {
			if err := holdVersion(ctx, versions, involvementKind, inv, c); err != nil {
				return err
			}
		}
		return versions.flush(ctx)
	})
	if err != nil {
		return educationKind.writeErr(err)
	}
	if len(rs) >= analyseAfter {
		db.analyse(ctx, "record_versions", "education_records", "involvements")
	}
	return nil
}

var schoolCols = []string{"urn", "name", "phase", "type", "la_code", "opened", "closed", "body", "imported_at"}

// ImportSchools writes the register's rows: each school replaces the row
// of its URN, or is added.
func (db *DB) ImportSchools(ctx context.Context, ss []education.School, at time.Time) (store.SchoolsImported, error) {
	at = stamp(at)
	var out store.SchoolsImported
	seen := map[string]bool{}
	var f errs.Fields
	for i, s := range ss {
		if s.URN == "" || seen[s.URN] {
			f.Add(fmt.Sprintf("rows[%d].URN", i), "Each school appears once, with its URN")
		}
		seen[s.URN] = true
	}
	if err := f.Err(); err != nil {
		return out, err
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		out = store.SchoolsImported{}
		held := map[string]bool{}
		rows, err := tx.QueryContext(ctx, "SELECT urn FROM schools")
		if err != nil {
			return err
		}
		for rows.Next() {
			var urn string
			if err := rows.Scan(&urn); err != nil {
				rows.Close()
				return err
			}
			held[urn] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var fresh []education.School
		for _, s := range ss {
			if !held[s.URN] {
				fresh = append(fresh, s)
				continue
			}
			body, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE schools SET name = $2, phase = $3, type = $4, la_code = $5, opened = $6, closed = $7, body = $8, imported_at = $9
				WHERE urn = $1`, s.URN, s.Name, s.Phase, s.Type, s.LACode, s.Opened, s.Closed, string(body), at); err != nil {
				return err
			}
			out.Updated++
		}
		ins := newInserter(db.d, tx, nil, "schools", schoolCols, false)
		defer ins.close()
		for _, s := range fresh {
			body, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if err := ins.add(ctx, s.URN, s.Name, s.Phase, s.Type, s.LACode, s.Opened, s.Closed, string(body), at); err != nil {
				return err
			}
			out.Added++
		}
		return ins.flush(ctx)
	})
	if err != nil {
		return store.SchoolsImported{}, fmt.Errorf("store: importing schools: %w", err)
	}
	return out, nil
}

// Schools returns the register's schools with the URNs given.
func (db *DB) Schools(ctx context.Context, urns []string) (map[string]education.School, error) {
	out := map[string]education.School{}
	if len(urns) == 0 {
		return out, nil
	}
	list, err := json.Marshal(urns)
	if err != nil {
		return nil, err
	}
	rows, err := db.read(ctx, "SELECT body FROM schools WHERE urn IN ("+db.d.textsFromJSON("$1")+")", string(list))
	if err != nil {
		return nil, fmt.Errorf("store: reading schools: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("store: reading schools: %w", err)
		}
		var s education.School
		if err := json.Unmarshal(body, &s); err != nil {
			return nil, fmt.Errorf("store: decoding a school: %w", err)
		}
		out[s.URN] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading schools: %w", err)
	}
	return out, nil
}

// CountSchools counts the register's schools, and those open on the day at
// falls on in London: opened by then (or with no opening date) and not
// closed before it.
func (db *DB) CountSchools(ctx context.Context, at time.Time) (all, open int, err error) {
	day := civil.OfLondon(at)
	err = db.readRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN (opened IS NULL OR opened <= $1) AND (closed IS NULL OR closed >= $1) THEN 1 ELSE 0 END), 0) FROM schools`, day).Scan(&all, &open)
	if err != nil {
		return 0, 0, fmt.Errorf("store: counting schools: %w", err)
	}
	return all, open, nil
}

// qUPNs finds the people who hold each UPN of a JSON array, as their UPN
// or a former one.
const qUPNs = `SELECT value, person_id FROM person_identifiers WHERE kind IN ('upn', 'former_upn') AND value IN (%s)`

// ImportAttendance writes an attendance import: the pupils found by UPN,
// then the import's own row; then, for each period of the import, the rows
// held for the same pupils, schools and period are deleted in one
// statement (they are the ones replaced) and every row of the import is
// added in bulk (COPY on PostgreSQL, INSERTs of many rows on SQLite), so
// that a term for every pupil of a city is one transaction of a few
// statements rather than two for each pupil.
func (db *DB) ImportAttendance(ctx context.Context, rows []education.PupilSessions, c store.Change) (store.AttendanceImport, error) {
	c.At = stamp(c.At)
	var out store.AttendanceImport
	upns := make([]string, 0, len(rows))
	for _, r := range rows {
		upns = append(upns, r.UPN)
	}
	list, err := json.Marshal(upns)
	if err != nil {
		return out, err
	}
	err = db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		out = store.AttendanceImport{Rows: len(rows)}
		found, err := tx.QueryContext(ctx, fmt.Sprintf(qUPNs, db.d.textsFromJSON("$1")), string(list))
		if err != nil {
			return err
		}
		holders := map[string][]people.ID{}
		for found.Next() {
			var (
				upn string
				id  people.ID
			)
			if err := found.Scan(&upn, &id); err != nil {
				found.Close()
				return err
			}
			if !slices.Contains(holders[upn], id) {
				holders[upn] = append(holders[upn], id)
			}
		}
		found.Close()
		if err := found.Err(); err != nil {
			return err
		}
		var f errs.Fields
		for _, r := range rows {
			switch len(holders[r.UPN]) {
			case 0:
				f.Add(fmt.Sprintf("rows[%d].UPN", r.Row), "No child on Hearth has the UPN %s", r.UPN)
			case 1:
			default:
				f.Add(fmt.Sprintf("rows[%d].UPN", r.Row), "More than one child on Hearth has had the UPN %s: correct their records first", r.UPN)
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "INSERT INTO attendance_imports (imported_at, imported_by, reason, rows) VALUES ($1, $2, $3, $4) RETURNING id",
			c.At, nullID(c.By), c.Reason, len(rows)).Scan(&out.ID); err != nil {
			return err
		}
		// The pupils and schools of each period, as "person:urn" keys.
		type period struct{ from, to civil.Date }
		keys := map[period][]string{}
		var periods []period
		for _, r := range rows {
			p := period{r.Sessions.From, r.Sessions.To}
			if _, ok := keys[p]; !ok {
				periods = append(periods, p)
			}
			keys[p] = append(keys[p], fmt.Sprintf("%d:%s", holders[r.UPN][0], r.URN))
		}
		for _, p := range periods {
			list, err := json.Marshal(keys[p])
			if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, fmt.Sprintf(`DELETE FROM attendance WHERE period_from = $1 AND period_to = $2
				AND person_id || ':' || urn IN (%s)`, db.d.textsFromJSON("$3")), p.from, p.to, string(list))
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			out.Replaced += int(n)
		}
		ins := newInserter(db.d, tx, cp, "attendance", attendanceCols, false)
		defer ins.close()
		for _, r := range rows {
			by, err := json.Marshal(r.Sessions.ByCode)
			if err != nil {
				return err
			}
			if err := ins.add(ctx, int64(holders[r.UPN][0]), r.URN, r.Sessions.From, r.Sessions.To, string(by),
				r.Summary.Possible, r.Summary.Attended, r.Summary.Authorised, r.Summary.Unauthorised, out.ID); err != nil {
				return err
			}
		}
		return ins.flush(ctx)
	})
	if err != nil {
		if errs.As(err) != nil {
			return store.AttendanceImport{}, err
		}
		return store.AttendanceImport{}, fmt.Errorf("store: importing attendance: %w", err)
	}
	if len(rows) >= analyseAfter {
		db.analyse(ctx, "attendance")
	}
	return out, nil
}

var attendanceCols = []string{"person_id", "urn", "period_from", "period_to", "sessions", "possible", "attended", "authorised", "unauthorised", "import_id"}

// Attendance returns the permit's child's attendance, oldest period first.
func (db *DB) Attendance(ctx context.Context, pm access.Permit) ([]store.AttendanceRow, error) {
	id, err := permitted(pm, "attendance")
	if err != nil {
		return nil, err
	}
	rows, err := db.read(ctx, `SELECT urn, period_from, period_to, sessions, possible, attended, authorised, unauthorised, import_id
		FROM attendance WHERE person_id = $1 ORDER BY period_from, period_to, urn`, id)
	if err != nil {
		return nil, fmt.Errorf("store: reading attendance of %d: %w", id, err)
	}
	defer rows.Close()
	out := []store.AttendanceRow{}
	for rows.Next() {
		var (
			r  store.AttendanceRow
			by []byte
		)
		if err := rows.Scan(&r.URN, &r.Sessions.From, &r.Sessions.To, &by, &r.Summary.Possible, &r.Summary.Attended,
			&r.Summary.Authorised, &r.Summary.Unauthorised, &r.Import); err != nil {
			return nil, fmt.Errorf("store: reading attendance of %d: %w", id, err)
		}
		if err := json.Unmarshal(by, &r.Sessions.ByCode); err != nil {
			return nil, fmt.Errorf("store: decoding attendance of %d: %w", id, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading attendance of %d: %w", id, err)
	}
	return out, nil
}
