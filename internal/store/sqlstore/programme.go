package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"hearth/internal/errs"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// The transformation programme: five kinds of versioned record, each with
// its own current table (migration 0013) holding the columns the records
// are found by; the versions' bodies hold the rest. None is about a person,
// so their access-log lines name none and their reads take no permit.

var programmeKind = newKind(&recordKind[programme.Programme]{
	kind:   store.KindProgramme,
	noun:   "programme",
	table:  "programmes",
	refers: "a user",
	key:    func(p programme.Programme) (int64, int) { return int64(p.ID), p.Version },
	setKey: func(p *programme.Programme, id int64, v int) { p.ID, p.Version = programme.ID(id), v },
	insert: func(ctx context.Context, t *txn, p programme.Programme, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "INSERT INTO programmes (id, version, name)"+t.db.d.overriding+" VALUES ($1, $2, $3)",
			int64(p.ID), p.Version, p.Name)
		return err
	},
	replace: func(ctx context.Context, t *txn, p programme.Programme, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "UPDATE programmes SET version = $2, name = $3 WHERE id = $1", int64(p.ID), p.Version, p.Name)
		return err
	},
})

var outcomeKind = newKind(&recordKind[programme.Outcome]{
	kind:   store.KindOutcome,
	noun:   "outcome",
	table:  "programme_outcomes",
	refers: "a programme or user",
	key:    func(o programme.Outcome) (int64, int) { return int64(o.ID), o.Version },
	setKey: func(o *programme.Outcome, id int64, v int) { o.ID, o.Version = programme.OutcomeID(id), v },
	insert: func(ctx context.Context, t *txn, o programme.Outcome, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "INSERT INTO programme_outcomes (id, version, programme_id, number)"+t.db.d.overriding+" VALUES ($1, $2, $3, $4)",
			int64(o.ID), o.Version, int64(o.Programme), o.Number)
		return err
	},
	replace: func(ctx context.Context, t *txn, o programme.Outcome, _ store.Change) error {
		return keep("programme", "An outcome stays in its programme")(t.tx.ExecContext(ctx, "UPDATE programme_outcomes SET version = $2, number = $4 WHERE id = $1 AND programme_id = $3",
			int64(o.ID), o.Version, int64(o.Programme), o.Number))
	},
	unique: conflictOn("number", "The programme already has an outcome with this number"),
})

var projectKind = newKind(&recordKind[programme.Project]{
	kind:   store.KindProject,
	noun:   "project",
	table:  "projects",
	refers: "a programme or user",
	key:    func(p programme.Project) (int64, int) { return int64(p.ID), p.Version },
	setKey: func(p *programme.Project, id int64, v int) { p.ID, p.Version = programme.ProjectID(id), v },
	insert: func(ctx context.Context, t *txn, p programme.Project, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "INSERT INTO projects (id, version, programme_id, name, owner_id, gateway)"+t.db.d.overriding+" VALUES ($1, $2, $3, $4, $5, $6)",
			int64(p.ID), p.Version, int64(p.Programme), p.Name, nullID(p.Owner), string(p.Gateway))
		return err
	},
	replace: func(ctx context.Context, t *txn, p programme.Project, _ store.Change) error {
		return keep("programme", "A project stays in its programme")(t.tx.ExecContext(ctx, "UPDATE projects SET version = $2, name = $4, owner_id = $5, gateway = $6 WHERE id = $1 AND programme_id = $3",
			int64(p.ID), p.Version, int64(p.Programme), p.Name, nullID(p.Owner), string(p.Gateway)))
	},
})

var reportKind = newKind(&recordKind[programme.Report]{
	kind:   store.KindProjectReport,
	noun:   "project report",
	table:  "project_reports",
	refers: "a project or user",
	key:    func(r programme.Report) (int64, int) { return int64(r.ID), r.Version },
	setKey: func(r *programme.Report, id int64, v int) { r.ID, r.Version = programme.ReportID(id), v },
	insert: func(ctx context.Context, t *txn, r programme.Report, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "INSERT INTO project_reports (id, version, project_id, month)"+t.db.d.overriding+" VALUES ($1, $2, $3, $4)",
			int64(r.ID), r.Version, int64(r.Project), r.Month.String())
		return err
	},
	replace: func(ctx context.Context, t *txn, r programme.Report, _ store.Change) error {
		return keep("month", "A report stays with its project and month")(t.tx.ExecContext(ctx, "UPDATE project_reports SET version = $2 WHERE id = $1 AND project_id = $3 AND month = $4",
			int64(r.ID), r.Version, int64(r.Project), r.Month.String()))
	},
	unique: conflictOn("month", "The project already has a report for this month"),
})

var entryKind = newKind(&recordKind[programme.Entry]{
	kind:   store.KindRegisterEntry,
	noun:   "risk or issue",
	table:  "register_entries",
	refers: "a programme, project or user",
	key:    func(e programme.Entry) (int64, int) { return int64(e.ID), e.Version },
	setKey: func(e *programme.Entry, id int64, v int) { e.ID, e.Version = programme.EntryID(id), v },
	insert: func(ctx context.Context, t *txn, e programme.Entry, _ store.Change) error {
		_, err := t.tx.ExecContext(ctx, "INSERT INTO register_entries (id, version, programme_id, project_id, type, status)"+t.db.d.overriding+" VALUES ($1, $2, $3, $4, $5, $6)",
			int64(e.ID), e.Version, int64(e.Programme), nullID(e.Project), e.Type, e.Status)
		return err
	},
	replace: func(ctx context.Context, t *txn, e programme.Entry, _ store.Change) error {
		// The project is matched as 0 for the programme's own entries, so
		// that NULL compares.
		return keep("project", "A risk or issue stays with its programme and project")(t.tx.ExecContext(ctx, "UPDATE register_entries SET version = $2, type = $5, status = $6 WHERE id = $1 AND programme_id = $3 AND COALESCE(project_id, 0) = $4",
			int64(e.ID), e.Version, int64(e.Programme), int64(e.Project), e.Type, e.Status))
	},
})

// keep is fixedKeys for the result of one statement.
func keep(field, msg string) func(sql.Result, error) error {
	return func(res sql.Result, err error) error { return fixedKeys(res, err, field, msg) }
}

// conflictOn explains a unique violation as a conflict on one field.
func conflictOn(field, msg string) func(error) error {
	return func(err error) error {
		return &errs.Error{Code: errs.Conflict, Message: msg, Fields: []errs.Field{{Field: field, Message: msg}}, Err: err}
	}
}

// Writes inside a unit of work.

func (t *txn) CreateProgramme(ctx context.Context, p programme.Programme, c store.Change) (programme.Programme, error) {
	return create(ctx, t, programmeKind, p, c)
}
func (t *txn) UpdateProgramme(ctx context.Context, p programme.Programme, c store.Change) (programme.Programme, error) {
	return update(ctx, t, programmeKind, p, c)
}
func (t *txn) CreateProgrammeOutcome(ctx context.Context, o programme.Outcome, c store.Change) (programme.Outcome, error) {
	return create(ctx, t, outcomeKind, o, c)
}
func (t *txn) UpdateProgrammeOutcome(ctx context.Context, o programme.Outcome, c store.Change) (programme.Outcome, error) {
	return update(ctx, t, outcomeKind, o, c)
}
func (t *txn) CreateProject(ctx context.Context, p programme.Project, c store.Change) (programme.Project, error) {
	return create(ctx, t, projectKind, p, c)
}
func (t *txn) UpdateProject(ctx context.Context, p programme.Project, c store.Change) (programme.Project, error) {
	return update(ctx, t, projectKind, p, c)
}
func (t *txn) CreateProjectReport(ctx context.Context, r programme.Report, c store.Change) (programme.Report, error) {
	return create(ctx, t, reportKind, r, c)
}
func (t *txn) UpdateProjectReport(ctx context.Context, r programme.Report, c store.Change) (programme.Report, error) {
	return update(ctx, t, reportKind, r, c)
}
func (t *txn) CreateRegisterEntry(ctx context.Context, e programme.Entry, c store.Change) (programme.Entry, error) {
	return create(ctx, t, entryKind, e, c)
}
func (t *txn) UpdateRegisterEntry(ctx context.Context, e programme.Entry, c store.Change) (programme.Entry, error) {
	return update(ctx, t, entryKind, e, c)
}

// Writes of their own, each a transaction.

func (db *DB) CreateProgramme(ctx context.Context, p programme.Programme, c store.Change) (programme.Programme, error) {
	return inTx(ctx, db, func(t *txn) (programme.Programme, error) { return t.CreateProgramme(ctx, p, c) })
}
func (db *DB) UpdateProgramme(ctx context.Context, p programme.Programme, c store.Change) (programme.Programme, error) {
	return inTx(ctx, db, func(t *txn) (programme.Programme, error) { return t.UpdateProgramme(ctx, p, c) })
}
func (db *DB) CreateProgrammeOutcome(ctx context.Context, o programme.Outcome, c store.Change) (programme.Outcome, error) {
	return inTx(ctx, db, func(t *txn) (programme.Outcome, error) { return t.CreateProgrammeOutcome(ctx, o, c) })
}
func (db *DB) UpdateProgrammeOutcome(ctx context.Context, o programme.Outcome, c store.Change) (programme.Outcome, error) {
	return inTx(ctx, db, func(t *txn) (programme.Outcome, error) { return t.UpdateProgrammeOutcome(ctx, o, c) })
}
func (db *DB) CreateProject(ctx context.Context, p programme.Project, c store.Change) (programme.Project, error) {
	return inTx(ctx, db, func(t *txn) (programme.Project, error) { return t.CreateProject(ctx, p, c) })
}
func (db *DB) UpdateProject(ctx context.Context, p programme.Project, c store.Change) (programme.Project, error) {
	return inTx(ctx, db, func(t *txn) (programme.Project, error) { return t.UpdateProject(ctx, p, c) })
}
func (db *DB) CreateProjectReport(ctx context.Context, r programme.Report, c store.Change) (programme.Report, error) {
	return inTx(ctx, db, func(t *txn) (programme.Report, error) { return t.CreateProjectReport(ctx, r, c) })
}
func (db *DB) UpdateProjectReport(ctx context.Context, r programme.Report, c store.Change) (programme.Report, error) {
	return inTx(ctx, db, func(t *txn) (programme.Report, error) { return t.UpdateProjectReport(ctx, r, c) })
}
func (db *DB) CreateRegisterEntry(ctx context.Context, e programme.Entry, c store.Change) (programme.Entry, error) {
	return inTx(ctx, db, func(t *txn) (programme.Entry, error) { return t.CreateRegisterEntry(ctx, e, c) })
}
func (db *DB) UpdateRegisterEntry(ctx context.Context, e programme.Entry, c store.Change) (programme.Entry, error) {
	return inTx(ctx, db, func(t *txn) (programme.Entry, error) { return t.UpdateRegisterEntry(ctx, e, c) })
}

// Reads of one record.

func (db *DB) Programme(ctx context.Context, id programme.ID, asOf time.Time) (programme.Programme, error) {
	return read(ctx, db, programmeKind, int64(id), asOf)
}
func (db *DB) ProgrammeOutcome(ctx context.Context, id programme.OutcomeID) (programme.Outcome, error) {
	return read(ctx, db, outcomeKind, int64(id), time.Time{})
}
func (db *DB) Project(ctx context.Context, id programme.ProjectID, asOf time.Time) (programme.Project, error) {
	return read(ctx, db, projectKind, int64(id), asOf)
}
func (db *DB) ProjectReport(ctx context.Context, id programme.ReportID) (programme.Report, error) {
	return read(ctx, db, reportKind, int64(id), time.Time{})
}
func (db *DB) RegisterEntry(ctx context.Context, id programme.EntryID) (programme.Entry, error) {
	return read(ctx, db, entryKind, int64(id), time.Time{})
}

// Histories, oldest version first; errs.NotFound for a record that does
// not exist.

var (
	qProgrammeHistory = historyQuery("SELECT id FROM programmes WHERE id = $2")
	qProjectHistory   = historyQuery("SELECT id FROM projects WHERE id = $2")
	qReportHistory    = historyQuery("SELECT id FROM project_reports WHERE id = $2")
	qEntryHistory     = historyQuery("SELECT id FROM register_entries WHERE id = $2")
)

// historyOf is history for one record, which must exist.
func historyOf[T any](ctx context.Context, db *DB, k *recordKind[T], query string, id int64) ([]store.Version[T], error) {
	vs, err := history(ctx, db, k, query, id)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, notFound(k.noun, id)
	}
	return vs, nil
}

func (db *DB) ProgrammeHistory(ctx context.Context, id programme.ID) ([]store.Version[programme.Programme], error) {
	return historyOf(ctx, db, programmeKind, qProgrammeHistory, int64(id))
}
func (db *DB) ProjectHistory(ctx context.Context, id programme.ProjectID) ([]store.Version[programme.Project], error) {
	return historyOf(ctx, db, projectKind, qProjectHistory, int64(id))
}
func (db *DB) ProjectReportHistory(ctx context.Context, id programme.ReportID) ([]store.Version[programme.Report], error) {
	return historyOf(ctx, db, reportKind, qReportHistory, int64(id))
}
func (db *DB) RegisterEntryHistory(ctx context.Context, id programme.EntryID) ([]store.Version[programme.Entry], error) {
	return historyOf(ctx, db, entryKind, qEntryHistory, int64(id))
}

// Lists. Each kind's records of a programme are chosen by a subquery of
// ids, read as they stand (joined to their current version) or as they
// stood at a moment (asOfQuery).

// listing reads the records of kind k whose ids sel yields (sel takes the
// programme's or project's id as $2 when current, $3 when as of a moment).
type listing struct{ current, asOf string }

func newListing(table, sel string) listing {
	return listing{
		current: "SELECT c.id, c.version, v.body FROM " + table + " c JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version" +
			" WHERE c.id IN (" + fmt.Sprintf(sel, "$2") + ")",
		asOf: asOfQuery(fmt.Sprintf(sel, "$3")),
	}
}

var (
	lOutcomes         = newListing("programme_outcomes", "SELECT id FROM programme_outcomes WHERE programme_id = %s")
	lProjects         = newListing("projects", "SELECT id FROM projects WHERE programme_id = %s")
	lProgrammeReports = newListing("project_reports", "SELECT r.id FROM project_reports r JOIN projects p ON p.id = r.project_id WHERE p.programme_id = %s")
	lProjectReports   = newListing("project_reports", "SELECT id FROM project_reports WHERE project_id = %s")
	lEntries          = newListing("register_entries", "SELECT id FROM register_entries WHERE programme_id = %s")
)

// list reads the records l chooses for id, as they stand when asOf is
// zero and otherwise as they stood then.
func list[T any](ctx context.Context, db *DB, k *recordKind[T], l listing, id int64, asOf time.Time) ([]T, error) {
	var args []any
	q := l.current
	if asOf.IsZero() {
		args = []any{string(k.kind), id}
	} else {
		q, args = l.asOf, []any{string(k.kind), asOfParam(asOf), id}
	}
	rows, err := db.read(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading %s records: %w", k.noun, err)
	}
	out, err := decodeRows(k, rows)
	if out == nil && err == nil {
		out = []T{}
	}
	return out, err
}

// Programmes lists every programme as it stands, by id.
func (db *DB) Programmes(ctx context.Context) ([]programme.Programme, error) {
	rows, err := db.read(ctx, "SELECT c.id, c.version, v.body FROM programmes c JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version ORDER BY c.id",
		string(store.KindProgramme))
	if err != nil {
		return nil, fmt.Errorf("store: reading programmes: %w", err)
	}
	out, err := decodeRows(programmeKind, rows)
	if out == nil && err == nil {
		out = []programme.Programme{}
	}
	return out, err
}

// ProjectReports lists a project's reports as they stand, oldest month
// first.
func (db *DB) ProjectReports(ctx context.Context, project programme.ProjectID) ([]programme.Report, error) {
	out, err := list(ctx, db, reportKind, lProjectReports, int64(project), time.Time{})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b programme.Report) int { return a.Month.Compare(b.Month) })
	return out, nil
}

// ProgrammeRecords reads everything the programme holds, as it stands or
// as it stood at asOf.
func (db *DB) ProgrammeRecords(ctx context.Context, id programme.ID, asOf time.Time) (programme.Records, error) {
	var r programme.Records
	p, err := db.Programme(ctx, id, asOf)
	if err != nil {
		return r, err
	}
	r.Programme = p
	if r.Outcomes, err = list(ctx, db, outcomeKind, lOutcomes, int64(id), asOf); err != nil {
		return r, err
	}
	if r.Projects, err = list(ctx, db, projectKind, lProjects, int64(id), asOf); err != nil {
		return r, err
	}
	if r.Reports, err = list(ctx, db, reportKind, lProgrammeReports, int64(id), asOf); err != nil {
		return r, err
	}
	if r.Entries, err = list(ctx, db, entryKind, lEntries, int64(id), asOf); err != nil {
		return r, err
	}
	slices.SortFunc(r.Outcomes, func(a, b programme.Outcome) int { return cmp.Compare(a.Number, b.Number) })
	slices.SortFunc(r.Projects, func(a, b programme.Project) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(r.Reports, func(a, b programme.Report) int {
		return cmp.Or(cmp.Compare(a.Project, b.Project), a.Month.Compare(b.Month))
	})
	slices.SortFunc(r.Entries, func(a, b programme.Entry) int { return cmp.Compare(a.ID, b.ID) })
	return r, nil
}
