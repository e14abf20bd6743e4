package api

import (
	"net/http"
	"time"

	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Breaking the glass through the API. A read of a record the caller has no
// relationship to answers 403 with the code reason_required (for a record
// that is restricted or does not exist too, so that the answer tells nothing);
// POST /api/v1/people/{id}/access with a reason opens it for reading until
// midnight, and the read can be made again.

// accessRequest is the body that opens a record with a reason.
type accessRequest struct {
	Reason string `json:"reason"`
}

// accessResponse says why a record is now open to the caller, and until
// when if it was opened by breaking the glass.
type accessResponse struct {
	PersonID people.ID `json:"person_id"`
	Reason   string    `json:"reason"`
	Until    time.Time `json:"until,omitzero"`
}

// reasonNeeded is a search result the caller may open only with a reason:
// enough to pick the child, no more.
type reasonNeeded struct {
	ID               people.ID  `json:"id"`
	GivenName        string     `json:"given_name"`
	FamilyName       string     `json:"family_name"`
	DateOfBirth      civil.Date `json:"date_of_birth"`
	PostcodeDistrict string     `json:"postcode_district"`
}

func reasonNeededOf(s store.PersonSummary) reasonNeeded {
	return reasonNeeded{ID: s.ID, GivenName: s.GivenName, FamilyName: s.FamilyName, DateOfBirth: s.DateOfBirth, PostcodeDistrict: s.Postcode}
}

// openWithReason: POST /api/v1/people/{id}/access.
func (x *API) openWithReason(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req accessRequest
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	o, err := x.app.OpenWithReason(r.Context(), ac, people.ID(id), req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, accessResponse{PersonID: o.PersonID, Reason: o.Reason, Until: o.Until})
	return nil
}
