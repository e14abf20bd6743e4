package people

// Code is one value of a code list: the code that is stored and sent in
// returns, and the label people read.
type Code struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// CodeList is a code list in the order a form shows it. Codes are matched
// exactly: Normalise writes them in the list's case before Validate checks them.
type CodeList []Code

// Has reports whether code is in the list. The empty code is never in a list;
// an empty field means "not recorded".
func (l CodeList) Has(code string) bool {
	_, ok := l.find(code)
	return ok
}

// Label returns the label of code, or "" if the list has no such code.
func (l CodeList) Label(code string) string {
	c, _ := l.find(code)
	return c.Label
}

// Codes returns the codes alone, in list order.
func (l CodeList) Codes() []string {
	out := make([]string, len(l))
	for i, c := range l {
		out[i] = c.Code
	}
	return out
}

func (l CodeList) find(code string) (Code, bool) {
	if code == "" {
		return Code{}, false
	}
	for _, c := range l {
		if c.Code == code {
			return c, true
		}
	}
	return Code{}, false
}

// SexCodes are the CIN census 2023-24 codes for a child's sex (the schema's
// gendertype). From 2024-25 the census sends M, F or U instead; the return
// maps these codes when it writes the file.
var SexCodes = CodeList{
	{"1", "Male"},
	{"2", "Female"},
	{"9", "Indeterminate"},
	{"0", "Not recorded, or unborn"},
}

// EthnicityCodes are the DfE's ethnicity codes, as used by the CIN census and
// the SSDA903 return.
var EthnicityCodes = CodeList{
	{"WBRI", "White British"},
	{"WIRI", "White Irish"},
	{"WIRT", "Traveller of Irish heritage"},
	{"WROM", "Gypsy or Roma"},
	{"WOTH", "Any other White background"},
	{"MWBC", "White and Black Caribbean"},
	{"MWBA", "White and Black African"},
	{"MWAS", "White and Asian"},
	{"MOTH", "Any other mixed background"},
	{"AIND", "Indian"},
	{"APKN", "Pakistani"},
	{"ABAN", "Bangladeshi"},
	{"AOTH", "Any other Asian background"},
	{"BCRB", "Caribbean"},
	{"BAFR", "African"},
	{"BOTH", "Any other Black background"},
	{"CHNE", "Chinese"},
	{"OOTH", "Any other ethnic group"},
	{"REFU", "Refused"},
	{"NOBT", "Information not yet obtained"},
}

// DisabilityNone is the disability code that says the person has none. It is
// never recorded together with another disability.
const DisabilityNone = "NONE"

// DisabilityCodes are the CIN census disability codes. A person may have
// several; NONE stands alone.
var DisabilityCodes = CodeList{
	{DisabilityNone, "No disability"},
	{"MOB", "Mobility"},
	{"HAND", "Hand function"},
	{"PC", "Personal care"},
	{"INC", "Incontinence"},
	{"COMM", "Communication"},
	{"LD", "Learning"},
	{"HEAR", "Hearing"},
	{"VIS", "Vision"},
	{"BEH", "Behaviour"},
	{"CON", "Consciousness"},
	{"AUT", "Autism"},
	{"DDA", "Other"},
}

// LanguageCodes are the DfE's first-language codes from the school census
// (the common basic data set's extended list): the general codes first, then
// specific languages in order of code, then the codes for a language not on
// the list or not known. A child's school and social care records can then
// share one value.
var LanguageCodes = CodeList{
	{"ENG", "English"},
	{"ENB", "English (believed to be)"},

	{"ACL", "Acholi"},
	{"AFK", "Afrikaans"},
	{"AKA", "Akan (Twi/Fante)"},
	{"AKAF", "Akan (Fante)"},
	{"AKAT", "Akan (Twi/Asante)"},
	{"ALB", "Albanian (Shqip)"},
	{"AMR", "Amharic"},
	{"ARA", "Arabic"},
	{"ARAA", "Arabic (any other)"},
	{"ARAG", "Arabic (Algeria)"},
	{"ARAI", "Arabic (Iraq)"},
	{"ARAM", "Arabic (Morocco)"},
	{"ARAS", "Arabic (Sudan)"},
	{"ARAY", "Arabic (Yemen)"},
	{"ARM", "Armenian"},
	{"ASR", "Assyrian (Aramaic)"},
	{"AZE", "Azeri"},
	{"BAL", "Balochi"},
	{"BEL", "Belarusian"},
	{"BEM", "Bemba"},
	{"BHO", "Bhojpuri"},
	{"BMA", "Burmese (Myanma)"},
	{"BNG", "Bengali"},
	{"BNGA", "Bengali (any other)"},
	{"BNGC", "Bengali (Chittagong/Noakhali)"},
	{"BNGS", "Bengali (Sylheti)"},
	{"BSL", "British Sign Language"},
	{"BSQ", "Basque (Euskara)"},
	{"BUL", "Bulgarian"},
	{"CAM", "Cambodian (Khmer)"},
	{"CAT", "Catalan"},
	{"CCE", "Caribbean Creole English"},
	{"CCF", "Caribbean Creole French"},
	{"CHE", "Chechen"},
	{"CHI", "Chinese"},
	{"CHIA", "Chinese (any other)"},
	{"CHIC", "Chinese (Cantonese)"},
	{"CHIH", "Chinese (Hokkien/Fujianese)"},
	{"CHIK", "Chinese (Hakka)"},
	{"CHIM", "Chinese (Mandarin/Putonghua)"},
	{"CWA", "Chichewa (Nyanja)"},
	{"CYM", "Welsh (Cymraeg)"},
	{"CZE", "Czech"},
	{"DAN", "Danish"},
	{"DIN", "Dinka (Jieng)"},
	{"DUT", "Dutch (Flemish)"},
	{"EDO", "Edo (Bini)"},
	{"EFI", "Efik-Ibibio"},
	{"EST", "Estonian"},
	{"EWE", "Ewe"},
	{"FIN", "Finnish"},
	{"FRN", "French"},
	{"FUL", "Fula (Fulfulde-Pulaar)"},
	{"GAA", "Ga"},
	{"GAE", "Irish (Gaelic)"},
	{"GAL", "Gaelic (Scotland)"},
	{"GEO", "Georgian"},
	{"GER", "German"},
	{"GKY", "Kikuyu (Gikuyu)"},
	{"GRE", "Greek"},
	{"GREA", "Greek (any other)"},
	{"GREC", "Greek (Cyprus)"},
	{"GUJ", "Gujarati"},
	{"HAU", "Hausa"},
	{"HDK", "Hindko"},
	{"HEB", "Hebrew"},
	{"HGR", "Hungarian"},
	{"HIN", "Hindi"},
	{"IGB", "Igbo"},
	{"ISL", "Icelandic"},
	{"ITA", "Italian"},
	{"JPN", "Japanese"},
	{"KAN", "Kannada"},
	{"KAS", "Kashmiri"},
	{"KAZ", "Kazakh"},
	{"KCH", "Katchi"},
	{"KIN", "Kinyarwanda"},
	{"KIR", "Kirundi"},
	{"KON", "Kikongo"},
	{"KOR", "Korean"},
	{"KRI", "Krio"},
	{"KUR", "Kurdish"},
	{"KURA", "Kurdish (any other)"},
	{"KURM", "Kurdish (Kurmanji)"},
	{"KURS", "Kurdish (Sorani)"},
	{"LAO", "Lao"},
	{"LGA", "Luganda"},
	{"LIN", "Lingala"},
	{"LIT", "Lithuanian"},
	{"LTV", "Latvian"},
	{"LUO", "Luo (Kenya/Tanzania)"},
	{"MAI", "Maithili"},
	{"MAR", "Marathi"},
	{"MDV", "Maldivian (Dhivehi)"},
	{"MKD", "Macedonian"},
	{"MLM", "Malayalam"},
	{"MLT", "Maltese"},
	{"MLY", "Malay (Indonesian)"},
	{"MLYA", "Malay (any other)"},
	{"MLYI", "Indonesian (Bahasa Indonesia)"},
	{"MNG", "Mongolian (Khalkha)"},
	{"MSC", "Mauritian or Seychelles Creole"},
	{"NDB", "Ndebele"},
	{"NDBZ", "Ndebele (Zimbabwe)"},
	{"NEP", "Nepali"},
	{"NOR", "Norwegian"},
	{"NUE", "Nuer (Naadh)"},
	{"ORI", "Oriya"},
	{"ORM", "Oromo"},
	{"PAT", "Pashto (Pakhto)"},
	{"PHR", "Pahari (Pakistan)"},
	{"PNJ", "Panjabi"},
	{"PNJA", "Panjabi (any other)"},
	{"PNJG", "Panjabi (Gurmukhi)"},
	{"PNJM", "Panjabi (Mirpuri)"},
	{"PNJP", "Panjabi (Pothwari)"},
	{"POL", "Polish"},
	{"POR", "Portuguese"},
	{"PORA", "Portuguese (any other)"},
	{"PORB", "Portuguese (Brazil)"},
	{"PRS", "Persian (Farsi)"},
	{"PRSA", "Persian (any other)"},
	{"PRSD", "Dari Persian"},
	{"PRST", "Tajiki Persian"},
	{"RME", "Romany (English Romanes)"},
	{"RMI", "Romani (International)"},
	{"RMN", "Romanian"},
	{"RMNM", "Romanian (Moldova)"},
	{"RMNR", "Romanian (Romania)"},
	{"RUS", "Russian"},
	{"SAM", "Samoan"},
	{"SCB", "Serbian, Croatian or Bosnian"},
	{"SCBB", "Bosnian"},
	{"SCBC", "Croatian"},
	{"SCBS", "Serbian"},
	{"SCO", "Scots"},
	{"SHO", "Shona"},
	{"SIO", "Sign language (other)"},
	{"SLO", "Slovak"},
	{"SLV", "Slovenian"},
	{"SND", "Sindhi"},
	{"SNH", "Sinhala"},
	{"SOM", "Somali"},
	{"SPA", "Spanish"},
	{"SRK", "Siraiki"},
	{"SSO", "Sotho (Sesotho)"},
	{"STS", "Tswana (Setswana)"},
	{"SWA", "Swahili (Kiswahili)"},
	{"SWAA", "Swahili (any other)"},
	{"SWAM", "Swahili (Brava/Mwiini)"},
	{"SWAT", "Swahili (Bajuni/Tikuu)"},
	{"SWE", "Swedish"},
	{"TAM", "Tamil"},
	{"TEL", "Telugu"},
	{"TEM", "Temne"},
	{"TGL", "Tagalog (Filipino)"},
	{"TGLF", "Filipino"},
	{"TGLG", "Tagalog"},
	{"TGR", "Tigrinya"},
	{"THA", "Thai"},
	{"TIB", "Tibetan"},
	{"TMZ", "Berber (Tamazight)"},
	{"TRI", "Traveller Irish (Shelta)"},
	{"TUK", "Turkmen"},
	{"TUR", "Turkish"},
	{"UKR", "Ukrainian"},
	{"URD", "Urdu"},
	{"UYG", "Uyghur"},
	{"UZB", "Uzbek"},
	{"VIE", "Vietnamese"},
	{"VSY", "Visayan (Bisaya)"},
	{"WOL", "Wolof"},
	{"WPE", "West African Pidgin English"},
	{"XHO", "Xhosa"},
	{"YDI", "Yiddish"},
	{"YOR", "Yoruba"},
	{"ZUL", "Zulu"},

	{"OTL", "Other language"},
	{"OTH", "Other than English"},
	{"OTB", "Other than English (believed to be)"},
	{"NOT", "Information not obtained"},
	{"REF", "Refused"},
}

// ReligionCodes are Hearth's own codes for religion or belief, close to the
// national census question. No statutory return asks for religion; care
// planning and matching for placements do.
var ReligionCodes = CodeList{
	{"NON", "No religion"},
	{"CHR", "Christian"},
	{"BUD", "Buddhist"},
	{"HIN", "Hindu"},
	{"JEW", "Jewish"},
	{"MUS", "Muslim"},
	{"SIK", "Sikh"},
	{"OTH", "Any other religion or belief"},
	{"REF", "Refused"},
	{"NOT", "Not known"},
}

// OtherNameTypes say what kind of name an OtherName is.
var OtherNameTypes = CodeList{
	{"alias", "Alias"},
	{"previous", "Previous name"},
	{"preferred", "Preferred name"},
	{"birth", "Name at birth"},
}

// RelationshipType says what a relationship means from each side. A
// Relationship is stored once, From and To; FromLabel says what From is to To
// and ToLabel what To is to From. For a parent, From is the "Parent" of To and
// To is the "Child" of From. A symmetric type has one label for both sides.
type RelationshipType struct {
	Code      string `json:"code"`
	FromLabel string `json:"from_label"` // what From is to To
	ToLabel   string `json:"to_label"`   // what To is to From
	Symmetric bool   `json:"symmetric"`
}

// RelationshipTypes are the kinds of relationship between two people, in the
// order a form shows them.
var RelationshipTypes = []RelationshipType{
	{Code: "parent", FromLabel: "Parent", ToLabel: "Child"},
	{Code: "step_parent", FromLabel: "Step-parent", ToLabel: "Step-child"},
	{Code: "adoptive_parent", FromLabel: "Adoptive parent", ToLabel: "Adopted child"},
	{Code: "special_guardian", FromLabel: "Special guardian", ToLabel: "Child under special guardianship"},
	{Code: "carer", FromLabel: "Carer", ToLabel: "Cared for"},
	{Code: "foster_carer", FromLabel: "Foster carer", ToLabel: "Foster child"},
	{Code: "grandparent", FromLabel: "Grandparent", ToLabel: "Grandchild"},
	{Code: "aunt_uncle", FromLabel: "Aunt or uncle", ToLabel: "Niece or nephew"},
	{Code: "sibling", FromLabel: "Sibling", ToLabel: "Sibling", Symmetric: true},
	{Code: "half_sibling", FromLabel: "Half-sibling", ToLabel: "Half-sibling", Symmetric: true},
	{Code: "step_sibling", FromLabel: "Step-sibling", ToLabel: "Step-sibling", Symmetric: true},
	{Code: "partner", FromLabel: "Partner", ToLabel: "Partner", Symmetric: true},
	{Code: "professional", FromLabel: "Professional", ToLabel: "Client"},
	{Code: "other", FromLabel: "Other", ToLabel: "Other", Symmetric: true},
}

// LookupRelationshipType returns the relationship type with the code.
func LookupRelationshipType(code string) (RelationshipType, bool) {
	for _, t := range RelationshipTypes {
		if t.Code == code {
			return t, true
		}
	}
	return RelationshipType{}, false
}

// RelationshipLabel says what the other person is to me, for a relationship
// of type typ. forward is true when I am the relationship's From, so the other
// person is To: for "parent", RelationshipLabel("parent", true) is "Child"
// (From's child) and RelationshipLabel("parent", false) is "Parent". A
// symmetric type gives the same label both ways. An unknown type gives "".
func RelationshipLabel(typ string, forward bool) string {
	t, ok := LookupRelationshipType(typ)
	if !ok {
		return ""
	}
	if forward {
		return t.ToLabel
	}
	return t.FromLabel
}

// Other returns, for a relationship seen by person me, the person at the far
// end and what they are to me. ok is false when me is neither From nor To.
// When a relationship links a person to themselves (which
// ValidateRelationship refuses) me is taken as From.
func (r Relationship) Other(me ID) (other ID, label string, ok bool) {
	switch me {
	case r.From:
		return r.To, RelationshipLabel(r.Type, true), true
	case r.To:
		return r.From, RelationshipLabel(r.Type, false), true
	}
	return 0, "", false
}
