package people

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameTokens splits a name into search keys: lower case, accents removed,
// apostrophes dropped so that "O'Neill" and "ONeill" meet, and one key per
// word. Hyphens, full stops and other punctuation separate words, so that
// "Smith-Jones" gives "smith" and "jones". The store indexes these keys and a
// search matches each word of the query as the start of a key.
//
// Accents are the non-spacing marks left after canonical decomposition. The
// spacing vowel signs of scripts such as Devanagari or Bengali are part of
// the word and are kept.
func NameTokens(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me): // combining accent or enclosing mark
		case r == '\'' || r == '’' || r == '‘' || r == '`':
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Fields(b.String())
}

// NormalisePostcode writes a postcode the standard way: upper case, no spaces
// but one before the three-character inward code ("wv11bb" -> "WV1 1BB"). It
// does not check the postcode; ValidPostcode does. It is idempotent, and
// counts characters, not bytes, so it never splits a character.
func NormalisePostcode(s string) string {
	r := []rune(strings.ToUpper(squeeze(s, "")))
	if len(r) > 3 {
		return string(r[:len(r)-3]) + " " + string(r[len(r)-3:])
	}
	return string(r)
}

// squeeze joins the words of s with sep, dropping other white space. Bytes
// that are not UTF-8 become U+FFFD first, so that two of them around a space
// cannot join into a white-space character (C2 A0 is a no-break space) and a
// second pass gives the same result as the first.
func squeeze(s, sep string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), sep)
}

// NHSCheckDigit computes the Modulus 11 check digit of the first nine digits of
// an NHS number: each digit is weighted 10 down to 2, the remainder of the sum
// divided by 11 is taken from 11, and 11 becomes 0. ok is false when the nine
// digits can have no valid number (the check comes out as 10) or are not nine
// ASCII digits.
func NHSCheckDigit(first9 string) (digit int, ok bool) {
	if len(first9) != 9 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := first9[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += int(c-'0') * (10 - i)
	}
	switch check := 11 - sum%11; check {
	case 11:
		return 0, true
	case 10:
		return 0, false
	default:
		return check, true
	}
}

// upnLetters are the 23 letters the DfE uses for UPN check letters and for the
// alphabetic 13th character of a temporary UPN (I, O and S are left out). A
// letter's index is its value: A is 0, B is 1, ..., Z is 22.
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// UPNCheckLetter computes the DfE check letter (the first character) of a
// unique pupil number from the twelve characters that follow it: characters 2
// to 13 are weighted 2 to 13, a 13th character that is a letter (a temporary
// UPN) counts as its value in upnLetters, and the sum's remainder on division
// by 23 is the check letter's value. ok is false if rest is not eleven digits
// followed by a digit or one of those letters.
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
