package access

import (
	"slices"
	"time"

	"hearth/internal/civil"
)

// The family rule. A child's parents, carers and siblings are part of the
// child's story, so a user who may read a child may also read the people
// directly related to them; and the other way round, a relationship to a
// restricted record the user may not open is not shown at all, since that
// such a person exists (an adopted sibling, say) is what the restriction
// keeps. Both halves are decided here and nowhere else; the app only loads
// the relatives (in two queries for a whole page of search results).
//
// The rule follows only a relationship that is current and of a family
// type (FamilyTypes): a relationship opens each person to everyone who may
// read the other, so one that has ended, or that is not family (a
// professional, a partner, "other"), must not go on opening a record.

// FamilyTypes are the relationship types (people.RelationshipTypes) the
// family rule follows: parents of every kind, carers, grandparents, aunts and
// uncles (often the kinship carers) and siblings. A partner, a professional
// and "other" are not family in this sense: a user who needs such a person's
// record has their own relationship to it, or gives a reason. Nor is a
// foster carer: their record holds their address, which is where the
// child lives, and that is told only to the roles allowed
// ReadPlacementAddress; the fostering service reads carers through the
// register of foster households.
var FamilyTypes = []string{
	"parent", "step_parent", "adoptive_parent", "special_guardian",
	"carer", "grandparent", "aunt_uncle",
	"sibling", "half_sibling", "step_sibling",
}

// Kin is how a relative (a Subject in another's Relatives) is related to
// that person: the type of the relationship and the date it ended.
type Kin struct {
	Type    string     // one of people.RelationshipTypes
	EndDate civil.Date // zero while current
}

// Family reports whether the family rule follows k on the given day: a
// relationship of one of FamilyTypes that has not ended (one that ends today
// still counts, as an involvement does). The zero Kin is not family, so a
// relative loaded without its relationship opens nothing.
func (k Kin) Family(today civil.Date) bool {
	if !k.EndDate.IsZero() && k.EndDate.Before(today) {
		return false
	}
	return slices.Contains(FamilyTypes, k.Type)
}

// ReasonFamily begins the reason of a read allowed by the family rule; the
// relative's own reason follows ("family: team").
const ReasonFamily = "family: "

// throughFamily applies the family rule to an unrestricted subject that no
// direct relationship opens: reading it is allowed when the user may read,
// directly, one of its relatives that is not itself restricted, through a
// current family relationship (Kin.Family, judged on the day of now in
// London). Only reading goes through the family, and only one step: a
// relative's own relatives (s.Relatives[i].Relatives) are not looked at.
func throughFamily(p Principal, a Action, s *Subject, now time.Time) (Decision, bool) {
	if a != ReadPerson || s.Restricted {
		return Decision{}, false
	}
	today := civil.OfLondon(now)
	for i := range s.Relatives {
		r := &s.Relatives[i]
		if r.PersonID == s.PersonID || r.Restricted || !r.Kin.Family(today) {
			continue
		}
		if d := direct(p, a, r, now); d.Allowed {
			return allow(ReasonFamily + d.Reason), true
		}
	}
	return Decision{}, false
}

// NeedsRelatives reports whether the family rule could still open s, so that
// the caller should load s.Relatives and ask Authorize again: d, made without
// them, refused a read of an unrestricted record for want of a relationship,
// or allowed it only because the glass was broken (the family, a
// relationship, comes first and is what the log should say). Relatives that
// were loaded (even none: an empty, not nil, slice) are not asked for again.
func NeedsRelatives(a Action, s *Subject, d Decision) bool {
	return a == ReadPerson && s != nil && !s.Restricted && s.Relatives == nil &&
		(!d.Allowed && d.Reason == ReasonNoRelationship || d.Allowed && d.Reason == ReasonBreakGlass)
}

// SeesRelationship reports whether p, reading a record, may see its
// relationship to other: always, unless other is restricted and p may not
// read it. A nil other (not loaded) is not seen.
func SeesRelationship(p Principal, other *Subject, now time.Time) bool {
	if other == nil {
		return false
	}
	if !other.Restricted {
		return true
	}
	return Authorize(p, ReadPerson, other, now).Allowed
}
