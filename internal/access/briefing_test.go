package access

import "testing"

// TestAuthorizeBriefing: the briefing is for the roles that allow it, in
// the hub's team, and for nobody while no hub is named.
func TestAuthorizeBriefing(t *testing.T) {
	disabled := principal(Practitioner)
	disabled.User.Disabled = true
	adminAndPartner := principal(Admin, Partner)
	for _, tc := range []struct {
		name   string
		p      Principal
		hub    TeamID
		allow  bool
		reason string
	}{
		{"a practitioner in the hub", principal(Practitioner), myTeam, true, ReasonHub},
		{"a team manager in the hub", principal(TeamManager), myTeam, true, ReasonHub},
		{"MASH in the hub", principal(MASH), myTeam, true, ReasonHub},
		{"a partner in the hub", principal(Partner), myTeam, true, ReasonHub},
		{"an administrator and partner in the hub", adminAndPartner, myTeam, true, ReasonHub},
		{"a practitioner in another team", principal(Practitioner), otherTeam, false, ReasonNotHub},
		{"a partner in another team of the service", principal(Partner), sameSvc, false, ReasonNotHub},
		{"no hub named", principal(Practitioner), 0, false, ReasonNotHub},
		{"an analyst in the hub", principal(Analyst), myTeam, false, ReasonNotPermitted},
		{"an auditor in the hub", principal(Auditor), myTeam, false, ReasonNotPermitted},
		{"an administrator in the hub", principal(Admin), myTeam, false, ReasonNotPermitted},
		{"a programme manager in the hub", principal(ProgrammeManager), myTeam, false, ReasonNotPermitted},
		{"disabled, in the hub", disabled, myTeam, false, ReasonDisabled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := AuthorizeBriefing(tc.p, tc.hub, now)
			if d.Allowed != tc.allow || d.Reason != tc.reason {
				t.Errorf("got %v %q, want %v %q", d.Allowed, d.Reason, tc.allow, tc.reason)
			}
			if d.Bulk.Valid() != tc.allow || (tc.allow && d.Bulk.Action() != ReadBriefing) {
				t.Errorf("bulk permit %+v with allowed %v", d.Bulk, d.Allowed)
			}
			if d.Permit.Valid() {
				t.Errorf("a briefing opens no one record: %+v", d.Permit)
			}
		})
	}
}
