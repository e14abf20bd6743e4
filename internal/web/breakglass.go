package web

import (
	"net/http"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// breakGlassPage asks for the reason to open a record the user has no
// relationship to. It shows nothing of the record, not even a name: the
// reason comes first.
type breakGlassPage struct {
	Page
	F      *form
	ID     people.ID
	Reason string
}

// toBreakGlass sends a read refused for want of a reason to the page that
// asks for one; any other error is returned as it is.
func toBreakGlass(w http.ResponseWriter, r *request, id people.ID, err error) error {
	if !errs.Is(err, errs.ReasonRequired) {
		return err
	}
	http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(id), 10)+"/access", http.StatusSeeOther)
	return nil
}

// breakGlassForm builds the page, for a user who may break the glass.
func (s *Server) breakGlassForm(r *request) (*breakGlassPage, error) {
	id, err := personID(r)
	if err != nil {
		return nil, err
	}
	if !access.Can(r.actor.Principal, access.BreakGlass) {
		return nil, errs.E(errs.Forbidden, "You cannot open records you have no relationship to")
	}
	p := &breakGlassPage{Page: r.page, ID: id}
	p.Title = "Give your reason to open this record"
	p.F = newForm(&p.Page)
	return p, nil
}

// breakGlassPost: POST /people/{id}/access opens the record with the reason
// given, then shows it; a blank reason shows the form again with the error.
func (s *Server) breakGlassPost(w http.ResponseWriter, r *request) error {
	p, err := s.breakGlassForm(r)
	if err != nil {
		return err
	}
	p.Reason = r.PostForm.Get("reason")
	if _, err := s.app.OpenWithReason(r.Context(), r.actor, p.ID, p.Reason); err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "break-glass", p)
	}
	http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(p.ID), 10), http.StatusSeeOther)
	return nil
}
