package sqlstore

import (
	"cmp"
	"context"
	"fmt"
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
// Everything else, dates included, is read from the version current at the
// moment, so the span is judged on the records as they were then.

var _ store.Returns = (*DB)(nil)

// ReturnChildren returns every child with a journey record as recorded at
// q.RecordedAt. See store.Returns.
//
// With a span and q.SpanKinds, it reads in two steps: the records of those
// kinds of every child, which say who is in the span, then the other kinds'
// records of those children alone (a child's records are found by
// journey_records_person_kind, and a record's child never changes either).
// For Demo City's census of a year that decodes about half the records
// one step would: a year's 4,600 children of the 21,000 ever referred.
func (db *DB) ReturnChildren(ctx context.Context, bp access.BulkPermit, q store.ReturnQuery) ([]store.ReturnChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	spanned := !q.From.IsZero() || !q.To.IsZero()
	first, rest := q.Kinds, []journey.Kind(nil)
	if spanned && len(q.SpanKinds) > 0 {
		first = q.SpanKinds
		for _, k := range q.Kinds {
			if !slices.Contains(q.SpanKinds, k) {
				rest = append(rest, k)
			}
		}
		if len(q.Kinds) == 0 {
			return nil, fmt.Errorf("store: a return's span kinds need the kinds it reads")
		}
	}
	recs, err := db.journeyAsOf(ctx, q.RecordedAt, first, nil)
	if err != nil {
		return nil, err
	}
	byChild := map[people.ID][]journey.Record{}
	for _, r := range recs {
		byChild[r.PersonID] = append(byChild[r.PersonID], r)
	}
	ids := make([]people.ID, 0, len(byChild))
	for id, rs := range byChild {
		if inSpan(rs, q.From, q.To) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		return []store.ReturnChild{}, nil
	}
	if len(rest) > 0 {
		more, err := db.journeyAsOf(ctx, q.RecordedAt, rest, ids)
		if err != nil {
			return nil, err
		}
		for _, r := range more {
			byChild[r.PersonID] = append(byChild[r.PersonID], r)
		}
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

// inSpan reports whether any of the records was open on some day from
// from to to (zero: unbounded at that end). A record with no start date
// falls in no span.
func inSpan(rs []journey.Record, from, to civil.Date) bool {
	if from.IsZero() && to.IsZero() {
		return true
	}
	return slices.ContainsFunc(rs, func(r journey.Record) bool {
		return !r.Start.IsZero() && (to.IsZero() || !r.Start.After(to)) && (from.IsZero() || r.End.IsZero() || !r.End.Before(from))
	})
}
