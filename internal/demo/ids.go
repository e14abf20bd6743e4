package demo

import (
	"fmt"
	"time"

	"hearth/internal/people"
)

// Identifier ranges.
const (
	// nhsTestPrefix starts every NHS number in Demo City: the NHS keeps
	// numbers starting 999 for testing, so none is a real patient's.
	nhsTestPrefix = "999"
	nhsStems      = 1_000_000 // six digits follow the prefix
	laCode        = "336"     // the council's DfE local authority code, in each UPN
	laChildBase   = 1_000_000 // LA child ids are DC and seven digits
	laChildSpan   = 9_000_000
)

// buildIdentifiers gives NHS numbers to every child born and every person
// known to the service, UPNs to children of school age, LA child ids to
// everyone known to the service, and records "no disability" for those
// known to it under 25 with none.
func (g *gen) buildIdentifiers() {
	nhs := newSequence(g, nhsStems)
	la := newSequence(g, laChildSpan)
	schools := g.newSchools()
	for i := range g.city.People {
		p := &g.city.People[i]
		if p.DateOfBirth.IsZero() {
			if g.known[i] {
				p.Identifiers.LAChildID = fmt.Sprintf("DC%07d", laChildBase+la.next())
			}
			continue
		}
		age := p.DateOfBirth.AgeOn(g.today)
		if age < 18 || g.known[i] {
			for {
				k, ok := nhs.tryNext()
				if !ok {
					break // the test range is used up (only at very large scales)
				}
				stem := fmt.Sprintf("%s%06d", nhsTestPrefix, k)
				// 9999999999 passes the check but is a placeholder.
				if d, ok := people.NHSCheckDigit(stem); ok && people.ValidNHSNumber(fmt.Sprintf("%s%d", stem, d)) {
					p.Identifiers.NHSNumber = fmt.Sprintf("%s%d", stem, d)
					break
				}
			}
		}
		if age >= 4 && age <= 16 || age == 17 && g.chance(0.7) {
			p.Identifiers.UPN = schools.upn(g, i, p)
		}
		if g.known[i] {
			p.Identifiers.LAChildID = fmt.Sprintf("DC%07d", laChildBase+la.next())
			// Up to 25: a young adult now may be in a past year's CIN
			// census as a child, which needs a disability (rule 8540).
			if age < 25 && len(p.Disabilities) == 0 {
				p.Disabilities = []string{people.DisabilityNone}
			}
		}
	}
}

// sequence walks 0..span-1 in a scrambled order, each number once: k-th
// value is (a*k + b) mod span with a prime to span.
type sequence struct {
	a, b, span, k int
}

func newSequence(g *gen, span int) *sequence {
	a := 1 + 2*g.r.IntN(span/4)
	for gcd(a, span) != 1 {
		a += 2
	}
	return &sequence{a: a, b: g.r.IntN(span), span: span}
}

func (s *sequence) tryNext() (int, bool) {
	if s.k >= s.span {
		return 0, false
	}
	v := (s.a*s.k + s.b) % s.span
	s.k++
	return v, true
}

func (s *sequence) next() int {
	v, ok := s.tryNext()
	if !ok {
		panic("demo: identifier range used up")
	}
	return v
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// schools hands out unique pupil numbers: the council's code, a school's
// establishment number, the two-digit year the number was issued and a
// serial within that school and year. Brothers and sisters go to the same
// schools.
type schools struct {
	primary, secondary []int
	serial             map[[2]int]int // by school and year: the next serial
	ofHousehold        map[int][2]int // by household: its primary and secondary school
}

func (g *gen) newSchools() *schools {
	s := &schools{serial: make(map[[2]int]int), ofHousehold: make(map[int][2]int)}
	pick := func(n, lo, span int) []int {
		used := make(map[int]bool)
		var out []int
		for len(out) < n && len(out) < span {
			v := lo + g.r.IntN(span)
			if !used[v] {
				used[v] = true
				out = append(out, v)
			}
		}
		return out
	}
	s.primary = pick(70*g.scale, 2000, 2000)
	s.secondary = pick(20*g.scale, 4000, 1000)
	return s
}

// upn issues a child's UPN.
func (s *schools) upn(g *gen, i int, p *people.Person) string {
	hi := g.hhOf[i]
	sch, ok := s.ofHousehold[hi]
	if !ok {
		sch = [2]int{s.primary[g.r.IntN(len(s.primary))], s.secondary[g.r.IntN(len(s.secondary))]}
		s.ofHousehold[hi] = sch
	}
	// The number was issued when the child started school, or this year for
	// a child not yet in reception.
	entry := p.DateOfBirth.Year + 4
	if p.DateOfBirth.Month >= time.September {
		entry++
	}
	entry = min(entry, g.today.Year)
	school := sch[0]
	if p.DateOfBirth.AgeOn(g.today) >= 11 {
		school = sch[1]
	}
	for {
		key := [2]int{school, entry}
		n := s.serial[key]
		if n < 1000 {
			s.serial[key] = n + 1
			rest := fmt.Sprintf("%s%04d%02d%03d", laCode, school, entry%100, n)
			c, _ := people.UPNCheckLetter(rest)
			return string(c) + rest
		}
		school = s.primary[g.r.IntN(len(s.primary))] // that school and year are full
	}
}
