package store

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
)

// EducationWork is what education gives the work lists: a caseworker's
// children with deadlines running, and the notes an exclusion writes to the
// workers and the Virtual School of a child known to social care.
type EducationWork interface {
	// EducationWorkList returns the children with an open EHC needs
	// assessment request or EHC plan, CME enquiry or home education, or an
	// exclusion that started in the last ExclusionClockDays days, whose
	// named worker is worker (open:
	// no end, or an end on or after the day now falls on in London), with
	// their whole Subjects and summaries, in no set order. The caller
	// authorises each before reading their records.
	EducationWorkList(ctx context.Context, worker access.UserID, now time.Time) ([]WorkChild, error)
	// EducationRecordsOf returns the education records, as they stand, of
	// the permits' children, each child's newest start first; one permit
	// per child, each of which must be valid.
	EducationRecordsOf(ctx context.Context, ps []access.Permit) (map[people.ID][]education.Record, error)
	// EducationCaseload returns the children with a record of kind whose
	// team is team, open on the day now falls on in London (no end, or an
	// end on or after it), with their whole Subjects and summaries, in no
	// set order. The caller authorises each before reading their records.
	// It is the registers a team keeps: home education, and the CME
	// enquiries running and those whose child is a lost pupil.
	EducationCaseload(ctx context.Context, team access.TeamID, kind education.Kind, now time.Time) ([]WorkChild, error)

	// ExclusionFlags returns the notes addressed to worker or to team
	// (either may be zero, not both) recorded at or after since, newest
	// first. The caller authorises the reading of each child before
	// showing one.
	ExclusionFlags(ctx context.Context, worker access.UserID, team access.TeamID, since time.Time) ([]ExclusionFlag, error)

	// VirtualSchoolTeam returns the team named as the Virtual School and
	// the setting's version, or 0 and version 0 if none has been named.
	// SetVirtualSchoolTeam names it as version+1 if version is still the
	// latest (0: none named), otherwise errs.Conflict.
	// VirtualSchoolTeamHistory returns every version, oldest first.
	VirtualSchoolTeam(ctx context.Context) (access.TeamID, int, error)
	SetVirtualSchoolTeam(ctx context.Context, team access.TeamID, version int, c Change) (int, error)
	VirtualSchoolTeamHistory(ctx context.Context) ([]Version[access.TeamID], error)

	// SchoolCalendar returns the council's term dates and the setting's
	// version, or an empty calendar and version 0 if none have been
	// entered. SetSchoolCalendar writes them as version+1 if version is
	// still the latest (0: none entered), otherwise errs.Conflict; the use
	// case validates them. SchoolCalendarHistory returns every version,
	// oldest first.
	SchoolCalendar(ctx context.Context) (education.SchoolCalendar, int, error)
	SetSchoolCalendar(ctx context.Context, cal education.SchoolCalendar, version int, c Change) (int, error)
	SchoolCalendarHistory(ctx context.Context) ([]Version[education.SchoolCalendar], error)
}

// ExclusionClockDays is how long after its first day an exclusion stays
// on its worker's list: its longest clock, the board's 15 school days from
// a notice given just before the summer holidays, ends about 65 days after
// it; 90 leaves room for a notice given late.
const ExclusionClockDays = 90

// ExclusionFlag is a note that a child known to social care has been
// suspended or permanently excluded, on one worker's list (WorkerID) or
// one team's (TeamID), never both. It is written with the exclusion's
// record, in the same transaction, and never changed.
type ExclusionFlag struct {
	ID       int64         `json:"id"`
	PersonID people.ID     `json:"person_id"`
	Record   education.ID  `json:"record_id"`
	WorkerID access.UserID `json:"worker_id,omitzero"`
	TeamID   access.TeamID `json:"team_id,omitzero"`
	Category string        `json:"category"` // education.ExclusionCategories
	Start    civil.Date    `json:"start"`    // the exclusion's first day
	At       time.Time     `json:"recorded_at"`
	By       access.UserID `json:"recorded_by,omitzero"`
	// Person is the child's summary, which ExclusionFlags fills in.
	Person PersonSummary `json:"-"`
}
