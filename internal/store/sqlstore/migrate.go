package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"hearth/internal/civil"
)

// The migrations: one folder per database, with the same numbered files
// (0001_init.sql, 0002_...). Each runs once, in its own transaction, and its
// number is then written to schema_migrations.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string // the file name
	SQL     string
}

// Migrations returns the migrations for a dialect ("sqlite" or "postgres"),
// in order.
func Migrations(dialect string) ([]Migration, error) {
	dir := "migrations/" + dialect
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("store: reading migrations: %w", err)
	}
	var ms []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s/%s is not named NNNN_name.sql", dialect, name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s have the same number", other, name)
		}
		seen[v] = name
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("store: reading migration %s: %w", name, err)
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// migrationLock is the PostgreSQL advisory lock key held while migrating, so
// that two servers starting at once do not both apply a migration.
const migrationLock = 4_305_170_001

// Migrate applies the migrations that have not been applied yet, each in its
// own transaction, and returns the versions it applied (none when the schema
// is up to date).
func (db *DB) Migrate(ctx context.Context) (applied []int, err error) {
	ms, err := Migrations(db.d.name)
	if err != nil {
		return nil, err
	}
	boot := "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at " + db.d.timestamp + " NOT NULL)"
	if err := db.write(ctx, func(tx *sql.Tx) error {
		if err := db.lockMigrations(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, boot)
		return err
	}); err != nil {
		return nil, fmt.Errorf("store: creating schema_migrations: %w", err)
	}
	for _, m := range ms {
		var done bool
		err := db.write(ctx, func(tx *sql.Tx) error {
			if err := db.lockMigrations(ctx, tx); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", m.Version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			if m.Version == workMigration {
				// The derived work of the journeys already in the store
				// (work.go), with the tables that hold it.
				if err := db.refreshAllWork(ctx, tx, civil.OfLondon(time.Now())); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", m.Version, stamp(time.Time{}))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("store: migration %s (%s): %w", m.Name, db.d.name, err)
		}
		if !done {
			applied = append(applied, m.Version)
		}
	}
	if db.d.file {
		if err := db.setUpAuditLog(ctx); err != nil {
			return applied, err
		}
	}
	return applied, db.ensureIdentity(ctx)
}

func (db *DB) lockMigrations(ctx context.Context, tx *sql.Tx) error {
	if db.d.migrationLock == "" {
		return nil // the IMMEDIATE transaction already holds the write lock
	}
	_, err := tx.ExecContext(ctx, db.d.migrationLock, int64(migrationLock))
	return err
}
