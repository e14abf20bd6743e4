package sqlstore

import (
	"context"
	"fmt"

	"hearth/internal/people"
	"hearth/internal/store"
)

// Relatives returns, for each of ids, the people they have a relationship
// with, current or ended, each with the relationship's type and end date, in
// one query whatever the number of ids. Which of them the family rule
// follows is access's to judge (access.Kin). People with no relationships
// are left out of the map.
func (db *DB) Relatives(ctx context.Context, ids []people.ID) (map[people.ID][]store.Relative, error) {
	out := map[people.ID][]store.Relative{}
	if len(ids) == 0 {
		return out, nil
	}
	list := idArray(uniqueIDs(ids))
	in := db.d.idsFromJSON("$1")
	rows, err := db.read(ctx, `SELECT from_id, to_id, type, end_date FROM relationships WHERE from_id IN (`+in+`)
		UNION ALL SELECT to_id, from_id, type, end_date FROM relationships WHERE to_id IN (`+in+`) AND from_id <> to_id
		ORDER BY 1, 2, 3`, list)
	if err != nil {
		return nil, fmt.Errorf("store: reading relatives: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id people.ID
		var r store.Relative
		if err := rows.Scan(&id, &r.ID, &r.Kin.Type, &r.Kin.EndDate); err != nil {
			return nil, fmt.Errorf("store: reading relatives: %w", err)
		}
		out[id] = append(out[id], r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading relatives: %w", err)
	}
	return out, nil
}
