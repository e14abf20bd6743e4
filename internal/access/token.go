package access

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// Prefixes for the secrets NewSecret makes. API tokens carry a recognisable
// prefix so that one pasted into a ticket, a log or a repository can be spotted
// by eye and by secret scanners; session tokens live only in a cookie and need
// none.
const (
	APITokenPrefix     = "hearth_"
	SessionTokenPrefix = ""
)

// secretBytes is the number of random bytes in a secret: 256 bits.
const secretBytes = 32

// NewSecret returns prefix followed by 32 bytes from crypto/rand, encoded as
// unpadded base64url (43 characters), so the secret is safe in a URL, a header
// or a cookie without escaping. Show it to its owner once; store only
// HashSecret of it.
func NewSecret(prefix string) (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("access: reading random bytes: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashSecret returns the hex SHA-256 of the whole secret, prefix included. It
// is what the store keeps and looks tokens up by.
//
// A fast, unsalted hash is the right tool here, unlike for passwords. A
// password is chosen by a person and drawn from a small, guessable space, so
// its hash must be slow and salted (argon2id) to make trying candidates
// expensive. A secret from NewSecret is 256 bits from a cryptographic random
// source: nobody can enumerate that space however fast each guess is, so a
// slow hash would add no protection. What the hash must do is keep a copy of
// the table from being usable as tokens, which a preimage-resistant hash
// does. Being fast and deterministic also lets every request find its token
// by an indexed lookup on the hash, instead of running argon2id per request.
func HashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
