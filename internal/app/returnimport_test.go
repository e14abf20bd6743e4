package app_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
	"hearth/internal/store"
)

// censusOf writes a census of 2025 of the children.
func censusOf(t *testing.T, children ...cin.CensusChild) app.ImportFiles {
	t.Helper()
	c := cin.Census{Year: 2025, Header: cin.Header{LEA: "336", SoftwareCode: "Test", DateTime: time.Date(2025, time.May, 15, 9, 0, 0, 0, time.UTC)}, Children: children}
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		t.Fatal(err)
	}
	return app.ImportFiles{Censuses: []app.ImportFile{{Name: "cin.xml", Body: &b}}}
}

func referred(id string, upn string) cin.CensusChild {
	return cin.CensusChild{LAChildID: id, UPN: upn, BirthDate: civil.MustNew(2016, time.March, 2), Sex: "1", Ethnicity: "WBRI",
		Episodes: []cin.Episode{{ReferralDate: civil.MustNew(2024, time.September, 2), ReferralSource: "3A", PrimaryNeed: "N2"}}}
}

// TestImportWho: analysts and administrators import; every other role is
// refused, the refusal logged, and nothing written.
func TestImportWho(t *testing.T) {
	w := newWorld(t)
	for _, role := range access.Roles {
		_, err := w.app.ImportReturns(w.ctx, w.actor(role), censusOf(t, referred("W"+string(role), "")))
		allowed := role == access.Analyst || role == access.Admin
		if allowed != (err == nil) {
			t.Errorf("%s: %v", role, err)
		}
		if !allowed && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: %v, want forbidden", role, err)
		}
	}
	n, _ := w.st.CountPeople(w.ctx)
	if n != 2 {
		t.Errorf("%d people, want the 2 imported", n)
	}
	lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var created, denied int
	for _, l := range lines {
		switch {
		case l.Action == store.LogCreate && l.Reason == string(access.ImportReturns) && l.Children == 1 && l.State == store.LineDone:
			created++
		case l.Action == store.LogDenied && strings.HasPrefix(l.Reason, string(access.ImportReturns)):
			denied++
		}
	}
	if created != 2 || denied != len(access.Roles)-2 {
		t.Errorf("%d import lines and %d refusals in %+v", created, denied, lines)
	}
}

// TestImportMatches: a child the register holds with no journey is
// matched by LA child id, or else UPN, and their records added to them;
// their details are left as the register has them.
func TestImportMatches(t *testing.T) {
	w := newWorld(t)
	mk := func(p people.Person) people.ID {
		got, err := w.st.CreatePerson(w.ctx, p, store.Change{Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return got.ID
	}
	byID := mk(people.Person{GivenName: "Ada", FamilyName: "Held", DateOfBirth: civil.MustNew(2016, time.March, 2), Identifiers: people.Identifiers{LAChildID: "M1"}})
	byUPN := mk(people.Person{GivenName: "Bo", FamilyName: "Held", DateOfBirth: civil.MustNew(2016, time.March, 2), Identifiers: people.Identifiers{UPN: "A123456789012"}})
	got, err := w.app.ImportReturns(w.ctx, w.actor(access.Analyst), censusOf(t, referred("m1", ""), referred("M2", "A123456789012"), referred("M3", "")))
	if err != nil {
		t.Fatal(err, got.Problems)
	}
	if got.Children != 3 || got.Matched != 2 || got.Created != 1 || got.Records != 3 {
		t.Errorf("imported %+v", got)
	}
	for _, id := range []people.ID{byID, byUPN} {
		d := access.Authorize(w.actor(access.Analyst).Principal, access.ReadPerson, &access.Subject{PersonID: id}, time.Now())
		p, err := w.st.Person(w.ctx, d.Permit, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := w.st.JourneyRecords(w.ctx, d.Permit, time.Time{})
		if err != nil || len(rs) != 1 || p.FamilyName != "Held" {
			t.Errorf("person %d: %+v, records %+v %v", id, p, rs, err)
		}
	}
}

// TestImportAllOrNothing: one bad child among good ones, or a child twice
// in the file, and nothing at all is written.
func TestImportAllOrNothing(t *testing.T) {
	w := newWorld(t)
	late := referred("N2", "")
	late.Episodes[0].ReferralDate = civil.MustNew(2026, time.July, 1) // after today, 15 June 2026
	for name, in := range map[string]app.ImportFiles{
		"a date to come": censusOf(t, referred("N1", ""), late),
		"a child twice":  censusOf(t, referred("N3", ""), referred("N3", "")),
	} {
		got, err := w.app.ImportReturns(w.ctx, w.actor(access.Admin), in)
		if !errs.Is(err, errs.Invalid) || len(got.Problems) == 0 {
			t.Errorf("%s: %v %+v", name, err, got)
		}
		for _, p := range got.Problems {
			if p.File != "cin.xml" || p.Where == "" || p.Reason == "" {
				t.Errorf("%s: problem %+v", name, p)
			}
		}
	}
	if n, _ := w.st.CountPeople(w.ctx); n != 0 {
		t.Errorf("%d people after refused imports", n)
	}
}

// TestImportRefusesWhatItMayNotTouch: identifiers held by a restricted
// record, by a child born on another day, or by a child with a history
// already, are refused with one answer that tells none of these apart;
// the refusal is logged on its own and on each child found, and nothing
// is written. An import that adds to a child held is logged on that child.
func TestImportRefusesWhatItMayNotTouch(t *testing.T) {
	w := newWorld(t)
	mk := func(id string, born civil.Date) people.ID {
		got, err := w.st.CreatePerson(w.ctx, people.Person{GivenName: "Held", FamilyName: id, DateOfBirth: born, Identifiers: people.Identifiers{LAChildID: id}}, store.Change{Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return got.ID
	}
	born := civil.MustNew(2016, time.March, 2)
	secret, other, ok := mk("R1", born), mk("R2", civil.MustNew(2015, time.January, 1)), mk("R3", born)
	if err := w.app.SetRestricted(w.ctx, w.actor(access.Admin), secret, true, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.ImportReturns(w.ctx, w.actor(access.Analyst), censusOf(t, referred("R3", ""))); err != nil {
		t.Fatal(err)
	}
	got, err := w.app.ImportReturns(w.ctx, w.actor(access.Analyst), censusOf(t, referred("R1", ""), referred("R2", ""), referred("R3", "")))
	if !errs.Is(err, errs.Invalid) || len(got.Problems) != 3 {
		t.Fatalf("%v %+v", err, got.Problems)
	}
	for _, p := range got.Problems {
		if p.Reason != got.Problems[0].Reason || strings.Contains(p.Reason, "1") {
			t.Errorf("the problems tell the children apart: %+v", got.Problems)
		}
	}
	for _, id := range []people.ID{secret, other} {
		if rs, err := w.st.JourneyRecords(w.ctx, access.System(id, access.ReadPerson, "test"), time.Time{}); err != nil || len(rs) != 0 {
			t.Errorf("person %d: records %+v %v", id, rs, err)
		}
	}
	lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	on := map[people.ID][]store.AccessAction{}
	var refused int
	for _, l := range lines {
		if l.Reason != string(access.ImportReturns) {
			continue
		}
		if l.PersonID != 0 {
			on[l.PersonID] = append(on[l.PersonID], l.Action)
		} else if l.Action == store.LogDenied {
			refused++
		}
	}
	if refused != 1 || len(on[secret]) != 1 || on[secret][0] != store.LogDenied || len(on[other]) != 1 ||
		len(on[ok]) != 2 || !slices.Contains(on[ok], store.LogCreate) || !slices.Contains(on[ok], store.LogDenied) {
		t.Errorf("refused %d; lines on the children %v", refused, on)
	}
}

// TestImportReportIsBounded: a file of more faults than anyone could read
// is answered with the first thousand.
func TestImportReportIsBounded(t *testing.T) {
	w := newWorld(t)
	var kids []cin.CensusChild
	for i := range 1100 {
		k := referred(fmt.Sprintf("B%d", i), "")
		k.Episodes[0].ReferralDate = civil.MustNew(2026, time.July, 1) // after today
		kids = append(kids, k)
	}
	got, err := w.app.ImportReturns(w.ctx, w.actor(access.Analyst), censusOf(t, kids...))
	if !errs.Is(err, errs.Invalid) || len(got.Problems) != 1000 || !strings.Contains(err.Error(), "1100 problems") || !strings.Contains(err.Error(), "first 1000") {
		t.Errorf("%v: %d problems", err, len(got.Problems))
	}
}

// TestImportProblemsInFileOrder: the files are read side by side, and the
// problems still come file by file in the order given, the censuses' before
// the 903s', with nothing written.
func TestImportProblemsInFileOrder(t *testing.T) {
	w := newWorld(t)
	var in app.ImportFiles
	var want []string
	for i := range 8 {
		bad := referred("ORD"+string(rune('A'+i)), "")
		bad.Episodes[0].ReferralSource = "ZZ"
		name := "cin-" + string(rune('a'+i)) + ".xml"
		in.Censuses = append(in.Censuses, app.ImportFile{Name: name, Body: censusOf(t, bad).Censuses[0].Body})
		want = append(want, name)
	}
	in.SSDA903 = []app.Import903{{Name: "ssda903-unknown", Year: 0}}
	want = append(want, "ssda903-unknown")
	got, err := w.app.ImportReturns(w.ctx, w.actor(access.Analyst), in)
	if !errs.Is(err, errs.Invalid) {
		t.Fatalf("%v, want the files refused", err)
	}
	var files []string
	for _, p := range got.Problems {
		files = append(files, p.File)
	}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("problems of %v, want one of each file in order %v", files, want)
	}
	if n, _ := w.st.CountPeople(w.ctx); n != 0 {
		t.Errorf("%d people after a refused import", n)
	}
}
