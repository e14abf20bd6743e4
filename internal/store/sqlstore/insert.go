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
// bulk loads fast on both databases.
type inserter struct {
	tx   *sql.Tx
	anon bool   // ? parameters rather than $N
	head string // INSERT INTO t (a, b) [OVERRIDING SYSTEM VALUE] VALUES
	cols int
	per  int // rows in a full statement
	args []any
	n    int // rows held
	full *sql.Stmt
}

// newInserter returns an inserter for the columns of table. ids says whether
// the rows carry their own ids (so PostgreSQL must be told to accept them).
func newInserter(d dialect, tx *sql.Tx, table string, cols []string, ids bool) *inserter {
	overriding := ""
	if ids {
		overriding = d.overriding
	}
	per := maxParams / len(cols)
	if per > maxPerStmt {
		per = maxPerStmt
	}
	return &inserter{
		tx:   tx,
		anon: d.positional,
		head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ")" + overriding + " VALUES ",
		cols: len(cols),
		per:  per,
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
