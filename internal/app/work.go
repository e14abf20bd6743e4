package app

import (
	"context"
	"slices"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// DueWindow is how far ahead a work list looks: what falls due in the next
// ten working days.
const DueWindow = 10

// WorkPage is a work list: the children on it and what is due for them.
type WorkPage struct {
	Children []WorkChild
	// Due is every item due within DueWindow working days or overdue,
	// most urgent first; Overdue counts those past due.
	Due     []DueRow
	Overdue int
	Until   civil.Date // the last day Due looks to
	Names   Names
	// Meetings, on a team's list, are its children's family network
	// meetings (offered, held and how long it took).
	Meetings MeetingCounts
	// Timescales are those the list's due work was reckoned by.
	Timescales journey.Timescales
	// Flags are the exclusions recorded in the last FlagDays days of
	// children known to social care, noted to this worker or team (and
	// on "my work", to the user's team), newest first.
	Flags []FlagRow
}

// WorkChild is one child on a work list.
type WorkChild struct {
	Person   store.PersonSummary
	Status   string // journey.Statuses
	TeamID   access.TeamID
	WorkerID access.UserID
	Due      int // items due within the window, overdue included
	Overdue  int
	// Education marks a child on the list for their SEND deadlines, not
	// their journey: Status is empty and the page links to their education.
	Education bool
}

// DueRow is one item of due work, with its child.
type DueRow struct {
	Person  store.PersonSummary
	Item    journey.Item
	Overdue bool
	// Education marks an education record's deadline: Item.Record is an
	// education.ID and Item.Kind the record's education.Kind.
	Education bool
}

// MeetingCounts summarise a list's family network meetings over the last
// twelve months: the seed council's area to improve, so managers see how
// often they are offered and how soon they are held.
type MeetingCounts struct {
	Offered, Held int
	// MedianDays is the median number of days from offer to meeting, of
	// those held; -1 when none was.
	MedianDays int
}

// MyWork is the user's own work list: the children allocated to them and
// what is due for each; for a user who keeps education records, the SEND
// deadlines of the requests and plans they are the worker on
// (educationWork), and for a user who reads the journey, only then the
// journey's; and the exclusions flagged to them or their team.
func (a *App) MyWork(ctx context.Context, ac Actor) (WorkPage, error) {
	if err := a.require(ctx, ac, access.ReadOwnWork); err != nil {
		return WorkPage{}, err
	}
	var out WorkPage
	var err error
	if access.Can(ac.Principal, access.ReadJourney) {
		if out, err = a.workList(ctx, ac, store.WorkQuery{Worker: ac.UserID()}, "my work"); err != nil {
			return WorkPage{}, err
		}
	} else {
		// An education officer's list holds nothing of any journey.
		if out.Timescales, err = a.timescales(ctx); err != nil {
			return WorkPage{}, err
		}
		out.Until = workUntil(a.Now())
	}
	if access.Can(ac.Principal, access.ReadEducation) {
		if err := a.educationWork(ctx, ac, &out); err != nil {
			return WorkPage{}, err
		}
		sortWork(&out)
	}
	if err := a.exclusionFlags(ctx, ac, &out, ac.UserID(), ac.Principal.User.TeamID); err != nil {
		return WorkPage{}, err
	}
	return out, nil
}

// TeamWork is a team's work list, for a manager of the team or of its
// service: the children allocated to it or open to it, and what is due.
func (a *App) TeamWork(ctx context.Context, ac Actor, team access.TeamID) (WorkPage, error) {
	if err := a.require(ctx, ac, access.ReadTeamWork); err != nil {
		return WorkPage{}, err
	}
	svc, err := a.serviceOf(ctx, team)
	if err != nil {
		return WorkPage{}, err
	}
	if team <= 0 || (team != ac.Principal.User.TeamID && (svc == 0 || svc != ac.Principal.ServiceID)) {
		// Another service's team, or none: the same answer for both.
		if err := a.logAccess(ctx, ac, store.AccessEntry{Action: store.LogDenied, Reason: string(access.ReadTeamWork) + ": not the manager's team", Note: "team " + strconv.FormatInt(int64(team), 10)}); err != nil {
			return WorkPage{}, err
		}
		return WorkPage{}, errs.E(errs.NotFound, "There is no team with this id whose work you can see")
	}
	out, err := a.workList(ctx, ac, store.WorkQuery{Team: team}, "team "+strconv.FormatInt(int64(team), 10))
	if err != nil {
		return WorkPage{}, err
	}
	// The team's own notes: the Virtual School's, where it is that team.
	if err := a.exclusionFlags(ctx, ac, &out, 0, team); err != nil {
		return WorkPage{}, err
	}
	return out, nil
}

// ContactQueue is the front door's list: every child with a contact not
// yet decided, the contact due soonest first.
func (a *App) ContactQueue(ctx context.Context, ac Actor) (WorkPage, error) {
	if err := a.require(ctx, ac, access.ReadContactQueue); err != nil {
		return WorkPage{}, err
	}
	// Only the decisions: the rest of each child's due work is their
	// workers'.
	return a.workList(ctx, ac, store.WorkQuery{Contacts: true}, "contact queue", journey.KindContact)
}

// authorizeList decides the reading of each child of a work list, as
// access.Authorize decides it on the child's whole Subject: a decision on a
// Partial Subject stands where it is the same (store.PartialSuffices), and
// the other children are decided on their whole Subjects, from known (those
// read before, by id) or read now, in one go. It returns the Subjects it
// read.
func (a *App) authorizeList(ctx context.Context, p access.Principal, kids []store.WorkChild, known map[people.ID]access.Subject, now time.Time) ([]access.Decision, map[people.ID]access.Subject, error) {
	out := make([]access.Decision, len(kids))
	var again []people.ID
	for i, k := range kids {
		subj := k.Subject
		out[i] = access.Authorize(p, access.ReadPerson, &subj, now)
		if k.Partial && !store.PartialSuffices(out[i]) {
			if _, ok := known[k.Person.ID]; !ok {
				again = append(again, k.Person.ID)
			}
		}
	}
	var read map[people.ID]access.Subject
	if len(again) > 0 {
		var err error
		if read, err = a.Store.Subjects(ctx, again, now); err != nil {
			return nil, nil, err
		}
	}
	for i, k := range kids {
		if k.Partial && !store.PartialSuffices(out[i]) {
			subj, ok := known[k.Person.ID]
			if !ok {
				subj = read[k.Person.ID]
			}
			out[i] = access.Authorize(p, access.ReadPerson, &subj, now)
		}
	}
	return out, read, nil
}

// workList builds a work list: the store names the children, each is
// authorised as a read of their record (those the user may not read are
// left out, as a search leaves them out), their derived work (status,
// allocation and due work, which the store keeps as each journey changes:
// store.ChildWork) is read with the permits, and the list is logged as one
// line with how many children it showed. The children's facts and work
// come from the store, or, when nothing has been written since this list
// was read, from what was read then (listFacts); the decisions and the
// log line are this request's.
//
// only, when given, keeps the due work about records of that kind alone,
// in the list and in each child's counts.
func (a *App) workList(ctx context.Context, ac Actor, q store.WorkQuery, what string, only ...journey.Kind) (WorkPage, error) {
	now := a.Now()
	if !q.Contacts {
		// The user's own and their team's involvements decide most of a
		// worker's or a team's list (see store.WorkQuery.Reader); the
		// front door's children are the MASH's by their open contacts.
		q.Reader, q.ReaderTeam = ac.UserID(), ac.Principal.User.TeamID
	}
	kids, decisions, work, err := a.listFacts(ctx, ac.Principal, q, now)
	if err != nil {
		return WorkPage{}, err
	}
	permitOf := make(map[people.ID]access.Permit, len(kids))
	summary := make(map[people.ID]store.PersonSummary, len(kids))
	for i, k := range kids {
		if d := decisions[i]; d.Allowed {
			permitOf[k.Person.ID] = d.Permit
			summary[k.Person.ID] = k.Person
		}
	}
	ts, err := a.timescales(ctx)
	if err != nil {
		return WorkPage{}, err
	}
	today := civil.Of(now)
	out := WorkPage{Until: calendar.AddWorkingDays(today, DueWindow), Timescales: ts}
	var meetings []store.Meeting
	for id, s := range summary {
		kw := work[id]
		w, ok := kw.work, kw.found
		status, current := w.StatusOn(today)
		if !ok || !current {
			// Derived on another day than today with a record dated in
			// between (see store.ChildWork.StatusOn), or not derived: from
			// the records.
			rs, err := a.Store.JourneyRecords(ctx, permitOf[id], time.Time{})
			if err != nil {
				return WorkPage{}, err
			}
			if !ok {
				w = store.DeriveWork(people.Person{ID: id, DateOfBirth: s.DateOfBirth}, rs, ts, today)
			}
			status = journey.Status(rs, today)
		}
		meetings = append(meetings, w.Meetings...)
		child := WorkChild{Person: s, Status: status, TeamID: w.TeamID, WorkerID: w.WorkerID}
		for _, it := range w.Due {
			if it.Due.After(out.Until) || len(only) > 0 && !slices.Contains(only, it.Kind) {
				continue
			}
			late := it.Overdue(now)
			out.Due = append(out.Due, DueRow{Person: s, Item: it, Overdue: late})
			child.Due++
			if late {
				child.Overdue++
				out.Overdue++
			}
		}
		out.Children = append(out.Children, child)
	}
	sortWork(&out)
	if q.Team != 0 {
		out.Meetings = meetingCounts(meetings, today)
	}
	items := make([]journey.Item, len(out.Due))
	for i, r := range out.Due {
		items[i] = r.Item
	}
	workers := make([]access.UserID, len(out.Children))
	for i, c := range out.Children {
		workers[i] = c.WorkerID
	}
	if out.Names, err = a.names(ctx, nil, items, workers...); err != nil {
		return WorkPage{}, err
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{Kind: store.KindJourney, Action: store.LogBulkRead, Reason: access.ReasonRole, Note: what, Children: len(out.Children)}); err != nil {
		return WorkPage{}, err
	}
	return out, nil
}

// meetingCounts counts the family network meetings offered in the twelve
// months to today, those held, and the median days from offer to meeting.
func meetingCounts(ms []store.Meeting, today civil.Date) MeetingCounts {
	from := today.AddDays(-365)
	out := MeetingCounts{MedianDays: -1}
	var days []int
	for _, m := range ms {
		if m.Offered.Before(from) || m.Offered.After(today) {
			continue
		}
		out.Offered++
		if !m.Held.IsZero() {
			out.Held++
			days = append(days, m.Held.DaysSince(m.Offered))
		}
	}
	if len(days) > 0 {
		slices.Sort(days)
		out.MedianDays = days[len(days)/2]
	}
	return out
}

// DueEverywhere returns the due work of every child across the council,
// most urgent first, for the benchmark of the due rules and for tools run
// by an operator. It takes a bulk permit: no user's page calls it. The
// store keeps it derived (store.ChildWork), by the council's timescales.
func (a *App) DueEverywhere(ctx context.Context, bp access.BulkPermit) ([]journey.Item, error) {
	return a.Store.AllDueWork(ctx, bp)
}
