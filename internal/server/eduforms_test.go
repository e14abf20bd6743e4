package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
)

// The forms of an enquiry about a child missing education, home education
// and an ISAPP referral: refused boxes come back as typed with an error
// summary naming each field, nothing saved; a saved record names its
// officer as its worker, so it joins their work list; a change from a
// stale version is refused and keeps what was typed.

// dateBoxes sets the three boxes of a date field.
func dateBoxes(f url.Values, name, day, month, year string) {
	f.Set(name+"-day", day)
	f.Set(name+"-month", month)
	f.Set(name+"-year", year)
}

func TestEducationCaseForms(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	pupil := e.educationPupil()
	b := e.browser().signIn(access.Education)
	records := func() []education.Record {
		t.Helper()
		rs, err := e.st.EducationRecords(ctx, sysPermit(pupil), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	saved := func(res response) education.Record {
		t.Helper()
		if res.status != http.StatusSeeOther {
			t.Fatalf("saving: %d %s", res.status, errorSummary(res.body))
		}
		for _, r := range records() {
			if strings.HasSuffix(res.location, "/education/"+str(r.ID)+"?saved=1") {
				return r
			}
		}
		t.Fatalf("saved to %q, which is no record", res.location)
		return education.Record{}
	}
	refused := func(what string, res response, fields ...string) {
		t.Helper()
		if res.status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d, want 422", what, res.status)
		}
		for _, f := range fields {
			if !strings.Contains(res.body, `href="#`+f+`"`) {
				t.Errorf("%s: the error summary does not link to %s: %s", what, f, errorSummary(res.body))
			}
		}
	}

	// The child's education offers the three forms.
	page := b.get(pupilPath(e))
	for _, kind := range []string{"cme", "ehe", "isapp"} {
		if !strings.Contains(page.body, `/education/new?kind=`+kind+`"`) {
			t.Errorf("the child's education does not offer the %s form", kind)
		}
	}

	// A CME enquiry closed without a risk assessment, with a bad date in
	// its second filled row (after an empty one): refused, nothing saved,
	// the rows numbered as they come back.
	before := len(records())
	f := url.Values{"kind": {"cme"}, "cme.source": {"internal"}, "cme.referrer": {"Riverside Primary"},
		"cme.steps.0.step": {"family"}, "cme.steps.1.step": {""}, "cme.steps.2.step": {"home_visit"}, "cme.steps.2.outcome": {"No answer <at the door>"},
		"cme.outcome": {"on_roll"}}
	dateBoxes(f, "cme.received", "1", "6", "2026")
	dateBoxes(f, "cme.steps.0.on", "2", "6", "2026")
	dateBoxes(f, "cme.steps.2.on", "31", "6", "2026")
	dateBoxes(f, "cme.closed", "10", "6", "2026")
	res := b.post(pupilPath(e)+"/new", f)
	refused("a CME enquiry closed without a risk assessment", res, "cme.risk_assessment", "cme.steps.1.on-day")
	if !strings.Contains(res.body, "No answer &lt;at the door&gt;") || !strings.Contains(res.body, `name="cme.steps.1.outcome"`) {
		t.Errorf("the enquiries typed did not come back in their rows")
	}
	if n := len(records()); n != before {
		t.Fatalf("a refused form saved a record: %d, had %d", n, before)
	}
	dateBoxes(f, "cme.steps.2.on", "3", "6", "2026")
	f.Set("cme.risk_assessment", "Low: on roll at a school in another authority")
	cme := saved(b.post(pupilPath(e)+"/new", f))
	if q := cme.CME; q == nil || len(q.Steps) != 2 || q.Steps[1].Step != "home_visit" || cme.End.String() != "2026-06-10" || cme.WorkerID != e.users[access.Education].ID {
		t.Fatalf("the enquiry saved: %+v %+v", cme, cme.CME)
	}

	// Its change form holds what was saved, with spare rows, and a change
	// from a version someone else has moved on from is refused, keeping
	// what was typed.
	edit := b.get(eduRecordPath(cme) + "/edit")
	if !strings.Contains(edit.body, `name="version" value="1"`) || !strings.Contains(edit.body, `name="cme.steps.4.step"`) || !strings.Contains(edit.body, "Low: on roll") {
		t.Fatalf("the change form: %d", edit.status)
	}
	f.Set("version", "1")
	f.Set("reason", "risk assessment reworded")
	f.Set("cme.risk_assessment", "Low: confirmed on roll")
	saved(b.post(eduRecordPath(cme)+"/edit", f))
	f.Set("cme.risk_assessment", "Low: typed over a stale page")
	res = b.post(eduRecordPath(cme)+"/edit", f)
	if res.status != http.StatusConflict || !strings.Contains(res.body, "Someone else has changed this record") || !strings.Contains(res.body, "typed over a stale page") {
		t.Errorf("a stale change: %d", res.status)
	}

	// Home education: an order before any notice is refused on its box;
	// the register entry saved, with its deregistering school, is on the
	// officer's work list, its yearly contact overdue.
	f = url.Values{"kind": {"ehe"}, "ehe.school": {"103234"}, "ehe.contacts.0.outcome": {""}}
	dateBoxes(f, "ehe.from", "1", "9", "2025")
	dateBoxes(f, "ehe.meeting_offered", "28", "8", "2025")
	dateBoxes(f, "ehe.order_made", "1", "10", "2025")
	refused("an order with no notice", b.post(pupilPath(e)+"/new", f), "ehe.order_made-day")
	f.Del("ehe.order_made-day")
	f.Del("ehe.order_made-month")
	f.Del("ehe.order_made-year")
	ehe := saved(b.post(pupilPath(e)+"/new", f))
	if ehe.EHE == nil || ehe.EHE.School != "103234" || ehe.EHE.MeetingOffered.String() != "2025-08-28" {
		t.Fatalf("home education saved: %+v", ehe.EHE)
	}
	work := b.get("/my-work")
	if !strings.Contains(work.body, "Contact the home-educating family") || !strings.Contains(work.body, eduRecordPath(ehe)) {
		t.Errorf("the officer's work list lacks the yearly contact")
	}

	// ISAPP: a pre-exclusion meeting the panel did not decide on is
	// refused; the referral to its meeting and what followed is saved.
	f = url.Values{"kind": {"isapp"}, "isapp.school": {"103234"}, "isapp.decision": {"outreach"}, "isapp.result": {"permanent_exclusion"}}
	dateBoxes(f, "isapp.received", "5", "1", "2026")
	dateBoxes(f, "isapp.panel", "20", "1", "2026")
	dateBoxes(f, "isapp.pre_exclusion", "2", "2", "2026")
	refused("a meeting the panel did not decide on", b.post(pupilPath(e)+"/new", f), "isapp.pre_exclusion-day")
	f.Set("isapp.decision", "pre_exclusion")
	isapp := saved(b.post(pupilPath(e)+"/new", f))
	if isapp.ISAPP == nil || isapp.ISAPP.Result != "permanent_exclusion" || isapp.End.String() != "2026-02-02" {
		t.Fatalf("the referral saved: %+v", isapp)
	}
	if page := b.get(eduRecordPath(isapp)); !strings.Contains(page.body, "Permanently excluded") {
		t.Errorf("the referral's page does not say what followed")
	}
}

// TestExclusionClocksOnTermDates: a permanent exclusion recorded on the
// form puts its board meeting and sixth day, in school days on the rule's
// calendar, on the recording officer's work list and its page; once the
// council enters term dates that end before them, they have no due date.
// The term dates page names the line of each mistake and saves nothing.
func TestExclusionClocksOnTermDates(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Education)
	today := civil.OfLondon(time.Now())
	start := today.AddDays(-14)
	for start.Weekday() != time.Monday {
		start = start.AddDays(-1)
	}
	f := url.Values{"kind": {"exclusion"}, "exclusion.school": {"103234"}, "exclusion.category": {"PERM"}, "exclusion.reasons.0": {"PA"}}
	day, month, year := strconv.Itoa(start.Day), strconv.Itoa(int(start.Month)), strconv.Itoa(start.Year)
	dateBoxes(f, "exclusion.start", day, month, year)
	dateBoxes(f, "exclusion.notified_on", day, month, year)
	res := b.post(pupilPath(e)+"/new", f)
	if res.status != http.StatusSeeOther {
		t.Fatalf("recording the exclusion: %d %s", res.status, errorSummary(res.body))
	}
	path := strings.TrimSuffix(res.location, "?saved=1")
	want, err := education.ExclusionDeadlines(education.Exclusion{Category: education.Permanent, Start: start, NotifiedOn: start, Reasons: []string{"PA"}},
		nil, education.CalendarFor(education.SchoolCalendar{}, start))
	if err != nil || len(want) != 2 {
		t.Fatalf("the rule's clocks: %v %v", want, err)
	}
	page, work := b.get(path), b.get("/my-work")
	for _, d := range want {
		if !strings.Contains(page.body, d.What) || !strings.Contains(page.body, d.Due.Format()) {
			t.Errorf("the exclusion's page lacks %q due %s", d.What, d.Due.Format())
		}
		if !strings.Contains(work.body, d.What) {
			t.Errorf("the officer's work list lacks %q", d.What)
		}
	}

	// A line that is no term, and a closure out of term: refused by line.
	admin := e.browser().signIn(access.Admin)
	bad := admin.post("/admin/term-dates", url.Values{"version": {"0"}, "reason": {"this year's dates"},
		"terms": {"not a term\n" + lineOf(start) + " to " + lineOf(start.AddDays(4))}, "closures": {"1 1 2020"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "Line 1: write a term") || !strings.Contains(bad.body, `href="#terms"`) {
		t.Fatalf("a bad line: %d %s", bad.status, errorSummary(bad.body))
	}
	bad = admin.post("/admin/term-dates", url.Values{"version": {"0"}, "reason": {"this year's dates"},
		"terms": {lineOf(start) + " to " + lineOf(start.AddDays(4))}, "closures": {"\n1 1 2020"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "Line 2: A closure is a day in one of the terms") {
		t.Fatalf("a closure out of term: %d %s", bad.status, errorSummary(bad.body))
	}
	if v := e.termDatesVersion(); v != 0 {
		t.Fatalf("a refused page saved version %d", v)
	}
	// Terms that end the week the exclusion began: its clocks run past
	// them, and have no due date.
	ok := admin.post("/admin/term-dates", url.Values{"version": {"0"}, "reason": {"this year's dates"},
		"terms": {lineOf(start) + " to " + lineOf(start.AddDays(4))}})
	if ok.status != http.StatusSeeOther {
		t.Fatalf("saving term dates: %d %s", ok.status, errorSummary(ok.body))
	}
	if page := b.get(path); strings.Contains(page.body, want[0].What) {
		t.Errorf("a clock past the council's terms is still shown")
	}
}

func lineOf(d civil.Date) string {
	return strconv.Itoa(d.Day) + " " + strconv.Itoa(int(d.Month)) + " " + strconv.Itoa(d.Year)
}
