package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The briefing module: the daily briefing of the Partnership Missing and
// Exploitation Hub, and the administrator's page naming the hub's team.

func (s *Server) briefingModule() module {
	return module{
		name: "briefing",
		routes: []route{
			signedInRoute("GET", "/briefing", "briefing", show(s, "briefing", s.briefingPage)),
			signedInRoute("GET", "/admin/hub", "admin", s.hub),
			signedInRoute("POST", "/admin/hub", "admin", s.hubPost),
		},
		nav: []navLink{
			// Only the hub's members see the link; the page decides again.
			{key: "briefing", label: "Daily briefing", href: "/briefing", action: access.ReadBriefing,
				show: func(p access.Principal) bool { return s.app.InHub(context.Background(), p) }},
		},
		funcs: template.FuncMap{"risk": care.RiskLevels.Label},
	}
}

type briefingView struct {
	Page
	app.BriefingPage
}

func (s *Server) briefingPage(r *request) (briefingView, error) {
	bp, err := s.app.Briefing(r.Context(), r.actor)
	if err != nil {
		return briefingView{}, err
	}
	p := briefingView{Page: r.page, BriefingPage: bp}
	p.Title = "Daily briefing: missing and at risk"
	return p, nil
}

// hubView is the administrator's page: a choice of team, the reason, the
// version it starts from, and the history.
type hubView struct {
	Page
	F       *form
	Team    string
	Teams   people.CodeList
	Reason  string
	Version int
	// Conflict: someone saved a change after the page was opened; Current
	// is the team they named.
	Conflict bool
	Current  string
	History  []store.Version[access.TeamID] // newest first
	names    map[access.TeamID]string
}

// TeamName names a team of the history.
func (p *hubView) TeamName(id access.TeamID) string {
	if n, ok := p.names[id]; ok {
		return n
	}
	return "Team " + strconv.FormatInt(int64(id), 10)
}

func (s *Server) hubPage(r *request) (*hubView, app.HubPage, error) {
	if err := s.require(r, access.ManageSettings, "You do not have permission to name the hub's team"); err != nil {
		return nil, app.HubPage{}, err
	}
	hp, err := s.app.HubSetting(r.Context(), r.actor)
	if err != nil {
		return nil, hp, err
	}
	p := &hubView{Page: r.page, Version: hp.Version, names: map[access.TeamID]string{}}
	p.Title = "Missing and exploitation hub"
	p.F = newForm(&p.Page)
	for _, t := range hp.Teams {
		p.Teams = append(p.Teams, people.Code{Code: strconv.FormatInt(int64(t.ID), 10), Label: t.Name})
		p.names[t.ID] = t.Name
	}
	if hp.Team != 0 {
		p.Team = strconv.FormatInt(int64(hp.Team), 10)
		p.Current = p.TeamName(hp.Team)
	}
	p.History = slices.Clone(hp.History)
	slices.Reverse(p.History)
	return p, hp, nil
}

func (s *Server) hub(w http.ResponseWriter, r *request) error {
	p, _, err := s.hubPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "hub", p)
}

// hubPost names the hub's team from the version the page was opened at. If
// someone else has saved since, nothing is saved: the page says so and
// shows the team they named.
func (s *Server) hubPost(w http.ResponseWriter, r *request) error {
	p, hp, err := s.hubPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 0, "the setting", "Open the page and start again")
	if err != nil {
		return err
	}
	p.Version, p.Team, p.Reason = v, r.PostForm.Get("team_id"), r.PostForm.Get("reason")
	team, _ := strconv.ParseInt(p.Team, 10, 64) // not a number: no team, which the use case refuses
	err = s.app.SetHubTeam(r.Context(), r.actor, access.TeamID(team), v, p.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, "/admin/hub", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict, p.Version = true, hp.Version
		p.Title = "Someone else has named the hub"
		return s.render(w, http.StatusConflict, "hub", p)
	case p.F.take(err):
		return s.render(w, http.StatusUnprocessableEntity, "hub", p)
	}
	return err
}
