package app_test

import (
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

func okafor() care.Household {
	return care.Household{Name: "Mr and Ms Okafor", Type: "mainstream", Approved: civil.MustNew(2019, time.March, 4), Places: 2, Postcode: "wv1 1rg"}
}

// place records an open episode of care placing the child with the
// household, straight to the store.
func (w *world) place(id people.ID, h care.HouseholdID, placement, provider string) journey.Record {
	w.t.Helper()
	// No team holds the episode, so it gives no involvement: each test's
	// own involvements say who may read which child.
	r, err := w.st.CreateJourneyRecord(w.ctx, journey.Record{PersonID: id, Kind: journey.KindCareEpisode, Start: civil.MustNew(2026, time.February, 2),
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: placement, Provider: provider, Household: h, ReasonNew: "S"}}, store.Change{By: w.admin.ID, Reason: "test"})
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

func TestTheRegisterByRole(t *testing.T) {
	w := newWorld(t)
	h, err := w.app.AddHousehold(w.ctx, w.actor(access.TeamManager), okafor(), "approved at panel")
	if err != nil {
		t.Fatal(err)
	}
	if h.Postcode != "WV1 1RG" || h.Version != 1 {
		t.Fatalf("added %+v", h)
	}
	for _, role := range access.Roles {
		ac := w.actor(role)
		reads := role == access.Practitioner || role == access.TeamManager
		manages := role == access.TeamManager
		counts := role == access.TeamManager || role == access.Analyst

		reg, err := w.app.Households(w.ctx, ac, app.HouseholdFilter{})
		if reads != (err == nil) || !reads && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: the register gives %v", role, err)
		}
		if reads && (len(reg.Households) != 1 || (reg.Placements != nil) != counts) {
			t.Errorf("%s: the register %+v, want one household and counts %v", role, reg, counts)
		}
		_, err = w.app.Household(w.ctx, ac, h.ID)
		if reads != (err == nil) {
			t.Errorf("%s: the household gives %v", role, err)
		}
		_, err = w.app.HouseholdHistory(w.ctx, ac, h.ID)
		if reads != (err == nil) {
			t.Errorf("%s: the history gives %v", role, err)
		}
		_, err = w.app.PlacementCounts(w.ctx, ac)
		if counts != (err == nil) || !counts && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: the counts give %v", role, err)
		}
		_, err = w.app.AddHousehold(w.ctx, ac, okafor(), "approved")
		if manages != (err == nil) || !manages && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: adding gives %v", role, err)
		}
		cur, err := w.st.Household(w.ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.Places = 3
		_, err = w.app.ChangeHousehold(w.ctx, ac, cur, "a third place")
		if manages != (err == nil) || !manages && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: changing gives %v", role, err)
		}
	}
}

// TestHouseholdChildrenLeakNothing: a household's page lists only the
// children the reader may read, logs each it lists, and says nothing of
// the others: not their names, not how many.
func TestHouseholdChildrenLeakNothing(t *testing.T) {
	w := newWorld(t)
	tm := w.actor(access.TeamManager)
	h, err := w.app.AddHousehold(w.ctx, tm, okafor(), "approved at panel")
	if err != nil {
		t.Fatal(err)
	}
	known := w.person("Kai", "Known", false)
	w.involve(known, access.KindLookedAfter, civil.Date{})
	hidden := w.person("Rae", "Restricted", true)
	w.involve(hidden, access.KindLookedAfter, civil.Date{})
	stranger := w.person("Sol", "Stranger", false)
	ep := w.place(known, h.ID, "U4", "PR1")
	w.place(hidden, h.ID, "U4", "PR1")
	w.place(stranger, h.ID, "U4", "PR1")

	for _, role := range []access.Role{access.Practitioner, access.TeamManager} {
		page, err := w.app.Household(w.ctx, w.actor(role), h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Children) != 1 || page.Children[0].Person.ID != known || page.Children[0].Episode != ep.ID || page.Children[0].Placement != "U4" {
			t.Fatalf("%s sees %+v, want only Kai", role, page.Children)
		}
		if page.Children[0].Person.Postcode != "" {
			t.Errorf("%s sees the child's own postcode", role)
		}
	}
	reads := func(id people.ID) int {
		n := 0
		for _, e := range w.log(id) {
			if e.Action == store.LogRead && e.Kind == store.KindJourney {
				n++
			}
		}
		return n
	}
	if got := reads(known); got != 2 {
		t.Errorf("Kai's record was read %d times in the log, want 2", got)
	}
	for _, id := range []people.ID{hidden, stranger} {
		if got := reads(id); got != 0 {
			t.Errorf("a child nobody saw has %d reads in the log", got)
		}
	}
	// The counts are totals of every child, seen or not: they name none.
	reg, err := w.app.Households(w.ctx, tm, app.HouseholdFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if *reg.Placements != (care.FosterCounts{InHouse: 3}) {
		t.Errorf("counts %+v", *reg.Placements)
	}
}

func TestHouseholdBadInputWritesNothing(t *testing.T) {
	w := newWorld(t)
	tm := w.actor(access.TeamManager)
	bad := care.Household{Name: "", Type: "residential", Places: 9, Postcode: "nowhere"}
	_, err := w.app.AddHousehold(w.ctx, tm, bad, "")
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid {
		t.Fatalf("got %v, want invalid", err)
	}
	for _, f := range []string{"name", "type", "approved", "places", "postcode", "reason"} {
		if !errs.Fields(e.Fields).Has(f) {
			t.Errorf("%s not named: %+v", f, e.Fields)
		}
	}
	all, err := w.st.Households(w.ctx, store.HouseholdQuery{})
	if err != nil || len(all) != 0 {
		t.Fatalf("written: %v %v", all, err)
	}
	if es, _ := w.st.AccessLog(w.ctx, store.AccessQuery{Kind: store.KindHousehold, Limit: 10}); len(es) != 0 {
		t.Errorf("a refused write left %d lines", len(es))
	}
	_, err = w.app.Households(w.ctx, tm, app.HouseholdFilter{Type: "castle", Status: "sometimes"})
	if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has("type") || !errs.Fields(e.Fields).Has("status") {
		t.Errorf("a bad filter gives %v", err)
	}
}

func TestHouseholdChangesAndDeregistration(t *testing.T) {
	w := newWorld(t)
	tm := w.actor(access.TeamManager)
	h, err := w.app.AddHousehold(w.ctx, tm, okafor(), "approved at panel")
	if err != nil {
		t.Fatal(err)
	}
	first := h
	h.Deregistered = w.app.Today()
	h, err = w.app.ChangeHousehold(w.ctx, tm, h, "retired")
	if err != nil {
		t.Fatal(err)
	}
	if h.Version != 2 {
		t.Fatalf("version %d", h.Version)
	}
	// A change from the version before is stale, and writes nothing.
	first.Places = 3
	if _, err := w.app.ChangeHousehold(w.ctx, tm, first, "late"); !errs.Is(err, errs.Conflict) {
		t.Fatalf("a stale change gives %v", err)
	}
	hist, err := w.app.HouseholdHistory(w.ctx, tm, h.ID)
	if err != nil || len(hist) != 2 || hist[1].Reason != "retired" {
		t.Fatalf("history %+v %v", hist, err)
	}
	for status, want := range map[string]int{app.HouseholdActive: 0, app.HouseholdEnded: 1, "": 1} {
		reg, err := w.app.Households(w.ctx, tm, app.HouseholdFilter{Status: status, Type: "mainstream"})
		if err != nil || len(reg.Households) != want {
			t.Errorf("status %q: %d households (%v), want %d", status, len(reg.Households), err, want)
		}
	}
	es, err := w.st.AccessLog(w.ctx, store.AccessQuery{Kind: store.KindHousehold, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, string(e.Action)+" "+string(e.State))
	}
	slices.Sort(got)
	if want := []string{"create done", "update done", "update failed"}; !slices.Equal(got, want) {
		t.Errorf("log lines %v, want %v", got, want)
	}
	if _, err := w.app.Household(w.ctx, tm, h.ID+100); !errs.Is(err, errs.NotFound) {
		t.Errorf("no such household gives %v", err)
	}
}
