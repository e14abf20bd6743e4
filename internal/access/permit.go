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

// BulkPermit is the proof that a read of many children's records at once (a
// statutory return, the children behind a figure) was decided and allowed.
// Like Permit, only this package makes one: Authorize, for an action
// registered as a bulk read (ReadInBulk), sets Decision.Bulk; SystemBulk is
// for work no user asks for. The store's bulk reads take it and refuse the
// zero BulkPermit. Which children a bulk read may include (restricted
// records among them, for a return) is the use case's rule; the permit says
// that the reading was asked for and allowed, and the use case logs it as one
// line with the number of children.
type BulkPermit struct {
	action Action
	reason string
}

// Action is the bulk read the permit allows.
func (p BulkPermit) Action() Action { return p.action }

// Reason is why it was allowed, as the access log records it.
func (p BulkPermit) Reason() string { return p.reason }

// Valid reports whether the permit allows a bulk read: the zero BulkPermit
// does not.
func (p BulkPermit) Valid() bool { return p.action != "" }

// SystemBulk makes a bulk permit for work no user asks for (benchmarks, tests
// of the store, a command run by an operator). Use cases never call it.
func SystemBulk(why string) BulkPermit {
	return BulkPermit{action: ReadInBulk, reason: "system: " + why}
}
