package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/store"
)

// endedInvolvement records an involvement of the team with a person that
// began on 1 October 2024 and ended on 19 January 2025.
func (e *env) endedInvolvement(pid people.ID, kind string, team access.TeamID) store.Involvement {
	e.t.Helper()
	inv := access.Involvement{PersonID: pid, Kind: kind, TeamID: team, StartDate: civil.MustNew(2024, time.October, 1), EndDate: civil.MustNew(2025, time.January, 19)}
	got, err := e.st.CreateInvolvement(context.Background(), store.Involvement{Involvement: inv}, store.Change{By: e.users[access.Admin].ID, Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// otherTeamToken makes a team of its own and a user of the role in it, and
// returns the user's API token.
func (e *env) otherTeamToken(role access.Role) (access.TeamID, string) {
	e.t.Helper()
	ctx := context.Background()
	team, err := e.st.CreateTeam(ctx, access.Team{Name: "Other team " + serial()})
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := e.app.CreateUser(ctx, app.Actor{}, app.NewUser{Username: "other." + serial(), DisplayName: "Other Worker", Password: testPassword, Roles: []access.Role{role}, TeamID: team.ID}, true)
	if err != nil {
		e.t.Fatal(err)
	}
	tok, _, err := e.app.CreateToken(ctx, u.ID, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	return team.ID, tok
}

// readsWith reports whether the API token reads the person's record.
func (e *env) readsWith(tok string, pid people.ID) bool {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1"+idPath(pid), nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	return (&browser{e: e, c: http.DefaultClient}).do(req).status == http.StatusOK
}

// unchanged checks that an involvement is still at version 1, ended on 19
// January 2025, and that no end of it is logged as done.
func (e *env) unchanged(pid people.ID, id store.InvolvementID) {
	e.t.Helper()
	if got := e.involvement(pid, id); got.Version != 1 || got.EndDate.String() != "2025-01-19" {
		e.t.Errorf("a refused end was written: %+v", got)
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{PersonID: pid, Kind: store.KindInvolvement, RecordID: int64(id), Action: store.LogUpdate})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, l := range lines {
		if l.State == store.LineDone {
			e.t.Errorf("a refused end is logged as done: %+v", l)
		}
	}
}

const endOnlyEarlier = "This involvement ended on 19 January 2025: an end date can only be moved earlier"

// TestReviveAnEndedInvolvementThroughTheAPI is the attack: a PUT that "ends"
// another team's ended involvement today, which made it open again and
// opened the child to that team. It is refused (422, naming end_date),
// nothing is written, and the other team's practitioner is still refused.
func TestReviveAnEndedInvolvementThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	team, colleague := e.otherTeamToken(access.Practitioner)
	inv := e.endedInvolvement(e.child, access.KindEarlyHelp, team)
	path := "/api/v1" + idPath(e.child) + "/involvements/" + str(inv.ID)
	if e.readsWith(colleague, e.child) {
		t.Fatal("the other team's practitioner reads the child before the attack")
	}
	today := civil.Of(time.Now().In(civil.London)).String()

	for _, end := range []string{today, "2025-01-20"} {
		res := e.api(access.Practitioner, "PUT", path, `{"version":1,"end_date":"`+end+`","reason":"Closed today"}`)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"end_date"`) || !strings.Contains(res.body, endOnlyEarlier) {
			t.Errorf("ending it again on %s: status %d: %.400s", end, res.status, res.body)
		}
	}
	e.unchanged(e.child, inv.ID)
	if e.readsWith(colleague, e.child) {
		t.Error("the other team's practitioner reads the child after a refused revival")
	}

	// A correction to an earlier day is saved, and its line names both days.
	res := e.api(access.Practitioner, "PUT", path, `{"version":1,"end_date":"2025-01-10","reason":"The date was typed wrong"}`)
	var moved struct{ Involvement store.Involvement }
	if err := json.Unmarshal([]byte(res.body), &moved); res.status != http.StatusOK || err != nil || moved.Involvement.Version != 2 || moved.Involvement.EndDate.String() != "2025-01-10" {
		t.Fatalf("moving the end earlier: status %d, %v: %.300s", res.status, err, res.body)
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{PersonID: e.child, Kind: store.KindInvolvement, RecordID: int64(inv.ID), Action: store.LogUpdate})
	if err != nil || len(lines) != 1 || lines[0].State != store.LineDone || lines[0].Note != "end moved from 2025-01-19 to 2025-01-10" {
		t.Errorf("the line of the correction: %v %+v", err, lines)
	}
	if e.readsWith(colleague, e.child) {
		t.Error("the other team's practitioner reads the child after the correction")
	}
}

// TestReviveAnEndedContactOnThePage: reviving another team's ended contact
// on the page would open the child to every MASH worker. The page shows the
// refusal in its error summary, nothing is written, and a MASH worker of
// that team is still refused.
func TestReviveAnEndedContactOnThePage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// The stranger: the practitioner's team works with them through early
	// help (no contact, which would open them to every MASH worker), and the
	// other team's contact with them has ended.
	own := access.Involvement{PersonID: e.stranger, Kind: access.KindEarlyHelp, TeamID: e.team.ID, StartDate: civil.MustNew(2025, time.June, 2)}
	if _, err := e.st.CreateInvolvement(ctx, store.Involvement{Involvement: own}, store.Change{By: e.users[access.Admin].ID, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	team, mash := e.otherTeamToken(access.MASH)
	inv := e.endedInvolvement(e.stranger, access.KindContact, team)
	if e.readsWith(mash, e.stranger) {
		t.Fatal("the other team's MASH worker reads the child before the attack")
	}
	path := endPath(e.stranger, inv.ID)
	b := e.browser().signIn(access.Practitioner)
	if res := b.get(path); res.status != http.StatusOK || !strings.Contains(res.body, "19 January 2025") || !strings.Contains(res.body, "not a later one") {
		t.Errorf("the end page of an ended contact: status %d, or no end date, or no word that it can only move earlier", res.status)
	}

	today := civil.Of(time.Now().In(civil.London))
	res := b.post(path, endForm("1", strconv.Itoa(today.Day), strconv.Itoa(int(today.Month)), strconv.Itoa(today.Year), "Closed today"))
	for _, want := range []string{"govuk-error-summary", `href="#end_date-day"`, endOnlyEarlier} {
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, want) {
			t.Errorf("reviving the contact on the page: status %d, body lacks %q", res.status, want)
		}
	}
	e.unchanged(e.stranger, inv.ID)
	if e.readsWith(mash, e.stranger) {
		t.Error("the other team's MASH worker reads the child after a refused revival")
	}

	if res := b.post(path, endForm("1", "10", "1", "2025", "The date was typed wrong")); res.status != http.StatusSeeOther {
		t.Fatalf("moving the end earlier on the page: status %d: %.500s", res.status, res.body)
	}
	if got := e.involvement(e.stranger, inv.ID); got.Version != 2 || got.EndDate.String() != "2025-01-10" {
		t.Errorf("after the correction: %+v", got)
	}
}

// TestAnInvolvementOfAnotherRecordIsLoggedAsRefused: an involvement id
// asked for through a record it is not on is "not found", page and API,
// and each refusal is a denied line on the record it was asked through.
func TestAnInvolvementOfAnotherRecordIsLoggedAsRefused(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	other := e.teamPerson("Other " + serial())
	invs, err := e.st.Involvements(ctx, sysPermit(other))
	if err != nil || len(invs) == 0 {
		t.Fatalf("the other person's involvements: %+v, %v", invs, err)
	}
	theirs := invs[0]
	b := e.browser().signIn(access.Practitioner)
	calls := []struct {
		name string
		do   func() response
	}{
		{"end page", func() response { return b.get(endPath(e.child, theirs.ID)) }},
		{"end on the page", func() response { return b.post(endPath(e.child, theirs.ID), endForm("1", "1", "9", "2025", "x")) }},
		{"end through the API", func() response {
			return e.api(access.Practitioner, "PUT", "/api/v1"+idPath(e.child)+"/involvements/"+str(theirs.ID), `{"version":1,"end_date":"2025-09-01","reason":"x"}`)
		}},
		{"history through the API", func() response {
			return e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.child)+"/involvements/"+str(theirs.ID)+"/history", "")
		}},
	}
	for i, c := range calls {
		if res := c.do(); res.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", c.name, res.status)
		}
		lines, err := e.st.AccessLog(ctx, store.AccessQuery{PersonID: e.child, Kind: store.KindInvolvement, RecordID: int64(theirs.ID), Action: store.LogDenied})
		if err != nil || len(lines) != i+1 {
			t.Fatalf("%s: %d denied lines on the child, want %d (%v)", c.name, len(lines), i+1, err)
		}
		if l := lines[0]; l.Username != "test.practitioner" || !strings.HasSuffix(l.Reason, ": not on this record") {
			t.Errorf("%s: denied line %+v", c.name, l)
		}
	}
	if got := e.involvement(other, theirs.ID); got.Version != 1 {
		t.Errorf("the other person's involvement was changed: %+v", got)
	}
}
