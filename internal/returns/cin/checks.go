package cin

import (
	"slices"
	"strings"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// checks are the rules' functions by code. Each follows the definition in
// the rule list (rules.tsv); where the definition is unclear or the DfE's
// text disagrees with itself, the comment says which reading is taken.
var checks = map[string]check{
	// The child's identifiers and characteristics.
	"1510": r1510, "1520": r1520, "1540": r1540, "1550": r1550, "1560Q": r1560Q,
	"1570": r1570, "1580": r1580,
	"4180": r4180, "4220": r4220,
	"8500": r8500, "8510": r8510, "8520": r8520, "8525Q": r8525Q, "8530Q": r8530Q,
	"8535Q": r8535Q, "8540": r8540, "8545Q": r8545Q, "8590": r8590,
	"8750": r8750, "8770Q": r8770Q, "8772": r8772, "8775Q": r8775Q,
	"8790": r8790, "8794": r8794,
	"2886Q": r2886Q, "2887Q": r2887Q, "2888Q": r2888Q,
	// The episode (CINdetails) and its closure.
	"8555Q": r8555Q, "8569Q": r8569Q, "8585Q": r8585Q, "8600": r8600, "8606": r8606,
	"8610": r8610, "8620": r8620, "8630": r8630, "8640": r8640, "8650": r8650,
	"8805": r8805, "8810": r8810, "8815": r8815, "8816": r8816, "8820": r8820,
	"8825Q": r8825Q, "8831": r8831, "8832": r8832, "8866": r8866, "8867": r8867,
	"8868": r8868, "8565": r8565, "2990": r2990, "2991Q": r2991Q,
	// Assessments.
	"1103": r1103, "8608": r8608, "8614": r8614, "8670Q": r8670Q, "8696": r8696,
	"8736": r8736, "8863Q": r8863Q, "8869": r8869, "8873Q": r8873Q, "8896": r8896,
	"8897Q": r8897Q, "8898": r8898, "8945Q": r8945Q, "8950Q": r8950Q,
	// CIN plans.
	"4000": r4000, "4001": r4001, "4003": r4003, "4004": r4004, "4008": r4008,
	"4009Q": r4009Q, "4010": r4010, "4011": r4011, "4012Q": r4012Q, "4013": r4013,
	"4014": r4014, "4015": r4015, "4016": r4016, "4017": r4017,
	// Section 47 enquiries and initial conferences.
	"1104": r1104, "2884": r2884, "2889": r2889, "8615": r8615, "8675Q": r8675Q,
	"8715": r8715, "8740": r8740, "8839": r8839, "8870Q": r8870Q, "8875": r8875,
	"8890": r8890,
	// Child protection plans.
	"1105": r1105, "2883": r2883, "2885": r2885, "8720": r8720, "8730": r8730,
	"8840": r8840, "8841": r8841, "8842Q": r8842Q, "8905": r8905, "8910": r8910,
	"8915": r8915, "8920": r8920, "8925": r8925, "8930": r8930, "8935": r8935,
	"8940": r8940,
}

// has reports whether code is in the rule's code list.
func has(r Rule, code string) bool { return slices.Contains(r.Codes, code) }

// set reports whether a date is present.
func set(d civil.Date) bool { return !d.IsZero() }

// between reports whether d falls on or between from and to.
func between(d, from, to civil.Date) bool { return !d.Before(from) && !d.After(to) }

// openUntil is the end of a span for the overlap rules: its end date, or
// the reference date while it is open.
func openUntil(end civil.Date, y Year) civil.Date {
	if set(end) {
		return end
	}
	return y.ReferenceDate()
}

// ---- The child ----

// 1510: the first character of a UPN is its check letter (computed as the
// person record does). A UPN whose other characters are not of the form is
// left to 1540 and 1550.
func r1510(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if len(ch.UPN) != 13 {
			return
		}
		if want, ok := people.UPNCheckLetter(ch.UPN[1:]); ok && ch.UPN[0] != want {
			out = append(out, at.field("UPN"))
		}
	})
	return out
}

// 1520: each UPN is unique in the return; every child after the first
// that has it is reported.
func r1520(c Census, _ Rule) (out []Finding) {
	seen := map[string]bool{}
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.UPN == "" {
			return
		}
		if seen[ch.UPN] {
			out = append(out, at.field("UPN"))
		}
		seen[ch.UPN] = true
	})
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// 1540: characters 5 to 12 of a UPN are digits (a UPN too short to have
// them fails).
func r1540(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.UPN != "" && (len(ch.UPN) < 12 || !allDigits(ch.UPN[4:12])) {
			out = append(out, at.field("UPN"))
		}
	})
	return out
}

// 1550: character 13 of a UPN is a digit or a letter other than I, O and
// S (the rule's list).
func r1550(c Census, r Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.UPN != "" && (len(ch.UPN) < 13 || !has(r, ch.UPN[12:13])) {
			out = append(out, at.field("UPN"))
		}
	})
	return out
}

// upnForm reports whether s has a UPN's form (the schema's upntype): a
// letter, eleven digits, and a digit or a letter.
func upnForm(s string) bool {
	if len(s) != 13 || !isLetter(s[0]) || !allDigits(s[1:12]) {
		return false
	}
	return isLetter(s[12]) || (s[12] >= '0' && s[12] <= '9')
}

func isLetter(b byte) bool { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') }

// 1560Q: a former UPN has a UPN's form. Only the form: the rule speaks of
// the format, and a former UPN may be a temporary one from another system.
func r1560Q(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.FormerUPN != "" && !upnForm(ch.FormerUPN) {
			out = append(out, at.field("FormerUPN"))
		}
	})
	return out
}

// 1570: a LAchildID is at most 20 characters.
func r1570(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if len([]rune(ch.LAChildID)) > 20 {
			out = append(out, at.field("LAchildID"))
		}
	})
	return out
}

// 1580: a LAchildID is letters and digits only.
func r1580(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		for _, b := range []byte(ch.LAChildID) {
			if !isLetter(b) && (b < '0' || b > '9') {
				out = append(out, at.field("LAchildID"))
				return
			}
		}
	})
	return out
}

// sexField is the element that holds the child's sex in the year's file.
func sexField(y Year) string {
	if y.sexElement() {
		return "Sex"
	}
	return "GenderCurrent"
}

// sexWritten is the code the year's file carries for the census's sex code
// (the writer's mapping: an empty code is sent as 0, not recorded, before
// 2024-25).
func sexWritten(y Year, code string) string {
	if y.sexElement() {
		return newSex(code)
	}
	if code == "" {
		return "0"
	}
	return code
}

// 4180: the sex is present and one of the year's codes (1, 2, 0, 9; from
// 2024-25 M, F, U). A Census holds Hearth's codes, which the writer maps
// to the year's; a code outside them would be written as something it is
// not, so it fails too.
func r4180(c Census, r Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if (ch.Sex != "" && !people.SexCodes.Has(ch.Sex)) || !has(r, sexWritten(c.Year, ch.Sex)) {
			out = append(out, at.field(sexField(c.Year)))
		}
	})
	return out
}

// 4220: the ethnicity is present and on the list.
func r4220(c Census, r Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if !has(r, ch.Ethnicity) {
			out = append(out, at.field("Ethnicity"))
		}
	})
	return out
}

// 8500: every child has a LAchildID.
func r8500(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if strings.TrimSpace(ch.LAChildID) == "" {
			out = append(out, at.field("LAchildID"))
		}
	})
	return out
}

// 8510: each LAchildID is unique in the return; every child after the
// first that has it is reported.
func r8510(c Census, _ Rule) (out []Finding) {
	seen := map[string]bool{}
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.LAChildID == "" {
			return // 8500's
		}
		if seen[ch.LAChildID] {
			out = append(out, at.field("LAchildID"))
		}
		seen[ch.LAChildID] = true
	})
	return out
}

// 8520: a date of birth is on or before the reference date.
func r8520(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.BirthDate.After(c.Year.ReferenceDate()) {
			out = append(out, at.field("PersonBirthDate"))
		}
	})
	return out
}

// 8525Q: a child has a date of birth or an expected one, not both.
func r8525Q(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if set(ch.BirthDate) == set(ch.ExpectedDate) {
			out = append(out, at.field("PersonBirthDate"))
		}
	})
	return out
}

// 8530Q: an expected date of birth is between 30 days before the
// reference date and nine months after it.
func r8530Q(c Census, _ Rule) (out []Finding) {
	ref := c.Year.ReferenceDate()
	from, to := ref.AddDays(-30), calendar.AddMonths(ref, 9)
	eachChild(c, func(at Finding, ch CensusChild) {
		if set(ch.ExpectedDate) && !between(ch.ExpectedDate, from, to) {
			out = append(out, at.field("ExpectedPersonBirthDate"))
		}
	})
	return out
}

// 8535Q: a date of death is on or after the date of birth.
func r8535Q(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if set(ch.DeathDate) && set(ch.BirthDate) && ch.DeathDate.Before(ch.BirthDate) {
			out = append(out, at.field("PersonDeathDate"))
		}
	})
	return out
}

// 8540: a born child with an episode that went on to further action has a
// disability recorded (NONE counts), and every code is on the list.
func r8540(c Census, r Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		further := slices.ContainsFunc(ch.Episodes, func(e Episode) bool { return !e.NFA })
		if set(ch.BirthDate) && further && len(ch.Disabilities) == 0 {
			out = append(out, at.field("Disability"))
		}
		for i, code := range ch.Disabilities {
			if !has(r, code) {
				out = append(out, at.field("Disability").item(i))
			}
		}
	})
	return out
}

// 8545Q: a date of death falls within the collection year.
func r8545Q(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if set(ch.DeathDate) && !c.Year.In(ch.DeathDate) {
			out = append(out, at.field("PersonDeathDate"))
		}
	})
	return out
}

// 8590: every child has at least one episode.
func r8590(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if len(ch.Episodes) == 0 {
			out = append(out, at.field("CINdetails"))
		}
	})
	return out
}

// 8750: an unborn child (an expected date of birth and no date of birth)
// has sex 0, not recorded; from 2024-25, U. (The 2024-25 definition still
// says "0"; its message and code list say U, which is what is checked.)
func r8750(c Census, _ Rule) (out []Finding) {
	want := "0"
	if c.Year.sexElement() {
		want = "U"
	}
	eachChild(c, func(at Finding, ch CensusChild) {
		if set(ch.ExpectedDate) && !set(ch.BirthDate) && sexWritten(c.Year, ch.Sex) != want {
			out = append(out, at.field(sexField(c.Year)))
		}
	})
	return out
}

// 8770Q: a child of school age with an episode that went on to further
// action has a UPN or a reason for having none other than UN1. Until
// 2023-24 school age is born before the reference date less six years.
// From 2024-25 the definition says "greater than or equal to the reference
// date minus 4 years", which would ask it of the under-fours; its message
// says "a child who is of school age", so the check takes children four
// and over (born on or before the reference date less four years).
func r8770Q(c Census, r Rule) (out []Finding) {
	ref := c.Year.ReferenceDate()
	eachChild(c, func(at Finding, ch CensusChild) {
		if !set(ch.BirthDate) || ch.UPN != "" || has(r, ch.UPNUnknown) {
			return
		}
		if !slices.ContainsFunc(ch.Episodes, func(e Episode) bool { return !e.NFA }) {
			return
		}
		schoolAge := ch.BirthDate.Before(calendar.AddMonths(ref, -72))
		if c.Year >= 2025 {
			schoolAge = !ch.BirthDate.After(calendar.AddMonths(ref, -48))
		}
		if schoolAge {
			out = append(out, at.field("UPNunknown"))
		}
	})
	return out
}

// 8772: UN7 (a referral with no further action) as the reason for no UPN
// holds only if every episode of the child is NFA.
func r8772(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if ch.UPNUnknown == "UN7" && slices.ContainsFunc(ch.Episodes, func(e Episode) bool { return !e.NFA }) {
			out = append(out, at.field("UPNunknown"))
		}
	})
	return out
}

// 8775Q: a child over 25 on the reference date, with an episode open or
// closed after the 25th birthday.
func r8775Q(c Census, _ Rule) (out []Finding) {
	ref := c.Year.ReferenceDate()
	eachChild(c, func(at Finding, ch CensusChild) {
		if !set(ch.BirthDate) || !ch.BirthDate.Before(calendar.AddMonths(ref, -300)) {
			return
		}
		at25 := calendar.AddMonths(ch.BirthDate, 300)
		if slices.ContainsFunc(ch.Episodes, func(e Episode) bool { return !set(e.ClosureDate) || e.ClosureDate.After(at25) }) {
			out = append(out, at.field("PersonBirthDate"))
		}
	})
	return out
}

// 8790: NONE is never recorded with another disability.
func r8790(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		if i := slices.Index(ch.Disabilities, people.DisabilityNone); i >= 0 && len(ch.Disabilities) > 1 {
			out = append(out, at.field("Disability").item(i))
		}
	})
	return out
}

// 8794: no disability code appears twice for a child.
func r8794(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		for i, code := range ch.Disabilities {
			if slices.Contains(ch.Disabilities[:i], code) {
				out = append(out, at.field("Disability").item(i))
			}
		}
	})
	return out
}

// 2886Q: no more than 2% of the born children (no expected date of birth)
// have no sex recorded (0 or missing; from 2024-25, U). The definition's
// denominator is cut short in the DfE's text; the born children are taken,
// as the message says "excluding unborns".
func r2886Q(c Census, _ Rule) []Finding {
	born, none := 0, 0
	for _, ch := range c.Children {
		if set(ch.ExpectedDate) {
			continue
		}
		born++
		if w := sexWritten(c.Year, ch.Sex); w == "0" || w == "U" {
			none++
		}
	}
	if born > 0 && none*100 > born*2 {
		return []Finding{whole(sexField(c.Year))}
	}
	return nil
}

// 2887Q: a return with any children uses more than seven different
// disability codes, NONE not counted.
func r2887Q(c Census, _ Rule) []Finding {
	used := map[string]bool{}
	for _, ch := range c.Children {
		for _, code := range ch.Disabilities {
			if code != people.DisabilityNone {
				used[code] = true
			}
		}
	}
	if len(c.Children) > 0 && len(used) < 8 {
		return []Finding{whole("Disability")}
	}
	return nil
}

// 2888Q: in a return with any children, at least one child has more than
// one disability recorded.
func r2888Q(c Census, _ Rule) []Finding {
	for _, ch := range c.Children {
		if len(ch.Disabilities) > 1 && !slices.Contains(ch.Disabilities, people.DisabilityNone) {
			return nil
		}
	}
	if len(c.Children) == 0 {
		return nil
	}
	return []Finding{whole("Disability")}
}

// ---- The episode ----

// 8555Q: a referral is on or before the child's death.
func r8555Q(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		if set(ch.DeathDate) && e.ReferralDate.After(ch.DeathDate) {
			out = append(out, at.field("CINreferralDate"))
		}
	})
	return out
}

// 8569Q: a referral made before the working day before the year started is
// not NFA.
func r8569Q(c Census, _ Rule) (out []Finding) {
	limit := calendar.AddWorkingDays(c.Year.Start(), -1)
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if e.NFA && set(e.ReferralDate) && e.ReferralDate.Before(limit) {
			out = append(out, at.field("ReferralNFA"))
		}
	})
	return out
}

// 8585Q: an episode closed because the child died (RC2) needs the date of
// death.
func r8585Q(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		if e.ReasonForClosure == "RC2" && !set(ch.DeathDate) {
			out = append(out, at.field("ReasonForClosure"))
		}
	})
	return out
}

// 8600: a referral date is present and on or before the reference date.
func r8600(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !set(e.ReferralDate) || e.ReferralDate.After(c.Year.ReferenceDate()) {
			out = append(out, at.field("CINreferralDate"))
		}
	})
	return out
}

// 8606: a referral is no more than 280 days (40 weeks) before the date of
// birth or, for an unborn child, the expected one.
func r8606(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		birth := ch.BirthDate
		if !set(birth) {
			birth = ch.ExpectedDate
		}
		if set(birth) && set(e.ReferralDate) && e.ReferralDate.Before(birth.AddDays(-280)) {
			out = append(out, at.field("CINreferralDate"))
		}
	})
	return out
}

// 8610: an episode that went on to further action has a primary need.
func r8610(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !e.NFA && e.PrimaryNeed == "" {
			out = append(out, at.field("PrimaryNeedCode"))
		}
	})
	return out
}

// 8620: a closure date falls within the collection year.
func r8620(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if set(e.ClosureDate) && !c.Year.In(e.ClosureDate) {
			out = append(out, at.field("CINclosureDate"))
		}
	})
	return out
}

// 8630: a closure date is on or after the referral date.
func r8630(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if set(e.ClosureDate) && e.ClosureDate.Before(e.ReferralDate) {
			out = append(out, at.field("CINclosureDate"))
		}
	})
	return out
}

// 8640: a reason for closure is on the list.
func r8640(c Census, r Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if e.ReasonForClosure != "" && !has(r, e.ReasonForClosure) {
			out = append(out, at.field("ReasonForClosure"))
		}
	})
	return out
}

// 8650: a primary need is on the list.
func r8650(c Census, r Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if e.PrimaryNeed != "" && !has(r, e.PrimaryNeed) {
			out = append(out, at.field("PrimaryNeedCode"))
		}
	})
	return out
}

// 8805: a closure date comes with a reason.
func r8805(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if set(e.ClosureDate) && e.ReasonForClosure == "" {
			out = append(out, at.field("ReasonForClosure"))
		}
	})
	return out
}

// 8810: a reason for closure comes with a closure date.
func r8810(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if e.ReasonForClosure != "" && !set(e.ClosureDate) {
			out = append(out, at.field("CINclosureDate"))
		}
	})
	return out
}

// openFurther reports whether an episode is open and went on to further
// action: the episode of 8815, 8816 and 8820.
func openFurther(e Episode) bool { return !set(e.ClosureDate) && !e.NFA }

// 8815: a child has at most one open episode that is not NFA; each after
// the first is reported.
func r8815(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		n := 0
		for j, e := range ch.Episodes {
			if openFurther(e) {
				if n++; n > 1 {
					out = append(out, at.episode(j).field("CINclosureDate"))
				}
			}
		}
	})
	return out
}

// 8816: an open episode that is not NFA is the child's latest referral.
func r8816(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		var latest civil.Date
		for _, e := range ch.Episodes {
			if e.ReferralDate.After(latest) {
				latest = e.ReferralDate
			}
		}
		for j, e := range ch.Episodes {
			if openFurther(e) && e.ReferralDate.Before(latest) {
				out = append(out, at.episode(j).field("CINreferralDate"))
			}
		}
	})
	return out
}

// 8820: no referral falls within another episode of the child: on or
// between its referral and closure dates, or, for an open episode that is
// not NFA, its referral date and the reference date.
func r8820(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		for j, e := range ch.Episodes {
			for k, o := range ch.Episodes {
				if j == k || !set(e.ReferralDate) || !set(o.ReferralDate) {
					continue
				}
				var end civil.Date
				switch {
				case set(o.ClosureDate):
					end = o.ClosureDate
				case !o.NFA:
					end = c.Year.ReferenceDate()
				default:
					continue
				}
				if between(e.ReferralDate, o.ReferralDate, end) {
					out = append(out, at.episode(j).field("CINreferralDate"))
					break
				}
			}
		}
	})
	return out
}

// closedAfterAssessment reports RC8 and RC9: closed after assessment with
// no further action or referred to early help.
func closedAfterAssessment(e Episode) bool {
	return e.ReasonForClosure == "RC8" || e.ReasonForClosure == "RC9"
}

// 8825Q: an episode closed after assessment (RC8, RC9) has an assessment.
func r8825Q(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if closedAfterAssessment(e) && len(e.Assessments) == 0 {
			out = append(out, at.field("ReasonForClosure"))
		}
	})
	return out
}

// 8831: an NFA episode has no assessment, enquiry or initial conference;
// each is reported where it is.
func r8831(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !e.NFA {
			return
		}
		for k := range e.Assessments {
			out = append(out, at.module("Assessments", k).field("AssessmentActualStartDate"))
		}
		for k := range e.Section47s {
			out = append(out, at.module("Section47", k).field("S47ActualStartDate"))
		}
		if set(e.DateOfInitialCPC) {
			out = append(out, at.field("DateOfInitialCPC"))
		}
	})
	return out
}

// 8832: an NFA episode has no child protection plan.
func r8832(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !e.NFA {
			return
		}
		for k := range e.CPPlans {
			out = append(out, at.module("ChildProtectionPlans", k).field("CPPstartDate"))
		}
	})
	return out
}

// referralSourceFrom is the first referral date that must have a source
// (8866): 1 April 2013, when the source joined the census.
var referralSourceFrom = civil.MustNew(2013, time.April, 1)

// 8866: a referral from 1 April 2013 has a source on the list.
func r8866(c Census, r Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !e.ReferralDate.Before(referralSourceFrom) && !has(r, e.ReferralSource) {
			out = append(out, at.field("ReferralSource"))
		}
	})
	return out
}

// 8867: a closed episode's assessments are all authorised.
func r8867(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, e Episode, a Assessment) {
		if set(e.ClosureDate) && !set(a.Authorised) {
			out = append(out, at.field("AssessmentAuthorisationDate"))
		}
	})
	return out
}

// 8868: a closed episode's enquiries all have their conference or say
// none was needed.
func r8868(c Census, _ Rule) (out []Finding) {
	eachS47(c, func(at Finding, _ CensusChild, e Episode, s Section47) {
		if set(e.ClosureDate) && !set(s.DateOfInitialCPC) && !s.ICPCNotRequired {
			out = append(out, at.field("ICPCnotRequired"))
		}
	})
	return out
}

// 8565: nothing in an episode happens after its closure: each date of the
// rule's list that is later is reported where it is.
func r8565(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !set(e.ClosureDate) {
			return
		}
		late := func(d civil.Date) bool { return d.After(e.ClosureDate) }
		for k, a := range e.Assessments {
			if late(a.Start) {
				out = append(out, at.module("Assessments", k).field("AssessmentActualStartDate"))
			}
			if late(a.Authorised) {
				out = append(out, at.module("Assessments", k).field("AssessmentAuthorisationDate"))
			}
		}
		for k, s := range e.Section47s {
			if late(s.Start) {
				out = append(out, at.module("Section47", k).field("S47ActualStartDate"))
			}
			if late(s.DateOfInitialCPC) {
				out = append(out, at.module("Section47", k).field("DateOfInitialCPC"))
			}
		}
		if late(e.DateOfInitialCPC) {
			out = append(out, at.field("DateOfInitialCPC"))
		}
		for k, p := range e.CPPlans {
			if late(p.End) {
				out = append(out, at.module("ChildProtectionPlans", k).field("CPPendDate"))
			}
		}
		for k, p := range e.CINPlans {
			if late(p.Start) {
				out = append(out, at.module("CINPlanDates", k).field("CINPlanStartDate"))
			}
			if late(p.End) {
				out = append(out, at.module("CINPlanDates", k).field("CINPlanEndDate"))
			}
		}
	})
	return out
}

// 2990: an episode closed after assessment (RC8, RC9) has no enquiry,
// child protection plan, initial conference or CIN plan.
func r2990(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if !closedAfterAssessment(e) {
			return
		}
		for k := range e.Section47s {
			out = append(out, at.module("Section47", k).field("S47ActualStartDate"))
		}
		for k := range e.CPPlans {
			out = append(out, at.module("ChildProtectionPlans", k).field("CPPstartDate"))
		}
		if set(e.DateOfInitialCPC) {
			out = append(out, at.field("DateOfInitialCPC"))
		}
		for k := range e.CINPlans {
			out = append(out, at.module("CINPlanDates", k).field("CINPlanStartDate"))
		}
	})
	return out
}

// 2991Q: an episode with an enquiry has an assessment.
func r2991Q(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if len(e.Section47s) > 0 && len(e.Assessments) == 0 {
			out = append(out, at.module("Section47", 0).field("S47ActualStartDate"))
		}
	})
	return out
}

// ---- Assessments ----

// 1103: an assessment starts on or after the referral.
func r1103(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, e Episode, a Assessment) {
		if set(a.Start) && a.Start.Before(e.ReferralDate) {
			out = append(out, at.field("AssessmentActualStartDate"))
		}
	})
	return out
}

// 8608: an assessment is authorised on or after its start.
func r8608(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if set(a.Authorised) && a.Authorised.Before(a.Start) {
			out = append(out, at.field("AssessmentAuthorisationDate"))
		}
	})
	return out
}

// 8614: factors are recorded only on an authorised assessment.
func r8614(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if !set(a.Authorised) && len(a.Factors) > 0 {
			out = append(out, at.field("AssessmentFactors"))
		}
	})
	return out
}

// 8670Q: an assessment not authorised by the reference date started no
// more than 45 working days before it.
func r8670Q(c Census, _ Rule) (out []Finding) {
	limit := calendar.AddWorkingDays(c.Year.ReferenceDate(), -45)
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if !set(a.Authorised) && set(a.Start) && a.Start.Before(limit) {
			out = append(out, at.field("AssessmentActualStartDate"))
		}
	})
	return out
}

// 8696: an authorisation falls within the collection year.
func r8696(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if set(a.Authorised) && !c.Year.In(a.Authorised) {
			out = append(out, at.field("AssessmentAuthorisationDate"))
		}
	})
	return out
}

// 8736: an assessment not authorised started within the collection year.
func r8736(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if !set(a.Authorised) && !c.Year.In(a.Start) {
			out = append(out, at.field("AssessmentActualStartDate"))
		}
	})
	return out
}

// 8863Q: within an episode, no assessment starts on or between the start
// and authorisation (or, unauthorised, the reference date) of another.
func r8863Q(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, e Episode, a Assessment) {
		for k, o := range e.Assessments {
			if k != at.Index && set(a.Start) && set(o.Start) && between(a.Start, o.Start, openUntil(o.Authorised, c.Year)) {
				out = append(out, at.field("AssessmentActualStartDate"))
				return
			}
		}
	})
	return out
}

// noFactors is factor 21, "no factors identified".
const noFactors = "21"

// 8869: factor 21 is the only factor when it is used.
func r8869(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if i := slices.Index(a.Factors, noFactors); i >= 0 && len(a.Factors) > 1 {
			out = append(out, at.field("AssessmentFactors").item(i))
		}
	})
	return out
}

// 8873Q: an episode whose one assessment found no factors (21) has the
// reason for closure RC8 or RC9. As defined, an episode still open is
// queried too: the DfE asks whether it should have been closed.
func r8873Q(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if len(e.Assessments) == 1 && slices.Contains(e.Assessments[0].Factors, noFactors) && !closedAfterAssessment(e) {
			out = append(out, at.field("ReasonForClosure"))
		}
	})
	return out
}

// 8896: an episode has at most one assessment not authorised; each after
// the first is reported.
func r8896(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		n := 0
		for k, a := range e.Assessments {
			if !set(a.Authorised) {
				if n++; n > 1 {
					out = append(out, at.module("Assessments", k).field("AssessmentAuthorisationDate"))
				}
			}
		}
	})
	return out
}

// 8897Q: an assessment authorised on or after the start of the year has
// factors recorded.
func r8897Q(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		if set(a.Authorised) && !a.Authorised.Before(c.Year.Start()) && len(a.Factors) == 0 {
			out = append(out, at.field("AssessmentFactors"))
		}
	})
	return out
}

// 8898: no factor appears twice on an assessment.
func r8898(c Census, _ Rule) (out []Finding) {
	eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
		for i, f := range a.Factors {
			if slices.Contains(a.Factors[:i], f) {
				out = append(out, at.field("AssessmentFactors").item(i))
			}
		}
	})
	return out
}

// factorQuery is a rule that queries the use of a retired factor code.
func factorQuery(code string) check {
	return func(c Census, _ Rule) (out []Finding) {
		eachAssessment(c, func(at Finding, _ CensusChild, _ Episode, a Assessment) {
			if i := slices.Index(a.Factors, code); i >= 0 {
				out = append(out, at.field("AssessmentFactors").item(i))
			}
		})
		return out
	}
}

// 8945Q: factor 18A is replaced by 18B and 18C.
var r8945Q = factorQuery("18A")

// 8950Q: factor 19A is replaced by 19B and 19C.
var r8950Q = factorQuery("19A")

// ---- CIN plans ----

// 4000: an NFA episode has no CIN plan.
func r4000(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, e Episode, _ CINPlan) {
		if e.NFA {
			out = append(out, at.field("CINPlanStartDate"))
		}
	})
	return out
}

// 4001: an episode with an open child protection plan has no open CIN
// plan.
func r4001(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, e Episode, p CINPlan) {
		if !set(p.End) && slices.ContainsFunc(e.CPPlans, func(cp CPPlan) bool { return !set(cp.End) }) {
			out = append(out, at.field("CINPlanEndDate"))
		}
	})
	return out
}

// 4003: no child protection review of an episode falls on or between the
// start and end (or, open, the reference date) of one of its CIN plans,
// unless the review is the day the child protection plan ended.
func r4003(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, e Episode, cp CPPlan) {
		for i, rv := range cp.Reviews {
			if set(cp.End) && rv == cp.End {
				continue
			}
			if slices.ContainsFunc(e.CINPlans, func(p CINPlan) bool {
				return set(p.Start) && between(rv, p.Start, openUntil(p.End, c.Year))
			}) {
				out = append(out, at.field("CPPreviewDate").item(i))
			}
		}
	})
	return out
}

// planRef is a plan of a child with where it is, for the rules that
// compare a child's plans across episodes.
type planRef struct {
	at         Finding
	start, end civil.Date
}

func childCINPlans(at Finding, ch CensusChild) []planRef {
	var out []planRef
	for j, e := range ch.Episodes {
		for k, p := range e.CINPlans {
			out = append(out, planRef{at.episode(j).module("CINPlanDates", k), p.Start, p.End})
		}
	}
	return out
}

func childCPPlans(at Finding, ch CensusChild) []planRef {
	var out []planRef
	for j, e := range ch.Episodes {
		for k, p := range e.CPPlans {
			out = append(out, planRef{at.episode(j).module("ChildProtectionPlans", k), p.Start, p.End})
		}
	}
	return out
}

// moreThanOneOpen reports each open plan of a child after the first.
func moreThanOneOpen(plans []planRef, field string) (out []Finding) {
	n := 0
	for _, p := range plans {
		if !set(p.end) {
			if n++; n > 1 {
				out = append(out, p.at.field(field))
			}
		}
	}
	return out
}

// overlapping reports each plan of a child that starts on or between the
// start and end (or, open, the reference date) of another.
func overlapping(plans []planRef, y Year, field string) (out []Finding) {
	for i, p := range plans {
		for j, o := range plans {
			if i != j && set(p.start) && set(o.start) && between(p.start, o.start, openUntil(o.end, y)) {
				out = append(out, p.at.field(field))
				break
			}
		}
	}
	return out
}

// 4004: a child has at most one open CIN plan.
func r4004(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		out = append(out, moreThanOneOpen(childCINPlans(at, ch), "CINPlanEndDate")...)
	})
	return out
}

// 4008: a CIN plan starts on or before the child's death.
func r4008(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, ch CensusChild, _ Episode, p CINPlan) {
		if set(ch.DeathDate) && p.Start.After(ch.DeathDate) {
			out = append(out, at.field("CINPlanStartDate"))
		}
	})
	return out
}

// 4009Q: a CIN plan ends on or before the child's death.
func r4009Q(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, ch CensusChild, _ Episode, p CINPlan) {
		if set(ch.DeathDate) && p.End.After(ch.DeathDate) {
			out = append(out, at.field("CINPlanEndDate"))
		}
	})
	return out
}

// 4010: a CIN plan has a start date on or before the reference date.
func r4010(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, _ Episode, p CINPlan) {
		if !set(p.Start) || p.Start.After(c.Year.ReferenceDate()) {
			out = append(out, at.field("CINPlanStartDate"))
		}
	})
	return out
}

// 4011: a CIN plan ends on or after its start.
func r4011(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, _ Episode, p CINPlan) {
		if set(p.End) && p.End.Before(p.Start) {
			out = append(out, at.field("CINPlanEndDate"))
		}
	})
	return out
}

// 4012Q: a CIN plan does not start and end on the same day.
func r4012Q(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, _ Episode, p CINPlan) {
		if set(p.End) && p.End == p.Start {
			out = append(out, at.field("CINPlanEndDate"))
		}
	})
	return out
}

// 4013: a CIN plan's end falls within the collection year.
func r4013(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, _ Episode, p CINPlan) {
		if set(p.End) && !c.Year.In(p.End) {
			out = append(out, at.field("CINPlanEndDate"))
		}
	})
	return out
}

// 4014: a child's CIN plans do not overlap. The rule is taken across the
// child's episodes, not within each: a child is on one plan at a time.
func r4014(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		out = append(out, overlapping(childCINPlans(at, ch), c.Year, "CINPlanStartDate")...)
	})
	return out
}

// 4015: a CIN plan starts on or after the referral.
func r4015(c Census, _ Rule) (out []Finding) {
	eachCINPlan(c, func(at Finding, _ CensusChild, e Episode, p CINPlan) {
		if set(p.Start) && p.Start.Before(e.ReferralDate) {
			out = append(out, at.field("CINPlanStartDate"))
		}
	})
	return out
}

// 4016: a CIN plan does not start during a child protection plan of the
// child (on or between its start and end or, open, the reference date),
// unless on the day that plan ended.
func r4016(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		cps := childCPPlans(at, ch)
		for _, p := range childCINPlans(at, ch) {
			if slices.ContainsFunc(cps, func(cp planRef) bool {
				return set(p.start) && set(cp.start) && p.start != cp.end && between(p.start, cp.start, openUntil(cp.end, c.Year))
			}) {
				out = append(out, p.at.field("CINPlanStartDate"))
			}
		}
	})
	return out
}

// 4017: a child protection plan does not start during a CIN plan of the
// child, unless on the day that plan ended.
func r4017(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		cins := childCINPlans(at, ch)
		for _, cp := range childCPPlans(at, ch) {
			if slices.ContainsFunc(cins, func(p planRef) bool {
				return set(cp.start) && set(p.start) && cp.start != p.end && between(cp.start, p.start, openUntil(p.end, c.Year))
			}) {
				out = append(out, cp.at.field("CPPstartDate"))
			}
		}
	})
	return out
}

// ---- Section 47 enquiries and initial conferences ----

// conferences calls fn with each initial conference date of the census
// and where it is: an enquiry's, and an episode's own.
func conferences(c Census, fn func(at Finding, e Episode, held civil.Date)) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		for k, s := range e.Section47s {
			if set(s.DateOfInitialCPC) {
				fn(at.module("Section47", k).field("DateOfInitialCPC"), e, s.DateOfInitialCPC)
			}
		}
		if set(e.DateOfInitialCPC) {
			fn(at.field("DateOfInitialCPC"), e, e.DateOfInitialCPC)
		}
	})
}

// 1104: an initial conference is on or after the referral. The rule names
// the enquiry's date; the episode's own is the same conference recorded
// without its enquiry, so it is held to it too.
func r1104(c Census, _ Rule) (out []Finding) {
	conferences(c, func(at Finding, e Episode, held civil.Date) {
		if held.Before(e.ReferralDate) {
			out = append(out, at)
		}
	})
	return out
}

// 2884: a conference is recorded once, on its enquiry or on the episode,
// not both: an episode's own DateOfInitialCPC that is also one of its
// enquiries' is reported.
func r2884(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		if set(e.DateOfInitialCPC) && slices.ContainsFunc(e.Section47s, func(s Section47) bool { return s.DateOfInitialCPC == e.DateOfInitialCPC }) {
			out = append(out, at.field("DateOfInitialCPC"))
		}
	})
	return out
}

// 2889: an enquiry starts on or after the referral.
func r2889(c Census, _ Rule) (out []Finding) {
	eachS47(c, func(at Finding, _ CensusChild, e Episode, s Section47) {
		if set(s.Start) && s.Start.Before(e.ReferralDate) {
			out = append(out, at.field("S47ActualStartDate"))
		}
	})
	return out
}

// 8615: an enquiry with a conference has a start date on or before it.
func r8615(c Census, _ Rule) (out []Finding) {
	eachS47(c, func(at Finding, _ CensusChild, _ Episode, s Section47) {
		if set(s.DateOfInitialCPC) && (!set(s.Start) || s.Start.After(s.DateOfInitialCPC)) {
			out = append(out, at.field("S47ActualStartDate"))
		}
	})
	return out
}

// awaiting reports whether an enquiry is still waiting for its conference:
// none held and none said not to be needed.
func awaiting(s Section47) bool { return !set(s.DateOfInitialCPC) && !s.ICPCNotRequired }

// 8675Q: an enquiry awaiting its conference started no more than 15
// working days before the reference date.
func r8675Q(c Census, _ Rule) (out []Finding) {
	limit := calendar.AddWorkingDays(c.Year.ReferenceDate(), -15)
	eachS47(c, func(at Finding, _ CensusChild, _ Episode, s Section47) {
		if awaiting(s) && set(s.Start) && s.Start.Before(limit) {
			out = append(out, at.field("S47ActualStartDate"))
		}
	})
	return out
}

// 8715: an initial conference falls within the collection year (the
// episode's own date too, as in 1104).
func r8715(c Census, _ Rule) (out []Finding) {
	conferences(c, func(at Finding, _ Episode, held civil.Date) {
		if !c.Year.In(held) {
			out = append(out, at)
		}
	})
	return out
}

// 8740: an enquiry awaiting its conference started within the year.
func r8740(c Census, _ Rule) (out []Finding) {
	eachS47(c, func(at Finding, _ CensusChild, _ Episode, s Section47) {
		if awaiting(s) && !c.Year.In(s.Start) {
			out = append(out, at.field("S47ActualStartDate"))
		}
	})
	return out
}

// 8839: an episode has at most one enquiry awaiting its conference; each
// after the first is reported.
func r8839(c Census, _ Rule) (out []Finding) {
	eachEpisode(c, func(at Finding, _ CensusChild, e Episode) {
		n := 0
		for k, s := range e.Section47s {
			if awaiting(s) {
				if n++; n > 1 {
					out = append(out, at.module("Section47", k).field("DateOfInitialCPC"))
				}
			}
		}
	})
	return out
}

func weekend(d civil.Date) bool {
	w := d.Weekday()
	return set(d) && (w == time.Saturday || w == time.Sunday)
}

// 8870Q: a conference's target date is not a Saturday or Sunday.
func r8870Q(c Census, _ Rule) (out []Finding) {
	eachS47(c, func(at Finding, _ CensusChild, _ Episode, s Section47) {
		if weekend(s.InitialCPCTarget) {
			out = append(out, at.field("InitialCPCtarget"))
		}
	})
	return out
}

// 8875: a conference is not held on a Saturday or Sunday.
func r8875(c Census, _ Rule) (out []Finding) {
	conferences(c, func(at Finding, _ Episode, held civil.Date) {
		if weekend(held) {
			out = append(out, at)
		}
	})
	return out
}

// 8890: within an episode, no enquiry starts on or between the start and
// conference of another, or the start and reference date of another
// still awaiting its conference.
func r8890(c Census, _ Rule) (out []Finding) {
	eachS47(c, func(at Finding, _ CensusChild, e Episode, s Section47) {
		for k, o := range e.Section47s {
			if k == at.Index || !set(s.Start) || !set(o.Start) {
				continue
			}
			var end civil.Date
			switch {
			case set(o.DateOfInitialCPC):
				end = o.DateOfInitialCPC
			case awaiting(o):
				end = c.Year.ReferenceDate()
			default:
				continue
			}
			if between(s.Start, o.Start, end) {
				out = append(out, at.field("S47ActualStartDate"))
				return
			}
		}
	})
	return out
}

// ---- Child protection plans ----

// 1105: a child protection plan starts on or after the referral.
func r1105(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, e Episode, p CPPlan) {
		if set(p.Start) && p.Start.Before(e.ReferralDate) {
			out = append(out, at.field("CPPstartDate"))
		}
	})
	return out
}

// 2883: the return has no more child protection plans starting in the
// year than initial conferences held in it.
func r2883(c Census, _ Rule) []Finding {
	plans, held := 0, 0
	eachCPPlan(c, func(_ Finding, _ CensusChild, _ Episode, p CPPlan) {
		if c.Year.In(p.Start) {
			plans++
		}
	})
	conferences(c, func(_ Finding, _ Episode, d civil.Date) {
		if c.Year.In(d) {
			held++
		}
	})
	if plans > held {
		return []Finding{whole("CPPstartDate")}
	}
	return nil
}

// 2885: a child protection plan starting in the year starts on the day of
// an initial conference of its episode: an enquiry's, or the episode's own.
func r2885(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, e Episode, p CPPlan) {
		if !c.Year.In(p.Start) || p.Start == e.DateOfInitialCPC {
			return
		}
		if !slices.ContainsFunc(e.Section47s, func(s Section47) bool { return s.DateOfInitialCPC == p.Start }) {
			out = append(out, at.field("CPPstartDate"))
		}
	})
	return out
}

// 8720: a child protection plan has a start date on or before the
// reference date.
func r8720(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if !set(p.Start) || p.Start.After(c.Year.ReferenceDate()) {
			out = append(out, at.field("CPPstartDate"))
		}
	})
	return out
}

// 8730: the number of previous plans is zero or more. The 2023-24 schema
// types it as a positive integer, which refuses a child's first plan; the
// rule, which the DfE's validator applies, allows zero, and the census
// writes the true count (see TestSchemaRefusesAFirstPlan). A Census from
// Build cannot break the rule; one read from a file can.
func r8730(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if p.PreviousPlans < 0 {
			out = append(out, at.field("NumberOfPreviousCPP"))
		}
	})
	return out
}

// 8840: a child protection plan does not start and end on the same day.
func r8840(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if set(p.End) && p.End == p.Start {
			out = append(out, at.field("CPPendDate"))
		}
	})
	return out
}

// 8841: a review is after the plan's start.
func r8841(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		for i, rv := range p.Reviews {
			if set(rv) && !rv.After(p.Start) {
				out = append(out, at.field("CPPreviewDate").item(i))
			}
		}
	})
	return out
}

// 8842Q: a review has its date (a Census holds a review without one as
// the zero date, which is how ReadXML returns an empty CPPreviewDate).
func r8842Q(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		for i, rv := range p.Reviews {
			if !set(rv) {
				out = append(out, at.field("CPPreviewDate").item(i))
			}
		}
	})
	return out
}

// 8905: the initial category of abuse is present and on the list.
func r8905(c Census, r Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if !has(r, p.InitialCategory) {
			out = append(out, at.field("InitialCategoryOfAbuse"))
		}
	})
	return out
}

// 8910: the latest category of abuse is present and on the list.
func r8910(c Census, r Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if !has(r, p.LatestCategory) {
			out = append(out, at.field("LatestCategoryOfAbuse"))
		}
	})
	return out
}

// 8915: a child protection plan starts on or before the child's death.
func r8915(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, ch CensusChild, _ Episode, p CPPlan) {
		if set(ch.DeathDate) && p.Start.After(ch.DeathDate) {
			out = append(out, at.field("CPPstartDate"))
		}
	})
	return out
}

// 8920: a child protection plan ends on or before the child's death.
func r8920(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, ch CensusChild, _ Episode, p CPPlan) {
		if set(ch.DeathDate) && p.End.After(ch.DeathDate) {
			out = append(out, at.field("CPPendDate"))
		}
	})
	return out
}

// 8925: a child protection plan ends on or after its start.
func r8925(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if set(p.End) && p.End.Before(p.Start) {
			out = append(out, at.field("CPPendDate"))
		}
	})
	return out
}

// 8930: a child protection plan's end falls within the collection year.
func r8930(c Census, _ Rule) (out []Finding) {
	eachCPPlan(c, func(at Finding, _ CensusChild, _ Episode, p CPPlan) {
		if set(p.End) && !c.Year.In(p.End) {
			out = append(out, at.field("CPPendDate"))
		}
	})
	return out
}

// 8935: a child has at most one open child protection plan.
func r8935(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		out = append(out, moreThanOneOpen(childCPPlans(at, ch), "CPPendDate")...)
	})
	return out
}

// 8940: a child's child protection plans do not overlap (across episodes,
// as 4014).
func r8940(c Census, _ Rule) (out []Finding) {
	eachChild(c, func(at Finding, ch CensusChild) {
		out = append(out, overlapping(childCPPlans(at, ch), c.Year, "CPPstartDate")...)
	})
	return out
}
