package programme

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Pence is an amount of money in whole pence. Money is never a float: a
// budget added up from a hundred monthly figures must come to the penny the
// finance team's ledger does, and binary fractions cannot promise that.
type Pence int64

// Pounds is n whole pounds.
func Pounds(n int64) Pence { return Pence(n * 100) }

// String writes the amount as the reports do: "£209,636" for whole pounds,
// "£1,234.50" when there are pence, "-£5" for a negative amount (which no
// valid record holds, but a difference may).
func (p Pence) String() string {
	sign := ""
	n := int64(p)
	if n < 0 {
		sign, n = "-", -n
	}
	s := sign + "£" + groupThousands(n/100)
	if n%100 != 0 {
		s += fmt.Sprintf(".%02d", n%100)
	}
	return s
}

// Millions writes the amount in millions of pounds to one decimal place, as
// a report's summary does ("£10.8 million"), rounding half away from zero.
func (p Pence) Millions() string {
	n := int64(p)
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	// Tenths of a million pounds are units of 10,000,000 pence.
	const tenth = 10_000_000
	tenths := (n + tenth/2) / tenth
	return fmt.Sprintf("%s£%d.%d million", sign, tenths/10, tenths%10)
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// MarshalJSON writes the amount as a whole number of pence, so that no
// client reads money through a float.
func (p Pence) MarshalJSON() ([]byte, error) { return []byte(strconv.FormatInt(int64(p), 10)), nil }

// UnmarshalJSON reads a whole number of pence and refuses a fraction.
func (p *Pence) UnmarshalJSON(b []byte) error {
	var n json.Number
	if len(b) > 0 && b[0] == '"' {
		return fmt.Errorf("programme: an amount must be a whole number of pence, not a string")
	}
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("programme: an amount must be a whole number of pence: %w", err)
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return fmt.Errorf("programme: an amount must be a whole number of pence, not %s", n)
	}
	*p = Pence(v)
	return nil
}
