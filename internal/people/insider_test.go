package people

import (
	"testing"
	"time"

	"hearth/internal/errs"
)

func TestAtMostTenOtherNames(t *testing.T) {
	today := date(2026, time.June, 15)
	base := Person{GivenName: "Amira", FamilyName: "Khan", DateOfBirth: date(2015, time.May, 4)}
	names := func(n int) []OtherName {
		out := make([]OtherName, n)
		for i := range out {
			out[i] = OtherName{Type: "alias", GivenName: "Name", FamilyName: "Other"}
		}
		return out
	}
	for _, c := range []struct {
		n  int
		ok bool
	}{{0, true}, {1, true}, {MaxOtherNames, true}, {MaxOtherNames + 1, false}, {3000, false}} {
		p := base
		p.OtherNames = names(c.n)
		err := Validate(p, today)
		if c.ok != (err == nil) {
			t.Errorf("%d other names: %v", c.n, err)
			continue
		}
		if e := errs.As(err); !c.ok && (e == nil || !errs.Fields(e.Fields).Has("other_names") || len(e.Fields) != 1) {
			t.Errorf("%d other names: %+v, want one error naming other_names", c.n, e)
		}
	}
}

func TestPrintableLines(t *testing.T) {
	cases := []struct {
		s  string
		ok bool
	}{
		{"Turned up at the front door", true},
		{"Line one\r\nline two\n\tindented", true},
		{"Café, Zoë, 日本語, عربى", true},
		{"", true},
		{"nul\x00", false},
		{"escape \x1b[31mred", false},
		{"bell\a", false},
		{"delete\x7f", false},
		{"c1 \u0085 next line", false},
		{"line separator \u2028", false},
		{"paragraph separator \u2029", false},
		{"\u202Aembedding", false},
		{"override \u202E", false},
		{"\u202Bright to left", false},
		{"isolate \u2066", false},
		{"pop isolate \u2069", false},
		{"not text \xff", false},
		{"replacement \uFFFD", false},
	}
	for _, c := range cases {
		if got := PrintableLines(c.s); got != c.ok {
			t.Errorf("%q: %v, want %v", c.s, got, c.ok)
		}
	}
}

func TestRelationshipNoteIsText(t *testing.T) {
	r := Relationship{From: 1, To: 2, Type: "parent", Note: "lives\nwith them"}
	if err := ValidateRelationship(r); err != nil {
		t.Fatal(err)
	}
	r.Note = "admin\u202Egnp.exe"
	if e := errs.As(ValidateRelationship(r)); e == nil || !errs.Fields(e.Fields).Has("note") {
		t.Errorf("a bidirectional override in the note: %v", e)
	}
}
