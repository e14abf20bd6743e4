package access

import "time"

// A project's monthly report is submitted by whoever the programme names
// as the project's owner, whatever their roles: the owner is often a
// service manager or a lead from a partner, whose role gives them nothing
// of the programme but reading it. No role could say which project is
// theirs, so AuthorizeProjectReport decides for one project: a role that
// allows ReportProgramme (the programme manager's) allows it for every
// project; otherwise the user must be the project's owner.

// ReasonOwner is why a project's owner may report it, as the access log
// records it.
const ReasonOwner = "project owner"

// AuthorizeProjectReport decides whether p may submit the monthly report
// (and keep the risks and issues) of a project whose owner is owner (0:
// none named). A disabled user is refused, as Authorize refuses them; a
// role that allows ReportProgramme allows it (ReasonRole); the owner is
// allowed (ReasonOwner); anyone else is refused (ReasonNotPermitted).
func AuthorizeProjectReport(p Principal, owner UserID, now time.Time) Decision {
	d := decide(p, ReportProgramme, nil, now)
	if d.Allowed || d.Reason == ReasonDisabled {
		return d
	}
	if owner != 0 && p.User.ID == owner {
		return allow(ReasonOwner)
	}
	return d
}
