package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"hearth/internal/access"
	"hearth/internal/errs"
)

// templateFS holds the layout and each module's pages (see module).
//
//go:embed templates
var templateFS embed.FS

// staticFS holds app.css and app.js (committed) and govuk/ (copied from the
// npm package by scripts/assets at build time).
//
//go:embed all:static
var staticFS embed.FS

// Page is what every page's layout needs.
type Page struct {
	Title  string
	User   *access.User
	CSRF   string
	Errors []errs.Field
	Nav    []NavItem
	Flash  string
}

// NavItem is one link in the service navigation.
type NavItem struct {
	Label, Href string
	Current     bool
}

// ErrorFor returns the error for a field, if any.
func (p Page) ErrorFor(field string) *errs.Field {
	for i := range p.Errors {
		if p.Errors[i].Field == field {
			return &p.Errors[i]
		}
	}
	return nil
}

// assets maps a static file's path to its URL with a content hash, so that
// browsers may cache assets for ever and still see a new release at once.
type assets map[string]string

func hashAssets() (assets, error) {
	a := assets{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel := strings.TrimPrefix(p, "static/")
		a[rel] = "/static/" + rel + "?v=" + hex.EncodeToString(sum[:6])
		return nil
	})
	return a, err
}

// templates holds one parsed template set per page, each with the layout.
type templates map[string]*template.Template

// render writes a page with the given status. The page is rendered to a
// buffer first, so that a template error becomes a clean 500 rather than half
// a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) error {
	t, ok := s.tmpl[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}
