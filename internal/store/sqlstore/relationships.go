package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

var relCols = []string{"id", "version", "from_id", "to_id", "type", "start_date", "end_date", "updated_at"}

// relationshipKind is the relationship to the versioning mechanism
// (versioned.go). Its current row is in relationships.
var relationshipKind = newKind(&recordKind[people.Relationship]{
	kind:    store.KindRelationship,
	noun:    "relationship",
	table:   "relationships",
	refers:  "a user or person",
	key:     func(r people.Relationship) (int64, int) { return int64(r.ID), r.Version },
	setKey:  func(r *people.Relationship, id int64, v int) { r.ID, r.Version = people.RelationshipID(id), v },
	insert:  insertRelationship,
	replace: replaceRelationship,
})

// checkEnds refuses a relationship that does not join two people.
func checkEnds(r people.Relationship) error {
	var f errs.Fields
	if r.From <= 0 {
		f.Add("from", "Choose the first person in the relationship")
	}
	if r.To <= 0 {
		f.Add("to", "Choose the second person in the relationship")
	}
	if r.From > 0 && r.From == r.To {
		f.Add("to", "A person cannot have a relationship with themselves")
	}
	return f.Err()
}

// insertRelationship writes a new relationship's current row, once both
// its people are known to exist.
func insertRelationship(ctx context.Context, t *txn, r people.Relationship, c store.Change) error {
	if err := checkEnds(r); err != nil {
		return err
	}
	for _, id := range []people.ID{r.From, r.To} {
		if err := personExists(ctx, t, id); err != nil {
			return err
		}
	}
	_, err := t.tx.ExecContext(ctx, "INSERT INTO relationships ("+joinCols(relCols)+")"+t.db.d.overriding+" VALUES ("+placeholders(1, len(relCols))+")",
		int64(r.ID), r.Version, int64(r.From), int64(r.To), r.Type, r.StartDate, r.EndDate, c.At)
	return err
}

// replaceRelationship rewrites a relationship's current row. The two
// people cannot change: a relationship recorded between the wrong people is
// ended and a new one recorded.
func replaceRelationship(ctx context.Context, t *txn, r people.Relationship, c store.Change) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE relationships SET version = $2, type = $3, start_date = $4, end_date = $5,
		updated_at = $6 WHERE id = $1 AND from_id = $7 AND to_id = $8`,
		int64(r.ID), r.Version, r.Type, r.StartDate, r.EndDate, c.At, int64(r.From), int64(r.To))
	return fixedKeys(res, err, "from", "The people in a relationship cannot be changed; end it and record a new one")
}

// CreateRelationship writes a new relationship as version 1.
func (t *txn) CreateRelationship(ctx context.Context, r people.Relationship, c store.Change) (people.Relationship, error) {
	return create(ctx, t, relationshipKind, r, c)
}

// UpdateRelationship writes version r.Version+1 if r.Version is still the
// latest.
func (t *txn) UpdateRelationship(ctx context.Context, r people.Relationship, c store.Change) (people.Relationship, error) {
	return update(ctx, t, relationshipKind, r, c)
}

// CreateRelationship writes a new relationship as version 1.
func (db *DB) CreateRelationship(ctx context.Context, r people.Relationship, c store.Change) (people.Relationship, error) {
	return inTx(ctx, db, func(t *txn) (people.Relationship, error) { return t.CreateRelationship(ctx, r, c) })
}

// UpdateRelationship writes version r.Version+1 if r.Version is still the
// latest.
func (db *DB) UpdateRelationship(ctx context.Context, r people.Relationship, c store.Change) (people.Relationship, error) {
	return inTx(ctx, db, func(t *txn) (people.Relationship, error) { return t.UpdateRelationship(ctx, r, c) })
}

// relationshipsOf is the subquery of the ids of person $2's relationships,
// from either side.
const relationshipsOf = "SELECT id FROM relationships WHERE from_id = $2 UNION SELECT id FROM relationships WHERE to_id = $2"

var qRelationshipHistory = historyQuery(relationshipsOf)

// RelationshipHistory returns every version of every relationship of the
// permit's person, from either side, in the order they were recorded. The
// two people of a relationship never change, so its current row says whose
// it is.
func (db *DB) RelationshipHistory(ctx context.Context, pm access.Permit) ([]store.Version[people.Relationship], error) {
	id, err := permitted(pm, "relationship history")
	if err != nil {
		return nil, err
	}
	out, err := history(ctx, db, relationshipKind, qRelationshipHistory, id)
	if err != nil {
		return nil, err
	}
	byRecorded(out)
	return out, nil
}

// importRelationships writes the relationships of an import, whose From and
// To index ids.
func (db *DB) importRelationships(ctx context.Context, tx *sql.Tx, cp *copier, ids []people.ID, rels []people.Relationship, c store.Change) error {
	if len(rels) == 0 {
		return nil
	}
	relIDs, err := db.nextIDs(ctx, tx, "relationships", len(rels))
	if err != nil {
		return err
	}
	rw := newInserter(db.d, tx, cp, "relationships", relCols, true)
	defer rw.close()
	vw := newInserter(db.d, tx, cp, "record_versions", versionCols, false)
	defer vw.close()
	for i, r := range rels {
		r.ID, r.Version = people.RelationshipID(relIDs[i]), 1
		r.From, r.To = ids[r.From], ids[r.To]
		if err := rw.add(ctx, int64(r.ID), r.Version, int64(r.From), int64(r.To), r.Type, r.StartDate, r.EndDate, c.At); err != nil {
			return err
		}
		if err := holdVersion(ctx, vw, relationshipKind, r, c); err != nil {
			return err
		}
	}
	if err := rw.flush(ctx); err != nil {
		return err
	}
	return vw.flush(ctx)
}

// Relationships returns a person's relationships, seen from their side, as
// they stand or as they stood at asOf.
func (db *DB) Relationships(ctx context.Context, pm access.Permit, asOf time.Time) ([]store.RelationshipView, error) {
	pid, err := permitted(pm, "relationships")
	if err != nil {
		return nil, err
	}
	id := people.ID(pid)
	if !asOf.IsZero() {
		return db.relationshipsAsOf(ctx, id, asOf)
	}
	rows, err := db.read(ctx, qRelationships, string(store.KindRelationship), int64(id))
	if err != nil {
		return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
	}
	defer rows.Close()
	out := []store.RelationshipView{}
	for rows.Next() {
		var (
			rid  int64
			v    int
			body []byte
			o    store.PersonSummary
		)
		if err := rows.Scan(&rid, &v, &body, &o.ID, &o.GivenName, &o.FamilyName, &o.DateOfBirth, &o.Postcode, &o.Restricted); err != nil {
			return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
		}
		r, err := decode(relationshipKind, body, rid, v)
		if err != nil {
			return nil, err
		}
		out = append(out, store.RelationshipView{Relationship: r, Forward: r.From == id, Other: o})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
	}
	return out, nil
}

// qRelationships reads person $2's relationships as they stand, with the
// person at the other end of each.
var qRelationships = func() string {
	const (
		cols    = "r.id, r.version, v.body, o.id, o.given_name, o.family_name, o.date_of_birth, o.postcode, o.restricted"
		version = " JOIN record_versions v ON v.kind = $1 AND v.record_id = r.id AND v.version = r.version"
	)
	return "SELECT " + cols + " FROM relationships r JOIN people o ON o.id = r.to_id" + version + " WHERE r.from_id = $2" +
		" UNION ALL SELECT " + cols + " FROM relationships r JOIN people o ON o.id = r.from_id" + version + " WHERE r.to_id = $2 AND r.from_id <> $2" +
		" ORDER BY 1"
}()

// qRelationshipsAsOf reads the versions of person $3's relationships current at $2.
var qRelationshipsAsOf = asOfQuery(strings.ReplaceAll(relationshipsOf, "$2", "$3")) + " ORDER BY v.record_id"

func (db *DB) relationshipsAsOf(ctx context.Context, id people.ID, asOf time.Time) ([]store.RelationshipView, error) {
	at := asOfParam(asOf)
	rows, err := db.read(ctx, qRelationshipsAsOf, string(store.KindRelationship), at, int64(id))
	if err != nil {
		return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
	}
	rels, err := decodeRows(relationshipKind, rows)
	if err != nil {
		return nil, err
	}
	others := make([]people.ID, 0, len(rels))
	for _, r := range rels {
		others = append(others, otherEnd(r, id))
	}
	then, err := db.peopleAsOf(ctx, others, at)
	if err != nil {
		return nil, err
	}
	out := []store.RelationshipView{}
	for _, r := range rels {
		o := otherEnd(r, id)
		p, ok := then[o]
		if !ok {
			// Recorded out of order (the relationship before the person);
			// show the person as they stand.
			if p, err = read(ctx, db, personKind, int64(o), time.Time{}); err != nil {
				return nil, err
			}
		}
		out = append(out, store.RelationshipView{Relationship: r, Forward: r.From == id, Other: summaryOf(p)})
	}
	return out, nil
}

func otherEnd(r people.Relationship, id people.ID) people.ID {
	if r.From == id {
		return r.To
	}
	return r.From
}

// summaryOf is a person's search-result line, from their record.
func summaryOf(p people.Person) store.PersonSummary {
	s := store.PersonSummary{ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, DateOfBirth: p.DateOfBirth, Restricted: p.Restricted}
	if a, ok := p.CurrentAddress(); ok {
		s.Postcode = people.NormalisePostcode(a.Postcode)
	}
	return s
}

// peopleAsOf returns the versions of people current at a moment; people who
// did not exist then are left out. It reads nobody for no ids (where
// PeopleAsOf would read everyone).
func (db *DB) peopleAsOf(ctx context.Context, ids []people.ID, at time.Time) (map[people.ID]people.Person, error) {
	if len(ids) == 0 {
		return map[people.ID]people.Person{}, nil
	}
	// Within the store: the relationships' read was allowed by its permit.
	return recordsAsOf(ctx, db, personKind, uniqueIDs(ids), at, asOfChunk)
}

func uniqueIDs(ids []people.ID) []people.ID {
	seen := make(map[people.ID]bool, len(ids))
	out := make([]people.ID, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func joinCols(cols []string) string { return strings.Join(cols, ", ") }
