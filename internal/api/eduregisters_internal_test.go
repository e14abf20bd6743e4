package api

import (
	"net/http/httptest"
	"testing"
)

// TestRegisterPageOf: a page within the list, past its end, and so far
// past it that counting to its start would overflow, are each answered
// (the last two as an empty page), and a page size over the most refused.
func TestRegisterPageOf(t *testing.T) {
	for _, tc := range []struct {
		query    string
		from, to int
		bad      bool
	}{
		{"", 0, 50, false},
		{"page=2&per_page=40", 40, 80, false},
		{"page=3&per_page=50", 100, 120, false},
		{"page=4&per_page=50", 120, 120, false},
		{"page=9223372036854775807", 120, 120, false},
		{"page=4611686018427387904&per_page=4", 120, 120, false},
		{"per_page=501", 0, 0, true},
		{"page=x", 0, 0, true},
	} {
		_, from, to, err := registerPageOf(httptest.NewRequest("GET", "/?"+tc.query, nil), 120)
		if (err != nil) != tc.bad || !tc.bad && (from != tc.from || to != tc.to) {
			t.Errorf("%q: %d to %d, %v", tc.query, from, to, err)
		}
	}
}
