// Package programme is the transformation programme: the programme itself
// (its vision, senior responsible owner, board and mandate), its outcomes
// and the measures that evidence them, its projects and their passage
// through the gateways, the projects' monthly reports (statuses,
// milestones, finance, group membership), the registers of risks and
// issues, and Supporting Families' payment-by-results claims. It holds the
// records, their validation and the rules as pure functions, and computes
// the figures of a board pack and of the annual report from the records.
//
// The programme's records are not children's records: nothing here names a
// child, except a Supporting Families claim, which is about a family and is
// keyed to the family's main child so that it is authorised through them.
package programme

import (
	"hearth/internal/access"
	"hearth/internal/civil"
)

// Ids of the programme's records, each a versioned record of its own.
type (
	ID        int64 // a programme
	OutcomeID int64
	ProjectID int64
	ReportID  int64
	EntryID   int64 // a risk or an issue
)

// Programme is the transformation programme as its mandate sets it up.
type Programme struct {
	ID      ID     `json:"id"`
	Version int    `json:"version"`
	Name    string `json:"name"`
	// ShortName is how the programme's documents abbreviate it ("TCSP").
	ShortName string `json:"short_name,omitempty"`
	Vision    string `json:"vision"`
	// SRO is the senior responsible owner, who answers for the programme.
	SRO     Member   `json:"sro"`
	Board   []Member `json:"board,omitempty"`
	Mandate Mandate  `json:"mandate"`
	// Team is the programme team's posts and what each cost in a year.
	Team []TeamPost `json:"team,omitempty"`
	// FamilyTargets are Supporting Families' targets of families whose
	// progress the council may claim for, by year.
	FamilyTargets []FamilyTarget `json:"family_targets,omitempty"`
}

// Member is a named person with the role they hold on the programme.
type Member struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// Mandate is the document that sets up the programme for a period.
type Mandate struct {
	Title    string     `json:"title,omitempty"`
	From     civil.Date `json:"from"`
	To       civil.Date `json:"to"`
	Approved civil.Date `json:"approved,omitzero"`
}

// TeamPost is one post of the programme team in a year: its grade, hours,
// full-time equivalent, who funds it and what it cost.
type TeamPost struct {
	Year  Year   `json:"year"`
	Role  string `json:"role"`
	Grade int    `json:"grade,omitempty"`
	Hours int    `json:"hours"`
	// FTE is in hundredths (50 is half-time), so that it adds up exactly.
	FTE     int    `json:"fte_hundredths"`
	Funding string `json:"funding"`
	Cost    Pence  `json:"cost"`
}

// FamilyTarget is the number of families Supporting Families aims to claim
// results for in a year.
type FamilyTarget struct {
	Year     Year `json:"year"`
	Families int  `json:"families"`
}

// Outcome is one of the programme's outcomes, numbered as the mandate
// numbers them, with the key measures that evidence it.
type Outcome struct {
	ID        OutcomeID `json:"id"`
	Version   int       `json:"version"`
	Programme ID        `json:"programme"`
	Number    int       `json:"number"`
	Title     string    `json:"title"`
	Measures  []Measure `json:"measures,omitempty"`
}

// Measure is a key measure of an outcome: either one of Hearth's
// indicators (computed from the records, by its id in the performance
// framework) or a series of figures entered by hand with their source.
type Measure struct {
	Name string `json:"name"`
	// Indicator is the id of a performance framework indicator; when it is
	// set the measure has no entered figures.
	Indicator string `json:"indicator,omitempty"`
	// Unit says what the figures count ("per 10,000 children", "%").
	Unit    string   `json:"unit,omitempty"`
	Source  string   `json:"source,omitempty"`
	Figures []Figure `json:"figures,omitempty"`
}

// Figure is one entered value of a measure for a period. Value is a
// decimal as written ("145.8"): a rate or a percentage is kept as the
// source printed it, not as a float that would print otherwise.
type Figure struct {
	Period string     `json:"period"` // "2020-21", "Q4 2020-21"
	On     civil.Date `json:"on"`     // the date the figure is as at, which orders the trend
	Value  string     `json:"value"`
}

// Project is one project of the programme.
type Project struct {
	ID        ProjectID `json:"id"`
	Version   int       `json:"version"`
	Programme ID        `json:"programme"`
	Name      string    `json:"name"`
	// Owner is the user who reports the project monthly; 0 while none is
	// named, when the programme manager reports it.
	Owner    access.UserID `json:"owner,omitempty"`
	Funding  string        `json:"funding"`  // FundingTypes
	Purposes []string      `json:"purposes"` // Purposes; at least one
	// Start and End are the project's dates, when they are known (a
	// project at options may have neither yet).
	Start civil.Date `json:"start,omitzero"`
	End   civil.Date `json:"end,omitzero"`
	// Outcomes are the numbers of the programme's outcomes it serves.
	Outcomes     []int  `json:"outcomes,omitempty"`
	CoProduction string `json:"co_production,omitempty"` // Ladder
	// Gateway is where the project stands; Moves how it got there, oldest
	// first. A new project starts at a gateway with no moves.
	Gateway Gateway       `json:"gateway"`
	Moves   []GatewayMove `json:"moves,omitempty"`
}

// GatewayMove is a decision at a gateway: the project goes from one
// gateway to another (or, deferred, stays), on a date, by whom it was
// decided and why.
type GatewayMove struct {
	From     Gateway    `json:"from"`
	To       Gateway    `json:"to"`
	On       civil.Date `json:"on"`
	Decision Decision   `json:"decision"`
	// Return marks an approved move back to the previous gateway, which
	// only an explicit return with a reason may make.
	Return bool   `json:"return,omitempty"`
	By     string `json:"by"` // the board or officer who decided
	Reason string `json:"reason,omitempty"`
}

// Report is a project's monthly report.
type Report struct {
	ID         ReportID    `json:"id"`
	Version    int         `json:"version"`
	Project    ProjectID   `json:"project"`
	Month      Month       `json:"month"`
	Status     Statuses    `json:"status"`
	Commentary string      `json:"commentary,omitempty"`
	Milestones []Milestone `json:"milestones,omitempty"`
	Finance    Finance     `json:"finance"`
	Membership Membership  `json:"membership"`
}

// Statuses are a report's statuses, one for each part of the project.
type Statuses struct {
	Overall     RAG `json:"overall"`
	Cost        RAG `json:"cost"`
	Milestones  RAG `json:"milestones"`
	Risks       RAG `json:"risks"`
	Issues      RAG `json:"issues"`
	Cashable    RAG `json:"cashable"`     // cashable benefits
	NonCashable RAG `json:"non_cashable"` // non-cashable benefits
}

// Milestone is a step of the project's plan with the date planned and the
// date reached (zero until it is).
type Milestone struct {
	Name    string     `json:"name"`
	Planned civil.Date `json:"planned"`
	Actual  civil.Date `json:"actual,omitzero"`
}

// Finance is a project's money as a report states it, all in pence. An
// amount of 0 is also how "not given" is kept: a project with no budget
// has none to state.
type Finance struct {
	// Reported is false when the report states no finance because the
	// project's money is held and reported elsewhere; a project with no
	// budget of its own reports its finance as all £0.
	Reported bool  `json:"reported"`
	Budget   Pence `json:"budget"`  // agreed at the start of the project
	Uplifts  Pence `json:"uplifts"` // added to the budget since
	Spend    Pence `json:"spend"`   // spent to date
	// Projection is the savings or cost avoidance the business case
	// projected; Savings and CostAvoidance what has been achieved.
	Projection    Pence `json:"projection"`
	Savings       Pence `json:"savings"`
	CostAvoidance Pence `json:"cost_avoidance"`
	// A grant received over years (Supporting Families) states what was
	// held at the start of the year, received and spent in it.
	GrantBroughtForward Pence `json:"grant_brought_forward"`
	GrantReceived       Pence `json:"grant_received"`
	GrantSpent          Pence `json:"grant_spent"`
}

// Membership is the profile of a project's groups (board, steering group,
// workstreams): how many members, and how many of each type. Total is
// entered, not added up, because members may sit on several groups and a
// project may count its members without saying of which type they are.
type Membership struct {
	Total        int `json:"total"`
	Officers     int `json:"officers"`
	Frontline    int `json:"frontline"`
	Partners     int `json:"partners"` // partners, providers and schools
	ServiceUsers int `json:"service_users"`
}

// Entry is a risk or an issue on a register: the programme's own (Project
// 0) or a project's.
type Entry struct {
	ID          EntryID   `json:"id"`
	Version     int       `json:"version"`
	Programme   ID        `json:"programme"`
	Project     ProjectID `json:"project,omitempty"`
	Type        string    `json:"type"`     // EntryTypes
	Category    string    `json:"category"` // EntryCategories
	Description string    `json:"description"`
	Impact      string    `json:"impact"`
	// Likelihood and Severity score the entry from 1 to 5; both 0 while it
	// is not yet scored.
	Likelihood int        `json:"likelihood,omitempty"`
	Severity   int        `json:"severity,omitempty"`
	Mitigation string     `json:"mitigation"`
	Owner      string     `json:"owner"`
	Status     string     `json:"status"`               // EntryStatuses
	Escalation string     `json:"escalation,omitempty"` // to whom it is escalated
	Raised     civil.Date `json:"raised,omitzero"`
	Closed     civil.Date `json:"closed,omitzero"`
}

// Records are everything the programme holds, as the board pack and the
// annual report read it.
type Records struct {
	Programme Programme `json:"programme"`
	Outcomes  []Outcome `json:"outcomes"`
	Projects  []Project `json:"projects"`
	Reports   []Report  `json:"reports"`
	Entries   []Entry   `json:"entries"`
}
