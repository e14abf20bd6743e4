package sen2

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestRoundTrip reads the golden file back to the return it was written
// from, with no problem, and writes it again to the same bytes.
func TestRoundTrip(t *testing.T) {
	want := sample()
	got, problems := ReadXML(bytes.NewReader(golden(t)))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	sameReturn(t, got, want)
	if again := render(t, got); !bytes.Equal(again, golden(t)) {
		t.Errorf("the return read back writes differently:\n%s", again)
	}
	if !reflect.DeepEqual(Validate(got), Validate(want)) {
		t.Error("the return read back validates differently")
	}
}

func sameReturn(t *testing.T, got, want Return) {
	t.Helper()
	if !got.Header.DateTime.Equal(want.Header.DateTime) {
		t.Errorf("DateTime %v, want %v", got.Header.DateTime, want.Header.DateTime)
	}
	got.Header.DateTime = want.Header.DateTime // compared above as instants
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, want)
	}
}

// edit replaces old by new in the golden file, once, failing if old is not
// there (so a case cannot pass by editing nothing).
func edit(t *testing.T, old, new string) []byte {
	t.Helper()
	g := golden(t)
	if !bytes.Contains(g, []byte(old)) {
		t.Fatalf("the golden file has no %q", old)
	}
	return bytes.Replace(g, []byte(old), []byte(new), 1)
}

func TestReadProblems(t *testing.T) {
	cases := []struct {
		name       string
		file       func(t *testing.T) []byte
		path, want string // the first problem's path, and a part of its reason
	}{
		{"malformed XML", func(t *testing.T) []byte { return edit(t, "<surname>Brown</surname>", "<surname>Brown</surnam>") },
			"/", "not well-formed"},
		{"cut short", func(t *testing.T) []byte { return golden(t)[:400] }, "/", "ends before"},
		{"empty file", func(t *testing.T) []byte { return nil }, "/", "no <message>"},
		{"wrong root", func(t *testing.T) []byte { return []byte("<Message/>") }, "/Message", "root element"},
		{"unknown code", func(t *testing.T) []byte {
			return edit(t, "<requestoutcome>N</requestoutcome>", "<requestoutcome>X</requestoutcome>")
		}, "/message/persons/person[2]/requests[1]/requestoutcome", `"X" is not a code of <requestoutcome>`},
		{"unknown need", func(t *testing.T) []byte { return edit(t, "<sentype>PD</sentype>", "<sentype>NSA</sentype>") },
			"/message/persons/person[1]/requests[1]/activeplans/senneed[1]/sentype", "not a code"},
		{"impossible date", func(t *testing.T) []byte {
			return edit(t, "<receiveddate>2024-02-29</receiveddate>", "<receiveddate>2023-02-29</receiveddate>")
		}, "/message/persons/person[4]/requests[1]/receiveddate", "not a date in the calendar"},
		{"not a date", func(t *testing.T) []byte {
			return edit(t, "<personbirthdate>2012-01-20</personbirthdate>", "<personbirthdate>20/01/2012</personbirthdate>")
		}, "/message/persons/person[2]/personbirthdate", "not a date"},
		{"duplicate person", func(t *testing.T) []byte { return edit(t, "<upn>V938201100002</upn>", "<upn>J938201100003</upn>") },
			"/message/persons/person[3]", "also at /message/persons/person[2] (the same UPN)"},
		{"unknown element", func(t *testing.T) []byte {
			return edit(t, "<sex>M</sex>", "<sex>M</sex><gendercurrent>1</gendercurrent>")
		},
			"/message/persons/person[2]/gendercurrent", "not an element of <person>"},
		{"repeated element", func(t *testing.T) []byte { return edit(t, "<sex>M</sex>", "<sex>M</sex><sex>M</sex>") },
			"/message/persons/person[2]/sex", "more than once"},
		{"placement field in a plan's setting", func(t *testing.T) []byte {
			return edit(t, "<urn>100003</urn>", "<urn>100003</urn><entrydate>2019-03-01</entrydate>")
		}, "/message/persons/person[5]/requests[1]/assessment/namedplan/plandetail[1]/entrydate", "not an element of <plandetail>"},
		{"flag not 1 or 0", func(t *testing.T) []byte { return edit(t, "<week20>1</week20>", "<week20>yes</week20>") },
			"/message/persons/person[3]/requests[1]/assessment/week20", `"yes" is not a code of <week20>`},
		{"wrong census day", func(t *testing.T) []byte {
			return edit(t, "<referencedate>2025-01-16</referencedate>", "<referencedate>2025-01-31</referencedate>")
		}, "/message/header/referencedate", "census day of the return of 2025 is 2025-01-16"},
		{"year too early", func(t *testing.T) []byte { return edit(t, "<year>2025</year>", "<year>2023</year>") },
			"/message/header/year", "not a year Hearth reads"},
		{"v1.3 field in 2024", func(t *testing.T) []byte {
			b := edit(t, "<year>2025</year>", "<year>2024</year>")
			return bytes.Replace(bytes.Replace(b, []byte("2025-01-16"), []byte("2024-01-18"), 1), []byte("<dsco>0</dsco>"), []byte(""), 1)
		}, "/message/persons/person[3]/requests[1]/activeplans/phasetransferduedate", "not in the return of 2024"},
		{"not SEN2", func(t *testing.T) []byte {
			return edit(t, "<collection>SEN2</collection>", "<collection>CIN</collection>")
		},
			"/message/header/collection", "a SEN2 file's is SEN2"},
		{"bad LEA", func(t *testing.T) []byte { return edit(t, "<lea>999</lea>", "<lea>99</lea>") },
			"/message/header/lea", "three-digit"},
		{"no header", func(t *testing.T) []byte {
			return []byte("<message><persons><person><surname>A</surname><requests/></person></persons></message>")
		}, "/message/header", "no <header>"},
		{"person without requests", func(t *testing.T) []byte {
			return edit(t, "<upn>Y938201100004</upn>", "<upn>Y938201100004</upn></person><person><surname>Z</surname>")
		}, "/message/persons/person[5]", "no <requests>"}, // Dev's requests now belong to Z
		{"second root", func(t *testing.T) []byte { return append(golden(t), []byte("<message/>")...) },
			"/message", "second root"},
		{"other encoding", func(t *testing.T) []byte {
			return edit(t, `encoding="UTF-8"`, `encoding="ISO-8859-1"`)
		}, "/", "UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, problems := ReadXML(bytes.NewReader(c.file(t)))
			if len(problems) == 0 {
				t.Fatal("no problem reported")
			}
			p := problems[0]
			if p.Path != c.path || !strings.Contains(p.Reason, c.want) {
				t.Errorf("first problem %q: %q, want %q: ...%s...\nall: %v", p.Path, p.Reason, c.path, c.want, problems)
			}
			for _, p := range problems {
				if p.Path == "" || p.Reason == "" {
					t.Errorf("problem without a path or reason: %+v", p)
				}
			}
		})
	}
}

// TestReadEveryProblem: problems in several persons are all reported, each
// with its line, and the rest of the file is still read.
func TestReadEveryProblem(t *testing.T) {
	b := edit(t, "<sentype>PD</sentype>", "<sentype>XX</sentype>")
	b = bytes.Replace(b, []byte("<ceasereason>4</ceasereason>"), []byte("<ceasereason>10</ceasereason>"), 1)
	b = bytes.Replace(b, []byte("<startdate>2024-07-11</startdate>"), []byte("<startdate>2024-13-01</startdate>"), 1)
	r, problems := ReadXML(bytes.NewReader(b))
	if len(problems) != 3 {
		t.Fatalf("problems: %v", problems)
	}
	for _, p := range problems {
		if p.Line == 0 {
			t.Errorf("no line: %v", p)
		}
	}
	if len(r.Persons) != 5 {
		t.Errorf("%d persons read", len(r.Persons))
	}
}

// TestReadOversize refuses a file over the limit, without reading on.
func TestReadOversize(t *testing.T) {
	g := golden(t)
	_, problems := readXML(bytes.NewReader(g), int64(len(g)-100))
	if len(problems) != 1 || !strings.Contains(problems[0].Reason, "larger than") {
		t.Errorf("problems: %v", problems)
	}
	if _, problems := readXML(bytes.NewReader(g), int64(len(g))); len(problems) != 0 {
		t.Errorf("a file of exactly the limit: %v", problems)
	}
}

// TestReadDeep refuses nesting beyond maxDepth rather than recursing on.
func TestReadDeep(t *testing.T) {
	deep := strings.Repeat("<x>", 100) + strings.Repeat("</x>", 100)
	b := edit(t, "<sex>M</sex>", "<sex>M</sex>"+deep)
	_, problems := ReadXML(bytes.NewReader(b))
	if len(problems) != 1 || !strings.Contains(problems[0].Reason, "nested") {
		t.Errorf("problems: %v", problems)
	}
}

// FuzzReadXML reads any input and validates what it read without
// panicking; whatever it reads without a problem writes and reads back to
// the same return, without a problem.
func FuzzReadXML(f *testing.F) {
	g := golden(f)
	f.Add(g)
	f.Add(bytes.Replace(g, []byte("<year>2025</year>"), []byte("<year>2024</year>"), 1))
	f.Add([]byte("<message><header/><persons><person/></persons></message>"))
	f.Add([]byte("<message>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, problems := ReadXML(bytes.NewReader(b))
		Validate(r)
		if len(problems) > 0 {
			for _, p := range problems {
				if p.Path == "" || p.Reason == "" {
					t.Fatalf("problem without a path or reason: %+v", p)
				}
			}
			return
		}
		var buf bytes.Buffer
		if err := r.WriteXML(&buf); err != nil {
			t.Fatal(err)
		}
		again, problems := ReadXML(bytes.NewReader(buf.Bytes()))
		if len(problems) > 0 {
			t.Fatalf("the return written from a file read without problems has problems: %v\n%s", problems, buf.Bytes())
		}
		if !reflect.DeepEqual(again.Persons, r.Persons) || again.Year != r.Year {
			t.Fatalf("read back differently:\n%+v\n%+v", again, r)
		}
	})
}
