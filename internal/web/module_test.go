package web

import (
	"html/template"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/people"
)

func newTestServer(t testing.TB) *Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(app.New(nil, log), log)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestModulesDeclareDistinctRoutes: no two routes of the modules share a
// method and pattern (ServeMux would panic later, further from the cause).
func TestModulesDeclareDistinctRoutes(t *testing.T) {
	s := newTestServer(t)
	seen := map[string]string{}
	for _, m := range s.mods {
		for _, rt := range m.routes {
			key := rt.method + " " + rt.pattern
			if other, ok := seen[key]; ok {
				t.Errorf("%s is declared by modules %q and %q", key, other, m.name)
			}
			seen[key] = m.name
			if (rt.page == nil) == (rt.public == nil) {
				t.Errorf("%s: a route is either a signed-in page or public", key)
			}
		}
	}
	if len(s.Routes()) != len(seen) {
		t.Errorf("Routes has %d routes, the modules %d", len(s.Routes()), len(seen))
	}
}

// TestEachPageHasItsModulesFunctions: a page is parsed with its own module's
// functions, so a people page draws a DfE code's label and an admin page a
// role's.
func TestEachPageHasItsModulesFunctions(t *testing.T) {
	s := newTestServer(t)
	for page, fn := range map[string]string{"person": "code", "history": "time", "users": "role", "user-form": "role", "account": "join"} {
		tm, ok := s.tmpl[page]
		if !ok {
			t.Errorf("no page %q", page)
			continue
		}
		// Parsing a use of the function fails if the page's set lacks it.
		if _, err := template.Must(tm.Clone()).New("probe").Parse("{{" + fn + "}}"); err != nil {
			t.Errorf("page %q cannot call %s: %v", page, fn, err)
		}
	}
	// An admin page does not have the people module's labels.
	if _, err := template.Must(s.tmpl["users"].Clone()).New("probe").Parse("{{code}}"); err == nil {
		t.Error("an admin page can call the people module's code")
	}
}

// TestAModuleMayNotHideASharedFunction: a module's function named like a
// shared one is refused, so that "date" means the same on every page.
func TestAModuleMayNotHideASharedFunction(t *testing.T) {
	mods := []module{{name: "people", funcs: template.FuncMap{"date": func() string { return "" }}}}
	if _, err := parseTemplates(mods, assets{}, time.UTC); err == nil || !strings.Contains(err.Error(), `"date"`) {
		t.Errorf("err = %v, want a refusal naming date", err)
	}
}

// TestEveryTemplateBelongsToAModule: a template folder no module names is an
// error, not a page that silently never renders.
func TestEveryTemplateBelongsToAModule(t *testing.T) {
	s := newTestServer(t)
	var mods []module
	for _, m := range s.mods {
		if m.name != "admin" {
			mods = append(mods, m)
		}
	}
	if _, err := parseTemplates(mods, assets{}, time.UTC); err == nil || !strings.Contains(err.Error(), "templates/admin/") {
		t.Errorf("err = %v, want one naming templates/admin/", err)
	}
}

func TestAnchor(t *testing.T) {
	dates := []string{"date_of_birth", "start_date"}
	for _, c := range []struct{ field, want string }{
		{"date_of_birth", "date_of_birth-day"},
		{"addresses.0.start_date", "addresses.0.start_date-day"},
		{"given_name", "given_name"},
		{"restart_date", "restart_date"}, // a suffix, not a part of the path
		{"until", "until"},               // another module's date
	} {
		if got := anchor(dates, c.field); got != c.want {
			t.Errorf("anchor(%q) = %q, want %q", c.field, got, c.want)
		}
	}
}

func TestCodeLabel(t *testing.T) {
	for _, c := range []struct {
		list       people.CodeList
		code, want string
	}{
		{people.SexCodes, "", "Not recorded"},
		{people.SexCodes, "1", people.SexCodes.Label("1")},
		{people.EthnicityCodes, "ZZZZ", "ZZZZ"},
	} {
		if got := codeLabel(c.list, c.code); got != c.want {
			t.Errorf("codeLabel(%q) = %q, want %q", c.code, got, c.want)
		}
	}
}

func TestFormatTimeInTheCouncilsZone(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no zone database")
	}
	summer := time.Date(2026, time.June, 30, 23, 30, 0, 0, time.UTC)
	if got := formatTime(summer, london); got != "1 July 2026 at 00:30" {
		t.Errorf("got %q", got)
	}
	if got := formatTime(time.Time{}, london); got != "" {
		t.Errorf("zero time shows %q", got)
	}
}

// TestNavigationComesFromTheModules: each role sees home, the links its
// modules offer it, and its own account, in that order.
func TestNavigationComesFromTheModules(t *testing.T) {
	s := newTestServer(t)
	for role, want := range map[access.Role]string{
		access.Practitioner:     "Home|Find a person|Add a person|My work|Foster carers|Programme|Your account",
		access.TeamManager:      "Home|Find a person|Add a person|My work|Foster carers|Programme|Performance|Schooling report|Your account",
		access.MASH:             "Home|Find a person|Add a person|My work|Front door|Programme|Your account",
		access.Analyst:          "Home|Find a person|Foster placements|Programme|Performance|Statutory returns|Schooling report|Your account",
		access.ProgrammeManager: "Home|Programme|Performance|Your account",
		access.Admin:            "Home|Programme|Users and teams|Performance|Statutory returns|Your account",
		access.Auditor:          "Home|Programme|Access log|Your account",
	} {
		var labels []string
		for _, it := range s.nav(access.Principal{User: access.User{ID: 1, Roles: []access.Role{role}}}, "search") {
			labels = append(labels, it.Label)
			if it.Current != (it.Label == "Find a person") {
				t.Errorf("%s: %q current is %v", role, it.Label, it.Current)
			}
		}
		if got := strings.Join(labels, "|"); got != want {
			t.Errorf("%s: nav %s, want %s", role, got, want)
		}
	}
}
