package journey

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
)

func TestValidateFixtures(t *testing.T) {
	// Every fixture is a valid record of its kind, open and (where it
	// spans) closed, so each failing case below breaks one rule only.
	for _, r := range []Record{
		contact(1, "2024-01-08", ""), contact(1, "2024-01-08", "2024-01-09"),
		earlyHelp(1, 0, "2024-01-08", ""), earlyHelp(1, 0, "2024-01-08", "2024-06-30"),
		referral(1, 0, "2024-01-08", ""), referral(1, 0, "2024-01-08", "2024-06-30"),
		assessment(1, 2, "2024-01-08", ""), assessment(1, 2, "2024-01-08", "2024-01-08"),
		strategy(1, 2, "2024-01-08", "s47"),
		s47(1, 2, 3, "2024-01-08", "", ""), s47(1, 2, 3, "2024-01-08", "2024-01-20", "icpc"),
		icpc(1, 2, 3, "2024-01-08", true),
		cpPlan(1, 2, 3, "2024-01-08", ""), cinPlan(1, 2, "2024-01-08", "2024-06-30"),
		review(1, 2, 3, "2024-04-08"), visit(1, 3, "2024-02-29", true),
		note(1, 0, "2024-01-08"), allocation(1, 2, "2024-01-08", "", 10, 100),
		familyMeeting(1, "2024-01-08"),
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s %v: %v", r.Kind, r.End, err)
		}
	}
}

func TestValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // two bytes, one character
	received := london(2024, time.January, 8, 9, 0)
	tests := []struct {
		name string
		r    Record
		want []fault // none: valid
	}{
		// Kind, person and detail.
		{"unknown kind", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Kind = "fostering" }),
			[]fault{{"kind", "Choose a kind of record"}}},
		{"no person", with(note(1, 0, "2024-01-08"), func(r *Record) { r.PersonID = 0 }),
			[]fault{{"person_id", "Say whose record"}}},
		{"no detail", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact = nil }),
			[]fault{{"contact", "Give the details of the contact, and only those"}}},
		{"two details", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Note = &Note{Title: "x", Text: "y"} }),
			[]fault{{"contact", "only those"}}},
		{"another kind's detail", with(cinPlan(1, 2, "2024-01-08", ""), func(r *Record) { r.Plan, r.Referral = nil, &Referral{} }),
			[]fault{{"plan", "Give the details of the child in need plan"}}},
		// Dates.
		{"no start", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Start = civil.Date{} }),
			[]fault{{"start", "Enter the date the contact was received"}}},
		{"start not a date (29 February in a common year)",
			with(referral(1, 0, "2024-01-08", ""), func(r *Record) { r.Start = civil.Date{Year: 2023, Month: 2, Day: 29} }),
			[]fault{{"start", "The date of the referral must be a real date"}}},
		{"start on a leap day", referral(1, 0, "2024-02-29", ""), nil},
		{"end on a kind that does not span", with(strategy(1, 2, "2024-01-08", "s47"), func(r *Record) { r.End = day("2024-01-09") }),
			[]fault{{"end", "A strategy discussion has no end date"}}},
		{"end on an initial conference", with(icpc(1, 2, 3, "2024-01-08", true), func(r *Record) { r.End = day("2024-01-08") }),
			[]fault{{"end", "An initial child protection conference has no end date"}}},
		{"end not a date", with(cinPlan(1, 2, "2024-01-08", ""), func(r *Record) { r.End = civil.Date{Year: 2024, Month: 2, Day: 30} }),
			[]fault{{"end", "The date the plan ended must be a real date"}}},
		{"end before start", cinPlan(1, 2, "2024-01-08", "2024-01-07"),
			[]fault{{"end", "The date the plan ended must be on or after the date the plan started"}}},
		{"end on start", cinPlan(1, 2, "2024-01-08", "2024-01-08"), nil},
		// Contact.
		{"contact: no moment received", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.ReceivedAt = time.Time{} }),
			[]fault{{"contact.received_at", "Enter when the contact was received"}}},
		{"contact: no source", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.Source = "" }),
			[]fault{{"contact.source", "Choose the source of the contact"}}},
		{"contact: source not on the list", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.Source = "11" }),
			[]fault{{"contact.source", "Choose the source of the contact from the list"}}},
		{"contact: summary of 4000 characters", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.Summary = long(4000) }), nil},
		{"contact: summary of 4001 characters", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.Summary = long(4001) }),
			[]fault{{"contact.summary", "4000 characters or fewer"}}},
		{"contact: decision without its moment or date", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.Decision = "nfa" }),
			[]fault{{"contact.decided_at", "Enter when the decision was made"}, {"end", "Enter the date of the decision"}}},
		{"contact: ended without a decision", with(contact(1, "2024-01-08", "2024-01-08"), func(r *Record) { r.Contact.Decision = "" }),
			[]fault{{"contact.decision", "Choose the decision"}}},
		{"contact: decision not on the list", with(contact(1, "2024-01-08", "2024-01-08"), func(r *Record) { r.Contact.Decision = "s47" }),
			[]fault{{"contact.decision", "Choose the decision from the list"}}},
		{"contact: decided before received", with(contact(1, "2024-01-08", "2024-01-08"), func(r *Record) { r.Contact.DecidedAt = received.Add(-time.Minute) }),
			[]fault{{"contact.decided_at", "after the contact was received"}}},
		{"contact: decided the moment it was received", with(contact(1, "2024-01-08", "2024-01-08"), func(r *Record) { r.Contact.DecidedAt = received }), nil},
		{"contact: moment decided without a decision", with(contact(1, "2024-01-08", ""), func(r *Record) { r.Contact.DecidedAt = received }),
			[]fault{{"contact.decision", "Choose the decision"}, {"end", "Enter the date of the decision"}}},
		// Early help.
		{"early help: problem not on the list", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.Problems = []string{"housing", "poverty"} }),
			[]fault{{"early_help.problems[1]", "Supporting Families list"}}},
		{"early help: lead practitioner of 200 characters", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.LeadPractitioner = long(200) }), nil},
		{"early help: lead practitioner of 201 characters", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.LeadPractitioner = long(201) }),
			[]fault{{"early_help.lead_practitioner", "200 characters or fewer"}}},
		{"early help: family hub of 200 characters", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.FamilyHub = long(200) }), nil},
		{"early help: family hub of 201 characters", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.FamilyHub = long(201) }),
			[]fault{{"early_help.family_hub", "200 characters or fewer"}}},
		{"early help: assessed before the episode", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.AssessmentDate = day("2024-01-07") }),
			[]fault{{"early_help.assessment_date", "on or after the start of the episode"}}},
		{"early help: assessed the day it started", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.AssessmentDate = day("2024-01-08") }), nil},
		{"early help: closure reason while open", with(earlyHelp(1, 0, "2024-01-08", ""), func(r *Record) { r.EarlyHelp.Closure = "declined" }),
			[]fault{{"end", "Enter the end date with why the episode closed"}}},
		{"early help: closed without a reason", with(earlyHelp(1, 0, "2024-01-08", "2024-03-01"), func(r *Record) { r.EarlyHelp.Closure = "" }),
			[]fault{{"early_help.closure", "Choose why the episode closed"}}},
		{"early help: closure reason not on the list", with(earlyHelp(1, 0, "2024-01-08", "2024-03-01"), func(r *Record) { r.EarlyHelp.Closure = "RC7" }),
			[]fault{{"early_help.closure", "Choose why the episode closed from the list"}}},
		// Referral.
		{"referral: no source", with(referral(1, 0, "2024-01-08", ""), func(r *Record) { r.Referral.Source = "" }),
			[]fault{{"referral.source", "Choose the source of the referral"}}},
		{"referral: primary need not on the list", with(referral(1, 0, "2024-01-08", ""), func(r *Record) { r.Referral.PrimaryNeed = "N10" }),
			[]fault{{"referral.primary_need", "Choose the child's primary need from the list"}}},
		{"referral: closure reason while open", with(referral(1, 0, "2024-01-08", ""), func(r *Record) { r.Referral.ClosureReason = "RC8" }),
			[]fault{{"end", "Enter the end date with the reason for closure"}}},
		{"referral: closed without a reason", with(referral(1, 0, "2024-01-08", "2024-02-01"), func(r *Record) { r.Referral.ClosureReason = "" }),
			[]fault{{"referral.closure_reason", "Choose the reason for closure"}}},
		// Assessment.
		{"assessment: factor not on the list", with(assessment(1, 2, "2024-01-08", "2024-02-01"), func(r *Record) { r.Assessment.Factors = []string{"1A", "99"} }),
			[]fault{{"assessment.factors[1]", "Choose each factor"}}},
		{"assessment: factors before authorisation", with(assessment(1, 2, "2024-01-08", ""), func(r *Record) { r.Assessment.Factors = []string{"1A"} }),
			[]fault{{"end", "Factors are recorded when the assessment is authorised"}}},
		{"assessment: no factors identified, alone", with(assessment(1, 2, "2024-01-08", "2024-02-01"), func(r *Record) { r.Assessment.Factors = []string{AssessmentFactorNone} }), nil},
		{"assessment: no factors identified beside a factor (census rule 8869)",
			with(assessment(1, 2, "2024-01-08", "2024-02-01"), func(r *Record) { r.Assessment.Factors = []string{"1A", AssessmentFactorNone} }),
			[]fault{{"assessment.factors", "No factors identified"}}},
		// Strategy discussion and Section 47 enquiry.
		{"strategy: no outcome", strategy(1, 2, "2024-01-08", ""),
			[]fault{{"strategy_discussion.outcome", "Choose what the strategy discussion decided"}}},
		{"strategy: outcome not on the list", strategy(1, 2, "2024-01-08", "icpc"),
			[]fault{{"strategy_discussion.outcome", "from the list"}}},
		{"s47: outcome while open", s47(1, 2, 3, "2024-01-08", "", "icpc"),
			[]fault{{"end", "Enter the end date with the outcome of the enquiry"}}},
		{"s47: completed without an outcome", s47(1, 2, 3, "2024-01-08", "2024-01-20", ""),
			[]fault{{"s47.outcome", "Choose the outcome of the enquiry"}}},
		// Plans.
		{"cin plan: with a category of abuse", with(cinPlan(1, 2, "2024-01-08", ""), func(r *Record) { r.Plan.LatestCategory = "NEG" }),
			[]fault{{"plan.initial_category", "A child in need plan has no category of abuse"}}},
		{"cp plan: no initial category", with(cpPlan(1, 2, 3, "2024-01-08", ""), func(r *Record) { r.Plan.InitialCategory = "" }),
			[]fault{{"plan.initial_category", "Choose the category of abuse at the start of the plan"}}},
		{"cp plan: latest category not on the list", with(cpPlan(1, 2, 3, "2024-01-08", ""), func(r *Record) { r.Plan.LatestCategory = "N1" }),
			[]fault{{"plan.latest_category", "Choose the latest category of abuse from the list"}}},
		{"cp plan: latest category changed", with(cpPlan(1, 2, 3, "2024-01-08", ""), func(r *Record) { r.Plan.LatestCategory = "MUL" }), nil},
		// Visit and note.
		{"visit: seen alone but not seen", with(visit(1, 3, "2024-01-08", false), func(r *Record) { r.Visit.SeenAlone = true }),
			[]fault{{"visit.seen_alone", "A child seen alone must also be seen"}}},
		{"visit: seen alone", with(visit(1, 3, "2024-01-08", true), func(r *Record) { r.Visit.SeenAlone = true }), nil},
		{"note: no title", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Title = "" }),
			[]fault{{"note.title", "Enter a title"}}},
		{"note: title of 201 characters", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Title = long(201) }),
			[]fault{{"note.title", "200 characters or fewer"}}},
		{"note: no text", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Text = "" }),
			[]fault{{"note.text", "Enter what happened"}}},
		{"note: a title that turns the text round", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Title = "Visit \u202enoitca on" }),
			[]fault{{"note.title", "change the direction of text"}}},
		{"note: text with a control character", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Text = "Seen\x07 at home" }),
			[]fault{{"note.text", "control characters"}}},
		{"note: text over several lines", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Text = "Seen at home.\r\n\tSpoke with mother." }), nil},
		{"note: text of 20000 characters", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Text = long(20000) }), nil},
		{"note: text of 20001 characters", with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Text = long(20001) }),
			[]fault{{"note.text", "20000 characters or fewer"}}},
		// Allocation.
		{"allocation: no team", allocation(1, 2, "2024-01-08", "", 0, 100),
			[]fault{{"team_id", "Choose the team"}}},
		{"allocation: no worker", allocation(1, 2, "2024-01-08", "", 10, 0),
			[]fault{{"worker_id", "Choose the worker"}}},
		// Family network meeting.
		{"family meeting: held before offered", with(familyMeeting(1, "2024-01-08"), func(r *Record) { r.FamilyMeeting.Held = day("2024-01-07") }),
			[]fault{{"family_meeting.held", "held on or after the day it was offered"}}},
		{"family meeting: held the day offered, plan agreed", with(familyMeeting(1, "2024-01-08"), func(r *Record) {
			r.FamilyMeeting.Held, r.FamilyMeeting.Outcome = day("2024-01-08"), "plan_agreed"
		}), nil},
		{"family meeting: outcome not on the list", with(familyMeeting(1, "2024-01-08"), func(r *Record) { r.FamilyMeeting.Outcome = "nfa" }),
			[]fault{{"family_meeting.outcome", "from the list"}}},
		{"family meeting: plan agreed but not held", with(familyMeeting(1, "2024-01-08"), func(r *Record) { r.FamilyMeeting.Outcome = "plan_agreed" }),
			[]fault{{"family_meeting.held", "enter the date it was held"}}},
		{"family meeting: declined and never held", with(familyMeeting(1, "2024-01-08"), func(r *Record) { r.FamilyMeeting.Outcome = "declined" }), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFaults(t, tt.r.Validate(), tt.want...)
		})
	}
}

func TestNormalise(t *testing.T) {
	r := earlyHelp(1, 0, "2024-01-08", "")
	r.EarlyHelp.LeadPractitioner = "  Sam Lee, school  "
	r.EarlyHelp.Problems = []string{" housing", "", "housing", "crime "}
	r.Normalise()
	if r.EarlyHelp.LeadPractitioner != "Sam Lee, school" {
		t.Errorf("lead practitioner %q", r.EarlyHelp.LeadPractitioner)
	}
	if got := strings.Join(r.EarlyHelp.Problems, ","); got != "housing,crime" {
		t.Errorf("problems %q, want housing,crime", got)
	}
	// A note of spaces is no note at all once normalised.
	n := with(note(1, 0, "2024-01-08"), func(r *Record) { r.Note.Title = "   " })
	n.Normalise()
	wantFaults(t, n.Validate(), fault{"note.title", "Enter a title"})
}
