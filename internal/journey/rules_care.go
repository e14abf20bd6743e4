package journey

import (
	"slices"

	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
)

// The rules of a child's care history that need more than the record
// itself: how episodes of care follow one another in a period of care, and
// which records need the child to be looked after, or a care leaver, on
// their day.

// CarePeriods are the child's periods of care, oldest first, from their
// episodes of care: a run of episodes each starting the day the one before
// ended, the first with reason S. A period ends when its last episode ends
// with a reason that ends care. One whose last episode ended with X1 is
// still open: X1 says the child stays in care in a new episode from that
// day, which is yet to be recorded.
func CarePeriods(records []Record) []care.Period { return periodsOf(careEpisodes(records)) }

// periodsOf is CarePeriods from the child's episodes of care, oldest first.
func periodsOf(eps []Record) []care.Period {
	var out []care.Period
	for i, r := range eps {
		e := r.CareEpisode
		end := r.End
		if e.ReasonCeased == care.ReasonSameDay {
			end = civil.Date{}
		}
		if i == 0 || e.ReasonNew == care.ReasonStart || eps[i-1].End != r.Start {
			out = append(out, care.Period{Start: r.Start, End: end, ShortBreaks: care.ShortBreak(e.LegalStatus)})
			continue
		}
		p := &out[len(out)-1]
		p.End = end
		p.ShortBreaks = p.ShortBreaks && care.ShortBreak(e.LegalStatus)
	}
	return out
}

// LeaverStatus is the child's care leaver status on d (care.LeaverStatus),
// from their date of birth and their episodes of care.
func LeaverStatus(j Journey, d civil.Date) string {
	return care.LeaverStatus(j.Person.DateOfBirth, CarePeriods(j.Records), d)
}

// InCare reports whether the child is looked after on d: in a period of
// care that started by then and had not ended.
func InCare(records []Record, d civil.Date) bool {
	_, ok := care.PeriodOn(CarePeriods(records), d)
	return ok
}

// inCareKinds are the records of a child who is looked after: each needs
// the child to be in care on its day.
var inCareKinds = map[Kind]bool{
	KindCareReview: true, KindHealthAssessment: true, KindDentalCheck: true, KindImmunisations: true,
	KindSDQ: true, KindPEP: true,
}

// leaverKinds are the records of the leaving care service's work: each
// needs the young person to have the service open or to be a care leaver
// on its day.
var leaverKinds = map[Kind]bool{KindPathwayPlan: true, KindLeaverContact: true}

// checkCare holds a care record to the child's care history.
func checkCare(f *errs.Fields, j Journey, r Record) {
	switch {
	case r.Kind == KindCareEpisode:
		checkEpisodeSequence(f, j, r)
		checkCareLeftBehind(f, j, r)
	case inCareKinds[r.Kind]:
		if !InCare(j.Records, r.Start) {
			f.Add("start", "%s is for a child who is looked after: the child is not in care on %s", aKind(r.Kind), r.Start.Format())
		}
	case leaverKinds[r.Kind]:
		if !hasOpenOn(j.Records, KindLeavingCare, r.Start) && !careLeaverOn(j, r.Start) {
			f.Add("start", "%s is for a care leaver: on %s the young person is not one, and the leaving care service is not open", aKind(r.Kind), r.Start.Format())
		}
	case r.Kind == KindAdoption:
		// Rule 334: the decision is made in the period of care, on or
		// after the day it started.
		if !InCare(j.Records, r.Start) {
			f.Add("start", "The decision that a child should be placed for adoption is made while they are looked after: the child is not in care on %s", r.Start.Format())
		}
	}
	checkCare903(f, j, r)
}

// checkCareLeftBehind refuses a change to an episode of care that would
// leave outside the child's care a record that needs the child in care on
// its day (a review, a health check, a plan for adoption...).
func checkCareLeftBehind(f *errs.Fields, j Journey, r Record) {
	if r.ID == 0 {
		return // a new episode takes nothing away
	}
	// Made to size: a clone of the records grew again to take r.
	all := make([]Record, len(j.Records), len(j.Records)+1)
	copy(all, j.Records)
	periods := CarePeriods(append(all, r))
	for _, o := range j.Records {
		if !inCareKinds[o.Kind] && o.Kind != KindAdoption {
			continue
		}
		if _, ok := care.PeriodOn(periods, o.Start); ok {
			continue
		}
		field := "end"
		if o.Start.Before(r.Start) {
			field = "start"
		}
		f.Add(field, "The %s on %s would no longer be in the child's care: it needs the child in care on its day", lower(o.Kind), o.Start.Format())
		return
	}
}

// hasOpenOn reports whether the child has a record of kind k open on d.
func hasOpenOn(records []Record, k Kind, d civil.Date) bool {
	return slices.ContainsFunc(records, func(o Record) bool { return o.Kind == k && o.OpenOn(d) })
}

// checkEpisodeSequence holds an episode of care to the ones before and
// after it: the first episode of a period starts it (reason S; rule 357),
// and every other starts the day the one before ended with X1, with the
// reason for the change that was made (care.Agreement); an episode ended
// with X1 is followed by one the same day. Overlaps are checkOverlap's.
// An episode ended with X1 may stand for now without its successor, which
// is recorded next: the two are saved one after the other.
func checkEpisodeSequence(f *errs.Fields, j Journey, r Record) {
	e := r.CareEpisode
	var prev, next *Record
	for _, o := range careEpisodes(j.Records) {
		switch {
		case r.ID != 0 && o.ID == r.ID:
		case overlaps(o, r):
			return // checkOverlap says so; the order means nothing yet
		case episodeBefore(o, r):
			prev = &o
		case next == nil && !r.End.IsZero() && !o.Start.Before(r.End):
			next = &o
		}
	}
	if dob := j.Person.DateOfBirth; !dob.IsZero() && dob.AgeOn(r.Start) >= 18 {
		// Rule 352: at 18 the child is an adult, and is not taken into
		// care; nor does care go on, so no episode starts then.
		f.Add("start", "An episode of care cannot start at 18 or over (the young person was 18 on %s)", care.Birthday(dob, 18).Format())
	}
	switch {
	case prev == nil:
		if e.ReasonNew != care.ReasonStart {
			f.Add("care_episode.reason_new", "This is the child's first episode of care, so it starts a period of care: choose S (rule 357)")
		}
	case prev.CareEpisode.ReasonCeased == care.ReasonSameDay && prev.End != r.Start:
		f.Add("start", "The episode before ended on %s with X1: the episode that follows it starts that day", prev.End.Format())
	case e.ReasonNew == care.ReasonStart:
		if prev.CareEpisode.ReasonCeased == care.ReasonSameDay {
			f.Add("care_episode.reason_new", "The episode before ended on %s with X1, so this one carries on that period of care: choose what changed, not S", prev.End.Format())
		} else if prev.End == r.Start {
			// Rule 431: a period that ends and another that starts the
			// same day are one period, carried on with X1.
			f.Add("start", "The last period of care ended on %s: a new one cannot start that day. If the child stayed in care, end the last episode with X1 and record what changed", prev.End.Format())
		}
	case prev.End != r.Start || prev.CareEpisode.ReasonCeased != care.ReasonSameDay:
		f.Add("care_episode.reason_new", "Only a new period of care (S) can start now: a change within a period starts the day the episode before ended with X1, and the last one ended on %s with %s",
			prev.End.Format(), prev.CareEpisode.ReasonCeased)
	default:
		if why := care.Agreement(*prev.CareEpisode, *e); why != "" {
			f.Add("care_episode.reason_new", "%s", why)
		}
	}
	if next == nil || r.End.IsZero() {
		return
	}
	n := next.CareEpisode
	continues := next.Start == r.End && n.ReasonNew != care.ReasonStart
	switch {
	case e.ReasonCeased == care.ReasonSameDay && next.Start != r.End:
		f.Add("end", "An episode ended with X1 is followed by one starting the same day: the next episode starts on %s", next.Start.Format())
	case e.ReasonCeased == care.ReasonSameDay && !continues:
		f.Add("care_episode.reason_ceased", "The next episode starts a new period of care (S): end this one with the reason the period ended, not X1")
	case continues && e.ReasonCeased != care.ReasonSameDay:
		f.Add("care_episode.reason_ceased", "The next episode carries on the period of care from %s: end this one with X1", next.Start.Format())
	case continues:
		if why := care.Agreement(*e, *n); why != "" {
			f.Add("care_episode", "The next episode, from %s, has reason %s, which this change would make wrong. %s", next.Start.Format(), n.ReasonNew, why)
		}
	}
}

// episodeBefore reports whether episode o comes before r: it ended by the
// day r starts. Two moves on one day leave an episode that starts and ends
// that day; it comes before the next one made that day (a new record, or
// one written later), so that each is judged against the one it follows.
func episodeBefore(o, r Record) bool {
	if o.End.IsZero() || o.End.After(r.Start) {
		return false
	}
	return o.Start.Before(r.Start) || r.End != r.Start || r.ID == 0 || o.ID < r.ID
}

// careSpan is the span of a care episode or leaving care record that other
// records may belong to (Episode): for an episode of care, its whole
// period of care, since an allocation or a visit outlasts a change of
// placement.
func careSpan(j Journey, ep Record) (start, end civil.Date, what string) {
	if ep.Kind == KindLeavingCare {
		return ep.Start, ep.End, "leaving care service"
	}
	for _, p := range CarePeriods(j.Records) {
		if !ep.Start.Before(p.Start) && (p.End.IsZero() || !ep.Start.After(p.End)) {
			return p.Start, p.End, "period of care"
		}
	}
	return ep.Start, ep.End, "period of care"
}
