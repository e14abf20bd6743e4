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

// TestAnAuditorsReadOfOneChildIsOnTheirRecord: a read of the lines about one
// child is found by a later filter on that child; a limit out of range is
// refused, naming it, rather than quietly cut.
func TestAnAuditorsReadOfOneChildIsOnTheirRecord(t *testing.T) {
	e := newEnv(t)
	if res := e.api(access.Practitioner, "GET", "/api/v1"+idPath(e.child), ""); res.status != http.StatusOK {
		t.Fatalf("opening the child: %d", res.status)
	}
	if res := e.api(access.Auditor, "GET", "/api/v1/access-log?person_id="+str(e.child), ""); res.status != http.StatusOK {
		t.Fatalf("the auditor's read: %d", res.status)
	}
	res := e.api(access.Auditor, "GET", "/api/v1/access-log?person_id="+str(e.child)+"&action=bulk_read", "")
	if res.status != http.StatusOK || !strings.Contains(res.body, `"access log: person_id=`+str(e.child)) {
		t.Errorf("the child's lines do not show the auditor's read: %d %.400s", res.status, res.body)
	}
	if res := e.api(access.Auditor, "GET", "/api/v1/access-log?limit=100000", ""); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"limit"`) {
		t.Errorf("limit 100000: %d %.300s, want refused naming limit", res.status, res.body)
	}
}

// TestRestrictingANonexistentRecordIsLogged: an administrator's try at an
// id that names no record writes a denied line, so that walking ids leaves
// a trace.
func TestRestrictingANonexistentRecordIsLogged(t *testing.T) {
	e := newEnv(t)
	before := len(e.linesBy(access.Admin, store.LogDenied))
	if res := e.api(access.Admin, "PUT", "/api/v1/people/9999998/restriction", `{"restricted":true,"reason":"adoption"}`); res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.status)
	}
	lines := e.linesBy(access.Admin, store.LogDenied)
	if len(lines) != before+1 || lines[0].PersonID != 9999998 {
		t.Errorf("denied lines %+v, want one about 9999998", lines)
	}
}
