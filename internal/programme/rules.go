package programme

import (
	"fmt"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// Move returns the project after the gateway decision m, or an error naming
// the move's field and the rule it breaks (the project is unchanged). The
// rules:
//
//   - the move starts from the gateway the project stands at, and a closed
//     project (see Closed) takes no more decisions;
//   - it has a date, not before the project's start nor before the last
//     move, and names who decided;
//   - approved, it goes forward to the next gateway only, no gateway
//     skipped; or, marked as a return and with a reason, back to the
//     previous gateway only;
//   - deferred, the project stays where it is;
//   - stopped, with a reason, the project goes to closure from any gateway
//     before it, and is closed.
func (p Project) Move(m GatewayMove) (Project, error) {
	var f errs.Fields
	switch {
	case !m.From.Valid():
		f.Add("from", "Select the gateway the project is at")
	case m.From != p.Gateway:
		f.Add("from", "The project is at %s, not %s", Gateways.Label(string(p.Gateway)), Gateways.Label(string(m.From)))
	case p.Closed():
		f.Add("from", "The project has closed: it takes no more gateway decisions")
	}
	switch {
	case m.On.IsZero():
		f.Add("on", "Enter the date of the decision")
	case !m.On.Valid():
		f.Add("on", "Date of the decision must be a real date")
	case !p.Start.IsZero() && m.On.Before(p.Start):
		f.Add("on", "Date of the decision must be on or after the project's start, %s", p.Start.Format())
	case len(p.Moves) > 0 && m.On.Before(p.Moves[len(p.Moves)-1].On):
		f.Add("on", "Date of the decision must be on or after the last decision, %s", p.Moves[len(p.Moves)-1].On.Format())
	}
	text(&f, "by", "Who decided", m.By, MaxName, true)
	text(&f, "reason", "Reason", m.Reason, MaxText, false)
	if m.Return && m.Decision != Approved {
		f.Add("return", "Only an approved decision can return a project to the previous gateway")
	}
	if !f.Has("from") {
		switch m.Decision {
		case Approved:
			if m.Return {
				switch prev := m.From.Previous(); {
				case prev == "":
					f.Add("to", "A project at %s has no previous gateway to return to", Gateways.Label(string(m.From)))
				case m.To != prev:
					f.Add("to", "A return goes to the previous gateway, %s, only", Gateways.Label(string(prev)))
				case m.Reason == "":
					f.Add("reason", "Enter why the project returns to the previous gateway")
				}
			} else {
				switch next := m.From.Next(); {
				case next == "":
					f.Add("to", "A project at %s has no further gateway", Gateways.Label(string(m.From)))
				case m.To != next:
					f.Add("to", "A project moves forward to the next gateway, %s, only; to go back, return it to the previous gateway with a reason", Gateways.Label(string(next)))
				}
			}
		case Deferred:
			if m.To != m.From {
				f.Add("to", "A deferred decision leaves the project at %s", Gateways.Label(string(m.From)))
			}
		case Stopped:
			switch {
			case m.From.order() >= Closure.order():
				f.Add("decision", "A project at %s cannot be stopped: it has reached closure", Gateways.Label(string(m.From)))
			case m.To != Closure:
				f.Add("to", "A stopped project goes to closure")
			case m.Reason == "":
				f.Add("reason", "Enter why the project is stopped")
			}
		default:
			f.Add("decision", "Select the decision: approved, deferred or stopped")
		}
	}
	if err := f.Err(); err != nil {
		return p, err
	}
	out := p
	out.Gateway = m.To
	out.Moves = append(append([]GatewayMove(nil), p.Moves...), m)
	return out, nil
}

// Closed reports whether the project has closed: it has passed into
// business as usual, or it was stopped. A project at the closure gateway
// is still closing, and reports until it is done (its closure report marks
// each part completed).
func (p Project) Closed() bool {
	if p.Gateway == BusinessAsUsual {
		return true
	}
	for _, m := range p.Moves {
		if m.Decision == Stopped {
			return true
		}
	}
	return false
}

// CheckNewReport judges a new monthly report r of project p against the
// project's other reports, on the day today: a closed project takes no new
// reports; a report is for a month from the project's start to the current
// month; and a project has one report a month (a correction is a new
// version of that report, not a second one). It does not repeat Validate.
func CheckNewReport(p Project, others []Report, r Report, today civil.Date) error {
	var f errs.Fields
	if r.Project != p.ID {
		f.Add("project", "The report is not for this project")
	}
	if p.Closed() {
		f.Add("project", "%s has closed: it takes no new reports", p.Name)
	}
	switch {
	case !r.Month.Valid():
	case !p.Start.IsZero() && r.Month.Compare(MonthOf(p.Start)) < 0:
		f.Add("month", "The month must be on or after the month the project started, %s", monthLabel(MonthOf(p.Start)))
	case r.Month.Compare(MonthOf(today)) > 0:
		f.Add("month", "The month must not be after this month")
	case !p.End.IsZero() && r.Month.Compare(MonthOf(p.End)) > 0:
		f.Add("month", "The month must be on or before the month the project ended, %s", monthLabel(MonthOf(p.End)))
	case r.Month.Year < FirstYear:
		f.Add("month", "The month must be in %d or later", FirstYear)
	default:
		for _, o := range others {
			if o.Project == r.Project && o.Month == r.Month && o.ID != r.ID {
				f.Add("month", "There is already a report for %s: change that one", monthLabel(r.Month))
				break
			}
		}
	}
	return f.Err()
}

func monthLabel(m Month) string { return fmt.Sprintf("%s %d", m.Month, m.Year) }
