package api

import (
	"net/http"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// indicatorRoutes are the performance framework: every indicator at a
// date, and one with a page of the children behind it.
func (x *API) indicatorRoutes() []route {
	return []route{
		{http.MethodGet, "/indicators", x.indicators},
		{http.MethodGet, "/indicators/{id}", x.indicator},
	}
}

// The response bodies, each named after its OpenAPI schema.
type (
	indicatorsResponse struct {
		At         civil.Date        `json:"at"`
		TeamID     access.TeamID     `json:"team_id,omitzero"`
		ServiceID  access.ServiceID  `json:"service_id,omitzero"`
		WorkerID   access.UserID     `json:"worker_id,omitzero"`
		Indicators []indicatorFigure `json:"indicators"`
	}
	indicatorFigure struct {
		ID          string             `json:"id"`
		Title       string             `json:"title"`
		Section     string             `json:"section"`
		Unit        string             `json:"unit"`
		Better      string             `json:"direction"`
		Source      string             `json:"source"`
		Period      string             `json:"period"`
		Definition  string             `json:"definition"`
		At          civil.Date         `json:"at"`
		From        civil.Date         `json:"from,omitzero"`
		Value       *float64           `json:"value"`
		NoValue     string             `json:"no_value,omitempty"`
		Numerator   int                `json:"numerator"`
		Denominator int                `json:"denominator"`
		Base        int                `json:"base,omitzero"`
		LastYear    *float64           `json:"last_year"`
		Travel      string             `json:"direction_of_travel"`
		Target      *indicators.Target `json:"target"`
		RAG         string             `json:"rag"`
		NotByTeam   bool               `json:"not_by_team,omitempty"`
		Groups      []indicatorGroup   `json:"groups,omitempty"`
	}
	indicatorGroup struct {
		Name  string   `json:"name"`
		Value *float64 `json:"value"`
	}
	indicatorResponse struct {
		indicatorFigure
		List *indicatorList `json:"list,omitempty"`
	}
	indicatorList struct {
		Name    string           `json:"name"`
		Page    int              `json:"page"`
		PerPage int              `json:"per_page"`
		Pages   int              `json:"pages"`
		Total   int              `json:"total"`
		Entries []indicatorEntry `json:"entries"`
	}
	indicatorEntry struct {
		PersonID   people.ID  `json:"person_id,omitzero"`
		Name       string     `json:"name,omitempty"`
		Restricted bool       `json:"restricted,omitempty"`
		RecordID   journey.ID `json:"record_id,omitzero"`
		Start      civil.Date `json:"start,omitzero"`
		End        civil.Date `json:"end,omitzero"`
		Reason     string     `json:"reason"`
		Amount     float64    `json:"amount,omitzero"`
	}
)

func figureOf(row app.FrameworkRow, at civil.Date) indicatorFigure {
	d := row.Def
	f := indicatorFigure{ID: d.ID, Title: d.Title, Section: string(d.Section), Unit: string(d.Unit), Better: string(d.Better),
		Source: d.Source, Period: string(d.Period), Definition: d.Text, At: at, Value: row.Value, NoValue: row.NoValue, Numerator: row.Numerator,
		Denominator: row.Denominator, LastYear: row.LastYear, Travel: row.Travel, RAG: row.RAG, NotByTeam: row.NotByTeam}
	if row.HasTarget {
		t := row.Target
		f.Target = &t
	}
	return f
}

// performanceQuery reads ?at= and the scope: ?team=, ?service= or ?worker=.
func performanceQuery(r *http.Request, fields *errs.Fields) (civil.Date, app.Scope) {
	q := r.URL.Query()
	var at civil.Date
	if s := q.Get("at"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			fields.Add("at", "Enter a real date in the form YYYY-MM-DD, such as 2023-03-31")
		}
		at = d
	}
	id := func(name, what string) int64 {
		s := q.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			fields.Add(name, "Enter a %s’s id", what)
		}
		return n
	}
	return at, app.Scope{Team: access.TeamID(id("team", "team")), Service: access.ServiceID(id("service", "service")), Worker: access.UserID(id("worker", "worker"))}
}

// indicators: GET /api/v1/indicators?at=&team=|service=|worker=. Every indicator at the
// date (today when not given), with last year's value, target, RAG and
// comparators.
func (x *API) indicators(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var fields errs.Fields
	at, scope := performanceQuery(r, &fields)
	if err := fields.Err(); err != nil {
		return err
	}
	f, err := x.app.Framework(r.Context(), ac, app.FrameworkQuery{At: at, Scope: scope})
	if err != nil {
		return err
	}
	out := indicatorsResponse{At: f.At, TeamID: f.Scope.Team, ServiceID: f.Scope.Service, WorkerID: f.Scope.Worker, Indicators: []indicatorFigure{}}
	for _, s := range f.Sections {
		for _, row := range s.Rows {
			out.Indicators = append(out.Indicators, figureOf(row, f.At))
		}
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// indicator: GET /api/v1/indicators/{id}?at=&team=|service=|worker=&list=&page=&per_page=.
// The figure, and for those who may open the scope's lists a page of one
// of them.
func (x *API) indicator(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var fields errs.Fields
	at, scope := performanceQuery(r, &fields)
	q := r.URL.Query()
	num := func(name string) int {
		s := q.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			fields.Add(name, "Enter a whole number from 1")
		}
		return n
	}
	iq := app.IndicatorQuery{ID: r.PathValue("id"), At: at, Scope: scope, List: q.Get("list"), Page: num("page"), PerPage: num("per_page"),
		FiguresOnly: !access.Can(ac.Principal, access.ReadPerformanceChildren)}
	if err := fields.Err(); err != nil {
		return err
	}
	ip, err := x.app.Indicator(r.Context(), ac, iq)
	if err != nil {
		return err
	}
	out := indicatorResponse{indicatorFigure: figureOf(ip.Row, ip.At)}
	out.From, out.Base = ip.Result.From, ip.Result.Base
	for _, g := range ip.Groups {
		out.Groups = append(out.Groups, indicatorGroup{Name: g.Name, Value: g.Value})
	}
	if ip.Lists {
		l := &indicatorList{Name: ip.List, Page: ip.Page, PerPage: ip.PerPage, Pages: ip.Pages, Total: ip.Total, Entries: []indicatorEntry{}}
		for _, e := range ip.Entries {
			name := e.Name
			if e.PersonID == 0 {
				name = e.Entry.Name
			}
			l.Entries = append(l.Entries, indicatorEntry{PersonID: e.PersonID, Name: name, Restricted: e.Restricted, RecordID: e.RecordID,
				Start: e.Start, End: e.End, Reason: e.Reason, Amount: e.Amount})
		}
		out.List = l
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}
