// Package sen2 builds the SEN2 return, the DfE's person-level collection of
// EHC needs assessment requests and EHC plans, from the council's person
// and education records, writes it as XML for COLLECT, reads such a file
// back, and checks it. It is pure Go: the caller reads the records and
// supplies the reader or writer.
//
// The layout follows the reference table of the return's modules and fields
// (domain/education/sen2-fields.tsv), which was put together from
// third-party readings of the DfE's guide (2025, v1.4) rather than from the
// guide itself. Where that table marks a row as not verified (a meaning, a
// code list "NOT retrieved", a label to "check guide"), or where this
// package had to choose something the table does not say (the root and
// grouping elements, the census day, the codes of <sex>), the comment says
// "to be checked": those parts must be compared with the DfE's guide and
// schema of the collection year before a return is sent.
package sen2

import (
	"cmp"
	"slices"
	"time"

	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
)

// Year is a collection year, named by the January of its census: Year 2025
// is the return whose census day is in January 2025 and whose activity
// (requests, assessments, plans issued and ceased) is that of the calendar
// year 2024.
type Year int

// FirstYear is the earliest return Hearth writes: the table's field list v1.2,
// probably the return of 2024 (the table says the mapping of versions to
// years is not verified: to be checked). Earlier returns named the child's
// sex <gendercurrent> and kept residential and work-based placements on the
// active plan; Hearth does not write them.
const FirstYear Year = 2024

// ReferenceDate is the census day: the third Thursday of January (18
// January 2024, 16 January 2025). The table says only "January of the
// collection year"; the third Thursday is the DfE's pattern of recent years
// as remembered, to be checked against the year's guide.
func (y Year) ReferenceDate() civil.Date {
	first := civil.MustNew(int(y), time.January, 1)
	toThursday := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
	return first.AddDays(toThursday + 14)
}

// PeriodStart is the first day of the year whose activity the return
// reports: 1 January of the year before the census.
func (y Year) PeriodStart() civil.Date { return civil.MustNew(int(y)-1, time.January, 1) }

// PeriodEnd is its last day, 31 December.
func (y Year) PeriodEnd() civil.Date { return civil.MustNew(int(y)-1, time.December, 31) }

// InPeriod reports whether d falls within the activity period.
func (y Year) InPeriod(d civil.Date) bool {
	return !d.IsZero() && !d.Before(y.PeriodStart()) && !d.After(y.PeriodEnd())
}

// v13 reports whether the year's return has the fields the table marks
// ">=v1.3" (request source, the DSCO, the draft amended plan and the phase
// transfer dates): from 2025, if v1.3 is the 2025 return (to be checked).
func (y Year) v13() bool { return y >= 2025 }

// Header is what the council says about the return itself; the collection
// ("SEN2"), its year and census day come from the Year.
type Header struct {
	LEA          string    // the council's three-digit DfE number
	SoftwareCode string    // the system that made the return
	Release      string    // its version
	SerialNo     string    // the return's serial number
	DateTime     time.Time // when it was made; written in London time
	// The LA-level module: the council's designated medical officer,
	// designated clinical officer and (from v1.3) designated social care
	// officer. The table gives no format for them ("indicator/detail") and
	// marks the meaning of dsco as not verified: they are written as given,
	// and left out when empty.
	DMO, DCO, DSCO string
}

// Child is what the return reads about one child: the person record and
// every education record of the child (current versions, any kind, any
// date). Only EHC needs assessment requests, EHC plans, school rolls and
// elective home education are read; SEN support is outside SEN2, which is
// about EHC plans.
type Child struct {
	Person people.Person
	// UPNUnknown is the DfE's reason a child has neither UPN nor ULN
	// (UN1...), which the person record does not hold.
	UPNUnknown string
	Records    []education.Record
}

// Flag is a yes/no item of the return: "1", "0", or "" where Hearth does
// not know (and the element is left out).
type Flag string

// The values of a Flag.
const (
	Yes Flag = "1"
	No  Flag = "0"
)

// Return is one year's SEN2 return.
type Return struct {
	Header  Header
	Year    Year
	Persons []Person // sorted by surname, forename, birth date and UPN
}

// Person is module 1, one child or young person, with their requests.
type Person struct {
	Surname    string
	Forename   string
	BirthDate  civil.Date
	Sex        string // the return's code: M, F or U (see SexCode)
	Ethnicity  string // people.EthnicityCodes
	Postcode   string
	UPN        string
	ULN        string // the unique learner number; Hearth holds none
	UPNUnknown string // UPNUnknownCodes
	Requests   []Request
}

// Request is module 2, one request for an EHC needs assessment, with the
// assessment that followed and the plan that came of it. A plan with no
// request on record (made before the council's records began, or
// transferred in) is reported under a request whose outcomes are H
// (historical) and whose received date is missing.
type Request struct {
	Received    civil.Date
	Source      string // requestsource (v1.3); its code list is not known, so Hearth leaves it out
	RYA         Flag   // made while in relevant youth accommodation; not held
	OutcomeDate civil.Date
	Outcome     string // RequestOutcomes
	Mediation   Flag   // not held
	Tribunal    Flag   // not held
	Exported    Flag   // moved out of the area before the assessment ended; not held
	Assessment  *Assessment
	ActivePlan  *ActivePlan // module 5: the plan as it stood on the census day
}

// Assessment is module 3, the EHC needs assessment, with the plan it
// decided to issue.
type Assessment struct {
	Outcome        string // AssessmentOutcomes
	OutcomeDate    civil.Date
	Mediation      Flag // none of the four mediation and tribunal flags is held
	Tribunal       Flag
	OtherMediation Flag
	OtherTribunal  Flag
	Week20         Flag // 1 when an exception to the 20-week limit applied
	Plan           *NamedPlan
}

// NamedPlan is module 4a, the EHC plan, with 4b, the settings it names.
type NamedPlan struct {
	Start       civil.Date
	Res         string // residential setting; code list not known, not held
	WBP         string // work-based learning; code list not known, not held
	PB, OA, DP  Flag   // personal budget flags; not held
	CeaseDate   civil.Date
	CeaseReason string // CeaseReasons
	Settings    []Setting
}

// Setting is a setting named in a plan (4b) or attended (5b): a school by
// URN, a provider by UKPRN, or a kind of setting.
type Setting struct {
	URN                string
	UKPRN              string
	SENSetting         string // SENSettings, where there is no URN or UKPRN
	SENSettingOther    string
	Rank               int  // 1 primary, 2 secondary
	SENUnit            Flag // not held
	ResourcedProvision Flag // not held
	// Placements only (5b).
	Entry, Leaving civil.Date
	Res, WBP       string // not held
}

// ActivePlan is module 5a, a plan maintained on the census day, with the
// settings attended (5b) and its needs (5c).
type ActivePlan struct {
	TransferLA         Flag // transferred in from another council; not held
	ReviewMeeting      civil.Date
	LastReview         civil.Date // the decision after that meeting
	ReviewOutcome      string     // ReviewOutcomes
	ReviewDraft        civil.Date // draft amended plan after a review; not held
	PhaseTransferDue   civil.Date
	PhaseTransferFinal civil.Date
	Placements         []Setting
	Needs              []Need
}

// Need is one SEN type of a plan (5c): rank 1 the primary need, 2 the
// secondary.
type Need struct {
	Type string // SENTypes
	Rank int
}

// SexCode is the return's code for a person's sex (people.SexCodes): M and
// F, and U for indeterminate or not recorded. The table gives no code list
// for <sex>; these are the codes the CIN census uses from 2024-25, assumed
// here (to be checked).
func SexCode(code string) string {
	switch code {
	case "1":
		return "M"
	case "2":
		return "F"
	}
	return "U"
}

// Build makes the year's return from the children's records. A child is in
// it with at least one request or plan in scope (see requestInScope and
// planInScope); the others are left out. Build never fails: what the
// records lack is left blank, and Validate reports it.
func Build(header Header, year Year, children []Child) Return {
	r := Return{Header: header, Year: year}
	for _, ch := range children {
		if p, ok := buildPerson(ch, year); ok {
			r.Persons = append(r.Persons, p)
		}
	}
	slices.SortStableFunc(r.Persons, comparePersons)
	return r
}

func comparePersons(a, b Person) int {
	return cmp.Or(cmp.Compare(a.Surname, b.Surname), cmp.Compare(a.Forename, b.Forename),
		a.BirthDate.Compare(b.BirthDate), cmp.Compare(a.UPN, b.UPN))
}

// happenedBy reports whether a date is set and on or before by: a date
// after the end of the period had not happened when the return was drawn.
func happenedBy(d, by civil.Date) bool { return !d.IsZero() && !d.After(by) }

// requestEnd is the day a request's journey ended: its final plan, or the
// decision that ended it without one; zero while it runs.
func requestEnd(q education.EHCRequest) civil.Date {
	switch {
	case !q.FinalIssued.IsZero():
		return q.FinalIssued
	case q.AssessmentOutcome != "" && q.AssessmentOutcome != "Y":
		return q.AssessmentDecided
	case q.RequestOutcome != "" && q.RequestOutcome != "Y":
		return q.RequestDecided
	}
	return civil.Date{}
}

// requestInScope reports whether a request had activity in the period: it
// was received by the period's end and had not ended before its start.
func requestInScope(q education.EHCRequest, y Year) bool {
	end := requestEnd(q)
	return happenedBy(q.Received, y.PeriodEnd()) && (end.IsZero() || !end.Before(y.PeriodStart()))
}

// planInScope reports whether a plan belongs in the return: issued by the
// end of the period and not ceased before it began (a plan ceased in the
// period is reported with its date and reason). A plan issued in the weeks
// between the period's end and the census day belongs to the next return,
// with the decision that issued it: reported now, it would stand under an
// assessment whose outcome is not yet made.
func planInScope(p education.EHCPlan, y Year) bool {
	return happenedBy(p.Issued, y.PeriodEnd()) && (p.Ceased.IsZero() || !p.Ceased.Before(y.PeriodStart()))
}

type childRecords struct {
	requests []education.Record
	plans    []education.Record
	rolls    []education.Record
	ehe      []education.Record
}

func sortRecords(rs []education.Record) {
	slices.SortFunc(rs, func(a, b education.Record) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
}

func indexRecords(rs []education.Record) childRecords {
	var x childRecords
	for _, r := range rs {
		r = education.Normalise(r)
		switch {
		case r.Kind == education.KindEHCRequest && r.EHCRequest != nil:
			x.requests = append(x.requests, r)
		case r.Kind == education.KindEHCPlan && r.EHCPlan != nil:
			x.plans = append(x.plans, r)
		case r.Kind == education.KindRoll && r.Roll != nil:
			x.rolls = append(x.rolls, r)
		case r.Kind == education.KindEHE && r.EHE != nil:
			x.ehe = append(x.ehe, r)
		}
	}
	sortRecords(x.requests)
	sortRecords(x.plans)
	sortRecords(x.rolls)
	sortRecords(x.ehe)
	return x
}

// linkPlans finds the request each plan came from. An education record of a
// plan does not name its request, so the request whose final plan was
// issued on the plan's day is taken; failing that, the latest request
// received before the plan with a decision to issue and no final date of
// its own. Each request gives at most one plan. The result maps a plan's
// index to its request's, or -1.
func linkPlans(x childRecords) []int {
	link := make([]int, len(x.plans))
	used := make([]bool, len(x.requests))
	for i, p := range x.plans {
		link[i] = -1
		for j, q := range x.requests {
			if !used[j] && q.EHCRequest.AssessmentOutcome == "Y" && q.EHCRequest.FinalIssued == p.EHCPlan.Issued {
				link[i], used[j] = j, true
				break
			}
		}
	}
	for i, p := range x.plans {
		if link[i] >= 0 {
			continue
		}
		for j := len(x.requests) - 1; j >= 0; j-- {
			q := x.requests[j].EHCRequest
			if !used[j] && q.AssessmentOutcome == "Y" && q.FinalIssued.IsZero() && !q.Received.After(p.EHCPlan.Issued) {
				link[i], used[j] = j, true
				break
			}
		}
	}
	return link
}

func buildPerson(ch Child, y Year) (Person, bool) {
	p := ch.Person
	x := indexRecords(ch.Records)
	link := linkPlans(x)
	planOf := map[int]int{} // request index to plan index
	for i, j := range link {
		if j >= 0 {
			planOf[j] = i
		}
	}

	out := Person{
		Surname:    p.FamilyName,
		Forename:   p.GivenName,
		BirthDate:  p.DateOfBirth,
		Sex:        SexCode(p.Sex),
		Ethnicity:  p.Ethnicity,
		Postcode:   postcodeOn(p, y.ReferenceDate()),
		UPN:        p.Identifiers.UPN,
		UPNUnknown: ch.UPNUnknown,
	}
	for j, q := range x.requests {
		pi, linked := planOf[j]
		var plan *education.EHCPlan
		if linked && planInScope(*x.plans[pi].EHCPlan, y) {
			plan = x.plans[pi].EHCPlan
		}
		if plan == nil && !requestInScope(*q.EHCRequest, y) {
			continue
		}
		out.Requests = append(out.Requests, buildRequest(*q.EHCRequest, plan, x, y))
	}
	for i, pr := range x.plans {
		if link[i] >= 0 || !planInScope(*pr.EHCPlan, y) {
			continue
		}
		// A plan with no request on record: both decisions were made
		// before this return's period, as far as the records show.
		r := Request{Outcome: "H", Assessment: &Assessment{Outcome: "H"}}
		attachPlan(&r, *pr.EHCPlan, x, y)
		out.Requests = append(out.Requests, r)
	}
	// Requests in the order they were received; those with no date last.
	slices.SortStableFunc(out.Requests, func(a, b Request) int {
		if a.Received.IsZero() != b.Received.IsZero() {
			if a.Received.IsZero() {
				return 1
			}
			return -1
		}
		return a.Received.Compare(b.Received)
	})
	return out, len(out.Requests) > 0
}

// postcodeOn is the postcode of the address the person lived at on d (the
// latest begun, if the record has two), or "".
func postcodeOn(p people.Person, d civil.Date) string {
	var best people.Address
	found := false
	for _, a := range p.Addresses {
		if a.StartDate.After(d) || (!a.EndDate.IsZero() && a.EndDate.Before(d)) {
			continue
		}
		if !found || a.StartDate.After(best.StartDate) {
			best, found = a, true
		}
	}
	return best.Postcode
}

// buildRequest reports a request as the return counts it: a decision made
// after the period had not been made (A); one made before it is historical
// (H), reported without its date because its own year's return held it.
func buildRequest(q education.EHCRequest, plan *education.EHCPlan, x childRecords, y Year) Request {
	end, start := y.PeriodEnd(), y.PeriodStart()
	r := Request{Received: q.Received}
	decidedToAssess := false
	switch {
	case q.RequestOutcome == "" || !happenedBy(q.RequestDecided, end):
		r.Outcome = "A"
	case q.RequestDecided.Before(start):
		r.Outcome = "H"
		decidedToAssess = q.RequestOutcome == "Y"
	default:
		r.Outcome = q.RequestOutcome
		decidedToAssess = q.RequestOutcome == "Y"
		if r.Outcome == "Y" || r.Outcome == "N" {
			// The table: the date is blank with outcomes A, W and H.
			r.OutcomeDate = q.RequestDecided
		}
	}
	if !decidedToAssess {
		if plan != nil {
			// A plan linked to a request with no decision to assess on
			// record (records the education rules would refuse): the
			// plan is still reported, and Validate finds the mismatch.
			attachPlan(&r, *plan, x, y)
		}
		return r
	}
	a := &Assessment{}
	switch {
	case q.AssessmentOutcome == "" || !happenedBy(q.AssessmentDecided, end):
		a.Outcome = "A"
	case q.AssessmentDecided.Before(start):
		a.Outcome = "H"
	default:
		a.Outcome = q.AssessmentOutcome
		switch a.Outcome {
		case "Y":
			// The date the plan was issued; blank while it has not been.
			if happenedBy(q.FinalIssued, end) {
				a.OutcomeDate = q.FinalIssued
			}
		case "N":
			a.OutcomeDate = q.AssessmentDecided
		}
		if !a.OutcomeDate.IsZero() {
			a.Week20 = No
			if len(q.Exceptions) > 0 {
				a.Week20 = Yes
			}
		}
	}
	r.Assessment = a
	if plan != nil {
		attachPlan(&r, *plan, x, y)
	}
	return r
}

// attachPlan adds a plan in scope to its request: the named plan (4a, 4b)
// under the assessment, and, when it was maintained on the census day, the
// active plan (5a to 5c).
func attachPlan(r *Request, p education.EHCPlan, x childRecords, y Year) {
	ref := y.ReferenceDate()
	np := &NamedPlan{Start: p.Issued}
	if happenedBy(p.Ceased, ref) {
		np.CeaseDate, np.CeaseReason = p.Ceased, p.CeaseReason
	}
	switch {
	case p.SettingURN != "":
		np.Settings = []Setting{{URN: p.SettingURN, Rank: 1}}
	case p.SettingType != "":
		np.Settings = []Setting{{SENSetting: p.SettingType, Rank: 1}}
	}
	if r.Assessment == nil {
		r.Assessment = &Assessment{Outcome: "H"} // see buildRequest
	}
	r.Assessment.Plan = np
	if !p.ActiveOn(ref) {
		return
	}
	ap := &ActivePlan{}
	for _, v := range p.Reviews {
		if !happenedBy(v.Meeting, ref) {
			break
		}
		ap.ReviewMeeting, ap.LastReview, ap.ReviewOutcome = v.Meeting, civil.Date{}, ""
		if happenedBy(v.Decided, ref) {
			ap.LastReview, ap.ReviewOutcome = v.Decided, v.Decision
		}
	}
	if t := p.Transfer; t != nil && y.v13() {
		if due, ok := education.PhaseTransferDue(t.Kind, t.Move); ok {
			ap.PhaseTransferDue = due.Due
		}
		if happenedBy(t.FinalIssued, ref) {
			ap.PhaseTransferFinal = t.FinalIssued
		}
	}
	ap.Placements = placements(p, x, ref)
	needs := slices.Clone(p.Needs)
	slices.SortFunc(needs, func(a, b education.Need) int { return cmp.Compare(a.Rank, b.Rank) })
	for _, n := range needs {
		if n.Rank == 1 || n.Rank == 2 { // the return holds the primary and secondary needs
			ap.Needs = append(ap.Needs, Need{Type: n.Type, Rank: n.Rank})
		}
	}
	r.ActivePlan = ap
}

// placements are the settings the child attended on the census day: the
// schools whose roll they were on (the school the plan names first, then by
// the day they joined; at most two, as the rank is primary or secondary);
// with no school, elective home education if recorded, or else the kind of
// setting the plan names (education otherwise than at school, not in
// education...).
func placements(p education.EHCPlan, x childRecords, ref civil.Date) []Setting {
	var open []education.Record
	for _, r := range x.rolls {
		if r.OpenOn(ref) {
			open = append(open, r)
		}
	}
	slices.SortStableFunc(open, func(a, b education.Record) int {
		an, bn := a.Roll.School == p.SettingURN, b.Roll.School == p.SettingURN
		switch {
		case an && !bn:
			return -1
		case bn && !an:
			return 1
		}
		return 0
	})
	var out []Setting
	for _, r := range open {
		if len(out) == 2 {
			break
		}
		out = append(out, Setting{URN: r.Roll.School, Rank: len(out) + 1, Entry: r.Start})
	}
	if len(out) > 0 {
		return out
	}
	for _, r := range x.ehe {
		if r.OpenOn(ref) {
			return []Setting{{SENSetting: "EHE", Rank: 1, Entry: r.Start}}
		}
	}
	if p.SettingType != "" {
		return []Setting{{SENSetting: p.SettingType, Rank: 1}}
	}
	return nil
}
