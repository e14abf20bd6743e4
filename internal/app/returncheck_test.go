package app_test

import (
	"slices"
	"strings"
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

// TestCheckReturn: the census of 2022-23 as recorded now, in which Dan and
// a restricted child each have two child in need plans open at once (rule
// 4004, which the journey allows). Each finding names the rule, the child
// (the restricted one without a name) and leads to the second plan's
// record and its end date; the check is one bulk read line with the
// number of children checked. Other roles are refused and the refusal
// logged; bad input names its fields.
func TestCheckReturn(t *testing.T) {
	rw := newReturnWorld(t)
	at := store.Change{By: rw.admin.ID, At: corrected, Reason: "test"}
	plans := func(child people.ID, episode journey.ID) journey.Record {
		var second journey.Record
		for i, start := range []civil.Date{civil.MustNew(2023, time.January, 20), civil.MustNew(2023, time.February, 1)} {
			r, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: child, Kind: journey.KindCINPlan, Episode: episode,
				Start: start, TeamID: rw.team.ID, Plan: &journey.Plan{}}, at)
			if err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				second = r
			}
		}
		return second
	}
	child := func(given, family string, restricted bool) (people.ID, journey.Record) {
		p, err := rw.st.CreatePerson(rw.ctx, people.Person{GivenName: given, FamilyName: family, DateOfBirth: civil.MustNew(2015, time.May, 1),
			Sex: "1", Ethnicity: "WBRI", Restricted: restricted, Identifiers: people.Identifiers{LAChildID: "DC" + strings.ToUpper(given)}}, at)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: p.ID, Kind: journey.KindReferral, Start: civil.MustNew(2023, time.January, 9),
			TeamID: rw.team.ID, Referral: &journey.Referral{Source: "5A", PrimaryNeed: "N2"}}, at)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID, plans(p.ID, ref.ID)
	}
	cat, catPlan := child("Cat", "Hidden", true)
	dan, danPlan := child("Dan", "Plans", false)

	ac := rw.actor(access.Analyst)
	got, err := rw.app.CheckReturn(rw.ctx, ac, app.ReturnRequest{Kind: "cin", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Children != 4 || got.Kind != "cin" || got.Year != 2023 {
		t.Errorf("checked %d children of %s %d, want 4 of cin 2023", got.Children, got.Kind, got.Year)
	}
	var seen []app.ReturnFinding
	for _, f := range got.Findings {
		if f.Rule == "4004" {
			seen = append(seen, f)
		}
	}
	want := []app.ReturnFinding{
		{Rule: "4004", ChildID: "DCCAT", PersonID: cat, Restricted: true, RecordID: catPlan.ID, Field: "CINPlanEndDate", Where: "episode 1, CINPlanDates 2"},
		{Rule: "4004", ChildID: "DCDAN", PersonID: dan, Name: "Dan Plans", RecordID: danPlan.ID, Field: "CINPlanEndDate", Where: "episode 1, CINPlanDates 2"},
	}
	if len(seen) != len(want) {
		t.Fatalf("4004 findings %+v, want %+v", seen, want)
	}
	for i := range want {
		f := seen[i]
		if f.Message == "" || f.Query {
			t.Errorf("finding %d: message %q, query %v", i, f.Message, f.Query)
		}
		f.Message = ""
		if f != want[i] {
			t.Errorf("finding %d: got %+v, want %+v", i, f, want[i])
		}
	}
	errors, queries := 0, 0
	for _, f := range got.Findings {
		if f.Query {
			queries++
		} else {
			errors++
		}
	}
	if got.Errors != errors || got.Queries != queries || got.Errors < 2 || got.Affected < 2 || got.Affected > 4 {
		t.Errorf("summary: %d errors, %d queries, %d children affected", got.Errors, got.Queries, got.Affected)
	}

	es, err := rw.st.AccessLog(rw.ctx, store.AccessQuery{Action: store.LogBulkRead, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].UserID != ac.UserID() || es[0].Children != 4 || es[0].Kind != store.KindJourney ||
		!strings.HasPrefix(es[0].Note, "check of the Children in need census 2023 as recorded at ") {
		t.Errorf("the bulk read lines: %+v", es)
	}

	// Once Dan's second plan ends, 4004 is gone.
	p := danPlan
	p.End = civil.MustNew(2023, time.February, 20)
	if _, err := rw.st.UpdateJourneyRecord(rw.ctx, p, store.Change{By: rw.admin.ID, At: corrected.Add(time.Hour), Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	again, err := rw.app.CheckReturn(rw.ctx, rw.actor(access.Admin), app.ReturnRequest{Kind: "cin", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again.Findings {
		if f.Rule == "4004" && f.PersonID == dan {
			t.Errorf("4004 still found for Dan: %+v", f)
		}
	}

	for _, role := range access.Roles {
		if role == access.Analyst || role == access.Admin {
			continue
		}
		if _, err := rw.app.CheckReturn(rw.ctx, rw.actor(role), app.ReturnRequest{Kind: "cin", Year: "2023"}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: got %v, want forbidden", role, err)
		}
	}
	_, err = rw.app.CheckReturn(rw.ctx, ac, app.ReturnRequest{Kind: "sen", Year: "1999"})
	e := errs.As(err)
	if e == nil || len(e.Fields) != 2 || e.Fields[0].Field != "kind" || e.Fields[1].Field != "year" {
		t.Errorf("bad kind and year: %v", err)
	}
}

// TestCheckSSDA903: the 903 is checked before it is in the list of
// returns. A child in care in 2022-23 whose review has a participation
// code the return has no place for (rule 167) is found, the finding traced
// to the review's record and its column.
func TestCheckSSDA903(t *testing.T) {
	rw := newReturnWorld(t)
	at := store.Change{By: rw.admin.ID, At: corrected, Reason: "test"}
	p, err := rw.st.CreatePerson(rw.ctx, people.Person{GivenName: "Finn", FamilyName: "Care", DateOfBirth: civil.MustNew(2012, time.February, 17),
		Sex: "1", Ethnicity: "WBRI", Identifiers: people.Identifiers{LAChildID: "DCFINN"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	ep, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: p.ID, Kind: journey.KindCareEpisode, Start: civil.MustNew(2022, time.June, 1), TeamID: rw.team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "U6", Provider: "PR1", Postcode: "WV3 3AB", URN: "SC123456", ReasonNew: "S"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	rv, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: p.ID, Kind: journey.KindCareReview, Episode: ep.ID, Start: civil.MustNew(2022, time.December, 1),
		TeamID: rw.team.ID, CareReview: &care.Review{Participation: "PN9"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	got, err := rw.app.CheckReturn(rw.ctx, rw.actor(access.Analyst), app.ReturnRequest{Kind: "ssda903", Year: "2023"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Children != 1 || got.Title == "" || got.Queries != 0 {
		t.Errorf("the 903: %d children, %d queries, title %q", got.Children, got.Queries, got.Title)
	}
	var found []app.ReturnFinding
	for _, f := range got.Findings {
		if f.Rule == "167" {
			found = append(found, f)
		}
	}
	want := app.ReturnFinding{Rule: "167", ChildID: "DCFINN", PersonID: p.ID, Name: "Finn Care", RecordID: rv.ID, Field: "REVIEW_CODE", Where: "Reviews row 2"}
	if len(found) != 1 {
		t.Fatalf("rule 167 findings %+v, want one", found)
	}
	f := found[0]
	f.Message = ""
	if f != want {
		t.Errorf("rule 167: got %+v, want %+v", f, want)
	}
}

// TestCensusWarningsOnTheRecord: an assessment started before the
// collection year and not authorised breaks rule 8736 of the census of
// the year today falls in (2026-27: the world's clock is in June 2026);
// its record's page says so, the referral's does not, and once it is
// authorised the warning is gone.
func TestCensusWarningsOnTheRecord(t *testing.T) {
	rw := newReturnWorld(t)
	at := store.Change{By: rw.admin.ID, At: corrected, Reason: "test"}
	p, err := rw.st.CreatePerson(rw.ctx, people.Person{GivenName: "Eve", FamilyName: "Open", DateOfBirth: civil.MustNew(2016, time.May, 1),
		Sex: "2", Ethnicity: "WBRI"}, at)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: p.ID, Kind: journey.KindReferral, Start: civil.MustNew(2026, time.January, 5),
		TeamID: rw.team.ID, Referral: &journey.Referral{Source: "5A", PrimaryNeed: "N2"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	a, err := rw.st.CreateJourneyRecord(rw.ctx, journey.Record{PersonID: p.ID, Kind: journey.KindAssessment, Episode: ref.ID, Start: civil.MustNew(2026, time.February, 2),
		TeamID: rw.team.ID, Assessment: &journey.Assessment{}}, at)
	if err != nil {
		t.Fatal(err)
	}
	ac := rw.actor(access.Analyst)
	rules := func(id journey.ID) []string {
		t.Helper()
		pg, err := rw.app.JourneyRecord(rw.ctx, ac, p.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range pg.ReturnWarnings {
			if f.RecordID != id {
				t.Errorf("record %d: a warning about record %d: %+v", id, f.RecordID, f)
			}
			out = append(out, f.Rule)
		}
		return out
	}
	if got := rules(a.ID); !slices.Contains(got, "8736") {
		t.Errorf("the assessment's warnings %v, want 8736", got)
	}
	if got := rules(ref.ID); slices.Contains(got, "8736") {
		t.Errorf("the referral's warnings %v, want no 8736", got)
	}
	a.End = civil.MustNew(2026, time.May, 20)
	if _, err := rw.st.UpdateJourneyRecord(rw.ctx, a, store.Change{By: rw.admin.ID, At: corrected.Add(time.Hour), Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	if got := rules(a.ID); slices.Contains(got, "8736") {
		t.Errorf("authorised, the assessment's warnings %v, want no 8736", got)
	}
}
