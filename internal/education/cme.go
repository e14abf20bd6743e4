package education

import (
	"fmt"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Where a child-missing-education enquiry came from: a school (its deletion
// or attendance return) or anyone else (a professional, a member of the
// public through the online form).
const (
	CMEFromSchool    = "internal"
	CMEFromElsewhere = "external"
)

// CMESources are where an enquiry came from.
var CMESources = people.CodeList{
	{Code: CMEFromSchool, Label: "A school"},
	{Code: CMEFromElsewhere, Label: "Someone else"},
}

// CMESteps are the reasonable enquiries a CME officer records. The
// statutory guidance leaves the steps to the council's procedure; these
// are the usual ones, as data a council can extend.
var CMESteps = people.CodeList{
	{Code: "family", Label: "Contacted the parents, carers or relatives"},
	{Code: "home_visit", Label: "Visited the home"},
	{Code: "schools", Label: "Asked other schools, including siblings' schools"},
	{Code: "agencies", Label: "Asked local agencies (health, social care, housing, police)"},
	{Code: "other_la", Label: "Asked another local authority"},
	{Code: "s2s", Label: "Searched the school-to-school service and lost pupils database"},
	{Code: "safeguarding", Label: "Made a safeguarding referral"},
}

// CMEOutcomes are how an enquiry ends.
var CMEOutcomes = people.CodeList{
	{Code: "on_roll", Label: "Found on a school roll"},
	{Code: "other_la", Label: "Found living in another local authority"},
	{Code: "abroad", Label: "Moved abroad"},
	{Code: "ehe", Label: "Being educated at home"},
	{Code: "not_cme", Label: "Not missing education"},
	{Code: "lost", Label: "Not found: added to the lost pupils database"},
}

// CMETracking is how long a child whose whereabouts are unknown is tracked
// before being added to the lost pupils database.
const CMETracking = 3 // months

// CMEStep is one reasonable enquiry made.
type CMEStep struct {
	On      civil.Date `json:"on"`
	Step    string     `json:"step"` // CMESteps
	Outcome string     `json:"outcome,omitempty"`
}

// CMEEnquiry is an enquiry about a child who may be missing education,
// from its receipt to its closure.
type CMEEnquiry struct {
	Received civil.Date `json:"received"`
	Source   string     `json:"source"` // CMESources
	Referrer string     `json:"referrer,omitempty"`
	Steps    []CMEStep  `json:"steps,omitempty"`
	Outcome  string     `json:"outcome,omitempty"` // CMEOutcomes, with Closed
	// RiskAssessment is the officer's recorded judgement of the risk to the
	// child at closure; an enquiry cannot close without one.
	RiskAssessment string     `json:"risk_assessment,omitempty"`
	Closed         civil.Date `json:"closed,omitzero"`
	// Found is the day a child added to the lost pupils database (outcome
	// "lost") was found: until then the child is still missing education
	// and the team's, so the record stays open (Normalise).
	Found civil.Date `json:"found,omitzero"`
}

// ValidateCME checks an enquiry: its steps are known and dated within it,
// and it closes only with an outcome and a recorded risk assessment, and,
// where the child was not found, only after 3 months of tracking.
func ValidateCME(e CMEEnquiry) errs.Fields {
	var bad errs.Fields
	if e.Received.IsZero() {
		bad.Add("received", "Enter the date the enquiry was received")
	}
	if !CMESources.Has(e.Source) {
		bad.Add("source", "Choose whether a school or someone else raised the enquiry")
	}
	for i, s := range e.Steps {
		if !CMESteps.Has(s.Step) {
			bad.Add(fmt.Sprintf("steps[%d].step", i), "Choose the enquiry made")
		}
		switch {
		case s.On.IsZero():
			bad.Add(fmt.Sprintf("steps[%d].on", i), "Enter the date of the enquiry")
		case s.On.Before(e.Received):
			bad.Add(fmt.Sprintf("steps[%d].on", i), "An enquiry cannot be made before the enquiry was received")
		case !e.Closed.IsZero() && s.On.After(e.Closed):
			bad.Add(fmt.Sprintf("steps[%d].on", i), "An enquiry cannot be made after the enquiry closed")
		}
	}
	if e.Outcome != "" && !CMEOutcomes.Has(e.Outcome) {
		bad.Add("outcome", "Choose how the enquiry ended")
	}
	if e.Closed.IsZero() {
		if e.Outcome != "" {
			bad.Add("closed", "Enter the date the enquiry closed, with its outcome")
		}
		if !e.Found.IsZero() {
			bad.Add("found", "Only a child added to the lost pupils database is recorded as found later")
		}
		return bad
	}
	if e.Closed.Before(e.Received) {
		bad.Add("closed", "The enquiry cannot close before it was received")
	}
	if e.Outcome == "" {
		bad.Add("outcome", "Choose how the enquiry ended before closing it")
	}
	if e.RiskAssessment == "" {
		bad.Add("risk_assessment", "Record the risk assessment before closing the enquiry")
	}
	if e.Outcome == "lost" && e.Closed.Before(TrackedUntil(e)) {
		bad.Add("closed", "A child not found is tracked for %d months, until %s, before the enquiry closes", CMETracking, TrackedUntil(e).Format())
	}
	if e.Outcome == "lost" && !hasStep(e, "s2s") {
		bad.Add("outcome", "Search the school-to-school service before adding the child to the lost pupils database")
	}
	switch {
	case e.Found.IsZero():
	case e.Outcome != "lost":
		bad.Add("found", "Only a child added to the lost pupils database is recorded as found later")
	case e.Found.Before(e.Closed):
		bad.Add("found", "A lost pupil is found after the enquiry closed")
	}
	return bad
}

func hasStep(e CMEEnquiry, step string) bool {
	for _, s := range e.Steps {
		if s.Step == step {
			return true
		}
	}
	return false
}

// TrackedUntil is the first day an enquiry whose child was not found may
// close: 3 months after it was received.
func TrackedUntil(e CMEEnquiry) civil.Date { return calendar.AddMonths(e.Received, CMETracking) }

// EHEOutcomes are what a contact with a home-educating family found.
var EHEOutcomes = people.CodeList{
	{Code: "suitable", Label: "Education appears suitable"},
	{Code: "concerns", Label: "Concerns about the education"},
	{Code: "declined", Label: "The family declined contact"},
	{Code: "no_response", Label: "No response"},
}

// EHEEndReasons are why a child left the register of home education.
var EHEEndReasons = people.CodeList{
	{Code: "school", Label: "Returned to school"},
	{Code: "moved", Label: "Moved away"},
	{Code: "age", Label: "Reached the end of compulsory school age"},
	{Code: "sao", Label: "School attendance order"},
	{Code: "other", Label: "Other"},
}

// EHEContact is one contact with a home-educating family.
type EHEContact struct {
	On      civil.Date `json:"on"`
	Outcome string     `json:"outcome"` // EHEOutcomes
}

// EHE is a child on the council's register of elective home education.
type EHE struct {
	From civil.Date `json:"from"` // the day the council learned of it (deletion return or the family)
	// School is the URN of the school that deleted the child on the home
	// education ground, when there was one.
	School string `json:"school,omitempty"`
	// MeetingOffered is the day the three-way meeting (family, school,
	// council) was offered before deregistration.
	MeetingOffered civil.Date   `json:"meeting_offered,omitzero"`
	Contacts       []EHEContact `json:"contacts,omitempty"`
	// NoticeServed is the day a notice under s437(1) of the Education Act
	// 1996 asked the parents to show that suitable education is provided.
	NoticeServed civil.Date `json:"notice_served,omitzero"`
	OrderMade    civil.Date `json:"order_made,omitzero"` // a school attendance order (s437(3))
	Ended        civil.Date `json:"ended,omitzero"`
	EndReason    string     `json:"end_reason,omitempty"` // EHEEndReasons, with Ended
}

// ValidateEHE checks a home education record's own fields.
func ValidateEHE(e EHE) errs.Fields {
	var bad errs.Fields
	if e.From.IsZero() {
		bad.Add("from", "Enter the date the council learned of the home education")
	}
	for i, c := range e.Contacts {
		if !EHEOutcomes.Has(c.Outcome) {
			bad.Add(fmt.Sprintf("contacts[%d].outcome", i), "Choose what the contact found")
		}
		if c.On.IsZero() || c.On.Before(e.From) {
			bad.Add(fmt.Sprintf("contacts[%d].on", i), "Enter the date of the contact, on or after the start of home education")
		}
	}
	if !e.NoticeServed.IsZero() && e.NoticeServed.Before(e.From) {
		bad.Add("notice_served", "A notice cannot be served before home education started")
	}
	if !e.OrderMade.IsZero() {
		switch {
		case e.NoticeServed.IsZero():
			bad.Add("order_made", "A school attendance order follows a notice to the parents; record the notice first")
		case e.OrderMade.Before(NoticeEnds(e.NoticeServed)):
			bad.Add("order_made", "A school attendance order can be made only after the notice's 15 days have passed (%s)", NoticeEnds(e.NoticeServed).Format())
		}
	}
	if (e.EndReason == "") != e.Ended.IsZero() {
		bad.Add("end_reason", "Enter both the date home education ended and why, or neither")
	} else if e.EndReason != "" && !EHEEndReasons.Has(e.EndReason) {
		bad.Add("end_reason", "Choose why home education ended")
	}
	if !e.Ended.IsZero() && e.Ended.Before(e.From) {
		bad.Add("ended", "Home education cannot end before it started")
	}
	return bad
}

// NoticeEnds is the last day of the period (at least 15 days) a notice
// under s437(1) gives the parents to answer.
func NoticeEnds(served civil.Date) civil.Date { return served.AddDays(15) }

// lastContact is the day of the latest contact that reached the family on
// or before by (zero by: any day).
func lastContact(e EHE, by civil.Date) civil.Date {
	var last civil.Date
	for _, c := range e.Contacts {
		if !by.IsZero() && c.On.After(by) {
			continue
		}
		if (c.Outcome == "suitable" || c.Outcome == "concerns") && c.On.After(last) {
			last = c.On
		}
	}
	return last
}

// ContactDue is when the council should next be in contact with the family:
// a year after the last contact that reached them, or after the start of
// home education when none has.
func ContactDue(e EHE) civil.Date {
	from := lastContact(e, civil.Date{})
	if from.IsZero() {
		from = e.From
	}
	return calendar.AddMonths(from, 12)
}

// InContact reports whether the council reached the family in the 12
// months to at (the seed's measure: over 90% of families in contact).
func InContact(e EHE, at civil.Date) bool {
	last := lastContact(e, at)
	return !last.IsZero() && last.After(calendar.AddMonths(at, -12))
}

// CMEDeadlines lists the time limit that runs on an enquiry: its child is
// found, or tracked for 3 months and then added to the lost pupils
// database, by TrackedUntil; met on the day it closes.
func CMEDeadlines(e CMEEnquiry) []Deadline {
	if e.Received.IsZero() {
		return nil
	}
	return []Deadline{{Rule: "CME", What: "Find the child missing education, or add them to the lost pupils database", Due: TrackedUntil(e), Met: e.Closed}}
}

// EHEDeadlines lists what runs on a child's home education while it
// continues: the next contact with the family (ContactDue), and, after a
// notice under s437(1) with no order yet, the council's decision whether to
// make a school attendance order once the notice's 15 days have passed.
// Ended home education has none.
func EHEDeadlines(e EHE) []Deadline {
	if e.From.IsZero() || !e.Ended.IsZero() {
		return nil
	}
	out := []Deadline{{Rule: "EHE", What: "Contact the home-educating family (at least yearly)", Due: ContactDue(e)}}
	if !e.NoticeServed.IsZero() {
		out = append(out, Deadline{Rule: "SAO", What: "Decide whether to make a school attendance order", Due: NoticeEnds(e.NoticeServed).AddDays(1), Met: e.OrderMade})
	}
	return out
}

// LatestContact is the latest contact recorded with the family on or
// before by, whatever it found (a refusal or no answer too), for the
// register to show; false when there is none.
func LatestContact(e EHE, by civil.Date) (EHEContact, bool) {
	var last EHEContact
	found := false
	for _, c := range e.Contacts {
		if c.On.After(by) {
			continue
		}
		if !found || c.On.After(last.On) {
			last, found = c, true
		}
	}
	return last, found
}
