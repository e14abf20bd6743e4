package access

import "testing"

// TestPermitRelative: only a valid permit to read gives the family rule's
// permit to read a relative; it names the relative and the rule.
func TestPermitRelative(t *testing.T) {
	read := System(7, ReadPerson, "test")
	got := read.Relative(9)
	if !got.Valid() || got.Person() != 9 || got.Action() != ReadPerson || got.Reason() != "family: "+read.Reason() {
		t.Errorf("relative of a read permit: %+v", got)
	}
	for name, p := range map[string]Permit{
		"zero":   {},
		"update": System(7, UpdatePerson, "test"),
	} {
		if r := p.Relative(9); r.Valid() {
			t.Errorf("%s permit gave a relative's permit: %+v", name, r)
		}
	}
	if r := read.Relative(0); r.Valid() {
		t.Errorf("a permit for no one: %+v", r)
	}
}
