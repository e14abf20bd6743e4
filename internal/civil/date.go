// Package civil holds the calendar date: a day in the calendar with no time and
// no zone. Dates of birth, referral dates and plan start dates are civil dates;
// storing them as timestamps at midnight shifts them by a day whenever a zone
// changes, so they never touch time.Time except at the edges.
package civil

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// layout is ISO 8601, the form used in the database, the API and CIN census XML.
const layout = "2006-01-02"

// New returns the date, or an error if it does not exist in the calendar
// (31 February, month 13).
func New(year int, month time.Month, day int) (Date, error) {
	d := Date{year, month, day}
	if !d.Valid() {
		return Date{}, fmt.Errorf("civil: %04d-%02d-%02d is not a date in the calendar", year, int(month), day)
	}
	return d, nil
}

// MustNew is New for constants in tests and code lists; it panics on a bad date.
func MustNew(year int, month time.Month, day int) Date {
	d, err := New(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// Parse reads a date written as YYYY-MM-DD.
func Parse(s string) (Date, error) {
	if d, ok := ParseDigits(s); ok {
		return d, nil
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("civil: %q is not a date in the form YYYY-MM-DD", s)
	}
	return Of(t), nil
}

// ParseDigits reads YYYY-MM-DD written in ASCII digits, without time.Parse
// and without copying a byte slice, when it is a date in the calendar; for
// anything else it reports false, and Parse (time.Parse) gives the answer and
// the error.
func ParseDigits[S ~string | ~[]byte](s S) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	num := func(part S) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	day, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, false
	}
	d := Date{y, time.Month(m), day}
	return d, d.Valid()
}

// Of returns the date on which t falls, in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a day that exists.
func (d Date) Valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Year < 1 || d.Year > 9999 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String writes the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Format writes the date in the GOV.UK style, "5 January 2024".
func (d Date) Format() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
}

// midnight is the date as a UTC instant, for arithmetic only.
func (d Date) midnight() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Of(d.midnight().AddDate(0, 0, n)) }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.midnight().Weekday() }

// DaysSince returns the number of days from e to d (negative if d is earlier).
func (d Date) DaysSince(e Date) int {
	return int(d.midnight().Sub(e.midnight()).Hours() / 24)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// AgeOn returns the age in whole years on date on. A person born on 29 February
// has their birthday on 1 March in years that are not leap years, as the law
// in England treats it.
func (d Date) AgeOn(on Date) int {
	age := on.Year - d.Year
	birthday := Date{on.Year, d.Month, d.Day}
	if !birthday.Valid() { // 29 February in a common year
		birthday = Date{on.Year, time.March, 1}
	}
	if on.Before(birthday) {
		age--
	}
	return age
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	// A stored record holds thousands of dates; reading them without a
	// second pass of the JSON decoder saved 8% of a bulk as-of read's CPU.
	if len(b) == 12 && b[0] == '"' && b[11] == '"' {
		if p, ok := ParseDigits(b[1:11]); ok {
			*d = p
			return nil
		}
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("civil: a date must be a string in the form YYYY-MM-DD")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := Parse(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value stores the date as text YYYY-MM-DD (NULL for the zero date), which both
// SQLite and PostgreSQL's DATE accept and which sorts as dates sort.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date stored as text or returned by a driver as a time.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = Of(v.UTC())
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("civil: cannot read a date from %T", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > len(layout) {
		s = s[:len(layout)]
	}
	p, err := Parse(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
