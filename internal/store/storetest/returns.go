package storetest

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The statutory returns' read (store.Returns) and the council's details
// their header carries (store.Settings).

// testReturnChildren: the children of a return as recorded at a moment. A
// record corrected after the moment is read as it was, a record or a child
// first recorded after it is absent, a kind not asked for is not read, the
// span is judged on the records as they were, restricted children are
// included, and the zero permit is refused.
func testReturnChildren(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Referral and Assessment"})
	ok(t, err)
	u := mustUser(t, s, "Rita Returns")
	t1 := at(2023, time.April, 3, 9, 0, 0, 0)
	t2 := at(2023, time.May, 15, 17, 0, 0, 0) // the return is made
	t3 := at(2023, time.June, 1, 10, 0, 0, 0)
	c1, c3 := store.Change{By: u.ID, At: t1}, store.Change{By: u.ID, At: t3}

	a := mustCreate(t, s, child("Amy", "Early", day(2015, 5, 5)), c1)
	secret := child("Res", "Tricted", day(2016, 6, 6))
	secret.Restricted = true
	r := mustCreate(t, s, secret, c1)
	late := mustCreate(t, s, child("Len", "Late", day(2017, 7, 7)), c3)
	mustCreate(t, s, child("No", "Records", day(2018, 8, 8)), c1)

	ref := mustJourney(t, s, referralOf(a.ID, team.ID, day(2022, 9, 1)), c1)
	note := mustJourney(t, s, journey.Record{PersonID: a.ID, Kind: journey.KindNote, Episode: ref.ID, Start: day(2022, 9, 2),
		Note: &journey.Note{Text: "seen at school"}}, c1)
	mustJourney(t, s, referralOf(r.ID, team.ID, day(2021, 1, 4)), c1)
	// After the moment: a correction of the first child's referral and of
	// their name, a new record of theirs, and a child made with a record.
	ref.End, ref.Referral.ClosureReason = day(2023, 3, 1), "RC8"
	_, err = s.UpdateJourneyRecord(ctx, ref, c3)
	ok(t, err)
	ap := a
	ap.GivenName = "Amelia"
	_, err = s.UpdatePerson(ctx, ap, c3)
	ok(t, err)
	later := mustJourney(t, s, referralOf(a.ID, team.ID, day(2023, 5, 20)), c3)
	mustJourney(t, s, referralOf(late.ID, team.ID, day(2023, 5, 30)), c3)

	read := func(q store.ReturnQuery) []store.ReturnChild {
		t.Helper()
		got, err := s.ReturnChildren(ctx, access.SystemBulk("test"), q)
		ok(t, err)
		return got
	}
	ids := func(cs []store.ReturnChild) []people.ID {
		out := []people.ID{}
		for _, c := range cs {
			out = append(out, c.Person.ID)
		}
		return out
	}
	recordIDs := func(c store.ReturnChild) []journey.ID {
		out := []journey.ID{}
		for _, r := range c.Records {
			out = append(out, r.ID)
		}
		return out
	}

	_, err = s.ReturnChildren(ctx, access.BulkPermit{}, store.ReturnQuery{})
	wantCode(t, err, errs.Internal)

	then := read(store.ReturnQuery{RecordedAt: t2})
	equal(t, "children as recorded on 15 May, in order of id", ids(then), []people.ID{a.ID, r.ID})
	equal(t, "the first child's name as it was", then[0].Person.GivenName, "Amy")
	equal(t, "the first child's person version", then[0].Person.Version, 1)
	equal(t, "the first child's records then, in order of id", recordIDs(then[0]), []journey.ID{ref.ID, note.ID})
	equal(t, "the referral as it was: version", then[0].Records[0].Version, 1)
	equal(t, "the referral as it was: still open", then[0].Records[0].End.IsZero(), true)
	equal(t, "the referral as it was: no closure reason", then[0].Records[0].Referral.ClosureReason, "")
	equal(t, "the restricted child is counted", then[1].Person.Restricted, true)

	// The same moment read again gives the same answer.
	equal(t, "read again", read(store.ReturnQuery{RecordedAt: t2}), then)

	now := read(store.ReturnQuery{})
	equal(t, "children now", ids(now), []people.ID{a.ID, r.ID, late.ID})
	equal(t, "the first child's name now", now[0].Person.GivenName, "Amelia")
	equal(t, "the first child's records now", recordIDs(now[0]), []journey.ID{ref.ID, note.ID, later.ID})
	equal(t, "the referral now", now[0].Records[0].End, day(2023, 3, 1))

	// Only the kinds asked for.
	refs := read(store.ReturnQuery{RecordedAt: t2, Kinds: []journey.Kind{journey.KindReferral, journey.KindAssessment}})
	equal(t, "referrals only", recordIDs(refs[0]), []journey.ID{ref.ID})
	none := read(store.ReturnQuery{RecordedAt: t2, Kinds: []journey.Kind{journey.KindCPPlan}})
	equal(t, "no child has a kind not recorded", len(none), 0)

	// A span: the first child's referral was open in 2022-23 as recorded on
	// 15 May; the restricted child's too (open since 2021). After the
	// correction, the first child's referral ended on 1 March 2023, so a
	// span from April 2023 finds them only by the later referral.
	span := func(from, to civil.Date) []store.ReturnSpan { return []store.ReturnSpan{{From: from, To: to}} }
	y2023 := store.ReturnQuery{RecordedAt: t2, Spans: span(day(2022, 4, 1), day(2023, 3, 31))}
	equal(t, "children in 2022-23 as recorded on 15 May", ids(read(y2023)), []people.ID{a.ID, r.ID})
	before := store.ReturnQuery{RecordedAt: t2, Spans: span(civil.Date{}, day(2020, 12, 31))}
	equal(t, "no child before 2021", len(read(before)), 0)
	spring := store.ReturnQuery{Spans: span(day(2023, 4, 1), day(2023, 4, 30)), Kinds: []journey.Kind{journey.KindReferral}}
	equal(t, "children open in April 2023 as now recorded", ids(read(spring)), []people.ID{r.ID})
	spring.RecordedAt = t2
	equal(t, "children open in April 2023 as recorded on 15 May", ids(read(spring)), []people.ID{a.ID, r.ID})
	spring.RecordedAt = t3.Add(-time.Second)
	equal(t, "children open in April 2023 just before the correction", ids(read(spring)), []people.ID{a.ID, r.ID})
	// A record first made after the moment places nobody then: the late
	// child's referral (the first child is placed by the one still open).
	may := store.ReturnQuery{Spans: span(day(2023, 5, 25), day(2023, 5, 31)), Kinds: []journey.Kind{journey.KindReferral}}
	mayNow := read(may)
	equal(t, "children open at the end of May as now recorded", ids(mayNow), []people.ID{a.ID, r.ID, late.ID})
	equal(t, "with their records now", recordIDs(mayNow[0]), []journey.ID{ref.ID, later.ID})
	may.RecordedAt = t2
	mayThen := read(may)
	equal(t, "children open at the end of May as recorded on 15 May", ids(mayThen), []people.ID{a.ID, r.ID})
	equal(t, "with their records then", recordIDs(mayThen[0]), []journey.ID{ref.ID})

	// Placed in the span by their referrals alone: a child whose only
	// record open in the span is of another kind is not placed; a child
	// placed comes with every record of the kinds read, in or out of the
	// span.
	refKinds := []journey.Kind{journey.KindReferral}
	byRef := store.ReturnQuery{RecordedAt: t2, Kinds: []journey.Kind{journey.KindReferral, journey.KindNote},
		Spans: []store.ReturnSpan{{Kinds: refKinds, From: day(2022, 9, 1), To: day(2022, 9, 1)}}}
	placed := read(byRef)
	equal(t, "children placed by a referral", ids(placed), []people.ID{a.ID, r.ID})
	equal(t, "with their notes", recordIDs(placed[0]), []journey.ID{ref.ID, note.ID})
	byRef.Spans[0].From, byRef.Spans[0].To = day(2022, 9, 2), day(2022, 12, 31)
	byRef.RecordedAt = time.Time{}
	equal(t, "referrals open in autumn 2022, as now recorded", ids(read(byRef)), []people.ID{a.ID, r.ID})
	noteKinds := []journey.Kind{journey.KindNote}
	noteOnly := store.ReturnQuery{Kinds: []journey.Kind{journey.KindReferral, journey.KindNote},
		Spans: []store.ReturnSpan{{Kinds: noteKinds, From: day(2022, 8, 1), To: day(2022, 9, 1)}}}
	equal(t, "no note by 1 September 2022", len(read(noteOnly)), 0)
	noteOnly.Spans[0].From, noteOnly.Spans[0].To = day(2022, 9, 2), day(2022, 9, 2)
	byNote := read(noteOnly)
	equal(t, "placed by the note", ids(byNote), []people.ID{a.ID})
	equal(t, "with every referral of theirs", recordIDs(byNote[0]), []journey.ID{ref.ID, note.ID, later.ID})

	// Several spans: a child placed by any of them, each once.
	two := store.ReturnQuery{RecordedAt: t2, Kinds: []journey.Kind{journey.KindReferral, journey.KindNote}, Spans: []store.ReturnSpan{
		{Kinds: noteKinds, From: day(2022, 9, 2), To: day(2022, 9, 2)},
		{Kinds: refKinds, From: day(2021, 1, 1), To: day(2021, 1, 31)},
		{Kinds: refKinds, From: day(2022, 9, 1), To: day(2022, 9, 30)},
	}}
	both := read(two)
	equal(t, "placed by a note or a referral", ids(both), []people.ID{a.ID, r.ID})
	equal(t, "each once, with their records", recordIDs(both[0]), []journey.ID{ref.ID, note.ID})

	// Before anything was recorded: nobody.
	equal(t, "before the first record", len(read(store.ReturnQuery{RecordedAt: t1.Add(-time.Second)})), 0)
}

// testCouncilDetails: the council's details are a versioned setting, read
// as recorded at a moment: none before the first version, each version
// from its moment on.
func testCouncilDetails(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	got, v, err := s.CouncilDetails(ctx, time.Time{})
	ok(t, err)
	equal(t, "never set", got, store.Council{})
	equal(t, "version never set", v, 0)

	t1 := at(2023, time.January, 9, 9, 0, 0, 0)
	t2 := at(2024, time.February, 1, 9, 0, 0, 0)
	_, err = s.SetCouncilDetails(ctx, store.Council{LANumber: "336"}, 1, store.Change{By: admin.ID, Reason: "from nowhere"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetCouncilDetails(ctx, store.Council{LANumber: "999"}, 0, store.Change{By: admin.ID, At: t1, Reason: "first"})
	ok(t, err)
	equal(t, "first version", v, 1)
	_, err = s.SetCouncilDetails(ctx, store.Council{LANumber: "336"}, 0, store.Change{By: admin.ID, Reason: "stale"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetCouncilDetails(ctx, store.Council{LANumber: "336"}, 1, store.Change{By: admin.ID, At: t2, Reason: "the right number"})
	ok(t, err)
	equal(t, "second version", v, 2)

	for _, tt := range []struct {
		what    string
		at      time.Time
		want    string
		version int
	}{
		{"before the first", t1.Add(-time.Microsecond), "", 0},
		{"at the first", t1, "999", 1},
		{"between", t2.Add(-time.Hour), "999", 1},
		{"at the second", t2, "336", 2},
		{"latest", time.Time{}, "336", 2},
	} {
		got, v, err := s.CouncilDetails(ctx, tt.at)
		ok(t, err)
		equal(t, tt.what, got.LANumber, tt.want)
		equal(t, tt.what+": version", v, tt.version)
	}
	h, err := s.CouncilDetailsHistory(ctx)
	ok(t, err)
	equal(t, "versions kept", len(h), 2)
	equal(t, "first kept as it was", h[0].Record.LANumber, "999")
	equal(t, "why", h[1].Reason, "the right number")
}
