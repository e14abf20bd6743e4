package indicators

import (
	"slices"
	"testing"

	"hearth/internal/people"
)

func TestCLACount(t *testing.T) {
	a := kid(1, "2010-01-01")
	a.inCare("2022-01-01", "")
	b := kid(2, "2010-01-01")
	b.inCare("2022-01-01", "2023-03-31") // ceased on the date: not looked after on it
	c := kid(3, "2010-01-01")
	c.episode(ep{start: "2022-01-01", ls: "V4", place: "U6", rne: "S"}) // short breaks
	d := kid(4, "2010-01-01")
	d.episode(ep{start: "2022-01-01", end: "2022-06-01", place: "U6", rne: "S", rec: "X1"})
	d.episode(ep{start: "2022-06-01", place: "U4", rne: "P"}) // two episodes: once
	e := kid(5, "2010-01-01")
	e.episode(ep{start: "2022-01-01", end: "2023-03-01", place: "U6", rne: "S", rec: "X1"}) // successor not yet recorded
	f := kid(6, "2010-01-01")
	f.inCare("2023-04-01", "") // after the date
	g := kid(7, "2010-01-01")
	g.episode(ep{start: "2022-01-01", end: "2022-05-01", ls: "V3", place: "U6", rne: "S", rec: "X1"})
	g.episode(ep{start: "2022-05-01", ls: "C2", place: "U6", rne: "L"}) // short breaks, then a care order
	h := kid(8, "2010-01-01")
	h.inCare("2023-03-31", "") // came into care on the date
	all := kids(a, b, c, d, e, f, g, h)
	runCases(t, "cla_count", []tc{
		{name: "at 31 March", at: "2023-03-31", children: all, want: val(5), num: []people.ID{1, 4, 5, 7, 8}},
		{name: "the day before, b is still in care and h not yet", at: "2023-03-30", children: all, want: val(5), num: []people.ID{1, 2, 4, 5, 7}},
	})
	runCases(t, "cla_rate", []tc{
		{name: "per 10,000", at: "2023-03-31", children: all, want: val(5), num: []people.ID{1, 4, 5, 7, 8}},
	})
}

func TestCLAStartsRate(t *testing.T) {
	a := kid(1, "2010-01-01")
	a.inCare("2022-04-01", "") // the first day of the year
	b := kid(2, "2010-01-01")
	b.inCare("2022-05-01", "2022-06-01")
	b.inCare("2022-09-01", "") // two periods in the year: once
	c := kid(3, "2010-01-01")
	c.episode(ep{start: "2022-05-01", ls: "V3", place: "U6", rne: "S"}) // short breaks alone
	d := kid(4, "2010-01-01")
	d.inCare("2022-03-31", "") // the year before
	runCases(t, "cla_starts_rate", []tc{
		{name: "the year to 31 March", at: "2023-03-31", children: kids(a, b, c, d), want: val(2), num: []people.ID{1, 2}},
	})
}

func TestCeasedAdoption(t *testing.T) {
	ceased := func(id people.ID, rec string) *cb {
		k := kid(id, "2015-01-01")
		k.episode(ep{start: "2020-01-01", end: "2022-12-01", place: "U6", rne: "S", rec: rec})
		return k
	}
	a, b, c := ceased(1, "E11"), ceased(2, "E12"), ceased(3, "E4A")
	d := kid(4, "2015-01-01")
	d.inCare("2021-01-01", "2022-05-01")
	d.episode(ep{start: "2022-07-01", end: "2023-03-31", place: "A6", provider: "PR1", rne: "S", rec: "E11"}) // ceased twice; the last is adoption
	e := kid(5, "2015-01-01")
	e.episode(ep{start: "2022-05-01", end: "2022-06-01", ls: "V3", place: "U6", rne: "S", rec: "E8"}) // short breaks
	f := kid(6, "2015-01-01")
	f.episode(ep{start: "2020-01-01", end: "2022-12-01", place: "U6", rne: "S", rec: "X1"})
	f.episode(ep{start: "2022-12-01", place: "U4", rne: "P"}) // a move, not an end
	runCases(t, "ceased_adoption", []tc{
		{name: "E11 and E12", at: "2023-03-31", children: kids(a, b, c, d, e, f), want: val(75), num: []people.ID{1, 2, 4}, den: []people.ID{1, 2, 3, 4}},
		{name: "none ceased", at: "2020-03-31", children: kids(a), want: nil},
	})
}

func TestSTStability(t *testing.T) {
	a := kid(1, "2010-01-01")
	a.inCare("2020-01-01", "")
	b := kid(2, "2010-01-01") // three placements in the year
	b.episode(ep{start: "2021-01-01", end: "2022-06-01", place: "U6", rne: "S", rec: "X1", household: 1})
	b.episode(ep{start: "2022-06-01", end: "2022-12-01", place: "U6", rne: "P", rec: "X1", household: 2})
	b.episode(ep{start: "2022-12-01", place: "U6", rne: "P", household: 3})
	c := kid(3, "2010-01-01") // the first placement ended on the year's first day
	c.episode(ep{start: "2022-01-01", end: "2022-04-01", place: "U6", rne: "S", rec: "X1", household: 1})
	c.episode(ep{start: "2022-04-01", end: "2022-10-01", place: "U6", rne: "P", rec: "X1", household: 2})
	c.episode(ep{start: "2022-10-01", place: "U6", rne: "P", household: 3})
	d := kid(4, "2010-01-01") // a spell in hospital and back: one placement, then a move
	d.episode(ep{start: "2021-01-01", end: "2022-06-01", place: "U6", rne: "S", rec: "X1", household: 1})
	d.episode(ep{start: "2022-06-01", end: "2022-06-10", place: "T1", provider: "", rne: "P", rec: "X1"})
	d.episode(ep{start: "2022-06-10", end: "2022-09-01", place: "U6", rne: "P", rec: "X1", household: 1})
	d.episode(ep{start: "2022-09-01", place: "U6", rne: "P", household: 2})
	e := kid(5, "2010-01-01") // legal status changes only
	e.episode(ep{start: "2021-01-01", end: "2022-06-01", ls: "V2", place: "U6", rne: "S", rec: "X1"})
	e.episode(ep{start: "2022-06-01", end: "2022-09-01", ls: "C1", place: "U6", rne: "L", rec: "X1"})
	e.episode(ep{start: "2022-09-01", ls: "C2", place: "U6", rne: "L"})
	f := kid(6, "2010-01-01")
	f.inCare("2020-01-01", "2023-03-01") // not in care at the date
	runCases(t, "st_stability", []tc{
		{name: "fewer than three placements", at: "2023-03-31", children: kids(a, b, c, d, e, f), want: val(80),
			num: []people.ID{1, 3, 4, 5}, den: []people.ID{1, 2, 3, 4, 5}},
	})
}

func TestLTStability(t *testing.T) {
	// At 31 March 2023: looked after since 30 September 2020 at the
	// latest (2.5 years), in the placement since 31 March 2021 (2 years).
	a := kid(1, "2010-01-01")
	a.inCare("2020-09-30", "")
	b := kid(2, "2010-01-01")
	b.inCare("2020-10-01", "") // a day short of 2.5 years: not in the cohort
	mover := func(id people.ID, dob, moved, place string) *cb {
		k := kid(id, dob)
		k.episode(ep{start: "2019-01-01", end: moved, place: "U6", rne: "S", rec: "X1", household: 1})
		k.episode(ep{start: moved, place: place, rne: "P", household: 2})
		return k
	}
	c := mover(3, "2010-01-01", "2021-04-01", "U6") // a day short of 2 years
	d := mover(4, "2010-01-01", "2021-03-31", "U6") // 2 years
	e := mover(5, "2010-01-01", "2022-06-01", "A6") // placed for adoption; with the placement before, since 2019
	f := kid(6, "2010-01-01")                       // placed for adoption; the placement before only since June 2021
	f.episode(ep{start: "2019-01-01", end: "2021-06-01", place: "U6", rne: "S", rec: "X1", household: 1})
	f.episode(ep{start: "2021-06-01", end: "2022-06-01", place: "U6", rne: "P", rec: "X1", household: 2})
	f.episode(ep{start: "2022-06-01", place: "A6", rne: "P", household: 3})
	g := kid(7, "2007-03-31") // 16 on the date
	g.inCare("2019-01-01", "")
	h := kid(8, "2007-04-01") // 16 tomorrow
	h.inCare("2019-01-01", "")
	i := kid(9, "2010-01-01")
	i.episode(ep{start: "2019-01-01", ls: "V4", place: "U6", rne: "S"}) // short breaks
	runCases(t, "lt_stability", []tc{
		{name: "2.5 years in care, 2 in the placement", at: "2023-03-31", children: kids(a, b, c, d, e, f, g, h, i), want: val(66.7),
			num: []people.ID{1, 4, 5, 8}, den: []people.ID{1, 3, 4, 5, 6, 8}},
	})
	// Born on 29 February 2004: 16 on 29 February 2020, a leap year, so
	// still 15 on the 28th.
	j := kid(10, "2004-02-29")
	j.inCare("2015-01-01", "")
	runCases(t, "lt_stability", []tc{
		{name: "leap-day birthday, the day before", at: "2020-02-28", children: kids(j), want: val(100), num: []people.ID{10}},
		{name: "leap-day birthday, on it", at: "2020-02-29", children: kids(j), want: nil},
	})
	// Born 29 February 2008: 16 on 29 February 2024, so 15 on the 28th.
	k := kid(11, "2008-02-29")
	k.inCare("2015-01-01", "")
	runCases(t, "lt_stability", []tc{
		{name: "leap-day birthday in a leap year", at: "2024-02-28", children: kids(k), want: val(100), num: []people.ID{11}},
	})
}

func TestCLAVisitsInTime(t *testing.T) {
	at := "2023-03-31"
	a := kid(1, "2010-01-01")
	a.inCare("2022-01-01", "")
	a.visit("2023-02-17", true) // 42 days before
	b := kid(2, "2010-01-01")
	b.inCare("2022-01-01", "")
	b.visit("2023-02-16", true) // 43
	c := kid(3, "2010-01-01")   // long-term stable after the first year: 12 weeks
	c.episode(ep{start: "2021-01-01", place: "U4", rne: "S", stable: true})
	c.visit("2023-01-06", true)
	d := kid(4, "2010-01-01") // stable, but the placement's first year is not over
	d.episode(ep{start: "2022-06-01", place: "U4", rne: "S", stable: true})
	d.visit("2023-01-06", true)
	e := kid(5, "2010-01-01") // moved 6 days ago, not seen there yet
	e.episode(ep{start: "2021-01-01", end: "2023-03-25", place: "U6", rne: "S", rec: "X1", household: 1})
	e.episode(ep{start: "2023-03-25", place: "U6", rne: "P", household: 2})
	e.visit("2023-03-01", true)
	f := kid(6, "2010-01-01") // moved 11 days ago, last seen the day before the move
	f.episode(ep{start: "2021-01-01", end: "2023-03-20", place: "U6", rne: "S", rec: "X1", household: 1})
	f.episode(ep{start: "2023-03-20", place: "U6", rne: "P", household: 2})
	f.visit("2023-03-19", true)
	runCases(t, "cla_visits_in_time", []tc{
		{name: "6 weeks, 12 when stable, a week after a move", at: at, children: kids(a, b, c, d, e, f), want: val(50),
			num: []people.ID{1, 3, 5}, den: []people.ID{1, 2, 3, 4, 5, 6}},
	})
}

func TestCLAReviewsInTime(t *testing.T) {
	// Into care Monday 3 April 2023. Twenty working days, with Good Friday,
	// Easter Monday and the early May bank holiday not counted, end on
	// Thursday 4 May.
	a := kid(1, "2010-01-01")
	a.inCare("2023-04-03", "")
	a.careReview("2023-05-04") // on time
	a.careReview("2023-08-10") // second due 4 August: late
	a.careReview("2024-02-01") // third due 10 February (6 months from the late one): on time
	b := kid(2, "2010-01-01")
	b.inCare("2022-01-01", "")
	b.careReview("2022-01-20")
	b.careReview("2022-04-15")
	b.careReview("2022-10-10") // the next due 10 April 2023: not held
	c := kid(3, "2010-01-01")
	c.inCare("2021-01-01", "2023-06-01") // left care before the next was due
	c.careReview("2021-01-20")
	c.careReview("2021-04-15")
	c.careReview("2022-12-10") // late; the next due 10 June 2023, after care ended
	d := kid(4, "2010-01-01")
	d.episode(ep{start: "2023-05-01", ls: "V3", place: "U6", rne: "S"}) // short breaks
	runCases(t, "cla_reviews_in_time", []tc{
		{name: "reviews due in the 12 months", at: "2024-03-31", children: kids(a, b, c, d), want: val(50),
			num: []people.ID{1, 1}, den: []people.ID{1, 1, 1, 2}},
		{name: "a review due on the date is not yet missed", at: "2023-05-04", children: kids(kid(5, "2010-01-01").withCare("2023-04-03")), want: nil},
	})
}

func (b *cb) withCare(start string) *cb { b.inCare(start, ""); return b }

func TestOC2(t *testing.T) {
	at := "2023-03-31"
	a := kid(1, "2015-01-01")
	a.inCare("2022-03-31", "") // 12 months exactly
	a.health("2022-04-01")
	a.dental("2022-03-31")
	a.sdq("2022-05-01", 12)
	a.sdq("2023-01-10", 10) // the latest counts
	b := kid(2, "2015-01-01")
	b.inCare("2020-01-01", "")
	b.health("2022-03-30") // 12 months and a day
	b.dental("2022-03-30")
	b.sdq("2022-03-30", 30)   // before the year: no score
	c := kid(3, "2019-06-01") // under 5: every 6 months
	c.inCare("2020-01-01", "")
	c.health("2022-10-01")
	d := kid(4, "2019-06-01")
	d.inCare("2020-01-01", "")
	d.health("2022-09-30")
	e := kid(5, "2006-04-01")  // 16 on the date: still in the SDQ's ages
	e.inCare("2022-04-01", "") // a day short of 12 months: not in the cohort
	f := kid(6, "2006-04-01")
	f.inCare("2020-01-01", "") // no checks at all
	f.sdq("2022-12-01", 20)
	g := kid(7, "2006-03-31") // 17: too old for the SDQ
	g.inCare("2020-01-01", "")
	g.sdq("2022-12-01", 40)
	h := kid(8, "2010-01-01")
	h.episode(ep{start: "2020-01-01", ls: "V4", place: "U6", rne: "S"}) // short breaks
	h.health("2023-01-01")
	i := kid(9, "2012-01-01")
	i.inCare("2020-01-01", "")
	i.sdqReason("2023-01-01") // no score
	all := kids(a, b, c, d, e, f, g, h, i)
	// At 29 February 2024, 12 months back is 28 February 2023: in care
	// since then is in the cohort, since 1 March is not.
	j := kid(10, "2015-01-01")
	j.inCare("2023-02-28", "")
	j.dental("2023-03-01")
	k := kid(11, "2015-01-01")
	k.inCare("2023-03-01", "")
	k.dental("2023-03-01")
	runCases(t, "dental_in_time", []tc{
		{name: "12 months to a leap day", at: "2024-02-29", children: kids(j, k), want: val(100), num: []people.ID{10}, den: []people.ID{10}},
	})
	runCases(t, "health_assessment_in_time", []tc{
		{name: "6 months under 5, 12 from 5", at: at, children: all, want: val(28.6),
			num: []people.ID{1, 3}, den: []people.ID{1, 2, 3, 4, 6, 7, 9}},
	})
	runCases(t, "dental_in_time", []tc{
		{name: "in the 12 months", at: at, children: all, want: val(14.3), num: []people.ID{1}, den: []people.ID{1, 2, 3, 4, 6, 7, 9}},
	})
	runCases(t, "sdq_average", []tc{
		{name: "aged 5 to 16 with a score", at: at, children: all, want: val(15), num: []people.ID{1, 6}, den: []people.ID{1, 2, 6, 9}},
	})
}

func TestFosterPlacements(t *testing.T) {
	mk := func(id people.ID, place, provider string) *cb {
		k := kid(id, "2012-01-01")
		k.episode(ep{start: "2022-01-01", place: place, provider: provider, rne: "S"})
		return k
	}
	all := kids(mk(1, "U1", "PR1"), mk(2, "U4", "PR1"), mk(3, "U6", "PR4"), mk(4, "U5", "PR2"), mk(5, "K2", "PR4"), mk(6, "U3", "PR4"))
	runCases(t, "foster_placements", []tc{
		{name: "by group", at: "2023-03-31", children: all, want: val(5), num: []people.ID{1, 2, 3, 4, 6}},
	})
	def, _ := Lookup("foster_placements")
	r := Compute(def, Input{Children: all}, date("2023-03-31"))
	want := map[string][]people.ID{"In-house": {1, 2}, "Agency": {3, 6}, "Other providers": {4}, "Family and friends": {1, 6}}
	if len(r.Groups) != 4 {
		t.Fatalf("groups = %v", r.Groups)
	}
	for _, g := range r.Groups {
		if got := persons(g.Numerator); show(g.Value) != show(val(float64(len(want[g.Name])))) || !slices.Equal(got, want[g.Name]) {
			t.Errorf("group %s = %s %v, want %v", g.Name, show(g.Value), got, want[g.Name])
		}
	}
}

func TestMissing(t *testing.T) {
	a := kid(1, "2008-01-01")
	a.missing("2023-03-01", "2023-03-03", "2023-03-03 20:00", "2023-03-06") // Friday 20:00 to Monday 20:00
	a.missing("2023-03-02", "2023-03-03", "2023-03-03 20:00", "2023-03-07") // a day late
	a.missing("2023-03-31", "", "", "")                                     // still missing: not ended
	b := kid(2, "2008-01-01")
	b.missing("2023-02-28", "2023-03-01", "2023-03-01 09:00", "") // no interview
	b.missing("2023-03-09", "2023-03-10", "", "2023-03-13")       // no moment of return: from its day
	// The clocks go forward on 26 March 2023: 72 hours after 23:30 on
	// Saturday 25th is 00:30 on Wednesday 29th in London.
	b.missing("2023-03-25", "2023-03-25", "2023-03-25 23:30", "2023-03-29")
	runCases(t, "missing_month", []tc{
		{name: "started in March", at: "2023-03-31", children: kids(a, b), want: val(5), num: []people.ID{1, 1, 1, 2, 2}},
	})
	runCases(t, "rhi_72h", []tc{
		{name: "72 hours", at: "2023-03-31", children: kids(a, b), want: val(60), num: []people.ID{1, 2, 2}, den: []people.ID{1, 1, 2, 2, 2}},
	})
}
