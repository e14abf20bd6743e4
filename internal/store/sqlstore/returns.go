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
//
// A record none of whose versions was recorded after the moment is, at the
// moment, what its current row says, dates and body; every other record
// (changed, or first made, after it) is read as it was then from
// record_versions, as the other as-of reads read records. For a return as
// recorded now no record is of the second sort, and for one of the recent
// past few are: so the children are found from the current rows' kinds and
// dates (journey_records_kind_end), and their records read from their
// current rows, found by child, without choosing a version of
// each from record_versions_as_of.

var _ store.Returns = (*DB)(nil)

// ReturnChildren returns every child with a journey record as recorded at
// q.RecordedAt. See store.Returns.
func (db *DB) ReturnChildren(ctx context.Context, bp access.BulkPermit, q store.ReturnQuery) ([]store.ReturnChild, error) {
	if err := bulkPermitted(bp); err != nil {
		return nil, err
	}
	spanKinds := func(sp store.ReturnSpan) []journey.Kind {
		if len(sp.Kinds) > 0 {
			return sp.Kinds
		}
		return q.Kinds
	}
	// then: the records changed since the moment, of the kinds read or
	// placing, as they were then (absent: first made after it).
	all := q.Kinds
	for _, sp := range q.Spans {
		all = unionKinds(all, spanKinds(sp))
	}
	changed, err := db.journeyChangedSince(ctx, q.RecordedAt, all)
	if err != nil {
		return nil, err
	}
	then := map[journey.ID]journey.Record{}
	if len(changed) > 0 {
		if then, err = recordsAsOf(ctx, db, journeyKind, slices.Collect(maps.Keys(changed)), q.RecordedAt, asOfChunk); err != nil {
			return nil, err
		}
	}

	placed := map[people.ID]bool{}
	if len(q.Spans) == 0 {
		if err := db.placedBy(ctx, q.Kinds, nil, changed, placed); err != nil {
			return nil, err
		}
	}
	for _, sp := range q.Spans {
		if err := db.placedBy(ctx, spanKinds(sp), &sp, changed, placed); err != nil {
			return nil, err
		}
	}
	for _, r := range then {
		if len(q.Spans) == 0 && (len(q.Kinds) == 0 || slices.Contains(q.Kinds, r.Kind)) {
			placed[r.PersonID] = true
		}
		for _, sp := range q.Spans {
			if ks := spanKinds(sp); (len(ks) == 0 || slices.Contains(ks, r.Kind)) && openIn(r, sp.From, sp.To) {
				placed[r.PersonID] = true
			}
		}
	}
	ids := slices.Sorted(maps.Keys(placed))
	if len(ids) == 0 {
		return []store.ReturnChild{}, nil
	}

	recs, err := db.currentJourney(ctx, q.Kinds, ids)
	if err != nil {
		return nil, err
	}
	for id := range changed {
		delete(recs, id)
		if r, ok := then[id]; ok && placed[r.PersonID] && (len(q.Kinds) == 0 || slices.Contains(q.Kinds, r.Kind)) {
			recs[id] = r
		}
	}
	// Each child's records in a slice of its own size: a record is large,
	// and growing the slices by appending cost a tenth of the read.
	count := make(map[people.ID]int, len(ids))
	for _, r := range recs {
		count[r.PersonID]++
	}
	byChild := make(map[people.ID][]journey.Record, len(ids))
	for _, r := range recs {
		rs, ok := byChild[r.PersonID]
		if !ok {
			rs = make([]journey.Record, 0, count[r.PersonID])
		}
		byChild[r.PersonID] = append(rs, r)
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

// unionKinds is the kinds of a and b, where nil is every kind.
func unionKinds(a, b []journey.Kind) []journey.Kind {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	out := slices.Clone(a)
	for _, k := range b {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// journeyChangedSince returns the journey records of the kinds (nil: every
// kind) with a version recorded after at (none when at is zero, the latest
// versions).
func (db *DB) journeyChangedSince(ctx context.Context, at time.Time, kinds []journey.Kind) (map[journey.ID]bool, error) {
	changed := map[journey.ID]bool{}
	if at.IsZero() {
		return changed, nil
	}
	// CROSS JOIN keeps SQLite to the versions after the moment first (none,
	// for a return as recorded now), each one's row then found by its key,
	// rather than every record of the kinds first.
	query := "SELECT DISTINCT x.record_id FROM record_versions x CROSS JOIN journey_records j WHERE x.kind = $1 AND x.recorded_at > $2 AND j.id = x.record_id"
	args := []any{string(journeyKind.kind), asOfParam(at)}
	if len(kinds) > 0 {
		query += " AND j.kind IN (" + placeholders(3, len(kinds)) + ")"
		args = append(args, anySlice(kindTexts(kinds))...)
	}
	rows, err := db.read(ctx, query, args...)
	if err == nil {
		err = scanAll(rows, func(rows *sql.Rows) error {
			var id journey.ID
			if err := rows.Scan(&id); err != nil {
				return err
			}
			changed[id] = true
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading the journey records changed since %s: %w", at.UTC().Format(time.RFC3339Nano), err)
	}
	return changed, nil
}

// placedBy adds to placed the children with a record of kinds (nil: any)
// open in the span by its current row (sp nil: any record), leaving out the
// records in changed.
func (db *DB) placedBy(ctx context.Context, kinds []journey.Kind, sp *store.ReturnSpan, changed map[journey.ID]bool, placed map[people.ID]bool) error {
	var (
		conds []string
		args  []any
	)
	if len(kinds) > 0 {
		conds = append(conds, "j.kind IN ("+placeholders(len(args)+1, len(kinds))+")")
		args = append(args, anySlice(kindTexts(kinds))...)
	}
	if sp != nil {
		conds = append(conds, "j.start_date IS NOT NULL")
		if !sp.To.IsZero() {
			args = append(args, sp.To)
			conds = append(conds, fmt.Sprintf("j.start_date <= $%d", len(args)))
		}
		if !sp.From.IsZero() {
			args = append(args, sp.From)
			conds = append(conds, fmt.Sprintf("(j.end_date IS NULL OR j.end_date >= $%d)", len(args)))
		}
	}
	query := "SELECT j.id, j.person_id FROM journey_records j"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := db.read(ctx, query, args...)
	if err == nil {
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
	}
	if err != nil {
		return fmt.Errorf("store: reading the children a return's span places: %w", err)
	}
	return nil
}

// currentJourney reads the current rows of the children ids' journey
// records of the kinds (nil: every kind), chunk by chunk, decoding them as
// the as-of reads do.
func (db *DB) currentJourney(ctx context.Context, kinds []journey.Kind, ids []people.ID) (map[journey.ID]journey.Record, error) {
	return readAsOf[journey.ID](ctx, db, journeyKind, time.Time{}, 0, func(read asOfRead, _ time.Time) error {
		// The records are chosen in a subquery that the index
		// journey_records_person_kind answers alone, and only the rows
		// chosen are read: asked in one query, SQLite read every row of
		// each child (by journey_records_person_version) and then looked
		// at its kind, which at scale 10 read every visit and note.
		var args []any
		choose := "SELECT k.id FROM journey_records k WHERE k.person_id IN (" + db.d.idsFromJSON("$1") + ")"
		if len(kinds) > 0 {
			choose += " AND k.kind IN (" + placeholders(2, len(kinds)) + ")"
			args = anySlice(kindTexts(kinds))
		}
		query := "SELECT j.id, j.version, j.body FROM journey_records j WHERE j.id IN (" + choose + ")"
		for from := 0; from < len(ids); from += asOfChunk {
			if err := read(query, append([]any{idArray(ids[from:min(from+asOfChunk, len(ids))])}, args...)...); err != nil {
				return err
			}
		}
		return nil
	})
}

func kindTexts(kinds []journey.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// openIn reports whether the record was open on some day from from to to
// (zero: unbounded at that end). A record with no start date is open on no
// day.
func openIn(r journey.Record, from, to civil.Date) bool {
	return !r.Start.IsZero() && (to.IsZero() || !r.Start.After(to)) && (from.IsZero() || r.End.IsZero() || !r.End.Before(from))
}
