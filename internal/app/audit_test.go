package app

import (
	"reflect"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/store"
)

func TestCountByUserWeek(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	line := func(user access.UserID, name string, at time.Time) store.AccessEntry {
		return store.AccessEntry{UserID: user, Username: name, Action: store.LogBreakGlass, At: at}
	}
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	day := civil.MustNew
	cases := []struct {
		name  string
		lines []store.AccessEntry
		want  []BreakGlassWeek
	}{
		{"none", nil, []BreakGlassWeek{}},
		{
			"one week, Monday to Sunday",
			[]store.AccessEntry{line(1, "ann", utc(2026, 1, 5, 0, 0)), line(1, "ann", utc(2026, 1, 11, 23, 59))},
			[]BreakGlassWeek{{UserID: 1, Username: "ann", Year: 2026, Week: 2, Monday: day(2026, 1, 5), Count: 2}},
		},
		{
			// 29 December 2025 is the Monday of the first week of 2026.
			"a week across the new year belongs to the ISO year",
			[]store.AccessEntry{line(1, "ann", utc(2025, 12, 29, 9, 0)), line(1, "ann", utc(2026, 1, 1, 9, 0)), line(1, "ann", utc(2025, 12, 28, 9, 0))},
			[]BreakGlassWeek{
				{UserID: 1, Username: "ann", Year: 2026, Week: 1, Monday: day(2025, 12, 29), Count: 2},
				{UserID: 1, Username: "ann", Year: 2025, Week: 52, Monday: day(2025, 12, 22), Count: 1},
			},
		},
		{
			// 23:30 UTC on Sunday 14 June is 00:30 on Monday in London.
			"weeks are the council's, in summer time",
			[]store.AccessEntry{line(1, "ann", utc(2026, 6, 14, 23, 30)), line(1, "ann", utc(2026, 6, 14, 22, 30))},
			[]BreakGlassWeek{
				{UserID: 1, Username: "ann", Year: 2026, Week: 25, Monday: day(2026, 6, 15), Count: 1},
				{UserID: 1, Username: "ann", Year: 2026, Week: 24, Monday: day(2026, 6, 8), Count: 1},
			},
		},
		{
			"newest week first, then by username",
			[]store.AccessEntry{line(2, "bob", utc(2026, 3, 2, 9, 0)), line(1, "ann", utc(2026, 3, 3, 9, 0)), line(2, "bob", utc(2026, 3, 9, 9, 0))},
			[]BreakGlassWeek{
				{UserID: 2, Username: "bob", Year: 2026, Week: 11, Monday: day(2026, 3, 9), Count: 1},
				{UserID: 1, Username: "ann", Year: 2026, Week: 10, Monday: day(2026, 3, 2), Count: 1},
				{UserID: 2, Username: "bob", Year: 2026, Week: 10, Monday: day(2026, 3, 2), Count: 1},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CountByUserWeek(c.lines, london)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestMondayOf(t *testing.T) {
	for _, c := range []struct{ d, want civil.Date }{
		{civil.MustNew(2026, 1, 5), civil.MustNew(2026, 1, 5)},   // a Monday
		{civil.MustNew(2026, 1, 11), civil.MustNew(2026, 1, 5)},  // a Sunday
		{civil.MustNew(2026, 3, 1), civil.MustNew(2026, 2, 23)},  // across a month
		{civil.MustNew(2026, 1, 1), civil.MustNew(2025, 12, 29)}, // across a year
	} {
		if got := mondayOf(c.d); got != c.want {
			t.Errorf("mondayOf(%s) = %s, want %s", c.d, got, c.want)
		}
	}
}
