package app_test

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// family is a child the team works with, their mother, and a restricted
// (adopted) brother; and a stranger nobody works with.
type family struct {
	child, mother, brother, stranger people.ID
}

func (w *world) family() family {
	f := family{
		child:    w.person("Amira", "Khan", false),
		mother:   w.person("Lena", "Khan", false),
		brother:  w.person("Ruby", "Khan", true),
		stranger: w.person("Sam", "Khan", false),
	}
	w.involve(f.child, access.KindChildInNeed, civil.Date{})
	w.relate(f.mother, f.child, "parent")
	w.relate(f.brother, f.child, "sibling")
	return f
}

func TestFamilyRuleThroughTheApp(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	// A practitioner may break the glass, so a refusal asks them for a
	// reason; a partner may not, so it is "not found".
	const refusedWithReason, refused = "?", "-"
	cases := []struct {
		role   access.Role
		id     people.ID
		reason string
	}{
		{access.Practitioner, f.child, access.ReasonTeam},
		{access.Practitioner, f.mother, access.ReasonFamily + access.ReasonTeam},
		{access.TeamManager, f.mother, access.ReasonFamily + access.ReasonTeam},
		{access.Practitioner, f.brother, refusedWithReason},
		{access.Practitioner, f.stranger, refusedWithReason},
		{access.Analyst, f.mother, access.ReasonAllRecords},
		{access.Partner, f.mother, refused},
	}
	for _, c := range cases {
		page, err := w.app.Person(w.ctx, w.actor(c.role), c.id, time.Time{})
		switch c.reason {
		case refusedWithReason:
			if !errs.Is(err, errs.ReasonRequired) {
				t.Errorf("%s reading %d: got %v, want reason required", c.role, c.id, err)
			}
			continue
		case refused:
			if !errs.Is(err, errs.NotFound) {
				t.Errorf("%s reading %d: got %v, want not found", c.role, c.id, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s reading %d: %v", c.role, c.id, err)
			continue
		}
		if page.Decision.Reason != c.reason || page.Decision.Permit.Person() != c.id {
			t.Errorf("%s reading %d: decision %+v, want %q", c.role, c.id, page.Decision, c.reason)
		}
		if got := w.log(c.id)[0]; got.Action != "read" || got.Reason != c.reason {
			t.Errorf("%s reading %d: logged %+v", c.role, c.id, got)
		}
	}
	// The family rule opens reading only.
	_, err := w.app.UpdatePerson(w.ctx, w.actor(access.Practitioner), people.Person{ID: f.mother, Version: 1, FamilyName: "Khan"}, "typo")
	if err == nil {
		t.Error("a change to the mother's record was allowed through the family")
	}
}

func TestRestrictedRelativeHidden(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	names := func(role access.Role) string {
		page, err := w.app.Person(w.ctx, w.actor(role), f.child, time.Time{})
		if err != nil {
			t.Fatalf("%s: %v", role, err)
		}
		var out []string
		for _, rv := range page.Relationships {
			out = append(out, rv.Other.GivenName)
		}
		return strings.Join(out, ",")
	}
	if got := names(access.Practitioner); got != "Lena" {
		t.Errorf("practitioner sees %q, want the mother only", got)
	}
	if got := names(access.Analyst); got != "Lena" {
		t.Errorf("analyst sees %q, want the mother only", got)
	}
	g := access.Grant{PersonID: f.brother, UserID: w.users[access.Practitioner].ID, Reason: "court", GrantedBy: w.admin.ID,
		From: w.app.Now().Add(-time.Hour), Until: w.app.Now().Add(time.Hour)}
	if err := w.st.AddGrant(w.ctx, g, store.Change{}); err != nil {
		t.Fatal(err)
	}
	if got := names(access.Practitioner); got != "Lena,Ruby" {
		t.Errorf("practitioner with a grant sees %q, want both", got)
	}
	if got := names(access.TeamManager); got != "Lena" {
		t.Errorf("the grant opened the brother to another user: %q", got)
	}
}

// TestSearchFamilyRuleCostsTwoQueries holds a page of search results to two
// reads for the family rule, however many results need it.
func TestSearchFamilyRuleCostsTwoQueries(t *testing.T) {
	w := newWorld(t)
	kids := make([]people.ID, 0, 6)
	for range 6 {
		kid := w.person("Child", "Okafor", false)
		parent := w.person("Parent", "Okafor", false)
		w.involve(kid, access.KindEarlyHelp, civil.Date{})
		w.relate(parent, kid, "parent")
		kids = append(kids, kid)
	}
	w.person("Other", "Okafor", false) // nobody's
	w.st.relatives, w.st.subjects = 0, 0
	res, err := w.app.SearchPeople(w.ctx, w.actor(access.Practitioner), store.PersonQuery{Name: "Okafor"})
	if err != nil {
		t.Fatal(err)
	}
	var parents int
	for _, p := range res.People {
		if p.GivenName == "Parent" {
			parents++
		}
		if p.GivenName == "Other" {
			t.Error("search listed a person outside the family rule")
		}
	}
	if parents != 6 || len(res.People) != 12 {
		t.Errorf("got %d people, %d parents; want 12 and 6", len(res.People), parents)
	}
	// One read of the results' subjects, then one of relatives and one of
	// their subjects.
	if w.st.relatives != 1 || w.st.subjects != 2 {
		t.Errorf("search read relatives %d times and subjects %d times, want 1 and 2", w.st.relatives, w.st.subjects)
	}
}
