package cin

// Finding is one place where the return breaks one rule. It names the child
// and the element to fix so that a page can link to the record and field:
// the child by LAchildID and position, the episode by position in the
// child's Episodes, the module by its XML name and position within the
// episode, and the field by its XML element name.
type Finding struct {
	Rule    string `json:"rule"`    // the rule's code: "8620", or "8525Q" for a query
	Message string `json:"message"` // the DfE's message for the rule
	Query   bool   `json:"query"`   // a query: check and fix or explain, rather than an error

	Child     int    `json:"child"`       // index in Census.Children; -1 for a finding about the whole return
	LAChildID string `json:"la_child_id"` // the child's LAchildID, "" for the whole return
	Episode   int    `json:"episode"`     // index in the child's Episodes; -1 for the child's own details
	// Module is the episode's module the finding is in: "Assessments",
	// "CINPlanDates", "Section47" or "ChildProtectionPlans"; "" for the
	// episode's own elements (CINdetails) or the child's.
	Module string `json:"module"`
	Index  int    `json:"index"` // the module's index in the episode's list; -1 without a module
	Field  string `json:"field"` // the XML element to fix: "CINclosureDate"
	// Item is the position within a repeated element (a CPPreviewDate, an
	// AssessmentFactors code, a Disability); -1 otherwise.
	Item int `json:"item"`
}

// Report is the result of running a year's rules on a return.
type Report struct {
	Year       Year
	Checked    []Rule      // the rules that were run, in code order
	NotChecked []Unchecked // the year's rules that a Census cannot show, and why
	Findings   []Finding   // in rule order, then child, episode and module
}

// Unchecked is a rule of the year that Validate does not run.
type Unchecked struct {
	Rule   Rule
	Reason string
}

// Errors returns the number of findings that are errors (not queries).
func (r Report) Errors() int {
	n := 0
	for _, f := range r.Findings {
		if !f.Query {
			n++
		}
	}
	return n
}

// Validate runs every rule of the census's collection year on it. It is
// pure and never fails: a rule the census cannot show (see notChecked) is
// listed in the report with its reason, not skipped in silence.
func Validate(c Census) Report {
	rep := Report{Year: c.Year}
	if c.Year < 2000 || c.Year > 9999 {
		// A census with no year (ReadXML of a file without a readable
		// <Year>) has no collection period or reference date for any
		// rule to use: it fails rule 100 and nothing else is run.
		r, _ := ruleFor(RulesFor(0), "100")
		f := whole("ReferenceDate")
		f.Rule, f.Message = r.Code, r.Message
		rep.Findings = []Finding{f}
		return rep
	}
	for _, r := range RulesFor(c.Year) {
		fn, ok := checks[r.Code]
		if !ok {
			why, known := notChecked[r.Code]
			if !known {
				why = "no check is written for this rule"
			}
			rep.NotChecked = append(rep.NotChecked, Unchecked{Rule: r, Reason: why})
			continue
		}
		rep.Checked = append(rep.Checked, r)
		for _, f := range fn(c, r) {
			f.Rule, f.Message, f.Query = r.Code, r.Message, r.Query()
			rep.Findings = append(rep.Findings, f)
		}
	}
	return rep
}

// check is one rule's function: the places in the census that break it.
// The rule is passed for its code list and ruleset, which some rules read;
// Validate fills in each finding's code and message.
type check func(c Census, r Rule) []Finding

// notChecked gives the reason for each rule of the list that has no check
// on a Census.
var notChecked = map[string]string{
	"100": "a Census's reference date is always its Year's 31 March, so it cannot be wrong in a Census; " +
		"ReadXML reports a file whose <ReferenceDate> is not its <Year>'s",
	"1530": "needs the DfE's list of LA codes that UPNs may carry in characters 2-4, which Hearth does not hold; " +
		"the format rules 1510, 1540 and 1550 are checked",
	"8568": "a Census holds ReferralNFA as true or false, so it cannot be missing or invalid there; " +
		"ReadXML reports a missing or invalid <ReferralNFA>",
}

// The helpers below walk the census and make a finding's location; each
// rule's function then says only what the rule is.

// whole is a finding about the return as a whole.
func whole(field string) Finding {
	return Finding{Child: -1, Episode: -1, Index: -1, Item: -1, Field: field}
}

func childAt(c Census, i int) Finding {
	return Finding{Child: i, LAChildID: c.Children[i].LAChildID, Episode: -1, Index: -1, Item: -1}
}

func (f Finding) episode(i int) Finding { f.Episode = i; return f }

func (f Finding) module(name string, i int) Finding { f.Module, f.Index = name, i; return f }

func (f Finding) field(name string) Finding { f.Field = name; return f }

func (f Finding) item(i int) Finding { f.Item = i; return f }

// eachChild calls fn with each child and its location.
func eachChild(c Census, fn func(at Finding, ch CensusChild)) {
	for i, ch := range c.Children {
		fn(childAt(c, i), ch)
	}
}

// eachEpisode calls fn with each episode of each child and its location.
func eachEpisode(c Census, fn func(at Finding, ch CensusChild, e Episode)) {
	eachChild(c, func(at Finding, ch CensusChild) {
		for j, e := range ch.Episodes {
			fn(at.episode(j), ch, e)
		}
	})
}

func eachAssessment(c Census, fn func(at Finding, ch CensusChild, e Episode, a Assessment)) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		for k, a := range e.Assessments {
			fn(at.module("Assessments", k), ch, e, a)
		}
	})
}

func eachCINPlan(c Census, fn func(at Finding, ch CensusChild, e Episode, p CINPlan)) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		for k, p := range e.CINPlans {
			fn(at.module("CINPlanDates", k), ch, e, p)
		}
	})
}

func eachS47(c Census, fn func(at Finding, ch CensusChild, e Episode, s Section47)) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		for k, s := range e.Section47s {
			fn(at.module("Section47", k), ch, e, s)
		}
	})
}

func eachCPPlan(c Census, fn func(at Finding, ch CensusChild, e Episode, p CPPlan)) {
	eachEpisode(c, func(at Finding, ch CensusChild, e Episode) {
		for k, p := range e.CPPlans {
			fn(at.module("ChildProtectionPlans", k), ch, e, p)
		}
	})
}
