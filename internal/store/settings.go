package store

import (
	"context"

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
}
