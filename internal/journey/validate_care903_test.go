package journey

import (
	"testing"

	"hearth/internal/care"
)

// TestValidateCare903 holds one episode or plan for adoption to the 903
// rules it can break on its own, a case that keeps each rule and one that
// breaks it, named by the rule.
func TestValidateCare903(t *testing.T) {
	ep := func(start, end, reasonCeased string, fn func(e *care.Episode)) Record {
		return withEpisode(episode(1, start, end, "P", reasonCeased), func(r *Record, e *care.Episode) { fn(e) })
	}
	temp := func(place string) func(e *care.Episode) {
		return func(e *care.Episode) { e.Placement, e.Provider, e.URN = place, "", "" }
	}
	tests := []struct {
		name string
		r    Record
		want []fault
	}{
		// Rule 146 of each year: K3 from 2024-25 (1 April 2024).
		{"146: K3 on 1 April 2024", ep("2024-04-01", "", "", func(e *care.Episode) { e.Placement, e.Provider = "K3", "PR4" }), nil},
		{"146: K3 on 31 March 2024", ep("2024-03-31", "", "", func(e *care.Episode) { e.Placement, e.Provider = "K3", "PR4" }),
			[]fault{{"care_episode.placement", "not a placement type in 2023-24"}}},
		// Rule 146 (2025-26): H5 withdrawn; an episode reported in that
		// year cannot hold it.
		{"146: H5 ended 31 March 2025", ep("2024-06-01", "2025-03-31", "X1", func(e *care.Episode) { e.Placement, e.Provider = "H5", "PR4" }), nil},
		{"146: H5 ended 1 April 2025", ep("2024-06-01", "2025-04-01", "X1", func(e *care.Episode) { e.Placement, e.Provider = "H5", "PR4" }),
			[]fault{{"care_episode.placement", "end it by 31 March 2025"}}},
		{"146: Z11 in 2025-26, no provider", ep("2025-04-01", "", "", func(e *care.Episode) { e.Placement, e.Provider, e.URN = "Z11", "", "" }), nil},
		// Rule 217t: no P2 from 28 October 2023.
		{"217t: P2 on 27 October 2023", ep("2023-10-27", "", "", func(e *care.Episode) { e.Placement, e.Provider, e.URN = "P2", "PR4", "" }), nil},
		{"217t: P2 on 28 October 2023", ep("2023-10-28", "", "", func(e *care.Episode) { e.Placement, e.Provider, e.URN = "P2", "PR4", "" }),
			[]fault{{"care_episode.placement", "rule 217t"}}},
		// Rule 213: no provider for a temporary placement.
		{"213: T1 with a provider", ep("2024-01-01", "", "", func(e *care.Episode) { temp("T1")(e); e.Provider = "PR1" }),
			[]fault{{"care_episode.provider", "rule 213"}}},
		// Rules 218, 222 and 230: the URN by placement type.
		{"218: foster care without a URN", ep("2024-01-01", "", "", func(e *care.Episode) { e.URN = "" }),
			[]fault{{"care_episode.urn", "rule 218"}}},
		{"218: foster care with XXXXXXX", ep("2024-01-01", "", "", func(e *care.Episode) { e.URN = care.URNNone }), nil},
		{"222: with parents, a URN", ep("2024-01-01", "", "", func(e *care.Episode) { e.Placement, e.Provider = "P1", "PR0" }),
			[]fault{{"care_episode.urn", "rule 222"}}},
		{"222: with parents, none", ep("2024-01-01", "", "", func(e *care.Episode) { e.Placement, e.Provider, e.URN = "P1", "PR0", "" }), nil},
		{"230: H5 open from June 2023, none", ep("2023-06-01", "", "", func(e *care.Episode) { e.Placement, e.Provider, e.URN = "H5", "PR4", "" }),
			[]fault{{"care_episode.urn", "rule 230"}}},
		// Rules 375, 376 and 379: an ended temporary placement's length.
		{"375: T1 for 42 days", ep("2024-01-01", "2024-02-12", "X1", temp("T1")), nil},
		{"375: T1 for 43 days", ep("2024-01-01", "2024-02-13", "X1", temp("T1")), []fault{{"end", "rule 375"}}},
		{"376: T3 for 22 days", ep("2024-01-01", "2024-01-23", "X1", temp("T3")), []fault{{"end", "rule 376"}}},
		{"379: T4 for 8 days", ep("2024-01-01", "2024-01-09", "X1", temp("T4")), []fault{{"end", "rule 379"}}},
		// Rule 381: no period of care ends in a temporary placement.
		{"381: T2 ended with E4A", ep("2024-01-01", "2024-01-05", "E4A", temp("T2")), []fault{{"care_episode.reason_ceased", "rule 381"}}},
		{"381: T2 ended with X1", ep("2024-01-01", "2024-01-05", "X1", temp("T2")), nil},
		// Rule 408: placed under a placement order with the order (E1).
		{"408: A6 under a care order", ep("2024-01-01", "", "", func(e *care.Episode) { e.LegalStatus, e.Placement = "C2", "A6" }),
			[]fault{{"care_episode.legal_status", "rule 408"}}},
		{"408: A6 under a placement order", ep("2024-01-01", "", "", func(e *care.Episode) { e.LegalStatus, e.Placement = "E1", "A6" }), nil},
		// Rule 390: adopted from a placement for adoption.
		{"390: adopted from foster care", ep("2024-01-01", "2024-06-01", "E11", func(e *care.Episode) {}),
			[]fault{{"care_episode.reason_ceased", "rule 390"}}},
		{"390: adopted from A6", ep("2024-01-01", "2024-06-01", "E12", func(e *care.Episode) { e.LegalStatus, e.Placement = "E1", "A6" }), nil},
		// Rule 601: an adoption order comes with the adopters.
		{"601: an order without the adopters", with(adoption(1, "2024-02-01"), func(r *Record) {
			r.Adoption = &care.Adoption{Matched: day("2024-05-01"), Placed: day("2024-05-01"), Order: day("2024-09-02")}
			r.End = day("2024-09-02")
		}), []fault{{"adoption.adopters", "adoption order was made"}, {"adoption.adopters_sex", "adoption order was made"}, {"adoption.adopters_status", "adoption order was made"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFaults(t, tt.r.Validate(), tt.want...)
		})
	}
}
