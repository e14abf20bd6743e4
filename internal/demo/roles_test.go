package demo

import (
	"testing"

	"hearth/internal/access"
)

// TestNoAccountCombinesAdministrationWithReading: Demo City's accounts keep
// the rule every other account keeps (access.CheckRoles), so that the demo
// administrator cannot read the children whose access it manages.
func TestNoAccountCombinesAdministrationWithReading(t *testing.T) {
	for _, w := range city1().Workers {
		if err := access.CheckRoles(w.Roles); err != nil {
			t.Errorf("%s (%v): %v", w.Username, w.Roles, err)
		}
	}
}
