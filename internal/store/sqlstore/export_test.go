package sqlstore

import "database/sql"

// SQL returns the read pool, for tests that look at the schema.
func (db *DB) SQL() *sql.DB { return db.r }

// Pools returns the write and read pools.
func (db *DB) Pools() (w, r *sql.DB) { return db.w, db.r }

// SetBulkThreshold changes the size of import loaded as a bulk load, and
// returns the old one.
func SetBulkThreshold(n int) int {
	old := bulkThreshold
	bulkThreshold = n
	return old
}
