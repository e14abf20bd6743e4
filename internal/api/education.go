package api

import (
	"net/http"
	"slices"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// educationRoutes are the education half of a child's record: the records
// (education officers) or their summary (social care), one record with its
// history and clocks, and recording and changing records; and the
// council's term dates, on which the exclusion clocks count school days.
func (x *API) educationRoutes() []route {
	return []route{
		{http.MethodGet, "/people/{id}/education", x.education},
		{http.MethodPost, "/people/{id}/education", x.recordEducation},
		{http.MethodGet, "/people/{id}/education/{rid}", x.educationRecord},
		{http.MethodPut, "/people/{id}/education/{rid}", x.changeEducation},
		{http.MethodGet, "/settings/term-dates", x.termDates},
		{http.MethodPut, "/settings/term-dates", x.setTermDates},
		{http.MethodGet, "/education/home-education", x.homeEducationRegister},
		{http.MethodGet, "/education/missing-education", x.cmeEnquiries},
		{http.MethodGet, "/education/lost-pupils", x.lostPupils},
	}
}

type (
	// termDatesResponse is the council's term dates: as entered (empty,
	// and by_rule true, while it works by the rule's calendar), the rule's
	// calendar for this school year and the next, and every change.
	termDatesResponse struct {
		Calendar education.SchoolCalendar `json:"calendar"`
		Version  int                      `json:"version"`
		ByRule   bool                     `json:"by_rule"`
		Rule     education.SchoolCalendar `json:"rule"`
		History  []termDatesVersion       `json:"history"`
	}
	termDatesVersion struct {
		saved
		Calendar education.SchoolCalendar `json:"calendar"`
	}
	termDatesUpdate struct {
		Calendar education.SchoolCalendar `json:"calendar"`
		Version  int                      `json:"version"`
		Reason   string                   `json:"reason"`
	}
)

func termDatesOf(p app.SchoolCalendarPage) termDatesResponse {
	out := termDatesResponse{Calendar: p.Calendar, Version: p.Version, ByRule: p.ByRule(), Rule: p.Rule, History: make([]termDatesVersion, 0, len(p.History))}
	for _, v := range p.History {
		out.History = append(out.History, termDatesVersion{saved: savedOf(v), Calendar: v.Record})
	}
	return out
}

// termDates: GET /api/v1/settings/term-dates.
func (x *API) termDates(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	p, err := x.app.SchoolCalendarSetting(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, termDatesOf(p))
	return nil
}

// setTermDates: PUT /api/v1/settings/term-dates. Administrators only. It
// answers with the term dates as they then stand; a term's error is named
// by its path in the body (calendar.terms[0].end).
func (x *API) setTermDates(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req termDatesUpdate
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.SetSchoolCalendar(r.Context(), ac, req.Calendar, req.Version, req.Reason); err != nil {
		return nestFields(err, "calendar.", "reason", "version")
	}
	return x.termDates(w, r, ac)
}

// nestFields names the fields of err's errors, but those named in keep, by
// their path in a body that nests them under prefix.
func nestFields(err error, prefix string, keep ...string) error {
	e := errs.As(err)
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make([]errs.Field, len(e.Fields))
	for i, f := range e.Fields {
		if !slices.Contains(keep, f.Field) {
			f.Field = prefix + f.Field
		}
		out.Fields[i] = f
	}
	return &out
}

// newEducationRecord is the body that adds an education record: an
// education.Record without what the service gives it (id, version, child,
// the moment it was recorded), so that a body naming any of them is
// refused rather than overruled. For the kinds whose detail has its own
// dates, start and end are taken from them.
type newEducationRecord struct {
	Kind     education.Kind `json:"kind"`
	Start    civil.Date     `json:"start,omitzero"`
	End      civil.Date     `json:"end,omitzero"`
	TeamID   access.TeamID  `json:"team_id,omitzero"`
	WorkerID access.UserID  `json:"worker_id,omitzero"`

	Roll       *education.Roll            `json:"roll,omitempty"`
	SENSupport *education.SENSupport      `json:"sen_support,omitempty"`
	EHCRequest *education.EHCRequest      `json:"ehc_request,omitempty"`
	EHCPlan    *education.EHCPlan         `json:"ehc_plan,omitempty"`
	Exclusion  *education.SchoolExclusion `json:"exclusion,omitempty"`
	CME        *education.CMEEnquiry      `json:"cme,omitempty"`
	EHE        *education.EHE             `json:"ehe,omitempty"`
	ISAPP      *education.ISAPPReferral   `json:"isapp,omitempty"`
}

func (n newEducationRecord) record() education.Record {
	return education.Record{Kind: n.Kind, Start: n.Start, End: n.End, TeamID: n.TeamID, WorkerID: n.WorkerID,
		Roll: n.Roll, SENSupport: n.SENSupport, EHCRequest: n.EHCRequest, EHCPlan: n.EHCPlan, Exclusion: n.Exclusion,
		CME: n.CME, EHE: n.EHE, ISAPP: n.ISAPP}
}

// educationChange is the body that writes a new version of an education
// record: the record as it should stand, with the version it was read at,
// and why.
type educationChange struct {
	Record education.Record `json:"record"`
	Reason string           `json:"reason"`
}

type (
	// educationPage is a child's education: the summary always, the
	// records and their clocks only for a reader of the records (full).
	educationPage struct {
		Full    bool                `json:"full"`
		Summary education.Summary   `json:"summary"`
		Records []educationRecordIn `json:"records,omitempty"`
	}
	// educationRecordIn is a record with its statutory time limits.
	educationRecordIn struct {
		Record education.Record     `json:"record"`
		Clocks []education.Deadline `json:"clocks"`
	}
	educationRecordResponse struct {
		Record education.Record `json:"record"`
	}
	educationVersion struct {
		saved
		Record education.Record `json:"record"`
	}
	educationRecordPage struct {
		Record  education.Record     `json:"record"`
		Clocks  []education.Deadline `json:"clocks"`
		History []educationVersion   `json:"history"`
	}
)

func educationPath(on people.ID, id education.ID) string {
	return prefix + "/people/" + strconv.FormatInt(int64(on), 10) + "/education/" + strconv.FormatInt(int64(id), 10)
}

func clockList(ds []education.Deadline) []education.Deadline {
	return append(make([]education.Deadline, 0, len(ds)), ds...)
}

// education: GET /api/v1/people/{id}/education.
func (x *API) education(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	page, err := x.app.Education(r.Context(), ac, people.ID(id))
	if err != nil {
		return err
	}
	out := educationPage{Full: page.Full, Summary: page.Summary}
	if page.Full {
		out.Records = make([]educationRecordIn, 0, len(page.Records))
		for _, rec := range page.Records {
			out.Records = append(out.Records, educationRecordIn{Record: rec, Clocks: clockList(page.Clocks[rec.ID])})
		}
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// recordEducation: POST /api/v1/people/{id}/education.
func (x *API) recordEducation(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req newEducationRecord
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rec, err := x.app.RecordEducation(r.Context(), ac, people.ID(id), req.record())
	if err != nil {
		return err
	}
	w.Header().Set("Location", educationPath(rec.PersonID, rec.ID))
	x.writeJSON(w, r, http.StatusCreated, educationRecordResponse{Record: rec})
	return nil
}

// educationRecord: GET /api/v1/people/{id}/education/{rid}.
func (x *API) educationRecord(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, rid, err := educationIDs(r)
	if err != nil {
		return err
	}
	page, err := x.app.EducationRecord(r.Context(), ac, id, rid)
	if err != nil {
		return err
	}
	out := educationRecordPage{Record: page.Record, Clocks: clockList(page.Clocks), History: make([]educationVersion, 0, len(page.History))}
	for _, v := range page.History {
		out.History = append(out.History, educationVersion{saved: savedOf(v), Record: v.Record})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// changeEducation: PUT /api/v1/people/{id}/education/{rid}. A stale
// version is refused with 409.
func (x *API) changeEducation(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, rid, err := educationIDs(r)
	if err != nil {
		return err
	}
	var req educationChange
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	rec := req.Record
	if err := samePath(int64(rec.ID), int64(rid), rec.PersonID, id); err != nil {
		return err
	}
	rec.ID = rid
	rec, err = x.app.ChangeEducation(r.Context(), ac, id, rec, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, educationRecordResponse{Record: rec})
	return nil
}

func educationIDs(r *http.Request) (people.ID, education.ID, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, 0, err
	}
	rid, err := pathInt(r, "rid")
	if err != nil {
		return 0, 0, err
	}
	return people.ID(id), education.ID(rid), nil
}
