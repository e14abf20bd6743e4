package journey

import (
	"slices"
	"strconv"
	"time"

	"hearth/internal/calendar"
	"hearth/internal/care"
	"hearth/internal/civil"
)

// adder puts one item on the due list: the record the work is about, what
// to do, the day it is due and, for one counted in hours, the moment.
type adder func(r Record, what string, due civil.Date, at time.Time)

// careDue adds what the child's care makes due: the work of a child in care
// (inCareDue), an episode of care ended with X1 whose successor is not yet
// recorded, return interviews after missing episodes (for any child), and
// the leaving care service's pathway plans and birthday contacts.
func careDue(j Journey, t Timescales, add adder) {
	eps := careEpisodes(j.Records)
	for i, r := range eps {
		if r.CareEpisode.ReasonCeased == care.ReasonSameDay && (i+1 == len(eps) || eps[i+1].Start != r.End) {
			add(r, "Record the episode of care that follows", r.End, time.Time{})
		}
	}
	// The child is in care while the last period is open: its last
	// episode is open, or ended with X1 with the next to be recorded.
	if periods := periodsOf(eps); len(periods) > 0 && periods[len(periods)-1].End.IsZero() {
		inCareDue(j, t, periods[len(periods)-1], eps, add)
	}
	for _, r := range j.Records {
		switch {
		case r.Kind == KindMissing && r.Missing != nil:
			m := r.Missing
			// An interview offered and not accepted was declined: there is
			// nothing more to do. One not yet offered or not yet held is due.
			if !m.ReturnedAt.IsZero() && m.InterviewDate.IsZero() && (!m.InterviewOffered || m.InterviewAccepted) {
				at := t.ReturnInterviewDue(m.ReturnedAt)
				add(r, "Hold the return interview", civil.OfLondon(at), at)
			}
		case r.Kind == KindLeavingCare && r.End.IsZero():
			leaverDue(j, t, r, add)
		}
	}
}

// inCareDue adds the work of a child in the period of care p, the last of
// their episodes eps (oldest first): reviews, visits, health and dental
// checks, the SDQ and the personal education plan. The work is about the
// current episode. A period of short breaks alone (V3, V4) is left
// out: the regulations set its reviews and visits apart, by the pattern of
// the breaks, which the episodes do not hold.
func inCareDue(j Journey, t Timescales, p care.Period, eps []Record, add adder) {
	if p.ShortBreaks {
		return
	}
	cur := eps[len(eps)-1]
	if dob := j.Person.DateOfBirth; !dob.IsZero() {
		// Care ends at 18: a period still open is closed then, with the
		// reason it ended (the young person may stay put with E17).
		add(cur, "End the period of care: the young person turns 18", care.Birthday(dob, 18), time.Time{})
	}
	held := func(k Kind, keep func(Record) bool) []civil.Date {
		var out []civil.Date
		for _, r := range j.Records {
			if r.Kind == k && !r.Start.Before(p.Start) && (keep == nil || keep(r)) {
				out = append(out, r.Start)
			}
		}
		slices.SortFunc(out, civil.Date.Compare)
		return out
	}
	last := func(ds []civil.Date) civil.Date {
		if len(ds) == 0 {
			return p.Start
		}
		return ds[len(ds)-1]
	}
	dob := j.Person.DateOfBirth
	none := time.Time{}

	switch reviews := held(KindCareReview, nil); len(reviews) {
	case 0:
		add(cur, "Hold the first review (child in care)", t.CareReviewDue(p.Start, reviews), none)
	case 1:
		add(cur, "Hold the second review (child in care)", t.CareReviewDue(p.Start, reviews), none)
	default:
		add(cur, "Hold the review (child in care)", t.CareReviewDue(p.Start, reviews), none)
	}

	// The current placement started with the latest episode that started
	// the period or changed the placement (a change of legal status alone
	// keeps the child where they are).
	placed := cur.Start
	for i := len(eps) - 1; i >= 0; i-- {
		placed = eps[i].Start
		if rn := eps[i].CareEpisode.ReasonNew; rn == care.ReasonStart || care.PlacementChanged(rn) {
			break
		}
	}
	seen := held(KindVisit, func(r Record) bool { return r.Visit != nil && r.Visit.Seen && !r.Start.Before(placed) })
	if len(seen) == 0 {
		add(cur, "Visit the child in their new placement", t.CareVisitDue(placed, civil.Date{}, false), none)
	} else {
		add(cur, "Visit the child (child in care)", t.CareVisitDue(placed, last(seen), cur.CareEpisode.LongTermStable), none)
	}

	if health := held(KindHealthAssessment, nil); len(health) == 0 {
		add(cur, "Arrange the initial health assessment", t.InitialHealthDue(p.Start), none)
	} else {
		// Without a date of birth the child is taken as under 5, whose
		// assessments are the more frequent.
		h := last(health)
		under5 := dob.IsZero() || dob.AgeOn(h) < 5
		add(cur, "Arrange the review health assessment", t.HealthReviewDue(h, under5), none)
	}

	add(cur, "Arrange the dental check", t.DentalCheckDue(last(held(KindDentalCheck, nil))), none)

	// An eligible child's pathway plan is due from the day they became
	// eligible (their 16th birthday, for one in care long enough by then),
	// while still in care; an open leaving care service has it on its own
	// list (leaverDue).
	if eligible, ok := care.EligibleFrom(dob, periodsOf(eps)); ok && !slices.ContainsFunc(j.Records, func(r Record) bool { return r.Kind == KindLeavingCare && r.End.IsZero() }) {
		if plans := held(KindPathwayPlan, nil); len(plans) == 0 {
			add(cur, "Write the pathway plan", eligible, none)
		} else {
			add(cur, "Review the pathway plan", t.PathwayReviewDue(last(plans)), none)
		}
	}

	if dob.IsZero() {
		return // the SDQ and the PEP turn on the child's age
	}
	// The SDQ is for a child of 4 to 16: one in care before their fourth
	// birthday has their first then.
	due := t.SDQDue(last(held(KindSDQ, nil)))
	if four := care.Birthday(dob, 4); four.After(due) {
		due = four
	}
	if dob.AgeOn(due) <= 16 {
		add(cur, "Complete the strengths and difficulties questionnaire", due, none)
	}
	// A personal education plan is for a child of school age, taken as 5
	// to 16: the first within PEPWorkingDays of coming into care (or of a
	// fifth birthday in care), then reviewed each term.
	if peps := held(KindPEP, nil); len(peps) == 0 {
		from := p.Start
		if five := care.Birthday(dob, 5); five.After(from) {
			from = five
		}
		if dob.AgeOn(from) <= 16 {
			add(cur, "Write the personal education plan", t.PEPDue(from), none)
		}
	} else if due := t.PEPReviewDue(last(peps)); dob.AgeOn(due) <= 16 {
		add(cur, "Review the personal education plan", due, none)
	}
}

// leaverDue adds the work of the open leaving care service lc: the pathway
// plan (at once, then reviewed every PathwayReviewMonths), and the contact
// around each birthday from 17 to 21 that the return asks about.
func leaverDue(j Journey, t Timescales, lc Record, add adder) {
	var plan, contact civil.Date
	var contacts []civil.Date
	for _, r := range j.Records {
		switch r.Kind {
		case KindPathwayPlan:
			if r.Start.After(plan) {
				plan = r.Start
			}
		case KindLeaverContact:
			contacts = append(contacts, r.Start)
			if r.Start.After(contact) {
				contact = r.Start
			}
		}
	}
	// The service ends at 25: nothing falls due after, and a service
	// still open then is to be closed.
	dob := j.Person.DateOfBirth
	var end civil.Date
	if !dob.IsZero() {
		end = care.Birthday(dob, 25)
		add(lc, "Close the leaving care service: the young person turns 25", end, time.Time{})
	}
	due := func(what string, d civil.Date) {
		if end.IsZero() || d.Before(end) {
			add(lc, what, d, time.Time{})
		}
	}
	if plan.IsZero() {
		// The first plan is due when the young person became eligible (at
		// 16 for one in care since before then), however late the service
		// opened.
		first := lc.Start
		if d, ok := care.EligibleFrom(dob, CarePeriods(j.Records)); ok && d.Before(first) {
			first = d
		}
		due("Write the pathway plan", first)
	} else {
		due("Review the pathway plan", t.PathwayReviewDue(plan))
	}
	if d, n, ok := birthdayContactDue(dob, lc, j.Records, contacts); ok {
		due("Contact the care leaver around their "+ordinal(n)+" birthday", d)
	}
}

// birthdayContactDue is the next contact the return asks for with a care
// leaver: around each birthday from 17 to 21, a contact in the month
// either side of it, due by a month after it. A birthday is left out when
// the young person was still looked after on it (the return asks nothing
// then: 903 rule 1007), when the leaving care service lc started after its
// month had passed, or when a contact was made in its month or after it (a
// contact after the month has passed is late, not missing, and the next
// birthday is the one to work to). n is the birthday.
func birthdayContactDue(born civil.Date, lc Record, records []Record, contacts []civil.Date) (due civil.Date, n int, ok bool) {
	if born.IsZero() {
		return civil.Date{}, 0, false
	}
	for n := 17; n <= 21; n++ {
		b := care.Birthday(born, n)
		from, to := calendar.AddMonths(b, -1), calendar.AddMonths(b, 1)
		if lc.Start.After(to) || InCare(records, b) {
			continue
		}
		if slices.ContainsFunc(contacts, func(c civil.Date) bool { return !c.Before(from) }) {
			continue
		}
		return to, n, true
	}
	return civil.Date{}, 0, false
}

// ordinal writes 17 to 21 as "17th" to "21st".
func ordinal(n int) string {
	switch {
	case n%10 == 1 && n%100 != 11:
		return strconv.Itoa(n) + "st"
	case n%10 == 2 && n%100 != 12:
		return strconv.Itoa(n) + "nd"
	case n%10 == 3 && n%100 != 13:
		return strconv.Itoa(n) + "rd"
	}
	return strconv.Itoa(n) + "th"
}
