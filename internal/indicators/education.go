package indicators

import (
	"fmt"
	"slices"
	"time"

	"hearth/internal/civil"
	"hearth/internal/education"
)

// Education and inclusion: EHC plans issued within 20 weeks, suspensions
// and permanent exclusions per 100 pupils, children missing education and
// home educated, and the attendance of children with a social worker, from
// the children's education records and attendance (Child.Education,
// Child.Attendance). A pupil is a child with attendance recorded in the
// school year; a child with a social worker one with a child in need
// episode open on the date or looked after on it, as cin_rate and
// cla_count count them.

// educationDefinitions are the section's indicators, in its order.
var educationDefinitions = []Definition{
	{ID: "ehc_20_weeks", Title: "EHC plans issued within 20 weeks", Section: SectionEducation, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: SEN2, plans issued within 20 weeks excluding exceptions", Period: Period12Months, Counts: "plans",
		Text: "Of the EHC plans first issued in the 12 months to the date after a request for an assessment, leaving out those where an exception of the SEND Regulations applied, those issued no more than 20 weeks after the request was received."},
	{ID: "suspensions_per_100", Title: "Suspensions per 100 pupils", Section: SectionEducation, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "DfE: suspensions and permanent exclusions in England", Period: PeriodAt, Counts: "suspensions and pupils", Weighted: true,
		Text: "Suspensions starting in the school year to the date, per 100 pupils: the children with attendance recorded for a period of the school year that ended by the date. Each suspension and each pupil weighs one, as a suspension is not one of the pupils."},
	{ID: "permanent_exclusions_per_100", Title: "Permanent exclusions per 100 pupils", Section: SectionEducation, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "DfE: suspensions and permanent exclusions in England", Period: PeriodAt, Counts: "permanent exclusions and pupils", Weighted: true,
		Text: "Permanent exclusions starting in the school year to the date, per 100 pupils counted as for suspensions."},
	{ID: "cme_open", Title: "Children missing education", Section: SectionEducation, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Children with an enquiry about a child missing education open on the date."},
	{ID: "ehe_count", Title: "Children electively home educated", Section: SectionEducation, Unit: UnitCount, Better: NoDirection,
		Source: "local", Period: PeriodAt, Counts: "children",
		Text: "Children on the register of elective home education on the date."},
	{ID: "sw_attendance", Title: "Attendance of children with a social worker", Section: SectionEducation, Unit: UnitPercent, Better: HigherIsBetter,
		Source: "DfE: pupil absence, children in need", Period: PeriodAt, Counts: "sessions", Weighted: true,
		Text: "Of the sessions children with a social worker on the date could attend in the school year to the date (the periods that ended by it), those they attended: each child's entry weighs their sessions attended in the numerator and possible in the denominator."},
	{ID: "sw_persistent_absence", Title: "Persistent absence of children with a social worker", Section: SectionEducation, Unit: UnitPercent, Better: LowerIsBetter,
		Source: "DfE: pupil absence, children in need", Period: PeriodAt, Counts: "children",
		Text: "Of the children with a social worker on the date with attendance recorded in the school year to it, those who missed 10% or more of their possible sessions."},
}

// The section is registered here, after the framework's own (Definitions
// and measures), so that it is one file.
func init() {
	Definitions = append(Definitions, educationDefinitions...)
	for id, m := range map[string]measure{
		"ehc_20_weeks": ehc20Weeks, "suspensions_per_100": suspensionsPer100, "permanent_exclusions_per_100": permanentPer100,
		"cme_open": cmeOpen, "ehe_count": eheCount, "sw_attendance": swAttendance, "sw_persistent_absence": swPersistentAbsence,
	} {
		measures[id] = m
	}
}

// schoolYear is the first day of the school year the date is in.
func schoolYear(at civil.Date) civil.Date {
	return civil.MustNew(education.SchoolYear(at), time.September, 1)
}

// yearAttendance is the child's attendance in the school year to the date:
// the periods that began in it and ended by the date.
func yearAttendance(k *pchild, at civil.Date) (education.Attendance, bool) {
	from, to := keyOf(schoolYear(at)), keyOf(at)
	var a education.Attendance
	for _, t := range k.terms {
		if t.from >= from && t.to <= to {
			a = a.Add(t.sessions)
		}
	}
	return a, a.Possible > 0
}

// withSocialWorker reports whether the child has a social worker on the
// date: a child in need episode (not a referral with no further action)
// open, or looked after.
func withSocialWorker(k *pchild, at civil.Date) bool {
	if i, ok := k.openAt(ixReferral, at); ok && !k.daysOf(ixReferral)[i].has(factNFA) {
		return true
	}
	_, _, ok := k.lookedAfter(at)
	return ok
}

func rateText(a education.Attendance) string {
	v, _ := a.RatePerThousand()
	return fmt.Sprintf("attended %d of %d sessions (%d.%d%%)", a.Attended, a.Possible, v/10, v%10)
}

func ehc20Weeks(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	c.eachIn(listEHCIssued, func(k *pchild) {
		for _, r := range k.c.Education {
			if r.Kind != education.KindEHCRequest || r.EHCRequest == nil || !c.within(r.EHCRequest.FinalIssued) {
				continue
			}
			q := r.EHCRequest
			within, excepted := education.Within20Weeks(*q)
			if excepted {
				continue
			}
			weeks := q.FinalIssued.DaysSince(q.Received) / 7
			e := Entry{PersonID: k.id, Start: q.Received, End: q.FinalIssued, Reason: fmt.Sprintf("issued in week %d", weeks+1)}
			if within {
				num = append(num, e)
			}
			den = append(den, e)
		}
	})
	return num, den, nil
}

// pupils lists the children with attendance in the school year to the
// date: those with a period of attendance touching it, each read whole.
// Each is a pupil of the denominator, whose reason (their rate) is written
// only when the lists are kept. A figure only counts them, each weighing
// one: it takes the count from the school year's pupils by the day each
// became one (Prepared.pupilsIn), and adds that many to its denominator
// (calc.ones) without writing an entry for any. Walking every pupil at
// every date was most of a trend's cost at ten times the city, and then
// writing an entry for each (and clearing it again) most of what was
// left: hundreds of thousands a figure, far beyond the processor's cache.
func pupils(c *calc) []Entry {
	out := c.list()
	sy := schoolYear(c.at)
	if !c.lists {
		if days, ok := c.p.pupilsIn(sy); ok {
			if c.city() { // the city's pupils, counted once
				c.ones, _ = slices.BinarySearch(days, keyOf(c.at)+1)
			}
			return out
		}
	}
	c.eachInDays(sy, c.at, func(k *pchild) {
		if a, ok := yearAttendance(k, c.at); ok {
			e := Entry{PersonID: k.id, Amount: 1}
			if c.lists {
				e.Reason = "pupil: " + rateText(a)
			}
			out = append(out, e)
		}
	}, listAttendance)
	return out
}

func exclusionsPer100(c *calc, category, what string) (num, den []Entry, _ []Group) {
	den, num = pupils(c), c.list() // the pupils, the longer list, first
	from := schoolYear(c.at)
	c.eachInDays(from, c.at, func(k *pchild) {
		for _, r := range k.c.Education {
			if r.Kind != education.KindExclusion || r.Exclusion == nil || r.Exclusion.Category != category {
				continue
			}
			if d := r.Exclusion.Start; !d.Before(from) && !d.After(c.at) {
				num = append(num, Entry{PersonID: k.id, Start: d, Reason: what, Amount: 1})
			}
		}
	}, listExclusions)
	return num, den, nil
}

func suspensionsPer100(c *calc) (num, den []Entry, groups []Group) {
	return exclusionsPer100(c, education.Suspension, "suspended")
}

func permanentPer100(c *calc) (num, den []Entry, groups []Group) {
	return exclusionsPer100(c, education.Permanent, "permanently excluded")
}

// openRecords lists the children with a record of the kind open on the
// date, each once.
func openRecords(c *calc, l int, kind education.Kind, why string) (num, den []Entry, _ []Group) {
	num = c.list()
	c.eachIn(l, func(k *pchild) {
		for _, r := range k.c.Education {
			if r.Kind == kind && r.OpenOn(c.at) {
				num = append(num, Entry{PersonID: k.id, Start: r.Start, Reason: why})
				return
			}
		}
	})
	return num, nil, nil
}

func cmeOpen(c *calc) (num, den []Entry, groups []Group) {
	return openRecords(c, listCME, education.KindCME, "enquiry open")
}

func eheCount(c *calc) (num, den []Entry, groups []Group) {
	return openRecords(c, listEHE, education.KindEHE, "home educated")
}

// eachWithSocialWorker calls fn for each child with a social worker on
// the date and attendance in the school year to it, with that attendance:
// the children with a referral or a period of care touching the date are
// the candidates, far fewer than the pupils. Whether a candidate has a
// social worker is asked first, of their records' days, and their
// attendance read only for those who have.
func eachWithSocialWorker(c *calc, fn func(k *pchild, a education.Attendance)) {
	c.eachInDays(c.at, c.at, func(k *pchild) {
		if !withSocialWorker(k, c.at) {
			return
		}
		if a, ok := yearAttendance(k, c.at); ok {
			fn(k, a)
		}
	}, int(ixReferral), listCare)
}

func swAttendance(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	eachWithSocialWorker(c, func(k *pchild, a education.Attendance) {
		why := rateText(a)
		num = append(num, Entry{PersonID: k.id, Reason: why, Amount: float64(a.Attended)})
		den = append(den, Entry{PersonID: k.id, Reason: why, Amount: float64(a.Possible)})
	})
	return num, den, nil
}

func swPersistentAbsence(c *calc) (num, den []Entry, _ []Group) {
	den, num = c.list(), c.list() // the denominator, mostly the longer, first
	eachWithSocialWorker(c, func(k *pchild, a education.Attendance) {
		e := Entry{PersonID: k.id, Reason: rateText(a)}
		if a.PersistentlyAbsent() {
			num = append(num, e)
		}
		den = append(den, e)
	})
	return num, den, nil
}

// pupilsIn is, for the school year starting on sy, the day each child
// became a pupil of it (the first day by which a period of attendance that
// began in the year had ended with sessions possible), in order: the
// children with attendance in the year to a date are those whose day is
// by it. Made once a year is first asked, and shared. Not ok when a period
// counts negative sessions possible, where a later period could take a
// pupil away again: the pupils are then walked.
func (p *Prepared) pupilsIn(sy civil.Date) ([]dayKey, bool) {
	ix := p.ix
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if days, ok := ix.pupils[sy]; ok {
		return days, days != nil
	}
	if ix.pupils == nil {
		ix.pupils = map[civil.Date][]dayKey{}
	}
	var days []dayKey
	// The prepared children's, not the input's: a part of the council
	// (Only) counts its own pupils. Each child's terms are read from one
	// slice, in the prepared order, and only the days are kept.
	start := keyOf(sy)
	for i := range p.kids {
		first, found := dayKey(0), false
		for _, a := range p.kids[i].terms {
			if a.sessions.Possible < 0 {
				ix.pupils[sy] = nil
				return nil, false
			}
			if a.from < start || a.sessions.Possible == 0 {
				continue
			}
			if !found || a.to < first {
				first, found = a.to, true
			}
		}
		if found {
			days = append(days, first)
		}
	}
	slices.Sort(days)
	if days == nil {
		days = []dayKey{}
	}
	ix.pupils[sy] = days
	return days, true
}
