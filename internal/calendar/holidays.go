// Package calendar knows the working days of England and Wales: the bank
// holidays, whether a date is a working day, and how to count working days
// and calendar months from a date.
//
// Children's social care runs to statutory timescales written in working days
// (a decision on a referral within one working day, an assessment within 45,
// an initial child protection conference within 15 of the strategy
// discussion), to the council's own (a child protection visit every 10
// working days) and to timescales in months (a review conference within 3
// months, then every 6). A due date that forgets Easter Monday or a Christmas substitute day
// is a day early, and an overdue flag raised on it is wrong, so every such rule
// counts through this package.
//
// The bank holidays of 2015-2027 are the published list, embedded from
// bank-holidays-england-wales.csv, one-off days included (the 2020 VE day move,
// the 2022 jubilee and state funeral, the 2023 coronation). Other years follow
// the standing rules, so a one-off day proclaimed later must be added to the
// file. The package does no I/O and is safe for concurrent use.
package calendar

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync/atomic"

	"hearth/internal/civil"
)

// Holiday is one bank holiday.
type Holiday struct {
	Date civil.Date
	Name string
}

//go:embed bank-holidays-england-wales.csv
var publishedCSV []byte

// published holds the bank holidays of the years the file covers.
var published = mustParse(publishedCSV)

// publishedYears is the list of holidays per year, for the years firstYear..lastYear.
type publishedYears struct {
	firstYear, lastYear int
	byYear              map[int][]Holiday
}

// mustParse reads the embedded file; it is compiled in, so a fault in it is a
// fault in the build, found by the first test that loads the package.
func mustParse(data []byte) publishedYears {
	p, err := parsePublished(data)
	if err != nil {
		panic(err)
	}
	return p
}

// parsePublished reads a "date,name" file with a header line. The dates must
// be ascending and every year from the first to the last must be present, so
// a year's list is either whole or, outside the range, computed by rule.
func parsePublished(data []byte) (publishedYears, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 2
	header, err := r.Read()
	if err != nil {
		return publishedYears{}, fmt.Errorf("calendar: bank holidays: %w", err)
	}
	if header[0] != "date" || header[1] != "name" {
		return publishedYears{}, fmt.Errorf("calendar: bank holidays: header is %q, want date,name", header)
	}
	p := publishedYears{byYear: map[int][]Holiday{}}
	var prev civil.Date
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return publishedYears{}, fmt.Errorf("calendar: bank holidays: %w", err)
		}
		line, _ := r.FieldPos(0)
		d, err := civil.Parse(rec[0])
		if err != nil {
			return publishedYears{}, fmt.Errorf("calendar: bank holidays line %d: %w", line, err)
		}
		if rec[1] == "" {
			return publishedYears{}, fmt.Errorf("calendar: bank holidays line %d: no name", line)
		}
		if !prev.IsZero() && !d.After(prev) {
			return publishedYears{}, fmt.Errorf("calendar: bank holidays line %d: %s is not after %s", line, d, prev)
		}
		prev = d
		p.byYear[d.Year] = append(p.byYear[d.Year], Holiday{Date: d, Name: rec[1]})
	}
	if len(p.byYear) == 0 {
		return publishedYears{}, errors.New("calendar: bank holidays: no rows")
	}
	for y := range p.byYear {
		if p.firstYear == 0 || y < p.firstYear {
			p.firstYear = y
		}
		p.lastYear = max(p.lastYear, y)
	}
	for y := p.firstYear; y <= p.lastYear; y++ {
		if len(p.byYear[y]) == 0 {
			return publishedYears{}, fmt.Errorf("calendar: bank holidays: no rows for %d, between %d and %d", y, p.firstYear, p.lastYear)
		}
	}
	return p, nil
}

// year is what the package keeps of one year: its holidays in date order, and
// the day numbers of those that fall on a weekday (a substitute day replaces
// one at a weekend), which are the ones that take a working day away.
type year struct {
	holidays []Holiday
	weekday  []int
}

// The years a civil.Date can hold, 1 to 9999, each built once on first use.
// Two goroutines that build the same year build equal values and the first
// stored wins, so a race costs only a second build, and a lookup is one
// atomic load without a lock.
const minYear, maxYear = 1, 9999

var years [maxYear + 1]atomic.Pointer[year]

// noYear stands for years no civil.Date can hold: no holidays.
var noYear = &year{}

func yearOf(y int) *year {
	if y < minYear || y > maxYear {
		return noYear
	}
	if c := years[y].Load(); c != nil {
		return c
	}
	c := buildYear(y)
	if !years[y].CompareAndSwap(nil, c) {
		return years[y].Load()
	}
	return c
}

func buildYear(y int) *year {
	var hs []Holiday
	if y >= published.firstYear && y <= published.lastYear {
		hs = published.byYear[y]
	} else {
		hs = ruleHolidays(y)
	}
	c := &year{holidays: hs}
	for _, h := range hs {
		if z := serial(h.Date); !isWeekend(z) {
			c.weekday = append(c.weekday, z)
		}
	}
	return c
}

// Holidays returns the bank holidays of year y in date order: the published
// list for the years the embedded file covers, the standing rules otherwise.
// The slice is the caller's own.
func Holidays(y int) []Holiday { return slices.Clone(yearOf(y).holidays) }

// IsBankHoliday reports whether d is a bank holiday in England and Wales, and
// its name ("Boxing Day (substitute day)" for the Monday after a Boxing Day
// that fell on a Saturday). The weekend day itself is not reported: it is not
// the bank holiday.
func IsBankHoliday(d civil.Date) (name string, ok bool) {
	for _, h := range yearOf(d.Year).holidays { // at most a dozen
		if h.Date == d {
			return h.Name, true
		}
	}
	return "", false
}

// IsWorkingDay reports whether d is a Monday to Friday that is not a bank
// holiday. The zero Date ("no date") is not a working day.
func IsWorkingDay(d civil.Date) bool {
	if d.IsZero() {
		return false
	}
	z := serial(d)
	return !isWeekend(z) && !slices.Contains(yearOf(d.Year).weekday, z)
}
