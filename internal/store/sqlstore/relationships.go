package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

var relCols = []string{"id", "version", "from_id", "to_id", "type", "start_date", "end_date", "updated_at"}

func encodeRelationship(r people.Relationship) (string, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("store: encoding relationship: %w", err)
	}
	return string(b), nil
}

func decodeRelationship(body []byte, id int64, version int) (people.Relationship, error) {
	var r people.Relationship
	if err := json.Unmarshal(body, &r); err != nil {
		return people.Relationship{}, fmt.Errorf("store: decoding relationship %d version %d: %w", id, version, err)
	}
	r.ID, r.Version = people.RelationshipID(id), version
	return r, nil
}

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

// CreateRelationship writes a new relationship as version 1.
func (db *DB) CreateRelationship(ctx context.Context, r people.Relationship, c store.Change) (people.Relationship, error) {
	if err := checkEnds(r); err != nil {
		return people.Relationship{}, err
	}
	c.At = stamp(c.At)
	err := db.write(ctx, func(tx *sql.Tx) error {
		for _, id := range []people.ID{r.From, r.To} {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM people WHERE id = $1", int64(id)).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return notFound("person", id)
			}
			if err != nil {
				return fmt.Errorf("store: creating relationship: %w", err)
			}
		}
		ids, err := db.nextIDs(ctx, tx, "relationships", 1)
		if err != nil {
			return err
		}
		r.ID, r.Version = people.RelationshipID(ids[0]), 1
		body, err := encodeRelationship(r)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO relationships ("+joinCols(relCols)+")"+db.d.overriding+" VALUES ("+placeholders(1, len(relCols))+")",
			int64(r.ID), r.Version, int64(r.From), int64(r.To), r.Type, r.StartDate, r.EndDate, c.At)
		if err != nil {
			return relWriteErr(err)
		}
		return relWriteErr(insertVersion(ctx, tx, kindRelationship, int64(r.ID), r.Version, c, body))
	})
	if err != nil {
		return people.Relationship{}, err
	}
	return r, nil
}

// UpdateRelationship writes version r.Version+1 if r.Version is still the
// latest. The two people cannot change: a relationship recorded between the
// wrong people is ended and a new one recorded.
func (db *DB) UpdateRelationship(ctx context.Context, r people.Relationship, c store.Change) (people.Relationship, error) {
	if r.ID <= 0 {
		return people.Relationship{}, notFound("relationship", r.ID)
	}
	c.At = stamp(c.At)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var (
			cur      int
			from, to int64
		)
		err := tx.QueryRowContext(ctx, "SELECT version, from_id, to_id FROM relationships WHERE id = $1"+db.d.forUpdate, int64(r.ID)).Scan(&cur, &from, &to)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("relationship", r.ID)
		}
		if err != nil {
			return fmt.Errorf("store: reading relationship %d: %w", r.ID, err)
		}
		if cur != r.Version {
			return errStale()
		}
		if int64(r.From) != from || int64(r.To) != to {
			var f errs.Fields
			f.Add("from", "The people in a relationship cannot be changed; end it and record a new one")
			return f.Err()
		}
		r.Version = cur + 1
		body, err := encodeRelationship(r)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE relationships SET version = $2, type = $3, start_date = $4, end_date = $5,
			updated_at = $6 WHERE id = $1 AND version = $7`,
			int64(r.ID), r.Version, r.Type, r.StartDate, r.EndDate, c.At, cur)
		if err != nil {
			return relWriteErr(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: updating relationship %d: %w", r.ID, err)
		} else if n != 1 {
			return errStale()
		}
		return relWriteErr(insertVersion(ctx, tx, kindRelationship, int64(r.ID), r.Version, c, body))
	})
	if err != nil {
		return people.Relationship{}, err
	}
	return r, nil
}

func relWriteErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errs.As(err) != nil:
		return err
	case isForeignKey(err):
		return &errs.Error{Code: errs.Invalid, Message: "The change names a user or person that does not exist", Err: err}
	}
	return fmt.Errorf("store: writing relationship: %w", err)
}

func insertVersion(ctx context.Context, tx *sql.Tx, kind string, id int64, version int, c store.Change, body string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO record_versions ("+joinCols(versionCols)+") VALUES ("+placeholders(1, len(versionCols))+")",
		kind, id, version, c.At, nullID(c.By), c.Reason, body)
	if err != nil {
		return err
	}
	return markWritten(ctx, tx, c, 0, id)
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
		body, err := encodeRelationship(r)
		if err != nil {
			return err
		}
		if err := rw.add(ctx, int64(r.ID), r.Version, int64(r.From), int64(r.To), r.Type, r.StartDate, r.EndDate, c.At); err != nil {
			return err
		}
		if err := vw.add(ctx, kindRelationship, int64(r.ID), r.Version, c.At, nullID(c.By), c.Reason, body); err != nil {
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
func (db *DB) Relationships(ctx context.Context, id people.ID, asOf time.Time) ([]store.RelationshipView, error) {
	if !asOf.IsZero() {
		return db.relationshipsAsOf(ctx, id, asOf)
	}
	const (
		cols    = "r.id, r.version, v.body, o.id, o.given_name, o.family_name, o.date_of_birth, o.postcode, o.restricted"
		version = " JOIN record_versions v ON v.kind = 'relationship' AND v.record_id = r.id AND v.version = r.version"
	)
	rows, err := db.read(ctx, "SELECT "+cols+" FROM relationships r JOIN people o ON o.id = r.to_id"+version+" WHERE r.from_id = $1"+
		" UNION ALL SELECT "+cols+" FROM relationships r JOIN people o ON o.id = r.from_id"+version+" WHERE r.to_id = $1 AND r.from_id <> $1"+
		" ORDER BY 1", int64(id))
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
		r, err := decodeRelationship(body, rid, v)
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

func (db *DB) relationshipsAsOf(ctx context.Context, id people.ID, asOf time.Time) ([]store.RelationshipView, error) {
	at := asOfParam(asOf)
	rows, err := db.read(ctx, `SELECT v.record_id, v.version, v.body FROM record_versions v
		WHERE v.kind = 'relationship'
		  AND v.record_id IN (SELECT id FROM relationships WHERE from_id = $1 UNION SELECT id FROM relationships WHERE to_id = $1)
		  AND v.version = (SELECT MAX(w.version) FROM record_versions w
		                   WHERE w.kind = 'relationship' AND w.record_id = v.record_id AND w.recorded_at <= $2)
		ORDER BY v.record_id`, int64(id), at)
	if err != nil {
		return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
	}
	var rels []people.Relationship
	for rows.Next() {
		var (
			rid  int64
			v    int
			body []byte
		)
		if err := rows.Scan(&rid, &v, &body); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
		}
		r, err := decodeRelationship(body, rid, v)
		if err != nil {
			rows.Close()
			return nil, err
		}
		rels = append(rels, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading relationships of %d: %w", id, err)
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
			if p, err = db.Person(ctx, o, time.Time{}); err != nil {
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
// did not exist yet are left out.
func (db *DB) peopleAsOf(ctx context.Context, ids []people.ID, at time.Time) (map[people.ID]people.Person, error) {
	out := map[people.ID]people.Person{}
	ids = uniqueIDs(ids)
	for start := 0; start < len(ids); start += maxPerStmt {
		part := ids[start:min(start+maxPerStmt, len(ids))]
		args := []any{at}
		for _, id := range part {
			args = append(args, int64(id))
		}
		rows, err := db.r.QueryContext(ctx, `SELECT v.record_id, v.version, v.body FROM record_versions v
			WHERE v.kind = 'person' AND v.record_id IN (`+placeholders(2, len(part))+`)
			  AND v.version = (SELECT MAX(w.version) FROM record_versions w
			                   WHERE w.kind = 'person' AND w.record_id = v.record_id AND w.recorded_at <= $1)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: reading people as of %s: %w", at, err)
		}
		for rows.Next() {
			var (
				id   int64
				v    int
				body []byte
			)
			if err := rows.Scan(&id, &v, &body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: reading people as of %s: %w", at, err)
			}
			p, err := decodePerson(body, id, v)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: reading people as of %s: %w", at, err)
		}
	}
	return out, nil
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
