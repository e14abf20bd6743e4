// Package care is the domain of children in care, care leavers, adoption,
// missing children and exploitation: the details of the journey's records
// about them (as the SSDA903 return sees them), the DfE's code lists, the
// foster households on the council's register, and the statutory rules as
// pure functions. It does no I/O.
//
// The records themselves are journey records (journey.Record with one of
// these details), because they are read with the rest of the child's
// journey: the chronology, the due work and the involvement they give.
// Foster households stand apart from any child and are a kind of their own.
package care
