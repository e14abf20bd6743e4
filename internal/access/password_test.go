package access

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"hearth/internal/errs"
)

func TestHashAndVerify(t *testing.T) {
	const pw = "correct horse battery staple"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not start with the expected settings", h)
	}
	ok, rehash, err := VerifyPassword(h, pw)
	if !ok || rehash || err != nil {
		t.Errorf("right password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, rehash, err = VerifyPassword(h, pw+"!")
	if ok || rehash || err != nil {
		t.Errorf("wrong password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, _, err = VerifyPassword(h, "")
	if ok || err != nil {
		t.Errorf("empty password: ok=%v err=%v", ok, err)
	}
}

func TestHashParsesBack(t *testing.T) {
	h, err := HashPassword("a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	p, salt, key, err := parseHash(h)
	if err != nil {
		t.Fatal(err)
	}
	if p.memory != 19456 || p.time != 2 || p.threads != 1 {
		t.Errorf("settings %+v", p)
	}
	if len(salt) != 16 || len(key) != 32 {
		t.Errorf("salt %d bytes, key %d bytes", len(salt), len(key))
	}
}

func TestSaltDiffersEachTime(t *testing.T) {
	seen := map[string]bool{}
	salts := map[string]bool{}
	for range 3 {
		h, err := HashPassword("same password every time")
		if err != nil {
			t.Fatal(err)
		}
		if seen[h] {
			t.Fatal("two hashes of the same password are equal")
		}
		seen[h] = true
		parts := strings.Split(h, "$")
		if salts[parts[4]] {
			t.Fatal("salt repeated")
		}
		salts[parts[4]] = true
	}
}

func TestVerifyOlderSettingsNeedsRehash(t *testing.T) {
	// A hash made with other (here cheaper) settings still verifies, and
	// asks to be replaced.
	const pw = "an older stored password"
	salt := []byte("0123456789abcdef")
	p := argonParams{memory: 8 * 1024, time: 1, threads: 1}
	h := formatHash(p, salt, argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, 32))
	if !strings.Contains(h, "$m=8192,t=1,p=1$") {
		t.Fatalf("hash %q", h)
	}
	ok, rehash, err := VerifyPassword(h, pw)
	if !ok || !rehash || err != nil {
		t.Errorf("ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, rehash, err = VerifyPassword(h, "not it")
	if ok || rehash || err != nil {
		t.Errorf("wrong password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
}

func TestTamperedHash(t *testing.T) {
	const pw = "a password to tamper with"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(h, "$")
	flip := func(s string) string {
		b := []byte(s)
		if b[0] == 'A' {
			b[0] = 'B'
		} else {
			b[0] = 'A'
		}
		return string(b)
	}
	join := func(p []string) string { return strings.Join(p, "$") }
	with := func(i int, v string) string {
		q := append([]string(nil), parts...)
		q[i] = v
		return join(q)
	}

	// Changed but well-formed: verifies as a wrong password.
	for name, bad := range map[string]string{
		"salt changed":   with(4, flip(parts[4])),
		"hash changed":   with(5, flip(parts[5])),
		"fewer passes":   with(3, "m=19456,t=1,p=1"),
		"less memory":    with(3, "m=19000,t=2,p=1"),
		"more lanes":     with(3, "m=19456,t=2,p=2"),
		"hash shortened": with(5, parts[5][:40]), // 30 bytes, still well-formed
	} {
		ok, _, err := VerifyPassword(bad, pw)
		if ok || err != nil {
			t.Errorf("%s: ok=%v err=%v", name, ok, err)
		}
	}

	// Not well-formed: an error wrapping ErrMalformedHash.
	for name, bad := range map[string]string{
		"empty":             "",
		"plain text":        pw,
		"argon2i":           with(1, "argon2i"),
		"version 16":        with(2, "v=16"),
		"settings reversed": with(3, "p=1,t=2,m=19456"),
		"settings missing":  with(3, "m=19456,t=2"),
		"zero passes":       with(3, "m=19456,t=0,p=1"),
		"zero lanes":        with(3, "m=19456,t=2,p=0"),
		"negative memory":   with(3, "m=-1,t=2,p=1"),
		"huge memory":       with(3, "m=4294967295,t=2,p=1"),
		"too many lanes":    with(3, "m=19456,t=2,p=255"),
		"lanes overflow":    with(3, "m=19456,t=2,p=256"),
		"salt not base64":   with(4, "!!!!"),
		"salt padded":       with(4, parts[4]+"=="),
		"salt too short":    with(4, "AAAA"),
		"hash empty":        with(5, ""),
		"extra part":        h + "$x",
		"missing part":      join(parts[:5]),
		"no leading dollar": strings.TrimPrefix(h, "$"),
	} {
		ok, rehash, err := VerifyPassword(bad, pw)
		if ok || rehash || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("%s: ok=%v rehash=%v err=%v", name, ok, rehash, err)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	h, err := HashPassword("fuzzing password")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(h, "fuzzing password")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$$", "x")
	f.Add("$$$$$", "")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		ok, rehash, err := VerifyPassword(hash, pw)
		if err != nil && (ok || rehash) {
			t.Errorf("error with ok=%v rehash=%v", ok, rehash)
		}
		if rehash && !ok {
			t.Error("rehash without a match")
		}
	})
}

func fieldMessage(t *testing.T, err error, field string) string {
	t.Helper()
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != field {
		t.Fatalf("want one invalid field %q, got %v", field, err)
	}
	return e.Fields[0].Message
}

func TestValidatePassword(t *testing.T) {
	good := []string{
		"twelve chars",
		strings.Repeat("correct horse battery staple ", 9)[:256],
		"àéîõüçñøåæœß", // characters, not bytes
		" leading and trailing spaces ",
	}
	for _, pw := range good {
		if err := ValidatePassword(pw, ""); err != nil {
			t.Errorf("ValidatePassword(%q) = %v", pw, err)
		}
	}
	bad := map[string]string{
		"":                         "12 characters or more",
		"eleven char":              "12 characters or more",
		strings.Repeat("x", 257):   "256 characters or fewer",
		strings.Repeat(" ", 12):    "only spaces",
		" \t\n\u00a0\u2003       ": "only spaces",
		"\xff\xfe invalid utf-8":   "readable",
	}
	for pw, want := range bad {
		msg := fieldMessage(t, ValidatePassword(pw, ""), "password")
		if !strings.Contains(msg, want) {
			t.Errorf("ValidatePassword(%q) message %q, want it to mention %q", pw, msg, want)
		}
	}
}

func TestUsername(t *testing.T) {
	norm := map[string]string{
		"  Sam.Worker ":  "sam.worker",
		"ABC_def-1":      "abc_def-1",
		"\tJo\n":         "jo",
		"K\u212a":        "k\u212a", // the Kelvin sign is not folded to k
		"already-lower":  "already-lower",
		"ÉLODIE":         "Élodie",
		"":               "",
		"   ":            "",
		"Mixed.Case_123": "mixed.case_123",
	}
	for in, want := range norm {
		if got := NormaliseUsername(in); got != want {
			t.Errorf("NormaliseUsername(%q) = %q, want %q", in, got, want)
		}
	}

	for _, u := range []string{"sam", "sam.worker", "a-b_c.d", "007", strings.Repeat("a", 64)} {
		if err := ValidateUsername(u); err != nil {
			t.Errorf("ValidateUsername(%q) = %v", u, err)
		}
	}
	bad := map[string]string{
		"":                      "3 characters or more",
		"ab":                    "3 characters or more",
		strings.Repeat("a", 65): "64 characters or fewer",
		"Sam":                   "only include",
		"sam worker":            "only include",
		"sam@example":           "only include",
		"k\u212aate":            "only include",
		"élodie":                "only include",
	}
	for u, want := range bad {
		msg := fieldMessage(t, ValidateUsername(u), "username")
		if !strings.Contains(msg, want) {
			t.Errorf("ValidateUsername(%q) message %q, want it to mention %q", u, msg, want)
		}
	}
}
