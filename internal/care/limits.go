package care

import (
	"fmt"
	"slices"

	"hearth/internal/calendar"
	"hearth/internal/civil"
)

// The 903's limits on how long a placement or a legal status may last, and
// on how old a child must be for one: pure functions of the dates, which
// the journey applies when an episode is saved. An open episode's length
// depends on the day it is judged, which the return judges at the end of
// its year (31 March); here only an episode with an end is held to them.

// temporaryDays are the longest a temporary placement may last, in days
// from its start to its end: in hospital (T1) six weeks (rule 375); while
// the foster carers are on holiday (T3) three weeks (rule 376); for another
// reason (T4) seven days (rule 379).
var temporaryDays = map[string]int{"T1": 42, "T3": 21, "T4": 7}

// TemporaryTooLong says why an ended temporary placement lasted too long,
// or "".
func TemporaryTooLong(placement string, start, end civil.Date) string {
	most, ok := temporaryDays[placement]
	if !ok || start.IsZero() || end.IsZero() {
		return ""
	}
	if n := end.DaysSince(start); n > most {
		rule := map[string]string{"T1": "375", "T3": "376", "T4": "379"}[placement]
		return fmt.Sprintf("A temporary placement of type %s lasts at most %d days; this one lasted %d (rule %s)", placement, most, n, rule)
	}
	return ""
}

// TemporaryEndsPeriod says why an episode in this placement cannot end
// with this reason, or "": a period of care does not end in a temporary
// placement (rule 381); the child goes back to their usual placement, in a
// new episode (X1), first.
func TemporaryEndsPeriod(placement, reasonCeased string) string {
	if Temporary(placement) && EndsPeriod(reasonCeased) {
		return "A period of care cannot end in a temporary placement: end this episode with X1 and record the child's return to their usual placement (rule 381)"
	}
	return ""
}

// HolidayMovesPerYear is how many temporary placements while the foster
// carers are on holiday (T3) a child may have in any 12 months (rule 377).
const HolidayMovesPerYear = 2

// TooManyHolidayMoves reports whether a T3 placement starting on d, with
// the child's others starting on others, would make more than
// HolidayMovesPerYear start within some 12 months: three starts, d among
// them, of which the last is less than 12 months after the first.
func TooManyHolidayMoves(d civil.Date, others []civil.Date) bool {
	all := append(slices.Clone(others), d)
	slices.SortFunc(all, civil.Date.Compare)
	for i := 0; i+HolidayMovesPerYear < len(all); i++ {
		first, last := all[i], all[i+HolidayMovesPerYear]
		if last.Before(calendar.AddMonths(first, 12)) && !d.Before(first) && !d.After(last) {
			return true
		}
	}
	return false
}

// legalStatusDays are the longest a short-term legal status may last, in
// days from the first day of a run of episodes under it to the end of the
// last: police protection (L1) 72 hours, so 3 days (rule 361); an
// emergency protection order (L2) 21 days (rule 362); a child assessment
// order (L3) 7 days (rule 363); detention under PACE (J2) 21 days (rule
// 364).
var legalStatusDays = map[string]struct {
	days int
	rule string
	what string
}{
	"L1": {3, "361", "Police protection lasts at most 72 hours"},
	"L2": {21, "362", "An emergency protection order lasts at most 21 days"},
	"L3": {7, "363", "A child assessment order lasts at most 7 days"},
	"J2": {21, "364", "Accommodation under PACE lasts at most 21 days"},
}

// LegalStatusTooLong says why a run of episodes under one legal status,
// from start to end, lasted too long for it, or "".
func LegalStatusTooLong(legalStatus string, start, end civil.Date) string {
	l, ok := legalStatusDays[legalStatus]
	if !ok || start.IsZero() || end.IsZero() {
		return ""
	}
	if n := end.DaysSince(start); n > l.days {
		return fmt.Sprintf("%s; under %s from %s to %s is %d days (rule %s)", l.what, legalStatus, start.Format(), end.Format(), n, l.rule)
	}
	return ""
}

// placementAges are the youngest a child may be, on the day the episode
// starts, for a placement type: independent living (P2) 16, 15 before
// 2023-24 (rule 370); semi-independent (H5) 16, 14 before 2023-24, and
// supported accommodation (K3) 16 (rule 371); youth custody or prison (R5)
// 10 (rule 372); a residential school (S1) 4 (rule 373); residential
// employment (P3) 14 (rule 374).
func placementAge(placement string, y Year) (age int, rule string) {
	switch placement {
	case "P2":
		if y < 2023 {
			return 15, "370"
		}
		return 16, "370"
	case "H5":
		if y < 2023 {
			return 14, "371"
		}
		return 16, "371"
	case "K3":
		return 16, "371"
	case "R5":
		return 10, "372"
	case "S1":
		return 4, "373"
	case "P3":
		return 14, "374"
	}
	return 0, ""
}

// RemandAgeRule says why a child born on born cannot start an episode on
// start under this legal status, or "": a child under 10 is not remanded or
// detained (J1, J2, J3; rule 358).
func RemandAgeRule(born, start civil.Date, legalStatus string) string {
	if born.IsZero() || start.IsZero() || start.Before(born) {
		return ""
	}
	if age := born.AgeOn(start); slices.Contains([]string{"J1", "J2", "J3"}, legalStatus) && age < 10 {
		return fmt.Sprintf("A child under 10 cannot be remanded or detained (legal status %s): the child was %d (rule 358)", legalStatus, age)
	}
	return ""
}

// PlacementAgeRule says why a child born on born cannot start an episode
// on start in this placement type, or "": each type above has its youngest
// age, by the rules of the year the episode starts in.
func PlacementAgeRule(born, start civil.Date, placement string) string {
	if born.IsZero() || start.IsZero() || start.Before(born) {
		return ""
	}
	age := born.AgeOn(start)
	if least, rule := placementAge(placement, YearOf(start)); age < least {
		return fmt.Sprintf("A child in a placement of type %s is at least %d: the child was %d (rule %s)", placement, least, age, rule)
	}
	return ""
}

// SDQ ages: the questionnaire is for children from 4 to 16.
const (
	sdqFrom  = 4
	sdqUntil = 16
)

// SDQAgeRule says why a child of this age at an SDQ cannot have this score
// (scored) or reason for no score, or "": a child under 4 or over 16 has no
// score (rules 188 and 189); and the reason SDQ1, "under 4 or over 16", is
// only for one (rule 157).
func SDQAgeRule(age int, scored bool, reason string) string {
	outside := age < sdqFrom || age > sdqUntil
	switch {
	case scored && outside:
		return fmt.Sprintf("The SDQ is scored for a child from %d to %d: the child was %d, so record reason SDQ1 (rules 188 and 189)", sdqFrom, sdqUntil, age)
	case reason == "SDQ1" && !outside:
		return fmt.Sprintf("Reason SDQ1 is for a child under %d or over %d: the child was %d (rule 157)", sdqFrom, sdqUntil, age)
	}
	return ""
}

// ParticipationAgeRule says why a child of this age at a review cannot
// have taken part in it this way, or "": PN0 is for a child under 4, and
// only for one (rules 440 and 441).
func ParticipationAgeRule(age int, participation string) string {
	switch {
	case participation == "PN0" && age >= 4:
		return fmt.Sprintf("PN0 is for a child under 4 at the review: the child was %d (rule 440)", age)
	case participation != "PN0" && participation != "" && age < 4:
		return fmt.Sprintf("A child under 4 at the review takes part as PN0: the child was %d (rule 441)", age)
	}
	return ""
}

// UASCEndRule says why a child's status as an unaccompanied asylum-seeking
// child cannot end on end, or "": it ends on or before their 18th birthday
// (rule 304), when they are no longer a child.
func UASCEndRule(born, end civil.Date) string {
	if born.IsZero() || end.IsZero() {
		return ""
	}
	if b := Birthday(born, 18); end.After(b) {
		return fmt.Sprintf("A young person's status as an unaccompanied asylum-seeking child ends by their 18th birthday, %s (rule 304)", b.Format())
	}
	return ""
}
