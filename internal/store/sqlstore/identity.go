package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// The store's identity: a random id made when the store is first opened,
// kept in the records' file and, on SQLite, in the access log's file too.
// The two files are backed up, moved and restored separately by people, so
// a log could be put back beside the wrong records (another council's test
// copy, last month's log); opening then refuses, rather than append this
// store's lines to another's log or show another's lines as this store's.

// newStoreID is 128 random bits in hex.
func newStoreID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// ensureIdentity gives a store its id on first opening, and on SQLite
// checks that the access log's file belongs to it.
//
// A store made before ids has none in either file: both get one, the log's
// file first, so that a crash between the two leaves the log's id, which
// the next opening adopts for the records. A log with no id beside records
// that have one is refused: it was made before ids, so it is not this
// store's log.
func (db *DB) ensureIdentity(ctx context.Context) error {
	mine, err := readID(ctx, db.w, "store_identity")
	if err != nil {
		return err
	}
	if !db.d.file {
		if mine != "" {
			return nil
		}
		id, err := newStoreID()
		if err != nil {
			return err
		}
		// Two servers starting at once would each insert an id of their
		// own: the migration lock makes the second wait, see the first's
		// id, and keep it.
		return db.write(ctx, func(tx *sql.Tx) error {
			if err := db.lockMigrations(ctx, tx); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO store_identity (id) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM store_identity)", id)
			return err
		})
	}
	logs, err := readID(ctx, db.w, "audit.log_identity")
	if err != nil {
		return err
	}
	switch {
	case mine != "" && logs == mine:
		return nil
	case mine != "" && logs != "":
		return fmt.Errorf("store: the access log %s belongs to another store (its id is %s, this store's is %s): put back this store's own access log", AuditPath(db.path), logs, mine)
	case mine != "":
		return fmt.Errorf("store: the access log %s has no store id, but %s has one (%s): it is not this store's log; put back the access log that was backed up with it", AuditPath(db.path), db.path, mine)
	}
	id := logs
	if id == "" {
		if id, err = newStoreID(); err != nil {
			return err
		}
		if err := db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO audit.log_identity (id) VALUES ($1)", id)
			return err
		}); err != nil {
			return fmt.Errorf("store: writing the access log's store id: %w", err)
		}
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO store_identity (id) VALUES ($1)", id)
		return err
	})
}

// readID reads the one id in table, or "" when it has none. More than one
// is damage: the tables are only ever written by ensureIdentity.
func readID(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, table string) (string, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM "+table)
	if err != nil {
		return "", fmt.Errorf("store: reading %s: %w", table, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch len(ids) {
	case 0:
		return "", nil
	case 1:
		return ids[0], nil
	}
	return "", errors.New("store: " + table + " holds more than one store id")
}

// StoreID is the store's identity.
func (db *DB) StoreID(ctx context.Context) (string, error) {
	return readID(ctx, db.r, "store_identity")
}
