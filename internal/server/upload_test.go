package server

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/access"
)

// postFile sends a form with a file as multipart/form-data, with the
// browser's CSRF token unless the form has its own.
func (b *browser) postFile(path string, form url.Values, field, name string, content []byte) response {
	b.e.t.Helper()
	if b.csrf != "" && !form.Has("csrf_token") {
		form.Set("csrf_token", b.csrf)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		b.e.t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// TestUploadPerformanceData: the council's data is imported from a chosen
// file as well as a pasted one; the CSRF check holds for a form with a
// file; a file's problems name it; a file over the limit is refused
// unread; a page that takes no file does not read a form with one.
func TestUploadPerformanceData(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Analyst)
	form := func() url.Values {
		return url.Values{"version": {e.perfVersion()}, "what": {"population"}, "reason": {"the ONS estimates"}}
	}
	good := []byte("year,children\r\n2023,63051\r\n")

	res := b.postFile("/performance/data/import", form(), "file", `C:\Users\jo\population.csv`, good)
	if res.status != http.StatusSeeOther {
		t.Fatalf("a good file: status %d: %s", res.status, res.body)
	}
	if page := b.get("/performance/data"); !strings.Contains(page.body, "63051") {
		t.Errorf("after the upload the page does not show the population")
	}

	res = b.postFile("/performance/data/import", form(), "file", "population.csv", []byte("year,children\n2023,lots\n"))
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "population.csv, row 2, children") || !strings.Contains(res.body, `href="#file"`) {
		t.Errorf("a file with a problem: status %d, want 422 naming the file's row against the file box", res.status)
	}

	f := form()
	f.Set("csrf_token", "forged")
	if res := b.postFile("/performance/data/import", f, "file", "population.csv", good); res.status != http.StatusForbidden {
		t.Errorf("a forged token with a file: status %d, want 403", res.status)
	}

	if res := b.postFile("/performance/data/import", form(), "file", "huge.csv", bytes.Repeat([]byte("2023,1\n"), 11<<20/7)); res.status != http.StatusRequestEntityTooLarge {
		t.Errorf("a file over 10 MB: status %d, want 413", res.status)
	}

	if res := b.postFile("/performance/data/import", form(), "file", "", nil); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Choose a CSV file, or paste its contents") {
		t.Errorf("no file and nothing pasted: status %d, want 422 asking for one", res.status)
	}

	// The population form takes no file: a form with one is not read, so
	// its token is not found.
	if res := b.postFile("/performance/data/population", url.Values{"version": {e.perfVersion()}, "population_year": {"2024"}, "population_children": {"1"}, "population_reason": {"x"}},
		"file", "x.csv", good); res.status != http.StatusForbidden {
		t.Errorf("a file to a page that takes none: status %d, want 403", res.status)
	}
}
