package access

import "hearth/internal/people"

// Permit is the proof that an action on one person's record was decided and
// allowed. Its fields are unexported, so only this package makes one: through
// Authorize (Decision.Permit) or, for work no user asks for (loading Demo City,
// the command line, a store test), through System. The store's reads of a
// child's record take a Permit instead of a bare id, so a use case cannot read
// a child without having asked first; the zero Permit opens nothing.
type Permit struct {
	person people.ID
	action Action
	reason string
}

// Person is the record the permit opens; 0 for the zero Permit.
func (p Permit) Person() people.ID { return p.person }

// Action is what the permit allows.
func (p Permit) Action() Action { return p.action }

// Reason is why it was allowed, as the access log records it.
func (p Permit) Reason() string { return p.reason }

// Valid reports whether the permit opens a record: the zero Permit does not.
func (p Permit) Valid() bool { return p.person > 0 }

// System makes a permit for work that no user asks for: the Demo City loader,
// the command line's own reads, and tests of the store. Use cases never call
// it; they get their permits from Authorize.
func System(id people.ID, a Action, why string) Permit {
	return Permit{person: id, action: a, reason: "system: " + why}
}

// Relative makes, from a permit to read one person, the permit the family
// rule gives to read a person directly related to them (a child's parent,
// carer or sibling): the zero Permit unless p is a valid permit to read. The
// caller has found the relationship and that the relative's record is not
// restricted; the reason the access log records names the rule.
func (p Permit) Relative(id people.ID) Permit {
	if !p.Valid() || p.action != ReadPerson || id <= 0 {
		return Permit{}
	}
	return Permit{person: id, action: ReadPerson, reason: "family: " + p.reason}
}
