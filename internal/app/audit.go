package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// checkAccessQuery refuses a filter of the access log by a kind or action
// that is not in the log's lists: it would match nothing, which would look
// like a clean record.
func checkAccessQuery(q store.AccessQuery) error {
	var fields errs.Fields
	if q.Kind != "" && !q.Kind.Valid() {
		fields.Add("kind", "Select a kind of record from the list")
	}
	if q.Action != "" && !q.Action.Valid() {
		fields.Add("action", "Select an action from the list")
	}
	if q.RecordID < 0 {
		fields.Add("record_id", "Record id must be a number, like 1234")
	}
	if q.Limit < 0 || q.Limit > 1000 {
		fields.Add("limit", "Limit must be a number from 1 to 1000")
	}
	return fields.Err()
}

// BreakGlassWeek is how many records one user opened by breaking the glass
// (with no relationship to the child, giving a reason) in one ISO week.
type BreakGlassWeek struct {
	UserID   access.UserID
	Username string
	Year     int        // the ISO 8601 year of the week, which may differ from its Monday's
	Week     int        // the ISO 8601 week, 1 to 53
	Monday   civil.Date // the week's first day, for a link to its lines
	Count    int
}

// ISOWeek writes the week as ISO 8601 does: 2026-W05.
func (w BreakGlassWeek) ISOWeek() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Week) }

// BreakGlassReport is the auditor's page of break-the-glass accesses.
type BreakGlassReport struct {
	From, To civil.Date // the days counted, both included
	Weeks    []BreakGlassWeek
	// Partial is true when there were more lines than one report reads
	// (store.MaxAccessLimit): the newest were counted; choose fewer days.
	Partial bool
}

// breakGlassDefaultWeeks is how far back the report looks when not told.
const breakGlassDefaultWeeks = 12

// BreakGlassByWeek counts the break-the-glass lines of the access log from day
// from to day to (both included, days in the council's zone) by user and
// ISO week. A zero from is the Monday breakGlassDefaultWeeks-1 weeks before
// this week's; a zero to is today. Only auditors may.
func (a *App) BreakGlassByWeek(ctx context.Context, ac Actor, from, to civil.Date) (BreakGlassReport, error) {
	if err := a.require(ctx, ac, access.ReadAccessLog); err != nil {
		return BreakGlassReport{}, err
	}
	today := a.Today()
	if to.IsZero() {
		to = today
	}
	if from.IsZero() {
		from = mondayOf(today).AddDays(-7 * (breakGlassDefaultWeeks - 1))
	}
	if to.Before(from) {
		var fields errs.Fields
		fields.Add("to", "To must be the same as or after From")
		return BreakGlassReport{}, fields.Err()
	}
	lines, err := a.Store.AccessLog(ctx, store.AccessQuery{
		Action: store.LogBreakGlass,
		Since:  civil.StartOfLondon(from),
		Until:  civil.StartOfLondon(to.AddDays(1)),
		Limit:  store.MaxAccessLimit,
	})
	if err != nil {
		return BreakGlassReport{}, err
	}
	if err := a.logAuditRead(ctx, ac, "break the glass by week from "+from.String()+" to "+to.String(), lines); err != nil {
		return BreakGlassReport{}, err
	}
	return BreakGlassReport{
		From: from, To: to,
		Weeks:   CountByUserWeek(lines, civil.London),
		Partial: len(lines) == store.MaxAccessLimit,
	}, nil
}

// mondayOf is the Monday of d's ISO week.
func mondayOf(d civil.Date) civil.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// CountByUserWeek counts lines by user and by the ISO week of the day (in
// loc) they were written: newest week first, then by username and user id.
func CountByUserWeek(lines []store.AccessEntry, loc *time.Location) []BreakGlassWeek {
	type key struct {
		user access.UserID
		name string
		year int
		week int
	}
	counts := map[key]*BreakGlassWeek{}
	for _, l := range lines {
		day := civil.Of(l.At.In(loc))
		year, week := l.At.In(loc).ISOWeek()
		k := key{l.UserID, l.Username, year, week}
		if counts[k] == nil {
			counts[k] = &BreakGlassWeek{UserID: l.UserID, Username: l.Username, Year: year, Week: week, Monday: mondayOf(day)}
		}
		counts[k].Count++
	}
	out := make([]BreakGlassWeek, 0, len(counts))
	for _, w := range counts {
		out = append(out, *w)
	}
	slices.SortFunc(out, func(a, b BreakGlassWeek) int {
		return cmp.Or(b.Monday.Compare(a.Monday), cmp.Compare(a.Username, b.Username), cmp.Compare(a.UserID, b.UserID))
	})
	return out
}
