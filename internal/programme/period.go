package programme

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"hearth/internal/civil"
)

// Month is a calendar month, the period a monthly report covers. It is
// written "2021-03".
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month d falls in.
func MonthOf(d civil.Date) Month { return Month{d.Year, d.Month} }

// IsZero reports whether m is the zero month ("no month").
func (m Month) IsZero() bool { return m == Month{} }

// Valid reports whether m is a month of a year the programme could report.
func (m Month) Valid() bool { return m.Year >= 1900 && m.Year <= 9999 && m.Month >= 1 && m.Month <= 12 }

// First and Last are the month's first and last days.
func (m Month) First() civil.Date { return civil.Date{Year: m.Year, Month: m.Month, Day: 1} }
func (m Month) Last() civil.Date {
	return civil.Of(time.Date(m.Year, m.Month+1, 0, 0, 0, 0, 0, time.UTC))
}

// Compare orders months: -1 if m is before n, 0 if the same, 1 if after.
func (m Month) Compare(n Month) int {
	a, b := m.Year*12+int(m.Month), n.Year*12+int(n.Month)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// ParseMonth reads "2021-03".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("programme: %q is not a month written as 2021-03", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MarshalJSON writes "2021-03", or null for the zero month.
func (m Month) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(m.String())
}

// UnmarshalJSON reads "2021-03" or null.
func (m *Month) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Month{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseMonth(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Year is a financial year, named by the calendar year it starts in: Year
// 2020 runs from 1 April 2020 to 31 March 2021 and is written "2020-21".
type Year int

// YearOf is the financial year d falls in.
func YearOf(d civil.Date) Year {
	if d.Month < time.April {
		return Year(d.Year - 1)
	}
	return Year(d.Year)
}

// First and Last are the year's first and last days.
func (y Year) First() civil.Date { return civil.Date{Year: int(y), Month: time.April, Day: 1} }
func (y Year) Last() civil.Date  { return civil.Date{Year: int(y) + 1, Month: time.March, Day: 31} }

// FirstMonth is the year's first month, April.
func (y Year) FirstMonth() Month { return Month{int(y), time.April} }

// LastMonth is the year's last month, March.
func (y Year) LastMonth() Month { return Month{int(y) + 1, time.March} }

// Holds reports whether month m is in the year.
func (y Year) Holds(m Month) bool { return YearOf(m.First()) == y }

func (y Year) String() string { return fmt.Sprintf("%04d-%02d", int(y), (int(y)+1)%100) }

// ParseYear reads "2020-21"; the second half must be the year after the
// first.
func ParseYear(s string) (Year, error) {
	bad := fmt.Errorf("programme: %q is not a financial year written as 2020-21", s)
	if len(s) != 7 || s[4] != '-' {
		return 0, bad
	}
	a, err1 := strconv.Atoi(s[:4])
	b, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || a < 1900 || (a+1)%100 != b {
		return 0, bad
	}
	return Year(a), nil
}

// MarshalJSON writes "2020-21".
func (y Year) MarshalJSON() ([]byte, error) { return json.Marshal(y.String()) }

// UnmarshalJSON reads "2020-21".
func (y *Year) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseYear(s)
	if err != nil {
		return err
	}
	*y = v
	return nil
}
