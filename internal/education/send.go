package education

import (
	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// SENTypes are the types of special educational need, as SEN2 and the
// school census record them.
var SENTypes = people.CodeList{
	{Code: "SPLD", Label: "Specific learning difficulty"},
	{Code: "MLD", Label: "Moderate learning difficulty"},
	{Code: "SLD", Label: "Severe learning difficulty"},
	{Code: "PMLD", Label: "Profound and multiple learning difficulty"},
	{Code: "SEMH", Label: "Social, emotional and mental health"},
	{Code: "SLCN", Label: "Speech, language and communication needs"},
	{Code: "HI", Label: "Hearing impairment"},
	{Code: "VI", Label: "Vision impairment"},
	{Code: "MSI", Label: "Multi-sensory impairment"},
	{Code: "PD", Label: "Physical disability"},
	{Code: "ASD", Label: "Autistic spectrum disorder"},
	{Code: "DS", Label: "Down syndrome"},
	{Code: "OTH", Label: "Other difficulty or disability"},
	{Code: "NSA", Label: "SEN support but no specialist assessment of type of need"},
}

// RequestOutcomes are the decisions on a request for an EHC needs
// assessment (SEN2 requestoutcome, without H, which only the return uses).
var RequestOutcomes = people.CodeList{
	{Code: "Y", Label: "Assessment agreed"},
	{Code: "N", Label: "Decided not to assess"},
	{Code: "W", Label: "Withdrawn or ceased before a decision"},
}

// AssessmentOutcomes are the decisions after an assessment (SEN2
// assessmentoutcome).
var AssessmentOutcomes = people.CodeList{
	{Code: "Y", Label: "An EHC plan will be issued"},
	{Code: "N", Label: "An EHC plan will not be issued"},
	{Code: "W", Label: "Withdrawn or ceased before a decision"},
}

// CeaseReasons are why an EHC plan stopped being maintained (SEN2
// ceasereason).
var CeaseReasons = people.CodeList{
	{Code: "1", Label: "Reached the maximum age"},
	{Code: "2", Label: "Needs met without a plan"},
	{Code: "3", Label: "Moved on to higher education"},
	{Code: "4", Label: "Moved on to paid employment"},
	{Code: "5", Label: "Transferred to another local authority in England"},
	{Code: "6", Label: "No longer wishes to engage in education or training"},
	{Code: "7", Label: "Moved outside England"},
	{Code: "8", Label: "Deceased"},
	{Code: "9", Label: "Other"},
}

// Exceptions are the circumstances in which the SEND Regulations 2014 let
// an EHC time limit pass (regs 5(4), 10(4), 13(3)), where meeting it is
// impractical.
var Exceptions = people.CodeList{
	{Code: "A", Label: "School or college advice asked for around a closure of 4 weeks or more"},
	{Code: "B", Label: "Early years provider's advice asked for around a closure of 4 weeks or more"},
	{Code: "C", Label: "Exceptional personal circumstances of the child, parent or young person"},
	{Code: "D", Label: "The child, parent or young person away from the area for 4 weeks or more"},
}

// EHCRequest is a request for an EHC needs assessment and what followed,
// to the final plan. Each date is zero until it happens.
type EHCRequest struct {
	Received          civil.Date `json:"received"` // or the day the council became responsible
	RequestOutcome    string     `json:"request_outcome,omitempty"`
	RequestDecided    civil.Date `json:"request_decided,omitzero"` // parent told whether the council will assess
	AssessmentOutcome string     `json:"assessment_outcome,omitempty"`
	AssessmentDecided civil.Date `json:"assessment_decided,omitzero"` // decision to issue a plan, or not
	DraftIssued       civil.Date `json:"draft_issued,omitzero"`
	FinalIssued       civil.Date `json:"final_issued,omitzero"`
	Exceptions        []string   `json:"exceptions,omitempty"` // Exceptions that applied
}

// ValidateRequest checks a request's own fields: known codes, dates in the
// order the process takes them, and each step only after the one before.
func ValidateRequest(r EHCRequest) errs.Fields {
	var bad errs.Fields
	if r.Received.IsZero() {
		bad.Add("received", "Enter the date the request was received")
	}
	if r.RequestOutcome != "" && !RequestOutcomes.Has(r.RequestOutcome) {
		bad.Add("request_outcome", "Choose whether the council will assess")
	}
	if r.AssessmentOutcome != "" && !AssessmentOutcomes.Has(r.AssessmentOutcome) {
		bad.Add("assessment_outcome", "Choose whether a plan will be issued")
	}
	for _, e := range r.Exceptions {
		if !Exceptions.Has(e) {
			bad.Add("exceptions", "%q is not one of the exceptions in the regulations", e)
		}
	}
	pairs := []struct {
		field, label string
		outcome      string
		on           civil.Date
	}{
		{"request_decided", "the decision whether to assess", r.RequestOutcome, r.RequestDecided},
		{"assessment_decided", "the decision whether to issue a plan", r.AssessmentOutcome, r.AssessmentDecided},
	}
	for _, p := range pairs {
		if (p.outcome == "") != p.on.IsZero() {
			bad.Add(p.field, "Enter both %s and its date, or neither", p.label)
		}
	}
	if r.AssessmentOutcome != "" && r.RequestOutcome != "Y" {
		bad.Add("assessment_outcome", "An assessment's outcome needs a decision to assess")
	}
	if (!r.DraftIssued.IsZero() || !r.FinalIssued.IsZero()) && r.AssessmentOutcome != "Y" {
		bad.Add("final_issued", "A plan is drafted and issued only after a decision to issue one")
	}
	order := []struct {
		field string
		on    civil.Date
	}{
		{"received", r.Received}, {"request_decided", r.RequestDecided}, {"assessment_decided", r.AssessmentDecided},
		{"draft_issued", r.DraftIssued}, {"final_issued", r.FinalIssued},
	}
	var last civil.Date
	for _, o := range order {
		if o.on.IsZero() {
			continue
		}
		if o.on.Before(last) && !bad.Has(o.field) {
			bad.Add(o.field, "This date cannot be before the step before it (%s)", last.Format())
		}
		last = o.on
	}
	// The parent has at least 15 days, counting the day it was served, to
	// comment on the draft (reg 13(1)); the plan is final only after.
	if !r.DraftIssued.IsZero() && !r.FinalIssued.IsZero() && r.FinalIssued.Before(r.DraftIssued.AddDays(15)) && !bad.Has("final_issued") {
		bad.Add("final_issued", "The final plan cannot be issued before the 15 days for comments on the draft have passed (%s)", r.DraftIssued.AddDays(15).Format())
	}
	return bad
}

// Deadline is one statutory time limit on a piece of SEND work.
type Deadline struct {
	Rule string     `json:"rule"` // the row of send-timescales: R1, R3, R6, R14...
	What string     `json:"what"`
	Due  civil.Date `json:"due"`
	Met  civil.Date `json:"met,omitzero"` // the day it was done, zero while open
	// Excepted is true when an exception in the regulations applied, so a
	// late date is not a breach (SEN2's week20 flag).
	Excepted bool `json:"excepted,omitempty"`
	// Parents is true for a window the parents have, not work of the
	// council's: it passing without their step is no breach, and it is
	// never due work on an officer's list.
	Parents bool `json:"parents,omitempty"`
}

// Late reports whether the deadline was missed, or is past and still open
// on today, without an exception.
func (d Deadline) Late(today civil.Date) bool {
	if d.Excepted || d.Parents && d.Met.IsZero() {
		return false
	}
	if d.Met.IsZero() {
		return d.Due.Before(today)
	}
	return d.Met.After(d.Due)
}

// RequestDeadlines lists the time limits that run on a request: the
// decision whether to assess (6 weeks, reg 5), then, as the decisions fall,
// the decision not to issue a plan (16 weeks, reg 10) or the final plan (20
// weeks, reg 13). Weeks run from the day the request was received. A
// request withdrawn, or refused, has no later limits.
func RequestDeadlines(r EHCRequest) []Deadline {
	if r.Received.IsZero() {
		return nil
	}
	excepted := len(r.Exceptions) > 0
	out := []Deadline{{Rule: "R1", What: "Decide whether to carry out an EHC needs assessment", Due: r.Received.AddDays(6 * 7), Met: r.RequestDecided, Excepted: excepted}}
	if r.RequestOutcome != "Y" {
		return out
	}
	switch r.AssessmentOutcome {
	case "N":
		return append(out, Deadline{Rule: "R3", What: "Tell the family a plan will not be issued", Due: r.Received.AddDays(16 * 7), Met: r.AssessmentDecided, Excepted: excepted})
	case "W":
		return out
	}
	return append(out, Deadline{Rule: "R6", What: "Issue the final EHC plan", Due: r.Received.AddDays(20 * 7), Met: r.FinalIssued, Excepted: excepted})
}

// Within20Weeks reports whether a final plan was issued within 20 weeks of
// the request, and whether an exception applied: the DfE's measure counts
// plans issued within 20 weeks both with and without the exceptions.
func Within20Weeks(r EHCRequest) (within, excepted bool) {
	if r.FinalIssued.IsZero() || r.Received.IsZero() {
		return false, len(r.Exceptions) > 0
	}
	return !r.FinalIssued.After(r.Received.AddDays(20 * 7)), len(r.Exceptions) > 0
}

// ReviewDue returns when an EHC plan's next review must be held: within 12
// months of the plan's issue, then of the last review (Children and
// Families Act 2014 s44(1)). For a child under 5 on the day counted from,
// the Code of Practice (9.178) asks the council to consider a review every
// 3 to 6 months; Hearth puts that at 6 months, the outer end, marked as
// guidance by the rule R10.
func ReviewDue(issued, lastReview, dateOfBirth civil.Date) Deadline {
	from := issued
	if lastReview.After(from) {
		from = lastReview
	}
	if from.IsZero() {
		return Deadline{}
	}
	if !dateOfBirth.IsZero() && dateOfBirth.AgeOn(from) < 5 {
		return Deadline{Rule: "R10", What: "Review the plan (under 5: every 3 to 6 months)", Due: calendar.AddMonths(from, 6)}
	}
	return Deadline{Rule: "R9", What: "Review the plan (annual review)", Due: calendar.AddMonths(from, 12)}
}

// ReviewDecisionDue is the last day to tell the family, after a review
// meeting, whether the plan is kept, amended or ceased: 4 weeks (reg 20).
func ReviewDecisionDue(meeting civil.Date) Deadline {
	return Deadline{Rule: "R14", What: "Decide to keep, amend or cease the plan after its review", Due: meeting.AddDays(4 * 7)}
}

// AmendmentDue is the last day to issue an amended plan after sending the
// proposed amendments: 8 weeks (reg 22(3)).
func AmendmentDue(proposed civil.Date) Deadline {
	return Deadline{Rule: "R16", What: "Issue the amended plan", Due: proposed.AddDays(8 * 7)}
}

// Phase transfers: the moves between phases for which the plan must be
// reviewed and amended, naming the new school, by a fixed day of the
// calendar year of the move (reg 18).
const (
	TransferSchool = "school" // early years to school, infant to junior, primary to middle or secondary, middle to secondary
	TransferPost16 = "post16" // secondary school to a post-16 institution
)

// PhaseTransferDue is the day by which the amended plan must be issued for
// a phase transfer in the calendar year of move: 15 February for a move
// between school phases, 31 March for a move to a post-16 institution.
func PhaseTransferDue(kind string, move civil.Date) (Deadline, bool) {
	switch kind {
	case TransferSchool:
		return Deadline{Rule: "R18", What: "Amend the plan for the move to the next school phase", Due: civil.Date{Year: move.Year, Month: 2, Day: 15}}, true
	case TransferPost16:
		return Deadline{Rule: "R19", What: "Amend the plan for the move to post-16 education", Due: civil.Date{Year: move.Year, Month: 3, Day: 31}}, true
	}
	return Deadline{}, false
}
