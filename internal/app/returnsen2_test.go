package app_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestSEN2Return: SEN2 is in the registry: made from the education records
// as recorded at the moment asked (a plan recorded after it is not in the
// return), logged with its children, and checked by its rules, a finding
// traced to its child.
func TestSEN2Return(t *testing.T) {
	rw := newReturnWorld(t)
	at := func(m time.Time) store.Change { return store.Change{By: rw.admin.ID, At: m, Reason: "test"} }
	p, err := rw.st.CreatePerson(rw.ctx, people.Person{GivenName: "Sami", FamilyName: "Plan", DateOfBirth: civil.MustNew(2015, time.April, 2),
		Sex: "1", Ethnicity: "WBRI", Identifiers: people.Identifiers{UPN: "A801200000001"}}, at(recorded))
	if err != nil {
		t.Fatal(err)
	}
	d := func(m time.Month, day int) civil.Date { return civil.MustNew(2023, m, day) }
	add := func(r education.Record, m time.Time) {
		r.PersonID, r.TeamID = p.ID, rw.team.ID
		if _, err := rw.st.CreateEducationRecord(rw.ctx, education.Normalise(r), at(m)); err != nil {
			t.Fatal(err)
		}
	}
	// The plan is issued 25 weeks after the request, with no exception
	// recorded: a query the check traces to the child.
	planned := time.Date(2023, time.July, 3, 9, 0, 0, 0, time.UTC)
	add(education.Record{Kind: education.KindEHCRequest, EHCRequest: &education.EHCRequest{Received: d(time.January, 10), RequestOutcome: "Y",
		RequestDecided: d(time.February, 14), AssessmentOutcome: "Y", AssessmentDecided: d(time.May, 25), DraftIssued: d(time.June, 9),
		FinalIssued: d(time.July, 4)}}, recorded)
	add(education.Record{Kind: education.KindEHCPlan, EHCPlan: &education.EHCPlan{Issued: d(time.July, 4),
		Needs: []education.Need{{Type: "ASD", Rank: 1}}, SettingURN: "103234"}}, planned)

	before, err := rw.app.MakeReturn(rw.ctx, rw.actor(access.Analyst), app.ReturnRequest{Kind: "sen2", Year: "2024", AsRecordedOn: "2023-06-15"})
	if err != nil {
		t.Fatal(err)
	}
	now, err := rw.app.MakeReturn(rw.ctx, rw.actor(access.Analyst), app.ReturnRequest{Kind: "sen2", Year: "2024"})
	if err != nil {
		t.Fatal(err)
	}
	xml := body(t, now)
	if now.Children != 1 || now.BaseName() != "sen2-2024" || !strings.Contains(xml, "A801200000001") || !strings.Contains(xml, "ASD") {
		t.Fatalf("the return now: %d children, %s:\n%.2000s", now.Children, now.BaseName(), xml)
	}
	if b := body(t, before); strings.Contains(b, "ASD") {
		t.Errorf("the return as recorded before the plan holds it:\n%.2000s", b)
	}
	if es := rw.exportLines(); len(es) != 2 || es[0].Children != 1 || !strings.HasPrefix(es[0].Note, "SEN2 return of EHC plans 2024") {
		t.Errorf("export lines %+v", es)
	}
	chk, err := rw.app.CheckReturn(rw.ctx, rw.actor(access.Analyst), app.ReturnRequest{Kind: "sen2", Year: "2024"})
	if err != nil {
		t.Fatal(err)
	}
	traced := 0
	for _, f := range chk.Findings {
		if f.ChildID != "" && f.PersonID != p.ID {
			t.Errorf("finding %+v is not traced to the child", f)
		}
		if f.Rule == "twenty-weeks" && f.PersonID == p.ID {
			traced++
		}
	}
	if chk.Children != 1 || traced != 1 {
		t.Errorf("checked %d children, with findings %+v", chk.Children, chk.Findings)
	}
	if _, err := rw.app.MakeReturn(rw.ctx, rw.actor(access.Practitioner), app.ReturnRequest{Kind: "sen2", Year: "2024"}); err == nil {
		t.Error("a practitioner made SEN2")
	}
}
