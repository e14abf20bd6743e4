package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Who may use each route, and what a valid request to it is. The table is
// written out by hand from the design (not derived from access.Authorize) so
// that a change to the rules that is not also a change here fails this test.
// Every route the server has must be in it.
var (
	everyone = access.Roles
	readers  = []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Analyst}
	writers  = []access.Role{access.Practitioner, access.TeamManager, access.MASH}
	// workers have a work list of their own: writers, and education
	// officers for their SEND deadlines.
	workers = []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Education}
	// careWriters record episodes of care and moves: writers who may know
	// where a child in care lives (care.placement_address).
	careWriters = []access.Role{access.Practitioner, access.TeamManager}
	admins      = []access.Role{access.Admin}
	// settingsReaders read the council's settings, rules about no child:
	// readers, administrators, and education officers for the term dates.
	settingsReaders = []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Analyst, access.Admin, access.Education}
	auditors        = []access.Role{access.Auditor}
)

// call is a request to a route: a path (the pattern with the test child's ids
// when empty), a page's form (the browser adds its CSRF token) or an API
// request's JSON body.
type call struct {
	path string
	form url.Values
	body string
	// file, when set, is sent with the form as multipart/form-data.
	file *formFile
}

// formFile is a file chosen in a form's field.
type formFile struct {
	field, name string
	content     []byte
}

type routeRule struct {
	allowed []access.Role
	public  bool // open to all, signed in or not
	// want is the status of success: 200 when zero.
	want int
	// req builds a valid request for a role; without it the request is a
	// GET of the pattern with the test child's ids. Every route that changes
	// something needs one.
	req func(e *env, role access.Role) call
	// check, when set, confirms that a request allowed to the role did what
	// it should. b is the browser that sent it (nil for the API).
	check func(e *env, b *browser, role access.Role, c call, res response) error
}

var routeRules = map[string]routeRule{
	"GET /static/": {public: true, req: at("/static/app.css")},
	"GET /sign-in": {public: true},
	"POST /sign-in": {public: true, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return call{form: url.Values{"username": {"test.practitioner"}, "password": {testPassword}}}
	}, check: func(e *env, b *browser, _ access.Role, _ call, res response) error {
		if res.location != "/" || !strings.Contains(res.header.Get("Set-Cookie"), "hearth_session=") {
			return fmt.Errorf("went to %q with cookie %q, want / and a session", res.location, res.header.Get("Set-Cookie"))
		}
		return nil
	}},
	// Single sign-on's routes answer "not found" on a Hearth that has none,
	// as here; sso_test.go runs them against a real provider.
	"GET /sign-in/sso":          {public: true, want: http.StatusNotFound},
	"GET /sign-in/sso/callback": {public: true, want: http.StatusNotFound},
	"GET /admin/sso":            {allowed: admins, check: contains("Single sign-on is not set up")},
	"GET /healthz":              {public: true},
	"GET /readyz":               {public: true},
	"GET /metrics":              {public: true},
	"GET /api/openapi.json":     {public: true},

	"POST /sign-out": {allowed: everyone, want: http.StatusSeeOther, req: noForm, check: func(e *env, b *browser, _ access.Role, _ call, res response) error {
		if res.location != "/sign-in" {
			return fmt.Errorf("went to %q", res.location)
		}
		if again := b.get("/"); again.status != http.StatusSeeOther || !strings.HasPrefix(again.location, "/sign-in") {
			return fmt.Errorf("the session still works: home is %d", again.status)
		}
		return nil
	}},
	"GET /{$}": {allowed: everyone, check: contains("You are signed in as")},
	"GET /search": {allowed: append(slices.Clone(readers), access.Education), req: at("/search?name=Khan"), check: func(e *env, b *browser, role access.Role, c call, res response) error {
		// An education officer searches too, but finds only the children
		// of their team's education involvements: not Amira.
		if role == access.Education {
			if strings.Contains(res.body, "Amira") {
				return fmt.Errorf("an education officer found a child they may not read")
			}
			return nil
		}
		return contains("Amira")(e, b, role, c, res)
	}},
	"GET /people/new": {allowed: writers},
	"POST /people/new": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{form: url.Values{
			"given_name": {"Nia"}, "family_name": {"Added " + serial()}, "sex": {"2"},
			"date_of_birth-day": {"3"}, "date_of_birth-month": {"2"}, "date_of_birth-year": {"2016"},
			"action": {"save"}, "reason": {"new referral"},
		}}
	}, check: func(e *env, b *browser, _ access.Role, c call, res response) error {
		// The new record opens for the person who added it.
		if !strings.HasPrefix(res.location, "/people/") {
			return fmt.Errorf("went to %q", res.location)
		}
		if got := b.get(res.location); got.status != http.StatusOK || !strings.Contains(got.body, c.form.Get("family_name")) {
			return fmt.Errorf("the new record: status %d", got.status)
		}
		return nil
	}},
	"GET /people/{id}":         {allowed: readers, check: contains("Amira")},
	"GET /people/{id}/history": {allowed: readers, check: contains("History of Amira Khan")},
	"GET /people/{id}/access":  {allowed: writers, check: contains("Give your reason")},
	"POST /people/{id}/access": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{path: "/people/" + str(e.strangerPerson("Stranger "+serial())) + "/access", form: url.Values{"reason": {"arrived at the front desk"}}}
	}, check: openedWithReason},
	"GET /people/{id}/edit": {allowed: writers, check: contains(`name="version"`)},
	"POST /people/{id}/edit": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		f := personForm(e.person(e.child))
		f.Set("gender", "told by "+serial())
		f.Set("action", "save")
		f.Set("reason", "corrected")
		return call{form: f}
	}, check: genderIs},
	"GET /people/{id}/relationships/new": {allowed: writers, check: contains("Add a relationship")},
	"POST /people/{id}/relationships/new": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		other := e.teamPerson("Sibling " + serial())
		return call{form: url.Values{"type": {"sibling:from"}, "to": {str(other)}, "reason": {"brother"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.related(e.child, c.form.Get("to"))
	}},
	"GET /people/{id}/relationships/{rid}/edit": {allowed: writers, check: contains(`name="version"`)},
	"POST /people/{id}/relationships/{rid}/edit": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{form: url.Values{
			"type": {"parent:from"}, "note": {"note " + serial()}, "version": {strconv.Itoa(e.relationship().Version)}, "reason": {"noted"},
		}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		if got := e.relationship().Note; got != c.form.Get("note") {
			return fmt.Errorf("note is %q", got)
		}
		return nil
	}},

	"GET /people/{id}/involvements/{iid}/end": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{path: endPath(e.child, e.newInvolvement(e.child).ID)}
	}, check: contains(`name="version" value="1"`)},
	"POST /people/{id}/involvements/{iid}/end": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{path: endPath(e.child, e.newInvolvement(e.child).ID), form: endForm("1", "1", "9", "2025", "case closed")}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return endedOn(e, c.path, "2025-09-01")
	}},
	"GET /people/{id}/journey": {allowed: readers, check: contains("Chronology")},
	"GET /people/{id}/journey/new": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{path: idPathOf(e.child) + "/journey/new?kind=visit"}
	}, check: contains(`name="visit.seen"`)},
	"POST /people/{id}/journey/new": {allowed: writers, req: func(e *env, role access.Role) call {
		f := url.Values{"kind": {"visit"}, "visit.seen": {"yes"}, "visit.seen_alone": {"no"}}
		return call{form: dateForm(f, "start", civil.OfLondon(time.Now()))}
	}, check: contains("Check the visit before saving")},
	"POST /people/{id}/journey/new/confirm": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		f := noteForm("Recorded "+serial(), 0)
		f.Set("action", "save")
		return call{form: f}
	}, check: noteTitled(1)},
	"GET /people/{id}/journey/{rid}": {allowed: readers, req: func(e *env, role access.Role) call {
		return call{path: recordPathOf(e.child, e.newNote().ID)}
	}, check: contains("Spoke to the school")},
	"GET /people/{id}/journey/{rid}/edit": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{path: recordPathOf(e.child, e.newNote().ID) + "/edit"}
	}, check: contains(`name="version" value="1"`)},
	"POST /people/{id}/journey/{rid}/edit": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{path: recordPathOf(e.child, e.newNote().ID) + "/edit", form: noteForm("Retitled "+serial(), 1)}
	}, check: contains("What will change")},
	"POST /people/{id}/journey/{rid}/edit/confirm": {allowed: writers, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		f := noteForm("Retitled "+serial(), 1)
		f.Set("action", "save")
		f.Set("reason", "title corrected")
		return call{path: recordPathOf(e.child, e.newNote().ID) + "/edit/confirm", form: f}
	}, check: noteTitled(2)},
	"GET /people/{id}/journey/{rid}/decision": {allowed: readers, req: func(e *env, role access.Role) call {
		return call{path: recordPathOf(e.child, e.openContact().ID) + "/decision"}
	}, check: contains("Who else knows the child and family")},
	"POST /people/{id}/journey/{rid}/decision": {allowed: []access.Role{access.MASH}, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{path: recordPathOf(e.child, e.openContact().ID) + "/decision", form: url.Values{"decision": {"advice"}, "version": {"1"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		r, err := e.recordIn(c.path)
		if err != nil {
			return err
		}
		if r.End.IsZero() || r.Contact.Decision != "advice" || !strings.HasSuffix(res.location, "/journey?decided=advice") {
			return fmt.Errorf("the contact ends %v with decision %q; went to %q", r.End, r.Contact.Decision, res.location)
		}
		return nil
	}},
	"GET /front-door": {allowed: []access.Role{access.MASH}, req: func(e *env, role access.Role) call {
		e.openContact()
		return call{path: "/front-door"}
	}, check: contains("Khan, Amira")},
	"GET /my-work": {allowed: workers, check: contains("My work")},
	"GET /teams/{tid}/work": {allowed: []access.Role{access.TeamManager}, req: func(e *env, role access.Role) call {
		e.openContact()
		return call{path: "/teams/" + str(e.team.ID) + "/work"}
	}, check: contains("Khan, Amira")},
	"GET /people/{id}/placement-move": {allowed: careWriters, req: func(e *env, role access.Role) call {
		e.inCare()
		return call{path: idPathOf(e.child) + "/placement-move"}
	}, check: contains("Record a move of placement")},
	"POST /people/{id}/placement-move": {allowed: careWriters, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{form: e.moveForm()}
	}, check: moved},
	"GET /people/{id}/allocation": {allowed: []access.Role{access.TeamManager}, check: contains("Test Practitioner")},
	"POST /people/{id}/allocation": {allowed: []access.Role{access.TeamManager}, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		f := url.Values{"team_id": {str(e.team.ID)}, "worker_id": {str(e.users[access.Practitioner].ID)}, "reason": {"new case"}}
		return call{form: dateForm(f, "start", civil.OfLondon(time.Now()))}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		for _, r := range e.journeyRecords() {
			if r.Kind == journey.KindAllocation && r.End.IsZero() && r.WorkerID == e.users[access.Practitioner].ID && r.TeamID == e.team.ID {
				return nil
			}
		}
		return fmt.Errorf("no open allocation to the practitioner")
	}},
	"GET /account":         {allowed: everyone, check: contains("Your account")},
	"POST /account/tokens": {allowed: everyone, req: withForm("name", "laptop"), check: contains("hearth_")},
	"POST /account/tokens/{id}/revoke": {allowed: everyone, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{path: "/account/tokens/" + e.newToken(role) + "/revoke", form: url.Values{}}
	}, check: tokenRevoked},

	"GET /admin/users":     {allowed: admins, check: contains("test.practitioner")},
	"GET /admin/users/new": {allowed: admins},
	"POST /admin/users/new": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{form: url.Values{
			"username": {"new.user." + serial()}, "display_name": {"New User"}, "password": {"granite kettle wanders north 7391"},
			"roles": {"practitioner"}, "team_id": {str(e.team.ID)}, "reason": {"joined"},
		}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		u, err := e.st.UserByUsername(context.Background(), c.form.Get("username"))
		if err != nil || !slices.Equal(u.Roles, []access.Role{access.Practitioner}) || u.TeamID != e.team.ID {
			return fmt.Errorf("the new user is %+v (%v)", u, err)
		}
		return nil
	}},
	"GET /admin/users/{id}": {allowed: admins, check: contains("Change a user")},
	"POST /admin/users/{id}": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		u := e.current(e.otherUser(role))
		return call{form: url.Values{"version": {strconv.Itoa(u.Version)}, "display_name": {"Renamed " + serial()}, "roles": {string(u.Roles[0])}, "team_id": {str(u.TeamID)}, "reason": {"name changed"}}}
	}, check: func(e *env, _ *browser, role access.Role, c call, res response) error {
		return e.userNamed(e.otherUser(role), c.form.Get("display_name"))
	}},
	"POST /admin/users/{id}/tokens/{tid}/revoke": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		other := e.otherUser(role)
		return call{path: "/admin/users/" + str(e.users[other].ID) + "/tokens/" + e.newToken(other) + "/revoke", form: url.Values{}}
	}, check: otherTokenRevoked},
	"GET /admin/teams": {allowed: admins, check: contains("Safeguarding 1")},
	"POST /admin/teams": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{form: url.Values{"name": {"Team " + serial()}, "service_id": {str(e.team.ServiceID)}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.hasTeam(c.form.Get("name"))
	}},
	"POST /admin/services": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		return call{form: url.Values{"service_name": {"Service " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.hasService(c.form.Get("service_name"))
	}},
	"GET /admin/grants/new": {allowed: admins},
	"POST /admin/grants/new": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		next := time.Now().AddDate(1, 0, 0)
		return call{form: url.Values{
			"person_id": {str(e.restricted)}, "user_id": {str(e.users[access.Analyst].ID)}, "reason": {"court report"},
			"until-day": {strconv.Itoa(next.Day())}, "until-month": {strconv.Itoa(int(next.Month()))}, "until-year": {strconv.Itoa(next.Year())},
		}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.granted(e.restricted, access.Analyst, c.form.Get("reason"))
	}},
	"GET /admin/restrictions/new": {allowed: admins},
	"POST /admin/restrictions/new": {allowed: admins, req: func(e *env, role access.Role) call {
		return call{form: url.Values{"person_id": {str(e.teamPerson("Adopted " + serial()))}, "restricted": {"yes"}, "reason": {"adoption"}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.restrictedNow(c.form.Get("person_id"))
	}},
	// Council timescales
	"GET /admin/timescales": {allowed: admins, check: contains(`name="version"`)},
	"POST /admin/timescales": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		_, v := e.timescales()
		f := url.Values{"version": {strconv.Itoa(v)}, "reason": {"reviewed " + serial()}}
		for _, field := range app.TimescaleFields {
			f.Set(field.Name, strconv.Itoa(field.Get(journey.Defaults())))
		}
		return call{form: f}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.timescalesChangedFor(c.form.Get("reason"))
	}},
	"GET /api/v1/settings/timescales": {allowed: settingsReaders, check: contains(`"contact_decision_hours":`)},
	"PUT /api/v1/settings/timescales": {allowed: admins, req: func(e *env, role access.Role) call {
		_, v := e.timescales()
		return call{body: jsonOf(map[string]any{"timescales": journey.Defaults(), "version": v, "reason": "reviewed " + serial()})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Reason string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.timescalesChangedFor(sent.Reason)
	}},

	// The daily briefing, for the hub's team (the test team, named by
	// e.hubIsTheTeam) and the roles that allow it; naming the hub.
	"GET /briefing":        {allowed: hubRoles, req: func(e *env, _ access.Role) call { e.hubIsTheTeam(); return call{} }, check: contains("Daily briefing")},
	"GET /api/v1/briefing": {allowed: hubRoles, req: func(e *env, _ access.Role) call { e.hubIsTheTeam(); return call{} }, check: contains(`"rows":`)},
	// The report of the schooling of children with a social worker, for
	// the Virtual School (the test team, named by e.virtualSchoolIsTheTeam)
	// and the managers and analysts it is shared with.
	"GET /schooling":            {allowed: schoolingRoles, req: func(e *env, _ access.Role) call { e.virtualSchoolIsTheTeam(); return call{} }, check: contains("Attendance and SEND of children with a social worker")},
	"GET /schooling.csv":        {allowed: schoolingRoles, req: func(e *env, _ access.Role) call { e.virtualSchoolIsTheTeam(); return call{} }, check: contains("figure,label,all_count")},
	"GET /admin/hub":            {allowed: admins, check: contains(`name="team_id"`)},
	"GET /admin/virtual-school": {allowed: admins, check: contains(`name="team_id"`)},
	"POST /admin/virtual-school": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		_, v, err := e.st.VirtualSchoolTeam(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		return call{form: url.Values{"team_id": {str(e.team.ID)}, "version": {strconv.Itoa(v)}, "reason": {"confirmed " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		h, err := e.st.VirtualSchoolTeamHistory(context.Background())
		if err != nil {
			return err
		}
		if len(h) == 0 || h[len(h)-1].Reason != c.form.Get("reason") {
			return fmt.Errorf("the Virtual School setting's last change is not %q: %+v", c.form.Get("reason"), h)
		}
		return nil
	}},
	"POST /admin/hub": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		_, v := e.hubIsTheTeam()
		return call{form: url.Values{"team_id": {str(e.team.ID)}, "version": {strconv.Itoa(v)}, "reason": {"confirmed " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.hubChangedFor(c.form.Get("reason"))
	}},
	"GET /api/v1/settings/hub": {allowed: admins, check: contains(`"team_id":`)},
	"PUT /api/v1/settings/hub": {allowed: admins, req: func(e *env, role access.Role) call {
		_, v := e.hubIsTheTeam()
		return call{body: jsonOf(map[string]any{"team_id": e.team.ID, "version": v, "reason": "confirmed " + serial()})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Reason string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.hubChangedFor(sent.Reason)
	}},

	// The performance framework: figures for those who manage or report on
	// the service, the children behind them for analysts and team managers
	// (the others see the figure alone), the council's data for analysts and
	// administrators.
	"GET /performance":                {allowed: perfReaders, check: contains("Performance framework")},
	"GET /performance/{id}":           {allowed: perfReaders, req: at("/performance/eh_open?at=2023-03-31"), check: contains("Children in early help")},
	"GET /performance/{id}/trend":     {allowed: perfReaders, req: at("/performance/eh_open/trend"), check: contains("<svg")},
	"GET /performance/{id}/trend.csv": {allowed: perfReaders, req: at("/performance/eh_open/trend.csv"), check: contains("indicator,at,value")},
	"GET /performance/report":         {allowed: perfReaders, req: at("/performance/report?at=2023-03-31"), check: contains("Missing and exploitation")},
	"GET /performance/report.pdf":     {allowed: perfReaders, req: at("/performance/report.pdf?at=2023-03-31"), check: contains("%PDF")},
	"GET /performance/report.xlsx":    {allowed: perfReaders, req: at("/performance/report.xlsx?at=2023-03-31"), check: contains("PK")},
	"GET /performance/data":           {allowed: perfReaders, check: contains("Council performance data")},
	"POST /performance/data/import": {allowed: perfManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return e.perfForm("reason", "what", "population", "csv", "year,children\n2023,63051\n")
	}, check: perfChangedFor("reason")},
	"POST /performance/data/target": {allowed: perfManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return e.perfForm("target_reason", "indicator", "rereferral_12m", "year", "2023", "target", "20", "green", "20", "amber", "25")
	}, check: perfChangedFor("target_reason")},
	"POST /performance/data/population": {allowed: perfManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return e.perfForm("population_reason", "population_year", "2022", "population_children", "62500")
	}, check: perfChangedFor("population_reason")},
	"POST /performance/data/position": {allowed: perfManagers, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		return e.perfForm("position_reason", "position_at-day", "31", "position_at-month", "3", "position_at-year", "2023",
			"position_name", "Social Worker", "budgeted_fte", "148.87", "permanent_fte", "109.81", "vacant_fte", "39.05", "agency_fte", "19", "case_holding", "yes")
	}, check: perfPositionSaved},
	"GET /api/v1/indicators":      {allowed: perfReaders, req: at("/api/v1/indicators?at=2023-03-31"), check: contains(`"indicators":`)},
	"GET /api/v1/indicators/{id}": {allowed: perfReaders, req: at("/api/v1/indicators/eh_open?at=2023-03-31"), check: contains(`"source":`)},

	"GET /audit":             {allowed: auditors, check: contains("Access log")},
	"GET /audit/break-glass": {allowed: auditors, check: contains("Records opened without a relationship")},

	"GET /api/v1/people": {allowed: append(slices.Clone(readers), access.Education), req: at("/api/v1/people?name=Khan"), check: func(e *env, b *browser, role access.Role, c call, res response) error {
		if role == access.Education {
			if strings.Contains(res.body, "Amira") {
				return fmt.Errorf("an education officer found a child they may not read")
			}
			return nil
		}
		return contains(`"Amira"`)(e, b, role, c, res)
	}},
	"POST /api/v1/people/check": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{body: `{"person":{"given_name":"Nia","family_name":"Checked","date_of_birth":"2016-02-03","sex":"2"}}`}
	}, check: contains(`"duplicates":`)},
	"POST /api/v1/people": {allowed: writers, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: `{"person":{"given_name":"Nia","family_name":"Posted ` + serial() + `","date_of_birth":"2016-02-03","sex":"2"},"reason":"new referral"}`}
	}, check: func(e *env, _ *browser, role access.Role, c call, res response) error {
		var got struct{ Person people.Person }
		if err := json.Unmarshal([]byte(res.body), &got); err != nil || got.Person.ID == 0 {
			return fmt.Errorf("no person in %.200s", res.body)
		}
		if again := e.api(role, "GET", "/api/v1/people/"+str(got.Person.ID), ""); again.status != http.StatusOK {
			return fmt.Errorf("the new record: status %d", again.status)
		}
		return nil
	}},
	"GET /api/v1/people/{id}":         {allowed: readers, check: contains(`"Amira"`)},
	"GET /api/v1/people/{id}/history": {allowed: readers, check: contains(`"versions":`)},
	"PUT /api/v1/people/{id}": {allowed: writers, req: func(e *env, role access.Role) call {
		p := e.person(e.child)
		p.Gender = "told by " + serial()
		return call{body: jsonOf(map[string]any{"person": p, "reason": "corrected"})}
	}, check: func(e *env, _ *browser, role access.Role, c call, res response) error {
		var sent struct{ Person people.Person }
		if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
			return err
		}
		if got := e.person(e.child).Gender; got != sent.Person.Gender {
			return fmt.Errorf("gender is %q", got)
		}
		return nil
	}},
	"GET /api/v1/people/{id}/relationships": {allowed: readers, check: contains(`"Lena"`)},
	"POST /api/v1/people/{id}/relationships": {allowed: writers, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		other := e.teamPerson("Sibling " + serial())
		return call{body: `{"relationship":{"type":"sibling","to":` + str(other) + `},"reason":"sister"}`}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Relationship people.Relationship }
		if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
			return err
		}
		return e.related(e.child, str(sent.Relationship.To))
	}},
	"PUT /api/v1/people/{id}/relationships/{rid}": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{
			"relationship": map[string]any{"type": "parent", "note": "note " + serial(), "version": e.relationship().Version}, "reason": "noted",
		})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Relationship people.Relationship }
		if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
			return err
		}
		if got := e.relationship().Note; got != sent.Relationship.Note {
			return fmt.Errorf("note is %q", got)
		}
		return nil
	}},
	"GET /api/v1/people/{id}/involvements": {allowed: readers, check: contains(`"involvements":[{"id":`)},
	"PUT /api/v1/people/{id}/involvements/{iid}": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{path: "/api/v1" + idPath(e.child) + "/involvements/" + str(e.newInvolvement(e.child).ID), body: `{"end_date":"2025-09-01","version":1,"reason":"case closed"}`}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return endedOn(e, c.path, "2025-09-01")
	}},
	"GET /api/v1/people/{id}/involvements/{iid}/history": {allowed: readers, req: func(e *env, role access.Role) call {
		return call{path: "/api/v1" + idPath(e.child) + "/involvements/" + str(e.newInvolvement(e.child).ID) + "/history"}
	}, check: contains(`"versions":[{"version":1`)},
	"POST /api/v1/people/{id}/access": {allowed: writers, req: func(e *env, role access.Role) call {
		return call{path: "/api/v1/people/" + str(e.strangerPerson("Stranger "+serial())) + "/access", body: `{"reason":"out of hours call"}`}
	}, check: openedWithReason},
	"GET /api/v1/access-log/break-glass": {allowed: auditors, check: contains(`"weeks"`)},
	"GET /api/v1/users":                  {allowed: admins, check: contains(`"test.practitioner"`)},
	"POST /api/v1/users": {allowed: admins, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{
			"username": "api.user." + serial(), "display_name": "API User", "password": "granite kettle wanders north 7391",
			"roles": []string{"analyst"}, "team_id": e.team.ID, "reason": "joined",
		})}
	}, check: contains(`"analyst"`)},
	"GET /api/v1/users/{id}": {allowed: admins, check: contains(`"username"`)},
	"PUT /api/v1/users/{id}": {allowed: admins, req: func(e *env, role access.Role) call {
		u := e.current(e.otherUser(role))
		return call{body: jsonOf(map[string]any{"version": u.Version, "display_name": "Renamed " + serial(), "roles": u.Roles, "team_id": u.TeamID, "reason": "name changed"})}
	}, check: func(e *env, _ *browser, role access.Role, c call, res response) error {
		var sent struct {
			DisplayName string `json:"display_name"`
		}
		if err := json.Unmarshal([]byte(c.body), &sent); err != nil {
			return err
		}
		return e.userNamed(e.otherUser(role), sent.DisplayName)
	}},
	"GET /api/v1/users/{id}/history": {allowed: admins, check: contains(`"versions"`)},
	"GET /api/v1/users/{id}/tokens":  {allowed: admins, check: contains(`"tokens"`)},
	"DELETE /api/v1/users/{id}/tokens/{tid}": {allowed: admins, want: http.StatusNoContent, req: func(e *env, role access.Role) call {
		other := e.otherUser(role)
		return call{path: "/api/v1/users/" + str(e.users[other].ID) + "/tokens/" + e.newToken(other)}
	}, check: otherTokenRevoked},
	"GET /api/v1/teams": {allowed: everyone, check: contains(`"Safeguarding 1"`)},
	"POST /api/v1/teams": {allowed: admins, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{"name": "Team " + serial(), "service_id": e.team.ServiceID})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Name string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.hasTeam(sent.Name)
	}},
	"POST /api/v1/services": {allowed: admins, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{"name": "Service " + serial()})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Name string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.hasService(sent.Name)
	}},
	"GET /api/v1/access-log": {allowed: auditors, check: contains(`"entries"`)},
	"POST /api/v1/grants": {allowed: admins, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{
			"person_id": e.restricted, "user_id": e.users[access.Auditor].ID, "reason": "review " + serial(), "until": time.Now().AddDate(0, 1, 0),
		})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		var sent struct{ Reason string }
		_ = json.Unmarshal([]byte(c.body), &sent)
		return e.granted(e.restricted, access.Auditor, sent.Reason)
	}},
	"PUT /api/v1/people/{id}/restriction": {allowed: admins, want: http.StatusNoContent, req: func(e *env, role access.Role) call {
		return call{path: "/api/v1/people/" + str(e.teamPerson("Adopted "+serial())) + "/restriction", body: `{"restricted":true,"reason":"adoption"}`}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.restrictedNow(strings.Split(c.path, "/")[4])
	}},
	"GET /api/v1/me":        {allowed: everyone, check: contains(`"username"`)},
	"GET /api/v1/me/tokens": {allowed: everyone, check: contains(`"tokens"`)},
	"POST /api/v1/me/tokens": {allowed: everyone, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: `{"name":"script"}`}
	}, check: contains(`"hearth_`)},
	"DELETE /api/v1/me/tokens/{id}": {allowed: everyone, want: http.StatusNoContent, req: func(e *env, role access.Role) call {
		return call{path: "/api/v1/me/tokens/" + e.newToken(role)}
	}, check: tokenRevoked},

	// Journey API
	"GET /api/v1/people/{id}/journey": {allowed: readers, check: contains(`"chronology":[`)},
	"POST /api/v1/people/{id}/journey": {allowed: writers, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{"kind": "note", "start": "2025-01-06", "note": map[string]any{"title": "Call " + serial(), "text": "School rang"}})}
	}, check: apiNoteRecorded},
	"GET /api/v1/people/{id}/journey/{rid}": {allowed: readers, req: func(e *env, role access.Role) call {
		return call{path: apiJourneyPath(e.child, e.apiJourneyNote(e.child).ID)}
	}, check: contains(`"history":[{"version":1`)},
	"PUT /api/v1/people/{id}/journey/{rid}": {allowed: writers, req: func(e *env, role access.Role) call {
		n := e.apiJourneyNote(e.child)
		n.Note.Title = "Corrected " + serial()
		return call{path: apiJourneyPath(e.child, n.ID), body: jsonOf(map[string]any{"record": n, "reason": "title corrected"})}
	}, check: apiNoteChanged},
	"POST /api/v1/people/{id}/journey/{rid}/decision": {allowed: []access.Role{access.MASH}, req: func(e *env, role access.Role) call {
		return call{path: apiJourneyPath(e.child, e.apiJourneyContact(e.child).ID) + "/decision", body: `{"version":1,"decision":"advice"}`}
	}, check: apiContactDecided},
	"POST /api/v1/people/{id}/allocation": {allowed: []access.Role{access.TeamManager}, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: jsonOf(map[string]any{
			"team_id": e.team.ID, "worker_id": e.users[access.Practitioner].ID, "start": civil.OfLondon(time.Now()), "reason": "allocated " + serial(),
		})}
	}, check: apiAllocated},
	"POST /api/v1/people/{id}/placement-moves": {allowed: careWriters, want: http.StatusCreated, req: func(e *env, role access.Role) call {
		return call{body: e.moveBody()}
	}, check: movedByAPI},
	"GET /api/v1/work": {allowed: workers, check: contains(`"children":`)},
	"GET /api/v1/teams/{tid}/work": {allowed: []access.Role{access.TeamManager}, req: func(e *env, role access.Role) call {
		return call{path: "/api/v1/teams/" + str(e.team.ID) + "/work"}
	}, check: contains(`"meetings":`)},
	"GET /api/v1/front-door/contacts": {allowed: []access.Role{access.MASH}, check: contains(`"children":`)},
}

// TestEveryRouteForEveryRole walks every route as each role and signed out.
// A role the table allows must succeed with a valid request, and the request
// must do what it should; any other role, and anyone signed out, is refused.
func TestEveryRouteForEveryRole(t *testing.T) {
	e := newEnv(t)
	for k, v := range carersRoutes {
		routeRules[k] = v
	}
	for k, v := range programmeRoutes {
		routeRules[k] = v
	}
	for k, v := range claimRoutes {
		routeRules[k] = v
	}
	for k, v := range cmeRoutes {
		routeRules[k] = v
	}
	for k, v := range educationRoutes {
		routeRules[k] = v
	}
	for k, v := range eduRegisterRoutes {
		routeRules[k] = v
	}
	for k, v := range returnsRoutes {
		routeRules[k] = v
	}
	for k, v := range returnCheckRoutes {
		routeRules[k] = v
	}
	for k, v := range returnImportRoutes {
		routeRules[k] = v
	}
	seen := map[string]bool{}
	for _, rt := range e.h.Routes {
		key := rt.Method + " " + rt.Pattern
		seen[key] = true
		rule, ok := routeRules[key]
		if !ok {
			t.Errorf("route %s is not in the authorisation table: add it with the roles that may use it and a valid request", key)
			continue
		}
		if rule.public != rt.Public {
			t.Errorf("route %s: public is %v, table says %v", key, rt.Public, rule.public)
		}
		if rt.Method != "GET" && rule.req == nil {
			t.Errorf("route %s changes something, so its row needs a valid request (req)", key)
		}
	}
	for key := range routeRules {
		if !seen[key] {
			t.Errorf("the authorisation table names %s, which the server does not have", key)
		}
	}
	if t.Failed() {
		return
	}
	browsers := map[access.Role]*browser{}
	for _, role := range access.Roles {
		browsers[role] = e.browser().signIn(role)
	}
	for _, rt := range e.h.Routes {
		key := rt.Method + " " + rt.Pattern
		rule := routeRules[key]
		api := strings.HasPrefix(rt.Pattern, "/api/v1/")
		want := rule.want
		if want == 0 {
			want = http.StatusOK
		}
		t.Run(key+"/signed out", func(t *testing.T) {
			b := e.browser()
			c := e.call(rt.Pattern, access.Admin, rule)
			res := e.send(b, "", rt.Method, c, api)
			switch {
			case rule.public:
				if res.status != want {
					t.Errorf("public route: status %d, want %d: %.300s", res.status, want, res.body)
				} else if rule.check != nil {
					if err := rule.check(e, b, "", c, res); err != nil {
						t.Error(err)
					}
				}
			case api && res.status != http.StatusUnauthorized:
				t.Errorf("API without a token: status %d, want 401", res.status)
			case !api && (res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/sign-in")):
				t.Errorf("page when signed out: status %d to %q, want 303 to /sign-in", res.status, res.location)
			}
		})
		if rule.public {
			continue
		}
		for _, role := range access.Roles {
			t.Run(key+"/"+string(role), func(t *testing.T) {
				b := browsers[role]
				if rt.Pattern == "/sign-out" {
					b = e.browser().signIn(role) // signing out must not end the shared session
				}
				c := e.call(rt.Pattern, role, rule)
				res := e.send(b, role, rt.Method, c, api)
				if res.status >= 500 {
					t.Fatalf("server error %d: %.300s", res.status, res.body)
				}
				if !slices.Contains(rule.allowed, role) {
					refused := res.status == http.StatusForbidden || res.status == http.StatusNotFound ||
						res.status == http.StatusUnauthorized || strings.HasPrefix(res.location, "/sign-in")
					if !refused {
						t.Errorf("not allowed, but got status %d (location %q): %.300s", res.status, res.location, res.body)
					}
					return
				}
				if res.status != want {
					t.Fatalf("allowed: status %d, want %d (location %q): %.500s ... %s", res.status, want, res.location, res.body, errorSummary(res.body))
				}
				if rule.check != nil {
					if api {
						b = nil
					}
					if err := rule.check(e, b, role, c, res); err != nil {
						t.Errorf("allowed, status %d, but: %v", res.status, err)
					}
				}
			})
		}
	}
}

// call builds the request a role sends to a route.
func (e *env) call(pattern string, role access.Role, rule routeRule) call {
	var c call
	if rule.req != nil {
		c = rule.req(e, role)
	}
	if c.path == "" {
		c.path = e.concrete(pattern, role)
	}
	return c
}

// concrete fills a route pattern's wildcards for a request by this role: the
// test child, their relationship to a parent, and for a user someone else's
// account (one's own is readable by anyone through /me).
func (e *env) concrete(pattern string, role access.Role) string {
	p := strings.TrimSuffix(pattern, "{$}")
	ident := str(e.child)
	if strings.Contains(p, "/users/{id}") {
		ident = str(e.users[e.otherUser(role)].ID)
	}
	p = strings.ReplaceAll(p, "{rid}", str(e.rel))
	return strings.ReplaceAll(p, "{id}", ident)
}

// otherUser is the role of a user other than the role's own.
func (e *env) otherUser(role access.Role) access.Role {
	if role == access.Admin {
		return access.Practitioner
	}
	return access.Admin
}

// send makes a request as a browser (pages) or with a token (API).
func (e *env) send(b *browser, role access.Role, method string, c call, api bool) response {
	if api || strings.HasPrefix(c.path, "/api/") {
		return e.api(role, method, c.path, c.body)
	}
	if method == "POST" && c.file != nil {
		return b.postFile(c.path, c.form, c.file.field, c.file.name, c.file.content)
	}
	if method == "POST" {
		return b.post(c.path, c.form)
	}
	return b.get(c.path)
}

// The request builders and checks the table uses.

var serials atomic.Int64

// serial is a number not used before in this run, to keep names unique.
func serial() string { return strconv.FormatInt(serials.Add(1), 10) }

func str[T ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

func at(p string) func(*env, access.Role) call {
	return func(*env, access.Role) call { return call{path: p} }
}

func withForm(kv ...string) func(*env, access.Role) call {
	return func(*env, access.Role) call {
		f := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			f.Set(kv[i], kv[i+1])
		}
		return call{form: f}
	}
}

func noForm(*env, access.Role) call { return call{form: url.Values{}} }

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// contains checks that the response shows s.
func contains(s string) func(*env, *browser, access.Role, call, response) error {
	return func(_ *env, _ *browser, _ access.Role, _ call, res response) error {
		if !strings.Contains(res.body, s) {
			return fmt.Errorf("the response lacks %q: %.300s", s, res.body)
		}
		return nil
	}
}

// personForm is the edit form filled in with a record as it stands.
func personForm(p people.Person) url.Values {
	f := url.Values{
		"version": {strconv.Itoa(p.Version)}, "given_name": {p.GivenName}, "family_name": {p.FamilyName},
		"gender": {p.Gender}, "sex": {p.Sex}, "ethnicity": {p.Ethnicity}, "first_language": {p.FirstLanguage}, "religion": {p.Religion},
	}
	date := func(name string, d civil.Date) {
		if !d.IsZero() {
			f.Set(name+"-day", strconv.Itoa(d.Day))
			f.Set(name+"-month", strconv.Itoa(int(d.Month)))
			f.Set(name+"-year", strconv.Itoa(d.Year))
		}
	}
	date("date_of_birth", p.DateOfBirth)
	for i, a := range p.Addresses {
		pre := "addresses." + strconv.Itoa(i) + "."
		f.Set(pre+"line1", a.Line1)
		f.Set(pre+"line2", a.Line2)
		f.Set(pre+"town", a.Town)
		f.Set(pre+"postcode", a.Postcode)
		date(pre+"start_date", a.StartDate)
		date(pre+"end_date", a.EndDate)
	}
	return f
}

// genderIs checks the child's record now has the gender the form sent.
func genderIs(e *env, _ *browser, _ access.Role, c call, res response) error {
	if got := e.person(e.child).Gender; got != c.form.Get("gender") {
		return fmt.Errorf("gender is %q, want %q", got, c.form.Get("gender"))
	}
	return nil
}

// person reads a record as it stands, as the system.
func (e *env) person(pid people.ID) people.Person {
	e.t.Helper()
	p, err := e.st.Person(context.Background(), sysPermit(pid), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// relationship is the child's relationship to their parent as it stands.
func (e *env) relationship() people.Relationship {
	e.t.Helper()
	rv, ok := store.FindRelationship(e.relationships(e.child), e.rel)
	if !ok {
		e.t.Fatal("the child's relationship to their parent has gone")
	}
	return rv.Relationship
}

func (e *env) relationships(pid people.ID) []store.RelationshipView {
	e.t.Helper()
	rs, err := e.st.Relationships(context.Background(), sysPermit(pid), time.Time{})
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// related checks that pid now has a relationship with the person whose id
// is other.
func (e *env) related(pid people.ID, other string) error {
	for _, rv := range e.relationships(pid) {
		if str(rv.Other.ID) == other {
			return nil
		}
	}
	return fmt.Errorf("no relationship between %d and %s", pid, other)
}

// teamPerson adds a person the test team works with (an open contact, so
// every role that writes may open the record).
func (e *env) teamPerson(family string) people.ID {
	e.t.Helper()
	ctx := context.Background()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	p, err := e.st.CreatePerson(ctx, people.Person{GivenName: "Jo", FamilyName: family, DateOfBirth: civil.MustNew(2012, time.June, 1), Sex: "9"}, c)
	if err != nil {
		e.t.Fatal(err)
	}
	inv := access.Involvement{PersonID: p.ID, Kind: "contact", TeamID: e.team.ID, WorkerID: e.users[access.Practitioner].ID, StartDate: civil.MustNew(2024, time.January, 2)}
	if _, err := e.st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
		e.t.Fatal(err)
	}
	return p.ID
}

// strangerPerson adds a person nobody has a relationship to.
func (e *env) strangerPerson(family string) people.ID {
	e.t.Helper()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	p, err := e.st.CreatePerson(context.Background(), people.Person{GivenName: "Sam", FamilyName: family, DateOfBirth: civil.MustNew(2013, time.May, 4), Sex: "9"}, c)
	if err != nil {
		e.t.Fatal(err)
	}
	return p.ID
}

// openedWithReason checks that the record named in the path now opens for
// the role, by breaking the glass.
func openedWithReason(e *env, _ *browser, role access.Role, c call, res response) error {
	id := strings.Split(strings.TrimPrefix(strings.TrimPrefix(c.path, "/api/v1"), "/"), "/")[1]
	if got := e.api(role, "GET", "/api/v1/people/"+id, ""); got.status != http.StatusOK {
		return fmt.Errorf("the record does not open after the reason: %d", got.status)
	}
	return nil
}

// newToken makes an API token of the role's own, for a request to revoke.
func (e *env) newToken(role access.Role) string {
	e.t.Helper()
	_, tok, err := e.app.CreateToken(context.Background(), e.users[role].ID, "to revoke")
	if err != nil {
		e.t.Fatal(err)
	}
	return str(tok.ID)
}

// tokenRevoked checks that the token named by the last number in the path is
// revoked.
func tokenRevoked(e *env, _ *browser, role access.Role, c call, res response) error {
	return revokedOf(e, role, c)
}

// otherTokenRevoked is tokenRevoked for a token of the user an administrator
// acts on (otherUser), never their own.
func otherTokenRevoked(e *env, _ *browser, role access.Role, c call, res response) error {
	return revokedOf(e, e.otherUser(role), c)
}

func revokedOf(e *env, role access.Role, c call) error {
	var tid string
	for _, part := range strings.Split(c.path, "/") {
		if _, err := strconv.Atoi(part); err == nil {
			tid = part
		}
	}
	ts, err := e.st.Tokens(context.Background(), e.users[role].ID)
	if err != nil {
		return err
	}
	for _, tok := range ts {
		if str(tok.ID) == tid {
			if !tok.Revoked {
				return fmt.Errorf("token %s is not revoked", tid)
			}
			return nil
		}
	}
	return fmt.Errorf("no token %s", tid)
}

// userNamed checks that the user of a role now has the display name.
// current is the role's user as they stand now, at their latest version.
func (e *env) current(role access.Role) access.User {
	e.t.Helper()
	u, err := e.st.User(context.Background(), e.users[role].ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

func (e *env) userNamed(role access.Role, name string) error {
	u, err := e.st.User(context.Background(), e.users[role].ID)
	if err != nil {
		return err
	}
	if u.DisplayName != name || !slices.Equal(u.Roles, e.users[role].Roles) {
		return fmt.Errorf("the user is now %q with roles %v", u.DisplayName, u.Roles)
	}
	return nil
}

func (e *env) hasTeam(name string) error {
	ts, err := e.st.Teams(context.Background())
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.Name == name {
			return nil
		}
	}
	return fmt.Errorf("no team %q", name)
}

func (e *env) hasService(name string) error {
	ss, err := e.st.Services(context.Background())
	if err != nil {
		return err
	}
	for _, s := range ss {
		if s.Name == name {
			return nil
		}
	}
	return fmt.Errorf("no service %q", name)
}

// granted checks that the user of a role has a current grant to a record
// with the reason.
func (e *env) granted(pid people.ID, role access.Role, reason string) error {
	subj, err := e.st.Subject(context.Background(), pid, time.Now())
	if err != nil {
		return err
	}
	for _, g := range subj.Grants {
		if g.UserID == e.users[role].ID && g.Reason == reason && g.Until.After(time.Now()) {
			return nil
		}
	}
	return fmt.Errorf("no grant to %s with reason %q in %+v", role, reason, subj.Grants)
}

// restrictedNow checks that the record with the id is restricted.
func (e *env) restrictedNow(pid string) error {
	n, err := strconv.ParseInt(pid, 10, 64)
	if err != nil {
		return err
	}
	if !e.person(people.ID(n)).Restricted {
		return fmt.Errorf("record %s is not restricted", pid)
	}
	return nil
}

// timescales are the council's timescales in the store and their version.
func (e *env) timescales() (journey.Timescales, int) {
	e.t.Helper()
	ts, v, err := e.st.Timescales(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return ts, v
}

// timescalesChangedFor checks that the latest change of the timescales was
// made for reason.
func (e *env) timescalesChangedFor(reason string) error {
	h, err := e.st.TimescalesHistory(context.Background())
	if err != nil {
		return err
	}
	if len(h) == 0 || h[len(h)-1].Reason != reason {
		return fmt.Errorf("the timescales' last change is not the one made for %q (%d versions)", reason, len(h))
	}
	return nil
}

// errorSummary is the text of a page's error summary, for a failure's message.
func errorSummary(body string) string {
	i := strings.Index(body, "govuk-error-summary__list")
	if i < 0 {
		return ""
	}
	return body[i:min(len(body), i+600)]
}
