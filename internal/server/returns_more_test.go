package server

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/access"
	"hearth/internal/store"
)

// TestReturnsOfAWindowAndAFolder: Annex A is asked for by the last day and
// months of its window, on the page (refused naming both when they are
// missing) and in the API, which give the same workbook for the same
// moment; the SSDA903 comes from the API as a zip of its CSV files.
func TestReturnsOfAWindowAndAFolder(t *testing.T) {
	e := newEnv(t)
	e.laNumberSet()
	b := e.browser().signIn(access.Analyst)
	res := b.post("/returns", url.Values{"kind": {"annexa"}, "to-day": {"31"}, "to-month": {"2"}, "to-year": {"2023"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %.300s", res.status, res.body)
	}
	sum := errorSummary(res.body)
	for _, want := range []string{`href="#to-day"`, "The last day of the window must be a real date", `href="#months"`} {
		if !strings.Contains(sum, want) {
			t.Errorf("no %s in the summary: %s", want, sum)
		}
	}

	page := b.post("/returns", url.Values{"kind": {"annexa"}, "to-day": {"31"}, "to-month": {"3"}, "to-year": {"2023"}, "months": {"12"}})
	if page.status != http.StatusOK || !strings.HasPrefix(page.body, "PK") || page.header.Get("Content-Disposition") != `attachment; filename="annexa-2023-03-31.xlsx"` {
		t.Fatalf("status %d, %s", page.status, page.header.Get("Content-Disposition"))
	}
	at := page.header.Get("Hearth-As-Recorded-At")
	api := e.api(access.Analyst, "GET", "/api/v1/returns/annexa?to=2023-03-31&months=12&as_recorded_on="+url.QueryEscape(at), "")
	if api.status != http.StatusOK || api.body != page.body {
		t.Errorf("the API's Annex A at %s (status %d) differs from the page's", at, api.status)
	}

	api = e.api(access.Analyst, "GET", "/api/v1/returns/ssda903?year=2023", "")
	if api.status != http.StatusOK || api.header.Get("Content-Type") != "application/zip" {
		t.Fatalf("status %d, %s: %.300s", api.status, api.header.Get("Content-Type"), api.body)
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(api.body)), int64(len(api.body)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
	}
	if !names["Header.csv"] || !names["Episodes.csv"] {
		t.Errorf("files in the zip: %v", names)
	}
	lines, err := e.st.AccessLog(context.Background(), store.AccessQuery{Action: store.LogExport, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 {
		t.Errorf("%d export lines, want 3", len(lines))
	}
}
