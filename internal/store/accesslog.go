package store

import (
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// RecordKinds lists every kind of record (store.Kind) the access log
// accepts, in the order the auditor's filter shows them. A module that adds
// a kind of record adds it to Kind's constants and here.
var RecordKinds = []Kind{KindPerson, KindRelationship, KindInvolvement, KindJourney, KindUser, KindToken, KindSetting, KindHousehold,
	KindProgramme, KindOutcome, KindProject, KindProjectReport, KindRegisterEntry, KindClaim}

// AccessAction is what a line of the access log says was done. The list is
// fixed: the store refuses a line with any other action, so that the
// auditor's filter finds every line of a kind. A use case that does
// something new adds its action here and to AccessActions.
type AccessAction string

const (
	// Reads of a child's record.
	LogRead       AccessAction = "read"        // opened a record (page, API, as-of view)
	LogHistory    AccessAction = "history"     // read a record's history
	LogBreakGlass AccessAction = "break_glass" // opened a record with no relationship to it; Note is the reason the user gave
	LogSearch     AccessAction = "search"      // searched the register; Note is the terms
	// LogDuplicateCheck is a check of a new or changed record for possible
	// duplicates; Note is what was matched on, Children the matches shown.
	LogDuplicateCheck AccessAction = "check"
	LogBulkRead       AccessAction = "bulk_read" // read a list of children (those behind a figure); Children is how many
	LogExport         AccessAction = "export"    // exported records (a statutory return); Children is how many

	// Changes.
	LogCreate     AccessAction = "create"
	LogUpdate     AccessAction = "update"
	LogGrant      AccessAction = "grant.create" // a restricted record opened to a user; Note is the grant's reason
	LogRestrict   AccessAction = "restrict"     // Note is the reason
	LogUnrestrict AccessAction = "unrestrict"   // Note is the reason

	// Accounts.
	LogUserCreate  AccessAction = "user.create"
	LogUserUpdate  AccessAction = "user.update" // name, team, or whether they may sign in
	LogUserRoles   AccessAction = "user.roles"  // roles changed; Note lists the roles before and after
	LogTokenCreate AccessAction = "token.create"
	LogTokenRevoke AccessAction = "token.revoke" // by its owner or, for another user's, an administrator
	// LogSignIn is a sign-in that began a session; Reason is how
	// (SignInPassword, SignInSSO).
	LogSignIn AccessAction = "sign_in"

	// LogDenied is a refusal, of an action on a record or of one a role
	// does not allow at all; Reason names the action asked for and why it
	// was refused ("person.read: restricted").
	LogDenied AccessAction = "denied"
)

// AccessActions lists every action, in the order the auditor's filter shows
// them.
var AccessActions = []AccessAction{
	LogRead, LogHistory, LogBreakGlass, LogSearch, LogDuplicateCheck, LogBulkRead, LogExport,
	LogCreate, LogUpdate, LogGrant, LogRestrict, LogUnrestrict,
	LogUserCreate, LogUserUpdate, LogUserRoles, LogTokenCreate, LogTokenRevoke, LogSignIn,
	LogDenied,
}

// Valid reports whether the action is one of AccessActions.
func (a AccessAction) Valid() bool { return slices.Contains(AccessActions, a) }

// Valid reports whether the kind is one of RecordKinds.
func (k Kind) Valid() bool { return slices.Contains(RecordKinds, k) }

// LineState says whether the write a line records happened.
type LineState string

const (
	// LineDone: the line stands as written (a read, a search, a refusal, or
	// a write that committed).
	LineDone LineState = "done"
	// LinePending: a write was about to be made, and is not known to have
	// committed. A line stays pending only if the process stopped during
	// the write and the write did not commit.
	LinePending LineState = "pending"
	// LineFailed: the write was tried and did not commit (a stale version,
	// an invalid record, a database error).
	LineFailed LineState = "failed"
)

// AccessEntry is one line of the access log.
type AccessEntry struct {
	ID       int64
	At       time.Time
	UserID   access.UserID
	Username string
	PersonID people.ID    // the person the line is about, 0 if none
	Kind     Kind         // the kind of record acted on, "" if none (a search)
	RecordID int64        // the record's id, 0 if none (or not yet known)
	Action   AccessAction // one of AccessActions
	Reason   string       // the decision's reason ("allocated worker", "role", "restricted")
	Note     string       // what the user typed: a break-the-glass reason, search terms
	Children int          // exports and bulk reads: how many children
	State    LineState    // "" is written as LineDone
	Remote   string       // remote address
	Route    string       // the page or API path
}

// MaxNote bounds an access-log line's note.
const MaxNote = 2000

// Check refuses a line the log does not take: an unknown action or kind, a
// record id without its kind, a negative count, a note too long.
func (e AccessEntry) Check() error {
	var fields errs.Fields
	if !e.Action.Valid() {
		fields.Add("action", "Action %q is not one of the access log's actions", e.Action)
	}
	if e.Kind != "" && !e.Kind.Valid() {
		fields.Add("kind", "Record kind %q is not one of the access log's kinds", e.Kind)
	}
	if e.Kind == "" && e.RecordID != 0 {
		fields.Add("kind", "A record id needs its record kind")
	}
	if e.RecordID < 0 {
		fields.Add("record_id", "Record id must not be negative")
	}
	if e.Children < 0 {
		fields.Add("children", "Children must not be negative")
	}
	if len(e.Note) > MaxNote {
		fields.Add("note", "Note must be %d characters or fewer", MaxNote)
	}
	switch e.State {
	case "", LineDone, LinePending, LineFailed:
	default:
		fields.Add("state", "State %q is not done, pending or failed", e.State)
	}
	return fields.Err()
}

// Settlement settles a pending line once its write has committed or failed.
type Settlement struct {
	Line  int64
	State LineState // LineDone or LineFailed
	// PersonID and RecordID fill in the line's person and record when it
	// had none: the id of a record the write created.
	PersonID people.ID
	RecordID int64
}

// AccessQuery filters the access log. Empty fields are ignored; the others
// must all match.
type AccessQuery struct {
	PersonID people.ID
	UserID   access.UserID
	Kind     Kind
	RecordID int64
	Action   AccessAction
	Since    time.Time // inclusive
	Until    time.Time // exclusive
	Limit    int       // at most this many (the store caps it at MaxAccessLimit)
}

// MaxAccessLimit is the most lines one AccessLog call returns.
const MaxAccessLimit = 10000
