package journey

import (
	"testing"

	"hearth/internal/care"
)

// careHistory is a child's care so far: accommodated on 10 January 2023,
// made the subject of a full care order on 3 April (same placement, reason
// L), moved to other foster carers on 1 September (reason P), still there.
func careHistory() []Record {
	return []Record{
		episode(101, "2023-01-10", "2023-04-03", "S", "X1"),
		legal(episode(102, "2023-04-03", "2023-09-01", "L", "X1"), "C2"),
		moved(legal(episode(103, "2023-09-01", "", "P", ""), "C2"), 7),
	}
}

func TestCheckCare(t *testing.T) {
	born := childBorn("2010-05-15")
	rs := careHistory()
	// The history with the last episode ended on 1 January 2024.
	endedWith := func(reason string) []Record {
		return changed(rs, withEpisode(rs[2], func(r *Record, e *care.Episode) { r.End, e.ReasonCeased = day("2024-01-01"), reason }))
	}
	after := func(start, reason string, fn func(e *care.Episode)) Record {
		r := legal(episode(0, start, "", reason, ""), "C2")
		r.CareEpisode.Household = 7
		fn(r.CareEpisode)
		return r
	}
	same := func(*care.Episode) {}
	newCarers := func(e *care.Episode) { e.Household = 9 }
	in := func(r Record, ep ID) Record { r.Episode = ep; return r }
	tests := []struct {
		name    string
		person  string // date of birth, when not born's
		records []Record
		r       Record
		want    []fault
	}{
		{name: "the history as it stands", r: rs[2]},
		{name: "a new episode while one is open", r: after("2024-01-01", "S", same),
			want: []fault{{"start", "Episodes of care never overlap"}}},
		{name: "ended with X1, the next to follow", r: endedWith("X1")[2], records: rs},
		{name: "a move the day the last ended with X1", records: endedWith("X1"), r: after("2024-01-01", "P", newCarers)},
		{name: "a move given as a change of legal status", records: endedWith("X1"), r: after("2024-01-01", "L", newCarers),
			want: []fault{{"care_episode.reason_new", "Reason L is a change of legal status only"}}},
		{name: "a change of legal status given as a move", records: endedWith("X1"), r: after("2024-01-01", "P", func(e *care.Episode) { e.LegalStatus = "C1" }),
			want: []fault{{"care_episode.reason_new", "Reasons P and T are a change of placement only"}}},
		{name: "both changed, reason B", records: endedWith("X1"), r: after("2024-01-01", "B", func(e *care.Episode) { e.LegalStatus = "C1"; e.Household = 9 })},
		{name: "nothing changed", records: endedWith("X1"), r: after("2024-01-01", "L", same),
			want: []fault{{"care_episode.reason_new", "the legal status must change"}}},
		{name: "a new period straight after X1", records: endedWith("X1"), r: after("2024-01-01", "S", newCarers),
			want: []fault{{"care_episode.reason_new", "carries on that period of care"}}},
		{name: "a gap after X1", records: endedWith("X1"), r: after("2024-01-05", "P", newCarers),
			want: []fault{{"start", "ended on 1 January 2024 with X1: the episode that follows it starts that day"}}},
		{name: "a new period after the last ended", records: endedWith("E4A"), r: after("2024-03-01", "S", same)},
		{name: "a change after the period ended", records: endedWith("E4A"), r: after("2024-03-01", "P", newCarers),
			want: []fault{{"care_episode.reason_new", "Only a new period of care (S) can start now"}}},
		{name: "a change the day the period ended", records: endedWith("E4A"), r: after("2024-01-01", "P", newCarers),
			want: []fault{{"care_episode.reason_new", "Only a new period of care (S) can start now"}}},
		{name: "the first episode ever is not S (rule 357)", records: []Record{}, r: after("2023-01-10", "P", same),
			want: []fault{{"care_episode.reason_new", "choose S (rule 357)"}}},
		{name: "starting care at 18 (rule 352)", person: "2005-01-01", records: []Record{}, r: after("2023-01-01", "S", same),
			want: []fault{{"start", "cannot start at 18 or over"}}},
		{name: "starting care the day before 18", person: "2005-01-02", records: []Record{}, r: after("2023-01-01", "S", same)},
		{name: "a move at 18", person: "2005-12-31", records: endedWith("X1"), r: after("2024-01-01", "P", newCarers),
			want: []fault{{"start", "cannot start at 18 or over"}}},
		{name: "a new period the day the last ended (rule 431)", records: endedWith("E4A"), r: after("2024-01-01", "S", newCarers),
			want: []fault{{"start", "a new one cannot start that day"}}},
		{name: "a change of legal status that would make the next reason wrong", r: withEpisode(rs[1], func(r *Record, e *care.Episode) { e.LegalStatus = "C1" }),
			want: []fault{{"care_episode", "has reason P, which this change would make wrong"}}},
		{name: "an X1 end short of the next episode", r: with(rs[1], func(r *Record) { r.End = day("2023-08-30") }),
			want: []fault{{"end", "the next episode starts on 1 September 2023"}}},
		{name: "an X1 end past the next episode", r: with(rs[1], func(r *Record) { r.End = day("2023-09-05") }),
			want: []fault{{"start", "Episodes of care never overlap"}}},
		{name: "a period ended where the next carries on", r: withEpisode(rs[1], func(r *Record, e *care.Episode) { e.ReasonCeased = "E4A" }),
			want: []fault{{"care_episode.reason_ceased", "end this one with X1"}}},
		// A change to an episode that would leave a record out of care.
		{name: "a later start leaving a review out of care", records: append(careHistory(), careReview(130, "2023-02-01")),
			r:    with(rs[0], func(r *Record) { r.Start = day("2023-03-01") }),
			want: []fault{{"start", "The review of the care plan on 1 February 2023 would no longer be in the child's care"}}},
		{name: "an end leaving a review out of care", records: append(careHistory(), careReview(130, "2024-02-01")),
			r: endedWith("E4A")[2], want: []fault{{"end", "review of the care plan on 1 February 2024 would no longer be in the child's care"}}},
		{name: "an X1 end before a review: the child stays in care", records: append(careHistory(), careReview(130, "2024-02-01")),
			r: endedWith("X1")[2]},
		{name: "a review after an X1 end, the next episode to come", records: endedWith("X1"), r: careReview(0, "2024-02-01")},
		// Records of a child in care.
		{name: "a review in care", r: careReview(0, "2023-05-01")},
		{name: "a review before care", r: careReview(0, "2023-01-09"),
			want: []fault{{"start", "the child is not in care on 9 January 2023"}}},
		{name: "a review the day care ended", records: endedWith("E4A"), r: careReview(0, "2024-01-01"),
			want: []fault{{"start", "not in care on 1 January 2024"}}},
		{name: "a health assessment on the first day", r: healthAssessment(0, "2023-01-10", true)},
		{name: "an SDQ out of care", records: []Record{}, r: sdq(0, "2023-05-01", 12),
			want: []fault{{"start", "not in care"}}},
		{name: "a PEP out of care", records: []Record{}, r: pep(0, "2023-05-01"),
			want: []fault{{"start", "not in care"}}},
		{name: "a dental check out of care", records: []Record{}, r: dental(0, "2023-05-01"),
			want: []fault{{"start", "not in care"}}},
		{name: "a decision for adoption in care", r: adoption(0, "2023-06-01")},
		{name: "a decision for adoption before care (rule 334)", r: adoption(0, "2023-01-09"),
			want: []fault{{"start", "while they are looked after"}}},
		// Care leavers.
		{name: "a pathway plan, the service open", records: append(careHistory(), leavingCare(110, "2023-06-01", "")), r: pathwayPlan(0, "2023-07-01")},
		{name: "a pathway plan for a child who is no care leaver", r: pathwayPlan(0, "2023-07-01"),
			want: []fault{{"start", "is for a care leaver"}}},
		// Born 1 January 2007: 16 on 1 January 2023, in care from the 10th,
		// eligible from 10 April (91 days), without the service open.
		{name: "a pathway plan for an eligible child", person: "2007-01-01", r: pathwayPlan(0, "2023-04-10")},
		{name: "a pathway plan a day before eligible", person: "2007-01-01", r: pathwayPlan(0, "2023-04-09"),
			want: []fault{{"start", "is for a care leaver"}}},
		{name: "a birthday contact after the service closed", records: append(careHistory(), leavingCare(110, "2023-06-01", "2023-06-30")), r: leaverContact(0, "2023-07-01"),
			want: []fault{{"start", "is for a care leaver"}}},
		// What belongs to an episode of care or the leaving care service.
		{name: "an allocation in the period of care", r: in(allocation(0, 0, "2023-09-05", "", 10, 100), 101)},
		{name: "an allocation from before the period of care", r: in(allocation(0, 0, "2023-01-01", "", 10, 100), 103),
			want: []fault{{"start", "before the period of care it belongs to (10 January 2023)"}}},
		{name: "an allocation outlasting the period of care", records: endedWith("E4A"), r: in(allocation(0, 0, "2023-02-01", "2024-02-01", 10, 100), 101),
			want: []fault{{"end", "The period of care closed on 1 January 2024"}}},
		{name: "a visit in the leaving care service", records: append(careHistory(), leavingCare(110, "2023-06-01", "")), r: in(visit(0, 0, "2023-07-01", true), 110)},
		{name: "a case review cannot belong to an episode of care", r: in(careReview(0, "2023-05-01"), 101),
			want: []fault{{"episode", "Choose a referral or early help episode of this child"}}},
		// Missing episodes.
		{name: "missing while missing (rule 574)", records: []Record{missing(120, "2023-05-01", "")}, r: missing(0, "2023-06-01", ""),
			want: []fault{{"start", "Missing episodes never overlap"}}},
		{name: "missing again the day of the return", records: []Record{missing(120, "2023-05-01", "2023-05-02")}, r: missing(0, "2023-05-02", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := born
			if tt.person != "" {
				p = childBorn(tt.person)
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

func TestCarePeriods(t *testing.T) {
	rs := append(careHistory()[:2], episode(104, "2024-02-01", "2024-02-03", "S", "E8"))
	rs[1] = withEpisode(rs[1], func(r *Record, e *care.Episode) { e.ReasonCeased = "E4A" })
	breaks := withEpisode(episode(105, "2024-03-01", "2024-03-02", "S", "E8"), func(r *Record, e *care.Episode) { e.LegalStatus = "V3" })
	got := CarePeriods(append(rs, breaks))
	want := []care.Period{
		{Start: day("2023-01-10"), End: day("2023-09-01")},
		{Start: day("2024-02-01"), End: day("2024-02-03")},
		{Start: day("2024-03-01"), End: day("2024-03-02"), ShortBreaks: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("period %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if !InCare(rs, day("2023-08-31")) || InCare(rs, day("2023-09-01")) || InCare(rs, day("2023-01-09")) {
		t.Error("InCare: in care from the period's start up to the day before its end")
	}
}

func TestCarePeriodsAwaitingTheNextEpisode(t *testing.T) {
	// Ended with X1 and the next episode not yet recorded: still in care.
	got := CarePeriods([]Record{episode(1, "2024-01-01", "2024-02-01", "S", "X1")})
	if len(got) != 1 || got[0] != (care.Period{Start: day("2024-01-01")}) {
		t.Errorf("got %+v, want one open period from 1 January 2024", got)
	}
}
