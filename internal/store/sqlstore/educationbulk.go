package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The bulk reads of education records: the SEN2 return's, as recorded at a
// moment (as the journey's returns read, returns.go), and the children with
// a social worker with their education and attendance, for the monthly
// report of their schooling.

// EducationReturnChildren returns every child with an education record of
// the kinds as recorded at recordedAt. A record's kind and child never
// change (replaceEducation keeps them), so the records are chosen by kind
// from the current table and read as they stood from their versions.
func (db *DB) EducationReturnChildren(ctx context.Context, bp access.BulkPermit, kinds []education.Kind, recordedAt time.Time) ([]store.ReturnChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	kind := string(educationKind.kind)
	recs, err := readAsOf[education.ID](ctx, db, educationKind, recordedAt, 0, func(read asOfRead, at time.Time) error {
		args := []any{kind, at}
		for _, k := range kinds {
			args = append(args, string(k))
		}
		return read(bulkAsOfWhere("x.record_id IN (SELECT e.id FROM education_records e WHERE e.kind IN ("+placeholders(3, len(kinds))+"))"), args...)
	})
	if err != nil {
		return nil, err
	}
	byChild := map[people.ID][]education.Record{}
	for _, r := range recs {
		byChild[r.PersonID] = append(byChild[r.PersonID], r)
	}
	ids := make([]people.ID, 0, len(byChild))
	for id := range byChild {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]store.ReturnChild, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ps, err := recordsAsOf(ctx, db, personKind, ids, recordedAt, asOfChunk)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		p, ok := ps[id]
		if !ok {
			return nil, fmt.Errorf("store: education records of person %d, who had no version at %s", id, recordedAt.UTC().Format(time.RFC3339Nano))
		}
		rs := byChild[id]
		slices.SortFunc(rs, func(a, b education.Record) int { return cmp.Compare(a.ID, b.ID) })
		out = append(out, store.ReturnChild{Person: p, Education: rs})
	}
	return out, nil
}

// qCohort finds the children with a social worker on day $1: their open
// involvements of the three kinds, with the person's name, birth date and
// restriction.
const qCohort = `SELECT i.person_id, i.kind, COALESCE(i.team_id, 0), p.given_name, p.family_name, p.date_of_birth, p.restricted
	FROM involvements i JOIN people p ON p.id = i.person_id
	WHERE i.kind IN ('child_in_need', 'child_protection', 'looked_after')
	  AND i.start_date <= $1 AND (i.end_date IS NULL OR i.end_date >= $1)
	ORDER BY i.person_id`

// SchoolingCohort returns the children with a social worker on the day,
// with their education records and attendance: three statements, the
// second and third naming the children in one JSON parameter a chunk.
func (db *DB) SchoolingCohort(ctx context.Context, bp access.BulkPermit, on civil.Date) ([]store.CohortChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	rows, err := db.read(ctx, qCohort, on)
	if err != nil {
		return nil, fmt.Errorf("store: reading the children with a social worker: %w", err)
	}
	var out []store.CohortChild
	at := map[people.ID]int{}
	for rows.Next() {
		var (
			id     people.ID
			kind   string
			team   access.TeamID
			c      store.CohortChild
			dob    civil.Date
			restrd bool
		)
		if err := rows.Scan(&id, &kind, &team, &c.GivenName, &c.FamilyName, &dob, &restrd); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading the children with a social worker: %w", err)
		}
		k, ok := at[id]
		if !ok {
			c.ID, c.DateOfBirth, c.Restricted = id, dob, restrd
			out = append(out, c)
			k = len(out) - 1
			at[id] = k
		}
		if !slices.Contains(out[k].Kinds, kind) {
			out[k].Kinds = append(out[k].Kinds, kind)
		}
		if team != 0 && !slices.Contains(out[k].Teams, team) {
			out[k].Teams = append(out[k].Teams, team)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the children with a social worker: %w", err)
	}
	ids := make([]people.ID, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	for from := 0; from < len(ids); from += asOfChunk {
		chunk := idArray(ids[from:min(from+asOfChunk, len(ids))])
		rs, err := db.read(ctx, `SELECT id, version, body FROM education_records WHERE person_id IN (`+db.d.idsFromJSON("$1")+`)`, chunk)
		if err != nil {
			return nil, fmt.Errorf("store: reading the education records of children with a social worker: %w", err)
		}
		recs, err := decodeRows(educationKind, rs)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			c := &out[at[r.PersonID]]
			c.Records = append(c.Records, r)
		}
		if err := db.cohortAttendance(ctx, chunk, out, at); err != nil {
			return nil, err
		}
	}
	for i := range out {
		education.SortRecords(out[i].Records)
	}
	return out, nil
}

// cohortAttendance adds the attendance of the children of chunk (a JSON
// array of ids) to theirs in out: each period's totals, which the report
// reads, not its sessions by code, whose decoding was most of the read.
func (db *DB) cohortAttendance(ctx context.Context, chunk string, out []store.CohortChild, at map[people.ID]int) error {
	rows, err := db.read(ctx, `SELECT person_id, urn, period_from, period_to, possible, attended, authorised, unauthorised, import_id
		FROM attendance WHERE person_id IN (`+db.d.idsFromJSON("$1")+`) ORDER BY person_id, period_from, period_to, urn`, chunk)
	if err != nil {
		return fmt.Errorf("store: reading the attendance of children with a social worker: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id people.ID
			r  store.AttendanceRow
		)
		if err := rows.Scan(&id, &r.URN, &r.Sessions.From, &r.Sessions.To, &r.Summary.Possible, &r.Summary.Attended,
			&r.Summary.Authorised, &r.Summary.Unauthorised, &r.Import); err != nil {
			return fmt.Errorf("store: reading the attendance of children with a social worker: %w", err)
		}
		c := &out[at[id]]
		c.Attendance = append(c.Attendance, r)
	}
	return rows.Err()
}
