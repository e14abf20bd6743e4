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

// pupil writes Pip Pupil, on a school's roll with SEN support that the
// education team (the test team) keeps, so that the team's education
// officer reads them.
func pupil(t *testing.T, st store.Store, team access.TeamID, c store.Change) people.ID {
	t.Helper()
	ctx := context.Background()
	p, err := st.CreatePerson(ctx, people.Person{GivenName: "Pip", FamilyName: "Pupil", DateOfBirth: civil.MustNew(2016, time.March, 3), Sex: "1"}, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []education.Record{
		{PersonID: p.ID, Kind: education.KindRoll, Start: civil.MustNew(2020, time.September, 3), Roll: &education.Roll{School: "103234"}},
		{PersonID: p.ID, Kind: education.KindSENSupport, Start: civil.MustNew(2022, time.September, 5), TeamID: team,
			SENSupport: &education.SENSupport{School: "103234", Needs: []education.Need{{Type: "SLCN", Rank: 1}}}},
	} {
		if _, err := st.CreateEducationRecord(ctx, r, c); err != nil {
			t.Fatal(err)
		}
	}
	return p.ID
}

// ehcRequestToPlan: the education officer opens the pupil's education,
// records a request for an EHC needs assessment (a form sent without its
// date first, refused with the field named), then moves it to its final
// plan, and sees its time limits met; axe runs on each page. The pupil's
// journey is not theirs to see.
func ehcRequestToPlan(t *testing.T, tb *tab, s *site) {
	signIn(t, tb, "test.education", false)
	pupil := "/people/" + strconv.FormatInt(int64(s.pupil), 10)
	wantStatus(t, tb, "the pupil's record", tb.open(pupil), 200)
	if ps := tb.state(); strings.Contains(ps.Main, "Journey: contacts") || !strings.Contains(ps.Main, "SEN support") {
		t.Errorf("the pupil's record shows: %.400s", ps.Main)
	}
	tb.checkA11y("a child's record with its education part")
	wantStatus(t, tb, "the pupil's journey", tb.open(pupil+"/journey"), 403)

	wantStatus(t, tb, "the pupil's education", tb.open(pupil+"/education"), 200)
	tb.checkA11y("a child's education records")
	wantStatus(t, tb, "the request form", tb.follow(`main a[href$="/education/new?kind=ehc_request"]`), 200)
	tb.checkA11y("EHC needs assessment request form")
	wantStatus(t, tb, "a request with no date", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a request with no date", tb.state(), map[string]string{
		"#ehc_request.received-day": "Enter the date the request was received",
	})
	tb.checkA11y("EHC needs assessment request form with errors")

	today := civil.OfLondon(time.Now())
	received := today.AddDays(-100)
	date := func(name string, d civil.Date) {
		tb.fillDate(name, strconv.Itoa(d.Day), strconv.Itoa(int(d.Month)), strconv.Itoa(d.Year))
	}
	date("ehc_request.received", received)
	wantStatus(t, tb, "record the request", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "EHC needs assessment request" {
		t.Fatalf("after recording: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	if rows := tb.rows("The statutory time limits on this record"); !hasRow(rows, "Decide whether to carry out an EHC needs assessment", received.AddDays(42).Format()) {
		t.Errorf("the 6-week clock: %q", rows)
	}
	tb.checkA11y("EHC needs assessment request")

	wantStatus(t, tb, "change form", tb.follow(`main a[href$="/edit"]`), 200)
	tb.checkA11y("change an EHC needs assessment request")
	pick := func(id, code string) {
		if !eval[bool](tb, `((s, v) => !!s && (s.value = v, true))(document.getElementById(`+jsString(id)+`), `+jsString(code)+`)`) {
			t.Fatalf("no select %s", id)
		}
	}
	pick("ehc_request.request_outcome", "Y")
	date("ehc_request.request_decided", received.AddDays(35))
	pick("ehc_request.assessment_outcome", "Y")
	date("ehc_request.assessment_decided", received.AddDays(70))
	date("ehc_request.draft_issued", received.AddDays(80))
	date("ehc_request.final_issued", received.AddDays(99))
	tb.fill("reason", "Final plan issued")
	wantStatus(t, tb, "to the final plan", tb.follow(`main form[method=post] button[type=submit]`), 200)
	rows := tb.rows("The statutory time limits on this record")
	if !hasRow(rows, "Issue the final EHC plan", received.AddDays(140).Format(), "In time") {
		t.Errorf("the 20-week clock: %q", rows)
	}
	tb.checkA11y("EHC needs assessment request at its final plan")
}
