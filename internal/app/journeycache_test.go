package app_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// longJourney gives the placed child n visits more, imported at once.
func longJourney(t *testing.T, w *world, child people.ID, n int) {
	t.Helper()
	rs := make([]journey.Record, n)
	for i := range rs {
		seen := i%3 != 0
		rs[i] = journey.Record{ID: journey.ID(i + 1), PersonID: child, Kind: journey.KindVisit, TeamID: w.team.ID,
			Start: civil.MustNew(2020, time.January, 1).AddDays(i), Visit: &journey.Visit{Seen: seen, SeenAlone: seen && i%2 == 0}}
	}
	if _, err := w.st.ImportJourneys(w.ctx, rs, store.Change{By: w.admin.ID, Reason: "a long journey"}); err != nil {
		t.Fatal(err)
	}
}

// TestALongJourneyIsDecodedOnlyWhenItChanged: the page of a child with
// hundreds of records reads the same records as the store holds, decoding
// them again only after a record was created or changed (a short journey
// is read every time); each reader sees
// what their role allows whoever read first, and a page's records are its
// own to change. Every read is still logged.
func TestALongJourneyIsDecodedOnlyWhenItChanged(t *testing.T) {
	w, child, _ := placed(t)
	before, marks := w.st.journeys, w.st.marks
	for range 2 {
		if _, err := w.app.Journey(w.ctx, w.actor(access.Practitioner), child); err != nil {
			t.Fatal(err)
		}
	}
	if n, m := w.st.journeys-before, w.st.marks-marks; n != 2 || m != 0 {
		t.Errorf("a short journey read twice was read from the store %d times and its mark %d, want 2 and none", n, m)
	}
	longJourney(t, w, child, 250)
	read := func(ac access.Role, when string, decodes bool) []journey.Record {
		t.Helper()
		before := w.st.journeys
		jp, err := w.app.Journey(w.ctx, w.actor(ac), child)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.st.journeys > before; got != decodes {
			t.Errorf("%s: read the records from the store %v, want %v", when, got, decodes)
		}
		want, err := w.st.Store.JourneyRecords(w.ctx, access.System(child, access.ReadPerson, "test"), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(jp.Records) != len(want) {
			t.Fatalf("%s: %d records, want %d", when, len(jp.Records), len(want))
		}
		for i, r := range jp.Records {
			if r.CareEpisode != nil {
				if sees := r.CareEpisode.Postcode != ""; sees != (ac != access.MASH) {
					t.Errorf("%s as %s: postcode %q", when, ac, r.CareEpisode.Postcode)
				}
				continue
			}
			if !reflect.DeepEqual(r, want[i]) {
				t.Errorf("%s: record %d is %+v, want %+v", when, i, r, want[i])
			}
		}
		return jp.Records
	}
	logged := func() int {
		t.Helper()
		lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{PersonID: child, Kind: store.KindJourney, Action: store.LogRead})
		if err != nil {
			t.Fatal(err)
		}
		return len(lines)
	}
	reads := logged()

	read(access.Practitioner, "the first page", true)
	got := read(access.Practitioner, "the same page again", false)
	got[0].Start = civil.MustNew(1999, time.January, 1) // the page's own copy
	slices.Reverse(got)
	read(access.MASH, "another reader, who may not see the address", false)
	read(access.Practitioner, "the first reader again", false)
	if n := logged() - reads; n != 4 {
		t.Errorf("%d read lines for four pages", n)
	}

	visit := read(access.Practitioner, "before a change", false)[5]
	visit.Visit = &journey.Visit{Seen: true, SeenAlone: true, BedroomSeen: true}
	if _, err := w.st.UpdateJourneyRecord(w.ctx, visit, store.Change{By: w.admin.ID, Reason: "corrected"}); err != nil {
		t.Fatal(err)
	}
	if got := read(access.Practitioner, "after a change", true); !got[5].Visit.BedroomSeen {
		t.Errorf("the changed visit reads %+v", got[5].Visit)
	}
	read(access.MASH, "after a change, again", false)

	if _, err := w.app.RecordJourney(w.ctx, w.actor(access.Practitioner), child, journey.Record{Kind: journey.KindVisit,
		Start: civil.MustNew(2026, time.June, 1), TeamID: w.team.ID, Visit: &journey.Visit{Seen: true}}); err != nil {
		t.Fatal(err)
	}
	if got := read(access.Practitioner, "after a new record", true); len(got) != 252 {
		t.Errorf("%d records after a new one, want 252", len(got))
	}
}
