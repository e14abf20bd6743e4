package api

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"hearth/internal/civil"
	"hearth/internal/returns/cin"
	"hearth/internal/returns/ssda903"
)

// importCensus is a census of 2025 with one child, referred on 3 May 2024
// and assessed.
func importCensus(t *testing.T, id, source string) string {
	t.Helper()
	c := cin.Census{Year: 2025, Header: cin.Header{LEA: "336", SoftwareCode: "Test", DateTime: time.Date(2025, time.May, 15, 9, 0, 0, 0, time.UTC)},
		Children: []cin.CensusChild{{LAChildID: id, BirthDate: civil.MustNew(2015, time.June, 1), Sex: "2", Ethnicity: "WBRI",
			Episodes: []cin.Episode{{ReferralDate: civil.MustNew(2024, time.May, 3), ReferralSource: source, PrimaryNeed: "N1",
				Assessments: []cin.Assessment{{Start: civil.MustNew(2024, time.May, 4), Authorised: civil.MustNew(2024, time.June, 1), Factors: []string{"2B"}}}}}}}}
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// multipartOf writes files as parts named by their keys' first word.
func multipartOf(t *testing.T, parts [][3]string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		fw, err := mw.CreateFormFile(p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(p[2]))
	}
	mw.Close()
	return mw.FormDataContentType(), b.String()
}

func (e *env) people(t *testing.T) int {
	t.Helper()
	n, err := e.st.CountPeople(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportThroughTheAPI: a census as the body, and a census with a 903
// as multipart parts, are imported for analysts and administrators only.
func TestImportThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	status, _, body := e.do("POST", "/api/v1/returns/import", "worker", "application/xml", importCensus(t, "P1", "1A"))
	if status != http.StatusForbidden {
		t.Errorf("a practitioner: status %d: %s", status, body)
	}
	status, _, body = e.do("POST", "/api/v1/returns/import", "analyst", "application/xml", importCensus(t, "P1", "1A"))
	if status != http.StatusOK || !strings.Contains(body, `"children":1`) || !strings.Contains(body, `"records":2`) {
		t.Errorf("status %d: %s", status, body)
	}

	// A 903 of 2024-25: the child came into care on 2 January 2025.
	r := ssda903.Return{Year: 2025,
		Header:   []ssda903.HeaderRow{{Child: "C903", Sex: "M", DOB: civil.MustNew(2012, time.March, 1), Ethnic: "WBRI", UPN: "UN1"}},
		Episodes: []ssda903.EpisodeRow{{Child: "C903", DECOM: civil.MustNew(2025, time.January, 2), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1", HomePost: "WV1 1AA", PLPost: "WV2 2AA", URN: "XXXXXXX"}},
	}
	parts := [][3]string{{"cin", "census.xml", importCensus(t, "P2", "1A")}}
	for _, tb := range []ssda903.Table{ssda903.TableHeader, ssda903.TableEpisodes} {
		var b bytes.Buffer
		if err := r.WriteTable(&b, tb); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, [3]string{"ssda903-2025", tb.File(), b.String()})
	}
	ctype, mp := multipartOf(t, parts)
	status, _, body = e.do("POST", "/api/v1/returns/import", "admin", ctype, mp)
	var got struct{ Children, Created, Records int }
	if err := json.Unmarshal([]byte(body), &got); err != nil || status != http.StatusOK || got.Children != 2 || got.Records != 3 {
		t.Errorf("status %d: %s", status, body)
	}
}

// TestImportAPIProblems: a census with an unknown code and an impossible
// date, and one of a child already held, are refused with every problem,
// its place and field, in the JSON; nothing is written.
func TestImportAPIProblems(t *testing.T) {
	e := newEnv(t)
	before := e.people(t)
	bad := importCensus(t, "BAD1", "ZZ")
	bad = strings.Replace(bad, "<CINreferralDate>2024-05-03</CINreferralDate>", "<CINreferralDate>2024-02-30</CINreferralDate>", 1)
	status, _, body := e.do("POST", "/api/v1/returns/import", "analyst", "application/xml", bad)
	var res struct {
		Error    struct{ Code string }
		Problems []struct{ File, Where, Field, Reason string }
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %s", status, body)
	}
	fields := map[string]bool{}
	for _, p := range res.Problems {
		fields[p.Field] = true
		if p.Where == "" || p.Reason == "" {
			t.Errorf("a problem without its place or reason: %+v", p)
		}
	}
	if res.Error.Code != "invalid" || !fields["ReferralSource"] || !fields["CINreferralDate"] {
		t.Errorf("problems %s", body)
	}
	if n := e.people(t); n != before {
		t.Errorf("%d people after a refused import, want %d", n, before)
	}
	// A part of no return is refused by name.
	ctype, mp := multipartOf(t, [][3]string{{"census", "c.xml", importCensus(t, "P3", "1A")}})
	if status, _, body := e.do("POST", "/api/v1/returns/import", "analyst", ctype, mp); status != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"census"`) {
		t.Errorf("status %d: %s", status, body)
	}
}

// TestImportAPILimit: a body over the limit is refused with 413 and the
// API's error, and nothing is written. The limit is lowered to try it
// without sending 200 MB.
func TestImportAPILimit(t *testing.T) {
	e := newEnv(t)
	before := e.people(t)
	defer func(n int64) { maxImport = n }(maxImport)
	census := importCensus(t, "BIG1", "1A")
	maxImport = int64(len(census)) + 100
	for _, ct := range []string{"application/xml", "multipart"} {
		body, ctype := census+strings.Repeat(" ", 200), ct
		if ct == "multipart" {
			ctype, body = multipartOf(t, [][3]string{{"cin", "c.xml", body}})
		}
		status, _, got := e.do("POST", "/api/v1/returns/import", "analyst", ctype, body)
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(got, `"code":"too_large"`) {
			t.Errorf("%s: status %d: %s", ct, status, got)
		}
	}
	// Just under it, the same file is imported.
	if status, _, got := e.do("POST", "/api/v1/returns/import", "analyst", "application/xml", census); status != http.StatusOK {
		t.Errorf("under the limit: status %d: %s", status, got)
	}
	if n := e.people(t); n != before+1 {
		t.Errorf("%d people, want %d", n, before+1)
	}
}
