package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"hearth/internal/people"
)

// Relatives returns, for each of ids, the people they have a relationship
// with, current or ended, in one query whatever the number of ids. People
// with no relationships are left out of the map.
func (db *DB) Relatives(ctx context.Context, ids []people.ID) (map[people.ID][]people.ID, error) {
	out := map[people.ID][]people.ID{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(uniqueIDs(ids)) // a slice of integers always encodes
	in := db.d.idsFromJSON("$1")
	rows, err := db.read(ctx, `SELECT from_id, to_id FROM relationships WHERE from_id IN (`+in+`)
		UNION ALL SELECT to_id, from_id FROM relationships WHERE to_id IN (`+in+`) AND from_id <> to_id
		ORDER BY 1, 2`, string(list))
	if err != nil {
		return nil, fmt.Errorf("store: reading relatives: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, other people.ID
		if err := rows.Scan(&id, &other); err != nil {
			return nil, fmt.Errorf("store: reading relatives: %w", err)
		}
		out[id] = append(out[id], other)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading relatives: %w", err)
	}
	return out, nil
}
