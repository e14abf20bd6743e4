package load

import (
	"fmt"
	"slices"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/returns/cin"
)

// icpcTargetWorkingDays is the census's InitialCPCtarget: 15 working days
// after the strategy discussion (package cin computes it the same way).
const icpcTargetWorkingDays = 15

// addCensus adds a census's children and their episodes.
func (b *builder) addCensus(file string, c cin.Census) {
	for i, cc := range c.Children {
		path := fmt.Sprintf("/Message/Children/Child[%d]", i+1)
		ch := b.child(cc.LAChildID, Origin{File: file, Where: path})
		censusPerson(ch, cc)
		for j, e := range cc.Episodes {
			b.addEpisode(ch, c.Year, Origin{File: file, Where: fmt.Sprintf("%s/CINdetails[%d]", path, j+1)}, e)
		}
	}
}

// censusPerson takes what the census says of the child. A later census
// replaces what an earlier one said: a UPN given, a death recorded.
func censusPerson(ch *child, cc cin.CensusChild) {
	p := &ch.person
	if cc.UPN != "" {
		p.Identifiers.UPN = cc.UPN
	}
	if cc.FormerUPN != "" {
		p.Identifiers.FormerUPN = cc.FormerUPN
	}
	if !cc.BirthDate.IsZero() {
		p.DateOfBirth, p.ExpectedDateOfBirth = cc.BirthDate, civil.Date{}
	} else if !cc.ExpectedDate.IsZero() && p.DateOfBirth.IsZero() {
		p.ExpectedDateOfBirth = cc.ExpectedDate
	}
	if cc.Sex != "" {
		p.Sex = cc.Sex
	}
	if !cc.DeathDate.IsZero() {
		p.DateOfDeath = cc.DeathDate
	}
	if cc.Ethnicity != "" {
		p.Ethnicity = cc.Ethnicity
	}
	if len(cc.Disabilities) > 0 {
		p.Disabilities = slices.Clone(cc.Disabilities)
	}
}

// addEpisode makes or updates the referral of a <CINdetails> and the
// records of its modules.
func (b *builder) addEpisode(ch *child, y cin.Year, o Origin, e cin.Episode) {
	refKey := "referral " + dateKey(e.ReferralDate)
	ref := b.record(ch, refKey, journey.KindReferral, o)
	ref.Start, ref.End = e.ReferralDate, e.ClosureDate
	ref.Referral = &journey.Referral{Source: e.ReferralSource, PrimaryNeed: e.PrimaryNeed, NFA: e.NFA, ClosureReason: e.ReasonForClosure}
	if e.NFA && e.ClosureDate.IsZero() {
		// A referral with no further action is in the census of the year
		// it was made, and in no later one: closed after 31 March, it is
		// closed on the first day it can have been, with no further
		// action as its reason.
		ref.End, ref.Referral.ClosureReason = y.ReferenceDate().AddDays(1), "RC8"
	}

	for i, a := range e.Assessments {
		r := b.record(ch, refKey+" assessment "+dateKey(a.Start), journey.KindAssessment, at(o, "Assessments", i))
		r.Episode, r.Start, r.End = ref.ID, a.Start, a.Authorised
		r.Assessment = &journey.Assessment{Factors: slices.Clone(a.Factors)}
	}
	for i, p := range e.CINPlans {
		r := b.record(ch, refKey+" cin_plan "+dateKey(p.Start), journey.KindCINPlan, at(o, "CINPlanDates", i))
		r.Episode, r.Start, r.End = ref.ID, p.Start, p.End
		r.Plan = &journey.Plan{}
	}
	// Conferences by their day, so that a plan finds the one that made it.
	icpcs := map[civil.Date]*journey.Record{}
	for i, s := range e.Section47s {
		so := at(o, "Section47", i)
		sKey := refKey + " s47 " + dateKey(s.Start)
		st := b.record(ch, sKey+" strategy", journey.KindStrategy, so)
		st.Episode, st.Start = ref.ID, strategyDate(s)
		st.Strategy = &journey.Strategy{Outcome: "s47"}
		r := b.record(ch, sKey, journey.KindS47, so)
		r.Episode, r.Follows, r.Start = ref.ID, st.ID, s.Start
		if r.S47 == nil {
			r.S47 = &journey.S47{}
		}
		switch {
		case !s.DateOfInitialCPC.IsZero():
			// The enquiry ended in the conference it led to.
			r.End, r.S47.Outcome = s.DateOfInitialCPC, "icpc"
			c := b.record(ch, sKey+" icpc", journey.KindICPC, so)
			c.Episode, c.Follows, c.Start = ref.ID, r.ID, s.DateOfInitialCPC
			c.ICPC = &journey.ICPC{}
			icpcs[c.Start] = c
		case s.ICPCNotRequired:
			// The census says the enquiry ended without a conference by
			// 31 March, not when: on the episode's closure if it closed
			// in the year, else on 31 March itself.
			r.End = y.ReferenceDate()
			if !e.ClosureDate.IsZero() {
				r.End = e.ClosureDate
			}
			r.S47.Outcome = "nfa"
			if e.ClosureDate.IsZero() {
				r.S47.Outcome = "cin"
			}
		}
	}
	if !e.DateOfInitialCPC.IsZero() {
		b.problem(Problem{File: o.File, Where: o.Where + "/DateOfInitialCPC", Field: "DateOfInitialCPC",
			Reason: "an initial child protection conference with no Section 47 enquiry cannot be recorded: Hearth records a conference after the enquiry that led to it"})
	}
	for i, p := range e.CPPlans {
		po := at(o, "ChildProtectionPlans", i)
		r := b.record(ch, refKey+" cp_plan "+dateKey(p.Start), journey.KindCPPlan, po)
		r.Episode, r.Start, r.End = ref.ID, p.Start, p.End
		r.Plan = &journey.Plan{InitialCategory: p.InitialCategory, LatestCategory: p.LatestCategory}
		if c, ok := icpcs[p.Start]; ok {
			c.ICPC.Plan = true
			r.Follows = c.ID
		} else if r.Follows == 0 {
			b.problem(Problem{File: po.File, Where: po.Where + "/CPPstartDate", Field: "CPPstartDate",
				Reason: fmt.Sprintf("the plan started on %s, but no initial child protection conference on that day is in the files: a plan starts at the conference that made it (import the census of the year it began)", p.Start.Format())})
		}
		for _, d := range p.Reviews {
			v := b.record(ch, refKey+" cp_plan "+dateKey(p.Start)+" review "+dateKey(d), journey.KindCPReview, po)
			v.Episode, v.Follows, v.Start = ref.ID, r.ID, d
			v.Review = &journey.Review{Continue: p.End.IsZero() || d.Before(p.End)}
		}
	}
}

func at(o Origin, module string, i int) Origin {
	o.Where = fmt.Sprintf("%s/%s[%d]", o.Where, module, i+1)
	return o
}

// strategyDate is the day of the strategy discussion that started the
// enquiry: the latest day, on or before the enquiry's start, from which the
// census's target for the conference is 15 working days; with no target,
// or none that fits, the enquiry's own start, which the DfE defines as the
// day of that discussion.
func strategyDate(s cin.Section47) civil.Date {
	if s.InitialCPCTarget.IsZero() || !s.InitialCPCTarget.After(s.Start) {
		return s.Start
	}
	// Fifteen working days are at most about five weeks, with the
	// Christmas bank holidays; a day earlier than that cannot give it.
	for d, n := s.Start, 0; n < 40; d, n = d.AddDays(-1), n+1 {
		if calendar.AddWorkingDays(d, icpcTargetWorkingDays) == s.InitialCPCTarget {
			return d
		}
	}
	return s.Start
}
