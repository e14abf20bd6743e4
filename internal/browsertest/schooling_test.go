package browsertest

import "testing"

// schoolingReport: a team manager opens the schooling report of children with
// a social worker from the navigation, asks for a day that does not exist
// (the error summary links to its box), then opens a figure's list of
// children. axe checks each page.
func schoolingReport(t *testing.T, tb *tab) {
	signIn(t, tb, "test.team_manager", false)
	wantStatus(t, tb, "the schooling report", tb.follow(`nav a[href="/schooling"]`), 200)
	if ps := tb.state(); ps.H1 != "Attendance and SEND of children with a social worker" {
		t.Fatalf("the schooling report: heading %q", ps.H1)
	}
	tb.checkA11y("schooling report")
	tb.fillDate("at", "31", "2", "2023")
	wantStatus(t, tb, "a day that does not exist", tb.follow(`main form[action="/schooling"] button[type=submit]`), 422)
	wantErrors(t, "a day that does not exist", tb.state(), map[string]string{"#at-day": "The day must be a real date"})
	tb.checkA11y("schooling report, with an error")
	wantStatus(t, tb, "a figure's children", tb.follow(`#schooling a[href*="figure=persistent_absence"]`), 200)
	tb.checkA11y("schooling report, a figure's children")
}
