package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// claimsWorld is a world whose team works with one family (its main child
// in early help) and not with another, with a programme whose target for
// 2025-26 is 3 families.
type claimsWorld struct {
	*world
	ours, theirs people.ID
}

func newClaimsWorld(t *testing.T) claimsWorld {
	t.Helper()
	w := newWorld(t)
	cw := claimsWorld{world: w, ours: w.person("Ada", "Ours", false), theirs: w.person("Ben", "Theirs", false)}
	w.involve(cw.ours, access.KindEarlyHelp, civil.Date{})
	pm := w.actor(access.ProgrammeManager)
	if _, err := w.app.SaveProgramme(w.ctx, pm, programme.Programme{Name: "TCSP", Vision: "Families first", SRO: programme.Member{Name: "Director"},
		Mandate:       programme.Mandate{From: civil.MustNew(2020, time.April, 1), To: civil.MustNew(2027, time.March, 31)},
		FamilyTargets: []programme.FamilyTarget{{Year: 2025, Families: 3}}}, ""); err != nil {
		t.Fatal(err)
	}
	return cw
}

// draft is a claim for a child in the 2025-26 window.
func draft(on people.ID, family string) programme.Claim {
	return programme.Claim{Person: on, Family: family, Problems: []string{"education", "health"},
		Window: programme.Window{Opens: civil.MustNew(2026, time.January, 1), Closes: civil.MustNew(2026, time.March, 31)}}
}

func TestClaimsByRole(t *testing.T) {
	cw := newClaimsWorld(t)
	// Who may read and change the team's family's claims, by role: the
	// team's practitioners, managers and MASH change them; an analyst reads
	// every unrestricted record but changes none; the others read none.
	reads := map[access.Role]bool{access.Practitioner: true, access.TeamManager: true, access.MASH: true, access.Analyst: true}
	changes := map[access.Role]bool{access.Practitioner: true, access.TeamManager: true, access.MASH: true}
	for _, role := range access.Roles {
		ac := cw.actor(role)
		c, err := cw.app.SaveClaim(cw.ctx, ac, draft(cw.ours, "SF-"+string(role)), "")
		if changes[role] != (err == nil) {
			t.Errorf("%s: making a claim gives %v", role, err)
		}
		if err == nil && (c.Status != programme.ClaimDraft || c.Version != 1) {
			t.Errorf("%s: made %+v", role, c)
		}
		page, err := cw.app.FamilyClaims(cw.ctx, ac, cw.ours)
		if reads[role] != (err == nil) {
			t.Errorf("%s: reading the claims gives %v", role, err)
		}
		if err == nil && page.MayChange != changes[role] {
			t.Errorf("%s: may change %v", role, page.MayChange)
		}
		// Nobody here works with the other family.
		if _, err := cw.app.SaveClaim(cw.ctx, ac, draft(cw.theirs, "SF-X"), ""); err == nil || role == access.Analyst && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: a claim for a family the team does not work with gives %v", role, err)
		}
	}
	// Every read of the claims is in the child's access log, with its reason.
	var reads2, denied int
	for _, e := range cw.log(cw.ours) {
		if e.Kind == store.KindClaim && e.Action == store.LogRead {
			reads2++
			if e.Reason == "" {
				t.Errorf("a read logged without a reason: %+v", e)
			}
		}
		if e.Action == store.LogDenied {
			denied++
		}
	}
	if reads2 != len(reads) || denied == 0 {
		t.Errorf("the child's log has %d reads of claims and %d refusals; want %d and some", reads2, denied, len(reads))
	}
}

func TestClaimMovesAndChanges(t *testing.T) {
	cw := newClaimsWorld(t)
	pr, mgr := cw.actor(access.Practitioner), cw.actor(access.TeamManager)
	c, err := cw.app.SaveClaim(cw.ctx, pr, draft(cw.ours, "SF-0001"), "")
	if err != nil {
		t.Fatal(err)
	}
	// The evidence is needed from the time it is checked, by someone else.
	move := func(ac app.Actor, c programme.Claim, to programme.ClaimStatus, on civil.Date) (programme.Claim, error) {
		return cw.app.MoveClaim(cw.ctx, ac, cw.ours, c.ID, app.ClaimMove{Version: c.Version, To: to, On: on})
	}
	if _, err := move(mgr, c, programme.ClaimChecked, civil.Date{}); !hasField(err, "evidence") {
		t.Errorf("checking a claim without evidence: %v", err)
	}
	c.Evidence = "School attendance above 90% for three terms"
	if c, err = cw.app.SaveClaim(cw.ctx, pr, c, "evidence added"); err != nil {
		t.Fatal(err)
	}
	if _, err := move(pr, c, programme.ClaimChecked, civil.Date{}); !hasField(err, "to") {
		t.Errorf("the claim's maker checking it: %v", err)
	}
	if _, err := move(mgr, c, programme.ClaimPaid, civil.MustNew(2026, time.March, 1)); !hasField(err, "to") {
		t.Errorf("a draft paid: %v", err)
	}
	if c, err = move(mgr, c, programme.ClaimChecked, civil.Date{}); err != nil {
		t.Fatal(err)
	}
	// Evidence changed after the check makes the claim a draft again, and
	// whoever wrote evidence may not check it (an insider's run found a
	// checked claim's evidence rewritten by its maker, and a checker of
	// their own words).
	edited := c
	edited.Evidence = "School attendance above 90% for three terms; no police call-outs"
	if edited, err = cw.app.SaveClaim(cw.ctx, mgr, edited, "evidence added after the check"); err != nil || edited.Status != programme.ClaimDraft {
		t.Fatalf("a checked claim's evidence changed: %+v, %v; want a draft", edited, err)
	}
	if _, err := move(mgr, edited, programme.ClaimChecked, civil.Date{}); !hasField(err, "to") {
		t.Errorf("a checker of evidence they wrote: %v", err)
	}
	if _, err := move(pr, edited, programme.ClaimChecked, civil.Date{}); !hasField(err, "to") {
		t.Errorf("the maker checking: %v", err)
	}
	third, err := cw.st.CreateUser(cw.ctx, access.User{Username: "third.checker", DisplayName: "Third Checker", Roles: []access.Role{access.TeamManager}, TeamID: cw.team.ID}, "x", store.Change{Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	tp, err := cw.app.Principal(cw.ctx, third)
	if err != nil {
		t.Fatal(err)
	}
	if c, err = move(app.Actor{Principal: tp, Remote: "192.0.2.1", Route: "test"}, edited, programme.ClaimChecked, civil.Date{}); err != nil {
		t.Fatal(err)
	}
	// Submitting needs a date, within the window and not in the future.
	if _, err := move(pr, c, programme.ClaimSubmitted, civil.Date{}); !hasField(err, "on") {
		t.Errorf("submitted with no date: %v", err)
	}
	if _, err := move(pr, c, programme.ClaimSubmitted, civil.MustNew(2025, time.December, 31)); !hasField(err, "on") {
		t.Errorf("submitted before the window: %v", err)
	}
	cw.setClock(time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC))
	if _, err := move(pr, c, programme.ClaimSubmitted, civil.MustNew(2026, time.March, 20)); !hasField(err, "on") {
		t.Errorf("submitted in the future: %v", err)
	}
	if c, err = move(pr, c, programme.ClaimSubmitted, civil.MustNew(2026, time.March, 9)); err != nil {
		t.Fatal(err)
	}
	// A submitted claim's window does not change; a stale version is refused.
	moved := c
	moved.Window.Closes = civil.MustNew(2026, time.March, 30)
	if _, err := cw.app.SaveClaim(cw.ctx, pr, moved, "wrong window"); !hasField(err, "family") {
		t.Errorf("a submitted claim's window changed: %v", err)
	}
	stale := c
	stale.Version--
	if _, err := cw.app.SaveClaim(cw.ctx, pr, stale, "stale"); !errs.Is(err, errs.Conflict) {
		t.Errorf("a stale edit: %v", err)
	}
	if _, err := move(mgr, stale, programme.ClaimPaid, civil.MustNew(2026, time.March, 10)); !errs.Is(err, errs.Conflict) {
		t.Errorf("a stale move: %v", err)
	}
	// A submitted claim's evidence is what was checked and sent: fixed.
	rewritten := c
	rewritten.Evidence = "Attendance and a stable home"
	if _, err := cw.app.SaveClaim(cw.ctx, pr, rewritten, "evidence fuller"); !hasField(err, "evidence") {
		t.Errorf("a submitted claim's evidence rewritten: %v", err)
	}
	// An edit does not move the status, whatever it says.
	sneaky := c
	sneaky.Status = programme.ClaimPaid
	if c, err = cw.app.SaveClaim(cw.ctx, pr, sneaky, "status said paid"); err != nil || c.Status != programme.ClaimSubmitted {
		t.Fatalf("an edit saying paid: %+v, %v", c, err)
	}
	if c, err = move(mgr, c, programme.ClaimPaid, civil.MustNew(2026, time.March, 10)); err != nil {
		t.Fatal(err)
	}
	if _, err := move(mgr, c, programme.ClaimRejected, civil.MustNew(2026, time.March, 10)); !hasField(err, "to") {
		t.Errorf("a paid claim rejected: %v", err)
	}
	page, err := cw.app.Claim(cw.ctx, mgr, cw.ours, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Made, evidence, checked, evidence again (a draft), checked by a
	// third, submitted, the status edit, paid.
	if len(page.History) != 8 || page.History[0].By != pr.UserID() || page.Claim.Decided != civil.MustNew(2026, time.March, 10) || len(page.Moves) != 0 {
		t.Errorf("the claim's page: %d versions, first by %d, decided %s, moves %v", len(page.History), page.History[0].By, page.Claim.Decided, page.Moves)
	}
	// Every write is logged against the child, done.
	writes := 0
	for _, e := range cw.log(cw.ours) {
		if e.Kind == store.KindClaim && (e.Action == store.LogCreate || e.Action == store.LogUpdate) {
			if e.State == store.LineDone {
				writes++
			}
		}
	}
	if writes != 8 {
		t.Errorf("%d claim writes logged as done, want 8", writes)
	}
}

func TestBadClaimsWriteNothing(t *testing.T) {
	cw := newClaimsWorld(t)
	pr := cw.actor(access.Practitioner)
	bad := []struct {
		name  string
		claim programme.Claim
		field string
	}{
		{"no child", programme.Claim{Family: "SF-1"}, "person"},
		{"no family reference", func() programme.Claim { c := draft(cw.ours, ""); return c }(), "family"},
		{"window out of order", func() programme.Claim {
			c := draft(cw.ours, "SF-1")
			c.Window.Closes = civil.MustNew(2025, time.December, 1)
			return c
		}(), "window.closes"},
		{"no problems", func() programme.Claim { c := draft(cw.ours, "SF-1"); c.Problems = nil; return c }(), "problems"},
		{"an unknown problem", func() programme.Claim { c := draft(cw.ours, "SF-1"); c.Problems = []string{"weather"}; return c }(), "problems[0]"},
		{"a new claim already paid", func() programme.Claim { c := draft(cw.ours, "SF-1"); c.Status = programme.ClaimPaid; return c }(), "status"},
	}
	for _, b := range bad {
		if _, err := cw.app.SaveClaim(cw.ctx, pr, b.claim, ""); !hasField(err, b.field) {
			t.Errorf("%s: got %v, want an error naming %s", b.name, err, b.field)
		}
	}
	page, err := cw.app.FamilyClaims(cw.ctx, pr, cw.ours)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Claims) != 0 {
		t.Errorf("refused claims were written: %+v", page.Claims)
	}
}

func TestFamiliesProgressAndExport(t *testing.T) {
	cw := newClaimsWorld(t)
	pr, mgr := cw.actor(access.Practitioner), cw.actor(access.TeamManager)
	// Two claims for the team's family, one for the other family (made by
	// the system, as Demo City makes them) and a restricted family's.
	for _, f := range []string{"SF-1", "SF-2"} {
		c, err := cw.app.SaveClaim(cw.ctx, pr, draft(cw.ours, f), "")
		if err != nil {
			t.Fatal(err)
		}
		if f == "SF-2" {
			c.Evidence = "Sustained progress"
			if c, err = cw.app.SaveClaim(cw.ctx, pr, c, "evidence"); err != nil {
				t.Fatal(err)
			}
			if _, err = cw.app.MoveClaim(cw.ctx, mgr, cw.ours, c.ID, app.ClaimMove{Version: c.Version, To: programme.ClaimChecked}); err != nil {
				t.Fatal(err)
			}
		}
	}
	hidden := cw.person("Cal", "Hidden", true)
	for i, id := range []people.ID{cw.theirs, hidden} {
		c := draft(id, "SF-9"+strconv.Itoa(i))
		c.Status = programme.ClaimDraft
		if _, err := cw.st.CreateClaim(cw.ctx, c, store.Change{Reason: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	y := programme.Year(2025)
	for _, tt := range []struct {
		role          access.Role
		rows          int
		whole, export bool
		drafts        int
	}{
		{access.Practitioner, 2, false, false, 1},
		{access.TeamManager, 2, true, false, 3},      // reads the figures of every claim
		{access.Analyst, 3, true, true, 3},           // every unrestricted record
		{access.ProgrammeManager, 0, true, false, 3}, // figures only
		{access.Partner, 0, false, false, 0},
	} {
		page, err := cw.app.Families(cw.ctx, cw.actor(tt.role), y)
		if err != nil {
			t.Fatalf("%s: %v", tt.role, err)
		}
		if len(page.Rows) != tt.rows || page.Whole != tt.whole || page.MayExport != tt.export || page.Progress.Draft != tt.drafts || page.Progress.Target != 3 {
			t.Errorf("%s: %d rows, whole %v, export %v, progress %+v", tt.role, len(page.Rows), page.Whole, page.MayExport, page.Progress)
		}
		for _, r := range page.Rows {
			if r.Claim.Person == hidden || tt.role != access.Analyst && r.Claim.Person == cw.theirs {
				t.Errorf("%s: listed %+v", tt.role, r)
			}
		}
		if !page.Whole && page.Progress.Draft+page.Progress.Checked != len(page.Rows) {
			t.Errorf("%s: counts %+v do not match the %d listed", tt.role, page.Progress, len(page.Rows))
		}
	}
	// The export is the analyst's, of every claim, logged with its children.
	if _, err := cw.app.ExportClaims(cw.ctx, pr, y); !errs.Is(err, errs.Forbidden) {
		t.Errorf("a practitioner's export: %v", err)
	}
	an := cw.actor(access.Analyst)
	x, err := cw.app.ExportClaims(cw.ctx, an, y)
	if err != nil {
		t.Fatal(err)
	}
	recs := x.Records()
	if len(recs) != 5 || x.Children != 3 || recs[0][0] != "claim" {
		t.Fatalf("the export: %d records for %d children: %v", len(recs), x.Children, recs)
	}
	if got := strings.Join(recs[1][3:8], "|"); got != "Ada|Ours|2015-05-04|2026-01-01|2026-03-31" {
		t.Errorf("the export's first claim: %s", got)
	}
	if err := x.Document().Validate(); err != nil {
		t.Errorf("the export's document: %v", err)
	}
	lines, err := cw.st.AccessLog(cw.ctx, store.AccessQuery{UserID: an.UserID(), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || lines[0].Action != store.LogExport || lines[0].Children != 3 || lines[0].Kind != store.KindClaim {
		t.Errorf("the export's line: %+v", lines)
	}
}

// TestClaimsShowTheFamilysEarlyHelp: a family is its main child's early
// help: the claims' pages carry the latest episode, with its headline
// problems, lead practitioner and hub.
func TestClaimsShowTheFamilysEarlyHelp(t *testing.T) {
	cw := newClaimsWorld(t)
	pr := cw.actor(access.Practitioner)
	page, err := cw.app.FamilyClaims(cw.ctx, pr, cw.ours)
	if err != nil || page.Family != nil {
		t.Fatalf("before any early help: %+v, %v", page.Family, err)
	}
	for i, start := range []civil.Date{civil.MustNew(2024, time.May, 1), civil.MustNew(2025, time.September, 1)} {
		hub := []string{"North Family Hub", "East Family Hub"}[i]
		if _, err := cw.st.CreateJourneyRecord(cw.ctx, journey.Record{Kind: journey.KindEarlyHelp, PersonID: cw.ours, Start: start, TeamID: cw.team.ID,
			EarlyHelp: &journey.EarlyHelp{FamilyHub: hub, LeadPractitioner: "Family support worker", Problems: []string{"housing", "finance"}}},
			store.Change{By: cw.admin.ID, Reason: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	page, err = cw.app.FamilyClaims(cw.ctx, pr, cw.ours)
	if err != nil || page.Family == nil || page.Family.EarlyHelp.FamilyHub != "East Family Hub" || len(page.Family.EarlyHelp.Problems) != 2 {
		t.Fatalf("the family: %+v, %v", page.Family, err)
	}
	c, err := cw.app.SaveClaim(cw.ctx, pr, draft(cw.ours, "SF-7"), "")
	if err != nil {
		t.Fatal(err)
	}
	cp, err := cw.app.Claim(cw.ctx, pr, cw.ours, c.ID)
	if err != nil || cp.Family == nil || cp.Family.Start != civil.MustNew(2025, time.September, 1) {
		t.Fatalf("the claim's family: %+v, %v", cp.Family, err)
	}
}
