package journey

import (
	"cmp"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// Item is one piece of work a timescale makes due for a child.
type Item struct {
	PersonID people.ID  `json:"person_id"`
	Record   ID         `json:"record_id"` // the record the work is about
	Kind     Kind       `json:"kind"`      // that record's kind
	What     string     `json:"what"`
	Due      civil.Date `json:"due"`
	// DueAt is the moment it is due, for a timescale counted in hours (a
	// contact decision); zero for one counted in days.
	DueAt    time.Time     `json:"due_at,omitzero"`
	TeamID   access.TeamID `json:"team_id,omitzero"`
	WorkerID access.UserID `json:"worker_id,omitzero"`
}

// Overdue reports whether the item was due before now (today, in the
// council's zone, for one counted in days).
func (it Item) Overdue(now time.Time) bool {
	if !it.DueAt.IsZero() {
		return it.DueAt.Before(now)
	}
	return it.Due.Before(civil.OfLondon(now))
}

// DueWork lists what a child's timescales make due, from the child's
// records: decisions on open contacts, assessments to authorise,
// conferences to hold, reviews and visits, and the work of a child in care,
// a missing child's return interview and a care leaver's (careDue). Each item names the worker and
// team the child is allocated to (or, without an allocation, the record's
// own), so that it reaches someone's list. The child (j.Person) is needed
// for the rules that turn on age; only their id and date of birth are read.
func DueWork(j Journey, t Timescales) []Item {
	records := j.Records
	var out []Item
	alloc := CurrentAllocation(records)
	add := func(r Record, what string, due civil.Date, at time.Time) {
		it := Item{PersonID: r.PersonID, Record: r.ID, Kind: r.Kind, What: what, Due: due, DueAt: at,
			TeamID: r.TeamID, WorkerID: r.WorkerID}
		if alloc.ID != 0 && r.Kind != KindContact {
			it.TeamID, it.WorkerID = alloc.TeamID, alloc.WorkerID
		}
		out = append(out, it)
	}
	byID := make(map[ID]Record, len(records))
	for _, r := range records {
		byID[r.ID] = r
	}
	followed, assessed := map[ID]bool{}, map[ID]bool{}
	for _, r := range records {
		if r.Follows != 0 {
			followed[r.Follows] = true
		}
		// A plan is made after an assessment, so an episode with one
		// is taken as assessed even if the assessment is not recorded.
		if r.Kind == KindAssessment || r.Kind == KindCINPlan || r.Kind == KindCPPlan {
			assessed[r.Episode] = true
		}
	}
	for _, r := range records {
		switch r.Kind {
		case KindContact:
			if r.End.IsZero() && r.Contact != nil {
				at := t.ContactDecisionDue(r.Contact.ReceivedAt)
				add(r, "Decide on the contact", civil.OfLondon(at), at)
			}
		case KindReferral:
			// A referral no assessment has started on yet: the assessment's
			// clock runs from the referral all the same.
			if r.End.IsZero() && !assessed[r.ID] {
				add(r, "Start and complete the assessment", t.AssessmentDue(r.Start), time.Time{})
			}
		case KindAssessment:
			if ep, ok := byID[r.Episode]; ok && r.End.IsZero() && ep.End.IsZero() {
				add(r, "Authorise the assessment", t.AssessmentDue(ep.Start), time.Time{})
			}
		case KindS47:
			strategy, ok := byID[r.Follows]
			if !ok || followed[r.ID] || !byID[r.Episode].End.IsZero() {
				continue
			}
			switch {
			case r.End.IsZero():
				add(r, "Complete the Section 47 enquiry", t.ICPCDue(strategy.Start), time.Time{})
			case r.S47 != nil && r.S47.Outcome == "icpc":
				add(r, "Hold the initial child protection conference", t.ICPCDue(strategy.Start), time.Time{})
			}
		case KindCPPlan:
			if !r.End.IsZero() {
				continue
			}
			add(r, "Hold the review conference", t.ReviewDue(r.Start, lastOf(records, KindCPReview, r)), time.Time{})
			add(r, "Visit the child (child protection)", t.CPVisitDue(laterOf(r.Start, lastSeen(records, r))), time.Time{})
		case KindCINPlan:
			if !r.End.IsZero() || hasOpen(records, KindCPPlan) {
				continue
			}
			add(r, "Visit the child (child in need)", t.CINVisitDue(laterOf(r.Start, lastSeen(records, r))), time.Time{})
		}
	}
	careDue(j, t, add)
	SortByUrgency(out)
	return out
}

// SortByUrgency puts items in the order they must be done: soonest due
// first (the most overdue at the top), then by the moment for those due in
// hours, then by child and record so that the order is stable.
func SortByUrgency(items []Item) {
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(a.Due.Compare(b.Due), a.DueAt.Compare(b.DueAt),
			cmp.Compare(a.PersonID, b.PersonID), cmp.Compare(a.Record, b.Record), cmp.Compare(a.What, b.What))
	})
}

// CurrentAllocation is the child's open allocation, if any (the zero
// Record if none).
func CurrentAllocation(records []Record) Record {
	for _, r := range records {
		if r.Kind == KindAllocation && r.End.IsZero() {
			return r
		}
	}
	return Record{}
}

// lastOf is the latest date of the records of kind k that follow r.
func lastOf(records []Record, k Kind, r Record) civil.Date {
	var last civil.Date
	for _, o := range records {
		if o.Kind == k && o.Follows == r.ID && o.Start.After(last) {
			last = o.Start
		}
	}
	return last
}

// lastSeen is the latest day in the plan's life on which the child was seen
// on a visit.
func lastSeen(records []Record, plan Record) civil.Date {
	var last civil.Date
	for _, o := range records {
		if o.Kind == KindVisit && o.Visit != nil && o.Visit.Seen && plan.OpenOn(o.Start) && o.Start.After(last) {
			last = o.Start
		}
	}
	return last
}

func laterOf(a, b civil.Date) civil.Date {
	if b.After(a) {
		return b
	}
	return a
}

// hasOpen reports whether the child has an open record of kind k.
func hasOpen(records []Record, k Kind) bool {
	for _, r := range records {
		if r.Kind == k && r.End.IsZero() {
			return true
		}
	}
	return false
}
