package journey

import (
	"testing"

	"hearth/internal/people"
)

// journeyRecords is one child's journey as Check sees it: an early help
// episode stepped up to a referral that closed, then a contact, a referral
// with its assessment, a strategy discussion, an enquiry, an initial
// conference and a child protection plan, with the records the cases below
// follow or clash with.
func journeyRecords() []Record {
	return []Record{
		earlyHelp(10, 0, "2023-01-01", "2023-06-30"),
		allocation(23, 10, "2023-01-01", "2023-06-30", 20, 200),
		referral(20, 10, "2023-07-01", "2023-09-01"),
		strategy(21, 20, "2023-07-05", "s47"),
		contact(1, "2024-01-08", "2024-01-09"),
		referral(2, 1, "2024-01-09", ""),
		allocation(9, 2, "2024-01-09", "", 10, 100),
		assessment(3, 2, "2024-01-10", "2024-02-20"),
		note(22, 2, "2024-01-11"),
		strategy(13, 2, "2024-01-12", "no_s47"),
		strategy(4, 2, "2024-01-15", "s47"),
		s47(5, 2, 4, "2024-01-15", "2024-01-25", "icpc"),
		s47(14, 2, 4, "2024-01-16", "2024-01-20", "nfa"),
		cinPlan(11, 2, "2024-01-20", "2024-02-05"),
		icpc(12, 2, 5, "2024-02-01", false),
		icpc(6, 2, 5, "2024-02-05", true),
		cpPlan(7, 2, 6, "2024-02-05", ""),
		s47(15, 2, 4, "2024-02-10", "", ""),
		review(8, 2, 7, "2024-05-01"),
	}
}

func childBorn(dob string) people.Person {
	return people.Person{ID: child, DateOfBirth: day(dob)}
}

func journeyOf(p people.Person, records ...Record) Journey {
	return Journey{Person: p, Records: records}
}

// changed returns the journey's records with those of the same id replaced.
func changed(records []Record, repl ...Record) []Record {
	out := make([]Record, len(records))
	for i, r := range records {
		out[i] = r
		for _, x := range repl {
			if x.ID == r.ID {
				out[i] = x
			}
		}
	}
	return out
}

func findIn(records []Record, id ID) Record {
	for _, r := range records {
		if r.ID == id {
			return r
		}
	}
	panic("no record")
}

func TestCheckJourneyAsItStands(t *testing.T) {
	// Each record, judged again against the rest (as when it is edited and
	// saved unchanged), passes: in particular none overlaps itself.
	rs := journeyRecords()
	j := journeyOf(childBorn("2015-06-15"), rs...)
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			t.Fatalf("fixture %d: %v", r.ID, err)
		}
		if err := Check(j, r); err != nil {
			t.Errorf("record %d (%s): %v", r.ID, r.Kind, err)
		}
	}
}

func TestCheck(t *testing.T) {
	rs := journeyRecords()
	plan := findIn(rs, 7)
	planEnded := changed(rs, with(plan, func(r *Record) { r.End = day("2024-08-01") }))
	allocEnded := changed(rs, with(findIn(rs, 9), func(r *Record) { r.End = day("2024-03-01") }))
	born := childBorn("2015-06-15")
	died := with(born, func(p *people.Person) { p.DateOfDeath = day("2024-03-01") })
	bornLater := childBorn("2024-03-01")
	unborn := people.Person{ID: child, ExpectedDateOfBirth: day("2024-06-01")}
	prebirth := []Record{referral(40, 0, "2024-01-09", ""), earlyHelp(41, 0, "2023-10-01", "")}

	// A small episode for closing: a referral with an authorised
	// assessment, an open allocation and a later note.
	closing := []Record{
		referral(30, 0, "2024-01-01", ""),
		assessment(31, 30, "2024-01-02", "2024-02-01"),
		allocation(33, 30, "2024-01-01", "", 10, 100),
		note(32, 30, "2024-03-15"),
	}
	closingAllocEnded := func(end string) []Record {
		return changed(closing, with(closing[2], func(r *Record) { r.End = day(end) }))
	}
	closeOn := func(end string) Record {
		return with(closing[0], func(r *Record) { r.End, r.Referral.ClosureReason = day(end), "RC7" })
	}
	eh := []Record{earlyHelp(50, 0, "2024-01-01", ""), allocation(51, 50, "2024-01-01", "", 20, 200)}

	tests := []struct {
		name    string
		person  people.Person // born on 15 June 2015 unless set
		records []Record      // journeyRecords unless set
		r       Record
		want    []fault
	}{
		{name: "another child's record", r: with(note(0, 0, "2024-03-01"), func(r *Record) { r.PersonID = child + 1 }),
			want: []fault{{"person_id", "belongs to the child whose journey"}}},

		// Life: birth and death.
		{name: "note on the day of birth", r: note(0, 0, "2015-06-15")},
		{name: "note the day before birth", r: note(0, 0, "2015-06-14"),
			want: []fault{{"start", "before the child was born (15 June 2015)"}}},
		{name: "pre-birth referral", person: bornLater, records: prebirth, r: referral(0, 0, "2024-01-09", "2024-01-10"),
			want: []fault{{"start", "one open referral"}}}, // born-later is no bar; the overlap with 40 is
		{name: "pre-birth referral, alone", person: bornLater, records: []Record{}, r: referral(0, 0, "2024-01-09", "")},
		{name: "work of a pre-birth referral before birth", person: bornLater, records: prebirth, r: assessment(0, 40, "2024-02-01", "")},
		{name: "allocation in a pre-birth referral before birth", person: bornLater, records: prebirth, r: allocation(0, 40, "2024-01-09", "", 10, 100)},
		{name: "work of a referral made after birth, dated before birth", person: bornLater, records: []Record{referral(42, 0, "2024-03-05", "")},
			r:    assessment(0, 42, "2024-02-20", ""),
			want: []fault{{"start", "before the child was born"}, {"start", "before the referral it belongs to (5 March 2024)"}}},
		{name: "work of early help before birth", person: bornLater, records: prebirth, r: allocation(0, 41, "2024-02-01", "", 10, 100),
			want: []fault{{"start", "before the child was born (1 March 2024)"}}},
		{name: "contact before birth", person: bornLater, records: prebirth, r: contact(0, "2024-02-01", "")},
		{name: "unborn child: contact", person: unborn, records: []Record{}, r: contact(0, "2024-01-08", "")},
		{name: "unborn child: early help", person: unborn, records: []Record{}, r: earlyHelp(0, 0, "2024-01-08", "")},
		{name: "visit on the day of death", person: died, r: visit(0, 7, "2024-03-01", true)},
		{name: "visit after death", person: died, r: visit(0, 7, "2024-03-02", true),
			want: []fault{{"start", "after the child died (1 March 2024) except case notes"}}},
		{name: "note after death", person: died, r: note(0, 2, "2024-03-02")},

		// Episode.
		{name: "assessment in early help", r: assessment(0, 10, "2023-03-01", "2023-04-01"),
			want: []fault{{"episode", "A child and family assessment belongs to a referral, not an early help episode"}}},
		{name: "episode that is not there", r: note(0, 999, "2024-03-01"),
			want: []fault{{"episode", "Choose a referral or early help episode"}}},
		{name: "episode that is a note", r: visit(0, 0, "2024-03-01", true).withEpisode(22),
			want: []fault{{"episode", "Choose a referral or early help episode"}}},
		{name: "contact in an episode", r: contact(0, "2024-03-01", "").withEpisode(2),
			want: []fault{{"episode", "A contact starts an episode of its own"}}},
		{name: "early help in an episode", r: earlyHelp(0, 0, "2024-03-01", "").withEpisode(2),
			want: []fault{{"episode", "An early help episode starts an episode of its own"}}},
		{name: "icpc without a referral", r: icpc(0, 0, 5, "2024-02-06", true),
			want: []fault{{"episode", "An initial child protection conference belongs to a referral: choose the referral it is part of"}, {"follows", "of the same referral"}}},
		{name: "note without an episode", r: note(0, 0, "2024-03-01")},
		{name: "visit without an episode", r: visit(0, 7, "2024-03-01", true)},
		{name: "family meeting in early help", r: familyMeeting(0, "2023-03-01").withEpisode(10)},
		{name: "assessment the day the referral started", r: assessment(0, 2, "2024-01-09", "")},
		{name: "assessment the day before the referral", r: assessment(0, 2, "2024-01-08", ""),
			want: []fault{{"start", "before the referral it belongs to (9 January 2024)"}}},
		{name: "visit before early help started", r: visit(0, 0, "2022-12-31", true).withEpisode(10),
			want: []fault{{"start", "before the early help episode it belongs to (1 January 2023)"}}},
		{name: "visit on the day the referral closed", r: visit(0, 0, "2023-09-01", true).withEpisode(20)},
		{name: "visit the day after the referral closed", r: visit(0, 0, "2023-09-02", true).withEpisode(20),
			want: []fault{{"start", "The referral closed on 1 September 2023: nothing happens after a closure"}}},
		{name: "note after the referral closed", r: note(0, 20, "2023-09-02")},
		{name: "allocation after early help closed", r: allocation(0, 10, "2023-07-01", "2023-07-02", 20, 200),
			want: []fault{{"start", "The early help episode closed on 30 June 2023"}}},
		{name: "assessment ending when the referral closed", r: assessment(0, 20, "2023-08-01", "2023-09-01")},
		{name: "assessment ending after the referral closed", r: assessment(0, 20, "2023-08-01", "2023-09-02"),
			want: []fault{{"end", "The referral closed on 1 September 2023: this must end by then"}}},

		// Follows: Section 47 enquiry.
		{name: "s47 following nothing", r: s47(0, 2, 0, "2024-03-01", "", ""),
			want: []fault{{"follows", "A Section 47 enquiry starts at a strategy discussion that decided on one"}}},
		{name: "s47 following a strategy discussion that decided on none", r: s47(0, 2, 13, "2024-03-01", "", ""),
			want: []fault{{"follows", "A Section 47 enquiry starts at a strategy discussion"}}},
		{name: "s47 following another referral's strategy discussion", r: s47(0, 2, 21, "2024-03-01", "", ""),
			want: []fault{{"follows", "that decided on one of the same referral"}}},
		{name: "s47 following a note", r: s47(0, 2, 22, "2024-03-01", "", ""),
			want: []fault{{"follows", "A Section 47 enquiry starts at a strategy discussion"}}},
		{name: "s47 following a record that is not there", r: s47(0, 2, 999, "2024-03-01", "", ""),
			want: []fault{{"follows", "A Section 47 enquiry starts at a strategy discussion"}}},
		{name: "s47 the day before its strategy discussion", r: s47(0, 2, 4, "2024-01-14", "", ""),
			want: []fault{{"start", "cannot be before the strategy discussion it follows (15 January 2024)"}}},
		{name: "s47 on the day of its strategy discussion", r: s47(0, 2, 4, "2024-01-15", "", "")},

		// Follows: initial conference.
		{name: "icpc following nothing", r: icpc(0, 2, 0, "2024-03-01", false),
			want: []fault{{"follows", "An initial child protection conference follows a Section 47 enquiry"}}},
		{name: "icpc following a strategy discussion", r: icpc(0, 2, 4, "2024-03-01", false),
			want: []fault{{"follows", "follows a Section 47 enquiry"}}},
		{name: "icpc following an open s47", r: icpc(0, 2, 15, "2024-02-12", false)},
		{name: "icpc following an s47 that decided on one", r: icpc(0, 2, 5, "2024-02-06", true)},
		{name: "icpc following an s47 that ended in no further action", r: icpc(0, 2, 14, "2024-02-06", false),
			want: []fault{{"follows", "The Section 47 enquiry ended without deciding on a conference"}}},
		{name: "icpc following another referral's s47", r: icpc(0, 20, 5, "2023-08-01", false),
			want: []fault{{"follows", "of the same referral"}}},

		// Follows: child protection plan (the plan 7 changed, so that it
		// does not clash with itself).
		{name: "plan following an icpc that made none", r: with(plan, func(r *Record) { r.Follows, r.Start = 12, day("2024-02-01") }),
			want: []fault{{"follows", "A child protection plan starts at an initial child protection conference that decided on one"}}},
		{name: "plan following nothing", r: with(plan, func(r *Record) { r.Follows = 0 }),
			want: []fault{{"follows", "A child protection plan starts at an initial child protection conference"}}},
		{name: "plan the day after its conference", r: with(plan, func(r *Record) { r.Start = day("2024-02-06") }),
			want: []fault{{"start", "A child protection plan starts on the day of the conference that made it (5 February 2024)"}}},

		// Follows: review conference.
		{name: "review of an open plan", r: review(0, 2, 7, "2024-08-01")},
		{name: "review of a child in need plan", r: review(0, 2, 11, "2024-03-01"),
			want: []fault{{"follows", "A review conference reviews a child protection plan"}}},
		{name: "review before the plan", r: review(0, 2, 7, "2024-02-04"),
			want: []fault{{"start", "cannot be before the child protection plan it follows (5 February 2024)"}}},
		{name: "review on the day the plan ended", records: planEnded, r: review(0, 2, 7, "2024-08-01")},
		{name: "review after the plan ended", records: planEnded, r: review(0, 2, 7, "2024-08-02"),
			want: []fault{{"start", "The plan ended on 1 August 2024: a review conference cannot be after it"}}},

		// Follows: the rest.
		{name: "visit about a cp plan", r: visit(0, 7, "2024-03-01", true)},
		{name: "visit about a cin plan", r: visit(0, 11, "2024-02-01", false)},
		{name: "visit about an assessment", r: visit(0, 3, "2024-02-01", true),
			want: []fault{{"follows", "A visit is about a child in need or child protection plan"}}},
		{name: "referral stepped up from early help", records: []Record{earlyHelp(10, 0, "2023-01-01", "2023-06-30")}, r: referral(0, 10, "2023-06-30", "")},
		{name: "referral following an assessment", r: with(findIn(rs, 2), func(r *Record) { r.Follows = 3 }),
			want: []fault{{"follows", "A referral follows a contact or steps up from early help"}}},
		{name: "referral before its contact", r: with(findIn(rs, 2), func(r *Record) { r.Start = day("2024-01-07") }),
			want: []fault{{"start", "cannot be before the contact it follows (8 January 2024)"}}},
		{name: "early help stepped down from a referral", r: earlyHelp(0, 20, "2023-09-01", "2023-12-01")},
		{name: "early help following a note", r: earlyHelp(0, 22, "2024-03-01", ""),
			want: []fault{{"follows", "Early help follows a contact or steps down from social care"}}},
		{name: "note following a plan", r: with(note(0, 2, "2024-03-01"), func(r *Record) { r.Follows = 7 }),
			want: []fault{{"follows", "A case note does not follow another record"}}},

		// Overlaps.
		{name: "second open referral", r: referral(0, 0, "2024-03-01", ""),
			want: []fault{{"start", "A child has one open referral at a time: close the last one before referring again (another runs from 9 January 2024 and is open)"}}},
		{name: "referral starting the day the last closed", r: referral(0, 0, "2023-09-01", "2023-12-01")},
		{name: "referral ending the day the next started", r: referral(0, 0, "2023-09-02", "2024-01-09")},
		{name: "referral ending the day after the next started", r: referral(0, 0, "2023-10-01", "2024-01-10"),
			want: []fault{{"start", "one open referral at a time"}}},
		{name: "referral spanning a closed one", r: referral(0, 0, "2023-08-31", "2023-09-01"),
			want: []fault{{"start", "(another runs from 1 July 2023 to 1 September 2023)"}}},
		{name: "open referral before the others", r: referral(0, 0, "2023-06-01", ""),
			want: []fault{{"start", "one open referral at a time"}}},
		{name: "early help ending the day the other started", r: earlyHelp(0, 0, "2022-06-01", "2023-01-01")},
		{name: "early help ending the day after the other started", r: earlyHelp(0, 0, "2022-06-01", "2023-01-02"),
			want: []fault{{"start", "A child has one early help episode at a time"}}},
		{name: "open early help from before a closed one", r: earlyHelp(0, 0, "2022-06-01", ""),
			want: []fault{{"start", "one early help episode at a time"}}},
		{name: "open early help after a closed one", r: earlyHelp(0, 0, "2024-03-01", "")},
		{name: "cin plan from the day the last ended", r: cinPlan(0, 2, "2024-02-05", "")},
		{name: "cin plan from the day before the last ended", r: cinPlan(0, 2, "2024-02-04", ""),
			want: []fault{{"start", "Child in need plans cannot overlap (another runs from 20 January 2024 to 5 February 2024)"}}},
		{name: "cin plan ending the day the next started", r: cinPlan(0, 2, "2024-01-15", "2024-01-20")},
		{name: "cin plan ending the day after the next started", r: cinPlan(0, 2, "2024-01-15", "2024-01-21"),
			want: []fault{{"start", "Child in need plans cannot overlap"}}},
		{name: "second cp plan from the same conference", r: cpPlan(0, 2, 6, "2024-02-05", "2024-03-01"),
			want: []fault{{"start", "Child protection plans cannot overlap (another runs from 5 February 2024 and is open)"}}},
		{name: "second open allocation", r: allocation(0, 2, "2024-03-01", "", 10, 101),
			want: []fault{{"start", "A child is allocated to one worker at a time"}}},
		{name: "allocation from the day the last ended", records: allocEnded, r: allocation(0, 2, "2024-03-01", "", 10, 101)},
		{name: "allocation from the day before the last ended", records: allocEnded, r: allocation(0, 2, "2024-02-29", "", 10, 101),
			want: []fault{{"start", "(another runs from 9 January 2024 to 1 March 2024)"}}},
		{name: "two strategy discussions on a day", r: strategy(0, 2, "2024-01-15", "s47")},

		// Closure.
		{name: "closing with an allocation open", records: closing, r: closeOn("2024-03-01"),
			want: []fault{{"end", "The allocation that started on 1 January 2024 is still open: end it first"}}},
		{name: "closing with all work ended (a later note allowed)", records: closingAllocEnded("2024-03-01"), r: closeOn("2024-03-01")},
		{name: "closing before work ended", records: closingAllocEnded("2024-01-20"), r: closeOn("2024-01-20"),
			want: []fault{{"end", "The child and family assessment ends on 1 February 2024, after this closing date"}}},
		{name: "closing before work started", records: closingAllocEnded("2024-01-01"), r: closeOn("2024-01-01"),
			want: []fault{{"end", "The child and family assessment on 2 January 2024 is after this closing date"}}},
		{name: "closing before a visit", records: append(closingAllocEnded("2024-03-01"), visit(34, 0, "2024-03-10", true).withEpisode(30)), r: closeOn("2024-03-01"),
			want: []fault{{"end", "The visit on 10 March 2024 is after this closing date"}}},
		{name: "closing early help with an allocation open", records: eh, r: with(eh[0], func(r *Record) { r.End, r.EarlyHelp.Closure = day("2024-03-01"), "declined" }),
			want: []fault{{"end", "The allocation that started on 1 January 2024 is still open"}}},
		{name: "a new closed referral has nothing in it", records: closing[1:], r: referral(0, 0, "2023-01-01", "2023-12-31")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.person
			if p.ID == 0 {
				p = born
			}
			records := tt.records
			if records == nil {
				records = rs
			}
			if err := tt.r.Validate(); err != nil {
				t.Fatalf("the case's record is not valid on its own: %v", err)
			}
			wantFaults(t, Check(journeyOf(p, records...), tt.r), tt.want...)
		})
	}
}

// withEpisode places a fixture record in an episode.
func (r Record) withEpisode(ep ID) Record { r.Episode = ep; return r }

func TestCheckNeedsReferral(t *testing.T) {
	// Social care's own work belongs to a referral: without an episode, or
	// within early help, it is refused. Those that must follow another
	// record are also refused that, for want of one.
	rs := journeyRecords()
	for _, k := range []Kind{KindAssessment, KindStrategy, KindS47, KindICPC, KindCINPlan, KindCPPlan, KindCPReview} {
		for _, tc := range []struct {
			episode    ID
			start, end string
			msg        string
		}{
			{0, "2024-01-01", "2024-01-02", "belongs to a referral: choose the referral"},
			{10, "2023-03-01", "2023-04-01", "belongs to a referral, not an early help episode"},
		} {
			r := map[Kind]Record{
				KindAssessment: assessment(0, 0, "", ""), KindStrategy: strategy(0, 0, "", "s47"),
				KindS47: s47(0, 0, 0, "", "", ""), KindICPC: icpc(0, 0, 0, "", true),
				KindCINPlan: cinPlan(0, 0, "", ""), KindCPPlan: cpPlan(0, 0, 0, "", ""), KindCPReview: review(0, 0, 0, ""),
			}[k]
			r.Episode, r.Start = tc.episode, day(tc.start)
			if spans(k) {
				r.End = day(tc.end)
			}
			want := []fault{{"episode", lower(k) + " " + tc.msg}}
			if followRules[k].must {
				want = append(want, fault{"follows", followRules[k].rule})
			}
			t.Run(string(k)+" in episode "+string(rune('0'+tc.episode/10)), func(t *testing.T) {
				wantFaults(t, Check(journeyOf(childBorn("2015-06-15"), rs...), r), want...)
			})
		}
	}
}
