package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// journeyWorld is a world with a front door team beside the social work
// team, a MASH worker in it, and a child who came in through a contact.
type journeyWorld struct {
	*world
	mashTeam access.Team
	mash     app.Actor
	child    people.ID
}

func newJourneyWorld(t *testing.T) *journeyWorld {
	t.Helper()
	w := newWorld(t)
	jw := &journeyWorld{world: w}
	var err error
	if jw.mashTeam, err = w.st.CreateTeam(w.ctx, access.Team{Name: "MASH 24", ServiceID: w.team.ServiceID}); err != nil {
		t.Fatal(err)
	}
	u, err := w.st.CreateUser(w.ctx, access.User{Username: "front.door", DisplayName: "Front Door", Roles: []access.Role{access.MASH}, TeamID: jw.mashTeam.ID}, "x", store.Change{Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.app.Principal(w.ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	jw.mash = app.Actor{Principal: p, Remote: "192.0.2.9", Route: "test"}
	child, err := w.app.CreatePerson(w.ctx, jw.mash, newPerson("Ada", "Stone"), "contact from school")
	if err != nil {
		t.Fatal(err)
	}
	jw.child = child.ID
	return jw
}

// at is a moment on 15 June 2026 in London.
func at(hour, min int) time.Time {
	return time.Date(2026, time.June, 15, hour, min, 0, 0, civil.London)
}

var june15 = civil.MustNew(2026, time.June, 15)

// record records r on the child as ac, failing the test on an error.
func (jw *journeyWorld) record(ac app.Actor, r journey.Record) journey.Record {
	jw.t.Helper()
	got, err := jw.app.RecordJourney(jw.ctx, ac, jw.child, r)
	if err != nil {
		jw.t.Fatalf("recording %s: %v", r.Kind, err)
	}
	return got
}

// TestJourneyFromContactToPlan walks one child from the front door to a
// child protection plan, checking at each step what the journey gives:
// the queue, the decision and the referral it opens, the team's access,
// due work, allocation and the work lists.
func TestJourneyFromContactToPlan(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(9, 0))
	contact := jw.record(jw.mash, journey.Record{Kind: journey.KindContact, Start: june15,
		Contact: &journey.Contact{ReceivedAt: at(8, 30), Source: "1A", Summary: "Bruising seen at school"}})
	if contact.TeamID != jw.mashTeam.ID {
		t.Errorf("contact team = %d, want the MASH worker's own %d", contact.TeamID, jw.mashTeam.ID)
	}

	q, err := jw.app.ContactQueue(jw.ctx, jw.mash)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Due) != 1 || q.Due[0].Item.Record != contact.ID || !q.Due[0].Item.DueAt.Equal(at(8, 30).Add(24*time.Hour)) {
		t.Fatalf("queue = %+v, want the contact due 24 hours after it came in", q.Due)
	}
	if len(q.Children) != 1 || q.Children[0].Due != 1 {
		t.Errorf("queue's children = %+v, want the child with the one decision due", q.Children)
	}
	if l := jw.lastLine(store.LogBulkRead); l.Children != 1 || l.Note != "contact queue" {
		t.Errorf("queue's log line = %+v", l)
	}

	// The practitioner's team does not know the child yet.
	sw := jw.actor(access.Practitioner)
	if _, err := jw.app.Journey(jw.ctx, sw, jw.child); err == nil {
		t.Fatal("a practitioner of a team not involved read the journey")
	}

	_, ref, err := jw.app.DecideContact(jw.ctx, jw.mash, jw.child, contact.ID, app.ContactDecision{Version: 1, Decision: "referral", PrimaryNeed: "N1", Team: jw.team.ID})
	if err != nil {
		t.Fatal(err)
	}
	if ref.Kind != journey.KindReferral || ref.Follows != contact.ID || ref.Referral.Source != "1A" || ref.TeamID != jw.team.ID {
		t.Fatalf("referral = %+v", ref)
	}
	// The referral gives the team its involvement, so the practitioner can now record.
	assessment := jw.record(sw, journey.Record{Kind: journey.KindAssessment, Episode: ref.ID, Start: june15, Assessment: &journey.Assessment{}})
	page, err := jw.app.Journey(jw.ctx, sw, jw.child)
	if err != nil {
		t.Fatal(err)
	}
	if page.Status != "assessment" {
		t.Errorf("status = %q, want assessment", page.Status)
	}
	wantDue := jw.app.Timescales.AssessmentDue(june15)
	found := false
	for _, it := range page.Due {
		if it.Record == assessment.ID && it.Due == wantDue {
			found = true
		}
	}
	if !found {
		t.Errorf("due = %+v, want the assessment due %s", page.Due, wantDue)
	}

	// Strategy discussion, S47, conference and plan.
	strategy := jw.record(sw, journey.Record{Kind: journey.KindStrategy, Episode: ref.ID, Start: june15, Strategy: &journey.Strategy{Outcome: "s47"}})
	s47 := jw.record(sw, journey.Record{Kind: journey.KindS47, Episode: ref.ID, Follows: strategy.ID, Start: june15, End: june15, S47: &journey.S47{Outcome: "icpc"}})
	icpc := jw.record(sw, journey.Record{Kind: journey.KindICPC, Episode: ref.ID, Follows: s47.ID, Start: june15, ICPC: &journey.ICPC{Plan: true}})
	jw.record(sw, journey.Record{Kind: journey.KindCPPlan, Episode: ref.ID, Follows: icpc.ID, Start: june15, Plan: &journey.Plan{InitialCategory: "NEG"}})
	if page, err = jw.app.Journey(jw.ctx, sw, jw.child); err != nil || page.Status != "cp" {
		t.Fatalf("status = %q, %v; want cp", page.Status, err)
	}

	// The manager allocates the child; it reaches the worker's list.
	mgr := jw.actor(access.TeamManager)
	if _, err := jw.app.Allocate(jw.ctx, sw, jw.child, app.Allocation{Team: jw.team.ID, Worker: jw.users[access.Practitioner].ID, Start: june15, Reason: "new case"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("a practitioner allocating: %v, want forbidden", err)
	}
	if _, err := jw.app.Allocate(jw.ctx, mgr, jw.child, app.Allocation{Team: jw.team.ID, Worker: jw.users[access.Practitioner].ID, Start: june15, Episode: ref.ID, Reason: "new case"}); err != nil {
		t.Fatal(err)
	}
	// Three weeks on, with no visit, the visit is overdue.
	jw.setClock(time.Date(2026, time.July, 6, 9, 0, 0, 0, civil.London))
	mine, err := jw.app.MyWork(jw.ctx, sw)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.Children) != 1 || mine.Children[0].Person.ID != jw.child || mine.Overdue == 0 {
		t.Fatalf("my work = %+v, want the child with overdue work", mine)
	}
	if !mine.Due[0].Overdue || mine.Due[0].Item.What != "Visit the child (child protection)" {
		t.Errorf("most urgent = %+v, want the overdue visit", mine.Due[0])
	}
	team, err := jw.app.TeamWork(jw.ctx, mgr, jw.team.ID)
	if err != nil || len(team.Children) != 1 {
		t.Fatalf("team work = %+v, %v", team.Children, err)
	}
	if _, err := jw.app.TeamWork(jw.ctx, sw, jw.team.ID); !errs.Is(err, errs.Forbidden) {
		t.Errorf("a practitioner's team page: %v, want forbidden", err)
	}
}

// TestJourneyRulesRefuseAndWriteNothing breaks rules through the use case:
// each refusal names the field, and nothing is written.
func TestJourneyRulesRefuseAndWriteNothing(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(12, 0))
	cases := []struct {
		name  string
		r     journey.Record
		field string
	}{
		{"an assessment outside a referral", journey.Record{Kind: journey.KindAssessment, Start: june15, Assessment: &journey.Assessment{}}, "episode"},
		{"an unknown referral source", journey.Record{Kind: journey.KindReferral, Start: june15, Referral: &journey.Referral{Source: "ZZ", PrimaryNeed: "N1"}}, "referral.source"},
		{"a date in the future", journey.Record{Kind: journey.KindNote, Start: june15.AddDays(1), Note: &journey.Note{Title: "t", Text: "x"}}, "start"},
		{"before the child was born", journey.Record{Kind: journey.KindNote, Start: civil.MustNew(2001, time.January, 1), Note: &journey.Note{Title: "t", Text: "x"}}, "start"},
		{"a contact dated apart from its receipt", journey.Record{Kind: journey.KindContact, Start: june15.AddDays(-3), Contact: &journey.Contact{ReceivedAt: at(8, 0), Source: "1A"}}, "start"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := jw.app.RecordJourney(jw.ctx, jw.mash, jw.child, c.r)
			if !errs.Is(err, errs.Invalid) || fieldOf(err) != c.field {
				t.Fatalf("err = %v (field %q), want invalid on %q", err, fieldOf(err), c.field)
			}
			page, err := jw.app.Journey(jw.ctx, jw.mash, jw.child)
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Records) != 0 {
				t.Errorf("records written: %+v", page.Records)
			}
		})
	}
}

// TestJourneyChangesAndConflicts: two workers recording at once both
// succeed on different records; the second to change the same one is told.
func TestJourneyChangesAndConflicts(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(12, 0))
	a := jw.record(jw.mash, journey.Record{Kind: journey.KindNote, Start: june15, Note: &journey.Note{Title: "Call", Text: "School called"}})
	b := jw.record(jw.mash, journey.Record{Kind: journey.KindNote, Start: june15, Note: &journey.Note{Title: "Visit", Text: "Saw the family"}})
	a1, b1 := a, b
	a1.Note = &journey.Note{Title: "Call", Text: "School called at noon"}
	b1.Note = &journey.Note{Title: "Visit", Text: "Saw the family at home"}
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, a1, "fuller note"); err != nil {
		t.Fatal(err)
	}
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, b1, "fuller note"); err != nil {
		t.Fatalf("a change to another record: %v", err)
	}
	a2 := a
	a2.Note = &journey.Note{Title: "Call", Text: "Something else"}
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, a2, "from an old copy"); !errs.Is(err, errs.Conflict) {
		t.Fatalf("a change from a stale version: %v, want conflict", err)
	}
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, a1, ""); !errs.Is(err, errs.Invalid) || fieldOf(err) != "reason" {
		t.Errorf("a change without a reason: %v", err)
	}
	kind := a1
	kind.Kind, kind.Note, kind.Visit = journey.KindVisit, nil, &journey.Visit{Seen: true}
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, kind, "other kind"); fieldOf(err) != "kind" {
		t.Errorf("changing the kind: %v", err)
	}
	page, err := jw.app.JourneyRecord(jw.ctx, jw.mash, jw.child, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.History) != 2 || page.History[1].Reason != "fuller note" {
		t.Errorf("history = %+v", page.History)
	}
	if l := jw.lastLine(store.LogHistory); l.Kind != store.KindJourney || l.RecordID != int64(a.ID) || l.PersonID != jw.child {
		t.Errorf("history's log line = %+v", l)
	}
	if _, err := jw.app.JourneyRecord(jw.ctx, jw.mash, jw.child, a.ID+1000); !errs.Is(err, errs.NotFound) {
		t.Errorf("another child's record id: %v", err)
	}
}

// TestContactPageShowsWhoKnowsTheFamily: the front door sees the teams
// open to the child's relatives.
func TestContactPageShowsWhoKnowsTheFamily(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(12, 0))
	mum := jw.person("Mary", "Stone", false)
	jw.relate(mum, jw.child, "parent")
	jw.involve(mum, access.KindEarlyHelp, civil.Date{})
	contact := jw.record(jw.mash, journey.Record{Kind: journey.KindContact, Start: june15, Contact: &journey.Contact{ReceivedAt: at(11, 0), Source: "5A"}})
	page, err := jw.app.Contact(jw.ctx, jw.mash, jw.child, contact.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Family) != 1 || len(page.Family[0].Involved) != 1 || page.Family[0].Involved[0].TeamID != jw.team.ID {
		t.Fatalf("family = %+v, want the mother with the team's involvement", page.Family)
	}
	if !page.CanDecide || !page.DueAt.Equal(at(11, 0).Add(24*time.Hour)) {
		t.Errorf("can decide %v, due %v", page.CanDecide, page.DueAt)
	}
	if _, _, err := jw.app.DecideContact(jw.ctx, jw.mash, jw.child, contact.ID, app.ContactDecision{Version: 1, Decision: "referral"}); !errs.Is(err, errs.Invalid) {
		t.Errorf("a referral with no team or need: %v", err)
	}
	if _, _, err := jw.app.DecideContact(jw.ctx, jw.mash, jw.child, contact.ID, app.ContactDecision{Version: 1, Decision: "advice"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := jw.app.DecideContact(jw.ctx, jw.mash, jw.child, contact.ID, app.ContactDecision{Version: 2, Decision: "nfa"}); fieldOf(err) != "decision" {
		t.Errorf("deciding twice: %v", err)
	}
}

// TestDerivedInvolvementEndsOnlyWithItsRecord: the involvement a referral
// gives cannot be ended apart from it.
func TestDerivedInvolvementEndsOnlyWithItsRecord(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(12, 0))
	ref := jw.record(jw.mash, journey.Record{Kind: journey.KindReferral, Start: june15, TeamID: jw.team.ID, Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}})
	invs, err := jw.app.Involvements(jw.ctx, jw.mash, jw.child)
	if err != nil {
		t.Fatal(err)
	}
	var derived store.Involvement
	for _, inv := range invs {
		if inv.Record == ref.ID {
			derived = inv
		}
	}
	if derived.ID == 0 || derived.Kind != access.KindChildInNeed || derived.TeamID != jw.team.ID {
		t.Fatalf("involvements = %+v, want the referral's child in need involvement", invs)
	}
	_, err = jw.app.EndInvolvement(jw.ctx, jw.mash, jw.child, derived.ID, derived.Version, june15, "ending by hand")
	if fieldOf(err) != "end_date" {
		t.Fatalf("ending a derived involvement by hand: %v", err)
	}
	closed := ref
	closed.End, closed.Referral = june15, &journey.Referral{Source: "1A", PrimaryNeed: "N1", ClosureReason: "RC8"}
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, closed, "case closed"); err != nil {
		t.Fatal(err)
	}
	if invs, err = jw.app.Involvements(jw.ctx, jw.mash, jw.child); err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs {
		if inv.Record == ref.ID && inv.EndDate != june15 {
			t.Errorf("the referral's involvement after closing = %+v, want it ended %s", inv, june15)
		}
	}
}

// TestNamingATeamOrWorkerIsGivingAccess: the team and worker a record
// names gain the child, so a practitioner names only their own team and
// themself, a worker must be an active member of the team, and a contact's
// decision is made only on its decision page, by the front door.
func TestNamingATeamOrWorkerIsGivingAccess(t *testing.T) {
	jw := newJourneyWorld(t)
	jw.setClock(at(12, 0))
	sw := jw.actor(access.Practitioner)
	mgr := jw.actor(access.TeamManager)
	other, err := jw.st.CreateTeam(jw.ctx, access.Team{Name: "Elsewhere", ServiceID: jw.team.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	// The practitioner's team gains the child through a referral.
	ref := jw.record(jw.mash, journey.Record{Kind: journey.KindReferral, Start: june15, TeamID: jw.team.ID, Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}})
	eh := func(team access.TeamID, worker access.UserID) journey.Record {
		return journey.Record{Kind: journey.KindEarlyHelp, Start: june15, TeamID: team, WorkerID: worker, EarlyHelp: &journey.EarlyHelp{}}
	}
	cases := []struct {
		name  string
		ac    app.Actor
		r     journey.Record
		field string
	}{
		{"a practitioner sends work to another team", sw, eh(other.ID, 0), "team_id"},
		{"a practitioner names another worker", sw, eh(jw.team.ID, jw.users[access.TeamManager].ID), "worker_id"},
		{"a team that does not exist", mgr, eh(99999, 0), "team_id"},
		{"a worker outside the team", mgr, eh(other.ID, jw.users[access.Practitioner].ID), "worker_id"},
		{"a user that does not exist", mgr, eh(jw.team.ID, 99999), "worker_id"},
		{"a visit credited to another team's worker", mgr, journey.Record{Kind: journey.KindVisit, Start: june15, WorkerID: jw.mash.UserID(), Visit: &journey.Visit{Seen: true}}, "worker_id"},
		{"a contact recorded with its decision", jw.mash, journey.Record{Kind: journey.KindContact, Start: june15, End: june15,
			Contact: &journey.Contact{ReceivedAt: at(9, 0), Source: "1A", Decision: "nfa", DecidedAt: at(10, 0).UTC(), DecidedBy: jw.users[access.TeamManager].ID}}, "contact.decision"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := jw.app.RecordJourney(jw.ctx, c.ac, jw.child, c.r)
			if !errs.Is(err, errs.Invalid) || !hasField(err, c.field) {
				t.Fatalf("err = %v, want invalid naming %s", err, c.field)
			}
		})
	}
	// The practitioner records work as their own, in their own team.
	jw.record(sw, eh(jw.team.ID, jw.users[access.Practitioner].ID))
	// Moving the referral to another team is a manager's act.
	moved := ref
	moved.TeamID = other.ID
	unteamed := ref
	unteamed.TeamID = 0
	if _, err := jw.app.ChangeJourney(jw.ctx, mgr, jw.child, unteamed, "no team"); !hasField(err, "team_id") {
		t.Errorf("a change that drops the referral's team: %v", err)
	}
	if _, err := jw.app.ChangeJourney(jw.ctx, sw, jw.child, moved, "move"); !hasField(err, "team_id") {
		t.Errorf("a practitioner moving a referral: %v", err)
	}
	if _, err := jw.app.ChangeJourney(jw.ctx, mgr, jw.child, moved, "move"); err != nil {
		t.Errorf("a manager moving a referral: %v", err)
	}

	// Decisions: the front door's alone, made once, on the decision page.
	contact := jw.record(jw.mash, journey.Record{Kind: journey.KindContact, Start: june15, Contact: &journey.Contact{ReceivedAt: at(9, 0), Source: "1A"}})
	if _, _, err := jw.app.DecideContact(jw.ctx, sw, jw.child, contact.ID, app.ContactDecision{Version: 1, Decision: "nfa"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("a practitioner deciding a contact: %v", err)
	}
	if _, _, err := jw.app.DecideContact(jw.ctx, jw.mash, jw.child, contact.ID, app.ContactDecision{Version: 1, Decision: "nfa", PrimaryNeed: "N1"}); !hasField(err, "primary_need") {
		t.Errorf("a primary need on no further action: %v", err)
	}
	forged := contact
	c := *contact.Contact
	c.Decision, c.DecidedAt, c.DecidedBy = "referral", at(10, 0).UTC(), jw.users[access.TeamManager].ID
	forged.Contact, forged.End = &c, june15
	if _, err := jw.app.ChangeJourney(jw.ctx, jw.mash, jw.child, forged, "decided"); !hasField(err, "contact.decision") {
		t.Errorf("a decision written through a change: %v", err)
	}

	// Only a user who holds cases is allocated a child: not the team's
	// analyst, though active and in the team.
	if _, err := jw.app.Allocate(jw.ctx, mgr, jw.child, app.Allocation{Team: jw.team.ID, Worker: jw.users[access.Analyst].ID, Start: june15, Reason: "cover"}); !hasField(err, "worker_id") {
		t.Errorf("allocating to an analyst: %v", err)
	}

	// An allocation's reason is held to a reason's length.
	long := make([]byte, 501)
	for i := range long {
		long[i] = 'x'
	}
	if _, err := jw.app.Allocate(jw.ctx, mgr, jw.child, app.Allocation{Team: jw.team.ID, Worker: jw.users[access.Practitioner].ID, Start: june15, Reason: string(long)}); !hasField(err, "reason") {
		t.Errorf("a reason of 501 characters: %v", err)
	}
}

// hasField reports whether err is a validation error naming field.
func hasField(err error, field string) bool {
	if e := errs.As(err); e != nil {
		for _, f := range e.Fields {
			if f.Field == field {
				return true
			}
		}
	}
	return false
}

// TestAddingAPersonOpensThemForTheDay: whoever adds a person may open them
// on the day, to record what brought them in; from the next day the
// record is open through its journey, not through having been added, so
// the front door does not keep every person ever added.
func TestAddingAPersonOpensThemForTheDay(t *testing.T) {
	jw := newJourneyWorld(t) // the front door adds Ada, at 10:00 on 15 June
	other, err := jw.st.CreateTeam(jw.ctx, access.Team{Name: "MASH nights", ServiceID: jw.team.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	u, err := jw.st.CreateUser(jw.ctx, access.User{Username: "night.desk", DisplayName: "Night Desk", Roles: []access.Role{access.MASH}, TeamID: other.ID}, "x", store.Change{Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := jw.app.Principal(jw.ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	night := app.Actor{Principal: p, Remote: "192.0.2.10", Route: "test"}
	if _, err := jw.app.Journey(jw.ctx, jw.mash, jw.child); err != nil {
		t.Fatalf("the one who added the child, that day: %v", err)
	}
	jw.setClock(time.Date(2026, time.June, 16, 9, 0, 0, 0, civil.London))
	for _, ac := range []app.Actor{jw.mash, night} {
		if _, err := jw.app.Journey(jw.ctx, ac, jw.child); err == nil {
			t.Errorf("%s read the child the day after they were added, with nothing on their journey", ac.Principal.User.Username)
		}
	}
	// A contact recorded on the day keeps the child at the front door
	// until it is decided.
	jw.setClock(at(11, 0))
	jw.record(jw.mash, journey.Record{Kind: journey.KindContact, Start: june15, Contact: &journey.Contact{ReceivedAt: at(10, 30), Source: "1A"}})
	jw.setClock(time.Date(2026, time.June, 16, 9, 0, 0, 0, civil.London))
	if _, err := jw.app.Journey(jw.ctx, night, jw.child); err != nil {
		t.Errorf("the front door, with the contact open: %v", err)
	}
}
