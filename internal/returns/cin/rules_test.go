package cin

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hearth/internal/calendar"
	"hearth/internal/civil"
)

// clean is a return of 2023-24 that breaks no rule: a child whose closed
// episode went from assessment through an enquiry and conference to a
// child protection plan and then a CIN plan, with a new episode open at the
// reference date; an unborn child; and a child with a referral that needed
// no further action. The rule tables below each change one thing in it.
func clean() Census {
	return Census{
		Header: Header{LEA: "999"},
		Year:   y2024,
		Children: []CensusChild{
			{
				LAChildID: "A1", UPN: "A123456789012", BirthDate: d("2015-06-01"), Sex: "1", Ethnicity: "WBRI",
				Disabilities: []string{"MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS"},
				Episodes: []Episode{
					{
						ReferralDate: d("2023-05-01"), ReferralSource: "2A", PrimaryNeed: "N1",
						ClosureDate: d("2024-02-01"), ReasonForClosure: "RC7",
						Assessments: []Assessment{{Start: d("2023-05-02"), Authorised: d("2023-05-30"), Factors: []string{"3A", "4B"}}},
						Section47s: []Section47{{Start: d("2023-05-03"), InitialCPCTarget: d("2023-05-24"),
							DateOfInitialCPC: d("2023-05-24")}}, // a Wednesday
						CPPlans: []CPPlan{{Start: d("2023-05-24"), End: d("2023-11-20"), InitialCategory: "NEG",
							LatestCategory: "NEG", Reviews: []civil.Date{d("2023-08-16")}}},
						CINPlans: []CINPlan{{Start: d("2023-11-20"), End: d("2024-01-31")}},
					},
					{
						ReferralDate: d("2024-02-20"), ReferralSource: "1A", PrimaryNeed: "N4",
						Assessments: []Assessment{{Start: d("2024-02-21")}},
					},
				},
			},
			{
				LAChildID: "B2", ExpectedDate: d("2024-05-10"), Sex: "0", Ethnicity: "NOBT",
				Episodes: []Episode{{ReferralDate: d("2024-03-01"), ReferralSource: "3B", PrimaryNeed: "N1"}},
			},
			{
				LAChildID: "C3", UPNUnknown: "UN5", BirthDate: d("2010-01-15"), Sex: "2", Ethnicity: "AIND",
				Disabilities: []string{"NONE"},
				Episodes: []Episode{{ReferralDate: d("2023-09-11"), ReferralSource: "6", PrimaryNeed: "N9",
					ClosureDate: d("2023-09-11"), ReasonForClosure: "RC7", NFA: true}},
			},
		},
	}
}

// Shorthands for the parts of clean() the tables change.
func kidA(c *Census) *CensusChild { return &c.Children[0] }
func kidB(c *Census) *CensusChild { return &c.Children[1] }
func kidC(c *Census) *CensusChild { return &c.Children[2] }
func closedEp(c *Census) *Episode { return &c.Children[0].Episodes[0] }
func openEp(c *Census) *Episode   { return &c.Children[0].Episodes[1] }
func nfaEp(c *Census) *Episode    { return &c.Children[2].Episodes[0] }
func s47(c *Census) *Section47    { return &c.Children[0].Episodes[0].Section47s[0] }
func cpp(c *Census) *CPPlan       { return &c.Children[0].Episodes[0].CPPlans[0] }
func cinp(c *Census) *CINPlan     { return &c.Children[0].Episodes[0].CINPlans[0] }
func asmt(c *Census) *Assessment  { return &c.Children[0].Episodes[0].Assessments[0] }

// awaitingS47 is an enquiry of the open episode still waiting for its
// conference.
func awaitingS47(start string) func(c *Census) {
	return func(c *Census) { openEp(c).Section47s = append(openEp(c).Section47s, Section47{Start: d(start)}) }
}

// ruleCase is one line of a rule's table: a change to clean() and whether
// the rule then finds something.
type ruleCase struct {
	rule string
	name string
	edit func(c *Census)
	fail bool
}

var ref2024 = y2024.ReferenceDate()

func ruleCases() []ruleCase {
	none := func(*Census) {}
	to2025 := func(c *Census) { c.Year = 2025 }
	return []ruleCase{
		// The child.
		{"1510", "check letter right", none, false},
		{"1510", "temporary UPN with its check letter", func(c *Census) { kidA(c).UPN = "X12345678901A" }, false},
		{"1510", "wrong check letter", func(c *Census) { kidA(c).UPN = "B123456789012" }, true},
		{"1520", "UPNs differ", none, false},
		{"1520", "two children share a UPN", func(c *Census) { kidC(c).UPN = kidA(c).UPN }, true},
		{"1540", "digits", none, false},
		{"1540", "a letter in 5-12", func(c *Census) { kidA(c).UPN = "A1234X6789012" }, true},
		{"1540", "too short", func(c *Census) { kidA(c).UPN = "A1234" }, true},
		{"1550", "letter at 13", func(c *Census) { kidA(c).UPN = "X12345678901A" }, false},
		{"1550", "I at 13", func(c *Census) { kidA(c).UPN = "A12345678901I" }, true},
		{"1560Q", "former UPN of the form", func(c *Census) { kidA(c).FormerUPN = "B12345678901C" }, false},
		{"1560Q", "former UPN too short", func(c *Census) { kidA(c).FormerUPN = "B1234" }, true},
		{"1570", "20 characters", func(c *Census) { to2025(c); kidA(c).LAChildID = strings.Repeat("A", 20) }, false},
		{"1570", "21 characters", func(c *Census) { to2025(c); kidA(c).LAChildID = strings.Repeat("A", 21) }, true},
		{"1580", "letters and digits", func(c *Census) { to2025(c); kidA(c).LAChildID = "Ab12" }, false},
		{"1580", "a hyphen", func(c *Census) { to2025(c); kidA(c).LAChildID = "Ab-12" }, true},
		{"4180", "codes of 2023-24", none, false},
		{"4180", "not recorded is sent as 0", func(c *Census) { kidA(c).Sex = "" }, false},
		{"4180", "unknown code", func(c *Census) { kidA(c).Sex = "3" }, true},
		{"4180", "2024-25: indeterminate is sent as U", func(c *Census) { to2025(c); kidA(c).Sex = "9" }, false},
		{"4180", "2024-25: M is not a census code", func(c *Census) { to2025(c); kidA(c).Sex = "M" }, true},
		{"4220", "on the list", none, false},
		{"4220", "not on the list", func(c *Census) { kidA(c).Ethnicity = "WXYZ" }, true},
		{"4220", "missing", func(c *Census) { kidA(c).Ethnicity = "" }, true},
		{"8500", "present", none, false},
		{"8500", "missing", func(c *Census) { kidA(c).LAChildID = "" }, true},
		{"8510", "unique", none, false},
		{"8510", "two children share one", func(c *Census) { kidC(c).LAChildID = "A1" }, true},
		{"8520", "born on the reference date", func(c *Census) { kidA(c).BirthDate = ref2024 }, false},
		{"8520", "born the day after", func(c *Census) { kidA(c).BirthDate = ref2024.AddDays(1) }, true},
		{"8525Q", "one of the two", none, false},
		{"8525Q", "both", func(c *Census) { kidA(c).ExpectedDate = d("2024-05-01") }, true},
		{"8525Q", "neither", func(c *Census) { kidB(c).ExpectedDate = civil.Date{} }, true},
		{"8530Q", "30 days before the reference date", func(c *Census) { kidB(c).ExpectedDate = d("2024-03-01") }, false},
		{"8530Q", "31 days before", func(c *Census) { kidB(c).ExpectedDate = d("2024-02-29") }, true},
		{"8530Q", "nine months after", func(c *Census) { kidB(c).ExpectedDate = d("2024-12-31") }, false},
		{"8530Q", "a day more", func(c *Census) { kidB(c).ExpectedDate = d("2025-01-01") }, true},
		{"8535Q", "died the day of birth", func(c *Census) { kidA(c).DeathDate = kidA(c).BirthDate }, false},
		{"8535Q", "died before birth", func(c *Census) { kidA(c).DeathDate = kidA(c).BirthDate.AddDays(-1) }, true},
		{"8540", "disabilities recorded; none needed for the unborn", none, false},
		{"8540", "only NFA referrals need none", func(c *Census) { kidC(c).Disabilities = nil }, false},
		{"8540", "missing", func(c *Census) { kidA(c).Disabilities = nil }, true},
		{"8540", "unknown code", func(c *Census) { kidA(c).Disabilities = []string{"XYZ"} }, true},
		{"8545Q", "died on the reference date", func(c *Census) { kidA(c).DeathDate = ref2024 }, false},
		{"8545Q", "died before the year", func(c *Census) { kidA(c).DeathDate = d("2023-03-31") }, true},
		{"8590", "an episode each", none, false},
		{"8590", "no episode", func(c *Census) { kidA(c).Episodes = nil }, true},
		{"8750", "unborn, 0", none, false},
		{"8750", "unborn, female", func(c *Census) { kidB(c).Sex = "2" }, true},
		{"8750", "2024-25: unborn, sent as U", func(c *Census) { to2025(c); kidB(c).Sex = "9" }, false},
		{"8750", "2024-25: unborn, male", func(c *Census) { to2025(c); kidB(c).Sex = "1" }, true},
		{"8770Q", "UPN or reason", none, false},
		{"8770Q", "reason UN3", func(c *Census) { kidA(c).UPN, kidA(c).UPNUnknown = "", "UN3" }, false},
		{"8770Q", "8-year-old with neither", func(c *Census) { kidA(c).UPN = "" }, true},
		{"8770Q", "8-year-old with UN1", func(c *Census) { kidA(c).UPN, kidA(c).UPNUnknown = "", "UN1" }, true},
		{"8770Q", "2024-25: a day short of four", func(c *Census) { to2025(c); kidA(c).UPN, kidA(c).BirthDate = "", d("2021-04-01") }, false},
		{"8770Q", "2024-25: four on the reference date", func(c *Census) { to2025(c); kidA(c).UPN, kidA(c).BirthDate = "", d("2021-03-31") }, true},
		{"8772", "UN7 with NFA only", func(c *Census) { kidC(c).UPNUnknown = "UN7" }, false},
		{"8772", "UN7 with further action", func(c *Census) { kidA(c).UPNUnknown = "UN7" }, true},
		{"8775Q", "24 on the reference date", func(c *Census) { kidC(c).BirthDate = d("1999-04-01") }, false},
		{"8775Q", "over 25, episode closed before the birthday", func(c *Census) {
			kidC(c).BirthDate, nfaEp(c).ClosureDate = d("1998-01-01"), d("2022-12-31")
		}, false},
		{"8775Q", "over 25, episode closed after", func(c *Census) { kidC(c).BirthDate = d("1998-01-01") }, true},
		{"8790", "NONE alone", none, false},
		{"8790", "NONE with LD", func(c *Census) { kidC(c).Disabilities = []string{"NONE", "LD"} }, true},
		{"8794", "all different", none, false},
		{"8794", "LD twice", func(c *Census) { kidA(c).Disabilities = []string{"LD", "LD"} }, true},
		{"2886Q", "all born children have a sex", none, false},
		{"2886Q", "one of two has none", func(c *Census) { kidA(c).Sex = "0" }, true},
		{"2886Q", "2024-25: one of two is U", func(c *Census) { to2025(c); kidA(c).Sex = "9" }, true},
		{"2887Q", "eight codes", none, false},
		{"2887Q", "seven codes", func(c *Census) { kidA(c).Disabilities = kidA(c).Disabilities[:7] }, true},
		{"2888Q", "a child with several", none, false},
		{"2888Q", "one each", func(c *Census) { kidA(c).Disabilities = []string{"LD"} }, true},

		// The episode.
		{"8555Q", "referred the day the child died", func(c *Census) { kidC(c).DeathDate = d("2023-09-11") }, false},
		{"8555Q", "referred after", func(c *Census) { kidC(c).DeathDate = d("2023-09-10") }, true},
		{"8569Q", "NFA referral the working day before the year", func(c *Census) { nfaEp(c).ReferralDate = d("2023-03-31") }, false},
		{"8569Q", "NFA referral before that", func(c *Census) { nfaEp(c).ReferralDate = d("2023-03-30") }, true},
		{"8585Q", "died and has its date", func(c *Census) { closedEp(c).ReasonForClosure, kidA(c).DeathDate = "RC2", d("2024-02-01") }, false},
		{"8585Q", "died with no date", func(c *Census) { closedEp(c).ReasonForClosure = "RC2" }, true},
		{"8600", "referred on the reference date", func(c *Census) { openEp(c).ReferralDate = ref2024 }, false},
		{"8600", "referred after", func(c *Census) { openEp(c).ReferralDate = ref2024.AddDays(1) }, true},
		{"8600", "no referral date", func(c *Census) { openEp(c).ReferralDate = civil.Date{} }, true},
		{"8606", "280 days before birth", func(c *Census) { nfaEp(c).ReferralDate = kidC(c).BirthDate.AddDays(-280) }, false},
		{"8606", "281 days before birth", func(c *Census) { nfaEp(c).ReferralDate = kidC(c).BirthDate.AddDays(-281) }, true},
		{"8606", "281 days before the expected birth", func(c *Census) {
			kidB(c).Episodes[0].ReferralDate = kidB(c).ExpectedDate.AddDays(-281)
		}, true},
		{"8610", "NFA needs no primary need", func(c *Census) { nfaEp(c).PrimaryNeed = "" }, false},
		{"8610", "further action without one", func(c *Census) { openEp(c).PrimaryNeed = "" }, true},
		{"8620", "closed on the first day", func(c *Census) { closedEp(c).ClosureDate = y2024.Start() }, false},
		{"8620", "closed the day before the year", func(c *Census) { closedEp(c).ClosureDate = d("2023-03-31") }, true},
		{"8620", "closed after the reference date", func(c *Census) { closedEp(c).ClosureDate = d("2024-04-01") }, true},
		{"8630", "closed the day of referral", none, false},
		{"8630", "closed before referral", func(c *Census) { closedEp(c).ClosureDate = d("2023-04-30") }, true},
		{"8640", "on the list", func(c *Census) { closedEp(c).ReasonForClosure = "RC9" }, false},
		{"8640", "not on the list", func(c *Census) { closedEp(c).ReasonForClosure = "RC0" }, true},
		{"8650", "N0", func(c *Census) { openEp(c).PrimaryNeed = "N0" }, false},
		{"8650", "N10", func(c *Census) { openEp(c).PrimaryNeed = "N10" }, true},
		{"8805", "closed with a reason", none, false},
		{"8805", "closed without", func(c *Census) { closedEp(c).ReasonForClosure = "" }, true},
		{"8810", "open without a reason", none, false},
		{"8810", "open with a reason", func(c *Census) { openEp(c).ReasonForClosure = "RC7" }, true},
		{"8815", "a second open episode that is NFA", func(c *Census) {
			kidA(c).Episodes = append(kidA(c).Episodes, Episode{ReferralDate: d("2024-03-10"), ReferralSource: "9", NFA: true})
		}, false},
		{"8815", "two open episodes", func(c *Census) { closedEp(c).ClosureDate, closedEp(c).ReasonForClosure = civil.Date{}, "" }, true},
		{"8816", "the open episode is the latest", none, false},
		{"8816", "an earlier one is open", func(c *Census) { closedEp(c).ClosureDate, closedEp(c).ReasonForClosure = civil.Date{}, "" }, true},
		{"8820", "referred the day after the closure", func(c *Census) { openEp(c).ReferralDate = d("2024-02-02") }, false},
		{"8820", "referred the day of the closure", func(c *Census) { openEp(c).ReferralDate = d("2024-02-01") }, true},
		{"8825Q", "RC8 after an assessment", func(c *Census) { closedEp(c).ReasonForClosure = "RC8" }, false},
		{"8825Q", "RC8 without one", func(c *Census) { nfaEp(c).ReasonForClosure = "RC8" }, true},
		{"8831", "NFA with nothing", none, false},
		{"8831", "NFA with an assessment", func(c *Census) { nfaEp(c).Assessments = []Assessment{{Start: d("2023-09-11")}} }, true},
		{"8831", "NFA with an initial conference", func(c *Census) { nfaEp(c).DateOfInitialCPC = d("2023-09-13") }, true},
		{"8832", "NFA without a plan", none, false},
		{"8832", "NFA with a plan", func(c *Census) { nfaEp(c).CPPlans = []CPPlan{{Start: d("2023-09-11")}} }, true},
		{"8866", "on the list", none, false},
		{"8866", "before April 2013 none is needed", func(c *Census) { openEp(c).ReferralDate, openEp(c).ReferralSource = d("2013-03-31"), "" }, false},
		{"8866", "missing", func(c *Census) { openEp(c).ReferralSource = "" }, true},
		{"8866", "not on the list", func(c *Census) { openEp(c).ReferralSource = "11" }, true},
		{"8867", "closed, assessment authorised", none, false},
		{"8867", "closed, assessment open", func(c *Census) { asmt(c).Authorised, asmt(c).Factors = civil.Date{}, nil }, true},
		{"8868", "closed, conference held", none, false},
		{"8868", "closed, conference not required", func(c *Census) { s47(c).DateOfInitialCPC, s47(c).ICPCNotRequired = civil.Date{}, true }, false},
		{"8868", "closed, enquiry awaiting its conference", func(c *Census) { s47(c).DateOfInitialCPC = civil.Date{} }, true},
		{"8565", "CIN plan ends on the closure day", func(c *Census) { cinp(c).End = closedEp(c).ClosureDate }, false},
		{"8565", "CIN plan ends after", func(c *Census) { cinp(c).End = d("2024-02-02") }, true},
		{"8565", "assessment authorised after", func(c *Census) { asmt(c).Authorised = d("2024-02-05") }, true},
		{"2990", "RC9 with no further work", func(c *Census) { nfaEp(c).ReasonForClosure = "RC9" }, false},
		{"2990", "RC8 with an enquiry and plans", func(c *Census) { closedEp(c).ReasonForClosure = "RC8" }, true},
		{"2991Q", "enquiry after an assessment", none, false},
		{"2991Q", "enquiry with no assessment", func(c *Census) { closedEp(c).Assessments = nil }, true},

		// Assessments.
		{"1103", "started the day of referral", func(c *Census) { asmt(c).Start = closedEp(c).ReferralDate }, false},
		{"1103", "started before", func(c *Census) { asmt(c).Start = d("2023-04-30") }, true},
		{"8608", "authorised the day it started", func(c *Census) { asmt(c).Authorised = asmt(c).Start }, false},
		{"8608", "authorised before", func(c *Census) { asmt(c).Authorised = d("2023-05-01") }, true},
		{"8614", "factors when authorised", none, false},
		{"8614", "factors while open", func(c *Census) { openEp(c).Assessments[0].Factors = []string{"3A"} }, true},
		{"8670Q", "open, started 45 working days before", func(c *Census) {
			openEp(c).Assessments[0].Start = calendar.AddWorkingDays(ref2024, -45)
		}, false},
		{"8670Q", "open, started earlier", func(c *Census) {
			openEp(c).Assessments[0].Start = calendar.AddWorkingDays(ref2024, -45).AddDays(-1)
		}, true},
		{"8696", "authorised on the first day", func(c *Census) { asmt(c).Authorised = y2024.Start() }, false},
		{"8696", "authorised before the year", func(c *Census) { asmt(c).Authorised = d("2023-03-31") }, true},
		{"8736", "open, started on the first day", func(c *Census) { openEp(c).Assessments[0].Start = y2024.Start() }, false},
		{"8736", "open, started before the year", func(c *Census) { openEp(c).Assessments[0].Start = d("2023-03-31") }, true},
		{"8863Q", "the next starts the day after", func(c *Census) {
			closedEp(c).Assessments = append(closedEp(c).Assessments, Assessment{Start: d("2023-05-31"), Authorised: d("2023-06-30")})
		}, false},
		{"8863Q", "the next starts during", func(c *Census) {
			closedEp(c).Assessments = append(closedEp(c).Assessments, Assessment{Start: d("2023-05-10"), Authorised: d("2023-06-30")})
		}, true},
		{"8869", "21 alone", func(c *Census) { asmt(c).Factors = []string{"21"} }, false},
		{"8869", "21 with another", func(c *Census) { asmt(c).Factors = []string{"21", "3A"} }, true},
		{"8873Q", "21 and closed RC8", func(c *Census) { asmt(c).Factors, closedEp(c).ReasonForClosure = []string{"21"}, "RC8" }, false},
		{"8873Q", "21 and closed RC7", func(c *Census) { asmt(c).Factors = []string{"21"} }, true},
		{"8896", "one open", none, false},
		{"8896", "two open", func(c *Census) {
			openEp(c).Assessments = append(openEp(c).Assessments, Assessment{Start: d("2024-03-01")})
		}, true},
		{"8897Q", "authorised with factors", none, false},
		{"8897Q", "authorised before the year, none", func(c *Census) { asmt(c).Authorised, asmt(c).Factors = d("2023-03-31"), nil }, false},
		{"8897Q", "authorised in the year, none", func(c *Census) { asmt(c).Factors = nil }, true},
		{"8898", "all different", none, false},
		{"8898", "3A twice", func(c *Census) { asmt(c).Factors = []string{"3A", "3A"} }, true},
		{"8945Q", "18B", func(c *Census) { to2025(c); asmt(c).Factors = []string{"18B"} }, false},
		{"8945Q", "18A", func(c *Census) { to2025(c); asmt(c).Factors = []string{"18A"} }, true},
		{"8950Q", "19C", func(c *Census) { to2025(c); asmt(c).Factors = []string{"19C"} }, false},
		{"8950Q", "19A", func(c *Census) { to2025(c); asmt(c).Factors = []string{"3A", "19A"} }, true},

		// CIN plans.
		{"4000", "NFA without a plan", none, false},
		{"4000", "NFA with a plan", func(c *Census) { nfaEp(c).CINPlans = []CINPlan{{Start: d("2023-09-11")}} }, true},
		{"4001", "CP plan ended", func(c *Census) { cinp(c).End = civil.Date{} }, false},
		{"4001", "both open", func(c *Census) { cinp(c).End, cpp(c).End = civil.Date{}, civil.Date{} }, true},
		{"4003", "review before the CIN plan", none, false},
		{"4003", "review the day the CP plan ended", func(c *Census) { cpp(c).Reviews = []civil.Date{cpp(c).End} }, false},
		{"4003", "review during the CIN plan", func(c *Census) { cpp(c).Reviews = []civil.Date{d("2023-12-01")} }, true},
		{"4004", "one open", func(c *Census) { openEp(c).CINPlans = []CINPlan{{Start: d("2024-03-01")}} }, false},
		{"4004", "two open", func(c *Census) {
			openEp(c).CINPlans = []CINPlan{{Start: d("2024-03-01")}, {Start: d("2024-03-05")}}
		}, true},
		{"4008", "started the day the child died", func(c *Census) { kidA(c).DeathDate = cinp(c).Start }, false},
		{"4008", "started after", func(c *Census) { kidA(c).DeathDate = cinp(c).Start.AddDays(-1) }, true},
		{"4009Q", "ended the day the child died", func(c *Census) { kidA(c).DeathDate = cinp(c).End }, false},
		{"4009Q", "ended after", func(c *Census) { kidA(c).DeathDate = cinp(c).End.AddDays(-1) }, true},
		{"4010", "started on the reference date", func(c *Census) { cinp(c).Start, cinp(c).End = ref2024, civil.Date{} }, false},
		{"4010", "no start", func(c *Census) { cinp(c).Start = civil.Date{} }, true},
		{"4010", "started after the reference date", func(c *Census) { cinp(c).Start = ref2024.AddDays(1) }, true},
		{"4011", "ended the day it started", func(c *Census) { cinp(c).End = cinp(c).Start }, false},
		{"4011", "ended before", func(c *Census) { cinp(c).End = cinp(c).Start.AddDays(-1) }, true},
		{"4012Q", "ended later", none, false},
		{"4012Q", "ended the day it started", func(c *Census) { cinp(c).End = cinp(c).Start }, true},
		{"4013", "ended on the reference date", func(c *Census) { cinp(c).End = ref2024 }, false},
		{"4013", "ended after", func(c *Census) { cinp(c).End = ref2024.AddDays(1) }, true},
		{"4014", "the next starts after the end", func(c *Census) {
			closedEp(c).CINPlans = append(closedEp(c).CINPlans, CINPlan{Start: d("2024-02-01"), End: d("2024-02-01")})
		}, false},
		{"4014", "the next starts during", func(c *Census) {
			closedEp(c).CINPlans = append(closedEp(c).CINPlans, CINPlan{Start: d("2023-12-01"), End: d("2024-01-10")})
		}, true},
		{"4015", "started the day of referral", func(c *Census) { cinp(c).Start = closedEp(c).ReferralDate }, false},
		{"4015", "started before", func(c *Census) { cinp(c).Start = closedEp(c).ReferralDate.AddDays(-1) }, true},
		{"4016", "started the day the CP plan ended", none, false},
		{"4016", "started during the CP plan", func(c *Census) { cinp(c).Start = d("2023-11-19") }, true},
		{"4017", "CP plan starts the day the CIN plan ended", func(c *Census) {
			closedEp(c).CINPlans = append(closedEp(c).CINPlans, CINPlan{Start: d("2023-05-20"), End: d("2023-05-24")})
		}, false},
		{"4017", "CP plan starts during a CIN plan", func(c *Census) {
			closedEp(c).CINPlans = append(closedEp(c).CINPlans, CINPlan{Start: d("2023-05-20"), End: d("2023-06-30")})
		}, true},

		// Section 47 enquiries and initial conferences.
		{"1104", "conference the day of referral", func(c *Census) { s47(c).DateOfInitialCPC = closedEp(c).ReferralDate }, false},
		{"1104", "enquiry's conference before", func(c *Census) { s47(c).DateOfInitialCPC = d("2023-04-28") }, true},
		{"1104", "episode's conference before", func(c *Census) { openEp(c).DateOfInitialCPC = d("2024-02-19") }, true},
		{"2884", "recorded once", none, false},
		{"2884", "recorded twice", func(c *Census) { closedEp(c).DateOfInitialCPC = s47(c).DateOfInitialCPC }, true},
		{"2889", "started the day of referral", func(c *Census) { s47(c).Start = closedEp(c).ReferralDate }, false},
		{"2889", "started before", func(c *Census) { s47(c).Start = d("2023-04-30") }, true},
		{"8615", "started the day of the conference", func(c *Census) { s47(c).Start = s47(c).DateOfInitialCPC }, false},
		{"8615", "started after it", func(c *Census) { s47(c).Start = d("2023-05-25") }, true},
		{"8615", "no start", func(c *Census) { s47(c).Start = civil.Date{} }, true},
		{"8675Q", "awaiting, started 15 working days before", awaitingS47(calendar.AddWorkingDays(ref2024, -15).String()), false},
		{"8675Q", "awaiting, started earlier", awaitingS47(calendar.AddWorkingDays(ref2024, -15).AddDays(-1).String()), true},
		{"8715", "conference on the first day", func(c *Census) { s47(c).DateOfInitialCPC = y2024.Start() }, false},
		{"8715", "enquiry's conference before the year", func(c *Census) { s47(c).DateOfInitialCPC = d("2023-03-31") }, true},
		{"8715", "episode's conference after", func(c *Census) { openEp(c).DateOfInitialCPC = d("2024-04-01") }, true},
		{"8740", "awaiting, started on the first day", awaitingS47("2023-04-01"), false},
		{"8740", "awaiting, started before the year", awaitingS47("2023-03-31"), true},
		{"8839", "one awaiting", awaitingS47("2024-03-01"), false},
		{"8839", "two awaiting", func(c *Census) { awaitingS47("2024-03-01")(c); awaitingS47("2024-03-05")(c) }, true},
		{"8870Q", "target on a Wednesday", none, false},
		{"8870Q", "target on a Saturday", func(c *Census) { s47(c).InitialCPCTarget = d("2023-05-27") }, true},
		{"8875", "conference on a Wednesday", none, false},
		{"8875", "enquiry's conference on a Saturday", func(c *Census) { s47(c).DateOfInitialCPC = d("2023-05-27") }, true},
		{"8875", "episode's conference on a Sunday", func(c *Census) { openEp(c).DateOfInitialCPC = d("2024-03-03") }, true},
		{"8890", "the next starts after the conference", func(c *Census) {
			closedEp(c).Section47s = append(closedEp(c).Section47s, Section47{Start: d("2023-05-25"), ICPCNotRequired: true})
		}, false},
		{"8890", "the next starts during", func(c *Census) {
			closedEp(c).Section47s = append(closedEp(c).Section47s, Section47{Start: d("2023-05-10"), ICPCNotRequired: true})
		}, true},

		// Child protection plans.
		{"1105", "started the day of referral", func(c *Census) { cpp(c).Start = closedEp(c).ReferralDate }, false},
		{"1105", "started before", func(c *Census) { cpp(c).Start = d("2023-04-30") }, true},
		{"2883", "a conference for each plan", none, false},
		{"2883", "more plans than conferences", func(c *Census) {
			openEp(c).CPPlans = []CPPlan{{Start: d("2024-03-01"), InitialCategory: "NEG", LatestCategory: "NEG"}}
		}, true},
		{"2885", "starts with the enquiry's conference", none, false},
		{"2885", "starts with the episode's conference", func(c *Census) {
			closedEp(c).Section47s, closedEp(c).DateOfInitialCPC = nil, d("2023-05-24")
		}, false},
		{"2885", "started before the year", func(c *Census) { cpp(c).Start = d("2023-03-01") }, false},
		{"2885", "starts on no conference's day", func(c *Census) { cpp(c).Start = d("2023-05-25") }, true},
		{"8720", "started on the reference date", func(c *Census) { cpp(c).Start, cpp(c).End = ref2024, civil.Date{} }, false},
		{"8720", "no start", func(c *Census) { cpp(c).Start = civil.Date{} }, true},
		{"8720", "started after the reference date", func(c *Census) { cpp(c).Start = ref2024.AddDays(1) }, true},
		{"8730", "none before (0)", none, false},
		{"8730", "a negative number", func(c *Census) { cpp(c).PreviousPlans = -1 }, true},
		{"8840", "ended later", none, false},
		{"8840", "ended the day it started", func(c *Census) { cpp(c).End = cpp(c).Start }, true},
		{"8841", "review the day after the start", func(c *Census) { cpp(c).Reviews = []civil.Date{cpp(c).Start.AddDays(1)} }, false},
		{"8841", "review the day of the start", func(c *Census) { cpp(c).Reviews = []civil.Date{cpp(c).Start} }, true},
		{"8842Q", "every review dated", none, false},
		{"8842Q", "a review without a date", func(c *Census) { cpp(c).Reviews = []civil.Date{{}} }, true},
		{"8905", "on the list", none, false},
		{"8905", "not on the list", func(c *Census) { cpp(c).InitialCategory = "ABC" }, true},
		{"8905", "missing", func(c *Census) { cpp(c).InitialCategory = "" }, true},
		{"8910", "on the list", none, false},
		{"8910", "missing", func(c *Census) { cpp(c).LatestCategory = "" }, true},
		{"8915", "started the day the child died", func(c *Census) { kidA(c).DeathDate = cpp(c).Start }, false},
		{"8915", "started after", func(c *Census) { kidA(c).DeathDate = cpp(c).Start.AddDays(-1) }, true},
		{"8920", "ended the day the child died", func(c *Census) { kidA(c).DeathDate = cpp(c).End }, false},
		{"8920", "ended after", func(c *Census) { kidA(c).DeathDate = cpp(c).End.AddDays(-1) }, true},
		{"8925", "ended after it started", none, false},
		{"8925", "ended before", func(c *Census) { cpp(c).End = cpp(c).Start.AddDays(-1) }, true},
		{"8930", "ended on the first day", func(c *Census) { cpp(c).End = y2024.Start() }, false},
		{"8930", "ended before the year", func(c *Census) { cpp(c).End = d("2023-03-31") }, true},
		{"8935", "one open", func(c *Census) { cpp(c).End = civil.Date{} }, false},
		{"8935", "two open", func(c *Census) {
			cpp(c).End = civil.Date{}
			openEp(c).CPPlans = []CPPlan{{Start: d("2024-03-01"), InitialCategory: "NEG", LatestCategory: "NEG"}}
		}, true},
		{"8940", "the next starts after the end", func(c *Census) {
			openEp(c).CPPlans = []CPPlan{{Start: d("2024-03-01"), InitialCategory: "NEG", LatestCategory: "NEG"}}
		}, false},
		{"8940", "the next starts during", func(c *Census) {
			openEp(c).CPPlans = []CPPlan{{Start: d("2023-06-01"), InitialCategory: "NEG", LatestCategory: "NEG"}}
		}, true},
	}
}

// TestRules runs each rule's function alone on clean() changed by each
// line of its table, and checks that it finds something exactly when the
// line says, and that what it finds points at a place in the census.
func TestRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			c := clean()
			tc.edit(&c)
			r, ok := ruleFor(RulesFor(c.Year), tc.rule)
			if !ok {
				t.Fatalf("rule %s is not a rule of %d", tc.rule, c.Year)
			}
			fn, ok := checks[tc.rule]
			if !ok {
				t.Fatalf("rule %s has no function", tc.rule)
			}
			got := fn(c, r)
			if (len(got) > 0) != tc.fail {
				t.Fatalf("fail = %v, want %v; findings: %+v", len(got) > 0, tc.fail, got)
			}
			for _, f := range got {
				checkLocation(t, c, f)
			}
		})
	}
}

// checkLocation fails unless a finding names a field and points at a
// child, episode and module the census has.
func checkLocation(t *testing.T, c Census, f Finding) {
	t.Helper()
	if f.Field == "" {
		t.Errorf("finding names no field: %+v", f)
	}
	if f.Child == -1 {
		if f.Episode != -1 || f.Module != "" || f.LAChildID != "" {
			t.Errorf("whole-return finding with a place: %+v", f)
		}
		return
	}
	if f.Child < 0 || f.Child >= len(c.Children) || c.Children[f.Child].LAChildID != f.LAChildID {
		t.Fatalf("finding names no child of the census: %+v", f)
	}
	if f.Episode == -1 {
		if f.Module != "" {
			t.Errorf("module without an episode: %+v", f)
		}
		return
	}
	eps := c.Children[f.Child].Episodes
	if f.Episode < 0 || f.Episode >= len(eps) {
		t.Fatalf("finding names no episode of the child: %+v", f)
	}
	e := eps[f.Episode]
	n := map[string]int{"": 0, "Assessments": len(e.Assessments), "CINPlanDates": len(e.CINPlans),
		"Section47": len(e.Section47s), "ChildProtectionPlans": len(e.CPPlans)}
	size, ok := n[f.Module]
	switch {
	case !ok:
		t.Errorf("unknown module %q", f.Module)
	case f.Module == "" && f.Index != -1:
		t.Errorf("index without a module: %+v", f)
	case f.Module != "" && (f.Index < 0 || f.Index >= size):
		t.Errorf("finding names no %s of the episode: %+v", f.Module, f)
	}
}

// Every rule of every year the list covers is either checked, with a
// passing and a failing line in the table, or explained; nothing is
// checked that is not a rule.
func TestEveryRuleIsCheckedOrExplained(t *testing.T) {
	pass, fail := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases() {
		if tc.fail {
			fail[tc.rule] = true
		} else {
			pass[tc.rule] = true
		}
	}
	known := map[string]bool{}
	for _, y := range []Year{2023, 2024, 2025} {
		for _, r := range RulesFor(y) {
			known[r.Code] = true
			_, checked := checks[r.Code]
			_, explained := notChecked[r.Code]
			switch {
			case checked && explained:
				t.Errorf("%d: rule %s is both checked and explained", y, r.Code)
			case !checked && !explained:
				t.Errorf("%d: rule %s is neither checked nor explained", y, r.Code)
			case checked && (!pass[r.Code] || !fail[r.Code]):
				t.Errorf("rule %s needs a passing and a failing line in ruleCases (pass %v, fail %v)", r.Code, pass[r.Code], fail[r.Code])
			}
		}
	}
	for code := range checks {
		if !known[code] {
			t.Errorf("checks has %s, which is not in the rule list", code)
		}
	}
	for code := range notChecked {
		if !known[code] {
			t.Errorf("notChecked has %s, which is not in the rule list", code)
		}
	}
}

func TestValidateCleanReturn(t *testing.T) {
	rep := Validate(clean())
	if len(rep.Findings) != 0 {
		t.Errorf("clean() has findings: %+v", rep.Findings)
	}
	if len(rep.Checked)+len(rep.NotChecked) != len(RulesFor(y2024)) {
		t.Errorf("%d checked and %d not, of %d rules", len(rep.Checked), len(rep.NotChecked), len(RulesFor(y2024)))
	}
	for _, u := range rep.NotChecked {
		if u.Reason == "" {
			t.Errorf("rule %s not checked without a reason", u.Rule.Code)
		}
	}
}

// Validate stamps each finding with its rule's code and the DfE's message,
// and counts queries apart from errors.
func TestValidateFindings(t *testing.T) {
	c := clean()
	closedEp(&c).ReasonForClosure = "RC0" // 8640
	kidA(&c).FormerUPN = "X"              // 1560Q
	rep := Validate(c)
	var codes []string
	for _, f := range rep.Findings {
		codes = append(codes, f.Rule)
		if f.Message == "" {
			t.Errorf("finding without a message: %+v", f)
		}
		if f.Query != strings.HasSuffix(f.Rule, "Q") {
			t.Errorf("query flag wrong: %+v", f)
		}
	}
	if !slices.Equal(codes, []string{"1560Q", "8640"}) {
		t.Fatalf("findings %v, want [1560Q 8640]: %+v", codes, rep.Findings)
	}
	f := rep.Findings[1]
	if f.LAChildID != "A1" || f.Child != 0 || f.Episode != 0 || f.Field != "ReasonForClosure" || f.Module != "" ||
		f.Message != "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)" {
		t.Errorf("8640 finding: %+v", f)
	}
	if rep.Errors() != 1 {
		t.Errorf("Errors() = %d, want 1", rep.Errors())
	}
}

// The sample written to the golden file breaks one rule only: a return of
// four children cannot use eight disability codes (2887Q, a query).
func TestValidateSample(t *testing.T) {
	rep := Validate(sample())
	var codes []string
	for _, f := range rep.Findings {
		codes = append(codes, f.Rule)
	}
	if !slices.Equal(codes, []string{"2887Q"}) {
		t.Errorf("sample findings %v, want [2887Q]: %+v", codes, rep.Findings)
	}
}

// A census without a year (a file whose <Year> could not be read) has no
// period for the rules: it fails rule 100 and nothing else runs.
func TestValidateWithoutYear(t *testing.T) {
	c := clean()
	c.Year = 0
	rep := Validate(c)
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "100" || len(rep.Checked) != 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestRulesFor(t *testing.T) {
	version := func(y Year, code string) string {
		r, ok := ruleFor(RulesFor(y), code)
		if !ok {
			return ""
		}
		return r.Ruleset
	}
	cases := []struct {
		year       Year
		code, want string
	}{
		{2023, "1530", "cin2022_23"},
		{2024, "1530", "cin2023_24"},
		{2025, "1530", "cin2023_24"},
		{2020, "8620", "cin2022_23"}, // the earliest list stands for earlier years
		{2024, "1570", ""},           // first published for 2024-25
		{2025, "1570", "cin2024_25"},
		{2024, "4180", "cin2022_23"},
		{2025, "4180", "cin2024_25"},
	}
	for _, c := range cases {
		if got := version(c.year, c.code); got != c.want {
			t.Errorf("%d %s: ruleset %q, want %q", c.year, c.code, got, c.want)
		}
	}
	r25, _ := ruleFor(RulesFor(2025), "4180")
	r24, _ := ruleFor(RulesFor(2024), "4180")
	if !slices.Equal(r25.Codes, []string{"M", "F", "U"}) || !slices.Equal(r24.Codes, []string{"1", "2", "0", "9"}) {
		t.Errorf("4180 codes: 2024 %v, 2025 %v", r24.Codes, r25.Codes)
	}
	all := RulesFor(2024)
	if !slices.IsSortedFunc(all, func(a, b Rule) int { return compareCodes(a.Code, b.Code) }) {
		t.Error("rules not in code order")
	}
}

// The rule list must be read whole: a short line or a wrong header is an
// error, not a rule quietly lost.
func TestParseRulesRefusesABrokenList(t *testing.T) {
	head := "code\truleset\ttables\tfields\tmessage\tdefinition\tcode_lists_in_rule\n"
	for name, tsv := range map[string]string{
		"header":     "code\tmessage\n",
		"short line": head + "100\tcin2022_23\tHeader\n",
		"ruleset":    head + "100\tcin22\tHeader\t[ReferenceDate]\tm\td\t\n",
	} {
		if _, err := parseRules(tsv); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	rs, err := parseRules(head + "8640\tcin2022_23\tCINdetails\t[ReasonForClosure]\tm\t\tRC1 RC2\n")
	if err != nil || len(rs) != 1 || !slices.Equal(rs[0].Codes, []string{"RC1", "RC2"}) || !slices.Equal(rs[0].Fields, []string{"ReasonForClosure"}) {
		t.Errorf("parse: %+v, %v", rs, err)
	}
}

// The code lists the rules carry are the schema's: a change to one shows
// up here.
func TestRuleCodeListsMatchTheSchema(t *testing.T) {
	schema, err := schemaCodes()
	if err != nil {
		t.Fatal(err)
	}
	for code, typ := range map[string]string{
		"4220": "ethnicitytype", "8540": "disabilitytype", "8866": "referralsourcetype",
		"8905": "categoryofabuse", "8910": "categoryofabuse", "8650": "primaryneedcodetype",
		"8640": "reasonforclosuretype",
	} {
		r, _ := ruleFor(RulesFor(y2024), code)
		got, want := slices.Sorted(slices.Values(r.Codes)), slices.Sorted(slices.Values(schema[typ]))
		if !slices.Equal(got, want) {
			t.Errorf("rule %s codes %v, schema's %s %v", code, got, typ, want)
		}
	}
}

// schemaCodes reads each named simple type's enumeration from the DfE's
// schema in testdata.
func schemaCodes() (map[string][]string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "cin-census-schema-2024.xsd"))
	if err != nil {
		return nil, err
	}
	var s struct {
		Types []struct {
			Name   string `xml:"name,attr"`
			Values []struct {
				Value string `xml:"value,attr"`
			} `xml:"restriction>enumeration"`
		} `xml:"simpleType"`
	}
	if err := xml.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, t := range s.Types {
		for _, v := range t.Values {
			out[t.Name] = append(out[t.Name], v.Value)
		}
	}
	return out, nil
}
