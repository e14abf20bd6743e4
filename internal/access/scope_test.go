package access

import (
	"testing"
	"time"

	"hearth/internal/civil"
)

// TestScopeNeverHidesWhatAuthorizeAllows walks every role against subjects of
// every kind: whenever Authorize lets a principal read a record through a
// relationship, the search scope must cover it, or search would hide a
// record the user may open.
func TestScopeNeverHidesWhatAuthorizeAllows(t *testing.T) {
	now := time.Date(2026, time.March, 31, 12, 0, 0, 0, time.UTC)
	today := civil.Of(now)
	const me, colleague UserID = 10, 11
	const myTeam, otherTeamInService, farTeam TeamID = 1, 2, 3
	services := map[TeamID]ServiceID{myTeam: 7, otherTeamInService: 7, farTeam: 8}
	inv := func(kind string, team TeamID, worker UserID, ended bool) Involvement {
		i := Involvement{PersonID: 1, Kind: kind, TeamID: team, WorkerID: worker, StartDate: today.AddDays(-30)}
		if ended {
			i.EndDate = today.AddDays(-1)
		}
		return i
	}
	subjects := map[string]Subject{
		"allocated":        {Involvements: []Involvement{inv(KindChildInNeed, farTeam, me, false)}},
		"my team":          {Involvements: []Involvement{inv(KindChildProtection, myTeam, colleague, false)}},
		"my service":       {Involvements: []Involvement{inv(KindLookedAfter, otherTeamInService, colleague, false)}},
		"far team":         {Involvements: []Involvement{inv(KindEarlyHelp, farTeam, colleague, false)}},
		"open contact":     {Involvements: []Involvement{inv(KindContact, farTeam, 0, false)}},
		"closed, my team":  {Involvements: []Involvement{inv(KindChildInNeed, myTeam, me, true)}},
		"granted":          {Grants: []Grant{{PersonID: 1, UserID: me, From: now.Add(-time.Hour), Until: now.Add(time.Hour)}}},
		"restricted, mine": {Restricted: true, Involvements: []Involvement{inv(KindChildInNeed, myTeam, me, false)}},
		"nobody":           {},
	}
	for _, role := range Roles {
		for _, team := range []TeamID{0, myTeam} {
			p := Principal{User: User{ID: me, Roles: []Role{role}, TeamID: team}}
			if team != 0 {
				p.ServiceID = services[team]
			}
			scope, all := ScopeFor(p, []TeamID{myTeam, otherTeamInService}, now)
			for name, s := range subjects {
				s.PersonID, s.TeamServices = 1, services
				d := Authorize(p, ReadPerson, &s, now)
				if d.Allowed && !all && !scope.Covers(s) {
					t.Errorf("%s (team %d) may read %q (%s) but the search scope leaves it out", role, team, name, d.Reason)
				}
				if all && d.Allowed && d.Reason != ReasonAllRecords && d.Reason != ReasonGrant && d.Reason != ReasonAllocated {
					t.Errorf("%s reads everything, yet %q was allowed by %s", role, name, d.Reason)
				}
			}
		}
	}
}

func TestScopeFor(t *testing.T) {
	now := time.Date(2026, time.March, 31, 12, 0, 0, 0, time.UTC)
	svc := []TeamID{1, 2, 3}
	tests := []struct {
		role     Role
		all      bool
		teams    int
		contacts bool
	}{
		{Practitioner, false, 1, false},
		{TeamManager, false, 3, false},
		{MASH, false, 1, true},
		{Analyst, true, 0, false},
		{Admin, false, 0, false},
		{Auditor, false, 0, false},
		{Partner, false, 0, false},
		{ProgrammeManager, false, 0, false},
	}
	for _, tt := range tests {
		s, all := ScopeFor(Principal{User: User{ID: 5, Roles: []Role{tt.role}, TeamID: 1}, ServiceID: 9}, svc, now)
		if all != tt.all || len(s.TeamIDs) != tt.teams || s.OpenContacts != tt.contacts {
			t.Errorf("%s: scope %+v all=%v", tt.role, s, all)
		}
		if !tt.all && tt.teams == 0 && !tt.contacts && s.WorkerID != 0 {
			t.Errorf("%s may not read people, yet has a worker scope", tt.role)
		}
	}
	if s, all := ScopeFor(Principal{User: User{ID: 5, Roles: []Role{Analyst}, Disabled: true}}, nil, now); all || s.WorkerID != 0 {
		t.Error("a disabled analyst still reads everything")
	}
}
