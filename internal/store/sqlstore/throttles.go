package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// throttleForget is how long a throttle's key is kept untouched before it
// is deleted: longer than any allowance takes to refill (a day, for the
// daily allowance of people listed outside one's work).
const throttleForget = 25 * time.Hour

// StepThrottle runs step on key's state in one write transaction that holds
// the key's row against every other process until it commits, so that two
// servers counting the same name at once count it twice, not once. The
// state is nil for a key not seen; step returns the state to keep, or nil
// to forget the key. Now and then it also deletes keys untouched for a
// day.
func (db *DB) StepThrottle(ctx context.Context, key string, now time.Time, step func(state []byte) ([]byte, error)) error {
	now = stamp(now)
	return db.write(ctx, func(tx *sql.Tx) error {
		// Twice at most: a key no process had counted has no row to lock,
		// and if another process makes its row between the read and the
		// insert, the insert does nothing and the step is taken again on
		// that row, under its lock.
		for range 2 {
			var state string
			err := tx.QueryRowContext(ctx, "SELECT state FROM throttles WHERE key = $1"+db.d.forUpdate, key).Scan(&state)
			exists := err == nil
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store: throttle: %w", err)
			}
			var old []byte
			if state != "" {
				old = []byte(state)
			}
			next, err := step(old)
			if err != nil {
				return err
			}
			var res sql.Result
			switch {
			case next == nil && !exists:
				return nil // forgetting a key never counted writes nothing
			case next == nil:
				res, err = tx.ExecContext(ctx, "DELETE FROM throttles WHERE key = $1", key)
			case exists:
				res, err = tx.ExecContext(ctx, "UPDATE throttles SET state = $2, updated_at = $3 WHERE key = $1", key, string(next), now)
			default:
				res, err = tx.ExecContext(ctx, "INSERT INTO throttles (key, state, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING", key, string(next), now)
			}
			if err != nil {
				return fmt.Errorf("store: throttle: %w", err)
			}
			if n, err := res.RowsAffected(); err == nil && n == 0 && !exists {
				continue // made by another process since the read
			}
			// One step in 256 (by the clock's microseconds) sweeps the old
			// keys, so that the table stays the size of a day's activity
			// without a timer of its own.
			if now.Nanosecond()/1000%256 == 0 {
				if _, err := tx.ExecContext(ctx, "DELETE FROM throttles WHERE updated_at < $1", now.Add(-throttleForget)); err != nil {
					return fmt.Errorf("store: throttle sweep: %w", err)
				}
			}
			return nil
		}
		return fmt.Errorf("store: throttle: the key %q was made and taken away while it was counted", key)
	})
}

// CacheStamp is the count of teams and services and the sum of the
// settings' versions. Teams and services are never changed or removed, and
// a setting's version rises with every change, so the stamp changes exactly
// when one of them does.
func (db *DB) CacheStamp(ctx context.Context) (string, error) {
	var teams, services, settings int64
	err := db.r.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM teams), (SELECT COUNT(*) FROM services),
		(SELECT COALESCE(SUM(version), 0) FROM settings)`).Scan(&teams, &services, &settings)
	if err != nil {
		return "", fmt.Errorf("store: cache stamp: %w", err)
	}
	return fmt.Sprintf("%d.%d.%d", teams, services, settings), nil
}
