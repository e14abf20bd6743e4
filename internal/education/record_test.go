package education

import (
	"encoding/json"
	"strings"
	"testing"

	"hearth/internal/civil"
)

func planRecord() Record {
	p := validPlan()
	return Normalise(Record{PersonID: 7, Kind: KindEHCPlan, TeamID: 3, EHCPlan: &p})
}

func suspension(id ID, start civil.Date, sessions int) Record {
	return Normalise(Record{ID: id, PersonID: 7, Kind: KindExclusion, Exclusion: &SchoolExclusion{School: "103234",
		Exclusion: Exclusion{Category: Suspension, Start: start, Sessions: sessions, Reasons: []string{"DB"}}}})
}

func TestNormaliseTakesDatesFromTheDetail(t *testing.T) {
	tests := []struct {
		name       string
		r          Record
		start, end civil.Date
	}{
		{"plan", planRecord(), d(2022, 5, 16), civil.Date{}},
		{"ceased plan", func() Record {
			r := planRecord()
			r.EHCPlan.Ceased, r.EHCPlan.CeaseReason = d(2024, 7, 19), "2"
			return r
		}(), d(2022, 5, 16), d(2024, 7, 19)},
		{"open request", Record{Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 1, 8)}}, d(2024, 1, 8), civil.Date{}},
		{"request refused", Record{Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 1, 8), RequestOutcome: "N", RequestDecided: d(2024, 2, 16)}}, d(2024, 1, 8), d(2024, 2, 16)},
		{"request agreed, still open", Record{Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 1, 8), RequestOutcome: "Y", RequestDecided: d(2024, 2, 16)}}, d(2024, 1, 8), civil.Date{}},
		{"plan not to be issued", Record{Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 1, 8), RequestOutcome: "Y", RequestDecided: d(2024, 2, 16),
			AssessmentOutcome: "N", AssessmentDecided: d(2024, 4, 26)}}, d(2024, 1, 8), d(2024, 4, 26)},
		{"final plan", Record{Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 1, 8), RequestOutcome: "Y", RequestDecided: d(2024, 2, 16),
			AssessmentOutcome: "Y", AssessmentDecided: d(2024, 4, 26), DraftIssued: d(2024, 5, 3), FinalIssued: d(2024, 5, 24)}}, d(2024, 1, 8), d(2024, 5, 24)},
		{"exclusion is an event", suspension(0, d(2024, 3, 4), 4), d(2024, 3, 4), civil.Date{}},
		{"roll keeps its own dates", Record{Kind: KindRoll, Start: d(2020, 9, 2), End: d(2024, 7, 19), Roll: &Roll{School: " 103234 "}}, d(2020, 9, 2), d(2024, 7, 19)},
		{"cme", Record{Kind: KindCME, CME: &CMEEnquiry{Received: d(2024, 1, 8), Closed: d(2024, 2, 1)}}, d(2024, 1, 8), d(2024, 2, 1)},
		{"ehe", Record{Kind: KindEHE, EHE: &EHE{From: d(2023, 10, 2)}}, d(2023, 10, 2), civil.Date{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Normalise(tc.r)
			if got.Start != tc.start || got.End != tc.end {
				t.Errorf("got %v to %v, want %v to %v", got.Start, got.End, tc.start, tc.end)
			}
		})
	}
	if r := Normalise(Record{Kind: KindRoll, Roll: &Roll{School: " 103234 "}}); r.Roll.School != "103234" {
		t.Errorf("school %q", r.Roll.School)
	}
}

func TestValidateRecord(t *testing.T) {
	if bad := Validate(planRecord()); bad != nil {
		t.Fatalf("valid plan: %v", bad)
	}
	roll := Record{PersonID: 7, Kind: KindRoll, Start: d(2020, 9, 2), Roll: &Roll{School: "103234"}}
	if bad := Validate(roll); bad != nil {
		t.Fatalf("valid roll: %v", bad)
	}
	tests := []struct {
		name  string
		r     func() Record
		field string
	}{
		{"no child", func() Record { r := roll; r.PersonID = 0; return r }, "person_id"},
		{"unknown kind", func() Record { r := roll; r.Kind = "detention"; return r }, "kind"},
		{"no detail", func() Record { r := roll; r.Roll = nil; return r }, "roll"},
		{"another kind's detail", func() Record { r := roll; r.CME = &CMEEnquiry{}; return r }, "cme"},
		{"roll without school", func() Record { r := roll; r.Roll = &Roll{}; return r }, "roll.school"},
		{"roll with a bad URN", func() Record { r := roll; r.Roll = &Roll{School: "10323X"}; return r }, "roll.school"},
		{"roll without start", func() Record { r := roll; r.Start = civil.Date{}; return r }, "start"},
		{"roll ending before it starts", func() Record { r := roll; r.End = d(2020, 9, 1); return r }, "end"},
		{"plan's own rules, under its name", func() Record { r := planRecord(); r.EHCPlan.Needs = nil; return r }, "ehc_plan.needs"},
		{"request's own rules", func() Record {
			return Normalise(Record{PersonID: 7, Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 1, 8), FinalIssued: d(2024, 5, 24)}})
		}, "ehc_request.final_issued"},
		{"request without its receipt", func() Record {
			return Normalise(Record{PersonID: 7, Kind: KindEHCRequest, EHCRequest: &EHCRequest{}})
		}, "ehc_request.received"},
		{"exclusion's own rules", func() Record { r := suspension(0, d(2024, 3, 4), 0); return r }, "exclusion.sessions"},
		{"exclusion without school", func() Record { r := suspension(0, d(2024, 3, 4), 2); r.Exclusion.School = ""; return r }, "exclusion.school"},
		{"SEN support without needs", func() Record {
			return Record{PersonID: 7, Kind: KindSENSupport, Start: d(2023, 9, 4), SENSupport: &SENSupport{School: "103234"}}
		}, "sen_support.needs"},
		{"SEN support with an unknown need", func() Record {
			return Record{PersonID: 7, Kind: KindSENSupport, Start: d(2023, 9, 4), SENSupport: &SENSupport{School: "103234", Needs: []Need{{"ADHD", 1}}}}
		}, "sen_support.needs[0].type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if bad := Validate(tc.r()); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
}

func TestCheckAgainst(t *testing.T) {
	plan := planRecord()
	plan.ID = 1
	second := planRecord()
	if bad := CheckAgainst(second, []Record{plan}); !bad.Has("ehc_plan.issued") {
		t.Errorf("a second plan at once: %v", bad)
	}
	// The plan's own next version is no second plan.
	if bad := CheckAgainst(plan, []Record{plan}); bad != nil {
		t.Errorf("the plan itself: %v", bad)
	}
	ceased := plan
	ceased.EHCPlan = &EHCPlan{Issued: d(2019, 1, 7), Needs: []Need{{"ASD", 1}}, SettingType: "OTH", Ceased: d(2021, 12, 17), CeaseReason: "2"}
	ceased = Normalise(ceased)
	if bad := CheckAgainst(second, []Record{ceased}); bad != nil {
		t.Errorf("after a ceased plan: %v", bad)
	}
	// 45 school days (90 sessions) of suspension in a school year, no more.
	year := []Record{suspension(1, d(2023, 10, 2), 40), suspension(2, d(2024, 1, 8), 40), suspension(3, d(2023, 6, 5), 40)}
	if bad := CheckAgainst(suspension(0, d(2024, 3, 4), 10), year); bad != nil {
		t.Errorf("90 sessions: %v", bad)
	}
	if bad := CheckAgainst(suspension(0, d(2024, 3, 4), 11), year); bad == nil {
		t.Error("91 sessions allowed")
	}
	// A change to one of the year's own is not counted twice.
	if bad := CheckAgainst(suspension(2, d(2024, 1, 8), 50), year); bad != nil {
		t.Errorf("changing one: %v", bad)
	}
}

func TestSummaryOf(t *testing.T) {
	day := d(2024, 3, 20)
	rs := []Record{
		{ID: 1, Kind: KindRoll, Start: d(2017, 9, 4), End: d(2022, 7, 20), Roll: &Roll{School: "103234"}},
		{ID: 2, Kind: KindRoll, Start: d(2022, 9, 5), Roll: &Roll{School: "136512"}},
		{ID: 3, Kind: KindRoll, Start: d(2024, 9, 4), Roll: &Roll{School: "999999"}}, // after the day
		{ID: 4, Kind: KindSENSupport, Start: d(2022, 9, 5), SENSupport: &SENSupport{School: "136512", Needs: []Need{{"SEMH", 1}}}},
		suspension(5, d(2023, 5, 2), 4),  // last school year
		suspension(6, d(2023, 11, 6), 6), // this one
		suspension(7, d(2024, 2, 26), 2),
		Normalise(Record{ID: 8, Kind: KindEHCRequest, EHCRequest: &EHCRequest{Received: d(2024, 2, 1)}}),
	}
	got := SummaryOf(rs, day)
	if len(got.Schools) != 1 || got.Schools[0].URN != "136512" || len(got.PastSchools) != 1 || got.PastSchools[0].URN != "103234" {
		t.Errorf("schools %+v past %+v", got.Schools, got.PastSchools)
	}
	if got.SEN != "sen_support" || !got.Assessing {
		t.Errorf("SEN %q assessing %v", got.SEN, got.Assessing)
	}
	if got.Suspensions != 2 || got.SuspensionSessions != 8 || got.PermanentExclusions != 0 || got.LastExclusion != d(2024, 2, 26) {
		t.Errorf("exclusions %+v", got)
	}
	// A plan outranks SEN support.
	plan := planRecord()
	got = SummaryOf(append(rs, plan), day)
	if got.SEN != "ehc_plan" || got.PlanIssued != d(2022, 5, 16) {
		t.Errorf("with a plan: %q %v", got.SEN, got.PlanIssued)
	}
	// The summary carries none of the records' details.
	b, _ := json.Marshal(got)
	for _, secret := range []string{"DB", "SEMH", "ASD", "reasons"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the summary shows %q: %s", secret, b)
		}
	}
	if e := SummaryOf(nil, day); e.Schools == nil || e.PastSchools == nil || e.SEN != "" {
		t.Errorf("empty: %+v", e)
	}
}

func TestInvolvement(t *testing.T) {
	plan := planRecord()
	plan.WorkerID = 9
	inv, ok := Involvement(plan)
	if !ok || inv.Kind != "education" || inv.TeamID != 3 || inv.WorkerID != 9 || inv.PersonID != 7 || inv.StartDate != d(2022, 5, 16) || !inv.EndDate.IsZero() {
		t.Errorf("plan gives %+v, %v", inv, ok)
	}
	noTeam := plan
	noTeam.TeamID = 0
	if _, ok := Involvement(noTeam); ok {
		t.Error("a record with no team gives an involvement")
	}
	ex := suspension(1, d(2024, 3, 4), 2)
	ex.TeamID = 3
	if _, ok := Involvement(ex); ok {
		t.Error("an exclusion gives an involvement")
	}
}

func TestAttendanceYears(t *testing.T) {
	day := d(2024, 3, 20) // school year 2023/24
	periods := []Sessions{
		{From: d(2023, 9, 4), To: d(2023, 12, 20)},
		{From: d(2024, 1, 4), To: d(2024, 3, 28)},
		{From: d(2023, 4, 17), To: d(2023, 7, 21)}, // 2022/23
		{From: d(2021, 9, 6), To: d(2021, 12, 17)}, // two years back: left out
	}
	totals := []Attendance{
		{Possible: 140, Attended: 130, Authorised: 6, Unauthorised: 4},
		{Possible: 100, Attended: 86, Authorised: 4, Unauthorised: 10},
		{Possible: 120, Attended: 119, Authorised: 1},
		{Possible: 120},
	}
	this, last := AttendanceYears(periods, totals, day)
	if this == nil || this.Year != 2023 || this.Possible != 240 || this.Attended != 216 || this.Rate != 900 || !this.Persistent {
		t.Errorf("this year: %+v", this)
	}
	if last == nil || last.Year != 2022 || last.Possible != 120 || last.Rate != 992 || last.Persistent {
		t.Errorf("last year: %+v", last)
	}
	if this, last := AttendanceYears(nil, nil, day); this != nil || last != nil {
		t.Error("years with no periods")
	}
	if this, _ := AttendanceYears(periods[:1], []Attendance{{}}, day); this == nil || this.Rate != -1 || this.Persistent {
		t.Errorf("no possible sessions: %+v", this)
	}
}
