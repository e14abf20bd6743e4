package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// eduRecord writes an education record of the team's straight to the
// store, which gives the team its education involvement while it is open.
func (w *world) eduRecord(team access.TeamID, r education.Record) education.Record {
	w.t.Helper()
	r.TeamID = team
	got, err := w.st.CreateEducationRecord(w.ctx, education.Normalise(r), store.Change{By: w.admin.ID, Reason: "test"})
	if err != nil {
		w.t.Fatal(err)
	}
	return got
}

func d(y int, m time.Month, day int) civil.Date { return civil.MustNew(y, m, day) }

// On 15 June 2026 the team's register holds its two children home
// educated today: one reached in January (in contact, next due January
// 2027), one never reached since September 2024 (overdue). The child
// whose home education ended and another team's child are not on it.
func TestHomeEducationRegister(t *testing.T) {
	w := newWorld(t)
	other, err := w.st.CreateTeam(w.ctx, access.Team{Name: "Elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	reached, silent, ended, theirs := w.person("Ana", "Reached", false), w.person("Ben", "Silent", false), w.person("Cat", "Ended", false), w.person("Dev", "Theirs", false)
	w.eduRecord(w.team.ID, education.Record{PersonID: reached, Kind: education.KindEHE, EHE: &education.EHE{From: d(2025, 9, 1),
		Contacts: []education.EHEContact{{On: d(2025, 10, 6), Outcome: "suitable"}, {On: d(2026, 1, 12), Outcome: "concerns"}}}})
	w.eduRecord(w.team.ID, education.Record{PersonID: silent, Kind: education.KindEHE, EHE: &education.EHE{From: d(2024, 9, 2),
		Contacts: []education.EHEContact{{On: d(2025, 2, 3), Outcome: "declined"}}}})
	w.eduRecord(w.team.ID, education.Record{PersonID: ended, Kind: education.KindEHE, EHE: &education.EHE{From: d(2024, 9, 2), Ended: d(2025, 1, 6), EndReason: "school"}})
	w.eduRecord(other.ID, education.Record{PersonID: theirs, Kind: education.KindEHE, EHE: &education.EHE{From: d(2025, 9, 1)}})

	edu := w.actor(access.Education)
	reg, err := w.app.HomeEducationRegister(w.ctx, edu)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Rows) != 2 || reg.Rows[0].Person.ID != silent || reg.Rows[1].Person.ID != reached {
		t.Fatalf("rows %+v", reg.Rows)
	}
	s, r := reg.Rows[0], reg.Rows[1]
	if !s.Overdue || s.InContact || s.ContactDue != d(2025, 9, 2) || s.Last != (education.EHEContact{On: d(2025, 2, 3), Outcome: "declined"}) {
		t.Errorf("the silent family: %+v", s)
	}
	if r.Overdue || !r.InContact || r.ContactDue != d(2027, 1, 12) || r.Last.Outcome != "concerns" {
		t.Errorf("the family reached: %+v", r)
	}
	if reg.InContact != 1 || reg.Overdue != 1 || reg.InContactPercent() != 50 {
		t.Errorf("in contact %d (%d%%), overdue %d", reg.InContact, reg.InContactPercent(), reg.Overdue)
	}
	lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{UserID: edu.UserID(), Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].Action != store.LogBulkRead || lines[0].Kind != store.KindEducation || lines[0].Children != 2 {
		t.Errorf("logged as %+v", lines)
	}

	// A restricted child is left out, and not counted, unless granted.
	hidden := w.person("Eli", "Hidden", true)
	w.eduRecord(w.team.ID, education.Record{PersonID: hidden, Kind: education.KindEHE, EHE: &education.EHE{From: d(2025, 9, 1)}})
	if reg, err = w.app.HomeEducationRegister(w.ctx, edu); err != nil || len(reg.Rows) != 2 {
		t.Errorf("with a restricted child: %d rows, %v", len(reg.Rows), err)
	}

	// Social care's roles do not hold the register, and are refused.
	if _, err := w.app.HomeEducationRegister(w.ctx, w.actor(access.Practitioner)); !errs.Is(err, errs.Forbidden) {
		t.Errorf("a practitioner: %v", err)
	}
}

func TestCMELists(t *testing.T) {
	w := newWorld(t)
	s2s := []education.CMEStep{{On: d(2025, 2, 4), Step: "s2s"}}
	open, late, lost, foundAgain, onRoll := w.person("Fay", "Open", false), w.person("Gus", "Late", false), w.person("Hana", "Lost", false),
		w.person("Ike", "Found", false), w.person("Jay", "Rolled", false)
	w.eduRecord(w.team.ID, education.Record{PersonID: open, Kind: education.KindCME, CME: &education.CMEEnquiry{Received: d(2026, 5, 1), Source: education.CMEFromSchool}})
	w.eduRecord(w.team.ID, education.Record{PersonID: late, Kind: education.KindCME, CME: &education.CMEEnquiry{Received: d(2026, 3, 14), Source: education.CMEFromElsewhere}})
	lostRec := w.eduRecord(w.team.ID, education.Record{PersonID: lost, Kind: education.KindCME, CME: &education.CMEEnquiry{Received: d(2025, 2, 3), Source: education.CMEFromSchool,
		Steps: s2s, Outcome: "lost", RiskAssessment: "Medium", Closed: d(2025, 5, 6)}})
	w.eduRecord(w.team.ID, education.Record{PersonID: foundAgain, Kind: education.KindCME, CME: &education.CMEEnquiry{Received: d(2025, 2, 3), Source: education.CMEFromSchool,
		Steps: s2s, Outcome: "lost", RiskAssessment: "Medium", Closed: d(2025, 5, 6), Found: d(2025, 9, 3)}})
	w.eduRecord(w.team.ID, education.Record{PersonID: onRoll, Kind: education.KindCME, CME: &education.CMEEnquiry{Received: d(2025, 2, 3), Source: education.CMEFromSchool,
		Outcome: "on_roll", RiskAssessment: "Low", Closed: d(2025, 2, 20)}})

	edu := w.actor(access.Education)
	q, err := w.app.OpenCMEEnquiries(w.ctx, edu)
	if err != nil {
		t.Fatal(err)
	}
	// Received 14 March: tracked to 14 June, overdue on the 15th; 1 May's
	// runs to 1 August. The lost pupil's enquiry is open but not running.
	if len(q.Rows) != 2 || q.Rows[0].Person.ID != late || !q.Rows[0].Overdue || q.Rows[0].TrackedUntil != d(2026, 6, 14) ||
		q.Rows[1].Person.ID != open || q.Rows[1].Overdue || q.Rows[1].TrackedUntil != d(2026, 8, 1) || q.Overdue != 1 {
		t.Errorf("open enquiries %+v, overdue %d", q.Rows, q.Overdue)
	}
	l, err := w.app.LostPupils(w.ctx, edu)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 1 || l.Rows[0].RecordID != lostRec.ID || l.Rows[0].Closed != d(2025, 5, 6) || l.Rows[0].Overdue {
		t.Errorf("lost pupils %+v", l.Rows)
	}
	for _, role := range []access.Role{access.Practitioner, access.Analyst, access.Admin} {
		if _, err := w.app.LostPupils(w.ctx, w.actor(role)); !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: %v", role, err)
		}
	}
}
