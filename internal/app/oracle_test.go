package app_test

import (
	"context"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// NHS numbers with correct check digits, one for each holder.
const (
	restrictedNHS = "4857773457"
	strangerNHS   = "7000000015"
	freeNHS       = "7000000023"
)

// register is an app over a fresh store, with a practitioner who works with
// one child (own); a restricted child in the same team, whom the practitioner
// may not open (no grant); and an unrestricted child no team works with
// (stranger), whom they may not open either. Each other child holds an NHS
// number. The clock stands still until a test moves it.
type register struct {
	a                         *app.App
	st                        store.Store
	worker, admin             app.Actor
	own, restricted, stranger people.Person
	clock                     atomic.Int64
}

func newRegister(t *testing.T) *register {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	r := &register{a: app.New(st, quietLog), st: st}
	r.clock.Store(time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC).UnixNano())
	r.a.Clock = func() time.Time { return time.Unix(0, r.clock.Load()).UTC() }
	svc, err := st.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	if err != nil {
		t.Fatal(err)
	}
	team, err := st.CreateTeam(ctx, access.Team{Name: "Safeguarding 1", ServiceID: svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	actor := func(name string, role access.Role) app.Actor {
		u, err := r.a.CreateUser(ctx, app.Actor{}, app.NewUser{Username: name, DisplayName: name, Password: "correct horse battery staple", Roles: []access.Role{role}, TeamID: team.ID}, true)
		if err != nil {
			t.Fatal(err)
		}
		p, err := r.a.Principal(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return app.Actor{Principal: p, Remote: "192.0.2.1", Route: "test"}
	}
	r.worker, r.admin = actor("worker", access.Practitioner), actor("admin", access.Admin)
	c := store.Change{By: r.admin.UserID(), Reason: "test"}
	mk := func(given, family string, dob civil.Date, nhs string, restricted bool) people.Person {
		p, err := st.CreatePerson(ctx, people.Person{
			GivenName: given, FamilyName: family, DateOfBirth: dob, Sex: "2", Restricted: restricted,
			Identifiers: people.Identifiers{NHSNumber: nhs},
			Addresses:   []people.Address{{Line1: "1 High Street", Town: "Wolverhampton", Postcode: "WV10 6QA", StartDate: dob}},
		}, c)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	r.own = mk("Amira", "Khan", civil.MustNew(2015, time.May, 4), "", false)
	r.restricted = mk("Ruby", "Adopted", civil.MustNew(2019, time.August, 1), restrictedNHS, true)
	r.stranger = mk("Sam", "Elsewhere", civil.MustNew(2018, time.June, 9), strangerNHS, false)
	for _, id := range []people.ID{r.own.ID, r.restricted.ID} {
		inv := access.Involvement{PersonID: id, Kind: "contact", TeamID: team.ID, WorkerID: r.worker.UserID(), StartDate: civil.MustNew(2024, time.January, 2)}
		if _, err := st.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// tick moves the clock on.
func (r *register) tick(d time.Duration) { r.clock.Add(int64(d)) }

// log returns the access-log lines written since the last call.
func (r *register) log(t *testing.T, since *int64) []store.AccessEntry {
	t.Helper()
	all, err := r.st.AccessLog(context.Background(), store.AccessQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.AccessEntry
	for _, e := range all {
		if e.ID > *since {
			out = append(out, e)
		}
	}
	for _, e := range out {
		*since = max(*since, e.ID)
	}
	return out
}

func newChild(given, family string, dob civil.Date, nhs string) people.Person {
	return people.Person{GivenName: given, FamilyName: family, DateOfBirth: dob, Sex: "2", Identifiers: people.Identifiers{NHSNumber: nhs}}
}

// TestCheckNeverRevealsARestrictedRecord is hole 1: the duplicate check
// counted matches the user could not open, restricted ones among them, so a
// name and date of birth, or an NHS number alone, confirmed that an adopted
// child existed; and it wrote no log line.
func TestCheckNeverRevealsARestrictedRecord(t *testing.T) {
	r := newRegister(t)
	ctx := context.Background()
	var seen int64
	r.log(t, &seen)

	type outcome struct {
		Dups   int
		Hidden int
	}
	check := func(p people.Person) outcome {
		t.Helper()
		_, dups, hidden, err := r.a.CheckPerson(ctx, r.worker, p)
		if err != nil {
			t.Fatalf("check %s %s: %v", p.GivenName, p.FamilyName, err)
		}
		return outcome{len(dups), hidden}
	}
	cases := []struct {
		name string
		p    people.Person
		want outcome
	}{
		{"the restricted child's name and date of birth", newChild("Ruby", "Adopted", r.restricted.DateOfBirth, ""), outcome{0, 0}},
		{"the restricted child's NHS number alone", newChild("Zara", "Unrelated", civil.MustNew(2020, time.January, 1), restrictedNHS), outcome{0, 0}},
		{"both", newChild("Ruby", "Adopted", r.restricted.DateOfBirth, restrictedNHS), outcome{0, 0}},
		// An unrestricted record the user may not open is counted by name
		// and date of birth, so that they ask before making a duplicate...
		{"the stranger's name and date of birth", newChild("Sam", "Elsewhere", r.stranger.DateOfBirth, ""), outcome{0, 1}},
		// ...but never by an identifier, which would tell the two apart.
		{"the stranger's NHS number alone", newChild("Zara", "Unrelated", civil.MustNew(2020, time.January, 1), strangerNHS), outcome{0, 0}},
		{"nobody's", newChild("Zara", "Unrelated", civil.MustNew(2020, time.January, 1), freeNHS), outcome{0, 0}},
		{"a child the user may open", newChild("Amira", "Khan", r.own.DateOfBirth, ""), outcome{1, 0}},
	}
	for _, c := range cases {
		if got := check(c.p); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		// One line per check, saying what was checked and what was shown.
		lines := r.log(t, &seen)
		if len(lines) != 1 || lines[0].Action != "check" || lines[0].UserID != r.worker.UserID() ||
			!strings.Contains(lines[0].Note, `family_name="`+c.p.FamilyName+`"`) || !strings.Contains(lines[0].Note, "shown ") {
			t.Errorf("%s: log lines %+v, want one check line with the terms and what was shown", c.name, lines)
		}
	}

	// With a grant, the restricted record is a duplicate the user may open.
	g := access.Grant{PersonID: r.restricted.ID, UserID: r.worker.UserID(), Reason: "adoption support", Until: r.a.Now().Add(time.Hour)}
	if err := r.a.AddGrant(ctx, r.admin, g); err != nil {
		t.Fatal(err)
	}
	if got := check(newChild("Ruby", "Adopted", r.restricted.DateOfBirth, "")); got != (outcome{1, 0}) {
		t.Errorf("with a grant: %+v, want the record listed", got)
	}
}

// TestATakenNHSNumberIsRefusedAlikeWhoeverHoldsIt: the store refuses an NHS
// number another record holds, on create and on update. Whether the holder is
// restricted must not show: the refusal for a restricted holder is the same
// as for an unrestricted one the user may not open.
func TestATakenNHSNumberIsRefusedAlikeWhoeverHoldsIt(t *testing.T) {
	r := newRegister(t)
	ctx := context.Background()
	refusal := func(err error) errs.Error {
		t.Helper()
		e := errs.As(err)
		if e == nil {
			t.Fatalf("got %v, want a refusal", err)
		}
		return errs.Error{Code: e.Code, Message: e.Message, Fields: e.Fields}
	}
	create := func(nhs string) errs.Error {
		_, err := r.a.CreatePerson(ctx, r.worker, newChild("Zara", "Unrelated", civil.MustNew(2020, time.January, 1), nhs), "new contact")
		return refusal(err)
	}
	update := func(nhs string) errs.Error {
		p := r.own
		p.Identifiers.NHSNumber = nhs
		_, err := r.a.UpdatePerson(ctx, r.worker, p, "NHS number from the GP")
		return refusal(err)
	}
	for name, refuse := range map[string]func(string) errs.Error{"create": create, "update": update} {
		hidden, other := refuse(restrictedNHS), refuse(strangerNHS)
		if !reflect.DeepEqual(hidden, other) {
			t.Errorf("%s: a restricted holder is refused with %+v, another with %+v", name, hidden, other)
		}
		if hidden.Code != errs.Conflict || len(hidden.Fields) != 1 || hidden.Fields[0].Field != "identifiers.nhs_number" {
			t.Errorf("%s: refusal %+v, want a conflict naming the NHS number", name, hidden)
		}
		for _, word := range []string{"Ruby", "Adopted", "restricted", "Sam", "Elsewhere"} {
			if strings.Contains(hidden.Message, word) {
				t.Errorf("%s: refusal %q names the holder", name, hidden.Message)
			}
		}
	}
}

// TestTheEditCheckStepLogsItsRead is hole 2: PersonVersion returns the whole
// record for the edit's check page, and wrote no log line.
func TestTheEditCheckStepLogsItsRead(t *testing.T) {
	r := newRegister(t)
	ctx := context.Background()
	var seen int64
	r.log(t, &seen)
	p, err := r.a.PersonVersion(ctx, r.worker, r.own.ID, 1)
	if err != nil || p.ID != r.own.ID {
		t.Fatalf("person version: %+v %v", p, err)
	}
	lines := r.log(t, &seen)
	if len(lines) != 1 || lines[0].Action != "read" || lines[0].PersonID != r.own.ID || lines[0].UserID != r.worker.UserID() || lines[0].Reason == "" {
		t.Errorf("log after reading a version: %+v, want one read of the record with its reason", lines)
	}
	// A refusal is logged as one, and shows nothing.
	if _, err := r.a.PersonVersion(ctx, r.worker, r.restricted.ID, 1); !errs.Is(err, errs.NotFound) {
		t.Errorf("a version of the restricted record: %v, want not found", err)
	}
	if lines := r.log(t, &seen); len(lines) != 1 || lines[0].Action != "denied" {
		t.Errorf("log after a refused version: %+v, want one denied line", lines)
	}
}

// TestTheHiddenCountIsNotAnOracle is hole 3: the count of matches the user
// may not open, given for a search with a date of birth or a postcode, told
// right guesses from wrong ones.
func TestTheHiddenCountIsNotAnOracle(t *testing.T) {
	r := newRegister(t)
	// Breaking the glass lists the unrestricted matches instead of counting
	// them (TestSearchListsWhoNeedsAReason); the count is for a council that
	// has switched it off.
	r.a.BreakGlass = false
	r.worker.Principal.BreakGlass = false
	ctx := context.Background()
	var seen int64
	r.log(t, &seen)
	search := func(q store.PersonQuery) app.SearchResult {
		t.Helper()
		res, err := r.a.SearchPeople(ctx, r.worker, q)
		if err != nil {
			t.Fatalf("search %+v: %v", q, err)
		}
		if len(res.People) != 0 {
			t.Fatalf("search %+v found %+v, which the worker may not open", q, res.People)
		}
		return res
	}
	right, wrong := r.stranger.DateOfBirth, r.stranger.DateOfBirth.AddDays(1)
	cases := []struct {
		name       string
		q          store.PersonQuery
		hidden     int
		terms      string
		noteHidden bool // the page should say the count was not made
	}{
		{"name alone", store.PersonQuery{Name: "Elsewhere"}, 1, `name="Elsewhere"`, false},
		{"a restricted name alone", store.PersonQuery{Name: "Adopted"}, 0, `name="Adopted"`, false},
		{"name and the right date of birth", store.PersonQuery{Name: "Elsewhere", DateOfBirth: right}, 0, `date_of_birth="2018-06-09"`, true},
		{"name and a wrong date of birth", store.PersonQuery{Name: "Elsewhere", DateOfBirth: wrong}, 0, `date_of_birth="2018-06-10"`, true},
		{"name and the right district", store.PersonQuery{Name: "Elsewhere", Postcode: "WV10"}, 0, `postcode="WV10"`, true},
		{"name and a wrong district", store.PersonQuery{Name: "Elsewhere", Postcode: "WV11"}, 0, `postcode="WV11"`, true},
		{"the right NHS number", store.PersonQuery{Identifier: strangerNHS}, 0, `identifier="` + strangerNHS + `"`, true},
		{"the restricted child's NHS number", store.PersonQuery{Identifier: restrictedNHS}, 0, `identifier="` + restrictedNHS + `"`, true},
	}
	for _, c := range cases {
		res := search(c.q)
		if res.Hidden != c.hidden || res.CountWithheld != c.noteHidden {
			t.Errorf("%s: hidden %d (withheld %v), want %d (%v)", c.name, res.Hidden, res.CountWithheld, c.hidden, c.noteHidden)
		}
		lines := r.log(t, &seen)
		if len(lines) != 1 || lines[0].Action != "search" || !strings.Contains(lines[0].Note, c.terms) || !strings.Contains(lines[0].Note, "shown 0") {
			t.Errorf("%s: log %+v, want one search line with %s", c.name, lines, c.terms)
		}
	}
}

// TestTheHiddenCountStopsAlikeWithRestrictedRecords: the count of hidden
// matches stops at 200 ("200 or more"). Were that decided by how many
// matches the store returned, restricted ones included, then 199 others and
// one restricted record would read "199 or more", and 199 alone "199".
func TestTheHiddenCountStopsAlikeWithRestrictedRecords(t *testing.T) {
	r := newRegister(t)
	// Breaking the glass lists the unrestricted matches instead of counting
	// them (TestSearchListsWhoNeedsAReason); the count is for a council that
	// has switched it off.
	r.a.BreakGlass = false
	r.worker.Principal.BreakGlass = false
	ctx := context.Background()
	c := store.Change{By: r.admin.UserID(), Reason: "test"}
	add := func(n int, restricted bool) {
		t.Helper()
		var ps []people.Person
		for i := range n {
			ps = append(ps, people.Person{GivenName: "Aaron", FamilyName: "Quill", DateOfBirth: civil.MustNew(2010, time.January, 1).AddDays(i), Restricted: restricted})
		}
		if _, err := r.st.ImportPeople(ctx, ps, nil, c); err != nil {
			t.Fatal(err)
		}
	}
	count := func() (int, bool) {
		t.Helper()
		res, err := r.a.SearchPeople(ctx, r.worker, store.PersonQuery{Name: "Quill"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Hidden, res.MoreHidden
	}
	add(199, false)
	want, wantMore := count()
	if want != 199 || wantMore {
		t.Fatalf("199 others: %d (or more: %v), want exactly 199", want, wantMore)
	}
	add(1, true)
	if got, more := count(); got != want || more != wantMore {
		t.Errorf("199 others and a restricted record: %d (or more: %v), want %d (%v) as without it", got, more, want, wantMore)
	}
	add(1, false)
	if got, more := count(); got != 200 || !more {
		t.Errorf("200 others: %d (or more: %v), want 200 or more", got, more)
	}
}

// TestSearchesAreLimitedPerUser: a burst of SearchBurst searches (and
// duplicate checks, which are searches too), then one every SearchEvery; a
// refusal is logged; other users are not held up.
func TestSearchesAreLimitedPerUser(t *testing.T) {
	r := newRegister(t)
	ctx := context.Background()
	q := store.PersonQuery{Name: "Khan"}
	for i := range app.SearchBurst {
		var err error
		if i%2 == 0 {
			_, err = r.a.SearchPeople(ctx, r.worker, q)
		} else {
			_, _, _, err = r.a.CheckPerson(ctx, r.worker, newChild("Amira", "Khan", r.own.DateOfBirth, ""))
		}
		if err != nil {
			t.Fatalf("search %d of the burst: %v", i+1, err)
		}
	}
	var seen int64
	r.log(t, &seen)
	if _, err := r.a.SearchPeople(ctx, r.worker, q); !errs.Is(err, errs.TooMany) {
		t.Fatalf("a search past the burst: %v, want too many", err)
	}
	if _, _, _, err := r.a.CheckPerson(ctx, r.worker, newChild("Amira", "Khan", r.own.DateOfBirth, "")); !errs.Is(err, errs.TooMany) {
		t.Fatalf("a check past the burst: %v, want too many", err)
	}
	lines := r.log(t, &seen)
	if len(lines) != 2 || lines[0].Action != "denied" || !strings.Contains(lines[0].Note, `name="Khan"`) || lines[1].Action != "denied" {
		t.Errorf("log of the refusals: %+v, want two denied lines with the terms", lines)
	}
	// Adding a person is not a search, and other users search as before.
	if _, err := r.a.CreatePerson(ctx, r.worker, newChild("Zara", "Unrelated", civil.MustNew(2020, time.January, 1), ""), "new contact"); err != nil {
		t.Errorf("create while searching is paused: %v", err)
	}
	u, err := r.a.CreateUser(ctx, app.Actor{}, app.NewUser{Username: "analyst", DisplayName: "analyst", Password: "correct horse battery staple", Roles: []access.Role{access.Analyst}}, true)
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.a.Principal(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.a.SearchPeople(ctx, app.Actor{Principal: p, Remote: "192.0.2.1", Route: "test"}, q); err != nil {
		t.Errorf("another user's search: %v", err)
	}
	// Searching comes back at the rate, and no faster.
	r.tick(app.SearchEvery)
	if _, err := r.a.SearchPeople(ctx, r.worker, q); err != nil {
		t.Errorf("a search after %s: %v", app.SearchEvery, err)
	}
	if _, err := r.a.SearchPeople(ctx, r.worker, q); !errs.Is(err, errs.TooMany) {
		t.Errorf("a second search at once: %v, want too many", err)
	}
}
