package httpx

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestLogHandlerAddsTheRequestIDOnce(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(LogHandler{slog.NewTextHandler(&buf, nil)})
	r := WithRequestID(httptest.NewRequest("GET", "/", nil))
	id := RequestID(r.Context())
	if len(id) != 16 {
		t.Fatalf("request id %q: want 16 hex characters", id)
	}
	log.InfoContext(r.Context(), "one")
	log.InfoContext(r.Context(), "two", "request_id", id)
	log.With("a", 1).InfoContext(r.Context(), "three")
	log.InfoContext(context.Background(), "four")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	for i, want := range []int{1, 1, 1, 0} {
		if got := strings.Count(lines[i], "request_id="+id); got != want {
			t.Errorf("line %d %q: request id %d times, want %d", i, lines[i], got, want)
		}
	}
}

func TestRequestIDFromProxyIsKeptOnlyWhenSane(t *testing.T) {
	for header, keep := range map[string]bool{"abc-123": true, "": false, "has space": false, strings.Repeat("x", 65): false, "bad\nline": false} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Request-Id", header)
		got := RequestID(WithRequestID(r).Context())
		if (got == header) != keep {
			t.Errorf("header %q: id %q, keep=%v", header, got, keep)
		}
	}
}
