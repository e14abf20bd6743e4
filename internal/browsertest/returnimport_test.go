package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/civil"
	"hearth/internal/returns/cin"
)

// importPastReturns: an administrator chooses a past CIN census on the returns
// page whose referral source is not a code of the list; the error summary
// leads to the table of problems, which says the file, element, child and
// field, and nothing is imported. The good census is then imported and the
// page says what it wrote. axe checks each page.
func importPastReturns(t *testing.T, tb *tab) {
	good := censusFile(t, "BRW1")
	bad := strings.Replace(good, "<ReferralSource>1A</ReferralSource>", "<ReferralSource>ZZ</ReferralSource>", 1)
	dir := t.TempDir()
	badPath, goodPath := filepath.Join(dir, "census-2023.xml"), filepath.Join(dir, "census-2023-fixed.xml")
	if err := os.WriteFile(badPath, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goodPath, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}

	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "the returns", tb.open("/returns"), 200)
	tb.checkA11y("statutory returns, with the import")
	tb.do("choose the bad census", chromedp.SetUploadFiles(byID("cin"), []string{badPath}))
	wantStatus(t, tb, "a census with a problem", tb.follow(`main form[action="/returns/import"] button[type=submit]`), 422)
	ps := tb.state()
	if len(ps.Summary) != 1 || ps.Summary[0].Href != "#problems" || ps.Summary[0].Text != "1 problem in the files: nothing was imported" || ps.Summary[0].Target != "h2" {
		t.Errorf("the error summary is %+v, want one link to the table of problems", ps.Summary)
	}
	rows := tb.rows("Problems in the files")
	if len(rows) != 1 || rows[0][0] != "census-2023.xml" || rows[0][2] != "BRW1" || rows[0][3] != "ReferralSource" || !strings.Contains(rows[0][1], "line") {
		t.Errorf("the problems are %q, want the referral source of BRW1 in census-2023.xml, with its line", rows)
	}
	tb.checkA11y("statutory returns, with a file's problems")

	tb.do("choose the good census", chromedp.SetUploadFiles(byID("cin"), []string{goodPath}))
	wantStatus(t, tb, "the good census", tb.follow(`main form[action="/returns/import"] button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "Past returns imported" {
		t.Fatalf("after the import: heading %q; page says %.400s", ps.H1, ps.Main)
	}
	got := tb.summaryList("What was imported")
	if got["Added as new people"] != "1" || got["Journey records written"] != "2" || got["Children in the files"] != "1" {
		t.Errorf("the import says %v, want 1 child added with 2 records", got)
	}
	tb.checkA11y("past returns imported")
}

// censusFile is a census of 2023 with one child, id, referred on 3 May 2022
// and assessed.
func censusFile(t *testing.T, id string) string {
	c := cin.Census{Year: 2023, Header: cin.Header{LEA: "999", SoftwareCode: "Test", DateTime: time.Date(2023, time.May, 15, 9, 0, 0, 0, time.UTC)},
		Children: []cin.CensusChild{{LAChildID: id, BirthDate: civil.MustNew(2015, time.June, 1), Sex: "2", Ethnicity: "WBRI",
			Episodes: []cin.Episode{{ReferralDate: civil.MustNew(2022, time.May, 3), ReferralSource: "1A", PrimaryNeed: "N1",
				Assessments: []cin.Assessment{{Start: civil.MustNew(2022, time.May, 4), Authorised: civil.MustNew(2022, time.June, 1), Factors: []string{"2B"}}}}}}}}
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
