package sqlstore

import (
	"context"
	"database/sql"
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
		// The row is made first, so that FOR UPDATE has a row to lock even
		// for a key no process has counted yet.
		if _, err := tx.ExecContext(ctx, "INSERT INTO throttles (key, state, updated_at) VALUES ($1, '', $2) ON CONFLICT (key) DO NOTHING", key, now); err != nil {
			return fmt.Errorf("store: throttle: %w", err)
		}
		var state string
		if err := tx.QueryRowContext(ctx, "SELECT state FROM throttles WHERE key = $1"+db.d.forUpdate, key).Scan(&state); err != nil {
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
		if next == nil {
			_, err = tx.ExecContext(ctx, "DELETE FROM throttles WHERE key = $1", key)
		} else {
			_, err = tx.ExecContext(ctx, "UPDATE throttles SET state = $2, updated_at = $3 WHERE key = $1", key, string(next), now)
		}
		if err != nil {
			return fmt.Errorf("store: throttle: %w", err)
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
