package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// The administrator's page of the council's timescales (admin module).

// timescalesView is the page: a form with each timescale, the reason and
// the version it starts from, and the history below.
type timescalesView struct {
	Page
	F         *form
	Statutory []timescaleRow
	Local     []timescaleRow
	Reason    string
	// Version is the version of the timescales the change starts from. When
	// a save is refused because someone else saved first (Conflict), the
	// form keeps what was typed, Current shows the timescales as they now
	// stand, and Version is theirs, so that saving again is done having
	// seen them.
	Version  int
	Conflict bool
	Current  []timescaleRow
	History  []timescalesVersion // newest first
}

// timescaleRow is one timescale on the page: what it is, its default and
// the value in its box (as typed, after a refused save).
type timescaleRow struct {
	app.TimescaleField
	Default int
	Value   string
}

// timescalesVersion is one version in the history, with what it changed
// from the version before (the first, from the defaults).
type timescalesVersion struct {
	store.Version[journey.Timescales]
	Changes []app.SettingChange
}

// timescalesPage reads the timescales for the page, with the boxes filled
// in from what stands now.
func (s *Server) timescalesPage(r *request) (*timescalesView, app.TimescalesPage, error) {
	if err := s.require(r, access.ManageSettings, "You do not have permission to change the council's timescales"); err != nil {
		return nil, app.TimescalesPage{}, err
	}
	tp, err := s.app.CouncilTimescales(r.Context(), r.actor)
	if err != nil {
		return nil, tp, err
	}
	p := &timescalesView{Page: r.page, Version: tp.Version}
	p.Title = "Timescales"
	p.F = newForm(&p.Page)
	for _, f := range app.TimescaleFields {
		row := timescaleRow{TimescaleField: f, Default: f.Get(tp.Defaults), Value: strconv.Itoa(f.Get(tp.Current))}
		if f.Statutory {
			p.Statutory = append(p.Statutory, row)
		} else {
			p.Local = append(p.Local, row)
		}
	}
	prev := tp.Defaults
	for _, v := range tp.History {
		p.History = append(p.History, timescalesVersion{Version: v, Changes: app.TimescaleChanges(prev, v.Record)})
		prev = v.Record
	}
	slices.Reverse(p.History)
	return p, tp, nil
}

// timescaleInput is what the timescale-input template draws: a timescale
// with its error, if any.
type timescaleInput struct {
	Row   timescaleRow
	Error *errs.Field
}

// Input is a timescale's box with its error.
func (p *timescalesView) Input(row timescaleRow) timescaleInput {
	return timescaleInput{Row: row, Error: p.ErrorFor(row.Name)}
}

func (s *Server) timescales(w http.ResponseWriter, r *request) error {
	p, _, err := s.timescalesPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "timescales", p)
}

// timescalesPost saves the timescales from the version the form was opened
// at. A box that is not a whole number is refused as such; the rest is the
// use case's to judge. If someone else has saved a change since, nothing is
// saved: the page says so, keeps what was typed and shows the timescales as
// they now stand.
func (s *Server) timescalesPost(w http.ResponseWriter, r *request) error {
	p, tp, err := s.timescalesPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 0, "the timescales", "Open the page and start again")
	if err != nil {
		return err
	}
	p.Version = v
	p.Reason = r.PostForm.Get("reason")
	var (
		ts      journey.Timescales
		notANum errs.Fields
	)
	for _, rows := range [][]timescaleRow{p.Statutory, p.Local} {
		for i := range rows {
			row := &rows[i]
			row.Value = strings.TrimSpace(r.PostForm.Get(row.Name))
			n, err := strconv.Atoi(row.Value)
			if err != nil {
				// 0 is below every timescale's least, so the use case
				// refuses it too and nothing is saved.
				n = 0
				notANum.Add(row.Name, "%s must be a whole number of %s", row.Label, row.Unit)
			}
			row.Set(&ts, n)
		}
	}
	err = s.app.SetTimescales(r.Context(), r.actor, ts, v, p.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/admin/timescales", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict, p.Version = true, tp.Version
		p.Title = "Someone else has changed the timescales"
		for _, f := range app.TimescaleFields {
			p.Current = append(p.Current, timescaleRow{TimescaleField: f, Default: f.Get(tp.Defaults), Value: strconv.Itoa(f.Get(tp.Current))})
		}
		return s.render(w, http.StatusConflict, "timescales", p)
	}
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		return err
	}
	// A box that was not a number is reported as such, not as out of range.
	fields := mergeErrors(notANum, err)
	// The summary lists the errors in the order of the boxes.
	at := func(field string) int {
		i := slices.IndexFunc(app.TimescaleFields, func(f app.TimescaleField) bool { return f.Name == field })
		if i < 0 {
			return len(app.TimescaleFields)
		}
		return i
	}
	slices.SortStableFunc(fields, func(a, b errs.Field) int { return at(a.Field) - at(b.Field) })
	p.F.take(&errs.Error{Code: errs.Invalid, Message: e.Message, Fields: fields})
	return s.render(w, http.StatusUnprocessableEntity, "timescales", p)
}
