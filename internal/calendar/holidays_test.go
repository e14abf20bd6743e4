package calendar

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/civil"
)

func date(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPublishedFileParses(t *testing.T) {
	p, err := parsePublished(publishedCSV)
	if err != nil {
		t.Fatal(err)
	}
	if p.firstYear != 2015 || p.lastYear != 2027 {
		t.Errorf("years %d-%d, want 2015-2027", p.firstYear, p.lastYear)
	}
	rows := 0
	for _, hs := range p.byYear {
		rows += len(hs)
	}
	if rows != 107 {
		t.Errorf("%d rows, want the file's 107", rows)
	}
	if got := p.byYear[2022]; len(got) != 10 {
		t.Errorf("2022 has %d holidays, want 10 (jubilee and state funeral)", len(got))
	}
}

func TestParsePublishedRefuses(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "EOF"},
		{"wrong header", "day,name\n2015-01-01,New Year's Day\n", "header"},
		{"header only", "date,name\n", "no rows"},
		{"bad date", "date,name\n2015-02-30,Nonsense\n", "line 2"},
		{"no name", "date,name\n2015-01-01,\n", "no name"},
		{"three fields", "date,name\n2015-01-01,New Year's Day,x\n", "fields"},
		{"out of order", "date,name\n2015-04-06,Easter Monday\n2015-04-03,Good Friday\n", "not after"},
		{"duplicate", "date,name\n2015-01-01,A\n2015-01-01,B\n", "not after"},
		{"a year missing", "date,name\n2015-01-01,A\n2017-01-02,B\n", "no rows for 2016"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePublished([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// The standing rules must give exactly the published list, but for the
// one-off changes named here; any other difference is a fault in the rules
// (or in the file), and the years after 2027 rest on the rules.
func TestRulesReproducePublishedYears(t *testing.T) {
	onlyByRule := []string{
		"2020-05-04 Early May bank holiday", // moved to Friday 8 May for the 75th anniversary of VE day
		"2022-05-30 Spring bank holiday",    // moved to Thursday 2 June for the Platinum Jubilee
	}
	onlyPublished := []string{
		"2020-05-08 Early May bank holiday (VE day)",
		"2022-06-02 Spring bank holiday",
		"2022-06-03 Platinum Jubilee bank holiday",
		"2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II",
		"2023-05-08 Bank holiday for the coronation of King Charles III",
	}
	var gotRule, gotPublished []string
	for y := published.firstYear; y <= published.lastYear; y++ {
		rule, pub := lines(ruleHolidays(y)), lines(published.byYear[y])
		for _, l := range rule {
			if !slices.Contains(pub, l) {
				gotRule = append(gotRule, l)
			}
		}
		for _, l := range pub {
			if !slices.Contains(rule, l) {
				gotPublished = append(gotPublished, l)
			}
		}
	}
	if !slices.Equal(gotRule, onlyByRule) {
		t.Errorf("given by the rules but not published:\n got %q\nwant %q", gotRule, onlyByRule)
	}
	if !slices.Equal(gotPublished, onlyPublished) {
		t.Errorf("published but not given by the rules:\n got %q\nwant %q", gotPublished, onlyPublished)
	}
}

func lines(hs []Holiday) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Date.String()+" "+h.Name)
	}
	return out
}

func TestEaster(t *testing.T) {
	tests := []string{
		"1818-03-22", // the earliest possible
		"1886-04-25", // the latest possible
		"1900-04-15",
		"1943-04-25",
		"1954-04-18", // the full moon taken a week early (it would give 25 April late in the cycle)
		"1961-04-02",
		"1981-04-19", // the full moon taken a week early (it would give 26 April)
		"2000-04-23", // a century year that is a leap year
		"2008-03-23",
		"2011-04-24",
		"2019-04-21",
		"2024-03-31",
		"2025-04-20",
		"2028-04-16",
		"2038-04-25",
		"2049-04-18",
		"2076-04-19",
		"2200-04-06", // a century year that is not
		"2285-03-22",
	}
	for _, want := range tests {
		d := date(want)
		if got := easter(d.Year); got != d {
			t.Errorf("easter(%d) = %s, want %s", d.Year, got, want)
		}
	}
	// Every year: a Sunday from 22 March to 25 April.
	for y := 1583; y <= 9999; y++ {
		e := easter(y)
		if !e.Valid() || e.Weekday() != time.Sunday || e.Before(civil.Date{Year: y, Month: time.March, Day: 22}) || e.After(civil.Date{Year: y, Month: time.April, Day: 25}) {
			t.Fatalf("easter(%d) = %s (%s)", y, e, e.Weekday())
		}
	}
}

func TestIsBankHoliday(t *testing.T) {
	tests := []struct {
		date string
		want string // "" for not a bank holiday
	}{
		// Published years.
		{"2015-12-28", "Boxing Day (substitute day)"},
		{"2015-12-26", ""}, // a Saturday: the substitute is the holiday
		{"2016-12-27", "Christmas Day (substitute day)"},
		{"2017-01-02", "New Year's Day (substitute day)"},
		{"2017-01-01", ""},
		{"2020-05-04", ""}, // the usual Early May Monday, moved that year
		{"2020-05-08", "Early May bank holiday (VE day)"},
		{"2022-05-30", ""},
		{"2022-06-02", "Spring bank holiday"},
		{"2022-06-03", "Platinum Jubilee bank holiday"},
		{"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{"2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{"2024-03-29", "Good Friday"},
		{"2024-04-01", "Easter Monday"},
		{"2024-03-31", ""}, // Easter Sunday is not a bank holiday
		{"2027-12-27", "Christmas Day (substitute day)"},
		{"2027-12-28", "Boxing Day (substitute day)"},
		// Computed years.
		{"2028-01-03", "New Year's Day (substitute day)"}, // 1 January on a Saturday
		{"2028-01-01", ""},
		{"2028-04-14", "Good Friday"},
		{"2028-04-17", "Easter Monday"},
		{"2028-05-01", "Early May bank holiday"}, // 1 May is itself a Monday
		{"2028-05-29", "Spring bank holiday"},
		{"2028-08-28", "Summer bank holiday"},
		{"2028-12-25", "Christmas Day"},
		{"2028-12-26", "Boxing Day"},
		{"2032-12-27", "Christmas Day (substitute day)"}, // 25th on a Saturday
		{"2032-12-28", "Boxing Day (substitute day)"},
		{"2033-12-26", "Boxing Day"}, // 25th on a Sunday
		{"2033-12-27", "Christmas Day (substitute day)"},
		{"2034-01-02", "New Year's Day (substitute day)"}, // 1 January on a Sunday
		{"2037-12-25", "Christmas Day"},                   // 26th on a Saturday
		{"2037-12-28", "Boxing Day (substitute day)"},
		{"2038-04-23", "Good Friday"},
		{"2038-04-26", "Easter Monday"},
		{"2038-05-03", "Early May bank holiday"}, // 1 May on a Saturday
		{"2038-05-31", "Spring bank holiday"},    // 31 May itself a Monday
		{"2038-08-30", "Summer bank holiday"},
		{"2044-12-27", "Christmas Day (substitute day)"},
		{"1900-04-16", "Easter Monday"},
		{"2200-04-04", "Good Friday"},
		{"2024-07-01", ""},
		{"0001-01-01", "New Year's Day"},
		{"9999-12-27", "Christmas Day (substitute day)"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			name, ok := IsBankHoliday(date(tt.date))
			if name != tt.want || ok != (tt.want != "") {
				t.Errorf("IsBankHoliday(%s) = %q, %v; want %q", tt.date, name, ok, tt.want)
			}
		})
	}
	if name, ok := IsBankHoliday(civil.Date{}); ok {
		t.Errorf("the zero date is a bank holiday: %q", name)
	}
}

func TestHolidays(t *testing.T) {
	for y := 1900; y <= 2200; y++ {
		hs := Holidays(y)
		want := 8
		switch y {
		case 2022:
			want = 10
		case 2023:
			want = 9
		}
		if len(hs) != want {
			t.Errorf("%d: %d holidays, want %d", y, len(hs), want)
		}
		for i, h := range hs {
			if h.Date.Year != y || !h.Date.Valid() {
				t.Errorf("%d: holiday %s %q", y, h.Date, h.Name)
			}
			if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%d: %s %q falls on a %s", y, h.Date, h.Name, wd)
			}
			if i > 0 && !h.Date.After(hs[i-1].Date) {
				t.Errorf("%d: %s is not after %s", y, h.Date, hs[i-1].Date)
			}
		}
	}
	// The caller's slice is a copy.
	hs := Holidays(2030)
	hs[0].Name = "changed"
	if Holidays(2030)[0].Name != "New Year's Day" {
		t.Error("changing the returned slice changed the package's list")
	}
	if hs := Holidays(0); len(hs) != 0 {
		t.Errorf("year 0 (no civil date): %v", hs)
	}
}

// Years are built on first use; many goroutines asking for the same years at
// once must all get the answers of the rules (run with -race).
func TestConcurrentUse(t *testing.T) {
	const first, count = 5000, 40 // years no other test builds
	want := map[int]int{}         // working days after 1 January to 31 December, counted from the rules alone
	for y := first; y < first+count; y++ {
		hs := ruleHolidays(y)
		for d := (civil.Date{Year: y, Month: 1, Day: 2}); d.Year == y; d = d.AddDays(1) {
			wd := d.Weekday()
			if wd != time.Saturday && wd != time.Sunday && !slices.ContainsFunc(hs, func(h Holiday) bool { return h.Date == d }) {
				want[y]++
			}
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16*count)
	for g := range 16 {
		wg.Go(func() {
			for i := range count {
				y := first + (i+g)%count
				if got := WorkingDaysBetween(civil.Date{Year: y, Month: 1, Day: 1}, civil.Date{Year: y, Month: 12, Day: 31}); got != want[y] {
					errs <- fmt.Sprintf("%d: %d working days, want %d", y, got, want[y])
				}
				xmas := civil.Date{Year: y, Month: 12, Day: 25}
				if _, ok := IsBankHoliday(xmas); ok != (xmas.Weekday() != time.Saturday && xmas.Weekday() != time.Sunday) {
					errs <- fmt.Sprintf("%d: Christmas Day", y)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
