package app_test

import (
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// hubWorld is a world with a hub team beside the social work team: a
// practitioner and a partner (police) in it, and the hub named.
type hubWorld struct {
	*world
	hub                 access.Team
	hubWorker, hubPolic app.Actor
}

func newHubWorld(t *testing.T, name bool) *hubWorld {
	t.Helper()
	w := newWorld(t)
	hw := &hubWorld{world: w}
	var err error
	if hw.hub, err = w.st.CreateTeam(w.ctx, access.Team{Name: "Missing and Exploitation Hub", ServiceID: w.team.ServiceID}); err != nil {
		t.Fatal(err)
	}
	member := func(username string, role access.Role) app.Actor {
		u, err := w.st.CreateUser(w.ctx, access.User{Username: username, DisplayName: username, Roles: []access.Role{role}, TeamID: hw.hub.ID}, "x", store.Change{Reason: "test"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := w.app.Principal(w.ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		return app.Actor{Principal: p, Remote: "192.0.2.7", Route: "test"}
	}
	hw.hubWorker, hw.hubPolic = member("hub.worker", access.Practitioner), member("hub.police", access.Partner)
	if name {
		if err := w.app.SetHubTeam(w.ctx, w.actor(access.Admin), hw.hub.ID, 0, "the hub opens"); err != nil {
			t.Fatal(err)
		}
	}
	return hw
}

// add writes a record straight to the store.
func (w *world) add(r journey.Record) journey.Record {
	w.t.Helper()
	got, err := w.st.CreateJourneyRecord(w.ctx, r, store.Change{By: w.admin.ID, Reason: "test"})
	if err != nil {
		w.t.Fatal(err)
	}
	return got
}

func screening(p people.ID, d civil.Date, sexual, criminal string) journey.Record {
	return journey.Record{PersonID: p, Kind: journey.KindScreening, Start: d,
		Screening: &care.Screening{Sexual: sexual, Criminal: criminal, CountyLines: "none", Trafficking: "none"}}
}

func missingFrom(p people.ID, at time.Time, away, police bool) journey.Record {
	return journey.Record{PersonID: p, Kind: journey.KindMissing, Start: civil.OfLondon(at),
		Missing: &care.Missing{StartedAt: at, Away: away, ReportedToPolice: police}}
}

// TestBriefingListsWhoIsMissingOrAtRisk: the briefing lists the young
// people missing now and those at risk, most urgent first, with what the
// hub needs; not one who came back, one whose latest screening found no
// more than a low risk, one discussed at MACE too long ago, nor one whose
// record is restricted.
func TestBriefingListsWhoIsMissingOrAtRisk(t *testing.T) {
	hw := newHubWorld(t, true)
	w := hw.world
	now := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC) // the world's clock
	kid := func(given string, restricted bool) people.ID { return w.person(given, "Child", restricted) }

	gone := kid("Gone", false) // missing 30 hours, high risk, in care, allocated
	w.add(missingFrom(gone, now.Add(-30*time.Hour), false, true))
	w.add(screening(gone, civil.MustNew(2026, time.May, 1), "none", "high"))
	w.add(journey.Record{PersonID: gone, Kind: journey.KindCareEpisode, Start: civil.MustNew(2026, time.January, 5), TeamID: w.team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "K2", Provider: "PR4", ReasonNew: "S"}})
	worker := w.users[access.Practitioner]
	w.add(journey.Record{PersonID: gone, Kind: journey.KindAllocation, Start: civil.MustNew(2026, time.January, 5), TeamID: w.team.ID, WorkerID: worker.ID, Allocation: &journey.Allocation{}})
	fresh := kid("Fresh", false) // missing 2 hours, no screening, not reported yet
	w.add(missingFrom(fresh, now.Add(-2*time.Hour), false, false))
	away := kid("Away", false) // whereabouts known, missing 50 hours
	w.add(missingFrom(away, now.Add(-50*time.Hour), true, true))
	risky := kid("Risky", false) // at home, medium risk
	w.add(screening(risky, civil.MustNew(2025, time.September, 1), "medium", "none"))
	met := kid("Met", false) // MACE last month
	w.add(journey.Record{PersonID: met, Kind: journey.KindMACE, Start: civil.MustNew(2026, time.May, 20), MACE: &care.MACE{Summary: "disruption plan"}})

	back := kid("Back", false)
	b := missingFrom(back, now.Add(-72*time.Hour), false, true)
	b.End = civil.OfLondon(now.Add(-48 * time.Hour))
	b.Missing.ReturnedAt = now.Add(-48 * time.Hour)
	w.add(b)
	better := kid("Better", false) // high, then low: the latest decides
	w.add(screening(better, civil.MustNew(2026, time.January, 10), "high", "high"))
	w.add(screening(better, civil.MustNew(2026, time.May, 10), "low", "none"))
	old := kid("Old", false) // high, 13 months ago; MACE 4 months ago
	w.add(screening(old, civil.MustNew(2025, time.May, 14), "high", "none"))
	w.add(journey.Record{PersonID: old, Kind: journey.KindMACE, Start: civil.MustNew(2026, time.February, 14), MACE: &care.MACE{Summary: "s"}})
	secret := kid("Secret", true)
	w.add(missingFrom(secret, now.Add(-5*time.Hour), false, true))

	bp, err := w.app.Briefing(w.ctx, hw.hubWorker)
	if err != nil {
		t.Fatal(err)
	}
	var order []people.ID
	for _, r := range bp.Rows {
		order = append(order, r.Person)
	}
	want := []people.ID{gone, fresh, away, risky, met}
	if len(order) != len(want) {
		t.Fatalf("rows %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("rows %v, want %v", order, want)
		}
	}
	g := bp.Rows[0]
	if !g.Missing || g.Away || g.MissingHours != 30 || !g.ReportedToPolice || g.Risk != 2 || !g.InCare ||
		g.Worker != worker.ID || g.TeamID != w.team.ID || g.Age != 11 || g.Screening == nil || g.Screening.Criminal != "high" {
		t.Errorf("the first row: %+v", g)
	}
	if bp.Names.Worker(worker.ID) != worker.DisplayName || bp.Names.Team(w.team.ID) != w.team.Name {
		t.Errorf("names: %+v", bp.Names)
	}
	if f := bp.Rows[1]; f.ReportedToPolice || f.MissingHours != 2 || f.InCare || f.Worker != 0 {
		t.Errorf("the second row: %+v", f)
	}
	if m := bp.Rows[4]; m.Missing || m.Risk != 0 || m.MACE != civil.MustNew(2026, time.May, 20) {
		t.Errorf("the MACE row: %+v", m)
	}
}

// TestBriefingIsForTheHubAlone: a member of the hub's team whose role
// allows it opens the briefing; anyone else, or anyone at all while no hub
// is named, is refused as any page their role does not allow, and the
// refusal logged. Each opening is one line of the access log with the
// number of young people; the navigation's question agrees.
func TestBriefingIsForTheHubAlone(t *testing.T) {
	hw := newHubWorld(t, false)
	w := hw.world
	child := w.person("Gone", "Child", false)
	w.add(missingFrom(child, time.Date(2026, time.June, 15, 6, 0, 0, 0, time.UTC), false, true))

	refused := func(who string, ac app.Actor) {
		t.Helper()
		_, err := w.app.Briefing(w.ctx, ac)
		if e := errs.As(err); e == nil || e.Code != errs.Forbidden || e.Message != "You do not have permission to do this" {
			t.Errorf("%s: %v, want the refusal of any page the role does not allow", who, err)
		}
		if w.app.InHub(w.ctx, ac.Principal) {
			t.Errorf("%s: the navigation would show the briefing", who)
		}
		lines, err := w.st.AccessLog(w.ctx, store.AccessQuery{UserID: ac.UserID(), Action: store.LogDenied, Limit: 10})
		if err != nil || len(lines) == 0 {
			t.Errorf("%s: refusal not logged (%v)", who, err)
		}
	}
	refused("a hub member before any hub is named", hw.hubWorker)
	if err := w.app.SetHubTeam(w.ctx, w.actor(access.Admin), hw.hub.ID, 0, "the hub opens"); err != nil {
		t.Fatal(err)
	}
	for _, role := range []access.Role{access.Practitioner, access.TeamManager, access.MASH, access.Analyst, access.Partner, access.Auditor, access.Admin, access.ProgrammeManager} {
		refused(string(role)+" outside the hub", w.actor(role))
	}
	for _, who := range []struct {
		name string
		ac   app.Actor
	}{{"the hub's practitioner", hw.hubWorker}, {"the hub's police officer", hw.hubPolic}} {
		if !w.app.InHub(w.ctx, who.ac.Principal) {
			t.Errorf("%s: the navigation would hide the briefing", who.name)
		}
		for range 2 {
			bp, err := w.app.Briefing(w.ctx, who.ac)
			if err != nil || len(bp.Rows) != 1 {
				t.Fatalf("%s: %d rows, %v", who.name, len(bp.Rows), err)
			}
		}
		all, err := w.st.AccessLog(w.ctx, store.AccessQuery{UserID: who.ac.UserID(), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var lines []store.AccessEntry
		for _, l := range all {
			if l.Action != store.LogDenied { // the refusal before the hub was named
				lines = append(lines, l)
			}
		}
		if len(lines) != 2 {
			t.Fatalf("%s: %d lines for two openings, want 2: %+v", who.name, len(lines), lines)
		}
		for _, l := range lines {
			if l.Action != store.LogBulkRead || l.Children != 1 || l.Kind != store.KindJourney || l.PersonID != 0 || l.Reason != access.ReasonHub {
				t.Errorf("%s: line %+v, want a bulk read of 1 child", who.name, l)
			}
		}
	}
}

// TestSetHubTeam: administrators name the hub, from the version they saw,
// with a reason; the team must exist.
func TestSetHubTeam(t *testing.T) {
	hw := newHubWorld(t, false)
	w := hw.world
	admin := w.actor(access.Admin)
	for _, tc := range []struct {
		name    string
		ac      app.Actor
		team    access.TeamID
		version int
		reason  string
		code    errs.Code
		field   string
	}{
		{"a practitioner", w.actor(access.Practitioner), hw.hub.ID, 0, "r", errs.Forbidden, ""},
		{"a team that does not exist", admin, 9999, 0, "the hub opens", errs.Invalid, "team_id"},
		{"no team", admin, 0, 0, "the hub opens", errs.Invalid, "team_id"},
		{"no reason", admin, hw.hub.ID, 0, "", errs.Invalid, "reason"},
		{"a version never written", admin, hw.hub.ID, 3, "the hub opens", errs.Conflict, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := w.app.SetHubTeam(w.ctx, tc.ac, tc.team, tc.version, tc.reason)
			e := errs.As(err)
			if e == nil || e.Code != tc.code || (tc.field != "" && (len(e.Fields) == 0 || e.Fields[0].Field != tc.field)) {
				t.Errorf("%v, want %s on %q", err, tc.code, tc.field)
			}
		})
	}
	if err := w.app.SetHubTeam(w.ctx, admin, hw.hub.ID, 0, "the hub opens"); err != nil {
		t.Fatal(err)
	}
	hp, err := w.app.HubSetting(w.ctx, admin)
	if err != nil || hp.Team != hw.hub.ID || hp.Version != 1 || len(hp.History) != 1 || len(hp.Teams) != 2 {
		t.Errorf("the setting: %+v, %v", hp, err)
	}
	if _, err := w.app.HubSetting(w.ctx, w.actor(access.Practitioner)); !errs.Is(err, errs.Forbidden) {
		t.Errorf("a practitioner read the setting: %v", err)
	}
}
