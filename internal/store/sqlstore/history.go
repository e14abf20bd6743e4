package sqlstore

import (
	"context"
	"fmt"
	"sort"

	"hearth/internal/access"
	"hearth/internal/people"
	"hearth/internal/store"
)

// RelationshipHistory returns every version of every relationship of person
// id, from either side, in the order they were recorded. The two people of a
// relationship never change, so its current row says whose it is.
func (db *DB) RelationshipHistory(ctx context.Context, id people.ID) ([]store.Version[people.Relationship], error) {
	rows, err := db.read(ctx, `SELECT v.record_id, v.version, v.recorded_at, v.recorded_by, COALESCE(u.display_name, ''), v.reason, v.body
		FROM record_versions v LEFT JOIN users u ON u.id = v.recorded_by
		WHERE v.kind = 'relationship'
		  AND v.record_id IN (SELECT id FROM relationships WHERE from_id = $1 UNION SELECT id FROM relationships WHERE to_id = $1)
		ORDER BY v.record_id, v.version`, int64(id))
	if err != nil {
		return nil, fmt.Errorf("store: reading relationship history of %d: %w", id, err)
	}
	defer rows.Close()
	out := []store.Version[people.Relationship]{}
	for rows.Next() {
		var (
			v    store.Version[people.Relationship]
			rid  int64
			body []byte
		)
		if err := rows.Scan(&rid, &v.Version, timeScan{&v.RecordedAt}, idScan[access.UserID]{&v.By}, &v.ByName, &v.Reason, &body); err != nil {
			return nil, fmt.Errorf("store: reading relationship history of %d: %w", id, err)
		}
		if v.Record, err = decodeRelationship(body, rid, v.Version); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading relationship history of %d: %w", id, err)
	}
	// By time across relationships; within one, versions are already in order.
	sort.SliceStable(out, func(i, j int) bool { return out[i].RecordedAt.Before(out[j].RecordedAt) })
	return out, nil
}
