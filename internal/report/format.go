package report

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// String is the value as the page and the PDF print it, the UK way:
// 3,412; £10,812,345.67; -£250.00; 35%; 31 March 2023; "" for a blank.
func (v Value) String() string {
	if v.IsBlank() {
		return ""
	}
	switch v.kind {
	case Integer:
		return formatInt(v.n)
	case Money:
		return formatPence(v.n)
	case Percent:
		return formatPercent(v.frac, v.places)
	case Number:
		return formatDecimal(v.frac, v.places)
	case Date:
		return v.date.Format()
	}
	return v.text
}

// width is the number of characters of String(), worked out without
// making the string for a date or a whole number, the most common values
// in a long table after text: a workbook's column widths read every
// cell's.
func (v Value) width() int {
	switch {
	case v.IsBlank():
		return 0
	case v.kind == Text:
		return utf8.RuneCountInString(v.text)
	case v.kind == Date && v.date.Valid() && v.date.Year > 0:
		return digits(uint64(v.date.Day)) + 1 + len(v.date.Month.String()) + 1 + digits(uint64(v.date.Year))
	case v.kind == Integer && v.n >= 0:
		d := digits(uint64(v.n))
		return d + (d-1)/3
	}
	return utf8.RuneCountInString(v.String())
}

// digits is the number of decimal digits of n.
func digits(n uint64) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// formatInt groups the digits in threes with commas.
func formatInt(n int64) string {
	if n < 0 {
		// Through uint64, so that the smallest int64 has a magnitude too.
		return "-" + group(strconv.FormatUint(uint64(-(n+1))+1, 10))
	}
	return group(strconv.FormatInt(n, 10))
}

// formatPence writes pence as pounds and pence, always with two places so
// that a column of amounts lines up; a negative amount has its minus sign
// before the pound sign (-£250.00), as the GOV.UK style writes it.
func formatPence(p int64) string {
	sign := ""
	mag := uint64(p)
	if p < 0 {
		sign = "-"
		mag = uint64(-(p + 1)) + 1
	}
	pence := strconv.FormatUint(mag%100, 10)
	if len(pence) == 1 {
		pence = "0" + pence
	}
	return sign + "£" + group(strconv.FormatUint(mag/100, 10)) + "." + pence
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// units is x in units of the last place shown (for one place, tenths),
// rounded half away from zero as published statistics round. A number such
// as 34.5 is held in binary as a hair below itself, so it is first rounded
// to nine significant figures: that gives 35, as the reader of "34.5"
// expects.
func units(x float64, places int) float64 {
	x *= math.Pow10(places)
	if x != 0 {
		x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 9, 64), 64)
	}
	return math.Round(x)
}

// percentUnits is a fraction in units of the last place of its percentage.
func percentUnits(frac float64, places int) float64 { return units(frac*100, places) }

func formatPercent(frac float64, places int) string {
	return formatUnits(percentUnits(frac, places), places) + "%"
}

// formatDecimal writes x to the places with its thousands grouped: 1,512.3.
func formatDecimal(x float64, places int) string {
	return formatUnits(units(x, places), places)
}

// formatUnits writes a count of units of the last place as a number.
func formatUnits(u float64, places int) string {
	if u == 0 {
		u = 0 // no "-0" for a small negative rounded away
	}
	s := strconv.FormatFloat(u/math.Pow10(places), 'f', places, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	out := group(whole)
	if places > 0 {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// CSVText is a cell's text as a CSV file written for a spreadsheet should
// hold it: text that a spreadsheet would take as a formula (starting =, +,
// -, @, a tab or a carriage return) is given a leading apostrophe, which
// the spreadsheet shows as text and does not run. The workbook writer
// needs none: its cells are typed.
func CSVText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
