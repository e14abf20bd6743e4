package sen2

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func d(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	v, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

const y2025 Year = 2025

func request(id education.ID, q education.EHCRequest) education.Record {
	return education.Record{ID: id, Kind: education.KindEHCRequest, EHCRequest: &q}
}

func plan(id education.ID, p education.EHCPlan) education.Record {
	return education.Record{ID: id, Kind: education.KindEHCPlan, EHCPlan: &p}
}

func roll(id education.ID, urn, from, to string) education.Record {
	return education.Record{ID: id, Kind: education.KindRoll, Start: d(from), End: d(to), Roll: &education.Roll{School: urn}}
}

func home(postcode string) []people.Address {
	return []people.Address{
		{Line1: "1 Old Road", Town: "Demo City", Postcode: "DC9 9ZZ", StartDate: d("2010-01-01"), EndDate: d("2024-12-31")},
		{Line1: "2 New Road", Town: "Demo City", Postcode: postcode, StartDate: d("2025-01-01")},
	}
}

// sampleChildren is a small hand-made set for the return of January 2025
// (activity in 2024, a leap year):
//
//   - Amara: a request received on 29 February 2024, assessed, and a plan
//     issued within 20 weeks, at the school whose roll she is on;
//   - Ben: two requests, the first refused, the second agreed with the
//     assessment still under way;
//   - Chloe: a request received and agreed in 2023 (historical), her plan
//     issued late in 2024 with an exception, naming no school
//     (education otherwise than at school) and a phase transfer due;
//   - Dev: a plan from 2019 with no request on record (a missing received
//     date), reviewed, and ceased in 2024 with a reason;
//   - Ella: no date of birth (a missing date) and no UPN, her plan issued
//     three days late with no exception;
//   - Finn: a request refused in 2022, outside the return.
func sampleChildren() []Child {
	amara := Child{
		Person: people.Person{ID: 1, GivenName: "Amara", FamilyName: "Okafor", DateOfBirth: d("2016-05-14"), Sex: "2",
			Ethnicity: "BAFR", Identifiers: people.Identifiers{UPN: "F938201100001"}, Addresses: home("DC1 1AA")},
		Records: []education.Record{
			roll(1, "100001", "2020-09-01", ""),
			request(2, education.EHCRequest{Received: d("2024-02-29"), RequestOutcome: "Y", RequestDecided: d("2024-04-08"),
				AssessmentOutcome: "Y", AssessmentDecided: d("2024-06-10"), DraftIssued: d("2024-06-20"), FinalIssued: d("2024-07-11")}),
			plan(3, education.EHCPlan{Issued: d("2024-07-11"), SettingURN: "100001",
				Needs: []education.Need{{Type: "SLCN", Rank: 2}, {Type: "ASD", Rank: 1}}}),
		},
	}
	ben := Child{
		Person: people.Person{ID: 2, GivenName: "Ben", FamilyName: "Carter", DateOfBirth: d("2012-01-20"), Sex: "1",
			Ethnicity: "WBRI", Identifiers: people.Identifiers{UPN: "V938201100002"}, Addresses: home("DC2 2BB")},
		Records: []education.Record{
			request(5, education.EHCRequest{Received: d("2024-09-02"), RequestOutcome: "Y", RequestDecided: d("2024-10-14")}),
			request(4, education.EHCRequest{Received: d("2024-03-04"), RequestOutcome: "N", RequestDecided: d("2024-04-12")}),
		},
	}
	chloe := Child{
		Person: people.Person{ID: 3, GivenName: "Chloe", FamilyName: "Davies", DateOfBirth: d("2014-10-03"), Sex: "2",
			Ethnicity: "MWBC", Identifiers: people.Identifiers{UPN: "J938201100003"}, Addresses: home("DC3 3CC")},
		Records: []education.Record{
			request(6, education.EHCRequest{Received: d("2023-11-06"), RequestOutcome: "Y", RequestDecided: d("2023-12-15"),
				AssessmentOutcome: "Y", AssessmentDecided: d("2024-04-01"), DraftIssued: d("2024-04-29"), FinalIssued: d("2024-05-20"),
				Exceptions: []string{"C"}}),
			plan(7, education.EHCPlan{Issued: d("2024-05-20"), SettingType: "OLA", Needs: []education.Need{{Type: "SEMH", Rank: 1}},
				Transfer: &education.PhaseTransfer{Kind: education.TransferSchool, Move: d("2025-09-01")}}),
		},
	}
	dev := Child{
		Person: people.Person{ID: 4, GivenName: "Dev", FamilyName: "Patel", DateOfBirth: d("2006-08-22"), Sex: "1",
			Ethnicity: "AIND", Identifiers: people.Identifiers{UPN: "Y938201100004"}, Addresses: home("DC4 4DD")},
		Records: []education.Record{
			roll(8, "100003", "2017-09-01", "2024-07-19"),
			plan(9, education.EHCPlan{Issued: d("2019-03-01"), SettingURN: "100003", Needs: []education.Need{{Type: "MLD", Rank: 1}},
				Reviews: []education.PlanReview{
					{Meeting: d("2023-03-01"), Decided: d("2023-03-20"), Decision: "maintain"},
					{Meeting: d("2024-02-26"), Decided: d("2024-03-18"), Decision: "cease"},
				},
				Ceased: d("2024-06-30"), CeaseReason: "4"}),
		},
	}
	ella := Child{
		Person:     people.Person{ID: 5, GivenName: "Ella", FamilyName: "Brown", Sex: "9", Ethnicity: "WBRI", Addresses: home("DC5 5EE")},
		UPNUnknown: "UN8",
		Records: []education.Record{
			request(10, education.EHCRequest{Received: d("2024-03-11"), RequestOutcome: "Y", RequestDecided: d("2024-04-19"),
				AssessmentOutcome: "Y", AssessmentDecided: d("2024-07-01"), DraftIssued: d("2024-07-08"), FinalIssued: d("2024-08-01")}),
			plan(11, education.EHCPlan{Issued: d("2024-08-01"), SettingURN: "100002", Needs: []education.Need{{Type: "PD", Rank: 1}}}),
			roll(12, "100002", "2024-09-02", ""),
		},
	}
	finn := Child{
		Person: people.Person{ID: 6, GivenName: "Finn", FamilyName: "Evans", DateOfBirth: d("2015-02-02"), Sex: "1", Ethnicity: "WBRI"},
		Records: []education.Record{
			request(13, education.EHCRequest{Received: d("2022-01-10"), RequestOutcome: "N", RequestDecided: d("2022-02-01")}),
		},
	}
	return []Child{finn, ella, dev, chloe, ben, amara}
}

func sampleHeader() Header {
	return Header{LEA: "999", SoftwareCode: "Hearth", Release: "1.0", SerialNo: "001",
		DateTime: time.Date(2025, 1, 20, 9, 30, 0, 0, time.UTC), DMO: "1", DCO: "1", DSCO: "0"}
}

func sample() Return { return Build(sampleHeader(), y2025, sampleChildren()) }

func render(t testing.TB, r Return) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteXML(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const goldenPath = "testdata/sen2-2025.xml"

func golden(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGolden compares the sample's XML byte for byte with the reviewed file;
// `go test -update` rewrites it after a deliberate change.
func TestGolden(t *testing.T) {
	got := render(t, sample())
	if *update {
		if err := os.MkdirAll(filepath.Dir(goldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := golden(t); !bytes.Equal(got, want) {
		t.Errorf("XML differs from %s:\n%s", goldenPath, got)
	}
	// The input's order is not the output's, and two writes agree.
	ch := sampleChildren()
	for i, j := 0, len(ch)-1; i < j; i, j = i+1, j-1 {
		ch[i], ch[j] = ch[j], ch[i]
	}
	if again := render(t, Build(sampleHeader(), y2025, ch)); !bytes.Equal(got, again) {
		t.Error("the return depends on the order of the children")
	}
}

func TestReferenceDate(t *testing.T) {
	for _, c := range []struct {
		y    Year
		want string
	}{
		{2023, "2023-01-19"}, // 1 January a Sunday
		{2024, "2024-01-18"}, // a Monday
		{2025, "2025-01-16"}, // a Wednesday
		{2026, "2026-01-15"}, // a Thursday: the 1st is the first Thursday
		{2027, "2027-01-21"}, // a Friday
	} {
		if got := c.y.ReferenceDate(); got != d(c.want) {
			t.Errorf("%d: %s, want %s", c.y, got, c.want)
		}
		if got := c.y.ReferenceDate().Weekday(); got != time.Thursday {
			t.Errorf("%d: a %s", c.y, got)
		}
	}
	y := Year(2025)
	for _, c := range []struct {
		on string
		in bool
	}{{"2023-12-31", false}, {"2024-01-01", true}, {"2024-02-29", true}, {"2024-12-31", true}, {"2025-01-01", false}, {"", false}} {
		if got := y.InPeriod(d(c.on)); got != c.in {
			t.Errorf("InPeriod(%q) = %v", c.on, got)
		}
	}
}

// TestBuild checks the mapping from the records, person by person.
func TestBuild(t *testing.T) {
	r := sample()
	names := []string{}
	for _, p := range r.Persons {
		names = append(names, p.Forename)
	}
	if want := []string{"Ella", "Ben", "Chloe", "Amara", "Dev"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("persons %v, want %v (sorted by surname; Finn's refusal of 2022 is outside the return)", names, want)
	}
	ella, ben, chloe, amara, dev := r.Persons[0], r.Persons[1], r.Persons[2], r.Persons[3], r.Persons[4]

	// The postcode of the address on the census day, not the earlier one.
	if amara.Postcode != "DC1 1AA" || amara.Sex != "F" || ella.Sex != "U" || ben.Sex != "M" {
		t.Errorf("person details: %+v", amara)
	}
	a := amara.Requests[0]
	if a.Received != d("2024-02-29") || a.Outcome != "Y" || a.OutcomeDate != d("2024-04-08") {
		t.Errorf("Amara's request: %+v", a)
	}
	if as := a.Assessment; as.Outcome != "Y" || as.OutcomeDate != d("2024-07-11") || as.Week20 != No ||
		as.Plan == nil || as.Plan.Start != d("2024-07-11") || !reflect.DeepEqual(as.Plan.Settings, []Setting{{URN: "100001", Rank: 1}}) {
		t.Errorf("Amara's assessment: %+v %+v", as, as.Plan)
	}
	if ap := a.ActivePlan; ap == nil || !reflect.DeepEqual(ap.Needs, []Need{{"ASD", 1}, {"SLCN", 2}}) ||
		!reflect.DeepEqual(ap.Placements, []Setting{{URN: "100001", Rank: 1, Entry: d("2020-09-01")}}) {
		t.Errorf("Amara's active plan: %+v", a.ActivePlan)
	}
	if within, excepted, ok := IssuedWithin20Weeks(a); !ok || !within || excepted {
		t.Errorf("Amara's plan within 20 weeks: %v %v %v", within, excepted, ok)
	}

	// Two requests, in the order received: the refusal, then the open one.
	if len(ben.Requests) != 2 {
		t.Fatalf("Ben's requests: %+v", ben.Requests)
	}
	if q := ben.Requests[0]; q.Outcome != "N" || q.OutcomeDate != d("2024-04-12") || q.Assessment != nil {
		t.Errorf("Ben's refused request: %+v", q)
	}
	if q := ben.Requests[1]; q.Outcome != "Y" || q.Assessment == nil || q.Assessment.Outcome != "A" || !q.Assessment.OutcomeDate.IsZero() || q.Assessment.Week20 != "" {
		t.Errorf("Ben's open request: %+v %+v", q, q.Assessment)
	}

	// Decided to assess in 2023: H, with no date; the plan issued in 2024
	// with an exception.
	c := chloe.Requests[0]
	if c.Outcome != "H" || !c.OutcomeDate.IsZero() || c.Assessment.Outcome != "Y" || c.Assessment.Week20 != Yes {
		t.Errorf("Chloe's request: %+v %+v", c, c.Assessment)
	}
	if ap := c.ActivePlan; ap == nil || ap.PhaseTransferDue != d("2025-02-15") ||
		!reflect.DeepEqual(ap.Placements, []Setting{{SENSetting: "OLA", Rank: 1}}) {
		t.Errorf("Chloe's active plan: %+v", c.ActivePlan)
	}
	if within, excepted, ok := IssuedWithin20Weeks(c); !ok || within || !excepted {
		t.Errorf("Chloe's plan: within %v excepted %v ok %v", within, excepted, ok)
	}

	// A plan with no request: historical, no received date; ceased.
	v := dev.Requests[0]
	if !v.Received.IsZero() || v.Outcome != "H" || v.Assessment.Outcome != "H" || v.ActivePlan != nil {
		t.Errorf("Dev's request: %+v", v)
	}
	if np := v.Assessment.Plan; np.Start != d("2019-03-01") || np.CeaseDate != d("2024-06-30") || np.CeaseReason != "4" {
		t.Errorf("Dev's plan: %+v", np)
	}

	if ella.UPNUnknown != "UN8" || !ella.BirthDate.IsZero() {
		t.Errorf("Ella: %+v", ella)
	}
	if within, excepted, ok := IssuedWithin20Weeks(ella.Requests[0]); !ok || within || excepted {
		t.Errorf("Ella's plan: within %v excepted %v ok %v", within, excepted, ok)
	}
}

// TestBuildScope checks which requests and plans are in a year's return,
// and how a decision outside the period is reported.
func TestBuildScope(t *testing.T) {
	one := func(t *testing.T, recs ...education.Record) []Request {
		person := people.Person{ID: 1, GivenName: "Gita", FamilyName: "Shah", DateOfBirth: d("2012-06-01"), Sex: "2",
			Ethnicity: "AIND", Identifiers: people.Identifiers{UPN: "F938201100001"}}
		r := Build(Header{LEA: "999"}, y2025, []Child{{Person: person, Records: recs}})
		if len(r.Persons) == 0 {
			return nil
		}
		// What Build makes keeps the rules, but for the received date
		// of a plan with no request on record, which the records lack.
		for _, f := range Validate(r) {
			if f.Rule != "received" || !r.Persons[0].Requests[0].Received.IsZero() {
				t.Errorf("finding on the built return: %+v", f)
			}
		}
		return r.Persons[0].Requests
	}
	cases := []struct {
		name     string
		recs     []education.Record
		outcomes string // request outcomes, then assessment outcome after "/"
	}{
		{"received in the period, undecided", []education.Record{request(1, education.EHCRequest{Received: d("2024-12-20")})}, "A"},
		{"received after the period", []education.Record{request(1, education.EHCRequest{Received: d("2025-01-02")})}, ""},
		{"decided after the period: not yet made", []education.Record{request(1, education.EHCRequest{Received: d("2024-12-02"), RequestOutcome: "N", RequestDecided: d("2025-01-06")})}, "A"},
		{"refused before the period", []education.Record{request(1, education.EHCRequest{Received: d("2023-11-02"), RequestOutcome: "N", RequestDecided: d("2023-12-06")})}, ""},
		{"refused on the period's first day", []education.Record{request(1, education.EHCRequest{Received: d("2023-11-20"), RequestOutcome: "N", RequestDecided: d("2024-01-01")})}, "N"},
		{"withdrawn in the period", []education.Record{request(1, education.EHCRequest{Received: d("2024-02-01"), RequestOutcome: "W", RequestDecided: d("2024-02-10")})}, "W"},
		{"agreed before, assessing", []education.Record{request(1, education.EHCRequest{Received: d("2023-10-02"), RequestOutcome: "Y", RequestDecided: d("2023-11-06")})}, "H/A"},
		{"no plan decided in the period", []education.Record{request(1, education.EHCRequest{Received: d("2024-01-08"), RequestOutcome: "Y", RequestDecided: d("2024-02-12"), AssessmentOutcome: "N", AssessmentDecided: d("2024-04-22")})}, "Y/N"},
		{"plan decided, not issued by the period's end", []education.Record{request(1, education.EHCRequest{Received: d("2024-08-05"), RequestOutcome: "Y", RequestDecided: d("2024-09-02"), AssessmentOutcome: "Y", AssessmentDecided: d("2024-12-02")})}, "Y/Y"},
		{"plan issued after the period, before the census day", []education.Record{
			request(1, education.EHCRequest{Received: d("2024-08-05"), RequestOutcome: "Y", RequestDecided: d("2024-09-02"), AssessmentOutcome: "Y", AssessmentDecided: d("2025-01-06"), FinalIssued: d("2025-01-10")}),
			plan(2, education.EHCPlan{Issued: d("2025-01-10"), Needs: []education.Need{{Type: "MLD", Rank: 1}}}),
		}, "Y/A"},
		{"plan ceased after the period, before the census day", []education.Record{plan(1, education.EHCPlan{Issued: d("2018-01-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}, Ceased: d("2025-01-10"), CeaseReason: "5"})}, "H/H"},
		{"plan ceased before the period", []education.Record{plan(1, education.EHCPlan{Issued: d("2018-01-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}, Ceased: d("2023-07-01"), CeaseReason: "2"})}, ""},
		{"plan maintained, no request on record", []education.Record{plan(1, education.EHCPlan{Issued: d("2018-01-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}})}, "H/H"},
		{"old request linked to a maintained plan", []education.Record{
			request(1, education.EHCRequest{Received: d("2017-09-04"), RequestOutcome: "Y", RequestDecided: d("2017-10-02"), AssessmentOutcome: "Y", AssessmentDecided: d("2017-12-04"), FinalIssued: d("2018-01-01")}),
			plan(2, education.EHCPlan{Issued: d("2018-01-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}}),
		}, "H/H"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ""
			for i, q := range one(t, c.recs...) {
				if i > 0 {
					got += ","
				}
				got += q.Outcome
				if q.Assessment != nil {
					got += "/" + q.Assessment.Outcome
				}
			}
			if got != c.outcomes {
				t.Errorf("outcomes %q, want %q", got, c.outcomes)
			}
		})
	}
}

// TestLinkPlans: a plan is linked by its issue date first, then to the
// latest agreed request without a final date of its own.
func TestLinkPlans(t *testing.T) {
	x := indexRecords([]education.Record{
		request(1, education.EHCRequest{Received: d("2020-01-06"), RequestOutcome: "Y", RequestDecided: d("2020-02-03"), AssessmentOutcome: "Y", AssessmentDecided: d("2020-04-06"), FinalIssued: d("2020-05-18")}),
		request(2, education.EHCRequest{Received: d("2023-03-06"), RequestOutcome: "Y", RequestDecided: d("2023-04-03"), AssessmentOutcome: "Y", AssessmentDecided: d("2023-06-05")}),
		request(3, education.EHCRequest{Received: d("2023-09-04"), RequestOutcome: "N", RequestDecided: d("2023-10-02")}),
		plan(4, education.EHCPlan{Issued: d("2020-05-18"), Ceased: d("2022-01-01"), CeaseReason: "7"}),
		plan(5, education.EHCPlan{Issued: d("2023-07-10")}),
		plan(6, education.EHCPlan{Issued: d("2015-01-01"), Ceased: d("2016-01-01"), CeaseReason: "2"}),
	})
	// Plans sorted by issue: 2015 (none), 2020 (request 0), 2023 (request 1).
	if got := linkPlans(x); !reflect.DeepEqual(got, []int{-1, 0, 1}) {
		t.Errorf("links %v", got)
	}
}

// TestValidateSample lists what the rules find in the sample: the gaps the
// records leave (Ella's birth date, Dev's received date) and Ella's late
// plan.
func TestValidateSample(t *testing.T) {
	var got []string
	for _, f := range Validate(sample()) {
		got = append(got, f.Rule+" "+f.Path)
	}
	want := []string{
		"person-details /message/persons/person[1]/personbirthdate",
		"received /message/persons/person[5]/requests[1]/receiveddate",
		"twenty-weeks /message/persons/person[1]/requests[1]/assessment/week20",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%q\nwant\n%q", got, want)
	}
}

// TestBuildAroundCensusDay: between the period's end and the census day, a
// plan issued belongs to the next return, while a plan ceased is reported
// ceased and not active.
func TestBuildAroundCensusDay(t *testing.T) {
	person := people.Person{ID: 1, FamilyName: "Shah", GivenName: "Gita", Identifiers: people.Identifiers{UPN: "F938201100001"}}
	issued := Build(Header{}, y2025, []Child{{Person: person, Records: []education.Record{
		request(1, education.EHCRequest{Received: d("2024-08-05"), RequestOutcome: "Y", RequestDecided: d("2024-09-02"),
			AssessmentOutcome: "Y", AssessmentDecided: d("2025-01-06"), FinalIssued: d("2025-01-10")}),
		plan(2, education.EHCPlan{Issued: d("2025-01-10"), Needs: []education.Need{{Type: "MLD", Rank: 1}}}),
	}}})
	if q := issued.Persons[0].Requests; len(q) != 1 || q[0].Assessment.Plan != nil || q[0].ActivePlan != nil {
		t.Errorf("plan issued on 10 January 2025 reported in the return of 2025: %+v", q)
	}
	ceased := Build(Header{}, y2025, []Child{{Person: person, Records: []education.Record{
		plan(1, education.EHCPlan{Issued: d("2018-01-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}, Ceased: d("2025-01-10"), CeaseReason: "5"}),
	}}})
	q := ceased.Persons[0].Requests[0]
	if np := q.Assessment.Plan; np == nil || np.CeaseDate != d("2025-01-10") || np.CeaseReason != "5" || q.ActivePlan != nil {
		t.Errorf("plan ceased on 10 January 2025: %+v %+v", q.Assessment.Plan, q.ActivePlan)
	}
	// Ceased on the census day itself: not maintained on it.
	onDay := Build(Header{}, y2025, []Child{{Person: person, Records: []education.Record{
		plan(1, education.EHCPlan{Issued: d("2018-01-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}, Ceased: d("2025-01-16"), CeaseReason: "5"}),
	}}})
	if q := onDay.Persons[0].Requests[0]; q.ActivePlan != nil || q.Assessment.Plan.CeaseDate != d("2025-01-16") {
		t.Errorf("plan ceased on the census day: %+v", q)
	}
}

// TestBuildKeepsPlanOfBadRequest: a plan whose request has no decision to
// assess on record (which education.ValidateRequest refuses, but old data
// may hold) is still reported, and Validate says what is wrong.
func TestBuildKeepsPlanOfBadRequest(t *testing.T) {
	person := people.Person{ID: 1, FamilyName: "Shah", GivenName: "Gita", DateOfBirth: d("2012-06-01"), Sex: "2",
		Ethnicity: "AIND", Identifiers: people.Identifiers{UPN: "F938201100001"}}
	r := Build(Header{LEA: "999"}, y2025, []Child{{Person: person, Records: []education.Record{
		request(1, education.EHCRequest{Received: d("2024-03-04"), AssessmentOutcome: "Y", AssessmentDecided: d("2024-06-03"), FinalIssued: d("2024-07-01")}),
		plan(2, education.EHCPlan{Issued: d("2024-07-01"), Needs: []education.Need{{Type: "MLD", Rank: 1}}}),
	}}})
	q := r.Persons[0].Requests[0]
	if q.Outcome != "A" || q.Assessment == nil || q.Assessment.Plan == nil || q.ActivePlan == nil {
		t.Fatalf("request: %+v", q)
	}
	var rules []string
	for _, f := range Validate(r) {
		rules = append(rules, f.Rule)
	}
	if !reflect.DeepEqual(rules, []string{"assessment-after-yes"}) {
		t.Errorf("findings %v", rules)
	}
}
