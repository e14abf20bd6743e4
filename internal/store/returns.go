package store

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Returns is what the statutory returns read: every child's person record
// and journey as they were recorded at one moment, so that a return made on
// 15 May can be made again, byte for byte, a year later.
type Returns interface {
	// ReturnChildren returns, in order of person id, every child with a
	// journey record as recorded at q.RecordedAt (zero: the latest
	// versions), each with their person record and every journey record at
	// its latest version recorded at or before that moment (records of
	// q.Kinds only, when it is not empty), in order of record id. A
	// record, or a child, first recorded after the moment is left out; one
	// corrected after it is read as it was. With q.Spans, only the children
	// a span places are returned (a record of its kinds open on some day of
	// it, as recorded), each with all their records of q.Kinds. Restricted
	// children are included: a return counts every child. It refuses the
	// zero BulkPermit; the caller logs the read as one line with the number
	// of children.
	ReturnChildren(ctx context.Context, bp access.BulkPermit, q ReturnQuery) ([]ReturnChild, error)
}

// ReturnQuery says what ReturnChildren reads.
type ReturnQuery struct {
	RecordedAt time.Time
	// Kinds are the journey kinds read (nil: every kind). A record's kind
	// never changes, so choosing by it gives the same answer at any moment.
	Kinds []journey.Kind
	// Spans choose the children (none: every child with a record of
	// Kinds); a child placed by several is read once.
	Spans []ReturnSpan
}

// ReturnSpan places in a return the children with a record of its kinds
// open on some day from From to To (both days included; zero: unbounded at
// that end). A record with no start date is open on no day.
type ReturnSpan struct {
	// Kinds are those whose records place a child (the census: a referral
	// open in the year); nil: any of the query's Kinds. The store finds the
	// children from the records' dates and reads the records of the
	// children placed alone, which for a year's census is a fraction of
	// them.
	Kinds    []journey.Kind
	From, To civil.Date
}

// ReturnChild is a child as a return reads them.
type ReturnChild struct {
	Person  people.Person
	Records []journey.Record
	// Education are the child's education records, for a return made from
	// them (SEN2) rather than from the journey.
	Education []education.Record
}

// Council is what the council says about itself in its returns: a versioned
// setting, so that a return reproduced later carries the number it carried
// then.
type Council struct {
	// LANumber is the council's three-digit DfE local authority number
	// (the LEA of a return's header; 336 for Wolverhampton).
	LANumber string `json:"la_number"`
}
