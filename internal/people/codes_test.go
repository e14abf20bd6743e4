package people

import (
	"encoding/xml"
	"os"
	"slices"
	"strings"
	"testing"
)

var codeLists = map[string]CodeList{
	"SexCodes":        SexCodes,
	"EthnicityCodes":  EthnicityCodes,
	"DisabilityCodes": DisabilityCodes,
	"LanguageCodes":   LanguageCodes,
	"ReligionCodes":   ReligionCodes,
	"OtherNameTypes":  OtherNameTypes,
}

func TestCodeListsWellFormed(t *testing.T) {
	for name, list := range codeLists {
		if len(list) == 0 {
			t.Errorf("%s is empty", name)
		}
		seen := map[string]bool{}
		labels := map[string]bool{}
		for _, c := range list {
			if c.Code == "" || c.Label == "" {
				t.Errorf("%s: empty code or label in %+v", name, c)
			}
			if strings.TrimSpace(c.Code) != c.Code || strings.TrimSpace(c.Label) != c.Label {
				t.Errorf("%s: %+v has surrounding spaces", name, c)
			}
			if seen[c.Code] {
				t.Errorf("%s: code %s twice", name, c.Code)
			}
			if labels[c.Label] {
				t.Errorf("%s: label %q twice", name, c.Label)
			}
			seen[c.Code], labels[c.Label] = true, true
		}
	}
	// Normalise upper-cases these lists' codes, so each code must be upper case.
	for _, name := range []string{"EthnicityCodes", "DisabilityCodes", "LanguageCodes", "ReligionCodes"} {
		for _, c := range codeLists[name] {
			if strings.ToUpper(c.Code) != c.Code {
				t.Errorf("%s: code %s is not upper case", name, c.Code)
			}
		}
	}
	for _, c := range OtherNameTypes {
		if strings.ToLower(c.Code) != c.Code {
			t.Errorf("OtherNameTypes: code %s is not lower case", c.Code)
		}
	}
}

func TestCodeListLookup(t *testing.T) {
	if !LanguageCodes.Has("PNJ") || LanguageCodes.Label("PNJ") != "Panjabi" {
		t.Errorf("PNJ: Has %v, Label %q", LanguageCodes.Has("PNJ"), LanguageCodes.Label("PNJ"))
	}
	if LanguageCodes.Has("") || LanguageCodes.Label("") != "" {
		t.Error("the empty code is in LanguageCodes")
	}
	if LanguageCodes.Has("pnj") || LanguageCodes.Label("XYZ") != "" {
		t.Error("lookup is not exact")
	}
	if got := SexCodes.Codes(); !slices.Equal(got, []string{"1", "2", "9", "0"}) {
		t.Errorf("SexCodes.Codes() = %v", got)
	}
}

func TestLanguageCodes(t *testing.T) {
	if n := len(LanguageCodes); n < 100 {
		t.Errorf("LanguageCodes has %d codes, want at least 100", n)
	}
	want := map[string]string{
		"ENG": "English", "ENB": "English (believed to be)", "OTB": "Other than English (believed to be)",
		"OTH": "Other than English", "OTL": "Other language", "NOT": "Information not obtained", "REF": "Refused",
		"PNJ": "Panjabi", "POL": "Polish", "URD": "Urdu", "GUJ": "Gujarati", "BNGS": "Bengali (Sylheti)",
		"RMN": "Romanian", "SOM": "Somali", "TGR": "Tigrinya", "KURS": "Kurdish (Sorani)", "ARA": "Arabic",
		"PRSD": "Dari Persian", "PAT": "Pashto (Pakhto)", "CHIM": "Chinese (Mandarin/Putonghua)",
		"SHO": "Shona", "LIT": "Lithuanian", "LTV": "Latvian", "SLO": "Slovak", "CZE": "Czech",
		"UKR": "Ukrainian", "FRN": "French", "SPA": "Spanish", "POR": "Portuguese", "BSL": "British Sign Language",
	}
	for code, label := range want {
		if got := LanguageCodes.Label(code); got != label {
			t.Errorf("LanguageCodes.Label(%q) = %q, want %q", code, got, label)
		}
	}
	// The codes are three or four capital letters.
	for _, c := range LanguageCodes {
		if len(c.Code) < 3 || len(c.Code) > 4 || strings.Trim(c.Code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			t.Errorf("language code %q is not three or four capital letters", c.Code)
		}
	}
}

// TestCodesMatchCINSchema checks the sex, ethnicity and disability lists
// against the DfE's CIN census schema, when the reference data is at hand.
func TestCodesMatchCINSchema(t *testing.T) {
	b, err := os.ReadFile("../../../shared/domain/cin-census-schema-2024.xsd")
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
	for typ, list := range map[string]CodeList{"gendertype": SexCodes, "ethnicitytype": EthnicityCodes, "disabilitytype": DisabilityCodes} {
		want := slices.Sorted(slices.Values(enums[typ]))
		got := slices.Sorted(slices.Values(list.Codes()))
		if len(want) == 0 {
			t.Errorf("schema has no %s", typ)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: codes %v, schema %v", typ, got, want)
		}
	}
}

func TestRelationshipTypes(t *testing.T) {
	seen := map[string]bool{}
	for _, rt := range RelationshipTypes {
		if rt.Code == "" || rt.FromLabel == "" || rt.ToLabel == "" {
			t.Errorf("incomplete relationship type %+v", rt)
		}
		if seen[rt.Code] {
			t.Errorf("relationship type %s twice", rt.Code)
		}
		seen[rt.Code] = true
		if rt.Symmetric != (rt.FromLabel == rt.ToLabel) {
			t.Errorf("%s: symmetric %v but labels %q and %q", rt.Code, rt.Symmetric, rt.FromLabel, rt.ToLabel)
		}
	}
	tests := []struct {
		typ           string
		forward, back string // what To is to From; what From is to To
	}{
		{"parent", "Child", "Parent"},
		{"carer", "Cared for", "Carer"},
		{"foster_carer", "Foster child", "Foster carer"},
		{"sibling", "Sibling", "Sibling"},
		{"half_sibling", "Half-sibling", "Half-sibling"},
		{"grandparent", "Grandchild", "Grandparent"},
		{"step_parent", "Step-child", "Step-parent"},
		{"professional", "Client", "Professional"},
		{"other", "Other", "Other"},
		{"no_such_type", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := RelationshipLabel(tt.typ, true); got != tt.forward {
			t.Errorf("RelationshipLabel(%q, true) = %q, want %q", tt.typ, got, tt.forward)
		}
		if got := RelationshipLabel(tt.typ, false); got != tt.back {
			t.Errorf("RelationshipLabel(%q, false) = %q, want %q", tt.typ, got, tt.back)
		}
	}
}

func TestRelationshipOther(t *testing.T) {
	r := Relationship{From: 10, To: 20, Type: "parent"}
	if id, label, ok := r.Other(10); id != 20 || label != "Child" || !ok {
		t.Errorf("Other(From) = %d, %q, %v", id, label, ok)
	}
	if id, label, ok := r.Other(20); id != 10 || label != "Parent" || !ok {
		t.Errorf("Other(To) = %d, %q, %v", id, label, ok)
	}
	if _, _, ok := r.Other(30); ok {
		t.Error("Other(stranger) is ok")
	}
}
