package indicators

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// TestSpanListMarks: a window marks exactly the children with a span that
// touches it, whatever the spans' lengths (each class's edge, longer than
// the longest, no end, no start, ended before begun).
func TestSpanListMarks(t *testing.T) {
	base := civil.MustNew(2020, 1, 1)
	rng := rand.New(rand.NewPCG(1, 2))
	type sp struct{ from, to civil.Date }
	var spans []sp
	var l spanList
	const kids = 300
	for i := range kids {
		from := base.AddDays(rng.IntN(1500))
		var to civil.Date
		switch i % 6 {
		case 0: // no end
		case 1: // a class's edge exactly, or one past it
			to = from.AddDays(spanLengths[rng.IntN(len(spanLengths))] + rng.IntN(2))
		case 2: // no start
			to, from = from, civil.Date{}
		case 3: // ended before begun
			to = from.AddDays(-rng.IntN(40))
		case 4: // longer than the longest class
			to = from.AddDays(1500 + rng.IntN(500))
		default:
			to = from.AddDays(rng.IntN(400))
		}
		spans = append(spans, sp{from, to})
		l.add(i, 1000+i, from, to)
	}
	l.sort()
	touches := func(s sp, from, to civil.Date) bool {
		a, b := s.from, s.to
		if !a.IsZero() && !b.IsZero() && b.Before(a) {
			a, b = b, a
		}
		return !a.After(to) && (b.IsZero() || !b.Before(from))
	}
	seen := make([]uint64, (kids+63)/64)
	for range 400 {
		from := base.AddDays(rng.IntN(1700) - 100)
		to := from.AddDays([]int{0, 1, 30, 365, 1095}[rng.IntN(5)])
		l.mark(allBlocks, from, to, seen)
		each := map[int32]int{}
		l.each(allBlocks, from, to, func(s span) {
			each[s.kid]++
			if s.rec != 1000+s.kid {
				t.Fatalf("span of %d carries record %d", s.kid, s.rec)
			}
		})
		for i, s := range spans {
			got := seen[i>>6]&(1<<(i&63)) != 0
			if want := touches(s, from, to); got != want || (each[int32(i)] == 1) != want || each[int32(i)] > 1 {
				t.Fatalf("span %s to %s, window %s to %s: marked %v, walked %d times, want %v", s.from, s.to, from, to, got, each[int32(i)], want)
			}
		}
		clear(seen)
	}
}

// walkingEvery is the input prepared so that every measure walks every
// child, as it did before the spans: each list gives each child, for ever,
// and a kind's list each of its records, for ever.
func walkingEvery(in Input) *Prepared {
	p := Prepare(in)
	for l := range lists {
		p.ix.once[l].Do(func() {
			for i := range p.kids {
				k := &p.kids[i]
				if l >= maxKinds {
					p.ix.spans[l].add(i, -1, civil.Date{}, civil.Date{})
					continue
				}
				for j := range k.of(kindIx(l)) {
					p.ix.spans[l].add(i, int(k.off[l])+j, civil.Date{}, civil.Date{})
				}
			}
		})
	}
	return p
}

// TestIndexLeavesNoChildOut: on the town and on Demo City, every indicator
// at a month end every three months for three years, and a day within
// each month, is the same,
// figures and lists, whether the measures walk the children their spans
// give or every child.
func TestIndexLeavesNoChildOut(t *testing.T) {
	inputs := map[string]Input{"town": town(), "town at school": withSchooling(town(), 3)}
	if !testing.Short() {
		inputs["Demo City"] = demoCity()
		inputs["Demo City at school"] = withSchooling(demoCity(), 5)
	}
	for name, in := range inputs {
		spans, every := Prepare(in), walkingEvery(in)
		for m := 0; m < 36; m += 3 {
			end := calendar.AddMonths(civil.MustNew(2020, 5, 1), m).AddDays(-1)
			for _, at := range []civil.Date{end, end.AddDays(-11)} {
				for _, d := range Definitions {
					got, want := spans.Compute(d, at), every.Compute(d, at)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: %s at %s: %s (%d / %d) walking the spans' children, %s (%d / %d) walking every child",
							name, d.ID, at, show(got.Value), len(got.Numerator), len(got.Denominator),
							show(want.Value), len(want.Numerator), len(want.Denominator))
					}
					f := spans.Figure(d, at)
					if fig := got.Figure(); !reflect.DeepEqual(f, fig) {
						t.Fatalf("%s: %s at %s: Figure %+v, Compute %+v", name, d.ID, at, f, fig)
					}
				}
			}
		}
	}
}

// withSchooling is a copy of the input whose children have education too,
// for the education section's span lists: terms of attendance in the
// school years 2019/20 to 2022/23, and now and then a suspension or a
// permanent exclusion, an enquiry about missing education or a spell of
// home education (open or closed, or with no start), an EHC plan issued
// or not yet; and some pupils with no journey at all.
func withSchooling(in Input, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 9))
	out := in
	out.Children = slices.Clone(in.Children)
	day := func(from civil.Date, within int) civil.Date { return from.AddDays(rng.IntN(within)) }
	first := civil.MustNew(2019, 9, 1)
	for n := range 60 {
		out.Children = append(out.Children, Child{ID: people.ID(900000 + n), DateOfBirth: civil.MustNew(2011, time.Month(1+n%12), 1+n%28)})
	}
	for i := range out.Children {
		c := &out.Children[i]
		c.Education, c.Attendance = slices.Clone(c.Education), slices.Clone(c.Attendance)
		if rng.IntN(3) == 0 {
			continue
		}
		for y := 2019; y <= 2022; y++ {
			for _, term := range [][2]civil.Date{
				{civil.MustNew(y, 9, 3), civil.MustNew(y, 12, 18)},
				{civil.MustNew(y+1, 1, 6), civil.MustNew(y+1, 3, 31)},
				{civil.MustNew(y+1, 4, 17), civil.MustNew(y+1, 7, 21)},
			} {
				possible := 100 + rng.IntN(50)
				attended := possible - rng.IntN(40)
				c.Attendance = append(c.Attendance, education.Period{From: term[0], To: term[1],
					Summary: education.Attendance{Possible: possible, Attended: attended, Authorised: possible - attended}})
			}
		}
		add := func(r education.Record) {
			r.ID, r.PersonID = education.ID(len(c.Education)+1), c.ID
			c.Education = append(c.Education, r)
		}
		for range rng.IntN(3) {
			cat := []string{education.Suspension, education.Permanent}[rng.IntN(2)]
			add(education.Record{Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: "103234",
				Exclusion: education.Exclusion{Category: cat, Start: day(first, 4*365)}}})
		}
		switch rng.IntN(8) {
		case 0: // an enquiry, closed or open
			from := day(first, 4*365)
			r := education.Record{Kind: education.KindCME, Start: from, CME: &education.CMEEnquiry{Received: from}}
			if rng.IntN(2) == 0 {
				r.End = from.AddDays(rng.IntN(200))
			}
			add(r)
		case 1: // home educated, ended or not, or with no start known
			from := day(first, 4*365)
			r := education.Record{Kind: education.KindEHE, Start: from, EHE: &education.EHE{From: from}}
			switch rng.IntN(3) {
			case 0:
				r.End = from.AddDays(rng.IntN(500))
			case 1:
				r.Start = civil.Date{}
			}
			add(r)
		case 2: // an EHC plan asked for, issued or not yet
			received := day(first, 4*365)
			q := &education.EHCRequest{Received: received, RequestOutcome: "Y", AssessmentOutcome: "Y"}
			if rng.IntN(4) > 0 {
				q.FinalIssued = received.AddDays(100 + rng.IntN(80))
			}
			add(education.Record{Kind: education.KindEHCRequest, Start: received, EHCRequest: q})
		}
	}
	return out
}

// TestEachInDays: children are walked once each, in the prepared order (by
// the day each became known), when any of the lists has a span touching
// the days; the seen bits are left clear for the next walk.
func TestEachInDays(t *testing.T) {
	b := func(id people.ID) *cb { return kid(id, "2010-01-01") }
	k1 := b(1)
	k1.referral("2022-01-10", "2022-06-30", false)
	k2 := b(2)
	k2.inCare("2021-05-01", "")
	k3 := b(3)
	k3.referral("2022-03-01", "2022-03-31", false)
	k3.inCare("2022-03-15", "2022-09-01")
	k4 := b(4)
	k4.contact("2022-04-01 10:00", "2022-04-01 12:00")
	p := Prepare(Input{Children: kids(k1, k2, k3, k4)})
	cases := []struct {
		name     string
		from, to string
		lists    []int
		want     []people.ID
	}{
		{"referrals on a day", "2022-03-20", "2022-03-20", []int{int(ixReferral)}, []people.ID{1, 3}},
		{"referrals or care on a day: each child once, the one known first first", "2022-03-20", "2022-03-20", []int{int(ixReferral), listCare}, []people.ID{2, 1, 3}},
		{"care after the referrals ended", "2022-08-01", "2022-08-31", []int{int(ixReferral), listCare}, []people.ID{2, 3}},
		{"the same list twice", "2022-03-20", "2022-03-20", []int{listCare, listCare}, []people.ID{2, 3}},
		{"contacts or referrals over a year", "2022-01-01", "2022-12-31", []int{int(ixContact), int(ixReferral)}, []people.ID{1, 3, 4}},
		{"before anything", "2020-01-01", "2020-12-31", []int{int(ixReferral), listCare, int(ixContact)}, nil},
		{"no list", "2022-03-20", "2022-03-20", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &calc{p: p, set: p.set, at: date(tc.to), from: date(tc.from), to: date(tc.to), bs: allBlocks}
			var got []people.ID
			c.eachInDays(date(tc.from), date(tc.to), func(k *pchild) { got = append(got, k.c.ID) }, tc.lists...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("walked %v, want %v", got, tc.want)
			}
			seen := p.ix.seen.Get().(*[]uint64)
			for w, word := range *seen {
				if word != 0 {
					t.Errorf("word %d of the seen bits left %b", w, word)
				}
			}
			p.ix.seen.Put(seen)
		})
	}
}

// TestKnownOrder: the prepared children are in the order each became
// known, by their earliest dated record (whatever its kind or place); those
// known by neither a record nor attendance first, those known only at
// school last, by their first attendance; the input's order among those
// of one day.
func TestKnownOrder(t *testing.T) {
	late := kid(1, "2010-01-01")
	late.add(rec(journey.KindVisit, "2022-05-01", ""))
	late.add(rec(journey.KindContact, "2021-02-01", "2021-02-01")) // the earlier, though second
	early := kid(2, "2010-01-01")
	early.add(rec(journey.KindReferral, "2019-07-01", "2019-08-01"))
	undated := kid(3, "2010-01-01")
	undated.add(rec(journey.KindNote, "", ""))
	pupil := kid(4, "2010-01-01")
	pupil.c.Attendance = []education.Period{{From: date("2020-09-01"), To: date("2020-12-18")}}
	tie := kid(5, "2010-01-01")
	tie.add(rec(journey.KindContact, "2021-02-01", "2021-02-01"))
	nothing := kid(6, "2010-01-01")
	p := Prepare(Input{Children: kids(late, early, undated, pupil, tie, nothing)})
	var got []people.ID
	for _, k := range p.kids {
		got = append(got, k.id)
	}
	if want := []people.ID{3, 6, 2, 1, 5, 4}; !slices.Equal(got, want) {
		t.Errorf("prepared order %v, want %v", got, want)
	}
	for _, k := range p.kids {
		if k.c.ID != k.id {
			t.Errorf("child %d prepared beside child %d's records", k.id, k.c.ID)
		}
	}
}

// TestFiguresAgreeInAnyOrder: a figure made with lists another figure let
// go (calc.list) is the figure its result gives, whichever figures came
// before it and however long their lists were; so is every figure at every
// date asked for at once, the children walked a block at a time (each
// block's measures one after another, the council's posts and pupils
// counted once), with an establishment of fractions of posts or of whole
// ones.
func TestFiguresAgreeInAnyOrder(t *testing.T) {
	for _, tc := range []struct{ kids, blocks int }{{blockKids, 1}, {64, 2}} {
		t.Run(fmt.Sprintf("blocks of %d children", tc.kids), func(t *testing.T) {
			inBlocks(t, tc.kids)
			in := withSchooling(town(), 11)
			in.Population = []PopulationYear{{Year: 2022, Children: 1000}}
			in.Workforce = Workforce{Positions: seedEstablishment(), Leavers: seedLeavers()}
			p := Prepare(in)
			var dates []civil.Date
			for m := range 30 {
				dates = append(dates, calendar.AddMonths(civil.MustNew(2020, 9, 1), m).AddDays(-1))
			}
			want := map[string]Figure{}
			for _, at := range dates {
				for _, d := range Definitions {
					want[d.ID+at.String()] = p.Compute(d, at).Figure()
				}
			}
			for pass := range 3 {
				for i := range dates {
					at := dates[i]
					if pass == 1 {
						at = dates[len(dates)-1-i]
					}
					for j := range Definitions {
						d := Definitions[j]
						if pass == 2 {
							d = Definitions[(j*7+i)%len(Definitions)]
						}
						if got := p.Figure(d, at); !reflect.DeepEqual(got, want[d.ID+at.String()]) {
							t.Fatalf("pass %d: %s at %s: figure %+v, its result's %+v", pass, d.ID, at, got, want[d.ID+at.String()])
						}
					}
				}
			}
			// Every figure at every date at once, each block's measures one after
			// another, as a framework asks for them.
			all := Figures(asks(p, dates))
			for i, at := range dates {
				for j, d := range Definitions {
					if got := all[i*len(Definitions)+j]; !reflect.DeepEqual(got, want[d.ID+at.String()]) {
						t.Fatalf("all at once: %s at %s: figure %+v, its result's %+v", d.ID, at, got, want[d.ID+at.String()])
					}
				}
			}
			if got := (len(p.kids) + blockKids - 1) / blockKids; got != tc.blocks {
				t.Fatalf("%d children in blocks of %d: %d blocks, want %d", len(p.kids), blockKids, got, tc.blocks)
			}
			// Whole posts: the workforce's figures are tallied block by block as
			// the children's are, not put in order over the city (tally.exact).
			whole := p.WithWorkforce(Workforce{Positions: slices.Clone(in.Workforce.Positions), Leavers: slices.Clone(in.Workforce.Leavers)})
			for i := range whole.in.Workforce.Positions {
				q := &whole.in.Workforce.Positions[i]
				q.Budgeted, q.Permanent, q.Vacant, q.Agency = math.Ceil(q.Budgeted), math.Ceil(q.Permanent), math.Ceil(q.Vacant), math.Ceil(q.Agency)
			}
			for i := range whole.in.Workforce.Leavers {
				whole.in.Workforce.Leavers[i].FTE = 1
			}
			// Asked with those of fractions of posts and of a part of the
			// town (other children) at once.
			part := p.Only(func(c Child) bool { return c.ID%3 != 0 })
			mixed := slices.Concat(asks(whole, dates), asks(p, dates), asks(part, dates))
			all = Figures(mixed)
			for i, a := range mixed {
				if want := a.Of.Compute(a.Def, a.At).Figure(); !reflect.DeepEqual(all[i], want) {
					t.Fatalf("asked at once (%d): %s at %s: figure %+v, its result's %+v", i, a.Def.ID, a.At, all[i], want)
				}
			}
			// A definition not in the registry has no value either way.
			nope := Definition{ID: "nope", Unit: UnitCount}
			if got, want := p.Figure(nope, dates[0]), p.Compute(nope, dates[0]).Figure(); !reflect.DeepEqual(got, want) || got.Value != nil {
				t.Errorf("an unregistered indicator: figure %+v, its result's %+v", got, want)
			}
			// The lists of results computed after the figures are their own.
			r := p.Compute(Definitions[0], dates[len(dates)-1])
			before := slices.Clone(r.Numerator)
			for _, d := range Definitions {
				p.Figure(d, dates[len(dates)-1])
			}
			if !reflect.DeepEqual(r.Numerator, before) {
				t.Errorf("a kept result's list changed under later figures")
			}
		})
	}
}

// asks is every indicator at each date, of p, by date.
func asks(p *Prepared, dates []civil.Date) []Ask {
	var out []Ask
	for _, at := range dates {
		for _, d := range Definitions {
			out = append(out, Ask{Of: p, Def: d, At: at})
		}
	}
	return out
}

// inBlocks makes the blocks of children Figures walks n children each (a
// multiple of 64) for the test: a town's children then lie in several.
func inBlocks(t *testing.T, n int) {
	old := blockKids
	blockKids = n
	t.Cleanup(func() { blockKids = old })
}

// TestFreeLists: a let-go list comes back emptied and cleared, the longest
// first; at most maxFree are kept, a longer one taking a shorter's place.
func TestFreeLists(t *testing.T) {
	ix := &index{}
	if l := ix.take(); l != nil {
		t.Fatalf("took %v from no lists", l)
	}
	ix.release(nil) // no room: not kept
	list := func(n, room int) []Entry {
		l := make([]Entry, n, room)
		for i := range l {
			l[i] = Entry{PersonID: people.ID(i + 1), Reason: "kept"}
		}
		return l
	}
	for _, room := range []int{10, 50, 20, 40, 30, 5} {
		ix.release(list(room/2, room))
	}
	var rooms []int
	for {
		l := ix.take()
		if l == nil {
			break
		}
		if len(l) != 0 || slices.ContainsFunc(l[:cap(l)], func(e Entry) bool { return e != Entry{} }) {
			t.Errorf("a list of room %d came back holding %v", cap(l), l[:cap(l)])
		}
		rooms = append(rooms, cap(l))
	}
	if want := []int{50, 40, 30, 20}; !slices.Equal(rooms, want) {
		t.Errorf("took lists of room %v, want %v", rooms, want)
	}
}

// TestPupilsCounted: a figure counts the pupils from the school year's
// days (Prepared.pupilsIn) and its result walks them; the two agree
// through the year, for terms with no sessions possible, a term that
// ends before it begins, a term not yet ended, and a term counting
// negative sessions (which makes the figure walk them too).
func TestPupilsCounted(t *testing.T) {
	term := func(id people.ID, from, to string, possible int) *cb {
		return kid(id, "2012-02-02").term(from, to, possible, possible)
	}
	cases := []struct {
		name     string
		children []*cb
		walked   bool
	}{
		{"terms ending through the year", []*cb{term(1, "2022-09-05", "2022-12-16", 140), term(2, "2023-01-04", "2023-03-31", 110),
			term(3, "2022-09-05", "2023-07-20", 380), term(4, "2021-09-06", "2021-12-17", 140)}, false},
		{"no sessions possible, then some", []*cb{term(1, "2022-09-05", "2022-12-16", 0), term(2, "2022-09-05", "2022-10-21", 0).term("2022-10-31", "2022-12-16", 70, 60)}, false},
		{"a term ending before it begins", []*cb{term(1, "2023-02-01", "2022-10-01", 50), term(2, "2022-09-05", "2022-12-16", 140)}, false},
		{"negative sessions: walked", []*cb{term(1, "2022-09-05", "2022-12-16", 140).term("2023-01-04", "2023-03-31", -200, 0), term(2, "2022-09-05", "2022-12-16", 140)}, true},
		{"no pupils", []*cb{kid(1, "2012-02-02")}, false},
	}
	defs := []string{"suspensions_per_100", "permanent_exclusions_per_100"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Prepare(Input{Children: kids(tc.children...)})
			for d := civil.MustNew(2022, 9, 1); d.Before(civil.MustNew(2023, 9, 1)); d = d.AddDays(9) {
				for _, id := range defs {
					def, _ := Lookup(id)
					if got, want := p.Figure(def, d), p.Compute(def, d).Figure(); !reflect.DeepEqual(got, want) {
						t.Fatalf("%s at %s: figure %+v, its result's %+v", id, d, got, want)
					}
				}
			}
			if _, ok := p.pupilsIn(civil.MustNew(2022, 9, 1)); ok == tc.walked {
				t.Errorf("the pupils counted by their days: %v, want %v", ok, !tc.walked)
			}
		})
	}
}

// TestExactSum: a list is summed in any order only when each amount is a
// whole number and the sum stays within the integers a float64 holds.
func TestExactSum(t *testing.T) {
	big := float64(1 << 52)
	cases := []struct {
		name    string
		amounts []float64
		want    bool
	}{
		{"none", nil, true},
		{"counted, no amounts", []float64{0, 0}, true},
		{"days and scores", []float64{410, 17, 1, 365}, true},
		{"negative whole numbers", []float64{-3, 5}, true},
		{"an FTE", []float64{1, 0.5}, false},
		{"near the limit", []float64{big, big - 1}, true},
		{"past the limit", []float64{big, big}, false},
		{"past the limit by magnitudes", []float64{big, -big}, false},
		{"not a number", []float64{math.NaN()}, false},
		{"infinite", []float64{math.Inf(1)}, false},
	}
	for _, tc := range cases {
		var es []Entry
		for _, a := range tc.amounts {
			es = append(es, Entry{Amount: a})
		}
		if got := tallyOf(es).exact(); got != tc.want {
			t.Errorf("%s: exact %v, want %v", tc.name, got, tc.want)
		}
		// A list tallied in two parts (a block's, then the next's) is as exact.
		if got := tallyOf(es[:len(es)/2]).plus(tallyOf(es[len(es)/2:])).exact(); got != tc.want {
			t.Errorf("%s in two parts: exact %v, want %v", tc.name, got, tc.want)
		}
	}
}
