package journey

import (
	"time"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
)

// Timescales are the clocks the journey runs to. Each rule below is one
// function, used alike by due lists, indicators and returns.
//
// The statutory ones come from Working Together to Safeguard Children: an
// assessment completed within 45 working days of the referral, an initial
// conference within 15 working days of the strategy discussion that started
// the enquiry, the first review within 3 months of it and then every 6
// months. The local ones are each council's to set: how soon the front door
// decides on a contact, and how often children on plans are visited.
type Timescales struct {
	// Statutory.
	AssessmentWorkingDays int `json:"assessment_working_days"`
	ICPCWorkingDays       int `json:"icpc_working_days"`
	FirstReviewMonths     int `json:"first_review_months"`
	ReviewMonths          int `json:"review_months"`
	// Local.
	ContactDecisionHours int `json:"contact_decision_hours"`
	CPVisitWorkingDays   int `json:"cp_visit_working_days"`
	CINVisitDays         int `json:"cin_visit_days"`
}

// Defaults are the statutory timescales and the seed council's local ones:
// its front door (MASH 24) decides within 24 hours, children on child
// protection plans are seen every 10 working days, children in need at
// least every 4 weeks.
func Defaults() Timescales {
	return Timescales{
		AssessmentWorkingDays: 45,
		ICPCWorkingDays:       15,
		FirstReviewMonths:     3,
		ReviewMonths:          6,
		ContactDecisionHours:  24,
		CPVisitWorkingDays:    10,
		CINVisitDays:          28,
	}
}

// Validate checks a council's timescales: the statutory ones are as the
// law sets them (a council may not loosen them) and the local ones are
// within sense.
func (t Timescales) Validate() error {
	var f errs.Fields
	d := Defaults()
	statutory := []struct {
		field     string
		got, want int
		what      string
	}{
		{"assessment_working_days", t.AssessmentWorkingDays, d.AssessmentWorkingDays, "An assessment is completed within 45 working days of the referral"},
		{"icpc_working_days", t.ICPCWorkingDays, d.ICPCWorkingDays, "An initial conference is held within 15 working days of the strategy discussion"},
		{"first_review_months", t.FirstReviewMonths, d.FirstReviewMonths, "The first review conference is within 3 months of the initial conference"},
		{"review_months", t.ReviewMonths, d.ReviewMonths, "Later review conferences are at most 6 months apart"},
	}
	for _, s := range statutory {
		if s.got < 1 || s.got > s.want {
			f.Add(s.field, "%s: it can be shorter but not longer, or less than 1", s.what)
		}
	}
	local := []struct {
		field   string
		got, lo int
		hi      int
		what    string
	}{
		{"contact_decision_hours", t.ContactDecisionHours, 1, 72, "Contact decisions must be due within 1 to 72 hours"},
		{"cp_visit_working_days", t.CPVisitWorkingDays, 1, 30, "Child protection visits must be due every 1 to 30 working days"},
		{"cin_visit_days", t.CINVisitDays, 1, 91, "Child in need visits must be due every 1 to 91 days"},
	}
	for _, l := range local {
		if l.got < l.lo || l.got > l.hi {
			f.Add(l.field, "%s", l.what)
		}
	}
	return f.Err()
}

// ContactDecisionDue is when the front door must decide on a contact
// received at received.
func (t Timescales) ContactDecisionDue(received time.Time) time.Time {
	return received.Add(time.Duration(t.ContactDecisionHours) * time.Hour)
}

// AssessmentDue is the last day to authorise the assessment of a referral
// made on referral.
func (t Timescales) AssessmentDue(referral civil.Date) civil.Date {
	return calendar.AddWorkingDays(referral, t.AssessmentWorkingDays)
}

// ICPCDue is the last day for the initial conference of an enquiry started
// at a strategy discussion on strategy.
func (t Timescales) ICPCDue(strategy civil.Date) civil.Date {
	return calendar.AddWorkingDays(strategy, t.ICPCWorkingDays)
}

// ReviewDue is the last day for a child protection plan's next review
// conference: within FirstReviewMonths of the initial conference (the plan's
// start) when there has been no review, else within ReviewMonths of the
// last.
func (t Timescales) ReviewDue(planStart, lastReview civil.Date) civil.Date {
	if lastReview.IsZero() {
		return calendar.AddMonths(planStart, t.FirstReviewMonths)
	}
	return calendar.AddMonths(lastReview, t.ReviewMonths)
}

// CPVisitDue is the last day for the next visit to a child on a child
// protection plan, seen last on last (or the plan's start).
func (t Timescales) CPVisitDue(last civil.Date) civil.Date {
	return calendar.AddWorkingDays(last, t.CPVisitWorkingDays)
}

// CINVisitDue is the last day for the next visit to a child on a child in
// need plan, seen last on last (or the plan's start).
func (t Timescales) CINVisitDue(last civil.Date) civil.Date {
	return last.AddDays(t.CINVisitDays)
}

// AssessmentInTime reports whether an assessment of a referral made on
// referral, authorised on authorised, was within the timescale.
func (t Timescales) AssessmentInTime(referral, authorised civil.Date) bool {
	return !authorised.After(t.AssessmentDue(referral))
}

// ICPCInTime reports whether an initial conference held on held was within
// the timescale of the strategy discussion on strategy.
func (t Timescales) ICPCInTime(strategy, held civil.Date) bool {
	return !held.After(t.ICPCDue(strategy))
}
