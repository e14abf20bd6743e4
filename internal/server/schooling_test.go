package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/store"
)

// schoolingRoles are the roles that read the report of the schooling of
// children with a social worker: an education officer only in the team
// named as the Virtual School.
var schoolingRoles = []access.Role{access.TeamManager, access.Analyst, access.Education}

// virtualSchoolIsTheTeam names the test team as the Virtual School, unless
// it is already.
func (e *env) virtualSchoolIsTheTeam() {
	e.t.Helper()
	e.namesTheTeam(e.st.VirtualSchoolTeam, e.app.SetVirtualSchool, "the test team is the Virtual School")
}

// TestSchoolingReport: an education officer outside the Virtual School is
// refused; the report counts a child in need of school age with their term's
// attendance, lists them behind the persistent absence figure (page and
// CSV), and each list is one bulk_read line naming the children shown.
func TestSchoolingReport(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	if _, err := e.st.CreateInvolvement(ctx, store.Involvement{Involvement: access.Involvement{PersonID: e.child, Kind: access.KindChildInNeed,
		TeamID: e.team.ID, StartDate: civil.MustNew(2024, time.January, 2)}}, c); err != nil {
		t.Fatal(err)
	}
	p, err := e.st.Person(ctx, access.System(e.child, access.ReadPerson, "test"), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	p.Identifiers.UPN = "A801200000001"
	if _, err := e.st.UpdatePerson(ctx, p, c); err != nil {
		t.Fatal(err)
	}
	term := education.Sessions{From: civil.MustNew(2025, time.September, 3), To: civil.MustNew(2025, time.October, 24), ByCode: map[string]int{"/": 60, "O": 10}}
	sum, err := education.Summarise(term)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ImportAttendance(ctx, []education.PupilSessions{{Row: 2, UPN: "A801200000001", URN: "103234", Sessions: term, Summary: sum}}, c); err != nil {
		t.Fatal(err)
	}
	officer := e.browser().signIn(access.Education)
	if res := officer.get("/schooling"); res.status != http.StatusForbidden {
		t.Errorf("an education officer outside the Virtual School: status %d", res.status)
	}
	e.virtualSchoolIsTheTeam()
	res := officer.get("/schooling?at=2025-11-30&figure=persistent_absence")
	if res.status != http.StatusOK || !strings.Contains(res.body, "Amira Khan") || !strings.Contains(res.body, "attended 60 of 70 sessions (85.7%)") {
		t.Fatalf("the report: status %d: %.800s", res.status, res.body)
	}
	csv := officer.get("/schooling.csv?at=2025-11-30&figure=persistent_absence")
	if !strings.Contains(csv.body, "Amira Khan,Child in need,attended 60 of 70 sessions (85.7%)") {
		t.Errorf("the children's CSV: %s", csv.body)
	}
	figures := officer.get("/schooling.csv?at=2025-11-30")
	if !strings.Contains(figures.body, "persistent_absence,Persistently absent (missed 10% or more),1,1,100.0,1,1,100.0,") {
		t.Errorf("the figures' CSV: %s", figures.body)
	}
	lines, err := e.st.AccessLog(ctx, store.AccessQuery{UserID: e.users[access.Education].ID, Action: store.LogBulkRead, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || lines[0].Children != 0 || lines[1].Children != 1 || lines[2].Children != 1 {
		t.Errorf("the views' lines: %+v", lines)
	}

	// The Virtual School's manager reads the council's report, as its
	// officers do, not only their team's.
	if res := e.browser().signIn(access.TeamManager).get("/schooling?at=2025-11-30"); res.status != http.StatusOK || strings.Contains(res.body, " works with.") || !strings.Contains(res.body, "of school age.") {
		t.Errorf("the Virtual School's manager: status %d: %.600s", res.status, res.body)
	}
	// A restricted child is a row with neither name nor id.
	if err := e.app.SetRestricted(ctx, app.Actor{Principal: access.Principal{User: e.users[access.Admin]}}, e.child, true, "test"); err != nil {
		t.Fatal(err)
	}
	csv = officer.get("/schooling.csv?at=2025-11-30&figure=persistent_absence")
	if !strings.Contains(csv.body, "\n,Restricted record,Child in need,") || strings.Contains(csv.body, strconv.FormatInt(int64(e.child), 10)+",") {
		t.Errorf("the children's CSV with the child restricted: %s", csv.body)
	}
}
