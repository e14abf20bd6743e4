package access

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"hearth/internal/errs"
)

// The argon2id settings used for new hashes. They meet OWASP's published
// minimum (19 MiB of memory, two passes, one lane). Every hash carries its own
// settings, so these can be raised at any time: old hashes still verify, and
// VerifyPassword reports needsRehash so the caller can store a fresh hash the
// next time the user signs in.
const (
	argonMemory  uint32 = 19 * 1024 // KiB
	argonTime    uint32 = 2
	argonThreads uint8  = 1
	argonKeyLen         = 32 // bytes of derived key
	argonSaltLen        = 16 // bytes of random salt
)

// Bounds on the settings VerifyPassword will accept from a stored hash. They
// sit well above the present settings but stop a damaged or hostile hash
// string from making one sign-in allocate gigabytes or run for minutes.
const (
	maxArgonMemory  = 256 * 1024 // KiB, 256 MiB
	maxArgonTime    = 16
	maxArgonThreads = 16
	minArgonKeyLen  = 16
	maxArgonKeyLen  = 128
	minArgonSaltLen = 8
	maxArgonSaltLen = 64
)

// Password and username length rules, counted in characters.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
	MinUsernameLength = 3
	MaxUsernameLength = 64
)

// ErrMalformedHash is returned (wrapped) by VerifyPassword when the stored hash
// is not an argon2id string in the form HashPassword writes. It points to
// damaged data, not to a wrong password.
var ErrMalformedHash = errors.New("access: malformed password hash")

// b64 is the encoding the PHC string format uses for salt and hash: standard
// alphabet, no padding. Strict rejects non-canonical trailing bits, so each
// string has exactly one decoding.
var b64 = base64.RawStdEncoding.Strict()

// HashPassword derives an argon2id hash of pw with a fresh random salt and
// returns it in PHC string form:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// It does not check the password against the rules; call ValidatePassword on
// new passwords first.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("access: reading random salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return formatHash(argonParams{memory: argonMemory, time: argonTime, threads: argonThreads}, salt, key), nil
}

// argonParams are the cost settings recorded in a hash string.
type argonParams struct {
	memory  uint32 // KiB
	time    uint32 // passes
	threads uint8  // lanes
}

func formatHash(p argonParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether pw matches the stored hash. The settings are
// read from the hash string itself, and the derived keys are compared in
// constant time. needsRehash is true when the password matched but the hash
// was made with settings other than the present ones, so the caller should
// hash the password again and store the result. err is non-nil (wrapping
// ErrMalformedHash) only when the hash string cannot be read; a wrong password
// is ok == false with a nil error.
func VerifyPassword(hash, pw string) (ok bool, needsRehash bool, err error) {
	p, salt, want, err := parseHash(hash)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return false, false, nil
	}
	current := p.memory == argonMemory && p.time == argonTime && p.threads == argonThreads &&
		len(want) == argonKeyLen && len(salt) == argonSaltLen
	return true, !current, nil
}

// parseHash reads a PHC argon2id string, checking every part and the bounds on
// its settings.
func parseHash(s string) (p argonParams, salt, key []byte, err error) {
	bad := func(why string) (argonParams, []byte, []byte, error) {
		return argonParams{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("expected six $-separated parts")
	}
	if parts[1] != "argon2id" {
		return bad("algorithm is not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("unsupported version")
	}

	settings := strings.Split(parts[3], ",")
	if len(settings) != 3 {
		return bad("expected m, t and p settings")
	}
	m, err := parseSetting(settings[0], "m", 32)
	if err != nil {
		return bad(err.Error())
	}
	t, err := parseSetting(settings[1], "t", 32)
	if err != nil {
		return bad(err.Error())
	}
	th, err := parseSetting(settings[2], "p", 8)
	if err != nil {
		return bad(err.Error())
	}
	switch {
	case th < 1 || th > maxArgonThreads:
		return bad("parallelism out of range")
	case t < 1 || t > maxArgonTime:
		return bad("time cost out of range")
	case m < 8*th || m > maxArgonMemory:
		return bad("memory cost out of range")
	}
	p = argonParams{memory: uint32(m), time: uint32(t), threads: uint8(th)}

	salt, err = b64.DecodeString(parts[4])
	if err != nil || len(salt) < minArgonSaltLen || len(salt) > maxArgonSaltLen {
		return bad("salt is not valid")
	}
	key, err = b64.DecodeString(parts[5])
	if err != nil || len(key) < minArgonKeyLen || len(key) > maxArgonKeyLen {
		return bad("hash is not valid")
	}
	return p, salt, key, nil
}

// parseSetting reads one "name=digits" setting.
func parseSetting(s, name string, bits int) (uint64, error) {
	k, v, found := strings.Cut(s, "=")
	if !found || k != name {
		return 0, fmt.Errorf("expected setting %s", name)
	}
	n, err := strconv.ParseUint(v, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("setting %s is not a number in range", name)
	}
	return n, nil
}

// ValidatePassword checks a new password against the rules, which follow
// the NCSC's guidance: length over complexity, and nothing that is easy to
// guess. A password is 12 to 256 characters, not only spaces, and is not one
// of the most common passwords or built on one, does not include the username
// (pass "" if there is none yet) or the service's name, is not one character
// or a short pattern repeated, and is not a run along the alphabet, the
// digits or the keyboard (see weakPassword). There are no rules about mixing
// character classes. Every way a password is set goes through this one
// function. The error is an errs.Invalid error on the field "password".
func ValidatePassword(pw, username string) error {
	var f errs.Fields
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		f.Add("password", "Password must be made of readable characters")
	case n < MinPasswordLength:
		f.Add("password", "Password must be %d characters or more", MinPasswordLength)
	case n > MaxPasswordLength:
		f.Add("password", "Password must be %d characters or fewer", MaxPasswordLength)
	case strings.TrimSpace(pw) == "":
		f.Add("password", "Password must not be only spaces")
	default:
		if why := weakPassword(pw, username); why != "" {
			f.Add("password", "%s", why)
		}
	}
	return f.Err()
}

// NormaliseUsername trims surrounding white space and lower-cases the ASCII
// letters A to Z. Other characters are left alone rather than folded (some
// non-ASCII letters fold to ASCII ones), so anything outside the allowed set
// still fails ValidateUsername instead of quietly becoming someone else's
// name. Call it before ValidateUsername and before looking a user up.
func NormaliseUsername(u string) string {
	u = strings.TrimSpace(u)
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, u)
}

// ValidateUsername checks a (normalised) username: 3 to 64 characters, each a
// lower-case letter a to z, a digit, a dot, a hyphen or an underscore. The
// error is an errs.Invalid error on the field "username".
func ValidateUsername(u string) error {
	var f errs.Fields
	n := utf8.RuneCountInString(u)
	switch {
	case n < MinUsernameLength:
		f.Add("username", "Username must be %d characters or more", MinUsernameLength)
	case n > MaxUsernameLength:
		f.Add("username", "Username must be %d characters or fewer", MaxUsernameLength)
	case !usernameChars(u):
		f.Add("username", "Username must only include lower-case letters a to z, numbers, dots, hyphens and underscores")
	}
	return f.Err()
}

func usernameChars(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}
