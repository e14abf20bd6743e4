// Package httpx holds what the web pages, the JSON API and the server that
// joins them share: the route type, the request id and the caller's address.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"

	"hearth/internal/errs"
)

// Route is one method and path pattern (net/http ServeMux syntax, such as
// "GET /people/{id}") and its handler. The pages and the API each join their
// modules' routes in one Routes function, so that every route can be walked
// by the authorisation tests.
type Route struct {
	Method  string
	Pattern string // the path part, such as /people/{id}
	Handler http.Handler
	// Public routes need no sign-in (the sign-in page, health checks, assets).
	Public bool
}

type ctxKey int

const requestIDKey ctxKey = 0

// WithRequestID gives a request an id, taken from a trusted proxy's
// X-Request-Id header when it looks sane, made up otherwise.
func WithRequestID(r *http.Request) *http.Request {
	id := r.Header.Get("X-Request-Id")
	if len(id) == 0 || len(id) > 64 || !printable(id) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	return r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// RequestID returns the request's id, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// RemoteAddr is the caller's IP address as this server saw it. Behind a
// proxy it is the proxy's; OPERATIONS.md says how to keep the real one.
func RemoteAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Status maps an error code to its HTTP status. It is the one place where
// that mapping lives.
func Status(code errs.Code) int {
	switch code {
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.BadRequest:
		return http.StatusBadRequest
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Conflict:
		return http.StatusConflict
	case errs.Unauthenticated:
		return http.StatusUnauthorized
	case errs.Forbidden, errs.ReasonRequired:
		return http.StatusForbidden
	case errs.TooMany:
		return http.StatusTooManyRequests
	case errs.TooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// LogHandler adds the request id, when the context has one, to every log
// line written with a context, so that one request's lines can be found
// together.
type LogHandler struct{ slog.Handler }

// Handle adds request_id and passes the record on.
func (h LogHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		has := false
		r.Attrs(func(a slog.Attr) bool {
			has = a.Key == "request_id"
			return !has
		})
		if !has {
			r.AddAttrs(slog.String("request_id", id))
		}
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the wrapper around the derived handler.
func (h LogHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return LogHandler{h.Handler.WithAttrs(as)}
}

// WithGroup keeps the wrapper around the derived handler.
func (h LogHandler) WithGroup(name string) slog.Handler {
	return LogHandler{h.Handler.WithGroup(name)}
}
