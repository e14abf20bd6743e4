package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// maxParams bounds the parameters of one statement: SQLite allows 32,766 and
// PostgreSQL 65,535.
const (
	maxParams  = 30000
	maxPerStmt = 500
)

// inserter writes rows to one table inside a transaction, many rows to an
// INSERT statement. Rows are held until a statement is full, or until flush;
// the full-size statement is prepared once and reused, which is what makes
// bulk loads fast on both databases. Given a copier (a bulk load on
// PostgreSQL), it sends the rows held with COPY instead.
type inserter struct {
	tx   *sql.Tx
	cp   *copier // nil: INSERT statements
	anon bool    // ? parameters rather than $N
	head string  // INSERT INTO t (a, b) [OVERRIDING SYSTEM VALUE] VALUES
	// table and names are for COPY, which takes the rows' own ids without
	// being told (as INSERT ... OVERRIDING SYSTEM VALUE does).
	table string
	names []string
	cols  int
	per   int // rows in a full statement, or in one COPY
	args  []any
	n     int // rows held
	full  *sql.Stmt
}

// copyRows is how many rows an inserter holds for one COPY: enough that a
// load of Demo City is some hundreds of them, not so many that the rows
// held take much memory.
const copyRows = 10000

// newInserter returns an inserter for the columns of table. ids says whether
// the rows carry their own ids (so PostgreSQL must be told to accept them).
// cp is nil except in a bulk load on PostgreSQL (see writeBulk).
func newInserter(d dialect, tx *sql.Tx, cp *copier, table string, cols []string, ids bool) *inserter {
	overriding := ""
	if ids {
		overriding = d.overriding
	}
	per := maxParams / len(cols)
	if per > maxPerStmt {
		per = maxPerStmt
	}
	if cp != nil {
		per = copyRows
	}
	return &inserter{
		tx:    tx,
		cp:    cp,
		anon:  d.positional,
		head:  "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ")" + overriding + " VALUES ",
		table: table,
		names: cols,
		cols:  len(cols),
		per:   per,
	}
}

// add holds one row, writing a full statement's worth when it has one.
func (b *inserter) add(ctx context.Context, vals ...any) error {
	if len(vals) != b.cols {
		return fmt.Errorf("store: insert into %s: %d values for %d columns", b.head, len(vals), b.cols)
	}
	b.args = append(b.args, vals...)
	b.n++
	if b.n < b.per {
		return nil
	}
	if b.cp != nil {
		return b.flush(ctx)
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(ctx, b.statement(b.per))
		if err != nil {
			return fmt.Errorf("store: preparing an insert: %w", err)
		}
		b.full = st
	}
	if _, err := b.full.ExecContext(ctx, b.args...); err != nil {
		return err
	}
	b.args, b.n = b.args[:0], 0
	return nil
}

// flush writes the rows held.
func (b *inserter) flush(ctx context.Context) error {
	if b.n == 0 {
		return nil
	}
	if b.cp != nil {
		if err := b.cp.copy(ctx, b.table, b.names, b.args); err != nil {
			return err
		}
		b.args, b.n = b.args[:0], 0
		return nil
	}
	if _, err := b.tx.ExecContext(ctx, b.statement(b.n), b.args...); err != nil {
		return err
	}
	b.args, b.n = b.args[:0], 0
	return nil
}

// close releases the prepared statement.
func (b *inserter) close() {
	if b.full != nil {
		b.full.Close()
		b.full = nil
	}
}

func (b *inserter) statement(rows int) string {
	var s strings.Builder
	s.Grow(len(b.head) + rows*b.cols*7)
	s.WriteString(b.head)
	p := 1
	for r := range rows {
		if r > 0 {
			s.WriteString(", ")
		}
		s.WriteByte('(')
		for c := range b.cols {
			if c > 0 {
				s.WriteString(", ")
			}
			if b.anon {
				s.WriteByte('?')
			} else {
				s.WriteByte('$')
				s.WriteString(strconv.Itoa(p))
			}
			p++
		}
		s.WriteByte(')')
	}
	return s.String()
}
