package browsertest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// performanceFramework: a team manager opens the performance framework,
// clicks the figure of children on child in need plans and sees the
// children behind it (their team's), each linked to their record, as many
// as the figure says; then the indicator's trend and the performance
// report. An administrator opens the council's data and imports a file
// with a problem, which is shown against the box. axe checks each page.
func performanceFramework(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.team_manager", false)
	wantStatus(t, tb, "the framework", tb.follow(`nav a[href="/performance"]`), 200)
	if ps := tb.state(); ps.H1 != "Performance framework" {
		t.Fatalf("the framework: heading %q", ps.H1)
	}
	tb.checkA11y("performance framework")

	wantStatus(t, tb, "a figure's children", tb.follow(`main a[href^="/performance/cin_plans?"][href$="#list"]`), 200)
	if ps := tb.state(); ps.H1 != "Children on child in need plans" {
		t.Fatalf("the indicator: heading %q", ps.H1)
	}
	tb.checkA11y("an indicator and its children")
	if caption := eval[string](tb, `document.querySelector('main table caption').textContent.trim()`); !strings.Contains(caption, " in all; page 1 of ") {
		t.Errorf("the list's caption says %q", caption)
	}
	value := eval[string](tb, `document.getElementById('value').textContent.trim()`)
	links := eval[[]string](tb, `[...document.querySelectorAll('main table a[href^="/people/"]')].map(a => a.getAttribute('href'))`)
	n, err := strconv.Atoi(value)
	if err != nil || n == 0 || n != len(links) {
		t.Errorf("the figure is %q and the list links %d children %v, want the same number, at least one", value, len(links), links)
	}
	amira := "/people/" + strconv.FormatInt(int64(s.child), 10)
	found := false
	for _, l := range links {
		found = found || l == amira
	}
	if !found {
		t.Errorf("Amira (%s), on a plan with the team, is not on the list %v", amira, links)
	}
	wantStatus(t, tb, "a child from the list", tb.follow(`main table a[href="`+amira+`"]`), 200)
	if ps := tb.state(); !strings.Contains(ps.H1, "Amira") {
		t.Errorf("the child's record: heading %q", ps.H1)
	}

	// Re-referrals: Rory, referred again within twelve months, allocated to
	// the team between the two dates (so on no list today), is behind the
	// figure at a day in between; his record opens from the list.
	rory, at := reReferred(t, s)
	wantStatus(t, tb, "re-referrals", tb.open("/performance/rereferral_12m?at="+at.String()), 200)
	tb.checkA11y("re-referrals and the children behind them")
	roryPage := "/people/" + strconv.FormatInt(int64(rory), 10)
	wantStatus(t, tb, "a re-referred child from the list", tb.follow(`main table a[href="`+roryPage+`"]`), 200)
	if ps := tb.state(); !strings.Contains(ps.H1, "Rory") {
		t.Errorf("the re-referred child's record: heading %q", ps.H1)
	}

	// Links keep the date and whose children: back from a figure at a past
	// date comes to the framework at that date; a team's framework lists
	// its workers, and a worker's counts their children.
	wantStatus(t, tb, "the framework at a date", tb.open("/performance?at=2026-03-31"), 200)
	wantStatus(t, tb, "a figure at the date", tb.follow(`main a[href^="/performance/cin_plans?at=2026-03-31"]`), 200)
	wantStatus(t, tb, "back to the framework", tb.follow(`main a[href^="/performance?"]`), 200)
	lead := func() string {
		return eval[string](tb, `document.querySelector('main .govuk-body-l').textContent.trim()`)
	}
	if got := lead(); !strings.HasPrefix(got, "At 31 March 2026") {
		t.Errorf("back from a figure at 31 March 2026, the framework says %q", got)
	}
	team := eval[string](tb, `[...document.querySelectorAll('#for option')].find(o => o.value.startsWith('team:')).value`)
	wantStatus(t, tb, "a team's framework", tb.open("/performance?for="+team), 200)
	if got := lead(); !strings.Contains(got, "the children allocated to ") {
		t.Errorf("a team's framework says %q", got)
	}
	worker := eval[string](tb, `(a => a ? a.textContent.trim() : '')(document.querySelector('main a[href*="worker="]'))`)
	if worker == "" {
		t.Fatal("a team's framework lists no worker")
	}
	wantStatus(t, tb, "a worker's framework", tb.follow(`main a[href*="worker="]`), 200)
	if got := lead(); !strings.HasSuffix(got, "the children allocated to "+worker+".") {
		t.Errorf("a worker's framework says %q, want it to name %s", got, worker)
	}
	tb.checkA11y("a worker's performance framework")

	wantStatus(t, tb, "the trend", tb.open("/performance/cin_plans/trend"), 200)
	if got := eval[int](tb, `document.querySelectorAll('main svg[role=img] circle').length`); got == 0 {
		t.Errorf("the trend's chart has no points")
	}
	if got := len(tb.rows("Children on child in need plans by month")); got != 24 {
		t.Errorf("the trend's table has %d months, want 24", got)
	}
	tb.checkA11y("an indicator's trend")

	wantStatus(t, tb, "the report", tb.open("/performance/report"), 200)
	tb.checkA11y("the performance report")
	wantStatus(t, tb, "the council's data", tb.open("/performance/data"), 200)
	tb.checkA11y("the council's performance data, read")

	wantStatus(t, tb, "sign out", tb.follow(`header form[action="/sign-out"] button`), 200)
	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "the council's data", tb.open("/performance/data"), 200)
	tb.checkA11y("the council's performance data, with its forms")
	if !eval[bool](tb, `(s => (s.value = 'population', true))(document.getElementById('what'))`) {
		t.Fatal("no kind of file to choose")
	}
	tb.fill("csv", "year,children\n2023,lots\n")
	tb.fill("reason", "The ONS estimates")
	wantStatus(t, tb, "a file with a problem", tb.follow(`main form[action="/performance/data/import"] button[type=submit]`), 422)
	wantErrors(t, "a file with a problem", tb.state(), map[string]string{
		"#csv": `the file, row 2, children: "lots" is not a number`,
	})
	tb.checkA11y("the council's performance data, with an error")
	tb.fill("csv", "year,children\n2023,63051\n")
	wantStatus(t, tb, "a good file", tb.follow(`main form[action="/performance/data/import"] button[type=submit]`), 200)
	if got := tb.rows("Population aged 0 to 17"); !hasRow(got, "2023", "63051") {
		t.Errorf("after the import the population is %v", got)
	}
}

// reReferred writes Rory Again: referred 200 days ago (closed 150 days
// ago) and again 40 days ago (closed 15 days ago), allocated to the test
// team's practitioner from 40 to 15 days ago, and returns him and a day
// when he was allocated, 20 days ago.
func reReferred(t *testing.T, s *site) (people.ID, civil.Date) {
	t.Helper()
	ctx := context.Background()
	st := s.app.Store
	worker, err := st.UserByUsername(ctx, "test.practitioner")
	if err != nil {
		t.Fatal(err)
	}
	c := store.Change{By: worker.ID, At: time.Now().UTC(), Reason: "Record created for the browser tests"}
	today := civil.OfLondon(time.Now())
	rory, err := st.CreatePerson(ctx, people.Person{GivenName: "Rory", FamilyName: "Again", DateOfBirth: civil.MustNew(2015, time.April, 2), Sex: "1"}, c)
	if err != nil {
		t.Fatal(err)
	}
	first := journey.Record{Kind: journey.KindReferral, PersonID: rory.ID, Start: today.AddDays(-200), End: today.AddDays(-150), TeamID: worker.TeamID,
		Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N1", ClosureReason: "RC8"}}
	if _, err := st.CreateJourneyRecord(ctx, first, c); err != nil {
		t.Fatal(err)
	}
	again, err := st.CreateJourneyRecord(ctx, journey.Record{Kind: journey.KindReferral, PersonID: rory.ID, Start: today.AddDays(-40), End: today.AddDays(-15),
		TeamID: worker.TeamID, Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N1", ClosureReason: "RC8"}}, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateJourneyRecord(ctx, journey.Record{Kind: journey.KindAllocation, PersonID: rory.ID, Episode: again.ID, Start: today.AddDays(-40),
		End: today.AddDays(-15), TeamID: worker.TeamID, WorkerID: worker.ID, Allocation: &journey.Allocation{Reason: "Referred again"}}, c); err != nil {
		t.Fatal(err)
	}
	// The team still works with the family (an involvement of its own, on
	// no work list), so its manager may open his record.
	inv := access.Involvement{PersonID: rory.ID, Kind: access.KindChildInNeed, TeamID: worker.TeamID, StartDate: today.AddDays(-40)}
	if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
		t.Fatal(err)
	}
	return rory.ID, today.AddDays(-20)
}
