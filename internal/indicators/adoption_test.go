package indicators

import (
	"testing"

	"hearth/internal/care"
	"hearth/internal/people"
)

// adoptions are four children adopted, or not, around the three years to
// 31 March 2023 (1 April 2020 to 31 March 2023).
func adoptions() []Child {
	// Into care 1 January 2020, with adopters 1 January 2021 (366 days:
	// 2020 is a leap year); placement order to match 153 days.
	a := kid(1, "2018-01-01")
	a.episode(ep{start: "2020-01-01", end: "2021-01-01", place: "U6", rne: "S", rec: "X1", household: 1})
	a.episode(ep{start: "2021-01-01", end: "2021-06-01", ls: "E1", place: "A6", rne: "B", rec: "E12"})
	a.adoption("2020-06-01", "2021-06-01", care.Adoption{PlacementOrder: date("2020-07-01"), Matched: date("2020-12-01"),
		Placed: date("2021-01-01"), Order: date("2021-06-01")})
	// Adopted by the foster carers they moved in with on 1 March 2020: A1
	// counts to the adoptive placement (731 days), A10 to the move to those
	// carers (366 days); placement order to match 123 days.
	b := kid(2, "2017-01-01")
	b.episode(ep{start: "2019-03-01", end: "2020-03-01", place: "U6", rne: "S", rec: "X1", household: 1})
	b.episode(ep{start: "2020-03-01", end: "2020-09-01", place: "U6", rne: "P", rec: "X1", household: 2})
	b.episode(ep{start: "2020-09-01", end: "2021-03-01", ls: "E1", place: "U6", rne: "L", rec: "X1", household: 2})
	b.episode(ep{start: "2021-03-01", end: "2022-03-01", ls: "E1", place: "A5", rne: "T", rec: "E11", household: 2})
	b.adoption("2020-04-01", "2022-03-01", care.Adoption{PlacementOrder: date("2020-10-01"), Matched: date("2021-02-01"),
		Placed: date("2021-03-01"), Order: date("2022-03-01"), FosterCarers: true})
	// Adopted the day before the three years.
	c := kid(3, "2016-01-01")
	c.episode(ep{start: "2018-01-01", end: "2020-03-31", place: "A6", rne: "S", rec: "E11"})
	c.adoption("2018-02-01", "2020-03-31", care.Adoption{PlacementOrder: date("2018-03-01"), Matched: date("2018-04-01"),
		Placed: date("2018-05-01"), Order: date("2020-03-31")})
	// Adopted on the date; no day placed recorded, so the first placement
	// for adoption is used (365 days); no placement order or match
	// recorded, so A2 cannot time it.
	d := kid(4, "2019-01-01")
	d.episode(ep{start: "2021-01-01", end: "2022-01-01", place: "U6", rne: "S", rec: "X1"})
	d.episode(ep{start: "2022-01-01", end: "2023-03-31", place: "A4", rne: "P", rec: "E11"})
	d.adoption("2021-06-01", "2023-03-31", care.Adoption{Order: date("2023-03-31")})
	// A plan for adoption still open: not adopted.
	e := kid(5, "2019-01-01")
	e.inCare("2021-01-01", "")
	e.adoption("2021-06-01", "", care.Adoption{PlacementOrder: date("2021-07-01")})
	return kids(a, b, c, d, e)
}

func TestAdoption(t *testing.T) {
	runCases(t, "a1", []tc{
		{name: "three years", at: "2023-03-31", children: adoptions(), want: val(487), num: []people.ID{1, 2, 4}}, // (366+731+365)/3
		{name: "none adopted", at: "2019-03-31", children: adoptions(), want: nil},
	})
	runCases(t, "a10", []tc{
		{name: "foster carers' adoption from the move to them", at: "2023-03-31", children: adoptions(), want: val(366), num: []people.ID{1, 2, 4}}, // (366+366+365)/3
	})
	runCases(t, "a2", []tc{
		{name: "order to match", at: "2023-03-31", children: adoptions(), want: val(138), num: []people.ID{1, 2}}, // (153+123)/2
	})
	runCases(t, "adoption_orders", []tc{
		{name: "the year", at: "2023-03-31", children: adoptions(), want: val(1), num: []people.ID{4}},
	})
	// A single year when asked.
	def, _ := Lookup("a1")
	s := DefaultSettings()
	s.AdoptionYears = 1
	r := Compute(def, Input{Children: adoptions(), Settings: s}, date("2023-03-31"))
	if show(r.Value) != "365" || r.From != date("2022-04-01") {
		t.Errorf("single year: %s from %s, want 365 from 2022-04-01", show(r.Value), r.From)
	}
}
