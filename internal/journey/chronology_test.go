package journey

import (
	"fmt"
	"slices"
	"testing"

	"hearth/internal/access"
)

func eventLines(events []Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, fmt.Sprintf("%s r%d %s: %s", e.Date, e.Record, map[bool]string{false: "start", true: "end"}[e.Ended], e.What))
	}
	return out
}

func TestChronology(t *testing.T) {
	alone := with(visit(16, 7, "2024-02-12", true), func(r *Record) { r.Visit.SeenAlone = true })
	ending := with(review(18, 2, 7, "2024-05-01"), func(r *Record) { r.Review.Continue = false })
	// Given newest first, as a store might list them.
	records := []Record{
		ending,
		alone,
		visit(15, 7, "2024-02-10", false),
		visit(14, 7, "2024-02-08", true),
		cpPlan(7, 2, 6, "2024-02-05", "2024-05-01"),
		icpc(6, 2, 5, "2024-02-05", true),
		icpc(17, 2, 5, "2024-02-01", false),
		s47(5, 2, 4, "2024-01-15", "2024-01-25", "icpc"),
		strategy(4, 2, "2024-01-15", "s47"),
		note(22, 2, "2024-01-11"),
		assessment(3, 2, "2024-01-09", "2024-01-09"),
		referral(2, 1, "2024-01-09", ""),
		contact(1, "2024-01-08", "2024-01-09"),
		earlyHelp(10, 0, "2023-01-01", "2023-06-30"),
		allocation(9, 2, "2024-01-09", "2024-05-01", 10, 100),
		familyMeeting(19, "2023-02-01"),
	}
	want := []string{
		"2023-01-01 r10 start: Early help started",
		"2023-02-01 r19 start: Family network meeting offered",
		"2023-06-30 r10 end: Early help closed: Sustained progress",
		"2024-01-08 r1 start: Contact received",
		// On one day, by record, and a record's start before its end.
		"2024-01-09 r1 end: Contact decided: Referral to children's social care",
		"2024-01-09 r2 start: Referral received",
		"2024-01-09 r3 start: Assessment started",
		"2024-01-09 r3 end: Assessment authorised",
		"2024-01-09 r9 start: Allocated",
		"2024-01-11 r22 start: Phone call",
		"2024-01-15 r4 start: Strategy discussion: Section 47 enquiry started",
		"2024-01-15 r5 start: Section 47 enquiry started",
		"2024-01-25 r5 end: Section 47 enquiry completed: Initial child protection conference",
		"2024-02-01 r17 start: Initial conference: no plan",
		"2024-02-05 r6 start: Initial conference: child protection plan",
		"2024-02-05 r7 start: Child protection plan started (Neglect)",
		"2024-02-08 r14 start: Visit: child seen",
		"2024-02-10 r15 start: Visit: child not seen",
		"2024-02-12 r16 start: Visit: child seen alone",
		"2024-05-01 r7 end: Child protection plan ended",
		"2024-05-01 r9 end: Allocation ended",
		"2024-05-01 r18 start: Review conference: plan to end",
		// The open referral has no end.
	}
	if got := eventLines(Chronology(records)); !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}

	// Filtered by kind.
	got := eventLines(Chronology(records, KindReferral, KindEarlyHelp, KindCPReview))
	want = []string{
		"2023-01-01 r10 start: Early help started",
		"2023-06-30 r10 end: Early help closed: Sustained progress",
		"2024-01-09 r2 start: Referral received",
		"2024-05-01 r18 start: Review conference: plan to end",
	}
	if !slices.Equal(got, want) {
		t.Errorf("filtered: got\n%q\nwant\n%q", got, want)
	}
	if got := Chronology(records, KindCINPlan); len(got) != 0 {
		t.Errorf("no cin plans: got %v", got)
	}
	if got := Chronology(nil); len(got) != 0 {
		t.Errorf("no records: got %v", got)
	}
	// The closed referral's end names its reason, and comes after the
	// referral's own start when both are on one day.
	closed := Chronology([]Record{referral(2, 0, "2024-01-09", "2024-01-09")})
	if got := eventLines(closed); !slices.Equal(got, []string{
		"2024-01-09 r2 start: Referral received",
		"2024-01-09 r2 end: Case closed: Services ended for another reason, including no longer in need",
	}) {
		t.Errorf("closed the day it opened: %q", got)
	}
}

func TestStatus(t *testing.T) {
	eh := earlyHelp(10, 0, "2023-01-01", "2023-06-30")
	open := contact(1, "2024-01-08", "")
	ref := referral(2, 0, "2024-01-09", "")
	cin := cinPlan(11, 2, "2024-01-20", "")
	cp := cpPlan(7, 2, 6, "2024-02-05", "2024-05-01")
	tests := []struct {
		name    string
		records []Record
		on      string
		want    string
	}{
		{"no records", nil, "2024-03-01", "none"},
		{"only records yet to come", []Record{ref}, "2024-01-08", "none"},
		{"open contact", []Record{eh, open}, "2024-01-08", "contact"},
		{"early help on its first day", []Record{eh}, "2023-01-01", "early_help"},
		{"early help on the day it closed", []Record{eh}, "2023-06-30", "closed"},
		{"early help over", []Record{eh}, "2023-07-01", "closed"},
		{"referral without a plan", []Record{eh, open, ref}, "2024-01-10", "assessment"},
		{"cin plan", []Record{ref, cin}, "2024-01-20", "cin"},
		{"cp plan above cin plan", []Record{ref, cin, cp}, "2024-02-05", "cp"},
		{"cp plan on the day before it ends", []Record{ref, cp}, "2024-04-30", "cp"},
		{"cp plan ending today", []Record{ref, cp}, "2024-05-01", "assessment"},
		{"cp plan ended, cin plan open", []Record{ref, cin, cp}, "2024-05-01", "cin"},
		{"a note alone", []Record{note(22, 0, "2024-01-11")}, "2024-03-01", "closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Status(tt.records, day(tt.on))
			if got != tt.want {
				t.Errorf("Status on %s = %q, want %q", tt.on, got, tt.want)
			}
			if !Statuses.Has(got) {
				t.Errorf("%q is not one of Statuses", got)
			}
		})
	}
}

func TestMatrix(t *testing.T) {
	records := []Record{
		team(cinPlan(11, 2, "2024-06-01", ""), 10, 100),
		team(assessment(3, 2, "2024-07-01", "2024-08-01"), 10, 100), // within the open plan
		team(referral(2, 0, "2024-01-01", "2024-03-01"), 10, 0),
		allocation(9, 2, "2024-02-01", "2024-04-01", 10, 100),        // overlaps the referral
		allocation(12, 2, "2024-04-01", "2024-05-01", 10, 101),       // touches the last
		team(assessment(13, 2, "2024-01-05", "2024-01-20"), 10, 100), // inside the referral: no shorter
		allocation(14, 2, "2024-05-02", "2024-05-03", 30, 300),       // the day after team 10's: another team
		team(earlyHelp(10, 0, "2023-01-01", "2023-06-30"), 20, 200),
		team(earlyHelp(15, 0, "2023-07-01", "2023-08-01"), 20, 200), // the day after: a span of its own
		team(visit(16, 11, "2024-06-10", true), 10, 100),            // no span
		earlyHelp(17, 0, "2022-01-01", "2022-02-01"),                // no team
	}
	got := Matrix(records)
	var lines []string
	for _, p := range got {
		lines = append(lines, fmt.Sprintf("team %d %s..%s %v", p.TeamID, p.Start, p.End, p.Kinds))
	}
	want := []string{
		"team 20 2023-01-01..2023-06-30 [early_help]",
		"team 20 2023-07-01..2023-08-01 [early_help]",
		"team 10 2024-01-01..2024-05-01 [referral assessment allocation]",
		"team 30 2024-05-02..2024-05-03 [allocation]",
		"team 10 2024-06-01.. [cin_plan assessment]",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%q\nwant\n%q", lines, want)
	}
	if got := Matrix(nil); len(got) != 0 {
		t.Errorf("no records: %v", got)
	}
	// An open record absorbs everything after it, wherever it falls.
	open := Matrix([]Record{
		team(referral(2, 0, "2024-01-01", "2024-02-01"), 10, 0),
		allocation(9, 2, "2024-01-15", "", 10, 100),
		team(assessment(3, 2, "2024-03-01", "2024-04-01"), 10, 100),
	})
	if len(open) != 1 || open[0].Start != day("2024-01-01") || !open[0].End.IsZero() {
		t.Errorf("open: %+v", open)
	}
}

func TestInvolvement(t *testing.T) {
	eh := earlyHelp(10, 0, "2023-01-01", "")
	ref := referral(2, 0, "2024-01-09", "2024-03-01")
	tests := []struct {
		name    string
		r       Record
		episode Record
		want    access.Involvement
		ok      bool
	}{
		{"contact", team(contact(1, "2024-01-08", "2024-01-09"), 1, 11), Record{},
			access.Involvement{PersonID: child, Kind: access.KindContact, TeamID: 1, WorkerID: 11, StartDate: day("2024-01-08"), EndDate: day("2024-01-09")}, true},
		{"early help, open", team(eh, 20, 0), Record{},
			access.Involvement{PersonID: child, Kind: access.KindEarlyHelp, TeamID: 20, StartDate: day("2023-01-01")}, true},
		{"referral", team(ref, 10, 0), Record{},
			access.Involvement{PersonID: child, Kind: access.KindChildInNeed, TeamID: 10, StartDate: day("2024-01-09"), EndDate: day("2024-03-01")}, true},
		{"allocation in early help", allocation(9, 10, "2023-02-01", "", 20, 200), eh,
			access.Involvement{PersonID: child, Kind: access.KindEarlyHelp, TeamID: 20, WorkerID: 200, StartDate: day("2023-02-01")}, true},
		{"allocation in a referral", allocation(9, 2, "2024-01-10", "2024-02-01", 10, 100), ref,
			access.Involvement{PersonID: child, Kind: access.KindChildInNeed, TeamID: 10, WorkerID: 100, StartDate: day("2024-01-10"), EndDate: day("2024-02-01")}, true},
		{"allocation outside an episode", allocation(9, 0, "2024-01-10", "", 10, 100), Record{},
			access.Involvement{PersonID: child, Kind: access.KindChildInNeed, TeamID: 10, WorkerID: 100, StartDate: day("2024-01-10")}, true},
		{"note", team(note(22, 2, "2024-01-11"), 10, 100), ref, access.Involvement{}, false},
		{"cp plan", team(cpPlan(7, 2, 6, "2024-02-05", ""), 10, 100), ref, access.Involvement{}, false},
		{"contact with no team", contact(1, "2024-01-08", ""), Record{}, access.Involvement{}, false},
		{"referral with no team", ref, Record{}, access.Involvement{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Involvement(tt.r, tt.episode)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
