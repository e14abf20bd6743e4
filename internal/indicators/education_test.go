package indicators

import (
	"testing"

	"hearth/internal/education"
	"hearth/internal/people"
)

// The education section's indicators, from their definitions.

func (b *cb) education(r education.Record) *cb {
	r.PersonID = b.c.ID
	b.c.Education = append(b.c.Education, education.Normalise(r))
	return b
}

func (b *cb) term(from, to string, possible, attended int) *cb {
	b.c.Attendance = append(b.c.Attendance, education.Period{From: date(from), To: date(to),
		Summary: education.Attendance{Possible: possible, Attended: attended, Authorised: possible - attended}})
	return b
}

// request is an EHC needs assessment request received on a day whose final
// plan was issued on another, with the exceptions that applied.
func request(received, final string, exceptions ...string) education.Record {
	return education.Record{Kind: education.KindEHCRequest, EHCRequest: &education.EHCRequest{Received: date(received), RequestOutcome: "Y",
		AssessmentOutcome: "Y", FinalIssued: date(final), Exceptions: exceptions}}
}

func exclusion(category, start string) education.Record {
	return education.Record{Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: "103234",
		Exclusion: education.Exclusion{Category: category, Start: date(start)}}}
}

func TestEHC20Weeks(t *testing.T) {
	runCases(t, "ehc_20_weeks", []tc{
		{name: "on the last day of week 20, and a day late", at: "2023-03-31", children: []Child{
			kid(1, "2015-01-01").education(request("2022-06-01", "2022-10-19")).child(), // 140 days
			kid(2, "2015-01-01").education(request("2022-06-01", "2022-10-20")).child(), // 141 days
		}, want: val(50), num: []people.ID{1}, den: []people.ID{1, 2}},
		{name: "an exception leaves the plan out; one issued before the 12 months, and one not yet issued, too", at: "2023-03-31", children: []Child{
			kid(1, "2015-01-01").education(request("2022-06-01", "2022-12-20", "A")).child(),
			kid(2, "2015-01-01").education(request("2021-01-04", "2021-05-01")).child(),
			kid(3, "2015-01-01").education(request("2023-01-04", "")).child(),
		}, want: nil, num: []people.ID{}, den: []people.ID{}},
		{name: "the 12 months run from 1 April", at: "2023-03-31", children: []Child{
			kid(1, "2015-01-01").education(request("2021-12-01", "2022-04-01")).child(),
			kid(2, "2015-01-01").education(request("2021-11-01", "2022-03-31")).child(),
		}, want: val(100), num: []people.ID{1}, den: []people.ID{1}},
	})
}

func TestExclusionsPer100(t *testing.T) {
	pupils := func() []Child {
		var out []Child
		for id := people.ID(1); id <= 4; id++ {
			out = append(out, kid(id, "2010-05-05").term("2022-09-05", "2022-12-16", 140, 130).child())
		}
		return out
	}
	withExclusions := pupils()
	a := kid(1, "2010-05-05").term("2022-09-05", "2022-12-16", 140, 130)
	a.education(exclusion(education.Suspension, "2022-10-03")).education(exclusion(education.Suspension, "2023-01-09"))
	a.education(exclusion(education.Suspension, "2022-06-10")) // last school year
	a.education(exclusion(education.Permanent, "2023-01-20"))
	withExclusions[0] = a.child()
	runCases(t, "suspensions_per_100", []tc{
		{name: "two suspensions this school year among 4 pupils", at: "2023-01-31", children: withExclusions, want: val(50),
			num: []people.ID{1, 1}, den: []people.ID{1, 2, 3, 4}},
		{name: "a suspension after the date is not counted", at: "2023-01-06", children: withExclusions, want: val(25),
			num: []people.ID{1}, den: []people.ID{1, 2, 3, 4}},
		{name: "a term not ended by the date makes no pupil", at: "2022-12-15", children: withExclusions, want: nil,
			num: []people.ID{1}, den: []people.ID{}},
	})
	runCases(t, "permanent_exclusions_per_100", []tc{
		{name: "one of 4 pupils", at: "2023-01-31", children: withExclusions, want: val(25), num: []people.ID{1}, den: []people.ID{1, 2, 3, 4}},
		{name: "none yet", at: "2023-01-19", children: withExclusions, want: val(0), num: []people.ID{}, den: []people.ID{1, 2, 3, 4}},
	})
}

func TestCMEAndEHE(t *testing.T) {
	cme := func(received, closed string) education.Record {
		e := &education.CMEEnquiry{Received: date(received), Source: education.CMEFromSchool}
		if closed != "" {
			e.Closed, e.Outcome, e.RiskAssessment = date(closed), "on_roll", "none"
		}
		return education.Record{Kind: education.KindCME, CME: e}
	}
	ehe := func(from, ended string) education.Record {
		e := &education.EHE{From: date(from)}
		if ended != "" {
			e.Ended, e.EndReason = date(ended), "school"
		}
		return education.Record{Kind: education.KindEHE, EHE: e}
	}
	runCases(t, "cme_open", []tc{
		{name: "open, closed on the day (still open), closed before, two enquiries of one child", at: "2023-03-31", children: []Child{
			kid(1, "2012-01-01").education(cme("2023-03-01", "")).child(),
			kid(2, "2012-01-01").education(cme("2023-03-01", "2023-03-31")).child(),
			kid(3, "2012-01-01").education(cme("2023-01-01", "2023-03-30")).child(),
			kid(4, "2012-01-01").education(cme("2023-01-01", "")).education(cme("2023-02-01", "")).child(),
			kid(5, "2012-01-01").education(cme("2023-04-01", "")).child(),
		}, want: val(3), num: []people.ID{1, 2, 4}},
	})
	runCases(t, "ehe_count", []tc{
		{name: "on the register on the day", at: "2023-03-31", children: []Child{
			kid(1, "2012-01-01").education(ehe("2020-01-01", "")).child(),
			kid(2, "2012-01-01").education(ehe("2020-01-01", "2023-03-01")).child(),
			kid(3, "2012-01-01").education(ehe("2023-03-31", "")).child(),
		}, want: val(2), num: []people.ID{1, 3}},
	})
}

func TestSocialWorkerAttendance(t *testing.T) {
	in := func(id people.ID) *cb {
		b := kid(id, "2012-01-01")
		b.referral("2022-01-10", "", false)
		return b
	}
	children := []Child{
		in(1).term("2022-09-05", "2022-12-16", 100, 90).child(),                                          // exactly 10% missed
		in(2).term("2022-09-05", "2022-12-16", 100, 95).term("2023-01-03", "2023-03-31", 100, 0).child(), // spring not ended
		in(3).term("2022-04-25", "2022-07-22", 100, 10).child(),                                          // last school year only
		kid(4, "2012-01-01").term("2022-09-05", "2022-12-16", 100, 50).child(),                           // no social worker
		func() Child {
			b := kid(5, "2012-01-01")
			b.referral("2022-01-10", "", true)
			return b.term("2022-09-05", "2022-12-16", 100, 50).child()
		}(),
	}
	runCases(t, "sw_attendance", []tc{
		{name: "sessions of the children with a social worker", at: "2023-01-31", children: children, want: val(92.5),
			num: []people.ID{1, 2}, den: []people.ID{1, 2}},
	})
	runCases(t, "sw_persistent_absence", []tc{
		{name: "10% missed is persistent", at: "2023-01-31", children: children, want: val(50), num: []people.ID{1}, den: []people.ID{1, 2}},
	})
}
