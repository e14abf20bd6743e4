package app_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// involvementFixture is an app over a new SQLite store, with a practitioner
// in a team, at 10:00 on 2 March 2026.
type involvementFixture struct {
	ctx   context.Context
	db    *sqlstore.DB
	app   *app.App
	actor app.Actor
	now   time.Time
}

func newInvolvementFixture(t *testing.T) *involvementFixture {
	t.Helper()
	ctx := context.Background()
	db := openStore(t)
	f := &involvementFixture{ctx: ctx, db: db, now: time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)}
	f.app = app.New(db, quietLog)
	f.app.Clock = func() time.Time { return f.now }
	team, err := db.CreateTeam(ctx, access.Team{Name: "Assessment"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.CreateUser(ctx, access.User{Username: "ivy", DisplayName: "Ivy Worker", TeamID: team.ID, Roles: []access.Role{access.Practitioner}}, "", store.Change{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.app.Principal(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	f.actor = app.Actor{Principal: p, Route: "/test"}
	return f
}

func (f *involvementFixture) create(t *testing.T, family string) people.Person {
	t.Helper()
	p, err := f.app.CreatePerson(f.ctx, f.actor, people.Person{GivenName: "Amira", FamilyName: family, DateOfBirth: civil.MustNew(2015, time.May, 4)}, "Contact from school")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCreatePersonWritesPersonAndContactTogether: a new person comes with
// their contact involvement; when the involvement cannot be written (here
// the creator's team is not in the store), neither is the person.
func TestCreatePersonWritesPersonAndContactTogether(t *testing.T) {
	f := newInvolvementFixture(t)
	p := f.create(t, "Written")
	invs, err := f.db.Involvements(f.ctx, access.System(p.ID, access.ReadPerson, "test"))
	if err != nil || len(invs) != 1 || invs[0].Kind != access.KindContact || invs[0].TeamID != f.actor.Principal.User.TeamID {
		t.Fatalf("involvements of a new person: %+v, %v", invs, err)
	}

	lost := f.actor
	lost.Principal.User.TeamID = 999
	_, err = f.app.CreatePerson(f.ctx, lost, people.Person{GivenName: "Orla", FamilyName: "Orphan", DateOfBirth: civil.MustNew(2016, time.June, 5)}, "Contact from school")
	if errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("creating with a team that does not exist: %v, want invalid", err)
	}
	n, err := f.db.CountPeople(f.ctx)
	if err != nil || n != 1 {
		t.Fatalf("people after the failed create: %d, %v; want only the first", n, err)
	}
	found, err := f.db.SearchPeople(f.ctx, store.PersonQuery{Name: "Orphan"})
	if err != nil || len(found) != 0 {
		t.Fatalf("the person whose involvement failed was kept: %v, %v", found, err)
	}
}

// TestEndInvolvement: ending an involvement writes a new version with the
// end date and reason; the date may not be in the future or before the
// start, a stale version is refused, and once the end date has passed the
// involvement no longer opens the record.
func TestEndInvolvement(t *testing.T) {
	f := newInvolvementFixture(t)
	p := f.create(t, "Ended")
	permit := access.System(p.ID, access.ReadPerson, "test")
	invs, err := f.db.Involvements(f.ctx, permit)
	if err != nil || len(invs) != 1 {
		t.Fatalf("involvements: %+v, %v", invs, err)
	}
	inv := invs[0]
	today := civil.Of(f.now)

	cases := []struct {
		name    string
		version int
		end     civil.Date
		reason  string
		field   string
	}{
		{"no end date", inv.Version, civil.Date{}, "Case closed", "end_date"},
		{"in the future", inv.Version, today.AddDays(1), "Case closed", "end_date"},
		{"before the start", inv.Version, inv.StartDate.AddDays(-1), "Case closed", "end_date"},
		{"no reason", inv.Version, today, "", "reason"},
		{"no version", 0, today, "Case closed", "version"},
	}
	for _, c := range cases {
		_, err := f.app.EndInvolvement(f.ctx, f.actor, p.ID, inv.ID, c.version, c.end, c.reason)
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has(c.field) {
			t.Errorf("%s: %v, want invalid %s", c.name, err, c.field)
		}
	}
	if _, err := f.app.EndInvolvement(f.ctx, f.actor, p.ID, inv.ID+100, inv.Version, today, "Case closed"); !errs.Is(err, errs.NotFound) {
		t.Errorf("another record's involvement: %v, want not found", err)
	}

	ended, err := f.app.EndInvolvement(f.ctx, f.actor, p.ID, inv.ID, inv.Version, today, "Case closed")
	if err != nil {
		t.Fatal(err)
	}
	if ended.Version != 2 || ended.EndDate != today {
		t.Fatalf("ended involvement: %+v", ended)
	}
	if _, err := f.app.EndInvolvement(f.ctx, f.actor, p.ID, inv.ID, inv.Version, today, "Case closed again"); !errs.Is(err, errs.Conflict) {
		t.Errorf("ending from a stale version: %v, want conflict", err)
	}
	h, err := f.db.InvolvementHistory(f.ctx, permit)
	if err != nil || len(h) != 2 || h[1].Reason != "Case closed" || h[1].By != f.actor.UserID() {
		t.Fatalf("history: %+v, %v", h, err)
	}

	// Open today; closed tomorrow, when the practitioner's team no longer
	// has a relationship to the record.
	if _, err := f.app.Person(f.ctx, f.actor, p.ID, time.Time{}); err != nil {
		t.Fatalf("read on the day the involvement ends: %v", err)
	}
	f.now = f.now.Add(24 * time.Hour)
	// A practitioner may break the glass, so a refused read asks for a
	// reason; a refused change is "not found", like every refusal on a record.
	if _, err := f.app.Person(f.ctx, f.actor, p.ID, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("read the day after the involvement ended: %v, want a reason asked for", err)
	}
	if _, err := f.app.EndInvolvement(f.ctx, f.actor, p.ID, inv.ID, ended.Version, today, "Case closed"); !errs.Is(err, errs.NotFound) {
		t.Errorf("ending without a relationship to the record: %v, want not found", err)
	}
}

// TestFamilyReadOpensTheRelative: a parent with no involvement of the
// practitioner's team is read through the child's record (the family rule),
// and the store reads the parent with the permit the rule gives.
func TestFamilyReadOpensTheRelative(t *testing.T) {
	f := newInvolvementFixture(t)
	child := f.create(t, "Child")
	c := store.Change{Reason: "test"}
	parent, err := f.db.CreatePerson(f.ctx, people.Person{GivenName: "Lena", FamilyName: "Parent", DateOfBirth: civil.MustNew(1988, time.August, 12)}, c)
	if err != nil {
		t.Fatal(err)
	}
	stranger, err := f.db.CreatePerson(f.ctx, people.Person{GivenName: "Sam", FamilyName: "Stranger", DateOfBirth: civil.MustNew(1980, time.January, 1)}, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.CreateRelationship(f.ctx, people.Relationship{From: parent.ID, To: child.ID, Type: "parent"}, c); err != nil {
		t.Fatal(err)
	}
	page, err := f.app.Person(f.ctx, f.actor, parent.ID, time.Time{})
	if err != nil {
		t.Fatalf("reading the child's parent: %v", err)
	}
	if page.Person.ID != parent.ID || page.Decision.Reason != "family: allocated worker" || len(page.Relationships) != 1 {
		t.Errorf("parent's page: person %d, reason %q, %d relationships", page.Person.ID, page.Decision.Reason, len(page.Relationships))
	}
	if _, err := f.app.PersonHistory(f.ctx, f.actor, parent.ID); err != nil {
		t.Errorf("the parent's history: %v", err)
	}
	if _, err := f.app.Person(f.ctx, f.actor, stranger.ID, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("reading someone unrelated: %v, want a reason asked for", err)
	}
}
