package browsertest

import "testing"

// carersRegister: a team manager opens the register of foster households,
// is shown every error of a household added with none of its details, adds
// it, and opens it and its form of changes; then the counts of foster
// placements. axe checks each page.
func carersRegister(t *testing.T, tb *tab) {
	signIn(t, tb, "test.team_manager", false)
	wantStatus(t, tb, "the register", tb.follow(`nav a[href="/carers"]`), 200)
	if ps := tb.state(); ps.H1 != "Foster carers" {
		t.Fatalf("the register: heading %q", ps.H1)
	}
	tb.checkA11y("register of foster households")

	wantStatus(t, tb, "new household form", tb.follow(`main a[href="/carers/new"]`), 200)
	tb.checkA11y("new household form")
	tb.fill("places", "two")
	wantStatus(t, tb, "a household with no details", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "a household with no details", tb.state(), map[string]string{
		"#name":         "Enter the household's name, such as Mr and Ms Okafor",
		"#type":         "Select the type of household",
		"#approved-day": "Enter the date the household was approved",
		"#places":       "Places must be a whole number, such as 2",
		"#reason":       "Enter the reason for this change",
	})
	if v := tb.value("places"); v != "two" {
		t.Errorf("the form with errors: places holds %q, want what was typed", v)
	}
	tb.checkA11y("household form with errors")

	tb.fill("name", "Mr and Ms Okafor")
	if !eval[bool](tb, `(s => (s.value = 'mainstream', true))(document.getElementById('type'))`) {
		t.Fatal("no type to select")
	}
	tb.fillDate("approved", "4", "3", "2019")
	tb.fill("places", "2")
	tb.fill("postcode", "wv1 1rg")
	tb.fill("reason", "Approved at panel")
	wantStatus(t, tb, "add the household", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if ps := tb.state(); ps.H1 != "Mr and Ms Okafor" {
		t.Fatalf("after adding: heading %q, errors %+v", ps.H1, ps.Summary)
	}
	if got := tb.summaryList("The household"); got["Postcode"] != "WV1 1RG" || got["Places"] != "2" {
		t.Errorf("the household shows %q", got)
	}
	tb.checkA11y("foster household")
	wantStatus(t, tb, "change form", tb.follow(`main a[href$="/edit"]`), 200)
	tb.checkA11y("change a foster household")

	wantStatus(t, tb, "placement counts", tb.open("/carers/placements"), 200)
	tb.checkA11y("foster placements by provider")
}
