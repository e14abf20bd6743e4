// Package load turns past statutory returns (CIN census files and SSDA903
// returns, as packages cin and ssda903 read them) into Hearth's own records:
// the people they name and the journey records their episodes, modules and
// rows describe. It is pure Go: the caller reads the files, judges the
// records with the journey's rules and writes them.
//
// A council's history comes as a return a year, and a thing open across
// 31 March is in two: an episode of need, a plan, an episode of care. So
// the returns are merged, in year order, by what makes a thing itself: a
// child by their LA child id; a referral by its date; a module by its
// referral and its start; a row of the 903 by its child and its start. A
// later return's values replace an earlier one's (an episode still open at
// one 31 March is closed in the next), so each thing becomes one record.
//
// What the returns do not say is not made up, with three exceptions each
// documented where it is made (docs/DATA-MODEL.md lists them): a Section 47
// enquiry starts at a strategy discussion; an enquiry that ended without a
// conference ends on its episode's closure or the return's 31 March; and
// what OC2 says happened in a year is dated 31 March of it.
package load

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"hearth/internal/civil"
	"hearth/internal/journey"
	"hearth/internal/people"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
)

// Problem is one thing in the returns that cannot become a record: the
// file, where in it (an element's path or a table's row), the child, the
// field and why.
type Problem struct {
	File   string `json:"file"`
	Where  string `json:"where"`
	Line   int    `json:"line,omitempty"`
	Child  string `json:"child,omitempty"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, " line %d", p.Line)
	}
	if p.Where != "" {
		b.WriteString(" " + p.Where)
	}
	if p.Child != "" {
		b.WriteString(" (child " + p.Child + ")")
	}
	if p.Field != "" && !strings.HasSuffix(p.Where, p.Field) {
		b.WriteString(", " + p.Field)
	}
	return b.String() + ": " + p.Reason
}

// Origin is where a record or a person came from, for a problem found
// later (by the journey's rules) to name the file, place and field.
type Origin struct {
	File  string
	Where string
	Line  int
}

// Child is one child of the import: the person as the returns describe
// them and their records. Records carry provisional ids, unique within the
// Plan, by which Episode and Follows name each other; PersonID is left 0
// for the caller to set.
type Child struct {
	LAChildID string
	Person    people.Person
	Origin    Origin
	Records   []journey.Record
	Origins   map[journey.ID]Origin
}

// Plan is everything an import writes, children in order of LA child id.
type Plan struct {
	Children []Child
}

// Records counts the plan's records.
func (p Plan) Records() int {
	n := 0
	for _, c := range p.Children {
		n += len(c.Records)
	}
	return n
}

// Placeholder names: the returns carry no names, and a person must have
// one. The family name is the LA child id, so that the people an import
// made are found by it and named properly afterwards.
const (
	importedGivenName = "Not known"
)

// Census is a CIN census read from a file.
type Census struct {
	File   string
	Census cin.Census
}

// Return903 is an SSDA903 read from its files; Name is their folder.
type Return903 struct {
	Name   string
	Return ssda903.Return
}

// Build makes the records of the returns, merged in year order (a census
// before the 903 of the same year), and reports what cannot become a
// record. Two returns of one kind for one year are a problem: which of
// them is the council's return is not for the import to guess.
func Build(censuses []Census, returns []Return903) (Plan, []Problem) {
	b := newBuilder()
	type item struct {
		year int
		add  func()
	}
	var items []item
	seenCIN := map[cin.Year]string{}
	for _, c := range censuses {
		if prev, ok := seenCIN[c.Census.Year]; ok {
			b.problem(Problem{File: c.File, Where: "/Message/Header/CollectionDetails/Year", Field: "Year",
				Reason: fmt.Sprintf("the census of %d is also in %s: import each year's census once", c.Census.Year, prev)})
			continue
		}
		seenCIN[c.Census.Year] = c.File
		items = append(items, item{int(c.Census.Year), func() { b.addCensus(c.File, c.Census) }})
	}
	seen903 := map[ssda903.Year]string{}
	for _, r := range returns {
		if prev, ok := seen903[r.Return.Year]; ok {
			b.problem(Problem{File: r.Name, Field: "year",
				Reason: fmt.Sprintf("the SSDA903 of %s is also in %s: import each year's return once", r.Return.Year, prev)})
			continue
		}
		seen903[r.Return.Year] = r.Name
		items = append(items, item{int(r.Return.Year), func() { b.add903(r.Name, r.Return) }})
	}
	// Stable: within a year, censuses (added first) before 903s.
	slices.SortStableFunc(items, func(x, y item) int { return cmp.Compare(x.year, y.year) })
	for _, it := range items {
		it.add()
	}
	b.finishUASC()
	return b.plan(), b.problems
}

// builder gathers the children of every return, and their records by the
// key that makes each itself.
type builder struct {
	children map[string]*child
	next     journey.ID
	problems []Problem
}

type child struct {
	id      string
	person  people.Person
	origin  Origin
	records map[string]*journey.Record
	origins map[journey.ID]Origin
	order   []string   // keys in the order first seen
	uasc    civil.Date // the first day of the first year a 903 called the child UASC
}

func newBuilder() *builder { return &builder{children: map[string]*child{}} }

func (b *builder) child(id string, o Origin) *child {
	key := strings.ToUpper(strings.TrimSpace(id))
	c, ok := b.children[key]
	if !ok {
		c = &child{id: strings.TrimSpace(id), origin: o, records: map[string]*journey.Record{}, origins: map[journey.ID]Origin{}}
		c.person.GivenName = importedGivenName
		c.person.FamilyName = c.id
		c.person.Identifiers.LAChildID = c.id
		b.children[key] = c
	}
	return c
}

// record returns the child's record of the key, made with kind if new. A
// record seen again (a later return) keeps its id and takes the later
// origin.
func (b *builder) record(c *child, key string, kind journey.Kind, o Origin) *journey.Record {
	r, ok := c.records[key]
	if !ok {
		b.next++
		r = &journey.Record{ID: b.next, Kind: kind}
		c.records[key] = r
		c.order = append(c.order, key)
	}
	c.origins[r.ID] = o
	return r
}

func (b *builder) problem(p Problem) { b.problems = append(b.problems, p) }

// plan gives the children in order of id, each one's records in date
// order (then the order first seen).
func (b *builder) plan() Plan {
	out := Plan{Children: make([]Child, 0, len(b.children))}
	for _, c := range b.children {
		ch := Child{LAChildID: c.id, Person: c.person, Origin: c.origin, Origins: c.origins, Records: make([]journey.Record, len(c.order))}
		for i, k := range c.order {
			ch.Records[i] = *c.records[k]
		}
		slices.SortStableFunc(ch.Records, func(x, y journey.Record) int { return x.Start.Compare(y.Start) })
		out.Children = append(out.Children, ch)
	}
	slices.SortFunc(out.Children, func(x, y Child) int { return cmp.Compare(x.LAChildID, y.LAChildID) })
	return out
}

func dateKey(d civil.Date) string { return d.String() }
