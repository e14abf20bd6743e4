package care

import (
	"strings"
	"unicode/utf8"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// The register's limits.
const (
	// MaxHouseholdName bounds a household's name and its agency's.
	MaxHouseholdName = 100
	// MaxPlaces is the most children a household may be approved for. The
	// usual fostering limit is three (Children Act 1989, schedule 7); the
	// council may exempt a household to keep brothers and sisters together,
	// and six is the most it records.
	MaxPlaces = 6
)

// Normalise tidies the household as people type it before Validate checks
// it: names trimmed with runs of spaces made one, the type's code in lower
// case, the postcode written the standard way.
func (h *Household) Normalise() {
	h.Name = strings.Join(strings.Fields(h.Name), " ")
	h.Agency = strings.Join(strings.Fields(h.Agency), " ")
	h.Type = strings.ToLower(strings.TrimSpace(h.Type))
	if strings.TrimSpace(h.Postcode) == "" {
		h.Postcode = ""
	} else {
		h.Postcode = people.NormalisePostcode(h.Postcode)
	}
}

// Validate checks the household on its own. Each broken rule names its
// field as the JSON does: a name and type, an agency exactly when the
// household is an agency's, an approval date, a deregistration no earlier
// than the approval, between 1 and MaxPlaces places, and a postcode (which
// may be left out) in the UK's format.
func (h Household) Validate() error {
	var f errs.Fields
	checkName(&f, "name", "Name", h.Name, "Enter the household's name, such as Mr and Ms Okafor")
	switch {
	case h.Type == "":
		f.Add("type", "Select the type of household")
	case !HouseholdTypes.Has(h.Type):
		f.Add("type", "Select a type of household from the list")
	}
	switch {
	case h.Type == "agency":
		checkName(&f, "agency", "Agency", h.Agency, "Enter the fostering agency that approved the household")
	case h.Agency != "" && HouseholdTypes.Has(h.Type):
		f.Add("agency", "Leave the agency blank: only an agency's household has one")
	}
	switch {
	case h.Approved.IsZero():
		f.Add("approved", "Enter the date the household was approved")
	case !h.Approved.Valid():
		f.Add("approved", "Date approved must be a real date")
	}
	if !h.Deregistered.IsZero() {
		switch {
		case !h.Deregistered.Valid():
			f.Add("deregistered", "Date deregistered must be a real date")
		case !h.Approved.IsZero() && h.Deregistered.Before(h.Approved):
			f.Add("deregistered", "Date deregistered must be on or after the date approved")
		}
	}
	if h.Places < 1 || h.Places > MaxPlaces {
		f.Add("places", "Places must be between 1 and %d", MaxPlaces)
	}
	if h.Postcode != "" && !people.ValidPostcode(h.Postcode) {
		f.Add("postcode", "Enter a real postcode, such as WV1 1RG")
	}
	return f.Err()
}

// checkName applies the rules of a name on the register: not blank, at most
// MaxHouseholdName characters, one line of printable text.
func checkName(f *errs.Fields, field, label, s, blank string) {
	switch {
	case s == "":
		f.Add(field, "%s", blank)
	case utf8.RuneCountInString(s) > MaxHouseholdName:
		f.Add(field, "%s must be %d characters or fewer", label, MaxHouseholdName)
	case strings.ContainsAny(s, "\r\n\t") || !people.PrintableLines(s):
		f.Add(field, "%s must not include tabs, line breaks or other control characters", label)
	}
}

// Ended reports whether the household had left the register by the day on:
// it was deregistered on that day or before.
func (h Household) Ended(on civil.Date) bool {
	return !h.Deregistered.IsZero() && !h.Deregistered.After(on)
}

// Foster placements and who provides them.

// FosterPlacement reports whether a placement type is foster care (U1 to
// U6): with family and friends (U1 to U3) or with other carers (U4 to U6).
func FosterPlacement(placement string) bool {
	switch placement {
	case "U1", "U2", "U3", "U4", "U5", "U6":
		return true
	}
	return false
}

// FamilyAndFriends reports whether a placement type is foster care with
// family or friends (U1 to U3).
func FamilyAndFriends(placement string) bool {
	switch placement {
	case "U1", "U2", "U3":
		return true
	}
	return false
}

// FosterCounts counts the children in foster placements by who provides
// them: the council's own carers (PR1) are in-house, a private or voluntary
// agency's (PR4, PR5) are agency; another council's or any other provider
// is Other. FamilyAndFriends counts, of all of them, those placed with
// family or friends.
type FosterCounts struct {
	InHouse          int `json:"in_house"`
	Agency           int `json:"agency"`
	Other            int `json:"other"`
	FamilyAndFriends int `json:"family_and_friends"`
}

// Total is every child counted.
func (c FosterCounts) Total() int { return c.InHouse + c.Agency + c.Other }

// CountFoster counts the foster placements among the episodes, one child
// for each; episodes of other placements are left out. The caller passes
// one episode per child: those open on the day counted.
func CountFoster(eps []Episode) FosterCounts {
	var c FosterCounts
	for _, e := range eps {
		if !FosterPlacement(e.Placement) {
			continue
		}
		switch e.Provider {
		case "PR1":
			c.InHouse++
		case "PR4", "PR5":
			c.Agency++
		default:
			c.Other++
		}
		if FamilyAndFriends(e.Placement) {
			c.FamilyAndFriends++
		}
	}
	return c
}
