package api

import (
	"net/http"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/programme"
)

// claimRoutes are Supporting Families: the year's progress and the claims
// the caller may see, the export for the government's claim, and a
// family's claims through its main child, under the rules of the child's
// record (app/claims.go).
func (x *API) claimRoutes() []route {
	return []route{
		{http.MethodGet, "/programme/families", x.families},
		{http.MethodGet, "/programme/families/export", x.exportClaims},
		{http.MethodGet, "/people/{id}/claims", x.familyClaims},
		{http.MethodPost, "/people/{id}/claims", x.addClaim},
		{http.MethodGet, "/people/{id}/claims/{claim}", x.claim},
		{http.MethodPut, "/people/{id}/claims/{claim}", x.changeClaim},
		{http.MethodPost, "/people/{id}/claims/{claim}/status", x.moveClaim},
	}
}

type claimBody struct {
	Claim  programme.Claim `json:"claim"`
	Reason string          `json:"reason"`
}

// claimRow is a claim with its family's main child.
type claimRow struct {
	Child claimChild      `json:"child"`
	Claim programme.Claim `json:"claim"`
}

type claimChild struct {
	ID          people.ID `json:"id"`
	GivenName   string    `json:"given_name"`
	FamilyName  string    `json:"family_name"`
	DateOfBirth string    `json:"date_of_birth,omitempty"`
}

func claimRows(rows []app.ClaimRow) []claimRow {
	out := make([]claimRow, len(rows))
	for i, r := range rows {
		c := claimChild{ID: r.Child.ID, GivenName: r.Child.GivenName, FamilyName: r.Child.FamilyName}
		if !r.Child.DateOfBirth.IsZero() {
			c.DateOfBirth = r.Child.DateOfBirth.String()
		}
		out[i] = claimRow{Child: c, Claim: r.Claim}
	}
	return out
}

// yearParam reads ?year=2022-23.
func yearParam(r *http.Request) (programme.Year, error) {
	y, err := programme.ParseYear(r.URL.Query().Get("year"))
	if err != nil {
		var f errs.Fields
		f.Add("year", "Give the financial year as 2022-23")
		return 0, f.Err()
	}
	return y, nil
}

// families: GET /api/v1/programme/families?year=2022-23, the year's
// progress against the target and the claims of the children the caller
// may read.
func (x *API) families(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	y, err := yearParam(r)
	if err != nil {
		return err
	}
	fp, err := x.app.Families(r.Context(), ac, y)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"progress": fp.Progress, "whole": fp.Whole, "claims": claimRows(fp.Rows)})
	return nil
}

// exportClaims: GET /api/v1/programme/families/export?year=2022-23, every
// claim of the year for the government's claim.
func (x *API) exportClaims(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	y, err := yearParam(r)
	if err != nil {
		return err
	}
	ex, err := x.app.ExportClaims(r.Context(), ac, y)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"year": y, "children": ex.Children, "claims": claimRows(ex.Rows)})
	return nil
}

// familyClaims: GET /api/v1/people/{id}/claims.
func (x *API) familyClaims(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	cp, err := x.app.FamilyClaims(r.Context(), ac, people.ID(id))
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"claims": cp.Claims, "may_change": cp.MayChange})
	return nil
}

// addClaim: POST /api/v1/people/{id}/claims. 201 with the claim, a draft.
func (x *API) addClaim(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req claimBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Claim.ID, req.Claim.Person = 0, people.ID(id)
	c, err := x.app.SaveClaim(r.Context(), ac, req.Claim, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, map[string]any{"claim": c})
	return nil
}

// claimIDs reads {id} and {claim}.
func claimIDs(r *http.Request) (people.ID, programme.ClaimID, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, 0, err
	}
	c, err := pathInt(r, "claim")
	if err != nil {
		return 0, 0, err
	}
	return people.ID(id), programme.ClaimID(c), nil
}

// claim: GET /api/v1/people/{id}/claims/{claim}, the claim and its
// versions.
func (x *API) claim(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	on, id, err := claimIDs(r)
	if err != nil {
		return err
	}
	cp, err := x.app.Claim(r.Context(), ac, on, id)
	if err != nil {
		return err
	}
	hist := make([]claimVersion, len(cp.History))
	for i, v := range cp.History {
		hist[i] = claimVersion{saved: savedOf(v), Claim: v.Record}
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"claim": cp.Claim, "history": hist, "may_change": cp.MayChange, "moves": cp.Moves})
	return nil
}

// claimVersion is one version of a claim.
type claimVersion struct {
	saved
	Claim programme.Claim `json:"claim"`
}

// changeClaim: PUT /api/v1/people/{id}/claims/{claim}, from claim.version.
func (x *API) changeClaim(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	on, id, err := claimIDs(r)
	if err != nil {
		return err
	}
	var req claimBody
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	req.Claim.ID, req.Claim.Person = id, on
	c, err := x.app.SaveClaim(r.Context(), ac, req.Claim, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"claim": c})
	return nil
}

// moveClaim: POST /api/v1/people/{id}/claims/{claim}/status.
func (x *API) moveClaim(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	on, id, err := claimIDs(r)
	if err != nil {
		return err
	}
	var req app.ClaimMove
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	c, err := x.app.MoveClaim(r.Context(), ac, on, id, req)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, map[string]any{"claim": c})
	return nil
}
