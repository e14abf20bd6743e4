package care

import (
	"time"

	"hearth/internal/civil"
)

// HouseholdID identifies a foster household on the register for ever.
type HouseholdID int64

// Episode is one episode of care, as a row of the SSDA903 Episodes table:
// the child's legal status and placement from the record's Start (DECOM) to
// its End (DEC). A change of either starts a new episode the same day, with
// ReasonNew saying which changed; the last episode of a period of care ends
// with ReasonCeased.
type Episode struct {
	LegalStatus       string      `json:"legal_status"`                  // LegalStatuses (LS)
	Need              string      `json:"need"`                          // the category of need (CIN), journey.PrimaryNeeds' N1 to N8
	Placement         string      `json:"placement"`                     // PlacementTypes (PLACE)
	Provider          string      `json:"provider,omitempty"`            // Providers (PLACE_PROVIDER); blank only where the return allows
	Postcode          string      `json:"postcode,omitempty"`            // the placement's postcode (PL_POST): shown only to roles that need it
	URN               string      `json:"urn,omitempty"`                 // the placement's Ofsted URN: shown only with the postcode
	Household         HouseholdID `json:"household,omitzero"`            // the foster household, when the carers are on the register
	ReasonNew         string      `json:"reason_new"`                    // ReasonsNew (RNE)
	ReasonCeased      string      `json:"reason_ceased,omitempty"`       // ReasonsCeased (REC), with End
	ReasonPlaceChange string      `json:"reason_place_change,omitempty"` // PlaceChangeReasons, when the placement changed
	Permanence        string      `json:"permanence,omitempty"`          // PermanenceGoals: the care plan's goal
	// LongTermStable marks a placement the council has agreed is stable
	// and long-term: the child's visits may then be every 12 weeks, not 6.
	LongTermStable bool `json:"long_term_stable,omitempty"`
}

// Review is a review of a child's care plan (Reviews table).
type Review struct {
	Participation string `json:"participation"` // Participation (REVIEW_CODE)
}

// HealthAssessment is a statutory health assessment: the initial one on
// entering care, then the reviews.
type HealthAssessment struct {
	Initial bool `json:"initial,omitempty"`
}

// DentalCheck is a check of the child's teeth by a dentist.
type DentalCheck struct{}

// Immunisations records whether the child's immunisations were up to date
// when checked.
type Immunisations struct {
	UpToDate bool `json:"up_to_date"`
}

// SDQ is a strengths and difficulties questionnaire: its score (0 to 40),
// or the reason there is none.
type SDQ struct {
	Score  *int   `json:"score,omitempty"`
	Reason string `json:"reason,omitempty"` // SDQReasons, when there is no score
}

// PEP is a personal education plan (or its review) for a child in care.
type PEP struct{}

// UASC marks the child as an unaccompanied asylum-seeking child from the
// record's Start until its End (the UASC table's DUC: when the status
// ceased, at 18 or when an age assessment found them older).
type UASC struct{}

// Adoption follows a child's plan for adoption: the record's Start is the
// decision that the child should be placed for adoption (the 903's
// DATE_INT in AD1, and DATE_PLACED in PlacedAdoption, which despite its
// name is that decision's date), and each later milestone is a date. The
// record ends with the adoption order, or with ReasonCeased when the plan
// stops (DATE_PLACED_CEASED, REASON_PLACED_CEASED).
type Adoption struct {
	PlacementOrder civil.Date `json:"placement_order,omitzero"`
	Matched        civil.Date `json:"matched,omitzero"` // DATE_MATCH
	Placed         civil.Date `json:"placed,omitzero"`  // placed with the adopters (the start of the A3-A6 episode)
	Order          civil.Date `json:"order,omitzero"`   // the adoption order
	FosterCarers   bool       `json:"foster_carers,omitempty"`
	Adopters       int        `json:"adopters,omitzero"`         // NB_ADOPTR: 1 or 2
	AdoptersSex    string     `json:"adopters_sex,omitempty"`    // AdopterSexes (SEX_ADOPTR)
	AdoptersStatus string     `json:"adopters_status,omitempty"` // AdopterStatuses (LS_ADOPTR)
	ReasonCeased   string     `json:"reason_ceased,omitempty"`   // AdoptionCeasedReasons (REASON_PLACED_CEASED)
}

// SGO is a special guardianship order made for the child (on Start).
type SGO struct {
	FormerFosterCarers bool `json:"former_foster_carers,omitempty"`
	RelativeOrFriend   bool `json:"relative_or_friend,omitempty"`
}

// LeavingCare is the leaving care service's work with a care leaver, from
// Start to End (at 25 at the latest), with their personal adviser.
type LeavingCare struct {
	Adviser string `json:"adviser,omitempty"` // the personal adviser's name
}

// PathwayPlan is a care leaver's pathway plan, written or reviewed on Start.
type PathwayPlan struct {
	WithYoungPerson bool `json:"with_young_person"`
}

// LeaverContact is what the council knew of a care leaver around a
// birthday (OC3): in touch or not, their activity and accommodation.
type LeaverContact struct {
	InTouch       string `json:"in_touch"`                // InTouch (IN_TOUCH)
	Activity      string `json:"activity,omitempty"`      // Activities (ACTIV)
	Accommodation string `json:"accommodation,omitempty"` // Accommodations (ACCOM): the letter, and 1 suitable or 2 not
	StayingPut    bool   `json:"staying_put,omitempty"`   // living on with their former foster carers
}

// Missing is an episode of a child missing (or away without authorisation)
// from home or care: Start is the day it began and End the day they
// returned, and the return interview is offered within 72 hours.
type Missing struct {
	Away              bool       `json:"away,omitempty"` // whereabouts known (903 code A); else missing (M)
	StartedAt         time.Time  `json:"started_at"`
	ReturnedAt        time.Time  `json:"returned_at,omitzero"`
	ReportedToPolice  bool       `json:"reported_to_police"`
	InterviewOffered  bool       `json:"interview_offered,omitempty"`
	InterviewAccepted bool       `json:"interview_accepted,omitempty"`
	InterviewDate     civil.Date `json:"interview_date,omitzero"`
}

// Screening is an exploitation screening: the risk of each kind found.
type Screening struct {
	Sexual      string `json:"sexual"`       // RiskLevels: child sexual exploitation
	Criminal    string `json:"criminal"`     // criminal exploitation or gangs
	CountyLines string `json:"county_lines"` // county lines
	Trafficking string `json:"trafficking"`  // modern slavery and trafficking
	Summary     string `json:"summary,omitempty"`
}

// MACE is a multi-agency child exploitation meeting about the child.
type MACE struct {
	Summary string `json:"summary"` // what was agreed
}

// Household is a foster household on the council's register: its own kind
// of record, apart from any child. Children placed with it are the care
// episodes that name it.
type Household struct {
	ID           HouseholdID `json:"id"`
	Version      int         `json:"version"`
	Name         string      `json:"name"`                  // how the service knows them, e.g. "Mr and Ms Okafor"
	Type         string      `json:"type"`                  // HouseholdTypes
	Agency       string      `json:"agency,omitempty"`      // the agency, for an agency household
	Approved     civil.Date  `json:"approved"`              // approval as foster carers
	Deregistered civil.Date  `json:"deregistered,omitzero"` // when they stopped
	Places       int         `json:"places"`                // how many children they are approved for
	Postcode     string      `json:"postcode,omitempty"`    // shown only to roles that see placement addresses
}
