package app

import (
	"fmt"
	"strings"
	"time"

	"hearth/internal/programme"
	"hearth/internal/report"
)

// AnnualDocument is the programme's annual report for a year as a
// document, in the order of the programme's first annual report:
// background, key achievements, the RAG summary by gateway, progress
// against each outcome, learning, priorities, group membership, programme
// finance with its totals, risks and issues, and what in the records does
// not add up. The page, the PDF and the workbook are this one document.
func AnnualDocument(a programme.Annual, made time.Time) report.Document {
	d := report.Document{
		Title:    a.Programme + ": annual report",
		Subtitle: "Financial year " + a.Year.String() + ", as at the end of " + monthName(a.AsOf),
		Made:     made,
	}
	add := func(heading string, blocks ...report.Block) {
		d.Sections = append(d.Sections, report.Section{Heading: heading, Blocks: blocks})
	}

	background := []report.Block{}
	if a.Vision != "" {
		background = append(background, report.Paragraph{Text: a.Vision})
	}
	if a.SRO.Name != "" {
		background = append(background, report.Paragraph{Text: "Senior responsible owner: " + a.SRO.Name + "."})
	}
	add("Background", append(background, report.Paragraph{Text: fmt.Sprintf(
		"This report gives each project's position from its latest monthly report in %s.", a.Year)})...)

	var open, completed, reporting int
	var done []string
	for _, g := range a.RAG {
		for _, row := range g.Rows {
			open++
			if !row.Month.IsZero() {
				reporting++
			}
			if row.Status.Overall == programme.Completed {
				completed++
				done = append(done, row.Name)
			}
		}
	}
	t := a.Finance.Totals
	achievements := []report.Block{report.KeyFigures{Figures: []report.KeyFigure{
		{Label: "Projects open at the year's end", Value: report.Int(int64(open)), Note: fmt.Sprintf("%d reporting", reporting)},
		{Label: "Programme value", Value: report.Pence(int64(t.Value)), Note: "budgets with uplifts, about " + t.Value.Millions()},
		{Label: "Cost avoidance", Value: report.Pence(int64(t.CostAvoidance))},
		{Label: "Savings", Value: report.Pence(int64(t.Savings))},
		{Label: "Members of project groups", Value: report.Int(int64(a.Membership.Total.Total))},
	}}}
	if len(done) > 0 {
		achievements = append(achievements, report.Paragraph{Text: "Completed in the year:"}, report.List{Items: done})
	}
	add("Key achievements", achievements...)

	var rag []report.Block
	for _, g := range a.RAG {
		tb := report.Table{Caption: programme.Gateways.Label(string(g.Gateway)), Columns: []report.Column{
			{Heading: "Project"}, {Heading: "Overall"}, {Heading: "Cost"}, {Heading: "Milestones"}, {Heading: "Risks"},
			{Heading: "Issues"}, {Heading: "Cashable benefits"}, {Heading: "Non-cashable benefits"}}}
		for _, row := range g.Rows {
			s := row.Status
			tb.Rows = append(tb.Rows, []report.Value{report.Str(row.Name), rag1(s.Overall), rag1(s.Cost), rag1(s.Milestones),
				rag1(s.Risks), rag1(s.Issues), rag1(s.Cashable), rag1(s.NonCashable)})
		}
		rag = append(rag, tb)
	}
	if len(rag) == 0 {
		rag = append(rag, report.Paragraph{Text: "No project was open at the year's end."})
	}
	add("RAG summary by gateway", rag...)

	var outcomes []report.Block
	for _, o := range a.Outcomes {
		outcomes = append(outcomes, report.Paragraph{Text: fmt.Sprintf("Outcome %d: %s", o.Number, o.Title)})
		if len(o.Projects) > 0 {
			var names []string
			for _, p := range o.Projects {
				n := p.Name
				if p.CoProduction != "" {
					n += " (" + strings.ToLower(programme.Ladder.Label(p.CoProduction)) + ")"
				}
				names = append(names, n)
			}
			outcomes = append(outcomes, report.List{Items: names})
		}
		for _, m := range o.Measures {
			if m.Indicator != "" {
				outcomes = append(outcomes, report.Paragraph{Text: m.Name + ": Hearth's indicator " + m.Indicator + "."})
				continue
			}
			tb := report.Table{Caption: measureCaption(m), Columns: []report.Column{{Heading: "Period"}, {Heading: "As at", Kind: report.Date}, {Heading: "Value"}}}
			for _, f := range m.Figures {
				tb.Rows = append(tb.Rows, []report.Value{report.Str(f.Period), report.On(f.On), report.Str(f.Value)})
			}
			if len(tb.Rows) > 0 {
				outcomes = append(outcomes, tb)
			}
		}
	}
	if len(outcomes) == 0 {
		outcomes = append(outcomes, report.Paragraph{Text: "The programme has no outcomes recorded."})
	}
	add("Progress against the outcomes", outcomes...)

	var learning []string
	for _, g := range a.RAG {
		for _, row := range g.Rows {
			if row.Comment != "" {
				learning = append(learning, row.Name+": "+row.Comment)
			}
		}
	}
	if len(learning) > 0 {
		add("Learning", report.Paragraph{Text: "What the projects reported in their latest reports."}, report.List{Items: learning})
	} else {
		add("Learning", report.Paragraph{Text: "No project gave a commentary in the year."})
	}

	var next []string
	for _, g := range a.RAG {
		to := g.Gateway.Next()
		if to == "" || g.Gateway == programme.Closure {
			continue
		}
		for _, row := range g.Rows {
			next = append(next, row.Name+": from "+programme.Gateways.Label(string(g.Gateway))+" to "+programme.Gateways.Label(string(to)))
		}
	}
	if len(next) > 0 {
		add("Priorities for the coming year", report.Paragraph{Text: "The projects' next gateways."}, report.List{Items: next})
	} else {
		add("Priorities for the coming year", report.Paragraph{Text: "No project has a further gateway ahead."})
	}

	mt := a.Membership.Total
	mem := report.Table{Caption: "Project group membership", Columns: []report.Column{{Heading: "Project"}, {Heading: "Members", Kind: report.Integer},
		{Heading: "Officers", Kind: report.Integer}, {Heading: "Frontline", Kind: report.Integer}, {Heading: "Partners", Kind: report.Integer},
		{Heading: "Service user representatives", Kind: report.Integer}}}
	for _, r := range a.Membership.Rows {
		mem.Rows = append(mem.Rows, []report.Value{report.Str(r.Name), report.Int(int64(r.Total)), report.Int(int64(r.Officers)),
			report.Int(int64(r.Frontline)), report.Int(int64(r.Partners)), report.Int(int64(r.ServiceUsers))})
	}
	mem.Totals = []report.Value{report.Str("Total"), report.Int(int64(mt.Total)), report.Int(int64(mt.Officers)), report.Int(int64(mt.Frontline)),
		report.Int(int64(mt.Partners)), report.Int(int64(mt.ServiceUsers))}
	add("Co-production and membership", mem, report.Paragraph{Text: fmt.Sprintf(
		"Of %d members: %d%% officers, %d%% frontline staff, %d%% partners, %d%% service user representatives.",
		mt.Total, mt.Percent.Officers, mt.Percent.Frontline, mt.Percent.Partners, mt.Percent.ServiceUsers)})

	fin := report.Table{Caption: "Project budgets", Columns: []report.Column{{Heading: "Project"}, {Heading: "Funding"},
		{Heading: "Agreed budget", Kind: report.Money}, {Heading: "Uplifts", Kind: report.Money}, {Heading: "Budget with uplifts", Kind: report.Money},
		{Heading: "Spend to date", Kind: report.Money}, {Heading: "Savings", Kind: report.Money}, {Heading: "Cost avoidance", Kind: report.Money}}}
	for _, r := range a.Finance.Rows {
		fin.Rows = append(fin.Rows, []report.Value{report.Str(r.Name), report.Str(programme.FundingTypes.Label(r.Funding)),
			report.Pence(int64(r.Budget)), report.Pence(int64(r.Uplifts)), report.Pence(int64(r.Value())), report.Pence(int64(r.Spend)),
			report.Pence(int64(r.Savings)), report.Pence(int64(r.CostAvoidance))})
	}
	fin.Totals = []report.Value{report.Str("Total"), {}, report.Pence(int64(t.Budget)), report.Pence(int64(t.Uplifts)), report.Pence(int64(t.Value)),
		report.Pence(int64(t.Spend)), report.Pence(int64(t.Savings)), report.Pence(int64(t.CostAvoidance))}
	finance := []report.Block{fin}
	if len(a.Finance.Grants) > 0 {
		g := a.Finance.GrantTotals
		gt := report.Table{Caption: "Grants received over years", Columns: []report.Column{{Heading: "Project"},
			{Heading: "Brought forward", Kind: report.Money}, {Heading: "Received", Kind: report.Money}, {Heading: "Spent", Kind: report.Money},
			{Heading: "Balance", Kind: report.Money}}}
		for _, r := range a.Finance.Grants {
			gt.Rows = append(gt.Rows, []report.Value{report.Str(r.Name), report.Pence(int64(r.GrantBroughtForward)), report.Pence(int64(r.GrantReceived)),
				report.Pence(int64(r.GrantSpent)), report.Pence(int64(r.GrantBalance()))})
		}
		gt.Totals = []report.Value{report.Str("Total"), report.Pence(int64(g.GrantBroughtForward)), report.Pence(int64(g.GrantReceived)),
			report.Pence(int64(g.GrantSpent)), report.Pence(int64(g.GrantBalance))}
		finance = append(finance, gt)
	}
	if len(a.Finance.Team) > 0 {
		tt := report.Table{Caption: "Programme team", Columns: []report.Column{{Heading: "Role"}, {Heading: "Grade", Kind: report.Integer},
			{Heading: "Hours a week", Kind: report.Integer}, {Heading: "Full-time equivalent", Kind: report.Percent}, {Heading: "Funding"}, {Heading: "Cost", Kind: report.Money}}}
		for _, p := range a.Finance.Team {
			tt.Rows = append(tt.Rows, []report.Value{report.Str(p.Role), report.Int(int64(p.Grade)), report.Int(int64(p.Hours)),
				report.Pct(float64(p.FTE)/100, 0), report.Str(p.Funding), report.Pence(int64(p.Cost))})
		}
		tt.Totals = []report.Value{report.Str("Total"), {}, {}, {}, {}, report.Pence(int64(a.Finance.TeamCost))}
		finance = append(finance, tt)
	}
	add("Programme finance", finance...)

	add("Risks and issues", entriesTable("Risks open at the year's end", a.Risks), entriesTable("Issues open at the year's end", a.Issues))

	if len(a.Inconsistencies) == 0 {
		add("Inconsistencies found", report.Paragraph{Text: "The records add up: nothing was found that disagrees."})
	} else {
		var items []string
		for _, in := range a.Inconsistencies {
			items = append(items, in.Message+".")
		}
		add("Inconsistencies found", report.Paragraph{Text: "Where the records do not add up. The figures above are as recorded."}, report.List{Items: items})
	}
	return d
}

// BoardPackDocument is the board pack for a month as a document: the RAG
// summary by gateway, each report of the month with its commentary,
// milestones and finance, and the risks and issues open at the month's
// end.
func BoardPackDocument(b BoardPack, made time.Time) report.Document {
	d := report.Document{Title: b.Programme.Name + ": board pack", Subtitle: monthName(b.Month), Made: made}
	var rag []report.Block
	for _, g := range b.RAG {
		tb := report.Table{Caption: programme.Gateways.Label(string(g.Gateway)), Columns: []report.Column{
			{Heading: "Project"}, {Heading: "Report"}, {Heading: "Overall"}, {Heading: "Cost"}, {Heading: "Milestones"}, {Heading: "Risks"}, {Heading: "Issues"}}}
		for _, row := range g.Rows {
			s := row.Status
			tb.Rows = append(tb.Rows, []report.Value{report.Str(row.Name), report.Str(row.Month.String()), rag1(s.Overall), rag1(s.Cost),
				rag1(s.Milestones), rag1(s.Risks), rag1(s.Issues)})
		}
		rag = append(rag, tb)
	}
	if len(rag) == 0 {
		rag = append(rag, report.Paragraph{Text: "No project was open at the month's end."})
	}
	d.Sections = append(d.Sections, report.Section{Heading: "RAG summary by gateway", Blocks: rag})

	for _, br := range b.Reports {
		r := br.Report
		blocks := []report.Block{}
		if r.Commentary != "" {
			blocks = append(blocks, report.Paragraph{Text: r.Commentary})
		}
		if len(r.Milestones) > 0 {
			mt := report.Table{Caption: "Milestones", Columns: []report.Column{{Heading: "Milestone"}, {Heading: "Planned", Kind: report.Date}, {Heading: "Reached", Kind: report.Date}}}
			for _, m := range r.Milestones {
				mt.Rows = append(mt.Rows, []report.Value{report.Str(m.Name), report.On(m.Planned), report.On(m.Actual)})
			}
			blocks = append(blocks, mt)
		}
		if r.Finance.Reported {
			f := r.Finance
			blocks = append(blocks, report.KeyFigures{Figures: []report.KeyFigure{
				{Label: "Budget with uplifts", Value: report.Pence(int64(f.Value()))},
				{Label: "Spend to date", Value: report.Pence(int64(f.Spend))},
			}})
		} else {
			blocks = append(blocks, report.Paragraph{Text: "Finance is reported elsewhere."})
		}
		d.Sections = append(d.Sections, report.Section{Heading: br.Project.Name, Blocks: blocks})
	}
	d.Sections = append(d.Sections, report.Section{Heading: "Risks and issues", Blocks: []report.Block{
		entriesTable("Risks open at the month's end", b.Risks), entriesTable("Issues open at the month's end", b.Issues)}})
	return d
}

func entriesTable(caption string, es []programme.Entry) report.Table {
	t := report.Table{Caption: caption, Columns: []report.Column{{Heading: "Description"}, {Heading: "Category"},
		{Heading: "Score", Kind: report.Integer}, {Heading: "Mitigation"}, {Heading: "Owner"}, {Heading: "Raised", Kind: report.Date}}}
	for _, e := range es {
		score := report.Value{}
		if e.Likelihood > 0 {
			score = report.Int(int64(e.Likelihood * e.Severity))
		}
		t.Rows = append(t.Rows, []report.Value{report.Str(e.Description), report.Str(programme.EntryCategories.Label(e.Category)), score,
			report.Str(e.Mitigation), report.Str(e.Owner), report.On(e.Raised)})
	}
	return t
}

func rag1(r programme.RAG) report.Value { return report.Str(r.Label()) }

func measureCaption(m programme.Measure) string {
	s := m.Name
	if m.Unit != "" {
		s += " (" + m.Unit + ")"
	}
	if m.Source != "" {
		s += ". Source: " + m.Source
	}
	return s
}

// monthName writes a month as "March 2021".
func monthName(m programme.Month) string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", m.Month, m.Year)
}
