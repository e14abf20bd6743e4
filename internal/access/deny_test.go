package access

import (
	"strings"
	"testing"
)

// TestPasswordsEasyToGuessAreRefused follows the NCSC's guidance: common and
// breached-style passwords are refused whatever their length, and so are the
// user's name, the service's name, repeats, sequences and keyboard walks.
func TestPasswordsEasyToGuessAreRefused(t *testing.T) {
	const user = "jo.bloggs"
	bad := map[string]string{
		"aaaaaaaaaaaa":                   "repeated",
		"AAAAAAAAAAAAAAAAAAAA":           "repeated",
		"111111111111":                   "repeated",
		"............":                   "repeated",
		"aaaaaaaaaaab":                   "repeated",
		"abababababab":                   "repeated",
		"abcabcabcabc":                   "repeated",
		"123412341234":                   "repeated",
		"12121212121212":                 "repeated",
		"xyz!xyz!xyz!":                   "repeated",
		"password1234":                   "common",
		"Password2026!":                  "common",
		"P@ssw0rd2026":                   "common",
		"p@$$w0rd!!!!":                   "common",
		"pass word 2026":                 "common",
		"passwordpassword":               "repeated",
		"iloveyou1234":                   "common",
		"letmein12345":                   "common",
		"Welcome2026!":                   "common",
		"Summer2026!!":                   "common",
		"Liverpool1892":                  "common",
		"monkeymonkey":                   "repeated",
		"2026football!":                  "common",
		"TrustNo1-2026":                  "common",
		"administrator":                  "common",
		"123456789012":                   "run",
		"098765432109":                   "run",
		"abcdefghijkl":                   "run",
		"zyxwvutsrqpo":                   "run",
		"qwertyuiop12":                   "run",
		"qwerty123456":                   "common",
		"QWERTY-uiop-1":                  "run",
		"asdfghjkl;'#":                   "run",
		"1qaz2wsx3edc":                   "run",
		"qazwsxedcrfv":                   "run",
		"1q2w3e4r5t6y":                   "run",
		"poiuytrewq09":                   "run",
		"azertyuiop12":                   "run",
		"789456123000":                   "run", // the number pad, and a little more
		"abcdef123456":                   "run",
		"jo.bloggs.2026":                 "username",
		"I am JO.BLOGGS ok":              "username",
		"my hearth password":             "service",
		"Hearth-is-great-2026":           "service",
		"h-e-a-r-t-h-rocks!":             "service",
		strings.Repeat("longer pw ", 20): "repeated", // a short piece, however often
	}
	for pw, kind := range bad {
		msg := fieldMessage(t, ValidatePassword(pw, user), "password")
		want := map[string]string{
			"repeated": "repeated", "common": "most common", "run": "run of letters",
			"username": "username", "service": "name of this service",
		}[kind]
		if !strings.Contains(msg, want) {
			t.Errorf("ValidatePassword(%q) message %q, want it to mention %q", pw, msg, want)
		}
	}
}

// TestGoodPasswordsAreAccepted checks that the rules do not refuse long,
// ordinary passphrases, including the demo accounts' password and ones that
// only contain a common word among others.
func TestGoodPasswordsAreAccepted(t *testing.T) {
	for _, pw := range []string{
		"demo-password-2026",
		"correct horse battery staple",
		"a long enough password",
		"another long password",
		"purple elephant marmalade",
		"Tr0ub4dor&3 is not this",
		"kettle-orbit-sparrow-91",
		"my cat is called Biscuit",
		"Zebra crossings at noon",
		"àéîõüçñøåæœß",
		"summer in wolverhampton park",
		"qwerty is a keyboard layout",
		strings.Repeat("correct horse battery staple ", 9)[:256],
	} {
		if err := ValidatePassword(pw, "jo.bloggs"); err != nil {
			t.Errorf("ValidatePassword(%q) = %v, want it accepted", pw, err)
		}
	}
	// With no username (not known yet), only the other rules apply.
	if err := ValidatePassword("jo.bloggs is me, 2026", ""); err != nil {
		t.Errorf("no username: %v", err)
	}
}

func TestWalk(t *testing.T) {
	for s, want := range map[string]bool{
		"abcdef": true, "fedcba": true, "qwerty": true, "ytrewq": true, "123abc": true,
		"12abcdef": true, // two characters off a run
		"1x2abc":   false, "correcthorse": false, "demopassword2026": false, "": true,
	} {
		if got := walk(s); got != want {
			t.Errorf("walk(%q) = %v, want %v", s, got, want)
		}
	}
}
