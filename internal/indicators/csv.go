package indicators

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// The council's data comes in as CSV files, one layout each (documented in
// docs/DATA-MODEL.md): a header row naming the columns (in any order; a
// column the layout does not know is an error, so a misspelt one is not
// silently left out), then a row per line. A file is taken whole or not at
// all: every problem is reported, each naming the file, the row (the
// header is row 1, as a spreadsheet numbers it), the column and the rule,
// and nothing is returned.

// Columns of each layout; those marked true must be present.
var (
	populationColumns = map[string]bool{"year": true, "children": true}
	targetColumns     = map[string]bool{"indicator": true, "year": true, "target": false, "green": false, "amber": false,
		"statistical_neighbours": false, "region": false, "england": false}
	// The establishment is in the layout of the seed's workforce table;
	// its permanent_plus_agency_fte is checked, not kept, and a row named
	// Total is checked against the sums of the others. case_holding (yes
	// or no) is the council's addition: without it, no post holds cases.
	establishmentColumns = map[string]bool{"position": true, "budget_fte": true, "permanent_fte": true, "vacant_fte": true,
		"agency_fte": true, "permanent_plus_agency_fte": false, "case_holding": false}
	leaverColumns = map[string]bool{"ref": true, "position": true, "left": true, "fte": true}
)

// csvFile reads a whole CSV file against a layout and collects what is
// wrong with it.
type csvFile struct {
	name   string
	col    map[string]int
	rows   [][]string
	lines  []int // the line of each row
	fields errs.Fields
	// reported are the cells already found wrong.
	reported map[cellAt]bool
	// more counts the problems past maxProblems, which are not listed.
	more int
}

// maxProblems is the most problems a file's report lists: a file that is
// not the layout at all (another table, a spreadsheet saved as CSV) would
// otherwise answer with a problem for every cell, megabytes of them.
const maxProblems = 100

type cellAt struct {
	row int
	col string
}

func readCSV(name string, r io.Reader, layout map[string]bool) *csvFile {
	f := &csvFile{name: name, col: map[string]int{}, reported: map[cellAt]bool{}}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	// The reader skips empty lines, so each row keeps the line it was on,
	// for the messages to name the row a spreadsheet shows.
	var all [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				f.fail(pe.Line, "", "is not CSV (%v)", pe.Err)
			} else {
				f.fail(0, "", "could not be read")
			}
			return f
		}
		line, _ := cr.FieldPos(0)
		all = append(all, rec)
		f.lines = append(f.lines, line)
	}
	if len(all) == 0 {
		f.fail(1, "", "is empty: it needs a header row")
		return f
	}
	for i, h := range all[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, ok := layout[h]; !ok {
			f.fail(1, fmt.Sprintf("%q", h), "is not a column of this file (the columns are %s)", columnList(layout))
			continue
		}
		if _, dup := f.col[h]; dup {
			f.fail(1, h, "is named twice")
		}
		f.col[h] = i
	}
	for _, c := range sortedKeys(layout) {
		if _, ok := f.col[c]; !ok && layout[c] {
			f.fail(1, c, "is missing")
		}
	}
	f.rows, f.lines = all[1:], f.lines[1:]
	return f
}

// fail records a problem at a row (the header is row 1) and column.
func (f *csvFile) fail(row int, col, format string, args ...any) {
	f.reported[cellAt{row, col}] = true
	if len(f.fields) >= maxProblems {
		f.more++
		return
	}
	where := f.name
	if row > 0 {
		where += ", row " + strconv.Itoa(row)
	}
	if col != "" {
		where += ", " + col
	}
	f.fields.Add("file", "%s: %s", where, fmt.Sprintf(format, args...))
}

// cell is the trimmed text of a column in the row i of f.rows ("" when the
// column or cell is absent).
func (f *csvFile) cell(i int, col string) string {
	j, ok := f.col[col]
	if !ok || j >= len(f.rows[i]) {
		return ""
	}
	return strings.TrimSpace(f.rows[i][j])
}

// blank reports whether every cell of row i is empty (a spreadsheet's
// trailing lines).
func (f *csvFile) blank(i int) bool {
	for _, c := range f.rows[i] {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (f *csvFile) number(i int, col string, required bool) (float64, bool) {
	s := strings.TrimSuffix(f.cell(i, col), "%")
	if s == "" {
		if required {
			f.fail(f.lines[i], col, "is empty: enter a number")
		}
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		f.fail(f.lines[i], col, "%q is not a number", s)
		return 0, false
	}
	if v < 0 {
		f.fail(f.lines[i], col, "must not be negative")
		return 0, false
	}
	return v, true
}

func (f *csvFile) optional(i int, col string) *float64 {
	if v, ok := f.number(i, col, false); ok {
		return &v
	}
	return nil
}

func (f *csvFile) year(i int) int {
	s := f.cell(i, "year")
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2999 {
		f.fail(f.lines[i], "year", "%q is not a year such as 2023", s)
		return 0
	}
	return y
}

func (f *csvFile) err() error {
	if f.more > 0 {
		fs := append(errs.Fields(nil), f.fields...)
		fs.Add("file", "%s: and %d more problems, not listed", f.name, f.more)
		return fs.Err()
	}
	return f.fields.Err()
}

// ReadPopulationCSV reads the ONS mid-year estimates of children aged 0 to
// 17, a year a row: year, children.
func ReadPopulationCSV(name string, r io.Reader) ([]PopulationYear, error) {
	f := readCSV(name, r, populationColumns)
	var out []PopulationYear
	seen := map[int]int{}
	for i := range f.rows {
		if f.blank(i) {
			continue
		}
		y := f.year(i)
		n, ok := f.number(i, "children", true)
		if ok && (n != math.Trunc(n) || n == 0) {
			f.fail(f.lines[i], "children", "must be a whole number more than 0")
		}
		if prev, dup := seen[y]; dup && y != 0 {
			f.fail(f.lines[i], "year", "%d is also on row %d", y, prev)
		}
		seen[y] = i + 2
		out = append(out, PopulationYear{Year: y, Children: int(n)})
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadTargetsCSV reads targets, RAG thresholds and comparators, an
// indicator's year a row: indicator (its id), year (to 31 March), then
// any of target, green, amber, statistical_neighbours, region, england
// (a blank cell: not entered).
func ReadTargetsCSV(name string, r io.Reader) ([]Target, error) {
	f := readCSV(name, r, targetColumns)
	var out []Target
	var rows []int
	for i := range f.rows {
		if f.blank(i) {
			continue
		}
		t := Target{Indicator: f.cell(i, "indicator"), Year: f.year(i),
			Target: f.optional(i, "target"), Green: f.optional(i, "green"), Amber: f.optional(i, "amber"),
			Neighbours: f.optional(i, "statistical_neighbours"), Region: f.optional(i, "region"), England: f.optional(i, "england")}
		if _, ok := Lookup(t.Indicator); !ok {
			f.fail(f.lines[i], "indicator", "%q is not the id of an indicator of the framework", t.Indicator)
		}
		out = append(out, t)
		rows = append(rows, f.lines[i])
	}
	// The rules between rows and fields (duplicates, thresholds in the
	// indicator's direction) are Validate's; their paths become rows. A
	// cell already reported is not reported again.
	if err := (CouncilData{Targets: out}).Validate(); err != nil {
		for _, fe := range errs.As(err).Fields {
			row, col := pathRow(fe.Field, "targets", rows)
			if !f.reported[cellAt{row, col}] {
				f.fail(row, col, "%s", fe.Message)
			}
		}
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadEstablishmentCSV reads the social work establishment, a position a
// row, in the layout of the seed's workforce table: position, budget_fte,
// permanent_fte, vacant_fte, agency_fte, permanent_plus_agency_fte (which
// must be the sum of the two), and optionally case_holding (yes or no). A
// row whose position is "Total" is checked against the sums of the rows
// above it, to 0.01 FTE, and not kept.
func ReadEstablishmentCSV(name string, r io.Reader) ([]Position, error) {
	f := readCSV(name, r, establishmentColumns)
	var out []Position
	var sum Position
	names := map[string]int{}
	for i := range f.rows {
		if f.blank(i) {
			continue
		}
		p := Position{Name: f.cell(i, "position")}
		p.Budgeted, _ = f.number(i, "budget_fte", true)
		p.Permanent, _ = f.number(i, "permanent_fte", true)
		p.Vacant, _ = f.number(i, "vacant_fte", true)
		p.Agency, _ = f.number(i, "agency_fte", true)
		if both, ok := f.number(i, "permanent_plus_agency_fte", false); ok && math.Abs(both-(p.Permanent+p.Agency)) > 0.005 {
			f.fail(f.lines[i], "permanent_plus_agency_fte", "%.2f is not permanent_fte plus agency_fte (%.2f)", both, p.Permanent+p.Agency)
		}
		switch strings.ToLower(f.cell(i, "case_holding")) {
		case "yes", "y", "true", "1":
			p.CaseHolding = true
		case "", "no", "n", "false", "0":
		default:
			f.fail(f.lines[i], "case_holding", "%q is not yes or no", f.cell(i, "case_holding"))
		}
		if strings.EqualFold(p.Name, "total") {
			for _, c := range []struct {
				col       string
				got, want float64
			}{{"budget_fte", p.Budgeted, sum.Budgeted}, {"permanent_fte", p.Permanent, sum.Permanent},
				{"vacant_fte", p.Vacant, sum.Vacant}, {"agency_fte", p.Agency, sum.Agency}} {
				if math.Abs(c.got-c.want) > 0.005 {
					f.fail(f.lines[i], c.col, "the total %.2f is not the sum of the positions above it (%.2f)", c.got, c.want)
				}
			}
			continue
		}
		switch prev, dup := names[p.Name]; {
		case p.Name == "":
			f.fail(f.lines[i], "position", "is empty: enter the position")
		case dup:
			f.fail(f.lines[i], "position", "%q is also on row %d", p.Name, prev)
		}
		names[p.Name] = i + 2
		sum.Budgeted += p.Budgeted
		sum.Permanent += p.Permanent
		sum.Vacant += p.Vacant
		sum.Agency += p.Agency
		out = append(out, p)
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadLeaversCSV reads the permanent staff who left, one a row: ref (the
// council's reference, not a name), position, left (a date, 2023-03-31 or
// 31/03/2023), fte.
func ReadLeaversCSV(name string, r io.Reader) ([]Leaver, error) {
	f := readCSV(name, r, leaverColumns)
	var out []Leaver
	for i := range f.rows {
		if f.blank(i) {
			continue
		}
		l := Leaver{Ref: f.cell(i, "ref"), Position: f.cell(i, "position")}
		if l.Position == "" {
			f.fail(f.lines[i], "position", "is empty: enter the position")
		}
		d, ok := parseDay(f.cell(i, "left"))
		if !ok {
			f.fail(f.lines[i], "left", "%q is not a date such as 2023-03-31 or 31/03/2023", f.cell(i, "left"))
		}
		l.Left = d
		if fte, ok := f.number(i, "fte", true); ok {
			if fte == 0 {
				f.fail(f.lines[i], "fte", "must be more than 0")
			}
			l.FTE = fte
		}
		out = append(out, l)
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// parseDay reads a date as ISO (2023-03-31) or as a spreadsheet in England
// writes it (31/03/2023).
func parseDay(s string) (civil.Date, bool) {
	if d, err := civil.Parse(s); err == nil {
		return d, true
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return civil.Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return civil.Date{}, false
		}
		n[i] = v
	}
	d, err := civil.New(n[2], time.Month(n[1]), n[0])
	return d, err == nil
}

// pathRow turns a path of Validate's (targets[3].green) into the file's
// row (rows[3]: the row the fourth line kept came from) and column.
func pathRow(path, list string, rows []int) (int, string) {
	rest, ok := strings.CutPrefix(path, list+"[")
	if !ok {
		return 0, path
	}
	n, col, _ := strings.Cut(rest, "].")
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 || i >= len(rows) {
		return 0, path
	}
	return rows[i], col
}

func columnList(layout map[string]bool) string { return strings.Join(sortedKeys(layout), ", ") }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
