package access

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ServiceName is the name of the service, which a password must not contain:
// it is the first word an attacker tries.
const ServiceName = "hearth"

// Following the NCSC's password guidance, a new password is judged by how
// easily it is guessed, not by its mix of characters: no rule asks for a
// capital, a digit or a symbol, since such rules lead to "Password1!". What
// is refused is what attackers try first: the most used passwords and the
// words they are built on, those words dressed up with digits, symbols and
// letter swaps, the user's own name and the service's, one character or a
// short pattern repeated, and runs along the alphabet, the digits or the
// keyboard.

// weakPassword says why pw is easy to guess, or "" if it is not. username is
// the account's (normalised) name, or "" if not known.
func weakPassword(pw, username string) string {
	lower := strings.ToLower(pw)
	switch {
	case utf8.RuneCountInString(username) >= MinUsernameLength && strings.Contains(lower, strings.ToLower(username)):
		return "Password must not include your username"
	case strings.Contains(lower, ServiceName) || strings.Contains(plain(lower), ServiceName):
		return "Password must not include the name of this service"
	case distinctRunes(lower) < 5 || repeatsUnit(lower) || repeatsUnit(plain(lower)):
		return "Password must not be one character or a short pattern repeated"
	case common(lower):
		return "Password is one of the most common passwords, or built on one. Try three random words"
	case walk(plain(lower)):
		return "Password must not be a run of letters, numbers or keys, such as abcdef, 123456 or qwerty"
	}
	return ""
}

// deleet undoes the letter swaps people use to dress up a word.
var deleet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t", "+", "t", "8", "b", "9", "g")

// plain keeps only the letters and digits of s, so that "qwe-rty 123" is
// judged as "qwerty123".
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// common reports whether lower (a lower-cased password) is a common password
// or one built on a common word: the word with digits or symbols before or
// after it, with letters swapped for look-alike digits and symbols, with
// separators inside it, or repeated.
func common(lower string) bool {
	p := plain(lower)
	for _, s := range []string{lower, p, plain(deleet.Replace(lower))} {
		if commonPasswords[s] {
			return true
		}
		// Strip digits and symbols from the ends ("Password2026!"), then undo
		// swaps in what is left ("p@ssw0rd").
		core := strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		for _, c := range []string{core, plain(deleet.Replace(core))} {
			if commonPasswords[c] || commonPasswords[strings.TrimFunc(c, unicode.IsDigit)] {
				return true
			}
			if u, ok := unitOf(c); ok && commonPasswords[u] {
				return true
			}
		}
	}
	return false
}

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}

// unitOf returns the shortest string whose repetition is s, and whether s is
// such a repetition (at least twice).
func unitOf(s string) (string, bool) {
	rs := []rune(s)
	for n := 1; n <= len(rs)/2; n++ {
		if len(rs)%n != 0 {
			continue
		}
		unit := string(rs[:n])
		if strings.Repeat(unit, len(rs)/n) == s {
			return unit, true
		}
	}
	return s, false
}

// repeatsUnit reports whether s is a piece shorter than the minimum password
// length repeated ("abcabcabcabc", "123412341234").
func repeatsUnit(s string) bool {
	u, ok := unitOf(s)
	return ok && utf8.RuneCountInString(u) < MinPasswordLength
}

// walks are the runs people take along the alphabet, the digits and the
// keyboard (UK, German and French layouts, rows, columns and the number pad).
// Each is also walked backwards.
var walks = []string{
	"abcdefghijklmnopqrstuvwxyz",
	"01234567890",
	"qwertyuiop", "asdfghjkl", "zxcvbnm",
	"qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
	"qazwsxedcrfvtgbyhnujmikolp",
	"zaqxswcdevfrbgtnhymjukilop",
	"1q2w3e4r5t6y7u8i9o0p",
	"q1w2e3r4t5y6u7i8o9p0",
	"a1b2c3d4e5f6g7h8i9",
	"7894561230", "1472583690", "3216549870", "1593572486",
}

// longestWalk is the length of the longest of walks: no run is longer.
const longestWalk = 36

// walk reports whether s (letters and digits only) is made, all but for two
// characters at most, of runs of three or more steps along one of walks.
func walk(s string) bool {
	rs := []rune(s)
	other := 0
	for i := 0; i < len(rs); {
		n := longestRun(rs[i:])
		if n >= 3 {
			i += n
			continue
		}
		other++
		i++
	}
	return other <= 2
}

// longestRun is the length of the longest prefix of rs found, in order or in
// reverse, within one of walks.
func longestRun(rs []rune) int {
	best := 0
	for n := min(len(rs), longestWalk); n > best; n-- {
		piece := string(rs[:n])
		back := reverse(piece)
		for _, w := range walks {
			if strings.Contains(w, piece) || strings.Contains(w, back) {
				best = n
				break
			}
		}
	}
	return best
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// commonPasswords are the passwords, and the words passwords are built on,
// that lead every published list of breached passwords, with words an
// attacker would try first against a council's children's services. They
// are letters only and lower case: common() strips the digits and symbols
// people add around them and undoes look-alike swaps before looking here.
// Runs such as 123456 and qwerty, and repeats such as 111111, are caught by
// walk and repeatsUnit instead.
var commonPasswords = setOf(`
password passwords passwort motdepasse contrasena wachtwoord passphrase pass word
letmein welcome welcomeback changeme changeit default secret secretpassword topsecret
iloveyou iloveu loveyou lovely love lover loveme trustno trustnoone
admin administrator root sysadmin superuser manager login logon signin user username
guest test testing tester demo example sample temp temporary newpassword newpass
monkey dragon shadow master superman batman spiderman ironman pokemon starwars
football baseball basketball soccer hockey cricket rugby tennis golf
liverpool arsenal chelsea manchester manutd tottenham everton celtic rangers leeds
wolves wolverhampton birmingham london england britain scotland wales ireland
sunshine princess angel angels flower flowers butterfly rainbow blossom
michael jennifer jessica jordan hunter ranger buster thomas robert matthew daniel
andrew joshua charlie george oliver harry jack james william david john sophie
emily chloe olivia amelia ashley michelle nicole hannah samantha jasmine
freedom whatever computer internet access office council social socialcare
children childrens services service family families safeguarding carer care
qwerty azerty qwertz asdf zxcv abc abcd xyz
summer winter spring autumn january february march april may june july august
september october november december monday tuesday wednesday thursday friday
saturday sunday
killer pepper ginger cookie cheese chocolate banana orange apple coffee
purple yellow silver golden diamond
tigger tiger lion eagle falcon phoenix dolphin horse puppy kitten
matrix ninja mustang ferrari porsche mercedes harley yamaha
jesus christ god heaven blessed faith
hello hellothere goodbye hiya whatsup
fuckyou fuckoff bitch asshole
nothing none blank empty unknown private mypassword yourpassword
`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
