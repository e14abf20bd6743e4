package report

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	x := &xlsxWriter{f: f, id: map[xlsxStyle]int{}}

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
	for i := range sections {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", names[0]); err != nil {
				return fmt.Errorf("report: sheet %q: %w", names[0], err)
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return fmt.Errorf("report: sheet %q: %w", names[i], err)
		}
	}
	// The sheets are planned and written on as many goroutines as Go may
	// run at once: a sheet's stream writer is its own, and Annex A's
	// eleven lists of a large council are hundreds of thousands of cells.
	// The styles are made in between, in the order of the sheets and their
	// cells, so that each has the id it would have had, written in turn.
	plans := make([]*sheetPlan, len(sections))
	if err := eachSheet(len(sections), func(i int) error {
		plans[i] = planSection(sections[i])
		return nil
	}); err != nil {
		return err
	}
	sws := make([]*excelize.StreamWriter, len(sections))
	for i, p := range plans {
		if err := x.styles(p); err != nil {
			return fmt.Errorf("report: sheet %q: %w", names[i], err)
		}
		sw, err := f.NewStreamWriter(names[i])
		if err != nil {
			return fmt.Errorf("report: sheet %q: %w", names[i], err)
		}
		sws[i] = sw
	}
	if err := eachSheet(len(sections), func(i int) error {
		if err := write(sws[i], plans[i]); err != nil {
			return fmt.Errorf("report: sheet %q: %w", names[i], err)
		}
		return nil
	}); err != nil {
		return err
	}
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
	numeric bool // right aligned: a column of numbers, its header and any text in it
}

type xlsxWriter struct {
	f  *excelize.File
	id map[xlsxStyle]int
}

// eachSheet runs do for sheets 0 to n-1, at most GOMAXPROCS at once, and
// returns the first sheet's error.
func eachSheet(n int, do func(i int) error) error {
	errs := make([]error, n)
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		limit <- struct{}{}
		go func() {
			defer func() { <-limit; wg.Done() }()
			errs[i] = do(i)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// styles gives every cell of the plan its style's id.
func (x *xlsxWriter) styles(p *sheetPlan) error {
	for _, r := range p.rows {
		for c := range r.cells {
			cell := &r.cells[c]
			st := cell.st
			st.kind, st.places = cell.v.kind, cell.v.places
			if cell.v.IsBlank() || cell.v.kind == Text {
				st.kind, st.places = Text, 0
			}
			id, err := x.style(st)
			if err != nil {
				return err
			}
			cell.style = id
		}
	}
	return nil
}

// style returns the id of a cell style, made once per workbook.
func (x *xlsxWriter) style(s xlsxStyle) (int, error) {
	if id, ok := x.id[s]; ok {
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
	x.id[s] = id
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
	case Number:
		if places == 0 {
			return "#,##0"
		}
		return "#,##0." + strings.Repeat("0", places)
	}
	return ""
}

// excelEpoch is day 0 of Excel's serial dates (as 1899-12-30, which absorbs
// its 1900 leap-year error for every date after February 1900).
var excelEpoch = civil.MustNew(1899, time.December, 30)

// cellValue is the value as the workbook stores it, or nil for an empty cell.
func cellValue(v Value) any {
	switch {
	case v.IsBlank():
		return nil
	case v.kind == Integer:
		return v.n
	case v.kind == Money:
		return float64(v.n) / 100
	case v.kind == Percent, v.kind == Number:
		return v.frac
	case v.kind == Date:
		return int64(v.date.DaysSince(excelEpoch))
	}
	return v.text
}

// A sheet is planned before it is written, because the stream writer takes
// the column widths before any row and the rows in order; streaming, rather
// than building the sheet in memory, writes an Annex A list of 20,000 rows
// of 15 columns in about a third of the time.
type sheetPlan struct {
	rows   []planRow
	widths []float64 // characters: the widest text in each column
	freeze int       // the header row to freeze below, or 0
}

type planRow struct {
	n     int // row number, from 1
	cells []planCell
	para  bool // one wrapped text cell, spanning the columns
}

type planCell struct {
	v     Value
	st    xlsxStyle
	style int // the id of its style in the workbook (xlsxWriter.styles)
}

// freezeWithin is how far down a sheet its first table's header may be and
// still be frozen: the rows above it stay on screen too, and more than a
// few would leave little room for the table.
const freezeWithin = 8

func (p *sheetPlan) add(n int, para bool, cells ...planCell) {
	p.rows = append(p.rows, planRow{n: n, cells: cells, para: para})
	if para {
		return // a paragraph runs across the columns and widens none
	}
	for c, cell := range cells {
		for len(p.widths) <= c {
			p.widths = append(p.widths, 0)
		}
		if w := float64(cell.v.width()); w > p.widths[c] {
			p.widths[c] = w
		}
	}
}

// text is a row of one string in column A that widens no column: a
// heading, a caption, a paragraph, an item of a list.
func (p *sheetPlan) text(n int, s string, st xlsxStyle, para bool) {
	p.rows = append(p.rows, planRow{n: n, cells: []planCell{{v: Str(s), st: st}}, para: para})
}

// table places a table's header at row n and its rows and totals below,
// and returns the row after it.
func (p *sheetPlan) table(n int, t Table) int {
	head := make([]planCell, len(t.Columns))
	for c, col := range t.Columns {
		head[c] = planCell{v: Str(col.Heading), st: xlsxStyle{bold: true, rule: "bottom", numeric: col.Kind.numeric()}}
	}
	p.add(n, false, head...)
	if p.freeze == 0 {
		p.freeze = n
		if n > freezeWithin {
			p.freeze = -1 // the first table is too far down to freeze
		}
	}
	row := func(vs []Value, st xlsxStyle) []planCell {
		cells := make([]planCell, len(vs))
		for c, v := range vs {
			st.numeric = t.Columns[c].Kind.numeric()
			cells[c] = planCell{v: v, st: st}
		}
		return cells
	}
	for _, r := range t.Rows {
		n++
		p.add(n, false, row(r, xlsxStyle{})...)
	}
	if t.Totals != nil {
		n++
		p.add(n, false, row(t.Totals, xlsxStyle{bold: true, rule: "top"})...)
	}
	return n + 1
}

// planSection lays out a section's sheet: its heading in A1, then its
// blocks one under another with a blank row between; or, for a tabular
// section, its table alone from row 1.
func planSection(s Section) *sheetPlan {
	p := &sheetPlan{}
	if s.Tabular {
		p.table(1, s.Blocks[0].(Table))
		return p
	}
	p.text(1, s.Heading, xlsxStyle{bold: true, size: 14}, false)
	n := 3
	for _, b := range s.Blocks {
		switch b := b.(type) {
		case Paragraph:
			p.text(n, b.Text, xlsxStyle{wrap: true}, true)
			n++
		case List:
			for i, item := range b.Items {
				mark := "• "
				if b.Numbered {
					mark = fmt.Sprintf("%d. ", i+1)
				}
				p.text(n, mark+item, xlsxStyle{wrap: true}, true)
				n++
			}
		case KeyFigures:
			for _, f := range b.Figures {
				cells := []planCell{{v: Str(f.Label)}, {v: f.Value, st: xlsxStyle{bold: true, numeric: f.Value.kind.numeric()}}}
				if f.Note != "" {
					cells = append(cells, planCell{v: Str(f.Note)})
				}
				p.add(n, false, cells...)
				n++
			}
		case Table:
			if b.Caption != "" {
				p.text(n, b.Caption, xlsxStyle{bold: true, size: 12}, false)
				n++
			}
			n = p.table(n, b)
		case Chart:
			p.text(n, b.Title, xlsxStyle{bold: true, size: 12}, false)
			n = p.table(n+1, b.Data)
		}
		n++
	}
	return p
}

// Column widths, in characters: two more than the widest text, at least
// minWidth, and at most maxWidth so that a long comment wraps rather than
// push the next column off the screen. A paragraph spans enough columns to
// be at least paraWidth wide, counting unused columns at Excel's default.
const (
	minWidth, maxWidth      = 10.0, 60.0
	paraWidth, defaultWidth = 90.0, 8.43
)

// write streams the planned sheet, whose cells have their styles.
func write(sw *excelize.StreamWriter, p *sheetPlan) error {
	total := 0.0
	for c, w := range p.widths {
		w = min(max(w+2, minWidth), maxWidth)
		total += w
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	span := len(p.widths)
	for total < paraWidth {
		total += defaultWidth
		span++
	}
	last, _ := excelize.ColumnNumberToName(max(span, 1))
	if p.freeze > 0 {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: p.freeze, TopLeftCell: fmt.Sprintf("A%d", p.freeze+1), ActivePane: "bottomLeft",
		}); err != nil {
			return err
		}
	}
	// A row's cells are given by pointer, to one row's worth reused, as
	// the stream writer allows: a Cell in an interface is a copy on the
	// heap, one for every cell of the sheet.
	var (
		cells  []excelize.Cell
		values []any
	)
	for _, r := range p.rows {
		cells, values = cells[:0], values[:0]
		for _, cell := range r.cells {
			cells = append(cells, excelize.Cell{StyleID: cell.style, Value: cellValue(cell.v)})
		}
		for c := range cells {
			values = append(values, &cells[c])
		}
		var opts excelize.RowOpts
		if r.para {
			// Excel does not fit a merged cell's height to its text: allow
			// 15 points a line, a character being about a unit of width.
			opts.Height = float64(1+utf8.RuneCountInString(r.cells[0].v.text)/int(total)) * 15
		}
		ref := "A" + strconv.Itoa(r.n)
		if err := sw.SetRow(ref, values, opts); err != nil {
			return err
		}
		if r.para && span > 1 {
			if err := sw.MergeCell(ref, fmt.Sprintf("%s%d", last, r.n)); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}
