package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
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

// TestExportCIN: hearth export cin writes the census as recorded at the
// moment asked, the same bytes each time, logs the export as the command
// with its number of children, and refuses bad input naming the field,
// writing nothing.
func TestExportCIN(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	mustHearth(t, "", "migrate", "--db", db)
	st := openStore(t, db)
	ctx := t.Context()
	at := func(y int, m time.Month, d int) store.Change {
		return store.Change{At: time.Date(y, m, d, 9, 0, 0, 0, time.UTC), Reason: "test"}
	}
	if _, err := st.SetCouncilDetails(ctx, store.Council{LANumber: "999"}, 0, at(2023, time.January, 2)); err != nil {
		t.Fatal(err)
	}
	p, err := st.CreatePerson(ctx, people.Person{GivenName: "Amy", FamilyName: "Census", DateOfBirth: civil.MustNew(2014, 3, 9), Sex: "2",
		Ethnicity: "WBRI", Identifiers: people.Identifiers{LAChildID: "DC1"}}, at(2023, time.April, 3))
	if err != nil {
		t.Fatal(err)
	}
	team, err := st.CreateTeam(ctx, access.Team{Name: "Referral and Assessment"})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := st.CreateJourneyRecord(ctx, journey.Record{PersonID: p.ID, Kind: journey.KindReferral, Start: civil.MustNew(2022, 6, 1), TeamID: team.ID,
		Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}, at(2023, time.April, 3))
	if err != nil {
		t.Fatal(err)
	}
	ref.End, ref.Referral.ClosureReason = civil.MustNew(2023, 2, 28), "RC8"
	if _, err := st.UpdateJourneyRecord(ctx, ref, at(2023, time.June, 1)); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.xml"), filepath.Join(dir, "two.xml")
	out := mustHearth(t, "", "export", "cin", "--db", db, "--year", "2023", "--as-recorded-on", "2023-05-15", "--out", one)
	if !strings.HasPrefix(out, "Wrote the Children in need census 2023 (1 child), as recorded at 2023-05-15T23:59:59.999999+01:00, to "+one) {
		t.Errorf("printed %q", out)
	}
	mustHearth(t, "", "export", "cin", "--db", db, "--year", "2023", "--as-recorded-on", "2023-05-15", "--out", two)
	a, err := os.ReadFile(one)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(two)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two exports of the same moment differ")
	}
	x := string(a)
	if !strings.Contains(x, "<LEA>999</LEA>") || !strings.Contains(x, "<CINreferralDate>2022-06-01</CINreferralDate>") || strings.Contains(x, "CINclosureDate") {
		t.Errorf("the census as recorded on 15 May:\n%s", x)
	}
	now := mustHearth(t, "", "export", "cin", "--db", db, "--year", "2023", "--out", two)
	if b, _ := os.ReadFile(two); !strings.Contains(string(b), "<CINclosureDate>2023-02-28</CINclosureDate>") {
		t.Errorf("the census as recorded now (%s):\n%s", now, b)
	}

	lines, err := st.AccessLog(ctx, store.AccessQuery{Action: store.LogExport, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 {
		t.Fatalf("%d export lines, want 3", len(lines))
	}
	for _, l := range lines {
		if l.Route != "hearth export cin" || l.UserID != 0 || l.Children != 1 || l.Remote != "command line" {
			t.Errorf("line %+v", l)
		}
	}

	bad := filepath.Join(dir, "bad.xml")
	for _, tc := range []struct {
		args  []string
		field string
	}{
		{[]string{"--year", "1999"}, "year"},
		{[]string{}, "year"},
		{[]string{"--year", "2023", "--as-recorded-on", "yesterday"}, "as_recorded_on"},
	} {
		_, _, err := hearth(t, "", append([]string{"export", "cin", "--db", db, "--out", bad}, tc.args...)...)
		if e := errs.As(err); e == nil || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
			t.Errorf("%v: %v, want an error on %s", tc.args, err, tc.field)
		}
	}
	if _, err := os.Stat(bad); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused export wrote %s: %v", bad, err)
	}
	for _, args := range [][]string{{"export"}, {"export", "annex"}} {
		if _, _, err := hearth(t, "", args...); err == nil || !strings.Contains(err.Error(), "unknown command") {
			t.Errorf("%v: %v", args, err)
		}
	}
}

// TestWriteReturn: a return of one file is written to the path given
// (replacing one there, leaving no temporary file); one of several files
// into the folder given, made if need be.
func TestWriteReturn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	one := app.Return{Kind: app.ReturnKind{Name: "cin"}, Year: 2023, Files: []app.ReturnFile{{Name: "cin-census-2023.xml", Body: []byte("<Message/>")}}}
	path := filepath.Join(dir, "sent.xml")
	if err := os.WriteFile(path, []byte("last year's"), 0o600); err != nil {
		t.Fatal(err)
	}
	if where, err := writeReturn(one, path); err != nil || where != path {
		t.Fatalf("%s: %v", where, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "<Message/>" {
		t.Errorf("wrote %q", b)
	}
	several := app.Return{Kind: app.ReturnKind{Name: "folder"}, Year: 2023, Files: []app.ReturnFile{
		{Name: "Header.csv", Body: []byte("CHILD\n1\n")}, {Name: "Episodes.csv", Body: []byte("CHILD\n1\n")}}}
	folder := filepath.Join(dir, "returns", "2023")
	if where, err := writeReturn(several, folder); err != nil || where != folder {
		t.Fatalf("%s: %v", where, err)
	}
	for _, f := range several.Files {
		if b, err := os.ReadFile(filepath.Join(folder, f.Name)); err != nil || !bytes.Equal(b, f.Body) {
			t.Errorf("%s: %q %v", f.Name, b, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want the file and the returns folder (no temporary file left)", len(entries))
	}
}
