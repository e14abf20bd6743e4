// Package annexa makes the lists of Ofsted's Annex A, the data a council
// gives inspectors at the start of an inspection of its children's services
// (ILACS), from the council's person and journey records, for a window of
// time (usually the six or twelve months to the day the data is taken). It
// is pure Go: the caller reads the records, and renders the Document with
// package report (one sheet per list).
//
// Each list has its own function that chooses who is on it by the list's
// rule and fills its columns from what the records hold; a column Hearth
// holds nothing for is left blank, never guessed (docs/DATA-MODEL.md,
// "Ofsted Annex A", lists them). Restricted children (adoption, a member of
// staff's family) are on the lists like any other: Annex A is for the
// inspectors, who see every child, and the caller writes the export to the
// access log with the number of children in it.
package annexa

import (
	"cmp"
	"slices"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
)

// Child is what the lists read about one child: the person record and every
// journey record of the child (current versions, any kind, any date), as
// the CIN census reads them.
type Child = cin.Child

// Names are the names the lists show for the teams and workers the records
// hold by id. A team or worker missing from them is left blank.
type Names struct {
	Teams   map[access.TeamID]string
	Workers map[access.UserID]string
}

// Window is the time the lists cover, from Start to End, both days
// included. Events are on a list when they fall in it; episodes, plans and
// periods of care when they were open on at least one of its days. Every
// list is as the records stood at End: a plan that ended after it is shown
// as still open.
type Window struct {
	Start, End civil.Date
}

// Months is the window of n whole months ending on end: six months to 30
// November 2026 is 1 June to 30 November 2026.
func Months(end civil.Date, n int) Window {
	return Window{Start: calendar.AddMonths(end.AddDays(1), -n), End: end}
}

// Validate checks that the window is two real dates, the start no later
// than the end.
func (w Window) Validate() error {
	var f errs.Fields
	switch {
	case w.Start.IsZero():
		f.Add("start", "Enter the first day of the window")
	case !w.Start.Valid():
		f.Add("start", "The first day of the window must be a real date")
	}
	switch {
	case w.End.IsZero():
		f.Add("end", "Enter the last day of the window")
	case !w.End.Valid():
		f.Add("end", "The last day of the window must be a real date")
	case w.Start.Valid() && w.End.Before(w.Start):
		f.Add("end", "The last day of the window must be on or after its first day")
	}
	return f.Err()
}

// In reports whether d falls in the window.
func (w Window) In(d civil.Date) bool {
	return !d.IsZero() && !d.Before(w.Start) && !d.After(w.End)
}

// open reports whether something from start to end (zero: still open), both
// days included, was open on a day of the window.
func (w Window) open(start, end civil.Date) bool {
	return !start.IsZero() && !start.After(w.End) && (end.IsZero() || !end.Before(w.Start))
}

// asAtEnd is d as it stood at the window's end: a date after it had not
// happened yet.
func (w Window) asAtEnd(d civil.Date) civil.Date {
	if d.After(w.End) {
		return civil.Date{}
	}
	return d
}

// yearBefore is the first day of the 12 months that end on d.
func yearBefore(d civil.Date) civil.Date { return calendar.AddMonths(d.AddDays(1), -12) }

// Lists are Annex A's lists of the council's children, each sorted by the
// child's id and then by date. List 11 (adopters) is not here: Hearth holds
// no records of adopters, so its sheet has its headings and no rows.
type Lists struct {
	Window         Window
	Contacts       []Contact     // List 1
	EarlyHelp      []EarlyHelp   // List 2
	Referrals      []Referral    // List 3
	Assessments    []Assessment  // List 4
	Enquiries      []Enquiry     // List 5
	ChildrenInNeed []ChildInNeed // List 6
	Protection     []Protection  // List 7
	InCare         []InCare      // List 8
	CareLeavers    []CareLeaver  // List 9
	Adoption       []Adoption    // List 10
}

// Build makes every list for the window from the children's records. It
// never fails: a record a list cannot read (a detail missing) is left off
// it. An invalid window (Window.Validate) gives empty lists.
func Build(window Window, children []Child, names Names) Lists {
	l := Lists{Window: window}
	if window.Validate() != nil {
		return l
	}
	for _, ch := range children {
		c := newChild(ch)
		l.Contacts = append(l.Contacts, contacts(window, c)...)
		l.EarlyHelp = append(l.EarlyHelp, earlyHelp(window, c, names)...)
		l.Referrals = append(l.Referrals, referrals(window, c, names)...)
		l.Assessments = append(l.Assessments, assessments(window, c, names)...)
		l.Enquiries = append(l.Enquiries, enquiries(window, c, names)...)
		l.ChildrenInNeed = append(l.ChildrenInNeed, childrenInNeed(window, c, names)...)
		l.Protection = append(l.Protection, protection(window, c, names)...)
		if r, ok := inCare(window, c, names); ok {
			l.InCare = append(l.InCare, r)
		}
		if r, ok := careLeaver(window, c, names); ok {
			l.CareLeavers = append(l.CareLeavers, r)
		}
		l.Adoption = append(l.Adoption, adoption(window, c)...)
	}
	sortRows(l.Contacts, func(r Contact) civil.Date { return r.Date })
	sortRows(l.EarlyHelp, func(r EarlyHelp) civil.Date { return r.Start })
	sortRows(l.Referrals, func(r Referral) civil.Date { return r.Date })
	sortRows(l.Assessments, func(r Assessment) civil.Date { return r.Start })
	sortRows(l.Enquiries, func(r Enquiry) civil.Date { return r.date() })
	sortRows(l.ChildrenInNeed, func(r ChildInNeed) civil.Date { return r.Start })
	sortRows(l.Protection, func(r Protection) civil.Date { return r.Start })
	sortRows(l.InCare, func(r InCare) civil.Date { return r.Started })
	sortRows(l.CareLeavers, func(r CareLeaver) civil.Date { return civil.Date{} })
	sortRows(l.Adoption, func(r Adoption) civil.Date { return r.Decision })
	return l
}

// Children is the number of different children on the lists, for the
// access log's line about the export.
func (l Lists) Children() int {
	seen := map[string]bool{}
	mark := func(p Person) { seen[p.ID] = true }
	for _, r := range l.Contacts {
		mark(r.Person)
	}
	for _, r := range l.EarlyHelp {
		mark(r.Person)
	}
	for _, r := range l.Referrals {
		mark(r.Person)
	}
	for _, r := range l.Assessments {
		mark(r.Person)
	}
	for _, r := range l.Enquiries {
		mark(r.Person)
	}
	for _, r := range l.ChildrenInNeed {
		mark(r.Person)
	}
	for _, r := range l.Protection {
		mark(r.Person)
	}
	for _, r := range l.InCare {
		mark(r.Person)
	}
	for _, r := range l.CareLeavers {
		mark(r.Person)
	}
	for _, r := range l.Adoption {
		mark(r.Person)
	}
	return len(seen)
}

// listRow is what every list's row has: the child.
type listRow interface{ child() Person }

// sortRows sorts a list by the child's id, then by the row's date. Ids that
// are numbers (Hearth's own) sort as numbers, so that child 9 comes before
// child 10; the sort is stable, so rows of one child on one day keep the
// order their records had.
func sortRows[R listRow](rows []R, date func(R) civil.Date) {
	slices.SortStableFunc(rows, func(a, b R) int {
		return cmp.Or(compareIDs(a.child().ID, b.child().ID), date(a).Compare(date(b)))
	})
}

func compareIDs(a, b string) int {
	x, okA := numericID(a)
	y, okB := numericID(b)
	switch {
	case okA && okB:
		return cmp.Compare(x, y)
	case okA:
		return -1
	case okB:
		return 1
	}
	return cmp.Compare(a, b)
}

// numericID reads an id that is a number. An id that does not start as one
// (a council's "DC0001234") is refused before strconv.ParseInt is asked:
// it would refuse it too, but with an error made for each of the sort's
// comparisons, a twentieth of the memory Annex A's export allocated.
func numericID(s string) (int64, bool) {
	if s == "" || (s[0] < '0' || s[0] > '9') && s[0] != '+' && s[0] != '-' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// Person is the columns every list of children starts with.
type Person struct {
	ID        string     // Child Unique ID: the council's child id, or Hearth's person id
	Gender    string     // the person record's sex, in words
	Ethnicity string     // the DfE's ethnicity code
	Born      civil.Date // zero when not known (or not yet born)
	// Age in whole years on the list's day for it (each list says which),
	// with AgeKnown false when there is no date of birth or the child was
	// not yet born then: a blank cell, not a 0.
	Age      int
	AgeKnown bool
	// Disabled is "Y" when the person record holds a disability, "N" when
	// it says there is none, "" when nothing is recorded.
	Disabled string
}

func (p Person) child() Person { return p }

// child is one child's records indexed for the lists: by kind, each in
// date order (then id, so the order never depends on the input's). The
// index points into the caller's records rather than copying them: a
// record is large, and a city's records copied per kind cost more than the
// lists themselves (BenchmarkAnnexA).
type child struct {
	person people.Person
	all    []journey.Record
	byKind map[journey.Kind][]*journey.Record
	// periods are the child's periods of care (journey.CarePeriods),
	// found once: four lists read them.
	periods []care.Period
}

func newChild(ch Child) child {
	c := child{person: ch.Person, all: ch.Records, byKind: make(map[journey.Kind][]*journey.Record, 8)}
	for i := range ch.Records {
		r := &ch.Records[i]
		c.byKind[r.Kind] = append(c.byKind[r.Kind], r)
	}
	for _, l := range c.byKind {
		slices.SortFunc(l, func(a, b *journey.Record) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		})
	}
	if len(c.byKind[journey.KindCareEpisode]) > 0 {
		c.periods = journey.CarePeriods(ch.Records)
	}
	return c
}

// find is the child's record with the id, if any.
func (c child) find(id journey.ID) (*journey.Record, bool) {
	if id == 0 {
		return nil, false
	}
	for i := range c.all {
		if c.all[i].ID == id {
			return &c.all[i], true
		}
	}
	return nil, false
}

// who is the child's columns, with their age on the day given.
func (c child) who(on civil.Date) Person {
	p := c.person
	out := Person{
		ID:        p.Identifiers.LAChildID,
		Gender:    people.SexCodes.Label(p.Sex),
		Ethnicity: p.Ethnicity,
		Born:      p.DateOfBirth,
	}
	if out.ID == "" {
		out.ID = strconv.FormatInt(int64(p.ID), 10)
	}
	if !p.DateOfBirth.IsZero() && !on.Before(p.DateOfBirth) {
		out.Age, out.AgeKnown = p.DateOfBirth.AgeOn(on), true
	}
	switch {
	case len(p.Disabilities) == 0:
	case slices.Equal(p.Disabilities, []string{people.DisabilityNone}):
		out.Disabled = "N"
	default:
		out.Disabled = "Y"
	}
	return out
}

// latest is the last record of kind k that started from from to to (both
// included; a zero from is no lower bound) and passes keep, if any.
func (c child) latest(k journey.Kind, from, to civil.Date, keep func(*journey.Record) bool) (*journey.Record, bool) {
	l := c.byKind[k]
	for i := len(l) - 1; i >= 0; i-- {
		r := l[i]
		if r.Start.After(to) {
			continue
		}
		if r.Start.Before(from) {
			break
		}
		if keep == nil || keep(r) {
			return r, true
		}
	}
	return nil, false
}

// count is the number of records of kind k that started from from to to
// (both included) and pass keep.
func (c child) count(k journey.Kind, from, to civil.Date, keep func(*journey.Record) bool) int {
	n := 0
	for _, r := range c.byKind[k] {
		if !r.Start.Before(from) && !r.Start.After(to) && (keep == nil || keep(r)) {
			n++
		}
	}
	return n
}

// before counts the child's records of kind k in the 12 months before r
// (from the same date a year earlier), not r itself nor any that came after
// it: on the same day, those with a smaller id came first.
func (c child) before(k journey.Kind, r *journey.Record) int {
	return c.count(k, calendar.AddMonths(r.Start, -12), r.Start, func(o *journey.Record) bool {
		return o.Start.Before(r.Start) || o.ID < r.ID
	})
}

// allocated names the team and worker the child was allocated to on the
// day: the allocation open then (the latest to start), or else the team
// and worker of the record itself, or of the episode it belongs to.
func (c child) allocated(on civil.Date, own *journey.Record, n Names) (team, worker string) {
	var t access.TeamID
	var w access.UserID
	if own != nil {
		t, w = own.TeamID, own.WorkerID
		if ep, ok := c.find(own.Episode); ok && t == 0 && w == 0 {
			t, w = ep.TeamID, ep.WorkerID
		}
	}
	if a, ok := c.latest(journey.KindAllocation, civil.Date{}, on, func(a *journey.Record) bool { return a.OpenOn(on) }); ok {
		t, w = a.TeamID, a.WorkerID
	}
	return n.Teams[t], n.Workers[w]
}

// workDay is the day whose allocation a list shows for work from start to
// end: the window's end while the work is open then, or the day it ended.
func workDay(w Window, end civil.Date) civil.Date {
	if end.IsZero() || end.After(w.End) {
		return w.End
	}
	return end
}

// yn is "Y" or "N".
func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}
