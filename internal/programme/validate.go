package programme

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Limits of the programme's free text.
const (
	MaxName = 200   // a programme's, project's, outcome's, measure's or milestone's name
	MaxText = 10000 // a vision, commentary, description or mitigation
)

// Validate checks the programme: a name, a vision, a senior responsible
// owner, a mandate whose dates are in order, the team's posts and the
// family targets.
func (p Programme) Validate() error {
	var f errs.Fields
	text(&f, "name", "Name", p.Name, MaxName, true)
	text(&f, "vision", "Vision", p.Vision, MaxText, true)
	text(&f, "sro.name", "Senior responsible owner", p.SRO.Name, MaxName, true)
	for i, m := range p.Board {
		text(&f, fmt.Sprintf("board[%d].name", i), "Board member's name", m.Name, MaxName, true)
	}
	date(&f, "mandate.from", "Mandate start", p.Mandate.From, true)
	date(&f, "mandate.to", "Mandate end", p.Mandate.To, true)
	inOrder(&f, "mandate.to", "Mandate end", "mandate start", p.Mandate.From, p.Mandate.To)
	date(&f, "mandate.approved", "Date the mandate was approved", p.Mandate.Approved, false)
	for i, t := range p.Team {
		at := fmt.Sprintf("team[%d].", i)
		text(&f, at+"role", "Role", t.Role, MaxName, true)
		if t.Hours < 0 || t.Hours > 48 {
			f.Add(at+"hours", "Hours must be between 0 and 48 a week")
		}
		if t.FTE < 0 || t.FTE > 100 {
			f.Add(at+"fte_hundredths", "Full-time equivalent must be between 0 and 1")
		}
		money(&f, at+"cost", "Cost", t.Cost)
	}
	seen := map[Year]bool{}
	for i, t := range p.FamilyTargets {
		at := fmt.Sprintf("family_targets[%d].", i)
		if seen[t.Year] {
			f.Add(at+"year", "There is already a target for %s", t.Year)
		}
		seen[t.Year] = true
		if t.Families < 0 {
			f.Add(at+"families", "Families must be 0 or more")
		}
	}
	return f.Err()
}

// indicatorID is the shape of an indicator's id in the performance
// framework (cin_rate, a10).
var indicatorID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// decimal is a figure as a source prints it: digits, perhaps a sign and a
// decimal point, no thousands separators.
var decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// Validate checks the outcome: a number from 1, a title, and measures that
// are each either an indicator or entered figures with their source.
func (o Outcome) Validate() error {
	var f errs.Fields
	if o.Number < 1 {
		f.Add("number", "Number must be 1 or more")
	}
	text(&f, "title", "Title", o.Title, MaxName, true)
	for i, m := range o.Measures {
		at := fmt.Sprintf("measures[%d].", i)
		text(&f, at+"name", "Measure", m.Name, MaxName, true)
		switch {
		case m.Indicator != "" && len(m.Figures) > 0:
			f.Add(at+"indicator", "A measure is either an indicator or entered figures, not both")
		case m.Indicator != "" && !indicatorID.MatchString(m.Indicator):
			f.Add(at+"indicator", "Indicator must be an indicator's id, such as cin_rate")
		case m.Indicator == "" && len(m.Figures) == 0:
			f.Add(at+"indicator", "Choose an indicator or enter at least one figure")
		case m.Indicator == "" && strings.TrimSpace(m.Source) == "":
			f.Add(at+"source", "Enter where the figures come from")
		}
		for j, fig := range m.Figures {
			fat := fmt.Sprintf("%sfigures[%d].", at, j)
			text(&f, fat+"period", "Period", fig.Period, 40, true)
			date(&f, fat+"on", "Date of the figure", fig.On, true)
			if !decimal.MatchString(fig.Value) {
				f.Add(fat+"value", "Value must be a number, such as 145.8")
			}
		}
	}
	return f.Err()
}

// Validate checks the project on its own: a name, a funding type from the
// list (or none, while it is not known), at least
// one purpose, an end date not before the start (when both are known), outcomes named
// by their numbers once each, a rung of the ladder, a gateway, and moves
// that lead, one by one under the rules of Move, from the first to the
// gateway it stands at.
func (p Project) Validate() error {
	var f errs.Fields
	text(&f, "name", "Name", p.Name, MaxName, true)
	code(&f, "funding", "funding type", p.Funding, FundingTypes, false)
	if len(p.Purposes) == 0 {
		f.Add("purposes", "Select at least one purpose")
	}
	seen := map[string]bool{}
	for i, c := range p.Purposes {
		at := fmt.Sprintf("purposes[%d]", i)
		code(&f, at, "purpose", c, Purposes, true)
		if seen[c] {
			f.Add(at, "Each purpose may be selected once")
		}
		seen[c] = true
	}
	date(&f, "start", "Start date", p.Start, false)
	date(&f, "end", "End date", p.End, false)
	inOrder(&f, "end", "End date", "start date", p.Start, p.End)
	nums := map[int]bool{}
	for i, n := range p.Outcomes {
		at := fmt.Sprintf("outcomes[%d]", i)
		if n < 1 {
			f.Add(at, "An outcome is named by its number, 1 or more")
		} else if nums[n] {
			f.Add(at, "Each outcome may be named once")
		}
		nums[n] = true
	}
	code(&f, "co_production", "rung of the participation ladder", p.CoProduction, Ladder, false)
	if !p.Gateway.Valid() {
		f.Add("gateway", "Select a gateway from the list")
	} else {
		// Replay the moves from the first one's starting gateway: each must
		// be one Move allows from where the one before left the project.
		replay := p
		replay.Moves = nil
		if len(p.Moves) > 0 {
			replay.Gateway = p.Moves[0].From
		}
		broken := false
		for i, m := range p.Moves {
			next, err := replay.Move(m)
			if err != nil {
				broken = true
				for _, fe := range errs.As(err).Fields {
					f.Add(fmt.Sprintf("moves[%d].%s", i, fe.Field), "%s", fe.Message)
				}
				break
			}
			replay = next
		}
		if !broken && replay.Gateway != p.Gateway && len(p.Moves) > 0 {
			f.Add("gateway", "The gateway must be where the last move took the project (%s)", Gateways.Label(string(replay.Gateway)))
		}
	}
	return f.Err()
}

// CheckOutcomes checks that each outcome the project serves is one of the
// programme's.
func (p Project) CheckOutcomes(outcomes []Outcome) error {
	var f errs.Fields
	for i, n := range p.Outcomes {
		found := false
		for _, o := range outcomes {
			found = found || o.Number == n
		}
		if !found {
			f.Add(fmt.Sprintf("outcomes[%d]", i), "There is no outcome %d in the programme", n)
		}
	}
	return f.Err()
}

// Statuses in the order of their fields, with their JSON names.
func (s Statuses) each() []struct {
	field string
	rag   RAG
} {
	return []struct {
		field string
		rag   RAG
	}{
		{"overall", s.Overall}, {"cost", s.Cost}, {"milestones", s.Milestones}, {"risks", s.Risks},
		{"issues", s.Issues}, {"cashable", s.Cashable}, {"non_cashable", s.NonCashable},
	}
}

// Validate checks the report on its own: a month, every status one of
// RAGs, milestones named and planned, no negative money, no negative
// count of members.
func (r Report) Validate() error {
	var f errs.Fields
	if r.Project <= 0 {
		f.Add("project", "Select the project the report is for")
	}
	if !r.Month.Valid() {
		f.Add("month", "Enter the month the report is for")
	}
	for _, s := range r.Status.each() {
		if !RAGs.Has(string(s.rag)) {
			f.Add("status."+s.field, "Select a status from the list: On Target, At Risk, Compromised, Completed, None or Not currently reporting")
		}
	}
	text(&f, "commentary", "Commentary", r.Commentary, MaxText, false)
	for i, m := range r.Milestones {
		at := fmt.Sprintf("milestones[%d].", i)
		text(&f, at+"name", "Milestone", m.Name, MaxName, true)
		date(&f, at+"planned", "Planned date", m.Planned, true)
		date(&f, at+"actual", "Actual date", m.Actual, false)
	}
	for _, m := range r.Finance.each() {
		money(&f, "finance."+m.field, m.label, m.p)
	}
	for _, c := range r.Membership.each() {
		switch {
		case c.n < 0:
			f.Add("membership."+c.field, "%s must be 0 or more", c.label)
		case c.n > MaxMembers:
			f.Add("membership."+c.field, "%s must be %d or fewer", c.label, MaxMembers)
		}
	}
	return f.Err()
}

func (fi Finance) each() []struct {
	field, label string
	p            Pence
} {
	return []struct {
		field, label string
		p            Pence
	}{
		{"budget", "Agreed budget", fi.Budget}, {"uplifts", "Uplifts", fi.Uplifts}, {"spend", "Spend to date", fi.Spend},
		{"projection", "Original projection", fi.Projection}, {"savings", "Savings", fi.Savings},
		{"cost_avoidance", "Cost avoidance", fi.CostAvoidance},
		{"grant_brought_forward", "Grant brought forward", fi.GrantBroughtForward},
		{"grant_received", "Grant received", fi.GrantReceived}, {"grant_spent", "Grant spent", fi.GrantSpent},
	}
}

func (m Membership) each() []struct {
	field, label string
	n            int
} {
	return []struct {
		field, label string
		n            int
	}{
		{"total", "Total members", m.Total}, {"officers", "Officers", m.Officers}, {"frontline", "Frontline staff", m.Frontline},
		{"partners", "Partners", m.Partners}, {"service_users", "Service user representatives", m.ServiceUsers},
	}
}

// Validate checks a risk or issue: its register, category, description,
// impact, mitigation and owner; scores from 1 to 5, both or neither; a
// status, and a closing date exactly when it is closed, not before it was
// raised.
func (e Entry) Validate() error {
	var f errs.Fields
	code(&f, "type", "register", e.Type, EntryTypes, true)
	code(&f, "category", "category", e.Category, EntryCategories, true)
	text(&f, "description", "Description", e.Description, MaxText, true)
	text(&f, "impact", "Impact", e.Impact, MaxText, true)
	text(&f, "mitigation", "Mitigation", e.Mitigation, MaxText, true)
	text(&f, "owner", "Owner", e.Owner, MaxName, true)
	text(&f, "escalation", "Escalated to", e.Escalation, MaxName, false)
	score := func(field, label string, n, other int) {
		switch {
		case n == 0 && other != 0:
			f.Add(field, "Score the %s from 1 to 5 as well", label)
		case n < 0 || n > 5:
			f.Add(field, "Score the %s from 1 to 5", label)
		}
	}
	score("likelihood", "likelihood", e.Likelihood, e.Severity)
	score("severity", "impact", e.Severity, e.Likelihood)
	code(&f, "status", "status", e.Status, EntryStatuses, true)
	date(&f, "raised", "Date raised", e.Raised, false)
	date(&f, "closed", "Date closed", e.Closed, false)
	switch {
	case e.Status == EntryClosed && e.Closed.IsZero():
		f.Add("closed", "Enter the date it was closed")
	case e.Status == EntryOpen && !e.Closed.IsZero():
		f.Add("closed", "Leave the date closed blank while it is open")
	}
	inOrder(&f, "closed", "Date closed", "date raised", e.Raised, e.Closed)
	return f.Err()
}

// text checks a free-text field: required when it must be, at most max
// characters, and printable: no control characters and no bidirectional
// overrides (which would make a name read other than it is written on the
// page, the PDF and the workbook), as people's records require. A name
// (max MaxName) is one line; longer text may have line breaks and tabs.
func text(f *errs.Fields, field, label, s string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		f.Add(field, "Enter the %s", strings.ToLower(label[:1])+label[1:])
	case utf8.RuneCountInString(s) > max:
		f.Add(field, "%s must be %d characters or fewer", label, max)
	case !people.PrintableLines(s):
		f.Add(field, "%s must not include control characters", label)
	case max <= MaxName && strings.ContainsAny(s, "\t\r\n"):
		f.Add(field, "%s must be one line, with no tabs", label)
	}
}

// code checks a field that takes a code from a list.
func code(f *errs.Fields, field, what, c string, list people.CodeList, required bool) {
	switch {
	case c == "" && required:
		f.Add(field, "Select the %s", what)
	case c != "" && !list.Has(c):
		f.Add(field, "Select a %s from the list", what)
	}
}

// Dates of the programme's work fall within these years: a date outside
// them is a typing slip (0001 for 2001), and would throw the reports'
// periods and orderings out.
const (
	FirstYear = 1990
	LastYear  = 2100
)

// date checks a date field: present when required, a real date, and within
// FirstYear to LastYear.
func date(f *errs.Fields, field, label string, d civil.Date, required bool) {
	switch {
	case d.IsZero() && required:
		f.Add(field, "Enter the %s", strings.ToLower(label[:1])+label[1:])
	case !d.IsZero() && !d.Valid():
		f.Add(field, "%s must be a real date", label)
	case !d.IsZero() && (d.Year < FirstYear || d.Year > LastYear):
		f.Add(field, "%s must be between %d and %d", label, FirstYear, LastYear)
	}
}

// inOrder refuses a later date that comes before an earlier one, when both
// are given and real.
func inOrder(f *errs.Fields, field, label, earlierLabel string, earlier, later civil.Date) {
	if f.Has(field) || earlier.IsZero() || later.IsZero() || !earlier.Valid() || !later.Valid() {
		return
	}
	if later.Before(earlier) {
		f.Add(field, "%s must be on or after the %s", label, earlierLabel)
	}
}

// money refuses a negative amount: money is never negative in the
// programme's records (an overspend is spend above budget, not a negative
// balance).
func money(f *errs.Fields, field, label string, p Pence) {
	switch {
	case p < 0:
		f.Add(field, "%s must be £0 or more", label)
	case p > MaxPence:
		f.Add(field, "%s must be %s or less", label, MaxPence)
	}
}

// MaxPence is the largest amount one field of the programme's records
// holds: £10 billion, a hundred times the largest council's children's
// budget. The bound keeps every total the reports add up far from
// overflowing (a billion such amounts still fit), so a slip of the keyboard
// cannot turn the annual report's totals negative.
const MaxPence Pence = 10_000_000_000 * 100

// MaxMembers is the largest count of a project group's members.
const MaxMembers = 100_000
