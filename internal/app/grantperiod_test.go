package app

import (
	"reflect"
	"testing"
	"time"

	"hearth/internal/errs"
)

func TestValidGrantPeriod(t *testing.T) {
	now := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	tests := []struct {
		name        string
		from, until time.Time
		fields      []string
	}{
		{"from now for a week", now, now.Add(7 * day), nil},
		{"from a minute ago (clock skew)", now.Add(-time.Minute), now.Add(day), nil},
		{"from next week", now.Add(7 * day), now.Add(14 * day), nil},
		{"a year at most", now, now.Add(366 * day), nil},
		{"from just over a minute ago", now.Add(-time.Minute - time.Second), now.Add(day), []string{"from"}},
		{"from yesterday", now.Add(-day), now.Add(day), []string{"from"}},
		{"wholly in 1900", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1900, 6, 1, 0, 0, 0, 0, time.UTC), []string{"from"}},
		{"ends as it starts", now, now, []string{"until"}},
		{"ends before it starts", now.Add(day), now, []string{"until"}},
		{"backdated and back to front", now.Add(-day), now.Add(-2 * day), []string{"from", "until"}},
		{"over a year", now, now.Add(367 * day), []string{"until"}},
	}
	for _, tt := range tests {
		var fs errs.Fields
		validGrantPeriod(tt.from, tt.until, now, &fs)
		var got []string
		for _, f := range fs {
			got = append(got, f.Field)
		}
		if !reflect.DeepEqual(got, tt.fields) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.fields)
		}
	}
}
