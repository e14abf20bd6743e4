package access

import (
	"time"

	"hearth/internal/civil"
)

// Scope describes, for a search, the records a user may read in the form a
// store can query: people with an open involvement that names the worker or
// one of the teams (or, with OpenContacts, any open contact), people granted
// to the user, and the people directly related to any of those. It is the
// search-time shadow of Authorize: it may include more than Authorize allows
// (grants that have ended, say) but never less, and every result is still
// put to Authorize.
type Scope struct {
	On           civil.Date // involvements open on this date
	WorkerID     UserID     // allocated to this worker
	TeamIDs      []TeamID   // held by one of these teams
	OpenContacts bool       // any open contact
	GrantsTo     UserID     // granted to this user
}

// ScopeFor returns the scope of a principal's reading, or all = true when
// their roles let them read every unrestricted record (then no scope
// applies). serviceTeams are the teams of the principal's service, used for
// a team manager. A principal who may not read people gets an empty scope.
func ScopeFor(p Principal, serviceTeams []TeamID, now time.Time) (s Scope, all bool) {
	if p.User.Disabled || !p.holds(ReadPerson, nil) {
		return Scope{}, false
	}
	if p.holds(ReadPerson, allRecordsScope) {
		return Scope{}, true
	}
	s = Scope{On: civil.OfLondon(now), WorkerID: p.User.ID, GrantsTo: p.User.ID}
	// An education officer's team is in scope as a whole: the store's
	// query does not tell kinds of involvement apart, and Authorize, which
	// every result is put to, keeps only its education involvements.
	if p.User.TeamID != 0 && (p.holds(ReadPerson, teamScope) || p.holds(ReadPerson, educationScope)) {
		s.TeamIDs = append(s.TeamIDs, p.User.TeamID)
	}
	if p.ServiceID != 0 && p.holds(ReadPerson, serviceScope) {
		for _, t := range serviceTeams {
			if t != p.User.TeamID {
				s.TeamIDs = append(s.TeamIDs, t)
			}
		}
	}
	s.OpenContacts = p.holds(ReadPerson, contactScope)
	return s, false
}

// Covers reports whether a subject is within the scope by its own
// involvements and grants (the store adds relatives). It is what the store's
// query computes, written once in Go so that tests can hold the two to
// Authorize.
func (s Scope) Covers(sub Subject) bool {
	for _, g := range sub.Grants {
		if g.UserID == s.GrantsTo && s.GrantsTo != 0 {
			return true
		}
	}
	for _, inv := range sub.Involvements {
		if !inv.OpenOn(s.On) {
			continue
		}
		if s.WorkerID != 0 && inv.WorkerID == s.WorkerID || s.OpenContacts && inv.Kind == KindContact {
			return true
		}
		for _, t := range s.TeamIDs {
			if inv.TeamID == t {
				return true
			}
		}
	}
	return false
}
