package browsertest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/programme"
)

// practitionerClaims: a practitioner makes a Supporting Families claim from
// the child's page: a window out of order and no headline problem are
// refused, each named in the error summary and at its field; the claim
// saved, they may not check their own claim's evidence; the year's page
// lists it. axe checks each page.
func practitionerClaims(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.practitioner", false)
	record := fmt.Sprintf("/people/%d", s.child)
	wantStatus(t, tb, "the child's page", tb.open(record), 200)
	wantStatus(t, tb, "the claim form", tb.follow(`main a[href="`+record+`/claims/new"]`), 200)
	tb.checkA11y("Supporting Families claim form")

	y := programme.YearOf(civil.OfLondon(time.Now()))
	first, last := strconv.Itoa(int(y)), strconv.Itoa(int(y)+1)
	tb.fill("family", "SF-0042")
	tb.fillDate("opens", "1", "4", last)
	tb.fillDate("closes", "31", "3", last)
	wantStatus(t, tb, "a claim with errors", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a claim with errors", tb.state(), map[string]string{
		"#closes-day": "Window closes must be on or after the day it opens",
		"#problems":   "Select at least one headline problem the family made progress against",
	})
	tb.checkA11y("Supporting Families claim form with errors")

	tb.fillDate("opens", "1", "4", first)
	if !eval[bool](tb, `(() => { document.getElementById('problems').click(); document.getElementById('problems-health').click(); return true })()`) {
		t.Fatal("no headline problems to choose")
	}
	tb.fill("evidence", "Attendance above 90% for three terms; GP confirms the mother's treatment continues.")
	wantStatus(t, tb, "save the claim", tb.follow(`main form[method=post] button[type=submit]`), 200)
	ps := tb.state()
	if ps.H1 != "Claim SF-0042" || !strings.Contains(ps.Main, "Getting a good education") || !strings.Contains(ps.Main, "Draft") {
		t.Fatalf("after saving: heading %q, errors %+v, page %.300s", ps.H1, ps.Summary, ps.Main)
	}
	tb.checkA11y("Supporting Families claim")

	if !eval[bool](tb, `(() => { document.getElementById('to').click(); return true })()`) {
		t.Fatal("no move to choose")
	}
	wantStatus(t, tb, "checking one's own claim", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "checking one's own claim", tb.state(), map[string]string{
		"#to": "A claim's evidence is checked by someone other than those who made the claim or wrote its evidence",
	})

	wantStatus(t, tb, "the year's claims", tb.open("/programme/families?year="+y.String()), 200)
	if rows := tb.rows("Claims whose window closes in " + y.String()); !hasRow(rows, "SF-0042", "Amira Khan", "Draft") {
		t.Errorf("the year's claims show %q", rows)
	}
	tb.checkA11y("Supporting Families")
}

// managerSetsTarget: the programme manager sets this year's Supporting
// Families target on the programme's form (an unreadable number refused at
// its box), and the year's page then measures progress against it. axe
// checks the form.
func managerSetsTarget(t *testing.T, tb *tab, s *site) {
	testProject(t, s, "Supporting Families")
	signIn(t, tb, "test.programme_manager", false)
	wantStatus(t, tb, "the programme's form", tb.open("/programme/edit"), 200)
	tb.checkA11y("programme form with its lists")
	y := programme.YearOf(civil.OfLondon(time.Now()))
	tb.fill("family_targets[0].year", y.String())
	tb.fill("family_targets[0].families", "four hundred")
	tb.fill("reason", "This year's target agreed")
	wantStatus(t, tb, "a target that is not a number", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a target that is not a number", tb.state(), map[string]string{
		"#family_targets%5b0%5d.families": "Families must be a whole number, such as 453",
	})
	tb.fill("family_targets[0].families", "453")
	wantStatus(t, tb, "save the target", tb.follow(`main form[method=post] button[type=submit]`), 200)
	wantStatus(t, tb, "the year's page", tb.open("/programme/families?year="+y.String()), 200)
	if ps := tb.state(); !strings.Contains(ps.Main, "453 families") {
		t.Errorf("the year's page does not show the target: %.400s", ps.Main)
	}
}
