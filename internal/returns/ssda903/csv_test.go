package ssda903

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const goldenDir = "testdata/golden-2024"

// write renders every table of the return, by file name.
func write(t testing.TB, r Return) map[string][]byte {
	t.Helper()
	bufs := map[string]*bytes.Buffer{}
	err := Write(r, func(name string) (io.Writer, error) {
		bufs[name] = &bytes.Buffer{}
		return bufs[name], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for k, v := range bufs {
		out[k] = v.Bytes()
	}
	return out
}

func filesOf(m map[string][]byte) []File {
	var fs []File
	for _, t := range specs {
		if b, ok := m[t.table.File()]; ok {
			fs = append(fs, File{Name: t.table.File(), Body: bytes.NewReader(b)})
		}
	}
	return fs
}

// TestGolden compares the return of the golden children with the reviewed
// files in testdata byte for byte; `go test -update` rewrites them after a
// deliberate change.
func TestGolden(t *testing.T) {
	got := write(t, Build(2024, "999", goldenChildren(t)))
	if len(got) != 11 {
		t.Errorf("2023-24 has %d files, want the 11 tables", len(got))
	}
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range got {
			if err := os.WriteFile(filepath.Join(goldenDir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, b := range got {
		want, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s differs from the golden file:\n%s", name, b)
		}
	}
	again := write(t, Build(2024, "999", goldenChildren(t)))
	if !reflect.DeepEqual(got, again) {
		t.Error("two writes of the same return differ")
	}
}

// TestRoundTrip: Build, Write, Read gives the same Return, with no problem.
func TestRoundTrip(t *testing.T) {
	for _, y := range []Year{2023, 2024, 2025, 2027} {
		built := Build(y, "999", goldenChildren(t))
		read, problems := Read(y, "999", filesOf(write(t, built)))
		if len(problems) > 0 {
			t.Fatalf("%s: problems reading what was written: %v", y, problems)
		}
		if !reflect.DeepEqual(built, read) {
			t.Errorf("%s: read back differs:\nbuilt %+v\nread  %+v", y, built, read)
		}
	}
}

func TestTablesByYear(t *testing.T) {
	for _, c := range []struct {
		y    Year
		want int
		last Table
	}{{2023, 10, TableMissing}, {2024, 11, TableSWEpisodes}, {2026, 11, TableSWEpisodes}, {2027, 12, TableDoLo}} {
		got := Tables(c.y)
		if len(got) != c.want || got[len(got)-1] != c.last {
			t.Errorf("Tables(%d) = %v", c.y, got)
		}
	}
}

// TestColumnsAsTheDfE checks every table's header row against
// shared/domain/ssda903-tables.txt, the DfE's list.
func TestColumnsAsTheDfE(t *testing.T) {
	want := map[Table]string{
		TableHeader:         "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
		TableEpisodes:       "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
		TableReviews:        "CHILD,DOB,REVIEW,REVIEW_CODE",
		TableUASC:           "CHILD,SEX,DOB,DUC",
		TableOC2:            "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
		TableOC3:            "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
		TableAD1:            "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
		TablePlacedAdoption: "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
		TablePrevPerm:       "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
		TableMissing:        "CHILD,DOB,MISSING,MIS_START,MIS_END",
		TableSWEpisodes:     "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
		TableDoLo:           "CHILD,DOB,DOLO_START,DOLO_END",
	}
	if len(want) != len(specs) {
		t.Fatalf("%d tables, want %d", len(specs), len(want))
	}
	for tb, cols := range want {
		if got := strings.Join(Columns(tb), ","); got != cols {
			t.Errorf("%s columns %s, want %s", tb, got, cols)
		}
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // YYYY-MM-DD, or "" when refused
	}{
		{"01/04/2023", "2023-04-01"},
		{"1/4/2023", "2023-04-01"},
		{"29/02/2024", "2024-02-29"},
		{"29/02/2023", ""},
		{"31/04/2023", ""},
		{"00/01/2023", ""},
		{"2023-04-01", ""},
		{"01/04/23", ""},
		{"01/04/20231", ""},
		{"001/04/2023", ""},
		{"/04/2023", ""},
		{"01//2023", ""},
		{"01/04/2023/", ""},
		{"", ""},
	} {
		got, ok := parseDate(c.in)
		if (c.want == "") == ok || (ok && got.String() != c.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %q", c.in, got, ok, c.want)
		}
	}
	if got := dateText(d("2024-02-29")); got != "29/02/2024" {
		t.Errorf("dateText = %q", got)
	}
}

// TestReadProblems: each kind of bad input is reported with its file, row,
// column and reason, and the rest of the file is still read.
func TestReadProblems(t *testing.T) {
	type want struct {
		row   int
		field string
		has   string
	}
	for _, c := range []struct {
		name string
		file string
		body string
		want []want
	}{
		{"good", "Header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/02/2010,WBRI,UN1,,\n", nil},
		{"byte order mark, columns moved and in lower case, CRLF", "header.CSV",
			"\xef\xbb\xbfsex,child,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n1,C1,01/02/2010,WBRI,UN1,,\r\n", nil},
		{"missing column", "Header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,1,01/02/2010,WBRI,UN1,\n",
			[]want{{1, "MC_DOB", "missing"}}},
		{"unexpected column", "Header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,NAME\n",
			[]want{{1, "NAME", "unexpected column"}}},
		{"column twice", "Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE,DOB\n",
			[]want{{1, "DOB", "twice"}}},
		{"unknown code", "Episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" +
			"C1,01/05/2023,S,C2,N9,U4,PR1,,,,,,\nC1,01/06/2023,Q,C2,N1,U4,PR1,,,,,,\n",
			[]want{{2, "CIN", `"N9" is not a code`}, {3, "RNE", `"Q" is not a code`}}},
		{"impossible date", "Missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\nC1,30/02/2010,M,01/05/2023,2023-05-02\n",
			[]want{{2, "DOB", "not a date in the calendar"}, {2, "MIS_END", "not a date"}}},
		{"sex by year", "UASC.csv", "CHILD,SEX,DOB,DUC\nC1,M,01/02/2010,\n",
			[]want{{2, "SEX", `"M" is not a code of SEX in 2023-24`}}},
		{"duplicate child", "OC3.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nC1,01/02/2004,YES,F1,B1\nC2,01/02/2004,NO,0,0\nC1,01/02/2004,NO,0,0\n",
			[]want{{4, "CHILD", "already in OC3, at row 2"}}},
		{"not a number", "OC2.csv", "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n" +
			"C1,01/02/2010,twelve,,0,,1,1,1,0,,\n",
			[]want{{2, "SDQ_SCORE", "not a whole number"}}},
		{"short row", "Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/02/2010,01/05/2023\nC1,01/02/2010,01/06/2023,PN1\n",
			[]want{{2, "", "3 fields"}}},
		{"broken quote", "Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/02/2010,\"01/05/2023,PN1\n",
			[]want{{2, "", "not CSV"}}},
		{"control character", "Reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n\"C\x001\",01/02/2010,01/05/2023,PN1\n",
			[]want{{2, "CHILD", "control character"}}},
		{"empty", "Reviews.csv", "", []want{{0, "", "empty"}}},
		{"unknown file", "notes.csv", "A,B\n1,2\n", []want{{1, "", "not a 903 table"}}},
		{"known by its columns", "export-3.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/02/2010,01/05/2023,PN1\n", nil},
		{"table of a later year", "DoLo.csv", "CHILD,DOB,DOLO_START,DOLO_END\n", []want{{0, "", "not part of the 2023-24 return"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, problems := Read(2024, "999", append(headerAndEpisodes(c.file), File{Name: c.file, Body: strings.NewReader(c.body)}))
			if len(problems) != len(c.want) {
				t.Fatalf("problems %v, want %d", problems, len(c.want))
			}
			for i, w := range c.want {
				p := problems[i]
				if p.File != c.file || p.Row != w.row || p.Field != w.field || !strings.Contains(p.Reason, w.has) {
					t.Errorf("problem %d = %+v, want row %d field %q reason with %q", i, p, w.row, w.field, w.has)
				}
			}
		})
	}
}

// headerAndEpisodes are empty Header and Episodes files, which every
// return has, but for the table of the file named.
func headerAndEpisodes(except string) []File {
	named, _ := tableNamed(except)
	var out []File
	for _, t := range []Table{TableHeader, TableEpisodes} {
		if t != named {
			out = append(out, File{Name: t.File(), Body: strings.NewReader(strings.Join(Columns(t), ",") + "\n")})
		}
	}
	return out
}

func TestReadNeedsHeaderAndEpisodes(t *testing.T) {
	_, problems := Read(2024, "999", []File{{Name: "Reviews.csv", Body: strings.NewReader("CHILD,DOB,REVIEW,REVIEW_CODE\n")}})
	if len(problems) != 2 || problems[0].File != "Header.csv" || problems[1].File != "Episodes.csv" || !strings.Contains(problems[0].Reason, "no Header file") {
		t.Errorf("problems %v", problems)
	}
}

func TestReadKeepsWhatItCan(t *testing.T) {
	body := "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/02/2010,31/02/2023,PN1\nC2,01/02/2011,01/05/2023,PN2\n"
	r, problems := Read(2024, "999", append(headerAndEpisodes(""), File{Name: "Reviews.csv", Body: strings.NewReader(body)}))
	if len(problems) != 1 || len(r.Reviews) != 2 || !r.Reviews[0].Review.IsZero() || r.Reviews[1].ReviewCode != "PN2" {
		t.Errorf("read %+v with %v", r.Reviews, problems)
	}
}

func TestReadSecondFileOfATable(t *testing.T) {
	h := "CHILD,DOB,REVIEW,REVIEW_CODE\n"
	_, problems := Read(2024, "999", append(headerAndEpisodes(""), File{Name: "a/Reviews.csv", Body: strings.NewReader(h)}, File{Name: "b/reviews.csv", Body: strings.NewReader(h)}))
	if len(problems) != 1 || problems[0].File != "b/reviews.csv" || !strings.Contains(problems[0].Reason, "second file") {
		t.Errorf("problems %v", problems)
	}
}

func TestReadOversize(t *testing.T) {
	old := maxFileSize
	maxFileSize = 200 // more than the empty Header and Episodes files
	defer func() { maxFileSize = old }()
	body := "CHILD,DOB,REVIEW,REVIEW_CODE\n" + strings.Repeat("C1,01/02/2010,01/05/2023,PN1\n", 10)
	r, problems := Read(2024, "999", append(headerAndEpisodes(""), File{Name: "Reviews.csv", Body: strings.NewReader(body)}))
	if len(problems) != 1 || !strings.Contains(problems[0].Reason, "over 200 bytes") || len(r.Reviews) != 0 {
		t.Errorf("problems %v, rows %d", problems, len(r.Reviews))
	}
}

// FuzzReadCSV: whatever the bytes, Read never panics, nor do the rules on
// what it reads, and what it reads without a problem writes and reads back
// the same.
func FuzzReadCSV(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.csv"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no golden files: %v", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(p), b)
	}
	f.Add("Header.csv", []byte("CHILD,SEX\n\"a\"\"b\",1\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		r, problems := Read(2024, "999", append(headerAndEpisodes(name), File{Name: name, Body: bytes.NewReader(data)}))
		// The rules run on whatever was read, problems or not.
		Validate(r)
		ValidateWithLast(r, r)
		if len(problems) > 0 {
			return
		}
		again, problems := Read(2024, "999", filesOf(write(t, r)))
		if len(problems) > 0 {
			t.Fatalf("problems reading what was written: %v", problems)
		}
		if !reflect.DeepEqual(r, again) {
			t.Fatalf("read back differs:\n%+v\n%+v", r, again)
		}
	})
}
