package demo

import (
	"context"
	"reflect"
	"testing"

	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// TestClaims: the city's Supporting Families claims are valid claims, each
// of a child whose early help closed with sustained progress, with the
// seed's 484 claims in 2020-21 and enough paid in 2022-23 to reach its
// target of 453 families; the same city gives the same claims.
func TestClaims(t *testing.T) {
	t.Parallel()
	c := city1()
	cs := Claims(c, c.Today)
	sustained := map[int]bool{}
	for _, j := range c.Journeys {
		if r := j.Record; r.Kind == journey.KindEarlyHelp && r.EarlyHelp != nil && r.EarlyHelp.Closure == "sustained_progress" {
			sustained[int(r.PersonID)] = true
		}
	}
	count := map[programme.Year]map[programme.ClaimStatus]int{}
	families := map[string]bool{}
	for _, cl := range cs {
		if err := cl.Validate(); err != nil {
			t.Fatalf("claim %+v: %v", cl, err)
		}
		if !sustained[int(cl.Person)] {
			t.Fatalf("claim %s is for a child whose early help did not close with sustained progress", cl.Family)
		}
		if families[cl.Family] {
			t.Fatalf("family reference %s used twice", cl.Family)
		}
		families[cl.Family] = true
		if cl.Window.Opens.After(c.Today) && cl.Status != programme.ClaimDraft && cl.Status != programme.ClaimChecked {
			t.Fatalf("claim %s is %s before its window opens", cl.Family, cl.Status)
		}
		y := programme.YearOf(cl.Window.Closes)
		if count[y] == nil {
			count[y] = map[programme.ClaimStatus]int{}
		}
		count[y][cl.Status]++
	}
	total := func(y programme.Year) int {
		n := 0
		for _, v := range count[y] {
			n += v
		}
		return n
	}
	if got := total(2020); got != 484 {
		t.Errorf("2020-21 has %d claims, want the seed's 484", got)
	}
	target := 0
	for _, ft := range c.Programme.Programme.FamilyTargets {
		if ft.Year == 2022 {
			target = ft.Families
		}
	}
	if paid := count[2022][programme.ClaimPaid]; target != 453 || paid < target || paid > target+10 {
		t.Errorf("2022-23: %d paid against a target of %d", paid, target)
	}
	if count[programme.YearOf(c.Today)][programme.ClaimSubmitted] == 0 {
		t.Errorf("no claim awaits the government's answer on %s: %v", c.Today, count)
	}
	if !reflect.DeepEqual(cs, Claims(c, c.Today)) {
		t.Errorf("the same city gives different claims")
	}
}

// The fake store's claims (load_test.go): Load writes them in one unit of
// work, each given the next id.
func (t fakeTx) CreateClaim(_ context.Context, c programme.Claim, _ store.Change) (programme.Claim, error) {
	c.ID, c.Version = programme.ClaimID(len(t.f.claims)+1), 1
	t.f.claims = append(t.f.claims, c)
	return c, nil
}

// TestLoadWritesClaims: Load writes every claim, each for the id the store
// gave its main child.
func TestLoadWritesClaims(t *testing.T) {
	t.Parallel()
	c := city1()
	st := &fakeStore{}
	sum, err := Load(context.Background(), st, c, fakeHash, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims(c, c.Today)
	if sum.Claims != len(want) || len(st.claims) != len(want) {
		t.Fatalf("summary says %d claims, store got %d, city has %d", sum.Claims, len(st.claims), len(want))
	}
	for i, cl := range st.claims {
		if cl.Person != people.ID(10000)+want[i].Person || cl.Family != want[i].Family {
			t.Fatalf("claim %d written as %+v, want %+v with the child's id", i, cl, want[i])
		}
	}
}
