package journey

import (
	"encoding/csv"
	"encoding/xml"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hearth/internal/people"
)

// The shared reference data, from this package's folder: /work/wt/shared from
// a worktree, /work/shared from the main checkout.
const sharedDomain = "../../../shared/domain/"

// dfeLists are the lists taken from the CIN census, each with the schema's
// name for it.
var dfeLists = []struct {
	name, schemaType string
	list             people.CodeList
}{
	{"ReferralSources", "referralsourcetype", ReferralSources},
	{"PrimaryNeeds", "primaryneedcodetype", PrimaryNeeds},
	{"AssessmentFactors", "assessmentfactorstype", AssessmentFactors},
	{"AbuseCategories", "categoryofabuse", AbuseCategories},
	{"ClosureReasons", "reasonforclosuretype", ClosureReasons},
}

// ownLists are Hearth's own lists.
var ownLists = map[string]people.CodeList{
	"ContactDecisions":      ContactDecisions,
	"EarlyHelpClosures":     EarlyHelpClosures,
	"FamilyProblems":        FamilyProblems,
	"StrategyOutcomes":      StrategyOutcomes,
	"S47Outcomes":           S47Outcomes,
	"FamilyMeetingOutcomes": FamilyMeetingOutcomes,
}

func TestCodeListsWellFormed(t *testing.T) {
	all := map[string]people.CodeList{}
	for _, l := range dfeLists {
		all[l.name] = l.list
	}
	for name, list := range ownLists {
		all[name] = list
	}
	for name, list := range all {
		if len(list) == 0 {
			t.Errorf("%s is empty", name)
		}
		codes, labels := map[string]bool{}, map[string]bool{}
		for _, c := range list {
			if c.Code == "" || c.Label == "" {
				t.Errorf("%s: empty code or label in %+v", name, c)
			}
			if strings.TrimSpace(c.Code) != c.Code || strings.TrimSpace(c.Label) != c.Label {
				t.Errorf("%s: %+v has surrounding spaces", name, c)
			}
			if codes[c.Code] {
				t.Errorf("%s: code %q twice", name, c.Code)
			}
			if labels[c.Label] {
				t.Errorf("%s: label %q twice", name, c.Label)
			}
			codes[c.Code], labels[c.Label] = true, true
		}
	}
	// The DfE's codes are capitals and digits; Hearth's are lower-case words
	// joined by underscores.
	dfe := regexp.MustCompile(`^[A-Z0-9]+$`)
	for _, l := range dfeLists {
		for _, c := range l.list {
			if !dfe.MatchString(c.Code) {
				t.Errorf("%s: code %q is not capitals and digits", l.name, c.Code)
			}
		}
	}
	own := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	for name, list := range ownLists {
		for _, c := range list {
			if !own.MatchString(c.Code) {
				t.Errorf("%s: code %q is not lower-case snake_case", name, c.Code)
			}
		}
	}
}

func TestCodeListLookup(t *testing.T) {
	tests := []struct {
		name  string
		list  people.CodeList
		code  string
		has   bool
		label string
	}{
		{"referral source, first", ReferralSources, "1A", true, "Individual: family member, relative or carer"},
		{"referral source, one digit", ReferralSources, "4", true, "Housing: council housing or a housing association"},
		{"referral source, last", ReferralSources, "10", true, "Unknown"},
		{"referral source, after the last", ReferralSources, "11", false, ""},
		{"referral source, lower case", ReferralSources, "1a", false, ""},
		{"referral source, spaces", ReferralSources, " 1A", false, ""},
		{"primary need, first in the list", PrimaryNeeds, "N1", true, "Abuse or neglect"},
		{"primary need, not stated", PrimaryNeeds, "N0", true, "Not stated"},
		{"primary need, N9", PrimaryNeeds, "N9", true, "Cases other than children in need"},
		{"primary need, N10", PrimaryNeeds, "N10", false, ""},
		{"primary need, lower case", PrimaryNeeds, "n1", false, ""},
		{"primary need, digit alone", PrimaryNeeds, "1", false, ""},
		{"factor, first", AssessmentFactors, "1A", true, "Alcohol misuse by the child"},
		{"factor, none", AssessmentFactors, AssessmentFactorNone, true, "No factors identified"},
		{"factor, two digits and a letter", AssessmentFactors, "24A", true, "Child criminal exploitation"},
		{"factor, physical abuse by an adult", AssessmentFactors, "18C", true, "Physical abuse by an adult"},
		{"factor, retired 18A", AssessmentFactors, "18A", false, ""},
		{"factor, retired 19A", AssessmentFactors, "19A", false, ""},
		{"factor, 8A never existed", AssessmentFactors, "8A", false, ""},
		{"factor, lower case", AssessmentFactors, "22a", false, ""},
		{"abuse, neglect", AbuseCategories, "NEG", true, "Neglect"},
		{"abuse, multiple", AbuseCategories, "MUL", true, "Multiple categories"},
		{"abuse, lower case", AbuseCategories, "neg", false, ""},
		{"abuse, label for code", AbuseCategories, "Neglect", false, ""},
		{"closure, first", ClosureReasons, "RC1", true, "Adopted"},
		{"closure, last", ClosureReasons, "RC9", true, "Closed after assessment, referred to early help"},
		{"closure, RC0", ClosureReasons, "RC0", false, ""},
		{"closure, RC10", ClosureReasons, "RC10", false, ""},
		{"closure, lower case", ClosureReasons, "rc1", false, ""},
		{"contact, early help", ContactDecisions, "early_help", true, "Early help"},
		{"contact, referral", ContactDecisions, "referral", true, "Referral to children's social care"},
		{"contact, capitalised", ContactDecisions, "Early_help", false, ""},
		{"contact, hyphen", ContactDecisions, "early-help", false, ""},
		{"early help closure, step up", EarlyHelpClosures, "step_up", true, "Stepped up to children's social care"},
		{"early help closure, other", EarlyHelpClosures, "other", true, "Other"},
		{"family problem, first", FamilyProblems, "education", true, "Getting a good education"},
		{"family problem, last", FamilyProblems, "finance", true, "Financial stability"},
		{"family problem, upper case", FamilyProblems, "HOUSING", false, ""},
		{"strategy, s47", StrategyOutcomes, "s47", true, "Section 47 enquiry started"},
		{"strategy, upper case", StrategyOutcomes, "S47", false, ""},
		{"s47, conference", S47Outcomes, "icpc", true, "Initial child protection conference"},
		{"s47, a strategy outcome", S47Outcomes, "no_s47", false, ""},
		{"family meeting, not held", FamilyMeetingOutcomes, "not_held", true, "Not held"},
		{"family meeting, unknown", FamilyMeetingOutcomes, "postponed", false, ""},
	}
	for _, tt := range tests {
		if got := tt.list.Has(tt.code); got != tt.has {
			t.Errorf("%s: Has(%q) = %v, want %v", tt.name, tt.code, got, tt.has)
		}
		if got := tt.list.Label(tt.code); got != tt.label {
			t.Errorf("%s: Label(%q) = %q, want %q", tt.name, tt.code, got, tt.label)
		}
	}
	// The empty code means "not recorded" and is in no list.
	for _, l := range dfeLists {
		if l.list.Has("") || l.list.Label("") != "" {
			t.Errorf("%s has the empty code", l.name)
		}
	}
	for name, list := range ownLists {
		if list.Has("") || list.Label("") != "" {
			t.Errorf("%s has the empty code", name)
		}
	}
}

func TestCodeListOrder(t *testing.T) {
	// A form offers "Not stated" last, as the schema does, though its code
	// sorts first.
	if got, want := PrimaryNeeds.Codes(), []string{"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N0"}; !slices.Equal(got, want) {
		t.Errorf("PrimaryNeeds.Codes() = %v, want %v", got, want)
	}
	if got, want := ClosureReasons.Codes(), []string{"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"}; !slices.Equal(got, want) {
		t.Errorf("ClosureReasons.Codes() = %v, want %v", got, want)
	}
	if n := len(FamilyProblems); n != 10 {
		t.Errorf("FamilyProblems has %d problems, the framework ten", n)
	}
}

// TestCodesMatchCINSchema checks each DfE list against the enumeration of its
// type in the CIN census schema, when the reference data is at hand.
func TestCodesMatchCINSchema(t *testing.T) {
	b, err := os.ReadFile(sharedDomain + "cin-census-schema-2024.xsd")
	if err != nil {
		t.Skip("CIN census schema not available:", err)
	}
	var schema struct {
		Types []struct {
			Name  string `xml:"name,attr"`
			Enums []struct {
				Value string `xml:"value,attr"`
			} `xml:"restriction>enumeration"`
		} `xml:"simpleType"`
	}
	if err := xml.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	enums := map[string][]string{}
	for _, st := range schema.Types {
		for _, e := range st.Enums {
			enums[st.Name] = append(enums[st.Name], e.Value)
		}
	}
	for _, l := range dfeLists {
		want := slices.Sorted(slices.Values(enums[l.schemaType]))
		if len(want) == 0 {
			t.Errorf("schema has no %s", l.schemaType)
			continue
		}
		if got := slices.Sorted(slices.Values(l.list.Codes())); !slices.Equal(got, want) {
			t.Errorf("%s: codes %v, schema's %s %v", l.name, got, l.schemaType, want)
		}
	}
}

// TestCodesMatchCINRules checks the lists against the codes the census's
// validation rules accept, when the reference data is at hand.
func TestCodesMatchCINRules(t *testing.T) {
	f, err := os.Open(sharedDomain + "cin-census-rules.tsv")
	if err != nil {
		t.Skip("CIN census rules not available:", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 {
		t.Fatal("no rules")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"code", "ruleset", "message", "code_lists_in_rule"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("rules have no column %q", h)
		}
	}
	field := func(row []string, h string) string {
		if col[h] < len(row) {
			return row[col[h]]
		}
		return ""
	}
	// rule returns the codes a rule of a ruleset accepts.
	rule := func(code, ruleset string) []string {
		for _, row := range rows[1:] {
			if field(row, "code") == code && field(row, "ruleset") == ruleset {
				return strings.Fields(field(row, "code_lists_in_rule"))
			}
		}
		t.Errorf("no rule %s in %s", code, ruleset)
		return nil
	}
	// The 2022-23 factor rule still lists 18A and 19A, which later rules query.
	var retired []string
	for _, row := range rows[1:] {
		if field(row, "ruleset") != "cin2024_25" {
			continue
		}
		for _, c := range []string{"18A", "19A"} {
			if strings.Contains(field(row, "message"), "'"+c+"' should not be used") {
				retired = append(retired, c)
			}
		}
	}
	if len(retired) != 2 {
		t.Errorf("2024-25 rules query factors %v, want 18A and 19A", retired)
	}
	factors := slices.DeleteFunc(rule("8897Q", "cin2022_23"), func(c string) bool { return slices.Contains(retired, c) })

	tests := []struct {
		rule string
		list people.CodeList
		want []string
	}{
		{"8866", ReferralSources, rule("8866", "cin2022_23")},
		{"8650", PrimaryNeeds, rule("8650", "cin2022_23")},
		{"8897Q", AssessmentFactors, factors},
		{"8905", AbuseCategories, rule("8905", "cin2022_23")},
		{"8910", AbuseCategories, rule("8910", "cin2022_23")},
		{"8640", ClosureReasons, rule("8640", "cin2022_23")},
	}
	for _, tt := range tests {
		want := slices.Sorted(slices.Values(tt.want))
		if len(want) == 0 {
			t.Errorf("rule %s lists no codes", tt.rule)
			continue
		}
		if got := slices.Sorted(slices.Values(tt.list.Codes())); !slices.Equal(got, want) {
			t.Errorf("rule %s: codes %v, rule's %v", tt.rule, got, want)
		}
	}
}
