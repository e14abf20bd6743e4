package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Education on the work lists (eduwork.go).

// testEducationWorkList: a caseworker's list is the children with an open
// EHC request or plan, CME enquiry or home education naming them, with
// their Subjects; a request that has
// ended, another worker's plan and a roll naming them are not on it. The
// children's records are read together, each child's newest first, and
// only with valid permits.
func testEducationWorkList(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "SEND Team"})
	ok(t, err)
	u := mustUser(t, s, "Ria Caseworker")
	other := mustUser(t, s, "Sam Caseworker")
	c := store.Change{By: u.ID, At: at(2026, time.May, 2, 10, 0, 0, 0), Reason: "test"}
	add := func(r education.Record) education.Record {
		t.Helper()
		got, err := s.CreateEducationRecord(ctx, education.Normalise(r), c)
		ok(t, err)
		return got
	}
	open := mustCreate(t, s, child("Ada", "Requested", day(2016, 1, 1)), c)
	done := mustCreate(t, s, child("Bo", "Planned", day(2016, 1, 1)), c)
	theirs := mustCreate(t, s, child("Cy", "Theirs", day(2016, 1, 1)), c)
	roll := add(education.Record{PersonID: open.ID, Kind: education.KindRoll, Start: day(2020, 9, 3), WorkerID: u.ID, Roll: &education.Roll{School: "103234"}})
	req := add(education.Record{PersonID: open.ID, Kind: education.KindEHCRequest, TeamID: team.ID, WorkerID: u.ID,
		EHCRequest: &education.EHCRequest{Received: day(2026, 4, 1)}})
	add(education.Record{PersonID: done.ID, Kind: education.KindEHCRequest, TeamID: team.ID, WorkerID: u.ID,
		EHCRequest: &education.EHCRequest{Received: day(2025, 1, 6), RequestOutcome: "N", RequestDecided: day(2025, 2, 3)}})
	rollOnly := mustCreate(t, s, child("Di", "Rolled", day(2016, 1, 1)), c)
	add(education.Record{PersonID: rollOnly.ID, Kind: education.KindRoll, Start: day(2020, 9, 3), WorkerID: u.ID, Roll: &education.Roll{School: "103234"}})
	plan := planOf(theirs.ID, team.ID, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	plan.WorkerID = other.ID
	add(plan)

	// A CME officer's open enquiry and a home education officer's register
	// entry are on their lists; a closed enquiry is not.
	cmeOfficer, eheOfficer := mustUser(t, s, "Cai Officer"), mustUser(t, s, "Eve Officer")
	missing := mustCreate(t, s, child("Em", "Missing", day(2014, 1, 1)), c)
	add(education.Record{PersonID: missing.ID, Kind: education.KindCME, TeamID: team.ID, WorkerID: cmeOfficer.ID,
		CME: &education.CMEEnquiry{Received: day(2026, 5, 1), Source: education.CMEFromSchool}})
	found := mustCreate(t, s, child("Fi", "Found", day(2014, 1, 1)), c)
	add(education.Record{PersonID: found.ID, Kind: education.KindCME, TeamID: team.ID, WorkerID: cmeOfficer.ID,
		CME: &education.CMEEnquiry{Received: day(2026, 3, 1), Source: education.CMEFromSchool, Outcome: "on_roll", RiskAssessment: "Low", Closed: day(2026, 3, 9)}})
	home := mustCreate(t, s, child("Gil", "Home", day(2013, 1, 1)), c)
	add(education.Record{PersonID: home.ID, Kind: education.KindEHE, TeamID: team.ID, WorkerID: eheOfficer.ID, EHE: &education.EHE{From: day(2025, 9, 1)}})

	now := at(2026, time.June, 15, 9, 0, 0, 0)
	kids, err := s.EducationWorkList(ctx, u.ID, now)
	ok(t, err)
	if len(kids) != 1 || kids[0].Person.ID != open.ID || kids[0].Person.GivenName != "Ada" {
		t.Fatalf("Ria's list: %+v", kids)
	}
	for _, w := range []struct {
		who  access.User
		kid  string
		list string
	}{{cmeOfficer, "Em", "the CME officer's list"}, {eheOfficer, "Gil", "the home education officer's list"}} {
		kids, err := s.EducationWorkList(ctx, w.who.ID, now)
		ok(t, err)
		if len(kids) != 1 || kids[0].Person.GivenName != w.kid {
			t.Errorf("%s: %+v, want %s alone", w.list, kids, w.kid)
		}
	}
	if sub := kids[0].Subject; sub.PersonID != open.ID || len(sub.Involvements) != 1 || sub.Involvements[0].Kind != access.KindEducation || sub.Involvements[0].WorkerID != u.ID {
		t.Errorf("Subject: %+v", sub)
	}
	kids, err = s.EducationWorkList(ctx, other.ID, now)
	ok(t, err)
	equal(t, "Sam's list", len(kids), 1)
	kids, err = s.EducationWorkList(ctx, 0, now)
	ok(t, err)
	equal(t, "nobody's list", len(kids), 0)

	recs, err := s.EducationRecordsOf(ctx, []access.Permit{sys(open.ID), sys(done.ID), sys(open.ID)})
	ok(t, err)
	equal(t, "children read", len(recs), 2)
	equal(t, "Ada's records, newest first", recs[open.ID], []education.Record{req, roll})
	equal(t, "Bo's", len(recs[done.ID]), 1)
	_, err = s.EducationRecordsOf(ctx, []access.Permit{sys(open.ID), {}})
	if err == nil {
		t.Error("read with a zero permit")
	}
}

// testExclusionFlags: an exclusion's notes are written in its unit of
// work, read by the worker or team they are for, newest first, from a
// moment on; a unit that fails writes neither the record nor its notes;
// a note for both a worker and a team, or neither, is refused.
func testExclusionFlags(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Virtual School"})
	ok(t, err)
	u := mustUser(t, s, "Sol Worker")
	t1 := at(2026, time.June, 12, 14, 0, 0, 0)
	c := store.Change{By: u.ID, At: t1, Reason: "recorded"}
	p := mustCreate(t, s, child("Kai", "Excluded", day(2012, 5, 5)), c)
	excl := func(start time.Time) education.Record {
		return education.Normalise(education.Record{PersonID: p.ID, Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: "103234",
			Exclusion: education.Exclusion{Category: education.Suspension, Start: day(start.Year(), start.Month(), start.Day()), Sessions: 2, Reasons: []string{"DB"}}}})
	}
	write := func(r education.Record, c store.Change, fs []store.ExclusionFlag, fail error) (education.Record, error) {
		var rec education.Record
		err := s.Atomic(ctx, func(tx store.Tx) error {
			var err error
			if rec, err = tx.CreateEducationRecord(ctx, r, c); err != nil {
				return err
			}
			for i := range fs {
				fs[i].Record = rec.ID
			}
			if err := tx.CreateExclusionFlags(ctx, fs, c); err != nil {
				return err
			}
			return fail
		})
		return rec, err
	}
	notes := func() []store.ExclusionFlag {
		return []store.ExclusionFlag{
			{PersonID: p.ID, WorkerID: u.ID, Category: education.Suspension, Start: day(2026, 6, 12)},
			{PersonID: p.ID, TeamID: team.ID, Category: education.Suspension, Start: day(2026, 6, 12)},
		}
	}
	first, err := write(excl(t1), c, notes(), nil)
	ok(t, err)
	c2 := c
	c2.At = t1.Add(24 * time.Hour)
	second, err := write(excl(c2.At), c2, notes(), nil)
	ok(t, err)

	mine, err := s.ExclusionFlags(ctx, u.ID, 0, t1.Add(-time.Hour))
	ok(t, err)
	if len(mine) != 2 || mine[0].Record != second.ID || mine[1].Record != first.ID || mine[0].WorkerID != u.ID || mine[0].TeamID != 0 {
		t.Fatalf("the worker's notes: %+v", mine)
	}
	f := mine[1]
	if f.PersonID != p.ID || f.Category != education.Suspension || f.Start != day(2026, 6, 12) || f.By != u.ID || f.Person.FamilyName != "Excluded" || f.ID <= 0 {
		t.Errorf("note: %+v", f)
	}
	sameTime(t, "recorded at", f.At, t1)
	theirs, err := s.ExclusionFlags(ctx, 0, team.ID, t1.Add(time.Minute))
	ok(t, err)
	if len(theirs) != 1 || theirs[0].Record != second.ID || theirs[0].TeamID != team.ID || theirs[0].WorkerID != 0 {
		t.Errorf("the team's notes since after the first: %+v", theirs)
	}
	none, err := s.ExclusionFlags(ctx, 0, 0, time.Time{})
	ok(t, err)
	equal(t, "nobody's notes", len(none), 0)

	// A unit that fails after the notes writes none of it.
	before := len(educationOf(t, s, p.ID))
	boom := errors.New("later write failed")
	if _, err := write(excl(t1), c, notes(), boom); !errors.Is(err, boom) {
		t.Fatalf("failed unit: %v", err)
	}
	equal(t, "records after a failed unit", len(educationOf(t, s, p.ID)), before)
	mine, err = s.ExclusionFlags(ctx, u.ID, 0, time.Time{})
	ok(t, err)
	equal(t, "notes after a failed unit", len(mine), 2)

	// A note is for a worker or a team.
	for _, bad := range []store.ExclusionFlag{
		{PersonID: p.ID, WorkerID: u.ID, TeamID: team.ID, Category: education.Suspension, Start: day(2026, 6, 12)},
		{PersonID: p.ID, Category: education.Suspension, Start: day(2026, 6, 12)},
	} {
		if _, err := write(excl(t1), c, []store.ExclusionFlag{bad}, nil); err == nil {
			t.Errorf("a note for worker %d and team %d was written", bad.WorkerID, bad.TeamID)
		}
	}
	equal(t, "records after refused notes", len(educationOf(t, s, p.ID)), before)
}

// testVirtualSchoolTeam: the setting is unnamed until named, refuses a
// stale version, keeps its history and is apart from the other team
// settings.
func testVirtualSchoolTeam(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	vs, err := s.CreateTeam(ctx, access.Team{Name: "Virtual School"})
	ok(t, err)
	team, v, err := s.VirtualSchoolTeam(ctx)
	ok(t, err)
	equal(t, "never named", team, access.TeamID(0))
	equal(t, "version", v, 0)
	_, err = s.SetVirtualSchoolTeam(ctx, vs.ID, 1, store.Change{By: admin.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetVirtualSchoolTeam(ctx, vs.ID, 0, store.Change{By: admin.ID, Reason: "the Virtual School"})
	ok(t, err)
	equal(t, "first version", v, 1)
	team, _, err = s.VirtualSchoolTeam(ctx)
	ok(t, err)
	equal(t, "named", team, vs.ID)
	for _, read := range []func() (access.TeamID, int, error){func() (access.TeamID, int, error) { return s.HubTeam(ctx) },
		func() (access.TeamID, int, error) { return s.CMETeam(ctx) }} {
		other, _, err := read()
		ok(t, err)
		equal(t, "other settings untouched", other, access.TeamID(0))
	}
	h, err := s.VirtualSchoolTeamHistory(ctx)
	ok(t, err)
	equal(t, "history", len(h), 1)
	equal(t, "why", h[0].Reason, "the Virtual School")
	equal(t, "who", h[0].By, admin.ID)
}

// testSchoolCalendar: the term dates are empty until entered, refuse a
// stale version, come back as written (terms and closures) and keep their
// history.
func testSchoolCalendar(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	cal, v, err := s.SchoolCalendar(ctx)
	ok(t, err)
	equal(t, "never entered", len(cal.Terms), 0)
	equal(t, "version", v, 0)
	entered := education.SchoolCalendar{
		Terms:    []education.Term{{Start: day(2026, 9, 3), End: day(2026, 12, 18)}, {Start: day(2027, 1, 4), End: day(2027, 3, 19)}},
		Closures: []civil.Date{day(2026, 10, 26), day(2026, 11, 6)},
	}
	_, err = s.SetSchoolCalendar(ctx, entered, 1, store.Change{By: admin.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetSchoolCalendar(ctx, entered, 0, store.Change{By: admin.ID, Reason: "2026/27 term dates"})
	ok(t, err)
	equal(t, "first version", v, 1)
	cal, v, err = s.SchoolCalendar(ctx)
	ok(t, err)
	equal(t, "read back", cal, entered)
	equal(t, "its version", v, 1)
	entered.Terms = entered.Terms[:1]
	_, err = s.SetSchoolCalendar(ctx, entered, 1, store.Change{By: admin.ID, Reason: "spring term withdrawn"})
	ok(t, err)
	h, err := s.SchoolCalendarHistory(ctx)
	ok(t, err)
	equal(t, "history", len(h), 2)
	equal(t, "first", len(h[0].Record.Terms), 2)
	equal(t, "why", h[1].Reason, "spring term withdrawn")
}

// testEducationCaseload: a team's register of a kind is the children with
// an open record of that kind in its keeping, with whole Subjects; another
// team's, an ended one and another kind are not on it, and a child with
// two such records is there once.
func testEducationCaseload(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Inclusion"})
	ok(t, err)
	elsewhere, err := s.CreateTeam(ctx, access.Team{Name: "Elsewhere"})
	ok(t, err)
	u := mustUser(t, s, "Eve Register")
	c := store.Change{By: u.ID, At: at(2026, time.May, 2, 10, 0, 0, 0), Reason: "test"}
	add := func(p people.ID, tm access.TeamID, kind education.Kind, e *education.EHE, q *education.CMEEnquiry) {
		t.Helper()
		_, err := s.CreateEducationRecord(ctx, education.Normalise(education.Record{PersonID: p, Kind: kind, TeamID: tm, WorkerID: u.ID, EHE: e, CME: q}), c)
		ok(t, err)
	}
	home := mustCreate(t, s, child("Hal", "Home", day(2013, 1, 1)), c)
	add(home.ID, team.ID, education.KindEHE, &education.EHE{From: day(2024, 9, 1)}, nil)
	add(home.ID, team.ID, education.KindEHE, &education.EHE{From: day(2025, 9, 1)}, nil)
	back := mustCreate(t, s, child("Ivy", "Back", day(2013, 1, 1)), c)
	add(back.ID, team.ID, education.KindEHE, &education.EHE{From: day(2024, 9, 1), Ended: day(2025, 1, 6), EndReason: "school"}, nil)
	theirs := mustCreate(t, s, child("Jo", "Theirs", day(2013, 1, 1)), c)
	add(theirs.ID, elsewhere.ID, education.KindEHE, &education.EHE{From: day(2024, 9, 1)}, nil)
	// A lost pupil's enquiry stays open until the child is found.
	lost := mustCreate(t, s, child("Kit", "Lost", day(2013, 1, 1)), c)
	add(lost.ID, team.ID, education.KindCME, nil, &education.CMEEnquiry{Received: day(2025, 1, 6), Source: education.CMEFromSchool,
		Steps: []education.CMEStep{{On: day(2025, 1, 7), Step: "s2s"}}, Outcome: "lost", RiskAssessment: "Medium", Closed: day(2025, 4, 7)})
	found := mustCreate(t, s, child("Lu", "Found", day(2013, 1, 1)), c)
	add(found.ID, team.ID, education.KindCME, nil, &education.CMEEnquiry{Received: day(2025, 1, 6), Source: education.CMEFromSchool,
		Steps: []education.CMEStep{{On: day(2025, 1, 7), Step: "s2s"}}, Outcome: "lost", RiskAssessment: "Medium", Closed: day(2025, 4, 7), Found: day(2025, 9, 1)})

	now := at(2026, time.May, 2, 12, 0, 0, 0)
	ids := func(kids []store.WorkChild) []people.ID {
		var out []people.ID
		for _, k := range kids {
			if k.Subject.PersonID != k.Person.ID || k.Partial {
				t.Errorf("child %d: a partial or mismatched Subject", k.Person.ID)
			}
			out = append(out, k.Person.ID)
		}
		slices.Sort(out)
		return out
	}
	got, err := s.EducationCaseload(ctx, team.ID, education.KindEHE, now)
	ok(t, err)
	if g := ids(got); !slices.Equal(g, []people.ID{home.ID}) {
		t.Errorf("the home education register holds %v, want only %d", g, home.ID)
	}
	got, err = s.EducationCaseload(ctx, team.ID, education.KindCME, now)
	ok(t, err)
	if g := ids(got); !slices.Equal(g, []people.ID{lost.ID}) {
		t.Errorf("the open enquiries are of %v, want only the lost pupil %d", g, lost.ID)
	}
	got, err = s.EducationCaseload(ctx, 0, education.KindEHE, now)
	ok(t, err)
	if got == nil || len(got) != 0 {
		t.Errorf("no team: %v, want an empty list", got)
	}
}
