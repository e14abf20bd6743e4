package care

import (
	"slices"

	"hearth/internal/civil"
)

// The rules below are the SSDA903 return's about one episode or a pair of
// them, as pure functions: the journey holds a record to them when it is
// saved (journey.Record.Validate and journey.Check), and the return's
// extract can hold its rows to the same ones. The numbers are the DfE's
// validation rules (shared/domain/ssda903-rules.tsv).

// ReasonStart is the reason for a new episode that starts a period of care.
const ReasonStart = "S"

// ReasonSameDay is the reason ceased of an episode that another follows the
// same day, within the same period of care.
const ReasonSameDay = "X1"

// PlacementChanged reports whether an episode with this reason for a new
// episode (RNE) started because the child's placement changed: P and T
// (placement only), B and U (placement and legal status).
func PlacementChanged(reasonNew string) bool {
	switch reasonNew {
	case "P", "T", "B", "U":
		return true
	}
	return false
}

// LegalStatusChanged reports whether an episode with this reason started
// because the child's legal status changed: L alone, or B and U with the
// placement.
func LegalStatusChanged(reasonNew string) bool {
	switch reasonNew {
	case "L", "B", "U":
		return true
	}
	return false
}

// EndsPeriod reports whether a reason ceased ends the period of care: every
// code but X1, which hands over to the next episode the same day.
func EndsPeriod(reasonCeased string) bool {
	return reasonCeased != "" && reasonCeased != ReasonSameDay
}

// Temporary reports whether a placement type is a temporary one (T0 to
// T4), which cannot start a period of care (rule 380).
func Temporary(placement string) bool {
	switch placement {
	case "T0", "T1", "T2", "T3", "T4":
		return true
	}
	return false
}

// ShortBreak reports whether a legal status is one of the short-break
// arrangements (V3, V4): time looked after under them does not make a care
// leaver (LeaverStatus), nor a period of care for most measures.
func ShortBreak(legalStatus string) bool { return legalStatus == "V3" || legalStatus == "V4" }

// ProviderRequired reports whether an episode with this placement type must
// name its provider. The return lets the provider be blank only for a
// temporary placement (T0 to T4) and the other placements, Z1 and from
// 2025-26 Z11 to Z14 (rule 526).
func ProviderRequired(placement string) bool {
	return !ProviderForbidden(placement) && placement != "Z1"
}

// ProviderMismatch says why a provider cannot provide a placement of this
// type, or "" when it can: parents (PR0) only for a placement with parents
// (rule 550); the council's own or another council's provision not for a
// placement with parents, NHS care or a young offender institution (rules
// 527 and 528); other public provision not for a placement with parents,
// for adoption, in a children's home or in foster care (rule 529); private
// and voluntary provision not with parents (rules 530 and 531). A blank
// provider or placement is judged elsewhere.
func ProviderMismatch(provider, placement string) string {
	if provider == "" || placement == "" {
		return ""
	}
	switch provider {
	case "PR0":
		if placement != "P1" {
			return "Parents provide only a placement with parents (P1)"
		}
	case "PR1", "PR2":
		if slices.Contains([]string{"P1", "R2", "R5"}, placement) {
			return "A council does not provide a placement with parents, NHS care or a young offender institution"
		}
	case "PR3":
		if slices.Contains([]string{"P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"}, placement) {
			return "Other public provision does not provide a placement with parents, for adoption, in a children's home or in foster care"
		}
	case "PR4", "PR5":
		if placement == "P1" {
			return "Private or voluntary provision does not provide a placement with parents"
		}
	}
	return ""
}

// StartRule says why an episode with this reason for a new episode cannot
// have this placement type, or "": a period of care (reason S) cannot start
// in a temporary placement (rule 380), and a child placed for adoption with
// their own foster carers (A3, A5) starts the episode as S, T or U (rule
// 217): the carers are the same, so it is not P or B, and the legal status
// alone does not change the placement.
func StartRule(reasonNew, placement string) string {
	switch {
	case reasonNew == ReasonStart && Temporary(placement):
		return "A period of care cannot start in a temporary placement (T0 to T4)"
	case (placement == "A3" || placement == "A5") && !slices.Contains([]string{"S", "T", "U"}, reasonNew):
		return "A child placed for adoption with their foster carers (A3 or A5) starts the episode as S, T or U"
	}
	return ""
}

// Differences is what changed between one episode and the next: the
// child's legal status, and the placement (its type, provider, carers'
// household, postcode or Ofsted URN).
type Differences struct {
	LegalStatus, Placement bool
}

// Compare says what changed from prev to next.
func Compare(prev, next Episode) Differences {
	return Differences{
		LegalStatus: prev.LegalStatus != next.LegalStatus,
		Placement: prev.Placement != next.Placement || prev.Provider != next.Provider ||
			prev.Household != next.Household || prev.Postcode != next.Postcode || prev.URN != next.URN,
	}
}

// Agreement says why next's reason for a new episode does not fit what
// changed from prev, the episode it follows the same day, or "" when it
// fits. L is a change of legal status alone; P and T of the placement
// alone; B and U of both. An episode in which nothing changed is not a new
// episode at all.
func Agreement(prev, next Episode) string {
	d := Compare(prev, next)
	switch next.ReasonNew {
	case "L":
		if !d.LegalStatus || d.Placement {
			return "Reason L is a change of legal status only: the legal status must change and the placement stay the same"
		}
	case "P", "T":
		if d.LegalStatus || !d.Placement {
			return "Reasons P and T are a change of placement only: the placement must change and the legal status stay the same"
		}
	case "B", "U":
		if !d.LegalStatus || !d.Placement {
			return "Reasons B and U are a change of both legal status and placement: both must change"
		}
	}
	return ""
}

// Period is a period of care: a run of episodes with no gap, from the day
// the child started to be looked after (Start) to the day they stopped
// (End, zero while they are still looked after). The child is looked after
// from Start up to the day before End. ShortBreaks marks a period whose
// every episode is under a short-break legal status (V3, V4).
type Period struct {
	Start, End  civil.Date
	ShortBreaks bool
}

// In reports whether the child is looked after in the period on d.
func (p Period) In(d civil.Date) bool {
	return !d.Before(p.Start) && (p.End.IsZero() || d.Before(p.End))
}

// PeriodOn returns the period the child is in on d, if any.
func PeriodOn(periods []Period, d civil.Date) (Period, bool) {
	for _, p := range periods {
		if p.In(d) {
			return p, true
		}
	}
	return Period{}, false
}
