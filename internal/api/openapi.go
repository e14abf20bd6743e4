package api

import (
	_ "embed"
	"net/http"
)

// openAPIDocument describes every route in Routes. A test checks that the two
// list the same paths and methods, so the document cannot drift from the code.
//
//go:embed openapi.json
var openAPIDocument []byte

// openAPI: GET /api/openapi.json. It is public, so that a client can be
// generated before anyone has a token.
func (x *API) openAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(openAPIDocument)
}
