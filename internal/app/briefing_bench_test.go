package app_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/care"
	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// BenchmarkBriefing opens the daily briefing over a council the size of
// Demo City's journeys: 25,000 children and about 125,000 records, of whom
// 120 are missing now, 400 have been screened in the last year (a third of
// them at medium or high risk) and 60 discussed at MACE. The target is
// that of the page: p99 under 25 ms with Demo City (hearth bench).
func BenchmarkBriefing(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)
	db, a := benchApp(b, now)
	svc, err := db.CreateService(ctx, access.Service{Name: "Children's Social Care"})
	if err != nil {
		b.Fatal(err)
	}
	team, err := db.CreateTeam(ctx, access.Team{Name: "Locality", ServiceID: svc.ID})
	if err != nil {
		b.Fatal(err)
	}
	hub, err := db.CreateTeam(ctx, access.Team{Name: "Hub", ServiceID: svc.ID})
	if err != nil {
		b.Fatal(err)
	}
	worker, err := db.CreateUser(ctx, access.User{Username: "w", DisplayName: "W", Roles: []access.Role{access.Practitioner}, TeamID: team.ID}, "x", store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	member, err := db.CreateUser(ctx, access.User{Username: "h", DisplayName: "H", Roles: []access.Role{access.Partner}, TeamID: hub.ID}, "x", store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.SetHubTeam(ctx, hub.ID, 0, store.Change{Reason: "bench"}); err != nil {
		b.Fatal(err)
	}

	const children = 25000
	ps := make([]people.Person, children)
	for i := range ps {
		ps[i] = people.Person{GivenName: fmt.Sprintf("Child%d", i), FamilyName: "Bench", DateOfBirth: civil.MustNew(2008+i%16, time.Month(1+i%12), 1+i%28), Sex: "1"}
	}
	ids, err := db.ImportPeople(ctx, ps, nil, store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	today := civil.OfLondon(now)
	var rs []journey.Record
	add := func(r journey.Record) {
		r.ID = journey.ID(len(rs) + 1)
		rs = append(rs, r)
	}
	risks := []string{"none", "low", "medium", "high", "none", "low"}
	for i, id := range ids {
		start := today.AddDays(-30 - i%900)
		add(journey.Record{PersonID: id, Kind: journey.KindContact, Start: start, End: start, TeamID: team.ID,
			Contact: &journey.Contact{ReceivedAt: civil.StartOfLondon(start).Add(9 * time.Hour), Source: "1A", Decision: "nfa"}})
		add(journey.Record{PersonID: id, Kind: journey.KindAllocation, Start: start, TeamID: team.ID, WorkerID: worker.ID, Allocation: &journey.Allocation{}})
		add(journey.Record{PersonID: id, Kind: journey.KindNote, Start: start, Note: &journey.Note{Title: "t", Text: "x"}})
		add(journey.Record{PersonID: id, Kind: journey.KindVisit, Start: start.AddDays(7), Visit: &journey.Visit{Seen: true}})
		ret := start.AddDays(2)
		add(journey.Record{PersonID: id, Kind: journey.KindMissing, Start: start, End: ret, TeamID: team.ID,
			Missing: &care.Missing{StartedAt: civil.StartOfLondon(start).Add(20 * time.Hour), ReturnedAt: civil.StartOfLondon(ret), ReportedToPolice: true}})
		switch {
		case i%200 == 0: // 125 missing now
			add(journey.Record{PersonID: id, Kind: journey.KindMissing, Start: today.AddDays(-i % 3), TeamID: team.ID,
				Missing: &care.Missing{StartedAt: now.Add(-time.Duration(1+i%70) * time.Hour), ReportedToPolice: i%400 == 0}})
		case i%60 == 1: // about 400 screened
			add(journey.Record{PersonID: id, Kind: journey.KindScreening, Start: today.AddDays(-i % 400), TeamID: team.ID,
				Screening: &care.Screening{Sexual: risks[i%6], Criminal: risks[(i/6)%6], CountyLines: "none", Trafficking: "none"}})
		case i%400 == 3: // about 60 discussed
			add(journey.Record{PersonID: id, Kind: journey.KindMACE, Start: today.AddDays(-i % 120), MACE: &care.MACE{Summary: "s"}})
		}
	}
	if _, err := db.ImportJourneys(ctx, rs, store.Change{Reason: "bench"}); err != nil {
		b.Fatal(err)
	}
	p, err := a.Principal(ctx, member)
	if err != nil {
		b.Fatal(err)
	}
	ac := app.Actor{Principal: p, Remote: "127.0.0.1", Route: "bench"}
	bp, err := a.Briefing(ctx, ac)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(bp.Rows)), "rows")
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.Briefing(ctx, ac); err != nil {
			b.Fatal(err)
		}
	}
}

// benchApp opens an empty SQLite store for a benchmark, closed when it
// ends, and an app over it whose clock stands at now.
func benchApp(b *testing.B, now time.Time) (*sqlstore.DB, *app.App) {
	b.Helper()
	db, err := sqlstore.Open(context.Background(), filepath.Join(b.TempDir(), "hearth.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	a := app.New(db, quietLog)
	a.Clock = func() time.Time { return now }
	return db, a
}
