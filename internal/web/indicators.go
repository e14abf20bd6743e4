package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/people"
	"hearth/internal/report"
)

// The performance module: the framework at a date, an indicator and the
// children behind it, its trend, the performance report, and the council's
// own data.

func (s *Server) performanceModule() module {
	return module{
		name: "performance",
		routes: []route{
			signedInRoute("GET", "/performance", "performance", s.framework),
			signedInRoute("GET", "/performance/report", "performance", s.performanceReport),
			signedInRoute("GET", "/performance/report.pdf", "performance", s.performanceReportFile),
			signedInRoute("GET", "/performance/report.xlsx", "performance", s.performanceReportFile),
			signedInRoute("GET", "/performance/data", "performance", s.performanceData),
			uploadRoute("/performance/data/import", "performance", maxImportFile, s.performanceImport),
			signedInRoute("POST", "/performance/data/target", "performance", s.performanceTarget),
			signedInRoute("POST", "/performance/data/population", "performance", s.performancePopulation),
			signedInRoute("POST", "/performance/data/position", "performance", s.performancePosition),
			signedInRoute("GET", "/performance/{id}", "performance", s.indicator),
			signedInRoute("GET", "/performance/{id}/trend", "performance", s.trend),
			signedInRoute("GET", "/performance/{id}/trend.csv", "performance", s.trendCSV),
		},
		nav: []navLink{{key: "performance", label: "Performance", href: "/performance", action: access.ReadPerformance}},
		funcs: template.FuncMap{
			"figure":  app.FormatValue,
			"ragTag":  indicatorRAGTag,
			"travel":  travelText,
			"section": func(s indicators.Section) string { return s.Title() },
		},
		dateFields: []string{"at", "from", "to", "position_at"},
	}
}

// indicatorRAGTag is the GOV.UK tag class of a RAG rating.
func indicatorRAGTag(rag string) string {
	switch rag {
	case indicators.Green:
		return "govuk-tag--green"
	case indicators.Amber:
		return "govuk-tag--yellow"
	case indicators.Red:
		return "govuk-tag--red"
	}
	return "govuk-tag--grey"
}

// travelText says the direction of travel in words, with an arrow for the
// eye (the words are what a screen reader reads).
func travelText(t string) string {
	switch t {
	case indicators.Improving:
		return "Improving"
	case indicators.Worsening:
		return "Worsening"
	case indicators.NoChange:
		return "No change"
	case indicators.Up:
		return "Up"
	case indicators.Down:
		return "Down"
	}
	return "–"
}

// dateQuery reads a date from a GET form's three boxes (name-day...) or from
// name=YYYY-MM-DD, the form a link carries.
func dateQuery(q url.Values, name, label string, fields *errs.Fields) (civil.Date, DateValue) {
	if s := q.Get(name); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			fields.Add(name, "%s must be a real date", label)
		}
		return d, dateValueOf(d)
	}
	v := dateValue(q, name)
	return v.parse(name, label, fields), v
}

// scopeQuery reads whose children a figure counts: ?for=team:3 (the
// framework's choice), or ?team=, ?service= or ?worker= (links). A part
// that is not a number is 0; the use case refuses one that does not exist
// and more than one.
func scopeQuery(q url.Values) app.Scope {
	if kind, id, ok := strings.Cut(q.Get("for"), ":"); ok {
		q = url.Values{kind: {id}}
	}
	num := func(k string) int64 { n, _ := strconv.ParseInt(q.Get(k), 10, 64); return n }
	return app.Scope{Team: access.TeamID(num("team")), Service: access.ServiceID(num("service")), Worker: access.UserID(num("worker"))}
}

// scopeParam is the scope as a link's parameter ("", "" for the council).
func scopeParam(sc app.Scope) (key, id string) {
	switch {
	case sc.Team != 0:
		return "team", strconv.FormatInt(int64(sc.Team), 10)
	case sc.Service != 0:
		return "service", strconv.FormatInt(int64(sc.Service), 10)
	case sc.Worker != 0:
		return "worker", strconv.FormatInt(int64(sc.Worker), 10)
	}
	return "", ""
}

// withScope adds the scope's parameter to a link's query.
func withScope(v url.Values, sc app.Scope) url.Values {
	if k, id := scopeParam(sc); k != "" {
		v.Set(k, id)
	}
	return v
}

// queryURL is a link's query, encoded. It is a template.URL because the
// template would escape the "=" and "&" of a string placed after a "?",
// making a query the server does not read; url.Values.Encode has already
// escaped every value.
func queryURL(v url.Values) template.URL { return template.URL(v.Encode()) }

// scopeLinks is what a page's links keep of the scope: its parameter,
// for templates that add it to a link (&team=3).
type scopeLinks struct {
	ScopeKey, ScopeID string
}

func linksFor(sc app.Scope) scopeLinks {
	k, id := scopeParam(sc)
	return scopeLinks{k, id}
}

// dateChoice is a quick link to a date of the framework.
type dateChoice struct {
	Label string
	At    civil.Date
}

// quickDates are today, the last month end and the last 31 March.
func quickDates(today civil.Date) []dateChoice {
	end := civil.Date{Year: today.Year, Month: today.Month, Day: 1}.AddDays(-1)
	march := civil.MustNew(today.Year, 3, 31)
	if march.After(today) {
		march = civil.MustNew(today.Year-1, 3, 31)
	}
	return []dateChoice{{"Today", today}, {"Last month end", end}, {"Last year end (31 March)", march}}
}

type frameworkView struct {
	Page
	F     *form
	At    DateValue
	Quick []dateChoice
	// Choices are the services and teams to choose from, For the one
	// chosen ("team:3"); Workers, when a team is shown, its workers.
	Choices []choiceGroup
	For     string
	Workers people.CodeList
	scopeLinks
	app.Framework
	// Lists: the user may open the children behind a figure.
	Lists bool
}

// choiceGroup is an <optgroup> of a select.
type choiceGroup struct {
	Label   string
	Options people.CodeList
}

// scopeChoices lists the services and teams for the framework's filter,
// and the workers of the team shown.
func (s *Server) scopeChoices(r *request, team access.TeamID) ([]choiceGroup, people.CodeList, error) {
	teams, services, err := s.app.Teams(r.Context(), r.actor)
	if err != nil {
		return nil, nil, err
	}
	sv, tm := choiceGroup{Label: "Services"}, choiceGroup{Label: "Teams"}
	for _, x := range services {
		sv.Options = append(sv.Options, people.Code{Code: "service:" + strconv.FormatInt(int64(x.ID), 10), Label: x.Name})
	}
	for _, t := range teams {
		tm.Options = append(tm.Options, people.Code{Code: "team:" + strconv.FormatInt(int64(t.ID), 10), Label: t.Name})
	}
	var workers people.CodeList
	if team != 0 {
		us, err := s.app.PerformanceWorkers(r.Context(), r.actor, team)
		if err != nil {
			return nil, nil, err
		}
		for _, u := range us {
			workers = append(workers, people.Code{Code: strconv.FormatInt(int64(u.ID), 10), Label: u.DisplayName})
		}
	}
	return []choiceGroup{sv, tm}, workers, nil
}

func (s *Server) framework(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	p := &frameworkView{Page: r.page, Quick: quickDates(s.app.Today()),
		Lists: access.Can(r.actor.Principal, access.ReadPerformanceChildren)}
	p.Title = "Performance framework"
	p.F = newForm(&p.Page)
	var fields errs.Fields
	at, v := dateQuery(q, "at", "The date", &fields)
	p.At = v
	if err := fields.Err(); err != nil {
		p.F.take(err)
		at = civil.Date{}
	}
	f, err := s.app.Framework(r.Context(), r.actor, app.FrameworkQuery{At: at, Scope: scopeQuery(q)})
	if p.F.take(err) {
		f, err = s.app.Framework(r.Context(), r.actor, app.FrameworkQuery{At: at})
	}
	if err != nil {
		return err
	}
	p.Framework = f
	p.scopeLinks = linksFor(f.Scope)
	if p.ScopeKey != "" {
		p.For = p.ScopeKey + ":" + p.ScopeID
	}
	if p.At == (DateValue{}) {
		p.At = dateValueOf(f.At)
	}
	if p.Choices, p.Workers, err = s.scopeChoices(r, f.Scope.Team); err != nil {
		return err
	}
	status := http.StatusOK
	if len(p.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return s.render(w, status, "framework", p)
}

type indicatorView struct {
	Page
	app.IndicatorPage
	Def  indicators.Definition
	Prev string
	Next string
	// Query is the date and scope, for links that keep them.
	Query template.URL
	scopeLinks
}

func (s *Server) indicator(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	var fields errs.Fields
	at, _ := dateQuery(q, "at", "The date", &fields)
	if err := fields.Err(); err != nil {
		return err
	}
	page, _ := strconv.Atoi(q.Get("page"))
	iq := app.IndicatorQuery{ID: r.PathValue("id"), At: at, Scope: scopeQuery(q), List: q.Get("list"), Page: max(page, 1)}
	if !access.Can(r.actor.Principal, access.ReadPerformanceChildren) {
		iq.FiguresOnly = true
	}
	ip, err := s.app.Indicator(r.Context(), r.actor, iq)
	if err != nil {
		return err
	}
	p := &indicatorView{Page: r.page, IndicatorPage: ip, Def: ip.Row.Def, scopeLinks: linksFor(ip.Scope)}
	p.Title = ip.Row.Def.Title
	p.Query = queryURL(withScope(url.Values{"at": {ip.At.String()}}, ip.Scope))
	link := func(n int) string {
		v := withScope(url.Values{"at": {ip.At.String()}, "list": {ip.List}, "page": {strconv.Itoa(n)}}, ip.Scope)
		return "?" + v.Encode() + "#list"
	}
	if ip.Page > 1 {
		p.Prev = link(ip.Page - 1)
	}
	if ip.Page < ip.Pages {
		p.Next = link(ip.Page + 1)
	}
	return s.render(w, http.StatusOK, "indicator", p)
}

type trendView struct {
	Page
	F *form
	app.Trend
	From, To DateValue
	Chart    template.HTML
	Query    template.URL
	scopeLinks
}

func (s *Server) trendOf(r *request) (app.Trend, *trendView, error) {
	q := r.URL.Query()
	p := &trendView{Page: r.page}
	p.F = newForm(&p.Page)
	var fields errs.Fields
	from, fv := dateQuery(q, "from", "The first month", &fields)
	to, tv := dateQuery(q, "to", "The last month", &fields)
	if err := fields.Err(); err != nil {
		return app.Trend{}, nil, err
	}
	tr, err := s.app.IndicatorTrend(r.Context(), r.actor, app.TrendQuery{ID: r.PathValue("id"), From: from, To: to, Scope: scopeQuery(q)})
	if err != nil {
		return tr, nil, err
	}
	p.Trend, p.From, p.To = tr, fv, tv
	if p.From == (DateValue{}) {
		p.From = dateValueOf(tr.From)
	}
	if p.To == (DateValue{}) {
		p.To = dateValueOf(tr.To)
	}
	p.Query = queryURL(withScope(url.Values{"from": {tr.From.String()}, "to": {tr.To.String()}}, tr.Scope))
	p.scopeLinks = linksFor(tr.Scope)
	return tr, p, nil
}

func (s *Server) trend(w http.ResponseWriter, r *request) error {
	tr, p, err := s.trendOf(r)
	if err != nil {
		return err
	}
	p.Title = tr.Def.Title + ": trend"
	p.Chart = trendSVG(tr)
	return s.render(w, http.StatusOK, "trend", p)
}

// trendCSV is the trend's table as CSV: one row per month end.
func (s *Server) trendCSV(w http.ResponseWriter, r *request) error {
	tr, _, err := s.trendOf(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write([]string{"indicator", "at", "value", "numerator", "denominator"})
	for _, pt := range tr.Points {
		v := ""
		if pt.Value != nil {
			v = strconv.FormatFloat(*pt.Value, 'f', -1, 64)
		}
		_ = cw.Write([]string{tr.Def.ID, pt.At.String(), v, strconv.Itoa(pt.Numerator), strconv.Itoa(pt.Denominator)})
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-trend-%s-to-%s.csv"`, tr.Def.ID, tr.From, tr.To))
	_, err = w.Write(buf.Bytes())
	return err
}

// trendSVG draws the trend as a line chart: an image with a title and a
// description for a screen reader (the table beneath holds the same
// figures), axes with labelled ticks, and a point per month with its value
// as a tooltip. Months with no value break the line.
func trendSVG(tr app.Trend) template.HTML {
	const (
		width, height          = 720.0, 320.0
		left, right, top, base = 64.0, 16.0, 16.0, 48.0
	)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range tr.Points {
		if p.Value != nil {
			lo, hi = math.Min(lo, *p.Value), math.Max(hi, *p.Value)
		}
	}
	if tr.Target.Target != nil {
		lo, hi = math.Min(lo, *tr.Target.Target), math.Max(hi, *tr.Target.Target)
	}
	esc := template.HTMLEscapeString
	var b strings.Builder
	title := tr.Def.Title + ", month ends from " + tr.From.Format() + " to " + tr.To.Format()
	fmt.Fprintf(&b, `<svg class="hearth-chart" viewBox="0 0 %g %g" width="100%%" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">`, width, height)
	fmt.Fprintf(&b, `<title id="chart-title">%s</title>`, esc(title))
	if math.IsInf(lo, 0) {
		fmt.Fprintf(&b, `<desc id="chart-desc">No month of the range has a value.</desc></svg>`)
		return template.HTML(b.String())
	}
	if lo > 0 && tr.Def.Unit != indicators.UnitDays {
		lo = 0
	}
	step := niceStep(hi-lo, tr.Def.Unit)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if hi == lo {
		hi = lo + step
	}
	first, last := "", ""
	for _, p := range tr.Points {
		if p.Value != nil {
			if first == "" {
				first = app.FormatValue(tr.Def.Unit, p.Value)
			}
			last = app.FormatValue(tr.Def.Unit, p.Value)
		}
	}
	fmt.Fprintf(&b, `<desc id="chart-desc">From %s to %s; lowest %s, highest %s. The table below gives every month.</desc>`,
		esc(first), esc(last), esc(app.FormatValue(tr.Def.Unit, &lo)), esc(app.FormatValue(tr.Def.Unit, &hi)))
	n := len(tr.Points)
	x := func(i int) float64 {
		if n == 1 {
			return left + (width-left-right)/2
		}
		return left + float64(i)*(width-left-right)/float64(n-1)
	}
	y := func(v float64) float64 { return top + (hi-v)/(hi-lo)*(height-top-base) }
	// Axes and ticks.
	fmt.Fprintf(&b, `<g aria-hidden="true" font-size="12" fill="#0b0c0c"><line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#505a5f"/>`, left, height-base, width-right, height-base)
	fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#505a5f"/>`, left, top, left, height-base)
	for v := lo; v <= hi+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#b1b4b6" stroke-dasharray="2 4"/>`, left, y(v), width-right, y(v))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end">%s</text>`, left-6, y(v)+4, esc(app.FormatValue(tr.Def.Unit, &v)))
	}
	every := max(1, n/8)
	for i := 0; i < n; i += every {
		p := tr.Points[i]
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" text-anchor="middle">%s %d</text>`, x(i), height-base+18, esc(p.At.Month.String()[:3]), p.At.Year)
	}
	if t := tr.Target.Target; t != nil {
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#00703c" stroke-dasharray="8 4"/>`, left, y(*t), width-right, y(*t))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" fill="#00703c">Target %s</text>`, width-right, y(*t)-4, esc(app.FormatValue(tr.Def.Unit, t)))
	}
	b.WriteString(`</g>`)
	// The line, broken where a month has no value.
	var path strings.Builder
	pen := false
	for i, p := range tr.Points {
		if p.Value == nil {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(i), y(*p.Value))
		pen = true
	}
	fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#1d70b8" stroke-width="3" aria-hidden="true"/>`, strings.TrimSpace(path.String()))
	for i, p := range tr.Points {
		if p.Value != nil {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="#1d70b8"><title>%s: %s</title></circle>`, x(i), y(*p.Value), esc(p.At.Format()), esc(app.FormatValue(tr.Def.Unit, p.Value)))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// niceStep is the step between the chart's ticks: 1, 2 or 5 times a power
// of ten, at least a quarter of the span (so at most five ticks), and
// whole for a count or days.
func niceStep(span float64, u indicators.Unit) float64 {
	if span <= 0 {
		span = 1
	}
	raw := span / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * p
	for _, m := range []float64{1, 2, 5} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	if (u == indicators.UnitCount || u == indicators.UnitDays) && step < 1 {
		step = 1
	}
	return step
}

type reportView struct {
	Page
	F      *form
	At     DateValue
	Report template.HTML
	Query  template.URL
}

func (s *Server) reportDoc(r *request) (report.Document, civil.Date, error) {
	var fields errs.Fields
	at, _ := dateQuery(r.URL.Query(), "at", "The date", &fields)
	if err := fields.Err(); err != nil {
		return report.Document{}, at, err
	}
	if at.IsZero() {
		at = s.app.Today()
	}
	d, err := s.app.PerformanceReport(r.Context(), r.actor, at)
	return d, at, err
}

func (s *Server) performanceReport(w http.ResponseWriter, r *request) error {
	d, at, err := s.reportDoc(r)
	if err != nil {
		return err
	}
	frag, err := report.Fragment(d)
	if err != nil {
		return err
	}
	p := &reportView{Page: r.page, At: dateValueOf(at), Report: frag, Query: queryURL(url.Values{"at": {at.String()}})}
	p.Title = "Performance report"
	p.F = newForm(&p.Page)
	return s.render(w, http.StatusOK, "performance-report", p)
}

// performanceReportFile is the report as a PDF or a workbook, by the path's
// ending.
func (s *Server) performanceReportFile(w http.ResponseWriter, r *request) error {
	d, at, err := s.reportDoc(r)
	if err != nil {
		return err
	}
	format := "xlsx"
	if strings.HasSuffix(r.URL.Path, ".pdf") {
		format = "pdf"
	}
	_, err = s.download(w, format, "performance-report-"+at.String(), d)
	return err
}

type performanceDataView struct {
	Page
	F *form
	app.CouncilDataPage
	Manage bool
	// The import form.
	What, CSV, Reason string
	At                DateValue
	Whats             people.CodeList
	// The target form.
	Indicators people.CodeList
	T          map[string]string
	// The population and position forms, by their fields' names.
	P       map[string]string
	PAt     DateValue
	Holding bool
	// Conflict: the data changed since the page was opened.
	Conflict bool
}

var importWhats = people.CodeList{
	{Code: app.ImportPopulation, Label: "Population aged 0 to 17 (year, children)"},
	{Code: app.ImportTargets, Label: "Targets, RAG thresholds and comparators"},
	{Code: app.ImportEstablishment, Label: "Workforce establishment (the layout of workforce-2023.csv)"},
	{Code: app.ImportLeavers, Label: "Workforce leavers (ref, position, left, fte)"},
}

func (s *Server) performanceDataPage(r *request) (*performanceDataView, error) {
	d, err := s.app.PerformanceData(r.Context(), r.actor)
	if err != nil {
		return nil, err
	}
	p := &performanceDataView{Page: r.page, CouncilDataPage: d, Manage: access.Can(r.actor.Principal, access.ManagePerformance),
		Whats: importWhats, T: map[string]string{}, P: map[string]string{}}
	p.Title = "Council performance data"
	p.F = newForm(&p.Page)
	for _, def := range indicators.Definitions {
		p.Indicators = append(p.Indicators, people.Code{Code: def.ID, Label: def.Title})
	}
	return p, nil
}

func (s *Server) performanceData(w http.ResponseWriter, r *request) error {
	p, err := s.performanceDataPage(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("saved") != "" {
		p.Flash = "The council’s performance data has been saved"
	}
	return s.render(w, http.StatusOK, "performance-data", p)
}

// savedData answers a save of the council's data: back to the page, or
// the page again with what went wrong (or, if someone saved first, with
// their data and what was typed kept).
func (s *Server) savedData(w http.ResponseWriter, r *request, p *performanceDataView, err error) error {
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/performance/data?saved=1", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict = true
		p.Title = "Someone else has changed the council’s performance data"
		return s.render(w, http.StatusConflict, "performance-data", p)
	case p.F.take(err):
		return s.render(w, http.StatusUnprocessableEntity, "performance-data", p)
	}
	return err
}

// openDataForm is the start of each form that changes the council's
// performance data: the permission, the page to show again with any
// errors, and the version the change is from.
func (s *Server) openDataForm(r *request) (*performanceDataView, int, error) {
	if err := s.require(r, access.ManagePerformance, "You do not have permission to change the council’s performance data"); err != nil {
		return nil, 0, err
	}
	p, err := s.performanceDataPage(r)
	if err != nil {
		return nil, 0, err
	}
	v, err := postedVersion(r, 0, "the data", "Open the page and start again")
	return p, v, err
}

// maxImportFile bounds a file of the council's data: a leavers' file of
// ten years is a few hundred kilobytes.
const maxImportFile = 10 << 20

// performanceImport takes a CSV file, chosen or pasted into the form.
func (s *Server) performanceImport(w http.ResponseWriter, r *request) error {
	p, v, err := s.openDataForm(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	p.What, p.CSV, p.Reason, p.At = f.Get("what"), f.Get("csv"), f.Get("reason"), dateValue(f, "at")
	var fields errs.Fields
	at := p.At.parse("at", "The day the establishment was counted", &fields)
	name, file, box := "the file", io.Reader(strings.NewReader(p.CSV)), "csv"
	if up, ok := uploaded(r, "file"); ok {
		defer up.Close()
		name, file, box = up.name, up, "file"
	} else if strings.TrimSpace(p.CSV) == "" {
		fields.Add("file", "Choose a CSV file, or paste its contents")
	}
	if err := fields.Err(); err != nil {
		return s.savedData(w, r, p, err)
	}
	_, err = s.app.ImportPerformanceData(r.Context(), r.actor, app.PerformanceImport{What: p.What, Name: name, File: file,
		At: at, Version: v, Reason: p.Reason})
	if e := errs.As(err); e != nil {
		// The file's problems are the box's it came in.
		for i := range e.Fields {
			if e.Fields[i].Field == "file" {
				e.Fields[i].Field = box
			}
		}
	}
	return s.savedData(w, r, p, err)
}

// targetFields are the form's boxes of a target, by the CSV's column names.
var targetFields = []struct{ name, label string }{
	{"target", "Target"}, {"green", "Green from"}, {"amber", "Amber from"},
	{"statistical_neighbours", "Statistical neighbours"}, {"region", "West Midlands"}, {"england", "England"},
}

// performanceTarget sets one indicator's target, thresholds and comparators
// for a year, keeping the rest of the council's data.
func (s *Server) performanceTarget(w http.ResponseWriter, r *request) error {
	p, v, err := s.openDataForm(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	var fields errs.Fields
	t := indicators.Target{Indicator: f.Get("indicator")}
	p.T["indicator"], p.T["year"], p.T["reason"] = t.Indicator, f.Get("year"), f.Get("target_reason")
	if y, err := strconv.Atoi(strings.TrimSpace(f.Get("year"))); err == nil {
		t.Year = y
	} else {
		fields.Add("year", "Enter the year to 31 March, such as 2023")
	}
	num := func(name string) *float64 {
		s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f.Get(name)), "%"))
		p.T[name] = f.Get(name)
		if s == "" {
			return nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			fields.Add(name, "Enter a number")
			return nil
		}
		return &x
	}
	t.Target, t.Green, t.Amber = num("target"), num("green"), num("amber")
	t.Neighbours, t.Region, t.England = num("statistical_neighbours"), num("region"), num("england")
	if err := fields.Err(); err != nil {
		return s.savedData(w, r, p, err)
	}
	d := p.Data
	kept := d.Targets[:0:0]
	for _, x := range d.Targets {
		if x.Indicator != t.Indicator || x.Year != t.Year {
			kept = append(kept, x)
		}
	}
	d.Targets = append(kept, t)
	_, err = s.app.SetPerformanceData(r.Context(), r.actor, d, v, p.T["reason"], fmt.Sprintf("target of %s for %d", t.Indicator, t.Year))
	if e := errs.As(err); e != nil {
		// A rule of the whole data names the target by its place; the form
		// has one of each box, and its own reason beside the import's.
		for i := range e.Fields {
			if _, after, ok := strings.Cut(e.Fields[i].Field, "]."); ok && strings.HasPrefix(e.Fields[i].Field, "targets[") {
				e.Fields[i].Field = after
			}
			if e.Fields[i].Field == "reason" {
				e.Fields[i].Field = "target_reason"
			}
		}
	}
	return s.savedData(w, r, p, err)
}

// renamed moves a rule's fields of the whole data (population[0].children)
// to the form's boxes: the last part of the path, through names, and the
// form's reason.
func renamed(err error, reason string, names map[string]string) error {
	e := errs.As(err)
	if e == nil {
		return err
	}
	for i := range e.Fields {
		f := e.Fields[i].Field
		if j := strings.LastIndex(f, "."); j >= 0 {
			f = f[j+1:]
		}
		if n, ok := names[f]; ok {
			f = n
		}
		if f == "reason" {
			f = reason
		}
		e.Fields[i].Field = f
	}
	return err
}

// fteField reads a form's box as a number (blank: 0), naming it when it is
// not one.
func fteField(f url.Values, name, label string, fields *errs.Fields) float64 {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return 0
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		fields.Add(name, "%s must be a number, such as 12.5", label)
	}
	return x
}

// performancePopulation sets the population of one year.
func (s *Server) performancePopulation(w http.ResponseWriter, r *request) error {
	p, v, err := s.openDataForm(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	for _, n := range []string{"population_year", "population_children", "population_reason"} {
		p.P[n] = f.Get(n)
	}
	var fields errs.Fields
	year, err := strconv.Atoi(strings.TrimSpace(f.Get("population_year")))
	if err != nil {
		fields.Add("population_year", "Enter the year, such as 2023")
	}
	children, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(f.Get("population_children")), ",", ""))
	if err != nil {
		fields.Add("population_children", "Enter the number of children aged 0 to 17, such as 63051")
	}
	if err := fields.Err(); err != nil {
		return s.savedData(w, r, p, err)
	}
	d := p.Data
	kept := d.Population[:0:0]
	for _, x := range d.Population {
		if x.Year != year {
			kept = append(kept, x)
		}
	}
	d.Population = append(kept, indicators.PopulationYear{Year: year, Children: children})
	_, err = s.app.SetPerformanceData(r.Context(), r.actor, d, v, p.P["population_reason"], fmt.Sprintf("population of %d", year))
	return s.savedData(w, r, p, renamed(err, "population_reason", map[string]string{"year": "population_year", "children": "population_children"}))
}

// performancePosition sets one position of the establishment counted on a
// day (a new count starts from the one before it).
func (s *Server) performancePosition(w http.ResponseWriter, r *request) error {
	p, v, err := s.openDataForm(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	for _, n := range []string{"position_name", "budgeted_fte", "permanent_fte", "vacant_fte", "agency_fte", "position_reason"} {
		p.P[n] = f.Get(n)
	}
	p.PAt, p.Holding = dateValue(f, "position_at"), f.Get("case_holding") == "yes"
	var fields errs.Fields
	at := p.PAt.parse("position_at", "The day of the count", &fields)
	if at.IsZero() && !fields.Has("position_at") {
		fields.Add("position_at", "Enter the day the establishment was counted")
	}
	pos := indicators.Position{Name: strings.TrimSpace(f.Get("position_name")), CaseHolding: p.Holding,
		Budgeted: fteField(f, "budgeted_fte", "Budgeted FTE", &fields), Permanent: fteField(f, "permanent_fte", "Permanent FTE", &fields),
		Vacant: fteField(f, "vacant_fte", "Vacant FTE", &fields), Agency: fteField(f, "agency_fte", "Agency FTE", &fields)}
	if err := fields.Err(); err != nil {
		return s.savedData(w, r, p, err)
	}
	d := p.Data
	// The count of the day, or a new one starting from the last before it.
	var est indicators.Establishment
	kept := d.Establishments[:0:0]
	for _, e := range d.Establishments {
		if e.At == at {
			est = e
			continue
		}
		kept = append(kept, e)
	}
	if est.At.IsZero() {
		est = indicators.Establishment{At: at, Positions: slices.Clone(d.WorkforceOn(at).Positions)}
	}
	est.Positions = slices.Clone(est.Positions)
	replaced := false
	for i := range est.Positions {
		if est.Positions[i].Name == pos.Name {
			est.Positions[i], replaced = pos, true
		}
	}
	if !replaced {
		est.Positions = append(est.Positions, pos)
	}
	d.Establishments = append(kept, est)
	_, err = s.app.SetPerformanceData(r.Context(), r.actor, d, v, p.P["position_reason"], fmt.Sprintf("position %s in the establishment of %s", pos.Name, at))
	return s.savedData(w, r, p, renamed(err, "position_reason", map[string]string{"name": "position_name", "at": "position_at"}))
}
