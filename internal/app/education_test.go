package app_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// educationChild is a child the world's team knows through a contact
// (social care) and, through an EHC plan the team keeps, its education
// involvement.
func (w *world) educationChild() people.ID {
	w.t.Helper()
	id := w.person("Esme", "Learner", false)
	w.involve(id, access.KindContact, civil.Date{})
	plan := education.Normalise(education.Record{PersonID: id, Kind: education.KindEHCPlan, TeamID: w.team.ID,
		EHCPlan: &education.EHCPlan{Issued: civil.MustNew(2025, time.March, 3), Needs: []education.Need{{Type: "ASD", Rank: 1}}, SettingURN: "103234"}})
	if _, err := w.st.CreateEducationRecord(w.ctx, plan, store.Change{By: w.admin.ID, Reason: "test"}); err != nil {
		w.t.Fatal(err)
	}
	return id
}

func TestEducationOfficerNeverReadsTheJourney(t *testing.T) {
	w := newWorld(t)
	id := w.educationChild()
	edu := w.actor(access.Education)

	_, err := w.app.Journey(w.ctx, edu, id)
	if !errs.Is(err, errs.Forbidden) {
		t.Fatalf("journey: %v", err)
	}
	if _, err := w.app.JourneyRecord(w.ctx, edu, id, 1); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("journey record: %v", err)
	}
	if l := w.log(id)[0]; l.Action != store.LogDenied || l.Kind != store.KindJourney || l.Reason != "journey.read: "+access.ReasonNotPermitted {
		t.Errorf("refusal logged as %+v", l)
	}
	// The person page shows the education involvement, not the contact.
	pp, err := w.app.PersonWithEducation(w.ctx, edu, id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pp.Involvements) != 1 || pp.Involvements[0].Kind != access.KindEducation || pp.Education == nil || !pp.Education.Full || pp.SeesJourney {
		t.Errorf("involvements shown: %+v; education part %+v", pp.Involvements, pp.Education)
	}
	if l := w.log(id)[0]; l.Kind != store.KindEducation || l.Action != store.LogRead {
		t.Errorf("the education part's read logged as %+v", l)
	}
	// Without the part (the API's person), no read of education is logged.
	n := len(w.log(id))
	if pp, err := w.app.Person(w.ctx, edu, id, time.Time{}); err != nil || pp.Education != nil || len(w.log(id)) != n+1 {
		t.Errorf("person without education: %v, part %v, %d lines after %d", err, pp.Education, len(w.log(id)), n)
	}
	// A practitioner still reads the journey and sees both.
	if _, err := w.app.Journey(w.ctx, w.actor(access.Practitioner), id); err != nil {
		t.Errorf("practitioner: %v", err)
	}
	pp, err = w.app.Person(w.ctx, w.actor(access.Practitioner), id, time.Time{})
	if err != nil || len(pp.Involvements) != 2 {
		t.Errorf("practitioner sees %d involvements, %v", len(pp.Involvements), err)
	}
}

func TestEducationRecordsAndSummary(t *testing.T) {
	w := newWorld(t)
	id := w.educationChild()

	// The education officer reads the records, logged as such.
	page, err := w.app.Education(w.ctx, w.actor(access.Education), id)
	if err != nil {
		t.Fatal(err)
	}
	if !page.Full || !page.CanRecord || len(page.Records) != 1 || page.Summary.SEN != "ehc_plan" || len(page.Clocks[page.Records[0].ID]) == 0 {
		t.Errorf("education officer's page: full %v, records %d, summary %+v, clocks %v", page.Full, len(page.Records), page.Summary, page.Clocks)
	}
	if l := w.log(id)[0]; l.Action != store.LogRead || l.Kind != store.KindEducation || l.Note != "" || l.Reason != access.ReasonTeam {
		t.Errorf("read logged as %+v", l)
	}

	// A social worker sees the summary alone, logged as a read of it.
	page, err = w.app.Education(w.ctx, w.actor(access.Practitioner), id)
	if err != nil {
		t.Fatal(err)
	}
	if page.Full || page.CanRecord || page.Records != nil || page.Clocks != nil || page.Summary.SEN != "ehc_plan" {
		t.Errorf("practitioner's page: full %v, records %v, summary %+v", page.Full, page.Records, page.Summary)
	}
	if l := w.log(id)[0]; l.Action != store.LogRead || l.Kind != store.KindEducation || l.Note != "summary" {
		t.Errorf("summary read logged as %+v", l)
	}
	if _, err := w.app.EducationRecord(w.ctx, w.actor(access.Practitioner), id, 1); !errs.Is(err, errs.Forbidden) {
		t.Errorf("practitioner reading a record: %v", err)
	}
	// Roles that read neither are refused, and the refusal logged.
	for _, r := range []access.Role{access.Analyst, access.Partner, access.Admin, access.ProgrammeManager, access.Auditor} {
		if _, err := w.app.Education(w.ctx, w.actor(r), id); !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: %v", r, err)
		}
	}
	// An education officer with no education involvement reads nothing,
	// not even through the team's contact.
	other := w.person("Noah", "Contactonly", false)
	w.involve(other, access.KindContact, civil.Date{})
	// (A refusal on a record answers "not found", as for one that is not there.)
	if _, err := w.app.Education(w.ctx, w.actor(access.Education), other); !errs.Is(err, errs.NotFound) {
		t.Errorf("through a contact: %v", err)
	}
	if _, err := w.app.Person(w.ctx, w.actor(access.Education), other, time.Time{}); !errs.Is(err, errs.NotFound) {
		t.Errorf("person through a contact: %v", err)
	}
}

func TestEHCRequestToFinalPlan(t *testing.T) {
	w := newWorld(t)
	id := w.educationChild()
	edu := w.actor(access.Education)

	// Bad input names the field and writes nothing.
	_, err := w.app.RecordEducation(w.ctx, edu, id, education.Record{Kind: education.KindEHCRequest, EHCRequest: &education.EHCRequest{}})
	if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("ehc_request.received") {
		t.Fatalf("no receipt: %v", err)
	}
	_, err = w.app.RecordEducation(w.ctx, edu, id, education.Record{Kind: education.KindEHCRequest, EHCRequest: &education.EHCRequest{Received: civil.MustNew(2026, time.July, 1)}})
	if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has("start") {
		t.Fatalf("in the future: %v", err)
	}
	// A social worker may not record one.
	if _, err := w.app.RecordEducation(w.ctx, w.actor(access.Practitioner), id, education.Record{Kind: education.KindEHCRequest,
		EHCRequest: &education.EHCRequest{Received: civil.MustNew(2026, time.January, 12)}}); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("practitioner: %v", err)
	}
	before := len(w.log(id))

	req, err := w.app.RecordEducation(w.ctx, edu, id, education.Record{Kind: education.KindEHCRequest,
		EHCRequest: &education.EHCRequest{Received: civil.MustNew(2026, time.January, 12)}})
	if err != nil {
		t.Fatal(err)
	}
	if req.TeamID != w.team.ID || req.Start != civil.MustNew(2026, time.January, 12) || !req.End.IsZero() {
		t.Errorf("recorded %+v", req)
	}
	if got := w.log(id); len(got) != before+1 || got[0].Action != store.LogCreate || got[0].Kind != store.KindEducation || got[0].RecordID != int64(req.ID) || got[0].State != store.LineDone {
		t.Errorf("create logged as %+v", got[0])
	}
	rp, err := w.app.EducationRecord(w.ctx, edu, id, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rp.Clocks) != 1 || rp.Clocks[0].Due != civil.MustNew(2026, time.February, 23) {
		t.Errorf("the 6-week clock: %+v", rp.Clocks)
	}

	// To the final plan: decisions, draft and final, within 20 weeks.
	q := *req.EHCRequest
	q.RequestOutcome, q.RequestDecided = "Y", civil.MustNew(2026, time.February, 20)
	q.AssessmentOutcome, q.AssessmentDecided = "Y", civil.MustNew(2026, time.April, 24)
	q.DraftIssued, q.FinalIssued = civil.MustNew(2026, time.April, 27), civil.MustNew(2026, time.May, 26)
	next := req
	next.EHCRequest = &q
	if _, err := w.app.ChangeEducation(w.ctx, edu, id, next, ""); !errs.Is(err, errs.Invalid) {
		t.Errorf("no reason: %v", err)
	}
	final, err := w.app.ChangeEducation(w.ctx, edu, id, next, "final plan issued")
	if err != nil {
		t.Fatal(err)
	}
	if final.Version != 2 || final.End != q.FinalIssued {
		t.Errorf("final: %+v", final)
	}
	if within, _ := education.Within20Weeks(*final.EHCRequest); !within {
		t.Error("not within 20 weeks")
	}
	// A change from the first version again is stale.
	if _, err := w.app.ChangeEducation(w.ctx, edu, id, next, "again"); !errs.Is(err, errs.Conflict) {
		t.Errorf("stale: %v", err)
	}
	// An id that is not the child's is not found, and the refusal logged.
	other := w.person("Ivy", "Else", false)
	if _, err := w.app.EducationRecord(w.ctx, edu, other, req.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another child's: %v", err)
	}
	if _, err := w.app.EducationRecord(w.ctx, edu, id, req.ID+100); !errs.Is(err, errs.NotFound) {
		t.Errorf("no such record: %v", err)
	}
	// A second plan maintained at once is refused.
	_, err = w.app.RecordEducation(w.ctx, edu, id, education.Record{Kind: education.KindEHCPlan,
		EHCPlan: &education.EHCPlan{Issued: civil.MustNew(2026, time.May, 26), Needs: []education.Need{{Type: "SLCN", Rank: 1}}, SettingURN: "103234"}})
	if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has("ehc_plan.issued") {
		t.Errorf("second plan: %v", err)
	}
}

func TestAttendanceInTheSummary(t *testing.T) {
	w := newWorld(t)
	id := w.educationChild()
	p, err := w.st.Person(w.ctx, access.System(id, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	p.Identifiers.UPN = "X801200000001"
	if _, err := w.st.UpdatePerson(w.ctx, p, store.Change{By: w.admin.ID, Reason: "UPN"}); err != nil {
		t.Fatal(err)
	}
	// A bad row refuses the file, naming it; nothing is written.
	bad := "UPN,URN,From,To,/,O\nX801200000001,103234,2025-09-03,2025-12-19,126,14\nX801200000001,103234,2026-01-05,2026-03-27,x,2\n"
	if _, err := w.app.ImportAttendance(w.ctx, strings.NewReader(bad), ""); !errs.Is(err, errs.Invalid) {
		t.Fatalf("bad file: %v", err)
	}
	file := "UPN,URN,From,To,/,O\nX801200000001,103234,2025-09-03,2025-12-19,126,14\nX801200000001,103234,2026-01-05,2026-03-27,110,10\n"
	got, err := w.app.ImportAttendance(w.ctx, strings.NewReader(file), "spring census")
	if err != nil || got.Rows != 2 {
		t.Fatalf("import: %+v %v", got, err)
	}
	page, err := w.app.Education(w.ctx, w.actor(access.Practitioner), id)
	if err != nil {
		t.Fatal(err)
	}
	y := page.Summary.AttendanceThisYear
	if y == nil || y.Year != 2025 || y.Possible != 260 || y.Rate != 908 || y.Persistent || page.Summary.AttendanceLastYear != nil {
		t.Errorf("attendance this year: %+v", y)
	}
}

// TestEducationRecordNamesOnlyWhoMayBeGivenAccess: an education record
// gives its team and worker an involvement, and so access to the child;
// an officer names only their own team and themself (an insider's run
// gave a social care team, and another team's practitioner, the child's
// whole record this way), and the log says whom a record names.
func TestEducationRecordNamesOnlyWhoMayBeGivenAccess(t *testing.T) {
	w := newWorld(t)
	id := w.educationChild()
	edu := w.actor(access.Education)
	other, err := w.st.CreateTeam(w.ctx, access.Team{Name: "Safeguarding 9", ServiceID: w.team.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	support := func(team access.TeamID, worker access.UserID) education.Record {
		return education.Record{Kind: education.KindSENSupport, Start: civil.MustNew(2026, time.January, 5), TeamID: team, WorkerID: worker,
			SENSupport: &education.SENSupport{School: "103234", Needs: []education.Need{{Type: "SLCN", Rank: 1}}}}
	}
	for _, c := range []struct {
		name  string
		r     education.Record
		field string
	}{
		{"another team", support(other.ID, 0), "team_id"},
		{"another worker", support(w.team.ID, w.users[access.Practitioner].ID), "worker_id"},
	} {
		_, err := w.app.RecordEducation(w.ctx, edu, id, c.r)
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has(c.field) {
			t.Errorf("%s: %v, want invalid naming %s", c.name, err, c.field)
		}
	}
	if _, err := w.app.RecordEducation(w.ctx, edu, id, support(w.team.ID, w.users[access.Education].ID)); err != nil {
		t.Fatalf("the officer's own team and themself: %v", err)
	}
	if l := w.log(id)[0]; l.Action != store.LogCreate || !strings.Contains(l.Note, "team ") || !strings.Contains(l.Note, "worker ") {
		t.Errorf("the write's line %+v, want the team and worker in its note", l)
	}
}
