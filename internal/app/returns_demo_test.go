package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/demo"
	"hearth/internal/people"
	"hearth/internal/returns/annexa"
	"hearth/internal/returns/cin"
	"hearth/internal/store"
)

// TestDemoCityCIN builds Demo City's CIN census of 2022-23 (Year 2023) as
// the export does (buildCIN over every child's records) and checks it
// against the DfE's schema with xmllint. The one thing the schema refuses
// is NumberOfPreviousCPP 0 on a child's first plan, which the DfE's rule
// 8730 allows and the 2023-24 schema types as a positive integer (see
// internal/returns/cin's TestSchemaRefusesAFirstPlan); anything else
// refused fails the test.
func TestDemoCityCIN(t *testing.T) {
	if testing.Short() {
		t.Skip("generates Demo City")
	}
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint is not installed: .ci/run installs libxml2-utils")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	city := demo.Generate(1, 1, civil.MustNew(2023, time.April, 3))
	at := map[people.ID]int{}
	var children []store.ReturnChild
	for _, j := range city.Journeys {
		r := j.Record
		i, ok := at[r.PersonID]
		if !ok {
			i = len(children)
			at[r.PersonID] = i
			p := city.People[r.PersonID]
			p.ID = r.PersonID + 1 // the city's records name a person by their index
			children = append(children, store.ReturnChild{Person: p})
		}
		r.PersonID++
		children[i].Records = append(children[i].Records, r)
	}
	in := returnInput{year: 2023, recordedAt: time.Date(2023, time.May, 15, 16, 0, 0, 0, time.UTC), council: store.Council{LANumber: "336"}, children: children}
	files, n, err := buildCIN(in)
	if err != nil {
		t.Fatal(err)
	}
	x := files[0].Body
	// Demo City's referrals run at about 3,000 a year, each episode open
	// some months: the year holds a few thousand children.
	if got := bytes.Count(x, []byte("<Child>")); got != n || n < 2000 || n > 10000 {
		t.Errorf("%d children counted, %d in the XML", n, got)
	}
	t.Logf("%d children, %d bytes", n, len(x))
	again, _, _ := buildCIN(in)
	if !bytes.Equal(again[0].Body, x) {
		t.Error("two builds of the same input differ")
	}

	// The store reads only the return's kinds, and only the children a
	// record of its span kinds places in the year: the census of what it
	// reads must be the census of everything.
	k, _ := ReturnKindNamed("cin")
	read := readAs(children, k, 2023, annexa.Window{})
	narrow := in
	narrow.children = read
	got, m, err := buildCIN(narrow)
	if err != nil {
		t.Fatal(err)
	}
	if m != n || !bytes.Equal(got[0].Body, x) {
		t.Errorf("the census of the kinds and children read (%d children of %d read) differs from the census of every record (%d)", m, len(read), n)
	}

	f := filepath.Join(t.TempDir(), files[0].Name)
	if err := os.WriteFile(f, x, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("..", "returns", "cin", "testdata", "cin-census-schema-2024.xsd"), f).CombinedOutput()
	if err == nil {
		return
	}
	if _, exited := err.(*exec.ExitError); !exited {
		t.Fatal(err)
	}
	firstPlan := regexp.MustCompile(`Element 'NumberOfPreviousCPP': '0' is not a valid value of the atomic type 'xs:positiveInteger'\.$`)
	refused := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		switch {
		case strings.HasSuffix(line, " fails to validate"):
		case firstPlan.MatchString(line):
			refused++
		default:
			t.Errorf("the schema refuses: %s", line)
		}
	}
	t.Logf("%d first plans with NumberOfPreviousCPP 0, which the schema refuses and rule 8730 allows", refused)
}

// TestDemoCityCensusRules holds Demo City's CIN censuses of 2013-14 to
// 2022-23 (as made on 3 April 2023) to the DfE's rules, listing every rule
// each breaks. The city breaks only queries (a UPN missing, an enquiry
// with no assessment in the episode, work still open at 31 March): any
// error fails, such as 8875, an initial child protection conference at a
// weekend (the city holds none: demo's conferencesOnWorkingDays).
func TestDemoCityCensusRules(t *testing.T) {
	if testing.Short() {
		t.Skip("generates Demo City")
	}
	children := demoCityChildren(civil.MustNew(2023, time.April, 3))
	k, _ := ReturnKindNamed("cin")
	h := cin.Header{LEA: "336", SoftwareCode: SoftwareCode, DateTime: time.Date(2023, time.May, 15, 16, 0, 0, 0, time.UTC)}
	conferences := 0
	for y := 2014; y <= 2023; y++ {
		var kids []cin.Child
		for _, c := range readAs(children, k, y, annexa.Window{}) {
			kids = append(kids, cin.Child{Person: c.Person, Records: c.Records})
		}
		census := cin.Build(h, kids, cin.Year(y))
		for _, c := range census.Children {
			for _, e := range c.Episodes {
				for _, s := range e.Section47s {
					if !s.DateOfInitialCPC.IsZero() {
						conferences++
					}
				}
			}
		}
		broken := map[string]int{}
		for _, f := range cin.Validate(census).Findings {
			broken[f.Rule]++
			if !f.Query && broken[f.Rule] <= 3 {
				t.Errorf("census %d: rule %s, child %s: %s", y, f.Rule, f.LAChildID, f.Message)
			}
		}
		t.Logf("census %d: %d children; rules broken: %v", y, len(census.Children), broken)
	}
	if conferences < 1000 {
		t.Errorf("%d initial conferences in ten censuses: too few to show the rule holds", conferences)
	}
}
