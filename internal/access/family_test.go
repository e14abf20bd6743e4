package access

import (
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
)

const (
	mother  people.ID = 8
	brother people.ID = 9
)

// relative is a related person's subject with the involvements given,
// related as a parent by a current relationship.
func relative(id people.ID, restricted bool, grants []Grant, invs ...Involvement) Subject {
	for i := range invs {
		invs[i].PersonID = id
	}
	for i := range grants {
		grants[i].PersonID = id
	}
	return Subject{PersonID: id, Restricted: restricted, Involvements: invs, Grants: grants, TeamServices: services, Kin: Kin{Type: "parent"}}
}

// kin is s related by typ, ended on end (zero: current).
func kin(s Subject, typ string, end civil.Date) Subject {
	s.Kin = Kin{Type: typ, EndDate: end}
	return s
}

func TestFamilyRule(t *testing.T) {
	open := civil.Date{}
	current := []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))}
	mine := inv(KindChildInNeed, myTeam, someone, open)
	contact := inv(KindContact, otherTeam, 0, open)
	unrelated := inv(KindEarlyHelp, otherTeam, someone, open)
	cases := []struct {
		name      string
		self      *Subject
		relatives []Subject
		a         Action
		// One code per role in Roles order, as in the role table; F is
		// "family: team", O "family: open contact", P "family: service",
		// G "family: grant".
		want string
	}{
		{"mother of my team's child", subject(false, nil, unrelated), []Subject{relative(mother, false, nil, mine)}, ReadPerson,
			"F F F R - - - - N"},
		{"no relatives loaded", subject(false, nil, unrelated), nil, ReadPerson,
			"N N N R - - - - N"},
		{"relatives loaded, none", subject(false, nil, unrelated), []Subject{}, ReadPerson,
			"N N N R - - - - N"},
		{"reading only: no change through the family", subject(false, nil, unrelated), []Subject{relative(mother, false, nil, mine)}, UpdatePerson,
			"N N N - - - - - -"},
		{"relative with an open contact: MASH", subject(false, nil), []Subject{relative(brother, false, nil, contact)}, ReadPerson,
			"N N O R - - - - N"},
		{"relative in a team of the manager's service", subject(false, nil), []Subject{relative(brother, false, nil, inv(KindEarlyHelp, sameSvc, 0, open))}, ReadPerson,
			"N P N R - - - - N"},
		{"relative's involvement closed", subject(false, nil), []Subject{relative(mother, false, nil, inv(KindChildInNeed, myTeam, me, yesterday))}, ReadPerson,
			"N N N R - - - - N"},
		{"the relative is restricted, even with a grant", subject(false, nil), []Subject{relative(brother, true, current, mine)}, ReadPerson,
			"N N N R - - - - N"},
		{"the record is restricted: family never opens it", subject(true, nil), []Subject{relative(mother, false, nil, mine)}, ReadPerson,
			"X X X X - - - - X"},
		{"relative granted to me", subject(false, nil), []Subject{relative(mother, false, current)}, ReadPerson,
			"H H H R - - - - H"},
		{"second relative opens it", subject(false, nil), []Subject{relative(mother, false, nil, unrelated), relative(brother, false, nil, mine)}, ReadPerson,
			"F F F R - - - - N"},
		{"one step only: a relative's relative counts for nothing", subject(false, nil), []Subject{{PersonID: mother, Relatives: []Subject{relative(brother, false, nil, mine)}}}, ReadPerson,
			"N N N R - - - - N"},
		{"the record itself among its relatives counts for nothing", subject(false, nil), []Subject{{PersonID: child, Involvements: []Involvement{mine}, TeamServices: services}}, ReadPerson,
			"N N N R - - - - N"},
		{"the relationship ended yesterday: family no longer", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "parent", yesterday)}, ReadPerson,
			"N N N R - - - - N"},
		{"the relationship ends today: family still", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "parent", today)}, ReadPerson,
			"F F F R - - - - N"},
		{"a sibling", subject(false, nil), []Subject{kin(relative(brother, false, nil, mine), "half_sibling", civil.Date{})}, ReadPerson,
			"F F F R - - - - N"},
		{"a professional is not family", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "professional", civil.Date{})}, ReadPerson,
			"N N N R - - - - N"},
		{"a partner is not family", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "partner", civil.Date{})}, ReadPerson,
			"N N N R - - - - N"},
		{"other is not family", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "other", civil.Date{})}, ReadPerson,
			"N N N R - - - - N"},
		{"a relative loaded without its relationship opens nothing", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "", civil.Date{})}, ReadPerson,
			"N N N R - - - - N"},
		{"an ended relationship beside a current one", subject(false, nil), []Subject{kin(relative(mother, false, nil, mine), "carer", yesterday), relative(mother, false, nil, mine)}, ReadPerson,
			"F F F R - - - - N"},
		{"relative with my team's education involvement", subject(false, nil), []Subject{relative(brother, false, nil, inv(KindEducation, myTeam, 0, open))}, ReadPerson,
			"F F F R - - - - F"},
		{"a direct relationship comes first", subject(false, nil, inv(KindContact, otherTeam, me, open)), []Subject{relative(mother, false, nil, mine)}, ReadPerson,
			"A A A A - - - - A"},
	}
	codes := map[string]Decision{
		"F": {Allowed: true, Reason: ReasonFamily + ReasonTeam},
		"O": {Allowed: true, Reason: ReasonFamily + ReasonOpenContact},
		"P": {Allowed: true, Reason: ReasonFamily + ReasonService},
		"H": {Allowed: true, Reason: ReasonFamily + ReasonGrant},
	}
	for k, v := range reasonCodes {
		codes[k] = v
	}
	for _, c := range cases {
		c.self.Relatives = c.relatives
		want := splitCodes(t, c.want)
		for i, r := range Roles {
			d := Authorize(principal(r), c.a, c.self, now)
			if got := verdict(d); got != codes[want[i]] {
				t.Errorf("%s / %s: got %+v, want %+v", c.name, r, got, codes[want[i]])
			}
			if d.Allowed != d.Permit.Valid() || d.Allowed && (d.Permit.Person() != child || d.Permit.Reason() != d.Reason) {
				t.Errorf("%s / %s: permit %+v for %+v", c.name, r, d.Permit, d)
			}
		}
	}
}

func TestKinFamily(t *testing.T) {
	day := civil.MustNew(2026, time.June, 15)
	for _, rt := range people.RelationshipTypes {
		// Not family: a partner, a professional, "other", and a foster
		// carer (whose address is the child's placement).
		want := rt.Code != "partner" && rt.Code != "professional" && rt.Code != "other" && rt.Code != "foster_carer"
		if got := (Kin{Type: rt.Code}).Family(day); got != want {
			t.Errorf("%s: Family = %v, want %v", rt.Code, got, want)
		}
	}
	for _, typ := range FamilyTypes {
		if _, ok := people.LookupRelationshipType(typ); !ok {
			t.Errorf("FamilyTypes names %q, which is no relationship type", typ)
		}
	}
	cases := []struct {
		end  civil.Date
		want bool
	}{
		{civil.Date{}, true},
		{day.AddDays(1), true},
		{day, true},
		{day.AddDays(-1), false},
		{civil.MustNew(2001, time.January, 1), false},
	}
	for _, c := range cases {
		if got := (Kin{Type: "parent", EndDate: c.end}).Family(day); got != c.want {
			t.Errorf("ended %v: Family = %v, want %v", c.end, got, c.want)
		}
	}
	if (Kin{}).Family(day) {
		t.Error("the zero Kin is family")
	}
}

func splitCodes(t *testing.T, s string) []string {
	t.Helper()
	var out []string
	for _, f := range []byte(s) {
		if f != ' ' {
			out = append(out, string(f))
		}
	}
	if len(out) != len(Roles) {
		t.Fatalf("%q: %d codes, want %d", s, len(out), len(Roles))
	}
	return out
}

func TestNeedsRelatives(t *testing.T) {
	refused := Decision{Reason: ReasonNoRelationship}
	loaded := subject(false, nil)
	loaded.Relatives = []Subject{}
	cases := []struct {
		name string
		a    Action
		s    *Subject
		d    Decision
		want bool
	}{
		{"read refused for want of a relationship", ReadPerson, subject(false, nil), refused, true},
		{"relatives already loaded", ReadPerson, loaded, refused, false},
		{"restricted", ReadPerson, subject(true, nil), Decision{Reason: ReasonRestricted}, false},
		{"allowed", ReadPerson, subject(false, nil), Decision{Allowed: true, Reason: ReasonTeam}, false},
		{"allowed by breaking the glass", ReadPerson, subject(false, nil), Decision{Allowed: true, Reason: ReasonBreakGlass}, true},
		{"a change", UpdatePerson, subject(false, nil), refused, false},
		{"role does not allow reading", ReadPerson, subject(false, nil), Decision{Reason: ReasonNotPermitted}, false},
		{"no subject", ReadPerson, nil, refused, false},
	}
	for _, c := range cases {
		if got := NeedsRelatives(c.a, c.s, c.d); got != c.want {
			t.Errorf("%s: got %v", c.name, got)
		}
	}
}

func TestSeesRelationship(t *testing.T) {
	current := []Grant{grant(me, now.Add(-time.Hour), now.Add(time.Hour))}
	cases := []struct {
		name  string
		other *Subject
		want  string // per role, y or n
	}{
		{"unrestricted and unrelated", &Subject{PersonID: brother}, "y y y y y y y y y"},
		{"restricted, no grant", &Subject{PersonID: brother, Restricted: true}, "n n n n n n n n n"},
		{"restricted, in my team, no grant", ptr(relative(brother, true, nil, inv(KindContact, myTeam, me, civil.Date{}))), "n n n n n n n n n"},
		{"restricted, granted to me", ptr(relative(brother, true, current)), "y y y y n n n n y"},
		{"not loaded", nil, "n n n n n n n n n"},
	}
	for _, c := range cases {
		want := splitCodes(t, c.want)
		for i, r := range Roles {
			if got := SeesRelationship(principal(r), c.other, now); got != (want[i] == "y") {
				t.Errorf("%s / %s: got %v", c.name, r, got)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
