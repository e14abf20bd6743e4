package programme

import (
	"fmt"
	"slices"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Supporting Families pays the council by results: for each family that
// has made significant and sustained progress against the headline
// problems it met (journey.FamilyProblems, the same list early help
// records), the council claims once, in a claim window, with evidence, and
// the government pays or rejects the claim. A claim is about a family and
// so is children's data: it is keyed to the family's main child (Person),
// through whom it is authorised and logged like the child's other records.

// ClaimID identifies a claim.
type ClaimID int64

// ClaimStatus is where a claim stands.
type ClaimStatus string

const (
	ClaimDraft     ClaimStatus = "draft"
	ClaimChecked   ClaimStatus = "checked"   // the evidence checked by someone other than its author
	ClaimSubmitted ClaimStatus = "submitted" // sent in the government's claim
	ClaimPaid      ClaimStatus = "paid"
	ClaimRejected  ClaimStatus = "rejected"
)

// ClaimStatuses are the states of a claim in the order it passes them.
var ClaimStatuses = people.CodeList{
	{Code: string(ClaimDraft), Label: "Draft"},
	{Code: string(ClaimChecked), Label: "Checked"},
	{Code: string(ClaimSubmitted), Label: "Submitted"},
	{Code: string(ClaimPaid), Label: "Paid"},
	{Code: string(ClaimRejected), Label: "Rejected"},
}

// claimSteps are the changes of status a claim may make. A checked claim
// can go back to draft when its evidence needs more work; once submitted
// only the government's answer moves it, and an answer is final (a family
// rejected may be claimed for again, as a new claim, when its progress is
// shown).
var claimSteps = map[ClaimStatus][]ClaimStatus{
	ClaimDraft:     {ClaimChecked},
	ClaimChecked:   {ClaimDraft, ClaimSubmitted},
	ClaimSubmitted: {ClaimPaid, ClaimRejected},
}

// CanMoveClaim reports whether a claim may go from one status to another.
func CanMoveClaim(from, to ClaimStatus) bool {
	for _, s := range claimSteps[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Claim is a payment-by-results claim for one family.
type Claim struct {
	ID      ClaimID `json:"id"`
	Version int     `json:"version"`
	// Person is the family's main child, through whom the claim is
	// authorised; Family is the programme's own reference for the family.
	Person people.ID `json:"person"`
	Family string    `json:"family"`
	// Window is the claim window the claim is made in.
	Window Window `json:"window"`
	// Problems are the headline problems (journey.FamilyProblems) whose
	// sustained progress the claim rests on.
	Problems []string    `json:"problems"`
	Evidence string      `json:"evidence"`
	Status   ClaimStatus `json:"status"`
	// Submitted is the day it went in the government's claim; Decided
	// the day it was paid or rejected.
	Submitted civil.Date `json:"submitted,omitzero"`
	Decided   civil.Date `json:"decided,omitzero"`
}

// Window is a claim window: the days in which claims may be submitted.
type Window struct {
	Opens  civil.Date `json:"opens"`
	Closes civil.Date `json:"closes"`
}

// Validate checks the claim on its own: a child and a family reference, a
// window whose dates are in order, at least one headline problem from the
// list, evidence from the time it is checked, a status, a submission date
// once submitted (within the window) and a decision date once paid or
// rejected (not before the submission).
func (c Claim) Validate() error {
	var f errs.Fields
	if c.Person <= 0 {
		f.Add("person", "Select the family's main child")
	}
	text(&f, "family", "Family reference", c.Family, 40, true)
	date(&f, "window.opens", "Window opens", c.Window.Opens, true)
	date(&f, "window.closes", "Window closes", c.Window.Closes, true)
	inOrder(&f, "window.closes", "Window closes", "day it opens", c.Window.Opens, c.Window.Closes)
	if len(c.Problems) == 0 {
		f.Add("problems", "Select at least one headline problem the family made progress against")
	}
	seen := map[string]bool{}
	for i, p := range c.Problems {
		at := fmt.Sprintf("problems[%d]", i)
		code(&f, at, "headline problem", p, journey.FamilyProblems, true)
		if seen[p] {
			f.Add(at, "Each headline problem may be selected once")
		}
		seen[p] = true
	}
	code(&f, "status", "status", string(c.Status), ClaimStatuses, true)
	past := func(s ClaimStatus) bool {
		return c.Status != "" && ClaimStatuses.Has(string(c.Status)) && statusOrder(c.Status) >= statusOrder(s)
	}
	if past(ClaimChecked) {
		text(&f, "evidence", "Evidence", c.Evidence, MaxText, true)
	} else {
		text(&f, "evidence", "Evidence", c.Evidence, MaxText, false)
	}
	date(&f, "submitted", "Date submitted", c.Submitted, past(ClaimSubmitted))
	if !past(ClaimSubmitted) && !c.Submitted.IsZero() {
		f.Add("submitted", "Leave the date submitted blank until the claim is submitted")
	}
	if !f.Has("submitted") && !c.Submitted.IsZero() && !f.Has("window.closes") &&
		(c.Submitted.Before(c.Window.Opens) || c.Submitted.After(c.Window.Closes)) {
		f.Add("submitted", "Date submitted must be within the claim window")
	}
	decided := c.Status == ClaimPaid || c.Status == ClaimRejected
	date(&f, "decided", "Date paid or rejected", c.Decided, decided)
	if !decided && !c.Decided.IsZero() {
		f.Add("decided", "Leave the date paid or rejected blank until the claim is paid or rejected")
	}
	inOrder(&f, "decided", "Date paid or rejected", "date submitted", c.Submitted, c.Decided)
	return f.Err()
}

// statusOrder places paid and rejected alike, after submitted.
func statusOrder(s ClaimStatus) int {
	switch s {
	case ClaimDraft:
		return 0
	case ClaimChecked:
		return 1
	case ClaimSubmitted:
		return 2
	}
	return 3
}

// CheckClaimChange judges a change of a claim from before to after: the
// child, family and window do not change once the claim is submitted, and
// the status moves only by the allowed steps (or stays).
func CheckClaimChange(before, after Claim) error {
	var f errs.Fields
	if after.Person != before.Person {
		f.Add("person", "A claim stays with the family it was made for")
	}
	if statusOrder(before.Status) >= statusOrder(ClaimSubmitted) && (after.Family != before.Family || after.Window != before.Window) {
		f.Add("family", "A submitted claim's family and window cannot change")
	}
	if statusOrder(before.Status) >= statusOrder(ClaimSubmitted) && !SameEvidence(before, after) {
		f.Add("evidence", "A submitted claim's evidence and headline problems cannot change")
	}
	if after.Status != before.Status && !CanMoveClaim(before.Status, after.Status) {
		f.Add("status", "A claim that is %s cannot become %s", ClaimStatuses.Label(string(before.Status)), ClaimStatuses.Label(string(after.Status)))
	}
	return f.Err()
}

// SameEvidence reports whether two versions of a claim rest on the same
// evidence and headline problems: what a check of the claim checked.
func SameEvidence(a, b Claim) bool {
	return a.Evidence == b.Evidence && slices.Equal(a.Problems, b.Problems)
}

// AfterEdit is where a claim stands once edited: a checked claim whose
// evidence or headline problems change is a draft again, to be checked
// anew; any other edit leaves it where it was.
func AfterEdit(before, after Claim) ClaimStatus {
	if before.Status == ClaimChecked && !SameEvidence(before, after) {
		return ClaimDraft
	}
	return before.Status
}

// ClaimProgress is a year's claims against the year's target.
type ClaimProgress struct {
	Year   Year `json:"year"`
	Target int  `json:"target"` // families; 0 when no target is set
	// By status, counting each claim whose window closes in the year.
	Draft     int `json:"draft"`
	Checked   int `json:"checked"`
	Submitted int `json:"submitted"`
	Paid      int `json:"paid"`
	Rejected  int `json:"rejected"`
	// Remaining is how many more paid claims reach the target (0 once it
	// is reached).
	Remaining int `json:"remaining"`
}

// Progress counts the claims whose window closes in year y against the
// programme's target for it.
func Progress(p Programme, claims []Claim, y Year) ClaimProgress {
	out := ClaimProgress{Year: y}
	for _, t := range p.FamilyTargets {
		if t.Year == y {
			out.Target = t.Families
		}
	}
	for _, c := range claims {
		if YearOf(c.Window.Closes) != y {
			continue
		}
		switch c.Status {
		case ClaimDraft:
			out.Draft++
		case ClaimChecked:
			out.Checked++
		case ClaimSubmitted:
			out.Submitted++
		case ClaimPaid:
			out.Paid++
		case ClaimRejected:
			out.Rejected++
		}
	}
	out.Remaining = max(out.Target-out.Paid, 0)
	return out
}
