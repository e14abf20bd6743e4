package indicators

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write docs/INDICATORS.md from Definitions and the tests")

const indicatorsDoc = "../../docs/INDICATORS.md"

// TestIndicatorsDoc holds docs/INDICATORS.md to Definitions and to the
// tests that compute each indicator, read from this package's test files,
// and holds every indicator to having a test of its own. With -update it
// writes the file.
func TestIndicatorsDoc(t *testing.T) {
	own, all := readTests(t)
	var untested []string
	for _, d := range Definitions {
		if len(own[d.ID]) == 0 {
			untested = append(untested, d.ID)
		}
	}
	if len(untested) > 0 {
		t.Errorf("no test of its own computes these indicators: %s; give each a table (runCases, or cases with id and name "+
			"fields) or a Test function that calls Compute and names its id", strings.Join(untested, ", "))
	}
	doc := indicatorsMarkdown(own, all)
	if *update {
		if err := os.WriteFile(indicatorsDoc, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(indicatorsDoc)
	if err != nil {
		t.Fatalf("%v: run go test ./internal/indicators/ -run TestIndicatorsDoc -update to write it", err)
	}
	if !bytes.Equal(got, doc) {
		t.Errorf("docs/INDICATORS.md is out of step with Definitions or the tests (%s); "+
			"run go test ./internal/indicators/ -run TestIndicatorsDoc -update and commit it", firstDifference(got, doc))
	}
}

// firstDifference names the first line where the file differs from what it
// should be.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d is %q, want %q", i+1, gl, wl)
		}
	}
	return "same lines"
}

// testFunc is a Test function, where it is, what its comment says, and
// the names of the cases it gives an indicator's table.
type testFunc struct {
	Name, File, Doc string
	Cases           []string
}

// readTests parses the package's test files. A Test function computes an
// indicator when it gives it a table, or when it calls Compute and names
// the indicator's id in a string. A table is a runCases call with the id,
// or struct literals with an id and a name field; the cases' names are
// kept. A Test that computes the whole framework at once (ComputeAll, or
// a loop over Definitions) is not any one indicator's test: those are in
// all.
func readTests(t *testing.T) (own map[string][]testFunc, all []testFunc) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, d := range Definitions {
		ids[d.ID] = true
	}
	own = map[string][]testFunc{}
	fset := token.NewFileSet()
	for _, file := range files {
		f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") || fn.Body == nil {
				continue
			}
			tf := testFunc{Name: fn.Name.Name, File: file, Doc: strings.Join(strings.Fields(fn.Doc.Text()), " ")}
			computes, whole := false, false
			cases := map[string][]string{} // id → case names, from its tables
			var named []string             // ids named in strings, in order
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					switch callee(n) {
					case "ComputeAll":
						computes, whole = true, true
					case "Compute":
						computes = true
					case "runCases":
						computes = true
						if id, ok := stringLit(n.Args[1]); ok {
							cases[id] = append(cases[id], caseNames(n.Args[2])...)
						}
					}
				case *ast.CompositeLit:
					id, okID := stringLit(field(n, "id"))
					name, okName := stringLit(field(n, "name"))
					if okID && okName && ids[id] {
						cases[id] = append(cases[id], name)
					}
				case *ast.RangeStmt:
					if x, ok := n.X.(*ast.Ident); ok && x.Name == "Definitions" {
						whole = true
					}
				case *ast.BasicLit:
					if s, ok := stringLit(n); ok && ids[s] && !slices.Contains(named, s) {
						named = append(named, s)
					}
				}
				return true
			})
			switch {
			case !computes: // a test of something else: RAG, settings, a CSV's errors
			case whole:
				all = append(all, tf)
			default:
				for _, id := range named {
					one := tf
					one.Cases = cases[id]
					own[id] = append(own[id], one)
				}
			}
		}
	}
	return own, all
}

// callee is the name of the function or method called.
func callee(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// caseNames are the name fields of a []tc{...} literal.
func caseNames(e ast.Expr) []string {
	table, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var names []string
	for _, el := range table.Elts {
		if c, ok := el.(*ast.CompositeLit); ok {
			if s, ok := stringLit(field(c, "name")); ok {
				names = append(names, s)
			}
		}
	}
	return names
}

// field is the value given to the named field in a struct literal, or nil.
func field(c *ast.CompositeLit, name string) ast.Expr {
	for _, e := range c.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

var unitText = map[Unit]string{
	UnitCount:   "count (the number of entries in the numerator)",
	UnitPercent: "percentage (100 × numerator ÷ denominator, to one decimal)",
	UnitRate:    "rate (numerator × 10,000 ÷ the children aged 0 to 17, to one decimal)",
	UnitDays:    "days (the mean of the numerator's days, whole)",
	UnitScore:   "score (the mean of the numerator's scores, to one decimal)",
	UnitRatio:   "ratio (the number in the numerator per FTE of the denominator, to one decimal)",
}

var directionText = map[Direction]string{
	HigherIsBetter: "higher is better",
	LowerIsBetter:  "lower is better",
	NoDirection:    "none (a measure of demand, with no RAG rating)",
}

var periodText = map[Period]string{
	PeriodAt:         "the date itself",
	PeriodMonth:      "the month ending on the date",
	Period12Months:   "the 12 months to the date",
	PeriodYear:       "the year to the date (at 31 March, the DfE's collection year)",
	PeriodThreeYears: "the three years to the date (one year when the council's settings ask)",
}

const docIntro = `# Indicators

<!-- Written by TestIndicatorsDoc (internal/indicators/doc_test.go) from
indicators.Definitions and the package's tests. Change those, then run
go test ./internal/indicators/ -run TestIndicatorsDoc -update -->

The performance framework is the set of indicators below: the front door and
early help, assessment and plans, children in care, adoption, care leavers and
the social work workforce. Package ` + "`internal/indicators`" + ` computes each
one as a pure function of the council's records and a date; the performance
pages, the report and the API (` + "`GET /api/v1/indicators/{id}?at=2023-03-31`" + `)
show the same indicators with the same words, in this order.

**As at a date.** A figure is computed as at any date: today, a month end for
a trend, 31 March for a year. Each indicator reads a period ending on that
date (below), both ends included. At 31 March the year to the date is the DfE's
collection year, so the figure is the published measure; on any other date it
is the same measure over the year to that date. A record open on the date
counts, including one that ends on it; being looked after is the DfE's
exception: a child whose care ends on the date is no longer looked after on
it. Working days leave out weekends and England and Wales bank holidays.

**A figure and its lists agree.** An indicator builds the entries of its
numerator and denominator (each a child, or the referral, plan, position or
leaver that is counted, with the record, the dates that put it there and a
short reason), and its value is made from those lists alone. So the figure on
a page and the children behind it always agree, and an indicator that counts
children counts a child with several records once.

**Unit, direction and RAG.** The unit says how the value is made from the
lists. The direction says which way is better. The council enters, for each
indicator and year, a target and green and amber thresholds: a value at least
as good as green, in the indicator's direction, is green; at least as good as
amber, amber; otherwise red. A measure of demand has no better direction and
no RAG rating. The direction of travel compares the value with the one a year
before (improving or worsening; up or down for demand). The DfE's measures use
the DfE's timescales, fixed; the local ones (source "local") are the council's
own and read its timescales.

**The council's data.** What the indicators read (the children's records, the
population aged 0 to 17, the social work establishment) and what the council
enters (targets, thresholds, comparators) is described in
[DATA-MODEL.md, Indicators](DATA-MODEL.md#indicators).

**An indicator that cannot be computed** has no value, shown as "–", never 0,
and says why (` + "`Result.NoValue`" + `, on the framework's and the indicator's
pages and as ` + "`no_value`" + ` in the API): a percentage with nothing in its
denominator, an average with nothing to average, a rate with no population
entered for the date's year or one before it, a workforce figure with no
establishment entered, a caseload with no post holding cases
(` + "`TestNoValueSaysWhy`" + `). A rate or a workforce
figure asked for one team, service or worker says it is not counted for part
of the council, since the population and the establishment are the whole
council's.

**Tests.** Under each indicator are its own tests: each Test function that
computes it, its file, and the names of the cases in its table. A test that
computes the indicator without a table is listed by name alone. Every table
case, and every test of the whole framework, also holds the value to its lists
(` + "`checkAgrees`" + `). These compute every indicator at once:
`

// indicatorsMarkdown writes docs/INDICATORS.md.
func indicatorsMarkdown(own map[string][]testFunc, all []testFunc) []byte {
	var b bytes.Buffer
	b.WriteString(docIntro)
	b.WriteString("\n")
	for _, tf := range all {
		fmt.Fprintf(&b, "- %s\n", testLine(tf, true))
	}
	for _, s := range Sections {
		fmt.Fprintf(&b, "\n## %s\n", s.Title())
		for _, d := range Definitions {
			if d.Section != s {
				continue
			}
			unit := unitText[d.Unit]
			if d.Weighted && d.Unit == UnitPercent {
				unit = "percentage (100 × numerator ÷ denominator by FTE, to one decimal)"
			}
			source := d.Source
			if d.Local() {
				source = "local (the council's own measure)"
			}
			fmt.Fprintf(&b, "\n### %s\n\n", markdown(d.Title))
			fmt.Fprintf(&b, "- Id: `%s`\n", d.ID)
			fmt.Fprintf(&b, "- Unit: %s\n", unit)
			fmt.Fprintf(&b, "- Direction: %s\n", directionText[d.Better])
			fmt.Fprintf(&b, "- Source: %s\n", markdown(source))
			fmt.Fprintf(&b, "- Period: %s\n", periodText[d.Period])
			fmt.Fprintf(&b, "- Its lists count: %s\n", markdown(d.Counts))
			fmt.Fprintf(&b, "\n%s\n\n", markdown(d.Text))
			b.WriteString("Tests:\n\n")
			if len(own[d.ID]) == 0 {
				b.WriteString("- none\n")
			}
			for _, tf := range own[d.ID] {
				fmt.Fprintf(&b, "- %s\n", testLine(tf, false))
				for _, c := range tf.Cases {
					fmt.Fprintf(&b, "  - %s\n", markdown(c))
				}
			}
		}
	}
	return b.Bytes()
}

// testLine names a test and its file, and with withDoc what its comment
// says (which begins with its name).
func testLine(tf testFunc, withDoc bool) string {
	line := fmt.Sprintf("`%s` (`%s`)", tf.Name, tf.File)
	if withDoc && tf.Doc != "" {
		line += markdown(strings.TrimPrefix(tf.Doc, tf.Name))
	}
	return line
}

// markdown escapes the characters Markdown would read as markup.
var markdown = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "[", `\[`, "]", `\]`).Replace
