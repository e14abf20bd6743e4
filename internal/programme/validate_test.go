package programme

import (
	"math"
	"testing"
	"time"

	"hearth/internal/errs"
)

// fields lists the fields err names, in order.
func fields(err error) []string {
	e := errs.As(err)
	if e == nil {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReportValidate(t *testing.T) {
	ok := Report{Project: 3, Month: Month{2021, time.March}, Status: allStatuses(OnTarget),
		Milestones: []Milestone{{Name: "Go live", Planned: d(2021, 7, 1)}},
		Finance:    Finance{Reported: true, Budget: Pounds(500_000)}, Membership: Membership{Total: 4, Officers: 4}}
	for _, tc := range []struct {
		name   string
		change func(*Report)
		want   []string
	}{
		{"as it is", func(*Report) {}, nil},
		{"every status in the list", func(r *Report) {
			r.Status = Statuses{OnTarget, AtRisk, Compromised, Completed, NoStatus, NotReporting, OnTarget}
		}, nil},
		{"red is not in the list", func(r *Report) { r.Status.Overall = "red" }, []string{"status.overall"}},
		{"a label is not a code", func(r *Report) { r.Status.Cost = "On Target" }, []string{"status.cost"}},
		{"no status for non-cashable benefits", func(r *Report) { r.Status.NonCashable = "" }, []string{"status.non_cashable"}},
		{"no project", func(r *Report) { r.Project = 0 }, []string{"project"}},
		{"no month", func(r *Report) { r.Month = Month{} }, []string{"month"}},
		{"month 13", func(r *Report) { r.Month = Month{2021, 13} }, []string{"month"}},
		{"a milestone with no name or plan", func(r *Report) { r.Milestones = []Milestone{{Actual: d(2021, 2, 1)}} },
			[]string{"milestones[0].name", "milestones[0].planned"}},
		{"a milestone reached on a day that is not real", func(r *Report) { r.Milestones[0].Actual = d(2021, 2, 29) }, []string{"milestones[0].actual"}},
		{"negative spend", func(r *Report) { r.Finance.Spend = -1 }, []string{"finance.spend"}},
		{"negative grant spent", func(r *Report) { r.Finance.GrantSpent = -100 }, []string{"finance.grant_spent"}},
		{"£0 is allowed", func(r *Report) { r.Finance = Finance{Reported: true} }, nil},
		{"negative members", func(r *Report) { r.Membership.Partners = -1 }, []string{"membership.partners"}},
		{"£10 billion is the most", func(r *Report) { r.Finance.Budget = MaxPence }, nil},
		{"a penny more", func(r *Report) { r.Finance.Budget = MaxPence + 1 }, []string{"finance.budget"}},
		{"the largest number, which would wrap the totals", func(r *Report) { r.Finance.GrantReceived = math.MaxInt64 }, []string{"finance.grant_received"}},
		{"more members than any group", func(r *Report) { r.Membership.Total = MaxMembers + 1 }, []string{"membership.total"}},
		{"a NUL in the commentary", func(r *Report) { r.Commentary = "on track\x00" }, []string{"commentary"}},
		{"a right-to-left override in a milestone", func(r *Report) { r.Milestones[0].Name = "Go live\u202Eevil" }, []string{"milestones[0].name"}},
		{"a line break in a milestone's name", func(r *Report) { r.Milestones[0].Name = "Go\nlive" }, []string{"milestones[0].name"}},
		{"line breaks in the commentary", func(r *Report) { r.Commentary = "First line.\r\nSecond\tline." }, nil},
		{"a milestone in the year 1", func(r *Report) { r.Milestones[0].Planned = d(1, 1, 1) }, []string{"milestones[0].planned"}},
		{"a milestone in 9999", func(r *Report) { r.Milestones[0].Actual = d(9999, 12, 31) }, []string{"milestones[0].actual"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			r.Milestones = append([]Milestone(nil), ok.Milestones...)
			tc.change(&r)
			if got := fields(r.Validate()); !same(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestProjectValidate(t *testing.T) {
	ok := Project{Name: "SWIS", Funding: "grant", Purposes: []string{ImprovedOutcomes}, Start: d(2020, 11, 1), End: d(2022, 3, 31),
		Outcomes: []int{2, 6}, CoProduction: "engaging", Gateway: Delivery,
		Moves: []GatewayMove{
			{From: Options, To: BusinessCase, On: d(2020, 11, 5), Decision: Approved, By: "PAG"},
			{From: BusinessCase, To: Delivery, On: d(2020, 12, 1), Decision: Approved, By: "Board"},
		}}
	for _, tc := range []struct {
		name   string
		change func(*Project)
		want   []string
	}{
		{"as it is", func(*Project) {}, nil},
		{"no funding type yet", func(p *Project) { p.Funding = "" }, nil},
		{"no dates yet", func(p *Project) { p.Start, p.End = d(0, 0, 0), d(0, 0, 0); p.Moves = nil }, nil},
		{"no name", func(p *Project) { p.Name = "" }, []string{"name"}},
		{"a funding type not in the list", func(p *Project) { p.Funding = "lottery" }, []string{"funding"}},
		{"no purpose", func(p *Project) { p.Purposes = nil }, []string{"purposes"}},
		{"a purpose twice", func(p *Project) { p.Purposes = []string{Savings, Savings} }, []string{"purposes[1]"}},
		{"a purpose not in the list", func(p *Project) { p.Purposes = []string{"profit"} }, []string{"purposes[0]"}},
		{"ending before it starts", func(p *Project) { p.End = d(2020, 10, 31) }, []string{"end"}},
		{"ending the day it starts", func(p *Project) { p.End = p.Start; p.Moves = nil }, nil},
		{"outcome 0", func(p *Project) { p.Outcomes = []int{0} }, []string{"outcomes[0]"}},
		{"an outcome twice", func(p *Project) { p.Outcomes = []int{2, 2} }, []string{"outcomes[1]"}},
		{"a rung not on the ladder", func(p *Project) { p.CoProduction = "tokenism" }, []string{"co_production"}},
		{"no gateway", func(p *Project) { p.Gateway = "" }, []string{"gateway"}},
		{"a gateway its moves did not reach", func(p *Project) { p.Gateway = Closure }, []string{"gateway"}},
		{"moves that skip a gateway", func(p *Project) { p.Moves = p.Moves[1:]; p.Moves[0].From = Options }, []string{"moves[0].to"}},
		{"moves out of date order", func(p *Project) { p.Moves[1].On = d(2020, 11, 4) }, []string{"moves[1].on"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			p.Moves = append([]GatewayMove(nil), ok.Moves...)
			tc.change(&p)
			if got := fields(p.Validate()); !same(got, tc.want) {
				t.Errorf("got %v, want %v (%v)", got, tc.want, p.Validate())
			}
		})
	}
	if got := fields(ok.CheckOutcomes([]Outcome{{Number: 2}})); !same(got, []string{"outcomes[1]"}) {
		t.Errorf("an outcome the programme does not have: %v", got)
	}
}

func TestEntryValidate(t *testing.T) {
	ok := Entry{Type: RiskEntry, Category: "programme", Description: "Contract may end", Impact: "Capacity",
		Mitigation: "Extend it", Owner: "SRO", Status: EntryOpen, Raised: d(2020, 10, 1)}
	for _, tc := range []struct {
		name   string
		change func(*Entry)
		want   []string
	}{
		{"as it is, not yet scored", func(*Entry) {}, nil},
		{"scored 1 and 5", func(e *Entry) { e.Likelihood, e.Severity = 1, 5 }, nil},
		{"a likelihood of 6", func(e *Entry) { e.Likelihood, e.Severity = 6, 3 }, []string{"likelihood"}},
		{"an impact score of -1", func(e *Entry) { e.Likelihood, e.Severity = 2, -1 }, []string{"severity"}},
		{"a likelihood without an impact score", func(e *Entry) { e.Likelihood = 3 }, []string{"severity"}},
		{"an impact score without a likelihood", func(e *Entry) { e.Severity = 3 }, []string{"likelihood"}},
		{"neither register", func(e *Entry) { e.Type = "concern" }, []string{"type"}},
		{"no category", func(e *Entry) { e.Category = "" }, []string{"category"}},
		{"no owner", func(e *Entry) { e.Owner = "" }, []string{"owner"}},
		{"closed with its date", func(e *Entry) { e.Status, e.Closed = EntryClosed, d(2021, 1, 1) }, nil},
		{"closed the day it was raised", func(e *Entry) { e.Status, e.Closed = EntryClosed, e.Raised }, nil},
		{"closed without a date", func(e *Entry) { e.Status = EntryClosed }, []string{"closed"}},
		{"open with a closing date", func(e *Entry) { e.Closed = d(2021, 1, 1) }, []string{"closed"}},
		{"closed before it was raised", func(e *Entry) { e.Status, e.Closed = EntryClosed, d(2020, 9, 30) }, []string{"closed"}},
		{"an unknown status", func(e *Entry) { e.Status = "parked" }, []string{"status"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := ok
			tc.change(&e)
			if got := fields(e.Validate()); !same(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestOutcomeValidate(t *testing.T) {
	fig := []Figure{{Period: "2020-21", On: d(2021, 3, 31), Value: "145.8"}}
	for _, tc := range []struct {
		name string
		o    Outcome
		want []string
	}{
		{"an indicator", Outcome{Number: 5, Title: "Safe homes", Measures: []Measure{{Name: "CIN rate", Indicator: "cin_rate"}}}, nil},
		{"entered figures with a source", Outcome{Number: 5, Title: "Safe homes", Measures: []Measure{{Name: "CIN rate", Source: "Insight", Figures: fig}}}, nil},
		{"no measures yet", Outcome{Number: 1, Title: "Communication"}, nil},
		{"number 0", Outcome{Title: "x"}, []string{"number"}},
		{"both", Outcome{Number: 5, Title: "x", Measures: []Measure{{Name: "m", Indicator: "cin_rate", Source: "s", Figures: fig}}}, []string{"measures[0].indicator"}},
		{"neither", Outcome{Number: 5, Title: "x", Measures: []Measure{{Name: "m"}}}, []string{"measures[0].indicator"}},
		{"not an indicator's id", Outcome{Number: 5, Title: "x", Measures: []Measure{{Name: "m", Indicator: "CIN rate"}}}, []string{"measures[0].indicator"}},
		{"figures with no source", Outcome{Number: 5, Title: "x", Measures: []Measure{{Name: "m", Figures: fig}}}, []string{"measures[0].source"}},
		{"a value with a thousands comma", Outcome{Number: 5, Title: "x", Measures: []Measure{{Name: "m", Source: "s",
			Figures: []Figure{{Period: "2020-21", On: d(2021, 3, 31), Value: "1,113"}}}}}, []string{"measures[0].figures[0].value"}},
		{"a figure with no date", Outcome{Number: 5, Title: "x", Measures: []Measure{{Name: "m", Source: "s",
			Figures: []Figure{{Period: "2020-21", Value: "1"}}}}}, []string{"measures[0].figures[0].on"}},
	} {
		if got := fields(tc.o.Validate()); !same(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestProgrammeValidate(t *testing.T) {
	ok := Seed2021().Programme
	for _, tc := range []struct {
		name   string
		change func(*Programme)
		want   []string
	}{
		{"the seed's", func(*Programme) {}, nil},
		{"no senior responsible owner", func(p *Programme) { p.SRO = Member{} }, []string{"sro.name"}},
		{"a mandate ending before it starts", func(p *Programme) { p.Mandate.To = d(2020, 3, 31) }, []string{"mandate.to"}},
		{"a negative cost", func(p *Programme) { p.Team = []TeamPost{{Role: "PM", Hours: 37, FTE: 100, Cost: -1}} }, []string{"team[0].cost"}},
		{"an FTE over 1", func(p *Programme) { p.Team = []TeamPost{{Role: "PM", Hours: 37, FTE: 101}} }, []string{"team[0].fte_hundredths"}},
		{"two targets for a year", func(p *Programme) { p.FamilyTargets = []FamilyTarget{{2020, 1}, {2020, 2}} }, []string{"family_targets[1].year"}},
	} {
		p := ok
		tc.change(&p)
		if got := fields(p.Validate()); !same(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
