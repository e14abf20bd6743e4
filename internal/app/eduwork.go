package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// Education on the work lists (docs/ARCHITECTURE.md, "Education: the plan
// for its records and access"): a SEND caseworker's deadlines join "my
// work" as items of the journey's Item shape, and a suspension or
// permanent exclusion of a child known to social care is flagged, the day
// it is recorded, to the child's allocated workers and to the Virtual
// School.

// FlagDays is how long an exclusion's note stays on a work list after it
// was recorded: long enough to be seen after a fortnight's leave, short
// enough that the list shows what is new. The child's page keeps every
// exclusion for ever.
const FlagDays = 28

// FlagRow is an exclusion's note on a work list, with its child.
type FlagRow struct {
	Person store.PersonSummary
	Flag   store.ExclusionFlag
}

// CategoryLabel names the exclusion's census category.
func (f FlagRow) CategoryLabel() string {
	return education.ExclusionCategories.Label(f.Flag.Category)
}

// educationWork adds to a work list the officer's deadlines: for each
// child whose open EHC request or plan, CME enquiry or home education
// names the user as its worker,
// and whom the user may read the education records of, the request's and
// plan's time limits not yet met (education.RequestDeadlines,
// PlanDeadlines) that fall due by the list's last day or are overdue. They
// are computed on read from the records (one statement for the children,
// one for their records), and the list is logged as one line.
func (a *App) educationWork(ctx context.Context, ac Actor, out *WorkPage) error {
	now := a.Now()
	today := civil.OfLondon(now)
	me := ac.UserID()
	kids, err := a.Store.EducationWorkList(ctx, me, now)
	if err != nil {
		return err
	}
	permits, summary := educationPermits(ac.Principal, kids, now)
	cal, err := a.schoolCalendar(ctx)
	if err != nil {
		return err
	}
	recs := map[people.ID][]education.Record{}
	if len(permits) > 0 {
		if recs, err = a.Store.EducationRecordsOf(ctx, permits); err != nil {
			return err
		}
	}
	for id, s := range summary {
		child := WorkChild{Person: s, Education: true}
		for _, it := range EducationDue(recs[id], s.DateOfBirth, cal, me, today) {
			if it.Due.After(out.Until) {
				continue
			}
			late := it.Overdue(now)
			out.Due = append(out.Due, DueRow{Person: s, Item: it, Overdue: late, Education: true})
			child.Due++
			if late {
				child.Overdue++
				out.Overdue++
			}
		}
		out.Children = append(out.Children, child)
	}
	return a.logAccess(ctx, ac, store.AccessEntry{Kind: store.KindEducation, Action: store.LogBulkRead, Reason: access.ReasonRole, Note: "my work: education", Children: len(summary)})
}

// EducationDue lists, as work items, the time limits not yet met on the
// open EHC requests and plans, exclusions, CME enquiries and home
// education among a child's records rs whose worker is worker (every one,
// for worker zero), on day today: the decision whether to assess, the
// final plan, the reviews, the decision after a review, a phase transfer's
// amended plan; an exclusion's governing board meeting, sixth-day
// provision and independent review panel (not the parents' window to
// apply for one), in school days on cal (the council's term dates; empty: the
// rule's); an enquiry's 3 months of tracking; the yearly contact with a
// home-educating family and the decision on a school attendance order.
// Each item's Record is the education record's id and its Kind the
// record's kind.
func EducationDue(rs []education.Record, dob civil.Date, cal education.SchoolCalendar, worker access.UserID, today civil.Date) []journey.Item {
	var out []journey.Item
	for _, r := range rs {
		if worker != 0 && r.WorkerID != worker || !r.End.IsZero() && r.End.Before(today) {
			continue
		}
		var ds []education.Deadline
		switch {
		case r.Kind == education.KindExclusion && r.Exclusion != nil:
			ds = exclusionClocks(r, rs, cal)
		case r.Kind == education.KindEHCRequest && r.EHCRequest != nil:
			ds = education.RequestDeadlines(*r.EHCRequest)
		case r.Kind == education.KindEHCPlan && r.EHCPlan != nil:
			ds = education.PlanDeadlines(*r.EHCPlan, dob)
		case r.Kind == education.KindCME && r.CME != nil:
			ds = education.CMEDeadlines(*r.CME)
		case r.Kind == education.KindEHE && r.EHE != nil:
			ds = education.EHEDeadlines(*r.EHE)
		}
		for _, d := range ds {
			if !d.Met.IsZero() || d.Due.IsZero() || d.Parents {
				continue
			}
			out = append(out, journey.Item{PersonID: r.PersonID, Record: journey.ID(r.ID), Kind: journey.Kind(r.Kind),
				What: d.What, Due: d.Due, TeamID: r.TeamID, WorkerID: r.WorkerID})
		}
	}
	journey.SortByUrgency(out)
	return out
}

// exclusionFlags adds to a work list the notes of exclusions addressed to
// worker or team in the last FlagDays days, of the children the user may
// read (the others are left out, and not counted), newest first. The notes
// shown are logged as one line.
func (a *App) exclusionFlags(ctx context.Context, ac Actor, out *WorkPage, worker access.UserID, team access.TeamID) error {
	now := a.Now()
	fs, err := a.Store.ExclusionFlags(ctx, worker, team, now.Add(-FlagDays*24*time.Hour))
	if err != nil || len(fs) == 0 {
		return err
	}
	ids := make([]people.ID, len(fs))
	for i, f := range fs {
		ids[i] = f.PersonID
	}
	subjects, err := a.Store.Subjects(ctx, ids, now)
	if err != nil {
		return err
	}
	allowed := map[people.ID]bool{}
	seen := map[education.ID]bool{}
	for _, f := range fs {
		ok, decided := allowed[f.PersonID]
		if !decided {
			subj := subjects[f.PersonID]
			ok = access.Authorize(ac.Principal, access.ReadPerson, &subj, now).Allowed
			allowed[f.PersonID] = ok
		}
		// A worker in the Virtual School's team has the exclusion once.
		if !ok || seen[f.Record] {
			continue
		}
		seen[f.Record] = true
		out.Flags = append(out.Flags, FlagRow{Person: f.Person, Flag: f})
	}
	if len(out.Flags) == 0 {
		return nil
	}
	n := 0
	for _, ok := range allowed {
		if ok {
			n++
		}
	}
	return a.logAccess(ctx, ac, store.AccessEntry{Kind: store.KindEducation, Action: store.LogBulkRead, Reason: access.ReasonRole, Note: "exclusion flags", Children: n})
}

// sortWork orders a list's due work, most urgent first, and its children,
// most overdue first.
func sortWork(out *WorkPage) {
	slices.SortFunc(out.Due, func(x, y DueRow) int {
		return cmp.Or(x.Item.Due.Compare(y.Item.Due), x.Item.DueAt.Compare(y.Item.DueAt),
			cmp.Compare(x.Person.FamilyName, y.Person.FamilyName), cmp.Compare(x.Person.ID, y.Person.ID), cmp.Compare(x.Item.What, y.Item.What))
	})
	slices.SortFunc(out.Children, func(x, y WorkChild) int {
		return cmp.Or(-cmp.Compare(x.Overdue, y.Overdue), -cmp.Compare(x.Due, y.Due),
			cmp.Compare(x.Person.FamilyName, y.Person.FamilyName), cmp.Compare(x.Person.GivenName, y.Person.GivenName), cmp.Compare(x.Person.ID, y.Person.ID))
	})
}

// flaggedCategories are the exclusions flagged to social care: a
// lunchtime exclusion is half a day and is not.
var flaggedCategories = map[string]bool{education.Suspension: true, education.Permanent: true}

// socialCareKinds are the involvements that make a child known to social
// care for the flags: a child in need or child protection episode (and an
// allocation within one), or care.
var socialCareKinds = map[string]bool{access.KindChildInNeed: true, access.KindChildProtection: true, access.KindLookedAfter: true}

// exclusionFlagsFor returns the notes a new exclusion r writes: one for
// each worker allocated on the child's open social care involvements
// (subj's, open on today), and one for the Virtual School's team (vs, 0 if
// none is named); none when r is not a suspension or permanent exclusion
// or the child has no open social care involvement.
func exclusionFlagsFor(r education.Record, subj access.Subject, vs access.TeamID, today civil.Date) []store.ExclusionFlag {
	if r.Kind != education.KindExclusion || r.Exclusion == nil || !flaggedCategories[r.Exclusion.Category] {
		return nil
	}
	var workers []access.UserID
	known := false
	for _, inv := range subj.Involvements {
		if inv.PersonID != r.PersonID || !socialCareKinds[inv.Kind] || inv.StartDate.After(today) || !inv.EndDate.IsZero() && inv.EndDate.Before(today) {
			continue
		}
		known = true
		if inv.WorkerID != 0 && !slices.Contains(workers, inv.WorkerID) {
			workers = append(workers, inv.WorkerID)
		}
	}
	if !known {
		return nil
	}
	slices.Sort(workers)
	note := store.ExclusionFlag{PersonID: r.PersonID, Category: r.Exclusion.Category, Start: r.Exclusion.Start}
	var out []store.ExclusionFlag
	for _, w := range workers {
		f := note
		f.WorkerID = w
		out = append(out, f)
	}
	if vs != 0 {
		f := note
		f.TeamID = vs
		out = append(out, f)
	}
	return out
}

// workUntil is the last day a work list made on now looks to.
func workUntil(now time.Time) civil.Date {
	return calendar.AddWorkingDays(civil.OfLondon(now), DueWindow)
}

// FlagDays is how many days a list's exclusion notes look back, for its
// page to say.
func (WorkPage) FlagDays() int { return FlagDays }
