package indicators

import (
	"cmp"
	"math"
	"slices"
	"time"
	"unsafe"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// measure is one indicator's rule: from the prepared children, the date and
// the period, its lists (and any groups). It never makes the value. It
// starts its lists from c.list and writes a reason that costs anything to
// make through c.say, so that a figure (the lists counted, not kept) fills
// lists it used before and writes no reason.
type measure func(c *calc) (num, den []Entry, groups []Group)

// measures holds each indicator's function by id; every Definition has one
// (a test checks).
var measures = map[string]measure{
	"contacts_month": contactsMonth, "contact_decision_24h": contactDecision24h,
	"referral_rate": referralRate, "rereferral_12m": rereferral12m, "referral_nfa": referralNFA,
	"seen_5wd": seen5wd, "eh_open": ehOpen, "eh_referrals_month": ehReferralsMonth, "eh_step_up": ehStepUp,

	"in_assessment": inAssessment, "assessment_45wd": assessment45wd, "cin_rate": cinRate,
	"cin_plans": cinPlans, "cin_visits_in_time": cinVisitsInTime, "s47_12m": s4712m,
	"s47_to_icpc": s47ToICPC, "icpc_15wd": icpc15wd, "cp_rate": cpRate, "cp_repeat_2y": cpRepeat2y,
	"cp_repeat_ever": cpRepeatEver, "cp_2y_plus": cp2yPlus, "cp_reviews_in_time": cpReviewsInTime,
	"cp_visits_in_time": cpVisitsInTime,

	"cla_count": claCount, "cla_rate": claCount, "cla_starts_rate": claStarts,
	"ceased_adoption": ceasedAdoption, "st_stability": stStability, "lt_stability": ltStability,
	"cla_visits_in_time": claVisitsInTime, "cla_reviews_in_time": claReviewsInTime,
	"health_assessment_in_time": healthInTime, "dental_in_time": dentalInTime, "sdq_average": sdqAverage,
	"foster_placements": fosterPlacements, "missing_month": missingMonth, "rhi_72h": rhi72h,

	"a1": a1, "a10": a10, "a2": a2, "adoption_orders": adoptionOrders,

	"cl_eet": clEET, "cl_suitable": clSuitable, "cl_in_touch": clInTouch,

	"vacancy_rate": vacancyRate, "agency_rate": agencyRate, "turnover_rate": turnoverRate,
	"caseload_average": caseloadAverage,
}

// Prepared is an Input with each child's records sorted by kind and date
// and their care history worked out once, for computing many indicators (a
// framework, a trend over many dates) from the same facts.
type Prepared struct {
	in   Input
	set  Settings
	kids []pchild
	ix   *index // the children's spans, for walking only those a window concerns
	// records is every prepared child's records and their days, each
	// child's a run of them (pchild.off); ids is each prepared child's id,
	// by their place, as pchild.id: a walk of a kind's records
	// (eachRecord) reads 8 bytes a child here rather than the child.
	*records
	ids []people.ID
}

// records is every prepared child's records, in the prepared children's
// order and by kind and date within each child's, and each record's days
// beside it: recs[i]'s are days[i].
type records struct {
	recs []*journey.Record
	days []recDays
}

// Prepare readies the input for computing: each child's records are
// indexed by kind and date, by pointer into the input's own slices (a
// city's records are copied once by the store, not again here), so the
// caller must not change them while the Prepared is in use.
//
// The prepared children are in the order they first became known
// (firstKnown), not the input's: a window of months concerns mostly
// children known in and shortly before it, and so kept they lie together,
// each beside the next, and a walk of a window's children reads memory
// in one direction rather than all over the city. At ten times the city,
// with the input's order (the people's ids, which say nothing of time),
// each child a month end read was a fresh miss of the processor's cache.
// Lists are put in the children's order when they are kept or summed
// (sortEntries), so the order here changes no figure and no list.
//
// Every child's record pointers are a run of one slice shared by all
// (records), in the prepared children's order, each record's days
// (recDays) beside them in another, and the scratch of the sort is shared:
// a few allocations for the city rather than some for each child, and a
// prepared child holds offsets into the runs rather than slices of its
// own.
func Prepare(in Input) *Prepared {
	p := &Prepared{in: in, set: in.Settings.complete(), kids: make([]pchild, len(in.Children)), ix: &index{}}
	total, most, periods := 0, 0, 0
	for i := range in.Children {
		total += len(in.Children[i].Records)
		most = max(most, len(in.Children[i].Records))
		periods += len(in.Children[i].Attendance)
	}
	// total counts records of kinds not read too: room to spare.
	p.records = &records{recs: make([]*journey.Record, total), days: make([]recDays, total)}
	p.ids = make([]people.ID, len(in.Children))
	scratch := make([]kindIx, most)
	terms := make([]term, periods)
	at := 0
	for j, i := range knownOrder(in.Children) {
		c := &in.Children[i]
		var n int
		p.kids[j], n = newPChild(c, p.records, at, scratch, p.set)
		p.ids[j] = c.ID
		at += n
		p.kids[j].terms = terms[:len(c.Attendance):len(c.Attendance)]
		for t, a := range c.Attendance {
			terms[t] = term{from: keyOf(a.From), to: keyOf(a.To), sessions: a.Summary}
		}
		terms = terms[len(c.Attendance):]
	}
	return p
}

// knownOrder is the children's places in the input, by the day each first
// became known (firstKnown), the input's order among those of one day.
func knownOrder(children []Child) []int32 {
	type known struct {
		first dayKey
		i     int32
	}
	ks := make([]known, len(children))
	for i := range children {
		ks[i] = known{firstKnown(&children[i]), int32(i)}
	}
	slices.SortFunc(ks, func(a, b known) int { return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(a.i, b.i)) })
	order := make([]int32, len(ks))
	for j, k := range ks {
		order[j] = k.i
	}
	return order
}

// firstKnown is the key of the earliest day the child's records begin on;
// for a child known only at school (no journey record dated), after every
// child with one, the key of their first attendance moved past every
// date's (pupilOnly): the journey's measures, nearly all of a month end,
// then walk children who lie together, not among the city's pupils. 0
// with neither.
func firstKnown(c *Child) dayKey {
	first := dayKey(0)
	earlier := func(d civil.Date) {
		if k := keyOf(d); k != 0 && (first == 0 || k < first) {
			first = k
		}
	}
	for i := range c.Records {
		earlier(c.Records[i].Start)
	}
	if first == 0 {
		for _, a := range c.Attendance {
			earlier(a.From)
		}
		if first != 0 {
			first += pupilOnly
		}
	}
	return first
}

// pupilOnly is added to a pupil's key who has no dated journey record: past
// the key of any date up to the year 100000.
const pupilOnly dayKey = 100000 * 512

// Compute is def at the date from the input. For several indicators, or
// several dates, Prepare once and use Prepared.Compute.
func Compute(def Definition, in Input, at civil.Date) Result { return Prepare(in).Compute(def, at) }

// ComputeAll is every indicator of the framework at the date, in order.
func ComputeAll(in Input, at civil.Date) []Result { return Prepare(in).All(at) }

// All is every indicator of the framework at the date, in order.
func (p *Prepared) All(at civil.Date) []Result {
	out := make([]Result, 0, len(Definitions))
	for _, d := range Definitions {
		out = append(out, p.Compute(d, at))
	}
	return out
}

// Compute is def at the date. A definition not in the registry gives a
// Result with no value and empty lists.
func (p *Prepared) Compute(def Definition, at civil.Date) Result { return p.compute(def, at) }

// Figure is an indicator's value at a date and the lengths of its lists,
// without the lists: a framework's row, a trend's point.
type Figure struct {
	Value                  *float64
	NoValue                string
	Numerator, Denominator int
}

// Figure is def at the date as Compute makes it, its lists counted and
// let go (Figures).
func (p *Prepared) Figure(def Definition, at civil.Date) Figure {
	return Figures([]Ask{{Of: p, Def: def, At: at}})[0]
}

// Ask is an indicator asked for at a date, of prepared children.
type Ask struct {
	Of  *Prepared
	Def Definition
	At  civil.Date
}

// Figures is each indicator asked for as Compute makes it, its lists
// counted and let go: the same measures and the same valueOf make both,
// so a figure and the lists a page shows behind it agree. It spares what
// only the lists need: their order (when the value does not depend on
// it), the groups' values, and keeping them.
//
// It walks the children a block at a time (blockKids), every measure
// asked of them over one block before the next, and adds up each figure's
// lists (tally) block by block: a framework's hundred measures read each
// child once from memory, and its lists are a block's, never the city's.
// At ten times the city the prepared children and their records are
// hundreds of megabytes, far beyond the processor's cache; walked whole by
// one measure after another, each measure fetched them all again, and a
// month end took 13 times as long as at the city's size for 9.8 times the
// children. Asks of the same children (a Prepared and its copies with
// another workforce, WithWorkforce) are walked together.
func Figures(asks []Ask) []Figure {
	type job struct {
		m        measure
		c        calc
		num, den tally
	}
	jobs := make([]job, len(asks))
	var same []*Prepared // the asks' children, each once (by their index)
	for i, a := range asks {
		jobs[i] = job{m: measures[a.Def.ID], c: a.Of.newCalc(a.Def, a.At, false)}
		if !slices.ContainsFunc(same, func(p *Prepared) bool { return p.ix == a.Of.ix }) {
			same = append(same, a.Of)
		}
	}
	for _, p := range same {
		for b := range max(1, (len(p.kids)+blockKids-1)/blockKids) {
			for i := range jobs {
				j := &jobs[i]
				if j.m == nil || asks[i].Of.ix != p.ix {
					continue
				}
				c := j.c
				c.bs = blocks{b, b + 1}
				num, den := c.p.tallied(j.m, &c)
				j.num, j.den = j.num.plus(num), j.den.plus(den)
			}
		}
	}
	out := make([]Figure, len(asks))
	for i, a := range asks {
		j := &jobs[i]
		if j.m == nil {
			continue // not in the registry: no value, as Compute gives
		}
		if summed(a.Def) && !(j.num.exact() && j.den.exact()) {
			// Amounts with fractions (the workforce's FTE) are summed in
			// the lists' order, so that the figure is the same to the last
			// bit as when the lists are kept: the whole city's.
			c := j.c
			j.num, j.den = a.Of.tallied(j.m, &c)
		}
		out[i] = a.Of.figureOf(a.Def, a.At, j.num, j.den)
	}
	return out
}

// tallied runs the measure and tallies its lists, and the entries it
// counted without writing (calc.ones), then lets the lists go to be filled
// by the next (calc.list). Over every child, lists whose sum is not the
// same in any order (tally.exact) are put in order and tallied again.
func (p *Prepared) tallied(m measure, c *calc) (num, den tally) {
	nl, dl, _ := m(c)
	num, den = tallyOf(nl), tallyOf(dl).plus(ones(c.ones))
	if (!num.exact() || !den.exact()) && c.bs == allBlocks {
		sortEntries(nl)
		sortEntries(dl)
		num, den = tallyOf(nl), tallyOf(dl).plus(ones(c.ones))
	}
	p.ix.release(nl)
	if unsafe.SliceData(dl) != unsafe.SliceData(nl) {
		p.ix.release(dl)
	}
	return num, den
}

// figureOf is def's figure at the date from its lists' tallies.
func (p *Prepared) figureOf(def Definition, at civil.Date, num, den tally) Figure {
	base := 0
	if def.Unit == UnitRate {
		base = p.in.PopulationOn(at)
	}
	f := Figure{Value: valueOf(def, num, den, base), Numerator: num.n, Denominator: den.n}
	if f.Value == nil {
		f.NoValue = noValue(def, at, base, p.in.Workforce)
	}
	return f
}

// Figure is the result's value and the lengths of its lists.
func (r Result) Figure() Figure {
	return Figure{Value: r.Value, NoValue: r.NoValue, Numerator: len(r.Numerator), Denominator: len(r.Denominator)}
}

// summed reports whether def's value is made from its entries' amounts
// (days, scores, FTE), not only from how many there are.
func summed(def Definition) bool {
	return def.Weighted || def.Unit == UnitDays || def.Unit == UnitScore || def.Unit == UnitRatio
}

// newCalc is the computation of def at the date over every child.
func (p *Prepared) newCalc(def Definition, at civil.Date, lists bool) calc {
	from, to := Window(def.Period, at, p.set.AdoptionYears)
	return calc{p: p, set: p.set, at: at, from: from, to: to, lists: lists, bs: allBlocks}
}

// compute is def at the date, with its lists in order and its groups
// valued.
func (p *Prepared) compute(def Definition, at civil.Date) Result {
	c := p.newCalc(def, at, true)
	res := Result{ID: def.ID, At: at, From: c.from}
	m, ok := measures[def.ID]
	if !ok {
		return res
	}
	num, den, groups := m(&c)
	if num == nil {
		num = []Entry{} // an empty list, not none, for whoever writes it out
	}
	sortEntries(num)
	sortEntries(den)
	res.Numerator, res.Denominator = num, den
	if def.Unit == UnitRate {
		res.Base = p.in.PopulationOn(at)
	}
	res.Value = valueOf(def, tallyOf(num), tallyOf(den), res.Base)
	if res.Value == nil {
		res.NoValue = noValue(def, at, res.Base, p.in.Workforce)
	}
	for i := range groups {
		g := &groups[i]
		sortEntries(g.Numerator)
		sortEntries(g.Denominator)
		g.Value = valueOf(def, tallyOf(g.Numerator), tallyOf(g.Denominator), res.Base)
	}
	res.Groups = groups
	return res
}

// tally is what a list gives a value: how many entries, the sum of their
// amounts, and whether that sum is the same in any order (exact).
type tally struct {
	n        int
	sum, abs float64 // abs: the sum of the amounts' sizes
	part     bool    // some amount is not a whole number (not whole: the zero tally is none)
}

func tallyOf(es []Entry) tally {
	t := tally{n: len(es)}
	for _, e := range es {
		t.sum += e.Amount
		t.abs += math.Abs(e.Amount)
		t.part = t.part || e.Amount != math.Trunc(e.Amount)
	}
	return t
}

// ones is the tally of n entries each of amount one.
func ones(n int) tally { return tally{n: n, sum: float64(n), abs: float64(n)} }

// plus is the tally of two lists, one after the other.
func (t tally) plus(u tally) tally {
	return tally{n: t.n + u.n, sum: t.sum + u.sum, abs: t.abs + u.abs, part: t.part || u.part}
}

// exact reports whether the sum is the same whatever order the amounts
// are added in: each a whole number, and their sum, however reached,
// within the integers a float64 holds exactly (2^53).
func (t tally) exact() bool { return !t.part && t.abs < 1<<53 }

// sortEntries puts a list in a stable order: by child, then date, then
// record, then name. A list made by walking the children in order, each
// child's records by date, is mostly in it already, and is only checked.
func sortEntries(es []Entry) {
	if !slices.IsSortedFunc(es, entryOrder) {
		slices.SortFunc(es, entryOrder)
	}
}

func entryOrder(a, b Entry) int {
	return cmp.Or(cmp.Compare(a.PersonID, b.PersonID), a.Start.Compare(b.Start),
		cmp.Compare(a.RecordID, b.RecordID), cmp.Compare(a.Name, b.Name))
}

// calc is one indicator's computation: the prepared children, the date and
// the period's first and last days.
type calc struct {
	p        *Prepared
	set      Settings
	at       civil.Date
	from, to civil.Date
	// lists is whether the lists are kept (Compute) or only counted
	// (Figure): a measure may leave out of an entry what only a reader of
	// the list needs, its reason, but never what makes the value.
	lists bool
	// bs is the blocks of children the measure walks: every block, unless
	// Figures walks them one at a time.
	bs blocks
	// ones is how many entries of weight one, and nothing else, a figure's
	// denominator holds beyond its list: counted, never written (pupils).
	ones int
}

// city reports whether the measure adds what is the whole council's rather
// than its children's (the workforce's posts, the count of pupils): over
// every child, or, walked a block at a time, in the first block only.
func (c *calc) city() bool { return c.bs.first == 0 }

// list is an empty list for a measure to fill: nil when the lists are
// kept, else one a figure before filled and let go (index.release), whose
// room is used again; the longest first, so a measure takes its longer
// list (mostly its denominator) first. A trend of 24 month ends made a list of every child
// in care, every referral and every pupil afresh for each figure, and its
// garbage, not its measures, was most of its cost at ten times the city:
// each collection marks every child's records.
func (c *calc) list() []Entry {
	if c.lists {
		return nil
	}
	return c.p.ix.take()
}

// say is an entry's reason, written only when the lists are kept: a
// figure counts its entries and never reads why they are there, and
// writing every reason (a date, a count of days) was most of what a
// figure allocated once its lists were used again.
func (c *calc) say(reason func() string) string {
	if !c.lists {
		return ""
	}
	return reason()
}

// within reports whether d is in the period (the zero Date never is).
func (c *calc) within(d civil.Date) bool {
	return !d.IsZero() && !d.Before(c.from) && !d.After(c.to)
}

// withinKey is within for a date's key (recDays): 0, the zero Date's, never
// is.
func (c *calc) withinKey(d dayKey) bool {
	return d != 0 && d >= keyOf(c.from) && d <= keyOf(c.to)
}

// kindIx numbers a journey kind, so a child's records can be kept in one
// slice in runs by kind, found by offset rather than through a map.
type kindIx int

// readKinds are the journey kinds the measures read, in the order a
// child's records are kept by kind. A record of any other kind (a case
// note, a personal education plan) is not prepared: no measure reads it,
// and a month end reads each prepared child's offsets, one for each kind
// here.
var readKinds = []journey.Kind{
	journey.KindContact, journey.KindEarlyHelp, journey.KindReferral, journey.KindAssessment,
	journey.KindStrategy, journey.KindS47, journey.KindICPC, journey.KindCINPlan, journey.KindCPPlan,
	journey.KindCPReview, journey.KindVisit, journey.KindAllocation, journey.KindCareEpisode,
	journey.KindCareReview, journey.KindHealthAssessment, journey.KindDentalCheck, journey.KindSDQ,
	journey.KindAdoption, journey.KindMissing, journey.KindLeaverContact,
}

// kinds numbers the kinds read (readKinds' order).
var kinds = func() map[journey.Kind]kindIx {
	m := map[journey.Kind]kindIx{}
	for i, k := range readKinds {
		m[k] = kindIx(i)
	}
	return m
}()

// The kinds the indicators read.
var (
	ixContact, ixEarlyHelp, ixReferral = kindOf(journey.KindContact), kindOf(journey.KindEarlyHelp), kindOf(journey.KindReferral)
	ixAssessment, ixStrategy, ixS47    = kindOf(journey.KindAssessment), kindOf(journey.KindStrategy), kindOf(journey.KindS47)
	ixICPC, ixCINPlan, ixCPPlan        = kindOf(journey.KindICPC), kindOf(journey.KindCINPlan), kindOf(journey.KindCPPlan)
	ixCPReview, ixVisit, ixAllocation  = kindOf(journey.KindCPReview), kindOf(journey.KindVisit), kindOf(journey.KindAllocation)
	ixCareEpisode, ixCareReview        = kindOf(journey.KindCareEpisode), kindOf(journey.KindCareReview)
	ixHealthAssessment, ixDentalCheck  = kindOf(journey.KindHealthAssessment), kindOf(journey.KindDentalCheck)
	ixSDQ, ixAdoption, ixMissing       = kindOf(journey.KindSDQ), kindOf(journey.KindAdoption), kindOf(journey.KindMissing)
	ixLeaverContact                    = kindOf(journey.KindLeaverContact)
)

// kindOf is the number of a kind read; a kind not in readKinds is a
// mistake in this file, found when the package starts.
func kindOf(k journey.Kind) kindIx {
	x, ok := kinds[k]
	if !ok {
		panic("indicators: " + string(k) + " is read but not in readKinds")
	}
	return x
}

// maxKinds is how many kinds a child's offsets hold: the kinds read.
const maxKinds = 20

func init() {
	if len(readKinds) != maxKinds {
		panic("indicators: maxKinds is not the number of kinds read")
	}
}

// pchild is one child prepared: their records in the shared slices, in
// runs by kind (off[i] to off[i+1] for kind i), each run oldest first;
// their periods of care and placements; their attendance.
type pchild struct {
	id people.ID // c.ID, so that an entry is made without reading the child
	c  *Child
	// all is every prepared child's records (pointers into the caller's,
	// never changed) and their days; the child's of kind x are those from
	// off[x] to off[x+1]. A measure that looks for a record by its dates
	// (a referral in the year, the episode of care on the date) reads the
	// days and only the record it finds: at ten times the city the decoded
	// records are a gigabyte, far beyond the processor's cache, and reading
	// each through its pointer to compare its dates was most of a month
	// end's figures.
	all    *records
	off    [maxKinds + 1]int32
	dob    dayKey       // c.DateOfBirth's (beside off: the child is 144 bytes, not 152)
	inCare *careHistory // nil for a child never in care
	// terms is the child's attendance (Child.Attendance) by its days, cut
	// from one slice in the prepared order like the records: a child with a
	// social worker has their school year's attendance read at every date.
	terms []term
}

// careHistory is a child's periods of care and placements, worked out once
// from their episodes: behind a pointer, as most children are never in
// care and a month end reads one prepared child after another.
type careHistory struct {
	periods []care.Period
	placed  []journey.Placement
}

// periods is the child's periods of care, oldest first (none if never in
// care).
func (k *pchild) periods() []care.Period {
	if k.inCare == nil {
		return nil
	}
	return k.inCare.periods
}

// placed is the child's placements, oldest first.
func (k *pchild) placed() []journey.Placement {
	if k.inCare == nil {
		return nil
	}
	return k.inCare.placed
}

// term is a period of a child's attendance: its first and last days and
// the sessions in it.
type term struct {
	from, to dayKey
	sessions education.Attendance
}

// born is the child's date of birth (the zero Date when not known).
func (k *pchild) born() civil.Date { return k.dob.date() }

// newPChild sorts the child's records by kind with a counting sort into
// all from at on (which must hold len(c.Records) there), then each kind's
// run by date, writes their days beside them, and says how many it took
// (records of kinds not read are left out); scratch holds at least
// len(c.Records).
func newPChild(c *Child, all *records, at int, scratch []kindIx, set Settings) (pchild, int) {
	k := pchild{id: c.ID, c: c, all: all, dob: keyOf(c.DateOfBirth)}
	ix := scratch[:len(c.Records)]
	n := 0
	for i, r := range c.Records {
		x, ok := kinds[r.Kind]
		if !ok {
			x = -1
		} else {
			k.off[x+1]++
			n++
		}
		ix[i] = x
	}
	k.off[0] = int32(at)
	for i := 1; i <= maxKinds; i++ {
		k.off[i] += k.off[i-1]
	}
	next := k.off
	for i := range c.Records {
		if x := ix[i]; x >= 0 {
			all.recs[next[x]] = &c.Records[i]
			next[x]++
		}
	}
	for x := range maxKinds {
		if run := k.of(kindIx(x)); len(run) > 1 && !slices.IsSortedFunc(run, byDate) {
			slices.SortFunc(run, byDate)
		}
	}
	for i := at; i < at+n; i++ {
		r := all.recs[i]
		all.days[i] = recDays{start: keyOf(r.Start), end: keyOf(r.End), id: r.ID, facts: factsOf(r, set)}
	}
	if eps := k.of(ixCareEpisode); len(eps) > 0 {
		vals := make([]journey.Record, len(eps))
		for i, r := range eps {
			vals[i] = *r
		}
		k.inCare = &careHistory{periods: journey.CarePeriods(vals), placed: journey.Placements(vals)}
	}
	return k, n
}

func byDate(a, b *journey.Record) int {
	return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
}

// of is the child's records of kind x, oldest first.
func (k *pchild) of(x kindIx) []*journey.Record { return k.all.recs[k.off[x]:k.off[x+1]] }

// daysOf is the days of the child's records of kind x, in of(x)'s order:
// daysOf(x)[i] is of(x)[i]'s.
func (k *pchild) daysOf(x kindIx) []recDays { return k.all.days[k.off[x]:k.off[x+1]] }

// recDays is a record's start and end as keys, the zero Date's key 0 (a
// missing start, an open end), and its id: all an entry for the record
// holds (entryAt); and the facts about it that measures ask of many
// records to find the few they want. The dates are the record's own: an
// end before the start is kept so, for the measures compare the record's
// dates as they are.
type recDays struct {
	start, end dayKey
	id         journey.ID
	facts      recFacts
}

// recFacts are what the measures ask of many records beyond their dates,
// worked out once (factsOf), so that a walk of a window's children need
// not read each record and the details it points to.
type recFacts uint16

const (
	factNFA           recFacts = 1 << iota // a referral ended with no further action
	factSeen                               // a visit at which the child was seen
	factCare                               // an episode of care with its details recorded
	factShortBreak                         // an episode of care under a short break's legal status (V3, V4)
	factStepUp                             // early help closed by stepping up to children's social care
	factWorker                             // an allocation to a worker (not to a team alone)
	factScore                              // a strengths and difficulties questionnaire with its score
	factLeaverContact                      // a care leaver's contact with its details recorded
	factDecisionTimed                      // a contact with the times it was received and decided recorded
	factDecidedInTime                      // such a contact decided within the council's hours (Settings.ContactDecisionHours)
)

// has reports whether the record's facts include all of f.
func (r recDays) has(f recFacts) bool { return r.facts&f == f }

// factsOf is the record's facts under the settings.
func factsOf(r *journey.Record, set Settings) recFacts {
	var f recFacts
	if ct := r.Contact; ct != nil && !ct.DecidedAt.IsZero() && !ct.ReceivedAt.IsZero() {
		f |= factDecisionTimed
		if ct.DecidedAt.Sub(ct.ReceivedAt) <= time.Duration(set.ContactDecisionHours)*time.Hour {
			f |= factDecidedInTime
		}
	}
	if r.Referral != nil && r.Referral.NFA {
		f |= factNFA
	}
	if r.Visit != nil && r.Visit.Seen {
		f |= factSeen
	}
	if r.CareEpisode != nil {
		f |= factCare
		if care.ShortBreak(r.CareEpisode.LegalStatus) {
			f |= factShortBreak
		}
	}
	if r.EarlyHelp != nil && r.EarlyHelp.Closure == "step_up" {
		f |= factStepUp
	}
	if r.Kind == journey.KindAllocation && r.WorkerID != 0 {
		f |= factWorker
	}
	if r.SDQ != nil && r.SDQ.Score != nil {
		f |= factScore
	}
	if r.LeaverContact != nil {
		f |= factLeaverContact
	}
	return f
}

// openOn is whether the record is open on the day whose key is d
// (journey.Record.OpenOn).
func (r recDays) openOn(d dayKey) bool { return r.start <= d && (r.end == 0 || r.end >= d) }

// entry is a line for record r of the child (none when r is nil).
func (k *pchild) entry(r *journey.Record, reason string) Entry {
	if r == nil {
		return Entry{PersonID: k.id, Reason: reason}
	}
	return Entry{PersonID: k.id, RecordID: r.ID, Start: r.Start, End: r.End, Reason: reason}
}

// entryAt is entry for the child's i'th record of kind x, made from its
// days (recDays) without reading the record.
func (k *pchild) entryAt(x kindIx, i int, reason string) Entry {
	return k.daysOf(x)[i].entry(k.id, reason)
}

// entry is a line for the record whose days these are, of the person.
func (d recDays) entry(person people.ID, reason string) Entry {
	return Entry{PersonID: person, RecordID: d.id, Start: d.start.date(), End: d.end.date(), Reason: reason}
}

// find is the child's record of kind kd with the id.
func (k *pchild) find(kd kindIx, id journey.ID) (*journey.Record, bool) {
	if id == 0 {
		return nil, false
	}
	for _, r := range k.of(kd) {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// lastSeen is the latest day on or before at on which the child was seen
// on a visit (the zero Date if never), from the visits' days and facts.
func (k *pchild) lastSeen(at civil.Date) civil.Date {
	last, to := dayKey(0), keyOf(at)
	for _, v := range k.daysOf(ixVisit) {
		if v.start > to {
			break
		}
		if v.has(factSeen) {
			last = v.start
		}
	}
	return last.date()
}

// latest is where in of(x) the child's latest record of kind x is that is
// dated on or after from and on or before to and has the facts need, from
// the records' days alone.
func (k *pchild) latest(x kindIx, from, to civil.Date, need recFacts) (int, bool) {
	lo, hi, at := keyOf(from), keyOf(to), -1
	for i, d := range k.daysOf(x) {
		if d.start > hi {
			break
		}
		if d.start >= lo && d.has(need) {
			at = i
		}
	}
	return at, at >= 0
}

// openOn is the child's first record of kind kd open on d.
func (k *pchild) openOn(kd kindIx, d civil.Date) (*journey.Record, bool) {
	if i, ok := k.openAt(kd, d); ok {
		return k.of(kd)[i], true
	}
	return nil, false
}

// openAt is where the child's first record of kind kd open on d is in
// of(kd), found by its days alone.
func (k *pchild) openAt(kd kindIx, d civil.Date) (int, bool) {
	dk := keyOf(d)
	for i, r := range k.daysOf(kd) {
		if r.openOn(dk) {
			return i, true
		}
	}
	return 0, false
}

// careOn is the child's episode of care on d and the period it is in, if
// the child is looked after on d. The child is looked after from a period's
// start to the day before its end (care.Period.In), and the episode is the
// last to start by d in it (an episode ended X1 whose successor is not yet
// recorded goes on).
//
// The episode is given by its place in of(ixCareEpisode) (k.episode reads
// it), found by the episodes' days and facts alone.
func (k *pchild) careOn(d civil.Date) (int, care.Period, bool) {
	p, ok := care.PeriodOn(k.periods(), d)
	if !ok {
		return -1, care.Period{}, false
	}
	dk, last := keyOf(d), -1
	days := k.daysOf(ixCareEpisode)
	for i, r := range days {
		if r.start > dk {
			break
		}
		last = i
	}
	if last < 0 {
		return -1, p, false
	}
	return last, p, days[last].has(factCare)
}

// lookedAfter is careOn, leaving out a child whose legal status on d is a
// short break (V3, V4): the DfE's children looked after.
func (k *pchild) lookedAfter(d civil.Date) (int, care.Period, bool) {
	i, p, ok := k.careOn(d)
	if !ok || k.daysOf(ixCareEpisode)[i].has(factShortBreak) {
		return -1, care.Period{}, false
	}
	return i, p, true
}

// episode is the child's i'th episode of care (careOn's), nil for none.
func (k *pchild) episode(i int) *journey.Record {
	if i < 0 {
		return nil
	}
	return k.of(ixCareEpisode)[i]
}

// episodeEntry is entryAt for the child's i'th episode of care.
func (k *pchild) episodeEntry(i int, reason string) Entry {
	if i < 0 {
		return k.entry(nil, reason)
	}
	return k.entryAt(ixCareEpisode, i, reason)
}

// placementOn is the child's placement on d (the last to start by d).
func (k *pchild) placementOn(d civil.Date) (journey.Placement, int, bool) {
	i := -1
	for j, pl := range k.placed() {
		if pl.Start.After(d) {
			break
		}
		i = j
	}
	if i < 0 {
		return journey.Placement{}, -1, false
	}
	return k.placed()[i], i, true
}
