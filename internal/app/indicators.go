package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/people"
	"hearth/internal/report"
	"hearth/internal/store"
)

// The performance framework: every indicator at a date, the children behind
// a figure, a figure's trend, the performance report, and the council's own
// data (population, targets, thresholds, comparators, workforce).
//
// Figures name no child, so every role that manages or reports on the
// service reads them (access.ReadPerformance). The lists behind a figure
// are children's data (access.ReadPerformanceChildren): an analyst sees the
// whole council's; a team manager only those of children allocated to their
// own team, so the figure they open is their team's figure, made from the
// same list (indicators.Prepared.Only). A restricted child is counted, as a
// return counts them, and listed without a name or a link. Each page of a
// list is one bulk_read line with the number of children it shows.

// FrameworkRow is one indicator at a date.
type FrameworkRow struct {
	Def       indicators.Definition
	Value     *float64
	NoValue   string   // why Value is nil (indicators.Result.NoValue)
	LastYear  *float64 // the value a year before the date
	Travel    string   // indicators.Travel
	Target    indicators.Target
	HasTarget bool
	RAG       string
	// Numerator and Denominator are the lengths of the lists.
	Numerator, Denominator int
	// NotByTeam marks an indicator read for a part of the council (a team,
	// a service, a worker) that the part cannot have (a rate, the
	// workforce): it has no value.
	NotByTeam bool
}

// FrameworkSection is a section of the framework and its rows.
type FrameworkSection struct {
	Section indicators.Section
	Title   string
	Rows    []FrameworkRow
}

// Framework is every indicator at a date, by section.
type Framework struct {
	At    civil.Date
	Scope Scope
	// ScopeName completes "the children allocated to ..." ("" for the
	// council).
	ScopeName string
	Sections  []FrameworkSection
}

// FrameworkQuery says at which date, and for whose children (the zero
// Scope: the council's).
type FrameworkQuery struct {
	At    civil.Date
	Scope Scope
}

// performanceInput is what the indicators read: the children, the council's
// data and settings, prepared once for every indicator and date asked.
type performanceInput struct {
	prepared   *indicators.Prepared
	children   []indicators.Child
	restricted map[people.ID]bool
	names      map[people.ID]string
	council    indicators.CouncilData

	// results keeps what was computed from this input: an indicator at a
	// date for a scope is the same until the input is prepared again (a
	// write, new council data or timescales make a new input), and a
	// figure's page and each page of its lists ask for the same ones in
	// turn. The results are shared: nobody changes them.
	mu       sync.Mutex
	results  map[resultKey]indicators.Result
	entries  int                                // the entries of the kept results' lists
	narrowed map[resultKey]*indicators.Prepared // by date and scope (no id)
	// figures keeps the figures of the framework's rows and the trends'
	// points, which need no list: tens of bytes each, where a result's
	// lists are megabytes at ten times the city.
	figures map[resultKey]indicators.Figure
}

// resultKey names a computation of the performance input.
type resultKey struct {
	id    string
	at    civil.Date
	scope Scope
}

// maxResults and maxEntries bound what an input keeps, since a result
// holds its lists: a framework and its year before are 96 results, a
// trend 24; at a city's scale their lists hold a few hundred thousand
// entries, ten times that at ten times the city. Past either bound the
// kept results are dropped and kept again as asked, so that memory does
// not grow faster than the city.
const (
	maxResults = 256
	maxEntries = 1 << 20
	maxFigures = 1 << 14
)

// result is def at the date for the scope, computed once.
func (p *performanceInput) result(def indicators.Definition, at civil.Date, sc scopeFilter) indicators.Result {
	k := resultKey{def.ID, at, sc.Scope}
	p.mu.Lock()
	r, ok := p.results[k]
	p.mu.Unlock()
	if ok {
		return r
	}
	r = p.on(at, sc).Compute(def, at)
	n := len(r.Numerator) + len(r.Denominator)
	p.mu.Lock()
	if p.results == nil || len(p.results) >= maxResults || p.entries+n > maxEntries {
		p.results, p.entries = map[resultKey]indicators.Result{}, 0
	}
	p.results[k] = r
	p.entries += n
	p.mu.Unlock()
	return r
}

// figure is def's figure at the date for the scope, computed once: from
// the result if it is kept, else by the same measure without keeping its
// lists (indicators.Prepared.Figure).
func (p *performanceInput) figure(def indicators.Definition, at civil.Date, sc scopeFilter) indicators.Figure {
	k := resultKey{def.ID, at, sc.Scope}
	p.mu.Lock()
	f, ok := p.figures[k]
	r, kept := p.results[k]
	p.mu.Unlock()
	switch {
	case ok:
		return f
	case kept:
		f = r.Figure()
	default:
		f = p.on(at, sc).Figure(def, at)
	}
	p.keep(map[resultKey]indicators.Figure{k: f})
	return f
}

// keep adds figures to those kept, first letting all go if they would be
// more than maxFigures.
func (p *performanceInput) keep(figs map[resultKey]indicators.Figure) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.figures == nil || len(p.figures)+len(figs) > maxFigures {
		p.figures = map[resultKey]indicators.Figure{}
	}
	maps.Copy(p.figures, figs)
}

// fill computes the figures of defs at each of the dates for the scope
// that are not kept, all at once (indicators.Figures: each child read
// once for them all, not once for each), and keeps them for figure. A
// definition a part of the council cannot have is left out.
func (p *performanceInput) fill(defs []indicators.Definition, dates []civil.Date, sc scopeFilter) {
	var asks []indicators.Ask
	p.mu.Lock()
	for _, at := range dates {
		for _, def := range defs {
			k := resultKey{def.ID, at, sc.Scope}
			if _, ok := p.figures[k]; ok || (!sc.IsZero() && !def.ByTeam()) {
				continue
			}
			if _, kept := p.results[k]; kept {
				continue
			}
			asks = append(asks, indicators.Ask{Def: def, At: at})
		}
	}
	p.mu.Unlock()
	for i := range asks {
		asks[i].Of = p.on(asks[i].At, sc)
	}
	made := map[resultKey]indicators.Figure{}
	for i, f := range indicators.Figures(asks) {
		made[resultKey{asks[i].Def.ID, asks[i].At, sc.Scope}] = f
	}
	p.keep(made)
}

// perfCache keeps the children last read for the indicators, and what
// was prepared of them. Reading and decoding every child's journey is most
// of a framework's cost (about 2.5 s of CPU at Demo City's scale, against
// 0.2 s for every indicator at two dates), and the framework, an
// indicator, its lists and its trend are opened one after another, while
// the council writes a few records a minute. So each request reads the
// store's stamp (which any write changes); when it has changed, each
// child's mark (read from an index), and reads again only the children
// whose mark changed. The decision and the access log are each request's
// own; the cache holds what a read would return, no more.
type perfCache struct {
	mu    sync.Mutex
	stamp string // "": nothing read yet
	// checked is when the stamp was last asked, and writesSeen the
	// process's count of writes then.
	checked    time.Time
	writesSeen uint64
	marks      map[people.ID]store.PerformanceMark
	kids       map[people.ID]store.PerformanceChild
	restr      map[people.ID]bool
	gen        int    // counts the reads that changed kids
	key        string // the generation, council data and timescales input was prepared with
	input      *performanceInput
}

// rereadShare is the share of the children changed beyond which they are
// all read again rather than by id.
const rereadShare = 4

// performance reads the children and the council's data with the
// decision's bulk permit, or takes them from the cache, read again for
// the children written since.
func (a *App) performance(ctx context.Context, bp access.BulkPermit) (*performanceInput, error) {
	if !bp.Valid() {
		return nil, errs.Wrap(fmt.Errorf("app: performance read without a permit"), "Records were read without an access decision")
	}
	council, version, err := a.councilData(ctx)
	if err != nil {
		return nil, err
	}
	ts, err := a.timescales(ctx)
	if err != nil {
		return nil, err
	}
	c := &a.perf
	c.mu.Lock()
	defer c.mu.Unlock() // one read at a time: a second request waits for the first's
	// The store's stamp is asked at most every PerformanceStampEvery, and
	// at once after a write of this process. The count of writes is read
	// before the stamp, so a write after it is seen by the next request.
	writes, now := a.writes.Load(), time.Now()
	if c.stamp == "" || writes != c.writesSeen || a.PerformanceStampEvery <= 0 ||
		now.Sub(c.checked) >= a.PerformanceStampEvery || now.Before(c.checked) {
		// The stamp, then the marks, then the records: a write between
		// them leaves the cache marked older than what it holds, which the
		// next request reads again, never the other way round.
		stamp, err := a.Store.PerformanceStamp(ctx)
		if err != nil {
			return nil, err
		}
		if stamp != c.stamp {
			if err := a.refreshChildren(ctx, bp, c); err != nil {
				c.stamp = ""
				return nil, err
			}
			c.stamp = stamp
		}
		c.checked, c.writesSeen = now, writes
	}
	key := fmt.Sprintf("%d/%d/%+v", c.gen, version, ts)
	if c.input != nil && c.key == key {
		return c.input, nil
	}
	ids := make([]people.ID, 0, len(c.kids))
	for id := range c.kids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	kids := make([]indicators.Child, len(ids))
	names := make(map[people.ID]string, len(ids))
	for i, id := range ids {
		k := c.kids[id]
		kids[i] = indicators.Child{ID: k.ID, DateOfBirth: k.DateOfBirth, Records: k.Records, Education: k.Education, Attendance: k.Attendance}
		names[k.ID] = people.Person{GivenName: k.GivenName, FamilyName: k.FamilyName}.FullName()
	}
	in := indicators.Input{Children: kids, Population: council.Population, Settings: indicators.SettingsFrom(ts)}
	c.input = &performanceInput{prepared: indicators.Prepare(in), children: kids, restricted: maps.Clone(c.restr), names: names, council: council}
	c.key = key
	return c.input, nil
}

// WarmPerformance reads the children for the performance framework into
// its cache, so that the first figures asked for after a start do not wait
// the seconds the read takes at a city's scale. It shows nobody anything:
// each request that uses the cache has its own decision and access-log
// line, as when a request filled it. The process that starts the server
// gives the permit (access.SystemBulk): no use case makes its own.
func (a *App) WarmPerformance(ctx context.Context, bp access.BulkPermit) error {
	_, err := a.performance(ctx, bp)
	return err
}

// refreshChildren reads the marks, then the children whose mark changed
// (every child on the first read, or when many changed).
func (a *App) refreshChildren(ctx context.Context, bp access.BulkPermit, c *perfCache) error {
	marks, err := a.Store.PerformanceMarks(ctx, bp)
	if err != nil {
		return err
	}
	var changed []people.ID
	if c.kids != nil {
		for id, m := range marks {
			if old, ok := c.marks[id]; !ok || old != m {
				changed = append(changed, id)
			}
		}
		if len(changed) == 0 {
			c.marks = marks
			return nil
		}
	}
	var got store.PerformanceChildren
	if c.kids == nil || len(changed) > len(marks)/rereadShare {
		if got, err = a.Store.PerformanceChildren(ctx, bp, nil); err != nil {
			return err
		}
		c.kids, c.restr = map[people.ID]store.PerformanceChild{}, map[people.ID]bool{}
	} else {
		slices.Sort(changed)
		if got, err = a.Store.PerformanceChildren(ctx, bp, changed); err != nil {
			return err
		}
		for _, id := range changed {
			delete(c.restr, id)
		}
	}
	for _, k := range got.Children {
		c.kids[k.ID] = k
	}
	c.gen++
	for id := range got.Restricted {
		c.restr[id] = true
	}
	c.marks = marks
	return nil
}

// on is the prepared input for a date (the establishment counted by then)
// and a scope, narrowed once for each.
func (p *performanceInput) on(at civil.Date, sc scopeFilter) *indicators.Prepared {
	k := resultKey{at: at, scope: sc.Scope}
	p.mu.Lock()
	q, ok := p.narrowed[k]
	p.mu.Unlock()
	if ok {
		return q
	}
	q = p.prepared.WithWorkforce(p.council.WorkforceOn(at))
	if keep := sc.keep(at); keep != nil {
		q = q.Only(keep)
	}
	p.mu.Lock()
	if p.narrowed == nil || len(p.narrowed) >= maxResults {
		p.narrowed = map[resultKey]*indicators.Prepared{}
	}
	p.narrowed[k] = q
	p.mu.Unlock()
	return q
}

// row is def's row at the date for the scope, from its figure there (nil:
// its figure is asked); NotByTeam, with no value, when a part of the
// council cannot have it.
func (p *performanceInput) row(def indicators.Definition, at civil.Date, sc scopeFilter, f *indicators.Figure) FrameworkRow {
	row := FrameworkRow{Def: def, NotByTeam: !sc.IsZero() && !def.ByTeam()}
	if row.NotByTeam {
		return row
	}
	if f == nil {
		now := p.figure(def, at, sc)
		f = &now
	}
	row.Value, row.NoValue, row.Numerator, row.Denominator = f.Value, f.NoValue, f.Numerator, f.Denominator
	row.LastYear = p.figure(def, yearBefore(at), sc).Value
	row.Travel = indicators.Travel(def, row.Value, row.LastYear)
	row.Target, row.HasTarget = p.council.TargetFor(def.ID, at)
	if sc.IsZero() {
		// The targets and thresholds are the council's: a team's figure is
		// shown beside them, not rated by them.
		row.RAG = indicators.RAG(def, row.Target, row.Value)
	}
	return row
}

// rowAndResult is row with the computation it was made from, for a page
// that shows the children behind the figure as well: one computation for
// both, so the figure and its lists are the same result.
func (p *performanceInput) rowAndResult(def indicators.Definition, at civil.Date, sc scopeFilter) (FrameworkRow, indicators.Result) {
	if !sc.IsZero() && !def.ByTeam() {
		return p.row(def, at, sc, nil), indicators.Result{ID: def.ID, At: at}
	}
	r := p.result(def, at, sc)
	f := r.Figure()
	return p.row(def, at, sc, &f), r
}

// yearBefore is the same day a year before (28 February for 29 February),
// and the last day of the month a year before when at is a month's end, so
// that 28 February 2025 compares with 29 February 2024.
func yearBefore(at civil.Date) civil.Date {
	if at.AddDays(1).Day == 1 {
		return calendar.AddMonths(at.AddDays(1), -12).AddDays(-1)
	}
	return calendar.AddMonths(at, -12)
}

// readPerformance authorises a read of the framework (figures or lists),
// logging a refusal, and returns the decision.
func (a *App) readPerformance(ctx context.Context, ac Actor, act access.Action) (access.Decision, error) {
	d := access.Authorize(ac.Principal, act, nil, a.Now())
	if !d.Allowed {
		if err := a.logAccess(ctx, ac, store.AccessEntry{Action: store.LogDenied, Reason: string(act) + ": " + d.Reason}); err != nil {
			return d, err
		}
		return d, errs.E(errs.Forbidden, "You do not have permission to do this")
	}
	return d, nil
}

// logFigures writes the line of a view of figures alone: a bulk read that
// showed no child, so that the auditor sees who looked, as the counts of
// foster placements are logged.
func (a *App) logFigures(ctx context.Context, ac Actor, d access.Decision, note string, sc Scope) error {
	note += sc.note()
	return a.logAccess(ctx, ac, store.AccessEntry{Kind: store.KindJourney, Action: store.LogBulkRead, Reason: d.Reason, Note: note})
}

// checkTeam checks the team of a query exists (0: none asked) and returns
// its name.
func (a *App) checkTeam(ctx context.Context, team access.TeamID) (string, error) {
	if team == 0 {
		return "", nil
	}
	teams, _, err := a.teamsAndServices(ctx, false)
	if err != nil {
		return "", err
	}
	for _, t := range teams {
		if t.ID == team {
			return t.Name, nil
		}
	}
	return "", &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered",
		Fields: []errs.Field{{Field: "team", Message: "There is no such team"}}}
}

// Framework is every indicator of the framework at the date (the zero
// date: today), for the council or a part of it.
func (a *App) Framework(ctx context.Context, ac Actor, q FrameworkQuery) (Framework, error) {
	d, err := a.readPerformance(ctx, ac, access.ReadPerformance)
	if err != nil {
		return Framework{}, err
	}
	if q.At.IsZero() {
		q.At = a.Today()
	}
	sc, err := a.resolveScope(ctx, ac, q.Scope)
	if err != nil {
		return Framework{}, err
	}
	p, err := a.performance(ctx, d.Bulk)
	if err != nil {
		return Framework{}, err
	}
	out := Framework{At: q.At, Scope: q.Scope, ScopeName: sc.Name}
	p.fill(indicators.Definitions, []civil.Date{q.At, yearBefore(q.At)}, sc)
	for _, s := range indicators.Sections {
		sec := FrameworkSection{Section: s, Title: s.Title()}
		for _, def := range indicators.Definitions {
			if def.Section == s {
				sec.Rows = append(sec.Rows, p.row(def, q.At, sc, nil))
			}
		}
		out.Sections = append(out.Sections, sec)
	}
	if err := a.logFigures(ctx, ac, d, "performance framework at "+q.At.String(), q.Scope); err != nil {
		return Framework{}, err
	}
	return out, nil
}

// IndicatorQuery asks for one indicator at a date and a page of one of its
// lists.
type IndicatorQuery struct {
	ID string
	At civil.Date // zero: today
	// Scope is whose children (a team manager's lists: their team's when
	// none is asked).
	Scope Scope
	// List is "numerator" or "denominator" ("": the numerator).
	List string
	Page int // from 1
	// PerPage is the size of a page: 0 for the default.
	PerPage int
	// FiguresOnly asks for the figure without a list (the API's figure
	// alone), which needs only access.ReadPerformance.
	FiguresOnly bool
}

// ListEntry is one line of a list: the entry, and the child's name (empty
// for a restricted child, who is listed without it, and for the
// workforce's positions and leavers).
type ListEntry struct {
	indicators.Entry
	Name       string
	Restricted bool
}

// IndicatorPage is one indicator at a date with a page of one of its lists.
type IndicatorPage struct {
	Row       FrameworkRow
	Result    indicators.Result // its lists emptied: the page's entries are in Entries
	At        civil.Date
	Scope     Scope
	ScopeName string
	List      string
	Entries   []ListEntry
	Total     int // the list's whole length
	Page      int
	Pages     int
	PerPage   int
	Groups    []indicators.Group // the parts, their lists emptied
	// Lists reports whether the user may open the lists; NoListsWhy says
	// why not when their role could open another scope's.
	Lists      bool
	NoListsWhy string
}

const (
	defaultPerPage = 50
	maxPerPage     = 500
)

// Indicator is one indicator at a date, with a page of its numerator or
// denominator, every child on which is logged (one bulk_read line with the
// number of children on the page). The figure shown is computed from the
// very list paged, so they agree.
func (a *App) Indicator(ctx context.Context, ac Actor, q IndicatorQuery) (IndicatorPage, error) {
	// Who may read figures is decided before anything asked is looked at,
	// so that a refusal is the same, and logged, whatever was asked.
	act := access.ReadPerformanceChildren
	if q.FiguresOnly {
		act = access.ReadPerformance
	}
	d, err := a.readPerformance(ctx, ac, act)
	if err != nil {
		return IndicatorPage{}, err
	}
	def, ok := indicators.Lookup(q.ID)
	if !ok {
		return IndicatorPage{}, errs.E(errs.NotFound, "There is no such indicator")
	}
	var fields errs.Fields
	switch q.List {
	case "":
		q.List = "numerator"
	case "numerator", "denominator":
	default:
		fields.Add("list", "List must be numerator or denominator")
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.Page < 1 {
		fields.Add("page", "Page must be 1 or more")
	}
	if q.PerPage == 0 {
		q.PerPage = defaultPerPage
	}
	if q.PerPage < 1 || q.PerPage > maxPerPage {
		fields.Add("per_page", "Per page must be from 1 to %d", maxPerPage)
	}
	if err := fields.Err(); err != nil {
		return IndicatorPage{}, err
	}
	lists := access.Can(ac.Principal, access.ReadPerformanceChildren)
	noListsWhy := ""
	if lists {
		// A team manager's lists are of their own team's, service's or
		// team's workers' children; another part's figure is theirs to
		// see, without the children behind it.
		var ok bool
		if q.Scope, ok, err = a.listsAllowed(ctx, ac, q.Scope); err != nil {
			return IndicatorPage{}, err
		}
		if !ok {
			lists, q.FiguresOnly = false, true
			noListsWhy = "You can see the children behind the figures of your own team and service only"
			if ac.Principal.User.TeamID == 0 {
				noListsWhy = "Your account is not in a team, so there are no children of your team to list"
			}
		}
	}
	if q.At.IsZero() {
		q.At = a.Today()
	}
	sc, err := a.resolveScope(ctx, ac, q.Scope)
	if err != nil {
		return IndicatorPage{}, err
	}
	p, err := a.performance(ctx, d.Bulk)
	if err != nil {
		return IndicatorPage{}, err
	}
	out := IndicatorPage{At: q.At, Scope: q.Scope, ScopeName: sc.Name, List: q.List, Page: q.Page, PerPage: q.PerPage,
		Lists: lists, NoListsWhy: noListsWhy}
	var res indicators.Result
	out.Row, res = p.rowAndResult(def, q.At, sc)
	list := res.Numerator
	if q.List == "denominator" {
		list = res.Denominator
	}
	out.Total = len(list)
	out.Pages = max(1, (len(list)+q.PerPage-1)/q.PerPage)
	if q.Page > out.Pages {
		// Past the last page: the last (and no multiplication that could
		// overflow).
		q.Page, out.Page = out.Pages, out.Pages
	}
	for _, g := range res.Groups {
		out.Groups = append(out.Groups, indicators.Group{Name: g.Name, Value: g.Value})
	}
	out.Result = res
	out.Result.Numerator, out.Result.Denominator, out.Result.Groups = nil, nil, nil
	if q.FiguresOnly {
		if err := a.logFigures(ctx, ac, d, fmt.Sprintf("performance %s figure at %s", def.ID, q.At), q.Scope); err != nil {
			return IndicatorPage{}, err
		}
		return out, nil
	}
	from := min((q.Page-1)*q.PerPage, len(list))
	page := list[from:min(from+q.PerPage, len(list))]
	shown := map[people.ID]bool{}
	for _, e := range page {
		le := ListEntry{Entry: e}
		if e.PersonID != 0 {
			if p.restricted[e.PersonID] {
				le.Restricted = true
			} else {
				le.Name = p.names[e.PersonID]
				shown[e.PersonID] = true
			}
		}
		out.Entries = append(out.Entries, le)
	}
	note := fmt.Sprintf("performance %s %s at %s page %d", def.ID, q.List, q.At, q.Page) + q.Scope.note()
	e := store.AccessEntry{Kind: store.KindJourney, Action: store.LogBulkRead, Reason: d.Reason, Note: note, Children: len(shown)}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return IndicatorPage{}, err
	}
	return out, nil
}

// TrendPoint is an indicator's value at a month's end.
type TrendPoint struct {
	At                     civil.Date
	Value                  *float64
	Numerator, Denominator int
}

// Trend is an indicator's values at the month ends of a range.
type Trend struct {
	Def       indicators.Definition
	From, To  civil.Date
	Scope     Scope
	ScopeName string
	Points    []TrendPoint
	Target    indicators.Target // the target of the last point's year
}

// TrendQuery is a range of month ends: To is the last (zero: the last
// month end by today), From the first (zero: 23 months before To).
type TrendQuery struct {
	ID       string
	From, To civil.Date
	Scope    Scope
}

// maxTrendMonths bounds a trend: ten years of month ends.
const maxTrendMonths = 120

// monthEnd is the last day of d's month.
func monthEnd(d civil.Date) civil.Date {
	return calendar.AddMonths(civil.Date{Year: d.Year, Month: d.Month, Day: 1}, 1).AddDays(-1)
}

// IndicatorTrend is the indicator's value at each month end of the range.
func (a *App) IndicatorTrend(ctx context.Context, ac Actor, q TrendQuery) (Trend, error) {
	def, ok := indicators.Lookup(q.ID)
	if !ok {
		return Trend{}, errs.E(errs.NotFound, "There is no such indicator")
	}
	d, err := a.readPerformance(ctx, ac, access.ReadPerformance)
	if err != nil {
		return Trend{}, err
	}
	if q.To.IsZero() {
		q.To = monthEnd(a.Today())
		if q.To.After(a.Today()) {
			q.To = monthEnd(calendar.AddMonths(q.To, -1))
		}
	}
	q.To = monthEnd(q.To)
	if q.From.IsZero() {
		q.From = calendar.AddMonths(civil.Date{Year: q.To.Year, Month: q.To.Month, Day: 1}, -23)
	}
	q.From = monthEnd(q.From)
	var fields errs.Fields
	months := (q.To.Year-q.From.Year)*12 + int(q.To.Month) - int(q.From.Month) + 1
	switch {
	case q.From.After(q.To):
		fields.Add("from", "The first month must be before the last")
	case months > maxTrendMonths:
		fields.Add("from", "A trend can cover at most %d months", maxTrendMonths)
	}
	if err := fields.Err(); err != nil {
		return Trend{}, err
	}
	sc, err := a.resolveScope(ctx, ac, q.Scope)
	if err != nil {
		return Trend{}, err
	}
	p, err := a.performance(ctx, d.Bulk)
	if err != nil {
		return Trend{}, err
	}
	out := Trend{Def: def, From: q.From, To: q.To, Scope: q.Scope, ScopeName: sc.Name}
	out.Target, _ = p.council.TargetFor(def.ID, q.To)
	select {
	case a.trends <- struct{}{}:
		defer func() { <-a.trends }()
	case <-ctx.Done():
		return Trend{}, ctx.Err()
	}
	var dates []civil.Date
	for at := q.From; !at.After(q.To); at = monthEnd(calendar.AddMonths(civil.Date{Year: at.Year, Month: at.Month, Day: 1}, 1)) {
		dates = append(dates, at)
	}
	// A year's months at a time, so that a reader who has gone stops the
	// rest.
	for from := 0; from < len(dates); from += 12 {
		if err := ctx.Err(); err != nil {
			return Trend{}, err // the reader has gone
		}
		p.fill([]indicators.Definition{def}, dates[from:min(from+12, len(dates))], sc)
	}
	for _, at := range dates {
		var f indicators.Figure
		if sc.IsZero() || def.ByTeam() {
			f = p.figure(def, at, sc)
		}
		out.Points = append(out.Points, TrendPoint{At: at, Value: f.Value, Numerator: f.Numerator, Denominator: f.Denominator})
	}
	if err := a.logFigures(ctx, ac, d, fmt.Sprintf("performance %s trend %s to %s", def.ID, q.From, q.To), q.Scope); err != nil {
		return Trend{}, err
	}
	return out, nil
}

// FormatValue writes a value as the framework shows it: a count whole
// with thousands separated, a percentage to one decimal with its sign, a
// rate or score or ratio to one decimal, days whole; "–" for none.
func FormatValue(u indicators.Unit, v *float64) string {
	if v == nil {
		return "–"
	}
	switch u {
	case indicators.UnitCount:
		return report.Int(int64(math.Round(*v))).String()
	case indicators.UnitPercent:
		return strconv.FormatFloat(*v, 'f', 1, 64) + "%"
	case indicators.UnitDays:
		return report.Int(int64(math.Round(*v))).String() + " days"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

// figure is a value as a report's cell: a number in the unit's format,
// as FormatValue writes it on the page, so that a spreadsheet of the
// report holds numbers; "–" for none.
func figure(u indicators.Unit, v *float64) report.Value {
	switch {
	case v == nil:
		return report.Str("–")
	case u == indicators.UnitCount:
		return report.Int(int64(math.Round(*v)))
	case u == indicators.UnitPercent:
		return report.Pct(*v/100, 1)
	case u == indicators.UnitDays:
		return report.Dec(*v, 0)
	}
	return report.Dec(*v, 1)
}

// councilData reads the council's data (the zero CouncilData and 0 if
// none has been entered).
func (a *App) councilData(ctx context.Context) (indicators.CouncilData, int, error) {
	raw, v, err := a.Store.PerformanceData(ctx)
	if err != nil || v == 0 {
		return indicators.CouncilData{}, v, err
	}
	var d indicators.CouncilData
	if err := json.Unmarshal(raw, &d); err != nil {
		return d, v, errs.Wrap(err, "could not read the council's performance data")
	}
	return d, v, nil
}

// CouncilDataPage is the council's data, its version and its history.
type CouncilDataPage struct {
	Data    indicators.CouncilData
	Version int
	History []store.Version[json.RawMessage]
}

// PerformanceData is the council's data for the pages that show and enter
// it: for those who read the framework.
func (a *App) PerformanceData(ctx context.Context, ac Actor) (CouncilDataPage, error) {
	if err := a.require(ctx, ac, access.ReadPerformance); err != nil {
		return CouncilDataPage{}, err
	}
	d, v, err := a.councilData(ctx)
	if err != nil {
		return CouncilDataPage{}, err
	}
	h, err := a.Store.PerformanceDataHistory(ctx)
	if err != nil {
		return CouncilDataPage{}, err
	}
	return CouncilDataPage{Data: d.Sorted(), Version: v, History: h}, nil
}

// SetPerformanceData writes the whole of the council's data, validated,
// as the version after version (errs.Conflict if another was written
// since), logged as an update of a setting with the reason.
func (a *App) SetPerformanceData(ctx context.Context, ac Actor, d indicators.CouncilData, version int, reason, what string) (int, error) {
	if err := a.require(ctx, ac, access.ManagePerformance); err != nil {
		return 0, err
	}
	var fields errs.Fields
	if err := d.Validate(); err != nil {
		e := errs.As(err)
		if e == nil {
			return 0, err
		}
		fields = append(fields, e.Fields...)
	}
	reason, rerr := validReason(reason)
	if rerr != nil {
		fields = append(fields, errs.As(rerr).Fields...)
	}
	if version < 0 {
		fields.Add("version", "Enter the version of the data you are changing")
	}
	if err := fields.Err(); err != nil {
		return 0, err
	}
	body, err := json.Marshal(d.Sorted())
	if err != nil {
		return 0, errs.Wrap(err, "could not write the council's performance data")
	}
	e := store.AccessEntry{Kind: store.KindSetting, Action: store.LogUpdate, Reason: "performance data: " + what, Note: reason}
	w, err := a.beginWrite(ctx, ac, e)
	if err != nil {
		return 0, err
	}
	v, err := a.Store.SetPerformanceData(ctx, body, version, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return 0, w.failed(ctx, err)
	}
	w.done(ctx, 0, 0)
	return v, nil
}

// The files the council's data is imported from (docs/DATA-MODEL.md).
const (
	ImportPopulation    = "population"
	ImportTargets       = "targets"
	ImportEstablishment = "establishment"
	ImportLeavers       = "leavers"
)

// PerformanceImport is one file to import.
type PerformanceImport struct {
	What    string // one of the Import constants
	Name    string // the file's name, for the messages
	File    io.Reader
	At      civil.Date // the day an establishment was counted
	Version int        // the version of the data it changes
	Reason  string
}

// ImportPerformanceData reads a file and merges it into the council's data:
// the population of the years it holds, the targets of the indicators and
// years it holds, the establishment of its day, or every leaver (the file
// is the whole list). All or nothing: a file with any problem changes
// nothing, and every problem is reported with its row and column.
func (a *App) ImportPerformanceData(ctx context.Context, ac Actor, im PerformanceImport) (int, error) {
	if err := a.require(ctx, ac, access.ManagePerformance); err != nil {
		return 0, err
	}
	d, _, err := a.councilData(ctx)
	if err != nil {
		return 0, err
	}
	var what string
	switch im.What {
	case ImportPopulation:
		ps, err := indicators.ReadPopulationCSV(im.Name, im.File)
		if err != nil {
			return 0, err
		}
		have := map[int]bool{}
		for _, p := range ps {
			have[p.Year] = true
		}
		keep := d.Population[:0:0]
		for _, p := range d.Population {
			if !have[p.Year] {
				keep = append(keep, p)
			}
		}
		d.Population, what = append(keep, ps...), fmt.Sprintf("population of %d years imported", len(ps))
	case ImportTargets:
		ts, err := indicators.ReadTargetsCSV(im.Name, im.File)
		if err != nil {
			return 0, err
		}
		type key struct {
			id   string
			year int
		}
		have := map[key]bool{}
		for _, t := range ts {
			have[key{t.Indicator, t.Year}] = true
		}
		keep := d.Targets[:0:0]
		for _, t := range d.Targets {
			if !have[key{t.Indicator, t.Year}] {
				keep = append(keep, t)
			}
		}
		d.Targets, what = append(keep, ts...), fmt.Sprintf("%d targets imported", len(ts))
	case ImportEstablishment:
		if im.At.IsZero() {
			return 0, &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered",
				Fields: []errs.Field{{Field: "at", Message: "Enter the day the establishment was counted"}}}
		}
		ps, err := indicators.ReadEstablishmentCSV(im.Name, im.File)
		if err != nil {
			return 0, err
		}
		keep := d.Establishments[:0:0]
		for _, e := range d.Establishments {
			if e.At != im.At {
				keep = append(keep, e)
			}
		}
		d.Establishments = append(keep, indicators.Establishment{At: im.At, Positions: ps})
		what = fmt.Sprintf("establishment of %s imported (%d positions)", im.At, len(ps))
	case ImportLeavers:
		ls, err := indicators.ReadLeaversCSV(im.Name, im.File)
		if err != nil {
			return 0, err
		}
		d.Leavers, what = ls, fmt.Sprintf("%d leavers imported", len(ls))
	default:
		return 0, &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered",
			Fields: []errs.Field{{Field: "what", Message: "Choose what the file holds"}}}
	}
	return a.SetPerformanceData(ctx, ac, d, im.Version, im.Reason, what)
}

// reportSections are the performance report's sections, in the order of
// the seed's plan, each with the indicators it shows: the framework's
// sections split where the plan reports apart (early help from the front
// door, child protection from children in need, missing children from
// children in care).
var reportSections = []struct {
	heading string
	ids     []string
}{
	{"Front door", []string{"contacts_month", "contact_decision_24h", "referral_rate", "rereferral_12m", "referral_nfa", "seen_5wd"}},
	{"Early help", []string{"eh_open", "eh_referrals_month", "eh_step_up"}},
	{"Children in need", []string{"in_assessment", "assessment_45wd", "cin_rate", "cin_plans", "cin_visits_in_time"}},
	{"Child protection", []string{"s47_12m", "s47_to_icpc", "icpc_15wd", "cp_rate", "cp_repeat_2y", "cp_repeat_ever", "cp_2y_plus", "cp_reviews_in_time", "cp_visits_in_time"}},
	{"Children in care", []string{"cla_count", "cla_rate", "cla_starts_rate", "ceased_adoption", "st_stability", "lt_stability", "cla_visits_in_time",
		"cla_reviews_in_time", "health_assessment_in_time", "dental_in_time", "sdq_average", "foster_placements"}},
	{"Adoption", []string{"a1", "a10", "a2", "adoption_orders"}},
	{"Care leavers", []string{"cl_eet", "cl_suitable", "cl_in_touch"}},
	{"Missing and exploitation", []string{"missing_month", "rhi_72h"}},
	{"Workforce", []string{"vacancy_rate", "agency_rate", "turnover_rate", "caseload_average"}},
}

// PerformanceReport is the performance report at a date: a section for
// each part of the seed's plan, a row for each indicator with its value,
// last year's, the direction of travel, the target and RAG, and the
// comparators; every figure computed as the framework's page computes it.
func (a *App) PerformanceReport(ctx context.Context, ac Actor, at civil.Date) (report.Document, error) {
	f, err := a.Framework(ctx, ac, FrameworkQuery{At: at})
	if err != nil {
		return report.Document{}, err
	}
	rows := map[string]FrameworkRow{}
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			rows[r.Def.ID] = r
		}
	}
	doc := report.Document{Title: "Performance report", Subtitle: "At " + f.At.Format(), Made: a.Now()}
	text := func(s string) report.Value {
		if s == "" {
			return report.Str("–")
		}
		return report.Str(s)
	}
	for _, s := range reportSections {
		t := report.Table{Caption: s.heading + " at " + f.At.Format(), Columns: []report.Column{
			{Heading: "Indicator", Kind: report.Text}, {Heading: "Value", Kind: report.Number}, {Heading: "Last year", Kind: report.Number},
			{Heading: "Direction of travel", Kind: report.Text}, {Heading: "Target", Kind: report.Number}, {Heading: "RAG", Kind: report.Text},
			{Heading: "Statistical neighbours", Kind: report.Number}, {Heading: "West Midlands", Kind: report.Number}, {Heading: "England", Kind: report.Number},
		}}
		for _, id := range s.ids {
			r, ok := rows[id]
			if !ok {
				continue
			}
			u := r.Def.Unit
			t.Rows = append(t.Rows, []report.Value{report.Str(r.Def.Title), figure(u, r.Value), figure(u, r.LastYear),
				text(r.Travel), figure(u, r.Target.Target), text(r.RAG),
				figure(u, r.Target.Neighbours), figure(u, r.Target.Region), figure(u, r.Target.England)})
		}
		doc.Sections = append(doc.Sections, report.Section{Heading: s.heading, Blocks: []report.Block{t}})
	}
	return doc, nil
}
