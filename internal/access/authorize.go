package access

import (
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// registry is every action Authorize knows, in the order they are shown, with
// whether it is done to one person's record (so that Authorize needs a
// Subject and applies scope as well as role). An action missing from it is
// refused, whatever the roles say; the role table test fails for an action
// added here without its rows there.
var registry = []struct {
	action   Action
	onRecord bool
}{
	{ReadOwn, false},
	{SearchPeople, false},
	{ReadPerson, true},
	{CreatePerson, false},
	{UpdatePerson, true},
	{ManageUsers, false},
	{ManageGrants, false},
	{ReadAccessLog, false},
	{BreakGlass, true},
	{RestrictPerson, true},
	{ReadInBulk, false},
	{ReadContactQueue, false},
	{DecideContacts, false},
	{ReadOwnWork, false},
	{ReadTeamWork, false},
	{AllocateWork, false},
	{ReadSettings, false},
	{ManageSettings, false},
	{ReadPlacementAddress, false},
	{ReadBriefing, false},
	{ReadCarers, false},
	{ManageCarers, false},
	{ReadProgramme, false},
	{ManageProgramme, false},
	{ReportProgramme, false},
	{ReadPerformance, false},
	{ReadPerformanceChildren, false},
	{ManagePerformance, false},
	{ReadJourney, false},
	{ReadEducation, true},
	{WriteEducation, true},
	{ReadEducationSummary, true},
	{ReportSchooling, false},
	{ExportReturns, false},
	{ImportReturns, false},
}

// bulkReads are the actions whose decision carries a BulkPermit: each
// reads many children's records at once, and its use case logs the read as
// one line with the number of children.
var bulkReads = map[Action]bool{ReadInBulk: true, ReadPerformance: true, ReadPerformanceChildren: true, ExportReturns: true, ReportSchooling: true}

// Actions lists every registered action, in the order they are shown.
var Actions = func() []Action {
	out := make([]Action, len(registry))
	for i, r := range registry {
		out[i] = r.action
	}
	return out
}()

// Known reports whether the action is registered.
func (a Action) Known() bool {
	_, ok := lookup(a)
	return ok
}

// OnRecord reports whether the action is done to one person's record. An
// unknown action is not.
func (a Action) OnRecord() bool {
	on, _ := lookup(a)
	return on
}

func lookup(a Action) (onRecord, ok bool) {
	for _, r := range registry {
		if r.action == a {
			return r.onRecord, true
		}
	}
	return false, false
}

// The reasons Authorize gives. The access log records them as they are.
const (
	// Allowed.
	ReasonRole        = "role"             // the action is not on a record and a role allows it
	ReasonGrant       = "grant"            // a current grant to this user
	ReasonAllocated   = "allocated worker" // the user is the worker on an open involvement
	ReasonTeam        = "team"             // the user's team has an open involvement
	ReasonService     = "service"          // a team in the manager's service has an open involvement
	ReasonOpenContact = "open contact"     // MASH, and the person has an open contact
	ReasonAllRecords  = "all records"      // an analyst reading an unrestricted record
	ReasonBreakGlass  = "break the glass"  // opened today by the user, with a reason (breakglass.go)
	ReasonAdminister  = "administrator"    // an administrator's act on any record (RestrictPerson)

	// Refused.
	ReasonDisabled       = "account disabled"
	ReasonUnknownAction  = "no such action"
	ReasonNotPermitted   = "role does not allow this action"
	ReasonNoRecord       = "no record"
	ReasonRestricted     = "restricted"
	ReasonNoRelationship = "no relationship to this record"
	ReasonBreakGlassOff  = "breaking the glass is switched off"
)

// permissions says which actions each role allows. A user's roles add up.
//
// Administrators administer access and never read children's records:
// lifting a restriction or making a grant must not widen their own access,
// so they hold neither ReadPerson nor SearchPeople, and CheckRoles keeps the
// role off any account that also holds a role that reads.
var permissions = map[Role]map[Action]bool{
	Practitioner: {ReadOwn: true, SearchPeople: true, CreatePerson: true, ReadPerson: true, UpdatePerson: true, BreakGlass: true, ReadOwnWork: true, ReadSettings: true,
		ReadPlacementAddress: true, ReadBriefing: true, ReadCarers: true, ReadProgramme: true, ReadJourney: true, ReadEducationSummary: true},
	TeamManager: {ReadOwn: true, SearchPeople: true, CreatePerson: true, ReadPerson: true, UpdatePerson: true, BreakGlass: true, ReadOwnWork: true, ReadTeamWork: true, AllocateWork: true, ReadSettings: true,
		ReadPlacementAddress: true, ReadBriefing: true, ReadCarers: true, ManageCarers: true, ReadProgramme: true,
		ReadPerformance: true, ReadPerformanceChildren: true, ReadJourney: true, ReadEducationSummary: true, ReportSchooling: true},
	MASH: {ReadOwn: true, SearchPeople: true, CreatePerson: true, ReadPerson: true, UpdatePerson: true, BreakGlass: true, ReadOwnWork: true, ReadContactQueue: true, DecideContacts: true, ReadSettings: true,
		ReadBriefing: true, ReadProgramme: true, ReadJourney: true, ReadEducationSummary: true},
	Analyst: {ReadOwn: true, SearchPeople: true, ReadPerson: true, ReadInBulk: true, ReadSettings: true, ReadProgramme: true,
		ReadPerformance: true, ReadPerformanceChildren: true, ManagePerformance: true, ReadJourney: true, ExportReturns: true, ImportReturns: true, ReportSchooling: true},
	ProgrammeManager: {ReadOwn: true, ReadProgramme: true, ManageProgramme: true, ReportProgramme: true, ReadPerformance: true},
	Auditor:          {ReadOwn: true, ReadAccessLog: true, ReadProgramme: true},
	Admin: {ReadOwn: true, ManageUsers: true, ManageGrants: true, RestrictPerson: true, ReadSettings: true, ManageSettings: true, ReadProgramme: true,
		ReadPerformance: true, ManagePerformance: true, ExportReturns: true, ImportReturns: true},
	Partner: {ReadOwn: true, ReadBriefing: true, ReadProgramme: true},
	// Education officers read a child's details and education records, and
	// keep the records, only through their team's education involvement
	// (educationScope) or as the record's named worker; they hold neither
	// ReadJourney nor UpdatePerson. Their own work list holds their SEND
	// deadlines, never a journey's (app.MyWork). They read the council's
	// settings, rules about no child, for the term dates their exclusion
	// clocks count school days on.
	Education: {ReadOwn: true, SearchPeople: true, ReadPerson: true, ReadProgramme: true, ReadOwnWork: true, ReadSettings: true,
		ReadEducation: true, WriteEducation: true, ReadEducationSummary: true, ReportSchooling: true},
}

// Which roles carry which scopes over records. The allocated worker and grant
// scopes belong to every role that allows the action.
var (
	teamScope       = map[Role]bool{Practitioner: true, TeamManager: true, MASH: true}
	serviceScope    = map[Role]bool{TeamManager: true}
	contactScope    = map[Role]bool{MASH: true}
	allRecordsScope = map[Role]bool{Analyst: true} // ReadPerson only
	// educationScope is a team scope that counts only the team's education
	// involvements: an education officer in a team that also held a
	// contact would otherwise read the child through it.
	educationScope = map[Role]bool{Education: true}
)

// Can reports whether the user's roles allow the action at all, without
// looking at any record. It is for showing or hiding links and menus; a page
// about one person must still call Authorize. A disabled user can do nothing;
// any other user, even one with no roles, can ReadOwn.
func Can(p Principal, a Action) bool {
	if p.User.Disabled {
		return false
	}
	if !a.Known() {
		return false
	}
	if a == ReadOwn {
		return true
	}
	if a == BreakGlass && !p.BreakGlass {
		return false
	}
	return p.holds(a, nil)
}

// holds reports whether the principal has a role that allows a and, when
// scope is not nil, is in scope. An account that holds the administrator
// role with a role that reads children's records (CheckRoles refuses it, but
// an account made before that rule may hold both) acts as an administrator
// only: its reading roles count for nothing, so that it can never open a
// record it has just unrestricted or granted.
func (p Principal) holds(a Action, scope map[Role]bool) bool {
	conflicted := adminWhoReads(p.User.Roles)
	for _, r := range p.User.Roles {
		if conflicted && notWithAdmin(r) {
			continue
		}
		if permissions[r][a] && (scope == nil || scope[r]) {
			return true
		}
	}
	return false
}

// Authorize decides whether p may do a, to the record s where a is on a record,
// at now. Every page, API call, export and search asks it, and the reason it
// gives is what the access log records.
//
// A disabled user is refused everything, and so is an action that is not
// registered (ReasonUnknownAction). Otherwise the user's roles must
// allow the action. For actions on a record there must be a Subject, and then
// the first of these that applies decides:
//
//   - a restricted record opens only to a current grant to this user;
//     nothing else opens it, not even to an analyst;
//   - a current grant to this user opens any record;
//   - the user is the allocated worker on an open involvement;
//   - practitioner, team manager and MASH: the user's team has an open
//     involvement;
//   - team manager: a team in the manager's service has an open involvement;
//   - MASH: the person has an open contact;
//   - analyst, reading only: any unrestricted record;
//   - reading only, the family rule: the user may read, by one of the rules
//     above, a relative in s.Relatives who is not restricted (see family.go);
//   - reading only, practitioner, team manager and MASH, when p.BreakGlass:
//     the user broke the glass on this record today (see breakglass.go);
//   - otherwise no.
//
// BreakGlass itself (may this user open this record by giving a reason?)
// is allowed to those roles, when p.BreakGlass, on any unrestricted record.
// RestrictPerson is allowed to administrators on any record.
//
// Each scope counts only through a role that allows the action. An
// involvement is open if it has no end date or ends today or later, where
// today is the date of now in London (civil.OfLondon), whatever now's own
// location: the council's day, not the server's.
// A grant is current when From <= now < Until. Involvements and grants that
// name a different person from s.PersonID are ignored.
func Authorize(p Principal, a Action, s *Subject, now time.Time) Decision {
	d := decide(p, a, s, now)
	switch {
	case d.Allowed && a.OnRecord():
		d.Permit = Permit{person: s.PersonID, action: a, reason: d.Reason}
	case d.Allowed && bulkReads[a]:
		d.Bulk = BulkPermit{action: a, reason: d.Reason}
	}
	return d
}

func decide(p Principal, a Action, s *Subject, now time.Time) Decision {
	if p.User.Disabled {
		return refuse(ReasonDisabled)
	}
	if !a.Known() {
		return refuse(ReasonUnknownAction)
	}
	if !a.OnRecord() {
		if Can(p, a) {
			return allow(ReasonRole)
		}
		return refuse(ReasonNotPermitted)
	}
	if s == nil {
		return refuse(ReasonNoRecord)
	}
	if !p.holds(a, nil) {
		return refuse(ReasonNotPermitted)
	}
	if a == BreakGlass {
		return mayBreakGlass(p, s)
	}
	if a == RestrictPerson {
		// The role decides, whatever the record: restricting takes a record
		// from everyone without a grant, and the administrator who does it
		// need not be able to read it.
		return allow(ReasonAdminister)
	}
	if d := direct(p, a, s, now); d.Allowed || s.Restricted {
		return d
	}
	if d, ok := throughFamily(p, a, s, now); ok {
		return d
	}
	if d, ok := brokenGlass(p, a, s, now); ok {
		return d
	}
	return refuse(ReasonNoRelationship)
}

// direct decides an action on a record by the user's own relationship to it:
// a grant, an involvement, a service, a contact, or reading all records. It
// is every rule but the family rule, which asks it about each relative.
func direct(p Principal, a Action, s *Subject, now time.Time) Decision {
	granted := s.grantedTo(p.User.ID, now)
	if s.Restricted {
		if granted {
			return allow(ReasonGrant)
		}
		return refuse(ReasonRestricted)
	}
	if granted {
		return allow(ReasonGrant)
	}

	today := civil.OfLondon(now)
	var open []Involvement
	for _, inv := range s.Involvements {
		if inv.PersonID == s.PersonID && inv.OpenOn(today) {
			open = append(open, inv)
		}
	}

	if p.User.ID != 0 {
		for _, inv := range open {
			if inv.WorkerID == p.User.ID {
				return allow(ReasonAllocated)
			}
		}
	}
	if p.User.TeamID != 0 && p.holds(a, teamScope) {
		for _, inv := range open {
			if inv.TeamID == p.User.TeamID {
				return allow(ReasonTeam)
			}
		}
	}
	if p.User.TeamID != 0 && p.holds(a, educationScope) {
		for _, inv := range open {
			if inv.TeamID == p.User.TeamID && inv.Kind == KindEducation {
				return allow(ReasonTeam)
			}
		}
	}
	if p.ServiceID != 0 && p.holds(a, serviceScope) {
		for _, inv := range open {
			if svc, ok := s.TeamServices[inv.TeamID]; ok && svc == p.ServiceID {
				return allow(ReasonService)
			}
		}
	}
	if p.holds(a, contactScope) {
		for _, inv := range open {
			if inv.Kind == KindContact {
				return allow(ReasonOpenContact)
			}
		}
	}
	if a == ReadPerson && p.holds(a, allRecordsScope) {
		return allow(ReasonAllRecords)
	}
	return refuse(ReasonNoRelationship)
}

func allow(reason string) Decision  { return Decision{Allowed: true, Reason: reason} }
func refuse(reason string) Decision { return Decision{Allowed: false, Reason: reason} }

// grantedTo reports whether s has a grant to user that is current at now. A
// grant the user made to themself is no grant: it is an opening by breaking
// the glass (see brokenGlass), which never opens a restricted record.
func (s *Subject) grantedTo(user UserID, now time.Time) bool { return s.hasGrant(user, now, false) }

// hasGrant reports whether s has a grant to user current at now: one made by
// someone else (a grant), or, with own, one the user made themself (an
// opening by breaking the glass).
func (s *Subject) hasGrant(user UserID, now time.Time, own bool) bool {
	if user == 0 {
		return false
	}
	for _, g := range s.Grants {
		if g.UserID == user && (g.GrantedBy == user) == own && g.PersonID == s.PersonID && g.ActiveAt(now) {
			return true
		}
	}
	return false
}

// ActiveAt reports whether the grant is in force at now: From <= now < Until.
func (g Grant) ActiveAt(now time.Time) bool {
	return !now.Before(g.From) && now.Before(g.Until)
}

// OpenOn reports whether the involvement is open on the given date: it has no
// end date, or ends on that date or later.
func (inv Involvement) OpenOn(d civil.Date) bool {
	return inv.EndDate.IsZero() || !inv.EndDate.Before(d)
}

// InvolvementKind is one kind of involvement, with its code (as stored) and
// its label (as shown).
type InvolvementKind struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Involvement kind codes.
const (
	KindContact         = "contact"
	KindEarlyHelp       = "early_help"
	KindChildInNeed     = "child_in_need"
	KindChildProtection = "child_protection"
	KindLookedAfter     = "looked_after"
	KindCareLeaver      = "care_leaver"
	KindEducation       = "education"
)

// InvolvementKinds lists every kind of involvement, in the order they are
// shown.
var InvolvementKinds = []InvolvementKind{
	{KindContact, "Contact"},
	{KindEarlyHelp, "Early help"},
	{KindChildInNeed, "Child in need"},
	{KindChildProtection, "Child protection"},
	{KindLookedAfter, "Looked after"},
	{KindCareLeaver, "Care leaver"},
	{KindEducation, "Education"},
}

// InvolvementKindLabel returns the label for a kind code, or the code itself
// if it is not one of InvolvementKinds.
func InvolvementKindLabel(code string) string {
	for _, k := range InvolvementKinds {
		if k.Code == code {
			return k.Label
		}
	}
	return code
}

// ValidInvolvementKind reports whether code is one of InvolvementKinds.
func ValidInvolvementKind(code string) bool {
	for _, k := range InvolvementKinds {
		if k.Code == code {
			return true
		}
	}
	return false
}

var roleLabels = map[Role]string{
	Practitioner:     "Practitioner",
	TeamManager:      "Team manager",
	MASH:             "MASH",
	Analyst:          "Analyst",
	ProgrammeManager: "Programme manager",
	Auditor:          "Auditor",
	Admin:            "Administrator",
	Partner:          "Partner",
	Education:        "Education officer",
}

// RoleLabels returns roles as shown to users, joined by commas, or "None".
func RoleLabels(rs []Role) string {
	if len(rs) == 0 {
		return "None"
	}
	ls := make([]string, len(rs))
	for i, r := range rs {
		ls[i] = RoleLabel(r)
	}
	return strings.Join(ls, ", ")
}

// RoleLabel returns the role's name as shown to users, or the code itself for
// a role this package does not know.
func RoleLabel(r Role) string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// ParseRole reads a role code such as "team_manager", ignoring surrounding
// white space and letter case. An unknown code is an errs.Invalid error on the
// field "roles".
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := roleLabels[r]; ok {
		return r, nil
	}
	var f errs.Fields
	f.Add("roles", "There is no role called %q", s)
	return "", f.Err()
}
