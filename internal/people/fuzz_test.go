package people

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func FuzzValidNHSNumber(f *testing.F) {
	for _, s := range []string{"9434765919", "943 476 5919", "943-476-5919", "1000000010", "0000000000", "", "94347659１9", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := ValidNHSNumber(s)
		n := NormaliseNHSNumber(s)
		if NormaliseNHSNumber(n) != n {
			t.Fatalf("NormaliseNHSNumber not idempotent on %q", s)
		}
		if !valid {
			return
		}
		if !isDigits(n, 10) || !ValidNHSNumber(n) {
			t.Fatalf("valid %q normalises to %q, which is not a valid ten-digit number", s, n)
		}
		// Modulus 11 with weights 10 to 1 catches every single changed digit.
		for i := range 10 {
			for d := byte('0'); d <= '9'; d++ {
				if d == n[i] {
					continue
				}
				changed := n[:i] + string(d) + n[i+1:]
				if ValidNHSNumber(changed) {
					t.Fatalf("%q and %q differ in one digit and are both valid", n, changed)
				}
			}
		}
		// And two neighbouring digits swapped, unless they are the same.
		for i := range 9 {
			if n[i] == n[i+1] {
				continue
			}
			swapped := n[:i] + string(n[i+1]) + string(n[i]) + n[i+2:]
			if ValidNHSNumber(swapped) {
				t.Fatalf("%q and %q differ by a swap and are both valid", n, swapped)
			}
		}
	})
}

func FuzzValidUPN(f *testing.F) {
	for _, s := range []string{"P207000016049", "p207 000016049", "B801200005001", "A80120000500A", "A20700001604I", "", "\x00", "É207000016049", "P207000016049\xc2 \xa0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := ValidUPN(s)
		u := NormaliseUPN(s)
		if NormaliseUPN(u) != u {
			t.Fatalf("NormaliseUPN not idempotent on %q: %q then %q", s, u, NormaliseUPN(u))
		}
		if !valid {
			return
		}
		if len(u) != 13 || !ValidUPN(u) {
			t.Fatalf("valid %q normalises to %q, which is not a valid 13-character UPN", s, u)
		}
		c, ok := UPNCheckLetter(u[1:])
		if !ok || c != u[0] {
			t.Fatalf("UPNCheckLetter(%q) = %q, %v; UPN starts %q", u[1:], c, ok, u[0])
		}
		for _, other := range upnLetters {
			if byte(other) != u[0] && ValidUPN(string(other)+u[1:]) {
				t.Fatalf("%q valid with another check letter %q", u, other)
			}
		}
		p := validPerson(t)
		p.Identifiers.UPN = s
		if err := Validate(Normalise(p), today); err != nil {
			t.Fatalf("Validate with UPN %q: %v", s, err)
		}
	})
}

func FuzzValidPostcode(f *testing.F) {
	for _, s := range []string{"WV1 1RG", "wv11rg", "SW1A 1AA", "GIR 0AA", "WV1", "1WV 1RG", "", " ", "éa1bb", "\xff\xfe1AA", "ǅ1 1AA", "ı1 1AA", "00000000000000000\xc2 \xa0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalisePostcode(s)
		if again := NormalisePostcode(n); again != n {
			t.Fatalf("NormalisePostcode not idempotent on %q: %q then %q", s, n, again)
		}
		valid := ValidPostcode(s)
		if valid != ValidPostcode(n) {
			t.Fatalf("ValidPostcode(%q) = %v but ValidPostcode(%q) = %v", s, valid, n, !valid)
		}
		out := PostcodeOutward(s)
		if !valid {
			if out != "" {
				t.Fatalf("PostcodeOutward(%q) = %q for an invalid postcode", s, out)
			}
			return
		}
		if len(n) < 6 || len(n) > 8 || !strings.HasPrefix(n, out+" ") || len(n)-len(out) != 4 {
			t.Fatalf("valid %q: normalised %q, outward %q", s, n, out)
		}
	})
}

func FuzzNameTokens(f *testing.F) {
	for _, s := range []string{"John Smith", "O'Neill", "Zoë Smith-Jones", "मीना कुमारी", "Łukasz", "İbrahim", "ǅemal", "\xff", "", "ﬁona", "ΣΊΣΥΦΟΣ"} {
		f.Add(s, "Jon Smith")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ta := NameTokens(a)
		for _, tok := range ta {
			if tok == "" || strings.IndexFunc(tok, unicode.IsSpace) >= 0 {
				t.Fatalf("NameTokens(%q) has token %q", a, tok)
			}
			if strings.ContainsAny(tok, "'’-") {
				t.Fatalf("NameTokens(%q) has punctuation in %q", a, tok)
			}
		}
		if again := NameTokens(strings.Join(ta, " ")); !slices.Equal(again, ta) {
			t.Fatalf("NameTokens not stable on %q: %q then %q", a, ta, again)
		}
		s := NameSimilarity(a, b)
		if s < 0 || s > 1 {
			t.Fatalf("NameSimilarity(%q, %q) = %v", a, b, s)
		}
		if back := NameSimilarity(b, a); back != s {
			t.Fatalf("NameSimilarity(%q, %q) = %v but reversed %v", a, b, s, back)
		}
		if self := NameSimilarity(a, a); len(ta) > 0 && self != 1 {
			t.Fatalf("NameSimilarity(%q, itself) = %v", a, self)
		}
	})
}
