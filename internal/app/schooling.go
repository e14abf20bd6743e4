package app

import (
	"context"
	"fmt"
	"slices"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/education"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/store"
)

// The monthly report of the attendance and SEND of children with a social
// worker (education.CohortReportOn), for the Virtual School that makes it
// and the social work teams it is shared with (access.ReportSchooling).
//
// Whose children: an analyst's report is the council's; a team manager's
// is of the children their own team works with (an involvement of the
// cohort's kinds open on the day), so a manager sees their team's figures
// and children; a member of the team named as the Virtual School, whose
// work it is (its officers and its manager), reads the council's, and an
// education officer of another team none.
// Figures name no child; a figure's list does. Each view is one bulk_read
// line of the access log: the figures with no child, a list with the number
// of children it names. A restricted child is counted and listed without
// a name.

// SchoolingQuery asks for the report on a day (zero: today), and for the
// children behind one figure (Figure, a key of the report; "": none).
type SchoolingQuery struct {
	At     civil.Date
	Figure string
}

// SchoolingReport is the report as one user may see it.
type SchoolingReport struct {
	education.CohortReport
	// ScopeName completes "children with a social worker in ...": the
	// council, or the manager's team.
	ScopeName string
	// Listed is the figure whose children are listed, with their names
	// ("" for a restricted child, shown without one).
	Listed *education.CohortFigure
	Names  map[people.ID]string
}

// SchoolingReportOn makes the report for the actor.
func (a *App) SchoolingReportOn(ctx context.Context, ac Actor, q SchoolingQuery) (SchoolingReport, error) {
	d, err := a.readPerformance(ctx, ac, access.ReportSchooling)
	if err != nil {
		return SchoolingReport{}, err
	}
	if q.At.IsZero() {
		q.At = civil.Of(a.Now())
	}
	if q.At.After(civil.Of(a.Now())) {
		return SchoolingReport{}, &errs.Error{Code: errs.Invalid, Message: "There is a problem with what was entered",
			Fields: []errs.Field{{Field: "at", Message: "Enter a day that is not in the future"}}}
	}
	// Which children: the council's (an analyst's, or any member's of the
	// Virtual School, its manager too), or a manager's team's.
	out := SchoolingReport{ScopeName: "the council"}
	vs, err := a.namedTeamNow(ctx, a.virtualSchoolSetting())
	if err != nil {
		return SchoolingReport{}, err
	}
	var team access.TeamID
	switch roles := ac.Principal.User.Roles; {
	case slices.Contains(roles, access.Analyst):
	case vs != 0 && ac.Principal.User.TeamID == vs:
	case slices.Contains(roles, access.TeamManager) && ac.Principal.User.TeamID != 0:
		team = ac.Principal.User.TeamID
		if out.ScopeName, err = a.checkTeam(ctx, team); err != nil {
			return SchoolingReport{}, err
		}
	default:
		if err := a.logAccess(ctx, ac, store.AccessEntry{Action: store.LogDenied, Reason: string(access.ReportSchooling) + ": not in the Virtual School"}); err != nil {
			return SchoolingReport{}, err
		}
		return SchoolingReport{}, errs.E(errs.Forbidden, "Only the Virtual School's members read this report")
	}
	cohort, err := a.Store.SchoolingCohort(ctx, d.Bulk, q.At)
	if err != nil {
		return SchoolingReport{}, err
	}
	pupils := make([]education.Pupil, 0, len(cohort))
	names := map[people.ID]string{}
	for _, c := range cohort {
		if team != 0 && !slices.Contains(c.Teams, team) {
			continue
		}
		p := education.Pupil{PersonID: c.ID, DateOfBirth: c.DateOfBirth, Kinds: c.Kinds, Records: c.Records}
		for _, r := range c.Attendance {
			p.Periods = append(p.Periods, education.Period{From: r.Sessions.From, To: r.Sessions.To, Summary: r.Summary})
		}
		pupils = append(pupils, p)
		if !c.Restricted {
			names[c.ID] = people.Person{GivenName: c.GivenName, FamilyName: c.FamilyName}.FullName()
		}
	}
	out.CohortReport = education.CohortReportOn(q.At, pupils)
	note := fmt.Sprintf("schooling report at %s", q.At)
	if team != 0 {
		note += fmt.Sprintf(" for team %d", team)
	}
	e := store.AccessEntry{Kind: store.KindEducation, Action: store.LogBulkRead, Reason: d.Reason, Note: note}
	if q.Figure != "" {
		f, ok := out.Figure(q.Figure)
		if !ok {
			return SchoolingReport{}, errs.E(errs.NotFound, "The report has no such figure")
		}
		out.Listed, out.Names = &f, map[people.ID]string{}
		for _, c := range f.Children {
			if n, ok := names[c.PersonID]; ok {
				out.Names[c.PersonID] = n
				e.Children++
			}
		}
		e.Note += " figure " + q.Figure
	}
	if err := a.logAccess(ctx, ac, e); err != nil {
		return SchoolingReport{}, err
	}
	return out, nil
}
