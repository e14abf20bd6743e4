package annexa

import (
	"strings"

	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
)

// Contact is a row of List 1: a contact received in the window.
type Contact struct {
	Person
	Date   civil.Date // the day it was received
	Source string     // the CIN census referral source code
}

// contacts is List 1: every contact received in the window, one row each.
// The child's age is on the day of the contact, when the question of what
// to do was asked.
func contacts(w Window, c child) []Contact {
	var out []Contact
	for _, r := range c.byKind[journey.KindContact] {
		if r.Contact == nil || !w.In(r.Start) {
			continue
		}
		out = append(out, Contact{Person: c.who(r.Start), Date: r.Start, Source: r.Contact.Source})
	}
	return out
}

// EarlyHelp is a row of List 2: an early help assessment.
type EarlyHelp struct {
	Person
	Start        civil.Date // the early help episode's start, when the assessment began
	Completed    civil.Date // the assessment's date; zero until then
	Organisation string     // the family hub, or else the team that holds the episode
}

// earlyHelp is List 2: the early help assessments in progress or completed
// in the window, one for each early help episode. Hearth records an early
// help assessment on its episode: it starts with the episode and is done
// on the assessment date. An episode that closed with no assessment date
// had its assessment in progress until it closed. Age is at the start.
func earlyHelp(w Window, c child, n Names) []EarlyHelp {
	var out []EarlyHelp
	for _, r := range c.byKind[journey.KindEarlyHelp] {
		eh := r.EarlyHelp
		if eh == nil {
			continue
		}
		end := eh.AssessmentDate
		if end.IsZero() {
			end = r.End
		}
		if !w.open(r.Start, end) {
			continue
		}
		org := eh.FamilyHub
		if org == "" {
			org = n.Teams[r.TeamID]
		}
		out = append(out, EarlyHelp{Person: c.who(r.Start), Start: r.Start, Completed: w.asAtEnd(eh.AssessmentDate), Organisation: org})
	}
	return out
}

// Referral is a row of List 3: a referral received in the window.
type Referral struct {
	Person
	Date     civil.Date
	Source   string // the CIN census referral source code
	NFA      string // Y: no further action
	Previous int    // the child's referrals in the 12 months before this one
	Team     string
	Worker   string
}

// referrals is List 3: every referral to children's social care received
// in the window. Previous counts the child's referrals from the same day a
// year before up to this one, not this one. Age is on the day of the
// referral. The team and worker are those allocated at the window's end,
// or when the referral's episode closed.
func referrals(w Window, c child, n Names) []Referral {
	var out []Referral
	for _, r := range c.byKind[journey.KindReferral] {
		if r.Referral == nil || !w.In(r.Start) {
			continue
		}
		team, worker := c.allocated(workDay(w, r.End), r, n)
		out = append(out, Referral{
			Person: c.who(r.Start), Date: r.Start, Source: r.Referral.Source, NFA: yn(r.Referral.NFA),
			Previous: c.before(journey.KindReferral, r), Team: team, Worker: worker,
		})
	}
	return out
}

// Assessment is a row of List 4: a child and family assessment.
type Assessment struct {
	Person
	Start      civil.Date
	Seen       string     // Y: the child was seen during it; blank while in progress and not yet seen
	Authorised civil.Date // zero while in progress at the window's end
	// Support is "Y" when the assessment found the child needs children's
	// social care (a plan, an enquiry or care followed it in its episode),
	// "N" when the episode closed after it with no further action or a
	// step down to early help (RC8, RC9), and blank while neither is known.
	Support string
	Team    string
	Worker  string
}

// assessments is List 4: the child and family assessments in progress at
// some time in the window (started by its end, not authorised before its
// start). Age is at the assessment's start.
func assessments(w Window, c child, n Names) []Assessment {
	var out []Assessment
	for _, r := range c.byKind[journey.KindAssessment] {
		if r.Assessment == nil || !w.open(r.Start, r.End) {
			continue
		}
		a := Assessment{Person: c.who(r.Start), Start: r.Start, Authorised: w.asAtEnd(r.End)}
		// Seen during the assessment: as it recorded at authorisation, or
		// on a visit while it was open.
		to := a.Authorised
		if to.IsZero() {
			to = w.End
		}
		_, visited := c.latest(journey.KindVisit, r.Start, to, func(v *journey.Record) bool { return v.Visit != nil && v.Visit.Seen })
		switch {
		case r.Assessment.ChildSeen || visited:
			a.Seen = "Y"
		case !a.Authorised.IsZero():
			a.Seen = "N"
		}
		if !a.Authorised.IsZero() {
			a.Support = c.support(w, r)
		}
		a.Team, a.Worker = c.allocated(workDay(w, r.End), r, n)
		out = append(out, a)
	}
	return out
}

// support says whether an authorised assessment found the child needs
// children's social care: Y when, in its episode, a CIN or CP plan was open
// on the day it was authorised, or a plan or enquiry began from its start
// to the window's end, or the child was in care then or came into care in
// that time; N when the episode closed by the window's end as RC8 or RC9
// (closed after assessment); blank otherwise, while nothing says yet.
func (c child) support(w Window, a *journey.Record) string {
	authorised := a.End
	inEpisode := func(r *journey.Record) bool { return a.Episode == 0 || r.Episode == a.Episode }
	followed := func(k journey.Kind) bool {
		_, ok := c.latest(k, a.Start, w.End, inEpisode)
		return ok
	}
	openThen := func(k journey.Kind) bool {
		_, ok := c.latest(k, civil.Date{}, authorised, func(r *journey.Record) bool { return inEpisode(r) && r.OpenOn(authorised) })
		return ok
	}
	if followed(journey.KindCINPlan) || followed(journey.KindCPPlan) || followed(journey.KindS47) ||
		openThen(journey.KindCINPlan) || openThen(journey.KindCPPlan) {
		return "Y"
	}
	if _, ok := care.PeriodOn(c.periods, authorised); ok {
		return "Y"
	}
	for _, p := range c.periods {
		if !p.Start.Before(a.Start) && !p.Start.After(w.End) {
			return "Y"
		}
	}
	if ref, ok := c.find(a.Episode); ok && ref.Referral != nil && !ref.End.IsZero() && !ref.End.After(w.End) {
		if reason := ref.Referral.ClosureReason; reason == "RC8" || reason == "RC9" {
			return "N"
		}
	}
	return ""
}

// Enquiry is a row of List 5: a Section 47 enquiry, or an initial child
// protection conference that followed none (a transfer-in).
type Enquiry struct {
	Person
	Strategy      civil.Date // the strategy discussion that began the enquiry, or the enquiry's start; zero for a conference alone
	ICPCNotNeeded string     // Y: the enquiry ended without a conference; blank while it is open
	ICPC          civil.Date // the initial conference, held by the window's end
	Plan          string     // Y: the conference made a plan; blank with no conference
	Enquiries     int        // the child's enquiries in the 12 months before this one's day
	Conferences   int        // the child's initial conferences in the 12 months before this one's day
	Team          string
	Worker        string
}

// date is the day the row is about: the strategy discussion, or the
// conference of a row with none.
func (e Enquiry) date() civil.Date {
	if e.Strategy.IsZero() {
		return e.ICPC
	}
	return e.Strategy
}

// enquiries is List 5: every Section 47 enquiry whose strategy discussion
// (or start) or initial conference fell in the window, and every initial
// conference in the window that followed no enquiry. The counts are of the
// child's enquiries that started from the same day a year before this one
// started, up to it (itself not counted), and of the initial conferences
// held from the same day a year before the row's day to the day before it
// (a conference-only row does not count itself). Age is on the row's day.
func enquiries(w Window, c child, n Names) []Enquiry {
	var out []Enquiry
	icpcs := c.byKind[journey.KindICPC]
	enquiry := map[journey.ID]bool{} // the child's enquiries, by id
	for _, r := range c.byKind[journey.KindS47] {
		enquiry[r.ID] = true
	}
	for _, r := range c.byKind[journey.KindS47] {
		if r.S47 == nil {
			continue
		}
		day := r.Start
		if st, ok := c.find(r.Follows); ok && st.Kind == journey.KindStrategy {
			day = st.Start
		}
		var conf journey.Record
		for _, o := range icpcs {
			if o.Follows == r.ID && o.ICPC != nil {
				conf = *o // the first is the initial conference
				break
			}
		}
		if !w.In(day) && !w.In(conf.Start) {
			continue
		}
		e := Enquiry{Person: c.who(day), Strategy: day}
		if held := w.asAtEnd(conf.Start); !held.IsZero() {
			e.ICPC, e.ICPCNotNeeded, e.Plan = held, "N", yn(conf.ICPC.Plan)
		} else if end := w.asAtEnd(r.End); !end.IsZero() {
			e.ICPCNotNeeded = yn(r.S47.Outcome != "icpc")
		}
		e.Enquiries = c.before(journey.KindS47, r)
		e.Conferences = c.count(journey.KindICPC, calendar.AddMonths(day, -12), day.AddDays(-1), nil)
		e.Team, e.Worker = c.allocated(workDay(w, r.End), r, n)
		out = append(out, e)
	}
	for _, r := range icpcs {
		if r.ICPC == nil || enquiry[r.Follows] || !w.In(r.Start) {
			continue
		}
		e := Enquiry{Person: c.who(r.Start), ICPC: r.Start, Plan: yn(r.ICPC.Plan)}
		e.Enquiries = c.count(journey.KindS47, calendar.AddMonths(r.Start, -12), r.Start, nil)
		e.Conferences = c.before(journey.KindICPC, r)
		e.Team, e.Worker = c.allocated(r.Start, r, n)
		out = append(out, e)
	}
	return out
}

// ChildInNeed is a row of List 6: a child in need episode.
type ChildInNeed struct {
	Person
	Start       civil.Date // the referral date
	PrimaryNeed string     // the CIN census code
	LastSeen    civil.Date // the last visit in the episode on which the child was seen
	Closed      civil.Date // zero while open at the window's end
	Reason      string     // the CIN census reason for closure, with Closed
	Status      string     // the child's status at the window's end, or "Closed"
	Team        string
	Worker      string
}

// childrenInNeed is List 6: every child in need episode (a referral that
// was not closed with no further action) open at some time in the window,
// which takes in children on plans and in care, whose episodes stay open.
// Age is at the window's end; the status is journey.Status then, for an
// episode still open.
func childrenInNeed(w Window, c child, n Names) []ChildInNeed {
	var out []ChildInNeed
	for _, r := range c.byKind[journey.KindReferral] {
		if r.Referral == nil || r.Referral.NFA || !w.open(r.Start, r.End) {
			continue
		}
		e := ChildInNeed{Person: c.who(w.End), Start: r.Start, PrimaryNeed: r.Referral.PrimaryNeed, Closed: w.asAtEnd(r.End), Status: "Closed"}
		last := workDay(w, r.End)
		if v, ok := c.latest(journey.KindVisit, r.Start, last, func(v *journey.Record) bool { return v.Visit != nil && v.Visit.Seen }); ok {
			e.LastSeen = v.Start
		}
		if e.Closed.IsZero() {
			e.Status = journey.Statuses.Label(journey.Status(c.all, w.End))
		} else {
			e.Reason = r.Referral.ClosureReason
		}
		e.Team, e.Worker = c.allocated(last, r, n)
		out = append(out, e)
	}
	return out
}

// Protection is a row of List 7: a child protection plan.
type Protection struct {
	Person
	Start           civil.Date
	InitialCategory string     // the CIN census category of abuse
	LatestCategory  string     // the initial one when it never changed
	LastVisit       civil.Date // the last visit while the plan was open
	SeenAlone       string     // on that visit; blank with no visit
	LastReview      civil.Date // the last review conference of the plan
	End             civil.Date // zero while open at the window's end
	Emergency       string     // Y: police protection or an emergency protection order in the six months to the window's end
	Previous        int        // the child's plans that started before this one
	Team            string
	Worker          string
}

// protection is List 7: every child protection plan open at some time in
// the window. Age is at the window's end.
func protection(w Window, c child, n Names) []Protection {
	var out []Protection
	plans := c.byKind[journey.KindCPPlan]
	for _, r := range plans {
		if r.Plan == nil || !w.open(r.Start, r.End) {
			continue
		}
		p := Protection{Person: c.who(w.End), Start: r.Start, InitialCategory: r.Plan.InitialCategory,
			LatestCategory: r.Plan.LatestCategory, End: w.asAtEnd(r.End)}
		if p.LatestCategory == "" {
			p.LatestCategory = p.InitialCategory
		}
		last := workDay(w, r.End)
		if v, ok := c.latest(journey.KindVisit, r.Start, last, func(v *journey.Record) bool { return v.Visit != nil }); ok {
			p.LastVisit, p.SeenAlone = v.Start, yn(v.Visit.SeenAlone)
		}
		if v, ok := c.latest(journey.KindCPReview, r.Start, last, func(v *journey.Record) bool { return v.Follows == r.ID }); ok {
			p.LastReview = v.Start
		}
		p.Emergency = yn(c.emergency(Months(w.End, 6)))
		for _, o := range plans {
			if o.ID != r.ID && o.Start.Before(r.Start) {
				p.Previous++
			}
		}
		p.Team, p.Worker = c.allocated(last, r, n)
		out = append(out, p)
	}
	return out
}

// emergency reports whether the child was in police protection (L1) or
// under an emergency protection order (L2) on a day of the window: the
// legal statuses of an episode of care that Hearth records them as.
func (c child) emergency(w Window) bool {
	for _, r := range c.byKind[journey.KindCareEpisode] {
		if r.CareEpisode == nil || !w.open(r.Start, r.End) {
			continue
		}
		if ls := r.CareEpisode.LegalStatus; ls == "L1" || ls == "L2" {
			return true
		}
	}
	return false
}

// InCare is a row of List 8: a child looked after in the window.
type InCare struct {
	Person
	Started     civil.Date // the start of the period of care
	Need        string     // the category of need (N1 to N8)
	Subsequent  string     // Y: another period of care ended in the 12 months before this one started
	LegalSince  civil.Date // the start of the current legal status
	LegalStatus string     // the 903 code
	LastReview  civil.Date // of the care plan, in this period
	LastVisit   civil.Date // the last visit in this period
	Permanence  string     // the care plan's aim, in words
	LastHealth  civil.Date
	LastDental  civil.Date
	Placements  int        // placements open at some time in the 12 months to the window's end
	Ceased      civil.Date // zero while looked after at the window's end
	Reason      string     // the 903 reason ceased, with Ceased
	PlacedSince civil.Date // the start of the most recent placement
	Placement   string     // its 903 placement type
	Provider    string     // its 903 provider
	Postcode    string
	URN         string
	Missing     int    // missing episodes that began in the 12 months to the window's end
	Absent      int    // episodes away without authorisation (whereabouts known) in them
	RIOffered   string // after the last missing episode; blank with none, or before the child returned
	RIAccepted  string // blank also when no interview was offered
	Team        string
	Worker      string
}

// inCare is List 8: a child looked after on at least one day of the window,
// with their latest such period of care (journey.CarePeriods; a child is
// looked after from the period's start up to the day before its end), as it
// stood at the window's end. A period of short breaks alone (V3, V4) is
// left out: between breaks the child lives at home, a child in need, as
// journey.Status counts them. Age is at the window's end.
func inCare(w Window, c child, n Names) (InCare, bool) {
	var p care.Period
	var prev []care.Period
	found := false
	for _, q := range c.periods {
		if !q.ShortBreaks && !q.Start.After(w.End) && (q.End.IsZero() || q.End.After(w.Start)) {
			p, found = q, true
		}
	}
	if !found {
		return InCare{}, false
	}
	for _, q := range c.periods {
		if q.Start.Before(p.Start) {
			prev = append(prev, q)
		}
	}
	row := InCare{Person: c.who(w.End), Started: p.Start, Ceased: w.asAtEnd(p.End), Subsequent: "N"}
	for _, q := range prev {
		if !q.End.IsZero() && !q.End.Before(calendar.AddMonths(p.Start, -12)) {
			row.Subsequent = "Y"
		}
	}
	// The period's episodes up to the window's end, oldest first.
	var eps []*journey.Record
	for _, r := range c.byKind[journey.KindCareEpisode] {
		if r.CareEpisode != nil && !r.Start.Before(p.Start) && (p.End.IsZero() || r.Start.Before(p.End) || r.Start == p.Start) && !r.Start.After(w.End) {
			eps = append(eps, r)
		}
	}
	if len(eps) > 0 {
		cur := eps[len(eps)-1].CareEpisode
		row.Need, row.LegalStatus = cur.Need, cur.LegalStatus
		row.Permanence = care.PermanenceGoals.Label(cur.Permanence)
		row.LegalSince = eps[len(eps)-1].Start
		for i := len(eps) - 2; i >= 0 && eps[i].CareEpisode.LegalStatus == cur.LegalStatus && eps[i].End == eps[i+1].Start; i-- {
			row.LegalSince = eps[i].Start
		}
		if !row.Ceased.IsZero() {
			row.Reason = eps[len(eps)-1].CareEpisode.ReasonCeased
		}
	}
	last := workDay(w, p.End)
	if r, ok := c.latest(journey.KindCareReview, p.Start, last, nil); ok {
		row.LastReview = r.Start
	}
	if r, ok := c.latest(journey.KindVisit, p.Start, last, func(v *journey.Record) bool { return v.Visit != nil }); ok {
		row.LastVisit = r.Start
	}
	if r, ok := c.latest(journey.KindHealthAssessment, civil.Date{}, w.End, nil); ok {
		row.LastHealth = r.Start
	}
	if r, ok := c.latest(journey.KindDentalCheck, civil.Date{}, w.End, nil); ok {
		row.LastDental = r.Start
	}
	year := yearBefore(w.End)
	for _, pl := range journey.Placements(c.all) {
		// A placement the child left on the year's first day was not
		// one they lived in during the year.
		if !pl.Start.After(w.End) && (pl.End.IsZero() || pl.End.After(year)) {
			row.Placements++
		}
		if !pl.Start.Before(p.Start) && !pl.Start.After(w.End) {
			row.PlacedSince, row.Placement, row.Provider, row.Postcode, row.URN = pl.Start, pl.Type, pl.Provider, pl.Postcode, pl.URN
		}
	}
	row.Missing = c.count(journey.KindMissing, year, w.End, func(r *journey.Record) bool { return r.Missing != nil && !r.Missing.Away })
	row.Absent = c.count(journey.KindMissing, year, w.End, func(r *journey.Record) bool { return r.Missing != nil && r.Missing.Away })
	if m, ok := c.latest(journey.KindMissing, civil.Date{}, w.End, func(r *journey.Record) bool { return r.Missing != nil && !r.Missing.Away }); ok {
		// The interview follows the child's return: none is owed while
		// they are still missing at the window's end.
		if !m.End.IsZero() && !m.End.After(w.End) {
			row.RIOffered = yn(m.Missing.InterviewOffered)
			if m.Missing.InterviewOffered {
				row.RIAccepted = yn(m.Missing.InterviewAccepted)
			}
		}
	}
	row.Team, row.Worker = c.allocated(last, eps0(eps), n)
	return row, true
}

// eps0 is the latest of the episodes, or nil.
func eps0(eps []*journey.Record) *journey.Record {
	if len(eps) == 0 {
		return nil
	}
	return eps[len(eps)-1]
}

// CareLeaver is a row of List 9: a relevant or former relevant care leaver.
type CareLeaver struct {
	Person
	Team          string
	Worker        string
	Category      string // Relevant, Former relevant, Qualifying
	InTouch       string // the 903 code, from the latest birthday contact
	Accommodation string // its kind, in words
	Suitable      string // Suitable, Not suitable, or blank when not known
	Activity      string // the 903 code
}

// careLeaver is List 9: a young person who was a relevant or former
// relevant care leaver (care.LeaverStatus) on a day of the window, or who
// had the leaving care service open in it. The status changes only on the
// days care ends, on birthdays and on coming into care, so it is read on
// the window's first day, on each day in it that a period of care ended,
// and on its last day. The category is the last of those found; age is at
// the window's end.
func careLeaver(w Window, c child, n Names) (CareLeaver, bool) {
	periods := c.periods
	days := []civil.Date{w.Start}
	for _, p := range periods {
		if w.In(p.End) && p.End != w.Start {
			days = append(days, p.End)
		}
	}
	days = append(days, w.End)
	status := ""
	for _, d := range days {
		switch s := care.LeaverStatus(c.person.DateOfBirth, periods, d); s {
		case care.Relevant, care.FormerRelevant:
			status = s
		case care.Qualifying:
			if d == w.End && status == "" {
				status = s
			}
		}
	}
	service, open := c.latest(journey.KindLeavingCare, civil.Date{}, w.End, func(r *journey.Record) bool { return w.open(r.Start, r.End) })
	if status == care.Qualifying && !open {
		status = ""
	}
	if status == "" && !open {
		return CareLeaver{}, false
	}
	row := CareLeaver{Person: c.who(w.End), Category: leaverCategories[status]}
	if lc, ok := c.latest(journey.KindLeaverContact, civil.Date{}, w.End, func(r *journey.Record) bool { return r.LeaverContact != nil }); ok {
		d := lc.LeaverContact
		row.InTouch, row.Activity = d.InTouch, d.Activity
		row.Accommodation, row.Suitable = accommodation(d.Accommodation)
	}
	day := w.End
	if open {
		day = workDay(w, service.End)
	}
	row.Team, row.Worker = c.allocated(day, service, n)
	return row, true
}

// leaverCategories name the care leaver statuses as Annex A does.
var leaverCategories = map[string]string{
	care.Relevant:       "Relevant",
	care.FormerRelevant: "Former relevant",
	care.Qualifying:     "Qualifying",
}

// accommodation splits a 903 accommodation code (a letter for the kind, 1
// suitable or 2 not; 0 not known) into Annex A's two columns.
func accommodation(code string) (kind, suitable string) {
	if code == "" {
		return "", ""
	}
	label := care.Accommodations.Label(code)
	if code == "0" || label == "" {
		return label, ""
	}
	kind, _, _ = strings.Cut(label, ":")
	switch code[len(code)-1] {
	case '1':
		suitable = "Suitable"
	case '2':
		suitable = "Not suitable"
	}
	return kind, suitable
}

// Adoption is a row of List 10: a child with a plan for adoption.
type Adoption struct {
	Person
	EnteredCare    civil.Date // the start of the period of care the decision was made in
	Decision       civil.Date // that the child should be placed for adoption
	PlacementOrder civil.Date
	Matched        civil.Date
	Placed         civil.Date
	Order          civil.Date // the adoption order
	NoLonger       civil.Date // the decision that the child should no longer be placed
	Reason         string     // the 903 reason, with NoLonger
}

// adoption is List 10: every plan for adoption open at some time in the
// window: decided by its end, and not ended (by an adoption order or a
// change of plan) before its start. Each date is as it stood at the
// window's end. Age is at the window's end.
func adoption(w Window, c child) []Adoption {
	var out []Adoption
	periods := c.periods
	for _, r := range c.byKind[journey.KindAdoption] {
		a := r.Adoption
		if a == nil || !w.open(r.Start, r.End) {
			continue
		}
		row := Adoption{Person: c.who(w.End), Decision: r.Start, PlacementOrder: w.asAtEnd(a.PlacementOrder),
			Matched: w.asAtEnd(a.Matched), Placed: w.asAtEnd(a.Placed), Order: w.asAtEnd(a.Order)}
		if p, ok := care.PeriodOn(periods, r.Start); ok {
			row.EnteredCare = p.Start
		}
		if end := w.asAtEnd(r.End); !end.IsZero() && a.Order.IsZero() {
			row.NoLonger, row.Reason = end, a.ReasonCeased
		}
		out = append(out, row)
	}
	return out
}
