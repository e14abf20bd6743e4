package indicators

import (
	"cmp"
	"slices"

	"strconv"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/journey"
)

// The council's own figures: what it enters rather than what its records
// give. The population divides the rates; targets, thresholds and
// comparators are set or published for a year; the establishment is counted
// on a day and holds until the next count. None of it is code.

// Target is what the council sets and compares an indicator with in a year
// (the year to 31 March: Year 2023 is April 2022 to March 2023, the DfE's
// collection year, in which the comparators are published). Every figure
// is optional: the framework shows what has been entered.
type Target struct {
	Indicator string   `json:"indicator"`
	Year      int      `json:"year"`
	Target    *float64 `json:"target,omitempty"`
	// Green and Amber are the thresholds of the RAG rating: a value at
	// least as good as Green is green, at least as good as Amber amber,
	// and worse red ("good" in the indicator's direction).
	Green *float64 `json:"green,omitempty"`
	Amber *float64 `json:"amber,omitempty"`
	// The comparators: the statistical neighbours' average, the region's
	// and England's, as published for the year.
	Neighbours *float64 `json:"statistical_neighbours,omitempty"`
	Region     *float64 `json:"region,omitempty"`
	England    *float64 `json:"england,omitempty"`
}

// Establishment is the social work establishment as counted on a day; it
// holds until the next count.
type Establishment struct {
	At        civil.Date `json:"at"`
	Positions []Position `json:"positions"`
}

// CouncilData is everything the council enters for the framework.
type CouncilData struct {
	Population     []PopulationYear `json:"population"`
	Targets        []Target         `json:"targets"`
	Establishments []Establishment  `json:"establishments"`
	Leavers        []Leaver         `json:"leavers"`
}

// YearOf is the year to 31 March that d falls in: 2023 for any day from
// 1 April 2022 to 31 March 2023.
func YearOf(d civil.Date) int {
	if d.Month <= 3 {
		return d.Year
	}
	return d.Year + 1
}

// TargetFor is the council's target and comparators for the indicator in
// the year the date falls in.
func (c CouncilData) TargetFor(id string, at civil.Date) (Target, bool) {
	y := YearOf(at)
	for _, t := range c.Targets {
		if t.Indicator == id && t.Year == y {
			return t, true
		}
	}
	return Target{}, false
}

// WorkforceOn is the establishment counted last on or before the date
// (none before its first count), with every leaver.
func (c CouncilData) WorkforceOn(at civil.Date) Workforce {
	w := Workforce{Leavers: c.Leavers}
	var best civil.Date
	for _, e := range c.Establishments {
		if !e.At.After(at) && (best.IsZero() || e.At.After(best)) {
			best, w.Positions = e.At, e.Positions
		}
	}
	return w
}

// RAG ratings.
const (
	Green = "green"
	Amber = "amber"
	Red   = "red"
)

// RAG rates the value by the target's thresholds in the indicator's
// direction: "" when there is no value, the indicator has no better
// direction, or the council set no green threshold. With no amber
// threshold a value is green or red.
func RAG(def Definition, t Target, v *float64) string {
	if v == nil || t.Green == nil || def.Better == NoDirection {
		return ""
	}
	atLeast := func(x, threshold float64) bool {
		if def.Better == LowerIsBetter {
			return x <= threshold
		}
		return x >= threshold
	}
	switch {
	case atLeast(*v, *t.Green):
		return Green
	case t.Amber != nil && atLeast(*v, *t.Amber):
		return Amber
	}
	return Red
}

// Directions of travel, from last year's value to this.
const (
	Improving = "improving"
	Worsening = "worsening"
	NoChange  = "no change"
	Up        = "up"   // a measure of demand went up
	Down      = "down" // ... or down
)

// Travel is the direction of travel from last year's value to now's: better
// or worse in the indicator's direction, or for a measure of demand up or
// down; "" when either value is missing.
func Travel(def Definition, now, lastYear *float64) string {
	if now == nil || lastYear == nil {
		return ""
	}
	switch c := cmp.Compare(*now, *lastYear); {
	case c == 0:
		return NoChange
	case def.Better == NoDirection && c > 0:
		return Up
	case def.Better == NoDirection:
		return Down
	case (c > 0) == (def.Better == HigherIsBetter):
		return Improving
	}
	return Worsening
}

// Validate checks the council's data: each thing named once (a year's
// population, an indicator's year, a day's count, a position within it),
// no figure negative, indicators that exist, and thresholds that rank in
// the indicator's direction (green no worse than amber). Fields are JSON
// paths into the data.
func (c CouncilData) Validate() error {
	var f errs.Fields
	years := map[int]bool{}
	for i, p := range c.Population {
		path := "population[" + strconv.Itoa(i) + "]"
		if p.Year < 1900 || p.Year > 2999 {
			f.Add(path+".year", "Year must be a year such as 2023")
		} else if years[p.Year] {
			f.Add(path+".year", "The population of %d is entered twice", p.Year)
		}
		years[p.Year] = true
		if p.Children <= 0 {
			f.Add(path+".children", "Children must be more than 0")
		}
	}
	type key struct {
		id   string
		year int
	}
	seen := map[key]bool{}
	for i, t := range c.Targets {
		path := "targets[" + strconv.Itoa(i) + "]"
		def, ok := Lookup(t.Indicator)
		if !ok {
			f.Add(path+".indicator", "There is no indicator %q", t.Indicator)
		}
		if t.Year < 1900 || t.Year > 2999 {
			f.Add(path+".year", "Year must be a year such as 2023")
		}
		if seen[key{t.Indicator, t.Year}] {
			f.Add(path+".year", "The target of %s for %d is entered twice", t.Indicator, t.Year)
		}
		seen[key{t.Indicator, t.Year}] = true
		for _, v := range []struct {
			name string
			v    *float64
		}{{"target", t.Target}, {"green", t.Green}, {"amber", t.Amber}, {"statistical_neighbours", t.Neighbours}, {"region", t.Region}, {"england", t.England}} {
			if v.v != nil && *v.v < 0 {
				f.Add(path+"."+v.name, "%s must not be negative", v.name)
			}
		}
		if ok && (t.Green != nil || t.Amber != nil) && def.Better == NoDirection {
			f.Add(path+".green", "%s is a measure of demand, neither better higher nor lower: it has no RAG thresholds", def.Title)
		}
		if t.Amber != nil && t.Green == nil {
			f.Add(path+".green", "An amber threshold needs a green one")
		}
		if ok && t.Green != nil && t.Amber != nil && RAG(def, Target{Green: t.Green}, t.Amber) == Green && *t.Green != *t.Amber {
			f.Add(path+".amber", "The amber threshold must be worse than the green one (%s is better %s)", def.Title, def.Better)
		}
	}
	days := map[civil.Date]bool{}
	for i, e := range c.Establishments {
		path := "establishments[" + strconv.Itoa(i) + "]"
		if e.At.IsZero() {
			f.Add(path+".at", "Enter the day the establishment was counted")
		} else if days[e.At] {
			f.Add(path+".at", "The establishment of %s is entered twice", e.At)
		}
		days[e.At] = true
		names := map[string]bool{}
		for j, p := range e.Positions {
			pp := path + ".positions[" + strconv.Itoa(j) + "]"
			if p.Name == "" {
				f.Add(pp+".name", "Enter the position")
			} else if names[p.Name] {
				f.Add(pp+".name", "Position %q is entered twice", p.Name)
			}
			names[p.Name] = true
			for _, v := range []struct {
				name string
				v    float64
			}{{"budgeted_fte", p.Budgeted}, {"permanent_fte", p.Permanent}, {"vacant_fte", p.Vacant}, {"agency_fte", p.Agency}} {
				if v.v < 0 {
					f.Add(pp+"."+v.name, "%s must not be negative", v.name)
				}
			}
		}
	}
	for i, l := range c.Leavers {
		path := "leavers[" + strconv.Itoa(i) + "]"
		if l.Left.IsZero() {
			f.Add(path+".left", "Enter the day they left")
		}
		if l.FTE <= 0 {
			f.Add(path+".fte", "FTE must be more than 0")
		}
		if l.Position == "" {
			f.Add(path+".position", "Enter the position")
		}
	}
	return f.Err()
}

// Sorted puts the data in a stable order: population and targets by year,
// targets in the framework's order within it, counts and leavers by day.
func (c CouncilData) Sorted() CouncilData {
	order := map[string]int{}
	for i, d := range Definitions {
		order[d.ID] = i
	}
	c.Population = slices.Clone(c.Population)
	slices.SortFunc(c.Population, func(a, b PopulationYear) int { return cmp.Compare(a.Year, b.Year) })
	c.Targets = slices.Clone(c.Targets)
	slices.SortFunc(c.Targets, func(a, b Target) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(order[a.Indicator], order[b.Indicator]))
	})
	c.Establishments = slices.Clone(c.Establishments)
	slices.SortFunc(c.Establishments, func(a, b Establishment) int { return a.At.Compare(b.At) })
	c.Leavers = slices.Clone(c.Leavers)
	slices.SortFunc(c.Leavers, func(a, b Leaver) int { return cmp.Or(a.Left.Compare(b.Left), cmp.Compare(a.Ref, b.Ref)) })
	return c
}

// WithWorkforce is the prepared children with another establishment, for a
// trend whose months fall under different counts: the children are not
// prepared again.
func (p *Prepared) WithWorkforce(w Workforce) *Prepared {
	q := *p
	q.in.Workforce = w
	return &q
}

// Only is the prepared children narrowed to those keep keeps (a team's),
// with the same population, workforce and settings.
func (p *Prepared) Only(keep func(Child) bool) *Prepared {
	q := *p
	q.kids, q.ids, q.ix = nil, nil, &index{}
	for _, k := range p.kids {
		if keep(*k.c) {
			q.kids, q.ids = append(q.kids, k), append(q.ids, k.id)
		}
	}
	return &q
}

// ByTeam reports whether the indicator can be read for one team's
// children: not a rate (the population is the whole area's) and not the
// workforce (the establishment is the council's).
func (d Definition) ByTeam() bool {
	return d.Unit != UnitRate && d.Section != SectionWorkforce
}

// AllocatedWhere keeps the children with an allocation open on the date
// whose team and worker match: a team's, a service's teams', a worker's.
func AllocatedWhere(at civil.Date, match func(access.TeamID, access.UserID) bool) func(Child) bool {
	return func(c Child) bool {
		for _, r := range c.Records {
			if r.Kind == journey.KindAllocation && r.OpenOn(at) && match(r.TeamID, r.WorkerID) {
				return true
			}
		}
		return false
	}
}
