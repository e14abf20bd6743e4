package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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
func (db *DB) ReturnChildren(ctx context.Context, bp access.BulkPermit, q store.ReturnQuery) ([]store.ReturnChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	kind := string(journeyKind.kind)
	recs, err := readAsOf[journey.ID](ctx, db, journeyKind, q.RecordedAt, 0, func(read asOfRead, at time.Time) error {
		if len(q.Kinds) == 0 {
			return read(bulkAsOfWhere(""), kind, at)
		}
		args := []any{kind, at}
		for _, k := range q.Kinds {
			args = append(args, string(k))
		}
		cond := "x.record_id IN (SELECT j.id FROM journey_records j WHERE j.kind IN (" + placeholders(3, len(q.Kinds)) + "))"
		return read(bulkAsOfWhere(cond), args...)
	})
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
