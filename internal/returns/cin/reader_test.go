package cin

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func golden(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "census-2024.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameCensus compares two censuses field by field, the header's time as an
// instant (reading gives it back in UTC).
func sameCensus(t *testing.T, got, want Census) {
	t.Helper()
	if !got.Header.DateTime.Equal(want.Header.DateTime) {
		t.Errorf("DateTime %v, want %v", got.Header.DateTime, want.Header.DateTime)
	}
	got.Header.DateTime = want.Header.DateTime
	if got.Header != want.Header || got.Year != want.Year {
		t.Errorf("header %+v %d, want %+v %d", got.Header, got.Year, want.Header, want.Year)
	}
	if len(got.Children) != len(want.Children) {
		t.Fatalf("%d children, want %d", len(got.Children), len(want.Children))
	}
	for i := range want.Children {
		if !reflect.DeepEqual(got.Children[i], want.Children[i]) {
			t.Errorf("child %d:\n got %+v\nwant %+v", i, got.Children[i], want.Children[i])
		}
	}
}

func read(t *testing.T, b []byte) (Census, []Problem) {
	t.Helper()
	return ReadXML(bytes.NewReader(b))
}

// Build, WriteXML and ReadXML give back the census that was built.
func TestRoundTrip2024(t *testing.T) {
	want := sample()
	got, problems := read(t, render(t, want))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	sameCensus(t, got, want)
}

// From 2024-25 the sex is <Sex>: M and F read back as 1 and 2, and U,
// which the writer sends for 9 (indeterminate) and 0 alike, as 0.
func TestRoundTrip2025(t *testing.T) {
	want := sample()
	want.Year = 2025
	x := render(t, want)
	if !bytes.Contains(x, []byte("<Sex>U</Sex>")) || bytes.Contains(x, []byte("GenderCurrent")) {
		t.Fatalf("not the 2024-25 form:\n%s", x)
	}
	got, problems := read(t, x)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	for i := range want.Children {
		if want.Children[i].Sex == "9" {
			want.Children[i].Sex = "0"
		}
	}
	sameCensus(t, got, want)
}

// The golden file, which the schema test validates, reads without a
// problem into the census it was written from.
func TestReadGolden(t *testing.T) {
	got, problems := read(t, golden(t))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	sameCensus(t, got, sample())
}

// The schema's other spellings of a flag, and an assessment's internal
// review date, which the census does not keep, read without a problem.
func TestReadAcceptsTheSchemasSpellings(t *testing.T) {
	x := strings.Replace(string(golden(t)), "<ReferralNFA>false</ReferralNFA>", "<ReferralNFA>0</ReferralNFA>", 1)
	x = strings.Replace(x, "<ICPCnotRequired>false</ICPCnotRequired>", "<ICPCnotRequired>FALSE</ICPCnotRequired>", 1)
	x = strings.Replace(x, "</AssessmentActualStartDate>", "</AssessmentActualStartDate>\n<AssessmentInternalReviewDate>2023-06-20</AssessmentInternalReviewDate>", 1)
	got, problems := read(t, []byte(x))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	sameCensus(t, got, sample())
}

// Each broken file gives a problem naming the element, its line, the
// field and the reason.
func TestReadProblems(t *testing.T) {
	g := string(golden(t))
	edit := func(old, new string) string {
		t.Helper()
		if !strings.Contains(g, old) {
			t.Fatalf("golden file has no %q", old)
		}
		return strings.Replace(g, old, new, 1)
	}
	cases := []struct {
		name, xml           string
		path, field, reason string
		line                bool // the problem has a line
	}{
		{"malformed XML", edit("</LAchildID>", "</LAchild>"),
			"/", "", "not well-formed", true},
		{"cut short", g[:len(g)/2],
			"/", "", "ends before", true},
		{"not XML", "hello", "/", "Message", "no <Message>", false},
		{"wrong root", "<Return/>", "/Return", "Return", "root element", true},
		{"other encoding", strings.Replace(g, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1),
			"/", "", "UTF-8", false},
		{"unknown ethnicity", edit("<Ethnicity>NOBT</Ethnicity>", "<Ethnicity>XXXX</Ethnicity>"),
			"/Message/Children/Child[1]/ChildCharacteristics/Ethnicity", "Ethnicity", `"XXXX" is not a code`, true},
		{"unknown referral source", edit("<ReferralSource>2A</ReferralSource>", "<ReferralSource>2Z</ReferralSource>"),
			"/Message/Children/Child[1]/CINdetails[1]/ReferralSource", "ReferralSource", "not a code", true},
		{"unknown factor", edit("<AssessmentFactors>3A</AssessmentFactors>", "<AssessmentFactors>99</AssessmentFactors>"),
			"/FactorsIdentifiedAtAssessment/AssessmentFactors[1]", "AssessmentFactors", "not a code", true},
		{"unknown disability", edit("<Disability>COMM</Disability>", "<Disability>SIGHT</Disability>"),
			"/ChildCharacteristics/Disabilities/Disability[1]", "Disability", "not a code", true},
		{"unknown sex", edit("<GenderCurrent>0</GenderCurrent>", "<GenderCurrent>X</GenderCurrent>"),
			"/ChildIdentifiers/GenderCurrent", "GenderCurrent", "not a code", true},
		{"impossible date", edit("<CINreferralDate>2024-03-04</CINreferralDate>", "<CINreferralDate>2023-02-29</CINreferralDate>"),
			"/Message/Children/Child[1]/CINdetails[1]/CINreferralDate", "CINreferralDate", "not a date", true},
		{"date in another form", edit("<CINreferralDate>2024-03-04</CINreferralDate>", "<CINreferralDate>04/03/2024</CINreferralDate>"),
			"/CINdetails[1]/CINreferralDate", "CINreferralDate", "not a date", true},
		{"duplicate child", edit("<LAchildID>13</LAchildID>", "<LAchildID>DC000010</LAchildID>"),
			"/Message/Children/Child[2]/ChildIdentifiers/LAchildID", "LAchildID", "also the child's at /Message/Children/Child[1]", true},
		{"missing ReferralNFA (rule 8568)", edit("<ReferralNFA>false</ReferralNFA>", ""),
			"/Message/Children/Child[1]/CINdetails[1]/ReferralNFA", "ReferralNFA", "missing", true},
		{"invalid ReferralNFA (rule 8568)", edit("<ReferralNFA>false</ReferralNFA>", "<ReferralNFA>no</ReferralNFA>"),
			"/CINdetails[1]/ReferralNFA", "ReferralNFA", "not true, false", true},
		{"wrong reference date (rule 100)", edit("<ReferenceDate>2024-03-31</ReferenceDate>", "<ReferenceDate>2023-03-31</ReferenceDate>"),
			"/Message/Header/CollectionDetails/ReferenceDate", "ReferenceDate", "rule 100", true},
		{"year not a year", edit("<Year>2024</Year>", "<Year>twenty</Year>"),
			"/Message/Header/CollectionDetails/Year", "Year", "not a year", true},
		{"other collection", edit("<Collection>CIN</Collection>", "<Collection>SEN2</Collection>"),
			"/CollectionDetails/Collection", "Collection", "CIN", true},
		{"LEA not three digits", edit("<LEA>999</LEA>", "<LEA>99A</LEA>"),
			"/Message/Header/Source/LEA", "LEA", "three-digit", true},
		{"unknown element", edit("<UPNunknown>UN5</UPNunknown>", "<UPNunknown>UN5</UPNunknown><Nickname>Sam</Nickname>"),
			"/ChildIdentifiers/Nickname", "Nickname", "not an element of <ChildIdentifiers>", true},
		{"element twice", edit("<Ethnicity>NOBT</Ethnicity>", "<Ethnicity>NOBT</Ethnicity><Ethnicity>WBRI</Ethnicity>"),
			"/ChildCharacteristics/Ethnicity", "Ethnicity", "more than once", true},
		{"missing ethnicity", edit("<Ethnicity>NOBT</Ethnicity>", ""),
			"/Message/Children/Child[1]/ChildCharacteristics/Ethnicity", "Ethnicity", "missing", true},
		{"previous plans not a number", edit("<NumberOfPreviousCPP>1</NumberOfPreviousCPP>", "<NumberOfPreviousCPP>one</NumberOfPreviousCPP>"),
			"/ChildProtectionPlans[1]/NumberOfPreviousCPP", "NumberOfPreviousCPP", "not a number", true},
		{"Sex in a 2023-24 file", edit("<GenderCurrent>0</GenderCurrent>", "<Sex>U</Sex>"),
			"/ChildIdentifiers/Sex", "Sex", "names the child's sex <GenderCurrent>", true},
		{"child with no episode", g[:strings.Index(g, "<CINdetails>")] + g[strings.Index(g, "</CINdetails>")+len("</CINdetails>"):],
			"/Message/Children/Child[1]", "Child", "no <CINdetails>", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, problems := read(t, []byte(c.xml))
			for _, p := range problems {
				if strings.Contains(p.Path, c.path) && p.Field == c.field && strings.Contains(p.Reason, c.reason) {
					if c.line && p.Line == 0 {
						t.Errorf("no line: %+v", p)
					}
					return
				}
			}
			t.Errorf("no problem at %s (%s) with %q; got %v", c.path, c.field, c.reason, problems)
		})
	}
}

// A problem inside a child names the child and the line of the element.
func TestProblemNamesChildAndLine(t *testing.T) {
	g := string(golden(t))
	x := strings.Replace(g, "<AssessmentFactors>3A</AssessmentFactors>", "<AssessmentFactors>99</AssessmentFactors>", 1)
	_, problems := read(t, []byte(x))
	if len(problems) != 1 {
		t.Fatalf("problems: %v", problems)
	}
	p := problems[0]
	want := 1 + strings.Count(x[:strings.Index(x, "<AssessmentFactors>99")], "\n")
	if p.LAChildID != "DC000010" || p.Line != want {
		t.Errorf("problem %+v, want child DC000010 at line %d", p, want)
	}
	if !strings.HasPrefix(p.String(), "line ") {
		t.Errorf("String() = %q", p.String())
	}
}

// A file over the limit is refused with a problem that says so, not read
// in part.
func TestReadRefusesAnOversizeFile(t *testing.T) {
	g := golden(t)
	_, problems := readXML(bytes.NewReader(g), int64(len(g)-1))
	if len(problems) != 1 || !strings.Contains(problems[0].Reason, "larger than") {
		t.Errorf("problems: %v", problems)
	}
	if _, problems := readXML(bytes.NewReader(g), int64(len(g))); len(problems) != 0 {
		t.Errorf("a file of exactly the limit: %v", problems)
	}
	if sizeText(MaxXMLSize) != "200 MB" {
		t.Errorf("MaxXMLSize is %s", sizeText(MaxXMLSize))
	}
}

// Elements nested without end are refused, not followed.
func TestReadRefusesDeepNesting(t *testing.T) {
	x := "<Message><Children><Child>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</Child></Children></Message>"
	_, problems := read(t, []byte(x))
	for _, p := range problems {
		if strings.Contains(p.Reason, "nested more than") && p.Line > 0 {
			return
		}
	}
	t.Errorf("problems: %v", problems)
}

// FuzzReadXML reads any input, and validates what it read, without
// panicking; whatever it reads without a problem it writes and reads back
// to the same census, without a problem.
func FuzzReadXML(f *testing.F) {
	g := golden(f)
	f.Add(g)
	f.Add(bytes.Replace(g, []byte("<GenderCurrent>1</GenderCurrent>"), []byte("<Sex>M</Sex>"), 1))
	f.Add([]byte("<Message><Header/><Children><Child/></Children></Message>"))
	f.Add([]byte("<Message>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, problems := ReadXML(bytes.NewReader(b))
		Validate(c) // must not panic, whatever the file held
		// The scanner reads a file as encoding/xml does, or gives it up.
		if sc, sps, ok := readScanned(b, MaxXMLSize); ok {
			dc, dps := readDecoded(b, nil, MaxXMLSize)
			if !reflect.DeepEqual(sc, dc) || !reflect.DeepEqual(sps, dps) {
				t.Fatalf("the scanner read\n%+v\n%v\nencoding/xml read\n%+v\n%v", sc, sps, dc, dps)
			}
		}
		if len(problems) > 0 {
			for _, p := range problems {
				if p.Path == "" || p.Reason == "" {
					t.Fatalf("problem without a path or reason: %+v", p)
				}
			}
			return
		}
		var buf bytes.Buffer
		if err := c.WriteXML(&buf); err != nil {
			t.Fatal(err)
		}
		again, problems := ReadXML(&buf)
		if len(problems) > 0 {
			t.Fatalf("the census written from a file read without problems has problems: %v\n%s", problems, buf.Bytes())
		}
		sameCensus(t, again, c)
	})
}

// A census read from its file validates as the census it was written
// from: the rules see the same return either way.
func TestValidateReadFile(t *testing.T) {
	c, problems := read(t, golden(t))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got, want := Validate(c), Validate(sample())
	if !reflect.DeepEqual(got.Findings, want.Findings) || len(got.Checked) != len(want.Checked) {
		t.Errorf("read file: %+v\nbuilt census: %+v", got.Findings, want.Findings)
	}
}

// The census as Hearth and others write it is read by the scanner, in both
// forms, and the scanner reads it as encoding/xml does; the files it gives
// up are read by encoding/xml.
func TestScannerReadsAsEncodingXML(t *testing.T) {
	g := golden(t)
	var big bytes.Buffer
	if err := bigCensus(300).WriteXML(&big); err != nil {
		t.Fatal(err)
	}
	files := map[string]struct {
		data    []byte
		scanned bool
	}{
		"golden":         {g, true},
		"from 2024-25":   {bytes.Replace(g, []byte("<GenderCurrent>1</GenderCurrent>"), []byte("<Sex>M</Sex>"), 1), true},
		"written":        {big.Bytes(), true},
		"namespaces":     {bytes.Replace(g, []byte("<Message>"), []byte(`<Message xmlns="http://www.dfe.gov.uk/CIN" xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>`), 1), true},
		"comment, CRLF":  {bytes.ReplaceAll(bytes.Replace(g, []byte("<Children>"), []byte("<Children><!-- the children -->"), 1), []byte("\n"), []byte("\r\n")), true},
		"entity":         {bytes.Replace(g, []byte("<LAchildID>13</LAchildID>"), []byte("<LAchildID>1&amp;3</LAchildID>"), 1), true},
		"reference":      {bytes.Replace(g, []byte("<LAchildID>13</LAchildID>"), []byte("<LAchildID>&#49;3</LAchildID>"), 1), false},
		"CDATA":          {bytes.Replace(g, []byte("<LAchildID>13</LAchildID>"), []byte("<LAchildID><![CDATA[13]]></LAchildID>"), 1), false},
		"prefixed":       {bytes.ReplaceAll(g, []byte("Message>"), []byte("c:Message>")), false},
		"other encoding": {bytes.Replace(g, []byte(`encoding="UTF-8"`), []byte(`encoding="ISO-8859-1"`), 1), false},
		"malformed":      {bytes.Replace(g, []byte("</LAchildID>"), []byte("</LAchild>"), 1), false},
		"cut short":      {g[:len(g)/2], false},
	}
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			sc, sps, ok := readScanned(f.data, MaxXMLSize)
			if ok != f.scanned {
				t.Fatalf("scanned: %v, want %v", ok, f.scanned)
			}
			c, ps := ReadXML(bytes.NewReader(f.data))
			dc, dps := readDecoded(f.data, nil, MaxXMLSize)
			if !reflect.DeepEqual(c, dc) || !reflect.DeepEqual(ps, dps) {
				t.Fatalf("read\n%v\nencoding/xml read\n%v", ps, dps)
			}
			if ok && (!reflect.DeepEqual(sc, dc) || !reflect.DeepEqual(sps, dps)) {
				t.Fatalf("the scanner read\n%v\nencoding/xml read\n%v", sps, dps)
			}
		})
	}
}
