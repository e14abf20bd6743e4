package journey

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
)

// dueLine is what a test says of an item: the record, the work, the day it
// is due and who it reaches.
type dueLine struct {
	Record ID
	What   string
	Due    string
	Team   access.TeamID
	Worker access.UserID
}

func dueLines(items []Item) []dueLine {
	out := make([]dueLine, len(items))
	for i, it := range items {
		out[i] = dueLine{it.Record, it.What, it.Due.String(), it.TeamID, it.WorkerID}
	}
	return out
}

// team places a fixture record with a team and a worker.
func team(r Record, t access.TeamID, w access.UserID) Record { r.TeamID, r.WorkerID = t, w; return r }

func TestDueWork(t *testing.T) {
	// A referral on Fri 1 Dec 2023, assessed from Mon 4 Dec; its
	// assessment is due on Wed 7 Feb 2024 (see TestAssessmentDue).
	ref := team(referral(2, 0, "2023-12-01", ""), 3, 30)
	refClosed := team(referral(2, 0, "2023-12-01", "2024-01-05"), 3, 30)
	asmt := team(assessment(3, 2, "2023-12-04", ""), 3, 30)
	authorised := team(assessment(3, 2, "2023-12-04", "2024-01-20"), 3, 30)
	// A strategy discussion on Mon 18 Dec 2023: its conference is due on
	// Thu 11 Jan 2024 (see TestICPCDue).
	strat := strategy(4, 2, "2023-12-18", "s47")
	enquiry := team(s47(5, 2, 4, "2023-12-18", "", ""), 3, 30)
	enquiryICPC := team(s47(5, 2, 4, "2023-12-18", "2024-01-03", "icpc"), 3, 30)
	enquiryNFA := team(s47(5, 2, 4, "2023-12-18", "2024-01-03", "nfa"), 3, 30)
	conf := icpc(6, 2, 5, "2024-01-10", true)
	// A plan from Mon 5 Feb 2024: first review by 5 May, a visit by Mon 19
	// Feb (10 working days).
	plan := team(cpPlan(7, 2, 6, "2024-02-05", ""), 3, 30)
	planEnded := team(cpPlan(7, 2, 6, "2024-02-05", "2024-06-01"), 3, 30)
	cin := team(cinPlan(11, 2, "2024-01-02", ""), 3, 30)
	alloc := allocation(9, 2, "2023-12-01", "", 10, 100)
	allocEnded := allocation(9, 2, "2023-12-01", "2024-01-31", 10, 100)
	front := team(contact(1, "2024-01-08", ""), 1, 11)

	tests := []struct {
		name    string
		records []Record
		want    []dueLine
	}{
		{"nothing", nil, nil},
		{"open contact", []Record{front},
			[]dueLine{{1, "Decide on the contact", "2024-01-09", 1, 11}}},
		{"decided contact", []Record{team(contact(1, "2024-01-08", "2024-01-08"), 1, 11)}, nil},
		{"contact stays with the front door when the child is allocated", []Record{front, alloc},
			[]dueLine{{1, "Decide on the contact", "2024-01-09", 1, 11}}},
		{"open assessment, due from the referral", []Record{ref, asmt},
			[]dueLine{{3, "Authorise the assessment", "2024-02-07", 3, 30}}},
		{"authorised assessment", []Record{ref, authorised}, nil},
		{"referral with no assessment yet: its clock runs from the referral", []Record{ref},
			[]dueLine{{2, "Start and complete the assessment", "2024-02-07", 3, 30}}},
		{"closed referral with no assessment", []Record{refClosed}, nil},
		{"open assessment in a closed referral", []Record{refClosed, asmt}, nil},
		{"open s47, due by the conference date", []Record{ref, authorised, strat, enquiry},
			[]dueLine{{5, "Complete the Section 47 enquiry", "2024-01-11", 3, 30}}},
		{"s47 that decided on a conference", []Record{ref, authorised, strat, enquiryICPC},
			[]dueLine{{5, "Hold the initial child protection conference", "2024-01-11", 3, 30}}},
		{"s47 that ended in no further action", []Record{ref, authorised, strat, enquiryNFA}, nil},
		{"s47 already followed by its conference", []Record{ref, authorised, strat, enquiryICPC, conf}, nil},
		{"s47 in a closed referral", []Record{refClosed, strat, enquiry}, nil},
		{"cp plan with no review and no visit", []Record{ref, plan},
			[]dueLine{
				{7, "Visit the child (child protection)", "2024-02-19", 3, 30},
				{7, "Hold the review conference", "2024-05-05", 3, 30},
			}},
		// A later review is due 6 months after the last (Sat 20 Apr to
		// 20 Oct); the child seen on Wed 14 Feb is next due on Wed 28 Feb.
		{"cp plan reviewed and visited", []Record{ref, plan, review(8, 2, 7, "2024-04-20"), visit(12, 7, "2024-02-14", true)},
			[]dueLine{
				{7, "Visit the child (child protection)", "2024-02-28", 3, 30},
				{7, "Hold the review conference", "2024-10-20", 3, 30},
			}},
		{"the latest review counts", []Record{ref, plan, review(8, 2, 7, "2024-04-20"), review(13, 2, 7, "2024-03-01")},
			[]dueLine{
				{7, "Visit the child (child protection)", "2024-02-19", 3, 30},
				{7, "Hold the review conference", "2024-10-20", 3, 30},
			}},
		{"visits where the child was not seen, or before the plan, do not count",
			[]Record{ref, plan, visit(12, 7, "2024-02-14", false), visit(14, 0, "2024-02-01", true)},
			[]dueLine{
				{7, "Visit the child (child protection)", "2024-02-19", 3, 30},
				{7, "Hold the review conference", "2024-05-05", 3, 30},
			}},
		{"ended cp plan", []Record{ref, planEnded}, nil},
		{"cin plan with no visit", []Record{ref, cin},
			[]dueLine{{11, "Visit the child (child in need)", "2024-01-30", 3, 30}}},
		{"cin plan visited", []Record{ref, cin, visit(12, 11, "2024-01-20", true)},
			[]dueLine{{11, "Visit the child (child in need)", "2024-02-17", 3, 30}}},
		{"cin plan visits give way to an open cp plan", []Record{ref, cin, plan},
			[]dueLine{
				{7, "Visit the child (child protection)", "2024-02-19", 3, 30},
				{7, "Hold the review conference", "2024-05-05", 3, 30},
			}},
		{"cin plan visits return when the cp plan has ended", []Record{ref, cin, planEnded},
			[]dueLine{{11, "Visit the child (child in need)", "2024-01-30", 3, 30}}},
		{"allocation moves the work to the allocated worker", []Record{ref, asmt, alloc},
			[]dueLine{{3, "Authorise the assessment", "2024-02-07", 10, 100}}},
		{"an ended allocation does not", []Record{ref, asmt, allocEnded},
			[]dueLine{{3, "Authorise the assessment", "2024-02-07", 3, 30}}},
		{"most urgent first", []Record{ref, asmt, strat, enquiry, front, cin},
			[]dueLine{
				{1, "Decide on the contact", "2024-01-09", 1, 11},
				{5, "Complete the Section 47 enquiry", "2024-01-11", 3, 30},
				{11, "Visit the child (child in need)", "2024-01-30", 3, 30},
				{3, "Authorise the assessment", "2024-02-07", 3, 30},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := DueWork(Journey{Records: tt.records}, Defaults())
			if got := dueLines(items); !slices.Equal(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
			for _, it := range items {
				if it.PersonID != child {
					t.Errorf("item %v is not the child's", it)
				}
				if it.Kind != findIn(tt.records, it.Record).Kind {
					t.Errorf("item %v: kind %s", it, it.Kind)
				}
				if (it.Kind == KindContact) == it.DueAt.IsZero() {
					t.Errorf("item %v: only a contact is due at a moment", it)
				}
			}
		})
	}
}

func TestDueWorkContactMoment(t *testing.T) {
	// Received 00:30 GMT on Sun 30 Mar 2025: due 24 hours later, 01:30 BST
	// on Mon 31 Mar, the day it falls on in London.
	r := with(contact(1, "2025-03-30", ""), func(r *Record) { r.Contact.ReceivedAt = london(2025, time.March, 30, 0, 30) })
	items := DueWork(Journey{Records: []Record{r}}, Defaults())
	if len(items) != 1 {
		t.Fatalf("got %v", items)
	}
	at := london(2025, time.March, 31, 1, 30)
	if !items[0].DueAt.Equal(at) || items[0].Due != day("2025-03-31") {
		t.Errorf("due %s (%s), want %s", items[0].DueAt, items[0].Due, at)
	}
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{at.Add(-time.Minute), false},
		{at, false},
		{at.Add(time.Second), true},
	} {
		if got := items[0].Overdue(tt.now); got != tt.want {
			t.Errorf("Overdue(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
}

func TestItemOverdue(t *testing.T) {
	winter := Item{Due: day("2024-02-07")}
	summer := Item{Due: day("2024-06-05")}
	tests := []struct {
		name string
		it   Item
		now  time.Time
		want bool
	}{
		{"the day before", winter, london(2024, time.February, 6, 12, 0), false},
		{"on the day, first minute", winter, london(2024, time.February, 7, 0, 0), false},
		{"on the day, last minute", winter, london(2024, time.February, 7, 23, 59), false},
		{"the next day", winter, london(2024, time.February, 8, 0, 0), true},
		// 23:30 UTC on 5 June is 00:30 on 6 June in London: the day is
		// London's, not the server's.
		{"summer, late on the day in UTC", summer, time.Date(2024, time.June, 5, 23, 30, 0, 0, time.UTC), true},
		{"summer, late on the day in London", summer, london(2024, time.June, 5, 23, 30), false},
	}
	for _, tt := range tests {
		if got := tt.it.Overdue(tt.now); got != tt.want {
			t.Errorf("%s: Overdue(%s) = %v, want %v", tt.name, tt.now, got, tt.want)
		}
	}
}

func TestSortByUrgency(t *testing.T) {
	d := day("2024-02-07")
	at := func(h int) time.Time { return london(2024, time.February, 7, h, 0) }
	items := []Item{
		{PersonID: 2, Record: 1, What: "b", Due: d},
		{PersonID: 1, Record: 9, What: "a", Due: d, DueAt: at(16)},
		{PersonID: 1, Record: 9, What: "a", Due: d, DueAt: at(9)},
		{PersonID: 1, Record: 2, What: "b", Due: d},
		{PersonID: 1, Record: 2, What: "a", Due: d},
		{PersonID: 9, Record: 9, What: "z", Due: day("2024-02-06")},
		{PersonID: 1, Record: 1, What: "a", Due: day("2024-02-08")},
	}
	SortByUrgency(items)
	var got []string
	for _, it := range items {
		moment := "--:--"
		if !it.DueAt.IsZero() {
			moment = it.DueAt.In(civil.London).Format("15:04")
		}
		got = append(got, fmt.Sprintf("%s %s p%d r%d %s", it.Due, moment, it.PersonID, it.Record, it.What))
	}
	// Soonest day first; within a day, those due in days (no moment) before
	// those due at a moment, earliest moment first; then child, record,
	// work.
	want := []string{
		"2024-02-06 --:-- p9 r9 z",
		"2024-02-07 --:-- p1 r2 a",
		"2024-02-07 --:-- p1 r2 b",
		"2024-02-07 --:-- p2 r1 b",
		"2024-02-07 09:00 p1 r9 a",
		"2024-02-07 16:00 p1 r9 a",
		"2024-02-08 --:-- p1 r1 a",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
