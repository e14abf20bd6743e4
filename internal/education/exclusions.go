package education

import (
	"fmt"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Exclusion categories, as the school census records them.
const (
	Permanent  = "PERM"
	Suspension = "SUSP" // a fixed period exclusion (FIXD) before 2021/22
	Lunchtime  = "LNCH" // counts as half a school day
)

// ExclusionCategories are the census categories.
var ExclusionCategories = people.CodeList{
	{Code: Permanent, Label: "Permanent exclusion"},
	{Code: Suspension, Label: "Suspension"},
	{Code: Lunchtime, Label: "Lunchtime exclusion"},
}

// ExclusionReasons are the school census reasons in use since 2020/21,
// when "Other" (OT) was withdrawn so that a specific reason is given. Newer
// codes seen in some management systems are not confirmed by the DfE and
// are left out until they are.
var ExclusionReasons = people.CodeList{
	{Code: "PP", Label: "Physical assault against a pupil"},
	{Code: "PA", Label: "Physical assault against an adult"},
	{Code: "VP", Label: "Verbal abuse or threatening behaviour against a pupil"},
	{Code: "VA", Label: "Verbal abuse or threatening behaviour against an adult"},
	{Code: "OW", Label: "Use or threat of use of an offensive weapon or prohibited item"},
	{Code: "BU", Label: "Bullying"},
	{Code: "RA", Label: "Racist abuse"},
	{Code: "LG", Label: "Abuse against sexual orientation and gender identity"},
	{Code: "DS", Label: "Abuse relating to disability"},
	{Code: "SM", Label: "Sexual misconduct"},
	{Code: "DA", Label: "Drug and alcohol related"},
	{Code: "DM", Label: "Damage"},
	{Code: "TH", Label: "Theft"},
	{Code: "DB", Label: "Persistent or general disruptive behaviour"},
	{Code: "MT", Label: "Inappropriate use of social media or online technology"},
	{Code: "PH", Label: "Wilful and repeated transgression of public health protective measures"},
}

// otherWithdrawn is the first day of the 2020/21 school year, from which a
// reason of "Other" is refused.
var otherWithdrawn = civil.Date{Year: 2020, Month: 9, Day: 1}

// Exclusion is one suspension or permanent exclusion of a pupil.
type Exclusion struct {
	Category string     `json:"category"` // ExclusionCategories
	Start    civil.Date `json:"start"`    // the first day the pupil is excluded
	// Sessions is its length in half days (a lunchtime exclusion is one);
	// a permanent exclusion has none.
	Sessions   int        `json:"sessions,omitempty"`
	Reasons    []string   `json:"reasons"`               // ExclusionReasons: one to three, the first required
	NotifiedOn civil.Date `json:"notified_on,omitzero"`  // the day the governing board and council were told
	MissedExam bool       `json:"missed_exam,omitempty"` // the pupil misses a public examination or national curriculum test
	// BoardMet is the day the governing board met to consider
	// reinstatement, where it must (Board); ProvisionFrom the first day of
	// the full-time education arranged for the pupil (SixthDay).
	BoardMet      civil.Date `json:"board_met,omitzero"`
	ProvisionFrom civil.Date `json:"provision_from,omitzero"`
	// RepresentationsMade is the day the parents asked the board to
	// consider a suspension it need not meet about unless asked (OnRequest).
	RepresentationsMade civil.Date `json:"representations_made,omitzero"`
	// After the board upholds a permanent exclusion: DecisionNotified is
	// the day the parents were given its decision in writing, ReviewApplied
	// the day they applied for an independent review, and ReviewHeld the
	// day the panel met (ReviewDates).
	DecisionNotified civil.Date `json:"decision_notified,omitzero"`
	ReviewApplied    civil.Date `json:"review_applied,omitzero"`
	ReviewHeld       civil.Date `json:"review_held,omitzero"`
}

// ValidateExclusion checks one exclusion's own fields.
func ValidateExclusion(e Exclusion) errs.Fields {
	var bad errs.Fields
	if !ExclusionCategories.Has(e.Category) {
		bad.Add("category", "Choose permanent exclusion, suspension or lunchtime exclusion")
	}
	if e.Start.IsZero() {
		bad.Add("start", "Enter the first day of the exclusion")
	}
	switch e.Category {
	case Permanent:
		if e.Sessions != 0 {
			bad.Add("sessions", "A permanent exclusion has no number of sessions")
		}
	case Suspension:
		if e.Sessions < 1 {
			bad.Add("sessions", "Enter the length of the suspension in sessions (half days)")
		}
	case Lunchtime:
		if e.Sessions != 1 {
			bad.Add("sessions", "A lunchtime exclusion is one session")
		}
	}
	switch {
	case len(e.Reasons) == 0:
		bad.Add("reasons", "Enter at least one reason")
	case len(e.Reasons) > 3:
		bad.Add("reasons", "Enter no more than 3 reasons")
	}
	seen := map[string]bool{}
	for i, r := range e.Reasons {
		field := fmt.Sprintf("reasons[%d]", i)
		switch {
		case r == "OT" && e.Start.Before(otherWithdrawn):
			// "Other" was a census reason until 2019/20.
		case !ExclusionReasons.Has(r):
			bad.Add(field, "%q is not a school census exclusion reason", r)
		case seen[r]:
			bad.Add(field, "A reason is given only once")
		}
		seen[r] = true
	}
	if !e.NotifiedOn.IsZero() && !e.Start.IsZero() && e.NotifiedOn.Before(e.Start.AddDays(-1)) {
		// A head may decide and tell the board the day before the
		// exclusion starts (the next morning's exclusion), no earlier.
		bad.Add("notified_on", "The day the board was told cannot be more than a day before the exclusion starts")
	}
	if !e.BoardMet.IsZero() && !e.Start.IsZero() && e.BoardMet.Before(e.Start.AddDays(-1)) {
		bad.Add("board_met", "The governing board cannot meet about an exclusion before it was decided")
	}
	if !e.ProvisionFrom.IsZero() && !e.Start.IsZero() && e.ProvisionFrom.Before(e.Start) {
		bad.Add("provision_from", "Education arranged for an excluded pupil starts on or after the exclusion's first day")
	}
	if !e.RepresentationsMade.IsZero() && !e.Start.IsZero() && e.RepresentationsMade.Before(e.Start.AddDays(-1)) {
		bad.Add("representations_made", "The parents cannot ask the board to consider an exclusion before it was decided")
	}
	bad = append(bad, validateReview(e)...)
	return bad
}

// validateReview checks the independent review's dates: only a permanent
// exclusion is reviewed, after the board's decision, and each step follows
// the one before it.
func validateReview(e Exclusion) errs.Fields {
	var bad errs.Fields
	if e.DecisionNotified.IsZero() && e.ReviewApplied.IsZero() && e.ReviewHeld.IsZero() {
		return bad
	}
	if e.Category != Permanent {
		bad.Add("decision_notified", "Only a permanent exclusion goes to an independent review panel")
		return bad
	}
	switch {
	case e.DecisionNotified.IsZero():
		bad.Add("decision_notified", "Enter the date the parents were told the board's decision before the review's dates")
	case !e.BoardMet.IsZero() && e.DecisionNotified.Before(e.BoardMet):
		bad.Add("decision_notified", "The board's decision cannot be sent before the board met")
	case !e.Start.IsZero() && e.DecisionNotified.Before(e.Start):
		bad.Add("decision_notified", "The board's decision cannot be sent before the exclusion started")
	}
	if !e.ReviewApplied.IsZero() && !e.DecisionNotified.IsZero() && e.ReviewApplied.Before(e.DecisionNotified) {
		bad.Add("review_applied", "The parents apply for a review after the board's decision")
	}
	switch {
	case e.ReviewHeld.IsZero():
	case e.ReviewApplied.IsZero():
		bad.Add("review_held", "Enter the date the parents applied before the date the panel met")
	case e.ReviewHeld.Before(e.ReviewApplied):
		bad.Add("review_held", "The panel cannot meet before the parents applied")
	}
	return bad
}

// ExclusionDeadlines lists the council's clocks on an exclusion e, counted
// in school days on cal: the governing board's meeting within 15 school
// days of its notice where the board must meet, or within 50 where it must
// only because the parents asked (Board, counting the pupil's other
// exclusions, others, that started in e's term); full-time education from
// the sixth school day of a permanent exclusion (SixthDay); and, once the
// board's decision to uphold a permanent exclusion is sent, the parents'
// application for an independent review and the panel's meeting
// (ReviewDates). A clock that would run
// past cal's terms is left out and ErrOutsideCalendar returned with the
// others.
func ExclusionDeadlines(e Exclusion, others []Exclusion, cal SchoolCalendar) ([]Deadline, error) {
	if e.Start.IsZero() {
		return nil, nil
	}
	term := []Exclusion{e}
	if t, ok := cal.TermOf(e.Start); ok {
		for _, o := range others {
			if !o.Start.Before(t.Start) && !o.Start.After(t.End) {
				term = append(term, o)
			}
		}
	}
	var out []Deadline
	var outside error
	duty, due, err := Board(e, term, cal)
	switch {
	case err != nil:
		outside = err
	case duty == MustMeet && !due.IsZero():
		out = append(out, Deadline{Rule: "GB", What: "Governing board meets to consider reinstatement (15 school days)", Due: due, Met: e.BoardMet})
	case duty == OnRequest && !due.IsZero() && !e.RepresentationsMade.IsZero():
		out = append(out, Deadline{Rule: "GB", What: "Governing board considers the parents' representations (50 school days)", Due: due, Met: e.BoardMet})
	}
	day, council, ok, err := SixthDay(e, cal)
	switch {
	case err != nil:
		outside = err
	case ok && council:
		out = append(out, Deadline{Rule: "D6", What: "Full-time education arranged from the sixth school day", Due: day, Met: e.ProvisionFrom})
	}
	if e.Category == Permanent {
		applyBy, hearBy, err := ReviewDates(e.DecisionNotified, e.ReviewApplied, cal)
		if err != nil {
			outside = err
		}
		if !applyBy.IsZero() {
			out = append(out, Deadline{Rule: "IRA", What: "Parents may apply for an independent review (15 school days)", Due: applyBy, Met: e.ReviewApplied, Parents: true})
		}
		if !hearBy.IsZero() {
			out = append(out, Deadline{Rule: "IRP", What: "Independent review panel meets (15 school days from the application)", Due: hearBy, Met: e.ReviewHeld})
		}
	}
	return out, outside
}

// halfDays is an exclusion's length in half school days: a session is half a
// day and a lunchtime exclusion counts as half a day, so half days keep the
// statutory thresholds (5, 15, 45 school days) exact.
func (e Exclusion) halfDays() int { return e.Sessions }

// BoardDuty is what the governing board must do about an exclusion.
type BoardDuty int

const (
	// RepresentationsOnly: suspensions of 5 school days or fewer in a term;
	// the board considers parents' representations but cannot reinstate.
	RepresentationsOnly BoardDuty = iota + 1
	// OnRequest: more than 5 and up to 15 school days in a term; the board
	// must meet if the parents make representations, within 50 school days.
	OnRequest
	// MustMeet: a permanent exclusion, more than 15 school days in a term,
	// or a missed public examination; within 15 school days of notice.
	MustMeet
)

// Board says what the governing board must do about e, given every
// suspension of the pupil in the same term (e among them), and by when,
// counted from e's notice. The due date is zero when there is none in law.
func Board(e Exclusion, term []Exclusion, cal SchoolCalendar) (BoardDuty, civil.Date, error) {
	duty := RepresentationsOnly
	half := 0
	for _, x := range term {
		if x.Category == Suspension || x.Category == Lunchtime {
			half += x.halfDays()
		}
	}
	switch {
	case e.Category == Permanent || e.MissedExam || half > 30:
		duty = MustMeet
	case half > 10:
		duty = OnRequest
	}
	if e.NotifiedOn.IsZero() || duty == RepresentationsOnly {
		return duty, civil.Date{}, nil
	}
	days := 15
	if duty == OnRequest {
		days = 50
	}
	due, err := cal.AddSchoolDays(e.NotifiedOn, days)
	return duty, due, err
}

// SixthDay returns the first day on which full-time education must be
// arranged for an excluded pupil: the sixth school day of a permanent
// exclusion (the council's duty) or of a suspension longer than five
// consecutive school days (the school's). It returns false when no such
// duty arises.
func SixthDay(e Exclusion, cal SchoolCalendar) (day civil.Date, council bool, due bool, err error) {
	switch {
	case e.Category == Permanent:
		council = true
	case e.Category == Suspension && e.Sessions > 10:
	default:
		return civil.Date{}, false, false, nil
	}
	day, err = cal.NthSchoolDay(e.Start, 6)
	return day, council, err == nil, err
}

// MaxSuspensionHalfDays is the most a pupil may be suspended in a school
// year: 45 school days.
const MaxSuspensionHalfDays = 90

// CheckSuspensionTotal refuses a suspension that would take the pupil past
// 45 school days of suspension in the school year; year holds the pupil's
// other suspensions in that school year.
func CheckSuspensionTotal(e Exclusion, year []Exclusion) errs.Fields {
	var bad errs.Fields
	if e.Category != Suspension && e.Category != Lunchtime {
		return bad
	}
	half := e.halfDays()
	for _, x := range year {
		if x.Category == Suspension || x.Category == Lunchtime {
			half += x.halfDays()
		}
	}
	if half > MaxSuspensionHalfDays {
		bad.Add("sessions", "A pupil may be suspended for at most 45 school days in a school year; this would make %s", halfDaysText(half))
	}
	return bad
}

func halfDaysText(half int) string {
	if half%2 == 0 {
		return fmt.Sprintf("%d", half/2)
	}
	return fmt.Sprintf("%d and a half", half/2)
}

// ReviewDates are the independent review panel's clock after a board
// upholds a permanent exclusion: the parents may apply within 15 school
// days of the board's written decision, and the panel must meet by the 15th
// school day after the application.
func ReviewDates(boardDecisionNotified, applied civil.Date, cal SchoolCalendar) (applyBy, hearBy civil.Date, err error) {
	if !boardDecisionNotified.IsZero() {
		if applyBy, err = cal.AddSchoolDays(boardDecisionNotified, 15); err != nil {
			return
		}
	}
	if !applied.IsZero() {
		hearBy, err = cal.AddSchoolDays(applied, 15)
	}
	return
}

// SchoolYear returns the school year (1 September to 31 August) that d falls
// in, named by its first calendar year: 2023 for 2023/24.
func SchoolYear(d civil.Date) int {
	if d.Month >= 9 {
		return d.Year
	}
	return d.Year - 1
}
