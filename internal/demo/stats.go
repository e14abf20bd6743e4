package demo

import (
	"fmt"
	"io"
	"slices"

	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
)

// Stats counts what a city holds, for reports and tests.
type Stats struct {
	People        int
	Children      int // born, under 18 on Today
	Unborn        int
	Adults        int
	Restricted    int
	Relationships int
	Workers       int
	Involvements  int
	// By involvement kind: how many there are and how many are open on Today.
	ByKind   map[string]int
	OpenKind map[string]int
	// Contacts that started in the twelve months up to Today.
	ContactsLastYear int
	// Distinct first languages of children.
	ChildLanguages int
	// Share of children (0 to 1) from minority ethnic groups: any recorded
	// ethnicity other than White British.
	MinorityShare float64
}

// Stats counts the city.
func (c *City) Stats() Stats {
	s := Stats{
		People:        len(c.People),
		Relationships: len(c.Relationships),
		Workers:       len(c.Workers),
		Involvements:  len(c.Involvements),
		ByKind:        make(map[string]int),
		OpenKind:      make(map[string]int),
	}
	langs := make(map[string]bool)
	minority := 0
	for _, p := range c.People {
		if p.Restricted {
			s.Restricted++
		}
		switch {
		case p.DateOfBirth.IsZero():
			s.Unborn++
		case p.DateOfBirth.AgeOn(c.Today) < 18:
			s.Children++
			langs[p.FirstLanguage] = true
			if p.Ethnicity != "WBRI" && p.Ethnicity != "REFU" && p.Ethnicity != "NOBT" {
				minority++
			}
		default:
			s.Adults++
		}
	}
	s.ChildLanguages = len(langs)
	if s.Children > 0 {
		s.MinorityShare = float64(minority) / float64(s.Children)
	}
	yearAgo := c.Today.AddDays(-365)
	for _, inv := range c.Involvements {
		s.ByKind[inv.Kind]++
		if inv.Open(c.Today) {
			s.OpenKind[inv.Kind]++
		}
		if inv.Kind == KindContact && inv.StartDate.After(yearAgo) && !inv.StartDate.After(c.Today) {
			s.ContactsLastYear++
		}
	}
	return s
}

// Write prints the counts.
func (s Stats) Write(w io.Writer) {
	fmt.Fprintf(w, "people %d (children %d, unborn %d, adults %d, restricted %d)\n", s.People, s.Children, s.Unborn, s.Adults, s.Restricted)
	fmt.Fprintf(w, "relationships %d, workers %d, involvements %d, contacts in the last 12 months %d\n", s.Relationships, s.Workers, s.Involvements, s.ContactsLastYear)
	fmt.Fprintf(w, "children's first languages %d, minority ethnic children %.1f%%\n", s.ChildLanguages, 100*s.MinorityShare)
	kinds := make([]string, 0, len(s.ByKind))
	for k := range s.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "  %-17s %6d open of %6d\n", k, s.OpenKind[k], s.ByKind[k])
	}
}

// Figures are a city's journey figures on a date, measured as the seed
// measures them.
type Figures struct {
	On            civil.Date
	ContactsMonth float64 // contacts received a month, over the 12 months to On
	Referrals     int     // referrals in the 12 months to On
	ReferralRate  float64 // per 10,000 children (ChildrenAtScale1 at each scale)
	ReReferrals   float64 // % of those referrals with an earlier one of the child in the 12 months before
	InAssessment  int     // children with an open referral and no open plan
	CINPlans      int     // children on a child in need plan
	CPPlans       int     // children on a child protection plan
	EarlyHelp     int     // children in early help
	EarlyHelpDual int     // of them, also with an open referral
	S47           int     // Section 47 enquiries started in the 12 months to On
	S47ToICPC     float64 // % of those that led to an initial conference
	Decided24h    float64 // % of contacts in the 12 months decided within 24 hours
	Assessed45WD  float64 // % of assessments authorised in the 12 months within 45 working days of the referral
	ICPC15WD      float64 // % of conferences in the 12 months within 15 working days of the strategy discussion
}

// JourneyFigures measures the city's journeys on a date. A record is open on
// the date if it started by then and had not ended before the next day.
func (c *City) JourneyFigures(on civil.Date) Figures {
	f := Figures{On: on}
	from := yearsBefore(on, 1) // the 12 months are the days after from, to on
	in12 := func(d civil.Date) bool { return d.After(from) && !d.After(on) }
	open := func(r journey.Record) bool { return !r.Start.After(on) && (r.End.IsZero() || r.End.After(on)) }
	ts := journey.Defaults()
	rec := func(id journey.ID) journey.Record { return c.Journeys[id-1].Record }

	type state struct{ referral, cin, cp, eh bool }
	states := map[people.ID]*state{}
	st := func(p people.ID) *state {
		s := states[p]
		if s == nil {
			s = &state{}
			states[p] = s
		}
		return s
	}
	referrals := map[people.ID][]civil.Date{}
	led := map[journey.ID]bool{} // S47 enquiries followed by a conference
	contacts, decided24, assessed, assessed45, icpcs, icpc15, s47s, ledToICPC := 0, 0, 0, 0, 0, 0, 0, 0
	for _, j := range c.Journeys {
		r := j.Record
		switch r.Kind {
		case journey.KindReferral:
			referrals[r.PersonID] = append(referrals[r.PersonID], r.Start)
		case journey.KindICPC:
			led[r.Follows] = true
			if in12(r.Start) {
				icpcs++
				if ts.ICPCInTime(rec(rec(r.Follows).Follows).Start, r.Start) {
					icpc15++
				}
			}
		}
		if !open(r) {
			continue
		}
		switch r.Kind {
		case journey.KindReferral:
			st(r.PersonID).referral = true
		case journey.KindCINPlan:
			st(r.PersonID).cin = true
		case journey.KindCPPlan:
			st(r.PersonID).cp = true
		case journey.KindEarlyHelp:
			st(r.PersonID).eh = true
		}
	}
	for _, j := range c.Journeys {
		r := j.Record
		switch {
		case r.Kind == journey.KindContact && in12(r.Start):
			contacts++
			if r.Contact.Decision != "" && !ts.ContactDecisionDue(r.Contact.ReceivedAt).Before(r.Contact.DecidedAt) {
				decided24++
			}
		case r.Kind == journey.KindS47 && in12(r.Start):
			s47s++
			if led[r.ID] {
				ledToICPC++
			}
		case r.Kind == journey.KindAssessment && !r.End.IsZero() && in12(r.End):
			assessed++
			if ts.AssessmentInTime(rec(r.Episode).Start, r.End) {
				assessed45++
			}
		}
	}
	rereferred := 0
	for _, starts := range referrals {
		slices.SortFunc(starts, func(a, b civil.Date) int { return a.Compare(b) })
		for i, d := range starts {
			if !in12(d) {
				continue
			}
			f.Referrals++
			if i > 0 && !starts[i-1].Before(yearsBefore(d, 1)) {
				rereferred++
			}
		}
	}
	for _, s := range states {
		switch {
		case s.cp:
			f.CPPlans++
		case s.cin:
			f.CINPlans++
		case s.referral:
			f.InAssessment++
		}
		if s.eh {
			f.EarlyHelp++
			if s.referral {
				f.EarlyHelpDual++
			}
		}
	}
	pct := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return 100 * float64(n) / float64(of)
	}
	f.ContactsMonth = float64(contacts) / 12
	f.ReferralRate = 10000 * float64(f.Referrals) / float64(ChildrenAtScale1*max(c.Scale, 1))
	f.ReReferrals = pct(rereferred, f.Referrals)
	f.S47 = s47s
	f.S47ToICPC = pct(ledToICPC, s47s)
	f.Decided24h = pct(decided24, contacts)
	f.Assessed45WD = pct(assessed45, assessed)
	f.ICPC15WD = pct(icpc15, icpcs)
	return f
}

// String prints the figures on one line each.
func (f Figures) String() string {
	return fmt.Sprintf("on %s: contacts %.0f a month (%.0f%% decided in 24h); referrals %d, %.1f per 10,000, re-referrals %.1f%%; "+
		"in assessment %d (assessments in 45 working days %.0f%%); CIN plans %d; CP plans %d; early help %d (%d also open to social care); "+
		"S47 %d, %.1f%% to ICPC (ICPCs in 15 working days %.0f%%)",
		f.On, f.ContactsMonth, f.Decided24h, f.Referrals, f.ReferralRate, f.ReReferrals, f.InAssessment, f.Assessed45WD,
		f.CINPlans, f.CPPlans, f.EarlyHelp, f.EarlyHelpDual, f.S47, f.S47ToICPC, f.ICPC15WD)
}
