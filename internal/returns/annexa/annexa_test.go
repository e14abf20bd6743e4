package annexa

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"hearth/internal/care"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// person is the child columns the fixtures give: a girl of White British
// ethnicity, with her age.
func person(id, born string, age int) Person {
	return Person{ID: id, Gender: "Female", Ethnicity: "WBRI", Born: d(born), Age: age, AgeKnown: true}
}

func TestMonths(t *testing.T) {
	tests := []struct {
		end    string
		months int
		start  string
	}{
		{"2024-03-31", 6, "2023-10-01"},
		{"2026-11-30", 6, "2026-06-01"}, // not 31 May: whole months
		{"2024-08-31", 6, "2024-03-01"},
		{"2024-02-29", 12, "2023-03-01"}, // leap day: the day after is 1 March
		{"2023-03-15", 12, "2022-03-16"},
		{"2023-12-31", 12, "2023-01-01"},
	}
	for _, tt := range tests {
		w := Months(d(tt.end), tt.months)
		if w.Start != d(tt.start) || w.End != d(tt.end) {
			t.Errorf("Months(%s, %d) = %s to %s, want %s to %s", tt.end, tt.months, w.Start, w.End, tt.start, tt.end)
		}
	}
}

func TestWindowValidate(t *testing.T) {
	tests := []struct {
		name  string
		w     Window
		field string // "" valid
	}{
		{"six months", win, ""},
		{"one day", Window{Start: d("2024-01-01"), End: d("2024-01-01")}, ""},
		{"no start", Window{End: d("2024-01-01")}, "start"},
		{"no end", Window{Start: d("2024-01-01")}, "end"},
		{"end before start", Window{Start: d("2024-01-02"), End: d("2024-01-01")}, "end"},
	}
	for _, tt := range tests {
		err := tt.w.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var e *errs.Error
		if !errors.As(err, &e) || !errs.Fields(e.Fields).Has(tt.field) {
			t.Errorf("%s: error %v, want one naming %q", tt.name, err, tt.field)
		}
	}
	if l := Build(Window{}, []Child{newKid(1, "2010-01-01").c}, names); l.Contacts != nil || l.InCare != nil {
		t.Error("an invalid window gave rows")
	}
}

func TestContacts(t *testing.T) {
	a := newKid(1, "2010-01-15")
	a.contact("2023-09-30") // the day before the window
	a.contact("2023-10-01") // its first day
	a.contact("2024-03-31") // its last day
	a.contact("2024-04-01") // the day after
	// A restricted child is listed: Annex A is for the inspectors.
	b := newKid(2, "")
	b.c.Person.Restricted = true
	b.c.Person.Identifiers.LAChildID = "WV0002"
	b.contact("2023-11-01")
	// Born in the window: the contact made before the birth has no age.
	c := newKid(3, "2024-01-10")
	c.contact("2023-12-01")
	c.contact("2024-02-01")

	got := build(a, b, c).Contacts
	noAge := func(p Person) Person { p.Age, p.AgeKnown = 0, false; return p }
	want := []Contact{
		{Person: person("1", "2010-01-15", 13), Date: d("2023-10-01"), Source: "2A"},
		{Person: person("1", "2010-01-15", 14), Date: d("2024-03-31"), Source: "2A"}, // a birthday between: age at the contact
		{Person: noAge(person("3", "2024-01-10", 0)), Date: d("2023-12-01"), Source: "2A"},
		{Person: person("3", "2024-01-10", 0), Date: d("2024-02-01"), Source: "2A"},
		{Person: noAge(person("WV0002", "", 0)), Date: d("2023-11-01"), Source: "2A"}, // ids that are not numbers after those that are
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 1 (-want +got):\n%s", diff)
	}
}

func TestDisabilityAndGender(t *testing.T) {
	tests := []struct {
		codes []string
		sex   string
		want  Person
	}{
		{nil, "1", Person{Gender: "Male"}},
		{[]string{people.DisabilityNone}, "2", Person{Gender: "Female", Disabled: "N"}},
		{[]string{"AUT", "LD"}, "9", Person{Gender: "Indeterminate", Disabled: "Y"}},
		{nil, "", Person{}},
	}
	for _, tt := range tests {
		k := newKid(1, "")
		k.c.Person.Disabilities, k.c.Person.Sex, k.c.Person.Ethnicity = tt.codes, tt.sex, ""
		got := newChild(k.c).who(d("2024-01-01"))
		got.ID = ""
		if got != tt.want {
			t.Errorf("%v %q: %+v, want %+v", tt.codes, tt.sex, got, tt.want)
		}
	}
}

func TestEarlyHelp(t *testing.T) {
	k := newKid(1, "2012-06-01")
	add := func(start, end, assessed, hub string) {
		r := rec(journey.KindEarlyHelp, start, end)
		r.TeamID = 2
		r.EarlyHelp = &journey.EarlyHelp{AssessmentDate: d(assessed), FamilyHub: hub}
		k.add(r)
	}
	add("2023-08-01", "2023-12-01", "2023-10-01", "East hub") // completed on the first day
	add("2023-07-01", "2023-11-01", "2023-09-30", "")         // completed the day before: off
	add("2023-06-01", "2023-09-30", "", "")                   // closed the day before with none: off
	add("2023-09-01", "", "", "")                             // in progress across the window
	add("2024-03-31", "", "2024-04-10", "North hub")          // started on the last day, completed after
	add("2024-04-01", "", "", "")                             // after the window: off
	got := build(k).EarlyHelp
	p := person("1", "2012-06-01", 11)
	want := []EarlyHelp{
		{Person: p, Start: d("2023-08-01"), Completed: d("2023-10-01"), Organisation: "East hub"},
		{Person: p, Start: d("2023-09-01"), Organisation: "Safeguarding 1"},
		{Person: person("1", "2012-06-01", 11), Start: d("2024-03-31"), Organisation: "North hub"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 2 (-want +got):\n%s", diff)
	}
}

func TestReferrals(t *testing.T) {
	k := newKid(1, "2015-03-01")
	k.referral("2023-03-30", "2023-03-30", true, "")
	k.referral("2023-03-31", "2023-03-31", true, "")
	r1 := k.referral("2023-10-01", "2023-12-01", false, "RC7")
	k.allocation("2023-10-02", "2023-12-01", 2, 11)  // closed in the window: the allocation when it closed
	k.referral("2023-09-30", "2023-09-30", true, "") // the day before: off the list, but counted
	r2 := k.referral("2024-03-31", "", false, "")    // open at the end, not yet allocated: the referral's own team
	k.referral("2024-04-01", "", false, "")          // the day after: off
	_, _ = r1, r2
	got := build(k).Referrals
	want := []Referral{
		{Person: person("1", "2015-03-01", 8), Date: d("2023-10-01"), Source: "6", NFA: "N", Previous: 3, Team: "Safeguarding 1", Worker: "Ben Hale"},
		// From 31 March 2023 on: 31 March 2023, 30 September and 1 October.
		{Person: person("1", "2015-03-01", 9), Date: d("2024-03-31"), Source: "6", NFA: "N", Previous: 3, Team: "MASH", Worker: "Ana Wood"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 3 (-want +got):\n%s", diff)
	}
}

func TestReferralsSameDay(t *testing.T) {
	k := newKid(1, "2015-03-01")
	k.referral("2023-11-01", "2023-11-01", true, "")
	k.referral("2023-11-01", "2023-11-01", true, "")
	got := build(k).Referrals
	if len(got) != 2 || got[0].Previous != 0 || got[1].Previous != 1 {
		t.Errorf("two referrals the same day: %+v, want counts 0 then 1", got)
	}
}

func TestAssessments(t *testing.T) {
	k := newKid(1, "2016-01-01")
	k.c.Person.Disabilities = []string{people.DisabilityNone}
	ref := k.referral("2023-08-20", "", false, "")
	k.allocation("2023-08-21", "", 2, 11)
	a1 := k.within(journey.KindAssessment, ref, 0, "2023-09-01", "2023-10-01") // authorised on the first day
	k.within(journey.KindCPPlan, ref, 0, "2023-10-20", "")
	k.within(journey.KindAssessment, ref, 0, "2023-08-21", "2023-09-30") // the day before: off
	ref2 := k.referral("2024-01-05", "2024-02-20", false, "RC8")
	k.within(journey.KindAssessment, ref2, 0, "2024-01-05", "2024-02-19")
	k.visit("2024-01-10", true, false)
	k.within(journey.KindAssessment, ref, 0, "2024-03-20", "2024-04-05") // authorised after the end: in progress
	_ = a1
	got := build(k).Assessments
	p := person("1", "2016-01-01", 7)
	p.Disabled = "N"
	p8 := p
	p8.Age = 8
	want := []Assessment{
		{Person: p, Start: d("2023-09-01"), Seen: "N", Authorised: d("2023-10-01"), Support: "Y", Team: "Safeguarding 1", Worker: "Ben Hale"},
		{Person: p8, Start: d("2024-01-05"), Seen: "Y", Authorised: d("2024-02-19"), Support: "N", Team: "Safeguarding 1", Worker: "Ben Hale"},
		{Person: p8, Start: d("2024-03-20"), Team: "Safeguarding 1", Worker: "Ben Hale"}, // seen and support blank while in progress
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 4 (-want +got):\n%s", diff)
	}
}

func TestEnquiries(t *testing.T) {
	k := newKid(1, "2011-10-01")
	ref := k.referral("2023-01-10", "", false, "")
	// An earlier enquiry and conference, counted in the 12 months.
	st0 := k.within(journey.KindStrategy, ref, 0, "2023-02-01", "")
	s0 := k.within(journey.KindS47, ref, st0, "2023-02-01", "2023-02-20")
	k.within(journey.KindICPC, ref, s0, "2023-02-20", "")
	// Strategy on the window's first day; conference held in it.
	st1 := k.within(journey.KindStrategy, ref, 0, "2023-10-01", "")
	s1 := k.within(journey.KindS47, ref, st1, "2023-10-02", "2023-10-20")
	k.within(journey.KindICPC, ref, s1, "2023-10-20", "")
	// An enquiry that ended with no conference.
	s2 := k.add(journey.Record{Kind: journey.KindS47, Episode: ref, Start: d("2023-12-01"), End: d("2023-12-10"), S47: &journey.S47{Outcome: "cin"}})
	// Open at the window's end, its conference after it.
	st3 := k.within(journey.KindStrategy, ref, 0, "2024-03-31", "")
	s3 := k.within(journey.KindS47, ref, st3, "2024-03-31", "2024-04-10")
	k.within(journey.KindICPC, ref, s3, "2024-04-10", "")
	// A strategy discussion the day before the window, its conference in it.
	st4 := k.within(journey.KindStrategy, ref, 0, "2023-09-30", "")
	s4 := k.within(journey.KindS47, ref, st4, "2023-09-30", "2023-10-05")
	k.within(journey.KindICPC, ref, s4, "2023-10-05", "")
	// A conference on a transfer in, after no enquiry.
	k.add(journey.Record{Kind: journey.KindICPC, Episode: ref, Start: d("2024-02-01"), ICPC: &journey.ICPC{Plan: false, TransferIn: true}})
	_ = s2

	got := build(k).Enquiries
	p := func(age int) Person { return person("1", "2011-10-01", age) }
	want := []Enquiry{
		{Person: p(11), Strategy: d("2023-09-30"), ICPCNotNeeded: "N", ICPC: d("2023-10-05"), Plan: "Y", Enquiries: 1, Conferences: 1, Team: "MASH", Worker: "Ana Wood"},
		{Person: p(12), Strategy: d("2023-10-01"), ICPCNotNeeded: "N", ICPC: d("2023-10-20"), Plan: "Y", Enquiries: 2, Conferences: 1, Team: "MASH", Worker: "Ana Wood"},
		{Person: p(12), Strategy: d("2023-12-01"), ICPCNotNeeded: "Y", Enquiries: 3, Conferences: 3, Team: "MASH", Worker: "Ana Wood"},
		{Person: p(12), ICPC: d("2024-02-01"), Plan: "N", Enquiries: 4, Conferences: 3, Team: "MASH", Worker: "Ana Wood"},
		// From 31 March 2023: the enquiries of 30 September, 2 October and 1 December.
		{Person: p(12), Strategy: d("2024-03-31"), Enquiries: 3, Conferences: 3, Team: "MASH", Worker: "Ana Wood"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 5 (-want +got):\n%s", diff)
	}
}

func TestChildrenInNeed(t *testing.T) {
	k := newKid(1, "2012-02-29")                         // a leap-day birthday in the window: 12 at its end
	k.referral("2023-05-01", "2023-09-30", false, "RC7") // closed the day before: off
	k.referral("2023-11-01", "2023-11-01", true, "")     // no further action: List 3, not here
	a := k.referral("2023-06-01", "2023-10-01", false, "RC7")
	b := k.referral("2023-10-10", "", false, "")
	k.within(journey.KindCINPlan, b, 0, "2023-11-01", "")
	k.visit("2023-12-01", true, false)
	k.visit("2024-01-15", false, false)                       // not seen
	k.visit("2024-04-02", true, false)                        // after the end
	c := k.referral("2024-03-01", "2024-04-15", false, "RC7") // closed after the end: open then
	_, _ = a, c
	got := build(k).ChildrenInNeed
	p := person("1", "2012-02-29", 12)
	want := []ChildInNeed{
		{Person: p, Start: d("2023-06-01"), PrimaryNeed: "N1", Closed: d("2023-10-01"), Reason: "RC7", Status: "Closed", Team: "MASH", Worker: "Ana Wood"},
		{Person: p, Start: d("2023-10-10"), PrimaryNeed: "N1", LastSeen: d("2023-12-01"), Status: "Child in need", Team: "MASH", Worker: "Ana Wood"},
		{Person: p, Start: d("2024-03-01"), PrimaryNeed: "N1", Status: "Child in need", Team: "MASH", Worker: "Ana Wood"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 6 (-want +got):\n%s", diff)
	}
}

func TestProtection(t *testing.T) {
	k := newKid(1, "2018-05-05")
	ref := k.referral("2021-01-01", "", false, "")
	k.allocation("2021-01-02", "", 2, 11)
	k.within(journey.KindCPPlan, ref, 0, "2021-02-01", "2021-09-01")
	k.within(journey.KindCPPlan, ref, 0, "2022-01-01", "2023-09-30") // ended the day before: off, but previous
	p3 := k.within(journey.KindCPPlan, ref, 0, "2023-10-15", "2024-04-20")
	k.within(journey.KindCPReview, ref, p3, "2024-01-10", "")
	k.visit("2024-03-01", true, true)
	k.visit("2024-04-05", true, false) // after the end
	// Police protection from 30 September 2023: in the six months to the end.
	k.episode("2023-09-30", "2023-10-02", "L1", "U4", "S", "E4A")

	got := build(k).Protection
	p := person("1", "2018-05-05", 5)
	want := []Protection{{Person: p, Start: d("2023-10-15"), InitialCategory: "NEG", LatestCategory: "EMO",
		LastVisit: d("2024-03-01"), SeenAlone: "Y", LastReview: d("2024-01-10"), Emergency: "Y", Previous: 2,
		Team: "Safeguarding 1", Worker: "Ben Hale"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 7 (-want +got):\n%s", diff)
	}

	// Police protection before the six months is not counted; a plan with
	// no visit and no review has those blank, and its category stays.
	k2 := newKid(2, "2018-05-05")
	ref2 := k2.referral("2023-01-01", "", false, "")
	k2.add(journey.Record{Kind: journey.KindCPPlan, Episode: ref2, Start: d("2023-03-01"), Plan: &journey.Plan{InitialCategory: "PHY"}})
	k2.episode("2023-01-01", "2023-09-30", "L2", "U4", "S", "E4A")
	got = build(k2).Protection
	want = []Protection{{Person: person("2", "2018-05-05", 5), Start: d("2023-03-01"), InitialCategory: "PHY", LatestCategory: "PHY",
		Emergency: "N", Team: "MASH", Worker: "Ana Wood"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 7, no visit (-want +got):\n%s", diff)
	}
}

func TestInCare(t *testing.T) {
	k := newKid(1, "2010-10-10")
	// A first period that ended in March 2023, within 12 months of the next.
	k.episode("2022-11-01", "2023-03-01", "V2", "U4", "S", "E13")
	// The current period: a change of legal status, then a move.
	k.episode("2023-06-01", "2023-08-01", "V2", "U4", "S", "X1")
	k.episode("2023-08-01", "2024-01-20", "C2", "U4", "L", "X1")
	k.episode("2024-01-20", "", "C2", "K2", "P", "")
	k.allocation("2023-06-01", "", 3, 12)
	k.on(journey.KindCareReview, "2023-12-01")
	k.on(journey.KindCareReview, "2022-12-01") // an earlier period's
	k.on(journey.KindHealthAssessment, "2023-07-01")
	k.visit("2024-03-30", true, false)
	k.missing("2023-03-30", "2023-03-31", false, false, false) // before the 12 months
	k.missing("2023-11-01", "2023-11-02", false, true, true)
	k.missing("2024-02-01", "2024-02-01", true, false, false) // away, not missing
	k.missing("2024-03-01", "2024-03-03", false, true, false) // the last missing episode

	got := build(k).InCare
	p := person("1", "2010-10-10", 13)
	want := []InCare{{Person: p, Started: d("2023-06-01"), Need: "N1", Subsequent: "Y", LegalSince: d("2023-08-01"), LegalStatus: "C2",
		LastReview: d("2023-12-01"), LastVisit: d("2024-03-30"), Permanence: "Long-term fostering", LastHealth: d("2023-07-01"),
		Placements: 2, PlacedSince: d("2024-01-20"), Placement: "K2", Provider: "PR1", Postcode: "WV1 1RG",
		Missing: 2, Absent: 1, RIOffered: "Y", RIAccepted: "N", Team: "Children in care", Worker: "Cal Reid"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 8 (-want +got):\n%s", diff)
	}
}

func TestInCareWho(t *testing.T) {
	// Left care on the window's first day: looked after to the day before.
	a := newKid(1, "2010-01-01")
	a.episode("2023-01-01", "2023-10-01", "V2", "U4", "S", "E13")
	// Left the day after: looked after on the first day.
	b := newKid(2, "2010-01-01")
	b.episode("2023-01-01", "2023-10-02", "V2", "U4", "S", "E13")
	// Short breaks only.
	c := newKid(3, "2010-01-01")
	c.episode("2023-01-01", "", "V4", "U4", "S", "")
	// Came into care on the last day, still missing at the end.
	e := newKid(4, "2010-01-01")
	e.episode("2024-03-31", "", "C1", "U4", "S", "")
	e.missing("2024-03-31", "", false, false, false)
	// Came into care the day after.
	f := newKid(5, "2010-01-01")
	f.episode("2024-04-01", "", "C1", "U4", "S", "")

	got := build(a, b, c, e, f).InCare
	if len(got) != 2 || got[0].ID != "2" || got[1].ID != "4" {
		t.Fatalf("List 8 children = %+v, want 2 and 4", got)
	}
	if r := got[0]; r.Ceased != d("2023-10-02") || r.Reason != "E13" || r.Subsequent != "N" || r.Placements != 1 {
		t.Errorf("left the day after: %+v", r)
	}
	if r := got[1]; r.Missing != 1 || r.RIOffered != "" || r.RIAccepted != "" || !r.LastReview.IsZero() {
		t.Errorf("still missing at the end: offered %q accepted %q missing %d", r.RIOffered, r.RIAccepted, r.Missing)
	}
}

func TestCareLeavers(t *testing.T) {
	// In care from 14 to 18: former relevant at the end, relevant before.
	a := newKid(1, "2006-01-01")
	a.episode("2020-01-01", "2024-01-01", "C2", "U4", "S", "E8")
	a.add(journey.Record{Kind: journey.KindLeavingCare, Start: d("2024-01-01"), TeamID: 4, WorkerID: 10, LeavingCare: &care.LeavingCare{}})
	r := rec(journey.KindLeaverContact, "2024-01-15", "")
	r.LeaverContact = careLeaverContact("YES", "F2", "D2")
	a.add(r)
	// Turned 25 in the window: former relevant on its first day.
	b := newKid(2, "1999-01-01")
	b.episode("2013-01-01", "2017-01-01", "C2", "U4", "S", "E8")
	// Left care at 17, two days into the window: relevant.
	c := newKid(3, "2006-06-01")
	c.episode("2021-01-01", "2023-10-03", "C2", "U4", "S", "E8")
	// Never in care long enough since 14, left at 15: not a care leaver.
	e := newKid(4, "2008-01-01")
	e.episode("2023-01-01", "2023-03-01", "V2", "U4", "S", "E8")
	// Still in care at 17: eligible, on List 8 not here.
	f := newKid(5, "2006-06-01")
	f.episode("2021-01-01", "", "C2", "U4", "S", "")

	got := build(a, b, c, e, f).CareLeavers
	want := []CareLeaver{
		{Person: person("1", "2006-01-01", 18), Team: "Leaving care", Worker: "Ana Wood", Category: "Former relevant",
			InTouch: "YES", Accommodation: "Semi-independent or transitional", Suitable: "Not suitable", Activity: "F2"},
		{Person: person("2", "1999-01-01", 25), Category: "Former relevant"},
		{Person: person("3", "2006-06-01", 17), Category: "Relevant"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 9 (-want +got):\n%s", diff)
	}
}

func TestAccommodation(t *testing.T) {
	tests := []struct{ code, kind, suitable string }{
		{"B1", "With parents or relatives", "Suitable"},
		{"Z2", "With former foster carers", "Not suitable"},
		{"0", "Not known", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if k, s := accommodation(tt.code); k != tt.kind || s != tt.suitable {
			t.Errorf("accommodation(%q) = %q, %q; want %q, %q", tt.code, k, s, tt.kind, tt.suitable)
		}
	}
}

func TestAdoption(t *testing.T) {
	k := newKid(1, "2021-04-04")
	k.episode("2022-01-01", "", "E1", "A6", "S", "")
	add := func(start, end string, a journey.Record) {
		a.Kind, a.Start, a.End = journey.KindAdoption, d(start), d(end)
		k.add(a)
	}
	// Adopted after the window's end: the order is not shown yet.
	add("2022-03-01", "2024-04-02", journey.Record{Adoption: adoptionDetail("2022-06-01", "2023-05-01", "2023-06-01", "2024-04-02", "")})
	// The plan changed on the window's first day.
	add("2022-02-01", "2023-10-01", journey.Record{Adoption: adoptionDetail("", "", "", "", "RD3")})
	// Changed the day before: off.
	add("2022-01-15", "2023-09-30", journey.Record{Adoption: adoptionDetail("", "", "", "", "RD1")})
	got := build(k).Adoption
	p := person("1", "2021-04-04", 2)
	want := []Adoption{
		{Person: p, EnteredCare: d("2022-01-01"), Decision: d("2022-02-01"), NoLonger: d("2023-10-01"), Reason: "RD3"},
		{Person: p, EnteredCare: d("2022-01-01"), Decision: d("2022-03-01"), PlacementOrder: d("2022-06-01"), Matched: d("2023-05-01"), Placed: d("2023-06-01")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List 10 (-want +got):\n%s", diff)
	}
}

// TestAssessmentSupport follows the rule of "assessed as requiring LA
// children's social care support" through each way it can be known.
func TestAssessmentSupport(t *testing.T) {
	tests := []struct {
		name  string
		setup func(k *kid, ref journey.ID)
		want  string
	}{
		{"nothing followed yet", func(k *kid, ref journey.ID) {}, ""},
		{"a CIN plan open when authorised", func(k *kid, ref journey.ID) {
			k.within(journey.KindCINPlan, ref, 0, "2023-06-01", "")
		}, "Y"},
		{"a CIN plan that ended before the assessment", func(k *kid, ref journey.ID) {
			k.within(journey.KindCINPlan, ref, 0, "2023-06-01", "2023-09-01")
		}, ""},
		{"a CP plan after it", func(k *kid, ref journey.ID) {
			k.within(journey.KindCPPlan, ref, 0, "2024-03-31", "")
		}, "Y"},
		{"a CP plan after the window's end", func(k *kid, ref journey.ID) {
			k.within(journey.KindCPPlan, ref, 0, "2024-04-01", "")
		}, ""},
		{"a plan in another episode", func(k *kid, ref journey.ID) {
			k.within(journey.KindCPPlan, ref+100, 0, "2023-11-01", "")
		}, ""},
		{"in care when authorised", func(k *kid, ref journey.ID) {
			k.episode("2023-01-01", "", "C2", "U4", "S", "")
		}, "Y"},
		{"closed after assessment, to early help", func(k *kid, ref journey.ID) {
			r := &k.c.Records[0]
			r.End, r.Referral.ClosureReason = d("2023-10-20"), "RC9"
		}, "N"},
		{"closed as RC9 after the window's end", func(k *kid, ref journey.ID) {
			r := &k.c.Records[0]
			r.End, r.Referral.ClosureReason = d("2024-04-20"), "RC9"
		}, ""},
	}
	for _, tt := range tests {
		k := newKid(1, "2016-01-01")
		ref := k.referral("2023-05-01", "", false, "")
		k.within(journey.KindAssessment, ref, 0, "2023-09-20", "2023-10-10")
		tt.setup(k, ref)
		got := build(k).Assessments
		if len(got) != 1 || got[0].Support != tt.want {
			t.Errorf("%s: %+v, want support %q", tt.name, got, tt.want)
		}
	}
}

// TestOrderOfRecords checks the lists do not depend on the order the
// records come in, nor the children: the store gives them in no fixed order.
func TestOrderOfRecords(t *testing.T) {
	at := d("2023-03-31")
	cs := city(300, at, 5)
	w := Months(at, 12)
	want := Build(w, cs, names)
	rev := make([]Child, len(cs))
	for i, c := range cs {
		c.Records = slices.Clone(c.Records)
		slices.Reverse(c.Records)
		rev[len(cs)-1-i] = c
	}
	if diff := cmp.Diff(want, Build(w, rev, names)); diff != "" {
		t.Errorf("lists from reversed records (-want +got):\n%s", diff)
	}
}

func TestChildren(t *testing.T) {
	a := newKid(1, "2010-01-01")
	a.contact("2023-11-01")
	a.contact("2023-12-01")
	a.referral("2023-11-02", "", false, "")
	b := newKid(2, "2010-01-01")
	b.episode("2023-01-01", "", "C2", "U4", "S", "")
	c := newKid(3, "2010-01-01")
	c.contact("2023-09-01") // before the window: on no list
	if n := build(a, b, c).Children(); n != 2 {
		t.Errorf("Children() = %d, want 2", n)
	}
	if n := (Lists{}).Children(); n != 0 {
		t.Errorf("no lists: Children() = %d", n)
	}
}

// TestCompareIDs: numbers in their order and before other ids, which are
// in the order of their text; an id that only starts as a number, or is
// too large for one, is text.
func TestCompareIDs(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"9", "10", -1},
		{"10", "9", 1},
		{"007", "7", 0},
		{"+3", "-4", 1},
		{"12", "DC1", -1},
		{"DC1", "12", 1},
		{"DC10", "DC9", -1},
		{"1x", "2", 1},
		{"1x", "1y", -1},
		{"", "1", 1},
		{"99999999999999999999", "1", 1},
		{"99999999999999999999", "A", -1},
	} {
		if got := compareIDs(tc.a, tc.b); got != tc.want {
			t.Errorf("compareIDs(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
