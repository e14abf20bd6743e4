package store

import (
	"context"
	"time"

	"hearth/internal/journey"
)

// KindSetting is one of the council's settings (its timescales), a
// versioned record like the others so that who changed a rule, when and
// why is kept.
const KindSetting Kind = "setting"

// Settings are what the council sets for itself. Each setting is one
// versioned record, found by its name; a council that has set none has no
// record yet, and the application uses its defaults.
type Settings interface {
	// Timescales returns the council's timescales and their version, or
	// the zero Timescales and version 0 if the council has never set them.
	Timescales(ctx context.Context) (journey.Timescales, int, error)
	// SetTimescales writes the timescales as version version+1 if version
	// is still the latest (0: they have never been set), and returns the
	// new version; otherwise errs.Conflict, and nothing is written. The
	// store does not validate them: journey.Timescales.Validate does.
	SetTimescales(ctx context.Context, t journey.Timescales, version int, c Change) (int, error)
	// TimescalesHistory returns every version of the timescales, oldest
	// first, with who changed them, when and why (an empty list if they
	// have never been set).
	TimescalesHistory(ctx context.Context) ([]Version[journey.Timescales], error)

	// CouncilDetails returns the council's details (its LA number) and
	// their version as recorded at recordedAt (zero: the latest), or the
	// zero Council and version 0 if none had been set by then.
	CouncilDetails(ctx context.Context, recordedAt time.Time) (Council, int, error)
	// SetCouncilDetails writes the details as version version+1 if version
	// is still the latest (0: never set), and returns the new version;
	// otherwise errs.Conflict, and nothing is written. The use case
	// validates them.
	SetCouncilDetails(ctx context.Context, c Council, version int, ch Change) (int, error)
	// CouncilDetailsHistory returns every version, oldest first.
	CouncilDetailsHistory(ctx context.Context) ([]Version[Council], error)
}
