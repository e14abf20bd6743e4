package web

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// personForm is the person form as typed. Field names match the JSON paths
// that validation errors name, so an error finds its input.
type personForm struct {
	Version                                       string
	GivenName, FamilyName, Gender                 string
	Sex, Ethnicity, FirstLanguage, Religion       string
	Disabilities                                  []string
	LAChildID, NHSNumber, UPN, FormerUPN          string
	DateOfBirth, ExpectedDateOfBirth, DateOfDeath DateValue
	OtherNames                                    []otherNameRow
	Addresses                                     []addressRow
}

type otherNameRow struct{ Index, Type, GivenName, FamilyName string }

type addressRow struct {
	Index                        string
	Line1, Line2, Town, Postcode string
	StartDate, EndDate           DateValue
}

// maxRows bounds how many other names and addresses one form may carry.
const maxRows = 20

func formOf(p people.Person) personForm {
	f := personForm{
		GivenName: p.GivenName, FamilyName: p.FamilyName, Gender: p.Gender,
		Sex: p.Sex, Ethnicity: p.Ethnicity, FirstLanguage: p.FirstLanguage, Religion: p.Religion,
		Disabilities: p.Disabilities,
		LAChildID:    p.Identifiers.LAChildID, NHSNumber: p.Identifiers.NHSNumber, UPN: p.Identifiers.UPN, FormerUPN: p.Identifiers.FormerUPN,
		DateOfBirth: dateValueOf(p.DateOfBirth), ExpectedDateOfBirth: dateValueOf(p.ExpectedDateOfBirth), DateOfDeath: dateValueOf(p.DateOfDeath),
	}
	if p.Version > 0 {
		f.Version = strconv.Itoa(p.Version)
	}
	for _, o := range p.OtherNames {
		f.OtherNames = append(f.OtherNames, otherNameRow{Type: o.Type, GivenName: o.GivenName, FamilyName: o.FamilyName})
	}
	for _, a := range p.Addresses {
		f.Addresses = append(f.Addresses, addressRow{Line1: a.Line1, Line2: a.Line2, Town: a.Town, Postcode: a.Postcode, StartDate: dateValueOf(a.StartDate), EndDate: dateValueOf(a.EndDate)})
	}
	f.number()
	return f
}

// number gives each row its index, after blank rows have been dropped.
func (f *personForm) number() {
	for i := range f.OtherNames {
		f.OtherNames[i].Index = strconv.Itoa(i)
	}
	for i := range f.Addresses {
		f.Addresses[i].Index = strconv.Itoa(i)
	}
}

// WithBlankRows returns the form with one empty row each for a new other name
// and a new address, for drawing.
func (f personForm) WithBlankRows() personForm {
	f.OtherNames = append(append([]otherNameRow{}, f.OtherNames...), otherNameRow{Index: strconv.Itoa(len(f.OtherNames))})
	f.Addresses = append(append([]addressRow{}, f.Addresses...), addressRow{Index: strconv.Itoa(len(f.Addresses))})
	return f
}

func readPersonForm(v url.Values) personForm {
	g := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := personForm{
		Version: g("version"), GivenName: g("given_name"), FamilyName: g("family_name"), Gender: g("gender"),
		Sex: g("sex"), Ethnicity: g("ethnicity"), FirstLanguage: g("first_language"), Religion: g("religion"),
		Disabilities: v["disabilities"],
		LAChildID:    g("identifiers.la_child_id"), NHSNumber: g("identifiers.nhs_number"), UPN: g("identifiers.upn"), FormerUPN: g("identifiers.former_upn"),
		DateOfBirth: dateValue(v, "date_of_birth"), ExpectedDateOfBirth: dateValue(v, "expected_date_of_birth"), DateOfDeath: dateValue(v, "date_of_death"),
	}
	for i := 0; i < maxRows; i++ {
		pre := "other_names." + strconv.Itoa(i) + "."
		o := otherNameRow{Type: g(pre + "type"), GivenName: g(pre + "given_name"), FamilyName: g(pre + "family_name")}
		if o.GivenName != "" || o.FamilyName != "" {
			f.OtherNames = append(f.OtherNames, o)
		}
	}
	for i := 0; i < maxRows; i++ {
		pre := "addresses." + strconv.Itoa(i) + "."
		a := addressRow{Line1: g(pre + "line1"), Line2: g(pre + "line2"), Town: g(pre + "town"), Postcode: g(pre + "postcode"),
			StartDate: dateValue(v, pre+"start_date"), EndDate: dateValue(v, pre+"end_date")}
		if a.Line1 != "" || a.Line2 != "" || a.Town != "" || a.Postcode != "" || !a.StartDate.Empty() || !a.EndDate.Empty() {
			f.Addresses = append(f.Addresses, a)
		}
	}
	f.number()
	return f
}

// person turns the form into a record. Dates that are not real dates are
// reported here, since the record cannot hold them; every other rule is
// people.Validate's.
func (f personForm) person() (people.Person, errs.Fields) {
	var bad errs.Fields
	p := people.Person{
		GivenName: f.GivenName, FamilyName: f.FamilyName, Gender: f.Gender,
		Sex: f.Sex, Ethnicity: f.Ethnicity, FirstLanguage: f.FirstLanguage, Religion: f.Religion,
		Identifiers:         people.Identifiers{LAChildID: f.LAChildID, NHSNumber: f.NHSNumber, UPN: f.UPN, FormerUPN: f.FormerUPN},
		DateOfBirth:         f.DateOfBirth.parse("date_of_birth", "Date of birth", &bad),
		ExpectedDateOfBirth: f.ExpectedDateOfBirth.parse("expected_date_of_birth", "Expected date of birth", &bad),
		DateOfDeath:         f.DateOfDeath.parse("date_of_death", "Date of death", &bad),
	}
	for _, d := range f.Disabilities {
		if d = strings.TrimSpace(d); d != "" {
			p.Disabilities = append(p.Disabilities, d)
		}
	}
	p.Version, _ = strconv.Atoi(f.Version)
	for _, o := range f.OtherNames {
		p.OtherNames = append(p.OtherNames, people.OtherName{Type: o.Type, GivenName: o.GivenName, FamilyName: o.FamilyName})
	}
	for i, a := range f.Addresses {
		pre := "addresses." + strconv.Itoa(i) + "."
		p.Addresses = append(p.Addresses, people.Address{
			Line1: a.Line1, Line2: a.Line2, Town: a.Town, Postcode: a.Postcode,
			StartDate: a.StartDate.parse(pre+"start_date", "Date moved in", &bad),
			EndDate:   a.EndDate.parse(pre+"end_date", "Date moved out", &bad),
		})
	}
	return p, bad
}

// mergeErrors puts the form's own date errors first and adds validation
// errors for fields that have none yet.
func mergeErrors(bad errs.Fields, err error) errs.Fields {
	return inputErrors(bad, err, func(field string) string { return field })
}

// staleVersion reports whether err refuses a change made from a version that
// is no longer the latest (errs.Conflict with no field): the page explains
// it and keeps what was typed, rather than showing an error summary.
func staleVersion(err error) bool {
	return errs.Is(err, errs.Conflict) && len(errs.As(err).Fields) == 0
}

// hidden is one hidden input carrying a value from the form to the check page
// and back.
type hidden struct{ Name, Value string }

func hiddenFields(v url.Values) []hidden {
	var out []hidden
	keys := make([]string, 0, len(v))
	for k := range v {
		if k == "csrf_token" || k == "action" || k == "reason" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, val := range v[k] {
			out = append(out, hidden{k, val})
		}
	}
	return out
}

// row is one row of a summary list.
type row struct{ Key, Value string }

func orNone(s string) string {
	if s == "" {
		return "Not recorded"
	}
	return s
}

func dateOrNone(d civil.Date) string { return orNone(d.Format()) }

// summaryRows describes a record for "check your answers" and the history.
func summaryRows(p people.Person) []row {
	var disab []string
	for _, d := range p.Disabilities {
		disab = append(disab, codeLabel(people.DisabilityCodes, d))
	}
	rows := []row{
		{"Given names", orNone(p.GivenName)},
		{"Family name", orNone(p.FamilyName)},
		{"Date of birth", dateOrNone(p.DateOfBirth)},
		{"Expected date of birth", dateOrNone(p.ExpectedDateOfBirth)},
		{"Date of death", dateOrNone(p.DateOfDeath)},
		{"Sex", codeLabel(people.SexCodes, p.Sex)},
		{"Gender", orNone(p.Gender)},
		{"Ethnicity", codeLabel(people.EthnicityCodes, p.Ethnicity)},
		{"First language", codeLabel(people.LanguageCodes, p.FirstLanguage)},
		{"Religion", codeLabel(people.ReligionCodes, p.Religion)},
		{"Disabilities", orNone(strings.Join(disab, ", "))},
		{"LA child ID", orNone(p.Identifiers.LAChildID)},
		{"NHS number", orNone(p.Identifiers.NHSNumber)},
		{"UPN", orNone(p.Identifiers.UPN)},
		{"Former UPN", orNone(p.Identifiers.FormerUPN)},
	}
	for _, o := range p.OtherNames {
		rows = append(rows, row{"Other name (" + codeLabel(people.OtherNameTypes, o.Type) + ")", strings.TrimSpace(o.GivenName + " " + o.FamilyName)})
	}
	for _, a := range p.Addresses {
		when := "from " + dateOrNone(a.StartDate)
		if !a.EndDate.IsZero() {
			when += " to " + a.EndDate.Format()
		}
		rows = append(rows, row{"Address", strings.Join(nonEmpty(a.Line1, a.Line2, a.Town, a.Postcode), ", ") + " (" + when + ")"})
	}
	return rows
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// changes lists what differs between two versions, as (field, before,
// after) for the history page and the check page of an edit.
type change struct{ Key, Before, After string }

func changes(before, after people.Person) []change {
	b, a := summaryRows(before), summaryRows(after)
	count := map[string]int{}
	idx := func(rows []row) map[string]string {
		m := map[string]string{}
		seen := map[string]int{}
		for _, r := range rows {
			seen[r.Key]++
			k := r.Key
			if seen[r.Key] > 1 {
				k = r.Key + " " + strconv.Itoa(seen[r.Key])
			}
			m[k] = r.Value
			count[k]++
		}
		return m
	}
	bm, am := idx(b), idx(a)
	var keys []string
	for k := range count {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		return keyOrder(keys[i]) < keyOrder(keys[j]) || (keyOrder(keys[i]) == keyOrder(keys[j]) && keys[i] < keys[j])
	})
	var out []change
	for _, k := range keys {
		if bm[k] != am[k] {
			out = append(out, change{k, orNone(bm[k]), orNone(am[k])})
		}
	}
	if before.Restricted != after.Restricted {
		out = append(out, change{"Restricted", yesNo(before.Restricted), yesNo(after.Restricted)})
	}
	return out
}

var rowOrder = []string{"Given names", "Family name", "Date of birth", "Expected date of birth", "Date of death", "Sex", "Gender", "Ethnicity", "First language", "Religion", "Disabilities", "LA child ID", "NHS number", "UPN", "Former UPN", "Other name", "Address"}

func keyOrder(k string) int {
	for i, o := range rowOrder {
		if strings.HasPrefix(k, o) {
			return i
		}
	}
	return len(rowOrder)
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
