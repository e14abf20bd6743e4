package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// The council's settings. Each is a versioned record of kind 'setting' with
// a row in settings, found by its name; the version's body is the setting's
// value alone, as JSON, so that its history reads as the values it had.

// setting is one setting to the versioning mechanism (versioned.go): its
// name, id and version, which are not part of its body, and its value.
type setting[T any] struct {
	name    string
	id      int64
	version int
	value   T
}

// MarshalJSON writes the setting's body: its value.
func (s setting[T]) MarshalJSON() ([]byte, error) { return json.Marshal(s.value) }

// settingKind is the recordKind of a setting whose value is a T.
func settingKind[T any]() *recordKind[setting[T]] {
	return newKind(&recordKind[setting[T]]{
		kind:   store.KindSetting,
		noun:   "setting",
		table:  "settings",
		refers: "a user",
		key:    func(s setting[T]) (int64, int) { return s.id, s.version },
		setKey: func(s *setting[T], id int64, v int) { s.id, s.version = id, v },
		unmarshal: func(b []byte) (setting[T], error) {
			var s setting[T]
			err := json.Unmarshal(b, &s.value)
			return s, err
		},
		insert:  insertSetting[T],
		replace: replaceSetting[T],
		// Two first settings made at once: the second finds the name taken,
		// which is the same as finding a version it did not start from.
		unique: func(err error) error {
			return &errs.Error{Code: errs.Conflict, Message: "This setting was changed by someone else since you opened it", Err: err}
		},
	})
}

// insertSetting writes a new setting's row.
func insertSetting[T any](ctx context.Context, t *txn, s setting[T], c store.Change) error {
	_, err := t.tx.ExecContext(ctx, "INSERT INTO settings (id, version, name, recorded_at, recorded_by, reason)"+t.db.d.overriding+" VALUES ($1, $2, $3, $4, $5, $6)",
		s.id, s.version, s.name, c.At, nullID(c.By), c.Reason)
	return err
}

// replaceSetting moves a setting's row to its new version; the row names
// the latest change, so that the table alone says when a rule last changed.
func replaceSetting[T any](ctx context.Context, t *txn, s setting[T], c store.Change) error {
	_, err := t.tx.ExecContext(ctx, "UPDATE settings SET version = $2, recorded_at = $3, recorded_by = $4, reason = $5 WHERE id = $1",
		s.id, s.version, c.At, nullID(c.By), c.Reason)
	return err
}

const (
	qSettingCurrent = "SELECT c.id, c.version, v.body FROM settings c JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version WHERE c.name = $2"
	qSettingID      = "SELECT id FROM settings WHERE name = $1"
)

var qSettingHistory = historyQuery("SELECT id FROM settings WHERE name = $2")

// readSetting returns the setting named name and its version, or the zero
// value and version 0 if it has never been set.
func readSetting[T any](ctx context.Context, db *DB, k *recordKind[setting[T]], name string) (T, int, error) {
	var (
		zero T
		id   int64
		v    int
		body []byte
	)
	err := db.readRow(ctx, qSettingCurrent, string(k.kind), name).Scan(&id, &v, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return zero, 0, nil
	}
	if err != nil {
		return zero, 0, fmt.Errorf("store: reading setting %s: %w", name, err)
	}
	s, err := decode(k, body, id, v)
	if err != nil {
		return zero, 0, err
	}
	return s.value, s.version, nil
}

// writeSetting writes value as the next version of the setting named name
// if version is its latest (0 for one never set), and returns the new
// version; otherwise errs.Conflict. then, if not nil, runs after the write
// in its transaction: what the setting changes, changed with it.
func writeSetting[T any](ctx context.Context, db *DB, k *recordKind[setting[T]], name string, value T, version int, c store.Change, then func(*txn) error) (int, error) {
	s, err := inTx(ctx, db, func(t *txn) (setting[T], error) {
		s, err := writeSettingIn(ctx, t, k, name, value, version, c)
		if err == nil && then != nil {
			err = then(t)
		}
		return s, err
	})
	if err != nil {
		return 0, err
	}
	return s.version, nil
}

// writeSettingIn is writeSetting's write, in t.
func writeSettingIn[T any](ctx context.Context, t *txn, k *recordKind[setting[T]], name string, value T, version int, c store.Change) (setting[T], error) {
	var id int64
	err := t.tx.QueryRowContext(ctx, qSettingID, name).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if version != 0 {
			return setting[T]{}, errStale()
		}
		return create(ctx, t, k, setting[T]{name: name, value: value}, c)
	case err != nil:
		return setting[T]{}, fmt.Errorf("store: reading setting %s: %w", name, err)
	}
	// update checks the version under a lock on the row, so that of two
	// changes from one version only the first is written.
	return update(ctx, t, k, setting[T]{name: name, id: id, version: version, value: value}, c)
}

// settingHistory returns every version of the setting named name, oldest
// first.
func settingHistory[T any](ctx context.Context, db *DB, k *recordKind[setting[T]], name string) ([]store.Version[T], error) {
	vs, err := history(ctx, db, k, qSettingHistory, name)
	if err != nil {
		return nil, err
	}
	out := make([]store.Version[T], len(vs))
	for i, v := range vs {
		out[i] = store.Version[T]{Version: v.Version, RecordedAt: v.RecordedAt, By: v.By, ByName: v.ByName, Reason: v.Reason, Record: v.Record.value}
	}
	return out, nil
}

// timescalesName is the name of the council's timescales in settings.
const timescalesName = "timescales"

var timescalesKind = settingKind[journey.Timescales]()

// Timescales returns the council's timescales and their version, or the
// zero Timescales and version 0 if the council has never set them.
func (db *DB) Timescales(ctx context.Context) (journey.Timescales, int, error) {
	return readSetting(ctx, db, timescalesKind, timescalesName)
}

// SetTimescales writes the council's timescales as the version after
// version, if that is still the latest, and recomputes every child's
// derived work by them in the same transaction (work.go).
func (db *DB) SetTimescales(ctx context.Context, t journey.Timescales, version int, c store.Change) (int, error) {
	c.At = stamp(c.At)
	return writeSetting(ctx, db, timescalesKind, timescalesName, t, version, c, func(t *txn) error {
		return db.refreshAllWork(ctx, t.tx, civil.OfLondon(c.At))
	})
}

// TimescalesHistory returns every version of the council's timescales,
// oldest first.
func (db *DB) TimescalesHistory(ctx context.Context) ([]store.Version[journey.Timescales], error) {
	return settingHistory(ctx, db, timescalesKind, timescalesName)
}

// councilName is the name of the council's details in settings.
const councilName = "council"

var councilKind = settingKind[store.Council]()

// CouncilDetails returns the council's details as recorded at recordedAt
// (zero: the latest), or the zero Council and version 0 if none had been
// set by then.
func (db *DB) CouncilDetails(ctx context.Context, recordedAt time.Time) (store.Council, int, error) {
	if recordedAt.IsZero() {
		return readSetting(ctx, db, councilKind, councilName)
	}
	return readSettingAsOf(ctx, db, councilKind, councilName, recordedAt)
}

// SetCouncilDetails writes the council's details as the version after
// version, if that is still the latest.
func (db *DB) SetCouncilDetails(ctx context.Context, c store.Council, version int, ch store.Change) (int, error) {
	ch.At = stamp(ch.At)
	return writeSetting(ctx, db, councilKind, councilName, c, version, ch, nil)
}

// CouncilDetailsHistory returns every version of the council's details,
// oldest first.
func (db *DB) CouncilDetailsHistory(ctx context.Context) ([]store.Version[store.Council], error) {
	return settingHistory(ctx, db, councilKind, councilName)
}

// readSettingAsOf returns the setting named name as it was recorded at
// recordedAt, or the zero value and version 0 if it had not been set by
// then.
func readSettingAsOf[T any](ctx context.Context, db *DB, k *recordKind[setting[T]], name string, recordedAt time.Time) (T, int, error) {
	var (
		zero T
		id   int64
	)
	err := db.readRow(ctx, qSettingID, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return zero, 0, nil
	}
	if err != nil {
		return zero, 0, fmt.Errorf("store: reading setting %s: %w", name, err)
	}
	s, err := read(ctx, db, k, id, recordedAt)
	if errs.Is(err, errs.NotFound) {
		return zero, 0, nil // set only after the moment
	}
	if err != nil {
		return zero, 0, err
	}
	return s.value, s.version, nil
}
