package storetest

import (
	"errors"
	"testing"
	"time"

	"hearth/internal/errs"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// testProgrammeRecords: each of the programme's kinds is created, changed
// as a new version, refused when stale, read as it stands and as it stood,
// and listed with the programme's other records.
func testProgrammeRecords(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Priya Programme")
	owner := mustUser(t, s, "Owen Owner")
	t1 := at(2021, time.March, 1, 9, 0, 0, 0)
	c := func(at time.Time, why string) store.Change { return store.Change{By: u.ID, At: at, Reason: why} }

	p, err := s.CreateProgramme(ctx, programme.Programme{Name: "Transforming Children's Services", Vision: "Families first",
		SRO: programme.Member{Name: "Director"}, Mandate: programme.Mandate{From: day(2020, 4, 1), To: day(2025, 3, 31)}}, c(t1, "mandate approved"))
	ok(t, err)
	if p.ID <= 0 || p.Version != 1 {
		t.Fatalf("created %+v", p)
	}
	renamed := p
	renamed.Name = "Transforming Children's Services Programme"
	p2, err := s.UpdateProgramme(ctx, renamed, c(t1.Add(time.Hour), "full name"))
	ok(t, err)
	equal(t, "programme version", p2.Version, 2)
	_, err = s.UpdateProgramme(ctx, p, c(t1.Add(2*time.Hour), "stale"))
	wantCode(t, err, errs.Conflict)
	then, err := s.Programme(ctx, p.ID, t1.Add(time.Minute))
	ok(t, err)
	equal(t, "programme as it stood", then, p)
	hist, err := s.ProgrammeHistory(ctx, p.ID)
	ok(t, err)
	equal(t, "programme versions", len(hist), 2)
	equal(t, "programme's second reason", hist[1].Reason, "full name")
	_, err = s.Programme(ctx, p.ID+100, time.Time{})
	wantCode(t, err, errs.NotFound)

	o5, err := s.CreateProgrammeOutcome(ctx, programme.Outcome{Programme: p.ID, Number: 5, Title: "Safe and stable homes",
		Measures: []programme.Measure{{Name: "CIN rate", Source: "Insight", Figures: []programme.Figure{{Period: "2020-21", On: day(2021, 3, 31), Value: "145.8"}}}}}, c(t1, "outcomes"))
	ok(t, err)
	o1, err := s.CreateProgrammeOutcome(ctx, programme.Outcome{Programme: p.ID, Number: 1, Title: "Communication"}, c(t1, "outcomes"))
	ok(t, err)
	_, err = s.CreateProgrammeOutcome(ctx, programme.Outcome{Programme: p.ID, Number: 5, Title: "Again"}, c(t1, "outcomes"))
	if e := wantCode(t, err, errs.Conflict); e != nil && (len(e.Fields) != 1 || e.Fields[0].Field != "number") {
		t.Errorf("a second outcome 5 names %+v", e.Fields)
	}
	moved := o1
	moved.Programme = p.ID + 100
	_, err = s.UpdateProgrammeOutcome(ctx, moved, c(t1, "elsewhere"))
	wantCode(t, err, errs.Invalid)
	got, err := s.ProgrammeOutcome(ctx, o5.ID)
	ok(t, err)
	equal(t, "outcome as created", got, o5)

	swis, err := s.CreateProject(ctx, programme.Project{Programme: p.ID, Name: "SWIS", Owner: owner.ID, Funding: "grant",
		Purposes: []string{programme.ImprovedOutcomes}, Outcomes: []int{5}, Gateway: programme.BusinessCase}, c(t1, "approved at options"))
	ok(t, err)
	next, err := swis.Move(programme.GatewayMove{From: programme.BusinessCase, To: programme.Delivery, On: day(2021, 3, 2), Decision: programme.Approved, By: "Board"})
	ok(t, err)
	t2 := t1.Add(24 * time.Hour)
	swis2, err := s.UpdateProject(ctx, next, c(t2, "business case approved"))
	ok(t, err)
	equal(t, "project after its move", swis2.Gateway, programme.Delivery)
	before, err := s.Project(ctx, swis.ID, t1.Add(time.Hour))
	ok(t, err)
	equal(t, "project before its move", before, swis)
	phist, err := s.ProjectHistory(ctx, swis.ID)
	ok(t, err)
	equal(t, "project versions", len(phist), 2)
	_, err = s.CreateProject(ctx, programme.Project{Programme: p.ID + 100, Name: "Orphan", Purposes: []string{programme.Savings}, Gateway: programme.Options}, c(t1, "x"))
	wantCode(t, err, errs.Invalid)

	march := programme.Report{Project: swis.ID, Month: programme.Month{Year: 2021, Month: time.March},
		Status:     programme.Statuses{Overall: programme.OnTarget, Cost: programme.OnTarget, Milestones: programme.AtRisk, Risks: programme.OnTarget, Issues: programme.NoStatus, Cashable: programme.NoStatus, NonCashable: programme.OnTarget},
		Milestones: []programme.Milestone{{Name: "Schools signed up", Planned: day(2021, 1, 31), Actual: day(2021, 2, 3)}},
		Finance:    programme.Finance{Reported: true, Budget: programme.Pounds(257_000), Spend: programme.Pounds(174_000) + 1},
		Membership: programme.Membership{Total: 32, Officers: 13, Frontline: 7, Partners: 12}}
	rm, err := s.CreateProjectReport(ctx, march, c(t2, "March report"))
	ok(t, err)
	feb := march
	feb.Month = programme.Month{Year: 2021, Month: time.February}
	rf, err := s.CreateProjectReport(ctx, feb, c(t2, "February report, late"))
	ok(t, err)
	_, err = s.CreateProjectReport(ctx, march, c(t2, "twice"))
	if e := wantCode(t, err, errs.Conflict); e != nil && (len(e.Fields) != 1 || e.Fields[0].Field != "month") {
		t.Errorf("a second March report names %+v", e.Fields)
	}
	remonth := rm
	remonth.Month = programme.Month{Year: 2021, Month: time.April}
	_, err = s.UpdateProjectReport(ctx, remonth, c(t2, "moved"))
	wantCode(t, err, errs.Invalid)
	corrected := rm
	corrected.Status.Milestones = programme.OnTarget
	rm2, err := s.UpdateProjectReport(ctx, corrected, c(t2.Add(time.Hour), "correction"))
	ok(t, err)
	reports, err := s.ProjectReports(ctx, swis.ID)
	ok(t, err)
	equal(t, "reports, oldest month first", reports, []programme.Report{rf, rm2})
	gotReport, err := s.ProjectReport(ctx, rm.ID)
	ok(t, err)
	equal(t, "money to the penny", gotReport.Finance.Spend, programme.Pounds(174_000)+1)
	rhist, err := s.ProjectReportHistory(ctx, rm.ID)
	ok(t, err)
	equal(t, "report versions", len(rhist), 2)

	risk, err := s.CreateRegisterEntry(ctx, programme.Entry{Programme: p.ID, Type: programme.RiskEntry, Category: "programme",
		Description: "Contract ends", Impact: "Capacity", Mitigation: "Extend", Owner: "SRO", Status: programme.EntryOpen}, c(t2, "raised"))
	ok(t, err)
	issue, err := s.CreateRegisterEntry(ctx, programme.Entry{Programme: p.ID, Project: swis.ID, Type: programme.IssueEntry, Category: "project",
		Description: "A school closed", Impact: "Delay", Mitigation: "Move", Owner: "Lead", Status: programme.EntryOpen}, c(t2, "raised"))
	ok(t, err)
	closed := risk
	closed.Status, closed.Closed = programme.EntryClosed, day(2021, 3, 20)
	t3 := t2.Add(48 * time.Hour)
	risk2, err := s.UpdateRegisterEntry(ctx, closed, c(t3, "extended"))
	ok(t, err)
	elsewhere := issue
	elsewhere.Project = 0
	_, err = s.UpdateRegisterEntry(ctx, elsewhere, c(t3, "to the programme"))
	wantCode(t, err, errs.Invalid)
	gotEntry, err := s.RegisterEntry(ctx, issue.ID)
	ok(t, err)
	equal(t, "issue", gotEntry, issue)
	ehist, err := s.RegisterEntryHistory(ctx, risk.ID)
	ok(t, err)
	equal(t, "risk versions", len(ehist), 2)
	_, err = s.RegisterEntryHistory(ctx, risk.ID+100)
	wantCode(t, err, errs.NotFound)

	all, err := s.ProgrammeRecords(ctx, p.ID, time.Time{})
	ok(t, err)
	equal(t, "all: programme", all.Programme, p2)
	equal(t, "all: outcomes by number", all.Outcomes, []programme.Outcome{o1, o5})
	equal(t, "all: projects", all.Projects, []programme.Project{swis2})
	equal(t, "all: reports by month", all.Reports, []programme.Report{rf, rm2})
	equal(t, "all: entries", all.Entries, []programme.Entry{risk2, issue})

	// As it stood before the project moved: the first versions, and no
	// reports or entries yet.
	past, err := s.ProgrammeRecords(ctx, p.ID, t1.Add(2*time.Hour))
	ok(t, err)
	equal(t, "then: programme", past.Programme, p2)
	equal(t, "then: projects", past.Projects, []programme.Project{swis})
	equal(t, "then: reports", len(past.Reports), 0)
	equal(t, "then: entries", len(past.Entries), 0)
	_, err = s.ProgrammeRecords(ctx, p.ID, t1.Add(-time.Hour))
	wantCode(t, err, errs.NotFound)

	list, err := s.Programmes(ctx)
	ok(t, err)
	equal(t, "programmes", list, []programme.Programme{p2})
}

// testProgrammeSeed loads the 2020-21 annual report's records in one unit
// of work, as Demo City will, and computes the same annual report from what
// the store gives back.
func testProgrammeSeed(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Sam Seed")
	seed := programme.Seed2021()
	c := store.Change{By: u.ID, Reason: "2020-21 annual report"}
	var id programme.ID
	err := s.Atomic(ctx, func(tx store.Tx) error {
		p, err := tx.CreateProgramme(ctx, seed.Programme, c)
		if err != nil {
			return err
		}
		id = p.ID
		for _, o := range seed.Outcomes {
			o.Programme = p.ID
			if _, err := tx.CreateProgrammeOutcome(ctx, o, c); err != nil {
				return err
			}
		}
		projects := map[programme.ProjectID]programme.ProjectID{}
		for _, pr := range seed.Projects {
			old := pr.ID
			pr.Programme = p.ID
			made, err := tx.CreateProject(ctx, pr, c)
			if err != nil {
				return err
			}
			projects[old] = made.ID
		}
		for _, r := range seed.Reports {
			r.Project = projects[r.Project]
			if _, err := tx.CreateProjectReport(ctx, r, c); err != nil {
				return err
			}
		}
		for _, e := range seed.Entries {
			e.Programme = p.ID
			if e.Project != 0 {
				e.Project = projects[e.Project]
			}
			if _, err := tx.CreateRegisterEntry(ctx, e, c); err != nil {
				return err
			}
		}
		return nil
	})
	ok(t, err)
	r, err := s.ProgrammeRecords(ctx, id, time.Time{})
	ok(t, err)
	got, want := programme.AnnualReport(r, 2020), programme.AnnualReport(seed, 2020)
	equal(t, "programme value", got.Finance.Totals.Value, want.Finance.Totals.Value)
	equal(t, "team costs", got.Finance.TeamCost, want.Finance.TeamCost)
	equal(t, "members", got.Membership.Total, want.Membership.Total)
	equal(t, "inconsistencies", got.Inconsistencies, want.Inconsistencies)
	equal(t, "gateways", len(got.RAG), len(want.RAG))
	equal(t, "open risks and issues", len(got.Risks)+len(got.Issues), len(want.Risks)+len(want.Issues))

	// A unit that fails writes none of the programme's records.
	boom := errors.New("boom")
	err = s.Atomic(ctx, func(tx store.Tx) error {
		if _, err := tx.CreateProgramme(ctx, seed.Programme, c); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("the unit returned %v", err)
	}
	ps, err := s.Programmes(ctx)
	ok(t, err)
	equal(t, "programmes after a failed unit", len(ps), 1)
}
