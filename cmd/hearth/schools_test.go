package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

const giasFile = `URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentTypeGroup (name),EstablishmentStatus (name),OpenDate,CloseDate,PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Postcode
103234,336,Wolverhampton,2001,Alder Primary School,Community school,Local authority maintained schools,Open,,,Primary,3,11,WV1 1AA
136512,336,Wolverhampton,4001,Birch Academy,Academy converter,Academies,Open,01-04-2011,,Secondary,11,18,WV2 2BB
`

// TestSchoolsImport: the register is imported from the establishment CSV,
// imported again to keep it current, and a file with a bad row is refused
// whole, naming the row and heading, with nothing written.
func TestSchoolsImport(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	out := mustHearth(t, "", "schools", "import", "--db", db, "--file", write("first.csv", giasFile))
	if !strings.Contains(out, "Read 2 schools: 2 added, 0 updated.") {
		t.Fatalf("first import printed %q", out)
	}
	renamed := strings.Replace(giasFile, "Birch Academy", "Birch Park Academy", 1) +
		"145000,336,Wolverhampton,4002,Damson Free School,Free schools,Free Schools,Open,01-09-2024,,Primary,4,11,WV3 3CC\n"
	out = mustHearth(t, "", "schools", "import", "--db", db, "--file", write("second.csv", renamed))
	if !strings.Contains(out, "Read 3 schools: 1 added, 2 updated.") {
		t.Fatalf("second import printed %q", out)
	}
	st := openStore(t, db)
	got, err := st.Schools(t.Context(), []string{"136512", "145000"})
	if err != nil || got["136512"].Name != "Birch Park Academy" || got["145000"].Name != "Damson Free School" {
		t.Fatalf("the register holds %+v, %v", got, err)
	}
	st.Close()

	bad := giasFile + "999,336,Wolverhampton,2003,No Number School,Community school,x,Open,,,Primary,3,11,\n"
	_, _, err = hearth(t, "", "schools", "import", "--db", db, "--file", write("bad.csv", bad))
	if !errs.Is(err, errs.Invalid) || !strings.Contains(message(err), "rows[4].URN") {
		t.Fatalf("bad file: %v", err)
	}
	st = openStore(t, db)
	defer st.Close()
	all, _, err := st.CountSchools(t.Context(), time.Now())
	if err != nil || all != 3 {
		t.Errorf("after a refused import the register holds %d schools, %v", all, err)
	}
}

// TestAttendanceImport: an attendance file loads, its pupils found by UPN;
// the same period again replaces the rows; a file naming a pupil no one is
// refused whole, naming the row.
func TestAttendanceImport(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	st := openStore(t, db)
	c := store.Change{Reason: "test"}
	p, err := st.CreatePerson(t.Context(), people.Person{GivenName: "Ada", FamilyName: "Pupil", DateOfBirth: civil.MustNew(2014, time.May, 4), Sex: "2",
		Identifiers: people.Identifiers{UPN: "X801200000001"}}, c)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	file := filepath.Join(t.TempDir(), "autumn.csv")
	if err := os.WriteFile(file, []byte("UPN,URN,From,To,/,O\nX801200000001,103234,2025-09-03,2025-12-19,126,14\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"Imported 1 rows of attendance (0 replacing", "Imported 1 rows of attendance (1 replacing"} {
		if out := mustHearth(t, "", "attendance", "import", "--db", db, "--file", file, "--reason", "autumn"); !strings.Contains(out, want) {
			t.Fatalf("import %d printed %q", i+1, out)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("UPN,URN,From,To,/,O\nX801200000001,103234,2026-01-05,2026-03-27,110,10\nH801200000002,103234,2026-01-05,2026-03-27,110,10\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := hearth(t, "", "attendance", "import", "--db", db, "--file", bad); !errs.Is(err, errs.Invalid) || !strings.Contains(message(err), "rows[3].UPN") {
		t.Fatalf("bad file: %v", err)
	}
	st = openStore(t, db)
	defer st.Close()
	rows, err := st.Attendance(t.Context(), access.System(p.ID, access.ReadEducation, "test"))
	if err != nil || len(rows) != 1 {
		t.Errorf("after a refused import: %d rows, %v", len(rows), err)
	}
}
