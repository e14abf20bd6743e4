package web

import (
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// journeyModule is the child's journey: the journey page (status, what is
// due, a child in care's placements, the involvement matrix and the
// chronology), one record's page and history, recording and changing
// records through one form drawn from a table of each kind's fields
// (journeyform.go), a move of placement (care.go), and the work lists: my
// work, a team's work, the front door's queue with its decision page, and
// allocation (work.go). Its templates are in templates/journey/.
func (s *Server) journeyModule() module {
	return module{
		name: "journey",
		routes: []route{
			signedInRoute("GET", "/people/{id}/journey", "search", s.journeyPage),
			signedInRoute("GET", "/people/{id}/journey/new", "search", s.newJourney),
			signedInRoute("POST", "/people/{id}/journey/new", "search", s.newJourneyPost),
			signedInRoute("POST", "/people/{id}/journey/new/confirm", "search", s.newJourneyConfirm),
			signedInRoute("GET", "/people/{id}/journey/{rid}", "search", s.journeyRecord),
			signedInRoute("GET", "/people/{id}/journey/{rid}/edit", "search", s.editJourney),
			signedInRoute("POST", "/people/{id}/journey/{rid}/edit", "search", s.editJourneyPost),
			signedInRoute("POST", "/people/{id}/journey/{rid}/edit/confirm", "search", s.editJourneyConfirm),
			signedInRoute("GET", "/people/{id}/journey/{rid}/decision", "front-door", s.decision),
			signedInRoute("POST", "/people/{id}/journey/{rid}/decision", "front-door", s.decisionPost),
			signedInRoute("GET", "/people/{id}/placement-move", "search", s.placementMove),
			signedInRoute("POST", "/people/{id}/placement-move", "search", s.placementMovePost),
			signedInRoute("GET", "/people/{id}/allocation", "work", s.allocation),
			signedInRoute("POST", "/people/{id}/allocation", "work", s.allocationPost),
			signedInRoute("GET", "/front-door", "front-door", s.frontDoor),
			signedInRoute("GET", "/my-work", "work", s.myWork),
			signedInRoute("GET", "/teams/{tid}/work", "work", s.teamWork),
		},
		nav: []navLink{
			{key: "work", label: "My work", href: "/my-work", action: access.ReadOwnWork},
			{key: "front-door", label: "Front door", href: "/front-door", action: access.ReadContactQueue},
		},
		funcs: template.FuncMap{
			"kindLabel":   func(k journey.Kind) string { return codeLabel(journey.Kinds, string(k)) },
			"kindsLabel":  kindsLabel,
			"statusLabel": func(code string) string { return codeLabel(journey.Statuses, code) },
			"statusTag":   statusTag,
			"timeLeft":    func(due time.Time) string { return timeLeft(due, s.app.Now()) },
			"pastDue":     func(due time.Time) bool { return due.Before(s.app.Now()) },
			"invKind":     access.InvolvementKindLabel,
			"relLabel":    people.RelationshipLabel,
			// A child in care's code lists, for the placement pages.
			"placementLabel":   func(code string) string { return codeLabel(care.PlacementTypes, code) },
			"providerLabel":    func(code string) string { return codeLabel(care.Providers, code) },
			"legalStatusLabel": func(code string) string { return codeLabel(care.LegalStatuses, code) },
		},
		dateFields: journeyDateFields,
		kinds:      map[store.Kind]string{store.KindJourney: "Journey record"},
	}
}

// kindsLabel lists kinds of record in words.
func kindsLabel(ks []journey.Kind) string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = codeLabel(journey.Kinds, string(k))
	}
	return strings.Join(out, ", ")
}

// statusTag is the colour of the tag of a child's status: the more
// intensive the work, the warmer.
func statusTag(code string) string {
	switch code {
	case "cp":
		return "govuk-tag--red"
	case "cin":
		return "govuk-tag--orange"
	case "assessment":
		return "govuk-tag--yellow"
	case "early_help":
		return "govuk-tag--green"
	case "contact":
		return "govuk-tag--blue"
	case "looked_after":
		return "govuk-tag--purple"
	case "care_leaver":
		return "govuk-tag--turquoise"
	}
	return "govuk-tag--grey"
}

// timeLeft is the time between now and due in hours and minutes, whichever
// way round: "3 hours 5 minutes".
func timeLeft(due, now time.Time) string {
	d := due.Sub(now)
	if d < 0 {
		d = -d
	}
	mins := int(d.Round(time.Minute) / time.Minute)
	h, m := mins/60, mins%60
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return strconv.Itoa(n) + " " + unit + "s"
	}
	switch {
	case h == 0:
		return plural(m, "minute")
	case m == 0:
		return plural(h, "hour")
	}
	return plural(h, "hour") + " " + plural(m, "minute")
}

func recordID(r *request) (journey.ID, error) {
	id, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.ErrNoJourneyRecord
	}
	return journey.ID(id), nil
}

func journeyPath(id people.ID) string {
	return "/people/" + strconv.FormatInt(int64(id), 10) + "/journey"
}

func recordPath(id people.ID, rid journey.ID) string {
	return journeyPath(id) + "/" + strconv.FormatInt(int64(rid), 10)
}

// dueView is an item of due work and whether it is late.
type dueView struct {
	journey.Item
	Overdue bool
}

// kindChoice is a checkbox of the chronology's filter.
type kindChoice struct {
	people.Code
	Checked bool
}

type journeyView struct {
	Page
	app.JourneyPage
	Due        []dueView
	Events     []journey.Event
	Chrono     pager
	Oldest     bool
	Filter     []kindChoice
	Filtered   bool
	Recordable people.CodeList
	Placements *placementsView // nil for a child never in care
}

// journeyPage is the child's journey. The chronology is newest first unless
// ?order=oldest, and ?kind= (repeated) keeps only those kinds.
func (s *Server) journeyPage(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	jp, err := s.app.Journey(r.Context(), r.actor, id)
	if err != nil {
		return toBreakGlass(w, r, id, err)
	}
	p := journeyView{Page: r.page, JourneyPage: jp}
	p.Title = "Journey of " + jp.Person.FullName()
	q := r.URL.Query()
	switch {
	case q.Get("saved") == "1":
		p.Flash = "Record saved"
	case q.Get("moved") == "1":
		p.Flash = "Move of placement recorded"
	case q.Has("decided"):
		p.Flash = "Contact decided: " + codeLabel(journey.ContactDecisions, q.Get("decided"))
	}
	now := s.app.Now()
	p.Placements = placementsOf(jp, s.app.Today())
	for _, it := range jp.Due {
		p.Due = append(p.Due, dueView{Item: it, Overdue: it.Overdue(now)})
	}
	var kinds []journey.Kind
	for _, k := range q["kind"] {
		if journey.Kinds.Has(k) {
			kinds = append(kinds, journey.Kind(k))
		}
	}
	p.Filtered = len(kinds) > 0
	for _, k := range journey.Kinds {
		p.Filter = append(p.Filter, kindChoice{Code: k, Checked: slices.Contains(kinds, journey.Kind(k.Code))})
	}
	p.Events = journey.Chronology(jp.Records, kinds...)
	p.Oldest = q.Get("order") == "oldest"
	if !p.Oldest {
		slices.Reverse(p.Events)
	}
	p.Events, p.Chrono = pageOfList(p.Events, q, "page", chronoPerPage, "chronology")
	if jp.CanRecord {
		for _, k := range recordable() {
			if app.GivesCare(k) && !jp.CanRecordCare {
				continue
			}
			p.Recordable = append(p.Recordable, people.Code{Code: string(k), Label: article(journey.Kinds.Label(string(k)))})
		}
	}
	return s.render(w, http.StatusOK, "journey", p)
}

// chronoPerPage is how many events of a chronology a page shows: a child
// known for years has thousands, which no one reads in one table, and
// drawing them all made the page slow.
const chronoPerPage = 100

// pager is where a page of a long list stands: items From to To (counting
// from 1) of Total, and the links to the pages either side, which keep the
// page's other parameters (a filter, an order, another list's page).
type pager struct {
	From, To, Total int
	Prev, Next      string
}

// paged is the page the parameter asks for of a list of total items, per
// a page (the first for a page that is not a number or is out of range);
// its links go to the anchor.
func paged(total int, q url.Values, param string, per int, anchor string) pager {
	n, err := strconv.Atoi(q.Get(param))
	last := max(1, (total+per-1)/per)
	if err != nil || n < 1 || n > last {
		n = 1
	}
	c := pager{From: min(total, (n-1)*per+1), To: min(total, n*per), Total: total}
	link := func(page int) string {
		v := maps.Clone(q)
		if v == nil {
			v = url.Values{}
		}
		v.Set(param, strconv.Itoa(page))
		return "?" + v.Encode() + "#" + anchor
	}
	if n > 1 {
		c.Prev = link(n - 1)
	}
	if n < last {
		c.Next = link(n + 1)
	}
	return c
}

// pageOfList is a list's items on the page the parameter asks for.
func pageOfList[T any](items []T, q url.Values, param string, per int, anchor string) ([]T, pager) {
	c := paged(len(items), q, param, per, anchor)
	return items[max(0, c.From-1):c.To], c
}

type recordVersion struct {
	store.Version[journey.Record]
	Changes []change
	First   bool
}

type journeyRecordView struct {
	Page
	app.JourneyRecordPage
	Rows     []row
	Versions []recordVersion
	Episode  *journey.Record
	Follows  *journey.Record
}

// journeyRecord is one record's page: its fields, where it belongs, and its
// history, newest first.
func (s *Server) journeyRecord(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	rid, err := recordID(r)
	if err != nil {
		return err
	}
	rp, err := s.app.JourneyRecord(r.Context(), r.actor, id, rid)
	if err != nil {
		return toBreakGlass(w, r, id, err)
	}
	p := journeyRecordView{Page: r.page, JourneyRecordPage: rp, Rows: journeyRows(rp.Record, rp.Records)}
	p.Title = journey.Kinds.Label(string(rp.Record.Kind)) + " for " + rp.Person.FullName()
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "Record saved"
	}
	for _, o := range rp.Records {
		if o.ID == rp.Record.Episode && o.ID != 0 {
			p.Episode = &o
		}
		if o.ID == rp.Record.Follows && o.ID != 0 {
			p.Follows = &o
		}
	}
	var prev []row
	for i, v := range rp.History {
		rows := journeyRows(v.Record, rp.Records)
		rv := recordVersion{Version: v, First: i == 0}
		if i > 0 {
			rv.Changes = rowChanges(prev, rows)
		}
		prev = rows
		p.Versions = append(p.Versions, rv)
	}
	slices.Reverse(p.Versions)
	return s.render(w, http.StatusOK, "journey-record", p)
}

// journeyFormView draws the journey's form, its check page and the page of
// a change refused because someone else saved first.
type journeyFormView struct {
	Page
	Person    people.Person
	Kind      journey.Kind
	KindLabel string // in lower case, for the middle of a sentence
	Heading   string
	Fields    []fieldView
	Values    url.Values
	Action    string // where the form posts
	Back      string // where "cancel" goes
	Editing   bool
	// The check page: the record as it would be kept, what changes, the
	// form's values carried in hidden inputs, and the reason for a change.
	Rows     []row
	Changes  []change
	Hidden   []hidden
	Reason   string
	Conflict bool
	Current  []row // after a conflict, the record as it now stands
}

// journeyForm builds the form's page for a kind, with what was typed.
func (s *Server) journeyForm(r *request, person people.Person, k journey.Kind, self journey.ID, v url.Values) *journeyFormView {
	p := &journeyFormView{Page: r.page, Person: person, Kind: k, KindLabel: lowerFirst(journey.Kinds.Label(string(k))), Values: v, Back: journeyPath(person.ID)}
	if self != 0 {
		p.Editing, p.Back = true, recordPath(person.ID, self)
		p.Heading = "Change the " + p.KindLabel
	} else {
		p.Heading = "Record " + article(p.KindLabel)
	}
	p.Title = p.Heading + " for " + person.FullName()
	return p
}

// withFields draws the fields with the page's errors; call it after the
// errors are set.
func (p *journeyFormView) withFields(records []journey.Record, self journey.ID) *journeyFormView {
	p.Fields = fieldViews(p.Kind, p.Values, p.Errors, records, self)
	return p
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// article is a kind's label with "a" or "an" before it, in lower case; a
// plural ("immunisations") takes none.
func article(label string) string {
	l := lowerFirst(label)
	if strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") {
		return l
	}
	if strings.ContainsAny(l[:1], "aeiou") {
		return "an " + l
	}
	return "a " + l
}

// newKind reads the kind a new record is of: one the form records.
func newKind(s string) (journey.Kind, error) {
	k := journey.Kind(s)
	if !slices.Contains(recordable(), k) {
		return "", errs.E(errs.NotFound, "There is no such kind of record to add")
	}
	return k, nil
}

// openForNew reads the child's journey for a user who may record on it.
func (s *Server) openForNew(r *request) (app.JourneyPage, error) {
	id, err := personID(r)
	if err != nil {
		return app.JourneyPage{}, err
	}
	jp, err := s.app.Journey(r.Context(), r.actor, id)
	if err != nil {
		return jp, err
	}
	if !jp.CanRecord {
		return jp, errs.E(errs.Forbidden, "You do not have permission to record on this child's journey")
	}
	return jp, nil
}

// newJourney is the form for a new record of ?kind=, its date today (a
// contact's now); ?episode= and ?follows= choose what it belongs to.
func (s *Server) newJourney(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	k, err := newKind(q.Get("kind"))
	if err != nil {
		return err
	}
	jp, err := s.openForNew(r)
	if err != nil {
		return err
	}
	rec := journey.Record{Kind: k, Start: s.app.Today()}
	if k == journey.KindContact {
		rec.Contact = &journey.Contact{ReceivedAt: s.app.Now().Truncate(time.Minute)}
	}
	for _, f := range []string{"episode", "follows"} {
		n, _ := strconv.ParseInt(q.Get(f), 10, 64)
		if f == "episode" {
			rec.Episode = journey.ID(n)
		} else {
			rec.Follows = journey.ID(n)
		}
	}
	v := valuesOf(rec)
	for _, f := range journeyFields[k] {
		if f.typ == fYesNo {
			v.Del(f.name) // a question is answered, not assumed
		}
	}
	p := s.journeyForm(r, jp.Person, k, 0, v)
	p.Action = journeyPath(jp.Person.ID) + "/new"
	return s.render(w, http.StatusOK, "journey-form", p.withFields(jp.Records, 0))
}

// newJourneyPost checks the form and shows what would be saved; the check
// page posts it, in hidden inputs, to newJourneyConfirm.
func (s *Server) newJourneyPost(w http.ResponseWriter, r *request) error {
	k, err := newKind(r.PostForm.Get("kind"))
	if err != nil {
		return err
	}
	jp, err := s.openForNew(r)
	if err != nil {
		return err
	}
	p := s.journeyForm(r, jp.Person, k, 0, r.PostForm)
	p.Action = journeyPath(jp.Person.ID) + "/new"
	rec, bad := recordOf(journey.Record{Kind: k}, r.PostForm)
	checked, err := s.app.CheckJourney(r.Context(), r.actor, jp.Person.ID, rec)
	if err != nil && !errs.Is(err, errs.Invalid) {
		return err
	}
	if err != nil || len(bad) > 0 {
		p.Errors = formErrors(k, bad, err)
		return s.render(w, http.StatusUnprocessableEntity, "journey-form", p.withFields(jp.Records, 0))
	}
	p.Title = "Check the " + p.KindLabel + " before saving"
	p.Action += "/confirm"
	p.Rows, p.Hidden = journeyRows(checked, jp.Records), hiddenFields(r.PostForm)
	return s.render(w, http.StatusOK, "journey-check", p)
}

// newJourneyConfirm saves a checked record, or ("change") goes back to the
// form with what was typed.
func (s *Server) newJourneyConfirm(w http.ResponseWriter, r *request) error {
	k, err := newKind(r.PostForm.Get("kind"))
	if err != nil {
		return err
	}
	jp, err := s.openForNew(r)
	if err != nil {
		return err
	}
	p := s.journeyForm(r, jp.Person, k, 0, r.PostForm)
	p.Action = journeyPath(jp.Person.ID) + "/new"
	rec, bad := recordOf(journey.Record{Kind: k}, r.PostForm)
	if r.PostForm.Get("action") == "change" {
		return s.render(w, http.StatusOK, "journey-form", p.withFields(jp.Records, 0))
	}
	if len(bad) == 0 {
		_, err = s.app.RecordJourney(r.Context(), r.actor, jp.Person.ID, rec)
		if err == nil {
			http.Redirect(w, r.Request, journeyPath(jp.Person.ID)+"?saved=1", http.StatusSeeOther)
			return nil
		}
		if !errs.Is(err, errs.Invalid) {
			return err
		}
	}
	// The journey changed between the check and the save (or the form was
	// sent by hand): the form again, with why.
	p.Errors = formErrors(k, bad, err)
	return s.render(w, http.StatusUnprocessableEntity, "journey-form", p.withFields(jp.Records, 0))
}

// openForChange reads the record in the path for a user who may change it.
func (s *Server) openForChange(r *request) (app.JourneyRecordPage, error) {
	id, err := personID(r)
	if err != nil {
		return app.JourneyRecordPage{}, err
	}
	rid, err := recordID(r)
	if err != nil {
		return app.JourneyRecordPage{}, err
	}
	rp, err := s.app.JourneyRecord(r.Context(), r.actor, id, rid)
	if err != nil {
		return rp, err
	}
	if !rp.CanChange {
		return rp, errs.E(errs.Forbidden, "You do not have permission to change this record")
	}
	return rp, nil
}

func (s *Server) editForm(r *request, rp app.JourneyRecordPage, v url.Values) *journeyFormView {
	p := s.journeyForm(r, rp.Person, rp.Record.Kind, rp.Record.ID, v)
	p.Action = recordPath(rp.Person.ID, rp.Record.ID) + "/edit"
	return p
}

// editJourney is the form filled in with the record as it stands.
func (s *Server) editJourney(w http.ResponseWriter, r *request) error {
	rp, err := s.openForChange(r)
	if err != nil {
		return err
	}
	p := s.editForm(r, rp, valuesOf(rp.Record))
	return s.render(w, http.StatusOK, "journey-form", p.withFields(rp.Records, rp.Record.ID))
}

// editJourneyPost checks a change and shows what it changes, with a box
// for the reason; the check page posts to editJourneyConfirm.
func (s *Server) editJourneyPost(w http.ResponseWriter, r *request) error {
	rp, err := s.openForChange(r)
	if err != nil {
		return err
	}
	p := s.editForm(r, rp, r.PostForm)
	rec, bad := recordOf(rp.Record, r.PostForm)
	checked, err := s.app.CheckJourney(r.Context(), r.actor, rp.Person.ID, rec)
	if err != nil && !errs.Is(err, errs.Invalid) {
		return err
	}
	if err != nil || len(bad) > 0 {
		p.Errors = formErrors(rec.Kind, bad, err)
		return s.render(w, http.StatusUnprocessableEntity, "journey-form", p.withFields(rp.Records, rp.Record.ID))
	}
	s.toCheck(p, rp, checked, r.PostForm)
	return s.render(w, http.StatusOK, "journey-check", p)
}

// toCheck turns the form's page into the check page of a change.
func (s *Server) toCheck(p *journeyFormView, rp app.JourneyRecordPage, checked journey.Record, v url.Values) {
	p.Title = "Check your changes to the " + p.KindLabel
	p.Action += "/confirm"
	p.Rows = journeyRows(checked, rp.Records)
	p.Changes = rowChanges(journeyRows(rp.Record, rp.Records), p.Rows)
	p.Hidden = hiddenFields(v)
}

// editJourneyConfirm saves a checked change with its reason. A save from a
// stale version shows the record as it now stands beside what the user
// typed, which is kept, to save again over it having seen it.
func (s *Server) editJourneyConfirm(w http.ResponseWriter, r *request) error {
	rp, err := s.openForChange(r)
	if err != nil {
		return err
	}
	p := s.editForm(r, rp, r.PostForm)
	if r.PostForm.Get("action") == "change" {
		return s.render(w, http.StatusOK, "journey-form", p.withFields(rp.Records, rp.Record.ID))
	}
	p.Reason = r.PostForm.Get("reason")
	rec, bad := recordOf(rp.Record, r.PostForm)
	if len(bad) > 0 {
		p.Errors = formErrors(rec.Kind, bad, nil)
		return s.render(w, http.StatusUnprocessableEntity, "journey-form", p.withFields(rp.Records, rp.Record.ID))
	}
	_, err = s.app.ChangeJourney(r.Context(), r.actor, rp.Person.ID, rec, p.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, recordPath(rp.Person.ID, rp.Record.ID)+"?saved=1", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		v := cloneValues(r.PostForm)
		v.Set("version", strconv.Itoa(rp.Record.Version))
		s.toCheck(p, rp, rec, v)
		p.Conflict, p.Current = true, journeyRows(rp.Record, rp.Records)
		p.Title = "Someone else has changed this record"
		return s.render(w, http.StatusConflict, "journey-check", p)
	case !errs.Is(err, errs.Invalid):
		return err
	}
	fields := formErrors(rec.Kind, nil, err)
	if len(fields) == 1 && fields[0].Field == "reason" {
		s.toCheck(p, rp, rec, r.PostForm)
		p.Errors = fields
		return s.render(w, http.StatusUnprocessableEntity, "journey-check", p)
	}
	p.Errors = slices.DeleteFunc(fields, func(f errs.Field) bool { return f.Field == "reason" })
	return s.render(w, http.StatusUnprocessableEntity, "journey-form", p.withFields(rp.Records, rp.Record.ID))
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}
