package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/httpx"
	"hearth/internal/store"
)

// A module is one part of the service's pages, declared in its own file:
// people.go for the register of people, admin.go for users, teams and the
// access log, auth.go for signing in and one's own account. It names its
// routes, the links it adds to the service navigation, and what its templates
// need: they live in templates/<name>/ and may call the shared template
// functions (see sharedFuncs) and the module's own funcs, such as the labels
// of its code lists. Server.modules is the one place the modules are named.
type module struct {
	// name is the module's templates folder under templates/; "" is the
	// folder itself, which holds the layout and the pages every user sees.
	name   string
	routes []route
	nav    []navLink
	funcs  template.FuncMap
	// dateFields are the fields the module's forms draw as three boxes
	// (date-input): an error summary links to such a field's day box. A name
	// matches the field itself or the last part of a path such as
	// "addresses.0.start_date".
	dateFields []string
	// kinds names the kinds of record the module keeps, as the auditor's
	// pages show the access log's lines about them.
	kinds map[store.Kind]string
}

// route is one page of a module: a signed-in page (page), or a route anyone
// may use, signed in or not (public).
type route struct {
	method, pattern string
	nav             string // the navigation item a signed-in page shows as current
	page            pageFunc
	public          http.Handler
	// upload, for a page that takes a form with a file, says how large and
	// who may send one; nil: the page takes url-encoded forms only.
	upload *uploadRule
}

// uploadRule is what a page that takes a file allows: a multipart body of
// at most max bytes, from a user whose role allows the action. Both are
// checked before the body is read, so nobody else can make the server read
// and keep megabytes.
type uploadRule struct {
	max    int64
	action access.Action
}

// signedInRoute is a page for a signed-in user; nav is the navigation item it
// marks as current.
func signedInRoute(method, pattern, nav string, h pageFunc) route {
	return route{method: method, pattern: pattern, nav: nav, page: h}
}

// uploadRoute is a signed-in page that takes a form with a file, of at
// most max bytes in all, posted as multipart/form-data by a user whose role
// allows the action (as well as url-encoded forms of the usual size).
func uploadRoute(pattern, nav string, max int64, action access.Action, h pageFunc) route {
	return route{method: http.MethodPost, pattern: pattern, nav: nav, page: h, upload: &uploadRule{max, action}}
}

// publicRoute is a route that needs no sign-in.
func publicRoute(method, pattern string, h http.Handler) route {
	return route{method: method, pattern: pattern, public: h}
}

// navLink is a link in the service navigation, shown to users whose role
// allows the action and, where show is set, of whom it is true.
type navLink struct {
	key, label, href string
	action           access.Action
	show             func(access.Principal) bool
}

// modules lists the parts of the service. Adding a module is adding its file,
// its templates folder and its line here; its routes, navigation, labels and
// template functions stay in its own file.
func (s *Server) modules() []module {
	return []module{s.coreModule(), s.peopleModule(), s.journeyModule(), s.educationModule(), s.carersModule(), s.programmeModule(), s.familiesModule(), s.adminModule(), s.briefingModule(), s.cmeModule(), s.ssoModule(), s.performanceModule(), s.returnsModule(), s.returnCheckModule(), s.schoolingModule()}
}

// Routes lists every page, module by module. Each signed-in route goes
// through s.signedIn, which loads the session, checks the CSRF token on every
// POST and hands the handler an actor; public routes do neither.
func (s *Server) Routes() []httpx.Route {
	var out []httpx.Route
	for _, m := range s.mods {
		for _, rt := range m.routes {
			if rt.public != nil {
				out = append(out, httpx.Route{Method: rt.method, Pattern: rt.pattern, Handler: rt.public, Public: true})
				continue
			}
			out = append(out, httpx.Route{Method: rt.method, Pattern: rt.pattern, Handler: s.signedIn(rt.nav, rt.upload, rt.page)})
		}
	}
	return out
}

// nav builds the service navigation for what the principal may do: home,
// each module's links, then the user's own account.
func (s *Server) nav(p access.Principal, current string) []NavItem {
	items := []NavItem{{Label: "Home", Href: "/", Current: current == "home"}}
	for _, m := range s.mods {
		for _, l := range m.nav {
			if access.Can(p, l.action) && (l.show == nil || l.show(p)) {
				items = append(items, NavItem{Label: l.label, Href: l.href, Current: l.key == current})
			}
		}
	}
	return append(items, NavItem{Label: "Your account", Href: "/account", Current: current == "account"})
}

// sharedFuncs are the template functions every module's templates may call.
// anchor, the link target of an error, depends on the module's date fields.
func sharedFuncs(a assets, loc *time.Location, dateFields []string) template.FuncMap {
	return template.FuncMap{
		"anchor": func(field string) string { return anchor(dateFields, field) },
		"asset": func(p string) string {
			if u, ok := a[p]; ok {
				return u
			}
			return "/static/" + p // not built: the page still renders, unstyled
		},
		"date":    func(d civil.Date) string { return d.Format() },
		"time":    func(t time.Time) string { return formatTime(t, loc) },
		"join":    strings.Join,
		"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) },
	}
}

// anchor is the id of the input an error summary link points at: the day box
// of a date, the input itself otherwise.
func anchor(dateFields []string, field string) string {
	for _, d := range dateFields {
		if field == d || strings.HasSuffix(field, "."+d) {
			return field + "-day"
		}
	}
	return field
}

// formatTime shows a moment in the council's zone.
func formatTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2 January 2006 at 15:04")
}

// parseTemplates parses each module's pages, each with the layout, the shared
// functions and the module's own. Two pages of one name, a module function
// that hides a shared one, or a template file no module claims is an error.
func parseTemplates(mods []module, a assets, loc *time.Location) (templates, error) {
	layout, err := template.New("layout").Funcs(sharedFuncs(a, loc, nil)).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	t := templates{}
	claimed := map[string]bool{"templates/layout.html": true}
	for _, m := range mods {
		funcs := sharedFuncs(a, loc, m.dateFields)
		for name, f := range m.funcs {
			if _, ok := funcs[name]; ok {
				return nil, fmt.Errorf("web: module %q: template function %q is a shared one", m.name, name)
			}
			funcs[name] = f
		}
		dir := path.Join("templates", m.name)
		pages, err := fs.Glob(templateFS, dir+"/*.html")
		if err != nil {
			return nil, err
		}
		for _, p := range pages {
			if claimed[p] {
				continue
			}
			claimed[p] = true
			name := strings.TrimSuffix(path.Base(p), ".html")
			if _, dup := t[name]; dup {
				return nil, fmt.Errorf("web: two templates named %q", name)
			}
			c, err := layout.Clone()
			if err != nil {
				return nil, err
			}
			if _, err := c.Funcs(funcs).ParseFS(templateFS, p); err != nil {
				return nil, fmt.Errorf("web: template %s: %w", p, err)
			}
			t[name] = c
		}
	}
	all, err := fs.Glob(templateFS, "templates/*/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if !claimed[p] {
			return nil, fmt.Errorf("web: template %s belongs to no module", p)
		}
	}
	return t, nil
}
