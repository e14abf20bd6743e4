package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

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
// PostgreSQL does not use this: its server already shares one WAL flush
// among transactions that commit at once.

// maxLogBatch bounds the lines written in one transaction: a batch of them
// is one INSERT of maxLogBatch × len(accessLogCols) parameters.
const maxLogBatch = 256

var accessLogCols = []string{"at", "user_id", "username", "person_id", "action", "reason", "remote", "route"}

// errLogClosed is the answer to LogAccess once the store is closed.
var errLogClosed = errors.New("store: writing the access log: the store is closed")

// accessRow is the values of one access log line, in accessLogCols order.
func accessRow(e store.AccessEntry) []any {
	return []any{stamp(e.At), nullID(e.UserID), e.Username, nullID(e.PersonID), e.Action, e.Reason, e.Remote, e.Route}
}

// logRequest is one line waiting to be written, and where its result goes.
type logRequest struct {
	row  []any
	done chan error // buffered, so that the logger never waits for a caller that has gone
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
func (l *accessLogger) log(ctx context.Context, row []any) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: writing the access log: %w", err)
	}
	r := &logRequest{row: row, done: make(chan error, 1)}
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

// insert writes lines in one transaction with one INSERT. It runs outside
// any caller's context: the lines are written even if their callers have
// stopped waiting, and a store being closed waits for them.
func (l *accessLogger) insert(batch []*logRequest) error {
	ctx := context.Background()
	l.batches.Add(1)
	err := l.db.write(ctx, func(tx *sql.Tx) error {
		b := newInserter(l.db.d, tx, nil, "access_log", accessLogCols, false)
		defer b.close()
		for _, r := range batch {
			if err := b.add(ctx, r.row...); err != nil {
				return err
			}
		}
		return b.flush(ctx)
	})
	if err != nil {
		return fmt.Errorf("store: writing the access log: %w", err)
	}
	return nil
}
