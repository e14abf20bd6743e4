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
			signedInRoute("GET", "/admin/hub", "admin", s.showNamedTeam(s.hubForm())),
			signedInRoute("POST", "/admin/hub", "admin", s.postNamedTeam(s.hubForm())),
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

// namedTeamForm is an administrator's page naming the team of one of the
// council's duties (app.NamedTeamPage): the hub, the CME team, the Virtual
// School, each with its own words, template and address.
type namedTeamForm struct {
	path, template       string
	title, conflictTitle string
	denied               string // the refusal's message
	read                 func(context.Context, app.Actor) (app.NamedTeamPage, error)
	set                  func(context.Context, app.Actor, access.TeamID, int, string) error
}

func (s *Server) namedTeamPage(r *request, f namedTeamForm) (*hubView, app.NamedTeamPage, error) {
	if err := s.require(r, access.ManageSettings, f.denied); err != nil {
		return nil, app.NamedTeamPage{}, err
	}
	hp, err := f.read(r.Context(), r.actor)
	if err != nil {
		return nil, hp, err
	}
	p := &hubView{Page: r.page, Version: hp.Version, names: map[access.TeamID]string{}}
	p.Title = f.title
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

// showNamedTeam is the page.
func (s *Server) showNamedTeam(f namedTeamForm) pageFunc {
	return func(w http.ResponseWriter, r *request) error {
		p, _, err := s.namedTeamPage(r, f)
		if err != nil {
			return err
		}
		return s.render(w, http.StatusOK, f.template, p)
	}
}

// postNamedTeam names the team from the version the page was opened at. If
// someone else has saved since, nothing is saved: the page says so and
// shows the team they named.
func (s *Server) postNamedTeam(f namedTeamForm) pageFunc {
	return func(w http.ResponseWriter, r *request) error {
		p, hp, err := s.namedTeamPage(r, f)
		if err != nil {
			return err
		}
		v, err := postedVersion(r, 0, "the setting", "Open the page and start again")
		if err != nil {
			return err
		}
		p.Version, p.Team, p.Reason = v, r.PostForm.Get("team_id"), r.PostForm.Get("reason")
		team, _ := strconv.ParseInt(p.Team, 10, 64) // not a number: no team, which the use case refuses
		err = f.set(r.Context(), r.actor, access.TeamID(team), v, p.Reason)
		switch {
		case err == nil:
			http.Redirect(w, r.Request, f.path, http.StatusSeeOther)
			return nil
		case staleVersion(err):
			p.Conflict, p.Version = true, hp.Version
			p.Title = f.conflictTitle
			return s.render(w, http.StatusConflict, f.template, p)
		case p.F.take(err):
			return s.render(w, http.StatusUnprocessableEntity, f.template, p)
		}
		return err
	}
}

// hubForm is the page naming the missing and exploitation hub's team.
func (s *Server) hubForm() namedTeamForm {
	return namedTeamForm{path: "/admin/hub", template: "hub", title: "Missing and exploitation hub",
		conflictTitle: "Someone else has named the hub", denied: "You do not have permission to name the hub's team",
		read: s.app.HubSetting, set: s.app.SetHubTeam}
}
