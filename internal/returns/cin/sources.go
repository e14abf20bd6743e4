package cin

import (
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Sources are the records each child of a built census came from, in the
// order of Census.Children, so that a finding can lead to the record to
// put right.
type Sources []ChildSources

// ChildSources are the person and journey records behind one child.
type ChildSources struct {
	Person   people.ID
	Episodes []EpisodeSources // in the order of the child's Episodes
}

// EpisodeSources are the journey records behind one episode: its referral,
// the conference that is its own DateOfInitialCPC (0: none), and each
// module's record, in the order of the episode's lists.
type EpisodeSources struct {
	Referral    journey.ID
	InitialCPC  journey.ID
	Assessments []journey.ID
	CINPlans    []journey.ID
	Section47s  []S47Sources
	CPPlans     []CPPlanSources
}

// S47Sources are an enquiry's record, the conference that gave its
// DateOfInitialCPC (0: none) and the strategy discussion its
// InitialCPCtarget is counted from (0: none).
type S47Sources struct {
	Enquiry, Conference, Strategy journey.ID
}

// CPPlanSources are a plan's record and its review conferences' records,
// in the order of the plan's Reviews.
type CPPlanSources struct {
	Plan    journey.ID
	Reviews []journey.ID
}

// Source is the record a finding is about: the child's person record, and
// the journey record holding the field (0 when the field is the person's,
// such as a UPN or a birth date).
type Source struct {
	Person people.ID
	Record journey.ID
}

// Of is the source of a finding: the module's record, or, for a field that
// another record gives (a conference's date on an enquiry, a review's date
// on a plan), that record; the referral for the episode's own fields; the
// person alone for the child's. A finding about the whole return, or one
// not from this census, has none.
func (s Sources) Of(f Finding) (Source, bool) {
	if f.Child < 0 || f.Child >= len(s) {
		return Source{}, false
	}
	cs := s[f.Child]
	src := Source{Person: cs.Person}
	if f.Episode < 0 {
		return src, true
	}
	if f.Episode >= len(cs.Episodes) {
		return Source{}, false
	}
	e := cs.Episodes[f.Episode]
	in := func(n int) bool { return f.Index >= 0 && f.Index < n }
	switch f.Module {
	case "":
		src.Record = e.Referral
		if f.Field == "DateOfInitialCPC" && e.InitialCPC != 0 {
			src.Record = e.InitialCPC
		}
	case "Assessments":
		if !in(len(e.Assessments)) {
			return Source{}, false
		}
		src.Record = e.Assessments[f.Index]
	case "CINPlanDates":
		if !in(len(e.CINPlans)) {
			return Source{}, false
		}
		src.Record = e.CINPlans[f.Index]
	case "Section47":
		if !in(len(e.Section47s)) {
			return Source{}, false
		}
		x := e.Section47s[f.Index]
		src.Record = x.Enquiry
		switch {
		case f.Field == "DateOfInitialCPC" && x.Conference != 0:
			src.Record = x.Conference
		case f.Field == "InitialCPCtarget" && x.Strategy != 0:
			src.Record = x.Strategy
		}
	case "ChildProtectionPlans":
		if !in(len(e.CPPlans)) {
			return Source{}, false
		}
		p := e.CPPlans[f.Index]
		src.Record = p.Plan
		if f.Field == "CPPreviewDate" && f.Item >= 0 && f.Item < len(p.Reviews) {
			src.Record = p.Reviews[f.Item]
		}
	default:
		return Source{}, false
	}
	return src, true
}

// s47Sources are the records behind an enquiry as buildS47 made it.
func s47Sources(r journey.Record, icpcs []journey.Record, x records, s Section47) S47Sources {
	out := S47Sources{Enquiry: r.ID}
	if !s.DateOfInitialCPC.IsZero() {
		for _, c := range icpcs {
			if c.Follows == r.ID {
				out.Conference = c.ID // the first, as buildS47 takes
				break
			}
		}
	}
	if st, ok := x.byID[r.Follows]; ok && st.Kind == journey.KindStrategy {
		out.Strategy = st.ID
	}
	return out
}

// cpPlanSources are the records behind a plan as buildCPPlan made it: its
// reviews are matched to the plan's review dates in the same order.
func cpPlanSources(r journey.Record, x records, p CPPlan) CPPlanSources {
	out := CPPlanSources{Plan: r.ID}
	used := map[journey.ID]bool{}
	for _, d := range p.Reviews {
		for _, v := range x.byKind[journey.KindCPReview] {
			if v.Follows == r.ID && v.Start == d && !used[v.ID] {
				used[v.ID] = true
				out.Reviews = append(out.Reviews, v.ID)
				break
			}
		}
	}
	return out
}
