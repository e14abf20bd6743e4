package education

import "hearth/internal/civil"

// Summary is what social care sees of a child's education: computed from
// the education records on a day, and holding none of their details
// (reasons for an exclusion, the needs in a plan, what a CME enquiry found).
type Summary struct {
	// Schools are the rolls open on the day, latest joined first (a child
	// may be dual registered); PastSchools those that ended, latest first.
	Schools     []SchoolSpan `json:"schools"`
	PastSchools []SchoolSpan `json:"past_schools"`
	// SEN is "ehc_plan" when a plan is maintained on the day, else
	// "sen_support" when SEN support is open, else "".
	SEN        string     `json:"sen,omitempty"`
	PlanIssued civil.Date `json:"plan_issued,omitzero"`
	// Assessing is true while a request for an EHC needs assessment is
	// open (received, not yet ended by a final plan or a refusal).
	Assessing bool `json:"assessing,omitempty"`
	// Suspensions and their sessions in the school year of the day;
	// PermanentExclusions ever; LastExclusion the latest one's first day.
	Suspensions         int        `json:"suspensions"`
	SuspensionSessions  int        `json:"suspension_sessions"`
	PermanentExclusions int        `json:"permanent_exclusions"`
	LastExclusion       civil.Date `json:"last_exclusion,omitzero"`
	// MissingEducation is true while a CME enquiry is open; HomeEducated
	// while the child is on the register of elective home education.
	MissingEducation bool `json:"missing_education,omitempty"`
	HomeEducated     bool `json:"home_educated,omitempty"`
	// Attendance this school year and last, from the imports (nil for a
	// year with none); the caller fills them in (AttendanceYears).
	AttendanceThisYear *AttendanceYear `json:"attendance_this_year,omitempty"`
	AttendanceLastYear *AttendanceYear `json:"attendance_last_year,omitempty"`
}

// SchoolSpan is a time on a school's roll.
type SchoolSpan struct {
	URN  string     `json:"urn"`
	From civil.Date `json:"from"`
	To   civil.Date `json:"to,omitzero"`
}

// SummaryOf makes the summary of a child's records as at day; records
// that start after day are left out.
func SummaryOf(rs []Record, day civil.Date) Summary {
	s := Summary{Schools: []SchoolSpan{}, PastSchools: []SchoolSpan{}}
	sorted := append([]Record(nil), rs...)
	SortRecords(sorted)
	var support bool
	for _, r := range sorted {
		if r.Start.IsZero() || r.Start.After(day) {
			continue
		}
		open := r.OpenOn(day)
		switch r.Kind {
		case KindRoll:
			if r.Roll == nil {
				continue
			}
			span := SchoolSpan{URN: r.Roll.School, From: r.Start, To: r.End}
			if open {
				s.Schools = append(s.Schools, span)
			} else {
				s.PastSchools = append(s.PastSchools, span)
			}
		case KindSENSupport:
			support = support || open
		case KindEHCPlan:
			if r.EHCPlan != nil && r.EHCPlan.ActiveOn(day) && s.SEN != "ehc_plan" {
				s.SEN, s.PlanIssued = "ehc_plan", r.EHCPlan.Issued
			}
		case KindEHCRequest:
			s.Assessing = s.Assessing || open
		case KindExclusion:
			if r.Exclusion == nil {
				continue
			}
			e := r.Exclusion.Exclusion
			if s.LastExclusion.Before(e.Start) {
				s.LastExclusion = e.Start
			}
			switch {
			case e.Category == Permanent:
				s.PermanentExclusions++
			case e.Category == Suspension && SchoolYear(e.Start) == SchoolYear(day):
				s.Suspensions++
				s.SuspensionSessions += e.Sessions
			}
		case KindCME:
			s.MissingEducation = s.MissingEducation || open
		case KindEHE:
			s.HomeEducated = s.HomeEducated || open
		}
	}
	if s.SEN == "" && support {
		s.SEN = "sen_support"
	}
	return s
}

// SENLabel names the summary's SEN status as pages show it.
func (s Summary) SENLabel() string {
	switch s.SEN {
	case "ehc_plan":
		return "EHC plan"
	case "sen_support":
		return "SEN support"
	}
	return "None recorded"
}

// AttendanceYear is a pupil's attendance over one school year, added up
// across their schools and the periods imported.
type AttendanceYear struct {
	Year int `json:"year"` // SchoolYear: 2023 for 2023/24
	Attendance
	// Rate is the attendance rate in tenths of a percent (952 is 95.2%),
	// -1 when no session was possible.
	Rate int `json:"rate"`
	// Persistent is true when 10% or more of possible sessions were
	// missed (Attendance.PersistentlyAbsent).
	Persistent bool `json:"persistently_absent"`
}

// AttendanceYears adds up the periods by the school year each begins in,
// for the school year of day and the one before; nil for a year with no
// period imported.
func AttendanceYears(periods []Sessions, totals []Attendance, day civil.Date) (this, last *AttendanceYear) {
	year := SchoolYear(day)
	add := func(y **AttendanceYear, sy int, a Attendance) {
		if *y == nil {
			*y = &AttendanceYear{Year: sy}
		}
		(*y).Attendance = (*y).Attendance.Add(a)
	}
	for i, p := range periods {
		switch SchoolYear(p.From) {
		case year:
			add(&this, year, totals[i])
		case year - 1:
			add(&last, year-1, totals[i])
		}
	}
	for _, y := range []*AttendanceYear{this, last} {
		if y == nil {
			continue
		}
		r, ok := y.RatePerThousand()
		if !ok {
			r = -1
		}
		y.Rate, y.Persistent = r, y.Attendance.PersistentlyAbsent()
	}
	return this, last
}
