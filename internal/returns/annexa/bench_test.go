package annexa

import (
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/report"
)

// city builds n children whose journeys look like a city's over the five
// years to at: every child came through the front door; some had early
// help; some were referred and assessed, with visits, enquiries and plans;
// some came into care, moved, went missing, were reviewed and checked, and
// some of those left care. The same seed gives the same children.
func city(n int, at civil.Date, seed uint64) []Child {
	rng := rand.New(rand.NewPCG(seed, 2))
	day := func(from civil.Date, within int) civil.Date { return from.AddDays(rng.IntN(max(within, 1))) }
	clip := func(x civil.Date) civil.Date {
		if x.After(at) {
			return civil.Date{}
		}
		return x
	}
	out := make([]Child, 0, n)
	for i := range n {
		k := newKid(people.ID(i+1), "")
		k.next = journey.ID(i+1) * 10000
		k.c.Person.DateOfBirth = day(at.AddDays(-18*365), 18*365)
		first := day(at.AddDays(-5*365), 5*365-30)
		if first.Before(k.c.Person.DateOfBirth) {
			first = k.c.Person.DateOfBirth
		}
		k.contact(first.String())
		worker := access.UserID(10 + rng.IntN(3))
		switch p := rng.IntN(100); {
		case p < 35: // the front door only
		case p < 55:
			r := rec(journey.KindEarlyHelp, first.String(), "")
			r.End = clip(first.AddDays(60 + rng.IntN(300)))
			r.EarlyHelp = &journey.EarlyHelp{AssessmentDate: clip(first.AddDays(rng.IntN(40))), FamilyHub: "East hub"}
			k.add(r)
		case p < 88:
			end := clip(first.AddDays(30 + rng.IntN(700)))
			nfa := rng.IntN(5) == 0
			r := rec(journey.KindReferral, first.String(), "")
			r.End, r.TeamID, r.WorkerID = end, 1, worker
			r.Referral = &journey.Referral{Source: "6", PrimaryNeed: "N1", NFA: nfa}
			if nfa {
				r.End = first
			} else if !end.IsZero() {
				r.Referral.ClosureReason = "RC7"
			}
			ref := k.add(r)
			if nfa {
				break
			}
			a := rec(journey.KindAssessment, first.String(), "")
			a.Episode, a.End, a.Assessment = ref, clip(first.AddDays(20+rng.IntN(40))), &journey.Assessment{ChildSeen: true}
			k.add(a)
			al := rec(journey.KindAllocation, first.String(), "")
			al.End, al.TeamID, al.WorkerID, al.Allocation = end, 2, worker, &journey.Allocation{}
			k.add(al)
			last := end
			if last.IsZero() {
				last = at
			}
			for v := first.AddDays(10); v.Before(last); v = v.AddDays(20 + rng.IntN(30)) {
				k.visit(v.String(), true, rng.IntN(2) == 0)
			}
			if rng.IntN(3) == 0 {
				st := k.within(journey.KindStrategy, ref, 0, first.AddDays(5).String(), "")
				s := k.within(journey.KindS47, ref, st, first.AddDays(5).String(), first.AddDays(15).String())
				k.within(journey.KindICPC, ref, s, first.AddDays(15).String(), "")
				plan := rec(journey.KindCPPlan, first.AddDays(15).String(), "")
				plan.Episode, plan.End, plan.Plan = ref, clip(first.AddDays(15+rng.IntN(400))), &journey.Plan{InitialCategory: "NEG"}
				pid := k.add(plan)
				for rv := first.AddDays(105); rv.Before(last); rv = rv.AddDays(182) {
					k.within(journey.KindCPReview, ref, pid, rv.String(), "")
				}
			} else {
				plan := rec(journey.KindCINPlan, first.AddDays(40).String(), "")
				plan.Episode, plan.End, plan.Plan = ref, end, &journey.Plan{}
				k.add(plan)
			}
		default:
			start := first
			end := clip(start.AddDays(90 + rng.IntN(1500)))
			e := start
			for move := 0; ; move++ {
				next := clip(e.AddDays(100 + rng.IntN(400)))
				if !end.IsZero() && (next.IsZero() || !next.Before(end)) {
					next = end
				}
				reasonNew, ceased := "P", "X1"
				if move == 0 {
					reasonNew = "S"
				}
				if next == end {
					ceased = "E13"
					if end.IsZero() {
						ceased = ""
					}
				}
				k.episode(e.String(), next.String(), "C2", "U4", reasonNew, ceased)
				if next.IsZero() || next == end {
					break
				}
				e = next
			}
			last := end
			if last.IsZero() {
				last = at
			}
			for v := start.AddDays(7); v.Before(last); v = v.AddDays(42) {
				k.visit(v.String(), true, false)
			}
			for rv := start.AddDays(20); rv.Before(last); rv = rv.AddDays(180) {
				k.on(journey.KindCareReview, rv.String())
				k.on(journey.KindHealthAssessment, rv.String())
			}
			for m := range rng.IntN(4) {
				ms := day(start, last.DaysSince(start))
				k.missing(ms.String(), ms.AddDays(1+m).String(), m == 2, true, m == 0)
			}
		}
		out = append(out, k.c)
	}
	return out
}

// BenchmarkAnnexA makes every list for six months of a city of 5,000
// children, then renders the workbook.
func BenchmarkAnnexA(b *testing.B) {
	at := civil.MustNew(2023, time.March, 31)
	children := city(5000, at, 11)
	w := Months(at, 6)
	b.Run("Build", func(b *testing.B) {
		for b.Loop() {
			Build(w, children, names)
		}
	})
	l := Build(w, children, names)
	records := 0
	for _, c := range children {
		records += len(c.Records)
	}
	b.Logf("%d children, %d records; rows: contacts %d, referrals %d, assessments %d, S47 %d, CIN %d, CP %d, in care %d, leavers %d",
		len(children), records, len(l.Contacts), len(l.Referrals), len(l.Assessments), len(l.Enquiries), len(l.ChildrenInNeed), len(l.Protection), len(l.InCare), len(l.CareLeavers))
	b.Run("XLSX", func(b *testing.B) {
		made := time.Date(2023, time.April, 3, 9, 0, 0, 0, time.UTC)
		for b.Loop() {
			if err := report.XLSX(io.Discard, Document(l, made)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCityLists checks the synthetic city gives every list of children
// rows, so that the benchmark measures work on each.
func TestCityLists(t *testing.T) {
	at := civil.MustNew(2023, time.March, 31)
	l := Build(Months(at, 6), city(2000, at, 11), names)
	counts := map[string]int{"1": len(l.Contacts), "2": len(l.EarlyHelp), "3": len(l.Referrals), "4": len(l.Assessments),
		"5": len(l.Enquiries), "6": len(l.ChildrenInNeed), "7": len(l.Protection), "8": len(l.InCare)}
	for list, n := range counts {
		if n == 0 {
			t.Errorf("List %s is empty for the synthetic city", list)
		}
	}
}
