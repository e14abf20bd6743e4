package report

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"hearth/internal/civil"
)

// XLSX writes the document as a workbook: one sheet per section, named after
// its heading. A sheet starts with its heading; its blocks follow one under
// another with a blank row between. Cells are typed: counts are integers,
// money is pounds with a currency format, percentages are fractions with a
// percent format, dates are dates. Totals are written as values, not
// formulas, so the file reads the same in every program, including those
// that do not calculate.
func XLSX(w io.Writer, d Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	made := d.Made.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: d.Title, Subject: d.Subtitle, Creator: "Hearth", Created: made, Modified: made,
	}); err != nil {
		return fmt.Errorf("report: workbook properties: %w", err)
	}
	x := &xlsxWriter{f: f, styles: map[xlsxStyle]int{}}

	sections := d.Sections
	if len(sections) == 0 {
		// A workbook must have a sheet; an empty document gets one holding its title.
		sections = []Section{{Heading: d.Title}}
	}
	headings := make([]string, len(sections))
	for i, s := range sections {
		headings[i] = s.Heading
	}
	names := sheetNames(headings)
	for i, s := range sections {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", names[0]); err != nil {
				return fmt.Errorf("report: sheet %q: %w", names[0], err)
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return fmt.Errorf("report: sheet %q: %w", names[i], err)
		}
		if err := x.section(names[i], s); err != nil {
			return fmt.Errorf("report: sheet %q: %w", names[i], err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: writing the workbook: %w", err)
	}
	return nil
}

// Sheet names: Excel allows at most 31 characters (UTF-16 units), none of
// []:*?/\, no apostrophe first or last, no two names equal ignoring case,
// and not "History", which it keeps for itself.
const maxSheetName = 31

// sheetNames makes a valid, distinct sheet name of each heading, in order:
// a forbidden character becomes a space, a long heading is cut, an empty one
// becomes "Sheet n", and a repeated one gains " (2)", " (3)"... within the
// 31 characters.
func sheetNames(headings []string) []string {
	names := make([]string, len(headings))
	taken := map[string]bool{"history": true}
	for i, h := range headings {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' {
				return ' '
			}
			return r
		}, h)
		base = strings.Join(strings.Fields(base), " ")
		base = strings.Trim(base, "' ")
		if base == "" {
			base = fmt.Sprintf("Sheet %d", i+1)
		}
		name := cutUTF16(base, maxSheetName)
		for n := 2; taken[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf(" (%d)", n)
			name = cutUTF16(base, maxSheetName-len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// cutUTF16 cuts s to at most n UTF-16 units, whole runes only, and trims
// what the cut leaves at its end (a space, an apostrophe).
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return strings.TrimRight(s[:i], "' ")
		}
	}
	return s
}

type xlsxStyle struct {
	kind    Kind
	places  int
	bold    bool
	size    float64
	rule    string // "top", "bottom" or "": a rule above the totals, below the header
	wrap    bool
	numeric bool // right aligned, for a header over numbers
}

type xlsxWriter struct {
	f      *excelize.File
	styles map[xlsxStyle]int
}

// style returns the id of a cell style, made once per workbook.
func (x *xlsxWriter) style(s xlsxStyle) (int, error) {
	if id, ok := x.styles[s]; ok {
		return id, nil
	}
	st := &excelize.Style{Font: &excelize.Font{Bold: s.bold, Size: s.size}}
	if s.rule != "" {
		st.Border = []excelize.Border{{Type: s.rule, Color: "0B0C0C", Style: 1}}
	}
	al := &excelize.Alignment{Vertical: "top", WrapText: s.wrap}
	if s.numeric {
		al.Horizontal = "right"
	}
	st.Alignment = al
	if f := numFmt(s.kind, s.places); f != "" {
		st.CustomNumFmt = &f
	}
	id, err := x.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	x.styles[s] = id
	return id, nil
}

// numFmt is the number format of a kind of value.
func numFmt(k Kind, places int) string {
	switch k {
	case Integer:
		return "#,##0"
	case Money:
		return `"£"#,##0.00;-"£"#,##0.00`
	case Percent:
		if places == 0 {
			return "0%"
		}
		return "0." + strings.Repeat("0", places) + "%"
	case Date:
		return "d mmmm yyyy"
	}
	return ""
}

// excelEpoch is day 0 of Excel's serial dates (as 1899-12-30, which absorbs
// its 1900 leap-year error for every date after February 1900).
var excelEpoch = civil.MustNew(1899, time.December, 30)

// section writes one section's sheet.
func (x *xlsxWriter) section(sheet string, s Section) error {
	sw := &sheetWriter{x: x, sheet: sheet, row: 1}
	if err := sw.text(1, s.Heading, xlsxStyle{bold: true, size: 14}); err != nil {
		return err
	}
	sw.row = 3
	// Paragraphs are merged across the columns and wrapped, which needs the
	// columns' widths, so they are written after everything else is placed.
	type para struct {
		row  int
		text string
	}
	var paras []para
	for _, b := range s.Blocks {
		var err error
		switch b := b.(type) {
		case Paragraph:
			paras = append(paras, para{sw.row, b.Text})
			sw.row++
		case List:
			for i, item := range b.Items {
				mark := "• "
				if b.Numbered {
					mark = fmt.Sprintf("%d. ", i+1)
				}
				paras = append(paras, para{sw.row, mark + item})
				sw.row++
			}
		case KeyFigures:
			err = sw.figures(b)
		case Table:
			err = sw.table(b.Caption, b)
		case Chart:
			err = sw.table(b.Title, b.Data)
		}
		if err != nil {
			return err
		}
		sw.row++
	}
	cols := max(len(sw.widths), 1)
	for c := len(sw.widths); c < cols; c++ {
		sw.widths = append(sw.widths, 0)
	}
	total := 0.0
	for c, w := range sw.widths {
		w = min(max(w+2, 10), 60) // a margin of two characters; no column wider than a third of a screen
		sw.widths[c] = w
		total += w
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := x.f.SetColWidth(sheet, name, name, w); err != nil {
			return err
		}
	}
	// A paragraph spans the used columns, and at least paraWidth characters
	// of columns of the default width, so that it reads as a paragraph.
	const paraWidth, defaultWidth = 90.0, 8.43
	span := len(sw.widths)
	for total < paraWidth {
		total += defaultWidth
		span++
	}
	last, _ := excelize.ColumnNumberToName(span)
	for _, p := range paras {
		cell := fmt.Sprintf("A%d", p.row)
		if err := sw.text(p.row, p.text, xlsxStyle{wrap: true}); err != nil {
			return err
		}
		if span > 1 {
			if err := x.f.MergeCell(sheet, cell, fmt.Sprintf("%s%d", last, p.row)); err != nil {
				return err
			}
		}
		// Excel does not fit a merged cell's height to its text; estimate the
		// lines (a character is about one unit of width) at 15 points each.
		lines := 1 + utf8.RuneCountInString(p.text)/int(total)
		if err := x.f.SetRowHeight(sheet, p.row, float64(lines)*15); err != nil {
			return err
		}
	}
	if sw.freeze > 0 {
		return x.f.SetPanes(sheet, &excelize.Panes{
			Freeze: true, YSplit: sw.freeze, TopLeftCell: fmt.Sprintf("A%d", sw.freeze+1), ActivePane: "bottomLeft",
		})
	}
	return nil
}

// freezeWithin is how far down a sheet its first table's header may be and
// still be frozen: frozen rows above it stay on screen too, and more than a
// few would leave little room for the table.
const freezeWithin = 8

type sheetWriter struct {
	x      *xlsxWriter
	sheet  string
	row    int
	widths []float64 // characters, the widest text of each column so far
	freeze int       // the header row to freeze below, or 0
}

func (sw *sheetWriter) fit(col int, text string) {
	for len(sw.widths) < col {
		sw.widths = append(sw.widths, 0)
	}
	if n := float64(utf8.RuneCountInString(text)); n > sw.widths[col-1] {
		sw.widths[col-1] = n
	}
}

func (sw *sheetWriter) cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// text writes a string in column A without widening it (headings and
// paragraphs run across the columns).
func (sw *sheetWriter) text(row int, s string, st xlsxStyle) error {
	cell := sw.cellName(1, row)
	if err := sw.x.f.SetCellStr(sw.sheet, cell, s); err != nil {
		return err
	}
	id, err := sw.x.style(st)
	if err != nil {
		return err
	}
	return sw.x.f.SetCellStyle(sw.sheet, cell, cell, id)
}

// value writes one typed cell.
func (sw *sheetWriter) value(col, row int, v Value, st xlsxStyle) error {
	cell := sw.cellName(col, row)
	f := sw.x.f
	var err error
	switch {
	case v.IsBlank():
	case v.kind == Integer:
		err = f.SetCellInt(sw.sheet, cell, v.n)
	case v.kind == Money:
		err = f.SetCellFloat(sw.sheet, cell, float64(v.n)/100, -1, 64)
	case v.kind == Percent:
		err = f.SetCellFloat(sw.sheet, cell, v.frac, -1, 64)
	case v.kind == Date:
		err = f.SetCellInt(sw.sheet, cell, int64(v.date.DaysSince(excelEpoch)))
	default:
		err = f.SetCellStr(sw.sheet, cell, v.text)
	}
	if err != nil {
		return err
	}
	sw.fit(col, v.String())
	st.kind, st.places = v.kind, v.places
	if v.IsBlank() || v.kind == Text {
		st.kind, st.places = Text, 0
	}
	id, err := sw.x.style(st)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sw.sheet, cell, cell, id)
}

func (sw *sheetWriter) figures(k KeyFigures) error {
	for _, fig := range k.Figures {
		if err := sw.value(1, sw.row, Str(fig.Label), xlsxStyle{}); err != nil {
			return err
		}
		if err := sw.value(2, sw.row, fig.Value, xlsxStyle{bold: true, numeric: fig.Value.kind.numeric()}); err != nil {
			return err
		}
		if fig.Note != "" {
			if err := sw.value(3, sw.row, Str(fig.Note), xlsxStyle{}); err != nil {
				return err
			}
		}
		sw.row++
	}
	return nil
}

func (sw *sheetWriter) table(caption string, t Table) error {
	if caption != "" {
		if err := sw.text(sw.row, caption, xlsxStyle{bold: true, size: 12}); err != nil {
			return err
		}
		sw.row++
	}
	for c, col := range t.Columns {
		if err := sw.value(c+1, sw.row, Str(col.Heading), xlsxStyle{bold: true, rule: "bottom", numeric: col.Kind.numeric()}); err != nil {
			return err
		}
	}
	if sw.freeze == 0 && sw.row <= freezeWithin {
		sw.freeze = sw.row
	} else if sw.freeze == 0 {
		sw.freeze = -1 // the first table is too far down; freeze nothing
	}
	sw.row++
	for _, r := range t.Rows {
		for c, v := range r {
			if err := sw.value(c+1, sw.row, v, xlsxStyle{numeric: t.Columns[c].Kind.numeric()}); err != nil {
				return err
			}
		}
		sw.row++
	}
	if t.Totals != nil {
		for c, v := range t.Totals {
			if err := sw.value(c+1, sw.row, v, xlsxStyle{bold: true, rule: "top", numeric: t.Columns[c].Kind.numeric()}); err != nil {
				return err
			}
		}
		sw.row++
	}
	return nil
}
