package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/programme"
	"hearth/internal/store"
)

// The city's Supporting Families claims, derived from its journeys after
// they are made, so that adding them changed nothing else the city holds.
// A family is the children of one early help episode (the same days, hub,
// lead practitioner, headline problems and home); one that closed with
// sustained progress is claimed for once, with its first child as the main
// child, in the quarter that opens three months after the closure, when
// the progress has lasted. Each financial year claims about as many
// families as the seed gives (484 in 2020-21; enough to reach the target of
// 453 paid in 2022-23), chosen evenly through the year from those that
// qualify (none in a year the city's history only begins in, and drafts
// for the quarter after today's). A claim whose government answer is due by today is paid (one in
// thirty-seven rejected); later ones are submitted, checked or draft as
// their window stands.

// claimsInYear is how many families each financial year claims for; a
// year not named claims claimsOtherYears.
var claimsInYear = map[programme.Year]int{2020: 484, 2021: 468, 2022: 466}

const (
	claimsOtherYears = 460
	// claimSustain is how long progress must last before a claim's
	// quarter opens.
	claimSustain = 91
	// claimDecision is how long after a window closes the government
	// answers; claimSubmit how many days before it closes the claim goes in.
	claimDecision = 42
	claimSubmit   = 7
	rejectEvery   = 37
)

// Claims derives the city's claims as they stand on today. Each claim's
// Person indexes the city's People; ids are left zero.
func Claims(c *City, today civil.Date) []programme.Claim {
	type family struct {
		main   int
		record journey.Record
	}
	var fams []family
	seen := map[string]bool{}
	for _, j := range c.Journeys {
		r := j.Record
		if r.Kind != journey.KindEarlyHelp || r.EarlyHelp == nil || r.EarlyHelp.Closure != "sustained_progress" || r.End.IsZero() || len(r.EarlyHelp.Problems) == 0 {
			continue
		}
		home := ""
		if p := c.People[r.PersonID]; len(p.Addresses) > 0 {
			a := p.Addresses[len(p.Addresses)-1]
			home = a.Line1 + "|" + a.Postcode
		}
		key := fmt.Sprint(r.Start, r.End, r.EarlyHelp.FamilyHub, r.EarlyHelp.LeadPractitioner, strings.Join(r.EarlyHelp.Problems, ","), home)
		if seen[key] {
			continue
		}
		seen[key] = true
		fams = append(fams, family{main: int(r.PersonID), record: r})
	}
	// The families that qualify, by the quarter of their claim's window.
	byQuarter := map[programme.Window][]family{}
	var quarters []programme.Window
	for _, f := range fams {
		// A claim is drafted from a quarter before its window opens.
		w := claimWindow(f.record.End)
		if w.Opens.After(today.AddDays(92)) {
			continue
		}
		if _, ok := byQuarter[w]; !ok {
			quarters = append(quarters, w)
		}
		byQuarter[w] = append(byQuarter[w], f)
	}
	slices.SortFunc(quarters, func(a, b programme.Window) int { return a.Opens.Compare(b.Opens) })
	var out []programme.Claim
	seq := map[programme.Year]int{}
	for _, w := range quarters {
		avail := byQuarter[w]
		y := programme.YearOf(w.Closes)
		year, ok := claimsInYear[y]
		if !ok {
			year = claimsOtherYears
		}
		q := (int(w.Opens.Month) + 8) % 12 / 3 // April's quarter is 0
		want := year*(q+1)/4 - year*q/4
		// A quarter with fewer than half its claims' families qualifying
		// is one the city's history only begins in: it claims none.
		if len(avail) < want/2 && !w.Closes.After(today) {
			continue
		}
		// Take want of them evenly through the quarter: the i-th is taken
		// when it carries the count taken past a whole number.
		for i, f := range avail {
			if want < len(avail) && (i+1)*want/len(avail) == i*want/len(avail) {
				continue
			}
			seq[y]++
			out = append(out, familyClaim(f.main, f.record, y, seq[y], today))
		}
	}
	return out
}

// claimWindow is the financial quarter that holds the day claimSustain
// days after an episode closed.
func claimWindow(closed civil.Date) programme.Window {
	d := closed.AddDays(claimSustain)
	// Quarters start in April, July, October and January.
	first := time.Month((int(d.Month)-1)/3*3 + 1)
	opens := civil.MustNew(d.Year, first, 1)
	last := civil.Of(time.Date(d.Year, first+3, 0, 0, 0, 0, 0, time.UTC))
	return programme.Window{Opens: opens, Closes: last}
}

// familyClaim is the n-th claim of year y, for the family of the episode r
// whose main child is person, as it stands on today.
func familyClaim(person int, r journey.Record, y programme.Year, n int, today civil.Date) programme.Claim {
	labels := make([]string, len(r.EarlyHelp.Problems))
	for i, p := range r.EarlyHelp.Problems {
		labels[i] = strings.ToLower(journey.FamilyProblems.Label(p))
	}
	c := programme.Claim{
		Person: people.ID(person), Family: fmt.Sprintf("SF-%d-%04d", int(y)%100, n),
		Window:   claimWindow(r.End),
		Problems: append([]string(nil), r.EarlyHelp.Problems...),
		Evidence: fmt.Sprintf("Early help closed on %s with sustained progress (%s), lead %s at %s; no new concerns since.",
			r.End.Format(), strings.Join(labels, "; "), strings.ToLower(r.EarlyHelp.LeadPractitioner), r.EarlyHelp.FamilyHub),
	}
	submitted := c.Window.Closes.AddDays(-claimSubmit)
	decided := c.Window.Closes.AddDays(claimDecision)
	switch {
	case !decided.After(today):
		c.Status, c.Submitted, c.Decided = programme.ClaimPaid, submitted, decided
		if n%rejectEvery == 0 {
			c.Status = programme.ClaimRejected
		}
	case !submitted.After(today):
		c.Status, c.Submitted = programme.ClaimSubmitted, submitted
	case n%2 == 0:
		c.Status = programme.ClaimChecked
	default:
		// A draft's evidence is still being written for some.
		c.Status = programme.ClaimDraft
		if n%3 == 0 {
			c.Evidence = ""
		}
	}
	return c
}

// LoadClaims writes the city's claims (Claims), their people's indexes
// turned into the ids the store gave them, in one transaction.
func LoadClaims(ctx context.Context, st store.Store, cs []programme.Claim, ids []people.ID, change store.Change) error {
	return st.Atomic(ctx, func(tx store.Tx) error {
		for _, c := range cs {
			c.Person = ids[c.Person]
			if _, err := tx.CreateClaim(ctx, c, change); err != nil {
				return fmt.Errorf("demo: writing claim %s: %w", c.Family, err)
			}
		}
		return nil
	})
}
