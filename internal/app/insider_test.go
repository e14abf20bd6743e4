package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// withNHS adds a person with an NHS number straight to the store.
func (w *world) withNHS(given, family, nhs string, restricted bool) people.ID {
	w.t.Helper()
	p, err := w.st.CreatePerson(w.ctx, people.Person{
		GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2016, time.March, 3), Sex: "2", Restricted: restricted,
		Identifiers: people.Identifiers{NHSNumber: nhs},
	}, store.Change{By: w.admin.ID, Reason: "test"})
	if err != nil {
		w.t.Fatal(err)
	}
	return p.ID
}

// lastSearch is the newest search line's note.
func (w *world) lastSearch() string {
	w.t.Helper()
	es, err := w.st.AccessLog(w.ctx, store.AccessQuery{Action: store.LogSearch, Limit: 1})
	if err != nil || len(es) != 1 {
		w.t.Fatalf("search lines: %v, %v", es, err)
	}
	return es[0].Note
}

// TestAnIdentifierSearchListsNobodyOutside: a search by NHS number listed an
// unrestricted holder outside the user's relationships as needing a reason,
// but never a restricted one, so a number the create refused as taken but
// that search did not list was held by a restricted record. A search by
// identifier now lists nobody outside the user's relationships.
func TestAnIdentifierSearchListsNobodyOutside(t *testing.T) {
	w := newWorld(t)
	open := w.withNHS("Ira", "Open", "9434765919", false)
	w.withNHS("Ada", "Adopted", "4010232137", true)
	me := w.actor(access.Practitioner)
	for _, nhs := range []string{"9434765919", "4010232137", "943 476 5919"} {
		res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Identifier: nhs})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.People) != 0 || len(res.NeedReason) != 0 || res.Hidden != 0 {
			t.Errorf("%s: %+v", nhs, res)
		}
		if note := w.lastSearch(); !strings.HasSuffix(note, "; listed 0 needing a reason") {
			t.Errorf("%s: logged %q", nhs, note)
		}
	}
	// A name specific enough still lists the holder, without the number.
	res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Ira Open"})
	if err != nil || len(res.NeedReason) != 1 || res.NeedReason[0].ID != open {
		t.Errorf("by name: %+v, %v", res, err)
	}
}

// TestTheOutsideListingNeedsASpecificSearch: a name of one letter listed up
// to a hundred people outside the user's relationships, and the log did not
// say so. Now only a search specific enough to find one child lists them, at
// most twenty, and the search's line says how many.
func TestTheOutsideListingNeedsASpecificSearch(t *testing.T) {
	w := newWorld(t)
	for i := range 25 {
		w.person("Sam", "Khan"+strings.Repeat("e", i%3), false)
	}
	me := w.actor(access.Practitioner)
	dob := civil.MustNew(2015, time.May, 4) // every one's
	cases := []struct {
		name string
		q    store.PersonQuery
		want int
	}{
		{"one letter", store.PersonQuery{Name: "a", Limit: 100}, 0},
		{"one word", store.PersonQuery{Name: "Khan", Limit: 100}, 0},
		{"a word and an initial", store.PersonQuery{Name: "S Khan", Limit: 100}, 0},
		{"a word and a postcode district", store.PersonQuery{Name: "Khan", Postcode: "WV1", Limit: 100}, 0},
		{"a date of birth alone", store.PersonQuery{DateOfBirth: dob, Limit: 100}, 0},
		{"a postcode alone", store.PersonQuery{Postcode: "WV1 1AA", Limit: 100}, 0},
		{"given and family name", store.PersonQuery{Name: "Sam Khan", Limit: 100}, 20},
		{"a name and a date of birth", store.PersonQuery{Name: "Khan", DateOfBirth: dob}, 20},
		{"a name and a full postcode", store.PersonQuery{Name: "Khan", Postcode: "wv11aa"}, 20},
		{"two words of two letters", store.PersonQuery{Name: "sa kh"}, 20},
	}
	for _, c := range cases {
		res, err := w.app.SearchPeople(w.ctx, me, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(res.NeedReason) != c.want {
			t.Errorf("%s: %d listed needing a reason, want %d", c.name, len(res.NeedReason), c.want)
		}
		if note := w.lastSearch(); !strings.HasSuffix(note, "; listed "+strconv.Itoa(c.want)+" needing a reason") {
			t.Errorf("%s: logged %q", c.name, note)
		}
	}
}

// TestSearchTermsOutOfRangeAreRefused: a limit over 100 was silently 50, and
// a date of birth of 0001-01-01 or 9999-12-31 was searched for. Both are now
// refused, naming the field, and nothing is logged or counted.
func TestSearchTermsOutOfRangeAreRefused(t *testing.T) {
	w := newWorld(t)
	me := w.actor(access.Practitioner)
	today := w.app.Today()
	cases := []struct {
		q     store.PersonQuery
		field string // "": accepted
	}{
		{store.PersonQuery{Name: "Khan", Limit: 101}, "limit"},
		{store.PersonQuery{Name: "Khan", Limit: 1000000}, "limit"},
		{store.PersonQuery{Name: "Khan", Limit: -1}, "limit"},
		{store.PersonQuery{Name: "Khan", Limit: 100}, ""},
		{store.PersonQuery{Name: "Khan", Limit: 1}, ""},
		{store.PersonQuery{DateOfBirth: civil.Date{Year: 1, Month: time.January, Day: 1}}, "date_of_birth"},
		{store.PersonQuery{DateOfBirth: civil.Date{Year: 9999, Month: time.December, Day: 31}}, "date_of_birth"},
		{store.PersonQuery{DateOfBirth: civil.MustNew(1899, time.December, 31)}, "date_of_birth"},
		{store.PersonQuery{DateOfBirth: today.AddDays(1)}, "date_of_birth"},
		{store.PersonQuery{DateOfBirth: civil.Date{Year: 2015, Month: time.February, Day: 30}}, "date_of_birth"},
		{store.PersonQuery{DateOfBirth: civil.MustNew(1900, time.January, 1)}, ""},
		{store.PersonQuery{DateOfBirth: today}, ""},
	}
	for _, c := range cases {
		before, _ := w.st.AccessLog(w.ctx, store.AccessQuery{Limit: 1000})
		_, err := w.app.SearchPeople(w.ctx, me, c.q)
		if c.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", c.q, err)
			}
			continue
		}
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has(c.field) {
			t.Errorf("%+v: got %v, want invalid naming %s", c.q, err, c.field)
		}
		if after, _ := w.st.AccessLog(w.ctx, store.AccessQuery{Limit: 1000}); len(after) != len(before) {
			t.Errorf("%+v: a refused search was logged", c.q)
		}
	}
}
