package load

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
)

func d(y int, m time.Month, day int) civil.Date { return civil.MustNew(y, m, day) }

// byKind finds the child's records of a kind, in date order.
func byKind(c Child, k journey.Kind) []journey.Record {
	var out []journey.Record
	for _, r := range c.Records {
		if r.Kind == k {
			out = append(out, r)
		}
	}
	return out
}

func one(t *testing.T, c Child, k journey.Kind) journey.Record {
	t.Helper()
	rs := byKind(c, k)
	if len(rs) != 1 {
		t.Fatalf("%d records of %s, want 1: %+v", len(rs), k, c.Records)
	}
	return rs[0]
}

// TestCensusEpisode: an episode and each of its modules become the
// journey's records, linked as the journey links them.
func TestCensusEpisode(t *testing.T) {
	s47 := d(2022, time.June, 6) // a Monday
	target := calendar.AddWorkingDays(d(2022, time.June, 3), icpcTargetWorkingDays)
	c := cin.Census{Year: 2023, Children: []cin.CensusChild{{
		LAChildID: "A1", UPN: "A123456789012", BirthDate: d(2015, time.May, 4), Sex: "2", Ethnicity: "WBRI", Disabilities: []string{"HAND"},
		Episodes: []cin.Episode{{
			ReferralDate: d(2022, time.June, 1), ReferralSource: "1A", PrimaryNeed: "N1",
			ClosureDate: d(2023, time.March, 1), ReasonForClosure: "RC7",
			Assessments: []cin.Assessment{{Start: d(2022, time.June, 2), Authorised: d(2022, time.July, 1), Factors: []string{"2B"}}},
			CINPlans:    []cin.CINPlan{{Start: d(2022, time.July, 2), End: d(2022, time.August, 1)}},
			Section47s:  []cin.Section47{{Start: s47, InitialCPCTarget: target, DateOfInitialCPC: d(2022, time.June, 20)}},
			CPPlans: []cin.CPPlan{{Start: d(2022, time.June, 20), End: d(2023, time.March, 1), InitialCategory: "NEG", LatestCategory: "EMO",
				Reviews: []civil.Date{d(2022, time.September, 1), d(2023, time.March, 1)}}},
		}},
	}}}
	plan, problems := Build([]Census{{File: "c.xml", Census: c}}, nil)
	if len(problems) > 0 || len(plan.Children) != 1 {
		t.Fatalf("problems %v, %d children", problems, len(plan.Children))
	}
	ch := plan.Children[0]
	p := ch.Person
	if p.Identifiers.LAChildID != "A1" || p.Identifiers.UPN != "A123456789012" || p.DateOfBirth != d(2015, time.May, 4) || p.Sex != "2" ||
		p.Ethnicity != "WBRI" || len(p.Disabilities) != 1 || p.FamilyName != "A1" || p.GivenName == "" {
		t.Errorf("person %+v", p)
	}
	ref := one(t, ch, journey.KindReferral)
	if ref.End != d(2023, time.March, 1) || ref.Referral.ClosureReason != "RC7" || ref.Referral.Source != "1A" || ref.Referral.PrimaryNeed != "N1" {
		t.Errorf("referral %+v %+v", ref, ref.Referral)
	}
	a := one(t, ch, journey.KindAssessment)
	if a.Episode != ref.ID || a.End != d(2022, time.July, 1) || a.Assessment.Factors[0] != "2B" {
		t.Errorf("assessment %+v", a)
	}
	if cp := one(t, ch, journey.KindCINPlan); cp.Episode != ref.ID || cp.End != d(2022, time.August, 1) {
		t.Errorf("CIN plan %+v", cp)
	}
	st := one(t, ch, journey.KindStrategy)
	// The latest day giving the target: the Friday before, whose
	// weekend gives the same target, is passed over for the Sunday.
	if st.Start != d(2022, time.June, 5) || st.Strategy.Outcome != "s47" || calendar.AddWorkingDays(st.Start, icpcTargetWorkingDays) != target {
		t.Errorf("strategy %+v", st)
	}
	s := one(t, ch, journey.KindS47)
	if s.Follows != st.ID || s.End != d(2022, time.June, 20) || s.S47.Outcome != "icpc" {
		t.Errorf("S47 %+v %+v", s, s.S47)
	}
	icpc := one(t, ch, journey.KindICPC)
	if icpc.Follows != s.ID || !icpc.ICPC.Plan || icpc.Start != d(2022, time.June, 20) {
		t.Errorf("ICPC %+v %+v", icpc, icpc.ICPC)
	}
	plan1 := one(t, ch, journey.KindCPPlan)
	if plan1.Follows != icpc.ID || plan1.Plan.InitialCategory != "NEG" || plan1.Plan.LatestCategory != "EMO" {
		t.Errorf("CP plan %+v", plan1)
	}
	revs := byKind(ch, journey.KindCPReview)
	if len(revs) != 2 || revs[0].Follows != plan1.ID || !revs[0].Review.Continue || revs[1].Review.Continue {
		t.Errorf("reviews %+v", revs)
	}
	if o := ch.Origins[plan1.ID]; o.File != "c.xml" || o.Where != "/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]" {
		t.Errorf("origin %+v", o)
	}
}

// TestCensusYearsMerge: an episode open at one 31 March and closed in the
// next year is one referral; its enquiry, awaiting its conference in the
// first census, ends without one in the second.
func TestCensusYearsMerge(t *testing.T) {
	child := func(e cin.Episode) []cin.CensusChild {
		return []cin.CensusChild{{LAChildID: "B2", BirthDate: d(2012, time.January, 1), Sex: "1", Episodes: []cin.Episode{e}}}
	}
	first := cin.Episode{ReferralDate: d(2022, time.March, 1), ReferralSource: "5A", PrimaryNeed: "N2",
		Section47s: []cin.Section47{{Start: d(2022, time.March, 2)}}}
	second := first
	second.ClosureDate, second.ReasonForClosure = d(2022, time.May, 1), "RC8"
	second.Section47s = []cin.Section47{{Start: d(2022, time.March, 2), ICPCNotRequired: true}}
	// Given in either order, the later year's says how it ended.
	plan, problems := Build([]Census{{File: "2023.xml", Census: cin.Census{Year: 2023, Children: child(second)}}, {File: "2022.xml", Census: cin.Census{Year: 2022, Children: child(first)}}}, nil)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ch := plan.Children[0]
	ref := one(t, ch, journey.KindReferral)
	s := one(t, ch, journey.KindS47)
	if ref.End != d(2022, time.May, 1) || s.End != d(2022, time.May, 1) || s.S47.Outcome != "nfa" {
		t.Errorf("referral %+v, S47 %+v %+v", ref, s, s.S47)
	}
	// No target: the strategy discussion is the enquiry's own day.
	if st := one(t, ch, journey.KindStrategy); st.Start != d(2022, time.March, 2) {
		t.Errorf("strategy %+v", st)
	}
	if o := ch.Origins[ref.ID]; o.File != "2023.xml" {
		t.Errorf("the referral's origin is %+v, want the later census", o)
	}
}

// TestCensusProblems: what the journey cannot hold is a problem naming
// its element: a second census of a year, a plan with no conference, a
// conference with no enquiry. A referral with no further action closes
// after the year it is in.
func TestCensusProblems(t *testing.T) {
	c := cin.Census{Year: 2023, Children: []cin.CensusChild{{LAChildID: "C3", BirthDate: d(2010, time.July, 1), Episodes: []cin.Episode{
		{ReferralDate: d(2022, time.April, 4), ReferralSource: "1A", PrimaryNeed: "N1", DateOfInitialCPC: d(2022, time.April, 20),
			CPPlans: []cin.CPPlan{{Start: d(2022, time.April, 21), InitialCategory: "PHY"}}},
		{ReferralDate: d(2023, time.March, 31), ReferralSource: "1A", PrimaryNeed: "N1", NFA: true},
	}}}}
	plan, problems := Build([]Census{{File: "a.xml", Census: c}, {File: "b.xml", Census: c}}, nil)
	want := []string{"b.xml /Message/Header/CollectionDetails/Year", "a.xml /Message/Children/Child[1]/CINdetails[1]/DateOfInitialCPC",
		"a.xml /Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]/CPPstartDate"}
	if len(problems) != len(want) {
		t.Fatalf("problems %v", problems)
	}
	for i, w := range want {
		if got := problems[i].File + " " + problems[i].Where; got != w {
			t.Errorf("problem %d at %s, want %s: %s", i, got, w, problems[i])
		}
	}
	refs := byKind(plan.Children[0], journey.KindReferral)
	if len(refs) != 2 || refs[1].End != d(2023, time.April, 1) || refs[1].Referral.ClosureReason != "RC8" {
		t.Errorf("the NFA referral: %+v", refs)
	}
}

// TestSSDA903Rows: each table's rows become the care records, keyed so
// that a child missing twice in a day is missing twice.
func TestSSDA903Rows(t *testing.T) {
	dob := d(2006, time.May, 10) // 17 on 10 May 2023, after the year
	r := ssda903.Return{Year: 2023,
		Header: []ssda903.HeaderRow{{Child: "K1", Sex: "F", DOB: dob, Ethnic: "WBRI", UPN: "UN2"}},
		Episodes: []ssda903.EpisodeRow{
			{Child: "K1", DECOM: d(2021, time.May, 1), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1", DEC: d(2022, time.June, 1), REC: "X1", ReasonPlaceChange: "CARPL", PLPost: "WV1 1AA", URN: "SC1"},
			{Child: "K1", DECOM: d(2022, time.June, 1), RNE: "P", LS: "C2", CIN: "N1", Place: "U4", PlaceProvider: "PR1"},
		},
		Reviews: []ssda903.ReviewRow{{Child: "K1", Review: d(2022, time.October, 3), ReviewCode: "PN1"}},
		UASC:    []ssda903.UASCRow{{Child: "K1", DUC: d(2024, time.May, 10)}},
		OC2:     []ssda903.OC2Row{{Child: "K1", DOB: dob, SDQScore: "12", Immunisations: "1", TeethCheck: "1", HealthAssessment: "0"}},
		Missing: []ssda903.MissingRow{
			{Child: "K1", Missing: "M", MisStart: d(2022, time.July, 4), MisEnd: d(2022, time.July, 4)},
			{Child: "K1", Missing: "A", MisStart: d(2022, time.July, 4), MisEnd: d(2022, time.July, 5)},
		},
	}
	plan, problems := Build(nil, []Return903{{Name: "903-2023", Return: r}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ch := plan.Children[0]
	if p := ch.Person; p.Sex != "2" || p.Identifiers.UPN != "" || p.DateOfBirth != dob {
		t.Errorf("person %+v", p)
	}
	eps := byKind(ch, journey.KindCareEpisode)
	if len(eps) != 2 || eps[0].CareEpisode.ReasonPlaceChange != "" || eps[1].CareEpisode.ReasonPlaceChange != "CARPL" ||
		eps[0].End != d(2022, time.June, 1) || eps[0].CareEpisode.URN != "SC1" || eps[1].CareEpisode.ReasonNew != "P" {
		t.Errorf("episodes %+v %+v", eps[0].CareEpisode, eps[1].CareEpisode)
	}
	if v := one(t, ch, journey.KindCareReview); v.CareReview.Participation != "PN1" {
		t.Errorf("review %+v", v)
	}
	// UASC from the first year a return said so, as the child was in care
	// then.
	if u := one(t, ch, journey.KindUASC); u.Start != d(2022, time.April, 1) || u.End != d(2024, time.May, 10) {
		t.Errorf("UASC %+v", u)
	}
	if len(byKind(ch, journey.KindHealthAssessment)) != 0 {
		t.Error("a health assessment the return says was not had")
	}
	if dc := one(t, ch, journey.KindDentalCheck); dc.Start != d(2023, time.March, 31) {
		t.Errorf("dental check %+v", dc)
	}
	if im := one(t, ch, journey.KindImmunisations); !im.Immunisations.UpToDate {
		t.Errorf("immunisations %+v", im)
	}
	if s := one(t, ch, journey.KindSDQ); *s.SDQ.Score != 12 || s.Start != d(2023, time.March, 31) {
		t.Errorf("SDQ %+v", s)
	}
	ms := byKind(ch, journey.KindMissing)
	if len(ms) != 2 || ms[0].Missing.Away || !ms[1].Missing.Away || ms[1].End != d(2022, time.July, 5) ||
		civil.OfLondon(ms[1].Missing.StartedAt) != d(2022, time.July, 4) || civil.OfLondon(ms[1].Missing.ReturnedAt) != d(2022, time.July, 5) {
		t.Errorf("missing %+v", ms)
	}
	if o := ch.Origins[ms[1].ID]; o.File != "903-2023/Missing.csv" || o.Where != "row 3" {
		t.Errorf("origin %+v", o)
	}
}

// TestSSDA903Adoption: AD1 and PlacedAdoption are the plan for adoption:
// decided, matched, placed (the start of the placements for adoption that
// ended in adoption), the order (the day care ended) and who adopted.
func TestSSDA903Adoption(t *testing.T) {
	r := ssda903.Return{Year: 2023,
		Header: []ssda903.HeaderRow{{Child: "D4", Sex: "1", DOB: d(2019, time.January, 2)}},
		Episodes: []ssda903.EpisodeRow{
			{Child: "D4", DECOM: d(2020, time.February, 1), RNE: "S", LS: "C2", Place: "U1", DEC: d(2021, time.December, 1), REC: "X1"},
			{Child: "D4", DECOM: d(2021, time.December, 1), RNE: "B", LS: "E1", Place: "A5", DEC: d(2022, time.February, 1), REC: "X1"},
			{Child: "D4", DECOM: d(2022, time.February, 1), RNE: "L", LS: "E1", Place: "A5", DEC: d(2022, time.September, 9), REC: "E11"},
		},
		AD1:            []ssda903.AD1Row{{Child: "D4", DateInt: d(2021, time.June, 1), DateMatch: d(2021, time.November, 1), FosterCare: "1", NBAdoptr: "2", SexAdoptr: "MF", LSAdoptr: "L0"}},
		PlacedAdoption: []ssda903.PlacedAdoptionRow{{Child: "D4", DatePlaced: d(2021, time.June, 1)}},
	}
	plan, problems := Build(nil, []Return903{{Name: "x", Return: r}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	a := one(t, plan.Children[0], journey.KindAdoption)
	ad := a.Adoption
	if a.Start != d(2021, time.June, 1) || a.End != d(2022, time.September, 9) || ad.Order != a.End || ad.Placed != d(2021, time.December, 1) ||
		ad.Matched != d(2021, time.November, 1) || !ad.FosterCarers || ad.Adopters != 2 || ad.AdoptersSex != "MF" || ad.AdoptersStatus != "L0" {
		t.Errorf("adoption %+v %+v", a, ad)
	}
}

// TestSSDA903Problems: a second return of a year, and an OC3 row whose
// young person has no birthday in the year, are problems.
func TestSSDA903Problems(t *testing.T) {
	r := ssda903.Return{Year: 2023, Header: []ssda903.HeaderRow{{Child: "E5", DOB: d(2010, time.January, 1)}},
		OC3: []ssda903.OC3Row{{Child: "E5", DOB: d(2010, time.January, 1), InTouch: "YES", Activ: "F1", Accom: "B1"}}}
	_, problems := Build(nil, []Return903{{Name: "one", Return: r}, {Name: "two", Return: r}})
	if len(problems) != 2 || !strings.Contains(problems[0].String(), "two") || problems[1].Field != "DOB" {
		t.Errorf("problems %v", problems)
	}
}
