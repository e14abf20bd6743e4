package cin

import (
	"reflect"
	"testing"

	"hearth/internal/journey"
)

// TestSources: each child, episode and module of a built census has the
// records it came from, in the census's order (children sorted by
// LAchildID, whatever the input's order), and a finding leads to them.
func TestSources(t *testing.T) {
	kids := []Child{
		child(2, referral(20, "2023-05-01", "", false, "")),
		child(1,
			referral(10, "2023-04-10", "", false, ""),
			rec(11, journey.KindAssessment, 10, 0, "2023-04-12", "2023-05-01"),
			rec(12, journey.KindCINPlan, 10, 0, "2023-05-02", "2023-06-01"),
			rec(13, journey.KindStrategy, 10, 0, "2023-06-02", ""),
			rec(14, journey.KindS47, 10, 13, "2023-06-03", "2023-06-10"),
			rec(15, journey.KindICPC, 10, 14, "2023-06-20", ""),
			rec(16, journey.KindCPPlan, 10, 15, "2023-06-20", ""),
			rec(17, journey.KindCPReview, 16, 16, "2023-09-20", ""),
			rec(18, journey.KindCPReview, 16, 16, "2024-03-01", ""),
		),
	}
	// The review's Episode is the referral's, as the journey keeps it.
	kids[1].Records[7].Episode, kids[1].Records[8].Episode = 10, 10
	c, src := BuildWithSources(Header{}, kids, y2024)
	if !reflect.DeepEqual(c, Build(Header{}, kids, y2024)) {
		t.Fatal("BuildWithSources and Build differ")
	}
	if len(src) != 2 || src[0].Person != 1 || src[1].Person != 2 {
		t.Fatalf("sources not in the census's order: %+v", src)
	}
	want := EpisodeSources{Referral: 10, Assessments: []journey.ID{11}, CINPlans: []journey.ID{12},
		Section47s: []S47Sources{{Enquiry: 14, Conference: 15, Strategy: 13}},
		CPPlans:    []CPPlanSources{{Plan: 16, Reviews: []journey.ID{17, 18}}}}
	if len(src[0].Episodes) != 1 || !reflect.DeepEqual(src[0].Episodes[0], want) {
		t.Fatalf("child 1's episode: got %+v, want %+v", src[0].Episodes, want)
	}

	at := childAt(c, 0)
	tests := []struct {
		name string
		f    Finding
		want Source
		ok   bool
	}{
		{"the child's own field", at.field("UPN"), Source{Person: 1}, true},
		{"the episode's field", at.episode(0).field("CINclosureDate"), Source{1, 10}, true},
		{"an assessment", at.episode(0).module("Assessments", 0).field("AssessmentFactors"), Source{1, 11}, true},
		{"a CIN plan", at.episode(0).module("CINPlanDates", 0).field("CINPlanEndDate"), Source{1, 12}, true},
		{"an enquiry", at.episode(0).module("Section47", 0).field("S47ActualStartDate"), Source{1, 14}, true},
		{"an enquiry's conference", at.episode(0).module("Section47", 0).field("DateOfInitialCPC"), Source{1, 15}, true},
		{"an enquiry's target", at.episode(0).module("Section47", 0).field("InitialCPCtarget"), Source{1, 13}, true},
		{"a plan", at.episode(0).module("ChildProtectionPlans", 0).field("CPPstartDate"), Source{1, 16}, true},
		{"a plan's second review", at.episode(0).module("ChildProtectionPlans", 0).field("CPPreviewDate").item(1), Source{1, 18}, true},
		{"the second child", childAt(c, 1).episode(0).field("CINreferralDate"), Source{2, 20}, true},
		{"the whole return", whole("LEA"), Source{}, false},
		{"a child past the end", Finding{Child: 5, Episode: -1}, Source{}, false},
		{"an episode past the end", at.episode(3), Source{}, false},
		{"a module past the end", at.episode(0).module("Assessments", 1), Source{}, false},
	}
	for _, tt := range tests {
		got, ok := src.Of(tt.f)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: got %+v %v, want %+v %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}

	// A real finding: an assessment authorised before it started (8608)
	// leads to the assessment's record.
	kids[1].Records[1].End = d("2023-04-11")
	c, src = BuildWithSources(Header{}, kids, y2024)
	found := false
	for _, f := range Validate(c).Findings {
		if f.Rule == "8608" {
			found = true
			if s, ok := src.Of(f); !ok || s != (Source{1, 11}) {
				t.Errorf("8608: source %+v %v, want the assessment 11", s, ok)
			}
		}
	}
	if !found {
		t.Error("8608 not found")
	}
}
