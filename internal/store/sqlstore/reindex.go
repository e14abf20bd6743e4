package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// reindexChunk is how many people Reindex rebuilds in one transaction.
const reindexChunk = 1000

// Reindex rebuilds what the store derives from each person's current
// version (the name keys and sort keys, identifiers and postcodes that
// searches read) and returns how many people it did. The derivation is Go
// code (people.NameTokens, people.NormalisePostcode); when it changes, the
// keys of people already stored follow only after a Reindex. No version is
// written and no record changes. It works through the register a thousand
// people to a transaction, so writers are held up only briefly.
func (db *DB) Reindex(ctx context.Context) (int, error) {
	var (
		after int64
		total int
	)
	for {
		n, last, err := db.reindexChunk(ctx, after)
		if err != nil {
			return total, err
		}
		total += n
		if n < reindexChunk {
			return total, nil
		}
		after = last
	}
}

func (db *DB) reindexChunk(ctx context.Context, after int64) (n int, last int64, err error) {
	err = db.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT p.id, p.version, v.body FROM people p "+currentPersonVersion+
			" WHERE p.id > $1 ORDER BY p.id LIMIT $2", after, reindexChunk)
		if err != nil {
			return err
		}
		var rs []personRow
		for rows.Next() {
			var (
				id   int64
				v    int
				body []byte
			)
			if err := rows.Scan(&id, &v, &body); err != nil {
				rows.Close()
				return err
			}
			p, err := decodePerson(body, id, v)
			if err != nil {
				rows.Close()
				return err
			}
			r, err := derivePerson(p)
			if err != nil {
				rows.Close()
				return err
			}
			rs = append(rs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(rs) == 0 {
			return nil
		}
		n, last = len(rs), int64(rs[len(rs)-1].p.ID)
		for _, t := range []string{"person_name_keys", "person_identifiers", "person_postcodes"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE person_id > $1 AND person_id <= $2", after, last); err != nil {
				return err
			}
		}
		w := db.newPersonWriter(tx, nil)
		defer w.close()
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx, "UPDATE people SET given_key = $2, family_key = $3, postcode = $4 WHERE id = $1",
				int64(r.p.ID), r.givenKey, r.familyKey, r.postcode); err != nil {
				return err
			}
			if err := w.addKeys(ctx, r); err != nil {
				return err
			}
		}
		return w.flush(ctx)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: rebuilding search keys: %w", personWriteErr(err))
	}
	return n, last, nil
}
