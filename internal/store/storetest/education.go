package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The education half of a child's record (education.go).

func planOf(p people.ID, team access.TeamID, issued time.Time) education.Record {
	return education.Normalise(education.Record{PersonID: p, Kind: education.KindEHCPlan, TeamID: team,
		EHCPlan: &education.EHCPlan{Issued: day(issued.Year(), issued.Month(), issued.Day()), Needs: []education.Need{{Type: "ASD", Rank: 1}}, SettingURN: "103234"}})
}

func educationOf(t *testing.T, s store.Store, p people.ID) []education.Record {
	t.Helper()
	rs, err := s.EducationRecords(t.Context(), sys(p), time.Time{})
	ok(t, err)
	return rs
}

// testEducationRecords: a record is created as version 1 and read back as
// written, newest first among the child's; a change is a new version; a
// stale change, a change of child or kind, and a record of no one are
// refused and write nothing; as-of reads and the history give each
// version; reads need a permit.
func testEducationRecords(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "SEND Team"})
	ok(t, err)
	u := mustUser(t, s, "Ria Caseworker")
	t1 := at(2024, time.May, 2, 10, 0, 0, 250)
	c := store.Change{By: u.ID, At: t1, Reason: "plan issued"}
	p := mustCreate(t, s, child("Kai", "Planned", day(2014, 2, 2)), c)
	other := mustCreate(t, s, child("Ola", "Other", day(2015, 3, 3)), c)

	roll, err := s.CreateEducationRecord(ctx, education.Record{PersonID: p.ID, Kind: education.KindRoll, Start: day(2018, 9, 4),
		Roll: &education.Roll{School: "103234"}}, c)
	ok(t, err)
	plan, err := s.CreateEducationRecord(ctx, planOf(p.ID, team.ID, time.Date(2022, 5, 16, 0, 0, 0, 0, time.UTC)), c)
	ok(t, err)
	if plan.ID <= 0 || plan.Version != 1 {
		t.Fatalf("created %+v", plan)
	}
	sameTime(t, "recorded at", plan.RecordedAt, t1)
	equal(t, "the child's records, newest first", educationOf(t, s, p.ID), []education.Record{plan, roll})
	equal(t, "another child's", len(educationOf(t, s, other.ID)), 0)

	changed := plan
	changed.EHCPlan.Provision = "Speech and language therapy weekly"
	t2 := t1.Add(time.Hour)
	v2, err := s.UpdateEducationRecord(ctx, changed, store.Change{By: u.ID, At: t2, Reason: "provision added"})
	ok(t, err)
	equal(t, "version", v2.Version, 2)
	sameTime(t, "recorded at stays the first", v2.RecordedAt, t1)

	stale := plan
	stale.EHCPlan = &education.EHCPlan{Issued: day(2022, 5, 16), Needs: []education.Need{{Type: "MLD", Rank: 1}}, SettingType: "OTH"}
	_, err = s.UpdateEducationRecord(ctx, stale, store.Change{By: u.ID, Reason: "late"})
	wantCode(t, err, errs.Conflict)

	moved := v2
	moved.PersonID = other.ID
	wantField(t, wantCode(t, func() error { _, err := s.UpdateEducationRecord(ctx, moved, c); return err }(), errs.Invalid), "person_id")
	rekind := v2
	rekind.Kind = education.KindEHE
	wantField(t, wantCode(t, func() error { _, err := s.UpdateEducationRecord(ctx, rekind, c); return err }(), errs.Invalid), "kind")
	_, err = s.CreateEducationRecord(ctx, planOf(people.ID(999999), team.ID, t1), c)
	wantCode(t, err, errs.NotFound)
	_, err = s.UpdateEducationRecord(ctx, education.Record{ID: plan.ID + 100, Version: 1, PersonID: p.ID, Kind: education.KindEHCPlan}, c)
	wantCode(t, err, errs.NotFound)

	equal(t, "as it stands", educationOf(t, s, p.ID)[0], v2)
	asOf, err := s.EducationRecords(ctx, sys(p.ID), t1.Add(time.Minute))
	ok(t, err)
	equal(t, "as it stood", asOf[0].EHCPlan.Provision, "")

	h, err := s.EducationHistory(ctx, sys(p.ID), plan.ID)
	ok(t, err)
	equal(t, "versions", len(h), 2)
	equal(t, "reasons", []string{h[0].Reason, h[1].Reason}, []string{"plan issued", "provision added"})
	equal(t, "author", h[1].ByName, "Ria Caseworker")
	_, err = s.EducationHistory(ctx, sys(other.ID), plan.ID)
	wantCode(t, err, errs.NotFound)

	_, err = s.EducationRecords(ctx, access.Permit{}, time.Time{})
	wantCode(t, err, errs.Internal)
	_, err = s.EducationHistory(ctx, access.Permit{}, plan.ID)
	wantCode(t, err, errs.Internal)
}

// testEducationInvolvements: a record that is the council's work gives
// its team an education involvement that follows its team, worker and
// dates; a roll gives none; both are written in a unit of work or not at
// all; an import writes records and involvements alike.
func testEducationInvolvements(t *testing.T, s store.Store) {
	ctx := t.Context()
	send, err := s.CreateTeam(ctx, access.Team{Name: "SEND Casework"})
	ok(t, err)
	u := mustUser(t, s, "Ade Officer")
	c := store.Change{By: u.ID, Reason: "test"}
	p := mustCreate(t, s, child("Bo", "Involved", day(2013, 6, 6)), c)

	_, err = s.CreateEducationRecord(ctx, education.Record{PersonID: p.ID, Kind: education.KindRoll, Start: day(2018, 9, 4), TeamID: send.ID,
		Roll: &education.Roll{School: "103234"}}, c)
	ok(t, err)
	equal(t, "a roll gives no involvement", len(involvementsOf(t, s, p.ID)), 0)

	plan, err := s.CreateEducationRecord(ctx, planOf(p.ID, send.ID, time.Date(2022, 5, 16, 0, 0, 0, 0, time.UTC)), c)
	ok(t, err)
	invs := involvementsOf(t, s, p.ID)
	equal(t, "the plan's involvement", []any{len(invs), invs[0].Kind, invs[0].TeamID, invs[0].StartDate, invs[0].Version},
		[]any{1, access.KindEducation, send.ID, day(2022, 5, 16), 1})
	subj, err := s.Subject(ctx, p.ID, time.Now())
	ok(t, err)
	equal(t, "in the subject", len(subj.Involvements), 1)

	// A change of provision leaves it; ceasing the plan ends it; a worker
	// named is its worker.
	plan.EHCPlan.Provision = "more"
	plan, err = s.UpdateEducationRecord(ctx, plan, c)
	ok(t, err)
	equal(t, "unchanged", involvementsOf(t, s, p.ID)[0].Version, 1)
	plan.EHCPlan.Ceased, plan.EHCPlan.CeaseReason = day(2024, 7, 19), "2"
	plan.WorkerID = u.ID
	plan = education.Normalise(plan)
	plan, err = s.UpdateEducationRecord(ctx, plan, c)
	ok(t, err)
	invs = involvementsOf(t, s, p.ID)
	equal(t, "ended", []any{len(invs), invs[0].Version, invs[0].EndDate, invs[0].WorkerID}, []any{1, 2, day(2024, 7, 19), u.ID})

	// A unit of work that fails leaves neither record nor involvement.
	q := mustCreate(t, s, child("Cy", "Undone", day(2013, 6, 6)), c)
	err = s.Atomic(ctx, func(tx store.Tx) error {
		if _, err := tx.CreateEducationRecord(ctx, planOf(q.ID, send.ID, time.Date(2023, 1, 9, 0, 0, 0, 0, time.UTC)), c); err != nil {
			return err
		}
		return errs.E(errs.Invalid, "stop")
	})
	wantCode(t, err, errs.Invalid)
	equal(t, "no record", len(educationOf(t, s, q.ID)), 0)
	equal(t, "no involvement", len(involvementsOf(t, s, q.ID)), 0)

	// An import: records and involvements alike, all or none.
	r := mustCreate(t, s, child("Di", "Imported", day(2012, 1, 1)), c)
	ok(t, s.ImportEducation(ctx, []education.Record{
		{PersonID: r.ID, Kind: education.KindRoll, Start: day(2016, 9, 5), Roll: &education.Roll{School: "136512"}},
		planOf(r.ID, send.ID, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)),
	}, c))
	got := educationOf(t, s, r.ID)
	equal(t, "imported", []any{len(got), got[0].Kind, got[0].Version, got[1].Kind}, []any{2, education.KindEHCPlan, 1, education.KindRoll})
	invs = involvementsOf(t, s, r.ID)
	equal(t, "imported involvement", []any{len(invs), invs[0].TeamID, invs[0].StartDate}, []any{1, send.ID, day(2021, 3, 1)})
	// A change to an imported plan keeps its involvement in step.
	got[0].TeamID = 0
	got[0].WorkerID = u.ID
	got[0].TeamID = send.ID
	_, err = s.UpdateEducationRecord(ctx, got[0], c)
	ok(t, err)
	equal(t, "the imported involvement follows", involvementsOf(t, s, r.ID)[0].WorkerID, u.ID)
	err = s.ImportEducation(ctx, []education.Record{planOf(r.ID, send.ID, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)), planOf(people.ID(999999), send.ID, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC))}, c)
	if err == nil {
		t.Fatal("an import naming no one was written")
	}
	equal(t, "nothing of a failed import", len(educationOf(t, s, r.ID)), 2)
}

// testSchools: an import adds the register's schools and, again, replaces
// those it names and keeps those it leaves out; a school is read by URN;
// counts judge a school open through its closing day.
func testSchools(t *testing.T, s store.Store) {
	ctx := t.Context()
	t1 := at(2024, time.September, 2, 9, 0, 0, 0)
	ss := []education.School{
		{URN: "103234", Name: "Alder Primary School", LACode: "336", Status: "Open", Phase: "Primary", Type: "Community school", Opened: day(1970, 1, 1), Postcode: "WV1 1AA"},
		{URN: "136512", Name: "Birch Academy", LACode: "336", Status: "Open", Phase: "Secondary", Type: "Academy converter", Opened: day(2011, 4, 1)},
		{URN: "104000", Name: "Cedar High School", LACode: "336", Status: "Closed", Phase: "Secondary", Closed: day(2011, 3, 31)},
	}
	got, err := s.ImportSchools(ctx, ss, t1)
	ok(t, err)
	equal(t, "first import", got, store.SchoolsImported{Added: 3})
	all, open, err := s.CountSchools(ctx, t1)
	ok(t, err)
	equal(t, "counts", []int{all, open}, []int{3, 2})
	all, open, err = s.CountSchools(ctx, time.Date(2011, 3, 31, 12, 0, 0, 0, time.UTC))
	ok(t, err)
	equal(t, "open on its closing day, and before the academy", []int{all, open}, []int{3, 2})

	renamed := ss[0]
	renamed.Name = "Alder Church of England Primary School"
	got, err = s.ImportSchools(ctx, []education.School{renamed, {URN: "145000", Name: "Damson Free School", Status: "Open", Opened: day(2024, 9, 1)}}, t1.Add(time.Hour))
	ok(t, err)
	equal(t, "second import", got, store.SchoolsImported{Added: 1, Updated: 1})
	byURN, err := s.Schools(ctx, []string{"103234", "136512", "999999"})
	ok(t, err)
	equal(t, "read by URN", byURN, map[string]education.School{"103234": renamed, "136512": ss[1]})

	_, err = s.ImportSchools(ctx, []education.School{ss[0], ss[0]}, t1)
	wantField(t, wantCode(t, err, errs.Invalid), "rows[1].URN")
	none, err := s.Schools(ctx, nil)
	ok(t, err)
	equal(t, "no URNs", len(none), 0)
}

// testAttendance: an import finds each pupil by UPN (current or former),
// writes their rows, and a later import of the same pupil, school and
// period replaces the row; a UPN no one holds refuses the whole import,
// naming the row; reads need a permit.
func testAttendance(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Amal Attendance")
	c := store.Change{By: u.ID, Reason: "autumn term"}
	withUPN := func(given, upn, former string) people.Person {
		p := child(given, "Pupil", day(2014, 2, 2))
		p.Identifiers = people.Identifiers{UPN: upn, FormerUPN: former}
		return mustCreate(t, s, p, c)
	}
	a := withUPN("Ada", "A801200000001", "")
	b := withUPN("Ben", "C801200000003", "B801200000002")
	autumn := func(row int, upn string, attended int) education.PupilSessions {
		return education.PupilSessions{Row: row, UPN: upn, URN: "103234",
			Sessions: education.Sessions{From: day(2024, 9, 4), To: day(2024, 12, 20), ByCode: map[string]int{"/": attended, "I": 140 - attended}},
			Summary:  education.Attendance{Possible: 140, Attended: attended, Authorised: 140 - attended}}
	}
	got, err := s.ImportAttendance(ctx, []education.PupilSessions{autumn(2, "A801200000001", 130), autumn(3, "B801200000002", 120)}, c)
	ok(t, err)
	if got.ID <= 0 || got.Rows != 2 || got.Replaced != 0 {
		t.Fatalf("first import: %+v", got)
	}
	rows, err := s.Attendance(ctx, sys(b.ID))
	ok(t, err)
	equal(t, "found by a former UPN", len(rows), 1)
	equal(t, "the row", []any{rows[0].URN, rows[0].Sessions.From, rows[0].Sessions.ByCode["/"], rows[0].Summary.Attended, rows[0].Import},
		[]any{"103234", day(2024, 9, 4), 120, 120, got.ID})

	// The same term again, corrected: replaced, not added.
	again, err := s.ImportAttendance(ctx, []education.PupilSessions{autumn(2, "A801200000001", 135)}, store.Change{By: u.ID, Reason: "corrected"})
	ok(t, err)
	equal(t, "replaced", again.Replaced, 1)
	rows, err = s.Attendance(ctx, sys(a.ID))
	ok(t, err)
	equal(t, "the corrected row", []any{len(rows), rows[0].Summary.Attended, rows[0].Import}, []any{1, 135, again.ID})

	// A pupil on two schools' rolls at once: a row of the other school
	// for the same term is added beside the first, and replacing either
	// leaves the other.
	other := autumn(2, "A801200000001", 20)
	other.URN = "103999"
	dual, err := s.ImportAttendance(ctx, []education.PupilSessions{other}, c)
	ok(t, err)
	equal(t, "a second school's row replaces nothing", dual.Replaced, 0)
	again, err = s.ImportAttendance(ctx, []education.PupilSessions{autumn(2, "A801200000001", 135)}, store.Change{By: u.ID, Reason: "corrected again"})
	ok(t, err)
	rows, err = s.Attendance(ctx, sys(a.ID))
	ok(t, err)
	equal(t, "both schools' rows", []any{again.Replaced, len(rows)}, []any{1, 2})

	// A UPN no one holds: nothing written, the row named.
	_, err = s.ImportAttendance(ctx, []education.PupilSessions{autumn(2, "A801200000001", 10), autumn(3, "Z999999999999", 10)}, c)
	wantField(t, wantCode(t, err, errs.Invalid), "rows[3].UPN")
	rows, err = s.Attendance(ctx, sys(a.ID))
	ok(t, err)
	equal(t, "unchanged after a refused import", rows[0].Summary.Attended, 135)

	_, err = s.Attendance(ctx, access.Permit{})
	wantCode(t, err, errs.Internal)
}

// testEducationBulkReads: the SEN2 return's read gives every child with a
// record of the kinds asked, as recorded at the moment (a record written
// later is not there; its person as they were); the cohort read gives the
// children with a child in need, child protection or looked after
// involvement open on the day, each once with their kinds and teams, their
// education records and attendance. Both refuse the zero permit.
func testEducationBulkReads(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Cohort Team"})
	ok(t, err)
	u := mustUser(t, s, "Bea Bulk")
	t1 := at(2024, time.May, 2, 10, 0, 0, 0)
	t2 := at(2024, time.June, 2, 10, 0, 0, 0)
	c1, c2 := store.Change{By: u.ID, At: t1, Reason: "first"}, store.Change{By: u.ID, At: t2, Reason: "later"}
	a := child("Ann", "Bulk", day(2013, 3, 3))
	a.Identifiers.UPN = "A801200000011"
	pa := mustCreate(t, s, a, c1)
	pb := mustCreate(t, s, child("Bo", "Bulk", day(2012, 4, 4)), c1)
	_, err = s.CreateEducationRecord(ctx, planOf(pa.ID, team.ID, time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)), c1)
	ok(t, err)
	_, err = s.CreateEducationRecord(ctx, planOf(pb.ID, team.ID, time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC)), c2)
	ok(t, err)

	got, err := s.EducationReturnChildren(ctx, access.SystemBulk("test"), []education.Kind{education.KindEHCPlan}, t1.Add(time.Hour))
	ok(t, err)
	equal(t, "as recorded at the first moment", []any{len(got), got[0].Person.ID, len(got[0].Education), got[0].Person.GivenName}, []any{1, pa.ID, 1, "Ann"})
	got, err = s.EducationReturnChildren(ctx, access.SystemBulk("test"), []education.Kind{education.KindEHCPlan}, time.Time{})
	ok(t, err)
	equal(t, "as they stand", len(got), 2)
	got, err = s.EducationReturnChildren(ctx, access.SystemBulk("test"), []education.Kind{education.KindCME}, time.Time{})
	ok(t, err)
	equal(t, "no child of another kind", len(got), 0)
	_, err = s.EducationReturnChildren(ctx, access.BulkPermit{}, []education.Kind{education.KindEHCPlan}, time.Time{})
	wantCode(t, err, errs.Internal)

	// Ann is in need and on a plan (two involvements), Bo's involvement
	// ended before the day.
	for _, inv := range []access.Involvement{
		{PersonID: pa.ID, Kind: access.KindChildInNeed, TeamID: team.ID, StartDate: day(2024, 1, 2)},
		{PersonID: pa.ID, Kind: access.KindChildProtection, TeamID: team.ID, StartDate: day(2024, 2, 2)},
		{PersonID: pb.ID, Kind: access.KindChildInNeed, TeamID: team.ID, StartDate: day(2023, 1, 2), EndDate: day(2024, 1, 31)},
	} {
		_, err := s.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c1)
		ok(t, err)
	}
	term := education.Sessions{From: day(2024, 1, 3), To: day(2024, 3, 28), ByCode: map[string]int{"/": 100, "O": 10}}
	_, err = s.ImportAttendance(ctx, []education.PupilSessions{{Row: 2, UPN: "A801200000011", URN: "103234", Sessions: term,
		Summary: education.Attendance{Possible: 110, Attended: 100, Unauthorised: 10}}}, c1)
	ok(t, err)
	cohort, err := s.SchoolingCohort(ctx, access.SystemBulk("test"), day(2024, 3, 1))
	ok(t, err)
	var mine []store.CohortChild
	for _, c := range cohort {
		if c.ID == pa.ID || c.ID == pb.ID {
			mine = append(mine, c)
		}
	}
	equal(t, "the cohort", len(mine), 1)
	m := mine[0]
	equal(t, "Ann in the cohort", []any{m.GivenName, m.DateOfBirth, len(m.Kinds), m.Teams, len(m.Records), len(m.Attendance), m.Attendance[0].Summary.Attended},
		[]any{"Ann", day(2013, 3, 3), 2, []access.TeamID{team.ID}, 1, 1, 100})
	_, err = s.SchoolingCohort(ctx, access.BulkPermit{}, day(2024, 3, 1))
	wantCode(t, err, errs.Internal)
}
