package sqlstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
)

// SharedSecret returns the key stored under name, making it with make the
// first time. Two processes asking at once keep one key: each offers its
// own, the first insert wins, and both read back the one kept.
func (db *DB) SharedSecret(ctx context.Context, name string, make func() ([]byte, error)) ([]byte, error) {
	var v string
	err := db.readRow(ctx, "SELECT value FROM secrets WHERE name = $1", name).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: reading a key: %w", err)
	}
	if err != nil {
		k, err := make()
		if err != nil {
			return nil, err
		}
		if _, err := db.w.ExecContext(ctx, "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
			name, base64.StdEncoding.EncodeToString(k)); err != nil {
			return nil, fmt.Errorf("store: keeping a key: %w", err)
		}
		if err := db.w.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = $1", name).Scan(&v); err != nil {
			return nil, fmt.Errorf("store: reading a key: %w", err)
		}
	}
	return base64.StdEncoding.DecodeString(v)
}
