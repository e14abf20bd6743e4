package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// reviveFixture is the involvement fixture with a second team, whose work
// with the child ended on 19 January 2025: an early-help involvement and a
// contact, and a practitioner of that team and a MASH worker, whom those
// involvements no longer open the child to.
type reviveFixture struct {
	*involvementFixture
	child     people.Person
	help      store.Involvement // the other team's early help, ended
	contact   store.Involvement // the other team's contact, ended
	colleague app.Actor         // a practitioner of the other team
	mash      app.Actor         // a MASH worker
}

var endedOn = civil.MustNew(2025, time.January, 19)

func newReviveFixture(t *testing.T) *reviveFixture {
	t.Helper()
	f := &reviveFixture{involvementFixture: newInvolvementFixture(t)}
	// Written to the store, without the contact a create gives, which would
	// open the child to every MASH worker: the fixture's team works with the
	// child through early help instead.
	child, err := f.db.CreatePerson(f.ctx, people.Person{GivenName: "Amira", FamilyName: "Revived", DateOfBirth: civil.MustNew(2015, time.May, 4)}, store.Change{By: f.actor.UserID(), Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	f.child = child
	own := access.Involvement{PersonID: child.ID, Kind: access.KindEarlyHelp, TeamID: f.actor.Principal.User.TeamID, StartDate: civil.MustNew(2025, time.June, 2)}
	if _, err := f.db.CreateInvolvement(f.ctx, store.Involvement{Involvement: own}, store.Change{By: f.actor.UserID(), Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	team, err := f.db.CreateTeam(f.ctx, access.Team{Name: "Early Help"})
	if err != nil {
		t.Fatal(err)
	}
	actor := func(name string, role access.Role) app.Actor {
		u, err := f.db.CreateUser(f.ctx, access.User{Username: name, DisplayName: name, TeamID: team.ID, Roles: []access.Role{role}}, "", store.Change{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.app.Principal(f.ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return app.Actor{Principal: p, Route: "/test"}
	}
	f.colleague, f.mash = actor("otto", access.Practitioner), actor("mo", access.MASH)
	ended := func(kind string) store.Involvement {
		inv := access.Involvement{PersonID: f.child.ID, Kind: kind, TeamID: team.ID, StartDate: civil.MustNew(2024, time.October, 1), EndDate: endedOn}
		got, err := f.db.CreateInvolvement(f.ctx, store.Involvement{Involvement: inv}, store.Change{By: f.actor.UserID(), Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	f.help, f.contact = ended(access.KindEarlyHelp), ended(access.KindContact)
	return f
}

// refused checks that the actor may not read the child, as the ended
// involvements leave them.
func (f *reviveFixture) refused(t *testing.T, who string, ac app.Actor) {
	t.Helper()
	if _, err := f.app.Person(f.ctx, ac, f.child.ID, time.Time{}); err == nil {
		t.Errorf("%s reads the child", who)
	}
}

// lines is the access log's lines of an action on one of the child's
// involvements.
func (f *reviveFixture) lines(t *testing.T, id store.InvolvementID, action store.AccessAction) []store.AccessEntry {
	t.Helper()
	lines, err := f.db.AccessLog(f.ctx, store.AccessQuery{PersonID: f.child.ID, Kind: store.KindInvolvement, RecordID: int64(id), Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestAnEndedInvolvementCannotBeRevived: "ending" an ended involvement on a
// later date would reopen the child to its team (and a contact to every
// MASH worker). It is refused naming end_date, from the version as it
// stands or any other, nothing is written, and the others are still refused.
func TestAnEndedInvolvementCannotBeRevived(t *testing.T) {
	f := newReviveFixture(t)
	f.refused(t, "the other team's practitioner, before", f.colleague)
	f.refused(t, "a MASH worker, before", f.mash)
	today := civil.Of(f.now)

	for _, inv := range []store.Involvement{f.help, f.contact} {
		for _, c := range []struct {
			name    string
			version int
			end     civil.Date
			code    errs.Code
		}{
			{"today", inv.Version, today, errs.Invalid},
			{"the day after", inv.Version, endedOn.AddDays(1), errs.Invalid},
			{"today, from a made-up version", inv.Version + 1, today, errs.Conflict},
		} {
			_, err := f.app.EndInvolvement(f.ctx, f.actor, f.child.ID, inv.ID, c.version, c.end, "Closed today")
			e := errs.As(err)
			if e == nil || e.Code != c.code {
				t.Errorf("%s %s: %v, want %s", inv.Kind, c.name, err, c.code)
				continue
			}
			if c.code == errs.Invalid {
				want := "This involvement ended on 19 January 2025: an end date can only be moved earlier"
				if len(e.Fields) != 1 || e.Fields[0].Field != "end_date" || e.Fields[0].Message != want {
					t.Errorf("%s %s: fields %+v, want end_date: %q", inv.Kind, c.name, e.Fields, want)
				}
			}
		}
		h, err := f.db.InvolvementHistory(f.ctx, access.System(f.child.ID, access.ReadPerson, "test"))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range h {
			if v.Record.ID == inv.ID && (v.Version != 1 || v.Record.EndDate != endedOn) {
				t.Errorf("%s: a refused end was written: %+v", inv.Kind, v)
			}
		}
		for _, l := range f.lines(t, inv.ID, store.LogUpdate) {
			if l.State == store.LineDone {
				t.Errorf("%s: a refused end is logged as done: %+v", inv.Kind, l)
			}
		}
	}
	f.refused(t, "the other team's practitioner, after", f.colleague)
	f.refused(t, "a MASH worker, after", f.mash)
}

// TestAnEndMovedEarlierIsLoggedWithBothDates: a correction to an earlier
// day is saved, and the log's note names the end it had and the one it has;
// the first end names its date, and an end saved again on its own day says
// so.
func TestAnEndMovedEarlierIsLoggedWithBothDates(t *testing.T) {
	f := newReviveFixture(t)
	earlier := civil.MustNew(2025, time.January, 10)
	moved, err := f.app.EndInvolvement(f.ctx, f.actor, f.child.ID, f.help.ID, f.help.Version, earlier, "The date was typed wrong")
	if err != nil || moved.Version != 2 || moved.EndDate != earlier {
		t.Fatalf("moving the end earlier: %+v, %v", moved, err)
	}
	again, err := f.app.EndInvolvement(f.ctx, f.actor, f.child.ID, f.help.ID, moved.Version, earlier, "Reason corrected")
	if err != nil || again.Version != 3 {
		t.Fatalf("saving the end on its own day: %+v, %v", again, err)
	}
	if _, err := f.app.EndInvolvement(f.ctx, f.actor, f.child.ID, f.help.ID, again.Version, endedOn, "Back to the old date"); !errs.Is(err, errs.Invalid) {
		t.Errorf("moving the corrected end back later: %v, want invalid", err)
	}
	lines := f.lines(t, f.help.ID, store.LogUpdate) // newest first
	if len(lines) != 2 || lines[1].Note != "end moved from 2025-01-19 to 2025-01-10" || lines[0].Note != "end kept at 2025-01-10" || lines[1].State != store.LineDone {
		t.Errorf("the lines of the corrections: %+v", lines)
	}

	// The fixture team's own involvement, open: its first end names its date.
	invs, err := f.db.Involvements(f.ctx, access.System(f.child.ID, access.ReadPerson, "test"))
	if err != nil {
		t.Fatal(err)
	}
	var open store.Involvement
	for _, inv := range invs {
		if inv.EndDate.IsZero() {
			open = inv
		}
	}
	if open.ID == 0 {
		t.Fatal("no open involvement")
	}
	today := civil.Of(f.now)
	if _, err := f.app.EndInvolvement(f.ctx, f.actor, f.child.ID, open.ID, open.Version, today, "Case closed"); err != nil {
		t.Fatal(err)
	}
	if lines := f.lines(t, open.ID, store.LogUpdate); len(lines) != 1 || lines[0].Note != "ended "+today.String() {
		t.Errorf("the line of the first end: %+v", lines)
	}
}

// TestAnInvolvementNotOnTheRecordIsLoggedAsRefused: an involvement id asked
// for through another person's record is refused, and the refusal is
// written on the person it was asked through, for ending it, its end page
// and its history alike. An id that cannot name one writes nothing.
func TestAnInvolvementNotOnTheRecordIsLoggedAsRefused(t *testing.T) {
	f := newReviveFixture(t)
	other := f.create(t, "Other")
	invs, err := f.db.Involvements(f.ctx, access.System(other.ID, access.ReadPerson, "test"))
	if err != nil || len(invs) != 1 {
		t.Fatalf("the other person's involvements: %+v, %v", invs, err)
	}
	theirs := invs[0]
	today := civil.Of(f.now)
	calls := []struct {
		name string
		act  access.Action
		call func(store.InvolvementID) error
	}{
		{"end", access.UpdatePerson, func(id store.InvolvementID) error {
			_, err := f.app.EndInvolvement(f.ctx, f.actor, f.child.ID, id, 1, today, "Case closed")
			return err
		}},
		{"end page", access.UpdatePerson, func(id store.InvolvementID) error {
			_, err := f.app.InvolvementToEndOn(f.ctx, f.actor, f.child.ID, id)
			return err
		}},
		{"history", access.ReadPerson, func(id store.InvolvementID) error {
			_, err := f.app.InvolvementHistory(f.ctx, f.actor, f.child.ID, id)
			return err
		}},
	}
	for i, c := range calls {
		if err := c.call(theirs.ID); err != app.ErrNoInvolvement {
			t.Errorf("%s: %v, want ErrNoInvolvement", c.name, err)
		}
		lines := f.lines(t, theirs.ID, store.LogDenied) // newest first
		if len(lines) != i+1 {
			t.Fatalf("%s: %d denied lines on the child, want %d", c.name, len(lines), i+1)
		}
		if l := lines[0]; l.UserID != f.actor.UserID() || l.Reason != string(c.act)+": not on this record" || l.State != store.LineDone {
			t.Errorf("%s: denied line %+v", c.name, l)
		}
		if err := c.call(0); err != app.ErrNoInvolvement {
			t.Errorf("%s of id 0: %v, want ErrNoInvolvement", c.name, err)
		}
	}
	if got, err := f.db.AccessLog(f.ctx, store.AccessQuery{PersonID: f.child.ID, Action: store.LogDenied}); err != nil || len(got) != len(calls) {
		t.Errorf("denied lines on the child: %d, %v; want %d (none for id 0)", len(got), err, len(calls))
	}
	if got, err := f.db.AccessLog(f.ctx, store.AccessQuery{PersonID: other.ID, Action: store.LogDenied}); err != nil || len(got) != 0 {
		t.Errorf("the refusal was written on the other person: %+v, %v", got, err)
	}
	if h, err := f.db.InvolvementHistory(f.ctx, access.System(other.ID, access.ReadPerson, "test")); err != nil || len(h) != 1 {
		t.Errorf("the other person's involvement was changed: %+v, %v", h, err)
	}
}
