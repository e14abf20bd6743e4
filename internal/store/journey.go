package store

import (
	"context"
	"time"

	"hearth/internal/access"
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
	// OpenWork returns, for many children at once (a work list), the
	// records as they stand that their due work and current status are
	// computed from: every record still open, everything in a referral
	// still open, and the visits and reviews since the start of a plan still
	// open; closed episodes are left out. journey.DueWork and
	// journey.Status give the same over these as over all the child's
	// records. One permit per child, each of which must be valid; a child
	// with none is left out of the map.
	OpenWork(ctx context.Context, ps []access.Permit) (map[people.ID][]journey.Record, error)
	// JourneyHistory returns every version of one of the permit's child's
	// records, oldest first; errs.NotFound if the child has no such record.
	JourneyHistory(ctx context.Context, p access.Permit, id journey.ID) ([]Version[journey.Record], error)
	// WorkList returns the children a work list is about, with what
	// Authorize needs for each (their Subjects, as Subjects gives them) and
	// their summaries, in no set order. The caller authorises each before
	// reading their records. A record is open if it has no end or ends on
	// or after the day now falls on in London.
	WorkList(ctx context.Context, q WorkQuery, now time.Time) ([]WorkChild, error)
	// AllOpenWork is OpenWork for every child with an open (not yet ended)
	// contact, early help episode or referral, by child, then start, then
	// id: what due work is computed from across the council. It refuses the
	// zero BulkPermit.
	AllOpenWork(ctx context.Context, bp access.BulkPermit) ([]journey.Record, error)
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
}

// WorkChild is one child on a work list.
type WorkChild struct {
	Person  PersonSummary
	Subject access.Subject
}
