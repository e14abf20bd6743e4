package indicators

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// frameworkIDs are the ids of shared/domain/indicators.md, in its order,
// copied here so the test does not depend on a file outside the module.
var frameworkIDs = []string{
	"contacts_month", "contact_decision_24h", "referral_rate", "rereferral_12m", "referral_nfa", "seen_5wd",
	"eh_open", "eh_referrals_month", "eh_step_up",
	"in_assessment", "assessment_45wd", "cin_rate", "cin_plans", "cin_visits_in_time", "s47_12m", "s47_to_icpc",
	"icpc_15wd", "cp_rate", "cp_repeat_2y", "cp_repeat_ever", "cp_2y_plus", "cp_reviews_in_time", "cp_visits_in_time",
	"cla_count", "cla_rate", "cla_starts_rate", "ceased_adoption", "st_stability", "lt_stability", "cla_visits_in_time",
	"cla_reviews_in_time", "health_assessment_in_time", "dental_in_time", "sdq_average", "foster_placements",
	"missing_month", "rhi_72h",
	"a1", "a10", "a2", "adoption_orders",
	"cl_eet", "cl_suitable", "cl_in_touch",
	"vacancy_rate", "agency_rate", "turnover_rate", "caseload_average",
	// The education section (education.go), which the issue names and
	// indicators.md leaves out.
	"ehc_20_weeks", "suspensions_per_100", "permanent_exclusions_per_100", "cme_open", "ehe_count", "sw_attendance", "sw_persistent_absence",
}

// TestDefinitionsCoverFramework: the registry is the framework, in order,
// every entry complete and each with its function.
func TestDefinitionsCoverFramework(t *testing.T) {
	var ids []string
	for _, d := range Definitions {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, frameworkIDs) {
		t.Fatalf("Definitions ids =\n%v\nwant\n%v", ids, frameworkIDs)
	}
	units := []Unit{UnitCount, UnitPercent, UnitRate, UnitDays, UnitScore, UnitRatio}
	periods := []Period{PeriodAt, PeriodMonth, Period12Months, PeriodYear, PeriodThreeYears}
	sections := map[Section]bool{}
	for _, s := range Sections {
		if s.Title() == "" {
			t.Errorf("section %s has no title", s)
		}
		sections[s] = true
	}
	lastSection := 0
	for _, d := range Definitions {
		if d.Title == "" || d.Text == "" || d.Source == "" || d.Counts == "" {
			t.Errorf("%s: title, text, source and counts are all needed", d.ID)
		}
		if !slices.Contains(units, d.Unit) || !slices.Contains(periods, d.Period) || !sections[d.Section] {
			t.Errorf("%s: unit %q, period %q or section %q unknown", d.ID, d.Unit, d.Period, d.Section)
		}
		if d.Better != HigherIsBetter && d.Better != LowerIsBetter && d.Better != NoDirection {
			t.Errorf("%s: direction %q", d.ID, d.Better)
		}
		if _, ok := measures[d.ID]; !ok {
			t.Errorf("%s has no measure", d.ID)
		}
		// Sections come in the framework's order, each in one run.
		i := slices.Index(Sections, d.Section)
		if i < lastSection {
			t.Errorf("%s: section %s out of order", d.ID, d.Section)
		}
		lastSection = i
		if got, ok := Lookup(d.ID); !ok || got.ID != d.ID {
			t.Errorf("Lookup(%s) failed", d.ID)
		}
	}
	if len(measures) != len(Definitions) {
		t.Errorf("%d measures for %d definitions", len(measures), len(Definitions))
	}
	if _, err := json.Marshal(Definitions); err != nil {
		t.Errorf("Definitions do not write as JSON: %v", err)
	}
	// The DfE's measures name their source; the three the framework calls
	// local are local.
	for id, src := range map[string]string{"seen_5wd": "local", "cin_visits_in_time": "local", "cp_visits_in_time": "local",
		"cp_repeat_2y": "local", "cla_visits_in_time": "local"} {
		if d, _ := Lookup(id); d.Source != src {
			t.Errorf("%s source = %q, want %q", id, d.Source, src)
		}
	}
	for _, id := range []string{"referral_rate", "rereferral_12m", "assessment_45wd", "cin_rate", "icpc_15wd", "cp_rate",
		"cp_repeat_ever", "cp_2y_plus", "cp_reviews_in_time", "cla_count", "cla_rate", "cla_starts_rate", "ceased_adoption",
		"st_stability", "lt_stability", "health_assessment_in_time", "dental_in_time", "sdq_average", "a1", "a10", "a2",
		"cl_eet", "cl_suitable", "cl_in_touch"} {
		if d, _ := Lookup(id); d.Local() {
			t.Errorf("%s is a DfE measure, not local", id)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found an unknown id")
	}
}

// checkAgrees holds a result to its lists, computed again here apart from
// valueOf: the value is what the lists give, a percentage's numerator is
// within its denominator, and a measure of children counts each child once.
func checkAgrees(t *testing.T, def Definition, res Result) {
	t.Helper()
	check := func(where string, v *float64, num, den []Entry) {
		t.Helper()
		var want *float64
		r1 := func(x float64) *float64 { x = math.Round(x*10+1e-9) / 10; return &x }
		sumOf := func(es []Entry) (s float64) {
			for _, e := range es {
				s += e.Amount
			}
			return s
		}
		switch def.Unit {
		case UnitCount:
			n := float64(len(num))
			want = &n
		case UnitPercent:
			n, d := float64(len(num)), float64(len(den))
			if def.Weighted {
				n, d = sumOf(num), sumOf(den)
			}
			if d > 0 {
				want = r1(100 * n / d)
			}
		case UnitRate:
			if res.Base > 0 {
				want = r1(10000 * float64(len(num)) / float64(res.Base))
			}
		case UnitDays:
			if len(num) > 0 {
				x := math.Round(sumOf(num) / float64(len(num)))
				want = &x
			}
		case UnitScore:
			if len(num) > 0 {
				want = r1(sumOf(num) / float64(len(num)))
			}
		case UnitRatio:
			if d := sumOf(den); d > 0 {
				want = r1(float64(len(num)) / d)
			}
		}
		if show(v) != show(want) {
			t.Errorf("%s %s: value %s but its lists give %s", def.ID, where, show(v), show(want))
		}
		if (def.Unit == UnitPercent && !def.Weighted) || def.Unit == UnitScore {
			for _, e := range num {
				if !slices.Contains(den, e) {
					t.Errorf("%s %s: numerator entry %+v is not in the denominator", def.ID, where, e)
				}
			}
		}
		if def.Counts == "children" || def.Counts == "young people" {
			for _, l := range [][]Entry{num, den} {
				seen := map[any]bool{}
				for _, e := range l {
					if seen[e.PersonID] {
						t.Errorf("%s %s: child %d counted twice", def.ID, where, e.PersonID)
					}
					seen[e.PersonID] = true
				}
			}
		}
		for _, l := range [][]Entry{num, den} {
			for _, e := range l {
				if e.Reason == "" {
					t.Errorf("%s %s: entry %+v has no reason", def.ID, where, e)
				}
			}
		}
	}
	check("value", res.Value, res.Numerator, res.Denominator)
	for _, g := range res.Groups {
		check("group "+g.Name, g.Value, g.Numerator, g.Denominator)
	}
}
