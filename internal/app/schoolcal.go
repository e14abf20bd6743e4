package app

import (
	"context"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// The council's term dates: the calendar the exclusion clocks count school
// days on (the governing board's 15 school days, the sixth school day). A
// council that has entered none works by education.RuleCalendar, which
// the pages say; one that has works by its own alone, and a clock past its
// last term has no due date until the next year's terms are entered.

// SchoolCalendarPage is the term dates setting: the terms and closures as
// entered (none while the council works by the rule), the version, the
// rule's calendar for this school year and the next (what applies while
// none are entered), and every change, oldest first.
type SchoolCalendarPage struct {
	Calendar education.SchoolCalendar
	Version  int
	Rule     education.SchoolCalendar
	History  []store.Version[education.SchoolCalendar]
}

// ByRule reports whether the council works by the rule's calendar.
func (p SchoolCalendarPage) ByRule() bool { return len(p.Calendar.Terms) == 0 }

// SchoolCalendarSetting reads the term dates and their history: rules, not
// anything about a child, open to the roles that read the council's
// settings (access.ReadSettings), from the store so that a change starts
// from the latest version.
func (a *App) SchoolCalendarSetting(ctx context.Context, ac Actor) (SchoolCalendarPage, error) {
	if err := a.require(ctx, ac, access.ReadSettings); err != nil {
		return SchoolCalendarPage{}, err
	}
	var out SchoolCalendarPage
	var err error
	if out.Calendar, out.Version, err = a.Store.SchoolCalendar(ctx); err != nil {
		return SchoolCalendarPage{}, err
	}
	year := education.SchoolYear(a.Today())
	out.Rule = education.RuleCalendar(year, year+1)
	if out.History, err = a.Store.SchoolCalendarHistory(ctx); err != nil {
		return SchoolCalendarPage{}, err
	}
	return out, nil
}

// SetSchoolCalendar enters the council's term dates, as a new version with
// the reason; version is the one the administrator started from (0 if none
// were entered), and a change since is errs.Conflict with nothing written.
// The terms must pass education.SchoolCalendar.Validate, whose errors name
// the term or closure. An empty calendar returns the council to the rule.
// Administrators only (access.ManageSettings).
func (a *App) SetSchoolCalendar(ctx context.Context, ac Actor, cal education.SchoolCalendar, version int, reason string) error {
	if err := a.require(ctx, ac, access.ManageSettings); err != nil {
		return err
	}
	f := cal.Validate()
	reason, rerr := validReason(reason)
	if e := errs.As(rerr); e != nil {
		f = append(f, e.Fields...)
	}
	if version < 0 {
		f.Add("version", "Enter the version of the term dates you are changing")
	}
	if err := f.Err(); err != nil {
		return err
	}
	e := store.AccessEntry{Kind: store.KindSetting, Action: store.LogUpdate, Reason: "term dates: " + strconv.Itoa(len(cal.Terms)) + " terms", Note: reason}
	w, err := a.beginWrite(ctx, ac, e)
	if err != nil {
		return err
	}
	if _, err := a.Store.SetSchoolCalendar(ctx, cal, version, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason})); err != nil {
		return w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return nil
}

// schoolCalendar is the term dates as entered (empty: none, and the clocks
// count on the rule's, education.CalendarFor).
func (a *App) schoolCalendar(ctx context.Context) (education.SchoolCalendar, error) {
	cal, _, err := a.Store.SchoolCalendar(ctx)
	return cal, err
}

// exclusionClocks are the council's clocks on exclusion r (of records rs,
// the child's), counted on the council's term dates or the rule's
// (education.ExclusionDeadlines), with the child's other exclusions from
// the same school. A clock past the calendar's terms is left out.
func exclusionClocks(r education.Record, rs []education.Record, set education.SchoolCalendar) []education.Deadline {
	var others []education.Exclusion
	for _, o := range rs {
		if o.ID != r.ID && o.Kind == education.KindExclusion && o.Exclusion != nil && o.Exclusion.School == r.Exclusion.School {
			others = append(others, o.Exclusion.Exclusion)
		}
	}
	ds, _ := education.ExclusionDeadlines(r.Exclusion.Exclusion, others, education.CalendarFor(set, r.Exclusion.Start))
	return ds
}
