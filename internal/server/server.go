// Package server joins the pages, the JSON API and the operations endpoints
// into one HTTP handler with the middleware every request passes through:
// panic recovery, request ids, security headers, cross-origin protection,
// logging and metrics.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"hearth/internal/api"
	"hearth/internal/app"
	"hearth/internal/httpx"
	"hearth/internal/metrics"
	"hearth/internal/web"
)

// Handler is the whole HTTP surface and the list of its routes.
type Handler struct {
	http.Handler
	Routes  []httpx.Route
	Metrics *metrics.Registry
}

// New builds the handler for an app. Every line it logs with a request's
// context carries the request id.
func New(a *app.App, log *slog.Logger) (*Handler, error) {
	log = slog.New(httpx.LogHandler{Handler: log.Handler()})
	w, err := web.New(a, log)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	reg := metrics.New()
	routes := append(w.Routes(), api.New(a, log).Routes()...)
	routes = append(routes, opsRoutes(a, reg)...)
	mux := http.NewServeMux()
	for _, rt := range routes {
		pattern := rt.Method + " " + rt.Pattern
		mux.Handle(pattern, instrument(log, reg, pattern, rt.Handler))
	}
	mux.Handle("/", instrument(log, reg, "not found", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			rw.Header().Set("Content-Type", "application/json; charset=utf-8")
			rw.WriteHeader(http.StatusNotFound)
			fmt.Fprintln(rw, `{"error":{"code":"not_found","message":"There is no such API path","fields":[]}}`)
			return
		}
		w.NotFound(rw, r)
	})))
	cop := http.NewCrossOriginProtection()
	var h http.Handler = cop.Handler(mux)
	h = securityHeaders(a, h)
	h = recoverPanics(log, h)
	h = requestID(h)
	return &Handler{Handler: h, Routes: routes, Metrics: reg}, nil
}

func opsRoutes(a *app.App, reg *metrics.Registry) []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Pattern: "/healthz", Public: true, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprintln(w, "ok")
		})},
		{Method: "GET", Pattern: "/readyz", Public: true, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			defer cancel()
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			if err := a.Store.Ping(ctx); err != nil {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintln(w, "store not reachable")
				return
			}
			fmt.Fprintln(w, "ready")
		})},
		{Method: "GET", Pattern: "/metrics", Public: true, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
			_ = reg.Write(w)
		})},
	}
}

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = httpx.WithRequestID(r)
		w.Header().Set("X-Request-Id", httpx.RequestID(r.Context()))
		next.ServeHTTP(w, r)
	})
}

// securityHeaders forbids framing, inline script and sniffing, and keeps
// referrers (which may carry record ids) on this site. Forms post only to
// Hearth; with single sign-on, the sign-out form's redirect may go on to the
// council's provider, which browsers check against form-action too.
func securityHeaders(a *app.App, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		formAction := "'self'"
		if a.SSO != nil {
			formAction = strings.Join(append([]string{formAction}, a.SSO.FormActionOrigins()...), " ")
		}
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action "+formAction+"; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "panic", fmt.Sprint(v))
				http.Error(w, "Sorry, there is a problem with the service. Reference: "+httpx.RequestID(r.Context()), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// instrument logs one line per request and counts it. It names the route
// pattern, never the path or query, so that no child's details reach a log.
func instrument(log *slog.Logger, reg *metrics.Registry, pattern string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		reg.Observe(pattern, r.Method, sw.status, d)
		log.InfoContext(r.Context(), "request", "route", pattern, "status", sw.status, "ms", float64(d.Microseconds())/1000)
	})
}
