package app

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The education half of a child's record. Education officers
// (access.ReadEducation, WriteEducation) read and keep the records through
// their team's education involvement; social care (ReadEducationSummary)
// sees only the summary the records make (education.SummaryOf). Each read is
// a read of the child's record, logged as one of kind education.

// ErrNoEducationRecord answers for an education record that is not on the
// child's record it was asked for through: the same answer whether it
// exists elsewhere or not.
var ErrNoEducationRecord = errs.E(errs.NotFound, "There is no education record with this id on this child's record")

// EducationPage is a child's education as their page and the API show it.
// Records, Clocks and History are filled only for a user who may read the
// records; Summary for every reader.
type EducationPage struct {
	Person  people.Person
	Summary education.Summary
	// Records are the child's education records, newest first, and Clocks
	// the statutory time limits open or met on each request and plan.
	Records []education.Record
	Clocks  map[education.ID][]education.Deadline
	// Schools names the schools the records and summary give by URN,
	// where the register holds them.
	Schools map[string]education.School
	Names   Names
	// Full is true when the page holds the records, not only the summary;
	// CanRecord when the user may add and change them.
	Full, CanRecord bool
	Today           civil.Date
}

// SchoolName is the register's name of the school with urn, or the URN
// itself when the register does not hold it.
func (p EducationPage) SchoolName(urn string) string {
	if s, ok := p.Schools[urn]; ok {
		return s.Name
	}
	return urn
}

// Education reads a child's education: the records and their clocks for
// a user who reads education records, the summary alone for one who reads
// only the summary. It is refused to anyone else, and logged as a read of
// the child's education (Note "summary" for the summary alone).
func (a *App) Education(ctx context.Context, ac Actor, id people.ID) (EducationPage, error) {
	full := access.Can(ac.Principal, access.ReadEducation)
	act := access.ReadEducationSummary
	if full {
		act = access.ReadEducation
	}
	d, subj, err := a.authorizeSubject(ctx, ac, act, id)
	if err != nil {
		return EducationPage{}, err
	}
	out := EducationPage{Full: full, Today: a.Today()}
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return EducationPage{}, err
	}
	rs, err := a.Store.EducationRecords(ctx, d.Permit, time.Time{})
	if err != nil {
		return EducationPage{}, err
	}
	out.Summary = education.SummaryOf(rs, out.Today)
	if err := a.addAttendance(ctx, d.Permit, &out.Summary, out.Today); err != nil {
		return EducationPage{}, err
	}
	urns := summaryURNs(out.Summary)
	if full {
		out.Records = rs
		cal, err := a.schoolCalendar(ctx)
		if err != nil {
			return EducationPage{}, err
		}
		out.Clocks = clocks(rs, out.Person.DateOfBirth, cal)
		out.CanRecord = access.Authorize(ac.Principal, access.WriteEducation, &subj, a.Now()).Allowed
		var workers []access.UserID
		for _, r := range rs {
			urns = append(urns, recordURNs(r)...)
			workers = append(workers, r.WorkerID)
		}
		if out.Names, err = a.namesOf(ctx, workers); err != nil {
			return EducationPage{}, err
		}
	}
	if out.Schools, err = a.Store.Schools(ctx, compactURNs(urns)); err != nil {
		return EducationPage{}, err
	}
	line := store.AccessEntry{PersonID: id, Kind: store.KindEducation, Action: store.LogRead, Reason: d.Reason}
	if !full {
		line.Note = "summary"
	}
	if err := a.logAccess(ctx, ac, line); err != nil {
		return EducationPage{}, err
	}
	return out, nil
}

// educationPart is the education part of a person's page: the summary
// (and, for an education officer, the records) when the user may read
// them for this child, decided on the subject the page already loaded, and
// logged as a read of the child's education; nil, and nothing logged, when
// the user may not, since the page asked for the person, not for this.
func (a *App) educationPart(ctx context.Context, ac Actor, subj access.Subject, p people.Person) (*EducationPage, error) {
	if !MaySeeEducation(ac.Principal) {
		return nil, nil
	}
	full := access.Can(ac.Principal, access.ReadEducation)
	act := access.ReadEducationSummary
	if full {
		act = access.ReadEducation
	}
	now := a.Now()
	d := access.Authorize(ac.Principal, act, &subj, now)
	if !d.Allowed {
		return nil, nil
	}
	rs, err := a.Store.EducationRecords(ctx, d.Permit, time.Time{})
	if err != nil {
		return nil, err
	}
	out := &EducationPage{Person: p, Full: full, Today: a.Today()}
	out.Summary = education.SummaryOf(rs, out.Today)
	if err := a.addAttendance(ctx, d.Permit, &out.Summary, out.Today); err != nil {
		return nil, err
	}
	urns := summaryURNs(out.Summary)
	if full {
		out.Records = rs
		out.CanRecord = access.Authorize(ac.Principal, access.WriteEducation, &subj, now).Allowed
	}
	if out.Schools, err = a.Store.Schools(ctx, compactURNs(urns)); err != nil {
		return nil, err
	}
	line := store.AccessEntry{PersonID: p.ID, Kind: store.KindEducation, Action: store.LogRead, Reason: d.Reason}
	if !full {
		line.Note = "summary"
	}
	if err := a.logAccess(ctx, ac, line); err != nil {
		return nil, err
	}
	return out, nil
}

// MaySeeEducation reports whether the user reads a child's education at
// all (records or summary), for a page that would show a part for it.
func MaySeeEducation(p access.Principal) bool {
	return access.Can(p, access.ReadEducation) || access.Can(p, access.ReadEducationSummary)
}

// EducationRecordPage is one education record with its history and clocks.
type EducationRecordPage struct {
	Person    people.Person
	Record    education.Record
	History   []store.Version[education.Record]
	Clocks    []education.Deadline
	Schools   map[string]education.School
	Names     Names
	CanChange bool
	Today     civil.Date
}

// EducationRecord reads one of a child's education records with every
// version of it, logged as a read of its history. An id that is not one of
// the child's records is ErrNoEducationRecord, logged as a refusal.
func (a *App) EducationRecord(ctx context.Context, ac Actor, on people.ID, id education.ID) (EducationRecordPage, error) {
	d, subj, err := a.authorizeSubject(ctx, ac, access.ReadEducation, on)
	if err != nil {
		return EducationRecordPage{}, err
	}
	out := EducationRecordPage{Today: a.Today()}
	if out.Person, err = a.Store.Person(ctx, d.Permit, time.Time{}); err != nil {
		return out, err
	}
	rs, err := a.Store.EducationRecords(ctx, d.Permit, time.Time{})
	if err != nil {
		return out, err
	}
	i := slices.IndexFunc(rs, func(r education.Record) bool { return r.ID == id })
	if i < 0 {
		return EducationRecordPage{}, a.noEducationRecord(ctx, ac, access.ReadEducation, on, id)
	}
	out.Record = rs[i]
	cal, err := a.schoolCalendar(ctx)
	if err != nil {
		return EducationRecordPage{}, err
	}
	// An exclusion's clocks count the child's other exclusions.
	out.Clocks = clocks(rs, out.Person.DateOfBirth, cal)[id]
	if out.History, err = a.Store.EducationHistory(ctx, d.Permit, id); err != nil {
		return EducationRecordPage{}, err
	}
	if out.Schools, err = a.Store.Schools(ctx, compactURNs(recordURNs(out.Record))); err != nil {
		return EducationRecordPage{}, err
	}
	if out.Names, err = a.namesOf(ctx, []access.UserID{out.Record.WorkerID}); err != nil {
		return EducationRecordPage{}, err
	}
	out.CanChange = access.Authorize(ac.Principal, access.WriteEducation, &subj, a.Now()).Allowed
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindEducation, RecordID: int64(id), Action: store.LogHistory, Reason: d.Reason}); err != nil {
		return EducationRecordPage{}, err
	}
	return out, nil
}

// noEducationRecord logs the refusal of a record id that is not on the
// child's record, and returns ErrNoEducationRecord.
func (a *App) noEducationRecord(ctx context.Context, ac Actor, act access.Action, on people.ID, id education.ID) error {
	if id <= 0 {
		return ErrNoEducationRecord
	}
	if err := a.logAccess(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindEducation, RecordID: int64(id), Action: store.LogDenied, Reason: string(act) + ": " + reasonNotOnRecord}); err != nil {
		return err
	}
	return ErrNoEducationRecord
}

// RecordEducation adds an education record to child on's record, judged on
// its own and against the child's other education records. Its team, where
// it has none, is the user's own; the record and the involvement it gives
// its team are written together.
func (a *App) RecordEducation(ctx context.Context, ac Actor, on people.ID, r education.Record) (education.Record, error) {
	r.ID, r.Version = 0, 0
	d, r, err := a.prepareEducation(ctx, ac, on, r)
	if err != nil {
		return r, err
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindEducation, Action: store.LogCreate, Reason: d.Reason, Note: educationNote(r)})
	if err != nil {
		return r, err
	}
	flags, err := a.flagsOf(ctx, r)
	if err != nil {
		return r, w.failed(ctx, err)
	}
	ch := w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: "recorded"})
	var rec education.Record
	err = a.Store.Atomic(ctx, func(tx store.Tx) error {
		var err error
		if rec, err = tx.CreateEducationRecord(ctx, r, ch); err != nil || len(flags) == 0 {
			return err
		}
		for i := range flags {
			flags[i].Record = rec.ID
		}
		return tx.CreateExclusionFlags(ctx, flags, ch)
	})
	if err != nil {
		return r, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(rec.ID))
	return rec, nil
}

// flagsOf returns the notes a new record writes with it: for a suspension
// or permanent exclusion of a child known to social care, one to each of
// the child's allocated workers and one to the Virtual School's team
// (exclusionFlagsFor). The child's involvements are read as they stand.
func (a *App) flagsOf(ctx context.Context, r education.Record) ([]store.ExclusionFlag, error) {
	if r.Kind != education.KindExclusion || r.Exclusion == nil || !flaggedCategories[r.Exclusion.Category] {
		return nil, nil
	}
	now := a.Now()
	subjects, err := a.Store.Subjects(ctx, []people.ID{r.PersonID}, now)
	if err != nil {
		return nil, err
	}
	vs, err := a.namedTeamNow(ctx, a.virtualSchoolSetting())
	if err != nil {
		return nil, err
	}
	return exclusionFlagsFor(r, subjects[r.PersonID], vs, civil.OfLondon(now)), nil
}

// CheckEducation judges a new record (r.ID zero) or a change to one as
// RecordEducation or ChangeEducation would, and writes nothing.
func (a *App) CheckEducation(ctx context.Context, ac Actor, on people.ID, r education.Record) (education.Record, error) {
	_, r, err := a.prepareEducation(ctx, ac, on, r)
	return r, err
}

// ChangeEducation writes a new version of one of child on's education
// records, from the version the user started from (r.Version), with a
// reason: a correction, or the record's next step (a request's decision, a
// final plan issued, a plan reviewed or ceased). Its child and kind cannot
// change; a stale version is errs.Conflict.
func (a *App) ChangeEducation(ctx context.Context, ac Actor, on people.ID, r education.Record, reason string) (education.Record, error) {
	reason, rerr := validReason(reason)
	if r.ID <= 0 {
		return r, ErrNoEducationRecord
	}
	d, r, err := a.prepareEducation(ctx, ac, on, r)
	if err != nil {
		return r, mergeInvalid(err, rerr)
	}
	if rerr != nil {
		return r, rerr
	}
	if r.Version < 1 {
		var f errs.Fields
		f.Add("version", "Enter the version of the record you are changing")
		return r, f.Err()
	}
	w, err := a.beginWrite(ctx, ac, store.AccessEntry{PersonID: on, Kind: store.KindEducation, RecordID: int64(r.ID), Action: store.LogUpdate, Reason: d.Reason, Note: educationNote(r)})
	if err != nil {
		return r, err
	}
	rec, err := a.Store.UpdateEducationRecord(ctx, r, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return r, w.failed(ctx, err)
	}
	w.done(ctx, on, int64(rec.ID))
	return rec, nil
}

// prepareEducation decides a change to child on's education records
// (WriteEducation), fills in what the user does not choose (the child; for
// a new record, the user's team where it has none), normalises the record
// and judges it: on its own, against today (nothing recorded as happening
// in the future), and against the child's other records. For a change, the
// record must be one of the child's, of the same kind. It writes nothing.
func (a *App) prepareEducation(ctx context.Context, ac Actor, on people.ID, r education.Record) (access.Decision, education.Record, error) {
	d, err := a.authorizePerson(ctx, ac, access.WriteEducation, on)
	if err != nil {
		return d, r, err
	}
	others, err := a.Store.EducationRecords(ctx, d.Permit, time.Time{})
	if err != nil {
		return d, r, err
	}
	r.PersonID = on
	var cur education.Record
	if r.ID != 0 {
		i := slices.IndexFunc(others, func(o education.Record) bool { return o.ID == r.ID })
		if i < 0 {
			return d, r, a.noEducationRecord(ctx, ac, access.WriteEducation, on, r.ID)
		}
		if others[i].Kind != r.Kind {
			var f errs.Fields
			f.Add("kind", "The kind of an education record cannot be changed; record a new one")
			return d, r, f.Err()
		}
		cur = others[i]
		r.RecordedAt = cur.RecordedAt
	} else if r.TeamID == 0 {
		r.TeamID = ac.Principal.User.TeamID
	}
	// An education record gives its team and worker an involvement with
	// the child, and so access: naming them is giving it, as on the
	// journey's records.
	if f, err := a.checkWho(ctx, ac, assignment{cur.TeamID, cur.WorkerID}, assignment{r.TeamID, r.WorkerID}, false, holdsEducationCases); err != nil || f != nil {
		if err != nil {
			return d, r, err
		}
		return d, r, f.Err()
	}
	r = education.Normalise(r)
	if bad := education.Validate(r); bad != nil {
		return d, r, bad.Err()
	}
	var f errs.Fields
	today := a.Today()
	if r.Start.After(today) {
		f.Add("start", "The date must be today or in the past")
	}
	if r.End.After(today) {
		f.Add("end", "The end date must be today or in the past")
	}
	if err := f.Err(); err != nil {
		return d, r, err
	}
	return d, r, education.CheckAgainst(r, others).Err()
}

// clocks are the time limits of each request, plan, exclusion, CME enquiry
// and home education among rs; an exclusion's counted in school days on
// cal, the council's term dates (empty: the rule's).
func clocks(rs []education.Record, dob civil.Date, cal education.SchoolCalendar) map[education.ID][]education.Deadline {
	out := map[education.ID][]education.Deadline{}
	for _, r := range rs {
		switch {
		case r.Kind == education.KindExclusion && r.Exclusion != nil:
			out[r.ID] = exclusionClocks(r, rs, cal)
		case r.Kind == education.KindEHCRequest && r.EHCRequest != nil:
			out[r.ID] = education.RequestDeadlines(*r.EHCRequest)
		case r.Kind == education.KindEHCPlan && r.EHCPlan != nil:
			out[r.ID] = education.PlanDeadlines(*r.EHCPlan, dob)
		case r.Kind == education.KindCME && r.CME != nil:
			out[r.ID] = education.CMEDeadlines(*r.CME)
		case r.Kind == education.KindEHE && r.EHE != nil:
			out[r.ID] = education.EHEDeadlines(*r.EHE)
		}
	}
	return out
}

// addAttendance puts the child's attendance this school year and last, as
// imported, into the summary.
func (a *App) addAttendance(ctx context.Context, pm access.Permit, s *education.Summary, today civil.Date) error {
	rows, err := a.Store.Attendance(ctx, pm)
	if err != nil {
		return err
	}
	periods := make([]education.Sessions, len(rows))
	totals := make([]education.Attendance, len(rows))
	for i, r := range rows {
		periods[i], totals[i] = r.Sessions, r.Summary
	}
	s.AttendanceThisYear, s.AttendanceLastYear = education.AttendanceYears(periods, totals, today)
	return nil
}

// AttendanceImport is what an import of attendance did.
type AttendanceImport struct {
	store.AttendanceImport
}

// ImportAttendance reads an attendance import (education.ReadAttendance:
// Hearth's layout, one row per pupil, school and period) and writes it:
// every bad row and field is reported and nothing written unless all are
// good, each pupil found by UPN. It is the command line's (the system's)
// act; reason says which return it is.
func (a *App) ImportAttendance(ctx context.Context, r io.Reader, reason string) (AttendanceImport, error) {
	rows, err := education.ReadAttendance(r)
	if err != nil {
		return AttendanceImport{}, err
	}
	if strings.TrimSpace(reason) == "" {
		reason = "attendance import"
	}
	got, err := a.Store.ImportAttendance(ctx, rows, store.Change{At: a.Now().UTC(), Reason: reason})
	if err != nil {
		return AttendanceImport{}, err
	}
	return AttendanceImport{got}, nil
}

// recordURNs are the schools a record names.
func recordURNs(r education.Record) []string {
	switch {
	case r.Roll != nil:
		return []string{r.Roll.School}
	case r.SENSupport != nil:
		return []string{r.SENSupport.School}
	case r.Exclusion != nil:
		return []string{r.Exclusion.School}
	case r.EHCPlan != nil:
		return []string{r.EHCPlan.SettingURN}
	case r.ISAPP != nil:
		return []string{r.ISAPP.School}
	case r.EHE != nil:
		return []string{r.EHE.School}
	}
	return nil
}

// summaryURNs are the schools a summary names.
func summaryURNs(s education.Summary) []string {
	var out []string
	for _, sp := range append(slices.Clone(s.Schools), s.PastSchools...) {
		out = append(out, sp.URN)
	}
	return out
}

func compactURNs(urns []string) []string {
	urns = slices.DeleteFunc(slices.Clone(urns), func(u string) bool { return u == "" })
	slices.Sort(urns)
	return slices.Compact(urns)
}

// SchoolsImport is what an import of the register of schools did.
type SchoolsImport struct {
	Read int
	store.SchoolsImported
}

// ImportSchools reads the register of schools from GIAS's establishment
// CSV and writes it: every bad row is reported (errs.Invalid, each field
// named rows[N].Heading) and nothing is written unless all are good. It is
// the command line's (the system's) act, naming no child.
func (a *App) ImportSchools(ctx context.Context, r io.Reader) (SchoolsImport, error) {
	ss, err := education.ReadEstablishments(r)
	if err != nil {
		return SchoolsImport{}, err
	}
	got, err := a.Store.ImportSchools(ctx, ss, a.Now().UTC())
	if err != nil {
		return SchoolsImport{}, err
	}
	return SchoolsImport{Read: len(ss), SchoolsImported: got}, nil
}

// educationNote is a write's note in the access log: the kind, and the
// team and worker it names, whom the record gives access to the child.
func educationNote(r education.Record) string {
	note := string(r.Kind)
	if r.TeamID != 0 {
		note += " team " + strconv.FormatInt(int64(r.TeamID), 10)
	}
	if r.WorkerID != 0 {
		note += " worker " + strconv.FormatInt(int64(r.WorkerID), 10)
	}
	return note
}

// holdsEducationCases reports whether u may be named as the worker of an
// education record: an active education officer, or one who holds social
// care cases.
func holdsEducationCases(u access.User) bool {
	return holdsCases(u) || !u.Disabled && slices.Contains(u.Roles, access.Education)
}
