package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// The work lists and the front door, part of the journey module
// (journeyModule): my work, a team's work, the queue of contacts awaiting a
// decision, the decision page, and allocating a child to a worker.

type workView struct {
	Page
	app.WorkPage
	// Team is the team whose list this is, for a manager's page; zero on
	// the user's own list.
	Team     access.TeamID
	TeamName string
	// MyTeam links a manager's own list to their team's.
	MyTeam      access.TeamID
	CanAllocate bool
	// Shown is the page of Children the table draws, and DueShown of
	// Due: all of them on the user's own list, teamPerPage at a time on a
	// team's (Pager and DuePager say which). The counts are of every child
	// and every item.
	Shown    []app.WorkChild
	Pager    pager
	DueShown []app.DueRow
	DuePager pager
}

// teamPerPage is how many children, and items of due work, a page of a
// team's list shows: a team has hundreds of each, and drawing every row was
// a fifth of the page's time.
const teamPerPage = 50

// myWork is the user's own list: the children allocated to them and what is
// due, most urgent first.
func (s *Server) myWork(w http.ResponseWriter, r *request) error {
	wp, err := s.app.MyWork(r.Context(), r.actor)
	if err != nil {
		return err
	}
	p := workView{Page: r.page, WorkPage: wp, Shown: wp.Children, DueShown: wp.Due}
	p.Title = "My work"
	if access.Can(r.actor.Principal, access.ReadTeamWork) {
		p.MyTeam = r.actor.Principal.User.TeamID
	}
	return s.render(w, http.StatusOK, "work", p)
}

// teamWork is a team's list for its manager, with each child's worker and
// a link to reallocate them.
func (s *Server) teamWork(w http.ResponseWriter, r *request) error {
	tid, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil || tid <= 0 {
		return errs.E(errs.NotFound, "There is no team with this id whose work you can see")
	}
	wp, err := s.app.TeamWork(r.Context(), r.actor, access.TeamID(tid))
	if err != nil {
		return err
	}
	p := workView{Page: r.page, WorkPage: wp, Team: access.TeamID(tid), CanAllocate: access.Can(r.actor.Principal, access.AllocateWork)}
	q := r.URL.Query()
	p.Shown, p.Pager = pageOfList(wp.Children, q, "page", teamPerPage, "children")
	p.DueShown, p.DuePager = pageOfList(wp.Due, q, "due", teamPerPage, "due")
	p.TeamName = wp.Names.Team(p.Team)
	if p.TeamName == "" {
		n, _, _, err := s.names(r)
		if err != nil {
			return err
		}
		p.TeamName = n.TeamName(p.Team)
	}
	p.Title = "Work of " + p.TeamName
	return s.render(w, http.StatusOK, "work", p)
}

type frontDoorView struct {
	Page
	app.WorkPage
	Rows []contactRow
}

// contactRow is a contact awaiting a decision.
type contactRow struct {
	app.DueRow
	Received time.Time
}

// frontDoor is the queue of contacts awaiting a decision, the one due
// soonest first.
func (s *Server) frontDoor(w http.ResponseWriter, r *request) error {
	wp, err := s.app.ContactQueue(r.Context(), r.actor)
	if err != nil {
		return err
	}
	p := frontDoorView{Page: r.page, WorkPage: wp}
	p.Title = "Front door"
	hours := time.Duration(wp.Timescales.ContactDecisionHours) * time.Hour
	for _, d := range wp.Due {
		p.Rows = append(p.Rows, contactRow{DueRow: d, Received: d.Item.DueAt.Add(-hours)})
	}
	return s.render(w, http.StatusOK, "front-door", p)
}

type decisionView struct {
	Page
	app.ContactPage
	Rows     []row
	Teams    people.CodeList
	Needs    people.CodeList
	Choices  people.CodeList
	Decision string
	Need     string
	Team     string
	Version  int
	Conflict bool
}

// decisionPage reads the contact in the path, with who else knows the
// child and family, and the teams a decision may send the child to.
func (s *Server) decisionPage(r *request) (*decisionView, error) {
	id, err := personID(r)
	if err != nil {
		return nil, err
	}
	rid, err := recordID(r)
	if err != nil {
		return nil, err
	}
	cp, err := s.app.Contact(r.Context(), r.actor, id, rid)
	if err != nil {
		return nil, err
	}
	_, teams, _, err := s.names(r)
	if err != nil {
		return nil, err
	}
	p := &decisionView{Page: r.page, ContactPage: cp, Rows: journeyRows(cp.Contact, nil),
		Needs: journey.PrimaryNeeds, Choices: journey.ContactDecisions, Version: cp.Contact.Version}
	p.Teams = teamCodes(teams)
	p.Title = "Decide on the contact for " + cp.Person.FullName()
	return p, nil
}

// decision is the contact's page at the front door, with the decision's
// form while it is open.
func (s *Server) decision(w http.ResponseWriter, r *request) error {
	p, err := s.decisionPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "contact-decision", p)
}

// decisionPost records the decision and goes to the child's journey. A
// decision on a contact someone changed meanwhile shows it as it now
// stands, with the decision as chosen, to decide again.
func (s *Server) decisionPost(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	rid, err := recordID(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	decision, need, teamText := f.Get("decision"), f.Get("primary_need"), f.Get("team_id")
	version, err := strconv.Atoi(f.Get("version"))
	if err != nil || version < 1 {
		return errs.E(errs.BadRequest, "The form is missing the version of the contact. Open the contact and start again")
	}
	var bad errs.Fields
	team, terr := strconv.ParseInt(teamText, 10, 64)
	if teamText != "" && (terr != nil || team <= 0) {
		bad.Add("team_id", "Choose a team from the list")
	}
	if decision == "" {
		bad.Add("decision", "Choose what happens next")
	}
	// The decision first: the page, with who else knows the family, is
	// read (and logged) only when it has to be drawn again.
	if len(bad) == 0 {
		dec := app.ContactDecision{Version: version, Decision: decision, PrimaryNeed: need, Team: access.TeamID(team)}
		_, _, err = s.app.DecideContact(r.Context(), r.actor, id, rid, dec)
		switch {
		case err == nil:
			http.Redirect(w, r.Request, journeyPath(id)+"?decided="+decision, http.StatusSeeOther)
			return nil
		case !staleVersion(err) && !errs.Is(err, errs.Invalid):
			return err
		}
	}
	p, perr := s.decisionPage(r)
	if perr != nil {
		return perr
	}
	p.Decision, p.Need, p.Team, p.Version = decision, need, teamText, version
	if staleVersion(err) {
		p.Conflict, p.Version = true, p.Contact.Version
		return s.render(w, http.StatusConflict, "contact-decision", p)
	}
	p.Errors = decisionErrors(bad, err)
	return s.render(w, http.StatusUnprocessableEntity, "contact-decision", p)
}

// decisionErrors names the app's errors by the decision form's inputs: the
// referral's primary need is the form's, and a rule about the contact's
// or the new episode's dates is said of the decision.
func decisionErrors(bad errs.Fields, err error) errs.Fields {
	return inputErrors(bad, err, func(field string) string {
		switch {
		case strings.HasSuffix(field, "primary_need"):
			return "primary_need"
		case field == "team_id":
			return field
		}
		return "decision"
	})
}

type allocationView struct {
	Page
	Person   people.Person
	Teams    people.CodeList
	Team     string
	Workers  people.CodeList
	Episodes people.CodeList
	Current  string // the current allocation, in words
	Worker   string
	Episode  string
	Start    DateValue
	Reason   string
	F        *form
}

// allocationPage reads the child for a manager who may allocate them, and
// the workers of the team chosen (?team=, or the form's; the manager's own
// by default).
func (s *Server) allocationPage(r *request, team string) (*allocationView, error) {
	id, err := personID(r)
	if err != nil {
		return nil, err
	}
	jp, err := s.app.Journey(r.Context(), r.actor, id)
	if err != nil {
		return nil, err
	}
	if !jp.CanAllocate {
		return nil, errs.E(errs.Forbidden, "You do not have permission to allocate this child")
	}
	_, teams, _, err := s.names(r)
	if err != nil {
		return nil, err
	}
	p := &allocationView{Page: r.page, Person: jp.Person, Team: team}
	p.Title = "Allocate " + jp.Person.FullName()
	p.F = newForm(&p.Page)
	if p.Team == "" {
		p.Team = strconv.FormatInt(int64(r.actor.Principal.User.TeamID), 10)
	}
	p.Teams = teamCodes(teams)
	tid, _ := strconv.ParseInt(p.Team, 10, 64)
	ws, err := s.app.Workers(r.Context(), r.actor, access.TeamID(tid))
	if err != nil {
		return nil, err
	}
	for _, u := range ws {
		p.Workers = append(p.Workers, people.Code{Code: strconv.FormatInt(int64(u.ID), 10), Label: u.DisplayName})
	}
	for i := len(jp.Records) - 1; i >= 0; i-- {
		rec := jp.Records[i]
		switch {
		case (rec.Kind == journey.KindReferral || rec.Kind == journey.KindEarlyHelp) && rec.End.IsZero():
			p.Episodes = append(p.Episodes, people.Code{Code: strconv.FormatInt(int64(rec.ID), 10), Label: recordName(rec)})
			if p.Episode == "" {
				p.Episode = p.Episodes[len(p.Episodes)-1].Code
			}
		case rec.Kind == journey.KindAllocation && rec.End.IsZero():
			p.Current = jp.Names.Worker(rec.WorkerID) + " in " + jp.Names.Team(rec.TeamID) + ", since " + rec.Start.Format()
		}
	}
	return p, nil
}

// allocation is the form that allocates the child to a worker.
func (s *Server) allocation(w http.ResponseWriter, r *request) error {
	p, err := s.allocationPage(r, r.URL.Query().Get("team"))
	if err != nil {
		return err
	}
	p.Start = dateValueOf(s.app.Today())
	return s.render(w, http.StatusOK, "allocation", p)
}

// allocationPost allocates the child, ending their last allocation the same
// day, and goes to their journey.
func (s *Server) allocationPost(w http.ResponseWriter, r *request) error {
	id, err := personID(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	startValue := dateValue(f, "start")
	var bad errs.Fields
	start := startValue.parse("start", "Date of allocation", &bad)
	if startValue.Empty() {
		bad.Add("start", "Enter the date of allocation")
	}
	team, _ := strconv.ParseInt(f.Get("team_id"), 10, 64)
	if f.Get("team_id") == "" { // the page offers the manager's own team first
		team = int64(r.actor.Principal.User.TeamID)
	}
	worker, _ := strconv.ParseInt(f.Get("worker_id"), 10, 64)
	if worker <= 0 {
		bad.Add("worker_id", "Choose the worker the child is allocated to")
	}
	ep, _ := strconv.ParseInt(f.Get("episode"), 10, 64)
	al := app.Allocation{Team: access.TeamID(team), Worker: access.UserID(worker), Start: start, Episode: journey.ID(ep), Reason: strings.TrimSpace(f.Get("reason"))}
	// The allocation first: the page is read (and logged) only when it has
	// to be drawn again.
	if len(bad) == 0 {
		_, err = s.app.Allocate(r.Context(), r.actor, id, al)
		if err == nil {
			http.Redirect(w, r.Request, journeyPath(id)+"?saved=1", http.StatusSeeOther)
			return nil
		}
		if !errs.Is(err, errs.Invalid) {
			return err
		}
	}
	p, perr := s.allocationPage(r, f.Get("team_id"))
	if perr != nil {
		return perr
	}
	p.Worker, p.Episode, p.Start, p.Reason = f.Get("worker_id"), f.Get("episode"), startValue, al.Reason
	p.Errors = mergeErrors(bad, err)
	return s.render(w, http.StatusUnprocessableEntity, "allocation", p)
}

// teamCodes is the teams as a form's list of choices, by id.
func teamCodes(teams []access.Team) people.CodeList {
	out := make(people.CodeList, len(teams))
	for i, t := range teams {
		out[i] = people.Code{Code: strconv.FormatInt(int64(t.ID), 10), Label: t.Name}
	}
	return out
}
