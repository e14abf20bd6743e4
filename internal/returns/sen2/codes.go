package sen2

// The return's code lists, from the reference table (sen2-fields.tsv).

// UPNUnknownCodes are the reasons a person has neither UPN nor ULN. The
// table's list has no UN4, UN6 or UN7 (the CIN census's codes) and adds UN8
// to UN10; UN10's wording is cut short in its source.
var UPNUnknownCodes = []string{"UN1", "UN2", "UN3", "UN5", "UN8", "UN9", "UN10"}

// RequestOutcomes are the outcomes of a request: Y assessed, N not, A not
// yet decided, W withdrawn before a decision, H decided before the period.
var RequestOutcomes = []string{"Y", "N", "A", "W", "H"}

// AssessmentOutcomes are the outcomes of an assessment: Y a plan will be
// issued, N not, A not yet decided, W withdrawn, H decided before the period.
var AssessmentOutcomes = []string{"Y", "N", "A", "W", "H"}

// CeaseReasons are the reasons a plan ceased (item 4.6 of the 2025 return).
var CeaseReasons = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}

// SENSettings are the kinds of setting used where no URN or UKPRN applies.
var SENSettings = []string{"OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO"}

// SENTypes are the types of need a plan records: the spring school
// census's list without NSA, which is for SEN support only. DS is recent
// (in the 2025 list, not in older ones).
var SENTypes = []string{"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH"}

// ReviewOutcomes are the decisions after an annual review. The table did
// not retrieve the return's codes for <reviewoutcome>, only the statistics'
// categories (maintain, amend, cease): Hearth writes its own words for them
// (education.ReviewDecisions), to be checked against the guide.
var ReviewOutcomes = []string{"maintain", "amend", "cease"}

// SexCodes are the codes written in <sex> (see SexCode; to be checked).
var SexCodes = []string{"M", "F", "U"}

// Flags are the values of a yes/no item.
var Flags = []string{string(Yes), string(No)}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
