// Package store keeps Hearth's records. It is the only package with SQL. One
// interface, Store, is implemented for SQLite (embedded, the default) and
// PostgreSQL, and one test suite (storetest) runs against both.
//
// Records are versioned: a change writes a new version with who, when and why,
// and the old one stays. Nothing is hard-deleted. Every read can be made "as of"
// a past moment.
package store

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
)

// Change says who made a change, when, and why. The store stamps At itself if
// it is zero.
type Change struct {
	By     access.UserID
	At     time.Time
	Reason string
	// LogLine, when not 0, is the pending access-log line written for this
	// change (LogPending). The store records it in the change's own
	// transaction, so that the line can be settled from the records if the
	// process stops before SettleAccess (see SettlePending).
	LogLine int64
	// AlsoLogLines are further pending lines of the same change, each about
	// another record it touches (a relationship is logged on both people's
	// records). The store records them with LogLine, in the same
	// transaction, so that each is settled with it.
	AlsoLogLines []int64
}

// Version is one version of a record with the change that wrote it.
type Version[T any] struct {
	Version    int
	RecordedAt time.Time
	By         access.UserID
	ByName     string // the author's display name, for history pages
	Reason     string
	Record     T
}

// PersonQuery is a search of the person register. Empty fields are ignored;
// the others must all match.
type PersonQuery struct {
	Name        string     // any part of a current or other name, any case, accents ignored
	DateOfBirth civil.Date // exact
	Postcode    string     // a whole postcode, or its outward part (WV1)
	Identifier  string     // LA child id, NHS number, UPN or former UPN, exact
	Limit       int        // at most this many (store caps it at 500)
	// Scope, when not nil, keeps only the people it covers (see
	// access.Scope) and the people directly related to them.
	Scope *access.Scope
}

// PersonSummary is one row of a search result, with what Authorize needs.
type PersonSummary struct {
	ID          people.ID
	GivenName   string
	FamilyName  string
	DateOfBirth civil.Date
	Postcode    string // current postcode
	Restricted  bool
}

// FindRelationship returns the relationship with id among rels.
func FindRelationship(rels []RelationshipView, id people.RelationshipID) (RelationshipView, bool) {
	for _, rv := range rels {
		if rv.Relationship.ID == id {
			return rv, true
		}
	}
	return RelationshipView{}, false
}

// RelationshipView is a relationship seen from one person's side: Other is the
// person at the far end, and Forward tells whether the viewing person is
// Relationship.From.
type RelationshipView struct {
	Relationship people.Relationship
	Forward      bool
	Other        PersonSummary
}

// Credentials are a user's stored password hash.
type Credentials struct {
	UserID       access.UserID
	PasswordHash string
}

// Session is a signed-in browser session. The store keeps only a hash of the
// session token, so a stolen database cannot be used to sign in.
type Session struct {
	TokenHash string
	UserID    access.UserID
	CSRF      string
	CreatedAt time.Time
	LastSeen  time.Time
	Remote    string
	Method    string // how it began: SignInPassword or SignInSSO ("" is written as a password)
}

// How a session began, as the session and the access log's sign-in lines
// record it.
const (
	SignInPassword = "password"
	SignInSSO      = "sso"
)

// Token is a personal API token; only its hash is kept.
type Token struct {
	ID        int64
	UserID    access.UserID
	Name      string
	Hash      string
	CreatedAt time.Time
	LastUsed  time.Time
	Revoked   bool
	// ExpiresAt is when the token stops working; zero for never.
	ExpiresAt time.Time
}

// Expired reports whether the token has stopped working by now.
func (t Token) Expired(now time.Time) bool { return !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt) }

// Kind is one kind of record: the value record_versions.kind holds for a
// versioned one, what the store's one versioning mechanism is told, and what
// a line of the access log names.
type Kind string

// The kinds of record.
const (
	KindPerson       Kind = "person"
	KindRelationship Kind = "relationship"
	KindInvolvement  Kind = "involvement"
	KindUser         Kind = "user"  // a user's account, versioned (see Accounts.UserHistory)
	KindToken        Kind = "token" // an API token; not versioned
)

// InvolvementID identifies an involvement.
type InvolvementID int64

// Involvement is an involvement (see access.Involvement) as a versioned
// record: it is created as version 1, changed only as a new version with a
// reason, and ended by a version that sets its end date; it is never
// deleted.
type Involvement struct {
	ID      InvolvementID `json:"id"`
	Version int           `json:"version"`
	access.Involvement
	// Record is the journey record that gives the involvement (see
	// journey.Involvement), whose writes keep it in step; 0 for an
	// involvement entered on its own.
	Record journey.ID `json:"record,omitzero"`
}

// Tx is the writes of one unit of work (see Store.Atomic). Each behaves as
// the Store method of the same name, except that nothing is committed until
// the unit's function returns nil.
type Tx interface {
	CreatePerson(ctx context.Context, p people.Person, c Change) (people.Person, error)
	UpdatePerson(ctx context.Context, p people.Person, c Change) (people.Person, error)
	CreateRelationship(ctx context.Context, r people.Relationship, c Change) (people.Relationship, error)
	UpdateRelationship(ctx context.Context, r people.Relationship, c Change) (people.Relationship, error)
	CreateInvolvement(ctx context.Context, inv Involvement, c Change) (Involvement, error)
	UpdateInvolvement(ctx context.Context, inv Involvement, c Change) (Involvement, error)
	CreateJourneyRecord(ctx context.Context, r journey.Record, c Change) (journey.Record, error)
	UpdateJourneyRecord(ctx context.Context, r journey.Record, c Change) (journey.Record, error)
	CreateHousehold(ctx context.Context, h care.Household, c Change) (care.Household, error)
	UpdateHousehold(ctx context.Context, h care.Household, c Change) (care.Household, error)
	CreateProgramme(ctx context.Context, p programme.Programme, c Change) (programme.Programme, error)
	UpdateProgramme(ctx context.Context, p programme.Programme, c Change) (programme.Programme, error)
	CreateProgrammeOutcome(ctx context.Context, o programme.Outcome, c Change) (programme.Outcome, error)
	UpdateProgrammeOutcome(ctx context.Context, o programme.Outcome, c Change) (programme.Outcome, error)
	CreateProject(ctx context.Context, p programme.Project, c Change) (programme.Project, error)
	UpdateProject(ctx context.Context, p programme.Project, c Change) (programme.Project, error)
	CreateProjectReport(ctx context.Context, r programme.Report, c Change) (programme.Report, error)
	UpdateProjectReport(ctx context.Context, r programme.Report, c Change) (programme.Report, error)
	CreateRegisterEntry(ctx context.Context, e programme.Entry, c Change) (programme.Entry, error)
	UpdateRegisterEntry(ctx context.Context, e programme.Entry, c Change) (programme.Entry, error)
	CreateClaim(ctx context.Context, cl programme.Claim, c Change) (programme.Claim, error)
	UpdateClaim(ctx context.Context, cl programme.Claim, c Change) (programme.Claim, error)
	CreateEducationRecord(ctx context.Context, r education.Record, c Change) (education.Record, error)
	UpdateEducationRecord(ctx context.Context, r education.Record, c Change) (education.Record, error)
	// CreateExclusionFlags writes the notes of an exclusion (see
	// EducationWork), each for a worker or a team.
	CreateExclusionFlags(ctx context.Context, fs []ExclusionFlag, c Change) error
}

// Store is everything Hearth keeps, one interface per module. Methods that
// change a record take a Change and are atomic: they commit in full or not at
// all. A record not found returns an errs.NotFound error; a stale version an
// errs.Conflict error. Reads of a child's record take the access.Permit of
// the decision that allowed them and refuse one that is not valid.
type Store interface {
	People
	AccessFacts
	Journey
	Carers
	Education
	EducationWork
	Programme
	Claims
	Accounts
	Audit
	Settings
	Briefing
	CMEReferrals
	Performance
	Returns
	History
	Ops

	// Atomic runs fn as one unit of work: the writes it makes through tx
	// commit together when fn returns nil, and none of them does otherwise
	// (a person and their first involvement; later, a referral, its
	// involvement and its due dates). fn writes only through tx: on SQLite
	// the unit holds the one write connection until it ends, so a write
	// through the Store inside fn would wait for it until ctx ends.
	Atomic(ctx context.Context, fn func(tx Tx) error) error
}

// People is the person register: people and their relationships.
type People interface {
	// CreatePerson fills in ID and Version (1). UpdatePerson writes
	// version p.Version+1 only if p.Version is still the latest, otherwise
	// errs.Conflict. A unique identifier already held by someone else is
	// errs.Conflict naming the field.
	CreatePerson(ctx context.Context, p people.Person, c Change) (people.Person, error)
	UpdatePerson(ctx context.Context, p people.Person, c Change) (people.Person, error)
	// Person returns the latest version of the permit's person, or the one
	// current at asOf if it is not zero.
	Person(ctx context.Context, p access.Permit, asOf time.Time) (people.Person, error)
	PersonHistory(ctx context.Context, p access.Permit) ([]Version[people.Person], error)
	SearchPeople(ctx context.Context, q PersonQuery) ([]PersonSummary, error)
	// PossibleDuplicates returns people with the same date of birth, or who share
	// any of the given identifiers. The caller judges name similarity.
	PossibleDuplicates(ctx context.Context, p people.Person) ([]people.Person, error)
	// ImportPeople writes many new people (and their relationships, whose From
	// and To index into ps) in one transaction, for Demo City and bulk loads.
	// It returns the new ids in the order given.
	ImportPeople(ctx context.Context, ps []people.Person, rels []people.Relationship, c Change) ([]people.ID, error)
	CountPeople(ctx context.Context) (int, error)

	// Relationships are versioned like people; ending one sets EndDate.
	CreateRelationship(ctx context.Context, r people.Relationship, c Change) (people.Relationship, error)
	UpdateRelationship(ctx context.Context, r people.Relationship, c Change) (people.Relationship, error)
	// Relationships returns the relationships of the permit's person.
	Relationships(ctx context.Context, p access.Permit, asOf time.Time) ([]RelationshipView, error)
	// Relatives returns, for each of ids, the people they have a relationship
	// with (current or ended, every type), each with the relationship's type
	// and end date, for the family rule of access (which judges which count)
	// over many search results at once. A person related twice is listed
	// twice. People with none are left out of the map.
	Relatives(ctx context.Context, ids []people.ID) (map[people.ID][]Relative, error)
	// RelationshipHistory returns every version of every relationship of the
	// permit's person, in the order they were recorded (an empty list if none).
	RelationshipHistory(ctx context.Context, p access.Permit) ([]Version[people.Relationship], error)
}

// AccessFacts are what access decisions are made from: involvements,
// grants, and the subjects built from them.
type AccessFacts interface {
	Subject(ctx context.Context, id people.ID, now time.Time) (access.Subject, error)
	// Subjects is Subject for many people at once, for filtering search results.
	Subjects(ctx context.Context, ids []people.ID, now time.Time) (map[people.ID]access.Subject, error)
	// CreateInvolvement fills in ID and Version (1); UpdateInvolvement writes
	// version inv.Version+1 only if inv.Version is still the latest (ending
	// an involvement is an update that sets EndDate). The person and kind
	// cannot change. A kind not in access.InvolvementKinds is errs.Invalid
	// naming the field kind.
	CreateInvolvement(ctx context.Context, inv Involvement, c Change) (Involvement, error)
	UpdateInvolvement(ctx context.Context, inv Involvement, c Change) (Involvement, error)
	// Involvements returns the involvements of the permit's person as they
	// stand, oldest start first; InvolvementHistory every version of each,
	// in the order they were recorded.
	Involvements(ctx context.Context, p access.Permit) ([]Involvement, error)
	InvolvementHistory(ctx context.Context, p access.Permit) ([]Version[Involvement], error)
	// ImportInvolvements records many new involvements in one transaction.
	ImportInvolvements(ctx context.Context, invs []access.Involvement, c Change) error
	// AddGrant records a grant, or an opening by breaking the glass (a
	// grant the user makes to themself); c names its access-log line.
	AddGrant(ctx context.Context, g access.Grant, c Change) error
}

// Accounts are users, teams, services, credentials, sessions and tokens.
type Accounts interface {
	CreateService(ctx context.Context, s access.Service) (access.Service, error)
	Services(ctx context.Context) ([]access.Service, error)
	CreateTeam(ctx context.Context, t access.Team) (access.Team, error)
	Teams(ctx context.Context) ([]access.Team, error)
	// Users are versioned records, like people. CreateUser fills in ID and
	// Version (1); it is errs.Conflict if the username is taken (usernames
	// compare without case). UpdateUser writes version u.Version+1 only if
	// u.Version is still the latest, otherwise errs.Conflict. The password
	// hash is kept with the account but is no part of its versions.
	CreateUser(ctx context.Context, u access.User, passwordHash string, c Change) (access.User, error)
	UpdateUser(ctx context.Context, u access.User, c Change) (access.User, error)
	User(ctx context.Context, id access.UserID) (access.User, error)
	UserByUsername(ctx context.Context, username string) (access.User, error)
	// UserBySSOSubject returns the user the council's identity provider
	// knows by subject ("issuer#sub"), errs.NotFound if none.
	UserBySSOSubject(ctx context.Context, subject string) (access.User, error)
	Users(ctx context.Context) ([]access.User, error)
	// UserNames returns the display names of the users named, in one read;
	// an id that is no user is left out.
	UserNames(ctx context.Context, ids []access.UserID) (map[access.UserID]string, error)
	Credentials(ctx context.Context, id access.UserID) (Credentials, error)
	SetPassword(ctx context.Context, id access.UserID, hash string) error

	CreateSession(ctx context.Context, s Session) error
	Session(ctx context.Context, tokenHash string) (Session, error)
	TouchSession(ctx context.Context, tokenHash string, at time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	// CreateToken and RevokeToken take the Change that names their
	// access-log line (Change.LogLine); its other fields are not kept.
	CreateToken(ctx context.Context, t Token, c Change) (Token, error)
	TokenByHash(ctx context.Context, hash string) (Token, error)
	TouchToken(ctx context.Context, id int64, at time.Time) error
	Tokens(ctx context.Context, user access.UserID) ([]Token, error)
	RevokeToken(ctx context.Context, user access.UserID, id int64, c Change) error

	// Accounts' history. UserHistory returns every version of a user's
	// account (username, name, roles, team, disabled), oldest first, with
	// who changed it, when and why; an empty list for a user who does not
	// exist.
	UserHistory(ctx context.Context, id access.UserID) ([]Version[access.User], error)
}

// Audit is the access log.
type Audit interface {
	// Access log. LogAccess writes a line in state LineDone; a line with
	// an unknown action or record kind is refused (errs.Invalid). A write
	// is logged in two steps: LogPending before it (the line's id goes in
	// the write's Change.LogLine), SettleAccess after it. SettlePending
	// settles, from the records, pending lines whose write committed; Open
	// runs it, for the lines of a process that stopped between the two.
	LogAccess(ctx context.Context, e AccessEntry) error
	LogPending(ctx context.Context, e AccessEntry) (int64, error)
	SettleAccess(ctx context.Context, s Settlement) error
	SettlePending(ctx context.Context) (int, error)
	AccessLog(ctx context.Context, q AccessQuery) ([]AccessEntry, error)
}

// Ops is what operating the store needs.
type Ops interface {
	Ping(ctx context.Context) error
	// StepThrottle runs step on a throttle key's state (nil when none) in
	// one transaction that holds the key against every other process, and
	// keeps what step returns (nil: forget the key). Sign-in and search
	// throttles are counted here when several Hearth processes share the
	// database.
	StepThrottle(ctx context.Context, key string, now time.Time, step func(state []byte) ([]byte, error)) error
	// CacheStamp is a short string that changes whenever a team, a service
	// or a setting is added or changed: a process that keeps them in memory
	// asks for it (one small query) to learn that another has changed them.
	CacheStamp(ctx context.Context) (string, error)
	// SharedSecret returns the key kept under name, made with make the first
	// time: a key every process sharing the database must sign with alike
	// (the sign-in page's device cookie).
	SharedSecret(ctx context.Context, name string, make func() ([]byte, error)) ([]byte, error)
	// Backup writes a consistent copy of the store to path (SQLite only; for
	// PostgreSQL it returns an error that says to use pg_dump).
	Backup(ctx context.Context, path string) error
	Close() error
}

// Relative is one of a person's relatives, as Relatives returns them: who,
// and by which relationship (its type and end date).
type Relative struct {
	ID  people.ID
	Kin access.Kin
}
