package browsertest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// testProject writes a programme with one outcome and a project at
// delivery whose owner is the practitioner, and returns the project's
// page.
func testProject(t *testing.T, s *site, name string) string {
	t.Helper()
	ctx := context.Background()
	st := s.app.Store
	users, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var owner, admin access.UserID
	for _, u := range users {
		switch u.Username {
		case "test.practitioner":
			owner = u.ID
		case "test.admin":
			admin = u.ID
		}
	}
	c := store.Change{By: admin, Reason: "Programme set up for the browser tests"}
	ps, err := st.Programmes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var p programme.Programme
	if len(ps) > 0 {
		p = ps[0]
	} else {
		p, err = st.CreateProgramme(ctx, programme.Programme{Name: "Transforming Children's Services Programme", Vision: "Families at the heart of everything",
			SRO:     programme.Member{Name: "Director of Children's Services"},
			Mandate: programme.Mandate{From: civil.MustNew(2020, time.April, 1), To: civil.MustNew(2030, time.March, 31)}}, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateProgrammeOutcome(ctx, programme.Outcome{Programme: p.ID, Number: 1, Title: "Fewer children come into care",
			Measures: []programme.Measure{{Name: "Children in care per 10,000", Source: "SSDA903", Figures: []programme.Figure{
				{Period: "2020-21", On: civil.MustNew(2021, time.March, 31), Value: "96.0"}}}}}, c); err != nil {
			t.Fatal(err)
		}
	}
	pr, err := st.CreateProject(ctx, programme.Project{Programme: p.ID, Name: name, Owner: owner, Funding: "revenue",
		Purposes: []string{programme.ImprovedOutcomes}, Start: civil.MustNew(2021, time.April, 1), Outcomes: []int{1},
		CoProduction: "co_designing", Gateway: programme.Delivery}, c)
	if err != nil {
		t.Fatal(err)
	}
	return "/programme/projects/" + strconv.FormatInt(int64(pr.ID), 10)
}

// selectValue chooses an option of a select by its value.
func selectValue(t *testing.T, tb *tab, id, value string) {
	t.Helper()
	if !eval[bool](tb, `(s => !!s && (s.value = `+jsString(value)+`, s.value === `+jsString(value)+`))(document.getElementById(`+jsString(id)+`))`) {
		t.Fatalf("no option %q in %s", value, id)
	}
}

// projectOwnerReports: a practitioner named as a project's owner finds it
// from the programme, is shown every error of a report with a status not on
// the list and a negative spend, checks the month's report and submits it,
// and the project's page then shows it. axe checks each page.
func projectOwnerReports(t *testing.T, tb *tab, s *site) {
	page := testProject(t, s, "Edge of Care Hub")
	signIn(t, tb, "test.practitioner", false)
	wantStatus(t, tb, "the programme", tb.follow(`nav a[href="/programme"]`), 200)
	tb.checkA11y("programme overview")
	wantStatus(t, tb, "the project", tb.follow(`main a[href="`+page+`"]`), 200)
	if ps := tb.state(); ps.H1 != "Edge of Care Hub" {
		t.Fatalf("the project: heading %q", ps.H1)
	}
	tb.checkA11y("project")
	wantStatus(t, tb, "the report form", tb.follow(`main a[href="`+page+`/reports/new"]`), 200)
	tb.checkA11y("monthly report form")

	month := programme.MonthOf(civil.OfLondon(time.Now())).String()
	for _, id := range []string{"status.overall", "status.cost", "status.milestones", "status.risks", "status.issues", "status.non_cashable"} {
		selectValue(t, tb, id, "on_target")
	}
	selectValue(t, tb, "status.cashable", "none")
	selectValue(t, tb, "status.cost", "")
	tb.fill("month", month)
	tb.fill("finance.budget", "120000")
	tb.fill("finance.spend", "-40")
	wantStatus(t, tb, "a report with errors", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a report with errors", tb.state(), map[string]string{
		"#status.cost":   "Select a status from the list: On Target, At Risk, Compromised, Completed, None or Not currently reporting",
		"#finance.spend": "Spend to date must be £0 or more",
	})
	tb.checkA11y("monthly report form with errors")

	selectValue(t, tb, "status.cost", "at_risk")
	tb.fill("finance.spend", "40,250.50")
	tb.fill("commentary", "Two family workers started; the first families were referred.")
	tb.fill("milestones[0].name", "First families supported")
	tb.fillDate("milestones[0].planned", "30", "6", "2021")
	tb.fill("membership.total", "9")
	tb.fill("membership.officers", "5")
	tb.fill("membership.service_users", "4")
	wantStatus(t, tb, "check the report", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if ps := tb.state(); !strings.HasPrefix(ps.H1, "Check the report for ") || !strings.Contains(ps.Main, "£40,250.50") {
		t.Fatalf("the check page: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	tb.checkA11y("monthly report check page")
	wantStatus(t, tb, "submit the report", tb.follow(`main form[method=post] button[value=save]`), 200)
	ps := tb.state()
	if ps.H1 != "Edge of Care Hub" || !strings.Contains(ps.Main, "Two family workers started") {
		t.Fatalf("after the report: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	if !strings.Contains(ps.Main, "Spend to date £40,250.50") || !strings.Contains(ps.Main, "Agreed budget £120,000") {
		t.Errorf("the report's finance is not shown: %.600s", ps.Main)
	}
	if !hasRow(tb.rows("Milestones"), "First families supported", "30 June 2021", "Not yet") {
		t.Errorf("the milestone is not shown: %q", tb.rows("Milestones"))
	}
	tb.checkA11y("project with its report")
}

// managerMovesGateway: the programme manager records a gateway decision:
// a return without a reason is refused, naming the field; an approval moves
// the project on and the gateway history shows it. Then a figure for an
// outcome's measure, the annual report and the board pack. axe checks each
// page.
func managerMovesGateway(t *testing.T, tb *tab, s *site) {
	page := testProject(t, s, "Family Group Conferencing")
	signIn(t, tb, "test.programme_manager", false)
	wantStatus(t, tb, "the project", tb.open(page), 200)
	wantStatus(t, tb, "the gateway form", tb.follow(`main a[href="`+page+`/gateway"]`), 200)
	tb.checkA11y("gateway decision form")

	if !eval[bool](tb, `(() => { document.getElementById('decision').click(); document.getElementById('return').click(); return true })()`) {
		t.Fatal("no decision to choose")
	}
	tb.fillDate("on", "14", "9", "2021")
	tb.fill("by", "Programme board")
	wantStatus(t, tb, "a return without a reason", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a return without a reason", tb.state(), map[string]string{
		"#reason": "Enter why the project returns to the previous gateway",
	})
	tb.checkA11y("gateway decision with errors")

	if !eval[bool](tb, `(() => { const r = document.getElementById('return'); if (r.checked) r.click(); document.getElementById('decision').click(); return !r.checked })()`) {
		t.Fatal("could not untick the return")
	}
	wantStatus(t, tb, "approve the move", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "Family Group Conferencing" {
		t.Fatalf("after the decision: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	if rows := tb.rows("Gateway history"); !hasRow(rows, "14 September 2021", "Approved", "Delivery", "Closure", "Programme board") {
		t.Errorf("the gateway history shows %q", rows)
	}
	tb.checkA11y("project after a gateway decision")

	// A figure entered for an outcome's measure, its value refused until
	// it is a number; the outcome's page then shows its trend.
	wantStatus(t, tb, "the outcome", tb.follow(`main a[href^="/programme/outcomes/"]`), 200)
	tb.checkA11y("outcome")
	wantStatus(t, tb, "the figure form", tb.follow(`main a[href$="/measures/new"]`), 200)
	tb.checkA11y("measure or figure form")
	tb.fill("measure", "Children in care per 10,000")
	tb.fill("period", "2021-22")
	tb.fillDate("on", "31", "3", "2022")
	tb.fill("value", "91,4")
	tb.fill("reason", "Year-end figure")
	wantStatus(t, tb, "a figure that is not a number", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a figure that is not a number", tb.state(), map[string]string{"#value": "Value must be a number, such as 145.8"})
	tb.checkA11y("measure or figure form with errors")
	tb.fill("value", "91.4")
	wantStatus(t, tb, "add the figure", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if rows := tb.rows("Children in care per 10,000"); !hasRow(rows, "2020-21", "96.0") || !hasRow(rows, "2021-22", "31 March 2022", "91.4") {
		t.Errorf("the measure's trend shows %q", rows)
	}

	wantStatus(t, tb, "the annual report", tb.open("/programme/annual-report?year=2021-22"), 200)
	if ps := tb.state(); !strings.Contains(ps.Main, "Programme finance") {
		t.Errorf("the annual report shows %.300s", ps.Main)
	}
	tb.checkA11y("annual report")
	wantStatus(t, tb, "the board pack", tb.open("/programme/board-pack?month=2021-09"), 200)
	tb.checkA11y("board pack")
}
