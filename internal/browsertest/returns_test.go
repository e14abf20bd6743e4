package browsertest

import (
	"strconv"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/indicators"
)

// statutoryReturns: an administrator sets the council's LA number, which a
// return's header carries, then opens the statutory returns page and asks
// for a census with a year before the census began and a day that does not
// exist: the error summary links each to its box. axe checks each page.
// (The download itself is checked by the server's tests: a browser saves
// it rather than showing it.)
func statutoryReturns(t *testing.T, tb *tab) {
	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "the council's details", tb.open("/admin/council"), 200)
	tb.checkA11y("the council's details")
	tb.fill("la_number", "3366")
	tb.fill("reason", "The DfE's number")
	wantStatus(t, tb, "a bad LA number", tb.follow(`main form button[type=submit]`), 422)
	wantErrors(t, "a bad LA number", tb.state(), map[string]string{
		"#la_number": "Enter the council's LA number: the three digits the DfE gives it, such as 336",
	})
	tb.checkA11y("the council's details, with an error")
	tb.fill("la_number", "336")
	wantStatus(t, tb, "the LA number saved", tb.follow(`main form button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "The council’s details" {
		t.Errorf("after saving: heading %q", ps.H1)
	}

	wantStatus(t, tb, "the returns", tb.follow(`nav a[href="/returns"]`), 200)
	if ps := tb.state(); ps.H1 != "Statutory returns" {
		t.Fatalf("the returns: heading %q", ps.H1)
	}
	tb.checkA11y("statutory returns")
	tb.fill("year", "2001")
	tb.fillDate("as_recorded_on", "31", "2", "2023")
	wantStatus(t, tb, "a bad year and day", tb.follow(`main form[action="/returns"] button[type=submit]`), 422)
	wantErrors(t, "a bad year and day", tb.state(), map[string]string{
		"#year":               "Enter a collection year from 2009 to " + lastYear(),
		"#as_recorded_on-day": "The date the records are read as recorded on must be a real date",
	})
	tb.checkA11y("statutory returns, with errors")
}

// lastYear is the latest collection year a return may be made for: the one
// today falls in.
func lastYear() string { return strconv.Itoa(indicators.YearOf(civil.OfLondon(time.Now()))) }
