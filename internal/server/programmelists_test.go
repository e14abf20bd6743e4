package server

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/programme"
)

// TestProgrammeListsFromThePage: the programme manager keeps the board,
// the Supporting Families targets and the programme team on the
// programme's page: a full-time equivalent over 1, families not a number
// and a second target for a year are each named at their box, and nothing
// is written (a box is named by its row as the form is drawn again, blank
// rows dropped; the summary's links escape the brackets of the boxes' ids,
// which a browser decodes to find them); blank rows are left out; a form
// without the lists keeps them.
func TestProgrammeListsFromThePage(t *testing.T) {
	e := newEnv(t)
	p := e.mainProgramme()
	b := e.browser().signIn(access.ProgrammeManager)
	if res := b.get("/programme/edit"); !strings.Contains(res.body, `name="family_targets[1].year"`) || !strings.Contains(res.body, `name="team[0].fte"`) {
		t.Fatalf("the form lacks the lists' rows: status %d", res.status)
	}
	form := func(version int) url.Values {
		return url.Values{"version": {strconv.Itoa(version)}, "name": {p.Name}, "vision": {p.Vision}, "sro": {p.SRO.Name},
			"from-day": {"1"}, "from-month": {"4"}, "from-year": {"2020"}, "to-day": {"31"}, "to-month": {"3"}, "to-year": {"2030"},
			"reason":        {"board and targets"},
			"board[0].name": {"Director of Children's Services"}, "board[0].role": {"Chair"}, "board[1].name": {""}, "board[1].role": {""},
			"family_targets[0].year": {"2022-23"}, "family_targets[0].families": {"453"},
			"family_targets[1].year": {""}, "family_targets[1].families": {""},
			"family_targets[2].year": {"2020-21"}, "family_targets[2].families": {"484"},
			"team[0].year": {"2020-21"}, "team[0].role": {"Programme Manager"}, "team[0].grade": {"8"}, "team[0].hours": {"30"},
			"team[0].fte": {"0.5"}, "team[0].funding": {"Supporting Families"}, "team[0].cost": {"24,537"},
		}
	}
	bad := form(p.Version)
	bad.Set("team[0].fte", "1.5")
	bad.Set("family_targets[2].year", "2022-23")
	bad.Set("family_targets[0].families", "many")
	res := b.post("/programme/edit", bad)
	for _, want := range []string{`href="#team%5b0%5d.fte"`, `href="#family_targets%5b0%5d.families"`} {
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, want) {
			t.Fatalf("bad lists: status %d lacks %s: %s", res.status, want, errorSummary(res.body))
		}
	}
	bad.Set("team[0].fte", "0.5")
	bad.Set("family_targets[0].families", "453")
	res = b.post("/programme/edit", bad)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `href="#family_targets%5b1%5d.year"`) || !strings.Contains(res.body, "There is already a target for 2022-23") {
		t.Fatalf("two targets for a year: status %d: %s", res.status, errorSummary(res.body))
	}
	if got := e.mainProgramme(); got.Version != p.Version {
		t.Fatalf("a refused change was written: version %d", got.Version)
	}

	if res = b.post("/programme/edit", form(p.Version)); res.status != http.StatusSeeOther {
		t.Fatalf("saving the lists: status %d: %s", res.status, errorSummary(res.body))
	}
	got := e.mainProgramme()
	want := programme.Programme{
		Board:         []programme.Member{{Name: "Director of Children's Services", Role: "Chair"}},
		FamilyTargets: []programme.FamilyTarget{{Year: 2022, Families: 453}, {Year: 2020, Families: 484}},
		Team:          []programme.TeamPost{{Year: 2020, Role: "Programme Manager", Grade: 8, Hours: 30, FTE: 50, Funding: "Supporting Families", Cost: programme.Pounds(24_537)}},
	}
	if !reflect.DeepEqual(got.Board, want.Board) || !reflect.DeepEqual(got.FamilyTargets, want.FamilyTargets) || !reflect.DeepEqual(got.Team, want.Team) {
		t.Fatalf("saved board %+v, targets %+v, team %+v", got.Board, got.FamilyTargets, got.Team)
	}
	// A form without the lists (the name alone changed) keeps them.
	plain := url.Values{"version": {strconv.Itoa(got.Version)}, "name": {"Renamed " + serial()}, "vision": {p.Vision}, "sro": {p.SRO.Name},
		"from-day": {"1"}, "from-month": {"4"}, "from-year": {"2020"}, "to-day": {"31"}, "to-month": {"3"}, "to-year": {"2030"}, "reason": {"renamed"}}
	if res = b.post("/programme/edit", plain); res.status != http.StatusSeeOther {
		t.Fatalf("renaming: status %d: %s", res.status, errorSummary(res.body))
	}
	if again := e.mainProgramme(); len(again.Board) != 1 || len(again.FamilyTargets) != 2 || len(again.Team) != 1 {
		t.Errorf("a form without the lists changed them: %+v", again)
	}
	if hist, err := e.st.ProgrammeHistory(context.Background(), p.ID); err != nil || len(hist) < 3 {
		t.Errorf("the programme's history: %d versions, %v", len(hist), err)
	}
}
