package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The statutory returns' read: every child's journey and person record as
// recorded at a moment (store.Returns), over the bulk as-of reads of
// asof.go.
//
// The journey records are chosen by their kind from journey_records, the
// current table, which is safe at any moment because a record's kind and
// child never change (replaceJourney refuses it): a return reads only the
// kinds it reports (the census, eight of the journey's kinds), so the
// visits and case notes that are most of the records are never decoded.
// A record's dates are read from its current row only when no version of
// it was recorded after the moment (then that row is the record as it was);
// otherwise, and for everything else, from the version current at the
// moment, so the span is judged on the records as they were then.

var _ store.Returns = (*DB)(nil)

// ReturnChildren returns every child with a journey record as recorded at
// q.RecordedAt. See store.Returns.
//
// With spans, the children are found from the current rows' kinds and
// dates (journeyInSpans), and only their records are read and decoded: for
// Demo City's Annex A of a year, the records of 8,300 children rather than
// the 157,000 records of the lists' kinds that say who is in the window.
func (db *DB) ReturnChildren(ctx context.Context, bp access.BulkPermit, q store.ReturnQuery) ([]store.ReturnChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	var (
		recs map[journey.ID]journey.Record
		ids  []people.ID
		err  error
	)
	if len(q.Spans) == 0 {
		if recs, err = db.journeyAsOf(ctx, q.RecordedAt, q.Kinds, nil); err != nil {
			return nil, err
		}
		seen := map[people.ID]bool{}
		for _, r := range recs {
			if !seen[r.PersonID] {
				seen[r.PersonID] = true
				ids = append(ids, r.PersonID)
			}
		}
		slices.Sort(ids)
	} else {
		if ids, err = db.journeyInSpans(ctx, q); err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return []store.ReturnChild{}, nil
		}
		if recs, err = db.journeyAsOf(ctx, q.RecordedAt, q.Kinds, ids); err != nil {
			return nil, err
		}
	}
	byChild := make(map[people.ID][]journey.Record, len(ids))
	for _, r := range recs {
		byChild[r.PersonID] = append(byChild[r.PersonID], r)
	}
	ps, err := recordsAsOf(ctx, db, personKind, ids, q.RecordedAt, asOfChunk)
	if err != nil {
		return nil, err
	}
	out := make([]store.ReturnChild, 0, len(ids))
	for _, id := range ids {
		p, ok := ps[id]
		if !ok {
			// A journey record is written only for a person who exists, so
			// the person's first version is never later than the record's.
			return nil, fmt.Errorf("store: journey records of person %d, who had no version at %s", id, q.RecordedAt.UTC().Format(time.RFC3339Nano))
		}
		rs := byChild[id]
		slices.SortFunc(rs, func(a, b journey.Record) int { return cmp.Compare(a.ID, b.ID) })
		out = append(out, store.ReturnChild{Person: p, Records: rs})
	}
	return out, nil
}

// journeyInSpans returns, in order, the children q's spans place, as
// recorded at q.RecordedAt, without decoding a record that has not changed
// since.
//
// A record none of whose versions was recorded after the moment is, at
// the moment, what its current row says: its kind and dates are read from
// journey_records by the index journey_records_kind_end. The records that
// were changed (or first made) after the moment are few for a return of
// the recent past and none for one of the latest versions; they are found
// from record_versions_as_of, which holds each version's moment, and read
// as they were then, as the other as-of reads read them.
func (db *DB) journeyInSpans(ctx context.Context, q store.ReturnQuery) ([]people.ID, error) {
	spanKinds := func(sp store.ReturnSpan) []journey.Kind {
		if len(sp.Kinds) > 0 {
			return sp.Kinds
		}
		return q.Kinds
	}
	var all []journey.Kind // every span's kinds; nil: every kind
	for _, sp := range q.Spans {
		ks := spanKinds(sp)
		if len(ks) == 0 {
			all = nil
			break
		}
		for _, k := range ks {
			if !slices.Contains(all, k) {
				all = append(all, k)
			}
		}
	}
	changed := map[journey.ID]bool{}
	if !q.RecordedAt.IsZero() {
		// CROSS JOIN keeps SQLite to the versions after the moment first
		// (none, for a return as recorded now), each one's row then found
		// by its key, rather than every record of the kinds first.
		query := "SELECT DISTINCT x.record_id FROM record_versions x CROSS JOIN journey_records j WHERE x.kind = $1 AND x.recorded_at > $2 AND j.id = x.record_id"
		args := []any{string(journeyKind.kind), asOfParam(q.RecordedAt)}
		if len(all) > 0 {
			query += " AND j.kind IN (" + placeholders(3, len(all)) + ")"
			args = append(args, anySlice(kindTexts(all))...)
		}
		rows, err := db.read(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("store: reading the journey records changed since %s: %w", q.RecordedAt.UTC().Format(time.RFC3339Nano), err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			var id journey.ID
			if err := rows.Scan(&id); err != nil {
				return err
			}
			changed[id] = true
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store: reading the journey records changed since %s: %w", q.RecordedAt.UTC().Format(time.RFC3339Nano), err)
		}
	}
	placed := map[people.ID]bool{}
	for _, sp := range q.Spans {
		if err := db.unchangedInSpan(ctx, spanKinds(sp), sp.From, sp.To, changed, placed); err != nil {
			return nil, err
		}
	}
	if len(changed) > 0 {
		then, err := recordsAsOf(ctx, db, journeyKind, slices.Collect(maps.Keys(changed)), q.RecordedAt, asOfChunk)
		if err != nil {
			return nil, err
		}
		for _, r := range then {
			for _, sp := range q.Spans {
				if ks := spanKinds(sp); (len(ks) == 0 || slices.Contains(ks, r.Kind)) && openIn(r, sp.From, sp.To) {
					placed[r.PersonID] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(placed)), nil
}

// unchangedInSpan adds to placed the children with a record of kinds (nil:
// any) open in the span by its current row, leaving out the records in
// changed.
func (db *DB) unchangedInSpan(ctx context.Context, kinds []journey.Kind, from, to civil.Date, changed map[journey.ID]bool, placed map[people.ID]bool) error {
	conds := []string{"j.start_date IS NOT NULL"}
	var args []any
	if len(kinds) > 0 {
		conds = append(conds, "j.kind IN ("+placeholders(len(args)+1, len(kinds))+")")
		args = append(args, anySlice(kindTexts(kinds))...)
	}
	if !to.IsZero() {
		args = append(args, to)
		conds = append(conds, fmt.Sprintf("j.start_date <= $%d", len(args)))
	}
	if !from.IsZero() {
		args = append(args, from)
		conds = append(conds, fmt.Sprintf("(j.end_date IS NULL OR j.end_date >= $%d)", len(args)))
	}
	rows, err := db.read(ctx, "SELECT j.id, j.person_id FROM journey_records j WHERE "+strings.Join(conds, " AND "), args...)
	if err != nil {
		return fmt.Errorf("store: reading the journey records open from %s to %s: %w", from, to, err)
	}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var (
			id     journey.ID
			person people.ID
		)
		if err := rows.Scan(&id, &person); err != nil {
			return err
		}
		if !changed[id] {
			placed[person] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: reading the journey records open from %s to %s: %w", from, to, err)
	}
	return nil
}

func kindTexts(kinds []journey.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// journeyAsOf reads the journey records of the kinds (nil: every kind) of
// the children ids (nil: every child) as recorded at recordedAt. Children
// are named chunk by chunk in one JSON parameter, as the other bulk reads
// name records.
func (db *DB) journeyAsOf(ctx context.Context, recordedAt time.Time, kinds []journey.Kind, ids []people.ID) (map[journey.ID]journey.Record, error) {
	kind := string(journeyKind.kind)
	return readAsOf[journey.ID](ctx, db, journeyKind, recordedAt, 0, func(read asOfRead, at time.Time) error {
		var conds []string
		args := []any{kind, at}
		if len(kinds) > 0 {
			conds = append(conds, "j.kind IN ("+placeholders(len(args)+1, len(kinds))+")")
			for _, k := range kinds {
				args = append(args, string(k))
			}
		}
		if ids == nil {
			if len(conds) == 0 {
				return read(bulkAsOfWhere(""), args...)
			}
			return read(bulkAsOfWhere("x.record_id IN (SELECT j.id FROM journey_records j WHERE "+strings.Join(conds, " AND ")+")"), args...)
		}
		conds = append(conds, "j.person_id IN ("+db.d.idsFromJSON(fmt.Sprintf("$%d", len(args)+1))+")")
		query := bulkAsOfWhere("x.record_id IN (SELECT j.id FROM journey_records j WHERE " + strings.Join(conds, " AND ") + ")")
		for from := 0; from < len(ids); from += asOfChunk {
			if err := read(query, append(args, idArray(ids[from:min(from+asOfChunk, len(ids))]))...); err != nil {
				return err
			}
		}
		return nil
	})
}

// openIn reports whether the record was open on some day from from to to
// (zero: unbounded at that end). A record with no start date is open on no
// day.
func openIn(r journey.Record, from, to civil.Date) bool {
	return !r.Start.IsZero() && (to.IsZero() || !r.Start.After(to)) && (from.IsZero() || r.End.IsZero() || !r.End.Before(from))
}
