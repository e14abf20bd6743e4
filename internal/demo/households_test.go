package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/store"
)

// The fake store's register (load_test.go): Load writes the households in
// one unit of work, each given the next id.

func (f *fakeStore) Households(context.Context, store.HouseholdQuery) ([]care.Household, error) {
	return f.households, nil
}

func (f *fakeStore) Atomic(_ context.Context, fn func(store.Tx) error) error {
	return fn(fakeTx{f: f})
}

// fakeTx implements only CreateHousehold; the embedded interface panics on
// any other write.
type fakeTx struct {
	store.Tx
	f *fakeStore
}

func (t fakeTx) CreateHousehold(_ context.Context, h care.Household, c store.Change) (care.Household, error) {
	h.ID, h.Version = care.HouseholdID(len(t.f.households)+1), 1
	t.f.households = append(t.f.households, h)
	t.f.changes = append(t.f.changes, c)
	return h, nil
}

func TestHouseholdsMatchTheSeed(t *testing.T) {
	today := civil.MustNew(2023, time.March, 31)
	hs := Households(7, 1, today)
	if !reflect.DeepEqual(hs, Households(7, 1, today)) {
		t.Fatal("the same seed gave another register")
	}
	if reflect.DeepEqual(hs, Households(8, 1, today)) {
		t.Error("another seed gave the same register")
	}
	places := map[string]int{}
	active := map[string]int{}
	for i, h := range hs {
		if err := h.Validate(); err != nil {
			t.Fatalf("household %d (%+v) is not valid: %v", i+1, h, err)
		}
		if !h.Approved.Before(today) || !h.Deregistered.IsZero() && !h.Deregistered.Before(today) {
			t.Errorf("household %d: approved %v, deregistered %v: not in the past", i+1, h.Approved, h.Deregistered)
		}
		if !h.Ended(today) {
			active[h.Type]++
			places[h.Type] += h.Places
		}
	}
	// Room for the seed's children in foster care on the day: 78 with
	// family and friends, 156 with mainstream carers, 144 with agencies.
	for typ, need := range map[string]int{"family_friends": 78, "mainstream": 156, "agency": 144} {
		if places[typ] < need || places[typ] > need*2 {
			t.Errorf("%s: %d places on the register, want room for %d with some to spare", typ, places[typ], need)
		}
	}
	if len(Households(7, 2, today)) != 2*len(hs) {
		t.Error("scale 2 does not double the register")
	}
	city := &City{Households: hs}
	for typ, n := range active {
		ids := city.HouseholdIDs(typ, today)
		if len(ids) != n {
			t.Errorf("%s: %d ids, %d on the register", typ, len(ids), n)
		}
		for _, id := range ids {
			if h := hs[id-1]; h.Type != typ || h.Ended(today) {
				t.Errorf("id %d is %+v", id, h)
			}
		}
	}
}

func TestLoadWritesHouseholdsWithTheirIDs(t *testing.T) {
	today := civil.MustNew(2023, time.March, 31)
	city := &City{Households: Households(3, 1, today)}
	f := &fakeStore{}
	if err := loadHouseholds(context.Background(), f, city, store.Change{Reason: changeReason}); err != nil {
		t.Fatal(err)
	}
	if len(f.households) != len(city.Households) {
		t.Fatalf("wrote %d of %d", len(f.households), len(city.Households))
	}
	ids := city.HouseholdIDs("agency", today)
	if got := f.households[ids[0]-1]; got.ID != ids[0] || got.Type != "agency" {
		t.Errorf("id %d is %+v", ids[0], got)
	}
	if err := loadHouseholds(context.Background(), f, city, store.Change{}); err == nil {
		t.Error("a second load into a register that is not empty was not refused")
	}
}
