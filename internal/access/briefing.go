package access

import "time"

// The daily briefing of the Partnership Missing and Exploitation Hub lists
// every young person missing or at risk of exploitation, across the
// council: the hub opens it by its role in the partnership, not by any
// relationship to each child, so no per-child rule of Authorize could
// allow it. AuthorizeBriefing decides it as a whole: the user's roles must
// allow ReadBriefing, and they must be a member of the team the
// administrator names as the hub. Only then does the decision carry the
// BulkPermit the store's read of the briefing takes.

// The reasons a briefing is allowed or refused, as the access log records them.
const (
	ReasonHub    = "hub team"                     // a member of the hub's team
	ReasonNotHub = "not a member of the hub team" // the role allows it, the team is not the hub (or none is named)
)

// AuthorizeBriefing decides whether p may open the daily briefing, where
// hub is the team the administrator named as the hub (0: none named, and
// nobody may). A disabled user, or one whose roles do not allow
// ReadBriefing, is refused as Authorize refuses them; a member of another
// team (or of none) is refused with ReasonNotHub. An allowed decision
// carries a BulkPermit for ReadBriefing.
func AuthorizeBriefing(p Principal, hub TeamID, now time.Time) Decision {
	d := decide(p, ReadBriefing, nil, now)
	if !d.Allowed {
		return d
	}
	if hub == 0 || p.User.TeamID != hub {
		return refuse(ReasonNotHub)
	}
	d = allow(ReasonHub)
	d.Bulk = BulkPermit{action: ReadBriefing, reason: d.Reason}
	return d
}
