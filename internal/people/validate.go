package people

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"hearth/internal/civil"
	"hearth/internal/errs"
)

// Limits on free text.
const (
	maxNameLen      = 100  // a given, family or other name, gender, address line, town
	maxLAChildIDLen = 20   // the CIN census refuses a longer LAchildID (rule 1570, from 2024-25)
	maxNoteLen      = 2000 // a relationship's note
)

// MaxOtherNames is the most other names (aliases, previous names) a record
// may have.
const MaxOtherNames = 10

// Bounds on dates.
var (
	// EarliestBirth is the earliest date of birth Hearth accepts, and
	// searches for: no one alive or recently dead was born before it, and it
	// catches a mistyped century.
	EarliestBirth = civil.Date{Year: 1900, Month: time.January, Day: 1}
)

const (
	// expectedBirthMonthsAhead is how far ahead an expected date of birth may
	// be: a pregnancy lasts about nine months from its start, and is rarely
	// known at once.
	expectedBirthMonthsAhead = 10
	// expectedBirthMonthsPast is how long an expected date of birth may stay in
	// the past: a baby may come two weeks late, and the birth may be recorded
	// some weeks after that. A record still unborn past this must be given a
	// date of birth (or, if the pregnancy ended, its expected date corrected).
	expectedBirthMonthsPast = 3
)

// Validate checks a person's record against every rule below and returns an
// errs.Invalid error listing each broken rule against its field's JSON path
// (addresses.1.postcode), or nil if the record is valid. today is the
// council's date, against which "in the past" is judged. Call Normalise
// first: Validate checks codes exactly as given.
//
// The rules:
//   - family name required; given name required unless the person is unborn
//     (an expected date of birth and no date of birth); each name at most 100
//     characters with no control characters;
//   - each date a real date; date of birth on or after 1 January 1900 and not
//     after today; expected date of birth only when there is no date of birth,
//     and between 3 months before and 10 months after today; date of death not
//     after today and not before the date of birth;
//   - sex, ethnicity, first language and religion, when given, in their code
//     lists; disabilities in their list, each once, and NONE only on its own;
//   - NHS number, UPN and former UPN, when given, valid (see ValidNHSNumber
//     and ValidUPN); LA child id at most 20 letters and digits, as the CIN
//     census (rules 1570 and 1580, from 2024-25) and the 903 require;
//   - at most MaxOtherNames other names, each of a known type with a given or
//     family name;
//   - each address with line 1, a town and a start date; its postcode, when
//     given, a valid UK postcode; its end date, when given, not before its
//     start date; at most one address with no end date.
func Validate(p Person, today civil.Date) error {
	var f errs.Fields

	unborn := p.DateOfBirth.IsZero() && !p.ExpectedDateOfBirth.IsZero()
	if blank(p.GivenName) {
		if !unborn {
			add(&f, "given_name", "Enter a given name")
		}
	} else {
		checkText(&f, "given_name", "Given name", p.GivenName)
	}
	if blank(p.FamilyName) {
		add(&f, "family_name", "Enter a family name")
	} else {
		checkText(&f, "family_name", "Family name", p.FamilyName)
	}
	checkText(&f, "gender", "Gender", p.Gender)

	if len(p.OtherNames) > MaxOtherNames {
		// Each is a name the duplicate check tries: thousands of them in one
		// check would test thousands of names for one search's cost.
		add(&f, "other_names", fmt.Sprintf("Enter %d other names or fewer", MaxOtherNames))
	}
	for i, o := range p.OtherNames {
		if i == MaxOtherNames {
			break // past the limit, refused above: not each listed again
		}
		path := fmt.Sprintf("other_names.%d.", i)
		switch {
		case blank(o.Type):
			add(&f, path+"type", "Select the type of name")
		case !OtherNameTypes.Has(o.Type):
			add(&f, path+"type", "Select a type of name from the list")
		}
		if blank(o.GivenName) && blank(o.FamilyName) {
			add(&f, path+"given_name", "Enter a given name or a family name")
		}
		checkText(&f, path+"given_name", "Given name", o.GivenName)
		checkText(&f, path+"family_name", "Family name", o.FamilyName)
	}

	validateDates(&f, p, today)

	checkCode(&f, "sex", p.Sex, SexCodes, "Select a sex from the list")
	checkCode(&f, "ethnicity", p.Ethnicity, EthnicityCodes, "Select an ethnicity from the list")
	checkCode(&f, "first_language", p.FirstLanguage, LanguageCodes, "Select a first language from the list")
	checkCode(&f, "religion", p.Religion, ReligionCodes, "Select a religion or belief from the list")
	validateDisabilities(&f, p.Disabilities)

	validateIdentifiers(&f, p.Identifiers)
	validateAddresses(&f, p.Addresses)

	return f.Err()
}

func validateDates(f *errs.Fields, p Person, today civil.Date) {
	dob, edob, dod := p.DateOfBirth, p.ExpectedDateOfBirth, p.DateOfDeath

	dobOK := false
	switch {
	case dob.IsZero():
	case !dob.Valid():
		add(f, "date_of_birth", "Date of birth must be a real date")
	case dob.After(today):
		add(f, "date_of_birth", "Date of birth must be today or in the past")
	case dob.Before(EarliestBirth):
		add(f, "date_of_birth", "Date of birth must be the same as or after "+EarliestBirth.Format())
	default:
		dobOK = true
	}

	switch {
	case edob.IsZero():
	case !edob.Valid():
		add(f, "expected_date_of_birth", "Expected date of birth must be a real date")
	case !dob.IsZero():
		add(f, "expected_date_of_birth", "Remove the expected date of birth, as the date of birth is known")
	case edob.After(addMonths(today, expectedBirthMonthsAhead)):
		add(f, "expected_date_of_birth", fmt.Sprintf("Expected date of birth must be within %d months from today", expectedBirthMonthsAhead))
	case edob.Before(addMonths(today, -expectedBirthMonthsPast)):
		add(f, "expected_date_of_birth", fmt.Sprintf("Expected date of birth must be no more than %d months ago; if the child has been born, enter their date of birth", expectedBirthMonthsPast))
	}

	switch {
	case dod.IsZero():
	case !dod.Valid():
		add(f, "date_of_death", "Date of death must be a real date")
	case dod.After(today):
		add(f, "date_of_death", "Date of death must be today or in the past")
	case dobOK && dod.Before(dob):
		add(f, "date_of_death", "Date of death must be the same as or after the date of birth")
	}
}

func validateDisabilities(f *errs.Fields, ds []string) {
	seen := make(map[string]bool, len(ds))
	for _, d := range ds {
		switch {
		case !DisabilityCodes.Has(d):
			add(f, "disabilities", "Select disabilities from the list")
			return
		case seen[d]:
			add(f, "disabilities", "Select each disability only once")
			return
		}
		seen[d] = true
	}
	if seen[DisabilityNone] && len(ds) > 1 {
		add(f, "disabilities", "Select ‘No disability’ on its own, or select the disabilities the person has")
	}
}

func validateIdentifiers(f *errs.Fields, ids Identifiers) {
	if ids.NHSNumber != "" {
		n := NormaliseNHSNumber(ids.NHSNumber)
		switch {
		case !isDigits(n, 10):
			add(f, "identifiers.nhs_number", "Enter an NHS number in the correct format, like 943 476 5919")
		case isRepeatedDigit(n):
			add(f, "identifiers.nhs_number", "NHS number is not valid: it is a placeholder, not a real number")
		case !ValidNHSNumber(n):
			add(f, "identifiers.nhs_number", "NHS number is not valid: its check digit does not match")
		}
	}
	checkUPN(f, "identifiers.upn", "UPN", "UPN", ids.UPN)
	checkUPN(f, "identifiers.former_upn", "Former UPN", "former UPN", ids.FormerUPN)
	if id := ids.LAChildID; id != "" {
		switch {
		case utf8.RuneCountInString(id) > maxLAChildIDLen:
			add(f, "identifiers.la_child_id", fmt.Sprintf("LA child ID must be %d characters or fewer", maxLAChildIDLen))
		case !validLAChildID(id):
			add(f, "identifiers.la_child_id", "LA child ID must only include letters and numbers")
		}
	}
}

// checkUPN checks a UPN field; name starts a sentence and inName sits inside one.
func checkUPN(f *errs.Fields, field, name, inName, upn string) {
	if upn == "" {
		return
	}
	u := NormaliseUPN(upn)
	switch {
	case !upnFormat(u):
		add(f, field, "Enter a "+inName+" in the correct format: a letter, then 12 digits or 11 digits and a letter")
	case !ValidUPN(u):
		add(f, field, name+" is not valid: its check letter does not match")
	}
}

func validateAddresses(f *errs.Fields, as []Address) {
	open := 0
	for i, a := range as {
		path := fmt.Sprintf("addresses.%d.", i)
		if blank(a.Line1) {
			add(f, path+"line1", "Enter address line 1, typically the building and street")
		} else {
			checkText(f, path+"line1", "Address line 1", a.Line1)
		}
		checkText(f, path+"line2", "Address line 2", a.Line2)
		if blank(a.Town) {
			add(f, path+"town", "Enter town or city")
		} else {
			checkText(f, path+"town", "Town or city", a.Town)
		}
		checkText(f, path+"ward", "Ward", a.Ward)
		if !blank(a.Postcode) && !ValidPostcode(a.Postcode) {
			add(f, path+"postcode", "Enter a real postcode, like WV1 1RG")
		}

		startOK := false
		switch {
		case a.StartDate.IsZero():
			add(f, path+"start_date", "Enter the date the person started living at this address")
		case !a.StartDate.Valid():
			add(f, path+"start_date", "Start date must be a real date")
		default:
			startOK = true
		}
		switch {
		case a.EndDate.IsZero():
			open++
			if open > 1 {
				add(f, path+"end_date", "Enter the date the person left this address, as only one address can be current")
			}
		case !a.EndDate.Valid():
			add(f, path+"end_date", "End date must be a real date")
		case startOK && a.EndDate.Before(a.StartDate):
			add(f, path+"end_date", "End date must be the same as or after the start date")
		}
	}
}

// ValidateRelationship checks a relationship: a known type, both people set
// and different, real dates, and an end date not before the start date. Like
// Validate it lists every broken rule by JSON field.
func ValidateRelationship(r Relationship) error {
	var f errs.Fields
	switch {
	case blank(r.Type):
		add(&f, "type", "Select the type of relationship")
	default:
		if _, ok := LookupRelationshipType(r.Type); !ok {
			add(&f, "type", "Select a type of relationship from the list")
		}
	}
	if r.From <= 0 {
		add(&f, "from", "Select the first person in the relationship")
	}
	switch {
	case r.To <= 0:
		add(&f, "to", "Select the second person in the relationship")
	case r.To == r.From:
		add(&f, "to", "Select a different person: a person cannot have a relationship with themselves")
	}
	startOK := false
	switch {
	case r.StartDate.IsZero():
	case !r.StartDate.Valid():
		add(&f, "start_date", "Start date must be a real date")
	default:
		startOK = true
	}
	switch {
	case r.EndDate.IsZero():
	case !r.EndDate.Valid():
		add(&f, "end_date", "End date must be a real date")
	case startOK && r.EndDate.Before(r.StartDate):
		add(&f, "end_date", "End date must be the same as or after the start date")
	}
	switch {
	case utf8.RuneCountInString(r.Note) > maxNoteLen:
		add(&f, "note", fmt.Sprintf("Note must be %d characters or fewer", maxNoteLen))
	case !PrintableLines(r.Note):
		add(&f, "note", "Note must not include control characters or characters that change the direction of text")
	}
	return f.Err()
}

// Normalise tidies a record the way people type it before Validate checks it:
// names and address lines trimmed with runs of spaces made one; NHS number as
// ten digits without spaces or hyphens; UPNs in upper case without spaces;
// postcodes written the standard way (NormalisePostcode); codes trimmed and,
// where the list is upper case, upper-cased; disabilities without blanks or
// repeats. It does not change the caller's slices.
func Normalise(p Person) Person {
	p.GivenName = tidy(p.GivenName)
	p.FamilyName = tidy(p.FamilyName)
	p.Gender = tidy(p.Gender)

	if p.OtherNames != nil {
		names := make([]OtherName, len(p.OtherNames))
		for i, o := range p.OtherNames {
			names[i] = OtherName{
				Type:       strings.ToLower(strings.TrimSpace(o.Type)),
				GivenName:  tidy(o.GivenName),
				FamilyName: tidy(o.FamilyName),
			}
		}
		p.OtherNames = names
	}

	p.Sex = strings.TrimSpace(p.Sex)
	p.Ethnicity = upperCode(p.Ethnicity)
	p.FirstLanguage = upperCode(p.FirstLanguage)
	p.Religion = upperCode(p.Religion)
	if p.Disabilities != nil {
		ds := make([]string, 0, len(p.Disabilities))
		for _, d := range p.Disabilities {
			if d = upperCode(d); d != "" && !slices.Contains(ds, d) {
				ds = append(ds, d)
			}
		}
		p.Disabilities = ds
	}

	p.Identifiers = Identifiers{
		LAChildID: strings.TrimSpace(p.Identifiers.LAChildID),
		NHSNumber: NormaliseNHSNumber(p.Identifiers.NHSNumber),
		UPN:       NormaliseUPN(p.Identifiers.UPN),
		FormerUPN: NormaliseUPN(p.Identifiers.FormerUPN),
	}

	if p.Addresses != nil {
		as := make([]Address, len(p.Addresses))
		for i, a := range p.Addresses {
			a.Line1 = tidy(a.Line1)
			a.Line2 = tidy(a.Line2)
			a.Town = tidy(a.Town)
			a.Ward = tidy(a.Ward)
			a.Postcode = NormalisePostcode(a.Postcode)
			as[i] = a
		}
		p.Addresses = as
	}
	return p
}

// NormaliseNHSNumber removes the spaces and hyphens people write an NHS number
// with ("943 476 5919" -> "9434765919"). Anything else is left for Validate to
// refuse.
func NormaliseNHSNumber(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// NormaliseUPN removes spaces from a unique pupil number and writes it in
// upper case.
func NormaliseUPN(s string) string {
	return strings.ToUpper(squeeze(s, ""))
}

// ValidNHSNumber reports whether s is a valid NHS number: ten digits, which
// may be written with spaces or hyphens, whose tenth is the Modulus 11 check
// digit of the first nine. Ten copies of one digit pass the check but are
// placeholders, never issued, and are refused.
func ValidNHSNumber(s string) bool {
	n := NormaliseNHSNumber(s)
	if !isDigits(n, 10) || isRepeatedDigit(n) {
		return false
	}
	d, ok := NHSCheckDigit(n[:9])
	return ok && int(n[9]-'0') == d
}

// ValidUPN reports whether s is a valid unique pupil number (spaces and case
// aside): a check letter, eleven digits, then a digit or, for a temporary UPN,
// a letter other than I, O and S; the first letter must be the check letter of
// the rest (UPNCheckLetter). The local authority code in characters 2 to 4 is
// not checked against the DfE's list.
func ValidUPN(s string) bool {
	u := NormaliseUPN(s)
	if !upnFormat(u) {
		return false
	}
	c, ok := UPNCheckLetter(u[1:])
	return ok && c == u[0]
}

// upnFormat reports whether u has the shape of a UPN: 13 characters, a letter,
// eleven digits, and a digit or one of the DfE's 23 letters.
func upnFormat(u string) bool {
	if len(u) != 13 || u[0] < 'A' || u[0] > 'Z' || !isDigits(u[1:12], 11) {
		return false
	}
	last := u[12]
	return (last >= '0' && last <= '9') || strings.IndexByte(upnLetters, last) >= 0
}

// postcodeRE matches a UK postcode written the standard way. The outward code
// is A9, A99, AA9, AA99, A9A or AA9A; the first letter is never Q, V or X, the
// second never I, J or Z, a third-place letter only one of ABCDEFGHJKPSTUW and
// a fourth-place letter only one of ABEHMNPRVWXY. The inward code is a digit
// and two letters other than C, I, K, M, O and V.
var postcodeRE = regexp.MustCompile(`^(?:` +
	`[A-PR-UWYZ][0-9][0-9]?` +
	`|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?` +
	`|[A-PR-UWYZ][0-9][A-HJKPSTUW]` +
	`|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]` +
	`) [0-9][ABD-HJLNP-UW-Z]{2}$`)

// ValidPostcode reports whether s, case and spacing aside, is a postcode in
// the UK format (including GIR 0AA). British Forces (BFPO) and overseas
// territories' postcodes are refused: Hearth records addresses in the UK.
func ValidPostcode(s string) bool {
	p := NormalisePostcode(s)
	return p == "GIR 0AA" || postcodeRE.MatchString(p)
}

// PostcodeOutward returns the outward code of a valid postcode ("wv11rg" ->
// "WV1"), the part that names a district, or "" if s is not a valid postcode.
func PostcodeOutward(s string) string {
	if !ValidPostcode(s) {
		return ""
	}
	p := NormalisePostcode(s)
	return p[:strings.IndexByte(p, ' ')]
}

// add records a message as it is: messages may hold a '%'.
func add(f *errs.Fields, field, msg string) { f.Add(field, "%s", msg) }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// checkText applies the rules every short free-text field shares: at most
// maxNameLen characters, and nothing that is not printable text.
func checkText(f *errs.Fields, field, name, s string) {
	switch {
	case s == "":
	case utf8.RuneCountInString(s) > maxNameLen:
		add(f, field, fmt.Sprintf("%s must be %d characters or fewer", name, maxNameLen))
	case !printable(s):
		add(f, field, name+" must not include tabs, line breaks or other control characters")
	}
}

// PrintableLines reports whether s is text a reason or a note may hold:
// printable (see printable) but for the line breaks and tabs a textarea
// sends. NUL, escape and the other control characters, and the
// bidirectional controls (U+202A to U+202E, U+2066 to U+2069), which would
// make the auditor's and the history pages show other than was typed, are
// refused.
func PrintableLines(s string) bool {
	return printable(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s))
}

// printable reports whether s is valid UTF-8 with no control characters, line
// or paragraph separators, bidirectional controls (which can make text
// display other than it reads), or U+FFFD, which stands for bytes that were
// not text.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case unicode.IsControl(r), unicode.In(r, unicode.Zl, unicode.Zp), r == utf8.RuneError:
			return false
		case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
			return false
		}
	}
	return true
}

func checkCode(f *errs.Fields, field, code string, list CodeList, msg string) {
	if code != "" && !list.Has(code) {
		add(f, field, msg)
	}
}

// tidy trims a name or address line and makes each run of white space one
// space.
func tidy(s string) string { return squeeze(s, " ") }

func upperCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// isDigits reports whether s is exactly n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isRepeatedDigit(s string) bool {
	return s != "" && strings.Count(s, s[:1]) == len(s)
}

// validLAChildID reports whether s is ASCII letters and digits only: the
// returns refuse anything else, hyphens included.
func validLAChildID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// addMonths returns the date n months after d (before, if n < 0), moved back
// to the month's last day when the month is shorter: 31 January plus one
// month is 28 or 29 February.
func addMonths(d civil.Date, n int) civil.Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return civil.Date{Year: first.Year(), Month: first.Month(), Day: min(d.Day, last)}
}
