package ssda903

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unicode"

	"hearth/internal/civil"
)

// WriteTable writes one table of the return as the DfE's CSV: the header
// row, then a row per entry in the Return's order, dates as DD/MM/YYYY and
// blanks empty. The same Return always gives the same bytes.
func (r Return) WriteTable(w io.Writer, t Table) error {
	s, ok := specOf(t)
	if !ok {
		return fmt.Errorf("ssda903: no table %q", t)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns(t)); err != nil {
		return fmt.Errorf("ssda903: writing %s: %w", t.File(), err)
	}
	rec := make([]string, len(s.columns))
	for i := range s.n(&r) {
		for j, f := range s.fields(&r, i) {
			switch v := f.(type) {
			case *string:
				rec[j] = *v
			case *civil.Date:
				rec[j] = dateText(*v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("ssda903: writing %s: %w", t.File(), err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("ssda903: writing %s: %w", t.File(), err)
	}
	return nil
}

// Write writes every table of the year's return (Tables), each to the
// writer create gives for its file name (Table.File), even a table with no
// rows: the DfE expects each file. The caller closes what create opens.
func Write(r Return, create func(name string) (io.Writer, error)) error {
	for _, t := range Tables(r.Year) {
		w, err := create(t.File())
		if err != nil {
			return fmt.Errorf("ssda903: creating %s: %w", t.File(), err)
		}
		if err := r.WriteTable(w, t); err != nil {
			return err
		}
	}
	return nil
}

// File is one file of a return to read: its name (a path is fine; the
// base name says the table) and its content.
type File struct {
	Name string
	Body io.Reader
}

// Problem is something wrong with a file: its name, the row (the header is
// row 1; 0 for the file as a whole), the column (blank for a whole row or
// file) and why.
type Problem struct {
	File   string
	Row    int
	Field  string
	Reason string
}

func (p Problem) String() string {
	switch {
	case p.Row == 0:
		return fmt.Sprintf("%s: %s", p.File, p.Reason)
	case p.Field == "":
		return fmt.Sprintf("%s row %d: %s", p.File, p.Row, p.Reason)
	}
	return fmt.Sprintf("%s row %d, %s: %s", p.File, p.Row, p.Field, p.Reason)
}

// MaxFileSize is the largest file Read accepts, 200 MB: a council's 903
// files are a few megabytes; anything near this is not a return.
const MaxFileSize = 200 << 20

// maxFileSize is MaxFileSize, lowered by the tests.
var maxFileSize int64 = MaxFileSize

// Read reads a year's 903 files into a Return, and reports every problem
// it finds, each with its file, row, column and reason: a file that is no
// table of the year's return, or a second file of one table; missing or
// unexpected columns; a row with the wrong number of fields; a date that is
// not a DD/MM/YYYY date in the calendar; a code not in the column's list;
// a number that is not a whole number; a control character; a child twice
// in a table that has one row per child; a file over MaxFileSize. A file
// is known by its name (the table's name, in any case, with or without
// ".csv" and with "_", "-" or spaces ignored) or else by its columns. A
// return without a Header or an Episodes file is a problem too; the other
// tables may be left out when empty.
//
// Read keeps every row it can, with a field it cannot read left blank, so
// that the rules can be run on what there is; whether to use the Return at
// all is the caller's choice: any problem means the files are not a clean
// return, and nothing should be loaded from them.
func Read(y Year, la string, files []File) (Return, []Problem) {
	r := Return{Year: y, LA: la}
	var problems []Problem
	seen := map[Table]string{}
	for _, f := range files {
		problems = append(problems, readFile(&r, f, seen)...)
	}
	// Every return has its children and their episodes; the other tables
	// may be left out when they have no rows.
	for _, t := range []Table{TableHeader, TableEpisodes} {
		if _, ok := seen[t]; !ok {
			problems = append(problems, Problem{File: t.File(), Reason: fmt.Sprintf("the return has no %s file", t)})
		}
	}
	return r, problems
}

// tableNamed finds the table a file name names.
func tableNamed(name string) (Table, bool) {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	base = strings.TrimSuffix(strings.ToLower(base), ".csv")
	base = strings.Map(func(c rune) rune {
		if c == '_' || c == '-' || c == ' ' {
			return -1
		}
		return c
	}, base)
	for _, s := range specs {
		if strings.ToLower(string(s.table)) == base {
			return s.table, true
		}
	}
	return "", false
}

// tableWithColumns finds the table whose columns are exactly these, in any
// order.
func tableWithColumns(header []string) (Table, bool) {
	for _, s := range specs {
		if len(s.columns) == len(header) && len(missingColumns(s, header)) == 0 {
			return s.table, true
		}
	}
	return "", false
}

func missingColumns(s spec, header []string) []string {
	var out []string
	for _, c := range s.columns {
		if !slices.Contains(header, c.name) {
			out = append(out, c.name)
		}
	}
	return out
}

// MaxProblems bounds the problems kept of one file.
const MaxProblems = 1000

func readFile(r *Return, f File, seen map[Table]string) []Problem {
	var problems []Problem
	add := func(row int, field, format string, args ...any) {
		// At most MaxProblems a file, as a census's reading keeps.
		switch n := len(problems); {
		case n < MaxProblems:
			problems = append(problems, Problem{File: f.Name, Row: row, Field: field, Reason: fmt.Sprintf(format, args...)})
		case n == MaxProblems:
			problems = append(problems, Problem{File: f.Name, Row: row, Reason: fmt.Sprintf("more problems than the first %d listed: mend these and read the file again", MaxProblems)})
		}
	}
	if f.Body == nil {
		add(0, "", "the file is empty")
		return problems
	}
	// The whole file is read first, at most one byte over the limit, so
	// that an oversize file is refused before any of it is parsed.
	data, err := io.ReadAll(io.LimitReader(f.Body, maxFileSize+1))
	if err != nil {
		add(0, "", "the file could not be read: %v", err)
		return problems
	}
	if int64(len(data)) > maxFileSize {
		size := fmt.Sprintf("%d bytes", maxFileSize)
		if maxFileSize >= 1<<20 {
			size = fmt.Sprintf("%d MB", maxFileSize>>20)
		}
		add(0, "", "the file is over %s, larger than any 903 file", size)
		return problems
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a spreadsheet's byte order mark

	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // the count is checked here, to name the row
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		add(0, "", "the file is empty: it has no header row")
		return problems
	}
	if err != nil {
		add(1, "", "the header row is not CSV: %v", csvReason(err))
		return problems
	}
	for i := range header {
		header[i] = strings.ToUpper(strings.TrimSpace(header[i]))
	}

	t, ok := tableNamed(f.Name)
	if !ok {
		if t, ok = tableWithColumns(header); !ok {
			add(1, "", "the file is not a 903 table: its name is none of %s and its columns are no table's", tableList())
			return problems
		}
	}
	s, _ := specOf(t)
	if r.Year < s.from {
		add(0, "", "%s is not part of the %s return (it begins in %s)", t, r.Year, s.from)
		return problems
	}
	if other, dup := seen[t]; dup {
		add(0, "", "a second file of the %s table (the first is %s)", t, other)
		return problems
	}
	seen[t] = f.Name

	// Columns: each expected once; none unexpected. Their order may
	// differ from the DfE's, as a spreadsheet may move them.
	at := make([]int, len(s.columns))
	bad := false
	for i, c := range s.columns {
		at[i] = slices.Index(header, c.name)
		if at[i] < 0 {
			add(1, c.name, "the column %s is missing", c.name)
			bad = true
		}
	}
	for i, h := range header {
		if !slices.ContainsFunc(s.columns, func(c column) bool { return c.name == h }) {
			add(1, h, "unexpected column %q: %s has the columns %s", h, t, strings.Join(Columns(t), ","))
			bad = true
		} else if slices.Index(header, h) != i {
			add(1, h, "the column %s appears twice", h)
			bad = true
		}
	}
	if bad {
		return problems
	}

	children := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// FieldPos is not to be asked after an error: the parse error
			// has the line.
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			add(line, "", "the row is not CSV: %v", csvReason(err))
			if pe == nil || !errors.Is(pe.Err, csv.ErrFieldCount) {
				// A broken quote leaves the rest of the file unreadable.
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line, as spreadsheets leave at the end
		}
		if len(rec) != len(header) {
			add(line, "", "the row has %d fields; the header has %d", len(rec), len(header))
			continue
		}
		s.grow(r)
		fields := s.fields(r, s.n(r)-1)
		for i, c := range s.columns {
			v := strings.TrimSpace(rec[at[i]])
			readField(r.Year, c, v, fields[i], func(format string, args ...any) { add(line, c.name, format, args...) })
		}
		if s.oneRow {
			child := *fields[0].(*string)
			if first, dup := children[child]; dup && child != "" {
				add(line, "CHILD", "the child %s is already in %s, at row %d: the table has one row per child", child, t, first)
			} else {
				children[child] = line
			}
		}
	}
	return problems
}

// readField reads one field into its place, or says why it cannot.
func readField(y Year, c column, v string, into any, bad func(format string, args ...any)) {
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		bad("the field holds a control character")
		return
	}
	switch p := into.(type) {
	case *civil.Date:
		if v == "" {
			return
		}
		d, ok := parseDate(v)
		if !ok {
			bad("%q is not a date in the calendar written DD/MM/YYYY", v)
			return
		}
		*p = d
	case *string:
		switch c.kind {
		case code:
			if v != "" && !c.codes(y, v) {
				bad("%q is not a code of %s in %s", v, c.name, y)
			}
		case integer:
			if v != "" && !wholeNumber(v) {
				bad("%q is not a whole number", v)
			}
		}
		*p = v
	}
}

func wholeNumber(s string) bool {
	if len(s) == 0 || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// csvReason is the parser's complaint without its own position, which the
// problem gives.
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func tableList() string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.table.File()
	}
	return strings.Join(names, ", ")
}
