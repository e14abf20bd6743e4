package app

import (
	"context"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// The transformation programme. Its records are about no child, so every
// signed-in role reads them (access.ReadProgramme) and their reads are not
// logged; the programme manager changes them (access.ManageProgramme); a
// project's monthly report and its risks and issues are kept by the
// programme manager or the project's named owner
// (access.AuthorizeProjectReport). Every write is logged as other modules'
// writes are, with the decision's reason. A change names the version it
// started from: if another has been saved since, it is refused
// (errs.Conflict) and nothing is written.

// timeZero asks the store for records as they stand.
var timeZero time.Time

// Programmes lists the programmes, by id.
func (a *App) Programmes(ctx context.Context, ac Actor) ([]programme.Programme, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return nil, err
	}
	return a.Store.Programmes(ctx)
}

// MainProgramme is the council's programme: the first one made. A council
// runs one transformation programme at a time, and the pages show it
// without asking which. errs.NotFound while there is none.
func (a *App) MainProgramme(ctx context.Context, ac Actor) (programme.Programme, error) {
	ps, err := a.Programmes(ctx, ac)
	if err != nil {
		return programme.Programme{}, err
	}
	if len(ps) == 0 {
		return programme.Programme{}, errs.E(errs.NotFound, "There is no transformation programme yet")
	}
	return ps[0], nil
}

// ProgrammeRecords reads everything the programme holds as it stands
// (access.ReadProgramme).
func (a *App) ProgrammeRecords(ctx context.Context, ac Actor, id programme.ID) (programme.Records, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return programme.Records{}, err
	}
	return a.Store.ProgrammeRecords(ctx, id, timeZero)
}

// ProjectPage is one project with what its page shows: its reports, oldest
// month first; its risks and issues; its programme's outcomes (which its
// numbers name); and the versions of the project, oldest first.
type ProjectPage struct {
	Project  programme.Project
	Reports  []programme.Report
	Entries  []programme.Entry
	Outcomes []programme.Outcome
	History  []store.Version[programme.Project]
	// MayReport says whether the reader may submit the project's reports
	// and keep its registers; MayManage whether they may change it.
	MayReport, MayManage bool
}

// Latest is the project's latest report, if it has one.
func (p ProjectPage) Latest() (programme.Report, bool) {
	if len(p.Reports) == 0 {
		return programme.Report{}, false
	}
	return p.Reports[len(p.Reports)-1], true
}

// Project reads one project and everything its page shows
// (access.ReadProgramme).
func (a *App) Project(ctx context.Context, ac Actor, id programme.ProjectID) (ProjectPage, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return ProjectPage{}, err
	}
	p, err := a.Store.Project(ctx, id, timeZero)
	if err != nil {
		return ProjectPage{}, err
	}
	recs, err := a.Store.ProgrammeRecords(ctx, p.Programme, timeZero)
	if err != nil {
		return ProjectPage{}, err
	}
	hist, err := a.Store.ProjectHistory(ctx, id)
	if err != nil {
		return ProjectPage{}, err
	}
	out := ProjectPage{Project: p, Outcomes: recs.Outcomes, History: hist,
		MayReport: access.AuthorizeProjectReport(ac.Principal, p.Owner, a.Now()).Allowed,
		MayManage: access.Can(ac.Principal, access.ManageProgramme)}
	for _, r := range recs.Reports {
		if r.Project == id {
			out.Reports = append(out.Reports, r)
		}
	}
	slices.SortFunc(out.Reports, func(x, y programme.Report) int { return x.Month.Compare(y.Month) })
	for _, e := range recs.Entries {
		if e.Project == id {
			out.Entries = append(out.Entries, e)
		}
	}
	return out, nil
}

// ProjectReport reads one monthly report (access.ReadProgramme).
func (a *App) ProjectReport(ctx context.Context, ac Actor, id programme.ReportID) (programme.Report, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return programme.Report{}, err
	}
	return a.Store.ProjectReport(ctx, id)
}

// RegisterEntry reads one risk or issue (access.ReadProgramme).
func (a *App) RegisterEntry(ctx context.Context, ac Actor, id programme.EntryID) (programme.Entry, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return programme.Entry{}, err
	}
	return a.Store.RegisterEntry(ctx, id)
}

// ProgrammeOutcome reads one outcome (access.ReadProgramme).
func (a *App) ProgrammeOutcome(ctx context.Context, ac Actor, id programme.OutcomeID) (programme.Outcome, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return programme.Outcome{}, err
	}
	return a.Store.ProgrammeOutcome(ctx, id)
}

// Person is a user as the programme's pages name them: a project's owner.
type Person struct {
	ID   access.UserID `json:"id"`
	Name string        `json:"name"`
}

// ProjectOwners lists the users who may be named as a project's owner:
// every user who may sign in, whatever their role, since an owner's right
// to report comes from being named, not from a role
// (access.ManageProgramme, who names them).
func (a *App) ProjectOwners(ctx context.Context, ac Actor) ([]Person, error) {
	if err := a.require(ctx, ac, access.ManageProgramme); err != nil {
		return nil, err
	}
	us, err := a.Store.Users(ctx)
	if err != nil {
		return nil, err
	}
	var out []Person
	for _, u := range us {
		if !u.Disabled {
			out = append(out, Person{u.ID, u.DisplayName})
		}
	}
	return out, nil
}

// OwnerName is the display name of a project's owner, "" for none.
func (a *App) OwnerName(ctx context.Context, ac Actor, id access.UserID) (string, error) {
	if id == 0 {
		return "", nil
	}
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return "", err
	}
	u, err := a.Store.User(ctx, id)
	if errs.Is(err, errs.NotFound) {
		return "", nil
	}
	return u.DisplayName, err
}

// AnnualReport computes the annual report's figures for a year from the
// programme as it stands (access.ReadProgramme).
func (a *App) AnnualReport(ctx context.Context, ac Actor, id programme.ID, y programme.Year) (programme.Annual, error) {
	r, err := a.ProgrammeRecords(ctx, ac, id)
	if err != nil {
		return programme.Annual{}, err
	}
	return programme.AnnualReport(r, y), nil
}

// BoardPack is what the programme board reads for a month: the RAG summary
// of the projects open at its end, the reports made for the month, and the
// risks and issues open at its end.
type BoardPack struct {
	Programme programme.Programme
	Month     programme.Month
	RAG       []programme.GatewayRAG
	Reports   []BoardReport
	Risks     []programme.Entry
	Issues    []programme.Entry
}

// BoardReport is one project's report for the board's month.
type BoardReport struct {
	Project programme.Project
	Report  programme.Report
}

// BoardPack gathers the board pack for month m (access.ReadProgramme).
func (a *App) BoardPack(ctx context.Context, ac Actor, id programme.ID, m programme.Month) (BoardPack, error) {
	r, err := a.ProgrammeRecords(ctx, ac, id)
	if err != nil {
		return BoardPack{}, err
	}
	out := BoardPack{Programme: r.Programme, Month: m, RAG: programme.RAGSummary(r, m)}
	for _, p := range r.Projects {
		for _, rep := range r.Reports {
			if rep.Project == p.ID && rep.Month == m {
				out.Reports = append(out.Reports, BoardReport{p, rep})
			}
		}
	}
	end := m.Last()
	for _, e := range r.Entries {
		if e.Raised.After(end) || (e.Status == programme.EntryClosed && !e.Closed.After(end)) {
			continue
		}
		if e.Type == programme.RiskEntry {
			out.Risks = append(out.Risks, e)
		} else {
			out.Issues = append(out.Issues, e)
		}
	}
	return out, nil
}

// invalid joins the errors of several checks into one errs.Invalid with
// every field, so that a form shows them all at once; a check's error
// that is not about fields is returned as it is.
func invalid(checks ...error) error {
	var fields errs.Fields
	for _, err := range checks {
		if err == nil {
			continue
		}
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid {
			return err
		}
		fields = append(fields, e.Fields...)
	}
	return fields.Err()
}

// changeReason checks the reason for a change, or gives the reason of a
// record's first version, which is the act of making it.
func changeReason(reason, first string, isNew bool) (string, error) {
	if isNew {
		r, err := validReason(reason)
		if err != nil {
			return first, nil
		}
		return r, nil
	}
	return validReason(reason)
}

// programmeWrite writes one programme record under a logged write: the
// line (kind, record, reason) first, then the write, then the line
// settled.
func programmeWrite[T any](ctx context.Context, a *App, ac Actor, kind store.Kind, id int64, act store.AccessAction, why, reason string,
	write func(store.Change) (T, error), idOf func(T) int64) (T, error) {
	var zero T
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: kind, RecordID: id, Action: act, Reason: why, Note: reason})
	if err != nil {
		return zero, err
	}
	saved, err := write(w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return zero, w.failed(ctx, err)
	}
	w.done(ctx, 0, idOf(saved))
	return saved, nil
}

// saveRecord writes r as a new record (create) or as a new version of the
// version it names (update), logged as one write of its kind.
func saveRecord[T any](ctx context.Context, a *App, ac Actor, kind store.Kind, isNew bool, why, reason string, r T,
	create, update func(context.Context, T, store.Change) (T, error), idOf func(T) int64) (T, error) {
	write := update
	if isNew {
		write = create
	}
	return programmeWrite(ctx, a, ac, kind, idOf(r), action(isNew), why, reason,
		func(c store.Change) (T, error) { return write(ctx, r, c) }, idOf)
}

func action(isNew bool) store.AccessAction {
	if isNew {
		return store.LogCreate
	}
	return store.LogUpdate
}

// SaveProgramme adds a programme (p.ID 0) or writes a new version of one
// from the version p names (access.ManageProgramme).
func (a *App) SaveProgramme(ctx context.Context, ac Actor, p programme.Programme, reason string) (programme.Programme, error) {
	if err := a.requireAbout(ctx, ac, access.ManageProgramme, store.AccessEntry{Kind: store.KindProgramme, RecordID: int64(p.ID)}); err != nil {
		return programme.Programme{}, err
	}
	isNew := p.ID == 0
	reason, rerr := changeReason(reason, "programme set up", isNew)
	if err := invalid(p.Validate(), rerr); err != nil {
		return programme.Programme{}, err
	}
	return saveRecord(ctx, a, ac, store.KindProgramme, isNew, access.ReasonRole, reason, p, a.Store.CreateProgramme, a.Store.UpdateProgramme,
		func(x programme.Programme) int64 { return int64(x.ID) })
}

// SaveOutcome adds an outcome to a programme (o.ID 0) or changes one
// (access.ManageProgramme). A second outcome of a number is errs.Conflict
// naming number.
func (a *App) SaveOutcome(ctx context.Context, ac Actor, o programme.Outcome, reason string) (programme.Outcome, error) {
	if err := a.requireAbout(ctx, ac, access.ManageProgramme, store.AccessEntry{Kind: store.KindOutcome, RecordID: int64(o.ID)}); err != nil {
		return programme.Outcome{}, err
	}
	isNew := o.ID == 0
	if isNew {
		if _, err := a.Store.Programme(ctx, o.Programme, timeZero); err != nil {
			return programme.Outcome{}, err
		}
	}
	reason, rerr := changeReason(reason, "outcome added", isNew)
	if err := invalid(o.Validate(), rerr); err != nil {
		return programme.Outcome{}, err
	}
	return saveRecord(ctx, a, ac, store.KindOutcome, isNew, access.ReasonRole, reason, o, a.Store.CreateProgrammeOutcome, a.Store.UpdateProgrammeOutcome,
		func(x programme.Outcome) int64 { return int64(x.ID) })
}

// SaveProject adds a project (p.ID 0) or changes one
// (access.ManageProgramme). A change keeps the project's gateway and its
// decisions as they stand: they change only through MoveProject. The
// outcomes it names must be its programme's. A new project starts at the
// gateway given (Options when none), with no decisions.
func (a *App) SaveProject(ctx context.Context, ac Actor, p programme.Project, reason string) (programme.Project, error) {
	if err := a.requireAbout(ctx, ac, access.ManageProgramme, store.AccessEntry{Kind: store.KindProject, RecordID: int64(p.ID)}); err != nil {
		return programme.Project{}, err
	}
	isNew := p.ID == 0
	if isNew {
		p.Moves = nil
		if p.Gateway == "" {
			p.Gateway = programme.Options
		}
	} else {
		cur, err := a.Store.Project(ctx, p.ID, timeZero)
		if err != nil {
			return programme.Project{}, err
		}
		p.Programme, p.Gateway, p.Moves = cur.Programme, cur.Gateway, cur.Moves
	}
	recs, err := a.Store.ProgrammeRecords(ctx, p.Programme, timeZero)
	if err != nil {
		return programme.Project{}, err
	}
	reason, rerr := changeReason(reason, "project added", isNew)
	if err := invalid(p.Validate(), p.CheckOutcomes(recs.Outcomes), a.checkOwner(ctx, p.Owner), rerr); err != nil {
		return programme.Project{}, err
	}
	return a.writeProject(ctx, ac, p, isNew, reason)
}

func (a *App) writeProject(ctx context.Context, ac Actor, p programme.Project, isNew bool, reason string) (programme.Project, error) {
	return saveRecord(ctx, a, ac, store.KindProject, isNew, access.ReasonRole, reason, p, a.Store.CreateProject, a.Store.UpdateProject,
		func(x programme.Project) int64 { return int64(x.ID) })
}

// checkOwner refuses an owner who is not a user who may sign in.
func (a *App) checkOwner(ctx context.Context, id access.UserID) error {
	if id == 0 {
		return nil
	}
	u, err := a.Store.User(ctx, id)
	switch {
	case errs.Is(err, errs.NotFound) || (err == nil && u.Disabled):
		var f errs.Fields
		f.Add("owner", "Select the project's owner from the list of users")
		return f.Err()
	case err != nil:
		return err
	}
	return nil
}

// MoveProject records a gateway decision on the project at the version
// named (access.ManageProgramme): forward one gateway, deferred, stopped,
// or an explicit return to the previous gateway with a reason (see
// programme.Project.Move). The decision is a new version of the project.
func (a *App) MoveProject(ctx context.Context, ac Actor, id programme.ProjectID, version int, m programme.GatewayMove) (programme.Project, error) {
	if err := a.requireAbout(ctx, ac, access.ManageProgramme, store.AccessEntry{Kind: store.KindProject, RecordID: int64(id)}); err != nil {
		return programme.Project{}, err
	}
	if m.On.After(a.Today()) {
		// A decision dated ahead would hold every later one back until
		// that day (decisions are in date order).
		var f errs.Fields
		f.Add("on", "The date of the decision must be today or earlier")
		return programme.Project{}, f.Err()
	}
	cur, err := a.Store.Project(ctx, id, timeZero)
	if err != nil {
		return programme.Project{}, err
	}
	if cur.Version != version {
		return programme.Project{}, errs.E(errs.Conflict, "Someone else has changed this project since you opened it")
	}
	moved, err := cur.Move(m)
	if err != nil {
		return programme.Project{}, err
	}
	reason := "gateway decision: " + programme.Decisions.Label(string(m.Decision)) + ", " +
		programme.Gateways.Label(string(m.From)) + " to " + programme.Gateways.Label(string(m.To))
	return a.writeProject(ctx, ac, moved, false, reason)
}

// mayReport decides whether the actor keeps the project's reports and
// registers: the programme manager or the project's owner. A refusal is
// logged as any refusal is.
func (a *App) mayReport(ctx context.Context, ac Actor, p programme.Project) (access.Decision, error) {
	d := access.AuthorizeProjectReport(ac.Principal, p.Owner, a.Now())
	if d.Allowed {
		return d, nil
	}
	e := store.AccessEntry{Kind: store.KindProject, RecordID: int64(p.ID), Action: store.LogDenied, Reason: string(access.ReportProgramme) + ": " + d.Reason}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return d, err
	}
	return d, errs.E(errs.Forbidden, "Only the programme manager and the project's owner may report on this project")
}

// RequireReport refuses, and logs the refusal, an actor who may not
// report on the project: for a page that shows the report's form.
func (a *App) RequireReport(ctx context.Context, ac Actor, id programme.ProjectID) error {
	p, err := a.reportProject(ctx, ac, id)
	if err != nil {
		return err
	}
	_, err = a.mayReport(ctx, ac, p)
	return err
}

// SubmitReport adds a project's monthly report (the programme manager or
// the project's owner). A closed project takes none; a month is reported
// once, from the project's start to this month (programme.CheckNewReport).
func (a *App) SubmitReport(ctx context.Context, ac Actor, r programme.Report) (programme.Report, error) {
	r.ID, r.Version = 0, 0
	d, err := a.checkReport(ctx, ac, r)
	if err != nil {
		return programme.Report{}, err
	}
	return programmeWrite(ctx, a, ac, store.KindProjectReport, 0, store.LogCreate, d.Reason, "monthly report for "+r.Month.String(),
		func(c store.Change) (programme.Report, error) { return a.Store.CreateProjectReport(ctx, r, c) },
		func(r programme.Report) int64 { return int64(r.ID) })
}

// CheckReport judges a new monthly report as SubmitReport would, and
// writes nothing: for the page that shows the report before it is
// submitted.
func (a *App) CheckReport(ctx context.Context, ac Actor, r programme.Report) error {
	r.ID, r.Version = 0, 0
	_, err := a.checkReport(ctx, ac, r)
	return err
}

func (a *App) checkReport(ctx context.Context, ac Actor, r programme.Report) (access.Decision, error) {
	p, err := a.reportProject(ctx, ac, r.Project)
	if err != nil {
		return access.Decision{}, err
	}
	d, err := a.mayReport(ctx, ac, p)
	if err != nil {
		return d, err
	}
	others, err := a.Store.ProjectReports(ctx, p.ID)
	if err != nil {
		return d, err
	}
	return d, invalid(r.Validate(), programme.CheckNewReport(p, others, r, a.Today()))
}

// ChangeReport corrects a monthly report from the version r names, with
// the reason (the programme manager or the project's owner). Its project
// and month stay.
func (a *App) ChangeReport(ctx context.Context, ac Actor, r programme.Report, reason string) (programme.Report, error) {
	cur, err := a.Store.ProjectReport(ctx, r.ID)
	if err != nil {
		return programme.Report{}, err
	}
	p, err := a.reportProject(ctx, ac, cur.Project)
	if err != nil {
		return programme.Report{}, err
	}
	d, err := a.mayReport(ctx, ac, p)
	if err != nil {
		return programme.Report{}, err
	}
	r.Project, r.Month = cur.Project, cur.Month
	reason, rerr := validReason(reason)
	if err := invalid(r.Validate(), rerr); err != nil {
		return programme.Report{}, err
	}
	return programmeWrite(ctx, a, ac, store.KindProjectReport, int64(r.ID), store.LogUpdate, d.Reason, reason,
		func(c store.Change) (programme.Report, error) { return a.Store.UpdateProjectReport(ctx, r, c) },
		func(r programme.Report) int64 { return int64(r.ID) })
}

// reportProject reads the project a report or entry is for, after the
// role check every reader passes; a project that is not there is named as
// the field project.
func (a *App) reportProject(ctx context.Context, ac Actor, id programme.ProjectID) (programme.Project, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return programme.Project{}, err
	}
	p, err := a.Store.Project(ctx, id, timeZero)
	if errs.Is(err, errs.NotFound) {
		var f errs.Fields
		f.Add("project", "Select the project the report is for")
		return p, f.Err()
	}
	return p, err
}

// SaveEntry adds a risk or issue (e.ID 0) or changes one, with the reason
// for a change. A project's entry is kept by the programme manager or the
// project's owner; the programme's own (no project) by the programme
// manager.
func (a *App) SaveEntry(ctx context.Context, ac Actor, e programme.Entry, reason string) (programme.Entry, error) {
	isNew := e.ID == 0
	if !isNew {
		cur, err := a.Store.RegisterEntry(ctx, e.ID)
		if err != nil {
			return programme.Entry{}, err
		}
		e.Programme, e.Project = cur.Programme, cur.Project
	}
	why := access.ReasonRole
	if e.Project != 0 {
		p, err := a.reportProject(ctx, ac, e.Project)
		if err != nil {
			return programme.Entry{}, err
		}
		d, err := a.mayReport(ctx, ac, p)
		if err != nil {
			return programme.Entry{}, err
		}
		why, e.Programme = d.Reason, p.Programme
	} else {
		if err := a.requireAbout(ctx, ac, access.ManageProgramme, store.AccessEntry{Kind: store.KindRegisterEntry, RecordID: int64(e.ID)}); err != nil {
			return programme.Entry{}, err
		}
		if _, err := a.Store.Programme(ctx, e.Programme, timeZero); err != nil {
			return programme.Entry{}, err
		}
	}
	reason, rerr := changeReason(reason, "entered on the register", isNew)
	if err := invalid(e.Validate(), rerr); err != nil {
		return programme.Entry{}, err
	}
	return saveRecord(ctx, a, ac, store.KindRegisterEntry, isNew, why, reason, e, a.Store.CreateRegisterEntry, a.Store.UpdateRegisterEntry,
		func(x programme.Entry) int64 { return int64(x.ID) })
}
