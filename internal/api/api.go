// Package api is Hearth's JSON API under /api/v1, and the OpenAPI document
// that describes it. It offers the same use cases as the web pages by calling
// the same functions in package app, so every rule, permission check and
// access-log line is shared; this package only translates HTTP and JSON.
//
// Callers authenticate with a personal API token sent as
// "Authorization: Bearer hearth_...". There are no cookies, so there is no
// cross-site request forgery to guard against.
package api

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/httpx"
)

// prefix is where the versioned API lives.
const prefix = "/api/v1"

// API serves the JSON API.
type API struct {
	app *app.App
	log *slog.Logger
}

// New returns the API over an application. log receives internal errors.
func New(a *app.App, log *slog.Logger) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{app: a, log: log}
}

// handler is an API handler: it writes a response, or returns an error for
// writeError to write.
type handler func(w http.ResponseWriter, r *http.Request, ac app.Actor) error

// route is one route of a module of the API: a method, a path under /api/v1
// and its handler, which runs for a caller with a valid token.
type route struct {
	method, pattern string
	h               handler
}

// modules lists the API's modules, each of whose routes is declared in its
// own file (people.go, journey.go, admin.go). Adding a module is adding its
// file and its line here.
func (x *API) modules() [][]route {
	return [][]route{x.peopleRoutes(), x.journeyRoutes(), x.educationRoutes(), x.cmeRoutes(), x.carersRoutes(), x.programmeRoutes(), x.claimRoutes(), x.adminRoutes(), x.accountRoutes(), x.briefingRoutes(), x.indicatorRoutes(), x.returnRoutes(), x.returnCheckRoutes()}
}

// Routes lists every route of the API: the OpenAPI document, then each
// module's. The OpenAPI test checks that the document describes exactly these.
func (x *API) Routes() []httpx.Route {
	routes := []httpx.Route{
		{Method: http.MethodGet, Pattern: "/api/openapi.json", Handler: http.HandlerFunc(x.openAPI), Public: true},
	}
	for _, m := range x.modules() {
		for _, rt := range m {
			pattern := prefix + rt.pattern
			routes = append(routes, httpx.Route{Method: rt.method, Pattern: pattern, Handler: x.authenticated(rt.method+" "+pattern, rt.h)})
		}
	}
	return routes
}

// errNoToken is the answer to a request without a bearer token.
var errNoToken = errs.E(errs.Unauthenticated, "Send a personal API token in the Authorization header: Bearer hearth_...")

// authenticated wraps a handler with token authentication. route is the
// method and pattern, recorded in the access log instead of the path, whose
// query string may hold a search for a child's name.
func (x *API) authenticated(route string, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret, ok := bearer(r.Header.Get("Authorization"))
		if !ok {
			x.writeError(w, r, errNoToken)
			return
		}
		p, err := x.app.TokenPrincipal(r.Context(), secret)
		if err != nil {
			x.writeError(w, r, err)
			return
		}
		ac := app.Actor{Principal: p, Remote: httpx.RemoteAddr(r), Route: route}
		if err := h(w, r, ac); err != nil {
			x.writeError(w, r, err)
		}
	})
}

// bearer returns the token of an "Authorization: Bearer <token>" header. The
// scheme is matched without regard to case, as RFC 9110 says.
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// errNotFound is the answer for a path id that cannot name a record.
var errNotFound = errs.E(errs.NotFound, "There is no record with this id that you can see")

// pathID reads the {id} path value: a positive whole number in plain decimal
// digits. Anything else cannot name a record, so it is not found.
func pathID(r *http.Request) (int64, error) { return pathInt(r, "id") }

// pathInt reads the path's wildcard name as a record id: digits only, 1 or
// more. Anything else is a record that does not exist.
func pathInt(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	if s == "" || len(s) > 19 {
		return 0, errNotFound
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errNotFound
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, errNotFound
	}
	return n, nil
}
