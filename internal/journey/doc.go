// Package journey holds the child's journey through children's services: the
// contacts that reach the front door, early help, referrals to children's
// social care, assessments, strategy discussions and Section 47 enquiries,
// child protection conferences, and the plans that follow. It holds the
// records, their validation, their code lists and the statutory rules about
// them as pure functions; like people and access, it does no I/O, so the
// store loads the facts and this package judges them.
package journey
