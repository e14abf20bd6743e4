package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The register of foster households (carers module): the register with its
// filters, a household with the children living there and its history, and
// the form that adds one or changes one (deregistering is a change).

func (s *Server) carersModule() module {
	return module{
		name: "carers",
		routes: []route{
			signedInRoute("GET", "/carers", "carers", s.households),
			signedInRoute("GET", "/carers/placements", "placements", s.placements),
			signedInRoute("GET", "/carers/new", "carers", s.newHousehold),
			signedInRoute("POST", "/carers/new", "carers", s.newHouseholdPost),
			signedInRoute("GET", "/carers/{id}", "carers", s.household),
			signedInRoute("GET", "/carers/{id}/edit", "carers", s.editHousehold),
			signedInRoute("POST", "/carers/{id}/edit", "carers", s.editHouseholdPost),
		},
		// Team managers reach the counts of placements from the register;
		// analysts, who do not read the register, from a link of their own.
		nav: []navLink{
			{key: "carers", label: "Foster carers", href: "/carers", action: access.ReadCarers},
			{key: "placements", label: "Foster placements", href: "/carers/placements", action: access.ReadInBulk},
		},
		funcs: template.FuncMap{
			"householdType":  func(code string) string { return codeLabel(care.HouseholdTypes, code) },
			"placementLabel": func(code string) string { return codeLabel(care.PlacementTypes, code) },
		},
		dateFields: []string{"approved", "deregistered"},
		kinds:      map[store.Kind]string{store.KindHousehold: "Foster household"},
	}
}

// householdsView is the register: the filter as chosen, the households it
// keeps and, for those who may see them, the counts of foster placements.
type householdsView struct {
	Page
	app.RegisterPage
	Type, Status string
	Types        people.CodeList
	MayAdd       bool
}

func (s *Server) households(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	p := &householdsView{Page: r.page, Type: q.Get("type"), Status: q.Get("status"), Types: care.HouseholdTypes,
		MayAdd: access.Can(r.actor.Principal, access.ManageCarers)}
	p.Title = "Foster carers"
	reg, err := s.app.Households(r.Context(), r.actor, app.HouseholdFilter{Type: p.Type, Status: p.Status})
	if err != nil {
		// A filter that names nothing Hearth knows is shown as the form's
		// error, with the whole register below it.
		if !newForm(&p.Page).take(err) {
			return err
		}
		reg, err = s.app.Households(r.Context(), r.actor, app.HouseholdFilter{})
		if err != nil {
			return err
		}
		p.Type, p.Status = "", ""
		p.RegisterPage = reg
		return s.render(w, http.StatusUnprocessableEntity, "households", p)
	}
	p.RegisterPage = reg
	return s.render(w, http.StatusOK, "households", p)
}

// fosterCountsView is the counts of foster placements on a page of their own,
// for the roles that see them without the register (analysts).
type fosterCountsView struct {
	Page
	Placements care.FosterCounts
}

func (s *Server) placements(w http.ResponseWriter, r *request) error {
	c, err := s.app.PlacementCounts(r.Context(), r.actor)
	if err != nil {
		return err
	}
	p := &fosterCountsView{Page: r.page, Placements: c}
	p.Title = "Children in foster placements"
	return s.render(w, http.StatusOK, "placements", p)
}

func householdID(r *request) (care.HouseholdID, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "There is no household with this id")
	}
	return care.HouseholdID(id), nil
}

// householdView is one household: the household, the children living there
// whom the reader may see, and every version, newest first.
type householdView struct {
	Page
	app.HouseholdPage
	History   []store.Version[care.Household]
	MayChange bool
}

func (s *Server) household(w http.ResponseWriter, r *request) error {
	id, err := householdID(r)
	if err != nil {
		return err
	}
	hp, err := s.app.Household(r.Context(), r.actor, id)
	if err != nil {
		return err
	}
	hist, err := s.app.HouseholdHistory(r.Context(), r.actor, id)
	if err != nil {
		return err
	}
	slices.Reverse(hist)
	p := &householdView{Page: r.page, HouseholdPage: hp, History: hist, MayChange: access.Can(r.actor.Principal, access.ManageCarers)}
	p.Title = hp.Household.Name
	return s.render(w, http.StatusOK, "household", p)
}

// householdForm is the form that adds or changes a household. When a change
// is refused because someone else saved first (Conflict), the form keeps
// what was typed, Current shows the household as it now stands, and Version
// is theirs, so that saving again is done having seen it.
type householdForm struct {
	Page
	F                          *form
	ID                         care.HouseholdID
	Version                    int
	Name, Type, Agency, Places string
	Postcode, Reason           string
	Approved, Deregistered     DateValue
	ShowPostcode               bool
	Types                      people.CodeList
	Conflict                   bool
	Current                    care.Household
}

func (s *Server) householdFormPage(r *request, h care.Household) *householdForm {
	p := &householdForm{Page: r.page, ID: h.ID, Version: h.Version, Name: h.Name, Type: h.Type, Agency: h.Agency,
		Postcode: h.Postcode, Approved: dateValueOf(h.Approved), Deregistered: dateValueOf(h.Deregistered),
		ShowPostcode: access.Can(r.actor.Principal, access.ReadPlacementAddress), Types: care.HouseholdTypes}
	if h.Places > 0 {
		p.Places = strconv.Itoa(h.Places)
	}
	p.F = newForm(&p.Page)
	p.Title = "Add a foster household"
	if h.ID != 0 {
		p.Title = "Change " + h.Name
	}
	return p
}

// read takes the posted form into the page and the household it describes,
// with the errors of boxes that do not parse.
func (p *householdForm) read(r *request) (care.Household, errs.Fields) {
	f := r.PostForm
	p.Name, p.Type, p.Agency = f.Get("name"), f.Get("type"), f.Get("agency")
	p.Places, p.Reason = strings.TrimSpace(f.Get("places")), f.Get("reason")
	p.Approved, p.Deregistered = dateValue(f, "approved"), dateValue(f, "deregistered")
	if p.ShowPostcode {
		p.Postcode = f.Get("postcode")
	}
	var bad errs.Fields
	h := care.Household{ID: p.ID, Version: p.Version, Name: p.Name, Type: p.Type, Agency: p.Agency, Postcode: p.Postcode,
		Approved: p.Approved.parse("approved", "Date approved", &bad), Deregistered: p.Deregistered.parse("deregistered", "Date deregistered", &bad)}
	if p.Places != "" {
		n, err := strconv.Atoi(p.Places)
		if err != nil {
			bad.Add("places", "Places must be a whole number, such as 2")
		}
		h.Places = n
	}
	return h, bad
}

// refused shows the form again with the errors of a refused save (the
// boxes that did not parse, bad, and the use case's, err), in the order of
// its boxes.
func (s *Server) refused(w http.ResponseWriter, p *householdForm, bad errs.Fields, err error) error {
	e := errs.As(err)
	switch {
	case e == nil && len(bad) > 0:
		// The boxes that did not parse are the only errors.
		e = &errs.Error{Code: errs.Invalid, Message: "Check the household's details"}
	case e == nil || e.Code != errs.Invalid:
		return err
	}
	order := []string{"name", "type", "agency", "approved", "deregistered", "places", "postcode", "reason"}
	fields := mergeErrors(bad, err)
	at := func(f string) int {
		if i := slices.Index(order, f); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(fields, func(a, b errs.Field) int { return at(a.Field) - at(b.Field) })
	p.F.take(&errs.Error{Code: errs.Invalid, Message: e.Message, Fields: fields})
	return s.render(w, http.StatusUnprocessableEntity, "household-form", p)
}

func (s *Server) newHouseholdPage(r *request) (*householdForm, error) {
	if err := s.require(r, access.ManageCarers, "You do not have permission to add foster households"); err != nil {
		return nil, err
	}
	return s.householdFormPage(r, care.Household{}), nil
}

func (s *Server) newHousehold(w http.ResponseWriter, r *request) error {
	return show(s, "household-form", s.newHouseholdPage)(w, r)
}

func (s *Server) newHouseholdPost(w http.ResponseWriter, r *request) error {
	p, err := s.newHouseholdPage(r)
	if err != nil {
		return err
	}
	h, bad := p.read(r)
	if len(bad) > 0 {
		return s.refused(w, p, bad, s.app.CheckHousehold(r.Context(), r.actor, h, p.Reason))
	}
	saved, err := s.app.AddHousehold(r.Context(), r.actor, h, p.Reason)
	if err == nil {
		http.Redirect(w, r.Request, "/carers/"+strconv.FormatInt(int64(saved.ID), 10), http.StatusSeeOther)
		return nil
	}
	return s.refused(w, p, bad, err)
}

func (s *Server) editHouseholdPage(r *request) (*householdForm, care.Household, error) {
	if err := s.require(r, access.ManageCarers, "You do not have permission to change foster households"); err != nil {
		return nil, care.Household{}, err
	}
	id, err := householdID(r)
	if err != nil {
		return nil, care.Household{}, err
	}
	// The household as it stands is its latest version: read so, the form
	// reads none of the children living there.
	hist, err := s.app.HouseholdHistory(r.Context(), r.actor, id)
	if err != nil {
		return nil, care.Household{}, err
	}
	cur := hist[len(hist)-1].Record
	return s.householdFormPage(r, cur), cur, nil
}

func (s *Server) editHousehold(w http.ResponseWriter, r *request) error {
	p, _, err := s.editHouseholdPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "household-form", p)
}

// editHouseholdPost saves a change from the version the form was opened
// at. If someone else has saved a change since, nothing is saved: the page
// says so, keeps what was typed and shows the household as it now stands.
func (s *Server) editHouseholdPost(w http.ResponseWriter, r *request) error {
	p, cur, err := s.editHouseholdPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 1, "the household", "Open the page and start again")
	if err != nil {
		return err
	}
	p.Version = v
	h, bad := p.read(r)
	if len(bad) > 0 {
		return s.refused(w, p, bad, s.app.CheckHousehold(r.Context(), r.actor, h, p.Reason))
	}
	saved, err := s.app.ChangeHousehold(r.Context(), r.actor, h, p.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/carers/"+strconv.FormatInt(int64(saved.ID), 10), http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict, p.Version, p.Current = true, cur.Version, cur
		p.Title = "Someone else has changed " + cur.Name
		return s.render(w, http.StatusConflict, "household-form", p)
	}
	return s.refused(w, p, bad, err)
}
