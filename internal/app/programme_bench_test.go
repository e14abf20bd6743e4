package app_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/civil"
	"hearth/internal/programme"
	"hearth/internal/report"
	"hearth/internal/store"
	"hearth/internal/store/sqlstore"
)

// BenchmarkAnnualReport makes the annual report of a programme of 30
// projects, each with 36 monthly reports (April 2020 to March 2023) of
// four milestones, and 60 risks and issues, from a SQLite store: read the
// records, compute the figures, build the document, and render it as the
// page's HTML and as the PDF. The target is under a second for both.
func BenchmarkAnnualReport(b *testing.B) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(b.TempDir(), "hearth.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	a := app.New(db, quietLog)
	a.Clock = func() time.Time { return time.Date(2023, time.April, 20, 9, 0, 0, 0, time.UTC) }
	u, err := db.CreateUser(ctx, access.User{Username: "pm", DisplayName: "Programme manager", Roles: []access.Role{access.ProgrammeManager}}, "x", store.Change{Reason: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	p, err := a.Principal(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	ac := app.Actor{Principal: p}
	id := loadBigProgramme(b, db, u.ID)

	run := func(b *testing.B, html, pdf bool) {
		for b.Loop() {
			an, err := a.AnnualReport(ctx, ac, id, 2022)
			if err != nil {
				b.Fatal(err)
			}
			d := app.AnnualDocument(an, a.Now())
			if html {
				if _, err := report.Fragment(d); err != nil {
					b.Fatal(err)
				}
			}
			if pdf {
				if err := report.PDF(io.Discard, d); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("html", func(b *testing.B) { run(b, true, false) })
	b.Run("pdf", func(b *testing.B) { run(b, false, true) })
	b.Run("html+pdf", func(b *testing.B) { run(b, true, true) })
}

// loadBigProgramme writes the seed's programme and outcomes, 30 projects at
// delivery with 36 reports each, and 60 register entries.
func loadBigProgramme(b *testing.B, db store.Store, by access.UserID) programme.ID {
	ctx := context.Background()
	seed := programme.Seed2021()
	c := store.Change{By: by, Reason: "bench"}
	var id programme.ID
	err := db.Atomic(ctx, func(tx store.Tx) error {
		p, err := tx.CreateProgramme(ctx, seed.Programme, c)
		if err != nil {
			return err
		}
		id = p.ID
		for _, o := range seed.Outcomes {
			o.Programme = p.ID
			if _, err := tx.CreateProgrammeOutcome(ctx, o, c); err != nil {
				return err
			}
		}
		rags := []programme.RAG{programme.OnTarget, programme.OnTarget, programme.AtRisk, programme.Compromised}
		for i := range 30 {
			pr, err := tx.CreateProject(ctx, programme.Project{Programme: p.ID, Name: fmt.Sprintf("Project %02d", i+1), Funding: "revenue",
				Purposes: []string{programme.ImprovedOutcomes, programme.Savings}, Start: civil.MustNew(2020, time.April, 1), Outcomes: []int{i%8 + 1},
				CoProduction: "engaging", Gateway: programme.Delivery}, c)
			if err != nil {
				return err
			}
			m := programme.Month{Year: 2020, Month: time.April}
			for j := range 36 {
				rag := rags[(i+j)%len(rags)]
				rep := programme.Report{Project: pr.ID, Month: m,
					Status:     programme.Statuses{Overall: rag, Cost: rag, Milestones: programme.OnTarget, Risks: rag, Issues: programme.OnTarget, Cashable: programme.NoStatus, NonCashable: rag},
					Commentary: fmt.Sprintf("Month %d of project %d: the month's actions were completed and the board was told of the risks ahead.", j+1, i+1),
					Finance: programme.Finance{Reported: true, Budget: programme.Pounds(int64(100_000 + i*5_000)), Spend: programme.Pounds(int64(2_000 * j)),
						Savings: programme.Pounds(int64(500 * j))},
					Membership: programme.Membership{Total: 10, Officers: 4, Frontline: 3, Partners: 2, ServiceUsers: 1}}
				for k := range 4 {
					rep.Milestones = append(rep.Milestones, programme.Milestone{Name: fmt.Sprintf("Milestone %d", k+1), Planned: civil.MustNew(2021+k/2, time.June, 30)})
				}
				if _, err := tx.CreateProjectReport(ctx, rep, c); err != nil {
					return err
				}
				if m.Month == time.December {
					m = programme.Month{Year: m.Year + 1, Month: time.January}
				} else {
					m.Month++
				}
			}
			for k, typ := range []string{programme.RiskEntry, programme.IssueEntry} {
				if _, err := tx.CreateRegisterEntry(ctx, programme.Entry{Programme: p.ID, Project: pr.ID, Type: typ, Category: "project",
					Description: fmt.Sprintf("Entry %d of project %d", k+1, i+1), Impact: "Delay", Mitigation: "Recruit", Owner: "Lead",
					Likelihood: 3, Severity: 2 + k, Status: programme.EntryOpen, Raised: civil.MustNew(2022, time.May, 1)}, c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return id
}
