package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
)

// The administrator's page of the council's term dates, on which the
// exclusion clocks count school days. Terms are typed one to a line, as a
// first and last day; closures (half-term breaks, training days the whole
// area shares) one day or one run of days to a line. An error names the
// line it is on.

// termDatesPath is the page's address.
const termDatesPath = "/admin/term-dates"

type termDatesView struct {
	Page
	app.SchoolCalendarPage
	F                       *form
	Terms, Closures, Reason string
	Version                 int
	Conflict                bool
}

func (s *Server) termDatesPage(r *request) (*termDatesView, error) {
	if err := s.require(r, access.ManageSettings, "You do not have permission to change the term dates"); err != nil {
		return nil, err
	}
	sp, err := s.app.SchoolCalendarSetting(r.Context(), r.actor)
	if err != nil {
		return nil, err
	}
	p := &termDatesView{Page: r.page, SchoolCalendarPage: sp, Version: sp.Version,
		Terms: termLines(sp.Calendar.Terms), Closures: closureLines(sp.Calendar.Closures)}
	p.F = newForm(&p.Page)
	p.Title = "Term dates"
	return p, nil
}

func (s *Server) termDates(w http.ResponseWriter, r *request) error {
	p, err := s.termDatesPage(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("saved") == "1" {
		p.Flash = "Term dates saved"
	}
	return s.render(w, http.StatusOK, "term-dates", p)
}

// termDatesPost saves the term dates from the version the page was opened
// at; a change someone else saved since is not overwritten, and the page
// keeps what was typed.
func (s *Server) termDatesPost(w http.ResponseWriter, r *request) error {
	p, err := s.termDatesPage(r)
	if err != nil {
		return err
	}
	v, err := postedVersion(r, 0, "the term dates", "Open the page and start again")
	if err != nil {
		return err
	}
	current := p.Version
	p.Version, p.Terms, p.Closures, p.Reason = v, r.PostForm.Get("terms"), r.PostForm.Get("closures"), r.PostForm.Get("reason")
	cal, termAt, closureAt, bad := readCalendar(p.Terms, p.Closures)
	if len(bad) > 0 {
		p.Errors = bad
		return s.render(w, http.StatusUnprocessableEntity, "term-dates", p)
	}
	err = s.app.SetSchoolCalendar(r.Context(), r.actor, cal, v, p.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r.Request, termDatesPath+"?saved=1", http.StatusSeeOther)
		return nil
	case staleVersion(err):
		p.Conflict, p.Version = true, current
		p.Title = "Someone else has changed the term dates"
		return s.render(w, http.StatusConflict, "term-dates", p)
	case !p.F.take(err):
		return err
	}
	// The use case names a term or closure by its place in the calendar:
	// the page names the line it was typed on.
	for i, f := range p.Errors {
		var n int
		switch {
		case scanIndex(f.Field, "terms[", &n) && n < len(termAt):
			p.Errors[i] = errs.Field{Field: "terms", Message: fmt.Sprintf("Line %d: %s", termAt[n], f.Message)}
		case scanIndex(f.Field, "closures[", &n) && n < len(closureAt):
			p.Errors[i] = errs.Field{Field: "closures", Message: fmt.Sprintf("Line %d: %s", closureAt[n], f.Message)}
		}
	}
	return s.render(w, http.StatusUnprocessableEntity, "term-dates", p)
}

// scanIndex reads the index of a field named prefix + "N]...".
func scanIndex(field, prefix string, n *int) bool {
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return false
	}
	num, _, ok := strings.Cut(rest, "]")
	v, err := strconv.Atoi(num)
	*n = v
	return ok && err == nil
}

// lineDate is a date as the page takes it: day, month and year, separated
// by spaces, slashes or hyphens (3 9 2026, 3/9/2026), or ISO 8601
// (2026-09-03).
var lineDate = regexp.MustCompile(`^(\d{1,2})[ /.-](\d{1,2})[ /.-](\d{4})$|^(\d{4})-(\d{2})-(\d{2})$`)

func parseLineDate(s string) (civil.Date, bool) {
	m := lineDate.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return civil.Date{}, false
	}
	day, month, year := m[1], m[2], m[3]
	if m[4] != "" {
		day, month, year = m[6], m[5], m[4]
	}
	d, _ := strconv.Atoi(day)
	mo, _ := strconv.Atoi(month)
	y, _ := strconv.Atoi(year)
	date, err := civil.New(y, time.Month(mo), d)
	return date, err == nil
}

// readCalendar reads the typed lines into a calendar, with the line of
// each term and closure (for the use case's errors) and the errors of
// lines that do not read. Blank lines are skipped; a closure line that is
// a run of days ("27 10 2025 to 31 10 2025") is each weekday in it.
func readCalendar(terms, closures string) (cal education.SchoolCalendar, termAt, closureAt []int, bad errs.Fields) {
	span := func(line string) (from, to civil.Date, ok bool) {
		a, b, isRun := strings.Cut(line, " to ")
		if from, ok = parseLineDate(a); !ok {
			return
		}
		to = from
		if isRun {
			to, ok = parseLineDate(b)
		}
		return from, to, ok
	}
	for i, line := range strings.Split(terms, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		from, to, ok := span(line)
		if !ok || !strings.Contains(line, " to ") {
			bad.Add("terms", "Line %d: write a term as its first and last day, such as 3 9 2026 to 18 12 2026", i+1)
			continue
		}
		cal.Terms = append(cal.Terms, education.Term{Start: from, End: to})
		termAt = append(termAt, i+1)
	}
	for i, line := range strings.Split(closures, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		from, to, ok := span(line)
		if !ok || to.Before(from) || to.DaysSince(from) > 31 {
			bad.Add("closures", "Line %d: write a closure as a day, such as 6 11 2026, or a run of up to a month, such as 26 10 2026 to 30 10 2026", i+1)
			continue
		}
		for d := from; !d.After(to); d = d.AddDays(1) {
			if wd := d.Weekday(); wd != 0 && wd != 6 {
				cal.Closures = append(cal.Closures, d)
				closureAt = append(closureAt, i+1)
			}
		}
	}
	return cal, termAt, closureAt, bad
}

// termLines and closureLines write a calendar as the page's lines; a run of
// consecutive weekdays closed is one line.
func termLines(ts []education.Term) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s to %s\n", lineOf(t.Start), lineOf(t.End))
	}
	return b.String()
}

func closureLines(ds []civil.Date) string {
	var b strings.Builder
	for i := 0; i < len(ds); {
		j := i
		for j+1 < len(ds) && nextWeekday(ds[j]) == ds[j+1] {
			j++
		}
		if j == i {
			fmt.Fprintf(&b, "%s\n", lineOf(ds[i]))
		} else {
			fmt.Fprintf(&b, "%s to %s\n", lineOf(ds[i]), lineOf(ds[j]))
		}
		i = j + 1
	}
	return b.String()
}

func nextWeekday(d civil.Date) civil.Date {
	d = d.AddDays(1)
	for d.Weekday() == 0 || d.Weekday() == 6 {
		d = d.AddDays(1)
	}
	return d
}

func lineOf(d civil.Date) string { return fmt.Sprintf("%d %d %d", d.Day, d.Month, d.Year) }
