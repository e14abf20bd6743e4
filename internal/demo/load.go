package demo

import (
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Summary says what Load wrote.
type Summary struct {
	Services      int
	Teams         int
	Users         int
	People        int
	Relationships int
	Involvements  int
	Journeys      int
	Claims        int       // Supporting Families claims
	Education     int       // education records
	Attendance    int       // pupils' terms of attendance
	Accounts      []Account // the demo accounts, one a role
}

// Account is a demo account as Load prints it.
type Account struct {
	Username string
	Role     access.Role
	Team     string // "" for none
}

// changeReason is the reason recorded on every record Load writes.
const changeReason = "Demo City"

// Load writes a city into an empty store: its services and teams, its
// workers and demo accounts as users (all with DemoPassword, hashed once by
// hashPassword), its people and relationships in one import, and its
// involvements. It refuses a store that already holds people. When it is
// done it prints the demo accounts to out (which may be nil).
//
// Load is not atomic as a whole: each import is, but a failure part-way
// leaves the services, teams and users already written. Load again into a
// fresh store.
func Load(ctx context.Context, st store.Store, city *City, hashPassword func(string) (string, error), out io.Writer) (Summary, error) {
	var sum Summary
	n, err := st.CountPeople(ctx)
	if err != nil {
		return sum, fmt.Errorf("demo: counting people: %w", err)
	}
	if n > 0 {
		return sum, errs.E(errs.Conflict, "the store already holds %d people; Demo City loads only into an empty store", n)
	}
	hash, err := hashPassword(DemoPassword)
	if err != nil {
		return sum, fmt.Errorf("demo: hashing the demo password: %w", err)
	}

	serviceIDs := make([]access.ServiceID, len(city.Services))
	for i, s := range city.Services {
		created, err := st.CreateService(ctx, access.Service{Name: s.Name})
		if err != nil {
			return sum, fmt.Errorf("demo: creating service %q: %w", s.Name, err)
		}
		serviceIDs[i] = created.ID
	}
	sum.Services = len(serviceIDs)

	teamIDs := make([]access.TeamID, len(city.Teams))
	for i, t := range city.Teams {
		created, err := st.CreateTeam(ctx, access.Team{Name: t.Name, ServiceID: serviceIDs[t.Service]})
		if err != nil {
			return sum, fmt.Errorf("demo: creating team %q: %w", t.Name, err)
		}
		teamIDs[i] = created.ID
	}
	sum.Teams = len(teamIDs)

	// Users: the administrator first, so that the records can name them as
	// their author.
	now := time.Now().UTC()
	userIDs := make([]access.UserID, len(city.Workers))
	order := make([]int, 0, len(city.Workers))
	for i, w := range city.Workers {
		if w.Demo && slices.Contains(w.Roles, access.Admin) {
			order = append([]int{i}, order...)
		} else {
			order = append(order, i)
		}
	}
	for _, i := range order {
		w := city.Workers[i]
		u := access.User{Username: w.Username, DisplayName: w.DisplayName, Roles: w.Roles, CreatedAt: now}
		if w.Team >= 0 {
			u.TeamID = teamIDs[w.Team]
		}
		created, err := st.CreateUser(ctx, u, hash, store.Change{At: now, Reason: changeReason})
		if err != nil {
			return sum, fmt.Errorf("demo: creating user %q: %w", w.Username, err)
		}
		userIDs[i] = created.ID
	}
	sum.Users = len(userIDs)
	change := store.Change{Reason: changeReason}
	if len(order) > 0 && slices.Contains(city.Workers[order[0]].Roles, access.Admin) {
		change.By = userIDs[order[0]]
	}

	for i, t := range city.Teams {
		for _, n := range []struct {
			is   bool
			what string
			set  func(context.Context, access.TeamID, int, store.Change) (int, error)
		}{{t.Hub, "the hub", st.SetHubTeam}, {t.CME, "the CME team", st.SetCMETeam}, {t.VirtualSchool, "the Virtual School", st.SetVirtualSchoolTeam}} {
			if n.is {
				if _, err := n.set(ctx, teamIDs[i], 0, change); err != nil {
					return sum, fmt.Errorf("demo: naming %s: %w", n.what, err)
				}
			}
		}
	}

	// The LA number its UPNs carry is the one its returns' headers name.
	if _, err := st.SetCouncilDetails(ctx, store.Council{LANumber: laCode}, 0, change); err != nil {
		return sum, fmt.Errorf("demo: setting the council's LA number: %w", err)
	}

	ids, err := st.ImportPeople(ctx, city.People, city.Relationships, change)
	if err != nil {
		return sum, fmt.Errorf("demo: importing people: %w", err)
	}
	if len(ids) != len(city.People) {
		return sum, fmt.Errorf("demo: the store returned %d ids for %d people", len(ids), len(city.People))
	}
	sum.People, sum.Relationships = len(ids), len(city.Relationships)

	// The store writes the involvements the journeys give (contact, early
	// help, child in need) itself, with the journeys; only the others are
	// imported here.
	invs := make([]access.Involvement, 0, len(city.Involvements))
	for _, inv := range city.Involvements {
		if inv.Journey != 0 {
			continue
		}
		a := access.Involvement{
			PersonID:  ids[inv.Person],
			Kind:      inv.Kind,
			TeamID:    teamIDs[inv.Team],
			StartDate: inv.StartDate,
			EndDate:   inv.EndDate,
		}
		if inv.Worker >= 0 {
			a.WorkerID = userIDs[inv.Worker]
		}
		invs = append(invs, a)
	}
	if err := st.ImportInvolvements(ctx, invs, change); err != nil {
		return sum, fmt.Errorf("demo: importing involvements: %w", err)
	}
	if err := loadHouseholds(ctx, st, city, change); err != nil {
		return sum, err
	}
	if err := LoadProgramme(ctx, st, city.Programme, change); err != nil {
		return sum, err
	}
	nj, err := loadJourneys(ctx, st, city, ids, teamIDs, userIDs, change)
	if err != nil {
		return sum, err
	}
	sum.Journeys = nj
	claims := Claims(city, city.Today)
	if err := LoadClaims(ctx, st, claims, ids, change); err != nil {
		return sum, err
	}
	sum.Claims = len(claims)
	if sum.Education, err = loadEducation(ctx, st, city, ids, teamIDs, change); err != nil {
		return sum, err
	}
	// Each term's attendance as the import a council makes of it.
	for t := range SchoolTerms {
		rows := city.TermRows(t)
		if len(rows) == 0 {
			continue
		}
		if _, err := st.ImportAttendance(ctx, rows, store.Change{By: change.By, Reason: changeReason + ": " + SchoolTerms[t].Name}); err != nil {
			return sum, fmt.Errorf("demo: importing the attendance of %s: %w", SchoolTerms[t].Name, err)
		}
		sum.Attendance += len(rows)
	}
	sum.Involvements = len(city.Involvements)

	sum.Accounts = city.Accounts()
	if out != nil {
		if err := sum.Print(out); err != nil {
			return sum, fmt.Errorf("demo: printing the demo accounts: %w", err)
		}
	}
	return sum, nil
}

// loadJourneys writes the city's journeys, their indexes turned into the
// ids the store gave the people, teams and users.
func loadJourneys(ctx context.Context, st store.Journey, city *City, ids []people.ID, teamIDs []access.TeamID, userIDs []access.UserID, change store.Change) (int, error) {
	user := func(i access.UserID) access.UserID {
		if i < 0 {
			return 0
		}
		return userIDs[i]
	}
	rs := make([]journey.Record, len(city.Journeys))
	for i, j := range city.Journeys {
		r := j.Record
		r.PersonID = ids[r.PersonID]
		r.TeamID = teamIDs[r.TeamID]
		r.WorkerID = user(r.WorkerID)
		if r.Contact != nil {
			c := *r.Contact
			c.DecidedBy = user(c.DecidedBy)
			r.Contact = &c
		}
		rs[i] = r
	}
	got, err := st.ImportJourneys(ctx, rs, change)
	if err != nil {
		return 0, fmt.Errorf("demo: importing journeys: %w", err)
	}
	if len(got) != len(rs) {
		return 0, fmt.Errorf("demo: the store returned %d journey records for %d", len(got), len(rs))
	}
	return len(got), nil
}

// Accounts lists the city's demo accounts in the order of access.Roles.
func (c *City) Accounts() []Account {
	var out []Account
	for _, r := range access.Roles {
		for _, w := range c.Workers {
			if !w.Demo || !slices.Contains(w.Roles, r) {
				continue
			}
			a := Account{Username: w.Username, Role: r}
			if w.Team >= 0 {
				a.Team = c.Teams[w.Team].Name
			}
			out = append(out, a)
			break
		}
	}
	return out
}

// Print writes what was loaded and the table of demo accounts.
func (s Summary) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Demo City loaded: %d people, %d relationships, %d involvements, %d journey records, %d education records, %d pupils' terms of attendance, %d Supporting Families claims; %d services, %d teams, %d users.\n\n",
		s.People, s.Relationships, s.Involvements, s.Journeys, s.Education, s.Attendance, s.Claims, s.Services, s.Teams, s.Users)
	fmt.Fprintf(tw, "These accounts are for a demonstration only: every person in Demo City is invented,\n")
	fmt.Fprintf(tw, "and every demo user, listed here or not, has the published password %q.\n\n", DemoPassword)
	fmt.Fprintln(tw, "Username\tRole\tTeam\tPassword")
	for _, a := range s.Accounts {
		team := a.Team
		if team == "" {
			team = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Username, access.RoleLabel(a.Role), team, DemoPassword)
	}
	return tw.Flush()
}
