package storetest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/indicators"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The performance framework's reads (store.Performance).

// testPerformanceData: the council's data is a versioned setting: none
// until entered, each change from the version it started from, a stale one
// refused and nothing written, every version kept.
func testPerformanceData(t *testing.T, s store.Store) {
	ctx := t.Context()
	u := mustUser(t, s, "Pat Performance")
	d, v, err := s.PerformanceData(ctx)
	ok(t, err)
	equal(t, "version never entered", v, 0)
	equal(t, "nothing entered", len(d), 0)

	ten := 10.0
	firstData := indicators.CouncilData{
		Population: []indicators.PopulationYear{{Year: 2023, Children: 63051}},
		Targets:    []indicators.Target{{Indicator: "rereferral_12m", Year: 2023, Target: &ten, Green: &ten}},
		Establishments: []indicators.Establishment{{At: day(2023, 3, 31), Positions: []indicators.Position{
			{Name: "Social Worker", Budgeted: 148.87, Permanent: 109.81, Vacant: 39.05, Agency: 19, CaseHolding: true}}}},
		Leavers: []indicators.Leaver{{Ref: "L1", Position: "Social Worker", Left: day(2022, 6, 30), FTE: 0.6}},
	}
	first := mustJSON(t, firstData)
	_, err = s.SetPerformanceData(ctx, first, 1, store.Change{By: u.ID, Reason: "from nowhere"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetPerformanceData(ctx, first, 0, store.Change{By: u.ID, At: at(2023, time.April, 3, 9, 0, 0, 0), Reason: "the year's figures"})
	ok(t, err)
	equal(t, "first version", v, 1)
	got, v, err := s.PerformanceData(ctx)
	ok(t, err)
	equal(t, "version read", v, 1)
	var back indicators.CouncilData
	ok(t, json.Unmarshal(got, &back))
	equal(t, "data read back", back, firstData)

	firstData.Population = append([]indicators.PopulationYear{{Year: 2022, Children: 62000}}, firstData.Population...)
	second := mustJSON(t, firstData)
	_, err = s.SetPerformanceData(ctx, second, 0, store.Change{By: u.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetPerformanceData(ctx, second, 1, store.Change{By: u.ID, Reason: "last year's population"})
	ok(t, err)
	equal(t, "second version", v, 2)
	hist, err := s.PerformanceDataHistory(ctx)
	ok(t, err)
	equal(t, "versions kept", len(hist), 2)
	var kept indicators.CouncilData
	ok(t, json.Unmarshal(hist[0].Record, &kept))
	equal(t, "first kept as it was", len(kept.Population), 1)
	equal(t, "who changed it", hist[1].By, u.ID)
	equal(t, "why", hist[1].Reason, "last year's population")
}

// testPerformanceChildren: one read gives every child with a journey record,
// their date of birth and every record as it stands, marks the restricted,
// leaves out people with no record, and refuses the zero permit.
func testPerformanceChildren(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Assessment"})
	ok(t, err)
	u := mustUser(t, s, "Ann Analyst")
	c := store.Change{By: u.ID}
	born := day(2015, 5, 5)
	a := mustCreate(t, s, child("Amy", "One", born), c)
	b := mustCreate(t, s, child("Ben", "Two", day(2012, 1, 2)), c)
	secret := child("Res", "Tricted", born)
	secret.Restricted = true
	r := mustCreate(t, s, secret, c)
	mustCreate(t, s, child("No", "Records", born), c)

	ref := mustJourney(t, s, referralOf(a.ID, team.ID, day(2023, 1, 10)), c)
	mustJourney(t, s, allocationOf(a.ID, ref.ID, team.ID, u.ID, day(2023, 1, 11)), c)
	mustJourney(t, s, contactOf(b.ID, team.ID, day(2023, 2, 1)), c)
	mustJourney(t, s, contactOf(r.ID, team.ID, day(2023, 2, 2)), c)
	// A record changed since it was made is read as it stands; the stamp
	// changes with it, and with a new record and a changed person, and only
	// then; so does the child's mark, and no other child's.
	marks := func() map[people.ID]store.PerformanceMark {
		t.Helper()
		m, err := s.PerformanceMarks(ctx, access.SystemBulk("test"))
		ok(t, err)
		return m
	}
	m0 := marks()
	equal(t, "children marked", len(m0), 3)
	equal(t, "the first child's mark", m0[a.ID], store.PerformanceMark{Records: 2, Versions: 2, Person: 1})
	stamp := func() string {
		t.Helper()
		st, err := s.PerformanceStamp(ctx)
		ok(t, err)
		return st
	}
	before := stamp()
	equal(t, "stamp unchanged", stamp(), before)
	ref.End = day(2023, 3, 1)
	ref.Referral.ClosureReason = "RC8"
	_, err = s.UpdateJourneyRecord(ctx, ref, c)
	ok(t, err)
	afterUpdate := stamp()
	if afterUpdate == before {
		t.Errorf("the stamp %s did not change with a changed record", before)
	}
	m1 := marks()
	equal(t, "the changed child's mark", m1[a.ID], store.PerformanceMark{Records: 2, Versions: 3, Person: 1})
	equal(t, "another child's mark", m1[b.ID], m0[b.ID])
	mustJourney(t, s, contactOf(b.ID, team.ID, day(2023, 2, 20)), c)
	afterNew := stamp()
	if afterNew == afterUpdate {
		t.Errorf("the stamp %s did not change with a new record", afterNew)
	}
	bp := b
	bp.GivenName = "Benedict"
	_, err = s.UpdatePerson(ctx, bp, c)
	ok(t, err)
	if stamp() == afterNew {
		t.Errorf("the stamp %s did not change with a changed person", afterNew)
	}
	equal(t, "the second child's mark", marks()[b.ID], store.PerformanceMark{Records: 2, Versions: 2, Person: 2})
	_, err = s.PerformanceChildren(ctx, access.BulkPermit{}, nil)
	wantCode(t, err, errs.Internal)
	_, err = s.PerformanceMarks(ctx, access.BulkPermit{})
	wantCode(t, err, errs.Internal)

	got, err := s.PerformanceChildren(ctx, access.SystemBulk("test"), nil)
	ok(t, err)
	var ids []people.ID
	kinds := map[people.ID][]journey.Kind{}
	names := map[people.ID]string{}
	for _, k := range got.Children {
		ids = append(ids, k.ID)
		names[k.ID] = k.GivenName + " " + k.FamilyName
		for _, rec := range k.Records {
			kinds[k.ID] = append(kinds[k.ID], rec.Kind)
			if rec.ID == ref.ID && (rec.Version != 2 || rec.End != day(2023, 3, 1)) {
				t.Errorf("the referral read as version %d ending %s, want version 2 ending 2023-03-01", rec.Version, rec.End)
			}
		}
		if k.ID == b.ID {
			equal(t, "date of birth", k.DateOfBirth, day(2012, 1, 2))
			equal(t, "name", k.GivenName+" "+k.FamilyName, "Benedict Two")
		}
	}
	equal(t, "children, in order of id", ids, []people.ID{a.ID, b.ID, r.ID})
	// Each child's name is their own, though the read takes it from each
	// row's bytes in place (the rows of several children interleave).
	equal(t, "names", names, map[people.ID]string{a.ID: "Amy One", b.ID: "Benedict Two", r.ID: "Res Tricted"})
	slices.Sort(kinds[a.ID])
	equal(t, "the first child's records", kinds[a.ID], []journey.Kind{journey.KindAllocation, journey.KindReferral})
	equal(t, "records of the first child", len(kinds[a.ID]), 2)
	equal(t, "records of the second child", len(kinds[b.ID]), 2)
	equal(t, "restricted", got.Restricted, map[people.ID]bool{r.ID: true})

	// Some children by id: those with records, in order of id.
	some, err := s.PerformanceChildren(ctx, access.SystemBulk("test"), []people.ID{r.ID, b.ID, 999999})
	ok(t, err)
	ids = nil
	for _, k := range some.Children {
		ids = append(ids, k.ID)
	}
	equal(t, "children asked for", ids, []people.ID{b.ID, r.ID})
	equal(t, "their records", len(some.Children[0].Records), 2)
	equal(t, "restricted among them", some.Restricted, map[people.ID]bool{r.ID: true})

	// The framework counts education records and attendance too: each
	// changes the stamp (an import once, however many pupils it holds).
	pupil := child("Pat", "Pupil", day(2014, 2, 2))
	pupil.Identifiers = people.Identifiers{UPN: "A801200000009"}
	pp := mustCreate(t, s, pupil, c)
	afterPerson := stamp()
	_, err = s.CreateEducationRecord(ctx, planOf(a.ID, team.ID, time.Date(2023, 1, 9, 0, 0, 0, 0, time.UTC)), c)
	ok(t, err)
	afterEducation := stamp()
	if afterEducation == afterPerson {
		t.Errorf("the stamp %s did not change with an education record", afterPerson)
	}
	_, err = s.ImportAttendance(ctx, []education.PupilSessions{{Row: 2, UPN: "A801200000009", URN: "103234",
		Sessions: education.Sessions{From: day(2022, 9, 5), To: day(2022, 12, 16), ByCode: map[string]int{"/": 140}},
		Summary:  education.Attendance{Possible: 140, Attended: 140}}}, c)
	ok(t, err)
	if stamp() == afterEducation {
		t.Errorf("the stamp %s did not change with an attendance import", afterEducation)
	}
	// A pupil with no journey is read with their own name, from the
	// attendance's rows; a child with a journey keeps theirs beside an
	// education record.
	got, err = s.PerformanceChildren(ctx, access.SystemBulk("test"), nil)
	ok(t, err)
	names = map[people.ID]string{}
	for _, k := range got.Children {
		names[k.ID] = fmt.Sprintf("%s %s: %d records, %d education, %d attendance", k.GivenName, k.FamilyName, len(k.Records), len(k.Education), len(k.Attendance))
	}
	equal(t, "with education", names, map[people.ID]string{a.ID: "Amy One: 2 records, 1 education, 0 attendance",
		b.ID: "Benedict Two: 2 records, 0 education, 0 attendance", r.ID: "Res Tricted: 1 records, 0 education, 0 attendance",
		pp.ID: "Pat Pupil: 0 records, 0 education, 1 attendance"})

}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	ok(t, err)
	return b
}
