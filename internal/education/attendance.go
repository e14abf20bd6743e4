package education

import (
	"fmt"
	"sort"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// Treatment is how a register code counts in attendance statistics.
type Treatment int

const (
	Present          Treatment = iota + 1 // present at school (/, \, L)
	ApprovedActivity                      // attending approved education away from school (K, V, P, W, B): counts as attending
	Authorised                            // authorised absence
	Unauthorised                          // unauthorised absence
	NotPossible                           // not a possible session (D, X, Q, Y1-Y7, Z, #)
)

// codeRule is one national register code: how it counts, and the days it
// may be used (zero bounds are open).
type codeRule struct {
	treatment Treatment
	from, to  civil.Date
}

// NewCodesFrom is the day the 2024 register codes replaced the old ones
// (School Attendance (Pupil Registration) (England) Regulations 2024).
var NewCodesFrom = civil.Date{Year: 2024, Month: 8, Day: 19}

var oldCodesTo = NewCodesFrom.AddDays(-1)

// registerCodes are the national attendance and absence codes. Codes new in
// August 2024 are refused before it, and retired codes after it, so a term
// imported under the wrong scheme is caught.
var registerCodes = map[string]codeRule{
	"/": {treatment: Present}, `\`: {treatment: Present}, "L": {treatment: Present},
	"K": {treatment: ApprovedActivity, from: NewCodesFrom},
	"V": {treatment: ApprovedActivity}, "P": {treatment: ApprovedActivity},
	"W": {treatment: ApprovedActivity}, "B": {treatment: ApprovedActivity},
	"D":  {treatment: NotPossible},
	"C1": {treatment: Authorised, from: NewCodesFrom}, "M": {treatment: Authorised},
	"J1": {treatment: Authorised, from: NewCodesFrom}, "S": {treatment: Authorised},
	"X":  {treatment: NotPossible},
	"C2": {treatment: Authorised, from: NewCodesFrom}, "C": {treatment: Authorised},
	"T": {treatment: Authorised}, "R": {treatment: Authorised},
	"I": {treatment: Authorised}, "E": {treatment: Authorised},
	"Q":  {treatment: NotPossible, from: NewCodesFrom},
	"Y1": {treatment: NotPossible, from: NewCodesFrom}, "Y2": {treatment: NotPossible, from: NewCodesFrom},
	"Y3": {treatment: NotPossible, from: NewCodesFrom}, "Y4": {treatment: NotPossible, from: NewCodesFrom},
	"Y5": {treatment: NotPossible, from: NewCodesFrom}, "Y6": {treatment: NotPossible, from: NewCodesFrom},
	"Y7": {treatment: NotPossible, from: NewCodesFrom},
	"G":  {treatment: Unauthorised}, "N": {treatment: Unauthorised},
	"O": {treatment: Unauthorised}, "U": {treatment: Unauthorised},
	"Z": {treatment: NotPossible}, "#": {treatment: NotPossible},
	// Retired on 19 August 2024: historic terms only. H was authorised
	// holiday; J an interview, then counted as an approved activity; Y
	// unable to attend, not a possible session; F an agreed extended
	// holiday, authorised.
	"H": {treatment: Authorised, to: oldCodesTo},
	"J": {treatment: ApprovedActivity, to: oldCodesTo},
	"Y": {treatment: NotPossible, to: oldCodesTo},
	"F": {treatment: Authorised, to: oldCodesTo},
}

// RegisterCode reports how code counts on day d, and whether it is a
// national code in use that day.
func RegisterCode(code string, d civil.Date) (Treatment, bool) {
	r, ok := registerCodes[code]
	if !ok {
		return 0, false
	}
	if !r.from.IsZero() && d.Before(r.from) || !r.to.IsZero() && d.After(r.to) {
		return 0, false
	}
	return r.treatment, true
}

// Attendance is a pupil's sessions over a period (a session is half a day).
type Attendance struct {
	Possible     int `json:"possible"`
	Attended     int `json:"attended"` // present or in approved educational activity
	Authorised   int `json:"authorised"`
	Unauthorised int `json:"unauthorised"`
}

// Sessions are a pupil's session counts by register code over a period, as
// a school's return gives them. From and To bound the period: a code must
// be in use on both days, so a period that spans 19 August 2024 is refused
// (a school's term never does).
type Sessions struct {
	From   civil.Date     `json:"from"`
	To     civil.Date     `json:"to"`
	ByCode map[string]int `json:"by_code"`
}

// Summarise adds up a period's sessions, refusing unknown codes, codes not
// in use in the period, and negative counts, each named by its field.
func Summarise(s Sessions) (Attendance, error) {
	var bad errs.Fields
	if s.From.IsZero() || s.To.IsZero() || s.To.Before(s.From) {
		bad.Add("to", "Enter a period whose last day is on or after its first day")
		return Attendance{}, bad.Err()
	}
	codes := make([]string, 0, len(s.ByCode))
	for c := range s.ByCode {
		codes = append(codes, c)
	}
	sort.Strings(codes) // errors in a stable order
	var a Attendance
	for _, c := range codes {
		n := s.ByCode[c]
		field := fmt.Sprintf("by_code.%s", c)
		t, okFrom := RegisterCode(c, s.From)
		_, okTo := RegisterCode(c, s.To)
		switch {
		case !okFrom || !okTo:
			bad.Add(field, "%q is not a national attendance code in use from %s to %s", c, s.From.Format(), s.To.Format())
			continue
		case n < 0:
			bad.Add(field, "The number of sessions cannot be negative")
			continue
		}
		switch t {
		case Present, ApprovedActivity:
			a.Attended += n
		case Authorised:
			a.Authorised += n
		case Unauthorised:
			a.Unauthorised += n
		}
		if t != NotPossible {
			a.Possible += n
		}
	}
	if err := bad.Err(); err != nil {
		return Attendance{}, err
	}
	return a, nil
}

// Add joins two periods' sessions (a year is its terms).
func (a Attendance) Add(b Attendance) Attendance {
	return Attendance{
		Possible:     a.Possible + b.Possible,
		Attended:     a.Attended + b.Attended,
		Authorised:   a.Authorised + b.Authorised,
		Unauthorised: a.Unauthorised + b.Unauthorised,
	}
}

// Absent is the sessions missed, authorised or not.
func (a Attendance) Absent() int { return a.Authorised + a.Unauthorised }

// RatePerThousand is the attendance rate in tenths of a percent (952 is
// 95.2%), rounded half up, or false when no session was possible. Integer
// arithmetic, so that a figure and its pupils always agree.
func (a Attendance) RatePerThousand() (int, bool) {
	if a.Possible == 0 {
		return 0, false
	}
	return (a.Attended*2000 + a.Possible) / (2 * a.Possible), true
}

// PersistentlyAbsent reports whether the pupil missed 10% or more of their
// possible sessions, the DfE's measure of persistent absence.
func (a Attendance) PersistentlyAbsent() bool {
	return a.Possible > 0 && a.Absent()*10 >= a.Possible
}

// SeverelyAbsent reports whether the pupil missed 50% or more.
func (a Attendance) SeverelyAbsent() bool {
	return a.Possible > 0 && a.Absent()*2 >= a.Possible
}
