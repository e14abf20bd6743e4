package cin

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// rulesTSV is the DfE's list of CIN census validation rules, one line per
// rule and ruleset: code, ruleset, tables, fields, message, definition and
// the codes the rule checks against. It is embedded as the file itself,
// not turned into a Go table, because the DfE republishes the list every
// collection year: a new year is a new copy of the file (a later ruleset
// holds only the rules that changed), and TestEveryRuleIsCheckedOrExplained
// then names each new code that needs a function or a reason. The messages
// shown to users are the DfE's own, read from the file, so that they match
// what the DfE's portal says about the same return.
//
//go:embed rules.tsv
var rulesTSV string

// Rule is one DfE validation rule as one year's ruleset states it.
type Rule struct {
	Code       string   // "8620", or "8525Q" for a query
	Ruleset    string   // "cin2022_23": the census of 31 March 2023 and, until changed, later ones
	Table      string   // the DfE's module: ChildIdentifiers, CINdetails, Assessments...
	Fields     []string // the elements the rule reads
	Message    string   // the DfE's message, shown with each finding
	Definition string   // the DfE's definition, which the rule's function follows
	Codes      []string // the code list the rule checks against, where it has one
}

// Query reports whether the rule is a query (its code ends in Q): the DfE
// asks the council to check the data and fix it or explain it, rather than
// refusing the return.
func (r Rule) Query() bool { return strings.HasSuffix(r.Code, "Q") }

// rulesetYear is the collection year a ruleset is first for: cin2022_23
// is the census of 31 March 2023, Year 2023.
func rulesetYear(rs string) (Year, error) {
	var a, b int
	if _, err := fmt.Sscanf(rs, "cin%d_%d", &a, &b); err != nil || b != (a+1)%100 {
		return 0, fmt.Errorf("cin: ruleset %q is not cinYYYY_YY", rs)
	}
	return Year(a + 1), nil
}

// allRules is every line of the rule list, parsed once.
var allRules = mustParseRules(rulesTSV)

func mustParseRules(tsv string) []Rule {
	rs, err := parseRules(tsv)
	if err != nil {
		panic(err)
	}
	return rs
}

func parseRules(tsv string) ([]Rule, error) {
	lines := strings.Split(strings.TrimRight(tsv, "\n"), "\n")
	want := []string{"code", "ruleset", "tables", "fields", "message", "definition", "code_lists_in_rule"}
	if len(lines) == 0 || !slices.Equal(strings.Split(lines[0], "\t"), want) {
		return nil, fmt.Errorf("cin: the rule list's header is not %v", want)
	}
	var out []Rule
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != len(want) {
			return nil, fmt.Errorf("cin: rule list line %d has %d columns, want %d", i+2, len(f), len(want))
		}
		if _, err := rulesetYear(f[1]); err != nil {
			return nil, fmt.Errorf("cin: rule list line %d: %w", i+2, err)
		}
		r := Rule{
			Code:       f[0],
			Ruleset:    f[1],
			Table:      f[2],
			Message:    strings.TrimSpace(f[4]),
			Definition: strings.TrimSpace(f[5]),
			Codes:      strings.Fields(f[6]),
		}
		for _, fld := range strings.Split(strings.Trim(f[3], "[]"), ",") {
			if fld = strings.TrimSpace(fld); fld != "" {
				r.Fields = append(r.Fields, fld)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// RulesFor returns the rules of the year's collection, in code order: for
// each code, the latest ruleset that is not later than the year. The
// earliest ruleset in the list also stands for the years before it, which
// the list does not reach; a rule first published for a later year does
// not apply to an earlier one (1570 and 1580 start with 2024-25).
func RulesFor(y Year) []Rule {
	base := Year(0)
	for _, r := range allRules {
		ry, _ := rulesetYear(r.Ruleset)
		if base == 0 || ry < base {
			base = ry
		}
	}
	eff := max(y, base)
	latest := map[string]Rule{}
	for _, r := range allRules {
		ry, _ := rulesetYear(r.Ruleset)
		if ry > eff {
			continue
		}
		if old, ok := latest[r.Code]; ok {
			oy, _ := rulesetYear(old.Ruleset)
			if oy > ry {
				continue
			}
		}
		latest[r.Code] = r
	}
	out := make([]Rule, 0, len(latest))
	for _, r := range latest {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Rule) int { return compareCodes(a.Code, b.Code) })
	return out
}

// compareCodes orders rule codes by number, then the query suffix.
func compareCodes(a, b string) int {
	na, _ := strconv.Atoi(strings.TrimSuffix(a, "Q"))
	nb, _ := strconv.Atoi(strings.TrimSuffix(b, "Q"))
	if na != nb {
		return na - nb
	}
	return strings.Compare(a, b)
}

// ruleFor returns one rule of a year's list.
func ruleFor(rules []Rule, code string) (Rule, bool) {
	for _, r := range rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}
