package programme

import (
	"fmt"
	"slices"
	"strings"

	"hearth/internal/civil"
)

// Value is what the project is worth to the programme: its agreed budget
// with the uplifts added since.
func (f Finance) Value() Pence { return f.Budget + f.Uplifts }

// GrantBalance is the grant held at the end of the period: what was
// brought forward and received, less what was spent.
func (f Finance) GrantBalance() Pence { return f.GrantBroughtForward + f.GrantReceived - f.GrantSpent }

// HasGrant reports whether the finance states a grant received over years.
func (f Finance) HasGrant() bool {
	return f.GrantBroughtForward != 0 || f.GrantReceived != 0 || f.GrantSpent != 0
}

// FinanceTotals add up projects' finance.
type FinanceTotals struct {
	Budget        Pence `json:"budget"`
	Uplifts       Pence `json:"uplifts"`
	Value         Pence `json:"value"` // budgets with uplifts: the programme's value
	Spend         Pence `json:"spend"`
	Projection    Pence `json:"projection"`
	Savings       Pence `json:"savings"`
	CostAvoidance Pence `json:"cost_avoidance"`

	GrantBroughtForward Pence `json:"grant_brought_forward"`
	GrantReceived       Pence `json:"grant_received"`
	GrantSpent          Pence `json:"grant_spent"`
	GrantBalance        Pence `json:"grant_balance"`
}

// TotalFinance adds up fs.
func TotalFinance(fs []Finance) FinanceTotals {
	var t FinanceTotals
	for _, f := range fs {
		t.Budget += f.Budget
		t.Uplifts += f.Uplifts
		t.Value += f.Value()
		t.Spend += f.Spend
		t.Projection += f.Projection
		t.Savings += f.Savings
		t.CostAvoidance += f.CostAvoidance
		t.GrantBroughtForward += f.GrantBroughtForward
		t.GrantReceived += f.GrantReceived
		t.GrantSpent += f.GrantSpent
		t.GrantBalance += f.GrantBalance()
	}
	return t
}

// Typed is how many members the profile counts by type.
func (m Membership) Typed() int { return m.Officers + m.Frontline + m.Partners + m.ServiceUsers }

// MembershipTotals add up projects' group membership, with each type's
// share of the total members in whole percent.
type MembershipTotals struct {
	Membership
	Percent struct {
		Officers     int `json:"officers"`
		Frontline    int `json:"frontline"`
		Partners     int `json:"partners"`
		ServiceUsers int `json:"service_users"`
	} `json:"percent"`
}

// TotalMembership adds up ms. Each type's percentage is of the total
// members entered, not of those counted by type, as the programme's
// reports give it: members not counted by type leave the percentages
// short of 100.
func TotalMembership(ms []Membership) MembershipTotals {
	var t MembershipTotals
	for _, m := range ms {
		t.Total += m.Total
		t.Officers += m.Officers
		t.Frontline += m.Frontline
		t.Partners += m.Partners
		t.ServiceUsers += m.ServiceUsers
	}
	t.Percent.Officers = Percent(t.Officers, t.Total)
	t.Percent.Frontline = Percent(t.Frontline, t.Total)
	t.Percent.Partners = Percent(t.Partners, t.Total)
	t.Percent.ServiceUsers = Percent(t.ServiceUsers, t.Total)
	return t
}

// Percent is n as a whole percentage of total, rounded half up; 0 when
// total is 0.
func Percent(n, total int) int {
	if total <= 0 {
		return 0
	}
	return (200*n + total) / (2 * total)
}

// GatewayOn is the gateway the project stood at at the end of day d: the
// one its last move on or before d took it to, or, before its first move,
// the gateway that move started from.
func (p Project) GatewayOn(d civil.Date) Gateway {
	if len(p.Moves) == 0 {
		return p.Gateway
	}
	g := p.Moves[0].From
	for _, m := range p.Moves {
		if m.On.After(d) {
			break
		}
		g = m.To
	}
	return g
}

// closedBy reports whether the project had closed by the end of day d.
func (p Project) closedBy(d civil.Date) bool {
	for _, m := range p.Moves {
		if !m.On.After(d) && (m.To == BusinessAsUsual || m.Decision == Stopped) {
			return true
		}
	}
	return len(p.Moves) == 0 && p.Closed()
}

// RAGRow is one project's line in a RAG summary: its statuses in its
// latest report up to the month (all "not currently reporting" when it has
// none), and the report's commentary.
type RAGRow struct {
	Project ProjectID `json:"project"`
	Name    string    `json:"name"`
	Month   Month     `json:"month"` // the report's month; zero when there is none
	Status  Statuses  `json:"status"`
	Comment string    `json:"comment,omitempty"`
}

// GatewayRAG is the RAG summary of the projects at one gateway, with how
// many are at each overall status.
type GatewayRAG struct {
	Gateway Gateway     `json:"gateway"`
	Rows    []RAGRow    `json:"rows"`
	Overall map[RAG]int `json:"overall"`
}

// RAGSummary groups the projects open at the end of month m (not closed by
// then) by the gateway they stood at, in the gateways' order, each with
// the statuses of its latest report up to m. A gateway with no projects is
// left out.
func RAGSummary(r Records, m Month) []GatewayRAG {
	end := m.Last()
	var out []GatewayRAG
	for _, g := range Gateways {
		gr := GatewayRAG{Gateway: Gateway(g.Code), Overall: map[RAG]int{}}
		for _, p := range r.Projects {
			if p.closedBy(end) || p.GatewayOn(end) != gr.Gateway {
				continue
			}
			row := RAGRow{Project: p.ID, Name: p.Name, Status: allStatuses(NotReporting)}
			if rep, ok := latestReport(r.Reports, p.ID, Month{}, m); ok {
				row.Month, row.Status, row.Comment = rep.Month, rep.Status, rep.Commentary
			}
			gr.Overall[row.Status.Overall]++
			gr.Rows = append(gr.Rows, row)
		}
		if len(gr.Rows) > 0 {
			out = append(out, gr)
		}
	}
	return out
}

func allStatuses(s RAG) Statuses { return Statuses{s, s, s, s, s, s, s} }

// latestReport is the project's report of the latest month from from to
// to (from zero: any month up to to).
func latestReport(reports []Report, id ProjectID, from, to Month) (Report, bool) {
	var best Report
	found := false
	for _, rep := range reports {
		if rep.Project != id || rep.Month.Compare(to) > 0 || (!from.IsZero() && rep.Month.Compare(from) < 0) {
			continue
		}
		if !found || rep.Month.Compare(best.Month) > 0 {
			best, found = rep, true
		}
	}
	return best, found
}

// Annual is the annual report's figures for a year, in the order of the
// programme's annual report: the RAG summary by gateway as at the year's
// last month, progress against each outcome, group membership, programme
// finance, and the risks and issues still open at the year's end; and the
// inconsistencies the computation noticed in the records.
type Annual struct {
	Year            Year              `json:"year"`
	Programme       string            `json:"programme"`
	SRO             Member            `json:"sro"`
	Vision          string            `json:"vision"`
	AsOf            Month             `json:"as_of"`
	RAG             []GatewayRAG      `json:"rag"`
	Outcomes        []OutcomeProgress `json:"outcomes"`
	Membership      MembershipTable   `json:"membership"`
	Finance         FinanceTable      `json:"finance"`
	Risks           []Entry           `json:"risks"`
	Issues          []Entry           `json:"issues"`
	Inconsistencies []Inconsistency   `json:"inconsistencies"`
}

// OutcomeProgress is one outcome with the projects that serve it and its
// measures' figures up to the year's end (the trend).
type OutcomeProgress struct {
	Number   int          `json:"number"`
	Title    string       `json:"title"`
	Projects []ProjectRef `json:"projects"`
	Measures []Measure    `json:"measures"`
}

// ProjectRef names a project and the rung of the participation ladder it
// works on.
type ProjectRef struct {
	ID           ProjectID `json:"id"`
	Name         string    `json:"name"`
	CoProduction string    `json:"co_production,omitempty"`
}

// MembershipTable is the projects' group membership from each one's latest
// report in the year, for the projects that counted members, and the
// totals.
type MembershipTable struct {
	Rows  []MembershipRow  `json:"rows"`
	Total MembershipTotals `json:"total"`
}

// MembershipRow is one project's membership.
type MembershipRow struct {
	Project ProjectID `json:"project"`
	Name    string    `json:"name"`
	Membership
}

// FinanceTable is the programme's finance from each project's latest
// report in the year: the projects with a budget line (every project that
// reported its finance, other than a grant received over years), those
// with a grant (Supporting Families' income), their totals, and the
// programme team's costs for the year.
type FinanceTable struct {
	Rows        []FinanceRow  `json:"rows"`
	Grants      []FinanceRow  `json:"grants"`
	Totals      FinanceTotals `json:"totals"`
	GrantTotals FinanceTotals `json:"grant_totals"`
	Team        []TeamPost    `json:"team"`
	TeamCost    Pence         `json:"team_cost"`
}

// FinanceRow is one project's finance.
type FinanceRow struct {
	Project  ProjectID `json:"project"`
	Name     string    `json:"name"`
	Funding  string    `json:"funding"`
	Purposes []string  `json:"purposes"`
	Finance
}

// Inconsistency is something in the records that does not add up, which
// the report shows rather than hides: Where is the JSON path of the
// figure in the annual report (or of the record) it is about.
type Inconsistency struct {
	Where   string `json:"where"`
	Message string `json:"message"`
}

// FullTimeHours is the council's full-time working week, against which a
// post's hours and full-time equivalent are compared.
const FullTimeHours = 37

// AnnualReport computes the annual report's figures for year y from the
// programme's records. Each project's figures are those of its latest
// report in the year; projects are in the order of r.Projects.
func AnnualReport(r Records, y Year) Annual {
	a := Annual{
		Year: y, Programme: r.Programme.Name, SRO: r.Programme.SRO, Vision: r.Programme.Vision,
		AsOf: y.LastMonth(), RAG: RAGSummary(r, y.LastMonth()),
		Outcomes: []OutcomeProgress{}, Risks: []Entry{}, Issues: []Entry{}, Inconsistencies: []Inconsistency{},
	}
	a.Membership.Rows = []MembershipRow{}
	a.Finance.Rows, a.Finance.Grants, a.Finance.Team = []FinanceRow{}, []FinanceRow{}, []TeamPost{}
	note := func(where, format string, args ...any) {
		a.Inconsistencies = append(a.Inconsistencies, Inconsistency{where, fmt.Sprintf(format, args...)})
	}

	for i, g := range a.RAG {
		for j, row := range g.Rows {
			where := fmt.Sprintf("rag[%d].rows[%d]", i, j)
			if row.Month.IsZero() {
				continue
			}
			if row.Month != a.AsOf && !row.Status.allAre(NotReporting) {
				note(where, "%s's latest report is for %s, not %s", row.Name, monthLabel(row.Month), monthLabel(a.AsOf))
			}
			if row.Status.Overall == OnTarget {
				for _, s := range row.Status.each() {
					if s.rag == Compromised {
						note(where+".status."+s.field, "%s is On Target overall while its %s status is Compromised", row.Name, statusNames[s.field])
					}
				}
			}
		}
	}

	outcomes := slices.Clone(r.Outcomes)
	slices.SortStableFunc(outcomes, func(a, b Outcome) int { return a.Number - b.Number })
	for _, o := range outcomes {
		op := OutcomeProgress{Number: o.Number, Title: o.Title, Projects: []ProjectRef{}, Measures: []Measure{}}
		for _, p := range r.Projects {
			if slices.Contains(p.Outcomes, o.Number) && !p.closedBy(y.First().AddDays(-1)) {
				op.Projects = append(op.Projects, ProjectRef{p.ID, p.Name, p.CoProduction})
			}
		}
		for _, m := range o.Measures {
			m.Figures = slices.DeleteFunc(slices.Clone(m.Figures), func(f Figure) bool { return f.On.After(y.Last()) })
			slices.SortStableFunc(m.Figures, func(a, b Figure) int { return a.On.Compare(b.On) })
			op.Measures = append(op.Measures, m)
		}
		a.Outcomes = append(a.Outcomes, op)
	}

	var members []Membership
	var budgets, grants []Finance
	for _, p := range r.Projects {
		rep, ok := latestReport(r.Reports, p.ID, y.FirstMonth(), y.LastMonth())
		if !ok {
			continue
		}
		if m := rep.Membership; m.Total > 0 || m.Typed() > 0 {
			where := fmt.Sprintf("membership.rows[%d]", len(a.Membership.Rows))
			switch {
			case m.Typed() < m.Total:
				note(where, "%s counts %d members in the total but %d by type: %d are in the total and in no type", p.Name, m.Total, m.Typed(), m.Total-m.Typed())
			case m.Typed() > m.Total:
				note(where, "%s counts %d members by type but a total of %d", p.Name, m.Typed(), m.Total)
			}
			a.Membership.Rows = append(a.Membership.Rows, MembershipRow{p.ID, p.Name, m})
			members = append(members, m)
		}
		fi := rep.Finance
		if !fi.Reported {
			continue
		}
		row := FinanceRow{p.ID, p.Name, p.Funding, p.Purposes, fi}
		if fi.HasGrant() {
			a.Finance.Grants = append(a.Finance.Grants, row)
			grants = append(grants, fi)
			continue
		}
		where := fmt.Sprintf("finance.rows[%d]", len(a.Finance.Rows))
		if fi.Spend > fi.Value() {
			note(where+".spend", "%s's spend of %s is more than its budget with uplifts, %s", p.Name, fi.Spend, fi.Value())
		}
		if fi.CostAvoidance > 0 && !slices.Contains(p.Purposes, CostAvoidance) {
			note(where+".cost_avoidance", "%s reports cost avoidance but cost avoidance is not among its purposes", p.Name)
		}
		if fi.Savings > 0 && !slices.Contains(p.Purposes, Savings) {
			note(where+".savings", "%s reports savings but savings are not among its purposes", p.Name)
		}
		a.Finance.Rows = append(a.Finance.Rows, row)
		budgets = append(budgets, fi)
	}
	a.Membership.Total = TotalMembership(members)
	if t := a.Membership.Total; t.Typed() != t.Total {
		note("membership.total", "The programme counts %d members in the total and %d by type, so the shares of each type add up to %d%%, not 100%%",
			t.Total, t.Typed(), t.Percent.Officers+t.Percent.Frontline+t.Percent.Partners+t.Percent.ServiceUsers)
	}
	a.Finance.Totals = TotalFinance(budgets)
	a.Finance.GrantTotals = TotalFinance(grants)

	for _, t := range r.Programme.Team {
		if t.Year != y {
			continue
		}
		where := fmt.Sprintf("finance.team[%d]", len(a.Finance.Team))
		// A post's hours and its full-time equivalent should agree to
		// within a hundredth or so of a week's rounding.
		if fte := Percent(t.Hours, FullTimeHours); t.Hours > 0 && (fte-t.FTE > 2 || t.FTE-fte > 2) {
			note(where+".fte_hundredths", "%s works %d hours a week, %s of full time, but is counted as %s", t.Role, t.Hours, hundredths(fte), hundredths(t.FTE))
		}
		a.Finance.Team = append(a.Finance.Team, t)
		a.Finance.TeamCost += t.Cost
	}

	end := y.Last()
	for _, e := range r.Entries {
		if e.Raised.After(end) || (e.Status == EntryClosed && !e.Closed.After(end)) {
			continue
		}
		if e.Type == RiskEntry {
			a.Risks = append(a.Risks, e)
		} else {
			a.Issues = append(a.Issues, e)
		}
	}
	return a
}

// statusNames name a report's statuses in a sentence.
var statusNames = map[string]string{
	"overall": "overall", "cost": "cost", "milestones": "milestone", "risks": "risk", "issues": "issue",
	"cashable": "cashable benefits", "non_cashable": "non-cashable benefits",
}

func (s Statuses) allAre(r RAG) bool { return s == allStatuses(r) }

// hundredths writes a full-time equivalent in hundredths as a decimal
// ("0.5", "1").
func hundredths(n int) string {
	s := fmt.Sprintf("%d.%02d", n/100, n%100)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return strings.TrimSuffix(s, ".")
}
