package store

import (
	"context"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
)

// KindEducation is an education record about a child (education.Record) of
// any of its kinds: a roll, SEN support, an EHC needs assessment request, an
// EHC plan, an exclusion, a CME enquiry, home education, an ISAPP referral.
const KindEducation Kind = "education"

// Education keeps the education half of a child's record and the register
// of schools.
//
// An education record that gives its team an education involvement
// (education.Involvement) writes it in the same transaction, and each
// change to its team, worker or dates writes a new version of it, as the
// journey's records do; education_records.involvement_id names it.
type Education interface {
	// CreateEducationRecord fills in ID, Version (1) and RecordedAt;
	// UpdateEducationRecord writes version r.Version+1 only if r.Version
	// is still the latest, otherwise errs.Conflict. A record's person and
	// kind cannot change. Neither validates: education.Validate and
	// education.CheckAgainst, called by the use case, do.
	CreateEducationRecord(ctx context.Context, r education.Record, c Change) (education.Record, error)
	UpdateEducationRecord(ctx context.Context, r education.Record, c Change) (education.Record, error)
	// EducationRecords returns the permit's child's education records as
	// they stand (asOf zero) or as they stood at asOf, newest start first
	// (education.SortRecords).
	EducationRecords(ctx context.Context, p access.Permit, asOf time.Time) ([]education.Record, error)
	// EducationHistory returns every version of one of the permit's
	// child's education records, oldest first; errs.NotFound if the child
	// has no such record.
	EducationHistory(ctx context.Context, p access.Permit, id education.ID) ([]Version[education.Record], error)
	// ImportEducation writes many new education records, each as version 1
	// with the involvement it gives, in one transaction: all or none. For
	// Demo City and bulk loads.
	ImportEducation(ctx context.Context, rs []education.Record, c Change) error

	// ImportSchools writes the register of schools read from GIAS: a
	// school already held (by URN) is replaced by the file's row, a new
	// one added; a school the file leaves out is kept as it was (the
	// register's own files keep closed schools, so nothing is lost by a
	// partial download). All or none.
	ImportSchools(ctx context.Context, ss []education.School, at time.Time) (SchoolsImported, error)
	// Schools returns the schools with the URNs given that the register
	// holds, by URN; a URN it does not hold is left out.
	Schools(ctx context.Context, urns []string) (map[string]education.School, error)
	// CountSchools counts the schools in the register, and those open on
	// the day at falls on in London.
	CountSchools(ctx context.Context, at time.Time) (all, open int, err error)

	// ImportAttendance writes an import of attendance (education.
	// ReadAttendance's rows): each row's pupil is found by their UPN (a
	// current or former one); a UPN no one holds, or one two people
	// hold, is errs.Invalid naming rows[N].UPN (N the file's row), and
	// nothing is written. A pupil's row for a school and period already
	// held is replaced by this import's. All or none; c names who and
	// why, and the import is recorded with its count of rows.
	ImportAttendance(ctx context.Context, rows []education.PupilSessions, c Change) (AttendanceImport, error)
	// Attendance returns the permit's child's attendance, oldest period
	// first.
	Attendance(ctx context.Context, p access.Permit) ([]AttendanceRow, error)

	// EducationReturnChildren returns every child with an education record
	// of one of kinds as recorded at recordedAt: their person as recorded
	// then and those records, in the order of their ids (the SEN2 return's
	// read). It refuses the zero BulkPermit.
	EducationReturnChildren(ctx context.Context, bp access.BulkPermit, kinds []education.Kind, recordedAt time.Time) ([]ReturnChild, error)
	// SchoolingCohort returns the children with a social worker on the
	// day (an involvement of kind child in need, child protection or
	// looked after open on it), in the order of their ids: their name,
	// date of birth and restriction, the teams of those involvements, and
	// their education records and attendance as they stand (each period's
	// totals: its sessions by code are left out). It refuses the zero
	// BulkPermit.
	SchoolingCohort(ctx context.Context, bp access.BulkPermit, on civil.Date) ([]CohortChild, error)
}

// CohortChild is a child with a social worker, as the monthly report of
// their attendance and SEND reads them.
type CohortChild struct {
	ID                    people.ID
	GivenName, FamilyName string
	DateOfBirth           civil.Date
	Restricted            bool
	// Kinds are the kinds of the involvements open on the day (access.
	// KindChildInNeed, KindChildProtection, KindLookedAfter), and Teams
	// their teams.
	Kinds      []string
	Teams      []access.TeamID
	Records    []education.Record
	Attendance []AttendanceRow
}

// AttendanceImport says what an import of attendance wrote.
type AttendanceImport struct {
	ID   int64
	Rows int
	// Replaced counts the rows that replaced a row of the same pupil,
	// school and period from an earlier import.
	Replaced int
}

// AttendanceRow is one pupil's sessions at one school over one period, and
// the import that brought them.
type AttendanceRow struct {
	URN      string
	Sessions education.Sessions
	Summary  education.Attendance
	Import   int64
}

// SchoolsImported says what an import of the register did.
type SchoolsImported struct {
	Added, Updated int
}
