package journey

import (
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// ID identifies a journey record for ever. It is never reused.
type ID int64

// Kind is what a journey record records.
type Kind string

// The kinds of journey record. Each has its own detail (Record's pointer of
// the same name); the common fields say whose, when and within what.
const (
	KindContact       Kind = "contact"             // the front door: received, decided
	KindEarlyHelp     Kind = "early_help"          // an early help episode: opened, closed
	KindReferral      Kind = "referral"            // a referral to social care: opens a CIN episode, its End closes it
	KindAssessment    Kind = "assessment"          // a child and family assessment: started, authorised
	KindStrategy      Kind = "strategy_discussion" // a strategy discussion
	KindS47           Kind = "s47"                 // a Section 47 enquiry: started, completed
	KindICPC          Kind = "icpc"                // an initial child protection conference
	KindCINPlan       Kind = "cin_plan"            // a child in need plan: started, ended
	KindCPPlan        Kind = "cp_plan"             // a child protection plan: started, ended
	KindCPReview      Kind = "cp_review"           // a child protection review conference
	KindVisit         Kind = "visit"               // a visit to the child
	KindNote          Kind = "note"                // a case note
	KindAllocation    Kind = "allocation"          // the child allocated to a worker in a team
	KindFamilyMeeting Kind = "family_meeting"      // a family network meeting (family group conference)

	// Children in care, care leavers, adoption, missing children and
	// exploitation: their details are in package care.
	KindCareEpisode      Kind = "care_episode"           // an episode of care: legal status and placement
	KindCareReview       Kind = "care_review"            // a review of the child's care plan
	KindHealthAssessment Kind = "health_assessment"      // a statutory health assessment
	KindDentalCheck      Kind = "dental_check"           // a dental check
	KindImmunisations    Kind = "immunisations"          // immunisations checked
	KindSDQ              Kind = "sdq"                    // a strengths and difficulties questionnaire
	KindPEP              Kind = "pep"                    // a personal education plan or its review
	KindUASC             Kind = "uasc"                   // unaccompanied asylum-seeking child: from, to
	KindAdoption         Kind = "adoption"               // the plan for adoption and its milestones
	KindSGO              Kind = "sgo"                    // a special guardianship order
	KindLeavingCare      Kind = "leaving_care"           // the leaving care service's work with a care leaver
	KindPathwayPlan      Kind = "pathway_plan"           // a care leaver's pathway plan or its review
	KindLeaverContact    Kind = "leaver_contact"         // in touch, activity and accommodation around a birthday
	KindMissing          Kind = "missing"                // an episode missing or away from home or care
	KindScreening        Kind = "exploitation_screening" // an exploitation screening
	KindMACE             Kind = "mace"                   // a multi-agency child exploitation meeting
)

// Kinds lists every kind with its label, in the order forms offer them.
var Kinds = people.CodeList{
	{Code: string(KindContact), Label: "Contact"},
	{Code: string(KindEarlyHelp), Label: "Early help episode"},
	{Code: string(KindReferral), Label: "Referral"},
	{Code: string(KindAssessment), Label: "Child and family assessment"},
	{Code: string(KindStrategy), Label: "Strategy discussion"},
	{Code: string(KindS47), Label: "Section 47 enquiry"},
	{Code: string(KindICPC), Label: "Initial child protection conference"},
	{Code: string(KindCINPlan), Label: "Child in need plan"},
	{Code: string(KindCPPlan), Label: "Child protection plan"},
	{Code: string(KindCPReview), Label: "Child protection review conference"},
	{Code: string(KindVisit), Label: "Visit"},
	{Code: string(KindNote), Label: "Case note"},
	{Code: string(KindAllocation), Label: "Allocation"},
	{Code: string(KindFamilyMeeting), Label: "Family network meeting"},
	{Code: string(KindCareEpisode), Label: "Episode of care"},
	{Code: string(KindCareReview), Label: "Review of the care plan"},
	{Code: string(KindHealthAssessment), Label: "Health assessment"},
	{Code: string(KindDentalCheck), Label: "Dental check"},
	{Code: string(KindImmunisations), Label: "Immunisations"},
	{Code: string(KindSDQ), Label: "Strengths and difficulties questionnaire"},
	{Code: string(KindPEP), Label: "Personal education plan"},
	{Code: string(KindUASC), Label: "Unaccompanied asylum-seeking child"},
	{Code: string(KindAdoption), Label: "Plan for adoption"},
	{Code: string(KindSGO), Label: "Special guardianship order"},
	{Code: string(KindLeavingCare), Label: "Leaving care service"},
	{Code: string(KindPathwayPlan), Label: "Pathway plan"},
	{Code: string(KindLeaverContact), Label: "Care leaver's birthday contact"},
	{Code: string(KindMissing), Label: "Missing episode"},
	{Code: string(KindScreening), Label: "Exploitation screening"},
	{Code: string(KindMACE), Label: "Multi-agency child exploitation meeting"},
}

// Record is one journey record as it stands at one version.
//
// The common fields place it: whose (PersonID), what (Kind), within which
// episode (Episode: the referral or early help episode it belongs to, or,
// for an allocation, visit or note, the episode of care or leaving care
// service), after
// what (Follows: the strategy discussion an S47 came from, the S47 an ICPC
// followed, the ICPC a CP plan started at, the plan a review or visit is
// about, the referral an early help episode was stepped down from), when
// (Start, and End for a record that spans time; zero while it is open) and by
// whom (TeamID, WorkerID). Exactly one detail, the one of its Kind, is set.
type Record struct {
	ID       ID            `json:"id"`
	Version  int           `json:"version"`
	PersonID people.ID     `json:"person_id"`
	Kind     Kind          `json:"kind"`
	Episode  ID            `json:"episode,omitzero"`
	Follows  ID            `json:"follows,omitzero"`
	Start    civil.Date    `json:"start"`
	End      civil.Date    `json:"end,omitzero"`
	TeamID   access.TeamID `json:"team_id,omitzero"`
	WorkerID access.UserID `json:"worker_id,omitzero"`
	// RecordedAt is when the record was first written (a case note's "when
	// it was recorded", beside Start, "when it happened"). The store sets it.
	RecordedAt time.Time `json:"recorded_at,omitzero"`

	Contact       *Contact       `json:"contact,omitempty"`
	EarlyHelp     *EarlyHelp     `json:"early_help,omitempty"`
	Referral      *Referral      `json:"referral,omitempty"`
	Assessment    *Assessment    `json:"assessment,omitempty"`
	Strategy      *Strategy      `json:"strategy_discussion,omitempty"`
	S47           *S47           `json:"s47,omitempty"`
	ICPC          *ICPC          `json:"icpc,omitempty"`
	Plan          *Plan          `json:"plan,omitempty"` // cin_plan and cp_plan
	Review        *Review        `json:"cp_review,omitempty"`
	Visit         *Visit         `json:"visit,omitempty"`
	Note          *Note          `json:"note,omitempty"`
	Allocation    *Allocation    `json:"allocation,omitempty"`
	FamilyMeeting *FamilyMeeting `json:"family_meeting,omitempty"`

	CareEpisode      *care.Episode          `json:"care_episode,omitempty"`
	CareReview       *care.Review           `json:"care_review,omitempty"`
	HealthAssessment *care.HealthAssessment `json:"health_assessment,omitempty"`
	DentalCheck      *care.DentalCheck      `json:"dental_check,omitempty"`
	Immunisations    *care.Immunisations    `json:"immunisations,omitempty"`
	SDQ              *care.SDQ              `json:"sdq,omitempty"`
	PEP              *care.PEP              `json:"pep,omitempty"`
	UASC             *care.UASC             `json:"uasc,omitempty"`
	Adoption         *care.Adoption         `json:"adoption,omitempty"`
	SGO              *care.SGO              `json:"sgo,omitempty"`
	LeavingCare      *care.LeavingCare      `json:"leaving_care,omitempty"`
	PathwayPlan      *care.PathwayPlan      `json:"pathway_plan,omitempty"`
	LeaverContact    *care.LeaverContact    `json:"leaver_contact,omitempty"`
	Missing          *care.Missing          `json:"missing,omitempty"`
	Screening        *care.Screening        `json:"exploitation_screening,omitempty"`
	MACE             *care.MACE             `json:"mace,omitempty"`
}

// OpenOn reports whether the record is open on d: started by then and not
// ended before it.
func (r Record) OpenOn(d civil.Date) bool {
	return !r.Start.After(d) && (r.End.IsZero() || !r.End.Before(d))
}

// SpanningKinds are the kinds of record that have an end as well as a
// start; a visit, a note or a conference happens on one day.
var SpanningKinds = []Kind{KindContact, KindEarlyHelp, KindReferral, KindAssessment, KindS47, KindCINPlan, KindCPPlan, KindAllocation,
	KindCareEpisode, KindUASC, KindAdoption, KindLeavingCare, KindMissing}

// spans reports whether records of the kind have an end as well as a start.
func spans(k Kind) bool { return slices.Contains(SpanningKinds, k) }

// Contact is a request for help at the front door, and the decision on it.
// Its Start is the day it was received (in the council's zone) and its End
// the day it was decided.
type Contact struct {
	ReceivedAt time.Time     `json:"received_at"`
	Source     string        `json:"source"`            // ReferralSources
	Summary    string        `json:"summary,omitempty"` // what was asked and why
	Decision   string        `json:"decision,omitempty"`
	DecidedAt  time.Time     `json:"decided_at,omitzero"`
	DecidedBy  access.UserID `json:"decided_by,omitzero"`
}

// EarlyHelp is an early help episode: the family's assessment, its lead
// practitioner and family hub, the problems it works on, and how it closed.
type EarlyHelp struct {
	AssessmentDate   civil.Date `json:"assessment_date,omitzero"`
	LeadPractitioner string     `json:"lead_practitioner,omitempty"` // name and agency
	FamilyHub        string     `json:"family_hub,omitempty"`
	Problems         []string   `json:"problems,omitempty"` // FamilyProblems
	Closure          string     `json:"closure,omitempty"`  // EarlyHelpClosures, with End
}

// Referral is a referral to children's social care. It opens a child in
// need episode, which its End and ClosureReason close.
type Referral struct {
	Source        string `json:"source"`       // ReferralSources
	PrimaryNeed   string `json:"primary_need"` // PrimaryNeeds
	NFA           bool   `json:"nfa,omitempty"`
	ClosureReason string `json:"closure_reason,omitempty"` // ClosureReasons, with End
}

// Assessment is a child and family assessment. Its End is the day a manager
// authorised it.
type Assessment struct {
	Factors   []string `json:"factors,omitempty"` // AssessmentFactors, at authorisation
	ChildSeen bool     `json:"child_seen,omitempty"`
}

// Strategy is a strategy discussion and what it decided.
type Strategy struct {
	Outcome string `json:"outcome"` // StrategyOutcomes
}

// S47 is a Section 47 enquiry. Its End is the day it was completed, with
// its outcome.
type S47 struct {
	Outcome string `json:"outcome,omitempty"` // S47Outcomes, with End
}

// ICPC is an initial child protection conference and its decision.
type ICPC struct {
	Plan       bool `json:"plan"` // a child protection plan was made
	TransferIn bool `json:"transfer_in,omitempty"`
}

// Plan is a child in need plan or a child protection plan. A CP plan has
// the category of abuse at its start and the latest.
type Plan struct {
	InitialCategory string `json:"initial_category,omitempty"` // AbuseCategories, CP plans only
	LatestCategory  string `json:"latest_category,omitempty"`  // AbuseCategories, CP plans only
}

// Review is a child protection review conference.
type Review struct {
	Continue bool `json:"continue"` // the plan continues
}

// Visit is a visit to the child by their worker.
type Visit struct {
	Seen        bool `json:"seen"`
	SeenAlone   bool `json:"seen_alone"`
	BedroomSeen bool `json:"bedroom_seen,omitempty"`
}

// Note is a case note: what happened (on Start) and when it was recorded
// (RecordedAt).
type Note struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Allocation is the child's allocation to a worker (WorkerID) in a team
// (TeamID) from Start to End.
type Allocation struct {
	Reason string `json:"reason,omitempty"` // why the worker changed
}

// FamilyMeeting is a family network meeting (family group conference):
// offered on Start, held on Held, and what came of it.
type FamilyMeeting struct {
	Held    civil.Date `json:"held,omitzero"`
	Outcome string     `json:"outcome,omitempty"` // FamilyMeetingOutcomes
}
