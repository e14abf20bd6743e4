// Package web serves Hearth's pages: server-rendered HTML with GOV.UK Frontend,
// working without JavaScript. Handlers parse forms, call one use case in
// package app and render the result; they hold no business rules.
package web

import (
	"crypto/subtle"
	"errors"
	"hearth/internal/civil"
	"io/fs"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/httpx"
	"hearth/internal/store"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "hearth_session"

// Server serves the pages.
type Server struct {
	app    *app.App
	log    *slog.Logger
	tmpl   templates
	assets assets
	mods   []module              // from modules(), in the order of the navigation
	kinds  map[store.Kind]string // the modules' labels of their kinds of record
}

// New hashes the assets, puts the modules together and parses their
// templates.
func New(a *app.App, log *slog.Logger) (*Server, error) {
	as, err := hashAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{app: a, log: log, assets: as}
	s.mods = s.modules()
	s.kinds = map[store.Kind]string{}
	for _, m := range s.mods {
		maps.Copy(s.kinds, m.kinds)
	}
	s.tmpl, err = parseTemplates(s.mods, as, civil.London)
	if err != nil {
		return nil, err
	}
	if _, ok := as["govuk/govuk-frontend.min.css"]; !ok {
		log.Warn("GOV.UK Frontend is not built into this binary: pages will be unstyled; run scripts/assets before go build")
	}
	return s, nil
}

// request is what a signed-in page handler gets: the actor and the page base.
type request struct {
	*http.Request
	actor   app.Actor
	page    Page
	session store.Session
}

type pageFunc func(w http.ResponseWriter, r *request) error

// show is the GET handler of a form page: build the page (which checks the
// user may see it), then draw it.
func show[P any](s *Server, template string, build func(*request) (P, error)) pageFunc {
	return func(w http.ResponseWriter, r *request) error {
		p, err := build(r)
		if err != nil {
			return err
		}
		return s.render(w, http.StatusOK, template, p)
	}
}

// staticHandler serves embedded assets. Asset URLs carry a content hash, so
// they may be cached for a year.
func staticHandler(static fs.FS) http.Handler {
	files := http.FileServerFS(static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "" {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		files.ServeHTTP(w, r)
	})
}

// signedIn wraps a page that needs a session.
func (s *Server) signedIn(current string, upload int64, h pageFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setPageHeaders(w)
		var secret string
		if c, err := r.Cookie(SessionCookie); err == nil {
			secret = c.Value
		}
		p, sess, err := s.app.Session(r.Context(), secret)
		if err != nil {
			if errs.Is(err, errs.Unauthenticated) {
				clearCookie(w, r)
				s.toSignIn(w, r)
				return
			}
			s.fail(w, r, nil, err)
			return
		}
		if r.Method == http.MethodPost {
			parse := parseForm
			if upload > 0 && isMultipart(r) {
				parse = func(w http.ResponseWriter, r *http.Request) error { return parseUpload(w, r, upload) }
			}
			if err := parse(w, r); err != nil {
				s.fail(w, r, nil, err)
				return
			}
			got := r.PostForm.Get("csrf_token")
			if subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRF)) != 1 || got == "" {
				s.fail(w, r, nil, errs.E(errs.Forbidden, "This form has expired or did not come from Hearth. Go back, reload the page and try again"))
				return
			}
		}
		u := p.User
		req := &request{
			Request: r,
			actor:   app.Actor{Principal: p, Remote: httpx.RemoteAddr(r), Route: r.Pattern},
			page:    Page{User: &u, CSRF: sess.CSRF, Nav: s.nav(p, current)},
			session: sess,
		}
		if err := h(w, req); err != nil {
			s.fail(w, r, &req.page, err)
		}
	})
}

// maxForm is the most a form's body may hold. Hearth's largest form, a
// person's record with several addresses, is a few kilobytes; a reason is
// at most 500 characters.
const maxForm = 64 << 10

// parseForm reads a posted form, refusing a body over maxForm before reading
// more of it, so that nobody can make the server read, hold and echo back
// megabytes.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return errs.E(errs.TooLarge, "The form was too large to be sent (more than %d KB). Go back, shorten what you typed and try again", maxForm>>10)
		}
		return errs.E(errs.BadRequest, "The form could not be read")
	}
	return nil
}

// isMultipart reports whether a request's body is a form with files.
func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// uploadMemory is how much of an upload is held in memory; the rest of a
// file waits in a temporary file, which the server removes when the
// request ends.
const uploadMemory = 8 << 20

// parseUpload reads a form with files of at most max bytes in all, refusing
// a larger body before reading more of it. Its fields join r.PostForm, so
// the CSRF check is the same as every form's.
func parseUpload(w http.ResponseWriter, r *http.Request, max int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, max)
	if err := r.ParseMultipartForm(min(max, uploadMemory)); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return errs.E(errs.TooLarge, "The file was too large (more than %d MB). Go back and choose a smaller file", max>>20)
		}
		return errs.E(errs.BadRequest, "The form and its file could not be read")
	}
	return nil
}

// public wraps a page that needs no session.
func (s *Server) public(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setPageHeaders(w)
		if err := h(w, r); err != nil {
			s.fail(w, r, nil, err)
		}
	})
}

// setPageHeaders stops pages with personal data being cached or framed.
func setPageHeaders(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}

func (s *Server) toSignIn(w http.ResponseWriter, r *http.Request) {
	next := "/"
	if r.Method == http.MethodGet {
		next = r.URL.RequestURI()
	}
	http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(next), http.StatusSeeOther)
}

type errorPage struct {
	Page
	Heading string
	Message string
	ID      string
}

// fail writes the page for an error. Details of internal errors are logged
// with the request id, never shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, base *Page, err error) {
	code := errs.CodeOf(err)
	if code == errs.Unauthenticated {
		clearCookie(w, r)
		s.toSignIn(w, r)
		return
	}
	p := errorPage{ID: httpx.RequestID(r.Context())}
	if base != nil {
		p.Page = *base
		p.Page.Errors = nil
	}
	var e *errs.Error
	switch {
	case code == errs.NotFound:
		p.Title, p.Heading, p.Message = "Page not found", "Page not found", "There is nothing here that you can see. If you typed the web address, check it is correct."
	case code == errs.Forbidden || code == errs.ReasonRequired:
		p.Title, p.Heading = "You cannot do this", "You cannot do this"
		if errors.As(err, &e) {
			p.Message = e.Message
		}
	case code == errs.Internal:
		s.log.ErrorContext(r.Context(), "page failed", "route", r.Pattern, "err", err.Error())
		p.Title, p.Heading, p.Message = "Sorry, there is a problem with the service", "Sorry, there is a problem with the service", "Try again later. Nothing you entered has been saved."
	default:
		p.Title, p.Heading = "There is a problem", "There is a problem"
		if errors.As(err, &e) {
			p.Message = e.Message
		}
	}
	if rerr := s.render(w, httpx.Status(code), "error", p); rerr != nil {
		s.log.ErrorContext(r.Context(), "error page failed", "err", rerr.Error())
		http.Error(w, p.Heading, httpx.Status(code))
	}
}

func secureRequest(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
}

func clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: secureRequest(r), SameSite: http.SameSiteLaxMode, Expires: time.Unix(0, 0),
	})
}

// NotFound writes the "page not found" page for a path that no route matches.
func (s *Server) NotFound(w http.ResponseWriter, r *http.Request) {
	setPageHeaders(w)
	s.fail(w, r, nil, errs.E(errs.NotFound, "Page not found"))
}
