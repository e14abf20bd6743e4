package sen2

import (
	"fmt"
	"strings"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// Finding is one place where a return breaks one rule: the rule, its
// message, the person (index in Return.Persons; -1 for the header) and the
// element's path in the file as WriteXML writes it, so a page can point at
// the field to fix. A query is a flag to look at (a plan issued late
// without an exception) rather than an error.
type Finding struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Query   bool   `json:"query"`
	Person  int    `json:"person"`
	Path    string `json:"path"`
	Field   string `json:"field"`
}

// Rule is one check of the return. The codes are Hearth's own: the
// reference table gives the return's fields and code lists but not the
// DfE's validation rules and their numbers, so each rule here is what a
// field's definition in the table implies, and none claims to be one of
// the DfE's.
type Rule struct {
	Code  string
	Query bool
	// Says what the rule is, in a sentence.
	Says  string
	check func(r Return) []Finding
}

// Rules are every check Validate runs, in order.
var Rules = []Rule{
	{"header-lea", false, "The council's number (lea) is three digits", checkLEA},
	{"person-details", false, "Each person has a surname, forename, date of birth, sex and ethnicity", checkPersonDetails},
	{"person-identifier", false, "Each person has a UPN or ULN, or else a reason neither is held (upnunknown), never both", checkIdentifier},
	{"upn", false, "A UPN is 13 characters with the DfE's check letter", checkUPN},
	{"upnunknown-un1", false, "UN1 (not yet assigned a UPN) is only for a child under 6 on the census day", checkUN1},
	{"codes", false, "Every coded item holds a code of its list", checkCodes},
	{"duplicate-person", false, "A person appears once in the return", checkDuplicates},
	{"received", false, "Each request has the date it was received, no later than the end of the period", checkReceived},
	{"request-outcome-date", false, "A request's outcome date is given with outcomes Y and N and blank with A, W and H", checkRequestOutcomeDate},
	{"outcome-in-period", false, "An outcome date falls within the period (an earlier decision is H, a later one not yet made)", checkOutcomeInPeriod},
	{"dates-in-order", false, "The request comes before the decision to assess, which comes before the plan (and the birth before all)", checkOrder},
	{"no-date-after-census", false, "No date is after the census day", checkAfterCensus},
	{"assessment-after-yes", false, "An assessment is reported when, and only when, the council decided to assess (Y, or H)", checkAssessmentFollows},
	{"assessment-outcome-date", false, "An assessment outcome date is given with N, blank with A, W and H, and with Y is the day the plan was issued", checkAssessmentOutcomeDate},
	{"named-plan", false, "A plan is reported under an assessment whose outcome is Y or H, and one issued (Y with a date) is reported", checkNamedPlan},
	{"week20", false, "Whether the 20-week exceptions applied (week20) is given when the assessment decision is dated", checkWeek20},
	{"twenty-weeks", true, "A plan issued more than 20 weeks after the request has an exception (week20 1)", checkTwentyWeeks},
	{"cease", false, "A plan's ceasing date and reason are given together, the date not before the plan's start", checkCease},
	{"one-active-plan", false, "A person has at most one active plan, and an active plan is one not ceased by the census day", checkOneActivePlan},
	{"sen-need", false, "An active plan has a primary need and at most a secondary one, of different types", checkSENNeed},
	{"setting", false, "A setting is a URN (6 digits), a UKPRN (8 digits) or a kind of setting: exactly one; ranks 1 and 2 once each", checkSetting},
	{"setting-other", true, "Other detail of a setting (sensettingother) goes with the kind OTH", checkSettingOther},
	{"placement-dates", false, "A placement's leaving date is not before its entry date", checkPlacementDates},
	{"review-dates", false, "A review decision comes after its meeting, with its outcome, and the meeting after the plan began", checkReviewDates},
}

// Validate runs every rule on the return. It never fails: a return read
// from a file with problems is checked for what it holds.
func Validate(r Return) []Finding {
	if r.Year < FirstYear || r.Year > 9999 {
		// A return with no year Hearth reads (a file whose <year> could
		// not be read) has no period or census day for any rule to use.
		return []Finding{{Rule: "year", Person: -1, Path: "/message/header/year", Field: "year",
			Message: fmt.Sprintf("The return's year (%d) is not one Hearth reads: the returns from %d", r.Year, FirstYear)}}
	}
	var out []Finding
	for _, rule := range Rules {
		for _, f := range rule.check(r) {
			f.Rule, f.Query = rule.Code, rule.Query
			out = append(out, f)
		}
	}
	return out
}

// Paths, as ReadXML reports them.

func personPath(i int) string { return fmt.Sprintf("/message/persons/person[%d]", i+1) }

func requestPath(i, j int) string { return fmt.Sprintf("%s/requests[%d]", personPath(i), j+1) }

func at(i int, path, field, msg string, args ...any) Finding {
	if field != "" {
		path += "/" + field
	}
	return Finding{Person: i, Path: path, Field: field, Message: fmt.Sprintf(msg, args...)}
}

// eachRequest calls fn with each request and its path.
func eachRequest(r Return, fn func(i int, p Person, q Request, path string)) {
	for i, p := range r.Persons {
		for j, q := range p.Requests {
			fn(i, p, q, requestPath(i, j))
		}
	}
}

func checkLEA(r Return) []Finding {
	if len(r.Header.LEA) == 3 && allDigits(r.Header.LEA) {
		return nil
	}
	return []Finding{at(-1, "/message/header", "lea", "Give the council's three-digit number, not %q", r.Header.LEA)}
}

func checkPersonDetails(r Return) []Finding {
	var out []Finding
	for i, p := range r.Persons {
		for _, m := range []struct{ field, value string }{
			{"surname", p.Surname}, {"forename", p.Forename}, {"personbirthdate", date(p.BirthDate)},
			{"sex", p.Sex}, {"ethnicity", p.Ethnicity},
		} {
			if strings.TrimSpace(m.value) == "" {
				out = append(out, at(i, personPath(i), m.field, "The person's %s is missing", m.field))
			}
		}
	}
	return out
}

func checkIdentifier(r Return) []Finding {
	var out []Finding
	for i, p := range r.Persons {
		held := p.UPN != "" || p.ULN != ""
		switch {
		case !held && p.UPNUnknown == "":
			out = append(out, at(i, personPath(i), "upnunknown", "Give the UPN or ULN, or the reason neither is held"))
		case held && p.UPNUnknown != "":
			out = append(out, at(i, personPath(i), "upnunknown", "A reason for no UPN or ULN is given with one"))
		}
	}
	return out
}

func checkUPN(r Return) []Finding {
	var out []Finding
	for i, p := range r.Persons {
		if p.UPN != "" && !people.ValidUPN(p.UPN) {
			out = append(out, at(i, personPath(i), "upn", "%q is not a UPN (13 characters, with the DfE's check letter)", truncate(p.UPN)))
		}
	}
	return out
}

func checkUN1(r Return) []Finding {
	var out []Finding
	ref := r.Year.ReferenceDate()
	for i, p := range r.Persons {
		if p.UPNUnknown == "UN1" && !p.BirthDate.IsZero() && p.BirthDate.AgeOn(ref) >= 6 {
			out = append(out, at(i, personPath(i), "upnunknown", "UN1 is for a child under 6; this one was %d on the census day", p.BirthDate.AgeOn(ref)))
		}
	}
	return out
}

// checkCodes checks every coded item: a file read by ReadXML has had its
// codes checked there, but a return built from records carries the records'
// codes as they are.
func checkCodes(r Return) []Finding {
	var out []Finding
	code := func(i int, path, field, v string, list []string) {
		if v != "" && !has(list, v) {
			out = append(out, at(i, path, field, "%q is not a code of <%s>", truncate(v), field))
		}
	}
	flag := func(i int, path, field string, v Flag) { code(i, path, field, string(v), Flags) }
	ethnicity := people.EthnicityCodes.Codes()
	for i, p := range r.Persons {
		pp := personPath(i)
		code(i, pp, "sex", p.Sex, SexCodes)
		code(i, pp, "ethnicity", p.Ethnicity, ethnicity)
		code(i, pp, "upnunknown", p.UPNUnknown, UPNUnknownCodes)
		for j, q := range p.Requests {
			rp := requestPath(i, j)
			code(i, rp, "requestoutcome", q.Outcome, RequestOutcomes)
			flag(i, rp, "rya", q.RYA)
			flag(i, rp, "requestmediation", q.Mediation)
			flag(i, rp, "requesttribunal", q.Tribunal)
			flag(i, rp, "exported", q.Exported)
			if a := q.Assessment; a != nil {
				ap := rp + "/assessment"
				code(i, ap, "assessmentoutcome", a.Outcome, AssessmentOutcomes)
				for field, v := range map[string]Flag{"assessmentmediation": a.Mediation, "assessmenttribunal": a.Tribunal,
					"othermediation": a.OtherMediation, "othertribunal": a.OtherTribunal, "week20": a.Week20} {
					flag(i, ap, field, v)
				}
				if np := a.Plan; np != nil {
					npp := ap + "/namedplan"
					code(i, npp, "ceasereason", np.CeaseReason, CeaseReasons)
					flag(i, npp, "pb", np.PB)
					flag(i, npp, "oa", np.OA)
					flag(i, npp, "dp", np.DP)
					for k, s := range np.Settings {
						settingCodes(i, fmt.Sprintf("%s/plandetail[%d]", npp, k+1), s, code, flag)
					}
				}
			}
			if ap := q.ActivePlan; ap != nil {
				app := rp + "/activeplans"
				flag(i, app, "transferla", ap.TransferLA)
				code(i, app, "reviewoutcome", ap.ReviewOutcome, ReviewOutcomes)
				for k, s := range ap.Placements {
					settingCodes(i, fmt.Sprintf("%s/placementdetail[%d]", app, k+1), s, code, flag)
				}
				for k, n := range ap.Needs {
					code(i, fmt.Sprintf("%s/senneed[%d]", app, k+1), "sentype", n.Type, SENTypes)
				}
			}
		}
	}
	// Out-of-order results would depend on map order; keep them by path.
	sortFindings(out)
	return out
}

func settingCodes(i int, path string, s Setting, code func(int, string, string, string, []string), flag func(int, string, string, Flag)) {
	code(i, path, "sensetting", s.SENSetting, SENSettings)
	flag(i, path, "senunitindicator", s.SENUnit)
	flag(i, path, "resourcedprovisionindicator", s.ResourcedProvision)
}

func sortFindings(fs []Finding) {
	// Insertion sort: a rule's findings are few.
	for a := 1; a < len(fs); a++ {
		for b := a; b > 0 && fs[b].Path < fs[b-1].Path; b-- {
			fs[b], fs[b-1] = fs[b-1], fs[b]
		}
	}
}

func checkDuplicates(r Return) []Finding {
	var out []Finding
	first := map[string]int{}
	for i, p := range r.Persons {
		key := identity(p)
		if key == "" {
			continue
		}
		if j, dup := first[key]; dup {
			out = append(out, at(i, personPath(i), "", "The person is also %s (the same %s)", personPath(j), strings.SplitN(key, ":", 2)[0]))
			continue
		}
		first[key] = i
	}
	return out
}

func checkReceived(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		switch {
		case q.Received.IsZero():
			out = append(out, at(i, path, "receiveddate", "The date the request was received is missing"))
		case q.Received.After(r.Year.PeriodEnd()):
			out = append(out, at(i, path, "receiveddate", "The request was received on %s, after the period ended on %s", q.Received, r.Year.PeriodEnd()))
		}
	})
	return out
}

func checkRequestOutcomeDate(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		switch {
		case (q.Outcome == "Y" || q.Outcome == "N") && q.OutcomeDate.IsZero():
			out = append(out, at(i, path, "requestoutcomedate", "Give the date the family was told the decision (%s)", q.Outcome))
		case (q.Outcome == "A" || q.Outcome == "W" || q.Outcome == "H") && !q.OutcomeDate.IsZero():
			out = append(out, at(i, path, "requestoutcomedate", "An outcome date is not given with outcome %s", q.Outcome))
		case q.Outcome == "":
			out = append(out, at(i, path, "requestoutcome", "The request's outcome is missing"))
		}
	})
	return out
}

func checkOutcomeInPeriod(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		if !q.OutcomeDate.IsZero() && !r.Year.InPeriod(q.OutcomeDate) {
			out = append(out, at(i, path, "requestoutcomedate", "%s is outside the period %s to %s", q.OutcomeDate, r.Year.PeriodStart(), r.Year.PeriodEnd()))
		}
		if a := q.Assessment; a != nil && !a.OutcomeDate.IsZero() && !r.Year.InPeriod(a.OutcomeDate) {
			out = append(out, at(i, path+"/assessment", "assessmentoutcomedate", "%s is outside the period %s to %s", a.OutcomeDate, r.Year.PeriodStart(), r.Year.PeriodEnd()))
		}
	})
	return out
}

// checkOrder checks that each step's date follows the one before: birth,
// request received, decision to assess, decision after the assessment and
// the plan's start.
func checkOrder(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, p Person, q Request, path string) {
		type step struct {
			path, field string
			on          civil.Date
		}
		steps := []step{{personPath(i), "personbirthdate", p.BirthDate}, {path, "receiveddate", q.Received}, {path, "requestoutcomedate", q.OutcomeDate}}
		if a := q.Assessment; a != nil {
			steps = append(steps, step{path + "/assessment", "assessmentoutcomedate", a.OutcomeDate})
			if a.Plan != nil {
				steps = append(steps, step{path + "/assessment/namedplan", "startdate", a.Plan.Start})
			}
		}
		var last step
		for _, s := range steps {
			if s.on.IsZero() {
				continue
			}
			if !last.on.IsZero() && s.on.Before(last.on) {
				out = append(out, at(i, s.path, s.field, "%s is before the %s (%s)", s.on, last.field, last.on))
			}
			last = s
		}
	})
	return out
}

func checkAfterCensus(r Return) []Finding {
	var out []Finding
	ref := r.Year.ReferenceDate()
	after := func(i int, path, field string, d civil.Date) {
		if d.After(ref) {
			out = append(out, at(i, path, field, "%s is after the census day (%s)", d, ref))
		}
	}
	for i, p := range r.Persons {
		after(i, personPath(i), "personbirthdate", p.BirthDate)
		for j, q := range p.Requests {
			rp := requestPath(i, j)
			after(i, rp, "receiveddate", q.Received)
			after(i, rp, "requestoutcomedate", q.OutcomeDate)
			if a := q.Assessment; a != nil {
				after(i, rp+"/assessment", "assessmentoutcomedate", a.OutcomeDate)
				if np := a.Plan; np != nil {
					after(i, rp+"/assessment/namedplan", "startdate", np.Start)
					after(i, rp+"/assessment/namedplan", "ceasedate", np.CeaseDate)
				}
			}
			if ap := q.ActivePlan; ap != nil {
				app := rp + "/activeplans"
				after(i, app, "reviewmeeting", ap.ReviewMeeting)
				after(i, app, "lastreview", ap.LastReview)
				after(i, app, "reviewdraft", ap.ReviewDraft)
				after(i, app, "phasetransferfinaldate", ap.PhaseTransferFinal)
				for k, s := range ap.Placements {
					after(i, fmt.Sprintf("%s/placementdetail[%d]", app, k+1), "entrydate", s.Entry)
				}
			}
		}
	}
	return out
}

func checkAssessmentFollows(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		switch {
		case q.Outcome == "Y" && q.Assessment == nil:
			out = append(out, at(i, path, "assessment", "The council decided to assess: report the assessment"))
		case q.Assessment != nil && q.Outcome != "Y" && q.Outcome != "H":
			out = append(out, at(i, path, "assessment", "An assessment is reported for a request whose outcome is %q", q.Outcome))
		}
	})
	return out
}

func checkAssessmentOutcomeDate(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		a := q.Assessment
		if a == nil {
			return
		}
		ap := path + "/assessment"
		switch {
		case a.Outcome == "":
			out = append(out, at(i, ap, "assessmentoutcome", "The assessment's outcome is missing"))
		case a.Outcome == "N" && a.OutcomeDate.IsZero():
			out = append(out, at(i, ap, "assessmentoutcomedate", "Give the date the family was told no plan would be issued"))
		case (a.Outcome == "A" || a.Outcome == "W" || a.Outcome == "H") && !a.OutcomeDate.IsZero():
			out = append(out, at(i, ap, "assessmentoutcomedate", "An outcome date is not given with outcome %s", a.Outcome))
		case a.Outcome == "Y" && !a.OutcomeDate.IsZero() && a.Plan != nil && a.Plan.Start != a.OutcomeDate:
			out = append(out, at(i, ap, "assessmentoutcomedate", "With Y the date is the day the plan was issued (%s), not %s", a.Plan.Start, a.OutcomeDate))
		}
	})
	return out
}

func checkNamedPlan(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		a := q.Assessment
		if a == nil {
			return
		}
		switch {
		case a.Outcome == "Y" && !a.OutcomeDate.IsZero() && a.Plan == nil:
			out = append(out, at(i, path+"/assessment", "namedplan", "The plan issued on %s is not reported", a.OutcomeDate))
		case a.Plan != nil && a.Outcome != "Y" && a.Outcome != "H":
			out = append(out, at(i, path+"/assessment", "namedplan", "A plan is reported under an assessment whose outcome is %q", a.Outcome))
		case a.Plan != nil && a.Plan.Start.IsZero():
			out = append(out, at(i, path+"/assessment/namedplan", "startdate", "The plan's start date is missing"))
		}
	})
	return out
}

func checkWeek20(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		if a := q.Assessment; a != nil && !a.OutcomeDate.IsZero() && a.Week20 == "" {
			out = append(out, at(i, path+"/assessment", "week20", "Say whether an exception to the 20-week limit applied (1 or 0)"))
		}
	})
	return out
}

// TwentyWeeks is the statutory limit from a request to its final plan (SEND
// Regulations 2014, reg 13(2)), in days.
const TwentyWeeks = 20 * 7

// IssuedWithin20Weeks reports, for a request whose plan was issued in the
// period, whether it was issued within 20 weeks of the request (the day 20
// weeks on counts as within) and whether an exception applied; ok is false
// for a request with no plan issued in the period or no received date.
func IssuedWithin20Weeks(q Request) (within, excepted, ok bool) {
	a := q.Assessment
	if a == nil || a.Outcome != "Y" || a.OutcomeDate.IsZero() || q.Received.IsZero() {
		return false, false, false
	}
	return !a.OutcomeDate.After(q.Received.AddDays(TwentyWeeks)), a.Week20 == Yes, true
}

func checkTwentyWeeks(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		within, excepted, ok := IssuedWithin20Weeks(q)
		if ok && !within && !excepted {
			out = append(out, at(i, path+"/assessment", "week20", "The plan was issued on %s, %d days after the request (the limit is %s) and no exception is recorded",
				q.Assessment.OutcomeDate, q.Assessment.OutcomeDate.DaysSince(q.Received), q.Received.AddDays(TwentyWeeks)))
		}
	})
	return out
}

func checkCease(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		if q.Assessment == nil || q.Assessment.Plan == nil {
			return
		}
		np, npp := q.Assessment.Plan, path+"/assessment/namedplan"
		switch {
		case np.CeaseDate.IsZero() != (np.CeaseReason == ""):
			field := "ceasereason"
			if np.CeaseDate.IsZero() {
				field = "ceasedate"
			}
			out = append(out, at(i, npp, field, "Give both the date the plan ceased and the reason, or neither"))
		case !np.CeaseDate.IsZero() && !np.Start.IsZero() && np.CeaseDate.Before(np.Start):
			out = append(out, at(i, npp, "ceasedate", "The plan ceased on %s, before it started on %s", np.CeaseDate, np.Start))
		}
	})
	return out
}

func checkOneActivePlan(r Return) []Finding {
	var out []Finding
	ref := r.Year.ReferenceDate()
	for i, p := range r.Persons {
		active := 0
		for j, q := range p.Requests {
			if q.ActivePlan == nil {
				continue
			}
			rp := requestPath(i, j)
			active++
			if active == 2 {
				out = append(out, at(i, rp, "activeplans", "The person has more than one active plan"))
			}
			if q.Assessment == nil || q.Assessment.Plan == nil {
				out = append(out, at(i, rp, "activeplans", "An active plan is reported with no plan (namedplan) for it"))
			} else if c := q.Assessment.Plan.CeaseDate; !c.IsZero() && !c.After(ref) {
				out = append(out, at(i, rp, "activeplans", "The plan ceased on %s, by the census day, so it is not active", c))
			}
		}
	}
	return out
}

func checkSENNeed(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		ap := q.ActivePlan
		if ap == nil {
			return
		}
		app := path + "/activeplans"
		ranks, types := map[int]int{}, map[string]bool{}
		for k, n := range ap.Needs {
			np := fmt.Sprintf("%s/senneed[%d]", app, k+1)
			if types[n.Type] {
				out = append(out, at(i, np, "sentype", "%s is listed more than once", n.Type))
			}
			types[n.Type] = true
			ranks[n.Rank]++
			if n.Rank != 1 && n.Rank != 2 {
				out = append(out, at(i, np, "sentyperank", "A need is ranked 1 (primary) or 2 (secondary)"))
			}
		}
		switch {
		case ranks[1] != 1:
			out = append(out, at(i, app, "senneed", "Give exactly one primary need (rank 1)"))
		case ranks[2] > 1 || len(ap.Needs) > 2:
			out = append(out, at(i, app, "senneed", "Give at most one secondary need (rank 2)"))
		}
	})
	return out
}

func checkSetting(r Return) []Finding {
	var out []Finding
	check := func(i int, parent, name string, ss []Setting) {
		ranks := map[int]int{}
		for k, s := range ss {
			sp := fmt.Sprintf("%s/%s[%d]", parent, name, k+1)
			n := 0
			for _, v := range []string{s.URN, s.UKPRN, s.SENSetting} {
				if v != "" {
					n++
				}
			}
			switch {
			case n != 1:
				out = append(out, at(i, sp, "urn", "Give exactly one of the URN, the UKPRN and the kind of setting"))
			case s.URN != "" && (len(s.URN) != 6 || !allDigits(s.URN)):
				out = append(out, at(i, sp, "urn", "%q is not a URN (6 digits)", truncate(s.URN)))
			case s.UKPRN != "" && (len(s.UKPRN) != 8 || !allDigits(s.UKPRN)):
				out = append(out, at(i, sp, "ukprn", "%q is not a UKPRN (8 digits)", truncate(s.UKPRN)))
			}
			ranks[s.Rank]++
			if s.Rank != 1 && s.Rank != 2 {
				out = append(out, at(i, sp, "placementrank", "A setting is ranked 1 (primary) or 2 (secondary)"))
			}
		}
		if len(ss) > 0 && (ranks[1] != 1 || ranks[2] > 1) {
			out = append(out, at(i, parent, name, "Rank one setting 1 (primary) and at most one 2 (secondary)"))
		}
	}
	eachSettingList(r, check)
	return out
}

// eachSettingList calls f with every list of settings in the return: a
// named plan's and an active plan's placements, each with its path.
func eachSettingList(r Return, f func(i int, parent, name string, ss []Setting)) {
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		if q.Assessment != nil && q.Assessment.Plan != nil {
			f(i, path+"/assessment/namedplan", "plandetail", q.Assessment.Plan.Settings)
		}
		if q.ActivePlan != nil {
			f(i, path+"/activeplans", "placementdetail", q.ActivePlan.Placements)
		}
	})
}

// checkSettingOther is a query: the table describes sensettingother as the
// detail for OTH, but whether the guide allows it with other kinds is not
// known (to be checked).
func checkSettingOther(r Return) []Finding {
	var out []Finding
	check := func(i int, parent, name string, ss []Setting) {
		for k, s := range ss {
			if s.SENSettingOther != "" && s.SENSetting != "OTH" {
				out = append(out, at(i, fmt.Sprintf("%s/%s[%d]", parent, name, k+1), "sensettingother", "Other detail is given with the kind %q, not OTH", s.SENSetting))
			}
		}
	}
	eachSettingList(r, check)
	return out
}

func checkPlacementDates(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		if q.ActivePlan == nil {
			return
		}
		for k, s := range q.ActivePlan.Placements {
			if !s.Entry.IsZero() && !s.Leaving.IsZero() && s.Leaving.Before(s.Entry) {
				out = append(out, at(i, fmt.Sprintf("%s/activeplans/placementdetail[%d]", path, k+1), "leavingdate", "The leaving date %s is before the entry date %s", s.Leaving, s.Entry))
			}
		}
	})
	return out
}

func checkReviewDates(r Return) []Finding {
	var out []Finding
	eachRequest(r, func(i int, _ Person, q Request, path string) {
		ap := q.ActivePlan
		if ap == nil {
			return
		}
		app := path + "/activeplans"
		switch {
		case ap.LastReview.IsZero() != (ap.ReviewOutcome == ""):
			out = append(out, at(i, app, "reviewoutcome", "Give both the review decision and its date, or neither"))
		case !ap.LastReview.IsZero() && ap.ReviewMeeting.IsZero():
			out = append(out, at(i, app, "reviewmeeting", "A review decision is given without its meeting"))
		case !ap.LastReview.IsZero() && ap.LastReview.Before(ap.ReviewMeeting):
			out = append(out, at(i, app, "lastreview", "The decision (%s) is before the review meeting (%s)", ap.LastReview, ap.ReviewMeeting))
		}
		if q.Assessment != nil && q.Assessment.Plan != nil && !ap.ReviewMeeting.IsZero() && ap.ReviewMeeting.Before(q.Assessment.Plan.Start) {
			out = append(out, at(i, app, "reviewmeeting", "The review meeting (%s) is before the plan began (%s)", ap.ReviewMeeting, q.Assessment.Plan.Start))
		}
	})
	return out
}
