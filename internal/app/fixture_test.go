package app_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// readCounter counts the store's reads of access facts, so that a test can
// hold a page of search results to a fixed number of queries, and its
// reads of journey records and their marks, so that a test sees when a
// journey was decoded and when the cache was asked.
type readCounter struct {
	store.Store
	relatives, subjects, journeys, marks int
	lists, works                         int
}

func (c *readCounter) WorkList(ctx context.Context, q store.WorkQuery, now time.Time) ([]store.WorkChild, error) {
	c.lists++
	return c.Store.WorkList(ctx, q, now)
}

func (c *readCounter) ChildrenWork(ctx context.Context, ps []access.Permit) (map[people.ID]store.ChildWork, error) {
	c.works++
	return c.Store.ChildrenWork(ctx, ps)
}

func (c *readCounter) JourneyMark(ctx context.Context, p access.Permit) (store.JourneyMark, error) {
	c.marks++
	return c.Store.JourneyMark(ctx, p)
}

func (c *readCounter) JourneyRecords(ctx context.Context, p access.Permit, asOf time.Time) ([]journey.Record, error) {
	c.journeys++
	return c.Store.JourneyRecords(ctx, p, asOf)
}

func (c *readCounter) Relatives(ctx context.Context, ids []people.ID) (map[people.ID][]store.Relative, error) {
	c.relatives++
	return c.Store.Relatives(ctx, ids)
}

func (c *readCounter) Subjects(ctx context.Context, ids []people.ID, now time.Time) (map[people.ID]access.Subject, error) {
	c.subjects++
	return c.Store.Subjects(ctx, ids, now)
}

// world is an app on a real SQLite store in a temporary folder, with one
// team and one user per role in it.
type world struct {
	t     *testing.T
	ctx   context.Context
	st    *readCounter
	app   *app.App
	team  access.Team
	users map[access.Role]access.User
	admin access.User
}

// newWorld makes the world. Its clock stands at 10:00 on 15 June 2026 in
// London unless a test moves it.
func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	db := openStore(t)
	w := &world{t: t, ctx: ctx, st: &readCounter{Store: db}, users: map[access.Role]access.User{}}
	w.app = app.New(w.st, quietLog)
	w.setClock(time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC))
	svc, err := db.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	if err != nil {
		t.Fatal(err)
	}
	if w.team, err = db.CreateTeam(ctx, access.Team{Name: "Safeguarding 1", ServiceID: svc.ID}); err != nil {
		t.Fatal(err)
	}
	for _, role := range access.Roles {
		u, err := db.CreateUser(ctx, access.User{Username: "u." + string(role), DisplayName: string(role), Roles: []access.Role{role}, TeamID: w.team.ID}, "x", store.Change{Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		w.users[role] = u
	}
	w.admin = w.users[access.Admin]
	return w
}

// setClock stops the app's clock at t.
func (w *world) setClock(t time.Time) { w.app.Clock = func() time.Time { return t } }

// actor is the signed-in user of a role.
func (w *world) actor(role access.Role) app.Actor {
	w.t.Helper()
	p, err := w.app.Principal(w.ctx, w.users[role])
	if err != nil {
		w.t.Fatal(err)
	}
	return app.Actor{Principal: p, Remote: "192.0.2.1", Route: "test"}
}

// person adds a person straight to the store.
func (w *world) person(given, family string, restricted bool) people.ID {
	w.t.Helper()
	p, err := w.st.CreatePerson(w.ctx, people.Person{
		GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2015, time.May, 4), Sex: "1", Restricted: restricted,
		Addresses: []people.Address{{Line1: "1 High Street", Town: "Wolverhampton", Postcode: "WV1 1AA", StartDate: civil.MustNew(2015, time.May, 4)}},
	}, store.Change{By: w.admin.ID, Reason: "test"})
	if err != nil {
		w.t.Fatal(err)
	}
	return p.ID
}

// involve gives the team an involvement with a person, ending on end (zero:
// open).
func (w *world) involve(id people.ID, kind string, end civil.Date) {
	w.t.Helper()
	inv := access.Involvement{PersonID: id, Kind: kind, TeamID: w.team.ID, StartDate: civil.MustNew(2026, time.January, 5), EndDate: end}
	if _, err := w.st.CreateInvolvement(w.ctx, store.Involvement{Involvement: inv}, store.Change{By: w.admin.ID, Reason: "test"}); err != nil {
		w.t.Fatal(err)
	}
}

// relate records a relationship between two people.
func (w *world) relate(from, to people.ID, typ string) {
	w.t.Helper()
	if _, err := w.st.CreateRelationship(w.ctx, people.Relationship{From: from, To: to, Type: typ}, store.Change{By: w.admin.ID, Reason: "test"}); err != nil {
		w.t.Fatal(err)
	}
}

// log is the access log's lines about a person, newest first.
func (w *world) log(id people.ID) []store.AccessEntry {
	w.t.Helper()
	es, err := w.st.AccessLog(w.ctx, store.AccessQuery{PersonID: id, Limit: 100})
	if err != nil {
		w.t.Fatal(err)
	}
	return es
}

// openStore opens a new SQLite store in a temporary folder, closed when the
// test ends.
func openStore(t *testing.T) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "hearth.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// quietLog is the log of the apps under test: nothing is written.
var quietLog = slog.New(slog.DiscardHandler)
