package app_test

import (
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/errs"
)

func TestParseAsOf(t *testing.T) {
	now := time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC)
	a := app.New(nil, nil)
	a.Clock = func() time.Time { return now }
	good := map[string]time.Time{
		"":                          {},
		"2025-03-31T17:00:00Z":      time.Date(2025, time.March, 31, 17, 0, 0, 0, time.UTC),
		"2025-03-31T18:00:00+01:00": time.Date(2025, time.March, 31, 17, 0, 0, 0, time.UTC),
		"2025-03-31T18:00:00 01:00": time.Date(2025, time.March, 31, 17, 0, 0, 0, time.UTC), // "+" sent unencoded
		"2025-03-31T17:00:00.5Z":    time.Date(2025, time.March, 31, 17, 0, 0, 5e8, time.UTC),
		"1900-01-01T00:00:00Z":      time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC),
		"2026-07-01T12:00:00Z":      now,
		"2026-07-01T12:04:59Z":      now.Add(4*time.Minute + 59*time.Second), // a client's clock a little fast
	}
	for in, want := range good {
		got, err := a.ParseAsOf(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseAsOf(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{
		"0001-01-01T00:00:00Z", // the zero time, which means "now" inside Hearth
		"0000-01-01T00:00:00Z",
		"1899-12-31T23:59:59Z",
		"1900-01-01T00:30:00+01:00", // 1899 in UTC
		"2026-07-01T12:05:01Z",
		"2027-01-01T00:00:00Z",
		"9999-12-31T23:59:59Z",
		"2025-03-31",
		"yesterday",
		"2025-02-30T12:00:00Z",
	} {
		_, err := a.ParseAsOf(in)
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "as_of" {
			t.Errorf("ParseAsOf(%q) = %v; want an invalid error on as_of", in, err)
		}
	}
}
