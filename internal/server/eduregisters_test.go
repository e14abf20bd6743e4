package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Education's registers through the pages and the API: the route table's
// rows.

// registerChildren makes, once per env, a child on the team's home
// education register (Hollis Home), one whose CME enquiry is running
// (Mina Missing) and one added to the lost pupils database (Lola Lost).
func (e *env) registerChildren() {
	e.t.Helper()
	if e.registered {
		return
	}
	ctx := context.Background()
	c := store.Change{By: e.users[access.Admin].ID, Reason: "test"}
	add := func(given, family string, r education.Record) {
		p, err := e.st.CreatePerson(ctx, people.Person{GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2013, time.May, 1), Sex: "2"}, c)
		if err != nil {
			e.t.Fatal(err)
		}
		r.PersonID, r.TeamID = p.ID, e.team.ID
		if _, err := e.st.CreateEducationRecord(ctx, education.Normalise(r), c); err != nil {
			e.t.Fatal(err)
		}
	}
	today := civil.OfLondon(time.Now())
	add("Hollis", "Home", education.Record{Kind: education.KindEHE, EHE: &education.EHE{From: today.AddDays(-400),
		Contacts: []education.EHEContact{{On: today.AddDays(-30), Outcome: "suitable"}}}})
	add("Mina", "Missing", education.Record{Kind: education.KindCME, CME: &education.CMEEnquiry{Received: today.AddDays(-20), Source: education.CMEFromSchool}})
	received := today.AddDays(-200)
	add("Lola", "Lost", education.Record{Kind: education.KindCME, CME: &education.CMEEnquiry{Received: received, Source: education.CMEFromSchool,
		Steps: []education.CMEStep{{On: received, Step: "s2s"}}, Outcome: "lost", RiskAssessment: "Medium", Closed: today.AddDays(-50)}})
	e.registered = true
}

// listing checks a register's answer names the child and not the others.
func listing(name string, also ...string) func(e *env, _ *browser, _ access.Role, _ call, res response) error {
	return func(_ *env, _ *browser, _ access.Role, _ call, res response) error {
		for _, want := range append([]string{name}, also...) {
			if !strings.Contains(res.body, want) {
				return fmt.Errorf("%q is not on the list: %.400s", want, res.body)
			}
		}
		for _, other := range []string{"Hollis", "Mina", "Lola"} {
			if !strings.Contains(name, other) && strings.Contains(res.body, other) {
				return fmt.Errorf("%s is on the list of %s", other, name)
			}
		}
		return nil
	}
}

func registerCall(e *env, _ access.Role) call { e.registerChildren(); return call{} }

// eduRegisterRoutes are the route table's rows for the registers: an
// education officer's, of their own team.
var eduRegisterRoutes = map[string]routeRule{
	"GET /education/home-education":           {allowed: eduWriters, req: registerCall, check: listing("Hollis", "Families in contact in the last 12 months")},
	"GET /education/missing-education":        {allowed: eduWriters, req: registerCall, check: listing("Mina", "Tracked until")},
	"GET /education/lost-pupils":              {allowed: eduWriters, req: registerCall, check: listing("Lola", "Added to the lost pupils database")},
	"GET /api/v1/education/home-education":    {allowed: eduWriters, req: registerCall, check: listing("Hollis", `"in_contact":1`, `"in_contact_percent":100`)},
	"GET /api/v1/education/missing-education": {allowed: eduWriters, req: registerCall, check: listing("Mina", `"total":1`)},
	"GET /api/v1/education/lost-pupils":       {allowed: eduWriters, req: registerCall, check: listing("Lola", `"closed":`)},
}
