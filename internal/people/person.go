// Package people holds the person record, for children and adults alike: names,
// dates, the DfE-coded characteristics, identifiers, addresses over time and
// relationships. It is pure Go with no I/O: it says what a valid person is and
// how two people may be the same person; the store keeps them.
package people

import (
	"hearth/internal/civil"
)

// ID identifies a person for ever. It is never reused.
type ID int64

// Person is one person's record as it stands at one version.
type Person struct {
	ID      ID  `json:"id"`
	Version int `json:"version"`

	GivenName  string      `json:"given_name"`
	FamilyName string      `json:"family_name"`
	OtherNames []OtherName `json:"other_names,omitempty"`

	DateOfBirth         civil.Date `json:"date_of_birth"`
	ExpectedDateOfBirth civil.Date `json:"expected_date_of_birth"` // for an unborn child
	DateOfDeath         civil.Date `json:"date_of_death"`

	Sex           string   `json:"sex"`                    // SexCodes
	Gender        string   `json:"gender"`                 // as the person describes it, free text
	Ethnicity     string   `json:"ethnicity"`              // EthnicityCodes (DfE)
	FirstLanguage string   `json:"first_language"`         // LanguageCodes (DfE)
	Religion      string   `json:"religion"`               // ReligionCodes
	Disabilities  []string `json:"disabilities,omitempty"` // DisabilityCodes (DfE); none means none recorded

	Identifiers Identifiers `json:"identifiers"`
	Addresses   []Address   `json:"addresses,omitempty"`

	// Restricted records (adoption, a member of staff's family) are visible only
	// to people holding an explicit grant.
	Restricted bool `json:"restricted"`
}

// OtherName is an alias, a previous name or a preferred name.
type OtherName struct {
	Type       string `json:"type"` // OtherNameTypes
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
}

// Identifiers are the numbers other systems know a person by. Each is optional;
// each that is given must pass its own check.
type Identifiers struct {
	LAChildID string `json:"la_child_id,omitempty"` // the council's own child id (CIN LAchildID, 903 CHILD)
	NHSNumber string `json:"nhs_number,omitempty"`  // ten digits, Modulus 11 check digit
	UPN       string `json:"upn,omitempty"`         // unique pupil number, DfE check letter
	FormerUPN string `json:"former_upn,omitempty"`
}

// Address is where a person lived from one date to another. An open address
// (no end date) is current.
type Address struct {
	Line1     string     `json:"line1"`
	Line2     string     `json:"line2,omitempty"`
	Town      string     `json:"town"`
	Postcode  string     `json:"postcode"`
	Ward      string     `json:"ward,omitempty"`
	StartDate civil.Date `json:"start_date"`
	EndDate   civil.Date `json:"end_date"`
}

// FullName is the name shown in lists and headings.
func (p Person) FullName() string {
	switch {
	case p.GivenName == "":
		return p.FamilyName
	case p.FamilyName == "":
		return p.GivenName
	}
	return p.GivenName + " " + p.FamilyName
}

// IsChildOn reports whether the person is a child (under 18, or unborn) on the date.
func (p Person) IsChildOn(d civil.Date) bool {
	if p.DateOfBirth.IsZero() {
		return !p.ExpectedDateOfBirth.IsZero()
	}
	return p.DateOfBirth.AgeOn(d) < 18
}

// CurrentAddress returns the open address that started last, if any.
func (p Person) CurrentAddress() (Address, bool) {
	var cur Address
	found := false
	for _, a := range p.Addresses {
		if !a.EndDate.IsZero() {
			continue
		}
		if !found || a.StartDate.After(cur.StartDate) {
			cur, found = a, true
		}
	}
	return cur, found
}

// RelationshipID identifies a relationship between two people.
type RelationshipID int64

// Relationship is stored once and read from both sides: From is the parent,
// carer or professional; To is the child or the person cared for. For a
// symmetric type (sibling) the order carries no meaning.
type Relationship struct {
	ID        RelationshipID `json:"id"`
	Version   int            `json:"version"`
	From      ID             `json:"from"`
	To        ID             `json:"to"`
	Type      string         `json:"type"` // RelationshipTypes
	StartDate civil.Date     `json:"start_date"`
	EndDate   civil.Date     `json:"end_date"`
	Note      string         `json:"note,omitempty"`
}
