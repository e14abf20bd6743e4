package indicators

import (
	"testing"

	"hearth/internal/care"
	"hearth/internal/journey"
)

// town is a small made-up authority whose every figure at 31 March 2023
// was worked out by hand (TestTown): eleven children, a population of
// 10,000 (so a rate per 10,000 is the count) and a small establishment.
func town() Input {
	// Amy: referred again within 12 months, seen in time, in assessment.
	amy := kid(1, "2012-05-10")
	amy.contact("2023-03-06 09:00", "2023-03-06 15:00")
	amy.referral("2022-09-01", "2022-10-01", false)
	amy.visit("2022-09-12", true) // the seventh working day: late
	r := amy.referral("2023-03-06", "", false)
	amy.visit("2023-03-08", true)
	amy.assessment(r, "2023-03-06", "")
	amy.allocation("2023-03-06", "", 21)

	// Ben: assessed, enquiry and conference in time, on a CP plan since
	// August, reviewed and visited in time.
	ben := kid(2, "2016-02-29")
	ben.contact("2023-03-20 10:00", "2023-03-21 11:00") // 25 hours
	r = ben.referral("2022-06-01", "", false)
	ben.visit("2022-06-03", true)
	ben.assessment(r, "2022-06-01", "2022-07-20") // 33 working days (the jubilee's two bank holidays)
	sd := ben.strategy(r, "2022-07-25")
	s := ben.s47(r, sd, "2022-07-25", "2022-08-05", "icpc")
	ben.icpc(r, s, "2022-08-12", false) // 14 working days
	p := ben.plan(journey.KindCPPlan, r, "2022-08-12", "")
	ben.cpReview(p, "2022-11-10")
	ben.visit("2023-03-24", true) // 5 working days before
	ben.allocation("2022-06-01", "", 21)

	// Cara: on a CIN plan, last seen 39 days ago; an enquiry with no
	// further action.
	cara := kid(3, "2010-01-15")
	cara.earlyHelp("2021-06-01", "2021-10-31", "step_up")
	r = cara.referral("2021-11-01", "", false)
	cara.plan(journey.KindCINPlan, r, "2022-01-10", "")
	cara.s47(r, 0, "2022-05-02", "2022-05-20", "nfa")
	cara.visit("2023-02-20", true)
	cara.allocation("2021-11-01", "", 22)

	// Dan: in early help since March, after an earlier episode.
	dan := kid(4, "2019-07-01")
	dan.contact("2022-12-01 09:00", "2022-12-01 10:00")
	dan.earlyHelp("2022-05-01", "2022-11-30", "sustained_progress")
	dan.earlyHelp("2023-03-10", "", "")

	// Eve: in care since June 2020 in the council's foster care, stable,
	// visited, reviewed and checked in time; missing once.
	eve := kid(5, "2008-03-31")
	eve.episode(ep{start: "2020-06-01", place: "U4", rne: "S", household: 1})
	for _, d := range []string{"2020-06-25", "2020-09-20", "2021-03-15", "2021-09-10", "2022-03-05", "2022-09-01", "2023-02-25"} {
		eve.careReview(d)
	}
	eve.visit("2023-03-01", true)
	eve.health("2022-10-01")
	eve.dental("2022-04-15")
	eve.sdq("2022-11-01", 14)
	eve.missing("2023-03-10", "2023-03-11", "2023-03-11 08:00", "2023-03-13")

	// Finn: into care in May 2022 with an agency's carers, moved twice;
	// one review late and one missed; missing twice.
	finn := kid(6, "2014-09-01")
	finn.episode(ep{start: "2022-05-01", end: "2022-08-01", place: "U6", provider: "PR4", rne: "S", rec: "X1", household: 2})
	finn.episode(ep{start: "2022-08-01", end: "2023-01-15", place: "U6", provider: "PR4", rne: "P", rec: "X1", household: 3})
	finn.episode(ep{start: "2023-01-15", place: "U4", provider: "PR4", rne: "P", household: 4})
	finn.careReview("2022-05-27") // due 30 May
	finn.careReview("2022-09-05") // due 27 August
	finn.visit("2023-01-20", true)
	finn.visit("2023-02-10", true) // 49 days before
	finn.missing("2023-02-20", "2023-02-21", "2023-02-21 10:00", "")
	finn.missing("2023-03-25", "", "", "")

	// Gus: adopted in June 2022 (547 days from care to adopters; 150 from
	// placement order to match).
	gus := kid(7, "2018-01-01")
	gus.episode(ep{start: "2020-02-01", end: "2021-08-01", place: "U6", rne: "S", rec: "X1", household: 5})
	gus.episode(ep{start: "2021-08-01", end: "2022-06-01", ls: "E1", place: "A6", rne: "B", rec: "E11"})
	gus.adoption("2021-01-10", "2022-06-01", care.Adoption{PlacementOrder: date("2021-02-01"), Matched: date("2021-07-01"),
		Placed: date("2021-08-01"), Order: date("2022-06-01")})

	// Hana: a care leaver, 19 in August 2022, doing well.
	hana := careLeaver(8, "2003-08-20", "2017-08-20", "2021-08-20")
	hana.leaverContact("2022-08-01", "YES", "F5", "U1")

	// Ivan: left care at 18 in January 2023.
	ivan := careLeaver(9, "2005-01-10", "2019-01-10", "2023-01-10")
	ivan.leaverContact("2023-02-01", "YES", "G5", "D2")

	// Jo: a second CP plan, two years after the first ended; the
	// conference late; an assessment late; not seen for 15 working days.
	jo := kid(10, "2012-03-01")
	r = jo.referral("2019-01-01", "", false)
	jo.plan(journey.KindCPPlan, r, "2019-02-01", "2021-04-15")
	jo.assessment(r, "2022-10-03", "2022-12-20")
	sd = jo.strategy(r, "2023-01-05")
	s = jo.s47(r, sd, "2023-01-05", "2023-01-20", "icpc")
	jo.icpc(r, s, "2023-02-01", false) // 19 working days
	jo.plan(journey.KindCPPlan, r, "2023-02-01", "")
	jo.visit("2023-03-10", true)
	jo.allocation("2019-01-01", "", 22)

	// Kim: a CP plan of over 2 years ended in July; referred again in
	// March with no further action.
	kim := kid(11, "2011-11-11")
	r = kim.referral("2020-04-20", "2022-08-01", false)
	kim.plan(journey.KindCPPlan, r, "2020-05-01", "2022-07-01")
	kim.allocation("2020-04-20", "2022-08-01", 23)
	kim.contact("2023-03-15 09:00", "2023-03-15 10:00")
	kim.referral("2023-03-15", "2023-03-15", true)

	return Input{
		Children:   kids(amy, ben, cara, dan, eve, finn, gus, hana, ivan, jo, kim),
		Population: []PopulationYear{{Year: 2022, Children: 9000}, {Year: 2023, Children: 10000}},
		Workforce: Workforce{
			Positions: []Position{
				{Name: "Social Worker", Budgeted: 3, Permanent: 1.5, Vacant: 1.5, Agency: 0.5, CaseHolding: true},
				{Name: "Team Manager", Budgeted: 1, Permanent: 1},
			},
			Leavers: []Leaver{
				{Ref: "A", Position: "Social Worker", Left: date("2022-06-30"), FTE: 1},
				{Ref: "B", Position: "Social Worker", Left: date("2022-03-01"), FTE: 0.5},
			},
		},
	}
}

// TestTown: every indicator of the framework on the town, at 31 March
// 2023, against the figure worked out by hand (town's comments).
func TestTown(t *testing.T) {
	want := map[string]*float64{
		"contacts_month":            val(3),    // Amy, Ben, Kim
		"contact_decision_24h":      val(66.7), // Ben's took 25 hours
		"referral_rate":             val(4),    // Amy twice, Ben, Kim
		"rereferral_12m":            val(25),   // Amy's second
		"referral_nfa":              val(25),   // Kim's
		"seen_5wd":                  val(66.7), // Amy's first was seen late
		"eh_open":                   val(1),    // Dan
		"eh_referrals_month":        val(1),    // Dan
		"eh_step_up":                val(0),    // Dan's first closed with progress; Cara's was before the year
		"in_assessment":             val(1),    // Amy
		"assessment_45wd":           val(50),   // Ben in 33 working days, Jo in 56
		"cin_rate":                  val(4),    // Amy, Ben, Cara, Jo
		"cin_plans":                 val(1),    // Cara
		"cin_visits_in_time":        val(0),    // Cara, 39 days
		"s47_12m":                   val(3),    // Ben, Cara, Jo
		"s47_to_icpc":               val(66.7), // not Cara's
		"icpc_15wd":                 val(50),   // Ben in 14, Jo in 19
		"cp_rate":                   val(2),    // Ben, Jo
		"cp_repeat_2y":              val(50),   // Jo's
		"cp_repeat_ever":            val(50),   // Jo's
		"cp_2y_plus":                val(100),  // Kim's
		"cp_reviews_in_time":        val(100),  // Ben (Jo's plan is under 3 months)
		"cp_visits_in_time":         val(50),   // Ben yes, Jo no
		"cla_count":                 val(2),    // Eve, Finn
		"cla_rate":                  val(2),
		"cla_starts_rate":           val(1),   // Finn
		"ceased_adoption":           val(50),  // Gus adopted, Ivan 18
		"st_stability":              val(50),  // Finn had three placements
		"lt_stability":              val(100), // Eve
		"cla_visits_in_time":        val(50),  // Finn last seen 49 days ago
		"cla_reviews_in_time":       val(60),  // Eve 2 of 2, Finn 1 of 3
		"health_assessment_in_time": val(100), // Eve (Finn not yet 12 months)
		"dental_in_time":            val(100),
		"sdq_average":               val(14),
		"foster_placements":         val(2),
		"missing_month":             val(2),  // Eve, Finn
		"rhi_72h":                   val(50), // Eve yes, Finn no interview
		"a1":                        val(547),
		"a10":                       val(547), // not adopted by foster carers
		"a2":                        val(150),
		"adoption_orders":           val(1),
		"cl_eet":                    val(100), // Hana (Ivan is 18)
		"cl_suitable":               val(100),
		"cl_in_touch":               val(100),
		"vacancy_rate":              val(37.5), // 1.5 of 4
		"agency_rate":               val(16.7), // 0.5 of 3
		"turnover_rate":             val(40),   // 1 of 2.5 permanent
		"caseload_average":          val(2),    // Amy, Ben, Cara, Jo over 2 FTE
		// The town holds no education records or attendance: no plan, no
		// pupil, no child of the cohort to divide by; none missing
		// education or home educated.
		"ehc_20_weeks": nil, "suspensions_per_100": nil, "permanent_exclusions_per_100": nil,
		"cme_open": val(0), "ehe_count": val(0), "sw_attendance": nil, "sw_persistent_absence": nil,
	}
	results := ComputeAll(town(), date("2023-03-31"))
	if len(results) != len(frameworkIDs) {
		t.Fatalf("%d results, want %d", len(results), len(frameworkIDs))
	}
	for i, r := range results {
		if r.ID != frameworkIDs[i] {
			t.Errorf("result %d is %s, want %s", i, r.ID, frameworkIDs[i])
		}
		w, ok := want[r.ID]
		if !ok {
			t.Errorf("%s: no figure worked out by hand", r.ID)
			continue
		}
		if show(r.Value) != show(w) {
			t.Errorf("%s = %s, want %s\nnumerator %v\ndenominator %v", r.ID, show(r.Value), show(w), r.Numerator, r.Denominator)
		}
		def, _ := Lookup(r.ID)
		checkAgrees(t, def, r)
	}
}
