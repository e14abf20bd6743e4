package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

func TestBreakTheGlass(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	me := w.actor(access.Practitioner)

	if _, err := w.app.Person(w.ctx, me, f.stranger, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Fatalf("before a reason: got %v, want reason required", err)
	}
	// No reason, no opening.
	before := len(w.log(f.stranger))
	_, err := w.app.OpenWithReason(w.ctx, me, f.stranger, "  ")
	if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("reason") {
		t.Fatalf("blank reason: got %v", err)
	}
	if subj, _ := w.st.Subject(w.ctx, f.stranger, w.app.Now()); len(subj.Grants) != 0 || len(w.log(f.stranger)) != before {
		t.Fatal("a blank reason wrote something")
	}

	o, err := w.app.OpenWithReason(w.ctx, me, f.stranger, " Turned up at the front door ")
	if err != nil {
		t.Fatal(err)
	}
	midnight := time.Date(2026, time.June, 16, 0, 0, 0, 0, civil.London)
	if o.Reason != access.ReasonBreakGlass || !o.Until.Equal(midnight) || o.PersonID != f.stranger {
		t.Errorf("opening = %+v, want until %v", o, midnight)
	}
	if got := w.log(f.stranger)[0]; got.Action != "break_glass" || got.Note != "Turned up at the front door" {
		t.Errorf("logged %+v", got)
	}
	page, err := w.app.Person(w.ctx, me, f.stranger, time.Time{})
	if err != nil || page.Decision.Reason != access.ReasonBreakGlass || page.CanEdit {
		t.Fatalf("after the reason: %+v, %v", page.Decision, err)
	}
	if got := w.log(f.stranger)[0]; got.Action != "read" || got.Reason != access.ReasonBreakGlass {
		t.Errorf("read logged as %+v", got)
	}
	// Reading only.
	if _, err := w.app.UpdatePerson(w.ctx, me, people.Person{ID: f.stranger, Version: 1, FamilyName: "Khan"}, "typo"); !errs.Is(err, errs.NotFound) {
		t.Errorf("a change after breaking the glass: got %v, want not found", err)
	}
	// For this user only.
	if _, err := w.app.Person(w.ctx, w.actor(access.TeamManager), f.stranger, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("another user: got %v", err)
	}
	// Until midnight in London: a new day needs a new reason.
	w.setClock(midnight.Add(-time.Minute))
	if _, err := w.app.Person(w.ctx, me, f.stranger, time.Time{}); err != nil {
		t.Errorf("23:59: %v", err)
	}
	w.setClock(midnight)
	if _, err := w.app.Person(w.ctx, me, f.stranger, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("midnight: got %v, want reason required", err)
	}
}

func TestBreakTheGlassRefusals(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	me := w.actor(access.Practitioner)

	// A restricted record and one that does not exist get the same answer.
	_, restricted := w.app.OpenWithReason(w.ctx, me, f.brother, "front door")
	_, missing := w.app.OpenWithReason(w.ctx, me, 9999, "front door")
	if !errs.Is(restricted, errs.NotFound) || restricted.Error() != missing.Error() {
		t.Errorf("restricted: %v; missing: %v", restricted, missing)
	}
	if subj, _ := w.st.Subject(w.ctx, f.brother, w.app.Now()); len(subj.Grants) != 0 {
		t.Error("an opening was stored for a restricted record")
	}
	if got := w.log(f.brother)[0]; got.Action != "denied" || got.Reason != "person.break_glass: restricted" || got.Note != "front door" {
		t.Errorf("logged %+v", got)
	}
	// A record already open needs no glass broken: nothing is stored.
	o, err := w.app.OpenWithReason(w.ctx, me, f.mother, "front door")
	if err != nil || o.Reason != access.ReasonFamily+access.ReasonTeam || !o.Until.IsZero() {
		t.Errorf("already open: %+v, %v", o, err)
	}
	if subj, _ := w.st.Subject(w.ctx, f.mother, w.app.Now()); len(subj.Grants) != 0 {
		t.Error("an opening was stored for a record already open")
	}
	// Roles that may not.
	for _, role := range []access.Role{access.Analyst, access.Admin, access.Partner, access.Auditor} {
		if _, err := w.app.OpenWithReason(w.ctx, w.actor(role), f.stranger, "curious"); !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: got %v, want forbidden", role, err)
		}
	}
}

func TestBreakTheGlassSwitchedOff(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	if _, err := w.app.OpenWithReason(w.ctx, w.actor(access.Practitioner), f.stranger, "front door"); err != nil {
		t.Fatal(err)
	}
	w.app.BreakGlass = false
	me := w.actor(access.Practitioner)
	if _, err := w.app.Person(w.ctx, me, f.stranger, time.Time{}); !errs.Is(err, errs.NotFound) {
		t.Errorf("an opening made before it was switched off: got %v, want not found", err)
	}
	if _, err := w.app.OpenWithReason(w.ctx, me, f.stranger, "front door"); !errs.Is(err, errs.Forbidden) {
		t.Errorf("switched off: got %v, want forbidden", err)
	}
	if got := w.log(f.stranger)[0]; got.Action != "denied" || got.Reason != "person.break_glass: "+access.ReasonBreakGlassOff {
		t.Errorf("logged %+v", got)
	}
	res, err := w.app.SearchPeople(w.ctx, me, store.PersonQuery{Name: "Sam Khan"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NeedReason) != 0 {
		t.Errorf("switched off, search lists %+v", res.NeedReason)
	}
}

func TestSearchListsWhoNeedsAReason(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	// A name with a date of birth: specific enough (see
	// TestTheOutsideListingNeedsASpecificSearch).
	res, err := w.app.SearchPeople(w.ctx, w.actor(access.Practitioner), store.PersonQuery{Name: "Khan", DateOfBirth: civil.MustNew(2015, time.May, 4)})
	if err != nil {
		t.Fatal(err)
	}
	var open []people.ID
	for _, p := range res.People {
		open = append(open, p.ID)
	}
	if len(open) != 2 || open[0] != f.child && open[1] != f.child {
		t.Errorf("open results %v, want the child and mother", open)
	}
	if len(res.NeedReason) != 1 {
		t.Fatalf("need a reason: %+v, want the stranger alone", res.NeedReason)
	}
	got := res.NeedReason[0]
	want := store.PersonSummary{ID: f.stranger, GivenName: "Sam", FamilyName: "Khan", DateOfBirth: civil.MustNew(2015, time.May, 4), Postcode: "WV1"}
	if got != want {
		t.Errorf("need a reason: %+v, want %+v (postcode district only)", got, want)
	}
	// An analyst reads every unrestricted record: nothing needs a reason.
	res, err = w.app.SearchPeople(w.ctx, w.actor(access.Analyst), store.PersonQuery{Name: "Khan"})
	if err != nil || len(res.NeedReason) != 0 || len(res.People) != 3 {
		t.Errorf("analyst: %+v, %v", res, err)
	}
}
