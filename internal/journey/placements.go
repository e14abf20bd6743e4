package journey

import (
	"slices"

	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
)

// Placement is one stay in the child's care history: a run of episodes of
// care in the same placement (a change of legal status alone starts a new
// episode, not a new placement). End is zero while the child is still there.
type Placement struct {
	Start, End civil.Date
	Type       string // care.PlacementTypes
	Provider   string // care.Providers
	Postcode   string // empty when the reader may not see it
	URN        string
	Household  care.HouseholdID
	Period     int    // which period of care, counting from 1
	Episodes   []ID   // the episodes of care it spans, oldest first
	Reason     string // care.PlaceChangeReasons: why the child moved here, for a move
}

// Placements lists the child's placements, oldest first, from their
// episodes of care. A new period of care, or an episode whose reason for
// starting is a change of placement (P, T, B or U), starts a new one.
func Placements(records []Record) []Placement {
	eps := careEpisodes(records)
	var out []Placement
	period := 0
	for i, r := range eps {
		e := r.CareEpisode
		if i == 0 || e.ReasonNew == "S" || eps[i-1].End != r.Start {
			period++
		} else if !care.PlacementChanged(e.ReasonNew) && len(out) > 0 {
			last := &out[len(out)-1]
			last.End = r.End
			last.Episodes = append(last.Episodes, r.ID)
			continue
		}
		out = append(out, Placement{Start: r.Start, End: r.End, Type: e.Placement, Provider: e.Provider,
			Postcode: e.Postcode, URN: e.URN, Household: e.Household, Period: period,
			Episodes: []ID{r.ID}, Reason: e.ReasonPlaceChange})
	}
	return out
}

// MovesIn12Months counts the child's moves of placement in the 12 months
// up to and including on: new placements within a period of care, not the
// first placement of a period. A temporary placement (T0 to T4: a holiday,
// respite, a short stay in hospital) and the return from it to the same
// placement are not moves, as the DfE's measure of placement stability
// does not count them.
func MovesIn12Months(records []Record, on civil.Date) int {
	from := calendar.AddMonths(on, -12)
	eps := careEpisodes(records)
	n := 0
	for i, r := range eps {
		e := r.CareEpisode
		if !care.PlacementChanged(e.ReasonNew) || !r.Start.After(from) || r.Start.After(on) || care.Temporary(e.Placement) {
			continue
		}
		if returnsFromTemporary(eps, i) {
			continue
		}
		n++
	}
	return n
}

// returnsFromTemporary reports whether episode i follows a run of
// temporary placements and goes back to the placement the child left for
// them.
func returnsFromTemporary(eps []Record, i int) bool {
	k := i - 1
	for k >= 0 && care.Temporary(eps[k].CareEpisode.Placement) && eps[k].End == eps[k+1].Start {
		k--
	}
	if k == i-1 || k < 0 || eps[k].End != eps[k+1].Start {
		return false // no temporary placement just before, or none before it in the period
	}
	return samePlacement(eps[k], eps[i])
}

// CurrentEpisode is the child's open episode of care, the latest to start,
// and whether there is one.
func CurrentEpisode(records []Record) (Record, bool) {
	var cur Record
	for _, r := range careEpisodes(records) {
		if r.End.IsZero() {
			cur = r
		}
	}
	return cur, cur.ID != 0
}

// careEpisodes returns the child's episodes of care, oldest first.
func careEpisodes(records []Record) []Record {
	var eps []Record
	for _, r := range records {
		if r.Kind == KindCareEpisode && r.CareEpisode != nil {
			eps = append(eps, r)
		}
	}
	slices.SortFunc(eps, func(a, b Record) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return eps
}
