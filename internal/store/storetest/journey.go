package storetest

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Journey records (store.Journey).

// contactOf is an undecided contact of a child to a team, received on d.
func contactOf(p people.ID, team access.TeamID, d civil.Date) journey.Record {
	return journey.Record{PersonID: p, Kind: journey.KindContact, Start: d, TeamID: team,
		Contact: &journey.Contact{ReceivedAt: civil.StartOfLondon(d).Add(9 * time.Hour).UTC(), Source: "1A", Summary: "school worried"}}
}

// referralOf is an open referral of a child to a team, made on d.
func referralOf(p people.ID, team access.TeamID, d civil.Date) journey.Record {
	return journey.Record{PersonID: p, Kind: journey.KindReferral, Start: d, TeamID: team,
		Referral: &journey.Referral{Source: "1A", PrimaryNeed: "N1"}}
}

// allocationOf is an open allocation of a child to a worker in a team,
// within an episode.
func allocationOf(p people.ID, episode journey.ID, team access.TeamID, worker access.UserID, d civil.Date) journey.Record {
	return journey.Record{PersonID: p, Kind: journey.KindAllocation, Episode: episode, Start: d, TeamID: team, WorkerID: worker,
		Allocation: &journey.Allocation{}}
}

func mustJourney(t *testing.T, s store.Store, r journey.Record, c store.Change) journey.Record {
	t.Helper()
	got, err := s.CreateJourneyRecord(t.Context(), r, c)
	ok(t, err)
	return got
}

func journeyOf(t *testing.T, s store.Store, p people.ID) []journey.Record {
	t.Helper()
	got, err := s.JourneyRecords(t.Context(), sys(p), time.Time{})
	ok(t, err)
	return got
}

// involvementsOf returns the child's involvements as they stand.
func involvementsOf(t *testing.T, s store.Store, p people.ID) []store.Involvement {
	t.Helper()
	got, err := s.Involvements(t.Context(), sys(p))
	ok(t, err)
	return got
}

// testJourneyRecords: a journey record is a versioned record. It is created
// as version 1 with RecordedAt the change's moment, changed only from its
// latest version (a stale change writes nothing), keeps its person, kind
// and first RecordedAt, names only records of its own child, and is read
// as it stands, as it stood, and as a history.
func testJourneyRecords(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Front Door"})
	ok(t, err)
	u := mustUser(t, s, "Fay Door")
	p := mustCreate(t, s, child("Jo", "Journey", day(2016, 4, 4)), store.Change{By: u.ID})
	q := mustCreate(t, s, child("Kay", "Elsewhere", day(2015, 5, 5)), store.Change{By: u.ID})
	t1, t2 := at(2024, time.March, 1, 9, 30, 0, 250), at(2024, time.March, 2, 11, 0, 0, 0)

	contact := contactOf(p.ID, team.ID, day(2024, 3, 1))
	contact.RecordedAt = at(2001, time.January, 1, 0, 0, 0, 0) // the store's to set
	created := mustJourney(t, s, contact, store.Change{By: u.ID, At: t1, Reason: "contact received"})
	if created.ID <= 0 || created.Version != 1 {
		t.Fatalf("created record has id %d version %d, want a new id and version 1", created.ID, created.Version)
	}
	sameTime(t, "recorded at", created.RecordedAt, t1)
	want := contact
	want.ID, want.Version, want.RecordedAt = created.ID, 1, t1
	equal(t, "created", created, want)
	equal(t, "read back", journeyOf(t, s, p.ID), []journey.Record{created})
	equal(t, "another child's journey", journeyOf(t, s, q.ID), []journey.Record{})

	// Decided: a new version, its RecordedAt kept from the first whatever
	// the caller says.
	decided := created
	decided.End = day(2024, 3, 2)
	decided.Contact = &journey.Contact{ReceivedAt: created.Contact.ReceivedAt, Source: "1A", Summary: "school worried",
		Decision: "referral", DecidedAt: t2, DecidedBy: u.ID}
	decided.RecordedAt = t2
	decided, err = s.UpdateJourneyRecord(ctx, decided, store.Change{By: u.ID, At: t2, Reason: "decided"})
	ok(t, err)
	equal(t, "version after a change", decided.Version, 2)
	sameTime(t, "recorded at after a change", decided.RecordedAt, t1)
	equal(t, "changed, read back", journeyOf(t, s, p.ID), []journey.Record{decided})

	// A stale version is refused and writes nothing.
	stale := created
	stale.End = day(2024, 3, 5)
	_, err = s.UpdateJourneyRecord(ctx, stale, store.Change{By: u.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)
	equal(t, "after a stale change", journeyOf(t, s, p.ID), []journey.Record{decided})

	// The person and kind cannot change; an unknown record is not found.
	moved := decided
	moved.PersonID = q.ID
	_, err = s.UpdateJourneyRecord(ctx, moved, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Invalid), "person_id")
	rekinded := decided
	rekinded.Kind = journey.KindReferral
	_, err = s.UpdateJourneyRecord(ctx, rekinded, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Invalid), "kind")
	missing := decided
	missing.ID += 1000
	_, err = s.UpdateJourneyRecord(ctx, missing, store.Change{By: u.ID})
	wantCode(t, err, errs.NotFound)
	_, err = s.CreateJourneyRecord(ctx, contactOf(q.ID+1000, team.ID, day(2024, 1, 1)), store.Change{By: u.ID})
	wantCode(t, err, errs.NotFound)
	equal(t, "after refused changes", journeyOf(t, s, p.ID), []journey.Record{decided})

	// Episode and Follows name records of the same child only.
	theirs := mustJourney(t, s, referralOf(q.ID, team.ID, day(2024, 2, 2)), store.Change{By: u.ID})
	for _, tc := range []struct {
		name  string
		edit  func(r *journey.Record)
		field string
	}{
		{"episode of another child", func(r *journey.Record) { r.Episode = theirs.ID }, "episode"},
		{"following another child's record", func(r *journey.Record) { r.Follows = theirs.ID }, "follows"},
		{"episode that does not exist", func(r *journey.Record) { r.Episode = theirs.ID + 1000 }, "episode"},
	} {
		r := referralOf(p.ID, team.ID, day(2024, 3, 3))
		tc.edit(&r)
		_, err := s.CreateJourneyRecord(ctx, r, store.Change{By: u.ID})
		wantField(t, wantCode(t, err, errs.Invalid), tc.field)
		changed := decided
		tc.edit(&changed)
		_, err = s.UpdateJourneyRecord(ctx, changed, store.Change{By: u.ID})
		wantField(t, wantCode(t, err, errs.Invalid), tc.field)
	}
	self := decided
	self.Follows = decided.ID
	_, err = s.UpdateJourneyRecord(ctx, self, store.Change{By: u.ID})
	wantField(t, wantCode(t, err, errs.Invalid), "follows")
	equal(t, "after refused links", journeyOf(t, s, p.ID), []journey.Record{decided})
	// A record of the same child may be named.
	ref := referralOf(p.ID, team.ID, day(2024, 3, 2))
	ref.Follows = decided.ID
	ref = mustJourney(t, s, ref, store.Change{By: u.ID, Reason: "referred"})
	equal(t, "journey, by start then id", journeyOf(t, s, p.ID), []journey.Record{decided, ref})

	// As it stood: before the contact, after its first version, now.
	then, err := s.JourneyRecords(ctx, sys(p.ID), t1.Add(-time.Microsecond))
	ok(t, err)
	equal(t, "before anything", then, []journey.Record{})
	then, err = s.JourneyRecords(ctx, sys(p.ID), t1.Add(time.Hour))
	ok(t, err)
	equal(t, "as it stood", then, []journey.Record{created})

	// History: every version with who and why; another child's permit does
	// not open it.
	h, err := s.JourneyHistory(ctx, sys(p.ID), created.ID)
	ok(t, err)
	if len(h) != 2 {
		t.Fatalf("history has %d versions, want 2", len(h))
	}
	equal(t, "first version", h[0].Record, created)
	equal(t, "second version", h[1].Record, decided)
	equal(t, "reasons", []string{h[0].Reason, h[1].Reason}, []string{"contact received", "decided"})
	equal(t, "by", h[1].ByName, "Fay Door")
	sameTime(t, "second recorded", h[1].RecordedAt, t2)
	_, err = s.JourneyHistory(ctx, sys(q.ID), created.ID)
	wantCode(t, err, errs.NotFound)
	_, err = s.JourneyHistory(ctx, sys(p.ID), created.ID+1000)
	wantCode(t, err, errs.NotFound)
}

// testJourneyInvolvements: a contact, early help episode, referral or
// allocation with a team gives an involvement, written with it and kept in
// step with its team, worker and dates, each change a new version of the
// involvement; other records give none.
func testJourneyInvolvements(t *testing.T, s store.Store) {
	ctx := t.Context()
	door, err := s.CreateTeam(ctx, access.Team{Name: "Front Door"})
	ok(t, err)
	locality, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)
	u := mustUser(t, s, "Gil Worker")
	v := mustUser(t, s, "Hal Worker")
	c := store.Change{By: u.ID, Reason: "test"}
	p := mustCreate(t, s, child("Lee", "Involved", day(2014, 2, 2)), c)

	contact := mustJourney(t, s, contactOf(p.ID, door.ID, day(2024, 4, 1)), c)
	invs := involvementsOf(t, s, p.ID)
	equal(t, "the contact's involvement", invs, []store.Involvement{{ID: invs[0].ID, Version: 1, Record: contact.ID,
		Involvement: access.Involvement{PersonID: p.ID, Kind: access.KindContact, TeamID: door.ID, StartDate: day(2024, 4, 1)}}})
	first := invs[0]

	// A change that leaves the team, worker and dates alone writes no
	// version of the involvement; one that ends the record ends it.
	contact.Contact.Summary = "more detail"
	contact, err = s.UpdateJourneyRecord(ctx, contact, c)
	ok(t, err)
	equal(t, "involvement after an unrelated change", involvementsOf(t, s, p.ID), []store.Involvement{first})
	contact.End = day(2024, 4, 2)
	contact, err = s.UpdateJourneyRecord(ctx, contact, c)
	ok(t, err)
	ended := first
	ended.Version, ended.EndDate = 2, day(2024, 4, 2)
	equal(t, "involvement of the ended contact", involvementsOf(t, s, p.ID), []store.Involvement{ended})
	h, err := s.InvolvementHistory(ctx, sys(p.ID))
	ok(t, err)
	equal(t, "involvement's versions", []store.Involvement{h[0].Record, h[1].Record}, []store.Involvement{first, ended})

	// A referral without a team gives none until it has one.
	ref := referralOf(p.ID, 0, day(2024, 4, 2))
	ref = mustJourney(t, s, ref, c)
	equal(t, "involvements of a referral with no team", len(involvementsOf(t, s, p.ID)), 1)
	ref.TeamID = locality.ID
	ref, err = s.UpdateJourneyRecord(ctx, ref, c)
	ok(t, err)
	invs = involvementsOf(t, s, p.ID)
	equal(t, "involvements once the referral has a team", len(invs), 2)
	equal(t, "the referral's involvement", []any{invs[1].Kind, invs[1].TeamID, invs[1].Record, invs[1].Version},
		[]any{access.KindChildInNeed, locality.ID, ref.ID, 1})

	// An allocation within the referral is child in need work; a change of
	// worker is a new version of its involvement. Within early help, it is
	// early help.
	alloc := mustJourney(t, s, allocationOf(p.ID, ref.ID, locality.ID, u.ID, day(2024, 4, 3)), c)
	byRecord := func(id journey.ID) store.Involvement {
		t.Helper()
		for _, inv := range involvementsOf(t, s, p.ID) {
			if inv.Record == id {
				return inv
			}
		}
		t.Fatalf("no involvement of record %d", id)
		return store.Involvement{}
	}
	got := byRecord(alloc.ID)
	equal(t, "the allocation's involvement", []any{got.Kind, got.TeamID, got.WorkerID, got.StartDate, got.Version},
		[]any{access.KindChildInNeed, locality.ID, u.ID, day(2024, 4, 3), 1})
	alloc.WorkerID = v.ID
	alloc, err = s.UpdateJourneyRecord(ctx, alloc, c)
	ok(t, err)
	got = byRecord(alloc.ID)
	equal(t, "after a change of worker", []any{got.WorkerID, got.Version}, []any{v.ID, 2})

	q := mustCreate(t, s, child("May", "Helped", day(2018, 8, 8)), c)
	var eh, ehAlloc journey.Record
	// In one unit of work, so that the allocation's episode is read from
	// the unit's own writes.
	ok(t, s.Atomic(ctx, func(tx store.Tx) error {
		var err error
		eh, err = tx.CreateJourneyRecord(ctx, journey.Record{PersonID: q.ID, Kind: journey.KindEarlyHelp, Start: day(2024, 5, 1), TeamID: locality.ID,
			EarlyHelp: &journey.EarlyHelp{FamilyHub: "North"}}, c)
		if err != nil {
			return err
		}
		ehAlloc, err = tx.CreateJourneyRecord(ctx, allocationOf(q.ID, eh.ID, locality.ID, u.ID, day(2024, 5, 2)), c)
		return err
	}))
	kinds := map[journey.ID]string{}
	for _, inv := range involvementsOf(t, s, q.ID) {
		kinds[inv.Record] = inv.Kind
	}
	equal(t, "involvements in early help", kinds, map[journey.ID]string{eh.ID: access.KindEarlyHelp, ehAlloc.ID: access.KindEarlyHelp})
	// The allocation cannot move from early help to a referral under its
	// involvement.
	qref := mustJourney(t, s, referralOf(q.ID, locality.ID, day(2024, 5, 3)), c)
	movedAlloc := ehAlloc
	movedAlloc.Episode = qref.ID
	_, err = s.UpdateJourneyRecord(ctx, movedAlloc, c)
	wantField(t, wantCode(t, err, errs.Invalid), "episode")

	// Records of other kinds give none.
	before := len(involvementsOf(t, s, p.ID))
	mustJourney(t, s, journey.Record{PersonID: p.ID, Kind: journey.KindAssessment, Episode: ref.ID, Start: day(2024, 4, 4), TeamID: locality.ID, WorkerID: u.ID,
		Assessment: &journey.Assessment{}}, c)
	mustJourney(t, s, journey.Record{PersonID: p.ID, Kind: journey.KindNote, Start: day(2024, 4, 4), TeamID: locality.ID,
		Note: &journey.Note{Title: "Call", Text: "Spoke to mum"}}, c)
	equal(t, "involvements after an assessment and a note", len(involvementsOf(t, s, p.ID)), before)

	// A failed write of a record writes no involvement either.
	_, err = s.CreateJourneyRecord(ctx, allocationOf(p.ID, ref.ID, locality.ID, access.UserID(999999), day(2024, 4, 5)), c)
	wantCode(t, err, errs.Invalid)
	equal(t, "involvements after a failed write", len(involvementsOf(t, s, p.ID)), before)
}

// testJourneyMarksItsLine: the write of a record marks its access-log line
// with the record's own id, not the involvement's it writes with it.
func testJourneyMarksItsLine(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Front Door"})
	ok(t, err)
	u := mustUser(t, s, "Ida Logger")
	p := mustCreate(t, s, child("Ned", "Logged", day(2013, 3, 3)), store.Change{By: u.ID})
	pending := func(e store.AccessEntry) int64 {
		t.Helper()
		e.UserID, e.Username, e.PersonID, e.Kind = u.ID, u.Username, p.ID, store.KindJourney
		id, err := s.LogPending(ctx, e)
		ok(t, err)
		return id
	}
	line := func(id int64) store.AccessEntry {
		t.Helper()
		es, err := s.AccessLog(ctx, store.AccessQuery{UserID: u.ID, Limit: store.MaxAccessLimit})
		ok(t, err)
		for _, e := range es {
			if e.ID == id {
				return e
			}
		}
		t.Fatalf("no access-log line %d", id)
		return store.AccessEntry{}
	}

	// Involvements entered on their own first, so that the ids of the
	// record and of its involvement differ.
	for range 2 {
		mustInvolve(t, s, access.Involvement{PersonID: p.ID, Kind: access.KindEarlyHelp, TeamID: team.ID, StartDate: day(2024, 1, 1)}, store.Change{By: u.ID})
	}
	created := pending(store.AccessEntry{Action: store.LogCreate})
	r := mustJourney(t, s, contactOf(p.ID, team.ID, day(2024, 6, 1)), store.Change{By: u.ID, LogLine: created})
	r.End = day(2024, 6, 2)
	updated := pending(store.AccessEntry{Action: store.LogUpdate, RecordID: int64(r.ID)})
	also := pending(store.AccessEntry{Action: store.LogUpdate, RecordID: int64(r.ID)})
	r, err = s.UpdateJourneyRecord(ctx, r, store.Change{By: u.ID, LogLine: updated, AlsoLogLines: []int64{also}})
	ok(t, err)
	if invs := involvementsOf(t, s, p.ID); len(invs) != 3 || invs[2].Record != r.ID || invs[2].Version != 2 || int64(invs[2].ID) == int64(r.ID) {
		t.Fatalf("the contact's involvement: %+v", invs)
	}
	n, err := s.SettlePending(ctx)
	ok(t, err)
	equal(t, "lines settled from the records", n, 3)
	for _, id := range []int64{created, updated, also} {
		got := line(id)
		equal(t, "line of the record's write", []any{got.State, got.PersonID, got.Kind, got.RecordID},
			[]any{store.LineDone, p.ID, store.KindJourney, int64(r.ID)})
	}
}

// testWorkList: the children of a worker's, a team's and the front door's
// lists. A record is open on the day it ends, the day being London's: at
// 23:30 UTC on 10 June (00:30 on 11 June in London) a record that ended on
// 10 June is closed.
func testWorkList(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)
	other, err := s.CreateTeam(ctx, access.Team{Name: "Elsewhere"})
	ok(t, err)
	w := mustUser(t, s, "Jan Worker")
	x := mustUser(t, s, "Kim Worker")
	c := store.Change{By: w.ID, Reason: "test"}
	now := at(2024, time.June, 10, 23, 30, 0, 0)
	today, yesterday, tomorrow := day(2024, 6, 11), day(2024, 6, 10), day(2024, 6, 12)

	kid := func(name string) people.Person {
		return mustCreate(t, s, withPostcode(child(name, "Listed", day(2015, 1, 1)), "WV1 1AA"), c)
	}
	type want struct{ worker, team, contacts bool }
	cases := []struct {
		name    string
		records func(p people.ID) []journey.Record
		want    want
	}{
		{"open allocation", func(p people.ID) []journey.Record {
			return []journey.Record{allocationOf(p, 0, team.ID, w.ID, day(2024, 1, 1))}
		}, want{worker: true, team: true}},
		{"allocation ending today", func(p people.ID) []journey.Record {
			return []journey.Record{ended(allocationOf(p, 0, team.ID, w.ID, day(2024, 1, 1)), today)}
		}, want{worker: true, team: true}},
		{"allocation ended yesterday", func(p people.ID) []journey.Record {
			return []journey.Record{ended(allocationOf(p, 0, team.ID, w.ID, day(2024, 1, 1)), yesterday)}
		}, want{}},
		{"allocation to another worker in another team", func(p people.ID) []journey.Record {
			return []journey.Record{allocationOf(p, 0, other.ID, x.ID, day(2024, 1, 1))}
		}, want{}},
		{"undecided contact", func(p people.ID) []journey.Record {
			return []journey.Record{contactOf(p, team.ID, day(2024, 6, 1))}
		}, want{team: true, contacts: true}},
		{"undecided contact of another team", func(p people.ID) []journey.Record {
			return []journey.Record{contactOf(p, other.ID, day(2024, 6, 1))}
		}, want{contacts: true}},
		{"contact decided today", func(p people.ID) []journey.Record {
			return []journey.Record{ended(contactOf(p, team.ID, day(2024, 6, 1)), today)}
		}, want{team: true}},
		{"contact decided yesterday", func(p people.ID) []journey.Record {
			return []journey.Record{ended(contactOf(p, team.ID, day(2024, 6, 1)), yesterday)}
		}, want{}},
		{"early help closing tomorrow", func(p people.ID) []journey.Record {
			return []journey.Record{ended(journey.Record{PersonID: p, Kind: journey.KindEarlyHelp, Start: day(2024, 1, 1), TeamID: team.ID, EarlyHelp: &journey.EarlyHelp{}}, tomorrow)}
		}, want{team: true}},
		{"open referral", func(p people.ID) []journey.Record {
			return []journey.Record{referralOf(p, team.ID, day(2024, 1, 1))}
		}, want{team: true}},
		{"open assessment and visit by the worker", func(p people.ID) []journey.Record {
			return []journey.Record{
				{PersonID: p, Kind: journey.KindAssessment, Start: day(2024, 1, 1), TeamID: team.ID, WorkerID: w.ID, Assessment: &journey.Assessment{}},
				{PersonID: p, Kind: journey.KindVisit, Start: day(2024, 1, 1), TeamID: team.ID, WorkerID: w.ID, Visit: &journey.Visit{Seen: true}},
			}
		}, want{}},
	}
	wantIn := map[string][]people.ID{}
	names := map[people.ID]string{}
	for _, tc := range cases {
		p := kid(tc.name)
		names[p.ID] = tc.name
		for _, r := range tc.records(p.ID) {
			mustJourney(t, s, r, c)
		}
		for list, in := range map[string]bool{"worker": tc.want.worker, "team": tc.want.team, "contacts": tc.want.contacts} {
			if in {
				wantIn[list] = append(wantIn[list], p.ID)
			}
		}
	}
	for list, q := range map[string]store.WorkQuery{"worker": {Worker: w.ID}, "team": {Team: team.ID}, "contacts": {Contacts: true}} {
		got, err := s.WorkList(ctx, q, now)
		ok(t, err)
		var gotIDs []people.ID
		for _, wc := range got {
			gotIDs = append(gotIDs, wc.Person.ID)
			if wc.Subject.PersonID != wc.Person.ID || len(wc.Subject.Involvements) == 0 {
				t.Errorf("%s list: %s has subject %+v", list, names[wc.Person.ID], wc.Subject)
			}
			if wc.Person.GivenName != names[wc.Person.ID] || wc.Person.FamilyName != "Listed" || wc.Person.Postcode != "WV1 1AA" {
				t.Errorf("%s list: summary %+v", list, wc.Person)
			}
		}
		slices.Sort(gotIDs)
		if !slices.Equal(gotIDs, wantIn[list]) {
			var gotNames, wantNames []string
			for _, id := range gotIDs {
				gotNames = append(gotNames, names[id])
			}
			for _, id := range wantIn[list] {
				wantNames = append(wantNames, names[id])
			}
			t.Errorf("%s list:\n got %q\nwant %q", list, gotNames, wantNames)
		}
	}
	// Read for a reader, each Subject holds only the involvements of that
	// worker or that team, and says so; the children are the same.
	for _, r := range []struct {
		worker access.UserID
		team   access.TeamID
	}{{w.ID, 0}, {0, team.ID}, {x.ID, other.ID}} {
		got, err := s.WorkList(ctx, store.WorkQuery{Team: team.ID, Reader: r.worker, ReaderTeam: r.team}, now)
		ok(t, err)
		if len(got) != len(wantIn["team"]) {
			t.Errorf("team list read for %+v: %d children, want %d", r, len(got), len(wantIn["team"]))
		}
		for _, wc := range got {
			if !wc.Partial || wc.Subject.PersonID != wc.Person.ID {
				t.Errorf("team list read for %+v: %s has subject %+v, partial %v", r, names[wc.Person.ID], wc.Subject, wc.Partial)
			}
			for _, inv := range wc.Subject.Involvements {
				if (r.worker == 0 || inv.WorkerID != r.worker) && (r.team == 0 || inv.TeamID != r.team) {
					t.Errorf("team list read for %+v: %s has involvement %+v", r, names[wc.Person.ID], inv)
				}
			}
			if r.team == team.ID && len(wc.Subject.Involvements) == 0 {
				t.Errorf("team list read for its team: %s has no involvement", names[wc.Person.ID])
			}
		}
	}
	for _, q := range []store.WorkQuery{{}, {Worker: w.ID, Team: team.ID}, {Team: team.ID, Contacts: true}} {
		if _, err := s.WorkList(ctx, q, now); err == nil {
			t.Errorf("work list %+v: no error", q)
		}
	}
}

// wantWork is what a child's derived work must be: the journey's rules
// over their whole journey and date of birth, by ts, on the day of a write
// made now.
func wantWork(t *testing.T, s store.Store, p people.ID, ts journey.Timescales) store.ChildWork {
	t.Helper()
	person, err := s.Person(t.Context(), sys(p), time.Time{})
	ok(t, err)
	rs := journeyOf(t, s, p)
	today := civil.OfLondon(time.Now())
	due := journey.DueWork(journey.Journey{Person: person, Records: rs}, ts)
	if due == nil {
		due = []journey.Item{}
	}
	alloc := journey.CurrentAllocation(rs)
	var meetings []store.Meeting
	for _, r := range rs {
		if r.Kind == journey.KindFamilyMeeting {
			meetings = append(meetings, store.Meeting{Record: r.ID, Offered: r.Start, Held: r.FamilyMeeting.Held})
		}
	}
	return store.ChildWork{Status: journey.Status(rs, today), StatusFrom: today, TeamID: alloc.TeamID, WorkerID: alloc.WorkerID, Due: due, Meetings: meetings}
}

// checkWork compares the derived work of children with wantWork.
func checkWork(t *testing.T, s store.Store, when string, ts journey.Timescales, children ...people.ID) {
	t.Helper()
	ps := make([]access.Permit, len(children))
	for i, p := range children {
		ps[i] = sys(p)
	}
	got, err := s.ChildrenWork(t.Context(), ps)
	ok(t, err)
	for _, p := range children {
		equal(t, when+": work of child "+strconv.FormatInt(int64(p), 10), got[p], wantWork(t, s, p, ts))
	}
}

// testChildrenWork: a child's derived work (status, allocation, due work,
// family network meetings)
// is what the journey's rules give over their whole journey (years of
// closed work and a referral open now, with work done and open in it) after
// each create, change and import, a change to the child's date of birth and
// a change of the timescales; a child with no record has none, and every
// permit must be valid.
func testChildrenWork(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Safeguarding"})
	ok(t, err)
	w := mustUser(t, s, "Wyn Worker")
	c := store.Change{Reason: "test"}
	p := mustCreate(t, s, child("Long", "History", day(2010, 1, 1)), c)
	q := mustCreate(t, s, child("Quin", "Imported", day(2019, 1, 1)), c)
	none := mustCreate(t, s, child("Nell", "None", day(2012, 1, 1)), c)
	ts := journey.Defaults()
	rec := func(r journey.Record) journey.Record {
		t.Helper()
		r.PersonID = p.ID
		if r.TeamID == 0 && r.Kind != journey.KindVisit {
			r.TeamID = team.ID
		}
		got := mustJourney(t, s, r, c)
		checkWork(t, s, "after creating a "+string(r.Kind), ts, p.ID)
		return got
	}
	old := rec(ended(referralOf(p.ID, team.ID, day(2018, 1, 1)), day(2019, 1, 1)))
	oldPlan := rec(ended(journey.Record{Kind: journey.KindCINPlan, Episode: old.ID, Start: day(2018, 3, 1), Plan: &journey.Plan{}}, day(2018, 12, 1)))
	rec(journey.Record{Kind: journey.KindVisit, Episode: old.ID, Follows: oldPlan.ID, Start: day(2018, 4, 1), Visit: &journey.Visit{Seen: true}})
	ref := rec(referralOf(p.ID, team.ID, day(2024, 1, 8)))
	rec(ended(journey.Record{Kind: journey.KindAssessment, Episode: ref.ID, Start: day(2024, 1, 9), Assessment: &journey.Assessment{}}, day(2024, 2, 20)))
	strategy := rec(journey.Record{Kind: journey.KindStrategy, Episode: ref.ID, Start: day(2024, 1, 10), Strategy: &journey.Strategy{Outcome: "s47"}})
	enquiry := rec(ended(journey.Record{Kind: journey.KindS47, Episode: ref.ID, Follows: strategy.ID, Start: day(2024, 1, 10), S47: &journey.S47{Outcome: "icpc"}}, day(2024, 1, 20)))
	conf := rec(journey.Record{Kind: journey.KindICPC, Episode: ref.ID, Follows: enquiry.ID, Start: day(2024, 1, 25), ICPC: &journey.ICPC{Plan: true}})
	plan := rec(journey.Record{Kind: journey.KindCPPlan, Episode: ref.ID, Follows: conf.ID, Start: day(2024, 1, 25), Plan: &journey.Plan{InitialCategory: "NEG"}})
	rec(journey.Record{Kind: journey.KindCPReview, Episode: ref.ID, Follows: plan.ID, Start: day(2024, 4, 20), Review: &journey.Review{Continue: true}})
	rec(journey.Record{Kind: journey.KindVisit, Episode: ref.ID, Start: day(2024, 5, 9), Visit: &journey.Visit{Seen: true}})
	alloc := rec(allocationOf(p.ID, ref.ID, team.ID, w.ID, day(2024, 1, 9)))
	rec(journey.Record{Kind: journey.KindFamilyMeeting, Start: day(2024, 2, 1), FamilyMeeting: &journey.FamilyMeeting{}})
	rec(journey.Record{Kind: journey.KindFamilyMeeting, Start: day(2023, 2, 1), FamilyMeeting: &journey.FamilyMeeting{Held: day(2023, 2, 20)}})
	contact := rec(contactOf(p.ID, team.ID, day(2024, 5, 10)))

	got, err := s.ChildrenWork(ctx, []access.Permit{sys(p.ID)})
	ok(t, err)
	if wk := got[p.ID]; len(wk.Due) < 3 || wk.Status != "cp" || wk.WorkerID != w.ID || len(wk.Meetings) != 2 {
		t.Fatalf("the case makes too little work to compare: %+v", wk)
	}

	// Changes: the contact decided, the allocation ended.
	contact.End = day(2024, 5, 11)
	_, err = s.UpdateJourneyRecord(ctx, contact, c)
	ok(t, err)
	checkWork(t, s, "after deciding the contact", ts, p.ID)
	alloc.End = day(2024, 6, 1)
	_, err = s.UpdateJourneyRecord(ctx, alloc, c)
	ok(t, err)
	checkWork(t, s, "after ending the allocation", ts, p.ID)

	// An import: a new child's journey, and more of one already known.
	theirs := referralOf(q.ID, team.ID, day(2024, 3, 1))
	theirs.ID = 1
	// An import names only its own records: the allocation is of none.
	more := allocationOf(p.ID, 0, team.ID, w.ID, day(2024, 6, 2))
	more.ID = 2
	moreContact := contactOf(p.ID, team.ID, day(2024, 6, 3))
	moreContact.ID = 3
	_, err = s.ImportJourneys(ctx, []journey.Record{theirs, more, moreContact}, c)
	ok(t, err)
	checkWork(t, s, "after an import", ts, p.ID, q.ID)

	// The child's details.
	q.DateOfBirth = day(2019, 2, 2)
	q, err = s.UpdatePerson(ctx, q, c)
	ok(t, err)
	checkWork(t, s, "after a change of date of birth", ts, p.ID, q.ID)

	// The timescales: every child's work again.
	ts.CPVisitWorkingDays, ts.AssessmentWorkingDays, ts.ContactDecisionHours = 5, 30, 12
	_, err = s.SetTimescales(ctx, ts, 0, c)
	ok(t, err)
	checkWork(t, s, "after a change of the timescales", ts, p.ID, q.ID)

	// A child with no record is left out; every permit must be valid.
	got, err = s.ChildrenWork(ctx, []access.Permit{sys(none.ID), sys(q.ID), sys(q.ID)})
	ok(t, err)
	equal(t, "children with work", len(got), 1)
	got, err = s.ChildrenWork(ctx, nil)
	ok(t, err)
	equal(t, "the work of none", len(got), 0)
	_, err = s.ChildrenWork(ctx, []access.Permit{sys(p.ID), {}})
	wantCode(t, err, errs.Internal)

	// Every child's due work, most urgent first.
	all, err := s.AllDueWork(ctx, access.SystemBulk("a store test"))
	ok(t, err)
	want := append(wantWork(t, s, p.ID, ts).Due, wantWork(t, s, q.ID, ts).Due...)
	journey.SortByUrgency(want)
	equal(t, "every child's due work", all, want)
	_, err = s.AllDueWork(ctx, access.BulkPermit{})
	wantCode(t, err, errs.Internal)
}

// testWorkStatusSpan: a child's status is derived for the day of the write
// and holds until the next day one of their records starts or ends; an
// import may hold records dated after it (the application refuses them),
// and then the status is not given for those days, nor for days before
// the write.
func testWorkStatusSpan(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)
	p := mustCreate(t, s, child("Fay", "Future", day(2015, 1, 1)), store.Change{Reason: "test"})
	c := store.Change{At: at(2024, time.July, 1, 8, 0, 0, 0), Reason: "import"}
	ref := referralOf(p.ID, team.ID, day(2024, 6, 1))
	ref.ID = 1
	eh := ended(journey.Record{ID: 2, PersonID: p.ID, Kind: journey.KindEarlyHelp, Start: day(2024, 6, 1), TeamID: team.ID, EarlyHelp: &journey.EarlyHelp{}}, day(2024, 7, 10))
	cp := journey.Record{ID: 3, PersonID: p.ID, Kind: journey.KindCPPlan, Episode: 1, Start: day(2024, 7, 20), TeamID: team.ID, Plan: &journey.Plan{InitialCategory: "NEG"}}
	_, err = s.ImportJourneys(ctx, []journey.Record{ref, eh, cp}, c)
	ok(t, err)
	got, err := s.ChildrenWork(ctx, []access.Permit{sys(p.ID)})
	ok(t, err)
	wk := got[p.ID]
	equal(t, "span", []civil.Date{wk.StatusFrom, wk.StatusUntil}, []civil.Date{day(2024, 7, 1), day(2024, 7, 10)})
	rs := journeyOf(t, s, p.ID)
	for _, tc := range []struct {
		d  civil.Date
		ok bool
	}{
		{day(2024, 6, 30), false},
		{day(2024, 7, 1), true},
		{day(2024, 7, 9), true},
		{day(2024, 7, 10), false},
		{day(2024, 8, 1), false},
	} {
		status, held := wk.StatusOn(tc.d)
		if held != tc.ok || held && status != journey.Status(rs, tc.d) {
			t.Errorf("status on %s: %q, %v; want %v (%q)", tc.d, status, held, tc.ok, journey.Status(rs, tc.d))
		}
	}
}

func ended(r journey.Record, end civil.Date) journey.Record {
	r.End = end
	return r
}

// testImportJourneys: records with provisional ids, in any order, referring
// to each other by them, are written with real ids and references
// rewritten, each with the involvement it gives; a reference outside the
// import, to another child's record, or in a circle refuses the whole
// import.
func testImportJourneys(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)
	u := mustUser(t, s, "Lou Loader")
	c := store.Change{By: u.ID, At: at(2024, time.July, 1, 8, 0, 0, 0), Reason: "import"}
	p := mustCreate(t, s, child("Imp", "Orted", day(2015, 1, 1)), c)
	q := mustCreate(t, s, child("Quin", "Orted", day(2016, 1, 1)), c)

	alloc := allocationOf(p.ID, 2, team.ID, u.ID, day(2024, 1, 3))
	alloc.ID = 3
	ref := referralOf(p.ID, team.ID, day(2024, 1, 2))
	ref.ID, ref.Follows = 2, 1
	contact := ended(contactOf(p.ID, team.ID, day(2024, 1, 1)), day(2024, 1, 2))
	contact.ID = 1
	theirs := contactOf(q.ID, team.ID, day(2024, 2, 1))
	theirs.ID = 4
	in := []journey.Record{alloc, ref, theirs, contact}

	out, err := s.ImportJourneys(ctx, in, c)
	ok(t, err)
	equal(t, "records returned", len(out), 4)
	for i, r := range out {
		if r.ID <= 0 || r.Version != 1 || !r.RecordedAt.Equal(c.At) || r.Kind != in[i].Kind || r.PersonID != in[i].PersonID {
			t.Errorf("record %d: %+v", i, r)
		}
	}
	equal(t, "references rewritten", []journey.ID{out[0].Episode, out[1].Follows, out[1].Episode, out[3].Follows},
		[]journey.ID{out[1].ID, out[3].ID, 0, 0})
	equal(t, "read back", journeyOf(t, s, p.ID), []journey.Record{out[3], out[1], out[0]})
	equal(t, "the other child's", journeyOf(t, s, q.ID), []journey.Record{out[2]})
	h, err := s.JourneyHistory(ctx, sys(p.ID), out[0].ID)
	ok(t, err)
	equal(t, "imported history", len(h), 1)
	equal(t, "imported version", h[0].Record, out[0])

	// Each record's involvement, with its record.
	type fact struct {
		Record journey.ID
		Kind   string
		Worker access.UserID
		End    civil.Date
	}
	var facts []fact
	for _, inv := range involvementsOf(t, s, p.ID) {
		if inv.Version != 1 || inv.TeamID != team.ID {
			t.Errorf("imported involvement %+v", inv)
		}
		facts = append(facts, fact{inv.Record, inv.Kind, inv.WorkerID, inv.EndDate})
	}
	equal(t, "imported involvements", facts, []fact{
		{out[3].ID, access.KindContact, 0, day(2024, 1, 2)},
		{out[1].ID, access.KindChildInNeed, 0, civil.Date{}},
		{out[0].ID, access.KindChildInNeed, u.ID, civil.Date{}},
	})
	ih, err := s.InvolvementHistory(ctx, sys(p.ID))
	ok(t, err)
	equal(t, "imported involvements' versions", len(ih), 3)
	// Imported records change as any other, their involvements with them.
	closedAlloc := out[0]
	closedAlloc.End = day(2024, 3, 1)
	closedAlloc, err = s.UpdateJourneyRecord(ctx, closedAlloc, c)
	ok(t, err)
	equal(t, "imported, then changed", closedAlloc.Version, 2)
	sameTime(t, "imported, then changed: recorded at", closedAlloc.RecordedAt, c.At)
	invs := involvementsOf(t, s, p.ID)
	equal(t, "imported involvement, then ended", []any{invs[2].EndDate, invs[2].Version}, []any{day(2024, 3, 1), 2})

	// Refused: all of the import, or none.
	bad := func(edit func(rs []journey.Record) []journey.Record, field string) {
		t.Helper()
		rs := edit([]journey.Record{
			func() journey.Record { r := contactOf(q.ID, team.ID, day(2024, 3, 1)); r.ID = 1; return r }(),
			func() journey.Record {
				r := referralOf(q.ID, team.ID, day(2024, 3, 2))
				r.ID, r.Follows = 2, 1
				return r
			}(),
		})
		_, err := s.ImportJourneys(ctx, rs, c)
		e := wantCode(t, err, errs.Invalid)
		if field != "" {
			wantField(t, e, field)
		}
		equal(t, "the other child's records after a refused import", journeyOf(t, s, q.ID), []journey.Record{out[2]})
	}
	bad(func(rs []journey.Record) []journey.Record { rs[1].Episode = 9; return rs }, "records[1].episode")
	bad(func(rs []journey.Record) []journey.Record { rs[1].Follows = -1; return rs }, "records[1].follows")
	bad(func(rs []journey.Record) []journey.Record { rs[1].ID = 1; return rs }, "records[1].id")
	bad(func(rs []journey.Record) []journey.Record { rs[0].PersonID = p.ID; return rs }, "records[1].follows")
	bad(func(rs []journey.Record) []journey.Record { rs[0].Follows = 2; return rs }, "records[0].follows")
	bad(func(rs []journey.Record) []journey.Record { rs[0].Episode = 1; return rs }, "records[0].episode")
	// The database's own refusal (a team that does not exist) undoes the
	// rows written before it.
	bad(func(rs []journey.Record) []journey.Record { rs[1].TeamID = team.ID + 1000; return rs }, "")

	none, err := s.ImportJourneys(ctx, nil, c)
	ok(t, err)
	equal(t, "an empty import", len(none), 0)
}

// testGivenInvolvementsFollowTheirRecord: an involvement a journey record
// gives is written only with its record; written on its own, a new one
// naming a record or a change to one that a record gave, it is refused and
// nothing is written.
func testGivenInvolvementsFollowTheirRecord(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)
	c := store.Change{Reason: "test"}
	p := mustCreate(t, s, child("Gia", "Given", day(2016, 1, 1)), c)
	ref := mustJourney(t, s, referralOf(p.ID, team.ID, day(2024, 1, 1)), c)
	given := involvementsOf(t, s, p.ID)
	if len(given) != 1 || given[0].Record != ref.ID {
		t.Fatalf("involvements = %+v, want the referral's", given)
	}
	_, err = s.CreateInvolvement(ctx, store.Involvement{Involvement: given[0].Involvement, Record: ref.ID}, c)
	wantField(t, wantCode(t, err, errs.Invalid), "record")
	ended := given[0]
	ended.EndDate = day(2024, 2, 1)
	_, err = s.UpdateInvolvement(ctx, ended, c)
	wantField(t, wantCode(t, err, errs.Invalid), "record")
	equal(t, "involvements after the refusals", involvementsOf(t, s, p.ID), given)
}

// testJourneyMark: a child's mark counts their records and sums their
// versions, so a record created, changed or imported changes it, and
// another child's writes do not.
func testJourneyMark(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Marks"})
	ok(t, err)
	u := mustUser(t, s, "Mo Mark")
	p := mustCreate(t, s, child("Lin", "Marked", day(2016, 4, 4)), store.Change{By: u.ID})
	q := mustCreate(t, s, child("Ola", "Other", day(2015, 5, 5)), store.Change{By: u.ID})
	mark := func(id people.ID) store.JourneyMark {
		t.Helper()
		m, err := s.JourneyMark(ctx, sys(id))
		ok(t, err)
		return m
	}
	equal(t, "no record", mark(p.ID), store.JourneyMark{})

	c := store.Change{By: u.ID, Reason: "marks"}
	contact := mustJourney(t, s, contactOf(p.ID, team.ID, day(2024, 3, 1)), c)
	equal(t, "one record", mark(p.ID), store.JourneyMark{Records: 1, Versions: 1})

	decided := contact
	decided.End = day(2024, 3, 2)
	decided, err = s.UpdateJourneyRecord(ctx, decided, c)
	ok(t, err)
	equal(t, "changed", mark(p.ID), store.JourneyMark{Records: 1, Versions: 2})

	mustJourney(t, s, referralOf(p.ID, team.ID, day(2024, 3, 2)), c)
	equal(t, "a second record", mark(p.ID), store.JourneyMark{Records: 2, Versions: 3})

	before := mark(p.ID)
	mustJourney(t, s, contactOf(q.ID, team.ID, day(2024, 4, 1)), c)
	equal(t, "another child's record", mark(p.ID), before)
	equal(t, "the other child's own", mark(q.ID), store.JourneyMark{Records: 1, Versions: 1})

	imported := contactOf(p.ID, team.ID, day(2024, 5, 1))
	imported.ID = 1 // provisional, as an import numbers its records
	_, err = s.ImportJourneys(ctx, []journey.Record{imported}, c)
	ok(t, err)
	equal(t, "imported", mark(p.ID), store.JourneyMark{Records: 3, Versions: 4})
}

// testWorkListStamp: the work lists' stamp moves with every kind of write
// a list reads (a journey record created and changed, and the derived work
// they rewrite; a person changed, such as restricted; an involvement
// created and changed; a grant; a team; the timescales, which rewrite
// every child's work), and not with reading a list.
func testWorkListStamp(t *testing.T, s store.Store) {
	ctx := t.Context()
	stamp := func() string {
		t.Helper()
		v, err := s.WorkListStamp(ctx)
		ok(t, err)
		return v
	}
	last := stamp()
	moved := func(what string) {
		t.Helper()
		now := stamp()
		if now == last {
			t.Errorf("the work lists' stamp %s did not move with %s", last, what)
		}
		last = now
	}
	team, err := s.CreateTeam(ctx, access.Team{Name: "Stamped"})
	ok(t, err)
	moved("a team created")
	w := mustUser(t, s, "Sam Stamp")
	c := store.Change{By: w.ID, Reason: "test"}
	p := mustCreate(t, s, child("Stella", "Stamp", day(2015, 1, 1)), c)
	last = stamp() // a new person is on no list until a record names them
	ref := mustJourney(t, s, referralOf(p.ID, team.ID, day(2024, 1, 8)), c)
	moved("a journey record created")

	now := at(2024, time.June, 10, 12, 0, 0, 0)
	q := store.WorkQuery{Team: team.ID, Reader: w.ID, ReaderTeam: team.ID}
	kids, err := s.WorkList(ctx, q, now)
	ok(t, err)
	equal(t, "children on the list", len(kids), 1)
	_, err = s.ChildrenWork(ctx, []access.Permit{sys(p.ID)})
	ok(t, err)
	_, err = s.Subjects(ctx, []people.ID{p.ID}, now)
	ok(t, err)
	if got := stamp(); got != last {
		t.Errorf("reading a list moved the stamp from %s to %s", last, got)
	}

	ref.End = day(2024, 6, 1)
	_, err = s.UpdateJourneyRecord(ctx, ref, c)
	ok(t, err)
	moved("a journey record changed")
	p.Restricted = true
	p, err = s.UpdatePerson(ctx, p, c)
	ok(t, err)
	moved("a person restricted")
	inv := mustInvolve(t, s, access.Involvement{PersonID: p.ID, Kind: access.KindEarlyHelp, TeamID: team.ID, StartDate: day(2024, 2, 1)}, c)
	moved("an involvement created")
	inv.EndDate = day(2024, 3, 1)
	_, err = s.UpdateInvolvement(ctx, inv, c)
	ok(t, err)
	moved("an involvement changed")
	ok(t, s.AddGrant(ctx, access.Grant{PersonID: p.ID, UserID: w.ID, Reason: "stamp", GrantedBy: w.ID, From: now, Until: now.Add(time.Hour)}, c))
	moved("a grant added")
	ts := journey.Defaults()
	ts.ContactDecisionHours++
	_, err = s.SetTimescales(ctx, ts, 0, c)
	ok(t, err)
	moved("the timescales changed")
}
