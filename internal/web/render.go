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
	"path"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

//go:embed templates/*.html
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

// dateFields are the fields shown as three boxes, whose error link goes to
// the day box.
var dateFields = []string{"date_of_birth", "expected_date_of_birth", "date_of_death", "start_date", "end_date", "until"}

// anchor is the id of the input an error summary link points at.
func anchor(field string) string {
	for _, d := range dateFields {
		if field == d || strings.HasSuffix(field, "."+d) {
			return field + "-day"
		}
	}
	return field
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

func parseTemplates(a assets) (templates, error) {
	funcs := template.FuncMap{
		"anchor": anchor,
		"asset": func(p string) string {
			if u, ok := a[p]; ok {
				return u
			}
			return "/static/" + p // not built: the page still renders, unstyled
		},
		"date":        func(d civil.Date) string { return d.Format() },
		"time":        formatTime,
		"code":        codeLabel,
		"rel":         people.RelationshipLabel,
		"role":        access.RoleLabel,
		"join":        strings.Join,
		"involvement": access.InvolvementKindLabel,
		"rfc3339":     func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) },
		"kind":        kindLabel,
		"action":      actionLabel,
		"isoWeek":     isoWeek,
		"glassLines":  breakGlassLines,
	}
	layout, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := templates{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" {
			continue
		}
		c, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := c.ParseFS(templateFS, p); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		t[name] = c
	}
	return t, nil
}

// london is the zone times are shown in.
var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return l
}()

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(london).Format("2 January 2006 at 15:04")
}

// codeLabel shows a code with its label, or the code alone if unknown.
func codeLabel(list any, code string) string {
	if code == "" {
		return "Not recorded"
	}
	switch l := list.(type) {
	case people.CodeList:
		if s := l.Label(code); s != "" {
			return s
		}
	}
	return code
}

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
