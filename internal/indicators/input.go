package indicators

import (
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Child is one child's journey as the indicators read it: who, born when,
// and every journey record (any order).
type Child struct {
	ID          people.ID
	DateOfBirth civil.Date // zero when not known: age-bound measures then leave the child out
	Records     []journey.Record
	// Education and Attendance are the child's education records and
	// attendance by period, for the education figures (education.go).
	Education  []education.Record
	Attendance []education.Period
}

// PopulationYear is the ONS mid-year estimate of children aged 0 to 17 in
// the council's area for a year, as the council enters it.
type PopulationYear struct {
	Year     int `json:"year"`
	Children int `json:"children"`
}

// Position is one line of the social work establishment: a kind of post
// and its full-time equivalents. Vacant is as the council records it (it
// may differ from Budgeted less Permanent by rounding).
type Position struct {
	Name      string  `json:"name"`
	Budgeted  float64 `json:"budgeted_fte"`
	Permanent float64 `json:"permanent_fte"`
	Vacant    float64 `json:"vacant_fte"`
	Agency    float64 `json:"agency_fte"`
	// CaseHolding marks the posts that hold cases (social workers, not
	// their managers): the caseload is per FTE of these.
	CaseHolding bool `json:"case_holding"`
}

// Leaver is a permanent member of staff who left: when, from which
// position, and their FTE.
type Leaver struct {
	Ref      string     `json:"ref"` // the council's reference, not a name
	Position string     `json:"position"`
	Left     civil.Date `json:"left"`
	FTE      float64    `json:"fte"`
}

// Workforce is the establishment as at a date, and the staff who left.
type Workforce struct {
	Positions []Position `json:"positions"`
	Leavers   []Leaver   `json:"leavers"`
}

// Settings are the council's choices for its local measures.
type Settings struct {
	ContactDecisionHours int `json:"contact_decision_hours"` // contact_decision_24h: 24
	SeenWorkingDays      int `json:"seen_working_days"`      // seen_5wd: 5
	CINVisitDays         int `json:"cin_visit_days"`         // cin_visits_in_time: 28 (4 weeks)
	CPVisitWorkingDays   int `json:"cp_visit_working_days"`  // cp_visits_in_time: 10
	PlacementVisitDays   int `json:"placement_visit_days"`   // cla_visits_in_time: 7 after a new placement
	CareVisitDays        int `json:"care_visit_days"`        // cla_visits_in_time: 42 (6 weeks)
	StableVisitDays      int `json:"stable_visit_days"`      // cla_visits_in_time: 84 (12 weeks) in a long-term stable placement
	ReturnInterviewHours int `json:"return_interview_hours"` // rhi_72h: 72
	RepeatCPMonths       int `json:"repeat_cp_months"`       // cp_repeat_2y: 24
	// AdoptionYears is how many years the scorecard's averages (A1, A10,
	// A2) cover: 3, or 1 when a single year is asked for.
	AdoptionYears int `json:"adoption_years"`
}

// DefaultSettings are the framework's defaults (the seed council's).
func DefaultSettings() Settings { return SettingsFrom(journey.Defaults()) }

// SettingsFrom takes the local measures' timescales from the council's
// own (journey.Timescales), so a visit counted late on a due list is late
// in the indicator too; the rest are the framework's defaults.
func SettingsFrom(t journey.Timescales) Settings {
	t = t.Complete()
	return Settings{
		ContactDecisionHours: t.ContactDecisionHours,
		SeenWorkingDays:      5,
		CINVisitDays:         t.CINVisitDays,
		CPVisitWorkingDays:   t.CPVisitWorkingDays,
		PlacementVisitDays:   t.PlacementVisitDays,
		CareVisitDays:        t.CareVisitDays,
		StableVisitDays:      t.StableVisitDays,
		ReturnInterviewHours: t.ReturnInterviewHours,
		RepeatCPMonths:       24,
		AdoptionYears:        3,
	}
}

// Input is everything the indicators read.
type Input struct {
	Children   []Child
	Population []PopulationYear
	Workforce  Workforce
	Settings   Settings // a setting left zero takes its default
}

// complete fills each setting left zero from the defaults: no setting is
// meaningful at zero.
func (s Settings) complete() Settings {
	d := DefaultSettings()
	for _, p := range []struct{ got, def *int }{
		{&s.ContactDecisionHours, &d.ContactDecisionHours}, {&s.SeenWorkingDays, &d.SeenWorkingDays},
		{&s.CINVisitDays, &d.CINVisitDays}, {&s.CPVisitWorkingDays, &d.CPVisitWorkingDays},
		{&s.PlacementVisitDays, &d.PlacementVisitDays}, {&s.CareVisitDays, &d.CareVisitDays},
		{&s.StableVisitDays, &d.StableVisitDays}, {&s.ReturnInterviewHours, &d.ReturnInterviewHours},
		{&s.RepeatCPMonths, &d.RepeatCPMonths}, {&s.AdoptionYears, &d.AdoptionYears},
	} {
		if *p.got == 0 {
			*p.got = *p.def
		}
	}
	return s
}

// PopulationOn is the population that rates at the date divide by: the
// estimate for the date's year, or else the latest earlier one (an
// estimate is published a year or more late), or 0 when there is none.
func (in Input) PopulationOn(at civil.Date) int {
	best, year := 0, 0
	for _, p := range in.Population {
		if p.Year <= at.Year && p.Year > year {
			best, year = p.Children, p.Year
		}
	}
	return best
}
