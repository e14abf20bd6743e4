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
	err := db.bulkRead(ctx, func(dbs []*DB) (err error) {
		out, err = dbs[0].returnChildren(ctx, dbs[1:], q)
		return err
	})
	return out, err
}

// returnChildren is ReturnChildren's read, on db's connection, and its
// journey records' on the others' too (more: none or more copies of the
// store, each reading on a connection of its own).
func (db *DB) returnChildren(ctx context.Context, more []*DB, q store.ReturnQuery) ([]store.ReturnChild, error) {
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
	byChild, err := returnJourney(ctx, append([]*DB{db}, more...), q.Kinds, ids, changed, earlier)
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
// A return reads tens of thousands of records (Annex A at scale 10, 1.3
// million), and a decoded record is large (about 400 bytes): gathered in a
// map and then copied into each child's slice, each was made or copied
// four times on its way, and the garbage collector's work was a fifth of
// Annex A's export. So the children are read a chunk at a time, each
// chunk's rows kept undecoded until every one is read; then, knowing how
// many records each child has, every body is decoded straight into its
// place in one slice that the chunk's children share, on other goroutines,
// while the next chunk is read.
//
// The chunks are shared out among the readers (copies of the store on
// connections of their own: see bulkRead), each reading the next chunk not
// yet taken, so that SQLite's stepping through the rows, most of the
// read's time, runs on as many cores as there are readers. Each chunk's
// children and their places are its own, so the chunks may be read and
// placed in any order.
func returnJourney(ctx context.Context, readers []*DB, kinds []journey.Kind, ids []people.ID, changed map[journey.ID]bool, earlier []journey.Record) ([][]journey.Record, error) {
	child := make(map[people.ID]int32, len(ids))
	for i, id := range ids {
		child[id] = int32(i)
	}
	earlierOf := make(map[int32][]int32, len(earlier))
	for i, r := range earlier {
		c := child[r.PersonID]
		earlierOf[c] = append(earlierOf[c], int32(i))
	}
	// The records are chosen in a subquery that the index
	// journey_records_person_kind answers alone, and only the rows chosen
	// are read: asked in one query, SQLite read every row of each child
	// (by journey_records_person_version) and then looked at its kind,
	// which at scale 10 read every visit and note.
	var args []any
	choose := "SELECT k.id FROM journey_records k WHERE k.person_id IN (" + readers[0].d.idsFromJSON("$1") + ")"
	if len(kinds) > 0 {
		choose += " AND k.kind IN (" + placeholders(2, len(kinds)) + ")"
		args = anySlice(kindTexts(kinds))
	}
	query := "SELECT j.id, j.person_id, j.version, j.body FROM journey_records j WHERE j.id IN (" + choose + ")"

	// read reads a chunk's rows on db; last is the rows of the chunk it
	// read before, a guess of this one's.
	read := func(db *DB, chunk []people.ID, last int) ([]returnRow, error) {
		rows, err := db.read(ctx, query, append([]any{idArray(chunk)}, args...)...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var (
			out    = make([]returnRow, 0, last+last/8)
			bodies bodyArena
			body   sql.RawBytes
		)
		for rows.Next() {
			var (
				r      returnRow
				person people.ID
			)
			if err := rows.Scan(&r.id, &person, &r.version, &body); err != nil {
				return nil, err
			}
			c, ok := child[person]
			if !ok {
				return nil, fmt.Errorf("journey record %d of person %d, who was not asked for", r.id, person)
			}
			if changed[journey.ID(r.id)] {
				continue
			}
			// The driver's buffer is its own until the next row: the
			// body is copied, once, into a block of bodies.
			r.child, r.body = c, bodies.copy(body)
			out = append(out, r)
		}
		return out, rows.Err()
	}

	// place puts the chunk of children from to to's rows (read in order of
	// id) in their places in out, and holds them for decoding there.
	out := make([][]journey.Record, len(ids))
	d := newPlacingDecoders(earlier)
	place := func(from, to int, rows []returnRow) {
		// Each child's rows together (and its earlier records, as -1-i),
		// counted out by child, then in order of id within each child,
		// which for rows read in order of id costs a look at each.
		starts := make([]int, to-from+1)
		for _, r := range rows {
			starts[int(r.child)-from+1]++
		}
		for c := from; c < to; c++ {
			starts[c-from+1] += starts[c-from] + len(earlierOf[int32(c)])
		}
		order := make([]int32, starts[to-from])
		next := slices.Clone(starts[:to-from])
		for c := from; c < to; c++ {
			for _, e := range earlierOf[int32(c)] {
				order[next[c-from]] = -1 - e
				next[c-from]++
			}
		}
		for i, r := range rows {
			order[next[int(r.child)-from]] = int32(i)
			next[int(r.child)-from]++
		}
		idOf := func(o int32) int64 {
			if o < 0 {
				return int64(earlier[-1-o].ID)
			}
			return rows[o].id
		}
		byID := func(a, b int32) int { return cmp.Compare(idOf(a), idOf(b)) }
		all := make([]journey.Record, len(order))
		for c := from; c < to; c++ {
			lo, hi := starts[c-from], starts[c-from+1]
			if lo == hi {
				continue
			}
			if mine := order[lo:hi]; !slices.IsSortedFunc(mine, byID) {
				slices.SortFunc(mine, byID)
			}
			out[c] = all[lo:hi:hi]
		}
		d.add(rows, order, all)
	}

	chunk := readers[0].returnChunk
	var (
		taken  atomic.Int64 // the children whose chunks a reader has taken
		failed atomic.Bool
		wg     sync.WaitGroup
		mu     sync.Mutex
		err    error
	)
	for _, db := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for !failed.Load() && !d.failed.Load() {
				from := int(taken.Add(int64(chunk))) - chunk
				if from >= len(ids) {
					return
				}
				to := min(from+chunk, len(ids))
				rows, rerr := read(db, ids[from:to], last)
				if rerr != nil {
					mu.Lock()
					if err == nil {
						err = fmt.Errorf("store: reading the journey records of a return: %w", rerr)
					}
					mu.Unlock()
					failed.Store(true)
					return
				}
				last = len(rows)
				place(from, to, rows)
			}
		}()
	}
	wg.Wait()
	if derr := d.wait(); err == nil {
		err = derr
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// defaultReturnChunk is how many children's records returnJourney reads in one
// query: enough that a query's own cost is small beside its rows', few
// enough that a return of a few thousand children is read in several
// chunks, and the decoding of one overlaps the reading of the next.
const defaultReturnChunk = 2000

// returnRow is a journey record's row as a return reads it: its version's
// body undecoded, and its child (an index of the ids asked for).
type returnRow struct {
	rawVersion
	child int32
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

// placingDecoders decode journey records' bodies, each into its place, on
// as many goroutines as Go may run at once.
type placingDecoders struct {
	earlier []journey.Record
	batches chan placingBatch
	wg      sync.WaitGroup
	failed  atomic.Bool
	done    bool

	mu  sync.Mutex
	err error
}

// placingBatch is records to put in out: out[i] is rows[order[i]] decoded,
// or for order[i] < 0, earlier[-1-order[i]].
type placingBatch struct {
	rows  []returnRow
	order []int32
	out   []journey.Record
}

func newPlacingDecoders(earlier []journey.Record) *placingDecoders {
	// The batches of a whole chunk wait here while the next is read.
	d := &placingDecoders{earlier: earlier, batches: make(chan placingBatch, 4*defaultReturnChunk)}
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
		for i, o := range b.order {
			r := &b.out[i]
			if o < 0 {
				*r = d.earlier[-1-o]
				continue
			}
			v := b.rows[o]
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

// add holds a chunk's records for decoding, out[i] from rows[order[i]].
func (d *placingDecoders) add(rows []returnRow, order []int32, out []journey.Record) {
	for i := 0; i < len(order); i += decodeBatch {
		j := min(i+decodeBatch, len(order))
		d.batches <- placingBatch{rows: rows, order: order[i:j], out: out[i:j]}
	}
}

// wait waits for the decoders to finish, and returns the first error of
// decoding. It may be called more than once.
func (d *placingDecoders) wait() error {
	if !d.done {
		d.done = true
		close(d.batches)
		d.wg.Wait()
	}
	return d.err
}

// bulkRead runs f with copies of the store whose reads each go to one
// connection of the read pool, set for reading much of the store at once
// (dialect.bulkMap), and sets the connections back after: always one, and
// a second when no other bulk read holds one (the store's bulkSecond
// token), for the part of the read that its two connections share. A
// connection that cannot be set back goes back to the pool as it is, which
// changes how it reads, not what.
//
// Only one bulk read at a time takes a second connection, and it takes it
// holding its first: a read waiting for its first holds none, so bulk reads
// that each wait for a second while holding a first cannot fill the pool
// and wait on each other.
func (db *DB) bulkRead(ctx context.Context, f func(dbs []*DB) error) error {
	first, err := db.bulkConn(ctx)
	if err != nil {
		return err
	}
	defer first.done()
	dbs := []*DB{first.db}
	select {
	case db.bulkSecond <- struct{}{}:
		defer func() { <-db.bulkSecond }()
		second, err := db.bulkConn(ctx)
		if err != nil {
			return err
		}
		defer second.done()
		dbs = append(dbs, second.db)
	default:
	}
	return f(dbs)
}

// bulkCopy is a copy of the store reading on one connection of its own.
type bulkCopy struct {
	db   *DB
	done func()
}

// bulkConn takes a connection of the read pool and sets it for a bulk read.
func (db *DB) bulkConn(ctx context.Context) (bulkCopy, error) {
	c, err := db.r.Conn(ctx)
	if err != nil {
		return bulkCopy{}, fmt.Errorf("store: a connection for a return's read: %w", err)
	}
	done := func() { c.Close() }
	if db.d.bulkMap != "" {
		if _, err := c.ExecContext(ctx, db.d.bulkMap); err != nil {
			c.Close()
			return bulkCopy{}, fmt.Errorf("store: setting a connection for a return's read: %w", err)
		}
		done = func() {
			c.ExecContext(context.WithoutCancel(ctx), db.d.bulkUnmap)
			c.Close()
		}
	}
	bulk := *db
	bulk.bulk = c
	return bulkCopy{db: &bulk, done: done}, nil
}
