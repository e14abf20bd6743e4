package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/access"
	"hearth/internal/app"
	"hearth/internal/education"
	"hearth/internal/store"
	"hearth/internal/web"
)

// The referrals of children missing education through the pages: the
// route table's rows and helpers, and the tests of what the table does not
// show (who outside the CME team is refused, and the public form's
// defences against abuse).

// cmeRoutes are the route table's rows for the CME module. The CME team is
// the test team, of which every role's user is a member: the queue and
// referrals are open to all of them, and matching to those whose role
// reads the test child (TestCMEOutsideTheTeam shows the refusals).
var cmeRoutes = map[string]routeRule{
	"GET " + web.CMEFormPath: {public: true, check: contains(`name="form_token"`)},
	"POST " + web.CMEFormPath: {public: true, req: func(e *env, _ access.Role) call {
		return call{form: e.cmeForm(validCMEForm())}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		if !strings.Contains(res.body, "Your referral has been sent") || !cmeRefRE.MatchString(res.body) {
			return fmt.Errorf("no confirmation with a reference: %.300s", res.body)
		}
		return e.cmeKept(c.form.Get("child_family_name"))
	}},
	"GET /cme": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.cmeIsTheTeam()
		return call{}
	}, check: contains("Children missing education: referrals")},
	"GET /cme/{id}": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.cmeIsTheTeam()
		return call{path: "/cme/" + str(e.cmeReferral("Viewed "+serial()).ID)}
	}, check: contains("What the referrer told us")},
	// CME officers hold the education role: they match to a child their
	// team's education records open to them (the pupil), as social care
	// matches to one of its own.
	"POST /cme/{id}/match": {allowed: append(slices.Clone(readers), access.Education), want: http.StatusSeeOther, req: func(e *env, role access.Role) call {
		e.cmeIsTheTeam()
		r := e.cmeReferral("Matched " + serial())
		child := e.child
		if role == access.Education {
			child = e.educationPupil()
		}
		return call{path: "/cme/" + str(r.ID) + "/match", form: url.Values{"version": {"1"}, "person_id": {str(child)}, "reason": {"found " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.cmeNow(c.path, education.ReferralMatched, c.form.Get("reason"))
	}},
	"POST /cme/{id}/close": {allowed: everyone, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		e.cmeIsTheTeam()
		r := e.cmeReferral("Closed " + serial())
		return call{path: "/cme/" + str(r.ID) + "/close", form: url.Values{"version": {"1"}, "close_reason": {"not_cme"}, "close_reason_text": {"on roll " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.cmeNow(c.path, education.ReferralClosed, c.form.Get("close_reason_text"))
	}},
	"GET /api/v1/cme-referrals": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.cmeIsTheTeam()
		e.cmeReferral("Listed " + serial())
		return call{}
	}, check: contains(`"child_family_name":"Listed `)},
	"GET /api/v1/cme-referrals/{id}": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.cmeIsTheTeam()
		return call{path: "/api/v1/cme-referrals/" + str(e.cmeReferral("Read "+serial()).ID)}
	}, check: contains(`"history":[{`)},
	"POST /api/v1/cme-referrals/{id}/match": {allowed: append(slices.Clone(readers), access.Education), req: func(e *env, role access.Role) call {
		e.cmeIsTheTeam()
		r := e.cmeReferral("Matched " + serial())
		child := e.child
		if role == access.Education {
			child = e.educationPupil()
		}
		return call{path: "/api/v1/cme-referrals/" + str(r.ID) + "/match", body: jsonOf(map[string]any{"version": 1, "person_id": child, "reason": "found " + serial()})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.cmeNow(strings.TrimPrefix(c.path, "/api/v1"), education.ReferralMatched, jsonField(c.body, "reason"))
	}},
	"POST /api/v1/cme-referrals/{id}/close": {allowed: everyone, req: func(e *env, _ access.Role) call {
		e.cmeIsTheTeam()
		r := e.cmeReferral("Closed " + serial())
		return call{path: "/api/v1/cme-referrals/" + str(r.ID) + "/close", body: jsonOf(map[string]any{"version": 1, "close_reason": "not_cme", "reason": "on roll " + serial()})}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		return e.cmeNow(strings.TrimPrefix(c.path, "/api/v1"), education.ReferralClosed, jsonField(c.body, "reason"))
	}},
	"GET /admin/cme-team": {allowed: admins, check: contains(`name="team_id"`)},
	"POST /admin/cme-team": {allowed: admins, want: http.StatusSeeOther, req: func(e *env, _ access.Role) call {
		_, v, err := e.st.CMETeam(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		return call{form: url.Values{"team_id": {str(e.team.ID)}, "version": {strconv.Itoa(v)}, "reason": {"confirmed " + serial()}}}
	}, check: func(e *env, _ *browser, _ access.Role, c call, res response) error {
		h, err := e.st.CMETeamHistory(context.Background())
		if err != nil {
			return err
		}
		if len(h) == 0 || h[len(h)-1].Reason != c.form.Get("reason") {
			return fmt.Errorf("the setting's last change is not %q: %+v", c.form.Get("reason"), h)
		}
		return nil
	}},
}

var (
	cmeRefRE   = regexp.MustCompile(`CME-[A-HJ-NP-Z2-9]{8}`)
	cmeTokenRE = regexp.MustCompile(`name="form_token" value="([^"]+)"`)
)

// validCMEForm is a form a referrer might send.
func validCMEForm() url.Values {
	return url.Values{
		"child_given_name": {"Ayla"}, "child_family_name": {"Stone " + serial()}, "address": {"4 Mill Lane"}, "school": {"Riverside Primary"},
		"concern": {"Not at school since Easter"}, "referrer_name": {"Sam Reed"}, "referrer_type": {"public"}, "phone": {"01632 960 001"},
	}
}

// cmeForm adds a fresh form token to f, as if the form had been served.
func (e *env) cmeForm(f url.Values) url.Values {
	e.t.Helper()
	tok, err := e.app.CMEFormToken(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	f.Set("form_token", tok)
	return f
}

// cmeIsTheTeam names the test team as the CME team, through the app, unless
// it is already.
func (e *env) cmeIsTheTeam() {
	e.t.Helper()
	e.namesTheTeam(e.st.CMETeam, e.app.SetCMETeam, "the test team is the CME team")
}

// namesTheTeam names the test team in one of the council's named-team
// settings (read from the store, set through the app so that its cache of
// the setting is dropped), unless it is already.
func (e *env) namesTheTeam(read func(context.Context) (access.TeamID, int, error),
	set func(context.Context, app.Actor, access.TeamID, int, string) error, why string) {
	e.t.Helper()
	ctx := context.Background()
	team, v, err := read(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if team == e.team.ID {
		return
	}
	p, err := e.app.Principal(ctx, e.users[access.Admin])
	if err != nil {
		e.t.Fatal(err)
	}
	if err := set(ctx, app.Actor{Principal: p}, e.team.ID, v, why); err != nil {
		e.t.Fatal(err)
	}
}

// cmeReferral adds a new referral straight to the store.
func (e *env) cmeReferral(family string) education.CMEReferral {
	e.t.Helper()
	r, err := e.st.CreateCMEReferral(context.Background(), education.CMEReferral{
		Reference: "CME-T" + fmt.Sprintf("%07d", serials.Add(1)), ChildGivenName: "Ayla", ChildFamilyName: family, Address: "4 Mill Lane",
		Concern: "Not at school", ReferrerName: "Sam Reed", ReferrerType: "public", Phone: "01632 960 001",
		Received: time.Now().UTC().Truncate(time.Microsecond), FilledIn: time.Minute, Status: education.ReferralNew,
	}, store.Change{Reason: "test"})
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// cmeKept checks that a referral about a child of this family name is in
// the queue.
func (e *env) cmeKept(family string) error {
	rs, err := e.st.OpenCMEReferrals(context.Background())
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.ChildFamilyName == family {
			return nil
		}
	}
	return fmt.Errorf("no referral about %q was kept", family)
}

// jsonField is a string field of a JSON body the test wrote.
func jsonField(body, name string) string {
	var m map[string]any
	_ = json.Unmarshal([]byte(body), &m)
	s, _ := m[name].(string)
	return s
}

// cmeNow checks the referral a path names has the status, changed for
// the reason.
func (e *env) cmeNow(path, status, reason string) error {
	id, _ := strconv.ParseInt(strings.Split(path, "/")[2], 10, 64)
	h, err := e.st.CMEReferralHistory(context.Background(), education.CMEReferralID(id))
	if err != nil {
		return err
	}
	last := h[len(h)-1]
	if last.Record.Status != status || last.Reason != reason {
		return fmt.Errorf("referral %d is %s for %q, want %s for %q", id, last.Record.Status, last.Reason, status, reason)
	}
	return nil
}

// TestCMEOutsideTheTeam: a user of another team, of any role, is told
// "not found" for the queue, for a referral and for one that does not
// exist, and cannot change one; the navigation offers the queue to the
// team's members alone.
func TestCMEOutsideTheTeam(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.cmeReferral("Hidden")
	member := e.browser().signIn(access.Practitioner)
	if strings.Contains(member.get("/").body, `href="/cme"`) {
		t.Errorf("the queue is offered before a CME team is named")
	}
	if res := member.get("/cme"); res.status != http.StatusNotFound {
		t.Errorf("the queue before a CME team is named: %d", res.status)
	}
	other, err := e.st.CreateTeam(ctx, access.Team{Name: "Children Missing Education", ServiceID: e.team.ServiceID})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.app.Principal(ctx, e.users[access.Admin])
	if err != nil {
		t.Fatal(err)
	}
	if err := e.app.SetCMETeam(ctx, app.Actor{Principal: p}, other.ID, 0, "the CME team"); err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, role := range access.Roles {
		b := e.browser().signIn(role)
		if strings.Contains(b.get("/").body, `href="/cme"`) {
			t.Errorf("%s: the queue is offered outside the CME team", role)
		}
		for _, path := range []string{"/cme", "/cme/" + str(r.ID), "/cme/" + str(r.ID+1000)} {
			res := b.get(path)
			if res.status != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", role, path, res.status)
			}
			bodies = append(bodies, strings.ReplaceAll(res.body, string(role), ""))
		}
		// The API answers the same: 404 for the queue, for a referral
		// that exists and one that does not, and for a change to either.
		for _, path := range []string{"/api/v1/cme-referrals", "/api/v1/cme-referrals/" + str(r.ID), "/api/v1/cme-referrals/" + str(r.ID+1000)} {
			if res := e.api(role, "GET", path, ""); res.status != http.StatusNotFound {
				t.Errorf("%s API %s: %d, want 404", role, path, res.status)
			}
		}
		for _, id := range []education.CMEReferralID{r.ID, r.ID + 1000} {
			if res := e.api(role, "POST", "/api/v1/cme-referrals/"+str(id)+"/close", `{"version":1,"close_reason":"not_cme","reason":"x y z"}`); res.status != http.StatusNotFound {
				t.Errorf("%s API close %d: %d, want 404", role, id, res.status)
			}
		}
		for _, path := range []string{"/cme/" + str(r.ID) + "/close", "/cme/" + str(r.ID+1000) + "/close"} {
			if res := b.post(path, url.Values{"version": {"1"}, "close_reason": {"not_cme"}, "close_reason_text": {"x y z"}}); res.status != http.StatusNotFound {
				t.Errorf("%s POST %s: %d, want 404", role, path, res.status)
			}
		}
	}
	// The pages for a referral that exists and one that does not say the
	// same (the request id aside).
	reqID := regexp.MustCompile(`Reference: [^<]*`)
	if a, b := reqID.ReplaceAllString(bodies[1], ""), reqID.ReplaceAllString(bodies[2], ""); a != b {
		t.Errorf("a referral that exists and one that does not are answered differently")
	}
	got, err := e.st.CMEReferral(ctx, r.ID)
	if err != nil || got.Version != 1 {
		t.Fatalf("the referral changed: %+v, %v", got, err)
	}
	lines, err := e.st.AccessLog(ctx, store.AccessQuery{Kind: store.KindCMEReferral, RecordID: int64(r.ID), Action: store.LogDenied, Limit: 100})
	if err != nil || len(lines) < len(access.Roles) {
		t.Errorf("%d refusals of the referral logged (%v)", len(lines), err)
	}
}

// TestCMEFormAbuse: the public form under abuse. A flood from one address
// is answered 429 past its limit; a huge post 413 before it is read; a
// form with no token or a forged one 403; the honeypot and a form sent too
// fast are answered like any other (the first kept nowhere, the second
// kept flagged); script typed into every field is shown back escaped,
// both to the referrer (on an error) and to the CME team; every error
// names its field in the summary.
func TestCMEFormAbuse(t *testing.T) {
	e := newEnv(t)
	e.cmeIsTheTeam()
	anon := e.browser()
	ctx := context.Background()

	page := anon.get(web.CMEFormPath)
	if page.status != http.StatusOK || !cmeTokenRE.MatchString(page.body) || !strings.Contains(page.body, `name="website"`) {
		t.Fatalf("the form: %d", page.status)
	}

	// Errors name their fields, and what was typed comes back escaped.
	const script = `<script>alert("x")</script>`
	evil := url.Values{}
	for _, f := range []string{"child_given_name", "child_family_name", "child_other_names", "address", "postcode", "school", "concern", "referrer_name", "referrer_type", "referrer_role", "email", "phone", "date_of_birth-day"} {
		evil.Set(f, script)
	}
	res := anon.post(web.CMEFormPath, e.cmeForm(evil))
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("script in every field: %d, want 422: %.300s", res.status, res.body)
	}
	if strings.Contains(res.body, script) || !strings.Contains(res.body, html.EscapeString(script)) && !strings.Contains(res.body, "&lt;script&gt;") {
		t.Errorf("script not escaped on the form")
	}
	for _, f := range []string{"postcode", "email", "phone", "referrer_type", "date_of_birth-day"} {
		if !strings.Contains(res.body, `href="#`+f+`"`) {
			t.Errorf("the error summary does not link to %s", f)
		}
	}

	// Script the rules accept is kept as typed and shown escaped to the team.
	ok := validCMEForm()
	for _, f := range []string{"child_given_name", "child_family_name", "child_other_names", "address", "school", "concern", "referrer_name", "referrer_role"} {
		ok.Set(f, script)
	}
	form := e.cmeForm(ok)
	res = anon.post(web.CMEFormPath, form)
	if res.status != http.StatusOK || !cmeRefRE.MatchString(res.body) {
		t.Fatalf("a form with script: %d: %.300s", res.status, res.body)
	}
	rs, err := e.st.OpenCMEReferrals(ctx)
	if err != nil || len(rs) != 1 || rs[0].ChildFamilyName != script || !rs[0].Hurried() {
		t.Fatalf("kept %+v, %v: want the one referral, as typed, flagged as sent fast", rs, err)
	}
	team := e.browser().signIn(access.Practitioner)
	for _, path := range []string{"/cme", "/cme/" + str(rs[0].ID)} {
		res := team.get(path)
		if res.status != http.StatusOK || strings.Contains(res.body, script) || !strings.Contains(res.body, "&lt;script&gt;") {
			t.Errorf("%s: %d, script not escaped", path, res.status)
		}
	}
	if !strings.Contains(team.get("/cme").body, "Sent very fast") {
		t.Errorf("the queue does not flag the referral sent too fast")
	}

	// No token, a forged one: refused, nothing kept.
	for name, tok := range map[string]string{"no token": "", "forged": "1700000000.AAAA.BBBB"} {
		f := validCMEForm()
		f.Set("form_token", tok)
		if res := anon.post(web.CMEFormPath, f); res.status != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", name, res.status)
		}
	}

	// A post a browser sends from another site is refused before the form
	// is read, as every post is.
	cross, _ := http.NewRequest("POST", e.srv.URL+web.CMEFormPath, strings.NewReader(e.cmeForm(validCMEForm()).Encode()))
	cross.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := anon.do(cross); res.status != http.StatusForbidden {
		t.Errorf("a cross-site post: %d, want 403", res.status)
	}

	// The honeypot: the same answer, nothing kept.
	hp := e.cmeForm(validCMEForm())
	hp.Set("website", "http://spam.example")
	res = anon.post(web.CMEFormPath, hp)
	if res.status != http.StatusOK || !cmeRefRE.MatchString(res.body) {
		t.Errorf("honeypot: %d, want the confirmation", res.status)
	}
	if rs, _ := e.st.OpenCMEReferrals(ctx); len(rs) != 1 {
		t.Errorf("%d referrals after the honeypot, want 1", len(rs))
	}

	// A huge post: 413, nothing kept.
	huge := e.cmeForm(validCMEForm())
	huge.Set("concern", strings.Repeat("a", 1<<20))
	if res := anon.post(web.CMEFormPath, huge); res.status != http.StatusRequestEntityTooLarge {
		t.Errorf("huge post: %d, want 413", res.status)
	}

	// A flood from one address: 429 once its burst is spent (the posts above
	// used some of it), with Retry-After; nothing more kept.
	var last response
	typed := validCMEForm()
	typed.Set("child_family_name", "Kept-As-Typed")
	typed.Set("concern", "Seen at the market on <Tuesday>")
	for i := 0; i < app.CMEAddressBurst+1; i++ {
		last = anon.post(web.CMEFormPath, e.cmeForm(typed))
		if last.status == http.StatusTooManyRequests {
			break
		}
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Fatalf("flood: last status %d, want 429 with Retry-After", last.status)
	}
	// The refused form comes back with what was typed, escaped, and an
	// error summary saying why, linked to the Send button.
	for _, want := range []string{`value="Kept-As-Typed"`, "Seen at the market on &lt;Tuesday&gt;", `href="#send"`, `id="send"`, "Wait a few minutes", `name="form_token"`} {
		if !strings.Contains(last.body, want) {
			t.Errorf("the 429 page lacks %s", want)
		}
	}
	rs, _ = e.st.OpenCMEReferrals(ctx)
	if len(rs) >= app.CMEAddressBurst {
		t.Errorf("%d referrals kept from a burst of %d", len(rs), app.CMEAddressBurst)
	}
}
