package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The education half of the framework's read (performance.go): each
// child's education records and attendance go with their journey, and a
// child with only those (a pupil, a child home educated) is read too, so
// that the education figures count them.

// educationMarks adds each child's education records and attendance to
// their mark (with their person's version for a child with no journey).
func (db *DB) educationMarks(ctx context.Context, out map[people.ID]store.PerformanceMark) error {
	for _, q := range []struct {
		query string
		set   func(m *store.PerformanceMark, n int, sum int64)
	}{
		{`SELECT e.person_id, COUNT(*), SUM(e.version), p.version FROM education_records e JOIN people p ON p.id = e.person_id GROUP BY e.person_id, p.version`,
			func(m *store.PerformanceMark, n int, sum int64) { m.Education, m.EducationVersions = n, sum }},
		{`SELECT a.person_id, COUNT(*), SUM(a.import_id), p.version FROM attendance a JOIN people p ON p.id = a.person_id GROUP BY a.person_id, p.version`,
			func(m *store.PerformanceMark, n int, sum int64) { m.Attendance, m.Imports = n, sum }},
	} {
		rows, err := db.read(ctx, q.query)
		if err != nil {
			return fmt.Errorf("store: reading the children's education marks: %w", err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			var (
				id       people.ID
				n, pv    int
				versions int64
			)
			if err := rows.Scan(&id, &n, &versions, &pv); err != nil {
				return err
			}
			m := out[id]
			m.Person = pv
			q.set(&m, n, versions)
			out[id] = m
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: reading the children's education marks: %w", err)
		}
	}
	return nil
}

// qPerformanceEducation and qPerformanceAttendance read every child's
// education records and attendance summaries; the children's own facts
// are read after, as for the journey (qPerformancePeople).
const (
	qPerformanceEducation  = `SELECT e.person_id, e.id, e.version, e.body FROM education_records e`
	qPerformanceAttendance = `SELECT a.person_id, a.period_from, a.period_to, a.possible, a.attended, a.authorised, a.unauthorised
	FROM attendance a`
)

// performanceEducation adds the education records and attendance of every
// child (ids nil) or of ids to out.
func (db *DB) performanceEducation(ctx context.Context, out *store.PerformanceChildren, at map[people.ID]int, ids []people.ID) error {
	// As the journey's read (performanceRows), the body is read in place.
	var body sql.RawBytes
	child := func(pid people.ID) *store.PerformanceChild {
		i, ok := at[pid]
		if !ok {
			i = len(out.Children)
			at[pid] = i
			out.Children = append(out.Children, store.PerformanceChild{ID: pid, Records: []journey.Record{}})
		}
		return &out.Children[i]
	}
	each := func(query, where string, scan func(rows *sql.Rows) error) error {
		if ids == nil {
			rows, err := db.read(ctx, query)
			if err != nil {
				return err
			}
			return scanAll(rows, scan)
		}
		for from := 0; from < len(ids); from += performanceChunk {
			part := ids[from:min(from+performanceChunk, len(ids))]
			rows, err := db.read(ctx, query+" WHERE "+where+" IN ("+placeholders(1, len(part))+")", anySlice(part)...)
			if err != nil {
				return err
			}
			if err := scanAll(rows, scan); err != nil {
				return err
			}
		}
		return nil
	}
	err := each(qPerformanceEducation, "e.person_id", func(rows *sql.Rows) error {
		var (
			pid people.ID
			id  int64
			v   int
		)
		if err := rows.Scan(&pid, &id, &v, &body); err != nil {
			return err
		}
		r, err := decode(educationKind, body, id, v)
		if err != nil {
			return err
		}
		c := child(pid)
		c.Education = append(c.Education, r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: reading the children's education records: %w", err)
	}
	err = each(qPerformanceAttendance, "a.person_id", func(rows *sql.Rows) error {
		var (
			pid people.ID
			p   education.Period
		)
		if err := rows.Scan(&pid, &p.From, &p.To, &p.Summary.Possible, &p.Summary.Attended,
			&p.Summary.Authorised, &p.Summary.Unauthorised); err != nil {
			return err
		}
		c := child(pid)
		c.Attendance = append(c.Attendance, p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: reading the children's attendance: %w", err)
	}
	return nil
}
