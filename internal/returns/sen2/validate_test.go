package sen2

import (
	"testing"
)

// clean is the sample with the gaps it leaves filled in (Ella's birth date,
// Dev's received date, an exception on Ella's late plan), which no rule
// finds fault with. Persons: 0 Ella, 1 Ben, 2 Chloe, 3 Amara, 4 Dev.
func clean() Return {
	r := sample()
	r.Persons[0].BirthDate = d("2013-04-02")
	r.Persons[0].Requests[0].Assessment.Week20 = Yes
	r.Persons[4].Requests[0].Received = d("2018-11-05")
	return r
}

func TestCleanPasses(t *testing.T) {
	if fs := Validate(clean()); len(fs) > 0 {
		t.Errorf("findings on the clean return: %+v", fs)
	}
}

func ruleByCode(t *testing.T, code string) Rule {
	t.Helper()
	for _, r := range Rules {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no rule %q", code)
	return Rule{}
}

// amara is the request with a plan issued and active (person 3).
func amara(r *Return) *Request { return &r.Persons[3].Requests[0] }

// ben2 is Ben's second request: agreed, the assessment under way.
func ben2(r *Return) *Request { return &r.Persons[1].Requests[1] }

// dev is the request of the ceased historical plan (person 4).
func dev(r *Return) *Request { return &r.Persons[4].Requests[0] }

// TestRules runs each rule alone on the clean return changed one way:
// each case says whether the rule must find the change (fail) or not
// (pass). Every rule has at least one of each.
func TestRules(t *testing.T) {
	cases := []struct {
		rule, name string
		change     func(r *Return)
		fail       bool
	}{
		{"header-lea", "three digits", func(r *Return) { r.Header.LEA = "201" }, false},
		{"header-lea", "two digits", func(r *Return) { r.Header.LEA = "99" }, true},
		{"header-lea", "letters", func(r *Return) { r.Header.LEA = "ABC" }, true},

		{"person-details", "all given", func(r *Return) {}, false},
		{"person-details", "no surname", func(r *Return) { r.Persons[1].Surname = " " }, true},
		{"person-details", "no sex", func(r *Return) { r.Persons[1].Sex = "" }, true},
		{"person-details", "no birth date", func(r *Return) { r.Persons[1].BirthDate = d("") }, true},

		{"person-identifier", "ULN only", func(r *Return) { r.Persons[1].UPN, r.Persons[1].ULN = "", "1234567890" }, false},
		{"person-identifier", "none and no reason", func(r *Return) { r.Persons[1].UPN = "" }, true},
		{"person-identifier", "UPN and a reason", func(r *Return) { r.Persons[1].UPNUnknown = "UN2" }, true},

		{"upn", "valid", func(r *Return) {}, false},
		{"upn", "wrong check letter", func(r *Return) { r.Persons[1].UPN = "A938201100002" }, true},
		{"upn", "12 characters", func(r *Return) { r.Persons[1].UPN = "V93820110000" }, true},

		// 6 on 17 January 2025, the day after the census day.
		{"upnunknown-un1", "5 on the census day", func(r *Return) { r.Persons[0].UPNUnknown, r.Persons[0].BirthDate = "UN1", d("2019-01-17") }, false},
		{"upnunknown-un1", "6 on the census day", func(r *Return) { r.Persons[0].UPNUnknown, r.Persons[0].BirthDate = "UN1", d("2019-01-16") }, true},

		{"codes", "known", func(r *Return) {}, false},
		{"codes", "unknown ethnicity", func(r *Return) { r.Persons[1].Ethnicity = "XXXX" }, true},
		{"codes", "SEN support's NSA in a plan", func(r *Return) { amara(r).ActivePlan.Needs[1].Type = "NSA" }, true},
		{"codes", "flag not 1 or 0", func(r *Return) { amara(r).Assessment.Week20 = "Y" }, true},
		{"codes", "cease reason 10", func(r *Return) { dev(r).Assessment.Plan.CeaseReason = "10" }, true},

		{"duplicate-person", "same name, other birth date", func(r *Return) {
			r.Persons[1].UPN, r.Persons[1].UPNUnknown = "", "UN5"
			r.Persons[2].UPN, r.Persons[2].UPNUnknown = "", "UN5"
			r.Persons[2].Surname, r.Persons[2].Forename = r.Persons[1].Surname, r.Persons[1].Forename
		}, false},
		{"duplicate-person", "same UPN", func(r *Return) { r.Persons[2].UPN = r.Persons[1].UPN }, true},
		{"duplicate-person", "same name and birth date", func(r *Return) {
			r.Persons[1].UPN, r.Persons[1].UPNUnknown = "", "UN5"
			r.Persons[2].UPN, r.Persons[2].UPNUnknown = "", "UN5"
			r.Persons[2].Surname, r.Persons[2].Forename, r.Persons[2].BirthDate = "CARTER", "Ben", r.Persons[1].BirthDate
		}, true},

		{"received", "last day of the period", func(r *Return) { ben2(r).Received = d("2024-12-31") }, false},
		{"received", "missing", func(r *Return) { ben2(r).Received = d("") }, true},
		{"received", "after the period", func(r *Return) { ben2(r).Received = d("2025-01-02") }, true},

		{"request-outcome-date", "N with its date", func(r *Return) {}, false},
		{"request-outcome-date", "Y without a date", func(r *Return) { ben2(r).OutcomeDate = d("") }, true},
		{"request-outcome-date", "H with a date", func(r *Return) { r.Persons[2].Requests[0].OutcomeDate = d("2024-01-05") }, true},
		{"request-outcome-date", "no outcome", func(r *Return) { r.Persons[1].Requests[0].Outcome, r.Persons[1].Requests[0].OutcomeDate = "", d("") }, true},

		{"outcome-in-period", "first day of the period", func(r *Return) { r.Persons[1].Requests[0].OutcomeDate = d("2024-01-01") }, false},
		{"outcome-in-period", "the day before", func(r *Return) { r.Persons[1].Requests[0].OutcomeDate = d("2023-12-31") }, true},
		{"outcome-in-period", "plan issued after the period", func(r *Return) { amara(r).Assessment.OutcomeDate = d("2025-01-06") }, true},

		{"dates-in-order", "decided the day received", func(r *Return) { r.Persons[1].Requests[0].OutcomeDate = d("2024-03-04") }, false},
		{"dates-in-order", "decided before received", func(r *Return) { r.Persons[1].Requests[0].OutcomeDate = d("2024-03-01") }, true},
		{"dates-in-order", "plan before the request", func(r *Return) { dev(r).Received = d("2019-04-01") }, true},
		{"dates-in-order", "born after the request", func(r *Return) { r.Persons[1].BirthDate = d("2024-03-05") }, true},
		{"dates-in-order", "leap day, then the plan", func(r *Return) {}, false},

		{"no-date-after-census", "ceased on the census day", func(r *Return) { dev(r).Assessment.Plan.CeaseDate = d("2025-01-16") }, false},
		{"no-date-after-census", "ceased the day after", func(r *Return) { dev(r).Assessment.Plan.CeaseDate = d("2025-01-17") }, true},
		{"no-date-after-census", "review after", func(r *Return) { amara(r).ActivePlan.ReviewMeeting = d("2025-02-03") }, true},

		{"assessment-after-yes", "H with an assessment", func(r *Return) {}, false},
		{"assessment-after-yes", "Y without one", func(r *Return) { ben2(r).Assessment = nil }, true},
		{"assessment-after-yes", "N with one", func(r *Return) { r.Persons[1].Requests[0].Assessment = &Assessment{Outcome: "A"} }, true},

		{"assessment-outcome-date", "Y, plan not yet issued", func(r *Return) { ben2(r).Assessment.Outcome = "Y" }, false},
		{"assessment-outcome-date", "N without a date", func(r *Return) { ben2(r).Assessment.Outcome = "N" }, true},
		{"assessment-outcome-date", "A with a date", func(r *Return) { ben2(r).Assessment.OutcomeDate = d("2024-12-02") }, true},
		{"assessment-outcome-date", "Y not the plan's day", func(r *Return) { amara(r).Assessment.OutcomeDate = d("2024-07-12") }, true},

		{"named-plan", "H with a plan", func(r *Return) {}, false},
		{"named-plan", "issued, not reported", func(r *Return) { amara(r).Assessment.Plan, amara(r).ActivePlan = nil, nil }, true},
		{"named-plan", "plan under N", func(r *Return) {
			ben2(r).Assessment.Outcome, ben2(r).Assessment.OutcomeDate = "N", d("2024-12-02")
			ben2(r).Assessment.Plan = &NamedPlan{Start: d("2024-12-02")}
		}, true},
		{"named-plan", "no start date", func(r *Return) { dev(r).Assessment.Plan.Start = d("") }, true},

		{"week20", "A without week20", func(r *Return) {}, false},
		{"week20", "issued without week20", func(r *Return) { amara(r).Assessment.Week20 = "" }, true},

		// Received 29 February 2024: 20 weeks is 18 July.
		{"twenty-weeks", "issued on the 140th day", func(r *Return) {
			amara(r).Assessment.OutcomeDate, amara(r).Assessment.Plan.Start = d("2024-07-18"), d("2024-07-18")
		}, false},
		{"twenty-weeks", "issued on the 141st day", func(r *Return) {
			amara(r).Assessment.OutcomeDate, amara(r).Assessment.Plan.Start = d("2024-07-19"), d("2024-07-19")
		}, true},
		{"twenty-weeks", "late with an exception", func(r *Return) {}, false},
		{"twenty-weeks", "late, exception not recorded", func(r *Return) { r.Persons[2].Requests[0].Assessment.Week20 = No }, true},

		{"cease", "date and reason", func(r *Return) {}, false},
		{"cease", "date without reason", func(r *Return) { dev(r).Assessment.Plan.CeaseReason = "" }, true},
		{"cease", "reason without date", func(r *Return) { dev(r).Assessment.Plan.CeaseDate = d("") }, true},
		{"cease", "ceased before it began", func(r *Return) { dev(r).Assessment.Plan.CeaseDate = d("2019-02-28") }, true},

		{"one-active-plan", "one", func(r *Return) {}, false},
		{"one-active-plan", "two", func(r *Return) {
			p := &r.Persons[3]
			p.Requests = append(p.Requests, p.Requests[0])
		}, true},
		{"one-active-plan", "ceased by the census day", func(r *Return) { amara(r).Assessment.Plan.CeaseDate = d("2025-01-16") }, true},
		{"one-active-plan", "ceasing after the census day", func(r *Return) { amara(r).Assessment.Plan.CeaseDate = d("2025-01-17") }, false},
		{"one-active-plan", "no plan for it", func(r *Return) { amara(r).Assessment.Plan = nil }, true},

		{"sen-need", "primary and secondary", func(r *Return) {}, false},
		{"sen-need", "none", func(r *Return) { amara(r).ActivePlan.Needs = nil }, true},
		{"sen-need", "two primaries", func(r *Return) { amara(r).ActivePlan.Needs[1].Rank = 1 }, true},
		{"sen-need", "one type twice", func(r *Return) { amara(r).ActivePlan.Needs[1].Type = "ASD" }, true},
		{"sen-need", "three needs", func(r *Return) {
			amara(r).ActivePlan.Needs = append(amara(r).ActivePlan.Needs, Need{Type: "MLD", Rank: 2})
		}, true},

		{"setting", "a UKPRN", func(r *Return) { amara(r).Assessment.Plan.Settings[0] = Setting{UKPRN: "10001234", Rank: 1} }, false},
		{"setting", "URN and a kind", func(r *Return) { amara(r).Assessment.Plan.Settings[0].SENSetting = "OTH" }, true},
		{"setting", "nothing named", func(r *Return) { amara(r).Assessment.Plan.Settings[0].URN = "" }, true},
		{"setting", "7-digit URN", func(r *Return) { amara(r).ActivePlan.Placements[0].URN = "1000011" }, true},
		{"setting", "7-digit UKPRN", func(r *Return) { amara(r).Assessment.Plan.Settings[0] = Setting{UKPRN: "1000123", Rank: 1} }, true},
		{"setting", "two primaries", func(r *Return) {
			ap := amara(r).ActivePlan
			ap.Placements = append(ap.Placements, Setting{URN: "100009", Rank: 1})
		}, true},
		{"setting", "dual registration", func(r *Return) {
			ap := amara(r).ActivePlan
			ap.Placements = append(ap.Placements, Setting{URN: "100009", Rank: 2})
		}, false},

		{"setting-other", "with OTH", func(r *Return) {
			r.Persons[2].Requests[0].Assessment.Plan.Settings[0] = Setting{SENSetting: "OTH", SENSettingOther: "Hospital school", Rank: 1}
		}, false},
		{"setting-other", "with OLA", func(r *Return) {
			r.Persons[2].Requests[0].Assessment.Plan.Settings[0].SENSettingOther = "Tuition"
		}, true},

		{"placement-dates", "left the day it began", func(r *Return) { amara(r).ActivePlan.Placements[0].Leaving = d("2020-09-01") }, false},
		{"placement-dates", "left before it began", func(r *Return) { amara(r).ActivePlan.Placements[0].Leaving = d("2020-08-31") }, true},

		{"review-dates", "decision after the meeting", func(r *Return) {
			ap := amara(r).ActivePlan
			ap.ReviewMeeting, ap.LastReview, ap.ReviewOutcome = d("2024-12-02"), d("2024-12-20"), "maintain"
		}, false},
		{"review-dates", "decision before the meeting", func(r *Return) {
			ap := amara(r).ActivePlan
			ap.ReviewMeeting, ap.LastReview, ap.ReviewOutcome = d("2024-12-02"), d("2024-11-20"), "maintain"
		}, true},
		{"review-dates", "decision without its outcome", func(r *Return) {
			ap := amara(r).ActivePlan
			ap.ReviewMeeting, ap.LastReview = d("2024-12-02"), d("2024-12-20")
		}, true},
		{"review-dates", "meeting before the plan", func(r *Return) { amara(r).ActivePlan.ReviewMeeting = d("2024-07-01") }, true},
	}
	seen := map[string][2]bool{}
	for _, c := range cases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			rule := ruleByCode(t, c.rule)
			r := clean()
			c.change(&r)
			fs := rule.check(r)
			if c.fail && len(fs) == 0 {
				t.Error("the rule found nothing")
			}
			if !c.fail && len(fs) > 0 {
				t.Errorf("the rule found %+v", fs)
			}
			for _, f := range fs {
				if f.Path == "" || f.Message == "" {
					t.Errorf("finding without a path or message: %+v", f)
				}
			}
		})
		s := seen[c.rule]
		if c.fail {
			s[1] = true
		} else {
			s[0] = true
		}
		seen[c.rule] = s
	}
	for _, r := range Rules {
		if s := seen[r.Code]; !s[0] || !s[1] {
			t.Errorf("rule %s has no pass case or no fail case", r.Code)
		}
	}
}

// TestValidateNoYear: a return with no year Hearth reads gets the one
// finding about its year, and no rule is run without a census day.
func TestValidateNoYear(t *testing.T) {
	r := clean()
	r.Year = 0
	fs := Validate(r)
	if len(fs) != 1 || fs[0].Rule != "year" {
		t.Errorf("findings: %+v", fs)
	}
}

// TestFindingPath: a finding's path is the one ReadXML would report for
// the element, so a page can point at the same place either way.
func TestFindingPath(t *testing.T) {
	r := clean()
	amara(&r).Assessment.Plan.CeaseReason = "4" // a reason, and the date missing
	fs := ruleByCode(t, "cease").check(r)
	want := "/message/persons/person[4]/requests[1]/assessment/namedplan/ceasedate"
	if len(fs) != 1 || fs[0].Path != want || fs[0].Person != 3 || fs[0].Field != "ceasedate" {
		t.Errorf("findings: %+v, want the path %s", fs, want)
	}
}
