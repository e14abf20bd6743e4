package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"hearth/internal/errs"
	"hearth/internal/httpx"
)

// errorResponse is the body of every error the API returns.
type errorResponse struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code      errs.Code    `json:"code"`
	Message   string       `json:"message"`
	Fields    []errs.Field `json:"fields,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
}

// statusError gives an error a status other than the one its code maps to,
// for the few answers HTTP has its own status for (415) that errs has no code
// for.
type statusError struct {
	status int
	err    error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// writeError writes err as the API's one error body, with the status that
// httpx.Status gives its code. A fault of ours (any 5xx) is logged with the
// request id and shown only as a generic message quoting that id, so nothing
// internal reaches the caller. The log line names the route pattern, never
// the path or query, which may hold a search for a child's name.
func (x *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := errs.CodeOf(err)
	status := httpx.Status(code)
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	id := httpx.RequestID(r.Context())
	if id == "" {
		id = httpx.RequestID(httpx.WithRequestID(r).Context())
	}
	body := errorBody{Code: code, RequestID: id}
	if e := errs.As(err); e != nil {
		body.Message, body.Fields = e.Message, e.Fields
	}
	if status >= 500 || body.Message == "" {
		x.log.ErrorContext(r.Context(), "api: request failed",
			slogRequestID, id, "route", r.Pattern, "status", status, "error", err.Error())
		status = http.StatusInternalServerError
		body = errorBody{
			Code:      errs.Internal,
			Message:   "Something went wrong on our side and the request was not completed. If it happens again, contact support and quote reference " + id,
			RequestID: id,
		}
	}
	if code == errs.Unauthenticated {
		challenge := `Bearer realm="hearth"`
		if r.Header.Get("Authorization") != "" {
			challenge += `, error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", challenge)
	}
	x.writeJSON(w, r, status, errorResponse{Error: body})
}

// slogRequestID is the log attribute the request id goes under, the same as
// the server's request log.
const slogRequestID = "request_id"

// writeJSON writes v as the response body. It encodes before writing anything,
// so a value that cannot be encoded becomes a clean 500, not half a body.
func (x *API) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		x.log.ErrorContext(r.Context(), "api: could not encode a response",
			slogRequestID, httpx.RequestID(r.Context()), "route", r.Pattern, "error", err.Error())
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"Something went wrong on our side and the request was not completed."}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// noContent answers a request that has nothing to return.
func noContent(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}
