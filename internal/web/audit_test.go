package web

import (
	"testing"

	"hearth/internal/store"
)

// TestAccessLogLabels: every action and kind of record the access log takes
// has a label on the auditor's page, so an action added to the store's list
// cannot reach the page as its code.
func TestAccessLogLabels(t *testing.T) {
	for _, a := range store.AccessActions {
		if _, ok := actionLabels[a]; !ok {
			t.Errorf("action %s has no label", a)
		}
	}
	s := newTestServer(t)
	for _, k := range store.RecordKinds {
		if _, ok := s.kinds[k]; !ok {
			t.Errorf("kind %s has no label: the module that keeps it names it (module.kinds)", k)
		}
	}
	if len(actionOptions) != len(store.AccessActions) || len(s.kindOptions()) != len(store.RecordKinds) {
		t.Error("the filters do not offer every action and kind")
	}
}
