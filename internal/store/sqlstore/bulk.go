package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// defaultBulkThreshold is the size of import that SQLite loads as a bulk load: when
// at least this many people go into a store that holds no more people than
// that, the secondary indexes of the tables being filled are dropped inside
// the import's transaction and built again, from sorted entries, before it
// commits. Building an index in one pass costs a fraction of inserting the
// same entries one by one.
const defaultBulkThreshold = 20000

// bulkTables are the tables that an import of people fills.
var bulkTables = []string{"people", "person_name_keys", "person_identifiers", "person_postcodes", "relationships"}

// journeyBulkTables are the tables that an import of journey records fills
// (besides the derived work rows, which it deletes by child before writing
// and so needs their indexes). record_versions keeps its primary key, which
// is not an index that can be dropped.
var journeyBulkTables = []string{"journey_records", "involvements", "record_versions"}

// deferIndexes drops, inside tx, the secondary indexes of tables when an
// import of n rows into them is a bulk load (count, the import's main table,
// holds no more rows than the import brings), and returns a function that
// builds them again from their own definitions. SQLite's schema changes are part of the
// transaction: if it rolls back, the indexes were never gone, and readers
// (who see the last committed state) never miss them. A UNIQUE index that
// cannot be built fails the transaction as a failed insert would.
//
// PostgreSQL is left alone: dropping an index there locks its table against
// readers until the transaction ends.
func (db *DB) deferIndexes(ctx context.Context, tx *sql.Tx, n int, count string, tables []string) (rebuild func() error, err error) {
	rebuild = func() error { return nil }
	if !db.d.deferIndexes || n < db.bulkThreshold {
		return rebuild, nil
	}
	var have int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+count).Scan(&have); err != nil {
		return nil, fmt.Errorf("store: counting %s: %w", count, err)
	}
	if have > n {
		return rebuild, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ("+
		placeholders(1, len(tables))+")", anySlice(tables)...)
	if err != nil {
		return nil, fmt.Errorf("store: reading indexes: %w", err)
	}
	type index struct{ name, ddl string }
	var idx []index
	for rows.Next() {
		var i index
		if err := rows.Scan(&i.name, &i.ddl); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading indexes: %w", err)
		}
		idx = append(idx, i)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading indexes: %w", err)
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a].name < idx[b].name })
	for _, i := range idx {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(i.name)); err != nil {
			return nil, fmt.Errorf("store: dropping index %s for a bulk load: %w", i.name, err)
		}
	}
	return func() error {
		for _, i := range idx {
			if _, err := tx.ExecContext(ctx, i.ddl); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// writeBulk runs fn in one write transaction, as write does, for a bulk
// load. On PostgreSQL fn is also given a copier, through which its inserters
// send their rows with COPY: one stream of rows per table rather than an
// INSERT of five hundred rows at a time, each of which the server parses,
// plans and runs as a statement of up to 30,000 parameters. On SQLite cp is
// nil, and rows go in by INSERT, which is what SQLite does fastest.
func (db *DB) writeBulk(ctx context.Context, fn func(tx *sql.Tx, cp *copier) error) error {
	if !db.d.copyBulk {
		return db.write(ctx, func(tx *sql.Tx) error { return fn(tx, nil) })
	}
	// COPY is pgx's own, not database/sql's: it runs on the connection
	// that holds the transaction, which database/sql hands over (Raw) only
	// for a connection taken from the pool by name.
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: beginning a transaction: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: beginning a transaction: %w", err)
	}
	if err := fn(tx, &copier{conn: conn}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: committing: %w", err)
	}
	return nil
}

// copier sends rows to PostgreSQL with COPY, inside the transaction open on
// conn.
type copier struct{ conn *sql.Conn }

// copy writes rows, given as one slice of len(cols) values a row, to table.
// The values are those an INSERT would be given: pgx encodes them for COPY
// (in its binary format) as it does for a statement. Errors are the
// server's (*pgconn.PgError), so that isUnique and isForeignKey see them.
func (c *copier) copy(ctx context.Context, table string, cols []string, vals []any) error {
	return c.conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: COPY needs a pgx connection, not %T", dc)
		}
		next := 0
		rows := pgx.CopyFromFunc(func() ([]any, error) {
			if next >= len(vals) {
				return nil, nil
			}
			row := vals[next : next+len(cols)]
			next += len(cols)
			return row, nil
		})
		_, err := sc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, rows)
		return err
	})
}
