package api

import (
	"net/http"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// briefingRoutes are the daily briefing of the missing and exploitation
// hub, and the setting that names the hub's team.
func (x *API) briefingRoutes() []route {
	return []route{
		{http.MethodGet, "/briefing", x.briefing},
		{http.MethodGet, "/settings/hub", x.hub},
		{http.MethodPut, "/settings/hub", x.setHub},
	}
}

// The response and request bodies, each named after its OpenAPI schema.
type (
	briefingResponse struct {
		At   time.Time     `json:"at"`
		Rows []briefingRow `json:"rows"`
	}
	briefingRow struct {
		PersonID         people.ID       `json:"person_id"`
		Name             string          `json:"name"`
		Age              *int            `json:"age"` // null when the date of birth is not known
		Missing          bool            `json:"missing"`
		Away             bool            `json:"away"`
		MissingSince     *time.Time      `json:"missing_since"`
		MissingHours     *int            `json:"missing_hours"`
		ReportedToPolice bool            `json:"reported_to_police"`
		Screening        *care.Screening `json:"screening"`
		ScreenedOn       *civil.Date     `json:"screened_on"`
		MACE             *civil.Date     `json:"mace"`
		InCare           bool            `json:"in_care"`
		TeamID           access.TeamID   `json:"team_id,omitzero"`
		TeamName         string          `json:"team_name,omitempty"`
		WorkerID         access.UserID   `json:"worker_id,omitzero"`
		WorkerName       string          `json:"worker_name,omitempty"`
	}
	hubResponse struct {
		TeamID  access.TeamID `json:"team_id"` // 0: none named
		Version int           `json:"version"`
		History []hubVersion  `json:"history"`
	}
	hubVersion struct {
		saved
		TeamID access.TeamID `json:"team_id"`
	}
	// hubUpdate names the hub's team, from the version the change starts
	// from (0 if none was named; 409 if someone has saved since).
	hubUpdate struct {
		TeamID  access.TeamID `json:"team_id"`
		Version int           `json:"version"`
		Reason  string        `json:"reason"`
	}
)

// briefing: GET /api/v1/briefing. Every young person missing or at risk,
// most urgent first; for members of the hub's team alone.
func (x *API) briefing(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	bp, err := x.app.Briefing(r.Context(), ac)
	if err != nil {
		return err
	}
	out := briefingResponse{At: bp.At.UTC(), Rows: make([]briefingRow, 0, len(bp.Rows))}
	for _, row := range bp.Rows {
		b := briefingRow{PersonID: row.Person, Name: row.Name, Missing: row.Missing, Away: row.Away,
			ReportedToPolice: row.ReportedToPolice, Screening: row.Screening, InCare: row.InCare,
			TeamID: row.TeamID, TeamName: bp.Names.Team(row.TeamID), WorkerID: row.Worker, WorkerName: bp.Names.Worker(row.Worker)}
		if row.Age >= 0 {
			b.Age = &row.Age
		}
		if row.Missing {
			since := row.MissingSince.UTC()
			b.MissingSince, b.MissingHours = &since, &row.MissingHours
		}
		if row.Screening != nil {
			b.ScreenedOn = &row.ScreenedOn
		}
		if !row.MACE.IsZero() {
			b.MACE = &row.MACE
		}
		out.Rows = append(out.Rows, b)
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// hub: GET /api/v1/settings/hub. Administrators only.
func (x *API) hub(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	hp, err := x.app.HubSetting(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, hubOf(hp))
	return nil
}

func hubOf(hp app.NamedTeamPage) hubResponse {
	out := hubResponse{TeamID: hp.Team, Version: hp.Version, History: make([]hubVersion, 0, len(hp.History))}
	for _, v := range hp.History {
		out.History = append(out.History, hubVersion{saved: savedOf(v), TeamID: v.Record})
	}
	return out
}

// setHub: PUT /api/v1/settings/hub. Administrators only; the team must
// exist. It answers with the setting as it then stands.
func (x *API) setHub(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	var req hubUpdate
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.SetHubTeam(r.Context(), ac, req.TeamID, req.Version, req.Reason); err != nil {
		return err
	}
	hp, err := x.app.HubSetting(r.Context(), ac)
	if err != nil {
		return err
	}
	x.writeJSON(w, r, http.StatusOK, hubOf(hp))
	return nil
}
