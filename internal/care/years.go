package care

import (
	"fmt"
	"slices"
	"time"

	"hearth/internal/civil"
)

// The 903's code lists change from one collection year to the next (the
// rule sets in shared/domain/ssda903-rules.tsv, by year). A code is judged
// by the year of the episode it is on, so that an episode recorded today
// about last year is held to last year's lists.

// Year is a collection year of the 903, named by the year it starts in:
// Year(2024) is 2024-25, from 1 April 2024 to 31 March 2025.
type Year int

// YearOf is the collection year d falls in.
func YearOf(d civil.Date) Year {
	if d.Month < time.April {
		return Year(d.Year - 1)
	}
	return Year(d.Year)
}

// String writes the year as the DfE does, "2024-25".
func (y Year) String() string { return fmt.Sprintf("%d-%02d", int(y), (int(y)+1)%100) }

// Start is the year's first day, 1 April; End its last, 31 March.
func (y Year) Start() civil.Date { return civil.Date{Year: int(y), Month: time.April, Day: 1} }

// End is the year's last day, 31 March.
func (y Year) End() civil.Date { return civil.Date{Year: int(y) + 1, Month: time.March, Day: 31} }

// placementYears says, for the placement types that came or went after
// 2022-23 (the earliest lists Hearth holds), the first year a code is in
// the list (rule 146 of each year) and the first year it is not: K3
// (supported accommodation) from 2024-25; Z11 to Z14 from 2025-26, which
// also withdraws H5, P2 and Z1. A zero bound is open.
var placementYears = map[string]struct{ from, until Year }{
	"K3":  {from: 2024},
	"Z11": {from: 2025},
	"Z12": {from: 2025},
	"Z13": {from: 2025},
	"Z14": {from: 2025},
	"H5":  {until: 2025},
	"P2":  {until: 2025},
	"Z1":  {until: 2025},
}

// p2Ended is the day from which no episode may start in independent living
// (P2): the 2023-24 return's rule 217t, when unregulated accommodation for
// under-16s was banned.
var p2Ended = civil.Date{Year: 2023, Month: time.October, Day: 28}

// PlacementIn reports whether a placement type is in the 903's list for
// year y.
func PlacementIn(placement string, y Year) bool {
	if !PlacementTypes.Has(placement) {
		return false
	}
	b, ok := placementYears[placement]
	if !ok {
		return true
	}
	return (b.from == 0 || y >= b.from) && (b.until == 0 || y < b.until)
}

// PlacementYearRule says why an episode from start to end (zero while open)
// cannot have this placement type, or "": the type must be in the list of
// every collection year the episode is reported in, from its start's to its
// end's (rule 146 of each year), and no episode starts in P2 from 28
// October 2023 (rule 217t). An open episode is judged by its start's year
// alone: whether it may run on into a year that withdrew its code depends
// on the day of the return, which the return's own checks judge. An
// unknown code is not this rule's to judge.
func PlacementYearRule(placement string, start, end civil.Date) string {
	if !PlacementTypes.Has(placement) || start.IsZero() {
		return ""
	}
	first := YearOf(start)
	if !PlacementIn(placement, first) {
		return fmt.Sprintf("%s is not a placement type in %s: %s", placement, first, placementWhen(placement))
	}
	if placement == "P2" && !start.Before(p2Ended) {
		return "No placement in independent living (P2) starts on or after 28 October 2023: choose the placement type that describes it now (rule 217t)"
	}
	if end.IsZero() {
		return ""
	}
	for y := first + 1; y <= YearOf(end); y++ {
		if !PlacementIn(placement, y) {
			return fmt.Sprintf("%s is not a placement type in %s, and this episode runs into it: end it by %s and record the placement from then with a current type (%s)",
				placement, y, (y - 1).End().Format(), placementWhen(placement))
		}
	}
	return ""
}

// placementWhen says when a placement type is in the 903's lists.
func placementWhen(placement string) string {
	b := placementYears[placement]
	switch {
	case b.from != 0 && b.until != 0:
		return fmt.Sprintf("it is used from %s to %s", b.from, b.until-1)
	case b.from != 0:
		return fmt.Sprintf("it is used from %s", b.from)
	case b.until != 0:
		return fmt.Sprintf("it was withdrawn from %s", b.until)
	}
	return "it is in every year's list"
}

// ProviderForbidden reports whether an episode in this placement type
// records no provider (rule 213): a temporary placement (T0 to T4), and
// from 2025-26 the other placements Z11 to Z14, which no provider gives.
func ProviderForbidden(placement string) bool {
	return Temporary(placement) || slices.Contains([]string{"Z11", "Z12", "Z13", "Z14"}, placement)
}

// URNNone is what the 903 records for a placement that has no Ofsted URN
// where one is asked for (a placement outside England, or a provider
// Ofsted does not register).
const URNNone = "XXXXXXX"

// urnExempt are the placement types that need no Ofsted URN (rule 218),
// and urnForbidden those that may not record one other than URNNone
// (rule 222), by the collection year the lists changed in. Each year uses
// the latest list from a year on or before it.
var (
	urnExempt = []yearList{
		{2022, []string{"H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}},
		{2024, []string{"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}},
		{2025, []string{"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}},
	}
	urnForbidden = []yearList{
		{2022, []string{"H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}},
		{2023, []string{"P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}},
		{2024, []string{"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}},
		{2025, []string{"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"}},
	}
)

type yearList struct {
	from  Year
	codes []string
}

// in reports whether code is in the list in force in year y: the last one
// from on or before y, or the first for a year before them all.
func in(lists []yearList, y Year, code string) bool {
	l := lists[0]
	for _, x := range lists {
		if x.from <= y {
			l = x
		}
	}
	return slices.Contains(l.codes, code)
}

// h5URNFrom is the day from which a placement in semi-independent
// accommodation (H5) needs the Ofsted URN of its provider (rule 230), when
// supported accommodation came under Ofsted's registration.
var h5URNFrom = p2Ended

// URNRule says why an episode from start to end with this placement type
// cannot have this Ofsted URN, or "". By the lists of the last year the
// episode is reported in (its end's, or its start's while it is open: each
// year's return holds the episode as it then stands), a placement that
// Ofsted registers needs its URN, or URNNone if it has none (rule 218); one
// it does not register records none (rule 222); and from 28 October 2023 a
// placement in H5 needs one (rule 230), whenever it started, which is why
// an H5 placement then may have one though its year's list says not.
func URNRule(placement, urn string, start, end civil.Date) string {
	if !PlacementTypes.Has(placement) || start.IsZero() {
		return ""
	}
	y := YearOf(start)
	if !end.IsZero() {
		y = YearOf(end)
	}
	h5 := placement == "H5" && (end.IsZero() || !end.Before(h5URNFrom))
	switch {
	case urn != "" && urn != URNNone && in(urnForbidden, y, placement) && !h5:
		return fmt.Sprintf("A placement of type %s has no Ofsted URN in %s: leave it blank (rule 222)", placement, y)
	case urn == "" && h5:
		return "A placement in semi-independent accommodation (H5) from 28 October 2023 needs its provider's Ofsted URN, or " + URNNone + " outside England (rule 230)"
	case urn == "" && !in(urnExempt, y, placement):
		return fmt.Sprintf("Enter the placement's Ofsted URN (a placement of type %s has one), or %s if it has none, as outside England (rule 218)", placement, URNNone)
	}
	return ""
}
