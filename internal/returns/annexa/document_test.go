package annexa

import (
	"bufio"
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hearth/internal/journey"
	"hearth/internal/report"
)

// The shared reference data, from this package's folder: /work/wt/shared
// from a worktree, /work/shared from the main checkout.
const annexALists = "../../../../shared/domain/annex-a-lists.txt"

// ofstedHeadings reads each list's headings from the reference file,
// without the LA column that aggregators add.
func ofstedHeadings(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open(annexALists)
	if os.IsNotExist(err) {
		t.Skip("the shared reference data is not beside this checkout")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lists [][]string
	s := bufio.NewScanner(f)
	for s.Scan() {
		name, cols, ok := strings.Cut(s.Text(), "\t")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		if want := "List " + strconv.Itoa(len(lists)+1); name != want {
			t.Fatalf("reference file: %q where %q was expected", name, want)
		}
		hs := strings.Split(cols, " | ")
		if hs[len(hs)-1] != "LA" {
			t.Fatalf("%s does not end with LA", name)
		}
		lists = append(lists, hs[:len(hs)-1])
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return lists
}

func sampleLists() Lists {
	k := newKid(1, "2012-02-29")
	k.contact("2023-10-01")
	ref := k.referral("2023-10-01", "", false, "")
	k.within(journey.KindAssessment, ref, 0, "2023-10-02", "")
	b := newKid(2, "")
	b.contact("2024-03-31")
	return build(k, b)
}

func TestDocumentHeadings(t *testing.T) {
	want := ofstedHeadings(t)
	doc := Document(sampleLists(), time.Date(2024, time.April, 2, 9, 0, 0, 0, time.UTC))
	if len(doc.Sections) != len(want) {
		t.Fatalf("%d sections, want %d", len(doc.Sections), len(want))
	}
	for i, s := range doc.Sections {
		if s.Heading != "List "+strconv.Itoa(i+1) || !s.Tabular || len(s.Blocks) != 1 {
			t.Errorf("section %d: heading %q, tabular %v, %d blocks", i, s.Heading, s.Tabular, len(s.Blocks))
			continue
		}
		tab := s.Blocks[0].(report.Table)
		var got []string
		for _, c := range tab.Columns {
			got = append(got, c.Heading)
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("%s headings:\n got %q\nwant %q", s.Heading, got, want[i])
		}
	}
	if err := doc.Validate(); err != nil {
		t.Fatalf("the document is not well formed: %v", err)
	}
}

// TestXLSX renders the workbook and reads it back: a sheet per list named
// List 1 to List 11, Ofsted's headings in row 1, typed cells below, and a
// date or age that is not known left blank, not 0.
func TestXLSX(t *testing.T) {
	want := ofstedHeadings(t)
	var buf bytes.Buffer
	if err := report.XLSX(&buf, Document(sampleLists(), time.Date(2024, time.April, 2, 9, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sheets []string
	for i := range want {
		sheets = append(sheets, "List "+strconv.Itoa(i+1))
	}
	if got := f.GetSheetList(); !slices.Equal(got, sheets) {
		t.Fatalf("sheets %q, want %q", got, sheets)
	}
	for i, sheet := range sheets {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 || !slices.Equal(rows[0], want[i]) {
			t.Errorf("%s row 1:\n got %q\nwant %q", sheet, rows[0], want[i])
		}
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// List 1: child 1's contact, then child 2's, whose birth date and age
	// are not known.
	tests := []struct{ sheet, ref, want string }{
		{"List 1", "A2", "1"},
		{"List 1", "B2", "Female"},
		{"List 1", "C2", "WBRI"},
		{"List 1", "D2", "29 February 2012"},
		{"List 1", "E2", "11"},
		{"List 1", "F2", "1 October 2023"},
		{"List 1", "G2", "2A"},
		{"List 1", "A3", "2"},
		{"List 1", "D3", ""},
		{"List 1", "E3", ""},
		{"List 3", "H2", "N"},
		{"List 3", "I2", "0"},
		// List 4: an assessment in progress has no authorisation date.
		{"List 4", "G2", "2 October 2023"},
		{"List 4", "I2", ""},
		{"List 11", "A2", ""},
	}
	for _, tt := range tests {
		if got := cell(tt.sheet, tt.ref); got != tt.want {
			t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.ref, got, tt.want)
		}
	}
	// A date is a date cell, a count a number: a reader can sort and add.
	if typ, _ := f.GetCellType("List 1", "F2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("List 1!F2 is text, want a date")
	}
	if v, _ := f.GetCellValue("List 1", "F2", excelize.Options{RawCellValue: true}); v != "45200" {
		t.Errorf("List 1!F2 raw = %q, want the serial 45200", v)
	}
}
