package care

import "hearth/internal/people"

// The code lists below are the SSDA903 return's (2023-24 schema, in
// shared/domain/ssda903-schema-2024.yml), in its order, with labels in
// plain words; the few local lists say so. Has checks a code and Label
// names it. PlacementTypes holds every year's codes: which are in use in a
// collection year is PlacementIn's to say (years.go).

// LegalStatuses are why the child is looked after (LS).
var LegalStatuses = people.CodeList{
	{Code: "C1", Label: "Interim care order"},
	{Code: "C2", Label: "Full care order"},
	{Code: "D1", Label: "Freeing order granted"},
	{Code: "E1", Label: "Placement order granted"},
	{Code: "V2", Label: "Accommodated under section 20: a single period"},
	{Code: "V3", Label: "Short breaks: each break recorded as an episode"},
	{Code: "V4", Label: "Short breaks: the agreement recorded, not each break"},
	{Code: "L1", Label: "Police protection, in council accommodation"},
	{Code: "L2", Label: "Emergency protection order"},
	{Code: "L3", Label: "Child assessment order, in council accommodation"},
	{Code: "J1", Label: "Remanded to council or youth detention accommodation"},
	{Code: "J2", Label: "In council accommodation under PACE"},
	{Code: "J3", Label: "Youth rehabilitation order with a residence or fostering requirement"},
}

// PlacementTypes are where the child lives (PLACE).
var PlacementTypes = people.CodeList{
	{Code: "A3", Label: "Placed for adoption with consent, with their foster carers"},
	{Code: "A4", Label: "Placed for adoption with consent, not with their foster carers"},
	{Code: "A5", Label: "Placed for adoption under a placement order, with their foster carers"},
	{Code: "A6", Label: "Placed for adoption under a placement order, not with their foster carers"},
	{Code: "H5", Label: "Semi-independent living not under children's homes regulations (to 2024-25)"},
	{Code: "K1", Label: "Secure children's home"},
	{Code: "K2", Label: "Children's home"},
	{Code: "K3", Label: "Supported accommodation registered with Ofsted (from 2024-25)"},
	{Code: "P1", Label: "With their parents or others with parental responsibility"},
	{Code: "P2", Label: "Independent living, such as a flat, lodgings or with friends (episodes before 28 October 2023)"},
	{Code: "P3", Label: "Residential employment"},
	{Code: "R1", Label: "Residential care home"},
	{Code: "R2", Label: "NHS or other medical or nursing care"},
	{Code: "R3", Label: "Family centre or mother and baby unit"},
	{Code: "R5", Label: "Young offender institution or prison"},
	{Code: "S1", Label: "Residential school"},
	{Code: "T0", Label: "Temporary move of any kind"},
	{Code: "T1", Label: "Temporary: in hospital"},
	{Code: "T2", Label: "Temporary: away on holiday"},
	{Code: "T3", Label: "Temporary: while the foster carers are on holiday"},
	{Code: "T4", Label: "Temporary: seven days or less, for another reason"},
	{Code: "U1", Label: "Foster care with family or friends: long term"},
	{Code: "U2", Label: "Foster care with family or friends who are approved adopters"},
	{Code: "U3", Label: "Foster care with family or friends: not long term"},
	{Code: "U4", Label: "Foster care with other carers: long term"},
	{Code: "U5", Label: "Foster care with other carers who are approved adopters"},
	{Code: "U6", Label: "Foster care with other carers: not long term"},
	{Code: "Z1", Label: "Other placement (to 2024-25)"},
	// Z11 to Z14 divide Z1 from 2025-26. The rule file names the codes but
	// not their meanings; the labels should be checked against the DfE's
	// guidance for 2025-26 before a council relies on them.
	{Code: "Z11", Label: "Other placement: Z11 (from 2025-26)"},
	{Code: "Z12", Label: "Other placement: Z12 (from 2025-26)"},
	{Code: "Z13", Label: "Other placement: Z13 (from 2025-26)"},
	{Code: "Z14", Label: "Other placement: Z14 (from 2025-26)"},
}

// Providers are who provides the placement (PLACE_PROVIDER).
var Providers = people.CodeList{
	{Code: "PR0", Label: "Parents or others with parental responsibility"},
	{Code: "PR1", Label: "The council's own provision"},
	{Code: "PR2", Label: "Another council's provision"},
	{Code: "PR3", Label: "Other public provision"},
	{Code: "PR4", Label: "Private provision"},
	{Code: "PR5", Label: "Voluntary or third sector provision"},
}

// ReasonsNew are why a new episode started (RNE).
var ReasonsNew = people.CodeList{
	{Code: "S", Label: "Started to be looked after"},
	{Code: "L", Label: "Change of legal status only"},
	{Code: "P", Label: "Change of placement and carers"},
	{Code: "T", Label: "Change of placement, same carers"},
	{Code: "B", Label: "Change of legal status, placement and carers"},
	{Code: "U", Label: "Change of legal status and placement, same carers"},
}

// ReasonsCeased are why an episode ended (REC). X1 ends an episode that
// another follows the same day; every other code ends the period of care.
var ReasonsCeased = people.CodeList{
	{Code: "X1", Label: "A new episode starts the same day"},
	{Code: "E11", Label: "Adopted: application unopposed"},
	{Code: "E12", Label: "Adopted: consent dispensed with by the court"},
	{Code: "E2", Label: "Died"},
	{Code: "E3", Label: "Care taken over by another council"},
	{Code: "E4A", Label: "Returned home as part of the care plan"},
	{Code: "E4B", Label: "Returned home, not part of the care plan"},
	{Code: "E13", Label: "Left care to live with people without parental responsibility"},
	{Code: "E41", Label: "Child arrangements order (residence order)"},
	{Code: "E45", Label: "Special guardianship order: former foster carers who are family or friends"},
	{Code: "E46", Label: "Special guardianship order: other former foster carers"},
	{Code: "E47", Label: "Special guardianship order: other carers who are family or friends"},
	{Code: "E48", Label: "Special guardianship order: other carers"},
	{Code: "E5", Label: "Moved to independent living with formal support"},
	{Code: "E6", Label: "Moved to independent living without formal support"},
	{Code: "E7", Label: "Moved to residential care funded by adult social care"},
	{Code: "E9", Label: "Sentenced to custody"},
	{Code: "E14", Label: "Accommodation on remand ended"},
	{Code: "E15", Label: "Age assessment found them 18 or over"},
	{Code: "E16", Label: "Moved abroad"},
	{Code: "E17", Label: "Aged 18 or over and stayed with their carers (staying put)"},
	{Code: "E8", Label: "Ceased for any other reason"},
}

// PlaceChangeReasons are why a placement changed (REASON_PLACE_CHANGE).
var PlaceChangeReasons = people.CodeList{
	{Code: "CARPL", Label: "Change to, or carrying out of, the care plan"},
	{Code: "CLOSE", Label: "Provider resigned or closed"},
	{Code: "ALLEG", Label: "Allegation (section 47)"},
	{Code: "STAND", Label: "Concern about standards of care"},
	{Code: "APPRR", Label: "Approval removed"},
	{Code: "CREQB", Label: "Carers asked for it to end because of the child's behaviour"},
	{Code: "CREQO", Label: "Carers asked for it to end for another reason"},
	{Code: "CHILD", Label: "The child asked for it to end"},
	{Code: "LAREQ", Label: "The council asked for it to end"},
	{Code: "PLACE", Label: "Change in the placement's status only"},
	{Code: "CUSTOD", Label: "Custody arrangement"},
	{Code: "OTHER", Label: "Other"},
}

// PermanenceGoals are the care plan's aim for the child (a local list; the
// 903 records only the outcome).
var PermanenceGoals = people.CodeList{
	{Code: "return_home", Label: "Return to their family"},
	{Code: "adoption", Label: "Adoption"},
	{Code: "sgo", Label: "Special guardianship"},
	{Code: "cao", Label: "Child arrangements order"},
	{Code: "long_term_fostering", Label: "Long-term fostering"},
	{Code: "residential", Label: "Residential care"},
	{Code: "independence", Label: "Independent living"},
	{Code: "other", Label: "Other"},
}

// Participation is how the child took part in a review (REVIEW_CODE).
var Participation = people.CodeList{
	{Code: "PN0", Label: "Under 4 at the review"},
	{Code: "PN1", Label: "Attended and spoke for themselves"},
	{Code: "PN2", Label: "Attended, and an advocate spoke for them"},
	{Code: "PN3", Label: "Attended and conveyed their views without speaking"},
	{Code: "PN4", Label: "Attended without contributing"},
	{Code: "PN5", Label: "Did not attend; an advocate conveyed their views"},
	{Code: "PN6", Label: "Did not attend; conveyed their views another way"},
	{Code: "PN7", Label: "Did not attend or convey their views"},
}

// SDQReasons are why no SDQ score was recorded (SDQ_REASON).
var SDQReasons = people.CodeList{
	{Code: "SDQ1", Label: "Under 4 or over 16 at the assessment"},
	{Code: "SDQ2", Label: "Carers refused"},
	{Code: "SDQ3", Label: "Not possible because of the child's disability"},
	{Code: "SDQ4", Label: "Other"},
	{Code: "SDQ5", Label: "The young person refused"},
}

// InTouch is whether the council is in touch with a care leaver (IN_TOUCH).
var InTouch = people.CodeList{
	{Code: "YES", Label: "In touch"},
	{Code: "NO", Label: "Not in touch"},
	{Code: "DIED", Label: "Died after leaving care"},
	{Code: "REFU", Label: "The young person refuses contact"},
	{Code: "NREQ", Label: "No longer needs services"},
	{Code: "RHOM", Label: "Returned home for 6 months or more"},
}

// Activities are what a care leaver is doing (ACTIV). F and P codes are
// education, employment or training; G codes are not.
var Activities = people.CodeList{
	{Code: "F1", Label: "Higher education, full time"},
	{Code: "P1", Label: "Higher education, part time"},
	{Code: "F2", Label: "Other education, full time"},
	{Code: "P2", Label: "Other education, part time"},
	{Code: "F4", Label: "Apprenticeship, full time"},
	{Code: "P4", Label: "Apprenticeship, part time"},
	{Code: "F5", Label: "Training or employment, full time"},
	{Code: "P5", Label: "Training or employment, part time"},
	{Code: "G4", Label: "Not in education, employment or training: illness or disability"},
	{Code: "G5", Label: "Not in education, employment or training: other"},
	{Code: "G6", Label: "Not in education, employment or training: pregnancy or parenting"},
	{Code: "0", Label: "Not known"},
}

// Accommodations are where a care leaver lives (ACCOM): a letter for the
// kind, then 1 if it is suitable or 2 if not; 0 when not known.
var Accommodations = people.CodeList{
	{Code: "B1", Label: "With parents or relatives: suitable"},
	{Code: "B2", Label: "With parents or relatives: not suitable"},
	{Code: "C1", Label: "Residential care: suitable"},
	{Code: "C2", Label: "Residential care: not suitable"},
	{Code: "D1", Label: "Semi-independent or transitional: suitable"},
	{Code: "D2", Label: "Semi-independent or transitional: not suitable"},
	{Code: "E1", Label: "Supported lodgings: suitable"},
	{Code: "E2", Label: "Supported lodgings: not suitable"},
	{Code: "G1", Label: "Gone abroad: suitable"},
	{Code: "G2", Label: "Gone abroad: not suitable"},
	{Code: "H1", Label: "Deported: suitable"},
	{Code: "H2", Label: "Deported: not suitable"},
	{Code: "K1", Label: "Ordinary lodgings: suitable"},
	{Code: "K2", Label: "Ordinary lodgings: not suitable"},
	{Code: "R1", Label: "Residence not known: suitable"},
	{Code: "R2", Label: "Residence not known: not suitable"},
	{Code: "S1", Label: "No fixed abode: suitable"},
	{Code: "S2", Label: "No fixed abode: not suitable"},
	{Code: "T1", Label: "Foyer: suitable"},
	{Code: "T2", Label: "Foyer: not suitable"},
	{Code: "U1", Label: "Independent living: suitable"},
	{Code: "U2", Label: "Independent living: not suitable"},
	{Code: "V1", Label: "Emergency accommodation: suitable"},
	{Code: "V2", Label: "Emergency accommodation: not suitable"},
	{Code: "W1", Label: "Bed and breakfast: suitable"},
	{Code: "W2", Label: "Bed and breakfast: not suitable"},
	{Code: "X1", Label: "In custody: suitable"},
	{Code: "X2", Label: "In custody: not suitable"},
	{Code: "Y1", Label: "Other accommodation: suitable"},
	{Code: "Y2", Label: "Other accommodation: not suitable"},
	{Code: "Z1", Label: "With former foster carers: suitable"},
	{Code: "Z2", Label: "With former foster carers: not suitable"},
	{Code: "0", Label: "Not known"},
}

// AdopterSexes are the adopters' sexes (SEX_ADOPTR).
var AdopterSexes = people.CodeList{
	{Code: "M1", Label: "A single man"},
	{Code: "F1", Label: "A single woman"},
	{Code: "MM", Label: "Two men"},
	{Code: "FF", Label: "Two women"},
	{Code: "MF", Label: "A man and a woman"},
}

// AdopterStatuses are the adopters' legal status (LS_ADOPTR).
var AdopterStatuses = people.CodeList{
	{Code: "L0", Label: "A single person"},
	{Code: "L11", Label: "A married couple"},
	{Code: "L12", Label: "A couple in a civil partnership"},
	{Code: "L2", Label: "An unmarried couple"},
	{Code: "L3", Label: "One partner of a couple, adopting alone"},
	{Code: "L4", Label: "Another arrangement"},
}

// AdoptionCeasedReasons are why a child placed for adoption stopped being
// placed (REASON_PLACED_CEASED). The schema holds the codes but not their
// meanings; these labels could not be checked against the DfE's guidance
// here and should be before a council relies on them.
var AdoptionCeasedReasons = people.CodeList{
	{Code: "RD1", Label: "The child's needs changed after the decision"},
	{Code: "RD2", Label: "The court did not make a placement order"},
	{Code: "RD3", Label: "Prospective adopters could not be found"},
	{Code: "RD4", Label: "Any other reason"},
}

// RiskLevels grade a risk found at an exploitation screening (local).
var RiskLevels = people.CodeList{
	{Code: "none", Label: "No risk found"},
	{Code: "low", Label: "Low"},
	{Code: "medium", Label: "Medium"},
	{Code: "high", Label: "High"},
}

// HouseholdTypes are the kinds of foster household on the register (local).
var HouseholdTypes = people.CodeList{
	{Code: "mainstream", Label: "Mainstream (the council's own carers)"},
	{Code: "family_friends", Label: "Family and friends"},
	{Code: "agency", Label: "Independent fostering agency"},
}
