package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The daily briefing of the Partnership Missing and Exploitation Hub: every
// young person missing now, or at risk of exploitation, most urgent first,
// for the members of the team the administrator names as the hub.
//
// The hub reads these children by its role in the partnership, not by a
// relationship to each (see docs/SECURITY.md): access.AuthorizeBriefing
// decides the whole list at once, for a member of the hub's team whose
// roles allow it, and gives the bulk permit the store's one read of the
// list takes. Restricted records are left out: a restriction opens a
// record only to a named grant, and the briefing is no such grant.

// How far back the briefing looks for risk: a screening counts for a year
// (the latest one decides), a MACE meeting for three months.
const (
	briefingScreeningMonths = 12
	briefingMACEMonths      = 3
)

// BriefingRow is one young person on the briefing.
type BriefingRow struct {
	Person people.ID
	Name   string
	Age    int // in whole years on the day; -1 if the date of birth is not known
	// Missing is set while an episode missing or away is open: since when
	// (the earliest open one), for how many whole hours, whether
	// whereabouts are known (Away), and whether the police were told.
	Missing          bool
	Away             bool
	MissingSince     time.Time
	MissingHours     int
	ReportedToPolice bool
	// Screening is the latest exploitation screening within the last
	// year, and ScreenedOn its day; nil if none.
	Screening  *care.Screening
	ScreenedOn civil.Date
	// MACE is the day of the latest MACE meeting within three months.
	MACE   civil.Date
	InCare bool
	TeamID access.TeamID
	Worker access.UserID
	// Risk is the highest risk of the latest screening: 2 high, 1 medium,
	// 0 otherwise.
	Risk int
}

// BriefingPage is the briefing as it stands at At.
type BriefingPage struct {
	At    time.Time
	Rows  []BriefingRow
	Names Names
}

// riskRank grades a risk level of a screening.
func riskRank(level string) int {
	switch level {
	case "high":
		return 2
	case "medium":
		return 1
	}
	return 0
}

// screeningRisk is the highest risk a screening found, as riskRank grades it.
func screeningRisk(s care.Screening) int {
	return max(riskRank(s.Sexual), riskRank(s.Criminal), riskRank(s.CountyLines), riskRank(s.Trafficking))
}

// briefingRow judges one child: a row if they are missing now (an open
// missing record), their latest screening since screenedSince found a
// medium or high risk, or a MACE meeting has been held about them since
// maceSince; ok false otherwise. rs are the child's records as the store's
// briefing read gives them.
func briefingRow(p store.PersonSummary, rs []journey.Record, now time.Time, screenedSince, maceSince civil.Date) (BriefingRow, bool) {
	today := civil.OfLondon(now)
	row := BriefingRow{Person: p.ID, Name: people.Person{GivenName: p.GivenName, FamilyName: p.FamilyName}.FullName(), Age: -1}
	if !p.DateOfBirth.IsZero() {
		row.Age = p.DateOfBirth.AgeOn(today)
	}
	var alloc journey.Record
	for _, r := range rs {
		switch {
		case r.Kind == journey.KindMissing && r.Missing != nil && r.End.IsZero():
			since := r.Missing.StartedAt
			if since.IsZero() {
				since = civil.StartOfLondon(r.Start)
			}
			if !row.Missing || since.Before(row.MissingSince) {
				row.MissingSince, row.Away = since, r.Missing.Away
			}
			row.Missing = true
			row.ReportedToPolice = row.ReportedToPolice || r.Missing.ReportedToPolice
		case r.Kind == journey.KindScreening && r.Screening != nil && !r.Start.Before(screenedSince):
			// rs are by start then id: the last is the latest.
			row.Screening, row.ScreenedOn = r.Screening, r.Start
		case r.Kind == journey.KindMACE && !r.Start.Before(maceSince):
			row.MACE = r.Start
		case r.Kind == journey.KindCareEpisode && r.OpenOn(today):
			row.InCare = true
		case r.Kind == journey.KindAllocation && r.OpenOn(today):
			alloc = r
		}
	}
	if row.Screening != nil {
		row.Risk = screeningRisk(*row.Screening)
	}
	if row.Missing {
		row.MissingHours = max(0, int(now.Sub(row.MissingSince)/time.Hour))
	}
	row.TeamID, row.Worker = alloc.TeamID, alloc.WorkerID
	return row, row.Missing || row.Risk > 0 || !row.MACE.IsZero()
}

// briefingOrder puts the most urgent first: a young person missing with
// their whereabouts unknown, then one away from placement, then one at
// risk but home; within each, the higher risk first, then the longer
// missing, then by name and id so the order never varies.
func briefingOrder(a, b BriefingRow) int {
	group := func(r BriefingRow) int {
		switch {
		case r.Missing && !r.Away:
			return 0
		case r.Missing:
			return 1
		}
		return 2
	}
	return cmp.Or(cmp.Compare(group(a), group(b)), cmp.Compare(b.Risk, a.Risk), cmp.Compare(b.MissingHours, a.MissingHours),
		cmp.Compare(a.Name, b.Name), cmp.Compare(a.Person, b.Person))
}

// errNoBriefing is the refusal of the briefing: the same as any page a role
// does not allow, whether the user lacks the role or the hub's team.
var errNoBriefing = errs.E(errs.Forbidden, "You do not have permission to do this")

// Briefing reads the daily briefing for a member of the hub's team whose
// roles allow access.ReadBriefing; anyone else is refused as any page their
// role does not allow, with the refusal logged. Each opening is one line
// of the access log, a bulk read with the number of young people listed.
func (a *App) Briefing(ctx context.Context, ac Actor) (BriefingPage, error) {
	hub, err := a.hubTeam(ctx)
	if err != nil {
		return BriefingPage{}, err
	}
	now := a.Now()
	d := access.AuthorizeBriefing(ac.Principal, hub, now)
	if !d.Allowed {
		if err := a.logAccess(ctx, ac, store.AccessEntry{Action: store.LogDenied, Reason: string(access.ReadBriefing) + ": " + d.Reason}); err != nil {
			return BriefingPage{}, err
		}
		return BriefingPage{}, errNoBriefing
	}
	today := civil.OfLondon(now)
	q := store.BriefingQuery{Today: today, ScreenedSince: calendar.AddMonths(today, -briefingScreeningMonths), MACESince: calendar.AddMonths(today, -briefingMACEMonths)}
	children, err := a.Store.BriefingChildren(ctx, d.Bulk, q)
	if err != nil {
		return BriefingPage{}, err
	}
	out := BriefingPage{At: now}
	var workers []access.UserID
	for _, c := range children {
		if c.Person.Restricted {
			continue
		}
		if row, ok := briefingRow(c.Person, c.Records, now, q.ScreenedSince, q.MACESince); ok {
			out.Rows = append(out.Rows, row)
			workers = append(workers, row.Worker)
		}
	}
	slices.SortFunc(out.Rows, briefingOrder)
	if out.Names, err = a.namesOf(ctx, workers); err != nil {
		return BriefingPage{}, err
	}
	e := store.AccessEntry{Kind: store.KindJourney, Action: store.LogBulkRead, Reason: d.Reason, Note: "daily briefing", Children: len(out.Rows)}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return BriefingPage{}, err
	}
	return out, nil
}

// InHub reports whether the user may open the briefing: the service
// navigation shows its link only to them. An error reading the setting
// hides the link; the page itself still decides.
func (a *App) InHub(ctx context.Context, p access.Principal) bool {
	// A user of no team is in no hub: no need to read which team it is.
	if p.User.TeamID == 0 || !access.Can(p, access.ReadBriefing) {
		return false
	}
	hub, err := a.hubTeam(ctx)
	return err == nil && access.AuthorizeBriefing(p, hub, a.Now()).Allowed
}

// hubTeam returns the team named as the hub (0: none), from the cache when
// it is fresh.
func (a *App) hubTeam(ctx context.Context) (access.TeamID, error) {
	return a.namedTeamNow(ctx, a.hubSetting())
}
