package app

import (
	"bytes"
	"fmt"

	"hearth/internal/civil"
	"hearth/internal/people"
	"hearth/internal/returns/sen2"
)

// The SEN2 return in the registry (returns.go): made from the children's
// education records as recorded at the moment asked, as one XML file.

// sen2Children are the return's children as sen2.Build reads them.
func sen2Children(in returnInput) []sen2.Child {
	kids := make([]sen2.Child, len(in.children))
	for i, c := range in.children {
		kids[i] = sen2.Child{Person: c.Person, Records: c.Education}
	}
	return kids
}

func sen2Header(in returnInput) sen2.Header {
	return sen2.Header{LEA: in.council.LANumber, SoftwareCode: SoftwareCode, DateTime: in.recordedAt}
}

// buildSEN2 makes the SEN2 return of the year.
func buildSEN2(in returnInput) ([]ReturnFile, int, error) {
	r := sen2.Build(sen2Header(in), sen2.Year(in.year), sen2Children(in))
	var b bytes.Buffer
	if err := r.WriteXML(&b); err != nil {
		return nil, 0, fmt.Errorf("app: writing the SEN2 return: %w", err)
	}
	name := fmt.Sprintf("sen2-%d.xml", in.year)
	return []ReturnFile{{Name: name, ContentType: "application/xml", Body: b.Bytes()}}, len(r.Persons), nil
}

// checkSEN2 makes the return and runs its rules, each finding traced to
// its child by the person's name, birth date and UPN, which the return
// carries and sen2.Build orders it by.
func checkSEN2(in returnInput) (int, []ReturnFinding) {
	r := sen2.Build(sen2Header(in), sen2.Year(in.year), sen2Children(in))
	type key struct {
		surname, forename, upn string
		born                   civil.Date
	}
	ids := map[key]people.ID{}
	for _, c := range in.children {
		p := c.Person
		ids[key{p.FamilyName, p.GivenName, p.Identifiers.UPN, p.DateOfBirth}] = p.ID
	}
	findings := sen2.Validate(r)
	out := make([]ReturnFinding, len(findings))
	for i, f := range findings {
		rf := ReturnFinding{Rule: f.Rule, Message: f.Message, Query: f.Query, Field: f.Field, Where: f.Path}
		if f.Person >= 0 && f.Person < len(r.Persons) {
			p := r.Persons[f.Person]
			rf.ChildID = p.UPN
			rf.PersonID = ids[key{p.Surname, p.Forename, p.UPN, p.BirthDate}]
		}
		out[i] = rf
	}
	return len(r.Persons), out
}
