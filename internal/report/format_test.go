package report

import (
	"math"
	"testing"
	"time"
	"unicode/utf8"

	"hearth/internal/civil"
)

func TestValueString(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"blank", Value{}, ""},
		{"text", Str("Early help"), "Early help"},
		{"count", Int(3412), "3,412"},
		{"count under a thousand", Int(999), "999"},
		{"count of a million", Int(1000000), "1,000,000"},
		{"zero count", Int(0), "0"},
		{"negative count", Int(-1234), "-1,234"},
		{"smallest count", Int(math.MinInt64), "-9,223,372,036,854,775,808"},
		{"money", Pence(1081234567), "£10,812,345.67"},
		{"whole pounds keep their pence", Pence(7500000), "£75,000.00"},
		{"a penny", Pence(1), "£0.01"},
		{"ten pence", Pence(10), "£0.10"},
		{"no money", Pence(0), "£0.00"},
		{"an overspend", Pence(-25000), "-£250.00"},
		{"a negative penny", Pence(-1), "-£0.01"},
		{"the most money", Pence(math.MaxInt64), "£92,233,720,368,547,758.07"},
		{"the least money", Pence(math.MinInt64), "-£92,233,720,368,547,758.08"},
		{"percentage", Pct(0.35, 0), "35%"},
		{"half rounds up", Pct(0.345, 0), "35%"},
		{"below half rounds down", Pct(0.3449, 0), "34%"},
		{"one place", Pct(0.2264, 1), "22.6%"},
		{"one place, half up", Pct(0.22650, 1), "22.7%"},
		{"two places keep their zeros", Pct(0.5, 2), "50.00%"},
		{"negative half rounds away from zero", Pct(-0.045, 0), "-5%"},
		{"small negative is no minus zero", Pct(-0.001, 0), "0%"},
		{"over a hundred", Pct(12.5, 0), "1,250%"},
		{"ratio", Ratio(1, 3, 1), "33.3%"},
		{"ratio two thirds", Ratio(2, 3, 0), "67%"},
		{"ratio of nothing is blank", Ratio(0, 0, 0), ""},
		{"ratio of none is 0%", Ratio(0, 7, 0), "0%"},
		{"number", Dec(512.34, 1), "512.3"},
		{"number, half up", Dec(34.45, 1), "34.5"},
		{"number grouped", Dec(12345.678, 2), "12,345.68"},
		{"number whole", Dec(21.5, 0), "22"},
		{"negative number", Dec(-1234.56, 1), "-1,234.6"},
		{"small negative number is no minus zero", Dec(-0.04, 1), "0.0"},
		{"date", On(civil.MustNew(2023, time.March, 31)), "31 March 2023"},
		{"single-digit day", On(civil.MustNew(2024, time.January, 5)), "5 January 2024"},
		{"no date is blank", On(civil.Date{}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBlank(t *testing.T) {
	for _, tt := range []struct {
		v    Value
		want bool
	}{
		{Value{}, true},
		{Str(""), true},
		{Str("c"), false},
		{Int(0), false},
		{Pence(0), false},
		{Ratio(1, 0, 0), true},
		{On(civil.Date{}), true},
		{On(civil.MustNew(2023, 3, 31)), false},
	} {
		if got := tt.v.IsBlank(); got != tt.want {
			t.Errorf("%#v.IsBlank() = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestCSVText: text a spreadsheet would run as a formula is kept as text.
func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+1+1":                       "'+1+1",
		"-2+3":                       "'-2+3",
		"@SUM(A1)":                   "'@SUM(A1)",
		"\tcmd":                      "'\tcmd",
		"\r=1":                       "'\r=1",
		"School attendance = 95%":    "School attendance = 95%",
		"":                           "",
	} {
		if got := CSVText(in); got != want {
			t.Errorf("CSVText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestValueWidth: a value's width, which sets a workbook's column widths, is
// the length of its text in characters, for the values it works out
// without making the text and for those it makes the text of.
func TestValueWidth(t *testing.T) {
	vs := []Value{{}, Ratio(1, 0, 1), Str(""), Str("Early help"), Str("Zoë Ōsaka–Brown"), Pence(-25000), Pct(0.125, 1), Dec(3.25, 2),
		Int(math.MinInt64), Int(math.MaxInt64), Int(-1000), On(civil.Date{})}
	for _, n := range []int64{0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 999999, 1000000, 1234567890} {
		vs = append(vs, Int(n), Int(-n))
	}
	for _, y := range []int{1, 9, 10, 999, 1900, 2023, 9999} {
		for m := time.January; m <= time.December; m++ {
			for _, d := range []int{1, 9, 10, 28} {
				vs = append(vs, On(civil.MustNew(y, m, d)))
			}
		}
	}
	for _, v := range vs {
		if got, want := v.width(), utf8.RuneCountInString(v.String()); got != want {
			t.Errorf("%q: width %d, want %d", v.String(), got, want)
		}
	}
}
