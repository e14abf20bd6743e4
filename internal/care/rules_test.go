package care

import "testing"

func TestProviderRequired(t *testing.T) {
	for placement, want := range map[string]bool{"U4": true, "K2": true, "P1": true, "T0": false, "T4": false, "Z1": false} {
		if got := ProviderRequired(placement); got != want {
			t.Errorf("ProviderRequired(%s) = %v, want %v", placement, got, want)
		}
	}
}

func TestProviderMismatch(t *testing.T) {
	tests := []struct {
		provider, placement string
		fits                bool
	}{
		{"PR0", "P1", true},
		{"PR0", "U4", false}, // rule 550
		{"PR1", "U4", true},
		{"PR1", "R2", false}, // rule 527
		{"PR2", "R5", false}, // rule 528
		{"PR3", "K2", false}, // rule 529
		{"PR3", "R2", true},
		{"PR4", "P1", false}, // rule 530
		{"PR5", "P1", false}, // rule 531
		{"PR5", "K2", true},
		{"", "U4", true}, // a blank provider is ProviderRequired's to judge
	}
	for _, tt := range tests {
		if got := ProviderMismatch(tt.provider, tt.placement); (got == "") != tt.fits {
			t.Errorf("ProviderMismatch(%s, %s) = %q, want fits %v", tt.provider, tt.placement, got, tt.fits)
		}
	}
}

func TestStartRule(t *testing.T) {
	tests := []struct {
		reason, placement string
		ok                bool
	}{
		{"S", "U4", true},
		{"S", "T0", false}, // rule 380
		{"S", "T4", false},
		{"P", "T2", true}, // a temporary move within a period
		{"S", "A3", true},
		{"T", "A5", true},
		{"U", "A3", true},
		{"P", "A3", false}, // rule 217
		{"B", "A5", false},
		{"L", "A5", false},
		{"P", "A4", true},
	}
	for _, tt := range tests {
		if got := StartRule(tt.reason, tt.placement); (got == "") != tt.ok {
			t.Errorf("StartRule(%s, %s) = %q, want ok %v", tt.reason, tt.placement, got, tt.ok)
		}
	}
}

func TestAgreement(t *testing.T) {
	prev := Episode{LegalStatus: "V2", Need: "N1", Placement: "U6", Provider: "PR1", Household: 4, ReasonNew: "S"}
	with := func(f func(*Episode)) Episode { e := prev; f(&e); return e }
	legal := func(e *Episode) { e.LegalStatus = "C1" }
	carers := func(e *Episode) { e.Household = 5 }
	kind := func(e *Episode) { e.Placement = "U4" }
	both := func(e *Episode) { legal(e); carers(e) }
	tests := []struct {
		name   string
		next   Episode
		reason string
		ok     bool
	}{
		{"legal status only, L", with(legal), "L", true},
		{"legal status only, P", with(legal), "P", false},
		{"legal status only, B", with(legal), "B", false},
		{"new carers, P", with(carers), "P", true},
		{"same carers, new type, T", with(kind), "T", true},
		{"new carers, L", with(carers), "L", false},
		{"new carers, U", with(carers), "U", false},
		{"both, B", with(both), "B", true},
		{"both, U", with(both), "U", true},
		{"both, L", with(both), "L", false},
		{"both, P", with(both), "P", false},
		{"nothing changed, L", prev, "L", false},
		{"nothing changed, P", prev, "P", false},
		{"new postcode, P", with(func(e *Episode) { e.Postcode = "AB1 2CD" }), "P", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := tt.next
			next.ReasonNew = tt.reason
			if got := Agreement(prev, next); (got == "") != tt.ok {
				t.Errorf("Agreement = %q, want ok %v", got, tt.ok)
			}
		})
	}
}

func TestEndsPeriod(t *testing.T) {
	for reason, want := range map[string]bool{"X1": false, "": false, "E4A": true, "E11": true, "E17": true} {
		if got := EndsPeriod(reason); got != want {
			t.Errorf("EndsPeriod(%q) = %v, want %v", reason, got, want)
		}
	}
}

func TestPeriodIn(t *testing.T) {
	p := period("2024-01-01", "2024-02-01")
	for d, want := range map[string]bool{"2023-12-31": false, "2024-01-01": true, "2024-01-31": true, "2024-02-01": false} {
		if got := p.In(day(d)); got != want {
			t.Errorf("In(%s) = %v, want %v", d, got, want)
		}
	}
	if !period("2024-01-01", "").In(day("2030-01-01")) {
		t.Error("an open period holds every later day")
	}
}
