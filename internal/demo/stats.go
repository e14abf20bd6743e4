package demo

import (
	"fmt"
	"io"
	"slices"
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
