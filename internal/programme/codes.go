package programme

import "hearth/internal/people"

// Gateway is a stage of a project's life under the council's project
// method: a project is proposed (options), justified (business case),
// delivered, closed, and what it built becomes business as usual.
type Gateway string

const (
	Options         Gateway = "options"
	BusinessCase    Gateway = "business_case"
	Delivery        Gateway = "delivery"
	Closure         Gateway = "closure"
	BusinessAsUsual Gateway = "business_as_usual"
)

// Gateways are the gateways in the order a project passes them.
var Gateways = people.CodeList{
	{Code: string(Options), Label: "Options"},
	{Code: string(BusinessCase), Label: "Business case"},
	{Code: string(Delivery), Label: "Delivery"},
	{Code: string(Closure), Label: "Closure"},
	{Code: string(BusinessAsUsual), Label: "Business as usual"},
}

// order is the gateway's place in Gateways, -1 if it is not one.
func (g Gateway) order() int {
	for i, c := range Gateways {
		if c.Code == string(g) {
			return i
		}
	}
	return -1
}

// Valid reports whether g is one of Gateways.
func (g Gateway) Valid() bool { return g.order() >= 0 }

// Next is the gateway after g, "" after the last or for an unknown one.
func (g Gateway) Next() Gateway {
	if i := g.order(); i >= 0 && i+1 < len(Gateways) {
		return Gateway(Gateways[i+1].Code)
	}
	return ""
}

// Previous is the gateway before g, "" before the first or for an unknown one.
func (g Gateway) Previous() Gateway {
	if i := g.order(); i > 0 {
		return Gateway(Gateways[i-1].Code)
	}
	return ""
}

// Decision is what the board decided at a gateway.
type Decision string

const (
	Approved Decision = "approved" // the project moves on (or, on a return, back)
	Deferred Decision = "deferred" // the project stays where it is for now
	Stopped  Decision = "stopped"  // the project ends: it goes to closure
)

// Decisions are the decisions a gateway move records.
var Decisions = people.CodeList{
	{Code: string(Approved), Label: "Approved"},
	{Code: string(Deferred), Label: "Deferred"},
	{Code: string(Stopped), Label: "Stopped"},
}

// RAG is a status a monthly report gives to one part of a project. The
// programme's list has no red, amber and green as such: "compromised" is
// red, "at risk" amber, "on target" green.
type RAG string

const (
	OnTarget     RAG = "on_target"
	AtRisk       RAG = "at_risk"
	Compromised  RAG = "compromised"
	Completed    RAG = "completed"
	NoStatus     RAG = "none" // the part does not apply to the project (no risks, no cashable benefits)
	NotReporting RAG = "not_reporting"
)

// RAGs are the statuses, in the order a summary counts them.
var RAGs = people.CodeList{
	{Code: string(OnTarget), Label: "On Target"},
	{Code: string(AtRisk), Label: "At Risk"},
	{Code: string(Compromised), Label: "Compromised"},
	{Code: string(Completed), Label: "Completed"},
	{Code: string(NoStatus), Label: "None"},
	{Code: string(NotReporting), Label: "Not currently reporting"},
}

// Label is the status as the programme's reports print it.
func (r RAG) Label() string { return RAGs.Label(string(r)) }

// FundingTypes say where a project's money comes from.
var FundingTypes = people.CodeList{
	{Code: "grant", Label: "Grant"},
	{Code: "revenue", Label: "Revenue"},
	{Code: "capital", Label: "Capital"},
	{Code: "none", Label: "No budget (officer time)"},
}

// The purposes a project may serve; every project serves at least one.
const (
	ImprovedOutcomes = "improved_outcomes"
	CostAvoidance    = "cost_avoidance"
	Savings          = "savings"
)

// Purposes are what a project is for.
var Purposes = people.CodeList{
	{Code: ImprovedOutcomes, Label: "Improved outcomes"},
	{Code: CostAvoidance, Label: "Cost avoidance"},
	{Code: Savings, Label: "Savings"},
}

// Ladder is the participation (co-production) ladder, lowest rung first:
// how far the people a project serves shape it, from being told about it
// to making it with the council.
var Ladder = people.CodeList{
	{Code: "coercing", Label: "Coercing"},
	{Code: "educating", Label: "Educating"},
	{Code: "informing", Label: "Informing"},
	{Code: "consulting", Label: "Consulting"},
	{Code: "engaging", Label: "Engaging"},
	{Code: "co_designing", Label: "Co-designing"},
	{Code: "co_producing", Label: "Co-producing"},
}

// The two registers a project or the programme keeps.
const (
	RiskEntry  = "risk"
	IssueEntry = "issue"
)

// EntryTypes are the registers.
var EntryTypes = people.CodeList{
	{Code: RiskEntry, Label: "Risk"},
	{Code: IssueEntry, Label: "Issue"},
}

// EntryCategories say what a risk or issue bears on.
var EntryCategories = people.CodeList{
	{Code: "strategic", Label: "Strategic"},
	{Code: "programme", Label: "Programme"},
	{Code: "project", Label: "Project"},
	{Code: "financial", Label: "Financial"},
	{Code: "operational", Label: "Operational"},
}

// The states of a register entry.
const (
	EntryOpen   = "open"
	EntryClosed = "closed" // a risk that has passed or an issue resolved
)

// EntryStatuses are the states of a risk or issue.
var EntryStatuses = people.CodeList{
	{Code: EntryOpen, Label: "Open"},
	{Code: EntryClosed, Label: "Closed"},
}
