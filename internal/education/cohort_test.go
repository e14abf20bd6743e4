package education

import (
	"testing"
	"time"

	"hearth/internal/civil"
)

func TestCohortReport(t *testing.T) {
	d := func(y int, m time.Month, day int) civil.Date { return civil.MustNew(y, m, day) }
	at := d(2023, time.January, 31)
	autumn := Period{From: d(2022, time.September, 5), To: d(2022, time.December, 16)}
	term := func(p Period, possible, attended, unauth int) Period {
		p.Summary = Attendance{Possible: possible, Attended: attended, Unauthorised: unauth, Authorised: possible - attended - unauth}
		return p
	}
	pupils := []Pupil{
		// 1: in care and on a CP plan: counts as looked after; exactly 10%
		// missed is persistent absence; a plan open; suspended twice this
		// year and once last year.
		{PersonID: 1, DateOfBirth: d(2010, time.March, 3), Kinds: []string{"child_protection", "looked_after"},
			Periods: []Period{term(autumn, 100, 90, 5), term(Period{From: d(2022, time.March, 1), To: d(2022, time.April, 1)}, 50, 0, 50)},
			Records: []Record{
				{Kind: KindEHCPlan, Start: d(2020, time.May, 1), EHCPlan: &EHCPlan{Issued: d(2020, time.May, 1)}},
				{Kind: KindExclusion, Start: d(2022, time.October, 3), Exclusion: &SchoolExclusion{Exclusion: Exclusion{Category: Suspension, Start: d(2022, time.October, 3)}}},
				{Kind: KindExclusion, Start: d(2023, time.January, 9), Exclusion: &SchoolExclusion{Exclusion: Exclusion{Category: Suspension, Start: d(2023, time.January, 9)}}},
				{Kind: KindExclusion, Start: d(2022, time.June, 9), Exclusion: &SchoolExclusion{Exclusion: Exclusion{Category: Suspension, Start: d(2022, time.June, 9)}}},
			}},
		// 2: child in need, 9.9% missed: not persistently absent; the
		// spring term has not ended by the day, so it is not counted.
		{PersonID: 2, DateOfBirth: d(2016, time.August, 31), Kinds: []string{"child_in_need"},
			Periods: []Period{term(autumn, 1000, 901, 0), term(Period{From: d(2023, time.January, 3), To: d(2023, time.March, 31)}, 100, 0, 100)}},
		// 3: no attendance recorded; home educated; born 31 August 2018,
		// so in reception in 2022-23.
		{PersonID: 3, DateOfBirth: d(2018, time.August, 31), Kinds: []string{"child_in_need"},
			Records: []Record{{Kind: KindEHE, Start: d(2022, time.November, 1), EHE: &EHE{From: d(2022, time.November, 1)}}}},
		// 6: born 1 September 2018, a day too young for reception in
		// 2022-23; 7: in year 12, past school age; 8: no social worker.
		{PersonID: 6, DateOfBirth: d(2018, time.September, 1), Kinds: []string{"child_in_need"}},
		{PersonID: 7, DateOfBirth: d(2006, time.August, 31), Kinds: []string{"child_in_need"}},
		{PersonID: 8, DateOfBirth: d(2012, time.May, 5)},
		{PersonID: 9, Kinds: []string{"child_in_need"}}, // no date of birth
	}
	r := CohortReportOn(at, pupils)
	if r.YearFrom != d(2022, time.September, 1) {
		t.Errorf("year from %s", r.YearFrom)
	}
	cell := func(key string) CohortFigure {
		f, ok := r.Figure(key)
		if !ok {
			t.Fatalf("no figure %s", key)
		}
		return f
	}
	ids := func(f CohortFigure) []int {
		var out []int
		for _, e := range f.Children {
			out = append(out, int(e.PersonID))
		}
		return out
	}
	for _, c := range []struct {
		key       string
		count, of int
		per       int
		children  []int
	}{
		{"cohort", 3, 0, 0, []int{1, 2, 3}},
		{"attendance_recorded", 2, 3, 667, []int{1, 2}},
		{"attendance_rate", 991, 1100, 901, []int{1, 2}},
		{"persistent_absence", 1, 2, 500, []int{1}},
		{"severe_absence", 0, 2, 0, nil},
		{"ehc_plan", 1, 3, 333, []int{1}},
		{"suspended", 1, 3, 333, []int{1}},
		{"permanently_excluded", 0, 3, 0, nil},
		{"home_educated", 1, 3, 333, []int{3}},
	} {
		f := cell(c.key)
		if f.All.Count != c.count || f.All.Of != c.of || f.All.PerThousand != c.per {
			t.Errorf("%s: %d of %d (%d‰), want %d of %d (%d‰)", c.key, f.All.Count, f.All.Of, f.All.PerThousand, c.count, c.of, c.per)
		}
		if got := ids(f); len(got) != len(c.children) || len(got) > 0 && got[0] != c.children[0] {
			t.Errorf("%s: children %v, want %v", c.key, got, c.children)
		}
	}
	if s := cell("suspended").Children[0]; s.Group != GroupLookedAfter || s.Detail != "2 suspensions this school year, the latest on 9 January 2023" {
		t.Errorf("suspended: %+v", s)
	}
	if g := cell("cohort").Groups; g[GroupLookedAfter].Count != 1 || g[GroupChildInNeed].Count != 2 || g[GroupChildProtection].Count != 0 {
		t.Errorf("cohort by group: %+v", g)
	}
	if g := cell("persistent_absence").Groups[GroupChildInNeed]; g.Count != 0 || g.Of != 1 || !g.HasValue {
		t.Errorf("persistent absence, children in need: %+v", g)
	}
	// A day with no child: every figure empty, no value.
	empty := CohortReportOn(at, nil)
	if f, _ := empty.Figure("attendance_rate"); f.All.HasValue || len(f.Children) != 0 {
		t.Errorf("an empty report: %+v", f)
	}
}
