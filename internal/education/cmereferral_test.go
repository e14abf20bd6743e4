package education

import (
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
)

func goodReferral() CMEReferral {
	return CMEReferral{
		ChildGivenName: "Ayla", ChildFamilyName: "Stone", Address: "4 Mill Lane, Demo City", School: "Riverside Primary",
		Concern: "She has not been at school since Easter", ReferrerName: "Sam Reed", ReferrerType: "public", Phone: "01632 960 001",
	}
}

func TestValidateReferral(t *testing.T) {
	today := civil.Date{Year: 2026, Month: 3, Day: 1}
	tests := []struct {
		name  string
		edit  func(*CMEReferral)
		field string // "" if valid
	}{
		{"valid", func(*CMEReferral) {}, ""},
		{"family name only", func(r *CMEReferral) { r.ChildGivenName = "" }, ""},
		{"given name only", func(r *CMEReferral) { r.ChildFamilyName = "" }, ""},
		{"no name", func(r *CMEReferral) { r.ChildGivenName, r.ChildFamilyName = "", "" }, "child_given_name"},
		{"name too long", func(r *CMEReferral) { r.ChildFamilyName = strings.Repeat("x", MaxReferralName+1) }, "child_family_name"},
		{"name at its limit", func(r *CMEReferral) { r.ChildFamilyName = strings.Repeat("é", MaxReferralName) }, ""},
		{"born today", func(r *CMEReferral) { r.DateOfBirth = today }, ""},
		{"born tomorrow", func(r *CMEReferral) { r.DateOfBirth = today.AddDays(1) }, "date_of_birth"},
		{"not a real day", func(r *CMEReferral) { r.DateOfBirth = civil.Date{Year: 2015, Month: 2, Day: 29} }, "date_of_birth"},
		{"leap day", func(r *CMEReferral) { r.DateOfBirth = civil.Date{Year: 2016, Month: 2, Day: 29} }, ""},
		{"19 years old today", func(r *CMEReferral) { r.DateOfBirth = civil.Date{Year: 2007, Month: 3, Day: 1} }, ""},
		{"older than 19", func(r *CMEReferral) { r.DateOfBirth = civil.Date{Year: 2007, Month: 2, Day: 28} }, "date_of_birth"},
		{"school only", func(r *CMEReferral) { r.Address = "" }, ""},
		{"address only", func(r *CMEReferral) { r.School = "" }, ""},
		{"neither address nor school", func(r *CMEReferral) { r.Address, r.School = "", "" }, "address"},
		{"bad postcode", func(r *CMEReferral) { r.Postcode = "NOT A CODE" }, "postcode"},
		{"no concern", func(r *CMEReferral) { r.Concern = "" }, "concern"},
		{"concern too long", func(r *CMEReferral) { r.Concern = strings.Repeat("a", MaxReferralConcern+1) }, "concern"},
		{"no referrer", func(r *CMEReferral) { r.ReferrerName = "" }, "referrer_name"},
		{"no referrer type", func(r *CMEReferral) { r.ReferrerType = "" }, "referrer_type"},
		{"unknown referrer type", func(r *CMEReferral) { r.ReferrerType = "robot" }, "referrer_type"},
		{"professional without role", func(r *CMEReferral) { r.ReferrerType = "professional" }, "referrer_role"},
		{"professional with role", func(r *CMEReferral) { r.ReferrerType, r.ReferrerRole = "professional", "Health visitor, Demo NHS" }, ""},
		{"no contact", func(r *CMEReferral) { r.Phone = "" }, "email"},
		{"email only", func(r *CMEReferral) { r.Phone, r.Email = "", "sam@example.org" }, ""},
		{"bad email", func(r *CMEReferral) { r.Email = "sam@example" }, "email"},
		{"email with a name", func(r *CMEReferral) { r.Email = "Sam <sam@example.org>" }, "email"},
		{"short phone", func(r *CMEReferral) { r.Phone = "12345" }, "phone"},
		{"phone with letters", func(r *CMEReferral) { r.Phone = "0800 CALLME" }, "phone"},
		{"international phone", func(r *CMEReferral) { r.Phone = "+44 7700 900 982" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := goodReferral()
			tt.edit(&r)
			r.Normalise()
			f := ValidateReferral(r, today)
			if tt.field == "" {
				if len(f) != 0 {
					t.Fatalf("want valid, got %v", f)
				}
				return
			}
			if !f.Has(tt.field) {
				t.Fatalf("want an error on %s, got %v", tt.field, f)
			}
		})
	}
}

func TestReferralNormalise(t *testing.T) {
	r := CMEReferral{ChildGivenName: "  Ay\x00la  \t Rose ", Concern: "line one\r\nline\x07 two\t", Postcode: "wv11rg", ReferrerType: " Public "}
	r.Normalise()
	if r.ChildGivenName != "Ayla Rose" || r.Concern != "line one\nline two" || r.Postcode != "WV1 1RG" || r.ReferrerType != "public" {
		t.Fatalf("normalised to %+v", r)
	}
}

func TestReferralHurriedAndStatus(t *testing.T) {
	for _, tt := range []struct {
		took time.Duration
		want bool
	}{{0, true}, {MinFillTime - time.Millisecond, true}, {MinFillTime, false}, {time.Hour, false}} {
		if got := (CMEReferral{FilledIn: tt.took}).Hurried(); got != tt.want {
			t.Errorf("filled in %v: hurried %v, want %v", tt.took, got, tt.want)
		}
	}
	for _, tt := range []struct {
		status           string
		match, closeable bool
	}{{ReferralNew, true, true}, {ReferralMatched, true, true}, {ReferralClosed, false, false}} {
		r := CMEReferral{Status: tt.status}
		if r.CanMatch() != tt.match || r.CanClose() != tt.closeable {
			t.Errorf("%s: match %v close %v", tt.status, r.CanMatch(), r.CanClose())
		}
	}
}
