package programme

import (
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

func d(y int, m time.Month, day int) civil.Date { return civil.Date{Year: y, Month: m, Day: day} }

// fieldOf is the one field err names, "" for nil, and "?" for an error that
// is not errs.Invalid with exactly one field.
func fieldOf(err error) string {
	if err == nil {
		return ""
	}
	e := errs.As(err)
	if e == nil || e.Code != errs.Invalid || len(e.Fields) != 1 {
		return "?" + err.Error()
	}
	return e.Fields[0].Field
}

func TestGatewayOrder(t *testing.T) {
	for _, tc := range []struct {
		g          Gateway
		next, prev Gateway
	}{
		{Options, BusinessCase, ""},
		{BusinessCase, Delivery, Options},
		{Delivery, Closure, BusinessCase},
		{Closure, BusinessAsUsual, Delivery},
		{BusinessAsUsual, "", Closure},
		{"nonsense", "", ""},
	} {
		if tc.g.Next() != tc.next || tc.g.Previous() != tc.prev {
			t.Errorf("%s: next %q previous %q, want %q %q", tc.g, tc.g.Next(), tc.g.Previous(), tc.next, tc.prev)
		}
	}
}

// TestMove: forward one gateway at a time; back only by an explicit return,
// to the previous gateway, with a reason; deferred stays; stopped goes to
// closure with a reason; dates in order; a closed project decides no more.
func TestMove(t *testing.T) {
	at := func(g Gateway, moves ...GatewayMove) Project {
		return Project{ID: 1, Name: "P", Start: d(2020, 4, 1), Gateway: g, Moves: moves}
	}
	mv := func(from, to Gateway, dec Decision) GatewayMove {
		return GatewayMove{From: from, To: to, On: d(2021, 1, 10), Decision: dec, By: "Programme board"}
	}
	with := func(m GatewayMove, f func(*GatewayMove)) GatewayMove { f(&m); return m }
	reason := func(m *GatewayMove) { m.Reason = "The business case needs rework" }
	back := func(m *GatewayMove) { m.Return = true; m.Reason = "The business case needs rework" }
	earlier := mv(Options, BusinessCase, Approved)
	earlier.On = d(2020, 12, 1)
	stopped := with(mv(Delivery, Closure, Stopped), reason)
	for _, tc := range []struct {
		name  string
		p     Project
		m     GatewayMove
		field string
	}{
		{"options to business case", at(Options), mv(Options, BusinessCase, Approved), ""},
		{"business case to delivery", at(BusinessCase), mv(BusinessCase, Delivery, Approved), ""},
		{"delivery to closure", at(Delivery), mv(Delivery, Closure, Approved), ""},
		{"closure to business as usual", at(Closure), mv(Closure, BusinessAsUsual, Approved), ""},
		{"skipping a gateway", at(Options), mv(Options, Delivery, Approved), "to"},
		{"back without a return", at(Delivery), mv(Delivery, BusinessCase, Approved), "to"},
		{"a return to the previous gateway with a reason", at(Delivery), with(mv(Delivery, BusinessCase, Approved), back), ""},
		{"a return without a reason", at(Delivery), with(mv(Delivery, BusinessCase, Approved), func(m *GatewayMove) { m.Return = true }), "reason"},
		{"a return two gateways back", at(Delivery), with(mv(Delivery, Options, Approved), back), "to"},
		{"a return from options", at(Options), with(mv(Options, "", Approved), back), "to"},
		{"a return that is deferred", at(Delivery), with(mv(Delivery, Delivery, Deferred), back), "return"},
		{"a return marked, going forward", at(Delivery), with(mv(Delivery, Closure, Approved), back), "to"},
		{"past business as usual", at(BusinessAsUsual), mv(BusinessAsUsual, "", Approved), "from"},
		{"deferred stays", at(BusinessCase), mv(BusinessCase, BusinessCase, Deferred), ""},
		{"deferred but moving", at(BusinessCase), mv(BusinessCase, Delivery, Deferred), "to"},
		{"stopped at options", at(Options), with(mv(Options, Closure, Stopped), reason), ""},
		{"stopped in delivery", at(Delivery), stopped, ""},
		{"stopped without a reason", at(Delivery), mv(Delivery, Closure, Stopped), "reason"},
		{"stopped, going elsewhere", at(Delivery), with(mv(Delivery, BusinessAsUsual, Stopped), reason), "to"},
		{"stopped at closure", at(Closure), with(mv(Closure, Closure, Stopped), reason), "decision"},
		{"no decision", at(Options), mv(Options, BusinessCase, ""), "decision"},
		{"an unknown decision", at(Options), mv(Options, BusinessCase, "maybe"), "decision"},
		{"from a gateway the project is not at", at(Delivery), mv(BusinessCase, Delivery, Approved), "from"},
		{"from no gateway", at(Delivery), mv("", Delivery, Approved), "from"},
		{"a stopped project", at(Closure, stopped), mv(Closure, BusinessAsUsual, Approved), "from"},
		{"no date", at(Options), with(mv(Options, BusinessCase, Approved), func(m *GatewayMove) { m.On = civil.Date{} }), "on"},
		{"a date that is not real", at(Options), with(mv(Options, BusinessCase, Approved), func(m *GatewayMove) { m.On = d(2021, 2, 30) }), "on"},
		{"before the project started", at(Options), with(mv(Options, BusinessCase, Approved), func(m *GatewayMove) { m.On = d(2020, 3, 31) }), "on"},
		{"on the day it started", at(Options), with(mv(Options, BusinessCase, Approved), func(m *GatewayMove) { m.On = d(2020, 4, 1) }), ""},
		{"before the last decision", at(BusinessCase, earlier), with(mv(BusinessCase, Delivery, Approved), func(m *GatewayMove) { m.On = d(2020, 11, 30) }), "on"},
		{"on the day of the last decision", at(BusinessCase, earlier), with(mv(BusinessCase, Delivery, Approved), func(m *GatewayMove) { m.On = d(2020, 12, 1) }), ""},
		{"nobody decided", at(Options), with(mv(Options, BusinessCase, Approved), func(m *GatewayMove) { m.By = " " }), "by"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.p.Move(tc.m)
			if fieldOf(err) != tc.field {
				t.Fatalf("got %v, want an error on %q", err, tc.field)
			}
			if err != nil {
				if got.Gateway != tc.p.Gateway || len(got.Moves) != len(tc.p.Moves) {
					t.Errorf("a refused move changed the project: %+v", got)
				}
				return
			}
			if got.Gateway != tc.m.To || len(got.Moves) != len(tc.p.Moves)+1 || got.Moves[len(got.Moves)-1] != tc.m {
				t.Errorf("after the move: %+v", got)
			}
		})
	}
}

func TestClosed(t *testing.T) {
	stop := GatewayMove{From: Delivery, To: Closure, Decision: Stopped}
	for _, tc := range []struct {
		name string
		p    Project
		want bool
	}{
		{"delivery", Project{Gateway: Delivery}, false},
		{"at closure, still closing", Project{Gateway: Closure}, false},
		{"business as usual", Project{Gateway: BusinessAsUsual}, true},
		{"stopped", Project{Gateway: Closure, Moves: []GatewayMove{stop}}, true},
	} {
		if got := tc.p.Closed(); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCheckNewReport(t *testing.T) {
	p := Project{ID: 7, Name: "SWIS", Start: d(2020, 11, 16), Gateway: Delivery}
	march := Report{ID: 1, Project: 7, Month: Month{2021, time.March}}
	today := d(2021, 4, 12)
	for _, tc := range []struct {
		name  string
		p     Project
		r     Report
		field string
	}{
		{"April, the month it is", p, Report{Project: 7, Month: Month{2021, time.April}}, ""},
		{"February, a month with none", p, Report{Project: 7, Month: Month{2021, time.February}}, ""},
		{"a second report for March", p, Report{Project: 7, Month: Month{2021, time.March}}, "month"},
		{"March's own report again (its new version)", p, march, ""},
		{"the month it started", p, Report{Project: 7, Month: Month{2020, time.November}}, ""},
		{"before it started", p, Report{Project: 7, Month: Month{2020, time.October}}, "month"},
		{"a month not yet begun", p, Report{Project: 7, Month: Month{2021, time.May}}, "month"},
		{"another project's", p, Report{Project: 8, Month: Month{2021, time.April}}, "project"},
		{"a project in business as usual", Project{ID: 7, Name: "SWIS", Gateway: BusinessAsUsual}, Report{Project: 7, Month: Month{2021, time.April}}, "project"},
		{"a stopped project", Project{ID: 7, Name: "SWIS", Gateway: Closure, Moves: []GatewayMove{{From: Delivery, To: Closure, Decision: Stopped}}},
			Report{Project: 7, Month: Month{2021, time.April}}, "project"},
		{"a project at closure", Project{ID: 7, Name: "SWIS", Gateway: Closure}, Report{Project: 7, Month: Month{2021, time.April}}, ""},
		{"the month it ended", Project{ID: 7, Name: "SWIS", Gateway: Delivery, End: d(2021, 3, 31)}, Report{Project: 7, Month: Month{2021, time.February}}, ""},
		{"after it ended", Project{ID: 7, Name: "SWIS", Gateway: Delivery, End: d(2021, 2, 28)}, Report{Project: 7, Month: Month{2021, time.April}}, "month"},
		{"a project with no start, in 1950", Project{ID: 7, Name: "SWIS", Gateway: Delivery}, Report{Project: 7, Month: Month{1950, time.January}}, "month"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := CheckNewReport(tc.p, []Report{march}, tc.r, today); fieldOf(err) != tc.field {
				t.Errorf("got %v, want an error on %q", err, tc.field)
			}
		})
	}
}
