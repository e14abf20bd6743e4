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
