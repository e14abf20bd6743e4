package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The access log on SQLite is written by group commit.
//
// Every read of a record writes a line before the page is returned, and the
// line must be durable (synchronous=FULL) when LogAccess returns nil. One
// transaction per line costs one fsync per read on SQLite's one writer, and
// each commit also makes every reader drop its page cache; under load the
// lines queue behind one another. Instead, LogAccess hands its line to one
// goroutine and waits. The goroutine takes every line queued (up to
// maxLogBatch), writes them in one transaction, commits, and gives each
// waiting caller the commit's result. Nothing waits on a timer: while one
// batch commits, the next gathers, so a lone reader pays no more than one
// commit and a crowd shares theirs.
//
// The pending lines of writes (LogPending) and their settling
// (SettleAccess) go the same way, so that they share the readers' commits.
//
// PostgreSQL does not use this: its server already shares one WAL flush
// among transactions that commit at once.

// maxLogBatch bounds the lines written in one transaction: a batch of them
// is one INSERT of maxLogBatch × len(accessLogCols) parameters.
const maxLogBatch = 256

// accessLogCols are the columns a line is written with, id first. On
// PostgreSQL the id is the table's own; on SQLite the logger gives it (see
// insert), so that a pending line's id is known to its writer.
var accessLogCols = []string{"id", "at", "user_id", "username", "person_id", "kind", "record_id", "action", "reason", "note", "children", "state", "remote", "route"}

// errLogClosed is the answer to LogAccess once the store is closed.
var errLogClosed = errors.New("store: writing the access log: the store is closed")

// accessRow is the values of one access log line in accessLogCols order,
// without the id.
func accessRow(e store.AccessEntry) []any {
	if e.State == "" {
		e.State = store.LineDone
	}
	return []any{stamp(e.At), nullID(e.UserID), e.Username, nullID(e.PersonID), string(e.Kind), nullID(e.RecordID),
		string(e.Action), e.Reason, e.Note, e.Children, string(e.State), e.Remote, e.Route}
}

// logRequest is one line waiting to be written, or one pending line waiting
// to be settled, and where its result goes.
type logRequest struct {
	row    []any             // a line to write, or nil
	settle *store.Settlement // a line to settle, when row is nil
	id     int64             // the id the line was written with, set before done is sent
	done   chan error        // buffered, so that the logger never waits for a caller that has gone
}

// accessLogger is the goroutine that writes the SQLite access log, and its
// queue.
type accessLogger struct {
	db *DB

	mu     sync.Mutex
	wake   sync.Cond // signalled when a line is queued or the logger is closed
	queue  []*logRequest
	closed bool

	stopped chan struct{} // closed when the goroutine has returned
	batches atomic.Int64  // transactions begun, one a batch (more for a batch written line by line)
}

func newAccessLogger(db *DB) *accessLogger {
	l := &accessLogger{db: db, stopped: make(chan struct{})}
	l.wake.L = &l.mu
	go l.run()
	return l
}

// log queues one line and waits for the commit that holds it.
//
// If ctx ends first, log returns ctx's error at once, but a line already
// queued is not taken back: it is still written with the rest of its batch.
// An error from log therefore means "not known to be written", never "not
// written"; the access log may hold a line for a read that then failed,
// which errs on the side the log is kept for. A ctx that has already ended
// when log is called queues nothing.
func (l *accessLogger) log(ctx context.Context, r *logRequest) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: writing the access log: %w", err)
	}
	r.done = make(chan error, 1)
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return errLogClosed
	}
	l.queue = append(l.queue, r)
	l.mu.Unlock()
	l.wake.Signal()
	select {
	case err := <-r.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("store: writing the access log: stopped waiting for the commit (the line may still be written): %w", ctx.Err())
	}
}

// close refuses new lines, waits until every line queued has been written
// and answered, and stops the goroutine. It may be called more than once.
func (l *accessLogger) close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	l.wake.Broadcast()
	<-l.stopped
}

// run writes batches until the logger is closed and its queue is empty.
func (l *accessLogger) run() {
	defer close(l.stopped)
	var batch []*logRequest
	for {
		l.mu.Lock()
		for len(l.queue) == 0 && !l.closed {
			l.wake.Wait()
		}
		if len(l.queue) == 0 {
			l.mu.Unlock()
			return
		}
		n := min(len(l.queue), maxLogBatch)
		batch = append(batch[:0], l.queue[:n]...)
		left := copy(l.queue, l.queue[n:])
		clear(l.queue[left:])
		l.queue = l.queue[:left]
		l.mu.Unlock()

		l.write(batch)
		clear(batch)
	}
}

// write writes a batch and answers each of its callers.
//
// If the batch fails, no line of it was written (its transaction rolled
// back). Rather than fail every caller for what may be one bad line, the
// lines are then written again one to a transaction, so that each caller
// gets the answer for its own line. That costs a commit a line, but only
// for a batch that has already failed.
func (l *accessLogger) write(batch []*logRequest) {
	err := l.insert(batch)
	if err == nil || len(batch) == 1 {
		for _, r := range batch {
			r.done <- err
		}
		return
	}
	for i, r := range batch {
		r.done <- l.insert(batch[i : i+1])
	}
}

// insert writes a batch in one transaction: its lines with one INSERT, then
// its settlements. It runs outside any caller's context: the lines are
// written even if their callers have stopped waiting, and a store being
// closed waits for them.
//
// The logger is the only writer of the log's file once the store is open,
// and its transactions take turns on the one writing connection, so the
// ids it gives (after the highest in the table) are the table's next ones.
func (l *accessLogger) insert(batch []*logRequest) error {
	ctx := context.Background()
	l.batches.Add(1)
	err := l.db.write(ctx, func(tx *sql.Tx) error {
		n := 0
		for _, r := range batch {
			if r.row != nil {
				n++
			}
		}
		ids, err := l.db.nextIDs(ctx, tx, "access_log", n)
		if err != nil {
			return err
		}
		b := newInserter(l.db.d, tx, nil, "access_log", accessLogCols, false)
		defer b.close()
		for _, r := range batch {
			if r.row == nil {
				continue
			}
			r.id, ids = ids[0], ids[1:]
			if err := b.add(ctx, append([]any{r.id}, r.row...)...); err != nil {
				return err
			}
		}
		if err := b.flush(ctx); err != nil {
			return err
		}
		for _, r := range batch {
			if r.settle != nil {
				if err := settleLine(ctx, tx, *r.settle); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: writing the access log: %w", err)
	}
	return nil
}

// LogAccess writes a line to the access log, and returns nil only once the
// line is committed. On SQLite the line is committed together with the lines
// of other callers waiting at the same time (see accessLogger.log, which also
// says what an ended ctx means); on PostgreSQL it is a transaction of its own.
// A line with an unknown action or kind is refused, and nothing is written.
func (db *DB) LogAccess(ctx context.Context, e store.AccessEntry) error {
	_, err := db.logLine(ctx, e) // accessRow writes a line without a state as done
	return err
}

// LogPending writes the line of a write about to be made, in state pending,
// and returns its id for the write's Change.LogLine.
func (db *DB) LogPending(ctx context.Context, e store.AccessEntry) (int64, error) {
	e.State = store.LinePending
	return db.logLine(ctx, e)
}

// insertAccessLineSQL writes one line and returns its id (PostgreSQL; on
// SQLite the logger writes lines in groups).
var insertAccessLineSQL = "INSERT INTO access_log (" + joinCols(accessLogCols[1:]) + ") VALUES (" +
	placeholders(1, len(accessLogCols)-1) + ") RETURNING id"

func (db *DB) logLine(ctx context.Context, e store.AccessEntry) (int64, error) {
	if err := e.Check(); err != nil {
		return 0, err
	}
	if db.log != nil {
		r := &logRequest{row: accessRow(e)}
		err := db.log.log(ctx, r)
		return r.id, err
	}
	var id int64
	err := db.w.QueryRowContext(ctx, insertAccessLineSQL, accessRow(e)...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: writing the access log: %w", err)
	}
	return id, nil
}

// SettleAccess settles a pending line: done once its write has committed,
// failed once it has not. A line already in that state (settled by
// SettlePending in another process) is left as it is; any other line is
// refused.
func (db *DB) SettleAccess(ctx context.Context, s store.Settlement) error {
	if s.State != store.LineDone && s.State != store.LineFailed {
		return errs.E(errs.Invalid, "A pending access-log line is settled as done or failed, not %q", s.State)
	}
	if db.log != nil {
		return db.log.log(ctx, &logRequest{settle: &s})
	}
	return db.write(ctx, func(tx *sql.Tx) error { return settleLine(ctx, tx, s) })
}

// settleLine settles one pending line in tx.
func settleLine(ctx context.Context, tx *sql.Tx, s store.Settlement) error {
	res, err := tx.ExecContext(ctx, `UPDATE access_log SET state = $2,
		person_id = COALESCE(person_id, $3), record_id = COALESCE(record_id, $4)
		WHERE id = $1 AND state = 'pending'`, s.Line, string(s.State), nullID(s.PersonID), nullID(s.RecordID))
	if err != nil {
		return fmt.Errorf("store: settling access-log line %d: %w", s.Line, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var state string
	err = tx.QueryRowContext(ctx, "SELECT state FROM access_log WHERE id = $1", s.Line).Scan(&state)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return notFound("access-log line", s.Line)
	case err != nil:
		return fmt.Errorf("store: settling access-log line %d: %w", s.Line, err)
	case state != string(s.State):
		return errs.E(errs.Conflict, "Access-log line %d is %s already", s.Line, state)
	}
	return nil
}

// markWritten records, in the transaction of a write, that the write of
// pending line c.LogLine commits, and the ids of the person and record it
// wrote (filled into the line if it had none). Each write that a use case
// logs with LogPending calls it; a unit of several writes may call it for
// each, and the first names the line's record.
//
// The change's further lines (c.AlsoLogLines, about other records the write
// touches) are marked with it; each already names its own person.
func markWritten(ctx context.Context, tx *sql.Tx, c store.Change, person people.ID, record int64) error {
	if c.LogLine == 0 {
		return nil
	}
	for _, line := range append([]int64{c.LogLine}, c.AlsoLogLines...) {
		_, err := tx.ExecContext(ctx, "INSERT INTO access_log_writes (line_id, person_id, record_id) VALUES ($1, $2, $3) ON CONFLICT (line_id) DO NOTHING",
			line, nullID(person), nullID(record))
		if err != nil {
			return fmt.Errorf("store: marking access-log line %d written: %w", line, err)
		}
	}
	return nil
}

// SettlePending settles as done every pending line whose write committed,
// taking the ids it wrote from access_log_writes, and returns how many it
// settled. Open runs it, for a process that stopped between a write and
// SettleAccess. Lines whose write did not commit stay pending: from another
// process sharing the database, that write may still be under way.
func (db *DB) SettlePending(ctx context.Context) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE access_log SET state = 'done',
			person_id = COALESCE(person_id, (SELECT w.person_id FROM access_log_writes w WHERE w.line_id = access_log.id)),
			record_id = COALESCE(record_id, (SELECT w.record_id FROM access_log_writes w WHERE w.line_id = access_log.id))
			WHERE state = 'pending' AND id IN (SELECT line_id FROM access_log_writes)`)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: settling the access log's pending lines: %w", err)
	}
	return int(n), nil
}

// AccessLog returns access log lines, newest first. Since is inclusive and
// Until exclusive.
func (db *DB) AccessLog(ctx context.Context, q store.AccessQuery) ([]store.AccessEntry, error) {
	var (
		conds []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q.PersonID != 0 {
		conds = append(conds, "person_id = "+arg(int64(q.PersonID)))
	}
	if q.UserID != 0 {
		conds = append(conds, "user_id = "+arg(int64(q.UserID)))
	}
	if q.Kind != "" {
		conds = append(conds, "kind = "+arg(string(q.Kind)))
	}
	if q.RecordID != 0 {
		conds = append(conds, "record_id = "+arg(q.RecordID))
	}
	if q.Action != "" {
		conds = append(conds, "action = "+arg(string(q.Action)))
	}
	if !q.Since.IsZero() {
		conds = append(conds, "at >= "+arg(asOfParam(q.Since)))
	}
	if !q.Until.IsZero() {
		conds = append(conds, "at < "+arg(asOfParam(q.Until)))
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultAccessLimit
	}
	limit = min(limit, store.MaxAccessLimit)
	query := "SELECT " + joinCols(accessLogCols) + " FROM access_log"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	query += " ORDER BY at DESC, id DESC LIMIT " + arg(limit)
	// One of a few dozen texts, by which conditions are given: the page of
	// a record asks for its latest viewers each time.
	rows, err := db.read(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading the access log: %w", err)
	}
	defer rows.Close()
	out := []store.AccessEntry{}
	for rows.Next() {
		var e store.AccessEntry
		if err := rows.Scan(&e.ID, timeScan{&e.At}, idScan[access.UserID]{&e.UserID}, &e.Username, idScan[people.ID]{&e.PersonID},
			&e.Kind, idScan[int64]{&e.RecordID}, &e.Action, &e.Reason, &e.Note, &e.Children, &e.State, &e.Remote, &e.Route); err != nil {
			return nil, fmt.Errorf("store: reading the access log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// defaultAccessLimit is how many lines AccessLog returns when not told.
const defaultAccessLimit = 100
