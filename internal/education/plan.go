package education

import (
	"fmt"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// SENSettings are the kinds of setting SEN2 records when a plan names no
// school with a URN.
var SENSettings = people.CodeList{
	{Code: "OLA", Label: "Other arrangements made by the local authority (education otherwise than at school)"},
	{Code: "OPA", Label: "Other arrangements made by the parent or young person"},
	{Code: "EHE", Label: "Elective home education"},
	{Code: "EYP", Label: "Early years provider with no URN"},
	{Code: "OTH", Label: "Other"},
	{Code: "NEET", Label: "Not in education, employment or training (16 to 25)"},
	{Code: "NIEC", Label: "Not in education or training: notice to cease issued"},
	{Code: "NIEO", Label: "Not in education or training: other"},
}

// ReviewDecisions are the council's decisions after an annual review.
var ReviewDecisions = people.CodeList{
	{Code: "maintain", Label: "Keep the plan as it is"},
	{Code: "amend", Label: "Amend the plan"},
	{Code: "cease", Label: "Cease the plan"},
}

// Need is one of a plan's special educational needs; rank 1 is the primary
// need.
type Need struct {
	Type string `json:"type"` // SENTypes
	Rank int    `json:"rank"`
}

// PlanReview is one review of an EHC plan: the meeting, then the council's
// decision.
type PlanReview struct {
	Meeting  civil.Date `json:"meeting"`
	Decided  civil.Date `json:"decided,omitzero"`
	Decision string     `json:"decision,omitempty"` // ReviewDecisions, with Decided
}

// PhaseTransfer is a move between phases that the plan must be amended for.
type PhaseTransfer struct {
	Kind        string     `json:"kind"` // TransferSchool or TransferPost16
	Move        civil.Date `json:"move"` // the day the child is to start in the new phase
	FinalIssued civil.Date `json:"final_issued,omitzero"`
}

// EHCPlan is an education, health and care plan as the council maintains
// it: the needs, the provision, the setting named, its reviews, and its end.
type EHCPlan struct {
	Issued    civil.Date `json:"issued"`
	Needs     []Need     `json:"needs"`
	Provision string     `json:"provision,omitempty"`
	// The setting named: a school's URN, or, where there is none, the kind
	// of setting.
	SettingURN  string         `json:"setting_urn,omitempty"`
	SettingType string         `json:"setting_type,omitempty"` // SENSettings
	Reviews     []PlanReview   `json:"reviews,omitempty"`
	Transfer    *PhaseTransfer `json:"transfer,omitempty"`
	Ceased      civil.Date     `json:"ceased,omitzero"`
	CeaseReason string         `json:"cease_reason,omitempty"` // CeaseReasons, with Ceased
}

// ValidatePlan checks a plan's own fields.
func ValidatePlan(p EHCPlan) errs.Fields {
	var bad errs.Fields
	if p.Issued.IsZero() {
		bad.Add("issued", "Enter the date the final plan was issued")
	}
	if len(p.Needs) == 0 {
		bad.Add("needs", "Enter the primary need")
	}
	ranks := map[int]bool{}
	types := map[string]bool{}
	for i, n := range p.Needs {
		if !SENTypes.Has(n.Type) {
			bad.Add(fmt.Sprintf("needs[%d].type", i), "Choose the type of need")
		} else if types[n.Type] {
			bad.Add(fmt.Sprintf("needs[%d].type", i), "A type of need is listed only once")
		}
		types[n.Type] = true
		if n.Rank < 1 || n.Rank > len(p.Needs) || ranks[n.Rank] {
			bad.Add(fmt.Sprintf("needs[%d].rank", i), "Rank the needs 1, 2, 3... with the primary need first, each rank once")
		}
		ranks[n.Rank] = true
	}
	switch {
	case p.SettingURN != "" && p.SettingType != "":
		bad.Add("setting_type", "Name a school by its URN or give the kind of setting, not both")
	case p.SettingURN != "" && (!allDigits(p.SettingURN) || len(p.SettingURN) < 6 || len(p.SettingURN) > 7):
		bad.Add("setting_urn", "A URN is 6 or 7 digits")
	case p.SettingType != "" && !SENSettings.Has(p.SettingType):
		bad.Add("setting_type", "Choose the kind of setting")
	}
	last := p.Issued
	for i, r := range p.Reviews {
		field := fmt.Sprintf("reviews[%d]", i)
		if r.Meeting.IsZero() || r.Meeting.Before(last) {
			bad.Add(field+".meeting", "Enter the meeting's date, after the plan was issued and after the review before")
		}
		if (r.Decision == "") != r.Decided.IsZero() {
			bad.Add(field+".decided", "Enter both the decision and its date, or neither")
		} else if r.Decision != "" && !ReviewDecisions.Has(r.Decision) {
			bad.Add(field+".decision", "Choose the decision")
		}
		if !r.Decided.IsZero() && r.Decided.Before(r.Meeting) {
			bad.Add(field+".decided", "The decision cannot come before the meeting")
		}
		if r.Decided.IsZero() && i < len(p.Reviews)-1 {
			bad.Add(field+".decided", "Record the decision on this review before the next")
		}
		last = r.Meeting
	}
	if t := p.Transfer; t != nil {
		if _, ok := PhaseTransferDue(t.Kind, t.Move); !ok {
			bad.Add("transfer.kind", "Choose a move between school phases or to post-16 education")
		}
		if t.Move.IsZero() {
			bad.Add("transfer.move", "Enter the date the child moves to the new phase")
		}
		if !t.FinalIssued.IsZero() && t.FinalIssued.Before(p.Issued) {
			bad.Add("transfer.final_issued", "The amended plan cannot be issued before the plan")
		}
	}
	if (p.CeaseReason == "") != p.Ceased.IsZero() {
		bad.Add("cease_reason", "Enter both the date the plan ceased and why, or neither")
	} else if p.CeaseReason != "" && !CeaseReasons.Has(p.CeaseReason) {
		bad.Add("cease_reason", "Choose why the plan ceased")
	}
	if !p.Ceased.IsZero() && p.Ceased.Before(p.Issued) {
		bad.Add("ceased", "A plan cannot cease before it was issued")
	}
	return bad
}

// PrimaryNeed is the plan's rank 1 need, or "".
func (p EHCPlan) PrimaryNeed() string {
	for _, n := range p.Needs {
		if n.Rank == 1 {
			return n.Type
		}
	}
	return ""
}

// ActiveOn reports whether the plan was maintained on d.
func (p EHCPlan) ActiveOn(d civil.Date) bool {
	return !p.Issued.IsZero() && !p.Issued.After(d) && (p.Ceased.IsZero() || d.Before(p.Ceased))
}

// PlanDeadlines lists the time limits open on a maintained plan: the next
// review (12 months, or 6 for a child under 5), the decision after the last
// review meeting (4 weeks), and a phase transfer's amended plan. A ceased
// plan has none.
func PlanDeadlines(p EHCPlan, dateOfBirth civil.Date) []Deadline {
	if !p.Ceased.IsZero() || p.Issued.IsZero() {
		return nil
	}
	var lastMeeting civil.Date
	var out []Deadline
	if n := len(p.Reviews); n > 0 {
		r := p.Reviews[n-1]
		lastMeeting = r.Meeting
		if r.Decided.IsZero() {
			out = append(out, ReviewDecisionDue(r.Meeting))
		}
	}
	out = append(out, ReviewDue(p.Issued, lastMeeting, dateOfBirth))
	if t := p.Transfer; t != nil && t.FinalIssued.IsZero() {
		if due, ok := PhaseTransferDue(t.Kind, t.Move); ok {
			out = append(out, due)
		}
	}
	return out
}

// ISAPPDecisions are what the Inclusion Support and Alternative Provision
// Panel decides on a school's referral. Councils name their offers
// differently; these are the seed council's kinds of support, as data.
var ISAPPDecisions = people.CodeList{
	{Code: "in_school", Label: "Support in school"},
	{Code: "outreach", Label: "Outreach support"},
	{Code: "preventative", Label: "Preventative placement in alternative provision"},
	{Code: "managed_move", Label: "Managed move to another school"},
	{Code: "pre_exclusion", Label: "Pre-exclusion meeting"},
	{Code: "not_accepted", Label: "Not accepted"},
}

// PreExclusionResults are what followed a pre-exclusion meeting.
var PreExclusionResults = people.CodeList{
	{Code: "stayed", Label: "Stayed at the school with support"},
	{Code: "managed_move", Label: "Managed move"},
	{Code: "alternative_provision", Label: "Alternative provision"},
	{Code: "permanent_exclusion", Label: "Permanently excluded"},
}

// ISAPPReferral is a school's referral of a pupil to the panel.
type ISAPPReferral struct {
	Received civil.Date `json:"received"`
	School   string     `json:"school"` // URN
	Reason   string     `json:"reason,omitempty"`
	Panel    civil.Date `json:"panel,omitzero"`     // the meeting that decided it
	Decision string     `json:"decision,omitempty"` // ISAPPDecisions, with Panel
	// The pre-exclusion meeting, when the panel held one, and what followed.
	PreExclusion civil.Date `json:"pre_exclusion,omitzero"`
	Result       string     `json:"result,omitempty"` // PreExclusionResults
}

// ValidateISAPP checks a referral's own fields.
func ValidateISAPP(r ISAPPReferral) errs.Fields {
	var bad errs.Fields
	if r.Received.IsZero() {
		bad.Add("received", "Enter the date the referral was received")
	}
	if !allDigits(r.School) || len(r.School) < 6 || len(r.School) > 7 {
		bad.Add("school", "Enter the referring school's URN (6 or 7 digits)")
	}
	if (r.Decision == "") != r.Panel.IsZero() {
		bad.Add("decision", "Enter both the panel's date and its decision, or neither")
	} else if r.Decision != "" && !ISAPPDecisions.Has(r.Decision) {
		bad.Add("decision", "Choose the panel's decision")
	}
	if !r.Panel.IsZero() && r.Panel.Before(r.Received) {
		bad.Add("panel", "The panel cannot decide before the referral was received")
	}
	if !r.PreExclusion.IsZero() {
		if r.Decision != "pre_exclusion" {
			bad.Add("pre_exclusion", "A pre-exclusion meeting follows the panel's decision to hold one")
		}
		if r.PreExclusion.Before(r.Panel) {
			bad.Add("pre_exclusion", "The meeting cannot be before the panel's decision")
		}
	}
	if r.Result != "" {
		switch {
		case r.PreExclusion.IsZero():
			bad.Add("result", "Record the pre-exclusion meeting before what followed it")
		case !PreExclusionResults.Has(r.Result):
			bad.Add("result", "Choose what followed the meeting")
		}
	}
	return bad
}
