package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/civil"
	"hearth/internal/returns/cin"
)

// importCensus is a census of 2023 with one child, id, referred on 3 May
// 2022 and assessed.
func importCensus(id string) string {
	c := cin.Census{Year: 2023, Header: cin.Header{LEA: "999", SoftwareCode: "Test", DateTime: time.Date(2023, time.May, 15, 9, 0, 0, 0, time.UTC)},
		Children: []cin.CensusChild{{LAChildID: id, BirthDate: civil.MustNew(2015, time.June, 1), Sex: "2", Ethnicity: "WBRI",
			Episodes: []cin.Episode{{ReferralDate: civil.MustNew(2022, time.May, 3), ReferralSource: "1A", PrimaryNeed: "N1",
				Assessments: []cin.Assessment{{Start: civil.MustNew(2022, time.May, 4), Authorised: civil.MustNew(2022, time.June, 1), Factors: []string{"2B"}}}}}}}}
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		panic(err)
	}
	return b.String()
}

// returnImportRoutes are the route table's rows for importing returns.
var returnImportRoutes = map[string]routeRule{
	"POST /api/v1/returns/import": {allowed: exporters, req: func(*env, access.Role) call {
		return call{body: importCensus("IMP" + serial())}
	}, check: func(_ *env, _ *browser, _ access.Role, _ call, res response) error {
		var got struct{ Children, Created, Records int }
		if err := json.Unmarshal([]byte(res.body), &got); err != nil || got.Children != 1 || got.Created != 1 || got.Records != 2 {
			return fmt.Errorf("imported %+v: %s", got, res.body)
		}
		return nil
	}},
	"POST /returns/import": {allowed: exporters, req: func(*env, access.Role) call {
		return call{form: url.Values{}, file: &formFile{"cin", "census.xml", []byte(importCensus("PAGE" + serial()))}}
	}, check: contains("2 records of 1 child<")},
}

// TestImportReturnsPage: a census with a code not in its list is refused on
// the returns page with its problem in the table, where it is and which
// field, and nothing written; the good census then adds the child; a 903
// without its year is refused for the year.
func TestImportReturnsPage(t *testing.T) {
	e := newEnv(t)
	b := e.browser().signIn(access.Analyst)
	if page := b.get("/returns"); !strings.Contains(page.body, `action="/returns/import"`) {
		t.Fatalf("the returns page has no import form: %.300s", page.body)
	}
	good := importCensus("PAGE1")
	bad := strings.Replace(good, "<ReferralSource>1A</ReferralSource>", "<ReferralSource>ZZ</ReferralSource>", 1)
	if bad == good {
		t.Fatal("the census has no referral source to spoil")
	}
	res := b.postFile("/returns/import", url.Values{}, "cin", "census-2023.xml", []byte(bad))
	for _, want := range []string{"There is a problem", "1 problem in the files: nothing was imported", `href="#problems"`, "census-2023.xml", "ReferralSource", "PAGE1"} {
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, want) {
			t.Errorf("status %d, want 422 showing %q: %.2000s", res.status, want, res.body)
		}
	}
	res = b.postFile("/returns/import", url.Values{}, "cin", "census-2023.xml", []byte(good))
	if res.status != http.StatusOK || !strings.Contains(res.body, `id="created">1<`) || !strings.Contains(res.body, "2 records of 1 child<") {
		t.Errorf("status %d, want the child added by the good file alone: %.2000s", res.status, res.body)
	}
	res = b.postFile("/returns/import", url.Values{"ssda903_year": {"last year"}}, "ssda903", "header.csv", []byte("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"))
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter the SSDA903’s collection year") {
		t.Errorf("status %d, want the year refused: %.2000s", res.status, res.body)
	}
	if res := b.postFile("/returns/import", url.Values{}, "cin", "", nil); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Choose the files of a CIN census or an SSDA903") {
		t.Errorf("status %d, want no files refused: %.2000s", res.status, res.body)
	}
}
