package sqlstore

import "database/sql"

// SQL returns the read pool, for tests that look at the schema.
func (db *DB) SQL() *sql.DB { return db.r }

// Pools returns the write and read pools.
func (db *DB) Pools() (w, r *sql.DB) { return db.w, db.r }

// SetTuning sets the most people a search condition may match and still
// be the source of candidates, the most name keys a one-word search merges
// in name order (0: never), and the size of a bulk import.
func (db *DB) SetTuning(driverLimit, mergeKeys, bulkThreshold int) {
	db.driverLimit, db.mergeKeys, db.bulkThreshold = driverLimit, mergeKeys, bulkThreshold
}

// SetReturnChunk sets how many children's journey records a return reads
// in one query.
func (db *DB) SetReturnChunk(n int) { db.returnChunk = n }

// AccessLogQueued returns how many access log lines wait for the logger to
// take them (0 on PostgreSQL).
func (db *DB) AccessLogQueued() int {
	if db.log == nil {
		return 0
	}
	db.log.mu.Lock()
	defer db.log.mu.Unlock()
	return len(db.log.queue)
}

// AccessLogClosed reports whether the access logger refuses new lines.
func (db *DB) AccessLogClosed() bool {
	db.log.mu.Lock()
	defer db.log.mu.Unlock()
	return db.log.closed
}

// AccessLogTransactions returns how many transactions the access logger has
// begun.
func (db *DB) AccessLogTransactions() int64 { return db.log.batches.Load() }
