package journey

import (
	"cmp"
	"slices"

	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
)

// The SSDA903 rules that judge a care record against the child's other
// records (the rule numbers are the DfE's, shared/domain/ssda903-rules.tsv):
// a child's age on the record's day, the episodes around an episode in its
// period of care, the plan for adoption behind a placement for adoption,
// and the missing episodes open when a placement or care ends. Each rule's
// own test is in package care; here they are given the records they need.
//
// Some of the return's rules need the whole return, and are the returns
// module's to judge: those that compare this year's file with last year's
// (503 and its letters, 1001 to 1002, 1010, 205A), those judged on 31 March
// (an open temporary placement's or short-term legal status's length, 375
// to 379 and 361 to 364, for an episode still open; a code carried into a
// year that withdrew it, 146, for an episode still open; the OC2 and OC3
// cohorts, 185 to 187, 198 and 391, and 188 and 189 as far as they turn on
// the child's age at the year's start or end rather than at the SDQ), and
// those about the file itself.

// checkCare903 holds a care record to the 903 rules that need the child's
// other records.
func checkCare903(f *errs.Fields, j Journey, r Record) {
	born := j.Person.DateOfBirth
	age := func() (int, bool) {
		if born.IsZero() || r.Start.IsZero() || r.Start.Before(born) {
			return 0, false
		}
		return born.AgeOn(r.Start), true
	}
	switch r.Kind {
	case KindCareEpisode:
		checkEpisode903(f, j, r)
	case KindMissing:
		checkMissingInCare(f, j, r)
	case KindCareReview:
		if a, ok := age(); ok {
			if why := care.ParticipationAgeRule(a, r.CareReview.Participation); why != "" {
				f.Add("care_review.participation", "%s", why)
			}
		}
	case KindSDQ:
		if a, ok := age(); ok {
			if why := care.SDQAgeRule(a, r.SDQ.Score != nil, r.SDQ.Reason); why != "" {
				field := "sdq.reason"
				if r.SDQ.Score != nil {
					field = "sdq.score"
				}
				f.Add(field, "%s", why)
			}
		}
	case KindUASC:
		if why := care.UASCEndRule(born, r.End); why != "" {
			f.Add("end", "%s", why)
		}
	case KindLeaverContact:
		// Rules 1007 and 1016: the return asks nothing about the 17th or
		// 18th birthday of a young person still looked after on it.
		if n, b, ok := contactBirthday(born, r.Start); ok && n <= 18 && InCare(j.Records, b) {
			f.Add("start", "The young person was looked after on their %s birthday (%s): the return asks for no care leaver's contact then (rules 1007 and 1016)", ordinal(n), b.Format())
		}
	case KindAdoption:
		a := r.Adoption
		if a.Order.IsZero() {
			return
		}
		for _, ep := range careEpisodes(j.Records) {
			if ep.End == a.Order && care.Adopted(ep.CareEpisode.ReasonCeased) {
				if why := care.FosterCarersAgree(ep.CareEpisode.Placement, a.FosterCarers); why != "" {
					f.Add("adoption.foster_carers", "%s", why)
				}
			}
		}
	case KindLeavingCare:
		checkLeavingCare(f, j, r)
	}
}

// contactBirthday is the birthday from 17 to 21 a care leaver's contact on
// d is about: the one whose month either side holds d (birthdayContactDue).
func contactBirthday(born, d civil.Date) (n int, b civil.Date, ok bool) {
	if born.IsZero() {
		return 0, civil.Date{}, false
	}
	for n := 17; n <= 21; n++ {
		b := care.Birthday(born, n)
		if !d.Before(calendar.AddMonths(b, -1)) && !d.After(calendar.AddMonths(b, 1)) {
			return n, b, true
		}
	}
	return 0, civil.Date{}, false
}

// episodesWith is the child's episodes of care with r (new, or in place of
// its stored version, which Check has already left out), in order: by
// start; on one day, an episode that also ends that day first, and a new
// one last (episodeBefore).
func episodesWith(j Journey, r Record) []Record {
	n := 1
	for i := range j.Records {
		if j.Records[i].Kind == KindCareEpisode && j.Records[i].CareEpisode != nil {
			n++
		}
	}
	eps := make([]Record, 0, n)
	for i := range j.Records {
		if j.Records[i].Kind == KindCareEpisode && j.Records[i].CareEpisode != nil {
			eps = append(eps, j.Records[i])
		}
	}
	eps = append(eps, r)
	slices.SortFunc(eps, func(a, b Record) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		switch {
		case a.End.IsZero() != b.End.IsZero():
			if a.End.IsZero() {
				return 1
			}
			return -1
		case a.End != b.End:
			return a.End.Compare(b.End)
		case a.ID == 0 || b.ID == 0:
			return cmp.Compare(b.ID, a.ID) // the new one (0) last
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return eps
}

// carriesOn reports whether episode b carries on the period of care from
// episode a: a ended with X1 on the day b started, which is not a new
// period.
func carriesOn(a, b Record) bool {
	return a.CareEpisode.ReasonCeased == care.ReasonSameDay && a.End == b.Start && b.CareEpisode.ReasonNew != care.ReasonStart
}

// runAround is the run of episodes around eps[at], as indexes first and
// last, in which each carries on from the one before and same holds
// between neighbours: with same always true, the episodes of its period.
func runAround(eps []Record, at int, same func(a, b Record) bool) (first, last int) {
	first, last = at, at
	for first > 0 && carriesOn(eps[first-1], eps[first]) && same(eps[first-1], eps[first]) {
		first--
	}
	for last+1 < len(eps) && carriesOn(eps[last], eps[last+1]) && same(eps[last], eps[last+1]) {
		last++
	}
	return first, last
}

func anyEpisodes(a, b Record) bool { return true }

func sameLegalStatus(a, b Record) bool { return a.CareEpisode.LegalStatus == b.CareEpisode.LegalStatus }

func samePlacement(a, b Record) bool { return !care.Compare(*a.CareEpisode, *b.CareEpisode).Placement }

// placementEnded reports whether the placement of eps[at] ended with it:
// the episode ended its period of care, or the next carries on the period
// in another placement. An episode ended with X1 whose successor is not
// yet recorded has not said.
func placementEnded(eps []Record, at int) bool {
	e := eps[at]
	switch {
	case e.End.IsZero():
		return false
	case care.EndsPeriod(e.CareEpisode.ReasonCeased):
		return true
	}
	return at+1 < len(eps) && carriesOn(e, eps[at+1]) && care.PlacementChanged(eps[at+1].CareEpisode.ReasonNew)
}

// checkEpisode903 holds an episode of care to the child's age and to the
// episodes and records around it.
func checkEpisode903(f *errs.Fields, j Journey, r Record) {
	e := r.CareEpisode
	born := j.Person.DateOfBirth
	if why := care.RemandAgeRule(born, r.Start, e.LegalStatus); why != "" {
		f.Add("care_episode.legal_status", "%s", why)
	}
	if why := care.PlacementAgeRule(born, r.Start, e.Placement); why != "" {
		f.Add("care_episode.placement", "%s", why)
	}
	eps := episodesWith(j, r)
	at := slices.IndexFunc(eps, func(o Record) bool { return o.ID == r.ID })
	p0, p1 := runAround(eps, at, anyEpisodes)

	// Rule 504: the category of need is the one recorded when the period
	// of care began, in every episode of it.
	for k := p0; k <= p1; k++ {
		if o := eps[k].CareEpisode; k != at && o.Need != e.Need {
			f.Add("care_episode.need", "The category of need stays the same through a period of care: it is %s in the episode from %s (rule 504)", o.Need, eps[k].Start.Format())
			break
		}
	}

	// Rules 361 to 364: a short-term legal status, over all the episodes
	// it runs through.
	if i, k := runAround(eps, at, sameLegalStatus); !eps[k].End.IsZero() {
		if why := care.LegalStatusTooLong(e.LegalStatus, eps[i].Start, eps[k].End); why != "" {
			f.Add("end", "%s", why)
		}
	}

	checkTemporaryReturn(f, eps, at, p0, p1)

	// Rule 377: at most two holiday moves in any 12 months.
	if e.Placement == "T3" {
		var others []civil.Date
		for k, o := range eps {
			if k != at && o.CareEpisode.Placement == "T3" {
				others = append(others, o.Start)
			}
		}
		if care.TooManyHolidayMoves(r.Start, others) {
			f.Add("start", "A child has at most %d temporary placements while their foster carers are on holiday (T3) in any 12 months (rule 377)", care.HolidayMovesPerYear)
		}
	}

	// Rule 336: placed for adoption with their foster carers from foster
	// care, judged from either side of the change.
	if at > p0 {
		if why := care.FosteredBefore(eps[at-1].CareEpisode.Placement, e.Placement); why != "" {
			f.Add("care_episode.placement", "%s", why)
		}
	}
	if at < p1 {
		if why := care.FosteredBefore(e.Placement, eps[at+1].CareEpisode.Placement); why != "" {
			f.Add("care_episode.placement", "The next episode, from %s: %s", eps[at+1].Start.Format(), why)
		}
	}

	// Rule 551: a placement for adoption follows the decision that the
	// child should be placed for adoption.
	if care.PlacedForAdoption(e.Placement) && !hasOpenOn(j.Records, KindAdoption, r.Start) {
		f.Add("care_episode.placement", "A child is placed for adoption (%s) after the decision that they should be: record the plan for adoption, from that decision, first (rule 551)", e.Placement)
	}
	// Rule 554: the placement order (legal status E1, from the episode
	// that first has it) follows the decision.
	if e.LegalStatus == "E1" && (at == p0 || eps[at-1].CareEpisode.LegalStatus != "E1") &&
		!slices.ContainsFunc(j.Records, func(o Record) bool { return o.Kind == KindAdoption && !o.Start.After(r.Start) }) {
		f.Add("care_episode.legal_status", "A placement order (E1) follows the decision that the child should be placed for adoption: record the plan for adoption, from that decision, first (rule 554)")
	}

	// Rules 601 and 335: an adoption is recorded on the plan for adoption
	// (its order on the day care ended), by the foster carers or not as
	// the placement says.
	if care.Adopted(e.ReasonCeased) && !r.End.IsZero() {
		i := slices.IndexFunc(j.Records, func(o Record) bool { return o.Kind == KindAdoption && o.Adoption.Order == r.End })
		if i < 0 {
			f.Add("care_episode.reason_ceased", "The child was adopted: record the adoption order of %s, and the adopters, on the plan for adoption first (rule 601)", r.End.Format())
		} else if why := care.FosterCarersAgree(e.Placement, j.Records[i].Adoption.FosterCarers); why != "" {
			f.Add("care_episode.placement", "%s", why)
		}
	}

	checkMissingAtEnd(f, j, eps, at, p0)
}

// checkTemporaryReturn holds the temporary placements around eps[at] in
// its period (eps[p0] to eps[p1]) to rule 383: after a run of temporary
// placements the child returns to the placement they left, of the same
// type at the same postcode. A run with no episode recorded after it yet
// is not judged.
func checkTemporaryReturn(f *errs.Fields, eps []Record, at, p0, p1 int) {
	for a := p0 + 1; a <= p1; a++ {
		if !care.Temporary(eps[a].CareEpisode.Placement) || care.Temporary(eps[a-1].CareEpisode.Placement) {
			continue // not the first of a run of temporary placements
		}
		b := a
		for b+1 <= p1 && care.Temporary(eps[b+1].CareEpisode.Placement) {
			b++
		}
		if b+1 > p1 || at < a-1 || at > b+1 {
			continue
		}
		before, after := eps[a-1].CareEpisode, eps[b+1].CareEpisode
		if before.Placement != after.Placement || before.Postcode != after.Postcode {
			f.Add("care_episode.placement", "After a temporary placement the child returns to their usual placement (%s from %s) (rule 383)", before.Placement, eps[a-1].Start.Format())
			return
		}
	}
}

// checkMissingAtEnd holds the child's missing episodes to the end of the
// placement or the period of care of eps[at] (which starts at eps[p0]): a
// child missing from a placement that ended, or from care, is recorded as
// having returned by then (rules 575 and 577); and care that ends while the
// child is missing ends with E8 (rule 580). A new episode that moves the
// child on is held to the placement it ends.
func checkMissingAtEnd(f *errs.Fields, j Journey, eps []Record, at, p0 int) {
	r := eps[at]
	if at > p0 && care.PlacementChanged(r.CareEpisode.ReasonNew) && placementEnded(eps, at-1) {
		if m, ok := missingFrom(j.Records, eps, at-1); ok {
			f.Add("start", "The child has been missing since %s from the placement this episode moves them from: record their return first (rule 575)", m.Start.Format())
		}
	}
	if !placementEnded(eps, at) {
		return
	}
	if m, ok := missingFrom(j.Records, eps, at); ok {
		f.Add("end", "The child has been missing since %s from the placement that ends here: record their return first (rules 575 and 577)", m.Start.Format())
	}
	if rec := r.CareEpisode.ReasonCeased; care.EndsPeriod(rec) && rec != "E8" {
		start := eps[p0].Start
		for _, m := range j.Records {
			if m.Kind == KindMissing && !m.Start.Before(start) && m.Start.Before(r.End) && (m.End.IsZero() || m.End.After(r.End)) {
				f.Add("care_episode.reason_ceased", "The child was missing when their care ended: a period of care that ends while the child is missing ends with E8 (rule 580)")
				break
			}
		}
	}
}

// missingFrom finds a missing episode with no end that began in the
// placement of eps[at] (the run of episodes in that placement, up to its
// end).
func missingFrom(records []Record, eps []Record, at int) (Record, bool) {
	first, _ := runAround(eps, at, samePlacement)
	from, to := eps[first].Start, eps[at].End
	for _, m := range records {
		if m.Kind == KindMissing && m.End.IsZero() && !m.Start.Before(from) && m.Start.Before(to) {
			return m, true
		}
	}
	return Record{}, false
}

// checkMissingInCare holds a missing episode to the placements and care it
// began in (rules 575, 577 and 580), as checkMissingAtEnd holds an episode
// of care to the missing episodes.
func checkMissingInCare(f *errs.Fields, j Journey, r Record) {
	eps := careEpisodes(j.Records)
	for at, ep := range eps {
		if !placementEnded(eps, at) {
			continue
		}
		first, _ := runAround(eps, at, samePlacement)
		if r.End.IsZero() && !r.Start.Before(eps[first].Start) && r.Start.Before(ep.End) {
			f.Add("end", "The child went missing from a placement that ended on %s: enter the day they returned, by then (rules 575 and 577)", ep.End.Format())
			return
		}
		p0, _ := runAround(eps, at, anyEpisodes)
		rec := ep.CareEpisode.ReasonCeased
		if care.EndsPeriod(rec) && rec != "E8" && !r.Start.Before(eps[p0].Start) && r.Start.Before(ep.End) && (r.End.IsZero() || r.End.After(ep.End)) {
			f.Add("end", "The child's care ended on %s, with %s, while they were missing: a period of care that ends while the child is missing ends with E8 (rule 580)", ep.End.Format(), rec)
			return
		}
	}
}

// checkLeavingCare holds the leaving care service to the young person's
// care history: it is for a care leaver (care.LeaverStatus on the day it
// opens, or qualifying after a special guardianship order), so that the
// status "care leaver" that an open service gives always rests on the
// records; and it ends by their 25th birthday, when the council's duties
// end.
func checkLeavingCare(f *errs.Fields, j Journey, r Record) {
	born := j.Person.DateOfBirth
	if !born.IsZero() && !r.End.IsZero() && r.End.After(care.Birthday(born, 25)) {
		f.Add("end", "The leaving care service ends by the young person's 25th birthday, %s", care.Birthday(born, 25).Format())
	}
	if !careLeaverOn(j, r.Start) {
		f.Add("start", "The leaving care service is for a care leaver: on %s the young person is not one by the records of their care (eligible or relevant at 16 or 17, former relevant to 25, or qualifying to 21 after care or a special guardianship order from care at 16 or over)", r.Start.Format())
	}
}

// careLeaverOn reports whether the young person is a care leaver on d by
// their records: by their periods of care (care.LeaverStatus), or as a
// qualifying care leaver from 16 to 21 under a special guardianship order
// made when they were looked after just before it (Children Act 1989
// section 24(1A)).
func careLeaverOn(j Journey, d civil.Date) bool {
	if LeaverStatus(j, d) != "" {
		return true
	}
	born := j.Person.DateOfBirth
	if born.IsZero() || d.Before(born) {
		return false
	}
	if a := born.AgeOn(d); a < 16 || a >= 21 {
		return false
	}
	return slices.ContainsFunc(j.Records, func(o Record) bool {
		return o.Kind == KindSGO && !o.Start.After(d) && InCare(j.Records, o.Start.AddDays(-1))
	})
}
