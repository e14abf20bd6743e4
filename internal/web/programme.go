package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/report"
	"hearth/internal/store"
)

// The transformation programme: the overview (outcomes, and projects by
// gateway with their current status), an outcome with the trend of its
// measures, a project (details, gateway history, reports, milestones,
// registers, finance), the forms that keep them, the gateway decision, the
// monthly report, and the annual report and board pack as a page, a PDF
// and a workbook of one document. Every signed-in role reads it; the
// programme manager keeps it; a project's owner reports on their project.

func (s *Server) programmeModule() module {
	return module{
		name: "programme",
		routes: []route{
			signedInRoute("GET", "/programme", "programme", s.programmeOverview),
			signedInRoute("GET", "/programme/edit", "programme", s.editProgramme),
			signedInRoute("POST", "/programme/edit", "programme", s.editProgrammePost),
			signedInRoute("GET", "/programme/annual-report", "programme", s.annualReport),
			signedInRoute("GET", "/programme/board-pack", "programme", s.boardPack),
			signedInRoute("GET", "/programme/outcomes/new", "programme", s.outcomeFormGet),
			signedInRoute("POST", "/programme/outcomes/new", "programme", s.outcomePost),
			signedInRoute("GET", "/programme/outcomes/{id}", "programme", s.outcome),
			signedInRoute("GET", "/programme/outcomes/{id}/edit", "programme", s.outcomeFormGet),
			signedInRoute("POST", "/programme/outcomes/{id}/edit", "programme", s.outcomePost),
			signedInRoute("GET", "/programme/outcomes/{id}/measures/new", "programme", s.newFigure),
			signedInRoute("POST", "/programme/outcomes/{id}/measures/new", "programme", s.figurePost),
			signedInRoute("GET", "/programme/projects/new", "programme", s.projectFormGet),
			signedInRoute("POST", "/programme/projects/new", "programme", s.projectPost),
			signedInRoute("GET", "/programme/projects/{id}", "programme", s.project),
			signedInRoute("GET", "/programme/projects/{id}/edit", "programme", s.projectFormGet),
			signedInRoute("POST", "/programme/projects/{id}/edit", "programme", s.projectPost),
			signedInRoute("GET", "/programme/projects/{id}/gateway", "programme", s.gatewayForm),
			signedInRoute("POST", "/programme/projects/{id}/gateway", "programme", s.gatewayPost),
			signedInRoute("GET", "/programme/projects/{id}/reports/new", "programme", s.newReport),
			signedInRoute("POST", "/programme/projects/{id}/reports/new", "programme", s.reportPost),
			signedInRoute("GET", "/programme/register/new", "programme", s.newEntry),
			signedInRoute("POST", "/programme/register/new", "programme", s.entryPost),
			signedInRoute("GET", "/programme/register/{id}/edit", "programme", s.editEntry),
			signedInRoute("POST", "/programme/register/{id}/edit", "programme", s.entryPost),
		},
		nav: []navLink{{key: "programme", label: "Programme", href: "/programme", action: access.ReadProgramme}},
		funcs: template.FuncMap{
			"gatewayLabel":  func(g programme.Gateway) string { return codeLabel(programme.Gateways, string(g)) },
			"decisionLabel": func(d programme.Decision) string { return codeLabel(programme.Decisions, string(d)) },
			"ragLabel":      func(r programme.RAG) string { return codeLabel(programme.RAGs, string(r)) },
			"ragTag":        ragTag,
			"fundingLabel":  func(c string) string { return codeLabel(programme.FundingTypes, c) },
			"purposeLabel":  func(c string) string { return codeLabel(programme.Purposes, c) },
			"ladderLabel":   func(c string) string { return codeLabel(programme.Ladder, c) },
			"entryType":     func(c string) string { return codeLabel(programme.EntryTypes, c) },
			"entryCategory": func(c string) string { return codeLabel(programme.EntryCategories, c) },
			"entryStatus":   func(c string) string { return codeLabel(programme.EntryStatuses, c) },
			"monthLabel":    monthLabel,
			"pence":         func(p programme.Pence) string { return p.String() },
			"hasInt":        func(ns []int, n int) bool { return slices.Contains(ns, n) },
			"hasStr":        func(ss []string, s string) bool { return slices.Contains(ss, s) },
			"inc":           func(i int) int { return i + 1 },
		},
		dateFields: []string{"start", "end", "on", "from", "to", "planned", "actual", "raised", "closed"},
		kinds: map[store.Kind]string{
			store.KindProgramme: "Programme", store.KindOutcome: "Programme outcome", store.KindProject: "Project",
			store.KindProjectReport: "Project's monthly report", store.KindRegisterEntry: "Risk or issue",
		},
	}
}

// ragTag is the GOV.UK tag colour of a status: compromised red, at risk
// amber (yellow), on target green, completed blue, the rest grey.
func ragTag(r programme.RAG) string {
	switch r {
	case programme.Compromised:
		return "govuk-tag--red"
	case programme.AtRisk:
		return "govuk-tag--yellow"
	case programme.OnTarget:
		return "govuk-tag--green"
	case programme.Completed:
		return "govuk-tag--blue"
	}
	return "govuk-tag--grey"
}

func monthLabel(m programme.Month) string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", m.Month, m.Year)
}

// overviewView is the programme at a glance.
type overviewView struct {
	Page
	Records   programme.Records
	Entries   []programme.Entry // the programme's own risks and issues
	RAG       []programme.GatewayRAG
	Month     programme.Month // this month, of the RAG summary
	Latest    programme.Month // the latest month reported, of the board pack
	Year      programme.Year  // its financial year, of the annual report
	MayManage bool
}

func (s *Server) programmeOverview(w http.ResponseWriter, r *request) error {
	main, err := s.app.MainProgramme(r.Context(), r.actor)
	if errs.Is(err, errs.NotFound) {
		p := &overviewView{Page: r.page, MayManage: access.Can(r.actor.Principal, access.ManageProgramme)}
		p.Title = "Transformation programme"
		return s.render(w, http.StatusOK, "programme", p)
	}
	if err != nil {
		return err
	}
	recs, err := s.app.ProgrammeRecords(r.Context(), r.actor, main.ID)
	if err != nil {
		return err
	}
	m := programme.MonthOf(s.app.Today())
	// The documents offered are those of the latest month reported (and
	// its year), which is what the board last met on; before any report,
	// this month's.
	latest := programme.Month{}
	for _, rep := range recs.Reports {
		if rep.Month.Compare(latest) > 0 && rep.Month.Compare(m) <= 0 {
			latest = rep.Month
		}
	}
	if latest.IsZero() {
		latest = m
	}
	p := &overviewView{Page: r.page, Records: recs, Month: m, RAG: programme.RAGSummary(recs, m),
		Latest: latest, Year: programme.YearOf(latest.First()), MayManage: access.Can(r.actor.Principal, access.ManageProgramme)}
	for _, e := range recs.Entries {
		if e.Project == 0 {
			p.Entries = append(p.Entries, e)
		}
	}
	p.Title = recs.Programme.Name
	return s.render(w, http.StatusOK, "programme", p)
}

// documentView is a generated document on a page, with its downloads.
type documentView struct {
	Page
	F           *form
	Report      template.HTML
	Query       template.URL // the period, for the download links
	Param, Hint string
	Value       string
}

func (s *Server) annualReport(w http.ResponseWriter, r *request) error {
	q := r.URL.Query().Get("year")
	if q == "" {
		q = (programme.YearOf(s.app.Today()) - 1).String()
	}
	y, err := programme.ParseYear(q)
	if err != nil {
		var f errs.Fields
		f.Add("year", "Enter the financial year as 2020-21")
		return f.Err()
	}
	return s.programmeDocument(w, r, func(id programme.ID) (report.Document, error) {
		a, err := s.app.AnnualReport(r.Context(), r.actor, id, y)
		return app.AnnualDocument(a, s.app.Now()), err
	}, documentView{Param: "year", Hint: "For example, 2020-21", Value: y.String()}, "annual-report-"+y.String(), "Annual report "+y.String())
}

func (s *Server) boardPack(w http.ResponseWriter, r *request) error {
	q := r.URL.Query().Get("month")
	if q == "" {
		q = programme.MonthOf(s.app.Today()).String()
	}
	m, err := programme.ParseMonth(q)
	if err != nil {
		var f errs.Fields
		f.Add("month", "Enter the month as 2021-03")
		return f.Err()
	}
	return s.programmeDocument(w, r, func(id programme.ID) (report.Document, error) {
		b, err := s.app.BoardPack(r.Context(), r.actor, id, m)
		return app.BoardPackDocument(b, s.app.Now()), err
	}, documentView{Param: "month", Hint: "For example, 2021-03", Value: m.String()}, "board-pack-"+m.String(), "Board pack "+monthLabel(m))
}

// programmeDocument is the shared end of the annual report and the board
// pack: the council's programme's document, built by build, as a download
// when a format is asked for, or as the page (v names the period's field).
func (s *Server) programmeDocument(w http.ResponseWriter, r *request, build func(programme.ID) (report.Document, error), v documentView, file, title string) error {
	main, err := s.app.MainProgramme(r.Context(), r.actor)
	if err != nil {
		return err
	}
	d, err := build(main.ID)
	if err != nil {
		return err
	}
	if done, err := s.download(w, r.URL.Query().Get("format"), file, d); done {
		return err
	}
	if v.Report, err = report.Fragment(d); err != nil {
		return err
	}
	v.Page, v.Query = r.page, queryURL(url.Values{v.Param: {v.Value}})
	v.F = newForm(&v.Page)
	v.Title = title
	return s.render(w, http.StatusOK, "programme-document", &v)
}

// pathNum reads the {id} of a path, NotFound naming what when it is not an id.
func pathNum(r *request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "There is no %s with this id", what)
	}
	return id, nil
}

// outcomeView is one outcome: its measures with their trend, and the
// projects that serve it.
type outcomeView struct {
	Page
	Outcome   programme.Outcome
	Projects  []programme.Project
	MayManage bool
	// Trends are the trends of the measures that name an indicator, by
	// its id, for a reader of the performance framework (nil otherwise:
	// the figures are counted from every child's journey).
	Trends map[string]*outcomeTrend
}

// outcomeTrend is an indicator's trend as an outcome shows it: the chart
// of its month ends and its values at the quarter ends.
type outcomeTrend struct {
	app.Trend
	Chart    template.HTML
	Quarters []trendRow
	Unknown  bool // the measure names no indicator of the framework
}

type trendRow struct {
	At    civil.Date
	Value string
}

func (s *Server) outcome(w http.ResponseWriter, r *request) error {
	id, err := pathNum(r, "outcome")
	if err != nil {
		return err
	}
	o, err := s.app.ProgrammeOutcome(r.Context(), r.actor, programme.OutcomeID(id))
	if err != nil {
		return err
	}
	recs, err := s.app.ProgrammeRecords(r.Context(), r.actor, o.Programme)
	if err != nil {
		return err
	}
	p := &outcomeView{Page: r.page, Outcome: o, MayManage: access.Can(r.actor.Principal, access.ManageProgramme)}
	for _, pr := range recs.Projects {
		if slices.Contains(pr.Outcomes, o.Number) {
			p.Projects = append(p.Projects, pr)
		}
	}
	for i := range p.Outcome.Measures {
		slices.SortStableFunc(p.Outcome.Measures[i].Figures, func(a, b programme.Figure) int { return a.On.Compare(b.On) })
	}
	if err := s.outcomeTrends(r, p); err != nil {
		return err
	}
	p.Title = fmt.Sprintf("Outcome %d: %s", o.Number, o.Title)
	return s.render(w, http.StatusOK, "programme-outcome", p)
}

// outcomeTrends computes, for a reader of the performance framework, the
// trend of each measure that names an indicator: its last two years of
// month ends, each computed and logged as the framework's own trend page
// does (app.IndicatorTrend).
func (s *Server) outcomeTrends(r *request, p *outcomeView) error {
	if !access.Can(r.actor.Principal, access.ReadPerformance) {
		return nil
	}
	for _, m := range p.Outcome.Measures {
		if m.Indicator == "" || p.Trends[m.Indicator] != nil {
			continue
		}
		if p.Trends == nil {
			p.Trends = map[string]*outcomeTrend{}
		}
		tr, err := s.app.IndicatorTrend(r.Context(), r.actor, app.TrendQuery{ID: m.Indicator})
		if errs.Is(err, errs.NotFound) {
			p.Trends[m.Indicator] = &outcomeTrend{Unknown: true}
			continue
		}
		if err != nil {
			return err
		}
		ot := &outcomeTrend{Trend: tr, Chart: trendSVG(tr)}
		for _, pt := range tr.Points {
			if pt.At.Month%3 == 0 {
				ot.Quarters = append(ot.Quarters, trendRow{At: pt.At, Value: app.FormatValue(tr.Def.Unit, pt.Value)})
			}
		}
		p.Trends[m.Indicator] = ot
	}
	return nil
}

// projectView is one project's page.
type projectView struct {
	Page
	app.ProjectPage
	Owner     string
	Latest    *programme.Report
	Past      []programme.Report
	History   []store.Version[programme.Project]
	OutcomeOf map[int]programme.Outcome // the programme's outcomes by number
}

func (s *Server) project(w http.ResponseWriter, r *request) error {
	id, err := pathNum(r, "project")
	if err != nil {
		return err
	}
	pp, err := s.app.Project(r.Context(), r.actor, programme.ProjectID(id))
	if err != nil {
		return err
	}
	owner, err := s.app.OwnerName(r.Context(), r.actor, pp.Project.Owner)
	if err != nil {
		return err
	}
	p := &projectView{Page: r.page, ProjectPage: pp, Owner: owner, OutcomeOf: map[int]programme.Outcome{}}
	for _, o := range pp.Outcomes {
		p.OutcomeOf[o.Number] = o
	}
	if l, ok := pp.Latest(); ok {
		p.Latest = &l
		p.Past = slices.Clone(pp.Reports[:len(pp.Reports)-1])
		slices.Reverse(p.Past)
	}
	p.History = slices.Clone(pp.History)
	slices.Reverse(p.History)
	p.Title = pp.Project.Name
	return s.render(w, http.StatusOK, "programme-project", p)
}

// formError shows a form again with the errors of a refused save: the
// boxes that did not parse (bad) and the use case's (err), in the order of
// the form's fields. Any other error is returned for the error page.
func (s *Server) formError(w http.ResponseWriter, page *Page, tmpl string, data any, order []string, bad errs.Fields, err error) error {
	e := errs.As(err)
	switch {
	case e == nil && len(bad) > 0:
		e = &errs.Error{Code: errs.Invalid, Message: "Check what was entered"}
	case e == nil || (e.Code != errs.Invalid && (e.Code != errs.Conflict || len(e.Fields) == 0)):
		return err
	}
	fields := mergeErrors(bad, err)
	at := func(f string) int {
		for i, o := range order {
			if f == o || strings.HasPrefix(f, o+".") || strings.HasPrefix(f, o+"[") {
				return i
			}
		}
		return len(order)
	}
	slices.SortStableFunc(fields, func(a, b errs.Field) int { return at(a.Field) - at(b.Field) })
	page.Errors = append(page.Errors, fields...)
	return s.render(w, http.StatusUnprocessableEntity, tmpl, data)
}

// programmeForm is the programme's own details.
type programmeForm struct {
	Page
	F                                     *form
	ID                                    programme.ID
	Version                               int
	Name, ShortName, Vision, SRO, Mandate string
	From, To                              DateValue
	Reason                                string
	// The lists, each drawn with its rows and blank rows to add more; a
	// row left blank is not saved.
	Board   []memberRow
	Targets []targetRow
	Team    []postRow
}

// memberRow is a board member as typed.
type memberRow struct{ Name, Role string }

// targetRow is a Supporting Families target as typed: a year (2022-23)
// and a number of families.
type targetRow struct{ Year, Families string }

// postRow is a programme team post as typed: its year, role, grade,
// hours a week, full-time equivalent (0.5), funding and cost in pounds.
type postRow struct{ Year, Role, Grade, Hours, FTE, Funding, Cost string }

// blankRows is how many empty rows each list offers for adding.
const blankRows = 2

func (r memberRow) blank() bool { return r.Name == "" && r.Role == "" }
func (r targetRow) blank() bool { return r.Year == "" && r.Families == "" }
func (r postRow) blank() bool {
	return r.Year == "" && r.Role == "" && r.Grade == "" && r.Hours == "" && r.FTE == "" && r.Funding == "" && r.Cost == ""
}

// fteText writes hundredths of full time as typed: "0.5", "1", "0.81".
func fteText(h int) string {
	s := strconv.FormatFloat(float64(h)/100, 'f', 2, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// parseFTE reads a full-time equivalent typed as a decimal from 0 to 1 to
// two places ("0.5", "1", ".81") into hundredths, never through a float.
func parseFTE(s string) (int, bool) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > 2 {
		return 0, false
	}
	w, err := strconv.Atoi(whole)
	if err != nil || w < 0 || w > 1 {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	f, err := strconv.Atoi(frac)
	if err != nil || f < 0 || w*100+f > 100 {
		return 0, false
	}
	return w*100 + f, true
}

// fillLists draws the programme's lists into the form.
func (p *programmeForm) fillLists(cur programme.Programme) {
	for _, m := range cur.Board {
		p.Board = append(p.Board, memberRow{m.Name, m.Role})
	}
	for _, t := range cur.FamilyTargets {
		p.Targets = append(p.Targets, targetRow{t.Year.String(), strconv.Itoa(t.Families)})
	}
	for _, t := range cur.Team {
		row := postRow{Year: t.Year.String(), Role: t.Role, Hours: strconv.Itoa(t.Hours), FTE: fteText(t.FTE), Funding: t.Funding, Cost: poundsText(t.Cost)}
		if t.Grade != 0 {
			row.Grade = strconv.Itoa(t.Grade)
		}
		p.Team = append(p.Team, row)
	}
	p.addBlanks()
}

func (p *programmeForm) addBlanks() {
	for range blankRows {
		p.Board = append(p.Board, memberRow{})
		p.Targets = append(p.Targets, targetRow{})
		p.Team = append(p.Team, postRow{})
	}
}

// readLists reads the lists as posted into p and into pr, leaving out blank
// rows; bad gets what does not parse, and at maps each field the record's
// rules name (board[0].name, of the rows kept) to the box it was typed in.
func (p *programmeForm) readLists(f url.Values, pr *programme.Programme, bad *errs.Fields, at map[string]string) {
	rows := func(prefix string) int {
		n := 0
		for k := range f {
			if strings.HasPrefix(k, prefix+"[") {
				if i, err := strconv.Atoi(strings.TrimPrefix(strings.SplitN(k, "]", 2)[0], prefix+"[")); err == nil && i+1 > n && i < 200 {
					n = i + 1
				}
			}
		}
		return n
	}
	// A list the form did not carry at all (a form from before the lists
	// were on it) is kept as it stands; a list whose rows were all left
	// blank is emptied.
	var shown programmeForm
	shown.fillLists(*pr)
	if rows("board") == 0 {
		p.Board = shown.Board[:len(shown.Board)-blankRows]
	} else {
		p.Board, pr.Board = nil, nil
	}
	if rows("family_targets") == 0 {
		p.Targets = shown.Targets[:len(shown.Targets)-blankRows]
	} else {
		p.Targets, pr.FamilyTargets = nil, nil
	}
	if rows("team") == 0 {
		p.Team = shown.Team[:len(shown.Team)-blankRows]
	} else {
		p.Team, pr.Team = nil, nil
	}
	get := func(prefix string, i int, name string) string {
		return strings.TrimSpace(f.Get(fmt.Sprintf("%s[%d].%s", prefix, i, name)))
	}
	for i := range rows("board") {
		m := memberRow{get("board", i, "name"), get("board", i, "role")}
		if m.blank() {
			continue
		}
		at[fmt.Sprintf("board[%d].name", len(pr.Board))] = fmt.Sprintf("board[%d].name", len(p.Board))
		p.Board = append(p.Board, m)
		pr.Board = append(pr.Board, programme.Member{Name: m.Name, Role: m.Role})
	}
	for i := range rows("family_targets") {
		t := targetRow{get("family_targets", i, "year"), get("family_targets", i, "families")}
		if t.blank() {
			continue
		}
		box := fmt.Sprintf("family_targets[%d].", len(p.Targets))
		for _, name := range []string{"year", "families"} {
			at[fmt.Sprintf("family_targets[%d].%s", len(pr.FamilyTargets), name)] = box + name
		}
		p.Targets = append(p.Targets, t)
		var ft programme.FamilyTarget
		var err error
		if ft.Year, err = programme.ParseYear(t.Year); err != nil {
			bad.Add(box+"year", "Enter the year of the target as 2022-23")
		}
		if ft.Families, err = strconv.Atoi(t.Families); err != nil {
			bad.Add(box+"families", "Families must be a whole number, such as 453")
		}
		pr.FamilyTargets = append(pr.FamilyTargets, ft)
	}
	for i := range rows("team") {
		t := postRow{get("team", i, "year"), get("team", i, "role"), get("team", i, "grade"), get("team", i, "hours"),
			get("team", i, "fte"), get("team", i, "funding"), get("team", i, "cost")}
		if t.blank() {
			continue
		}
		box := fmt.Sprintf("team[%d].", len(p.Team))
		for _, name := range []string{"year", "role", "grade", "hours", "cost"} {
			at[fmt.Sprintf("team[%d].%s", len(pr.Team), name)] = box + name
		}
		at[fmt.Sprintf("team[%d].fte_hundredths", len(pr.Team))] = box + "fte"
		p.Team = append(p.Team, t)
		var tp programme.TeamPost
		var err error
		tp.Role, tp.Funding = t.Role, t.Funding
		if tp.Year, err = programme.ParseYear(t.Year); err != nil {
			bad.Add(box+"year", "Enter the year of the post as 2020-21")
		}
		if t.Grade != "" {
			if tp.Grade, err = strconv.Atoi(t.Grade); err != nil || tp.Grade < 1 {
				bad.Add(box+"grade", "Grade must be a whole number, such as 8")
			}
		}
		if tp.Hours, err = strconv.Atoi(t.Hours); err != nil {
			bad.Add(box+"hours", "Hours must be a whole number of hours a week, such as 37")
		}
		var ok bool
		if tp.FTE, ok = parseFTE(t.FTE); !ok || t.FTE == "" {
			bad.Add(box+"fte", "Full-time equivalent must be a decimal from 0 to 1, such as 0.5")
		}
		if tp.Cost, ok = parsePounds(t.Cost); !ok {
			bad.Add(box+"cost", "Cost must be an amount in pounds, such as 24537 or 24,537.50")
		}
		pr.Team = append(pr.Team, tp)
	}
}

func (s *Server) programmeFormPage(r *request) (*programmeForm, programme.Programme, error) {
	if err := s.require(r, access.ManageProgramme, "Only the programme manager may change the programme"); err != nil {
		return nil, programme.Programme{}, err
	}
	cur, err := s.app.MainProgramme(r.Context(), r.actor)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, cur, err
	}
	p := &programmeForm{Page: r.page, ID: cur.ID, Version: cur.Version, Name: cur.Name, ShortName: cur.ShortName, Vision: cur.Vision,
		SRO: cur.SRO.Name, Mandate: cur.Mandate.Title, From: dateValueOf(cur.Mandate.From), To: dateValueOf(cur.Mandate.To)}
	p.fillLists(cur)
	p.F = newForm(&p.Page)
	p.Title = "Set up the programme"
	if cur.ID != 0 {
		p.Title = "Change the programme"
	}
	return p, cur, nil
}

func (s *Server) editProgramme(w http.ResponseWriter, r *request) error {
	p, _, err := s.programmeFormPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "programme-form", p)
}

func (s *Server) editProgrammePost(w http.ResponseWriter, r *request) error {
	p, cur, err := s.programmeFormPage(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	if cur.ID != 0 {
		if p.Version, err = postedVersion(r, 1, "the programme", "Open the page and start again"); err != nil {
			return err
		}
	}
	p.Name, p.ShortName, p.Vision, p.SRO, p.Mandate, p.Reason = f.Get("name"), f.Get("short_name"), f.Get("vision"), f.Get("sro"), f.Get("mandate"), f.Get("reason")
	p.From, p.To = dateValue(f, "from"), dateValue(f, "to")
	var bad errs.Fields
	pr := cur
	pr.Version, pr.Name, pr.ShortName, pr.Vision, pr.Mandate.Title = p.Version, p.Name, p.ShortName, p.Vision, p.Mandate
	pr.SRO.Name = p.SRO
	pr.Mandate.From = p.From.parse("from", "Mandate start", &bad)
	pr.Mandate.To = p.To.parse("to", "Mandate end", &bad)
	at := map[string]string{}
	p.readLists(f, &pr, &bad, at)
	p.addBlanks() // drawn again, the form offers rows to add
	order := []string{"name", "short_name", "vision", "sro", "from", "to", "board", "family_targets", "team", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-form", p, order, bad, nil)
	}
	_, err = s.app.SaveProgramme(r.Context(), r.actor, pr, p.Reason)
	if err == nil {
		http.Redirect(w, r.Request, "/programme", http.StatusSeeOther)
		return nil
	}
	if staleVersion(err) {
		p.Title = "Someone else has changed the programme: check it and save again"
		p.Version = cur.Version
		return s.render(w, http.StatusConflict, "programme-form", p)
	}
	// The record's fields named as the form names them.
	if e := errs.As(err); e != nil {
		for i, f := range e.Fields {
			switch f.Field {
			case "sro.name":
				e.Fields[i].Field = "sro"
			case "mandate.from":
				e.Fields[i].Field = "from"
			case "mandate.to":
				e.Fields[i].Field = "to"
			default:
				if box, ok := at[f.Field]; ok {
					e.Fields[i].Field = box
				}
			}
		}
	}
	return s.formError(w, &p.Page, "programme-form", p, order, nil, err)
}

// outcomeForm adds or changes an outcome's number and title; its measures
// are kept through the API.
type outcomeForm struct {
	Page
	F                     *form
	ID                    programme.OutcomeID
	Version               int
	Number, Title, Reason string
}

func (s *Server) outcomeFormPage(r *request) (*outcomeForm, programme.Outcome, error) {
	if err := s.require(r, access.ManageProgramme, "Only the programme manager may change the programme's outcomes"); err != nil {
		return nil, programme.Outcome{}, err
	}
	var cur programme.Outcome
	if r.PathValue("id") != "" {
		id, err := pathNum(r, "outcome")
		if err != nil {
			return nil, cur, err
		}
		if cur, err = s.app.ProgrammeOutcome(r.Context(), r.actor, programme.OutcomeID(id)); err != nil {
			return nil, cur, err
		}
	} else {
		main, err := s.app.MainProgramme(r.Context(), r.actor)
		if err != nil {
			return nil, cur, err
		}
		cur.Programme = main.ID
	}
	p := &outcomeForm{Page: r.page, ID: cur.ID, Version: cur.Version, Title: cur.Title}
	if cur.Number > 0 {
		p.Number = strconv.Itoa(cur.Number)
	}
	p.F = newForm(&p.Page)
	p.Title = "Add an outcome"
	if cur.ID != 0 {
		p.Title = fmt.Sprintf("Change outcome %d", cur.Number)
	}
	return p, cur, nil
}

func (s *Server) outcomeFormGet(w http.ResponseWriter, r *request) error {
	p, _, err := s.outcomeFormPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "programme-outcome-form", p)
}

func (s *Server) outcomePost(w http.ResponseWriter, r *request) error {
	p, cur, err := s.outcomeFormPage(r)
	if err != nil {
		return err
	}
	if cur.ID != 0 {
		if p.Version, err = postedVersion(r, 1, "the outcome", "Open the page and start again"); err != nil {
			return err
		}
	}
	p.Number, p.Title, p.Reason = strings.TrimSpace(r.PostForm.Get("number")), r.PostForm.Get("title"), r.PostForm.Get("reason")
	var bad errs.Fields
	o := cur
	o.Version, o.Title = p.Version, p.Title
	if n, err := strconv.Atoi(p.Number); err != nil {
		bad.Add("number", "Number must be a whole number, such as 3")
	} else {
		o.Number = n
	}
	order := []string{"number", "title", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-outcome-form", p, order, bad, nil)
	}
	saved, err := s.app.SaveOutcome(r.Context(), r.actor, o, p.Reason)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/programme/outcomes/%d", saved.ID), http.StatusSeeOther)
		return nil
	}
	if staleVersion(err) {
		p.Title, p.Version = "Someone else has changed this outcome: check it and save again", cur.Version
		return s.render(w, http.StatusConflict, "programme-outcome-form", p)
	}
	return s.formError(w, &p.Page, "programme-outcome-form", p, order, nil, err)
}

// figureForm adds a key measure to an outcome, or a figure to one of its
// measures: a figure entered by hand with its period, date and source, or
// one of Hearth's indicators, which has no entered figures.
type figureForm struct {
	Page
	F                                *form
	Outcome                          programme.Outcome
	Measure, Indicator, Unit, Source string
	Period, Value, Reason            string
	On                               DateValue
}

func (s *Server) figurePage(r *request) (*figureForm, error) {
	if err := s.require(r, access.ManageProgramme, "Only the programme manager may change the programme's outcomes"); err != nil {
		return nil, err
	}
	id, err := pathNum(r, "outcome")
	if err != nil {
		return nil, err
	}
	o, err := s.app.ProgrammeOutcome(r.Context(), r.actor, programme.OutcomeID(id))
	if err != nil {
		return nil, err
	}
	p := &figureForm{Page: r.page, Outcome: o}
	p.F = newForm(&p.Page)
	p.Title = fmt.Sprintf("Add a measure or figure to outcome %d", o.Number)
	return p, nil
}

func (s *Server) newFigure(w http.ResponseWriter, r *request) error {
	return show(s, "programme-figure-form", s.figurePage)(w, r)
}

func (s *Server) figurePost(w http.ResponseWriter, r *request) error {
	p, err := s.figurePage(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	p.Measure, p.Indicator, p.Unit, p.Source = strings.TrimSpace(f.Get("measure")), strings.TrimSpace(f.Get("indicator")), f.Get("unit"), f.Get("source")
	p.Period, p.Value, p.Reason = strings.TrimSpace(f.Get("period")), strings.TrimSpace(f.Get("value")), f.Get("reason")
	p.On = dateValue(f, "on")
	var bad errs.Fields
	on := p.On.parse("on", "Date of the figure", &bad)
	order := []string{"measure", "indicator", "unit", "source", "period", "on", "value", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-figure-form", p, order, bad, nil)
	}
	// The figure joins the measure of the same name, or starts a new one.
	o := p.Outcome
	o.Measures = slices.Clone(o.Measures)
	i := slices.IndexFunc(o.Measures, func(m programme.Measure) bool { return strings.EqualFold(m.Name, p.Measure) })
	if i < 0 {
		o.Measures = append(o.Measures, programme.Measure{Name: p.Measure, Indicator: p.Indicator, Unit: p.Unit, Source: p.Source})
		i = len(o.Measures) - 1
	} else {
		m := o.Measures[i]
		m.Figures = slices.Clone(m.Figures)
		if p.Source != "" {
			m.Source = p.Source
		}
		o.Measures[i] = m
	}
	if p.Indicator == "" || p.Period != "" || p.Value != "" || !p.On.Empty() {
		o.Measures[i].Figures = append(o.Measures[i].Figures, programme.Figure{Period: p.Period, On: on, Value: p.Value})
	}
	_, err = s.app.SaveOutcome(r.Context(), r.actor, o, p.Reason)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/programme/outcomes/%d", o.ID), http.StatusSeeOther)
		return nil
	}
	if staleVersion(err) {
		p.Title = "Someone else has changed this outcome: check it and add the figure again"
		return s.render(w, http.StatusConflict, "programme-figure-form", p)
	}
	// The outcome's fields (measures[i].figures[j].value) are this form's
	// boxes (value).
	if e := errs.As(err); e != nil {
		for k, fe := range e.Fields {
			name := fe.Field[strings.LastIndexByte(fe.Field, '.')+1:]
			if name == "name" {
				name = "measure"
			}
			e.Fields[k].Field = name
		}
	}
	return s.formError(w, &p.Page, "programme-figure-form", p, order, nil, err)
}

// projectForm adds or changes a project's details; its gateway changes by
// a decision (gatewayForm).
type projectForm struct {
	Page
	F                                  *form
	ID                                 programme.ProjectID
	Version                            int
	Name, Owner, Funding, CoProduction string
	Gateway, Reason                    string
	Purposes                           []string
	Outcomes                           []int
	Start, End                         DateValue
	Owners, Fundings, Ladder, Gateways people.CodeList
	PurposeList                        people.CodeList
	ProgrammeOutcomes                  []programme.Outcome
}

func (s *Server) projectFormPage(r *request) (*projectForm, programme.Project, error) {
	if err := s.require(r, access.ManageProgramme, "Only the programme manager may add or change projects"); err != nil {
		return nil, programme.Project{}, err
	}
	var cur programme.Project
	if r.PathValue("id") != "" {
		id, err := pathNum(r, "project")
		if err != nil {
			return nil, cur, err
		}
		pp, err := s.app.Project(r.Context(), r.actor, programme.ProjectID(id))
		if err != nil {
			return nil, cur, err
		}
		cur = pp.Project
	} else {
		main, err := s.app.MainProgramme(r.Context(), r.actor)
		if err != nil {
			return nil, cur, err
		}
		cur.Programme, cur.Gateway = main.ID, programme.Options
	}
	recs, err := s.app.ProgrammeRecords(r.Context(), r.actor, cur.Programme)
	if err != nil {
		return nil, cur, err
	}
	owners, err := s.app.ProjectOwners(r.Context(), r.actor)
	if err != nil {
		return nil, cur, err
	}
	p := &projectForm{Page: r.page, ID: cur.ID, Version: cur.Version, Name: cur.Name, Funding: cur.Funding, CoProduction: cur.CoProduction,
		Gateway: string(cur.Gateway), Purposes: cur.Purposes, Outcomes: cur.Outcomes, Start: dateValueOf(cur.Start), End: dateValueOf(cur.End),
		Fundings: programme.FundingTypes, Ladder: programme.Ladder, Gateways: programme.Gateways, PurposeList: programme.Purposes,
		ProgrammeOutcomes: recs.Outcomes}
	if cur.Owner != 0 {
		p.Owner = strconv.FormatInt(int64(cur.Owner), 10)
	}
	for _, o := range owners {
		p.Owners = append(p.Owners, people.Code{Code: strconv.FormatInt(int64(o.ID), 10), Label: o.Name})
	}
	p.F = newForm(&p.Page)
	p.Title = "Add a project"
	if cur.ID != 0 {
		p.Title = "Change " + cur.Name
	}
	return p, cur, nil
}

func (s *Server) projectFormGet(w http.ResponseWriter, r *request) error {
	p, _, err := s.projectFormPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "programme-project-form", p)
}

func (s *Server) projectPost(w http.ResponseWriter, r *request) error {
	p, cur, err := s.projectFormPage(r)
	if err != nil {
		return err
	}
	if cur.ID != 0 {
		if p.Version, err = postedVersion(r, 1, "the project", "Open the page and start again"); err != nil {
			return err
		}
	}
	f := r.PostForm
	p.Name, p.Owner, p.Funding, p.CoProduction, p.Reason = f.Get("name"), f.Get("owner"), f.Get("funding"), f.Get("co_production"), f.Get("reason")
	p.Purposes = f["purposes"]
	p.Start, p.End = dateValue(f, "start"), dateValue(f, "end")
	var bad errs.Fields
	pr := cur
	pr.Version, pr.Name, pr.Funding, pr.CoProduction, pr.Purposes = p.Version, p.Name, p.Funding, p.CoProduction, p.Purposes
	pr.Start = p.Start.parse("start", "Start date", &bad)
	pr.End = p.End.parse("end", "End date", &bad)
	pr.Owner = 0
	if p.Owner != "" {
		n, err := strconv.ParseInt(p.Owner, 10, 64)
		if err != nil {
			bad.Add("owner", "Select the project's owner from the list of users")
		}
		pr.Owner = access.UserID(n)
	}
	p.Outcomes, pr.Outcomes = nil, nil
	for _, v := range f["outcomes"] {
		n, err := strconv.Atoi(v)
		if err != nil {
			bad.Add("outcomes", "Select outcomes from the list")
			continue
		}
		p.Outcomes = append(p.Outcomes, n)
	}
	pr.Outcomes = p.Outcomes
	if cur.ID == 0 {
		p.Gateway = f.Get("gateway")
		pr.Gateway = programme.Gateway(p.Gateway)
	}
	order := []string{"name", "owner", "funding", "purposes", "start", "end", "outcomes", "co_production", "gateway", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-project-form", p, order, bad, nil)
	}
	saved, err := s.app.SaveProject(r.Context(), r.actor, pr, p.Reason)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/programme/projects/%d", saved.ID), http.StatusSeeOther)
		return nil
	}
	if staleVersion(err) {
		p.Title, p.Version = "Someone else has changed this project: check it and save again", cur.Version
		return s.render(w, http.StatusConflict, "programme-project-form", p)
	}
	// A purpose's or outcome's error is shown at its group of boxes.
	if e := errs.As(err); e != nil {
		for i, fe := range e.Fields {
			if j := strings.IndexByte(fe.Field, '['); j > 0 {
				e.Fields[i].Field = fe.Field[:j]
			}
		}
	}
	return s.formError(w, &p.Page, "programme-project-form", p, order, nil, err)
}

// gatewayView records a gateway decision on a project.
type gatewayView struct {
	Page
	F                    *form
	Project              programme.Project
	Version              int
	Decision, By, Reason string
	Return               bool
	On                   DateValue
	Next, Previous       programme.Gateway
	Decisions            people.CodeList
}

func (s *Server) gatewayPage(r *request) (*gatewayView, error) {
	if err := s.require(r, access.ManageProgramme, "Only the programme manager records gateway decisions"); err != nil {
		return nil, err
	}
	id, err := pathNum(r, "project")
	if err != nil {
		return nil, err
	}
	pp, err := s.app.Project(r.Context(), r.actor, programme.ProjectID(id))
	if err != nil {
		return nil, err
	}
	pr := pp.Project
	p := &gatewayView{Page: r.page, Project: pr, Version: pr.Version, Next: pr.Gateway.Next(), Previous: pr.Gateway.Previous(),
		Decisions: programme.Decisions, On: dateValueOf(s.app.Today())}
	p.F = newForm(&p.Page)
	p.Title = "Gateway decision on " + pr.Name
	return p, nil
}

func (s *Server) gatewayForm(w http.ResponseWriter, r *request) error {
	return show(s, "programme-gateway", s.gatewayPage)(w, r)
}

func (s *Server) gatewayPost(w http.ResponseWriter, r *request) error {
	p, err := s.gatewayPage(r)
	if err != nil {
		return err
	}
	cur := p.Project
	if p.Version, err = postedVersion(r, 1, "the project", "Open the page and start again"); err != nil {
		return err
	}
	f := r.PostForm
	p.Decision, p.By, p.Reason, p.Return = f.Get("decision"), f.Get("by"), f.Get("reason"), f.Get("return") == "yes"
	p.On = dateValue(f, "on")
	var bad errs.Fields
	m := programme.GatewayMove{From: cur.Gateway, Decision: programme.Decision(p.Decision), Return: p.Return, By: p.By, Reason: p.Reason,
		On: p.On.parse("on", "Date of the decision", &bad)}
	// Where the decision takes the project follows from the decision: the
	// form asks for the decision, not the gateway.
	switch m.Decision {
	case programme.Approved:
		m.To = cur.Gateway.Next()
		if p.Return {
			m.To = cur.Gateway.Previous()
		}
	case programme.Deferred:
		m.To = cur.Gateway
	case programme.Stopped:
		m.To = programme.Closure
	}
	order := []string{"decision", "return", "to", "on", "by", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-gateway", p, order, bad, nil)
	}
	_, err = s.app.MoveProject(r.Context(), r.actor, cur.ID, p.Version, m)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/programme/projects/%d", cur.ID), http.StatusSeeOther)
		return nil
	}
	if errs.Is(err, errs.Conflict) && len(errs.As(err).Fields) == 0 {
		p.Title, p.Version = "Someone else has changed this project: check the decision and save again", cur.Version
		return s.render(w, http.StatusConflict, "programme-gateway", p)
	}
	// The gateway a decision leads to is not a box of the form: its error
	// is shown at the decision.
	if e := errs.As(err); e != nil {
		for i, fe := range e.Fields {
			if fe.Field == "to" || fe.Field == "from" {
				e.Fields[i].Field = "decision"
			}
		}
	}
	return s.formError(w, &p.Page, "programme-gateway", p, order, nil, err)
}

// statusField is one status of a report as the form draws it.
type statusField struct{ Name, Label, Value string }

// moneyField is one amount of a report's finance, typed in pounds.
type moneyField struct{ Name, Label, Value string }

// milestoneRow is one milestone as typed.
type milestoneRow struct {
	Name            string
	Planned, Actual DateValue
}

// reportForm is a project's monthly report.
type reportForm struct {
	Page
	F          *form
	Project    programme.Project
	Month      string
	Statuses   []statusField
	Commentary string
	Milestones []milestoneRow
	Reported   bool
	Money      []moneyField
	Members    []statusField
	RAGs       people.CodeList
}

var statusFields = []struct{ name, label string }{
	{"overall", "Overall"}, {"cost", "Cost"}, {"milestones", "Milestones"}, {"risks", "Risks"}, {"issues", "Issues"},
	{"cashable", "Cashable benefits"}, {"non_cashable", "Non-cashable benefits"},
}

var moneyFields = []struct{ name, label string }{
	{"budget", "Agreed budget"}, {"uplifts", "Uplifts"}, {"spend", "Spend to date"}, {"projection", "Original projection"},
	{"savings", "Savings"}, {"cost_avoidance", "Cost avoidance"}, {"grant_brought_forward", "Grant brought forward"},
	{"grant_received", "Grant received"}, {"grant_spent", "Grant spent"},
}

var memberFields = []struct{ name, label string }{
	{"total", "Total members"}, {"officers", "Officers"}, {"frontline", "Frontline staff"}, {"partners", "Partners"},
	{"service_users", "Service user representatives"},
}

func (s *Server) reportPage(r *request) (*reportForm, error) {
	id, err := pathNum(r, "project")
	if err != nil {
		return nil, err
	}
	pp, err := s.app.Project(r.Context(), r.actor, programme.ProjectID(id))
	if err != nil {
		return nil, err
	}
	if err := s.app.RequireReport(r.Context(), r.actor, pp.Project.ID); err != nil {
		return nil, err
	}
	if pp.Project.Closed() {
		return nil, errs.E(errs.Conflict, "%s has closed: it takes no new reports", pp.Project.Name)
	}
	p := &reportForm{Page: r.page, Project: pp.Project, Month: programme.MonthOf(s.app.Today()).String(), RAGs: programme.RAGs}
	// The form starts from the latest report: its milestones and finance
	// carry on from month to month.
	last, _ := pp.Latest()
	p.fill(last)
	p.Milestones = append(p.Milestones, milestoneRow{})
	p.F = newForm(&p.Page)
	p.Title = "Monthly report for " + pp.Project.Name
	return p, nil
}

func (p *reportForm) fill(r programme.Report) {
	st := map[string]programme.RAG{"overall": r.Status.Overall, "cost": r.Status.Cost, "milestones": r.Status.Milestones, "risks": r.Status.Risks,
		"issues": r.Status.Issues, "cashable": r.Status.Cashable, "non_cashable": r.Status.NonCashable}
	p.Statuses = nil
	for _, f := range statusFields {
		p.Statuses = append(p.Statuses, statusField{f.name, f.label, string(st[f.name])})
	}
	fi := r.Finance
	money := map[string]programme.Pence{"budget": fi.Budget, "uplifts": fi.Uplifts, "spend": fi.Spend, "projection": fi.Projection, "savings": fi.Savings,
		"cost_avoidance": fi.CostAvoidance, "grant_brought_forward": fi.GrantBroughtForward, "grant_received": fi.GrantReceived, "grant_spent": fi.GrantSpent}
	p.Money = nil
	for _, f := range moneyFields {
		v := ""
		if money[f.name] != 0 {
			v = poundsText(money[f.name])
		}
		p.Money = append(p.Money, moneyField{f.name, f.label, v})
	}
	p.Reported = fi.Reported || r.Project == 0
	m := r.Membership
	members := map[string]int{"total": m.Total, "officers": m.Officers, "frontline": m.Frontline, "partners": m.Partners, "service_users": m.ServiceUsers}
	p.Members = nil
	for _, f := range memberFields {
		p.Members = append(p.Members, statusField{f.name, f.label, strconv.Itoa(members[f.name])})
	}
	p.Milestones = nil
	for _, ms := range r.Milestones {
		p.Milestones = append(p.Milestones, milestoneRow{ms.Name, dateValueOf(ms.Planned), dateValueOf(ms.Actual)})
	}
}

// poundsText writes pence as a figure to type into a box: "1234.50", or
// "1234" for whole pounds.
func poundsText(p programme.Pence) string {
	if p%100 == 0 {
		return strconv.FormatInt(int64(p/100), 10)
	}
	return fmt.Sprintf("%d.%02d", p/100, p%100)
}

// parsePounds reads an amount typed in pounds ("£1,234.50", "1234"),
// whole pence only: never through a float.
func parsePounds(s string) (programme.Pence, bool) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "£"), ",", "")
	if s == "" {
		return 0, true
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || (hasFrac && (len(frac) == 0 || len(frac) > 2)) {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e13 {
		return 0, false
	}
	pence := w * 100
	if hasFrac {
		if len(frac) == 1 {
			frac += "0"
		}
		f, err := strconv.ParseInt(frac, 10, 64)
		if err != nil {
			return 0, false
		}
		pence += f
	}
	if neg {
		pence = -pence
	}
	return programme.Pence(pence), true
}

func (s *Server) newReport(w http.ResponseWriter, r *request) error {
	return show(s, "programme-report-form", s.reportPage)(w, r)
}

func (s *Server) reportPost(w http.ResponseWriter, r *request) error {
	p, err := s.reportPage(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	var bad errs.Fields
	rep := programme.Report{Project: p.Project.ID, Commentary: f.Get("commentary"), Finance: programme.Finance{Reported: f.Get("reported") == "yes"}}
	p.Month, p.Commentary, p.Reported = strings.TrimSpace(f.Get("month")), rep.Commentary, rep.Finance.Reported
	if m, err := programme.ParseMonth(p.Month); err != nil {
		bad.Add("month", "Enter the month as a year and month, such as 2021-03")
	} else {
		rep.Month = m
	}
	for i := range p.Statuses {
		p.Statuses[i].Value = f.Get("status." + p.Statuses[i].Name)
	}
	st := func(i int) programme.RAG { return programme.RAG(p.Statuses[i].Value) }
	rep.Status = programme.Statuses{Overall: st(0), Cost: st(1), Milestones: st(2), Risks: st(3), Issues: st(4), Cashable: st(5), NonCashable: st(6)}
	amounts := map[string]programme.Pence{}
	for i := range p.Money {
		p.Money[i].Value = f.Get("finance." + p.Money[i].Name)
		v, ok := parsePounds(p.Money[i].Value)
		if !ok {
			bad.Add("finance."+p.Money[i].Name, "%s must be an amount in pounds, such as 1250 or 1250.50", p.Money[i].Label)
		}
		amounts[p.Money[i].Name] = v
	}
	fi := &rep.Finance
	fi.Budget, fi.Uplifts, fi.Spend, fi.Projection, fi.Savings, fi.CostAvoidance = amounts["budget"], amounts["uplifts"], amounts["spend"], amounts["projection"], amounts["savings"], amounts["cost_avoidance"]
	fi.GrantBroughtForward, fi.GrantReceived, fi.GrantSpent = amounts["grant_brought_forward"], amounts["grant_received"], amounts["grant_spent"]
	counts := map[string]int{}
	for i := range p.Members {
		p.Members[i].Value = strings.TrimSpace(f.Get("membership." + p.Members[i].Name))
		if p.Members[i].Value == "" {
			continue
		}
		n, err := strconv.Atoi(p.Members[i].Value)
		if err != nil {
			bad.Add("membership."+p.Members[i].Name, "%s must be a whole number, such as 12", p.Members[i].Label)
		}
		counts[p.Members[i].Name] = n
	}
	rep.Membership = programme.Membership{Total: counts["total"], Officers: counts["officers"], Frontline: counts["frontline"], Partners: counts["partners"], ServiceUsers: counts["service_users"]}
	p.Milestones = nil
	for i := 0; i < 50; i++ {
		at := fmt.Sprintf("milestones[%d].", i)
		if _, ok := f[at+"name"]; !ok {
			break
		}
		row := milestoneRow{strings.TrimSpace(f.Get(at + "name")), dateValue(f, at+"planned"), dateValue(f, at+"actual")}
		p.Milestones = append(p.Milestones, row)
		if row.Name == "" && row.Planned.Empty() && row.Actual.Empty() {
			continue // a blank row adds nothing
		}
		n := len(rep.Milestones)
		fat := fmt.Sprintf("milestones[%d].", n)
		rep.Milestones = append(rep.Milestones, programme.Milestone{Name: row.Name,
			Planned: row.Planned.parse(fat+"planned", "Planned date", &bad), Actual: row.Actual.parse(fat+"actual", "Actual date", &bad)})
	}
	order := []string{"month", "status", "commentary", "milestones", "reported", "finance", "membership"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-report-form", p, order, bad, nil)
	}
	// The form goes to a check page that shows the report as it will be
	// submitted; from there it is submitted (save) or taken back to the
	// form (change).
	switch f.Get("action") {
	case "change":
		return s.render(w, http.StatusOK, "programme-report-form", p)
	case "save":
	default:
		if err := s.app.CheckReport(r.Context(), r.actor, rep); err != nil {
			return s.formError(w, &p.Page, "programme-report-form", p, order, nil, err)
		}
		c := &reportCheck{Page: r.page, Project: p.Project, Report: rep, Hidden: hiddenFields(f)}
		c.Title = "Check the report for " + monthLabel(rep.Month)
		return s.render(w, http.StatusOK, "programme-report-check", c)
	}
	_, err = s.app.SubmitReport(r.Context(), r.actor, rep)
	if err == nil {
		http.Redirect(w, r.Request, fmt.Sprintf("/programme/projects/%d", p.Project.ID), http.StatusSeeOther)
		return nil
	}
	return s.formError(w, &p.Page, "programme-report-form", p, order, nil, err)
}

// reportCheck shows a monthly report as it will be submitted, with the
// form's values carried in hidden inputs.
type reportCheck struct {
	Page
	Project programme.Project
	Report  programme.Report
	Hidden  []hidden
}

// entryForm adds or changes a risk or issue, the programme's own or a
// project's.
type entryForm struct {
	Page
	F                                               *form
	ID                                              programme.EntryID
	Version                                         int
	Project                                         programme.Project
	Type, Category, Description, Impact, Mitigation string
	Owner, Status, Escalation, Likelihood, Severity string
	Reason                                          string
	Raised, Closed                                  DateValue
	Types, Categories, Statuses                     people.CodeList
	cur                                             programme.Entry
}

func (s *Server) entryPage(r *request) (*entryForm, error) {
	var cur programme.Entry
	if r.PathValue("id") != "" {
		id, err := pathNum(r, "risk or issue")
		if err != nil {
			return nil, err
		}
		if cur, err = s.app.RegisterEntry(r.Context(), r.actor, programme.EntryID(id)); err != nil {
			return nil, err
		}
	} else {
		main, err := s.app.MainProgramme(r.Context(), r.actor)
		if err != nil {
			return nil, err
		}
		cur = programme.Entry{Programme: main.ID, Type: r.URL.Query().Get("type"), Status: programme.EntryOpen, Raised: s.app.Today()}
		if v := r.URL.Query().Get("project"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return nil, errs.E(errs.NotFound, "There is no project with this id")
			}
			cur.Project = programme.ProjectID(n)
		}
	}
	p := &entryForm{Page: r.page, ID: cur.ID, Version: cur.Version, Type: cur.Type, Category: cur.Category, Description: cur.Description,
		Impact: cur.Impact, Mitigation: cur.Mitigation, Owner: cur.Owner, Status: cur.Status, Escalation: cur.Escalation,
		Raised: dateValueOf(cur.Raised), Closed: dateValueOf(cur.Closed),
		Types: programme.EntryTypes, Categories: programme.EntryCategories, Statuses: programme.EntryStatuses, cur: cur}
	if cur.Likelihood > 0 {
		p.Likelihood = strconv.Itoa(cur.Likelihood)
	}
	if cur.Severity > 0 {
		p.Severity = strconv.Itoa(cur.Severity)
	}
	if cur.Project != 0 {
		pp, err := s.app.Project(r.Context(), r.actor, cur.Project)
		if err != nil {
			return nil, err
		}
		if err := s.app.RequireReport(r.Context(), r.actor, pp.Project.ID); err != nil {
			return nil, err
		}
		p.Project = pp.Project
	} else if err := s.require(r, access.ManageProgramme, "Only the programme manager keeps the programme's risks and issues"); err != nil {
		return nil, err
	}
	p.F = newForm(&p.Page)
	p.Title = "Add a risk or issue"
	if cur.ID != 0 {
		p.Title = "Change a " + strings.ToLower(codeLabel(programme.EntryTypes, cur.Type))
	}
	if p.Project.ID != 0 {
		p.Title += " of " + p.Project.Name
	}
	return p, nil
}

func (s *Server) newEntry(w http.ResponseWriter, r *request) error {
	return show(s, "programme-entry-form", s.entryPage)(w, r)
}
func (s *Server) editEntry(w http.ResponseWriter, r *request) error {
	return show(s, "programme-entry-form", s.entryPage)(w, r)
}

func (s *Server) entryPost(w http.ResponseWriter, r *request) error {
	p, err := s.entryPage(r)
	if err != nil {
		return err
	}
	if p.ID != 0 {
		if p.Version, err = postedVersion(r, 1, "the entry", "Open the page and start again"); err != nil {
			return err
		}
	}
	f := r.PostForm
	p.Type, p.Category, p.Description, p.Impact = f.Get("type"), f.Get("category"), f.Get("description"), f.Get("impact")
	p.Mitigation, p.Owner, p.Status, p.Escalation = f.Get("mitigation"), f.Get("owner"), f.Get("status"), f.Get("escalation")
	p.Likelihood, p.Severity, p.Reason = strings.TrimSpace(f.Get("likelihood")), strings.TrimSpace(f.Get("severity")), f.Get("reason")
	p.Raised, p.Closed = dateValue(f, "raised"), dateValue(f, "closed")
	var bad errs.Fields
	e := p.cur
	e.Version, e.Type, e.Category, e.Description, e.Impact = p.Version, p.Type, p.Category, p.Description, p.Impact
	e.Mitigation, e.Owner, e.Status, e.Escalation = p.Mitigation, p.Owner, p.Status, p.Escalation
	e.Raised, e.Closed = p.Raised.parse("raised", "Date raised", &bad), p.Closed.parse("closed", "Date closed", &bad)
	score := func(field, label, v string) int {
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			bad.Add(field, "%s must be a whole number from 1 to 5", label)
		}
		return n
	}
	e.Likelihood, e.Severity = score("likelihood", "Likelihood", p.Likelihood), score("severity", "Impact score", p.Severity)
	order := []string{"type", "category", "description", "impact", "likelihood", "severity", "mitigation", "owner", "status", "escalation", "raised", "closed", "reason"}
	if len(bad) > 0 {
		return s.formError(w, &p.Page, "programme-entry-form", p, order, bad, nil)
	}
	saved, err := s.app.SaveEntry(r.Context(), r.actor, e, p.Reason)
	if err == nil {
		to := "/programme#register"
		if saved.Project != 0 {
			to = fmt.Sprintf("/programme/projects/%d#register", saved.Project)
		}
		http.Redirect(w, r.Request, to, http.StatusSeeOther)
		return nil
	}
	if staleVersion(err) {
		p.Title, p.Version = "Someone else has changed this entry: check it and save again", p.cur.Version
		return s.render(w, http.StatusConflict, "programme-entry-form", p)
	}
	return s.formError(w, &p.Page, "programme-entry-form", p, order, nil, err)
}
