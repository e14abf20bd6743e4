package access

import (
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// Breaking the glass. A practitioner, team manager or MASH worker may need a
// record they have no relationship to: a child who turns up at the front
// door, work out of hours. They may open it, for reading, after giving a
// reason, which the access log keeps. The opening is stored as a grant the
// user makes to themself (GrantedBy == UserID), from the moment they give the
// reason to the end of that day in London (OpeningUntil): a new day needs a
// new reason. Because it is the user's own, it is never a grant: it opens no
// restricted record, changes nothing, opens no relatives through the family
// rule, and counts only while the council allows breaking the glass
// (Principal.BreakGlass).

// mayBreakGlass decides the BreakGlass action: any unrestricted record, when
// the council allows it. The caller has checked the role.
func mayBreakGlass(p Principal, s *Subject) Decision {
	switch {
	case s.Restricted:
		return refuse(ReasonRestricted)
	case !p.BreakGlass:
		return refuse(ReasonBreakGlassOff)
	}
	return allow(ReasonBreakGlass)
}

// brokenGlass allows reading an unrestricted record the user opened today by
// breaking the glass, when they may still break it.
func brokenGlass(p Principal, a Action, s *Subject, now time.Time) (Decision, bool) {
	if a != ReadPerson || s.Restricted || p.User.ID == 0 || !Can(p, BreakGlass) {
		return Decision{}, false
	}
	if s.hasGrant(p.User.ID, now, true) {
		return allow(ReasonBreakGlass), true
	}
	return Decision{}, false
}

// Opening is the grant that records breaking the glass on person for user at
// now, with the reason they gave.
func Opening(person people.ID, user UserID, reason string, now time.Time) Grant {
	return Grant{PersonID: person, UserID: user, Reason: reason, GrantedBy: user, From: now, Until: OpeningUntil(now)}
}

// OpeningUntil is when an opening made at now ends: the next midnight in
// London.
func OpeningUntil(now time.Time) time.Time {
	return civil.StartOfLondon(civil.OfLondon(now).AddDays(1))
}
