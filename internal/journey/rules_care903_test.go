package journey

import (
	"testing"

	"hearth/internal/care"
)

// TestCheckCare903 holds care records to the 903 rules that need the
// child's other records: for each rule (named in the case) a case that
// keeps it and one that breaks it, from the rule's definition.
func TestCheckCare903(t *testing.T) {
	// ep is an episode of care changed by fn.
	ep := func(id ID, start, end, reasonNew, reasonCeased string, fn func(e *care.Episode)) Record {
		return withEpisode(episode(id, start, end, reasonNew, reasonCeased), func(r *Record, e *care.Episode) { fn(e) })
	}
	same := func(*care.Episode) {}
	ls := func(code string) func(e *care.Episode) { return func(e *care.Episode) { e.LegalStatus = code } }
	place := func(code string, h care.HouseholdID) func(e *care.Episode) {
		return func(e *care.Episode) {
			e.Placement, e.Household = code, h
			if care.Temporary(code) {
				e.Provider, e.URN = "", ""
			}
		}
	}
	both := func(fs ...func(e *care.Episode)) func(e *care.Episode) {
		return func(e *care.Episode) {
			for _, f := range fs {
				f(e)
			}
		}
	}
	// A plan for adoption decided on 15 January 2024, and one that ended
	// with an adoption order on order, by the foster carers or not.
	plan := adoption(390, "2024-01-15")
	adopted := func(order string, byCarers bool) Record {
		return with(adoption(391, "2024-01-15"), func(r *Record) {
			r.Adoption = &care.Adoption{Matched: day("2024-03-01"), Placed: day("2024-03-01"), Order: day(order), FosterCarers: byCarers}
			adopters(r.Adoption)
			r.End = day(order)
		})
	}
	// In care from 1 January 2024, U6 with the council's carers
	// (household 7) at WV1 1AA.
	first := ep(301, "2024-01-01", "2024-02-01", "S", "X1", func(e *care.Episode) { e.Household, e.Postcode = 7, "WV1 1AA" })
	open1 := ep(301, "2024-01-01", "", "S", "", func(e *care.Episode) { e.Household, e.Postcode = 7, "WV1 1AA" })
	usual := func(e *care.Episode) { e.Household, e.Postcode = 7, "WV1 1AA" }
	backHome := func(fn func(e *care.Episode)) Record {
		return ep(0, "2024-02-10", "", "P", "", both(func(e *care.Episode) { e.Household, e.Postcode = 7, "WV1 1AA" }, fn))
	}
	hospital := ep(302, "2024-02-01", "2024-02-10", "P", "X1", place("T1", 0))
	// Holidays with the carers away (T3): two in the spring of 2024.
	holidays := []Record{
		ep(311, "2024-01-01", "2024-02-01", "S", "X1", same),
		ep(312, "2024-02-01", "2024-02-10", "P", "X1", place("T3", 0)),
		ep(313, "2024-02-10", "2024-04-01", "P", "X1", same),
		ep(314, "2024-04-01", "2024-04-10", "P", "X1", place("T3", 0)),
	}
	thenUntil := func(end string) []Record {
		return append(holidays[:4:4], ep(315, "2024-04-10", end, "P", "X1", same))
	}
	missingSince := func(start, end string) Record { return missing(340, start, end) }
	endedWith := func(rc string) Record { return ep(0, "2024-01-01", "2024-02-01", "S", rc, same) }

	tests := []struct {
		name    string
		person  string // the child's date of birth
		records []Record
		r       Record
		want    []fault
	}{
		// Rule 358: no child under 10 is remanded or detained.
		{name: "358: J1 the day before the 10th birthday", person: "2010-05-15", r: ep(0, "2020-05-14", "", "S", "", ls("J1")),
			want: []fault{{"care_episode.legal_status", "rule 358"}}},
		{name: "358: J1 on the 10th birthday", person: "2010-05-15", r: ep(0, "2020-05-15", "", "S", "", ls("J1"))},
		// Rule 371 (2024-25): supported accommodation (K3) from 16.
		{name: "371: K3 at 15", person: "2010-05-15", r: ep(0, "2026-05-14", "", "S", "", func(e *care.Episode) { e.Placement, e.Provider = "K3", "PR4" }),
			want: []fault{{"care_episode.placement", "rule 371"}}},
		{name: "371: K3 at 16", person: "2010-05-15", r: ep(0, "2026-05-15", "", "S", "", func(e *care.Episode) { e.Placement, e.Provider = "K3", "PR4" })},
		// Rule 504: the category of need of the period's start throughout.
		{name: "504: a move with another need", records: []Record{first},
			r:    ep(0, "2024-02-01", "", "P", "", func(e *care.Episode) { e.Household, e.Need = 9, "N2" }),
			want: []fault{{"care_episode.need", "rule 504"}}},
		{name: "504: a move with the same need", records: []Record{first}, r: ep(0, "2024-02-01", "", "P", "", func(e *care.Episode) { e.Household = 9 })},
		{name: "504: a new period may have another", records: []Record{ep(301, "2023-01-01", "2023-06-01", "S", "E4A", same)},
			r: ep(0, "2024-01-01", "", "S", "", func(e *care.Episode) { e.Need = "N2" })},
		// Rule 361: police protection at most 72 hours, over a move.
		{name: "361: L1 for 4 days over a move", records: []Record{ep(321, "2024-01-01", "2024-01-03", "S", "X1", ls("L1"))},
			r: ep(0, "2024-01-03", "2024-01-05", "P", "E4A", both(ls("L1"), place("U6", 9))), want: []fault{{"end", "rule 361"}}},
		{name: "361: L1 for 3 days over a move", records: []Record{ep(321, "2024-01-01", "2024-01-03", "S", "X1", ls("L1"))},
			r: ep(0, "2024-01-03", "2024-01-04", "P", "E4A", both(ls("L1"), place("U6", 9)))},
		// Rule 383: back to the usual placement after a temporary one.
		{name: "383: back to the same carers", records: []Record{first, hospital}, r: backHome(same)},
		{name: "383: to other carers of another type", records: []Record{first, hospital}, r: backHome(func(e *care.Episode) { e.Placement = "U4" }),
			want: []fault{{"care_episode.placement", "rule 383"}}},
		{name: "383: after two temporary placements, elsewhere", records: []Record{first, ep(302, "2024-02-01", "2024-02-05", "P", "X1", place("T1", 0)), ep(303, "2024-02-05", "2024-02-10", "P", "X1", place("T2", 0))},
			r: backHome(func(e *care.Episode) { e.Placement = "U4" }), want: []fault{{"care_episode.placement", "rule 383"}}},
		{name: "383: after two temporary placements, home", records: []Record{first, ep(302, "2024-02-01", "2024-02-05", "P", "X1", place("T1", 0)), ep(303, "2024-02-05", "2024-02-10", "P", "X1", place("T2", 0))},
			r: backHome(same)},
		{name: "383: at another postcode", records: []Record{first, hospital}, r: backHome(func(e *care.Episode) { e.Postcode = "WV2 2BB" }),
			want: []fault{{"care_episode.placement", "rule 383"}}},
		// Rule 377: two holiday moves (T3) in any 12 months.
		{name: "377: a third within 12 months", records: thenUntil("2024-06-01"), r: ep(0, "2024-06-01", "", "P", "", place("T3", 0)),
			want: []fault{{"start", "rule 377"}}},
		{name: "377: a third 12 months after the first", records: thenUntil("2025-02-01"), r: ep(0, "2025-02-01", "", "P", "", place("T3", 0))},
		// Rule 336: placed for adoption with the foster carers (A5) from
		// foster care; rules 551 and 554 need the plan for adoption.
		{name: "336: A5 from foster care", records: []Record{plan, ep(331, "2024-01-01", "2024-03-01", "S", "X1", same)},
			r: ep(0, "2024-03-01", "", "U", "", both(ls("E1"), place("A5", 0)))},
		{name: "336: A5 from a children's home", records: []Record{plan, ep(331, "2024-01-01", "2024-03-01", "S", "X1", place("K2", 0))},
			r: ep(0, "2024-03-01", "", "U", "", both(ls("E1"), place("A5", 0))), want: []fault{{"care_episode.placement", "rule 336"}}},
		{name: "551: A4 without a plan for adoption", records: []Record{first},
			r: ep(0, "2024-02-01", "", "P", "", place("A4", 0)), want: []fault{{"care_episode.placement", "rule 551"}}},
		{name: "551: A4 with the plan", records: []Record{first, plan}, r: ep(0, "2024-02-01", "", "P", "", place("A4", 0))},
		{name: "554: a placement order before the decision", records: []Record{first},
			r: ep(0, "2024-02-01", "", "L", "", both(usual, ls("E1"))), want: []fault{{"care_episode.legal_status", "rule 554"}}},
		{name: "554: a placement order after it", records: []Record{first, plan}, r: ep(0, "2024-02-01", "", "L", "", both(usual, ls("E1")))},
		// Rules 601 and 335: an adoption on the plan, by the carers the
		// placement says.
		{name: "601: adopted without the order on the plan", records: []Record{first, plan},
			r: ep(0, "2024-02-01", "2024-06-01", "P", "E11", place("A4", 0)), want: []fault{{"care_episode.reason_ceased", "rule 601"}}},
		{name: "601: adopted, the order on the plan", records: []Record{first, adopted("2024-06-01", false)},
			r: ep(0, "2024-02-01", "2024-06-01", "P", "E11", place("A4", 0))},
		{name: "335: adopted from A4 by the foster carers", records: []Record{first, adopted("2024-06-01", true)},
			r: ep(0, "2024-02-01", "2024-06-01", "P", "E11", place("A4", 0)), want: []fault{{"care_episode.placement", "rule 335"}}},
		{name: "335: the plan says the foster carers, the placement A4", records: []Record{first, ep(332, "2024-02-01", "2024-06-01", "P", "E11", place("A4", 0))},
			r: with(adopted("2024-06-01", true), func(r *Record) { r.ID = 0 }), want: []fault{{"adoption.foster_carers", "rule 335"}}},
		// Rules 575, 577 and 580: missing when a placement or care ends.
		{name: "575: a move while the child is missing from the placement", records: []Record{first, missingSince("2024-01-20", "")},
			r: ep(0, "2024-02-01", "", "P", "", place("U6", 9)), want: []fault{{"start", "rule 575"}}},
		{name: "575: a move after the child came back", records: []Record{first, missingSince("2024-01-20", "2024-01-21")},
			r: ep(0, "2024-02-01", "", "P", "", place("U6", 9))},
		{name: "575: a change of legal status while missing", records: []Record{first, missingSince("2024-01-20", "")},
			r: ep(0, "2024-02-01", "", "L", "", both(usual, ls("C2")))},
		{name: "577: care ends while the child is missing", records: []Record{missingSince("2024-01-20", "")}, r: endedWith("E8"),
			want: []fault{{"end", "rule"}}},
		{name: "580: care ends with E4A while the child is missing", records: []Record{missingSince("2024-01-31", "2024-02-02")}, r: endedWith("E4A"),
			want: []fault{{"care_episode.reason_ceased", "rule 580"}}},
		{name: "580: care ends with E8 while the child is missing", records: []Record{missingSince("2024-01-31", "2024-02-02")}, r: endedWith("E8")},
		{name: "580: care ends the day the child returned", records: []Record{missingSince("2024-01-31", "2024-02-01")}, r: endedWith("E4A")},
		{name: "577: missing, still open, from care that ended", records: []Record{endedWith("E8")}, r: missingSince("2024-01-20", ""),
			want: []fault{{"end", "rules 575 and 577"}}},
		{name: "580: missing past the end of care ended E4A", records: []Record{endedWith("E4A")}, r: missingSince("2024-01-31", "2024-02-02"),
			want: []fault{{"end", "rule 580"}}},
		{name: "575: missing and back within the placement", records: []Record{open1}, r: missingSince("2024-01-20", "2024-01-21")},
		// Rules 440 and 441: PN0 is for a child under 4 at the review.
		{name: "440: PN0 at 4", person: "2020-06-01", records: []Record{ep(350, "2023-01-01", "", "S", "", same)},
			r:    with(careReview(0, "2024-06-01"), func(r *Record) { r.CareReview = &care.Review{Participation: "PN0"} }),
			want: []fault{{"care_review.participation", "rule 440"}}},
		{name: "441: PN1 at 3", person: "2020-06-01", records: []Record{ep(350, "2023-01-01", "", "S", "", same)}, r: careReview(0, "2024-05-31"),
			want: []fault{{"care_review.participation", "rule 441"}}},
		{name: "441: PN1 at 4", person: "2020-06-01", records: []Record{ep(350, "2023-01-01", "", "S", "", same)}, r: careReview(0, "2024-06-01")},
		// Rules 157, 188 and 189: SDQ scores and reasons by age.
		{name: "157: SDQ1 at 13", person: "2010-05-15", records: []Record{open1},
			r: with(sdq(0, "2024-03-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Reason: "SDQ1"} }), want: []fault{{"sdq.reason", "rule 157"}}},
		{name: "157: a score at 13", person: "2010-05-15", records: []Record{open1}, r: sdq(0, "2024-03-01", 12)},
		{name: "189: a score at 17", person: "2006-06-01", records: []Record{open1}, r: sdq(0, "2024-03-01", 12),
			want: []fault{{"sdq.score", "rules 188 and 189"}}},
		{name: "189: SDQ1 at 17", person: "2006-06-01", records: []Record{open1},
			r: with(sdq(0, "2024-03-01", 0), func(r *Record) { r.SDQ = &care.SDQ{Reason: "SDQ1"} })},
		// Rule 304: UASC status ends by the 18th birthday.
		{name: "304: UASC ended the day after 18", person: "2005-06-01", r: with(base(0, KindUASC, 0, 0, "2022-01-01", "2023-06-02"), func(r *Record) { r.UASC = &care.UASC{} }),
			want: []fault{{"end", "rule 304"}}},
		{name: "304: UASC ended on the 18th birthday", person: "2005-06-01", r: with(base(0, KindUASC, 0, 0, "2022-01-01", "2023-06-01"), func(r *Record) { r.UASC = &care.UASC{} })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := childBorn("2010-05-15")
			if tt.person != "" {
				p = childBorn(tt.person)
			}
			if err := tt.r.Validate(); err != nil {
				t.Fatalf("the case's record is not valid on its own: %v", err)
			}
			wantFaults(t, Check(journeyOf(p, tt.records...), tt.r), tt.want...)
		})
	}
}

// TestCheckCareLeaver holds the leaving care service and its records to
// the young person's care history: the service is for a care leaver
// (eligible from their 16th birthday in care, or after a special
// guardianship order from care), and ends by 25; the return asks for no
// contact about a 17th or 18th birthday spent in care (rules 1007, 1016).
func TestCheckCareLeaver(t *testing.T) {
	const born = "2006-06-01" // 16 on 1 June 2022, 17 in 2023, 18 on 1 June 2024, 25 on 1 June 2031
	inCare := episode(401, "2020-01-01", "", "S", "")
	leftAt18 := episode(401, "2020-01-01", "2024-06-01", "S", "E17")
	leftAfter18 := episode(401, "2020-01-01", "2024-06-02", "S", "E17")
	// In care at 14, then a special guardianship order from care at 15.
	sgoCare := episode(402, "2020-06-01", "2021-06-01", "S", "E45")
	sgo := with(base(403, KindSGO, 0, 0, "2021-06-01", ""), func(r *Record) { r.SGO = &care.SGO{FormerFosterCarers: true, RelativeOrFriend: true} })
	lc := func(start, end string) Record { return leavingCare(0, start, end) }
	contact := func(start string) Record { return leaverContact(0, start) }
	lcOpen := leavingCare(404, "2022-06-01", "")
	tests := []struct {
		name    string
		records []Record
		r       Record
		want    []fault
	}{
		{name: "opened with no care history", r: lc("2022-06-01", ""), want: []fault{{"start", "is for a care leaver"}}},
		{name: "opened on the 16th birthday, in care since 14", records: []Record{inCare}, r: lc("2022-06-01", "")},
		{name: "opened the day before the 16th birthday", records: []Record{inCare}, r: lc("2022-05-31", ""), want: []fault{{"start", "is for a care leaver"}}},
		{name: "opened on leaving care at 18", records: []Record{leftAt18}, r: lc("2024-06-01", "")},
		{name: "opened at 16 after a special guardianship order from care", records: []Record{sgoCare, sgo}, r: lc("2022-06-01", "")},
		{name: "opened at 21 after a special guardianship order", records: []Record{sgoCare, sgo}, r: lc("2027-06-01", ""), want: []fault{{"start", "is for a care leaver"}}},
		{name: "a pathway plan under a special guardianship order", records: []Record{sgoCare, sgo}, r: pathwayPlan(0, "2022-07-01")},
		{name: "ended on the 25th birthday", records: []Record{leftAt18}, r: lc("2024-06-01", "2031-06-01")},
		{name: "ended after the 25th birthday", records: []Record{leftAt18}, r: lc("2024-06-01", "2031-06-02"), want: []fault{{"end", "25th birthday"}}},
		{name: "1007: a contact about the 17th birthday, in care then", records: []Record{inCare, lcOpen}, r: contact("2023-06-10"),
			want: []fault{{"start", "rules 1007 and 1016"}}},
		{name: "1007: a contact about the 18th birthday, left care that day", records: []Record{leftAt18, lcOpen}, r: contact("2024-06-10")},
		{name: "1016: a contact about the 18th birthday, left the day after", records: []Record{leftAfter18, lcOpen}, r: contact("2024-06-10"),
			want: []fault{{"start", "rules 1007 and 1016"}}},
		{name: "1016: a contact about the 19th birthday", records: []Record{leftAfter18, lcOpen}, r: contact("2025-06-10")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.r.Validate(); err != nil {
				t.Fatalf("the case's record is not valid on its own: %v", err)
			}
			wantFaults(t, Check(journeyOf(childBorn(born), tt.records...), tt.r), tt.want...)
		})
	}
}
