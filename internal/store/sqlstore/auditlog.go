package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
)

// On SQLite the access log lives in a file of its own, attached to every
// connection as the schema "audit", so that its table is still access_log to
// every query.
//
// Why: every read of a child's record writes a line, so the log is committed
// dozens of times a second. In WAL mode a connection that starts a read after
// a commit to its database file throws its whole page cache away; with the
// log in the main file, every page and every search began by reading its
// index pages again. A commit to the attached file leaves the main file's
// caches alone. Measured with `hearth bench` before the move, with the log
// switched off as a stand-in: search p99 at scale 1 went from 28 to 9 ms, and
// at scale 10 from about 180 to 41 ms (docs/PERFORMANCE.md has the figures
// after the move).
//
// The price is a second file to back up (hearth backup writes both) and no
// atomic commit across the two (WAL commits each attached file on its own).
// A write and its line must still not part, so a write is logged before it
// is made, as a pending line; the write's transaction, in the main file,
// adds a row to access_log_writes naming that line; the line is then
// settled, and Open settles any line whose write committed just before a
// process stopped (see LogPending, markWritten and SettlePending in
// accesslog.go).

//go:embed audit/access_log.sql
var auditSchema string

// AuditPath is the file that holds the access log of the SQLite store at
// path: hearth.db's is hearth.access-log.db, beside it.
func AuditPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".access-log.db"
}

// auditConnector opens SQLite connections to a store's file with its access
// log attached. setup runs on each new connection after the attach: the
// pragmas that apply to the attached file.
type auditConnector struct {
	drv *sqlite.Driver
	dsn string
}

func newAuditConnector(dsn, auditFile string, setup ...string) auditConnector {
	drv := &sqlite.Driver{}
	drv.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, _ string) error {
		ctx := context.Background()
		if _, err := c.ExecContext(ctx, "ATTACH DATABASE $1 AS audit", []driver.NamedValue{{Ordinal: 1, Value: auditFile}}); err != nil {
			return fmt.Errorf("attaching the access log %s: %w", auditFile, err)
		}
		for _, q := range setup {
			if _, err := c.ExecContext(ctx, q, nil); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
	return auditConnector{drv: drv, dsn: dsn}
}

func (c auditConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c auditConnector) Driver() driver.Driver                        { return c.drv }

// The pragmas of the attached file: the writer's make it WAL (kept in the
// file) and as durable as the main file; readers keep a small cache, since
// they read only the newest lines.
var (
	auditWriterSetup = []string{"PRAGMA audit.journal_mode = WAL", "PRAGMA audit.synchronous = FULL"}
	auditReaderSetup = []string{"PRAGMA audit.cache_size = -2048"}
)

// setUpAuditLog brings the attached file's schema up, then moves into it any
// lines still in the main file's access_log (a store made before the log had
// a file of its own), and drops that table once they are all across. Each
// step writes one file only, so each is atomic; a crash between them leaves
// both tables, and the next start carries on.
func (db *DB) setUpAuditLog(ctx context.Context) error {
	// A store whose log has moved keeps no access_log in its main file; if
	// the log's file has no table either, the file went missing (a restore of
	// the records alone, say). Starting a new, empty log would hide that.
	var inMain, inAudit int
	if err := db.w.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'access_log'),
		(SELECT COUNT(*) FROM audit.sqlite_master WHERE type = 'table' AND name = 'access_log')`).Scan(&inMain, &inAudit); err != nil {
		return fmt.Errorf("store: looking for the access log: %w", err)
	}
	if inMain == 0 && inAudit == 0 {
		return fmt.Errorf("store: the access log %s is missing or empty, but %s holds a store: put back the access log (hearth backup writes it beside the records' copy) rather than start a new one",
			AuditPath(db.path), db.path)
	}
	if err := db.write(ctx, func(tx *sql.Tx) error {
		if inAudit > 0 {
			if err := upgradeAuditLog(ctx, tx); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, auditSchema)
		return err
	}); err != nil {
		return fmt.Errorf("store: the access log's schema: %w", err)
	}
	if inMain == 0 {
		return nil
	}
	// The main file's table has the shape of migration 0001: its lines are
	// typed as they move.
	if err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit.access_log
			(id, at, user_id, username, person_id, remote, route, kind, record_id, action, note, reason, state)
			SELECT id, at, user_id, username, person_id, remote, route, `+oldLineKind+", "+oldLineRecord+", "+oldLineAction+", "+oldLineNote+", "+oldLineReason+`, 'done'
			FROM main.access_log WHERE id NOT IN (SELECT id FROM audit.access_log)`)
		return err
	}); err != nil {
		return fmt.Errorf("store: moving the access log: %w", err)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var missing int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM main.access_log WHERE id NOT IN (SELECT id FROM audit.access_log)").Scan(&missing); err != nil {
			return fmt.Errorf("store: checking the moved access log: %w", err)
		}
		if missing > 0 {
			return fmt.Errorf("store: %d access log lines did not move; the old table is kept", missing)
		}
		// DROP TABLE runs no delete triggers: the lines are not deleted but
		// moved.
		_, err := tx.ExecContext(ctx, "DROP TABLE main.access_log")
		return err
	})
}

// How a line written before the log was typed (migration 0005) is read.
// Each is an expression over the old columns, for an UPDATE's SET or a
// SELECT; migrations/postgres/0005 maps them the same way.
//
//   - A line about a person is about the person's record, except the changes
//     to relationships, which were logged as updates of the person with the
//     reason "relationship added" or "relationship changed" (the
//     relationship's id was not kept).
//   - A line of an administrator's act on a user account ("user 12: ...") is
//     about that user's account.
//   - What the user typed moves from the reason to the note: a restriction's
//     reason; a search's or duplicate check's terms ("role; name: ...");
//     the terms of a search refused as one too many.
//   - "grant" is now "grant.create".
const (
	oldLineIsRelationship = "(action = 'update' AND reason IN ('relationship added', 'relationship changed'))"
	oldLineIsUser         = "(action IN ('user.create', 'user.update', 'user.roles', 'token.revoke', 'denied') AND reason GLOB 'user [0-9]*: *')"
	oldLineHasTerms       = "(action IN ('search', 'check') AND reason LIKE 'role; %')"
	oldLineTooMany        = "(action = 'denied' AND reason LIKE '%: too many searches; %')"
	oldLineKind           = "CASE WHEN " + oldLineIsRelationship + " THEN 'relationship' WHEN " + oldLineIsUser + " THEN 'user' WHEN person_id IS NOT NULL THEN 'person' ELSE '' END"
	oldLineRecord         = "CASE WHEN " + oldLineIsRelationship + " THEN NULL WHEN " + oldLineIsUser + " THEN CAST(substr(reason, 6, instr(reason, ':') - 6) AS INTEGER) ELSE person_id END"
	oldLineAction         = "CASE WHEN action = 'update' AND reason = 'relationship added' THEN 'create' WHEN action = 'grant' THEN 'grant.create' ELSE action END"
	oldLineNote           = "CASE WHEN action IN ('restrict', 'unrestrict') THEN reason WHEN " + oldLineHasTerms + " THEN substr(reason, 7) WHEN " + oldLineTooMany + " THEN substr(reason, instr(reason, '; ') + 2) ELSE '' END"
	oldLineReason         = "CASE WHEN action IN ('restrict', 'unrestrict') OR " + oldLineHasTerms + " THEN 'role' WHEN " + oldLineTooMany + " THEN substr(reason, 1, instr(reason, '; ') - 1) ELSE reason END"
)

// upgradeAuditLog brings a log file written before lines were typed to the
// shape of audit/access_log.sql, in the caller's transaction (which then
// runs that schema): it adds the new columns, types the old lines, and drops
// the old trigger that refused every change (the schema makes the one that
// allows a pending line to be settled). A file already typed is left alone.
func upgradeAuditLog(ctx context.Context, tx *sql.Tx) error {
	var typed int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_table_info('access_log', 'audit') WHERE name = 'state'").Scan(&typed); err != nil {
		return fmt.Errorf("reading the access log's columns: %w", err)
	}
	if typed > 0 {
		return nil
	}
	for _, q := range []string{
		"ALTER TABLE audit.access_log ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
		"ALTER TABLE audit.access_log ADD COLUMN record_id INTEGER",
		"ALTER TABLE audit.access_log ADD COLUMN note TEXT NOT NULL DEFAULT ''",
		"ALTER TABLE audit.access_log ADD COLUMN children INTEGER NOT NULL DEFAULT 0",
		"ALTER TABLE audit.access_log ADD COLUMN state TEXT NOT NULL DEFAULT 'done'",
		"DROP TRIGGER audit.access_log_never_changed",
		"UPDATE audit.access_log SET kind = " + oldLineKind + ", record_id = " + oldLineRecord + ", action = " + oldLineAction +
			", note = " + oldLineNote + ", reason = " + oldLineReason,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("typing the access log: %w", err)
		}
	}
	return nil
}
