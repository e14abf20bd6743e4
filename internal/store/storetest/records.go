package storetest

// What holds for every module: moments and dates round trip, nothing is deleted.

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

func testDatesAndTimes(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Lee Dates")
	moon := time.Date(1969, time.July, 20, 15, 17, 40, 123456000, time.FixedZone("EDT", -4*3600))
	p := people.Person{
		GivenName: "Leap", FamilyName: "Year",
		DateOfBirth:         day(1956, time.February, 29),
		ExpectedDateOfBirth: day(1956, time.March, 1),
		DateOfDeath:         day(2000, time.February, 29),
		Addresses: []people.Address{
			{Line1: "1 Old Road", Postcode: "WV1 1AA", StartDate: day(1956, time.February, 29), EndDate: day(1969, time.December, 31)},
			{Line1: "2 New Road", Postcode: "WV2 2AA", StartDate: day(1970, time.January, 1)},
		},
	}
	p, err := s.CreatePerson(ctx, p, store.Change{By: u.ID, At: moon, Reason: "pre-1970 moment"})
	ok(t, err)
	got, err := s.Person(ctx, sys(p.ID), time.Time{})
	ok(t, err)
	equal(t, "dates round trip", got, p)
	got, err = s.Person(ctx, sys(p.ID), moon)
	ok(t, err)
	equal(t, "read as of a pre-1970 moment", got, p)
	h := history(t, s, p.ID)
	sameTime(t, "pre-1970 recorded at", h[0].RecordedAt, moon)

	found, err := s.SearchPeople(ctx, store.PersonQuery{DateOfBirth: day(1956, time.February, 29)})
	ok(t, err)
	equal(t, "search by 29 February", ids(found), []people.ID{p.ID})
	equal(t, "summary date", found[0].DateOfBirth, day(1956, time.February, 29))
	found, err = s.SearchPeople(ctx, store.PersonQuery{DateOfBirth: day(1956, time.March, 1)})
	ok(t, err)
	equal(t, "1 March is not 29 February", len(found), 0)

	other := mustCreate(t, s, child("Old", "Friend", day(1901, time.January, 1)), store.Change{By: u.ID})
	r, err := s.CreateRelationship(ctx, people.Relationship{From: other.ID, To: p.ID, Type: "grandparent", StartDate: day(1960, time.February, 29), EndDate: day(1969, time.December, 31)}, store.Change{By: u.ID})
	ok(t, err)
	views, err := s.Relationships(ctx, sys(p.ID), time.Time{})
	ok(t, err)
	equal(t, "relationship dates", views[0].Relationship, r)
	equal(t, "other's date of birth", views[0].Other.DateOfBirth, day(1901, time.January, 1))

	inv := access.Involvement{PersonID: p.ID, Kind: access.KindLookedAfter, StartDate: day(1964, time.February, 29), EndDate: day(1969, time.December, 31)}
	mustInvolve(t, s, inv, store.Change{By: u.ID})
	subj, err := s.Subject(ctx, p.ID, time.Now())
	ok(t, err)
	equal(t, "involvement dates", subj.Involvements, []access.Involvement{inv})

	// Moments keep their instant to the microsecond, come back in UTC, and
	// survive the edges of the Unix epoch.
	for i, m := range []time.Time{
		moon,
		time.Date(1969, time.December, 31, 23, 59, 59, 999999000, time.UTC),
		time.Unix(0, 0),
		time.Date(2024, time.February, 29, 23, 30, 0, 1000, time.FixedZone("ahead", 14*3600)),
		time.Date(2038, time.January, 19, 3, 14, 8, 0, time.UTC),
	} {
		hash := fmt.Sprintf("moment-%d", i)
		ok(t, s.CreateSession(ctx, store.Session{TokenHash: hash, UserID: u.ID, CreatedAt: m, LastSeen: m}))
		sess, err := s.Session(ctx, hash)
		ok(t, err)
		sameTime(t, hash, sess.CreatedAt, m)
	}

	// A change with no time is stamped now, in UTC, to the microsecond.
	before := time.Now()
	q, err := s.CreatePerson(ctx, child("Now", "Stamped", day(2020, 2, 29)), store.Change{By: u.ID})
	ok(t, err)
	after := time.Now()
	h = history(t, s, q.ID)
	stamped := h[0].RecordedAt
	if stamped.Before(before.Truncate(time.Microsecond)) || stamped.After(after) {
		t.Errorf("stamped %s, not between %s and %s", stamped, before, after)
	}
	if stamped.Location() != time.UTC || stamped.Nanosecond()%1000 != 0 {
		t.Errorf("stamped %s is not UTC to the microsecond", stamped.Format(time.RFC3339Nano))
	}
	got, err = s.Person(ctx, sys(q.ID), stamped)
	ok(t, err)
	equal(t, "read as of the stamped moment", got.ID, q.ID)
}

func testNothingHardDeleted(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ned Keeper")
	p := mustCreate(t, s, samplePerson(), store.Change{By: u.ID, Reason: "v1"})
	other := mustCreate(t, s, child("Other", "Person", day(2001, 1, 1)), store.Change{By: u.ID})

	var kept []store.Version[people.Person]
	check := func(step string) {
		t.Helper()
		h := history(t, s, p.ID)
		if len(h) < len(kept) {
			t.Fatalf("after %s the history has %d versions, fewer than the %d before", step, len(h), len(kept))
		}
		for i := range kept {
			if !reflect.DeepEqual(h[i], kept[i]) {
				t.Fatalf("after %s version %d changed:\n got %+v\nwant %+v", step, kept[i].Version, h[i], kept[i])
			}
		}
		kept = h
	}
	check("create")

	cur := p
	steps := []struct {
		name string
		do   func() error
	}{
		{"an update", func() error {
			cur.GivenName = "Joseph"
			var err error
			cur, err = s.UpdatePerson(ctx, cur, store.Change{By: u.ID, Reason: "v2"})
			return err
		}},
		{"a stale update", func() error {
			stale := p
			stale.GivenName = "Stale"
			_, err := s.UpdatePerson(ctx, stale, store.Change{By: u.ID})
			if errs.Is(err, errs.Conflict) {
				return nil
			}
			return fmt.Errorf("stale update: %v", err)
		}},
		{"removing every name and address", func() error {
			cur.OtherNames, cur.Addresses, cur.Identifiers = nil, nil, people.Identifiers{}
			var err error
			cur, err = s.UpdatePerson(ctx, cur, store.Change{By: u.ID, Reason: "v3"})
			return err
		}},
		{"a relationship", func() error {
			r, err := s.CreateRelationship(ctx, people.Relationship{From: other.ID, To: p.ID, Type: "carer"}, store.Change{By: u.ID})
			if err != nil {
				return err
			}
			r.EndDate = day(2024, 1, 1)
			_, err = s.UpdateRelationship(ctx, r, store.Change{By: u.ID})
			return err
		}},
		{"an import", func() error {
			ps, rels := importSet()
			_, err := s.ImportPeople(ctx, ps, rels, store.Change{By: u.ID})
			return err
		}},
		{"a refused update of another person", func() error {
			o := other
			o.Identifiers.LAChildID = "IMP000"
			_, err := s.UpdatePerson(ctx, o, store.Change{By: u.ID})
			if errs.Is(err, errs.Conflict) {
				return nil
			}
			return errors.New("expected a conflict")
		}},
		{"another update", func() error {
			cur.Restricted = true
			var err error
			cur, err = s.UpdatePerson(ctx, cur, store.Change{By: u.ID, Reason: "v4"})
			return err
		}},
	}
	for _, st := range steps {
		ok(t, st.do())
		check(st.name)
	}
	equal(t, "versions kept", len(kept), 4)
	equal(t, "first version kept whole", kept[0].Record, p)
	n, err := s.CountPeople(ctx)
	ok(t, err)
	equal(t, "people kept", n, 2+5)
	// The record with everything removed still reads, and its past still has it all.
	old, err := s.Person(ctx, sys(p.ID), kept[0].RecordedAt)
	ok(t, err)
	equal(t, "oldest version as of its moment", old.Identifiers, p.Identifiers)
}
