package demo

import (
	"bytes"
	"context"
	"errors"
	"hearth/internal/education"
	"slices"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// fakeStore keeps what Load writes in memory. It implements only the methods
// Load calls; the embedded interface panics on any other.
type fakeStore struct {
	store.Store
	existing      int
	services      []access.Service
	teams         []access.Team
	users         []access.User
	hashes        []string
	people        []people.Person
	relationships []people.Relationship
	involvements  []access.Involvement
	journeys      []journey.Record
	households    []care.Household   // households_test.go
	programme     programme.Records  // programme_test.go
	claims        []programme.Claim  // families_test.go
	schools       []education.School // education_test.go
	education     []education.Record
	hub           access.TeamID
	cme           access.TeamID // schooling_test.go
	virtualSchool access.TeamID
	attendance    []education.PupilSessions
	council       store.Council
	changes       []store.Change
}

func (f *fakeStore) CountPeople(context.Context) (int, error) { return f.existing + len(f.people), nil }

func (f *fakeStore) CreateService(_ context.Context, s access.Service) (access.Service, error) {
	s.ID = access.ServiceID(100 + len(f.services))
	f.services = append(f.services, s)
	return s, nil
}

func (f *fakeStore) CreateTeam(_ context.Context, t access.Team) (access.Team, error) {
	t.ID = access.TeamID(200 + len(f.teams))
	f.teams = append(f.teams, t)
	return t, nil
}

func (f *fakeStore) SetHubTeam(_ context.Context, t access.TeamID, _ int, _ store.Change) (int, error) {
	f.hub = t
	return 1, nil
}

func (f *fakeStore) SetCouncilDetails(_ context.Context, c store.Council, _ int, _ store.Change) (int, error) {
	f.council = c
	return 1, nil
}

func (f *fakeStore) CreateUser(_ context.Context, u access.User, hash string, _ store.Change) (access.User, error) {
	u.ID = access.UserID(300 + len(f.users))
	f.users = append(f.users, u)
	f.hashes = append(f.hashes, hash)
	return u, nil
}

func (f *fakeStore) ImportPeople(_ context.Context, ps []people.Person, rels []people.Relationship, c store.Change) ([]people.ID, error) {
	ids := make([]people.ID, len(ps))
	for i := range ps {
		ids[i] = people.ID(10000 + i)
	}
	f.people, f.relationships = ps, rels
	f.changes = append(f.changes, c)
	return ids, nil
}

func (f *fakeStore) ImportInvolvements(_ context.Context, invs []access.Involvement, c store.Change) error {
	f.involvements = invs
	f.changes = append(f.changes, c)
	return nil
}

func fakeHash(pw string) (string, error) { return "hashed:" + pw, nil }

func TestLoad(t *testing.T) {
	t.Parallel()
	c := city1()
	st := &fakeStore{}
	var out bytes.Buffer
	sum, err := Load(context.Background(), st, c, fakeHash, &out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.People != len(c.People) || sum.Relationships != len(c.Relationships) || sum.Involvements != len(c.Involvements) ||
		sum.Users != len(c.Workers) || sum.Teams != len(c.Teams) || sum.Services != len(c.Services) {
		t.Errorf("summary %+v does not match the city", sum)
	}
	if len(st.people) != len(c.People) || len(st.users) != len(c.Workers) {
		t.Fatalf("store holds %d people, %d involvements, %d users", len(st.people), len(st.involvements), len(st.users))
	}
	for _, h := range st.hashes {
		if h != "hashed:"+DemoPassword {
			t.Fatalf("a user was given hash %q", h)
		}
	}

	// The administrator is made first and is the author of the imports.
	if st.users[0].Username != DemoUsername(access.Admin) {
		t.Errorf("first user is %q, want the administrator", st.users[0].Username)
	}
	for _, ch := range st.changes {
		if ch.By != st.users[0].ID || ch.Reason != "Demo City" {
			t.Errorf("change %+v, want by the administrator for Demo City", ch)
		}
	}

	if st.council.LANumber != "336" {
		t.Errorf("the council's LA number is %q, want 336, the number in its UPNs", st.council.LANumber)
	}
	// The hub is named, and the demo partner sits in it.
	if hub := st.teams[slices.IndexFunc(st.teams, func(t access.Team) bool { return t.Name == "Missing and Exploitation Hub" })]; st.hub != hub.ID {
		t.Errorf("the hub named is team %d, want %q (%d)", st.hub, hub.Name, hub.ID)
	}

	// Teams are in their services, users in their teams.
	for i, tm := range st.teams {
		if want := st.services[c.Teams[i].Service].ID; tm.ServiceID != want {
			t.Fatalf("team %q in service %d, want %d", tm.Name, tm.ServiceID, want)
		}
	}
	userOf := make(map[string]access.User)
	for _, u := range st.users {
		userOf[u.Username] = u
	}
	workerID := make([]access.UserID, len(c.Workers))
	for i, w := range c.Workers {
		u, ok := userOf[w.Username]
		if !ok {
			t.Fatalf("worker %q was not made a user", w.Username)
		}
		workerID[i] = u.ID
		if w.Team >= 0 && u.TeamID != st.teams[w.Team].ID || w.Team < 0 && u.TeamID != 0 {
			t.Fatalf("user %q in team %d", u.Username, u.TeamID)
		}
	}

	// Involvements not given by a journey (which the store writes with the
	// journey) name the ids the store gave.
	i := 0
	for _, inv := range c.Involvements {
		if inv.Journey != 0 {
			continue
		}
		got := st.involvements[i]
		i++
		want := access.Involvement{
			PersonID: people.ID(10000 + inv.Person), Kind: inv.Kind, TeamID: st.teams[inv.Team].ID,
			StartDate: inv.StartDate, EndDate: inv.EndDate,
		}
		if inv.Worker >= 0 {
			want.WorkerID = workerID[inv.Worker]
		}
		if got != want {
			t.Fatalf("involvement %d: got %+v, want %+v", i, got, want)
		}
	}

	// The table of demo accounts.
	text := out.String()
	for _, want := range []string{"demonstration only", DemoPassword, "Safeguarding 1", "MASH"} {
		if !strings.Contains(text, want) {
			t.Errorf("output does not say %q:\n%s", want, text)
		}
	}
	for _, r := range access.Roles {
		if !strings.Contains(text, DemoUsername(r)) {
			t.Errorf("output does not list %s:\n%s", DemoUsername(r), text)
		}
	}
}

func TestLoadRefusesAStoreWithPeople(t *testing.T) {
	t.Parallel()
	st := &fakeStore{existing: 3}
	_, err := Load(context.Background(), st, city1(), fakeHash, nil)
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("got %v, want a conflict", err)
	}
	if len(st.services)+len(st.teams)+len(st.users) > 0 {
		t.Error("Load wrote to a store it refused")
	}
}

func TestLoadReportsAHashFailure(t *testing.T) {
	t.Parallel()
	boom := errors.New("no entropy")
	_, err := Load(context.Background(), &fakeStore{}, city1(), func(string) (string, error) { return "", boom }, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the hash error", err)
	}
}

func (f *fakeStore) ImportJourneys(_ context.Context, rs []journey.Record, c store.Change) ([]journey.Record, error) {
	f.journeys = rs
	f.changes = append(f.changes, c)
	out := make([]journey.Record, len(rs))
	for i, r := range rs {
		r.ID += 5000
		out[i] = r
	}
	return out, nil
}

func TestLoadWritesJourneys(t *testing.T) {
	t.Parallel()
	c := city1()
	st := &fakeStore{}
	sum, err := Load(context.Background(), st, c, fakeHash, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Journeys != len(c.Journeys) || len(st.journeys) != len(c.Journeys) {
		t.Fatalf("summary says %d journeys, store got %d, city has %d", sum.Journeys, len(st.journeys), len(c.Journeys))
	}
	// The store derives the journeys' involvements: only the others are
	// imported.
	others := 0
	for _, inv := range c.Involvements {
		if inv.Journey == 0 {
			others++
		}
	}
	if len(st.involvements) != others || others == 0 || others == len(c.Involvements) {
		t.Fatalf("store got %d involvements, want the %d not from journeys (of %d)", len(st.involvements), others, len(c.Involvements))
	}
	userOf := make(map[string]access.UserID)
	for _, u := range st.users {
		userOf[u.Username] = u.ID
	}
	user := func(i access.UserID) access.UserID {
		if i < 0 {
			return 0
		}
		return userOf[c.Workers[i].Username]
	}
	for i, j := range c.Journeys {
		got, r := st.journeys[i], j.Record
		if got.ID != r.ID || got.Episode != r.Episode || got.Follows != r.Follows || got.Start != r.Start || got.End != r.End {
			t.Fatalf("journey %d: got %+v, want the city's %+v", i, got, r)
		}
		if got.PersonID != people.ID(10000+r.PersonID) || got.TeamID != st.teams[r.TeamID].ID || got.WorkerID != user(r.WorkerID) {
			t.Fatalf("journey %d names person %d, team %d, worker %d", i, got.PersonID, got.TeamID, got.WorkerID)
		}
		if r.Contact != nil && got.Contact.DecidedBy != user(r.Contact.DecidedBy) {
			t.Fatalf("journey %d: decided by %d", i, got.Contact.DecidedBy)
		}
	}
	for i, j := range c.Journeys {
		if j.Record.Contact != nil && st.journeys[i].Contact == j.Record.Contact {
			t.Fatalf("journey %d: Load shares the city's contact instead of copying it", i)
		}
	}
}
