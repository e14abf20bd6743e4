package care

import (
	"testing"

	"hearth/internal/civil"
)

// TestTemporaryTooLong: rule 375 (in hospital, T1, six weeks), 376 (the
// carers' holiday, T3, three weeks) and 379 (another reason, T4, seven
// days); open ones are the return's to judge at 31 March.
func TestTemporaryTooLong(t *testing.T) {
	tests := []struct {
		name, placement, start, end string
		ok                          bool
	}{
		{"375: T1 for 42 days", "T1", "2024-01-01", "2024-02-12", true},
		{"375: T1 for 43 days", "T1", "2024-01-01", "2024-02-13", false},
		{"376: T3 for 21 days", "T3", "2024-01-01", "2024-01-22", true},
		{"376: T3 for 22 days", "T3", "2024-01-01", "2024-01-23", false},
		{"379: T4 for 7 days", "T4", "2024-01-01", "2024-01-08", true},
		{"379: T4 for 8 days", "T4", "2024-01-01", "2024-01-09", false},
		{"T2 has no limit", "T2", "2024-01-01", "2024-06-01", true},
		{"open", "T4", "2024-01-01", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TemporaryTooLong(tt.placement, day(tt.start), day(tt.end)); (got == "") != tt.ok {
				t.Errorf("got %q, want ok %v", got, tt.ok)
			}
		})
	}
}

// TestTemporaryEndsPeriod: rule 381, a period of care does not end in a
// temporary placement.
func TestTemporaryEndsPeriod(t *testing.T) {
	tests := []struct {
		placement, reason string
		ok                bool
	}{
		{"T1", "X1", true},
		{"T1", "E4A", false}, // 381
		{"T0", "E8", false},  // 381
		{"U6", "E4A", true},
		{"T2", "", true},
	}
	for _, tt := range tests {
		if got := TemporaryEndsPeriod(tt.placement, tt.reason); (got == "") != tt.ok {
			t.Errorf("TemporaryEndsPeriod(%s, %s) = %q, want ok %v", tt.placement, tt.reason, got, tt.ok)
		}
	}
}

// TestTooManyHolidayMoves: rule 377, at most two T3 placements in any 12
// months.
func TestTooManyHolidayMoves(t *testing.T) {
	dates := func(ss ...string) (out []civil.Date) {
		for _, s := range ss {
			out = append(out, day(s))
		}
		return out
	}
	tests := []struct {
		name   string
		d      string
		others []civil.Date
		want   bool
	}{
		{"377: the second in a year", "2024-06-01", dates("2024-01-01"), false},
		{"377: the third in a year", "2024-06-01", dates("2024-01-01", "2024-03-01"), true},
		{"377: the third, the first a year and a day before", "2025-01-02", dates("2024-01-01", "2024-06-01"), false},
		{"377: the third, the first 12 months less a day before", "2024-12-31", dates("2024-01-01", "2024-06-01"), true},
		{"377: the third, between the others", "2024-03-01", dates("2024-01-01", "2024-06-01"), true},
		{"377: three long ago, this one apart", "2026-01-01", dates("2020-01-01", "2020-02-01", "2020-03-01"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TooManyHolidayMoves(day(tt.d), tt.others); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLegalStatusTooLong: rules 361 (L1, 72 hours), 362 (L2, 21 days), 363
// (L3, 7 days) and 364 (J2, 21 days), over a run of episodes.
func TestLegalStatusTooLong(t *testing.T) {
	tests := []struct {
		name, ls, start, end string
		ok                   bool
	}{
		{"361: L1 for 3 days", "L1", "2024-01-01", "2024-01-04", true},
		{"361: L1 for 4 days", "L1", "2024-01-01", "2024-01-05", false},
		{"362: L2 for 21 days", "L2", "2024-01-01", "2024-01-22", true},
		{"362: L2 for 22 days", "L2", "2024-01-01", "2024-01-23", false},
		{"363: L3 for 7 days", "L3", "2024-01-01", "2024-01-08", true},
		{"363: L3 for 8 days", "L3", "2024-01-01", "2024-01-09", false},
		{"364: J2 for 21 days", "J2", "2024-01-01", "2024-01-22", true},
		{"364: J2 for 22 days", "J2", "2024-01-01", "2024-01-23", false},
		{"C2 has no limit", "C2", "2024-01-01", "2030-01-01", true},
		{"open", "L1", "2024-01-01", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LegalStatusTooLong(tt.ls, day(tt.start), day(tt.end)); (got == "") != tt.ok {
				t.Errorf("got %q, want ok %v", got, tt.ok)
			}
		})
	}
}

// TestAgeRules: rule 358 (J1 to J3 at 10 or over) and rules 370 to 374
// (the youngest age for P2, H5, K3, R5, S1 and P3, by year).
func TestAgeRules(t *testing.T) {
	const born = "2010-06-15" // 10 on 15 June 2020, 14 in 2024, 16 on 15 June 2026
	tests := []struct {
		name, start, ls, placement string
		ok                         bool
	}{
		{"358: J1 the day before 10", "2020-06-14", "J1", "U6", false},
		{"358: J3 on the 10th birthday", "2020-06-15", "J3", "U6", true},
		{"358: C2 at 9", "2020-01-01", "C2", "U6", true},
		{"372: R5 at 9", "2020-06-14", "J1", "R5", false},
		{"372: R5 at 10", "2020-06-15", "J1", "R5", true},
		{"373: S1 at 3", "2014-06-14", "C2", "S1", false},
		{"373: S1 at 4", "2014-06-15", "C2", "S1", true},
		{"374: P3 at 13", "2024-06-14", "C2", "P3", false},
		{"374: P3 at 14", "2024-06-15", "C2", "P3", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RemandAgeRule(day(born), day(tt.start), tt.ls) + PlacementAgeRule(day(born), day(tt.start), tt.placement)
			if (got == "") != tt.ok {
				t.Errorf("got %q, want ok %v", got, tt.ok)
			}
		})
	}
	const older = "2007-06-15" // 14 on 15 June 2021, 15 on 15 June 2022, 16 on 15 June 2023
	byYear := []struct {
		name, start, placement string
		ok                     bool
	}{
		{"370 (2022-23): P2 at 15", "2022-06-15", "P2", true},
		{"370 (2022-23): P2 at 14", "2022-06-14", "P2", false},
		{"370 (2023-24): P2 at 15", "2023-06-14", "P2", false},
		{"370 (2023-24): P2 at 16", "2023-06-15", "P2", true},
		{"371 (2022-23): H5 at 14", "2022-04-01", "H5", true},
		{"371 (2023-24): H5 at 15", "2023-06-14", "H5", false},
		{"371 (2024-25): K3 at 16", "2024-06-15", "K3", true},
	}
	for _, tt := range byYear {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlacementAgeRule(day(older), day(tt.start), tt.placement); (got == "") != tt.ok {
				t.Errorf("got %q, want ok %v", got, tt.ok)
			}
		})
	}
	young := "2020-01-01"
	if PlacementAgeRule(day(young), day("2021-01-01"), "K3") == "" {
		t.Error("371: K3 at 1")
	}
}

// TestSDQAgeRule: rules 188 and 189 (no score under 4 or over 16) and 157
// (SDQ1 is for a child under 4 or over 16).
func TestSDQAgeRule(t *testing.T) {
	tests := []struct {
		name   string
		age    int
		scored bool
		reason string
		ok     bool
	}{
		{"188: a score at 3", 3, true, "", false},
		{"a score at 4", 4, true, "", true},
		{"a score at 16", 16, true, "", true},
		{"189: a score at 17", 17, true, "", false},
		{"157: SDQ1 at 10", 10, false, "SDQ1", false},
		{"157: SDQ1 at 3", 3, false, "SDQ1", true},
		{"157: SDQ1 at 17", 17, false, "SDQ1", true},
		{"SDQ5 at 10", 10, false, "SDQ5", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SDQAgeRule(tt.age, tt.scored, tt.reason); (got == "") != tt.ok {
				t.Errorf("got %q, want ok %v", got, tt.ok)
			}
		})
	}
}

// TestParticipationAgeRule: rules 440 (PN0 at 4 or over) and 441 (another
// code under 4).
func TestParticipationAgeRule(t *testing.T) {
	tests := []struct {
		name string
		age  int
		code string
		ok   bool
	}{
		{"440: PN0 at 4", 4, "PN0", false},
		{"440: PN0 at 3", 3, "PN0", true},
		{"441: PN1 at 3", 3, "PN1", false},
		{"441: PN7 at 4", 4, "PN7", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParticipationAgeRule(tt.age, tt.code); (got == "") != tt.ok {
				t.Errorf("got %q, want ok %v", got, tt.ok)
			}
		})
	}
}

// TestUASCEndRule: rule 304, the status ends by the 18th birthday.
func TestUASCEndRule(t *testing.T) {
	const born = "2008-03-10"
	for end, ok := range map[string]bool{"2026-03-10": true, "2026-03-11": false, "": true} {
		if got := UASCEndRule(day(born), day(end)); (got == "") != ok {
			t.Errorf("UASCEndRule(%s) = %q, want ok %v", end, got, ok)
		}
	}
	// Born 29 February: 18 on 1 March in a year that is not a leap year.
	if UASCEndRule(day("2004-02-29"), day("2022-03-01")) != "" || UASCEndRule(day("2004-02-29"), day("2022-03-02")) == "" {
		t.Error("304: 29 February's 18th birthday is 1 March")
	}
}
