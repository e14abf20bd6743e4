package api

import (
	"net/http"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/programme"
)

// programmeRoutes are the transformation programme: the council's
// programme with everything it holds, its outcomes, projects, gateway
// decisions, monthly reports and registers, and the figures of its annual
// report and board pack. Records are written as the programme package
// defines them (money in whole pence, months as 2021-03); a change names
// the version it starts from.
func (x *API) programmeRoutes() []route {
	return []route{
		{http.MethodGet, "/programme", x.programmeRecords},
		{http.MethodPost, "/programme", x.addProgramme},
		{http.MethodPut, "/programme", x.changeProgramme},
		{http.MethodGet, "/programme/annual-report", x.annualReport},
		{http.MethodGet, "/programme/board-pack", x.boardPack},
		{http.MethodPost, "/programme/outcomes", x.addOutcome},
		{http.MethodPut, "/programme/outcomes/{id}", x.changeOutcome},
		{http.MethodPost, "/programme/projects", x.addProject},
		{http.MethodGet, "/programme/projects/{id}", x.project},
		{http.MethodPut, "/programme/projects/{id}", x.changeProject},
		{http.MethodPost, "/programme/projects/{id}/gateway", x.moveProject},
		{http.MethodPost, "/programme/projects/{id}/reports", x.submitReport},
		{http.MethodPut, "/programme/reports/{id}", x.changeReport},
		{http.MethodPost, "/programme/register", x.addEntry},
		{http.MethodPut, "/programme/register/{id}", x.changeEntry},
	}
}

type programmeBody struct {
	Programme programme.Programme `json:"programme"`
	Reason    string              `json:"reason"`
}

type outcomeBody struct {
	Outcome programme.Outcome `json:"outcome"`
	Reason  string            `json:"reason"`
}

type projectBody struct {
	Project programme.Project `json:"project"`
	Reason  string            `json:"reason"`
}

// gatewayBody is a gateway decision on the project at the version named.
type gatewayBody struct {
	Version int                   `json:"version"`
	Move    programme.GatewayMove `json:"move"`
}

type reportBody struct {
	Report programme.Report `json:"report"`
	Reason string           `json:"reason"`
}

type entryBody struct {
	Entry  programme.Entry `json:"entry"`
	Reason string          `json:"reason"`
}

// projectResponse is a project with its reports and its risks and issues.
type projectResponse struct {
	Project programme.Project  `json:"project"`
	Reports []programme.Report `json:"reports"`
	Entries []programme.Entry  `json:"entries"`
}

// programmeRecords: GET /api/v1/programme, everything the council's
// programme holds.
func (x *API) programmeRecords(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	p, err := x.app.MainProgramme(r.Context(), ac)
	if err != nil {
		return err
	}
	recs, err := x.app.ProgrammeRecords(r.Context(), ac, p.ID)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, recs)
	return nil
}

// addProgramme: POST /api/v1/programme. 201 with the programme.
func (x *API) addProgramme(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req programmeBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Programme.ID = 0
	p, err := x.app.SaveProgramme(r.Context(), ac, req.Programme, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, map[string]any{"programme": p})
	return nil
}

// changeProgramme: PUT /api/v1/programme, the council's programme from the
// version named.
func (x *API) changeProgramme(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req programmeBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	cur, err := x.app.MainProgramme(r.Context(), ac)
	if err != nil {
		return err
	}
	req.Programme.ID = cur.ID
	p, err := x.app.SaveProgramme(r.Context(), ac, req.Programme, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"programme": p})
	return nil
}

// annualReport: GET /api/v1/programme/annual-report?year=2020-21, the
// annual report's figures.
func (x *API) annualReport(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	y, err := programme.ParseYear(r.URL.Query().Get("year"))
	if err != nil {
		var f errs.Fields
		f.Add("year", "Give the financial year as 2020-21")
		return f.Err()
	}
	p, err := x.app.MainProgramme(r.Context(), ac)
	if err != nil {
		return err
	}
	a, err := x.app.AnnualReport(r.Context(), ac, p.ID, y)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, a)
	return nil
}

// boardPackResponse is the board pack's figures for a month.
type boardPackResponse struct {
	Month   programme.Month        `json:"month"`
	RAG     []programme.GatewayRAG `json:"rag"`
	Reports []programme.Report     `json:"reports"`
	Risks   []programme.Entry      `json:"risks"`
	Issues  []programme.Entry      `json:"issues"`
}

// boardPack: GET /api/v1/programme/board-pack?month=2021-03.
func (x *API) boardPack(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	m, err := programme.ParseMonth(r.URL.Query().Get("month"))
	if err != nil {
		var f errs.Fields
		f.Add("month", "Give the month as 2021-03")
		return f.Err()
	}
	p, err := x.app.MainProgramme(r.Context(), ac)
	if err != nil {
		return err
	}
	b, err := x.app.BoardPack(r.Context(), ac, p.ID, m)
	if err != nil {
		return err
	}
	out := boardPackResponse{Month: m, RAG: b.RAG, Reports: []programme.Report{}, Risks: b.Risks, Issues: b.Issues}
	if out.RAG == nil {
		out.RAG = []programme.GatewayRAG{}
	}
	for _, br := range b.Reports {
		out.Reports = append(out.Reports, br.Report)
	}
	if out.Risks == nil {
		out.Risks = []programme.Entry{}
	}
	if out.Issues == nil {
		out.Issues = []programme.Entry{}
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

func idOf(r *http.Request, what string) (int64, error) {
	id, err := pathID(r)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "There is no %s with this id", what)
	}
	return id, nil
}

// addOutcome: POST /api/v1/programme/outcomes. 201 with the outcome.
func (x *API) addOutcome(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req outcomeBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Outcome.ID = 0
	o, err := x.app.SaveOutcome(r.Context(), ac, req.Outcome, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, map[string]any{"outcome": o})
	return nil
}

// changeOutcome: PUT /api/v1/programme/outcomes/{id}.
func (x *API) changeOutcome(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "outcome")
	if err != nil {
		return err
	}
	var req outcomeBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	cur, err := x.app.ProgrammeOutcome(r.Context(), ac, programme.OutcomeID(id))
	if err != nil {
		return err
	}
	req.Outcome.ID, req.Outcome.Programme = cur.ID, cur.Programme
	o, err := x.app.SaveOutcome(r.Context(), ac, req.Outcome, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"outcome": o})
	return nil
}

// addProject: POST /api/v1/programme/projects. 201 with the project.
func (x *API) addProject(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req projectBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Project.ID = 0
	p, err := x.app.SaveProject(r.Context(), ac, req.Project, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, map[string]any{"project": p})
	return nil
}

// project: GET /api/v1/programme/projects/{id}, with its reports (oldest
// month first) and its risks and issues.
func (x *API) project(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "project")
	if err != nil {
		return err
	}
	pp, err := x.app.Project(r.Context(), ac, programme.ProjectID(id))
	if err != nil {
		return err
	}
	out := projectResponse{Project: pp.Project, Reports: pp.Reports, Entries: pp.Entries}
	if out.Reports == nil {
		out.Reports = []programme.Report{}
	}
	if out.Entries == nil {
		out.Entries = []programme.Entry{}
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// changeProject: PUT /api/v1/programme/projects/{id}. The gateway and its
// decisions stay as they are: they change by a decision (gateway).
func (x *API) changeProject(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "project")
	if err != nil {
		return err
	}
	var req projectBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Project.ID = programme.ProjectID(id)
	p, err := x.app.SaveProject(r.Context(), ac, req.Project, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"project": p})
	return nil
}

// moveProject: POST /api/v1/programme/projects/{id}/gateway, a gateway
// decision. 200 with the project after it.
func (x *API) moveProject(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "project")
	if err != nil {
		return err
	}
	var req gatewayBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	p, err := x.app.MoveProject(r.Context(), ac, programme.ProjectID(id), req.Version, req.Move)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"project": p})
	return nil
}

// submitReport: POST /api/v1/programme/projects/{id}/reports, the
// project's monthly report. 201 with the report.
func (x *API) submitReport(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "project")
	if err != nil {
		return err
	}
	var req reportBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Report.Project = programme.ProjectID(id)
	rep, err := x.app.SubmitReport(r.Context(), ac, req.Report)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, map[string]any{"report": rep})
	return nil
}

// changeReport: PUT /api/v1/programme/reports/{id}, a correction of a
// monthly report; its project and month stay.
func (x *API) changeReport(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "report")
	if err != nil {
		return err
	}
	var req reportBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Report.ID = programme.ReportID(id)
	rep, err := x.app.ChangeReport(r.Context(), ac, req.Report, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"report": rep})
	return nil
}

// addEntry: POST /api/v1/programme/register, a risk or issue. 201 with it.
func (x *API) addEntry(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req entryBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Entry.ID = 0
	e, err := x.app.SaveEntry(r.Context(), ac, req.Entry, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, map[string]any{"entry": e})
	return nil
}

// changeEntry: PUT /api/v1/programme/register/{id}; closing one is a change
// that sets its status and date.
func (x *API) changeEntry(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := idOf(r, "risk or issue")
	if err != nil {
		return err
	}
	var req entryBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Entry.ID = programme.EntryID(id)
	e, err := x.app.SaveEntry(r.Context(), ac, req.Entry, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"entry": e})
	return nil
}
