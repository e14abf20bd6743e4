package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hearth/internal/civil"
)

func TestSheetNames(t *testing.T) {
	tests := []struct {
		name     string
		headings []string
		want     []string
	}{
		{"plain", []string{"Summary", "Finance"}, []string{"Summary", "Finance"}},
		{"forbidden characters", []string{"Finance: spend [2023/24] *draft*?", `A\B`},
			[]string{"Finance spend 2023 24 draft", "A B"}},
		{"31 characters kept", []string{"Children in need at 31 March 23"}, []string{"Children in need at 31 March 23"}},
		{"32 cut to 31", []string{"Children in need at 31 March 202"}, []string{"Children in need at 31 March 20"}},
		{"cut leaves no space at the end", []string{"Children in need at 31 March 2 and after"}, []string{"Children in need at 31 March 2"}},
		{"repeats are numbered", []string{"Project", "Project", "project"}, []string{"Project", "Project (2)", "project (3)"}},
		{"long repeats keep 31 characters", []string{strings.Repeat("x", 40), strings.Repeat("x", 40)},
			[]string{strings.Repeat("x", 31), strings.Repeat("x", 27) + " (2)"}},
		{"empty and blank", []string{"", " : "}, []string{"Sheet 1", "Sheet 2"}},
		{"apostrophes at the ends", []string{"'Quoted'"}, []string{"Quoted"}},
		{"History is Excel's", []string{"History"}, []string{"History (2)"}},
		{"a name that clashes with a numbered one", []string{"A", "A", "A (2)"}, []string{"A", "A (2)", "A (2) (2)"}},
		// An emoji is two UTF-16 units, as Excel counts; it is not split.
		{"counted in UTF-16", []string{strings.Repeat("a", 30) + "😀"}, []string{strings.Repeat("a", 30)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sheetNames(tt.headings)
			if !slices.Equal(got, tt.want) {
				t.Errorf("sheetNames(%q) = %q, want %q", tt.headings, got, tt.want)
			}
			// Excel's own rules, as excelize checks them.
			f := excelize.NewFile()
			defer f.Close()
			for i, n := range got {
				if i == 0 {
					if err := f.SetSheetName("Sheet1", n); err != nil {
						t.Errorf("%q: %v", n, err)
					}
				} else if _, err := f.NewSheet(n); err != nil {
					t.Errorf("%q: %v", n, err)
				}
			}
			if len(f.GetSheetList()) != len(got) {
				t.Errorf("the workbook has %d sheets, want %d", len(f.GetSheetList()), len(got))
			}
		})
	}
}

// readBack renders the document as a workbook and opens it again.
func readBack(t *testing.T, d Document) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := XLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// xcell is a cell as a workbook program sees it.
type xcell struct {
	raw, shown, format string
	number, bold       bool
}

func readCell(t *testing.T, f *excelize.File, sheet, ref string) xcell {
	t.Helper()
	var c xcell
	var err error
	if c.raw, err = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); err != nil {
		t.Fatal(err)
	}
	if c.shown, err = f.GetCellValue(sheet, ref); err != nil {
		t.Fatal(err)
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	c.number = c.raw != "" && (typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset)
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		c.format = *st.CustomNumFmt
	}
	c.bold = st.Font != nil && st.Font.Bold
	if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
		t.Errorf("%s!%s is a formula, %q; a report writes values", sheet, ref, formula)
	}
	return c
}

func TestXLSXRoundTrip(t *testing.T) {
	f := readBack(t, sample())
	if got, want := f.GetSheetList(), []string{"Summary", "Finance spend by project"}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != "Transformation programme: board pack" || props.Created != "2023-04-28T09:30:00Z" {
		t.Errorf("properties: title %q, created %q", props.Title, props.Created)
	}

	const money = `"£"#,##0.00;-"£"#,##0.00`
	fin := "Finance spend by project"
	tests := []struct {
		sheet, ref string
		want       xcell
	}{
		{"Summary", "A1", xcell{raw: "Summary", shown: "Summary", bold: true}},
		{"Summary", "A3", xcell{raw: "Spending is £10,812,345.67 against a budget of £11m; two projects are red.",
			shown: "Spending is £10,812,345.67 against a budget of £11m; two projects are red."}},
		// Key figures: label, typed value, note.
		{"Summary", "A5", xcell{raw: "Budget spent", shown: "Budget spent"}},
		{"Summary", "B5", xcell{raw: "10812345.67", shown: "£10,812,345.67", format: money, number: true, bold: true}},
		{"Summary", "C5", xcell{raw: "to 31 March 2023", shown: "to 31 March 2023"}},
		{"Summary", "B6", xcell{raw: "0.35", shown: "35%", format: "0%", number: true, bold: true}},
		{"Summary", "B7", xcell{raw: "3412", shown: "3,412", format: "#,##0", number: true, bold: true}},
		{"Summary", "A9", xcell{raw: "• Edge of care: recruit two workers", shown: "• Edge of care: recruit two workers"}},
		// The table: caption, header, rows, totals.
		{fin, "A3", xcell{raw: "Spend by project, 2022 to 2023", shown: "Spend by project, 2022 to 2023", bold: true}},
		{fin, "C4", xcell{raw: "Spent", shown: "Spent", bold: true}},
		{fin, "A5", xcell{raw: "Family hubs", shown: "Family hubs"}},
		{fin, "B5", xcell{raw: "1200", shown: "1,200", format: "#,##0", number: true}},
		{fin, "C5", xcell{raw: "5123456.78", shown: "£5,123,456.78", format: money, number: true}},
		{fin, "D5", xcell{raw: "0.874", shown: "87.4%", format: "0.0%", number: true}},
		{fin, "E5", xcell{raw: "45016", shown: "31 March 2023", format: "d mmmm yyyy", number: true}},
		{fin, "B6", xcell{raw: "c", shown: "c"}},
		{fin, "C6", xcell{raw: "-25", shown: "-£25.00", format: money, number: true}},
		{fin, "E6", xcell{}},
		{fin, "A7", xcell{raw: "Total", shown: "Total", bold: true}},
		{fin, "C7", xcell{raw: "5123431.78", shown: "£5,123,431.78", format: money, number: true, bold: true}},
		// The chart, as its table.
		{fin, "A9", xcell{raw: "Spend by month", shown: "Spend by month", bold: true}},
		{fin, "B12", xcell{raw: "2.5", shown: "£2.50", format: money, number: true}},
	}
	for _, tt := range tests {
		if got := readCell(t, f, tt.sheet, tt.ref); got != tt.want {
			t.Errorf("%s!%s = %+v, want %+v", tt.sheet, tt.ref, got, tt.want)
		}
	}

	panes, err := f.GetPanes(fin)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 4 || panes.TopLeftCell != "A5" {
		t.Errorf("the header row is not frozen: %+v", panes)
	}
	if panes, _ := f.GetPanes("Summary"); panes.Freeze {
		t.Errorf("a sheet without a table has frozen rows: %+v", panes)
	}
	// Columns are as wide as their widest value, within bounds.
	for col, want := range map[string]float64{"A": 14, "C": 15, "E": 15} {
		if w, _ := f.GetColWidth(fin, col); w != want {
			t.Errorf("column %s is %v wide, want %v", col, w, want)
		}
	}
}

// The workbook shows each value as the page does: Excel's number formats
// and String agree on every value of the long report.
func TestXLSXShowsValuesAsThePageDoes(t *testing.T) {
	d := longDocument(1, 36)
	f := readBack(t, d)
	sheet := f.GetSheetList()[0]
	tbl := d.Sections[0].Blocks[1].(Table)
	for r, row := range tbl.Rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, 7+r) // heading, blank, paragraph, blank, caption, header
			got := readCell(t, f, sheet, ref)
			if got.shown != v.String() || got.number != (v.Kind() != Text) {
				t.Errorf("%s = %+v, want %q", ref, got, v.String())
			}
		}
	}
}

// A column of figures of mixed units keeps each cell a number in its own
// format, shown as the page shows it.
func TestXLSXNumberColumn(t *testing.T) {
	vals := []Value{Int(3412), Pct(0.2264, 1), Dec(512.34, 1), Dec(21, 0), Pence(1081234567), Str("–")}
	var rows [][]Value
	for _, v := range vals {
		rows = append(rows, []Value{v})
	}
	d := Document{Title: "Figures", Made: made, Sections: []Section{{Heading: "Figures", Tabular: true, Blocks: []Block{
		Table{Columns: []Column{{Heading: "Value", Kind: Number}}, Rows: rows},
	}}}}
	f := readBack(t, d)
	sheet := f.GetSheetList()[0]
	for r, v := range vals {
		ref, _ := excelize.CoordinatesToCellName(1, 2+r) // below the header
		got := readCell(t, f, sheet, ref)
		if got.shown != v.String() || got.number != (v.Kind() != Text) {
			t.Errorf("%s = %+v, want %q (a number: %v)", ref, got, v.String(), v.Kind() != Text)
		}
	}
}

// Text that looks like a formula stays text: a report's cells never run.
func TestXLSXTextIsNeverAFormula(t *testing.T) {
	d := Document{Title: "T", Made: made, Sections: []Section{{Heading: "S", Blocks: []Block{
		Table{Columns: []Column{{Heading: "Name", Kind: Text}}, Rows: [][]Value{{Str("=HYPERLINK(\"http://x\")")}, {Str("+1")}}},
	}}}}
	f := readBack(t, d)
	for _, ref := range []string{"A4", "A5"} {
		typ, _ := f.GetCellType("S", ref)
		if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want a string", ref, typ)
		}
		readCell(t, f, "S", ref) // fails on a formula
	}
}

func TestXLSXEmptyDocumentHasASheet(t *testing.T) {
	f := readBack(t, Document{Title: "Nothing yet: [draft]", Made: made})
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Nothing yet draft"}) {
		t.Errorf("sheets = %q", got)
	}
}

// A tabular section's sheet is its table alone, header first, for another
// program to read (Annex A).
func TestXLSXTabularSection(t *testing.T) {
	d := Document{Title: "Annex A", Made: made, Sections: []Section{{Heading: "List 1", Tabular: true, Blocks: []Block{
		Table{Caption: "Contacts", Columns: []Column{
			{Heading: "Child Unique ID", Kind: Text}, {Heading: "Date of Birth", Kind: Date}, {Heading: "Age of Child (Years)", Kind: Integer},
		}, Rows: [][]Value{
			{Str("C1001"), On(civil.MustNew(2015, time.June, 1)), Int(8)},
			{Str("C1002"), On(civil.Date{}), Value{}},
		}},
	}}}}
	f := readBack(t, d)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"List 1"}) {
		t.Fatalf("sheets = %q", got)
	}
	rows, err := f.GetRows("List 1")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Child Unique ID", "Date of Birth", "Age of Child (Years)"},
		{"C1001", "1 June 2015", "8"},
		{"C1002"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
	if c := readCell(t, f, "List 1", "B2"); c.raw != "42156" || c.format != "d mmmm yyyy" || !c.number {
		t.Errorf("B2 = %+v", c)
	}
	if panes, _ := f.GetPanes("List 1"); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v", panes)
	}
}
