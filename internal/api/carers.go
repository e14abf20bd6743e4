package api

import (
	"net/http"

	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// carersRoutes are the register of foster households.
func (x *API) carersRoutes() []route {
	return []route{
		{http.MethodGet, "/households", x.households},
		{http.MethodPost, "/households", x.addHousehold},
		{http.MethodGet, "/households/placements", x.placementCounts},
		{http.MethodGet, "/households/{id}", x.household},
		{http.MethodPut, "/households/{id}", x.changeHousehold},
		{http.MethodGet, "/households/{id}/history", x.householdHistory},
	}
}

// householdFields are a household as a client writes it: without its id,
// which the service gives, and without its version, which a change names
// beside them.
type householdFields struct {
	Name         string     `json:"name"`
	Type         string     `json:"type"`
	Agency       string     `json:"agency"`
	Approved     civil.Date `json:"approved"`
	Deregistered civil.Date `json:"deregistered"`
	Places       int        `json:"places"`
	Postcode     string     `json:"postcode"`
}

func (f householdFields) household() care.Household {
	return care.Household{Name: f.Name, Type: f.Type, Agency: f.Agency, Approved: f.Approved, Deregistered: f.Deregistered, Places: f.Places, Postcode: f.Postcode}
}

// newHousehold is the body that adds a household.
type newHousehold struct {
	Household householdFields `json:"household"`
	Reason    string          `json:"reason"`
}

// householdChange is the body that changes a household: the whole
// household as it is to stand, from the version named (409 if someone has
// saved since). Deregistering is a change that sets deregistered.
type householdChange struct {
	Household householdChangeFields `json:"household"`
	Reason    string                `json:"reason"`
}

// householdChangeFields are a household as a change writes it: its fields
// and the version they start from.
type householdChangeFields struct {
	Version int `json:"version"`
	householdFields
}

type householdsResponse struct {
	Households []care.Household `json:"households"`
	// Placements is there only for the roles that see the council's
	// counts of foster placements.
	Placements *care.FosterCounts `json:"placements,omitempty"`
}

type householdResponse struct {
	Household care.Household `json:"household"`
}

// placedChild is a child living with a household whom the caller may see.
type placedChild struct {
	PersonID    people.ID  `json:"person_id"`
	GivenName   string     `json:"given_name"`
	FamilyName  string     `json:"family_name"`
	DateOfBirth civil.Date `json:"date_of_birth"`
	Placement   string     `json:"placement"`
	Since       civil.Date `json:"since"`
	Episode     journey.ID `json:"episode"`
}

type householdPageResponse struct {
	Household care.Household `json:"household"`
	Children  []placedChild  `json:"children"`
}

type householdVersion struct {
	saved
	Household care.Household `json:"household"`
}

type householdHistory struct {
	Versions []householdVersion `json:"versions"`
}

type placementCounts struct {
	Placements care.FosterCounts `json:"placements"`
}

func householdIDOf(r *http.Request) (care.HouseholdID, error) {
	id, err := pathID(r)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "There is no household with this id")
	}
	return care.HouseholdID(id), nil
}

// households: GET /api/v1/households?type=&status=.
func (x *API) households(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	q := r.URL.Query()
	reg, err := x.app.Households(r.Context(), ac, app.HouseholdFilter{Type: q.Get("type"), Status: q.Get("status")})
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, householdsResponse{Households: reg.Households, Placements: reg.Placements})
	return nil
}

// placementCounts: GET /api/v1/households/placements.
func (x *API) placementCounts(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	c, err := x.app.PlacementCounts(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, placementCounts{Placements: c})
	return nil
}

// addHousehold: POST /api/v1/households. 201 with the household.
func (x *API) addHousehold(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req newHousehold
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	h, err := x.app.AddHousehold(r.Context(), ac, req.Household.household(), req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusCreated, householdResponse{Household: h})
	return nil
}

// household: GET /api/v1/households/{id}, with the children living there
// whom the caller may see.
func (x *API) household(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := householdIDOf(r)
	if err != nil {
		return err
	}
	hp, err := x.app.Household(r.Context(), ac, id)
	if err != nil {
		return err
	}
	out := householdPageResponse{Household: hp.Household, Children: make([]placedChild, 0, len(hp.Children))}
	for _, c := range hp.Children {
		out.Children = append(out.Children, placedChild{PersonID: c.Person.ID, GivenName: c.Person.GivenName, FamilyName: c.Person.FamilyName,
			DateOfBirth: c.Person.DateOfBirth, Placement: c.Placement, Since: c.Since, Episode: c.Episode})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// changeHousehold: PUT /api/v1/households/{id}.
func (x *API) changeHousehold(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := householdIDOf(r)
	if err != nil {
		return err
	}
	var req householdChange
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	h := req.Household.household()
	h.ID, h.Version = id, req.Household.Version
	saved, err := x.app.ChangeHousehold(r.Context(), ac, h, req.Reason)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, householdResponse{Household: saved})
	return nil
}

// householdHistory: GET /api/v1/households/{id}/history, oldest first.
func (x *API) householdHistory(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := householdIDOf(r)
	if err != nil {
		return err
	}
	vs, err := x.app.HouseholdHistory(r.Context(), ac, id)
	if err != nil {
		return err
	}
	out := make([]householdVersion, len(vs))
	for i, v := range vs {
		out[i] = householdVersion{saved: savedOf(v), Household: v.Record}
	}
	x.writeJSON(w, r, http.StatusOK, householdHistory{Versions: out})
	return nil
}
