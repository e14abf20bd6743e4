package store

import (
	"context"
	"time"

	"hearth/internal/programme"
)

// The transformation programme's kinds of record. Each stands apart from
// any child and from the others (a project is changed without its reports,
// a report without its project), has its own history and its own keys, so
// each is a kind of its own with its own table, rather than one kind with a
// type field as the journey's records share: a type field would put five
// record types behind one Go type, and the rule of one report a project a
// month is a unique index on the reports' own table. None of them is
// children's data, so their reads take no access.Permit. Supporting
// Families' claims, which are about families, are the exception: each is
// keyed to the family's main child and read with a permit for them
// (claims.go).
const (
	KindProgramme     Kind = "programme"
	KindOutcome       Kind = "programme_outcome"
	KindProject       Kind = "project"
	KindProjectReport Kind = "project_report"
	KindRegisterEntry Kind = "register_entry" // a risk or an issue
)

// Programme keeps the transformation programme: the programme, its
// outcomes, its projects, their monthly reports, and the registers of risks
// and issues. Every record is versioned: a change writes a new version with
// who, when and why, an update names the version it started from
// (errs.Conflict if another has been written since), and nothing is
// deleted. The store does not validate: the programme package does, before
// the write.
type Programme interface {
	// CreateProgramme fills in ID and Version (1); UpdateProgramme writes
	// version p.Version+1. Programme returns it as it stands, or as it
	// stood at asOf when asOf is not zero; errs.NotFound if there is none.
	CreateProgramme(ctx context.Context, p programme.Programme, c Change) (programme.Programme, error)
	UpdateProgramme(ctx context.Context, p programme.Programme, c Change) (programme.Programme, error)
	Programme(ctx context.Context, id programme.ID, asOf time.Time) (programme.Programme, error)
	ProgrammeHistory(ctx context.Context, id programme.ID) ([]Version[programme.Programme], error)
	// Programmes lists every programme as it stands, by id.
	Programmes(ctx context.Context) ([]programme.Programme, error)

	// Outcomes: a programme has one outcome of each number; a second is
	// errs.Conflict naming the field number. An outcome's programme does
	// not change (errs.Invalid naming programme).
	CreateProgrammeOutcome(ctx context.Context, o programme.Outcome, c Change) (programme.Outcome, error)
	UpdateProgrammeOutcome(ctx context.Context, o programme.Outcome, c Change) (programme.Outcome, error)
	ProgrammeOutcome(ctx context.Context, id programme.OutcomeID) (programme.Outcome, error)

	// Projects. A project's programme does not change. Its gateway moves
	// are part of the record, so each decision is a version of it.
	CreateProject(ctx context.Context, p programme.Project, c Change) (programme.Project, error)
	UpdateProject(ctx context.Context, p programme.Project, c Change) (programme.Project, error)
	Project(ctx context.Context, id programme.ProjectID, asOf time.Time) (programme.Project, error)
	ProjectHistory(ctx context.Context, id programme.ProjectID) ([]Version[programme.Project], error)

	// Monthly reports: one a project a month; a second is errs.Conflict
	// naming the field month. A report's project and month do not change
	// (errs.Invalid naming month). ProjectReports lists a project's
	// reports as they stand, oldest month first.
	CreateProjectReport(ctx context.Context, r programme.Report, c Change) (programme.Report, error)
	UpdateProjectReport(ctx context.Context, r programme.Report, c Change) (programme.Report, error)
	ProjectReport(ctx context.Context, id programme.ReportID) (programme.Report, error)
	ProjectReportHistory(ctx context.Context, id programme.ReportID) ([]Version[programme.Report], error)
	ProjectReports(ctx context.Context, project programme.ProjectID) ([]programme.Report, error)

	// Risks and issues. An entry's programme and project do not change;
	// closing one is a change that sets its status and date.
	CreateRegisterEntry(ctx context.Context, e programme.Entry, c Change) (programme.Entry, error)
	UpdateRegisterEntry(ctx context.Context, e programme.Entry, c Change) (programme.Entry, error)
	RegisterEntry(ctx context.Context, id programme.EntryID) (programme.Entry, error)
	RegisterEntryHistory(ctx context.Context, id programme.EntryID) ([]Version[programme.Entry], error)

	// ProgrammeRecords returns everything the programme holds, for its
	// pages, board packs and annual reports, as it stands or, when asOf is
	// not zero, as it stood then (records made later left out): outcomes
	// by number, projects by id, reports by project and month, entries by
	// id. errs.NotFound if there is no such programme (then).
	ProgrammeRecords(ctx context.Context, id programme.ID, asOf time.Time) (programme.Records, error)
}
