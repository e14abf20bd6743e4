package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements for the reads that every page makes.
//
// database/sql prepares a statement for each call of QueryContext and throws
// it away afterwards. modernc's SQLite compiles the SQL each time, which was
// about a seventh of the CPU a child's page cost (the session, the user and
// their roles, the teams, the subject, the record, its relationships and its
// latest viewers are all short queries). A statement prepared on the pool
// (*sql.Stmt) is kept instead: database/sql prepares it on each connection
// the first time it runs there, again if that connection is replaced, and
// it is safe for concurrent use. pgx already keeps a cache of prepared
// statements on each PostgreSQL connection, so there it changes little.
//
// Only queries whose text is one of a few fixed strings go through the
// cache: a query built with a varying number of parameters would fill it
// with statements run once. maxStmts bounds it all the same; past it, a
// query is prepared for the call, as before.
const maxStmts = 128

// stmtCache holds the prepared statements of one pool, by query text.
type stmtCache struct {
	pool *sql.DB

	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	closed bool
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}}
}

// get returns the statement for query, preparing it the first time; nil if
// it cannot be prepared or the cache is full or closed, when the caller runs
// the query on the pool instead (which reports any error in the query).
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	st, ok := c.stmts[query]
	full := c.closed || len(c.stmts) >= maxStmts
	c.mu.Unlock()
	if ok {
		return st
	}
	if full {
		return nil
	}
	// Prepared outside the lock: on PostgreSQL a prepare is a round trip,
	// and other queries should not wait for it. Two callers may prepare the
	// same query at once; the second closes its own and uses the first.
	st, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if have, ok := c.stmts[query]; ok {
		st.Close()
		return have
	}
	if c.closed || len(c.stmts) >= maxStmts {
		st.Close()
		return nil
	}
	c.stmts[query] = st
	return st
}

// close closes every statement; get prepares none afterwards.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// read runs a query of fixed text on the read pool through its prepared
// statement, or, on a store copied for a bulk read (bulkRead), on its
// connection.
func (db *DB) read(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if db.bulk != nil {
		return db.bulk.QueryContext(ctx, query, args...)
	}
	if st := db.rs.get(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.r.QueryContext(ctx, query, args...)
}

// readRow is read for a query of one row.
func (db *DB) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if db.bulk != nil {
		return db.bulk.QueryRowContext(ctx, query, args...)
	}
	if st := db.rs.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.r.QueryRowContext(ctx, query, args...)
}
