package api

import (
	"net/http"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// journeyRoutes are the child's journey (contacts, early help, referrals and
// the work within them, plans, visits, notes, allocations) and the work
// lists built from it.
func (x *API) journeyRoutes() []route {
	return []route{
		{http.MethodGet, "/people/{id}/journey", x.journey},
		{http.MethodPost, "/people/{id}/journey", x.recordJourney},
		{http.MethodGet, "/people/{id}/journey/{rid}", x.journeyRecord},
		{http.MethodPut, "/people/{id}/journey/{rid}", x.changeJourney},
		{http.MethodPost, "/people/{id}/journey/{rid}/decision", x.decideContact},
		{http.MethodPost, "/people/{id}/allocation", x.allocate},
		{http.MethodPost, "/people/{id}/placement-moves", x.movePlacement},
		{http.MethodGet, "/work", x.myWork},
		{http.MethodGet, "/teams/{tid}/work", x.teamWork},
		{http.MethodGet, "/front-door/contacts", x.contactQueue},
	}
}

// newJourneyRecord is the body that adds a record to a child's journey: a
// journey.Record without what the service gives it (its id, version, child
// and the moment it was recorded), so that a body naming any of them is
// refused rather than silently overruled. Its fields are journey.Record's
// by the same JSON names, which a test holds them to.
type newJourneyRecord struct {
	Kind     journey.Kind  `json:"kind"`
	Episode  journey.ID    `json:"episode,omitzero"`
	Follows  journey.ID    `json:"follows,omitzero"`
	Start    civil.Date    `json:"start"`
	End      civil.Date    `json:"end,omitzero"`
	TeamID   access.TeamID `json:"team_id,omitzero"`
	WorkerID access.UserID `json:"worker_id,omitzero"`

	Contact       *journey.Contact       `json:"contact,omitempty"`
	EarlyHelp     *journey.EarlyHelp     `json:"early_help,omitempty"`
	Referral      *journey.Referral      `json:"referral,omitempty"`
	Assessment    *journey.Assessment    `json:"assessment,omitempty"`
	Strategy      *journey.Strategy      `json:"strategy_discussion,omitempty"`
	S47           *journey.S47           `json:"s47,omitempty"`
	ICPC          *journey.ICPC          `json:"icpc,omitempty"`
	Plan          *journey.Plan          `json:"plan,omitempty"`
	Review        *journey.Review        `json:"cp_review,omitempty"`
	Visit         *journey.Visit         `json:"visit,omitempty"`
	Note          *journey.Note          `json:"note,omitempty"`
	Allocation    *journey.Allocation    `json:"allocation,omitempty"`
	FamilyMeeting *journey.FamilyMeeting `json:"family_meeting,omitempty"`

	CareEpisode      *care.Episode          `json:"care_episode,omitempty"`
	CareReview       *care.Review           `json:"care_review,omitempty"`
	HealthAssessment *care.HealthAssessment `json:"health_assessment,omitempty"`
	DentalCheck      *care.DentalCheck      `json:"dental_check,omitempty"`
	Immunisations    *care.Immunisations    `json:"immunisations,omitempty"`
	SDQ              *care.SDQ              `json:"sdq,omitempty"`
	PEP              *care.PEP              `json:"pep,omitempty"`
	UASC             *care.UASC             `json:"uasc,omitempty"`
	Adoption         *care.Adoption         `json:"adoption,omitempty"`
	SGO              *care.SGO              `json:"sgo,omitempty"`
	LeavingCare      *care.LeavingCare      `json:"leaving_care,omitempty"`
	PathwayPlan      *care.PathwayPlan      `json:"pathway_plan,omitempty"`
	LeaverContact    *care.LeaverContact    `json:"leaver_contact,omitempty"`
	Missing          *care.Missing          `json:"missing,omitempty"`
	Screening        *care.Screening        `json:"exploitation_screening,omitempty"`
	MACE             *care.MACE             `json:"mace,omitempty"`
}

func (n newJourneyRecord) record() journey.Record {
	return journey.Record{
		Kind: n.Kind, Episode: n.Episode, Follows: n.Follows, Start: n.Start, End: n.End, TeamID: n.TeamID, WorkerID: n.WorkerID,
		Contact: n.Contact, EarlyHelp: n.EarlyHelp, Referral: n.Referral, Assessment: n.Assessment, Strategy: n.Strategy,
		S47: n.S47, ICPC: n.ICPC, Plan: n.Plan, Review: n.Review, Visit: n.Visit, Note: n.Note,
		Allocation: n.Allocation, FamilyMeeting: n.FamilyMeeting,
		CareEpisode: n.CareEpisode, CareReview: n.CareReview, HealthAssessment: n.HealthAssessment, DentalCheck: n.DentalCheck,
		Immunisations: n.Immunisations, SDQ: n.SDQ, PEP: n.PEP, UASC: n.UASC, Adoption: n.Adoption, SGO: n.SGO,
		LeavingCare: n.LeavingCare, PathwayPlan: n.PathwayPlan, LeaverContact: n.LeaverContact, Missing: n.Missing,
		Screening: n.Screening, MACE: n.MACE,
	}
}

// journeyChange is the body that writes a new version of a journey record:
// the record as it should stand, with the version it was read at, and why.
type journeyChange struct {
	Record journey.Record `json:"record"`
	Reason string         `json:"reason"`
}

// The response bodies, each named after its OpenAPI schema.
type (
	journeyPage struct {
		Status     string           `json:"status"`
		Records    []journey.Record `json:"records"`
		Due        []journey.Item   `json:"due"`
		Matrix     []journey.Period `json:"matrix"`
		Chronology []journey.Event  `json:"chronology"`
	}
	journeyRecordResponse struct {
		Record journey.Record `json:"record"`
	}
	// journeyVersion is one version of a journey record and the change
	// that wrote it.
	journeyVersion struct {
		saved
		Record journey.Record `json:"record"`
	}
	journeyRecordPage struct {
		Record  journey.Record   `json:"record"`
		History []journeyVersion `json:"history"`
	}
	// decisionResult is a decided contact and the referral or early help
	// episode the decision opened, or null.
	decisionResult struct {
		Contact journey.Record  `json:"contact"`
		Episode *journey.Record `json:"episode"`
	}
	workPage struct {
		Children []workChild `json:"children"`
		Due      []dueRow    `json:"due"`
		Overdue  int         `json:"overdue"`
		Until    civil.Date  `json:"until"`
		// Meetings is on a team's list only.
		Meetings *meetingCounts `json:"meetings,omitempty"`
		Flags    []flagRow      `json:"flags"`
	}
	flagRow struct {
		Person     personSummary `json:"person"`
		Record     int64         `json:"record_id"`
		Category   string        `json:"category"`
		Start      civil.Date    `json:"start"`
		RecordedAt time.Time     `json:"recorded_at"`
		TeamID     access.TeamID `json:"team_id,omitzero"`
	}
	workChild struct {
		Person     personSummary `json:"person"`
		Status     string        `json:"status"`
		TeamID     access.TeamID `json:"team_id,omitzero"`
		TeamName   string        `json:"team_name,omitempty"`
		WorkerID   access.UserID `json:"worker_id,omitzero"`
		WorkerName string        `json:"worker_name,omitempty"`
		Due        int           `json:"due"`
		Overdue    int           `json:"overdue"`
		Education  bool          `json:"education,omitempty"`
	}
	dueRow struct {
		Person     personSummary `json:"person"`
		Item       journey.Item  `json:"item"`
		Overdue    bool          `json:"overdue"`
		WorkerName string        `json:"worker_name,omitempty"`
		Education  bool          `json:"education,omitempty"`
	}
	meetingCounts struct {
		Offered    int `json:"offered"`
		Held       int `json:"held"`
		MedianDays int `json:"median_days"` // -1 when none was held
	}
)

// journeyPath is where one record of a child's journey is read.
func journeyPath(on people.ID, id journey.ID) string {
	return prefix + "/people/" + strconv.FormatInt(int64(on), 10) + "/journey/" + strconv.FormatInt(int64(id), 10)
}

// recordList is a list of records that encodes as [] when empty.
func recordList(rs []journey.Record) []journey.Record {
	return append(make([]journey.Record, 0, len(rs)), rs...)
}

// journey: GET /api/v1/people/{id}/journey. The child's records, their
// current involvement, what is due, every team's work with them and the
// chronology.
func (x *API) journey(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	page, err := x.app.Journey(r.Context(), ac, people.ID(id))
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, journeyPage{
		Status:     page.Status,
		Records:    recordList(page.Records),
		Due:        append(make([]journey.Item, 0, len(page.Due)), page.Due...),
		Matrix:     append(make([]journey.Period, 0, len(page.Matrix)), page.Matrix...),
		Chronology: journey.Chronology(page.Records),
	})
	return nil
}

// recordJourney: POST /api/v1/people/{id}/journey. The body is the new
// record; it is judged against the child's journey and written as version 1.
func (x *API) recordJourney(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req newJourneyRecord
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rec, err := x.app.RecordJourney(r.Context(), ac, people.ID(id), req.record())
	if err != nil {
		return err
	}
	w.Header().Set("Location", journeyPath(rec.PersonID, rec.ID))
	x.writeJSON(w, r, http.StatusCreated, journeyRecordResponse{Record: rec})
	return nil
}

// journeyRecord: GET /api/v1/people/{id}/journey/{rid}. One record as it
// stands and every version of it, oldest first.
func (x *API) journeyRecord(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, rid, err := journeyIDs(r)
	if err != nil {
		return err
	}
	page, err := x.app.JourneyRecord(r.Context(), ac, id, rid)
	if err != nil {
		return err
	}
	out := journeyRecordPage{Record: page.Record, History: make([]journeyVersion, 0, len(page.History))}
	for _, v := range page.History {
		out.History = append(out.History, journeyVersion{saved: savedOf(v), Record: v.Record})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// changeJourney: PUT /api/v1/people/{id}/journey/{rid}. The body's record
// is the record as it should stand, with the version it was read at; its
// id and person_id may be left out, and if given must be the path's. A
// stale version is refused with 409.
func (x *API) changeJourney(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, rid, err := journeyIDs(r)
	if err != nil {
		return err
	}
	var req journeyChange
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rec := req.Record
	if err := samePath(int64(rec.ID), int64(rid), rec.PersonID, id); err != nil {
		return err
	}
	rec.ID = rid
	rec, err = x.app.ChangeJourney(r.Context(), ac, id, rec, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, journeyRecordResponse{Record: rec})
	return nil
}

// samePath checks that a changed record's body names the record and
// person its path names, or leaves them out (0).
func samePath(bodyID, pathID int64, bodyPerson, pathPerson people.ID) error {
	var fields errs.Fields
	if bodyID != 0 && bodyID != pathID {
		fields.Add("id", "The id in the body must match the id in the path, or be left out")
	}
	if bodyPerson != 0 && bodyPerson != pathPerson {
		fields.Add("person_id", "The person_id in the body must match the id in the path, or be left out")
	}
	return fields.Err()
}

// decideContact: POST /api/v1/people/{id}/journey/{rid}/decision. The front
// door's decision on an open contact; a referral or early help decision
// opens the episode that follows it, written with the decision.
func (x *API) decideContact(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, rid, err := journeyIDs(r)
	if err != nil {
		return err
	}
	var req app.ContactDecision
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	contact, next, err := x.app.DecideContact(r.Context(), ac, id, rid, req)
	if err != nil {
		return err
	}
	out := decisionResult{Contact: contact}
	if next.ID != 0 {
		out.Episode = &next
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// allocate: POST /api/v1/people/{id}/allocation. Allocates the child to a
// worker of a team from a date, ending their last allocation that day.
func (x *API) allocate(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req app.Allocation
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rec, err := x.app.Allocate(r.Context(), ac, people.ID(id), req)
	if err != nil {
		return err
	}
	w.Header().Set("Location", journeyPath(rec.PersonID, rec.ID))
	x.writeJSON(w, r, http.StatusCreated, journeyRecordResponse{Record: rec})
	return nil
}

// placementMoveResponse is a move of placement: the episode of care it
// ended and the one it started.
type placementMoveResponse struct {
	Ended   journey.Record `json:"ended"`
	Started journey.Record `json:"started"`
}

// movePlacement: POST /api/v1/people/{id}/placement-moves. The child moves
// from their current placement to the next in one unit of work, as the
// page's move does (app.MovePlacement).
func (x *API) movePlacement(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req app.PlacementMove
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	ended, started, err := x.app.MovePlacement(r.Context(), ac, people.ID(id), req)
	if err != nil {
		return err
	}
	w.Header().Set("Location", journeyPath(started.PersonID, started.ID))
	x.writeJSON(w, r, http.StatusCreated, placementMoveResponse{Ended: ended, Started: started})
	return nil
}

// myWork: GET /api/v1/work. The children allocated to the caller.
func (x *API) myWork(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	page, err := x.app.MyWork(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, workOf(page, false))
	return nil
}

// teamWork: GET /api/v1/teams/{tid}/work. A team's children, for a manager
// of the team or of its service.
func (x *API) teamWork(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	tid, err := pathInt(r, "tid")
	if err != nil {
		return err
	}
	page, err := x.app.TeamWork(r.Context(), ac, access.TeamID(tid))
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, workOf(page, true))
	return nil
}

// contactQueue: GET /api/v1/front-door/contacts. Every child with a contact
// awaiting a decision, the one due soonest first.
func (x *API) contactQueue(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	page, err := x.app.ContactQueue(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, workOf(page, false))
	return nil
}

// workOf is a work list as the API writes it, with the names of the teams
// and workers it shows; meetings only on a team's list.
func workOf(p app.WorkPage, team bool) workPage {
	out := workPage{
		Children: make([]workChild, 0, len(p.Children)),
		Due:      make([]dueRow, 0, len(p.Due)),
		Overdue:  p.Overdue,
		Until:    p.Until,
	}
	for _, c := range p.Children {
		status := c.Status
		if c.Education {
			status = "education"
		}
		out.Children = append(out.Children, workChild{
			Person: summaryOf(c.Person), Status: status,
			TeamID: c.TeamID, TeamName: p.Names.Team(c.TeamID),
			WorkerID: c.WorkerID, WorkerName: p.Names.Worker(c.WorkerID),
			Due: c.Due, Overdue: c.Overdue, Education: c.Education,
		})
	}
	for _, d := range p.Due {
		out.Due = append(out.Due, dueRow{Person: summaryOf(d.Person), Item: d.Item, Overdue: d.Overdue, WorkerName: p.Names.Worker(d.Item.WorkerID), Education: d.Education})
	}
	out.Flags = make([]flagRow, 0, len(p.Flags))
	for _, f := range p.Flags {
		out.Flags = append(out.Flags, flagRow{Person: summaryOf(f.Person), Record: int64(f.Flag.Record), Category: f.Flag.Category, Start: f.Flag.Start,
			RecordedAt: f.Flag.At, TeamID: f.Flag.TeamID})
	}
	if team {
		m := p.Meetings
		out.Meetings = &meetingCounts{Offered: m.Offered, Held: m.Held, MedianDays: m.MedianDays}
	}
	return out
}

// journeyIDs reads the child's id and the record's from the path.
func journeyIDs(r *http.Request) (people.ID, journey.ID, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, 0, err
	}
	rid, err := pathInt(r, "rid")
	if err != nil {
		return 0, 0, err
	}
	return people.ID(id), journey.ID(rid), nil
}
