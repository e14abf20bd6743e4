package app_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// perfWorld is a world with children in early help on 31 March 2026: two of
// them allocated to the world's team, one to another team, one restricted
// (of the world's team), and one whose early help closed before the day.
type perfWorld struct {
	*world
	other                                access.Team
	ours1, ours2, theirs, secret, closed people.ID
	day                                  civil.Date
}

func newPerfWorld(t *testing.T) *perfWorld {
	w := newWorld(t)
	pw := &perfWorld{world: w, day: civil.MustNew(2026, time.March, 31)}
	var err error
	if pw.other, err = w.st.CreateTeam(w.ctx, access.Team{Name: "Safeguarding 2", ServiceID: w.team.ServiceID}); err != nil {
		t.Fatal(err)
	}
	start := civil.MustNew(2026, time.January, 5)
	open := func(id people.ID, team access.TeamID, end civil.Date) {
		worker := w.users[access.TeamManager]
		if id == pw.ours1 {
			worker = w.users[access.Practitioner]
		}
		w.add(journey.Record{PersonID: id, Kind: journey.KindEarlyHelp, Start: start, End: end, TeamID: team, EarlyHelp: &journey.EarlyHelp{}})
		w.add(journey.Record{PersonID: id, Kind: journey.KindAllocation, Start: start, End: end, TeamID: team, WorkerID: worker.ID, Allocation: &journey.Allocation{}})
	}
	pw.ours1, pw.ours2 = w.person("Amy", "Ours", false), w.person("Bea", "Ours", false)
	pw.theirs, pw.secret = w.person("Cal", "Theirs", false), w.person("Dee", "Secret", true)
	pw.closed = w.person("Eve", "Closed", false)
	// The tests write straight to the store, as another process would:
	// the framework asks the store's stamp on every request.
	w.app.PerformanceStampEvery = 0
	open(pw.ours1, w.team.ID, civil.Date{})
	open(pw.ours2, w.team.ID, civil.Date{})
	open(pw.theirs, pw.other.ID, civil.Date{})
	open(pw.secret, w.team.ID, civil.Date{})
	open(pw.closed, w.team.ID, civil.MustNew(2026, time.March, 1))
	return pw
}

func (pw *perfWorld) bulkLines(ac app.Actor) []store.AccessEntry {
	pw.t.Helper()
	es, err := pw.st.AccessLog(pw.ctx, store.AccessQuery{UserID: ac.UserID(), Action: store.LogBulkRead, Limit: 100})
	if err != nil {
		pw.t.Fatal(err)
	}
	return es
}

// TestFrameworkWhoReads: the figures are for analysts, team managers,
// programme managers and administrators; anyone else is refused and the
// refusal logged.
func TestFrameworkWhoReads(t *testing.T) {
	pw := newPerfWorld(t)
	for _, role := range access.Roles {
		ac := pw.actor(role)
		f, err := pw.app.Framework(pw.ctx, ac, app.FrameworkQuery{At: pw.day})
		allowed := role == access.Analyst || role == access.TeamManager || role == access.ProgrammeManager || role == access.Admin
		if !allowed {
			if !errs.Is(err, errs.Forbidden) {
				t.Errorf("%s: err = %v, want forbidden", role, err)
			}
			es, _ := pw.st.AccessLog(pw.ctx, store.AccessQuery{UserID: ac.UserID(), Action: store.LogDenied, Limit: 5})
			if len(es) != 1 || !strings.HasPrefix(es[0].Reason, "performance.read") {
				t.Errorf("%s: refusal lines %+v, want one for performance.read", role, es)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", role, err)
		}
		row := findRow(t, f, "eh_open")
		if row.Value == nil || *row.Value != 4 || row.Numerator != 4 {
			t.Errorf("%s: eh_open = %v (%d), want 4: the closed one out, the restricted one counted", role, row.Value, row.Numerator)
		}
		// The view is logged, naming no child.
		if ls := pw.bulkLines(ac); len(ls) != 1 || ls[0].Children != 0 || ls[0].Note != "performance framework at 2026-03-31" {
			t.Errorf("%s: lines %+v, want one bulk_read of the framework with no children", role, ls)
		}
	}
}

func findRow(t *testing.T, f app.Framework, id string) app.FrameworkRow {
	t.Helper()
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			if r.Def.ID == id {
				return r
			}
		}
	}
	t.Fatalf("no row %s", id)
	return app.FrameworkRow{}
}

// TestIndicatorLists: an analyst's list is the council's, with the
// restricted child listed without a name; a team manager's is their team's
// children, and the figure they see is made from it; each page is one
// bulk_read line with the number of children named on it; a practitioner
// and a programme manager cannot open the lists.
func TestIndicatorLists(t *testing.T) {
	pw := newPerfWorld(t)
	analyst := pw.actor(access.Analyst)
	pg, err := pw.app.Indicator(pw.ctx, analyst, app.IndicatorQuery{ID: "eh_open", At: pw.day})
	if err != nil {
		t.Fatal(err)
	}
	if pg.Total != 4 || len(pg.Entries) != 4 || pg.Row.Value == nil || *pg.Row.Value != float64(pg.Total) {
		t.Fatalf("analyst: %d entries of %d, value %v; want 4 of 4 and the value 4", len(pg.Entries), pg.Total, pg.Row.Value)
	}
	named := 0
	for _, e := range pg.Entries {
		switch {
		case e.PersonID == pw.secret && (!e.Restricted || e.Name != ""):
			t.Errorf("the restricted child is listed as %+v, want no name", e)
		case e.PersonID != pw.secret && e.Name == "":
			t.Errorf("child %d listed without a name", e.PersonID)
		case e.Name != "":
			named++
		}
	}
	if ls := pw.bulkLines(analyst); len(ls) != 1 || ls[0].Children != named || !strings.Contains(ls[0].Note, "performance eh_open numerator at 2026-03-31 page 1") {
		t.Errorf("analyst's lines %+v, want one bulk_read of %d children", ls, named)
	}

	// Paged: two to a page.
	pg, err = pw.app.Indicator(pw.ctx, analyst, app.IndicatorQuery{ID: "eh_open", At: pw.day, Page: 2, PerPage: 3})
	if err != nil {
		t.Fatal(err)
	}
	if pg.Pages != 2 || len(pg.Entries) != 1 {
		t.Errorf("page 2 of 3 a page: %d entries of %d pages, want 1 of 2", len(pg.Entries), pg.Pages)
	}

	mgr := pw.actor(access.TeamManager)
	pg, err = pw.app.Indicator(pw.ctx, mgr, app.IndicatorQuery{ID: "eh_open", At: pw.day})
	if err != nil {
		t.Fatal(err)
	}
	if pg.Scope.Team != pw.team.ID || pg.Total != 3 || pg.Row.Value == nil || *pg.Row.Value != 3 {
		t.Errorf("team manager: team %d, %d children, value %v; want their own team, 3, 3", pg.Scope.Team, pg.Total, pg.Row.Value)
	}
	for _, e := range pg.Entries {
		if e.PersonID == pw.theirs {
			t.Errorf("a team manager sees another team's child")
		}
	}
	if ls := pw.bulkLines(mgr); len(ls) != 1 || ls[0].Children != 2 {
		t.Errorf("manager's lines %+v, want one bulk_read of 2 children (the restricted one not named)", ls)
	}

	for _, role := range []access.Role{access.Practitioner, access.ProgrammeManager, access.Admin} {
		if _, err := pw.app.Indicator(pw.ctx, pw.actor(role), app.IndicatorQuery{ID: "eh_open", At: pw.day}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s opening a list: err = %v, want forbidden", role, err)
		}
	}
	// The figure alone is for every reader of the framework.
	if pg, err := pw.app.Indicator(pw.ctx, pw.actor(access.ProgrammeManager), app.IndicatorQuery{ID: "eh_open", At: pw.day, FiguresOnly: true}); err != nil || len(pg.Entries) != 0 || *pg.Row.Value != 4 {
		t.Errorf("programme manager's figure: %v, %d entries, want 4 and no list", err, len(pg.Entries))
	}
	if _, err := pw.app.Indicator(pw.ctx, analyst, app.IndicatorQuery{ID: "nope"}); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown indicator: %v, want not found", err)
	}
	if _, err := pw.app.Indicator(pw.ctx, analyst, app.IndicatorQuery{ID: "eh_open", List: "both"}); !errs.Is(err, errs.Invalid) {
		t.Errorf("unknown list: %v, want invalid", err)
	}
}

// TestFrameworkByTeam: a team's framework counts the team's children, and
// has no rates or workforce.
func TestFrameworkByTeam(t *testing.T) {
	pw := newPerfWorld(t)
	f, err := pw.app.Framework(pw.ctx, pw.actor(access.Analyst), app.FrameworkQuery{At: pw.day, Scope: app.Scope{Team: pw.other.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if r := findRow(t, f, "eh_open"); r.Value == nil || *r.Value != 1 {
		t.Errorf("the other team's eh_open = %v, want 1", r.Value)
	}
	if r := findRow(t, f, "cla_rate"); !r.NotByTeam || r.Value != nil {
		t.Errorf("a rate by team: %+v, want none", r)
	}
	for _, c := range []struct {
		scope app.Scope
		field string
	}{
		{app.Scope{Team: 9999}, "team"},
		{app.Scope{Service: 9999}, "service"},
		{app.Scope{Worker: 9999}, "worker"},
		{app.Scope{Team: pw.team.ID, Worker: pw.users[access.Practitioner].ID}, "team"},
	} {
		_, err := pw.app.Framework(pw.ctx, pw.actor(access.Analyst), app.FrameworkQuery{At: pw.day, Scope: c.scope})
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has(c.field) {
			t.Errorf("scope %+v: %v, want invalid naming %s", c.scope, err, c.field)
		}
	}
}

// TestFrameworkByServiceAndWorker: a service's figures count the children
// of every team in it, a worker's those allocated to them; a team manager
// lists the children of their own team, service and team's workers, and
// sees another team's figure without its children.
func TestFrameworkByServiceAndWorker(t *testing.T) {
	pw := newPerfWorld(t)
	analyst, mgr := pw.actor(access.Analyst), pw.actor(access.TeamManager)
	service, worker := app.Scope{Service: pw.team.ServiceID}, app.Scope{Worker: pw.users[access.Practitioner].ID}
	f, err := pw.app.Framework(pw.ctx, analyst, app.FrameworkQuery{At: pw.day, Scope: service})
	if err != nil {
		t.Fatal(err)
	}
	if r := findRow(t, f, "eh_open"); r.Value == nil || *r.Value != 4 || !strings.HasPrefix(f.ScopeName, "the teams of ") {
		t.Errorf("the service's eh_open = %v (%q), want 4 from both teams", r.Value, f.ScopeName)
	}
	f, err = pw.app.Framework(pw.ctx, analyst, app.FrameworkQuery{At: pw.day, Scope: worker})
	if err != nil {
		t.Fatal(err)
	}
	if r := findRow(t, f, "eh_open"); r.Value == nil || *r.Value != 1 {
		t.Errorf("the practitioner's eh_open = %v, want 1", r.Value)
	}
	if r := findRow(t, f, "cla_rate"); !r.NotByTeam {
		t.Errorf("a rate by worker: %+v, want none", r)
	}
	if ls := pw.bulkLines(analyst); len(ls) != 2 || !strings.HasSuffix(ls[1].Note, fmt.Sprintf(" service %d", pw.team.ServiceID)) ||
		!strings.HasSuffix(ls[0].Note, fmt.Sprintf(" worker %d", pw.users[access.Practitioner].ID)) {
		t.Errorf("analyst's lines %+v, want the service's and the worker's", ls)
	}

	for _, c := range []struct {
		name  string
		scope app.Scope
		lists bool
		total int
	}{
		{"their service", service, true, 4},
		{"a worker of their team", worker, true, 1},
		{"another team", app.Scope{Team: pw.other.ID}, false, 1},
	} {
		pg, err := pw.app.Indicator(pw.ctx, mgr, app.IndicatorQuery{ID: "eh_open", At: pw.day, Scope: c.scope})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if pg.Lists != c.lists || pg.Total != c.total || pg.Row.Value == nil || *pg.Row.Value != float64(c.total) || (pg.NoListsWhy == "") == !c.lists {
			t.Errorf("%s: lists %v (%q), total %d, value %v; want lists %v and %d", c.name, pg.Lists, pg.NoListsWhy, pg.Total, pg.Row.Value, c.lists, c.total)
		}
		if !c.lists && len(pg.Entries) != 0 {
			t.Errorf("%s: %d children listed, want none", c.name, len(pg.Entries))
		}
	}
}

// TestTrend: 24 month ends by default, ending at the last month end by
// today; each point is the framework's figure at that day.
func TestTrend(t *testing.T) {
	pw := newPerfWorld(t)
	tr, err := pw.app.IndicatorTrend(pw.ctx, pw.actor(access.ProgrammeManager), app.TrendQuery{ID: "eh_open"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 24 || tr.Points[23].At != civil.MustNew(2026, time.May, 31) || tr.Points[0].At != civil.MustNew(2024, time.June, 30) {
		t.Fatalf("trend of %d points from %s to %s, want 24 from 2024-06-30 to 2026-05-31", len(tr.Points), tr.Points[0].At, tr.Points[len(tr.Points)-1].At)
	}
	for _, p := range tr.Points {
		want := 0.0
		switch {
		case p.At == civil.MustNew(2026, time.January, 31) || p.At == civil.MustNew(2026, time.February, 28):
			want = 5
		case !p.At.Before(civil.MustNew(2026, time.March, 31)):
			want = 4
		}
		if p.Value == nil || *p.Value != want {
			t.Errorf("%s: %v, want %v", p.At, p.Value, want)
		}
	}
	if _, err := pw.app.IndicatorTrend(pw.ctx, pw.actor(access.Analyst), app.TrendQuery{ID: "eh_open", From: civil.MustNew(2026, 1, 31), To: civil.MustNew(2025, 1, 31)}); !errs.Is(err, errs.Invalid) {
		t.Errorf("a backwards range: %v, want invalid", err)
	}
}

// TestImportPerformanceData: files merge into the council's data; a file
// with a problem changes nothing; a stale version is refused; only
// analysts and administrators enter it; the figures follow.
func TestImportPerformanceData(t *testing.T) {
	pw := newPerfWorld(t)
	analyst := pw.actor(access.Analyst)
	im := func(what, file string, version int) (int, error) {
		return pw.app.ImportPerformanceData(pw.ctx, analyst, app.PerformanceImport{What: what, Name: what + ".csv", File: strings.NewReader(file),
			At: pw.day, Version: version, Reason: "the year's figures"})
	}
	v, err := im(app.ImportPopulation, "year,children\n2025,60000\n2026,62000\n", 0)
	if err != nil || v != 1 {
		t.Fatalf("population: %v, version %d", err, v)
	}
	if _, err := im(app.ImportTargets, "indicator,year,green\nnope,2026,\n", 1); !errs.Is(err, errs.Invalid) {
		t.Fatalf("bad targets: %v, want invalid", err)
	}
	if _, err := im(app.ImportTargets, "indicator,year,target\neh_open,2026,3\n", 0); !errs.Is(err, errs.Conflict) {
		t.Fatalf("stale: %v, want conflict", err)
	}
	if v, err = im(app.ImportTargets, "indicator,year,target,england\neh_open,2026,3,5\n", 1); err != nil || v != 2 {
		t.Fatalf("targets: %v, version %d", err, v)
	}
	if v, err = im(app.ImportPopulation, "year,children\n2026,63000\n", 2); err != nil {
		t.Fatal(err)
	}
	if v, err = im(app.ImportEstablishment, "position,budget_fte,permanent_fte,vacant_fte,agency_fte\nSocial Worker,10,8,2,1\n", v); err != nil {
		t.Fatal(err)
	}
	page, err := pw.app.PerformanceData(pw.ctx, analyst)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Data.Population) != 2 || page.Data.Population[1].Children != 63000 || len(page.Data.Targets) != 1 || len(page.Data.Establishments) != 1 || page.Version != v {
		t.Errorf("data %+v version %d", page.Data, page.Version)
	}
	f, err := pw.app.Framework(pw.ctx, analyst, app.FrameworkQuery{At: pw.day})
	if err != nil {
		t.Fatal(err)
	}
	if r := findRow(t, f, "eh_open"); !r.HasTarget || *r.Target.Target != 3 || *r.Target.England != 5 {
		t.Errorf("eh_open's target %+v, want 3 and England 5", r.Target)
	}
	if r := findRow(t, f, "vacancy_rate"); r.Value == nil || *r.Value != 20 {
		t.Errorf("vacancy_rate = %v, want 20", r.Value)
	}
	if _, err := pw.app.ImportPerformanceData(pw.ctx, pw.actor(access.TeamManager), app.PerformanceImport{What: app.ImportPopulation,
		File: strings.NewReader("year,children\n2026,1\n"), Version: v, Reason: "x"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("team manager importing: %v, want forbidden", err)
	}
}

// TestFrameworkSeesWrites: the children read for one request are kept for
// the next, and read again once anything is written.
func TestFrameworkSeesWrites(t *testing.T) {
	pw := newPerfWorld(t)
	analyst := pw.actor(access.Analyst)
	count := func() float64 {
		t.Helper()
		f, err := pw.app.Framework(pw.ctx, analyst, app.FrameworkQuery{At: pw.day})
		if err != nil {
			t.Fatal(err)
		}
		return *findRow(t, f, "eh_open").Value
	}
	if got := count(); got != 4 {
		t.Fatalf("eh_open = %v, want 4", got)
	}
	if got := count(); got != 4 {
		t.Fatalf("eh_open again = %v, want 4", got)
	}
	late := pw.person("Fay", "Late", false)
	pw.add(journey.Record{PersonID: late, Kind: journey.KindEarlyHelp, Start: civil.MustNew(2026, time.February, 2), TeamID: pw.team.ID, EarlyHelp: &journey.EarlyHelp{}})
	if got := count(); got != 5 {
		t.Errorf("eh_open after a new episode = %v, want 5", got)
	}
	// A child restricted since is listed as restricted; one whose episode
	// closed since leaves the list.
	ctx := pw.ctx
	p, err := pw.st.Person(ctx, access.System(pw.ours1, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	p.Restricted = true
	if _, err := pw.st.UpdatePerson(ctx, p, store.Change{By: pw.admin.ID, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	rs, err := pw.st.JourneyRecords(ctx, access.System(pw.ours2, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Kind == journey.KindEarlyHelp {
			r.End = civil.MustNew(2026, time.March, 2)
			if _, err := pw.st.UpdateJourneyRecord(ctx, r, store.Change{By: pw.admin.ID, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	pg, err := pw.app.Indicator(ctx, analyst, app.IndicatorQuery{ID: "eh_open", At: pw.day})
	if err != nil {
		t.Fatal(err)
	}
	if pg.Total != 4 {
		t.Errorf("eh_open's list after a closure has %d, want 4", pg.Total)
	}
	for _, e := range pg.Entries {
		if e.PersonID == pw.ours1 && (!e.Restricted || e.Name != "") {
			t.Errorf("a child restricted since is listed as %+v", e)
		}
		if e.PersonID == pw.ours2 {
			t.Errorf("a child whose early help closed is still listed")
		}
	}
}

// perfCountingStore counts the reads of every child for the framework.
type perfCountingStore struct {
	store.Store
	reads int
}

func (c *perfCountingStore) PerformanceChildren(ctx context.Context, bp access.BulkPermit, ids []people.ID) (store.PerformanceChildren, error) {
	c.reads++
	return c.Store.PerformanceChildren(ctx, bp, ids)
}

// TestWarmPerformance: the cache filled at start is what the first
// request uses (no second read), and filling it shows and logs nothing.
func TestWarmPerformance(t *testing.T) {
	pw := newPerfWorld(t)
	st := &perfCountingStore{Store: pw.st}
	a := app.New(st, quietLog)
	a.Clock = pw.app.Clock
	before, err := pw.st.AccessLog(pw.ctx, store.AccessQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.WarmPerformance(pw.ctx, access.SystemBulk("a test fills the cache")); err != nil {
		t.Fatal(err)
	}
	after, err := pw.st.AccessLog(pw.ctx, store.AccessQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if st.reads != 1 || len(after) != len(before) {
		t.Fatalf("warming: %d reads, %d access-log lines added; want 1 and none", st.reads, len(after)-len(before))
	}
	f, err := a.Framework(pw.ctx, pw.actor(access.Analyst), app.FrameworkQuery{At: pw.day})
	if err != nil {
		t.Fatal(err)
	}
	if r := findRow(t, f, "eh_open"); st.reads != 1 || r.Value == nil || *r.Value != 4 {
		t.Errorf("the first framework after warming: %d reads in all, eh_open %v; want 1 and 4", st.reads, r.Value)
	}
}

// TestPerformanceInsiderFindings holds what an insider's run found: a
// page number past any list answers with the last page (it overflowed to
// a panic); a team manager's list of a worker of their team holds only the
// worker's allocations in that team; only case holders are workers; and a
// worker's figures are not for roles that see figures alone.
func TestPerformanceInsiderFindings(t *testing.T) {
	pw := newPerfWorld(t)
	analyst, mgr := pw.actor(access.Analyst), pw.actor(access.TeamManager)
	pg, err := pw.app.Indicator(pw.ctx, analyst, app.IndicatorQuery{ID: "eh_open", At: pw.day, Page: math.MaxInt, PerPage: 2})
	if err != nil || pg.Page != pg.Pages || len(pg.Entries) == 0 {
		t.Errorf("a page past the end: %v, page %d of %d with %d entries; want the last", err, pg.Page, pg.Pages, len(pg.Entries))
	}

	// The practitioner of the world's team also holds a case of the other
	// team (allocated before they moved, say).
	practitioner := pw.users[access.Practitioner].ID
	elsewhere := pw.person("Gil", "Elsewhere", false)
	start := civil.MustNew(2026, time.January, 5)
	pw.add(journey.Record{PersonID: elsewhere, Kind: journey.KindEarlyHelp, Start: start, TeamID: pw.other.ID, EarlyHelp: &journey.EarlyHelp{}})
	pw.add(journey.Record{PersonID: elsewhere, Kind: journey.KindAllocation, Start: start, TeamID: pw.other.ID, WorkerID: practitioner, Allocation: &journey.Allocation{}})
	pg, err = pw.app.Indicator(pw.ctx, mgr, app.IndicatorQuery{ID: "eh_open", At: pw.day, Scope: app.Scope{Worker: practitioner}})
	if err != nil {
		t.Fatal(err)
	}
	if !pg.Lists || pg.Total != 1 || *pg.Row.Value != 1 {
		t.Errorf("the manager's list of their worker: lists %v, %d children, value %v; want 1, of the team's allocation alone", pg.Lists, pg.Total, pg.Row.Value)
	}
	for _, e := range pg.Entries {
		if e.PersonID == elsewhere {
			t.Errorf("the manager's list of their worker shows a child of another team")
		}
	}
	if f, err := pw.app.Framework(pw.ctx, analyst, app.FrameworkQuery{At: pw.day, Scope: app.Scope{Worker: practitioner}}); err != nil || *findRow(t, f, "eh_open").Value != 2 {
		t.Errorf("the analyst's figure of the worker: %v, want both their allocations (2)", err)
	}

	for _, c := range []struct {
		name string
		ac   app.Actor
		who  access.UserID
	}{
		{"an auditor is not a worker", analyst, pw.users[access.Auditor].ID},
		{"a programme manager asks for a worker", pw.actor(access.ProgrammeManager), practitioner},
	} {
		_, err := pw.app.Framework(pw.ctx, c.ac, app.FrameworkQuery{At: pw.day, Scope: app.Scope{Worker: c.who}})
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("worker") {
			t.Errorf("%s: %v, want invalid naming worker", c.name, err)
		}
	}

	// A trend whose reader has gone stops.
	ctx, cancel := context.WithCancel(pw.ctx)
	cancel()
	if _, err := pw.app.IndicatorTrend(ctx, analyst, app.TrendQuery{ID: "eh_open"}); err == nil {
		t.Errorf("a trend for a reader who has gone: no error")
	}
}

// TestFrameworkStampAskedLessOften: with the stamp asked at most every
// hour, a write by another process (straight to the store) is not seen
// until then, and a write through this process is seen at once.
func TestFrameworkStampAskedLessOften(t *testing.T) {
	pw := newPerfWorld(t)
	pw.app.PerformanceStampEvery = time.Hour
	analyst := pw.actor(access.Analyst)
	count := func() float64 {
		t.Helper()
		f, err := pw.app.Framework(pw.ctx, analyst, app.FrameworkQuery{At: pw.day})
		if err != nil {
			t.Fatal(err)
		}
		return *findRow(t, f, "eh_open").Value
	}
	if got := count(); got != 4 {
		t.Fatalf("eh_open = %v, want 4", got)
	}
	elsewhere := pw.person("Gus", "Elsewhere", false)
	pw.add(journey.Record{PersonID: elsewhere, Kind: journey.KindEarlyHelp, Start: civil.MustNew(2026, time.February, 2), TeamID: pw.team.ID, EarlyHelp: &journey.EarlyHelp{}})
	if got := count(); got != 4 {
		t.Errorf("eh_open after another process's write, within the hour = %v, want 4 still", got)
	}
	here := pw.person("Hal", "Here", false)
	pw.involve(here, access.KindContact, civil.Date{})
	if _, err := pw.app.RecordJourney(pw.ctx, pw.actor(access.Practitioner), here, journey.Record{Kind: journey.KindEarlyHelp,
		Start: civil.MustNew(2026, time.February, 3), TeamID: pw.team.ID, EarlyHelp: &journey.EarlyHelp{}}); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != 6 {
		t.Errorf("eh_open after a write through this process = %v, want 6 (both new episodes)", got)
	}
}
