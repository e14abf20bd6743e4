// Package access decides who may do what. It holds users, roles, teams and
// services, grants to restricted records, and the one function (Authorize) that
// every page, API call, export and search asks. It is pure: the store loads the
// facts, this package judges them.
package access

import (
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// UserID identifies a user account.
type UserID int64

// TeamID identifies a team; ServiceID a service (a group of teams).
type (
	TeamID    int64
	ServiceID int64
)

// Role is a named set of permissions. A user may hold several.
type Role string

const (
	Practitioner     Role = "practitioner"      // social worker, early help worker, personal adviser
	TeamManager      Role = "team_manager"      // team and service managers
	MASH             Role = "mash"              // front-door practitioner and manager
	Analyst          Role = "analyst"           // performance and insight
	ProgrammeManager Role = "programme_manager" // transformation programme
	Auditor          Role = "auditor"           // reads the access log
	Admin            Role = "admin"             // users, teams, roles, grants
	Partner          Role = "partner"           // school, police, health
	// Education is the council's education and inclusion officers (SEND
	// caseworkers, inclusion, CME and EHE officers): they read and keep
	// the education part of a child's record, never the journey.
	Education Role = "education"
)

// Roles lists every role in the order they are shown.
var Roles = []Role{Practitioner, TeamManager, MASH, Analyst, ProgrammeManager, Auditor, Admin, Partner, Education}

// Action is something a user may try to do.
type Action string

const (
	ReadPerson    Action = "person.read"    // open a person's record (and its history)
	SearchPeople  Action = "person.search"  // search the register (results are still filtered by ReadPerson)
	CreatePerson  Action = "person.create"  // add a person
	UpdatePerson  Action = "person.update"  // change a person's record or relationships
	ManageUsers   Action = "user.manage"    // add and change users, teams, services and roles
	ManageGrants  Action = "grant.manage"   // open a restricted record to a named user
	ReadAccessLog Action = "accesslog.read" // see who viewed which record
	ReadOwn       Action = "self.read"      // see and manage one's own account and tokens
	// BreakGlass opens, for reading, an unrestricted record the user has no
	// relationship to, once they have given a reason (see breakglass.go).
	BreakGlass Action = "person.break_glass"
	// RestrictPerson restricts a record or lifts its restriction: an
	// administrator's act on a record they need not be able to read.
	RestrictPerson Action = "person.restrict"
	// ReadInBulk reads many children's records at once, as they stood at a
	// moment: a statutory return, the children behind a figure. Its
	// decision carries a BulkPermit.
	ReadInBulk Action = "person.read_bulk"
	// ReadContactQueue lists the contacts awaiting a decision at the
	// front door; each child in it is still read through ReadPerson.
	ReadContactQueue Action = "work.contacts"
	// DecideContacts records the front door's decision on a contact: the
	// MASH's alone, done only to a child whose record they may change.
	DecideContacts Action = "work.decide"
	// ReadOwnWork lists the user's own children and what is due for them.
	ReadOwnWork Action = "work.own"
	// ReadTeamWork lists a team's children and what is due for them, for
	// the team's manager.
	ReadTeamWork Action = "work.team"
	// AllocateWork allocates a child to a worker, or moves them to
	// another: a manager's act, done only to a child whose record they may
	// change (UpdatePerson).
	AllocateWork Action = "work.allocate"
	// ReadSettings reads the council's settings (its timescales): rules,
	// not anything about a child, shown to those who work to them.
	ReadSettings Action = "settings.read"
	// ManageSettings changes the council's settings: an administrator's act.
	ManageSettings Action = "settings.manage"
	// ReadPlacementAddress shows where a child in care lives (the
	// placement's postcode and Ofsted URN, a foster household's postcode)
	// to the roles that must know it; every other reader of the child's
	// record sees the placement without its address.
	ReadPlacementAddress Action = "care.placement_address"
	// ReadBriefing opens the daily briefing of every young person missing
	// or at risk of exploitation: only for members of the team the
	// administrator names as the missing and exploitation hub.
	ReadBriefing Action = "care.briefing"
	// ReadCarers reads the register of foster households; ManageCarers
	// adds to it and changes it.
	ReadCarers   Action = "carers.read"
	ManageCarers Action = "carers.manage"
	// ReadProgramme reads the transformation programme (its outcomes,
	// projects, reports, risks and issues), which names no child: every
	// role may. ManageProgramme changes the programme, its outcomes and
	// projects and records gateway decisions. ReportProgramme submits a
	// project's monthly report and keeps its risks and issues: a role
	// allows it for every project, and AuthorizeProjectReport allows it
	// to a project's owner for that project (programme.go).
	ReadProgramme   Action = "programme.read"
	ManageProgramme Action = "programme.manage"
	ReportProgramme Action = "programme.report"
	// ReadPerformance reads the performance framework's figures, which
	// name no child but are counted from every child's journey: a bulk
	// read (its decision carries a BulkPermit). ReadPerformanceChildren
	// opens the lists of children behind a figure, which are children's
	// data; a team manager's are only of their own team's children (the
	// use case's rule, app/indicators.go). ManagePerformance enters the
	// council's own figures: population, targets, comparators, workforce.
	ReadPerformance         Action = "performance.read"
	ReadPerformanceChildren Action = "performance.children"
	ManagePerformance       Action = "performance.manage"
	// ReadJourney reads a child's journey (its records, chronology and due
	// work): a role-level action that the journey's pages, API and work
	// lists ask as well as the child's ReadPerson permit, so that a role
	// reading a child for another part of their record (education) never
	// sees a child protection plan.
	ReadJourney Action = "journey.read"
	// ReadEducation reads a child's education records; WriteEducation
	// records and changes them. ReadEducationSummary reads the summary
	// computed from them (school, SEN support or EHC plan, suspensions and
	// exclusions, CME or EHE status), which social care sees of its
	// children in place of the records.
	ReadEducation        Action = "education.read"
	WriteEducation       Action = "education.write"
	ReadEducationSummary Action = "education.summary"
	// ReportSchooling reads the monthly report of the attendance and SEND
	// of children with a social worker, with the children behind each
	// figure: a bulk read (its decision carries a BulkPermit). Which
	// children a role sees is the use case's rule (app/schooling.go): an
	// analyst the council's, a team manager their own team's, an
	// education officer only in the team named as the Virtual School.
	ReportSchooling Action = "education.report"
	// ExportReturns produces a statutory return (the CIN census) from
	// every child's records as they stood at a moment: a bulk read (its
	// decision carries a BulkPermit), for the analysts who make returns
	// and the administrators who may send one. The use case logs each
	// export as one line with the number of children in it.
	ExportReturns Action = "returns.export"
	// ImportReturns loads a council's past statutory returns (CIN census
	// and SSDA903 files) as records: people and their journeys, written
	// all together or not at all, for the analysts and administrators who
	// bring a council's history to Hearth. It reads no child's record
	// beyond whether a child the files name is already held; the use case
	// logs each import as one line with the number of children.
	ImportReturns Action = "returns.import"
)

// User is a person who signs in to Hearth.
type User struct {
	ID          UserID    `json:"id"`
	Version     int       `json:"version"` // the account's version (see store.Accounts.UpdateUser)
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Roles       []Role    `json:"roles"`
	TeamID      TeamID    `json:"team_id,omitempty"` // 0: no team
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"created_at"`
	// SSOSubject is the council's identity provider's name for the user
	// ("issuer#sub", see sso.Subject), by which single sign-on finds them;
	// "" for none.
	SSOSubject string `json:"sso_subject,omitempty"`
}

// Team is a team of workers within one service.
type Team struct {
	ID        TeamID    `json:"id"`
	Name      string    `json:"name"`
	ServiceID ServiceID `json:"service_id"`
}

// Service is a group of teams under one service manager (for example
// Children's Social Care, Early Help, Education Inclusion).
type Service struct {
	ID   ServiceID `json:"id"`
	Name string    `json:"name"`
}

// Principal is the signed-in user with the facts Authorize needs about them.
type Principal struct {
	User      User
	ServiceID ServiceID // the service of the user's team, 0 if none
	// BreakGlass is true when the council lets users break the glass
	// (app.App.BreakGlass). When false, BreakGlass is refused and openings
	// already made open nothing.
	BreakGlass bool
}

// Involvement is a team's (and perhaps a named worker's) work with a person over
// a period: a contact at the front door, early help, a child in need plan. It is
// what gives practitioners and managers their relationship to a child.
type Involvement struct {
	PersonID  people.ID  `json:"person_id"`
	Kind      string     `json:"kind"` // InvolvementKinds
	TeamID    TeamID     `json:"team_id"`
	WorkerID  UserID     `json:"worker_id,omitempty"` // allocated worker, 0 if unallocated
	StartDate civil.Date `json:"start_date"`
	EndDate   civil.Date `json:"end_date"` // zero while open
}

// Grant opens a restricted record to one user, for a reason, until a time.
type Grant struct {
	PersonID  people.ID `json:"person_id"`
	UserID    UserID    `json:"user_id"`
	Reason    string    `json:"reason"`
	GrantedBy UserID    `json:"granted_by"`
	From      time.Time `json:"from"`
	Until     time.Time `json:"until"`
}

// Subject is what Authorize needs to know about a person's record: whether it
// is restricted, who is involved, and which grants exist. Each Involvement and
// Grant must carry the same PersonID as the Subject; Authorize ignores any that
// do not, so a mistake in loading fails closed.
type Subject struct {
	PersonID     people.ID
	Restricted   bool
	Involvements []Involvement
	Grants       []Grant
	TeamServices map[TeamID]ServiceID // the service of each team named in Involvements
	// Relatives are the people directly related to this one (current or
	// ended relationships, each with its Kin), for the family rule; nil
	// when not loaded (see NeedsRelatives). Their own Relatives are not
	// looked at.
	Relatives []Subject
	// Kin is, for a Subject in another's Relatives, the relationship
	// between the two (family.go); zero otherwise. A person related twice
	// appears twice, once with each.
	Kin Kin
}

// Decision is Authorize's answer, with the reason that the access log records.
type Decision struct {
	Allowed bool
	Reason  string // "allocated worker", "team", "service", "open contact", "grant", "all records", or why not
	// Permit is set when an action on a record is allowed: the store's reads
	// of that record take it.
	Permit Permit
	// Bulk is set when a bulk read (ReadInBulk) is allowed: the store's
	// bulk reads take it.
	Bulk BulkPermit
}
