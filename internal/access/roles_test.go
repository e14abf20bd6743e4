package access

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

func TestCheckRoles(t *testing.T) {
	tests := []struct {
		roles []Role
		ok    bool
		names []string // role labels the message must name
	}{
		{nil, true, nil},
		{[]Role{Admin}, true, nil},
		{[]Role{Admin, Auditor}, false, []string{"Auditor"}},
		{[]Role{Admin, ProgrammeManager, Partner}, true, nil},
		{[]Role{Practitioner, TeamManager, MASH, Analyst}, true, nil},
		{[]Role{Analyst, Auditor}, true, nil},
		{[]Role{Admin, Practitioner}, false, []string{"Practitioner"}},
		{[]Role{TeamManager, Admin}, false, []string{"Team manager"}},
		{[]Role{Admin, MASH}, false, []string{"MASH"}},
		{[]Role{Admin, Analyst}, false, []string{"Analyst"}},
		{[]Role{Auditor, Admin, Analyst, Practitioner}, false, []string{"Auditor, Analyst or Practitioner"}},
		{Roles, false, []string{"Practitioner, Team manager, MASH, Analyst, Auditor or Education officer"}},
	}
	for _, tt := range tests {
		err := CheckRoles(tt.roles)
		if tt.ok {
			if err != nil {
				t.Errorf("%v: %v", tt.roles, err)
			}
			continue
		}
		e := errs.As(err)
		if e == nil || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "roles" {
			t.Errorf("%v: got %v, want an invalid error on roles", tt.roles, err)
			continue
		}
		for _, n := range tt.names {
			if !strings.Contains(e.Fields[0].Message, n) {
				t.Errorf("%v: %q does not name %q", tt.roles, e.Fields[0].Message, n)
			}
		}
	}
}

// TestNoRoleThatReadsIsAnAdministrator holds the rule to the role table: the
// roles CheckRoles keeps apart from the administrator are exactly those that
// read children's records or the access log, and the administrator reads
// neither.
func TestNoRoleThatReadsIsAnAdministrator(t *testing.T) {
	if Can(principal(Admin), ReadPerson) || Can(principal(Admin), SearchPeople) || Can(principal(Admin), ReadAccessLog) {
		t.Fatal("administrators read or search children's records, or read the access log")
	}
	for _, r := range Roles {
		reads := Can(principal(r), ReadPerson) || Can(principal(r), SearchPeople) || Can(principal(r), ReadAccessLog)
		if refused := CheckRoles([]Role{Admin, r}) != nil; refused != reads {
			t.Errorf("administrator with %s: refused %v, but the role reads records: %v", r, refused, reads)
		}
	}
}

// TestAnAdministratorWhoAlsoReadsReadsNothing: an account that holds both
// (made before CheckRoles) keeps its administrator's actions and loses its
// reading ones, so that lifting a restriction cannot open the record to it.
func TestAnAdministratorWhoAlsoReadsReadsNothing(t *testing.T) {
	unrelated := subject(false, nil, inv(KindEarlyHelp, otherTeam, someone, civil.Date{}))
	mine := subject(false, nil, inv(KindChildInNeed, myTeam, me, civil.Date{}))
	granted := subject(true, []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))})
	for _, r := range []Role{Practitioner, TeamManager, MASH, Analyst} {
		p := principal(Admin, r)
		for _, a := range []Action{SearchPeople, CreatePerson} {
			if Can(p, a) || Authorize(p, a, nil, now).Allowed {
				t.Errorf("admin and %s: allowed %s", r, a)
			}
		}
		for _, s := range []*Subject{unrelated, mine, granted} {
			for _, a := range []Action{ReadPerson, UpdatePerson, BreakGlass} {
				if d := Authorize(p, a, s, now); d.Allowed {
					t.Errorf("admin and %s: %s allowed (%s)", r, a, d.Reason)
				}
			}
		}
		if sc, all := ScopeFor(p, nil, now); all || sc.WorkerID != 0 {
			t.Errorf("admin and %s: search scope %+v, all %v", r, sc, all)
		}
		for _, a := range []Action{ManageUsers, ManageGrants} {
			if !Authorize(p, a, nil, now).Allowed {
				t.Errorf("admin and %s: refused %s", r, a)
			}
		}
		if !Authorize(p, RestrictPerson, unrelated, now).Allowed {
			t.Errorf("admin and %s: refused %s", r, RestrictPerson)
		}
	}
	// An auditor who administers (an account made before the rule) keeps
	// the administrator's actions and loses the log.
	if p := principal(Admin, Auditor); Can(p, ReadAccessLog) || !Can(p, ManageUsers) {
		t.Error("admin and auditor: reads the log, or lost administration")
	}
}
