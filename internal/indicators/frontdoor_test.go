package indicators

import (
	"testing"
	"time"

	"hearth/internal/journey"
	"hearth/internal/people"
)

func TestContactsMonth(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.contact("2023-03-01 09:00", "2023-03-01 12:00") // first day of March
	a.contact("2023-03-31 23:30", "")                 // last day, undecided: still received
	a.contact("2023-02-28 10:00", "2023-03-01 09:00") // February
	b := kid(2, "2016-01-01")
	b.contact("2023-03-15 10:00", "")
	runCases(t, "contacts_month", []tc{
		{name: "calendar month at its last day", at: "2023-03-31", children: kids(a, b), want: val(3), num: []people.ID{1, 1, 2}},
		{name: "month ending mid-month: 15 February to 14 March", at: "2023-03-14", children: kids(a, b), want: val(2), num: []people.ID{1, 1}},
		{name: "none", at: "2022-01-31", children: kids(a, b), want: val(0)},
	})
}

func TestContactDecision24h(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.contact("2023-03-01 09:00", "2023-03-02 09:00") // exactly 24 hours: in time
	a.contact("2023-03-06 09:00", "2023-03-07 09:01") // a minute over
	a.contact("2023-03-20 09:00", "")                 // undecided: not counted
	b := kid(2, "2016-01-01")
	b.contact("2023-02-28 18:00", "2023-03-01 08:00") // received in February, decided in March
	// Decided with no moment recorded: counted late.
	id := b.contact("2023-03-10 09:00", "2023-03-10 10:00")
	b.edit(id, func(r *journey.Record) { c := *r.Contact; c.DecidedAt = time.Time{}; r.Contact = &c })
	runCases(t, "contact_decision_24h", []tc{
		{name: "24 hours in, a minute over out, undecided left out, no time late", at: "2023-03-31", children: kids(a, b),
			want: val(50), num: []people.ID{1, 2}, den: []people.ID{1, 1, 2, 2}},
		{name: "nothing decided", at: "2023-01-31", children: kids(a, b), want: nil},
	})
}

func TestReferralRate(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.referral("2022-04-01", "2022-04-01", true) // first day of the 12 months; NFA counts
	a.referral("2023-03-31", "", false)          // the date itself
	b := kid(2, "2016-01-01")
	b.referral("2022-03-31", "", false) // the day before the 12 months
	runCases(t, "referral_rate", []tc{
		{name: "12 months to 31 March, NFA included", at: "2023-03-31", children: kids(a, b), want: val(2), num: []people.ID{1, 1}},
	})
	// Without a population there is no rate.
	def, _ := Lookup("referral_rate")
	if r := Compute(def, Input{Children: kids(a, b)}, date("2023-03-31")); r.Value != nil || len(r.Numerator) != 2 {
		t.Errorf("no population: value %s, %d referrals", show(r.Value), len(r.Numerator))
	}
	// The population of the date's year, else the latest before it.
	in := Input{Population: []PopulationYear{{2021, 100}, {2022, 200}, {2024, 400}}}
	for at, want := range map[string]int{"2023-03-31": 200, "2024-01-01": 400, "2020-12-31": 0} {
		if got := in.PopulationOn(date(at)); got != want {
			t.Errorf("PopulationOn(%s) = %d, want %d", at, got, want)
		}
	}
}

func TestRereferral12m(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.referral("2022-03-15", "2022-04-01", false)
	a.referral("2023-03-15", "", false) // 12 months to the day after the last: a re-referral
	b := kid(2, "2015-01-01")
	b.referral("2022-03-14", "2022-04-01", false)
	b.referral("2023-03-15", "", false) // 12 months and a day: not
	c := kid(3, "2015-01-01")
	c.referral("2022-06-01", "2022-06-01", true)
	c.referral("2022-07-01", "", false) // both in the period: the second is a re-referral
	runCases(t, "rereferral_12m", []tc{
		{name: "within 12 months to the day", at: "2023-03-31", children: kids(a, b, c), want: val(50),
			num: []people.ID{1, 3}, den: []people.ID{1, 2, 3, 3}},
		{name: "no referrals", at: "2020-03-31", children: kids(a, b, c), want: nil},
	})
}

func TestReferralNFA(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.referral("2023-01-10", "2023-01-10", true)
	a.referral("2023-02-10", "", false)
	b := kid(2, "2016-01-01")
	b.referral("2023-03-01", "", false) // an open referral, no end: counted, not NFA
	runCases(t, "referral_nfa", []tc{
		{name: "one in three", at: "2023-03-31", children: kids(a, b), want: val(33.3), num: []people.ID{1}, den: []people.ID{1, 1, 2}},
	})
}

func TestSeen5wd(t *testing.T) {
	// Referral on Wednesday 20 December 2023: Christmas Day and Boxing Day
	// are not working days, so the fifth working day is Friday 29th.
	a := kid(1, "2015-01-01")
	a.referral("2023-12-20", "", false)
	a.visit("2023-12-29", true)
	b := kid(2, "2015-01-01")
	b.referral("2023-12-20", "", false)
	b.visit("2023-12-27", false) // not seen
	b.visit("2024-01-02", true)  // sixth working day: late
	c := kid(3, "2015-01-01")
	c.referral("2023-12-20", "2023-12-20", true) // NFA: no visit expected
	d := kid(4, "2015-01-01")
	d.referral("2024-01-08", "", false) // its days have not run out by the 10th
	e := kid(5, "2015-01-01")
	e.referral("2023-11-01", "", false) // never seen
	e.visit("2023-10-30", true)         // before the referral: not this one
	runCases(t, "seen_5wd", []tc{
		{name: "bank holidays in the five days", at: "2024-01-10", children: kids(a, b, c, d, e), want: val(33.3),
			num: []people.ID{1}, den: []people.ID{1, 2, 5}},
		{name: "seen before the days run out counts at once", at: "2023-12-29", children: kids(a), want: val(100), num: []people.ID{1}},
		{name: "the last day itself is not yet late", at: "2023-12-29", children: kids(b), want: nil},
	})
	// A visit on the referral's own day counts; one after the date, though
	// within the days, is not yet known; one with no date is never seen.
	f := kid(6, "2015-01-01")
	f.referral("2024-01-08", "", false)
	f.visit("", true)
	f.visit("2024-01-08", true)
	g := kid(7, "2015-01-01")
	g.referral("2024-01-08", "", false)
	g.visit("", true)
	g.visit("2024-01-11", true)
	runCases(t, "seen_5wd", []tc{
		{name: "seen on the day, seen after the date", at: "2024-01-10", children: kids(f, g), want: val(100), num: []people.ID{6}, den: []people.ID{6}},
	})
}

func TestEarlyHelp(t *testing.T) {
	a := kid(1, "2015-01-01")
	a.earlyHelp("2022-01-01", "2023-03-31", "step_up") // ends on the date: open on it
	a.earlyHelp("2023-03-31", "", "")                  // and another starting the same day: the child once
	b := kid(2, "2015-01-01")
	b.earlyHelp("2023-03-01", "2023-03-30", "sustained_progress") // ended the day before
	c := kid(3, "2015-01-01")
	c.earlyHelp("2022-02-01", "2022-03-31", "step_up") // closed before the 12 months
	c.earlyHelp("2022-09-01", "2023-01-31", "")        // closed with no reason recorded
	runCases(t, "eh_open", []tc{
		{name: "open on the date, ending on it included, child once", at: "2023-03-31", children: kids(a, b, c), want: val(1), num: []people.ID{1}},
	})
	runCases(t, "eh_referrals_month", []tc{
		{name: "opened in March", at: "2023-03-31", children: kids(a, b, c), want: val(2), num: []people.ID{1, 2}},
	})
	runCases(t, "eh_step_up", []tc{
		{name: "closures in the 12 months", at: "2023-03-31", children: kids(a, b, c), want: val(33.3),
			num: []people.ID{1}, den: []people.ID{1, 2, 3}},
	})
}
