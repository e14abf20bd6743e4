package indicators

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"hearth/internal/calendar"
	"hearth/internal/civil"
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
		l.add(i, from, to)
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
		l.mark(from, to, seen)
		for i, s := range spans {
			got := seen[i>>6]&(1<<(i&63)) != 0
			if want := touches(s, from, to); got != want {
				t.Fatalf("span %s to %s, window %s to %s: marked %v, want %v", s.from, s.to, from, to, got, want)
			}
		}
		clear(seen)
	}
}

// walkingEvery is the input prepared so that every measure walks every
// child, as it did before the spans: each list gives each child, for ever.
func walkingEvery(in Input) *Prepared {
	p := Prepare(in)
	for l := range lists {
		p.ix.once[l].Do(func() {
			for i := range p.kids {
				p.ix.spans[l].add(i, civil.Date{}, civil.Date{})
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
	inputs := map[string]Input{"town": town()}
	if !testing.Short() {
		inputs["Demo City"] = demoCity()
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
