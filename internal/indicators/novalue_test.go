package indicators

import (
	"strings"
	"testing"
)

// TestNoValueSaysWhy: a figure with no value says why, from what is
// missing; a figure of nought is a value and says nothing.
func TestNoValueSaysWhy(t *testing.T) {
	at := date("2023-03-31")
	establishment := Workforce{Positions: []Position{{Name: "Team manager", Budgeted: 2, Permanent: 2}}}
	cases := []struct {
		name, id string
		in       Input
		want     string // a part of the reason; "" for a value
	}{
		{"a rate with no population", "cla_rate", Input{}, "No population of children aged 0 to 17 has been entered for 2023"},
		{"a rate with only a later year's population", "cla_rate", Input{Population: []PopulationYear{{Year: 2024, Children: 60000}}}, "for 2023 or a year before it"},
		{"a rate with an earlier year's population", "cla_rate", Input{Population: []PopulationYear{{Year: 2022, Children: 60000}}}, ""},
		{"a workforce rate with no establishment", "vacancy_rate", Input{}, "No establishment has been entered"},
		{"a workforce rate with one", "vacancy_rate", Input{Workforce: establishment}, ""},
		{"a caseload with no post holding cases", "caseload_average", Input{Workforce: establishment}, "No post of the establishment counted by this date holds cases"},
		{"an average with nothing to average", "a1", Input{}, "No children in the period to average"},
		{"a proportion with nothing to divide by", "rereferral_12m", Input{}, "Nothing to divide by: no referrals in the period"},
		{"a count of none is a value", "eh_open", Input{}, ""},
	}
	for _, c := range cases {
		def, ok := Lookup(c.id)
		if !ok {
			t.Fatalf("%s: no indicator %s", c.name, c.id)
		}
		r := Compute(def, c.in, at)
		if c.want == "" {
			if r.Value == nil || r.NoValue != "" {
				t.Errorf("%s: value %v, reason %q; want a value and no reason", c.name, r.Value, r.NoValue)
			}
			continue
		}
		if r.Value != nil || !strings.Contains(r.NoValue, c.want) {
			t.Errorf("%s: value %v, reason %q; want none, because %q", c.name, r.Value, r.NoValue, c.want)
		}
	}
}
