package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"hearth/internal/errs"
)

// Manifest describes a SQLite store's two files at a moment: whose they are,
// whether SQLite finds them sound, and what they hold. hearth backup writes
// one beside each backup (ManifestPath); hearth restore checks the restored
// copy against it, so a copy cut short or put together from two backups is
// caught before anyone works on it.
type Manifest struct {
	StoreID string `json:"store_id"`
	// Rows counts the rows of every table in both files, by table name
	// ("audit." before the access log's tables).
	Rows map[string]int64 `json:"rows"`
	// LastChange is when the newest version of any record was written,
	// LastLine the newest access log line.
	LastChange string `json:"last_change"`
	LastLine   int64  `json:"last_line"`
}

// ManifestPath is where the manifest of the backup at path is written.
func ManifestPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".manifest.json"
}

// Inspect reads the SQLite store at path, and its access log beside it,
// without changing either: it runs SQLite's integrity check on both files,
// checks that the log belongs to the store, and counts what they hold.
func Inspect(ctx context.Context, path string) (Manifest, error) {
	for _, f := range []string{path, AuditPath(path)} {
		if _, err := os.Stat(f); err != nil {
			return Manifest{}, fmt.Errorf("store: %s: %w", f, err)
		}
	}
	c := sql.OpenDB(newAuditConnector(path+"?"+sqliteReader, AuditPath(path)))
	defer c.Close()
	c.SetMaxOpenConns(1)
	for _, schema := range []string{"main", "audit"} {
		var result string
		if err := c.QueryRowContext(ctx, "PRAGMA "+schema+".integrity_check(1)").Scan(&result); err != nil {
			return Manifest{}, fmt.Errorf("store: checking %s: %w", schema, err)
		}
		if result != "ok" {
			return Manifest{}, fmt.Errorf("store: the integrity check of %s failed: %s", fileOf(path, schema), result)
		}
	}
	var m Manifest
	var err error
	if m.StoreID, err = readID(ctx, c, "main.store_identity"); err != nil {
		return Manifest{}, err
	}
	logs, err := readID(ctx, c, "audit.log_identity")
	if err != nil {
		return Manifest{}, err
	}
	if m.StoreID == "" || logs != m.StoreID {
		return Manifest{}, fmt.Errorf("store: the access log %s does not belong to %s (store ids %q and %q)", AuditPath(path), path, logs, m.StoreID)
	}
	m.Rows = map[string]int64{}
	for _, schema := range []string{"main", "audit"} {
		rows, err := c.QueryContext(ctx, "SELECT name FROM "+schema+".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
		if err != nil {
			return Manifest{}, err
		}
		var tables []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return Manifest{}, err
			}
			tables = append(tables, name)
		}
		rows.Close()
		for _, t := range tables {
			var n int64
			// The names come from the file's own catalogue; quoted all the same.
			if err := c.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+schema+`."`+strings.ReplaceAll(t, `"`, `""`)+`"`).Scan(&n); err != nil {
				return Manifest{}, err
			}
			key := t
			if schema == "audit" {
				key = "audit." + t
			}
			m.Rows[key] = n
		}
	}
	if err := c.QueryRowContext(ctx, "SELECT COALESCE(MAX(recorded_at), '') FROM main.record_versions").Scan(&m.LastChange); err != nil {
		return Manifest{}, err
	}
	if err := c.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM audit.access_log").Scan(&m.LastLine); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

func fileOf(path, schema string) string {
	if schema == "audit" {
		return AuditPath(path)
	}
	return path
}

// Differences lists how other differs from m, in words, or nothing when
// the two describe the same store holding the same.
func (m Manifest) Differences(other Manifest) []string {
	var out []string
	if m.StoreID != other.StoreID {
		out = append(out, fmt.Sprintf("store id %s, not %s", other.StoreID, m.StoreID))
	}
	if m.LastChange != other.LastChange {
		out = append(out, fmt.Sprintf("newest change at %s, not %s", other.LastChange, m.LastChange))
	}
	if m.LastLine != other.LastLine {
		out = append(out, fmt.Sprintf("newest access log line %d, not %d", other.LastLine, m.LastLine))
	}
	for t, n := range m.Rows {
		if got, ok := other.Rows[t]; !ok {
			out = append(out, fmt.Sprintf("no table %s", t))
		} else if got != n {
			out = append(out, fmt.Sprintf("%s has %d rows, not %d", t, got, n))
		}
	}
	for t := range other.Rows {
		if _, ok := m.Rows[t]; !ok {
			out = append(out, fmt.Sprintf("an extra table %s", t))
		}
	}
	return out
}

func writeManifest(path string, m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(ManifestPath(path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadManifest reads the manifest written beside the backup at path.
func ReadManifest(path string) (Manifest, error) {
	data, err := os.ReadFile(ManifestPath(path))
	if err != nil {
		return Manifest{}, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("store: the manifest %s: %w", ManifestPath(path), err)
	}
	return m, nil
}

// Restore copies the backup at from (its records and its access log) to a
// new store at to, which must not exist yet, and proves the copy: both files
// pass SQLite's integrity check, the log belongs to the records, and the
// copy holds what the backup's manifest says. A copy that fails is removed,
// leaving the place as empty as it was. The restored store is not opened
// here: opening (which brings an older backup's schema up to date) is the
// caller's next step.
//
// The two files are copied and proved in a folder beside the place
// (restoreStage), then renamed into it, the access log first and the
// records last: a restore stopped part way (the machine lost) leaves no
// store at the place, so nothing can open half a copy; at worst it leaves
// the log alone there, which a later restore refuses as an occupied place.
func Restore(ctx context.Context, from, to string) (Manifest, error) {
	if from == "" || to == "" {
		return Manifest{}, errs.E(errs.Invalid, "Give the backup to restore and where to restore it")
	}
	want, err := ReadManifest(from)
	if err != nil {
		return Manifest{}, fmt.Errorf("store: the backup %s has no readable manifest (hearth backup writes %s): %w", from, ManifestPath(from), err)
	}
	dir := filepath.Dir(to)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return Manifest{}, err
	}
	// A store's journal files left at the place (a -wal from the store that
	// was there before) would be replayed into the copy at its first
	// opening: the place is not empty, whatever is missing.
	for _, f := range []string{to, AuditPath(to)} {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if _, err := os.Lstat(f + suffix); err == nil {
				return Manifest{}, errs.E(errs.Conflict, "A file already exists at %s: restore into an empty place", f+suffix)
			}
		}
	}
	stage := restoreStage(to)
	if err := os.RemoveAll(stage); err != nil { // an earlier restore's, stopped part way
		return Manifest{}, err
	}
	if err := os.Mkdir(stage, 0o750); err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(stage)
	staged := filepath.Join(stage, filepath.Base(to))
	pairs := [][2]string{{from, staged}, {AuditPath(from), AuditPath(staged)}}
	for _, p := range pairs {
		if err := copyNew(p[0], p[1]); err != nil {
			return Manifest{}, fmt.Errorf("store: restoring %s: %w", p[0], err)
		}
	}
	got, err := Inspect(ctx, staged)
	if err != nil {
		return Manifest{}, err
	}
	if diff := want.Differences(got); len(diff) > 0 {
		return Manifest{}, fmt.Errorf("store: the restored copy does not match its backup's manifest: %s", strings.Join(diff, "; "))
	}
	if err := syncDir(stage); err != nil {
		return Manifest{}, err
	}
	for _, p := range [][2]string{{AuditPath(staged), AuditPath(to)}, {staged, to}} {
		if err := place(p[0], p[1]); err != nil {
			if errors.Is(err, os.ErrExist) {
				return Manifest{}, errs.E(errs.Conflict, "A file already exists at %s: restore into an empty place", p[1])
			}
			return Manifest{}, fmt.Errorf("store: putting the restored copy in place: %w", err)
		}
	}
	if err := syncDir(dir); err != nil {
		return Manifest{}, err
	}
	return got, nil
}

// place moves a proved file to its place. A hard link refuses a file made
// at the place since it was found empty, where os.Rename would replace
// it; on a file system without links, the place is looked at again and
// the file renamed.
func place(from, to string) error {
	err := os.Link(from, to)
	if err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	if _, err := os.Lstat(to); err == nil {
		return os.ErrExist
	}
	return os.Rename(from, to)
}

// restoreStage is the folder beside a restore's place where the copy is
// made and proved before it is put in place.
func restoreStage(to string) string {
	return filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".restoring")
}

// copyNew copies src to a new file dst (never over an existing one) and
// makes it durable.
func copyNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
