package access

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Fixtures: the user (10) is in team 1, which is in service 100. Team 2 is
// another team in service 100; team 3 is in service 200.
const (
	me        UserID    = 10
	someone   UserID    = 11
	myTeam    TeamID    = 1
	sameSvc   TeamID    = 2
	otherTeam TeamID    = 3
	mySvc     ServiceID = 100
	otherSvc  ServiceID = 200
	child     people.ID = 7
)

var (
	now       = time.Date(2024, 6, 15, 10, 0, 0, 0, time.UTC)
	today     = civil.Of(now)
	yesterday = today.AddDays(-1)
	services  = map[TeamID]ServiceID{myTeam: mySvc, sameSvc: mySvc, otherTeam: otherSvc}
)

func principal(roles ...Role) Principal {
	return Principal{
		User:       User{ID: me, Username: "sam.worker", Roles: roles, TeamID: myTeam},
		ServiceID:  mySvc,
		BreakGlass: true,
	}
}

func inv(kind string, team TeamID, worker UserID, end civil.Date) Involvement {
	return Involvement{PersonID: child, Kind: kind, TeamID: team, WorkerID: worker, StartDate: today.AddDays(-100), EndDate: end}
}

func grant(user UserID, from, until time.Time) Grant {
	return Grant{PersonID: child, UserID: user, Reason: "court work", GrantedBy: 1, From: from, Until: until}
}

// opened is an opening by breaking the glass: a grant the user made to
// themself.
func opened(from, until time.Time) Grant {
	return Grant{PersonID: child, UserID: me, Reason: "at the front door", GrantedBy: me, From: from, Until: until}
}

func subject(restricted bool, grants []Grant, invs ...Involvement) *Subject {
	return &Subject{PersonID: child, Restricted: restricted, Involvements: invs, Grants: grants, TeamServices: services}
}

// Reason codes for the table below, one per role in Roles order:
// practitioner, team_manager, mash, analyst, programme_manager, auditor,
// admin, partner, education.
var reasonCodes = map[string]Decision{
	"A": {Allowed: true, Reason: ReasonAllocated},
	"T": {Allowed: true, Reason: ReasonTeam},
	"S": {Allowed: true, Reason: ReasonService},
	"C": {Allowed: true, Reason: ReasonOpenContact},
	"G": {Allowed: true, Reason: ReasonGrant},
	"R": {Allowed: true, Reason: ReasonAllRecords},
	"B": {Allowed: true, Reason: ReasonBreakGlass},
	"M": {Allowed: true, Reason: ReasonAdminister},
	"X": {Allowed: false, Reason: ReasonRestricted},
	"N": {Allowed: false, Reason: ReasonNoRelationship},
	"0": {Allowed: false, Reason: ReasonNoRecord},
	"-": {Allowed: false, Reason: ReasonNotPermitted},
}

// relationship is one row of the table: a kind of record, and for each
// action on a record the decision for each role.
type relationship struct {
	name    string
	subject *Subject
	read    string // ReadPerson
	update  string // UpdatePerson
	// BreakGlass: may the user open it by giving a reason? (Only
	// practitioners, team managers and MASH, on an unrestricted record.)
	breakGlass string
	// RestrictPerson: administrators, on any record.
	restrict string
	// ReadEducation, WriteEducation, ReadEducationSummary.
	eduRead, eduWrite, eduSummary string
}

var relationships = []relationship{
	{
		name:       "allocated worker in another service",
		subject:    subject(false, nil, inv(KindEarlyHelp, otherTeam, me, civil.Date{})),
		read:       "A A A A - - - - A",
		update:     "A A A - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - A",
		eduWrite:   "- - - - - - - - A",
		eduSummary: "A A A - - - - - A",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "own team",
		subject:    subject(false, nil, inv(KindChildInNeed, myTeam, someone, civil.Date{})),
		read:       "T T T R - - - - N",
		update:     "T T T - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "T T T - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "own team, involvement ends today",
		subject:    subject(false, nil, inv(KindChildInNeed, myTeam, 0, today)),
		read:       "T T T R - - - - N",
		update:     "T T T - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "T T T - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "another team in the same service",
		subject:    subject(false, nil, inv(KindChildProtection, sameSvc, someone, civil.Date{})),
		read:       "N S N R - - - - N",
		update:     "N S N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N S N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "open contact with another service",
		subject:    subject(false, nil, inv(KindContact, otherTeam, 0, civil.Date{})),
		read:       "N N C R - - - - N",
		update:     "N N C - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N C - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name: "closed involvements only",
		subject: subject(false, nil,
			inv(KindLookedAfter, myTeam, me, yesterday),
			inv(KindContact, sameSvc, 0, yesterday)),
		read:       "N N N R - - - - N",
		update:     "N N N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "unrelated",
		subject:    subject(false, nil, inv(KindEarlyHelp, otherTeam, someone, civil.Date{})),
		read:       "N N N R - - - - N",
		update:     "N N N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "no involvements at all",
		subject:    subject(false, nil),
		read:       "N N N R - - - - N",
		update:     "N N N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name: "restricted, allocated and own team, no grant",
		subject: subject(true, nil,
			inv(KindContact, myTeam, me, civil.Date{})),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted with a current grant",
		subject:    subject(true, []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))}),
		read:       "G G G G - - - - G",
		update:     "G G G - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - G",
		eduWrite:   "- - - - - - - - G",
		eduSummary: "G G G - - - - - G",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted with a grant starting now",
		subject:    subject(true, []Grant{grant(me, now, now.Add(time.Hour))}),
		read:       "G G G G - - - - G",
		update:     "G G G - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - G",
		eduWrite:   "- - - - - - - - G",
		eduSummary: "G G G - - - - - G",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted with an expired grant",
		subject:    subject(true, []Grant{grant(me, now.Add(-48*time.Hour), now.Add(-time.Hour))}),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted with a grant ending exactly now",
		subject:    subject(true, []Grant{grant(me, now.Add(-time.Hour), now)}),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted with a grant not yet started",
		subject:    subject(true, []Grant{grant(me, now.Add(time.Second), now.Add(time.Hour))}),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted with a grant to someone else",
		subject:    subject(true, []Grant{grant(someone, now.Add(-time.Hour), now.Add(time.Hour))}),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name: "restricted with a grant for a different person",
		subject: subject(true, []Grant{{PersonID: child + 1, UserID: me,
			From: now.Add(-time.Hour), Until: now.Add(time.Hour)}}),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name: "unrestricted and unrelated, with a current grant",
		subject: subject(false, []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))},
			inv(KindEarlyHelp, otherTeam, someone, civil.Date{})),
		read:       "G G G G - - - - G",
		update:     "G G G - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - G",
		eduWrite:   "- - - - - - - - G",
		eduSummary: "G G G - - - - - G",
		restrict:   "- - - - - - M - -",
	},
	{
		name: "unrestricted and unrelated, opened by breaking the glass",
		subject: subject(false, []Grant{opened(now.Add(-time.Hour), now.Add(time.Hour))},
			inv(KindEarlyHelp, otherTeam, someone, civil.Date{})),
		read:       "B B B R - - - - N",
		update:     "N N N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "unrestricted, opened by breaking the glass yesterday",
		subject:    subject(false, []Grant{opened(now.Add(-25*time.Hour), now.Add(-time.Hour))}),
		read:       "N N N R - - - - N",
		update:     "N N N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "restricted, granted by the user to themself",
		subject:    subject(true, []Grant{opened(now.Add(-time.Hour), now.Add(time.Hour))}),
		read:       "X X X X - - - - X",
		update:     "X X X - - - - - -",
		breakGlass: "X X X - - - - - -",
		eduRead:    "- - - - - - - - X",
		eduWrite:   "- - - - - - - - X",
		eduSummary: "X X X - - - - - X",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "own team's education involvement",
		subject:    subject(false, nil, inv(KindEducation, myTeam, someone, civil.Date{})),
		read:       "T T T R - - - - T",
		update:     "T T T - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - T",
		eduWrite:   "- - - - - - - - T",
		eduSummary: "T T T - - - - - T",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "another team's education involvement",
		subject:    subject(false, nil, inv(KindEducation, otherTeam, someone, civil.Date{})),
		read:       "N N N R - - - - N",
		update:     "N N N - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "N N N - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "own team's contact, education officer in the team",
		subject:    subject(false, nil, inv(KindContact, myTeam, someone, civil.Date{})),
		read:       "T T T R - - - - N",
		update:     "T T T - - - - - -",
		breakGlass: "B B B - - - - - -",
		eduRead:    "- - - - - - - - N",
		eduWrite:   "- - - - - - - - N",
		eduSummary: "T T T - - - - - N",
		restrict:   "- - - - - - M - -",
	},
	{
		name:       "no subject",
		subject:    nil,
		read:       "0 0 0 0 0 0 0 0 0",
		update:     "0 0 0 0 0 0 0 0 0",
		breakGlass: "0 0 0 0 0 0 0 0 0",
		eduRead:    "0 0 0 0 0 0 0 0 0",
		eduWrite:   "0 0 0 0 0 0 0 0 0",
		eduSummary: "0 0 0 0 0 0 0 0 0",
		restrict:   "0 0 0 0 0 0 0 0 0",
	},
}

// roleTable is the permission matrix for actions not on a record: which
// roles may do each. Every such action must have its row, even an empty one.
var roleTable = map[Action][]Role{
	ReadOwn:                 Roles,
	SearchPeople:            {Practitioner, TeamManager, MASH, Analyst, Education},
	CreatePerson:            {Practitioner, TeamManager, MASH},
	ManageUsers:             {Admin},
	ManageGrants:            {Admin},
	ReadAccessLog:           {Auditor},
	ReadInBulk:              {Analyst},
	ReadOwnWork:             {Practitioner, TeamManager, MASH, Education},
	ReadTeamWork:            {TeamManager},
	AllocateWork:            {TeamManager},
	ReadContactQueue:        {MASH},
	DecideContacts:          {MASH},
	ReadSettings:            {Practitioner, TeamManager, MASH, Analyst, Admin, Education},
	ManageSettings:          {Admin},
	ReadPlacementAddress:    {Practitioner, TeamManager},
	ReadBriefing:            {Practitioner, TeamManager, MASH, Partner},
	ReadCarers:              {Practitioner, TeamManager},
	ManageCarers:            {TeamManager},
	ReadProgramme:           Roles,
	ManageProgramme:         {ProgrammeManager},
	ReportProgramme:         {ProgrammeManager},
	ReadPerformance:         {TeamManager, Analyst, ProgrammeManager, Admin},
	ReadPerformanceChildren: {TeamManager, Analyst},
	ManagePerformance:       {Analyst, Admin},
	ReadJourney:             {Practitioner, TeamManager, MASH, Analyst},
	ExportReturns:           {Analyst, Admin},
	ImportReturns:           {Analyst, Admin},
	ReportSchooling:         {TeamManager, Analyst, Education},
}

// recordColumns says which column of the relationships table holds the
// expected decisions for each action on a record.
var recordColumns = map[Action]func(relationship) string{
	ReadPerson:           func(r relationship) string { return r.read },
	UpdatePerson:         func(r relationship) string { return r.update },
	BreakGlass:           func(r relationship) string { return r.breakGlass },
	RestrictPerson:       func(r relationship) string { return r.restrict },
	ReadEducation:        func(r relationship) string { return r.eduRead },
	WriteEducation:       func(r relationship) string { return r.eduWrite },
	ReadEducationSummary: func(r relationship) string { return r.eduSummary },
}

// TestEveryActionHasItsRows fails when an action is registered without its
// rows in the tables above, or the tables name an action that is not
// registered (or is on a record when the table says not, or the reverse).
func TestEveryActionHasItsRows(t *testing.T) {
	for _, a := range Actions {
		_, roleRow := roleTable[a]
		_, recordRow := recordColumns[a]
		switch {
		case a.OnRecord() && !recordRow:
			t.Errorf("action %s is on a record: add its column to the relationships table and to recordColumns", a)
		case !a.OnRecord() && !roleRow:
			t.Errorf("action %s is not on a record: add its row to roleTable", a)
		}
	}
	for a := range roleTable {
		if !a.Known() || a.OnRecord() {
			t.Errorf("roleTable names %s, which is not a registered action off a record", a)
		}
	}
	for a := range recordColumns {
		if !a.Known() || !a.OnRecord() {
			t.Errorf("recordColumns names %s, which is not a registered action on a record", a)
		}
	}
}

func TestAuthorizeEveryRoleActionAndRelationship(t *testing.T) {
	for _, rel := range relationships {
		for _, a := range Actions {
			var codes []string
			if col, ok := recordColumns[a]; ok {
				codes = strings.Fields(col(rel))
			}
			for i, r := range Roles {
				var want Decision
				if a.OnRecord() {
					if len(codes) != len(Roles) {
						t.Fatalf("%s / %s: table has %d codes, want %d", rel.name, a, len(codes), len(Roles))
					}
					want = reasonCodes[codes[i]]
				} else if contains(roleTable[a], r) {
					want = Decision{Allowed: true, Reason: ReasonRole}
				} else {
					want = Decision{Allowed: false, Reason: ReasonNotPermitted}
				}
				got := verdict(Authorize(principal(r), a, rel.subject, now))
				if got != want {
					t.Errorf("%s / %s / %s: got %+v, want %+v", rel.name, r, a, got, want)
				}

				// A disabled user may do nothing, whatever the record.
				p := principal(r)
				p.User.Disabled = true
				if got := verdict(Authorize(p, a, rel.subject, now)); got != (Decision{Allowed: false, Reason: ReasonDisabled}) {
					t.Errorf("disabled %s / %s / %s: got %+v", rel.name, r, a, got)
				}
			}
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestCanMatchesRolePermissions(t *testing.T) {
	for _, r := range Roles {
		for _, a := range Actions {
			want := contains(roleTable[a], r)
			switch {
			case a == RestrictPerson:
				want = r == Admin
			case a == ReadEducation || a == WriteEducation:
				want = r == Education
			case a == ReadEducationSummary:
				want = r == Practitioner || r == TeamManager || r == MASH || r == Education
			case a.OnRecord():
				want = r == Practitioner || r == TeamManager || r == MASH ||
					(a == ReadPerson && (r == Analyst || r == Education))
			}
			if got := Can(principal(r), a); got != want {
				t.Errorf("Can(%s, %s) = %v, want %v", r, a, got, want)
			}
			p := principal(r)
			p.User.Disabled = true
			if Can(p, a) {
				t.Errorf("Can(disabled %s, %s) = true", r, a)
			}
		}
	}
}

func TestNoRolesOnlyReadOwn(t *testing.T) {
	for _, roles := range [][]Role{nil, {}, {"janitor"}} {
		p := principal(roles...)
		for _, a := range Actions {
			want := a == ReadOwn
			if got := Can(p, a); got != want {
				t.Errorf("Can(roles %v, %s) = %v, want %v", roles, a, got, want)
			}
			s := subject(false, []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))},
				inv(KindContact, myTeam, me, civil.Date{}))
			d := Authorize(p, a, s, now)
			if d.Allowed != want {
				t.Errorf("Authorize(roles %v, %s) = %+v", roles, a, d)
			}
		}
	}
}

func TestRolesAddUp(t *testing.T) {
	unrelated := subject(false, nil, inv(KindEarlyHelp, otherTeam, someone, civil.Date{}))
	contact := subject(false, nil, inv(KindContact, otherTeam, 0, civil.Date{}))
	cases := []struct {
		roles []Role
		a     Action
		s     *Subject
		want  Decision
	}{
		// Analyst reads everything unrestricted, but practitioner adds no
		// right to change an unrelated record.
		{[]Role{Analyst, Practitioner}, ReadPerson, unrelated, Decision{Allowed: true, Reason: ReasonAllRecords}},
		{[]Role{Analyst, Practitioner}, UpdatePerson, unrelated, Decision{Allowed: false, Reason: ReasonNoRelationship}},
		{[]Role{Auditor, Admin}, ManageGrants, nil, Decision{Allowed: true, Reason: ReasonRole}},
		// An administrator who also audits (refused by CheckRoles; an
		// account made before the rule) administers and reads no log.
		{[]Role{Auditor, Admin}, ReadAccessLog, nil, Decision{Allowed: false, Reason: ReasonNotPermitted}},
		{[]Role{Partner, MASH}, UpdatePerson, contact, Decision{Allowed: true, Reason: ReasonOpenContact}},
		{[]Role{Partner, ProgrammeManager}, SearchPeople, nil, Decision{Allowed: false, Reason: ReasonNotPermitted}},
		// Analyst and auditor: the log and every unrestricted record, no
		// changes.
		{[]Role{Analyst, Auditor}, UpdatePerson, unrelated, Decision{Allowed: false, Reason: ReasonNotPermitted}},
		{[]Role{Analyst, Auditor}, ReadAccessLog, nil, Decision{Allowed: true, Reason: ReasonRole}},
	}
	for _, c := range cases {
		if got := verdict(Authorize(principal(c.roles...), c.a, c.s, now)); got != c.want {
			t.Errorf("%v %s: got %+v, want %+v", c.roles, c.a, got, c.want)
		}
	}
}

func TestZeroIDsNeverMatch(t *testing.T) {
	// A user with no team does not match an involvement with no team, a
	// manager with no service does not match a team with no service, and a
	// user with ID 0 does not match an unallocated involvement or grant.
	p := Principal{User: User{ID: 0, Roles: []Role{TeamManager}, TeamID: 0}, ServiceID: 0}
	s := &Subject{
		PersonID:     child,
		Involvements: []Involvement{{PersonID: child, Kind: KindEarlyHelp, TeamID: 0, WorkerID: 0}},
		Grants:       []Grant{{PersonID: child, UserID: 0, From: now.Add(-time.Hour), Until: now.Add(time.Hour)}},
		TeamServices: map[TeamID]ServiceID{0: 0},
	}
	if got := verdict(Authorize(p, ReadPerson, s, now)); got != (Decision{Allowed: false, Reason: ReasonNoRelationship}) {
		t.Errorf("got %+v", got)
	}
}

func TestServiceNeedsKnownTeam(t *testing.T) {
	// A team missing from TeamServices gives no service relationship.
	s := subject(false, nil, inv(KindEarlyHelp, 99, someone, civil.Date{}))
	if got := Authorize(principal(TeamManager), ReadPerson, s, now); got.Allowed {
		t.Errorf("got %+v", got)
	}
}

func TestInvolvementForAnotherPersonIgnored(t *testing.T) {
	i := inv(KindChildInNeed, myTeam, me, civil.Date{})
	i.PersonID = child + 1
	if got := Authorize(principal(Practitioner), ReadPerson, subject(false, nil, i), now); got.Allowed {
		t.Errorf("got %+v", got)
	}
}

func TestOpenIsJudgedInLondon(t *testing.T) {
	// 23:30 UTC on 14 June is 00:30 on 15 June in British Summer Time: an
	// involvement that ended on 14 June is closed, in whatever zone now is
	// given. The same time in winter is still 14 January in London.
	summer := time.Date(2024, 6, 14, 23, 30, 0, 0, time.UTC)
	s := subject(false, nil, inv(KindChildInNeed, myTeam, 0, civil.MustNew(2024, time.June, 14)))
	for _, at := range []time.Time{summer, summer.In(civil.London), summer.In(time.FixedZone("EST", -5*3600))} {
		if got := Authorize(principal(Practitioner), ReadPerson, s, at); got.Allowed {
			t.Errorf("%v: got %+v", at, got)
		}
	}
	winter := time.Date(2024, 1, 14, 23, 30, 0, 0, time.UTC)
	s = subject(false, nil, inv(KindChildInNeed, myTeam, 0, civil.MustNew(2024, time.January, 14)))
	if got := verdict(Authorize(principal(Practitioner), ReadPerson, s, winter)); got != (Decision{Allowed: true, Reason: ReasonTeam}) {
		t.Errorf("winter: got %+v", got)
	}
	// The search scope judges the day the same way.
	if sc, _ := ScopeFor(principal(Practitioner), nil, summer); sc.On != civil.MustNew(2024, time.June, 15) {
		t.Errorf("scope on %v", sc.On)
	}
}

func TestFirstMatchWins(t *testing.T) {
	// Allocated, team, service and contact all apply: allocated comes first.
	s := subject(false, nil,
		inv(KindContact, sameSvc, 0, civil.Date{}),
		inv(KindEarlyHelp, myTeam, 0, civil.Date{}),
		inv(KindChildInNeed, otherTeam, me, civil.Date{}))
	for _, r := range []Role{Practitioner, TeamManager, MASH} {
		if got := Authorize(principal(r), UpdatePerson, s, now); got.Reason != ReasonAllocated {
			t.Errorf("%s: got %+v", r, got)
		}
	}
	// Grant comes before allocation.
	s.Grants = []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))}
	if got := Authorize(principal(Practitioner), ReadPerson, s, now); got.Reason != ReasonGrant {
		t.Errorf("grant: got %+v", got)
	}
}

func TestUnknownActionRefused(t *testing.T) {
	all := principal(Roles...)
	for _, a := range []Action{"person.delete", "", "PERSON.READ"} {
		if a.Known() || a.OnRecord() {
			t.Errorf("%q is registered", a)
		}
		if Can(all, a) {
			t.Errorf("Can allowed unknown action %q", a)
		}
		s := subject(false, []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))}, inv(KindContact, myTeam, me, civil.Date{}))
		for _, sub := range []*Subject{nil, s} {
			if got := verdict(Authorize(all, a, sub, now)); got != (Decision{Allowed: false, Reason: ReasonUnknownAction}) {
				t.Errorf("%q: got %+v", a, got)
			}
		}
	}
}

func TestRoles(t *testing.T) {
	for _, r := range Roles {
		got, err := ParseRole(string(r))
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
		if RoleLabel(r) == string(r) || RoleLabel(r) == "" {
			t.Errorf("RoleLabel(%q) = %q", r, RoleLabel(r))
		}
	}
	if got, err := ParseRole("  Team_Manager "); err != nil || got != TeamManager {
		t.Errorf("ParseRole with case and spaces = %q, %v", got, err)
	}
	for _, s := range []string{"", "boss", "team manager"} {
		_, err := ParseRole(s)
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("roles") {
			t.Errorf("ParseRole(%q) error = %v", s, err)
		}
	}
	if RoleLabel("janitor") != "janitor" {
		t.Error("RoleLabel of unknown role")
	}
}

func TestInvolvementKinds(t *testing.T) {
	want := []string{"contact", "early_help", "child_in_need", "child_protection", "looked_after", "care_leaver", "education"}
	if len(InvolvementKinds) != len(want) {
		t.Fatalf("got %d kinds", len(InvolvementKinds))
	}
	for i, k := range InvolvementKinds {
		if k.Code != want[i] || k.Label == "" {
			t.Errorf("kind %d = %+v", i, k)
		}
		if !ValidInvolvementKind(k.Code) || InvolvementKindLabel(k.Code) != k.Label {
			t.Errorf("lookup of %q", k.Code)
		}
	}
	if ValidInvolvementKind("adoption") || InvolvementKindLabel("adoption") != "adoption" {
		t.Error("unknown kind")
	}
}

// verdict is a decision without its permits, for comparing with the table.
func verdict(d Decision) Decision {
	d.Permit, d.Bulk = Permit{}, BulkPermit{}
	return d
}

func TestPermitOnlyWhenAllowedOnARecord(t *testing.T) {
	s := subject(false, nil, inv(KindChildInNeed, myTeam, 0, civil.Date{}))
	d := Authorize(principal(Practitioner), ReadPerson, s, now)
	if !d.Allowed || !d.Permit.Valid() || d.Permit.Person() != child || d.Permit.Action() != ReadPerson || d.Permit.Reason() != d.Reason {
		t.Fatalf("allowed read: %+v", d)
	}
	if d := Authorize(principal(Partner), ReadPerson, s, now); d.Permit.Valid() {
		t.Errorf("refused read carries a permit: %+v", d)
	}
	if d := Authorize(principal(Practitioner), SearchPeople, nil, now); !d.Allowed || d.Permit.Valid() {
		t.Errorf("an action not on a record carries a permit: %+v", d)
	}
	if (Permit{}).Valid() {
		t.Error("the zero permit opens a record")
	}
}

func TestBulkPermitOnlyForAnAllowedBulkRead(t *testing.T) {
	if d := Authorize(principal(Analyst), ReadInBulk, nil, now); !d.Allowed || !d.Bulk.Valid() || d.Bulk.Action() != ReadInBulk || d.Permit.Valid() {
		t.Errorf("an analyst's bulk read: %+v", d)
	}
	for _, r := range []Role{Practitioner, TeamManager, MASH, Admin, Auditor, Partner, ProgrammeManager} {
		if d := Authorize(principal(r), ReadInBulk, nil, now); d.Allowed || d.Bulk.Valid() {
			t.Errorf("%s's bulk read: %+v", r, d)
		}
	}
	if d := Authorize(principal(Analyst), SearchPeople, nil, now); d.Bulk.Valid() {
		t.Errorf("another action carries a bulk permit: %+v", d)
	}
	if (BulkPermit{}).Valid() {
		t.Error("the zero bulk permit allows a read")
	}
}

// TestExportReturnsIsABulkRead: a return's export carries a bulk permit for
// the analysts and administrators who may make one, and nobody else's does.
func TestExportReturnsIsABulkRead(t *testing.T) {
	for _, r := range Roles {
		d := Authorize(principal(r), ExportReturns, nil, now)
		want := r == Analyst || r == Admin
		if d.Allowed != want || d.Bulk.Valid() != want || d.Permit.Valid() {
			t.Errorf("%s exporting a return: %+v, want allowed %v with a bulk permit", r, d, want)
		}
		if want && d.Bulk.Action() != ExportReturns {
			t.Errorf("%s's bulk permit is for %s", r, d.Bulk.Action())
		}
	}
}
