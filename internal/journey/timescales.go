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
//
// For children in care the statutory ones come from the Care Planning,
// Placement and Case Review (England) Regulations 2010 and their guidance:
// the first review within 20 working days of the child coming into care,
// the second within 3 months of it, then every 6 months; a visit within a
// week of each new placement; an initial health assessment within 20
// working days, then a review every 6 months under 5 and every 12 months
// from 5; a dental check and an SDQ every 12 months; a personal education
// plan within 20 working days (the guidance says school days; working days
// are the nearest the calendar holds); a return interview within 72 hours
// of a missing child's return (the statutory guidance on children who run
// away or go missing); and, from the Care Leavers (England) Regulations
// 2010, a pathway plan reviewed every 6 months. The local ones: how often a
// child in care is visited after the first week (at most every 6 weeks, or
// 12 in a placement agreed to be long-term and stable, as the seed council
// sets), and how often the personal education plan is reviewed (each term:
// every 4 months by default, as a school year has three terms).
type Timescales struct {
	// Statutory.
	AssessmentWorkingDays int `json:"assessment_working_days"`
	ICPCWorkingDays       int `json:"icpc_working_days"`
	FirstReviewMonths     int `json:"first_review_months"`
	ReviewMonths          int `json:"review_months"`

	CareFirstReviewWorkingDays  int `json:"care_first_review_working_days"`
	CareSecondReviewMonths      int `json:"care_second_review_months"`
	CareReviewMonths            int `json:"care_review_months"`
	PlacementVisitDays          int `json:"placement_visit_days"`
	HealthAssessmentWorkingDays int `json:"health_assessment_working_days"`
	HealthReviewUnder5Months    int `json:"health_review_under5_months"`
	HealthReviewMonths          int `json:"health_review_months"`
	DentalCheckMonths           int `json:"dental_check_months"`
	SDQMonths                   int `json:"sdq_months"`
	PEPWorkingDays              int `json:"pep_working_days"`
	ReturnInterviewHours        int `json:"return_interview_hours"`
	PathwayReviewMonths         int `json:"pathway_review_months"`
	// Local.
	ContactDecisionHours int `json:"contact_decision_hours"`
	CPVisitWorkingDays   int `json:"cp_visit_working_days"`
	CINVisitDays         int `json:"cin_visit_days"`

	CareVisitDays   int `json:"care_visit_days"`
	StableVisitDays int `json:"stable_visit_days"`
	PEPReviewMonths int `json:"pep_review_months"`
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

		CareFirstReviewWorkingDays:  20,
		CareSecondReviewMonths:      3,
		CareReviewMonths:            6,
		PlacementVisitDays:          7,
		HealthAssessmentWorkingDays: 20,
		HealthReviewUnder5Months:    6,
		HealthReviewMonths:          12,
		DentalCheckMonths:           12,
		SDQMonths:                   12,
		PEPWorkingDays:              20,
		ReturnInterviewHours:        72,
		PathwayReviewMonths:         6,
		CareVisitDays:               42,
		StableVisitDays:             84,
		PEPReviewMonths:             4,
	}
}

// Complete fills the timescales a council has not set, because they did
// not exist when it last saved its timescales (a zero), from the defaults.
// Every timescale is at least 1, so a zero is never one chosen.
func (t Timescales) Complete() Timescales {
	d := Defaults()
	for _, p := range []struct{ got, def *int }{
		{&t.AssessmentWorkingDays, &d.AssessmentWorkingDays}, {&t.ICPCWorkingDays, &d.ICPCWorkingDays},
		{&t.FirstReviewMonths, &d.FirstReviewMonths}, {&t.ReviewMonths, &d.ReviewMonths},
		{&t.CareFirstReviewWorkingDays, &d.CareFirstReviewWorkingDays}, {&t.CareSecondReviewMonths, &d.CareSecondReviewMonths},
		{&t.CareReviewMonths, &d.CareReviewMonths}, {&t.PlacementVisitDays, &d.PlacementVisitDays},
		{&t.HealthAssessmentWorkingDays, &d.HealthAssessmentWorkingDays}, {&t.HealthReviewUnder5Months, &d.HealthReviewUnder5Months},
		{&t.HealthReviewMonths, &d.HealthReviewMonths}, {&t.DentalCheckMonths, &d.DentalCheckMonths},
		{&t.SDQMonths, &d.SDQMonths}, {&t.PEPWorkingDays, &d.PEPWorkingDays},
		{&t.ReturnInterviewHours, &d.ReturnInterviewHours}, {&t.PathwayReviewMonths, &d.PathwayReviewMonths},
		{&t.ContactDecisionHours, &d.ContactDecisionHours}, {&t.CPVisitWorkingDays, &d.CPVisitWorkingDays},
		{&t.CINVisitDays, &d.CINVisitDays}, {&t.CareVisitDays, &d.CareVisitDays},
		{&t.StableVisitDays, &d.StableVisitDays}, {&t.PEPReviewMonths, &d.PEPReviewMonths},
	} {
		if *p.got == 0 {
			*p.got = *p.def
		}
	}
	return t
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
		{"care_first_review_working_days", t.CareFirstReviewWorkingDays, d.CareFirstReviewWorkingDays, "A child in care's first review is within 20 working days of coming into care"},
		{"care_second_review_months", t.CareSecondReviewMonths, d.CareSecondReviewMonths, "A child in care's second review is within 3 months of the first"},
		{"care_review_months", t.CareReviewMonths, d.CareReviewMonths, "A child in care's later reviews are at most 6 months apart"},
		{"placement_visit_days", t.PlacementVisitDays, d.PlacementVisitDays, "A child in care is visited within a week of each new placement"},
		{"health_assessment_working_days", t.HealthAssessmentWorkingDays, d.HealthAssessmentWorkingDays, "The initial health assessment is within 20 working days of coming into care"},
		{"health_review_under5_months", t.HealthReviewUnder5Months, d.HealthReviewUnder5Months, "A child in care under 5 has a health assessment at least every 6 months"},
		{"health_review_months", t.HealthReviewMonths, d.HealthReviewMonths, "A child in care from 5 has a health assessment at least every 12 months"},
		{"dental_check_months", t.DentalCheckMonths, d.DentalCheckMonths, "A child in care has a dental check at least every 12 months"},
		{"sdq_months", t.SDQMonths, d.SDQMonths, "A child in care aged 4 to 16 has an SDQ at least every 12 months"},
		{"pep_working_days", t.PEPWorkingDays, d.PEPWorkingDays, "A child in care of school age has a personal education plan within 20 working days"},
		{"return_interview_hours", t.ReturnInterviewHours, d.ReturnInterviewHours, "A return interview is within 72 hours of a missing child's return"},
		{"pathway_review_months", t.PathwayReviewMonths, d.PathwayReviewMonths, "A pathway plan is reviewed at least every 6 months"},
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
		// The regulations allow at most 6 weeks between visits in the first
		// year, and 3 months in a long-term placement after it.
		{"care_visit_days", t.CareVisitDays, 1, 42, "Visits to a child in care must be due every 1 to 42 days (6 weeks)"},
		{"stable_visit_days", t.StableVisitDays, 1, 91, "Visits to a child in a long-term stable placement must be due every 1 to 91 days (3 months)"},
		{"pep_review_months", t.PEPReviewMonths, 1, 6, "Personal education plans must be reviewed every 1 to 6 months"},
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

// CareReviewDue is the last day for a child in care's next review, in a
// period of care that started on start, with the reviews held so far in it
// (oldest first): the first within CareFirstReviewWorkingDays of the start,
// the second within CareSecondReviewMonths of the first, and each later one
// within CareReviewMonths of the last.
func (t Timescales) CareReviewDue(start civil.Date, held []civil.Date) civil.Date {
	switch len(held) {
	case 0:
		return calendar.AddWorkingDays(start, t.CareFirstReviewWorkingDays)
	case 1:
		return calendar.AddMonths(held[0], t.CareSecondReviewMonths)
	}
	return calendar.AddMonths(held[len(held)-1], t.CareReviewMonths)
}

// CareVisitDue is the last day for the next visit to a child in care: within
// PlacementVisitDays of their placement's start when they have not been
// seen there yet (lastSeen zero or before placed), else CareVisitDays after
// they were last seen; in a long-term stable placement, StableVisitDays
// after a visit made once the placement's first year is over (regulation
// 28 of the Care Planning, Placement and Case Review Regulations keeps the
// first year to the shorter interval).
func (t Timescales) CareVisitDue(placed, lastSeen civil.Date, stable bool) civil.Date {
	switch {
	case lastSeen.IsZero() || lastSeen.Before(placed):
		return placed.AddDays(t.PlacementVisitDays)
	case stable && !lastSeen.Before(calendar.AddMonths(placed, 12)):
		return lastSeen.AddDays(t.StableVisitDays)
	}
	return lastSeen.AddDays(t.CareVisitDays)
}

// InitialHealthDue is the last day for the initial health assessment of a
// child who came into care on start.
func (t Timescales) InitialHealthDue(start civil.Date) civil.Date {
	return calendar.AddWorkingDays(start, t.HealthAssessmentWorkingDays)
}

// HealthReviewDue is the last day for the next review health assessment
// after one on last: HealthReviewUnder5Months later for a child who was
// under 5 then, HealthReviewMonths for an older one.
func (t Timescales) HealthReviewDue(last civil.Date, under5 bool) civil.Date {
	if under5 {
		return calendar.AddMonths(last, t.HealthReviewUnder5Months)
	}
	return calendar.AddMonths(last, t.HealthReviewMonths)
}

// DentalCheckDue is the last day for the next dental check after one on
// last (or the day the child came into care).
func (t Timescales) DentalCheckDue(last civil.Date) civil.Date {
	return calendar.AddMonths(last, t.DentalCheckMonths)
}

// SDQDue is the last day for the next SDQ after one on last (or the day the
// child came into care).
func (t Timescales) SDQDue(last civil.Date) civil.Date { return calendar.AddMonths(last, t.SDQMonths) }

// PEPDue is the last day for the first personal education plan of a child
// in care of school age from from (the day they came into care, or their
// fifth birthday in care).
func (t Timescales) PEPDue(from civil.Date) civil.Date {
	return calendar.AddWorkingDays(from, t.PEPWorkingDays)
}

// PEPReviewDue is the last day for the review of a personal education plan
// last written or reviewed on last.
func (t Timescales) PEPReviewDue(last civil.Date) civil.Date {
	return calendar.AddMonths(last, t.PEPReviewMonths)
}

// ReturnInterviewDue is the moment the return interview is due for a child
// who returned from missing at returned.
func (t Timescales) ReturnInterviewDue(returned time.Time) time.Time {
	return returned.Add(time.Duration(t.ReturnInterviewHours) * time.Hour)
}

// PathwayReviewDue is the last day to review a pathway plan last written
// or reviewed on last.
func (t Timescales) PathwayReviewDue(last civil.Date) civil.Date {
	return calendar.AddMonths(last, t.PathwayReviewMonths)
}
