package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// peopleRoutes are the register of people: search, records, their history
// and relationships.
func (x *API) peopleRoutes() []route {
	return []route{
		{http.MethodGet, "/people", x.searchPeople},
		{http.MethodPost, "/people", x.createPerson},
		{http.MethodPost, "/people/check", x.checkPerson},
		{http.MethodGet, "/people/{id}", x.person},
		{http.MethodPut, "/people/{id}", x.updatePerson},
		{http.MethodGet, "/people/{id}/history", x.personHistory},
		{http.MethodPost, "/people/{id}/access", x.openWithReason},
		{http.MethodGet, "/people/{id}/relationships", x.relationships},
		{http.MethodPost, "/people/{id}/relationships", x.addRelationship},
		{http.MethodPut, "/people/{id}/relationships/{rid}", x.changeRelationship},
		{http.MethodGet, "/people/{id}/involvements", x.involvements},
		{http.MethodPut, "/people/{id}/involvements/{iid}", x.endInvolvement},
		{http.MethodGet, "/people/{id}/involvements/{iid}/history", x.involvementHistory},
	}
}

// personSummary is one person in a list: a search result, a duplicate, the
// far end of a relationship.
type personSummary struct {
	ID          people.ID  `json:"id"`
	GivenName   string     `json:"given_name"`
	FamilyName  string     `json:"family_name"`
	DateOfBirth civil.Date `json:"date_of_birth"`
	Postcode    string     `json:"postcode"`
	Restricted  bool       `json:"restricted"`
}

func summaryOf(s store.PersonSummary) personSummary {
	return personSummary{
		ID: s.ID, GivenName: s.GivenName, FamilyName: s.FamilyName,
		DateOfBirth: s.DateOfBirth, Postcode: s.Postcode, Restricted: s.Restricted,
	}
}

// relationshipView is a relationship seen from one person's side.
type relationshipView struct {
	Relationship people.Relationship `json:"relationship"`
	Forward      bool                `json:"forward"` // the person viewed is the relationship's from
	Label        string              `json:"label"`   // what the other person is to the person viewed
	Other        personSummary       `json:"other"`
}

func relationshipsOf(views []store.RelationshipView) []relationshipView {
	out := make([]relationshipView, 0, len(views))
	for _, v := range views {
		out = append(out, relationshipView{
			Relationship: v.Relationship,
			Forward:      v.Forward,
			Label:        people.RelationshipLabel(v.Relationship.Type, v.Forward),
			Other:        summaryOf(v.Other),
		})
	}
	return out
}

// saved says who saved a version of a record, when and why. The two kinds of
// version below carry it in their own JSON objects.
type saved struct {
	Version    int           `json:"version"`
	RecordedAt time.Time     `json:"recorded_at"`
	By         access.UserID `json:"by"`
	ByName     string        `json:"by_name"`
	Reason     string        `json:"reason"`
}

func savedOf[T any](v store.Version[T]) saved {
	return saved{Version: v.Version, RecordedAt: v.RecordedAt, By: v.By, ByName: v.ByName, Reason: v.Reason}
}

// relationshipVersion is one version of one of a person's relationships,
// seen from their side.
type relationshipVersion struct {
	saved
	Relationship people.Relationship `json:"relationship"`
	Forward      bool                `json:"forward"`
	Label        string              `json:"label"`
	Other        personSummary       `json:"other"`
}

// personVersion is one version of a person's record.
type personVersion struct {
	saved
	Person people.Person `json:"person"`
}

// personRequest is the body that creates, checks or changes a person.
type personRequest struct {
	Person people.Person `json:"person"`
	Reason string        `json:"reason"`
}

// relationshipRequest is the body that adds a relationship.
type relationshipRequest struct {
	Relationship people.Relationship `json:"relationship"`
	Reason       string              `json:"reason"`
}

// The response bodies. Each is named after the OpenAPI schema that
// describes it, and a test holds the two to the same fields.
type (
	personResponse struct {
		Person people.Person `json:"person"`
	}
	searchResult struct {
		People     []personSummary `json:"people"`
		NeedReason []reasonNeeded  `json:"need_reason"`
		Hidden     int             `json:"hidden"`
	}
	duplicate struct {
		Person personSummary `json:"person"`
		Reason string        `json:"reason"`
	}
	checkResult struct {
		Person           people.Person `json:"person"`
		Duplicates       []duplicate   `json:"duplicates"`
		HiddenDuplicates int           `json:"hidden_duplicates"`
	}
	personPage struct {
		Person        people.Person       `json:"person"`
		AsOf          time.Time           `json:"as_of,omitzero"`
		Relationships []relationshipView  `json:"relationships"`
		Involvements  []store.Involvement `json:"involvements"`
	}
	history struct {
		Versions      []personVersion       `json:"versions"`
		Relationships []relationshipVersion `json:"relationship_versions"`
	}
	relationshipList struct {
		Relationships []relationshipView `json:"relationships"`
	}
	relationshipResponse struct {
		Relationship people.Relationship `json:"relationship"`
	}
)

// searchPeople: GET /api/v1/people?name=&date_of_birth=&postcode=&identifier=&limit=
func (x *API) searchPeople(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	qs := r.URL.Query()
	q := store.PersonQuery{Name: qs.Get("name"), Postcode: qs.Get("postcode"), Identifier: qs.Get("identifier")}
	var fields errs.Fields
	if s := qs.Get("date_of_birth"); s != "" {
		d, err := civil.Parse(s)
		if err != nil {
			fields.Add("date_of_birth", "Enter a real date in the form YYYY-MM-DD, such as 2015-03-27")
		}
		q.DateOfBirth = d
	}
	q.Limit = queryInt(qs.Get("limit"), "limit", &fields)
	if err := fields.Err(); err != nil {
		return err
	}
	res, err := x.app.SearchPeople(r.Context(), ac, q)
	if err != nil {
		return paused(w, err)
	}
	out := searchResult{People: make([]personSummary, 0, len(res.People)), NeedReason: make([]reasonNeeded, 0, len(res.NeedReason)), Hidden: res.Hidden}
	for _, s := range res.People {
		out.People = append(out.People, summaryOf(s))
	}
	for _, s := range res.NeedReason {
		out.NeedReason = append(out.NeedReason, reasonNeededOf(s))
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// checkPerson: POST /api/v1/people/check. It normalises and validates a
// record, and for a new one lists possible duplicates; it writes nothing.
func (x *API) checkPerson(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req personRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	p, dups, hidden, err := x.app.CheckPerson(r.Context(), ac, req.Person)
	if err != nil {
		return paused(w, err)
	}
	out := checkResult{Person: p, Duplicates: make([]duplicate, 0, len(dups)), HiddenDuplicates: hidden}
	for _, d := range dups {
		out.Duplicates = append(out.Duplicates, duplicate{Person: summaryOf(d.Summary), Reason: d.Reason})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// paused says when to try again on the refusal of a search (or a duplicate
// check) over the user's limit, which answers 429 with the usual error body.
func paused(w http.ResponseWriter, err error) error {
	if errs.Is(err, errs.TooMany) {
		w.Header().Set("Retry-After", strconv.Itoa(int(app.SearchEvery.Seconds())))
	}
	return err
}

// createPerson: POST /api/v1/people.
func (x *API) createPerson(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req personRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	p, err := x.app.CreatePerson(r.Context(), ac, req.Person, req.Reason)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/people/"+strconv.FormatInt(int64(p.ID), 10))
	x.writeJSON(w, r, http.StatusCreated, personResponse{Person: p})
	return nil
}

// person: GET /api/v1/people/{id}?as_of=RFC3339.
func (x *API) person(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	page, err := x.personAt(r, ac)
	if err != nil {
		return err
	}
	out := personPage{
		Person:        page.Person,
		AsOf:          page.AsOf,
		Relationships: relationshipsOf(page.Relationships),
		Involvements:  append(make([]store.Involvement, 0, len(page.Involvements)), page.Involvements...),
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// updatePerson: PUT /api/v1/people/{id}. The body's person.version must be
// the version the change starts from.
func (x *API) updatePerson(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req personRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if req.Person.ID != 0 && req.Person.ID != people.ID(id) {
		var fields errs.Fields
		fields.Add("id", "The id in the body must match the id in the path, or be left out")
		return fields.Err()
	}
	req.Person.ID = people.ID(id)
	p, err := x.app.UpdatePerson(r.Context(), ac, req.Person, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, personResponse{Person: p})
	return nil
}

// personHistory: GET /api/v1/people/{id}/history: the versions of the record
// and of its relationships, each oldest first.
func (x *API) personHistory(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	h, err := x.app.PersonHistory(r.Context(), ac, people.ID(id))
	if err != nil {
		return err
	}
	out := history{Versions: make([]personVersion, 0, len(h.Versions)), Relationships: make([]relationshipVersion, 0, len(h.Relationships))}
	for _, v := range h.Versions {
		out.Versions = append(out.Versions, personVersion{saved: savedOf(v), Person: v.Record})
	}
	for _, v := range h.Relationships {
		out.Relationships = append(out.Relationships, relationshipVersion{
			saved: savedOf(v.Version), Relationship: v.Record, Forward: v.Forward,
			Label: people.RelationshipLabel(v.Record.Type, v.Forward), Other: summaryOf(v.Other),
		})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// personAt opens the record in the path as it stands, or as it stood at the
// query's as_of.
func (x *API) personAt(r *http.Request, ac app.Actor) (app.PersonPage, error) {
	id, err := pathID(r)
	if err != nil {
		return app.PersonPage{}, err
	}
	asOf, err := x.app.ParseAsOf(r.URL.Query().Get("as_of"))
	if err != nil {
		return app.PersonPage{}, err
	}
	return x.app.Person(r.Context(), ac, people.ID(id), asOf)
}

// relationships: GET /api/v1/people/{id}/relationships?as_of=RFC3339. It is
// a read of the person's record, authorised and logged as one.
func (x *API) relationships(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	page, err := x.personAt(r, ac)
	if err != nil {
		return err
	}
	out := relationshipList{Relationships: relationshipsOf(page.Relationships)}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// addRelationship: POST /api/v1/people/{id}/relationships. The relationship
// is recorded on the record of the person in the path, who is its from unless
// the body names another from and gives the path's person as to (so that a
// parent can be added from a child's record).
func (x *API) addRelationship(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	on := people.ID(id)
	var req relationshipRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rel := req.Relationship
	switch {
	case rel.From == 0:
		rel.From = on
	case rel.From != on && rel.To != on:
		var fields errs.Fields
		fields.Add("from", "Either from or to must be the person whose record this is; leave from out to mean them")
		return fields.Err()
	}
	rel, err = x.app.AddRelationshipFor(r.Context(), ac, on, rel, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, relationshipResponse{Relationship: rel})
	return nil
}

// changeRelationship: PUT /api/v1/people/{id}/relationships/{rid}. The body
// is the relationship as it should stand, with the version it was read at;
// from and to may be left out, and if given must be the people it already
// joins. Ending a relationship is giving it an end_date.
func (x *API) changeRelationship(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rid, err := pathInt(r, "rid")
	if err != nil {
		return err
	}
	var req relationshipRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rel := req.Relationship
	if rel.ID != 0 && rel.ID != people.RelationshipID(rid) {
		var fields errs.Fields
		fields.Add("id", "The id in the body must match the id in the path, or be left out")
		return fields.Err()
	}
	rel.ID = people.RelationshipID(rid)
	rel, err = x.app.ChangeRelationship(r.Context(), ac, people.ID(id), rel, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, relationshipResponse{Relationship: rel})
	return nil
}

// queryInt reads an optional query parameter that must be a whole number of
// 1 or more; 0 means it was not given.
func queryInt(s, field string, fields *errs.Fields) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		fields.Add(field, "Enter a whole number, 1 or more")
		return 0
	}
	return n
}

// queryID reads an optional query parameter that holds a record id.
func queryID(s, field string, fields *errs.Fields) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		fields.Add(field, "Enter an id: a whole number, 1 or more")
		return 0
	}
	return n
}

func parseTime(s, field string, fields *errs.Fields) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil && strings.Contains(s, " ") {
		// An unencoded "+" in a query string arrives as a space.
		t, err = time.Parse(time.RFC3339, strings.ReplaceAll(s, " ", "+"))
	}
	if err != nil {
		fields.Add(field, "Enter a date and time in RFC 3339 form, such as 2025-03-31T17:00:00Z")
		return time.Time{}
	}
	return t
}
