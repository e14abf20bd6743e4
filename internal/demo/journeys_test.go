package demo

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// seedDate is the day of the seed's figures.
var seedDate = civil.MustNew(2023, time.March, 31)

// checkFigures compares a city's figures with the seed's
// (reference-figures.csv), each within 15%.
func checkFigures(t *testing.T, f Figures) {
	t.Helper()
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"contacts a month", f.ContactsMonth, targetContactsMonth},
		{"referrals per 10,000 children", f.ReferralRate, 657.9},
		{"re-referrals within 12 months (%)", f.ReReferrals, 23.1},
		{"children in assessment", float64(f.InAssessment), 163},
		{"children on CIN plans", float64(f.CINPlans), targetChildInNeed},
		{"children on CP plans", float64(f.CPPlans), targetChildProtection},
		{"children in early help", float64(f.EarlyHelp), targetEarlyHelp},
		{"S47 enquiries in 12 months", float64(f.S47), 883},
		{"S47 enquiries leading to an ICPC (%)", f.S47ToICPC, 27},
	} {
		if math.Abs(c.got-c.want) > 0.15*c.want {
			t.Errorf("%s: %s %.1f, want %.1f within 15%%", f.On, c.what, c.got, c.want)
		}
	}
	// Not a figure the seed's journeys are tuned to, so looser.
	if math.Abs(float64(f.EarlyHelpDual-targetEarlyHelpDual)) > 0.35*targetEarlyHelpDual {
		t.Errorf("%s: %d children in early help also open to social care, want about %d", f.On, f.EarlyHelpDual, targetEarlyHelpDual)
	}
	// Timeliness: mostly in time, not always.
	for _, c := range []struct {
		what string
		pct  float64
		lo   float64
	}{
		{"contacts decided within 24 hours", f.Decided24h, 70},
		{"assessments within 45 working days", f.Assessed45WD, 90},
		{"ICPCs within 15 working days", f.ICPC15WD, 75},
	} {
		if c.pct < c.lo || c.pct >= 100 {
			t.Errorf("%s: %s %.1f%%, want from %.0f%% to under 100%%", f.On, c.what, c.pct, c.lo)
		}
	}
}

func TestJourneyFigures(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		city func() *City
	}{{"seed 1", city1}, {"seed 2", city2}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			city := c.city()
			for _, d := range []civil.Date{seedDate, city.Today} {
				f := city.JourneyFigures(d)
				t.Log(f)
				checkFigures(t, f)
			}
		})
	}
}

// TestJourneysAreCoherent replays each child's records in the order they
// were made and checks each, as the store would, against the records made
// before it; then checks each closed episode against all the child's
// records, which is when its closure is judged.
func TestJourneysAreCoherent(t *testing.T) {
	t.Parallel()
	c := city1()
	if len(c.Journeys) == 0 {
		t.Fatal("no journeys")
	}
	byPerson := map[people.ID][]journey.Record{}
	kinds := map[journey.Kind]int{}
	for i, j := range c.Journeys {
		r := j.Record
		if r.ID != journey.ID(i+1) {
			t.Fatalf("journey %d has id %d, want %d", i, r.ID, i+1)
		}
		if p := int(r.PersonID); p < 0 || p >= len(c.People) || int(r.TeamID) < 0 || int(r.TeamID) >= len(c.Teams) ||
			r.WorkerID < -1 || int(r.WorkerID) >= len(c.Workers) {
			t.Fatalf("journey %d indexes out of range: %+v", i, r)
		}
		if r.WorkerID >= 0 && c.Workers[r.WorkerID].Team != int(r.TeamID) {
			t.Fatalf("journey %d: a worker of team %d on team %d's record", i, c.Workers[r.WorkerID].Team, r.TeamID)
		}
		if r.Episode >= r.ID || r.Follows >= r.ID {
			t.Fatalf("journey %d refers to a later record: %+v", i, r)
		}
		if r.Start.After(c.Today) || r.End.After(c.Today) {
			t.Fatalf("journey %d is in the future: %v to %v", i, r.Start, r.End)
		}
		kinds[r.Kind]++
		rec := idForm(r)
		if err := rec.Validate(); err != nil {
			t.Fatalf("journey %d (%s) is not valid: %v\n%+v", i, r.Kind, err, r)
		}
		p := c.People[r.PersonID]
		p.ID = rec.PersonID
		if err := journey.Check(journey.Journey{Person: p, Records: byPerson[rec.PersonID]}, rec); err != nil {
			t.Fatalf("journey %d (%s) does not fit the child's journey: %v\n%s", i, r.Kind, err, describe(byPerson[rec.PersonID], rec))
		}
		byPerson[rec.PersonID] = append(byPerson[rec.PersonID], rec)
	}
	for pid, rs := range byPerson {
		p := c.People[pid-1]
		p.ID = pid
		for _, r := range rs {
			if (r.Kind == journey.KindReferral || r.Kind == journey.KindEarlyHelp) && !r.End.IsZero() {
				if err := journey.Check(journey.Journey{Person: p, Records: rs}, r); err != nil {
					t.Fatalf("closing %s %d: %v\n%s", r.Kind, r.ID, err, describe(rs, r))
				}
			}
		}
	}
	for _, k := range journey.Kinds {
		if k.Code != string(journey.KindNote) && kinds[journey.Kind(k.Code)] == 0 {
			t.Errorf("no %s records", k.Code)
		}
	}
	t.Logf("%d journey records for %d children: %v", len(c.Journeys), len(byPerson), kinds)
}

func describe(rs []journey.Record, r journey.Record) string {
	s := ""
	for _, o := range append(slices.Clone(rs), r) {
		s += fmt.Sprintf("  %d %s ep %d follows %d %s-%s\n", o.ID, o.Kind, o.Episode, o.Follows, o.Start, o.End)
	}
	return s
}

// TestJourneyInvolvements checks the contact, early help and child in need
// involvements are exactly those the journeys give.
func TestJourneyInvolvements(t *testing.T) {
	t.Parallel()
	c := city1()
	want := 0
	for _, j := range c.Journeys {
		r := idForm(j.Record)
		var ep journey.Record
		if r.Episode != 0 {
			ep = idForm(c.Journeys[r.Episode-1].Record)
		}
		if _, ok := journey.Involvement(r, ep); ok {
			want++
		}
	}
	got := 0
	for i, inv := range c.Involvements {
		switch {
		case inv.Journey == 0 && (inv.Kind == KindContact || inv.Kind == KindEarlyHelp || inv.Kind == KindChildInNeed):
			t.Fatalf("involvement %d (%s) does not come from a journey", i, inv.Kind)
		case inv.Journey != 0:
			r := c.Journeys[inv.Journey-1].Record
			if inv.Person != int(r.PersonID) || inv.Team != int(r.TeamID) || inv.Worker != int(r.WorkerID) || inv.StartDate != r.Start || inv.EndDate != r.End {
				t.Fatalf("involvement %d %+v is not its record's %+v", i, inv, r)
			}
			got++
		case inv.Kind == KindChildProtection:
			t.Fatalf("involvement %d: child protection is a CP plan in the child's journey now", i)
		}
	}
	if got != want {
		t.Errorf("%d involvements from journeys, want %d", got, want)
	}
}

// TestConferencesOnWorkingDays: no initial conference of the city is at a
// weekend, each is on or after its enquiry began and the plan it made
// starts on its day, and a referral closes no earlier than its conference.
func TestConferencesOnWorkingDays(t *testing.T) {
	t.Parallel()
	c := city1()
	rec := func(id journey.ID) journey.Record { return c.Journeys[id-1].Record }
	day := map[journey.ID]civil.Date{}
	n := 0
	for _, j := range c.Journeys {
		r := j.Record
		if r.Kind != journey.KindICPC {
			continue
		}
		n++
		day[r.ID] = r.Start
		if w := r.Start.Weekday(); w == time.Saturday || w == time.Sunday {
			t.Errorf("conference %d on %s, a %s", r.ID, r.Start, w)
		}
		if s := rec(r.Follows); s.Kind != journey.KindS47 || r.Start.Before(s.Start) {
			t.Errorf("conference %d on %s follows %s of %s", r.ID, r.Start, s.Kind, s.Start)
		}
		if ref := rec(r.Episode); !ref.End.IsZero() && ref.End.Before(r.Start) {
			t.Errorf("conference %d on %s after its referral closed on %s", r.ID, r.Start, ref.End)
		}
	}
	for _, j := range c.Journeys {
		if r := j.Record; r.Kind == journey.KindCPPlan && r.Start != day[r.Follows] {
			t.Errorf("plan %d starts on %s, its conference was on %s", r.ID, r.Start, day[r.Follows])
		}
	}
	if n < 1000 {
		t.Errorf("%d conferences: too few to show it", n)
	}
}
