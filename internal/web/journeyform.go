package web

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// The journey's form is one form for every kind of record, drawn from a
// table: each kind lists its fields, and each field says how it is drawn
// (three date boxes, a select of a code list, yes and no...), what it is
// called and where in the record it lives. Inputs are named by the JSON
// paths the app's errors name ("referral.primary_need", "start"), so that an
// error finds its input.

// fieldType is how a field is drawn and read.
type fieldType int

const (
	fDate     fieldType = iota // three boxes
	fMoment                    // three boxes and a time (a contact's receipt)
	fSelect                    // one code of a list
	fChecks                    // any codes of a list
	fYesNo                     // a yes or no
	fText                      // a line of text
	fTextarea                  // paragraphs
	fEpisode                   // one of the child's referrals or early help episodes
	fFollows                   // one of the child's records this follows
	fNumber                    // a whole number
)

// field is one input of a kind's form. Exactly one accessor, the one its
// type reads, is set; each returns where in the record (whose detail exists)
// the value lives.
type field struct {
	name, label, hint string
	typ               fieldType
	codes             people.CodeList
	optional          bool
	follows           []journey.Kind // the kinds an fFollows field offers
	// private marks a field the app shows only to some roles (a
	// placement's address): empty, it reads "Not shown", as the user may
	// not be one of them.
	private bool

	text   func(*journey.Record) *string
	date   func(*journey.Record) *civil.Date
	moment func(*journey.Record) *time.Time
	flag   func(*journey.Record) *bool
	list   func(*journey.Record) *[]string
	id     func(*journey.Record) *journey.ID
	num    func(*journey.Record) number
}

// number is where a whole number lives in a record, whatever its Go type:
// get reads it (false when none is recorded) and set writes it.
type number struct {
	get func() (int64, bool)
	set func(n int64, ok bool)
}

// zeroNone is a number whose zero means none recorded (the number of
// adopters, a foster household's id).
func zeroNone[T ~int | ~int64](p *T) number {
	return number{
		get: func() (int64, bool) { return int64(*p), *p != 0 },
		set: func(n int64, ok bool) { *p = T(n) },
	}
}

// nilNone is a number that may be absent where zero is a value (an SDQ
// score of 0 is a score).
func nilNone(p **int) number {
	return number{
		get: func() (int64, bool) {
			if *p == nil {
				return 0, false
			}
			return int64(**p), true
		},
		set: func(n int64, ok bool) {
			*p = nil
			if ok {
				v := int(n)
				*p = &v
			}
		},
	}
}

func start(label string) field {
	return field{name: "start", label: label, typ: fDate, date: func(r *journey.Record) *civil.Date { return &r.Start }}
}

func end(label string) field {
	return field{name: "end", label: label, typ: fDate, optional: true, date: func(r *journey.Record) *civil.Date { return &r.End }}
}

func episode(optional bool) field {
	return field{name: "episode", label: "Referral or early help episode it belongs to", typ: fEpisode, optional: optional,
		id: func(r *journey.Record) *journey.ID { return &r.Episode }}
}

func follows(label string, optional bool, kinds ...journey.Kind) field {
	return field{name: "follows", label: label, typ: fFollows, optional: optional, follows: kinds,
		id: func(r *journey.Record) *journey.ID { return &r.Follows }}
}

// journeyFields are the fields of each kind's form, in the order drawn.
var journeyFields = map[journey.Kind][]field{
	journey.KindContact: {
		{name: "contact.received_at", label: "When the contact was received", typ: fMoment,
			moment: func(r *journey.Record) *time.Time { return &r.Contact.ReceivedAt }},
		{name: "contact.source", label: "Who made the contact", typ: fSelect, codes: journey.ReferralSources,
			text: func(r *journey.Record) *string { return &r.Contact.Source }},
		{name: "contact.summary", label: "What was asked, and why", typ: fTextarea, optional: true,
			text: func(r *journey.Record) *string { return &r.Contact.Summary }},
	},
	journey.KindEarlyHelp: {
		follows("The contact or referral it follows", true, journey.KindContact, journey.KindReferral),
		start("Date the episode started"),
		{name: "early_help.assessment_date", label: "Date of the early help assessment", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.EarlyHelp.AssessmentDate }},
		{name: "early_help.lead_practitioner", label: "Lead practitioner", hint: "Their name and agency", typ: fText, optional: true,
			text: func(r *journey.Record) *string { return &r.EarlyHelp.LeadPractitioner }},
		{name: "early_help.family_hub", label: "Family hub", typ: fText, optional: true,
			text: func(r *journey.Record) *string { return &r.EarlyHelp.FamilyHub }},
		{name: "early_help.problems", label: "Problems the family is working on", typ: fChecks, codes: journey.FamilyProblems, optional: true,
			list: func(r *journey.Record) *[]string { return &r.EarlyHelp.Problems }},
		end("Date the episode closed"),
		{name: "early_help.closure", label: "Why the episode closed", hint: "With the date it closed", typ: fSelect, codes: journey.EarlyHelpClosures, optional: true,
			text: func(r *journey.Record) *string { return &r.EarlyHelp.Closure }},
	},
	journey.KindReferral: {
		follows("The contact or early help episode it follows", true, journey.KindContact, journey.KindEarlyHelp),
		start("Date of the referral"),
		{name: "referral.source", label: "Source of the referral", typ: fSelect, codes: journey.ReferralSources,
			text: func(r *journey.Record) *string { return &r.Referral.Source }},
		{name: "referral.primary_need", label: "The child's primary need", typ: fSelect, codes: journey.PrimaryNeeds,
			text: func(r *journey.Record) *string { return &r.Referral.PrimaryNeed }},
		{name: "referral.nfa", label: "No further action after the referral?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Referral.NFA }},
		end("Date the case closed"),
		{name: "referral.closure_reason", label: "Reason for closure", hint: "With the date the case closed", typ: fSelect, codes: journey.ClosureReasons, optional: true,
			text: func(r *journey.Record) *string { return &r.Referral.ClosureReason }},
	},
	journey.KindAssessment: {
		episode(false),
		start("Date the assessment started"),
		{name: "assessment.child_seen", label: "Was the child seen?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Assessment.ChildSeen }},
		end("Date the assessment was authorised"),
		{name: "assessment.factors", label: "Factors identified", hint: "Recorded when the assessment is authorised. Select all that apply", typ: fChecks, codes: journey.AssessmentFactors, optional: true,
			list: func(r *journey.Record) *[]string { return &r.Assessment.Factors }},
	},
	journey.KindStrategy: {
		episode(false),
		start("Date of the strategy discussion"),
		{name: "strategy_discussion.outcome", label: "What was decided", typ: fSelect, codes: journey.StrategyOutcomes,
			text: func(r *journey.Record) *string { return &r.Strategy.Outcome }},
	},
	journey.KindS47: {
		episode(false),
		follows("The strategy discussion it started at", false, journey.KindStrategy),
		start("Date the enquiry started"),
		end("Date the enquiry was completed"),
		{name: "s47.outcome", label: "Outcome", hint: "With the date it was completed", typ: fSelect, codes: journey.S47Outcomes, optional: true,
			text: func(r *journey.Record) *string { return &r.S47.Outcome }},
	},
	journey.KindICPC: {
		episode(false),
		follows("The Section 47 enquiry it follows", false, journey.KindS47),
		start("Date of the conference"),
		{name: "icpc.plan", label: "Was a child protection plan made?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.ICPC.Plan }},
		{name: "icpc.transfer_in", label: "Is it a transfer-in conference?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.ICPC.TransferIn }},
	},
	journey.KindCINPlan: {
		episode(false),
		start("Date the plan started"),
		end("Date the plan ended"),
	},
	journey.KindCPPlan: {
		episode(false),
		follows("The initial conference that made it", false, journey.KindICPC),
		start("Date the plan started"),
		{name: "plan.initial_category", label: "Category of abuse at the start", typ: fSelect, codes: journey.AbuseCategories,
			text: func(r *journey.Record) *string { return &r.Plan.InitialCategory }},
		{name: "plan.latest_category", label: "Latest category of abuse", typ: fSelect, codes: journey.AbuseCategories, optional: true,
			text: func(r *journey.Record) *string { return &r.Plan.LatestCategory }},
		end("Date the plan ended"),
	},
	journey.KindCPReview: {
		episode(false),
		follows("The plan it reviews", false, journey.KindCPPlan),
		start("Date of the review conference"),
		{name: "cp_review.continue", label: "Does the plan continue?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.Review.Continue }},
	},
	journey.KindVisit: {
		episode(true),
		follows("The plan it is about", true, journey.KindCINPlan, journey.KindCPPlan),
		start("Date of the visit"),
		{name: "visit.seen", label: "Was the child seen?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.Visit.Seen }},
		{name: "visit.seen_alone", label: "Was the child seen alone?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.Visit.SeenAlone }},
		{name: "visit.bedroom_seen", label: "Was the child's bedroom seen?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Visit.BedroomSeen }},
	},
	journey.KindNote: {
		episode(true),
		start("Date it happened"),
		{name: "note.title", label: "Title", typ: fText,
			text: func(r *journey.Record) *string { return &r.Note.Title }},
		{name: "note.text", label: "What happened", typ: fTextarea,
			text: func(r *journey.Record) *string { return &r.Note.Text }},
	},
	journey.KindAllocation: {
		start("Date of allocation"),
		end("Date the allocation ended"),
		{name: "allocation.reason", label: "Why the worker changed", typ: fText, optional: true,
			text: func(r *journey.Record) *string { return &r.Allocation.Reason }},
	},
	journey.KindFamilyMeeting: {
		episode(true),
		start("Date the meeting was offered"),
		{name: "family_meeting.held", label: "Date the meeting was held", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.FamilyMeeting.Held }},
		{name: "family_meeting.outcome", label: "What came of it", typ: fSelect, codes: journey.FamilyMeetingOutcomes, optional: true,
			text: func(r *journey.Record) *string { return &r.FamilyMeeting.Outcome }},
	},
	journey.KindCareEpisode: {
		start("Date the episode started"),
		{name: "care_episode.reason_new", label: "Why the episode started", typ: fSelect, codes: care.ReasonsNew,
			text: func(r *journey.Record) *string { return &r.CareEpisode.ReasonNew }},
		{name: "care_episode.legal_status", label: "Legal status", typ: fSelect, codes: care.LegalStatuses,
			text: func(r *journey.Record) *string { return &r.CareEpisode.LegalStatus }},
		{name: "care_episode.need", label: "Category of need", typ: fSelect, codes: journey.PrimaryNeeds,
			text: func(r *journey.Record) *string { return &r.CareEpisode.Need }},
		{name: "care_episode.placement", label: "Placement type", typ: fSelect, codes: care.PlacementTypes,
			text: func(r *journey.Record) *string { return &r.CareEpisode.Placement }},
		{name: "care_episode.provider", label: "Placement provider", typ: fSelect, codes: care.Providers, optional: true,
			text: func(r *journey.Record) *string { return &r.CareEpisode.Provider }},
		{name: "care_episode.postcode", label: "Placement postcode", typ: fText, optional: true, private: true,
			text: func(r *journey.Record) *string { return &r.CareEpisode.Postcode }},
		{name: "care_episode.urn", label: "Placement's Ofsted URN", hint: "Blank for a placement Ofsted does not register, such as with parents or temporary; XXXXXXX for a registered kind that has none, such as outside England", typ: fText, optional: true, private: true,
			text: func(r *journey.Record) *string { return &r.CareEpisode.URN }},
		{name: "care_episode.household", label: "Foster household's register number", hint: "When the carers are on the register of foster households", typ: fNumber, optional: true,
			num: func(r *journey.Record) number { return zeroNone(&r.CareEpisode.Household) }},
		{name: "care_episode.reason_place_change", label: "Why the placement changed", hint: "For an episode that started with a change of placement", typ: fSelect, codes: care.PlaceChangeReasons, optional: true,
			text: func(r *journey.Record) *string { return &r.CareEpisode.ReasonPlaceChange }},
		{name: "care_episode.permanence", label: "The care plan's permanence goal", typ: fSelect, codes: care.PermanenceGoals, optional: true,
			text: func(r *journey.Record) *string { return &r.CareEpisode.Permanence }},
		{name: "care_episode.long_term_stable", label: "Is the placement agreed as stable and long-term?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.CareEpisode.LongTermStable }},
		end("Date the episode ended"),
		{name: "care_episode.reason_ceased", label: "Why the episode ended", hint: "With the date it ended", typ: fSelect, codes: care.ReasonsCeased, optional: true,
			text: func(r *journey.Record) *string { return &r.CareEpisode.ReasonCeased }},
	},
	journey.KindCareReview: {
		start("Date of the review"),
		{name: "care_review.participation", label: "How the child took part", typ: fSelect, codes: care.Participation,
			text: func(r *journey.Record) *string { return &r.CareReview.Participation }},
	},
	journey.KindHealthAssessment: {
		start("Date of the health assessment"),
		{name: "health_assessment.initial", label: "Is it the initial health assessment?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.HealthAssessment.Initial }},
	},
	journey.KindDentalCheck: {
		start("Date of the dental check"),
	},
	journey.KindImmunisations: {
		start("Date the immunisations were checked"),
		{name: "immunisations.up_to_date", label: "Were the child's immunisations up to date?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.Immunisations.UpToDate }},
	},
	journey.KindSDQ: {
		start("Date of the questionnaire"),
		{name: "sdq.score", label: "Score", hint: "From 0 to 40", typ: fNumber, optional: true,
			num: func(r *journey.Record) number { return nilNone(&r.SDQ.Score) }},
		{name: "sdq.reason", label: "Why there is no score", hint: "Only when there is no score", typ: fSelect, codes: care.SDQReasons, optional: true,
			text: func(r *journey.Record) *string { return &r.SDQ.Reason }},
	},
	journey.KindPEP: {
		start("Date of the plan or its review"),
	},
	journey.KindUASC: {
		start("Date the child was first an unaccompanied asylum-seeking child"),
		end("Date the status ended"),
	},
	journey.KindAdoption: {
		start("Date of the decision that the child should be placed for adoption"),
		{name: "adoption.placement_order", label: "Date of the placement order", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.Adoption.PlacementOrder }},
		{name: "adoption.matched", label: "Date the child was matched with adopters", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.Adoption.Matched }},
		{name: "adoption.placed", label: "Date the child was placed with the adopters", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.Adoption.Placed }},
		{name: "adoption.foster_carers", label: "Are the adopters the child's foster carers?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Adoption.FosterCarers }},
		{name: "adoption.adopters", label: "Number of adopters", hint: "1 or 2", typ: fNumber, optional: true,
			num: func(r *journey.Record) number { return zeroNone(&r.Adoption.Adopters) }},
		{name: "adoption.adopters_sex", label: "The adopters", typ: fSelect, codes: care.AdopterSexes, optional: true,
			text: func(r *journey.Record) *string { return &r.Adoption.AdoptersSex }},
		{name: "adoption.adopters_status", label: "The adopters' legal status", typ: fSelect, codes: care.AdopterStatuses, optional: true,
			text: func(r *journey.Record) *string { return &r.Adoption.AdoptersStatus }},
		{name: "adoption.order", label: "Date of the adoption order", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.Adoption.Order }},
		end("Date the plan ended"),
		{name: "adoption.reason_ceased", label: "Why the child is no longer placed for adoption", hint: "When the plan stops without an adoption order", typ: fSelect, codes: care.AdoptionCeasedReasons, optional: true,
			text: func(r *journey.Record) *string { return &r.Adoption.ReasonCeased }},
	},
	journey.KindSGO: {
		start("Date of the order"),
		{name: "sgo.former_foster_carers", label: "Are the special guardians the child's former foster carers?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.SGO.FormerFosterCarers }},
		{name: "sgo.relative_or_friend", label: "Are the special guardians relatives or friends?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.SGO.RelativeOrFriend }},
	},
	journey.KindLeavingCare: {
		start("Date the service started"),
		{name: "leaving_care.adviser", label: "Personal adviser", hint: "Their name", typ: fText, optional: true,
			text: func(r *journey.Record) *string { return &r.LeavingCare.Adviser }},
		end("Date the service ended"),
	},
	journey.KindPathwayPlan: {
		start("Date the plan was written or reviewed"),
		{name: "pathway_plan.with_young_person", label: "Was it written with the young person?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.PathwayPlan.WithYoungPerson }},
	},
	journey.KindLeaverContact: {
		start("Date of the contact"),
		{name: "leaver_contact.in_touch", label: "Is the council in touch with them?", typ: fSelect, codes: care.InTouch,
			text: func(r *journey.Record) *string { return &r.LeaverContact.InTouch }},
		{name: "leaver_contact.activity", label: "What they are doing", typ: fSelect, codes: care.Activities, optional: true,
			text: func(r *journey.Record) *string { return &r.LeaverContact.Activity }},
		{name: "leaver_contact.accommodation", label: "Where they live, and whether it is suitable", typ: fSelect, codes: care.Accommodations, optional: true,
			text: func(r *journey.Record) *string { return &r.LeaverContact.Accommodation }},
		{name: "leaver_contact.staying_put", label: "Are they staying on with their former foster carers (staying put)?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.LeaverContact.StayingPut }},
	},
	journey.KindMissing: {
		{name: "missing.away", label: "Were their whereabouts known (away, not missing)?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Missing.Away }},
		{name: "missing.started_at", label: "When they went missing", typ: fMoment,
			moment: func(r *journey.Record) *time.Time { return &r.Missing.StartedAt }},
		{name: "missing.reported_to_police", label: "Were they reported to the police?", typ: fYesNo,
			flag: func(r *journey.Record) *bool { return &r.Missing.ReportedToPolice }},
		{name: "missing.returned_at", label: "When they came back", typ: fMoment, optional: true,
			moment: func(r *journey.Record) *time.Time { return &r.Missing.ReturnedAt }},
		{name: "missing.interview_offered", label: "Was a return interview offered?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Missing.InterviewOffered }},
		{name: "missing.interview_accepted", label: "Was the return interview accepted?", typ: fYesNo, optional: true,
			flag: func(r *journey.Record) *bool { return &r.Missing.InterviewAccepted }},
		{name: "missing.interview_date", label: "Date of the return interview", typ: fDate, optional: true,
			date: func(r *journey.Record) *civil.Date { return &r.Missing.InterviewDate }},
	},
	journey.KindScreening: {
		start("Date of the screening"),
		{name: "exploitation_screening.sexual", label: "Risk of child sexual exploitation", typ: fSelect, codes: care.RiskLevels,
			text: func(r *journey.Record) *string { return &r.Screening.Sexual }},
		{name: "exploitation_screening.criminal", label: "Risk of criminal exploitation or gangs", typ: fSelect, codes: care.RiskLevels,
			text: func(r *journey.Record) *string { return &r.Screening.Criminal }},
		{name: "exploitation_screening.county_lines", label: "Risk of county lines", typ: fSelect, codes: care.RiskLevels,
			text: func(r *journey.Record) *string { return &r.Screening.CountyLines }},
		{name: "exploitation_screening.trafficking", label: "Risk of modern slavery or trafficking", typ: fSelect, codes: care.RiskLevels,
			text: func(r *journey.Record) *string { return &r.Screening.Trafficking }},
		{name: "exploitation_screening.summary", label: "What was found", typ: fTextarea, optional: true,
			text: func(r *journey.Record) *string { return &r.Screening.Summary }},
	},
	journey.KindMACE: {
		start("Date of the meeting"),
		{name: "mace.summary", label: "What was agreed", typ: fTextarea,
			text: func(r *journey.Record) *string { return &r.MACE.Summary }},
	},
}

// journeyDateFields are the last parts of the names of the journey's date
// fields, which the module draws as three boxes (see module.dateFields).
var journeyDateFields = []string{"start", "end", "received_at", "assessment_date", "held",
	"placement_order", "matched", "placed", "order", "started_at", "returned_at", "interview_date", "date"}

// recordable lists the kinds the journey's form records, in the order the
// journey page offers them. An allocation has its own page (allocation).
func recordable() []journey.Kind {
	var out []journey.Kind
	for _, k := range journey.Kinds {
		if kind := journey.Kind(k.Code); kind != journey.KindAllocation {
			out = append(out, kind)
		}
	}
	return out
}

// withDetail returns r with the detail of its kind set (empty if it was not).
func withDetail(r journey.Record) journey.Record {
	switch r.Kind {
	case journey.KindContact:
		r.Contact = orNew(r.Contact)
	case journey.KindEarlyHelp:
		r.EarlyHelp = orNew(r.EarlyHelp)
	case journey.KindReferral:
		r.Referral = orNew(r.Referral)
	case journey.KindAssessment:
		r.Assessment = orNew(r.Assessment)
	case journey.KindStrategy:
		r.Strategy = orNew(r.Strategy)
	case journey.KindS47:
		r.S47 = orNew(r.S47)
	case journey.KindICPC:
		r.ICPC = orNew(r.ICPC)
	case journey.KindCINPlan, journey.KindCPPlan:
		r.Plan = orNew(r.Plan)
	case journey.KindCPReview:
		r.Review = orNew(r.Review)
	case journey.KindVisit:
		r.Visit = orNew(r.Visit)
	case journey.KindNote:
		r.Note = orNew(r.Note)
	case journey.KindAllocation:
		r.Allocation = orNew(r.Allocation)
	case journey.KindFamilyMeeting:
		r.FamilyMeeting = orNew(r.FamilyMeeting)
	case journey.KindCareEpisode:
		r.CareEpisode = orNew(r.CareEpisode)
	case journey.KindCareReview:
		r.CareReview = orNew(r.CareReview)
	case journey.KindHealthAssessment:
		r.HealthAssessment = orNew(r.HealthAssessment)
	case journey.KindDentalCheck:
		r.DentalCheck = orNew(r.DentalCheck)
	case journey.KindImmunisations:
		r.Immunisations = orNew(r.Immunisations)
	case journey.KindSDQ:
		r.SDQ = orNew(r.SDQ)
		if s := r.SDQ.Score; s != nil {
			n := *s // the score is a pointer: a copy, not the record's
			r.SDQ.Score = &n
		}
	case journey.KindPEP:
		r.PEP = orNew(r.PEP)
	case journey.KindUASC:
		r.UASC = orNew(r.UASC)
	case journey.KindAdoption:
		r.Adoption = orNew(r.Adoption)
	case journey.KindSGO:
		r.SGO = orNew(r.SGO)
	case journey.KindLeavingCare:
		r.LeavingCare = orNew(r.LeavingCare)
	case journey.KindPathwayPlan:
		r.PathwayPlan = orNew(r.PathwayPlan)
	case journey.KindLeaverContact:
		r.LeaverContact = orNew(r.LeaverContact)
	case journey.KindMissing:
		r.Missing = orNew(r.Missing)
	case journey.KindScreening:
		r.Screening = orNew(r.Screening)
	case journey.KindMACE:
		r.MACE = orNew(r.MACE)
	}
	return r
}

// orNew is a copy of *p, or a new T, so that filling in a form never writes
// into the record it started from.
func orNew[T any](p *T) *T {
	n := new(T)
	if p != nil {
		*n = *p
	}
	return n
}

// valuesOf is a record as its form's inputs hold it.
func valuesOf(r journey.Record) url.Values {
	r = withDetail(r)
	v := url.Values{"kind": {string(r.Kind)}}
	if r.Version > 0 {
		v.Set("version", strconv.Itoa(r.Version))
	}
	setDate := func(name string, d civil.Date) {
		if !d.IsZero() {
			v.Set(name+"-day", strconv.Itoa(d.Day))
			v.Set(name+"-month", strconv.Itoa(int(d.Month)))
			v.Set(name+"-year", strconv.Itoa(d.Year))
		}
	}
	for _, f := range journeyFields[r.Kind] {
		switch f.typ {
		case fDate:
			setDate(f.name, *f.date(&r))
		case fMoment:
			if t := *f.moment(&r); !t.IsZero() {
				t = t.In(civil.London)
				setDate(f.name, civil.Of(t))
				v.Set(f.name+"-time", t.Format("15:04"))
			}
		case fSelect, fText, fTextarea:
			if s := *f.text(&r); s != "" {
				v.Set(f.name, s)
			}
		case fChecks:
			for _, c := range *f.list(&r) {
				v.Add(f.name, c)
			}
		case fYesNo:
			v.Set(f.name, strings.ToLower(yesNo(*f.flag(&r))))
		case fEpisode, fFollows:
			if id := *f.id(&r); id != 0 {
				v.Set(f.name, strconv.FormatInt(int64(id), 10))
			}
		case fNumber:
			if n, ok := f.num(&r).get(); ok {
				v.Set(f.name, strconv.FormatInt(n, 10))
			}
		}
	}
	return v
}

var clock = regexp.MustCompile(`^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$`)

// recordOf fills in base (a new record of its kind, or the version being
// changed) from a posted form. What the record cannot hold (a date that is
// not a real date, a time that is not one) is reported here; every other
// rule is the app's.
func recordOf(base journey.Record, v url.Values) (journey.Record, errs.Fields) {
	var bad errs.Fields
	r := withDetail(base)
	g := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	for _, f := range journeyFields[r.Kind] {
		switch f.typ {
		case fDate:
			*f.date(&r) = dateValue(v, f.name).parse(f.name, sentence(f.label), &bad)
		case fMoment:
			dv, tv := dateValue(v, f.name), g(f.name+"-time")
			d := dv.parse(f.name, sentence(f.label), &bad)
			m := clock.FindStringSubmatch(tv)
			switch {
			case dv.Empty() && tv == "":
				*f.moment(&r) = time.Time{}
			case d.IsZero():
			case m == nil:
				bad.Add(f.name, "%s must include a time in hours and minutes, such as 14:30", sentence(f.label))
			default:
				h, _ := strconv.Atoi(m[1])
				mi, _ := strconv.Atoi(m[2])
				*f.moment(&r) = time.Date(d.Year, d.Month, d.Day, h, mi, 0, 0, civil.London)
			}
		case fSelect, fText, fTextarea:
			*f.text(&r) = g(f.name)
		case fChecks:
			*f.list(&r) = slices.DeleteFunc(slices.Clone(v[f.name]), func(s string) bool { return strings.TrimSpace(s) == "" })
		case fYesNo:
			*f.flag(&r) = g(f.name) == "yes"
		case fEpisode, fFollows:
			var id int64
			if s := g(f.name); s != "" {
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil || n <= 0 {
					bad.Add(f.name, "Choose a record from the list")
				}
				id = n
			}
			*f.id(&r) = journey.ID(id)
		case fNumber:
			s := g(f.name)
			n, err := strconv.ParseInt(s, 10, 32)
			if s != "" && err != nil {
				bad.Add(f.name, "%s must be a whole number", sentence(f.label))
			}
			f.num(&r).set(n, s != "" && err == nil)
		}
	}
	if r.Kind == journey.KindContact && !r.Contact.ReceivedAt.IsZero() {
		// A contact's date is the day it was received.
		r.Start = civil.OfLondon(r.Contact.ReceivedAt)
	}
	if m := r.Missing; m != nil {
		// A missing episode's dates are the days it began and ended.
		r.Start, r.End = civil.Date{}, civil.Date{}
		if !m.StartedAt.IsZero() {
			r.Start = civil.OfLondon(m.StartedAt)
		}
		if !m.ReturnedAt.IsZero() {
			r.End = civil.OfLondon(m.ReturnedAt)
		}
	}
	r.Version, _ = strconv.Atoi(g("version"))
	return r, bad
}

// sentence is a label as the start of a message: its words as they are,
// without a closing question mark.
func sentence(label string) string { return strings.TrimSuffix(label, "?") }

// inputOf is the input of this kind's form that the app's error field names:
// a list's entry ("assessment.factors[2]") is the list's checkboxes, a
// contact's start is the day it was received, and a missing episode's start
// and end are when the child went missing and came back.
func inputOf(k journey.Kind, appField string) string {
	if i := strings.IndexByte(appField, '['); i > 0 {
		appField = appField[:i]
	}
	switch {
	case k == journey.KindContact && (appField == "start" || appField == "end"):
		return "contact.received_at"
	case k == journey.KindMissing && appField == "start":
		return "missing.started_at"
	case k == journey.KindMissing && appField == "end":
		return "missing.returned_at"
	}
	return appField
}

// formErrors turns the app's errors into the form's, each named by the
// input it links to, the form's own (bad) first and one per input.
func formErrors(k journey.Kind, bad errs.Fields, err error) errs.Fields {
	return inputErrors(bad, err, func(field string) string { return inputOf(k, field) })
}

// inputErrors joins a form's own errors (bad) and a use case's (err) into
// one list for the error summary, each renamed by input to the input it
// links to, keeping the first error of each input.
func inputErrors(bad errs.Fields, err error, input func(field string) string) errs.Fields {
	out := errs.Fields{}
	all := bad
	if e := errs.As(err); e != nil {
		all = append(append(errs.Fields{}, bad...), e.Fields...)
	}
	for _, f := range all {
		f.Field = input(f.Field)
		if !out.Has(f.Field) {
			out = append(out, f)
		}
	}
	return out
}

// fieldView is one field as the form template draws it.
type fieldView struct {
	Name, Label, Hint, Value  string
	Values                    []string
	Date                      DateValue
	Time                      string
	Options                   people.CodeList
	Optional                  bool
	Error                     *errs.Field
	Input                     Input     // for the shared text-input
	DateIn                    dateInput // for the shared date-input
	IsDate, IsMoment, IsText  bool
	IsSelect, IsChecks, IsYes bool
	IsTextarea                bool
}

// Checked reports whether a checkbox's code is among the values.
func (f fieldView) Checked(code string) bool { return slices.Contains(f.Values, code) }

// fieldViews are a kind's fields as typed (v), with their errors and, for
// the fields that choose one of the child's records, the records to choose
// from.
func fieldViews(k journey.Kind, v url.Values, errors errs.Fields, records []journey.Record, self journey.ID) []fieldView {
	var out []fieldView
	for _, f := range journeyFields[k] {
		fv := fieldView{Name: f.name, Label: f.label, Hint: f.hint, Optional: f.optional, Value: strings.TrimSpace(v.Get(f.name)),
			Values: v[f.name], Options: f.codes}
		if f.optional && f.typ != fYesNo && f.typ != fChecks {
			fv.Label += " (optional)"
		}
		if i := slices.IndexFunc(errors, func(e errs.Field) bool { return e.Field == f.name }); i >= 0 {
			fv.Error = &errors[i]
		}
		switch f.typ {
		case fDate:
			fv.IsDate = true
			fv.DateIn = dateInput{Name: f.name, Label: fv.Label, Hint: f.hint, Value: dateValue(v, f.name), Error: fv.Error}
		case fMoment:
			fv.IsMoment, fv.Date, fv.Time = true, dateValue(v, f.name), strings.TrimSpace(v.Get(f.name+"-time"))
		case fSelect:
			fv.IsSelect = true
		case fEpisode:
			fv.IsSelect, fv.Options = true, recordChoices(records, self, journey.KindReferral, journey.KindEarlyHelp)
		case fFollows:
			fv.IsSelect, fv.Options = true, recordChoices(records, self, f.follows...)
		case fChecks:
			fv.IsChecks = true
		case fYesNo:
			fv.IsYes = true
		case fText, fNumber:
			fv.IsText = true
			fv.Input = Input{Name: f.name, Label: fv.Label, Hint: f.hint, Value: fv.Value, Error: fv.Error}
			if f.typ == fNumber {
				fv.Input.Width = "5"
			}
		case fTextarea:
			fv.IsTextarea = true
		}
		out = append(out, fv)
	}
	return out
}

// recordChoices are the child's records of the kinds, newest first, as a
// list to choose one from: "Referral, 3 March 2025".
func recordChoices(records []journey.Record, self journey.ID, kinds ...journey.Kind) people.CodeList {
	var out people.CodeList
	for i := len(records) - 1; i >= 0; i-- {
		r := records[i]
		if r.ID == self || !slices.Contains(kinds, r.Kind) {
			continue
		}
		out = append(out, people.Code{Code: strconv.FormatInt(int64(r.ID), 10), Label: recordName(r)})
	}
	return out
}

// recordName names a record in a list or a link: its kind and dates.
func recordName(r journey.Record) string {
	s := journey.Kinds.Label(string(r.Kind)) + ", " + r.Start.Format()
	if !r.End.IsZero() && r.End != r.Start {
		s += " to " + r.End.Format()
	}
	return s
}

// journeyRows describe a record for its page, the check page and its
// history: its fields in the order of its form, as they read.
func journeyRows(r journey.Record, records []journey.Record) []row {
	r = withDetail(r)
	byID := map[journey.ID]journey.Record{}
	for _, o := range records {
		byID[o.ID] = o
	}
	var rows []row
	for _, f := range journeyFields[r.Kind] {
		var val string
		switch f.typ {
		case fDate:
			val = dateOrNone(*f.date(&r))
		case fMoment:
			if t := *f.moment(&r); !t.IsZero() {
				val = formatTime(t, civil.London)
			}
		case fSelect:
			if c := *f.text(&r); c != "" {
				val = codeLabel(f.codes, c)
			}
		case fText, fTextarea:
			val = *f.text(&r)
		case fChecks:
			var labels []string
			for _, c := range *f.list(&r) {
				labels = append(labels, codeLabel(f.codes, c))
			}
			val = strings.Join(labels, "; ")
		case fYesNo:
			val = yesNo(*f.flag(&r))
		case fEpisode, fFollows:
			if id := *f.id(&r); id != 0 {
				if o, ok := byID[id]; ok {
					val = recordName(o)
				} else {
					val = fmt.Sprintf("Record %d", id)
				}
			}
		case fNumber:
			if n, ok := f.num(&r).get(); ok {
				val = strconv.FormatInt(n, 10)
			}
		}
		if val == "" && f.private {
			val = "Not shown"
		}
		rows = append(rows, row{Key: strings.TrimSuffix(f.label, "?"), Value: orNone(val)})
	}
	if c := r.Contact; c != nil && c.Decision != "" {
		rows = append(rows, row{"Decision", codeLabel(journey.ContactDecisions, c.Decision)}, row{"Decided", formatTime(c.DecidedAt, civil.London)})
	}
	return rows
}

// rowChanges lists the rows that differ between two versions.
func rowChanges(before, after []row) []change {
	var out []change
	for i := 0; i < len(after) || i < len(before); i++ {
		var b, a row
		if i < len(before) {
			b = before[i]
		}
		if i < len(after) {
			a = after[i]
		}
		if b.Value != a.Value {
			key := a.Key
			if key == "" {
				key = b.Key
			}
			out = append(out, change{Key: key, Before: orNone(b.Value), After: orNone(a.Value)})
		}
	}
	return out
}
