package journey

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"hearth/internal/errs"
	"hearth/internal/people"
)

// Longest text a summary or note may hold.
const (
	maxSummary = 4000
	maxNote    = 20000
	maxName    = 200
	maxReason  = 500
)

// Normalise trims the record's text and drops empty list entries, so that
// what is checked is what is kept.
func (r *Record) Normalise() {
	if c := r.Contact; c != nil {
		c.Source, c.Summary, c.Decision = strings.TrimSpace(c.Source), strings.TrimSpace(c.Summary), strings.TrimSpace(c.Decision)
	}
	if e := r.EarlyHelp; e != nil {
		e.LeadPractitioner, e.FamilyHub = strings.TrimSpace(e.LeadPractitioner), strings.TrimSpace(e.FamilyHub)
		e.Problems = compact(e.Problems)
		e.Closure = strings.TrimSpace(e.Closure)
	}
	if f := r.Referral; f != nil {
		f.Source, f.PrimaryNeed, f.ClosureReason = strings.TrimSpace(f.Source), strings.TrimSpace(f.PrimaryNeed), strings.TrimSpace(f.ClosureReason)
	}
	if a := r.Assessment; a != nil {
		a.Factors = compact(a.Factors)
	}
	if n := r.Note; n != nil {
		n.Title, n.Text = strings.TrimSpace(n.Title), strings.TrimSpace(n.Text)
	}
	if a := r.Allocation; a != nil {
		a.Reason = strings.TrimSpace(a.Reason)
	}
	r.normaliseCare()
}

// compact trims each entry and drops empty ones and repeats, keeping order.
func compact(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Validate checks the record on its own: its kind and detail, its dates and
// its codes. Rules that need the child's other records are in Check. The
// error names each field (as a JSON path) and the rule it broke.
func (r Record) Validate() error {
	var f errs.Fields
	if !Kinds.Has(string(r.Kind)) {
		f.Add("kind", "Choose a kind of record from the list")
		return f.Err()
	}
	if r.PersonID <= 0 {
		f.Add("person_id", "Say whose record this is")
	}
	if r.detailKinds() != 1 || !r.hasOwnDetail() {
		f.Add(detailField(r.Kind), "Give the details of the %s, and only those", lower(r.Kind))
		return f.Err()
	}
	if r.Start.IsZero() {
		f.Add("start", "Enter the %s", startLabel(r.Kind))
	} else if !r.Start.Valid() {
		f.Add("start", "The %s must be a real date", startLabel(r.Kind))
	}
	if !r.End.IsZero() {
		switch {
		case !spans(r.Kind):
			f.Add("end", "%s has no end date", aKind(r.Kind))
		case !r.End.Valid():
			f.Add("end", "The %s must be a real date", endLabel(r.Kind))
		case !r.Start.IsZero() && r.End.Before(r.Start):
			f.Add("end", "The %s must be on or after the %s", endLabel(r.Kind), startLabel(r.Kind))
		}
	}
	r.validateDetail(&f)
	return f.Err()
}

func (r Record) validateDetail(f *errs.Fields) {
	switch r.Kind {
	case KindContact:
		c := r.Contact
		if c.ReceivedAt.IsZero() {
			f.Add("contact.received_at", "Enter when the contact was received")
		}
		checkCode(f, "contact.source", c.Source, ReferralSources, "the source of the contact")
		checkText(f, "contact.summary", c.Summary, maxSummary, "The summary")
		decided := c.Decision != "" || !c.DecidedAt.IsZero() || !r.End.IsZero()
		if decided {
			checkCode(f, "contact.decision", c.Decision, ContactDecisions, "the decision")
			switch {
			case c.DecidedAt.IsZero():
				f.Add("contact.decided_at", "Enter when the decision was made")
			case !c.ReceivedAt.IsZero() && c.DecidedAt.Before(c.ReceivedAt):
				f.Add("contact.decided_at", "The decision must be made after the contact was received")
			}
			if r.End.IsZero() {
				f.Add("end", "Enter the date of the decision")
			}
		}
	case KindEarlyHelp:
		e := r.EarlyHelp
		for i, p := range e.Problems {
			if !FamilyProblems.Has(p) {
				f.Add(indexed("early_help.problems", i), "Choose each problem from the Supporting Families list")
			}
		}
		checkText(f, "early_help.lead_practitioner", e.LeadPractitioner, maxName, "The lead practitioner")
		checkText(f, "early_help.family_hub", e.FamilyHub, maxName, "The family hub")
		if !e.AssessmentDate.IsZero() && !r.Start.IsZero() && e.AssessmentDate.Before(r.Start) {
			f.Add("early_help.assessment_date", "The early help assessment must be on or after the start of the episode")
		}
		closing(f, r, e.Closure, "early_help.closure", EarlyHelpClosures, "why the episode closed")
	case KindReferral:
		x := r.Referral
		checkCode(f, "referral.source", x.Source, ReferralSources, "the source of the referral")
		checkCode(f, "referral.primary_need", x.PrimaryNeed, PrimaryNeeds, "the child's primary need")
		closing(f, r, x.ClosureReason, "referral.closure_reason", ClosureReasons, "the reason for closure")
	case KindAssessment:
		for i, c := range r.Assessment.Factors {
			if !AssessmentFactors.Has(c) {
				f.Add(indexed("assessment.factors", i), "Choose each factor from the list of factors identified at assessment")
			}
		}
		// The census refuses "no factors identified" beside a factor (rule 8869).
		if len(r.Assessment.Factors) > 1 && slices.Contains(r.Assessment.Factors, AssessmentFactorNone) {
			f.Add("assessment.factors", "No factors identified cannot be chosen with other factors")
		}
		if len(r.Assessment.Factors) > 0 && r.End.IsZero() {
			f.Add("end", "Factors are recorded when the assessment is authorised: enter the date it was authorised")
		}
	case KindStrategy:
		checkCode(f, "strategy_discussion.outcome", r.Strategy.Outcome, StrategyOutcomes, "what the strategy discussion decided")
	case KindS47:
		closing(f, r, r.S47.Outcome, "s47.outcome", S47Outcomes, "the outcome of the enquiry")
	case KindCINPlan:
		if r.Plan.InitialCategory != "" || r.Plan.LatestCategory != "" {
			f.Add("plan.initial_category", "A child in need plan has no category of abuse")
		}
	case KindCPPlan:
		checkCode(f, "plan.initial_category", r.Plan.InitialCategory, AbuseCategories, "the category of abuse at the start of the plan")
		if r.Plan.LatestCategory != "" && !AbuseCategories.Has(r.Plan.LatestCategory) {
			f.Add("plan.latest_category", "Choose the latest category of abuse from the list")
		}
	case KindVisit:
		if r.Visit.SeenAlone && !r.Visit.Seen {
			f.Add("visit.seen_alone", "A child seen alone must also be seen")
		}
	case KindNote:
		if r.Note.Title == "" {
			f.Add("note.title", "Enter a title for the note")
		} else {
			checkText(f, "note.title", r.Note.Title, maxName, "The title")
		}
		if r.Note.Text == "" {
			f.Add("note.text", "Enter what happened")
		} else {
			checkText(f, "note.text", r.Note.Text, maxNote, "The note")
		}
	case KindAllocation:
		checkText(f, "allocation.reason", r.Allocation.Reason, maxReason, "The reason")
		if r.TeamID <= 0 {
			f.Add("team_id", "Choose the team the child is allocated to")
		}
		if r.WorkerID <= 0 {
			f.Add("worker_id", "Choose the worker the child is allocated to")
		}
	case KindFamilyMeeting:
		m := r.FamilyMeeting
		if !m.Held.IsZero() && !r.Start.IsZero() && m.Held.Before(r.Start) {
			f.Add("family_meeting.held", "The meeting must be held on or after the day it was offered")
		}
		if m.Outcome != "" && !FamilyMeetingOutcomes.Has(m.Outcome) {
			f.Add("family_meeting.outcome", "Choose what came of the meeting from the list")
		}
		if m.Outcome == "plan_agreed" && m.Held.IsZero() {
			f.Add("family_meeting.held", "A plan is agreed at a meeting: enter the date it was held")
		}
	default:
		r.validateCare(f)
	}
}

// checkText holds free text to its length, in characters, and to text that
// shows as typed (people.PrintableLines): no control characters but line
// breaks and tabs, and none that turn the direction of text, which would
// make a history or the access log's pages show other than was written.
func checkText(f *errs.Fields, field, text string, max int, what string) {
	switch {
	case utf8.RuneCountInString(text) > max:
		f.Add(field, "%s must be %d characters or fewer", what, max)
	case !people.PrintableLines(text):
		f.Add(field, "%s must not include control characters or characters that change the direction of text", what)
	}
}

// closing checks a reason that is given exactly when the record has ended.
func closing(f *errs.Fields, r Record, reason, field string, list people.CodeList, what string) {
	switch {
	case r.End.IsZero() && reason != "":
		f.Add("end", "Enter the end date with %s", what)
	case !r.End.IsZero():
		checkCode(f, field, reason, list, what)
	}
}

// checkCode adds an error for a code that is missing or not in list.
func checkCode(f *errs.Fields, field, code string, list people.CodeList, what string) {
	switch {
	case code == "":
		f.Add(field, "Choose %s", what)
	case !list.Has(code):
		f.Add(field, "Choose %s from the list", what)
	}
}

func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// detailKinds counts the details that are set.
func (r Record) detailKinds() int {
	n := 0
	for _, set := range []bool{r.Contact != nil, r.EarlyHelp != nil, r.Referral != nil, r.Assessment != nil,
		r.Strategy != nil, r.S47 != nil, r.ICPC != nil, r.Plan != nil, r.Review != nil, r.Visit != nil,
		r.Note != nil, r.Allocation != nil, r.FamilyMeeting != nil,
		r.CareEpisode != nil, r.CareReview != nil, r.HealthAssessment != nil, r.DentalCheck != nil,
		r.Immunisations != nil, r.SDQ != nil, r.PEP != nil, r.UASC != nil, r.Adoption != nil, r.SGO != nil,
		r.LeavingCare != nil, r.PathwayPlan != nil, r.LeaverContact != nil, r.Missing != nil,
		r.Screening != nil, r.MACE != nil} {
		if set {
			n++
		}
	}
	return n
}

// hasOwnDetail reports whether the detail of the record's own kind is set.
func (r Record) hasOwnDetail() bool {
	switch r.Kind {
	case KindContact:
		return r.Contact != nil
	case KindEarlyHelp:
		return r.EarlyHelp != nil
	case KindReferral:
		return r.Referral != nil
	case KindAssessment:
		return r.Assessment != nil
	case KindStrategy:
		return r.Strategy != nil
	case KindS47:
		return r.S47 != nil
	case KindICPC:
		return r.ICPC != nil
	case KindCINPlan, KindCPPlan:
		return r.Plan != nil
	case KindCPReview:
		return r.Review != nil
	case KindVisit:
		return r.Visit != nil
	case KindNote:
		return r.Note != nil
	case KindAllocation:
		return r.Allocation != nil
	case KindFamilyMeeting:
		return r.FamilyMeeting != nil
	case KindCareEpisode:
		return r.CareEpisode != nil
	case KindCareReview:
		return r.CareReview != nil
	case KindHealthAssessment:
		return r.HealthAssessment != nil
	case KindDentalCheck:
		return r.DentalCheck != nil
	case KindImmunisations:
		return r.Immunisations != nil
	case KindSDQ:
		return r.SDQ != nil
	case KindPEP:
		return r.PEP != nil
	case KindUASC:
		return r.UASC != nil
	case KindAdoption:
		return r.Adoption != nil
	case KindSGO:
		return r.SGO != nil
	case KindLeavingCare:
		return r.LeavingCare != nil
	case KindPathwayPlan:
		return r.PathwayPlan != nil
	case KindLeaverContact:
		return r.LeaverContact != nil
	case KindMissing:
		return r.Missing != nil
	case KindScreening:
		return r.Screening != nil
	case KindMACE:
		return r.MACE != nil
	}
	return false
}

// detailField is the JSON name of a kind's detail.
func detailField(k Kind) string {
	switch k {
	case KindCINPlan, KindCPPlan:
		return "plan"
	}
	return string(k)
}

// startLabel and endLabel name a kind's dates in messages.
func startLabel(k Kind) string {
	switch k {
	case KindContact:
		return "date the contact was received"
	case KindEarlyHelp:
		return "date the episode started"
	case KindReferral:
		return "date of the referral"
	case KindAssessment:
		return "date the assessment started"
	case KindS47:
		return "date the enquiry started"
	case KindCINPlan, KindCPPlan:
		return "date the plan started"
	case KindNote:
		return "date it happened"
	case KindAllocation:
		return "date of allocation"
	case KindFamilyMeeting:
		return "date the meeting was offered"
	case KindCareEpisode:
		return "date the episode started"
	case KindCareReview:
		return "date of the review"
	case KindHealthAssessment, KindDentalCheck, KindImmunisations, KindSDQ:
		return "date of the check"
	case KindPEP, KindPathwayPlan:
		return "date of the plan"
	case KindUASC:
		return "date the child became an unaccompanied asylum-seeking child"
	case KindAdoption:
		return "date of the decision that the child should be placed for adoption"
	case KindSGO:
		return "date of the order"
	case KindLeavingCare:
		return "date the service started"
	case KindLeaverContact:
		return "date of the contact"
	case KindMissing:
		return "date the child went missing"
	case KindScreening:
		return "date of the screening"
	case KindMACE:
		return "date of the meeting"
	}
	return "date"
}

func endLabel(k Kind) string {
	switch k {
	case KindContact:
		return "date of the decision"
	case KindEarlyHelp:
		return "date the episode closed"
	case KindReferral:
		return "date the case closed"
	case KindAssessment:
		return "date the assessment was authorised"
	case KindS47:
		return "date the enquiry was completed"
	case KindCINPlan, KindCPPlan:
		return "date the plan ended"
	case KindAllocation:
		return "date the allocation ended"
	case KindCareEpisode:
		return "date the episode ended"
	case KindUASC:
		return "date the child stopped being an unaccompanied asylum-seeking child"
	case KindAdoption:
		return "date the plan for adoption ended"
	case KindLeavingCare:
		return "date the service ended"
	case KindMissing:
		return "date the child returned"
	}
	return "end date"
}
