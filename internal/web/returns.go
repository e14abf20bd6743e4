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
	"hearth/internal/returns/load"
	"hearth/internal/store"
)

// The statutory returns (returns module): a page where an analyst or an
// administrator chooses a return, its collection year and the day its
// records are read as recorded on, and downloads it; and the administrator's
// page of the council's details that a return's header carries.

func (s *Server) returnsModule() module {
	return module{
		name: "returns",
		routes: []route{
			signedInRoute("GET", "/returns", "returns", show(s, "returns", s.returnsPage)),
			signedInRoute("POST", "/returns", "returns", s.returnsPost),
			uploadRoute("/returns/import", "returns", maxReturnImport, access.ImportReturns, s.returnsImport),
			signedInRoute("GET", "/admin/council", "admin", show(s, "council", s.councilPage)),
			signedInRoute("POST", "/admin/council", "admin", s.councilPost),
		},
		nav:        []navLink{{key: "returns", label: "Statutory returns", href: "/returns", action: access.ExportReturns}},
		funcs:      template.FuncMap{"problemPlace": problemPlace},
		dateFields: []string{"as_recorded_on", "to"},
	}
}

// returnsView is the page: the returns to choose from and the form's
// values, as typed.
type returnsView struct {
	Page
	F     *form
	Kinds []app.ReturnKind
	Kind  string
	Year  string
	On    DateValue
	// To and Months are the window of a return of the months to a day
	// (Ofsted Annex A), which takes them instead of the year.
	To     DateValue
	Months string
	// CanImport shows the form that imports past returns; ImportYear is
	// its SSDA903's year as typed, and Problems the files' problems that
	// refused an import.
	CanImport  bool
	ImportYear string
	Problems   []load.Problem
}

// Choose is the error of the form's radios for the return.
func (p *returnsView) Choose() *errs.Field { return p.ErrorFor("kind") }

// OnInput is the date boxes of the day the records are read as recorded on.
func (p *returnsView) OnInput() dateInput {
	d := p.F.DateIn("as_recorded_on", "Records as recorded on (optional)", p.On)
	d.Hint = "The end of this day, such as 15 5 2023 for a census sent in May. Empty: as they stand now"
	return d
}

// ToInput is the date boxes of the last day of a window.
func (p *returnsView) ToInput() dateInput {
	d := p.F.DateIn("to", "Last day of the window (Ofsted Annex A)", p.To)
	d.Hint = "Annex A covers the months to this day, such as 31 3 2023"
	return d
}

func (s *Server) returnsPage(r *request) (*returnsView, error) {
	if err := s.require(r, access.ExportReturns, "You do not have permission to make statutory returns"); err != nil {
		return nil, err
	}
	p := &returnsView{Page: r.page, Kinds: app.ReturnKinds(), CanImport: access.Can(r.actor.Principal, access.ImportReturns)}
	p.Title = "Statutory returns"
	p.F = newForm(&p.Page)
	// The latest year that has ended is the one a council is sending.
	p.Year = fmt.Sprint(indicators.YearOf(s.app.Today()) - 1)
	if len(p.Kinds) > 0 {
		p.Kind = p.Kinds[0].Name
	}
	return p, nil
}

// returnsPost makes the return and sends it as a download; with an error in
// the form, the page again with the error summary. The date boxes are
// checked here; a date that is not a real one is passed to the use case as
// not a date, so that it refuses the request with every other field's error
// and nothing is made.
func (s *Server) returnsPost(w http.ResponseWriter, r *request) error {
	p, err := s.returnsPage(r)
	if err != nil {
		return err
	}
	p.Kind = r.PostForm.Get("kind")
	p.Year = strings.TrimSpace(r.PostForm.Get("year"))
	p.On = dateValue(r.PostForm, "as_recorded_on")
	p.To = dateValue(r.PostForm, "to")
	p.Months = strings.TrimSpace(r.PostForm.Get("months"))
	var bad errs.Fields
	on := p.On.parse("as_recorded_on", "The date the records are read as recorded on", &bad)
	q := app.ReturnRequest{Kind: p.Kind, Year: p.Year, Months: p.Months}
	if k, ok := app.ReturnKindNamed(p.Kind); ok && k.Window {
		// A window's return takes no year; its last day is checked here
		// as the other date is.
		q.Year = ""
		var badTo errs.Fields
		to := p.To.parse("to", "The last day of the window", &badTo)
		switch {
		case len(badTo) > 0:
			q.To = "not a date"
			bad = append(bad, badTo...)
		case !to.IsZero():
			q.To = to.String()
		}
	}
	switch {
	case len(bad) > 0:
		q.AsRecordedOn = "not a date"
	case !on.IsZero():
		q.AsRecordedOn = on.String()
	}
	ret, err := s.app.MakeReturn(r.Context(), r.actor, q)
	if err == nil {
		return sendReturn(w, ret)
	}
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		return err
	}
	fields := mergeErrors(bad, err)
	order := []string{"kind", "year", "to", "months", "as_recorded_on"}
	slices.SortStableFunc(fields, func(a, b errs.Field) int { return slices.Index(order, a.Field) - slices.Index(order, b.Field) })
	p.F.take(&errs.Error{Code: errs.Invalid, Message: e.Message, Fields: fields})
	return s.render(w, http.StatusUnprocessableEntity, "returns", p)
}

// sendReturn sends a return as a download: its one file as it is, or its
// files in a zip (app.Return.Download).
func sendReturn(w http.ResponseWriter, r app.Return) error {
	f, err := r.Download()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.Name))
	w.Header().Set("Cache-Control", "no-store")
	// The moment to ask for to get the same bytes again.
	w.Header().Set("Hearth-As-Recorded-At", r.RecordedAt.UTC().Format("2006-01-02T15:04:05.999999Z07:00"))
	_, err = w.Write(f.Body)
	return err
}

// councilView is the administrator's page of the council's details.
type councilView struct {
	Page
	F        *form
	LANumber string
	Reason   string
	Version  int
	Conflict bool
	Current  store.Council
	History  []store.Version[store.Council] // newest first
}

func (s *Server) councilPage(r *request) (*councilView, error) {
	if err := s.require(r, access.ManageSettings, "You do not have permission to change the council's details"); err != nil {
		return nil, err
	}
	cd, err := s.app.CouncilDetails(r.Context(), r.actor)
	if err != nil {
		return nil, err
	}
	p := &councilView{Page: r.page, LANumber: cd.Current.LANumber, Version: cd.Version, Current: cd.Current, History: cd.History}
	p.Title = "The council’s details"
	p.F = newForm(&p.Page)
	slices.Reverse(p.History)
	return p, nil
}

// councilPost saves the council's details from the version the form was
// opened at; if someone else saved first, nothing is saved and the page
// shows the details as they now stand, keeping what was typed.
func (s *Server) councilPost(w http.ResponseWriter, r *request) error {
	p, err := s.councilPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 0, "the council's details", "Open the page and start again")
	if err != nil {
		return err
	}
	latest := p.Version
	p.Version = v
	p.LANumber = r.PostForm.Get("la_number")
	p.Reason = r.PostForm.Get("reason")
	err = s.app.SetCouncilDetails(r.Context(), r.actor, store.Council{LANumber: p.LANumber}, v, p.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/admin/council", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict, p.Version = true, latest
		p.Title = "Someone else has changed the council’s details"
		return s.render(w, http.StatusConflict, "council", p)
	case p.F.take(err):
		return s.render(w, http.StatusUnprocessableEntity, "council", p)
	}
	return err
}
