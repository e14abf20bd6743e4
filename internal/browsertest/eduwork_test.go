package browsertest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// knownPupil writes Ezra Stone, a child in need allocated to worker in the
// team, with SEN support at a school that the team's education officer
// keeps, so that the officer may record his exclusion.
func knownPupil(t *testing.T, st store.Store, team access.TeamID, worker access.UserID, c store.Change) people.ID {
	t.Helper()
	ctx := context.Background()
	p, err := st.CreatePerson(ctx, people.Person{GivenName: "Ezra", FamilyName: "Stone", DateOfBirth: civil.MustNew(2011, time.June, 21), Sex: "1"}, c)
	if err != nil {
		t.Fatal(err)
	}
	inv := access.Involvement{PersonID: p.ID, Kind: access.KindChildInNeed, TeamID: team, WorkerID: worker, StartDate: civil.MustNew(2025, time.November, 3)}
	if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
		t.Fatal(err)
	}
	r := education.Record{PersonID: p.ID, Kind: education.KindSENSupport, Start: civil.MustNew(2023, time.September, 4), TeamID: team,
		SENSupport: &education.SENSupport{School: "103234", Needs: []education.Need{{Type: "SEMH", Rank: 1}}}}
	if _, err := st.CreateEducationRecord(ctx, r, c); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// nameVirtualSchool: the administrator names the test team as the Virtual
// School (first without a reason, refused with the field named); axe runs
// on each page.
func nameVirtualSchool(t *testing.T, tb *tab) {
	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "the Virtual School page", tb.open("/admin/virtual-school"), 200)
	if ps := tb.state(); ps.H1 != "Virtual School" || !strings.Contains(ps.Main, "No team has been named") {
		t.Fatalf("the Virtual School page: %q %.300s", ps.H1, ps.Main)
	}
	tb.checkA11y("Virtual School setting")
	if !eval[bool](tb, `(s => !!s && (s.selectedIndex = 1, true))(document.getElementById("team_id"))`) {
		t.Fatal("no team list")
	}
	wantStatus(t, tb, "without a reason", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "without a reason", tb.state(), map[string]string{"#reason": "Enter the reason for this change"})
	tb.checkA11y("Virtual School setting with errors")
	tb.fill("reason", "The Virtual School's head asked for the flags")
	wantStatus(t, tb, "name the team", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if rows := tb.rows("Each change, newest first"); !hasRow(rows, "1", "Safeguarding 1") {
		t.Errorf("history: %q", rows)
	}
}

// exclusionFlagged: the education officer records a suspension of Ezra,
// who has a social worker; the social worker signs in, sees it flagged on
// their work list, and opens Ezra's record. axe runs on each page.
func exclusionFlagged(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.education", false)
	ezra := "/people/" + strconv.FormatInt(int64(s.ezra), 10)
	wantStatus(t, tb, "Ezra's education", tb.open(ezra+"/education"), 200)
	wantStatus(t, tb, "the exclusion form", tb.follow(`main a[href$="/education/new?kind=exclusion"]`), 200)
	tb.checkA11y("suspension or exclusion form")
	today := civil.OfLondon(time.Now())
	tb.fill("exclusion.school", "103234")
	if !eval[bool](tb, `(() => { const c = document.getElementById("exclusion.category"), r = document.getElementById("exclusion.reasons.0");
		if (!c || !r) return false; c.value = "SUSP"; r.value = "DB"; return true })()`) {
		t.Fatal("no category or reason list")
	}
	tb.fillDate("exclusion.start", strconv.Itoa(today.Day), strconv.Itoa(int(today.Month)), strconv.Itoa(today.Year))
	tb.fill("exclusion.sessions", "4")
	wantStatus(t, tb, "record the suspension", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "Suspension or exclusion" {
		t.Fatalf("after recording: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	// The officer's own list has nothing of any journey in it. (Every test
	// user is in the one team, which the step before named the Virtual
	// School, so the officer, who reads Ezra's education, has the note too.)
	wantStatus(t, tb, "the officer's work", tb.open("/my-work"), 200)
	if ps := tb.state(); strings.Contains(ps.Main, "Khan") || strings.Contains(ps.Main, "Child in need") {
		t.Errorf("the officer's list: %.500s", ps.Main)
	}
	tb.checkA11y("my work (education officer)")
	wantStatus(t, tb, "sign out", tb.follow(`header form[action="/sign-out"] button`), 200)

	signIn(t, tb, "test.practitioner", false)
	wantStatus(t, tb, "my work", tb.follow(`nav a[href="/my-work"]`), 200)
	want := "Exclusion recorded: " + today.Format() + ", Suspension"
	if rows := tb.rows("Exclusions recorded, newest first"); !hasRow(rows, "Stone, Ezra", want) || len(rows) != 1 {
		t.Fatalf("the flags: %q, want one row %q", rows, want)
	}
	tb.checkA11y("my work with an exclusion flagged")
	wantStatus(t, tb, "Ezra's record", tb.follow(`main a[href="`+ezra+`"]`), 200)
	if ps := tb.state(); !strings.Contains(ps.H1, "Ezra") || !strings.Contains(ps.Main, "Suspension") {
		t.Errorf("Ezra's record: %q %.400s", ps.H1, ps.Main)
	}
	tb.checkA11y("a child's record after an exclusion")
}
