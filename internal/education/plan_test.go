package education

import (
	"testing"

	"hearth/internal/civil"
)

func validPlan() EHCPlan {
	return EHCPlan{
		Issued: d(2022, 5, 16), Needs: []Need{{"ASD", 1}, {"SLCN", 2}}, SettingURN: "103234",
		Reviews: []PlanReview{{Meeting: d(2023, 5, 2), Decided: d(2023, 5, 25), Decision: "maintain"}},
	}
}

func TestValidatePlan(t *testing.T) {
	if bad := ValidatePlan(validPlan()); bad != nil {
		t.Fatalf("valid: %v", bad)
	}
	tests := []struct {
		name   string
		change func(*EHCPlan)
		field  string
	}{
		{"no issue date", func(p *EHCPlan) { p.Issued = civil.Date{} }, "issued"},
		{"no needs", func(p *EHCPlan) { p.Needs = nil }, "needs"},
		{"unknown need", func(p *EHCPlan) { p.Needs[1].Type = "ADHD" }, "needs[1].type"},
		{"a need twice", func(p *EHCPlan) { p.Needs[1].Type = "ASD" }, "needs[1].type"},
		{"two primary needs", func(p *EHCPlan) { p.Needs[1].Rank = 1 }, "needs[1].rank"},
		{"rank past the list", func(p *EHCPlan) { p.Needs[1].Rank = 3 }, "needs[1].rank"},
		{"URN and setting type", func(p *EHCPlan) { p.SettingType = "EHE" }, "setting_type"},
		{"bad URN", func(p *EHCPlan) { p.SettingURN = "10323" }, "setting_urn"},
		{"unknown setting", func(p *EHCPlan) { p.SettingURN = ""; p.SettingType = "HOME" }, "setting_type"},
		{"review before issue", func(p *EHCPlan) { p.Reviews[0].Meeting = d(2022, 5, 1) }, "reviews[0].meeting"},
		{"decision before meeting", func(p *EHCPlan) { p.Reviews[0].Decided = d(2023, 5, 1) }, "reviews[0].decided"},
		{"decision without date", func(p *EHCPlan) { p.Reviews[0].Decided = civil.Date{} }, "reviews[0].decided"},
		{"unknown decision", func(p *EHCPlan) { p.Reviews[0].Decision = "keep" }, "reviews[0].decision"},
		{"undecided review then another", func(p *EHCPlan) {
			p.Reviews = []PlanReview{{Meeting: d(2023, 5, 2)}, {Meeting: d(2024, 4, 30)}}
		}, "reviews[0].decided"},
		{"unknown transfer", func(p *EHCPlan) { p.Transfer = &PhaseTransfer{Kind: "college", Move: d(2024, 9, 4)} }, "transfer.kind"},
		{"ceased without reason", func(p *EHCPlan) { p.Ceased = d(2024, 1, 1) }, "cease_reason"},
		{"ceased before issue", func(p *EHCPlan) { p.Ceased = d(2022, 1, 1); p.CeaseReason = "2" }, "ceased"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPlan()
			tc.change(&p)
			if bad := ValidatePlan(p); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
}

func TestPlanDeadlines(t *testing.T) {
	older := d(2012, 3, 1)
	p := validPlan()
	got := PlanDeadlines(p, older)
	if len(got) != 1 || got[0].Rule != "R9" || got[0].Due != d(2024, 5, 2) {
		t.Errorf("decided review: %+v, want the next review 12 months after the meeting", got)
	}
	p.Reviews = append(p.Reviews, PlanReview{Meeting: d(2024, 4, 29)})
	p.Transfer = &PhaseTransfer{Kind: TransferSchool, Move: d(2025, 9, 3)}
	got = PlanDeadlines(p, older)
	want := []struct {
		rule string
		due  civil.Date
	}{{"R14", d(2024, 5, 27)}, {"R9", d(2025, 4, 29)}, {"R18", d(2025, 2, 15)}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].Rule != w.rule || got[i].Due != w.due {
			t.Errorf("[%d] %s %s, want %s %s", i, got[i].Rule, got[i].Due, w.rule, w.due)
		}
	}
	p.Ceased, p.CeaseReason = d(2024, 6, 1), "5"
	if got := PlanDeadlines(p, older); got != nil {
		t.Errorf("a ceased plan has deadlines: %+v", got)
	}
	if !validPlan().ActiveOn(d(2022, 5, 16)) || validPlan().ActiveOn(d(2022, 5, 15)) {
		t.Error("ActiveOn around the issue date")
	}
	if validPlan().PrimaryNeed() != "ASD" {
		t.Error("primary need")
	}
}

func TestValidateISAPP(t *testing.T) {
	ok := ISAPPReferral{Received: d(2022, 10, 3), School: "137456", Panel: d(2022, 10, 12), Decision: "pre_exclusion",
		PreExclusion: d(2022, 10, 19), Result: "managed_move"}
	if bad := ValidateISAPP(ok); bad != nil {
		t.Fatalf("valid: %v", bad)
	}
	tests := []struct {
		name   string
		change func(*ISAPPReferral)
		field  string
	}{
		{"no school", func(r *ISAPPReferral) { r.School = "" }, "school"},
		{"decision without panel", func(r *ISAPPReferral) { r.Panel = civil.Date{} }, "decision"},
		{"unknown decision", func(r *ISAPPReferral) { r.Decision = "exclude" }, "decision"},
		{"panel before referral", func(r *ISAPPReferral) { r.Panel = d(2022, 10, 1) }, "panel"},
		{"meeting without that decision", func(r *ISAPPReferral) { r.Decision = "outreach" }, "pre_exclusion"},
		{"result without meeting", func(r *ISAPPReferral) { r.PreExclusion = civil.Date{} }, "result"},
		{"unknown result", func(r *ISAPPReferral) { r.Result = "expelled" }, "result"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			tc.change(&r)
			if bad := ValidateISAPP(r); !bad.Has(tc.field) {
				t.Errorf("got %v, want an error on %s", bad, tc.field)
			}
		})
	}
}
