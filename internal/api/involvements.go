package api

import (
	"net/http"

	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The bodies of a person's involvements: the teams working with them. An
// involvement is ended, never deleted, as a new version with a reason.
type (
	// endInvolvementRequest ends an involvement: the day it ended, the
	// version the caller read, and why.
	endInvolvementRequest struct {
		EndDate civil.Date `json:"end_date"`
		Version int        `json:"version"`
		Reason  string     `json:"reason"`
	}
	involvementResponse struct {
		Involvement store.Involvement `json:"involvement"`
	}
	involvementList struct {
		Involvements []store.Involvement `json:"involvements"`
	}
	// involvementVersion is one version of an involvement and the change
	// that wrote it.
	involvementVersion struct {
		saved
		Involvement store.Involvement `json:"involvement"`
	}
	involvementHistory struct {
		Versions []involvementVersion `json:"versions"`
	}
)

// involvements: GET /api/v1/people/{id}/involvements. The person's
// involvements as they stand, with the id and version each is ended by.
func (x *API) involvements(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	invs, err := x.app.Involvements(r.Context(), ac, people.ID(id))
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, involvementList{Involvements: append(make([]store.Involvement, 0, len(invs)), invs...)})
	return nil
}

// endInvolvement: PUT /api/v1/people/{id}/involvements/{iid}. The body gives
// the end date (today or earlier, not before the start, and for an ended
// involvement not later than its end), the version the caller read and a
// reason; a stale version is refused with 409.
func (x *API) endInvolvement(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	iid, err := pathInt(r, "iid")
	if err != nil {
		return err
	}
	var req endInvolvementRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	inv, err := x.app.EndInvolvement(r.Context(), ac, people.ID(id), store.InvolvementID(iid), req.Version, req.EndDate, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, involvementResponse{Involvement: inv})
	return nil
}

// involvementHistory: GET /api/v1/people/{id}/involvements/{iid}/history.
// Every version of one of the person's involvements, oldest first.
func (x *API) involvementHistory(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	iid, err := pathInt(r, "iid")
	if err != nil {
		return err
	}
	h, err := x.app.InvolvementHistory(r.Context(), ac, people.ID(id), store.InvolvementID(iid))
	if err != nil {
		return err
	}
	out := involvementHistory{Versions: make([]involvementVersion, 0, len(h))}
	for _, v := range h {
		out.Versions = append(out.Versions, involvementVersion{saved: savedOf(v), Involvement: v.Record})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}
