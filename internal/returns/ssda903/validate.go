package ssda903

import (
	"cmp"
	"slices"

	"hearth/internal/care"
	"hearth/internal/civil"
)

// Finding is one rule a return breaks: the DfE's rule code, what is wrong,
// the child, and where (the table, the row of its file counting the header
// as row 1, and the column). Row is 0 for a finding about the child as a
// whole.
type Finding struct {
	Rule    string
	Message string
	Child   string
	Table   Table
	Row     int
	Column  string
}

// rule is one of the DfE's validation rules: its code, the first year it
// applies (0: every year Hearth knows, from 2022-23), the message, and the
// check, one small function that reports each row breaking it.
type rule struct {
	code    string
	from    Year
	message string
	check   func(c *checker, bad report)
}

// report records that row i of table t (or the child, with i < 0) breaks
// the rule, at column.
type report func(t Table, i int, column string)

// Validate runs the year's rules on the return and gives every finding,
// in the order of the rules, then of the rows.
func Validate(r Return) []Finding {
	c := newChecker(&r)
	var out []Finding
	for _, ru := range rules {
		if r.Year < ru.from {
			continue
		}
		out = append(out, c.run(ru)...)
	}
	return out
}

// RuleInfo names a rule and says what breaking it means, for a report of
// the rules a year's return is held to.
type RuleInfo struct {
	Code     string
	Message  string
	LastYear bool // judged only against last year's return (ValidateWithLast)
}

// Rules are the rules applied to the year's return, in the order their
// findings come: Validate's, then ValidateWithLast's own.
func Rules(y Year) []RuleInfo {
	var out []RuleInfo
	add := func(list []rule, lastYear bool) {
		for _, ru := range list {
			if y >= ru.from {
				out = append(out, RuleInfo{Code: ru.code, Message: ru.message, LastYear: lastYear})
			}
		}
	}
	add(rules, false)
	add(lastRules, true)
	return out
}

// checker is the return indexed for the rules.
type checker struct {
	r        *Return
	y        Year
	header   map[string]int   // child to their first Header row
	episodes map[string][]int // child to their episodes, in order
	withEps  []string         // the children with episodes, sorted
	last     *checker         // last year's return, for ValidateWithLast
}

func newChecker(r *Return) *checker {
	c := &checker{r: r, y: r.Year, header: map[string]int{}, episodes: map[string][]int{}}
	for i, h := range r.Header {
		if _, ok := c.header[h.Child]; !ok {
			c.header[h.Child] = i
		}
	}
	for i, e := range r.Episodes {
		c.episodes[e.Child] = append(c.episodes[e.Child], i)
	}
	// Each child's episodes in date order; an episode that ends on the day
	// it starts before one open from that day.
	for child, idx := range c.episodes {
		c.withEps = append(c.withEps, child)
		slices.SortStableFunc(idx, func(a, b int) int {
			x, y := r.Episodes[a], r.Episodes[b]
			return cmp.Or(x.DECOM.Compare(y.DECOM), compareEnds(x.DEC, y.DEC))
		})
	}
	slices.Sort(c.withEps)
	return c
}

// compareEnds orders ends with an open one (zero) last.
func compareEnds(a, b civil.Date) int {
	switch {
	case a == b:
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func (c *checker) run(ru rule) []Finding {
	var out []Finding
	ru.check(c, func(t Table, i int, column string) {
		f := Finding{Rule: ru.code, Message: ru.message, Table: t, Column: column}
		if s, ok := specOf(t); ok && i >= 0 && i < s.n(c.r) {
			f.Row = i + 2
			f.Child = *s.fields(c.r, i)[0].(*string)
		}
		out = append(out, f)
	})
	return out
}

// dob is the child's date of birth from the Header, or the zero date.
func (c *checker) dob(child string) civil.Date {
	if i, ok := c.header[child]; ok {
		return c.r.Header[i].DOB
	}
	return civil.Date{}
}

// children gives each child's episodes in order, as indexes into Episodes.
func (c *checker) children(each func(child string, eps []int)) {
	for _, k := range c.withEps {
		each(k, c.episodes[k])
	}
}

// ep is episode i.
func (c *checker) ep(i int) EpisodeRow { return c.r.Episodes[i] }

// eachEpisode reports the episodes for which bad holds, at column.
func eachEpisode(column string, isBad func(c *checker, e EpisodeRow) bool) func(c *checker, bad report) {
	return func(c *checker, bad report) {
		for i, e := range c.r.Episodes {
			if isBad(c, e) {
				bad(TableEpisodes, i, column)
			}
		}
	}
}

// ageOn is the child's age on d, and whether both dates are known.
func ageOn(dob, d civil.Date) (int, bool) {
	if dob.IsZero() || d.IsZero() || d.Before(dob) {
		return 0, false
	}
	return dob.AgeOn(d), true
}

// endsCare reports whether an episode's reason ceased ends the period of
// care.
func endsCare(rec string) bool { return care.EndsPeriod(rec) }
