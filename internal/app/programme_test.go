package app_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/programme"
	"hearth/internal/report"
	"hearth/internal/store"
)

// programmeWorld is a programme with one outcome and one project at
// delivery whose owner is the practitioner, made by the programme manager.
func programmeWorld(t *testing.T) (*world, programme.Programme, programme.Project) {
	t.Helper()
	w := newWorld(t)
	pm := w.actor(access.ProgrammeManager)
	p, err := w.app.SaveProgramme(w.ctx, pm, programme.Programme{Name: "TCSP", Vision: "Families at the heart",
		SRO:     programme.Member{Name: "Director"},
		Mandate: programme.Mandate{From: civil.MustNew(2020, time.April, 1), To: civil.MustNew(2025, time.March, 31)}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.SaveOutcome(w.ctx, pm, programme.Outcome{Programme: p.ID, Number: 1, Title: "Fewer children in care"}, ""); err != nil {
		t.Fatal(err)
	}
	pr, err := w.app.SaveProject(w.ctx, pm, programme.Project{Programme: p.ID, Name: "Edge of care", Owner: w.users[access.Practitioner].ID,
		Funding: "revenue", Purposes: []string{programme.ImprovedOutcomes}, Start: civil.MustNew(2026, time.January, 5),
		Outcomes: []int{1}, Gateway: programme.Delivery}, "")
	if err != nil {
		t.Fatal(err)
	}
	return w, p, pr
}

func march(project programme.ProjectID, month programme.Month) programme.Report {
	ot := programme.OnTarget
	return programme.Report{Project: project, Month: month,
		Status:  programme.Statuses{Overall: ot, Cost: ot, Milestones: ot, Risks: ot, Issues: ot, Cashable: programme.NoStatus, NonCashable: ot},
		Finance: programme.Finance{Reported: true, Budget: programme.Pounds(100_000), Spend: programme.Pounds(20_000)}}
}

func TestProgrammeByRole(t *testing.T) {
	w, p, pr := programmeWorld(t)
	may := programme.Month{Year: 2026, Month: time.May}
	for _, role := range access.Roles {
		ac := w.actor(role)
		if _, err := w.app.ProgrammeRecords(w.ctx, ac, p.ID); err != nil {
			t.Errorf("%s: reading the programme gives %v", role, err)
		}
		page, err := w.app.Project(w.ctx, ac, pr.ID)
		if err != nil {
			t.Errorf("%s: reading the project gives %v", role, err)
		}
		reports := role == access.ProgrammeManager || role == access.Practitioner // the owner
		if page.MayReport != reports || page.MayManage != (role == access.ProgrammeManager) {
			t.Errorf("%s: may report %v, manage %v", role, page.MayReport, page.MayManage)
		}
		_, err = w.app.SaveOutcome(w.ctx, ac, programme.Outcome{Programme: p.ID, Number: 10 + len(role), Title: "More " + string(role)}, "")
		if manages := role == access.ProgrammeManager; manages != (err == nil) || !manages && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: adding an outcome gives %v", role, err)
		}
		_, err = w.app.SubmitReport(w.ctx, ac, march(pr.ID, may))
		if reports != (err == nil) || !reports && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: submitting a report gives %v", role, err)
		}
		if err == nil {
			may = programme.Month{Year: may.Year, Month: may.Month - 1} // the next role reports an earlier month
		}
	}
	// The owner's report is logged with the reason that let them.
	lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{Kind: store.KindProjectReport})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]bool{}
	for _, l := range lines {
		reasons[l.Reason] = true
	}
	if !reasons[access.ReasonOwner] || !reasons[access.ReasonRole] {
		t.Errorf("the reports were logged with reasons %v, want the owner's and the role's", reasons)
	}
}

func TestSubmitReportRules(t *testing.T) {
	w, _, pr := programmeWorld(t)
	pm := w.actor(access.ProgrammeManager)
	may := programme.Month{Year: 2026, Month: time.May}
	// Checking a report writes nothing.
	if err := w.app.CheckReport(w.ctx, pm, march(pr.ID, may)); err != nil {
		t.Fatal(err)
	}
	if rs, _ := w.st.ProjectReports(w.ctx, pr.ID); len(rs) != 0 {
		t.Fatalf("checking wrote %d reports", len(rs))
	}
	if _, err := w.app.SubmitReport(w.ctx, pm, march(pr.ID, may)); err != nil {
		t.Fatal(err)
	}
	if err := w.app.CheckReport(w.ctx, pm, march(pr.ID, may)); !hasField(err, "month") {
		t.Fatalf("checking a second report for May gives %v", err)
	}
	bad := func(name string, r programme.Report, field string) {
		t.Helper()
		before, _ := w.st.ProjectReports(w.ctx, pr.ID)
		_, err := w.app.SubmitReport(w.ctx, pm, r)
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || !hasField(err, field) {
			t.Errorf("%s: got %v, want invalid naming %s", name, err, field)
		}
		after, _ := w.st.ProjectReports(w.ctx, pr.ID)
		if len(after) != len(before) {
			t.Errorf("%s: a report was written", name)
		}
	}
	bad("a second report for May", march(pr.ID, may), "month")
	bad("a month after this one", march(pr.ID, programme.Month{Year: 2026, Month: time.July}), "month")
	bad("a month before the start", march(pr.ID, programme.Month{Year: 2025, Month: time.December}), "month")
	r := march(pr.ID, programme.Month{Year: 2026, Month: time.April})
	r.Status.Cost = "red"
	bad("a status not on the list", r, "status.cost")
	r = march(pr.ID, programme.Month{Year: 2026, Month: time.April})
	r.Finance.Spend = -1
	bad("negative spend", r, "finance.spend")

	// A stopped project takes no more reports.
	if _, err := w.app.MoveProject(w.ctx, pm, pr.ID, pr.Version, programme.GatewayMove{From: programme.Delivery, To: programme.Closure,
		On: civil.MustNew(2026, time.June, 1), Decision: programme.Stopped, By: "Programme board", Reason: "funding withdrawn"}); err != nil {
		t.Fatal(err)
	}
	bad("a report on a stopped project", march(pr.ID, programme.Month{Year: 2026, Month: time.June}), "project")
}

func TestGatewayMoves(t *testing.T) {
	w, _, pr := programmeWorld(t)
	pm := w.actor(access.ProgrammeManager)
	on := civil.MustNew(2026, time.March, 2)

	// Skipping closure is refused, naming to, and nothing is written.
	_, err := w.app.MoveProject(w.ctx, pm, pr.ID, pr.Version, programme.GatewayMove{From: programme.Delivery, To: programme.BusinessAsUsual, On: on, Decision: programme.Approved, By: "Board"})
	if !hasField(err, "to") {
		t.Fatalf("a skipped gateway gives %v", err)
	}
	if cur, _ := w.st.Project(w.ctx, pr.ID, time.Time{}); cur.Version != pr.Version {
		t.Fatalf("the refused move wrote version %d", cur.Version)
	}
	// Going back without a return and a reason is refused.
	_, err = w.app.MoveProject(w.ctx, pm, pr.ID, pr.Version, programme.GatewayMove{From: programme.Delivery, To: programme.BusinessCase, On: on, Decision: programme.Approved, By: "Board"})
	if !hasField(err, "to") {
		t.Fatalf("going back gives %v", err)
	}
	back, err := w.app.MoveProject(w.ctx, pm, pr.ID, pr.Version, programme.GatewayMove{From: programme.Delivery, To: programme.BusinessCase, On: on,
		Decision: programme.Approved, Return: true, By: "Board", Reason: "costs doubled"})
	if err != nil || back.Gateway != programme.BusinessCase || len(back.Moves) != 1 || back.Version != pr.Version+1 {
		t.Fatalf("the return gives %+v, %v", back, err)
	}
	// A decision from a version that is no longer the latest is a conflict.
	_, err = w.app.MoveProject(w.ctx, pm, pr.ID, pr.Version, programme.GatewayMove{From: programme.BusinessCase, To: programme.Delivery, On: on, Decision: programme.Approved, By: "Board"})
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("a stale move gives %v", err)
	}
	// The owner may report but not move the project.
	_, err = w.app.MoveProject(w.ctx, w.actor(access.Practitioner), pr.ID, back.Version, programme.GatewayMove{From: programme.BusinessCase, To: programme.Delivery, On: on, Decision: programme.Approved, By: "Board"})
	if !errs.Is(err, errs.Forbidden) {
		t.Fatalf("the owner's move gives %v", err)
	}
	// A change of the project keeps its gateway and decisions.
	back.Name, back.Gateway, back.Moves = "Edge of care service", programme.Options, nil
	changed, err := w.app.SaveProject(w.ctx, pm, back, "renamed")
	if err != nil || changed.Gateway != programme.BusinessCase || len(changed.Moves) != 1 {
		t.Fatalf("the change gives %+v, %v", changed, err)
	}
}

func TestProjectAndEntryValidation(t *testing.T) {
	w, p, pr := programmeWorld(t)
	pm := w.actor(access.ProgrammeManager)
	_, err := w.app.SaveProject(w.ctx, pm, programme.Project{Programme: p.ID, Name: "Bad", Purposes: []string{programme.Savings},
		Start: civil.MustNew(2026, time.May, 1), End: civil.MustNew(2026, time.April, 1), Outcomes: []int{7}}, "")
	if !hasField(err, "end") || !hasField(err, "outcomes[0]") {
		t.Fatalf("dates out of order and an unknown outcome give %v", err)
	}
	// A change needs a reason.
	_, err = w.app.SaveProject(w.ctx, pm, pr, "")
	if !hasField(err, "reason") {
		t.Fatalf("a change without a reason gives %v", err)
	}
	// The owner keeps the project's register, not the programme's.
	owner := w.actor(access.Practitioner)
	risk := programme.Entry{Programme: p.ID, Project: pr.ID, Type: programme.RiskEntry, Category: "project", Description: "Staff leave",
		Impact: "Delay", Mitigation: "Recruit", Owner: "Project lead", Status: programme.EntryOpen, Likelihood: 3, Severity: 2}
	saved, err := w.app.SaveEntry(w.ctx, owner, risk, "")
	if err != nil {
		t.Fatal(err)
	}
	risk.Project = 0
	if _, err := w.app.SaveEntry(w.ctx, owner, risk, ""); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("the owner adding to the programme's register gives %v", err)
	}
	saved.Severity = 0
	if _, err := w.app.SaveEntry(w.ctx, owner, saved, "rescored"); !hasField(err, "severity") {
		t.Fatalf("a likelihood without an impact score gives %v", err)
	}
}

func TestAnnualReportOfTheSeed(t *testing.T) {
	w := newWorld(t)
	seed := programme.Seed2021()
	pm := w.actor(access.ProgrammeManager)
	seed.Programme.ID = 0
	p, err := w.app.SaveProgramme(w.ctx, pm, seed.Programme, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := w.app.AnnualReport(w.ctx, w.actor(access.Partner), p.ID, 2020)
	if err != nil {
		t.Fatal(err)
	}
	if a.Finance.TeamCost != programme.Pounds(209_636) {
		t.Errorf("team costs %s, want £209,636", a.Finance.TeamCost)
	}
}

// The seed's annual report as a document renders in every format, with the
// seed's totals and the inconsistencies it points out.
func TestAnnualDocumentOfTheSeed(t *testing.T) {
	a := programme.AnnualReport(programme.Seed2021(), 2020)
	d := app.AnnualDocument(a, time.Date(2021, time.May, 4, 9, 0, 0, 0, time.UTC))
	html, err := report.Fragment(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"£10,790,000", "£209,636", "£660,000", "RAG summary by gateway", "Inconsistencies found", "£85,534,000"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the annual report does not show %s", want)
		}
	}
	if n := strings.Count(string(html), "<li>"); n < len(a.Inconsistencies) {
		t.Errorf("%d list items for %d inconsistencies", n, len(a.Inconsistencies))
	}
	var pdf, xlsx bytes.Buffer
	if err := report.PDF(&pdf, d); err != nil || pdf.Len() == 0 {
		t.Errorf("PDF: %v", err)
	}
	if err := report.XLSX(&xlsx, d); err != nil || xlsx.Len() == 0 {
		t.Errorf("XLSX: %v", err)
	}
}
