package care

import "testing"

func TestYearOf(t *testing.T) {
	for d, want := range map[string]Year{"2024-03-31": 2023, "2024-04-01": 2024, "2025-03-31": 2024, "2025-12-31": 2025} {
		if got := YearOf(day(d)); got != want {
			t.Errorf("YearOf(%s) = %d, want %d", d, got, want)
		}
	}
	if s := Year(2024).String(); s != "2024-25" {
		t.Errorf("Year(2024) = %q", s)
	}
	if Year(2099).String() != "2099-00" || Year(2024).End() != day("2025-03-31") || Year(2024).Start() != day("2024-04-01") {
		t.Error("a year runs from 1 April to 31 March")
	}
}

// TestPlacementYearRule: rule 146 of each year lists the placement types
// (K3 added in 2024-25; Z11 to Z14 added and H5, P2, Z1 withdrawn in
// 2025-26), and rule 217t (2023-24) refuses P2 for an episode from 28
// October 2023.
func TestPlacementYearRule(t *testing.T) {
	tests := []struct {
		name, placement, start, end string
		ok                          bool
	}{
		{"146: K3 in 2024-25", "K3", "2024-04-01", "", true},
		{"146: K3 before 2024-25", "K3", "2024-03-31", "", false},
		{"146: Z11 in 2025-26", "Z11", "2025-04-01", "", true},
		{"146: Z14 in 2024-25", "Z14", "2025-03-31", "", false},
		{"146: H5 in 2024-25", "H5", "2025-03-31", "", true},
		{"146: H5 in 2025-26", "H5", "2025-04-01", "", false},
		{"146: Z1 in 2025-26", "Z1", "2025-04-01", "", false},
		{"146: Z1 ended by 31 March 2025", "Z1", "2024-06-01", "2025-03-31", true},
		{"146: Z1 ended in 2025-26, so reported then", "Z1", "2024-06-01", "2025-04-01", false},
		{"146: H5 still open, judged by its start", "H5", "2024-06-01", "", true},
		{"146: U4 every year", "U4", "2026-06-01", "", true},
		{"217t: P2 the day before 28 October 2023", "P2", "2023-10-27", "2023-12-01", true},
		{"217t: P2 from 28 October 2023", "P2", "2023-10-28", "", false},
		{"an unknown code is not this rule's", "Q9", "2024-06-01", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlacementYearRule(tt.placement, day(tt.start), day(tt.end)); (got == "") != tt.ok {
				t.Errorf("PlacementYearRule(%s, %s, %s) = %q, want ok %v", tt.placement, tt.start, tt.end, got, tt.ok)
			}
		})
	}
}

// TestProviderForbidden: rule 213 (2022-23: T0 to T4; 2025-26 adds Z11 to
// Z14), and rule 526's blanks (ProviderRequired).
func TestProviderForbidden(t *testing.T) {
	for placement, want := range map[string]bool{"T0": true, "T4": true, "Z12": true, "Z1": false, "U6": false, "K3": false} {
		if got := ProviderForbidden(placement); got != want {
			t.Errorf("ProviderForbidden(%s) = %v, want %v", placement, got, want)
		}
	}
	for placement, want := range map[string]bool{"Z11": false, "Z1": false, "K3": true} {
		if got := ProviderRequired(placement); got != want {
			t.Errorf("ProviderRequired(%s) = %v, want %v", placement, got, want)
		}
	}
}

// TestURNRule: rule 218 (a URN is required but for the types listed that
// year), rule 222 (none, or XXXXXXX, for the types listed that year) and
// rule 230 (H5 from 28 October 2023 needs one).
func TestURNRule(t *testing.T) {
	tests := []struct {
		name, placement, urn, start, end string
		ok                               bool
	}{
		{"218: foster care with its service's URN", "U6", "SC012345", "2024-06-01", "", true},
		{"218: foster care without", "U6", "", "2024-06-01", "", false},
		{"218: a children's home outside England", "K2", URNNone, "2024-06-01", "", true},
		{"218: K3 without", "K3", "", "2024-06-01", "", false},
		{"218: with parents needs none", "P1", "", "2024-06-01", "", true},
		{"218: P2 needed none in 2022-23", "P2", "", "2022-06-01", "2023-01-01", true},
		{"218: Z11 needs none in 2025-26", "Z11", "", "2025-06-01", "", true},
		{"222: with parents, a URN", "P1", "SC012345", "2024-06-01", "", false},
		{"222: with parents, XXXXXXX", "P1", URNNone, "2024-06-01", "", true},
		{"222: a temporary placement, a URN", "T1", "SC012345", "2025-06-01", "2025-06-10", false},
		{"222: H5 in 2022-23, a URN", "H5", "SC012345", "2022-06-01", "2023-01-01", false},
		{"222: R1, a URN", "R1", "SC012345", "2024-06-01", "", false},
		{"230: H5 open after 28 October 2023, none", "H5", "", "2023-06-01", "", false},
		{"230: H5 ended on 28 October 2023, none", "H5", "", "2023-06-01", "2023-10-28", false},
		{"230: H5 ended the day before, none", "H5", "", "2023-06-01", "2023-10-27", true},
		// Started in 2022-23, whose list refuses H5 a URN, and still
		// there after 28 October 2023: rule 230 wins.
		{"230: H5 from 2022-23 on past 28 October 2023, a URN", "H5", "SC012345", "2022-06-01", "", true},
		// Judged by the last year reported: an episode from 2023-24 ended
		// in 2024-25 is held to 2024-25's list, where P2 needs one.
		{"218: the end's year", "P2", "", "2023-06-01", "2024-06-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := URNRule(tt.placement, tt.urn, day(tt.start), day(tt.end)); (got == "") != tt.ok {
				t.Errorf("URNRule(%s, %q, %s, %s) = %q, want ok %v", tt.placement, tt.urn, tt.start, tt.end, got, tt.ok)
			}
		})
	}
}
