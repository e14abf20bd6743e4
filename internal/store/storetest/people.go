package storetest

// The people module: people, search, duplicates, relationships, imports.

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

func testPersonCreateRead(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	in := samplePerson()
	got, err := s.CreatePerson(ctx, in, store.Change{By: u.ID, Reason: "contact from school"})
	ok(t, err)
	if got.ID == 0 || got.Version != 1 {
		t.Fatalf("created person has id %d version %d, want a new id and version 1", got.ID, got.Version)
	}
	want := in
	want.ID, want.Version = got.ID, 1
	equal(t, "created person", got, want)

	read, err := s.Person(ctx, sys(got.ID), time.Time{})
	ok(t, err)
	equal(t, "person read back", read, want)

	second := mustCreate(t, s, child("Amy", "Brown", day(2019, 6, 1)), store.Change{By: u.ID})
	if second.ID == got.ID {
		t.Fatalf("two people were given id %d", got.ID)
	}
	n, err := s.CountPeople(ctx)
	ok(t, err)
	equal(t, "CountPeople", n, 2)

	_, err = s.Person(ctx, sys(second.ID+1000), time.Time{})
	wantCode(t, err, errs.NotFound)
	_, err = s.PersonHistory(ctx, sys(second.ID+1000))
	wantCode(t, err, errs.NotFound)
}

func testPersonUpdateAndHistory(t *testing.T, s store.Store) {
	ctx := t.Context()
	ann := mustUser(t, s, "Ann Author")
	bob := mustUser(t, s, "Bob Editor")
	p := mustCreate(t, s, samplePerson(), store.Change{By: ann.ID, Reason: "contact from school"})

	changed := p
	changed.FamilyName = "Alvarez Smith"
	changed.Addresses = append(changed.Addresses, people.Address{Line1: "3 New Road", Town: "Bilston", Postcode: "WV14 0AA", StartDate: day(2024, 5, 1)})
	changed.Addresses[0].EndDate = day(2024, 4, 30)
	upd, err := s.UpdatePerson(ctx, changed, store.Change{By: bob.ID, Reason: "moved house"})
	ok(t, err)
	equal(t, "updated version", upd.Version, 2)
	equal(t, "updated id", upd.ID, p.ID)

	cur, err := s.Person(ctx, sys(p.ID), time.Time{})
	ok(t, err)
	equal(t, "current person", cur, upd)

	h := history(t, s, p.ID)
	if len(h) != 2 {
		t.Fatalf("history has %d versions, want 2", len(h))
	}
	equal(t, "version numbers", []int{h[0].Version, h[1].Version}, []int{1, 2})
	equal(t, "authors", []access.UserID{h[0].By, h[1].By}, []access.UserID{ann.ID, bob.ID})
	equal(t, "author names", []string{h[0].ByName, h[1].ByName}, []string{"Ann Author", "Bob Editor"})
	equal(t, "reasons", []string{h[0].Reason, h[1].Reason}, []string{"contact from school", "moved house"})
	equal(t, "version 1", h[0].Record, p)
	equal(t, "version 2", h[1].Record, upd)
	if h[1].RecordedAt.Before(h[0].RecordedAt) {
		t.Fatalf("version 2 recorded at %s, before version 1 at %s", h[1].RecordedAt, h[0].RecordedAt)
	}

	// The search keys follow the current version.
	found, err := s.SearchPeople(ctx, store.PersonQuery{Postcode: "WV14"})
	ok(t, err)
	equal(t, "search by new postcode", ids(found), []people.ID{p.ID})
	found, err = s.SearchPeople(ctx, store.PersonQuery{Name: "alvarez smith"})
	ok(t, err)
	equal(t, "search by new name", ids(found), []people.ID{p.ID})
	equal(t, "current postcode in summary", found[0].Postcode, "WV14 0AA")

	// A change by nobody in particular (an import) has no author name.
	again, err := s.UpdatePerson(ctx, upd, store.Change{Reason: "system"})
	ok(t, err)
	h = history(t, s, p.ID)
	equal(t, "versions", len(h), 3)
	equal(t, "version 3 author", h[2].By, access.UserID(0))
	equal(t, "version 3 author name", h[2].ByName, "")
	equal(t, "version 3", h[2].Record, again)

	_, err = s.UpdatePerson(ctx, people.Person{ID: p.ID + 1000, Version: 1, GivenName: "Nobody"}, store.Change{})
	wantCode(t, err, errs.NotFound)
}

func testPersonStaleUpdate(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	p := mustCreate(t, s, samplePerson(), store.Change{By: u.ID})
	first := p
	first.GivenName = "Joseph"
	_, err := s.UpdatePerson(ctx, first, store.Change{By: u.ID, Reason: "first editor"})
	ok(t, err)

	second := p // still version 1
	second.GivenName = "Jo"
	_, err = s.UpdatePerson(ctx, second, store.Change{By: u.ID, Reason: "second editor"})
	e := wantCode(t, err, errs.Conflict)
	if len(e.Fields) != 0 {
		t.Errorf("a stale version names fields %v; it should name none", e.Fields)
	}
	if !strings.Contains(e.Message, "changed by someone else") {
		t.Errorf("stale version message %q does not say the record was changed by someone else", e.Message)
	}
	equal(t, "versions after a stale update", len(history(t, s, p.ID)), 2)
	cur, err := s.Person(ctx, sys(p.ID), time.Time{})
	ok(t, err)
	equal(t, "given name after a stale update", cur.GivenName, "Joseph")

	// A version from the future is as stale as one from the past.
	future := cur
	future.Version = 7
	_, err = s.UpdatePerson(ctx, future, store.Change{By: u.ID})
	wantCode(t, err, errs.Conflict)
	equal(t, "versions after a future version", len(history(t, s, p.ID)), 2)
}

func testPersonConcurrentUpdates(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	p := mustCreate(t, s, samplePerson(), store.Change{By: u.ID})
	raceUpdates(t, 8, func(i int) error {
		q := p
		q.Gender = fmt.Sprintf("editor %d", i)
		_, err := s.UpdatePerson(ctx, q, store.Change{By: u.ID, Reason: q.Gender})
		return err
	})
	equal(t, "versions", len(history(t, s, p.ID)), 2)
}

// raceUpdates runs n updates from the same version at once and checks that
// exactly one wins and every other is refused as a conflict.
func raceUpdates(t *testing.T, n int, update func(i int) error) {
	t.Helper()
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		wins      int
		conflicts int
		others    []error
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := update(i)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins++
			case errs.Is(err, errs.Conflict):
				conflicts++
			default:
				others = append(others, err)
			}
		}()
	}
	wg.Wait()
	if len(others) > 0 {
		t.Fatalf("concurrent updates failed: %v", others)
	}
	if wins != 1 || conflicts != n-1 {
		t.Fatalf("%d updates from one version at once: %d succeeded and %d conflicted, want 1 and %d", n, wins, conflicts, n-1)
	}
}

func testPersonAsOf(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	t1 := at(2023, time.March, 31, 16, 0, 0, 123456)
	t2 := t1.Add(48 * time.Hour)
	p := mustCreate(t, s, samplePerson(), store.Change{By: u.ID, At: t1, Reason: "created"})
	changed := p
	changed.GivenName = "Joseph"
	upd, err := s.UpdatePerson(ctx, changed, store.Change{By: u.ID, At: t2, Reason: "renamed"})
	ok(t, err)

	h := history(t, s, p.ID)
	sameTime(t, "version 1 recorded at", h[0].RecordedAt, t1)
	sameTime(t, "version 2 recorded at", h[1].RecordedAt, t2)

	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		london = time.FixedZone("BST", 3600)
	}
	cases := []struct {
		name string
		asOf time.Time
		want int // version; 0 for not found
	}{
		{"before it existed", t1.Add(-time.Microsecond), 0},
		{"the moment it was created", t1, 1},
		{"between the versions", t1.Add(time.Hour), 1},
		{"between the versions, in another zone", t1.Add(time.Hour).In(london), 1},
		{"a nanosecond before the update", t2.Add(-time.Nanosecond), 1},
		{"the moment it was updated", t2, 2},
		{"later", t2.Add(24 * time.Hour), 2},
	}
	for _, c := range cases {
		got, err := s.Person(ctx, sys(p.ID), c.asOf)
		if c.want == 0 {
			if !errs.Is(err, errs.NotFound) {
				t.Errorf("%s: got %+v, %v; want errs.NotFound", c.name, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got.Version != c.want {
			t.Errorf("%s: got version %d, want %d", c.name, got.Version, c.want)
		}
	}
	v1, err := s.Person(ctx, sys(p.ID), t1.Add(time.Hour))
	ok(t, err)
	equal(t, "version 1 as of between", v1, p)
	v2, err := s.Person(ctx, sys(p.ID), t2)
	ok(t, err)
	equal(t, "version 2 as of update", v2, upd)
}

func testUniqueIdentifiers(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	a := mustCreate(t, s, samplePerson(), store.Change{By: u.ID})

	cases := []struct {
		name  string
		ids   people.Identifiers
		field string
		label string
	}{
		{"NHS number written differently", people.Identifiers{NHSNumber: "9434765919"}, "identifiers.nhs_number", "NHS number"},
		{"UPN in lower case", people.Identifiers{UPN: "a801200000001"}, "identifiers.upn", "UPN"},
		{"LA child id", people.Identifiers{LAChildID: "WV000123"}, "identifiers.la_child_id", "LA child id"},
	}
	for _, c := range cases {
		b := child("Other", "Person", day(2016, 1, 1))
		b.Identifiers = c.ids
		_, err := s.CreatePerson(ctx, b, store.Change{By: u.ID})
		e := wantCode(t, err, errs.Conflict)
		wantField(t, e, c.field)
		if want := "Another person already has this " + c.label; e.Message != want {
			t.Errorf("%s: message %q, want %q", c.name, e.Message, want)
		}
	}
	n, err := s.CountPeople(ctx)
	ok(t, err)
	equal(t, "people after refused creates", n, 1)

	// A former UPN may be shared.
	b := child("Other", "Person", day(2016, 1, 1))
	b.Identifiers = people.Identifiers{FormerUPN: a.Identifiers.FormerUPN, NHSNumber: "401 023 2137"}
	b = mustCreate(t, s, b, store.Change{By: u.ID})

	// An update may not take another's identifier, and writes nothing if it tries.
	take := b
	take.Identifiers.LAChildID = "wv000123"
	_, err = s.UpdatePerson(ctx, take, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Conflict), "identifiers.la_child_id")
	equal(t, "versions after a refused update", len(history(t, s, b.ID)), 1)

	// A person keeps their own identifiers through an update.
	a2 := a
	a2.Gender = "male"
	a2, err = s.UpdatePerson(ctx, a2, store.Change{By: u.ID})
	ok(t, err)

	// An identifier given up by one person may be taken by another.
	a3 := a2
	a3.Identifiers.NHSNumber = ""
	_, err = s.UpdatePerson(ctx, a3, store.Change{By: u.ID, Reason: "NHS number was recorded against the wrong child"})
	ok(t, err)
	b.Identifiers.NHSNumber = "9434765919"
	_, err = s.UpdatePerson(ctx, b, store.Change{By: u.ID})
	ok(t, err)
	found, err := s.SearchPeople(ctx, store.PersonQuery{Identifier: "943 476 5919"})
	ok(t, err)
	equal(t, "holder of the NHS number", ids(found), []people.ID{b.ID})
}

func testSearch(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	c := store.Change{By: u.ID}

	jose := mustCreate(t, s, samplePerson(), c) // José Álvarez, WV1 1BB now, WV10 6QQ before
	jo := child("Josephine", "O'Neill", day(2015, time.March, 1))
	jo.OtherNames = []people.OtherName{{Type: "previous", GivenName: "Jo", FamilyName: "Smith"}}
	jo.Identifiers.UPN = "C801200000003"
	jo = mustCreate(t, s, withPostcode(jo, "WV2 4AA"), c)
	john := child("John", "Smith", day(2010, time.May, 5))
	john.Identifiers.LAChildID = "la-77"
	john = mustCreate(t, s, withPostcode(john, "B1 1AA"), c)
	anne := mustCreate(t, s, withPostcode(child("Jo-Anne", "Smith-Jones", day(2012, time.February, 29)), "WV11 1AA"), c)
	zoe := mustCreate(t, s, child("Zoë", "Ng", day(2020, time.July, 7)), c)

	cases := []struct {
		name string
		q    store.PersonQuery
		want []people.ID
	}{
		{"name prefix", store.PersonQuery{Name: "jos"}, []people.ID{jose.ID, jo.ID}},
		{"name without its accent", store.PersonQuery{Name: "jose"}, []people.ID{jose.ID, jo.ID}},
		{"name in capitals with accents", store.PersonQuery{Name: "JOSÉ ÁLV"}, []people.ID{jose.ID}},
		{"family name in another case", store.PersonQuery{Name: "ALVAREZ"}, []people.ID{jose.ID}},
		{"accent in the query only", store.PersonQuery{Name: "zóe"}, []people.ID{zoe.ID}},
		{"accent in the record only", store.PersonQuery{Name: "zoe ng"}, []people.ID{zoe.ID}},
		{"apostrophe left out", store.PersonQuery{Name: "oneill"}, []people.ID{jo.ID}},
		{"apostrophe given", store.PersonQuery{Name: "O'Neill"}, []people.ID{jo.ID}},
		{"other name", store.PersonQuery{Name: "jo smith"}, []people.ID{jo.ID, john.ID, anne.ID}},
		{"alias", store.PersonQuery{Name: "joe"}, []people.ID{jose.ID}},
		{"hyphenated name by its second part", store.PersonQuery{Name: "jones"}, []people.ID{anne.ID}},
		{"every word must match", store.PersonQuery{Name: "john jones"}, []people.ID{}},
		{"word order does not matter", store.PersonQuery{Name: "smith john"}, []people.ID{john.ID}},
		{"no match", store.PersonQuery{Name: "xavier"}, []people.ID{}},
		{"date of birth", store.PersonQuery{DateOfBirth: day(2015, time.March, 1)}, []people.ID{jose.ID, jo.ID}},
		{"29 February", store.PersonQuery{DateOfBirth: day(2012, time.February, 29)}, []people.ID{anne.ID}},
		{"whole postcode, untidy", store.PersonQuery{Postcode: " wv11bb "}, []people.ID{jose.ID}},
		{"outward code", store.PersonQuery{Postcode: "WV1"}, []people.ID{jose.ID}},
		{"outward code, lower case", store.PersonQuery{Postcode: "wv11"}, []people.ID{anne.ID}},
		{"outward code of a past address", store.PersonQuery{Postcode: "WV10"}, []people.ID{jose.ID}},
		{"whole past postcode", store.PersonQuery{Postcode: "WV10 6QQ"}, []people.ID{jose.ID}},
		{"short outward code", store.PersonQuery{Postcode: "B1"}, []people.ID{john.ID}},
		{"postcode nobody has", store.PersonQuery{Postcode: "WV9 9ZZ"}, []people.ID{}},
		{"NHS number with spaces", store.PersonQuery{Identifier: "943 476 5919"}, []people.ID{jose.ID}},
		{"NHS number without", store.PersonQuery{Identifier: "9434765919"}, []people.ID{jose.ID}},
		{"UPN in lower case", store.PersonQuery{Identifier: "c801200000003"}, []people.ID{jo.ID}},
		{"former UPN", store.PersonQuery{Identifier: "B801200000002"}, []people.ID{jose.ID}},
		{"LA child id", store.PersonQuery{Identifier: "LA-77"}, []people.ID{john.ID}},
		{"part of an identifier", store.PersonQuery{Identifier: "943476"}, []people.ID{}},
		{"name and date of birth", store.PersonQuery{Name: "jo", DateOfBirth: day(2015, time.March, 1)}, []people.ID{jose.ID, jo.ID}},
		{"name, date of birth and postcode", store.PersonQuery{Name: "jo", DateOfBirth: day(2015, time.March, 1), Postcode: "WV2"}, []people.ID{jo.ID}},
		{"name and identifier that disagree", store.PersonQuery{Name: "john", Identifier: "9434765919"}, []people.ID{}},
		{"everything", store.PersonQuery{Name: "smi", DateOfBirth: day(2010, time.May, 5), Postcode: "B1 1AA", Identifier: "LA-77"}, []people.ID{john.ID}},
		{"nothing asked", store.PersonQuery{}, []people.ID{}},
		{"only punctuation", store.PersonQuery{Name: " - ' "}, []people.ID{}},
	}
	for _, c := range cases {
		got, err := s.SearchPeople(ctx, c.q)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(ids(got), c.want) {
			t.Errorf("%s: got %v, want %v", c.name, ids(got), c.want)
		}
	}

	got, err := s.SearchPeople(ctx, store.PersonQuery{Name: "josé"})
	ok(t, err)
	equal(t, "summary", got[0], store.PersonSummary{ID: jose.ID, GivenName: "José", FamilyName: "Álvarez",
		DateOfBirth: day(2015, time.March, 1), Postcode: "WV1 1BB"})
}

func testSearchLimitAndOrder(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	names := [][2]string{
		{"ben", "smith"}, {"Amy", "Smith"}, {"Carl", "de Souza"}, {"Ali", "Smithers"},
		{"Amy", "smith"}, {"Émile", "Smith"}, {"Dan", "Šmíd"}, {"Eve", "SMITH"},
	}
	var ps []people.Person
	for _, n := range names {
		ps = append(ps, mustCreate(t, s, child(n[0], n[1], day(2014, 1, 1)), store.Change{By: u.ID}))
	}
	// By family name, then given name, ignoring case and accents, then id.
	want := []people.ID{ps[2].ID, ps[6].ID, ps[1].ID, ps[4].ID, ps[0].ID, ps[5].ID, ps[7].ID, ps[3].ID}
	got, err := s.SearchPeople(ctx, store.PersonQuery{Name: "s"})
	ok(t, err)
	equal(t, "order", ids(got), want)

	got, err = s.SearchPeople(ctx, store.PersonQuery{Name: "s", Limit: 3})
	ok(t, err)
	equal(t, "limit 3", ids(got), want[:3])

	for _, limit := range []int{0, -1, 100000} {
		got, err = s.SearchPeople(ctx, store.PersonQuery{DateOfBirth: day(2014, 1, 1), Limit: limit})
		ok(t, err)
		equal(t, fmt.Sprintf("limit %d", limit), len(got), len(names))
	}

	// The default limit is 50 and the most is 500.
	var many []people.Person
	for i := range 520 {
		many = append(many, child(fmt.Sprintf("Many%03d", i), "Manyfold", day(2001, 2, 3)))
	}
	_, err = s.ImportPeople(ctx, many, nil, store.Change{By: u.ID})
	ok(t, err)
	got, err = s.SearchPeople(ctx, store.PersonQuery{Name: "manyfold"})
	ok(t, err)
	equal(t, "default limit", len(got), 50)
	got, err = s.SearchPeople(ctx, store.PersonQuery{Name: "manyfold", Limit: 10000})
	ok(t, err)
	equal(t, "largest limit", len(got), 500)
	equal(t, "first of many", got[0].GivenName, "Many000")
	equal(t, "last of many", got[499].GivenName, "Many499")
}

func testPossibleDuplicates(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	c := store.Change{By: u.ID}
	a := child("Ava", "Jones", day(2016, 1, 1))
	a.Identifiers = people.Identifiers{NHSNumber: "943 476 5919", FormerUPN: "B801200000002"}
	a = mustCreate(t, s, a, c)
	b := mustCreate(t, s, child("Eva", "Jonas", day(2016, 1, 1)), c) // same date of birth
	cc := child("Ava", "Jones-Smith", day(2016, 1, 2))
	cc.Identifiers.UPN = "B801200000002" // a's former UPN
	cc = mustCreate(t, s, cc, c)
	d := child("Ava", "Jones", day(2016, 1, 3))
	d.Identifiers.LAChildID = "9434765919" // the same characters, as another kind of identifier
	d = mustCreate(t, s, d, c)
	mustCreate(t, s, child("Ava", "Jones", day(2017, 1, 1)), c) // a different child

	got, err := s.PossibleDuplicates(ctx, a)
	ok(t, err)
	equal(t, "duplicates of a", personIDs(got), []people.ID{b.ID, cc.ID, d.ID})
	equal(t, "a duplicate's record", got[0], b)

	// A person not yet stored (id 0) is compared with everyone.
	fresh := child("Ava", "Jones", day(2016, 1, 1))
	got, err = s.PossibleDuplicates(ctx, fresh)
	ok(t, err)
	equal(t, "duplicates of a new person", personIDs(got), []people.ID{a.ID, b.ID})

	got, err = s.PossibleDuplicates(ctx, people.Person{GivenName: "Nobody"})
	ok(t, err)
	equal(t, "duplicates with nothing to compare", personIDs(got), []people.ID{})
}

func testRelationships(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	t1 := at(2024, time.January, 10, 9, 30, 0, 0)
	t2 := at(2024, time.June, 1, 14, 0, 0, 500)
	mum := mustCreate(t, s, withPostcode(child("Mary", "Jones", day(1990, 4, 4)), "WV3 0AA"), store.Change{By: u.ID, At: t1.Add(-time.Hour)})
	kid := mustCreate(t, s, child("Kim", "Jones", day(2015, 5, 5)), store.Change{By: u.ID, At: t1.Add(-time.Hour)})
	sib := mustCreate(t, s, child("Kai", "Jones", day(2017, 7, 7)), store.Change{By: u.ID, At: t1.Add(-time.Hour)})

	r, err := s.CreateRelationship(ctx, people.Relationship{From: mum.ID, To: kid.ID, Type: "mother", StartDate: day(2015, 5, 5), Note: "birth mother"},
		store.Change{By: u.ID, At: t1, Reason: "from the referral"})
	ok(t, err)
	if r.ID == 0 || r.Version != 1 {
		t.Fatalf("created relationship has id %d version %d", r.ID, r.Version)
	}
	rs, err := s.CreateRelationship(ctx, people.Relationship{From: kid.ID, To: sib.ID, Type: "sibling", StartDate: day(2017, 7, 7)}, store.Change{By: u.ID, At: t1})
	ok(t, err)

	fromMum, err := s.Relationships(ctx, sys(mum.ID), time.Time{})
	ok(t, err)
	equal(t, "mother's relationships", fromMum, []store.RelationshipView{{
		Relationship: r, Forward: true,
		Other: store.PersonSummary{ID: kid.ID, GivenName: "Kim", FamilyName: "Jones", DateOfBirth: day(2015, 5, 5)},
	}})
	fromKid, err := s.Relationships(ctx, sys(kid.ID), time.Time{})
	ok(t, err)
	equal(t, "child's relationships", fromKid, []store.RelationshipView{
		{Relationship: r, Forward: false, Other: store.PersonSummary{ID: mum.ID, GivenName: "Mary", FamilyName: "Jones", DateOfBirth: day(1990, 4, 4), Postcode: "WV3 0AA"}},
		{Relationship: rs, Forward: true, Other: store.PersonSummary{ID: sib.ID, GivenName: "Kai", FamilyName: "Jones", DateOfBirth: day(2017, 7, 7)}},
	})

	ended := r
	ended.EndDate = day(2024, 5, 31)
	ended, err = s.UpdateRelationship(ctx, ended, store.Change{By: u.ID, At: t2, Reason: "special guardianship order"})
	ok(t, err)
	equal(t, "updated relationship version", ended.Version, 2)

	stale := r // version 1
	stale.Note = "someone else's edit"
	_, err = s.UpdateRelationship(ctx, stale, store.Change{By: u.ID})
	wantCode(t, err, errs.Conflict)

	moved := ended
	moved.To = sib.ID
	_, err = s.UpdateRelationship(ctx, moved, store.Change{By: u.ID})
	wantCode(t, err, errs.Invalid)

	_, err = s.UpdateRelationship(ctx, people.Relationship{ID: rs.ID + 1000, Version: 1, From: kid.ID, To: sib.ID}, store.Change{})
	wantCode(t, err, errs.NotFound)
	_, err = s.CreateRelationship(ctx, people.Relationship{From: mum.ID, To: sib.ID + 1000, Type: "mother"}, store.Change{})
	wantCode(t, err, errs.NotFound)
	_, err = s.CreateRelationship(ctx, people.Relationship{From: mum.ID, To: mum.ID, Type: "mother"}, store.Change{})
	wantCode(t, err, errs.Invalid)

	now, err := s.Relationships(ctx, sys(kid.ID), time.Time{})
	ok(t, err)
	equal(t, "current relationship", now[0].Relationship, ended)

	then, err := s.Relationships(ctx, sys(kid.ID), t1.Add(time.Hour))
	ok(t, err)
	if len(then) != 2 {
		t.Fatalf("relationships as of between: got %d, want 2", len(then))
	}
	equal(t, "relationship as of between", then[0].Relationship, r)
	equal(t, "direction as of between", then[0].Forward, false)
	equal(t, "other person as of between", then[0].Other.ID, mum.ID)
	equal(t, "other person's postcode as of between", then[0].Other.Postcode, "WV3 0AA")

	before, err := s.Relationships(ctx, sys(kid.ID), t1.Add(-time.Minute))
	ok(t, err)
	equal(t, "relationships before any was recorded", len(before), 0)

	none, err := s.Relationships(ctx, sys(kid.ID+1000), time.Time{})
	ok(t, err)
	equal(t, "relationships of nobody", len(none), 0)

	// Every version, in the order recorded, seen from either person.
	h, err := s.RelationshipHistory(ctx, sys(kid.ID))
	ok(t, err)
	if len(h) != 3 {
		t.Fatalf("child's relationship history: %d versions, want 3: %+v", len(h), h)
	}
	equal(t, "first version", h[0].Record, r)
	equal(t, "first version's reason", h[0].Reason, "from the referral")
	equal(t, "first version's author", h[0].ByName, "Ann Author")
	sameTime(t, "first version's time", h[0].RecordedAt, t1)
	equal(t, "sibling's version", h[1].Record, rs)
	equal(t, "the ending", h[2].Record, ended)
	equal(t, "the ending's reason", h[2].Reason, "special guardianship order")
	sameTime(t, "the ending's time", h[2].RecordedAt, t2)
	fromSib, err := s.RelationshipHistory(ctx, sys(sib.ID))
	ok(t, err)
	equal(t, "sibling's relationship history", len(fromSib), 1)
	rel, err := s.Relatives(ctx, []people.ID{kid.ID, mum.ID, sib.ID, kid.ID, kid.ID + 1000})
	ok(t, err)
	sort.Slice(rel[kid.ID], func(i, j int) bool { return rel[kid.ID][i].ID < rel[kid.ID][j].ID })
	// Each with the relationship's type and end date, ended or not: the
	// family rule judges which count.
	mother := access.Kin{Type: "mother", EndDate: day(2024, 5, 31)}
	sibling := access.Kin{Type: "sibling"}
	equal(t, "relatives", rel, map[people.ID][]store.Relative{
		kid.ID: {{ID: mum.ID, Kin: mother}, {ID: sib.ID, Kin: sibling}},
		mum.ID: {{ID: kid.ID, Kin: mother}},
		sib.ID: {{ID: kid.ID, Kin: sibling}},
	})
	empty, err := s.Relatives(ctx, nil)
	ok(t, err)
	equal(t, "relatives of no one", len(empty), 0)

	nobody, err := s.RelationshipHistory(ctx, sys(kid.ID+1000))
	ok(t, err)
	equal(t, "relationship history of nobody", len(nobody), 0)
}

func importSet() ([]people.Person, []people.Relationship) {
	ps := []people.Person{
		withPostcode(child("Imogen", "Importer", day(2011, 1, 1)), "WV4 4AA"),
		withPostcode(child("Isaac", "Importer", day(2013, 2, 2)), "WV4 4AA"),
		withPostcode(child("Ivy", "Importer", day(2015, 3, 3)), "WV4 4AA"),
		child("Ian", "Other", day(1980, 4, 4)),
		child("Iris", "Other", day(2019, 5, 5)),
	}
	for i := range ps {
		ps[i].Identifiers.LAChildID = fmt.Sprintf("IMP%03d", i)
	}
	rels := []people.Relationship{
		{From: 0, To: 1, Type: "sibling"},
		{From: 0, To: 2, Type: "sibling"},
		{From: 3, To: 4, Type: "father", StartDate: day(2019, 5, 5)},
	}
	return ps, rels
}

func testImport(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	ps, rels := importSet()
	got, err := s.ImportPeople(ctx, ps, rels, store.Change{By: u.ID, Reason: "bulk load"})
	ok(t, err)
	if len(got) != len(ps) {
		t.Fatalf("import returned %d ids for %d people", len(got), len(ps))
	}
	seen := map[people.ID]bool{}
	for i, id := range got {
		if id == 0 || seen[id] {
			t.Fatalf("import returned ids %v", got)
		}
		seen[id] = true
		p, err := s.Person(ctx, sys(id), time.Time{})
		ok(t, err)
		want := ps[i]
		want.ID, want.Version = id, 1
		equal(t, fmt.Sprintf("imported person %d", i), p, want)
	}
	n, err := s.CountPeople(ctx)
	ok(t, err)
	equal(t, "CountPeople", n, len(ps))

	found, err := s.SearchPeople(ctx, store.PersonQuery{Name: "importer", Postcode: "wv4"})
	ok(t, err)
	equal(t, "search after import", ids(found), []people.ID{got[0], got[1], got[2]})
	found, err = s.SearchPeople(ctx, store.PersonQuery{Identifier: "imp003"})
	ok(t, err)
	equal(t, "identifier after import", ids(found), []people.ID{got[3]})

	h := history(t, s, got[4])
	equal(t, "imported history", len(h), 1)
	equal(t, "imported reason", h[0].Reason, "bulk load")
	equal(t, "imported author", h[0].ByName, "Ann Author")

	views, err := s.Relationships(ctx, sys(got[0]), time.Time{})
	ok(t, err)
	equal(t, "imported relationships of the eldest", len(views), 2)
	others := []people.ID{views[0].Other.ID, views[1].Other.ID}
	slices.Sort(others)
	equal(t, "imported siblings", others, []people.ID{got[1], got[2]})
	views, err = s.Relationships(ctx, sys(got[4]), time.Time{})
	ok(t, err)
	equal(t, "imported father", len(views), 1)
	equal(t, "imported father's id", views[0].Other.ID, got[3])
	equal(t, "imported relationship", views[0].Relationship.From, got[3])
	equal(t, "imported relationship start", views[0].Relationship.StartDate, day(2019, 5, 5))
	equal(t, "imported relationship version", views[0].Relationship.Version, 1)

	// An imported relationship is versioned like any other.
	r := views[0].Relationship
	r.EndDate = day(2024, 1, 1)
	_, err = s.UpdateRelationship(ctx, r, store.Change{By: u.ID})
	ok(t, err)

	empty, err := s.ImportPeople(ctx, nil, nil, store.Change{By: u.ID})
	ok(t, err)
	equal(t, "empty import", len(empty), 0)
}

func testImportAllOrNothing(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Ann Author")
	held := child("Held", "Already", day(2010, 10, 10))
	held.Identifiers.NHSNumber = "401 023 2137"
	mustCreate(t, s, held, store.Change{By: u.ID})

	count := func() int {
		t.Helper()
		n, err := s.CountPeople(ctx)
		ok(t, err)
		return n
	}

	ps, rels := importSet()
	bad := append(slices.Clone(rels), people.Relationship{From: 1, To: 9, Type: "sibling"})
	_, err := s.ImportPeople(ctx, ps, bad, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Invalid), "relationships[3].to")
	equal(t, "people after a refused import", count(), 1)

	ps, rels = importSet()
	ps[3].Identifiers.LAChildID = ps[1].Identifiers.LAChildID
	_, err = s.ImportPeople(ctx, ps, rels, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Conflict), "people[3].identifiers.la_child_id")
	equal(t, "people after an import with a repeated identifier", count(), 1)

	ps, rels = importSet()
	ps[2].Identifiers.NHSNumber = "4010232137"
	_, err = s.ImportPeople(ctx, ps, rels, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Conflict), "people[2].identifiers.nhs_number")
	equal(t, "people after an import clashing with the store", count(), 1)
	found, err := s.SearchPeople(ctx, store.PersonQuery{Name: "importer"})
	ok(t, err)
	equal(t, "search after refused imports", len(found), 0)

	ps, rels = importSet()
	_, err = s.ImportPeople(ctx, ps, rels, store.Change{By: u.ID})
	ok(t, err)
	equal(t, "people after the good import", count(), 1+len(ps))
}

// testSearchScope checks that a scoped search keeps the people the scope
// covers (by worker, team, open contact and grant), their direct relatives,
// and nobody else; and that a closed involvement no longer counts.
func testSearchScope(t *testing.T, s store.Store) {
	ctx := t.Context()
	svc, err := s.CreateService(ctx, access.Service{Name: "Scope Service"})
	ok(t, err)
	mine, err := s.CreateTeam(ctx, access.Team{Name: "Mine", ServiceID: svc.ID})
	ok(t, err)
	other, err := s.CreateTeam(ctx, access.Team{Name: "Other", ServiceID: svc.ID})
	ok(t, err)
	worker := mustUser(t, s, "Scope Worker")
	admin := mustUser(t, s, "Scope Admin")
	c := store.Change{By: admin.ID, Reason: "test"}
	dob := day(2016, 3, 3)
	mk := func(given string) people.Person { return mustCreate(t, s, child(given, "Scopeton", dob), c) }
	allocated, teamChild, contact, granted := mk("Allocated"), mk("Teamchild"), mk("Contact"), mk("Granted")
	closed, outside := mk("Closed"), mk("Outside")
	parent := mustCreate(t, s, child("Parent", "Scopeton", day(1985, 1, 1)), c)
	_, err = s.CreateRelationship(ctx, people.Relationship{From: parent.ID, To: allocated.ID, Type: "parent"}, c)
	ok(t, err)
	open := func(p people.Person, kind string, team access.TeamID, w access.UserID, end civil.Date) {
		mustInvolve(t, s, access.Involvement{PersonID: p.ID, Kind: kind, TeamID: team, WorkerID: w, StartDate: day(2024, 1, 1), EndDate: end}, c)
	}
	today := day(2024, 6, 1)
	open(allocated, access.KindChildInNeed, other.ID, worker.ID, civil.Date{})
	open(teamChild, access.KindChildProtection, mine.ID, 0, civil.Date{})
	open(contact, access.KindContact, other.ID, 0, civil.Date{})
	open(closed, access.KindChildInNeed, mine.ID, worker.ID, day(2024, 5, 31))
	open(outside, access.KindEarlyHelp, other.ID, 0, civil.Date{})
	ok(t, s.AddGrant(ctx, access.Grant{PersonID: granted.ID, UserID: worker.ID, Reason: "test", GrantedBy: admin.ID, From: at(2024, time.January, 1, 0, 0, 0, 0), Until: at(2025, time.January, 1, 0, 0, 0, 0)}, store.Change{}))

	search := func(sc access.Scope, q store.PersonQuery) []string {
		t.Helper()
		q.Scope = &sc
		got, err := s.SearchPeople(ctx, q)
		ok(t, err)
		var names []string
		for _, g := range got {
			names = append(names, g.GivenName)
		}
		return names
	}
	base := access.Scope{On: today, WorkerID: worker.ID, TeamIDs: []access.TeamID{mine.ID}, GrantsTo: worker.ID}
	equal(t, "worker, team and grant scope, with relatives", search(base, store.PersonQuery{Name: "scopeton"}), []string{"Allocated", "Granted", "Parent", "Teamchild"})
	equal(t, "scope and date of birth", search(base, store.PersonQuery{DateOfBirth: dob, Name: "scop"}), []string{"Allocated", "Granted", "Teamchild"})
	withContacts := base
	withContacts.OpenContacts = true
	equal(t, "open contacts too", search(withContacts, store.PersonQuery{Name: "scopeton"}), []string{"Allocated", "Contact", "Granted", "Parent", "Teamchild"})
	equal(t, "an empty scope", search(access.Scope{On: today}, store.PersonQuery{Name: "scopeton"}), []string(nil))
	before := base
	before.On = day(2024, 5, 31) // the closed involvement was still open then
	names := search(before, store.PersonQuery{Name: "scopeton"})
	found := false
	for _, n := range names {
		found = found || n == "Closed"
	}
	if !found {
		t.Errorf("on the last day of an involvement the child is in scope: got %v", names)
	}
}
