package storetest

import (
	"slices"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The daily briefing of the missing and exploitation hub (briefing.go).

// testHubTeam: no hub until one is named; each change names the version it
// started from, and one from a stale version is refused and writes nothing.
func testHubTeam(t *testing.T, s store.Store) {
	ctx := t.Context()
	admin := mustUser(t, s, "Ada Admin")
	hub, err := s.CreateTeam(ctx, access.Team{Name: "Missing and Exploitation Hub"})
	ok(t, err)
	other, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)

	team, v, err := s.HubTeam(ctx)
	ok(t, err)
	equal(t, "hub never named", team, access.TeamID(0))
	equal(t, "version never set", v, 0)

	_, err = s.SetHubTeam(ctx, hub.ID, 1, store.Change{By: admin.ID, Reason: "from nowhere"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetHubTeam(ctx, hub.ID, 0, store.Change{By: admin.ID, At: at(2025, time.March, 3, 9, 0, 0, 0), Reason: "the hub opens"})
	ok(t, err)
	equal(t, "first version", v, 1)
	_, err = s.SetHubTeam(ctx, other.ID, 0, store.Change{By: admin.ID, Reason: "late"})
	wantCode(t, err, errs.Conflict)
	v, err = s.SetHubTeam(ctx, other.ID, 1, store.Change{By: admin.ID, At: at(2025, time.April, 1, 9, 0, 0, 0), Reason: "the hub moves"})
	ok(t, err)
	equal(t, "second version", v, 2)

	team, v, err = s.HubTeam(ctx)
	ok(t, err)
	equal(t, "hub as named", team, other.ID)
	equal(t, "version as named", v, 2)
	h, err := s.HubTeamHistory(ctx)
	ok(t, err)
	equal(t, "versions", len(h), 2)
	equal(t, "first named", h[0].Record, hub.ID)
	equal(t, "then", h[1].Record, other.ID)
	equal(t, "why", h[1].Reason, "the hub moves")
	equal(t, "by whom", h[1].ByName, "Ada Admin")
	// The timescales, a setting beside it, are untouched.
	_, tv, err := s.Timescales(ctx)
	ok(t, err)
	equal(t, "timescales never set", tv, 0)
}

// testBriefingChildren: the children with an open missing episode, a
// screening since the first day that found a medium or high risk (the
// latest, low, comes with it) or a MACE meeting since the second, each
// with those records and their open allocation and episode of care; not a
// child who returned, one screened or discussed too long ago, nor one whose
// screenings found no more than a low risk; a
// restricted child marked. The read needs a permit for the briefing itself.
func testBriefingChildren(t *testing.T, s store.Store) {
	ctx := t.Context()
	team, err := s.CreateTeam(ctx, access.Team{Name: "Locality"})
	ok(t, err)
	c := store.Change{Reason: "test"}
	born := day(2010, 1, 1)
	missingNow := mustCreate(t, s, child("Mia", "Away", born), c)
	returned := mustCreate(t, s, child("Ray", "Back", born), c)
	screened := mustCreate(t, s, child("Sam", "Screened", born), c)
	screenedLongAgo := mustCreate(t, s, child("Old", "Screened", born), c)
	screenedLow := mustCreate(t, s, child("Low", "Screened", born), c)
	discussed := mustCreate(t, s, child("Mac", "Met", born), c)
	discussedLongAgo := mustCreate(t, s, child("Old", "Met", born), c)
	secret := child("Res", "Tricted", born)
	secret.Restricted = true
	restricted := mustCreate(t, s, secret, c)

	today := day(2025, 6, 30)
	q := store.BriefingQuery{Today: today, ScreenedSince: day(2024, 6, 30), MACESince: day(2025, 3, 30)}
	miss := func(p people.ID, start civil.Date) journey.Record {
		return journey.Record{PersonID: p, Kind: journey.KindMissing, Start: start, TeamID: team.ID,
			Missing: &care.Missing{StartedAt: civil.StartOfLondon(start).Add(20 * time.Hour).UTC(), ReportedToPolice: true}}
	}
	screen := func(p people.ID, d civil.Date, risk string) journey.Record {
		return journey.Record{PersonID: p, Kind: journey.KindScreening, Start: d, TeamID: team.ID,
			Screening: &care.Screening{Sexual: risk, Criminal: "none", CountyLines: "none", Trafficking: "none"}}
	}
	mace := func(p people.ID, d civil.Date) journey.Record {
		return journey.Record{PersonID: p, Kind: journey.KindMACE, Start: d, TeamID: team.ID, MACE: &care.MACE{Summary: "plan agreed"}}
	}

	m1 := mustJourney(t, s, miss(missingNow.ID, day(2025, 6, 29)), c)
	inCare := mustJourney(t, s, journey.Record{PersonID: missingNow.ID, Kind: journey.KindCareEpisode, Start: day(2025, 1, 6), TeamID: team.ID,
		CareEpisode: &care.Episode{LegalStatus: "C2", Need: "N1", Placement: "K2", Provider: "PR4", ReasonNew: "S"}}, c)
	alloc := mustJourney(t, s, allocationOf(missingNow.ID, 0, team.ID, 0, day(2025, 1, 6)), c)
	mustJourney(t, s, ended(allocationOf(missingNow.ID, 0, team.ID, 0, day(2024, 1, 6)), day(2025, 1, 5)), c)
	mustJourney(t, s, ended(miss(missingNow.ID, day(2025, 5, 1)), day(2025, 5, 2)), c)
	mustJourney(t, s, ended(miss(returned.ID, day(2025, 6, 1)), day(2025, 6, 2)), c)
	s1 := mustJourney(t, s, screen(screened.ID, day(2024, 7, 1), "high"), c)
	s2 := mustJourney(t, s, screen(screened.ID, day(2025, 6, 1), "low"), c)
	mustJourney(t, s, screen(screenedLongAgo.ID, day(2024, 6, 29), "high"), c)
	mustJourney(t, s, screen(screenedLow.ID, day(2025, 6, 1), "low"), c)
	mc := mustJourney(t, s, mace(discussed.ID, day(2025, 4, 1)), c)
	mustJourney(t, s, mace(discussedLongAgo.ID, day(2025, 3, 29)), c)
	mr := mustJourney(t, s, miss(restricted.ID, day(2025, 6, 30)), c)

	hub := access.Principal{User: access.User{ID: 1, Roles: []access.Role{access.Practitioner}, TeamID: team.ID}}
	bp := access.AuthorizeBriefing(hub, team.ID, time.Now()).Bulk
	got, err := s.BriefingChildren(ctx, bp, q)
	ok(t, err)
	slices.SortFunc(got, func(a, b store.BriefingChild) int { return int(a.Person.ID - b.Person.ID) })
	var ids []people.ID
	for _, ch := range got {
		ids = append(ids, ch.Person.ID)
	}
	equal(t, "children", ids, []people.ID{missingNow.ID, screened.ID, discussed.ID, restricted.ID})
	equal(t, "the missing child's records", got[0].Records, []journey.Record{inCare, alloc, m1})
	equal(t, "the missing child's name", got[0].Person.GivenName, "Mia")
	equal(t, "the screenings", got[1].Records, []journey.Record{s1, s2})
	equal(t, "the meeting", got[2].Records, []journey.Record{mc})
	equal(t, "the restricted child's records", got[3].Records, []journey.Record{mr})
	equal(t, "restricted marked", got[3].Person.Restricted, true)

	_, err = s.BriefingChildren(ctx, access.BulkPermit{}, q)
	wantCode(t, err, errs.Internal)
	_, err = s.BriefingChildren(ctx, access.SystemBulk("another bulk read"), q)
	wantCode(t, err, errs.Internal)
}
