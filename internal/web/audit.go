package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// option is one choice of a filter's drop-down.
type option struct{ Value, Label string }

// actionLabels name the access log's actions for the auditor; the modules
// name the kinds of record they keep (module.kinds). A test checks that each
// action and kind in the store's lists has a label.
var (
	actionLabels = map[store.AccessAction]string{
		store.LogRead:           "Opened a record",
		store.LogHistory:        "Read a record's history",
		store.LogBreakGlass:     "Opened a record without a relationship",
		store.LogSearch:         "Searched",
		store.LogDuplicateCheck: "Checked for duplicates",
		store.LogBulkRead:       "Read a list of children",
		store.LogExport:         "Exported records",
		store.LogCreate:         "Added",
		store.LogUpdate:         "Changed",
		store.LogGrant:          "Opened a restricted record to a user",
		store.LogRestrict:       "Restricted a record",
		store.LogUnrestrict:     "Lifted a restriction",
		store.LogUserCreate:     "Added a user",
		store.LogUserUpdate:     "Changed a user",
		store.LogUserRoles:      "Changed a user's roles",
		store.LogTokenCreate:    "Created an API token",
		store.LogTokenRevoke:    "Revoked an API token",
		store.LogSignIn:         "Signed in",
		store.LogDenied:         "Refused",
	}
	actionOptions = optionsOf(store.AccessActions, actionLabels)
)

func optionsOf[T ~string](values []T, labels map[T]string) []option {
	out := make([]option, 0, len(values))
	for _, v := range values {
		out = append(out, option{Value: string(v), Label: labelOf(labels, v)})
	}
	return out
}

// labelOf is a value's label, or the value itself if it has none.
func labelOf[T ~string](labels map[T]string, v T) string {
	if l, ok := labels[v]; ok {
		return l
	}
	return string(v)
}

func (s *Server) kindLabel(k store.Kind) string { return labelOf(s.kinds, k) }
func (s *Server) kindOptions() []option         { return optionsOf(store.RecordKinds, s.kinds) }
func actionLabel(a store.AccessAction) string   { return labelOf(actionLabels, a) }

type breakGlassReportPage struct {
	Page
	F        *form
	From, To DateValue
	Report   app.BreakGlassReport
}

// breakGlass is the auditor's page of accesses made by breaking the glass,
// by user and ISO week.
func (s *Server) breakGlass(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	p := &breakGlassReportPage{Page: r.page, From: dateValue(q, "from"), To: dateValue(q, "to")}
	p.Title = "Records opened without a relationship"
	p.F = newForm(&p.Page)
	var bad errs.Fields
	from, to := p.From.parse("from", "From", &bad), p.To.parse("to", "To", &bad)
	if len(bad) > 0 {
		// A user who may not read the log learns nothing from the dates'
		// errors; the refusal is logged.
		if err := s.require(r, access.ReadAccessLog, "You do not have permission to read the access log"); err != nil {
			return err
		}
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "break-glass-report", p)
	}
	rep, err := s.app.BreakGlassByWeek(r.Context(), r.actor, from, to)
	if p.F.take(err) {
		return s.render(w, http.StatusUnprocessableEntity, "break-glass-report", p)
	}
	if err != nil {
		return err
	}
	p.Report = rep
	if p.From.Empty() && p.To.Empty() {
		p.From, p.To = dateValueOf(rep.From), dateValueOf(rep.To)
	}
	return s.render(w, http.StatusOK, "break-glass-report", p)
}

// ISOWeek writes the week as ISO 8601 does: 2026-W05.

// breakGlassLines links a row of the report to its lines on the access log
// page: that user's break-the-glass lines in that week.
func breakGlassLines(w app.BreakGlassWeek) string {
	v := url.Values{"user_id": {strconv.FormatInt(int64(w.UserID), 10)}, "action": {string(store.LogBreakGlass)}}
	for name, d := range map[string]civil.Date{"from": w.Monday, "to": w.Monday.AddDays(6)} {
		v.Set(name+"-day", strconv.Itoa(d.Day))
		v.Set(name+"-month", strconv.Itoa(int(d.Month)))
		v.Set(name+"-year", strconv.Itoa(d.Year))
	}
	return "/audit?" + v.Encode()
}

// filterInput is a drop-down of a filter, whose empty choice is "Any".
type filterInput struct {
	Name, Label, Value string
	Options            []option
	Error              *errs.Field
}

// Filter is a filter's drop-down.
func (f *form) Filter(name, label, value string, options []option) filterInput {
	return filterInput{Name: name, Label: label, Value: value, Options: options, Error: f.page.ErrorFor(name)}
}

// require checks, before a page is drawn, a permission that does not depend
// on a record; a refusal is written to the access log as the use case's
// would be (a partner opening the search page). msg is what the user is told.
func (s *Server) require(r *request, act access.Action, msg string) error {
	err := s.app.Require(r.Context(), r.actor, act)
	if errs.Is(err, errs.Forbidden) {
		return errs.E(errs.Forbidden, "%s", msg)
	}
	return err
}
