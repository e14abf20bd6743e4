package storetest

import (
	"errors"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The register of foster households (carers.go).

func mustHousehold(t *testing.T, s store.Store, h care.Household, c store.Change) care.Household {
	t.Helper()
	got, err := s.CreateHousehold(t.Context(), h, c)
	ok(t, err)
	return got
}

func household(name, typ string, approved civil.Date) care.Household {
	h := care.Household{Name: name, Type: typ, Approved: approved, Places: 2, Postcode: "WV1 1RG"}
	if typ == "agency" {
		h.Agency = "Fostering Partners"
	}
	return h
}

// testHouseholds: a household is created as version 1 and read back as
// written; a change is a new version with who, when and why; a change from
// a stale version is refused and writes nothing; an unknown id is not
// found.
func testHouseholds(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Fay Finder")
	t1 := at(2024, time.May, 2, 10, 0, 0, 125)
	h := mustHousehold(t, s, household("Mr and Ms Okafor", "mainstream", day(2019, 3, 4)), store.Change{By: u.ID, At: t1, Reason: "approved at panel"})
	if h.ID <= 0 || h.Version != 1 {
		t.Fatalf("created %+v, want an id and version 1", h)
	}
	got, err := s.Household(ctx, h.ID)
	ok(t, err)
	equal(t, "household as created", got, h)

	changed := got
	changed.Places = 3
	changed.Postcode = "WV2 4AA"
	t2 := t1.Add(time.Hour)
	v2, err := s.UpdateHousehold(ctx, changed, store.Change{By: u.ID, At: t2, Reason: "approved for a third child"})
	ok(t, err)
	equal(t, "new version", v2.Version, 2)

	stale := got
	stale.Name = "Stale"
	_, err = s.UpdateHousehold(ctx, stale, store.Change{By: u.ID, Reason: "late"})
	wantCode(t, err, errs.Conflict)

	ended := v2
	ended.Deregistered = day(2025, 1, 31)
	v3, err := s.UpdateHousehold(ctx, ended, store.Change{By: u.ID, At: t2.Add(time.Hour), Reason: "retired"})
	ok(t, err)
	got, err = s.Household(ctx, h.ID)
	ok(t, err)
	equal(t, "household after deregistration", got, v3)

	hist, err := s.HouseholdHistory(ctx, h.ID)
	ok(t, err)
	equal(t, "versions", len(hist), 3)
	equal(t, "first version", hist[0].Record, h)
	equal(t, "second version", hist[1].Record, v2)
	equal(t, "reasons", []string{hist[0].Reason, hist[1].Reason, hist[2].Reason}, []string{"approved at panel", "approved for a third child", "retired"})
	equal(t, "author", hist[1].ByName, "Fay Finder")
	sameTime(t, "second recorded", hist[1].RecordedAt, t2)

	_, err = s.Household(ctx, h.ID+100)
	wantCode(t, err, errs.NotFound)
	_, err = s.HouseholdHistory(ctx, h.ID+100)
	wantCode(t, err, errs.NotFound)
	missing := v3
	missing.ID = h.ID + 100
	_, err = s.UpdateHousehold(ctx, missing, store.Change{By: u.ID, Reason: "nobody"})
	wantCode(t, err, errs.NotFound)
}

// testHouseholdList: the register by name, filtered by type and by whether
// a household had left it by a day (a household deregistered on the day
// has left; one deregistered the day after has not).
func testHouseholdList(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := store.Change{Reason: "test"}
	on := day(2025, 3, 31)
	okafor := mustHousehold(t, s, household("Okafor", "mainstream", day(2019, 3, 4)), c)
	adams := household("Adams", "family_friends", day(2022, 6, 1))
	adams.Deregistered = on
	adams = mustHousehold(t, s, adams, c)
	brook := household("Brook", "agency", day(2020, 1, 6))
	brook.Deregistered = on.AddDays(1)
	brook = mustHousehold(t, s, brook, c)
	clay := household("Clay", "mainstream", day(2015, 9, 9))
	clay.Deregistered = day(2018, 2, 28)
	clay = mustHousehold(t, s, clay, c)

	yes, no := true, false
	tests := []struct {
		name string
		q    store.HouseholdQuery
		want []care.Household
	}{
		{"all", store.HouseholdQuery{}, []care.Household{adams, brook, clay, okafor}},
		{"mainstream", store.HouseholdQuery{Type: "mainstream"}, []care.Household{clay, okafor}},
		{"on the register", store.HouseholdQuery{Ended: &no, On: on}, []care.Household{brook, okafor}},
		{"left it", store.HouseholdQuery{Ended: &yes, On: on}, []care.Household{adams, clay}},
		{"left it, a day later", store.HouseholdQuery{Ended: &yes, On: on.AddDays(1)}, []care.Household{adams, brook, clay}},
		{"mainstream on the register", store.HouseholdQuery{Type: "mainstream", Ended: &no, On: on}, []care.Household{okafor}},
		{"no such type", store.HouseholdQuery{Type: "residential"}, []care.Household{}},
	}
	for _, tt := range tests {
		got, err := s.Households(ctx, tt.q)
		ok(t, err)
		equal(t, tt.name, got, tt.want)
		for _, h := range got {
			if tt.q.Ended != nil && h.Ended(tt.q.On) != *tt.q.Ended {
				t.Errorf("%s: %s is listed, but care.Household.Ended says %v", tt.name, h.Name, h.Ended(tt.q.On))
			}
		}
	}
}

// testHouseholdChildren: the children living with a household are those
// whose episode of care open today names it. An episode that ended today
// (the child moved) or before, one that starts tomorrow, and one with
// another household are not; one ending tomorrow is. The open episodes of
// every child are counted the same way.
func testHouseholdChildren(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := store.Change{Reason: "test"}
	team, err := s.CreateTeam(ctx, access.Team{Name: "Children in care"})
	ok(t, err)
	now := time.Date(2025, time.March, 31, 23, 30, 0, 0, time.UTC) // 1 April in London
	today := civil.OfLondon(now)
	home := mustHousehold(t, s, household("Okafor", "mainstream", day(2019, 3, 4)), c)
	other := mustHousehold(t, s, household("Brook", "agency", day(2020, 1, 6)), c)

	episode := func(pid people.ID, h care.HouseholdID, placement, provider string, start, end civil.Date) journey.Record {
		t.Helper()
		r := journey.Record{PersonID: pid, Kind: journey.KindCareEpisode, Start: start, End: end, TeamID: team.ID,
			CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: placement, Provider: provider, Household: h, ReasonNew: "S"}}
		return mustJourney(t, s, r, c)
	}
	zara := mustCreate(t, s, child("Zara", "Young", day(2012, 5, 1)), c)
	amy := mustCreate(t, s, child("Amy", "Young", day(2014, 8, 9)), c)
	ben := mustCreate(t, s, child("Ben", "Able", day(2010, 2, 3)), c)
	moved := mustCreate(t, s, child("Mo", "Moved", day(2011, 1, 1)), c)
	coming := mustCreate(t, s, child("Cal", "Coming", day(2013, 1, 1)), c)
	elsewhere := mustCreate(t, s, child("Ella", "Elsewhere", day(2015, 1, 1)), c)

	episode(zara.ID, home.ID, "U4", "PR1", day(2020, 1, 1), day(2023, 1, 1)) // an earlier stay, ended
	zaraNow := episode(zara.ID, home.ID, "U4", "PR1", day(2024, 1, 1), civil.Date{})
	amyNow := episode(amy.ID, home.ID, "U4", "PR1", today, civil.Date{}) // arrived today
	benNow := episode(ben.ID, home.ID, "U6", "PR1", day(2024, 6, 1), today.AddDays(1))
	episode(moved.ID, home.ID, "U4", "PR1", day(2024, 6, 1), today)
	episode(moved.ID, other.ID, "U6", "PR4", today, civil.Date{})
	episode(coming.ID, home.ID, "U4", "PR1", today.AddDays(1), civil.Date{})
	episode(elsewhere.ID, other.ID, "U3", "PR5", day(2024, 2, 2), civil.Date{})
	episode(elsewhere.ID, 0, "K2", "PR4", day(2023, 2, 2), day(2024, 2, 2))

	got, err := s.HouseholdChildren(ctx, home.ID, now)
	ok(t, err)
	var names []string
	for _, k := range got {
		names = append(names, k.Person.GivenName+" "+k.Person.FamilyName)
		if k.Subject.PersonID != k.Person.ID {
			t.Errorf("%s: subject of %d", k.Person.GivenName, k.Subject.PersonID)
		}
	}
	equal(t, "children of the household", names, []string{"Ben Able", "Amy Young", "Zara Young"})
	equal(t, "episodes", []journey.ID{got[0].Episode.ID, got[1].Episode.ID, got[2].Episode.ID}, []journey.ID{benNow.ID, amyNow.ID, zaraNow.ID})

	none, err := s.HouseholdChildren(ctx, home.ID+100, now)
	ok(t, err)
	equal(t, "children of no household", none, []store.PlacedChild{})

	counts, err := s.FosterCounts(ctx, now)
	ok(t, err)
	equal(t, "counts of open foster placements", counts, care.FosterCounts{InHouse: 3, Agency: 2, FamilyAndFriends: 1})
	counts, err = s.FosterCounts(ctx, now.AddDate(-10, 0, 0))
	ok(t, err)
	equal(t, "counts before anyone was placed", counts, care.FosterCounts{})
}

// testHouseholdWrites: a household's write records its pending access-log
// line in its own transaction, and joins a unit of work, which writes
// nothing when it fails.
func testHouseholdWrites(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Wren Writer")
	line, err := s.LogPending(ctx, store.AccessEntry{UserID: u.ID, Username: u.Username, Kind: store.KindHousehold, Action: store.LogCreate})
	ok(t, err)
	mustHousehold(t, s, household("Okafor", "mainstream", day(2019, 3, 4)), store.Change{By: u.ID, Reason: "new", LogLine: line})
	n, err := s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled after a write", n, 1)

	boom := errors.New("boom")
	err = s.Atomic(ctx, func(tx store.Tx) error {
		if _, err := tx.CreateHousehold(ctx, household("Never", "mainstream", day(2019, 3, 4)), store.Change{By: u.ID, Reason: "new"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("the unit returned %v", err)
	}
	all, err := s.Households(ctx, store.HouseholdQuery{})
	ok(t, err)
	equal(t, "households after a failed unit", len(all), 1)
}
