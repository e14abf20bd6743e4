package web

import (
	"errors"
	"net/http/httptest"
	"testing"

	"hearth/internal/errs"
)

// unread fails the test if a body is read.
type unread struct{ t *testing.T }

func (u unread) Read([]byte) (int, error) {
	u.t.Error("the body was read")
	return 0, errors.New("read")
}

// TestUploadRefusedUnread: a body that says it is larger than the page
// takes is refused before a byte of it is read.
func TestUploadRefusedUnread(t *testing.T) {
	r := httptest.NewRequest("POST", "/performance/data/import", unread{t})
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	r.ContentLength = 100 << 20
	if err := parseUpload(httptest.NewRecorder(), r, 10<<20); errs.CodeOf(err) != errs.TooLarge {
		t.Errorf("a body of 100 MB claimed: %v, want too large", err)
	}
	if !isMultipart(r) {
		t.Error("multipart/form-data with a boundary is not taken as a form with files")
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if isMultipart(r) {
		t.Error("a url-encoded form is taken as one with files")
	}
}
