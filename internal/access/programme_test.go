package access

import "testing"

// TestAuthorizeProjectReport: the programme manager reports any project,
// the project's owner reports theirs whatever their roles (or none), and
// nobody else does; a disabled account does nothing.
func TestAuthorizeProjectReport(t *testing.T) {
	const other UserID = 99
	disabledOwner := principal(Practitioner)
	disabledOwner.User.Disabled = true
	disabledManager := principal(ProgrammeManager)
	disabledManager.User.Disabled = true
	for _, tc := range []struct {
		name   string
		p      Principal
		owner  UserID
		allow  bool
		reason string
	}{
		{"the programme manager, someone else's project", principal(ProgrammeManager), other, true, ReasonRole},
		{"the programme manager, a project with no owner", principal(ProgrammeManager), 0, true, ReasonRole},
		{"a practitioner who owns the project", principal(Practitioner), me, true, ReasonOwner},
		{"a partner who owns the project", principal(Partner), me, true, ReasonOwner},
		{"an owner with no roles", principal(), me, true, ReasonOwner},
		{"a team manager, someone else's project", principal(TeamManager), other, false, ReasonNotPermitted},
		{"an analyst, a project with no owner", principal(Analyst), 0, false, ReasonNotPermitted},
		{"an administrator, someone else's project", principal(Admin), other, false, ReasonNotPermitted},
		{"a disabled owner", disabledOwner, me, false, ReasonDisabled},
		{"a disabled programme manager", disabledManager, other, false, ReasonDisabled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := AuthorizeProjectReport(tc.p, tc.owner, now)
			if d.Allowed != tc.allow || d.Reason != tc.reason {
				t.Errorf("got %v %q, want %v %q", d.Allowed, d.Reason, tc.allow, tc.reason)
			}
			if d.Permit.Valid() || d.Bulk.Valid() {
				t.Errorf("a project report opens no child's record: %+v", d)
			}
		})
	}
}
