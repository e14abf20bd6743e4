package web

import (
	"net/http"
	"strconv"
	"strings"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// involvementEndPage is the page that ends one of a person's involvements:
// the involvement as it stands, the day it ended and why. Its routes are in
// the people module (peopleModule).
type involvementEndPage struct {
	Page
	names
	F *form
	app.InvolvementToEnd
	End    DateValue
	Reason string
	// Version is the version the user started from. After a conflict it
	// is the one that stands now, so that saving again, having seen it, is
	// a change made from it.
	Version  int
	Conflict bool
}

// involvementEnd reads the involvement in the path for a user who may change
// the record, and builds its page.
func (s *Server) involvementEnd(r *request) (*involvementEndPage, error) {
	id, err := personID(r)
	if err != nil {
		return nil, err
	}
	iid, err := strconv.ParseInt(r.PathValue("iid"), 10, 64)
	if err != nil || iid <= 0 {
		return nil, app.ErrNoInvolvement
	}
	ie, err := s.app.InvolvementToEndOn(r.Context(), r.actor, id, store.InvolvementID(iid))
	if err != nil {
		return nil, err
	}
	n, _, _, err := s.names(r)
	if err != nil {
		return nil, err
	}
	p := &involvementEndPage{Page: r.page, names: n, InvolvementToEnd: ie, Version: ie.Involvement.Version}
	p.Title = "End an involvement for " + ie.Person.FullName()
	p.F = newForm(&p.Page)
	return p, nil
}

// endInvolvementPage is the form, with the end date today, or the day it
// ended for one already ended (to correct it).
func (s *Server) endInvolvementPage(r *request) (*involvementEndPage, error) {
	p, err := s.involvementEnd(r)
	if err != nil {
		return nil, err
	}
	p.End = dateValueOf(s.app.Today())
	if end := p.Involvement.EndDate; !end.IsZero() {
		p.End = dateValueOf(end)
	}
	return p, nil
}

// endInvolvementPost ends the involvement. Mistakes are shown in the error
// summary with what was typed; a save from a stale version shows the
// involvement as it now stands and keeps what was typed, to save again.
func (s *Server) endInvolvementPost(w http.ResponseWriter, r *request) error {
	p, err := s.involvementEnd(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	p.End, p.Reason = dateValue(f, "end_date"), strings.TrimSpace(f.Get("reason"))
	p.Version, err = strconv.Atoi(f.Get("version"))
	if err != nil || p.Version < 1 {
		return errs.E(errs.BadRequest, "The form is missing the version of the involvement being ended. Open the record and start again")
	}
	var bad errs.Fields
	end := p.End.parse("end_date", "End date", &bad)
	// A date that cannot be read is sent as none, so that the app's other
	// errors (the reason) are shown with it; the page's own message about
	// the date is the one kept.
	_, err = s.app.EndInvolvement(r.Context(), r.actor, p.Person.ID, p.Involvement.ID, p.Version, end, p.Reason)
	switch {
	case err == nil && len(bad) == 0:
		http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(p.Person.ID), 10)+"?saved=1", http.StatusSeeOther)
		return nil
	case staleVersion(err) && len(bad) == 0:
		p.Conflict, p.Version = true, p.Involvement.Version
		return s.render(w, http.StatusConflict, "involvement-end", p)
	case err != nil && !errs.Is(err, errs.Invalid):
		return err
	}
	p.Errors = mergeErrors(bad, err)
	return s.render(w, http.StatusUnprocessableEntity, "involvement-end", p)
}
