package indicators

import (
	"slices"
	"testing"

	"hearth/internal/people"
)

// seedEstablishment is shared/domain/workforce-2023.csv, the seed council's
// social work establishment on 30 March 2023, as its table gives it. The
// case-holding posts are the social workers' (not their managers').
func seedEstablishment() []Position {
	return []Position{
		{Name: "Advanced Practitioner", Budgeted: 5.50, Permanent: 4.50, Vacant: 1.00, Agency: 0, CaseHolding: true},
		{Name: "Consultant Social Worker", Budgeted: 1.00, Permanent: 1.00, Vacant: 0, Agency: 0},
		{Name: "Newly Qualified Social Worker", Budgeted: 13.00, Permanent: 12.50, Vacant: 0.50, Agency: 0, CaseHolding: true},
		{Name: "Senior Social Worker", Budgeted: 31.00, Permanent: 26.00, Vacant: 5.00, Agency: 3.0, CaseHolding: true},
		{Name: "Service Manager", Budgeted: 8.00, Permanent: 8.00, Vacant: 0, Agency: 0},
		{Name: "Social Worker", Budgeted: 148.87, Permanent: 109.81, Vacant: 39.05, Agency: 19.0, CaseHolding: true},
		{Name: "Team Manager", Budgeted: 21.00, Permanent: 20.00, Vacant: 1.00, Agency: 1.0},
	}
}

// seedLeavers are leavers whose FTE in the 12 months to 30 March 2023 sums
// to 23.41, as the published turnover needs, and two outside those months.
func seedLeavers() []Leaver {
	ls := []Leaver{
		{Ref: "L0", Position: "Social Worker", Left: date("2022-03-30"), FTE: 1},  // the day before the 12 months
		{Ref: "L99", Position: "Social Worker", Left: date("2023-03-31"), FTE: 1}, // the day after
	}
	// 20 full-time leavers, 4 at 0.6, and one at 1.01: 20 + 2.4 + 1.01.
	day := date("2022-03-31") // the first day of the 12 months
	for i := range 25 {
		fte := 1.0
		switch {
		case i >= 20 && i < 24:
			fte = 0.6
		case i == 24:
			fte, day = 1.01, date("2023-03-30") // the last day of them
		}
		ls = append(ls, Leaver{Ref: "L" + string(rune('A'+i)), Position: "Social Worker", Left: day, FTE: fte})
		day = day.AddDays(13)
	}
	return ls
}

func TestWorkforce(t *testing.T) {
	in := Input{Workforce: Workforce{Positions: seedEstablishment(), Leavers: seedLeavers()}}
	at := date("2023-03-30")
	for id, want := range map[string]string{"vacancy_rate": "20.4", "agency_rate": "11.2", "turnover_rate": "12.9"} {
		def, _ := Lookup(id)
		r := Compute(def, in, at)
		if show(r.Value) != want {
			t.Errorf("%s = %s, want the published %s (numerator %.2f FTE, denominator %.2f)", id, show(r.Value), want, tallyOf(r.Numerator).sum, tallyOf(r.Denominator).sum)
		}
		checkAgrees(t, def, r)
	}
	def, _ := Lookup("turnover_rate")
	r := Compute(def, in, at)
	if got := tallyOf(r.Numerator).sum; got < 23.405 || got > 23.415 || len(r.Numerator) != 25 {
		t.Errorf("turnover numerator = %.4f FTE in %d leavers, want 23.41 in 25", got, len(r.Numerator))
	}
	if got := tallyOf(r.Denominator).sum; got < 181.805 || got > 181.815 {
		t.Errorf("turnover denominator = %.4f FTE, want 181.81", got)
	}
	// No establishment: no rates.
	for _, id := range []string{"vacancy_rate", "agency_rate", "turnover_rate", "caseload_average"} {
		def, _ := Lookup(id)
		if r := Compute(def, Input{}, at); r.Value != nil {
			t.Errorf("%s with no establishment = %s, want none", id, show(r.Value))
		}
	}
}

func TestCaseloadAverage(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.allocation("2023-01-01", "2023-03-31", 10) // ends on the date: still allocated
	a.allocation("2023-03-31", "", 11)           // and the next from the same day: the child once
	b := kid(2, "2015-01-01")
	b.allocation("2023-01-01", "2023-03-30", 10) // ended the day before
	c := kid(3, "2015-01-01")
	c.allocation("2023-01-01", "", 0) // to a team, no worker
	d := kid(4, "2015-01-01")
	d.allocation("2022-01-01", "", 12)
	e := kid(5, "2015-01-01")
	e.allocation("2023-02-01", "", 12)
	positions := []Position{
		{Name: "Social Worker", Budgeted: 2, Permanent: 1.5, Agency: 0.5, CaseHolding: true},
		{Name: "Team Manager", Budgeted: 1, Permanent: 1},
	}
	def, _ := Lookup("caseload_average")
	r := Compute(def, Input{Children: kids(a, b, c, d, e), Workforce: Workforce{Positions: positions}}, date("2023-03-31"))
	if show(r.Value) != "1.5" || !slices.Equal(persons(r.Numerator), []people.ID{1, 4, 5}) {
		t.Errorf("caseload = %s of %v, want 1.5 (3 children over 2 FTE)", show(r.Value), persons(r.Numerator))
	}
	checkAgrees(t, def, r)
}

// TestSettingsComplete: a setting left zero takes its default, one set is
// kept; the council's timescales give the local ones.
func TestSettingsComplete(t *testing.T) {
	got := Settings{CINVisitDays: 14}.complete()
	want := DefaultSettings()
	want.CINVisitDays = 14
	if got != want {
		t.Errorf("complete = %+v, want %+v", got, want)
	}
	d := DefaultSettings()
	if d.ContactDecisionHours != 24 || d.SeenWorkingDays != 5 || d.CINVisitDays != 28 || d.CPVisitWorkingDays != 10 ||
		d.CareVisitDays != 42 || d.StableVisitDays != 84 || d.ReturnInterviewHours != 72 || d.RepeatCPMonths != 24 || d.AdoptionYears != 3 {
		t.Errorf("defaults = %+v", d)
	}
}
