package app_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// returnWorld is a world whose records were written at known moments: the
// LA number on 2 January 2023, a child's referral (open in 2022-23) and
// their assessment on 3 April 2023, a correction of the referral and a
// second child on 1 June 2023. Its clock stands in June 2026.
type returnWorld struct {
	*world
	amy, ben people.ID
	ref      journey.Record
}

var (
	laSet     = time.Date(2023, time.January, 2, 9, 0, 0, 0, time.UTC)
	recorded  = time.Date(2023, time.April, 3, 9, 0, 0, 0, time.UTC)
	corrected = time.Date(2023, time.June, 1, 9, 0, 0, 0, time.UTC)
)

func newReturnWorld(t *testing.T) *returnWorld {
	w := newWorld(t)
	rw := &returnWorld{world: w}
	at := func(m time.Time) store.Change { return store.Change{By: w.admin.ID, At: m, Reason: "test"} }
	if _, err := w.st.SetCouncilDetails(w.ctx, store.Council{LANumber: "999"}, 0, at(laSet)); err != nil {
		t.Fatal(err)
	}
	mk := func(given string, m time.Time) people.ID {
		p, err := w.st.CreatePerson(w.ctx, people.Person{GivenName: given, FamilyName: "Census", DateOfBirth: civil.MustNew(2014, time.March, 9),
			Sex: "2", Ethnicity: "WBRI", Identifiers: people.Identifiers{LAChildID: "DC" + strings.ToUpper(given)}}, at(m))
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	add := func(r journey.Record, m time.Time) journey.Record {
		got, err := w.st.CreateJourneyRecord(w.ctx, r, at(m))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	rw.amy = mk("amy", recorded)
	rw.ref = add(journey.Record{PersonID: rw.amy, Kind: journey.KindReferral, Start: civil.MustNew(2022, time.June, 1), TeamID: w.team.ID,
		Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}, recorded)
	add(journey.Record{PersonID: rw.amy, Kind: journey.KindAssessment, Episode: rw.ref.ID, Start: civil.MustNew(2022, time.June, 2),
		End: civil.MustNew(2022, time.July, 20), TeamID: w.team.ID, Assessment: &journey.Assessment{Factors: []string{"2B"}}}, recorded)
	// A visit is not a kind the census reads.
	add(journey.Record{PersonID: rw.amy, Kind: journey.KindNote, Episode: rw.ref.ID, Start: civil.MustNew(2022, time.June, 3),
		Note: &journey.Note{Text: "seen"}}, recorded)

	fixed := rw.ref
	fixed.End = civil.MustNew(2023, time.February, 28)
	fixed.Referral.ClosureReason = "RC8"
	if _, err := w.st.UpdateJourneyRecord(w.ctx, fixed, at(corrected)); err != nil {
		t.Fatal(err)
	}
	rw.ben = mk("ben", corrected)
	add(journey.Record{PersonID: rw.ben, Kind: journey.KindReferral, Start: civil.MustNew(2023, time.January, 9), TeamID: w.team.ID,
		Referral: &journey.Referral{Source: "5A", PrimaryNeed: "N2"}}, corrected)
	return rw
}

func (rw *returnWorld) exportLines() []store.AccessEntry {
	rw.t.Helper()
	es, err := rw.st.AccessLog(rw.ctx, store.AccessQuery{Action: store.LogExport, Limit: 100})
	if err != nil {
		rw.t.Fatal(err)
	}
	return es
}

func body(t *testing.T, r app.Return) string {
	t.Helper()
	if len(r.Files) != 1 {
		t.Fatalf("the census made %d files, want 1", len(r.Files))
	}
	return string(r.Files[0].Body)
}

// TestReturnWhoExports: analysts and administrators export; every other
// role is refused, and the refusal logged.
func TestReturnWhoExports(t *testing.T) {
	rw := newReturnWorld(t)
	q := app.ReturnRequest{Kind: "cin", Year: "2023"}
	for _, role := range access.Roles {
		ac := rw.actor(role)
		_, err := rw.app.MakeReturn(rw.ctx, ac, q)
		if role == access.Analyst || role == access.Admin {
			if err != nil {
				t.Errorf("%s: %v", role, err)
			}
			continue
		}
		if !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: got %v, want forbidden", role, err)
		}
		es, lerr := rw.st.AccessLog(rw.ctx, store.AccessQuery{UserID: ac.UserID(), Action: store.LogDenied, Limit: 10})
		if lerr != nil {
			t.Fatal(lerr)
		}
		if len(es) != 1 || es[0].Reason != "returns.export: "+access.ReasonNotPermitted {
			t.Errorf("%s: refusal lines %+v", role, es)
		}
	}
	if n := len(rw.exportLines()); n != 2 {
		t.Errorf("%d export lines, want 2 (the analyst's and the administrator's)", n)
	}
}

// TestCINAsRecorded: the census as recorded on 15 May 2023 holds the
// referral as it was then (open, one child), names that moment in its
// header, is the same bytes whenever it is asked for again, and differs
// from the census as recorded now (the referral closed, a second child).
// Each export is one line of the access log with the number of children.
func TestCINAsRecorded(t *testing.T) {
	rw := newReturnWorld(t)
	ac := rw.actor(access.Analyst)
	q := app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2023-05-15"}
	then, err := rw.app.MakeReturn(rw.ctx, ac, q)
	if err != nil {
		t.Fatal(err)
	}
	x := body(t, then)
	if then.Children != 1 || strings.Count(x, "<Child>") != 1 {
		t.Errorf("as recorded on 15 May: %d children, want 1:\n%s", then.Children, x)
	}
	for _, want := range []string{"<LEA>999</LEA>", "<SoftwareCode>Hearth</SoftwareCode>", "<DateTime>2023-05-15T23:59:59</DateTime>",
		"<Year>2023</Year>", "<LAchildID>DCAMY</LAchildID>", "<CINreferralDate>2022-06-01</CINreferralDate>",
		"<AssessmentAuthorisationDate>2022-07-20</AssessmentAuthorisationDate>"} {
		if !strings.Contains(x, want) {
			t.Errorf("as recorded on 15 May: no %s in\n%s", want, x)
		}
	}
	if strings.Contains(x, "CINclosureDate") || strings.Contains(x, "<Release>") {
		t.Errorf("as recorded on 15 May: the correction or a release leaked in:\n%s", x)
	}
	wantAt := civil.StartOfLondon(civil.MustNew(2023, time.May, 16)).Add(-time.Microsecond)
	if !then.RecordedAt.Equal(wantAt) {
		t.Errorf("recorded at %s, want %s", then.RecordedAt, wantAt)
	}
	if then.Files[0].Name != "cin-census-2023.xml" || then.Files[0].ContentType != "application/xml" {
		t.Errorf("file %q %q", then.Files[0].Name, then.Files[0].ContentType)
	}

	// Asked again, later, by an administrator: the same bytes; and the
	// same with the moment written out in full.
	rw.setClock(time.Date(2026, time.November, 1, 12, 0, 0, 0, time.UTC))
	again, err := rw.app.MakeReturn(rw.ctx, rw.actor(access.Admin), q)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Files[0].Body, then.Files[0].Body) {
		t.Errorf("the same moment gave different bytes:\n%s\n---\n%s", again.Files[0].Body, then.Files[0].Body)
	}

	// As recorded now: the correction and the second child.
	now, err := rw.app.MakeReturn(rw.ctx, ac, app.ReturnRequest{Kind: "cin", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	y := body(t, now)
	if now.Children != 2 || !strings.Contains(y, "<CINclosureDate>2023-02-28</CINclosureDate>") || !strings.Contains(y, "<DateTime>2026-11-01T12:00:00</DateTime>") {
		t.Errorf("as recorded now: %d children:\n%s", now.Children, y)
	}
	// The moment a return made now was read at gives the same bytes back.
	rw.setClock(time.Date(2026, time.November, 1, 12, 5, 0, 0, time.UTC))
	same, err := rw.app.MakeReturn(rw.ctx, ac, app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: now.RecordedAt.Format(time.RFC3339Nano)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(same.Files[0].Body, now.Files[0].Body) {
		t.Errorf("the moment of a return made now did not give it back")
	}

	// Before anything was recorded: the LA number was set, no child yet.
	empty, err := rw.app.MakeReturn(rw.ctx, ac, app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2023-03-01"})
	if err != nil {
		t.Fatal(err)
	}
	if empty.Children != 0 {
		t.Errorf("before the records: %d children", empty.Children)
	}

	lines := rw.exportLines() // newest first
	if len(lines) != 5 {
		t.Fatalf("%d export lines, want 5: %+v", len(lines), lines)
	}
	counts := []int{lines[4].Children, lines[3].Children, lines[2].Children, lines[1].Children, lines[0].Children}
	if want := []int{1, 1, 2, 2, 0}; !equalInts(counts, want) {
		t.Errorf("children logged %v, want %v", counts, want)
	}
	first := lines[4]
	if first.UserID != ac.UserID() || first.Kind != store.KindJourney || first.Reason != access.ReasonRole ||
		first.Note != "Children in need census 2023 as recorded at 2023-05-15T22:59:59.999999Z" {
		t.Errorf("the first line: %+v", first)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReturnBadInput: every field's error at once, nothing exported or
// logged.
func TestReturnBadInput(t *testing.T) {
	rw := newReturnWorld(t)
	ac := rw.actor(access.Analyst)
	for _, tc := range []struct {
		name   string
		q      app.ReturnRequest
		fields []string
	}{
		{"no kind", app.ReturnRequest{Year: "2023"}, []string{"kind"}},
		{"unknown kind", app.ReturnRequest{Kind: "annex", Year: "2023"}, []string{"kind"}},
		{"no year", app.ReturnRequest{Kind: "cin"}, []string{"year"}},
		{"year not a number", app.ReturnRequest{Kind: "cin", Year: "20x3"}, []string{"year"}},
		{"year before the census", app.ReturnRequest{Kind: "cin", Year: "2008"}, []string{"year"}},
		{"year not begun", app.ReturnRequest{Kind: "cin", Year: "2028"}, []string{"year"}},
		{"no such date", app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2023-02-30"}, []string{"as_recorded_on"}},
		{"date in the future", app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2026-06-16"}, []string{"as_recorded_on"}},
		{"moment in the future", app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2026-06-15T11:00:00+01:00"}, []string{"as_recorded_on"}},
		{"not a date", app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "15 May"}, []string{"as_recorded_on"}},
		{"too early", app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "1899-12-31"}, []string{"as_recorded_on"}},
		{"everything", app.ReturnRequest{Kind: "x", Year: "y", AsRecordedOn: "z"}, []string{"kind", "year", "as_recorded_on"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rw.app.MakeReturn(rw.ctx, ac, tc.q)
			e := errs.As(err)
			if e == nil || e.Code != errs.Invalid {
				t.Fatalf("got %v, want invalid", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
		})
	}
	// Today, which has not ended, is read as now; so is a moment a little
	// ahead of a slow clock.
	for _, on := range []string{"2026-06-15", "2026-06-15T10:02:00+01:00"} {
		r, err := rw.app.MakeReturn(rw.ctx, ac, app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: on})
		if err != nil {
			t.Fatalf("%s: %v", on, err)
		}
		if !r.RecordedAt.Equal(rw.app.Now()) {
			t.Errorf("%s read as recorded at %s, want now", on, r.RecordedAt)
		}
	}
	if n := len(rw.exportLines()); n != 2 {
		t.Errorf("%d export lines, want only the two good ones", n)
	}
}

// TestReturnNeedsTheLANumber: before the council's LA number was set there
// is no header, so no return: a conflict, and nothing logged.
func TestReturnNeedsTheLANumber(t *testing.T) {
	rw := newReturnWorld(t)
	_, err := rw.app.MakeReturn(rw.ctx, rw.actor(access.Analyst), app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2023-01-01"})
	if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "LA number") {
		t.Errorf("got %v, want a conflict naming the LA number", err)
	}
	if n := len(rw.exportLines()); n != 0 {
		t.Errorf("%d export lines", n)
	}
}

// TestSystemReturn: the command line's export needs no user and is logged
// with the command.
func TestSystemReturn(t *testing.T) {
	rw := newReturnWorld(t)
	r, err := rw.app.SystemReturn(rw.ctx, access.SystemBulk("hearth export cin"), "hearth export cin", app.ReturnRequest{Kind: "cin", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.app.SystemReturn(rw.ctx, access.BulkPermit{}, "hearth export cin", app.ReturnRequest{Kind: "cin", Year: "2023"}); err == nil {
		t.Error("a return made without a permit")
	}
	lines := rw.exportLines()
	if len(lines) != 1 || lines[0].UserID != 0 || lines[0].Route != "hearth export cin" || lines[0].Children != r.Children || r.Children != 2 ||
		!strings.HasPrefix(lines[0].Reason, "system: ") {
		t.Errorf("lines %+v for %d children", lines, r.Children)
	}
}

// TestSetCouncilDetails: administrators set the LA number, from the version
// they saw, with a reason; three digits only; others are refused.
func TestSetCouncilDetails(t *testing.T) {
	rw := newReturnWorld(t)
	admin := rw.actor(access.Admin)
	err := rw.app.SetCouncilDetails(rw.ctx, rw.actor(access.Analyst), store.Council{LANumber: "336"}, 1, "wrong number")
	if !errs.Is(err, errs.Forbidden) {
		t.Errorf("an analyst setting it: %v", err)
	}
	for _, bad := range []string{"", "33", "3366", "33a", "３３６"} {
		err := rw.app.SetCouncilDetails(rw.ctx, admin, store.Council{LANumber: bad}, 1, "a reason")
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "la_number" {
			t.Errorf("%q: %v", bad, err)
		}
	}
	err = rw.app.SetCouncilDetails(rw.ctx, admin, store.Council{LANumber: "336"}, 1, "")
	if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Fields[0].Field != "reason" {
		t.Errorf("no reason: %v", err)
	}
	if err := rw.app.SetCouncilDetails(rw.ctx, admin, store.Council{LANumber: " 336 "}, 0, "stale"); !errs.Is(err, errs.Conflict) {
		t.Errorf("stale: %v", err)
	}
	if err := rw.app.SetCouncilDetails(rw.ctx, admin, store.Council{LANumber: " 336 "}, 1, "the right number"); err != nil {
		t.Fatal(err)
	}
	page, err := rw.app.CouncilDetails(rw.ctx, rw.actor(access.Practitioner))
	if err != nil {
		t.Fatal(err)
	}
	if page.Current.LANumber != "336" || page.Version != 2 || len(page.History) != 2 {
		t.Errorf("details %+v", page)
	}
	es, err := rw.st.AccessLog(rw.ctx, store.AccessQuery{UserID: admin.UserID(), Action: store.LogUpdate, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Reason != "council: LA number 999 -> 336" || es[0].State != store.LineDone || es[1].State != store.LineFailed {
		t.Errorf("lines %+v", es)
	}
	// A return made now carries the new number; one as recorded before
	// the change, the old.
	r, err := rw.app.MakeReturn(rw.ctx, admin, app.ReturnRequest{Kind: "cin", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body(t, r), "<LEA>336</LEA>") {
		t.Errorf("the new number is not in the header")
	}
	r, err = rw.app.MakeReturn(rw.ctx, admin, app.ReturnRequest{Kind: "cin", Year: "2023", AsRecordedOn: "2023-05-15"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body(t, r), "<LEA>999</LEA>") {
		t.Errorf("the old number is not in the header of the return as recorded then")
	}
}
