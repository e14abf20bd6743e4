package app

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// ErrNoJourneyRecord answers for a journey record that is not on the child's
// record it was asked for through: the same answer whether it exists
// elsewhere or not.
var ErrNoJourneyRecord = errs.E(errs.NotFound, "There is no record with this id in this child's journey")

// JourneyPage is a child's journey as their journey page and the API show
// it: every record, the child's current involvement, what is due, and every
// team that has worked with them.
type JourneyPage struct {
	Person  people.Person
	Records []journey.Record
	Status  string         // journey.Statuses
	Due     []journey.Item // soonest first
	Matrix  []journey.Period
	Names   Names
	// CanRecord says whether the user may record on the child's journey,
	// CanAllocate whether they may also allocate the child to a worker,
	// CanRecordCare whether they may also record episodes of care, moves
	// and the leaving care service (see GivesCare).
	CanRecord, CanAllocate, CanRecordCare bool
	Timescales                            journey.Timescales
}

// Names are the names of the teams and workers a page shows.
type Names struct {
	Teams   map[access.TeamID]string
	Workers map[access.UserID]string
}

// Team is a team's name, or "" for none.
func (n Names) Team(id access.TeamID) string { return n.Teams[id] }

// Worker is a worker's name, or "" for none.
func (n Names) Worker(id access.UserID) string { return n.Workers[id] }

// Journey reads a child's journey: a read of their record, logged as a read
// of their journey.
func (a *App) Journey(ctx context.Context, ac Actor, id people.ID) (JourneyPage, error) {
	if err := a.requireJourney(ctx, ac, id); err != nil {
		return JourneyPage{}, err
	}
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadPerson, id)
	if err != nil {
		return JourneyPage{}, err
	}
	ts, err := a.timescales(ctx)
	if err != nil {
		return JourneyPage{}, err
	}
	out := JourneyPage{Timescales: ts}
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return JourneyPage{}, err
	}
	if out.Records, err = a.currentJourney(ctx, d.Permit, id); err != nil {
		return JourneyPage{}, err
	}
	today := a.Today()
	out.Status = journey.Status(out.Records, today)
	out.Due = journey.DueWork(journey.Journey{Person: out.Person, Records: out.Records}, ts)
	out.Matrix = journey.Matrix(out.Records)
	if out.Names, err = a.names(ctx, out.Records, out.Due); err != nil {
		return JourneyPage{}, err
	}
	now := a.Now()
	out.CanRecord = access.Authorize(ac.Principal, access.UpdatePerson, &subj, now).Allowed
	out.CanAllocate = out.CanRecord && access.Can(ac.Principal, access.AllocateWork)
	out.CanRecordCare = out.CanRecord && seesPlacement(ac.Principal)
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: id, Kind: store.KindJourney, Action: store.LogRead, Reason: d.Reason}); err != nil {
		return JourneyPage{}, err
	}
	out.Records = allSeenBy(ac.Principal, out.Records)
	return out, nil
}

// requireJourney refuses, and logs the refusal of, a read of a child's
// journey by a role that does not read journeys (journey.read), before the
// child's record is looked at: an education officer who may read the child
// for their education never sees their journey.
func (a *App) requireJourney(ctx context.Context, ac Actor, on people.ID) error {
	return a.requireAbout(ctx, ac, access.ReadJourney, store.AccessEntry{PersonID: on, Kind: store.KindJourney})
}

// involvementsSeenBy keeps, for a user who does not read journeys, only the
// education involvements: which other teams work with a child (a child
// protection team, say) is the journey's to tell.
func involvementsSeenBy(p access.Principal, invs []store.Involvement) []store.Involvement {
	if access.Can(p, access.ReadJourney) {
		return invs
	}
	out := []store.Involvement{}
	for _, inv := range invs {
		if inv.Kind == access.KindEducation {
			out = append(out, inv)
		}
	}
	return out
}

// names looks up the teams, and the workers that records, items and more
// name, each worker once.
func (a *App) names(ctx context.Context, records []journey.Record, items []journey.Item, more ...access.UserID) (Names, error) {
	var want []access.UserID
	for _, r := range records {
		want = append(want, r.WorkerID)
		if r.Contact != nil {
			want = append(want, r.Contact.DecidedBy)
		}
	}
	for _, it := range items {
		want = append(want, it.WorkerID)
	}
	return a.namesOf(ctx, append(want, more...))
}

// namesOf names every team and the workers ids names (0 is none, and an id
// may come more than once): the workers are read in one statement, not one
// by one (a long journey names dozens, the daily briefing hundreds).
func (a *App) namesOf(ctx context.Context, ids []access.UserID) (Names, error) {
	n := Names{Teams: map[access.TeamID]string{}, Workers: map[access.UserID]string{}}
	teams, _, err := a.teamsAndServices(ctx, false)
	if err != nil {
		return n, err
	}
	for _, t := range teams {
		n.Teams[t.ID] = t.Name
	}
	ids = slices.DeleteFunc(slices.Clone(ids), func(id access.UserID) bool { return id == 0 })
	slices.Sort(ids)
	if ids = slices.Compact(ids); len(ids) == 0 {
		return n, nil
	}
	if n.Workers, err = a.Store.UserNames(ctx, ids); err != nil {
		return n, err
	}
	return n, nil
}

// JourneyRecordPage is one record of a child's journey with its history.
type JourneyRecordPage struct {
	Person  people.Person
	Record  journey.Record
	History []store.Version[journey.Record]
	// Records are the child's other records, which the record's episode and
	// follows name.
	Records   []journey.Record
	Names     Names
	CanChange bool
	// ReturnWarnings are the census rules the record breaks in the
	// collection year today falls in (censusWarnings).
	ReturnWarnings []ReturnFinding
}

// JourneyRecord reads one record of a child's journey with every version
// of it, logged as a read of its history. An id that is not one of the
// child's records is ErrNoJourneyRecord, logged as a refusal.
func (a *App) JourneyRecord(ctx context.Context, ac Actor, on people.ID, id journey.ID) (JourneyRecordPage, error) {
	if err := a.requireJourney(ctx, ac, on); err != nil {
		return JourneyRecordPage{}, err
	}
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadPerson, on)
	if err != nil {
		return JourneyRecordPage{}, err
	}
	var out JourneyRecordPage
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return out, err
	}
	if out.Records, err = a.Store.JourneyRecords(ctx, d.Permit, time.Time{}); err != nil {
		return out, err
	}
	rec, ok := journey.Find(out.Records, id)
	if !ok {
		return JourneyRecordPage{}, a.noJourneyRecord(ctx, ac, access.ReadPerson, on, id)
	}
	out.Record = rec
	if out.History, err = a.Store.JourneyHistory(ctx, d.Permit, id); err != nil {
		return JourneyRecordPage{}, err
	}
	if out.Names, err = a.names(ctx, out.Records, nil); err != nil {
		return JourneyRecordPage{}, err
	}
	ch := access.Authorize(ac.Principal, access.UpdatePerson, &subj, a.Now()).Allowed
	out.CanChange = ch && (rec.Kind != journey.KindAllocation || access.Can(ac.Principal, access.AllocateWork)) &&
		(!GivesCare(rec.Kind) || seesPlacement(ac.Principal))
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, RecordID: int64(id), Action: store.LogHistory, Reason: d.Reason}); err != nil {
		return JourneyRecordPage{}, err
	}
	out.ReturnWarnings = censusWarnings(out.Person, out.Records, id, a.Today())
	out.Record, out.Records, out.History = seenBy(ac.Principal, out.Record), allSeenBy(ac.Principal, out.Records), versionsSeenBy(ac.Principal, out.History)
	return out, nil
}

// noJourneyRecord logs the refusal of a record id that is not on the
// child's journey, as any refusal on a record is, and returns
// ErrNoJourneyRecord.
func (a *App) noJourneyRecord(ctx context.Context, ac Actor, act access.Action, on people.ID, id journey.ID) error {
	if id <= 0 {
		return ErrNoJourneyRecord
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, RecordID: int64(id), Action: store.LogDenied, Reason: string(act) + ": " + reasonNotOnRecord}); err != nil {
		return err
	}
	return ErrNoJourneyRecord
}

// journeyToChange is what a change to a child's journey starts from: the
// decision, the child and their records as they stand.
type journeyToChange struct {
	d       access.Decision
	journey journey.Journey
}

// openJourney decides a change to child on's journey (UpdatePerson, and for
// an allocation AllocateWork too) and reads what the change is judged
// against.
func (a *App) openJourney(ctx context.Context, ac Actor, on people.ID, allocating bool) (journeyToChange, error) {
	if allocating {
		if err := a.require(ctx, ac, access.AllocateWork); err != nil {
			return journeyToChange{}, err
		}
	}
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return journeyToChange{}, err
	}
	out := journeyToChange{d: d}
	if out.journey.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return out, err
	}
	if out.journey.Records, err = a.Store.JourneyRecords(ctx, d.Permit, time.Time{}); err != nil {
		return out, err
	}
	return out, nil
}

// judge normalises r and checks it on its own, against today (nothing is
// recorded as happening in the future) and against the child's journey.
func (a *App) judge(j journey.Journey, r *journey.Record) error {
	r.Normalise()
	if err := r.Validate(); err != nil {
		return err
	}
	var f errs.Fields
	today, now := a.Today(), a.Now()
	if r.Start.After(today) {
		f.Add("start", "The date must be today or in the past")
	}
	if r.End.After(today) {
		f.Add("end", "The end date must be today or in the past")
	}
	if c := r.Contact; c != nil {
		if c.ReceivedAt.After(now) {
			f.Add("contact.received_at", "The contact must have been received by now")
		}
		if !c.ReceivedAt.IsZero() && civil.OfLondon(c.ReceivedAt) != r.Start {
			f.Add("start", "The date of the contact is the day it was received")
		}
	}
	if m := r.FamilyMeeting; m != nil && m.Held.After(today) {
		f.Add("family_meeting.held", "The date the meeting was held must be today or in the past")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return journey.Check(j, *r)
}

// RecordJourney adds a record to child on's journey (a contact, a referral,
// an assessment, a visit...), judged against the rest of it. The record's
// team, where it has none, is the user's own. An allocation needs
// AllocateWork (see Allocate, which also ends the last one). The record,
// and the involvement it gives its team and worker, are written together.
// The record returned is as the user may see it (seenBy).
func (a *App) RecordJourney(ctx context.Context, ac Actor, on people.ID, r journey.Record) (out journey.Record, err error) {
	defer func() { out = seenBy(ac.Principal, out) }()
	r.ID = 0
	t, r, err := a.prepare(ctx, ac, on, r)
	if err != nil {
		return r, err
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, Action: store.LogCreate, Reason: t.d.Reason, Note: string(r.Kind)})
	if err != nil {
		return r, err
	}
	rec, err := a.Store.CreateJourneyRecord(ctx, r, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC()}))
	if err != nil {
		return r, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(rec.ID))
	return rec, nil
}

// CheckJourney judges a new record (r.ID zero) or a change to one of child
// on's journey records as RecordJourney or ChangeJourney would, and writes
// nothing: the check page of a form shows only what would be saved. It
// returns the record as it would be kept (normalised, with the user's team
// where it has none). The save judges it again, against the journey as it
// stands then.
func (a *App) CheckJourney(ctx context.Context, ac Actor, on people.ID, r journey.Record) (journey.Record, error) {
	_, r, err := a.prepare(ctx, ac, on, r)
	return seenBy(ac.Principal, r), err
}

// prepare readies r to be saved on child on's journey, as a new record (r.ID
// zero) or a new version of one: it decides the change (an allocation needs
// AllocateWork too), fills in what the user does not choose (the child; for
// a new record, the user's own team where it has none; for a change, when
// it was first recorded) and judges it. A change cannot alter a record's
// kind. It writes nothing, so a form's check page calls it through
// CheckJourney.
func (a *App) prepare(ctx context.Context, ac Actor, on people.ID, r journey.Record) (journeyToChange, journey.Record, error) {
	t, err := a.openJourney(ctx, ac, on, r.Kind == journey.KindAllocation)
	if err != nil {
		return t, r, err
	}
	r.PersonID = on
	if GivesCare(r.Kind) {
		if err := a.require(ctx, ac, access.ReadPlacementAddress); err != nil {
			return t, r, err
		}
	}
	var cur journey.Record
	if r.ID == 0 {
		r.Version, r.RecordedAt = 0, time.Time{}
		if r.TeamID == 0 && r.Kind != journey.KindNote && r.Kind != journey.KindVisit {
			r.TeamID = ac.Principal.User.TeamID
		}
	} else {
		var ok bool
		if cur, ok = journey.Find(t.journey.Records, r.ID); !ok {
			return t, r, a.noJourneyRecord(ctx, ac, access.UpdatePerson, on, r.ID)
		}
		if r.Kind != cur.Kind {
			var f errs.Fields
			f.Add("kind", "A record's kind cannot be changed: record a new one instead")
			return t, r, f.Err()
		}
		r.RecordedAt = cur.RecordedAt
		r = keepUnseen(ac.Principal, cur, r)
	}
	f, err := a.checkAssignment(ctx, ac, cur, r)
	if err != nil {
		return t, r, err
	}
	if err := a.checkHousehold(ctx, &f, "care_episode.household", cur, r); err != nil {
		return t, r, err
	}
	checkDecisionKept(&f, cur, r)
	if err := f.Err(); err != nil {
		return t, r, mergeInvalid(err, a.judge(t.journey, &r))
	}
	return t, r, a.judge(t.journey, &r)
}

// checkAssignment checks the team and worker a new record (cur zero) or a
// change names, where they are new: a contact, early help episode,
// referral or allocation gives them access to the child, so naming them is
// giving it. A team must exist, and be the user's own unless the user
// allocates work (a manager) or routes it (the front door); a worker must
// be an active user of the record's team who holds cases (holdsCases), and
// be the user themself unless the user allocates work.
func (a *App) checkAssignment(ctx context.Context, ac Actor, cur, r journey.Record) (errs.Fields, error) {
	return a.checkWho(ctx, ac, assignment{cur.TeamID, cur.WorkerID}, assignment{r.TeamID, r.WorkerID}, access.Can(ac.Principal, access.DecideContacts), holdsCases)
}

// assignment is the team and worker a record names.
type assignment struct {
	team   access.TeamID
	worker access.UserID
}

// checkWho is checkAssignment's rule for any record that gives its team
// and worker access to the child (the journey's, education's): routes says
// whether the user may send work to another team (the front door), and
// works who may be named as the worker.
func (a *App) checkWho(ctx context.Context, ac Actor, cur, r assignment, routes bool, works func(access.User) bool) (errs.Fields, error) {
	var f errs.Fields
	p := ac.Principal
	manager := access.Can(p, access.AllocateWork)
	if r.team != 0 && r.team != cur.team {
		svc, err := a.serviceOf(ctx, r.team)
		switch {
		case err != nil:
			return f, err
		case svc == 0 && r.team != p.User.TeamID:
			f.Add("team_id", "Choose a team from the list")
		case r.team != p.User.TeamID && !manager && !routes:
			f.Add("team_id", "Record work for your own team: a manager or the front door sends it to another")
		}
	}
	if cur.team != 0 && r.team == 0 {
		f.Add("team_id", "A record keeps its team: choose another team rather than none")
	}
	if r.worker != 0 && (r.worker != cur.worker || r.team != cur.team) {
		if r.worker != cur.worker && r.worker != p.User.ID && !manager {
			f.Add("worker_id", "Record the work as your own or leave it unallocated: a manager allocates it to someone else")
			return f, nil
		}
		// A record with no team (a visit, a note) is the work of the
		// user's own team.
		team := cmp.Or(r.team, p.User.TeamID)
		u, err := a.Store.User(ctx, r.worker)
		switch {
		case errs.Is(err, errs.NotFound) || err == nil && (!works(u) || u.TeamID != team):
			f.Add("worker_id", "Choose a worker in the team")
		case err != nil:
			return f, err
		}
	}
	return f, nil
}

// checkDecisionKept refuses a decision on a contact made or changed other
// than through DecideContact: the front door's decision is recorded once,
// by who made it and when, and opens what follows it.
func checkDecisionKept(f *errs.Fields, cur, r journey.Record) {
	if r.Kind != journey.KindContact || r.Contact == nil {
		return
	}
	var was journey.Contact
	if cur.Contact != nil {
		was = *cur.Contact
	}
	c := *r.Contact
	if c.Decision != was.Decision || !c.DecidedAt.Equal(was.DecidedAt) || c.DecidedBy != was.DecidedBy || r.End != cur.End {
		f.Add("contact.decision", "The decision on a contact is recorded once, on its decision page, and not changed here")
	}
}

// ChangeJourney writes a new version of one of child on's journey records:
// a correction (a wrong date fixed) or the record's next step (an
// assessment authorised, a plan ended, a case closed), with a reason. Its
// kind cannot change. r.Version is the version the user started from; if
// someone has saved since, the change is refused with errs.Conflict. What
// the user may not see of the record (a placement's address) is kept as it
// stands, whatever the change says (keepUnseen), and the record returned is
// as the user may see it.
func (a *App) ChangeJourney(ctx context.Context, ac Actor, on people.ID, r journey.Record, reason string) (out journey.Record, err error) {
	defer func() { out = seenBy(ac.Principal, out) }()
	reason, rerr := validReason(reason)
	if r.ID <= 0 {
		return r, ErrNoJourneyRecord
	}
	t, r, err := a.prepare(ctx, ac, on, r)
	if err != nil {
		return r, mergeInvalid(err, rerr)
	}
	if rerr != nil {
		return r, rerr
	}
	if r.Version < 1 {
		var f errs.Fields
		f.Add("version", "Enter the version of the record you are changing")
		return r, f.Err()
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, RecordID: int64(r.ID), Action: store.LogUpdate, Reason: t.d.Reason, Note: string(r.Kind)})
	if err != nil {
		return r, err
	}
	rec, err := a.Store.UpdateJourneyRecord(ctx, r, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return r, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(rec.ID))
	return rec, nil
}

// ContactDecision is the front door's decision on a contact. A referral to
// children's social care opens a referral in Team with the child's primary
// need; early help opens an early help episode in Team.
type ContactDecision struct {
	Version     int           `json:"version"` // the contact's, as the user saw it
	Decision    string        `json:"decision"`
	PrimaryNeed string        `json:"primary_need,omitempty"`
	Team        access.TeamID `json:"team_id,omitempty"`
}

// DecideContact records the decision on an open contact, now, by the user;
// a referral or early help decision opens the referral or episode that
// follows it in the same unit of work. It returns the contact and, if one
// was opened, the new episode.
func (a *App) DecideContact(ctx context.Context, ac Actor, on people.ID, id journey.ID, dec ContactDecision) (journey.Record, journey.Record, error) {
	if err := a.require(ctx, ac, access.DecideContacts); err != nil {
		return journey.Record{}, journey.Record{}, err
	}
	t, err := a.openJourney(ctx, ac, on, false)
	if err != nil {
		return journey.Record{}, journey.Record{}, err
	}
	contact, ok := journey.Find(t.journey.Records, id)
	if !ok || contact.Kind != journey.KindContact {
		return journey.Record{}, journey.Record{}, a.noJourneyRecord(ctx, ac, access.UpdatePerson, on, id)
	}
	var f errs.Fields
	switch {
	case !contact.End.IsZero():
		f.Add("decision", "This contact was decided on %s", contact.End.Format())
	case !journey.ContactDecisions.Has(dec.Decision):
		f.Add("decision", "Choose the decision from the list")
	}
	if err := f.Err(); err != nil {
		return contact, journey.Record{}, err
	}
	if dec.Decision != "referral" && dec.PrimaryNeed != "" {
		f.Add("primary_need", "Only a referral to children's social care has a primary need")
	}
	if dec.Decision != "referral" && dec.Decision != "early_help" && dec.Team != 0 {
		f.Add("team_id", "Only a referral or early help goes to a team")
	}
	if dec.Team != 0 {
		if svc, err := a.serviceOf(ctx, dec.Team); err != nil {
			return contact, journey.Record{}, err
		} else if svc == 0 {
			f.Add("team_id", "Choose a team from the list")
		}
	}
	now := a.Now()
	c := *contact.Contact
	c.Decision, c.DecidedAt, c.DecidedBy = dec.Decision, now.UTC(), ac.UserID()
	contact.Contact, contact.Version, contact.End = &c, dec.Version, civil.OfLondon(now)
	var next journey.Record
	switch dec.Decision {
	case "referral":
		next = journey.Record{Kind: journey.KindReferral, Referral: &journey.Referral{Source: c.Source, PrimaryNeed: dec.PrimaryNeed}}
	case "early_help":
		next = journey.Record{Kind: journey.KindEarlyHelp, EarlyHelp: &journey.EarlyHelp{}}
	}
	if next.Kind != "" && dec.Team == 0 {
		f.Add("team_id", "Choose the team the child goes to")
	}
	if err := a.judge(t.journey, &contact); err != nil {
		return contact, journey.Record{}, mergeInvalid(err, f.Err())
	}
	if next.Kind != "" {
		next.PersonID, next.Start, next.TeamID, next.Follows = on, contact.End, dec.Team, contact.ID
		after := t.journey
		after.Records = append(append([]journey.Record{}, t.journey.Records...), contact)
		if err := a.judge(after, &next); err != nil {
			return contact, next, mergeInvalid(err, f.Err())
		}
	}
	if err := f.Err(); err != nil {
		return contact, next, err
	}
	if dec.Version < 1 {
		f.Add("version", "Enter the version of the contact you are deciding")
		return contact, next, f.Err()
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, RecordID: int64(id), Action: store.LogUpdate, Reason: t.d.Reason, Note: decisionNote(dec)})
	if err != nil {
		return contact, next, err
	}
	ch := w.change(store.Change{By: ac.UserID(), At: now.UTC(), Reason: "Decision: " + journey.ContactDecisions.Label(dec.Decision)})
	err = a.Store.Atomic(ctx, func(tx store.Tx) error {
		var err error
		if contact, err = tx.UpdateJourneyRecord(ctx, contact, ch); err != nil {
			return err
		}
		if next.Kind != "" {
			next, err = tx.CreateJourneyRecord(ctx, next, ch)
		}
		return err
	})
	if err != nil {
		return contact, next, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(id))
	return contact, next, nil
}

// decisionNote is the access-log note of a decision: what was decided and,
// for one that opens an episode, the team that gains the child.
func decisionNote(dec ContactDecision) string {
	note := "decision: " + dec.Decision
	if dec.Team != 0 {
		note += "; opened in team " + strconv.FormatInt(int64(dec.Team), 10)
	}
	return note
}

// Allocation is a manager's allocation of a child to a worker in a team.
type Allocation struct {
	Team    access.TeamID `json:"team_id"`
	Worker  access.UserID `json:"worker_id"`
	Start   civil.Date    `json:"start"`
	Episode journey.ID    `json:"episode,omitempty"`
	Reason  string        `json:"reason"`
}

// Allocate allocates child on to a worker from a date, ending their last
// allocation that day, in one unit of work: the child always has one
// allocated worker, and the old worker's access ends as the new one's
// begins. The worker must be an active user of the team.
func (a *App) Allocate(ctx context.Context, ac Actor, on people.ID, al Allocation) (journey.Record, error) {
	t, err := a.openJourney(ctx, ac, on, true)
	if err != nil {
		return journey.Record{}, err
	}
	reason, rerr := checkReason(al.Reason, "Enter the reason for the allocation")
	var f errs.Fields
	if e := errs.As(rerr); e != nil {
		f = append(f, e.Fields...)
	}
	al.Reason = reason
	next := journey.Record{Kind: journey.KindAllocation, PersonID: on, Episode: al.Episode, Start: al.Start,
		TeamID: al.Team, WorkerID: al.Worker, Allocation: &journey.Allocation{Reason: al.Reason}}
	assigned, err := a.checkAssignment(ctx, ac, journey.Record{}, next)
	if err != nil {
		return journey.Record{}, err
	}
	f = append(f, assigned...)
	after := t.journey
	last := journey.CurrentAllocation(t.journey.Records)
	if last.ID != 0 {
		if al.Start.Before(last.Start) {
			f.Add("start", "The new allocation must start on or after the last one (%s)", last.Start.Format())
			return next, f.Err()
		}
		last.End = al.Start
		after.Records = replaced(t.journey.Records, last)
	}
	if err := a.judge(after, &next); err != nil {
		return next, mergeInvalid(err, f.Err())
	}
	if err := f.Err(); err != nil {
		return next, err
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, Action: store.LogCreate, Reason: t.d.Reason, Note: allocationNote(al, last)})
	if err != nil {
		return next, err
	}
	ch := w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: al.Reason})
	err = a.Store.Atomic(ctx, func(tx store.Tx) error {
		if last.ID != 0 {
			if _, err := tx.UpdateJourneyRecord(ctx, last, ch); err != nil {
				return err
			}
		}
		var err error
		next, err = tx.CreateJourneyRecord(ctx, next, ch)
		return err
	})
	if err != nil {
		return next, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(next.ID))
	return next, nil
}

// allocationNote is the access-log note of an allocation: who gains the
// child, in which team, and the allocation it ends.
func allocationNote(al Allocation, last journey.Record) string {
	note := "allocation to worker " + strconv.FormatInt(int64(al.Worker), 10) + " in team " + strconv.FormatInt(int64(al.Team), 10)
	if last.ID != 0 {
		note += "; ends allocation " + strconv.FormatInt(int64(last.ID), 10)
	}
	return note
}

// replaced is records with the one of r's id replaced by r.
func replaced(records []journey.Record, r journey.Record) []journey.Record {
	out := make([]journey.Record, len(records))
	for i, o := range records {
		if o.ID == r.ID {
			o = r
		}
		out[i] = o
	}
	return out
}

// ContactPage is what the front door sees to decide on a contact: the
// contact and the time left, the child's journey so far, and who else
// knows the child and family (the teams open to the child and to each
// relative now).
type ContactPage struct {
	Person    people.Person
	Contact   journey.Record
	DueAt     time.Time
	Status    string
	Matrix    []journey.Period
	Involved  []store.Involvement // the child's open involvements
	Family    []FamilyMember
	Names     Names
	CanDecide bool
}

// FamilyMember is one relative and the teams working with them now.
type FamilyMember struct {
	Relationship store.RelationshipView
	Involved     []access.Involvement
}

// Contact reads one contact of a child's journey for the front door's
// decision, with who else knows the child and family. It is a read of the
// child's journey (the relatives' records are not read: only which teams
// are open to them, which the access facts hold), logged as one, with how
// many relatives it showed.
func (a *App) Contact(ctx context.Context, ac Actor, on people.ID, id journey.ID) (ContactPage, error) {
	if err := a.requireJourney(ctx, ac, on); err != nil {
		return ContactPage{}, err
	}
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadPerson, on)
	if err != nil {
		return ContactPage{}, err
	}
	var out ContactPage
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return out, err
	}
	recs, err := a.Store.JourneyRecords(ctx, d.Permit, time.Time{})
	if err != nil {
		return out, err
	}
	c, ok := journey.Find(recs, id)
	if !ok || c.Kind != journey.KindContact {
		return ContactPage{}, a.noJourneyRecord(ctx, ac, access.ReadPerson, on, id)
	}
	now := a.Now()
	today := civil.Of(now)
	out.Contact, out.Status, out.Matrix = c, journey.Status(recs, today), journey.Matrix(recs)
	ts, err := a.timescales(ctx)
	if err != nil {
		return ContactPage{}, err
	}
	out.DueAt = ts.ContactDecisionDue(c.Contact.ReceivedAt)
	for _, inv := range subj.Involvements {
		if inv.OpenOn(today) {
			out.Involved = append(out.Involved, store.Involvement{Involvement: inv})
		}
	}
	rels, err := a.relationshipsSeenBy(ctx, ac, d.Permit, time.Time{})
	if err != nil {
		return ContactPage{}, err
	}
	ids := make([]people.ID, 0, len(rels))
	for _, rv := range rels {
		ids = append(ids, rv.Other.ID)
	}
	subjects, err := a.Store.Subjects(ctx, ids, now)
	if err != nil {
		return ContactPage{}, err
	}
	for _, rv := range rels {
		m := FamilyMember{Relationship: rv}
		for _, inv := range subjects[rv.Other.ID].Involvements {
			if inv.OpenOn(today) {
				m.Involved = append(m.Involved, inv)
			}
		}
		out.Family = append(out.Family, m)
	}
	var familyWorkers []access.UserID
	for _, m := range out.Family {
		for _, inv := range m.Involved {
			familyWorkers = append(familyWorkers, inv.WorkerID)
		}
	}
	if out.Names, err = a.names(ctx, recs, nil, familyWorkers...); err != nil {
		return ContactPage{}, err
	}
	out.CanDecide = c.End.IsZero() && access.Can(ac.Principal, access.DecideContacts) && access.Authorize(ac.Principal, access.UpdatePerson, &subj, now).Allowed
	note := "contact " + strconv.FormatInt(int64(id), 10) + "; family shown: " + strconv.Itoa(len(out.Family))
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindJourney, RecordID: int64(id), Action: store.LogRead, Reason: d.Reason, Note: note}); err != nil {
		return ContactPage{}, err
	}
	return out, nil
}
