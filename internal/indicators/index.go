package indicators

import (
	"math"
	"math/bits"
	"slices"
	"sync"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/education"
)

// The children an indicator can concern at a date are few beside the
// city's: those with a record of the kind it reads, or a period of care,
// touching the days it reads. A measure walks only those (calc.eachWith and
// its kin) rather than every child, so that the cost of a date grows with
// what happened around it, not with every child ever recorded; a trend of
// 24 month ends at ten times the city walked every child 48 times a date.
//
// Each child's records of a kind (or periods of care, or adoption orders)
// are spans of days, from the first date to the last (no end: for ever).
// A measure that reads a record by its start, its end or whether it is open
// on the date reads only records whose span touches the window (calc.from
// to calc.to), so its children are among those the spans give. The spans
// are kept by length, each length's sorted by start: those that can touch a
// window start no earlier than its first day less the length, so a window
// reads a slice of each, not the whole.

// dayKey orders dates as an int32 (not a count of days: comparisons only).
type dayKey int32

func keyOf(d civil.Date) dayKey { return dayKey(d.Year*512 + int(d.Month)*32 + d.Day) }

// date is the Date whose key k is (keyOf's inverse; 0 is the zero Date's).
func (k dayKey) date() civil.Date {
	return civil.Date{Year: int(k) / 512, Month: time.Month(int(k) % 512 / 32), Day: int(k) % 32}
}

// forever is the key of an end not yet recorded.
const forever dayKey = math.MaxInt32

// spanLengths are the longest span, in days, each of a list's classes
// holds; a longer one, one with no end, or one with no start, is in the
// last class, read from its start.
var spanLengths = []int{0, 7, 31, 92, 183, 366, 731, 1461}

// span is one record's days, whose it is (an index into the prepared
// children) and, for a kind's records, which it is (an index into
// Prepared.days and Prepared.recs; -1 for other things).
type span struct {
	start, end dayKey
	kid, rec   int32
}

// spanList is the spans of one kind of thing, by block of children (a
// span is in its child's block: blockOf) and, in each, by class of length:
// a walk of one block's children (Figures) reads only their
// spans.
type spanList struct {
	blocks [][][]span // by block, then class: len(spanLengths)+1, the last with no bound
}

// add puts a span of days from..to (zero to: no end; zero from: none
// known) of the child kid in its block and class.
func (l *spanList) add(kid, rec int, from, to civil.Date) {
	b := blockOf(kid)
	for len(l.blocks) <= b {
		l.blocks = append(l.blocks, make([][]span, len(spanLengths)+1))
	}
	if !to.IsZero() && !from.IsZero() && to.Before(from) {
		from, to = to, from // a record ended before it began still reads by both
	}
	s := span{start: keyOf(from), end: forever, kid: int32(kid), rec: int32(rec)}
	class := len(spanLengths)
	if !to.IsZero() {
		s.end = keyOf(to)
		if !from.IsZero() {
			days := to.DaysSince(from)
			class, _ = slices.BinarySearch(spanLengths, days)
		}
	}
	l.blocks[b][class] = append(l.blocks[b][class], s)
}

// sort readies the list for reading.
func (l *spanList) sort() {
	for _, classes := range l.blocks {
		for _, c := range classes {
			slices.SortFunc(c, func(a, b span) int { return int(a.start) - int(b.start) })
		}
	}
}

// touching is, for a block's class, the run of spans that may touch the
// days from..to: those starting from the first day less the class's
// longest span (any, in the last class) up to the last day, in which a
// span touches when it ends on or after the first day.
func (l *spanList) touching(b, i int, from, to civil.Date) []span {
	c := l.blocks[b][i]
	j := 0
	if i < len(spanLengths) {
		early := keyOf(from.AddDays(-spanLengths[i]))
		j, _ = slices.BinarySearchFunc(c, early, func(s span, k dayKey) int { return int(s.start) - int(k) })
	}
	hi := keyOf(to)
	n, _ := slices.BinarySearchFunc(c[j:], hi+1, func(s span, k dayKey) int { return int(s.start) - int(k) })
	return c[j : j+n]
}

// each calls fn for each span of the blocks' children touching the days
// from..to, by block, class and then start.
func (l *spanList) each(bs blocks, from, to civil.Date, fn func(s span)) {
	lo := keyOf(from)
	for b := bs.first; b < min(bs.end, len(l.blocks)); b++ {
		for i := range l.blocks[b] {
			for _, s := range l.touching(b, i, from, to) {
				if s.end >= lo {
					fn(s)
				}
			}
		}
	}
}

// mark sets in seen the blocks' children whose spans touch the days
// from..to (as each, without a call for each span: it is every walk's
// first step).
func (l *spanList) mark(bs blocks, from, to civil.Date, seen []uint64) {
	lo := keyOf(from)
	for b := bs.first; b < min(bs.end, len(l.blocks)); b++ {
		for i := range l.blocks[b] {
			for _, s := range l.touching(b, i, from, to) {
				if s.end >= lo {
					seen[s.kid>>6] |= 1 << (s.kid & 63)
				}
			}
		}
	}
}

// blockKids is how many prepared children a block holds, in their order:
// a multiple of 64, so that a block's children are whole words of the seen
// bits. A block's children, their records' days and the records the
// measures read of them lie within a few megabytes, within the processor's
// cache, and Figures runs every measure it is asked for over one
// block before the next: each child is fetched from memory once a month
// end rather than once for each measure that reads them. A variable only
// so that the tests can make blocks of a few children.
var blockKids = 8192

// blockOf is the block of the prepared child kid.
func blockOf(kid int) int { return kid / blockKids }

// blocks is a run of blocks of the prepared children: first to end, end
// not included; allBlocks is every block.
type blocks struct{ first, end int }

var allBlocks = blocks{0, math.MaxInt}

// words is the run of n words of seen bits (a bit for each child) that
// holds the blocks' children.
func (bs blocks) words(n int) (lo, hi int) {
	per := blockKids / 64
	lo, hi = min(bs.first, n/per+1)*per, min(bs.end, n/per+1)*per
	return min(lo, n), min(hi, n)
}

// The lists of things other than a kind's records, after the kinds.
const (
	listCare    = maxKinds + iota // periods of care
	listOrders                    // adoption orders, on their day
	listLeavers                   // the 17th to 21st birthdays of children who were in care
	// The education section's: a child's periods of attendance; their
	// suspensions and exclusions, on the day each began; their EHC plans,
	// on the day each was issued; their enquiries about missing education
	// and their spells of home education.
	listAttendance
	listExclusions
	listEHCIssued
	listCME
	listEHE
	lists
)

// index is the prepared children's spans, each list made when first read
// and shared by every computation of the children (and by WithWorkforce's
// copies).
type index struct {
	once  [lists]sync.Once
	spans [lists]spanList
	seen  sync.Pool // *[]uint64, a bit for each child, all clear

	// free holds the lists figures let go (calc.list), at most maxFree,
	// the longest kept. Not a sync.Pool: a pool is emptied by the
	// collector, and each list (every pupil of the city, at ten times the
	// city tens of megabytes) would be grown again from nothing after
	// each collection, its garbage bringing on the next.
	mu   sync.Mutex
	free [][]Entry
	// pupils is each school year's pupils by the day each became one
	// (Prepared.pupilsIn), by the year's first day; nil: walk them.
	pupils map[civil.Date][]dayKey
}

// maxFree is how many let-go lists an index keeps: a figure fills two at
// once (its numerator and denominator), and figures are asked for by a
// few requests at a time.
const maxFree = 4

// take is a let-go list, emptied, the longest there is (nil: none).
func (ix *index) take() []Entry {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	best := -1
	for i, l := range ix.free {
		if best < 0 || cap(l) > cap(ix.free[best]) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	l := ix.free[best]
	ix.free[best] = ix.free[len(ix.free)-1]
	ix.free = ix.free[:len(ix.free)-1]
	return l
}

// release gives a figure's list back to be filled again, emptied of what
// its entries held, in place of a shorter one when maxFree are kept.
func (ix *index) release(es []Entry) {
	if cap(es) == 0 {
		return
	}
	clear(es)
	es = es[:0]
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.free) < maxFree {
		ix.free = append(ix.free, es)
		return
	}
	least := 0
	for i, l := range ix.free {
		if cap(l) < cap(ix.free[least]) {
			least = i
		}
	}
	if cap(es) > cap(ix.free[least]) {
		ix.free[least] = es
	}
}

// list is the list l, made now if it has not been.
func (p *Prepared) list(l int) *spanList {
	ix := p.ix
	ix.once[l].Do(func() {
		sl := &ix.spans[l]
		for i := range p.kids {
			k := &p.kids[i]
			switch l {
			case listCare:
				for _, pd := range k.periods() {
					sl.add(i, -1, pd.Start, pd.End)
				}
			case listOrders:
				for _, r := range k.of(ixAdoption) {
					if r.Adoption != nil && !r.Adoption.Order.IsZero() {
						sl.add(i, -1, r.Adoption.Order, r.Adoption.Order)
					}
				}
			case listLeavers:
				if dob := k.born(); !dob.IsZero() && len(k.periods()) > 0 {
					sl.add(i, -1, care.Birthday(dob, 17), care.Birthday(dob, 21))
				}
			case listAttendance:
				for _, a := range k.c.Attendance {
					sl.add(i, -1, a.From, a.To)
				}
			case listExclusions, listEHCIssued, listCME, listEHE:
				for j := range k.c.Education {
					if from, to, ok := educationSpan(l, &k.c.Education[j]); ok {
						sl.add(i, -1, from, to)
					}
				}
			default:
				x := kindIx(l)
				first := int(k.off[x])
				for j, r := range k.of(x) {
					sl.add(i, first+j, r.Start, r.End)
				}
			}
		}
		sl.sort()
	})
	return &ix.spans[l]
}

// educationSpan is the days by which list l finds an education record,
// and whether it is one the list holds.
func educationSpan(l int, r *education.Record) (from, to civil.Date, ok bool) {
	switch {
	case l == listExclusions && r.Kind == education.KindExclusion && r.Exclusion != nil:
		return r.Exclusion.Start, r.Exclusion.Start, true
	case l == listEHCIssued && r.Kind == education.KindEHCRequest && r.EHCRequest != nil && !r.EHCRequest.FinalIssued.IsZero():
		return r.EHCRequest.FinalIssued, r.EHCRequest.FinalIssued, true
	case l == listCME && r.Kind == education.KindCME, l == listEHE && r.Kind == education.KindEHE:
		return r.Start, r.End, true
	}
	return civil.Date{}, civil.Date{}, false
}

// eachIn calls fn, in the children's order, for each child with a span of
// list l touching the calculation's days.
func (c *calc) eachIn(l int, fn func(k *pchild)) { c.eachInDays(c.from, c.to, fn, l) }

// eachInDays calls fn, in the children's order and once each, for each
// child of the calculation's blocks with a span of any of the lists
// touching the days from..to: for a
// measure whose days are not its period's (the school year to the date),
// or whose children are those of several lists (a child in need or in
// care).
func (c *calc) eachInDays(from, to civil.Date, fn func(k *pchild), ls ...int) {
	kids := c.p.kids
	ix := c.p.ix
	seen, _ := ix.seen.Get().(*[]uint64)
	if seen == nil {
		s := make([]uint64, (len(kids)+63)/64)
		seen = &s
	}
	for _, l := range ls {
		c.p.list(l).mark(c.bs, from, to, *seen)
	}
	w0, w1 := c.bs.words(len(*seen))
	words := (*seen)[w0:w1]
	for w, word := range words {
		if word == 0 {
			continue
		}
		words[w] = 0 // cleared as read, so the pool holds it clear
		w += w0
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			fn(&kids[w<<6+b])
		}
	}
	ix.seen.Put(seen)
}

// eachRecord calls fn for each record of kind x, of a child of the
// calculation's blocks, whose days touch the calculation's days, by its child's place in the prepared children and
// its own in the prepared records (Prepared.days, Prepared.recs), in no
// order a list keeps (compute sorts kept lists). A measure that counts
// records by their own dates (started, or ended, in the period) walks
// these rather than their children: it reads each record's days from one
// slice, in the order the records began, and the child's id from another,
// never the prepared child.
func (c *calc) eachRecord(x kindIx, fn func(kid, r int32)) {
	c.p.list(int(x)).each(c.bs, c.from, c.to, func(s span) { fn(s.kid, s.rec) })
}

// eachStarted calls fn, as eachRecord, for each record of kind x dated
// (started) in the calculation's days: it reads each record's start from
// the records' days, and fn reads the child, or the record itself, only
// if it needs more.
func (c *calc) eachStarted(x kindIx, fn func(kid, r int32)) {
	c.eachRecord(x, func(kid, r int32) {
		if c.withinKey(c.p.days[r].start) {
			fn(kid, r)
		}
	})
}

// eachEnded calls fn, as eachStarted, for each record of kind x ended in
// the calculation's days.
func (c *calc) eachEnded(x kindIx, fn func(kid, r int32)) {
	c.eachRecord(x, func(kid, r int32) {
		if c.withinKey(c.p.days[r].end) {
			fn(kid, r)
		}
	})
}

// recEntry is a line for the prepared record r of child kid, made from its
// days (recDays) alone.
func (c *calc) recEntry(kid, r int32, reason string) Entry {
	return c.p.days[r].entry(c.p.ids[kid], reason)
}

// eachWith calls fn for each child with a record of kind x that touches the
// calculation's days: started, ended or open in them. A measure that reads
// the child for such records only, and the child's other records only
// through them, walks these rather than every child.
func (c *calc) eachWith(x kindIx, fn func(k *pchild)) { c.eachIn(int(x), fn) }

// eachInCare calls fn for each child with a period of care that touches
// the calculation's days: looked after on the date, or starting or ending
// a period in the window.
func (c *calc) eachInCare(fn func(k *pchild)) { c.eachIn(listCare, fn) }

// eachAdopted calls fn for each child with an adoption order dated in the
// calculation's days.
func (c *calc) eachAdopted(fn func(k *pchild)) { c.eachIn(listOrders, fn) }

// eachLeaver calls fn for each child who was in care and whose 17th to
// 21st birthdays touch the calculation's days.
func (c *calc) eachLeaver(fn func(k *pchild)) { c.eachIn(listLeavers, fn) }
