package demo

import (
	"context"
	"fmt"
	"time"

	"hearth/internal/civil"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// The city's transformation programme: the programme's first annual report
// (2020-21) as its seed gives it (programme.Seed2021), and after it two
// years of monthly reports, April 2021 to March 2023, for the projects that
// stood at delivery, so that the board packs and the annual reports for
// 2021-22 and 2022-23 have something to show. The invented reports are made
// by rule from each project's March 2021 report and the month, with no
// random draw, so that adding them changed nothing else the city holds and
// the same date gives the same programme.

// Programme is the city's programme records, with the invented reports up
// to the month of today (none after March 2023). Ids only link the records
// to one another; LoadProgramme writes each as a new record.
func Programme(today civil.Date) programme.Records {
	r := programme.Seed2021()
	last := programme.Month{Year: 2023, Month: time.March}
	if m := programme.MonthOf(today); m.Compare(last) < 0 {
		last = m
	}
	base := map[programme.ProjectID]programme.Report{}
	for _, rep := range r.Reports {
		base[rep.Project] = rep
	}
	next := programme.ReportID(1000)
	for _, p := range r.Projects {
		b, ok := base[p.ID]
		if p.Gateway != programme.Delivery || !ok {
			continue
		}
		for i, m := 1, (programme.Month{Year: 2021, Month: time.April}); m.Compare(last) <= 0; i, m = i+1, nextMonth(m) {
			r.Reports = append(r.Reports, inventedReport(next, p, b, m, i))
			next++
		}
	}
	return r
}

func nextMonth(m programme.Month) programme.Month {
	if m.Month == time.December {
		return programme.Month{Year: m.Year + 1, Month: time.January}
	}
	return programme.Month{Year: m.Year, Month: m.Month + 1}
}

// ragCycle is the run of statuses a project passes through: mostly on
// target, at risk now and then, compromised rarely.
var ragCycle = []programme.RAG{
	programme.OnTarget, programme.OnTarget, programme.OnTarget, programme.AtRisk, programme.OnTarget,
	programme.OnTarget, programme.AtRisk, programme.OnTarget, programme.OnTarget, programme.OnTarget, programme.Compromised, programme.AtRisk,
}

// inventedReport is project p's report for month m, the i-th month after
// March 2021, made from its March 2021 report b.
func inventedReport(id programme.ReportID, p programme.Project, b programme.Report, m programme.Month, i int) programme.Report {
	at := func(shift int) programme.RAG { return ragCycle[(int(p.ID)*5+i+shift)%len(ragCycle)] }
	keep := func(was programme.RAG, shift int) programme.RAG {
		// A part that does not apply, or is not reported, stays so.
		if was == programme.NoStatus || was == programme.NotReporting {
			return was
		}
		return at(shift)
	}
	s := b.Status
	st := programme.Statuses{
		Overall: at(0), Cost: keep(s.Cost, 3), Milestones: keep(s.Milestones, 1), Risks: keep(s.Risks, 5),
		Issues: keep(s.Issues, 7), Cashable: keep(s.Cashable, 2), NonCashable: keep(s.NonCashable, 4),
	}
	// Overall is never better than its worst part: a project on target
	// overall with a part compromised is what the seed's inconsistency
	// check points out, and the invented months do not repeat it.
	for _, part := range []programme.RAG{st.Cost, st.Milestones, st.Risks, st.Issues, st.Cashable, st.NonCashable} {
		if part == programme.Compromised && st.Overall == programme.OnTarget {
			st.Overall = programme.AtRisk
		}
	}
	rep := programme.Report{ID: id, Project: p.ID, Month: m, Status: st, Finance: b.Finance, Membership: b.Membership,
		Commentary: commentary(p.Name, st.Overall, m)}
	if f := &rep.Finance; f.Reported && !f.HasGrant() && f.Value() > f.Spend {
		// Spend grows by a 48th of what was left in March 2021 each month.
		f.Spend += (f.Value() - b.Finance.Spend) / 48 * programme.Pence(i)
	}
	// A review each quarter: reached on time when the quarter went well,
	// a fortnight late otherwise.
	for q := 1; q <= i/3; q++ {
		qm := programme.Month{Year: 2021, Month: time.March}
		for range q * 3 {
			qm = nextMonth(qm)
		}
		ms := programme.Milestone{Name: fmt.Sprintf("Quarterly review to the board, %s %d", qm.Month, qm.Year), Planned: qm.Last()}
		ms.Actual = ms.Planned
		if at(q) != programme.OnTarget {
			ms.Actual = ms.Planned.AddDays(14)
		}
		if ms.Actual.After(m.Last()) {
			ms.Actual = civil.Date{}
		}
		rep.Milestones = append(rep.Milestones, ms)
	}
	return rep
}

func commentary(name string, overall programme.RAG, m programme.Month) string {
	switch overall {
	case programme.OnTarget:
		return fmt.Sprintf("%s is on track in %s %d: the plan's actions for the month were completed.", name, m.Month, m.Year)
	case programme.AtRisk:
		return fmt.Sprintf("%s is at risk in %s %d: recruitment has slowed delivery, and the board is asked to note the recovery plan.", name, m.Month, m.Year)
	}
	return fmt.Sprintf("%s is compromised in %s %d: a key supplier withdrew, and the project asks the board for a decision on the timetable.", name, m.Month, m.Year)
}

// LoadProgramme writes a programme's records in one unit of work, mapping
// the ids that link its records to those the store gives.
func LoadProgramme(ctx context.Context, st store.Store, r programme.Records, change store.Change) error {
	change.At = time.Now().UTC()
	return st.Atomic(ctx, func(tx store.Tx) error {
		p, err := tx.CreateProgramme(ctx, r.Programme, change)
		if err != nil {
			return fmt.Errorf("demo: adding the programme: %w", err)
		}
		for _, o := range r.Outcomes {
			o.Programme = p.ID
			if _, err := tx.CreateProgrammeOutcome(ctx, o, change); err != nil {
				return fmt.Errorf("demo: adding outcome %d: %w", o.Number, err)
			}
		}
		projects := map[programme.ProjectID]programme.ProjectID{}
		for _, pr := range r.Projects {
			old := pr.ID
			pr.Programme = p.ID
			made, err := tx.CreateProject(ctx, pr, change)
			if err != nil {
				return fmt.Errorf("demo: adding project %q: %w", pr.Name, err)
			}
			projects[old] = made.ID
		}
		for _, rep := range r.Reports {
			rep.Project = projects[rep.Project]
			if _, err := tx.CreateProjectReport(ctx, rep, change); err != nil {
				return fmt.Errorf("demo: adding a report for %s: %w", rep.Month, err)
			}
		}
		for _, e := range r.Entries {
			e.Programme = p.ID
			if e.Project != 0 {
				e.Project = projects[e.Project]
			}
			if _, err := tx.CreateRegisterEntry(ctx, e, change); err != nil {
				return fmt.Errorf("demo: adding a risk or issue: %w", err)
			}
		}
		return nil
	})
}
