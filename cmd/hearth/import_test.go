package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestImport: hearth import loads a census and a 903 folder named for its
// year as records, and logs it; the same files again, a malformed census,
// a 903 with a wrong column or an unknown code, or a folder with no year
// print every problem with its file and place, fail, and write nothing.
func TestImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := newStore(t)
	mustHearth(t, "", "migrate", "--db", db)
	census := write(t, filepath.Join(dir, "cin-2023.xml"), censusXML("2022-06-01"))
	folder := filepath.Join(dir, "ssda903-2022-23")
	write(t, filepath.Join(folder, "Header.csv"), header903)
	write(t, filepath.Join(folder, "Episodes.csv"), episodes903+"C1,01/10/2022,S,C2,N1,U4,PR1,,,,AB1 2BD,AB3 4EF,SC123456\n")
	out := mustHearth(t, "", "import", "--db", db, census, folder)
	if !strings.Contains(out, "Imported 2 children (2 new, 0 already held) and 2 records from 2 returns") {
		t.Errorf("output:\n%s", out)
	}
	st := openStore(t, db)
	people := func() int {
		n, err := st.CountPeople(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if people() != 2 {
		t.Fatalf("%d people", people())
	}

	fails := func(name string, want []string, args ...string) {
		t.Helper()
		out, _, err := hearth(t, "", append([]string{"import", "--db", db}, args...)...)
		if err == nil {
			t.Errorf("%s: no error\n%s", name, out)
		}
		for _, w := range want {
			if !strings.Contains(out+message(err), w) {
				t.Errorf("%s: no %q in\n%s%s", name, w, out, message(err))
			}
		}
		if people() != 2 {
			t.Errorf("%s: %d people after a refused import", name, people())
		}
	}
	fails("again", []string{"problem: " + census + " /Message/Children/Child[1] (child DC1), LAchildID: this child's LA child id or UPN is held for a record the import may not add to",
		"problem: " + filepath.Join(folder, "Header.csv") + " row 2 (child C1), LAchildID: this child's LA child id or UPN is held for a record the import may not add to"}, census, folder)

	broken := write(t, filepath.Join(dir, "broken.xml"), strings.Replace(censusXML("2022-06-01"), "</Children>", "", 1))
	fails("malformed", []string{"problem: " + broken + " line", "nothing was imported"}, broken)

	wrong := filepath.Join(dir, "wrong")
	write(t, filepath.Join(wrong, "Header.csv"), strings.Replace(header903, "ETHNIC", "ETHNICITY", 1))
	write(t, filepath.Join(wrong, "Episodes.csv"), episodes903+"C9,01/10/2022,S,C2,N1,ZZ,PR1,,,,AB1 2BD,AB3 4EF,SC123456\n")
	fails("wrong columns and codes", []string{"Header.csv", "ETHNIC", "Episodes.csv row 2, PLACE"}, "--year", "2023", wrong)

	fails("no year", []string{"give the SSDA903's collection year with --year"}, wrong)
}

// TestFolderYear: a 903 folder's name ends in its year, either way the DfE
// writes it.
func TestFolderYear(t *testing.T) {
	for name, want := range map[string]int{"ssda903-2023": 2023, "903_2022-23": 2023, "/data/returns/2019/": 2019, "latest": 0} {
		if got, _ := folderYear(name); got != want {
			t.Errorf("folderYear(%q) = %d, want %d", name, got, want)
		}
	}
}
