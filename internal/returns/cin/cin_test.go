package cin

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// d parses a yyyy-mm-dd date for the tables.
func d(s string) civil.Date {
	v, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// The collection year of the tests: 1 April 2023 to 31 March 2024.
const y2024 = Year(2024)

func referral(id journey.ID, start, end string, nfa bool, reason string) journey.Record {
	r := journey.Record{ID: id, Kind: journey.KindReferral, Start: d(start),
		Referral: &journey.Referral{Source: "2A", PrimaryNeed: "N1", NFA: nfa, ClosureReason: reason}}
	if end != "" {
		r.End = d(end)
	}
	return r
}

func rec(id journey.ID, k journey.Kind, episode, follows journey.ID, start, end string) journey.Record {
	r := journey.Record{ID: id, Kind: k, Episode: episode, Follows: follows, Start: d(start)}
	if end != "" {
		r.End = d(end)
	}
	switch k {
	case journey.KindAssessment:
		r.Assessment = &journey.Assessment{Factors: []string{"3A", "4B"}}
	case journey.KindStrategy:
		r.Strategy = &journey.Strategy{Outcome: "s47"}
	case journey.KindS47:
		r.S47 = &journey.S47{}
		if end != "" {
			r.S47.Outcome = "icpc"
		}
	case journey.KindICPC:
		r.ICPC = &journey.ICPC{Plan: true}
	case journey.KindCINPlan:
		r.Plan = &journey.Plan{}
	case journey.KindCPPlan:
		r.Plan = &journey.Plan{InitialCategory: "NEG", LatestCategory: "EMO"}
	case journey.KindCPReview:
		r.Review = &journey.Review{Continue: true}
	}
	return r
}

func child(id people.ID, recs ...journey.Record) Child {
	return Child{
		Person: people.Person{ID: id, DateOfBirth: d("2015-06-01"), Sex: "2", Ethnicity: "WBRI",
			Identifiers: people.Identifiers{LAChildID: "C" + string(rune('0'+id))}},
		Records: recs,
	}
}

func TestYear(t *testing.T) {
	if got := y2024.Start(); got != d("2023-04-01") {
		t.Errorf("Start = %v", got)
	}
	if got := y2024.ReferenceDate(); got != d("2024-03-31") {
		t.Errorf("ReferenceDate = %v", got)
	}
	for _, c := range []struct {
		date string
		in   bool
	}{{"2023-03-31", false}, {"2023-04-01", true}, {"2024-03-31", true}, {"2024-04-01", false}} {
		if got := y2024.In(d(c.date)); got != c.in {
			t.Errorf("In(%s) = %v, want %v", c.date, got, c.in)
		}
	}
	if y2024.In(civil.Date{}) {
		t.Error("the zero date is in no year")
	}
}

// TestEpisodes is the census's scope and mapping of episodes, one child at a
// time.
func TestEpisodes(t *testing.T) {
	cases := []struct {
		name string
		recs []journey.Record
		want []Episode // nil: the child is not in the return
	}{
		{
			name: "episode spanning 1 April: in, with no closure",
			recs: []journey.Record{referral(1, "2023-02-10", "", false, "")},
			want: []Episode{{ReferralDate: d("2023-02-10"), ReferralSource: "2A", PrimaryNeed: "N1"}},
		},
		{
			name: "closed on 31 March before the year: out (rule 8620)",
			recs: []journey.Record{referral(1, "2022-11-01", "2023-03-31", false, "RC7")},
		},
		{
			name: "closed on 1 April, the first day: in, closed",
			recs: []journey.Record{referral(1, "2022-11-01", "2023-04-01", false, "RC7")},
			want: []Episode{{ReferralDate: d("2022-11-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				ClosureDate: d("2023-04-01"), ReasonForClosure: "RC7"}},
		},
		{
			name: "closed in the year",
			recs: []journey.Record{referral(1, "2023-05-02", "2023-09-30", false, "RC1")},
			want: []Episode{{ReferralDate: d("2023-05-02"), ReferralSource: "2A", PrimaryNeed: "N1",
				ClosureDate: d("2023-09-30"), ReasonForClosure: "RC1"}},
		},
		{
			name: "closed after the reference date: open on it, no closure or reason",
			recs: []journey.Record{referral(1, "2024-01-10", "2024-04-03", false, "RC7")},
			want: []Episode{{ReferralDate: d("2024-01-10"), ReferralSource: "2A", PrimaryNeed: "N1"}},
		},
		{
			name: "referred after the reference date: out (rule 8600)",
			recs: []journey.Record{referral(1, "2024-04-01", "", false, "")},
		},
		{
			name: "NFA referral in the year",
			recs: []journey.Record{referral(1, "2023-07-01", "2023-07-01", true, "RC7")},
			want: []Episode{{ReferralDate: d("2023-07-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				ClosureDate: d("2023-07-01"), ReasonForClosure: "RC7", NFA: true}},
		},
		{
			name: "NFA referral of last year, closed in this one: out (rule 8569Q)",
			recs: []journey.Record{referral(1, "2023-03-30", "2023-04-03", true, "RC7")},
		},
		{
			name: "two referrals in the year, sorted by date whatever the input order",
			recs: []journey.Record{
				referral(2, "2023-12-01", "", false, ""),
				referral(1, "2023-05-01", "2023-08-01", false, "RC7"),
			},
			want: []Episode{
				{ReferralDate: d("2023-05-01"), ReferralSource: "2A", PrimaryNeed: "N1", ClosureDate: d("2023-08-01"), ReasonForClosure: "RC7"},
				{ReferralDate: d("2023-12-01"), ReferralSource: "2A", PrimaryNeed: "N1"},
			},
		},
		{
			name: "missing optional values left empty",
			recs: []journey.Record{{ID: 1, Kind: journey.KindReferral, Start: d("2023-06-01"),
				Referral: &journey.Referral{Source: "10"}}},
			want: []Episode{{ReferralDate: d("2023-06-01"), ReferralSource: "10"}},
		},
		{
			name: "a referral without its detail is not reported",
			recs: []journey.Record{{ID: 1, Kind: journey.KindReferral, Start: d("2023-06-01")}},
		},
		{
			name: "assessments: authorised last year out (8696), open from last year in (8736), authorised after 31 March open",
			recs: []journey.Record{
				referral(1, "2022-10-01", "", false, ""),
				rec(2, journey.KindAssessment, 1, 0, "2022-10-03", "2023-03-20"),
				rec(3, journey.KindAssessment, 1, 0, "2023-03-25", ""),
				rec(4, journey.KindAssessment, 1, 0, "2024-03-01", "2024-04-10"),
				rec(5, journey.KindAssessment, 1, 0, "2024-04-02", ""),
			},
			want: []Episode{{ReferralDate: d("2022-10-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				Assessments: []Assessment{{Start: d("2023-03-25")}, {Start: d("2024-03-01")}}}},
		},
		{
			name: "assessment authorised in the year carries its factors",
			recs: []journey.Record{
				referral(1, "2023-04-03", "", false, ""),
				rec(2, journey.KindAssessment, 1, 0, "2023-04-04", "2023-05-15"),
			},
			want: []Episode{{ReferralDate: d("2023-04-03"), ReferralSource: "2A", PrimaryNeed: "N1",
				Assessments: []Assessment{{Start: d("2023-04-04"), Authorised: d("2023-05-15"), Factors: []string{"3A", "4B"}}}}},
		},
		{
			name: "CIN plans: ended last year out, spanning 1 April in, ending after 31 March open",
			recs: []journey.Record{
				referral(1, "2022-06-01", "", false, ""),
				rec(2, journey.KindCINPlan, 1, 0, "2022-07-01", "2022-12-01"),
				rec(3, journey.KindCINPlan, 1, 0, "2023-01-05", "2023-06-30"),
				rec(4, journey.KindCINPlan, 1, 0, "2023-10-01", "2024-05-01"),
			},
			want: []Episode{{ReferralDate: d("2022-06-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				CINPlans: []CINPlan{{Start: d("2023-01-05"), End: d("2023-06-30")}, {Start: d("2023-10-01")}}}},
		},
		{
			name: "S47 to conference: target is 15 working days after the strategy discussion",
			recs: []journey.Record{
				referral(1, "2023-11-20", "", false, ""),
				rec(2, journey.KindStrategy, 1, 0, "2023-12-15", ""),
				rec(3, journey.KindS47, 1, 2, "2023-12-15", "2024-01-05"),
				rec(4, journey.KindICPC, 1, 3, "2024-01-09", ""),
			},
			// From Friday 15 December 2023: Christmas Day, Boxing Day and
			// New Year's Day are not working days, so the 15th is 10 January.
			want: []Episode{{ReferralDate: d("2023-11-20"), ReferralSource: "2A", PrimaryNeed: "N1",
				Section47s: []Section47{{Start: d("2023-12-15"), InitialCPCTarget: d("2024-01-10"), DateOfInitialCPC: d("2024-01-09")}}}},
		},
		{
			name: "S47 ended without a conference: not required; with no strategy discussion, no target",
			recs: []journey.Record{
				referral(1, "2023-06-01", "", false, ""),
				{ID: 2, Kind: journey.KindS47, Episode: 1, Start: d("2023-06-02"), End: d("2023-06-20"), S47: &journey.S47{Outcome: "cin"}},
			},
			want: []Episode{{ReferralDate: d("2023-06-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				Section47s: []Section47{{Start: d("2023-06-02"), ICPCNotRequired: true}}}},
		},
		{
			name: "S47 open on the reference date, conference after it: no conference date, required",
			recs: []journey.Record{
				referral(1, "2024-03-01", "", false, ""),
				rec(2, journey.KindStrategy, 1, 0, "2024-03-20", ""),
				rec(3, journey.KindS47, 1, 2, "2024-03-20", "2024-04-05"),
				rec(4, journey.KindICPC, 1, 3, "2024-04-08", ""),
			},
			want: []Episode{{ReferralDate: d("2024-03-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				Section47s: []Section47{{Start: d("2024-03-20"), InitialCPCTarget: d("2024-04-12")}}}},
		},
		{
			name: "S47 whose conference was last year: out (rule 8715)",
			recs: []journey.Record{
				referral(1, "2023-02-01", "", false, ""),
				rec(2, journey.KindS47, 1, 0, "2023-02-02", "2023-03-01"),
				rec(3, journey.KindICPC, 1, 2, "2023-03-01", ""),
			},
			want: []Episode{{ReferralDate: d("2023-02-01"), ReferralSource: "2A", PrimaryNeed: "N1"}},
		},
		{
			name: "a conference that followed no enquiry is the episode's (rule 2884)",
			recs: []journey.Record{
				referral(1, "2023-09-01", "", false, ""),
				{ID: 2, Kind: journey.KindICPC, Episode: 1, Start: d("2023-09-05"), ICPC: &journey.ICPC{Plan: true, TransferIn: true}},
			},
			want: []Episode{{ReferralDate: d("2023-09-01"), ReferralSource: "2A", PrimaryNeed: "N1", DateOfInitialCPC: d("2023-09-05")}},
		},
		{
			name: "CP plan with reviews: last year's review left out, after 31 March left out",
			recs: []journey.Record{
				referral(1, "2022-12-01", "", false, ""),
				rec(2, journey.KindCPPlan, 1, 0, "2023-01-10", ""),
				rec(3, journey.KindCPReview, 1, 2, "2023-03-28", ""),
				rec(4, journey.KindCPReview, 1, 2, "2023-09-20", ""),
				rec(5, journey.KindCPReview, 1, 2, "2024-03-15", ""),
				rec(6, journey.KindCPReview, 1, 2, "2024-04-02", ""),
			},
			want: []Episode{{ReferralDate: d("2022-12-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				CPPlans: []CPPlan{{Start: d("2023-01-10"), InitialCategory: "NEG", LatestCategory: "EMO",
					Reviews: []civil.Date{d("2023-09-20"), d("2024-03-15")}}}}},
		},
		{
			name: "previous CP plans counted across episodes and years; ended last year not returned",
			recs: []journey.Record{
				referral(1, "2019-01-01", "2020-06-01", false, "RC7"),
				rec(2, journey.KindCPPlan, 1, 0, "2019-02-01", "2020-05-01"),
				referral(3, "2022-05-01", "", false, ""),
				rec(4, journey.KindCPPlan, 3, 0, "2022-06-01", "2023-02-01"),
				rec(5, journey.KindCPPlan, 3, 0, "2023-05-10", "2023-11-10"),
				rec(6, journey.KindCPReview, 3, 5, "2023-11-10", ""),
				rec(7, journey.KindCPReview, 3, 5, "2023-11-20", ""),
			},
			want: []Episode{{ReferralDate: d("2022-05-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				CPPlans: []CPPlan{{Start: d("2023-05-10"), End: d("2023-11-10"), InitialCategory: "NEG", LatestCategory: "EMO",
					PreviousPlans: 2, Reviews: []civil.Date{d("2023-11-10")}}}}},
		},
		{
			name: "CP plan with no latest category takes its initial one (rule 8910)",
			recs: []journey.Record{
				referral(1, "2023-05-01", "", false, ""),
				{ID: 2, Kind: journey.KindCPPlan, Episode: 1, Start: d("2023-06-01"), Plan: &journey.Plan{InitialCategory: "PHY"}},
			},
			want: []Episode{{ReferralDate: d("2023-05-01"), ReferralSource: "2A", PrimaryNeed: "N1",
				CPPlans: []CPPlan{{Start: d("2023-06-01"), InitialCategory: "PHY", LatestCategory: "PHY"}}}},
		},
		{
			name: "work is reported with its own episode only",
			recs: []journey.Record{
				referral(1, "2023-04-10", "2023-05-10", false, "RC7"),
				referral(2, "2023-08-01", "", false, ""),
				rec(3, journey.KindCINPlan, 2, 0, "2023-08-15", ""),
			},
			want: []Episode{
				{ReferralDate: d("2023-04-10"), ReferralSource: "2A", PrimaryNeed: "N1", ClosureDate: d("2023-05-10"), ReasonForClosure: "RC7"},
				{ReferralDate: d("2023-08-01"), ReferralSource: "2A", PrimaryNeed: "N1", CINPlans: []CINPlan{{Start: d("2023-08-15")}}},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Build(Header{}, []Child{child(1, c.recs...)}, y2024)
			if c.want == nil {
				if len(got.Children) != 0 {
					t.Fatalf("child returned with %+v", got.Children[0].Episodes)
				}
				return
			}
			if len(got.Children) != 1 {
				t.Fatalf("%d children, want 1", len(got.Children))
			}
			if !reflect.DeepEqual(got.Children[0].Episodes, c.want) {
				t.Errorf("episodes\n got %+v\nwant %+v", got.Children[0].Episodes, c.want)
			}
		})
	}
}

func TestChildIdentifiers(t *testing.T) {
	ep := referral(1, "2023-06-01", "", false, "")
	cases := []struct {
		name   string
		person people.Person
		check  func(t *testing.T, c CensusChild)
	}{
		{
			name:   "no LAchildID: Hearth's person id (rule 8500)",
			person: people.Person{ID: 4711, DateOfBirth: d("2012-01-01")},
			check: func(t *testing.T, c CensusChild) {
				if c.LAChildID != "4711" {
					t.Errorf("LAChildID = %q", c.LAChildID)
				}
			},
		},
		{
			name: "unborn on the reference date: expected date only",
			person: people.Person{ID: 1, Identifiers: people.Identifiers{LAChildID: "U1"},
				DateOfBirth: d("2024-04-20"), ExpectedDateOfBirth: d("2024-04-25")},
			check: func(t *testing.T, c CensusChild) {
				if !c.BirthDate.IsZero() || c.ExpectedDate != d("2024-04-25") {
					t.Errorf("birth %v, expected %v", c.BirthDate, c.ExpectedDate)
				}
			},
		},
		{
			name: "death after the reference date not reported",
			person: people.Person{ID: 1, DateOfBirth: d("2010-01-01"), DateOfDeath: d("2024-04-02"),
				Identifiers: people.Identifiers{LAChildID: "D1", UPN: "A123456789012"}, Disabilities: []string{"MOB", "VIS"}},
			check: func(t *testing.T, c CensusChild) {
				if !c.DeathDate.IsZero() || c.UPN != "A123456789012" || !reflect.DeepEqual(c.Disabilities, []string{"MOB", "VIS"}) {
					t.Errorf("%+v", c)
				}
			},
		},
		{
			name:   "death in the year reported",
			person: people.Person{ID: 1, DateOfBirth: d("2010-01-01"), DateOfDeath: d("2024-03-31")},
			check: func(t *testing.T, c CensusChild) {
				if c.DeathDate != d("2024-03-31") {
					t.Errorf("death %v", c.DeathDate)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Build(Header{}, []Child{{Person: c.person, Records: []journey.Record{ep}}}, y2024)
			if len(got.Children) != 1 {
				t.Fatalf("%d children", len(got.Children))
			}
			c.check(t, got.Children[0])
		})
	}
}

func TestChildrenSortedAndOutOfScopeLeftOut(t *testing.T) {
	in := []Child{
		child(3, referral(1, "2023-06-01", "", false, "")),
		child(1, referral(1, "2020-06-01", "2021-01-01", false, "RC7")), // closed years ago
		child(2, referral(1, "2023-05-01", "", false, "")),
		{Person: people.Person{ID: 9}}, // no records at all
	}
	got := Build(Header{LEA: "999"}, in, y2024)
	var ids []string
	for _, c := range got.Children {
		ids = append(ids, c.LAChildID)
	}
	if !reflect.DeepEqual(ids, []string{"C2", "C3"}) {
		t.Errorf("children %v, want [C2 C3]", ids)
	}
	if got.Year != y2024 || got.Header.LEA != "999" {
		t.Errorf("header and year not kept: %+v %v", got.Header, got.Year)
	}
}

func TestBuildIgnoresInputOrder(t *testing.T) {
	recs := []journey.Record{
		referral(1, "2023-05-01", "", false, ""),
		rec(2, journey.KindAssessment, 1, 0, "2023-05-02", "2023-06-01"),
		rec(3, journey.KindAssessment, 1, 0, "2023-07-01", ""),
		rec(4, journey.KindCINPlan, 1, 0, "2023-06-05", "2023-07-01"),
	}
	rev := []journey.Record{recs[3], recs[2], recs[1], recs[0]}
	a := Build(Header{}, []Child{child(1, recs...), child(2, recs...)}, y2024)
	b := Build(Header{}, []Child{child(2, rev...), child(1, rev...)}, y2024)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("order of input changed the census:\n%+v\n%+v", a, b)
	}
	if n := len(a.Children[0].Episodes[0].Assessments); n != 2 {
		t.Fatalf("%d assessments", n)
	}
	if a.Children[0].Episodes[0].Assessments[0].Start != d("2023-05-02") {
		t.Errorf("assessments not in date order: %+v", a.Children[0].Episodes[0].Assessments)
	}
}

// The header's time is written in the council's zone: 10:30 UTC in summer is
// 11:30 in London.
func TestHeaderDateTime(t *testing.T) {
	c := Census{Year: y2024, Header: Header{LEA: "999", DateTime: time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC)},
		Children: []CensusChild{}}
	var b strings.Builder
	if err := c.WriteXML(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<DateTime>2024-05-01T11:30:00</DateTime>") {
		t.Errorf("no London time in\n%s", b.String())
	}
}
