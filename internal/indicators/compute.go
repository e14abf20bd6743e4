package indicators

import (
	"cmp"
	"slices"
	"unsafe"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
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
}

// Prepare readies the input for computing: each child's records are
// indexed by kind and date, by pointer into the input's own slices (a
// city's records are copied once by the store, not again here), so the
// caller must not change them while the Prepared is in use.
//
// Every child's record pointers are cut from one slice, in the children's
// order, and the scratch of the sort is shared: two allocations for the
// city rather than two for each child, and a walk of the children in
// order reads their pointers one after another in memory. Beside the
// pointers, cut the same way, is each record's days (recDays).
func Prepare(in Input) *Prepared {
	p := &Prepared{in: in, set: in.Settings.complete(), kids: make([]pchild, len(in.Children)), ix: &index{}}
	total, most := 0, 0
	for i := range in.Children {
		total += len(in.Children[i].Records)
		most = max(most, len(in.Children[i].Records))
	}
	all, days, scratch := make([]*journey.Record, total), make([]recDays, total), make([]kindIx, most)
	for i := range in.Children {
		var n int
		p.kids[i], n = newPChild(&in.Children[i], all, days, scratch)
		all, days = all[n:], days[n:]
	}
	return p
}

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
func (p *Prepared) Compute(def Definition, at civil.Date) Result { return p.compute(def, at, true) }

// Figure is an indicator's value at a date and the lengths of its lists,
// without the lists: a framework's row, a trend's point.
type Figure struct {
	Value                  *float64
	NoValue                string
	Numerator, Denominator int
}

// Figure is def at the date as Compute makes it, its lists let go once
// counted: the same measure and the same valueOf make both, so a figure
// and the lists a page shows behind it agree. It spares what only the
// lists need: their order (when the value does not depend on it) and the
// groups' values, and keeping them.
func (p *Prepared) Figure(def Definition, at civil.Date) Figure {
	r := p.compute(def, at, false)
	f := r.Figure()
	// The lists go back to be filled by the next figure (calc.list).
	p.ix.release(r.Numerator)
	if unsafe.SliceData(r.Denominator) != unsafe.SliceData(r.Numerator) {
		p.ix.release(r.Denominator)
	}
	return f
}

// Figure is the result's value and the lengths of its lists.
func (r Result) Figure() Figure {
	return Figure{Value: r.Value, NoValue: r.NoValue, Numerator: len(r.Numerator), Denominator: len(r.Denominator)}
}

// compute is def at the date, with its lists in order and its groups
// valued when lists is set.
func (p *Prepared) compute(def Definition, at civil.Date, lists bool) Result {
	from, to := Window(def.Period, at, p.set.AdoptionYears)
	res := Result{ID: def.ID, At: at, From: from}
	m, ok := measures[def.ID]
	if !ok {
		return res
	}
	c := &calc{p: p, set: p.set, at: at, from: from, to: to, lists: lists}
	num, den, groups := m(c)
	if num == nil {
		num = []Entry{} // an empty list, not none, for whoever writes it out
	}
	// A value made from amounts is summed in the lists' order, so that
	// the figure is the same to the last bit whether its lists are kept.
	if lists || def.Weighted || def.Unit == UnitDays || def.Unit == UnitScore || def.Unit == UnitRatio {
		sortEntries(num)
		sortEntries(den)
	}
	res.Numerator, res.Denominator = num, den
	if def.Unit == UnitRate {
		res.Base = p.in.PopulationOn(at)
	}
	res.Value = valueOf(def, num, den, res.Base)
	if res.Value == nil {
		res.NoValue = noValue(def, at, res.Base, p.in.Workforce)
	}
	if !lists {
		return res
	}
	for i := range groups {
		g := &groups[i]
		sortEntries(g.Numerator)
		sortEntries(g.Denominator)
		g.Value = valueOf(def, g.Numerator, g.Denominator, res.Base)
	}
	res.Groups = groups
	return res
}

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
}

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

// kinds numbers every journey kind (journey.Kinds' order).
var kinds = func() map[journey.Kind]kindIx {
	m := map[journey.Kind]kindIx{}
	for i, k := range journey.Kinds {
		m[journey.Kind(k.Code)] = kindIx(i)
	}
	return m
}()

// The kinds the indicators read.
var (
	ixContact, ixEarlyHelp, ixReferral = kinds[journey.KindContact], kinds[journey.KindEarlyHelp], kinds[journey.KindReferral]
	ixAssessment, ixStrategy, ixS47    = kinds[journey.KindAssessment], kinds[journey.KindStrategy], kinds[journey.KindS47]
	ixICPC, ixCINPlan, ixCPPlan        = kinds[journey.KindICPC], kinds[journey.KindCINPlan], kinds[journey.KindCPPlan]
	ixCPReview, ixVisit, ixAllocation  = kinds[journey.KindCPReview], kinds[journey.KindVisit], kinds[journey.KindAllocation]
	ixCareEpisode, ixCareReview        = kinds[journey.KindCareEpisode], kinds[journey.KindCareReview]
	ixHealthAssessment, ixDentalCheck  = kinds[journey.KindHealthAssessment], kinds[journey.KindDentalCheck]
	ixSDQ, ixAdoption, ixMissing       = kinds[journey.KindSDQ], kinds[journey.KindAdoption], kinds[journey.KindMissing]
	ixLeaverContact                    = kinds[journey.KindLeaverContact]
)

// maxKinds bounds the kinds a child's offsets can hold.
const maxKinds = 48

func init() {
	if len(journey.Kinds) >= maxKinds {
		panic("indicators: more journey kinds than maxKinds")
	}
}

// pchild is one child prepared: their records in one slice, in runs by
// kind (off[i] to off[i+1] for kind i), each run oldest first; and their
// periods of care and placements.
type pchild struct {
	c    *Child
	recs []*journey.Record // into the caller's records: never changed
	// dates is each of recs' start and end, in recs' order: a measure that
	// looks for a record by its dates (a referral in the year, the episode
	// of care on the date) reads these and only the record it finds. At
	// ten times the city the decoded records are a gigabyte, far beyond the
	// processor's cache, and reading each through its pointer to compare
	// its dates was most of a month end's figures.
	dates   []recDays
	off     [maxKinds + 1]int32
	periods []care.Period
	placed  []journey.Placement
}

// newPChild sorts the child's records by kind with a counting sort into
// the front of recs (which must hold len(c.Records)), then each kind's run
// by date, writes their days into the front of days (as long as recs), and
// says how many of recs it took; scratch holds at least len(c.Records).
func newPChild(c *Child, recs []*journey.Record, days []recDays, scratch []kindIx) (pchild, int) {
	k := pchild{c: c}
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
	for i := 1; i <= maxKinds; i++ {
		k.off[i] += k.off[i-1]
	}
	k.recs = recs[:n:n]
	next := k.off
	for i := range c.Records {
		if x := ix[i]; x >= 0 {
			k.recs[next[x]] = &c.Records[i]
			next[x]++
		}
	}
	for x := range len(journey.Kinds) {
		run := k.recs[k.off[x]:k.off[x+1]]
		if len(run) > 1 && !slices.IsSortedFunc(run, byDate) {
			slices.SortFunc(run, byDate)
		}
	}
	k.dates = days[:n:n]
	for i, r := range k.recs {
		k.dates[i] = recDays{start: keyOf(r.Start), end: keyOf(r.End)}
	}
	if eps := k.of(ixCareEpisode); len(eps) > 0 {
		vals := make([]journey.Record, len(eps))
		for i, r := range eps {
			vals[i] = *r
		}
		k.periods = journey.CarePeriods(vals)
		k.placed = journey.Placements(vals)
	}
	return k, n
}

func byDate(a, b *journey.Record) int {
	return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
}

// of is the child's records of kind x, oldest first.
func (k *pchild) of(x kindIx) []*journey.Record { return k.recs[k.off[x]:k.off[x+1]] }

// daysOf is the days of the child's records of kind x, in of(x)'s order:
// daysOf(x)[i] is of(x)[i]'s.
func (k *pchild) daysOf(x kindIx) []recDays { return k.dates[k.off[x]:k.off[x+1]] }

// recDays is a record's start and end as keys, the zero Date's key 0 (a
// missing start, an open end). They are the record's own: an end before
// the start is kept so, for the measures compare the record's dates as
// they are.
type recDays struct{ start, end dayKey }

// openOn is whether the record is open on the day whose key is d
// (journey.Record.OpenOn).
func (r recDays) openOn(d dayKey) bool { return r.start <= d && (r.end == 0 || r.end >= d) }

// entry is a line for record r of the child (none when r is nil).
func (k *pchild) entry(r *journey.Record, reason string) Entry {
	if r == nil {
		return Entry{PersonID: k.c.ID, Reason: reason}
	}
	return Entry{PersonID: k.c.ID, RecordID: r.ID, Start: r.Start, End: r.End, Reason: reason}
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
// on a visit (the zero Date if never).
func (k *pchild) lastSeen(at civil.Date) civil.Date {
	var last civil.Date
	for _, v := range k.of(ixVisit) {
		if v.Start.After(at) {
			break
		}
		if v.Visit != nil && v.Visit.Seen {
			last = v.Start
		}
	}
	return last
}

// openOn is the child's first record of kind kd open on d.
func (k *pchild) openOn(kd kindIx, d civil.Date) (*journey.Record, bool) {
	dk := keyOf(d)
	for i, r := range k.daysOf(kd) {
		if r.openOn(dk) {
			return k.of(kd)[i], true
		}
	}
	return nil, false
}

// careOn is the child's episode of care on d and the period it is in, if
// the child is looked after on d. The child is looked after from a period's
// start to the day before its end (care.Period.In), and the episode is the
// last to start by d in it (an episode ended X1 whose successor is not yet
// recorded goes on).
func (k *pchild) careOn(d civil.Date) (*journey.Record, care.Period, bool) {
	p, ok := care.PeriodOn(k.periods, d)
	if !ok {
		return nil, care.Period{}, false
	}
	dk, last := keyOf(d), -1
	for i, r := range k.daysOf(ixCareEpisode) {
		if r.start > dk {
			break
		}
		last = i
	}
	if last < 0 {
		return nil, p, false
	}
	ep := k.of(ixCareEpisode)[last]
	return ep, p, ep.CareEpisode != nil
}

// lookedAfter is careOn, leaving out a child whose legal status on d is a
// short break (V3, V4): the DfE's children looked after.
func (k *pchild) lookedAfter(d civil.Date) (*journey.Record, care.Period, bool) {
	ep, p, ok := k.careOn(d)
	if !ok || care.ShortBreak(ep.CareEpisode.LegalStatus) {
		return nil, care.Period{}, false
	}
	return ep, p, true
}

// placementOn is the child's placement on d (the last to start by d).
func (k *pchild) placementOn(d civil.Date) (journey.Placement, int, bool) {
	i := -1
	for j, pl := range k.placed {
		if pl.Start.After(d) {
			break
		}
		i = j
	}
	if i < 0 {
		return journey.Placement{}, -1, false
	}
	return k.placed[i], i, true
}
