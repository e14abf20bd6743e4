package browsertest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
	"hearth/internal/store"
)

// unauthorisedAssessment writes Noah Reid, referred to the practitioner's
// team a month before the collection year began, with an assessment
// started then and never authorised. The journey allows an assessment to
// stay open, but the census of the year refuses one not authorised that
// started before the year (rule 8736). It returns the child, the
// assessment and the year.
func unauthorisedAssessment(t *testing.T, s *site) (people.ID, journey.ID, int) {
	t.Helper()
	ctx := context.Background()
	st := s.app.Store
	today := civil.OfLondon(time.Now())
	year := indicators.YearOf(today)
	begins := cin.Year(year).Start()
	admin, err := st.UserByUsername(ctx, "test.admin")
	if err != nil {
		t.Fatal(err)
	}
	worker, err := st.UserByUsername(ctx, "test.practitioner")
	if err != nil {
		t.Fatal(err)
	}
	c := store.Change{By: admin.ID, At: time.Now().UTC(), Reason: "Record created for the browser tests"}
	if council, v, err := st.CouncilDetails(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	} else if council.LANumber == "" {
		if _, err := st.SetCouncilDetails(ctx, store.Council{LANumber: "336"}, v, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.app.CreateUser(ctx, app.Actor{}, app.NewUser{Username: "test.analyst", DisplayName: "Test Analyst", Password: password,
		Roles: []access.Role{access.Analyst}, TeamID: worker.TeamID}, true); err != nil {
		t.Fatal(err)
	}
	noah, err := st.CreatePerson(ctx, people.Person{GivenName: "Noah", FamilyName: "Reid", DateOfBirth: civil.MustNew(2016, time.July, 2), Sex: "1",
		Ethnicity: "WBRI", Identifiers: people.Identifiers{LAChildID: "WV100777"}}, c)
	if err != nil {
		t.Fatal(err)
	}
	inv := access.Involvement{PersonID: noah.ID, Kind: access.KindChildInNeed, TeamID: worker.TeamID, WorkerID: worker.ID, StartDate: begins.AddDays(-30)}
	if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
		t.Fatal(err)
	}
	ref, err := st.CreateJourneyRecord(ctx, journey.Record{Kind: journey.KindReferral, PersonID: noah.ID, Start: begins.AddDays(-30), TeamID: worker.TeamID,
		Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N1"}}, c)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.CreateJourneyRecord(ctx, journey.Record{Kind: journey.KindAssessment, PersonID: noah.ID, Episode: ref.ID, Start: begins.AddDays(-20),
		TeamID: worker.TeamID, Assessment: &journey.Assessment{}}, c)
	if err != nil {
		t.Fatal(err)
	}
	return noah.ID, a.ID, year
}

// checkAReturn: an analyst checks the CIN census of the year from the
// statutory returns page and finds Noah's assessment under rule 8736,
// linked to its record, which they open. The practitioner authorises the
// assessment through the record's edit form; the analyst checks again and
// the finding is gone. The practitioner sees the rule on the record's page
// before the fix, and not after. axe checks each page.
func checkAReturn(t *testing.T, analyst, practitioner *tab, s *site) {
	noah, assessment, year := unauthorisedAssessment(t, s)
	record := fmt.Sprintf("/people/%d/journey/%d", noah, assessment)
	finding := fmt.Sprintf(`main table[data-rule="8736"] a[href="%s"]`, record)

	signIn(t, analyst, "test.analyst", false)
	wantStatus(t, analyst, "the returns", analyst.follow(`nav a[href="/returns"]`), 200)
	wantStatus(t, analyst, "check a return", analyst.follow(`main a[href="/returns/check"]`), 200)
	if ps := analyst.state(); ps.H1 != "Check a return" {
		t.Fatalf("check a return: heading %q", ps.H1)
	}
	analyst.checkA11y("check a return")
	analyst.fill("year", strconv.Itoa(year))
	wantStatus(t, analyst, "the check", analyst.follow(`main form[action="/returns/check"] button[type=submit]`), 200)
	ps := analyst.state()
	if want := fmt.Sprintf("Check of the Children in need census %d", year); ps.H1 != want {
		t.Fatalf("the check: heading %q, want %q; page says %.300s", ps.H1, want, ps.Main)
	}
	checked := analyst.state().Path
	rows := eval[[]string](analyst, `[...document.querySelectorAll('main table[data-rule="8736"] tbody tr')].map(r => r.textContent.replace(/\s+/g, ' ').trim())`)
	if !hasRow([][]string{rows}, "Noah Reid", "WV100777", "AssessmentActualStartDate") {
		t.Errorf("the check: no row for Noah's assessment under rule 8736 in %q", rows)
	}
	if n := eval[int](analyst, `document.querySelectorAll(`+jsString(finding)+`).length`); n != 1 {
		t.Fatalf("the check: %d links to Noah's assessment under rule 8736, want 1", n)
	}
	if errors := eval[string](analyst, `document.getElementById('errors').textContent`); errors == "0" {
		t.Errorf("the check: no errors counted")
	}
	analyst.checkA11y("the check of a return")
	wantStatus(t, analyst, "the finding's record", analyst.follow(finding), 200)
	if ps := analyst.state(); ps.Path != record || ps.H1 != "Child and family assessment" {
		t.Errorf("the finding's record: at %s, heading %q", ps.Path, ps.H1)
	}
	analyst.checkA11y("a finding's record")

	// The practitioner who holds Noah authorises the assessment today.
	signIn(t, practitioner, "test.practitioner", false)
	wantStatus(t, practitioner, "the record", practitioner.open(record), 200)
	warned := func() string {
		return eval[string](practitioner, `(() => { const w = document.getElementById('return-warnings'); return w ? w.textContent + ' ' + w.nextElementSibling.textContent : ''; })()`)
	}
	if w := warned(); !strings.Contains(w, "children in need census") || !strings.Contains(w, "8736") {
		t.Errorf("the record, to the practitioner: census warning %q, want rule 8736", w)
	}
	practitioner.checkA11y("a journey record with a census warning")
	wantStatus(t, practitioner, "its edit form", practitioner.follow(`main a[href="`+record+`/edit"]`), 200)
	today := civil.OfLondon(time.Now())
	practitioner.fillDate("end", strconv.Itoa(today.Day), strconv.Itoa(int(today.Month)), strconv.Itoa(today.Year))
	wantStatus(t, practitioner, "the check page", practitioner.follow(`main form[action="`+record+`/edit"] button[type=submit]`), 200)
	practitioner.fill("reason", "Assessment authorised by the team manager")
	wantStatus(t, practitioner, "saved", practitioner.follow(`main button[name=action][value=save]`), 200)
	if ps := practitioner.state(); ps.Banner != "Record saved" {
		t.Fatalf("after saving: at %s, banner %q; page says %.300s", ps.Path, ps.Banner, ps.Main)
	}
	if w := warned(); strings.Contains(w, "8736") {
		t.Errorf("after saving: census warning %q still names rule 8736", w)
	}

	wantStatus(t, analyst, "the check again", analyst.open(checked), 200)
	if n := eval[int](analyst, `document.querySelectorAll(`+jsString(finding)+`).length`); n != 0 {
		t.Errorf("the check again: Noah's assessment is still under rule 8736")
	}
	analyst.checkA11y("the check of a return, again")
}
