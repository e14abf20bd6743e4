package journey

import (
	"strings"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// The details of children in care, care leavers, adoption, missing
// children and exploitation, each checked on its own (Validate) against
// the SSDA903 return's code lists and rules (package care).

// careNeeds are the categories of need an episode of care records (the
// 903's CIN field): N1 to N8. N9 (not a child in need) and N0 (not stated)
// do not describe a child the council looks after.
var careNeeds = PrimaryNeeds[:8]

// Longest postcode and Ofsted URN a placement may give, in characters.
const (
	maxPostcode = 10
	maxURN      = 10
)

// normaliseCare trims the care details' text, and writes a placement's
// postcode the usual way, so that what is checked is what is kept.
func (r *Record) normaliseCare() {
	trim := func(ss ...*string) {
		for _, s := range ss {
			*s = strings.TrimSpace(*s)
		}
	}
	if e := r.CareEpisode; e != nil {
		trim(&e.LegalStatus, &e.Need, &e.Placement, &e.Provider, &e.URN, &e.ReasonNew, &e.ReasonCeased, &e.ReasonPlaceChange, &e.Permanence)
		e.Postcode = people.NormalisePostcode(e.Postcode)
	}
	if v := r.CareReview; v != nil {
		trim(&v.Participation)
	}
	if s := r.SDQ; s != nil {
		trim(&s.Reason)
	}
	if a := r.Adoption; a != nil {
		trim(&a.AdoptersSex, &a.AdoptersStatus, &a.ReasonCeased)
	}
	if l := r.LeavingCare; l != nil {
		trim(&l.Adviser)
	}
	if c := r.LeaverContact; c != nil {
		trim(&c.InTouch, &c.Activity, &c.Accommodation)
	}
	if s := r.Screening; s != nil {
		trim(&s.Sexual, &s.Criminal, &s.CountyLines, &s.Trafficking, &s.Summary)
	}
	if m := r.MACE; m != nil {
		trim(&m.Summary)
	}
}

// validateCare checks the detail of one of the care kinds.
func (r Record) validateCare(f *errs.Fields) {
	switch r.Kind {
	case KindCareEpisode:
		validateEpisode(f, r)
	case KindCareReview:
		checkCode(f, "care_review.participation", r.CareReview.Participation, care.Participation, "how the child took part in the review")
	case KindSDQ:
		validateSDQ(f, r.SDQ)
	case KindAdoption:
		validateAdoption(f, r)
	case KindLeavingCare:
		checkText(f, "leaving_care.adviser", r.LeavingCare.Adviser, maxName, "The personal adviser")
	case KindLeaverContact:
		validateLeaverContact(f, r.LeaverContact)
	case KindMissing:
		validateMissing(f, r)
	case KindScreening:
		s := r.Screening
		checkCode(f, "exploitation_screening.sexual", s.Sexual, care.RiskLevels, "the risk of child sexual exploitation")
		checkCode(f, "exploitation_screening.criminal", s.Criminal, care.RiskLevels, "the risk of criminal exploitation or gangs")
		checkCode(f, "exploitation_screening.county_lines", s.CountyLines, care.RiskLevels, "the risk of county lines")
		checkCode(f, "exploitation_screening.trafficking", s.Trafficking, care.RiskLevels, "the risk of modern slavery or trafficking")
		checkText(f, "exploitation_screening.summary", s.Summary, maxSummary, "The summary")
	case KindMACE:
		if r.MACE.Summary == "" {
			f.Add("mace.summary", "Enter what the meeting agreed")
		} else {
			checkText(f, "mace.summary", r.MACE.Summary, maxSummary, "The summary")
		}
	}
}

func validateEpisode(f *errs.Fields, r Record) {
	e := r.CareEpisode
	checkCode(f, "care_episode.legal_status", e.LegalStatus, care.LegalStatuses, "the child's legal status")
	checkCode(f, "care_episode.need", e.Need, careNeeds, "the category of need")
	checkCode(f, "care_episode.placement", e.Placement, care.PlacementTypes, "the placement type")
	if why := care.PlacementYearRule(e.Placement, r.Start, r.End); why != "" {
		f.Add("care_episode.placement", "%s", why)
	}
	switch {
	case e.Provider == "" && care.ProviderRequired(e.Placement):
		f.Add("care_episode.provider", "Choose who provides the placement: only a temporary placement or an other placement (Z1, or Z11 to Z14) may leave it blank")
	case e.Provider != "" && !care.Providers.Has(e.Provider):
		f.Add("care_episode.provider", "Choose who provides the placement from the list")
	case e.Provider != "" && care.ProviderForbidden(e.Placement):
		// Rule 213: a temporary placement is provided by whoever gives the
		// usual one, and the return records no provider for it.
		f.Add("care_episode.provider", "A placement of type %s records no provider: leave it blank (rule 213)", e.Placement)
	case care.PlacementTypes.Has(e.Placement):
		if why := care.ProviderMismatch(e.Provider, e.Placement); why != "" {
			f.Add("care_episode.provider", "%s", why)
		}
	}
	checkCode(f, "care_episode.reason_new", e.ReasonNew, care.ReasonsNew, "the reason for the new episode")
	if care.ReasonsNew.Has(e.ReasonNew) && care.PlacementTypes.Has(e.Placement) {
		if why := care.StartRule(e.ReasonNew, e.Placement); why != "" {
			field := "care_episode.reason_new"
			if care.Temporary(e.Placement) {
				field = "care_episode.placement"
			}
			f.Add(field, "%s", why)
		}
	}
	closing(f, r, e.ReasonCeased, "care_episode.reason_ceased", care.ReasonsCeased, "why the episode ended")
	for _, why := range []string{care.TemporaryEndsPeriod(e.Placement, e.ReasonCeased), care.AdoptedFromPlacement(e.Placement, e.ReasonCeased)} {
		if why != "" {
			f.Add("care_episode.reason_ceased", "%s", why)
		}
	}
	if why := care.TemporaryTooLong(e.Placement, r.Start, r.End); why != "" {
		f.Add("end", "%s", why)
	}
	if why := care.PlacementOrderRule(e.LegalStatus, e.Placement); why != "" {
		f.Add("care_episode.legal_status", "%s", why)
	}
	switch {
	case e.ReasonPlaceChange == "":
	case !care.PlacementChanged(e.ReasonNew):
		f.Add("care_episode.reason_place_change", "A reason for the placement change is given only when the placement changed (reason P, T, B or U)")
	case !care.PlaceChangeReasons.Has(e.ReasonPlaceChange):
		f.Add("care_episode.reason_place_change", "Choose why the placement changed from the list")
	}
	if e.Permanence != "" && !care.PermanenceGoals.Has(e.Permanence) {
		f.Add("care_episode.permanence", "Choose the care plan's goal from the list")
	}
	if e.Postcode != "" && (len(e.Postcode) > maxPostcode || !people.ValidPostcode(e.Postcode)) {
		f.Add("care_episode.postcode", "Enter the placement's postcode as a UK postcode, such as AB1 2CD")
	}
	if e.URN != "" && (len(e.URN) > maxURN || !alphanumeric(e.URN)) {
		f.Add("care_episode.urn", "The Ofsted URN is letters and digits, %d characters or fewer", maxURN)
	} else if why := care.URNRule(e.Placement, e.URN, r.Start, r.End); why != "" {
		f.Add("care_episode.urn", "%s", why)
	}
	if e.Household < 0 {
		f.Add("care_episode.household", "Choose the foster household from the register")
	}
}

func alphanumeric(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// SDQ scores run from 0 to 40 (the total difficulties score).
const maxSDQ = 40

func validateSDQ(f *errs.Fields, s *care.SDQ) {
	switch {
	case s.Score == nil && s.Reason == "":
		f.Add("sdq.score", "Enter the score, or choose why there is none")
	case s.Score != nil && s.Reason != "":
		f.Add("sdq.reason", "Give the score or a reason there is none, not both")
	case s.Score != nil && (*s.Score < 0 || *s.Score > maxSDQ):
		f.Add("sdq.score", "The score must be from 0 to %d", maxSDQ)
	case s.Reason != "" && !care.SDQReasons.Has(s.Reason):
		f.Add("sdq.reason", "Choose why there is no score from the list")
	}
}

// validateAdoption holds the milestones of a plan for adoption to the order
// they come in: the decision that the child should be placed for adoption
// (Start) before the match with adopters (rule 333), the match before the
// placement with them (rule 331), the placement before the adoption order.
// A placement order comes after the decision. The plan ends either with the
// adoption order (End is its date) or with the reason it stopped (rule 558:
// not both).
func validateAdoption(f *errs.Fields, r Record) {
	a := r.Adoption
	dates := []struct {
		field string
		d     civil.Date
		what  string
	}{
		{"adoption.placement_order", a.PlacementOrder, "placement order"},
		{"adoption.matched", a.Matched, "match with the adopters"},
		{"adoption.placed", a.Placed, "placement with the adopters"},
		{"adoption.order", a.Order, "adoption order"},
	}
	ok := true
	for _, d := range dates {
		if !d.d.IsZero() && !d.d.Valid() {
			f.Add(d.field, "The date of the %s must be a real date", d.what)
			ok = false
		}
	}
	if !ok || r.Start.IsZero() {
		return
	}
	for _, d := range dates {
		if !d.d.IsZero() && d.d.Before(r.Start) {
			f.Add(d.field, "The %s cannot be before the decision that the child should be placed for adoption", d.what)
		}
	}
	switch {
	case !a.Placed.IsZero() && a.Matched.IsZero():
		f.Add("adoption.matched", "Enter the date of the match: a child is matched with adopters before being placed with them")
	case !a.Placed.IsZero() && a.Placed.Before(a.Matched):
		f.Add("adoption.placed", "The child is placed with the adopters on or after the match")
	}
	switch {
	case !a.Order.IsZero() && a.Placed.IsZero():
		f.Add("adoption.placed", "Enter the date the child was placed with the adopters: an adoption order follows the placement")
	case !a.Order.IsZero() && a.Order.Before(a.Placed):
		f.Add("adoption.order", "The adoption order is made on or after the placement with the adopters")
	}
	switch {
	case !a.Order.IsZero() && a.ReasonCeased != "":
		f.Add("adoption.reason_ceased", "A child who was adopted has no reason the plan stopped")
	case !a.Order.IsZero() && r.End != a.Order:
		f.Add("end", "The plan for adoption ends on the day of the adoption order (%s)", a.Order.Format())
	case a.Order.IsZero():
		closing(f, r, a.ReasonCeased, "adoption.reason_ceased", care.AdoptionCeasedReasons, "why the child should no longer be placed for adoption")
	}
	if !a.Order.IsZero() {
		// Rule 601: a child adopted in the year has the return's adoption
		// fields (AD1), so the order is recorded with who adopted.
		if a.Adopters == 0 {
			f.Add("adoption.adopters", "Enter how many adopters the child has: the adoption order was made")
		}
		if a.AdoptersSex == "" {
			f.Add("adoption.adopters_sex", "Choose the adopters' sexes: the adoption order was made")
		}
		if a.AdoptersStatus == "" {
			f.Add("adoption.adopters_status", "Choose the adopters' legal status: the adoption order was made")
		}
	}
	switch {
	case a.Adopters < 0 || a.Adopters > 2:
		f.Add("adoption.adopters", "A child is adopted by one or two adopters")
	case a.AdoptersSex != "" && !care.AdopterSexes.Has(a.AdoptersSex):
		f.Add("adoption.adopters_sex", "Choose the adopters' sexes from the list")
	case a.Adopters != 0 && a.AdoptersSex != "" && adoptersIn(a.AdoptersSex) != a.Adopters:
		f.Add("adoption.adopters_sex", "The adopters' sexes must be for %d adopters", a.Adopters)
	}
	switch {
	case a.AdoptersStatus != "" && !care.AdopterStatuses.Has(a.AdoptersStatus):
		f.Add("adoption.adopters_status", "Choose the adopters' legal status from the list")
	case a.AdoptersStatus == "L12" && a.AdoptersSex != "" && a.AdoptersSex != "MM" && a.AdoptersSex != "FF":
		// Rule 524: a civil partnership is between two people of the same sex.
		f.Add("adoption.adopters_sex", "Adopters in a civil partnership are two men or two women")
	}
}

// adoptersIn is how many adopters a code of their sexes describes.
func adoptersIn(sexes string) int {
	if sexes == "M1" || sexes == "F1" {
		return 1
	}
	return 2
}

// validateLeaverContact holds a care leaver's contact to the return's
// rules: codes from its lists (rules 131 to 133); no activity or
// accommodation for a young person who died or returned home (rule 344);
// both, and known, when the council is in touch (rule 345); and otherwise
// both, "not known" if so (rule 153: all coded or none).
func validateLeaverContact(f *errs.Fields, c *care.LeaverContact) {
	checkCode(f, "leaver_contact.in_touch", c.InTouch, care.InTouch, "whether the council is in touch")
	if c.Activity != "" && !care.Activities.Has(c.Activity) {
		f.Add("leaver_contact.activity", "Choose the young person's activity from the list")
	}
	if c.Accommodation != "" && !care.Accommodations.Has(c.Accommodation) {
		f.Add("leaver_contact.accommodation", "Choose the young person's accommodation from the list")
	}
	switch c.InTouch {
	case "DIED", "RHOM":
		if c.Activity != "" {
			f.Add("leaver_contact.activity", "No activity is recorded for a young person who died or returned home")
		}
		if c.Accommodation != "" {
			f.Add("leaver_contact.accommodation", "No accommodation is recorded for a young person who died or returned home")
		}
	case "YES":
		if c.Activity == "" || c.Activity == "0" {
			f.Add("leaver_contact.activity", "The council is in touch: choose what the young person is doing")
		}
		if c.Accommodation == "" || c.Accommodation == "0" {
			f.Add("leaver_contact.accommodation", "The council is in touch: choose where the young person lives")
		}
	case "":
	default:
		if c.Activity == "" {
			f.Add("leaver_contact.activity", "Choose what the young person is doing, or not known")
		}
		if c.Accommodation == "" {
			f.Add("leaver_contact.accommodation", "Choose where the young person lives, or not known")
		}
	}
}

// validateMissing holds a missing episode's moments to its days: it starts
// on the day (in London) it began and ends on the day the child returned;
// the return is not before the start (rule 567); the return interview is
// after the return, and is held only if it was offered and accepted.
func validateMissing(f *errs.Fields, r Record) {
	m := r.Missing
	switch {
	case m.StartedAt.IsZero():
		f.Add("missing.started_at", "Enter when the child went missing")
	case !r.Start.IsZero() && civil.OfLondon(m.StartedAt) != r.Start:
		f.Add("missing.started_at", "The child went missing on the day the episode starts (%s)", r.Start.Format())
	}
	switch {
	case m.ReturnedAt.IsZero():
		if !r.End.IsZero() {
			f.Add("missing.returned_at", "Enter when the child returned")
		}
	case !m.StartedAt.IsZero() && m.ReturnedAt.Before(m.StartedAt):
		f.Add("missing.returned_at", "The child returned after they went missing")
	case r.End.IsZero():
		f.Add("end", "Enter the day the child returned")
	case civil.OfLondon(m.ReturnedAt) != r.End:
		f.Add("missing.returned_at", "The child returned on the day the episode ends (%s)", r.End.Format())
	}
	if m.InterviewAccepted && !m.InterviewOffered {
		f.Add("missing.interview_accepted", "A return interview is accepted only once it has been offered")
	}
	if d := m.InterviewDate; !d.IsZero() {
		switch {
		case !d.Valid():
			f.Add("missing.interview_date", "The date of the return interview must be a real date")
		case !m.InterviewAccepted:
			f.Add("missing.interview_accepted", "A return interview was held: record that it was offered and accepted")
		case m.ReturnedAt.IsZero():
			f.Add("missing.interview_date", "A return interview is held after the child returns: enter when they returned")
		case d.Before(civil.OfLondon(m.ReturnedAt)):
			f.Add("missing.interview_date", "The return interview cannot be before the child returned")
		}
	}
}
