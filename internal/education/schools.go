package education

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// School is one establishment of the DfE's register, Get Information about
// Schools (GIAS), as Hearth keeps it: enough to name a child's school, its
// phase and type, and whether it was open on a day.
type School struct {
	URN                 string     `json:"urn"`
	Name                string     `json:"name"`
	LACode              string     `json:"la_code"` // the old three-digit local authority number
	LAName              string     `json:"la_name,omitempty"`
	EstablishmentNumber string     `json:"establishment_number,omitempty"` // with LACode, the DfE number (LAESTAB)
	Type                string     `json:"type,omitempty"`                 // TypeOfEstablishment (name)
	TypeGroup           string     `json:"type_group,omitempty"`           // EstablishmentTypeGroup (name)
	Status              string     `json:"status"`                         // EstablishmentStatus (name): Open, Closed, ...
	Phase               string     `json:"phase,omitempty"`                // PhaseOfEducation (name)
	Opened              civil.Date `json:"opened,omitzero"`
	Closed              civil.Date `json:"closed,omitzero"`
	LowAge              int        `json:"low_age,omitempty"`
	HighAge             int        `json:"high_age,omitempty"`
	Postcode            string     `json:"postcode,omitempty"`
	UKPRN               string     `json:"ukprn,omitempty"`
}

// OpenOn reports whether the school was open on d: opened by then (or with
// no opening date, as the register's oldest schools have) and not past its
// closing date. The register's closing date is the school's last day (a
// school closing on 31 August is followed by the academy opening on 1
// September), so the school is open on it.
func (s School) OpenOn(d civil.Date) bool {
	return (s.Opened.IsZero() || !s.Opened.After(d)) && (s.Closed.IsZero() || !d.After(s.Closed))
}

// giasColumns maps the register's column headings to where each goes. The
// register publishes well over a hundred columns; the rest are ignored.
var giasColumns = []struct {
	heading  string
	required bool
	set      func(s *School, v string) error
}{
	{"URN", true, func(s *School, v string) error { return setDigits(&s.URN, v, 6, 7) }},
	{"EstablishmentName", true, func(s *School, v string) error { return setText(&s.Name, v, true) }},
	{"LA (code)", true, func(s *School, v string) error { return setDigits(&s.LACode, v, 3, 3) }},
	{"LA (name)", false, func(s *School, v string) error { return setText(&s.LAName, v, false) }},
	{"EstablishmentNumber", false, func(s *School, v string) error { return setOptionalDigits(&s.EstablishmentNumber, v, 4) }},
	{"TypeOfEstablishment (name)", false, func(s *School, v string) error { return setText(&s.Type, v, false) }},
	{"EstablishmentTypeGroup (name)", false, func(s *School, v string) error { return setText(&s.TypeGroup, v, false) }},
	{"EstablishmentStatus (name)", true, func(s *School, v string) error { return setText(&s.Status, v, true) }},
	{"PhaseOfEducation (name)", false, func(s *School, v string) error { return setText(&s.Phase, v, false) }},
	{"OpenDate", false, func(s *School, v string) error { return setDate(&s.Opened, v) }},
	{"CloseDate", false, func(s *School, v string) error { return setDate(&s.Closed, v) }},
	{"StatutoryLowAge", false, func(s *School, v string) error { return setAge(&s.LowAge, v) }},
	{"StatutoryHighAge", false, func(s *School, v string) error { return setAge(&s.HighAge, v) }},
	{"Postcode", false, func(s *School, v string) error { return setText(&s.Postcode, strings.ToUpper(v), false) }},
	{"UKPRN", false, func(s *School, v string) error { return setOptionalDigits(&s.UKPRN, v, 8) }},
}

var errBlank = errors.New("is blank")

func setText(dst *string, v string, required bool) error {
	v = strings.TrimSpace(v)
	if required && v == "" {
		return errBlank
	}
	*dst = v
	return nil
}

func allDigits(v string) bool {
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return v != ""
}

func setDigits(dst *string, v string, min, max int) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return errBlank
	}
	if !allDigits(v) || len(v) < min || len(v) > max {
		if min == max {
			return fmt.Errorf("must be %d digits", min)
		}
		return fmt.Errorf("must be %d to %d digits", min, max)
	}
	*dst = v
	return nil
}

func setOptionalDigits(dst *string, v string, n int) error {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	return setDigits(dst, v, n, n)
}

// setDate reads the register's day-month-year dates (31-08-2023).
func setDate(dst *civil.Date, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, "-")
	if len(parts) == 3 && len(parts[0]) == 2 && len(parts[1]) == 2 && len(parts[2]) == 4 {
		if d, err := civil.Parse(parts[2] + "-" + parts[1] + "-" + parts[0]); err == nil {
			*dst = d
			return nil
		}
	}
	return fmt.Errorf("%q is not a date in the form 31-08-2023", v)
}

func setAge(dst *int, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 99 {
		return fmt.Errorf("%q is not an age from 0 to 99", v)
	}
	*dst = n
	return nil
}

// ReadEstablishments reads the register's establishment CSV (the
// "edubasealldata" download): its header row names the columns, in any
// order. The register's files are in Windows-1252 (a school's name may have
// an accented letter or a curly apostrophe); a file that is valid UTF-8 is
// read as UTF-8. Every bad row is reported, each field named by its row
// number (the header is row 1) and heading, so the import can load all or
// nothing.
func ReadEstablishments(r io.Reader) ([]School, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, err
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, errs.E(errs.Invalid, "The file has no header row")
	}
	index := map[string]int{}
	for i, h := range header {
		index[strings.TrimSpace(h)] = i
	}
	var bad errs.Fields
	cols := make([]int, len(giasColumns))
	for i, c := range giasColumns {
		at, ok := index[c.heading]
		switch {
		case ok:
			cols[i] = at
		case c.required:
			bad.Add(fmt.Sprintf("header.%s", c.heading), "The column %q is missing", c.heading)
		default:
			cols[i] = -1
		}
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	var schools []School
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
					break // the reader cannot find the next row reliably
				}
				continue
			}
			return nil, err
		}
		var s School
		for i, c := range giasColumns {
			v := ""
			if cols[i] >= 0 {
				v = rec[cols[i]]
			}
			if err := c.set(&s, v); err != nil {
				bad.Add(fmt.Sprintf("rows[%d].%s", row, c.heading), "%s %v", c.heading, err)
			}
		}
		if !s.Opened.IsZero() && !s.Closed.IsZero() && s.Closed.Before(s.Opened) {
			bad.Add(fmt.Sprintf("rows[%d].CloseDate", row), "CloseDate is before OpenDate")
		}
		if s.URN != "" {
			if first, dup := seen[s.URN]; dup {
				bad.Add(fmt.Sprintf("rows[%d].URN", row), "URN %s is also on row %d", s.URN, first)
			}
			seen[s.URN] = row
		}
		schools = append(schools, s)
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return schools, nil
}
