package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// HistoryMatches finds the people holding the identifiers, and how many
// journey records each has.
func (db *DB) HistoryMatches(ctx context.Context, laChildIDs, upns []string) (store.HistoryMatches, error) {
	out := store.HistoryMatches{ByLAChildID: map[string]people.ID{}, ByUPN: map[string]people.ID{}, Records: map[people.ID]int{},
		Restricted: map[people.ID]bool{}, Born: map[people.ID]civil.Date{}}
	var ids []people.ID
	for _, q := range []struct {
		kind   string
		values []string
		into   map[string]people.ID
	}{{"la_child_id", laChildIDs, out.ByLAChildID}, {"upn", upns, out.ByUPN}} {
		norm := make([]string, 0, len(q.values))
		for _, v := range q.values {
			if v = normaliseIdentifier(v); v != "" {
				norm = append(norm, v)
			}
		}
		if len(norm) == 0 {
			continue
		}
		list, err := json.Marshal(norm)
		if err != nil {
			return out, err
		}
		rows, err := db.read(ctx, "SELECT value, person_id FROM person_identifiers WHERE kind = $1 AND value IN ("+db.d.textsFromJSON("$2")+")", q.kind, string(list))
		if err != nil {
			return out, fmt.Errorf("store: reading identifiers: %w", err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			var v string
			var id people.ID
			if err := rows.Scan(&v, &id); err != nil {
				return err
			}
			q.into[v] = id
			ids = append(ids, id)
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("store: reading identifiers: %w", err)
		}
	}
	ids = uniqueIDs(ids)
	in := db.d.idsFromJSON("$1")
	for start := 0; start < len(ids); start += maxPerStmt {
		list := idArray(ids[start:min(start+maxPerStmt, len(ids))])
		rows, err := db.read(ctx, `SELECT p.id, p.restricted, p.date_of_birth, (SELECT COUNT(*) FROM journey_records j WHERE j.person_id = p.id)
			FROM people p WHERE p.id IN (`+in+")", list)
		if err != nil {
			return out, fmt.Errorf("store: counting journey records: %w", err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			var id people.ID
			var restricted bool
			var born civil.Date
			var n int
			if err := rows.Scan(&id, &restricted, &born, &n); err != nil {
				return err
			}
			if n > 0 {
				out.Records[id] = n
			}
			out.Restricted[id], out.Born[id] = restricted, born
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("store: counting journey records: %w", err)
		}
	}
	return out, nil
}

// ImportHistory writes the people, then the records (whose new people it
// names by their real ids), in one transaction.
func (db *DB) ImportHistory(ctx context.Context, ps []people.Person, rs []journey.Record, c store.Change) ([]people.ID, []journey.Record, error) {
	c.At = stamp(c.At)
	var f errs.Fields
	for i, r := range rs {
		if r.PersonID == 0 || int(-r.PersonID) > len(ps) {
			f.Add(fmt.Sprintf("records[%d].person_id", i), "Record %d names person %d, who is neither held nor in the import", i+1, r.PersonID)
		}
	}
	if err := f.Err(); err != nil {
		return nil, nil, err
	}
	identsAll, err := importIdents(ps)
	if err != nil {
		return nil, nil, err
	}
	// The references between records are checked on the provisional
	// people, which name each child as uniquely as their real ids will.
	order, err := importOrder(rs)
	if err != nil {
		return nil, nil, err
	}
	var ids []people.ID
	var out []journey.Record
	err = db.writeBulk(ctx, func(tx *sql.Tx, cp *copier) error {
		var err error
		if ids, err = db.importPeopleTx(ctx, tx, cp, ps, nil, c); err != nil {
			return err
		}
		placed := make([]journey.Record, len(rs))
		for i, r := range rs {
			if r.PersonID < 0 {
				r.PersonID = ids[-r.PersonID-1]
			}
			placed[i] = r
		}
		out, _, err = db.importJourneysTx(ctx, tx, cp, placed, order, c)
		return err
	})
	if err != nil {
		if isUnique(err) {
			return nil, nil, db.explainImportConflict(ctx, identsAll, err)
		}
		return nil, nil, journeyKind.writeErr(err)
	}
	if len(ps)+len(rs) >= analyseAfter {
		// Both imports' tables: the planner must learn of the records as
		// ImportJourneys has it learn of them.
		db.analyse(ctx, append([]string{"record_versions", "journey_records", "involvements", "work_children", "work_items"}, bulkTables...)...)
	}
	return ids, out, nil
}
