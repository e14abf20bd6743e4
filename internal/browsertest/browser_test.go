package browsertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/server"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"

	"github.com/chromedp/chromedp"
)

const password = "correct horse battery staple"

// Values the journey types and then looks for.
const (
	badNHS    = "1234567890" // ten digits whose check digit does not match
	goodNHS   = "9434765919"
	laChildID = "WV100234"
	reason    = "NHS number and date of birth confirmed with the GP practice"
)

// site is a whole Hearth on a temporary SQLite store, served on 127.0.0.1.
// The child, Amira Khan, has an open child-in-need involvement held by the
// practitioner's team, two addresses and a mother on record.
type site struct {
	url   string
	app   *app.App // for a test that changes how Hearth is set up (sso_test.go)
	child people.ID
	// mother is Amira's mother, Fatima, with an early help involvement of
	// the practitioner's team entered on its own (not from a journey
	// record), which the practitioner may end.
	mother people.ID
	// baker is a second child, Leon Baker, with a contact at the front door
	// received 30 hours ago and not yet decided. plan is Amira's child in
	// need plan, whose visit is overdue.
	baker people.ID
	plan  journey.ID
	// pupil is a child whose school roll the education team keeps
	// (education_test.go), whom the education officer reads.
	pupil people.ID
	// maya is a child in care, Maya Osei, referred 300 days ago and in
	// foster care with the council's own carers for the last 200 days.
	maya people.ID
	// ezra is a child in need allocated to the practitioner, whose SEN
	// support the education team keeps (eduwork_test.go).
	ezra people.ID
}

func startHearth(t *testing.T) *site {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(st, log)
	// The scenarios write some records straight to the store, as another
	// server would: the framework asks the store on every request.
	a.PerformanceStampEvery = 0
	svc, err := st.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	if err != nil {
		t.Fatal(err)
	}
	team, err := st.CreateTeam(ctx, access.Team{Name: "Safeguarding 1", ServiceID: svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	users := map[access.Role]access.User{}
	for _, role := range []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Admin, access.Auditor, access.ProgrammeManager, access.Education} {
		u, err := a.CreateUser(ctx, app.Actor{}, app.NewUser{
			Username: "test." + string(role), DisplayName: "Test " + access.RoleLabel(role),
			Password: password, Roles: []access.Role{role}, TeamID: team.ID,
		}, true)
		if err != nil {
			t.Fatalf("create %s: %v", role, err)
		}
		users[role] = u
	}
	c := store.Change{By: users[access.Admin].ID, Reason: "Record created for the browser tests"}
	child, err := st.CreatePerson(ctx, people.Person{
		GivenName: "Amira", FamilyName: "Khan", DateOfBirth: civil.MustNew(2015, time.May, 4), Sex: "2",
		Identifiers: people.Identifiers{LAChildID: laChildID},
		Addresses: []people.Address{
			{Line1: "14 Mill Lane", Town: "Bilston", Postcode: "WV14 0AB", StartDate: civil.MustNew(2015, time.May, 4), EndDate: civil.MustNew(2019, time.March, 1)},
			{Line1: "1 High Street", Town: "Wolverhampton", Postcode: "WV1 1AA", StartDate: civil.MustNew(2019, time.March, 1)},
		},
	}, c)
	if err != nil {
		t.Fatal(err)
	}
	mother, err := st.CreatePerson(ctx, people.Person{
		GivenName: "Fatima", FamilyName: "Khan", DateOfBirth: civil.MustNew(1988, time.August, 12), Sex: "2",
		Addresses: []people.Address{{Line1: "1 High Street", Town: "Wolverhampton", Postcode: "WV1 1AA", StartDate: civil.MustNew(2019, time.March, 1)}},
	}, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateRelationship(ctx, people.Relationship{From: mother.ID, To: child.ID, Type: "parent", StartDate: child.DateOfBirth}, c); err != nil {
		t.Fatal(err)
	}
	inv := access.Involvement{PersonID: child.ID, Kind: access.KindChildInNeed, TeamID: team.ID, WorkerID: users[access.Practitioner].ID, StartDate: civil.MustNew(2024, time.January, 2)}
	if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
		t.Fatal(err)
	}
	// The team works with the mother too (early help), so that the
	// practitioner may relate her to another person: a relationship may be
	// made only to a person the user has a relationship of their own to.
	inv = access.Involvement{PersonID: mother.ID, Kind: access.KindEarlyHelp, TeamID: team.ID, StartDate: civil.MustNew(2024, time.January, 2)}
	if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
		t.Fatal(err)
	}
	s := &site{child: child.ID, mother: mother.ID, app: a}
	s.baker, s.plan = journeys(t, st, team.ID, users, c, child.ID)
	s.maya = childInCare(t, st, team.ID, c)
	s.pupil = pupil(t, st, team.ID, c)
	s.ezra = knownPupil(t, st, team.ID, users[access.Practitioner].ID, c)
	homeEducated(t, st, team.ID, c)
	h, err := server.New(a, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	s.url = srv.URL
	return s
}

// journeys writes the journey records the journey's steps start from:
// Amira referred 60 days ago, allocated to the practitioner, on a child in
// need plan for 50 days and not visited (so her visit is overdue); and
// Leon Baker, with a contact from the police received 30 hours ago.
func journeys(t *testing.T, st store.Store, team access.TeamID, users map[access.Role]access.User, c store.Change, amira people.ID) (people.ID, journey.ID) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	c.At = now.UTC()
	today := civil.OfLondon(now)
	add := func(r journey.Record) journey.Record {
		t.Helper()
		got, err := st.CreateJourneyRecord(ctx, r, c)
		if err != nil {
			t.Fatalf("journey record %s: %v", r.Kind, err)
		}
		return got
	}
	ref := add(journey.Record{Kind: journey.KindReferral, PersonID: amira, Start: today.AddDays(-60), TeamID: team,
		Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N1"}})
	add(journey.Record{Kind: journey.KindAllocation, PersonID: amira, Episode: ref.ID, Start: today.AddDays(-60), TeamID: team,
		WorkerID: users[access.Practitioner].ID, Allocation: &journey.Allocation{Reason: "New referral"}})
	plan := add(journey.Record{Kind: journey.KindCINPlan, PersonID: amira, Episode: ref.ID, Start: today.AddDays(-50), TeamID: team, Plan: &journey.Plan{}})

	leon, err := st.CreatePerson(ctx, people.Person{GivenName: "Leon", FamilyName: "Baker", DateOfBirth: civil.MustNew(2018, time.October, 9), Sex: "1"}, c)
	if err != nil {
		t.Fatal(err)
	}
	received := now.Add(-30 * time.Hour).Truncate(time.Minute)
	add(journey.Record{Kind: journey.KindContact, PersonID: leon.ID, Start: civil.OfLondon(received), TeamID: team,
		Contact: &journey.Contact{ReceivedAt: received, Source: "6", Summary: "Police attended a domestic incident at the family home"}})
	return leon.ID, plan.ID
}

// childInCare writes Maya Osei, referred to the team 300 days ago and in
// care for the last 200 days in one placement.
func childInCare(t *testing.T, st store.Store, team access.TeamID, c store.Change) people.ID {
	t.Helper()
	ctx := context.Background()
	c.At = time.Now().UTC()
	today := civil.OfLondon(time.Now())
	maya, err := st.CreatePerson(ctx, people.Person{GivenName: "Maya", FamilyName: "Osei", DateOfBirth: civil.MustNew(2012, time.February, 17), Sex: "2"}, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []journey.Record{
		{Kind: journey.KindReferral, PersonID: maya.ID, Start: today.AddDays(-300), TeamID: team, Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}},
		{Kind: journey.KindCareEpisode, PersonID: maya.ID, Start: today.AddDays(-200), TeamID: team,
			CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR1", Postcode: "WV3 3AB", URN: "SC123456", ReasonNew: "S"}},
	} {
		if _, err := st.CreateJourneyRecord(ctx, r, c); err != nil {
			t.Fatalf("journey record %s: %v", r.Kind, err)
		}
	}
	return maya.ID
}

// TestBrowser runs Hearth's pages in headless Chromium. Each subtest has its
// own browser context, and so its own session; all share one browser.
func TestBrowser(t *testing.T) {
	began := time.Now()
	chromium := chromiumPath(t)
	axeJS := axeSource(t)
	s := startHearth(t)
	browser := startChromium(t, chromium)
	shots := screenshotDir(t)
	report := &a11yReport{}
	open := func(t *testing.T, js bool) *tab { return newTab(t, browser, s.url, axeJS, shots, report, js) }

	t.Run("axe finds a planted fault", func(t *testing.T) { axeWorks(t, open(t, true)) })
	t.Run("practitioner changes a child's record", func(t *testing.T) { changeRecord(t, open(t, true), s) })
	t.Run("practitioner adds a person", func(t *testing.T) { addPerson(t, open(t, true), s) })
	t.Run("pages work without JavaScript", func(t *testing.T) { withoutJavaScript(t, open(t, false), s) })
	t.Run("administrator and auditor pages", func(t *testing.T) { adminAndAuditor(t, open(t, true)) })
	t.Run("front door decides a contact", func(t *testing.T) { decideContact(t, open(t, true), s) })
	t.Run("practitioner's overdue work and a visit", func(t *testing.T) { overdueAndVisit(t, open(t, true), s) })
	t.Run("manager's team work and allocation", func(t *testing.T) { teamWork(t, open(t, true), s) })
	t.Run("practitioner records a move of placement", func(t *testing.T) { placementMove(t, open(t, true), s) })
	t.Run("practitioner records a missing episode and its return interview", func(t *testing.T) { missingEpisode(t, open(t, true), s) })
	t.Run("the form of every care record", func(t *testing.T) { careForms(t, open(t, true), s) })
	t.Run("manager keeps the register of foster carers", func(t *testing.T) { carersRegister(t, open(t, true)) })
	t.Run("project owner submits a monthly report", func(t *testing.T) { projectOwnerReports(t, open(t, true), s) })
	t.Run("programme manager records a gateway decision", func(t *testing.T) { managerMovesGateway(t, open(t, true), s) })
	t.Run("manager opens a figure of the performance framework", func(t *testing.T) { performanceFramework(t, open(t, true), s) })
	t.Run("practitioner makes a Supporting Families claim", func(t *testing.T) { practitionerClaims(t, open(t, true), s) })
	t.Run("programme manager sets the Supporting Families target", func(t *testing.T) { managerSetsTarget(t, open(t, true), s) })
	t.Run("a CME referral from the public form to its closure", func(t *testing.T) { cmeReferralToClosure(t, open(t, true), s) })
	t.Run("education officer takes an EHC needs assessment to its final plan", func(t *testing.T) { ehcRequestToPlan(t, open(t, true), s) })
	t.Run("education officer closes a CME enquiry", func(t *testing.T) { cmeEnquiryToClosure(t, open(t, true), s) })
	t.Run("administrator enters the term dates", func(t *testing.T) { termDates(t, open(t, true)) })
	t.Run("education officer reads the home education register", func(t *testing.T) { eheRegister(t, open(t, true)) })
	t.Run("administrator names the Virtual School", func(t *testing.T) { nameVirtualSchool(t, open(t, true)) })
	t.Run("an exclusion flagged to the child's social worker", func(t *testing.T) { exclusionFlagged(t, open(t, true), s) })
	t.Run("administrator asks for a statutory return", func(t *testing.T) { statutoryReturns(t, open(t, true)) })
	t.Run("administrator imports a past census", func(t *testing.T) { importPastReturns(t, open(t, true)) })
	t.Run("analyst checks a return and a practitioner fixes its finding", func(t *testing.T) { checkAReturn(t, open(t, true), open(t, true), s) })
	t.Run("manager opens the schooling report of children with a social worker", func(t *testing.T) { schoolingReport(t, open(t, true)) })

	t.Logf("axe checked %d pages: %s", len(report.pages), strings.Join(report.pages, "; "))
	if len(report.findings) > 0 {
		t.Logf("axe violations:\n  %s", strings.Join(report.findings, "\n  "))
	}
	t.Logf("browser tests took %s", time.Since(began).Round(time.Millisecond))
}

// signIn signs in from the sign-in page that "/" redirects to.
func signIn(t *testing.T, tb *tab, username string, checkA11y bool) {
	t.Helper()
	wantStatus(t, tb, "the sign-in page", tb.open("/"), 200)
	ps := tb.state()
	if !strings.HasPrefix(ps.Path, "/sign-in") || ps.H1 != "Sign in to Hearth" {
		t.Fatalf("signed out, / shows %s (%q), want the sign-in page", ps.Path, ps.H1)
	}
	if checkA11y {
		tb.checkA11y("sign-in page")
	}
	tb.fill("username", username)
	tb.fill("password", password)
	wantStatus(t, tb, "signing in", tb.follow(`main form[action="/sign-in"] button[type=submit]`), 200)
	if ps := tb.state(); ps.Path != "/" || !strings.HasPrefix(ps.H1, "Hello, ") {
		t.Fatalf("after signing in as %s: at %s (%q), want the home page; page says: %.300s", username, ps.Path, ps.H1, ps.Main)
	}
}

// wantStatus stops the subtest when a step did not reach the page it should:
// every later step would fail for the same reason.
func wantStatus(t *testing.T, tb *tab, what string, got, want int64) {
	t.Helper()
	if got != want {
		ps := tb.state()
		t.Fatalf("%s: HTTP status %d, want %d; at %s, titled %q, saying: %.400s", what, got, want, ps.Path, ps.Title, ps.Main)
	}
}

// wantErrors checks a page with a GOV.UK error summary: the title starts with
// "Error:", the summary has exactly the links wanted (href to message), and
// each link goes to a field that shows the same message inline.
func wantErrors(t *testing.T, what string, ps pageState, want map[string]string) {
	t.Helper()
	if !strings.HasPrefix(ps.Title, "Error: ") {
		t.Errorf("%s: title %q does not start with \"Error: \"", what, ps.Title)
	}
	if len(ps.Summary) != len(want) {
		t.Errorf("%s: error summary has %d links %+v, want %d; page says: %.400s", what, len(ps.Summary), ps.Summary, len(want), ps.Main)
	}
	for _, l := range ps.Summary {
		msg, ok := want[l.Href]
		switch {
		case !ok:
			t.Errorf("%s: unexpected error summary link %s %q", what, l.Href, l.Text)
			continue
		case l.Text != msg:
			t.Errorf("%s: error summary link %s says %q, want %q", what, l.Href, l.Text, msg)
		}
		switch l.Target {
		case "input", "textarea", "select":
		case "":
			t.Errorf("%s: error summary link %s goes to no element", what, l.Href)
		default:
			t.Errorf("%s: error summary link %s goes to a %s, want a form field", what, l.Href, l.Target)
		}
		if !strings.Contains(l.Inline, msg) {
			t.Errorf("%s: the field of %s shows %q inline, want %q", what, l.Href, l.Inline, msg)
		}
	}
	if ps.Inline < len(want) {
		t.Errorf("%s: %d inline error messages, want at least %d", what, ps.Inline, len(want))
	}
}

// hasRow reports whether one row holds every one of the texts, in any cell.
func hasRow(rows [][]string, cells ...string) bool {
	for _, r := range rows {
		joined := strings.Join(r, " | ")
		all := true
		for _, c := range cells {
			all = all && strings.Contains(joined, c)
		}
		if all {
			return true
		}
	}
	return false
}

// headerLayout checks that the signed-in user's name and the sign-out button
// sit on one line at the right of the header.
func headerLayout(t *testing.T, tb *tab) {
	t.Helper()
	type box struct {
		Name, SignOut [2]float64 // left and top of each
		Inside        bool       // the form is inside .hearth-user, as the template means
	}
	b := eval[box](tb, `(() => {
  const r = e => { const b = e.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.top)]; };
  return {
    Name: r(document.querySelector('header a[href="/account"]')),
    SignOut: r(document.querySelector('header form[action="/sign-out"] button')),
    Inside: !!document.querySelector('header .hearth-user form[action="/sign-out"]'),
  };
})()`)
	if dy := b.Name[1] - b.SignOut[1]; !b.Inside || dy < -8 || dy > 8 || b.SignOut[0] < b.Name[0] {
		t.Errorf("header: the user's name is at %v and the sign-out button at %v (left, top), want them side by side; "+
			"sign-out form inside .hearth-user: %v (a <form> cannot sit inside a <p>, so the parser moves it out)", b.Name, b.SignOut, b.Inside)
	}
}

// changeRecord is the main journey: find the child, make two mistakes, fix
// them, check, give a reason and save, then read the history.
func changeRecord(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", true)
	tb.checkA11y("home page")
	headerLayout(t, tb)

	// Find the child.
	wantStatus(t, tb, "search form", tb.follow(`nav a[href="/search"]`), 200)
	if ps := tb.state(); ps.H1 != "Find a person" {
		t.Fatalf("search form: heading %q", ps.H1)
	}
	tb.checkA11y("search form")
	tb.fill("name", "Amira")
	wantStatus(t, tb, "search results", tb.follow(`main form[action="/search"] button`), 200)
	results := tb.rows("Search results")
	if len(results) != 1 || !hasRow(results, "Khan, Amira", "4 May 2015", "WV1 1AA") {
		t.Errorf("search for Amira found %q, want only Amira Khan, born 4 May 2015, of WV1 1AA", results)
	}
	tb.checkA11y("search results")
	record := fmt.Sprintf("/people/%d", s.child)
	wantStatus(t, tb, "the child's page", tb.follow(`main table a[href="`+record+`"]`), 200)

	// The child's page.
	ps := tb.state()
	if ps.Path != record || ps.H1 != "Amira Khan" || !strings.HasPrefix(ps.Title, "Amira Khan") {
		t.Fatalf("child's page: at %s, heading %q, title %q", ps.Path, ps.H1, ps.Title)
	}
	ids := tb.summaryList("Identifiers")
	if ids["LA child ID"] != laChildID || ids["NHS number"] != "Not recorded" {
		t.Errorf("child's identifiers: %q, want LA child ID %s and no NHS number", ids, laChildID)
	}
	addrs := tb.rows("Addresses")
	if len(addrs) != 2 || !hasRow(addrs, "1 High Street, Wolverhampton, WV1 1AA", "1 March 2019", "Current") || !hasRow(addrs, "14 Mill Lane, Bilston, WV14 0AB", "4 May 2015", "1 March 2019") {
		t.Errorf("child's addresses: %q, want the current one in Wolverhampton and the past one in Bilston", addrs)
	}
	rels := tb.rows("Family and professional relationships")
	if len(rels) != 1 || !hasRow(rels, "Fatima Khan", "Parent", "12 August 1988", "4 May 2015") {
		t.Errorf("child's relationships: %q, want Fatima Khan as parent", rels)
	}
	viewers := tb.rows("Who has viewed this record")
	if !hasRow(viewers, "test.practitioner", "Opened a record") {
		t.Errorf("who has viewed this record: %q, want this view by test.practitioner", viewers)
	}
	tb.screenshot("child-page")
	tb.checkA11y("child's page")

	// The relationship's change page, with a mistake in the end date.
	wantStatus(t, tb, "change a relationship", tb.follow(`main table a[href^="`+record+`/relationships/"]`), 200)
	if ps := tb.state(); ps.H1 != "Change a relationship" {
		t.Fatalf("change a relationship: heading %q", ps.H1)
	}
	if v := tb.value("type"); v != "parent:from" {
		t.Errorf("change a relationship: type holds %q, want parent:from", v)
	}
	tb.checkA11y("change a relationship")
	tb.fillDate("end_date", "31", "2", "2024")
	tb.fill("reason", "moved away")
	wantStatus(t, tb, "change a relationship with an error", tb.follow(`main form button[type=submit]`), 422)
	wantErrors(t, "change a relationship with an error", tb.state(), map[string]string{"#end_date-day": "End date must be a real date"})
	tb.checkA11y("change a relationship with an error")

	// The add page finds the other person by name.
	wantStatus(t, tb, "add a relationship", tb.open(record+"/relationships/new"), 200)
	tb.fill("find", "Fatima")
	wantStatus(t, tb, "add a relationship, people found", tb.follow(`main form[method=get] button[type=submit]`), 200)
	if label := eval[string](tb, `document.querySelector('main input[name=to][type=radio] + label')?.textContent.trim() ?? ''`); label != "Fatima Khan" {
		t.Errorf("add a relationship: first person offered is %q, want Fatima Khan", label)
	}
	tb.checkA11y("add a relationship, people found")
	wantStatus(t, tb, "the child's page again", tb.open(record), 200)

	// Change it, with two mistakes.
	wantStatus(t, tb, "edit form", tb.follow(`main a[href="`+record+`/edit"]`), 200)
	if ps := tb.state(); ps.H1 != "Change Amira Khan" {
		t.Fatalf("edit form: heading %q", ps.H1)
	}
	if v := tb.value("identifiers.la_child_id"); v != laChildID {
		t.Errorf("edit form: LA child ID holds %q, want %q", v, laChildID)
	}
	if d, m, y := tb.value("date_of_birth-day"), tb.value("date_of_birth-month"), tb.value("date_of_birth-year"); d+"/"+m+"/"+y != "4/5/2015" {
		t.Errorf("edit form: date of birth holds %s/%s/%s, want 4/5/2015", d, m, y)
	}
	tb.checkA11y("edit form")
	tb.fill("identifiers.nhs_number", badNHS)
	tb.fillDate("date_of_birth", "31", "2", "2015")
	wantStatus(t, tb, "edit form with errors", tb.follow(`main form[action="`+record+`/edit"] button[type=submit]`), 422)
	ps = tb.state()
	wantErrors(t, "edit form with errors", ps, map[string]string{
		"#identifiers.nhs_number": "NHS number is not valid: its check digit does not match",
		"#date_of_birth-day":      "Date of birth must be a real date",
	})
	if v := tb.value("identifiers.nhs_number"); v != badNHS {
		t.Errorf("edit form with errors: NHS number holds %q, want what was typed, %q", v, badNHS)
	}
	if v := tb.value("date_of_birth-day"); v != "31" {
		t.Errorf("edit form with errors: day of birth holds %q, want what was typed, 31", v)
	}
	// GOV.UK Frontend moves focus to the summary, and its links to the field.
	if !strings.Contains(ps.Focused, "govuk-error-summary") {
		t.Errorf("edit form with errors: focus is on %q, want the error summary", ps.Focused)
	}
	tb.do("click the NHS number error", chromedp.Click(chromedp.CSS(`.govuk-error-summary__list a[href="#identifiers.nhs_number"]`)))
	if f := tb.state().Focused; f != "identifiers.nhs_number" {
		t.Errorf("after clicking the NHS number error, focus is on %q, want the NHS number field", f)
	}
	tb.screenshot("edit-errors")
	tb.checkA11y("edit form with errors")

	// Fix both and check.
	tb.fill("identifiers.nhs_number", goodNHS)
	tb.fillDate("date_of_birth", "30", "1", "2015")
	wantStatus(t, tb, "check page", tb.follow(`main form[action="`+record+`/edit"] button[type=submit]`), 200)
	ps = tb.state()
	if ps.H1 != "Check your changes to Amira Khan" || len(ps.Summary) > 0 {
		t.Fatalf("check page: heading %q, errors %+v; page says: %.300s", ps.H1, ps.Summary, ps.Main)
	}
	changes := tb.rows("What will change")
	if len(changes) != 2 || !hasRow(changes, "Date of birth", "4 May 2015", "30 January 2015") || !hasRow(changes, "NHS number", "Not recorded", goodNHS) {
		t.Errorf("check page lists changes %q, want only the date of birth (4 May 2015 to 30 January 2015) and the NHS number", changes)
	}
	tb.checkA11y("check page")

	// Save without a reason, then with one.
	wantStatus(t, tb, "save without a reason", tb.follow(`main button[name=action][value=save]`), 422)
	wantErrors(t, "save without a reason", tb.state(), map[string]string{"#reason": "Enter the reason for this change"})
	tb.checkA11y("check page with an error")
	tb.fill("reason", reason)
	wantStatus(t, tb, "save", tb.follow(`main button[name=action][value=save]`), 200)
	ps = tb.state()
	if ps.Path != record+"?saved=1" || ps.Banner != "Record saved" {
		t.Errorf("after saving: at %s with banner %q, want %s?saved=1 with \"Record saved\"", ps.Path, ps.Banner, record)
	}
	if nhs := tb.summaryList("Identifiers")["NHS number"]; nhs != goodNHS {
		t.Errorf("after saving: NHS number %q, want %s", nhs, goodNHS)
	}
	if dob := tb.summaryList("Details")["Date of birth"]; dob != "30 January 2015" {
		t.Errorf("after saving: date of birth %q, want 30 January 2015", dob)
	}

	// The history.
	wantStatus(t, tb, "history", tb.follow(`main a[href="`+record+`/history"]`), 200)
	type card struct{ Title, Text string }
	cards := eval[[]card](tb, `[...document.querySelectorAll('main .govuk-summary-card')].map(c => ({
  Title: c.querySelector('.govuk-summary-card__title').textContent.replace(/\s+/g, ' ').trim(),
  Text: c.querySelector('.govuk-summary-card__content').textContent.replace(/\s+/g, ' ').trim(),
}))`)
	switch {
	case len(cards) != 3:
		t.Errorf("history shows %d versions %q, want 2 of the record and 1 of a relationship", len(cards), cards)
	default:
		if !strings.HasPrefix(cards[0].Title, "Version 2:") || !strings.Contains(cards[0].Title, "by Test Practitioner") {
			t.Errorf("history: newest version is titled %q, want version 2 by Test Practitioner", cards[0].Title)
		}
		if !strings.Contains(cards[0].Text, "Reason: "+reason) || !strings.Contains(cards[0].Text, goodNHS) || !strings.Contains(cards[0].Text, "30 January 2015") {
			t.Errorf("history: version 2 says %q, want the reason and both changes", cards[0].Text)
		}
		if !strings.HasPrefix(cards[1].Title, "Version 1:") || !strings.Contains(cards[1].Text, "Record created") {
			t.Errorf("history: oldest version is %q: %q, want version 1, record created", cards[1].Title, cards[1].Text)
		}
		if !strings.HasPrefix(cards[2].Title, "Fatima Khan (Parent), version 1:") || !strings.Contains(cards[2].Text, "Relationship recorded, started 4 May 2015") {
			t.Errorf("history: the relationship's version is %q: %q, want Fatima Khan as parent, recorded", cards[2].Title, cards[2].Text)
		}
	}
	tb.checkA11y("history")
}

// axeWorks plants a field with no label on the sign-in page and expects axe
// to report it, so that a clean result elsewhere means something.
func axeWorks(t *testing.T, tb *tab) {
	wantStatus(t, tb, "the sign-in page", tb.open("/sign-in"), 200)
	eval[bool](tb, `(() => {
  const probe = document.createElement('input');
  probe.type = 'text';
  probe.id = 'axe-probe';
  document.querySelector('main form').appendChild(probe);
  return true;
})()`)
	for _, v := range tb.axe("sign-in page with a planted fault") {
		for _, target := range v.Targets {
			if v.ID == "label" && target == "#axe-probe" {
				return
			}
		}
	}
	t.Error("axe did not report a text field with no label: the accessibility checks are not working")
}

// addPerson looks at the account page, then adds a person, first forgetting
// the family name.
func addPerson(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	wantStatus(t, tb, "account", tb.follow(`nav a[href="/account"]`), 200)
	if ps := tb.state(); ps.H1 != "Your account" {
		t.Errorf("account: heading %q", ps.H1)
	}
	tb.checkA11y("account")

	wantStatus(t, tb, "new person form", tb.follow(`nav a[href="/people/new"]`), 200)
	if ps := tb.state(); ps.H1 != "Add a person" {
		t.Fatalf("new person form: heading %q", ps.H1)
	}
	tb.checkA11y("new person form")
	tb.fill("given_name", "Leo")
	tb.fillDate("date_of_birth", "14", "3", "2019")
	wantStatus(t, tb, "new person without a family name", tb.follow(`main form[action="/people/new"] button[type=submit]`), 422)
	wantErrors(t, "new person without a family name", tb.state(), map[string]string{"#family_name": "Enter a family name"})
	if v := tb.value("given_name"); v != "Leo" {
		t.Errorf("new person form with errors: given name holds %q, want what was typed, Leo", v)
	}
	tb.checkA11y("new person form with errors")

	tb.fill("family_name", "Okafor")
	wantStatus(t, tb, "new person check page", tb.follow(`main form[action="/people/new"] button[type=submit]`), 200)
	ps := tb.state()
	if ps.H1 != "Check the new record" {
		t.Fatalf("new person check page: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	if rec := tb.summaryList("The new record"); rec["Given names"] != "Leo" || rec["Family name"] != "Okafor" || rec["Date of birth"] != "14 March 2019" {
		t.Errorf("new person check page shows %q", rec)
	}
	tb.checkA11y("new person check page")
	tb.fill("reason", "Referred by his school; no record found")
	wantStatus(t, tb, "add the person", tb.follow(`main button[name=action][value=save]`), 200)
	ps = tb.state()
	if !strings.HasPrefix(ps.Path, "/people/") || !strings.HasSuffix(ps.Path, "?saved=1") || ps.H1 != "Leo Okafor" || ps.Banner != "Record saved" {
		t.Errorf("after adding: at %s, heading %q, banner %q; want Leo Okafor's page with \"Record saved\"", ps.Path, ps.H1, ps.Banner)
	}
	// The one who adds a person has the day to record what brought them
	// in: their contact involvement ends today.
	today := civil.Of(time.Now().In(civil.London))
	if inv := tb.rows("Involvement with services"); !hasRow(inv, "Contact", "Safeguarding 1", today.Format()) || hasRow(inv, "Open") {
		t.Errorf("after adding: involvement %q, want a contact with Safeguarding 1 for today", inv)
	}

	// End the team's early help with Amira's mother, entered on its own:
	// no further action. First without a reason.
	wantStatus(t, tb, "the mother's page", tb.open(fmt.Sprintf("/people/%d", s.mother)), 200)
	wantStatus(t, tb, "end an involvement", tb.follow(`main table a[href$="/end"]`), 200)
	if ps := tb.state(); ps.H1 != "End an involvement" {
		t.Fatalf("end an involvement: heading %q", ps.H1)
	}
	if got := tb.summaryList("The involvement"); got["Kind"] != "Early help" || got["Team"] != "Safeguarding 1" || got["Worker"] != "Not allocated" || got["Started"] != "2 January 2024" {
		t.Errorf("end an involvement shows %q, want the early help with Safeguarding 1 since 2 January 2024", got)
	}
	if d, m, y := tb.value("end_date-day"), tb.value("end_date-month"), tb.value("end_date-year"); d+"/"+m+"/"+y != fmt.Sprintf("%d/%d/%d", today.Day, int(today.Month), today.Year) {
		t.Errorf("end an involvement: the end date holds %s/%s/%s, want today", d, m, y)
	}
	tb.checkA11y("end an involvement")
	wantStatus(t, tb, "end an involvement without a reason", tb.follow(`main form button[type=submit]`), 422)
	wantErrors(t, "end an involvement without a reason", tb.state(), map[string]string{"#reason": "Enter the reason for this change"})
	tb.checkA11y("end an involvement with an error")
	tb.fill("reason", "Early help plan completed")
	wantStatus(t, tb, "end the involvement", tb.follow(`main form button[type=submit]`), 200)
	ps = tb.state()
	if !strings.HasSuffix(ps.Path, "?saved=1") || ps.H1 != "Fatima Khan" || ps.Banner != "Record saved" {
		t.Errorf("after ending: at %s, heading %q, banner %q; want Fatima Khan's page with \"Record saved\"", ps.Path, ps.H1, ps.Banner)
	}
	if inv := tb.rows("Involvement with services"); !hasRow(inv, "Early help", "Safeguarding 1", today.Format()) || hasRow(inv, "Open") {
		t.Errorf("after ending: involvement %q, want the early help ended today", inv)
	}
}

// withoutJavaScript signs in, searches, opens the record and meets an error
// in a tab that runs no page script.
func withoutJavaScript(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	if tb.state().JS {
		t.Fatal("the page's script ran: JavaScript is not off")
	}
	tb.fill("name", "Amira") // the search box on the home page
	wantStatus(t, tb, "search results", tb.follow(`main form[action="/search"] button`), 200)
	if results := tb.rows("Search results"); !hasRow(results, "Khan, Amira") {
		t.Fatalf("search for Amira found %q", results)
	}
	record := fmt.Sprintf("/people/%d", s.child)
	wantStatus(t, tb, "the child's page", tb.follow(`main table a[href="`+record+`"]`), 200)
	if ps := tb.state(); ps.H1 != "Amira Khan" {
		t.Fatalf("child's page: heading %q", ps.H1)
	}
	wantStatus(t, tb, "edit form", tb.follow(`main a[href="`+record+`/edit"]`), 200)
	tb.fill("identifiers.nhs_number", badNHS)
	wantStatus(t, tb, "edit form with an error", tb.follow(`main form[action="`+record+`/edit"] button[type=submit]`), 422)
	ps := tb.state()
	wantErrors(t, "edit form with an error, without JavaScript", ps, map[string]string{
		"#identifiers.nhs_number": "NHS number is not valid: its check digit does not match",
	})
	if ps.JS {
		t.Error("the page's script ran: JavaScript is not off")
	}
}

// adminAndAuditor checks the pages only an administrator or an auditor sees,
// signing out between the two.
func adminAndAuditor(t *testing.T, tb *tab) {
	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "users", tb.follow(`nav a[href="/admin/users"]`), 200)
	if ps := tb.state(); ps.H1 != "Users" {
		t.Fatalf("users: heading %q", ps.H1)
	}
	if users := tb.rows("Users"); !hasRow(users, "Test Practitioner", "test.practitioner", "Practitioner", "Safeguarding 1", "Active") {
		t.Errorf("users: %q, want the practitioner, active, in Safeguarding 1", users)
	}
	tb.checkA11y("users (administrator)")
	for _, link := range []struct{ href, name string }{
		{"/admin/restrictions/new", "restrict a record"},
		{"/admin/grants/new", "open a restricted record"},
		{"/admin/timescales", "timescales"},
	} {
		wantStatus(t, tb, link.name, tb.follow(`main a[href="`+link.href+`"]`), 200)
		tb.checkA11y(link.name)
		wantStatus(t, tb, "users", tb.follow(`nav a[href="/admin/users"]`), 200)
	}
	// A statutory timescale lengthened, with no reason, is refused beside
	// its box.
	wantStatus(t, tb, "timescales", tb.follow(`main a[href="/admin/timescales"]`), 200)
	tb.fill("review_months", "7")
	wantStatus(t, tb, "timescales with errors", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "timescales with errors", tb.state(), map[string]string{
		"#review_months": "Later review conferences are at most 6 months apart: it can be shorter but not longer, or less than 1",
		"#reason":        "Enter the reason for this change",
	})
	tb.checkA11y("timescales with errors")
	wantStatus(t, tb, "users", tb.follow(`nav a[href="/admin/users"]`), 200)

	wantStatus(t, tb, "sign out", tb.follow(`header form[action="/sign-out"] button`), 200)
	if ps := tb.state(); !strings.HasPrefix(ps.Path, "/sign-in") {
		t.Fatalf("after signing out: at %s, want the sign-in page", ps.Path)
	}
	signIn(t, tb, "test.auditor", false)
	wantStatus(t, tb, "access log", tb.follow(`nav a[href="/audit"]`), 200)
	if ps := tb.state(); ps.H1 != "Access log" {
		t.Fatalf("access log: heading %q", ps.H1)
	}
	if entries := tb.rows("Access log entries, newest first"); !hasRow(entries, "test.practitioner") {
		t.Errorf("access log: %d entries, want the practitioner's among them", len(entries))
	}
	tb.checkA11y("access log (auditor)")
}

// decideContact: the front door's queue shows Leon's contact overdue; the
// decision page shows the contact and who knows the family; a decision
// without a choice is refused; a referral opens, and the journey says so.
func decideContact(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.mash", false)
	wantStatus(t, tb, "front door", tb.follow(`nav a[href="/front-door"]`), 200)
	if ps := tb.state(); ps.H1 != "Front door" {
		t.Fatalf("front door: heading %q", ps.H1)
	}
	if queue := tb.rows("Contacts awaiting a decision"); !hasRow(queue, "Baker, Leon", "Overdue by 6 hours") {
		t.Errorf("front door: queue %q, want Leon Baker's contact, overdue by 6 hours", queue)
	}
	tb.checkA11y("front door")
	wantStatus(t, tb, "contact decision", tb.follow(`main table a[href$="/decision"]`), 200)
	if ps := tb.state(); ps.H1 != "Contact for Leon Baker" {
		t.Fatalf("contact decision: heading %q", ps.H1)
	}
	if c := tb.summaryList("The contact"); c["Who made the contact"] != "Police" || c["The child’s status"] != "Open contact" {
		t.Errorf("contact decision: the contact shows %q, want a police contact, status open contact", c)
	}
	tb.screenshot("contact-decision")
	tb.checkA11y("contact decision")
	wantStatus(t, tb, "decision without a choice", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "decision without a choice", tb.state(), map[string]string{"#decision": "Choose what happens next"})
	tb.checkA11y("contact decision with an error")

	tb.do("choose a referral", chromedp.Click(byID("decision-referral")))
	tb.do("choose the primary need", chromedp.SetValue(byID("primary_need"), "N1"))
	team := eval[string](tb, `document.getElementById('team_id').options[1].value`)
	tb.do("choose the team", chromedp.SetValue(byID("team_id"), team))
	wantStatus(t, tb, "decide", tb.follow(`main form[method=post] button[type=submit]`), 200)
	ps := tb.state()
	if want := fmt.Sprintf("/people/%d/journey?decided=referral", s.baker); ps.Path != want || ps.Banner != "Contact decided: Referral to children's social care" {
		t.Fatalf("after deciding: at %s with banner %q, want %s with the decision; page says %.300s", ps.Path, ps.Banner, want, ps.Main)
	}
	if !strings.Contains(ps.Main, "Status: In assessment") {
		t.Errorf("after deciding: the journey does not say the child is in assessment: %.300s", ps.Main)
	}
	if chron := tb.rows("Chronology, newest first"); !hasRow(chron, "Referral received", "Referral") || !hasRow(chron, "Contact decided: Referral to children's social care") {
		t.Errorf("after deciding: chronology %q, want the decision and the referral", chron)
	}
	tb.screenshot("journey")
	tb.checkA11y("journey after a decision")
}

// overdueAndVisit: Amira's visit is overdue on the practitioner's list;
// recording a visit (first with a mistake) takes it off.
func overdueAndVisit(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	wantStatus(t, tb, "my work", tb.follow(`nav a[href="/my-work"]`), 200)
	if ps := tb.state(); ps.H1 != "My work" {
		t.Fatalf("my work: heading %q", ps.H1)
	}
	if n := eval[string](tb, `document.getElementById('overdue-count').textContent`); n != "1" {
		t.Errorf("my work: %s overdue, want 1", n)
	}
	if due := tb.rows("What is due, the most urgent first"); !hasRow(due, "Khan, Amira", "Visit the child (child in need)", "Overdue") {
		t.Errorf("my work: due %q, want Amira's visit, overdue", due)
	}
	tb.screenshot("my-work")
	tb.checkA11y("my work")

	journeyPath := fmt.Sprintf("/people/%d/journey", s.child)
	wantStatus(t, tb, "journey", tb.follow(`main table a[href="`+journeyPath+`"]`), 200)
	if ps := tb.state(); ps.H1 != "Amira Khan’s journey" || !strings.Contains(ps.Main, "Status: Child in need") {
		t.Fatalf("journey: heading %q; page says %.300s", ps.H1, ps.Main)
	}
	if m := tb.rows("Teams that have worked with the child"); !hasRow(m, "Safeguarding 1", "Open", "Referral") {
		t.Errorf("journey: matrix %q, want Safeguarding 1, open", m)
	}
	tb.checkA11y("journey")
	tb.do("open the list of records", chromedp.Click(chromedp.CSS(`main details summary`)))
	wantStatus(t, tb, "visit form", tb.follow(`main a[href="`+journeyPath+`/new?kind=visit"]`), 200)
	if ps := tb.state(); ps.H1 != "Record a visit" {
		t.Fatalf("visit form: heading %q", ps.H1)
	}
	tb.checkA11y("visit form")
	tb.do("choose the plan", chromedp.SetValue(byID("follows"), fmt.Sprint(s.plan)))
	tb.do("not seen", chromedp.Click(byID("visit.seen-no")))
	tb.do("seen alone", chromedp.Click(byID("visit.seen_alone")))
	wantStatus(t, tb, "visit with a mistake", tb.follow(`main form button[type=submit]`), 422)
	wantErrors(t, "visit with a mistake", tb.state(), map[string]string{"#visit.seen_alone": "A child seen alone must also be seen"})
	tb.screenshot("visit-errors")
	tb.checkA11y("visit form with an error")
	tb.do("seen", chromedp.Click(byID("visit.seen")))
	wantStatus(t, tb, "visit check page", tb.follow(`main form button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "Check the visit before saving" {
		t.Fatalf("visit check page: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	if v := tb.summaryList("The new visit"); v["Was the child seen"] != "Yes" || v["Was the child seen alone"] != "Yes" || !strings.HasPrefix(v["The plan it is about"], "Child in need plan") {
		t.Errorf("visit check page shows %q", v)
	}
	tb.checkA11y("visit check page")
	wantStatus(t, tb, "save the visit", tb.follow(`main button[name=action][value=save]`), 200)
	ps := tb.state()
	if ps.Path != journeyPath+"?saved=1" || ps.Banner != "Record saved" {
		t.Errorf("after saving: at %s with banner %q", ps.Path, ps.Banner)
	}
	if chron := tb.rows("Chronology, newest first"); !hasRow(chron, "Visit: child seen alone") {
		t.Errorf("after saving: chronology %q, want the visit", chron)
	}
	visit := eval[string](tb, `[...document.querySelectorAll('main table a')].find(a => a.textContent.trim() === 'Visit: child seen alone')?.getAttribute('href') ?? ''`)
	if !strings.HasPrefix(visit, journeyPath+"/") {
		t.Fatalf("after saving: the chronology's visit links to %q", visit)
	}
	wantStatus(t, tb, "the visit's page", tb.follow(`main table a[href="`+visit+`"]`), 200)
	if ps := tb.state(); ps.H1 != "Visit" {
		t.Errorf("the visit's page: heading %q", ps.H1)
	}
	tb.checkA11y("journey record")
	wantStatus(t, tb, "change the visit", tb.follow(`main a[href$="/edit"]`), 200)
	tb.checkA11y("change a journey record")

	wantStatus(t, tb, "my work again", tb.follow(`nav a[href="/my-work"]`), 200)
	if n := eval[string](tb, `document.getElementById('overdue-count').textContent`); n != "0" {
		t.Errorf("my work after the visit: %s overdue, want 0", n)
	}
	if due := tb.rows("What is due, the most urgent first"); hasRow(due, "Visit the child") {
		t.Errorf("my work after the visit: due %q, want the visit gone", due)
	}
}

// teamWork: a manager reaches the team's list from their own, and the
// allocation form from it.
func teamWork(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.team_manager", false)
	wantStatus(t, tb, "my work", tb.follow(`nav a[href="/my-work"]`), 200)
	wantStatus(t, tb, "team work", tb.follow(`main a[href$="/work"]`), 200)
	if ps := tb.state(); ps.H1 != "Work of Safeguarding 1" {
		t.Fatalf("team work: heading %q", ps.H1)
	}
	if kids := tb.rows("Children of the team"); !hasRow(kids, "Khan, Amira", "Test Practitioner") {
		t.Errorf("team work: children %q, want Amira with Test Practitioner", kids)
	}
	tb.checkA11y("team work")
	wantStatus(t, tb, "allocation", tb.follow(fmt.Sprintf(`main a[href="/people/%d/allocation"]`, s.child)), 200)
	if ps := tb.state(); ps.H1 != "Allocate to a worker" {
		t.Fatalf("allocation: heading %q", ps.H1)
	}
	tb.checkA11y("allocation")
}

// placementMove: Maya's journey shows her placement; a move with its
// questions unanswered is refused, naming each; the move, made, shows on
// her placements as the current one, with its reason and a move counted.
func placementMove(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	journeyPath := fmt.Sprintf("/people/%d/journey", s.maya)
	wantStatus(t, tb, "journey", tb.open(journeyPath), 200)
	if p := tb.rows("Placements, newest first"); len(p) != 1 || !hasRow(p, "Foster care with other carers: not long term", "The council's own provision", "WV3 3AB", "Now", "Start of a period of care") {
		t.Errorf("placements %q, want the one foster placement", p)
	}
	if m := eval[string](tb, `document.getElementById('moves').textContent`); m != "0 moves of placement in the last 12 months" {
		t.Errorf("moves: %q", m)
	}
	tb.checkA11y("journey with placements")

	movePath := fmt.Sprintf("/people/%d/placement-move", s.maya)
	wantStatus(t, tb, "move form", tb.follow(`main a[href="`+movePath+`"]`), 200)
	if ps := tb.state(); ps.H1 != "Record a move of placement" {
		t.Fatalf("move form: heading %q", ps.H1)
	}
	if now := tb.summaryList("The placement now"); now["Placement type"] != "Foster care with other carers: not long term" || now["Postcode"] != "WV3 3AB" {
		t.Errorf("move form: the placement now %q", now)
	}
	tb.checkA11y("placement move")
	wantStatus(t, tb, "move with nothing answered", tb.follow(`main form button[type=submit]`), 422)
	wantErrors(t, "move with nothing answered", tb.state(), map[string]string{
		"#placement":    "Choose the new placement type",
		"#same_carers":  "Say whether the child stays with the same carers",
		"#reason":       "Choose the reason for the move",
		"#legal_change": "Say whether the legal status changes too",
	})
	tb.screenshot("placement-move-errors")
	tb.checkA11y("placement move with errors")

	tb.do("choose the placement", chromedp.SetValue(byID("placement"), "U4"))
	tb.do("choose the provider", chromedp.SetValue(byID("provider"), "PR4"))
	tb.fill("postcode", "WV2 2BB")
	tb.fill("urn", "SC765432")
	tb.do("new carers", chromedp.Click(byID("same_carers-no")))
	tb.do("choose the reason", chromedp.SetValue(byID("reason"), "CREQB"))
	tb.do("the legal status stays", chromedp.Click(byID("legal_change-no")))
	wantStatus(t, tb, "record the move", tb.follow(`main form button[type=submit]`), 200)
	ps := tb.state()
	if ps.Path != journeyPath+"?moved=1" || ps.Banner != "Move of placement recorded" {
		t.Fatalf("after the move: at %s with banner %q; page says %.300s", ps.Path, ps.Banner, ps.Main)
	}
	p := tb.rows("Placements, newest first")
	if len(p) != 2 || !hasRow(p[:1], "Foster care with other carers: long term", "Private provision", "WV2 2BB", "Now", "Carers asked for it to end because of the child's behaviour") ||
		!hasRow(p[1:], "Foster care with other carers: not long term", "WV3 3AB", "Start of a period of care") {
		t.Errorf("after the move: placements %q, want the new one first and the old one ended", p)
	}
	if m := eval[string](tb, `document.getElementById('moves').textContent`); m != "1 move of placement in the last 12 months" {
		t.Errorf("after the move: %q", m)
	}
	tb.screenshot("journey-placements")
	tb.checkA11y("journey after a move")
}

// missingEpisode: Maya's missing episode, first without the time she went,
// then in full with the return interview offered, accepted and held; the
// check page shows the interview, and the chronology the episode.
func missingEpisode(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	journeyPath := fmt.Sprintf("/people/%d/journey", s.maya)
	wantStatus(t, tb, "journey", tb.open(journeyPath), 200)
	tb.do("open the list of records", chromedp.Click(chromedp.CSS(`main details summary`)))
	wantStatus(t, tb, "missing form", tb.follow(`main a[href="`+journeyPath+`/new?kind=missing"]`), 200)
	if ps := tb.state(); ps.H1 != "Record a missing episode" {
		t.Fatalf("missing form: heading %q", ps.H1)
	}
	tb.checkA11y("missing episode form")
	today := civil.OfLondon(time.Now())
	went, back := today.AddDays(-2), today.AddDays(-1)
	fill := func(name string, d civil.Date) {
		tb.fillDate(name, fmt.Sprint(d.Day), fmt.Sprint(int(d.Month)), fmt.Sprint(d.Year))
	}
	fill("missing.started_at", went)
	tb.do("reported to the police", chromedp.Click(byID("missing.reported_to_police")))
	wantStatus(t, tb, "missing without a time", tb.follow(`main form button[type=submit]`), 422)
	wantErrors(t, "missing without a time", tb.state(), map[string]string{
		"#missing.started_at-day": "When they went missing must include a time in hours and minutes, such as 14:30",
	})
	tb.checkA11y("missing episode form with an error")

	tb.fill("missing.started_at-time", "21:30")
	fill("missing.returned_at", back)
	tb.fill("missing.returned_at-time", "08:15")
	tb.do("interview offered", chromedp.Click(byID("missing.interview_offered")))
	tb.do("interview accepted", chromedp.Click(byID("missing.interview_accepted")))
	fill("missing.interview_date", today)
	wantStatus(t, tb, "missing check page", tb.follow(`main form button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "Check the missing episode before saving" {
		t.Fatalf("missing check page: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	m := tb.summaryList("The new missing episode")
	if m["When they went missing"] != went.Format()+" at 21:30" || m["When they came back"] != back.Format()+" at 08:15" ||
		m["Were they reported to the police"] != "Yes" || m["Was a return interview offered"] != "Yes" ||
		m["Was the return interview accepted"] != "Yes" || m["Date of the return interview"] != today.Format() {
		t.Errorf("missing check page shows %q", m)
	}
	tb.checkA11y("missing episode check page")
	wantStatus(t, tb, "save the missing episode", tb.follow(`main button[name=action][value=save]`), 200)
	ps := tb.state()
	if ps.Path != journeyPath+"?saved=1" || ps.Banner != "Record saved" {
		t.Fatalf("after saving: at %s with banner %q; page says %.300s", ps.Path, ps.Banner, ps.Main)
	}
	if chron := tb.rows("Chronology, newest first"); !hasRow(chron, went.Format(), "Missing episode") {
		t.Errorf("after saving: chronology %q, want the missing episode", chron)
	}
	rec := eval[string](tb, `[...[...document.querySelectorAll('main table')].find(t => t.caption?.textContent.includes('Chronology'))?.tBodies[0].rows ?? []]
  .find(r => r.cells[2]?.textContent.trim() === 'Missing episode')?.querySelector('a')?.getAttribute('href') ?? ''`)
	if !strings.HasPrefix(rec, journeyPath+"/") {
		t.Fatalf("after saving: the chronology's missing episode links to %q", rec)
	}
	wantStatus(t, tb, "the missing episode's page", tb.follow(`main table a[href="`+rec+`"]`), 200)
	if d := tb.summaryList("Details"); d["Date of the return interview"] != today.Format() || d["Was the return interview accepted"] != "Yes" {
		t.Errorf("the missing episode's page shows %q", d)
	}
	tb.checkA11y("missing episode's page")
}

// careForms opens the journey's form for each kind of care record, as the
// journey page offers them, and runs axe on each.
func careForms(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	for _, k := range []journey.Kind{journey.KindCareEpisode, journey.KindCareReview, journey.KindHealthAssessment, journey.KindDentalCheck,
		journey.KindImmunisations, journey.KindSDQ, journey.KindPEP, journey.KindUASC, journey.KindAdoption, journey.KindSGO,
		journey.KindLeavingCare, journey.KindPathwayPlan, journey.KindLeaverContact, journey.KindScreening, journey.KindMACE} {
		wantStatus(t, tb, string(k)+" form", tb.open(fmt.Sprintf("/people/%d/journey/new?kind=%s", s.maya, k)), 200)
		if ps := tb.state(); !strings.HasPrefix(ps.H1, "Record ") {
			t.Errorf("%s form: heading %q", k, ps.H1)
		}
		tb.checkA11y(string(k) + " form")
	}
}
