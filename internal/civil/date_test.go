package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2024-02-29", Date{2024, time.February, 29}, true}, // leap year
		{"2023-02-29", Date{}, false},                       // common year
		{"1900-02-29", Date{}, false},                       // century, not a leap year
		{"2000-02-29", Date{2000, time.February, 29}, true}, // divisible by 400
		{"2023-02-31", Date{}, false},
		{"2023-04-31", Date{}, false},
		{"2023-13-01", Date{}, false},
		{"2023-00-10", Date{}, false},
		{"2023-1-5", Date{}, false}, // not zero-padded
		{"05/01/2023", Date{}, false},
		{"", Date{}, false},
		{"1999-12-31", Date{1999, time.December, 31}, true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestNewRefusesDaysThatDoNotExist(t *testing.T) {
	for _, d := range []Date{{2023, time.February, 29}, {2024, time.February, 30}, {2024, time.June, 31}, {2024, time.January, 0}, {0, time.January, 1}} {
		if _, err := New(d.Year, d.Month, d.Day); err == nil {
			t.Errorf("New(%v) accepted a day that does not exist", d)
		}
	}
	if _, err := New(2024, time.February, 29); err != nil {
		t.Errorf("New(2024-02-29): %v", err)
	}
}

func TestAgeOn(t *testing.T) {
	leapling := MustNew(2008, time.February, 29)
	tests := []struct {
		born, on Date
		want     int
	}{
		{MustNew(2010, time.May, 4), MustNew(2028, time.May, 3), 17}, // the day before the 18th birthday
		{MustNew(2010, time.May, 4), MustNew(2028, time.May, 4), 18}, // on the birthday
		{MustNew(2010, time.May, 4), MustNew(2010, time.May, 4), 0},  // born today
		{MustNew(2010, time.December, 31), MustNew(2011, time.January, 1), 0},
		{leapling, MustNew(2026, time.February, 28), 17}, // a common year: the birthday is 1 March
		{leapling, MustNew(2026, time.March, 1), 18},
		{leapling, MustNew(2024, time.February, 29), 16}, // a leap year: the birthday itself
		{leapling, MustNew(2024, time.February, 28), 15},
	}
	for _, tt := range tests {
		if got := tt.born.AgeOn(tt.on); got != tt.want {
			t.Errorf("%v.AgeOn(%v) = %d, want %d", tt.born, tt.on, got, tt.want)
		}
	}
}

func TestArithmeticAndOrder(t *testing.T) {
	d := MustNew(2024, time.February, 28)
	if got := d.AddDays(1); got != MustNew(2024, time.February, 29) {
		t.Errorf("AddDays(1) = %v", got)
	}
	if got := d.AddDays(2); got != MustNew(2024, time.March, 1) {
		t.Errorf("AddDays(2) = %v", got)
	}
	if got := MustNew(2024, time.January, 1).AddDays(-1); got != MustNew(2023, time.December, 31) {
		t.Errorf("AddDays(-1) = %v", got)
	}
	// Across the change to British Summer Time the day count is still whole.
	if got := MustNew(2024, time.April, 1).DaysSince(MustNew(2024, time.March, 30)); got != 2 {
		t.Errorf("DaysSince across the clock change = %d", got)
	}
	if MustNew(2024, time.March, 31).Weekday() != time.Sunday {
		t.Error("31 March 2024 was a Sunday")
	}
	a, b := MustNew(2023, time.December, 31), MustNew(2024, time.January, 1)
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || b.Compare(a) != 1 {
		t.Error("order is wrong")
	}
}

func TestOfUsesTheTimesOwnZone(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no zone database")
	}
	// 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
	t0 := time.Date(2024, time.June, 30, 23, 30, 0, 0, time.UTC)
	if got := Of(t0.In(london)); got != MustNew(2024, time.July, 1) {
		t.Errorf("Of in London = %v", got)
	}
	if got := Of(t0); got != MustNew(2024, time.June, 30) {
		t.Errorf("Of in UTC = %v", got)
	}
}

func TestTextForms(t *testing.T) {
	d := MustNew(2007, time.March, 5)
	if d.String() != "2007-03-05" || d.Format() != "5 March 2007" {
		t.Errorf("String %q, Format %q", d.String(), d.Format())
	}
	if (Date{}).String() != "" || (Date{}).Format() != "" || !(Date{}).IsZero() {
		t.Error("the zero date should print as nothing")
	}
}

func TestJSON(t *testing.T) {
	type rec struct {
		D Date `json:"d"`
	}
	b, _ := json.Marshal(rec{MustNew(2016, time.February, 29)})
	if string(b) != `{"d":"2016-02-29"}` {
		t.Errorf("marshal = %s", b)
	}
	if b, _ := json.Marshal(rec{}); string(b) != `{"d":null}` {
		t.Errorf("zero marshals as %s", b)
	}
	for in, ok := range map[string]bool{`{"d":"2016-02-29"}`: true, `{"d":null}`: true, `{"d":""}`: true, `{"d":"2015-02-29"}`: false, `{"d":20160229}`: false, `{"d":"29/02/2016"}`: false} {
		var r rec
		if err := json.Unmarshal([]byte(in), &r); (err == nil) != ok {
			t.Errorf("unmarshal %s: err %v, want ok=%v", in, err, ok)
		}
	}
}

func TestSQL(t *testing.T) {
	d := MustNew(1969, time.July, 20) // before 1970 as well
	v, err := d.Value()
	if err != nil || v != "1969-07-20" {
		t.Fatalf("Value = %v, %v", v, err)
	}
	if v, _ := (Date{}).Value(); v != nil {
		t.Errorf("zero Value = %v, want NULL", v)
	}
	for _, src := range []any{"1969-07-20", []byte("1969-07-20"), "1969-07-20T00:00:00Z", time.Date(1969, time.July, 20, 0, 0, 0, 0, time.UTC)} {
		var got Date
		if err := got.Scan(src); err != nil || got != d {
			t.Errorf("Scan(%v) = %v, %v", src, got, err)
		}
	}
	var z Date
	if err := z.Scan(nil); err != nil || !z.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", z, err)
	}
	if err := z.Scan(42); err == nil {
		t.Error("Scan(42) accepted a number")
	}
}

func TestOfLondon(t *testing.T) {
	cases := []struct {
		at   time.Time
		want Date
	}{
		// 23:30 UTC in British Summer Time is 00:30 the next day.
		{time.Date(2026, time.June, 14, 23, 30, 0, 0, time.UTC), MustNew(2026, time.June, 15)},
		{time.Date(2026, time.June, 14, 22, 59, 59, 0, time.UTC), MustNew(2026, time.June, 14)},
		// In winter London is UTC.
		{time.Date(2026, time.January, 14, 23, 30, 0, 0, time.UTC), MustNew(2026, time.January, 14)},
		// A time given in another zone is judged in London all the same.
		{time.Date(2026, time.June, 15, 8, 0, 0, 0, time.FixedZone("AEST", 10*3600)), MustNew(2026, time.June, 14)},
	}
	for _, c := range cases {
		if got := OfLondon(c.at); got != c.want {
			t.Errorf("OfLondon(%v) = %v, want %v", c.at, got, c.want)
		}
	}
	if London.String() != "Europe/London" {
		t.Errorf("London is %q", London)
	}
}

// TestParseDigitsAgreesWithTimeParse: the quick reading of YYYY-MM-DD gives
// what time.Parse gives, or leaves the string to it.
func TestParseDigitsAgreesWithTimeParse(t *testing.T) {
	for _, s := range []string{
		"2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0001-01-01", "0000-01-01",
		"9999-12-31", "2024-1-01", "2024-01-1", "+024-01-01", "2024/01/01", "2024-01-01 ", "", "２０２４-01-01",
	} {
		got, gotErr := Parse(s)
		var want Date
		tm, wantErr := time.Parse(layout, s)
		if wantErr == nil {
			want = Of(tm)
		}
		if (gotErr == nil) != (wantErr == nil) || got != want {
			t.Errorf("Parse(%q) = %v, %v; time.Parse gives %v, %v", s, got, gotErr, want, wantErr)
		}
		var d Date
		jerr := d.UnmarshalJSON([]byte(`"` + s + `"`))
		if s != "" && ((jerr == nil) != (wantErr == nil) || d != want) {
			t.Errorf("UnmarshalJSON(%q) = %v, %v; want %v, %v", s, d, jerr, want, wantErr)
		}
	}
}

func TestStartOfLondon(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want time.Time
	}{
		{MustNew(2026, time.June, 12), time.Date(2026, time.June, 11, 23, 0, 0, 0, time.UTC)},       // summer time
		{MustNew(2026, time.December, 1), time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)},  // winter
		{MustNew(2026, time.March, 29), time.Date(2026, time.March, 29, 0, 0, 0, 0, time.UTC)},      // clocks go forward at 01:00
		{MustNew(2026, time.October, 25), time.Date(2026, time.October, 24, 23, 0, 0, 0, time.UTC)}, // clocks go back at 02:00
	} {
		if got := StartOfLondon(c.d); !got.Equal(c.want) {
			t.Errorf("StartOfLondon(%s) = %s, want %s", c.d, got.UTC(), c.want)
		}
	}
}
