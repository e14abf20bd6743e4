package education

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// PupilSessions is one pupil's sessions at one school over a period, as a
// row of an attendance import gives them.
type PupilSessions struct {
	Row      int    `json:"row"` // the file's row, the header being row 1
	UPN      string `json:"upn"`
	URN      string `json:"urn"`
	Sessions Sessions
	Summary  Attendance
}

// The attendance import's fixed columns; every other column is headed by a
// national register code and holds that code's number of sessions. This is
// Hearth's own layout (documented in docs/DATA-MODEL.md), which a school's
// management system export is turned into: one row per pupil per school per
// period.
const (
	colUPN  = "UPN"
	colURN  = "URN"
	colFrom = "From"
	colTo   = "To"
)

// ReadAttendance reads an attendance import. Dates are yyyy-mm-dd. Every
// bad row and field is reported (rows[N].heading), with the pupil's row
// left out, so that the import can load all or nothing; a pupil at a school
// appears once per period.
func ReadAttendance(r io.Reader) ([]PupilSessions, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, errs.E(errs.Invalid, "The file has no header row")
	}
	var bad errs.Fields
	fixed := map[string]int{}
	var codes []string
	var codeCols []int
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch h {
		case colUPN, colURN, colFrom, colTo:
			fixed[h] = i
		default:
			if _, known := registerCodes[h]; !known {
				bad.Add(fmt.Sprintf("header.%s", h), "%q is neither a column of the import nor a national attendance code", h)
				continue
			}
			codes = append(codes, h)
			codeCols = append(codeCols, i)
		}
	}
	for _, c := range []string{colUPN, colURN, colFrom, colTo} {
		if _, ok := fixed[c]; !ok {
			bad.Add(fmt.Sprintf("header.%s", c), "The column %q is missing", c)
		}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	var out []PupilSessions
	seen := map[string]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				bad.Add(fmt.Sprintf("rows[%d]", row), "The row cannot be read: %v", pe.Err)
				if pe.Err != csv.ErrFieldCount {
					break
				}
				continue
			}
			return nil, err
		}
		field := func(h string) string { return fmt.Sprintf("rows[%d].%s", row, h) }
		p := PupilSessions{Row: row, UPN: people.NormaliseUPN(rec[fixed[colUPN]]), URN: strings.TrimSpace(rec[fixed[colURN]])}
		if !people.ValidUPN(p.UPN) {
			bad.Add(field(colUPN), "UPN %q is not a valid unique pupil number", p.UPN)
		}
		if !allDigits(p.URN) || len(p.URN) < 6 || len(p.URN) > 7 {
			bad.Add(field(colURN), "URN must be 6 or 7 digits")
		}
		for _, c := range []struct {
			h   string
			dst *civil.Date
		}{{colFrom, &p.Sessions.From}, {colTo, &p.Sessions.To}} {
			v := strings.TrimSpace(rec[fixed[c.h]])
			d, err := civil.Parse(v)
			if err != nil {
				bad.Add(field(c.h), "%q is not a date in the form 2024-09-02", v)
			}
			*c.dst = d
		}
		p.Sessions.ByCode = make(map[string]int, len(codes))
		rowOK := true
		for k, c := range codes {
			v := strings.TrimSpace(rec[codeCols[k]])
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				bad.Add(field(c), "%q is not a number of sessions", v)
				rowOK = false
				continue
			}
			if n > 0 {
				p.Sessions.ByCode[c] = n
			}
		}
		if rowOK && !bad.Has(field(colFrom)) && !bad.Has(field(colTo)) {
			sum, err := Summarise(p.Sessions)
			if e := errs.As(err); e != nil {
				for _, f := range e.Fields {
					name := strings.TrimPrefix(f.Field, "by_code.")
					if f.Field == "to" {
						name = colTo
					}
					bad.Add(field(name), "%s", f.Message)
				}
			}
			p.Summary = sum
		}
		key := p.UPN + "\x00" + p.URN + "\x00" + p.Sessions.From.String()
		if first, dup := seen[key]; dup {
			bad.Add(field(colUPN), "This pupil, school and period are also on row %d", first)
		}
		seen[key] = row
		out = append(out, p)
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
