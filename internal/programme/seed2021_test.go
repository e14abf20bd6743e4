package programme

import (
	"fmt"
	"strings"
	"testing"
)

// The tables of the programme's 2020-21 annual report, written here as the
// report prints them, by project name (the RAG table's names; the other
// tables shorten some). The tests compute the annual report from Seed2021
// and compare.

// seedRAG is section 4.1: gateway, then each project's statuses (overall,
// cost, milestones, risks, issues, cashable, non-cashable). The options and
// business case tables print three columns, all "Not currently reporting".
var seedRAG = map[Gateway]map[string]string{
	Options:      {"Transformation of Traded Services": "NR NR NR NR NR NR NR"},
	BusinessCase: {"Integrated Case Management System – Business Case": "NR NR NR NR NR NR NR"},
	Delivery: {
		"HeadStart Programme Phase 3":     "OT OT OT None OT None OT",
		"Family Values":                   "OT OT OT OT OT OT OT",
		"Supporting Families Phase 2":     "OT OT OT OT Compromised AtRisk OT",
		"The House Project":               "OT OT OT OT None OT OT",
		"Culture of Belonging Programme":  "OT OT OT OT OT OT OT",
		"Social Worker in Schools (SWIS)": "OT OT OT OT OT None OT",
		"SEND Systems":                    "OT OT OT OT OT OT OT",
	},
	Closure: {"Eclipse (Phase 2)": "Completed Completed Completed Completed Completed Completed Completed"},
}

var ragShort = map[string]RAG{"OT": OnTarget, "AtRisk": AtRisk, "Compromised": Compromised, "Completed": Completed, "None": NoStatus, "NR": NotReporting}

// seedMembers is the group membership table: total, officers, frontline,
// partners, service user representatives.
var seedMembers = map[string][5]int{
	"HeadStart Programme Phase 3":                       {23, 7, 0, 13, 3},
	"Family Values":                                     {36, 9, 23, 0, 4},
	"Culture of Belonging Programme":                    {15, 7, 7, 1, 0},
	"SEND Systems":                                      {18, 8, 8, 1, 1},
	"Social Worker in Schools (SWIS)":                   {32, 13, 7, 12, 0},
	"Integrated Case Management System – Business Case": {11, 0, 0, 0, 0},
	"Supporting Families Phase 2":                       {8, 6, 2, 0, 0},
}

// seedFinance is the programme finance table in pounds: agreed budget,
// uplifts, spend, original projection, savings or avoidance.
var seedFinance = map[string][5]int64{
	"HeadStart Programme Phase 3":       {8_206_000, 1_283_000, 85_534_000, 0, 0},
	"Family Values":                     {544_000, 0, 487_000, 989_000, 660_000},
	"Social Worker in Schools (SWIS)":   {257_000, 0, 174_000, 0, 0},
	"Transformation of Traded Services": {0, 0, 0, 0, 0},
	"SEND Systems":                      {500_000, 0, 0, 0, 0},
	"Culture of Belonging Programme":    {0, 0, 0, 0, 0},
}

func TestSeedRecordsAreValid(t *testing.T) {
	r := Seed2021()
	check := func(what string, err error) {
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	check("programme", r.Programme.Validate())
	for _, o := range r.Outcomes {
		check(fmt.Sprintf("outcome %d", o.Number), o.Validate())
	}
	for _, p := range r.Projects {
		check(p.Name, p.Validate())
		check(p.Name+" outcomes", p.CheckOutcomes(r.Outcomes))
	}
	for _, rep := range r.Reports {
		check(fmt.Sprintf("report %d", rep.ID), rep.Validate())
	}
	for _, e := range r.Entries {
		check(fmt.Sprintf("entry %d", e.ID), e.Validate())
	}
	if len(r.Outcomes) != 8 {
		t.Errorf("%d outcomes, want the report's eight", len(r.Outcomes))
	}
}

func TestSeedAnnualReportReproducesTheTables(t *testing.T) {
	a := AnnualReport(Seed2021(), 2020)
	if a.Year.String() != "2020-21" || a.AsOf.String() != "2021-03" {
		t.Errorf("year %s as of %s", a.Year, a.AsOf)
	}

	// 4.1 RAG status summary.
	got := map[Gateway]map[string]string{}
	for _, g := range a.RAG {
		got[g.Gateway] = map[string]string{}
		for _, row := range g.Rows {
			var s []string
			for _, x := range row.Status.each() {
				s = append(s, string(x.rag))
			}
			got[g.Gateway][row.Name] = strings.Join(s, " ")
		}
	}
	for g, rows := range seedRAG {
		for name, want := range rows {
			var w []string
			for _, c := range strings.Fields(want) {
				w = append(w, string(ragShort[c]))
			}
			if got[g][name] != strings.Join(w, " ") {
				t.Errorf("RAG %s / %s: got %q, want %q", g, name, got[g][name], strings.Join(w, " "))
			}
		}
		if len(got[g]) != len(rows) {
			t.Errorf("RAG %s: %d projects, want %d", g, len(got[g]), len(rows))
		}
	}
	if len(a.RAG) != 4 {
		t.Errorf("%d gateways in the RAG summary, want 4", len(a.RAG))
	}
	for _, g := range a.RAG {
		if g.Gateway == Delivery && (g.Overall[OnTarget] != 7 || len(g.Overall) != 1) {
			t.Errorf("delivery overall: %v", g.Overall)
		}
	}
	if row := a.RAG[0].Rows[0]; row.Comment != "PAG approval at options, next step Business Case." {
		t.Errorf("options comment %q", row.Comment)
	}

	// Outcomes: the eight, in order, with the projects the report gives
	// under each.
	if len(a.Outcomes) != 8 || a.Outcomes[4].Number != 5 || len(a.Outcomes[4].Measures) != 7 {
		t.Fatalf("outcomes: %+v", a.Outcomes)
	}
	names := func(ps []ProjectRef) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Name)
		}
		return strings.Join(s, ", ")
	}
	if got := names(a.Outcomes[5].Projects); got != "Culture of Belonging Programme, Social Worker in Schools (SWIS)" {
		t.Errorf("outcome six: %s", got)
	}
	// The trend stops at the year's end: a first quarter of 2021-22 is not
	// in the 2020-21 report.
	eha := a.Outcomes[4].Measures[5]
	if len(eha.Figures) != 3 || eha.Figures[2].Value != "878" {
		t.Errorf("early help assessments: %+v", eha.Figures)
	}

	// Group membership.
	if len(a.Membership.Rows) != len(seedMembers) {
		t.Errorf("%d membership rows, want %d", len(a.Membership.Rows), len(seedMembers))
	}
	for _, row := range a.Membership.Rows {
		m := row.Membership
		if want, ok := seedMembers[row.Name]; !ok || [5]int{m.Total, m.Officers, m.Frontline, m.Partners, m.ServiceUsers} != want {
			t.Errorf("membership of %s: %+v, want %v", row.Name, m, want)
		}
	}
	tot := a.Membership.Total
	if tot.Total != 143 || tot.Officers != 50 || tot.Frontline != 47 || tot.Partners != 27 || tot.ServiceUsers != 8 {
		t.Errorf("membership totals %+v, want 143: 50, 47, 27, 8", tot.Membership)
	}
	if p := tot.Percent; p.Officers != 35 || p.Frontline != 33 || p.Partners != 19 || p.ServiceUsers != 6 {
		t.Errorf("membership shares %+v, want 35%%, 33%%, 19%%, 6%%", p)
	}

	// Programme finance.
	if len(a.Finance.Rows) != len(seedFinance) {
		t.Errorf("%d finance rows, want %d", len(a.Finance.Rows), len(seedFinance))
	}
	for _, row := range a.Finance.Rows {
		f := row.Finance
		want, ok := seedFinance[row.Name]
		if !ok || [5]Pence{f.Budget, f.Uplifts, f.Spend, f.Projection, f.Savings + f.CostAvoidance} !=
			[5]Pence{Pounds(want[0]), Pounds(want[1]), Pounds(want[2]), Pounds(want[3]), Pounds(want[4])} {
			t.Errorf("finance of %s: %+v, want £%v", row.Name, f, want)
		}
	}
	ft := a.Finance.Totals
	if ft.Value != Pounds(10_790_000) || ft.Value.Millions() != "£10.8 million" {
		t.Errorf("programme value %s (%s), want £10,790,000, about £10.8 million", ft.Value, ft.Value.Millions())
	}
	if ft.CostAvoidance.String() != "£660,000" {
		t.Errorf("cost avoidance %s, want £660,000", ft.CostAvoidance)
	}
	if len(a.Finance.Grants) != 1 || a.Finance.Grants[0].Name != "Supporting Families Phase 2" {
		t.Fatalf("grants: %+v", a.Finance.Grants)
	}
	g := a.Finance.GrantTotals
	if g.GrantBroughtForward.Millions() != "£3.1 million" || g.GrantReceived.Millions() != "£1.1 million" ||
		g.GrantSpent.Millions() != "£0.2 million" || g.GrantBalance.Millions() != "£4.0 million" {
		t.Errorf("Supporting Families income %s + %s - %s = %s, want £3.1m + £1.1m - £0.2m = £4.0m",
			g.GrantBroughtForward.Millions(), g.GrantReceived.Millions(), g.GrantSpent.Millions(), g.GrantBalance.Millions())
	}
	if len(a.Finance.Team) != 6 || a.Finance.TeamCost.String() != "£209,636" {
		t.Errorf("team costs %s over %d posts, want £209,636 over 6", a.Finance.TeamCost, len(a.Finance.Team))
	}

	// Risks and issues open at the year's end.
	if len(a.Risks) != 2 || len(a.Issues) != 1 || a.Issues[0].Project != 5 {
		t.Errorf("risks %d, issues %+v", len(a.Risks), a.Issues)
	}
}

// TestSeedInconsistencies: the report's own figures that do not add up are
// each pointed out, and nothing else is. The computed tables' rows are in
// the order of the projects in the records, which the paths follow.
func TestSeedInconsistencies(t *testing.T) {
	a := AnnualReport(Seed2021(), 2020)
	want := map[string][]string{
		// ICMS's eleven members are in the total but in no type.
		"membership.rows[0]": {"Integrated Case Management System", "11 members in the total but 0 by type"},
		// So the programme's shares add up to 93%.
		"membership.total": {"143 members in the total and 132 by type", "93%"},
		// HeadStart's spend, printed "£8,5534,000".
		"finance.rows[1].spend": {"£85,534,000", "£9,489,000"},
		// Supporting Families is On Target overall with a Compromised issue status.
		"rag[2].rows[2].status.issues": {"Supporting Families Phase 2", "issue status is Compromised"},
		// The programme manager's 30 hours are 0.81 of full time, not 0.5.
		"finance.team[0].fte_hundredths": {"30 hours", "0.81", "0.5"},
	}
	got := map[string]string{}
	for _, in := range a.Inconsistencies {
		got[in.Where] = in.Message
	}
	for where, parts := range want {
		msg, ok := got[where]
		if !ok {
			t.Errorf("no inconsistency at %s; got %v", where, got)
			continue
		}
		for _, p := range parts {
			if !strings.Contains(msg, p) {
				t.Errorf("%s: %q does not say %q", where, msg, p)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d inconsistencies, want %d: %v", len(got), len(want), got)
	}
}
