// Package report renders Hearth's documents (the programme's board pack and
// annual report, the performance report, Ofsted's Annex A workbook) from one
// neutral model as PDF, XLSX and GOV.UK HTML, so that each module builds a
// Document and none of them draws pages or sheets of its own.
//
// Numbers are typed values, not strings written by the module: a workbook's
// cells are then real numbers a reader can add up (money in pounds with a
// currency format, percentages as fractions with a percent format, dates as
// dates), and the page and the PDF print the same value the UK way.
//
// The package reads nothing and writes only to the io.Writer it is given.
package report

import (
	"fmt"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// Document is one report: a title, an optional subtitle (the period or the
// date it is at) and its sections, in order.
type Document struct {
	Title    string
	Subtitle string
	// Made is when the document was made (App.Now()). The PDF and the
	// workbook record it in their properties. It is required, so that no
	// renderer reads a clock of its own and the same document renders the
	// same: the PDF byte for byte, the workbook part for part (excelize
	// zips the sheets in no fixed order).
	Made     time.Time
	Sections []Section
}

// Section is a heading and its blocks. In a workbook each section is a sheet.
type Section struct {
	Heading string
	Blocks  []Block
	// Tabular marks a section that is one table for another program to
	// read, such as a list of Ofsted's Annex A: its sheet holds the table
	// alone, with the header in row 1, and no heading or caption above it.
	// The page and the PDF show it as any other section.
	Tabular bool
}

// Block is one of Paragraph, KeyFigures, Table, List or Chart.
type Block interface{ block() }

// Paragraph is a paragraph of plain text.
type Paragraph struct{ Text string }

// KeyFigures are a few headline numbers, each with a label and a note.
type KeyFigures struct{ Figures []KeyFigure }

// KeyFigure is one headline number: "Children in need", 3,412, "up 4% on last year".
type KeyFigure struct {
	Label string
	Value Value
	Note  string
}

// Table is a caption, its columns, its rows and an optional totals row.
// Each row has one cell per column; a cell is blank, text (a marker such as
// "c" for a suppressed number is allowed in any column), or of its column's
// kind.
type Table struct {
	Caption string
	Columns []Column
	Rows    [][]Value
	Totals  []Value // nil for none; otherwise one cell per column
}

// Column is a table's column: its heading and the kind of its values, which
// decides its alignment and its number format.
type Column struct {
	Heading string
	Kind    Kind
}

// List is a list of short items, bulleted or numbered.
type List struct {
	Items    []string
	Numbered bool
}

// Chart is a chart a module asks for, with the table of its data. No
// renderer draws charts yet, so every format shows the table (its caption
// is the chart's title); a module that describes its charts now gets them
// drawn when a renderer learns to, without changing.
type Chart struct {
	Title string
	Data  Table
}

func (Paragraph) block()  {}
func (KeyFigures) block() {}
func (Table) block()      {}
func (List) block()       {}
func (Chart) block()      {}

// Kind is the kind of a value or a column.
type Kind int

const (
	Text    Kind = iota // text, left aligned
	Integer             // a count: 3,412
	Money               // pence, shown as pounds: £10,812,345.67
	Percent             // a fraction shown as a percentage: 0.35 is 35%
	Date                // a calendar date: 31 March 2023
	// Number is a number shown to some decimal places (a rate per 10,000
	// children: 512.3). A column of kind Number may also hold integers,
	// money and percentages: a column of figures whose rows have different
	// units, as the performance report's values do; each cell keeps its
	// own format.
	Number
)

var kindNames = [...]string{"text", "integer", "money", "percentage", "date", "number"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

func (k Kind) numeric() bool { return k == Integer || k == Money || k == Percent || k == Number }

// maxPlaces bounds a percentage's or a number's decimal places: more than
// this is false precision in any statistic Hearth publishes.
const maxPlaces = 3

// Value is one typed cell or figure. The zero Value is a blank cell.
type Value struct {
	kind   Kind
	blank  bool
	text   string
	n      int64   // Integer; Money in pence
	frac   float64 // Percent, as a fraction (0.35); Number, the number
	places int     // Percent, Number: decimal places shown
	date   civil.Date
}

// Str is a text value.
func Str(s string) Value { return Value{kind: Text, text: s} }

// Int is a count.
func Int(n int64) Value { return Value{kind: Integer, n: n} }

// Pence is an amount of money in pence (a negative amount is an overspend
// or a refund and is shown with a minus sign).
func Pence(p int64) Value { return Value{kind: Money, n: p} }

// Pct is a fraction (0.35) shown as a percentage to the given decimal places.
func Pct(fraction float64, places int) Value {
	return Value{kind: Percent, frac: fraction, places: places}
}

// Ratio is part/whole as a percentage to the given places, or blank when the
// whole is zero (a rate of nothing is not 0%).
func Ratio(part, whole int64, places int) Value {
	if whole == 0 {
		return Value{kind: Percent, blank: true, places: places}
	}
	return Pct(float64(part)/float64(whole), places)
}

// Dec is a number shown to the given decimal places.
func Dec(x float64, places int) Value {
	return Value{kind: Number, frac: x, places: places}
}

// On is a calendar date; the zero date is a blank cell.
func On(d civil.Date) Value {
	return Value{kind: Date, date: d, blank: d.IsZero()}
}

// Kind is the value's kind; a blank value's kind is Text unless it came from
// Ratio or On.
func (v Value) Kind() Kind { return v.kind }

// IsBlank reports whether the cell is empty.
func (v Value) IsBlank() bool {
	return v.blank || (v.kind == Text && v.text == "")
}

// Validate checks that every table is rectangular and typed as its columns
// say, and that every value can be shown. Each renderer calls it first, so a
// malformed document renders nothing rather than half a file.
func (d Document) Validate() error {
	var fields []errs.Field
	add := func(path, msg string) { fields = append(fields, errs.Field{Field: path, Message: msg}) }
	if d.Title == "" {
		add("title", "a document needs a title")
	}
	if d.Made.IsZero() {
		add("made", "the moment the document was made is required")
	}
	for i, s := range d.Sections {
		sp := fmt.Sprintf("sections[%d]", i)
		if s.Heading == "" {
			add(sp+".heading", "a section needs a heading")
		}
		if s.Tabular {
			if _, ok := only(s.Blocks).(Table); !ok {
				add(sp+".blocks", "a tabular section is one table and nothing else")
			}
		}
		for j, b := range s.Blocks {
			bp := fmt.Sprintf("%s.blocks[%d]", sp, j)
			switch b := b.(type) {
			case Paragraph, List:
			case KeyFigures:
				for k, f := range b.Figures {
					for _, m := range valueProblems(f.Value) {
						add(fmt.Sprintf("%s.figures[%d].value", bp, k), m)
					}
				}
			case Table:
				checkTable(add, bp, b)
			case Chart:
				checkTable(add, bp+".data", b.Data)
			case nil:
				add(bp, "a block is missing")
			default:
				add(bp, fmt.Sprintf("%T is not a kind of block", b))
			}
		}
	}
	if fields != nil {
		return &errs.Error{Code: errs.Internal, Message: "the report is not well formed", Fields: fields}
	}
	return nil
}

// only is the one block of a list of one, or nil.
func only(bs []Block) Block {
	if len(bs) != 1 {
		return nil
	}
	return bs[0]
}

func checkTable(add func(string, string), path string, t Table) {
	if len(t.Columns) == 0 {
		add(path+".columns", "a table needs at least one column")
		return
	}
	for c, col := range t.Columns {
		if col.Kind < Text || col.Kind > Number {
			add(fmt.Sprintf("%s.columns[%d].kind", path, c), "not a kind of column")
		}
	}
	// The paths are made only for a problem: made for every cell, they
	// were most of the allocations of checking a workbook of thousands of
	// rows.
	row := func(rp func() string, cells []Value) {
		if len(cells) != len(t.Columns) {
			add(rp(), fmt.Sprintf("has %d cells for %d columns", len(cells), len(t.Columns)))
			return
		}
		for c, v := range cells {
			if !v.IsBlank() && v.kind != Text && v.kind != t.Columns[c].Kind && (t.Columns[c].Kind != Number || !v.kind.numeric()) {
				add(fmt.Sprintf("%s[%d]", rp(), c), fmt.Sprintf("a %s value in a %s column", v.kind, t.Columns[c].Kind))
				continue
			}
			for _, m := range valueProblems(v) {
				add(fmt.Sprintf("%s[%d]", rp(), c), m)
			}
		}
	}
	for r, cells := range t.Rows {
		row(func() string { return fmt.Sprintf("%s.rows[%d]", path, r) }, cells)
	}
	if t.Totals != nil {
		row(func() string { return path + ".totals" }, t.Totals)
	}
}

// valueProblems says what is wrong with a value that cannot be shown; nil
// when nothing is.
func valueProblems(v Value) []string {
	if v.IsBlank() {
		return nil
	}
	var out []string
	switch v.kind {
	case Percent, Number:
		if v.places < 0 || v.places > maxPlaces {
			out = append(out, fmt.Sprintf("a %s is shown to 0 to %d places, not %d", v.kind, maxPlaces, v.places))
		}
		if v.frac != v.frac || v.frac > 1e9 || v.frac < -1e9 {
			out = append(out, fmt.Sprintf("a %s must be a finite number", v.kind))
		}
	case Date:
		if !v.date.Valid() {
			out = append(out, fmt.Sprintf("%d-%d-%d is not a date", v.date.Year, v.date.Month, v.date.Day))
		}
	}
	return out
}
