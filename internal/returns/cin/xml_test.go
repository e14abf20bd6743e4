package cin

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hearth/internal/journey"
	"hearth/internal/people"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sample is a small census of 2023-24 with every element the return can
// hold: a child on a child protection plan after a Section 47 enquiry and a
// conference, with reviews and an earlier plan; a child in need with a
// closed assessment and a CIN plan; an NFA referral; and an unborn child
// with no LAchildID on record.
func sample() Census {
	hdr := Header{LEA: "999", SoftwareCode: "Hearth", Release: "1.0", SerialNo: "001",
		DateTime: time.Date(2024, 4, 20, 9, 15, 0, 0, time.UTC)}
	cp := Child{
		Person: people.Person{ID: 10, DateOfBirth: d("2014-03-09"), Sex: "1", Ethnicity: "MWBC",
			Disabilities: []string{"COMM", "LD"},
			Identifiers:  people.Identifiers{LAChildID: "DC000010", UPN: "A123456789012", FormerUPN: "B12345678901C"}},
		Records: []journey.Record{
			referral(1, "2020-01-06", "2020-09-01", false, "RC7"),
			rec(2, journey.KindCPPlan, 1, 0, "2020-02-03", "2020-08-03"),
			referral(3, "2023-06-12", "", false, ""),
			rec(4, journey.KindAssessment, 3, 0, "2023-06-13", "2023-07-20"),
			rec(5, journey.KindStrategy, 3, 0, "2023-06-14", ""),
			rec(6, journey.KindS47, 3, 5, "2023-06-14", "2023-07-04"),
			rec(7, journey.KindICPC, 3, 6, "2023-07-04", ""),
			rec(8, journey.KindCPPlan, 3, 7, "2023-07-04", ""),
			rec(9, journey.KindCPReview, 3, 8, "2023-10-03", ""),
			rec(10, journey.KindCPReview, 3, 8, "2024-03-26", ""),
		},
	}
	cin := Child{
		Person: people.Person{ID: 11, DateOfBirth: d("2009-11-30"), Sex: "2", Ethnicity: "WBRI",
			Disabilities: []string{"NONE"}, Identifiers: people.Identifiers{LAChildID: "DC000011"}},
		UPNUnknown: "UN5",
		Records: []journey.Record{
			referral(1, "2023-02-01", "2024-02-28", false, "RC7"),
			rec(2, journey.KindAssessment, 1, 0, "2023-02-02", "2023-04-14"),
			rec(3, journey.KindCINPlan, 1, 0, "2023-04-20", "2024-02-28"),
		},
	}
	nfa := Child{
		Person: people.Person{ID: 12, DateOfBirth: d("2017-05-05"), Sex: "9", Ethnicity: "NOBT",
			Identifiers: people.Identifiers{LAChildID: "DC000012"}},
		UPNUnknown: "UN7",
		Records:    []journey.Record{referral(1, "2023-09-11", "2023-09-11", true, "RC7")},
	}
	unborn := Child{
		Person:  people.Person{ID: 13, ExpectedDateOfBirth: d("2024-05-30"), Sex: "0", Ethnicity: "NOBT"},
		Records: []journey.Record{referral(1, "2024-03-04", "", false, "")},
	}
	// The input order is not the output's: the census sorts.
	return Build(hdr, []Child{unborn, nfa, cp, cin}, y2024)
}

func render(t *testing.T, c Census) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden compares the sample's XML byte for byte with the reviewed file
// in testdata (which the schema test also validates); `go test -update`
// rewrites it after a deliberate change.
func TestGolden(t *testing.T) {
	got := render(t, sample())
	path := filepath.Join("testdata", "census-2024.xml")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("XML differs from %s:\n%s", path, got)
	}
	if again := render(t, sample()); !bytes.Equal(got, again) {
		t.Error("two writes of the same census differ")
	}
}

// xmllint returns the path of xmllint (Debian's libxml2-utils), skipping
// the test where it is not installed, except in CI, which installs it.
func xmllint(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint is not installed: .ci/run installs libxml2-utils for the schema test")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils): the census is not checked against the DfE's schema")
	}
	return p
}

// validate runs the DfE's schema over the XML and returns xmllint's report
// and whether the document is valid.
func validate(t *testing.T, xml []byte) (string, bool) {
	t.Helper()
	bin := xmllint(t)
	f := filepath.Join(t.TempDir(), "census.xml")
	if err := os.WriteFile(f, xml, 0o644); err != nil {
		t.Fatal(err)
	}
	// The schema is the DfE's, for 2023-24: see the comment at its top.
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("testdata", "cin-census-schema-2024.xsd"), f).CombinedOutput()
	if err != nil {
		if _, exited := err.(*exec.ExitError); !exited {
			t.Fatal(err)
		}
	}
	return string(out), err == nil
}

func TestSampleValidatesAgainstSchema(t *testing.T) {
	if out, ok := validate(t, render(t, sample())); !ok {
		t.Errorf("the DfE's schema refuses the census:\n%s", out)
	}
}

// The schema check can fail: an element out of the schema's order is
// refused, so a pass above means something.
func TestSchemaRefusesElementsOutOfOrder(t *testing.T) {
	x := render(t, sample())
	broken := bytes.Replace(x, []byte("<ReferralNFA>false</ReferralNFA>"), nil, 1)
	broken = bytes.Replace(broken, []byte("<CINreferralDate>"), []byte("<ReferralNFA>false</ReferralNFA><CINreferralDate>"), 1)
	if out, ok := validate(t, broken); ok {
		t.Errorf("schema accepted ReferralNFA before CINreferralDate:\n%s", out)
	}
}

// The 2023-24 schema types NumberOfPreviousCPP as xs:positiveInteger, so it
// refuses a child's first plan (0 previous), which the DfE's own rule 8730
// allows ("greater than or equal to zero"). The census writes the true
// count; this test records the schema's disagreement so that a corrected
// schema shows up here.
func TestSchemaRefusesAFirstPlan(t *testing.T) {
	c := Build(Header{LEA: "999"}, []Child{child(1,
		referral(1, "2023-05-01", "", false, ""),
		rec(2, journey.KindCPPlan, 1, 0, "2023-05-20", ""),
	)}, y2024)
	x := render(t, c)
	if !bytes.Contains(x, []byte("<NumberOfPreviousCPP>0</NumberOfPreviousCPP>")) {
		t.Fatalf("no zero count in\n%s", x)
	}
	out, ok := validate(t, x)
	if ok || !strings.Contains(out, "NumberOfPreviousCPP") {
		t.Errorf("expected the schema to refuse NumberOfPreviousCPP 0, got ok=%v:\n%s", ok, out)
	}
}

// From 2024-25 the child's sex is <Sex> with M, F or U in the place of
// <GenderCurrent>.
func TestSexElementByYear(t *testing.T) {
	cases := []struct {
		year Year
		sex  string
		want string
	}{
		{2024, "1", "<GenderCurrent>1</GenderCurrent>"},
		{2024, "", "<GenderCurrent>0</GenderCurrent>"},
		{2025, "1", "<Sex>M</Sex>"},
		{2025, "2", "<Sex>F</Sex>"},
		{2025, "9", "<Sex>U</Sex>"},
		{2025, "0", "<Sex>U</Sex>"},
	}
	for _, c := range cases {
		ch := child(1, referral(1, civilYearDate(c.year), "", false, ""))
		ch.Person.Sex = c.sex
		x := string(render(t, Build(Header{LEA: "999"}, []Child{ch}, c.year)))
		if !strings.Contains(x, c.want) {
			t.Errorf("%d %q: no %s in\n%s", c.year, c.sex, c.want, x)
		}
		if other := map[bool]string{true: "<GenderCurrent>", false: "<Sex>"}[c.year >= 2025]; strings.Contains(x, other) {
			t.Errorf("%d: both elements written", c.year)
		}
	}
}

// civilYearDate is a day within the collection year.
func civilYearDate(y Year) string { return y.Start().AddDays(30).String() }
