package app_test

import (
	"cmp"
	"strconv"
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

// careWorld is a world with a child in care since 5 January 2026, held by
// the practitioner's team: one open episode of care, a full care order in
// foster care with the council's own carers.
type careWorld struct {
	*world
	child   people.ID
	sw      app.Actor
	episode journey.Record
}

var jan5 = civil.MustNew(2026, time.January, 5)

func newCareWorld(t *testing.T) *careWorld {
	t.Helper()
	w := newWorld(t)
	cw := &careWorld{world: w, child: w.person("Ada", "Stone", false), sw: w.actor(access.Practitioner)}
	w.involve(cw.child, access.KindChildInNeed, civil.Date{})
	var err error
	cw.episode, err = w.app.RecordJourney(w.ctx, cw.sw, cw.child, journey.Record{Kind: journey.KindCareEpisode, Start: jan5,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR1", Postcode: "WV1 1AA", URN: "SC123456",
			ReasonNew: "S", Permanence: "long_term_fostering"}})
	if err != nil {
		t.Fatal(err)
	}
	return cw
}

// move is a valid move on 15 June from the child's current episode.
func (cw *careWorld) move() app.PlacementMove {
	return app.PlacementMove{Episode: cw.episode.ID, Version: cw.episode.Version, Date: june15, Placement: "U4", Provider: "PR4",
		Postcode: "WV2 2BB", URN: "SC765432", Reason: "CREQB"}
}

func (cw *careWorld) records() []journey.Record {
	cw.t.Helper()
	jp, err := cw.app.Journey(cw.ctx, cw.sw, cw.child)
	if err != nil {
		cw.t.Fatal(err)
	}
	return jp.Records
}

// TestMovePlacement: a move ends the current episode with X1 and starts
// the next the same day, both with the reason; the child's placements show
// the move.
func TestMovePlacement(t *testing.T) {
	cw := newCareWorld(t)
	ended, next, err := cw.app.MovePlacement(cw.ctx, cw.sw, cw.child, cw.move())
	if err != nil {
		t.Fatal(err)
	}
	if ended.ID != cw.episode.ID || ended.Version != 2 || ended.End != june15 || ended.CareEpisode.ReasonCeased != "X1" || ended.CareEpisode.Placement != "U6" {
		t.Errorf("ended %+v %+v", ended, *ended.CareEpisode)
	}
	want := care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U4", Provider: "PR4", Postcode: "WV2 2BB", URN: "SC765432",
		ReasonNew: "P", ReasonPlaceChange: "CREQB", Permanence: "long_term_fostering"}
	if next.Start != june15 || !next.End.IsZero() || next.Version != 1 || *next.CareEpisode != want || next.TeamID != cw.episode.TeamID {
		t.Errorf("next %+v %+v", next, *next.CareEpisode)
	}
	for _, id := range []journey.ID{ended.ID, next.ID} {
		rp, err := cw.app.JourneyRecord(cw.ctx, cw.sw, cw.child, id)
		if err != nil {
			t.Fatal(err)
		}
		if last := rp.History[len(rp.History)-1]; last.Reason != "Move of placement: Carers asked for it to end because of the child's behaviour" {
			t.Errorf("record %d: reason %q", id, last.Reason)
		}
	}
	if l := cw.lastLine(store.LogCreate); l.PersonID != cw.child || l.RecordID != int64(next.ID) || l.Note != "placement move: ends episode of care "+strconv.FormatInt(int64(cw.episode.ID), 10) {
		t.Errorf("log line %+v", l)
	}
	recs := cw.records()
	if ps := journey.Placements(recs); len(ps) != 2 || ps[1].Type != "U4" || ps[0].End != june15 {
		t.Errorf("placements %+v", ps)
	}
	if n := journey.MovesIn12Months(recs, june15); n != 1 {
		t.Errorf("%d moves, want 1", n)
	}
	if cur, ok := journey.CurrentEpisode(recs); !ok || cur.ID != next.ID {
		t.Errorf("current episode %d, want %d", cur.ID, next.ID)
	}
}

// TestMovePlacementReasonNew: the new episode's reason says what changed:
// placement and carers (P), placement only (T), and either with the legal
// status (B, U).
func TestMovePlacementReasonNew(t *testing.T) {
	for _, tc := range []struct {
		same   bool
		legal  string
		reason string
	}{{false, "", "P"}, {true, "", "T"}, {false, "C1", "B"}, {true, "C1", "U"}} {
		cw := newCareWorld(t)
		m := cw.move()
		m.SameCarers, m.LegalStatus = tc.same, tc.legal
		_, next, err := cw.app.MovePlacement(cw.ctx, cw.sw, cw.child, m)
		if err != nil {
			t.Fatal(err)
		}
		if next.CareEpisode.ReasonNew != tc.reason || next.CareEpisode.LegalStatus != cmp.Or(tc.legal, "C2") {
			t.Errorf("same carers %v, legal status %q: reason %q, legal status %q", tc.same, tc.legal, next.CareEpisode.ReasonNew, next.CareEpisode.LegalStatus)
		}
	}
}

// TestMovePlacementRefusals: each bad move names its field and writes
// nothing.
func TestMovePlacementRefusals(t *testing.T) {
	cw := newCareWorld(t)
	before := cw.records()
	for _, tc := range []struct {
		name  string
		edit  func(*app.PlacementMove)
		field string
	}{
		{"no date", func(m *app.PlacementMove) { m.Date = civil.Date{} }, "date"},
		{"a date in the future", func(m *app.PlacementMove) { m.Date = june15.AddDays(1) }, "date"},
		{"before the episode started", func(m *app.PlacementMove) { m.Date = jan5.AddDays(-1) }, "date"},
		{"no placement type", func(m *app.PlacementMove) { m.Placement = "" }, "placement"},
		{"an unknown placement type", func(m *app.PlacementMove) { m.Placement = "Q9" }, "placement"},
		{"an unknown provider", func(m *app.PlacementMove) { m.Provider = "PR9" }, "provider"},
		{"no reason", func(m *app.PlacementMove) { m.Reason = "" }, "reason"},
		{"an unknown reason", func(m *app.PlacementMove) { m.Reason = "BORED" }, "reason"},
		{"an unknown legal status", func(m *app.PlacementMove) { m.LegalStatus = "Z9" }, "legal_status"},
		{"the same legal status", func(m *app.PlacementMove) { m.LegalStatus = "C2" }, "legal_status"},
		{"a household that is not one", func(m *app.PlacementMove) { m.Household = -1 }, "household"},
		{"no version", func(m *app.PlacementMove) { m.Version = 0 }, "version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := cw.move()
			tc.edit(&m)
			_, _, err := cw.app.MovePlacement(cw.ctx, cw.sw, cw.child, m)
			e := errs.As(err)
			if e == nil || e.Code != errs.Invalid || !errs.Fields(e.Fields).Has(tc.field) {
				t.Fatalf("error %v, want one on %s", err, tc.field)
			}
		})
	}
	if after := cw.records(); len(after) != len(before) || after[0].Version != before[0].Version {
		t.Errorf("a refused move wrote: %d records, version %d", len(after), after[0].Version)
	}
}

// TestMovePlacementConflicts: a move from an episode that has changed,
// or from one that is no longer the current one, is refused as a
// conflict and writes nothing; a child with no open episode cannot move.
func TestMovePlacementConflicts(t *testing.T) {
	cw := newCareWorld(t)
	changed := cw.episode
	changed.CareEpisode.LongTermStable = true
	if _, err := cw.app.ChangeJourney(cw.ctx, cw.sw, cw.child, changed, "agreed as long-term"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cw.app.MovePlacement(cw.ctx, cw.sw, cw.child, cw.move()); !errs.Is(err, errs.Conflict) {
		t.Errorf("move from version 1 of 2: %v, want a conflict", err)
	}
	m := cw.move()
	m.Episode++
	if _, _, err := cw.app.MovePlacement(cw.ctx, cw.sw, cw.child, m); !errs.Is(err, errs.Conflict) {
		t.Errorf("move from another episode: %v, want a conflict", err)
	}
	m = cw.move()
	m.Episode = 0
	if _, _, err := cw.app.MovePlacement(cw.ctx, cw.sw, cw.child, m); !errs.Is(err, errs.Invalid) || !errs.Fields(errs.As(err).Fields).Has("episode") {
		t.Errorf("move naming no episode: %v, want an error on episode", err)
	}
	if recs := cw.records(); len(recs) != 1 || recs[0].Version != 2 || !recs[0].End.IsZero() {
		t.Errorf("a refused move wrote: %+v", recs)
	}

	other := cw.person("Ben", "Stone", false)
	cw.involve(other, access.KindChildInNeed, civil.Date{})
	_, _, err := cw.app.MovePlacement(cw.ctx, cw.sw, other, cw.move())
	if e := errs.As(err); e == nil || !errs.Fields(e.Fields).Has("episode") {
		t.Errorf("a child not in care: %v, want an error on episode", err)
	}
}

// TestMovePlacementNeedsUpdate: only a user who may change the child's
// record may move them; a reader may not.
func TestMovePlacementNeedsUpdate(t *testing.T) {
	cw := newCareWorld(t)
	if _, _, err := cw.app.MovePlacement(cw.ctx, cw.actor(access.Analyst), cw.child, cw.move()); !errs.Is(err, errs.Forbidden) {
		t.Errorf("analyst: %v, want forbidden", err)
	}
	if recs := cw.records(); len(recs) != 1 {
		t.Errorf("a forbidden move wrote %d records", len(recs))
	}
}
