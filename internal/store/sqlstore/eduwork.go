package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Education's part of the work lists (store.EducationWork): a caseworker's
// children with SEND deadlines running, computed on read from their
// records (app.MyWork), and the notes an exclusion writes (migration 0025).
//
// The deadlines are not kept as derived rows, as the journey's are
// (work.go): a caseworker's list is the children whose open request or
// plan names them, found by education_records_kind, and their records are
// read in one statement; the deadlines are education's pure functions of
// those records and the child's date of birth.

// EducationWorkList returns the children with an open EHC request or plan,
// CME enquiry or home education, or a recent exclusion, whose named worker
// is worker.
func (db *DB) EducationWorkList(ctx context.Context, worker access.UserID, now time.Time) ([]store.WorkChild, error) {
	if worker == 0 {
		return []store.WorkChild{}, nil
	}
	// An exclusion has no end: its clocks (the board's 15 school days, the
	// sixth day) run out within a term and its holidays, so one is on the
	// list for ExclusionClockDays after its first day.
	today := civil.OfLondon(now)
	sel := `SELECT person_id FROM education_records WHERE worker_id = $1 AND (
		kind IN ($2, $3, $4, $5) AND (end_date IS NULL OR end_date >= $6) OR kind = $7 AND start_date >= $8)`
	kids, err := db.readSubjects(ctx, sel, []any{int64(worker), string(education.KindEHCRequest), string(education.KindEHCPlan), string(education.KindCME), string(education.KindEHE), today,
		string(education.KindExclusion), today.AddDays(-store.ExclusionClockDays)}, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("store: reading an education work list: %w", err)
	}
	if kids == nil {
		kids = []store.WorkChild{}
	}
	return kids, nil
}

// EducationCaseload returns the children with a record of kind in team's
// keeping open on the day now falls on, found by education_records_kind.
func (db *DB) EducationCaseload(ctx context.Context, team access.TeamID, kind education.Kind, now time.Time) ([]store.WorkChild, error) {
	if team == 0 {
		return []store.WorkChild{}, nil
	}
	sel := `SELECT person_id FROM education_records WHERE kind = $1 AND team_id = $2 AND (end_date IS NULL OR end_date >= $3)`
	kids, err := db.readSubjects(ctx, sel, []any{string(kind), int64(team), civil.OfLondon(now)}, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("store: reading a team's %s records: %w", kind, err)
	}
	if kids == nil {
		kids = []store.WorkChild{}
	}
	return kids, nil
}

// EducationRecordsOf returns the permits' children's education records,
// five hundred children to a statement.
func (db *DB) EducationRecordsOf(ctx context.Context, ps []access.Permit) (map[people.ID][]education.Record, error) {
	ids := make([]people.ID, 0, len(ps))
	for _, pm := range ps {
		id, err := permitted(pm, "education records")
		if err != nil {
			return nil, err
		}
		ids = append(ids, people.ID(id))
	}
	ids = uniqueIDs(ids)
	out := make(map[people.ID][]education.Record, len(ids))
	q := "SELECT id, version, body FROM education_records WHERE person_id IN (" + db.d.idsFromJSON("$1") + ")"
	for start := 0; start < len(ids); start += maxPerStmt {
		rows, err := db.read(ctx, q, idArray(ids[start:min(start+maxPerStmt, len(ids))]))
		if err != nil {
			return nil, fmt.Errorf("store: reading education records: %w", err)
		}
		rs, err := decodeRows(educationKind, rows)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.PersonID] = append(out[r.PersonID], r)
		}
	}
	for id := range out {
		education.SortRecords(out[id])
	}
	return out, nil
}

var exclusionFlagCols = []string{"person_id", "record_id", "worker_id", "team_id", "category", "start_date", "recorded_at", "recorded_by"}

// CreateExclusionFlags writes the notes of an exclusion, in the unit of
// work that records it.
func (t *txn) CreateExclusionFlags(ctx context.Context, fs []store.ExclusionFlag, c store.Change) error {
	at := stamp(c.At)
	q := "INSERT INTO exclusion_flags (" + joinCols(exclusionFlagCols) + ") VALUES (" + placeholders(1, len(exclusionFlagCols)) + ")"
	for _, f := range fs {
		if (f.WorkerID == 0) == (f.TeamID == 0) {
			return fmt.Errorf("store: an exclusion flag is for a worker or a team, not both or neither")
		}
		if _, err := t.tx.ExecContext(ctx, q, int64(f.PersonID), int64(f.Record), nullID(f.WorkerID), nullID(f.TeamID),
			f.Category, f.Start, at, nullID(c.By)); err != nil {
			return fmt.Errorf("store: writing an exclusion flag: %w", err)
		}
	}
	return nil
}

// ExclusionFlags returns the notes addressed to worker or team since a
// moment (zero: ever), newest first, with each child's summary.
func (db *DB) ExclusionFlags(ctx context.Context, worker access.UserID, team access.TeamID, since time.Time) ([]store.ExclusionFlag, error) {
	out := []store.ExclusionFlag{}
	if worker == 0 && team == 0 {
		return out, nil
	}
	// A zero worker or team matches no row: ids start at 1.
	rows, err := db.read(ctx, `SELECT f.id, f.person_id, f.record_id, f.worker_id, f.team_id, f.category, f.start_date, f.recorded_at, f.recorded_by, `+summaryCols+`
		FROM exclusion_flags f JOIN people p ON p.id = f.person_id
		WHERE (f.worker_id = $1 OR f.team_id = $2) AND f.recorded_at >= $3
		ORDER BY f.recorded_at DESC, f.id DESC`, int64(worker), int64(team), since.UTC().Truncate(time.Microsecond))
	if err != nil {
		return nil, fmt.Errorf("store: reading exclusion flags: %w", err)
	}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var (
			f  store.ExclusionFlag
			ps store.PersonSummary
		)
		if err := rows.Scan(&f.ID, &f.PersonID, &f.Record, idScan[access.UserID]{&f.WorkerID}, idScan[access.TeamID]{&f.TeamID},
			&f.Category, &f.Start, timeScan{&f.At}, idScan[access.UserID]{&f.By},
			&ps.ID, &ps.GivenName, &ps.FamilyName, &ps.DateOfBirth, &ps.Postcode, &ps.Restricted); err != nil {
			return err
		}
		f.Person = ps
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: reading exclusion flags: %w", err)
	}
	return out, nil
}

// virtualSchoolName is the name of the Virtual School setting in
// settings; its body is the hub's shape, an object naming the team.
const virtualSchoolName = "virtual_school"

// virtualSchoolKind is the setting's kind: its own, though its body is the
// hub's, so that its prepared queries are its own.
var virtualSchoolKind = settingKind[hubSetting]()

// VirtualSchoolTeam returns the team named as the Virtual School and its
// version, or 0 and version 0 if none has been named.
func (db *DB) VirtualSchoolTeam(ctx context.Context) (access.TeamID, int, error) {
	s, v, err := readSetting(ctx, db, virtualSchoolKind, virtualSchoolName)
	return s.Team, v, err
}

// SetVirtualSchoolTeam names the Virtual School's team as the version
// after version, if that is still the latest.
func (db *DB) SetVirtualSchoolTeam(ctx context.Context, team access.TeamID, version int, c store.Change) (int, error) {
	return writeSetting(ctx, db, virtualSchoolKind, virtualSchoolName, hubSetting{Team: team}, version, c, nil)
}

// VirtualSchoolTeamHistory returns every version of the setting, oldest
// first.
func (db *DB) VirtualSchoolTeamHistory(ctx context.Context) ([]store.Version[access.TeamID], error) {
	vs, err := settingHistory(ctx, db, virtualSchoolKind, virtualSchoolName)
	if err != nil {
		return nil, err
	}
	out := make([]store.Version[access.TeamID], len(vs))
	for i, v := range vs {
		out[i] = store.Version[access.TeamID]{Version: v.Version, RecordedAt: v.RecordedAt, By: v.By, ByName: v.ByName, Reason: v.Reason, Record: v.Record.Team}
	}
	return out, nil
}

// schoolCalendarName is the name of the council's term dates in settings.
const schoolCalendarName = "school_calendar"

var schoolCalendarKind = settingKind[education.SchoolCalendar]()

// SchoolCalendar returns the council's term dates and their version.
func (db *DB) SchoolCalendar(ctx context.Context) (education.SchoolCalendar, int, error) {
	return readSetting(ctx, db, schoolCalendarKind, schoolCalendarName)
}

// SetSchoolCalendar writes the term dates as the version after version, if
// that is still the latest. No derived rows hang on them: the exclusion
// clocks are counted on read (app.clocks, app.EducationDue).
func (db *DB) SetSchoolCalendar(ctx context.Context, cal education.SchoolCalendar, version int, c store.Change) (int, error) {
	return writeSetting(ctx, db, schoolCalendarKind, schoolCalendarName, cal, version, c, nil)
}

// SchoolCalendarHistory returns every version of the term dates, oldest
// first.
func (db *DB) SchoolCalendarHistory(ctx context.Context) ([]store.Version[education.SchoolCalendar], error) {
	return settingHistory(ctx, db, schoolCalendarKind, schoolCalendarName)
}
