package care

import "slices"

// The 903's rules joining a child's placements for adoption (A3 to A6) to
// their legal status, their plan for adoption and how care ended.

// PlacedForAdoption reports whether a placement type is a placement for
// adoption: with consent (A3, A4) or under a placement order (A5, A6).
func PlacedForAdoption(placement string) bool {
	return slices.Contains([]string{"A3", "A4", "A5", "A6"}, placement)
}

// WithFosterCarers reports whether a placement for adoption is with the
// child's own foster carers (A3, A5).
func WithFosterCarers(placement string) bool { return placement == "A3" || placement == "A5" }

// Fostered reports whether a placement type is foster care (U1 to U6).
func Fostered(placement string) bool {
	return slices.Contains([]string{"U1", "U2", "U3", "U4", "U5", "U6"}, placement)
}

// Adopted reports whether a reason ceased says the child was adopted.
func Adopted(reasonCeased string) bool { return reasonCeased == "E11" || reasonCeased == "E12" }

// PlacementOrderRule says why a child with this legal status cannot be in
// this placement, or "": a placement for adoption under a placement order
// (A5, A6) needs the order, legal status E1, or a freeing order, D1, which
// placement orders replaced (rule 408).
func PlacementOrderRule(legalStatus, placement string) string {
	if (placement == "A5" || placement == "A6") && legalStatus != "E1" && legalStatus != "D1" {
		return "A child placed for adoption under a placement order (A5 or A6) has legal status E1, the placement order (or D1, a freeing order) (rule 408)"
	}
	return ""
}

// AdoptedFromPlacement says why an episode in this placement cannot end
// with this reason, or "": a child is adopted (E11, E12) from a placement
// for adoption (rule 390).
func AdoptedFromPlacement(placement, reasonCeased string) string {
	if Adopted(reasonCeased) && !PlacedForAdoption(placement) {
		return "A child is adopted from a placement for adoption (A3 to A6): record the placement with the adopters before the adoption (rule 390)"
	}
	return ""
}

// FosterCarersAgree says why a child adopted from this placement cannot
// have been adopted by their foster carers (or not), or "": placements A3
// and A5 are with the foster carers, A4 and A6 are not (rule 335).
func FosterCarersAgree(placement string, byFosterCarers bool) string {
	if !PlacedForAdoption(placement) || WithFosterCarers(placement) == byFosterCarers {
		return ""
	}
	if byFosterCarers {
		return "The child was adopted by their foster carers, but placed for adoption with others (" + placement + "): say they were not, or record the placement as A3 or A5 (rule 335)"
	}
	return "The child was placed for adoption with their foster carers (" + placement + "): say they were adopted by them, or record the placement as A4 or A6 (rule 335)"
}

// FosteredBefore says why a placement for adoption with the child's foster
// carers cannot follow one of this type, or "": the child was fostered by
// them, or already placed with them for adoption, immediately before
// (rule 336).
func FosteredBefore(prevPlacement, placement string) string {
	if WithFosterCarers(placement) && !Fostered(prevPlacement) && !PlacedForAdoption(prevPlacement) {
		return "A child placed for adoption with their foster carers (" + placement + ") was in foster care (U1 to U6) immediately before, not " + prevPlacement + " (rule 336)"
	}
	return ""
}
