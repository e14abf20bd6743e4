package programme

import (
	"slices"
	"testing"
	"time"
)

// TestClaimSteps: every pair of statuses, against the steps the claim's
// life allows: draft to checked, checked back to draft or on to submitted,
// submitted to paid or rejected, and nothing out of paid or rejected.
func TestClaimSteps(t *testing.T) {
	allowed := map[[2]ClaimStatus]bool{
		{ClaimDraft, ClaimChecked}:      true,
		{ClaimChecked, ClaimDraft}:      true,
		{ClaimChecked, ClaimSubmitted}:  true,
		{ClaimSubmitted, ClaimPaid}:     true,
		{ClaimSubmitted, ClaimRejected}: true,
	}
	for _, from := range ClaimStatuses {
		for _, to := range ClaimStatuses {
			pair := [2]ClaimStatus{ClaimStatus(from.Code), ClaimStatus(to.Code)}
			if got := CanMoveClaim(pair[0], pair[1]); got != allowed[pair] {
				t.Errorf("%s to %s: %v, want %v", pair[0], pair[1], got, allowed[pair])
			}
		}
	}
}

func TestClaimValidate(t *testing.T) {
	ok := Claim{Person: 42, Family: "SF-0101", Window: Window{Opens: d(2021, 1, 4), Closes: d(2021, 3, 31)},
		Problems: []string{"domestic_abuse", "finance"}, Status: ClaimDraft}
	submitted := ok
	submitted.Status, submitted.Evidence, submitted.Submitted = ClaimSubmitted, "Sustained for six months", d(2021, 3, 1)
	for _, tc := range []struct {
		name   string
		c      Claim
		change func(*Claim)
		want   []string
	}{
		{"a draft", ok, func(*Claim) {}, nil},
		{"a draft with no evidence yet, checked", ok, func(c *Claim) { c.Status = ClaimChecked }, []string{"evidence"}},
		{"submitted", submitted, func(*Claim) {}, nil},
		{"submitted on the day the window closes", submitted, func(c *Claim) { c.Submitted = d(2021, 3, 31) }, nil},
		{"submitted after the window", submitted, func(c *Claim) { c.Submitted = d(2021, 4, 1) }, []string{"submitted"}},
		{"submitted before the window", submitted, func(c *Claim) { c.Submitted = d(2021, 1, 3) }, []string{"submitted"}},
		{"submitted with no date", submitted, func(c *Claim) { c.Submitted = d(0, 0, 0) }, []string{"submitted"}},
		{"a draft with a submission date", ok, func(c *Claim) { c.Submitted = d(2021, 3, 1) }, []string{"submitted"}},
		{"paid", submitted, func(c *Claim) { c.Status, c.Decided = ClaimPaid, d(2021, 5, 1) }, nil},
		{"paid with no date", submitted, func(c *Claim) { c.Status = ClaimPaid }, []string{"decided"}},
		{"rejected before it was submitted", submitted, func(c *Claim) { c.Status, c.Decided = ClaimRejected, d(2021, 2, 28) }, []string{"decided"}},
		{"decided while submitted", submitted, func(c *Claim) { c.Decided = d(2021, 5, 1) }, []string{"decided"}},
		{"no child", ok, func(c *Claim) { c.Person = 0 }, []string{"person"}},
		{"no family reference", ok, func(c *Claim) { c.Family = " " }, []string{"family"}},
		{"a window closing before it opens", ok, func(c *Claim) { c.Window.Closes = d(2021, 1, 3) }, []string{"window.closes"}},
		{"no problems", ok, func(c *Claim) { c.Problems = nil }, []string{"problems"}},
		{"a problem not in the list", ok, func(c *Claim) { c.Problems = []string{"worklessness"} }, []string{"problems[0]"}},
		{"a problem twice", ok, func(c *Claim) { c.Problems = []string{"housing", "housing"} }, []string{"problems[1]"}},
		{"an unknown status", ok, func(c *Claim) { c.Status = "queried" }, []string{"status"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Problems = append([]string(nil), tc.c.Problems...)
			tc.change(&c)
			if got := fields(c.Validate()); !same(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckClaimChange(t *testing.T) {
	base := Claim{Person: 42, Family: "SF-0101", Window: Window{Opens: d(2021, 1, 4), Closes: d(2021, 3, 31)}, Status: ClaimChecked}
	for _, tc := range []struct {
		name   string
		before ClaimStatus
		change func(*Claim)
		want   []string
	}{
		{"checked to submitted", ClaimChecked, func(c *Claim) { c.Status = ClaimSubmitted }, nil},
		{"checked back to draft", ClaimChecked, func(c *Claim) { c.Status = ClaimDraft }, nil},
		{"draft straight to submitted", ClaimDraft, func(c *Claim) { c.Status = ClaimSubmitted }, []string{"status"}},
		{"paid back to draft", ClaimPaid, func(c *Claim) { c.Status = ClaimDraft }, []string{"status"}},
		{"another child", ClaimDraft, func(c *Claim) { c.Person = 43 }, []string{"person"}},
		{"a draft's reference corrected", ClaimDraft, func(c *Claim) { c.Family = "SF-0102" }, nil},
		{"a submitted claim's window moved", ClaimSubmitted, func(c *Claim) { c.Window.Closes = d(2021, 6, 30) }, []string{"family"}},
		{"a checked claim's evidence changed", ClaimChecked, func(c *Claim) { c.Evidence = "more" }, nil},
		{"a submitted claim's evidence changed", ClaimSubmitted, func(c *Claim) { c.Evidence = "more" }, []string{"evidence"}},
		{"a paid claim's problems changed", ClaimPaid, func(c *Claim) { c.Problems = []string{"crime"} }, []string{"evidence"}},
	} {
		before := base
		before.Status = tc.before
		after := before
		tc.change(&after)
		if got := fields(CheckClaimChange(before, after)); !same(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestProgress(t *testing.T) {
	p := Seed2021().Programme
	closing := func(y int, m time.Month, s ClaimStatus) Claim {
		return Claim{Window: Window{Closes: d(y, m, 28)}, Status: s}
	}
	claims := []Claim{
		closing(2021, time.March, ClaimPaid), closing(2021, time.March, ClaimPaid), closing(2021, time.January, ClaimRejected),
		closing(2020, time.June, ClaimSubmitted), closing(2020, time.April, ClaimDraft),
		closing(2020, time.March, ClaimPaid), // 2019-20
		closing(2021, time.April, ClaimPaid), // 2021-22
	}
	got := Progress(p, claims, 2020)
	want := ClaimProgress{Year: 2020, Target: 484, Draft: 1, Submitted: 1, Paid: 2, Rejected: 1, Remaining: 482}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := Progress(p, claims, 2021); got.Target != 0 || got.Paid != 1 || got.Remaining != 0 {
		t.Errorf("a year with no target: %+v", got)
	}
	if got := Progress(p, nil, 2022); got.Target != 453 || got.Remaining != 453 {
		t.Errorf("2022-23: %+v", got)
	}
}

// TestAfterEdit: a checked claim whose evidence or headline problems
// change is a draft again; any other edit keeps where a claim stands.
func TestAfterEdit(t *testing.T) {
	base := Claim{Person: 42, Family: "SF-0101", Problems: []string{"school"}, Evidence: "attendance", Status: ClaimChecked}
	for _, tc := range []struct {
		name   string
		before ClaimStatus
		change func(*Claim)
		want   ClaimStatus
	}{
		{"checked, evidence changed", ClaimChecked, func(c *Claim) { c.Evidence = "attendance and health" }, ClaimDraft},
		{"checked, a problem added", ClaimChecked, func(c *Claim) { c.Problems = append(c.Problems, "health") }, ClaimDraft},
		{"checked, the reference corrected", ClaimChecked, func(c *Claim) { c.Family = "SF-0102" }, ClaimChecked},
		{"a draft's evidence changed", ClaimDraft, func(c *Claim) { c.Evidence = "more" }, ClaimDraft},
	} {
		before := base
		before.Problems = slices.Clone(base.Problems)
		before.Status = tc.before
		after := before
		after.Problems = slices.Clone(before.Problems)
		tc.change(&after)
		if got := AfterEdit(before, after); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
