package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// errNoPerson is what a user gets for a record that does not exist or that they
// may not see: the two are the same answer, so that refusal does not confirm
// that a restricted record exists.
var errNoPerson = errs.E(errs.NotFound, "There is no record with this id that you can see")

// authorizePerson decides an action on one person's record, and logs the
// decision when it is a refusal. The decision, the family rule included, is
// access.Authorize's; this loads what it needs.
func (a *App) authorizePerson(ctx context.Context, ac Actor, act access.Action, id people.ID) (access.Decision, error) {
	d, _, err := a.authorizeSubject(ctx, ac, act, id)
	return d, err
}

// authorizeSubject is authorizePerson that also returns the subject it
// loaded, for callers that show it. Every refusal is logged and answered
// alike whatever the record (see refusal): a record that does not exist, a
// restricted one and one the user has no relationship to cannot be told
// apart, and ids are sequential.
func (a *App) authorizeSubject(ctx context.Context, ac Actor, act access.Action, id people.ID) (access.Decision, access.Subject, error) {
	now := a.Now()
	// The role first, before the record is looked at, so that a role that
	// may not do this is answered the same for every id.
	if !access.Can(ac.Principal, act) {
		d := access.Authorize(ac.Principal, act, &access.Subject{PersonID: id}, now)
		return d, access.Subject{}, a.refuse(ctx, ac, act, id, d)
	}
	subj, err := a.Store.Subject(ctx, id, now)
	if errs.Is(err, errs.NotFound) {
		d := access.Authorize(ac.Principal, act, nil, now)
		return d, subj, a.refuse(ctx, ac, act, id, d)
	}
	if err != nil {
		return access.Decision{}, subj, err
	}
	d, err := a.decide(ctx, ac, act, &subj, now)
	if err != nil {
		return d, subj, err
	}
	if !d.Allowed {
		return d, subj, a.refuse(ctx, ac, act, id, d)
	}
	return d, subj, nil
}

// decide is access.Authorize with the subject's relatives loaded when the
// family rule could change the answer.
func (a *App) decide(ctx context.Context, ac Actor, act access.Action, subj *access.Subject, now time.Time) (access.Decision, error) {
	d := access.Authorize(ac.Principal, act, subj, now)
	if !access.NeedsRelatives(act, subj, d) {
		return d, nil
	}
	one := map[people.ID]access.Subject{subj.PersonID: *subj}
	if err := a.loadRelatives(ctx, one, []people.ID{subj.PersonID}, now); err != nil {
		return d, err
	}
	*subj = one[subj.PersonID]
	return access.Authorize(ac.Principal, act, subj, now), nil
}

// refuse logs a refusal of an action on a record and returns the answer to
// give, which depends only on who asks and what they ask to do, never on
// the record: see refusal.
func (a *App) refuse(ctx context.Context, ac Actor, act access.Action, id people.ID, d access.Decision) error {
	if err := a.logAccess(ctx, ac, onPerson(id, store.LogDenied, string(act)+": "+d.Reason)); err != nil {
		return err
	}
	return refusal(ac.Principal, act)
}

// refusal is the one answer to a refused action on a record. A read is "not
// found", or for a user who may break the glass "give a reason" (whether or
// not the record exists or is restricted: the reason page says which). A
// change the user's role does not allow is forbidden, for every id alike;
// any other refused change is "not found".
func refusal(p access.Principal, act access.Action) error {
	switch {
	case act == access.ReadPerson && access.Can(p, access.BreakGlass):
		return errReasonRequired
	case act == access.ReadPerson:
		return errNoPerson
	case !access.Can(p, act):
		return errs.E(errs.Forbidden, "You do not have permission to do this")
	}
	return errNoChange
}

// errNoChange is errNoPerson for a change: a record that does not exist, or
// that the user may not change, for whatever reason.
var errNoChange = errs.E(errs.NotFound, "There is no record with this id that you can change")

// loadRelatives fills in the Relatives of the subjects of ids, for the family
// rule. It asks the store twice whatever the number of ids, so that a page of
// search results costs no more than one record. A subject with no relatives
// gets an empty list, so that it is not asked about again.
func (a *App) loadRelatives(ctx context.Context, subjects map[people.ID]access.Subject, ids []people.ID, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	relatives, err := a.Store.Relatives(ctx, ids)
	if err != nil {
		return err
	}
	var all []people.ID
	for _, rs := range relatives {
		for _, r := range rs {
			all = append(all, r.ID)
		}
	}
	var theirs map[people.ID]access.Subject
	if len(all) > 0 {
		if theirs, err = a.Store.Subjects(ctx, all, now); err != nil {
			return err
		}
	}
	for _, id := range ids {
		s, ok := subjects[id]
		if !ok {
			continue
		}
		s.Relatives = []access.Subject{}
		for _, other := range relatives[id] {
			if r, ok := theirs[other.ID]; ok {
				r.Kin = other.Kin // which relationship: the family rule follows only some
				s.Relatives = append(s.Relatives, r)
			}
		}
		subjects[id] = s
	}
	return nil
}

// relationshipsSeenBy returns the relationships of the person pm opens as
// the actor may see them (access.SeesRelationship): a relationship to a
// restricted record the actor may not open is left out. Few records are
// restricted, so the store is rarely asked.
func (a *App) relationshipsSeenBy(ctx context.Context, ac Actor, pm access.Permit, asOf time.Time) ([]store.RelationshipView, error) {
	rels, err := a.Store.Relationships(ctx, pm, asOf)
	if err != nil {
		return nil, err
	}
	// What is hidden is decided by the restrictions of today, even in a view
	// of an earlier day: a sibling adopted since must not show in the family
	// as it was. An earlier day's view (rare) asks about every other person;
	// today's, only those restricted.
	var ask []people.ID
	for _, rv := range rels {
		if rv.Other.Restricted || !asOf.IsZero() {
			ask = append(ask, rv.Other.ID)
		}
	}
	if len(ask) == 0 {
		return rels, nil
	}
	now := a.Now()
	subjects, err := a.Store.Subjects(ctx, ask, now)
	if err != nil {
		return nil, err
	}
	seen := rels[:0:0]
	for _, rv := range rels {
		other := access.Subject{PersonID: rv.Other.ID, Restricted: rv.Other.Restricted} // today's, unless asked anew
		if s, ok := subjects[rv.Other.ID]; ok {
			other = s
		}
		if access.SeesRelationship(ac.Principal, &other, now) {
			seen = append(seen, rv)
		}
	}
	return seen, nil
}

// PersonPage is everything the "one view" of a person shows.
type PersonPage struct {
	Person        people.Person
	AsOf          time.Time // zero: now
	Relationships []store.RelationshipView
	Involvements  []store.Involvement // as they stand now, even in a view as of an earlier moment
	Viewers       []store.AccessEntry // who has looked at this record, newest first
	Decision      access.Decision
	CanEdit       bool
	Today         civil.Date
	// Claims are the Supporting Families claims of the family whose main
	// child this is, as they stand (none in a view as of an earlier
	// moment): part of the child's record, read with the same permit and
	// under the same line of the access log.
	Claims []programme.Claim
	// Education is the page's education part, nil for a user who reads
	// neither a child's education records nor their summary, or who may
	// not for this child; SeesJourney whether the user reads journeys.
	Education   *EducationPage
	SeesJourney bool
}

// Person opens a person's record, as it stands now or as it stood at asOf.
func (a *App) Person(ctx context.Context, ac Actor, id people.ID, asOf time.Time) (PersonPage, error) {
	return a.person(ctx, ac, id, asOf, false)
}

// PersonWithEducation is Person with the page's education part (Education),
// for a user who may read it: a read of the child's education too, logged as
// one. Only a caller that shows the part asks for it, so that no read is
// logged that was not shown.
func (a *App) PersonWithEducation(ctx context.Context, ac Actor, id people.ID, asOf time.Time) (PersonPage, error) {
	return a.person(ctx, ac, id, asOf, true)
}

func (a *App) person(ctx context.Context, ac Actor, id people.ID, asOf time.Time, withEducation bool) (PersonPage, error) {
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadPerson, id)
	if err != nil {
		return PersonPage{}, err
	}
	p, err := a.Store.Person(ctx, d.Permit, asOf)
	if err != nil {
		return PersonPage{}, err
	}
	rels, err := a.relationshipsSeenBy(ctx, ac, d.Permit, asOf)
	if err != nil {
		return PersonPage{}, err
	}
	// The subject holds the involvements too, but without the id and
	// version that ending one needs: one indexed read of the person's few.
	invs, err := a.Store.Involvements(ctx, d.Permit)
	if err != nil {
		return PersonPage{}, err
	}
	var claims []programme.Claim
	// A claim is the family's early help: for those who read the journey.
	if asOf.IsZero() && access.Can(ac.Principal, access.ReadJourney) {
		if claims, err = a.Store.Claims(ctx, d.Permit); err != nil {
			return PersonPage{}, err
		}
	}
	if err := a.logAccess(ctx, ac, onPerson(id, store.LogRead, d.Reason)); err != nil {
		return PersonPage{}, err
	}
	viewers, err := a.Store.AccessLog(ctx, store.AccessQuery{PersonID: id, Limit: 20})
	if err != nil {
		return PersonPage{}, err
	}
	edit := access.Authorize(ac.Principal, access.UpdatePerson, &subj, a.Now())
	out := PersonPage{
		Person: p, AsOf: asOf, Relationships: rels, Involvements: involvementsSeenBy(ac.Principal, invs),
		Viewers: viewers, Decision: d, CanEdit: edit.Allowed, Today: a.Today(), Claims: claims, SeesJourney: access.Can(ac.Principal, access.ReadJourney),
	}
	if withEducation && asOf.IsZero() {
		if out.Education, err = a.educationPart(ctx, ac, subj, p); err != nil {
			return PersonPage{}, err
		}
	}
	return out, nil
}

// History is every change to a person's record and to their relationships,
// each oldest first.
type History struct {
	Versions      []store.Version[people.Person]
	Relationships []RelationshipVersion
}

// RelationshipVersion is one version of one of a person's relationships, seen
// from their side.
type RelationshipVersion struct {
	store.Version[people.Relationship]
	Forward bool                // the person is the relationship's From
	Other   store.PersonSummary // the other person as they are now
}

// PersonHistory returns every version of a person's record and of the
// relationships the actor may see, oldest first.
func (a *App) PersonHistory(ctx context.Context, ac Actor, id people.ID) (History, error) {
	d, err := a.authorizePerson(ctx, ac, access.ReadPerson, id)
	if err != nil {
		return History{}, err
	}
	h, err := a.Store.PersonHistory(ctx, d.Permit)
	if err != nil {
		return History{}, err
	}
	rels, err := a.relationshipsSeenBy(ctx, ac, d.Permit, time.Time{})
	if err != nil {
		return History{}, err
	}
	rh, err := a.Store.RelationshipHistory(ctx, d.Permit)
	if err != nil {
		return History{}, err
	}
	views := map[people.RelationshipID]store.RelationshipView{}
	for _, rv := range rels {
		views[rv.Relationship.ID] = rv
	}
	out := History{Versions: h, Relationships: []RelationshipVersion{}}
	for _, v := range rh {
		if rv, ok := views[v.Record.ID]; ok {
			out.Relationships = append(out.Relationships, RelationshipVersion{Version: v, Forward: rv.Forward, Other: rv.Other})
		}
	}
	if err := a.logAccess(ctx, ac, onPerson(id, store.LogHistory, d.Reason)); err != nil {
		return History{}, err
	}
	return out, nil
}

// SearchResult is a page of search results the actor may open, and how many
// more matched that they may not (at least; the count stops at 200).
type SearchResult struct {
	People []store.PersonSummary
	// NeedReason are unrestricted people outside the actor's relationships,
	// listed when they may break the glass: name, date of birth and
	// postcode district only, to be opened with a reason.
	NeedReason []store.PersonSummary
	Hidden     int
	// Relatable are the People the actor has a relationship of their own to
	// (they may change the record): the only ones they may relate to another
	// person (see AddRelationshipFor), so the only ones a page offers for it.
	Relatable map[people.ID]bool `json:"-"`
	// MoreHidden is true when the count of hidden matches stopped at its
	// limit: there are at least Hidden.
	MoreHidden bool `json:"-"`
	// OutsideWithheld is true when the actor may break the glass but people
	// outside their relationships were not looked for, because the search
	// was not specific enough to find one child (listsOutside).
	OutsideWithheld bool `json:"-"`
	// OutsideCapped is true when the actor has been listed as many people
	// outside their relationships as a day allows (OutsidePerDay), so the
	// search stopped listing them.
	OutsideCapped bool `json:"-"`
	// CountWithheld is true when the actor may not open every record and
	// hidden matches were not counted, because the search had more than a
	// name.
	CountWithheld bool `json:"-"`
}

// hiddenCountLimit bounds the count of matches a user may not see ("200 or
// more"). The count is made over up to hiddenCountFetch matches, many more,
// so that the restricted records among them, which are not counted, cannot
// pull "200 or more" down to an exact number and so show that they exist
// (they would need to be hundreds, sharing one name).
const (
	hiddenCountLimit = 200
	hiddenCountFetch = 500
)

// SearchPeople searches the register. The store is asked only for people in
// the actor's scope (their caseload, their team's, their service's, open
// contacts, their grants, and the relatives of those), and each result is
// still put to Authorize. For a search by name alone, matches outside the
// scope are counted, so that a practitioner knows another team holds a
// record before creating a duplicate; with any other term the count is not
// made, since it would confirm a hidden child's date of birth or postcode
// one guess at a time. Restricted records are never counted, so a search
// does not reveal that one exists. Each search is logged with its terms and
// counts against the actor's allowance (allowSearch).
func (a *App) SearchPeople(ctx context.Context, ac Actor, q store.PersonQuery) (SearchResult, error) {
	if err := a.require(ctx, ac, access.SearchPeople); err != nil {
		return SearchResult{}, err
	}
	var fields errs.Fields
	q.Name = strings.TrimSpace(q.Name)
	q.Postcode = strings.TrimSpace(q.Postcode)
	q.Identifier = strings.TrimSpace(q.Identifier)
	if q.Name == "" && q.DateOfBirth.IsZero() && q.Postcode == "" && q.Identifier == "" {
		fields.Add("name", "Enter a name, date of birth, postcode or identifier to search for")
	}
	if len(q.Name) > 200 {
		fields.Add("name", "Name must be 200 characters or fewer")
	}
	checkSearch(&fields, q, a.Today())
	if err := fields.Err(); err != nil {
		return SearchResult{}, err
	}
	terms := searchTerms(q)
	if err := a.allowSearch(ctx, ac, store.LogSearch, terms); err != nil {
		return SearchResult{}, err
	}
	want := q.Limit
	if want == 0 {
		want = defaultSearchLimit
	}
	now := a.Now()
	scope, all, err := a.scope(ctx, ac.Principal, now)
	if err != nil {
		return SearchResult{}, err
	}
	scoped := q
	if !all {
		scoped.Scope = &scope
	}
	// Ask for more than the page: restricted records without a grant are
	// filtered out below.
	scoped.Limit = want + 20
	found, err := a.Store.SearchPeople(ctx, scoped)
	if err != nil {
		return SearchResult{}, err
	}
	ids := make([]people.ID, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	subjects, err := a.Store.Subjects(ctx, ids, now)
	if err != nil {
		return SearchResult{}, err
	}
	// Each result is put to Authorize; those that only the family rule could
	// open have their relatives loaded all at once, and are asked again.
	var others []people.ID
	for _, f := range found {
		s := subjects[f.ID]
		if d := access.Authorize(ac.Principal, access.ReadPerson, &s, now); access.NeedsRelatives(access.ReadPerson, &s, d) {
			others = append(others, f.ID)
		}
	}
	if err := a.loadRelatives(ctx, subjects, others, now); err != nil {
		return SearchResult{}, err
	}
	res := SearchResult{Relatable: map[people.ID]bool{}}
	visible := map[people.ID]bool{}
	for _, f := range found {
		s, ok := subjects[f.ID]
		if ok && len(res.People) < want && access.Authorize(ac.Principal, access.ReadPerson, &s, now).Allowed {
			res.People = append(res.People, f)
			visible[f.ID] = true
			if access.Authorize(ac.Principal, access.UpdatePerson, &s, now).Allowed {
				res.Relatable[f.ID] = true
			}
		}
	}
	// Matches outside the actor's scope, for a search that counts them (by
	// name alone) or lists them (breaking the glass): asked for once, in the
	// store's order, and shared, since the listing's first rows are the
	// count's.
	counts, lists := !all && nameOnly(q), access.Can(ac.Principal, access.BreakGlass) && listsOutside(q)
	var everyone []store.PersonSummary
	if counts || lists {
		unscoped := q
		unscoped.Scope, unscoped.Limit = nil, outsideLimit+20
		if counts {
			unscoped.Limit = hiddenCountFetch
		}
		if everyone, err = a.Store.SearchPeople(ctx, unscoped); err != nil {
			return SearchResult{}, err
		}
	}
	// A user who may break the glass also sees who else matches, outside
	// their relationships, in as little detail as lets them pick the child,
	// and only for a search that names one child (listsOutside).
	res.OutsideWithheld = access.Can(ac.Principal, access.BreakGlass) && !listsOutside(q)
	if lists {
		more := everyone[:min(len(everyone), outsideLimit+20)]
		for _, o := range append(found, more...) {
			// Breaking the glass turns only on the restriction, which the
			// summary carries.
			bg := access.Authorize(ac.Principal, access.BreakGlass, &access.Subject{PersonID: o.ID, Restricted: o.Restricted}, now)
			if !visible[o.ID] && bg.Allowed && len(res.NeedReason) < outsideLimit {
				drawn, err := a.drawOutside(ctx, ac, now)
				if err != nil {
					return SearchResult{}, err
				}
				if !drawn {
					res.OutsideCapped = true
					break
				}
				res.NeedReason = append(res.NeedReason, store.PersonSummary{
					ID: o.ID, GivenName: o.GivenName, FamilyName: o.FamilyName, DateOfBirth: o.DateOfBirth,
					Postcode: people.PostcodeOutward(o.Postcode),
				})
				visible[o.ID] = true
			}
		}
	}
	if counts {
		for _, o := range everyone {
			if !o.Restricted && !visible[o.ID] {
				res.Hidden++
			}
		}
		res.Hidden, res.MoreHidden = min(res.Hidden, hiddenCountLimit), res.Hidden >= hiddenCountLimit
	}
	res.CountWithheld = !all && !counts
	note := terms + "; " + shown(len(res.People), res.Hidden) + "; listed " + strconv.Itoa(len(res.NeedReason)) + " needing a reason"
	if res.OutsideCapped {
		note += "; daily limit of people listed outside reached"
	}
	if err := a.logSearch(ctx, ac, store.LogSearch, access.ReasonRole, note); err != nil {
		return SearchResult{}, err
	}
	return res, nil
}

// scope is the actor's search scope (see access.ScopeFor).
func (a *App) scope(ctx context.Context, p access.Principal, now time.Time) (access.Scope, bool, error) {
	var serviceTeams []access.TeamID
	if p.ServiceID != 0 {
		teams, _, err := a.teamsAndServices(ctx, false)
		if err != nil {
			return access.Scope{}, false, err
		}
		for _, t := range teams {
			if t.ServiceID == p.ServiceID {
				serviceTeams = append(serviceTeams, t.ID)
			}
		}
	}
	s, all := access.ScopeFor(p, serviceTeams, now)
	return s, all, nil
}

// Duplicate is a person who may be the same as one being created.
type Duplicate struct {
	Summary store.PersonSummary
	Reason  string
}

// CheckPerson normalises and validates a new or changed record and, for a new
// one, finds possible duplicates the actor may see and counts some they may
// not (see possibleDuplicates: never a restricted record). Nothing is
// written but the access-log line: the duplicate check is a search of the
// register, logged and limited as one.
func (a *App) CheckPerson(ctx context.Context, ac Actor, p people.Person) (people.Person, []Duplicate, int, error) {
	p, err := a.checkRecord(ctx, ac, p)
	if err != nil || p.ID != 0 {
		return p, nil, 0, err
	}
	terms := checkTerms(p)
	if err := a.allowSearch(ctx, ac, store.LogDuplicateCheck, terms); err != nil {
		return p, nil, 0, err
	}
	dups, hidden, err := a.possibleDuplicates(ctx, ac, p)
	if err != nil {
		return p, nil, 0, err
	}
	if err := a.logSearch(ctx, ac, store.LogDuplicateCheck, access.ReasonRole, terms+"; "+shown(len(dups), hidden)); err != nil {
		return p, nil, 0, err
	}
	return p, dups, hidden, nil
}

// checkRecord authorises a new or changed record and normalises and
// validates it, reading nothing of anyone else's.
func (a *App) checkRecord(ctx context.Context, ac Actor, p people.Person) (people.Person, error) {
	act := access.CreatePerson
	if p.ID != 0 {
		act = access.UpdatePerson
	}
	// A role check only (a refusal is logged): the record check for a
	// change follows.
	if err := a.require(ctx, ac, act); err != nil {
		return p, err
	}
	if p.ID != 0 {
		if _, err := a.authorizePerson(ctx, ac, access.UpdatePerson, p.ID); err != nil {
			return p, err
		}
	}
	p = people.Normalise(p)
	return p, people.Validate(p, a.Today())
}

func summaryOf(p people.Person) store.PersonSummary {
	s := store.PersonSummary{ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, DateOfBirth: p.DateOfBirth, Restricted: p.Restricted}
	if a, ok := p.CurrentAddress(); ok {
		s.Postcode = a.Postcode
	}
	return s
}

// errReasonText refuses a reason with characters that would make the pages
// that show it (the auditor's, a record's history) show other than was
// typed: control characters other than line breaks and tabs, and
// bidirectional controls.
const errReasonText = "Reason must not include control characters or characters that change the direction of text"

// validReason checks the reason a change is recorded with.
func validReason(reason string) (string, error) {
	return checkReason(reason, "Enter the reason for this change")
}

// checkReason is the one rule for a reason a user types (for a change, a
// grant, opening a record): not blank (blank gets the message given), at
// most 500 characters, and text that shows as typed (see
// people.PrintableLines). It returns the reason trimmed.
func checkReason(reason, blank string) (string, error) {
	reason = strings.TrimSpace(reason)
	var fields errs.Fields
	switch {
	case reason == "":
		fields.Add("reason", "%s", blank)
	case len(reason) > 500:
		fields.Add("reason", "Reason must be 500 characters or fewer")
	case !people.PrintableLines(reason):
		fields.Add("reason", errReasonText)
	}
	return reason, fields.Err()
}

// CreatePerson adds a person. Whoever adds them, and their team, get a
// contact involvement for the day, so that they can open the record they
// have just made and record what brought the person in: from the next day
// their access comes from the person's journey (a contact, a referral, an
// allocation) or their family, as everyone's does. An open contact opens a
// record to every MASH worker, so an involvement that never ended made
// everyone ever added readable by the whole front door. The two are
// written as one unit of work, so that a failure leaves neither.
func (a *App) CreatePerson(ctx context.Context, ac Actor, p people.Person, reason string) (people.Person, error) {
	reason, rerr := validReason(reason)
	p.ID, p.Version = 0, 0
	if p.Restricted {
		return p, errRestrictHere
	}
	p, err := a.checkRecord(ctx, ac, p)
	if err != nil {
		return p, mergeInvalid(err, rerr)
	}
	if rerr != nil {
		return p, rerr
	}
	// What was typed that identifies the person goes in the line's note, so
	// that a create refused (an identifier another record holds) still
	// shows what it tried.
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{Kind: store.KindPerson, Action: store.LogCreate, Reason: access.ReasonRole, Note: checkTerms(p)})
	if err != nil {
		return p, err
	}
	c := w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason})
	// The person and their first involvement commit together, or neither
	// does: a person saved without it could not be found by the one who
	// added them, and adding them again would make a duplicate.
	err = a.Store.Atomic(ctx, func(tx store.Tx) error {
		var err error
		if p, err = tx.CreatePerson(ctx, p, c); err != nil {
			return err
		}
		inv := access.Involvement{PersonID: p.ID, Kind: access.KindContact, TeamID: ac.Principal.User.TeamID, WorkerID: ac.UserID(), StartDate: a.Today(), EndDate: a.Today()}
		_, err = tx.CreateInvolvement(ctx, store.Involvement{Involvement: inv}, c)
		return err
	})
	if err != nil {
		p.ID, p.Version = 0, 0
		return p, w.failed(ctx, identifierTaken(err))
	}
	w.done(ctx, p.ID, int64(p.ID))
	return p, nil
}

// UpdatePerson writes a new version of a person's record. p.Version must be the
// version the user started from; if someone else has saved since, the change is
// refused with errs.Conflict and nothing is written.
func (a *App) UpdatePerson(ctx context.Context, ac Actor, p people.Person, reason string) (people.Person, error) {
	reason, rerr := validReason(reason)
	if p.ID == 0 {
		return p, errNoPerson
	}
	d, subj, err := a.authorizeSubject(ctx, ac, access.UpdatePerson, p.ID)
	if err != nil {
		return p, err
	}
	if p.Restricted != subj.Restricted {
		return p, errRestrictHere
	}
	p = people.Normalise(p)
	if err := people.Validate(p, a.Today()); err != nil {
		return p, mergeInvalid(err, rerr)
	}
	if rerr != nil {
		return p, rerr
	}
	if p.Version < 1 {
		return p, &errs.Error{Code: errs.Invalid, Message: "The version being changed is missing", Fields: []errs.Field{{Field: "version", Message: "Enter the version of the record you are changing"}}}
	}
	w, err := a.beginWrite(ctx, ac, onPerson(p.ID, store.LogUpdate, d.Reason))
	if err != nil {
		return p, err
	}
	p, err = a.Store.UpdatePerson(ctx, p, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return p, w.failed(ctx, identifierTaken(err))
	}
	w.done(ctx, p.ID, int64(p.ID))
	return p, nil
}

// mergeInvalid joins the field lists of two validation errors so that a user
// sees every problem at once.
func mergeInvalid(err, other error) error {
	e, o := errs.As(err), errs.As(other)
	if e == nil || o == nil || e.Code != errs.Invalid || o.Code != errs.Invalid {
		return err
	}
	return &errs.Error{Code: errs.Invalid, Message: e.Message, Fields: append(append([]errs.Field{}, e.Fields...), o.Fields...)}
}

// AddRelationshipFor records a relationship on the record of person on, who
// must be its From or its To. The actor must be allowed to change that record
// and the other person's: a relationship is part of both records, and through
// the family rule it opens each person to everyone who may read the other,
// for as long as it lasts. So the other person must be one the actor has a
// relationship of their own to (Authorize's UpdatePerson: a grant, an
// involvement, their team's, service's or an open contact), never one they
// may only read by breaking the glass or through the family rule, or one
// reason given for a stranger would open that stranger to a whole team, for
// good. Any other person is refused with one answer, whatever the reason
// (the id does not exist, is restricted, or is outside the actor's work),
// and the refusal is logged on that person. The relationship is logged on
// both people's records.
func (a *App) AddRelationshipFor(ctx context.Context, ac Actor, on people.ID, r people.Relationship, reason string) (people.Relationship, error) {
	reason, rerr := validReason(reason)
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return r, err
	}
	other := r.To
	if r.To == on {
		other = r.From
	} else if r.From != on {
		return r, errNoPerson
	}
	var fields errs.Fields
	if e := errs.As(people.ValidateRelationship(r)); e != nil {
		fields = append(fields, e.Fields...)
	}
	if e := errs.As(rerr); e != nil {
		fields = append(fields, e.Fields...)
	}
	var od access.Decision
	if other != 0 && other != on && !fields.Has("to") && !fields.Has("from") {
		if od, err = a.authorizePerson(ctx, ac, access.UpdatePerson, other); err != nil {
			if !errs.Is(err, errs.NotFound) && !errs.Is(err, errs.ReasonRequired) {
				return r, err
			}
			field := "to"
			if other == r.From {
				field = "from"
			}
			fields.Add(field, "Enter the record id of a person whose record you can open")
		}
	}
	if err := fields.Err(); err != nil {
		return r, err
	}
	r.ID, r.Version = 0, 0
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindRelationship, Action: store.LogCreate, Reason: d.Reason})
	if err != nil {
		return r, err
	}
	if err := w.alsoOn(ctx, ac, store.AccessEntry{PersonID: other, Kind: store.KindRelationship, Action: store.LogCreate, Reason: od.Reason}); err != nil {
		return r, err
	}
	r, err = a.Store.CreateRelationship(ctx, r, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return r, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(r.ID))
	return r, nil
}

// ErrNoRelationship answers for a relationship that is not on the record it
// was asked for through (or is hidden from the user): the same answer
// whether it exists elsewhere or not.
var ErrNoRelationship = errs.E(errs.NotFound, "There is no relationship with this id on this record")

// ChangeRelationship writes a new version of a relationship on the record of
// person on: its type, dates or note. A relationship is ended by giving it an
// end date, never by deleting it, so that what was known stays known. The two
// people stay as they are (the store refuses otherwise): a relationship
// recorded between the wrong people, or the wrong way round, is ended and a
// new one added. r.Version must be the version the user started from; a
// change made from an older one is refused with errs.Conflict.
func (a *App) ChangeRelationship(ctx context.Context, ac Actor, on people.ID, r people.Relationship, reason string) (people.Relationship, error) {
	reason, rerr := validReason(reason)
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, on)
	if err != nil {
		return r, err
	}
	cur, err := a.relationshipOn(ctx, ac, d.Permit, r.ID)
	if err != nil {
		return r, err
	}
	var fields errs.Fields
	switch {
	case r.From == 0 && r.To == 0:
		r.From, r.To = cur.From, cur.To
	case r.From == 0 || r.To == 0:
		fields.Add("from", "Give both from and to, or leave both out")
	case r.From == cur.To && r.To == cur.From && r.From != r.To:
		fields.Add("from", "A relationship cannot be turned round. End this one and add a new one")
	case r.From != cur.From || r.To != cur.To:
		fields.Add("from", "The people in a relationship cannot be changed. End this one and add a new one")
	}
	if e := errs.As(people.ValidateRelationship(r)); e != nil {
		for _, f := range e.Fields {
			if !fields.Has(f.Field) {
				fields = append(fields, f)
			}
		}
	}
	if today := a.Today(); r.EndDate.Valid() && today.Before(r.EndDate) {
		if !fields.Has("end_date") {
			fields.Add("end_date", "End date must be today or in the past")
		}
	}
	if r.Version < 1 {
		fields.Add("version", "Enter the version of the relationship you are changing")
	}
	if e := errs.As(rerr); e != nil {
		fields = append(fields, e.Fields...)
	}
	if err := fields.Err(); err != nil {
		return r, err
	}
	// A change from a stale version is refused by the store as such (409);
	// judged against the current version, it could be refused for the
	// wrong reason.
	if r.Version == cur.Version {
		if err := a.mayMakeFamily(ctx, ac, on, cur, r); err != nil {
			return r, err
		}
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindRelationship, RecordID: int64(r.ID), Action: store.LogUpdate, Reason: d.Reason})
	if err != nil {
		return r, err
	}
	// The change is about both people: a line on the other's record too, so
	// that an auditor looking at either finds it.
	if other, _, _ := cur.Other(on); other != on {
		if err := w.alsoOn(ctx, ac, store.AccessEntry{PersonID: other, Kind: store.KindRelationship, RecordID: int64(r.ID), Action: store.LogUpdate, Reason: "relationship changed from the record of person " + strconv.FormatInt(int64(on), 10)}); err != nil {
			return r, err
		}
	}
	r, err = a.Store.UpdateRelationship(ctx, r, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return r, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(r.ID))
	return r, nil
}

// mayMakeFamily refuses a change that makes a relationship count for the
// family rule when it did not (an ended one revived, a professional one made
// a parent) unless the actor has a relationship of their own to the other
// person: such a change opens the other person to everyone who may read the
// person on, as adding the relationship would, and needs what adding it
// needs (see AddRelationshipFor).
func (a *App) mayMakeFamily(ctx context.Context, ac Actor, on people.ID, cur, r people.Relationship) error {
	today := a.Today()
	before := access.Kin{Type: cur.Type, EndDate: cur.EndDate}.Family(today)
	after := access.Kin{Type: r.Type, EndDate: r.EndDate}.Family(today)
	if before || !after {
		return nil
	}
	other, _, _ := cur.Other(on)
	if _, err := a.authorizePerson(ctx, ac, access.UpdatePerson, other); err != nil {
		if !errs.Is(err, errs.NotFound) && !errs.Is(err, errs.ReasonRequired) {
			return err
		}
		field := "type"
		if r.Type == cur.Type {
			field = "end_date"
		}
		var fields errs.Fields
		fields.Add(field, "Only someone who works with both people can make this a current family relationship")
		return fields.Err()
	}
	return nil
}

// relationshipOn returns the relationship with id as it stands now, if it is
// one that the actor may see of the person pm opens.
func (a *App) relationshipOn(ctx context.Context, ac Actor, pm access.Permit, id people.RelationshipID) (people.Relationship, error) {
	if id <= 0 {
		return people.Relationship{}, ErrNoRelationship
	}
	rels, err := a.relationshipsSeenBy(ctx, ac, pm, time.Time{})
	if err != nil {
		return people.Relationship{}, err
	}
	if rv, ok := store.FindRelationship(rels, id); ok {
		return rv.Relationship, nil
	}
	return people.Relationship{}, ErrNoRelationship
}

// PersonVersion returns one version of a person's record, for a user about to
// change it: the edit's check page compares against the version they started
// from, and shows it. It is a read of the record, and logged as one.
func (a *App) PersonVersion(ctx context.Context, ac Actor, id people.ID, version int) (people.Person, error) {
	d, err := a.authorizePerson(ctx, ac, access.UpdatePerson, id)
	if err != nil {
		return people.Person{}, err
	}
	h, err := a.Store.PersonHistory(ctx, d.Permit)
	if err != nil {
		return people.Person{}, err
	}
	for _, v := range h {
		if v.Version == version {
			if err := a.logAccess(ctx, ac, onPerson(id, store.LogRead, d.Reason)); err != nil {
				return people.Person{}, err
			}
			return v.Record, nil
		}
	}
	return people.Person{}, &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered", Fields: []errs.Field{{Field: "version", Message: "The version being changed does not exist. Open the record again"}}}
}

// errRestrictHere refuses a change to a record's restriction made as part of
// an ordinary edit: restricting a record takes it away from everyone without
// a grant, so only SetRestricted, an administrator's action, may do it.
var errRestrictHere = &errs.Error{Code: errs.Forbidden, Message: "Only an administrator can restrict a record or lift a restriction",
	Fields: []errs.Field{{Field: "restricted", Message: "Only an administrator can restrict a record or lift a restriction"}}}

// SetRestricted restricts a record (or lifts the restriction) as a new
// version, with a reason. It is an administrator's action and needs no right
// to read the record: an administrator restricts a record they may not see,
// and the grants page then opens it to the people who need it.
func (a *App) SetRestricted(ctx context.Context, ac Actor, id people.ID, restricted bool, reason string) error {
	if err := a.require(ctx, ac, access.RestrictPerson); err != nil {
		return err
	}
	reason, err := validReason(reason)
	if err != nil {
		return err
	}
	noPerson := &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered", Fields: []errs.Field{{Field: "person_id", Message: "Enter the id of a person"}}}
	if id <= 0 {
		return noPerson
	}
	// An administrator restricts a record they may not read (see above):
	// Authorize allows RestrictPerson on any record to their role, and its
	// permit is what the store's read takes.
	now := a.Now()
	subj, err := a.Store.Subject(ctx, id, now)
	if errs.Is(err, errs.NotFound) {
		if err := a.logAccess(ctx, ac, onPerson(id, store.LogDenied, string(access.RestrictPerson)+": "+access.ReasonNoRecord)); err != nil {
			return err
		}
		return noPerson
	}
	if err != nil {
		return err
	}
	d := access.Authorize(ac.Principal, access.RestrictPerson, &subj, now)
	if !d.Allowed {
		return a.refuse(ctx, ac, access.RestrictPerson, id, d)
	}
	cur, err := a.Store.Person(ctx, d.Permit, time.Time{})
	if err != nil {
		return err
	}
	if cur.Restricted == restricted {
		return nil
	}
	cur.Restricted = restricted
	e := onPerson(id, store.LogRestrict, d.Reason)
	if !restricted {
		e.Action = store.LogUnrestrict
	}
	e.Note = reason
	w, err := a.beginWrite(ctx, ac, e)
	if err != nil {
		return err
	}
	if _, err := a.Store.UpdatePerson(ctx, cur, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason})); err != nil {
		return w.failed(ctx, err)
	}
	w.done(ctx, id, int64(id))
	return nil
}
