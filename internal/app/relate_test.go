package app_test

import (
	"reflect"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// TestBreakingTheGlassCannotBeMadeFamily: a practitioner who broke the glass
// on a stranger could add a relationship from a child their team works with
// to the stranger, and the family rule then opened the stranger to everyone
// who may read the child, for good. A relationship may now be added only to a
// person the user has a relationship of their own to, and any other is
// refused with one answer.
func TestBreakingTheGlassCannotBeMadeFamily(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	me := w.actor(access.Practitioner)
	if _, err := w.app.OpenWithReason(w.ctx, me, f.stranger, "turned up at the front door"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Person(w.ctx, me, f.stranger, time.Time{}); err != nil {
		t.Fatalf("the opening does not open: %v", err)
	}
	unrelated := w.person("Ola", "Okafor", false)
	add := func(to people.ID) error {
		_, err := w.app.AddRelationshipFor(w.ctx, me, f.child, people.Relationship{From: to, To: f.child, Type: "parent"}, "met at a visit")
		return err
	}
	glass := add(f.stranger)
	if e := errs.As(glass); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("from") {
		t.Fatalf("a relationship to a record opened by breaking the glass: got %v, want refused naming from", glass)
	}
	// The same answer for a record opened through the family rule, a
	// restricted one, one nobody opened and one that does not exist.
	for name, id := range map[string]people.ID{"family": f.mother, "restricted": f.brother, "unrelated": unrelated, "missing": 99999} {
		if err := add(id); !reflect.DeepEqual(errs.As(err), errs.As(glass)) {
			t.Errorf("%s: got %#v, want %#v", name, errs.As(err), errs.As(glass))
		}
	}
	rels, err := w.st.Relatives(w.ctx, []people.ID{f.stranger})
	if err != nil || len(rels[f.stranger]) != 0 {
		t.Fatalf("relationships saved: %v, %v", rels, err)
	}
	if got := w.log(f.stranger)[0]; got.Action != store.LogDenied || got.Reason != "person.update: "+access.ReasonNoRelationship {
		t.Errorf("the refusal is logged on the stranger as %+v", got)
	}
	// Nobody else in the team reads the stranger, today or tomorrow.
	for _, clock := range []time.Time{w.app.Now(), time.Date(2026, time.June, 16, 9, 0, 0, 0, time.UTC)} {
		w.setClock(clock)
		if _, err := w.app.Person(w.ctx, w.actor(access.TeamManager), f.stranger, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
			t.Errorf("at %v a colleague reads the stranger: %v", clock, err)
		}
	}
}

// TestARelationshipIsLoggedOnBothRecords: a relationship between two children
// the team works with is allowed, and each child's log has its line, settled
// with the relationship's id.
func TestARelationshipIsLoggedOnBothRecords(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	cousin := w.person("Noor", "Khan", false)
	w.involve(cousin, access.KindEarlyHelp, civil.Date{})
	r, err := w.app.AddRelationshipFor(w.ctx, w.actor(access.Practitioner), f.child, people.Relationship{From: f.child, To: cousin, Type: "sibling"}, "same household")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []people.ID{f.child, cousin} {
		lines := w.log(id)
		if len(lines) == 0 {
			t.Fatalf("no line on %d", id)
		}
		got := lines[0]
		if got.Action != store.LogCreate || got.Kind != store.KindRelationship || got.RecordID != int64(r.ID) ||
			got.PersonID != id || got.State != store.LineDone || got.Reason != access.ReasonTeam {
			t.Errorf("line on %d: %+v", id, got)
		}
	}
	// A change to it, made through the child's record, is on both too.
	r.Note = "lives with the family"
	if _, err := w.app.ChangeRelationship(w.ctx, w.actor(access.Practitioner), f.child, r, "noted"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []people.ID{f.child, cousin} {
		got := w.log(id)[0]
		if got.Action != store.LogUpdate || got.Kind != store.KindRelationship || got.RecordID != int64(r.ID) ||
			got.PersonID != id || got.State != store.LineDone {
			t.Errorf("change's line on %d: %+v", id, got)
		}
	}
}

// TestTheFamilyRuleFollowsOnlyCurrentFamily: an ended relationship, or one
// that is not family (a professional), opens nothing.
func TestTheFamilyRuleFollowsOnlyCurrentFamily(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	worker := w.actor(access.Practitioner)
	if page, err := w.app.Person(w.ctx, worker, f.mother, time.Time{}); err != nil || page.Decision.Reason != access.ReasonFamily+access.ReasonTeam {
		t.Fatalf("the mother before: %+v, %v", page.Decision, err)
	}
	// End the mother's relationship yesterday.
	page, err := w.app.Person(w.ctx, worker, f.child, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var rel people.Relationship
	for _, rv := range page.Relationships {
		if rv.Other.ID == f.mother {
			rel = rv.Relationship
		}
	}
	rel.EndDate = w.app.Today().AddDays(-1)
	if _, err := w.app.ChangeRelationship(w.ctx, worker, f.child, rel, "moved away"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Person(w.ctx, worker, f.mother, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("the mother after the relationship ended: got %v, want reason required", err)
	}
	// A professional is not family.
	gp := w.person("Dana", "Doctor", false)
	w.relate(gp, f.child, "professional")
	if _, err := w.app.Person(w.ctx, worker, gp, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("a professional: got %v, want reason required", err)
	}
	res, err := w.app.SearchPeople(w.ctx, worker, store.PersonQuery{Name: "Dana Doctor"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.People) != 0 {
		t.Errorf("search opens the professional: %+v", res.People)
	}
}

// TestAChangeCannotMakeFamilyOfAStranger: reviving an ended relationship, or
// turning a professional into a parent, would open the other person to the
// team as adding the relationship would, so it needs what adding needs.
func TestAChangeCannotMakeFamilyOfAStranger(t *testing.T) {
	w := newWorld(t)
	f := w.family()
	me := w.actor(access.Practitioner)
	gp := w.person("Dana", "Doctor", false)
	w.relate(gp, f.child, "professional")
	page, err := w.app.Person(w.ctx, me, f.child, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(id people.ID) people.Relationship {
		for _, rv := range page.Relationships {
			if rv.Other.ID == id {
				return rv.Relationship
			}
		}
		t.Fatalf("no relationship to %d", id)
		return people.Relationship{}
	}
	made := find(gp)
	made.Type = "parent"
	_, err = w.app.ChangeRelationship(w.ctx, me, f.child, made, "typo")
	if e := errs.As(err); e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has("type") {
		t.Fatalf("a professional made a parent: got %v, want refused naming type", err)
	}
	if _, err := w.app.Person(w.ctx, me, gp, time.Time{}); !errs.Is(err, errs.ReasonRequired) {
		t.Errorf("the professional opens: %v", err)
	}
	// End the mother's relationship (allowed: it narrows), then revive it:
	// she is family again only to someone who works with her.
	rel := find(f.mother)
	rel.EndDate = w.app.Today().AddDays(-1)
	ended, err := w.app.ChangeRelationship(w.ctx, me, f.child, rel, "moved away")
	if err != nil {
		t.Fatal(err)
	}
	ended.EndDate = civil.Date{}
	_, err = w.app.ChangeRelationship(w.ctx, me, f.child, ended, "moved back")
	if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has("end_date") {
		t.Fatalf("reviving: got %v, want refused naming end_date", err)
	}
	w.involve(f.mother, access.KindEarlyHelp, civil.Date{})
	if _, err := w.app.ChangeRelationship(w.ctx, me, f.child, ended, "moved back"); err != nil {
		t.Errorf("reviving by someone who works with her: %v", err)
	}
}
