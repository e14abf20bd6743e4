package care

import "testing"

// TestPlacementOrderRule: rule 408, a child placed under a placement order
// (A5, A6) has legal status E1 (or D1).
func TestPlacementOrderRule(t *testing.T) {
	tests := []struct {
		ls, placement string
		ok            bool
	}{
		{"E1", "A5", true},
		{"D1", "A6", true},
		{"C2", "A6", false}, // 408
		{"V2", "A5", false}, // 408
		{"C2", "A4", true},  // with consent: no order needed
	}
	for _, tt := range tests {
		if got := PlacementOrderRule(tt.ls, tt.placement); (got == "") != tt.ok {
			t.Errorf("PlacementOrderRule(%s, %s) = %q, want ok %v", tt.ls, tt.placement, got, tt.ok)
		}
	}
}

// TestAdoptedFromPlacement: rule 390, adopted (E11, E12) from a placement
// for adoption.
func TestAdoptedFromPlacement(t *testing.T) {
	tests := []struct {
		placement, reason string
		ok                bool
	}{
		{"A5", "E11", true},
		{"A4", "E12", true},
		{"U4", "E11", false}, // 390
		{"U4", "E4A", true},
	}
	for _, tt := range tests {
		if got := AdoptedFromPlacement(tt.placement, tt.reason); (got == "") != tt.ok {
			t.Errorf("AdoptedFromPlacement(%s, %s) = %q, want ok %v", tt.placement, tt.reason, got, tt.ok)
		}
	}
}

// TestFosterCarersAgree: rule 335, adopted by the foster carers from A3 or
// A5, by others from A4 or A6.
func TestFosterCarersAgree(t *testing.T) {
	tests := []struct {
		placement string
		byCarers  bool
		ok        bool
	}{
		{"A5", true, true},
		{"A3", false, false}, // 335
		{"A6", true, false},  // 335
		{"A4", false, true},
	}
	for _, tt := range tests {
		if got := FosterCarersAgree(tt.placement, tt.byCarers); (got == "") != tt.ok {
			t.Errorf("FosterCarersAgree(%s, %v) = %q, want ok %v", tt.placement, tt.byCarers, got, tt.ok)
		}
	}
}

// TestFosteredBefore: rule 336, placed for adoption with the foster carers
// from foster care.
func TestFosteredBefore(t *testing.T) {
	tests := []struct {
		prev, placement string
		ok              bool
	}{
		{"U4", "A5", true},
		{"A5", "A5", true},  // a change of legal status alone
		{"K2", "A3", false}, // 336
		{"K2", "A6", true},  // with new adopters: not this rule's
	}
	for _, tt := range tests {
		if got := FosteredBefore(tt.prev, tt.placement); (got == "") != tt.ok {
			t.Errorf("FosteredBefore(%s, %s) = %q, want ok %v", tt.prev, tt.placement, got, tt.ok)
		}
	}
}
