package sqlstore

import (
	"context"
	"time"

	"hearth/internal/people"
)

// PeopleAsOfInChunks is PeopleAsOf with chunk ids to a query, so that a test
// crosses chunk boundaries with a few people.
func (db *DB) PeopleAsOfInChunks(ctx context.Context, ids []people.ID, recordedAt time.Time, chunk int) (map[people.ID]people.Person, error) {
	return recordsAsOf(ctx, db, personKind, ids, recordedAt, chunk)
}

// AsOfQuery is the query of a bulk as-of read, of every record (all) or of
// the ids in a JSON array ($3), for tests of its plan.
func (db *DB) AsOfQuery(all bool) string { return db.bulkAsOfQuery(all) }
