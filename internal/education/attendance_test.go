package education

import (
	"testing"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

var (
	autumn2023 = Sessions{From: civil.MustNew(2023, 9, 4), To: civil.MustNew(2023, 12, 20)}
	autumn2024 = Sessions{From: civil.MustNew(2024, 9, 2), To: civil.MustNew(2024, 12, 20)}
)

func sessions(base Sessions, by map[string]int) Sessions {
	base.ByCode = by
	return base
}

func TestSummarise(t *testing.T) {
	tests := []struct {
		name string
		in   Sessions
		want Attendance
	}{
		{"present and late count as attended", sessions(autumn2024, map[string]int{"/": 70, `\`: 70, "L": 4}),
			Attendance{Possible: 144, Attended: 144}},
		{"approved activity away from school counts as attended", sessions(autumn2024, map[string]int{"/": 10, "V": 2, "K": 4}),
			Attendance{Possible: 16, Attended: 16}},
		{"illness is authorised, holiday not granted is not", sessions(autumn2024, map[string]int{"/": 100, "I": 6, "G": 10}),
			Attendance{Possible: 116, Attended: 100, Authorised: 6, Unauthorised: 10}},
		{"dual registration, not required and closures are not possible sessions", sessions(autumn2024, map[string]int{"/": 50, "D": 20, "X": 4, "#": 2, "Y1": 2, "Z": 6}),
			Attendance{Possible: 50, Attended: 50}},
		{"retired codes in a term before the change", sessions(autumn2023, map[string]int{"/": 40, "H": 10, "J": 2, "Y": 2}),
			Attendance{Possible: 52, Attended: 42, Authorised: 10}},
		{"nothing recorded", sessions(autumn2024, nil), Attendance{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Summarise(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSummariseRefuses(t *testing.T) {
	spanning := Sessions{From: civil.MustNew(2024, 7, 1), To: civil.MustNew(2024, 9, 30)}
	tests := []struct {
		name  string
		in    Sessions
		field string
	}{
		{"unknown code", sessions(autumn2024, map[string]int{"/": 10, "Q9": 1}), "by_code.Q9"},
		{"a new code before August 2024", sessions(autumn2023, map[string]int{"C2": 4}), "by_code.C2"},
		{"a retired code after August 2024", sessions(autumn2024, map[string]int{"H": 4}), "by_code.H"},
		{"a retired code in a period across the change", sessions(spanning, map[string]int{"Y": 1}), "by_code.Y"},
		{"a negative count", sessions(autumn2024, map[string]int{"/": -1}), "by_code./"},
		{"a period ending before it starts", Sessions{From: autumn2024.To, To: autumn2024.From}, "to"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Summarise(tc.in)
			e := errs.As(err)
			if e == nil || !errs.Fields(e.Fields).Has(tc.field) {
				t.Fatalf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
}

func TestAttendanceRates(t *testing.T) {
	tests := []struct {
		a                  Attendance
		rate               int
		persistent, severe bool
	}{
		{Attendance{Possible: 100, Attended: 90, Authorised: 10}, 900, true, false},      // exactly 10% missed is persistent
		{Attendance{Possible: 1000, Attended: 901, Unauthorised: 99}, 901, false, false}, // 9.9% is not
		{Attendance{Possible: 10, Attended: 5, Unauthorised: 5}, 500, true, true},        // exactly half is severe
		{Attendance{Possible: 3, Attended: 2, Authorised: 1}, 667, true, false},          // 66.67% rounds to 66.7
		{Attendance{Possible: 8, Attended: 7, Authorised: 1}, 875, true, false},          // 87.5 exactly
		{Attendance{Possible: 2000, Attended: 1999, Authorised: 1}, 1000, false, false},  // 99.95 rounds up to 100.0
	}
	for _, tc := range tests {
		rate, ok := tc.a.RatePerThousand()
		if !ok || rate != tc.rate {
			t.Errorf("%+v: rate %d, want %d", tc.a, rate, tc.rate)
		}
		if got := tc.a.PersistentlyAbsent(); got != tc.persistent {
			t.Errorf("%+v: persistent %v, want %v", tc.a, got, tc.persistent)
		}
		if got := tc.a.SeverelyAbsent(); got != tc.severe {
			t.Errorf("%+v: severe %v, want %v", tc.a, got, tc.severe)
		}
	}
	if _, ok := (Attendance{}).RatePerThousand(); ok {
		t.Error("no possible sessions gave a rate")
	}
	if (Attendance{}).PersistentlyAbsent() {
		t.Error("no possible sessions is persistent absence")
	}
}
