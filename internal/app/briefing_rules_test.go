package app

import (
	"testing"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// TestBriefingRow takes the briefing's rule case by case from its
// definition: missing is an open missing record; at risk is a latest
// screening in the last year with a medium or high risk, or a MACE meeting
// in the last three months; the edges are the first day of each window,
// an episode that ended, and a missing record without its moment.
func TestBriefingRow(t *testing.T) {
	now := time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC) // noon in London (GMT)
	today := civil.OfLondon(now)
	screenedSince, maceSince := civil.MustNew(2025, time.March, 1), civil.MustNew(2025, time.December, 1)
	d := func(y int, m time.Month, day int) civil.Date { return civil.MustNew(y, m, day) }
	miss := func(start civil.Date, at time.Time, end civil.Date) journey.Record {
		return journey.Record{Kind: journey.KindMissing, Start: start, End: end, Missing: &care.Missing{StartedAt: at}}
	}
	screen := func(day civil.Date, risk string) journey.Record {
		return journey.Record{Kind: journey.KindScreening, Start: day, Screening: &care.Screening{Sexual: "none", Criminal: "none", CountyLines: risk, Trafficking: "none"}}
	}
	mace := func(day civil.Date) journey.Record {
		return journey.Record{Kind: journey.KindMACE, Start: day, MACE: &care.MACE{Summary: "s"}}
	}
	episode := func(start, end civil.Date) journey.Record {
		return journey.Record{Kind: journey.KindCareEpisode, Start: start, End: end, CareEpisode: &care.Episode{}}
	}
	for _, tc := range []struct {
		name    string
		dob     civil.Date
		records []journey.Record
		listed  bool
		check   func(BriefingRow) bool
	}{
		{"nothing", d(2010, 3, 1), nil, false, nil},
		{"missing since last night", d(2010, 3, 1), []journey.Record{miss(d(2026, 2, 28), now.Add(-15*time.Hour), civil.Date{})}, true,
			func(r BriefingRow) bool { return r.Missing && r.MissingHours == 15 && r.Age == 16 }},
		{"missing without its moment counts from the start of the day", d(2010, 3, 2), []journey.Record{miss(today, time.Time{}, civil.Date{})}, true,
			func(r BriefingRow) bool { return r.MissingHours == 12 && r.Age == 15 }},
		{"two open: since the earlier", civil.Date{}, []journey.Record{miss(d(2026, 2, 27), now.Add(-40*time.Hour), civil.Date{}), miss(today, now.Add(-time.Hour), civil.Date{})}, true,
			func(r BriefingRow) bool { return r.MissingHours == 40 && r.Age == -1 }},
		{"returned", d(2010, 3, 1), []journey.Record{miss(d(2026, 2, 20), now.Add(-200*time.Hour), d(2026, 2, 21))}, false, nil},
		{"screened on the window's first day, medium", d(2010, 3, 1), []journey.Record{screen(screenedSince, "medium")}, true,
			func(r BriefingRow) bool { return r.Risk == 1 && r.ScreenedOn == screenedSince }},
		{"screened the day before the window", d(2010, 3, 1), []journey.Record{screen(screenedSince.AddDays(-1), "high")}, false, nil},
		{"screened low", d(2010, 3, 1), []journey.Record{screen(d(2026, 2, 1), "low")}, false, nil},
		{"the latest screening decides", d(2010, 3, 1), []journey.Record{screen(d(2025, 6, 1), "high"), screen(d(2026, 2, 1), "none")}, false, nil},
		{"a high risk found since a low one", d(2010, 3, 1), []journey.Record{screen(d(2025, 6, 1), "low"), screen(d(2026, 2, 1), "high")}, true,
			func(r BriefingRow) bool { return r.Risk == 2 }},
		{"MACE on the window's first day", d(2010, 3, 1), []journey.Record{mace(maceSince)}, true,
			func(r BriefingRow) bool { return r.MACE == maceSince && !r.Missing }},
		{"MACE the day before", d(2010, 3, 1), []journey.Record{mace(maceSince.AddDays(-1))}, false, nil},
		{"in care", d(2010, 3, 1), []journey.Record{episode(d(2025, 1, 1), civil.Date{}), mace(d(2026, 1, 1))}, true,
			func(r BriefingRow) bool { return r.InCare }},
		{"care ended yesterday", d(2010, 3, 1), []journey.Record{episode(d(2025, 1, 1), today.AddDays(-1)), mace(d(2026, 1, 1))}, true,
			func(r BriefingRow) bool { return !r.InCare }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			row, listed := briefingRow(store.PersonSummary{ID: 1, GivenName: "A", FamilyName: "B", DateOfBirth: tc.dob}, tc.records, now, screenedSince, maceSince)
			if listed != tc.listed {
				t.Fatalf("listed %v, want %v: %+v", listed, tc.listed, row)
			}
			if tc.check != nil && !tc.check(row) {
				t.Errorf("row %+v", row)
			}
		})
	}
}
