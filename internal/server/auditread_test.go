package server

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/store"
)

// TestAuditorsReadsAreLogged: the access log names children and holds what
// others typed, so an auditor's read of it, on the page, through the API or
// as the break-the-glass report, writes a bulk_read line with the filter and
// how many children the lines named.
func TestAuditorsReadsAreLogged(t *testing.T) {
	e := newEnv(t)
	// Something to read: a practitioner opens a child's record.
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.child), ""); res.status != http.StatusOK {
		t.Fatalf("opening the child: %d", res.status)
	}
	auditor := e.browser().signIn(access.Auditor)
	reads := []struct {
		name, filter string
		do           func() response
	}{
		{"the page", "person_id=", func() response { return auditor.get("/audit?person_id=" + str(e.child)) }},
		{"the API", "action=read", func() response { return e.api(access.Auditor, "GET", "/api/v1/access-log?action=read", "") }},
		{"the break-the-glass report", "break the glass by week", func() response { return auditor.get("/audit/break-glass") }},
	}
	for _, r := range reads {
		before := len(e.linesBy(access.Auditor, store.LogBulkRead))
		if res := r.do(); res.status != http.StatusOK {
			t.Fatalf("%s: status %d", r.name, res.status)
		}
		lines := e.linesBy(access.Auditor, store.LogBulkRead)
		if len(lines) != before+1 {
			t.Fatalf("%s: %d new bulk_read lines, want 1", r.name, len(lines)-before)
		}
		if l := lines[0]; !strings.Contains(l.Note, r.filter) || !strings.HasPrefix(l.Note, "access log: ") {
			t.Errorf("%s: line %+v does not name the filter %q", r.name, l, r.filter)
		}
	}
	if l := e.linesBy(access.Auditor, store.LogBulkRead)[1]; l.Children < 1 {
		t.Errorf("the API's read named children but its line counts %d", l.Children)
	}
}
