package app

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"hearth/internal/access"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// The council's timescales. They are data: the statutory ones as the law
// sets them (a council may shorten them, never lengthen them) and the local
// ones as the council chooses, kept in the store as a versioned setting that
// an administrator changes with a reason. Until the council sets any, the
// rules use App.Timescales (journey.Defaults, from New).

// timescalesFresh is how long the timescales read from the store are used
// before being read again. Several Hearth processes may share one database:
// a change made through one is seen by the others within this long, and by
// the one that made it at once (SetTimescales drops its cache).
const timescalesFresh = time.Minute

// timescalesCache keeps the council's timescales as last read from the
// store, since every work list and child's page needs them and they change
// perhaps a few times a year.
type timescalesCache struct {
	mu      sync.Mutex
	value   journey.Timescales
	version int       // 0: the council has set none
	read    time.Time // zero: not read, or dropped
	gen     int       // counts drops, so that a read begun before one is not kept
}

// timescales returns the timescales the rules run to: the council's, from
// the cache when it is fresh, or App.Timescales if the council has set
// none. The store is read without the lock held, as teamsAndServices does.
func (a *App) timescales(ctx context.Context) (journey.Timescales, error) {
	if err := a.noticeChanges(ctx); err != nil {
		return journey.Timescales{}, err
	}
	c := &a.settings
	now := a.Now()
	c.mu.Lock()
	if !c.read.IsZero() && now.Sub(c.read) < timescalesFresh && !now.Before(c.read) {
		t, v := c.value, c.version
		c.mu.Unlock()
		return a.orDefault(t, v), nil
	}
	gen := c.gen
	c.mu.Unlock()
	t, v, err := a.Store.Timescales(ctx)
	if err != nil {
		return journey.Timescales{}, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.value, c.version, c.read = t, v, now
	}
	c.mu.Unlock()
	return a.orDefault(t, v), nil
}

// orDefault is t, or App.Timescales when the store holds none (version 0).
// App.Timescales is read at each call, so that a test may set it. A version
// saved before some timescales existed holds them as zero: they are the
// defaults (journey.Timescales.Complete).
func (a *App) orDefault(t journey.Timescales, version int) journey.Timescales {
	if version == 0 {
		return a.Timescales
	}
	return t.Complete()
}

// forgetTimescales drops the cache after this process changes the
// timescales, so that its next page runs to the new ones.
func (a *App) forgetTimescales() {
	a.settings.mu.Lock()
	a.settings.read = time.Time{}
	a.settings.gen++
	a.settings.mu.Unlock()
}

// TimescaleField describes one timescale to the pages that show and change
// it: its name (as the JSON and the errors call it), what it is, its unit,
// and whether the law sets it.
type TimescaleField struct {
	Name      string
	Label     string
	Unit      string // "working days", "months", "hours", "days"
	Statutory bool   // set by law: a council may shorten it, never lengthen it
	Get       func(journey.Timescales) int
	Set       func(*journey.Timescales, int)
}

// TimescaleFields lists every timescale, the statutory ones first, in the
// order the pages show them.
var TimescaleFields = []TimescaleField{
	{"assessment_working_days", "Assessment of a referral", "working days", true,
		func(t journey.Timescales) int { return t.AssessmentWorkingDays }, func(t *journey.Timescales, n int) { t.AssessmentWorkingDays = n }},
	{"icpc_working_days", "Initial child protection conference, from the strategy discussion", "working days", true,
		func(t journey.Timescales) int { return t.ICPCWorkingDays }, func(t *journey.Timescales, n int) { t.ICPCWorkingDays = n }},
	{"first_review_months", "First review conference, from the initial conference", "months", true,
		func(t journey.Timescales) int { return t.FirstReviewMonths }, func(t *journey.Timescales, n int) { t.FirstReviewMonths = n }},
	{"review_months", "Later review conferences, apart", "months", true,
		func(t journey.Timescales) int { return t.ReviewMonths }, func(t *journey.Timescales, n int) { t.ReviewMonths = n }},
	{"care_first_review_working_days", "First review of a child in care, from coming into care", "working days", true,
		func(t journey.Timescales) int { return t.CareFirstReviewWorkingDays }, func(t *journey.Timescales, n int) { t.CareFirstReviewWorkingDays = n }},
	{"care_second_review_months", "Second review of a child in care, from the first", "months", true,
		func(t journey.Timescales) int { return t.CareSecondReviewMonths }, func(t *journey.Timescales, n int) { t.CareSecondReviewMonths = n }},
	{"care_review_months", "Later reviews of a child in care, apart", "months", true,
		func(t journey.Timescales) int { return t.CareReviewMonths }, func(t *journey.Timescales, n int) { t.CareReviewMonths = n }},
	{"placement_visit_days", "Visit to a child in care, from each new placement", "days", true,
		func(t journey.Timescales) int { return t.PlacementVisitDays }, func(t *journey.Timescales, n int) { t.PlacementVisitDays = n }},
	{"health_assessment_working_days", "Initial health assessment, from coming into care", "working days", true,
		func(t journey.Timescales) int { return t.HealthAssessmentWorkingDays }, func(t *journey.Timescales, n int) { t.HealthAssessmentWorkingDays = n }},
	{"health_review_under5_months", "Review health assessments of a child in care under 5, apart", "months", true,
		func(t journey.Timescales) int { return t.HealthReviewUnder5Months }, func(t *journey.Timescales, n int) { t.HealthReviewUnder5Months = n }},
	{"health_review_months", "Review health assessments of a child in care from 5, apart", "months", true,
		func(t journey.Timescales) int { return t.HealthReviewMonths }, func(t *journey.Timescales, n int) { t.HealthReviewMonths = n }},
	{"dental_check_months", "Dental checks of a child in care, apart", "months", true,
		func(t journey.Timescales) int { return t.DentalCheckMonths }, func(t *journey.Timescales, n int) { t.DentalCheckMonths = n }},
	{"sdq_months", "Strengths and difficulties questionnaires, apart", "months", true,
		func(t journey.Timescales) int { return t.SDQMonths }, func(t *journey.Timescales, n int) { t.SDQMonths = n }},
	{"pep_working_days", "Personal education plan, from coming into care", "working days", true,
		func(t journey.Timescales) int { return t.PEPWorkingDays }, func(t *journey.Timescales, n int) { t.PEPWorkingDays = n }},
	{"return_interview_hours", "Return interview, from a missing child's return", "hours", true,
		func(t journey.Timescales) int { return t.ReturnInterviewHours }, func(t *journey.Timescales, n int) { t.ReturnInterviewHours = n }},
	{"pathway_review_months", "Reviews of a care leaver's pathway plan, apart", "months", true,
		func(t journey.Timescales) int { return t.PathwayReviewMonths }, func(t *journey.Timescales, n int) { t.PathwayReviewMonths = n }},
	{"contact_decision_hours", "Decision on a contact at the front door", "hours", false,
		func(t journey.Timescales) int { return t.ContactDecisionHours }, func(t *journey.Timescales, n int) { t.ContactDecisionHours = n }},
	{"cp_visit_working_days", "Visits to a child on a child protection plan, apart", "working days", false,
		func(t journey.Timescales) int { return t.CPVisitWorkingDays }, func(t *journey.Timescales, n int) { t.CPVisitWorkingDays = n }},
	{"cin_visit_days", "Visits to a child on a child in need plan, apart", "days", false,
		func(t journey.Timescales) int { return t.CINVisitDays }, func(t *journey.Timescales, n int) { t.CINVisitDays = n }},
	{"care_visit_days", "Visits to a child in care, apart", "days", false,
		func(t journey.Timescales) int { return t.CareVisitDays }, func(t *journey.Timescales, n int) { t.CareVisitDays = n }},
	{"stable_visit_days", "Visits to a child in care in a long-term stable placement, apart", "days", false,
		func(t journey.Timescales) int { return t.StableVisitDays }, func(t *journey.Timescales, n int) { t.StableVisitDays = n }},
	{"pep_review_months", "Reviews of a personal education plan, apart", "months", false,
		func(t journey.Timescales) int { return t.PEPReviewMonths }, func(t *journey.Timescales, n int) { t.PEPReviewMonths = n }},
}

// SettingChange is one timescale changed between two versions.
type SettingChange struct {
	Field         string // its label
	Before, After int
	Unit          string
}

// TimescaleChanges lists the timescales that differ between two versions.
func TimescaleChanges(before, after journey.Timescales) []SettingChange {
	var out []SettingChange
	for _, f := range TimescaleFields {
		if b, a := f.Get(before), f.Get(after); b != a {
			out = append(out, SettingChange{Field: f.Label, Before: b, After: a, Unit: f.Unit})
		}
	}
	return out
}

// describeTimescales is the access log's note of what a change did.
func describeTimescales(cs []SettingChange) string {
	if len(cs) == 0 {
		return "timescales: no change"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Field + ": " + strconv.Itoa(c.Before) + " -> " + strconv.Itoa(c.After) + " " + c.Unit
	}
	return "timescales: " + strings.Join(parts, "; ")
}

// TimescalesPage is the council's timescales as they stand: those in force
// (Current), their version (0 while the council has set none and the
// defaults apply), the defaults of statute and guidance, and every change,
// oldest first.
type TimescalesPage struct {
	Current  journey.Timescales
	Version  int
	Defaults journey.Timescales
	History  []store.Version[journey.Timescales]
}

// CouncilTimescales reads the council's timescales and their history. They are
// rules, not anything about a child, and are open to every role that works
// to them and to administrators (access.ReadSettings). They are read from
// the store, not the cache, so that an administrator changing them starts
// from the latest version.
func (a *App) CouncilTimescales(ctx context.Context, ac Actor) (TimescalesPage, error) {
	if err := a.require(ctx, ac, access.ReadSettings); err != nil {
		return TimescalesPage{}, err
	}
	t, v, err := a.Store.Timescales(ctx)
	if err != nil {
		return TimescalesPage{}, err
	}
	h, err := a.Store.TimescalesHistory(ctx)
	if err != nil {
		return TimescalesPage{}, err
	}
	for i := range h {
		h[i].Record = h[i].Record.Complete()
	}
	return TimescalesPage{Current: a.orDefault(t, v), Version: v, Defaults: journey.Defaults(), History: h}, nil
}

// SetTimescales changes the council's timescales, as a new version with the
// reason. version is the version the administrator started from (0 if the
// council had set none); if someone else has saved a change since, it is
// refused with errs.Conflict (no fields) and nothing is written. The
// timescales must pass journey.Timescales.Validate, whose errors name the
// fields. Administrators only (access.ManageSettings).
func (a *App) SetTimescales(ctx context.Context, ac Actor, t journey.Timescales, version int, reason string) error {
	if err := a.require(ctx, ac, access.ManageSettings); err != nil {
		return err
	}
	var fields errs.Fields
	if err := t.Validate(); err != nil {
		e := errs.As(err)
		if e == nil {
			return err
		}
		fields = append(fields, e.Fields...)
	}
	reason, rerr := validReason(reason)
	if rerr != nil {
		fields = append(fields, errs.As(rerr).Fields...)
	}
	if version < 0 {
		fields.Add("version", "Enter the version of the timescales you are changing")
	}
	if err := fields.Err(); err != nil {
		return err
	}
	old, oldVersion, err := a.Store.Timescales(ctx)
	if err != nil {
		return err
	}
	old = a.orDefault(old, oldVersion)
	e := store.AccessEntry{Kind: store.KindSetting, Action: store.LogUpdate, Reason: describeTimescales(TimescaleChanges(old, t)), Note: reason}
	w, err := a.beginWrite(ctx, ac, e)
	if err != nil {
		return err
	}
	_, err = a.Store.SetTimescales(ctx, t, version, w.change(store.Change{By: ac.UserID(), At: a.Now().UTC(), Reason: reason}))
	if err != nil {
		return w.failed(ctx, err)
	}
	a.forgetTimescales()
	w.done(ctx, 0, 0)
	return nil
}
