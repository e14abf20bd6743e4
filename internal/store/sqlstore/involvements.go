package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"hearth/internal/people"
	"sort"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/store"
)

// involvementKind is the involvement to the versioning mechanism
// (versioned.go). Its current row is in involvements, which Subjects reads.
var involvementKind = newKind(&recordKind[store.Involvement]{
	kind:    store.KindInvolvement,
	noun:    "involvement",
	table:   "involvements",
	refers:  "a person, team, worker or journey record",
	key:     func(i store.Involvement) (int64, int) { return int64(i.ID), i.Version },
	setKey:  func(i *store.Involvement, id int64, v int) { i.ID, i.Version = store.InvolvementID(id), v },
	insert:  insertInvolvement,
	replace: replaceInvolvement,
	person:  func(i store.Involvement) people.ID { return i.PersonID },
})

// involvementCols are the columns of an involvement's current row. record_id
// names the journey record that gives the involvement (journey.go), NULL
// for one entered on its own.
var involvementCols = []string{"id", "version", "person_id", "kind", "team_id", "worker_id", "start_date", "end_date", "recorded_at", "recorded_by", "reason", "record_id"}

// checkKind refuses an involvement of a kind Hearth does not know; field
// names the field in the error.
func checkKind(kind, field string) error {
	if access.ValidInvolvementKind(kind) {
		return nil
	}
	var f errs.Fields
	f.Add(field, "Choose a kind of involvement from the list")
	return f.Err()
}

// insertInvolvement writes a new involvement's current row.
func insertInvolvement(ctx context.Context, t *txn, inv store.Involvement, c store.Change) error {
	if err := checkKind(inv.Kind, "kind"); err != nil {
		return err
	}
	if err := personExists(ctx, t, inv.PersonID); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(ctx, "INSERT INTO involvements ("+joinCols(involvementCols)+")"+t.db.d.overriding+" VALUES ("+placeholders(1, len(involvementCols))+")",
		involvementRow(inv, c)...)
	return err
}

func involvementRow(inv store.Involvement, c store.Change) []any {
	return []any{int64(inv.ID), inv.Version, int64(inv.PersonID), inv.Kind, nullID(inv.TeamID), nullID(inv.WorkerID),
		inv.StartDate, inv.EndDate, c.At, nullID(c.By), c.Reason, nullID(inv.Record)}
}

// replaceInvolvement rewrites an involvement's current row. Its person and
// kind cannot change: an involvement recorded wrongly is ended and a new one
// recorded. Nor can the journey record that gives it, which finds it by
// record_id. recorded_at, recorded_by and reason stay the first version's.
func replaceInvolvement(ctx context.Context, t *txn, inv store.Involvement, c store.Change) error {
	if err := checkKind(inv.Kind, "kind"); err != nil {
		return err
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE involvements SET version = $2, team_id = $3, worker_id = $4, start_date = $5, end_date = $6
		WHERE id = $1 AND person_id = $7 AND kind = $8 AND COALESCE(record_id, 0) = $9`,
		int64(inv.ID), inv.Version, nullID(inv.TeamID), nullID(inv.WorkerID), inv.StartDate, inv.EndDate, int64(inv.PersonID), inv.Kind, int64(inv.Record))
	return fixedKeys(res, err, "kind", "The person, kind and journey record of an involvement cannot be changed; end it and record a new one")
}

// CreateInvolvement writes a new involvement as version 1.
func (t *txn) CreateInvolvement(ctx context.Context, inv store.Involvement, c store.Change) (store.Involvement, error) {
	if err := notGiven(inv); err != nil {
		return store.Involvement{}, err
	}
	return create(ctx, t, involvementKind, inv, c)
}

// UpdateInvolvement writes version inv.Version+1 if inv.Version is still the
// latest; ending an involvement is an update that sets its end date.
func (t *txn) UpdateInvolvement(ctx context.Context, inv store.Involvement, c store.Change) (store.Involvement, error) {
	if err := notGiven(inv); err != nil {
		return store.Involvement{}, err
	}
	return update(ctx, t, involvementKind, inv, c)
}

// notGiven refuses a write, from outside the journey's own, of an
// involvement that a journey record gives: it is written only with its
// record (keepInvolvement), so that the two never disagree.
func notGiven(inv store.Involvement) error {
	if inv.Record == 0 {
		return nil
	}
	var f errs.Fields
	f.Add("record", "This involvement follows a record of the child's journey: change that record instead")
	return f.Err()
}

// CreateInvolvement writes a new involvement as version 1.
func (db *DB) CreateInvolvement(ctx context.Context, inv store.Involvement, c store.Change) (store.Involvement, error) {
	return inTx(ctx, db, func(t *txn) (store.Involvement, error) { return t.CreateInvolvement(ctx, inv, c) })
}

// UpdateInvolvement writes version inv.Version+1 if inv.Version is still the
// latest.
func (db *DB) UpdateInvolvement(ctx context.Context, inv store.Involvement, c store.Change) (store.Involvement, error) {
	return inTx(ctx, db, func(t *txn) (store.Involvement, error) { return t.UpdateInvolvement(ctx, inv, c) })
}

// ImportInvolvements writes many new involvements, each as version 1, in one
// transaction: all of them, or (on any error) none.
func (db *DB) ImportInvolvements(ctx context.Context, invs []access.Involvement, c store.Change) error {
	var f errs.Fields
	for i, inv := range invs {
		if !access.ValidInvolvementKind(inv.Kind) {
			f.Add(fmt.Sprintf("involvements[%d].kind", i), "Involvement %d: choose a kind of involvement from the list", i+1)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	c.At = stamp(c.At)
	err := db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		ids, err := db.nextIDs(ctx, tx, "involvements", len(invs))
		if err != nil {
			return err
		}
		rows := newInserter(db.d, tx, cp, "involvements", involvementCols, true)
		defer rows.close()
		versions := newInserter(db.d, tx, cp, "record_versions", versionCols, false)
		defer versions.close()
		all := make([]store.Involvement, len(invs))
		for i, a := range invs {
			all[i] = store.Involvement{ID: store.InvolvementID(ids[i]), Version: 1, Involvement: a}
			if err := rows.add(ctx, involvementRow(all[i], c)...); err != nil {
				return err
			}
		}
		if err := rows.flush(ctx); err != nil {
			return err
		}
		for _, inv := range all {
			if err := holdVersion(ctx, versions, involvementKind, inv, c); err != nil {
				return err
			}
		}
		return versions.flush(ctx)
	})
	if err != nil {
		return involvementKind.writeErr(err)
	}
	// The planner must learn that record_versions now holds involvements:
	// with statistics from before, PostgreSQL judged the kind nearly empty
	// and read every involvement's version for each child's page (32 pages
	// a second instead of 1,000).
	if len(invs) >= analyseAfter {
		db.analyse(ctx, "record_versions", "involvements")
	}
	return nil
}

// qInvolvements reads person $2's involvements as they stand.
//
// The person's involvements are read first (a MATERIALIZED common table
// expression, which both databases keep as written), then each one's version
// by its key: a planner with stale statistics otherwise starts from
// record_versions and reads every involvement's version.
var qInvolvements = `WITH c AS MATERIALIZED (SELECT id, version FROM involvements WHERE person_id = $2)
	SELECT c.id, c.version, v.body FROM c JOIN record_versions v ON v.kind = $1 AND v.record_id = c.id AND v.version = c.version`

// Involvements returns the permit's person's involvements as they stand,
// oldest start first.
func (db *DB) Involvements(ctx context.Context, pm access.Permit) ([]store.Involvement, error) {
	id, err := permitted(pm, "involvements")
	if err != nil {
		return nil, err
	}
	rows, err := db.read(ctx, qInvolvements, string(store.KindInvolvement), id)
	if err != nil {
		return nil, fmt.Errorf("store: reading involvements of %d: %w", id, err)
	}
	out, err := decodeRows(involvementKind, rows)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []store.Involvement{}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].StartDate != out[j].StartDate {
			return out[i].StartDate.Before(out[j].StartDate)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

var qInvolvementHistory = historyQuery("SELECT id FROM involvements WHERE person_id = $2")

// InvolvementHistory returns every version of every involvement of the
// permit's person, in the order they were recorded.
func (db *DB) InvolvementHistory(ctx context.Context, pm access.Permit) ([]store.Version[store.Involvement], error) {
	id, err := permitted(pm, "involvement history")
	if err != nil {
		return nil, err
	}
	out, err := history(ctx, db, involvementKind, qInvolvementHistory, id)
	if err != nil {
		return nil, err
	}
	byRecorded(out)
	return out, nil
}
