package sqlstore

import "database/sql"

// SQL returns the read pool, for tests that look at the schema.
func (db *DB) SQL() *sql.DB { return db.r }

// Pools returns the write and read pools.
func (db *DB) Pools() (w, r *sql.DB) { return db.w, db.r }

// SetTuning sets the most people a search condition may match and still
// be the source of candidates, and the size of a bulk import.
func (db *DB) SetTuning(driverLimit, bulkThreshold int) {
	db.driverLimit, db.bulkThreshold = driverLimit, bulkThreshold
}
