package sso

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"
)

// FlowCookie holds a sign-in under way, in the browser that began it, from
// the redirect to the provider to the callback. It is sealed (AES-GCM) under
// a key derived from the client secret, so that every Hearth process that
// shares the configuration can open it, whichever of them the callback
// reaches, and nothing is kept in one process's memory or in the database.
// Only this browser has it: a callback carried to another browser (a code
// stolen or replayed) finds no flow there.
const FlowCookie = "hearth_sso"

// FlowLifetime is how long a sign-in may take at the provider.
const FlowLifetime = 10 * time.Minute

// flow is the sealed cookie's content. State is compared with the
// callback's, Nonce with the ID token's, and Verifier is the PKCE secret
// whose hash went to the provider.
type flow struct {
	State    string    `json:"s"`
	Nonce    string    `json:"n"`
	Verifier string    `json:"v"`
	Next     string    `json:"x"`
	Expires  time.Time `json:"e"`
}

// ErrFlow is any callback that does not belong to a sign-in this browser
// began in the last FlowLifetime: no cookie, a tampered or expired one, or a
// state that is not the cookie's.
var ErrFlow = errors.New("sso: the sign-in was not started here, took too long, or was already used")

func (c *Client) sealKey() []byte {
	k, _ := hkdf.Key(sha256.New, []byte(c.cfg.ClientSecret), []byte(c.cfg.ClientID), "hearth sso flow cookie", 32)
	return k
}

func (c *Client) seal(f flow) (string, error) {
	plain, err := json.Marshal(f)
	if err != nil {
		return "", err
	}
	block, err := aes.NewCipher(c.sealKey())
	if err != nil {
		return "", err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, plain, []byte(FlowCookie))), nil
}

// open unseals a flow cookie and checks it has not expired and that state
// is its own.
func (c *Client) open(cookie, state string, now time.Time) (flow, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cookie)
	if err != nil {
		return flow{}, ErrFlow
	}
	block, err := aes.NewCipher(c.sealKey())
	if err != nil {
		return flow{}, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return flow{}, err
	}
	if len(raw) < aead.NonceSize() {
		return flow{}, ErrFlow
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(FlowCookie))
	if err != nil {
		return flow{}, ErrFlow
	}
	var f flow
	if err := json.Unmarshal(plain, &f); err != nil {
		return flow{}, ErrFlow
	}
	if !now.Before(f.Expires) || f.State == "" || subtle.ConstantTimeCompare([]byte(f.State), []byte(state)) != 1 {
		return flow{}, ErrFlow
	}
	return f, nil
}

// random is 32 random bytes in base64url: a state, a nonce.
func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read does not fail
	return base64.RawURLEncoding.EncodeToString(b)
}
