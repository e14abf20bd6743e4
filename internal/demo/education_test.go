package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"hearth/internal/civil"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

func (f *fakeStore) ImportSchools(_ context.Context, ss []education.School, _ time.Time) (store.SchoolsImported, error) {
	f.schools = append(f.schools, ss...)
	return store.SchoolsImported{Added: len(ss)}, nil
}

func (f *fakeStore) ImportEducation(_ context.Context, rs []education.Record, c store.Change) error {
	f.education = append(f.education, rs...)
	f.changes = append(f.changes, c)
	return nil
}

// TestEducationFigures: about 2,778 children with an EHC plan maintained
// on the city's day (within 5%), each plan and request valid by the rules
// and naming a school of the register or a kind of setting; a city's worth
// of schools with unique URNs.
func TestEducationFigures(t *testing.T) {
	t.Parallel()
	c := city1()
	urns := map[string]education.School{}
	for _, s := range c.Schools {
		if _, dup := urns[s.URN]; dup {
			t.Fatalf("URN %s twice", s.URN)
		}
		urns[s.URN] = s
	}
	if n := len(c.Schools); n < 90 || n > 130 {
		t.Errorf("%d schools, want a city's worth (about a hundred)", n)
	}
	plans := map[int]bool{}
	for i, e := range c.Education {
		r := e.Record
		if bad := education.Validate(r); bad != nil {
			t.Fatalf("record %d (%s): %v", i, r.Kind, bad)
		}
		if r.Kind == education.KindRoll {
			if _, ok := urns[r.Roll.School]; !ok {
				t.Fatalf("record %d names school %s, not in the register", i, r.Roll.School)
			}
		}
		if r.Kind == education.KindEHCPlan && r.EHCPlan.ActiveOn(c.Today) {
			if r.EHCPlan.SettingURN != "" && !urns[r.EHCPlan.SettingURN].OpenOn(r.EHCPlan.Issued) && urns[r.EHCPlan.SettingURN].Opened.Before(r.EHCPlan.Issued) {
				t.Errorf("plan %d names a closed school", i)
			}
			if plans[int(r.PersonID)] {
				t.Fatalf("child %d has two plans", r.PersonID)
			}
			plans[int(r.PersonID)] = true
		}
		if r.Kind == education.KindEHCRequest && r.EHCRequest.FinalIssued.After(c.Today) {
			t.Fatalf("request %d ends after today", i)
		}
	}
	if n := len(plans); n < targetEHCPlans*95/100 || n > targetEHCPlans*105/100 {
		t.Errorf("%d children with a plan, want about %d", n, targetEHCPlans)
	}
}

// TestLoadWritesEducation: Load writes the register and the records, with
// the store's ids for the children and the education team.
func TestLoadWritesEducation(t *testing.T) {
	t.Parallel()
	c := city1()
	st := &fakeStore{}
	sum, err := Load(context.Background(), st, c, fakeHash, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.schools) != len(c.Schools) || len(st.education) != len(c.Education) || sum.Education != len(c.Education) {
		t.Fatalf("wrote %d schools and %d records of %d and %d", len(st.schools), len(st.education), len(c.Schools), len(c.Education))
	}
	eduTeam := slices.IndexFunc(st.teams, func(tm access.Team) bool { return tm.Name == "Education Inclusion" })
	for i, r := range st.education {
		if r.PersonID != people.ID(10000+int(c.Education[i].PersonID)) {
			t.Fatalf("record %d is about %d", i, r.PersonID)
		}
		want := access.TeamID(0) // a school's facts (a roll, an exclusion) are no team's work
		if g := c.Education[i].TeamID; g >= 0 {
			want = st.teams[g].ID
		}
		if r.TeamID != want || (r.Kind == education.KindEHCPlan || r.Kind == education.KindEHCRequest) && r.TeamID != st.teams[eduTeam].ID {
			t.Fatalf("record %d (%s) is the team %d's, want %d", i, r.Kind, r.TeamID, want)
		}
	}
	// The demo education officer is in the education team, and the team's
	// caseworkers are education officers.
	for _, w := range c.Workers {
		if w.Team == c.teamIndex("Education Inclusion") && !slices.Contains(w.Roles, access.TeamManager) && !slices.Contains(w.Roles, access.Education) {
			t.Errorf("%s in the education team holds %v", w.Username, w.Roles)
		}
	}
}

func (c *City) teamIndex(name string) int {
	return slices.IndexFunc(c.Teams, func(t Team) bool { return t.Name == name })
}

// TestSchoolURNsAtScale: a larger city's register still names each school
// once (at scale 10 the community schools' numbers reached the two closed
// schools' and Demo City would not load).
func TestSchoolURNsAtScale(t *testing.T) {
	t.Parallel()
	for _, scale := range []int{1, 10, 40} {
		g := newGen(1, scale, civil.MustNew(2026, time.November, 30))
		g.buildEducation()
		seen := map[string]bool{}
		for _, s := range g.city.Schools {
			if seen[s.URN] {
				t.Fatalf("scale %d: URN %s twice", scale, s.URN)
			}
			seen[s.URN] = true
		}
	}
}
