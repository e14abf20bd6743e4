package education

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"hearth/internal/calendar"
	"hearth/internal/civil"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// A CME referral is what someone told the council through the public
// online form about a child they think is missing education: a record
// about no person until a CME officer matches it to a child on the
// register (or adds the child and matches it to them), and which the
// officer then closes with a reason. It holds only what the referrer
// typed; the officer's own enquiry is a CMEEnquiry about the child.

// CMEReferralID identifies a referral.
type CMEReferralID int64

// The statuses of a referral.
const (
	ReferralNew     = "new"     // received, not yet looked at
	ReferralMatched = "matched" // matched to a child on the register
	ReferralClosed  = "closed"  // closed with a reason
)

// ReferralStatuses are the statuses a referral may have.
var ReferralStatuses = people.CodeList{
	{Code: ReferralNew, Label: "New"},
	{Code: ReferralMatched, Label: "Matched to a child"},
	{Code: ReferralClosed, Label: "Closed"},
}

// ReferrerTypes are who may send the form: someone who works with
// children, or a member of the public.
var ReferrerTypes = people.CodeList{
	{Code: "professional", Label: "I work with children or families"},
	{Code: "public", Label: "I am a member of the public, parent or relative"},
}

// ReferralCloseReasons are why an officer closes a referral.
var ReferralCloseReasons = people.CodeList{
	{Code: "enquiry", Label: "A CME enquiry was opened for the child"},
	{Code: "known", Label: "Already known: an enquiry is open for the child"},
	{Code: "not_cme", Label: "The child is not missing education"},
	{Code: "other_la", Label: "Passed to the local authority where the child lives"},
	{Code: "duplicate", Label: "A duplicate of another referral"},
	{Code: "not_genuine", Label: "Not a genuine referral"},
}

// The form's limits: enough for what a referrer has to say, small enough
// that the form's whole body stays a few tens of kilobytes.
const (
	MaxReferralName    = 100
	MaxReferralLine    = 200  // an address, a school, an organisation
	MaxReferralConcern = 4000 // why they think the child is missing education
	MaxReferralPhone   = 30
)

// CMEReferral is one referral as received and as the officer has dealt
// with it.
type CMEReferral struct {
	ID      CMEReferralID `json:"id"`
	Version int           `json:"version"`
	// Reference is the random reference the referrer was given. It is not
	// the id, so that it says nothing about how many referrals there are.
	Reference string `json:"reference"`

	ChildGivenName  string     `json:"child_given_name,omitempty"`
	ChildFamilyName string     `json:"child_family_name,omitempty"`
	ChildOtherNames string     `json:"child_other_names,omitempty"` // known as
	DateOfBirth     civil.Date `json:"date_of_birth,omitzero"`      // if the referrer knows it
	Address         string     `json:"address,omitempty"`           // last known address
	Postcode        string     `json:"postcode,omitempty"`
	School          string     `json:"school,omitempty"` // last known school
	Concern         string     `json:"concern"`          // why they think the child is missing education

	ReferrerName string `json:"referrer_name"`
	ReferrerType string `json:"referrer_type"`           // ReferrerTypes
	ReferrerRole string `json:"referrer_role,omitempty"` // role and organisation, for a professional
	Email        string `json:"email,omitempty"`
	Phone        string `json:"phone,omitempty"`

	Received time.Time `json:"received"`
	// FilledIn is how long the form was open before it was sent; a
	// referral sent faster than a person could type it is kept but
	// flagged (Hurried), so that an officer looks at it knowing that.
	FilledIn time.Duration `json:"filled_in"`

	Status      string    `json:"status"`                 // ReferralStatuses
	PersonID    people.ID `json:"person_id,omitzero"`     // with ReferralMatched, and kept when closed
	Added       bool      `json:"added,omitempty"`        // the child was added to the register from this referral
	CloseReason string    `json:"close_reason,omitempty"` // ReferralCloseReasons, with ReferralClosed
}

// MinFillTime is the least time a person takes to fill in the form: its
// required fields alone are a few dozen words. A form sent sooner after it
// was served is taken to be a script's.
const MinFillTime = 5 * time.Second

// Hurried reports whether the form was sent faster than a person types.
func (r CMEReferral) Hurried() bool { return r.FilledIn < MinFillTime }

// ChildName is the child's name as the referrer gave it.
func (r CMEReferral) ChildName() string {
	return strings.TrimSpace(r.ChildGivenName + " " + r.ChildFamilyName)
}

// Normalise tidies what was typed before Validate checks it: runs of
// spaces made one in the one-line fields, control characters dropped
// (tabs and newlines kept in the concern), the postcode in its standard
// form and the codes in lower case.
func (r *CMEReferral) Normalise() {
	line := func(s string) string { return strings.Join(strings.Fields(dropControls(s, false)), " ") }
	r.ChildGivenName = line(r.ChildGivenName)
	r.ChildFamilyName = line(r.ChildFamilyName)
	r.ChildOtherNames = line(r.ChildOtherNames)
	r.Address = line(r.Address)
	r.School = line(r.School)
	r.ReferrerName = line(r.ReferrerName)
	r.ReferrerRole = line(r.ReferrerRole)
	r.Email = line(r.Email)
	r.Phone = line(r.Phone)
	r.ReferrerType = strings.ToLower(line(r.ReferrerType))
	r.Concern = strings.TrimSpace(strings.ReplaceAll(dropControls(r.Concern, true), "\r\n", "\n"))
	if strings.TrimSpace(r.Postcode) == "" {
		r.Postcode = ""
	} else {
		r.Postcode = people.NormalisePostcode(r.Postcode)
	}
}

// dropControls removes control characters, keeping tabs and line breaks
// when keepLines is set.
func dropControls(s string, keepLines bool) string {
	return strings.Map(func(c rune) rune {
		if keepLines && (c == '\n' || c == '\r' || c == '\t') {
			return c
		}
		if unicode.IsControl(c) {
			return -1
		}
		return c
	}, s)
}

// ValidateReferral checks a referral as the form sends it, on today (the
// council's day). Each broken rule names its field: at least one of the
// child's names, a date of birth (if given) that is a real day of a child
// of school age or younger, an address or a school to start from, why
// they are concerned, who is referring with a way to contact them, and
// every field within its length.
func ValidateReferral(r CMEReferral, today civil.Date) errs.Fields {
	var f errs.Fields
	long := func(field, label, v string, max int) bool {
		if utf8.RuneCountInString(v) > max {
			f.Add(field, "%s must be %d characters or fewer", label, max)
			return true
		}
		return false
	}
	if r.ChildGivenName == "" && r.ChildFamilyName == "" {
		f.Add("child_given_name", "Enter the child's first name or last name, or both")
	}
	long("child_given_name", "The child's first name", r.ChildGivenName, MaxReferralName)
	long("child_family_name", "The child's last name", r.ChildFamilyName, MaxReferralName)
	long("child_other_names", "Other names the child is known by", r.ChildOtherNames, MaxReferralLine)
	if !r.DateOfBirth.IsZero() {
		switch {
		case !r.DateOfBirth.Valid():
			f.Add("date_of_birth", "Date of birth must be a real date")
		case r.DateOfBirth.After(today):
			f.Add("date_of_birth", "Date of birth must be in the past")
		case r.DateOfBirth.Before(calendar.AddMonths(today, -19*12)):
			f.Add("date_of_birth", "Date of birth must be that of a child: the form is for children of school age or younger")
		}
	}
	if r.Address == "" && r.School == "" {
		f.Add("address", "Enter the child's last known address or their last known school")
	}
	long("address", "Address", r.Address, MaxReferralLine)
	if r.Postcode != "" && !people.ValidPostcode(r.Postcode) {
		f.Add("postcode", "Enter a real postcode, like AA1 1AA, or leave it blank")
	}
	long("school", "School", r.School, MaxReferralLine)
	switch {
	case r.Concern == "":
		f.Add("concern", "Enter why you think the child is missing education")
	default:
		long("concern", "Why you think the child is missing education", r.Concern, MaxReferralConcern)
	}
	if r.ReferrerName == "" {
		f.Add("referrer_name", "Enter your name")
	}
	long("referrer_name", "Your name", r.ReferrerName, MaxReferralName)
	switch {
	case r.ReferrerType == "":
		f.Add("referrer_type", "Select whether you work with children or are a member of the public")
	case !ReferrerTypes.Has(r.ReferrerType):
		f.Add("referrer_type", "Select one of the options")
	}
	if r.ReferrerType == "professional" && r.ReferrerRole == "" {
		f.Add("referrer_role", "Enter your role and organisation")
	}
	long("referrer_role", "Your role and organisation", r.ReferrerRole, MaxReferralLine)
	if r.Email == "" && r.Phone == "" {
		f.Add("email", "Enter an email address or a phone number so that we can contact you")
	}
	if r.Email != "" && !long("email", "Email address", r.Email, MaxReferralLine) && !validEmail(r.Email) {
		f.Add("email", "Enter an email address in the correct format, like name@example.com")
	}
	if r.Phone != "" && !long("phone", "Phone number", r.Phone, MaxReferralPhone) && !validPhone(r.Phone) {
		f.Add("phone", "Enter a phone number, like 01632 960 001 or +44 7700 900 982")
	}
	return f
}

// validEmail accepts a bare address with a dot in its domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// validPhone accepts digits with spaces, hyphens and brackets, an optional
// leading +, and between 7 and 15 digits.
func validPhone(s string) bool {
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '(' || c == ')':
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}

// CanMatch reports whether a referral may be matched to a child: it must
// not be closed. A matched referral may be matched again, to correct it.
func (r CMEReferral) CanMatch() bool { return r.Status == ReferralNew || r.Status == ReferralMatched }

// CanClose reports whether a referral may be closed: once only.
func (r CMEReferral) CanClose() bool { return r.Status != ReferralClosed }
