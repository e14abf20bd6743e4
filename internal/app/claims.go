package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/report"
	"hearth/internal/store"
)

// Supporting Families' payment-by-results claims. A claim is about a family
// and so is children's data: it is keyed to the family's main child, and
// every use case about one claim is a use case about that child's record.
//
//   - Reading a child's claims is reading their record (access.ReadPerson,
//     with every rule that decides it: the team, the allocation, a grant,
//     the family rule, breaking the glass), logged as a read of their
//     claims.
//   - Making, changing and moving a claim is changing the child's record
//     (access.UpdatePerson): the early help practitioners and managers
//     who work with the family. A claim's evidence is checked by someone
//     other than the person who made the claim.
//   - The year's progress against the target counts every claim for those
//     who read the performance framework's figures (access.ReadPerformance,
//     a bulk read logged with the number of children); anyone else sees it
//     counted from the claims they may read, so that no count reveals a
//     child they may not see.
//   - The export for the government's claim names every family of the
//     year: a bulk read of children's records (access.ReadInBulk), logged
//     as an export with the number of children in it.

// ClaimsPage is one child's family's claims.
type ClaimsPage struct {
	Person people.Person
	Claims []programme.Claim
	// Family is the child's latest early help episode, which holds what
	// Supporting Families knows of the family (its headline problems,
	// lead practitioner and family hub); nil if the child has none.
	Family *journey.Record
	// MayChange says whether the reader may make and change the family's
	// claims.
	MayChange bool
}

// FamilyClaims reads the claims of a child's family (access.ReadPerson on
// the child), logged as a read of their claims.
func (a *App) FamilyClaims(ctx context.Context, ac Actor, id people.ID) (ClaimsPage, error) {
	if err := a.requireClaims(ctx, ac, id, 0); err != nil {
		return ClaimsPage{}, err
	}
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadPerson, id)
	if err != nil {
		return ClaimsPage{}, err
	}
	var out ClaimsPage
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return ClaimsPage{}, err
	}
	if out.Claims, err = a.Store.Claims(ctx, d.Permit); err != nil {
		return ClaimsPage{}, err
	}
	if out.Family, err = a.familyOf(ctx, d.Permit, id); err != nil {
		return ClaimsPage{}, err
	}
	out.MayChange = access.Authorize(ac.Principal, access.UpdatePerson, &subj, a.Now()).Allowed
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: id, Kind: store.KindClaim, Action: store.LogRead, Reason: d.Reason}); err != nil {
		return ClaimsPage{}, err
	}
	return out, nil
}

// ClaimPage is one claim with its versions, oldest first, and the statuses
// it may move to.
type ClaimPage struct {
	Person    people.Person
	Claim     programme.Claim
	Family    *journey.Record // as ClaimsPage.Family
	History   []store.Version[programme.Claim]
	MayChange bool
	Moves     []programme.ClaimStatus
}

// errNoClaim answers a claim that is not the child's, as a record that
// does not exist.
var errNoClaim = errs.E(errs.NotFound, "There is no claim with this id for this child")

// Claim reads one of a child's family's claims and its history
// (access.ReadPerson on the child), logged as a read of the claim's
// history.
func (a *App) Claim(ctx context.Context, ac Actor, on people.ID, id programme.ClaimID) (ClaimPage, error) {
	if err := a.requireClaims(ctx, ac, on, id); err != nil {
		return ClaimPage{}, err
	}
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadPerson, on)
	if err != nil {
		return ClaimPage{}, err
	}
	var out ClaimPage
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return ClaimPage{}, err
	}
	if out.Claim, err = a.claimOf(ctx, d.Permit, id); err != nil {
		return ClaimPage{}, err
	}
	if out.History, err = a.Store.ClaimHistory(ctx, d.Permit, id); err != nil {
		return ClaimPage{}, err
	}
	if out.Family, err = a.familyOf(ctx, d.Permit, on); err != nil {
		return ClaimPage{}, err
	}
	out.MayChange = access.Authorize(ac.Principal, access.UpdatePerson, &subj, a.Now()).Allowed
	if out.MayChange {
		for _, s := range programme.ClaimStatuses {
			if programme.CanMoveClaim(out.Claim.Status, programme.ClaimStatus(s.Code)) {
				out.Moves = append(out.Moves, programme.ClaimStatus(s.Code))
			}
		}
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindClaim, RecordID: int64(id), Action: store.LogHistory, Reason: d.Reason}); err != nil {
		return ClaimPage{}, err
	}
	return out, nil
}

// requireClaims asks that the user's role reads the journey: a claim's
// headline problems and evidence are the family's early help, which a
// role that reads a child for another part of their record (education)
// does not see. A refusal is logged, naming the child and the claim.
func (a *App) requireClaims(ctx context.Context, ac Actor, on people.ID, id programme.ClaimID) error {
	return a.requireAbout(ctx, ac, access.ReadJourney, store.AccessEntry{PersonID: on, Kind: store.KindClaim, RecordID: int64(id)})
}

// familyOf is the permit's child's latest early help episode (by start,
// then id), or nil.
func (a *App) familyOf(ctx context.Context, pm access.Permit, id people.ID) (*journey.Record, error) {
	rs, err := a.currentJourney(ctx, pm, id)
	if err != nil {
		return nil, err
	}
	var out *journey.Record
	for i := range rs {
		if r := rs[i]; r.Kind == journey.KindEarlyHelp && r.EarlyHelp != nil {
			if out == nil || r.Start.After(out.Start) || r.Start == out.Start && r.ID > out.ID {
				out = &rs[i]
			}
		}
	}
	if out != nil {
		// The records may be the journey cache's: the page gets a copy.
		c := *out
		eh := *c.EarlyHelp
		eh.Problems = slices.Clone(eh.Problems)
		c.EarlyHelp = &eh
		out = &c
	}
	return out, nil
}

// claimOf is the permit's child's claim id.
func (a *App) claimOf(ctx context.Context, pm access.Permit, id programme.ClaimID) (programme.Claim, error) {
	cs, err := a.Store.Claims(ctx, pm)
	if err != nil {
		return programme.Claim{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return programme.Claim{}, errNoClaim
}

// SaveClaim makes a claim for a child's family (c.ID 0), as a draft, or
// writes a new version of one from the version c names: its family
// reference, window, headline problems and evidence. Its status and dates
// change only by MoveClaim. Access is access.UpdatePerson on the child. A
// change from a version no longer the latest is errs.Conflict; an invalid
// claim or change is errs.Invalid naming each field and rule; either way
// nothing is written.
func (a *App) SaveClaim(ctx context.Context, ac Actor, c programme.Claim, reason string) (programme.Claim, error) {
	if c.Person <= 0 {
		var f errs.Fields
		f.Add("person", "Select the family's main child")
		if err := a.requireAbout(ctx, ac, access.UpdatePerson, store.AccessEntry{Kind: store.KindClaim}); err != nil {
			return programme.Claim{}, err
		}
		return programme.Claim{}, f.Err()
	}
	if err := a.requireClaims(ctx, ac, c.Person, c.ID); err != nil {
		return programme.Claim{}, err
	}
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, c.Person)
	if err != nil {
		return programme.Claim{}, err
	}
	isNew := c.ID == 0
	var cur programme.Claim
	if isNew {
		if c.Status == "" {
			c.Status = programme.ClaimDraft
		}
		if c.Status != programme.ClaimDraft {
			var f errs.Fields
			f.Add("status", "A new claim starts as a draft")
			return programme.Claim{}, f.Err()
		}
		c.Version = 0
	} else {
		if cur, err = a.claimOf(ctx, d.Permit, c.ID); err != nil {
			return programme.Claim{}, err
		}
		// An edit keeps where the claim stands (only a move changes it),
		// but a checked claim whose evidence changes is checked again.
		c.Status, c.Submitted, c.Decided = programme.AfterEdit(cur, c), cur.Submitted, cur.Decided
	}
	if isNew {
		err = c.Validate()
	} else {
		err = invalid(c.Validate(), programme.CheckClaimChange(cur, c))
	}
	if err != nil {
		return programme.Claim{}, err
	}
	if reason, err = changeReason(reason, "claim made", isNew); err != nil {
		return programme.Claim{}, err
	}
	write := a.Store.UpdateClaim
	if isNew {
		write = a.Store.CreateClaim
	}
	return a.writeClaim(ctx, ac, d, c, action(isNew), reason, write)
}

// ClaimMove is a change of a claim's status: to the status, on the day
// (the day it was submitted, paid or rejected; none for draft or
// checked), from the version the user saw, for a reason.
type ClaimMove struct {
	Version int                   `json:"version"`
	To      programme.ClaimStatus `json:"to"`
	On      civil.Date            `json:"on,omitzero"`
	Reason  string                `json:"reason"`
}

// MoveClaim moves one of a child's family's claims to another status
// (programme.CanMoveClaim), with the day it was submitted, paid or
// rejected. The evidence is checked by someone other than the person who
// made the claim. Access is access.UpdatePerson on the child. A bad move
// is errs.Invalid naming the field (to, on) and the rule, and nothing is
// written.
func (a *App) MoveClaim(ctx context.Context, ac Actor, on people.ID, id programme.ClaimID, m ClaimMove) (programme.Claim, error) {
	if err := a.requireClaims(ctx, ac, on, id); err != nil {
		return programme.Claim{}, err
	}
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return programme.Claim{}, err
	}
	cur, err := a.claimOf(ctx, d.Permit, id)
	if err != nil {
		return programme.Claim{}, err
	}
	if m.Version != cur.Version {
		return programme.Claim{}, errs.E(errs.Conflict, "This claim was changed by someone else since you opened it")
	}
	var f errs.Fields
	switch {
	case !programme.ClaimStatuses.Has(string(m.To)):
		f.Add("to", "Select the status to move the claim to")
	case !programme.CanMoveClaim(cur.Status, m.To):
		f.Add("to", "A claim that is %s cannot become %s", programme.ClaimStatuses.Label(string(cur.Status)), programme.ClaimStatuses.Label(string(m.To)))
	}
	dated := m.To == programme.ClaimSubmitted || m.To == programme.ClaimPaid || m.To == programme.ClaimRejected
	switch {
	case dated && m.On.IsZero():
		f.Add("on", "Enter the date the claim was %s", programme.ClaimStatuses.Label(string(m.To)))
	case !dated && !m.On.IsZero() && !f.Has("to"):
		f.Add("on", "Leave the date blank when the claim becomes %s", programme.ClaimStatuses.Label(string(m.To)))
	case m.On.After(a.Today()):
		f.Add("on", "The date must be today or in the past")
	}
	if m.To == programme.ClaimChecked && !f.Has("to") {
		hist, err := a.Store.ClaimHistory(ctx, d.Permit, id)
		if err != nil {
			return programme.Claim{}, err
		}
		if wroteEvidence(hist, ac.UserID()) {
			f.Add("to", "A claim's evidence is checked by someone other than those who made the claim or wrote its evidence")
		}
	}
	if err := f.Err(); err != nil {
		return programme.Claim{}, err
	}
	next := cur
	next.Status = m.To
	switch m.To {
	case programme.ClaimSubmitted:
		next.Submitted = m.On
	case programme.ClaimPaid, programme.ClaimRejected:
		next.Decided = m.On
	}
	// The claim's own rules name the dates by what they are; the move's
	// form has one date, on.
	if err := invalid(next.Validate(), programme.CheckClaimChange(cur, next)); err != nil {
		if e := errs.As(err); e != nil {
			for i := range e.Fields {
				switch e.Fields[i].Field {
				case "submitted", "decided":
					e.Fields[i].Field = "on"
				case "status":
					e.Fields[i].Field = "to"
				}
			}
		}
		return programme.Claim{}, err
	}
	reason, err := changeReason(m.Reason, "claim "+string(m.To), false)
	if err != nil {
		if m.Reason != "" {
			return programme.Claim{}, err
		}
		reason = "claim " + programme.ClaimStatuses.Label(string(m.To))
	}
	return a.writeClaim(ctx, ac, d, next, store.LogUpdate, reason, a.Store.UpdateClaim)
}

// wroteEvidence reports whether the user made the claim or wrote a
// version that changed its evidence or headline problems.
func wroteEvidence(hist []store.Version[programme.Claim], u access.UserID) bool {
	for i, v := range hist {
		if v.By == u && (i == 0 || !programme.SameEvidence(hist[i-1].Record, v.Record)) {
			return true
		}
	}
	return false
}

// writeClaim writes a claim under a logged write naming its child.
func (a *App) writeClaim(ctx context.Context, ac Actor, d access.Decision, c programme.Claim, act store.AccessAction, reason string,
	write func(context.Context, programme.Claim, store.Change) (programme.Claim, error)) (programme.Claim, error) {
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: c.Person, Kind: store.KindClaim, RecordID: int64(c.ID), Action: act, Reason: d.Reason, Note: reason})
	if err != nil {
		return programme.Claim{}, err
	}
	saved, err := write(ctx, c, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return programme.Claim{}, w.failed(ctx, err)
	}
	w.done(ctx, c.Person, int64(saved.ID))
	return saved, nil
}

// FamiliesPage is Supporting Families for a year: its progress against
// the target and the claims the reader may see.
type FamiliesPage struct {
	Year     programme.Year
	Progress programme.ClaimProgress
	// Whole says that Progress counts every claim of the year; otherwise
	// it counts only the claims listed (the children the reader may read).
	Whole bool
	Rows  []ClaimRow
	// MayExport says whether the reader may export the year's claims for
	// the government.
	MayExport bool
}

// ClaimRow is one claim with its child.
type ClaimRow struct {
	Child store.PersonSummary
	Claim programme.Claim
}

// Families reads Supporting Families for year y: any signed-in user may
// open it (access.ReadProgramme), and it lists the claims of the children
// they may read, each decided as a read of the child's record; a reader of
// the performance framework sees the year's progress over every claim.
func (a *App) Families(ctx context.Context, ac Actor, y programme.Year) (FamiliesPage, error) {
	if err := a.require(ctx, ac, access.ReadProgramme); err != nil {
		return FamiliesPage{}, err
	}
	out := FamiliesPage{Year: y, MayExport: access.Can(ac.Principal, access.ReadInBulk)}
	prog, err := a.familiesProgramme(ctx)
	if err != nil {
		return FamiliesPage{}, err
	}
	now := a.Now()
	if access.Can(ac.Principal, access.ReadPerformance) {
		d := access.Authorize(ac.Principal, access.ReadPerformance, nil, now)
		all, err := a.Store.YearClaims(ctx, d.Bulk, y)
		if err != nil {
			return FamiliesPage{}, err
		}
		out.Progress, out.Whole = programme.Progress(prog, all, y), true
		e := store.AccessEntry{Kind: store.KindClaim, Action: store.LogBulkRead, Reason: d.Reason,
			Note: "Supporting Families progress " + y.String(), Children: childrenIn(all)}
		if err := a.logAccess(ctx, ac, e); err != nil {
			return FamiliesPage{}, err
		}
	}
	if access.Can(ac.Principal, access.ReadPerson) && access.Can(ac.Principal, access.ReadJourney) {
		if out.Rows, err = a.readableClaims(ctx, ac, y, now); err != nil {
			return FamiliesPage{}, err
		}
		e := store.AccessEntry{Kind: store.KindClaim, Action: store.LogBulkRead, Reason: access.ReasonRole,
			Note: "Supporting Families claims " + y.String(), Children: childrenIn(claimsOfRows(out.Rows))}
		if err := a.logAccess(ctx, ac, e); err != nil {
			return FamiliesPage{}, err
		}
	}
	if !out.Whole {
		out.Progress = programme.Progress(prog, claimsOfRows(out.Rows), y)
	}
	return out, nil
}

// familiesProgramme is the programme whose targets the claims count
// towards: the council's one (MainProgramme), or none yet.
func (a *App) familiesProgramme(ctx context.Context) (programme.Programme, error) {
	ps, err := a.Store.Programmes(ctx)
	if err != nil || len(ps) == 0 {
		return programme.Programme{}, err
	}
	return ps[0], nil
}

// readableClaims lists year y's claims of the children the reader may
// read: each claimant is put to Authorize, those only the family rule
// could open have their relatives loaded all at once and are asked again,
// and the claims of those allowed are read with their permits.
func (a *App) readableClaims(ctx context.Context, ac Actor, y programme.Year, now time.Time) ([]ClaimRow, error) {
	found, err := a.Store.Claimants(ctx, y)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	ids := make([]people.ID, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	subjects, err := a.Store.Subjects(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	var others []people.ID
	for _, id := range ids {
		s := subjects[id]
		if d := access.Authorize(ac.Principal, access.ReadPerson, &s, now); access.NeedsRelatives(access.ReadPerson, &s, d) {
			others = append(others, id)
		}
	}
	if err := a.loadRelatives(ctx, subjects, others, now); err != nil {
		return nil, err
	}
	var permits []access.Permit
	who := map[people.ID]store.PersonSummary{}
	for _, f := range found {
		s, ok := subjects[f.ID]
		if !ok {
			continue
		}
		// Breaking the glass is one record at a time, with a reason, never
		// a list's.
		if d := access.Authorize(ac.Principal, access.ReadPerson, &s, now); d.Allowed && d.Reason != access.ReasonBreakGlass {
			permits = append(permits, d.Permit)
			who[f.ID] = f
		}
	}
	if len(permits) == 0 {
		return nil, nil
	}
	cs, err := a.Store.ClaimsOf(ctx, permits, y)
	if err != nil {
		return nil, err
	}
	out := make([]ClaimRow, len(cs))
	for i, c := range cs {
		out[i] = ClaimRow{Child: who[c.Person], Claim: c}
	}
	return out, nil
}

func claimsOfRows(rows []ClaimRow) []programme.Claim {
	out := make([]programme.Claim, len(rows))
	for i, r := range rows {
		out[i] = r.Claim
	}
	return out
}

// childrenIn counts the children claims are about.
func childrenIn(cs []programme.Claim) int {
	seen := map[people.ID]bool{}
	for _, c := range cs {
		seen[c.Person] = true
	}
	return len(seen)
}

// ClaimsExport is the year's claims for the government's claim, a row a
// claim, and how many children it names.
type ClaimsExport struct {
	Year     programme.Year
	Rows     []ClaimRow
	Children int
	Made     time.Time
}

// ExportClaims makes the export of year y's claims for the government's
// claim (access.ReadInBulk): every claim whose window closes in the year,
// whatever its status, with its family's main child, logged as an export
// with the number of children in it. The claim must be whole, so it
// leaves no family out, restricted records included, as a statutory
// return does.
func (a *App) ExportClaims(ctx context.Context, ac Actor, y programme.Year) (ClaimsExport, error) {
	d, err := a.readPerformance(ctx, ac, access.ReadInBulk)
	if err != nil {
		return ClaimsExport{}, err
	}
	cs, err := a.Store.YearClaims(ctx, d.Bulk, y)
	if err != nil {
		return ClaimsExport{}, err
	}
	kids, err := a.Store.Claimants(ctx, y)
	if err != nil {
		return ClaimsExport{}, err
	}
	who := make(map[people.ID]store.PersonSummary, len(kids))
	for _, k := range kids {
		who[k.ID] = k
	}
	out := ClaimsExport{Year: y, Rows: make([]ClaimRow, len(cs)), Children: childrenIn(cs), Made: a.Now()}
	for i, c := range cs {
		out.Rows[i] = ClaimRow{Child: who[c.Person], Claim: c}
	}
	e := store.AccessEntry{Kind: store.KindClaim, Action: store.LogExport, Reason: d.Reason,
		Note: "Supporting Families claims " + y.String() + ": " + strconv.Itoa(len(cs)) + " claims", Children: out.Children}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return ClaimsExport{}, err
	}
	return out, nil
}

// ClaimsHeader is the export's header row.
var ClaimsHeader = []string{"claim", "family_reference", "person_id", "given_name", "family_name", "date_of_birth",
	"window_opens", "window_closes", "headline_problems", "status", "date_submitted", "date_decided", "evidence"}

// Records are the export's rows as text, header first, for a CSV file:
// dates written 2023-03-31, numbers without separators, the headline
// problems by their codes separated by semicolons.
func (x ClaimsExport) Records() [][]string {
	date := func(d civil.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	out := [][]string{ClaimsHeader}
	for _, r := range x.Rows {
		c := r.Claim
		out = append(out, []string{
			strconv.FormatInt(int64(c.ID), 10), c.Family, strconv.FormatInt(int64(c.Person), 10),
			r.Child.GivenName, r.Child.FamilyName, date(r.Child.DateOfBirth),
			date(c.Window.Opens), date(c.Window.Closes), strings.Join(c.Problems, ";"),
			string(c.Status), date(c.Submitted), date(c.Decided), c.Evidence,
		})
	}
	for _, row := range out[1:] {
		for i, cell := range row {
			row[i] = report.CSVText(cell)
		}
	}
	return out
}

// Document is the export as a workbook's document: one tabular sheet, the
// same columns as Records.
func (x ClaimsExport) Document() report.Document {
	t := report.Table{Caption: "Supporting Families claims " + x.Year.String()}
	for _, h := range ClaimsHeader {
		k := report.Text
		switch h {
		case "claim", "person_id":
			k = report.Integer
		case "date_of_birth", "window_opens", "window_closes", "date_submitted", "date_decided":
			k = report.Date
		}
		t.Columns = append(t.Columns, report.Column{Heading: h, Kind: k})
	}
	date := func(d civil.Date) report.Value {
		if d.IsZero() {
			return report.Str("")
		}
		return report.On(d)
	}
	for _, r := range x.Rows {
		c := r.Claim
		t.Rows = append(t.Rows, []report.Value{
			report.Int(int64(c.ID)), report.Str(c.Family), report.Int(int64(c.Person)),
			report.Str(r.Child.GivenName), report.Str(r.Child.FamilyName), date(r.Child.DateOfBirth),
			date(c.Window.Opens), date(c.Window.Closes), report.Str(strings.Join(c.Problems, ";")),
			report.Str(string(c.Status)), date(c.Submitted), date(c.Decided), report.Str(c.Evidence),
		})
	}
	return report.Document{Title: "Supporting Families claims", Subtitle: x.Year.String(), Made: x.Made,
		Sections: []report.Section{{Heading: "Claims", Tabular: true, Blocks: []report.Block{t}}}}
}
