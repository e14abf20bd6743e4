package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/report"
)

// The schooling module: the monthly report of the attendance and SEND of
// children with a social worker, as a page and as CSV (the figures, or one
// figure's children).

func (s *Server) schoolingModule() module {
	return module{
		name: "schooling",
		routes: []route{
			signedInRoute("GET", "/schooling", "schooling", s.schooling),
			signedInRoute("GET", "/schooling.csv", "schooling", s.schoolingCSV),
		},
		nav: []navLink{{key: "schooling", label: "Schooling report", href: "/schooling", action: access.ReportSchooling}},
		funcs: template.FuncMap{
			"cohortCell": cohortCell,
			"groupLabel": education.CohortGroups.Label,
		},
		dateFields: []string{"at"},
	}
}

// cohortCell shows a figure's cell: a count (of how many, as a
// percentage), or for the attendance rate its percentage of sessions.
func cohortCell(f education.CohortFigure, c education.CohortCell) string {
	pct := "–"
	if c.HasValue {
		pct = fmt.Sprintf("%d.%d%%", c.PerThousand/10, c.PerThousand%10)
	}
	switch {
	case f.Sessions:
		return pct
	case c.Of == 0 && !c.HasValue:
		return strconv.Itoa(c.Count)
	}
	return fmt.Sprintf("%d (%s)", c.Count, pct)
}

type schoolingView struct {
	Page
	F *form
	app.SchoolingReport
	Day    DateValue // the day's boxes
	Groups []string
}

// schoolingQuery reads the day (three boxes or at=YYYY-MM-DD) and the
// figure asked for.
func schoolingQuery(r *request) (app.SchoolingQuery, DateValue, error) {
	q := r.URL.Query()
	var fields errs.Fields
	at, v := dateQuery(q, "at", "The day", &fields)
	return app.SchoolingQuery{At: at, Figure: q.Get("figure")}, v, fields.Err()
}

func (s *Server) schooling(w http.ResponseWriter, r *request) error {
	p := &schoolingView{Page: r.page}
	p.Title = "Attendance and SEND of children with a social worker"
	p.F = newForm(&p.Page)
	for _, g := range education.CohortGroups {
		p.Groups = append(p.Groups, g.Code)
	}
	q, v, err := schoolingQuery(r)
	p.Day = v
	if p.F.take(err) {
		q = app.SchoolingQuery{}
	}
	rep, err := s.app.SchoolingReportOn(r.Context(), r.actor, q)
	if p.F.take(err) {
		rep, err = s.app.SchoolingReportOn(r.Context(), r.actor, app.SchoolingQuery{})
	}
	if err != nil {
		return err
	}
	p.SchoolingReport = rep
	if p.Day == (DateValue{}) {
		p.Day = dateValueOf(rep.At)
	}
	status := http.StatusOK
	if len(p.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return s.render(w, status, "schooling", p)
}

// schoolingCSV writes the report's figures (a row each: all the children,
// then each group), or with ?figure= that figure's children.
func (s *Server) schoolingCSV(w http.ResponseWriter, r *request) error {
	q, _, err := schoolingQuery(r)
	if err != nil {
		return err
	}
	rep, err := s.app.SchoolingReportOn(r.Context(), r.actor, q)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	name := fmt.Sprintf("schooling-%s.csv", rep.At)
	if f := rep.Listed; f != nil {
		name = fmt.Sprintf("schooling-%s-%s.csv", rep.At, f.Key)
		_ = cw.Write([]string{"person_id", "name", "group", "detail"})
		for _, c := range f.Children {
			// A restricted child is a row with no id and no name, as on
			// the page.
			id, n := strconv.FormatInt(int64(c.PersonID), 10), rep.Names[c.PersonID]
			if n == "" {
				id, n = "", "Restricted record"
			}
			_ = cw.Write([]string{id, report.CSVText(n), education.CohortGroups.Label(c.Group), c.Detail})
		}
	} else {
		head := []string{"figure", "label", "all_count", "all_of", "all_percent"}
		for _, g := range education.CohortGroups {
			head = append(head, g.Code+"_count", g.Code+"_of", g.Code+"_percent")
		}
		_ = cw.Write(head)
		cells := func(c education.CohortCell) []string {
			pct := ""
			if c.HasValue {
				pct = fmt.Sprintf("%d.%d", c.PerThousand/10, c.PerThousand%10)
			}
			return []string{strconv.Itoa(c.Count), strconv.Itoa(c.Of), pct}
		}
		for _, f := range rep.Figures {
			row := append([]string{f.Key, f.Label}, cells(f.All)...)
			for _, g := range education.CohortGroups {
				row = append(row, cells(f.Groups[g.Code])...)
			}
			_ = cw.Write(row)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}
