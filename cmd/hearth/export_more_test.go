package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestExport903AndAnnexA: hearth export ssda903 writes a folder of the
// year's CSV files, which hearth validate reads back; hearth export annexa
// writes the workbook of the months to a day, taking --to and --months
// (not --year), and refuses a bad window naming its fields. Each export is
// a line of the access log naming the command.
func TestExport903AndAnnexA(t *testing.T) {
	t.Parallel()
	db := newStore(t)
	mustHearth(t, "", "migrate", "--db", db)
	st := openStore(t, db)
	ctx := t.Context()
	at := store.Change{At: time.Date(2023, time.April, 3, 9, 0, 0, 0, time.UTC), Reason: "test"}
	if _, err := st.SetCouncilDetails(ctx, store.Council{LANumber: "999"}, 0, at); err != nil {
		t.Fatal(err)
	}
	p, err := st.CreatePerson(ctx, people.Person{GivenName: "Cara", FamilyName: "Care", DateOfBirth: civil.MustNew(2012, 5, 10), Sex: "2",
		Ethnicity: "WBRI", Identifiers: people.Identifiers{LAChildID: "C1", UPN: "A123456789012"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	team, err := st.CreateTeam(ctx, access.Team{Name: "Children in care"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateJourneyRecord(ctx, journey.Record{PersonID: p.ID, Kind: journey.KindCareEpisode, Start: civil.MustNew(2022, 10, 1), TeamID: team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR1", ReasonNew: "S", Postcode: "AB3 4EF", URN: "SC123456"}}, at); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	folder := filepath.Join(dir, "903")
	out := mustHearth(t, "", "export", "ssda903", "--db", db, "--year", "2023", "--out", folder)
	if !strings.HasPrefix(out, "Wrote the SSDA903 return of children looked after 2023 (1 child), as recorded at ") || !strings.Contains(out, " to "+folder+" in ") {
		t.Errorf("printed %q", out)
	}
	header, err := os.ReadFile(filepath.Join(folder, "Header.csv"))
	if err != nil || !strings.Contains(string(header), "\nC1,2,10/05/2012,WBRI,A123456789012,,\n") {
		t.Errorf("Header.csv %q %v", header, err)
	}
	out = mustHearth(t, "", "validate", "--year", "2023", folder)
	if !strings.Contains(out, "(10 files, 1 child): 0 problems reading it, 0 errors, 0 queries: it passes") {
		t.Errorf("validate:\n%s", out)
	}

	book := filepath.Join(dir, "annexa.xlsx")
	out = mustHearth(t, "", "export", "annexa", "--db", db, "--to", "2023-03-31", "--months", "12", "--out", book)
	if !strings.HasPrefix(out, "Wrote the Ofsted Annex A 1 April 2022 to 31 March 2023 (1 child), as recorded at ") {
		t.Errorf("printed %q", out)
	}
	if b, err := os.ReadFile(book); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("the workbook: %v", err)
	}

	lines, err := st.AccessLog(ctx, store.AccessQuery{Action: store.LogExport, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	routes := map[string]int{}
	for _, l := range lines {
		routes[l.Route] += l.Children
	}
	if len(lines) != 2 || routes["hearth export ssda903"] != 1 || routes["hearth export annexa"] != 1 {
		t.Errorf("export lines %+v", lines)
	}

	bad := filepath.Join(dir, "bad.xlsx")
	for _, tc := range []struct {
		args   []string
		fields string
	}{
		{[]string{}, "to,months"},
		{[]string{"--to", "2023-03-31", "--months", "9"}, "months"},
		{[]string{"--to", "2023-13-01", "--months", "6"}, "to"},
	} {
		_, _, err := hearth(t, "", append([]string{"export", "annexa", "--db", db, "--out", bad}, tc.args...)...)
		var got []string
		if e := errs.As(err); e != nil {
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
		}
		if strings.Join(got, ",") != tc.fields {
			t.Errorf("%v: %v, want an error on %s", tc.args, err, tc.fields)
		}
	}
	if _, _, err := hearth(t, "", "export", "annexa", "--db", db, "--year", "2023", "--out", bad); err == nil {
		t.Error("annexa took --year")
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("a refused export wrote %s", bad)
	}
}
