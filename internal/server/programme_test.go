package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// The transformation programme through the pages and the API: the route
// table's rows and their helpers. Every signed-in role reads it; the
// programme manager keeps it; a project's owner (here the practitioner,
// whose role gives nothing of the programme but reading it) reports on it.

var (
	programmeManagers = []access.Role{access.ProgrammeManager}
	// projectReporters report on the test projects: the programme manager
	// and the projects' owner.
	projectReporters = []access.Role{access.Practitioner, access.ProgrammeManager}
)

// mainProgramme is the council's programme, made the first time it is
// asked for, straight to the store.
func (e *env) mainProgramme() programme.Programme {
	e.t.Helper()
	ctx := context.Background()
	ps, err := e.st.Programmes(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(ps) > 0 {
		return ps[0]
	}
	p, err := e.st.CreateProgramme(ctx, programme.Programme{Name: "Transforming Children's Services", Vision: "Families at the heart",
		SRO:     programme.Member{Name: "Director of Children's Services"},
		Mandate: programme.Mandate{From: civil.MustNew(2020, time.April, 1), To: civil.MustNew(2030, time.March, 31)}}, e.adminChange())
	if err != nil {
		e.t.Fatal(err)
	}
	for n, title := range []string{"Fewer children in care", "Families supported early"} {
		if _, err := e.st.CreateProgrammeOutcome(ctx, programme.Outcome{Programme: p.ID, Number: n + 1, Title: title}, e.adminChange()); err != nil {
			e.t.Fatal(err)
		}
	}
	return p
}

func (e *env) adminChange() store.Change {
	return store.Change{By: e.users[access.Admin].ID, Reason: "test"}
}

// programmeProject adds a project at delivery, owned by the practitioner.
func (e *env) programmeProject(name string) programme.Project {
	e.t.Helper()
	p, err := e.st.CreateProject(context.Background(), programme.Project{Programme: e.mainProgramme().ID, Name: name, Owner: e.users[access.Practitioner].ID,
		Funding: "revenue", Purposes: []string{programme.ImprovedOutcomes}, Start: civil.MustNew(2020, time.June, 1), Outcomes: []int{1},
		Gateway: programme.Delivery}, e.adminChange())
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

func (e *env) programmeOutcome() programme.Outcome {
	e.t.Helper()
	o, err := e.st.CreateProgrammeOutcome(context.Background(), programme.Outcome{Programme: e.mainProgramme().ID, Number: 100 + int(serials.Add(1)), Title: "Outcome " + serial()}, e.adminChange())
	if err != nil {
		e.t.Fatal(err)
	}
	return o
}

// projectRisk adds a risk to a new project's register.
func (e *env) projectRisk() programme.Entry {
	e.t.Helper()
	pr := e.programmeProject("Risky " + serial())
	en, err := e.st.CreateRegisterEntry(context.Background(), programme.Entry{Programme: pr.Programme, Project: pr.ID, Type: programme.RiskEntry, Category: "project",
		Description: "Staff leave " + serial(), Impact: "Delay", Mitigation: "Recruit", Owner: "Project lead", Status: programme.EntryOpen}, e.adminChange())
	if err != nil {
		e.t.Fatal(err)
	}
	return en
}

func (e *env) projectReport(pr programme.Project) programme.Report {
	e.t.Helper()
	r, err := e.st.CreateProjectReport(context.Background(), sentReport(pr.ID), e.adminChange())
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func sentReport(project programme.ProjectID) programme.Report {
	ot := programme.OnTarget
	return programme.Report{Project: project, Month: programme.MonthOf(civil.OfLondon(time.Now())),
		Status:  programme.Statuses{Overall: ot, Cost: ot, Milestones: ot, Risks: ot, Issues: ot, Cashable: programme.NoStatus, NonCashable: ot},
		Finance: programme.Finance{Reported: true, Budget: 1_000_000, Spend: 250_000}}
}

func programmePath(kind string, id int64) string {
	return "/programme/" + kind + "/" + strconv.FormatInt(id, 10)
}

// lastID is the id that ends a path or location (before any suffix).
func lastID(path string) int64 {
	path, _, _ = strings.Cut(path, "#")
	path, _, _ = strings.Cut(path, "?")
	parts := strings.Split(strings.TrimSuffix(strings.TrimSuffix(path, "/edit"), "/gateway"), "/")
	n, _ := strconv.ParseInt(parts[len(parts)-1], 10, 64)
	return n
}

func (e *env) projectNow(id int64) programme.Project {
	e.t.Helper()
	p, err := e.st.Project(context.Background(), programme.ProjectID(id), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

func projectForm(name string, version int) url.Values {
	f := url.Values{"name": {name}, "funding": {"revenue"}, "purposes": {programme.ImprovedOutcomes, programme.CostAvoidance},
		"outcomes": {"1"}, "co_production": {"co_designing"}, "gateway": {"options"}, "reason": {"renamed"},
		"start-day": {"1"}, "start-month": {"4"}, "start-year": {"2021"}}
	if version > 0 {
		f.Set("version", strconv.Itoa(version))
	}
	return f
}

func reportForm() url.Values {
	f := url.Values{"month": {programme.MonthOf(civil.OfLondon(time.Now())).String()}, "commentary": {"Going well " + serial()}, "reported": {"yes"},
		"finance.budget": {"10,000"}, "finance.spend": {"2500.50"}, "membership.total": {"6"}, "membership.officers": {"6"},
		"milestones[0].name": {"Launch"}, "milestones[0].planned-day": {"1"}, "milestones[0].planned-month": {"5"}, "milestones[0].planned-year": {"2021"}, "action": {"save"}}
	for _, s := range []string{"overall", "cost", "milestones", "risks", "issues", "non_cashable"} {
		f.Set("status."+s, "on_target")
	}
	f.Set("status.cashable", "none")
	return f
}

func entryForm(description string, version int) url.Values {
	f := url.Values{"type": {"risk"}, "category": {"project"}, "description": {description}, "impact": {"Delay"}, "mitigation": {"Recruit"},
		"owner": {"Project lead"}, "status": {"open"}, "likelihood": {"3"}, "severity": {"4"}, "reason": {"rescored"}}
	if version > 0 {
		f.Set("version", strconv.Itoa(version))
	}
	return f
}

// hasEntry checks that the programme's register holds an entry described so.
func (e *env) hasEntry(description string) error {
	r, err := e.st.ProgrammeRecords(context.Background(), e.mainProgramme().ID, time.Time{})
	if err != nil {
		return err
	}
	for _, en := range r.Entries {
		if en.Description == description {
			return nil
		}
	}
	return fmt.Errorf("no entry %q on the register", description)
}

// apiRecord reads the id of the record named key in a response.
func apiRecord(body, key string) (int64, error) {
	var got map[string]struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || got[key].ID == 0 {
		return 0, fmt.Errorf("no %s in %.200s", key, body)
	}
	return got[key].ID, nil
}

// programmeRoutes are the route table's rows for the programme.
var programmeRoutes = map[string]routeRule{
	"GET /programme": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/programme"}
	}, check: contains("Projects by gateway")},
	"GET /programme/edit": {allowed: programmeManagers, check: contains(`name="vision"`)},
	"POST /programme/edit": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		p := e.mainProgramme()
		return call{form: url.Values{"version": {strconv.Itoa(p.Version)}, "name": {"Programme " + serial()}, "vision": {p.Vision}, "sro": {p.SRO.Name},
			"from-day": {"1"}, "from-month": {"4"}, "from-year": {"2020"}, "to-day": {"31"}, "to-month": {"3"}, "to-year": {"2030"}, "reason": {"renamed"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		if got := e.mainProgramme().Name; got != c.form.Get("name") {
			return fmt.Errorf("the programme is named %q", got)
		}
		return nil
	}},
	"GET /programme/annual-report": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/programme/annual-report?year=2020-21"}
	}, check: contains("RAG summary by gateway")},
	"GET /programme/board-pack": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.projectReport(e.programmeProject("Reported " + serial()))
		return call{path: "/programme/board-pack?month=" + programme.MonthOf(civil.OfLondon(time.Now())).String() + "&format=xlsx"}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		if !strings.HasPrefix(res.body, "PK") || !strings.Contains(res.header.Get("Content-Disposition"), "board-pack-") {
			return fmt.Errorf("not a workbook: %q", res.header.Get("Content-Disposition"))
		}
		return nil
	}},
	"GET /programme/outcomes/new": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/programme/outcomes/new"}
	}, check: contains(`name="number"`)},
	"POST /programme/outcomes/new": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{form: url.Values{"number": {strconv.Itoa(100 + int(serials.Add(1)))}, "title": {"Added " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		o, err := e.st.ProgrammeOutcome(context.Background(), programme.OutcomeID(lastID(res.location)))
		if err != nil || o.Title != c.form.Get("title") {
			return fmt.Errorf("the outcome at %q: %+v %v", res.location, o, err)
		}
		return nil
	}},
	"GET /programme/outcomes/{id}": {allowed: everyone, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("outcomes", int64(e.programmeOutcome().ID))}
	}, check: contains("Key measures")},
	"GET /programme/outcomes/{id}/edit": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("outcomes", int64(e.programmeOutcome().ID)) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /programme/outcomes/{id}/edit": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		o := e.programmeOutcome()
		return call{path: programmePath("outcomes", int64(o.ID)) + "/edit", form: url.Values{"version": {"1"}, "number": {strconv.Itoa(o.Number)}, "title": {"Renamed " + serial()}, "reason": {"clearer"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		o, err := e.st.ProgrammeOutcome(context.Background(), programme.OutcomeID(lastID(c.path)))
		if err != nil || o.Title != c.form.Get("title") || o.Version != 2 {
			return fmt.Errorf("the outcome: %+v %v", o, err)
		}
		return nil
	}},
	"GET /programme/outcomes/{id}/measures/new": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("outcomes", int64(e.programmeOutcome().ID)) + "/measures/new"}
	}, check: contains(`name="indicator"`)},
	"POST /programme/outcomes/{id}/measures/new": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("outcomes", int64(e.programmeOutcome().ID)) + "/measures/new", form: url.Values{
			"measure": {"Children in care per 10,000"}, "unit": {"per 10,000 children"}, "source": {"SSDA903"}, "period": {"2021-22"},
			"on-day": {"31"}, "on-month": {"3"}, "on-year": {"2022"}, "value": {"91.4"}, "reason": {"year-end figure"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		o, err := e.st.ProgrammeOutcome(context.Background(), programme.OutcomeID(lastID(strings.TrimSuffix(c.path, "/measures/new"))))
		if err != nil || len(o.Measures) != 1 || len(o.Measures[0].Figures) != 1 || o.Measures[0].Figures[0].Value != "91.4" {
			return fmt.Errorf("the outcome: %+v %v", o, err)
		}
		return nil
	}},
	"GET /programme/projects/new": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/programme/projects/new"}
	}, check: contains(`name="purposes"`)},
	"POST /programme/projects/new": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{form: projectForm("Added "+serial(), 0)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		if p := e.projectNow(lastID(res.location)); p.Name != c.form.Get("name") || p.Gateway != programme.Options || len(p.Purposes) != 2 {
			return fmt.Errorf("the project: %+v", p)
		}
		return nil
	}},
	"GET /programme/projects/{id}": {allowed: everyone, req: func(e *env, _ access.Role) call {
		pr := e.programmeProject("Shown " + serial())
		e.projectReport(pr)
		return call{path: programmePath("projects", int64(pr.ID))}
	}, check: contains("Gateway history")},
	"GET /programme/projects/{id}/edit": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("projects", int64(e.programmeProject("Edited "+serial()).ID)) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /programme/projects/{id}/edit": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("projects", int64(e.programmeProject("Edited "+serial()).ID)) + "/edit", form: projectForm("Renamed "+serial(), 1)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		// The name changes; the gateway stays where decisions took it.
		if p := e.projectNow(lastID(c.path)); p.Name != c.form.Get("name") || p.Gateway != programme.Delivery {
			return fmt.Errorf("the project: %+v", p)
		}
		return nil
	}},
	"GET /programme/projects/{id}/gateway": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("projects", int64(e.programmeProject("Moved "+serial()).ID)) + "/gateway"}
	}, check: contains("moves on to Closure")},
	"POST /programme/projects/{id}/gateway": {allowed: programmeManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("projects", int64(e.programmeProject("Moved "+serial()).ID)) + "/gateway", form: url.Values{
			"version": {"1"}, "decision": {"approved"}, "by": {"Programme board"}, "on-day": {"2"}, "on-month": {"3"}, "on-year": {"2021"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		p := e.projectNow(lastID(c.path))
		if p.Gateway != programme.Closure || len(p.Moves) != 1 || p.Moves[0].By != "Programme board" || p.Moves[0].On != civil.MustNew(2021, time.March, 2) {
			return fmt.Errorf("after the decision: %+v", p)
		}
		return nil
	}},
	"GET /programme/projects/{id}/reports/new": {allowed: projectReporters, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("projects", int64(e.programmeProject("Reporting "+serial()).ID)) + "/reports/new"}
	}, check: contains(`name="status.overall"`)},
	"POST /programme/projects/{id}/reports/new": {allowed: projectReporters, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("projects", int64(e.programmeProject("Reporting "+serial()).ID)) + "/reports/new", form: reportForm()}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		rs, err := e.st.ProjectReports(context.Background(), programme.ProjectID(lastID(strings.TrimSuffix(c.path, "/reports/new"))))
		if err != nil || len(rs) != 1 || rs[0].Commentary != c.form.Get("commentary") || rs[0].Finance.Spend != 250_050 || len(rs[0].Milestones) != 1 {
			return fmt.Errorf("the reports: %+v %v", rs, err)
		}
		return nil
	}},
	"GET /programme/register/new": {allowed: projectReporters, req: func(e *env, _ access.Role) call {
		return call{path: "/programme/register/new?project=" + str(e.programmeProject("Risky "+serial()).ID)}
	}, check: contains(`name="likelihood"`)},
	"POST /programme/register/new": {allowed: projectReporters, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: "/programme/register/new?project=" + str(e.programmeProject("Risky "+serial()).ID), form: entryForm("Added "+serial(), 0)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		return e.hasEntry(c.form.Get("description"))
	}},
	"GET /programme/register/{id}/edit": {allowed: projectReporters, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("register", int64(e.projectRisk().ID)) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /programme/register/{id}/edit": {allowed: projectReporters, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{path: programmePath("register", int64(e.projectRisk().ID)) + "/edit", form: entryForm("Changed "+serial(), 1)}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		return e.hasEntry(c.form.Get("description"))
	}},

	"GET /api/v1/programme": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/api/v1/programme"}
	}, check: contains(`"outcomes":[{"id":`)},
	"POST /api/v1/programme": {allowed: programmeManagers, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		e.mainProgramme() // the council's programme stays the first
		return call{body: jsonOf(map[string]any{"programme": map[string]any{"name": "Second " + serial(), "vision": "v", "sro": map[string]any{"name": "Director"},
			"mandate": map[string]any{"from": "2024-04-01", "to": "2025-03-31"}}})}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		id, err := apiRecord(res.body, "programme")
		if err != nil {
			return err
		}
		_, err = e.st.Programme(context.Background(), programme.ID(id), time.Time{})
		return err
	}},
	"PUT /api/v1/programme": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		p := e.mainProgramme()
		p.Name = "Put " + serial()
		return call{body: jsonOf(map[string]any{"programme": p, "reason": "renamed"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		if !strings.Contains(c.body, `"name":"`+e.mainProgramme().Name+`"`) {
			return fmt.Errorf("the programme is named %q", e.mainProgramme().Name)
		}
		return nil
	}},
	"GET /api/v1/programme/annual-report": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/api/v1/programme/annual-report?year=2020-21"}
	}, check: contains(`"inconsistencies":[`)},
	"GET /api/v1/programme/board-pack": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.mainProgramme()
		return call{path: "/api/v1/programme/board-pack?month=2021-03"}
	}, check: contains(`"rag":[`)},
	"POST /api/v1/programme/outcomes": {allowed: programmeManagers, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		return call{body: jsonOf(map[string]any{"outcome": map[string]any{"programme": e.mainProgramme().ID, "number": 100 + serials.Add(1), "title": "Posted"}})}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		id, err := apiRecord(res.body, "outcome")
		if err != nil {
			return err
		}
		_, err = e.st.ProgrammeOutcome(context.Background(), programme.OutcomeID(id))
		return err
	}},
	"PUT /api/v1/programme/outcomes/{id}": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		o := e.programmeOutcome()
		o.Measures = []programme.Measure{{Name: "Children in need", Indicator: "cin_rate"}}
		return call{path: "/api/v1" + programmePath("outcomes", int64(o.ID)), body: jsonOf(map[string]any{"outcome": o, "reason": "measure added"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		o, err := e.st.ProgrammeOutcome(context.Background(), programme.OutcomeID(lastID(c.path)))
		if err != nil || len(o.Measures) != 1 {
			return fmt.Errorf("the outcome: %+v %v", o, err)
		}
		return nil
	}},
	"POST /api/v1/programme/projects": {allowed: programmeManagers, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		return call{body: jsonOf(map[string]any{"project": map[string]any{"programme": e.mainProgramme().ID, "name": "Posted " + serial(), "funding": "grant",
			"purposes": []string{"savings"}, "gateway": "business_case"}})}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		id, err := apiRecord(res.body, "project")
		if err != nil {
			return err
		}
		if p := e.projectNow(id); p.Gateway != programme.BusinessCase {
			return fmt.Errorf("the project: %+v", p)
		}
		return nil
	}},
	"GET /api/v1/programme/projects/{id}": {allowed: everyone, req: func(e *env, _ access.Role) call {
		return call{path: "/api/v1" + programmePath("projects", int64(e.programmeProject("Read "+serial()).ID))}
	}, check: contains(`"reports":[]`)},
	"PUT /api/v1/programme/projects/{id}": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		p := e.programmeProject("Put " + serial())
		p.Name = "Renamed " + serial()
		return call{path: "/api/v1" + programmePath("projects", int64(p.ID)), body: jsonOf(map[string]any{"project": p, "reason": "renamed"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		if p := e.projectNow(lastID(c.path)); !strings.Contains(c.body, `"name":"`+p.Name+`"`) || p.Version != 2 {
			return fmt.Errorf("the project: %+v", p)
		}
		return nil
	}},
	"POST /api/v1/programme/projects/{id}/gateway": {allowed: programmeManagers, req: func(e *env, _ access.Role) call {
		p := e.programmeProject("Moved " + serial())
		return call{path: "/api/v1" + programmePath("projects", int64(p.ID)) + "/gateway", body: jsonOf(map[string]any{"version": 1, "move": programme.GatewayMove{
			From: programme.Delivery, To: programme.BusinessCase, On: civil.MustNew(2021, time.May, 4), Decision: programme.Approved, Return: true, By: "Board", Reason: "costs rose"}})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		if p := e.projectNow(lastID(c.path)); p.Gateway != programme.BusinessCase || !p.Moves[0].Return {
			return fmt.Errorf("the project: %+v", p)
		}
		return nil
	}},
	"POST /api/v1/programme/projects/{id}/reports": {allowed: projectReporters, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		p := e.programmeProject("Reporting " + serial())
		return call{path: "/api/v1" + programmePath("projects", int64(p.ID)) + "/reports", body: jsonOf(map[string]any{"report": sentReport(p.ID)})}
	}, check: func(e *env, _ *browser, _ access.Role, _ call, res response) error {
		id, err := apiRecord(res.body, "report")
		if err != nil {
			return err
		}
		r, err := e.st.ProjectReport(context.Background(), programme.ReportID(id))
		if err != nil || r.Finance.Spend != 250_000 {
			return fmt.Errorf("the report: %+v %v", r, err)
		}
		return nil
	}},
	"PUT /api/v1/programme/reports/{id}": {allowed: projectReporters, req: func(e *env, _ access.Role) call {
		r := e.projectReport(e.programmeProject("Corrected " + serial()))
		r.Commentary = "Corrected " + serial()
		return call{path: "/api/v1" + programmePath("reports", int64(r.ID)), body: jsonOf(map[string]any{"report": r, "reason": "typo"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		r, err := e.st.ProjectReport(context.Background(), programme.ReportID(lastID(c.path)))
		if err != nil || r.Version != 2 || !strings.Contains(c.body, r.Commentary) {
			return fmt.Errorf("the report: %+v %v", r, err)
		}
		return nil
	}},
	"POST /api/v1/programme/register": {allowed: projectReporters, want: http.StatusCreated, req: func(e *env, _ access.Role) call {
		p := e.programmeProject("Risky " + serial())
		return call{body: jsonOf(map[string]any{"entry": programme.Entry{Programme: p.Programme, Project: p.ID, Type: programme.IssueEntry, Category: "operational",
			Description: "Posted " + serial(), Impact: "Delay", Mitigation: "Escalate", Owner: "Lead", Status: programme.EntryOpen}})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		var sent struct{ Entry programme.Entry }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.hasEntry(sent.Entry.Description)
	}},
	"PUT /api/v1/programme/register/{id}": {allowed: projectReporters, req: func(e *env, _ access.Role) call {
		en := e.projectRisk()
		en.Status, en.Closed, en.Description = programme.EntryClosed, civil.MustNew(2021, time.June, 1), "Closed "+serial()
		return call{path: "/api/v1" + programmePath("register", int64(en.ID)), body: jsonOf(map[string]any{"entry": en, "reason": "passed"})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, _ response) error {
		en, err := e.st.RegisterEntry(context.Background(), programme.EntryID(lastID(c.path)))
		if err != nil || en.Status != programme.EntryClosed {
			return fmt.Errorf("the entry: %+v %v", en, err)
		}
		return nil
	}},
}

// TestProgrammeFormErrorsNameTheField: a report with a status not on the
// list and a negative amount is refused with the error summary linking to
// each box, and nothing is written; a move that skips a gateway is refused
// at the decision.
func TestProgrammeFormErrorsNameTheField(t *testing.T) {
	e := newEnv(t)
	pr := e.programmeProject("Checked")
	b := e.browser().signIn(access.Practitioner)
	f := reportForm()
	f.Set("status.cost", "red")
	f.Set("finance.spend", "-5")
	res := b.post(programmePath("projects", int64(pr.ID))+"/reports/new", f)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#status.cost"`) || !strings.Contains(res.body, `href="#finance.spend"`) {
		t.Fatalf("status %d: %s", res.status, errorSummary(res.body))
	}
	if rs, _ := e.st.ProjectReports(context.Background(), pr.ID); len(rs) != 0 {
		t.Fatalf("a refused report was written: %+v", rs)
	}
	pm := e.browser().signIn(access.ProgrammeManager)
	res = pm.post(programmePath("projects", int64(pr.ID))+"/gateway", url.Values{"version": {"1"}, "decision": {"approved"}, "return": {"yes"},
		"by": {"Board"}, "on-day": {"2"}, "on-month": {"3"}, "on-year": {"2021"}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#reason"`) {
		t.Fatalf("a return without a reason: status %d: %s", res.status, errorSummary(res.body))
	}
	if p := e.projectNow(int64(pr.ID)); p.Version != 1 {
		t.Fatalf("a refused move was written: %+v", p)
	}
	// Stopped, the project takes no more reports: its owner is told so.
	res = pm.post(programmePath("projects", int64(pr.ID))+"/gateway", url.Values{"version": {"1"}, "decision": {"stopped"},
		"by": {"Board"}, "reason": {"funding ended"}, "on-day": {"2"}, "on-month": {"3"}, "on-year": {"2021"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("stopping the project: status %d: %s", res.status, errorSummary(res.body))
	}
	if res = b.get(programmePath("projects", int64(pr.ID)) + "/reports/new"); res.status != http.StatusConflict || !strings.Contains(res.body, "has closed") {
		t.Errorf("the report form of a stopped project: status %d", res.status)
	}
	if res = b.post(programmePath("projects", int64(pr.ID))+"/reports/new", reportForm()); res.status != http.StatusConflict {
		t.Errorf("a report on a stopped project: status %d", res.status)
	}
	if rs, _ := e.st.ProjectReports(context.Background(), pr.ID); len(rs) != 0 {
		t.Fatalf("a report on a stopped project was written: %+v", rs)
	}
}

// TestProgrammeAPIAnnualReportOfTheSeed: the 2020-21 annual report's
// figures, loaded as data, come back from the API as the report gives
// them, with the inconsistencies it points out; a year not written as
// 2020-21 is refused naming year.
func TestProgrammeAPIAnnualReportOfTheSeed(t *testing.T) {
	e := newEnv(t)
	if err := demo.LoadProgramme(context.Background(), e.st, programme.Seed2021(), e.adminChange()); err != nil {
		t.Fatal(err)
	}
	res := e.api(access.Partner, "GET", "/api/v1/programme/annual-report?year=2020-21", "")
	var a programme.Annual
	if err := json.Unmarshal([]byte(res.body), &a); err != nil || res.status != http.StatusOK {
		t.Fatalf("status %d: %v: %.300s", res.status, err, res.body)
	}
	if a.Finance.Totals.Value != programme.Pounds(10_790_000) || a.Finance.Totals.CostAvoidance != programme.Pounds(660_000) ||
		a.Finance.TeamCost != programme.Pounds(209_636) || a.Membership.Total.Total != 143 {
		t.Errorf("figures: value %s, cost avoidance %s, team %s, members %d", a.Finance.Totals.Value, a.Finance.Totals.CostAvoidance, a.Finance.TeamCost, a.Membership.Total.Total)
	}
	if len(a.Inconsistencies) != len(programme.AnnualReport(programme.Seed2021(), 2020).Inconsistencies) || len(a.Inconsistencies) == 0 {
		t.Errorf("inconsistencies: %+v", a.Inconsistencies)
	}
	// Money is whole pence in the JSON.
	if !strings.Contains(res.body, `"value":1079000000`) {
		t.Errorf("the programme's value is not 1079000000 pence in %.200s", res.body)
	}
	res = e.api(access.Partner, "GET", "/api/v1/programme/annual-report?year=2020", "")
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"year"`) {
		t.Errorf("a bad year: status %d: %.300s", res.status, res.body)
	}
}

// TestProgrammeAPIRefusesBadMoneyAndStatus: a fraction of a penny or a
// status not on the list is refused, naming the field, and nothing is
// written.
func TestProgrammeAPIRefusesBadMoneyAndStatus(t *testing.T) {
	e := newEnv(t)
	pr := e.programmeProject("Strict")
	path := "/api/v1/programme/projects/" + str(pr.ID) + "/reports"
	r := sentReport(pr.ID)
	body := jsonOf(map[string]any{"report": r})
	for _, c := range []struct{ name, from, to, field string }{
		{"a fraction of a penny", `"spend":250000`, `"spend":2500.5`, "report.finance.spend"},
		{"a status not on the list", `"cost":"on_target"`, `"cost":"red"`, "status.cost"},
		{"negative money", `"spend":250000`, `"spend":-1`, "finance.spend"},
	} {
		bad := strings.Replace(body, c.from, c.to, 1)
		if bad == body {
			t.Fatalf("%s: %s not in %s", c.name, c.from, body)
		}
		res := e.api(access.ProgrammeManager, "POST", path, bad)
		if res.status < 400 || res.status >= 500 || !strings.Contains(res.body, c.field) {
			t.Errorf("%s: status %d: %.300s", c.name, res.status, res.body)
		}
	}
	if rs, _ := e.st.ProjectReports(context.Background(), pr.ID); len(rs) != 0 {
		t.Errorf("a refused report was written: %+v", rs)
	}
}
