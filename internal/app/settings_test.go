package app_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/store"
)

// decisionHours is the contact decision timescale the front door's list is
// reckoned by: what the rules see through the app's cache.
func (w *world) decisionHours() int {
	w.t.Helper()
	wp, err := w.app.ContactQueue(w.ctx, w.actor(access.MASH))
	if err != nil {
		w.t.Fatal(err)
	}
	return wp.Timescales.ContactDecisionHours
}

func TestAdministratorSetsTheTimescales(t *testing.T) {
	w := newWorld(t)
	admin := w.actor(access.Admin)
	page, err := w.app.CouncilTimescales(w.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if page.Version != 0 || page.Current != journey.Defaults() || page.Defaults != journey.Defaults() || len(page.History) != 0 {
		t.Fatalf("before any setting: %+v, want the defaults at version 0 with no history", page)
	}

	ts := journey.Defaults()
	ts.ContactDecisionHours, ts.AssessmentWorkingDays = 12, 40
	if err := w.app.SetTimescales(w.ctx, admin, ts, 0, "  Front door decides within 12 hours  "); err != nil {
		t.Fatal(err)
	}
	page, err = w.app.CouncilTimescales(w.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if page.Version != 1 || page.Current != ts || len(page.History) != 1 {
		t.Fatalf("after setting: version %d, %+v, %d versions", page.Version, page.Current, len(page.History))
	}
	if h := page.History[0]; h.By != w.admin.ID || h.Reason != "Front door decides within 12 hours" || h.Record != ts {
		t.Errorf("the version: %+v", h)
	}
	// This process runs to the change at once.
	if got := w.decisionHours(); got != 12 {
		t.Errorf("contact decision hours after the change: %d, want 12", got)
	}
	// The change is in the access log, with what changed and why.
	es, err := w.st.AccessLog(w.ctx, store.AccessQuery{Kind: store.KindSetting, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Action != store.LogUpdate || es[0].State != store.LineDone || es[0].UserID != w.admin.ID ||
		!strings.Contains(es[0].Reason, "24 -> 12 hours") || !strings.Contains(es[0].Reason, "45 -> 40 working days") ||
		es[0].Note != "Front door decides within 12 hours" {
		t.Errorf("access log: %+v", es)
	}

	// Every role that reads the council's settings may read them (an
	// education officer for the term dates beside them); the others may
	// not.
	for _, role := range access.Roles {
		_, err := w.app.CouncilTimescales(w.ctx, w.actor(role))
		want := role == access.Practitioner || role == access.TeamManager || role == access.MASH || role == access.Analyst || role == access.Admin ||
			role == access.Education
		if (err == nil) != want {
			t.Errorf("%s reading the timescales: %v", role, err)
		}
		if !want && !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: got %v, want forbidden", role, err)
		}
	}
}

func TestOnlyAdministratorsChangeTheTimescales(t *testing.T) {
	w := newWorld(t)
	for _, role := range access.Roles {
		if role == access.Admin {
			continue
		}
		err := w.app.SetTimescales(w.ctx, w.actor(role), journey.Defaults(), 0, "shorter")
		if !errs.Is(err, errs.Forbidden) {
			t.Errorf("%s: got %v, want forbidden", role, err)
		}
	}
	if _, v, err := w.st.Timescales(w.ctx); err != nil || v != 0 {
		t.Errorf("after refusals the timescales are at version %d (%v), want never set", v, err)
	}
	es, err := w.st.AccessLog(w.ctx, store.AccessQuery{Action: store.LogDenied, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	denied := 0
	for _, e := range es {
		if strings.HasPrefix(e.Reason, string(access.ManageSettings)+":") {
			denied++
		}
	}
	if denied != len(access.Roles)-1 {
		t.Errorf("%d refusals logged, want %d", denied, len(access.Roles)-1)
	}
}

func TestTimescalesRefusedNameTheField(t *testing.T) {
	w := newWorld(t)
	admin := w.actor(access.Admin)
	d := journey.Defaults()
	tests := []struct {
		name   string
		change func(*journey.Timescales)
		reason string
		field  string
	}{
		{"assessment longer than the law", func(t *journey.Timescales) { t.AssessmentWorkingDays = 46 }, "r", "assessment_working_days"},
		{"assessment of nothing", func(t *journey.Timescales) { t.AssessmentWorkingDays = 0 }, "r", "assessment_working_days"},
		{"initial conference longer", func(t *journey.Timescales) { t.ICPCWorkingDays = 16 }, "r", "icpc_working_days"},
		{"first review longer", func(t *journey.Timescales) { t.FirstReviewMonths = 4 }, "r", "first_review_months"},
		{"reviews further apart", func(t *journey.Timescales) { t.ReviewMonths = 7 }, "r", "review_months"},
		{"contact decision over 72 hours", func(t *journey.Timescales) { t.ContactDecisionHours = 73 }, "r", "contact_decision_hours"},
		{"child protection visits over 30 working days", func(t *journey.Timescales) { t.CPVisitWorkingDays = 31 }, "r", "cp_visit_working_days"},
		{"child in need visits never", func(t *journey.Timescales) { t.CINVisitDays = 0 }, "r", "cin_visit_days"},
		{"no reason", func(*journey.Timescales) {}, "  ", "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := d
			tt.change(&ts)
			err := w.app.SetTimescales(w.ctx, admin, ts, 0, tt.reason)
			e := errs.As(err)
			if e == nil || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Fatalf("got %v (%+v), want invalid naming %s", err, e, tt.field)
			}
		})
	}
	// The edges the law and guidance allow are accepted.
	edge := journey.Timescales{AssessmentWorkingDays: 1, ICPCWorkingDays: 15, FirstReviewMonths: 3, ReviewMonths: 1,
		ContactDecisionHours: 72, CPVisitWorkingDays: 1, CINVisitDays: 91,
		CareFirstReviewWorkingDays: 20, CareSecondReviewMonths: 1, CareReviewMonths: 6, PlacementVisitDays: 1,
		HealthAssessmentWorkingDays: 20, HealthReviewUnder5Months: 1, HealthReviewMonths: 12, DentalCheckMonths: 12,
		SDQMonths: 1, PEPWorkingDays: 20, ReturnInterviewHours: 72, PathwayReviewMonths: 1,
		CareVisitDays: 42, StableVisitDays: 91, PEPReviewMonths: 6}
	if err := w.app.SetTimescales(w.ctx, admin, edge, 0, "edges"); err != nil {
		t.Errorf("the edges: %v", err)
	}
}

func TestTimescalesStaleVersionIsAConflict(t *testing.T) {
	w := newWorld(t)
	admin := w.actor(access.Admin)
	first := journey.Defaults()
	first.CINVisitDays = 21
	if err := w.app.SetTimescales(w.ctx, admin, first, 0, "three weeks"); err != nil {
		t.Fatal(err)
	}
	// A second administrator who opened the page before the first saved.
	late := journey.Defaults()
	late.CPVisitWorkingDays = 5
	err := w.app.SetTimescales(w.ctx, admin, late, 0, "weekly visits")
	if e := errs.As(err); e == nil || e.Code != errs.Conflict || len(e.Fields) != 0 {
		t.Fatalf("got %v, want a conflict naming no field", err)
	}
	if cur, v, _ := w.st.Timescales(w.ctx); v != 1 || cur != first {
		t.Errorf("after the stale change: version %d, %+v; want the first change kept", v, cur)
	}
	es, _ := w.st.AccessLog(w.ctx, store.AccessQuery{Kind: store.KindSetting, Limit: 10})
	if len(es) != 2 || es[0].State != store.LineFailed {
		t.Errorf("the stale change's line: %+v, want settled as failed", es)
	}
}

// TestTimescalesCacheSeesOtherServers: a change made by another process
// sharing the database (here, straight to the store) is seen within
// a minute, not before; until the council sets any, App.Timescales apply.
func TestTimescalesCacheSeesOtherServers(t *testing.T) {
	w := newWorld(t)
	start := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)
	w.setClock(start)
	local := journey.Defaults()
	local.ContactDecisionHours = 48
	w.app.Timescales = local
	if got := w.decisionHours(); got != 48 {
		t.Fatalf("with none set, %d hours, want App.Timescales' 48", got)
	}

	set := journey.Defaults()
	set.ContactDecisionHours = 6
	if _, err := w.st.SetTimescales(w.ctx, set, 0, store.Change{By: w.admin.ID, Reason: "elsewhere"}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		after time.Duration
		want  int
	}{
		{0, 48},
		{59 * time.Second, 48},
		{time.Minute, 6},
	} {
		w.setClock(start.Add(step.after))
		if got := w.decisionHours(); got != step.want {
			t.Errorf("%v after the change elsewhere: %d hours, want %d", step.after, got, step.want)
		}
	}

	// A change through this process is seen at once, cache or not.
	if err := w.app.SetTimescales(w.ctx, w.actor(access.Admin), journey.Defaults(), 1, "back to the defaults"); err != nil {
		t.Fatal(err)
	}
	if got := w.decisionHours(); got != 24 {
		t.Errorf("after a change here: %d hours, want 24", got)
	}
}

// The fields named in TimescaleFields are those Validate names, so that an
// error is drawn beside its input.
func TestTimescaleFieldsAreTheValidatedOnes(t *testing.T) {
	for _, f := range app.TimescaleFields {
		ts := journey.Defaults()
		f.Set(&ts, 1000)
		if f.Get(ts) != 1000 {
			t.Errorf("%s: Get does not read what Set wrote", f.Name)
		}
		e := errs.As(ts.Validate())
		if e == nil || len(e.Fields) != 1 || e.Fields[0].Field != f.Name {
			t.Errorf("%s set to 1000: Validate gave %+v", f.Name, e)
		}
	}
	if n := reflect.TypeFor[journey.Timescales]().NumField(); len(app.TimescaleFields) != n {
		t.Errorf("%d timescale fields, want the %d of journey.Timescales", len(app.TimescaleFields), n)
	}
}

// Timescales saved before the care timescales existed hold them as zero:
// they read as the defaults, and the history shows no change to them.
func TestTimescalesSavedBeforeCareReadAsDefaults(t *testing.T) {
	w := newWorld(t)
	admin := w.actor(access.Admin)
	old := journey.Timescales{AssessmentWorkingDays: 40, ICPCWorkingDays: 15, FirstReviewMonths: 3, ReviewMonths: 6,
		ContactDecisionHours: 12, CPVisitWorkingDays: 10, CINVisitDays: 28}
	if _, err := w.st.SetTimescales(w.ctx, old, 0, store.Change{By: admin.UserID(), At: time.Now().UTC(), Reason: "before care"}); err != nil {
		t.Fatal(err)
	}
	page, err := w.app.CouncilTimescales(w.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	want := journey.Defaults()
	want.AssessmentWorkingDays, want.ContactDecisionHours = 40, 12
	if page.Current != want {
		t.Errorf("current %+v, want %+v", page.Current, want)
	}
	if len(page.History) != 1 {
		t.Fatalf("history %+v", page.History)
	}
	changes := app.TimescaleChanges(page.Defaults, page.History[0].Record)
	if len(changes) != 2 {
		t.Errorf("changes from the defaults: %+v, want the assessment and the contact decision only", changes)
	}
	if w.decisionHours() != 12 {
		t.Error("the rules run to the council's contact decision hours")
	}
}
