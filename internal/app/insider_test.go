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
		{"two words of two letters", store.PersonQuery{Name: "sa kh"}, 0},
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

// lastLine is the newest line of an action.
func (w *world) lastLine(act store.AccessAction) store.AccessEntry {
	w.t.Helper()
	es, err := w.st.AccessLog(w.ctx, store.AccessQuery{Action: act, Limit: 1})
	if err != nil || len(es) != 1 {
		w.t.Fatalf("%s lines: %v, %v", act, es, err)
	}
	return es[0]
}

// newPerson is a valid new record.
func newPerson(given, family string, others ...people.OtherName) people.Person {
	return people.Person{GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2015, time.May, 4), Sex: "1", OtherNames: others}
}

// TestTheDuplicateCheckTestsTenOtherNamesAtMost: a check with thousands of
// made-up other names and one real one reported a hidden duplicate, and its
// line named none of them. A record may now have ten other names, and the
// check's line names them.
func TestTheDuplicateCheckTestsTenOtherNamesAtMost(t *testing.T) {
	w := newWorld(t)
	me := w.actor(access.Practitioner)
	many := make([]people.OtherName, 3000)
	for i := range many {
		many[i] = people.OtherName{Type: "alias", GivenName: "Made" + strconv.Itoa(i), FamilyName: "Up"}
	}
	before := len(w.log(0))
	_, _, _, err := w.app.CheckPerson(w.ctx, me, newPerson("Sam", "Khan", many...))
	if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("other_names") {
		t.Fatalf("3000 other names: got %v, want refused naming other_names", err)
	}
	if len(w.log(0)) != before {
		t.Error("a refused check was logged as a search")
	}
	ten := []people.OtherName{{Type: "previous", GivenName: "Amira", FamilyName: "Begum"}, {Type: "alias", FamilyName: "Kay"}}
	if _, _, _, err := w.app.CheckPerson(w.ctx, me, newPerson("Sam", "Khan", ten...)); err != nil {
		t.Fatal(err)
	}
	note := w.lastLine(store.LogDuplicateCheck).Note
	for _, want := range []string{`other_name="Amira Begum"`, `other_name="Kay"`, `given_name="Sam"`} {
		if !strings.Contains(note, want) {
			t.Errorf("the check's line %q does not name %s", note, want)
		}
	}
}

// TestAFailedCreateLogsWhatItTried: a create refused because another record
// holds its NHS number left a line with no note, so the number tried was
// lost. The create's line now carries what identifies the person.
func TestAFailedCreateLogsWhatItTried(t *testing.T) {
	w := newWorld(t)
	w.withNHS("Ada", "Adopted", "4010232137", true)
	p := newPerson("Zara", "Unrelated")
	p.Identifiers.NHSNumber = "401 023 2137"
	if _, err := w.app.CreatePerson(w.ctx, w.actor(access.Practitioner), p, "new contact"); !errs.Is(err, errs.Conflict) {
		t.Fatalf("got %v, want the number refused", err)
	}
	line := w.lastLine(store.LogCreate)
	if line.State != store.LineFailed {
		t.Errorf("the line is %s, want failed", line.State)
	}
	for _, want := range []string{`nhs_number="4010232137"`, `given_name="Zara"`, `family_name="Unrelated"`, `date_of_birth="2015-05-04"`} {
		if !strings.Contains(line.Note, want) {
			t.Errorf("the create's line %q does not say %s", line.Note, want)
		}
	}
	// A long record's terms still fit in a line.
	long := newPerson(strings.Repeat("界", 100), strings.Repeat("界", 100))
	for range people.MaxOtherNames {
		long.OtherNames = append(long.OtherNames, people.OtherName{Type: "alias", GivenName: strings.Repeat("界", 100), FamilyName: strings.Repeat("界", 100)})
	}
	if _, err := w.app.CreatePerson(w.ctx, w.actor(access.Practitioner), long, "new contact"); err != nil {
		t.Fatalf("a long record: %v", err)
	}
	if line := w.lastLine(store.LogCreate); line.State != store.LineDone || len(line.Note) > store.MaxNote {
		t.Errorf("a long record's line: %s, %d bytes", line.State, len(line.Note))
	}
}

// TestReasonsAreText: reasons accepted NUL, escape and the other control
// characters and bidirectional overrides, which spoof the pages that show
// them. They are refused, naming the field; line breaks and tabs are kept.
func TestReasonsAreText(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	me := w.actor(access.Practitioner)
	bad := []string{"nul\x00", "escape \x1b[2J", "bell\a", "\u202Eoverride", "isolate \u2067x\u2069", "not text \xff", "line \u2028separator"}
	uses := map[string]func(reason string) error{
		"break the glass": func(r string) error { _, err := w.app.OpenWithReason(w.ctx, me, f.stranger, r); return err },
		"create":          func(r string) error { _, err := w.app.CreatePerson(w.ctx, me, newPerson("Nia", "New"), r); return err },
		"update": func(r string) error {
			_, err := w.app.UpdatePerson(w.ctx, me, people.Person{ID: f.child, Version: 1, GivenName: "Amira", FamilyName: "Khan", DateOfBirth: civil.MustNew(2015, time.May, 4), Sex: "1"}, r)
			return err
		},
		"relationship": func(r string) error {
			_, err := w.app.AddRelationshipFor(w.ctx, me, f.child, people.Relationship{From: f.child, To: f.child + 1000, Type: "sibling"}, r)
			return err
		},
		"grant": func(r string) error {
			return w.app.AddGrant(w.ctx, w.actor(access.Admin), access.Grant{PersonID: f.child, UserID: me.UserID(), Reason: r, Until: w.app.Now().Add(time.Hour)})
		},
	}
	for name, use := range uses {
		for _, r := range bad {
			err := use(r)
			if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("reason") {
				t.Errorf("%s with %q: got %v, want refused naming reason", name, r, err)
			}
		}
	}
	if subj, _ := w.st.Subject(w.ctx, f.stranger, w.app.Now()); len(subj.Grants) != 0 {
		t.Error("an opening was stored with a bad reason")
	}
	// A textarea's line breaks and tabs are kept.
	if _, err := w.app.OpenWithReason(w.ctx, me, f.stranger, "Turned up at the front door.\r\n\tWith a neighbour."); err != nil {
		t.Errorf("a reason in two lines: %v", err)
	}
}
