package programme

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestPenceFormats(t *testing.T) {
	for _, tc := range []struct {
		p             Pence
		str, millions string
	}{
		{0, "£0", "£0.0 million"},
		{1, "£0.01", "£0.0 million"},
		{Pounds(999), "£999", "£0.0 million"},
		{Pounds(1000), "£1,000", "£0.0 million"},
		{Pounds(209_636), "£209,636", "£0.2 million"},
		{Pounds(209_636) + 5, "£209,636.05", "£0.2 million"},
		{Pounds(10_790_000), "£10,790,000", "£10.8 million"},
		{Pounds(1_049_999) + 99, "£1,049,999.99", "£1.0 million"},
		{Pounds(1_050_000), "£1,050,000", "£1.1 million"}, // half rounds up
		{-Pounds(1_234), "-£1,234", "-£0.0 million"},
	} {
		if tc.p.String() != tc.str || tc.p.Millions() != tc.millions {
			t.Errorf("%d pence: %s, %s; want %s, %s", int64(tc.p), tc.p, tc.p.Millions(), tc.str, tc.millions)
		}
	}
}

func TestPenceJSONRefusesFractions(t *testing.T) {
	var f Finance
	if err := json.Unmarshal([]byte(`{"budget": 50000000}`), &f); err != nil || f.Budget != Pounds(500_000) {
		t.Errorf("whole pence: %v %v", f.Budget, err)
	}
	for _, bad := range []string{`{"budget": 10.5}`, `{"budget": "100"}`, `{"budget": 1e3}`} {
		if err := json.Unmarshal([]byte(bad), &f); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
	b, _ := json.Marshal(Finance{Budget: 123})
	if want := `"budget":123`; !json.Valid(b) || !strings.Contains(string(b), want) {
		t.Errorf("%s does not hold %s", b, want)
	}
}

func TestYears(t *testing.T) {
	for _, tc := range []struct {
		on   [3]int
		want string
	}{
		{[3]int{2021, 3, 31}, "2020-21"},
		{[3]int{2021, 4, 1}, "2021-22"},
		{[3]int{2021, 1, 1}, "2020-21"},
		{[3]int{1999, 12, 31}, "1999-00"},
	} {
		if got := YearOf(d(tc.on[0], time.Month(tc.on[1]), tc.on[2])).String(); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.on, got, tc.want)
		}
	}
	for _, tc := range []struct {
		s    string
		want Year
		ok   bool
	}{
		{"2020-21", 2020, true}, {"1999-00", 1999, true}, {"2020-22", 0, false}, {"2020/21", 0, false}, {"2020", 0, false}, {"20-21", 0, false},
	} {
		y, err := ParseYear(tc.s)
		if (err == nil) != tc.ok || y != tc.want {
			t.Errorf("%q: %v %v", tc.s, y, err)
		}
	}
	y := Year(2020)
	if !y.Holds(Month{2020, time.April}) || !y.Holds(Month{2021, time.March}) || y.Holds(Month{2021, time.April}) || y.Holds(Month{2020, time.March}) {
		t.Error("2020-21 holds April 2020 to March 2021")
	}
	if (Month{2024, time.February}).Last() != d(2024, 2, 29) || (Month{2023, time.December}).Last() != d(2023, 12, 31) {
		t.Error("last days of months")
	}
	var m Month
	if err := json.Unmarshal([]byte(`"2021-03"`), &m); err != nil || m != (Month{2021, time.March}) {
		t.Errorf("month JSON: %v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`"2021-13"`), &m); err == nil {
		t.Error("month 13 accepted")
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct{ n, total, want int }{
		{50, 143, 35}, {47, 143, 33}, {27, 143, 19}, {8, 143, 6},
		{1, 8, 13}, // 12.5 rounds up
		{1, 3, 33}, {2, 3, 67}, {0, 5, 0}, {5, 5, 100}, {3, 0, 0},
	} {
		if got := Percent(tc.n, tc.total); got != tc.want {
			t.Errorf("%d of %d: %d%%, want %d%%", tc.n, tc.total, got, tc.want)
		}
	}
}

func TestTotals(t *testing.T) {
	ft := TotalFinance([]Finance{
		{Budget: 100, Uplifts: 20, Spend: 50, CostAvoidance: 7},
		{Budget: 30, Savings: 3, GrantBroughtForward: 10, GrantReceived: 5, GrantSpent: 12},
	})
	if ft.Value != 150 || ft.Spend != 50 || ft.Savings != 3 || ft.CostAvoidance != 7 || ft.GrantBalance != 3 {
		t.Errorf("%+v", ft)
	}
	mt := TotalMembership([]Membership{{Total: 10, Officers: 5, Frontline: 5}, {Total: 10}})
	if mt.Total != 20 || mt.Typed() != 10 || mt.Percent.Officers != 25 || mt.Percent.Frontline != 25 {
		t.Errorf("%+v", mt)
	}
	if (TotalMembership(nil).Percent != MembershipTotals{}.Percent) {
		t.Error("no members, no shares")
	}
}

// TestRAGSummary: each open project under the gateway it stood at at the
// month's end, with its latest report up to then, or not reporting.
func TestRAGSummary(t *testing.T) {
	moves := []GatewayMove{
		{From: BusinessCase, To: Delivery, On: d(2021, 2, 10), Decision: Approved, By: "Board"},
		{From: Delivery, To: Closure, On: d(2021, 4, 10), Decision: Approved, By: "Board"},
	}
	r := Records{
		Projects: []Project{
			{ID: 1, Name: "Moved in February", Gateway: Closure, Moves: moves},
			{ID: 2, Name: "No report", Gateway: Options},
			{ID: 3, Name: "Closed in January", Gateway: BusinessAsUsual, Moves: []GatewayMove{{From: Closure, To: BusinessAsUsual, On: d(2021, 1, 5), Decision: Approved, By: "Board"}}},
			{ID: 4, Name: "Stopped in April", Gateway: Closure, Moves: []GatewayMove{{From: Delivery, To: Closure, On: d(2021, 4, 2), Decision: Stopped, By: "Board", Reason: "x"}}},
		},
		Reports: []Report{
			{Project: 1, Month: Month{2021, time.January}, Status: allStatuses(AtRisk)},
			{Project: 1, Month: Month{2021, time.February}, Status: allStatuses(OnTarget), Commentary: "Live"},
			{Project: 1, Month: Month{2021, time.April}, Status: allStatuses(Completed)},
			{Project: 4, Month: Month{2021, time.March}, Status: allStatuses(Compromised)},
		},
	}
	got := RAGSummary(r, Month{2021, time.March})
	if len(got) != 2 || got[0].Gateway != Options || got[1].Gateway != Delivery {
		t.Fatalf("%+v", got)
	}
	if row := got[0].Rows[0]; row.Name != "No report" || row.Status != allStatuses(NotReporting) || !row.Month.IsZero() {
		t.Errorf("no report: %+v", row)
	}
	del := got[1]
	if len(del.Rows) != 2 || del.Rows[0].Status != allStatuses(OnTarget) || del.Rows[0].Comment != "Live" ||
		del.Rows[1].Name != "Stopped in April" || del.Overall[OnTarget] != 1 || del.Overall[Compromised] != 1 {
		t.Errorf("delivery: %+v", del)
	}
	if got := r.Projects[0].GatewayOn(d(2021, 2, 9)); got != BusinessCase {
		t.Errorf("the day before its first move: %s", got)
	}
}

func TestAnnualReportUsesTheYearsLatestReport(t *testing.T) {
	r := Records{
		Projects: []Project{{ID: 1, Name: "P", Purposes: []string{ImprovedOutcomes}, Gateway: Delivery}},
		Reports: []Report{
			{Project: 1, Month: Month{2021, time.January}, Status: allStatuses(OnTarget), Finance: Finance{Reported: true, Budget: 100}},
			{Project: 1, Month: Month{2021, time.April}, Status: allStatuses(OnTarget), Finance: Finance{Reported: true, Budget: 999}},
		},
	}
	a := AnnualReport(r, 2020)
	if len(a.Finance.Rows) != 1 || a.Finance.Totals.Budget != 100 {
		t.Errorf("finance %+v", a.Finance)
	}
	if len(a.Inconsistencies) != 1 || a.Inconsistencies[0].Where != "rag[0].rows[0]" {
		t.Errorf("a report older than March is pointed out: %+v", a.Inconsistencies)
	}
	if a := AnnualReport(r, 2019); len(a.Finance.Rows) != 0 || len(a.RAG) != 1 || a.RAG[0].Rows[0].Status != allStatuses(NotReporting) {
		t.Errorf("a year before any report: %+v", a)
	}
}
