package store

import (
	"context"
	"encoding/json"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Performance keeps what the performance framework reads beside the
// children's journeys: the council's own data (population, targets, RAG
// thresholds, comparators and the workforce), one versioned setting, and the
// bulk read of every child's journey the indicators are computed from.
//
// The store does not import internal/indicators (whose tests build Demo
// City, which writes through the store): the council's data passes through
// it as the JSON of indicators.CouncilData, which the use case reads and
// validates, and the children as PerformanceChild, which is
// indicators.Child field for field.
type Performance interface {
	// PerformanceData returns the council's data and its version, or the
	// zero CouncilData and version 0 if none has been entered.
	PerformanceData(ctx context.Context) (json.RawMessage, int, error)
	// SetPerformanceData writes the whole of the council's data as version
	// version+1 if version is still the latest (0: never entered), and
	// returns the new version; otherwise errs.Conflict, and nothing is
	// written. The use case validates it (CouncilData.Validate).
	SetPerformanceData(ctx context.Context, d json.RawMessage, version int, c Change) (int, error)
	// PerformanceDataHistory returns every version, oldest first.
	PerformanceDataHistory(ctx context.Context) ([]Version[json.RawMessage], error)
	// PerformanceChildren returns every child with a journey record (ids
	// nil), or those of ids who have one: their name, date of birth and
	// every journey record as it stands, and which of them are restricted
	// (the caller decides what to show of them). It refuses the zero
	// BulkPermit.
	PerformanceChildren(ctx context.Context, bp access.BulkPermit, ids []people.ID) (PerformanceChildren, error)
	// PerformanceMarks returns, for every child with a journey record,
	// what changes when their records or their person change (a record
	// added or changed, the person changed), read from an index: the
	// caller that keeps children compares them to read again only those
	// whose mark changed. It refuses the zero BulkPermit.
	PerformanceMarks(ctx context.Context, bp access.BulkPermit) (map[people.ID]PerformanceMark, error)
	// PerformanceStamp is a value that changes whenever what
	// PerformanceChildren would return may have changed (a journey record
	// or a person written), and costs far less to read: a use case that
	// keeps the children it read compares it before reading them again.
	PerformanceStamp(ctx context.Context) (string, error)
}

// PerformanceChildren is the indicators' children, in order of id, and the
// ids of the restricted among them.
type PerformanceChildren struct {
	Children   []PerformanceChild
	Restricted map[people.ID]bool
}

// PerformanceMark is what a child's records and person were when read: the
// number of their journey records, the sum of those records' versions,
// and their person's version. Nothing is deleted and versions only rise, so
// any write about the child changes it.
type PerformanceMark struct {
	Records  int
	Versions int64
	Person   int
	// Education counts the child's education records and sums their
	// versions; Attendance counts their attendance rows and sums the
	// imports that wrote them (an import replacing a row adds to it).
	Education         int
	EducationVersions int64
	Attendance        int
	Imports           int64
}

// PerformanceChild is a child as the indicators read them, with their
// name for the lists behind a figure.
type PerformanceChild struct {
	ID                    people.ID
	GivenName, FamilyName string
	DateOfBirth           civil.Date
	Records               []journey.Record
	// Education and Attendance are the child's education records and
	// attendance, for the framework's education figures.
	Education  []education.Record
	Attendance []education.Period
}
