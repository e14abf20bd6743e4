package api

import (
	"net/http"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// accessEntry is one line of the access log.
type accessEntry struct {
	ID       int64              `json:"id"`
	At       time.Time          `json:"at"`
	UserID   access.UserID      `json:"user_id"`
	Username string             `json:"username"`
	PersonID people.ID          `json:"person_id,omitempty"`
	Kind     store.Kind         `json:"kind,omitempty"`
	RecordID int64              `json:"record_id,omitempty"`
	Action   store.AccessAction `json:"action"`
	Reason   string             `json:"reason"`
	Note     string             `json:"note,omitempty"`
	Children int                `json:"children,omitempty"`
	State    store.LineState    `json:"state"`
	Remote   string             `json:"remote"`
	Route    string             `json:"route"`
}

func accessEntryOf(e store.AccessEntry) accessEntry {
	return accessEntry{
		ID: e.ID, At: e.At, UserID: e.UserID, Username: e.Username, PersonID: e.PersonID,
		Kind: e.Kind, RecordID: e.RecordID, Action: e.Action, Reason: e.Reason, Note: e.Note,
		Children: e.Children, State: e.State, Remote: e.Remote, Route: e.Route,
	}
}

type (
	// breakGlassWeek is one user's break-the-glass accesses in one ISO week.
	breakGlassWeek struct {
		UserID   access.UserID `json:"user_id"`
		Username string        `json:"username"`
		Week     string        `json:"week"`   // ISO 8601: 2026-W05
		Monday   civil.Date    `json:"monday"` // the week's first day
		Count    int           `json:"count"`
	}
	breakGlassResponse struct {
		From    civil.Date       `json:"from"`
		To      civil.Date       `json:"to"`
		Weeks   []breakGlassWeek `json:"weeks"`
		Partial bool             `json:"partial"`
	}
)

// breakGlass: GET /api/v1/access-log/break-glass?from=&to=, the accesses
// made by breaking the glass, by user and ISO week.
func (x *API) breakGlass(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	qs := r.URL.Query()
	var fields errs.Fields
	day := func(field string) civil.Date {
		s := qs.Get(field)
		if s == "" {
			return civil.Date{}
		}
		d, err := civil.Parse(s)
		if err != nil {
			fields.Add(field, "Enter a real date in the form YYYY-MM-DD, such as 2026-01-05")
		}
		return d
	}
	from, to := day("from"), day("to")
	if err := fields.Err(); err != nil {
		return err
	}
	rep, err := x.app.BreakGlassByWeek(r.Context(), ac, from, to)
	if err != nil {
		return err
	}
	out := breakGlassResponse{From: rep.From, To: rep.To, Weeks: make([]breakGlassWeek, 0, len(rep.Weeks)), Partial: rep.Partial}
	for _, wk := range rep.Weeks {
		out.Weeks = append(out.Weeks, breakGlassWeek{
			UserID: wk.UserID, Username: wk.Username, Week: wk.ISOWeek(), Monday: wk.Monday, Count: wk.Count,
		})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}
