package journey

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// dueByWhat is the day each item is due, by what it asks.
func dueByWhat(items []Item) map[string]string {
	out := map[string]string{}
	for _, it := range items {
		out[it.What] = it.Due.String()
	}
	return out
}

func TestDueWorkInCare(t *testing.T) {
	// Came into care on Fri 1 Dec 2023: the first review, the initial
	// health assessment and the first PEP are due 20 working days later,
	// on Wed 3 Jan 2024 (Christmas, Boxing Day and New Year's Day skipped).
	start := team(episode(201, "2023-12-01", "", "S", ""), 3, 30)
	// Moved on Mon 26 Feb 2024 to other carers.
	left := team(episode(201, "2023-12-01", "2024-02-26", "S", "X1"), 3, 30)
	move := team(moved(episode(202, "2024-02-26", "", "P", ""), 9), 3, 30)
	stable := withEpisode(move, func(_ *Record, e *care.Episode) { e.LongTermStable = true })
	ended := team(episode(201, "2023-12-01", "2024-02-26", "S", "E4A"), 3, 30)
	shortBreaks := withEpisode(start, func(_ *Record, e *care.Episode) { e.LegalStatus = "V3" })
	const eight = "2015-03-10"

	tests := []struct {
		name    string
		born    string
		records []Record
		want    map[string]string // what: due; "" for no such item
	}{
		{"new to care", eight, []Record{start}, map[string]string{
			"Hold the first review (child in care)":                 "2024-01-03",
			"Visit the child in their new placement":                "2023-12-08",
			"Arrange the initial health assessment":                 "2024-01-03",
			"Arrange the dental check":                              "2024-12-01",
			"Complete the strengths and difficulties questionnaire": "2024-12-01",
			"Write the personal education plan":                     "2024-01-03",
		}},
		{"after the first review", eight, []Record{start, careReview(210, "2024-01-02")}, map[string]string{
			"Hold the second review (child in care)": "2024-04-02",
			"Hold the first review (child in care)":  "",
		}},
		// 31 August plus 6 months is the last day of February, 29th in 2024.
		{"after the second review", eight, []Record{with(start, func(r *Record) { r.Start = day("2023-07-03") }),
			careReview(210, "2023-07-31"), careReview(211, "2023-08-31")}, map[string]string{
			"Hold the review (child in care)": "2024-02-29",
		}},
		{"reviews of an earlier period do not count", eight, []Record{careReview(210, "2023-06-01"),
			team(episode(200, "2023-05-01", "2023-07-01", "S", "E4A"), 3, 30), start}, map[string]string{
			"Hold the first review (child in care)": "2024-01-03",
		}},
		{"a move: seen before it only", eight, []Record{left, move, visit(220, 0, "2024-02-20", true)}, map[string]string{
			"Visit the child in their new placement": "2024-03-04",
			"Visit the child (child in care)":        "",
		}},
		{"a move: seen after it", eight, []Record{left, move, visit(220, 0, "2024-02-28", true), visit(221, 0, "2024-03-01", false)}, map[string]string{
			"Visit the child (child in care)":        "2024-04-10",
			"Visit the child in their new placement": "",
		}},
		{"a move: long-term and stable, in its first year", eight, []Record{left, stable, visit(220, 0, "2024-02-28", true)}, map[string]string{
			"Visit the child (child in care)": "2024-04-10",
		}},
		// X1 says the child stays in care: the work goes on while the next
		// episode is recorded.
		{"ended with X1, the next not recorded", eight, []Record{left}, map[string]string{
			"Record the episode of care that follows": "2024-02-26",
			"Hold the first review (child in care)":   "2024-01-03",
		}},
		{"out of care", eight, []Record{ended, careReview(210, "2024-01-02")}, map[string]string{
			"Hold the second review (child in care)": "",
			"Arrange the dental check":               "",
		}},
		{"short breaks", eight, []Record{shortBreaks}, map[string]string{
			"Hold the first review (child in care)": "",
		}},
		{"health review under 5", "2020-06-01", []Record{start, healthAssessment(230, "2024-01-02", true)}, map[string]string{
			"Arrange the review health assessment":  "2024-07-02",
			"Arrange the initial health assessment": "",
		}},
		{"health review from 5", eight, []Record{start, healthAssessment(230, "2024-01-02", true)}, map[string]string{
			"Arrange the review health assessment": "2025-01-02",
		}},
		{"dental check a year after the last", eight, []Record{start, dental(231, "2024-02-29")}, map[string]string{
			"Arrange the dental check": "2025-02-28",
		}},
		// Born 15 December 2019: 5 on Sun 15 Dec 2024; 20 working days on,
		// skipping Christmas, Boxing Day and New Year's Day, is 15 Jan 2025.
		{"a PEP from the fifth birthday", "2019-12-15", []Record{start}, map[string]string{
			"Write the personal education plan":                     "2025-01-15",
			"Complete the strengths and difficulties questionnaire": "2024-12-01",
		}},
		// Three when the SDQ would first be due: it waits for the fourth
		// birthday, and does not lapse (it did, found in review).
		{"an SDQ from the fourth birthday", "2021-01-01", []Record{start}, map[string]string{
			"Complete the strengths and difficulties questionnaire": "2025-01-01",
		}},
		{"a PEP reviewed each term", eight, []Record{start, pep(240, "2023-12-20")}, map[string]string{
			"Review the personal education plan": "2024-04-20",
			"Write the personal education plan":  "",
		}},
		{"no PEP or SDQ at 17", "2006-06-01", []Record{start}, map[string]string{
			"Write the personal education plan":                     "",
			"Complete the strengths and difficulties questionnaire": "",
		}},
		{"care ends at 18", eight, []Record{start}, map[string]string{
			"End the period of care: the young person turns 18": "2033-03-10",
		}},
		{"no date of birth", "", []Record{start}, map[string]string{
			"Write the personal education plan":                     "",
			"Complete the strengths and difficulties questionnaire": "",
			"Hold the first review (child in care)":                 "2024-01-03",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := people.Person{ID: child, DateOfBirth: day(tt.born)}
			items := DueWork(Journey{Person: p, Records: tt.records}, Defaults())
			got := dueByWhat(items)
			for what, due := range tt.want {
				if got[what] != due {
					t.Errorf("%q due %q, want %q (all: %v)", what, got[what], due, got)
				}
			}
			for _, it := range items {
				if it.Kind != KindCareEpisode || it.TeamID != 3 || it.WorkerID != 30 {
					t.Errorf("%q is about %s, for team %d and worker %d; want the care episode, team 3 and worker 30", it.What, it.Kind, it.TeamID, it.WorkerID)
				}
			}
		})
	}
}

func TestDueWorkReturnInterview(t *testing.T) {
	// Returned at 09:00 on Sat 30 Mar 2024; the clocks went forward the
	// next night, so 72 hours later is 10:00 on Tue 2 Apr.
	back := team(missing(250, "2024-03-29", "2024-03-30"), 4, 40)
	held := with(back, func(r *Record) {
		m := *r.Missing
		m.InterviewOffered, m.InterviewAccepted, m.InterviewDate = true, true, day("2024-04-01")
		r.Missing = &m
	})
	declined := with(back, func(r *Record) { m := *r.Missing; m.InterviewOffered = true; r.Missing = &m })
	accepted := with(back, func(r *Record) { m := *r.Missing; m.InterviewOffered, m.InterviewAccepted = true, true; r.Missing = &m })
	tests := []struct {
		name string
		r    Record
		due  bool
	}{
		{"returned, no interview yet", back, true},
		{"offered and accepted, not yet held", accepted, true},
		{"held", held, false},
		{"declined", declined, false},
		{"still missing", team(missing(250, "2024-03-29", ""), 4, 40), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := DueWork(Journey{Person: childBorn("2010-01-01"), Records: []Record{tt.r}}, Defaults())
			if !tt.due {
				if len(items) != 0 {
					t.Errorf("got %+v, want nothing due", items)
				}
				return
			}
			if len(items) != 1 {
				t.Fatalf("got %+v, want the return interview", items)
			}
			it := items[0]
			want := london(2024, time.April, 2, 10, 0)
			if it.What != "Hold the return interview" || it.Kind != KindMissing || it.Record != 250 ||
				!it.DueAt.Equal(want) || it.Due != day("2024-04-02") || it.TeamID != 4 {
				t.Errorf("got %+v, want the interview due at %v", it, want)
			}
			if it.Overdue(london(2024, time.April, 2, 9, 59)) || !it.Overdue(london(2024, time.April, 2, 10, 1)) {
				t.Error("overdue from the moment it was due")
			}
		})
	}
}

// TestDueWorkPathwayPlanInCare: an eligible child still in care has their
// first pathway plan due when they became eligible: their 16th birthday
// for one in care 13 weeks by then, else the day the 13 weeks are done;
// then reviews. An open leaving care service lists it instead.
func TestDueWorkPathwayPlanInCare(t *testing.T) {
	const born = "2008-03-10" // 16 on 10 March 2024
	const write, review = "Write the pathway plan", "Review the pathway plan"
	tests := []struct {
		name    string
		records []Record
		want    map[string]string
	}{
		{"in care since 14: due on the 16th birthday", []Record{episode(270, "2022-03-10", "", "S", "")},
			map[string]string{write: "2024-03-10", review: ""}},
		// From 1 March 2024: the 91st day is 30 May 2024.
		{"in care from just before 16: due on the 91st day", []Record{episode(270, "2024-03-01", "", "S", "")},
			map[string]string{write: "2024-05-30"}},
		{"in care at 15 only: nothing", []Record{episode(270, "2023-01-01", "2023-06-01", "S", "E4A")},
			map[string]string{write: ""}},
		{"a plan written: its review", []Record{episode(270, "2022-03-10", "", "S", ""), pathwayPlan(271, "2024-03-01")},
			map[string]string{write: "", review: "2024-09-01"}},
		{"the leaving care service open: one item, its own", []Record{episode(270, "2022-03-10", "", "S", ""), leavingCare(272, "2024-03-10", "")},
			map[string]string{write: "2024-03-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := DueWork(Journey{Person: childBorn(born), Records: tt.records}, Defaults())
			n := 0
			for _, it := range items {
				if it.What == write {
					n++
				}
			}
			if n > 1 {
				t.Errorf("the pathway plan is due %d times", n)
			}
			got := dueByWhat(items)
			for what, due := range tt.want {
				if got[what] != due {
					t.Errorf("%q due %q, want %q (all: %v)", what, got[what], due, got)
				}
			}
		})
	}
}

func TestDueWorkCareLeaver(t *testing.T) {
	// Born 1 June 2006: in care from 10 January 2022 until their 18th
	// birthday, 1 June 2024, when the leaving care service opened.
	const born = "2006-06-01"
	care := episode(260, "2022-01-10", "2024-06-01", "S", "E17")
	lc := team(leavingCare(261, "2024-06-01", ""), 5, 50)
	const plan18 = "Contact the care leaver around their 18th birthday"
	const plan19 = "Contact the care leaver around their 19th birthday"
	tests := []struct {
		name    string
		records []Record
		want    map[string]string
	}{
		// In care since 10 January 2022, 142 days by their 16th birthday:
		// eligible then, when the first plan fell due, not when the
		// service opened at 18.
		{"no pathway plan", []Record{care, lc}, map[string]string{
			"Write the pathway plan": "2022-06-01", plan18: "2024-07-01"}},
		{"a pathway plan before leaving", []Record{care, lc, pathwayPlan(262, "2024-05-01")}, map[string]string{
			"Review the pathway plan": "2024-11-01", "Write the pathway plan": ""}},
		{"in touch in the month before the birthday", []Record{care, lc, leaverContact(263, "2024-05-15")}, map[string]string{
			plan18: "", plan19: "2025-07-01"}},
		{"in touch late, after the month", []Record{care, lc, leaverContact(263, "2024-08-01")}, map[string]string{
			plan18: "", plan19: "2025-07-01"}},
		{"in touch too early", []Record{care, lc, leaverContact(263, "2024-04-30")}, map[string]string{
			plan18: "2024-07-01"}},
		{"the service closed", []Record{care, with(lc, func(r *Record) { r.End = day("2024-09-01") })}, map[string]string{
			plan18: "", "Write the pathway plan": "", "Close the leaving care service: the young person turns 25": ""}},
		{"the service ends at 25", []Record{care, lc}, map[string]string{
			"Close the leaving care service: the young person turns 25": "2031-06-01"}},
		// Born 1 June 2006, 25 on 1 June 2031: a plan reviewed on 1 March
		// 2031 would next be due after it, so is not.
		{"nothing due after 25", []Record{care, lc, pathwayPlan(262, "2031-03-01")}, map[string]string{
			"Review the pathway plan": "", "Close the leaving care service: the young person turns 25": "2031-06-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := DueWork(Journey{Person: childBorn(born), Records: tt.records}, Defaults())
			got := dueByWhat(items)
			for what, due := range tt.want {
				if got[what] != due {
					t.Errorf("%q due %q, want %q (all: %v)", what, got[what], due, got)
				}
			}
			for _, it := range items {
				if it.Kind != KindLeavingCare || it.Record != 261 {
					t.Errorf("%q is about %s %d, want the leaving care service", it.What, it.Kind, it.Record)
				}
			}
		})
	}
}

func TestBirthdayContactDue(t *testing.T) {
	// Born 29 February 2004: 17 on 1 March 2021 (not a leap year), 20 on
	// 29 February 2024; the month either side of each.
	lc := leavingCare(1, "2020-01-01", "")
	tests := []struct {
		name     string
		contacts []string
		due      string
		n        int
	}{
		{"none yet", nil, "2021-04-01", 17},
		{"the 17th met on its first day", []string{"2021-02-01"}, "2022-04-01", 18},
		{"every one met but the 20th", []string{"2021-03-01", "2022-03-15", "2023-02-15"}, "2024-03-29", 20},
		{"all met", []string{"2025-03-01"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var contacts []civil.Date
			for _, c := range tt.contacts {
				contacts = append(contacts, day(c))
			}
			due, n, ok := birthdayContactDue(day("2004-02-29"), lc, nil, contacts)
			if tt.due == "" {
				if ok {
					t.Errorf("got %s (%d), want none due", due, n)
				}
				return
			}
			if !ok || due != day(tt.due) || n != tt.n {
				t.Errorf("got %s (%d, %v), want the %d due %s", due, n, ok, tt.n, tt.due)
			}
		})
	}
	if got := strings.Join([]string{ordinal(17), ordinal(18), ordinal(19), ordinal(20), ordinal(21)}, " "); got != "17th 18th 19th 20th 21st" {
		t.Errorf("ordinals: %s", got)
	}
}
