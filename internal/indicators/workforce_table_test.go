package indicators

import (
	"slices"
	"testing"
)

// TestWorkforceRates: each clause of the workforce rates' definitions, on
// small establishments: FTE weighs, not posts; what is left out of a
// denominator; the 12 months of leavers at both ends and over a leap day;
// and no value, not 0, with nothing to divide by.
func TestWorkforceRates(t *testing.T) {
	sw := func(budgeted, permanent, vacant, agency float64) Position {
		return Position{Name: "Social Worker", Budgeted: budgeted, Permanent: permanent, Vacant: vacant, Agency: agency, CaseHolding: true}
	}
	tm := func(budgeted, permanent, vacant, agency float64) Position {
		return Position{Name: "Team Manager", Budgeted: budgeted, Permanent: permanent, Vacant: vacant, Agency: agency}
	}
	left := func(ref, day string, fte float64) Leaver {
		return Leaver{Ref: ref, Position: "Social Worker", Left: date(day), FTE: fte}
	}
	for _, c := range []struct {
		id, name  string
		at        string
		positions []Position
		leavers   []Leaver
		want      *float64
		num       []string // the entries' names, in order
	}{
		{id: "vacancy_rate", name: "part-time vacancies weigh by FTE", at: "2023-03-31",
			positions: []Position{sw(2, 1.5, 0.5, 0), tm(1.5, 1.5, 0, 0)}, want: val(14.3), num: []string{"Social Worker"}}, // 0.5 of 3.5
		{id: "vacancy_rate", name: "vacant FTE as recorded, not budgeted less permanent", at: "2023-03-31",
			positions: []Position{sw(10, 9.5, 1, 0)}, want: val(10), num: []string{"Social Worker"}},
		{id: "vacancy_rate", name: "no vacancies: 0", at: "2023-03-31",
			positions: []Position{sw(3, 3, 0, 0)}, want: val(0)},
		{id: "vacancy_rate", name: "nothing budgeted: no value", at: "2023-03-31",
			positions: []Position{sw(0, 0, 0, 1)}, want: nil},
		{id: "agency_rate", name: "agency over permanent and agency, vacancies aside", at: "2023-03-31",
			positions: []Position{sw(4, 2, 2, 1), tm(1, 1, 0, 0)}, want: val(25), num: []string{"Social Worker"}}, // 1 of 4
		{id: "agency_rate", name: "a post with no one in it is not in the denominator", at: "2023-03-31",
			positions: []Position{sw(2, 1, 1, 1), tm(1, 0, 1, 0)}, want: val(50), num: []string{"Social Worker"}},
		{id: "agency_rate", name: "no agency staff: 0", at: "2023-03-31",
			positions: []Position{sw(2, 2, 0, 0)}, want: val(0)},
		{id: "agency_rate", name: "no one in post: no value", at: "2023-03-31",
			positions: []Position{sw(2, 0, 2, 0)}, want: nil},
		{id: "turnover_rate", name: "the first and last days of the 12 months in, the days either side out", at: "2023-03-31",
			positions: []Position{sw(5, 4, 1, 0)},
			leavers:   []Leaver{left("A", "2022-03-31", 1), left("B", "2022-04-01", 1), left("C", "2023-03-31", 0.5), left("D", "2023-04-01", 1)},
			want:      val(37.5), num: []string{"Social Worker B", "Social Worker C"}}, // 1.5 of 4
		{id: "turnover_rate", name: "the 12 months to a leap day start on 1 March", at: "2024-02-29",
			positions: []Position{sw(5, 4, 1, 0)},
			leavers:   []Leaver{left("A", "2023-02-28", 1), left("B", "2023-03-01", 1), left("C", "2024-02-29", 1)},
			want:      val(50), num: []string{"Social Worker B", "Social Worker C"}},
		{id: "turnover_rate", name: "agency staff are not in the denominator", at: "2023-03-31",
			positions: []Position{sw(4, 2, 0, 2)}, leavers: []Leaver{left("A", "2022-06-30", 1)},
			want: val(50), num: []string{"Social Worker A"}},
		{id: "turnover_rate", name: "no permanent staff: no value", at: "2023-03-31",
			positions: []Position{sw(2, 0, 0, 2)}, leavers: []Leaver{left("A", "2022-06-30", 1)},
			want: nil, num: []string{"Social Worker A"}},
	} {
		t.Run(c.id+"/"+c.name, func(t *testing.T) {
			def, _ := Lookup(c.id)
			r := Compute(def, Input{Workforce: Workforce{Positions: c.positions, Leavers: c.leavers}}, date(c.at))
			if show(r.Value) != show(c.want) {
				t.Errorf("value = %s, want %s (numerator %.2f FTE, denominator %.2f)", show(r.Value), show(c.want), tallyOf(r.Numerator).sum, tallyOf(r.Denominator).sum)
			}
			var names []string
			for _, e := range r.Numerator {
				names = append(names, e.Name)
			}
			if !slices.Equal(names, c.num) {
				t.Errorf("numerator = %q, want %q", names, c.num)
			}
			checkAgrees(t, def, r)
		})
	}
}

// TestCaseloadNoCaseHolders: children allocated with no case-holding FTE
// give no caseload, not 0 or infinity; managers' FTE is not counted.
func TestCaseloadNoCaseHolders(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.allocation("2023-01-01", "", 10)
	for _, c := range []struct {
		id, name  string
		positions []Position
		want      *float64
	}{
		{id: "caseload_average", name: "managers only: no value", positions: []Position{{Name: "Team Manager", Budgeted: 1, Permanent: 1}}, want: nil},
		{id: "caseload_average", name: "a case-holding post with no one in it: no value", positions: []Position{{Name: "Social Worker", Budgeted: 1, Vacant: 1, CaseHolding: true}}, want: nil},
		{id: "caseload_average", name: "agency FTE holds cases too", positions: []Position{{Name: "Social Worker", Budgeted: 1, Agency: 0.5, CaseHolding: true}}, want: val(2)},
	} {
		t.Run(c.name, func(t *testing.T) {
			def, _ := Lookup(c.id)
			r := Compute(def, Input{Children: kids(a), Workforce: Workforce{Positions: c.positions}}, date("2023-03-31"))
			if show(r.Value) != show(c.want) || len(r.Numerator) != 1 {
				t.Errorf("caseload = %s of %d children, want %s of 1", show(r.Value), len(r.Numerator), show(c.want))
			}
			checkAgrees(t, def, r)
		})
	}
}
