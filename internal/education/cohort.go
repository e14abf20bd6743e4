package education

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"hearth/internal/civil"
	"hearth/internal/people"
)

// The monthly report of the attendance and SEND of children with a social
// worker: the Virtual School's report, shared with the social work teams
// (the seed: "data on school attendance, as well as SEND, is now produced
// and reviewed on a monthly basis for this cohort", exclusions being added).
// It is made from the children's records alone, with the children behind
// every figure.

// The groups of children with a social worker, most intensive first: a
// child in several counts in the first.
const (
	GroupLookedAfter     = "looked_after"
	GroupChildProtection = "child_protection"
	GroupChildInNeed     = "child_in_need"
)

// CohortGroups are the groups in the report's order, with their labels.
var CohortGroups = people.CodeList{
	{Code: GroupChildInNeed, Label: "Child in need"},
	{Code: GroupChildProtection, Label: "Child protection"},
	{Code: GroupLookedAfter, Label: "Looked after"},
}

// Pupil is a child with a social worker as the report reads them: their
// involvements' kinds on the day (access.KindChildInNeed and the others),
// education records, and attendance by period.
type Pupil struct {
	PersonID    people.ID
	DateOfBirth civil.Date
	Kinds       []string
	Records     []Record
	Periods     []Period
}

// Period is a pupil's attendance at one school over a period.
type Period struct {
	From, To civil.Date
	Summary  Attendance
}

// Group is the child's group: looked after over child protection over
// child in need.
func (p Pupil) Group() string {
	for _, g := range []string{GroupLookedAfter, GroupChildProtection, GroupChildInNeed} {
		if slices.Contains(p.Kinds, g) {
			return g
		}
	}
	return ""
}

// CohortEntry is one child behind a figure, with what put them there.
type CohortEntry struct {
	PersonID people.ID `json:"person_id"`
	Group    string    `json:"group"`
	Detail   string    `json:"detail"`
}

// CohortCell is a figure for one group (or all): how many of how many,
// and for a percentage its value in tenths of a percent.
type CohortCell struct {
	Count int `json:"count"`
	Of    int `json:"of"`
	// PerThousand is the percentage in tenths (952: 95.2%), for a figure
	// of sessions or of children out of a whole; false with nothing to
	// divide by.
	PerThousand int  `json:"per_thousand"`
	HasValue    bool `json:"has_value"`
}

// CohortFigure is one line of the report: its cells for all the children
// and for each group, and the children behind it.
type CohortFigure struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Sessions marks the attendance rate, whose cells count sessions
	// rather than children.
	Sessions bool                  `json:"sessions,omitempty"`
	All      CohortCell            `json:"all"`
	Groups   map[string]CohortCell `json:"groups"`
	Children []CohortEntry         `json:"children"`
}

// CohortReport is the report on a day.
type CohortReport struct {
	At civil.Date `json:"at"`
	// YearFrom is the first day of the school year the attendance,
	// suspensions and exclusions are counted from.
	YearFrom civil.Date     `json:"year_from"`
	Figures  []CohortFigure `json:"figures"`
}

// Figure returns the figure with the key.
func (r CohortReport) Figure(key string) (CohortFigure, bool) {
	i := slices.IndexFunc(r.Figures, func(f CohortFigure) bool { return f.Key == key })
	if i < 0 {
		return CohortFigure{}, false
	}
	return r.Figures[i], true
}

// compulsoryAge reports whether a child born on dob is of compulsory
// school age in the school year starting in September of year: from the
// term after their fifth birthday (taken as reception, the year they turn
// five) to the end of year 11.
func compulsoryAge(dob civil.Date, year int) bool {
	if dob.IsZero() {
		return false
	}
	entry := dob.Year + 4
	if dob.Month >= time.September {
		entry++
	}
	yg := year - entry
	return yg >= 0 && yg <= 11
}

// CohortReportOn makes the report on day at. The cohort is the children
// of school age (reception to year 11 in the school year of at); the
// school year's attendance is every period that began in it and ended by
// at, so a month's report counts the terms (or weeks) imported so far.
func CohortReportOn(at civil.Date, pupils []Pupil) CohortReport {
	year := SchoolYear(at)
	from := civil.MustNew(year, time.September, 1)
	rep := CohortReport{At: at, YearFrom: from}
	type line struct {
		key, label string
		sessions   bool
		// in says whether the child counts (and why); of whether they are
		// in its denominator. For the rate, num and den are sessions.
		in func(p Pupil, a Attendance, has bool) (bool, string)
		of func(p Pupil, a Attendance, has bool) bool
	}
	school := func(Pupil, Attendance, bool) bool { return true }
	withAttendance := func(_ Pupil, _ Attendance, has bool) bool { return has }
	rate := func(a Attendance) string {
		v, _ := a.RatePerThousand()
		return fmt.Sprintf("attended %d of %d sessions (%d.%d%%)", a.Attended, a.Possible, v/10, v%10)
	}
	open := func(kind Kind, what string) func(Pupil, Attendance, bool) (bool, string) {
		return func(p Pupil, _ Attendance, _ bool) (bool, string) {
			for _, r := range p.Records {
				if r.Kind == kind && r.OpenOn(at) {
					return true, fmt.Sprintf("%s since %s", what, r.Start.Format())
				}
			}
			return false, ""
		}
	}
	excluded := func(category, what string) func(Pupil, Attendance, bool) (bool, string) {
		return func(p Pupil, _ Attendance, _ bool) (bool, string) {
			n, last := 0, civil.Date{}
			for _, r := range p.Records {
				if r.Kind == KindExclusion && r.Exclusion != nil && r.Exclusion.Category == category &&
					!r.Exclusion.Start.Before(from) && !r.Exclusion.Start.After(at) {
					n++
					if r.Exclusion.Start.After(last) {
						last = r.Exclusion.Start
					}
				}
			}
			if n == 0 {
				return false, ""
			}
			return true, fmt.Sprintf("%d %s this school year, the latest on %s", n, what, last.Format())
		}
	}
	lines := []line{
		{key: "cohort", label: "Children with a social worker of school age", in: func(p Pupil, _ Attendance, _ bool) (bool, string) {
			return true, CohortGroups.Label(p.Group())
		}, of: func(Pupil, Attendance, bool) bool { return false }},
		{key: "attendance_recorded", label: "With attendance recorded this school year", in: func(_ Pupil, a Attendance, has bool) (bool, string) {
			if !has {
				return false, ""
			}
			return true, rate(a)
		}, of: school},
		{key: "attendance_rate", label: "Attendance (sessions attended of those possible)", sessions: true, in: func(_ Pupil, a Attendance, has bool) (bool, string) {
			return has, rate(a)
		}, of: withAttendance},
		{key: "persistent_absence", label: "Persistently absent (missed 10% or more)", in: func(_ Pupil, a Attendance, has bool) (bool, string) {
			return has && a.PersistentlyAbsent(), rate(a)
		}, of: withAttendance},
		{key: "severe_absence", label: "Severely absent (missed 50% or more)", in: func(_ Pupil, a Attendance, has bool) (bool, string) {
			return has && a.SeverelyAbsent(), rate(a)
		}, of: withAttendance},
		{key: "ehc_plan", label: "With an EHC plan", in: open(KindEHCPlan, "EHC plan"), of: school},
		{key: "sen_support", label: "With SEN support", in: open(KindSENSupport, "SEN support"), of: school},
		{key: "suspended", label: "Suspended this school year", in: excluded(Suspension, "suspensions"), of: school},
		{key: "permanently_excluded", label: "Permanently excluded this school year", in: excluded(Permanent, "permanent exclusions"), of: school},
		{key: "missing_education", label: "Missing education (an enquiry open)", in: open(KindCME, "CME enquiry open"), of: school},
		{key: "home_educated", label: "Electively home educated", in: open(KindEHE, "home educated"), of: school},
	}
	figs := make([]CohortFigure, len(lines))
	for i, l := range lines {
		figs[i] = CohortFigure{Key: l.key, Label: l.label, Sessions: l.sessions, Groups: map[string]CohortCell{}, Children: []CohortEntry{}}
	}
	for _, p := range pupils {
		if !compulsoryAge(p.DateOfBirth, year) || p.Group() == "" {
			continue
		}
		var a Attendance
		has := false
		for _, s := range p.Periods {
			if !s.From.Before(from) && !s.To.After(at) {
				a = a.Add(s.Summary)
				has = has || s.Summary.Possible > 0
			}
		}
		g := p.Group()
		for i, l := range lines {
			f := &figs[i]
			gc := f.Groups[g]
			in, why := l.in(p, a, has)
			of := l.of(p, a, has)
			switch {
			case l.sessions:
				if has {
					f.All.Count += a.Attended
					f.All.Of += a.Possible
					gc.Count += a.Attended
					gc.Of += a.Possible
				}
			default:
				if in {
					f.All.Count++
					gc.Count++
				}
				if of {
					f.All.Of++
					gc.Of++
				}
			}
			if in {
				f.Children = append(f.Children, CohortEntry{PersonID: p.PersonID, Group: g, Detail: why})
			}
			f.Groups[g] = gc
		}
	}
	for i := range figs {
		f := &figs[i]
		f.All = f.All.valued()
		for g, c := range f.Groups {
			f.Groups[g] = c.valued()
		}
		slices.SortFunc(f.Children, func(a, b CohortEntry) int { return cmp.Compare(a.PersonID, b.PersonID) })
	}
	rep.Figures = figs
	return rep
}

// valued works out the cell's percentage, rounded half up in integers so
// that a figure and its children agree.
func (c CohortCell) valued() CohortCell {
	if c.Of > 0 {
		c.PerThousand, c.HasValue = (c.Count*2000+c.Of)/(2*c.Of), true
	}
	return c
}
