package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
	"hearth/internal/store"
)

// Checking a return: the return of a year is made as MakeReturn makes it,
// from the same records read as recorded at the same moment, and the DfE's
// rules for that year are run on it. Each finding is traced back to the
// person and journey record it came from (cin and ssda903 keep the source
// of each part they build), so that a page can send the analyst to the
// record and name the field to put right. Checking reads every child of
// the return, as an export does: it is allowed to those who export
// (access.ExportReturns) and is one line of the access log, a bulk read
// with the number of children checked.

// ReturnCheckKinds names the returns that can be checked (those of the
// registry with rules): name and title.
func ReturnCheckKinds() [][2]string {
	var out [][2]string
	for _, k := range returnKinds {
		if k.check != nil {
			out = append(out, [2]string{k.Name, k.Title})
		}
	}
	return out
}

// ReturnCheck is a return checked: how many children it holds, and every
// place it breaks one of the year's rules.
type ReturnCheck struct {
	Kind       string          `json:"kind"`
	Title      string          `json:"title"`
	Year       int             `json:"year"`
	RecordedAt time.Time       `json:"recorded_at"`
	Children   int             `json:"children"`
	Errors     int             `json:"errors"`
	Queries    int             `json:"queries"`
	Affected   int             `json:"children_affected"` // children with at least one finding
	Findings   []ReturnFinding `json:"findings"`
}

// ReturnFinding is one place a return breaks one rule, with the record to
// put right when the finding can be traced to one.
type ReturnFinding struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// Query is a finding the DfE asks to be checked and fixed or
	// explained; otherwise it is an error, which stops the return.
	Query bool `json:"query"`
	// ChildID is the child's id in the return (LAchildID, CHILD); empty
	// for a finding about the return as a whole.
	ChildID  string    `json:"child_id,omitempty"`
	PersonID people.ID `json:"person_id,omitempty"` // 0: not traced to a child
	// Name is the child's name as recorded then; empty for a restricted
	// child, who is shown without it (Restricted).
	Name       string `json:"name,omitempty"`
	Restricted bool   `json:"restricted,omitempty"`
	// RecordID is the journey record holding the field; 0 when the field
	// is the person record's (an identifier, a date of birth) or the
	// finding cannot be traced to one record.
	RecordID journey.ID `json:"record_id,omitempty"`
	// Field is the return's element or column to fix ("CINclosureDate",
	// "DECOM"), and Where the part of the return it is in.
	Field string `json:"field,omitempty"`
	Where string `json:"where,omitempty"`
}

// CheckReturn makes a return as MakeReturn would, for an analyst or
// administrator (access.ExportReturns), and runs the year's rules on it.
// The read is logged as one bulk read line with the number of children
// checked; a refusal is logged too.
func (a *App) CheckReturn(ctx context.Context, ac Actor, q ReturnRequest) (ReturnCheck, error) {
	d := access.Authorize(ac.Principal, access.ExportReturns, nil, a.Now())
	if !d.Allowed {
		if err := a.logAccess(ctx, ac, store.AccessEntry{Action: store.LogDenied, Reason: string(access.ExportReturns) + ": " + d.Reason}); err != nil {
			return ReturnCheck{}, err
		}
		return ReturnCheck{}, errs.E(errs.Forbidden, "You do not have permission to do this")
	}
	ask, err := a.askCheck(q)
	if err != nil {
		return ReturnCheck{}, err
	}
	k, year, at := ask.kind, ask.year, ask.at
	council, _, err := a.Store.CouncilDetails(ctx, at)
	if err != nil {
		return ReturnCheck{}, err
	}
	if council.LANumber == "" {
		return ReturnCheck{}, errNoLANumber(at)
	}
	// The same children as the return's export reads.
	children, err := a.returnChildren(ctx, d.Bulk, k, ask)
	if err != nil {
		return ReturnCheck{}, err
	}
	n, findings := k.check(returnInput{year: year, recordedAt: at, council: council, children: children})
	// The line is written before any finding is shown: a check that
	// cannot be logged is not shown.
	note := fmt.Sprintf("check of the %s %d as recorded at %s", k.Title, year, at.UTC().Format(time.RFC3339Nano))
	e := store.AccessEntry{Kind: store.KindJourney, Action: store.LogBulkRead, Reason: d.Bulk.Reason(), Note: note, Children: n}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return ReturnCheck{}, err
	}
	out := ReturnCheck{Kind: k.Name, Title: k.Title, Year: year, RecordedAt: at, Children: n, Findings: findings}
	named(findings, children)
	affected := map[string]bool{}
	for _, f := range findings {
		if f.Query {
			out.Queries++
		} else {
			out.Errors++
		}
		if f.ChildID != "" {
			affected[f.ChildID] = true
		}
	}
	out.Affected = len(affected)
	return out, nil
}

// askCheck validates a request to check a return: the year and moment as
// a return's are, the kind among those that can be checked.
func (a *App) askCheck(q ReturnRequest) (returnAsked, error) {
	q.Kind = strings.TrimSpace(q.Kind)
	k, ok := ReturnKindNamed(q.Kind)
	known := ok && k.check != nil
	if !known {
		q.Kind = "cin" // for the year and moment's errors
	}
	ask, err := a.askReturn(q)
	var fields errs.Fields
	if !known {
		var names []string
		for _, n := range ReturnCheckKinds() {
			names = append(names, n[0])
		}
		fields.Add("kind", "Choose a return to check: %s", strings.Join(names, ", "))
	}
	if err != nil {
		fields = append(fields, errs.As(err).Fields...)
	}
	return ask, fields.Err()
}

// named fills in each finding's child's name from the records read,
// leaving a restricted child's out.
func named(findings []ReturnFinding, children []store.ReturnChild) {
	byID := make(map[people.ID]people.Person, len(children))
	for _, c := range children {
		byID[c.Person.ID] = c.Person
	}
	for i := range findings {
		p, ok := byID[findings[i].PersonID]
		if !ok {
			continue
		}
		if p.Restricted {
			findings[i].Restricted = true
			continue
		}
		findings[i].Name = strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	}
}

// checkCIN builds the census as buildCIN does and validates it.
func checkCIN(in returnInput) (int, []ReturnFinding) {
	kids := make([]cin.Child, len(in.children))
	for i, c := range in.children {
		kids[i] = cin.Child{Person: c.Person, Records: c.Records}
	}
	h := cin.Header{LEA: in.council.LANumber, SoftwareCode: SoftwareCode, DateTime: in.recordedAt}
	census, src := cin.BuildWithSources(h, kids, cin.Year(in.year))
	rep := cin.Validate(census)
	out := make([]ReturnFinding, len(rep.Findings))
	for i, f := range rep.Findings {
		rf := ReturnFinding{Rule: f.Rule, Message: f.Message, Query: f.Query, ChildID: f.LAChildID, Field: f.Field, Where: cinWhere(f)}
		if s, ok := src.Of(f); ok {
			rf.PersonID, rf.RecordID = s.Person, s.Record
		}
		out[i] = rf
	}
	return len(census.Children), out
}

// cinWhere names the part of the census a finding is in, counting from
// one as a reader does: "episode 2, Assessments 1".
func cinWhere(f cin.Finding) string {
	switch {
	case f.Child < 0:
		return "the return's header"
	case f.Episode < 0:
		return "the child's details"
	case f.Module == "":
		return fmt.Sprintf("episode %d", f.Episode+1)
	}
	return fmt.Sprintf("episode %d, %s %d", f.Episode+1, f.Module, f.Index+1)
}

// checkSSDA903 builds the 903 as its return does and validates it.
func checkSSDA903(in returnInput) (int, []ReturnFinding) {
	kids := make([]ssda903.Child, len(in.children))
	for i, c := range in.children {
		kids[i] = ssda903.Child{Person: c.Person, Records: c.Records}
	}
	r, src := ssda903.BuildWithSources(ssda903.Year(in.year), in.council.LANumber, kids)
	// A finding about the child as a whole has no row: its CHILD leads to
	// the person through the child's Header row.
	person := map[string]people.ID{}
	for i, h := range r.Header {
		if s := src[ssda903.TableHeader]; i < len(s) {
			person[h.Child] = s[i].Person
		}
	}
	fs := ssda903.Validate(r)
	out := make([]ReturnFinding, len(fs))
	for i, f := range fs {
		// The 903's rules have no queries: each finding is an error.
		rf := ReturnFinding{Rule: f.Rule, Message: f.Message, ChildID: f.Child, PersonID: person[f.Child], Field: f.Column}
		if f.Row >= 2 {
			rf.Where = fmt.Sprintf("%s row %d", f.Table, f.Row)
		} else if f.Table != "" {
			rf.Where = string(f.Table)
		}
		if s, ok := src.Of(f); ok {
			rf.PersonID, rf.RecordID = s.Person, s.Record
		}
		out[i] = rf
	}
	return len(r.Header), out
}
