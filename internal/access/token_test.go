package access

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewSecret(t *testing.T) {
	seen := map[string]bool{}
	for _, prefix := range []string{APITokenPrefix, SessionTokenPrefix} {
		for range 100 {
			s, err := NewSecret(prefix)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(s, prefix) {
				t.Fatalf("%q lacks prefix %q", s, prefix)
			}
			body := strings.TrimPrefix(s, prefix)
			if len(body) != 43 {
				t.Fatalf("%q: body is %d characters, want 43", s, len(body))
			}
			b, err := base64.RawURLEncoding.DecodeString(body)
			if err != nil || len(b) != 32 {
				t.Fatalf("%q: %d bytes, %v", s, len(b), err)
			}
			if seen[body] {
				t.Fatal("secret repeated")
			}
			seen[body] = true
		}
	}
}

func TestHashSecret(t *testing.T) {
	// SHA-256 of "abc", a published test vector.
	if got := HashSecret("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashSecret(abc) = %s", got)
	}
	s, err := NewSecret(APITokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	h := HashSecret(s)
	if h != HashSecret(s) {
		t.Error("hash not stable")
	}
	if len(h) != 64 || strings.ToLower(h) != h {
		t.Errorf("hash %q is not lower-case hex SHA-256", h)
	}
	if HashSecret(strings.TrimPrefix(s, APITokenPrefix)) == h {
		t.Error("prefix not part of the hash")
	}
}
