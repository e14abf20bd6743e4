package browsertest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cmeReferralToClosure: a member of the public, with no account, sends the
// online form about a child missing education (first empty, to see every
// error named); the administrator names the CME team; a practitioner of
// that team finds the referral in the queue, searches for the child,
// matches the referral to her and closes it with a reason. axe checks each
// page.
func cmeReferralToClosure(t *testing.T, tb *tab, s *site) {
	wantStatus(t, tb, "the public form", tb.open("/report-child-missing-education"), 200)
	if ps := tb.state(); ps.H1 != "Tell us about a child who may be missing education" {
		t.Fatalf("the public form: heading %q", ps.H1)
	}
	tb.checkA11y("public CME form")
	wantStatus(t, tb, "an empty form", tb.follow(`main form[method=post] button[type=submit]`), 422)
	wantErrors(t, "an empty form", tb.state(), map[string]string{
		"#child_given_name": "Enter the child's first name or last name, or both",
		"#address":          "Enter the child's last known address or their last known school",
		"#concern":          "Enter why you think the child is missing education",
		"#referrer_name":    "Enter your name",
		"#referrer_type":    "Select whether you work with children or are a member of the public",
		"#email":            "Enter an email address or a phone number so that we can contact you",
	})
	tb.checkA11y("public CME form with errors")

	tb.fill("child_given_name", "Amira")
	tb.fill("child_family_name", "Khan")
	tb.fill("address", "1 High Street, Wolverhampton")
	tb.fill("school", "<b>Riverside</b> Primary")
	tb.fill("concern", "She has not been at school since the spring half term and the family may have moved.")
	tb.fill("referrer_name", "Sam Reed")
	if !eval[bool](tb, `(r => !!r && (r.click(), true))(document.getElementById('referrer_type-public'))`) {
		t.Fatal("no radio for a member of the public")
	}
	tb.fill("email", "sam.reed@example.org")
	wantStatus(t, tb, "send the form", tb.follow(`main form[method=post] button[type=submit]`), 200)
	ps := tb.state()
	ref := regexp.MustCompile(`CME-[A-Z0-9]{8}`).FindString(ps.Main)
	if ps.H1 != "Your referral has been sent" || ref == "" {
		t.Fatalf("after sending: heading %q, page %.300s", ps.H1, ps.Main)
	}
	tb.checkA11y("CME referral sent")

	// The administrator names the team (every test user's) as the CME team.
	signIn(t, tb, "test.admin", false)
	wantStatus(t, tb, "the CME team setting", tb.open("/admin/cme-team"), 200)
	tb.checkA11y("CME team setting")
	if !eval[bool](tb, `(s => { const o = [...s.options].find(o => o.text === 'Safeguarding 1'); if (!o) return false; s.value = o.value; return true })(document.getElementById('team_id'))`) {
		t.Fatal("no team to choose")
	}
	tb.fill("reason", "The CME officers sit in this team")
	wantStatus(t, tb, "name the CME team", tb.follow(`main form[method=post] button[type=submit]`), 200)
	if !strings.Contains(tb.state().Main, "The CME officers sit in this team") {
		t.Fatalf("the setting's history does not show the change: %.300s", tb.state().Main)
	}
	wantStatus(t, tb, "sign out", tb.follow(`header form[action="/sign-out"] button`), 200)

	// A practitioner of the team works the referral.
	signIn(t, tb, "test.practitioner", false)
	wantStatus(t, tb, "the queue", tb.follow(`nav a[href="/cme"]`), 200)
	if ps := tb.state(); ps.H1 != "Children missing education: referrals" || !strings.Contains(ps.Main, ref) || !strings.Contains(ps.Main, "Amira Khan") {
		t.Fatalf("the queue: heading %q, page %.300s", ps.H1, ps.Main)
	}
	tb.checkA11y("CME queue")
	wantStatus(t, tb, "the referral", tb.follow(`main table a[href^="/cme/"]`), 200)
	if ps := tb.state(); ps.H1 != ref || !strings.Contains(ps.Main, "<b>Riverside</b> Primary") {
		t.Fatalf("the referral: heading %q, page %.300s", ps.H1, ps.Main)
	}
	tb.checkA11y("CME referral")
	tb.fill("name", "Amira Khan")
	wantStatus(t, tb, "search for the child", tb.follow(`main form[method=get] button`), 200)
	if !strings.Contains(tb.state().Main, "Khan, Amira") {
		t.Fatalf("the search did not find Amira: %.400s", tb.state().Main)
	}
	tb.checkA11y("CME referral with a search")
	tb.fill("person_id", strconv.FormatInt(int64(s.child), 10))
	tb.fill("reason", "Found on the register by name and address")
	wantStatus(t, tb, "match the referral", tb.follow(`main form[action$="/match"] button[type=submit]`), 200)
	if got := eval[string](tb, `document.getElementById('status').textContent`); got != "Matched to a child" {
		t.Fatalf("after matching: status %q; errors %+v", got, tb.state().Summary)
	}
	if !eval[bool](tb, `(r => !!r && (r.click(), true))(document.getElementById('close_reason'))`) {
		t.Fatal("no close reason to choose")
	}
	tb.fill("close_reason_text", "CME enquiry opened for Amira")
	wantStatus(t, tb, "close the referral", tb.follow(`main form[action$="/close"] button[type=submit]`), 200)
	if got := eval[string](tb, `document.getElementById('status').textContent`); got != "Closed" {
		t.Fatalf("after closing: status %q; errors %+v", got, tb.state().Summary)
	}
	if main := tb.state().Main; !strings.Contains(main, "CME enquiry opened for Amira") || !strings.Contains(main, "A CME enquiry was opened for the child") {
		t.Errorf("the closed referral does not show why: %.400s", main)
	}
	wantStatus(t, tb, "the queue again", tb.open("/cme"), 200)
	if !strings.Contains(tb.state().Main, "There are no open referrals.") {
		t.Errorf("the closed referral is still in the queue: %.300s", tb.state().Main)
	}
}
