package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The registers an education team keeps (docs/DATA-MODEL.md, "Education's
// registers"): the children electively home educated, the open enquiries
// about children missing education, and the children not found and added
// to the lost pupils database. Each is its team's records of one kind; a
// child is on it only if the officer may read the child's education
// records (access.ReadEducation), as on their page, and each opening is
// logged as one bulk read with how many children it showed.

// EHERow is one child on the home education register: the record open
// today, its latest contact (whatever it found), when the next is due and
// whether that is past, and whether the family was reached in the last 12
// months.
type EHERow struct {
	Person     store.PersonSummary
	RecordID   education.ID
	From       civil.Date
	Last       education.EHEContact
	ContactDue civil.Date
	Overdue    bool
	InContact  bool
}

// EHERegister is a team's home education register on At, longest
// registered first.
type EHERegister struct {
	At   civil.Date
	Rows []EHERow
	// InContact counts the children whose families were reached in the
	// 12 months to At, and Overdue those whose yearly contact is past.
	InContact int
	Overdue   int
}

// InContactPercent is InContact as a whole percentage of the children on
// the register, rounded down so that 89.9% never reads as 90%; 0 for an
// empty register.
func (r EHERegister) InContactPercent() int {
	if len(r.Rows) == 0 {
		return 0
	}
	return r.InContact * 100 / len(r.Rows)
}

// CMERow is one enquiry on a CME list: open, with its 3 months' tracking
// clock, or closed with the child added to the lost pupils database.
type CMERow struct {
	Person   store.PersonSummary
	RecordID education.ID
	Received civil.Date
	Source   string
	Steps    int
	// TrackedUntil is when an open enquiry's child is to be found or added
	// to the lost pupils database; Overdue when that is past.
	TrackedUntil civil.Date
	Overdue      bool
	Closed       civil.Date
}

// CMEList is a team's open enquiries, or its lost pupils, on At, oldest
// first.
type CMEList struct {
	At      civil.Date
	Rows    []CMERow
	Overdue int
}

// teamRecords reads the education records of the children with a record
// of kind in the officer's team's keeping open today whom they may read the education records of, logging the list as one
// line named what with the number of children. A user of no team has an
// empty list.
func (a *App) teamRecords(ctx context.Context, ac Actor, kind education.Kind, what string) (map[people.ID][]education.Record, map[people.ID]store.PersonSummary, error) {
	if err := a.require(ctx, ac, access.ReadEducation); err != nil {
		return nil, nil, err
	}
	now := a.Now()
	kids, err := a.Store.EducationCaseload(ctx, ac.Principal.User.TeamID, kind, now)
	if err != nil {
		return nil, nil, err
	}
	permits, summary := educationPermits(ac.Principal, kids, now)
	recs := map[people.ID][]education.Record{}
	if len(permits) > 0 {
		if recs, err = a.Store.EducationRecordsOf(ctx, permits); err != nil {
			return nil, nil, err
		}
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{Kind: store.KindEducation, Action: store.LogBulkRead, Reason: access.ReasonRole, Note: what, Children: len(summary)}); err != nil {
		return nil, nil, err
	}
	return recs, summary, nil
}

// ofTeam keeps, of recs, the records of kind in team's keeping open on
// today.
func ofTeam(recs map[people.ID][]education.Record, kind education.Kind, team access.TeamID, today civil.Date) []education.Record {
	var out []education.Record
	for _, rs := range recs {
		for _, r := range rs {
			if r.Kind == kind && r.TeamID == team && r.OpenOn(today) {
				out = append(out, r)
			}
		}
	}
	return out
}

// HomeEducationRegister is the officer's team's register of the children
// electively home educated today.
func (a *App) HomeEducationRegister(ctx context.Context, ac Actor) (EHERegister, error) {
	recs, who, err := a.teamRecords(ctx, ac, education.KindEHE, "register: home education")
	if err != nil {
		return EHERegister{}, err
	}
	today := a.Today()
	return eheRegister(ofTeam(recs, education.KindEHE, ac.Principal.User.TeamID, today), who, today), nil
}

// eheRegister builds the register from the open home education records rs
// of the children who, on today.
func eheRegister(rs []education.Record, who map[people.ID]store.PersonSummary, today civil.Date) EHERegister {
	out := EHERegister{At: today, Rows: []EHERow{}}
	for _, r := range rs {
		if r.EHE == nil {
			continue
		}
		row := EHERow{Person: who[r.PersonID], RecordID: r.ID, From: r.EHE.From, ContactDue: education.ContactDue(*r.EHE),
			InContact: education.InContact(*r.EHE, today)}
		row.Last, _ = education.LatestContact(*r.EHE, today)
		row.Overdue = row.ContactDue.Before(today)
		if row.InContact {
			out.InContact++
		}
		if row.Overdue {
			out.Overdue++
		}
		out.Rows = append(out.Rows, row)
	}
	slices.SortFunc(out.Rows, func(x, y EHERow) int {
		return cmp.Or(x.From.Compare(y.From), cmp.Compare(x.Person.FamilyName, y.Person.FamilyName), cmp.Compare(x.RecordID, y.RecordID))
	})
	return out
}

// OpenCMEEnquiries is the officer's team's enquiries about children
// missing education still open today, with their 3 months' tracking.
func (a *App) OpenCMEEnquiries(ctx context.Context, ac Actor) (CMEList, error) {
	recs, who, err := a.teamRecords(ctx, ac, education.KindCME, "register: CME enquiries")
	if err != nil {
		return CMEList{}, err
	}
	today := a.Today()
	return cmeList(ofTeam(recs, education.KindCME, ac.Principal.User.TeamID, today), who, today, ""), nil
}

// LostPupils is the officer's team's children not found after 3 months'
// tracking and added to the lost pupils database, and not found since:
// their enquiries stay open until then (education.Normalise).
func (a *App) LostPupils(ctx context.Context, ac Actor) (CMEList, error) {
	recs, who, err := a.teamRecords(ctx, ac, education.KindCME, "register: lost pupils")
	if err != nil {
		return CMEList{}, err
	}
	today := a.Today()
	return cmeList(ofTeam(recs, education.KindCME, ac.Principal.User.TeamID, today), who, today, "lost"), nil
}

// cmeList builds a CME list from open enquiries rs on today: those with
// outcome, none for the enquiries still running.
func cmeList(rs []education.Record, who map[people.ID]store.PersonSummary, today civil.Date, outcome string) CMEList {
	out := CMEList{At: today, Rows: []CMERow{}}
	for _, r := range rs {
		if r.CME == nil || r.CME.Outcome != outcome {
			continue
		}
		row := CMERow{Person: who[r.PersonID], RecordID: r.ID, Received: r.CME.Received, Source: r.CME.Source, Steps: len(r.CME.Steps),
			TrackedUntil: education.TrackedUntil(*r.CME), Closed: r.CME.Closed}
		row.Overdue = outcome == "" && row.TrackedUntil.Before(today)
		if row.Overdue {
			out.Overdue++
		}
		out.Rows = append(out.Rows, row)
	}
	slices.SortFunc(out.Rows, func(x, y CMERow) int {
		return cmp.Or(x.Received.Compare(y.Received), cmp.Compare(x.Person.FamilyName, y.Person.FamilyName), cmp.Compare(x.RecordID, y.RecordID))
	})
	return out
}

// educationPermits decides the reading of each child's education records
// (access.ReadEducation) on their whole Subject, and returns the permits
// and summaries of those allowed; the others are left out, and not
// counted.
func educationPermits(p access.Principal, kids []store.WorkChild, now time.Time) ([]access.Permit, map[people.ID]store.PersonSummary) {
	permits := make([]access.Permit, 0, len(kids))
	summary := make(map[people.ID]store.PersonSummary, len(kids))
	for _, k := range kids {
		subj := k.Subject
		d := access.Authorize(p, access.ReadEducation, &subj, now)
		if !d.Allowed {
			continue
		}
		permits = append(permits, d.Permit)
		summary[k.Person.ID] = k.Person
	}
	return permits, summary
}
