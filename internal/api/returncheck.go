package api

import (
	"net/http"
	"time"

	"hearth/internal/app"
)

// returnCheckRoutes check a statutory return against the DfE's rules.
func (x *API) returnCheckRoutes() []route {
	return []route{
		{http.MethodGet, "/returns/{kind}/check", x.checkReturn},
	}
}

// A return's check, each named after its OpenAPI schema. Every field is
// written, so a client reads 0 or "" where a finding has no child or
// record.
type (
	returnCheckResponse struct {
		Kind       string          `json:"kind"`
		Title      string          `json:"title"`
		Year       int             `json:"year"`
		RecordedAt time.Time       `json:"recorded_at"`
		Children   int             `json:"children"`
		Errors     int             `json:"errors"`
		Queries    int             `json:"queries"`
		Affected   int             `json:"children_affected"`
		Findings   []returnFinding `json:"findings"`
	}
	returnFinding struct {
		Rule       string `json:"rule"`
		Message    string `json:"message"`
		Query      bool   `json:"query"`
		ChildID    string `json:"child_id"`
		PersonID   int64  `json:"person_id"`
		Name       string `json:"name"`
		Restricted bool   `json:"restricted"`
		RecordID   int64  `json:"record_id"`
		Field      string `json:"field"`
		Where      string `json:"where"`
	}
)

// checkReturn: GET /api/v1/returns/{kind}/check?year=&as_recorded_on=,
// for analysts and administrators: every finding of the year's rules on
// the return as it would be made, each traced to its child and record.
func (x *API) checkReturn(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	q := r.URL.Query()
	c, err := x.app.CheckReturn(r.Context(), ac, app.ReturnRequest{Kind: r.PathValue("kind"), Year: q.Get("year"), AsRecordedOn: q.Get("as_recorded_on")})
	if err != nil {
		return err
	}
	out := returnCheckResponse{Kind: c.Kind, Title: c.Title, Year: c.Year, RecordedAt: c.RecordedAt.UTC(), Children: c.Children,
		Errors: c.Errors, Queries: c.Queries, Affected: c.Affected, Findings: make([]returnFinding, len(c.Findings))}
	for i, f := range c.Findings {
		out.Findings[i] = returnFinding{Rule: f.Rule, Message: f.Message, Query: f.Query, ChildID: f.ChildID, PersonID: int64(f.PersonID),
			Name: f.Name, Restricted: f.Restricted, RecordID: int64(f.RecordID), Field: f.Field, Where: f.Where}
	}
	w.Header().Set("Cache-Control", "no-store")
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}
