package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/indicators"
)

// Checking a return (returncheck module): the analyst chooses a return, a
// collection year and the day its records are read as recorded on, and
// sees every place the return breaks one of the DfE's rules, grouped by
// rule, each with the child and a link to the record and field to put
// right. The form is a GET: checking changes nothing, and the page's
// address can be kept and opened again after a fix.

func (s *Server) returnCheckModule() module {
	return module{
		name: "returncheck",
		routes: []route{
			signedInRoute("GET", "/returns/check", "returns", s.returnCheckPage),
		},
		funcs:      template.FuncMap{},
		dateFields: []string{"as_recorded_on"},
	}
}

// findingsPerPage is how many findings a page of the check shows: a
// council's first check of a year can find thousands.
const findingsPerPage = 100

// returnCheckView is the page: the form as typed and, once asked, the
// check's summary and a page of its findings grouped by rule.
type returnCheckView struct {
	Page
	F      *form
	Kinds  [][2]string // name and title
	Kind   string
	Year   string
	On     DateValue
	Check  *app.ReturnCheck
	Groups []findingGroup
	Pager  pager
}

// findingGroup is the findings of one rule on the page, with the number
// of the rule's findings in the whole return.
type findingGroup struct {
	Rule, Message string
	Query         bool
	Count         int
	Findings      []app.ReturnFinding
}

// Choose is the error of the form's radios for the return.
func (p *returnCheckView) Choose() *errs.Field { return p.ErrorFor("kind") }

// OnInput is the date boxes of the day the records are read as recorded on.
func (p *returnCheckView) OnInput() dateInput {
	d := p.F.DateIn("as_recorded_on", "Records as recorded on (optional)", p.On)
	d.Hint = "The end of this day. Empty: as they stand now"
	return d
}

func (s *Server) returnCheckPage(w http.ResponseWriter, r *request) error {
	if err := s.require(r, access.ExportReturns, "You do not have permission to check statutory returns"); err != nil {
		return err
	}
	q := r.URL.Query()
	p := &returnCheckView{Page: r.page, Kinds: app.ReturnCheckKinds()}
	p.Title = "Check a return"
	p.F = newForm(&p.Page)
	p.Kind, p.Year, p.On = q.Get("kind"), strings.TrimSpace(q.Get("year")), dateValue(q, "as_recorded_on")
	if !q.Has("year") {
		// Not asked yet: the form, with the year a council is sending.
		p.Year = fmt.Sprint(indicators.YearOf(s.app.Today()) - 1)
		if len(p.Kinds) > 0 {
			p.Kind = p.Kinds[0][0]
		}
		return s.render(w, http.StatusOK, "returncheck", p)
	}
	var bad errs.Fields
	on := p.On.parse("as_recorded_on", "The date the records are read as recorded on", &bad)
	req := app.ReturnRequest{Kind: p.Kind, Year: p.Year}
	switch {
	case len(bad) > 0:
		req.AsRecordedOn = "not a date" // refused with every other field's error
	case !on.IsZero():
		req.AsRecordedOn = on.String()
	}
	c, err := s.app.CheckReturn(r.Context(), r.actor, req)
	if err != nil {
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid {
			return err
		}
		fields := mergeErrors(bad, err)
		order := []string{"kind", "year", "as_recorded_on"}
		slices.SortStableFunc(fields, func(a, b errs.Field) int { return slices.Index(order, a.Field) - slices.Index(order, b.Field) })
		p.F.take(&errs.Error{Code: errs.Invalid, Message: e.Message, Fields: fields})
		return s.render(w, http.StatusUnprocessableEntity, "returncheck", p)
	}
	p.Title = fmt.Sprintf("Check of the %s %d", c.Title, c.Year)
	p.Check = &c
	shown, pg := pageOfList(c.Findings, q, "page", findingsPerPage, "findings")
	p.Pager = pg
	p.Groups = groupFindings(shown, c.Findings)
	return s.render(w, http.StatusOK, "returncheck", p)
}

// groupFindings groups a page of findings by rule, in the order they come
// (rule order), counting each rule's findings in the whole return.
func groupFindings(shown, all []app.ReturnFinding) []findingGroup {
	count := map[string]int{}
	for _, f := range all {
		count[f.Rule]++
	}
	var out []findingGroup
	for _, f := range shown {
		if n := len(out); n == 0 || out[n-1].Rule != f.Rule {
			out = append(out, findingGroup{Rule: f.Rule, Message: f.Message, Query: f.Query, Count: count[f.Rule]})
		}
		g := &out[len(out)-1]
		g.Findings = append(g.Findings, f)
	}
	return out
}
