package store

import (
	"context"
	"hearth/internal/civil"

	"hearth/internal/journey"
	"hearth/internal/people"
)

// History loads a council's past statutory returns as records: the people
// they name and their journeys, written together.
type History interface {
	// HistoryMatches finds the people already held who have one of the
	// LA child ids or UPNs (compared without spaces, in upper case), and
	// how many journey records each has, so that an import adds to the
	// person the return means rather than making them again.
	HistoryMatches(ctx context.Context, laChildIDs, upns []string) (HistoryMatches, error)
	// ImportHistory writes new people and new journey records in one
	// transaction: all of them, or (on any error) none. The records are as
	// ImportJourneys takes them (provisional ids 1 to len(rs)), except
	// that a record's PersonID is either a person already held (above 0)
	// or, as -(i+1), the new person ps[i]. Each record's involvement and
	// each child's derived work are written as ImportJourneys writes them.
	// It returns the new people's ids in the order given, and the records
	// with their real ids and people.
	ImportHistory(ctx context.Context, ps []people.Person, rs []journey.Record, c Change) ([]people.ID, []journey.Record, error)
}

// HistoryMatches are the people an import's identifiers name.
type HistoryMatches struct {
	ByLAChildID map[string]people.ID // by the normalised LA child id
	ByUPN       map[string]people.ID // by the normalised UPN
	Records     map[people.ID]int    // each matched person's journey records; absent for none
	// Restricted and Born are each matched person's restriction and date
	// of birth: an import adds to no restricted record, nor to a child
	// whose date of birth is not the file's.
	Restricted map[people.ID]bool
	Born       map[people.ID]civil.Date
}
