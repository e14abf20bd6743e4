package store

import (
	"context"

	"hearth/internal/access"
	"hearth/internal/indicators"
	"hearth/internal/people"
)

// Performance keeps what the performance framework reads beside the
// children's journeys: the council's own data (population, targets, RAG
// thresholds, comparators and the workforce), one versioned setting, and the
// bulk read of every child's journey the indicators are computed from.
type Performance interface {
	// PerformanceData returns the council's data and its version, or the
	// zero CouncilData and version 0 if none has been entered.
	PerformanceData(ctx context.Context) (indicators.CouncilData, int, error)
	// SetPerformanceData writes the whole of the council's data as version
	// version+1 if version is still the latest (0: never entered), and
	// returns the new version; otherwise errs.Conflict, and nothing is
	// written. The use case validates it (CouncilData.Validate).
	SetPerformanceData(ctx context.Context, d indicators.CouncilData, version int, c Change) (int, error)
	// PerformanceDataHistory returns every version, oldest first.
	PerformanceDataHistory(ctx context.Context) ([]Version[indicators.CouncilData], error)
	// PerformanceChildren returns every child with a journey record: their
	// date of birth and every journey record as it stands, and which of
	// them are restricted (the caller decides what to show of them). It
	// refuses the zero BulkPermit.
	PerformanceChildren(ctx context.Context, bp access.BulkPermit) (PerformanceChildren, error)
}

// PerformanceChildren is the indicators' children, in order of id, and the
// ids of the restricted among them.
type PerformanceChildren struct {
	Children   []indicators.Child
	Restricted map[people.ID]bool
}
