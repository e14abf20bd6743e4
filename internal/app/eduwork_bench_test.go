package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/people"
	"hearth/internal/store"
)

// BenchmarkEducationMyWork opens a SEND caseworker's "my work", whose
// deadlines are computed on read (app.educationWork), over a council of
// Demo City's size in EHC plans: 3,000 children with a plan and 500 with
// an open request, shared among 20 caseworkers (so 175 children each, a
// heavy caseload), each child on a school's roll. It measures the reading
// of one caseworker's children, their Subjects and records, and the
// deadlines of each.
func BenchmarkEducationMyWork(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)
	db, a := benchApp(b, now)
	svc, err := db.CreateService(ctx, access.Service{Name: "Education"})
	if err != nil {
		b.Fatal(err)
	}
	team, err := db.CreateTeam(ctx, access.Team{Name: "SEND", ServiceID: svc.ID})
	if err != nil {
		b.Fatal(err)
	}
	const caseworkers, plans, requests = 20, 3000, 500
	workers := make([]access.User, caseworkers)
	for i := range workers {
		if workers[i], err = db.CreateUser(ctx, access.User{Username: fmt.Sprintf("send%d", i), DisplayName: "Caseworker", Roles: []access.Role{access.Education}, TeamID: team.ID}, "x", store.Change{Reason: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	ps := make([]people.Person, plans+requests)
	for i := range ps {
		ps[i] = people.Person{GivenName: fmt.Sprintf("Pupil%d", i), FamilyName: "Bench", DateOfBirth: civil.MustNew(2008+i%16, time.Month(1+i%12), 1+i%28), Sex: "1"}
	}
	ids, err := db.ImportPeople(ctx, ps, nil, store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	today := civil.OfLondon(now)
	var rs []education.Record
	for i, id := range ids {
		w := workers[i%caseworkers].ID
		rs = append(rs, education.Record{PersonID: id, Kind: education.KindRoll, Start: civil.MustNew(2020, time.September, 3), Roll: &education.Roll{School: "103234"}})
		if i < plans {
			issued := today.AddDays(-30 - i%700)
			rs = append(rs, education.Normalise(education.Record{PersonID: id, Kind: education.KindEHCPlan, TeamID: team.ID, WorkerID: w,
				EHCPlan: &education.EHCPlan{Issued: issued, Needs: []education.Need{{Type: "ASD", Rank: 1}}, SettingURN: "103234"}}))
			continue
		}
		rs = append(rs, education.Normalise(education.Record{PersonID: id, Kind: education.KindEHCRequest, TeamID: team.ID, WorkerID: w,
			EHCRequest: &education.EHCRequest{Received: today.AddDays(-i % 120)}}))
	}
	if err := db.ImportEducation(ctx, rs, store.Change{Reason: "bench"}); err != nil {
		b.Fatal(err)
	}
	p, err := a.Principal(ctx, workers[0])
	if err != nil {
		b.Fatal(err)
	}
	ac := app.Actor{Principal: p, Remote: "192.0.2.1", Route: "bench"}
	wp, err := a.MyWork(ctx, ac)
	if err != nil {
		b.Fatal(err)
	}
	if len(wp.Children) != (plans+requests)/caseworkers {
		b.Fatalf("%d children on the list, want %d", len(wp.Children), (plans+requests)/caseworkers)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.MyWork(ctx, ac); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(wp.Due)), "items")
}

// BenchmarkHomeEducationRegister opens the home education register of a
// team with 1,500 children electively home educated (a large council's
// register; England's councils report from a few hundred to over two
// thousand), each with two contacts and a school roll before. It measures
// the reading of the team's children, their Subjects and every education
// record, the authorising of each, and the register's figures.
func BenchmarkHomeEducationRegister(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, time.June, 15, 9, 0, 0, 0, time.UTC)
	db, a := benchApp(b, now)
	team, err := db.CreateTeam(ctx, access.Team{Name: "Home education"})
	if err != nil {
		b.Fatal(err)
	}
	officer, err := db.CreateUser(ctx, access.User{Username: "ehe", DisplayName: "EHE officer", Roles: []access.Role{access.Education}, TeamID: team.ID}, "x", store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	const children = 1500
	ps := make([]people.Person, children)
	for i := range ps {
		ps[i] = people.Person{GivenName: fmt.Sprintf("Pupil%d", i), FamilyName: "Bench", DateOfBirth: civil.MustNew(2008+i%12, time.Month(1+i%12), 1+i%28), Sex: "1"}
	}
	ids, err := db.ImportPeople(ctx, ps, nil, store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	today := civil.OfLondon(now)
	var rs []education.Record
	for i, id := range ids {
		from := today.AddDays(-60 - i%900)
		rs = append(rs, education.Record{PersonID: id, Kind: education.KindRoll, Start: civil.MustNew(2018, time.September, 3), End: from.AddDays(-1), Roll: &education.Roll{School: "103234"}},
			education.Normalise(education.Record{PersonID: id, Kind: education.KindEHE, TeamID: team.ID, EHE: &education.EHE{From: from,
				Contacts: []education.EHEContact{{On: from.AddDays(20), Outcome: "suitable"}, {On: from.AddDays(40 + i%300), Outcome: "no_response"}}}}))
	}
	if err := db.ImportEducation(ctx, rs, store.Change{Reason: "bench"}); err != nil {
		b.Fatal(err)
	}
	p, err := a.Principal(ctx, officer)
	if err != nil {
		b.Fatal(err)
	}
	ac := app.Actor{Principal: p, Remote: "192.0.2.1", Route: "bench"}
	reg, err := a.HomeEducationRegister(ctx, ac)
	if err != nil {
		b.Fatal(err)
	}
	if len(reg.Rows) != children {
		b.Fatalf("%d children on the register, want %d", len(reg.Rows), children)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.HomeEducationRegister(ctx, ac); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(reg.InContact), "in_contact")
}
