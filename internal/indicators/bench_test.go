package indicators

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"testing"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// synthetic builds n children with journeys shaped like a city's over the
// five years to at: most known only at the front door or in early help,
// some referred and assessed, some on plans and visited every few weeks
// for as long as the plan lasts, some in care with moves, reviews, visits,
// checks and missing episodes, some care leavers. The same seed gives the
// same children.
func synthetic(n int, at civil.Date, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 1))
	day := func(from civil.Date, within int) civil.Date { return from.AddDays(rng.IntN(within)) }
	start := at.AddDays(-5 * 365)
	in := Input{Population: []PopulationYear{{Year: at.Year, Children: 63051}}}
	for i := range n {
		dob := day(at.AddDays(-17*365), 17*365)
		b := kid(people.ID(i+1), dob.String())
		first := day(start, 5*365-30)
		if first.Before(dob) {
			first = dob
		}
		recv := civil.StartOfLondon(first).Add(9 * 3600e9)
		b.add(journey.Record{Kind: journey.KindContact, Start: first, End: first,
			Contact: &journey.Contact{ReceivedAt: recv, DecidedAt: recv.Add(20 * 3600e9), Source: "6", Decision: "referral"}})
		switch p := rng.IntN(100); {
		case p < 35: // the front door only
		case p < 55: // early help
			end := first.AddDays(60 + rng.IntN(300))
			closure := []string{"sustained_progress", "step_up", "declined"}[rng.IntN(3)]
			if end.After(at) {
				b.add(journey.Record{Kind: journey.KindEarlyHelp, Start: first, EarlyHelp: &journey.EarlyHelp{}})
			} else {
				b.add(journey.Record{Kind: journey.KindEarlyHelp, Start: first, End: end, EarlyHelp: &journey.EarlyHelp{Closure: closure}})
			}
		case p < 88: // referred: assessment, perhaps a CIN or CP plan
			synthReferral(b, rng, first, at)
		default: // in care, perhaps left
			synthCare(b, rng, dob, first, at)
		}
		in.Children = append(in.Children, b.child())
	}
	in.Workforce = Workforce{Positions: seedEstablishment(), Leavers: seedLeavers()}
	return in
}

// clip is d, or the zero Date when d is after at (still open at the date).
func clip(d, at civil.Date) civil.Date {
	if d.After(at) {
		return civil.Date{}
	}
	return d
}

func synthReferral(b *cb, rng *rand.Rand, first, at civil.Date) {
	nfa := rng.IntN(5) == 0
	length := 30 + rng.IntN(700)
	end := clip(first.AddDays(length), at)
	ref := journey.Record{Kind: journey.KindReferral, Start: first, End: end, Referral: &journey.Referral{Source: "6", PrimaryNeed: "N1", NFA: nfa}}
	if nfa {
		ref.End = first
	}
	r := b.add(ref)
	if nfa {
		return
	}
	b.add(journey.Record{Kind: journey.KindVisit, Start: first.AddDays(rng.IntN(9)), Episode: r, Visit: &journey.Visit{Seen: true}})
	b.add(journey.Record{Kind: journey.KindAssessment, Episode: r, Start: first, End: clip(first.AddDays(20+rng.IntN(60)), at), Assessment: &journey.Assessment{}})
	b.add(journey.Record{Kind: journey.KindAllocation, Start: first, End: end, TeamID: 1, WorkerID: access.UserID(1 + rng.IntN(200)), Allocation: &journey.Allocation{}})
	planStart := first.AddDays(45)
	if planStart.After(at) {
		return
	}
	kind, every := journey.KindCINPlan, 28
	if rng.IntN(3) == 0 {
		kind, every = journey.KindCPPlan, 12
		sd := b.add(journey.Record{Kind: journey.KindStrategy, Episode: r, Start: first.AddDays(30), Strategy: &journey.Strategy{Outcome: "s47"}})
		s := b.add(journey.Record{Kind: journey.KindS47, Episode: r, Follows: sd, Start: first.AddDays(30), End: first.AddDays(40), S47: &journey.S47{Outcome: "icpc"}})
		b.add(journey.Record{Kind: journey.KindICPC, Episode: r, Follows: s, Start: planStart, ICPC: &journey.ICPC{Plan: true}})
	}
	planEnd := end
	p := b.add(journey.Record{Kind: kind, Episode: r, Start: planStart, End: planEnd, Plan: &journey.Plan{}})
	last := at
	if !planEnd.IsZero() {
		last = planEnd
	}
	for d := planStart.AddDays(every); !d.After(last); d = d.AddDays(every + rng.IntN(6) - 2) {
		b.add(journey.Record{Kind: journey.KindVisit, Episode: r, Follows: p, Start: d, Visit: &journey.Visit{Seen: rng.IntN(10) > 0}})
	}
	if kind == journey.KindCPPlan {
		for d := planStart.AddDays(85); !d.After(last); d = d.AddDays(175) {
			b.add(journey.Record{Kind: journey.KindCPReview, Episode: r, Follows: p, Start: d, Review: &journey.Review{Continue: true}})
		}
	}
}

func synthCare(b *cb, rng *rand.Rand, dob, first, at civil.Date) {
	if dob.AgeOn(first) >= 17 {
		first = care.Birthday(dob, 16)
	}
	eighteen := care.Birthday(dob, 18)
	end := first.AddDays(200 + rng.IntN(1500))
	if end.After(eighteen) {
		end = eighteen
	}
	end = clip(end, at)
	// Episodes: a move every so often, each new placement its own household.
	moves := rng.IntN(4)
	cur := first
	for m := 0; m <= moves; m++ {
		next := cur.AddDays(100 + rng.IntN(400))
		rne, rec := "P", "X1"
		if m == 0 {
			rne = "S"
		}
		last := m == moves || (!end.IsZero() && !next.Before(end)) || next.After(at)
		epEnd := next
		if last {
			epEnd, rec = end, "E4A"
			if end.IsZero() {
				rec = ""
			} else if end == eighteen {
				rec = "E17"
			}
		}
		place := []string{"U4", "U6", "U1", "K2", "U6"}[rng.IntN(5)]
		provider := "PR1"
		if place == "K2" || rng.IntN(3) == 0 {
			provider = "PR4"
		}
		b.add(journey.Record{Kind: journey.KindCareEpisode, Start: cur, End: epEnd, CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1",
			Placement: place, Provider: provider, Household: care.HouseholdID(rng.IntN(500)), ReasonNew: rne, ReasonCeased: rec}})
		if last {
			break
		}
		cur = next
	}
	stop := at
	if !end.IsZero() {
		stop = end
	}
	for d := first.AddDays(15); d.Before(stop); d = d.AddDays(170 + rng.IntN(30)) {
		b.add(journey.Record{Kind: journey.KindCareReview, Start: d, CareReview: &care.Review{Participation: "PN1"}})
	}
	for d := first.AddDays(5); d.Before(stop); d = d.AddDays(35 + rng.IntN(14)) {
		b.add(journey.Record{Kind: journey.KindVisit, Start: d, Visit: &journey.Visit{Seen: true}})
	}
	for d := first.AddDays(20); d.Before(stop); d = d.AddDays(330 + rng.IntN(60)) {
		b.add(journey.Record{Kind: journey.KindHealthAssessment, Start: d, HealthAssessment: &care.HealthAssessment{}})
		b.add(journey.Record{Kind: journey.KindDentalCheck, Start: d.AddDays(10), DentalCheck: &care.DentalCheck{}})
		score := rng.IntN(30)
		b.add(journey.Record{Kind: journey.KindSDQ, Start: d.AddDays(20), SDQ: &care.SDQ{Score: &score}})
	}
	for range rng.IntN(4) {
		d := day2(rng, first, stop)
		ret := civil.StartOfLondon(d.AddDays(1)).Add(10 * 3600e9)
		b.add(journey.Record{Kind: journey.KindMissing, Start: d, End: d.AddDays(1), Missing: &care.Missing{StartedAt: civil.StartOfLondon(d),
			ReturnedAt: ret, InterviewDate: d.AddDays(1 + rng.IntN(4))}})
	}
	if end == eighteen {
		b.add(journey.Record{Kind: journey.KindLeavingCare, Start: end, LeavingCare: &care.LeavingCare{}})
		for n := 18; n <= 21; n++ {
			if bd := care.Birthday(dob, n); !bd.After(at) {
				b.add(journey.Record{Kind: journey.KindLeaverContact, Start: bd, LeaverContact: &care.LeaverContact{InTouch: "YES", Activity: "F2", Accommodation: "U1"}})
			}
		}
	}
}

// day2 is a day from from up to the day before to.
func day2(rng *rand.Rand, from, to civil.Date) civil.Date {
	n := to.DaysSince(from)
	if n < 1 {
		return from
	}
	return from.AddDays(rng.IntN(n))
}

// TestSyntheticAgrees holds every indicator on the synthetic city, at two
// dates, to its lists: a broad check of the invariant on records no test
// wrote by hand.
func TestSyntheticAgrees(t *testing.T) {
	in := synthetic(2000, date("2023-03-31"), 7)
	p := Prepare(in)
	for _, at := range []string{"2023-03-31", "2022-11-15"} {
		for _, def := range Definitions {
			r := p.Compute(def, date(at))
			checkAgrees(t, def, r)
			if r.Value == nil && def.Unit != UnitCount && len(r.Denominator) > 0 {
				t.Errorf("%s at %s: no value with a denominator of %d", def.ID, at, len(r.Denominator))
			}
		}
	}
}

// BenchmarkFramework computes every indicator at one date for 10,000
// children, preparing the input as a page would (Prepare is in the loop).
func BenchmarkFramework(b *testing.B) {
	at := date("2023-03-31")
	in := synthetic(10000, at, 1)
	records := 0
	for _, c := range in.Children {
		records += len(c.Records)
	}
	cpu := cpuTime()
	for b.Loop() {
		ComputeAll(in, at)
	}
	b.ReportMetric(float64(records), "records")
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkTrend is a year of month ends for every indicator on one
// preparation, as a trend chart would compute them.
func BenchmarkTrend(b *testing.B) {
	at := date("2023-03-31")
	in := synthetic(10000, at, 1)
	cpu := cpuTime()
	for b.Loop() {
		p := Prepare(in)
		for m := range 12 {
			p.All(monthEnd(at, -m))
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// monthEnd is the last day of the month m months from at's.
func monthEnd(at civil.Date, m int) civil.Date {
	first := civil.Date{Year: at.Year, Month: at.Month, Day: 1}
	return calendar.AddMonths(first, m+1).AddDays(-1)
}

// BenchmarkMonthEnds is the figures (lists counted, not kept) of every
// indicator at 24 month ends, each with the year before, as the framework
// pages ask for them (Figures, at the two dates at once), on one preparation of HEARTH_SYNTH_CHILDREN children
// (10,000 unless set): run at two sizes, it shows whether a month end's
// cost grows with the city no faster than linearly.
func BenchmarkMonthEnds(b *testing.B) {
	n := 10000
	if s := os.Getenv("HEARTH_SYNTH_CHILDREN"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("HEARTH_SYNTH_CHILDREN: %v", err)
		}
		n = v
	}
	at := date("2023-03-31")
	p := Prepare(synthetic(n, at, 1))
	for _, d := range Definitions { // the spans made, as after a first framework
		p.Figure(d, at)
	}
	runtime.GC() // the city's making collected first, as `hearth bench` does
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		for m := range 24 {
			Figures(asks(p, []civil.Date{monthEnd(at, -m), monthEnd(at, -m-12)}))
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}
