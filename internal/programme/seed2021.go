package programme

import (
	"time"

	"hearth/internal/civil"
)

// Seed2021 is the programme as its first annual report (2020-21) states it
// at 31 March 2021: its outcomes and their figures, the projects in the
// RAG, finance and membership tables, each with its March 2021 report, the
// programme team's costs, and the risks and issues then open. Demo City
// loads it; the tests check that AnnualReport(Seed2021(), 2020) gives the
// report's own tables and totals.
//
// The figures are the report's, exactly, including where they do not add
// up: the computation says so (see AnnualReport's inconsistencies) rather
// than the data being mended. Where the report prints a figure badly the
// comment beside it says how it was read. People are named by their posts,
// not their names. Ids only link the records to one another (a project's
// reports, an entry's project): a loader writes each as a new record and
// maps them.
func Seed2021() Records {
	march := Month{2021, time.March}
	yearEnd := civil.Date{Year: 2021, Month: time.March, Day: 31}
	improved := []string{ImprovedOutcomes}

	// report is a project's March 2021 report.
	report := func(id ProjectID, s Statuses, comment string, f Finance, m Membership) Report {
		return Report{ID: ReportID(id), Project: id, Month: march, Status: s, Commentary: comment, Finance: f, Membership: m}
	}
	st := func(overall, cost, milestones, risks, issues, cashable, nonCashable RAG) Statuses {
		return Statuses{overall, cost, milestones, risks, issues, cashable, nonCashable}
	}
	ot := OnTarget

	r := Records{
		Programme: Programme{
			ID:        1,
			Name:      "Transforming Children's Services Programme",
			ShortName: "TCSP",
			Vision: "Children, young people and families are at the heart of everything the programme does. " +
				"Its transformation is ambitious, innovative, equitable and inclusive; co-production and " +
				"engagement run through every project, and lived experience is a measure of improvement. " +
				"It drives change while helping services and partners take that change into business as usual, " +
				"decides on evidence, and communicates clearly with everyone it affects.",
			SRO:   Member{Name: "Director of Children's and Adult Services", Role: "Senior responsible owner"},
			Board: []Member{{Name: "Head of Service", Role: "Project executive"}},
			// The mandate runs for the five financial years 2020-25.
			Mandate: Mandate{Title: "TCSP Mandate 2020-2025", From: civil.Date{Year: 2020, Month: time.April, Day: 1}, To: civil.Date{Year: 2025, Month: time.March, Day: 31}},
			Team: []TeamPost{
				// Printed "0.5 (of 0.8)": half of a 0.8 post, whose 30 hours
				// a week are 0.81 of full time.
				{Year: 2020, Role: "Programme Manager", Grade: 8, Hours: 30, FTE: 50, Funding: "0.5 Supporting Families, 0.5 HeadStart", Cost: Pounds(24_537)},
				{Year: 2020, Role: "Project Manager 1", Grade: 7, Hours: 37, FTE: 100, Funding: "0.5 HeadStart, 0.5 Supporting Families", Cost: Pounds(56_799)},
				{Year: 2020, Role: "Project Manager 2", Grade: 7, Hours: 37, FTE: 100, Funding: "Supporting Families", Cost: Pounds(9_000)},
				{Year: 2020, Role: "Project Officer 1", Grade: 6, Hours: 37, FTE: 100, Funding: "Supporting Families", Cost: Pounds(45_041)},
				{Year: 2020, Role: "Project Officer 2", Grade: 6, Hours: 37, FTE: 100, Funding: "NAAS and Supporting Families", Cost: Pounds(41_659)},
				{Year: 2020, Role: "Project Officer 3", Grade: 6, Hours: 37, FTE: 100, Funding: "0.5 HeadStart, 0.5 Supporting Families", Cost: Pounds(32_600)},
			},
			FamilyTargets: []FamilyTarget{
				{Year: 2020, Families: 484}, // payment-by-results claims by 31 March 2021
				{Year: 2022, Families: 453},
			},
		},
	}

	fig := func(period string, on civil.Date, value string) Figure {
		return Figure{Period: period, On: on, Value: value}
	}
	ye := func(y int) civil.Date { return civil.Date{Year: y, Month: time.March, Day: 31} }
	q1 := func(y int) civil.Date { return civil.Date{Year: y, Month: time.June, Day: 30} }
	const insight = "Insight and Performance: children and young people performance framework"
	r.Outcomes = []Outcome{
		{ID: 1, Programme: 1, Number: 1, Title: "Increased relevant communication to all stakeholders affected by the programme"},
		{ID: 2, Programme: 1, Number: 2, Title: "Increased co-production and engagement across associated projects", Measures: []Measure{
			{Name: "Funding secured by HeadStart's community consortiums since 2020", Unit: "£", Source: "HeadStart", Figures: []Figure{fig("2020-21", yearEnd, "704446")}},
			{Name: "Fostering Families United teams", Unit: "teams", Source: "Family Values", Figures: []Figure{fig("2020-21", yearEnd, "4")}},
			{Name: "Carers in Fostering Families United teams", Unit: "carers", Source: "Family Values", Figures: []Figure{fig("2020-21", yearEnd, "16")}},
		}},
		{ID: 3, Programme: 1, Number: 3, Title: "Improved approach to working with children, young people and their families across the whole system", Measures: []Measure{
			{Name: "Families Supporting Families worked with", Unit: "families", Source: "Supporting Families", Figures: []Figure{fig("2020-21", yearEnd, "289")}},
			{Name: "Families achieving significant and sustained progress (payment-by-results claims)", Unit: "families", Source: "Supporting Families", Figures: []Figure{fig("2020-21", yearEnd, "484")}},
			{Name: "Parents and carers who said FAST empowered them", Unit: "%", Source: "HeadStart parenting programme", Figures: []Figure{fig("2020-21", yearEnd, "84")}},
		}},
		{ID: 4, Programme: 1, Number: 4, Title: "Increased engagement with the workforce during transformation of services", Measures: []Measure{
			{Name: "Social workers assessed under NAAS", Unit: "social workers", Source: "NAAS project, at closure in June 2020", Figures: []Figure{fig("2020-21", civil.Date{Year: 2020, Month: time.June, Day: 30}, "41")}},
		}},
		{ID: 5, Programme: 1, Number: 5, Title: "Increased number of children remaining in safe and stable homes, particularly those at higher risk", Measures: []Measure{
			// The report gives the earlier figure as "year end 2019-2021",
			// which can only be 2019-20.
			{Name: "Children in need per 10,000 children", Unit: "per 10,000", Source: insight, Figures: []Figure{fig("2019-20", ye(2020), "153.3"), fig("2020-21", ye(2021), "145.8")}},
			{Name: "Children on child protection plans per 10,000 children", Unit: "per 10,000", Source: insight, Figures: []Figure{fig("2019-20", ye(2020), "42.4"), fig("2020-21", ye(2021), "40.8")}},
			{Name: "Children in care per 10,000 children", Unit: "per 10,000", Source: insight, Figures: []Figure{fig("2019-20", ye(2020), "94"), fig("2020-21", ye(2021), "88.9")}},
			{Name: "Children starting to be looked after per 10,000 children", Unit: "per 10,000", Source: insight + " (2020-21 provisional)", Figures: []Figure{fig("2018-19", ye(2019), "158"), fig("2019-20", ye(2020), "163"), fig("2020-21", ye(2021), "143")}},
			{Name: "Children leaving care who were adopted", Unit: "%", Source: insight + " (2020-21 provisional)", Figures: []Figure{fig("2018-19", ye(2019), "27"), fig("2019-20", ye(2020), "27"), fig("2020-21", ye(2021), "14.7")}},
			{Name: "Early help assessments completed a month", Unit: "assessments", Source: insight, Figures: []Figure{fig("Q4 2019-20", ye(2020), "514"), fig("Q1 2020-21", q1(2020), "165.3"), fig("Q4 2020-21", ye(2021), "878"), fig("Q1 2021-22", q1(2021), "270.6")}},
			{Name: "Cases closed to early help and escalated to social care in the quarter", Unit: "cases", Source: insight, Figures: []Figure{fig("Q4 2019-20", ye(2020), "71"), fig("Q1 2020-21", q1(2020), "58"), fig("Q4 2020-21", ye(2021), "28"), fig("Q1 2021-22", q1(2021), "38")}},
		}},
		{ID: 6, Programme: 1, Number: 6, Title: "Improved partnership working with Education settings to support improved outcomes for children and young people", Measures: []Measure{
			{Name: "Referrals heard at ISAPP", Unit: "referrals", Source: "Culture of Belonging, 14 months of ISAPP", Figures: []Figure{fig("2020-21", yearEnd, "118")}},
			{Name: "Pupils referred to ISAPP not permanently excluded in the next six months", Unit: "%", Source: "Culture of Belonging", Figures: []Figure{fig("2020-21", yearEnd, "95")}},
		}},
		{ID: 7, Programme: 1, Number: 7, Title: "Improved opportunities for target cohorts (for example Children and Young People in Care, SEND, Young Offenders and Care Leavers)", Measures: []Measure{
			{Name: "Unaccompanied young people engaged with therapeutic sessions", Unit: "young people", Source: "UASC project, at closure", Figures: []Figure{fig("2020-21", yearEnd, "77")}},
			{Name: "Young people under 18 working with Power2", Unit: "young people", Source: "Power2", Figures: []Figure{fig("2020-21", yearEnd, "50")}},
			{Name: "Young adults aged 18 to 25 working with Power2", Unit: "young people", Source: "Power2", Figures: []Figure{fig("2020-21", yearEnd, "16")}},
		}},
		{ID: 8, Programme: 1, Number: 8, Title: "Increased resilience and emotional wellbeing amongst children, young people and families", Measures: []Measure{
			{Name: "Community organisations HeadStart has worked with", Unit: "organisations", Source: "HeadStart", Figures: []Figure{fig("2020-21", yearEnd, "75")}},
			{Name: "Education settings in HeadStart's resilience programme", Unit: "settings", Source: "HeadStart", Figures: []Figure{fig("2020-21", yearEnd, "53")}},
			{Name: "Children and young people given the Wellbeing Toolkit in schools", Unit: "children", Source: "HeadStart", Figures: []Figure{fig("2020-21", yearEnd, "1113")}},
		}},
	}

	// The projects in the report's tables, as at 31 March 2021. Dates are
	// left out where the report gives none; a funding type is left out
	// where its finance table leaves it blank or the project is not in it.
	// Every project serves improved outcomes, as the report's finance
	// summary says.
	r.Projects = []Project{
		{ID: 1, Programme: 1, Name: "Transformation of Traded Services", Purposes: improved, Gateway: Options},
		{ID: 2, Programme: 1, Name: "Integrated Case Management System – Business Case", Purposes: improved, Gateway: BusinessCase},
		{ID: 3, Programme: 1, Name: "HeadStart Programme Phase 3", Funding: "grant", Purposes: improved, Outcomes: []int{2, 3, 8}, CoProduction: "co_designing", Gateway: Delivery},
		{ID: 4, Programme: 1, Name: "Family Values", Funding: "revenue", Purposes: []string{ImprovedOutcomes, CostAvoidance}, Outcomes: []int{2}, CoProduction: "co_producing", Gateway: Delivery},
		{ID: 5, Programme: 1, Name: "Supporting Families Phase 2", Funding: "grant", Purposes: improved, Outcomes: []int{3}, Gateway: Delivery},
		{ID: 6, Programme: 1, Name: "The House Project", Purposes: improved, Outcomes: []int{2, 7}, CoProduction: "engaging", Gateway: Delivery},
		{ID: 7, Programme: 1, Name: "Culture of Belonging Programme", Purposes: improved, Outcomes: []int{2, 6}, CoProduction: "co_producing", Gateway: Delivery},
		{ID: 8, Programme: 1, Name: "Social Worker in Schools (SWIS)", Funding: "grant", Purposes: improved, Outcomes: []int{2, 6}, CoProduction: "engaging", Gateway: Delivery},
		{ID: 9, Programme: 1, Name: "SEND Systems", Funding: "grant", Purposes: improved, Gateway: Delivery},
		{ID: 10, Programme: 1, Name: "Eclipse (Phase 2)", Purposes: improved, Outcomes: []int{3}, Gateway: Closure},
	}

	nr := allStatuses(NotReporting)
	noFinance := Finance{}
	noBudget := Finance{Reported: true}
	r.Reports = []Report{
		report(1, nr, "PAG approval at options, next step Business Case.", noBudget, Membership{}),
		report(2, nr, "Accepted at PAG. Business Case development to start in April 2021 and run until September 2021.", noFinance,
			Membership{Total: 11}),
		// HeadStart's spend is printed "£8,5534,000": read as its digits,
		// £85,534,000, which is more than its budget with uplifts.
		report(3, st(ot, ot, ot, NoStatus, ot, NoStatus, ot), "",
			Finance{Reported: true, Budget: Pounds(8_206_000), Uplifts: Pounds(1_283_000), Spend: Pounds(85_534_000)},
			Membership{Total: 23, Officers: 7, Frontline: 0, Partners: 13, ServiceUsers: 3}),
		// Family Values' cost avoidance is the figure at its closure in
		// July 2021, which the report gives.
		report(4, st(ot, ot, ot, ot, ot, ot, ot), "",
			Finance{Reported: true, Budget: Pounds(544_000), Spend: Pounds(487_000), Projection: Pounds(989_000), CostAvoidance: Pounds(660_000)},
			Membership{Total: 36, Officers: 9, Frontline: 23, Partners: 0, ServiceUsers: 4}),
		// Supporting Families' income: the grant held at the start of the
		// year (printed "as of 01/04/2022", where the balance is "as of
		// 01/04/2021"), received and spent in 2020-21.
		report(5, st(ot, ot, ot, ot, Compromised, AtRisk, ot), "",
			Finance{Reported: true, GrantBroughtForward: Pounds(3_100_000), GrantReceived: Pounds(1_100_000), GrantSpent: Pounds(200_000)},
			Membership{Total: 8, Officers: 6, Frontline: 2, Partners: 0, ServiceUsers: 0}),
		report(6, st(ot, ot, ot, ot, NoStatus, ot, ot), "", noFinance, Membership{}),
		report(7, st(ot, ot, ot, ot, ot, ot, ot), "", noBudget,
			Membership{Total: 15, Officers: 7, Frontline: 7, Partners: 1, ServiceUsers: 0}),
		report(8, st(ot, ot, ot, ot, ot, NoStatus, ot), "",
			Finance{Reported: true, Budget: Pounds(257_000), Spend: Pounds(174_000)},
			Membership{Total: 32, Officers: 13, Frontline: 7, Partners: 12, ServiceUsers: 0}),
		report(9, st(ot, ot, ot, ot, ot, ot, ot), "",
			Finance{Reported: true, Budget: Pounds(500_000)},
			Membership{Total: 18, Officers: 8, Frontline: 8, Partners: 1, ServiceUsers: 1}),
		report(10, allStatuses(Completed), "", noFinance, Membership{}),
	}

	r.Entries = []Entry{
		{ID: 1, Programme: 1, Type: RiskEntry, Category: "strategic",
			Description: "The full impact of Covid-19 may not be known until well into the next phase of transformation",
			Impact:      "The agreed project portfolio and the programme's priorities",
			Mitigation:  "Keep the programme aligned to the city's Covid-19 recovery plan, plan future transformation ahead and move priorities as needed",
			Owner:       "Senior responsible owner", Status: EntryOpen},
		{ID: 2, Programme: 1, Type: RiskEntry, Category: "programme",
			Description: "The Programme Manager's contract could end before the programme does if it is not renewed",
			Impact:      "Capacity, and the coordination of the projects and the programme",
			Mitigation:  "Propose extending the contract to the strategic lead, as for the team's contracts (the adults' transformation programme has the same risk)",
			Owner:       "Senior responsible owner and project executive", Status: EntryOpen},
		{ID: 3, Programme: 1, Project: 5, Type: IssueEntry, Category: "project",
			Description: "Technical and reporting faults in the Fibonacci and Power Apps system remain unresolved",
			Impact:      "The families' master sheet has gone back to an unstable spreadsheet, which may lose data on identified families and would put the target of 484 payment-by-results claims by 31 March 2021 at risk",
			Mitigation:  "The master sheet is backed up to the main server daily; user acceptance testing to find the remaining faults",
			Owner:       "Subject lead", Escalation: "Strategic lead", Status: EntryOpen},
	}
	return r
}
