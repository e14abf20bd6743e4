package demo

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

var testToday = civil.MustNew(2026, time.March, 31)

// city1 is the scale-1 city most tests read; it is made once.
var city1 = sync.OnceValue(func() *City { return Generate(1, 1, testToday) })

// city2 is a second city, for what must hold for more than one seed.
var city2 = sync.OnceValue(func() *City { return Generate(2, 1, testToday) })

// city1Fingerprint is city1's fingerprint, taken once.
var city1Fingerprint = sync.OnceValue(func() [32]byte { return fingerprint(city1()) })

// fingerprint hashes the city's JSON encoding: the city without its long
// lists, then each person, relationship, involvement and journey record in
// turn. Encoding the whole city as one value built a buffer of some
// hundreds of megabytes, and growing it was most of the time taken.
func fingerprint(c *City) [32]byte {
	h := sha256.New()
	enc := json.NewEncoder(h)
	head := *c
	head.People, head.Relationships, head.Involvements, head.Journeys = nil, nil, nil, nil
	must(enc.Encode(head))
	encodeEach(enc, c.People)
	encodeEach(enc, c.Relationships)
	encodeEach(enc, c.Involvements)
	encodeEach(enc, c.Journeys)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func encodeEach[T any](enc *json.Encoder, list []T) {
	for i := range list {
		must(enc.Encode(&list[i]))
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := city1(), Generate(1, 1, testToday)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two cities from the same seed differ")
	}
	// Byte for byte: encode both at once.
	var fa, fb [32]byte
	var wg sync.WaitGroup
	wg.Go(func() { fa = city1Fingerprint() })
	wg.Go(func() { fb = fingerprint(b) })
	wg.Wait()
	if fa != fb {
		t.Fatal("two cities from the same seed encode differently")
	}
	c := city2()
	if reflect.DeepEqual(a.People, c.People) || reflect.DeepEqual(a.Involvements, c.Involvements) || reflect.DeepEqual(a.Journeys, c.Journeys) {
		t.Fatal("cities from seeds 1 and 2 are the same")
	}
	if len(a.Journeys) == 0 {
		t.Fatal("the city has no journeys")
	}
}

func countChildren(c *City) int {
	n := 0
	for _, p := range c.People {
		if !p.DateOfBirth.IsZero() && p.DateOfBirth.AgeOn(c.Today) < 18 {
			n++
		}
	}
	return n
}

func TestChildrenCount(t *testing.T) {
	t.Parallel()
	if got := countChildren(city1()); got != ChildrenAtScale1 {
		t.Errorf("scale 1: %d children under 18, want %d", got, ChildrenAtScale1)
	}
	if testing.Short() {
		t.Skip("scale 2 skipped in short mode")
	}
	c2 := Generate(5, 2, testToday)
	if got := countChildren(c2); got != 2*ChildrenAtScale1 {
		t.Errorf("scale 2: %d children under 18, want %d", got, 2*ChildrenAtScale1)
	}
	s1, s2 := city1().Stats(), c2.Stats()
	for _, k := range []string{KindLookedAfter, KindChildInNeed, KindEarlyHelp} {
		if got, want := s2.OpenKind[k], 2*s1.OpenKind[k]; !within(got, want, 0.15) {
			t.Errorf("scale 2: %d open %s, want about %d", got, k, want)
		}
	}
	f1, f2 := city1().JourneyFigures(testToday), c2.JourneyFigures(testToday)
	if !within(f2.CPPlans, 2*f1.CPPlans, 0.2) || !within(f2.Referrals, 2*f1.Referrals, 0.1) {
		t.Errorf("scale 2: %d CP plans and %d referrals, want about twice scale 1's %d and %d", f2.CPPlans, f2.Referrals, f1.CPPlans, f1.Referrals)
	}
}

func within(got, want int, frac float64) bool {
	return math.Abs(float64(got-want)) <= frac*float64(want)
}

func TestPeopleAreValid(t *testing.T) {
	t.Parallel()
	c := city1()
	s := c.Stats()
	if s.People < 120000 || s.People > 170000 {
		t.Errorf("%d people, want roughly 150,000", s.People)
	}
	if s.MinorityShare <= 1.0/3 {
		t.Errorf("%.1f%% of children from minority ethnic groups, want over a third", 100*s.MinorityShare)
	}
	if s.ChildLanguages < 85 || s.ChildLanguages > 110 {
		t.Errorf("%d first languages among children, want about 90", s.ChildLanguages)
	}
	if s.Unborn == 0 || s.Restricted == 0 {
		t.Errorf("%d unborn and %d restricted records, want some of each", s.Unborn, s.Restricted)
	}

	// An unaccompanied child in care has no home in the city but their
	// placement, whose address is on their episodes of care, not here.
	unaccompanied := map[people.ID]bool{}
	for _, j := range c.Journeys {
		if j.Record.Kind == journey.KindUASC {
			unaccompanied[j.Record.PersonID] = true
		}
	}
	wbri, disabled, moved := 0, 0, 0
	for i, p := range c.People {
		if err := people.Validate(p, c.Today); err != nil {
			t.Fatalf("person %d (%s) is not valid: %v", i, p.FullName(), err)
		}
		for _, code := range []struct {
			field, v string
			list     people.CodeList
		}{{"sex", p.Sex, people.SexCodes}, {"ethnicity", p.Ethnicity, people.EthnicityCodes},
			{"first language", p.FirstLanguage, people.LanguageCodes}, {"religion", p.Religion, people.ReligionCodes}} {
			if !code.list.Has(code.v) {
				t.Fatalf("person %d: %s %q is not in its code list", i, code.field, code.v)
			}
		}
		if p.FamilyName == "" || p.GivenName == "" && !p.DateOfBirth.IsZero() {
			t.Fatalf("person %d has no name: %+v", i, p)
		}
		if p.DateOfBirth.IsZero() {
			if p.ExpectedDateOfBirth.IsZero() || !p.ExpectedDateOfBirth.After(c.Today) {
				t.Fatalf("unborn person %d: expected date of birth %v, want one after today", i, p.ExpectedDateOfBirth)
			}
			continue
		}
		if p.DateOfBirth.After(c.Today) {
			t.Fatalf("person %d born in the future: %v", i, p.DateOfBirth)
		}
		switch {
		case len(p.Addresses) == 0 && unaccompanied[people.ID(i)]:
		case len(p.Addresses) == 0:
			t.Fatalf("person %d has no address", i)
		case len(p.Addresses) > 1:
			moved++
		}
		if _, ok := p.CurrentAddress(); !ok && len(p.Addresses) > 0 {
			t.Fatalf("person %d has no current address", i)
		}
		if p.DateOfBirth.AgeOn(c.Today) < 18 {
			if p.Ethnicity == "WBRI" {
				wbri++
			}
			if len(p.Disabilities) > 0 && p.Disabilities[0] != people.DisabilityNone {
				disabled++
			}
		}
	}
	if share := float64(wbri) / float64(s.Children); share < 0.57 || share > 0.66 {
		t.Errorf("%.1f%% of children White British, want about 62%%", 100*share)
	}
	if share := float64(disabled) / float64(s.Children); share < 0.02 || share > 0.08 {
		t.Errorf("%.1f%% of children with a disability, want a few per cent", 100*share)
	}
	if moved == 0 {
		t.Error("no one has a previous address")
	}
}

func TestIdentifiersAreValidAndUnique(t *testing.T) {
	t.Parallel()
	c := city1()
	nhs := make(map[string]int)
	upn := make(map[string]int)
	la := make(map[string]int)
	for i, p := range c.People {
		ids := p.Identifiers
		if n := ids.NHSNumber; n != "" {
			d, ok := people.NHSCheckDigit(n[:9])
			if len(n) != 10 || !ok || int(n[9]-'0') != d || !strings.HasPrefix(n, nhsTestPrefix) {
				t.Fatalf("person %d: NHS number %q is not a valid test-range number", i, n)
			}
			if j, dup := nhs[n]; dup {
				t.Fatalf("people %d and %d share NHS number %s", j, i, n)
			}
			nhs[n] = i
		}
		if u := ids.UPN; u != "" {
			l, ok := people.UPNCheckLetter(u[1:])
			if len(u) != 13 || !ok || l != u[0] || u[1:4] != laCode {
				t.Fatalf("person %d: UPN %q is not valid", i, u)
			}
			if j, dup := upn[u]; dup {
				t.Fatalf("people %d and %d share UPN %s", j, i, u)
			}
			upn[u] = i
		}
		if id := ids.LAChildID; id != "" {
			if j, dup := la[id]; dup {
				t.Fatalf("people %d and %d share LA child id %s", j, i, id)
			}
			la[id] = i
		}
		if p.DateOfBirth.IsZero() {
			continue
		}
		age := p.DateOfBirth.AgeOn(c.Today)
		if age < 18 && ids.NHSNumber == "" {
			t.Fatalf("child %d has no NHS number", i)
		}
		if age >= 4 && age <= 16 && ids.UPN == "" {
			t.Fatalf("child %d aged %d has no UPN", i, age)
		}
		if age < 4 && ids.UPN != "" {
			t.Fatalf("child %d aged %d has a UPN", i, age)
		}
	}
	known := make(map[int]bool)
	for _, inv := range c.Involvements {
		known[inv.Person] = true
	}
	for i := range known {
		if c.People[i].Identifiers.LAChildID == "" {
			t.Fatalf("person %d is known to the service but has no LA child id", i)
		}
	}
}

func TestPostcodes(t *testing.T) {
	t.Parallel()
	for i, p := range city1().People {
		for _, a := range p.Addresses {
			pc := a.Postcode
			if !people.ValidPostcode(pc) || people.NormalisePostcode(pc) != pc {
				t.Fatalf("person %d: postcode %q is not a valid postcode written the standard way", i, pc)
			}
			out, in, _ := strings.Cut(pc, " ")
			var district int
			if _, err := fmt.Sscanf(out, "WV%d", &district); err != nil || district < 1 || district > 14 || out != fmt.Sprintf("WV%d", district) {
				t.Fatalf("person %d: postcode %q is not in WV1 to WV14", i, pc)
			}
			if !strings.ContainsRune(inwardLetters, rune(in[1])) || !strings.ContainsRune(inwardLetters, rune(in[2])) {
				t.Fatalf("person %d: postcode %q has a letter not used in inward codes", i, pc)
			}
			if a.Ward == "" || a.Town == "" || a.Line1 == "" {
				t.Fatalf("person %d: incomplete address %+v", i, a)
			}
		}
	}
}

func TestRelationships(t *testing.T) {
	t.Parallel()
	c := city1()
	type key struct {
		from, to people.ID
		typ      string
	}
	seen := make(map[key]bool)
	parents := 0
	for i, r := range c.Relationships {
		if r.From < 0 || int(r.From) >= len(c.People) || r.To < 0 || int(r.To) >= len(c.People) {
			t.Fatalf("relationship %d indexes outside People: %+v", i, r)
		}
		if r.From == r.To {
			t.Fatalf("relationship %d links person %d to themself", i, r.From)
		}
		withIDs := r
		withIDs.From, withIDs.To = r.From+1, r.To+1
		if err := people.ValidateRelationship(withIDs); err != nil {
			t.Fatalf("relationship %d is not valid: %v", i, err)
		}
		k := key{r.From, r.To, r.Type}
		if seen[k] {
			t.Fatalf("relationship %d repeats %+v", i, k)
		}
		seen[k] = true
		if r.Type == "parent" {
			from, to := c.People[r.From], c.People[r.To]
			if to.IsChildOn(c.Today) {
				parents++
				if age := from.DateOfBirth.AgeOn(c.Today); age < 18 || age > 60 {
					t.Fatalf("relationship %d: parent aged %d", i, age)
				}
			}
			if !to.DateOfBirth.IsZero() && to.DateOfBirth.Before(birthday(from.DateOfBirth, 16)) {
				t.Fatalf("relationship %d: parent born %v, child born %v", i, from.DateOfBirth, to.DateOfBirth)
			}
		}
	}
	if parents < ChildrenAtScale1 {
		t.Errorf("%d parent links to children, want at least one a child", parents)
	}
}

func TestInvolvements(t *testing.T) {
	t.Parallel()
	c := city1()
	s := c.Stats()
	want := map[string]int{
		KindLookedAfter: targetLookedAfter,
		KindCareLeaver:  targetCareLeavers,
	}
	for kind, n := range want {
		if got := s.OpenKind[kind]; !within(got, n, 0.1) {
			t.Errorf("%d open %s involvements, want %d within 10%%", got, kind, n)
		}
	}
	// Children on plans and in early help are counted from their journeys
	// (TestJourneyFigures checks them on Today too).
	f := c.JourneyFigures(c.Today)
	for _, x := range []struct {
		what      string
		got, want int
	}{{"on CP plans", f.CPPlans, targetChildProtection}, {"on CIN plans", f.CINPlans, targetChildInNeed}, {"in early help", f.EarlyHelp, targetEarlyHelp}} {
		if !within(x.got, x.want, 0.15) {
			t.Errorf("%d children %s today, want %d within 15%%", x.got, x.what, x.want)
		}
	}
	if !within(s.ContactsLastYear, 12*targetContactsMonth, 0.1) {
		t.Errorf("%d contacts in the last 12 months, want about %d", s.ContactsLastYear, 12*targetContactsMonth)
	}
	if n := s.OpenKind[KindContact]; n == 0 || n > 100 {
		t.Errorf("%d open contacts, want a short queue", n)
	}

	// Which service does which kind of work.
	svc := map[string]string{
		KindContact: "Front Door (MASH)", KindEarlyHelp: "Early Help", KindChildInNeed: "Children's Social Care",
		KindChildProtection: "Children's Social Care", KindLookedAfter: "Children in Care and Care Leavers",
		KindCareLeaver: "Children in Care and Care Leavers", KindEducation: "Education Inclusion",
	}
	earliest := yearsBefore(c.Today, 18) // care can start at birth
	allocated := make([]int, len(c.Workers))
	openStatutory := make(map[int]string)
	for i, inv := range c.Involvements {
		if !access.ValidInvolvementKind(inv.Kind) {
			t.Fatalf("involvement %d: unknown kind %q", i, inv.Kind)
		}
		if inv.Person < 0 || inv.Person >= len(c.People) || inv.Team < 0 || inv.Team >= len(c.Teams) || inv.Worker < -1 || inv.Worker >= len(c.Workers) {
			t.Fatalf("involvement %d indexes out of range: %+v", i, inv)
		}
		if got := c.Services[c.Teams[inv.Team].Service].Name; got != svc[inv.Kind] {
			t.Fatalf("involvement %d: %s work with team %s of %s", i, inv.Kind, c.Teams[inv.Team].Name, got)
		}
		if inv.StartDate.After(c.Today) || inv.StartDate.Before(earliest) || !inv.EndDate.IsZero() && inv.EndDate.Before(inv.StartDate) {
			t.Fatalf("involvement %d has bad dates: %v to %v", i, inv.StartDate, inv.EndDate)
		}
		p := c.People[inv.Person]
		if !p.DateOfBirth.IsZero() && inv.StartDate.Before(p.DateOfBirth) {
			t.Fatalf("involvement %d starts before the person's birth", i)
		}
		age := -1
		if !p.DateOfBirth.IsZero() {
			age = p.DateOfBirth.AgeOn(inv.StartDate)
		}
		if inv.Kind == KindCareLeaver && (inv.Open(c.Today) && (p.DateOfBirth.AgeOn(c.Today) < 18 || p.DateOfBirth.AgeOn(c.Today) > 21) || age != 18) {
			t.Fatalf("involvement %d: care leaver aged %d (%d at start)", i, p.DateOfBirth.AgeOn(c.Today), age)
		}
		if inv.Kind != KindCareLeaver && age >= 18 {
			t.Fatalf("involvement %d: %s work with someone of %d", i, inv.Kind, age)
		}
		if inv.Worker >= 0 && c.Workers[inv.Worker].Team != inv.Team {
			t.Fatalf("involvement %d: worker of team %d on team %d's work", i, c.Workers[inv.Worker].Team, inv.Team)
		}
		if inv.Open(c.Today) {
			if inv.Worker >= 0 {
				allocated[inv.Worker]++
			}
			switch inv.Kind {
			case KindChildInNeed, KindChildProtection, KindLookedAfter:
				// A child in need has two: the referral's team's and the
				// allocated worker's.
				if other, dup := openStatutory[inv.Person]; dup && other != inv.Kind {
					t.Fatalf("person %d is open to both %s and %s", inv.Person, other, inv.Kind)
				}
				openStatutory[inv.Person] = inv.Kind
			}
		}
	}

	// Caseloads: practitioners carry about 15 to 20 children.
	total, workers := 0, 0
	for i, w := range c.Workers {
		if w.Team >= 0 && slices.Contains(w.Roles, access.Practitioner) {
			total += allocated[i]
			workers++
		}
	}
	if mean := float64(total) / float64(workers); mean < 14 || mean > 21 {
		t.Errorf("practitioners carry %.1f children on average, want about 17", mean)
	}
}

func TestWorkersAndDemoAccounts(t *testing.T) {
	t.Parallel()
	c := city1()
	names := make(map[string]bool)
	for i, w := range c.Workers {
		if err := access.ValidateUsername(w.Username); err != nil {
			t.Fatalf("worker %d: %v", i, err)
		}
		if names[w.Username] {
			t.Fatalf("username %q used twice", w.Username)
		}
		names[w.Username] = true
		if w.Team < -1 || w.Team >= len(c.Teams) || len(w.Roles) == 0 {
			t.Fatalf("worker %d: %+v", i, w)
		}
	}
	accounts := c.Accounts()
	if len(accounts) != len(access.Roles) {
		t.Fatalf("%d demo accounts, want one for each of %d roles", len(accounts), len(access.Roles))
	}
	allocatedTeam := make(map[int]bool)
	for _, inv := range c.Involvements {
		if inv.Worker >= 0 && inv.Open(c.Today) {
			allocatedTeam[inv.Team] = true
		}
	}
	for i, w := range c.Workers {
		if !w.Demo {
			continue
		}
		if w.Username != DemoUsername(w.Roles[0]) {
			t.Errorf("demo account %q for role %s", w.Username, w.Roles[0])
		}
		switch w.Roles[0] {
		case access.Practitioner, access.TeamManager, access.MASH:
			if w.Team < 0 || !allocatedTeam[w.Team] {
				t.Errorf("demo account %s is not in a team with allocated work", w.Username)
			}
		}
		if w.Roles[0] == access.Practitioner {
			n := 0
			for _, inv := range c.Involvements {
				if inv.Worker == i && inv.Open(c.Today) {
					n++
				}
			}
			if n < 5 {
				t.Errorf("the demo practitioner has %d open cases, want a caseload", n)
			}
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(1, 1, testToday)
	}
}
