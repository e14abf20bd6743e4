package people

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameTokens splits a name into search keys: lower case, accents removed,
// apostrophes and hyphens dropped so that "O'Neill" and "ONeill" meet, and one
// key per word. The store indexes these keys and a search matches each word of
// the query as the start of a key.
func NameTokens(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent
		case r == '\'' || r == '’' || r == '`':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Fields(b.String())
}

// NormalisePostcode writes a postcode the standard way: upper case, one space
// before the three-character inward code ("wv11bb" -> "WV1 1BB"). It does not
// check the postcode; ValidPostcode does.
func NormalisePostcode(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) > 3 {
		s = s[:len(s)-3] + " " + s[len(s)-3:]
	}
	return s
}

// NHSCheckDigit computes the Modulus 11 check digit of the first nine digits of
// an NHS number. ok is false when the nine digits can have no valid number
// (the check comes out as 10) or are not nine digits.
func NHSCheckDigit(first9 string) (digit int, ok bool) {
	if len(first9) != 9 {
		return 0, false
	}
	sum := 0
	for i, r := range first9 {
		if r < '0' || r > '9' {
			return 0, false
		}
		sum += int(r-'0') * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		return 0, true
	case 10:
		return 0, false
	}
	return check, true
}

// upnLetters are the 23 letters the DfE uses for UPN check letters and for the
// alphabetic 13th character of a temporary UPN (I, O and S are left out).
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// UPNCheckLetter computes the DfE check letter (the first character) of a
// unique pupil number from the twelve characters that follow it. The weights
// are 2 to 13 from the second character; a 13th character that is a letter
// counts as its position in upnLetters. ok is false if rest is malformed.
func UPNCheckLetter(rest string) (letter byte, ok bool) {
	if len(rest) != 12 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 12; i++ {
		c := rest[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case i == 11 && strings.IndexByte(upnLetters, c) >= 0:
			v = strings.IndexByte(upnLetters, c)
		default:
			return 0, false
		}
		sum += v * (i + 2)
	}
	return upnLetters[sum%23], true
}
