package store

import (
	"cmp"
	"context"
	"slices"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// KindJourney is a journey record (journey.Record) of any of its kinds: a
// contact, an early help episode, a referral and everything within it.
const KindJourney Kind = "journey"

// Journey keeps the child's journey: contacts, early help, referrals,
// assessments, enquiries, conferences, plans, visits, notes, allocations and
// family network meetings, each a versioned record (journey.Record).
//
// A record that gives a team or worker their involvement with the child (an
// open contact, early help episode, referral or allocation: see
// journey.Involvement) writes that involvement in the same transaction, and
// each change to the record's team, worker or dates writes a new version of
// it; the involvement names its record (Involvement.Record). So access
// follows the journey, and nothing can part them.
type Journey interface {
	// CreateJourneyRecord fills in ID, Version (1) and RecordedAt (the
	// change's moment); UpdateJourneyRecord writes version r.Version+1 only
	// if r.Version is still the latest, otherwise errs.Conflict. The
	// person and kind of a record cannot change. Both check only what the
	// database must (the person and the records it names exist and are the
	// child's); the journey's rules are journey.Check's, called by the use
	// case.
	CreateJourneyRecord(ctx context.Context, r journey.Record, c Change) (journey.Record, error)
	UpdateJourneyRecord(ctx context.Context, r journey.Record, c Change) (journey.Record, error)
	// JourneyRecords returns the permit's child's journey records as they
	// stand (asOf zero) or as they stood at asOf, oldest first (by Start,
	// then ID).
	JourneyRecords(ctx context.Context, p access.Permit, asOf time.Time) ([]journey.Record, error)
	// JourneyMark returns what changes whenever JourneyRecords (as they
	// stand) would return something else, read from an index without the
	// records' bodies: a caller that keeps a long journey it decoded
	// compares it before decoding the journey again.
	JourneyMark(ctx context.Context, p access.Permit) (JourneyMark, error)
	// ChildrenWork returns, for many children at once (a work list), each
	// one's derived work (ChildWork): their status, open allocation and
	// due work, as the journey's rules make them of the child's whole
	// journey, date of birth and the council's timescales. The store keeps
	// them, rewritten in the transaction of every write that changes any
	// of those (a journey record's creation or change, an import, a change
	// to the child's details, and for every child a change of the
	// timescales), so that a list reads a few rows per child rather than
	// their records. One permit per child, each of which must be valid; a
	// child with no journey record is left out of the map.
	ChildrenWork(ctx context.Context, ps []access.Permit) (map[people.ID]ChildWork, error)
	// JourneyHistory returns every version of one of the permit's child's
	// records, oldest first; errs.NotFound if the child has no such record.
	JourneyHistory(ctx context.Context, p access.Permit, id journey.ID) ([]Version[journey.Record], error)
	// WorkList returns the children a work list is about, with what
	// Authorize needs for each (their Subjects, as Subjects gives them) and
	// their summaries, in no set order. The caller authorises each before
	// reading their records. A record is open if it has no end or ends on
	// or after the day now falls on in London.
	WorkList(ctx context.Context, q WorkQuery, now time.Time) ([]WorkChild, error)
	// WorkListStamp is a value that changes whenever what WorkList,
	// Subjects or ChildrenWork would return for any list may have changed
	// (a journey record, a person, an involvement, a grant, a team or a
	// child's derived work written, by this process or another), and is
	// seen to change exactly when the write is. It costs one row to read:
	// a use case that keeps a list it read, read after the stamp, compares
	// it before reading the list again.
	WorkListStamp(ctx context.Context) (string, error)
	// AllDueWork is every child's due work (ChildWork.Due) across the
	// council, most urgent first (journey.SortByUrgency). It refuses the
	// zero BulkPermit.
	AllDueWork(ctx context.Context, bp access.BulkPermit) ([]journey.Item, error)
	// ImportJourneys writes many new journey records in one transaction,
	// for Demo City and the import of past returns: all of them, or (on any
	// error) none. The records carry provisional ids, 1 to len(rs), in any
	// order, and refer to each other (Episode, Follows) by them; the store
	// gives them real ids and rewrites the references. A provisional id
	// used twice or out of range, or a reference to a record not in the
	// import, of another child, or in a circle, is errs.Invalid naming the
	// field (records[i].episode). Each record's involvement is written as
	// CreateJourneyRecord writes it. It returns the records with their real
	// ids, in the order given.
	ImportJourneys(ctx context.Context, rs []journey.Record, c Change) ([]journey.Record, error)
}

// WorkQuery says whose work list: exactly one of its fields is set.
type WorkQuery struct {
	// Worker: the children with an open allocation to this worker.
	Worker access.UserID
	// Team: the children with an open allocation to this team, or an open
	// contact, early help episode or referral of it.
	Team access.TeamID
	// Contacts: the children with a contact not yet decided, one with no
	// end (the front door's queue).
	Contacts bool

	// Reader and ReaderTeam, when either is set, are the user the list is
	// read for and their team. Each child's Subject then holds, of the
	// child's involvements, only those of that worker or that team (with
	// every grant and whether the record is restricted), and WorkChild
	// says it is Partial: reading every involvement of a team's hundreds
	// of children was a third of its page's time. An access.Authorize
	// decision on such a Subject is the one on the whole Subject when it
	// allows by a grant, the allocation or the team (PartialSuffices);
	// any other must be taken again on the whole Subject (Subjects).
	Reader     access.UserID
	ReaderTeam access.TeamID
}

// PartialSuffices reports whether a decision taken on a Partial Subject
// of a work list is the decision on the whole Subject. Authorize decides a
// grant from the grants and the restriction, which a Partial Subject holds
// whole, then the allocated worker and then the team from the involvements
// of that worker and that team alone, which it also holds whole; every
// later rule (the service, an open contact, all records, the family,
// breaking the glass) reads involvements or relatives it leaves out.
func PartialSuffices(d access.Decision) bool {
	return d.Allowed && (d.Reason == access.ReasonGrant || d.Reason == access.ReasonAllocated || d.Reason == access.ReasonTeam)
}

// WorkChild is one child on a work list.
type WorkChild struct {
	Person  PersonSummary
	Subject access.Subject
	// Partial marks a Subject read for the query's Reader (WorkQuery).
	Partial bool
}

// ChildWork is what a child's journey makes of them for a work list,
// derived when it last changed.
type ChildWork struct {
	// Status is journey.Status on every day from StatusFrom (the day of
	// the change that derived it) to the day before StatusUntil (zero:
	// every day after), over which none of the child's records starts or
	// ends; see StatusOn.
	Status                  string
	StatusFrom, StatusUntil civil.Date
	// TeamID and WorkerID are the open allocation's (journey.CurrentAllocation).
	TeamID   access.TeamID
	WorkerID access.UserID
	// Due is journey.DueWork, most urgent first; empty, not nil, for none.
	Due []journey.Item
	// Meetings are the child's family network meetings, by the day they
	// were offered; nil for none.
	Meetings []Meeting
}

// Meeting is a family network meeting (its record): the day it was
// offered, and the day it was held (zero: not yet).
type Meeting struct {
	Record        journey.ID
	Offered, Held civil.Date
}

// StatusOn returns the child's status on day d, and false if d is outside
// the span it was derived for: a record dated after the change that
// derived it (which the application does not allow, but an import may
// hold) has started or ended since, or d is before that change. The
// caller then computes it from the records.
func (w ChildWork) StatusOn(d civil.Date) (string, bool) {
	if d.Before(w.StatusFrom) || !w.StatusUntil.IsZero() && !d.Before(w.StatusUntil) {
		return "", false
	}
	return w.Status, true
}

// DeriveWork computes a child's work from their records (any order, and
// sorted by start then id in place), on day, the day of the change that
// writes it: the store keeps what it returns, and a reader computes it
// itself for a child the store holds none for. The status holds from day
// until the next day on which one of the records starts or ends (see
// ChildWork.StatusOn).
func DeriveWork(p people.Person, rs []journey.Record, ts journey.Timescales, day civil.Date) ChildWork {
	slices.SortFunc(rs, func(a, b journey.Record) int { return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID)) })
	alloc := journey.CurrentAllocation(rs)
	out := ChildWork{
		Status:     journey.Status(rs, day),
		StatusFrom: day,
		TeamID:     alloc.TeamID,
		WorkerID:   alloc.WorkerID,
		Due:        journey.DueWork(journey.Journey{Person: p, Records: rs}, ts),
	}
	// journey.Status on a later day differs only once a record starts or
	// ends after day: until the first such day it is the same.
	next := func(d civil.Date) {
		if d.After(day) && (out.StatusUntil.IsZero() || d.Before(out.StatusUntil)) {
			out.StatusUntil = d
		}
	}
	for _, r := range rs {
		next(r.Start)
		next(r.End)
	}
	if out.Due == nil {
		out.Due = []journey.Item{}
	}
	for _, r := range rs {
		if r.Kind == journey.KindFamilyMeeting {
			m := Meeting{Record: r.ID, Offered: r.Start}
			if r.FamilyMeeting != nil {
				m.Held = r.FamilyMeeting.Held
			}
			out.Meetings = append(out.Meetings, m)
		}
	}
	return out
}

// JourneyMark is a child's count of journey records and the sum of their
// versions: a record created adds to the count, a record changed to the
// sum, and no record is ever deleted, so every write changes it.
type JourneyMark struct {
	Records  int
	Versions int64
}
