package browsertest

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
)

// cmeEnquiryToClosure: the education officer records an enquiry about a
// child missing education with its reasonable enquiries, is refused its
// closure without a risk assessment (the field named), closes it with
// one, and opens the forms of home education and an ISAPP referral; axe
// runs on each page.
func cmeEnquiryToClosure(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.education", false)
	education := "/people/" + strconv.FormatInt(int64(s.pupil), 10) + "/education"
	wantStatus(t, tb, "the pupil's education", tb.open(education), 200)
	wantStatus(t, tb, "the CME form", tb.follow(`main a[href$="/education/new?kind=cme"]`), 200)
	tb.checkA11y("CME enquiry form")

	today := civil.OfLondon(time.Now())
	received := today.AddDays(-20)
	date := func(name string, d civil.Date) {
		tb.fillDate(name, strconv.Itoa(d.Day), strconv.Itoa(int(d.Month)), strconv.Itoa(d.Year))
	}
	pick := func(id, code string) {
		if !eval[bool](tb, `((s, v) => !!s && (s.value = v, true))(document.getElementById(`+jsString(id)+`), `+jsString(code)+`)`) {
			t.Fatalf("no select %s", id)
		}
	}
	date("cme.received", received)
	pick("cme.source", "internal")
	tb.fill("cme.referrer", "Riverside Primary")
	pick("cme.steps.0.step", "family")
	date("cme.steps.0.on", received.AddDays(1))
	pick("cme.steps.1.step", "schools")
	date("cme.steps.1.on", received.AddDays(3))
	tb.fill("cme.steps.1.outcome", "On roll at a school in another authority")
	pick("cme.outcome", "on_roll")
	date("cme.closed", received.AddDays(5))
	wantStatus(t, tb, "closing without a risk assessment", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "closing without a risk assessment", tb.state(), map[string]string{
		"#cme.risk_assessment": "Record the risk assessment before closing the enquiry",
	})
	tb.checkA11y("CME enquiry form with errors")
	if got := tb.value("cme.steps.1.outcome"); got != "On roll at a school in another authority" {
		t.Errorf("the refused form lost an enquiry: %q", got)
	}
	tb.fill("cme.risk_assessment", "Low: attending a school in another authority")
	wantStatus(t, tb, "closing the enquiry", tb.follow(`main form[method=post] button[type=submit]`), 200)
	ps := tb.state()
	if ps.H1 != "Child missing education enquiry" || !strings.Contains(ps.Main, "Found on a school roll") || !strings.Contains(ps.Main, "Low: attending") {
		t.Fatalf("after closing: %q %.400s", ps.H1, ps.Main)
	}
	if rows := tb.rows("The statutory time limits on this record"); !hasRow(rows, "Find the child missing education, or add them to the lost pupils database", received.AddDays(5).Format(), "In time") {
		t.Errorf("the tracking clock: %q", rows)
	}
	tb.checkA11y("a closed CME enquiry")

	for _, f := range []struct{ kind, what string }{{"ehe", "elective home education form"}, {"isapp", "ISAPP referral form"}} {
		wantStatus(t, tb, f.what, tb.open(education+"/new?kind="+f.kind), 200)
		tb.checkA11y(f.what)
	}
}

// termDates: the administrator opens the term dates, which say the rule's
// calendar applies; a line that is no term is refused by its line; axe runs
// on each page.
func termDates(t *testing.T, tb *tab) {
	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "the term dates page", tb.open("/admin/term-dates"), 200)
	if ps := tb.state(); ps.H1 != "Term dates" || !strings.Contains(ps.Main, "calendar made by rule") {
		t.Fatalf("the term dates page: %q %.300s", ps.H1, ps.Main)
	}
	tb.checkA11y("term dates setting")
	tb.fill("terms", "3 9 2026 to 18 12 2026\nsoon")
	tb.fill("reason", "2026/27 term dates published")
	wantStatus(t, tb, "a line that is no term", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a line that is no term", tb.state(), map[string]string{"#terms": "Line 2: write a term as its first and last day, such as 3 9 2026 to 18 12 2026"})
	tb.checkA11y("term dates setting with errors")
	tb.fill("terms", "3 9 2026 to 18 12 2026\n4 1 2027 to 26 3 2027")
	tb.fill("closures", "26 10 2026 to 30 10 2026")
	wantStatus(t, tb, "saving the term dates", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if ps := tb.state(); strings.Contains(ps.Main, "calendar made by rule") || tb.value("closures") != "26 10 2026 to 30 10 2026\n" {
		t.Errorf("after saving: closures %q, %.300s", tb.value("closures"), ps.Main)
	}
}
