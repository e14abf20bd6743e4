package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// peopleModule is the register of people: search, a person's record and its
// history, adding and changing a person, their relationships, and ending
// their involvements (involvements.go). Its templates are in
// templates/people/.
func (s *Server) peopleModule() module {
	return module{
		name: "people",
		routes: []route{
			signedInRoute("GET", "/search", "search", s.search),
			signedInRoute("GET", "/people/new", "new", s.newPerson),
			signedInRoute("POST", "/people/new", "new", s.newPersonPost),
			signedInRoute("GET", "/people/{id}", "search", s.person),
			signedInRoute("GET", "/people/{id}/history", "search", s.history),
			signedInRoute("GET", "/people/{id}/access", "search", show(s, "break-glass", s.breakGlassForm)),
			signedInRoute("POST", "/people/{id}/access", "search", s.breakGlassPost),
			signedInRoute("GET", "/people/{id}/edit", "search", s.editPerson),
			signedInRoute("POST", "/people/{id}/edit", "search", s.editPersonPost),
			signedInRoute("GET", "/people/{id}/relationships/new", "search", show(s, "relationship-form", s.newRelationshipPage)),
			signedInRoute("POST", "/people/{id}/relationships/new", "search", s.newRelationshipPost),
			signedInRoute("GET", "/people/{id}/relationships/{rid}/edit", "search", show(s, "relationship-form", s.editRelationshipPage)),
			signedInRoute("POST", "/people/{id}/relationships/{rid}/edit", "search", s.editRelationshipPost),
			signedInRoute("GET", "/people/{id}/involvements/{iid}/end", "search", show(s, "involvement-end", s.endInvolvementPage)),
			signedInRoute("POST", "/people/{id}/involvements/{iid}/end", "search", s.endInvolvementPost),
		},
		nav: []navLink{
			{key: "search", label: "Find a person", href: "/search", action: access.SearchPeople},
			{key: "new", label: "Add a person", href: "/people/new", action: access.CreatePerson},
		},
		funcs: template.FuncMap{
			"code":        codeLabel,
			"rel":         people.RelationshipLabel,
			"involvement": access.InvolvementKindLabel,
			"action":      actionLabel,
		},
		dateFields: []string{"date_of_birth", "expected_date_of_birth", "date_of_death", "start_date", "end_date"},
		kinds:      map[store.Kind]string{store.KindPerson: "Person", store.KindRelationship: "Relationship", store.KindInvolvement: "Involvement"},
	}
}

// codeLabel shows a code of one of the DfE code lists with its label, or the
// code alone if the list does not have it.
func codeLabel(list people.CodeList, code string) string {
	if code == "" {
		return "Not recorded"
	}
	if s := list.Label(code); s != "" {
		return s
	}
	return code
}

func personID(r *request) (people.ID, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "No such person")
	}
	return people.ID(id), nil
}

type searchPage struct {
	Page
	F          *form
	Name       string
	DOB        DateValue
	Postcode   string
	Identifier string
	Searched   bool
	Result     app.SearchResult
	Paused     string // why searching is paused for this user, when it is
}

func (s *Server) search(w http.ResponseWriter, r *request) error {
	if err := s.require(r, access.SearchPeople, "You do not have permission to search for people"); err != nil {
		return err
	}
	q := r.URL.Query()
	p := searchPage{Page: r.page, Name: q.Get("name"), DOB: dateValue(q, "date_of_birth"), Postcode: q.Get("postcode"), Identifier: q.Get("identifier")}
	p.Title = "Find a person"
	p.F = newForm(&p.Page)
	p.Searched = p.Name != "" || !p.DOB.Empty() || p.Postcode != "" || p.Identifier != "" || q.Has("name")
	if !p.Searched {
		return s.render(w, http.StatusOK, "search", p)
	}
	var bad errs.Fields
	dob := p.DOB.parse("date_of_birth", "Date of birth", &bad)
	if len(bad) > 0 {
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "search", p)
	}
	res, err := s.app.SearchPeople(r.Context(), r.actor, store.PersonQuery{Name: p.Name, DateOfBirth: dob, Postcode: p.Postcode, Identifier: p.Identifier})
	if errs.Is(err, errs.TooMany) {
		p.Paused = errs.As(err).Message
		return s.renderPaused(w, "search", p)
	}
	if err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "search", p)
	}
	p.Result = res
	return s.render(w, http.StatusOK, "search", p)
}

type relView struct {
	ID        people.RelationshipID
	Other     store.PersonSummary
	Label     string
	StartDate string
	EndDate   string
	Note      string
}

type personPage struct {
	Page
	app.PersonPage
	names
	Codes         formCodes
	Current       people.Address
	HasCurrent    bool
	Relationships []relView
	Details       []row
	Claims        personClaims
}

func (s *Server) person(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	asOf, err := s.app.ParseAsOf(r.URL.Query().Get("as_of"))
	if err != nil {
		return err
	}
	pp, err := s.app.Person(r.Context(), r.actor, id, asOf)
	if err != nil {
		return toBreakGlass(w, r, id, err)
	}
	n, _, _, err := s.names(r)
	if err != nil {
		return err
	}
	p := personPage{Page: r.page, PersonPage: pp, names: n, Codes: codes}
	p.Title = pp.Person.FullName()
	p.Current, p.HasCurrent = pp.Person.CurrentAddress()
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "Record saved"
	}
	for _, rv := range pp.Relationships {
		p.Relationships = append(p.Relationships, relView{
			ID: rv.Relationship.ID, Other: rv.Other, Label: people.RelationshipLabel(rv.Relationship.Type, rv.Forward),
			StartDate: rv.Relationship.StartDate.Format(), EndDate: rv.Relationship.EndDate.Format(), Note: rv.Relationship.Note,
		})
	}
	p.Details = summaryRows(pp.Person)[:11]
	if asOf.IsZero() {
		p.Claims = claimsOnPage(pp)
	}
	return s.render(w, http.StatusOK, "person", p)
}

type historyVersion struct {
	store.Version[people.Person]
	Changes []change
}

type historyPage struct {
	Page
	Person        people.Person
	Versions      []historyVersion
	Relationships []relationshipChange
}

// relationshipChange is one version of a relationship on the history page.
type relationshipChange struct {
	app.RelationshipVersion
	Label   string
	Changes []change // none for the first version
}

// relationshipChanges says what each version of each relationship changed
// from the one before it, newest first.
func relationshipChanges(vs []app.RelationshipVersion) []relationshipChange {
	prev := map[people.RelationshipID]people.Relationship{}
	out := make([]relationshipChange, 0, len(vs))
	for _, v := range vs {
		c := relationshipChange{RelationshipVersion: v, Label: people.RelationshipLabel(v.Record.Type, v.Forward)}
		if before, ok := prev[v.Record.ID]; ok {
			c.Changes = relationshipDiff(before, v.Record, v.Forward)
		}
		prev[v.Record.ID] = v.Record
		out = append(out, c)
	}
	slices.Reverse(out)
	return out
}

func relationshipDiff(before, after people.Relationship, forward bool) []change {
	var out []change
	add := func(key, b, a, none string) {
		if b == a {
			return
		}
		if b == "" {
			b = none
		}
		if a == "" {
			a = none
		}
		out = append(out, change{Key: key, Before: b, After: a})
	}
	add("Relationship", people.RelationshipLabel(before.Type, forward), people.RelationshipLabel(after.Type, forward), "")
	add("Started", before.StartDate.Format(), after.StartDate.Format(), "Not recorded")
	add("Ended", before.EndDate.Format(), after.EndDate.Format(), "Not ended")
	add("Note", before.Note, after.Note, "None")
	return out
}

func (s *Server) history(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	h, err := s.app.PersonHistory(r.Context(), r.actor, id)
	if err != nil {
		return toBreakGlass(w, r, id, err)
	}
	vs := h.Versions
	p := historyPage{Page: r.page, Relationships: relationshipChanges(h.Relationships)}
	var prev people.Person
	for i, v := range vs {
		hv := historyVersion{Version: v}
		if i > 0 {
			hv.Changes = changes(prev, v.Record)
		}
		prev = v.Record
		p.Versions = append(p.Versions, hv)
	}
	if len(vs) > 0 {
		p.Person = vs[len(vs)-1].Record
	}
	// Newest first, as people read a history.
	for i, j := 0, len(p.Versions)-1; i < j; i, j = i+1, j-1 {
		p.Versions[i], p.Versions[j] = p.Versions[j], p.Versions[i]
	}
	p.Title = "History of " + p.Person.FullName()
	return s.render(w, http.StatusOK, "history", p)
}

// personFormPage draws the person form, the check page and the conflict page.
type personFormPage struct {
	Page
	F          *form
	Form       personForm
	Person     people.Person // as parsed, for the check page
	Rows       []row
	Changes    []change
	Hidden     []hidden
	Action     string // where the form posts
	Reason     string
	Duplicates []app.Duplicate
	Hidden2    int    // possible duplicates the user may not open
	Paused     string // why checking is paused for this user, when it is
	Editing    bool
	Conflict   bool
	Codes      formCodes
}

type formCodes struct {
	Sex, Ethnicity, Language, Religion, Disability, OtherName people.CodeList
}

var codes = formCodes{people.SexCodes, people.EthnicityCodes, people.LanguageCodes, people.ReligionCodes, people.DisabilityCodes, people.OtherNameTypes}

// Checked reports whether a disability code is ticked, for the checkboxes.
func (f personForm) Checked(code string) bool {
	for _, d := range f.Disabilities {
		if d == code {
			return true
		}
	}
	return false
}

func (s *Server) newPerson(w http.ResponseWriter, r *request) error {
	if err := s.require(r, access.CreatePerson, "You do not have permission to add people"); err != nil {
		return err
	}
	p := personFormPage{Page: r.page, Action: "/people/new", Codes: codes}
	p.Title = "Add a person"
	p.F = newForm(&p.Page)
	p.Form = personForm{}.WithBlankRows()
	return s.render(w, http.StatusOK, "person-form", p)
}

// newPersonPost handles the three steps of adding a person: the form is
// checked ("check"), shown back with possible duplicates and a reason box,
// and then saved ("save"); "change" goes back to the form with what was typed.
func (s *Server) newPersonPost(w http.ResponseWriter, r *request) error {
	p := personFormPage{Page: r.page, Action: "/people/new", Codes: codes, Reason: r.PostForm.Get("reason")}
	p.Title = "Add a person"
	p.F = newForm(&p.Page)
	p.Form = readPersonForm(r.PostForm)
	person, bad := p.Form.person()
	checked, dups, hidden, done, err := s.checkForm(w, r, &p, person, bad)
	if done || err != nil {
		return err
	}
	p.Person, p.Rows, p.Duplicates, p.Hidden2 = checked, summaryRows(checked), dups, hidden
	p.Title = "Check the new record"
	if r.PostForm.Get("action") != "save" {
		return s.render(w, http.StatusOK, "person-check", p)
	}
	created, err := s.app.CreatePerson(r.Context(), r.actor, person, p.Reason)
	if err != nil {
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "person-check", p)
	}
	http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(created.ID), 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

// checkForm is the step that adding and changing a person share. "Change"
// redraws the form as typed; otherwise the record is checked, and if it
// breaks a rule the form is redrawn with the errors. done is true when a page
// has been written; otherwise the caller shows the check page (whose hidden
// fields carry what was typed) or saves.
func (s *Server) checkForm(w http.ResponseWriter, r *request, p *personFormPage, person people.Person, bad errs.Fields) (people.Person, []app.Duplicate, int, bool, error) {
	if r.PostForm.Get("action") == "change" {
		p.Form = p.Form.WithBlankRows()
		return person, nil, 0, true, s.render(w, http.StatusOK, "person-form", *p)
	}
	checked, dups, hidden, err := s.app.CheckPerson(r.Context(), r.actor, person)
	if errs.Is(err, errs.TooMany) {
		// The duplicate check is a search, and searches are limited: keep
		// what was typed, to check again in a moment.
		p.Paused = errs.As(err).Message
		p.Form = p.Form.WithBlankRows()
		return person, nil, 0, true, s.renderPaused(w, "person-form", *p)
	}
	if err != nil || len(bad) > 0 {
		if err != nil && !errs.Is(err, errs.Invalid) {
			return person, nil, 0, true, err
		}
		p.Errors = mergeErrors(bad, err)
		p.Form = p.Form.WithBlankRows()
		return person, nil, 0, true, s.render(w, http.StatusUnprocessableEntity, "person-form", *p)
	}
	p.Hidden = hiddenFields(r.PostForm)
	return checked, dups, hidden, false, nil
}

func (s *Server) editPerson(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	pp, err := s.app.Person(r.Context(), r.actor, id, time.Time{})
	if err != nil {
		return err
	}
	if !pp.CanEdit {
		return errs.E(errs.Forbidden, "You do not have permission to change this record")
	}
	p := personFormPage{Page: r.page, Action: r.URL.Path, Codes: codes, Editing: true, Form: formOf(pp.Person).WithBlankRows()}
	p.Title = "Change " + pp.Person.FullName()
	p.F = newForm(&p.Page)
	return s.render(w, http.StatusOK, "person-form", p)
}

// editPersonPost is newPersonPost for a change: the check page shows what
// changes, and a save from a stale version shows the conflict page with what
// the user typed kept, so nothing is lost.
func (s *Server) editPersonPost(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	p := personFormPage{Page: r.page, Action: r.URL.Path, Codes: codes, Editing: true, Reason: r.PostForm.Get("reason")}
	p.F = newForm(&p.Page)
	p.Form = readPersonForm(r.PostForm)
	person, bad := p.Form.person()
	person.ID = id
	// The version the user started from, and fields the form does not carry.
	started, err := s.app.PersonVersion(r.Context(), r.actor, id, person.Version)
	if err != nil {
		return err
	}
	person.Restricted = started.Restricted
	p.Title = "Change " + started.FullName()
	checked, _, _, done, err := s.checkForm(w, r, &p, person, bad)
	if done || err != nil {
		return err
	}
	p.Person, p.Rows, p.Changes = checked, summaryRows(checked), changes(started, checked)
	p.Title = "Check your changes to " + started.FullName()
	if r.PostForm.Get("action") != "save" {
		return s.render(w, http.StatusOK, "person-check", p)
	}
	_, err = s.app.UpdatePerson(r.Context(), r.actor, person, p.Reason)
	switch {
	case staleVersion(err):
		p.Conflict = true
		p.Title = "Someone else has changed this record"
		return s.render(w, http.StatusConflict, "person-check", p)
	case err != nil:
		if !p.F.take(err) {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "person-check", p)
	}
	http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(id), 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

type relationshipPage struct {
	Page
	F      *form
	Person people.Person
	Types  []people.RelationshipType
	Type   string
	Other  string
	Start  DateValue
	Note   string
	Reason string

	// When a relationship is being changed: it as it stands, from this
	// person's side, the version the change started from, and whether the
	// change was refused because someone else saved first.
	Current  *store.RelationshipView
	Version  int
	End      DateValue
	Conflict bool

	// When a relationship is being added: the name searched for to find the
	// other person, and the people found, to choose from.
	Find     string
	Found    []store.PersonSummary
	Searched bool

	rels []store.RelationshipView
}

func (s *Server) relationshipPage(r *request) (*relationshipPage, error) {
	id, err := personID(r)
	if err != nil {
		return nil, err
	}
	pp, err := s.app.Person(r.Context(), r.actor, id, time.Time{})
	if err != nil {
		return nil, err
	}
	if !pp.CanEdit {
		return nil, errs.E(errs.Forbidden, "You do not have permission to change this record")
	}
	p := &relationshipPage{Page: r.page, Person: pp.Person, Types: people.RelationshipTypes, rels: pp.Relationships}
	p.Title = "Add a relationship for " + pp.Person.FullName()
	p.F = newForm(&p.Page)
	return p, nil
}

// newRelationshipPage is the form that adds a relationship. A name in ?find=
// lists the people it finds, to choose the other person from, so that nobody
// has to copy a record number from one page to another.
func (s *Server) newRelationshipPage(r *request) (*relationshipPage, error) {
	p, err := s.relationshipPage(r)
	if err != nil {
		return nil, err
	}
	return p, s.findOther(r, p, r.URL.Query().Get("find"))
}

// findOther searches for the other person of a new relationship by name,
// leaving out the person whose record this is, and anyone the user may read
// only through the family rule or by breaking the glass: a relationship may
// be made only to a person the user has a relationship of their own to
// (app.AddRelationshipFor). A search with nothing in it is no search.
func (s *Server) findOther(r *request, p *relationshipPage, find string) error {
	p.Find = strings.TrimSpace(find)
	if p.Find == "" {
		return nil
	}
	res, err := s.app.SearchPeople(r.Context(), r.actor, store.PersonQuery{Name: p.Find, Limit: 20})
	if err != nil {
		if !p.F.takeAs(err, "name", "find") { // the search's name is this page's find
			return err
		}
		return nil
	}
	p.Searched = true
	for _, f := range res.People {
		if f.ID != p.Person.ID && res.Relatable[f.ID] {
			p.Found = append(p.Found, f)
		}
	}
	return nil
}

func (s *Server) newRelationshipPost(w http.ResponseWriter, r *request) error {
	p, err := s.relationshipPage(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	p.Type, p.Other, p.Start, p.Note, p.Reason = f.Get("type"), strings.TrimSpace(f.Get("to")), dateValue(f, "start_date"), strings.TrimSpace(f.Get("note")), f.Get("reason")
	find := strings.TrimSpace(f.Get("find"))
	// The form again, with its errors and the people the name finds. The
	// search is run only then: a relationship saved needs no list.
	again := func() error {
		if err := s.findOther(r, p, find); err != nil {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "relationship-form", p)
	}
	var bad errs.Fields
	other, perr := strconv.ParseInt(p.Other, 10, 64)
	switch {
	case p.Other == "" && find != "":
		bad.Add("to", "Select the other person, or enter their record id")
	case perr != nil || other <= 0:
		bad.Add("to", "Enter the record id of the other person, a number like 1234")
	}
	start := p.Start.parse("start_date", "Start date", &bad)
	// The type is chosen as what the other person is to this one: "parent:from"
	// means the other person is the parent, so the relationship runs from them.
	typ, side, _ := strings.Cut(p.Type, ":")
	rel := people.Relationship{From: p.Person.ID, To: people.ID(other), Type: typ, StartDate: start, Note: p.Note}
	if side == "from" {
		rel.From, rel.To = rel.To, rel.From
	}
	if p.Type == "" {
		bad.Add("type", "Select what the other person is to %s", p.Person.FullName())
	}
	if len(bad) > 0 {
		p.Errors = bad
		return again()
	}
	if _, err := s.app.AddRelationshipFor(r.Context(), r.actor, p.Person.ID, rel, p.Reason); err != nil {
		// The app names the other person from or to by the way the
		// relationship runs; on this page they are always the one input.
		if !p.F.takeAs(err, "from", "to") {
			return err
		}
		return again()
	}
	http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(p.Person.ID), 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

// relationshipTypeValue is the form's value for a relationship's type, said
// as what the other person is to this one (see newRelationshipPost).
func relationshipTypeValue(rv store.RelationshipView) string {
	if t, ok := people.LookupRelationshipType(rv.Relationship.Type); rv.Forward && !(ok && t.Symmetric) {
		return rv.Relationship.Type + ":to"
	}
	return rv.Relationship.Type + ":from"
}

// editRelationshipPage is the page that changes or ends one of the person's
// relationships, filled in with it as it stands.
func (s *Server) editRelationshipPage(r *request) (*relationshipPage, error) {
	p, err := s.relationshipPage(r)
	if err != nil {
		return p, err
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || rid <= 0 {
		return p, app.ErrNoRelationship
	}
	rv, ok := store.FindRelationship(p.rels, people.RelationshipID(rid))
	if !ok {
		return p, app.ErrNoRelationship
	}
	p.Current = &rv
	rel := p.Current.Relationship
	p.Title = "Change a relationship for " + p.Person.FullName()
	p.Type, p.Start, p.End, p.Note, p.Version = relationshipTypeValue(*p.Current), dateValueOf(rel.StartDate), dateValueOf(rel.EndDate), rel.Note, rel.Version
	p.Other = strconv.FormatInt(int64(p.Current.Other.ID), 10)
	return p, nil
}

func (s *Server) editRelationshipPost(w http.ResponseWriter, r *request) error {
	p, err := s.editRelationshipPage(r)
	if err != nil {
		return err
	}
	cur := p.Current.Relationship
	f := r.PostForm
	p.Type, p.Start, p.End, p.Note, p.Reason = f.Get("type"), dateValue(f, "start_date"), dateValue(f, "end_date"), strings.TrimSpace(f.Get("note")), f.Get("reason")
	var bad errs.Fields
	p.Version, err = strconv.Atoi(f.Get("version"))
	if err != nil || p.Version < 1 {
		return errs.E(errs.BadRequest, "The form is missing the version of the relationship being changed. Open the record and start again")
	}
	start := p.Start.parse("start_date", "Start date", &bad)
	end := p.End.parse("end_date", "End date", &bad)
	typ, side, _ := strings.Cut(p.Type, ":")
	rel := people.Relationship{ID: cur.ID, Version: p.Version, From: cur.From, To: cur.To, Type: typ, StartDate: start, EndDate: end, Note: p.Note}
	// The form names the type from this person's side; "parent:from" on the
	// parent's own record would turn the relationship round, which the app
	// refuses with its own message. A symmetric type reads the same both ways.
	t, known := people.LookupRelationshipType(typ)
	if wantFrom := side == "from"; wantFrom == p.Current.Forward && p.Type != "" && !(known && t.Symmetric) {
		rel.From, rel.To = cur.To, cur.From
	}
	if p.Type == "" {
		bad.Add("type", "Select what the other person is to %s", p.Person.FullName())
	}
	if len(bad) > 0 {
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "relationship-form", p)
	}
	_, err = s.app.ChangeRelationship(r.Context(), r.actor, p.Person.ID, rel, p.Reason)
	switch {
	case staleVersion(err):
		// Keep what they typed, and let them save it over the version that
		// is there now, having seen it.
		p.Conflict, p.Version = true, cur.Version
		return s.render(w, http.StatusConflict, "relationship-form", p)
	case err != nil:
		// Turning the relationship round is done here by choosing the type
		// from the other side, so the app's word on from is said of type.
		if !p.F.takeAs(err, "from", "type") {
			return err
		}
		return s.render(w, http.StatusUnprocessableEntity, "relationship-form", p)
	}
	http.Redirect(w, r.Request, "/people/"+strconv.FormatInt(int64(p.Person.ID), 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

// renderPaused draws a page for a search refused because the user has
// searched too often of late, with what they typed, and says when to try
// again.
func (s *Server) renderPaused(w http.ResponseWriter, name string, data any) error {
	w.Header().Set("Retry-After", strconv.Itoa(int(app.SearchEvery.Seconds())))
	return s.render(w, http.StatusTooManyRequests, name, data)
}
