package journey

import (
	"cmp"
	"slices"
	"strconv"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/people"
)

// Event is one dated fact of a child's chronology: a record's start or end.
type Event struct {
	Date   civil.Date `json:"date"`
	Record ID         `json:"record_id"`
	Kind   Kind       `json:"kind"`
	What   string     `json:"what"`
	Ended  bool       `json:"ended,omitempty"` // the record's end, not its start
}

// Chronology lists every dated fact of the child's records, oldest first:
// each record's start and, for one that has ended, its end. kinds, when not
// empty, keeps only records of those kinds.
func Chronology(records []Record, kinds ...Kind) []Event {
	out := make([]Event, 0, len(records)*3/2)
	for _, r := range records {
		if len(kinds) > 0 && !slices.Contains(kinds, r.Kind) {
			continue
		}
		start, end := eventNames(r)
		out = append(out, Event{Date: r.Start, Record: r.ID, Kind: r.Kind, What: start})
		if !r.End.IsZero() && end != "" {
			out = append(out, Event{Date: r.End, Record: r.ID, Kind: r.Kind, What: end, Ended: true})
		}
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Record, b.Record), boolOrder(a.Ended, b.Ended))
	})
	return out
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// eventNames says what a record's start and end were, in words.
func eventNames(r Record) (start, end string) {
	switch r.Kind {
	case KindContact:
		return "Contact received", "Contact decided: " + ContactDecisions.Label(r.Contact.Decision)
	case KindEarlyHelp:
		return "Early help started", "Early help closed: " + EarlyHelpClosures.Label(r.EarlyHelp.Closure)
	case KindReferral:
		return "Referral received", "Case closed: " + ClosureReasons.Label(r.Referral.ClosureReason)
	case KindAssessment:
		return "Assessment started", "Assessment authorised"
	case KindStrategy:
		return "Strategy discussion: " + StrategyOutcomes.Label(r.Strategy.Outcome), ""
	case KindS47:
		return "Section 47 enquiry started", "Section 47 enquiry completed: " + S47Outcomes.Label(r.S47.Outcome)
	case KindICPC:
		if r.ICPC.Plan {
			return "Initial conference: child protection plan", ""
		}
		return "Initial conference: no plan", ""
	case KindCINPlan:
		return "Child in need plan started", "Child in need plan ended"
	case KindCPPlan:
		return "Child protection plan started (" + AbuseCategories.Label(r.Plan.InitialCategory) + ")", "Child protection plan ended"
	case KindCPReview:
		if r.Review.Continue {
			return "Review conference: plan continues", ""
		}
		return "Review conference: plan to end", ""
	case KindVisit:
		switch {
		case r.Visit.SeenAlone:
			return "Visit: child seen alone", ""
		case r.Visit.Seen:
			return "Visit: child seen", ""
		}
		return "Visit: child not seen", ""
	case KindNote:
		return r.Note.Title, ""
	case KindAllocation:
		return "Allocated", "Allocation ended"
	case KindFamilyMeeting:
		return "Family network meeting offered", ""
	}
	return careEventNames(r)
}

// careEventNames says what the start and end of a care record were.
func careEventNames(r Record) (start, end string) {
	switch r.Kind {
	case KindCareEpisode:
		e := r.CareEpisode
		start = care.ReasonsNew.Label(e.ReasonNew) + ": " + care.PlacementTypes.Label(e.Placement) + " (" + care.LegalStatuses.Label(e.LegalStatus) + ")"
		if e.ReasonNew == care.ReasonStart {
			start = "Came into care: " + care.PlacementTypes.Label(e.Placement) + " (" + care.LegalStatuses.Label(e.LegalStatus) + ")"
		}
		if care.EndsPeriod(e.ReasonCeased) {
			return start, "Left care: " + care.ReasonsCeased.Label(e.ReasonCeased)
		}
		return start, "" // the next episode's start says what changed
	case KindCareReview:
		return "Review of the care plan", ""
	case KindHealthAssessment:
		if r.HealthAssessment.Initial {
			return "Initial health assessment", ""
		}
		return "Review health assessment", ""
	case KindDentalCheck:
		return "Dental check", ""
	case KindImmunisations:
		if r.Immunisations.UpToDate {
			return "Immunisations checked: up to date", ""
		}
		return "Immunisations checked: not up to date", ""
	case KindSDQ:
		if s := r.SDQ.Score; s != nil {
			return "Strengths and difficulties questionnaire: score " + strconv.Itoa(*s), ""
		}
		return "Strengths and difficulties questionnaire: no score (" + care.SDQReasons.Label(r.SDQ.Reason) + ")", ""
	case KindPEP:
		return "Personal education plan", ""
	case KindUASC:
		return "Recorded as an unaccompanied asylum-seeking child", "No longer an unaccompanied asylum-seeking child"
	case KindAdoption:
		if !r.Adoption.Order.IsZero() {
			return "Decision: to be placed for adoption", "Adopted"
		}
		return "Decision: to be placed for adoption", "No longer to be placed for adoption: " + care.AdoptionCeasedReasons.Label(r.Adoption.ReasonCeased)
	case KindSGO:
		return "Special guardianship order", ""
	case KindLeavingCare:
		return "Leaving care service started", "Leaving care service ended"
	case KindPathwayPlan:
		return "Pathway plan", ""
	case KindLeaverContact:
		return "Care leaver contact: " + care.InTouch.Label(r.LeaverContact.InTouch), ""
	case KindMissing:
		if r.Missing.Away {
			return "Away from placement without authorisation", "Returned"
		}
		return "Went missing", "Returned"
	case KindScreening:
		return "Exploitation screening", ""
	case KindMACE:
		return "Multi-agency child exploitation meeting", ""
	}
	return Kinds.Label(string(r.Kind)), "Ended"
}

// Statuses are the child's current involvement, from most to least
// intensive; Status gives the first that holds.
var Statuses = people.CodeList{
	{Code: "looked_after", Label: "Looked after"},
	{Code: "cp", Label: "Child protection"},
	{Code: "cin", Label: "Child in need"},
	{Code: "care_leaver", Label: "Care leaver"},
	{Code: "assessment", Label: "In assessment"},
	{Code: "early_help", Label: "Early help"},
	{Code: "contact", Label: "Open contact"},
	{Code: "closed", Label: "Closed"},
	{Code: "none", Label: "Not known to children's services"},
}

// Status is the child's involvement on day d: looked after (an open
// episode of care: the council is the child's corporate parent, which
// outranks any plan, except for a child looked after only for short
// breaks), on a child protection plan, a child in need plan, a
// care leaver with the leaving care service open, in an open referral
// without a plan (in assessment), in early help, with an open contact,
// closed (known before, nothing open now) or none.
func Status(records []Record, d civil.Date) string {
	open := map[Kind]bool{}
	known := false // by d: records that start later do not make the child known then
	for _, r := range records {
		if r.Start.After(d) {
			continue
		}
		known = true
		if spans(r.Kind) && (r.End.IsZero() || r.End.After(d)) {
			open[r.Kind] = true
		}
	}
	period, inCare := care.PeriodOn(CarePeriods(records), d)
	switch {
	case inCare && !(period.ShortBreaks && (open[KindCPPlan] || open[KindCINPlan])):
		// In care: an open episode, or one ended with X1 whose successor
		// is still to be recorded (CarePeriods). A child looked after only
		// for short breaks (V3, V4) is, between breaks, a child in need
		// living at home: a plan says more about them than the breaks do.
		return "looked_after"
	case open[KindCPPlan]:
		return "cp"
	case open[KindCINPlan]:
		return "cin"
	case open[KindLeavingCare]:
		return "care_leaver"
	case open[KindReferral]:
		return "assessment"
	case open[KindEarlyHelp]:
		return "early_help"
	case open[KindContact]:
		return "contact"
	case known:
		return "closed"
	}
	return "none"
}

// Period is a span of a team's work with a child.
type Period struct {
	TeamID access.TeamID `json:"team_id"`
	Start  civil.Date    `json:"start"`
	End    civil.Date    `json:"end,omitzero"` // zero while open
	Kinds  []Kind        `json:"kinds"`        // what the team did in it
}

// Matrix is the involvement matrix: every team that has worked with the
// child, with each span of its work (overlapping and touching records of
// the team joined into one), oldest first, open ones last within a team.
func Matrix(records []Record) []Period {
	spansOf := map[access.TeamID][]Record{}
	for _, r := range records {
		if r.TeamID != 0 && spans(r.Kind) {
			spansOf[r.TeamID] = append(spansOf[r.TeamID], r)
		}
	}
	var out []Period
	for team, rs := range spansOf {
		slices.SortFunc(rs, func(a, b Record) int { return a.Start.Compare(b.Start) })
		cur := Period{TeamID: team, Start: rs[0].Start, End: rs[0].End, Kinds: []Kind{rs[0].Kind}}
		for _, r := range rs[1:] {
			if !cur.End.IsZero() && r.Start.After(cur.End) {
				out = append(out, cur)
				cur = Period{TeamID: team, Start: r.Start, End: r.End}
			} else if !cur.End.IsZero() && (r.End.IsZero() || r.End.After(cur.End)) {
				cur.End = r.End
			}
			if !slices.Contains(cur.Kinds, r.Kind) {
				cur.Kinds = append(cur.Kinds, r.Kind)
			}
		}
		out = append(out, cur)
	}
	slices.SortFunc(out, func(a, b Period) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.TeamID, b.TeamID))
	})
	return out
}

// Involvement is the access involvement a record gives its team and
// worker, and whether it gives one: an open contact, early help episode,
// referral (child in need episode), episode of care, leaving care service
// or allocation is what lets a team or a worker see the child, and ends
// when the record ends. episode is the allocation's episode, when it has
// one, which says what kind of work it is.
func Involvement(r Record, episode Record) (access.Involvement, bool) {
	inv := access.Involvement{PersonID: r.PersonID, TeamID: r.TeamID, WorkerID: r.WorkerID, StartDate: r.Start, EndDate: r.End}
	switch r.Kind {
	case KindContact:
		inv.Kind = access.KindContact
	case KindEarlyHelp:
		inv.Kind = access.KindEarlyHelp
	case KindReferral:
		inv.Kind = access.KindChildInNeed
	case KindCareEpisode:
		inv.Kind = access.KindLookedAfter
	case KindLeavingCare:
		inv.Kind = access.KindCareLeaver
	case KindAllocation:
		switch episode.Kind {
		case KindEarlyHelp:
			inv.Kind = access.KindEarlyHelp
		case KindCareEpisode:
			inv.Kind = access.KindLookedAfter
		case KindLeavingCare:
			inv.Kind = access.KindCareLeaver
		default:
			inv.Kind = access.KindChildInNeed
		}
	default:
		return access.Involvement{}, false
	}
	if inv.TeamID == 0 {
		return access.Involvement{}, false
	}
	return inv, true
}
