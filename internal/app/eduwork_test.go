package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// eduDue is the education items of an officer's list.
func eduDue(t *testing.T, wp app.WorkPage) []app.DueRow {
	t.Helper()
	var out []app.DueRow
	for _, r := range wp.Due {
		if r.Education {
			out = append(out, r)
		}
	}
	return out
}

func TestEHCRequestDeadlineInMyWork(t *testing.T) {
	w := newWorld(t)
	id := w.educationChild() // a plan of the team's with no worker: not on anyone's list
	edu := w.actor(access.Education)
	officer := w.users[access.Education].ID

	// Received 18 May 2026: the decision whether to assess is due 6 weeks
	// later, 29 June, within the list's 10 working days of 15 June.
	req, err := w.app.RecordEducation(w.ctx, edu, id, education.Record{Kind: education.KindEHCRequest, WorkerID: officer,
		EHCRequest: &education.EHCRequest{Received: civil.MustNew(2026, time.May, 18)}})
	if err != nil {
		t.Fatal(err)
	}
	wp, err := w.app.MyWork(w.ctx, edu)
	if err != nil {
		t.Fatal(err)
	}
	due := eduDue(t, wp)
	if len(due) != 1 {
		t.Fatalf("due: %+v", wp.Due)
	}
	it := due[0].Item
	if it.Due != civil.MustNew(2026, time.June, 29) || it.Record != journey.ID(req.ID) || it.Kind != "ehc_request" || due[0].Overdue || wp.Overdue != 0 {
		t.Errorf("item %+v, overdue %v (%d)", it, due[0].Overdue, wp.Overdue)
	}
	if len(wp.Children) != 1 || !wp.Children[0].Education || wp.Children[0].Person.ID != id || wp.Children[0].Status != "" {
		t.Errorf("children: %+v", wp.Children)
	}
	// The list's read is logged, as education, with its count.
	lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{UserID: officer, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || lines[0].Kind != store.KindEducation || lines[0].Action != store.LogBulkRead || lines[0].Children != 1 {
		t.Errorf("logged as %+v", lines)
	}

	// On 30 June it is overdue.
	w.setClock(time.Date(2026, time.June, 30, 9, 0, 0, 0, time.UTC))
	wp, err = w.app.MyWork(w.ctx, edu)
	if err != nil {
		t.Fatal(err)
	}
	if due := eduDue(t, wp); len(due) != 1 || !due[0].Overdue || wp.Overdue != 1 || wp.Children[0].Overdue != 1 {
		t.Errorf("on 30 June: %+v, overdue %d", due, wp.Overdue)
	}

	// Decided (to assess) that day: the decision is gone, and the final
	// plan's 20 weeks (5 October) are beyond the list's window.
	req.EHCRequest.RequestOutcome, req.EHCRequest.RequestDecided = "Y", civil.MustNew(2026, time.June, 30)
	if _, err := w.app.ChangeEducation(w.ctx, edu, id, req, "decided to assess"); err != nil {
		t.Fatal(err)
	}
	wp, err = w.app.MyWork(w.ctx, edu)
	if err != nil {
		t.Fatal(err)
	}
	if due := eduDue(t, wp); len(due) != 0 || wp.Overdue != 0 {
		t.Errorf("after the decision: %+v", due)
	}

	// A social worker's list holds none of it; the officer's none of the
	// journey.
	if wp, err := w.app.MyWork(w.ctx, w.actor(access.Practitioner)); err != nil || len(eduDue(t, wp)) != 0 {
		t.Errorf("practitioner: %v %+v", err, wp.Due)
	}
}

// flagWorld is a world with a child in need, allocated to its
// practitioner, whom its education officer may write about (the team's
// education involvement), and a Virtual School team in the same service
// with a manager (who reads the child through the service) and a
// practitioner (who does not).
type flagWorld struct {
	*world
	child, unknown people.ID
	vs             access.Team
	vsManager      access.User
	vsWorker       access.User
}

func newFlagWorld(t *testing.T) *flagWorld {
	t.Helper()
	w := &flagWorld{world: newWorld(t)}
	var err error
	if w.vs, err = w.st.CreateTeam(w.ctx, access.Team{Name: "Virtual School", ServiceID: w.team.ServiceID}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []access.Role{access.TeamManager, access.Practitioner} {
		u, err := w.st.CreateUser(w.ctx, access.User{Username: "vs." + string(r), DisplayName: "VS " + string(r), Roles: []access.Role{r}, TeamID: w.vs.ID}, "x", store.Change{Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if r == access.TeamManager {
			w.vsManager = u
		} else {
			w.vsWorker = u
		}
	}
	if err := w.app.SetVirtualSchool(w.ctx, w.actor(access.Admin), w.vs.ID, 0, "the council's Virtual School"); err != nil {
		t.Fatal(err)
	}
	w.child = w.person("Kai", "Flagged", false)
	inv := access.Involvement{PersonID: w.child, Kind: access.KindChildInNeed, TeamID: w.team.ID, WorkerID: w.users[access.Practitioner].ID, StartDate: civil.MustNew(2026, time.January, 5)}
	if _, err := w.st.CreateInvolvement(w.ctx, store.Involvement{Involvement: inv}, store.Change{By: w.admin.ID, Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	w.involve(w.child, access.KindEducation, civil.Date{})
	w.unknown = w.person("Lou", "Unknown", false)
	w.involve(w.unknown, access.KindEducation, civil.Date{})
	return w
}

func (w *flagWorld) userActor(a *app.App, u access.User) app.Actor {
	w.t.Helper()
	p, err := a.Principal(w.ctx, u)
	if err != nil {
		w.t.Fatal(err)
	}
	return app.Actor{Principal: p, Remote: "192.0.2.1", Route: "test"}
}

func suspension(start civil.Date) education.Record {
	return education.Record{Kind: education.KindExclusion, Exclusion: &education.SchoolExclusion{School: "103234",
		Exclusion: education.Exclusion{Category: education.Suspension, Start: start, Sessions: 4, Reasons: []string{"DB"}}}}
}

func TestExclusionFlaggedToWorkerAndVirtualSchool(t *testing.T) {
	w := newFlagWorld(t)
	edu := w.actor(access.Education)
	rec, err := w.app.RecordEducation(w.ctx, edu, w.child, suspension(civil.MustNew(2026, time.June, 12)))
	if err != nil {
		t.Fatal(err)
	}
	// The allocated worker sees it on their list.
	wp, err := w.app.MyWork(w.ctx, w.actor(access.Practitioner))
	if err != nil {
		t.Fatal(err)
	}
	if len(wp.Flags) != 1 || wp.Flags[0].Flag.Record != rec.ID || wp.Flags[0].Person.ID != w.child || wp.Flags[0].Flag.Category != education.Suspension ||
		wp.Flags[0].Flag.Start != civil.MustNew(2026, time.June, 12) || wp.Flags[0].CategoryLabel() != "Suspension" {
		t.Fatalf("worker's flags: %+v", wp.Flags)
	}
	// The Virtual School's manager, who reads the child through the
	// service, sees it on the team's list and their own.
	mgr := w.userActor(w.app, w.vsManager)
	tw, err := w.app.TeamWork(w.ctx, mgr, w.vs.ID)
	if err != nil || len(tw.Flags) != 1 || tw.Flags[0].Flag.TeamID != w.vs.ID {
		t.Errorf("Virtual School's list: %v %+v", err, tw.Flags)
	}
	if mw, err := w.app.MyWork(w.ctx, mgr); err != nil || len(mw.Flags) != 1 {
		t.Errorf("Virtual School manager's own list: %v %+v", err, mw.Flags)
	}
	// A member of the team who may not read the child does not see it.
	if vw, err := w.app.MyWork(w.ctx, w.userActor(w.app, w.vsWorker)); err != nil || len(vw.Flags) != 0 {
		t.Errorf("Virtual School worker without access: %v %+v", err, vw.Flags)
	}
	// Nor does the education officer, whose list is not the worker's.
	if ew, err := w.app.MyWork(w.ctx, edu); err != nil || len(ew.Flags) != 0 {
		t.Errorf("education officer: %v %+v", err, ew.Flags)
	}
	// After FlagDays the note leaves the list.
	w.setClock(time.Date(2026, time.July, 14, 9, 0, 0, 0, time.UTC))
	if wp, err := w.app.MyWork(w.ctx, w.actor(access.Practitioner)); err != nil || len(wp.Flags) != 0 {
		t.Errorf("after %d days: %v %+v", app.FlagDays, err, wp.Flags)
	}
}

func TestExclusionNotFlaggedWithoutSocialCare(t *testing.T) {
	w := newFlagWorld(t)
	edu := w.actor(access.Education)
	if _, err := w.app.RecordEducation(w.ctx, edu, w.unknown, suspension(civil.MustNew(2026, time.June, 12))); err != nil {
		t.Fatal(err)
	}
	// A lunchtime exclusion of the known child is not flagged either.
	lunch := suspension(civil.MustNew(2026, time.June, 11))
	lunch.Exclusion.Category, lunch.Exclusion.Sessions = education.Lunchtime, 1
	if _, err := w.app.RecordEducation(w.ctx, edu, w.child, lunch); err != nil {
		t.Fatal(err)
	}
	since := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	for _, q := range []struct {
		worker access.UserID
		team   access.TeamID
	}{{w.users[access.Practitioner].ID, 0}, {0, w.vs.ID}, {0, w.team.ID}} {
		fs, err := w.st.ExclusionFlags(w.ctx, q.worker, q.team, since)
		if err != nil || len(fs) != 0 {
			t.Errorf("%+v: %v %+v", q, err, fs)
		}
	}
}

// flagsFail is a store whose units of work fail at the exclusion's notes,
// after the record's write.
type flagsFail struct{ store.Store }

type flagsFailTx struct{ store.Tx }

var errFlags = errors.New("the notes could not be written")

func (f flagsFailTx) CreateExclusionFlags(ctx context.Context, fs []store.ExclusionFlag, c store.Change) error {
	return errFlags
}

func (f flagsFail) Atomic(ctx context.Context, fn func(store.Tx) error) error {
	return f.Store.Atomic(ctx, func(tx store.Tx) error { return fn(flagsFailTx{tx}) })
}

func TestExclusionAndItsFlagsAreOneWrite(t *testing.T) {
	w := newFlagWorld(t)
	a := app.New(flagsFail{w.st}, quietLog)
	a.Clock = w.app.Clock
	edu := w.userActor(a, w.users[access.Education])
	if _, err := a.RecordEducation(w.ctx, edu, w.child, suspension(civil.MustNew(2026, time.June, 12))); !errors.Is(err, errFlags) {
		t.Fatalf("recording: %v", err)
	}
	page, err := w.app.Education(w.ctx, w.actor(access.Education), w.child)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 0 {
		t.Errorf("the exclusion was written without its notes: %+v", page.Records)
	}
	// A record that writes no notes is unaffected.
	if _, err := a.RecordEducation(w.ctx, edu, w.unknown, suspension(civil.MustNew(2026, time.June, 12))); err != nil {
		t.Errorf("no notes to write: %v", err)
	}
}

// TestEducationDue: the work items of a caseworker's requests and plans,
// from the SEND Regulations' time limits, for the records naming them.
func TestEducationDue(t *testing.T) {
	const me, them = access.UserID(7), access.UserID(8)
	d := civil.MustNew
	dob := d(2015, time.May, 4)
	today := d(2026, time.June, 15)
	req := func(q education.EHCRequest) education.Record {
		return education.Normalise(education.Record{ID: 1, PersonID: 3, Kind: education.KindEHCRequest, WorkerID: me, EHCRequest: &q})
	}
	plan := func(p education.EHCPlan) education.Record {
		p.Needs = []education.Need{{Type: "ASD", Rank: 1}}
		return education.Normalise(education.Record{ID: 2, PersonID: 3, Kind: education.KindEHCPlan, WorkerID: me, EHCPlan: &p})
	}
	type due struct {
		what string
		on   civil.Date
	}
	for _, tc := range []struct {
		name   string
		r      education.Record
		dob    civil.Date
		worker access.UserID
		want   []due
	}{
		{"a request received: the decision in 6 weeks", req(education.EHCRequest{Received: d(2026, time.May, 18)}), dob, me,
			[]due{{"Decide whether to carry out an EHC needs assessment", d(2026, time.June, 29)}}},
		{"an exception does not take the work away", req(education.EHCRequest{Received: d(2026, time.May, 18), Exceptions: []string{"C"}}), dob, me,
			[]due{{"Decide whether to carry out an EHC needs assessment", d(2026, time.June, 29)}}},
		{"decided to assess: the final plan in 20 weeks", req(education.EHCRequest{Received: d(2026, time.May, 18), RequestOutcome: "Y", RequestDecided: d(2026, time.June, 1)}), dob, me,
			[]due{{"Issue the final EHC plan", d(2026, time.October, 5)}}},
		{"decided not to issue a plan, and told: nothing left", req(education.EHCRequest{Received: d(2026, time.May, 18), RequestOutcome: "Y", RequestDecided: d(2026, time.June, 1), AssessmentOutcome: "N", AssessmentDecided: d(2026, time.June, 10)}), dob, me,
			nil},
		{"refused: nothing left", req(education.EHCRequest{Received: d(2026, time.May, 18), RequestOutcome: "N", RequestDecided: d(2026, time.June, 1)}), dob, me, nil},
		{"another worker's request", req(education.EHCRequest{Received: d(2026, time.May, 18)}), dob, them, nil},
		{"every worker's, for worker zero", req(education.EHCRequest{Received: d(2026, time.May, 18)}), dob, 0,
			[]due{{"Decide whether to carry out an EHC needs assessment", d(2026, time.June, 29)}}},
		{"a plan: the annual review", plan(education.EHCPlan{Issued: d(2025, time.July, 1)}), dob, me,
			[]due{{"Review the plan (annual review)", d(2026, time.July, 1)}}},
		{"a plan issued on 29 February: reviewed by 28 February", plan(education.EHCPlan{Issued: d(2024, time.February, 29), Reviews: []education.PlanReview{{Meeting: d(2025, time.February, 28), Decided: d(2025, time.March, 10), Decision: "maintain"}}}), dob, me,
			[]due{{"Review the plan (annual review)", d(2026, time.February, 28)}}},
		{"under 5: reviewed in 6 months", plan(education.EHCPlan{Issued: d(2026, time.March, 2)}), d(2022, time.September, 1), me,
			[]due{{"Review the plan (under 5: every 3 to 6 months)", d(2026, time.September, 2)}}},
		{"a review met, its decision in 4 weeks", plan(education.EHCPlan{Issued: d(2025, time.July, 1), Reviews: []education.PlanReview{{Meeting: d(2026, time.June, 3)}}}), dob, me,
			[]due{{"Decide to keep, amend or cease the plan after its review", d(2026, time.July, 1)}, {"Review the plan (annual review)", d(2027, time.June, 3)}}},
		{"a move to secondary: amended by 15 February", plan(education.EHCPlan{Issued: d(2025, time.July, 1), Transfer: &education.PhaseTransfer{Kind: education.TransferSchool, Move: d(2027, time.September, 2)}}), dob, me,
			[]due{{"Review the plan (annual review)", d(2026, time.July, 1)}, {"Amend the plan for the move to the next school phase", d(2027, time.February, 15)}}},
		{"a ceased plan", plan(education.EHCPlan{Issued: d(2024, time.July, 1), Ceased: d(2026, time.May, 1), CeaseReason: "2"}), dob, me, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []due
			for _, it := range app.EducationDue([]education.Record{tc.r}, tc.dob, education.SchoolCalendar{}, tc.worker, today) {
				if it.Record != journey.ID(tc.r.ID) || it.Kind != journey.Kind(tc.r.Kind) || it.PersonID != 3 {
					t.Errorf("item %+v names the wrong record", it)
				}
				got = append(got, due{it.What, it.Due})
			}
			// Most urgent first.
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("item %d: got %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}
