package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	var out []store.ReturnChild
	err := db.bulkRead(ctx, func(db *DB) (err error) {
		out, err = db.returnChildren(ctx, q)
		return err
	})
	return out, err
}

// returnChildren is ReturnChildren's read, on one connection.
func (db *DB) returnChildren(ctx context.Context, q store.ReturnQuery) ([]store.ReturnChild, error) {
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

	// The records changed since the moment are read as they were then:
	// those of a child placed, of a kind read, in place of their rows.
	var earlier []journey.Record
	for _, r := range then {
		if placed[r.PersonID] && (len(q.Kinds) == 0 || slices.Contains(q.Kinds, r.Kind)) {
			earlier = append(earlier, r)
		}
	}
	byChild, err := db.returnJourney(ctx, q.Kinds, ids, changed, earlier)
	if err != nil {
		return nil, err
	}
	ps, err := recordsAsOf(ctx, db, personKind, ids, q.RecordedAt, asOfChunk)
	if err != nil {
		return nil, err
	}
	out := make([]store.ReturnChild, 0, len(ids))
	for i, id := range ids {
		p, ok := ps[id]
		if !ok {
			// A journey record is written only for a person who exists, so
			// the person's first version is never later than the record's.
			return nil, fmt.Errorf("store: journey records of person %d, who had no version at %s", id, q.RecordedAt.UTC().Format(time.RFC3339Nano))
		}
		out = append(out, store.ReturnChild{Person: p, Records: byChild[i]})
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

// returnJourney reads the current rows of the children ids' journey records
// of the kinds (nil: every kind), leaving out the records in changed and
// taking earlier (records as they were at the moment, of the same
// children) in their place, and returns each child's records in order of
// record id, in the order of ids; nil for a child with none.
//
// A return reads tens of thousands of records, and a decoded record is
// large (about 400 bytes): gathered in a map and then copied into each
// child's slice, each was made or copied four times on its way and the
// garbage collector's work was a fifth of Annex A's export. Here each body
// is decoded, while the rows that follow are still being read, into a slot
// of its own in blocks of records, and copied once from there into the one
// slice the children's records share.
func (db *DB) returnJourney(ctx context.Context, kinds []journey.Kind, ids []people.ID, changed map[journey.ID]bool, earlier []journey.Record) ([][]journey.Record, error) {
	child := make(map[people.ID]int32, len(ids))
	for i, id := range ids {
		child[id] = int32(i)
	}
	// The records are chosen in a subquery that the index
	// journey_records_person_kind answers alone, and only the rows chosen
	// are read: asked in one query, SQLite read every row of each child
	// (by journey_records_person_version) and then looked at its kind,
	// which at scale 10 read every visit and note.
	var args []any
	choose := "SELECT k.id FROM journey_records k WHERE k.person_id IN (" + db.d.idsFromJSON("$1") + ")"
	if len(kinds) > 0 {
		choose += " AND k.kind IN (" + placeholders(2, len(kinds)) + ")"
		args = anySlice(kindTexts(kinds))
	}
	query := "SELECT j.id, j.person_id, j.version, j.body FROM journey_records j WHERE j.id IN (" + choose + ")"

	d := newPlacingDecoders()
	var (
		keys   []recordKey // of each row read, in the order read (the order of the slots)
		body   sql.RawBytes
		bodies bodyArena
	)
	read := func(chunk []people.ID) error {
		rows, err := db.read(ctx, query, append([]any{idArray(chunk)}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				r      rawVersion
				person people.ID
			)
			if err := rows.Scan(&r.id, &person, &r.version, &body); err != nil {
				return err
			}
			ci, ok := child[person]
			if !ok {
				return fmt.Errorf("journey record %d of person %d, who was not asked for", r.id, person)
			}
			if changed[journey.ID(r.id)] {
				continue
			}
			keys = append(keys, recordKey{child: ci, id: journey.ID(r.id)})
			// The driver's buffer is its own until the next row: the
			// body is copied, once, into a block of bodies.
			r.body = bodies.copy(body)
			if !d.add(r) {
				return nil // a body could not be decoded: wait says which
			}
		}
		return rows.Err()
	}
	var err error
	for from := 0; from < len(ids) && err == nil && !d.failed.Load(); from += asOfChunk {
		err = read(ids[from:min(from+asOfChunk, len(ids))])
	}
	if err != nil {
		err = fmt.Errorf("store: reading the journey records of a return: %w", err)
	}
	segs, derr := d.wait()
	if err == nil {
		err = derr
	}
	if err != nil {
		return nil, err
	}

	// Each child's records together, in order of id: the rows' slots (and
	// earlier's, as -1-i) counted out by child, then sorted by id within
	// each child, which for rows read in order of id costs a look at each.
	starts := make([]int, len(ids)+1)
	for _, k := range keys {
		starts[k.child+1]++
	}
	for _, r := range earlier {
		starts[child[r.PersonID]+1]++
	}
	for i := range ids {
		starts[i+1] += starts[i]
	}
	order := make([]int32, len(keys)+len(earlier))
	next := slices.Clone(starts[:len(ids)])
	for i, k := range keys {
		order[next[k.child]] = int32(i)
		next[k.child]++
	}
	for i, r := range earlier {
		ci := child[r.PersonID]
		order[next[ci]] = int32(-1 - i)
		next[ci]++
	}
	idOf := func(o int32) journey.ID {
		if o < 0 {
			return earlier[-1-o].ID
		}
		return keys[o].id
	}
	all := make([]journey.Record, len(order))
	out := make([][]journey.Record, len(ids))
	for ci := range ids {
		lo, hi := starts[ci], starts[ci+1]
		if lo == hi {
			continue
		}
		mine := order[lo:hi]
		if !slices.IsSortedFunc(mine, func(a, b int32) int { return cmp.Compare(idOf(a), idOf(b)) }) {
			slices.SortFunc(mine, func(a, b int32) int { return cmp.Compare(idOf(a), idOf(b)) })
		}
		for j, o := range mine {
			if o < 0 {
				all[lo+j] = earlier[-1-o]
			} else {
				all[lo+j] = segs[o/placingBlock][o%placingBlock]
			}
		}
		out[ci] = all[lo:hi:hi]
	}
	return out, nil
}

// recordKey is a row read for a return: its child (an index of the ids
// asked for) and its id.
type recordKey struct {
	child int32
	id    journey.ID
}

// bodyArena holds the bodies read, copied into blocks rather than a slice
// each.
type bodyArena struct{ block []byte }

// bodyBlock is the size of a block of bodies: a journey record's body is a
// few hundred bytes.
const bodyBlock = 1 << 20

// copy returns a copy of b, in the arena.
func (a *bodyArena) copy(b []byte) []byte {
	if len(b) > cap(a.block)-len(a.block) {
		a.block = make([]byte, 0, max(bodyBlock, len(b)))
	}
	n := len(a.block)
	a.block = append(a.block, b...)
	return a.block[n:len(a.block):len(a.block)]
}

// placingBlock is how many records a block of decoded records holds, a
// multiple of decodeBatch.
const placingBlock = 16 * decodeBatch

// placingDecoders decode journey records' bodies on as many goroutines as
// Go may run at once, while the rows that follow are still being read, each
// into the slot of a block whose number is the order it was read in.
type placingDecoders struct {
	batches chan placingBatch
	batch   placingBatch
	blocks  [][]journey.Record
	n       int // records added
	wg      sync.WaitGroup
	failed  atomic.Bool
	done    bool

	mu  sync.Mutex
	err error
}

// placingBatch is versions to decode, each into its slot of out.
type placingBatch struct {
	versions []rawVersion
	out      []journey.Record
}

func newPlacingDecoders() *placingDecoders {
	d := &placingDecoders{batches: make(chan placingBatch, 4)}
	for range runtime.GOMAXPROCS(0) {
		d.wg.Add(1)
		go d.work()
	}
	return d
}

func (d *placingDecoders) work() {
	defer d.wg.Done()
	for b := range d.batches {
		if d.failed.Load() {
			continue // drain
		}
		for i, v := range b.versions {
			r := &b.out[i]
			if err := journeyDecoder.into(v.body, r); err != nil {
				d.mu.Lock()
				if d.err == nil {
					d.err = fmt.Errorf("store: decoding %s %d version %d: %w", journeyKind.noun, v.id, v.version, err)
				}
				d.mu.Unlock()
				d.failed.Store(true)
				break
			}
			journeyKind.setKey(r, v.id, v.version)
		}
	}
}

// add holds a version for decoding into the next slot; false if decoding
// has failed already.
func (d *placingDecoders) add(v rawVersion) bool {
	if len(d.batch.versions) == 0 {
		if d.n%placingBlock == 0 {
			d.blocks = append(d.blocks, make([]journey.Record, placingBlock))
		}
		at := d.n % placingBlock
		d.batch = placingBatch{versions: make([]rawVersion, 0, decodeBatch), out: d.blocks[len(d.blocks)-1][at : at+decodeBatch]}
	}
	d.batch.versions = append(d.batch.versions, v)
	d.n++
	if len(d.batch.versions) == decodeBatch {
		d.batches <- d.batch
		d.batch = placingBatch{}
	}
	return !d.failed.Load()
}

// wait decodes what is left, waits for the decoders to finish, and returns
// the blocks of decoded records, or the first error of decoding.
func (d *placingDecoders) wait() ([][]journey.Record, error) {
	if !d.done {
		d.done = true
		if len(d.batch.versions) > 0 {
			d.batches <- d.batch
		}
		close(d.batches)
		d.wg.Wait()
	}
	return d.blocks, d.err
}

// bulkRead runs f with a copy of the store whose reads all go to one
// connection of the read pool, set for reading much of the store at once
// (dialect.bulkMap), and sets the connection back after. A connection that
// cannot be set back goes back to the pool as it is, which changes how it
// reads, not what.
func (db *DB) bulkRead(ctx context.Context, f func(db *DB) error) error {
	c, err := db.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: a connection for a return's read: %w", err)
	}
	defer c.Close()
	if db.d.bulkMap != "" {
		if _, err := c.ExecContext(ctx, db.d.bulkMap); err != nil {
			return fmt.Errorf("store: setting a connection for a return's read: %w", err)
		}
		defer c.ExecContext(context.WithoutCancel(ctx), db.d.bulkUnmap)
	}
	bulk := *db
	bulk.bulk = c
	return f(&bulk)
}
