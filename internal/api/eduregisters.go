package api

import (
	"cmp"
	"net/http"

	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
)

// Education's registers: a team's home education register, its CME
// enquiries running and its lost pupils, for its education officers, a
// page of children at a time (app.HomeEducationRegister, OpenCMEEnquiries,
// LostPupils).

// registerPerPage is a register's page when none is asked for, and
// registerMaxPerPage the most one page holds.
const (
	registerPerPage    = 50
	registerMaxPerPage = 500
)

type (
	registerPage struct {
		Page    int `json:"page"`
		PerPage int `json:"per_page"`
		Pages   int `json:"pages"`
		Total   int `json:"total"`
	}
	eheRegisterResponse struct {
		At civil.Date `json:"at"`
		// InContact counts the children on the whole register whose
		// families were reached in the last 12 months; Overdue those whose
		// yearly contact is past.
		InContact        int `json:"in_contact"`
		InContactPercent int `json:"in_contact_percent"`
		Overdue          int `json:"overdue"`
		registerPage
		Children []eheChild `json:"children"`
	}
	eheChild struct {
		Person      personSummary         `json:"person"`
		RecordID    education.ID          `json:"record_id"`
		From        civil.Date            `json:"from"`
		LastContact *education.EHEContact `json:"last_contact,omitempty"`
		ContactDue  civil.Date            `json:"contact_due"`
		Overdue     bool                  `json:"overdue"`
		InContact   bool                  `json:"in_contact"`
	}
	cmeListResponse struct {
		At      civil.Date `json:"at"`
		Overdue int        `json:"overdue"`
		registerPage
		Children []cmeChild `json:"children"`
	}
	cmeChild struct {
		Person       personSummary `json:"person"`
		RecordID     education.ID  `json:"record_id"`
		Received     civil.Date    `json:"received"`
		Source       string        `json:"source"`
		Steps        int           `json:"steps"`
		TrackedUntil civil.Date    `json:"tracked_until"`
		Overdue      bool          `json:"overdue"`
		Closed       civil.Date    `json:"closed,omitzero"`
	}
)

// registerPageOf reads page and per_page and returns where the page asked
// for starts and ends in a list of total items; a page past the last is
// an empty page, so that a client walking the pages stops.
func registerPageOf(r *http.Request, total int) (registerPage, int, int, error) {
	q := r.URL.Query()
	var fields errs.Fields
	page := queryInt(q.Get("page"), "page", &fields)
	per := queryInt(q.Get("per_page"), "per_page", &fields)
	if per > registerMaxPerPage {
		fields.Add("per_page", "Enter a number from 1 to 500")
	}
	if err := fields.Err(); err != nil {
		return registerPage{}, 0, 0, err
	}
	page, per = max(page, 1), cmp.Or(per, registerPerPage)
	// A page past the end is empty; one so far past that (page-1)*per
	// would overflow is the same empty page.
	from := total
	if page-1 < total/per+1 {
		from = min(total, (page-1)*per)
	}
	return registerPage{Page: page, PerPage: per, Pages: (total + per - 1) / per, Total: total}, from, min(total, from+per), nil
}

// homeEducationRegister: GET /api/v1/education/home-education?page=&per_page=.
func (x *API) homeEducationRegister(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	reg, err := x.app.HomeEducationRegister(r.Context(), ac)
	if err != nil {
		return err
	}
	pg, from, to, err := registerPageOf(r, len(reg.Rows))
	if err != nil {
		return err
	}
	out := eheRegisterResponse{At: reg.At, InContact: reg.InContact, InContactPercent: reg.InContactPercent(), Overdue: reg.Overdue,
		registerPage: pg, Children: make([]eheChild, 0, to-from)}
	for _, row := range reg.Rows[from:to] {
		c := eheChild{Person: summaryOf(row.Person), RecordID: row.RecordID, From: row.From, ContactDue: row.ContactDue, Overdue: row.Overdue, InContact: row.InContact}
		if !row.Last.On.IsZero() {
			last := row.Last
			c.LastContact = &last
		}
		out.Children = append(out.Children, c)
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// cmeEnquiries: GET /api/v1/education/missing-education?page=&per_page=.
func (x *API) cmeEnquiries(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	l, err := x.app.OpenCMEEnquiries(r.Context(), ac)
	if err != nil {
		return err
	}
	return x.writeCMEList(w, r, l)
}

// lostPupils: GET /api/v1/education/lost-pupils?page=&per_page=.
func (x *API) lostPupils(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	l, err := x.app.LostPupils(r.Context(), ac)
	if err != nil {
		return err
	}
	return x.writeCMEList(w, r, l)
}

func (x *API) writeCMEList(w http.ResponseWriter, r *http.Request, l app.CMEList) error {
	pg, from, to, err := registerPageOf(r, len(l.Rows))
	if err != nil {
		return err
	}
	out := cmeListResponse{At: l.At, Overdue: l.Overdue, registerPage: pg, Children: make([]cmeChild, 0, to-from)}
	for _, row := range l.Rows[from:to] {
		out.Children = append(out.Children, cmeChild{Person: summaryOf(row.Person), RecordID: row.RecordID, Received: row.Received, Source: row.Source,
			Steps: row.Steps, TrackedUntil: row.TrackedUntil, Overdue: row.Overdue, Closed: row.Closed})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}
