package indicators

import (
	"testing"

	"hearth/internal/journey"
	"hearth/internal/people"
)

func TestInAssessment(t *testing.T) {
	a := kid(1, "2015-01-01")
	r := a.referral("2023-03-01", "", false)
	a.assessment(r, "2023-03-01", "")           // open
	a.assessment(r, "2023-03-02", "2023-04-20") // authorised later: open too, child once
	b := kid(2, "2015-01-01")
	rb := b.referral("2023-03-01", "", false)
	b.assessment(rb, "2023-03-01", "2023-03-31") // authorised on the date: done
	c := kid(3, "2015-01-01")
	rc := c.referral("2023-04-01", "", false)
	c.assessment(rc, "2023-04-01", "") // starts after the date
	runCases(t, "in_assessment", []tc{
		{name: "started, not authorised", at: "2023-03-31", children: kids(a, b, c), want: val(1), num: []people.ID{1}},
	})
}

func TestAssessment45wd(t *testing.T) {
	// Started Friday 10 February 2023. The 45th working day after it,
	// with Good Friday (7 April) and Easter Monday (10 April) not counted,
	// is Tuesday 18 April; without them it would be Friday 14 April.
	a := kid(1, "2015-01-01")
	r := a.referral("2023-02-10", "", false)
	a.assessment(r, "2023-02-10", "2023-04-18") // 45 working days: in time
	b := kid(2, "2015-01-01")
	rb := b.referral("2023-02-10", "", false)
	b.assessment(rb, "2023-02-10", "2023-04-19") // 46: late
	c := kid(3, "2015-01-01")
	rc := c.referral("2023-03-01", "", false)
	c.assessment(rc, "2023-03-01", "") // not authorised: not counted
	d := kid(4, "2015-01-01")
	rd := d.referral("2022-01-10", "", false)
	d.assessment(rd, "2022-01-10", "2022-03-31") // authorised before the year
	runCases(t, "assessment_45wd", []tc{
		{name: "Easter inside the 45 days", at: "2024-03-31", children: kids(a, b, c, d), want: val(50),
			num: []people.ID{1}, den: []people.ID{1, 2}},
		{name: "none authorised in the year", at: "2022-03-30", children: kids(a, b, c), want: nil},
	})
}

func TestCINRateAndPlans(t *testing.T) {
	a := kid(1, "2015-01-01")
	r := a.referral("2022-05-01", "2023-03-31", false) // closed on the date: open on it
	a.plan(journey.KindCINPlan, r, "2022-06-01", "2023-03-31")
	a.referral("2023-03-31", "", false) // a new one the same day: the child once
	b := kid(2, "2015-01-01")
	b.referral("2023-03-31", "2023-03-31", true) // NFA: not a child in need
	c := kid(3, "2015-01-01")
	c.referral("2022-05-01", "2023-03-30", false) // closed the day before
	d := kid(4, "2015-01-01")
	rd := d.referral("2021-01-01", "", false) // open, no end, on a CP plan: counted
	d.plan(journey.KindCPPlan, rd, "2021-02-01", "")
	runCases(t, "cin_rate", []tc{
		{name: "open on the date, NFA out", at: "2023-03-31", children: kids(a, b, c, d), want: val(2), num: []people.ID{1, 4}},
	})
	runCases(t, "cin_plans", []tc{
		{name: "plan ending on the date is open", at: "2023-03-31", children: kids(a, b, c, d), want: val(1), num: []people.ID{1}},
		{name: "the day after", at: "2023-04-01", children: kids(a, b, c, d), want: val(0)},
	})
}

func TestCINVisitsInTime(t *testing.T) {
	plan := func(id people.ID, start string) *cb {
		k := kid(id, "2015-01-01")
		r := k.referral("2022-01-01", "", false)
		k.plan(journey.KindCINPlan, r, start, "")
		return k
	}
	a := plan(1, "2022-06-01")
	a.visit("2023-03-03", true) // 28 days before 31 March: in time
	b := plan(2, "2022-06-01")
	b.visit("2023-03-02", true)  // 29 days: late
	b.visit("2023-03-20", false) // not seen: does not count
	c := plan(3, "2023-03-04")   // started 27 days ago, not yet seen
	d := plan(4, "2023-03-03")   // started 28 days ago, not seen: late
	e := plan(5, "2022-06-01")
	e.visit("2023-04-01", true) // after the date
	runCases(t, "cin_visits_in_time", []tc{
		{name: "4 weeks", at: "2023-03-31", children: kids(a, b, c, d, e), want: val(40), num: []people.ID{1, 3}, den: []people.ID{1, 2, 3, 4, 5}},
	})
	// The council's own interval.
	def, _ := Lookup("cin_visits_in_time")
	s := DefaultSettings()
	s.CINVisitDays = 14
	if r := Compute(def, Input{Children: kids(a, b, c), Settings: s}, date("2023-03-31")); show(r.Value) != "0" {
		t.Errorf("14 days: value %s, want 0", show(r.Value))
	}
}

func TestS47(t *testing.T) {
	a := kid(1, "2015-01-01")
	r := a.referral("2022-05-01", "", false)
	sd := a.strategy(r, "2022-05-02")
	s := a.s47(r, sd, "2022-05-02", "2022-05-10", "icpc")
	a.icpc(r, s, "2022-05-20", false)
	a.s47(r, 0, "2023-01-01", "2023-01-20", "cin")
	b := kid(2, "2015-01-01")
	rb := b.referral("2022-03-01", "", false)
	b.s47(rb, 0, "2022-03-31", "", "")     // the day before the 12 months
	b.s47(rb, 0, "2023-03-31", "", "icpc") // outcome to hold a conference, not yet held
	runCases(t, "s47_12m", []tc{
		{name: "12 months", at: "2023-03-31", children: kids(a, b), want: val(3), num: []people.ID{1, 1, 2}},
	})
	runCases(t, "s47_to_icpc", []tc{
		{name: "conference held or decided", at: "2023-03-31", children: kids(a, b), want: val(66.7),
			num: []people.ID{1, 2}, den: []people.ID{1, 1, 2}},
	})
}

func TestICPC15wd(t *testing.T) {
	// Strategy discussion Thursday 20 April 2023. Fifteen working days,
	// with the early May bank holiday (1 May) and the coronation (8 May)
	// not counted, end on Monday 15 May.
	mk := func(id people.ID, strategy, s47start, held string, transfer bool) *cb {
		k := kid(id, "2015-01-01")
		r := k.referral("2023-04-19", "", false)
		var sd journey.ID
		if strategy != "" {
			sd = k.strategy(r, strategy)
		}
		s := k.s47(r, sd, s47start, "", "icpc")
		k.icpc(r, s, held, transfer)
		return k
	}
	a := mk(1, "2023-04-20", "2023-04-21", "2023-05-15", false) // 15 working days from the strategy discussion
	b := mk(2, "2023-04-20", "2023-04-20", "2023-05-16", false) // 16: late
	c := mk(3, "", "2023-04-20", "2023-05-15", false)           // no strategy discussion: from the S47's start
	d := mk(4, "2023-04-20", "2023-04-20", "2023-05-15", true)  // a transfer in: left out
	e := kid(5, "2015-01-01")
	re := e.referral("2023-04-19", "", false)
	e.icpc(re, 0, "2023-05-02", false) // no enquiry recorded: cannot be timed
	runCases(t, "icpc_15wd", []tc{
		{name: "two bank holidays in May", at: "2024-03-31", children: kids(a, b, c, d, e), want: val(66.7),
			num: []people.ID{1, 3}, den: []people.ID{1, 2, 3}},
	})
}

func TestCPRate(t *testing.T) {
	a := kid(1, "2015-01-01")
	r := a.referral("2022-01-01", "", false)
	a.plan(journey.KindCPPlan, r, "2022-01-10", "2023-03-31") // ends on the date: open
	b := kid(2, "2015-01-01")
	rb := b.referral("2022-01-01", "", false)
	b.plan(journey.KindCPPlan, rb, "2023-04-01", "") // starts after
	runCases(t, "cp_rate", []tc{
		{name: "per 10,000", at: "2023-03-31", children: kids(a, b), want: val(1), num: []people.ID{1}},
	})
}

func TestCPRepeats(t *testing.T) {
	a := kid(1, "2010-01-01")
	r := a.referral("2019-01-01", "", false)
	a.plan(journey.KindCPPlan, r, "2019-01-10", "2021-01-10")
	a.plan(journey.KindCPPlan, r, "2023-01-10", "") // previous ended exactly 2 years before
	b := kid(2, "2010-01-01")
	rb := b.referral("2019-01-01", "", false)
	b.plan(journey.KindCPPlan, rb, "2019-01-10", "2021-01-09")
	b.plan(journey.KindCPPlan, rb, "2023-01-10", "") // 2 years and a day: a repeat ever, not within 2 years
	c := kid(3, "2010-01-01")
	rc := c.referral("2022-06-01", "", false)
	c.plan(journey.KindCPPlan, rc, "2022-06-10", "") // a first plan
	d := kid(4, "2010-01-01")
	rd := d.referral("2022-04-01", "", false)
	d.plan(journey.KindCPPlan, rd, "2022-04-10", "2022-08-01")
	d.plan(journey.KindCPPlan, rd, "2022-10-01", "") // both in the year: the second is a repeat
	runCases(t, "cp_repeat_2y", []tc{
		{name: "within 2 years to the day", at: "2023-03-31", children: kids(a, b, c, d), want: val(40),
			num: []people.ID{1, 4}, den: []people.ID{1, 2, 3, 4, 4}},
	})
	runCases(t, "cp_repeat_ever", []tc{
		{name: "any plan before", at: "2023-03-31", children: kids(a, b, c, d), want: val(60),
			num: []people.ID{1, 2, 4}, den: []people.ID{1, 2, 3, 4, 4}},
		{name: "no plans started", at: "2018-03-31", children: kids(a), want: nil},
	})
}

func TestCP2yPlus(t *testing.T) {
	a := kid(1, "2010-01-01")
	r := a.referral("2020-01-01", "", false)
	a.plan(journey.KindCPPlan, r, "2021-02-28", "2023-02-28") // 2 years exactly
	b := kid(2, "2010-01-01")
	rb := b.referral("2020-01-01", "", false)
	b.plan(journey.KindCPPlan, rb, "2021-03-01", "2023-02-28") // a day short
	c := kid(3, "2010-01-01")
	rc := c.referral("2020-01-01", "", false)
	c.plan(journey.KindCPPlan, rc, "2020-01-01", "") // open: not ended
	// A plan from 29 February 2020 lasts 2 years on 28 February 2022.
	d := kid(4, "2010-01-01")
	rd := d.referral("2020-01-01", "", false)
	d.plan(journey.KindCPPlan, rd, "2020-02-29", "2022-02-28")
	runCases(t, "cp_2y_plus", []tc{
		{name: "ended in the year", at: "2023-03-31", children: kids(a, b, c), want: val(50), num: []people.ID{1}, den: []people.ID{1, 2}},
		{name: "leap day start", at: "2022-03-31", children: kids(d), want: val(100), num: []people.ID{4}},
	})
}

func TestCPReviewsInTime(t *testing.T) {
	mk := func(id people.ID, start string, reviews ...string) *cb {
		k := kid(id, "2012-01-01")
		r := k.referral("2021-01-01", "", false)
		p := k.plan(journey.KindCPPlan, r, start, "")
		for _, d := range reviews {
			k.cpReview(p, d)
		}
		return k
	}
	a := mk(1, "2022-06-15", "2022-09-15", "2023-03-15")               // 3 months to the day, then 6
	b := mk(2, "2022-06-15", "2022-09-16", "2023-03-10")               // first a day late
	c := mk(3, "2022-06-15", "2022-09-15")                             // second due 15 March, overdue at 31 March
	d := mk(4, "2023-01-01")                                           // under 3 months: not in the cohort
	e := mk(5, "2022-12-31")                                           // exactly 3 months: in, first review due on the date, not overdue
	f := mk(6, "2022-06-15", "2022-09-15", "2023-03-15", "2023-04-01") // a review after the date is not read
	// A review of an earlier plan is not this plan's.
	g := kid(7, "2012-01-01")
	rg := g.referral("2021-01-01", "", false)
	old := g.plan(journey.KindCPPlan, rg, "2021-01-10", "2022-01-10")
	g.cpReview(old, "2021-04-01")
	g.plan(journey.KindCPPlan, rg, "2022-11-01", "") // first due 1 February: none held
	runCases(t, "cp_reviews_in_time", []tc{
		{name: "first in 3 months, then 6", at: "2023-03-31", children: kids(a, b, c, d, e, f, g), want: val(50),
			num: []people.ID{1, 5, 6}, den: []people.ID{1, 2, 3, 5, 6, 7}},
	})
}

func TestCPVisitsInTime(t *testing.T) {
	// At Tuesday 2 January 2024: ten working days back, with Christmas Day,
	// Boxing Day and New Year's Day not counted, is Thursday 14 December.
	mk := func(id people.ID, start string, visits ...string) *cb {
		k := kid(id, "2012-01-01")
		r := k.referral("2023-01-01", "", false)
		k.plan(journey.KindCPPlan, r, start, "")
		for _, v := range visits {
			k.visit(v, true)
		}
		return k
	}
	a := mk(1, "2023-06-01", "2023-12-14") // 10 working days before
	b := mk(2, "2023-06-01", "2023-12-13") // 11
	c := mk(3, "2023-12-15")               // plan 9 working days old, not seen yet
	d := mk(4, "2023-12-14")               // 10 working days old, not seen: late
	runCases(t, "cp_visits_in_time", []tc{
		{name: "bank holidays", at: "2024-01-02", children: kids(a, b, c, d), want: val(50), num: []people.ID{1, 3}, den: []people.ID{1, 2, 3, 4}},
	})
}
